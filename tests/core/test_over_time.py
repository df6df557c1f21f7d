"""The picture over time: each date drawn has the figures of the as-of picture of that date."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.dataset import Dataset, read_dataset
from dashboard.core.loading import read_events
from dashboard.core.over_time import FIGURE, OverTime, change_dates, over_time
from dashboard.core.schema import event_columns
from dashboard.core.selection import Selection, picture_of
from dashboard.core.text import number_or_none
from tests.factories import dataset_of

TODAY = date(2026, 11, 28)


def _event_defaults(i: int) -> dict[str, str]:
    return {
        "id": f"event-{i}",
        "date": "2026-02-19",
        "date_precision": "day",
        "title": f"Event {i}",
        "kind": "diplomacy",
        "source_outlet": "Test outlet",
        "source_url": f"https://example.org/event/{i}",
        "source_kind": "media",
    }


def write_events(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write an events file with every column; each row gives only its interesting cells."""
    columns = [c.name for c in event_columns(TODAY)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for i, row in enumerate(rows):
            cells = {**_event_defaults(i), **row}
            if cells.get("quote") and not cells.get("quote_language"):
                cells["quote_language"] = "en"
            writer.writerow(cells)
    return path


# IDN pledges up to 8,000 and suspends; KAZ commits, offers medics, and withdraws the troops;
# PAK states 1,000 to 3,000 under conditions; XKX commits 100; MAR trains police.
ROWS = [
    {
        "id": "idn-1",
        "country": "IDN",
        "date": "2026-02-14",
        "status": "conditional",
        "personnel_high": "8000",
        "number_wording": "up to 8,000",
        "conditions": "No combat.",
        "condition_codes": "no_combat",
    },
    {
        "id": "idn-2",
        "country": "IDN",
        "date": "2026-03-17",
        "status": "suspended",
        "personnel_high": "8000",
        "number_wording": "up to 8,000",
    },
    {"id": "kaz-1", "country": "KAZ", "date": "2026-02-19"},
    {"id": "kaz-2", "country": "KAZ", "role": "medical", "date": "2026-02-19", "status": "offered"},
    {"id": "kaz-3", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
    {
        "id": "pak-1",
        "country": "PAK",
        "date": "2026-01-29",
        "status": "conditional",
        "personnel_low": "1000",
        "personnel_high": "3000",
        "conditions": "No combat.",
        "condition_codes": "no_combat",
    },
    {
        "id": "xkx-1",
        "country": "XKX",
        "date": "2026-03-06",
        "personnel_low": "100",
        "personnel_high": "100",
    },
    {"id": "mar-1", "country": "MAR", "role": "police_training", "date": "2026-02-19"},
]
LATEST = date(2026, 3, 17)
# One event before the first statement, one between statements, one after the newest.
EVENTS = [
    {"id": "ceasefire", "date": "2026-01-01", "kind": "ceasefire", "title": "Ceasefire"},
    {"id": "summit", "date": "2026-02-25", "title": "Summit"},
    {"id": "later", "date": "2026-04-01", "title": "After the newest statement"},
]


@pytest.fixture
def dataset(make_commitments, make_targets, tmp_path) -> Dataset:
    targets = make_targets(
        [
            {"figure": "security_personnel", "value": "20000", "counts_roles": "troops"},
            {"figure": "police_to_train", "value": "12000", "counts_roles": "police_training"},
        ]
    )
    events = read_events(write_events(tmp_path / "events.csv", EVENTS), today=TODAY)
    return replace(dataset_of(make_commitments(ROWS), targets), events=events)


def counts_on(counts: pd.DataFrame, day: date) -> dict[tuple[str, str], int]:
    """The over-time counts of one date as {(role, status): countries}."""
    rows = counts[counts["date"] == day]
    return {
        (r, s): int(n)
        for r, s, n in zip(rows["role"], rows["status"], rows["countries"], strict=True)
    }


def picture_counts(dataset: Dataset, selection: Selection, day: date) -> dict[tuple[str, str], int]:
    """The as-of picture of one date, counted the same way, from the function every view uses."""
    current = picture_of(dataset, replace(selection, as_of=day)).current
    return dict(Counter(zip(current["role"], current["status"], strict=True)))


def announced_on(announced: pd.DataFrame, day: date) -> dict[str, object]:
    """One date's row of the band, its bounds read as whole numbers or None."""
    [row] = announced[announced["date"] == day].to_dict("records")
    return {**row, "low": number_or_none(row["low"]), "high": number_or_none(row["high"])}


def three_dates(dates: list[date]) -> list[date]:
    return [dates[0], dates[len(dates) // 2], dates[-1]]


# --- the fixture, counted by hand ----------------------------------------------------------------


def test_the_dates_are_every_statement_and_event_date_up_to_the_as_of_date(dataset):
    drawn = over_time(dataset, Selection())
    assert drawn.dates == [
        date(2026, 1, 1),  # the ceasefire, before any statement
        date(2026, 1, 29),
        date(2026, 2, 14),
        date(2026, 2, 19),
        date(2026, 2, 25),  # the summit
        date(2026, 3, 4),
        date(2026, 3, 6),
        date(2026, 3, 17),
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), {}),
        (
            date(2026, 2, 19),
            {
                ("troops", "conditional"): 2,
                ("troops", "committed"): 1,
                ("medical", "offered"): 1,
                ("police_training", "committed"): 1,
            },
        ),
        (
            date(2026, 3, 17),
            {
                ("troops", "suspended"): 1,
                ("troops", "conditional"): 1,
                ("troops", "withdrawn"): 1,
                ("troops", "committed"): 1,
                ("medical", "offered"): 1,
                ("police_training", "committed"): 1,
            },
        ),
    ],
    ids=str,
)
def test_the_counts_of_the_fixture_by_hand(dataset, day, expected):
    assert counts_on(over_time(dataset, Selection()).counts, day) == expected


@pytest.mark.parametrize(
    ("day", "low", "high", "contributors", "undisclosed"),
    [
        (date(2026, 1, 1), None, None, 0, 0),
        # IDN's "up to 8,000" adds to the upper end only; KAZ gave no number.
        (date(2026, 2, 19), 1000, 11000, 3, 1),
        # IDN suspended and KAZ withdrew: PAK and XKX remain.
        (date(2026, 3, 17), 1100, 3100, 2, 0),
    ],
    ids=str,
)
def test_the_announced_band_of_the_fixture_by_hand(
    dataset, day, low, high, contributors, undisclosed
):
    drawn = over_time(dataset, Selection())
    assert announced_on(drawn.announced, day) == {
        "date": day,
        "low": low,
        "high": high,
        "contributors": contributors,
        "undisclosed": undisclosed,
        "planned": 20000,
    }
    assert drawn.figure_label == "Figure 0"


def test_an_undisclosed_bound_of_the_band_is_none_and_the_others_whole_numbers(dataset):
    # Read row by row (as the chart reads it), unknown is None, never NaN or a float.
    announced = over_time(dataset, Selection()).announced
    [before] = announced[announced["date"] == date(2026, 1, 1)].to_dict("records")
    [on_19_feb] = announced[announced["date"] == date(2026, 2, 19)].to_dict("records")
    assert before["low"] is None
    assert before["high"] is None
    assert isinstance(on_19_feb["high"], int)


def test_a_condition_filter_counts_the_countries_carrying_it_on_each_date(dataset):
    drawn = over_time(dataset, Selection(conditions=("no_combat",)))
    assert counts_on(drawn.counts, date(2026, 1, 1)) == {}
    assert counts_on(drawn.counts, date(2026, 2, 14)) == {("troops", "conditional"): 2}
    # The suspension keeps IDN's condition: it is still counted, now as suspended.
    assert counts_on(drawn.counts, LATEST) == {
        ("troops", "suspended"): 1,
        ("troops", "conditional"): 1,
    }


# --- every date equals the as-of picture of that date --------------------------------------------

SELECTIONS = [
    Selection(),
    Selection(roles=("troops",)),
    Selection(countries=("IDN", "KAZ")),
    Selection(statuses=("committed", "withdrawn")),
    Selection(conditions=("no_combat",)),
    Selection(roles=("troops",), conditions=("no_combat", "un_mandate")),
    Selection(as_of=date(2026, 3, 1), since=date(2026, 2, 1)),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=repr)
def test_every_date_of_the_fixture_equals_the_as_of_picture_of_that_date(dataset, selection):
    drawn = over_time(dataset, selection)
    assert drawn.dates[-1] == picture_of(dataset, selection).when
    assert list(drawn.announced["date"]) == drawn.dates
    for day in drawn.dates:
        assert counts_on(drawn.counts, day) == picture_counts(dataset, selection, day), day
        assert_band_equals_picture(dataset, selection, drawn.announced, day)


def assert_band_equals_picture(dataset, selection, announced, day):
    figures = picture_of(dataset, replace(selection, as_of=day)).figures
    [figure] = figures[figures["figure"] == FIGURE].to_dict("records")
    row = announced_on(announced, day)
    assert row["low"] == number_or_none(figure["low"]), day
    assert row["high"] == number_or_none(figure["high"]), day
    assert row["contributors"] == figure["contributors"], day
    assert row["undisclosed"] == figure["undisclosed"], day
    assert row["planned"] == figure["planned"], day


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return read_dataset()


@pytest.fixture(scope="module")
def bundled_over_time(bundled) -> Callable[[Selection], OverTime]:
    """over_time of the bundled data, drawn once per selection (each takes a second or two)."""
    drawn: dict[Selection, OverTime] = {}

    def draw(selection: Selection) -> OverTime:
        if selection not in drawn:
            drawn[selection] = over_time(bundled, selection)
        return drawn[selection]

    return draw


BUNDLED_SELECTIONS = [
    Selection(),
    Selection(roles=("troops",)),
    Selection(countries=("IDN", "KAZ", "PAK")),
    Selection(conditions=("no_combat", "un_mandate")),
    Selection(roles=("troops", "observers"), conditions=("outside_gaza", "domestic_approval")),
    Selection(as_of=date(2026, 2, 19)),
]


@pytest.mark.parametrize("selection", BUNDLED_SELECTIONS, ids=repr)
def test_the_bundled_data_over_time_equals_the_as_of_picture_on_three_dates(
    bundled, bundled_over_time, selection
):
    drawn = bundled_over_time(selection)
    for day in three_dates(drawn.dates):
        assert counts_on(drawn.counts, day) == picture_counts(bundled, selection, day), day
        assert_band_equals_picture(bundled, selection, drawn.announced, day)
    # Not a comparison of empty pictures: the last date shows someone.
    assert counts_on(drawn.counts, drawn.dates[-1])


def test_the_bundled_counts_grow_over_time(bundled_over_time):
    drawn = bundled_over_time(Selection())
    first, middle, last = (counts_on(drawn.counts, d) for d in three_dates(drawn.dates))
    assert sum(last.values()) > sum(middle.values()) > sum(first.values())


# --- the dates drawn -----------------------------------------------------------------------------


@pytest.mark.parametrize("until", [date(2026, 2, 19), date(2026, 3, 5), LATEST, date(2026, 6, 1)])
def test_change_dates_of_the_fixture(dataset, until):
    days = change_dates(dataset, until, dataset.events)
    statements = {d.date() for d in dataset.commitments["date"]}
    events = {d.date() for d in dataset.events["date"]}
    assert days == sorted({d for d in statements | events if d <= until} | {until})


def test_change_dates_without_events_are_the_statement_dates(dataset):
    assert change_dates(dataset, date(2026, 2, 25)) == [
        date(2026, 1, 29),
        date(2026, 2, 14),
        date(2026, 2, 19),
        date(2026, 2, 25),  # the as-of date itself, though no statement falls on it
    ]


@pytest.mark.parametrize("until", [None, date(2026, 2, 19), date(2025, 12, 1)], ids=str)
def test_change_dates_of_the_bundled_data(bundled, bundled_over_time, until):
    when = until or bundled.default_as_of
    days = change_dates(bundled, when, bundled.events)
    statements = {d.date() for d in bundled.commitments["date"] if d.date() <= when}
    events = {d.date() for d in bundled.events["date"] if d.date() <= when}
    assert statements
    assert events
    assert set(days) == statements | events | {when}
    assert days == sorted(set(days))  # in order, each once
    assert max(days) == when
    # What over_time draws is exactly these dates.
    assert bundled_over_time(Selection(as_of=until)).dates == days


def test_an_as_of_date_before_any_statement_draws_one_empty_date(dataset):
    drawn = over_time(dataset, Selection(as_of=date(2025, 12, 1)))
    assert drawn.dates == [date(2025, 12, 1)]
    assert drawn.counts.empty
    assert list(drawn.counts.columns) == ["date", "role", "status", "countries"]
    assert announced_on(drawn.announced, date(2025, 12, 1)) == {
        "date": date(2025, 12, 1),
        "low": None,
        "high": None,
        "contributors": 0,
        "undisclosed": 0,
        "planned": 20000,
    }


def test_the_since_of_a_selection_does_not_narrow_the_dates(dataset):
    # Every date is drawn: 'what changed since' is a list of changes, not a window.
    with_since = over_time(dataset, Selection(since=date(2026, 3, 1)))
    assert with_since.dates == over_time(dataset, Selection()).dates
