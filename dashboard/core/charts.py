"""Plotly figures: planned versus announced, the role breakdown, counts per role, a timeline."""

from __future__ import annotations

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
from dashboard.core.vocabulary import ROLES, STATUSES

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
        text=[plotly_text(count_note(r)) for r in rows],
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
            text=[plotly_text(apart_note(r, bucket)) for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    fig.update_traces(textfont=dict(size=12, color="#222"), selector=dict(type="bar"))
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    fig.update_xaxes(title="personnel", tickformat=",", gridcolor="#eee", range=[0, reach * 1.9])
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, title, 160 + 125 * len(figures))
    fig.update_layout(legend=dict(orientation="h", y=-0.14, yanchor="top", x=0), margin=dict(b=80))
    return fig


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
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(SHORT_ROLE.values()),
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
