"""What changed between two dates: new statements, status and number moves, the figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.core.changes import NO_STATEMENT, ChangeReport, changes_since
from dashboard.core.loading import read_commitments, read_targets
from dashboard.core.picture import as_of

SINCE = date(2026, 2, 19)
UNTIL = date(2026, 3, 17)  # Indonesia's suspension

TRANSITION_COLUMNS = [
    "country",
    "role",
    "from_status",
    "to_status",
    "from_number",
    "to_number",
    "date",
    "source_outlet",
    "source_url",
]


def _move(report: ChangeReport, country: str, role: str = "troops") -> dict[str, object]:
    """The one transition of `country` in `role`."""
    rows = report.transitions[
        (report.transitions["country"] == country) & (report.transitions["role"] == role)
    ]
    assert len(rows) == 1, report.transitions[["country", "role", "from_status", "to_status"]]
    return dict(rows.iloc[0])


def _pairs(report: ChangeReport) -> list[tuple[str, str, str, str]]:
    return [
        (r["country"], r["role"], r["from_status"], r["to_status"])
        for r in report.transitions.to_dict("records")
    ]


def _figure(table: pd.DataFrame, figure: str) -> dict[str, object]:
    rows = table[table["figure"] == figure]
    assert len(rows) == 1, list(table["figure"])
    return dict(rows.iloc[0])


@pytest.fixture(scope="module")
def bundled() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_commitments(), read_targets()


@pytest.fixture(scope="module")
def bundled_report(bundled) -> ChangeReport:
    commitments, targets = bundled
    return changes_since(commitments, targets, SINCE, UNTIL)


# --- small hand-made frames ------------------------------------------------------------------


@pytest.fixture
def targets(make_targets) -> pd.DataFrame:
    return make_targets([{"figure": "security_personnel", "label": "Security", "value": "20000"}])


def test_a_status_change_after_since_is_a_transition(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "idn-a", "date": "2026-02-19", "status": "committed", "personnel_high": "8000"},
            {"id": "idn-b", "date": "2026-03-17", "status": "suspended", "personnel_high": "8000"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert isinstance(report, ChangeReport)
    assert (report.since, report.until) == (SINCE, UNTIL)
    assert list(report.transitions.columns) == TRANSITION_COLUMNS
    move = _move(report, "IDN")
    assert move["from_status"] == "committed"
    assert move["to_status"] == "suspended"
    assert move["from_number"] == move["to_number"] == "up to 8,000"
    assert move["date"] == pd.Timestamp("2026-03-17")
    assert move["source_url"] == "https://example.org/statement/1"
    assert list(report.statements["id"]) == ["idn-b"]


def test_a_first_statement_comes_from_no_statement(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "idn", "date": "2026-02-01"},
            {"id": "tur", "country": "TUR", "date": "2026-02-20", "status": "conditional"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert _pairs(report) == [("TUR", "troops", NO_STATEMENT, "conditional")]
    move = _move(report, "TUR")
    assert move["from_number"] == ""
    assert move["to_number"] == "not disclosed"
    assert list(report.statements["id"]) == ["tur"]


def test_a_statement_made_on_since_is_already_known(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "old", "date": "2026-02-01", "status": "offered"},
            {"id": "on-since", "date": "2026-02-19", "status": "committed"},
            {"id": "kaz-on-since", "country": "KAZ", "date": "2026-02-19"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert report.statements.empty
    assert report.transitions.empty
    # One day earlier, both statements on 19 February are new.
    earlier = changes_since(frame, targets, date(2026, 2, 18), UNTIL)
    assert sorted(earlier.statements["id"]) == ["kaz-on-since", "on-since"]
    assert sorted(_pairs(earlier)) == [
        ("IDN", "troops", "offered", "committed"),
        ("KAZ", "troops", NO_STATEMENT, "committed"),
    ]


def test_statements_after_until_are_left_out(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "a", "date": "2026-02-19"},
            {"id": "later", "date": "2026-04-01", "status": "withdrawn"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert report.statements.empty
    assert report.transitions.empty


def test_a_number_change_with_the_same_status_is_a_transition(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "a", "country": "XKX", "date": "2026-02-19"},
            {"id": "b", "country": "XKX", "date": "2026-02-20", "number_wording": "dozens"},
        ]
    )
    move = _move(changes_since(frame, targets, SINCE, UNTIL), "XKX")
    assert (move["from_status"], move["to_status"]) == ("committed", "committed")
    assert (move["from_number"], move["to_number"]) == ("not disclosed", "dozens")


def test_a_repeated_statement_changes_nothing(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "a", "date": "2026-02-19", "personnel_high": "8000"},
            {"id": "b", "date": "2026-03-01", "personnel_high": "8000"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert list(report.statements["id"]) == ["b"]  # a new statement, but no move
    assert report.transitions.empty
    assert list(report.transitions.columns) == TRANSITION_COLUMNS


def test_no_change_at_all_gives_an_empty_frame_with_the_columns(make_commitments, targets):
    frame = make_commitments([{"id": "a", "date": "2026-02-01"}])
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert report.statements.empty
    assert report.transitions.empty
    assert list(report.transitions.columns) == TRANSITION_COLUMNS
    pd.testing.assert_frame_equal(report.figures_before, report.figures_after)


def test_transitions_are_ordered_by_date_then_country(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "tur", "country": "TUR", "date": "2026-03-01"},
            {"id": "kaz", "country": "KAZ", "date": "2026-03-01"},
            {"id": "alb", "country": "ALB", "date": "2026-03-10"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    assert list(report.transitions["country"]) == ["KAZ", "TUR", "ALB"]
    assert list(report.transitions.index) == [0, 1, 2]


@pytest.fixture
def mixed(make_commitments) -> pd.DataFrame:
    return make_commitments(
        [
            {"id": "idn-a", "date": "2026-02-19", "status": "committed"},
            {"id": "idn-b", "date": "2026-03-17", "status": "suspended"},
            {"id": "kaz-a", "country": "KAZ", "date": "2026-02-19", "status": "committed"},
            {"id": "kaz-b", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
            {
                "id": "kaz-med",
                "country": "KAZ",
                "role": "medical",
                "date": "2026-03-04",
                "status": "committed",
            },
            {"id": "tur", "country": "TUR", "date": "2026-02-20", "status": "conditional"},
        ]
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {},
            [
                ("TUR", "troops", NO_STATEMENT, "conditional"),
                ("KAZ", "medical", NO_STATEMENT, "committed"),
                ("KAZ", "troops", "committed", "withdrawn"),
                ("IDN", "troops", "committed", "suspended"),
            ],
        ),
        (
            {"countries": ["KAZ"]},
            [
                ("KAZ", "medical", NO_STATEMENT, "committed"),
                ("KAZ", "troops", "committed", "withdrawn"),
            ],
        ),
        ({"roles": ["medical"]}, [("KAZ", "medical", NO_STATEMENT, "committed")]),
        # A status filter keeps moves from or to it.
        (
            {"statuses": ["committed"]},
            [
                ("KAZ", "medical", NO_STATEMENT, "committed"),
                ("KAZ", "troops", "committed", "withdrawn"),
                ("IDN", "troops", "committed", "suspended"),
            ],
        ),
        ({"statuses": ["suspended"]}, [("IDN", "troops", "committed", "suspended")]),
        ({"countries": ["TUR"], "roles": ["medical"]}, []),
    ],
    ids=["none", "country", "role", "status-from-or-to", "status-to", "nothing"],
)
def test_filters_narrow_the_transitions(mixed, targets, filters, expected):
    report = changes_since(mixed, targets, SINCE, UNTIL, **filters)
    assert sorted(_pairs(report)) == sorted(expected)


def test_filters_narrow_the_new_statements(mixed, targets):
    by_country = changes_since(mixed, targets, SINCE, UNTIL, countries=["KAZ"])
    assert sorted(by_country.statements["id"]) == ["kaz-b", "kaz-med"]
    by_role = changes_since(mixed, targets, SINCE, UNTIL, roles=["troops"])
    assert sorted(by_role.statements["id"]) == ["idn-b", "kaz-b", "tur"]
    by_status = changes_since(mixed, targets, SINCE, UNTIL, statuses=["withdrawn"])
    assert list(by_status.statements["id"]) == ["kaz-b"]


def test_figures_before_and_after_on_small_frames(make_commitments, targets):
    frame = make_commitments(
        [
            {"id": "a", "date": "2026-02-19", "personnel_high": "8000"},
            {"id": "b", "date": "2026-03-17", "status": "suspended", "personnel_high": "8000"},
            {"id": "c", "country": "MAR", "date": "2026-03-01", "personnel_low": "100"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    before = _figure(report.figures_before, "security_personnel")
    after = _figure(report.figures_after, "security_personnel")
    assert (before["high"], before["contributors"], before["stopped_contributors"]) == (8000, 1, 0)
    assert before["stopped_high"] is pd.NA
    assert (after["low"], after["high"], after["contributors"]) == (100, 100, 1)
    assert (after["stopped_high"], after["stopped_contributors"]) == (8000, 1)


# --- the bundled data ------------------------------------------------------------------------


def _statuses(commitments: pd.DataFrame, when: date) -> dict[tuple[str, str], str]:
    current = as_of(commitments, when).to_dict("records")
    return {(r["country"], r["role"]): r["status"] for r in current}


# These hold whatever the curators change in the data; the documented cases themselves are
# checked in test_real_data.py.


def test_bundled_transitions_agree_with_the_two_pictures(bundled, bundled_report):
    commitments, _ = bundled
    before, after = _statuses(commitments, SINCE), _statuses(commitments, UNTIL)
    moved = {key for key, status in after.items() if before.get(key, NO_STATEMENT) != status}
    assert moved, "the bundled data should have status moves in the window"
    pairs = {(c, r): (f, t) for c, r, f, t in _pairs(bundled_report)}
    assert moved <= set(pairs)
    for key, (from_status, to_status) in pairs.items():
        assert (from_status, to_status) == (before.get(key, NO_STATEMENT), after[key]), key
    dates = bundled_report.transitions["date"]
    assert ((dates > pd.Timestamp(SINCE)) & (dates <= pd.Timestamp(UNTIL))).all()
    assert bundled_report.transitions["source_url"].str.startswith("http").all()


def test_bundled_moves_with_the_same_status_moved_a_number(bundled_report):
    moves = bundled_report.transitions
    same = moves[moves["from_status"] == moves["to_status"]]
    assert (same["from_number"] != same["to_number"]).all(), same


def test_bundled_statements_on_since_are_not_new(bundled, bundled_report):
    commitments, _ = bundled
    new = bundled_report.statements
    assert len(new) > 0
    assert (new["date"] > pd.Timestamp(SINCE)).all()
    assert (new["date"] <= pd.Timestamp(UNTIL)).all()
    on_since = commitments[commitments["date"] == pd.Timestamp(SINCE)]
    assert len(on_since) > 10
    assert not set(on_since["id"]) & set(new["id"])
    expected = commitments[
        (commitments["date"] > pd.Timestamp(SINCE)) & (commitments["date"] <= pd.Timestamp(UNTIL))
    ]
    assert sorted(new["id"]) == sorted(expected["id"])
    # Pakistan and Morocco spoke on 19 February and not after: no move for them.
    assert not {"PAK", "MAR", "USA"} & set(bundled_report.transitions["country"])


def test_bundled_figures_before_and_after(bundled_report):
    before = _figure(bundled_report.figures_before, "security_personnel")
    after = _figure(bundled_report.figures_after, "security_personnel")
    assert before["high"] == 8000
    assert before["stopped_high"] is pd.NA
    assert before["stopped_contributors"] == 0
    assert after["high"] is pd.NA
    assert after["stopped_high"] == 8000
    assert after["stopped_contributors"] == 2  # Indonesia suspended, Kazakhstan withdrew
    assert before["planned"] == after["planned"] == 20000


def test_bundled_no_change_between_equal_dates(bundled):
    commitments, targets = bundled
    report = changes_since(commitments, targets, UNTIL, UNTIL)
    assert report.statements.empty
    assert report.transitions.empty
    assert list(report.transitions.columns) == TRANSITION_COLUMNS
    pd.testing.assert_frame_equal(report.figures_before, report.figures_after)


def test_bundled_filters(bundled, bundled_report):
    commitments, targets = bundled
    everything = bundled_report.transitions
    kaz = changes_since(commitments, targets, SINCE, UNTIL, countries=["KAZ"])
    pd.testing.assert_frame_equal(
        kaz.transitions.reset_index(drop=True),
        everything[everything["country"] == "KAZ"].reset_index(drop=True),
    )
    troops = changes_since(commitments, targets, SINCE, UNTIL, roles=["troops"])
    pd.testing.assert_frame_equal(
        troops.transitions.reset_index(drop=True),
        everything[everything["role"] == "troops"].reset_index(drop=True),
    )
    withdrawn = changes_since(commitments, targets, SINCE, UNTIL, statuses=["withdrawn"])
    assert _pairs(withdrawn) == [
        pair for pair in _pairs(bundled_report) if "withdrawn" in (pair[2], pair[3])
    ]
    assert len(withdrawn.transitions) > 0
    # A withdrawn position is never counted, only shown apart.
    stopped = _figure(withdrawn.figures_after, "security_personnel")
    roles = _figure(targets, "security_personnel")["counts_roles"].split(";")
    current = as_of(commitments, UNTIL)
    gone = current[(current["status"] == "withdrawn") & current["role"].isin(roles)]
    assert stopped["contributors"] == 0
    assert stopped["stopped_contributors"] == gone["country"].nunique()
