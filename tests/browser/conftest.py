"""Browser tests: the real app in a real server, driven by Playwright in Debian's Chromium.

Every test in this folder is marked `browser`: `pytest -m "not browser"` leaves them out.
A missing Chromium is a failure, never a skip, so CI cannot pass without running them.
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from dashboard.browser import BROWSER_ARGS, find_browser
from dashboard.core.filters import SECTIONS
from dashboard.core.geo import VIEW_STATES
from dashboard.core.language import _ as translate
from dashboard.core.language import speaking
from dashboard.core.loading import BUNDLED_COMMITMENTS
from dashboard.local_server import ENV_CSV, LocalServer, ServerNotStarted, local_server

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM_ARGS = BROWSER_ARGS  # one list of flags for this closed network
VIEWPORT = {"width": 1600, "height": 1000}
START_TIMEOUT_S = 60.0
# On 2 CPUs a first render took 3 to 12 s; these leave room for a slow CI machine.
RENDER_TIMEOUT_MS = 60_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser `browser` (before `-m` selects on it)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------------------------------------
# The app server
# ---------------------------------------------------------------------------------------------


@dataclass
class Server:
    """One `streamlit run` of the app, reachable at `url` (no trailing slash)."""

    running: LocalServer

    @property
    def url(self) -> str:
        return self.running.url

    @property
    def origins(self) -> tuple[str, ...]:
        """The addresses that count as "this server" for requests."""
        port = self.running.port
        return (
            f"http://127.0.0.1:{port}",
            f"http://localhost:{port}",
            f"ws://127.0.0.1:{port}",
            f"ws://localhost:{port}",
        )

    def output(self) -> str:
        return self.running.output()


def start_server(servers: ExitStack, log: Path, csv: Path | None = None) -> Server:
    """Start the app on a free port (with COMMITMENTS_CSV=`csv` if given) and wait until healthy.

    It runs from the repository root with no settings of its own (`flags=()`), so
    .streamlit/config.toml applies as it does for users. It stops when `servers` closes; its
    output is in `log`.
    """
    env = {k: v for k, v in os.environ.items() if k != ENV_CSV}
    try:
        running = servers.enter_context(
            local_server(csv=csv, env=env, flags=(), log=log, timeout=START_TIMEOUT_S)
        )
    except ServerNotStarted as err:
        pytest.fail(f"The app did not start. {err}", pytrace=False)
    return Server(running)


@pytest.fixture(scope="session")
def server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[Path | None], Server]]:
    """Start app servers on demand; all of them stop at the end of the session."""
    log_dir = tmp_path_factory.mktemp("servers")
    numbers = itertools.count(1)
    with ExitStack() as servers:

        def start(csv: Path | None = None) -> Server:
            return start_server(servers, log_dir / f"streamlit-{next(numbers)}.log", csv)

        yield start


@pytest.fixture(scope="session")
def app_server(server_factory: Callable[[Path | None], Server]) -> Server:
    """The app on the bundled data (COMMITMENTS_CSV unset), shared by the whole session."""
    return server_factory(None)


# ---------------------------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium to drive, as the snapshot finds it ($CHROMIUM_PATH decides). Missing = fail."""
    path = find_browser()
    if path is None:
        pytest.fail(
            "No Chromium found: the browser tests need one and are never skipped. "
            "Install it with `make browser` (or `sudo apt-get install chromium` on "
            "Debian/Ubuntu), or set CHROMIUM_PATH to an existing Chromium. "
            "Do not run `playwright install`: it downloads from the internet.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    p = sync_playwright().start()
    yield p
    p.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_path: str) -> Iterator[Browser]:
    b = playwright_instance.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield b
    b.close()


@dataclass
class Browsing:
    """A fresh browser context, with everything its pages asked for or complained about."""

    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def new_page(self) -> Page:
        page = self.context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._dialog)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        # Only "error" counts; Chromium's WebGL performance notes ("GPU stall due to
        # ReadPixels") arrive as warnings and are ignored with every other warning.
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def browsing(browser: Browser) -> Iterator[Browsing]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    yield Browsing(context)
    context.close()


@pytest.fixture
def page(browsing: Browsing) -> Page:
    """A fresh page in a fresh context; what it requests and logs is in `browsing`."""
    return browsing.new_page()


# ---------------------------------------------------------------------------------------------
# Waiting for Streamlit
# ---------------------------------------------------------------------------------------------

# The script state is on stApp in 1.67 (data-test-script-state: initial, running, notRunning);
# while a run lasts, the "Running..." status widget (stStatusWidget) shows in the header.
_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running' || state === 'initial') return false;
    const widget = document.querySelector('[data-testid="stStatusWidget"]');
    if (widget && widget.offsetParent !== null && /Running/i.test(widget.innerText)) return false;
    return true;
}"""


def wait_idle(page: Page, timeout: int = RENDER_TIMEOUT_MS) -> None:
    """Wait until the script is not running and no "Running..." indicator shows."""
    page.wait_for_function(_IDLE_JS, timeout=timeout, polling=200)


# A plotly chart counts once drawn: each draws three `.main-svg` layers, so counting those
# would take one chart for three.
_PLOTS_JS = """n => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.querySelector('.main-svg')).length >= n"""
MAP_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'


def wait_for_app(
    page: Page, plots: int = 1, deck: bool = True, timeout: int = RENDER_TIMEOUT_MS
) -> None:
    """Wait until the dashboard is drawn: app, `plots` plotly charts, the map canvas, idle.

    The defaults are what the Overview section draws: its one plotly chart (planned versus
    announced) and the map. Pass `deck=False` for a section or a page without the map.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(_PLOTS_JS, arg=plots, timeout=timeout, polling=200)
    if deck:
        page.wait_for_selector(MAP_CANVAS, state="attached", timeout=timeout)
    wait_idle(page, timeout)


# ---------------------------------------------------------------------------------------------
# The sections (tabs)
# ---------------------------------------------------------------------------------------------

# What each section draws once open: only the open section is built and sent to the browser.
SECTION_CONTENT = {
    "overview": (".st-key-chart-planned .js-plotly-plot .main-svg", MAP_CANVAS),
    "roles": (
        ".st-key-chart-roles .js-plotly-plot .main-svg",
        ".st-key-chart-counts .js-plotly-plot .main-svg",
    ),
    # The matrix, or the words saying no position states a condition; a chart follows only then.
    "conditions": (".st-key-conditions-matrix",),
    "over_time": (
        ".st-key-chart-status-time .js-plotly-plot .main-svg",
        ".st-key-chart-announced-time .js-plotly-plot .main-svg",
    ),
    "scale": (".st-key-chart-scale .js-plotly-plot .main-svg",),
    "statements": ('[data-testid="stDataFrame"]', ".st-key-download-csv button"),
    "timeline": (".st-key-focus",),
}


def tab(page: Page, section: str, lang: str = "en") -> Locator:
    """The tab of `section` (a code of SECTIONS), by its role and its label in `lang`."""
    with speaking(lang):
        label = translate(SECTIONS[section])
    return page.get_by_role("tab", name=label, exact=True)


def wait_for_section(
    page: Page, section: str, timeout: int = RENDER_TIMEOUT_MS, lang: str = "en"
) -> None:
    """Wait until `section`'s tab is the selected one, its content is drawn and the app idle."""
    expect(tab(page, section, lang)).to_have_attribute("aria-selected", "true", timeout=timeout)
    for selector in SECTION_CONTENT[section]:
        page.wait_for_selector(selector, state="attached", timeout=timeout)
    wait_idle(page, timeout)


# The query that opens each section, its plotly charts and whether it draws the map.
SECTION_VISITS = {
    "overview": ("", 1, True),
    "roles": ("?section=roles", 2, False),
    "conditions": ("?section=conditions", 1, False),
    "over_time": ("?section=over_time", 2, False),
    "scale": ("?section=scale", 1, False),
    "statements": ("?section=statements", 0, False),
    "timeline": ("?focus=KAZ", 1, False),
}


# Every language the page speaks; the browser tests of layout and accessibility run in each.
LANGUAGE_CODES = ("en", "ru", "ar")


def in_language(query: str, lang: str) -> str:
    """A section's query (as SECTION_VISITS gives it) asking for the page in `lang`."""
    if lang == "en":
        return query
    return f"{query}&lang={lang}" if query else f"?lang={lang}"


def section_in_url(url: str) -> str | None:
    """The `section` parameter of `url`, or None when the URL leaves it out."""
    values = parse_qs(urlsplit(url).query).get("section")
    return values[-1] if values else None


def open_section(
    page: Page, section: str, default: str = "overview", timeout: int = RENDER_TIMEOUT_MS
) -> None:
    """Click `section`'s tab; wait until the URL says so and the section is drawn.

    The URL carries `section=CODE` unless the section is the default one (`default`: the
    timeline when the URL has `focus=`, else the overview), which the URL leaves out.
    """
    tab(page, section).click()
    wanted = None if section == default else section
    page.wait_for_url(lambda url: section_in_url(url) == wanted, timeout=timeout)
    wait_for_section(page, section, timeout)


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m dashboard validate PATH`, as a curator would, before serving a file."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def page_text(page: Page) -> str:
    return str(page.evaluate("() => document.body.innerText"))


# ---------------------------------------------------------------------------------------------
# The map: tooltips and where a fixed view draws a point
# ---------------------------------------------------------------------------------------------


def map_element(page: Page) -> Locator:
    return page.get_by_test_id("stDeckGlJsonChart")


def visible_tooltip(page: Page) -> str:
    return str(
        page.evaluate(
            """() => [...document.querySelectorAll('.deck-tooltip')]
            .filter(e => e.style.display !== 'none' && e.offsetParent !== null)
            .map(e => e.innerText).join('\\n')"""
        )
    )


def tooltip_at(page: Page, x: float, y: float, patience_ms: int) -> str:
    """Hover (x, y) and wait up to `patience_ms` for a deck.gl tooltip; "" if none shows."""
    page.mouse.move(x, y, steps=2)
    waited = 0
    while True:
        page.wait_for_timeout(100)
        waited += 100
        text = visible_tooltip(page)
        if text.strip() or waited >= patience_ms:
            return text
        page.mouse.move(x + 1, y + (1 if waited % 200 else -1))  # a fresh pointermove


def centre_tooltip(page: Page, patience_ms: int = 2000) -> str:
    """Hover the middle of the map (scrolled into view); the tooltip shown there, or ""."""
    element = map_element(page)
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    assert box is not None, "the map has no bounding box"
    return tooltip_at(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, patience_ms)


def screen_positions(
    box: dict[str, float], view_name: str, points: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Where the fixed view `view_name` draws (lat, lon) `points` on screen (Web Mercator)."""
    view = VIEW_STATES[view_name]
    world = 512 * 2 ** float(view.zoom)

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = (lon + 180) / 360 * world
        y = (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))) / (2 * math.pi)
        return x, y * world

    cx, cy = project(float(view.latitude), float(view.longitude))
    out = []
    for lat, lon in points:
        x, y = project(lat, lon)
        out.append((box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy))
    return out


def tooltip_showing(
    page: Page,
    expected: str,
    point: tuple[float, float] | None = None,
    view_name: str = "world",
    tries: int = 5,
) -> str:
    """Hover the map until a tooltip with `expected` shows; return the last tooltip seen.

    It hovers the middle of the map, or, given `point` (lat, lon), where the fixed view
    `view_name` draws it. Several tries, as deck.gl may still be moving to a new view.
    """
    element = map_element(page)
    text = ""
    for _ in range(tries):
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box is not None, "the map has no bounding box"
        if point is None:
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        else:
            ((x, y),) = screen_positions(box, view_name, [point])
        text = tooltip_at(page, x, y, patience_ms=2000)
        if expected in text:
            break
    return text


def bundled_rows() -> tuple[list[str], list[dict[str, str]]]:
    """The bundled commitments file's columns and rows, as text, for a test to change."""
    with BUNDLED_COMMITMENTS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)
