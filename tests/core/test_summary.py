"""The summary dictionary the command line prints, and its plain-text rendering."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.core.review import Review
from dashboard.core.selection import Selection, picture_of
from dashboard.core.summary import summary, summary_text
from tests.factories import dataset_of

NONE_AT_ALL = {
    "low": None,
    "high": None,
    "contributors": 0,
    "with_number": 0,
    "undisclosed": 0,
    "open_ended": 0,
}


def summarise(
    commitments,
    targets,
    when=None,
    countries=(),
    roles=(),
    statuses=(),
    review=None,
    corrections=None,
):
    """The summary of a selection of these frames, as `python -m dashboard summary` makes it."""
    selection = Selection(tuple(countries), tuple(roles), tuple(statuses), when)
    return summary(picture_of(dataset_of(commitments, targets, review, corrections), selection))


@pytest.fixture
def commitments(make_commitments):
    return make_commitments(
        [
            {"country": "IDN", "role": "troops", "date": "2026-02-19", "personnel_high": "8000"},
            {"country": "KAZ", "role": "troops", "date": "2026-02-19"},
            {"country": "KAZ", "role": "medical", "date": "2026-02-19", "status": "offered"},
            {"country": "KAZ", "role": "troops", "date": "2026-03-04", "status": "withdrawn"},
            {"country": "XKX", "role": "troops", "date": "2026-02-20"},
            {
                "country": "GRC",
                "role": "troops",
                "date": "2026-02-15",
                "status": "reported",
                "personnel_low": "100",
                "personnel_high": "150",
            },
            {
                "country": "MAR",
                "role": "funding",
                "date": "2026-02-19",
                "amount": "1000000000",
                "currency": "USD",
            },
            {"country": "USA", "role": "troops", "date": "2026-02-19", "status": "declined"},
        ]
    )


@pytest.fixture
def targets(make_targets):
    return make_targets(
        [
            {
                "figure": "security_personnel",
                "label": "Security personnel",
                "value": "20000",
                "counts_roles": "troops",
            },
            {
                "figure": "police_to_train",
                "label": "Police to train",
                "value": "12000",
                "counts_roles": "police_training",
            },
            {
                "figure": "base_capacity",
                "label": "Base capacity",
                "value": "5000",
                "counts_roles": "",
            },
        ]
    )


def test_summary_keys(commitments, targets):
    data = summarise(commitments, targets)
    assert {
        "as_of",
        "reviewed_through",
        "latest_statement",
        "filters",
        "planned",
        "announced",
        "figures",
        "countries",
        "corrections",
    } <= set(data)


def test_without_a_review_file_there_is_no_review_date_and_no_correction(commitments, targets):
    data = summarise(commitments, targets)
    assert data["reviewed_through"] is None
    assert data["latest_statement"] == "2026-03-04"
    assert data["corrections"] == []


def test_summary_defaults_to_the_newest_statement(commitments, targets):
    data = summarise(commitments, targets)
    assert data["as_of"] == "2026-03-04"
    assert data["filters"] == {"country": [], "role": [], "status": [], "condition": []}
    assert data["planned"] == {
        "security_personnel": 20000,
        "police_to_train": 12000,
        "base_capacity": 5000,
    }
    assert data["statements_considered"] == 8


def test_summary_announced_per_role(commitments, targets):
    announced = summarise(commitments, targets)["announced"]
    assert list(announced) == ["troops", "medical", "funding"]
    assert announced["troops"] == {
        "unit": "personnel",
        "low": None,
        "high": 8000,
        "contributors": 2,
        "with_number": 1,
        "undisclosed": 1,
        "open_ended": 0,
        "unconfirmed": {
            "low": 100,
            "high": 150,
            "contributors": 1,
            "with_number": 1,
            "undisclosed": 0,
            "open_ended": 0,
        },
        "stopped": {
            "low": None,
            "high": None,
            "contributors": 1,
            "with_number": 0,
            "undisclosed": 1,
            "open_ended": 0,
        },
        "declined": {
            "low": None,
            "high": None,
            "contributors": 1,
            "with_number": 0,
            "undisclosed": 1,
            "open_ended": 0,
        },
    }
    assert announced["medical"]["unit"] == "personnel"
    assert (announced["medical"]["contributors"], announced["medical"]["undisclosed"]) == (1, 1)
    assert announced["medical"]["high"] is None
    assert announced["funding"]["unit"] == "USD"
    assert (announced["funding"]["low"], announced["funding"]["high"]) == (1000000000, 1000000000)


def test_summary_countries(commitments, targets):
    assert summarise(commitments, targets)["countries"] == [
        {
            "iso3": "GRC",
            "name": "Greece",
            "roles": {"troops": "reported"},
            "strongest_status": "reported",
        },
        {
            "iso3": "IDN",
            "name": "Indonesia",
            "roles": {"troops": "committed"},
            "strongest_status": "committed",
        },
        {
            "iso3": "KAZ",
            "name": "Kazakhstan",
            "roles": {"troops": "withdrawn", "medical": "offered"},
            "strongest_status": "offered",
        },
        {
            "iso3": "MAR",
            "name": "Morocco",
            "roles": {"funding": "committed"},
            "strongest_status": "committed",
        },
        {
            "iso3": "USA",
            "name": "United States",
            "roles": {"troops": "declined"},
            "strongest_status": "declined",
        },
        {
            "iso3": "XKX",
            "name": "Kosovo",
            "roles": {"troops": "committed"},
            "strongest_status": "committed",
        },
    ]


def test_summary_figures(commitments, targets):
    figures = {f["figure"]: f for f in summarise(commitments, targets)["figures"]}
    assert list(figures) == ["security_personnel", "police_to_train", "base_capacity"]
    security = figures["security_personnel"]
    assert security["planned"] == 20000
    assert security["roles"] == ["troops"]
    assert security["announced"] == {
        "low": None,
        "high": 8000,
        "contributors": 2,
        "with_number": 1,
        "undisclosed": 1,
        "open_ended": 0,
    }
    assert security["unconfirmed"]["high"] == 150
    assert security["stopped"]["contributors"] == 1
    assert security["declined"]["contributors"] == 1
    assert figures["police_to_train"]["announced"] == NONE_AT_ALL
    assert figures["base_capacity"]["roles"] == []
    assert figures["base_capacity"]["announced"] == NONE_AT_ALL


def test_summary_defaults_to_the_review_date(commitments, targets):
    # The data is known complete up to the review date, so the picture holds on that day.
    data = summarise(commitments, targets, review=Review(date(2026, 6, 1)))
    assert data["as_of"] == "2026-06-01"
    assert data["reviewed_through"] == "2026-06-01"
    assert data["latest_statement"] == "2026-03-04"
    assert data["statements_considered"] == 8


def test_summary_a_chosen_date_beats_the_review_date(commitments, targets):
    data = summarise(commitments, targets, when=date(2026, 2, 20), review=Review(date(2026, 6, 1)))
    assert data["as_of"] == "2026-02-20"
    assert data["reviewed_through"] == "2026-06-01"


def test_summary_lists_corrections_newest_first(commitments, targets, make_corrections):
    corrections = make_corrections(
        [
            {"date": "2026-03-05", "statement_id": "row-0"},
            {
                "date": "2026-03-09",
                "statement_id": "kaz-troops-old",
                "action": "removed",
                "what_changed": "removed: a duplicate",
                "why": "The same statement as row-3",
                "replaced_by": "row-3",
            },
            {"date": "2026-03-05", "statement_id": "row-1", "what_changed": "status"},
        ]
    )
    listed = summarise(commitments, targets, corrections=corrections)["corrections"]
    assert [(c["date"], c["statement_id"]) for c in listed] == [
        ("2026-03-09", "kaz-troops-old"),
        ("2026-03-05", "row-0"),  # on one date, in file order
        ("2026-03-05", "row-1"),
    ]
    assert listed[0] == {
        "date": "2026-03-09",
        "statement_id": "kaz-troops-old",
        "action": "removed",
        "what_changed": "removed: a duplicate",
        "why": "The same statement as row-3",
        "replaced_by": "row-3",
    }
    assert listed[1]["replaced_by"] is None


def test_summary_on_an_earlier_date(commitments, targets):
    data = summarise(commitments, targets, when=date(2026, 2, 19))
    assert data["as_of"] == "2026-02-19"
    assert data["statements_considered"] == 6
    kaz = [c for c in data["countries"] if c["iso3"] == "KAZ"]
    assert kaz[0]["roles"] == {"troops": "committed", "medical": "offered"}
    assert "XKX" not in [c["iso3"] for c in data["countries"]]
    assert data["announced"]["troops"]["contributors"] == 2  # IDN and KAZ
    assert data["announced"]["troops"]["undisclosed"] == 1


def test_summary_filtered_by_country(commitments, targets):
    data = summarise(commitments, targets, countries=["KAZ"])
    assert data["filters"]["country"] == ["KAZ"]
    assert [c["iso3"] for c in data["countries"]] == ["KAZ"]
    assert list(data["announced"]) == ["troops", "medical"]
    assert data["announced"]["troops"]["contributors"] == 0
    assert data["announced"]["troops"]["stopped"]["contributors"] == 1
    # The planned figures are the plan: filters do not change them.
    assert data["planned"]["security_personnel"] == 20000


def test_summary_filtered_by_role(commitments, targets):
    data = summarise(commitments, targets, roles=["troops"])
    assert list(data["announced"]) == ["troops"]
    assert [(c["iso3"], c["roles"]) for c in data["countries"]] == [
        ("GRC", {"troops": "reported"}),
        ("IDN", {"troops": "committed"}),
        ("KAZ", {"troops": "withdrawn"}),
        ("USA", {"troops": "declined"}),
        ("XKX", {"troops": "committed"}),
    ]


def test_summary_filtered_by_status(commitments, targets):
    data = summarise(commitments, targets, statuses=["committed"])
    assert [c["iso3"] for c in data["countries"]] == ["IDN", "MAR", "XKX"]


def test_summary_filtered_by_country_and_role(commitments, targets):
    data = summarise(commitments, targets, countries=["KAZ", "IDN"], roles=["medical"])
    assert data["countries"] == [
        {
            "iso3": "KAZ",
            "name": "Kazakhstan",
            "roles": {"medical": "offered"},
            "strongest_status": "offered",
        },
    ]


def test_summary_is_json_ready(commitments, targets):
    data = summarise(commitments, targets)
    assert json.loads(json.dumps(data)) == data


def test_summary_text_names_the_date_and_the_figures(commitments, targets):
    text = summary_text(summarise(commitments, targets))
    lines = text.splitlines()
    assert lines[0] == "ISF commitments as of 2026-03-04"
    assert lines[1] == "Review date not recorded; latest statement 2026-03-04"
    assert "Filters:" not in text
    assert "Corrections" not in text
    security = [line for line in lines if line.startswith("  Security personnel: ")]
    assert len(security) == 1
    assert security[0].startswith(
        "  Security personnel: plan 20,000; announced up to 8,000 "
        "from 2 contributor(s), 1 without a number; "
    )
    assert "  Base capacity: plan 5,000; no contribution counts toward it" in lines
    assert "  Funding: 1,000,000,000 USD; 1 contributor(s), 0 undisclosed" in lines
    assert "  XKX  Kosovo         troops: committed" in lines  # names padded to United States
    assert "  KAZ  Kazakhstan     troops: withdrawn, medical: offered" in lines
    assert "  (no statement matches these filters)" not in lines


def test_summary_text_for_a_filter_nothing_matches(commitments, targets):
    text = summary_text(
        summarise(commitments, targets, when=date(2026, 2, 20), countries=["FRA"], roles=["troops"])
    )
    lines = text.splitlines()
    assert lines[0] == "ISF commitments as of 2026-02-20"
    assert lines[2] == "Filters: country=FRA; role=troops"
    assert lines[-1] == "  (no statement matches these filters)"


def test_summary_text_says_the_review_date_and_the_corrections(
    commitments, targets, make_corrections
):
    corrections = make_corrections([{"date": "2026-03-05", "statement_id": "row-0"}])
    data = summarise(commitments, targets, review=Review(date(2026, 6, 1)), corrections=corrections)
    lines = summary_text(data).splitlines()
    assert lines[:2] == [
        "ISF commitments as of 2026-06-01",
        "Sources reviewed through 2026-06-01; latest statement 2026-03-04",
    ]
    assert lines[-2:] == [
        "Corrections to published statements: 1",
        "  2026-03-05  row-0 (corrected): personnel_high: 8000 to 5000",
    ]


def test_headline_without_troops_counts_countries_per_role_in_good_english():
    from dashboard.core.loading import read_commitments, read_targets
    from dashboard.core.picture import as_of, filter_statements, planned_vs_announced
    from dashboard.core.statements import headline

    commitments, targets = read_commitments(), read_targets()
    one = filter_statements(as_of(commitments, "2026-03-01"), ["KAZ"], ["medical"])
    assert headline(one, planned_vs_announced(one, targets)) == (
        "1 country in this view holds these roles: medical (1 country). "
        "Kazakhstan: Medical offered."
    )
