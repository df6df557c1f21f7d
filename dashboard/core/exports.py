"""Chart images for briefings: title, as-of date and source line baked in, rendered by kaleido."""

from __future__ import annotations

import os
import shutil
import warnings
from datetime import date

import plotly.graph_objects as go

from dashboard.core.text import long_date, plotly_text

IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class NoBrowser(RuntimeError):
    """No Chromium-family browser was found to render images with."""


def find_browser() -> str | None:
    """Return the path of a Chromium-family browser, or None.

    $CHROMIUM_PATH decides when set (a path that does not exist means "no browser"); then
    $BROWSER_PATH (kaleido's own variable), then /usr/bin/chromium and the usual names.
    """
    chosen = os.environ.get("CHROMIUM_PATH", "")
    if chosen:
        return chosen if _runnable(chosen) else None
    path = os.environ.get("BROWSER_PATH", "")
    if path and _runnable(path):
        return path
    if _runnable("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    for name in BROWSER_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def install_hint() -> str:
    """How to get a browser, for error messages."""
    return (
        "install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a "
        "Chromium or Chrome executable"
    )


def captioned(
    fig: go.Figure, title: str, as_of: date, filters_text: str, sources: str, freshness: str
) -> go.Figure:
    """Return a copy of `fig` that explains itself: title, date, filters, sources, freshness.

    `freshness` says how current the data is ("Sources reviewed through 2 Dec 2026 · …").
    Every text is escaped, since plotly reads a subset of HTML in titles and annotations.
    """
    out = go.Figure(fig)
    subtitle = f"As of {long_date(as_of)} · {filters_text}"
    out.update_layout(
        title=dict(
            text=f"<b>{plotly_text(title)}</b><br><span style='font-size:13px'>"
            f"{plotly_text(subtitle)}</span>",
            x=0,
            xanchor="left",
        ),
        margin=dict(t=90, b=max(int(out.layout.margin.b or 0), 60) + 50),
    )
    out.add_annotation(
        text=plotly_text(sources)
        + "<br>"
        + plotly_text(freshness)
        + " · ISF commitments tracker · unknown numbers are shown as unknown, never as zero",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(int(out.layout.margin.b) - 8),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=11, color="#444"),
    )
    return out


def figure_image(fig: go.Figure, fmt: str, width: int = 1400, height: int | None = None) -> bytes:
    """Render a figure as PNG or SVG bytes with kaleido and the system browser.

    Raises:
        NoBrowser: no Chromium-family browser is installed.
        ValueError: the format is not one of `IMAGE_FORMATS`.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}")
    browser = find_browser()
    if browser is None:
        raise NoBrowser(f"no browser to render images with: {install_hint()}")
    # kaleido reads BROWSER_PATH; set it each time so it follows CHROMIUM_PATH.
    os.environ["BROWSER_PATH"] = browser
    height = height or int(fig.layout.height or 600)
    with warnings.catch_warnings():
        # plotly warns that kaleido options are ignored when a kaleido server runs; harmless.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        image: bytes = fig.to_image(
            format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1
        )
    return image
