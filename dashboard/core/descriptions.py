"""Text alternatives: what each chart and the map show, in a sentence or two and as a table.

A screen reader gets nothing from an SVG chart or a WebGL map; each rendering carries one of
these descriptions and a plain table of the same numbers. Every text here is plain (unescaped):
the page escapes it where it reaches HTML or markdown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from babel.lists import format_list

from dashboard.core.countries import country_name
from dashboard.core.language import _, babel_locale, comma, is_right_to_left, ngettext, number
from dashboard.core.text import number_or_none, range_text, short_date
from dashboard.core.vocabulary import CONDITIONS, MISSION_FIGURES, ROLES, STATUSES


def semicolon() -> str:
    """The separator of a sentence's parts: "; ", or the Arabic semicolon in Arabic."""
    return "؛ " if is_right_to_left() else "; "


def _names(codes: list[str], most: int = 6) -> str:
    """Countries by name: "Indonesia, Morocco and 3 more"."""
    names = sorted(country_name(c) for c in codes)
    if len(names) > most:
        more = len(names) - most
        # TRANSLATORS: {names} is a list of country names, {count} how many more are left out.
        return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=comma().join(names[:most]), count=number(more)
        )
    # "A and B", "A, B and C" (Babel joins a list the language's way: "A, B и C", "A وB وC").
    return format_list(names, locale=babel_locale())


def _lower(label: str) -> str:
    """A label inside a sentence: "Observers / CMCC liaison" -> "observers / CMCC liaison".

    Only the first letter: "Только по сообщениям СМИ" keeps its acronym.
    """
    return label[:1].lower() + label[1:]


def _contributors(n: int) -> str:
    """A number of contributors: "1 contributor", "3 contributors"."""
    return ngettext("{count} contributor", "{count} contributors", n).format(count=number(n))


def _at_status(n: int, status: str) -> str:
    """A number of countries at a status, inside a list: "2 committed"."""
    # TRANSLATORS: how many countries stand at a status, in a list such as "Troops: 2 committed,
    # 1 deployed"; {status} is a status name in lower case ("committed", "withdrawn").
    return _("{count} {status}").format(count=number(n), status=status)


def planned_vs_announced_text(figures: pd.DataFrame) -> str:
    """Describe the planned-versus-announced bars: each plan, and what is announced against it."""
    parts = []
    for row in figures.to_dict("records"):
        if not row["roles"]:
            # TRANSLATORS: {label} names a planned figure ("Security personnel"); it counts no
            # role, so nothing is announced against it.
            parts.append(
                _("{label}: plan {planned}, a plan only").format(
                    label=row["label"], planned=number(int(row["planned"]))
                )
            )
            continue
        # TRANSLATORS: {announced} is a range such as "up to 8,000"; {contributors} says how
        # many countries ("3 contributors"); {undisclosed} is how many of them gave no number.
        parts.append(
            _(
                "{label}: plan {planned}; announced {announced} from {contributors}, "
                "{undisclosed} without a number"
            ).format(
                label=row["label"],
                planned=number(int(row["planned"])),
                announced=range_text(row),
                contributors=_contributors(int(row["contributors"])),
                undisclosed=number(int(row["undisclosed"])),
            )
        )
    return (
        _("Bars of each planned figure against what is announced.") + " " + ". ".join(parts) + "."
    )


def planned_vs_announced_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The numbers of the planned-versus-announced chart."""
    # TRANSLATORS: column headers of the table of planned versus announced figures.
    return pd.DataFrame(
        {
            _("Figure"): figures["label"],
            _("Planned"): [number(int(v)) for v in figures["planned"]],
            _("Announced"): [range_text(r) for r in figures.to_dict("records")],
            _("Contributors"): figures["contributors"].astype(int),
            _("Without a number"): figures["undisclosed"].astype(int),
            _("Suspended or withdrawn"): [
                range_text(r, "stopped_") if r["stopped_contributors"] else _("none")
                for r in figures.to_dict("records")
            ],
        }
    )


def roles_text(current: pd.DataFrame) -> str:
    """Describe the grid of countries by role: how many countries hold how many roles."""
    if current.empty:
        return _("No country has a current position in this view.")
    per_role = current.groupby("role")["country"].nunique()
    roles = [
        f"{ROLES[r].in_sentence} {number(int(per_role[r]))}" for r in ROLES if r in per_role.index
    ]
    countries = int(current["country"].nunique())
    # TRANSLATORS: {roles} lists roles with their number of countries: "troops 4, medical 1".
    return ngettext(
        "A grid of {count} country by role, one marker per current position, shaped and "
        "coloured by its status. Countries per role: {roles}.",
        "A grid of {count} countries by role, one marker per current position, shaped and "
        "coloured by its status. Countries per role: {roles}.",
        countries,
    ).format(count=number(countries), roles=comma().join(roles))


def roles_table(current: pd.DataFrame) -> pd.DataFrame:
    """Each country's current status in each role: the grid as a table."""
    roles = [r for r in ROLES if r in set(current["role"])]
    country = _("Country")
    rows = []
    for code in sorted(set(current["country"]), key=country_name):
        mine = current[current["country"] == code]
        status = dict(zip(mine["role"], mine["status"], strict=True))
        rows.append(
            {
                country: country_name(code),
                **{ROLES[r].label: STATUSES[status[r]].label if r in status else "" for r in roles},
            }
        )
    return pd.DataFrame(rows, columns=[country, *(ROLES[r].label for r in roles)])


def counts_table(current: pd.DataFrame) -> pd.DataFrame:
    """Countries per role and status: the stacked bars as a table."""
    counts = current.groupby(["role", "status"])["country"].nunique()
    statuses = [s for s in STATUSES if s in set(current["status"])]
    role_column = _("Role")
    rows = []
    for role in [r for r in ROLES if r in set(current["role"])]:
        row: dict[str, Any] = {role_column: ROLES[role].label}
        for status in statuses:
            row[STATUSES[status].label] = int(counts.get((role, status), 0))
        rows.append(row)
    return pd.DataFrame(rows, columns=[role_column, *(STATUSES[s].label for s in statuses)])


def counts_text(current: pd.DataFrame) -> str:
    """Describe the stacked bars: for each role, how many countries stand at each status."""
    table = counts_table(current)
    if table.empty:
        return _("No country has a current position in this view.")
    parts = []
    for row in table.itertuples(index=False):
        role, *numbers = row
        said = comma().join(
            _at_status(int(n), _lower(str(status)))
            for status, n in zip(table.columns[1:], numbers, strict=True)
            if n
        )
        parts.append(f"{role}: {said}")
    return _("Stacked bars of countries per role, by status.") + " " + semicolon().join(parts) + "."


def map_text(current: pd.DataFrame) -> str:
    """Describe the map: where the contributors are, by their strongest status."""
    if current.empty:
        return _("The map shows no contributor: nothing matches the filters on this date.")
    strongest: dict[str, str] = {}
    for row in current.to_dict("records"):
        now = strongest.get(row["country"])
        if now is None or STATUSES[row["status"]].strength > STATUSES[now].strength:
            strongest[row["country"]] = row["status"]
    parts = []
    for status in sorted(STATUSES, key=lambda s: -STATUSES[s].strength):
        codes = [c for c, s in strongest.items() if s == status]
        if codes:
            parts.append(f"{STATUSES[status].in_sentence}: {_names(codes)}")
    listed = semicolon().join(parts)
    # TRANSLATORS: {statuses} lists each status with its countries: "Deployed: Morocco;
    # committed: Indonesia and Kazakhstan".
    return ngettext(
        "A world map marking {count} country, each by its strongest current status, and Gaza, "
        "Rafah and the coordination centre. {statuses}.",
        "A world map marking {count} countries, each by its strongest current status, and Gaza, "
        "Rafah and the coordination centre. {statuses}.",
        len(strongest),
    ).format(count=number(len(strongest)), statuses=listed[:1].upper() + listed[1:])


def timeline_text(statements: pd.DataFrame, country: str) -> str:
    """Describe one country's timeline: how many statements, in which roles, from when."""
    if statements.empty:
        return _("No statement by or about {country} up to this date.").format(
            country=country_name(country)
        )
    first, last = statements["date"].min(), statements["date"].max()
    roles = [ROLES[r].in_sentence for r in ROLES if r in set(statements["role"])]
    # TRANSLATORS: {statements} is a count such as "2 statements"; {count} is the number of
    # roles and {roles} lists them ("troops, medical"); {first} and {last} are dates.
    return ngettext(
        "{country}: {statements} from {first} to {last}, one marker each, in {count} role: "
        "{roles}. The list below gives each.",
        "{country}: {statements} from {first} to {last}, one marker each, in {count} roles: "
        "{roles}. The list below gives each.",
        len(roles),
    ).format(
        country=country_name(country),
        statements=ngettext("{count} statement", "{count} statements", len(statements)).format(
            count=number(len(statements))
        ),
        first=short_date(first),
        last=short_date(last),
        count=number(len(roles)),
        roles=comma().join(roles),
    )


def conditions_text(matrix: pd.DataFrame) -> str:
    """Describe the conditions grid: each condition and the countries that state it."""
    if matrix.empty:
        return _("No current position in this view states a condition.")
    parts = []
    for code in CONDITIONS:
        codes = list(matrix.loc[matrix["condition"] == code, "country"])
        if codes:
            parts.append(f"{CONDITIONS[code].label}: {_names(codes)}")
    return _("Stated conditions by country.") + " " + semicolon().join(parts) + "."


def status_over_time_text(counts: pd.DataFrame) -> str:
    """Describe the panels over time: each role's count at the last date, and its peak."""
    if counts.empty:
        return _("No position in this view over time.")
    last = counts["date"].max()
    none = _("none")
    parts = []
    for role in [r for r in ROLES if r in set(counts["role"])]:
        now = counts[(counts["role"] == role) & (counts["date"] == last)]
        said = comma().join(
            _at_status(int(n), STATUSES[s].in_sentence)
            for s, n in zip(now["status"], now["countries"], strict=True)
            if n
        )
        parts.append(f"{ROLES[role].label}: {said or none}")
    # TRANSLATORS: {counts} lists each role's countries per status: "Troops: 2 committed".
    return _(
        "Countries at each status per role, on every date up to {date}. On that date: {counts}."
    ).format(date=short_date(last), counts=semicolon().join(parts))


def announced_over_time_text(announced: pd.DataFrame, label: str) -> str:
    """Describe the band over time: where it started, its highest, and where it stands now."""
    rows = announced.to_dict("records")
    if not rows:
        # TRANSLATORS: {label} names a planned figure ("Security personnel").
        return _("No planned figure '{label}' to follow over time.").format(label=label)
    known = [r for r in rows if number_or_none(r["high"]) is not None]
    now = rows[-1]
    # TRANSLATORS: {label} names a planned figure ("Security personnel"), {planned} its number.
    said = [
        _("{label} announced over time against the plan of {planned}.").format(
            label=label, planned=number(int(now["planned"]))
        )
    ]
    if not known:
        said.append(_("No counted contributor gave a number on any date."))
        return " ".join(said)
    top = max(known, key=lambda r: number_or_none(r["high"]) or 0)
    said.append(
        _("The highest upper bound was {number} ({date}).").format(
            number=number(number_or_none(top["high"]) or 0), date=short_date(top["date"])
        )
    )
    if number_or_none(now["high"]) is None:
        contributors = int(now["contributors"])
        said.append(
            ngettext(
                "On {date} no counted contributor gives a number ({count} contributor).",
                "On {date} no counted contributor gives a number ({count} contributors).",
                contributors,
            ).format(date=short_date(now["date"]), count=number(contributors))
        )
    else:
        # TRANSLATORS: {announced} is a range such as "up to 8,000" or "100–150".
        said.append(
            _("On {date}: {announced}.").format(
                date=short_date(now["date"]), announced=range_text(now)
            )
        )
    return " ".join(said)


def scale_text(data: dict[str, Any]) -> str:
    """Describe the scale chart: the ISF plan beside each mission's largest figure."""
    isf = data["isf"]
    parts = []
    for mission in data["missions"]:
        figures = [
            # TRANSLATORS: a peace operation's figure: "authorised 15,000 troops"; {figure} is
            # "authorised" or "deployed", {unit} comes from the data and stays in English.
            _("{figure} {number} {unit}").format(
                figure=MISSION_FIGURES[what].in_sentence,
                number=number(int(figure["value"])),
                unit=figure["unit"],
            )
            for what in ("authorised", "deployed")
            if (figure := mission[what])
        ]
        parts.append(f"{mission['mission']}: {comma().join(figures)}")
    deployed = range_text(isf["on_the_ground"])
    if isf["planned"]:
        # TRANSLATORS: {deployed} is a range such as "up to 1,000" or "none disclosed".
        said = _(
            "The ISF (plan {planned}; deployed {deployed}) beside other peace operations."
        ).format(planned=number(int(isf["planned"])), deployed=deployed)
    else:
        said = _(
            "The ISF (no plan figure; deployed {deployed}) beside other peace operations."
        ).format(deployed=deployed)
    return said + " " + semicolon().join(parts) + "."
