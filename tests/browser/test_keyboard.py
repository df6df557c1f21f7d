"""Keyboard use: Tab walks the filters, tabs and downloads in reading order; keys work them.

A reader without a mouse (or with a screen reader) must reach every control in the order the
page shows them, and change a filter, a section and the language with the keyboard alone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    LANGUAGE_CODES,
    RENDER_TIMEOUT_MS,
    Server,
    in_language,
    wait_for_app,
    wait_for_section,
    wait_idle,
)

# The widget keys of the controls, in the order a reader meets them: the sidebar from the top,
# the layout switch, the section tabs, the map's framing, then the chart download.
READING_ORDER = [
    "lang",
    "country",
    "role",
    "status",
    "condition",
    "as_of",
    "since",
    "clear-filters",
    "view",
    "section",
    "map_view",
    "image",
    "image_format",
    "image-download",
]

# The widget key (Streamlit's st-key-* class) of the control that has the focus.
FOCUSED_KEY = """
() => {
  const keyed = document.activeElement && document.activeElement.closest('[class*="st-key-"]');
  if (!keyed) return '';
  return [...keyed.classList].find(c => c.startsWith('st-key-')).slice('st-key-'.length);
}
"""


def _tab_through(page: Page, presses: int = 120) -> list[str]:
    """The keys of the controls Tab visits, each once, in the order first met."""
    met: list[str] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        key = page.evaluate(FOCUSED_KEY)
        if key and key not in met:
            met.append(key)
    return met


def _open(page: Page, server: Server, query: str) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{server.url}/{query}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, 1, True)


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_tab_reaches_every_control_in_reading_order(
    page: Page, app_server: Server, lang: str
) -> None:
    _open(page, app_server, in_language("", lang))
    met = _tab_through(page)
    reached = [key for key in met if key in READING_ORDER]
    assert reached == READING_ORDER, met


def test_the_keyboard_alone_opens_another_section(page: Page, app_server: Server) -> None:
    _open(page, app_server, "")
    overview = page.get_by_role("tab").first
    overview.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    wait_for_section(page, "roles")
    expect(page).to_have_url(f"{app_server.url}/?section=roles", timeout=RENDER_TIMEOUT_MS)


def test_the_keyboard_alone_picks_a_country(page: Page, app_server: Server) -> None:
    _open(page, app_server, "")
    page.locator(".st-key-country input").focus()
    page.keyboard.type("Kazakh")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{app_server.url}/?country=KAZ", timeout=RENDER_TIMEOUT_MS)
    wait_idle(page, RENDER_TIMEOUT_MS)


def test_the_keyboard_alone_changes_the_language(page: Page, app_server: Server) -> None:
    _open(page, app_server, "")
    page.locator(".st-key-lang input").focus()
    page.keyboard.type("Русский")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_server.url}/?lang=ru", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.documentElement.lang === 'ru'", timeout=RENDER_TIMEOUT_MS
    )
