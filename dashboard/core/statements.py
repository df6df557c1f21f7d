"""The sourced table of statements, the headline sentence, and the CSV export."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from babel.lists import format_list

from dashboard.core.countries import country_name
from dashboard.core.dataset import newest_first
from dashboard.core.language import N_, _, babel_locale, comma, ngettext, number
from dashboard.core.text import number_or_none, number_text, range_text
from dashboard.core.vocabulary import ROLES, SOURCE_KINDS, STATUSES, holds

TABLE_COLUMNS = [
    "Date",
    "Country",
    "Role",
    "Status",
    "Number",
    "Conditions",
    "Speaker",
    "Source",
    "Published",
    "Kind",
    "Quote",
    "Translation",
    "Link",
    "Checked",
    "Note",
    "ID",
]
# The table's columns as the page heads them, in the reader's language: `_(label)` where shown.
# The columns themselves stay English, since the CSV export writes them and scripts read them.
STATEMENT_COLUMN_LABELS: dict[str, str] = {
    # TRANSLATORS: a column of the statements table: the date a statement was made.
    "Date": N_("Date"),
    "Country": N_("Country"),
    "Role": N_("Role"),
    "Status": N_("Status"),
    # TRANSLATORS: a column of the statements table: the personnel or money a statement names.
    "Number": N_("Number"),
    "Conditions": N_("Conditions"),
    "Speaker": N_("Speaker"),
    # TRANSLATORS: a column of the statements table: the outlet that reported a statement.
    "Source": N_("Source"),
    # TRANSLATORS: a column of the statements table: the date the source was published.
    "Published": N_("Published"),
    # TRANSLATORS: a column of the statements table: the kind of source (official, wire...).
    "Kind": N_("Kind"),
    "Quote": N_("Quote"),
    # TRANSLATORS: a column of the statements table: the curator's English translation of a
    # quote.
    "Translation": N_("Translation"),
    # TRANSLATORS: a column of the statements table: the link to the source.
    "Link": N_("Link"),
    # TRANSLATORS: a column of the statements table: when the quote was last confirmed at its
    # source.
    "Checked": N_("Checked"),
    # TRANSLATORS: a column of the statements table: the curator's note on a statement.
    "Note": N_("Note"),
    # TRANSLATORS: a column of the statements table: the statement's identifier.
    "ID": N_("ID"),
}


def statement_table(statements: pd.DataFrame) -> pd.DataFrame:
    """Turn statements into the table readers see: labels, numbers in words, the source."""
    records = statements.to_dict("records")
    table = pd.DataFrame.from_records(
        [
            {
                "Date": r["date"].date(),
                "Country": country_name(r["country"]),
                "Role": ROLES[r["role"]].label,
                "Status": STATUSES[r["status"]].label,
                "Number": number_text(r),
                "Conditions": r["conditions"],
                "Speaker": r["speaker"],
                "Source": r["source_outlet"],
                "Published": pd.NaT if pd.isna(r["source_date"]) else r["source_date"].date(),
                "Kind": SOURCE_KINDS[r["source_kind"]].label,
                "Quote": r["quote"],
                "Translation": r["quote_translation"],
                "Link": r["source_url"],
                "Checked": pd.NaT if pd.isna(r["checked"]) else r["checked"].date(),
                "Note": r["note"],
                "ID": r["id"],
            }
            for r in records
        ],
        columns=TABLE_COLUMNS,
    )
    return table


def _role_in_id(statement_id: str) -> str:
    """The role an id names: `idn-police-training-20260219` -> police_training."""
    parts = statement_id.split("-")[1:]
    if len(parts) >= 2 and parts[-1].isalpha() and parts[-2].isdigit():
        parts.pop()  # a same-day suffix such as -b
    while parts and parts[-1].isdigit():
        parts.pop()  # the date
    return "_".join(parts)


CORRECTION_COLUMNS = ["Date", "Statement", "Country", "Action", "What changed", "Why"]


def corrections_in_view(
    corrections: pd.DataFrame,
    commitments: pd.DataFrame,
    countries: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The corrections log's entries about the given countries and roles, newest first.

    Empty filters keep every entry. Each entry gains the `country` and `role` it is about:
    a removed statement's are read from the row that replaced it, else from its id
    (`iso3-role-yyyymmdd`).
    """
    country_of = dict(zip(commitments["id"], commitments["country"], strict=True))
    role_of = dict(zip(commitments["id"], commitments["role"], strict=True))
    log = newest_first(corrections)
    about_country, about_role = [], []
    for statement, replacement in zip(log["statement_id"], log["replaced_by"], strict=True):
        code = country_of.get(statement) or country_of.get(replacement)
        about_country.append(code or statement.split("-", 1)[0].upper())
        about_role.append(
            role_of.get(statement) or role_of.get(replacement) or _role_in_id(statement)
        )
    log = log.assign(country=about_country, role=about_role)
    keep = pd.Series(True, index=log.index)
    if countries:
        keep &= log["country"].isin(countries)
    if roles:
        keep &= log["role"].isin(roles)
    return log[keep].reset_index(drop=True)


def corrections_table(log: pd.DataFrame) -> pd.DataFrame:
    """Corrections as readers see them (from `corrections_in_view`), in the log's order."""
    rows = [
        {
            "Date": r["date"],
            "Statement": r["statement_id"],
            "Country": country_name(r["country"]),
            "Action": r["action"],
            "What changed": (
                # TRANSLATORS: {change} is the curator's account of a correction (in English);
                # {statement} is the identifier of the statement that replaced the old one.
                _("{change} (replaced by {statement})").format(
                    change=r["what_changed"], statement=r["replaced_by"]
                )
                if r["replaced_by"]
                else r["what_changed"]
            ),
            "Why": r["why"],
        }
        for r in log.to_dict("records")
    ]
    return pd.DataFrame.from_records(rows, columns=CORRECTION_COLUMNS)


def _names(codes: list[str]) -> str:
    """Countries named as a list in the reader's language: "A and B", "A, B and C"."""
    return format_list([country_name(c) for c in codes], locale=babel_locale())


def _clauses(parts: list[str]) -> str:
    """Clauses joined into one sentence, with the language's semicolon."""
    # TRANSLATORS: the separator between the clauses of a sentence: a semicolon and a space.
    return _("; ").join(parts)


def _role_counts(current: pd.DataFrame) -> str:
    held = current[current["status"].map(holds)]
    counts = held.groupby("role")["country"].nunique()
    return comma().join(
        ngettext(
            "{role} ({count} country)", "{role} ({count} countries)", int(counts[role])
        ).format(role=ROLES[role].in_sentence, count=number(int(counts[role])))
        for role in ROLES
        if role in counts.index
    )


def _security_clause(row: dict[Any, Any]) -> str:
    """How much of the planned security personnel is announced with a number."""
    planned = number(int(row["planned"]))
    if number_or_none(row["high"]) is None:
        return _(
            "none of the {planned} planned security personnel is announced with a number"
        ).format(planned=planned)
    undisclosed = int(row["undisclosed"])
    if number_or_none(row["low"]) is None:
        # "up to 8,000": one upper bound, so the verb is singular in English.
        message = ngettext(
            "{said} of the {planned} planned security personnel is announced with a number "
            "({count} contributor(s) gave none)",
            "{said} of the {planned} planned security personnel is announced with a number "
            "({count} contributor(s) gave none)",
            undisclosed,
        )
    else:
        message = ngettext(
            "{said} of the {planned} planned security personnel are announced with a number "
            "({count} contributor(s) gave none)",
            "{said} of the {planned} planned security personnel are announced with a number "
            "({count} contributor(s) gave none)",
            undisclosed,
        )
    return message.format(said=range_text(row), planned=planned, count=number(undisclosed))


def headline(current: pd.DataFrame, figures: pd.DataFrame) -> str:
    """One sentence that states the current picture in words, for the top of the page."""
    troops = current[current["role"] == "troops"]
    parts = []
    if troops.empty:
        held = _role_counts(current)
        n = int(current["country"].nunique())
        if held:
            parts.append(
                ngettext(
                    "{count} country in this view holds these roles: {roles}",
                    "{count} countries in this view hold these roles: {roles}",
                    n,
                ).format(count=number(n), roles=held)
            )
        else:
            parts.append(
                ngettext(
                    "{count} country in this view: no current role",
                    "{count} countries in this view: no current role",
                    n,
                ).format(count=number(n))
            )
    else:
        firm = sorted(
            troops[troops["status"].isin(["committed", "deployed"])]["country"], key=country_name
        )
        if firm:
            parts.append(
                ngettext(
                    "{count} country has committed troops ({countries})",
                    "{count} countries have committed troops ({countries})",
                    len(firm),
                ).format(count=number(len(firm)), countries=_names(firm))
            )
        else:
            parts.append(_("no country has committed troops"))
        security = figures[figures["figure"] == "security_personnel"]
        if not security.empty:
            parts.append(_security_clause(security.iloc[0].to_dict()))
    stopped = current[current["status"].isin(["suspended", "withdrawn"])]
    if not stopped.empty:
        items = [
            # TRANSLATORS: a position that was stopped, e.g. "Indonesia troops suspended":
            # {country} is a country, {role} a role and {status} "suspended" or "withdrawn".
            _("{country} {role} {status}").format(
                country=country_name(r["country"]),
                role=ROLES[r["role"]].in_sentence,
                status=STATUSES[r["status"]].in_sentence,
            )
            for r in stopped.to_dict("records")
        ]
        parts.append(_clauses(items))
    sentence = _clauses(parts)
    sentence = sentence[0].upper() + sentence[1:] + "."
    countries = sorted(current["country"].unique(), key=country_name)
    if len(countries) <= 3:
        # A view of one to three countries says each one's roles: that is what a briefer needs.
        for code in countries:
            mine = current[current["country"] == code].to_dict("records")
            roles = comma().join(
                # TRANSLATORS: a country's position in one role, e.g. "Troops committed".
                _("{role} {status}").format(
                    role=ROLES[r["role"]].label, status=STATUSES[r["status"]].in_sentence
                )
                for r in mine
            )
            sentence += f" {country_name(code)}: {roles}."
    return sentence


def position_changes(statements: pd.DataFrame) -> dict[str, list[tuple[date, str]]]:
    """For one country's statements, each role's path of statuses over time.

    A status repeated by a later statement is kept once, so the path shows changes only.
    """
    ordered = statements.sort_values(["date", "line"], kind="stable")
    paths: dict[str, list[tuple[date, str]]] = {}
    for row in ordered.to_dict("records"):
        path = paths.setdefault(row["role"], [])
        if not path or path[-1][1] != row["status"]:
            path.append((row["date"].date(), row["status"]))
    return {role: paths[role] for role in ROLES if role in paths}


def sources_line(statements: pd.DataFrame, limit: int = 6) -> str:
    """Name the outlets behind some statements, most used first: "Sources: A, B and 3 more"."""
    counts = statements["source_outlet"].value_counts()
    names = list(counts.index[:limit])
    if not names:
        return _("Sources: none")
    more = len(counts) - len(names)
    listed = comma().join(names)
    if not more:
        # TRANSLATORS: {outlets} lists the news outlets and agencies the figures rest on.
        return _("Sources: {outlets}").format(outlets=listed)
    return ngettext(
        "Sources: {outlets} and {count} more", "Sources: {outlets} and {count} more", more
    ).format(outlets=listed, count=number(more))
