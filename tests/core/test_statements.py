"""The statements table readers see, and the corrections log beside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.dataset import read_dataset
from dashboard.core.statements import (
    CORRECTION_COLUMNS,
    TABLE_COLUMNS,
    corrections_in_view,
    corrections_table,
    statement_table,
)

DATASET = Path(__file__).parent / "fixtures" / "dataset"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def dataset():
    return read_dataset(DATASET / "commitments.csv", today=TODAY)


# --- statement_table -------------------------------------------------------------------------


def test_the_table_shows_the_translation_beside_the_quote(dataset):
    table = statement_table(dataset.commitments).set_index("ID")
    assert list(table.columns) == [c for c in TABLE_COLUMNS if c != "ID"]
    assert TABLE_COLUMNS.index("Translation") == TABLE_COLUMNS.index("Quote") + 1
    medical = table.loc["kaz-medical-20260331"]
    assert medical["Quote"] == "То есть речь идет о гуманитарной составляющей"
    assert medical["Translation"] == "i.e. the humanitarian component"
    assert table.loc["idn-troops-20260219", "Translation"] == ""


def test_the_table_shows_when_a_quote_was_checked(dataset):
    table = statement_table(dataset.commitments).set_index("ID")
    assert table.loc["idn-troops-20260219", "Checked"] == date(2026, 3, 31)
    assert pd.isna(table.loc["kaz-medical-20260331", "Checked"])


# --- corrections_table -----------------------------------------------------------------------


@pytest.fixture
def corrections(make_corrections):
    return make_corrections(
        [
            {"date": "2026-03-01", "statement_id": "idn-troops-20260219"},
            {
                "date": "2026-05-02",
                "statement_id": "xkx-troops-20260221",
                "action": "removed",
                "what_changed": "removed: a second copy",
                "why": "One Reuters story",
                "replaced_by": "xkx-troops-20260220",
            },
            {
                "date": "2026-03-01",
                "statement_id": "grc-troops-20260214",
                "action": "removed",
                "what_changed": "removed: not about the ISF",
                "why": "The article is about UNIFIL",
            },
        ]
    )


def test_corrections_newest_first_then_in_file_order(dataset, corrections):
    table = corrections_table(corrections_in_view(corrections, dataset.commitments))
    assert list(table.columns) == CORRECTION_COLUMNS
    assert table.to_dict("records") == [
        {
            "Date": "2026-05-02",
            "Statement": "xkx-troops-20260221",
            "Country": "Kosovo",
            "Action": "removed",
            "What changed": "removed: a second copy (replaced by xkx-troops-20260220)",
            "Why": "One Reuters story",
        },
        {
            "Date": "2026-03-01",
            "Statement": "idn-troops-20260219",
            "Country": "Indonesia",
            "Action": "corrected",
            "What changed": "personnel_high: 8000 to 5000",
            "Why": "The ministry's own release gives 5,000",
        },
        {
            "Date": "2026-03-01",
            "Statement": "grc-troops-20260214",
            "Country": "Greece",
            "Action": "removed",
            "What changed": "removed: not about the ISF",
            "Why": "The article is about UNIFIL",
        },
    ]


@pytest.mark.parametrize(
    ("countries", "statements"),
    [
        ((), ["xkx-troops-20260221", "idn-troops-20260219", "grc-troops-20260214"]),
        (("IDN",), ["idn-troops-20260219"]),
        # A removed statement is no longer in the data: its country comes from the row that
        # replaced it, else from its id.
        (("XKX",), ["xkx-troops-20260221"]),
        (("GRC",), ["grc-troops-20260214"]),
        (("IDN", "XKX"), ["xkx-troops-20260221", "idn-troops-20260219"]),
        (("KAZ",), []),
    ],
)
def test_corrections_for_the_countries_in_view(dataset, corrections, countries, statements):
    table = corrections_table(corrections_in_view(corrections, dataset.commitments, countries))
    assert table["Statement"].tolist() == statements
    assert list(table.columns) == CORRECTION_COLUMNS


def test_no_corrections_is_an_empty_table_with_its_columns(dataset, make_corrections):
    table = corrections_table(corrections_in_view(make_corrections([]), dataset.commitments))
    assert table.empty
    assert list(table.columns) == CORRECTION_COLUMNS


def test_corrections_follow_the_roles_in_view_removed_ids_included(dataset, make_corrections):
    log = make_corrections(
        [
            {"statement_id": "idn-troops-20260219"},
            # Removed, with a same-day suffix: its role is read from the id.
            {
                "statement_id": "kaz-police-training-20260219-b",
                "action": "removed",
                "what_changed": "removed",
                "why": "a duplicate",
            },
        ]
    )
    troops = corrections_table(corrections_in_view(log, dataset.commitments, roles=("troops",)))
    assert troops["Statement"].tolist() == ["idn-troops-20260219"]
    training = corrections_table(
        corrections_in_view(log, dataset.commitments, roles=("police_training",))
    )
    assert training["Statement"].tolist() == ["kaz-police-training-20260219-b"]
    assert corrections_table(
        corrections_in_view(log, dataset.commitments, ("KAZ",), ("troops",))
    ).empty
