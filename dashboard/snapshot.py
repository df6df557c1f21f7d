"""The snapshot command: render the briefing view in headless Chromium and save it as PNG or PDF."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shlex
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from dashboard.browser import BROWSER_ARGS, NoBrowser, require_browser
from dashboard.local_server import ServerNotStarted, free_port, local_server, server_healthy

# The layout is designed for 1280 CSS pixels wide; larger images scale it up, crisp.
DESIGN_WIDTH = 1280
# Image sizes, in pixels. The largest is a 4K screen, three times the design width: beyond
# it the same layout only grows, and Chromium here renders far larger (20000x11250 was
# checked). Below the smallest, a 16:9 thumbnail, the text cannot be read.
MIN_WIDTH, MAX_WIDTH = 320, 3840
MIN_HEIGHT, MAX_HEIGHT = 180, 2160
FORMATS = (".png", ".pdf")
# The PDF page is the image at a CSS pixel's size (1/96 inch), as a browser would print it:
# 1920x1080 makes a 16:9 page of 1440x810 points.
PDF_DPI = 96.0
# Pillow stores a colour image in a PDF as JPEG: at this quality, with no colour subsampling,
# the smallest text of the briefing stays sharp.
PDF_JPEG_QUALITY = 95
# The footer links back to the dashboard; a snapshot has no address of its own to give.
DASHBOARD_URL = "http://localhost:8501/"


class SnapshotError(RuntimeError):
    """The snapshot could not be made; the message says why."""


class UnusableOutput(SnapshotError):
    """The output file cannot be written there; the message names it, says why and what to do."""


def _shown(path: Path | str) -> str:
    """A path for a one-line message: control characters (a newline in a name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def check_output(out: Path) -> None:
    """Make sure `out` can take the snapshot, before the server and the browser are started.

    Raises:
        UnusableOutput: `out` is a folder, lacks .png or .pdf, is not in an existing folder,
            or cannot be written there.
    """
    # os.path answers False instead of raising when a folder on the way cannot be searched.
    if os.path.isdir(out):
        raise UnusableOutput(
            f"{_shown(out)} is a folder; give a file name ending in .png or .pdf, "
            f"such as {_shown(out / 'briefing.png')}"
        )
    if out.suffix.lower() not in FORMATS:
        raise UnusableOutput(f"{_shown(out)}: the output must end in .png or .pdf")
    if os.path.lexists(out) and not os.path.isfile(out):
        raise UnusableOutput(f"{_shown(out)} exists and is not a regular file; give a new name")
    folder = out.parent
    if not os.path.isdir(folder):
        for above in (folder, *folder.parents):
            if os.path.exists(above):
                if not os.path.isdir(above):
                    raise UnusableOutput(
                        f"{_shown(out)}: {_shown(above)} is a file, not a folder; "
                        "give a path inside an existing folder"
                    )
                break
        raise UnusableOutput(
            f"{_shown(out)}: the folder {_shown(folder)} does not exist; create it first "
            f"(mkdir -p {shlex.quote(_shown(folder))}) or give another folder"
        )
    if os.path.exists(out):
        # An existing file is overwritten in place, which needs no right to the folder.
        if not os.access(out, os.W_OK):
            raise UnusableOutput(
                f"{_shown(out)} cannot be overwritten (no write permission or a read-only "
                "disk); give another name or folder"
            )
        return
    try:
        # Creating a file is the one sure test: permissions, read-only disks, /proc, quotas.
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".snapshot-", suffix=out.suffix):
            pass
    except OSError as err:
        # A folder like /proc answers "no such file" to any new name: say what it means.
        reason = "it takes no new files" if err.errno == errno.ENOENT else err.strerror or err
        raise UnusableOutput(
            f"{_shown(out)}: cannot create a file in {_shown(folder)} ({reason}); "
            "give a folder you can write to"
        ) from err


def write_output(out: Path, data: bytes) -> None:
    """Write the finished snapshot to `out`; a failed write leaves no half-written file.

    Raises:
        UnusableOutput: the write failed (a full disk, a permission changed since the check).
    """
    try:
        handle = out.open("wb")
    except OSError as err:
        raise _unwritten(out, err) from err
    try:
        with handle:
            handle.write(data)
    except OSError as err:
        # Opening emptied the file: a half-written image is worse than none. Only a regular
        # file, though: /dev/full fails the same way and must stay.
        if os.path.isfile(out):
            with contextlib.suppress(OSError):
                out.unlink()
        raise _unwritten(out, err) from err


def _unwritten(out: Path, err: OSError) -> UnusableOutput:
    return UnusableOutput(
        f"{_shown(out)} could not be written ({err.strerror or err}); check the free space and "
        "the permissions there, or give another folder"
    )


def snapshot(
    out: Path,
    params: dict[str, list[str]],
    width: int = 1920,
    height: int = 1080,
    progress: Callable[[str], None] = print,
    timeout: float = 90.0,
) -> Path:
    """Render the briefing view for `params` and write it to `out` (.png or .pdf).

    Raises:
        UnusableOutput: `out` cannot take the file; checked first, and again when writing.
        NoBrowser: no Chromium-family browser is installed.
        SnapshotError: the size is out of bounds, or the server or the page failed; the
            message says how.
    """
    check_output(out)
    if not (MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT):
        raise SnapshotError(
            f"the image must be {MIN_WIDTH} to {MAX_WIDTH} pixels wide and {MIN_HEIGHT} to "
            f"{MAX_HEIGHT} high, not {width}x{height}"
        )
    suffix = out.suffix.lower()
    browser = require_browser()
    started = time.monotonic()
    progress("Starting the dashboard on 127.0.0.1 ...")
    try:
        with local_server(
            env={"DASHBOARD_URL": DASHBOARD_URL, **os.environ}, timeout=timeout
        ) as server:
            query = urlencode({**params, "view": ["briefing"]}, doseq=True)
            url = f"{server.url}/?{query}"
            progress(f"Rendering {url} in {browser} ...")
            image = _render(url, browser, width, height, timeout)
    except ServerNotStarted as err:
        raise SnapshotError(str(err)) from err
    data = image if suffix == ".png" else pdf_of(image)
    write_output(out, data)
    progress(
        f"Wrote {out} ({width}x{height} {suffix[1:].upper()}, {len(data) // 1024} KB) in "
        f"{time.monotonic() - started:.1f} s"
    )
    return out


def _launch(playwright: Any, browser: str) -> Any:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return playwright.chromium.launch(executable_path=browser, args=BROWSER_ARGS)
    except PlaywrightError as err:
        raise SnapshotError(f"{browser} could not be started as a browser: {err}") from err


def _render(url: str, browser: str, width: int, height: int, timeout: float) -> bytes:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    scale = width / DESIGN_WIDTH
    viewport = {"width": DESIGN_WIDTH, "height": round(height / scale)}
    with sync_playwright() as playwright:
        chromium = _launch(playwright, browser)
        try:
            page = chromium.new_page(viewport=viewport, device_scale_factor=scale)
            page.goto(url, timeout=timeout * 1000)
            page.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
            _wait_until_drawn(page, timeout)
            errors = page.locator("[data-testid='stAlertContentError']")
            if errors.count():
                raise SnapshotError(
                    "the dashboard shows an error instead of the briefing: "
                    + errors.first.inner_text()[:500]
                )
            # The way back to the dashboard is for people, not for slides.
            page.add_style_tag(content=".st-key-leave-briefing { display: none !important; }")
            return bytes(page.screenshot(type="png"))
        except PlaywrightError as err:
            raise SnapshotError(f"the browser could not render the page: {err}") from err
        finally:
            chromium.close()


def _wait_until_drawn(page: object, timeout: float) -> None:
    """Wait until the script has finished and every chart and the map are on screen."""
    wait = page.wait_for_function  # type: ignore[attr-defined]
    wait(
        """() => {
            const app = document.querySelector("[data-testid='stApp']");
            if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
            const alerts = document.querySelectorAll("[data-testid='stAlertContentError']");
            if (alerts.length) return true;
            const charts = document.querySelectorAll('.js-plotly-plot .main-svg');
            const decks = document.querySelectorAll("[data-testid='stDeckGlJsonChart']");
            const canvases = document.querySelectorAll(
                "[data-testid='stDeckGlJsonChart'] canvas");
            // The footer is drawn last; found by its class, since its words are in the
            // slide's language.
            const footer = document.querySelector('.brief-footer') !== null;
            return footer && charts.length >= 1 && canvases.length >= decks.length;
        }""",
        timeout=timeout * 1000,
        polling=250,
    )
    # The basemap fetches its outlines after its style and draws them from a worker, and
    # deck.gl draws a frame or two after its canvas appears: wait for the fetches to end,
    # then give the drawing time to settle.
    page.wait_for_load_state("networkidle", timeout=timeout * 1000)  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]


def pdf_of(png: bytes) -> bytes:
    """Wrap a PNG in a one-page PDF of the same proportions, the page sized at PDF_DPI.

    Printing the live page would drop the WebGL map, so the PDF carries the screenshot.
    """
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        # PDF has no alpha for a JPEG-coded image, and a screenshot has nothing see-through.
        rgb = image.convert("RGB")
    out = io.BytesIO()
    rgb.save(out, "PDF", resolution=PDF_DPI, quality=PDF_JPEG_QUALITY, subsampling=0)
    return out.getvalue()


__all__ = [
    "BROWSER_ARGS",
    "MAX_HEIGHT",
    "MAX_WIDTH",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "NoBrowser",
    "SnapshotError",
    "UnusableOutput",
    "check_output",
    "free_port",
    "pdf_of",
    "server_healthy",
    "snapshot",
    "write_output",
]
