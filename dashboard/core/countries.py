"""Country codes and names: ISO 3166-1 alpha-3 from pycountry, plus XKX for Kosovo.

Names are said in the reader's language: pycountry's own translations (its gettext domain
"iso3166-1"), except for the names chosen here (SHORT_NAMES, EXTRA_COUNTRIES), which our
catalogs translate.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from dashboard.core.language import DEFAULT_LANGUAGE, LANGUAGES, N_, _, language, speaking

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IMF and World Bank use.
EXTRA_COUNTRIES: dict[str, str] = {"XKX": N_("Kosovo")}

# pycountry's official names are long ("Iran, Islamic Republic of"); briefings want common ones.
# They are translated by our catalogs, not pycountry's: its translations of these are long or
# missing (it has no Arabic for Türkiye, South Korea or Iran's common name).
SHORT_NAMES: dict[str, str] = {
    "ARE": N_("United Arab Emirates"),
    "GBR": N_("United Kingdom"),
    "USA": N_("United States"),
    "PSE": N_("Palestine"),
    "TUR": N_("Turkey"),
    "RUS": N_("Russia"),
    "IRN": N_("Iran"),
    "SYR": N_("Syria"),
    "KOR": N_("South Korea"),
    "PRK": N_("North Korea"),
    "VNM": N_("Vietnam"),
    "BOL": N_("Bolivia"),
    "VEN": N_("Venezuela"),
    "TZA": N_("Tanzania"),
    "MDA": N_("Moldova"),
    "LAO": N_("Laos"),
    "TWN": N_("Taiwan"),
    "COD": N_("DR Congo"),
}


@cache
def _names() -> dict[str, str]:
    """Every code's English name: what links, data files and the command line write."""
    names = {
        c.alpha_3: SHORT_NAMES.get(c.alpha_3, getattr(c, "common_name", c.name))
        for c in pycountry.countries
    }
    names.update(EXTRA_COUNTRIES)
    return names


@cache
def _names_in(lang: str) -> dict[str, str]:
    """Every code's name in a language, computed once per language."""
    if lang == DEFAULT_LANGUAGE:
        return _names()
    iso = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    ).gettext
    names: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        said = iso(common) if common else iso(c.name)
        if common and said == common:
            # No translation of the common name: the official one's, else the English name.
            official = iso(c.name)
            said = official if official != c.name else common
        names[c.alpha_3] = said
    with speaking(lang):
        for code, english in {**SHORT_NAMES, **EXTRA_COUNTRIES}.items():
            names[code] = _(english)
    return names


def is_known(iso3: str) -> bool:
    """Tell whether `iso3` is an ISO 3166-1 alpha-3 code or XKX (Kosovo)."""
    return iso3 in _names()


def country_name(iso3: str) -> str:
    """Return a country code's common name in the reader's language, or the code if unknown."""
    return _names_in(language()).get(iso3, iso3)


@cache
def _codes_by_name(lang: str) -> dict[str, str]:
    """Each folded name in a language to its code (the first code, if two share a name)."""
    codes: dict[str, str] = {}
    for code, name in _names_in(lang).items():
        codes.setdefault(name.casefold(), code)
    return codes


def resolve_country(text: str) -> str | None:
    """Return the ISO3 code for a code or a name in any case, or None if nothing matches.

    Accepts "KAZ", "kaz", "Kazakhstan", "kosovo", "Turkey" or "Türkiye", and the names the
    dashboard shows in its other languages ("Казахстан", "كازاخستان"), so a link or a command
    written in any of them works.
    """
    wanted = text.strip()
    if not wanted:
        return None
    if wanted.upper() in _names():
        return wanted.upper()
    folded = wanted.casefold()
    code = _codes_by_name(DEFAULT_LANGUAGE).get(folded)
    if code is not None:
        return code
    try:
        return str(pycountry.countries.lookup(wanted).alpha_3)
    except LookupError:
        pass
    for lang in LANGUAGES:
        code = _codes_by_name(lang).get(folded)
        if code is not None:
            return code
    return None
