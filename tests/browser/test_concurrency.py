"""Twenty real sessions at once, each with its own filters and section: each sees only its own."""

from __future__ import annotations

from playwright.sync_api import Browser

from dashboard.core.countries import country_name
from dashboard.core.filters import SECTIONS
from dashboard.core.loading import read_commitments
from tests.browser.conftest import Server, page_text, section_in_url, wait_for_section, wait_idle

SESSIONS = 20
TIMEOUT_MS = 120_000


def _countries() -> list[str]:
    codes = sorted(read_commitments()["country"].unique())
    assert len(codes) >= SESSIONS
    return codes[:SESSIONS]


def _sections() -> list[str]:
    """One section per session, every section in turn: the open tab is per session too."""
    return [list(SECTIONS)[i % len(SECTIONS)] for i in range(SESSIONS)]


def _query(code: str, section: str) -> str:
    return f"?country={code}" + ("" if section == "overview" else f"&section={section}")


def test_twenty_sessions_each_see_only_their_own_filters(browser: Browser, app_server: Server):
    codes = _countries()
    sections = _sections()
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in codes]
    try:
        pages = [context.new_page() for context in contexts]
        # Open every session before waiting for any, so the server serves them concurrently.
        for page, code, section in zip(pages, codes, sections, strict=True):
            page.goto(f"{app_server.url}/{_query(code, section)}", wait_until="commit")
        for page, section in zip(pages, sections, strict=True):
            page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
            wait_idle(page, timeout=TIMEOUT_MS)
            wait_for_section(page, section, timeout=TIMEOUT_MS)
        for page, code, section in zip(pages, codes, sections, strict=True):
            text = page_text(page)
            name = country_name(code)
            assert f"Showing: countries: {name} ·" in text, (code, text[:400])
            others = [country_name(c) for c in codes if c != code]
            header = text.split("Showing:", 1)[1].split("\n", 1)[0]
            assert not any(other in header for other in others), (code, header)
            assert f"country={code}" in page.url
            open_tab = page.get_by_role("tab", selected=True).inner_text()
            assert open_tab == SECTIONS[section], (code, section, open_tab)
            assert section_in_url(page.url) == (None if section == "overview" else section)
        # A change in one session leaves the others as they were.
        first, second = pages[0], pages[1]
        assert sections[1] != "overview"
        first.goto(f"{app_server.url}/?country={codes[0]}&role=funding", wait_until="commit")
        wait_idle(first, timeout=TIMEOUT_MS)
        assert "roles: Funding" in page_text(first)
        second.reload()
        wait_idle(second, timeout=TIMEOUT_MS)
        wait_for_section(second, sections[1], timeout=TIMEOUT_MS)
        assert "roles: Funding" not in page_text(second)
        assert f"Showing: countries: {country_name(codes[1])} ·" in page_text(second)
        assert section_in_url(second.url) == sections[1], second.url
    finally:
        for context in contexts:
            context.close()
