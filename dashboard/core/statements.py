"""The sourced table of statements, the headline sentence, and the CSV export."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.core.countries import country_name
from dashboard.core.dataset import newest_first
from dashboard.core.text import number_text, range_text
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
            "What changed": r["what_changed"]
            + (f" (replaced by {r['replaced_by']})" if r["replaced_by"] else ""),
            "Why": r["why"],
        }
        for r in log.to_dict("records")
    ]
    return pd.DataFrame.from_records(rows, columns=CORRECTION_COLUMNS)


def _names(codes: list[str]) -> str:
    names = [country_name(c) for c in codes]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _role_counts(current: pd.DataFrame) -> str:
    held = current[current["status"].map(holds)]
    counts = held.groupby("role")["country"].nunique()
    return ", ".join(
        f"{ROLES[role].label.lower()} ({_plural(int(counts[role]), 'country', 'countries')})"
        for role in ROLES
        if role in counts.index
    )


def headline(current: pd.DataFrame, figures: pd.DataFrame) -> str:
    """One sentence that states the current picture in words, for the top of the page."""
    troops = current[current["role"] == "troops"]
    parts = []
    if troops.empty:
        held = _role_counts(current)
        n = int(current["country"].nunique())
        where = _plural(n, "country", "countries") + " in this view"
        verb = "holds" if n == 1 else "hold"
        parts.append(f"{where} {verb} these roles: {held}" if held else f"{where}: no current role")
    else:
        firm = sorted(
            troops[troops["status"].isin(["committed", "deployed"])]["country"], key=country_name
        )
        if firm:
            verb = "country has" if len(firm) == 1 else "countries have"
            parts.append(f"{len(firm)} {verb} committed troops ({_names(firm)})")
        else:
            parts.append("no country has committed troops")
        security = figures[figures["figure"] == "security_personnel"]
        if not security.empty:
            row = security.iloc[0]
            said = range_text(row.to_dict())
            planned = f"{int(row['planned']):,}"
            if said == "none disclosed":
                parts.append(
                    f"none of the {planned} planned security personnel is announced with a number"
                )
            else:
                verb = "is" if said.startswith("up to") else "are"
                parts.append(
                    f"{said} of the {planned} planned security personnel {verb} announced with a "
                    f"number ({int(row['undisclosed'])} contributor(s) gave none)"
                )
    stopped = current[current["status"].isin(["suspended", "withdrawn"])]
    if not stopped.empty:
        items = [
            f"{country_name(r['country'])} {ROLES[r['role']].label.lower()} "
            f"{STATUSES[r['status']].label.lower()}"
            for r in stopped.to_dict("records")
        ]
        parts.append("; ".join(items))
    sentence = "; ".join(parts)
    sentence = sentence[0].upper() + sentence[1:] + "."
    countries = sorted(current["country"].unique(), key=country_name)
    if len(countries) <= 3:
        # A view of one to three countries says each one's roles: that is what a briefer needs.
        for code in countries:
            mine = current[current["country"] == code].to_dict("records")
            roles = ", ".join(
                f"{ROLES[r['role']].label} {STATUSES[r['status']].label.lower()}" for r in mine
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
        return "Sources: none"
    more = len(counts) - len(names)
    listed = ", ".join(names) + (f" and {more} more" if more else "")
    return f"Sources: {listed}"
