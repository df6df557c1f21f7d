"""The dashboard page: reads the filters, asks the core for the picture, renders it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.browser import find_browser
from dashboard.core.charts import (
    announced_over_time_chart,
    conditions_chart,
    country_timeline_chart,
    planned_vs_announced_chart,
    role_breakdown_chart,
    role_counts_chart,
    status_over_time_chart,
)
from dashboard.core.conditions import countries_without_conditions
from dashboard.core.countries import country_name
from dashboard.core.descriptions import (
    announced_over_time_text,
    conditions_text,
    counts_table,
    counts_text,
    map_text,
    planned_vs_announced_table,
    planned_vs_announced_text,
    roles_table,
    roles_text,
    scale_text,
    status_over_time_text,
    timeline_text,
)
from dashboard.core.exports import IMAGE_FORMATS, captioned, export_csv, export_header, figure_image
from dashboard.core.geo import contributor_map
from dashboard.core.language import N_, _, is_right_to_left, ngettext, number, speaking
from dashboard.core.loading import InvalidData, UnreadableFile
from dashboard.core.markup import (
    changes_html,
    conditions_html,
    corrections_html,
    data_table_html,
    figure_deltas_html,
    legend_html,
    missions_html,
    timeline_html,
    transitions_html,
)
from dashboard.core.scale import comparisons, scale_chart
from dashboard.core.selection import picture_of
from dashboard.core.statements import (
    STATEMENT_COLUMN_LABELS,
    corrections_table,
    headline,
    position_changes,
    statement_table,
)
from dashboard.core.text import html_text, long_date, markdown_text, short_date
from dashboard.ui import briefing
from dashboard.ui.data import Loaded, data_label, load_all, picture_over_time, positions_on
from dashboard.ui.filters import (
    drop_focus,
    focus_picker,
    layout_toggle,
    map_framing,
    notices,
    reader_language,
    section_tabs,
    sidebar_filters,
    way_back,
)
from dashboard.ui.view import View, key_figures

log = logging.getLogger(__name__)

TITLE = N_("International Stabilization Force for Gaza: who has committed what")
# The browser tab's title, short enough to read on a tab.
PAGE_TITLE = N_("ISF commitments tracker")
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}


# WCAG 2.2 AA, as the axe audit of the browser tests checks it: Streamlit's caption grey
# (#828180, 3.9:1 on white) is darkened to 6:1, and the date inputs' day, month and year
# segments get the 24-pixel targets a finger or a shaky hand needs.
ACCESSIBLE_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #5c5b5a; opacity: 1;
}
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px;
  text-align: center;
}
</style>
"""


def render() -> None:
    """Draw the whole page in the reader's language; a failure is a message, never a traceback."""
    lang = reader_language()
    with speaking(lang):
        # set_page_config is additive: app.py set the icon and layout, the title waits for the
        # language, which only the session knows.
        st.set_page_config(page_title=_(PAGE_TITLE))
        _language_of_the_document(lang)
        _render()


def document_language_html(lang: str) -> str:
    """The one script this page sends: it sets <html lang> and dir, which Streamlit cannot.

    Screen readers pick their voice by the language, and the browser lays out right to left by
    the direction. The code is one of LANGUAGES, never text from the link as given.
    """
    direction = "rtl" if is_right_to_left(lang) else "ltr"
    return (
        f"<script>document.documentElement.lang = {json.dumps(lang)};"
        f"document.documentElement.dir = {json.dumps(direction)};</script>"
    )


def _language_of_the_document(lang: str) -> None:
    st.html(document_language_html(lang), unsafe_allow_javascript=True, width="content")
    css = ACCESSIBLE_CSS + (RIGHT_TO_LEFT_CSS if is_right_to_left(lang) else "")
    st.markdown(css, unsafe_allow_html=True)


def _render() -> None:
    try:
        data = load_all()
    except UnreadableFile as err:
        st.title(_(TITLE))
        st.error(
            _(
                "The data file cannot be read: {error}. Check the path in COMMITMENTS_CSV, "
                "or unset it to use the bundled data."
            ).format(error=markdown_text(str(err)))
        )
        return
    except InvalidData as err:
        _show_problems(err)
        return
    try:
        view = _view(data)
        if view.page.layout == "briefing":
            briefing.render(view, _(TITLE))
        else:
            _dashboard(view)
    except Exception:  # the last line of defence: log it, say it plainly, show no traceback
        log.exception("The page failed to render")
        st.error(
            _(
                "Something went wrong while drawing this view. The details are in the "
                "server log. Clear the filters, or read the data files again if they were just "
                "edited."
            )
        )
        way_back()


RIGHT_TO_LEFT_CSS = """
<style>
/* Text and tables read from the right; numbers and codes inside them keep their own order. */
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
/* Streamlit aligns each text element left outright (st.markdown's text_alignment="left"). */
:is([data-testid="stMain"], [data-testid="stSidebar"]) [data-testid="stElementContainer"] {
  text-align: right;
}
/* Lists: Streamlit aligns them left and indents items by a left margin, so the numbers and
   bullets, drawn on the right, fell outside the page's edge. */
:is([data-testid="stMain"], [data-testid="stSidebar"]) :is(ol, ul) { text-align: right; }
:is([data-testid="stMain"], [data-testid="stSidebar"]) li {
  margin-left: 0; margin-right: 1.15em; padding-left: 0; padding-right: 0.3em;
}
/* With <html dir=rtl> the sidebar sits on the right, but Streamlit hides a collapsed one by
   moving it its own width to the left, which left it over the page: move it off to the right. */
[data-testid="stSidebar"][data-collapsed="true"] { transform: translateX(100vw) !important; }
/* Its open and close arrows point the way it moves, now mirrored. */
[data-testid="stExpandSidebarButton"] [data-testid="stIconMaterial"],
[data-testid="stSidebarCollapseButton"] [data-testid="stIconMaterial"] { transform: scaleX(-1); }
/* The resize grip stays on the sidebar's right edge, the window's edge here: hidden. */
div:has(> [data-testid="stSidebarResizeHandle"]) { display: none; }
/* A date reads 2026-03-01 in any language; right to left its fields came out day first. */
[data-testid="stDateInputField"] [role="group"] { direction: ltr; }
/* Segmented controls round and border their first and last option by left and right, so right
   to left their outer corners came out square: laid out left to right and mirrored whole, the
   first option sits on the right with its corners right; each label is mirrored back. */
[data-testid="stButtonGroup"] [role="radiogroup"] { direction: ltr; transform: scaleX(-1); }
[data-testid="stButtonGroup"] [role="radiogroup"] button > * { transform: scaleX(-1); }
/* Tabs the same way: Streamlit scrolls a tab list too wide for a phone by left-to-right
   offsets, so right to left its arrow sat on the first tab and scrolled nothing. Mirrored,
   the list scrolls, and its arrows move to the side the hidden tabs are on. */
[data-testid="stTabs"] [role="tablist"] { direction: ltr; transform: scaleX(-1); }
[data-testid="stTabs"] [role="tab"] [data-testid="stMarkdownContainer"] { transform: scaleX(-1); }
[data-testid="stTabsScrollRight"] { right: auto; left: 0; transform: scaleX(-1); }
[data-testid="stTabsScrollLeft"] { left: auto; right: 0; transform: scaleX(-1); }
</style>
"""


def _show_problems(err: InvalidData) -> None:
    st.title(_(TITLE))
    files = sorted({p.path for p in err.problems}) or [err.path]
    named = ", ".join(markdown_text(f) for f in files)
    count = len(err.problems)
    st.error(
        # TRANSLATORS: {files} names the data files. The lines listed below the message
        # stay in English (they are what `python -m dashboard validate` prints).
        ngettext(
            "The data has {count} problem(s), in {files}, so nothing is shown until they are "
            "fixed. Each line below gives the file, the line, the column, what is wrong and "
            "how to fix it.",
            "The data has {count} problem(s), in {files}, so nothing is shown until they are "
            "fixed. Each line below gives the file, the line, the column, what is wrong and "
            "how to fix it.",
            count,
        ).format(count=number(count), files=named)
    )
    # The problems themselves stay in English: they are what the validate command prints.
    st.code("\n".join(str(p) for p in err.problems), language=None, wrap_lines=True)
    st.caption(_("Run `python -m dashboard validate` to check the file again after editing it."))


def _view(data: Loaded) -> View:
    dataset = data.dataset
    selection, page = sidebar_filters(dataset.commitments, dataset.default_as_of)
    picture = picture_of(dataset, selection, positions_on)
    if page.focus and page.focus not in set(picture.current["country"]):
        page = drop_focus(selection, page, picture.default)
    return View(picture, page, dataset.places, data.points, notices() + picture.notes)


def _dashboard(view: View) -> None:
    picture = view.picture
    top, toggle = st.columns([4, 1], vertical_alignment="bottom")
    with top:
        st.title(_(TITLE))
    with toggle:
        layout_toggle()
    count = picture.statement_count
    as_of = _("As of {date}").format(date=long_date(picture.when))
    # TRANSLATORS: {filters} says which countries, roles and statuses the page shows.
    showing = _("Showing: {filters}").format(filters=markdown_text(picture.filters_text))
    based = ngettext(
        "Based on {count} dated public statement; every number links to its source in the "
        "Statements section.",
        "Based on {count} dated public statements; every number links to its source in the "
        "Statements section.",
        count,
    ).format(count=number(count))
    # TRANSLATORS: {sources} lists where the plan's figures come from; {file} is a file name.
    data = _("{sources}. Data: ISF commitments tracker, {file}.").format(
        sources=markdown_text(picture.sources), file=markdown_text(data_label())
    )
    st.markdown(
        f"**{as_of}** · {showing} · {based}  \n"
        f"**{markdown_text(picture.freshness)}** · :gray[{data}]"
    )
    for notice in view.notices:
        st.warning(f"{markdown_text(notice)}.", icon="⚠️")
    if picture.current.empty:
        st.info(
            _(
                "No statement matches these filters on this date: {filters}. Remove a filter, "
                "or move the as-of date later: many countries spoke only from February 2026 on."
            ).format(filters=markdown_text(picture.filters_text))
        )
        _changes(view)
        return
    st.markdown(f"#### {markdown_text(headline(picture.current, picture.figures))}")
    # Only the open section is built and sent: a filter change redraws one section's charts.
    tabs = section_tabs()
    with tabs[view.page.section]:
        SECTION_BODIES[view.page.section](view)
        _image_downloads(view)
    st.divider()
    st.caption(
        _(
            "{sources}. Data: {file}, curated from public statements; method and definitions "
            "in data/README.md. Blank numbers were not disclosed: they are unknown, not zero."
        ).format(sources=markdown_text(picture.sources), file=markdown_text(data_label()))
    )


def _overview(view: View) -> None:
    picture = view.picture
    key_figures(picture.figures)
    title = _("Planned versus announced")
    dated = _("Planned versus announced, as of {date}").format(date=short_date(picture.when))
    _chart(view, planned_vs_announced_chart(picture.figures, dated), "chart-planned", title)
    _alternative(
        planned_vs_announced_text(picture.figures),
        planned_vs_announced_table(picture.figures),
        title,
    )
    _changes(view)
    where = _("Where the contributors are")
    st.subheader(where)
    framing = map_framing()
    st.pydeck_chart(
        contributor_map(picture.current, view.points, view.places, framing), height=480, key="map"
    )
    _alternative(map_text(picture.current), roles_table(picture.current), where)
    about = _(
        "Hover a marker for each role's status, number and source. Country outlines: Natural "
        "Earth (public domain), served by this app; no map tiles are fetched."
    )
    st.markdown(
        legend_html(picture.current)
        + f"<div style='color:#666;font-size:0.85rem'>{html_text(about)}</div>",
        unsafe_allow_html=True,
    )


def _roles(view: View) -> None:
    current = view.picture.current
    # One above the other, each at full width: side by side, nine role labels ran together
    # at 1280 px.
    title = _("Current status by country and role")
    _chart(view, role_breakdown_chart(current, title), "chart-roles", title)
    _alternative(roles_text(current), roles_table(current), title)
    title = _("Countries per role, by status")
    _chart(view, role_counts_chart(current, title), "chart-counts", title)
    _alternative(counts_text(current), counts_table(current), title)


def _conditions(view: View) -> None:
    current = view.picture.current
    matrix = view.picture.conditions
    st.markdown(
        _(
            "What each country has said must hold before or while it serves. A condition stays "
            "with a position until the country withdraws or declines; each tick links to the "
            "newest statement that states it (hover for the words used). Filter by a condition "
            "in the sidebar. Definitions: data/README.md."
        )
    )
    # A keyed container: the matrix is there even when no chart follows (no stated condition).
    with st.container(key="conditions-matrix"):
        st.markdown(
            conditions_html(matrix, countries_without_conditions(current, matrix)),
            unsafe_allow_html=True,
        )
    if not matrix.empty:
        title = _("Stated conditions by country")
        _chart(view, conditions_chart(matrix, title), "chart-conditions", title)
        # The matrix above is the chart's table already.
        st.caption(markdown_text(conditions_text(matrix)))


def _over_time(view: View) -> None:
    picture = view.picture
    data = picture_over_time(picture.selection)
    events = picture.dataset.events
    events = events[events["date"] <= pd.Timestamp(picture.when)]
    st.markdown(
        _(
            "The picture on every date a statement changed it, for the filters in the sidebar: "
            "the same figures the dashboard shows when set to that date. Numbered lines mark "
            "events; the key is under each chart."
        )
    )
    until = short_date(picture.when)
    title = _("Countries at each status, per role, up to {date}").format(date=until)
    _chart(view, status_over_time_chart(data.counts, events, title), "chart-status-time", title)
    st.caption(markdown_text(status_over_time_text(data.counts)))
    if not data.announced.empty:
        # TRANSLATORS: {figure} is a planned figure's name, such as "Troops".
        title = _("{figure}: announced against the plan, up to {date}").format(
            figure=data.figure_label, date=until
        )
        fig = announced_over_time_chart(data.announced, events, title, data.figure_label)
        _chart(view, fig, "chart-announced-time", title)
        st.caption(markdown_text(announced_over_time_text(data.announced, data.figure_label)))
        st.caption(
            _(
                "The band runs from the stated lower bounds to the upper bounds of counted "
                "statuses; a contributor that gave no number adds nothing to it, and is counted "
                "in the hover. Unknown is not zero."
            )
        )


def _scale(view: View) -> None:
    data = comparisons(view.picture)
    st.markdown(
        # TRANSLATORS: {number} is 20,000, the size of the planned force.
        _(
            "Is {number} a lot? The ISF's plan, what is announced and what is deployed, beside "
            "the authorised and deployed strength of peace operations, each figure dated and "
            "sourced (data/missions.csv). Units differ (troops, military or uniformed "
            "personnel): the labels say which."
        ).format(number=number(20000))
    )
    title = _("The ISF beside other peace operations")
    _chart(view, scale_chart(data, title), "chart-scale", title)
    # The sourced list below gives every figure of the chart.
    st.caption(markdown_text(scale_text(data)))
    st.markdown(missions_html(view.picture.dataset.missions), unsafe_allow_html=True)


def _alternative(text: str, table: pd.DataFrame, title: str) -> None:
    """A chart's text alternative: what it shows in words, and its numbers as a table."""
    st.caption(markdown_text(text))
    with st.expander(_("The numbers behind this chart, as a table")):
        st.markdown(data_table_html(table, title), unsafe_allow_html=True)


def _chart(view: View, fig: go.Figure, key: str, title: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key)
    view.charts[key] = (title, fig)


def _image_downloads(view: View) -> None:
    """One download for every chart on the page, as PNG or SVG, title and sources baked in.

    One picker rather than buttons under each chart: every element is re-sent to the browser
    on each rerun, and buttons under every chart made a filter change markedly slower.
    """
    if not view.charts:
        return
    st.subheader(_("Download a chart for a briefing"))
    browser = find_browser()
    if browser is None:
        st.caption(_("Image downloads need Chromium on the server (apt-get install chromium)."))
        return
    keys = list(view.charts)
    pick, fmt_col, button = st.columns([3, 1, 1], vertical_alignment="bottom")
    with pick:
        key = st.selectbox(_("Chart"), keys, format_func=lambda k: view.charts[k][0], key="image")
    with fmt_col:
        fmt = (
            st.segmented_control(
                # TRANSLATORS: an image file's format (PNG or SVG).
                _("Format"),
                list(IMAGE_FORMATS),
                default="png",
                format_func=str.upper,
                key="image_format",
            )
            or "png"
        )
    title, fig = view.charts[key or keys[0]]
    when = view.picture.when

    def render() -> bytes:
        return figure_image(captioned(fig, title, view.picture), fmt, browser)

    with button:
        st.download_button(
            # TRANSLATORS: {format} is PNG or SVG.
            _("Download {format}").format(format=fmt.upper()),
            data=render,
            file_name=f"{(key or keys[0]).removeprefix('chart-')}-{when.isoformat()}.{fmt}",
            mime=IMAGE_FORMATS[fmt],
            key="image-download",
            icon=":material/download:",
            help=_("The image carries the chart's title, the as-of date, the filters and sources"),
        )


def _changes(view: View) -> None:
    """What changed since the reader's date; nothing without one (or with one too late)."""
    report = view.picture.changes
    if report is None:
        return  # no date asked for, or one the notices at the top say is too late
    since, until = short_date(report.since), short_date(report.until)
    st.subheader(_("What changed between {since} and {until}").format(since=since, until=until))
    st.markdown(transitions_html(report), unsafe_allow_html=True)
    st.markdown("**{}**".format(_("How the figures moved")))
    st.markdown(figure_deltas_html(report), unsafe_allow_html=True)
    before, after = st.columns(2)
    for column, figures, day, key in (
        (before, report.figures_before, since, "chart-before"),
        (after, report.figures_after, until, "chart-after"),
    ):
        with column:
            title = _("Planned versus announced, {date}").format(date=day)
            _chart(view, planned_vs_announced_chart(figures, title), key, title)
            st.caption(markdown_text(planned_vs_announced_text(figures)))
    count = len(report.statements)
    st.caption(
        ngettext(
            "{count} statement(s) dated after {date}; they are listed in the Statements "
            "section with 'Include earlier, superseded statements' on.",
            "{count} statement(s) dated after {date}; they are listed in the Statements "
            "section with 'Include earlier, superseded statements' on.",
            count,
        ).format(count=number(count), date=since)
    )


def _statements_table(view: View) -> None:
    picture = view.picture
    history = st.toggle(_("Include earlier, superseded statements"), key="history")
    table = statement_table(picture.history if history else picture.current)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=_statement_columns(),
        key="table",
    )
    header = export_header(picture, date.today(), data_label())
    st.download_button(
        _("Download these rows as CSV"),
        # The byte order mark lets spreadsheet programs read the file as UTF-8.
        "\ufeff" + export_csv(table, header),
        file_name=f"isf-commitments-{picture.when.isoformat()}.csv",
        mime="text/csv",
        key="download-csv",
        icon=":material/download:",
    )
    _corrections(view)


def _statement_columns() -> dict[str, Any]:
    """The statements table's headers and help in the reader's language.

    The table's own column names stay English (the CSV download and the code use them); the
    header a reader sees is each column's configured label.
    """
    label = {column: _(text) for column, text in STATEMENT_COLUMN_LABELS.items()}
    iso = "YYYY-MM-DD"
    config: dict[str, Any] = {
        column: st.column_config.Column(text) for column, text in label.items()
    }
    config |= {
        "Date": st.column_config.DateColumn(label["Date"], format=iso),
        "Published": st.column_config.DateColumn(label["Published"], format=iso),
        "Quote": st.column_config.TextColumn(
            label["Quote"], width="large", help=_("In the source's own language")
        ),
        "Translation": st.column_config.TextColumn(
            label["Translation"], help=_("The curator's English translation of a quote")
        ),
        "Link": st.column_config.LinkColumn(
            label["Link"],
            # TRANSLATORS: the text of each link in the statements table's Link column.
            display_text=_("source ↗"),
            help=_("Opens the source in a new tab"),
        ),
        "Checked": st.column_config.DateColumn(
            label["Checked"],
            format=iso,
            help=_("When the quote was last confirmed at its source; blank if not yet"),
        ),
    }
    return config


def _corrections(view: View) -> None:
    table = corrections_table(view.picture.corrections)
    narrowed = view.picture.selection.narrows()
    count = len(table)
    st.subheader(_("Corrections to published statements ({count})").format(count=number(count)))
    if table.empty:
        st.caption(
            _("No published statement has been corrected or removed for the statements in view.")
            if narrowed
            else _("No published statement has been corrected or removed.")
        )
        return
    st.caption(
        _(
            "Every change made to a statement after it was published, newest first: what "
            "changed and why. A removed statement no longer counts anywhere. The full log is "
            "data/corrections.csv."
        )
    )
    if narrowed:
        label = ngettext(
            "Show the {count} correction(s) for the statements in view",
            "Show the {count} correction(s) for the statements in view",
            count,
        )
    else:
        label = ngettext("Show the {count} correction(s)", "Show the {count} correction(s)", count)
    # A short log is shown open; a long one waits behind a click so the table stays in view.
    with st.expander(label.format(count=number(count)), expanded=count <= 6):
        st.markdown(corrections_html(table), unsafe_allow_html=True)


def _country_view(view: View) -> None:
    picture = view.picture
    codes = sorted(picture.current["country"].unique(), key=country_name)
    focus = focus_picker(codes)
    if not focus:
        return
    mine = picture.statements_of(focus)
    title = _("{country}: statements up to {date}").format(
        country=country_name(focus), date=short_date(picture.when)
    )
    _chart(view, country_timeline_chart(mine, title), "chart-timeline", title)
    st.caption(markdown_text(timeline_text(mine, focus)))
    st.markdown(changes_html(position_changes(mine)), unsafe_allow_html=True)
    st.markdown(timeline_html(mine), unsafe_allow_html=True)


SECTION_BODIES: dict[str, Callable[[View], None]] = {
    "overview": _overview,
    "roles": _roles,
    "conditions": _conditions,
    "over_time": _over_time,
    "scale": _scale,
    "statements": _statements_table,
    "timeline": _country_view,
}
