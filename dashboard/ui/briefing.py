"""The briefing layout: a clean 16:9 slide of the current view that explains itself."""

from __future__ import annotations

import math
import os
from dataclasses import replace
from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from dashboard.core.charts import (
    announced_over_time_chart,
    conditions_chart,
    planned_vs_announced_chart,
)
from dashboard.core.descriptions import (
    announced_over_time_text,
    conditions_text,
    map_text,
    planned_vs_announced_text,
    scale_text,
)
from dashboard.core.filters import link_params
from dashboard.core.geo import contributor_map
from dashboard.core.language import DEFAULT_LANGUAGE, _, is_right_to_left, language
from dashboard.core.markup import figure_deltas_html, legend_html, transitions_html
from dashboard.core.scale import comparisons, scale_chart
from dashboard.core.statements import headline
from dashboard.core.text import html_text, long_date, short_date
from dashboard.ui.data import picture_over_time
from dashboard.ui.filters import leave_briefing
from dashboard.ui.view import View, key_figures

DASHBOARD_URL = "DASHBOARD_URL"
# How many status changes a slide lists (the rest are counted), and the height of a notice line.
CHANGES_SHOWN = 5
NOTICE_LINE_PX = 19

# Streamlit's chrome (sidebar, toolbar, header, status) is hidden so a screenshot is the slide.
# The layout is designed for 1280x720; the snapshot command scales it to larger 16:9 sizes.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], header, footer {
  display: none !important;
}
[data-testid="stMainBlockContainer"], .block-container {
  padding: 14px 28px 8px 28px !important; max-width: 100% !important;
}
[data-testid="stMain"] { font-size: 17px; }
[data-testid="stMetricValue"] { font-size: 28px !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stDeckGlJsonChart"] button { display: none !important; }
.st-key-leave-briefing { margin-top: 18px; }
.brief-footer { border-top: 2px solid #333; padding-top: 6px; font-size: 13px; color: #222;
  line-height: 1.45; }
.brief-changes { font-size: 14px; line-height: 1.3; }
.brief-changes li { margin-bottom: 1px; }
/* The bar stands where a line starts: left, or right in Arabic. */
.brief-notices { background: #fff4d6; border-inline-start: 4px solid #b7791f; padding: 4px 10px;
  font-size: 13px; color: #3d2c00; line-height: 1.35; margin-bottom: 6px; }
/* An address reads left to right in any language, Arabic footers included. */
.brief-footer a { color: #0b5394; word-break: break-all; direction: ltr;
  unicode-bidi: isolate; }
.brief-unseen { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
</style>
"""


def _link(view: View) -> str:
    picture = view.picture
    selection = picture.selection
    if selection.since and picture.changes is None:
        # The slide does not show it (a notice says why), so the link does not carry it either.
        selection = replace(selection, since=None)
    params = link_params(selection, view.page, picture.default)
    focus = st.query_params.get("focus")
    if focus:
        params["focus"] = [focus]
    # DASHBOARD_URL names the address readers use (the snapshot command sets it), since the
    # address this page was rendered on may be a temporary local one.
    base = os.environ.get(DASHBOARD_URL) or st.context.url or "http://localhost:8501/"
    base = base if base.endswith("/") else base + "/"
    query = urlencode(params, doseq=True)
    return f"{base}?{query}" if query else base


def _section_chart(view: View) -> tuple[go.Figure, str]:
    """The slide's chart: the open section's answer where it has one, else planned vs announced.

    A slide made from the scale, conditions or over-time section shows that section's chart,
    so a briefing can carry each of those answers. Returns the figure and its text alternative.
    """
    picture = view.picture
    section = view.page.section
    if section == "scale":
        scale = comparisons(picture)
        fig = scale_chart(scale, _("The ISF beside other peace operations"))
        said = scale_text(scale)
    elif section == "conditions" and not picture.conditions.empty:
        fig = conditions_chart(picture.conditions, _("Stated conditions by country"))
        said = conditions_text(picture.conditions)
    elif section == "over_time":
        data = picture_over_time(picture.selection)
        # A slide has no room for the key of numbered events, so it marks none.
        no_events = picture.dataset.events.iloc[0:0]
        # TRANSLATORS: {figure} is a planned figure's name, such as "Troops".
        title = _("{figure} over time").format(figure=data.figure_label)
        fig = announced_over_time_chart(data.announced, no_events, title, data.figure_label)
        fig.update_layout(legend=dict(orientation="h", x=0, y=-0.12, yanchor="top"))
        said = announced_over_time_text(data.announced, data.figure_label)
    else:
        fig = planned_vs_announced_chart(picture.figures, _("Planned versus announced"))
        said = planned_vs_announced_text(picture.figures)
        # The words beside each bar say what it is, so the slide drops the legend for room.
        fig.update_layout(
            showlegend=False, uniformtext=dict(minsize=11, mode="show"), margin=dict(b=40)
        )
    # The least height it takes; it stretches to the box the slide gives it (see _filling_css).
    # The margin at the chart's far end is narrow: the right in English, the left in Arabic,
    # where the labels stand on the right.
    end = "l" if is_right_to_left() else "r"
    fig.update_layout(height=240, margin={"t": 36, end: 10}, font=dict(size=12))
    return fig, said


# What the slide's header, key figures, map legend, footer and button take at 1280x720, where
# the map had 300 px and the chart 340 px. The map and the chart take the rest of the window,
# so a slide shown full screen at 1920x1080 uses its height instead of leaving a third empty.
MAP_SPARE_PX = 420
CHART_SPARE_PX = 380


# Characters a line holds at 1280 px: the headline (17 px bold, the slide's width) and the
# words under a key figure (a third of it), and the height of one more line of each.
HEADLINE_LINE = (110, 24)
DETAIL_LINE = (60, 24)


def _text_room(headline: str, details: list[str]) -> int:
    """The pixels a headline and key-figure words take past two lines each (what English needs).

    Russian and Arabic say the same thing in longer words: at 1280x720 the slide's footer fell
    off the bottom. An estimate from the lengths (the server does not know the window's width)
    that errs on the side of keeping the footer on.
    """
    # Russian and Arabic letters run taller and their lines break sooner than the counts say
    # (measured at 1280x720: about one line more in all); that line is kept in reserve.
    reserve = 0 if language() == DEFAULT_LANGUAGE else HEADLINE_LINE[1]
    headline_lines = math.ceil(len(headline) / HEADLINE_LINE[0]) if headline else 1
    detail_lines = max((math.ceil(len(d) / DETAIL_LINE[0]) for d in details), default=2)
    return (
        reserve
        + HEADLINE_LINE[1] * max(0, headline_lines - 2)
        + DETAIL_LINE[1] * max(0, detail_lines - 2)
    )


def _filling_css(room: int) -> str:
    """The map's and the chart's boxes: the window's height less what the rest of the slide takes.

    A min-height, not a height: Streamlit's stretched chart and map fill a box that grows.
    `room` is what the notices take.
    """
    rules = [
        f".st-key-{box} {{ min-height: max({least}px, calc(100vh - {spare + room}px)); }}"
        for box, least, spare in (
            ("brief-map-box", 200, MAP_SPARE_PX),
            ("brief-chart-box", 240, CHART_SPARE_PX),
        )
    ]
    return "<style>" + "".join(rules) + "</style>"


def _unseen(text: str) -> str:
    """A text alternative a screen reader reads and a screenshot does not show."""
    return f"<div class='brief-unseen'>{html_text(text)}</div>"


def render(view: View, title: str) -> None:
    """Draw the briefing slide: header, key figures, map and chart (or changes), footer."""
    picture = view.picture
    st.markdown(CSS, unsafe_allow_html=True)
    subtitle = " · ".join(
        (_("As of {date}").format(date=long_date(picture.when)), picture.filters_text)
    )
    sentence = headline(picture.current, picture.figures) if not picture.current.empty else ""
    st.markdown(
        f"<div style='font-size:27px;font-weight:700;line-height:1.15'>{html_text(title)}</div>"
        f"<div style='font-size:17px;color:#333;margin-top:2px'>{html_text(subtitle)}</div>"
        f"<div style='font-size:17px;font-weight:600;margin:4px 0 10px 0;line-height:1.3'>"
        f"{html_text(sentence)}</div>",
        unsafe_allow_html=True,
    )
    if view.notices:
        # A slide must not misstate what it shows: what the link asked for and did not get is
        # said on the slide itself, compactly.
        st.markdown(
            "<div class='brief-notices'>"
            + "".join(f"<div>⚠ {html_text(notice)}.</div>" for notice in view.notices)
            + "</div>",
            unsafe_allow_html=True,
        )
    if picture.current.empty:
        st.info(_("No statement matches these filters on this date."))
    else:
        details = key_figures(picture.figures)
        # Each notice line takes room the map and the chart give up, so the footer stays on;
        # so does each line a long headline or key figure takes past what English needs.
        room = NOTICE_LINE_PX * len(view.notices) + _text_room(sentence, details)
        st.markdown(_filling_css(room), unsafe_allow_html=True)
        left, right = st.columns([1, 1], gap="medium")
        report = picture.changes
        with left:
            if report is not None:
                # The slide lists the first few changes and counts the rest: the footer, which
                # says what the slide is, must stay on it.
                changed = _("What changed between {since} and {until}").format(
                    since=short_date(report.since), until=short_date(report.until)
                )
                st.markdown(
                    "<div class='brief-changes'><div style='font-weight:700'>"
                    f"{html_text(changed)}</div>"
                    + transitions_html(report, limit=max(2, CHANGES_SHOWN - len(view.notices)))
                    + "<div style='font-weight:700;margin-top:6px'>"
                    # TRANSLATORS: a heading over how the planned figures moved between two dates.
                    + html_text(_("The figures"))
                    + "</div>"
                    + figure_deltas_html(report)
                    + "</div>",
                    unsafe_allow_html=True,
                )
            else:
                # A slide frames the countries it shows, unless the reader chose Gaza close up.
                framing = "gaza" if view.page.map_framing == "gaza" else "fit"
                with st.container(key="brief-map-box"):
                    st.pydeck_chart(
                        contributor_map(picture.current, view.points, view.places, framing),
                        height="stretch",
                        key="brief-map",
                    )
                st.markdown(
                    legend_html(picture.current) + _unseen(map_text(picture.current)),
                    unsafe_allow_html=True,
                )
        with right:
            fig, said = _section_chart(view)
            with st.container(key="brief-chart-box"):
                st.plotly_chart(
                    fig, config={"displayModeBar": False}, height="stretch", key="brief-chart"
                )
            st.markdown(_unseen(said), unsafe_allow_html=True)
    link = _link(view)
    # TRANSLATORS: in the slide's footer, after the title: "Title · as of 1 March 2026".
    as_of = _("as of {date}").format(date=long_date(picture.when))
    filters = _("Filters: {filters}").format(filters=html_text(picture.filters_text))
    address = f"<a href='{html_text(link)}'>{html_text(link)}</a>"
    st.markdown(
        "<div class='brief-footer'>"
        f"<b>{html_text(title)}</b> · {html_text(as_of)} · "
        f"<b>{html_text(picture.freshness)}</b><br/>"
        f"{filters} · {html_text(picture.sources)}<br/>"
        + html_text(_("Unknown numbers are shown as unknown, never as zero."))
        + " "
        + _("Reopen this view: {link}").format(link=address)
        + "</div>",
        unsafe_allow_html=True,
    )
    st.button(_("Back to the full dashboard"), on_click=leave_briefing, key="leave-briefing")
