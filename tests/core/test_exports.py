"""Exports: the CSV cannot run as a formula, and chart images explain themselves.

The image tests render with kaleido in the system Chromium, so they are marked `browser`.
"""

from __future__ import annotations

import csv
import io
import struct
from datetime import date
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.exports import captioned, export_csv, export_header, figure_image
from dashboard.core.language import speaking
from dashboard.core.statements import TABLE_COLUMNS
from dashboard.core.text import spreadsheet_safe

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SYSTEM_CHROMIUM = "/usr/bin/chromium"

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
FORMULAS = [
    HYPERLINK,
    DDE,
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


# --- the CSV ---------------------------------------------------------------------------------


def _table(**cells: str) -> pd.DataFrame:
    """A one-row statements table, every column "x" except those given."""
    row = {column: "x" for column in TABLE_COLUMNS}
    for name, value in cells.items():
        row[name.replace("_", " ").title()] = value
    return pd.DataFrame([row], columns=TABLE_COLUMNS)


def _split(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The comment lines and the rows of an exported file (cells may hold line breaks)."""
    comments = []
    while text.startswith("#"):
        line, text = text.split("\r\n", 1)
        comments.append(line)
    return comments, list(csv.DictReader(io.StringIO(text, newline="")))


FRESHNESS = "Sources reviewed through 2 Dec 2026 · latest statement 17 Mar 2026"


def described(filters_text: str, sources: str = "Sources: Baq.kz", freshness: str = FRESHNESS):
    """What a picture says about itself, as the exports read it (a `Picture` says the same)."""
    return SimpleNamespace(
        when=date(2026, 3, 1), filters_text=filters_text, sources=sources, freshness=freshness
    )


HEADER = export_header(described("countries: Kazakhstan"), date(2026, 3, 18), "commitments.csv")


def test_the_citation_names_the_file_that_was_loaded():
    header = export_header(described("all"), date(2026, 3, 18), "mine.csv")
    cite = next(line for line in header if "Cite as:" in line)
    assert cite.endswith("(mine.csv).")
    assert "data/commitments.csv" not in "\n".join(header)


@pytest.mark.parametrize("value", FORMULAS, ids=repr)
def test_a_formula_cell_gets_an_apostrophe_and_keeps_its_text(value):
    comments, rows = _split(export_csv(_table(note=value, speaker=value), HEADER))
    assert len(comments) == len(HEADER)
    [row] = rows
    assert row["Note"] == "'" + value
    assert row["Speaker"] == "'" + value
    assert row["Country"] == "x"


def test_the_hyperlink_and_dde_payloads_exactly():
    text = export_csv(_table(note=HYPERLINK, speaker=DDE), HEADER)
    _, [row] = _split(text)
    assert row["Note"] == '\'=HYPERLINK("http://x","y")'
    assert row["Speaker"] == "'+cmd|' /C calc'!A0"
    # In the file itself the quotes are CSV-doubled inside a quoted cell.
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in text


@pytest.mark.parametrize(
    "value",
    ["plain text", "a = b", "1,000 troops", "up to 8,000", "2026-02-19", " =not first", ""],
    ids=repr,
)
def test_other_cells_are_unchanged(value):
    _, [row] = _split(export_csv(_table(note=value), HEADER))
    assert row["Note"] == value


def test_numbers_stay_numbers_and_dates_are_iso():
    frame = pd.DataFrame({"Date": [pd.NaT, date(2026, 3, 1)], "Count": [-5, 12]})
    _, rows = _split(export_csv(frame, []))
    assert rows == [
        {"Date": "", "Count": "-5"},  # a number, not text: no apostrophe
        {"Date": "2026-03-01", "Count": "12"},
    ]


def test_a_missing_text_cell_is_blank_not_nan():
    # pandas 3 stores text as the str dtype, whose missing value is a float NaN: a missing text
    # cell must be written blank, not passed through as the number "nan".
    frame = pd.DataFrame({"Note": ["a", None], "Quote": [None, "b"]})
    _, rows = _split(export_csv(frame, []))
    assert rows == [{"Note": "a", "Quote": ""}, {"Note": "", "Quote": "b"}]


def test_a_carriage_return_inside_a_cell_stays_in_its_row():
    # The loader keeps a bare carriage return inside a quote. csv.writer (Python 3.11) quotes a
    # field only for the characters of its lineterminator: with "\n" alone, "first\rsecond"
    # would go out unquoted and every CSV reader would split the row in two at the \r.
    text = export_csv(_table(quote="first\rsecond", note="\r=1+1"), HEADER)
    _, rows = _split(text)
    assert len(rows) == 1, rows
    assert rows[0]["Quote"] == "first\rsecond"
    assert rows[0]["Note"] == "'\r=1+1"


def test_header_lines_are_comments_that_say_what_the_file_is():
    text = export_csv(_table(), HEADER)
    lines = text.splitlines()
    assert lines[: len(HEADER)] == ["# " + line for line in HEADER]
    assert lines[0] == "# ISF commitments as of 2026-03-01; filters: countries: Kazakhstan."
    assert lines[1] == "# Sources reviewed through 2 Dec 2026 · latest statement 17 Mar 2026."
    assert lines[2].startswith("# Exported 2026-03-18. Cite as:")
    assert lines[len(HEADER)] == ",".join(TABLE_COLUMNS)


def test_a_header_line_with_line_breaks_stays_one_comment_line():
    text = export_csv(_table(), ["as of\n=cmd\r\nnext", "second"])
    assert text.splitlines()[:2] == ["# as of =cmd next", "# second"]


def test_the_csv_round_trips_with_the_csv_module():
    table = pd.DataFrame(
        [
            {c: f"{c} 1" for c in TABLE_COLUMNS},
            {
                **{c: "" for c in TABLE_COLUMNS},
                "Quote": 'He said "yes", then\nno',
                "Note": "comma, quote \" and ' apostrophe",
                "Speaker": HYPERLINK,
            },
        ],
        columns=TABLE_COLUMNS,
    )
    comments, rows = _split(export_csv(table, HEADER))
    assert comments == ["# " + h for h in HEADER]
    assert len(rows) == 2
    assert list(rows[0]) == TABLE_COLUMNS
    assert rows[0] == {c: f"{c} 1" for c in TABLE_COLUMNS}
    assert rows[1]["Quote"] == 'He said "yes", then\nno'
    assert rows[1]["Note"] == "comma, quote \" and ' apostrophe"
    assert rows[1]["Speaker"] == "'" + HYPERLINK


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("x=1", "x=1"),
        (" =1", " =1"),
        ("'=1", "'=1"),
        ("", ""),
        (-1, -1),
        (1.5, 1.5),
        (None, None),
    ],
    ids=repr,
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


# --- captioned figures -----------------------------------------------------------------------


def _figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=[3, 5], y=["a", "b"], orientation="h"))
    fig.update_layout(margin=dict(b=40), height=300)
    return fig


def _caption(fig: go.Figure | None = None) -> go.Figure:
    return captioned(
        fig or _figure(),
        "Planned <script>alert(1)</script>",
        described(
            "countries: Kazakhstan <img src=x onerror=alert(1)>",
            "Sources: Baq.kz & <b>A News</b>",
            "Sources reviewed through 2 Dec 2026 <i>·</i> latest statement 17 Mar 2026",
        ),
    )


def _texts(fig: go.Figure) -> str:
    return "\n".join([str(fig.layout.title.text)] + [str(a.text) for a in fig.layout.annotations])


def test_captioned_bakes_in_title_date_filters_and_sources():
    fig = _caption()
    title = str(fig.layout.title.text)
    assert "Planned" in title
    assert "As of 1 March 2026" in title
    assert "countries: Kazakhstan" in title
    [note] = fig.layout.annotations
    assert note.text.startswith("Sources: Baq.kz &amp; ")
    assert "Sources reviewed through 2 Dec 2026" in note.text
    assert "unknown numbers are shown as unknown, never as zero" in note.text
    assert (note.xref, note.yref) == ("paper", "paper")
    # The bottom margin grows to make room for the sources line.
    assert fig.layout.margin.b == 110  # max(40, 60) + 50
    assert fig.layout.margin.t == 90


def test_captioned_escapes_markup_in_every_text():
    texts = _texts(_caption())
    assert "<script" not in texts
    assert "<img" not in texts
    assert "<b>A News" not in texts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts
    assert "&lt;img src=x onerror=alert(1)&gt;" in texts
    assert "&lt;b&gt;A News&lt;/b&gt;" in texts
    assert "<i>" not in texts
    assert "&lt;i&gt;·&lt;/i&gt;" in texts


def test_captioned_leaves_the_original_figure_alone():
    original = _figure()
    before = original.to_json()
    _caption(original)
    assert original.to_json() == before
    assert not original.layout.annotations


def test_captioned_keeps_a_larger_bottom_margin():
    fig = _figure()
    fig.update_layout(margin=dict(b=120))
    assert _caption(fig).layout.margin.b == 170


# --- the image's arguments ------------------------------------------------------------------


def test_figure_image_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown image format 'gif'"):
        figure_image(_figure(), "gif", SYSTEM_CHROMIUM)


def test_figure_image_with_a_missing_browser_says_so(tmp_path):
    with pytest.raises(ValueError, match="is not a browser kaleido can start"):
        figure_image(_figure(), "png", str(tmp_path / "missing"))


# --- rendering (kaleido in the system Chromium) ----------------------------------------------


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE, png[:16]
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@pytest.mark.browser
def test_figure_image_renders_a_png_at_twice_the_size():
    png = figure_image(_caption(), "png", SYSTEM_CHROMIUM, width=640, height=360)
    assert _png_size(png) == (1280, 720)  # PNGs are rendered at scale 2
    assert len(png) > 5_000


@pytest.mark.browser
def test_figure_image_takes_the_height_from_the_figure():
    png = figure_image(_figure(), "png", SYSTEM_CHROMIUM, width=500)
    assert _png_size(png) == (1000, 600)  # layout height 300, at scale 2


@pytest.mark.browser
def test_figure_image_renders_an_svg_with_the_escaped_title():
    svg = figure_image(_caption(), "svg", SYSTEM_CHROMIUM, width=640, height=360).decode("utf-8")
    assert svg.startswith("<svg")
    assert 'width="640"' in svg
    assert 'height="360"' in svg
    assert "Planned" in svg
    assert "As of 1 March 2026" in svg
    assert "Sources: Baq.kz" in svg
    assert "Sources reviewed through 2 Dec 2026" in svg
    assert "<script" not in svg
    assert "<img" not in svg
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in svg


@pytest.mark.browser
def test_figure_image_uses_the_browser_it_is_given_over_a_stale_browser_path(monkeypatch):
    # kaleido's own variable, left from another install, must not win over the path passed
    # in: it would fail with "Kaleido requires Google Chrome" and advise a download.
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    png = figure_image(_figure(), "png", SYSTEM_CHROMIUM, width=320, height=200)
    assert _png_size(png) == (640, 400)


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n"], ids=repr)
def test_a_line_break_inside_a_cell_cannot_start_a_new_row_with_a_formula(breaker):
    # A spreadsheet reads a quoted cell whole: the text after the break stays in the cell.
    value = f'harmless{breaker}=HYPERLINK("http://x","y")'
    text = export_csv(_table(note=value), HEADER)
    _, rows = _split(text)
    assert len(rows) == 1
    assert rows[0]["Note"] == value
    assert rows[0]["Country"] == "x"


@pytest.mark.parametrize(("lang", "side", "edge"), [("en", "left", 0), ("ar", "right", 1)])
def test_a_caption_reads_from_the_side_its_language_starts(lang, side, edge):
    # An Arabic chart is mirrored; its title and sources line are anchored on the right too.
    with speaking(lang):
        fig = _caption()
    [note] = fig.layout.annotations
    assert (fig.layout.title.xanchor, fig.layout.title.x) == (side, edge)
    assert (note.xanchor, note.x, note.align) == (side, edge, side)
    # Each line embedded right to left in Arabic (U+202B ... U+202C), so mixed text keeps order.
    assert ("\u202b" in str(note.text)) == (lang == "ar")
    assert "&lt;script&gt;" in str(fig.layout.title.text)
