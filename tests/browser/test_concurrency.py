"""Twenty real sessions at once, each with its own filters: each sees only its own view."""

from __future__ import annotations

from playwright.sync_api import Browser

from dashboard.core.countries import country_name
from dashboard.core.loading import read_commitments
from tests.browser.conftest import Server, page_text, wait_idle

SESSIONS = 20


def _countries() -> list[str]:
    codes = sorted(read_commitments()["country"].unique())
    assert len(codes) >= SESSIONS
    return codes[:SESSIONS]


def test_twenty_sessions_each_see_only_their_own_filters(browser: Browser, app_server: Server):
    codes = _countries()
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in codes]
    try:
        pages = [context.new_page() for context in contexts]
        # Open every session before waiting for any, so the server serves them concurrently.
        for page, code in zip(pages, codes, strict=True):
            page.goto(f"{app_server.url}/?country={code}", wait_until="commit")
        for page in pages:
            page.wait_for_selector('[data-testid="stApp"]', timeout=120_000)
            wait_idle(page, timeout=120_000)
        for page, code in zip(pages, codes, strict=True):
            text = page_text(page)
            name = country_name(code)
            assert f"Showing: countries: {name} ·" in text, (code, text[:400])
            others = [country_name(c) for c in codes if c != code]
            header = text.split("Showing:", 1)[1].split("\n", 1)[0]
            assert not any(other in header for other in others), (code, header)
            assert f"country={code}" in page.url
        # A change in one session leaves the others as they were.
        first, second = pages[0], pages[1]
        first.goto(f"{app_server.url}/?country={codes[0]}&role=funding", wait_until="commit")
        wait_idle(first, timeout=120_000)
        assert "roles: Funding" in page_text(first)
        second.reload()
        wait_idle(second, timeout=120_000)
        assert "roles: Funding" not in page_text(second)
        assert f"Showing: countries: {country_name(codes[1])} ·" in page_text(second)
    finally:
        for context in contexts:
            context.close()
