"""Untrusted text made safe for HTML, markdown, notices and spreadsheets; numbers said in words."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.core.language import _, number
from dashboard.core.language import long_date as long_date
from dashboard.core.language import short_date as short_date
from dashboard.core.vocabulary import MONEY_ROLES

# CommonMark lets a backslash escape any ASCII punctuation; Streamlit also reads $ as maths.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=])")
# remark-gfm makes links of web addresses, www. names and e-mail addresses in text, and Streamlit
# draws :smile: as an emoji and :material/home: as an icon. Both run on the parsed text, after
# backslash escapes are resolved, so escaping cannot stop them. An invisible WORD JOINER inside
# each pattern does: after a colon before a letter, digit, +, - or / (shortcodes, icons, "://"),
# between "www" and ".", and after an "@" before a domain.
_WORD_JOINER = "\u2060"
_AUTOLINK_OR_SHORTCODE = re.compile(r"(?<=:)(?=[\w+\-/])|(?<=www)(?=\.)|(?<=@)(?=[\w\-])", re.I)
# Every kind of white space but the no-break ones (U+00A0, U+202F, U+2007, U+2060 is a joiner).
_FOLDED_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")
# Control and format characters are invisible, and the bidirectional ones (U+202E among them)
# reorder the text after them, so a notice could show a value reversed or hide part of it.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# A cell starting with one of these can run as a formula in Excel, LibreOffice or Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html_text(value: Any) -> str:
    """Escape a value for HTML text or attributes; None and NA become ""."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def plotly_text(value: Any) -> str:
    """Escape a value for plotly's pseudo-HTML (titles, hovers, annotations).

    Plotly draws only a few named entities, so quotes stay as they are: outside a tag they are
    harmless, and `&quot;` would be drawn literally.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def markdown_text(value: Any) -> str:
    """Escape a value so Streamlit's markdown shows it literally: no links, HTML, maths or icons."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    # Line breaks and runs of spaces fold to one space; no-break spaces stay, since Russian
    # writes thousands and the year's abbreviation with them, so a number never breaks apart.
    flat = _FOLDED_SPACE.sub(" ", str(value)).strip()
    joined = _AUTOLINK_OR_SHORTCODE.sub(_WORD_JOINER, flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", joined)


def notice_text(value: Any, limit: int = 60) -> str:
    """Make a value from a link fit to quote in a notice: hidden characters shown, length bounded.

    Each control or format character, bidirectional overrides such as U+202E among them, is
    shown as a marker like "[U+202E]", so the reader sees it was there; past `limit` characters
    the value is cut and ends in "…". The result is not escaped for any output.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    shown: list[str] = []
    length = 0
    for char in str(value):
        piece = f"[U+{ord(char):04X}]" if unicodedata.category(char) in _HIDDEN_CATEGORIES else char
        if length + len(piece) > limit:
            shown.append("…")
            break
        shown.append(piece)
        length += len(piece)
    return "".join(shown)


def spreadsheet_safe(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would run as a formula; keep it readable.

    A leading apostrophe is what spreadsheets themselves use to mark "this is text".
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def number_or_none(value: Any) -> int | None:
    """A whole number, or None where the value is unknown (None, NaN or pandas' NA)."""
    return None if value is None or pd.isna(value) else int(value)


def range_text(totals: Mapping[Any, Any], prefix: str = "") -> str:
    """Say announced totals as a range: "none disclosed", "up to 8,000", "100–150", "20,000+".

    Args:
        totals: holds `low`, `high` and `open_ended` (a summary entry, or a row of planned
            versus announced, whose other buckets are read with a prefix).
        prefix: "" for the counted total, else a bucket's prefix such as "stopped_".
    """
    low, high = number_or_none(totals[prefix + "low"]), number_or_none(totals[prefix + "high"])
    if high is None:
        return _("none disclosed")
    more = "+" if number_or_none(totals.get(prefix + "open_ended")) else ""
    if low is None:
        return _("up to {number}").format(number=number(high)) + more
    if low == high:
        return number(low) + more
    return f"{number(low)}–{number(high)}{more}"


def personnel_text(low: Any, high: Any, wording: str = "") -> str:
    """Say a statement's numbers: its own wording first, else the range, else "not disclosed"."""
    has_low, has_high = not pd.isna(low), not pd.isna(high)
    if wording:
        return wording
    if has_low and has_high:
        return number(int(low)) if low == high else f"{number(int(low))}–{number(int(high))}"
    if has_high:
        return _("up to {number}").format(number=number(int(high)))
    if has_low:
        return _("{number} or more").format(number=number(int(low)))
    return _("not disclosed")


def money_text(amount: Any, currency: str, wording: str = "") -> str:
    """Say a funding amount: "$1.2bn (USD 1,200,000,000)", the wording, or "not disclosed"."""
    if pd.isna(amount):
        return wording or _("not disclosed")
    exact = f"{currency} {number(int(amount))}"
    return f"{wording} ({exact})" if wording else exact


def number_text(row: dict[Any, Any]) -> str:
    """Say the number of one statement, money for funding rows, people otherwise."""
    if row["role"] in MONEY_ROLES:
        return money_text(row["amount"], row["currency"], row["number_wording"])
    return personnel_text(row["personnel_low"], row["personnel_high"], row["number_wording"])
