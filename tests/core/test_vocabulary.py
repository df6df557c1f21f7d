"""Unit tests of the controlled vocabularies: statuses and their buckets, roles, wire agencies.

data/README.md is checked against these terms in test_data_docs.py, and the examples of
wire_agency from real credits are in test_loading.py; this module checks what the code itself
promises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest

from dashboard.core.vocabulary import (
    DATE_PRECISIONS,
    LADDER,
    MONEY_ROLES,
    ROLES,
    SOURCE_KINDS,
    SOURCE_STRENGTH,
    STATUSES,
    WIRE_AGENCIES,
    Term,
    holds,
    wire_agency,
)

VOCABULARIES: dict[str, Mapping[str, Term]] = {
    "roles": ROLES,
    "statuses": STATUSES,
    "source kinds": SOURCE_KINDS,
    "date precisions": DATE_PRECISIONS,
}

# The buckets decide how totals treat a status (README, "Statuses"): a status moved to another
# bucket changes every announced total, so the mapping is spelled out here in full.
BUCKETS = {
    "deployed": "counted",
    "committed": "counted",
    "offered": "counted",
    "conditional": "counted",
    "interest": "unconfirmed",
    "reported": "unconfirmed",
    "suspended": "stopped",
    "withdrawn": "stopped",
    "declined": "declined",
}


# --- terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VOCABULARIES)
def test_each_term_is_filed_under_its_own_id(name):
    assert all(key == term.id for key, term in VOCABULARIES[name].items())


@pytest.mark.parametrize("name", VOCABULARIES)
def test_ids_are_lowercase_words_joined_by_underscores(name):
    # Ids are written into CSV cells and URLs, and a role id becomes part of a row id with
    # its underscores turned into hyphens.
    assert [i for i in VOCABULARIES[name] if not re.fullmatch(r"[a-z]+(?:_[a-z]+)*", i)] == []


@pytest.mark.parametrize("name", VOCABULARIES)
def test_each_term_has_a_label_and_a_sentence_of_definition(name):
    for term in VOCABULARIES[name].values():
        assert term.label.strip() == term.label != "", term
        assert term.definition[:1].isupper(), term
        assert term.definition.endswith("."), term


@pytest.mark.parametrize("name", VOCABULARIES)
def test_labels_tell_terms_apart(name):
    # Legends and filters show labels only: two terms with one label could not be told apart.
    labels = [t.label.casefold() for t in VOCABULARIES[name].values()]
    assert len(set(labels)) == len(labels)


# --- statuses --------------------------------------------------------------------------------


def test_every_status_is_in_its_documented_bucket():
    assert {s.id: s.bucket for s in STATUSES.values()} == BUCKETS


@pytest.mark.parametrize("status", STATUSES)
def test_holds_is_false_exactly_for_stopped_and_declined(status):
    assert holds(status) is (status not in ("suspended", "withdrawn", "declined"))


def test_holds_rejects_an_unknown_status():
    # A typo must not quietly count as a held role.
    with pytest.raises(KeyError):
        holds("commited")


def test_strengths_order_statuses_without_ties():
    # The map marks a country by its strongest status; a tie would make that arbitrary.
    strengths = [s.strength for s in STATUSES.values()]
    assert len(set(strengths)) == len(strengths)


def test_the_ladder_climbs_in_strength_and_ends_counted():
    assert set(LADDER) <= set(STATUSES)
    strengths = [STATUSES[s].strength for s in LADDER]
    assert strengths == sorted(strengths)
    # Only the first rung, interest, stays out of the totals.
    assert [STATUSES[s].bucket for s in LADDER] == ["unconfirmed", "counted", "counted", "counted"]


def test_every_held_status_is_stronger_than_every_stopped_one():
    # The map marks a country by its strongest status: one held role must outrank a role it
    # suspended, withdrew or declined, or the marker would say it gives nothing.
    held = [s.strength for s in STATUSES.values() if holds(s.id)]
    not_held = [s.strength for s in STATUSES.values() if not holds(s.id)]
    assert min(held) > max(not_held)


# --- roles -----------------------------------------------------------------------------------


def test_money_roles_are_roles():
    assert set(MONEY_ROLES) <= set(ROLES)
    assert len(set(MONEY_ROLES)) == len(MONEY_ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_is_measured_in_money_exactly_when_its_definition_says_amounts(role):
    # The definition shown to users and the unit the totals use must agree.
    says_money = "amounts, not personnel" in ROLES[role].definition
    assert says_money is (role in MONEY_ROLES)


# --- source kinds ----------------------------------------------------------------------------


def test_every_source_kind_has_a_distinct_strength():
    assert set(SOURCE_STRENGTH) == set(SOURCE_KINDS)
    assert len(set(SOURCE_STRENGTH.values())) == len(SOURCE_STRENGTH)


def test_official_sources_win_ties_and_secondary_ones_lose_them():
    ranked = sorted(SOURCE_STRENGTH, key=SOURCE_STRENGTH.__getitem__, reverse=True)
    assert ranked == ["official", "wire", "media", "secondary"]


# --- wire agencies ---------------------------------------------------------------------------


def test_no_agency_is_listed_twice():
    assert len(set(WIRE_AGENCIES)) == len(WIRE_AGENCIES)


@pytest.mark.parametrize("agency", WIRE_AGENCIES)
def test_every_listed_agency_is_found_as_the_origin_of_a_credit(agency):
    # Short names that begin longer ones (AP, APA, APP; AFP, Agence France-Presse) must each
    # be read as themselves, with or without "The" and with or without a site.
    assert wire_agency(agency) == agency
    assert wire_agency(f"The {agency}") == agency
    assert wire_agency(f"{agency} via Example Daily") == agency


@pytest.mark.parametrize(
    ("outlet", "agency"),
    [
        ("APA via Report.az", "APA"),  # not AP, the shorter name it starts with
        ("APP via Dawn", "APP"),
        ("Agence France-Presse via France 24", "Agence France-Presse"),
        ("  Reuters via Arab News", "Reuters"),  # spaces around the origin do not matter
        ("Reuters  via Arab News", "Reuters"),
        ("Anadolu Agency (citing Franceinfo)", "Anadolu"),
        ("AP-NORC poll via Example Daily", None),  # a hyphen continues a name
        ("APTN via Example Daily", None),  # so does a letter
        ("Example Daily via Reuters", None),  # the agency is where it was read, not the origin
        ("Example Daily", None),
        ("", None),
    ],
)
def test_wire_agency_reads_only_a_whole_name_at_the_start_of_the_origin(outlet, agency):
    assert wire_agency(outlet) == agency
