"""Plotly figures: planned versus announced, the role breakdown, counts per role, a timeline."""

from __future__ import annotations

import html
import re
import textwrap
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from dashboard.core.countries import country_name
from dashboard.core.language import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    babel_locale,
    is_right_to_left,
    language,
    ngettext,
    number,
    pgettext,
)
from dashboard.core.palette import (
    ANNOUNCED_COLOR,
    PLANNED_COLOR,
    STATUS_COLORS,
    STATUS_INK,
    STOPPED_COLOR,
    UNCONFIRMED_COLOR,
)
from dashboard.core.text import number_or_none, number_text, plotly_text, range_text
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES

FONT = dict(family="sans-serif", size=14, color="#1a1a1a")
# Status symbols differ by shape as well as colour, for grayscale prints and colour-blind eyes.
STATUS_SYMBOLS = {
    "deployed": "square",
    "committed": "circle",
    "offered": "diamond",
    "conditional": "triangle-up",
    "reported": "star",
    "interest": "circle-open",
    "suspended": "x",
    "withdrawn": "line-ew-open",
    "declined": "square-x-open",
}


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title=dict(text=plotly_text(title), x=0, xanchor="left"),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
    )
    return fig


# Darkened to 3:1 (palette.STATUS_INK), offered comes close to committed and interest to
# conditional: their lines are also dashed differently, so a line tells its status without
# colour too.
STATUS_DASH = {
    "interest": "dot",
    "offered": "dash",
    "committed": "solid",
    "deployed": "solid",
    "conditional": "longdash",
    "reported": "dashdot",
    "suspended": "longdashdot",
    "withdrawn": "solid",
    "declined": "solid",
}


# Axis labels must fit side by side; the hover and the legend give the full labels.
SHORT_ROLE = {
    "troops": "Troops",
    "police_deployed": "Police sent",
    "police_training": "Police training",
    "medical": "Medical",
    "observers": "CMCC observers",
    "command": "Command",
    "training_support": "Training support",
    "funding": "Funding",
    "funding_paid": "Paid in",
}
# A column's short name may differ from the same English word elsewhere ("Funding" the role,
# "Command" the kind of event): translated in the context "chart column", where a narrow
# column needs a shorter word. (The extractor reads the context only as a literal.)


def short_role(role: str) -> str:
    """A role's short name for a chart's axis, in the reader's language."""
    # TRANSLATORS: short role names label the narrow columns of charts: a word or two, at most
    # about 10 letters a word.
    names = {
        "troops": pgettext("chart column", "Troops"),
        "police_deployed": pgettext("chart column", "Police sent"),
        "police_training": pgettext("chart column", "Police training"),
        "medical": pgettext("chart column", "Medical"),
        "observers": pgettext("chart column", "CMCC observers"),
        "command": pgettext("chart column", "Command"),
        "training_support": pgettext("chart column", "Training support"),
        "funding": pgettext("chart column", "Funding"),
        # TRANSLATORS: short for "funding paid in" (money actually paid), a chart column.
        "funding_paid": pgettext("chart column", "Paid in"),
    }
    return names[role]


def _day(day: date | pd.Timestamp) -> str:
    """Say a date as the charts do: "01 Mar 2026" in English, the reader's way otherwise.

    English keeps the charts' own form: Babel's British English abbreviates September "Sept",
    where the charts have always said "Sep".
    """
    if language() == DEFAULT_LANGUAGE:
        return f"{day:%d %b %Y}"
    return format_date(day, "dd MMM y", locale=babel_locale())


# A text in its own direction, whatever surrounds it (first strong isolate ... pop isolate).
_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """Keep data (an event's title, an outlet's name) in its own direction in right-to-left text.

    Without it, in Arabic "Reuters، 2026-02-19" reads as one left-to-right run, and an
    English event title pulls the number of the next event to its side. English text is
    returned as it is.
    """
    if not is_right_to_left():
        return text
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}"


def count_note(row: dict[Any, Any]) -> str:
    """Say in words what a planned-versus-announced row counts, unknowns included."""
    if not row["roles"]:
        return _("a plan, not a contribution: no country's role counts toward it")
    if not row["contributors"]:
        # TRANSLATORS: beside a bar of announced personnel, when no country has a statement yet.
        return _("announced: nothing yet")
    # TRANSLATORS: beside a bar: "3 of 5 contributors gave a number" (of personnel).
    gave = _("{given} of {count} contributors gave a number").format(
        given=number(row["with_number"]), count=number(row["contributors"])
    )
    # TRANSLATORS: beside a bar; {range} is "up to 8,000", "100–150" or "none disclosed".
    announced = _("announced: {range}").format(range=range_text(row))
    return f"{announced} · {gave}"


def apart_note(row: dict[Any, Any], bucket: str) -> str:
    """Say what is reported apart from the total: unconfirmed, or suspended and declined."""
    if bucket == "unconfirmed":
        if not row["unconfirmed_contributors"]:
            return ""
        return _("reported or interest only: {range}").format(range=range_text(row, "unconfirmed_"))
    parts = []
    if row["stopped_contributors"]:
        parts.append(_("suspended or withdrawn: {range}").format(range=range_text(row, "stopped_")))
    if row["declined_contributors"]:
        declined = int(row["declined_contributors"])
        # TRANSLATORS: beside a bar: how many countries declined to take part.
        parts.append(
            ngettext("{count} declined", "{count} declined", declined).format(
                count=number(declined)
            )
        )
    return " · ".join(parts)


def planned_vs_announced_chart(figures: pd.DataFrame, title: str) -> go.Figure:
    """Grouped bars per planned figure: the plan, the announced range, and what is apart.

    Every bar carries its meaning in words beside it, so a figure with no disclosed number
    reads "none disclosed" rather than showing an empty bar that looks like zero. An
    announced bar is drawn to the top of its stated range, hatched where the range is open.
    """
    labels = [plotly_text(v) for v in figures["label"]]
    rows = figures.to_dict("records")

    def upper(row: dict[Any, Any], prefix: str = "") -> int:
        value = number_or_none(row[prefix + "high"])
        return value or 0

    planned = [int(r["planned"]) for r in rows]
    # Every bar drawn must fit: the plan, the counted total and each bucket shown apart.
    buckets = ("", "unconfirmed_", "stopped_")
    reach = max([*planned, *(upper(r, prefix) for r in rows for prefix in buckets)], default=1)
    fig = go.Figure()
    fig.add_bar(
        # TRANSLATORS: legend of a bar chart: the planned size of a force.
        name=_("Planned"),
        y=labels,
        x=planned,
        orientation="h",
        marker=dict(color=PLANNED_COLOR, line=dict(color="#808080", width=1)),
        # TRANSLATORS: beside a bar: the planned number of personnel.
        text=[_("plan {number}").format(number=number(p)) for p in planned],
        textposition="outside",
        cliponaxis=False,
        # Plotly fills in %{x:,}, the bar's number, with the separators of localised().
        hovertemplate="%{y}<br>"
        # TRANSLATORS: a chart's hover text; {number} is the planned number.
        + _("Planned: {number}").format(number="%{x:,}")
        + "<extra></extra>",
    )
    fig.add_bar(
        # TRANSLATORS: legend: announced personnel that count toward the plan.
        name=_("Announced (counted)"),
        y=labels,
        x=[upper(r) for r in rows],
        orientation="h",
        marker=dict(
            color=[
                ANNOUNCED_COLOR
                if number_or_none(r["low"]) == number_or_none(r["high"])
                else "white"
                for r in rows
            ],
            line=dict(color=ANNOUNCED_COLOR, width=2),
            pattern=dict(
                shape=[
                    "" if number_or_none(r["low"]) == number_or_none(r["high"]) else "/"
                    for r in rows
                ],
                fgcolor=ANNOUNCED_COLOR,
            ),
        ),
        # On two lines: on a phone one long line ran off the chart.
        text=[_lines(plotly_text(count_note(r))) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )
    for bucket, name, color, shape in (
        ("unconfirmed", N_("Reported or interest only (not counted)"), UNCONFIRMED_COLOR, "."),
        ("stopped", N_("Suspended or withdrawn (not counted)"), STOPPED_COLOR, "x"),
    ):
        fig.add_bar(
            name=_(name),
            y=labels,
            x=[upper(r, bucket + "_") for r in rows],
            orientation="h",
            marker=dict(
                color="white",
                line=dict(color=color, width=2),
                pattern=dict(shape=shape, fgcolor=color),
            ),
            text=[_lines(plotly_text(apart_note(r, bucket))) for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    fig.update_traces(textfont=dict(size=12, color="#222"), selector=dict(type="bar"))
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    # The axis runs past the longest bar so the words beside it fit, on a phone too.
    fig.update_xaxes(
        # TRANSLATORS: the title of a chart's axis counting people.
        title=_("personnel"),
        tickformat=",",
        gridcolor="#eee",
        range=[0, reach * 2.3],
    )
    # Long labels on lines of at most 18 characters: on a phone, one-line labels took most of
    # the width and pushed the words beside the bars off the chart.
    fig.update_yaxes(
        autorange="reversed",
        tickmode="array",
        tickvals=labels,
        ticktext=["<br>".join(textwrap.wrap(label, 18)) or label for label in labels],
    )
    # Room for two or three lines of words beside each bar at a readable size.
    fig = _layout(fig, title, 160 + 175 * len(figures))
    fig.update_layout(legend=dict(orientation="h", y=-0.14, yanchor="top", x=0), margin=dict(b=80))
    return localised(fig)


def _lines(text: str, width: int | None = None) -> str:
    """Words beside a bar on short lines: one long line ran off the chart on a phone.

    Russian and Arabic take more room for the same words (longer words, wider letters), so
    their lines are shorter: at 36 characters they still ran off a 390-pixel phone.
    """
    width = width or (36 if language() == DEFAULT_LANGUAGE else 24)
    parts = [part for piece in text.split(" · ") for part in textwrap.wrap(piece, width)]
    return "<br>".join(parts) or text


def _hover(row: dict[Any, Any]) -> str:
    parts = [
        f"<b>{plotly_text(country_name(row['country']))}</b>",
        f"{plotly_text(ROLES[row['role']].label)}: {plotly_text(STATUSES[row['status']].label)}",
        # TRANSLATORS: a hover line: the personnel a statement gives ("up to 8,000").
        _("Number: {number}").format(number=plotly_text(number_text(row))),
    ]
    if row["conditions"]:
        # TRANSLATORS: a hover line: the conditions a country set, quoted from the data.
        parts.append(
            _("Conditions: {conditions}").format(conditions=plotly_text(_clip(row["conditions"])))
        )
    # TRANSLATORS: a hover line: the outlet that reported a statement, and its date.
    source = _("Source: {source}, {date}")
    parts.append(
        source.format(
            source=isolated(plotly_text(row["source_outlet"])), date=row["date"].date().isoformat()
        )
    )
    return "<br>".join(parts)


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def role_breakdown_chart(current: pd.DataFrame, title: str) -> go.Figure:
    """A grid of countries by roles, one marker per current statement, coloured by status."""
    names = {c: country_name(c) for c in current["country"].unique()}
    order = sorted(names, key=lambda c: names[c], reverse=True)
    fig = go.Figure()
    for status in STATUSES:
        rows = current[current["status"] == status]
        if rows.empty:
            continue
        records = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
        fig.add_scatter(
            name=plotly_text(STATUSES[status].label),
            x=[short_role(r["role"]) for r in records],
            y=[plotly_text(names[r["country"]]) for r in records],
            mode="markers",
            marker=dict(
                symbol=STATUS_SYMBOLS[status],
                size=16,
                color=STATUS_COLORS[status],
                line=dict(width=1.5, color=STATUS_INK[status]),
            ),
            hovertext=[_hover(r) for r in records],
            hoverinfo="text",
        )
    # Two-word labels on two lines: side by side on one line they ran into each other
    # ("Police sentPolice training") at 1600 px.
    columns = [short_role(role) for role in SHORT_ROLE]
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=columns,
        tickmode="array",
        tickvals=columns,
        ticktext=[label.replace(" ", "<br>") for label in columns],
        side="top",
        tickangle=0,
        gridcolor="#eee",
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plotly_text(names[c]) for c in order],
        gridcolor="#eee",
    )
    fig = _layout(fig, title, 200 + 26 * max(len(names), 1))
    fig.update_layout(
        margin=dict(t=100, b=40), legend=dict(y=-0.01, yanchor="top", orientation="h")
    )
    return localised(fig)


def role_counts_chart(current: pd.DataFrame, title: str) -> go.Figure:
    """Stacked bars: per role, how many countries stand at each status."""
    counts = current.groupby(["role", "status"]).size()
    roles = [r for r in ROLES if r in set(current["role"])]
    fig = go.Figure()
    for status in STATUSES:
        values = [int(counts.get((role, status), 0)) for role in roles]
        if not any(values):
            continue
        fig.add_bar(
            name=plotly_text(STATUSES[status].label),
            x=[short_role(r) for r in roles],
            y=values,
            marker=dict(color=STATUS_COLORS[status], line=dict(color=STATUS_INK[status], width=1)),
            # Plotly fills in the role (%{x}) and the number of countries (%{y}).
            # TRANSLATORS: a hover text: "Troops: 3 countries committed"; {status} is a status
            # such as "committed" or "expressed interest".
            hovertemplate=_("{role}: {count} countries {status}").format(
                role="%{x}", count="%{y}", status=plotly_text(STATUSES[status].in_sentence)
            )
            + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    # TRANSLATORS: the title of a chart's axis counting countries.
    fig.update_yaxes(title=_("countries"), gridcolor="#eee")
    tallest = int(counts.groupby(level="role").sum().max()) if len(counts) else 0
    if tallest <= 10:  # whole countries: no 0.2-country ticks on a short axis
        fig.update_yaxes(dtick=1)
    # Each word on a line of its own, upright: slanted, long Russian and Arabic role names ran
    # into their neighbours at 1280 px.
    columns = [short_role(r) for r in roles]
    fig.update_xaxes(
        tickmode="array",
        tickvals=columns,
        ticktext=[label.replace(" ", "<br>") for label in columns],
        tickangle=0,
    )
    fig = _layout(fig, title, 520)
    fig.update_layout(legend=dict(y=-0.3))
    return localised(fig)


def country_timeline_chart(statements: pd.DataFrame, title: str) -> go.Figure:
    """One country's statements over time: a row per role, a marker per statement."""
    fig = go.Figure()
    for status in STATUSES:
        rows = statements[statements["status"] == status]
        if rows.empty:
            continue
        records = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
        fig.add_scatter(
            name=plotly_text(STATUSES[status].label),
            x=[r["date"] for r in records],
            y=[plotly_text(ROLES[r["role"]].label) for r in records],
            mode="markers",
            marker=dict(
                symbol=STATUS_SYMBOLS[status],
                size=15,
                color=STATUS_COLORS[status],
                line=dict(width=1.5, color=STATUS_INK[status]),
            ),
            hovertext=[_hover(r) for r in records],
            hoverinfo="text",
        )
    roles = [plotly_text(ROLES[r].label) for r in ROLES if r in set(statements["role"])]
    fig.update_yaxes(categoryorder="array", categoryarray=roles[::-1], gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee")
    _date_ticks(fig)
    return localised(_layout(fig, title, 180 + 45 * max(len(roles), 1)))


def conditions_chart(matrix: pd.DataFrame, title: str) -> go.Figure:
    """Countries by stated condition: a square where a country's current position states it.

    Args:
        matrix: from `conditions.condition_matrix`.
        title: the chart's title.
    """
    names = {c: country_name(c) for c in matrix["country"].unique()}
    order = sorted(names, key=lambda c: names[c], reverse=True)
    codes = [c for c in CONDITIONS if c in set(matrix["condition"])]
    records = [{str(k): v for k, v in r.items()} for r in matrix.to_dict("records")]
    fig = go.Figure()
    fig.add_scatter(
        x=[plotly_text(CONDITIONS[r["condition"]].label) for r in records],
        y=[plotly_text(names[r["country"]]) for r in records],
        mode="markers",
        marker=dict(symbol="square", size=18, color=ANNOUNCED_COLOR),
        hovertext=[
            plotly_text(
                # TRANSLATORS: a hover text: "Pakistan: No combat, stated 19 Feb 2026 (troops),
                # Dawn": a country, a condition it set, when, for which role, and the source.
                _("{country}: {condition}, stated {date} ({role}), {source}").format(
                    country=names[r["country"]],
                    condition=CONDITIONS[r["condition"]].label,
                    date=_day(r["date"]),
                    role=ROLES[r["role"]].in_sentence,
                    source=isolated(r["source_outlet"]),
                )
            )
            for r in records
        ],
        hoverinfo="text",
        showlegend=False,
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=[plotly_text(CONDITIONS[c].label) for c in codes],
        side="top",
        tickangle=-30,
        gridcolor="#eee",
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plotly_text(names[c]) for c in order],
        gridcolor="#eee",
    )
    fig = _layout(fig, title, 240 + 28 * max(len(names), 1))
    fig.update_layout(margin=dict(t=150, b=20))
    return localised(fig)


def event_key(events: pd.DataFrame) -> list[tuple[int, pd.Timestamp, str]]:
    """The events a chart marks, numbered from 1 in date order: (number, date, title)."""
    return [
        (i, r["date"], str(r["title"]))
        for i, r in enumerate(events.sort_values(["date", "line"]).to_dict("records"), start=1)
    ]


def _mark_events(fig: go.Figure, events: pd.DataFrame, axes: list[tuple[str, str]]) -> int:
    """Draw each event as a dotted line on every subplot, numbered on the top one.

    The numbers are explained in a key under the plot (so an image explains itself); returns
    the room in pixels the key needs.
    """
    key = event_key(events)
    for n, day, title in key:
        for i, (xref, yref) in enumerate(axes):
            fig.add_shape(
                type="line",
                x0=day,
                x1=day,
                xref=xref,
                y0=0,
                y1=1,
                yref=f"{yref} domain",
                line=dict(color="#555", width=1, dash="dot"),
            )
            if i == 0:
                fig.add_annotation(
                    x=day,
                    xref=xref,
                    y=1,
                    yref=f"{yref} domain",
                    yanchor="bottom",
                    text=str(n),
                    showarrow=False,
                    font=dict(size=11, color="#333"),
                    hovertext=plotly_text(f"{_day(day)}: {isolated(title)}"),
                )
    if not key:
        return 0
    lines = [f"{n} {_day(day)}: {isolated(plotly_text(title))}" for n, day, title in key]
    # Two events a line: the key stays short beside the chart.
    rows = ["   ·   ".join(lines[i : i + 2]) for i in range(0, len(lines), 2)]
    fig.add_annotation(
        text="<br>".join(rows),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-40,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=11, color="#333"),
    )
    return 20 + 16 * len(rows)


# Beside the plot: the key of events sits under it, the numbers of events above it.
_SIDE_LEGEND = dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top")


def _known_stretches(
    dates: list[Any], lows: list[int | None], highs: list[int | None]
) -> list[tuple[list[Any], list[int], list[int]]]:
    """The stretches of dates with a known upper bound, each as explicit steps.

    A value holds from its date to the next date; a date with no known number ends a stretch,
    so the band is never drawn through an unknown (unknown is not zero).
    """
    stretches: list[tuple[list[Any], list[int], list[int]]] = []
    xs: list[Any] = []
    low_ys: list[int] = []
    high_ys: list[int] = []
    for i, (day, low, high) in enumerate(zip(dates, lows, highs, strict=True)):
        if high is None:
            if xs:
                stretches.append((xs, low_ys, high_ys))
                xs, low_ys, high_ys = [], [], []
            continue
        end = dates[i + 1] if i + 1 < len(dates) else day
        xs += [day, end]
        low_ys += [low or 0, low or 0]
        high_ys += [high, high]
    if xs:
        stretches.append((xs, low_ys, high_ys))
    return stretches


def status_over_time_chart(counts: pd.DataFrame, events: pd.DataFrame, title: str) -> go.Figure:
    """Per role, the number of countries at each status on every date: one panel per role.

    A status is drawn from its first appearance on; a fall back to zero stays drawn.
    """
    from plotly.subplots import make_subplots

    roles = [r for r in ROLES if r in set(counts["role"])] or [next(iter(ROLES))]
    fig = make_subplots(
        rows=len(roles),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.03 if len(roles) > 4 else 0.06,
        subplot_titles=[plotly_text(ROLES[r].label) for r in roles],
    )
    dates = sorted(set(counts["date"]))
    shown: set[str] = set()
    for row, role in enumerate(roles, start=1):
        of_role = counts[counts["role"] == role]
        tallest = 0
        for status in STATUSES:
            mine = of_role[of_role["status"] == status].set_index("date")["countries"]
            if mine.empty:
                continue
            first = min(mine.index)
            values = [int(mine.get(day, 0)) if day >= first else None for day in dates]
            tallest = max(tallest, *(v or 0 for v in values))
            fig.add_scatter(
                row=row,
                col=1,
                x=dates,
                y=values,
                name=plotly_text(STATUSES[status].label),
                legendgroup=status,
                showlegend=status not in shown,
                mode="lines",
                line=dict(
                    shape="hv", color=STATUS_INK[status], width=2.5, dash=STATUS_DASH[status]
                ),
                # Plotly names months in English only: the dates are said here.
                customdata=[_day(day) for day in dates],
                # TRANSLATORS: a hover text: "01 Mar 2026: 2 troops committed", the number of
                # countries at a status in a role on a date ({role} and {status} in lower case).
                hovertemplate=_("{date}: {count} {role} {status}").format(
                    date="%{customdata}",
                    count="%{y}",
                    role=plotly_text(ROLES[role].in_sentence),
                    status=plotly_text(STATUSES[status].in_sentence),
                )
                + "<extra></extra>",
            )
            shown.add(status)
        # Whole countries: one tick each up to five, a few ticks above that.
        fig.update_yaxes(
            row=row, col=1, rangemode="tozero", dtick=1 if tallest <= 5 else None, nticks=5
        )
    axes = [
        (f"x{i}" if i > 1 else "x", f"y{i}" if i > 1 else "y") for i in range(1, len(roles) + 1)
    ]
    key_room = _mark_events(fig, events, axes)
    fig.update_yaxes(gridcolor="#eee", tickformat="d", title_text="")
    fig.update_xaxes(gridcolor="#eee")
    _date_ticks(fig)
    fig = _layout(fig, title, 170 + 120 * len(roles) + key_room)
    fig.update_layout(margin=dict(t=80, b=60 + key_room), legend=_SIDE_LEGEND)
    return localised(fig)


def announced_over_time_chart(
    announced: pd.DataFrame, events: pd.DataFrame, title: str, label: str
) -> go.Figure:
    """Announced personnel over time as a low-to-high band, against the planned figure.

    Where no counted contributor gives a number the band stops (unknown is not zero), and a
    note on the chart says since when.
    """
    rows = announced.to_dict("records")
    for r in rows:
        r["high"], r["low"] = number_or_none(r["high"]), number_or_none(r["low"])
    dates = [r["date"] for r in rows]
    highs = [r["high"] for r in rows]
    # "Up to 8,000" states no lower bound: the band then starts at zero.
    lows = [r["low"] for r in rows]
    fig = go.Figure()
    for n, (xs, low_ys, high_ys) in enumerate(_known_stretches(dates, lows, highs)):
        # One closed shape per stretch: along the upper bounds, back along the lower ones.
        fig.add_scatter(
            x=[*xs, *xs[::-1]],
            y=[*high_ys, *low_ys[::-1]],
            mode="lines",
            fill="toself",
            fillcolor="rgba(0,114,178,0.25)",
            line=dict(color=ANNOUNCED_COLOR, width=2),
            # TRANSLATORS: legend: the band from the lowest to the highest announced numbers.
            name=_("Announced (stated range)"),
            legendgroup="band",
            showlegend=n == 0,
            hoverinfo="skip",
        )
    # One marker per date, for a hover that says everything about that day.
    fig.add_scatter(
        x=dates,
        y=[r["high"] if r["high"] is not None else None for r in rows],
        mode="markers",
        marker=dict(size=6, color=ANNOUNCED_COLOR),
        showlegend=False,
        text=[plotly_text(range_text(r)) for r in rows],
        customdata=[[r["contributors"], r["undisclosed"]] for r in rows],
        # Said here rather than by plotly, which names months in English only.
        hovertext=[
            plotly_text(
                # TRANSLATORS: a hover text: "01 Mar 2026: announced up to 8,000 from 3
                # contributor(s), 1 without a number"; {range} may be "none disclosed".
                _(
                    "{date}: announced {range} from {count} contributor(s),"
                    " {undisclosed} without a number"
                ).format(
                    date=_day(r["date"]),
                    range=range_text(r),
                    count=number(r["contributors"]),
                    undisclosed=number(r["undisclosed"]),
                )
            )
            for r in rows
        ],
        hoverinfo="text",
    )
    if rows:
        planned = int(rows[-1]["planned"])
        fig.add_scatter(
            x=[dates[0], dates[-1]],
            y=[planned, planned],
            mode="lines",
            line=dict(color="#555", dash="dash", width=2),
            # TRANSLATORS: legend: the planned number of personnel, drawn as a line.
            name=plotly_text(_("Plan: {number}").format(number=number(planned))),
            hovertemplate=plotly_text(
                # TRANSLATORS: a hover text: "Security personnel: plan 20,000".
                _("{label}: plan {number}").format(label=label, number=number(planned))
            )
            + "<extra></extra>",
        )
        unknown_since = None
        for r in rows:
            if r["high"] is None and unknown_since is None:
                unknown_since = r
            elif r["high"] is not None:
                unknown_since = None
        if unknown_since is not None and unknown_since["contributors"]:
            fig.add_annotation(
                x=unknown_since["date"],
                y=planned * 0.5,
                xanchor="left",
                # TRANSLATORS: a note on a chart: since a date no country gives a number.
                text=plotly_text(
                    _("From {date}: no number disclosed").format(date=_day(unknown_since["date"]))
                )
                + "<br>"
                + plotly_text(
                    # TRANSLATORS: under "From {date}: no number disclosed": how many
                    # contributors gave no number.
                    _("({count} contributor(s) without one)").format(
                        count=number(unknown_since["contributors"])
                    )
                ),
                showarrow=False,
                font=dict(size=12, color="#333"),
                bgcolor="rgba(255,255,255,0.8)",
            )
    key_room = _mark_events(fig, events, [("x", "y")])
    fig.update_yaxes(
        # TRANSLATORS: an axis title: a planned figure's name, "Security personnel (people)".
        title_text=plotly_text(_("{label} (people)").format(label=label)),
        tickformat=",",
        rangemode="tozero",
        gridcolor="#eee",
    )
    # The dates set the axis: a note's text must not stretch it into years with no data.
    if dates:
        pad = pd.Timedelta(days=7)
        fig.update_xaxes(range=[pd.Timestamp(dates[0]) - pad, pd.Timestamp(dates[-1]) + pad])
    fig.update_xaxes(gridcolor="#eee")
    _date_ticks(fig)
    fig = _layout(fig, title, 460 + key_room)
    fig.update_layout(margin=dict(t=80, b=60 + key_room), legend=_SIDE_LEGEND)
    return localised(fig)


# --- the reader's language: numbers, dates and direction -------------------------------------

_FLIPPED = {"left": "right", "right": "left"}


def localised(fig: go.Figure) -> go.Figure:
    """Fit a finished figure to the reader's language: its numbers, and its direction.

    Applied last by every builder, so a builder draws left to right and never asks which
    language it speaks. English figures come back as they were. Apply it once: a second
    mirroring would turn an Arabic figure back.
    """
    return _mirror(_separators(fig))


def _separators(fig: go.Figure) -> go.Figure:
    """Plotly's own numbers (axis ticks, %{x:,} in hovers) with the language's separators.

    Russian writes 20 000 and 1,5; plotly's default, ".,", is English and left unset.
    """
    symbols = babel_locale().number_symbols["latn"]
    separators = symbols["decimal"] + symbols["group"]
    if separators != ".,":
        fig.update_layout(separators=separators)
    return fig


def _mirror(fig: go.Figure) -> go.Figure:
    """Mirror a figure for a language written right to left; leave it alone otherwise.

    Values grow from the right (bars start at the right, time runs right to left), the
    category or value axis sits on the right, the title, the legend and the notes are anchored
    on the right, and every text plotly draws reads right to left.
    """
    if not is_right_to_left():
        return fig
    _mirror_axes(fig)
    _mirror_layout(fig)
    _room_for_right_labels(fig)
    _right_to_left_texts(fig)
    return fig


# The width of a letter of 12-pixel Arabic or Latin text, generously, and the gap to the axis.
_LETTER_PX, _LABEL_GAP_PX = 7, 16


def _room_for_right_labels(fig: go.Figure) -> None:
    """A right margin wide enough for the axis labels now standing there.

    Plotly's automatic margin measures labels embedded right to left as a few pixels wide, so
    on the right they were cut at the chart's edge; the margin is set from their length.
    """
    labels: list[str] = []
    for axis in fig.select_yaxes():
        labels += [str(t) for t in axis.ticktext or ()]
    if not labels:
        labels = [str(y) for trace in fig.data for y in (getattr(trace, "y", None) or ())]
    lines = [
        re.sub(r"<[^>]+>", "", line)
        for label in labels
        if isinstance(label, str)
        for line in label.split("<br>")
    ]
    longest = max((len(html.unescape(line)) for line in lines), default=0)
    if longest:
        wanted = _LABEL_GAP_PX + _LETTER_PX * longest
        fig.update_layout(margin=dict(r=max(int(fig.layout.margin.r or 0), wanted)))


def _mirror_axes(fig: go.Figure) -> None:
    """Horizontal axes run right to left, slanted labels lean the other way; values on the right."""
    for axis in fig.select_xaxes():
        if axis.range is not None:
            axis.range = tuple(reversed(axis.range))
        else:
            axis.autorange = "reversed"
        if axis.tickangle not in (None, "auto"):
            axis.tickangle = -axis.tickangle
    fig.update_yaxes(side="right")


def _mirror_layout(fig: go.Figure) -> None:
    """Title, legend, notes and margins anchored on the right; a row of legend entries reversed.

    A note placed at a point of the data keeps its point and grows the other way.
    """
    layout = fig.layout
    title_x = layout.title.x if layout.title.x is not None else 0
    fig.update_layout(
        title=dict(x=1 - title_x, xanchor=_FLIPPED.get(layout.title.xanchor or "left", "center")),
        hoverlabel=dict(align="right"),
        margin=dict(l=layout.margin.r, r=layout.margin.l),
    )
    legend = layout.legend
    if legend.x is not None:
        legend.x = 1 - legend.x
        legend.xanchor = _FLIPPED.get(legend.xanchor or "", legend.xanchor)
    if legend.orientation == "h":  # the first entry on the right
        legend.traceorder = "normal" if legend.traceorder == "reversed" else "reversed"
    for note in layout.annotations:
        # Plotly places a note without xref at a point of the data, like "x".
        on_paper = note.xref == "paper" or str(note.xref or "").endswith(" domain")
        if on_paper and note.x is not None:
            note.x = 1 - note.x
        note.xanchor = _FLIPPED.get(note.xanchor or "", note.xanchor)
        note.align = _FLIPPED.get(note.align or "", note.align)


# Plotly draws its texts left to right whatever the page's direction: each line is embedded
# right to left, or "المعلن (المحتسب)" would show its closing bracket at the wrong end and
# "المخطط: 20,000" its number on the wrong side.
_RIGHT_TO_LEFT_EMBEDDING, _POP_DIRECTIONAL_FORMATTING = "\u202b", "\u202c"
_EXTRA = re.compile(r"<extra>.*</extra>$", re.S)


def right_to_left_text(text: str) -> str:
    """A text plotly draws, each of its lines embedded right to left (`<extra>` left alone)."""
    extra = _EXTRA.search(text)
    body, tail = (text[: extra.start()], extra.group()) if extra else (text, "")
    lines = [
        f"{_RIGHT_TO_LEFT_EMBEDDING}{line}{_POP_DIRECTIONAL_FORMATTING}" if line else line
        for line in body.split("<br>")
    ]
    return "<br>".join(lines) + tail


def _texts_right_to_left(value: Any) -> Any:
    """One text or a list of them made right to left; anything else (None, numbers) as it is."""
    if isinstance(value, str):
        return right_to_left_text(value) if value else value
    if isinstance(value, tuple | list):
        return [_texts_right_to_left(item) for item in value]
    return value


def _right_to_left_texts(fig: go.Figure) -> None:
    """Every text of the figure embedded right to left: titles, ticks, legend, hovers, notes.

    Category names (countries, roles) become tick texts, so the values the traces and the
    category order hold stay as they were.
    """
    layout = fig.layout
    layout.title.text = _texts_right_to_left(layout.title.text)
    layout.legend.title.text = _texts_right_to_left(layout.legend.title.text)
    for trace in fig.data:
        for attribute in ("name", "text", "hovertext", "hovertemplate"):
            if hasattr(trace, attribute):
                setattr(trace, attribute, _texts_right_to_left(getattr(trace, attribute)))
    for note in layout.annotations:
        note.text = _texts_right_to_left(note.text)
        note.hovertext = _texts_right_to_left(note.hovertext)
    categories = _categories(fig)
    named = {key for key in layout.to_plotly_json() if _AXIS.fullmatch(key)}
    for name in sorted(named | set(categories)):
        axis = layout[name]
        axis.title.text = _texts_right_to_left(axis.title.text)
        if axis.ticktext is not None:
            axis.ticktext = _texts_right_to_left(axis.ticktext)
        elif categories.get(name):
            order = axis.categoryarray if axis.categoryarray is not None else categories[name]
            axis.update(
                tickmode="array", tickvals=list(order), ticktext=_texts_right_to_left(list(order))
            )


_AXIS = re.compile(r"[xy]axis[0-9]*")


def _categories(fig: go.Figure) -> dict[str, list[str]]:
    """The category names on each axis ("yaxis2": [...]), in the order the traces give them."""
    found: dict[str, dict[str, None]] = {}
    for trace in fig.data:
        for letter in "xy":
            values = getattr(trace, letter, None)
            if values is None or not all(isinstance(v, str) for v in values):
                continue
            ref = getattr(trace, f"{letter}axis", None) or letter
            found.setdefault(ref.replace(letter, f"{letter}axis", 1), {}).update(
                dict.fromkeys(values)
            )
    return {name: list(values) for name, values in found.items()}


_TWENTY_DAYS = 20 * 24 * 60 * 60 * 1000  # in milliseconds, as plotly measures a tick's step

# CLDR's date pattern letters as d3's, which plotly formats its ticks with.
_D3_DATE = {"dd": "%d", "d": "%-d", "MM": "%m", "M": "%-m", "y": "%Y", "yyyy": "%Y"}


def _d3_date_format(skeleton: str) -> str:
    """The language's numeric date pattern for a Babel skeleton ("yM": "MM.y"), as d3's."""
    pattern = babel_locale().datetime_skeletons[skeleton].pattern
    # Direction marks are left out: plotly's ticks are drawn outside the right-to-left texts.
    pattern = pattern.replace("\u200f", "").replace("\u200e", "")
    return re.sub(r"d+|M+|y+", lambda letters: _D3_DATE.get(letters[0], letters[0]), pattern)


def _date_ticks(fig: go.Figure) -> None:
    """Say the time axis's dates in the reader's language: "09.2025" in Russian.

    Plotly names months in English only, so other languages get numeric dates in their own
    order, at the ticks plotly chooses for the width (day and month, month and year, or year,
    by zoom). English keeps plotly's own ticks, "Sep 2025".
    """
    if language() == DEFAULT_LANGUAGE:
        return
    # Plotly's own steps are 1, 2, 3, 7 and 14 days, then 1, 2, 3 and 6 months, then years;
    # a stop's bounds are inclusive, so the days end short of a month.
    fig.update_xaxes(
        tickformatstops=[
            dict(dtickrange=[None, _TWENTY_DAYS], value=_d3_date_format("Md")),
            dict(dtickrange=["M1", "M6"], value=_d3_date_format("yM")),
            dict(dtickrange=["M12", None], value="%Y"),
        ]
    )
