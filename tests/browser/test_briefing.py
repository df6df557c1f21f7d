"""The briefing layout, the CSV download and the snapshot command, in a real browser.

The briefing and the download run against live `streamlit run` servers (see conftest.py);
the snapshot command is run as a reader runs it, `python -m dashboard snapshot ...`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image  # a dependency of streamlit itself, so always installed with the app
from playwright.sync_api import Browser, Page, expect

from dashboard.core.dataset import read_dataset
from dashboard.core.loading import BUNDLED_COMMITMENTS, read_places
from dashboard.core.picture import as_of
from dashboard.core.review import Review, freshness_text
from dashboard.snapshot import MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH
from tests.ui.conftest import write_rows

from .conftest import (
    RENDER_TIMEOUT_MS,
    ROOT,
    Browsing,
    Server,
    bundled_rows,
    tooltip_showing,
    validate,
    wait_for_app,
    wait_for_section,
    wait_idle,
)

SLIDE = {"width": 1280, "height": 720}
BRIEFING_QUERY = "?view=briefing&country=KAZ&as_of=2026-03-01"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SNAPSHOT_TIMEOUT_S = 180

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
BUNDLED = read_dataset(BUNDLED_COMMITMENTS)
# A copy of the bundled file on its own has no review date: it opens on its newest statement.
NEWEST = BUNDLED.latest
# Two rows of the latest picture, so both show in the table on a plain visit.
LATEST_IDS = sorted(as_of(BUNDLED.commitments, NEWEST)["id"])
FORMULA_CELLS = {
    (LATEST_IDS[0], "note"): HYPERLINK,
    (LATEST_IDS[-1], "speaker"): DDE,
}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def slide(browser: Browser) -> Iterator[Browsing]:
    """A fresh context at the 1280x720 the briefing is designed for."""
    context = browser.new_context(viewport=SLIDE)  # type: ignore[arg-type]
    yield Browsing(context)
    context.close()


def open_briefing(page: Page, server: Server, query: str = BRIEFING_QUERY) -> None:
    page.goto(f"{server.url}/{query}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, plots=1)
    page.locator(".brief-footer").wait_for(timeout=RENDER_TIMEOUT_MS)


def write_formula_csv(path: Path) -> Path:
    """The bundled data with a HYPERLINK formula in one note and a DDE payload in one speaker."""
    columns, rows = bundled_rows()
    done = set()
    for row in rows:
        for (row_id, column), value in FORMULA_CELLS.items():
            if row["id"] == row_id:
                row[column] = value
                done.add(row_id)
    assert done == {row_id for row_id, _ in FORMULA_CELLS}, done
    return write_rows(path, columns, rows)


@pytest.fixture(scope="module")
def formula_server(
    tmp_path_factory: pytest.TempPathFactory, server_factory: Callable[[Path | None], Server]
) -> Server:
    path = write_formula_csv(tmp_path_factory.mktemp("formulas") / "commitments.csv")
    result = validate(path)
    assert result.returncode == 0, f"the file must be valid:\n{result.stdout}{result.stderr}"
    return server_factory(path)


def snapshot(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m dashboard snapshot ARGS` from the repository root, on the bundled data."""
    environment = {k: v for k, v in os.environ.items() if k != "COMMITMENTS_CSV"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "snapshot", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=SNAPSHOT_TIMEOUT_S,
        check=False,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, data[:16]
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


# ---------------------------------------------------------------------------------------------
# (a) The briefing layout
# ---------------------------------------------------------------------------------------------


def test_the_briefing_fits_a_slide_without_the_sidebar(slide: Browsing, app_server: Server) -> None:
    page = slide.new_page()
    open_briefing(page, app_server)

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_count(1)  # drawn, since the filters live there, but hidden
    expect(sidebar).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()

    footer = page.locator(".brief-footer")
    expect(footer).to_be_visible()
    expect(footer).to_contain_text("countries: Kazakhstan")
    expect(footer).to_contain_text("as of 1 March 2026")
    expect(footer).to_contain_text("Sources:")
    box = footer.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= SLIDE["height"], f"the footer ends below the slide: {box}"
    # The slide does not scroll: nothing needs to.
    main = page.get_by_test_id("stMain")
    overflow = main.evaluate("e => e.scrollHeight - e.clientHeight")
    assert overflow <= 60, f"the slide is {overflow} px taller than the window"

    link = footer.locator("a")
    href = link.get_attribute("href") or ""
    assert "country=KAZ" in href, href
    assert "as_of=2026-03-01" in href, href
    assert "view=briefing" in href, href
    wait_idle(page)
    assert slide.page_errors == [], slide.page_errors
    assert slide.console_errors == [], slide.console_errors


@pytest.mark.parametrize(
    "query",
    ["?view=briefing&since=2026-02-19", "?view=briefing&country=XYZ,Q1,Q2,KAZ&since=2030-01-01"],
    ids=["what-changed", "three-notices"],
)
def test_the_footer_stays_on_the_slide_with_changes_or_notices(
    slide: Browsing, app_server: Server, query: str
) -> None:
    # The footer says what the slide is: a long list of changes or a few notices must not push
    # it below the 720 px frame, or a screenshot of the slide loses its sources and date.
    page = slide.new_page()
    page.goto(f"{app_server.url}/{query}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, plots=1, deck="since=2026" not in query)
    footer = page.locator(".brief-footer")
    expect(footer).to_contain_text("Sources:")
    box = footer.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= SLIDE["height"], f"the footer ends below the slide: {box}"


def test_the_back_button_does_not_cover_the_footer(slide: Browsing, app_server: Server) -> None:
    # The briefing's CSS sets the block gap to 0.5rem; Streamlit's markdown keeps a -1rem
    # bottom margin. Unless the page makes up for it, the "Back to the full dashboard" button
    # rides 8 px up over the last footer line and hides the start of the "Reopen this view" link.
    page = slide.new_page()
    open_briefing(page, app_server)
    footer = page.locator(".brief-footer").bounding_box()
    button = page.locator(".st-key-leave-briefing button").bounding_box()
    assert footer is not None
    assert button is not None
    assert button["y"] >= footer["y"] + footer["height"], (footer, button)


def test_the_briefing_footer_says_how_fresh_the_data_is(
    slide: Browsing, app_server: Server
) -> None:
    page = slide.new_page()
    open_briefing(page, app_server)
    footer = page.locator(".brief-footer")
    expect(footer).to_contain_text("Sources reviewed through")
    expect(footer).to_contain_text(freshness_text(BUNDLED.review, BUNDLED.latest))
    # On its first line, beside the title and the date, and in bold.
    first_line = footer.inner_text().splitlines()[0]
    assert "Sources reviewed through" in first_line, footer.inner_text()
    expect(footer.locator("b", has_text="Sources reviewed through")).to_be_visible()
    wait_idle(page)
    assert slide.page_errors == [], slide.page_errors


def test_the_back_button_leaves_the_briefing(slide: Browsing, app_server: Server) -> None:
    page = slide.new_page()
    open_briefing(page, app_server)
    page.get_by_role("button", name="Back to the full dashboard").click()
    page.wait_for_url(re.compile(r"^(?!.*view=briefing)"), timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("h1").first).to_contain_text("International Stabilization Force")
    wait_idle(page)
    assert "country=KAZ" in page.url
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.locator(".brief-footer")).to_have_count(0)
    wait_for_section(page, "overview")  # the dashboard is back, on its default section


def test_the_briefing_map_frames_the_countries_shown(slide: Browsing, app_server: Server) -> None:
    # The dashboard's map shows the world unless asked (map=fit); a slide frames the countries
    # it shows, unless the link asks for Gaza close up.
    page = slide.new_page()
    open_briefing(page, app_server)
    text = tooltip_showing(page, "Kazakhstan")
    assert "Kazakhstan" in text, f"the slide's map is not framed on Kazakhstan: {text!r}"

    open_briefing(page, app_server, BRIEFING_QUERY + "&map=gaza")
    assert "map=gaza" in page.url, page.url
    cmcc = read_places().set_index("id").loc["cmcc"]
    name = str(cmcc["name"])
    text = tooltip_showing(page, name, (float(cmcc["lat"]), float(cmcc["lon"])), "gaza")
    assert name in text, f"no CMCC where the Gaza close-up puts it: {text!r}"
    wait_idle(page)
    assert slide.page_errors == [], slide.page_errors
    assert slide.console_errors == [], slide.console_errors


# ---------------------------------------------------------------------------------------------
# (b) The CSV download
# ---------------------------------------------------------------------------------------------


def test_the_csv_download_neutralises_formulas(
    page: Page, browsing: Browsing, formula_server: Server, tmp_path: Path
) -> None:
    # The table and its download are in the Statements section; a link opens it.
    page.goto(f"{formula_server.url}/?section=statements", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page, plots=0, deck=False)
    wait_for_section(page, "statements")
    button = page.get_by_role("button", name="Download these rows as CSV")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=RENDER_TIMEOUT_MS) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"isf-commitments-{NEWEST.isoformat()}.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()

    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    comments = [line for line in lines if line.startswith("# ")]
    assert comments[0] == (
        f"# ISF commitments as of {NEWEST.isoformat()}; filters: all countries, roles and statuses."
    )
    # The copy has no review.toml beside it, and the file says so.
    assert comments[1] == f"# {freshness_text(Review(), NEWEST)}."
    assert comments[1].startswith("# Review date not recorded · latest statement ")
    assert comments[2].startswith("# Exported ")
    assert "Cite as:" in comments[2]
    assert lines[: len(comments)] == comments  # the comments come first
    body = "\n".join(lines[len(comments) :])
    rows = {row["ID"]: row for row in csv.DictReader(io.StringIO(body, newline=""))}
    assert rows[LATEST_IDS[0]]["Note"] == "'" + HYPERLINK
    assert rows[LATEST_IDS[0]]["Note"] == '\'=HYPERLINK("http://x","y")'
    assert rows[LATEST_IDS[-1]]["Speaker"] == "'" + DDE
    assert rows[LATEST_IDS[-1]]["Speaker"] == "'+cmd|' /C calc'!A0"
    # No other cell starts like a formula.
    risky = [
        (row_id, column, value)
        for row_id, row in rows.items()
        for column, value in row.items()
        if value.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]
    assert risky == []
    assert browsing.page_errors == [], browsing.page_errors


# ---------------------------------------------------------------------------------------------
# (c) to (e) The snapshot command
# ---------------------------------------------------------------------------------------------


def test_snapshot_writes_a_png_of_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "kaz.png"
    result = snapshot(
        "--out", str(out), "--country", "KAZ", "--as-of", "2026-03-01",
        "--width", "1600", "--height", "900",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Starting the dashboard" in result.stderr
    assert "Rendering http://127.0.0.1:" in result.stderr
    assert "country=KAZ" in result.stderr
    assert f"Wrote {out} (1600x900 PNG" in result.stderr
    assert result.stdout == ""

    assert_a_picture(out.read_bytes(), (1600, 900))


def assert_a_picture(data: bytes, size: tuple[int, int]) -> None:
    """`data` is a PNG of `size` with something drawn on it, not a blank page."""
    assert png_size(data) == size
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == size
    total = image.width * image.height
    colours = image.getcolors(maxcolors=total) or []
    assert len(colours) > 50, f"only {len(colours)} colours: a blank image?"
    top_count, top_colour = max(colours)
    white = dict((c, n) for n, c in colours).get((255, 255, 255), 0)
    assert white / total < 0.90, f"white covers {white / total:.0%}"
    assert top_count / total < 0.90, f"{top_colour} covers {top_count / total:.0%}"


@pytest.mark.parametrize(
    "size", [(MAX_WIDTH, MAX_HEIGHT), (MIN_WIDTH, MIN_HEIGHT)], ids=["largest", "smallest"]
)
def test_snapshot_draws_the_briefing_at_the_size_bounds(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # The bounds --help promises are sizes the renderer really draws, not a white page.
    out = tmp_path / "bound.png"
    width, height = size
    result = snapshot(
        "--out", str(out), "--country", "KAZ", "--as-of", "2026-03-01",
        "--width", str(width), "--height", str(height),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_a_picture(out.read_bytes(), size)


def test_snapshot_writes_a_pdf_of_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "since.pdf"
    result = snapshot("--out", str(out), "--since", "2026-02-19")
    assert result.returncode == 0, result.stderr
    assert "since=2026-02-19" in result.stderr
    assert f"Wrote {out} (1920x1080 PDF" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1  # one page
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box, "no page size in the PDF"
    width, height = (float(v) for v in box.groups())
    assert width == pytest.approx(1920 * 0.75, abs=1)  # CSS pixels to points
    assert height == pytest.approx(1080 * 0.75, abs=1)


def test_snapshot_without_a_browser_says_how_to_get_one(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = snapshot("--out", str(out), CHROMIUM_PATH="/nonexistent")
    assert result.returncode == 2, result.stderr
    assert "apt-get install chromium" in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_snapshot_with_a_chromium_path_that_is_no_browser_fails_cleanly(tmp_path: Path) -> None:
    # find_browser accepts any existing path (a directory here), and _render launches the
    # browser outside its `try ... except PlaywrightError`, so the launch error escapes as a
    # traceback ("BrowserType.launch: Failed to launch: Error: spawn ... EACCES").
    out = tmp_path / "x.png"
    result = snapshot("--out", str(out), CHROMIUM_PATH=str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert re.search(r"^error: ", result.stderr, re.MULTILINE), result.stderr[-2000:]
    assert not out.exists()
