"""Layouts that hold: nothing overflows sideways on a phone, and axis labels do not collide.

Measured in the real page with bounding boxes, at the sizes readers use: a 390x844 phone, and
1280 and 1600 pixel wide screens.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import (
    LANGUAGE_CODES,
    RENDER_TIMEOUT_MS,
    Server,
    in_language,
    wait_for_app,
    wait_for_section,
)
from .conftest import (
    SECTION_VISITS as SECTIONS,
)

# The boxes of one chart's axis labels, as the browser laid them out.
TICK_BOXES = """
(selector) => {
  const chart = document.querySelector(selector);
  if (!chart) return null;
  return [...chart.querySelectorAll('.xtick text, .ytick text')].map(t => {
    const r = t.getBoundingClientRect();
    return [t.textContent, r.left, r.top, r.right, r.bottom];
  }).filter(b => b[3] > b[1]);
}
"""


def _open(page: Page, server: Server, section: str, lang: str = "en") -> None:
    query, plots, deck = SECTIONS[section]
    page.goto(f"{server.url}/{in_language(query, lang)}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, plots, deck)
    wait_for_section(page, section, lang=lang)


def overlaps(boxes: list[list[float | str]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes intersect (a pixel of slack for anti-aliasing)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            _, al, at, ar, ab = a
            _, bl, bt, br, bb = b
            if al < br - 1 and bl < ar - 1 and at < bb - 1 and bt < ab - 1:  # type: ignore[operator]
                found.append((str(a[0]), str(b[0])))
    return found


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize("width", [1280, 1600])
@pytest.mark.parametrize("chart", ["chart-roles", "chart-counts"])
def test_the_roles_charts_labels_do_not_run_into_each_other(
    page: Page, app_server: Server, width: int, chart: str, lang: str
) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    _open(page, app_server, "roles", lang)
    boxes = page.evaluate(TICK_BOXES, f".st-key-{chart} .js-plotly-plot")
    assert boxes, "no axis labels found"
    assert overlaps(boxes) == []


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize("section", SECTIONS)
def test_nothing_overflows_sideways_on_a_phone(
    page: Page, app_server: Server, section: str, lang: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, app_server, section, lang)
    # The page itself never scrolls sideways; a wide table scrolls inside its own box.
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('[data-testid=\"stMain\"]').scrollWidth]"
    )
    assert widths[0] <= widths[1], widths
    assert widths[2] <= widths[1], widths


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize(
    ("section", "chart"), [("overview", "chart-planned"), ("scale", "chart-scale")]
)
def test_the_words_beside_the_bars_stay_on_the_chart_on_a_phone(
    page: Page, app_server: Server, section: str, chart: str, lang: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, app_server, section, lang)
    # Either edge: in Arabic the bars grow from the right and their words sit on their left.
    cut = page.evaluate(
        """(selector) => {
          const chart = document.querySelector(selector);
          const box = chart.getBoundingClientRect();
          return [...chart.querySelectorAll('.bartext, .textpoint text')]
            .map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([, r]) => r.right > box.right + 1 || r.left < box.left - 1)
            .map(([text]) => text);
        }""",
        f".st-key-{chart} .js-plotly-plot",
    )
    assert cut == []


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_slide_fills_its_frame_and_keeps_its_footer(
    page: Page, app_server: Server, lang: str, width: int, height: int
) -> None:
    # At 1920x1080 the lower third was empty while the map and the chart stayed small; in
    # Russian, longer words pushed the footer off a 1280x720 slide.
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server.url}/{in_language('?view=briefing', lang)}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, 1, True)
    boxes = page.evaluate(
        """() => ['.brief-footer', '.st-key-brief-chart .js-plotly-plot',
                  '.st-key-brief-map-box [data-testid="stDeckGlJsonChart"]']
          .map(s => document.querySelector(s).getBoundingClientRect())
          .map(r => ({top: r.top, bottom: r.bottom, height: r.height}))"""
    )
    footer, chart, deck = boxes
    assert footer["bottom"] <= height, footer
    assert footer["bottom"] >= 0.85 * height, f"the slide leaves its lower part empty: {footer}"
    # The map and the chart take what the header and the footer leave: most of the height.
    assert chart["height"] >= 0.35 * height, chart
    assert deck["height"] >= 0.3 * height, deck
