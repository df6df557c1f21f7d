"""Unit tests of country codes and names: ISO 3166-1 alpha-3, XKX for Kosovo, common names."""

from __future__ import annotations

import pycountry
import pytest

from dashboard.core.countries import (
    EXTRA_COUNTRIES,
    SHORT_NAMES,
    country_name,
    is_known,
    resolve_country,
)

ALPHA_3 = sorted(c.alpha_3 for c in pycountry.countries)


# --- is_known --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["KAZ", "IDN", "PSE", "XKX"])
def test_alpha_3_codes_and_kosovo_are_known(code):
    assert is_known(code)


@pytest.mark.parametrize(
    "code",
    [
        "kaz",  # the data file writes codes in capitals; the check must not fold case
        "KZ",  # alpha-2
        "398",  # numeric
        "Kazakhstan",
        "ZZZ",
        "XK",
        "",
        " KAZ",
    ],
)
def test_only_exact_alpha_3_codes_are_known(code):
    assert not is_known(code)


def test_every_iso_country_is_known():
    assert all(is_known(code) for code in ALPHA_3)


# --- country_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("XKX", "Kosovo"),
        ("KAZ", "Kazakhstan"),
        ("IDN", "Indonesia"),
        # pycountry's official names are long or dated; briefings want the common one.
        ("IRN", "Iran"),
        ("TUR", "Turkey"),
        ("COD", "DR Congo"),
        ("GBR", "United Kingdom"),
        ("PSE", "Palestine"),
    ],
)
def test_country_name_is_the_common_english_name(code, name):
    assert country_name(code) == name


@pytest.mark.parametrize("code", ["ZZZ", "kaz", ""])
def test_country_name_of_an_unknown_code_is_the_code_itself(code):
    # A table still shows something rather than failing on a code it cannot name.
    assert country_name(code) == code


@pytest.mark.parametrize("code", sorted(SHORT_NAMES))
def test_every_short_name_replaces_a_real_code(code):
    # A typo in a code would leave that country with pycountry's long name, unnoticed.
    assert code in ALPHA_3
    assert country_name(code) == SHORT_NAMES[code]


def test_kosovo_is_not_an_iso_code_it_would_shadow():
    assert not set(EXTRA_COUNTRIES) & set(ALPHA_3)


def test_no_two_countries_share_a_name():
    # Names are what charts put on their axes and what a reader types to pick a country.
    names = [country_name(code) for code in [*ALPHA_3, *EXTRA_COUNTRIES]]
    assert len(set(names)) == len(names)


# --- resolve_country -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The docstring's own examples.
        ("KAZ", "KAZ"),
        ("kaz", "KAZ"),
        ("Kazakhstan", "KAZ"),
        ("kosovo", "XKX"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        # Codes and names in any case, around spaces.
        ("xkx", "XKX"),
        ("KOSOVO", "XKX"),
        ("  Indonesia  ", "IDN"),
        ("united kingdom", "GBR"),
        # pycountry's names still work next to the common ones.
        ("Iran, Islamic Republic of", "IRN"),
        ("Republic of Kazakhstan", "KAZ"),
        ("United States of America", "USA"),
        # Alpha-2 codes, through pycountry's lookup.
        ("de", "DEU"),
        ("TR", "TUR"),
        # The common name decides before pycountry's: "Congo" is not "DR Congo".
        ("Congo", "COG"),
        ("DR Congo", "COD"),
    ],
)
def test_resolve_country_reads_codes_and_names(text, code):
    assert resolve_country(text) == code


@pytest.mark.parametrize("text", ["Atlantis", "ZZZ", "Korea", "", "   "])
def test_resolve_country_of_nothing_known_is_none(text):
    assert resolve_country(text) is None


def test_every_shown_name_resolves_back_to_its_code():
    # A reader who types the name a chart showed gets that country, and no other.
    resolved = {code: resolve_country(country_name(code)) for code in [*ALPHA_3, *EXTRA_COUNTRIES]}
    assert {code: got for code, got in resolved.items() if got != code} == {}
