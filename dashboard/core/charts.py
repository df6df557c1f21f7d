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
from dashboard.core.summary import format_number_range
from dashboard.core.text import html_text, number_text
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
        title=dict(text=html_text(title), x=0, xanchor="left"),
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
}


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def range_text(row: dict[Any, Any], prefix: str = "") -> str:
    """Say one bucket of a planned-versus-announced row as a range ("up to 8,000")."""
    return format_number_range(
        _int(row[prefix + "low"]), _int(row[prefix + "high"]), int(row[prefix + "open_ended"])
    )


def count_note(row: dict[Any, Any]) -> str:
    """Say in words what a planned-versus-announced row counts, unknowns included."""
    if not row["roles"]:
        return "a plan, not a contribution: no country's role counts toward it"
    parts = [f"announced: {range_text(row)}"]
    if row["contributors"]:
        parts.append(f"{row['with_number']} of {row['contributors']} contributors gave a number")
    else:
        parts.append("no contributor yet")
    if row["stopped_contributors"]:
        parts.append(f"suspended or withdrawn: {range_text(row, 'stopped_')} (not counted)")
    if row["declined_contributors"]:
        parts.append(f"{row['declined_contributors']} declined")
    return " · ".join(parts)


def planned_vs_announced_chart(figures: pd.DataFrame, title: str) -> go.Figure:
    """Bars of each planned figure against its announced range and what is not counted.

    The announced range draws its stated minimum solid and the rest up to the stated maximum
    hatched; a figure with no disclosed number draws no announced bar and says so in words, so
    an unknown is never drawn as a zero.
    """
    labels = [html_text(v) for v in figures["label"]]
    low = [0 if pd.isna(v) else int(v) for v in figures["low"]]
    high = [None if pd.isna(v) else int(v) for v in figures["high"]]
    stopped = [None if pd.isna(v) else int(v) for v in figures["stopped_high"]]
    unconfirmed = [None if pd.isna(v) else int(v) for v in figures["unconfirmed_high"]]
    fig = go.Figure()
    fig.add_bar(
        name="Planned",
        y=labels,
        x=figures["planned"].tolist(),
        orientation="h",
        marker=dict(color=PLANNED_COLOR, line=dict(color="#808080", width=1)),
        width=0.8,
        hovertemplate="%{y}<br>Planned: %{x:,}<extra></extra>",
    )
    fig.add_bar(
        name="Announced: stated minimum",
        y=labels,
        x=[lo if hi is not None else None for lo, hi in zip(low, high, strict=True)],
        orientation="h",
        marker=dict(color=ANNOUNCED_COLOR),
        width=0.3,
        offset=0.05,
        hovertemplate="%{y}<br>Stated minimum: %{x:,}<extra></extra>",
    )
    fig.add_bar(
        name="Announced: up to",
        y=labels,
        base=low,
        x=[None if hi is None else hi - lo for lo, hi in zip(low, high, strict=True)],
        orientation="h",
        marker=dict(
            color="white",
            line=dict(color=ANNOUNCED_COLOR, width=2),
            pattern=dict(shape="/", fgcolor=ANNOUNCED_COLOR),
        ),
        width=0.3,
        offset=0.05,
        customdata=high,
        hovertemplate="%{y}<br>Announced, up to: %{customdata:,}<extra></extra>",
    )
    fig.add_bar(
        name="Reported or interest only (not counted)",
        y=labels,
        x=unconfirmed,
        orientation="h",
        marker=dict(
            color="white",
            line=dict(color=UNCONFIRMED_COLOR, width=2),
            pattern=dict(shape=".", fgcolor=UNCONFIRMED_COLOR),
        ),
        width=0.18,
        offset=-0.37,
        hovertemplate="%{y}<br>Reported or interest only: %{x:,}<extra></extra>",
    )
    fig.add_bar(
        name="Suspended or withdrawn (not counted)",
        y=labels,
        x=stopped,
        orientation="h",
        marker=dict(
            color="white",
            line=dict(color=STOPPED_COLOR, width=2),
            pattern=dict(shape="x", fgcolor=STOPPED_COLOR),
        ),
        width=0.18,
        offset=-0.17,
        hovertemplate="%{y}<br>Not counted: %{x:,}<extra></extra>",
    )
    for label, row in zip(labels, figures.to_dict("records"), strict=True):
        fig.add_annotation(
            y=label,
            x=0,
            xref="x",
            yref="y",
            yshift=-30,
            xanchor="left",
            showarrow=False,
            text=html_text(count_note(row)),
            font=dict(size=13, color="#333"),
        )
    fig.update_layout(
        barmode="overlay", bargap=0.35, legend=dict(orientation="h", y=-0.12, yanchor="top", x=0)
    )
    fig.update_xaxes(title="personnel", tickformat=",", gridcolor="#eee", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, title, 190 + 120 * len(figures))
    fig.update_layout(legend=dict(orientation="h", y=-0.1, yanchor="top", x=0), margin=dict(b=90))
    return fig


def _hover(row: dict[Any, Any]) -> str:
    parts = [
        f"<b>{html_text(country_name(row['country']))}</b>",
        f"{html_text(ROLES[row['role']].label)}: {html_text(STATUSES[row['status']].label)}",
        f"Number: {html_text(number_text(row))}",
    ]
    if row["conditions"]:
        parts.append(f"Conditions: {html_text(_clip(row['conditions']))}")
    parts.append(f"Source: {html_text(row['source_outlet'])}, {row['date'].date().isoformat()}")
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
            name=html_text(STATUSES[status].label),
            x=[SHORT_ROLE[r["role"]] for r in records],
            y=[html_text(names[r["country"]]) for r in records],
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
        categoryorder="array", categoryarray=[html_text(names[c]) for c in order], gridcolor="#eee"
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
            name=html_text(STATUSES[status].label),
            x=[SHORT_ROLE[r] for r in roles],
            y=values,
            marker=dict(color=STATUS_COLORS[status], line=dict(color="white", width=1)),
            hovertemplate="%{x}: %{y} countries "
            + html_text(STATUSES[status].label.lower())
            + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="countries", gridcolor="#eee")
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
            name=html_text(STATUSES[status].label),
            x=[r["date"] for r in records],
            y=[html_text(ROLES[r["role"]].label) for r in records],
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
    roles = [html_text(ROLES[r].label) for r in ROLES if r in set(statements["role"])]
    fig.update_yaxes(categoryorder="array", categoryarray=roles[::-1], gridcolor="#eee")
    fig.update_xaxes(gridcolor="#eee")
    return _layout(fig, title, 180 + 45 * max(len(roles), 1))
