"""Unit tests of the as-of picture: the latest word per country and role, and the totals."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.core.picture import (
    MONEY,
    Totals,
    active_roles,
    as_of,
    filter_statements,
    latest_date,
    planned_vs_announced,
    strongest_status,
    totals,
)


def _one(current: pd.DataFrame, country: str = "IDN", role: str = "troops") -> pd.Series:
    rows = current[(current["country"] == country) & (current["role"] == role)]
    assert len(rows) == 1, f"expected one current row for {country}/{role}, got {len(rows)}"
    return rows.iloc[0]


def _unknown(value: object) -> bool:
    """An undisclosed total: None or pandas' NA, but never a float NaN and never 0."""
    return value is None or value is pd.NA


def _source(kind: str) -> dict[str, str]:
    """A source of that kind that the encoding rules accept: a wire story names its agency,
    and a secondary source can only report."""
    outlets = {"wire": "Reuters via Test outlet"}
    cells = {"source_kind": kind, "source_outlet": outlets.get(kind, "Test outlet")}
    return cells | ({"status": "reported"} if kind == "secondary" else {})


def _figure(table: pd.DataFrame, figure: str) -> pd.Series:
    rows = table[table["figure"] == figure]
    assert len(rows) == 1
    return rows.iloc[0]


# --- as_of: which statement is current -------------------------------------------------------


def test_latest_statement_on_or_before_the_date_wins(make_commitments):
    # The file order is deliberately not the date order: dates decide, not lines.
    frame = make_commitments(
        [
            {"id": "late", "date": "2026-03-17", "status": "suspended"},
            {"id": "mid", "date": "2026-02-19", "status": "committed"},
            {"id": "early", "date": "2026-02-09", "status": "offered"},
        ]
    )
    assert _one(as_of(frame, "2026-02-18"))["id"] == "early"
    assert _one(as_of(frame, "2026-02-19"))["id"] == "mid"  # a statement on the date counts
    assert _one(as_of(frame, "2026-03-16"))["id"] == "mid"
    assert _one(as_of(frame, "2026-03-17"))["id"] == "late"
    assert _one(as_of(frame, "2026-11-01"))["status"] == "suspended"


def test_as_of_accepts_dates_strings_and_timestamps(make_commitments):
    frame = make_commitments(
        [
            {"id": "a", "date": "2026-02-09", "status": "offered"},
            {"id": "b", "date": "2026-02-19", "status": "committed"},
        ]
    )
    for when in (date(2026, 2, 10), "2026-02-10", pd.Timestamp("2026-02-10 18:30")):
        assert list(as_of(frame, when)["id"]) == ["a"]


def test_statements_after_the_date_are_ignored(make_commitments):
    frame = make_commitments(
        [
            {"id": "idn", "country": "IDN", "date": "2026-02-19"},
            {"id": "kaz", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
            {"id": "idn-later", "country": "IDN", "date": "2026-03-17", "status": "suspended"},
        ]
    )
    current = as_of(frame, "2026-02-20")
    assert list(current["id"]) == ["idn"]
    assert list(as_of(frame, "2026-01-01")["id"]) == []


def test_one_row_per_country_and_role_sorted_by_country_then_role_order(make_commitments):
    frame = make_commitments(
        [
            {
                "id": "mar-funding",
                "country": "MAR",
                "role": "funding",
                "amount": "5",
                "currency": "USD",
            },
            {"id": "kaz-medical", "country": "KAZ", "role": "medical"},
            {"id": "kaz-troops", "country": "KAZ", "role": "troops"},
            {"id": "kaz-troops-old", "country": "KAZ", "role": "troops", "date": "2026-01-01"},
            {"id": "alb-troops", "country": "ALB", "role": "troops"},
        ]
    )
    current = as_of(frame)
    assert list(current["id"]) == ["alb-troops", "kaz-troops", "kaz-medical", "mar-funding"]


def test_default_date_is_the_newest_statement(make_commitments):
    frame = make_commitments(
        [
            {"id": "newest", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
            {"id": "older", "country": "IDN", "date": "2026-02-19"},
            {"id": "oldest", "country": "KAZ", "date": "2026-02-19", "status": "offered"},
        ]
    )
    assert latest_date(frame) == pd.Timestamp("2026-03-04")
    current = as_of(frame)
    assert list(current["id"]) == ["older", "newest"]
    pd.testing.assert_frame_equal(current, as_of(frame, "2026-03-04"))


# The tie rule on one date, one step at a time.


def test_tie_a_statement_with_a_number_beats_one_without(make_commitments):
    # The numberless row has every other advantage: a stronger source and a later line.
    frame = make_commitments(
        [
            {"id": "numbered", **_source("secondary"), "personnel_high": "8000"},
            {"id": "numberless", "source_kind": "official"},
        ]
    )
    row = _one(as_of(frame))
    assert row["id"] == "numbered"
    assert row["personnel_high"] == 8000


def test_tie_an_amount_is_a_number_for_funding(make_commitments):
    frame = make_commitments(
        [
            {
                "id": "with-amount",
                "role": "funding",
                **_source("secondary"),
                "amount": "1000000000",
                "currency": "USD",
            },
            {"id": "not-itemised", "role": "funding", "source_kind": "official"},
        ]
    )
    assert _one(as_of(frame), role="funding")["id"] == "with-amount"


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [("official", "wire"), ("wire", "media"), ("media", "secondary"), ("official", "secondary")],
)
def test_tie_then_the_stronger_source_kind_wins(make_commitments, stronger, weaker):
    # The weaker source comes later in the file, so only the source kind can make it lose.
    frame = make_commitments(
        [
            {"id": "strong", "status": "committed", **_source(stronger)},
            {"id": "weak", "status": "offered", **_source(weaker)},
        ]
    )
    assert _one(as_of(frame))["id"] == "strong"


def test_tie_numbers_on_both_rows_fall_back_to_the_source_kind(make_commitments):
    frame = make_commitments(
        [
            {"id": "wire", **_source("wire"), "personnel_low": "100", "personnel_high": "150"},
            {"id": "media", "source_kind": "media", "personnel_high": "8000"},
        ]
    )
    assert _one(as_of(frame))["id"] == "wire"


@pytest.mark.parametrize("order", [("first", "second"), ("second", "first")])
def test_tie_then_the_later_line_in_the_file_wins(make_commitments, order):
    frame = make_commitments(
        [
            {"id": order[0], "status": "offered", **_source("wire")},
            {"id": order[1], "status": "committed", **_source("wire")},
        ]
    )
    row = _one(as_of(frame))
    assert row["id"] == order[1]
    assert row["status"] == "committed"
    assert row["line"] == 3  # header on line 1, rows on lines 2 and 3


# --- as_of keeps unknowns unknown --------------------------------------------------------------


def test_undisclosed_numbers_stay_na(make_commitments):
    frame = make_commitments([{"id": "a"}])
    row = _one(as_of(frame))
    assert pd.isna(row["personnel_low"])
    assert pd.isna(row["personnel_high"])
    assert pd.isna(row["amount"])


# --- totals ------------------------------------------------------------------------------------


def test_totals_count_undisclosed_rows_apart_and_never_as_zero(make_commitments):
    frame = make_commitments(
        [
            {"country": "IDN", "personnel_high": "8000"},
            {"country": "KAZ"},
            {"country": "XKX"},
        ]
    )
    assert totals(as_of(frame)) == Totals(
        low=None, high=8000, contributors=3, with_number=1, undisclosed=2, open_ended=0
    )


def test_totals_of_only_undisclosed_rows_are_none_not_zero(make_commitments):
    frame = make_commitments([{"country": "KAZ"}, {"country": "XKX"}])
    assert totals(as_of(frame)) == Totals(
        low=None, high=None, contributors=2, with_number=0, undisclosed=2, open_ended=0
    )


def test_totals_of_nothing(make_commitments):
    frame = make_commitments([{"country": "KAZ"}])
    assert totals(frame.iloc[0:0]) == Totals(None, None, 0, 0, 0, 0)


def test_a_stated_zero_is_a_number(make_commitments):
    frame = make_commitments(
        [
            {
                "country": "ARE",
                "status": "declined",
                "personnel_low": "0",
                "personnel_high": "0",
                "number_wording": "no troops",
            },
        ]
    )
    assert totals(as_of(frame)) == Totals(
        low=0, high=0, contributors=1, with_number=1, undisclosed=0, open_ended=0
    )


def test_up_to_n_has_no_low_bound(make_commitments):
    frame = make_commitments([{"personnel_high": "8000", "number_wording": "up to 8,000"}])
    sums = totals(as_of(frame))
    assert sums.low is None
    assert sums.high == 8000
    assert sums.open_ended == 0


def test_low_only_is_open_ended(make_commitments):
    frame = make_commitments([{"personnel_low": "20000", "number_wording": "20,000 or more"}])
    assert totals(as_of(frame)) == Totals(
        low=20000, high=20000, contributors=1, with_number=1, undisclosed=0, open_ended=1
    )


def test_ranges_add_up_bound_by_bound(make_commitments):
    frame = make_commitments(
        [
            {"country": "IDN", "personnel_low": "5000", "personnel_high": "8000"},
            {"country": "GRC", "personnel_low": "100", "personnel_high": "150"},
            {"country": "XKX", "personnel_high": "50"},
            {"country": "PAK", "personnel_low": "1000"},
        ]
    )
    assert totals(as_of(frame)) == Totals(
        low=6100, high=9200, contributors=4, with_number=4, undisclosed=0, open_ended=1
    )


def test_totals_of_money(make_commitments):
    frame = make_commitments(
        [
            {"country": "USA", "role": "funding", "amount": "10000000000", "currency": "USD"},
            {"country": "QAT", "role": "funding", "amount": "1000000000", "currency": "USD"},
            {"country": "BHR", "role": "funding"},
        ]
    )
    assert totals(as_of(frame), MONEY) == Totals(
        low=11000000000,
        high=11000000000,
        contributors=3,
        with_number=2,
        undisclosed=1,
        open_ended=0,
    )


# --- filter_statements ---------------------------------------------------------------------


@pytest.fixture
def mixed(make_commitments):
    return make_commitments(
        [
            {"id": "idn-troops", "country": "IDN", "role": "troops", "status": "committed"},
            {"id": "kaz-troops", "country": "KAZ", "role": "troops", "status": "withdrawn"},
            {"id": "kaz-medical", "country": "KAZ", "role": "medical", "status": "committed"},
            {"id": "grc-troops", "country": "GRC", "role": "troops", "status": "reported"},
        ]
    )


def test_filter_statements_empty_filters_keep_everything(mixed):
    pd.testing.assert_frame_equal(filter_statements(mixed), mixed)


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [
        ({"countries": ["KAZ"]}, ["kaz-troops", "kaz-medical"]),
        ({"countries": ["KAZ", "GRC"]}, ["kaz-troops", "kaz-medical", "grc-troops"]),
        ({"roles": ["troops"]}, ["idn-troops", "kaz-troops", "grc-troops"]),
        ({"statuses": ["committed"]}, ["idn-troops", "kaz-medical"]),
        ({"countries": ["KAZ"], "roles": ["troops"]}, ["kaz-troops"]),
        ({"countries": ["KAZ"], "statuses": ["reported"]}, []),
        ({"countries": ["FIN"]}, []),
        ({"roles": iter(["medical"])}, ["kaz-medical"]),  # any iterable, consumed once
    ],
)
def test_filter_statements_keeps_rows_matching_every_filter(mixed, kwargs, ids):
    assert list(filter_statements(mixed, **kwargs)["id"]) == ids


# --- planned_vs_announced ------------------------------------------------------------------------


def test_stopped_and_declined_statuses_are_not_counted_but_reported_apart(
    make_commitments, make_targets
):
    frame = make_commitments(
        [
            {
                "country": "ALB",
                "status": "committed",
                "personnel_low": "100",
                "personnel_high": "100",
            },
            {"country": "IDN", "status": "suspended", "personnel_high": "8000"},
            {
                "country": "KAZ",
                "status": "withdrawn",
                "personnel_low": "40",
                "personnel_high": "50",
            },
            {"country": "USA", "status": "declined"},
            {
                "country": "ARE",
                "status": "declined",
                "personnel_low": "0",
                "personnel_high": "0",
                "number_wording": "no troops",
            },
        ]
    )
    targets = make_targets([{"figure": "security_personnel", "value": "20000"}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "security_personnel")
    assert row["planned"] == 20000
    assert (row["low"], row["high"], row["contributors"]) == (100, 100, 1)
    assert (row["with_number"], row["undisclosed"]) == (1, 0)
    assert row["stopped_low"] == 40
    assert row["stopped_high"] == 8050
    assert row["stopped_contributors"] == 2
    assert row["stopped_with_number"] == 2
    assert row["stopped_undisclosed"] == 0
    assert row["declined_contributors"] == 2
    assert row["declined_with_number"] == 1
    assert row["declined_undisclosed"] == 1
    assert (row["declined_low"], row["declined_high"]) == (0, 0)
    assert row["unconfirmed_contributors"] == 0


@pytest.mark.parametrize("status", ["suspended", "withdrawn"])
def test_suspended_and_withdrawn_leave_the_counted_total_for_stopped(
    make_commitments, make_targets, status
):
    frame = make_commitments([{"status": status, "personnel_high": "8000"}])
    targets = make_targets([{"figure": "security_personnel"}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "security_personnel")
    assert row["contributors"] == 0
    assert _unknown(row["high"])
    assert row["stopped_contributors"] == 1
    assert row["stopped_high"] == 8000
    assert row["declined_contributors"] == 0


def test_declined_leaves_the_counted_total_for_declined(make_commitments, make_targets):
    frame = make_commitments([{"status": "declined", "personnel_high": "8000"}])
    targets = make_targets([{"figure": "security_personnel"}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "security_personnel")
    assert row["contributors"] == 0
    assert _unknown(row["high"])
    assert row["stopped_contributors"] == 0
    assert row["declined_contributors"] == 1
    assert row["declined_high"] == 8000


@pytest.mark.parametrize("status", ["offered", "committed", "deployed", "conditional"])
def test_each_counted_status_is_counted(make_commitments, make_targets, status):
    frame = make_commitments([{"status": status, "personnel_high": "8000"}])
    targets = make_targets([{"figure": "security_personnel"}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "security_personnel")
    assert row["contributors"] == 1
    assert row["high"] == 8000
    assert row["stopped_contributors"] == 0
    assert row["declined_contributors"] == 0
    assert row["unconfirmed_contributors"] == 0


def test_interest_and_reported_go_to_unconfirmed(make_commitments, make_targets):
    frame = make_commitments(
        [
            {"country": "BGD", "status": "interest"},
            {
                "country": "GRC",
                "status": "reported",
                "personnel_low": "100",
                "personnel_high": "150",
            },
            {"country": "XKX", "status": "committed"},
        ]
    )
    targets = make_targets([{"figure": "security_personnel"}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "security_personnel")
    assert (row["contributors"], row["undisclosed"]) == (1, 1)
    assert _unknown(row["high"])
    assert row["unconfirmed_low"] == 100
    assert row["unconfirmed_high"] == 150
    assert row["unconfirmed_contributors"] == 2
    assert row["unconfirmed_with_number"] == 1
    assert row["unconfirmed_undisclosed"] == 1
    assert row["stopped_contributors"] == 0


def test_counts_roles_decides_which_roles_count(make_commitments, make_targets):
    frame = make_commitments(
        [
            {"country": "IDN", "role": "troops", "personnel_high": "8000"},
            {
                "country": "MAR",
                "role": "police_deployed",
                "personnel_low": "20",
                "personnel_high": "20",
            },
            {"country": "EGY", "role": "police_training", "personnel_high": "5000"},
            {"country": "KAZ", "role": "medical", "personnel_low": "7", "personnel_high": "7"},
        ]
    )
    targets = make_targets(
        [
            {
                "figure": "security_personnel",
                "label": "Security personnel",
                "value": "20000",
                "counts_roles": "troops;police_deployed",
            },
            {
                "figure": "police_to_train",
                "label": "Police to train",
                "value": "12000",
                "unit": "officers",
                "counts_roles": "police_training",
            },
        ]
    )
    table = planned_vs_announced(as_of(frame), targets)
    assert list(table["figure"]) == ["security_personnel", "police_to_train"]

    security = _figure(table, "security_personnel")
    assert security["label"] == "Security personnel"
    assert security["roles"] == ["troops", "police_deployed"]
    assert (security["low"], security["high"]) == (20, 8020)
    assert (security["contributors"], security["with_number"]) == (2, 2)

    police = _figure(table, "police_to_train")
    assert police["roles"] == ["police_training"]
    assert police["unit"] == "officers"
    assert police["planned"] == 12000
    assert _unknown(police["low"])
    assert police["high"] == 5000
    assert police["contributors"] == 1


def test_a_figure_with_no_counted_roles_is_empty(make_commitments, make_targets):
    frame = make_commitments([{"country": "BGD", "status": "interest"}, {"country": "XKX"}])
    targets = make_targets([{"figure": "base_capacity", "value": "5000", "counts_roles": ""}])
    row = _figure(planned_vs_announced(as_of(frame), targets), "base_capacity")
    assert row["roles"] == []
    assert row["planned"] == 5000
    assert row["contributors"] == 0
    assert _unknown(row["low"])
    assert _unknown(row["high"])
    assert row["unconfirmed_contributors"] == 0
    assert row["stopped_contributors"] == 0
    assert row["declined_contributors"] == 0


def test_no_counted_roles_stays_unknown_next_to_a_figure_with_a_number(
    make_commitments, make_targets
):
    # Totals says high is None when nothing is disclosed; a number on another figure's row
    # must not turn that unknown into a float NaN (a NaN high formats as "up to nan").
    frame = make_commitments([{"personnel_high": "8000"}])
    targets = make_targets(
        [
            {"figure": "security_personnel", "counts_roles": "troops"},
            {"figure": "base_capacity", "counts_roles": ""},
        ]
    )
    table = planned_vs_announced(as_of(frame), targets)
    security = _figure(table, "security_personnel")
    assert security["high"] == 8000
    assert not isinstance(security["high"], float)
    base = _figure(table, "base_capacity")
    assert base["contributors"] == 0
    assert _unknown(base["high"])
    assert _unknown(base["stopped_high"])


# --- active_roles and strongest_status ---------------------------------------------------------


def test_active_roles_leave_out_stopped_roles(make_commitments):
    frame = make_commitments(
        [
            {"country": "KAZ", "role": "troops", "status": "withdrawn"},
            {"country": "KAZ", "role": "medical", "status": "committed"},
            {"country": "KAZ", "role": "observers", "status": "interest"},
            {"country": "KAZ", "role": "command", "status": "suspended"},
            {"country": "KAZ", "role": "funding", "status": "declined"},
            {"country": "KAZ", "role": "police_training", "status": "reported"},
            {"country": "IDN", "role": "troops", "status": "committed"},
        ]
    )
    current = as_of(frame)
    assert active_roles(current, "KAZ") == ["police_training", "medical", "observers"]
    assert active_roles(current, "IDN") == ["troops"]
    assert active_roles(current, "FIN") == []


def test_active_roles_follow_the_date(make_commitments):
    frame = make_commitments(
        [
            {"country": "KAZ", "role": "troops", "status": "committed", "date": "2026-02-19"},
            {"country": "KAZ", "role": "troops", "status": "withdrawn", "date": "2026-03-04"},
        ]
    )
    assert active_roles(as_of(frame, "2026-02-20"), "KAZ") == ["troops"]
    assert active_roles(as_of(frame, "2026-03-04"), "KAZ") == []


@pytest.mark.parametrize(
    ("statuses", "strongest"),
    [
        (["committed"], "committed"),
        (["interest", "committed", "offered"], "committed"),
        (["committed", "deployed"], "deployed"),
        (["offered", "conditional"], "offered"),
        (["conditional", "reported"], "conditional"),
        (["reported", "interest"], "reported"),
        (["interest", "suspended"], "interest"),
        (["declined", "withdrawn", "suspended"], "suspended"),
        (["declined", "withdrawn"], "withdrawn"),
        (["declined"], "declined"),
        (iter(["withdrawn", "offered"]), "offered"),
    ],
)
def test_strongest_status(statuses, strongest):
    assert strongest_status(statuses) == strongest


def test_strongest_status_orders_the_whole_vocabulary():
    order = [
        "declined",
        "withdrawn",
        "suspended",
        "interest",
        "reported",
        "conditional",
        "offered",
        "committed",
        "deployed",
    ]
    for i in range(1, len(order)):
        assert strongest_status(order[: i + 1]) == order[i]
        assert strongest_status(list(reversed(order[: i + 1]))) == order[i]
