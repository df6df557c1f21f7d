"""The reader's language: translated messages from the gettext catalogs, dates and numbers by Babel.

Every sentence a person reads passes through `_` (or `ngettext` where it counts something);
text defined before a language is known (role names, section titles) is marked with `N_` and
translated where it is shown. The catalogs are the `.po` files under `dashboard/locales`, which a
translator edits without touching code; `scripts/catalogs.py` brings them up to date with the
code, and a test fails when a message lacks a translation or a catalog holds one no longer used.

The language is a context variable rather than an argument threaded through every builder:
Streamlit runs each session's script in its own thread, and the page and each command set it
once, with `speaking(lang)`, around everything they draw.
"""

from __future__ import annotations

import gettext as gettext_module
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

# The languages offered, each named in itself (as a picker shows them).
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "ar": "العربية"}
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT = frozenset({"ar"})
# British English: "1 March 2026", as the data and the briefings have always said it.
_BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "ar": "ar"}
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "dashboard"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """The code of the language being spoken now: "en", "ru" or "ar"."""
    return _language.get()


def is_right_to_left(lang: str | None = None) -> bool:
    """Tell whether a language (the current one by default) is written right to left."""
    return (lang or language()) in RIGHT_TO_LEFT


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block; an unknown code raises ValueError naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def catalog_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    """Where a language's catalog lives (English has none: its messages are the code's)."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> gettext_module.NullTranslations:
    """A language's catalog, read from its .po file and compiled in memory (no .mo to keep)."""
    path = catalog_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return gettext_module.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, so they fall back to English
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def _(message: str) -> str:
    """Translate a message into the current language (English where it has no translation)."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that counts something, in the plural form the language needs."""
    return _translations(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate a message whose words mean something else elsewhere ("Funding" as a column)."""
    return _translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for the catalogs without translating it yet (it is translated when shown)."""
    return message


def comma() -> str:
    """The separator of a list inside a sentence: ", ", or the Arabic comma in Arabic."""
    return "، " if is_right_to_left() else ", "


def babel_locale(lang: str | None = None) -> Locale:
    """The Babel locale that formats dates and numbers for a language."""
    return Locale.parse(_BABEL_LOCALES[lang or language()])


def number(value: float) -> str:
    """Say a number the language's way: "20,000", "20 000"; whole numbers without decimals."""
    return format_decimal(value, locale=babel_locale())


def long_date(day: date) -> str:
    """Say a date in full, the language's way: "1 March 2026" in English."""
    return format_date(day, "long", locale=babel_locale())


def short_date(day: date) -> str:
    """Say a date compactly, the language's way: "1 Mar 2026" in English."""
    if language() == DEFAULT_LANGUAGE:
        # Babel's British English abbreviates September "Sept"; every English date of the
        # dashboard, charts included, has always used three letters.
        return f"{day.day} {day:%b %Y}"
    return format_skeleton("yMMMd", day, locale=babel_locale())
