"""The snapshot's PDF: the PNG on one page of the same proportions, made by Pillow alone."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from PIL import Image

from dashboard import snapshot


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (11, 83, 148, 255)).save(out, "PNG")
    return out.getvalue()


def _pages_and_box(pdf: bytes) -> tuple[int, tuple[float, float]]:
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no page size in the PDF"
    width, height = (float(v) for v in box.groups())
    return pages, (width, height)


@pytest.mark.parametrize("size", [(1920, 1080), (320, 180), (3840, 2160), (1000, 1500)])
def test_the_pdf_is_one_page_of_the_png_s_proportions(size):
    pdf = snapshot.pdf_of(_png(*size))
    assert pdf.startswith(b"%PDF-")
    pages, (width, height) = _pages_and_box(pdf)
    assert pages == 1
    assert width / height == pytest.approx(size[0] / size[1], rel=1e-3)
    # One CSS pixel is 1/96 inch, 0.75 point: 1920x1080 makes a 1440x810 point page.
    assert width == pytest.approx(size[0] * 72 / snapshot.PDF_DPI)


def test_the_pdf_starts_no_browser_or_process(monkeypatch):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the PDF must be made without starting a process")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr("playwright.sync_api.sync_playwright", refuse)
    pages, _ = _pages_and_box(snapshot.pdf_of(_png(640, 360)))
    assert pages == 1


def test_the_pdf_keeps_the_picture():
    # A JPEG inside the PDF, close to the original colour (quality 95, no subsampling).
    pdf = snapshot.pdf_of(_png(64, 36))
    start = pdf.index(b"\xff\xd8")
    end = pdf.index(b"\xff\xd9", start) + 2
    with Image.open(io.BytesIO(pdf[start:end])) as image:
        assert image.size == (64, 36)
        red, green, blue = image.convert("RGB").getpixel((32, 18))
    assert abs(red - 11) <= 3
    assert abs(green - 83) <= 3
    assert abs(blue - 148) <= 3


def test_the_old_names_are_still_there():
    # Other code (tests/core/test_serving.py) imports these from the snapshot module.
    from dashboard.browser import BROWSER_ARGS
    from dashboard.local_server import free_port, server_healthy

    assert snapshot.BROWSER_ARGS is BROWSER_ARGS
    assert snapshot.free_port is free_port
    assert snapshot.server_healthy is server_healthy
