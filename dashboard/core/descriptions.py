"""Text alternatives: what each chart and the map show, in a sentence or two and as a table.

A screen reader gets nothing from an SVG chart or a WebGL map; each rendering carries one of
these descriptions and a plain table of the same numbers. Every text here is plain (unescaped):
the page escapes it where it reaches HTML or markdown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.core.countries import country_name
from dashboard.core.text import number_or_none, range_text, short_date
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES


def _names(codes: list[str], most: int = 6) -> str:
    """Countries by name: "Indonesia, Morocco and 3 more"."""
    names = sorted(country_name(c) for c in codes)
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _lower(label: str) -> str:
    """A label inside a sentence: "Observers / CMCC liaison" -> "observers / CMCC liaison"."""
    return label[:1].lower() + label[1:]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def planned_vs_announced_text(figures: pd.DataFrame) -> str:
    """Describe the planned-versus-announced bars: each plan, and what is announced against it."""
    parts = []
    for row in figures.to_dict("records"):
        if not row["roles"]:
            parts.append(f"{row['label']}: plan {row['planned']:,}, a plan only")
            continue
        said = range_text(row)
        parts.append(
            f"{row['label']}: plan {row['planned']:,}; announced {said} from "
            f"{_count(int(row['contributors']), 'contributor', 'contributors')}, "
            f"{row['undisclosed']} without a number"
        )
    return "Bars of each planned figure against what is announced. " + ". ".join(parts) + "."


def planned_vs_announced_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The numbers of the planned-versus-announced chart."""
    return pd.DataFrame(
        {
            "Figure": figures["label"],
            "Planned": [f"{int(v):,}" for v in figures["planned"]],
            "Announced": [range_text(r) for r in figures.to_dict("records")],
            "Contributors": figures["contributors"].astype(int),
            "Without a number": figures["undisclosed"].astype(int),
            "Suspended or withdrawn": [
                range_text(r, "stopped_") if r["stopped_contributors"] else "none"
                for r in figures.to_dict("records")
            ],
        }
    )


def roles_text(current: pd.DataFrame) -> str:
    """Describe the grid of countries by role: how many countries hold how many roles."""
    if current.empty:
        return "No country has a current position in this view."
    per_role = current.groupby("role")["country"].nunique()
    roles = [f"{_lower(ROLES[r].label)} {per_role[r]}" for r in ROLES if r in per_role.index]
    return (
        f"A grid of {_count(current['country'].nunique(), 'country', 'countries')} by role, "
        "one marker per current position, shaped and coloured by its status. Countries per "
        "role: " + ", ".join(roles) + "."
    )


def roles_table(current: pd.DataFrame) -> pd.DataFrame:
    """Each country's current status in each role: the grid as a table."""
    roles = [r for r in ROLES if r in set(current["role"])]
    rows = []
    for code in sorted(set(current["country"]), key=country_name):
        mine = current[current["country"] == code]
        status = dict(zip(mine["role"], mine["status"], strict=True))
        rows.append(
            {
                "Country": country_name(code),
                **{ROLES[r].label: STATUSES[status[r]].label if r in status else "" for r in roles},
            }
        )
    return pd.DataFrame(rows, columns=["Country", *(ROLES[r].label for r in roles)])


def counts_table(current: pd.DataFrame) -> pd.DataFrame:
    """Countries per role and status: the stacked bars as a table."""
    counts = current.groupby(["role", "status"])["country"].nunique()
    statuses = [s for s in STATUSES if s in set(current["status"])]
    rows = []
    for role in [r for r in ROLES if r in set(current["role"])]:
        row: dict[str, Any] = {"Role": ROLES[role].label}
        for status in statuses:
            row[STATUSES[status].label] = int(counts.get((role, status), 0))
        rows.append(row)
    return pd.DataFrame(rows, columns=["Role", *(STATUSES[s].label for s in statuses)])


def counts_text(current: pd.DataFrame) -> str:
    """Describe the stacked bars: for each role, how many countries stand at each status."""
    table = counts_table(current)
    if table.empty:
        return "No country has a current position in this view."
    parts = []
    for row in table.to_dict("records"):
        said = ", ".join(
            f"{n} {str(status).lower()}" for status, n in row.items() if status != "Role" and n
        )
        parts.append(f"{row['Role']}: {said}")
    return "Stacked bars of countries per role, by status. " + "; ".join(parts) + "."


def map_text(current: pd.DataFrame) -> str:
    """Describe the map: where the contributors are, by their strongest status."""
    if current.empty:
        return "The map shows no contributor: nothing matches the filters on this date."
    strongest: dict[str, str] = {}
    for row in current.to_dict("records"):
        now = strongest.get(row["country"])
        if now is None or STATUSES[row["status"]].strength > STATUSES[now].strength:
            strongest[row["country"]] = row["status"]
    parts = []
    for status in sorted(STATUSES, key=lambda s: -STATUSES[s].strength):
        codes = [c for c, s in strongest.items() if s == status]
        if codes:
            parts.append(f"{STATUSES[status].label.lower()}: {_names(codes)}")
    listed = "; ".join(parts)
    return (
        f"A world map marking {_count(len(strongest), 'country', 'countries')}, each by its "
        "strongest current status, and Gaza, Rafah and the coordination centre. "
        + listed[:1].upper()
        + listed[1:]
        + "."
    )


def timeline_text(statements: pd.DataFrame, country: str) -> str:
    """Describe one country's timeline: how many statements, in which roles, from when."""
    if statements.empty:
        return f"No statement by or about {country_name(country)} up to this date."
    first, last = statements["date"].min(), statements["date"].max()
    roles = [_lower(ROLES[r].label) for r in ROLES if r in set(statements["role"])]
    return (
        f"{country_name(country)}: {_count(len(statements), 'statement', 'statements')} from "
        f"{short_date(first)} to {short_date(last)}, one marker each, in "
        f"{_count(len(roles), 'role', 'roles')}: {', '.join(roles)}. The list below gives each."
    )


def conditions_text(matrix: pd.DataFrame) -> str:
    """Describe the conditions grid: each condition and the countries that state it."""
    if matrix.empty:
        return "No current position in this view states a condition."
    parts = []
    for code in CONDITIONS:
        codes = list(matrix.loc[matrix["condition"] == code, "country"])
        if codes:
            parts.append(f"{CONDITIONS[code].label}: {_names(codes)}")
    return "Stated conditions by country. " + "; ".join(parts) + "."


def status_over_time_text(counts: pd.DataFrame) -> str:
    """Describe the panels over time: each role's count at the last date, and its peak."""
    if counts.empty:
        return "No position in this view over time."
    last = counts["date"].max()
    parts = []
    for role in [r for r in ROLES if r in set(counts["role"])]:
        now = counts[(counts["role"] == role) & (counts["date"] == last)]
        said = ", ".join(
            f"{int(n)} {STATUSES[s].label.lower()}"
            for s, n in zip(now["status"], now["countries"], strict=True)
            if n
        )
        parts.append(f"{ROLES[role].label}: {said or 'none'}")
    return (
        f"Countries at each status per role, on every date up to {short_date(last)}. On that "
        "date: " + "; ".join(parts) + "."
    )


def announced_over_time_text(announced: pd.DataFrame, label: str) -> str:
    """Describe the band over time: where it started, its highest, and where it stands now."""
    rows = announced.to_dict("records")
    if not rows:
        return f"No planned figure '{label}' to follow over time."
    known = [r for r in rows if number_or_none(r["high"]) is not None]
    now = rows[-1]
    said = f"{label} announced over time against the plan of {int(now['planned']):,}. "
    if not known:
        return said + "No counted contributor gave a number on any date."
    top = max(known, key=lambda r: number_or_none(r["high"]) or 0)
    said += (
        f"The highest upper bound was {number_or_none(top['high']):,} ({short_date(top['date'])}). "
    )
    if number_or_none(now["high"]) is None:
        said += (
            f"On {short_date(now['date'])} no counted contributor gives a number "
            f"({now['contributors']} contributors)."
        )
    else:
        said += f"On {short_date(now['date'])}: {range_text(now)}."
    return said


def scale_text(data: dict[str, Any]) -> str:
    """Describe the scale chart: the ISF plan beside each mission's largest figure."""
    isf = data["isf"]
    parts = []
    for mission in data["missions"]:
        figures = [
            f"{what} {figure['value']:,} {figure['unit']}"
            for what, figure in (
                ("authorised", mission["authorised"]),
                ("deployed", mission["deployed"]),
            )
            if figure
        ]
        parts.append(f"{mission['mission']}: {', '.join(figures)}")
    plan = f"plan {isf['planned']:,}" if isf["planned"] else "no plan figure"
    return (
        f"The ISF ({plan}; deployed {range_text(isf['on_the_ground'])}) beside other peace "
        "operations. " + "; ".join(parts) + "."
    )
