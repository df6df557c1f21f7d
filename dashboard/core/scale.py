"""Is 20,000 a lot? The ISF beside the peace operations people know.

The ISF's plan, what is announced and what is on the ground, beside the authorised and deployed
strength of comparable missions (data/missions.csv).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import asdict
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton

from dashboard.core.charts import localised
from dashboard.core.language import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    babel_locale,
    language,
    ngettext,
    number,
)
from dashboard.core.palette import ANNOUNCED_COLOR, PLANNED_COLOR
from dashboard.core.picture import Totals, totals
from dashboard.core.selection import Picture
from dashboard.core.text import plotly_text, range_text
from dashboard.core.vocabulary import MONEY_ROLES, ROLES

# The planned figure the missions are set against.
FIGURE = "security_personnel"

# The units data/missions.csv gives its figures in, said in the reader's language where known
# (a unit not listed here is shown as the file has it).
UNITS = {
    # TRANSLATORS: units of a peace operation's strength, shown as "15,000 troops (Nov 2006)".
    "troops": N_("troops"),
    "soldiers": N_("soldiers"),
    "peacekeepers": N_("peacekeepers"),
    "personnel": N_("personnel"),
    "military personnel": N_("military personnel"),
    "uniformed personnel": N_("uniformed personnel"),
}


def on_the_ground(current: pd.DataFrame) -> Totals:
    """The personnel of current positions at `deployed`, in any role but money."""
    deployed = current[(current["status"] == "deployed") & ~current["role"].isin(MONEY_ROLES)]
    return totals(deployed)


def _figure(mission: dict[str, Any] | None) -> dict[str, Any] | None:
    if mission is None:
        return None
    return {
        "value": int(mission["value"]),
        "unit": mission["unit"],
        "date": mission["date"].date().isoformat(),
        "date_precision": mission["date_precision"],
        "source": {"outlet": mission["source_outlet"], "url": mission["source_url"]},
    }


def comparisons(picture: Picture) -> dict[str, Any]:
    """The ISF beside comparable missions, as JSON-ready data.

    Returns:
        `isf`: `planned` (the security personnel figure), `announced` (its counted totals in the
        picture) and `on_the_ground` (deployed personnel, roles and countries); `missions`: per
        operation, `mission`, `name`, `location`, and `authorised` and `deployed` (each `value`,
        `unit`, `date`, `date_precision` and `source`, or null where no sourced figure exists).
    """
    figures = picture.figures[picture.figures["figure"] == FIGURE].to_dict("records")
    planned = int(figures[0]["planned"]) if figures else None
    announced = {k: _number(figures[0][k]) for k in Totals.__annotations__} if figures else None
    ground = on_the_ground(picture.current)
    deployed = picture.current[picture.current["status"] == "deployed"]
    missions = []
    table = picture.dataset.missions
    for name in dict.fromkeys(table["mission"]):
        rows = table[table["mission"] == name].to_dict("records")
        by_figure = {row["figure"]: row for row in rows}
        first = rows[0]
        missions.append(
            {
                "mission": name,
                "name": first["name"],
                "location": first["location"],
                "authorised": _figure(by_figure.get("authorised")),
                "deployed": _figure(by_figure.get("deployed")),
            }
        )
    return {
        "isf": {
            "planned": planned,
            "announced": announced,
            "on_the_ground": {
                **asdict(ground),
                "roles": sorted(set(deployed["role"]) - set(MONEY_ROLES)),
            },
        },
        "missions": missions,
    }


def _number(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def scale_chart(data: dict[str, Any], title: str) -> go.Figure:
    """Bars for the ISF and each mission: authorised or planned, announced, deployed.

    Each bar says its number, unit and date beside it; a figure with no number says so in words
    rather than drawing nothing that looks like zero.
    """
    isf = data["isf"]
    rows: list[tuple[str, int | None, str, int | None, str, int | None, str]] = []
    announced = isf["announced"] or {}
    ground = isf["on_the_ground"]
    rows.append(
        (
            # TRANSLATORS: a bar's label: the International Stabilization Force for Gaza.
            _("ISF (Gaza)"),
            isf["planned"],
            # TRANSLATORS: beside a bar: the ISF's planned number of personnel.
            _("plan {number}").format(number=number(isf["planned"]))
            if isf["planned"]
            else _("no plan figure"),
            announced.get("high"),
            # TRANSLATORS: beside a bar; {range} is "up to 8,000", "100–150" or "none disclosed".
            _("announced: {range}").format(range=range_text(announced)) if announced else "",
            ground["high"],
            _ground_text(ground),
        )
    )
    for mission in data["missions"]:
        authorised, deployed = mission["authorised"], mission["deployed"]
        rows.append(
            (
                mission["mission"],
                authorised["value"] if authorised else None,
                _said(
                    authorised,
                    # TRANSLATORS: beside a bar: a peace operation's authorised strength,
                    # "authorised: 15,000 troops (Nov 2006)"; {unit} is "troops", "personnel"...
                    _("authorised: {number} {unit} ({date})"),
                    _("authorised: no sourced figure"),
                ),
                None,
                "",
                deployed["value"] if deployed else None,
                _said(
                    deployed,
                    # TRANSLATORS: beside a bar: a peace operation's deployed strength,
                    # "deployed: 7,500 troops (Feb 2026)".
                    _("deployed: {number} {unit} ({date})"),
                    _("deployed: no sourced figure"),
                ),
            )
        )
    # Largest first, top down.
    rows.sort(key=lambda r: r[1] or r[5] or 0)
    labels = [plotly_text(r[0]) for r in rows]
    fig = go.Figure()
    # Plotly draws a group's first bar lowest: deployed first puts the ceiling on top.
    fig.add_bar(
        # TRANSLATORS: legend: personnel on the ground.
        name=_("Deployed"),
        y=labels,
        x=[r[5] or 0 for r in rows],
        orientation="h",
        marker=dict(color=ANNOUNCED_COLOR),
        text=[_two_lines(plotly_text(r[6])) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hoverinfo="text",
        hovertext=[plotly_text(f"{r[0]}: {r[6]}") for r in rows],
    )
    fig.add_bar(
        # TRANSLATORS: legend: personnel countries announced (a figure only the ISF has).
        name=_("Announced (ISF only)"),
        y=labels,
        x=[r[3] or 0 for r in rows],
        orientation="h",
        marker=dict(
            color="white",
            line=dict(color=ANNOUNCED_COLOR, width=2),
            pattern=dict(shape="/", fgcolor=ANNOUNCED_COLOR),
        ),
        text=[_two_lines(plotly_text(r[4])) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hoverinfo="text",
        hovertext=[plotly_text(f"{r[0]}: {r[4]}") if r[4] else "" for r in rows],
    )
    fig.add_bar(
        # TRANSLATORS: legend: the authorised strength of a mission, the planned one for the ISF.
        name=_("Authorised (ISF: planned)"),
        y=labels,
        x=[r[1] or 0 for r in rows],
        orientation="h",
        marker=dict(color=PLANNED_COLOR, line=dict(color="#808080", width=1)),
        text=[_two_lines(plotly_text(r[2])) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hoverinfo="text",
        hovertext=[plotly_text(f"{r[0]}: {r[2]}") for r in rows],
    )
    reach = max([r[1] or 0 for r in rows] + [r[3] or 0 for r in rows] + [r[5] or 0 for r in rows])
    fig.update_layout(
        title=dict(text=plotly_text(title), x=0, xanchor="left"),
        font=dict(family="sans-serif", size=13, color="#1a1a1a"),
        barmode="group",
        bargap=0.25,
        # Room for two lines of words beside each bar at a readable size.
        height=150 + 120 * len(rows),
        margin=dict(l=10, r=10, t=60, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(
            orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0, traceorder="reversed"
        ),
    )
    fig.update_xaxes(
        # TRANSLATORS: the title of a chart's axis counting people.
        title=_("people"),
        tickformat=",",
        gridcolor="#eee",
        range=[0, max(reach, 1) * 2.6],
    )
    return localised(fig)


# "authorised: 17,000 troops (May 2025)": the number, then the unit and the date. The number may
# hold the language's group separators: "17 000" in Russian, with a no-break space.
_NUMBER_FIRST = re.compile(r"^([^:]+: [0-9][0-9,.\u00a0\u202f]*) (\D.*)$")


def _two_lines(text: str) -> str:
    """The words beside a bar on two lines, the date or detail in brackets on the second.

    On one line they ran off the chart on a phone.
    """
    number = _NUMBER_FIRST.match(text)
    first, second = (number.group(1), number.group(2)) if number else text.partition(" (")[::2]
    if not number and second:
        second = "(" + second
    if not second:
        return first
    if language() == DEFAULT_LANGUAGE:
        return f"{first}<br>{second}"
    # Russian and Arabic units are longer ("military and police personnel" in Russian runs to
    # 30 letters): the detail wraps again rather than run off a phone.
    return "<br>".join([first, *textwrap.wrap(second, 28)])


def _ground_text(ground: dict[str, Any]) -> str:
    """Say what is on the ground: "deployed: 208+ (13 countries; Observers / CMCC liaison)"."""
    if not ground["contributors"]:
        # TRANSLATORS: beside the ISF's bar; {range} is "none disclosed" here.
        return _("deployed: {range}").format(range=range_text(ground))
    count = int(ground["contributors"])
    # TRANSLATORS: beside the ISF's bar: personnel on the ground, from how many countries and
    # in which roles: "deployed: 300 (3 countries; Observers / CMCC liaison, Troops)".
    said = ngettext(
        "deployed: {range} ({count} countries; {roles})",
        "deployed: {range} ({count} countries; {roles})",
        count,
    )
    return said.format(
        range=range_text(ground),
        count=number(count),
        roles=", ".join(ROLES[r].label for r in ground["roles"]),
    )


def _said(figure: dict[str, Any] | None, said: str, unsourced: str) -> str:
    """Say a mission's figure with `said` (its number, unit and date), or `unsourced`."""
    if figure is None:
        return unsourced
    day = pd.Timestamp(figure["date"])
    skeleton = "y" if figure["date_precision"] == "approximate" else "yMMM"
    unit = figure["unit"]
    return said.format(
        number=number(figure["value"]),
        unit=_(UNITS[unit]) if unit in UNITS else unit,
        date=format_skeleton(skeleton, day, locale=babel_locale()),
    )
