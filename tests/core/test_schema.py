"""Unit tests of the column specs: each cell check accepts and rejects exactly what it says.

test_loading.py reads whole broken files and checks where each problem is reported; here the
checks are called on single values, at their edges, and each rejected value must be caught by
its own check alone, so that a reader gets one message per problem.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa
import pytest

from dashboard.core.schema import (
    CORRECTION_ACTIONS,
    MAX_AMOUNT,
    MAX_PERSONNEL,
    MAX_QUOTE_WORDS,
    MAX_TRANSLATION_WORDS,
    PLACE_KINDS,
    ColumnSpec,
    commitment_columns,
    correction_columns,
    is_iso_date,
    is_language,
    pandera_schema,
    place_columns,
    target_columns,
)
from dashboard.core.vocabulary import DATE_PRECISIONS, ROLES, SOURCE_KINDS, STATUSES

TODAY = date(2026, 11, 28)

FILES: dict[str, tuple[ColumnSpec, ...]] = {
    "commitments": commitment_columns(TODAY),
    "targets": target_columns(TODAY),
    "corrections": correction_columns(TODAY),
    "places": place_columns(),
}


def spec(file: str, column: str) -> ColumnSpec:
    [found] = [c for c in FILES[file] if c.name == column]
    return found


def failing(file: str, column: str, value: str) -> list[str]:
    """The names of the checks of that column that the value fails."""
    return [check.name for check in spec(file, column).checks if not check.ok(value)]


def words(count: int) -> str:
    return " ".join(["word"] * count)


# --- is_iso_date and is_language -------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-02-19", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_is_iso_date_accepts_real_calendar_days(value):
    assert is_iso_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-29",  # not a leap year
        "2026-04-31",
        "2026-00-10",
        "2026-2-19",
        "26-02-19",
        "20260219",  # date.fromisoformat reads it; the data files must not
        "2026-02-19T10:00",
        "2026-02-19 ",
        "2026-02-19\n",
        "19/02/2026",
        "２０２６-02-19",  # full-width digits
        "",
    ],
)
def test_is_iso_date_rejects_everything_else(value):
    assert not is_iso_date(value)


@pytest.mark.parametrize("value", ["en", "id", "ru", "ar", "he", "tr"])
def test_is_language_accepts_iso_639_1_codes(value):
    assert is_language(value)


@pytest.mark.parametrize(
    "value",
    [
        "EN",  # capitals
        "En",
        "eng",  # ISO 639-2/3
        "e",
        "zz",  # the right shape, but no language
        "ｅｎ",  # full-width letters
        "",
    ],
)
def test_is_language_rejects_other_codes(value):
    assert not is_language(value)


# --- the checks of each column, value by value -----------------------------------------------

ACCEPTED = [
    ("commitments", "id", "idn-troops-20260219-b"),
    ("commitments", "id", "x1"),
    ("commitments", "date", "2026-11-28"),  # today itself
    ("commitments", "date", "2024-02-29"),
    ("commitments", "country", "XKX"),
    ("commitments", "personnel_low", "0"),
    ("commitments", "personnel_high", str(MAX_PERSONNEL)),
    ("commitments", "amount", "0.5"),
    ("commitments", "amount", str(MAX_AMOUNT)),
    ("commitments", "currency", "EUR"),
    ("commitments", "source_url", "https://example.org/a?b=c#d"),
    ("commitments", "source_url", "http://example.org"),
    ("commitments", "quote", words(MAX_QUOTE_WORDS)),
    ("commitments", "quote_translation", words(MAX_TRANSLATION_WORDS)),
    ("commitments", "quote_language", "id"),
    ("commitments", "checked", "2026-11-28"),
    ("targets", "figure", "police_to_train2"),
    ("targets", "counts_roles", "troops"),
    ("targets", "counts_roles", "troops; police_deployed;"),
    ("targets", "value", "20000"),
    ("corrections", "action", "removed"),
    ("corrections", "statement_id", "kaz-troops-20260219"),
    ("places", "lat", "-90"),
    ("places", "lat", "31.29"),
    ("places", "lon", "180"),
    ("places", "lon", "-180.0"),
    ("places", "kind", "site"),
    ("places", "in_gaza", "no"),
]


@pytest.mark.parametrize(("file", "column", "value"), ACCEPTED)
def test_valid_cells_pass_every_check_of_their_column(file, column, value):
    assert failing(file, column, value) == []


REJECTED = [
    # ids: lowercase words of letters and digits, joined by single hyphens
    ("commitments", "id", "idn--troops", ["id_format"]),
    ("commitments", "id", "idn-troops-", ["id_format"]),
    ("commitments", "id", "idn_troops", ["id_format"]),
    ("commitments", "id", "Idn-troops", ["id_format"]),
    ("commitments", "id", "idn-troops-٢٠٢٦", ["id_format"]),  # Arabic-Indic digits
    # dates: a malformed date is only malformed, not also "in the future"
    ("commitments", "date", "2026-11-29", ["not_future"]),
    ("commitments", "date", "2026-02-30", ["iso_date"]),
    ("commitments", "date", "2026-W48-6", ["iso_date"]),
    ("commitments", "source_date", "2027-01-01", ["not_future"]),
    ("commitments", "checked", "2026-11-29", ["not_future"]),
    ("commitments", "date_precision", "year", ["known_precision"]),
    ("commitments", "country", "KZ", ["known_country"]),
    ("commitments", "country", "kaz", ["known_country"]),
    ("commitments", "role", "troops ", ["known_role"]),
    ("commitments", "status", "commited", ["known_status"]),
    ("commitments", "source_kind", "newswire", ["known_source_kind"]),
    # people: whole, not negative, plausible; a value that is not a number is only that
    ("commitments", "personnel_high", str(MAX_PERSONNEL + 1), ["plausible_personnel"]),
    ("commitments", "personnel_low", "-1", ["not_negative"]),
    ("commitments", "personnel_low", "8000.0", ["whole_number"]),
    ("commitments", "personnel_low", "1e4", ["whole_number"]),
    ("commitments", "personnel_high", "+500", ["whole_number"]),
    ("commitments", "personnel_high", "-20000000", ["not_negative", "plausible_personnel"]),
    # money: decimals allowed, still digits only
    ("commitments", "amount", str(MAX_AMOUNT + 1), ["plausible_amount"]),
    ("commitments", "amount", ".5", ["number"]),
    ("commitments", "amount", "1.", ["number"]),
    ("commitments", "amount", "1,000", ["number"]),
    ("commitments", "amount", "1e9", ["number"]),
    ("commitments", "amount", "-5", ["not_negative"]),
    ("commitments", "currency", "ABC", ["known_currency"]),  # three capitals, no currency
    ("commitments", "currency", "US", ["known_currency"]),
    ("commitments", "currency", "ＵＳＤ", ["known_currency"]),  # full-width letters
    # addresses: http(s), with a host, without spaces
    ("commitments", "source_url", "https://", ["http_url"]),
    ("commitments", "source_url", "http:/example.org", ["http_url"]),
    ("commitments", "source_url", "ftp://example.org/file", ["http_url"]),
    ("commitments", "source_url", "www.example.org", ["http_url"]),
    ("commitments", "source_url", "https://example.org/a b", ["http_url"]),
    ("commitments", "source_url", "data:text/html,<script>", ["http_url"]),
    # lengths and languages
    ("commitments", "quote", words(MAX_QUOTE_WORDS + 1), ["quote_length"]),
    ("commitments", "quote_translation", words(MAX_TRANSLATION_WORDS + 1), ["translation_length"]),
    ("commitments", "quote_language", "eng", ["known_language"]),
    # targets
    ("targets", "figure", "Security", ["figure_format"]),
    ("targets", "figure", "_security", ["figure_format"]),
    ("targets", "figure", "2nd_wave", ["figure_format"]),
    ("targets", "figure", "security-personnel", ["figure_format"]),
    ("targets", "counts_roles", "troops;polce", ["known_roles"]),
    ("targets", "counts_roles", "troops,medical", ["known_roles"]),
    ("targets", "value", "20,000", ["whole_number"]),
    ("targets", "date", "2026-12-01", ["not_future"]),
    # corrections
    ("corrections", "action", "deleted", ["known_action"]),
    ("corrections", "date", "2026-11-29", ["not_future"]),
    ("corrections", "replaced_by", "KAZ troops", ["id_format"]),
    # places
    ("places", "lat", "90.0001", ["latitude"]),
    ("places", "lat", "N31.29", ["latitude"]),
    ("places", "lon", "180.5", ["longitude"]),
    ("places", "lon", "34,25", ["longitude"]),
    ("places", "kind", "city", ["known_place_kind"]),
    ("places", "in_gaza", "Yes", ["yes_or_no"]),
    ("places", "in_gaza", "true", ["yes_or_no"]),
]


@pytest.mark.parametrize(("file", "column", "value", "checks"), REJECTED)
def test_invalid_cells_fail_exactly_their_own_checks(file, column, value, checks):
    assert failing(file, column, value) == checks


def test_the_future_is_judged_against_the_day_given():
    # The app passes the real today; tests pass a fixed one. Nothing may read the clock.
    for columns in (commitment_columns, target_columns, correction_columns):
        day_before = {c.name: c for c in columns(date(2026, 3, 4))}["date"]
        that_day = {c.name: c for c in columns(date(2026, 3, 5))}["date"]
        [late] = [c for c in day_before.checks if c.name == "not_future"]
        [on_time] = [c for c in that_day.checks if c.name == "not_future"]
        assert not late.ok("2026-03-05")
        assert on_time.ok("2026-03-05")
        assert "today is 2026-03-04" in late.wrong.format(value="2026-03-05")


# --- the specs as a whole --------------------------------------------------------------------


@pytest.mark.parametrize("file", FILES)
def test_column_names_are_unique_within_a_file(file):
    names = [c.name for c in FILES[file]]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("file", "unique"),
    [
        ("commitments", ["id"]),
        ("targets", ["id", "figure"]),
        # A statement may be corrected more than once: its id can come back in the log.
        ("corrections", []),
        ("places", ["id"]),
    ],
)
def test_only_the_keys_of_a_file_must_be_unique(file, unique):
    assert [c.name for c in FILES[file] if c.unique] == unique


@pytest.mark.parametrize(
    ("file", "column", "names"),
    [
        ("commitments", "role", ROLES),
        ("commitments", "status", STATUSES),
        ("commitments", "date_precision", DATE_PRECISIONS),
        ("commitments", "source_kind", SOURCE_KINDS),
        ("corrections", "action", CORRECTION_ACTIONS),
        ("places", "kind", PLACE_KINDS),
    ],
)
def test_vocabulary_columns_accept_every_term_and_offer_them_all(file, column, names):
    [check] = spec(file, column).checks
    assert all(check.ok(name) for name in names)
    # The choices feed the "did you mean" suggestions, and the fix lists them for the reader.
    assert check.choices == tuple(names)
    assert all(name in check.fix for name in names)


@pytest.mark.parametrize("file", FILES)
def test_every_message_names_the_value_or_the_limit_and_formats_cleanly(file):
    # `wrong` is formatted with the cell's value; a stray brace would raise when it is used.
    for column in FILES[file]:
        for check in column.checks:
            wrong = check.wrong.format(value="<cell>")
            assert "<cell>" in wrong or "words" in wrong, (column.name, wrong)
            assert "{" not in wrong, (column.name, wrong)
            assert check.fix, (column.name, check.name)


@pytest.mark.parametrize("column", ["id", "date", "source_outlet", "source_url", "source_date"])
def test_targets_check_shared_columns_as_commitments_do(column):
    # Each call builds its own predicates, so the specs are compared by what they check.
    def shape(c: ColumnSpec) -> tuple[object, ...]:
        return (c.required, c.unique, [k.name for k in c.checks], [k.wrong for k in c.checks])

    assert shape(spec("targets", column)) == shape(spec("commitments", column))


# --- pandera_schema --------------------------------------------------------------------------


def failures(file: str, frame: pd.DataFrame) -> list[tuple[str, str, str, int]]:
    """(column, check, value, row) of every failure, as the loader reads them."""
    columns = tuple(c for c in FILES[file] if c.name in frame.columns)
    try:
        pandera_schema(columns).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return [
            (c.column, c.check, c.failure_case, int(c.index)) for c in cases.itertuples(index=False)
        ]
    return []


def test_schema_passes_valid_text_and_blank_optional_cells():
    frame = pd.DataFrame(
        {"id": ["a-1", "a-2"], "date": ["2026-02-19", "2026-11-28"], "personnel_high": ["", "5"]}
    )
    assert failures("commitments", frame) == []


def test_schema_reports_a_blank_required_cell_only_as_required():
    frame = pd.DataFrame({"id": ["a-1"], "date": [""], "note": [""]})
    assert failures("commitments", frame) == [("date", "required", "", 0)]


def test_schema_names_each_failed_check_on_its_row():
    frame = pd.DataFrame(
        {
            "id": ["a-1", "a-1", "B"],
            "date": ["2026-02-19", "2026-02-30", "2026-12-01"],
            "personnel_high": ["x", "", "5"],
        }
    )
    assert sorted(failures("commitments", frame)) == [
        ("date", "iso_date", "2026-02-30", 1),
        ("date", "not_future", "2026-12-01", 2),
        ("id", "field_uniqueness", "a-1", 0),
        ("id", "field_uniqueness", "a-1", 1),
        ("id", "id_format", "B", 2),
        ("personnel_high", "whole_number", "x", 0),
    ]
