"""The figures the dashboard shows, as one plain dictionary (the command line prints it)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from dashboard.core.conditions import conditions_by_code
from dashboard.core.countries import country_name
from dashboard.core.language import N_, _, comma, ngettext, number
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


def _clauses(parts: list[str]) -> str:
    """Clauses joined into one line, with the language's semicolon."""
    # TRANSLATORS: the separator between the clauses of a sentence: a semicolon and a space.
    return _("; ").join(parts)


def _figure_line(fig: dict[str, Any]) -> str:
    """One planned figure: the plan, what is announced toward it, what is stopped or declined."""
    ann, stopped = fig["announced"], fig["stopped"]
    planned = number(fig["planned"])
    if not fig["roles"]:
        return _("{figure}: plan {planned}; no contribution counts toward it").format(
            figure=fig["label"], planned=planned
        )
    # TRANSLATORS: a line of the summary: {figure} is a planned figure, {planned} its number,
    # {announced} the announced range ("up to 8,000"), {count} the contributors counted and
    # {undisclosed} those that gave no number.
    line = ngettext(
        "{figure}: plan {planned}; announced {announced} from {count} contributor(s), "
        "{undisclosed} without a number",
        "{figure}: plan {planned}; announced {announced} from {count} contributor(s), "
        "{undisclosed} without a number",
        ann["contributors"],
    ).format(
        figure=fig["label"],
        planned=planned,
        announced=range_text(ann),
        count=number(ann["contributors"]),
        undisclosed=number(ann["undisclosed"]),
    )
    clauses = [line]
    if stopped["contributors"]:
        # TRANSLATORS: {count} contributors suspended or withdrew {announced} (a range).
        clauses.append(
            ngettext(
                "suspended or withdrawn (not counted): {count} contributor(s), {announced}",
                "suspended or withdrawn (not counted): {count} contributor(s), {announced}",
                stopped["contributors"],
            ).format(count=number(stopped["contributors"]), announced=range_text(stopped))
        )
    declined = fig["declined"]["contributors"]
    if declined:
        # TRANSLATORS: {count} is how many countries declined to take part.
        clauses.append(_("declined: {count}").format(count=number(declined)))
    return _clauses(clauses)


def _role_line(role: str, entry: dict[str, Any]) -> str:
    """One role: what is announced in it, by how many, and what is only reported."""
    if entry["unit"] == "personnel":
        unit = ""
    elif entry["unit"] == "money":
        # TRANSLATORS: the unit of a funding total whose currency is not known.
        unit = " " + _("money")
    else:
        unit = f" {entry['unit']}"  # a currency code
    clauses = [
        f"{ROLES[role].label}: {range_text(entry)}{unit}",
        # TRANSLATORS: {count} contributors (countries) named the role; {undisclosed} of them
        # gave no number.
        ngettext(
            "{count} contributor(s), {undisclosed} undisclosed",
            "{count} contributor(s), {undisclosed} undisclosed",
            entry["contributors"],
        ).format(count=number(entry["contributors"]), undisclosed=number(entry["undisclosed"])),
    ]
    unconfirmed = entry["unconfirmed"]
    if unconfirmed["contributors"]:
        # TRANSLATORS: {announced} is a number with its unit; {count} the countries behind it.
        clauses.append(
            _("reported or interest only: {announced} from {count}").format(
                announced=range_text(unconfirmed) + unit,
                count=number(unconfirmed["contributors"]),
            )
        )
    return _clauses(clauses)


def _mission_line(mission: dict[str, Any]) -> str:
    """A comparable mission's authorised and deployed strength, each with its unit and date."""
    parts = []
    for what, figure in (
        # TRANSLATORS: a mission's authorised strength: {number} {unit} ({date}), e.g.
        # "authorised 15,000 troops (2006-11-01)"; the unit comes from the data, in English.
        (N_("authorised {number} {unit} ({date})"), mission["authorised"]),
        # TRANSLATORS: a mission's deployed strength: {number} {unit} ({date}).
        (N_("deployed {number} {unit} ({date})"), mission["deployed"]),
    ):
        if figure:
            parts.append(
                _(what).format(
                    number=number(figure["value"]), unit=figure["unit"], date=figure["date"]
                )
            )
    return f"{mission['mission']}: " + _clauses(parts)


def summary_text(data: dict[str, Any]) -> str:
    """Render a summary as a plain-text report for the terminal, in the reader's language.

    Dates stay as the data writes them (YYYY-MM-DD), and so do the filters' codes: what the
    command line takes.
    """
    lines = [_("ISF commitments as of {date}").format(date=data["as_of"])]
    reviewed, latest = data.get("reviewed_through"), data["latest_statement"]
    if reviewed:
        lines.append(
            _("Sources reviewed through {reviewed}; latest statement {latest}").format(
                reviewed=reviewed, latest=latest
            )
        )
    else:
        lines.append(_("Review date not recorded; latest statement {latest}").format(latest=latest))
    active = {k: v for k, v in data["filters"].items() if v}
    if active:
        # TRANSLATORS: {filters} are the command's filters as codes: "country=IDN; role=troops".
        said = "; ".join(f"{k}={','.join(v)}" for k, v in active.items())
        lines.append(_("Filters: {filters}").format(filters=said))
    lines += ["", _("Planned versus announced")]
    lines += ["  " + _figure_line(fig) for fig in data["figures"]]
    lines += ["", _("Announced by role (counted statuses)")]
    lines += ["  " + _role_line(role, entry) for role, entry in data["announced"].items()]
    lines += ["", _("Countries")]
    width = max((len(c["name"]) for c in data["countries"]), default=0)
    for country in data["countries"]:
        roles = comma().join(
            f"{ROLES[r].in_sentence}: {STATUSES[s].in_sentence}"
            for r, s in country["roles"].items()
        )
        lines.append(f"  {country['iso3']}  {country['name']:<{width}}  {roles}")
    if not data["countries"]:
        lines.append("  " + _("(no statement matches these filters)"))
    scale = data["comparisons"]
    if scale["missions"]:
        isf = scale["isf"]
        lines += ["", _("Compared with other missions")]
        if isf["planned"]:
            announced = range_text(isf["announced"]) if isf["announced"] else _("none disclosed")
            lines.append(
                "  "
                + _("ISF: plan {planned}; announced {announced}; deployed {deployed}").format(
                    planned=number(isf["planned"]),
                    announced=announced,
                    deployed=range_text(isf["on_the_ground"]),
                )
            )
        lines += ["  " + _mission_line(mission) for mission in scale["missions"]]
    if data["conditions"]:
        lines += ["", _("Stated conditions (current positions)")]
        lines += [
            f"  {CONDITIONS[code].label}: {', '.join(countries)}"
            for code, countries in data["conditions"].items()
        ]
    if data["corrections"]:
        count = len(data["corrections"])
        lines += [
            "",
            _("Corrections to published statements: {count}").format(count=number(count)),
        ]
        lines += [
            f"  {c['date']}  {c['statement_id']} ({c['action']}): {c['what_changed']}"
            for c in data["corrections"]
        ]
    return "\n".join(lines)
