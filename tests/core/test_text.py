"""Untrusted text made safe: markdown that makes no links or icons, notices that hide nothing."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.core.text import (
    html_text,
    markdown_text,
    notice_text,
    number_or_none,
    plotly_text,
    range_text,
)

JOINER = "\u2060"
HOSTILE = "see https://evil.example/x, www.evil.example and a@b.co :material/home: :smile:"
# What the renderer's plugins look for in text after the markdown is parsed: remark-gfm's
# autolink transform (mdast-util-gfm-autolink-literal), remark-emoji, Streamlit's icons.
# JavaScript's \w is ASCII, hence re.ASCII.
RENDERER_PATTERNS = (
    re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I | re.ASCII),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),
    re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII),
    re.compile(r":material/\w+:", re.ASCII),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def parsed(markdown: str) -> str:
    """The text the renderer's plugins see: markdown with its backslash escapes resolved."""
    return _ESCAPE.sub(r"\1", markdown)


# --- markdown_text ---------------------------------------------------------------------------


def test_markdown_text_breaks_links_icons_and_shortcodes():
    markdown = markdown_text(HOSTILE)
    for pattern in ("://", "www.", "@b", ":material", ":smile"):
        assert pattern not in markdown
        assert pattern not in parsed(markdown)
    assert parsed(markdown).replace(JOINER, "") == HOSTILE


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "HTTPS://EVIL.EXAMPLE/x",
        "(http://evil.example)",
        "WWW.Evil.Example/path",
        "mail first.last+tag@evil-mail.example.org",
        "mailto:a@b.co",
        ":+1: :-1: :100: :8ball: :red[x] :material/warning:",
        "a:smile:b",
    ],
)
def test_markdown_text_leaves_nothing_for_the_renderers_plugins(text):
    seen = parsed(markdown_text(text))
    for pattern in RENDERER_PATTERNS:
        assert not pattern.search(seen), (pattern.pattern, seen)
    assert seen.replace(JOINER, "") == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Kazakhstan", "Kazakhstan"),
        ("Kazakhstan: up to 8,000 (troops)", "Kazakhstan\\: up to 8,000 \\(troops\\)"),
        ("<b>*bold*</b> $1", "\\<b\\>\\*bold\\*\\</b\\> \\$1"),
        ("  two\n lines ", "two lines"),
        ("evil.example/x", "evil\\.example/x"),
        ("an @ sign", "an @ sign"),
    ],
)
def test_markdown_text_escapes_ordinary_text_as_before(text, markdown):
    assert markdown_text(text) == markdown


def test_markdown_text_of_nothing_is_empty():
    assert markdown_text(None) == ""
    assert markdown_text(float("nan")) == ""


def test_html_and_plotly_text_are_unchanged_by_the_markdown_fix():
    assert html_text(HOSTILE) == HOSTILE
    assert plotly_text(HOSTILE) == HOSTILE


# --- notice_text -----------------------------------------------------------------------------

BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")


@pytest.mark.parametrize("char", [*BIDI, "\u200e", "\u200f", "\u061c"])
def test_notice_text_shows_bidirectional_controls_as_markers(char):
    shown = notice_text(f"KAZ{char}NAK")
    assert shown == f"KAZ[U+{ord(char):04X}]NAK"


@pytest.mark.parametrize(
    ("char", "marker"),
    [
        ("\x00", "[U+0000]"),
        ("\n", "[U+000A]"),
        ("\t", "[U+0009]"),
        ("\x1b", "[U+001B]"),
        ("\x7f", "[U+007F]"),
        ("\x85", "[U+0085]"),
        ("\u200b", "[U+200B]"),
        ("\u2060", "[U+2060]"),
        ("\u2028", "[U+2028]"),
        ("\ufeff", "[U+FEFF]"),
        ("\U000e0041", "[U+E0041]"),
    ],
)
def test_notice_text_shows_other_hidden_characters_as_markers(char, marker):
    assert notice_text(f"a{char}b") == f"a{marker}b"


@pytest.mark.parametrize("text", ["Kazakhstan", "Türkiye", "São Tomé", "a b", "日本", "🇰🇿", ""])
def test_notice_text_keeps_visible_text_as_it_is(text):
    assert notice_text(text) == text


def test_notice_text_shortens_a_long_value():
    assert notice_text("x" * 60) == "x" * 60
    assert notice_text("x" * 61) == "x" * 60 + "…"
    assert notice_text("x" * 100_000) == "x" * 60 + "…"
    assert notice_text("abcdef", limit=3) == "abc…"


def test_notice_text_counts_markers_and_never_cuts_one():
    assert notice_text("\u202e" * 100) == "[U+202E]" * 7 + "…"
    assert notice_text("x" * 55 + "\u202e") == "x" * 55 + "…"


def test_notice_text_of_nothing_is_empty():
    assert notice_text(None) == ""
    assert notice_text(float("nan")) == ""


# --- numbers: known or unknown, and ranges in words ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "number"),
    [(None, None), (float("nan"), None), (pd.NA, None), (0, 0), (8000.0, 8000), (12, 12)],
)
def test_number_or_none_keeps_unknown_apart_from_zero(value, number):
    assert number_or_none(value) == number


@pytest.mark.parametrize(
    ("low", "high", "open_ended", "words"),
    [
        (None, None, 0, "none disclosed"),
        (5, None, 0, "none disclosed"),
        (None, 8000, 0, "up to 8,000"),
        (100, 150, 0, "100–150"),
        (5000, 9000, 0, "5,000–9,000"),
        (8000, 8000, 0, "8,000"),
        (0, 0, 0, "0"),
        (20000, 20000, 1, "20,000+"),
        (20000, 28000, 1, "20,000–28,000+"),
        (1000000000, 1000000000, 0, "1,000,000,000"),
        (pd.NA, 8000, 0, "up to 8,000"),
    ],
)
def test_range_text(low, high, open_ended, words):
    assert range_text({"low": low, "high": high, "open_ended": open_ended}) == words


def test_range_text_reads_a_bucket_by_its_prefix_and_open_ended_defaults_to_closed():
    row = {"low": 1, "high": 2, "stopped_low": None, "stopped_high": 300, "stopped_open_ended": 0}
    assert range_text({"low": 1, "high": 2}) == "1–2"
    assert range_text(row, "stopped_") == "up to 300"


def test_markdown_text_keeps_no_break_spaces_so_numbers_do_not_break():
    # Russian writes thousands and the year's abbreviation with no-break spaces.
    assert (
        markdown_text("20\u00a0000 к\n  1 мар. 2026\u202fг") == "20\u00a0000 к 1 мар\\. 2026\u202fг"
    )
