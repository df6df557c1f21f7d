"""Stated conditions: which country's current position carries which caveat, and the filter on them.

A condition stays with a country and role until the country withdraws or declines in that role
(data/README.md, "Stated conditions"); each cell names the newest statement stating it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.core.changes import changes_since
from dashboard.core.conditions import (
    MATRIX_COLUMNS,
    NOT_SERVING,
    condition_matrix,
    conditions_by_code,
    countries_stating,
    countries_without_conditions,
)
from dashboard.core.countries import country_name
from dashboard.core.dataset import read_dataset
from dashboard.core.picture import as_of, planned_vs_announced
from dashboard.core.selection import Selection, picture_of
from dashboard.core.vocabulary import CONDITIONS, ROLES, condition_codes
from tests.factories import dataset_of

# Seven countries, each for one rule:
# IDN states two conditions, then suspends without repeating them: they stay.
# KAZ states one in its troops role, then withdraws the troops; its medical offer states none.
# PAK states two, then repeats only one: the repeated one names the newer statement.
# TUR states conditions in two roles on one day; the medical row comes later in the file, so
#   only the role order can make the troops' statement name the shared condition.
# EGY states one, then declines: a country that does not serve is not "without conditions".
# MAR states un_mandate for its troops and, later, for a medical offer it then withdraws.
# XKX commits and states nothing.
ROWS = [
    {
        "id": "idn-1",
        "country": "IDN",
        "date": "2026-02-14",
        "status": "conditional",
        "conditions": "No combat; national command.",
        "condition_codes": "no_combat;national_command",
    },
    {"id": "idn-2", "country": "IDN", "date": "2026-03-17", "status": "suspended"},
    {
        "id": "kaz-1",
        "country": "KAZ",
        "date": "2026-02-19",
        "conditions": "Humanitarian work only.",
        "condition_codes": "humanitarian_only",
    },
    {"id": "kaz-2", "country": "KAZ", "role": "medical", "date": "2026-02-19", "status": "offered"},
    {"id": "kaz-3", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
    {
        "id": "pak-1",
        "country": "PAK",
        "date": "2026-01-29",
        "status": "conditional",
        "conditions": "A defined mandate; no combat.",
        "condition_codes": "defined_mandate;no_combat",
    },
    {
        "id": "pak-2",
        "country": "PAK",
        "date": "2026-02-19",
        "status": "conditional",
        "conditions": "No combat.",
        "condition_codes": "no_combat",
    },
    {
        "id": "tur-troops",
        "country": "TUR",
        "date": "2026-02-20",
        "status": "conditional",
        "conditions": "Both sides must agree.",
        "condition_codes": "palestinian_consent",
    },
    {
        "id": "tur-medical",
        "country": "TUR",
        "role": "medical",
        "date": "2026-02-20",
        "status": "conditional",
        "conditions": "Both sides must agree, under a UN mandate.",
        "condition_codes": "palestinian_consent;un_mandate",
    },
    {
        "id": "egy-1",
        "country": "EGY",
        "date": "2025-10-01",
        "status": "conditional",
        "conditions": "A UN resolution.",
        "condition_codes": "un_mandate",
    },
    {"id": "egy-2", "country": "EGY", "date": "2026-02-01", "status": "declined"},
    {
        "id": "mar-troops",
        "country": "MAR",
        "date": "2026-01-05",
        "conditions": "A UN mandate.",
        "condition_codes": "un_mandate",
    },
    {
        "id": "mar-medical",
        "country": "MAR",
        "role": "medical",
        "date": "2026-02-10",
        "status": "offered",
        "conditions": "A UN mandate.",
        "condition_codes": "un_mandate",
    },
    {
        "id": "mar-medical-2",
        "country": "MAR",
        "role": "medical",
        "date": "2026-03-02",
        "status": "withdrawn",
    },
    {"id": "xkx-1", "country": "XKX", "date": "2026-03-06"},
]
LATEST = date(2026, 3, 17)


@pytest.fixture
def commitments(make_commitments):
    return make_commitments(ROWS)


@pytest.fixture
def dataset(commitments, make_targets):
    targets = make_targets(
        [{"figure": "security_personnel", "value": "20000", "counts_roles": "troops"}]
    )
    return dataset_of(commitments, targets)


def matrix_on(commitments: pd.DataFrame, when: date = LATEST) -> pd.DataFrame:
    known = commitments[commitments["date"] <= pd.Timestamp(when)]
    return condition_matrix(as_of(commitments, when), known)


def cells(matrix: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The matrix as (country, condition, id of the statement stating it), in its order."""
    return list(zip(matrix["country"], matrix["condition"], matrix["id"], strict=True))


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


# --- the matrix ----------------------------------------------------------------------------------


def test_the_matrix_of_the_fixture_cell_by_cell(commitments):
    # Countries by name (Indonesia, Morocco, Pakistan, Turkey), conditions in vocabulary order.
    assert cells(matrix_on(commitments)) == [
        ("IDN", "no_combat", "idn-1"),
        ("IDN", "national_command", "idn-1"),
        ("MAR", "un_mandate", "mar-troops"),
        ("PAK", "defined_mandate", "pak-1"),
        ("PAK", "no_combat", "pak-2"),
        ("TUR", "un_mandate", "tur-medical"),
        ("TUR", "palestinian_consent", "tur-troops"),
    ]


def test_the_matrix_has_its_documented_columns(commitments):
    assert list(matrix_on(commitments).columns) == MATRIX_COLUMNS


def test_a_suspension_that_repeats_no_condition_does_not_lift_it(commitments):
    matrix = matrix_on(commitments)
    idn = matrix[matrix["country"] == "IDN"]
    assert list(idn["condition"]) == ["no_combat", "national_command"]
    # The cell names the statement that stated the condition, with the status the country
    # holds now (suspended), not the status of that older statement (conditional).
    assert set(idn["id"]) == {"idn-1"}
    assert set(idn["status"]) == {"suspended"}
    assert set(idn["date"]) == {pd.Timestamp("2026-02-14")}
    assert set(idn["conditions"]) == {"No combat; national command."}


@pytest.mark.parametrize(
    ("when", "carries"),
    [
        # Before the withdrawal, the troops still serve under the condition.
        (date(2026, 3, 1), True),
        (date(2026, 3, 4), False),
        (LATEST, False),
    ],
)
def test_a_withdrawal_drops_the_conditions_of_its_role(commitments, when, carries):
    matrix = matrix_on(commitments, when)
    kaz = matrix[matrix["country"] == "KAZ"]
    assert (list(kaz["condition"]) == ["humanitarian_only"]) is carries
    assert kaz.empty is not carries


def test_a_refusal_drops_the_conditions_stated_before_it(commitments):
    assert "EGY" in set(matrix_on(commitments, date(2026, 1, 31))["country"])
    assert "EGY" not in set(matrix_on(commitments)["country"])


def test_a_newer_statement_of_the_same_condition_names_the_cell(commitments):
    # PAK repeated no_combat on 19 Feb, not defined_mandate: each cell names its own newest.
    matrix = matrix_on(commitments).set_index(["country", "condition"])
    assert matrix.loc[("PAK", "no_combat"), "id"] == "pak-2"
    assert matrix.loc[("PAK", "no_combat"), "date"] == pd.Timestamp("2026-02-19")
    assert matrix.loc[("PAK", "defined_mandate"), "id"] == "pak-1"
    # Before the repeat, the older statement names it.
    before = matrix_on(commitments, date(2026, 2, 18)).set_index(["country", "condition"])
    assert before.loc[("PAK", "no_combat"), "id"] == "pak-1"


def test_the_role_order_breaks_a_tie_on_one_day(commitments):
    # tur-medical is further down the file; troops come first in the role order and win.
    matrix = matrix_on(commitments).set_index(["country", "condition"])
    assert matrix.loc[("TUR", "palestinian_consent"), "id"] == "tur-troops"
    assert matrix.loc[("TUR", "palestinian_consent"), "role"] == "troops"
    assert list(ROLES).index("troops") < list(ROLES).index("medical")


def test_on_one_day_in_one_role_the_row_further_down_the_file_names_the_cell(make_commitments):
    statements = make_commitments(
        [
            {"id": "pak-a", "country": "PAK", "condition_codes": "no_combat"},
            {"id": "pak-b", "country": "PAK", "condition_codes": "no_combat;un_mandate"},
        ]
    )
    assert cells(matrix_on(statements, date(2026, 2, 19))) == [
        ("PAK", "un_mandate", "pak-b"),
        ("PAK", "no_combat", "pak-b"),
    ]


def test_conditions_of_different_roles_of_one_country_merge(commitments):
    matrix = matrix_on(commitments)
    tur = matrix[matrix["country"] == "TUR"]
    assert list(zip(tur["condition"], tur["role"], strict=True)) == [
        ("un_mandate", "medical"),
        ("palestinian_consent", "troops"),
    ]
    # One row per (country, condition), however many roles state it.
    assert not matrix.duplicated(["country", "condition"]).any()


def test_a_newer_statement_in_a_role_no_longer_served_does_not_name_the_cell(commitments):
    # MAR's medical offer restated un_mandate on 10 Feb and was withdrawn on 2 Mar: from then
    # the older troops statement, whose role still serves, names the condition.
    on_1_march = matrix_on(commitments, date(2026, 3, 1)).set_index(["country", "condition"])
    assert on_1_march.loc[("MAR", "un_mandate"), "id"] == "mar-medical"
    assert on_1_march.loc[("MAR", "un_mandate"), "status"] == "offered"
    latest = matrix_on(commitments).set_index(["country", "condition"])
    assert latest.loc[("MAR", "un_mandate"), "id"] == "mar-troops"
    assert latest.loc[("MAR", "un_mandate"), "status"] == "committed"


def test_statements_after_the_picture_date_state_nothing_yet(commitments):
    matrix = matrix_on(commitments, date(2026, 2, 1))
    assert cells(matrix) == [
        ("MAR", "un_mandate", "mar-troops"),
        ("PAK", "defined_mandate", "pak-1"),
        ("PAK", "no_combat", "pak-1"),
    ]


def test_no_statements_give_an_empty_matrix_with_its_columns(commitments):
    matrix = matrix_on(commitments, date(2025, 1, 1))
    assert matrix.empty
    assert list(matrix.columns) == MATRIX_COLUMNS
    assert conditions_by_code(matrix) == {}
    assert countries_stating(matrix, ["un_mandate"]) == set()


# --- the lists made of the matrix ----------------------------------------------------------------


def test_countries_without_conditions_are_serving_countries_by_name(commitments):
    current = as_of(commitments, LATEST)
    # Kazakhstan serves (medical) with no condition left; Kosovo never stated one. Egypt
    # declined: it does not serve, so it is not a country "without conditions".
    assert countries_without_conditions(current, matrix_on(commitments)) == ["KAZ", "XKX"]


def test_a_country_that_only_withdrew_is_not_without_conditions(make_commitments):
    statements = make_commitments(
        [
            {"id": "kaz-1", "country": "KAZ"},
            {"id": "kaz-2", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
            {"id": "egy-1", "country": "EGY", "status": "declined"},
            {"id": "xkx-1", "country": "XKX"},
        ]
    )
    current = as_of(statements)
    assert countries_without_conditions(current, condition_matrix(current, statements)) == ["XKX"]


def test_conditions_by_code_lists_the_carriers_in_vocabulary_order(commitments):
    by_code = conditions_by_code(matrix_on(commitments))
    assert by_code == {
        "un_mandate": ["MAR", "TUR"],
        "defined_mandate": ["PAK"],
        "no_combat": ["IDN", "PAK"],
        "palestinian_consent": ["TUR"],
        "national_command": ["IDN"],
    }
    assert list(by_code) == [c for c in CONDITIONS if c in by_code]


@pytest.mark.parametrize(
    ("codes", "countries"),
    [
        (["no_combat"], {"IDN", "PAK"}),
        (["no_combat", "un_mandate"], {"IDN", "MAR", "PAK", "TUR"}),
        (("palestinian_consent",), {"TUR"}),
        (["humanitarian_only"], set()),  # KAZ withdrew the troops that stated it
        ([], set()),
    ],
)
def test_countries_stating_any_of_the_codes(commitments, codes, countries):
    assert countries_stating(matrix_on(commitments), codes) == countries


# --- the matrix of the bundled data equals the data ----------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return read_dataset()


def _serving(current: pd.DataFrame) -> dict[tuple[str, str], str]:
    serving = current[~current["status"].isin(NOT_SERVING)]
    return dict(
        zip(zip(serving["country"], serving["role"], strict=True), serving["status"], strict=True)
    )


BUNDLED_DATES = [None, date(2026, 2, 19), date(2025, 12, 1)]


@pytest.mark.parametrize("when", BUNDLED_DATES, ids=str)
def test_every_matrix_cell_of_the_bundled_data_equals_the_data(bundled, when):
    picture = picture_of(bundled, Selection(as_of=when))
    matrix = picture.conditions
    assert not matrix.empty
    statements = bundled.commitments
    known = statements[statements["date"] <= pd.Timestamp(picture.when)]
    serving = _serving(picture.current)
    by_id = statements.set_index("id")
    for cell in matrix.to_dict("records"):
        key = (cell["country"], cell["condition"])
        assert cell["id"] in by_id.index, key
        said = by_id.loc[cell["id"]]
        assert cell["condition"] in condition_codes(said["condition_codes"]), key
        assert said["date"] <= pd.Timestamp(picture.when), key
        for column in ("country", "role", "date", "source_outlet", "source_url", "conditions"):
            assert cell[column] == said[column], (key, column)
        assert serving.get((cell["country"], cell["role"])) == cell["status"], key
        # No newer statement of the country, in a role it still serves, states the condition;
        # on the same day, none in a role that comes first.
        states = known["condition_codes"].map(
            lambda v, c=cell["condition"]: c in condition_codes(v)
        )
        in_serving_role = pd.Series(
            [(c, r) in serving for c, r in zip(known["country"], known["role"], strict=True)],
            index=known.index,
        )
        rivals = known[states & in_serving_role & (known["country"] == cell["country"])]
        assert (rivals["date"] <= cell["date"]).all(), (key, list(rivals["id"]))
        same_day = rivals[rivals["date"] == cell["date"]]
        first_role = min(same_day["role"], key=list(ROLES).index)
        assert cell["role"] == first_role, key


@pytest.mark.parametrize("when", BUNDLED_DATES, ids=str)
def test_every_condition_a_serving_position_stated_is_in_the_bundled_matrix(bundled, when):
    picture = picture_of(bundled, Selection(as_of=when))
    statements = bundled.commitments
    known = statements[statements["date"] <= pd.Timestamp(picture.when)]
    serving = _serving(picture.current)
    stated = {
        (row["country"], code)
        for row in known.to_dict("records")
        if (row["country"], row["role"]) in serving
        for code in condition_codes(row["condition_codes"])
    }
    matrix = picture.conditions
    assert set(zip(matrix["country"], matrix["condition"], strict=True)) == stated
    assert len(matrix) == len(stated)  # one row per (country, condition)
    # Ordered by country name, then by the vocabulary.
    order = list(CONDITIONS)
    keys = [
        (country_name(c), order.index(k))
        for c, k in zip(matrix["country"], matrix["condition"], strict=True)
    ]
    assert keys == sorted(keys)


def test_every_bundled_code_is_in_the_vocabulary(bundled):
    codes = {
        code for cell in bundled.commitments["condition_codes"] for code in condition_codes(cell)
    }
    assert codes
    assert codes <= set(CONDITIONS)


# --- the condition filter of a selection ---------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "kept", "current"),
    [
        (Selection(conditions=("no_combat",)), {"IDN", "PAK"}, ["idn-2", "pak-2"]),
        (
            Selection(conditions=("no_combat", "un_mandate")),
            {"IDN", "MAR", "PAK", "TUR"},
            ["idn-2", "mar-troops", "mar-medical-2", "pak-2", "tur-troops", "tur-medical"],
        ),
        # The filter picks countries: a kept country shows all its positions in view.
        (
            Selection(conditions=("humanitarian_only",), as_of=date(2026, 3, 1)),
            {"KAZ"},
            ["kaz-1", "kaz-2"],
        ),
        # With a role filter, only the conditions stated in those roles count.
        (Selection(roles=("medical",), conditions=("un_mandate",)), {"TUR"}, ["tur-medical"]),
        (Selection(roles=("medical",), conditions=("no_combat",)), set(), []),
        (Selection(countries=("IDN", "XKX"), conditions=("no_combat",)), {"IDN"}, ["idn-2"]),
    ],
    ids=repr,
)
def test_a_condition_filter_keeps_the_countries_carrying_one(dataset, selection, kept, current):
    picture = picture_of(dataset, selection)
    assert picture.kept == frozenset(kept)
    assert ids(picture.current) == current
    assert set(picture.conditions["country"]) == kept
    # The figures are those of the kept positions only.
    pd.testing.assert_frame_equal(
        picture.figures, planned_vs_announced(picture.current, dataset.targets)
    )


def test_without_a_condition_filter_nothing_is_kept_apart(dataset):
    assert picture_of(dataset, Selection()).kept is None
    assert picture_of(dataset, Selection(countries=("IDN",))).kept is None


@pytest.mark.parametrize(
    ("selection", "count", "history"),
    [
        (Selection(conditions=("no_combat",)), 4, ["idn-2", "pak-2", "idn-1", "pak-1"]),
        (
            Selection(conditions=("humanitarian_only",), as_of=date(2026, 3, 1)),
            2,
            ["kaz-1", "kaz-2"],
        ),
        (Selection(roles=("medical",), conditions=("un_mandate",)), 1, ["tur-medical"]),
        # A status filter picks positions, then the history keeps statements by their status.
        (Selection(statuses=("suspended",), conditions=("no_combat",)), 2, ["idn-2"]),
    ],
    ids=repr,
)
def test_statement_count_and_history_follow_the_kept_countries(dataset, selection, count, history):
    picture = picture_of(dataset, selection)
    assert picture.statement_count == count
    assert ids(picture.history) == history


def test_the_changes_follow_the_kept_countries(dataset):
    selection = Selection(conditions=("no_combat",), since=date(2026, 2, 15))
    picture = picture_of(dataset, selection)
    report = picture.changes
    assert report is not None
    expected = changes_since(
        dataset.commitments, dataset.targets, date(2026, 2, 15), LATEST, ("IDN", "PAK")
    )
    pd.testing.assert_frame_equal(report.statements, expected.statements)
    pd.testing.assert_frame_equal(report.transitions, expected.transitions)
    pd.testing.assert_frame_equal(report.figures_after, expected.figures_after)
    # Only the kept countries: KAZ's withdrawal and XKX's commitment are not among them.
    assert sorted(ids(report.statements)) == ["idn-2", "pak-2"]
    assert set(report.transitions["country"]) == {"IDN"}


@pytest.mark.parametrize(
    "selection",
    [
        Selection(conditions=("temporary",), since=date(2026, 2, 1)),
        # KAZ stated it, then withdrew the troops that did: no country carries it now.
        Selection(conditions=("humanitarian_only",), since=date(2026, 2, 1)),
    ],
    ids=repr,
)
def test_a_condition_no_country_carries_gives_an_empty_picture(dataset, selection):
    picture = picture_of(dataset, selection)
    assert picture.kept == frozenset()
    assert picture.current.empty
    assert picture.conditions.empty
    assert picture.statement_count == 0
    assert picture.history.empty
    assert picture.changes is None
    [figure] = picture.figures.to_dict("records")
    assert figure["contributors"] == 0
    assert picture.announced == {}


def test_describe_names_the_conditions():
    assert Selection(conditions=("no_combat", "un_mandate")).describe() == (
        "stated conditions: No combat, UN mandate"
    )
    assert Selection(countries=("IDN",), conditions=("palestinian_consent",)).describe() == (
        "countries: Indonesia; stated conditions: Palestinian consent"
    )
    assert Selection(conditions=("temporary",)).narrows()


def test_the_filters_text_of_a_picture_names_the_conditions(dataset):
    picture = picture_of(dataset, Selection(conditions=("no_combat",)))
    assert picture.filters_text == "stated conditions: No combat"
