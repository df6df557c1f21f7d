"""What leaves the page: chart images and CSV files that explain themselves.

Images carry the title, the as-of date, the filters and the sources; CSV files carry the same in
comment lines, and none of their cells can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, Protocol

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.charts import right_to_left_text
from dashboard.core.language import N_, _, is_right_to_left
from dashboard.core.text import long_date, plotly_text, spreadsheet_safe

IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


class Described(Protocol):
    """What an export says about the picture it comes from (a `selection.Picture` says it)."""

    @property
    def when(self) -> date:
        """The as-of date."""

    @property
    def filters_text(self) -> str:
        """The filters in words."""

    @property
    def sources(self) -> str:
        """The outlets: "Sources: A, B and 3 more"."""

    @property
    def freshness(self) -> str:
        """How fresh the data is: "Sources reviewed through … · latest statement …"."""


# Said in the reader's language where shown: `_(CITATION)`.
CITATION = N_(
    "ISF commitments tracker: curated public statements on the International Stabilization "
    "Force for Gaza"
)


def captioned(fig: go.Figure, title: str, picture: Described) -> go.Figure:
    """Return a copy of `fig` that explains itself: title, date, filters, sources, freshness.

    Every text is escaped, since plotly reads a subset of HTML in titles and annotations.
    """
    out = go.Figure(fig)
    # The chart is mirrored already in a language written right to left; its caption reads
    # from the same side (the lines embedded right to left, so mixed text keeps its order).
    rtl = is_right_to_left()
    side, edge = ("right", 1) if rtl else ("left", 0)
    said = right_to_left_text if rtl else str
    # TRANSLATORS: under a chart's title: {date} is the as-of date, {filters} the filters.
    subtitle = _("As of {date} · {filters}").format(
        date=long_date(picture.when), filters=picture.filters_text
    )
    out.update_layout(
        title=dict(
            text=said(
                f"<b>{plotly_text(title)}</b><br><span style='font-size:13px'>"
                f"{plotly_text(subtitle)}</span>"
            ),
            x=edge,
            xanchor=side,
        ),
        margin=dict(t=90, b=max(int(out.layout.margin.b or 0), 60) + 50),
    )
    # TRANSLATORS: the last line under an exported chart; {freshness} says how fresh the data
    # is ("Sources reviewed through ... · latest statement ...").
    credit = _(
        "{freshness} · ISF commitments tracker · unknown numbers are shown as unknown, never as "
        "zero"
    ).format(freshness=picture.freshness)
    out.add_annotation(
        text=said(plotly_text(picture.sources) + "<br>" + plotly_text(credit)),
        xref="paper",
        yref="paper",
        x=edge,
        y=0,
        yshift=-(int(out.layout.margin.b) - 8),
        xanchor=side,
        yanchor="bottom",
        align=side,
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


def export_csv(table: pd.DataFrame, header: list[str]) -> str:
    """Write a table as CSV behind '#' comment lines; no cell can run as a formula.

    Args:
        table: the rows to export (as from `statement_table`).
        header: lines saying what the file is (as-of date, filters, citation).
    """
    out = io.StringIO()
    # RFC 4180 line endings: with them the csv module also quotes a cell holding a lone "\r".
    for line in header:
        out.write("# " + " ".join(line.split()) + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if isinstance(value, int | float):
        return value
    return spreadsheet_safe(str(value))


def export_header(picture: Described, today: date, data_file: str) -> list[str]:
    """The comment lines that make an exported file explain itself.

    `data_file` names the file the rows came from, as the page says it: the citation must
    name what was really loaded, not the bundled file's name.
    """
    return [
        _("ISF commitments as of {date}; filters: {filters}.").format(
            date=picture.when.isoformat(), filters=picture.filters_text
        ),
        f"{picture.freshness}.",
        # TRANSLATORS: {citation} is the tracker's name and description, {data_file} the name
        # of the data file the rows came from.
        _("Exported {date}. Cite as: {citation} ({data_file}).").format(
            date=today.isoformat(), citation=_(CITATION), data_file=data_file
        ),
        # TRANSLATORS: "Link" is the name of a column in the exported file, which stays in
        # English: keep the word Link as it is.
        _(
            "Each row is one public statement; the Link column gives its source. Blank numbers "
            "were not disclosed (never zero)."
        ),
    ]
