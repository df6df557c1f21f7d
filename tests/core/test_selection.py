"""The selection and the picture it makes: every figure a view shows, from one function."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.core.changes import changes_since
from dashboard.core.picture import as_of, filter_statements, planned_vs_announced
from dashboard.core.review import Review
from dashboard.core.selection import Selection, picture_of
from tests.factories import dataset_of

# Four countries over three dates. KAZ withdraws its troops on 4 March; GRC is only reported.
ROWS = [
    {
        "id": "idn-1",
        "country": "IDN",
        "role": "troops",
        "date": "2026-02-19",
        "personnel_high": "8000",
    },
    {"id": "kaz-1", "country": "KAZ", "role": "troops", "date": "2026-02-19"},
    {"id": "kaz-2", "country": "KAZ", "role": "medical", "date": "2026-02-19", "status": "offered"},
    {
        "id": "kaz-3",
        "country": "KAZ",
        "role": "troops",
        "date": "2026-03-04",
        "status": "withdrawn",
    },
    {"id": "xkx-1", "country": "XKX", "role": "troops", "date": "2026-02-20"},
    {
        "id": "grc-1",
        "country": "GRC",
        "role": "troops",
        "date": "2026-02-15",
        "status": "reported",
        "personnel_low": "100",
        "personnel_high": "150",
    },
]


@pytest.fixture
def commitments(make_commitments):
    return make_commitments(ROWS)


@pytest.fixture
def targets(make_targets):
    return make_targets(
        [
            {"figure": "security_personnel", "value": "20000", "counts_roles": "troops"},
            {"figure": "police_to_train", "value": "12000", "counts_roles": "police_training"},
        ]
    )


@pytest.fixture
def dataset(commitments, targets, make_corrections):
    corrections = make_corrections(
        [
            {"statement_id": "kaz-1", "date": "2026-03-05"},
            {"statement_id": "idn-1", "date": "2026-03-06", "action": "corrected"},
        ]
    )
    return dataset_of(commitments, targets, corrections=corrections)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


# --- Selection -----------------------------------------------------------------------------------


def test_narrows_ignores_the_dates():
    assert not Selection().narrows()
    assert not Selection(as_of=date(2026, 2, 20), since=date(2026, 2, 1)).narrows()
    assert Selection(countries=("KAZ",)).narrows()
    assert Selection(roles=("troops",)).narrows()
    assert Selection(statuses=("committed",)).narrows()


def test_describe_no_filter():
    assert Selection().describe() == "all countries, roles and statuses"
    assert Selection(as_of=date(2026, 2, 20)).describe() == "all countries, roles and statuses"


def test_describe_every_filter():
    selection = Selection(
        ("KAZ", "XKX"), ("police_training", "observers"), ("committed", "reported")
    )
    assert selection.describe() == (
        "countries: Kazakhstan, Kosovo; roles: Police training, Observers / CMCC liaison; "
        "statuses: Committed, Reported only"
    )


@pytest.mark.parametrize(
    ("selection", "words"),
    [
        (Selection(countries=("ARE",)), "countries: United Arab Emirates"),
        (Selection(roles=("troops",)), "roles: Troops"),
        (Selection(statuses=("interest", "declined")), "statuses: Expressed interest, Declined"),
    ],
)
def test_describe_one_filter(selection, words):
    assert selection.describe() == words


# --- the as-of date ------------------------------------------------------------------------------


def test_the_default_date_is_the_newest_statement(dataset):
    picture = picture_of(dataset, Selection())
    assert picture.when == picture.default == picture.latest == date(2026, 3, 4)


def test_the_default_date_is_the_review_date_when_it_is_later(commitments, targets):
    reviewed = dataset_of(commitments, targets, review=Review(date(2026, 6, 1)))
    picture = picture_of(reviewed, Selection())
    assert picture.when == picture.default == date(2026, 6, 1)
    assert picture.latest == date(2026, 3, 4)
    assert picture.freshness == "Sources reviewed through 1 Jun 2026 · latest statement 4 Mar 2026"


def test_a_chosen_date_beats_the_default(dataset):
    picture = picture_of(dataset, Selection(as_of=date(2026, 2, 19)))
    assert picture.when == date(2026, 2, 19)
    assert picture.default == date(2026, 3, 4)
    assert ids(picture.current) == ["grc-1", "idn-1", "kaz-1", "kaz-2"]


# --- current positions and figures: the same as the functions they come from ---------------------


SELECTIONS = [
    Selection(),
    Selection(as_of=date(2026, 2, 19)),
    Selection(countries=("KAZ",)),
    Selection(countries=("KAZ", "IDN"), roles=("troops",)),
    Selection(roles=("medical",)),
    Selection(statuses=("withdrawn",)),
    Selection(statuses=("committed", "reported"), as_of=date(2026, 2, 20)),
    Selection(countries=("FIN",)),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=repr)
def test_current_and_figures_equal_the_filtered_as_of_picture(dataset, selection):
    picture = picture_of(dataset, selection)
    expected = filter_statements(
        as_of(dataset.commitments, picture.when),
        selection.countries,
        selection.roles,
        selection.statuses,
    )
    pd.testing.assert_frame_equal(picture.current, expected)
    pd.testing.assert_frame_equal(picture.figures, planned_vs_announced(expected, dataset.targets))


def test_a_caller_may_hand_in_its_own_positions(dataset):
    asked = []

    def positions_on(day):
        asked.append(day)
        return as_of(dataset.commitments, day)

    picture = picture_of(dataset, Selection(countries=("KAZ",)), positions_on)
    assert asked == [date(2026, 3, 4)]
    assert ids(picture.current) == ["kaz-3", "kaz-2"]


def test_announced_per_role_keeps_stopped_roles_apart(dataset):
    announced = picture_of(dataset, Selection()).announced
    assert announced["troops"]["counted"].contributors == 2  # IDN, XKX
    assert announced["troops"]["stopped"].contributors == 1  # KAZ withdrew
    assert announced["troops"]["unconfirmed"].contributors == 1  # GRC reported
    assert announced["troops"]["counted"].high == 8000


# --- the statement count -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "count"),
    [
        (Selection(), 6),
        (Selection(as_of=date(2026, 2, 19)), 4),  # GRC's, IDN's and KAZ's first two
        (Selection(countries=("KAZ",)), 3),
        (Selection(countries=("KAZ",), roles=("medical",)), 1),
        (Selection(roles=("troops",)), 5),
        # A status filter picks positions, not statements: KAZ's withdrawal rests on both its
        # troop statements, and the count says so.
        (Selection(statuses=("withdrawn",)), 6),
        (Selection(countries=("FIN",)), 0),
    ],
    ids=repr,
)
def test_the_statement_count(dataset, selection, count):
    assert picture_of(dataset, selection).statement_count == count


# --- the history ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), ["kaz-3", "xkx-1", "idn-1", "kaz-1", "kaz-2", "grc-1"]),
        (Selection(as_of=date(2026, 2, 19)), ["idn-1", "kaz-1", "kaz-2", "grc-1"]),
        (Selection(countries=("KAZ",)), ["kaz-3", "kaz-1", "kaz-2"]),
        (Selection(countries=("KAZ",), roles=("troops",)), ["kaz-3", "kaz-1"]),
        # Unlike current positions, each statement is kept by its own status.
        (Selection(statuses=("committed",)), ["xkx-1", "idn-1", "kaz-1"]),
        (Selection(countries=("FIN",)), []),
    ],
    ids=repr,
)
def test_the_history_is_every_kept_statement_newest_first(dataset, selection, expected):
    assert ids(picture_of(dataset, selection).history) == expected


def test_one_countrys_statements_ignore_the_role_filter_but_not_the_date(dataset):
    picture = picture_of(dataset, Selection(roles=("medical",), as_of=date(2026, 3, 1)))
    assert sorted(ids(picture.statements_of("KAZ"))) == ["kaz-1", "kaz-2"]
    assert picture.statements_of("FIN").empty


# --- what changed --------------------------------------------------------------------------------


def test_no_since_means_no_changes_and_no_note(dataset):
    picture = picture_of(dataset, Selection())
    assert picture.changes is None
    assert picture.notes == []


@pytest.mark.parametrize("since", [date(2026, 3, 4), date(2026, 3, 10)])
def test_a_since_on_or_after_the_as_of_date_gives_a_note_not_changes(dataset, since):
    picture = picture_of(dataset, Selection(as_of=date(2026, 3, 4), since=since))
    assert picture.changes is None
    [note] = picture.notes
    assert note == (
        f"'What changed since' ({since.isoformat()}) must be before the as-of date "
        "(2026-03-04); pick an earlier date to see what changed"
    )


@pytest.mark.parametrize(
    "selection",
    [
        Selection(since=date(2026, 2, 19)),
        Selection(since=date(2026, 2, 1), countries=("KAZ",)),
        Selection(since=date(2026, 2, 19), statuses=("withdrawn",), roles=("troops",)),
    ],
    ids=repr,
)
def test_the_changes_are_those_of_changes_since_for_the_same_filters(dataset, selection):
    picture = picture_of(dataset, selection)
    report = picture.changes
    assert report is not None
    assert selection.since is not None
    expected = changes_since(
        dataset.commitments,
        dataset.targets,
        selection.since,
        picture.when,
        selection.countries,
        selection.roles,
        selection.statuses,
    )
    assert (report.since, report.until) == (expected.since, expected.until)
    pd.testing.assert_frame_equal(report.transitions, expected.transitions)
    pd.testing.assert_frame_equal(report.statements, expected.statements)
    pd.testing.assert_frame_equal(report.figures_after, expected.figures_after)


def test_the_changes_since_a_date_name_the_withdrawal(dataset):
    report = picture_of(dataset, Selection(since=date(2026, 2, 20))).changes
    assert report is not None
    [moved] = report.transitions.to_dict("records")
    assert (moved["country"], moved["from_status"], moved["to_status"]) == (
        "KAZ",
        "committed",
        "withdrawn",
    )


# --- corrections and the words around a picture --------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), ["idn-1", "kaz-1"]),  # newest first
        (Selection(countries=("KAZ",)), ["kaz-1"]),
        (Selection(roles=("medical",)), []),
        # Filtered, the log follows the countries the picture shows: KAZ withdrew, so a
        # filter on committed troops leaves only IDN's correction.
        (Selection(statuses=("committed",)), ["idn-1"]),
    ],
    ids=repr,
)
def test_the_corrections_follow_the_statements_in_view(dataset, selection, expected):
    assert list(picture_of(dataset, selection).corrections["statement_id"]) == expected


def test_filters_text_and_sources_describe_the_picture(dataset):
    picture = picture_of(dataset, Selection(countries=("KAZ",)))
    assert picture.filters_text == "countries: Kazakhstan"
    assert picture.sources == "Sources: Test outlet"


def test_a_picture_is_computed_from_the_data_without_changing_it(dataset):
    before = dataset.commitments.copy()
    picture = picture_of(dataset, Selection(since=date(2026, 2, 1), countries=("KAZ",)))
    _ = (picture.history, picture.changes, picture.corrections, picture.statement_count)
    pd.testing.assert_frame_equal(dataset.commitments, before)
