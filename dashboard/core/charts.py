"""Plotly figures: planned versus announced, the role breakdown, counts per role, a timeline."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.countries import country_name
from dashboard.core.palette import (
    ANNOUNCED_COLOR,
    PLANNED_COLOR,
    STATUS_COLORS,
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


def count_note(row: dict[Any, Any]) -> str:
    """Say in words what a planned-versus-announced row counts, unknowns included."""
    if not row["roles"]:
        return "a plan, not a contribution: no country's role counts toward it"
    if not row["contributors"]:
        return "announced: nothing yet"
    gave = f"{row['with_number']} of {row['contributors']} contributors gave a number"
    return f"announced: {range_text(row)} · {gave}"


def apart_note(row: dict[Any, Any], bucket: str) -> str:
    """Say what is reported apart from the total: unconfirmed, or suspended and declined."""
    if bucket == "unconfirmed":
        if not row["unconfirmed_contributors"]:
            return ""
        return f"reported or interest only: {range_text(row, 'unconfirmed_')}"
    parts = []
    if row["stopped_contributors"]:
        parts.append(f"suspended or withdrawn: {range_text(row, 'stopped_')}")
    if row["declined_contributors"]:
        parts.append(f"{row['declined_contributors']} declined")
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
        name="Planned",
        y=labels,
        x=planned,
        orientation="h",
        marker=dict(color=PLANNED_COLOR, line=dict(color="#808080", width=1)),
        text=[f"plan {p:,}" for p in planned],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>Planned: %{x:,}<extra></extra>",
    )
    fig.add_bar(
        name="Announced (counted)",
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
        ("unconfirmed", "Reported or interest only (not counted)", UNCONFIRMED_COLOR, "."),
        ("stopped", "Suspended or withdrawn (not counted)", STOPPED_COLOR, "x"),
    ):
        fig.add_bar(
            name=name,
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
    fig.update_xaxes(title="personnel", tickformat=",", gridcolor="#eee", range=[0, reach * 2.3])
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
    return fig


def _lines(text: str, width: int = 36) -> str:
    """Words beside a bar on short lines: one long line ran off the chart on a phone."""
    parts = [part for piece in text.split(" · ") for part in textwrap.wrap(piece, width)]
    return "<br>".join(parts) or text


def _hover(row: dict[Any, Any]) -> str:
    parts = [
        f"<b>{plotly_text(country_name(row['country']))}</b>",
        f"{plotly_text(ROLES[row['role']].label)}: {plotly_text(STATUSES[row['status']].label)}",
        f"Number: {plotly_text(number_text(row))}",
    ]
    if row["conditions"]:
        parts.append(f"Conditions: {plotly_text(_clip(row['conditions']))}")
    parts.append(f"Source: {plotly_text(row['source_outlet'])}, {row['date'].date().isoformat()}")
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
            x=[SHORT_ROLE[r["role"]] for r in records],
            y=[plotly_text(names[r["country"]]) for r in records],
            mode="markers",
            marker=dict(
                symbol=STATUS_SYMBOLS[status],
                size=16,
                color=STATUS_COLORS[status],
                line=dict(width=1.5, color=STATUS_COLORS[status]),
            ),
            hovertext=[_hover(r) for r in records],
            hoverinfo="text",
        )
    # Two-word labels on two lines: side by side on one line they ran into each other
    # ("Police sentPolice training") at 1600 px.
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(SHORT_ROLE.values()),
        tickmode="array",
        tickvals=list(SHORT_ROLE.values()),
        ticktext=[label.replace(" ", "<br>") for label in SHORT_ROLE.values()],
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
    return fig


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
            x=[SHORT_ROLE[r] for r in roles],
            y=values,
            marker=dict(color=STATUS_COLORS[status], line=dict(color="white", width=1)),
            hovertemplate="%{x}: %{y} countries "
            + plotly_text(STATUSES[status].label.lower())
            + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="countries", gridcolor="#eee")
    tallest = int(counts.groupby(level="role").sum().max()) if len(counts) else 0
    if tallest <= 10:  # whole countries: no 0.2-country ticks on a short axis
        fig.update_yaxes(dtick=1)
    fig.update_xaxes(tickangle=-30)
    fig = _layout(fig, title, 520)
    fig.update_layout(legend=dict(y=-0.3))
    return fig


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
                line=dict(width=1.5, color=STATUS_COLORS[status]),
            ),
            hovertext=[_hover(r) for r in records],
            hoverinfo="text",
        )
    roles = [plotly_text(ROLES[r].label) for r in ROLES if r in set(statements["role"])]
    fig.update_yaxes(categoryorder="array", categoryarray=roles[::-1], gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee")
    return _layout(fig, title, 180 + 45 * max(len(roles), 1))


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
                f"{names[r['country']]}: {CONDITIONS[r['condition']].label}, stated "
                f"{r['date']:%d %b %Y} ({ROLES[r['role']].label.lower()}), {r['source_outlet']}"
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
    return fig


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
    for number, day, title in key:
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
                    text=str(number),
                    showarrow=False,
                    font=dict(size=11, color="#333"),
                    hovertext=plotly_text(f"{day:%d %b %Y}: {title}"),
                )
    if not key:
        return 0
    lines = [f"{n} {day:%d %b %Y}: {plotly_text(title)}" for n, day, title in key]
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
                line=dict(shape="hv", color=STATUS_COLORS[status], width=2.5),
                hovertemplate=f"%{{x|%d %b %Y}}: %{{y}} {plotly_text(ROLES[role].label.lower())}"
                f" {plotly_text(STATUSES[status].label.lower())}<extra></extra>",
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
    fig = _layout(fig, title, 170 + 120 * len(roles) + key_room)
    fig.update_layout(margin=dict(t=80, b=60 + key_room), legend=_SIDE_LEGEND)
    return fig


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
            name="Announced (stated range)",
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
        hovertemplate="%{x|%d %b %Y}: announced %{text} from %{customdata[0]} contributor(s),"
        " %{customdata[1]} without a number<extra></extra>",
    )
    if rows:
        planned = int(rows[-1]["planned"])
        fig.add_scatter(
            x=[dates[0], dates[-1]],
            y=[planned, planned],
            mode="lines",
            line=dict(color="#555", dash="dash", width=2),
            name=plotly_text(f"Plan: {planned:,}"),
            hovertemplate=plotly_text(f"{label}: plan {planned:,}") + "<extra></extra>",
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
                text=plotly_text(f"From {unknown_since['date']:%d %b %Y}: no number disclosed")
                + "<br>"
                + plotly_text(f"({unknown_since['contributors']} contributor(s) without one)"),
                showarrow=False,
                font=dict(size=12, color="#333"),
                bgcolor="rgba(255,255,255,0.8)",
            )
    key_room = _mark_events(fig, events, [("x", "y")])
    fig.update_yaxes(
        title_text=plotly_text(f"{label} (people)"),
        tickformat=",",
        rangemode="tozero",
        gridcolor="#eee",
    )
    # The dates set the axis: a note's text must not stretch it into years with no data.
    if dates:
        pad = pd.Timedelta(days=7)
        fig.update_xaxes(range=[pd.Timestamp(dates[0]) - pad, pd.Timestamp(dates[-1]) + pad])
    fig.update_xaxes(gridcolor="#eee")
    fig = _layout(fig, title, 460 + key_room)
    fig.update_layout(margin=dict(t=80, b=60 + key_room), legend=_SIDE_LEGEND)
    return fig
