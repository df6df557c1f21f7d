"""Accessibility: an axe-core audit of every section and the slide finds nothing serious.

axe-core (bundled by axe-playwright-python, so nothing is fetched) checks WCAG 2.2 A and AA
rules in the real page: contrast, names of controls, images without text, table headers.
A serious or critical violation fails the test, with each failing element named.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
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

AUDIT = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}


def serious(results: dict[str, Any]) -> list[str]:
    """Each serious or critical violation, with the elements it was found on."""
    found = []
    for violation in results["violations"]:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def _document_language(page: Page) -> list[str]:
    # A screen reader picks its voice by <html lang>; the browser lays out by dir.
    return page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")


def _says(lang: str) -> list[str]:
    return [lang, "rtl" if lang == "ar" else "ltr"]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_passes_an_axe_audit_in_every_language(
    page: Page, app_server: Server, section: str, lang: str
) -> None:
    query, plots, deck = SECTIONS[section]
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{app_server.url}/{in_language(query, lang)}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, plots, deck)
    wait_for_section(page, section, lang=lang)
    page.wait_for_function(
        "(lang) => document.documentElement.lang === lang", arg=lang, timeout=RENDER_TIMEOUT_MS
    )
    assert _document_language(page) == _says(lang)
    results = Axe().run(page, options=AUDIT).response
    assert serious(results) == [], section


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_briefing_slide_passes_an_axe_audit_in_every_language(
    page: Page, app_server: Server, lang: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_server.url}/{in_language('?view=briefing', lang)}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, 1, True)
    page.wait_for_function(
        "(lang) => document.documentElement.lang === lang", arg=lang, timeout=RENDER_TIMEOUT_MS
    )
    assert _document_language(page) == _says(lang)
    results = Axe().run(page, options=AUDIT).response
    assert serious(results) == []


def test_the_audit_finds_a_violation_planted_in_the_page(page: Page, app_server: Server) -> None:
    # The audit must be able to fail: light grey text on white is a contrast violation.
    page.goto(f"{app_server.url}/?section=statements", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, 0, False)
    # On top of everything, in view and large: axe judges contrast only on text it can see
    # unobstructed, so a paragraph appended below Streamlit's app could come back "incomplete".
    page.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'planted';"
        " p.textContent = 'faint planted text';"
        " Object.assign(p.style, {position: 'fixed', top: '10px', left: '10px',"
        " zIndex: '2147483647', color: '#eeeeee', background: '#ffffff',"
        " fontSize: '20px', padding: '8px', margin: '0'});"
        " document.body.appendChild(p); }"
    )
    results = Axe().run(page, context="#planted", options=AUDIT).response
    assert any(v.startswith("color-contrast (serious)") for v in serious(results))
