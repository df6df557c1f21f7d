"""Chart images for briefings: title, as-of date and source line baked in, rendered by kaleido."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from dashboard.core.text import long_date, plotly_text

IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


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


def figure_image(
    fig: go.Figure, fmt: str, browser: str, width: int = 1400, height: int | None = None
) -> bytes:
    """Render a figure as PNG or SVG bytes with kaleido, in the browser at path `browser`.

    The caller finds the browser (dashboard.browser.find_browser): this module reads no
    environment, and kaleido is told the path directly rather than through $BROWSER_PATH.

    Raises:
        ValueError: the format is not one of `IMAGE_FORMATS`, or `browser` is not a browser
            kaleido can start.
    """
    # Imported here: most runs of the page never render an image.
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}")
    options = {
        "format": fmt,
        "width": width,
        "height": height or int(fig.layout.height or 600),
        "scale": 2 if fmt == "png" else 1,
    }
    # The same call plotly's fig.to_image makes, plus the browser's path, which to_image
    # cannot pass: its only other way in is kaleido's environment variable.
    # kaleido's page would otherwise load MathJax from a CDN: no chart here uses LaTeX, and
    # nothing may reach the internet (plotly.js itself comes from the installed package).
    kaleido_options: dict[str, Any] = {"path": browser, "mathjax": False}
    try:
        image: bytes = kaleido.calc_fig_sync(fig.to_dict(), opts=options, kopts=kaleido_options)
    except ChromeNotFoundError as err:
        raise ValueError(f"{browser} is not a browser kaleido can start: {err}") from err
    return image
