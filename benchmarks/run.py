"""Benchmark the dashboard against the floor of its stack, at the bundled size and at scale.

    python -m benchmarks.run [--quick] [--out benchmarks/results.md]

Prints progress to stderr, the tables to stdout, and writes the same tables with the machine's
facts to --out (a generated file: do not commit it). Every figure is a median of N runs (N=5,
--quick N=2), and the dashboard is always set against a baseline measured in the same run
(the bare page of benchmarks/bare_app.py, or the smallest size), since the machine is shared
and noisy. benchmarks/README.md explains each figure.

Servers listen on 127.0.0.1 on free ports and are stopped at the end (terminate, then kill);
every wait is bounded; nothing leaves localhost.
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from dashboard.browser import BROWSER_ARGS, find_browser, install_hint
from dashboard.local_server import ENV_CSV, LocalServer, local_server

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD_APP = ROOT / "dashboard" / "app.py"
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
BUNDLED = ROOT / "data" / "commitments.csv"
DEFAULT_OUT = ROOT / "benchmarks" / "results.md"
PY = sys.executable

# The bare page's basemap: only the sea. The dashboard's style draws the outlines as well; the
# bare page draws them the plain pydeck way, as a GeoJsonLayer.
SEA_STYLE = (
    '{"version": 8, "name": "sea", "sources": {}, "layers": '
    '[{"id": "sea", "type": "background", "paint": {"background-color": "#dde8f0"}}]}'
)
CHROMIUM_ARGS = BROWSER_ARGS  # one list of flags for this closed network
VIEWPORT = {"width": 1600, "height": 1000}
SMALL_VIEWPORT = {"width": 800, "height": 600}
PICK_CODE, PICK_NAME = "KAZ", "Kazakhstan"
DASH_PLOTS, BARE_PLOTS = 1, 1  # plotly charts each page draws with no link (the overview)
START_TIMEOUT_S = 120.0
WAIT_MS = 180_000  # any single browser wait
QUIET_MS = 500  # a redraw is over once nothing moved in the charts for this long
SESSIONS = 20
MEMORY_CONTEXTS = 2  # the sessions' pages share few contexts, so they share Chromium's caches
SCALE_ROWS = (10_000, 100_000)
SEED = 7
PACKAGES = ("streamlit", "pandas", "pandera", "plotly", "pydeck", "pyarrow", "playwright")

# Targets (the brief's; the memory bound is this benchmark's choice, see README).
FIRST_RENDER_MAX_RATIO = 1.5
REDRAW_MAX_RATIO = 1.5
RERUN_BUNDLED_MAX_S = 0.100
RERUN_100K_MAX_S = 0.500
LINEAR_EXPONENT_MAX = 1.15  # growth exponent between 10k and 100k; 1.0 is linear
MB_PER_SESSION_MAX = 10.0
KB_PER_CHANGE_MAX = 150.0

T0 = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - T0:6.1f} s] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    kept = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(kept) if kept else math.nan


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------
# Results: rows of Markdown tables, printed and written the same
# ---------------------------------------------------------------------------------------------


@dataclass
class Report:
    sections: list[tuple[str, list[str], list[list[str]], str]] = field(default_factory=list)

    def table(self, title: str, header: list[str], rows: list[list[str]], note: str = "") -> None:
        self.sections.append((title, header, rows, note))
        print(self._render(title, header, rows, note), flush=True)

    @staticmethod
    def _render(title: str, header: list[str], rows: list[list[str]], note: str) -> str:
        lines = [f"\n## {title}\n", "| " + " | ".join(header) + " |"]
        lines.append("|" + "|".join("---" for _ in header) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        if note:
            lines += ["", note]
        return "\n".join(lines)

    def markdown(self, facts: list[str], preamble: str) -> str:
        parts = ["# Benchmark results\n", preamble, "", *facts]
        parts += [self._render(*section) for section in self.sections]
        return "\n".join(parts) + "\n"


def secs(value: float, unit: str = "s") -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def ratio(a: float, b: float) -> float:
    return a / b if b and not (math.isnan(a) or math.isnan(b)) else math.nan


def times(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}×"


def verdict(ok: bool | None) -> str:
    return "INFO" if ok is None else ("PASS" if ok else "FAIL")


def check(value: float, ok: Callable[[float], bool]) -> str:
    return "n/a" if math.isnan(value) else verdict(ok(value))


def exponent(small: float, large: float, rows_small: int, rows_large: int) -> float:
    """Growth exponent b in time ∝ rows^b between two sizes (1.0 = linear)."""
    if math.isnan(small) or math.isnan(large) or small <= 0 or large <= 0:
        return math.nan
    return math.log(large / small) / math.log(rows_large / rows_small)


# ---------------------------------------------------------------------------------------------
# Machine facts
# ---------------------------------------------------------------------------------------------


def machine_facts(chromium_version: str) -> list[str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    from importlib.metadata import version

    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- Code: {_git_state()}",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}; load average (1/5/15 min) {load}",
        f"- Python {platform.python_version()}, "
        + ", ".join(f"{name} {version(name)}" for name in PACKAGES)
        + f", Chromium {chromium_version}",
    ]


def _git_state() -> str:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = [line[3:] for line in git("status", "--porcelain", "dashboard").splitlines()]
    if not dirty:
        return f"commit {commit}, dashboard/ as committed"
    return f"commit {commit} plus uncommitted changes in {len(dirty)} file(s) under dashboard/"


# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    running: LocalServer
    stack: ExitStack  # closing it stops the server

    @property
    def url(self) -> str:
        return self.running.url

    def _status(self, key: str) -> float:
        with open(f"/proc/{self.running.process.pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024  # kB -> MB
        return math.nan

    def rss_mb(self) -> float:
        return self._status("VmRSS")

    def peak_mb(self) -> float:
        return self._status("VmHWM")

    def stop(self) -> None:
        self.stack.close()


class Servers:
    """Starts app servers on demand; `close` stops every one still running."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.running: list[Server] = []
        self._bare_dir: Path | None = None

    def _bare_folder(self) -> Path:
        # The bare page is served from a folder holding it as app.py, the dashboard's static/
        # files (served at /app/static/) and the project's .streamlit/config.toml, so it runs
        # with the same settings as the dashboard.
        if self._bare_dir is None:
            folder = self.workdir / "bare"
            folder.mkdir()
            shutil.copy(BARE_APP, folder / "app.py")
            shutil.copytree(ROOT / "dashboard" / "static", folder / "static")
            (folder / "static" / "sea_style.json").write_text(SEA_STYLE, encoding="utf-8")
            shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
            self._bare_dir = folder
        return self._bare_dir

    def start(self, kind: str, csv_path: Path | None) -> Server:
        name = f"{kind}-{csv_path.stem if csv_path else 'bundled'}"
        env = {k: v for k, v in os.environ.items() if k != ENV_CSV}
        if kind == "dashboard":
            cwd, script = ROOT, DASHBOARD_APP
        else:
            cwd, script = self._bare_folder(), self._bare_folder() / "app.py"
            csv_path = csv_path or BUNDLED
            env["BENCH_REPO"] = str(ROOT)
        stack = ExitStack()
        # Both read the rest of their settings from the .streamlit/config.toml in `cwd`.
        running = stack.enter_context(
            local_server(
                script,
                csv=csv_path,
                env=env,
                flags=("--server.enableStaticServing=true",),
                cwd=cwd,
                log=self.workdir / f"{name}-{len(self.running)}.log",
                timeout=START_TIMEOUT_S,
            )
        )
        server = Server(name, running, stack)
        self.running.append(server)
        log(f"started {name} on {server.url} (pid {running.process.pid})")
        return server

    def stop(self, server: Server) -> None:
        server.stop()
        if server in self.running:
            self.running.remove(server)

    def close(self) -> None:
        for server in list(self.running):
            self.stop(server)


# ---------------------------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# On the server side: validation, the command line, AppTest
# ---------------------------------------------------------------------------------------------


@contextmanager
def commitments_env(csv_path: Path | None) -> Iterator[None]:
    before = os.environ.get(ENV_CSV)
    if csv_path is None:
        os.environ.pop(ENV_CSV, None)
    else:
        os.environ[ENV_CSV] = str(csv_path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_CSV, None)
        else:
            os.environ[ENV_CSV] = before


@dataclass
class AppTimes:
    first_cold: list[float] = field(default_factory=list)
    first_warm: list[float] = field(default_factory=list)
    rerun_pick: list[float] = field(default_factory=list)
    rerun_clear: list[float] = field(default_factory=list)


def _ok(at: Any, app: Path) -> None:
    if at.exception:
        raise RuntimeError(f"{app.name} raised: {at.exception[0].value}")
    errors = [e.value for e in at.error]
    if errors:
        raise RuntimeError(f"{app.name} showed an error: {errors[0]}")


def clear_caches() -> None:
    import streamlit as st

    # The dashboard caches its frames with st.cache_resource, the bare page too; clear both.
    st.cache_data.clear()
    st.cache_resource.clear()


def apptest_times(app: Path, csv_path: Path | None, n: int, warm_up: bool) -> AppTimes:
    """AppTest in this process: first runs (caches cleared, then warm) and filter reruns."""
    from streamlit.testing.v1 import AppTest

    out = AppTimes()
    with commitments_env(csv_path):
        if warm_up:  # the first run in this process pays the imports: not counted
            clear_caches()
            AppTest.from_file(str(app), default_timeout=600).run()
        for _ in range(n):
            clear_caches()
            at = AppTest.from_file(str(app), default_timeout=600)
            out.first_cold.append(timed(at.run))
            _ok(at, app)
            box = at.multiselect(key="country")
            out.rerun_pick.append(timed(lambda b=box: b.set_value([PICK_CODE]).run()))
            _ok(at, app)
            box = at.multiselect(key="country")
            out.rerun_clear.append(timed(lambda b=box: b.set_value([]).run()))
            _ok(at, app)
            again = AppTest.from_file(str(app), default_timeout=600)
            out.first_warm.append(timed(again.run))
            _ok(again, app)
        clear_caches()
    return out


def validation_times(path: Path, n: int, warm_up: bool) -> tuple[list[float], Any]:
    """Times of read_commitments(path), and the frame it returned."""
    from dashboard.core.loading import read_commitments

    if warm_up:
        read_commitments(path)  # imports, pycountry's tables: not counted
    out: list[Any] = []
    spent = [timed(lambda: out.append(read_commitments(path))) for _ in range(n)]
    return spent, out[-1]


def validation_phases(path: Path, n: int) -> dict[str, float]:
    """Where validation spends its time: parse, pandera cell checks, row checks, typing."""
    from dashboard.core import loading
    from dashboard.core.schema import commitment_columns

    columns = commitment_columns(date.today())
    phases: dict[str, list[float]] = {}
    try:
        for _ in range(n):
            start = time.perf_counter()
            frame, lines, _ = loading._read_frame(path, columns, date.today())
            t1 = time.perf_counter()
            loading._check_cells(str(path), frame, lines, columns)
            t2 = time.perf_counter()
            loading._check_commitment_rows(str(path), frame, lines)
            t3 = time.perf_counter()
            loading._typed(frame, lines, columns)
            t4 = time.perf_counter()
            for name, value in (
                ("read and split the CSV", t1 - start),
                ("pandera cell checks", t2 - t1),
                ("row checks (Python loop)", t3 - t2),
                ("typing (dates, numbers)", t4 - t3),
            ):
                phases.setdefault(name, []).append(value)
    except (AttributeError, TypeError, ValueError) as err:  # private helpers changed
        log(f"  validation phases not measured: {err}")
        return {}
    return {name: median(values) for name, values in phases.items()}


def cli_times(args: list[str], csv_path: Path | None, n: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != ENV_CSV}
    if csv_path is not None:
        env[ENV_CSV] = str(csv_path)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        done = subprocess.run(
            [PY, "-m", "dashboard", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=600,
            check=False,
        )
        out.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"dashboard {' '.join(args)} failed: {done.stderr[-2000:]!r}")
    return out


def stage_costs(commitments: Any, n: int) -> list[tuple[str, float, str]]:
    """The pieces of one dashboard rerun with no filter, timed alone: (stage, seconds, size)."""
    import plotly.io
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

    from dashboard.core.charts import (
        planned_vs_announced_chart,
        role_breakdown_chart,
        role_counts_chart,
    )
    from dashboard.core.countries import country_name
    from dashboard.core.exports import captioned
    from dashboard.core.geo import contributor_map
    from dashboard.core.loading import read_country_points, read_places, read_targets
    from dashboard.core.picture import as_of, filter_statements, planned_vs_announced
    from dashboard.core.statements import export_csv, statement_table
    from dashboard.ui import data

    kind = type(getattr(getattr(data, "_commitments", None), "_info", None)).__name__
    cached_as = {"CachedDataFuncInfo": "st.cache_data", "CachedResourceFuncInfo": ""}.get(kind)
    cached_as = "st.cache_resource" if cached_as == "" else (cached_as or "an unknown cache")
    targets, places, points = read_targets(), read_places(), read_country_points()
    latest = commitments["date"].max()
    when = latest.date()
    current = as_of(commitments, when)
    figures = planned_vs_announced(current, targets)
    table = statement_table(current)
    roles_fig = role_breakdown_chart(current, "t")
    deck = contributor_map(current, points, places)

    def best(action: Callable[[], object]) -> float:
        return median([timed(action) for _ in range(n)])

    def kb(size: int) -> str:
        return f"{size / 1024:,.0f} KB"

    pickled = len(pickle.dumps(commitments, protocol=pickle.HIGHEST_PROTOCOL))
    figs = [
        planned_vs_announced_chart(figures, "t"),
        roles_fig,
        role_counts_chart(current, "t"),
    ]
    return [
        (
            f"pickle round trip of the frame (an st.cache_data hit; the dashboard uses "
            f"{cached_as})",
            best(lambda: pickle.loads(pickle.dumps(commitments, protocol=5))),
            kb(pickled),
        ),
        ("as_of (latest statement per country and role)", best(lambda: as_of(commitments)), ""),
        (
            "in-view count + filter_statements on all statements",
            best(lambda: int((filter_statements(commitments)["date"] <= latest).sum())),
            "",
        ),
        ("planned_vs_announced", best(lambda: planned_vs_announced(current, targets)), ""),
        (
            "sidebar: country codes sorted by name",
            best(lambda: sorted(commitments["country"].unique(), key=country_name)),
            "",
        ),
        (
            "role_breakdown_chart build",
            best(lambda: role_breakdown_chart(current, "t")),
            f"{current['country'].nunique()} countries, {len(current)} markers",
        ),
        (
            "role_breakdown_chart to JSON (what st.plotly_chart sends)",
            best(lambda: plotly.io.to_json(roles_fig, validate=False)),
            kb(len(plotly.io.to_json(roles_fig, validate=False))),
        ),
        (
            "the other two charts, build + JSON",
            best(
                lambda: [
                    plotly.io.to_json(planned_vs_announced_chart(figures, "t"), validate=False),
                    plotly.io.to_json(role_counts_chart(current, "t"), validate=False),
                ]
            ),
            kb(sum(len(plotly.io.to_json(f, validate=False)) for f in (figs[0], figs[2]))),
        ),
        (
            "captioned() copies of the 3 charts (only when an image is downloaded)",
            best(lambda: [captioned(f, "t", when, "all", "s", "fresh") for f in figs]),
            "",
        ),
        (
            "contributor_map build + deck JSON",
            best(lambda: contributor_map(current, points, places).to_json()),
            kb(len(deck.to_json())),
        ),
        (
            "statement_table + Arrow bytes (st.dataframe)",
            best(lambda: convert_pandas_df_to_arrow_bytes(statement_table(current))),
            f"{len(table)} rows, " + kb(len(convert_pandas_df_to_arrow_bytes(table))),
        ),
        (
            "export_csv for the download button (made on every run)",
            best(lambda: export_csv(table, ["h"])),
            kb(len(export_csv(table, ["h"]).encode("utf-8"))),
        ),
    ]


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


@dataclass
class Size:
    label: str
    rows: int
    path: Path
    csv_env: Path | None  # None: the bundled file, COMMITMENTS_CSV unset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs per figure instead of 5")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to write")
    args = parser.parse_args(argv)
    n = 2 if args.quick else 5
    chromium = find_browser()
    if chromium is None:
        print(f"No Chromium found: {install_hint()}.", file=sys.stderr)
        return 2

    import streamlit.logger

    streamlit.logger.set_log_level("error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="isf-bench-") as tmp:
        workdir = Path(tmp)
        sizes = [Size("66 (bundled)", _count_rows(BUNDLED), BUNDLED, None)]
        for rows in SCALE_ROWS:
            path = workdir / f"commitments-{rows // 1000}k.csv"
            log(f"writing {rows:,} synthetic statements to {path.name}")
            synthetic.write(synthetic.synthesize(rows, SEED), path)
            sizes.append(Size(f"{rows // 1000}k", rows, path, path))
        sizes[0].label = f"{sizes[0].rows} (bundled)"
        server_side = measure_server_side(sizes, n)
        browser_side = measure_browser(workdir, sizes, n, chromium)
    write_tables(report, sizes, server_side, browser_side, n)
    minutes = (time.monotonic() - T0) / 60
    facts = machine_facts(browser_side["chromium"])
    facts.append(
        f"- Runs per figure: N={n}{' (--quick)' if args.quick else ''}; "
        f"the whole run took {minutes:.1f} min"
    )
    preamble = (
        "Generated by `python -m benchmarks.run`; see benchmarks/README.md for what each "
        "figure means. Times are medians of N runs; ratios are taken between medians "
        "measured in the same run."
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report.markdown(facts, preamble), encoding="utf-8")
    print("\n" + "\n".join(facts), flush=True)
    log(f"wrote {args.out} ({minutes:.1f} min)")
    return 0


def _count_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def measure_server_side(sizes: list[Size], n: int) -> dict[str, Any]:
    out: dict[str, Any] = {"validate": {}, "phases": {}, "summary": {}, "apptest": {}}
    out["stages"] = {}
    log("CLI start-up baseline: python -m dashboard --help")
    out["cli_startup"] = median(cli_times(["--help"], None, n))
    for size in sizes:
        first = size is sizes[0]
        log(f"[{size.label}] validation (read_commitments), {n} runs")
        spent, frame = validation_times(size.path, n, warm_up=first)
        out["validate"][size.label] = median(spent)
        out["phases"][size.label] = validation_phases(size.path, max(1, n // 2))
        log(f"[{size.label}] python -m dashboard summary --json, {n} runs")
        out["summary"][size.label] = median(cli_times(["summary", "--json"], size.csv_env, n))
        log(f"[{size.label}] AppTest: dashboard, {n} runs")
        out["apptest"][("dashboard", size.label)] = apptest_times(
            DASHBOARD_APP, size.csv_env, n, warm_up=first
        )
        log(f"[{size.label}] AppTest: bare page, {n} runs")
        out["apptest"][("bare", size.label)] = apptest_times(BARE_APP, size.path, n, first)
        log(f"[{size.label}] stage costs of one rerun")
        out["stages"][size.label] = stage_costs(frame, n)
    return out


def measure_browser(workdir: Path, sizes: list[Size], n: int, chromium: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"visits": {}, "memory": {}}
    servers = Servers(workdir)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            out["chromium"] = browser.version
            try:
                for size in sizes:
                    dash = servers.start("dashboard", size.csv_env)
                    started = [(dash, DASH_PLOTS)]
                    if size is sizes[0]:  # the bare page is the baseline at the bundled size
                        started.append((servers.start("bare", size.path), BARE_PLOTS))
                    log(f"[{size.label}] browser: a cold visit, then {n} visits per server")
                    done = browser_runs(browser, started, n)
                    for (server, _), result in zip(started, done, strict=True):
                        out["visits"][(server.name.split("-")[0], size.label)] = result
                        servers.stop(server)
                for size in (sizes[0], sizes[-1]):
                    log(f"[{size.label}] memory: idle, 1 session, {SESSIONS} sessions")
                    out["memory"][size.label] = memory_run(browser, servers, size.csv_env)
                    m = out["memory"][size.label]
                    log(
                        f"  idle {m.idle:.0f} MB, 1 session {m.one:.0f} MB, {m.sessions} "
                        f"sessions {m.many:.0f} MB ({m.drawn} drawn), peak {m.peak:.0f} MB"
                    )
            finally:
                browser.close()
    finally:
        servers.close()
    return out


def write_tables(
    report: Report, sizes: list[Size], server: dict[str, Any], browser: dict[str, Any], n: int
) -> None:
    bundled = sizes[0].label
    visits = browser["visits"]
    dash, bare = visits[("dashboard", bundled)], visits[("bare", bundled)]
    apps = server["apptest"]
    at_dash, at_bare = apps[("dashboard", bundled)], apps[("bare", bundled)]

    rows = []

    def pair(name: str, a: float, b: float, target: str, ok: Callable[[float], bool] | None):
        r = ratio(a, b)
        rows.append(
            [name, secs(a), secs(b), times(r), target, check(r, ok) if ok else verdict(None)]
        )

    pair(
        "First render in Chromium",
        dash.med(lambda v: v.first_render),
        bare.med(lambda v: v.first_render),
        f"≤ {FIRST_RENDER_MAX_RATIO}× bare",
        lambda r: r <= FIRST_RENDER_MAX_RATIO,
    )
    pair(
        "First render, cold server (first visit after start, 1 run)",
        dash.cold.first_render if dash.cold else math.nan,
        bare.cold.first_render if bare.cold else math.nan,
        "",
        None,
    )
    pair(
        f"Filter change redraw in Chromium: pick {PICK_NAME}",
        dash.med(lambda v: v.pick.seconds),
        bare.med(lambda v: v.pick.seconds),
        f"≤ {REDRAW_MAX_RATIO}× bare",
        lambda r: r <= REDRAW_MAX_RATIO,
    )
    pair(
        "Filter change redraw in Chromium: remove it (back to all)",
        dash.med(lambda v: v.remove.seconds),
        bare.med(lambda v: v.remove.seconds),
        f"≤ {REDRAW_MAX_RATIO}× bare",
        lambda r: r <= REDRAW_MAX_RATIO,
    )
    pair(
        "  of which until the script is idle again (pick)",
        dash.med(lambda v: v.pick.idle),
        bare.med(lambda v: v.pick.idle),
        "",
        None,
    )
    rows.append(
        [
            "Script runs the page saw per filter change (pick / remove)",
            f"{dash.med(lambda v: v.pick.runs):g} / {dash.med(lambda v: v.remove.runs):g}",
            f"{bare.med(lambda v: v.pick.runs):g} / {bare.med(lambda v: v.remove.runs):g}",
            "",
            "1",
            "INFO",
        ]
    )
    rerun = median(at_dash.rerun_pick)
    rows.append(
        [
            f"Server rerun after a filter change (AppTest, pick {PICK_CODE})",
            secs(rerun, "ms"),
            secs(median(at_bare.rerun_pick), "ms"),
            times(ratio(rerun, median(at_bare.rerun_pick))),
            f"dashboard < {RERUN_BUNDLED_MAX_S * 1000:.0f} ms",
            check(rerun, lambda v: v < RERUN_BUNDLED_MAX_S),
        ]
    )
    pair(
        "Server rerun back to all countries (AppTest)",
        median(at_dash.rerun_clear),
        median(at_bare.rerun_clear),
        "",
        None,
    )
    pair(
        "Server first run, warm cache (AppTest, a new visitor)",
        median(at_dash.first_warm),
        median(at_bare.first_warm),
        "",
        None,
    )
    report.table(
        f"Dashboard versus the bare page, bundled data ({sizes[0].rows} statements)",
        ["Figure (median of N)", "dashboard", "bare page", "ratio", "target", "verdict"],
        rows,
        "First render: from page.goto until every plotly chart has its SVG, the deck has its "
        "canvas and the script state is notRunning, in a fresh browser context (empty cache) on "
        "a server that has already served one visit; the dashboard opens on its overview "
        "section. Redraw: from the pointer going down on the option (or the tag's remove "
        "button) until the script is idle, nothing inside a chart changed and no long task ran "
        "on the main thread (deck.gl's WebGL frame is one) for 500 ms; 'until the script is "
        "idle' stops when the script state goes back to notRunning (the rest is drawing in the "
        "browser). Server rerun: AppTest in this process, script time only.",
    )

    write_scale(report, sizes, server, browser)
    write_memory(report, sizes, browser)
    write_bytes(report, sizes, browser)
    write_stages(report, sizes, server)


def write_scale(
    report: Report, sizes: list[Size], server: dict[str, Any], browser: dict[str, Any]
) -> None:
    labels = [s.label for s in sizes]
    counts = [s.rows for s in sizes]
    apps, visits = server["apptest"], browser["visits"]

    def at(app: str, attr: str) -> Callable[[str], float]:
        return lambda label: median(getattr(apps[(app, label)], attr))

    def vis(app: str, get: Callable[[Visit], float]) -> Callable[[str], float]:
        return lambda label: visits[(app, label)].med(get)

    figures: list[tuple[str, Callable[[str], float], str, Callable[[float, float], bool] | None]]
    figures = [
        ("Validation: read_commitments (in process)", server["validate"].get, "", None),
        (
            "`python -m dashboard summary --json` (subprocess, wall)",
            server["summary"].get,
            "",
            None,
        ),
        (
            "AppTest first run, empty cache (loads + validates)",
            at("dashboard", "first_cold"),
            "",
            None,
        ),
        ("AppTest first run, warm cache (a new visitor)", at("dashboard", "first_warm"), "", None),
        (
            f"AppTest rerun after a filter change (pick {PICK_CODE})",
            at("dashboard", "rerun_pick"),
            f"100k < {RERUN_100K_MAX_S * 1000:.0f} ms and exponent ≤ {LINEAR_EXPONENT_MAX}",
            lambda v100, b: v100 < RERUN_100K_MAX_S and b <= LINEAR_EXPONENT_MAX,
        ),
        ("AppTest rerun back to all countries", at("dashboard", "rerun_clear"), "", None),
        ("  bare page: AppTest rerun (pick)", at("bare", "rerun_pick"), "", None),
        ("Chromium first render", vis("dashboard", lambda v: v.first_render), "", None),
        (
            f"Chromium filter change redraw: pick {PICK_NAME}",
            vis("dashboard", lambda v: v.pick.seconds),
            "",
            None,
        ),
        (
            "  of which until the script is idle again",
            vis("dashboard", lambda v: v.pick.idle),
            "",
            None,
        ),
        (
            "Chromium filter change redraw: back to all",
            vis("dashboard", lambda v: v.remove.seconds),
            "",
            None,
        ),
    ]
    rows = []
    for name, get, target, ok in figures:
        values = [get(label) for label in labels]
        grow_small = ratio(values[1], values[0])
        grow_large = ratio(values[2], values[1])
        b = exponent(values[1], values[2], counts[1], counts[2])
        status = (
            verdict(ok(values[2], b))
            if ok and not (math.isnan(values[2]) or math.isnan(b))
            else ("n/a" if ok else "INFO")
        )
        unit = "ms" if "rerun" in name else "s"
        rows.append(
            [name, *(secs(v, unit) for v in values), times(grow_small), times(grow_large)]
            + ["n/a" if math.isnan(b) else f"{b:.2f}", target, status]
        )
    rows.append(
        [
            "(CLI start-up alone: `python -m dashboard --help`)",
            secs(server["cli_startup"]),
            "",
            "",
            "",
            "",
            "",
            "",
            "INFO",
        ]
    )
    report.table(
        "Scale: the bundled data and synthetic files (benchmarks/synthetic.py)",
        [
            "Figure (median of N)",
            *labels,
            f"{labels[1]} / {counts[0]}",
            f"{labels[2]} / {labels[1]}",
            f"exponent {labels[1]}→{labels[2]}",
            "target",
            "verdict",
        ],
        rows,
        f"Rows grow ×{counts[1] / counts[0]:.0f} from the bundled file to {labels[1]} and "
        f"×{counts[2] / counts[1]:.0f} to {labels[2]}. The exponent b fits time ∝ rows^b "
        f"between {labels[1]} and {labels[2]}: 1.0 is linear, 0 is flat, above 1 grows faster "
        "than the data. AppTest first runs with an empty cache clear st.cache_data and "
        "st.cache_resource before each run; the warm-cache first run is a new session on a "
        "process that already holds the frames.",
    )


def write_memory(report: Report, sizes: list[Size], browser: dict[str, Any]) -> None:
    rows = []
    for label, m in browser["memory"].items():
        per = (m.many - m.one) / max(1, m.sessions - 1)
        rows.append(
            [
                label,
                f"{m.idle:.0f} MB",
                f"{m.one:.0f} MB",
                f"{m.many:.0f} MB ({m.drawn}/{m.sessions} drawn)",
                f"{m.peak:.0f} MB",
                f"{per:.1f} MB",
                f"≤ {MB_PER_SESSION_MAX:.0f} MB per extra session",
                check(per, lambda v: v <= MB_PER_SESSION_MAX),
            ]
        )
    report.table(
        "Memory of the dashboard server (VmRSS of the streamlit process)",
        [
            "data",
            "idle after start",
            "1 session",
            f"{SESSIONS} sessions",
            "peak (VmHWM)",
            "per extra session",
            "target",
            "verdict",
        ],
        rows,
        "A fresh server per size. Idle is before any visit (the script has not run, so pandas, "
        f"plotly and the data are not loaded yet). The {SESSIONS} sessions are pages in "
        f"{MEMORY_CONTEXTS} browser contexts, each opened with its own ?country= filter; RSS is "
        "read 2 s after every page finished its first run. One measurement each (RSS is a "
        "level, not a time).",
    )


def write_bytes(report: Report, sizes: list[Size], browser: dict[str, Any]) -> None:
    rows = []
    for size in sizes:
        for app in ("dashboard", "bare"):
            if (app, size.label) not in browser["visits"]:
                continue
            v = browser["visits"][(app, size.label)]
            pick = v.med(lambda x: x.pick.ws_bytes) / 1024
            back = v.med(lambda x: x.remove.ws_bytes) / 1024
            worst = max(pick, back)
            refetch = sum(x.pick.outline_fetches + x.remove.outline_fetches for x in v.runs)
            outline = v.med(lambda x: x.outline_bytes if x.outline_bytes >= 0 else math.nan)
            target = (
                f"< {KB_PER_CHANGE_MAX:.0f} KB" if app == "dashboard" and size is sizes[0] else ""
            )
            rows.append(
                [
                    f"{app}, {size.label}",
                    f"{v.med(lambda x: x.first_ws_bytes) / 1024:,.0f} KB",
                    f"{pick:,.1f} KB in {v.med(lambda x: x.pick.ws_frames):g} frames",
                    f"{back:,.1f} KB in {v.med(lambda x: x.remove.ws_frames):g} frames",
                    "n/a" if math.isnan(outline) else f"{outline / 1024:,.0f} KB",
                    "no" if refetch == 0 else f"YES ({refetch} fetches)",
                    target,
                    check(worst, lambda w: w < KB_PER_CHANGE_MAX) if target else "INFO",
                ]
            )
    report.table(
        "Bytes sent to the browser",
        [
            "app, data",
            "websocket, first load",
            f"websocket, pick {PICK_NAME}",
            "websocket, back to all",
            "countries.geojson on first load (encoded)",
            "geojson fetched again on a filter change",
            "target (larger change)",
            "verdict",
        ],
        rows,
        "Websocket bytes are the payloads of the frames the page received (Streamlit's "
        "protobuf messages), summed from the click until the redraw settled.",
    )


def write_stages(report: Report, sizes: list[Size], server: dict[str, Any]) -> None:
    labels = [s.label for s in sizes]
    names = [name for name, _, _ in server["stages"][labels[0]]]
    rows = []
    for i, name in enumerate(names):
        row = [name]
        for label in labels:
            _, seconds, size = server["stages"][label][i]
            row.append(secs(seconds, "ms") + (f" ({size})" if size else ""))
        rows.append(row)
    for phase in server["phases"][labels[0]]:
        row = [f"validation: {phase}"]
        for label in labels:
            row.append(secs(server["phases"][label].get(phase, math.nan), "ms"))
        rows.append(row)
    report.table(
        "Where the time goes: the dashboard's pieces and validation's, timed alone",
        ["Stage (median of N, in process)", *labels],
        rows,
        "Each piece is the dashboard's own function called on its own, with no filter (the "
        "largest view). A rerun builds only the open section's pieces (the overview: as_of, "
        "planned_vs_announced and the map; the role charts, the table and its CSV only in "
        "their own sections). They overlap the AppTest figures; they are there to show what "
        "grows.",
    )


if __name__ == "__main__":
    raise SystemExit(main())
