"""In Chromium: a visit's first render, a filter change's redraw and the bytes the page received,
timed by scripts in the page; and the server's memory as sessions open.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.servers import Server, Servers
from benchmarks.timing import log, median
from benchmarks.workload import BUNDLED, DASH_PLOTS, MEMORY_CONTEXTS, PICK_CODE, PICK_NAME, SESSIONS
from dashboard.browser import BROWSER_ARGS

CHROMIUM_ARGS = BROWSER_ARGS  # one list of flags for this closed network
VIEWPORT = {"width": 1600, "height": 1000}
SMALL_VIEWPORT = {"width": 800, "height": 600}
WAIT_MS = 180_000  # any single browser wait
QUIET_MS = 500  # a redraw is over once nothing moved in the charts for this long

# Drawn: the script is not running, every plotly chart has its SVG, the deck has its canvas.
RENDERED_JS = """(plots) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const drawn = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.querySelector('.main-svg')).length;
  if (drawn < plots) return false;
  return !!document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
}"""

# Before an interaction: note when the pointer goes down, when the script state changes, when
# anything inside a chart (plotly's SVG, the deck's element) last changed, and when the last
# long task (50 ms or more) on the page's main thread ended: deck.gl draws its WebGL frame in
# such a task and changes no DOM, so only the long task shows that the map is still drawing.
ARM_JS = """() => {
  const b = window.__bench = {start: 0, downs: [], lastDraw: 0, sawRunning: false,
    runningAt: 0, idleAt: 0, runs: 0, busyUntil: 0};
  if (window.__benchObserver) window.__benchObserver.disconnect();
  if (window.__benchLong) window.__benchLong.disconnect();
  const long = new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      const end = e.startTime + e.duration;
      if (b.start && end > b.start) b.busyUntil = Math.max(b.busyUntil, end);
    }
  });
  long.observe({type: 'longtask'});
  window.__benchLong = long;
  if (window.__benchDown) document.removeEventListener('pointerdown', window.__benchDown, true);
  const charts = '.js-plotly-plot, [data-testid="stDeckGlJsonChart"]';
  const observer = new MutationObserver(mutations => {
    const now = performance.now();
    for (const m of mutations) {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!el) continue;
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state') {
        const state = el.getAttribute('data-test-script-state');
        if (state === 'running' && b.start) {
          b.sawRunning = true;
          b.runs += 1;
          if (!b.runningAt) b.runningAt = now;
        }
        if (state === 'notRunning' && b.start) b.idleAt = now;
      } else if (b.start && el.closest(charts)) {
        b.lastDraw = now;
      }
    }
  });
  observer.observe(document.body,
    {subtree: true, childList: true, attributes: true, characterData: true});
  window.__benchObserver = observer;
  window.__benchDown = () => {
    const now = performance.now();
    b.downs.push(now);
    if (!b.start) b.start = now;
  };
  document.addEventListener('pointerdown', window.__benchDown, true);
}"""

# After it: done once the script is idle again, the charts have been still and the main thread
# free of long tasks for `quiet` ms; the figure is from the pointer going down to the latest of
# "idle", "last chart change" and "end of the last long task".
DONE_JS = """(quiet) => {
  const b = window.__bench;
  if (!b || !b.start) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!b.sawRunning && !b.lastDraw) return false;
  const end = Math.max(b.idleAt, b.lastDraw, b.busyUntil);
  if (performance.now() - end <= quiet) return false;
  // The last pointer-down before the run started is the one that changed the filter.
  const before = b.downs.filter(t => !b.runningAt || t <= b.runningAt);
  const start = before.length ? before[before.length - 1] : b.start;
  return {settled: end - start, idle: (b.idleAt || end) - start, runs: b.runs};
}"""

# A session is open once its first script run is over and the page shows its content; the
# memory test waits for this only (server memory does not depend on the browser's drawing).
SESSION_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return document.querySelectorAll('[data-testid="stMain"] *').length > 50;
}"""

QUIET_JS = """(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const w = window.__still || (window.__still = {last: performance.now(), n: -1});
  const n = document.getElementsByTagName('*').length;
  if (n !== w.n) { w.n = n; w.last = performance.now(); }
  return performance.now() - w.last > quiet;
}"""


class Recorder:
    """What one page received: websocket frames and HTTP requests, with their times."""

    def __init__(self, page: Any) -> None:
        self.frames: list[tuple[float, int]] = []
        self.sent: list[tuple[float, int]] = []
        self.requests: list[tuple[float, Any]] = []
        page.on("websocket", self._websocket)
        page.on("request", lambda request: self.requests.append((time.perf_counter(), request)))

    def _websocket(self, ws: Any) -> None:
        ws.on("framereceived", lambda payload: self.frames.append(_frame(payload)))
        ws.on("framesent", lambda payload: self.sent.append(_frame(payload)))

    def ws_bytes(self, start: float, end: float) -> int:
        return sum(n for t, n in self.frames if start <= t <= end)

    def ws_frames(self, start: float, end: float) -> int:
        return sum(1 for t, _ in self.frames if start <= t <= end)

    def fetches(self, suffix: str, start: float, end: float) -> int:
        return sum(1 for t, r in self.requests if start <= t <= end and r.url.endswith(suffix))


def _frame(payload: str | bytes) -> tuple[float, int]:
    size = len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)
    return time.perf_counter(), size


def settle(page: Any, quiet: int = 500) -> None:
    page.evaluate("() => { window.__still = null; }")
    page.wait_for_function(QUIET_JS, arg=quiet, timeout=WAIT_MS, polling=100)


def first_render(page: Any, url: str, plots: int) -> float:
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=WAIT_MS)
    page.wait_for_function(RENDERED_JS, arg=plots, timeout=WAIT_MS, polling=50)
    return time.perf_counter() - start


def _country_box(page: Any) -> Any:
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name="Country", exact=True)


@dataclass
class Change:
    seconds: float  # until the script is idle and the charts are still
    idle: float  # until the script is idle (the server's part, plus the transport)
    ws_bytes: int
    outline_fetches: int
    runs: int  # script runs the page saw start during the change
    ws_frames: int


def _measure_change(page: Any, rec: Recorder, act: Callable[[], None]) -> Change:
    page.evaluate(ARM_JS)
    start = time.perf_counter()
    act()
    handle = page.wait_for_function(DONE_JS, arg=QUIET_MS, timeout=WAIT_MS, polling=50)
    times_ms = handle.json_value()
    end = time.perf_counter()
    return Change(
        float(times_ms["settled"]) / 1000,
        float(times_ms["idle"]) / 1000,
        rec.ws_bytes(start, end),
        rec.fetches("/app/static/countries.geojson", start, end),
        int(times_ms["runs"]),
        rec.ws_frames(start, end),
    )


def _click_at(page: Any, target: Any) -> None:
    # A plain mouse click at the element's centre: one pointer-down, no actionability retries.
    target.scroll_into_view_if_needed(timeout=WAIT_MS)
    box = target.bounding_box(timeout=WAIT_MS)
    if box is None:
        raise RuntimeError("the element to click has no box")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def pick_country(page: Any, rec: Recorder) -> Change:
    box = _country_box(page)
    box.click()
    page.keyboard.type(PICK_NAME[:5])
    option = page.get_by_role("option", name=PICK_NAME, exact=True)
    option.wait_for(timeout=WAIT_MS)
    change = _measure_change(page, rec, lambda: _click_at(page, option))
    page.keyboard.press("Escape")
    settle(page, 300)
    return change


def remove_country(page: Any, rec: Recorder) -> Change:
    remove = page.get_by_test_id("stSidebar").locator(f"button[aria-label='Remove {PICK_NAME}']")
    remove.wait_for(timeout=WAIT_MS)
    change = _measure_change(page, rec, lambda: _click_at(page, remove))
    settle(page, 300)
    return change


@dataclass
class Visit:
    first_render: float
    first_ws_bytes: int
    outline_bytes: int  # encoded bytes of countries.geojson on first load (-1 if not seen)
    outline_fetches: int
    pick: Change
    remove: Change


def visit(browser: Any, server: Server, plots: int) -> Visit:
    """One fresh browser context: first render, then pick Kazakhstan and remove it again."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        rec = Recorder(page)
        render = first_render(page, server.url + "/", plots)
        settle(page)
        first_bytes = rec.ws_bytes(-math.inf, time.perf_counter())
        outline = [r for _, r in rec.requests if r.url.endswith("/app/static/countries.geojson")]
        outline_bytes = -1
        if outline:
            with _quiet_errors():
                outline_bytes = int(outline[0].sizes()["responseBodySize"])
        picked = pick_country(page, rec)
        removed = remove_country(page, rec)
        return Visit(render, first_bytes, outline_bytes, len(outline), picked, removed)
    finally:
        context.close()


@contextmanager
def _quiet_errors() -> Iterator[None]:
    try:
        yield
    except Exception as err:  # a missing size is reported as n/a, not a crash
        log(f"  (could not read a size: {err})")


@dataclass
class Visits:
    cold: Visit | None = None
    runs: list[Visit] = field(default_factory=list)

    def med(self, get: Callable[[Visit], float]) -> float:
        return median([get(v) for v in self.runs])


def browser_runs(browser: Any, servers: list[tuple[Server, int]], n: int) -> list[Visits]:
    """A cold visit per server (not counted), then n visits each, alternating servers."""
    results = [Visits() for _ in servers]
    for i in range(n + 1):
        for (server, plots), result in zip(servers, results, strict=True):
            v = visit(browser, server, plots)
            label = "cold" if i == 0 else f"run {i}/{n}"
            log(
                f"  {server.name} {label}: first render {v.first_render:.2f} s, pick "
                f"{v.pick.seconds:.2f} s (idle {v.pick.idle:.2f} s, {v.pick.runs} run(s), "
                f"{v.pick.ws_bytes / 1024:.0f} KB), remove {v.remove.seconds:.2f} s "
                f"({v.remove.runs} run(s), {v.remove.ws_bytes / 1024:.0f} KB)"
            )
            if i == 0:
                result.cold = v
            else:
                result.runs.append(v)
    return results


@dataclass
class Memory:
    idle: float
    one: float
    many: float
    peak: float
    sessions: int
    drawn: int


def memory_run(browser: Any, servers: Servers, csv_path: Path | None) -> Memory:
    server = servers.start("dashboard", csv_path)
    try:
        time.sleep(2)
        idle = server.rss_mb()
        contexts = [browser.new_context(viewport=SMALL_VIEWPORT) for _ in range(MEMORY_CONTEXTS)]
        first = contexts[0].new_page()
        first_render(first, server.url + "/", DASH_PLOTS)
        settle(first)
        time.sleep(1)
        one = server.rss_mb()
        codes = _codes(csv_path or BUNDLED, SESSIONS - 1)
        pages = []
        for i, code in enumerate(codes):
            page = contexts[i % len(contexts)].new_page()
            page.goto(f"{server.url}/?country={code}", wait_until="commit", timeout=WAIT_MS)
            pages.append(page)
        drawn = 1
        deadline = time.monotonic() + WAIT_MS / 1000
        for page in pages:
            left = max(1.0, deadline - time.monotonic()) * 1000
            with _quiet_errors():
                page.wait_for_function(SESSION_JS, timeout=left, polling=250)
                drawn += 1
        time.sleep(2)
        many = server.rss_mb()
        peak = server.peak_mb()
        for context in contexts:
            context.close()
        return Memory(idle, one, many, peak, 1 + len(pages), drawn)
    finally:
        servers.stop(server)


def _codes(path: Path, count: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        found = sorted({row["country"] for row in csv.DictReader(handle)})
    found = [c for c in found if c != PICK_CODE] or found
    return [found[i % len(found)] for i in range(count)]
