"""The dashboard page: reads the filters, calls the core, renders; no logic of its own."""

from __future__ import annotations

import html
import logging
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.core.charts import (
    country_timeline_chart,
    planned_vs_announced_chart,
    range_text,
    role_breakdown_chart,
    role_counts_chart,
)
from dashboard.core.countries import country_name
from dashboard.core.filters import Filters, describe_filters
from dashboard.core.geo import contributor_map
from dashboard.core.loading import InvalidData, UnreadableFile, commitments_path
from dashboard.core.palette import STATUS_COLORS
from dashboard.core.picture import as_of, filter_statements, planned_vs_announced
from dashboard.core.statements import (
    export_csv,
    export_header,
    headline,
    position_changes,
    sources_line,
    statement_table,
)
from dashboard.core.text import html_text, markdown_text
from dashboard.core.vocabulary import ROLES, STATUSES
from dashboard.ui.data import load_all
from dashboard.ui.filters import ignored_values, sidebar_filters, write_url

log = logging.getLogger(__name__)

TITLE = "International Stabilization Force for Gaza: who has committed what"
FOCUS = "focus"


def render() -> None:
    """Draw the whole page; any failure becomes a readable message, never a traceback."""
    try:
        data = load_all()
    except UnreadableFile as err:
        st.title(TITLE)
        st.error(
            f"The data file cannot be read: {markdown_text(str(err))}. Check the path in "
            "COMMITMENTS_CSV, or unset it to use the bundled data."
        )
        return
    except InvalidData as err:
        _show_problems(err)
        return
    try:
        _render(*data)
    except Exception:  # the last line of defence: log it, say it plainly, show no traceback
        log.exception("The page failed to render")
        st.error(
            "Something went wrong while drawing this view. The details are in the "
            "server log. Try clearing the filters."
        )


def _show_problems(err: InvalidData) -> None:
    st.title(TITLE)
    st.error(
        f"The data file {markdown_text(err.path)} has {len(err.problems)} problem(s), so "
        "nothing is shown until it is fixed. Each line below gives the file, the line, the "
        "column, what is wrong and how to fix it."
    )
    st.code("\n".join(str(p) for p in err.problems), language=None, wrap_lines=True)
    st.caption("Run `python -m dashboard validate` to check the file again after editing it.")


def _render(
    commitments: pd.DataFrame, targets: pd.DataFrame, places: pd.DataFrame, points: pd.DataFrame
) -> None:
    filters = sidebar_filters(commitments)
    when = filters.as_of or commitments["date"].max().date()
    current_all = as_of(commitments, when)
    current = filter_statements(current_all, filters.countries, filters.roles, filters.statuses)
    figures = planned_vs_announced(current, targets)

    _header(filters, when, current, commitments, figures)
    if current.empty:
        _empty_state(filters)
        return
    _key_figures(figures)
    st.plotly_chart(
        planned_vs_announced_chart(figures, f"Planned versus announced, as of {when:%d %b %Y}"),
        config={"displaylogo": False},
        key="chart-planned",
    )
    st.subheader("Where the contributors are")
    view = (
        st.segmented_control(
            "Map view",
            ["world", "gaza"],
            key="map_view",
            default="world",
            format_func=lambda v: {
                "world": "Contributors worldwide",
                "gaza": "Gaza, Rafah and the CMCC",
            }[v],
        )
        or "world"
    )
    st.pydeck_chart(contributor_map(current, points, places, view), height=480, key="map")
    st.markdown(_legend_html(current), unsafe_allow_html=True)
    st.caption(
        "Hover a marker for each role's status, number and source. Country outlines: "
        "Natural Earth (public domain), served by this app; no map tiles are fetched."
    )
    st.subheader("Who contributes what")
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            role_breakdown_chart(current, "Current status by country and role"),
            config={"displaylogo": False},
            key="chart-roles",
        )
    with right:
        st.plotly_chart(
            role_counts_chart(current, "Countries per role, by status"),
            config={"displaylogo": False},
            key="chart-counts",
        )
    _statements_table(commitments, current, filters, when)
    _country_view(commitments, current, when)
    _footer(current)


def _header(
    filters: Filters,
    when: date,
    current: pd.DataFrame,
    commitments: pd.DataFrame,
    figures: pd.DataFrame,
) -> None:
    st.title(TITLE)
    statements = int((commitments["date"] <= pd.Timestamp(when)).sum())
    st.markdown(
        f"**As of {when:%d %B %Y}** · Showing: {markdown_text(describe_filters(filters))} · "
        f"Based on {statements} dated public statements; every number links to its source "
        "in the table below."
    )
    for notice in ignored_values():
        st.warning(f"Ignored from the link: {markdown_text(notice)}.", icon="⚠️")
    if not current.empty:
        st.markdown(f"#### {markdown_text(headline(current, figures))}")


def _empty_state(filters: Filters) -> None:
    st.info(
        "No statement matches these filters on this date: "
        f"{markdown_text(describe_filters(filters))}. Remove a filter, or move the as-of date "
        "later: many countries spoke only from February 2026 on."
    )


def _key_figures(figures: pd.DataFrame) -> None:
    columns = st.columns(len(figures))
    for column, row in zip(columns, figures.to_dict("records"), strict=True):
        with column:
            if not row["roles"]:
                value, detail = (
                    "plan only",
                    "A facility in contracting documents; no country's "
                    "contribution counts toward it.",
                )
            else:
                value = range_text(row)
                detail = (
                    f"{row['contributors']} contributor(s); {row['undisclosed']} gave no "
                    "number" + ("" if row["undisclosed"] == 0 else " (unknown, not zero)")
                )
                if row["stopped_contributors"]:
                    detail += (
                        f". Suspended or withdrawn, not counted: {range_text(row, 'stopped_')}"
                    )
                if row["declined_contributors"]:
                    detail += f". {row['declined_contributors']} declined"
            st.metric(
                f"{row['label']}: plan {row['planned']:,}",
                value,
                help=f"Plan: {row['wording']} ({row['source_outlet']})",
            )
            st.caption(markdown_text(detail))


def _legend_html(current: pd.DataFrame) -> str:
    present = [s for s in STATUSES if s in set(current["status"])]
    items = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:14px'>"
        f"<span style='width:12px;height:12px;border-radius:50%;background:{STATUS_COLORS[s]};"
        f"display:inline-block;margin-right:5px;border:1px solid #555'></span>"
        f"{html_text(STATUSES[s].label)}</span>"
        for s in present
    )
    return (
        f"<div style='font-size:0.9rem'><b>Marker colour:</b> strongest current status. "
        f"<b>Size:</b> number of roles held. {items}"
        f"<span style='display:inline-flex;align-items:center'><span style='width:10px;"
        f"height:10px;border-radius:50%;background:white;border:2px solid black;"
        f"display:inline-block;margin-right:5px'></span>Gaza, Rafah, CMCC</span></div>"
    )


def _statements_table(
    commitments: pd.DataFrame, current: pd.DataFrame, filters: Filters, when: date
) -> None:
    st.subheader("The statements behind this view")
    history = st.toggle("Include earlier, superseded statements", key="history")
    if history:
        upto = commitments[commitments["date"] <= pd.Timestamp(when)]
        rows = filter_statements(upto, filters.countries, filters.roles)
        if filters.statuses:
            rows = rows[rows["status"].isin(filters.statuses)]
        rows = rows.sort_values(["date", "country"], ascending=[False, True])
    else:
        rows = current
    table = statement_table(rows)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Link": st.column_config.LinkColumn(
                "Link", display_text="source ↗", help="Opens the source in a new tab"
            ),
            "Date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "Published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
            "Quote": st.column_config.TextColumn("Quote", width="large"),
        },
        key="table",
    )
    header = export_header(when, describe_filters(filters), date.today())
    st.download_button(
        "Download these rows as CSV",
        export_csv(table, header),
        file_name=f"isf-commitments-{when.isoformat()}.csv",
        mime="text/csv",
        key="download-csv",
    )


def _country_view(commitments: pd.DataFrame, current: pd.DataFrame, when: date) -> None:
    st.subheader("One country over time")
    codes = sorted(current["country"].unique(), key=country_name)
    wanted = st.query_params.get(FOCUS)
    if FOCUS not in st.session_state and wanted in codes:
        st.session_state[FOCUS] = wanted
    if st.session_state.get(FOCUS) not in codes:
        st.session_state.pop(FOCUS, None)
    focus = st.selectbox(
        "Country",
        codes,
        format_func=country_name,
        key=FOCUS,
        index=None,
        placeholder="Pick a country to see its timeline",
    )
    write_url({FOCUS: [focus]} if focus else {}, (FOCUS,))
    if not focus:
        return
    mine = commitments[
        (commitments["country"] == focus) & (commitments["date"] <= pd.Timestamp(when))
    ]
    name = country_name(focus)
    st.plotly_chart(
        country_timeline_chart(mine, f"{name}: statements up to {when:%d %b %Y}"),
        config={"displaylogo": False},
        key="chart-timeline",
    )
    st.markdown(_changes_html(position_changes(mine)), unsafe_allow_html=True)
    st.markdown(_timeline_html(mine), unsafe_allow_html=True)


def _changes_html(changes: dict[str, list[tuple[date, str]]]) -> str:
    lines = []
    for role, path in changes.items():
        steps = " → ".join(
            f"{html_text(STATUSES[s].label.lower())} ({d:%d %b %Y})" for d, s in path
        )
        lines.append(f"<li><b>{html_text(ROLES[role].label)}</b>: {steps}</li>")
    return "<p><b>How its position changed</b></p><ul>" + "".join(lines) + "</ul>"


def _timeline_html(statements: pd.DataFrame) -> str:
    items = []
    for r in statements.sort_values(["date", "line"], ascending=False).to_dict("records"):
        link = html.escape(r["source_url"], quote=True)
        quote = f" “{html_text(r['quote'])}”" if r["quote"] else ""
        note = f"<br/><small>{html_text(r['note'])}</small>" if r["note"] else ""
        items.append(
            f"<li><b>{r['date']:%d %b %Y}</b> · {html_text(ROLES[r['role']].label)}: "
            f"{html_text(STATUSES[r['status']].label)}.{quote} "
            f"<a href='{link}' target='_blank' rel='noopener noreferrer'>"
            f"{html_text(r['source_outlet'])}</a>{note}</li>"
        )
    return "<p><b>Statements, newest first</b></p><ol reversed>" + "".join(items) + "</ol>"


def _footer(current: pd.DataFrame) -> None:
    st.divider()
    st.caption(
        f"{markdown_text(sources_line(current))}. Data: {markdown_text(commitments_path().name)}"
        ", curated from public statements; method and definitions in data/README.md. "
        "Blank numbers were not disclosed: they are unknown, not zero."
    )
