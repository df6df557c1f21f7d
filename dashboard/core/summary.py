"""The figures the dashboard shows, as one plain dictionary (the command line prints it)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from dashboard.core.conditions import conditions_by_code
from dashboard.core.countries import country_name
from dashboard.core.picture import strongest_status
from dashboard.core.scale import comparisons
from dashboard.core.selection import Picture
from dashboard.core.text import number_or_none, range_text
from dashboard.core.vocabulary import CONDITIONS, MONEY_ROLES, ROLES, STATUSES


def _unit(current: pd.DataFrame, role: str) -> str:
    if role not in MONEY_ROLES:
        return "personnel"
    currencies = sorted(set(current.loc[current["role"] == role, "currency"]) - {""})
    return "/".join(currencies) if currencies else "money"


def countries_view(current: pd.DataFrame) -> list[dict[str, Any]]:
    """One entry per country: its name, each role's current status, its strongest status."""
    out = []
    for iso3, rows in current.groupby("country", sort=True):
        roles = {row["role"]: row["status"] for row in rows.to_dict("records")}
        out.append(
            {
                "iso3": iso3,
                "name": country_name(str(iso3)),
                "roles": roles,
                "strongest_status": strongest_status(roles.values()),
            }
        )
    return out


def summary(picture: Picture) -> dict[str, Any]:
    """Serialise what the dashboard shows for a selection, as JSON-ready data.

    Returns:
        A dictionary with `as_of`, `reviewed_through`, `latest_statement`, `filters`,
        `planned` (figure to number), `announced` (role to counted totals plus `unconfirmed`,
        `stopped` and `declined`), `figures` (planned versus announced per figure),
        `countries` (per country, each role's current status), `conditions` (condition code
        to the countries whose current position states it), `comparisons` (the ISF beside
        comparable missions, see `scale.comparisons`), `statements_considered` (the
        statements the picture rests on, as the page counts them) and `corrections` (each
        change made to a statement in view: date, statement id, action, what changed, why,
        replaced by).
    """
    selection, current = picture.selection, picture.current
    reviewed = picture.dataset.review.reviewed_through
    announced = {}
    for role, buckets in picture.announced.items():
        entry: dict[str, Any] = {"unit": _unit(current, role), **asdict(buckets["counted"])}
        for bucket in ("unconfirmed", "stopped", "declined"):
            entry[bucket] = asdict(buckets[bucket])
        announced[role] = entry
    return {
        "as_of": picture.when.isoformat(),
        "reviewed_through": reviewed.isoformat() if reviewed else None,
        "latest_statement": picture.latest.isoformat(),
        "filters": {
            "country": list(selection.countries),
            "role": list(selection.roles),
            "status": list(selection.statuses),
            "condition": list(selection.conditions),
        },
        "planned": {
            row["figure"]: int(row["value"]) for row in picture.dataset.targets.to_dict("records")
        },
        "announced": announced,
        "figures": [_figure_dict(row) for row in picture.figures.to_dict("records")],
        "countries": countries_view(current),
        "conditions": conditions_by_code(picture.conditions),
        "comparisons": comparisons(picture),
        "statements_considered": picture.statement_count,
        "corrections": corrections_list(picture.corrections),
    }


def corrections_list(corrections: pd.DataFrame) -> list[dict[str, str | None]]:
    """Corrections (from `corrections_in_view`, newest first) as JSON-ready entries."""
    return [
        {
            "date": row["date"],
            "statement_id": row["statement_id"],
            "action": row["action"],
            "what_changed": row["what_changed"],
            "why": row["why"],
            "replaced_by": row["replaced_by"] or None,
        }
        for row in corrections.to_dict("records")
    ]


def _figure_dict(row: dict[Any, Any]) -> dict[str, Any]:
    keys = ("low", "high", "contributors", "with_number", "undisclosed", "open_ended")
    return {
        "figure": row["figure"],
        "label": row["label"],
        "planned": row["planned"],
        "wording": row["wording"],
        "unit": row["unit"],
        "roles": row["roles"],
        "announced": {k: number_or_none(row[k]) for k in keys},
        "unconfirmed": {k: number_or_none(row["unconfirmed_" + k]) for k in keys},
        "stopped": {k: number_or_none(row["stopped_" + k]) for k in keys},
        "declined": {k: number_or_none(row["declined_" + k]) for k in keys},
        "source": {"outlet": row["source_outlet"], "url": row["source_url"]},
    }


def summary_text(data: dict[str, Any]) -> str:
    """Render a summary as a plain-text report for the terminal."""
    lines = [f"ISF commitments as of {data['as_of']}"]
    reviewed = data.get("reviewed_through")
    lines.append(f"Sources reviewed through {reviewed}" if reviewed else "Review date not recorded")
    lines[-1] += f"; latest statement {data['latest_statement']}"
    active = {k: v for k, v in data["filters"].items() if v}
    if active:
        lines.append("Filters: " + "; ".join(f"{k}={','.join(v)}" for k, v in active.items()))
    lines += ["", "Planned versus announced"]
    for fig in data["figures"]:
        ann, stopped = fig["announced"], fig["stopped"]
        counted = range_text(ann)
        declined = fig["declined"]["contributors"]
        line = (
            f"  {fig['label']}: plan {fig['planned']:,}; announced {counted} from "
            f"{ann['contributors']} contributor(s), {ann['undisclosed']} without a number"
        )
        if not fig["roles"]:
            line = f"  {fig['label']}: plan {fig['planned']:,}; no contribution counts toward it"
        if stopped["contributors"]:
            line += (
                f"; suspended or withdrawn (not counted): {stopped['contributors']}"
                f" contributor(s), "
                f"{range_text(stopped)}"
            )
        if declined:
            line += f"; declined: {declined}"
        lines.append(line)
    lines += ["", "Announced by role (counted statuses)"]
    for role, entry in data["announced"].items():
        unit = "" if entry["unit"] == "personnel" else f" {entry['unit']}"
        rng = range_text(entry)
        line = (
            f"  {ROLES[role].label}: {rng}{unit}; {entry['contributors']} "
            f"contributor(s), {entry['undisclosed']} undisclosed"
        )
        unconfirmed = entry["unconfirmed"]
        if unconfirmed["contributors"]:
            said = range_text(unconfirmed)
            line += f"; reported or interest only: {said}{unit} from {unconfirmed['contributors']}"
        lines.append(line)
    lines += ["", "Countries"]
    width = max((len(c["name"]) for c in data["countries"]), default=0)
    for country in data["countries"]:
        roles = ", ".join(
            f"{ROLES[r].label.lower()}: {STATUSES[s].label.lower()}"
            for r, s in country["roles"].items()
        )
        lines.append(f"  {country['iso3']}  {country['name']:<{width}}  {roles}")
    if not data["countries"]:
        lines.append("  (no statement matches these filters)")
    scale = data["comparisons"]
    if scale["missions"]:
        isf = scale["isf"]
        lines += ["", "Compared with other missions"]
        if isf["planned"]:
            announced = range_text(isf["announced"]) if isf["announced"] else "none disclosed"
            lines.append(
                f"  ISF: plan {isf['planned']:,}; announced {announced}; "
                f"deployed {range_text(isf['on_the_ground'])}"
            )
        for mission in scale["missions"]:
            parts = [
                f"{what} {figure['value']:,} {figure['unit']} ({figure['date']})"
                for what, figure in (
                    ("authorised", mission["authorised"]),
                    ("deployed", mission["deployed"]),
                )
                if figure
            ]
            lines.append(f"  {mission['mission']}: " + "; ".join(parts))
    if data["conditions"]:
        lines += ["", "Stated conditions (current positions)"]
        lines += [
            f"  {CONDITIONS[code].label}: {', '.join(countries)}"
            for code, countries in data["conditions"].items()
        ]
    if data["corrections"]:
        lines += ["", f"Corrections to published statements: {len(data['corrections'])}"]
        lines += [
            f"  {c['date']}  {c['statement_id']} ({c['action']}): {c['what_changed']}"
            for c in data["corrections"]
        ]
    return "\n".join(lines)
