"""Hardening, seen from a reader's side: nothing a link or the data says turns live.

Untrusted text (URL values, source outlets) must read as text: no link, image or icon made of
it; hidden characters shown, not obeyed; notices capped; the table's own CSV export gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard.core.filters import STREAMLIT_MOST_FIELDS
from dashboard.core.vocabulary import wire_agency
from tests.ui.conftest import write_rows

from .conftest import (
    RENDER_TIMEOUT_MS,
    Server,
    bundled_rows,
    page_text,
    validate,
    wait_for_app,
    wait_for_section,
    wait_idle,
)
from .test_page import open_app

WORD_JOINER = "\u2060"  # what markdown_text slips into "www.", "://", "@x" and ":icon" patterns
RLO = "\u202e"
# What remark-gfm would make a link of, and what Streamlit would draw as an icon, if unescaped.
EVIL_OUTLETS = (
    "www.evil.example",
    "https://evil.example/x",
    "someone@evil.example",
    ":material/home:",
)
EVIL_QUERY = (
    "?country=www.evil.example&role=https://evil.example/x&status=a@evil.co&focus=:material/home:"
)
UNKNOWN_CODES = tuple(f"Q{i:02d}" for i in range(40))
NOTICES_SHOWN = 8

ALERT = '[data-testid="stAlert"]'
# Where st.markdown and st.caption put their text (neither is inside the other).
TEXT_BLOCKS = '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'
# The text of a warning, apart from its leading ⚠️ (stAlertDynamicIcon, which is ours).
NOTICE_BODY = '[data-testid="stAlertContentWarning"] [data-testid="stMarkdownContainer"]'

# Everything in `root` that a reader could follow or that draws something other than text:
# links, images, and Streamlit's material icons (`:material/home:` renders as a span with
# role="img" in the Material Symbols font; older versions mark it stIconMaterial).
LIVE_MARKUP_JS = """root => [...root.querySelectorAll('*')]
    .filter(e => e.matches('a, img, svg, [data-testid="stIconMaterial"], [role="img"]')
        || /material (symbols|icons)/i.test(getComputedStyle(e).fontFamily))
    .map(e => e.outerHTML)"""


def live_markup(element: Locator) -> list[str]:
    """The outerHTML of each link, image or icon inside `element` (none is the safe answer)."""
    return list(element.evaluate(LIVE_MARKUP_JS))


def shown_text(element: Locator) -> str:
    """What a reader sees in `element`: its innerText without the invisible word joiners."""
    return element.inner_text().replace(WORD_JOINER, "")


def write_outlet_csv(path: Path) -> Path:
    """The bundled data with every source outlet one of EVIL_OUTLETS, so all four are listed.

    A wire story keeps its agency's credit ("Reuters via www.evil.example"), and a credit of
    the form "X via Y" keeps its X, as the validator asks of republished stories.
    """
    columns, rows = bundled_rows()
    for i, row in enumerate(rows):
        evil = EVIL_OUTLETS[i % len(EVIL_OUTLETS)]
        outlet = row["source_outlet"]
        origin = wire_agency(outlet) or (outlet.split(" via ", 1)[0] if " via " in outlet else "")
        row["source_outlet"] = f"{origin} via {evil}" if origin else evil
    return write_rows(path, columns, rows)


@pytest.fixture(scope="module")
def outlet_server(
    tmp_path_factory: pytest.TempPathFactory, server_factory: Callable[[Path | None], Server]
) -> Server:
    path = write_outlet_csv(tmp_path_factory.mktemp("outlets") / "commitments.csv")
    result = validate(path)
    assert result.returncode == 0, f"the file must be valid data:\n{result.stdout}{result.stderr}"
    return server_factory(path)


def notice_bodies(page: Page) -> Locator:
    """The text bodies of the warnings at the top of the page, once every warning has one."""
    bodies = page.locator(NOTICE_BODY)
    expect(bodies).to_have_count(page.locator(ALERT).count())
    return bodies


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------


def test_the_table_toolbar_offers_no_csv_download(page: Page, app_server: Server) -> None:
    open_app(page, app_server, "?section=statements", plots=0, deck=False)
    wait_for_section(page, "statements")
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(1)
    table.scroll_into_view_if_needed()
    table.hover()

    # The toolbar fades in on hover: shown, with what it still offers, and no download.
    toolbar = table.get_by_test_id("stElementToolbar")
    expect(toolbar).to_have_css("opacity", "1")
    for label in ("Search", "Fullscreen"):
        expect(toolbar.get_by_role("button", name=label, exact=True)).to_be_visible()
    offered = toolbar.get_by_role("button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    assert not [b for b in offered if b and "download" in b.lower()], (
        f"the table's toolbar offers a download: {offered}"
    )
    expect(page.get_by_role("button", name=re.compile("Download as CSV", re.I))).to_have_count(0)

    # The page's own download, which neutralises formulas, is the way out for the rows.
    expect(page.locator(".st-key-download-csv button")).to_be_visible()


def test_notices_quote_link_values_without_links_images_or_icons(
    page: Page, app_server: Server
) -> None:
    open_app(page, app_server, EVIL_QUERY)
    bodies = notice_bodies(page)
    assert bodies.count() >= 4, f"expected a notice per hostile value: {page_text(page)}"

    for i in range(bodies.count()):
        body = bodies.nth(i)
        assert live_markup(body) == [], (
            f"notice {i} draws untrusted text as markup: {body.evaluate('e => e.outerHTML')}"
        )
    said = "\n".join(shown_text(bodies.nth(i)) for i in range(bodies.count()))
    for value in ("www.evil.example", "https://evil.example/x", "a@evil.co", ":material/home:"):
        assert value in said, f"no notice quotes {value!r}: {said}"
    assert page.locator('a[href*="evil" i], a[href^="mailto:" i]').count() == 0, page.locator(
        'a[href*="evil" i], a[href^="mailto:" i]'
    ).evaluate_all("links => links.map(a => a.outerHTML)")


def test_the_sources_line_names_outlets_as_text(page: Page, outlet_server: Server) -> None:
    open_app(page, outlet_server)
    wait_for_section(page, "overview")
    # The header under the title (markdown) and the caption at the foot of the page.
    lines = page.locator(TEXT_BLOCKS).filter(has_text="Sources:")
    expect(lines).to_have_count(2)
    for i in range(lines.count()):
        line = lines.nth(i)
        assert live_markup(line) == [], (
            f"sources line {i} draws an outlet as markup: {line.evaluate('e => e.outerHTML')}"
        )
        text = shown_text(line)
        for outlet in EVIL_OUTLETS:
            assert outlet in text, f"{outlet!r} is not in the sources line {i}: {text}"
    assert page.locator('a[href*="evil" i], a[href^="mailto:" i]').count() == 0, page.locator(
        'a[href*="evil" i], a[href^="mailto:" i]'
    ).evaluate_all("links => links.map(a => a.outerHTML)")


def test_a_right_to_left_override_is_shown_not_obeyed(page: Page, app_server: Server) -> None:
    open_app(page, app_server, "?country=%E2%80%AEevil")
    bodies = notice_bodies(page)
    texts = [bodies.nth(i).inner_text() for i in range(bodies.count())]
    quoting = [t for t in texts if "evil" in t]
    assert quoting, f"no notice names the ignored country: {texts}"
    assert any("[U+202E]evil" in t for t in quoting), f"the override is not marked: {quoting}"
    assert not [t for t in quoting if RLO in t], f"a notice carries U+202E itself: {quoting!r}"
    assert RLO not in page_text(page), "U+202E reached the page's text"


def test_the_briefing_says_what_the_link_did_not_get(page: Page, app_server: Server) -> None:
    page.goto(
        f"{app_server.url}/?view=briefing&country=XYZ&since=2030-01-01", timeout=RENDER_TIMEOUT_MS
    )
    wait_for_app(page, plots=1)
    footer = page.locator(".brief-footer")
    footer.wait_for(timeout=RENDER_TIMEOUT_MS)

    notices = page.locator(".brief-notices")
    expect(notices).to_have_count(1)
    expect(notices).to_be_visible()
    said = notices.inner_text()
    assert "'XYZ'" in said, f"the slide does not name the unknown country: {said}"
    # A `since` past the data is moved to the last date, which is the as-of date: no changes.
    assert "must be before the as-of date" in said, f"nothing says why no change shows: {said}"
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_have_count(1)
    expect(page.get_by_text("What changed between")).to_have_count(0)

    link = footer.get_by_role("link")
    expect(link).to_have_count(1)
    href = link.get_attribute("href") or ""
    query = parse_qs(urlsplit(href).query)
    assert query.get("view") == ["briefing"], f"the link does not reopen the briefing: {href}"
    assert "since" not in query, f"the link carries a since the slide did not apply: {href}"


def test_a_flood_of_notices_is_capped_and_counted(page: Page, app_server: Server) -> None:
    open_app(page, app_server, "?country=" + ",".join(UNKNOWN_CODES))
    alerts = page.locator(ALERT)
    expect(alerts.last).to_contain_text("more notices")
    texts = [alerts.nth(i).inner_text() for i in range(alerts.count())]
    assert 1 < len(texts) <= NOTICES_SHOWN, f"{len(texts)} notices shown: {texts}"
    listed = [c for c in UNKNOWN_CODES if any(f"'{c}'" in t for t in texts)]
    counted = re.search(r"and ([\d,]+) more notices", texts[-1])
    assert counted, f"the last notice does not count the rest: {texts[-1]}"
    assert len(listed) == len(texts) - 1, f"listed {listed} in {texts}"
    assert len(listed) + int(counted.group(1).replace(",", "")) == len(UNKNOWN_CODES), texts


def test_an_address_too_long_to_read_is_said(page: Page, app_server: Server) -> None:
    # Streamlit drops a query string of more than 1,000 parameters whole, country included.
    padding = "&".join(f"x{i}=1" for i in range(STREAMLIT_MOST_FIELDS + 100))
    open_app(page, app_server, f"?country=IDN&{padding}")
    alerts = page.locator(ALERT)
    expect(alerts.first).to_contain_text("the address is too long to read", timeout=30_000)
    text = alerts.first.inner_text()
    assert f"{STREAMLIT_MOST_FIELDS + 101:,} parameters" in text, text
    assert "none of its filters were applied" in text, text
    assert "Showing: all countries, roles and statuses" in page_text(page)


def test_an_ordinary_address_gets_no_such_notice(page: Page, app_server: Server) -> None:
    open_app(page, app_server, "?country=IDN")
    page.wait_for_timeout(1_000)  # the browser's measure, had it fired, would rerun the page
    wait_idle(page)
    assert "too long to read" not in page_text(page)
