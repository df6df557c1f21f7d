"""Country codes and names: ISO 3166-1 alpha-3 from pycountry, plus XKX for Kosovo."""

from __future__ import annotations

from functools import cache

import pycountry

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IMF and World Bank use.
EXTRA_COUNTRIES: dict[str, str] = {"XKX": "Kosovo"}

# pycountry's official names are long ("Iran, Islamic Republic of"); briefings want common ones.
SHORT_NAMES: dict[str, str] = {
    "ARE": "United Arab Emirates",
    "GBR": "United Kingdom",
    "USA": "United States",
    "PSE": "Palestine",
    "TUR": "Turkey",
    "RUS": "Russia",
    "IRN": "Iran",
    "SYR": "Syria",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "VNM": "Vietnam",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "LAO": "Laos",
    "TWN": "Taiwan",
    "COD": "DR Congo",
}


@cache
def _names() -> dict[str, str]:
    names = {
        c.alpha_3: SHORT_NAMES.get(c.alpha_3, getattr(c, "common_name", c.name))
        for c in pycountry.countries
    }
    names.update(EXTRA_COUNTRIES)
    return names


def is_known(iso3: str) -> bool:
    """Tell whether `iso3` is an ISO 3166-1 alpha-3 code or XKX (Kosovo)."""
    return iso3 in _names()


def country_name(iso3: str) -> str:
    """Return the common English name of a country code, or the code itself if unknown."""
    return _names().get(iso3, iso3)


def resolve_country(text: str) -> str | None:
    """Return the ISO3 code for a code or a name in any case, or None if nothing matches.

    Accepts "KAZ", "kaz", "Kazakhstan", "kosovo", "Turkey" or "Türkiye".
    """
    wanted = text.strip()
    if not wanted:
        return None
    if wanted.upper() in _names():
        return wanted.upper()
    folded = wanted.casefold()
    for code, name in _names().items():
        if name.casefold() == folded:
            return code
    try:
        return str(pycountry.countries.lookup(wanted).alpha_3)
    except LookupError:
        return None
