"""The validator against its corpus: every broken file is caught where it breaks, every odd but
valid file loads unchanged."""

from __future__ import annotations

import csv
import io
import os
import re
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import loading
from dashboard.core.loading import (
    BUNDLED_COMMITMENTS,
    InvalidData,
    Problem,
    UnreadableFile,
    read_commitments,
    read_country_points,
    read_places,
    read_targets,
)
from dashboard.core.vocabulary import (
    DATE_PRECISIONS,
    ROLES,
    SOURCE_KINDS,
    STATUSES,
    wire_agency,
)

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN_DIR = FIXTURES / "broken"
VALID_DIR = FIXTURES / "valid"
TODAY = date(2026, 11, 28)

# fmt: off
COLUMNS = [
    "id", "date", "date_precision", "country", "role", "status", "personnel_low",
    "personnel_high", "amount", "currency", "number_wording", "conditions", "speaker", "note",
    "source_outlet", "source_url", "source_date", "source_kind", "quote", "quote_language",
    "quote_translation", "checked",
]

# Each broken commitments file breaks one thing: (file, line, column, fragment of str(problem)).
BROKEN = [
    # header
    ("missing_column.csv", 1, "country", "a required column is missing from the header"),
    ("unknown_column.csv", 1, "contry", "unknown column 'contry' (did you mean 'country'?"),
    ("duplicate_column.csv", 1, "note", "the column appears twice"),
    ("trailing_empty_column.csv", 1, "(blank)", "unknown column ''"),
    # one cell
    ("bad_date.csv", 3, "date", "'2026-02-31' is not a valid ISO 8601 date"),
    ("future_date.csv", 3, "date", "'2027-01-15' is in the future (today is 2026-11-28)"),
    ("unknown_country.csv", 2, "country", "'UAE' is not a known ISO 3166-1 alpha-3 country code"),
    ("unknown_role.csv", 3, "role", "'Troops' is not a known role (did you mean 'troops'?"),
    (
        "unknown_status.csv", 4, "status",
        "'commited' is not a known status (did you mean 'committed'?",
    ),
    ("unknown_source_kind.csv", 4, "source_kind", "'newspaper' is not a known source kind"),
    ("negative_number.csv", 3, "personnel_high", "'-500' is negative"),
    ("thousands_separator.csv", 2, "personnel_high", "'8,000' is not a whole number"),
    ("duplicate_id.csv", 4, "id", "'idn-troops-20260219' is used on more than one row"),
    ("javascript_url.csv", 2, "source_url", "'javascript:alert(1)' is not an http(s) address"),
    (
        "ftp_url.csv", 3, "source_url",
        "'ftp://files.example.org/isf.pdf' is not an http(s) address",
    ),
    ("long_quote.csv", 3, "quote", "the quote has more than 30 words"),
    ("blank_country.csv", 3, "country", "a value is required"),
    ("unknown_currency.csv", 3, "currency", "'DLR' is not an ISO 4217 currency code"),
    ("bad_id.csv", 2, "id", "'IDN Troops 2026' is not a valid id"),
    # several cells of one row
    ("low_above_high.csv", 2, "personnel_low", "lower bound 9000 is above the upper bound 8000"),
    ("amount_without_currency.csv", 2, "currency", "an amount has no currency"),
    ("currency_without_amount.csv", 3, "amount", "a currency is given with no amount"),
    ("amount_on_troops_row.csv", 3, "amount", "an amount is given for the role 'troops'"),
    ("funding_with_personnel.csv", 2, "personnel_high", "a funding row has a personnel number"),
    (
        "statement_after_source.csv", 2, "date",
        "the statement date 2026-02-21 is after the source's publication date 2026-02-20",
    ),
    (
        "month_not_first.csv", 3, "date",
        "'2026-01-15' has month precision but is not the first of the month",
    ),
    ("unknown_language.csv", 3, "quote_language", "'ID' is not an ISO 639-1 language code"),
    ("long_translation.csv", 3, "quote_translation", "the translation has more than 50 words"),
    ("checked_future.csv", 3, "checked", "'2026-12-24' is in the future (today is 2026-11-28)"),
    # the encoding rules: one fact, one way to write it
    ("zero_without_wording.csv", 3, "personnel_low", "0 is recorded, but only a source that says"),
    ("zero_beside_a_blank.csv", 3, "personnel_high", "0 is recorded, but only a source that says"),
    (
        "open_ended_with_high.csv", 3, "personnel_high",
        "'20,000 or more' is open-ended, but an upper bound 25000 is recorded",
    ),
    ("up_to_with_low.csv", 3, "personnel_low", "'up to 5,000' states no lower bound, but 5000"),
    (
        "schedule_as_range.csv", 3, "personnel_high",
        "'1,000 by early April and 5,000 by June' is a phased schedule, not a range 1000 to 5000",
    ),
    (
        "secondary_not_reported.csv", 3, "status",
        "a claim from a secondary source is recorded as 'committed'",
    ),
    (
        "anonymous_not_reported.csv", 3, "status",
        "a claim by an anonymous speaker is recorded as 'committed'",
    ),
    ("quote_without_language.csv", 3, "quote_language", "the quote's language is not given"),
    ("language_without_quote.csv", 3, "quote_language", "quote_language is given with no quote"),
    (
        "translation_without_quote.csv", 3, "quote_translation",
        "quote_translation is given with no quote",
    ),
    ("english_quote_translated.csv", 3, "quote_translation", "an English quote has a translation"),
    (
        "foreign_quote_untranslated.csv", 3, "quote_translation",
        "the quote is in 'id' and has no translation",
    ),
    (
        "russian_tag_on_english_words.csv", 3, "quote",
        "the quote is tagged 'ru' but has no Cyrillic letters",
    ),
    (
        "english_tag_on_cyrillic.csv", 3, "quote_language",
        "the quote is tagged 'en' but is written in Cyrillic letters",
    ),
    (
        "checked_before_source.csv", 3, "checked",
        "checked 2026-02-19 is before the source date 2026-02-20",
    ),
    (
        "checked_before_statement.csv", 3, "checked",
        "checked 2026-02-18 is before the date 2026-02-19",
    ),
    (
        "wire_story_as_media.csv", 3, "source_kind",
        "'Reuters via The Straits Times' credits Reuters, a wire agency, but the kind is 'media'",
    ),
    (
        "wire_without_agency.csv", 3, "source_outlet",
        "the kind is 'wire' but 'The Straits Times' names no wire agency",
    ),
    # the file itself
    ("not_utf8.csv", 3, "(file)", "byte 0xe9 at offset 550 is not UTF-8"),
    ("ragged_row.csv", 3, "(row)", "the row has 23 fields but the header has 22"),
    ("unterminated_quote.csv", 4, "(row)",
     "the CSV cannot be parsed from this line on: unexpected end of data"),
    ("header_only.csv", 2, "(row)", "the file has a header but no statements"),
    ("empty.csv", 1, "(file)", "the file is empty"),
    # a multi-line note on lines 2-4 and a blank line 5 come before the bad date
    ("bad_date_after_multiline.csv", 6, "date", "'2026-13-01' is not a valid ISO 8601 date"),
]

# One mistake that is rightly reported twice: the other report, besides the BROKEN entry.
ALSO = {
    "duplicate_id.csv": [(2, "id", "'idn-troops-20260219' is used on more than one row")],
    "unknown_column.csv": [(1, "country", "a required column is missing from the header")],
}

BROKEN_TARGETS = [
    (
        "targets_unknown_role.csv", 3, "counts_roles",
        "'police_training;Police' names a role that is not known",
    ),
]

THREE_PROBLEMS = BROKEN_DIR / "three_problems.csv"

# Valid files: name -> ids in file order.
VALID = {
    "bom.csv": ["idn-troops-20260219", "kaz-troops-20260219"],
    "crlf.csv": ["idn-troops-20260219", "kaz-troops-20260219", "usa-funding-20260219"],
    "html_and_formula.csv": [
        "idn-troops-20260219", "kaz-troops-20260219", "mar-troops-20260219",
    ],
    "multiline_note.csv": [
        "idn-troops-20260219", "kaz-troops-20260219", "mar-troops-20260219",
    ],
    "non_ascii.csv": ["xkx-troops-20260219", "kaz-troops-20260219", "egy-training-20260219"],
    "every_term.csv": [
        "idn-troops-1", "kaz-police-1", "kaz-ptrain-1", "kaz-medical-1", "kaz-observers-1",
        "kaz-command-1", "kaz-tsupport-1", "kaz-withdrawn-1", "are-troops-1", "usa-funding-1",
        "usa-paid-1",
    ],
}
# fmt: on


def problems_of(path: Path, reader=read_commitments) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        reader(path, today=TODAY)
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {len(caught.value.problems)} problem(s)"
    return caught.value.problems


def matches(problem: Problem, path: Path, line: int, column: str, fragment: str) -> bool:
    text = str(problem)
    form = rf"{re.escape(str(path))}:{line}: {re.escape(column)}: .+ \(.+\)"
    return (
        problem.line == line
        and problem.column == column
        and fragment in text
        and re.fullmatch(form, text, flags=re.DOTALL) is not None
    )


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


# --- the corpus itself -------------------------------------------------------------------------


def test_every_broken_file_is_in_a_table():
    listed = {name for name, *_ in BROKEN + BROKEN_TARGETS} | {THREE_PROBLEMS.name}
    on_disk = {p.name for p in BROKEN_DIR.glob("*.csv")}
    assert listed == on_disk
    assert len({name for name, *_ in BROKEN}) == len(BROKEN) >= 50


def test_every_valid_file_is_in_the_table():
    assert set(VALID) == {p.name for p in VALID_DIR.glob("*.csv")}


def test_byte_sensitive_fixtures_kept_their_bytes():
    # An editor or a git setting that normalises these would silently void their tests.
    assert (VALID_DIR / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    crlf = (VALID_DIR / "crlf.csv").read_bytes()
    assert crlf.count(b"\r\n") == 4
    assert crlf.count(b"\n") == 4
    assert b"\xe9" in (BROKEN_DIR / "not_utf8.csv").read_bytes()
    assert (BROKEN_DIR / "empty.csv").read_bytes() == b""


# --- broken files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "line", "column", "fragment"), BROKEN)
def test_broken_file_is_reported_where_it_breaks(name, line, column, fragment):
    path = BROKEN_DIR / name
    problems = problems_of(path)
    assert any(matches(p, path, line, column, fragment) for p in problems), listing(problems)


@pytest.mark.parametrize(("name", "line", "column", "fragment"), BROKEN)
def test_broken_file_gets_no_other_problem(name, line, column, fragment):
    path = BROKEN_DIR / name
    problems = problems_of(path)
    expected = [(line, column, fragment), *ALSO.get(name, [])]
    assert len(problems) == len(expected), listing(problems)
    for want in expected:
        assert any(matches(p, path, *want) for p in problems), listing(problems)


def test_undecodable_byte_is_located_in_the_file():
    path = BROKEN_DIR / "not_utf8.csv"
    raw = path.read_bytes()
    offset = raw.index(b"\xe9")
    (problem,) = problems_of(path)
    assert f"byte 0xe9 at offset {offset} is not UTF-8" in problem.wrong
    assert problem.line == raw[:offset].count(b"\n") + 1 == 3


def test_misspelt_values_get_a_suggestion_only_when_close():
    (role,) = problems_of(BROKEN_DIR / "unknown_role.csv")
    assert role.fix.startswith("did you mean 'troops'? use one of: troops, police_deployed")
    (kind,) = problems_of(BROKEN_DIR / "unknown_source_kind.csv")
    assert "did you mean" not in kind.fix
    assert kind.fix.startswith("use one of: official, wire, media, secondary")


def test_all_problems_are_reported_in_one_pass():
    problems = problems_of(THREE_PROBLEMS)
    assert [(p.line, p.column) for p in problems] == [
        (2, "country"),
        (3, "status"),
        (4, "source_url"),
    ], listing(problems)
    assert "'IDX' is not a known ISO 3166-1 alpha-3 country code" in problems[0].wrong
    assert "'commited' is not a known status" in problems[1].wrong
    assert "'javascript:x' is not an http(s) address" in problems[2].wrong


def test_line_numbers_count_physical_lines_after_multiline_field_and_blank_lines():
    path = BROKEN_DIR / "bad_date_after_multiline.csv"
    physical = path.read_text(encoding="utf-8").split("\n")
    assert physical[1].startswith("idn-troops-20260219,")
    assert physical[4] == ""
    assert physical[5].startswith("kaz-troops-20260219,2026-13-01,")
    (problem,) = problems_of(path)
    assert (problem.line, problem.column) == (6, "date")


@pytest.mark.parametrize(("name", "line", "column", "fragment"), BROKEN_TARGETS)
def test_broken_targets_file_is_reported_where_it_breaks(name, line, column, fragment):
    path = BROKEN_DIR / name
    problems = problems_of(path, reader=read_targets)
    assert len(problems) == 1, listing(problems)
    assert matches(problems[0], path, line, column, fragment), listing(problems)


def test_targets_file_loads_once_the_role_is_fixed(tmp_path):
    fixed = tmp_path / "targets.csv"
    text = (BROKEN_DIR / "targets_unknown_role.csv").read_text(encoding="utf-8")
    fixed.write_text(text.replace("police_training;Police", "police_training"), encoding="utf-8")
    targets = read_targets(fixed, today=TODAY)
    assert targets["value"].dtype == "int64"
    assert targets["value"].tolist() == [20000, 12000]
    assert targets["counts_roles"].tolist() == ["troops", "police_training"]
    assert targets["line"].tolist() == [2, 3]


# --- valid files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_file_loads_with_its_rows_and_lines(name):
    path = VALID_DIR / name
    frame = read_commitments(path, today=TODAY)
    # condition_codes may be absent from a header: it reads as blank, in its place.
    at = COLUMNS.index("conditions") + 1
    assert list(frame.columns) == [*COLUMNS[:at], "condition_codes", *COLUMNS[at:], "line"]
    assert (frame["condition_codes"] == "").all()
    assert frame["id"].tolist() == VALID[name]
    # Each row's line is the physical line its record starts on.
    physical = path.read_bytes().decode("utf-8-sig").splitlines()
    for ident, line in zip(frame["id"], frame["line"], strict=True):
        assert physical[line - 1].startswith(f"{ident},")


def test_byte_order_mark_is_not_part_of_the_first_column():
    frame = read_commitments(VALID_DIR / "bom.csv", today=TODAY)
    assert frame.columns[0] == "id"
    assert frame["id"].iloc[0] == "idn-troops-20260219"


def test_crlf_line_endings_leave_no_carriage_return_in_cells():
    frame = read_commitments(VALID_DIR / "crlf.csv", today=TODAY)
    assert frame["line"].tolist() == [2, 3, 4]
    assert frame["quote"].iloc[0] == "committed up to 8000 personnel"
    text = frame[COLUMNS].astype(str)
    assert not text.apply(lambda col: col.str.contains("\r", regex=False)).any().any()


def test_html_and_formulas_are_kept_verbatim_as_text():
    frame = read_commitments(VALID_DIR / "html_and_formula.csv", today=TODAY).set_index("id")
    assert frame.loc["idn-troops-20260219", "quote"] == "<script>alert(1)</script>"
    assert frame.loc["idn-troops-20260219", "note"] == "<img src=x onerror=alert(1)>"
    assert frame.loc["kaz-troops-20260219", "note"] == '=HYPERLINK("http://x","y")'
    assert frame.loc["kaz-troops-20260219", "speaker"] == "@SUM(A1)"
    assert frame.loc["mar-troops-20260219", "conditions"] == "+1 if approved; -1 otherwise"
    assert frame.loc["mar-troops-20260219", "number_wording"] == "&lt;b&gt;"


def test_multiline_note_blank_line_and_comma_only_row():
    frame = read_commitments(VALID_DIR / "multiline_note.csv", today=TODAY)
    assert frame["note"].iloc[0] == "first line\nsecond line\nthird line"
    # Lines 2-4 hold the first record, 5 is blank, 7 holds only commas and is skipped.
    assert frame["line"].tolist() == [2, 6, 8]


def test_non_ascii_text_and_kosovo_round_trip():
    frame = read_commitments(VALID_DIR / "non_ascii.csv", today=TODAY).set_index("id")
    assert frame.loc["xkx-troops-20260219", "country"] == "XKX"
    assert frame.loc["xkx-troops-20260219", "quote"] == "Kosova do të kontribuojë me trupa"
    assert frame.loc["kaz-troops-20260219", "speaker"] == "Министр иностранных дел"
    assert frame.loc["kaz-troops-20260219", "quote"] == "Казахстан направит военнослужащих в Газу"
    egypt = frame.loc["egy-training-20260219"]
    assert egypt["source_outlet"] == "الأهرام"
    assert egypt["quote"] == "مصر مستعدة لتدريب الشرطة الفلسطينية"
    assert egypt["note"] == "Türkiye, Côte d’Ivoire, 日本 — mixed scripts and a “curly” quote…"


def test_every_term_of_every_vocabulary_is_accepted():
    frame = read_commitments(VALID_DIR / "every_term.csv", today=TODAY)
    assert set(frame["role"]) == set(ROLES)
    assert set(frame["status"]) == set(STATUSES)
    assert set(frame["date_precision"]) == set(DATE_PRECISIONS)
    assert set(frame["source_kind"]) == set(SOURCE_KINDS)
    # The longest quote allowed: exactly 30 words.
    assert len(frame["quote"].iloc[0].split()) == 30


def test_output_is_typed_and_undisclosed_numbers_stay_missing():
    frame = read_commitments(VALID_DIR / "every_term.csv", today=TODAY).set_index("id")
    assert pd.api.types.is_datetime64_dtype(frame["date"])
    assert pd.api.types.is_datetime64_dtype(frame["source_date"])
    assert frame.loc["kaz-ptrain-1", "date"] == pd.Timestamp("2026-02-01")
    assert frame.loc["idn-troops-1", "source_date"] == pd.Timestamp("2026-02-20")
    assert pd.isna(frame.loc["kaz-command-1", "source_date"])

    for column in ("personnel_low", "personnel_high"):
        assert frame[column].dtype == "Int64"
    assert frame.loc["idn-troops-1", "personnel_low"] == 8000
    # Blank means undisclosed: <NA>, never 0. A written 0 (a refusal) stays 0.
    assert frame.loc["kaz-police-1", "personnel_low"] is pd.NA
    assert frame.loc["kaz-police-1", "personnel_high"] is pd.NA
    assert frame.loc["are-troops-1", "personnel_low"] == 0
    assert frame.loc["are-troops-1", "personnel_high"] == 0
    assert frame["personnel_high"].isna().sum() == 9
    assert pd.api.types.is_datetime64_dtype(frame["checked"])
    assert frame.loc["usa-funding-1", "checked"] == pd.Timestamp("2026-02-25")
    assert frame["checked"].isna().sum() == 10

    assert frame["amount"].dtype == "Float64"
    assert frame.loc["usa-funding-1", "amount"] == 1.5
    assert frame.loc["idn-troops-1", "amount"] is pd.NA
    # Blank text stays an empty string.
    assert frame.loc["idn-troops-1", "currency"] == ""
    assert frame["line"].dtype == "int64"
    assert frame["line"].tolist() == list(range(2, 13))


# --- where the file comes from -----------------------------------------------------------------


def test_missing_file_is_unreadable(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(UnreadableFile, match=re.escape(f"{missing}: no such file")):
        read_commitments(missing, today=TODAY)


def test_directory_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match=re.escape(f"{tmp_path}: is a directory")):
        read_commitments(tmp_path, today=TODAY)


def test_the_core_reads_the_bundled_file_whatever_the_environment_says(monkeypatch):
    # Which file a process serves is the caller's choice (dashboard/settings.py): the core reads
    # only what it is handed, so a stray COMMITMENTS_CSV cannot redirect a library call.
    monkeypatch.setenv("COMMITMENTS_CSV", str(BROKEN_DIR / "bad_date.csv"))
    assert len(read_commitments()) == len(read_commitments(BUNDLED_COMMITMENTS))


# --- odd cells: each is one located problem, never a crash or a message about another cell ---

HEADER = ",".join(COLUMNS)
GOOD = (
    'idn-troops-20260219,2026-02-19,day,IDN,troops,committed,,8000,,,"up to 8,000",,,,'
    "Reuters via The Straits Times,https://www.straitstimes.com/x,2026-02-20,wire,committed,en,,"
)


def one_row(tmp_path: Path, **changes: str) -> Path:
    """A one-row file with some cells changed; returns its path."""
    cells = dict(zip(COLUMNS, next(iter(__import__("csv").reader([GOOD]))), strict=True))
    cells.update(changes)
    path = tmp_path / "one.csv"
    quoted = ['"' + v.replace('"', '""') + '"' for v in cells.values()]
    path.write_text(HEADER + "\n" + ",".join(quoted) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("personnel_low", "²", "'²' is not a whole number"),
        ("personnel_high", "٨٠٠٠", "'٨٠٠٠' is not a whole number"),
        ("personnel_high", "99999999999999999999", "too large for a number of people"),
        ("date", "2026-W08-4", "'2026-W08-4' is not a valid ISO 8601 date"),
    ],
)
def test_odd_numbers_and_dates_are_problems_not_crashes(tmp_path, column, value, fragment):
    # A wording with both bounds, so that no encoding rule speaks about the odd cell too.
    path = one_row(tmp_path, number_wording="8,000", **{column: value})
    problems = problems_of(path)
    assert [str(p) for p in problems] == [next(str(p) for p in problems if fragment in str(p))], (
        listing(problems)
    )
    assert problems[0].line == 2
    assert problems[0].column == column


def test_full_width_amount_and_lowercase_currency_are_rejected(tmp_path):
    path = one_row(
        tmp_path,
        role="funding",
        personnel_high="",
        number_wording="",
        amount="５００",
        currency="usd",
    )
    problems = problems_of(path)
    assert {p.column for p in problems} == {"amount", "currency"}, listing(problems)


def test_bad_byte_after_a_byte_order_mark_is_located_exactly(tmp_path):
    path = tmp_path / "bom_bad.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"\n" + GOOD.encode() + b"\n\xe9x\n")
    problems = problems_of(path)
    first = problems[0]
    assert (first.line, first.column) == (3, "(file)")
    offset = 3 + len(HEADER) + 1 + len(GOOD) + 1
    assert first.wrong == (
        f"byte 0xe9 at offset {offset} is not UTF-8 (column 1; in Windows-1252 it is 'é')"
    )


def test_header_with_a_broken_quote_is_not_also_called_empty(tmp_path):
    path = tmp_path / "broken_header.csv"
    path.write_text('"id,date\n', encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1
    assert "cannot be parsed" in problems[0].wrong


def test_a_file_without_the_language_columns_gets_one_message_per_column(tmp_path):
    # A file in the format before quote_language: the header says what is missing, once,
    # instead of every quoted row saying its language is not given.
    path = tmp_path / "old.csv"
    old = COLUMNS[: COLUMNS.index("quote") + 1]
    cells = next(iter(__import__("csv").reader([GOOD])))[: len(old)]
    quoted = ['"' + v + '"' for v in cells]
    path.write_text(",".join(old) + "\n" + ",".join(quoted) + "\n", encoding="utf-8")
    problems = problems_of(path)
    assert [(p.line, p.column) for p in problems] == [
        (1, "quote_language"),
        (1, "quote_translation"),
        (1, "checked"),
    ], listing(problems)
    assert all("an expected column is missing from the header" in p.wrong for p in problems)


# --- the encoding rules: variants each rule catches, and near misses it lets through ---------

CYRILLIC = "Казахстан направит военнослужащих"


@pytest.mark.parametrize(
    ("changes", "column", "fragment"),
    [
        (
            {"personnel_low": "0", "personnel_high": "500", "number_wording": "0 to 500"},
            "personnel_low",
            "0 is recorded",
        ),
        (
            {
                "personnel_low": "20000",
                "personnel_high": "25000",
                "number_wording": "20,000 or even more",
            },
            "personnel_high",
            "is open-ended",
        ),
        (
            {"personnel_low": "500", "personnel_high": "600", "number_wording": "500+"},
            "personnel_high",
            "is open-ended",
        ),
        (
            {
                "personnel_low": "1000",
                "personnel_high": "1200",
                "number_wording": "more than 1,000",
            },
            "personnel_high",
            "is open-ended",
        ),
        (
            {"personnel_low": "500", "personnel_high": "600", "number_wording": "at least 500"},
            "personnel_high",
            "is open-ended",
        ),
        ({"personnel_low": "5000", "number_wording": "Up to 5,000"}, "personnel_low", "no lower"),
        (
            {
                "personnel_low": "500",
                "personnel_high": "2000",
                "number_wording": "500 in May, 2,000 by 2027",
            },
            "personnel_high",
            "is a phased schedule",
        ),
        (
            {"source_outlet": "AP via AFN", "source_kind": "secondary", "status": "reported"},
            "source_kind",
            "credits AP, a wire agency, but the kind is 'secondary'",
        ),
        ({"speaker": "Anonymous sources"}, "status", "an anonymous speaker"),
        (
            {"quote": "Egypt will train police", "quote_language": "ar", "quote_translation": "x"},
            "quote",
            "no Arabic letters",
        ),
        (
            {"quote": "Israel agrees", "quote_language": "he", "quote_translation": "x"},
            "quote",
            "no Hebrew letters",
        ),
        (
            {"quote": "Greece will send troops", "quote_language": "el", "quote_translation": "x"},
            "quote",
            "no Greek letters",
        ),
        (
            {"personnel_low": "500", "personnel_high": "600", "number_wording": "At least 500"},
            "personnel_high",
            "is open-ended",
        ),
        (
            {"personnel_low": "00", "personnel_high": "00", "number_wording": ""},
            "personnel_low",
            "0 is recorded",
        ),
        (
            {"source_outlet": "Reuters via The Straits Times", "source_kind": "official"},
            "source_kind",
            "credits Reuters, a wire agency, but the kind is 'official'",
        ),
        ({"quote": "Gaza: مصر مستعدة"}, "quote_language", "written in Arabic letters"),
        ({"quote": "Israel says כן"}, "quote_language", "written in Hebrew letters"),
        ({"quote": "Greece says ναι"}, "quote_language", "written in Greek letters"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_encoding_rule_catches_its_variants(tmp_path, changes, column, fragment):
    problems = problems_of(one_row(tmp_path, **changes))
    assert len(problems) == 1, listing(problems)
    assert (problems[0].line, problems[0].column) == (2, column), listing(problems)
    assert fragment in problems[0].wrong


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            {
                "personnel_low": "0",
                "personnel_high": "0",
                "number_wording": "no troops",
                "status": "declined",
            },
            id="a stated zero with its words",
        ),
        pytest.param(
            {"personnel_low": "20000", "personnel_high": "", "number_wording": "20,000 or more"},
            id="open-ended with a blank upper bound",
        ),
        pytest.param(
            {"personnel_low": "500", "personnel_high": "", "number_wording": "500+"},
            id="500+ with a blank upper bound",
        ),
        pytest.param(
            # "or more" wins over "up to": an open-ended figure keeps its lower bound.
            {
                "personnel_low": "8000",
                "personnel_high": "",
                "number_wording": "up to 8,000 or more",
            },
            id="up to 8,000 or more",
        ),
        pytest.param(
            {"personnel_low": "5000", "personnel_high": "8000", "number_wording": "5,000 to 8,000"},
            id="a range with no time",
        ),
        pytest.param(
            {
                "personnel_low": "1000",
                "personnel_high": "1000",
                "number_wording": "1,000 by early April, 5,000 by June",
            },
            id="a schedule recorded as the figure that stands now",
        ),
        pytest.param(
            {
                "role": "funding",
                "personnel_high": "",
                "amount": "1000000000",
                "currency": "USD",
                "number_wording": "$1 billion over the coming years",
            },
            id="funding over the coming years",
        ),
        pytest.param(
            {"source_outlet": "21st News", "source_kind": "secondary", "status": "reported"},
            id="a secondary source reported",
        ),
        pytest.param(
            {"speaker": "An unnamed official", "status": "reported"},
            id="an unnamed speaker reported",
        ),
        pytest.param({"speaker": "Namely Anonymousson"}, id="anonymous only inside a word"),
        pytest.param(
            {
                "quote": CYRILLIC,
                "quote_language": "ru",
                "quote_translation": "Kazakhstan will send",
            },
            id="a Russian quote with its translation",
        ),
        pytest.param(
            {"quote": "Indonesia siap", "quote_language": "id", "quote_translation": "ready"},
            id="a Latin-script language with its translation",
        ),
        pytest.param({"quote": "", "quote_language": ""}, id="no quote, no language"),
        pytest.param({"checked": "2026-02-20"}, id="checked on the day of publication"),
        pytest.param(
            {"source_date": "", "checked": "2026-02-19"}, id="checked on the statement date"
        ),
        pytest.param(
            {"source_outlet": "MENAFN", "source_kind": "media"}, id="MENA only inside MENAFN"
        ),
        pytest.param(
            {"source_outlet": "The National via Reuters Connect", "source_kind": "media"},
            id="an agency after via is not the origin",
        ),
        pytest.param(
            {"source_outlet": "Anadolu Agency", "source_kind": "wire"}, id="an agency's full name"
        ),
        pytest.param(
            {
                "personnel_low": "500",
                "personnel_high": "800",
                "number_wording": "500 to 800 from Marine units",
            },
            id="'from' before a word that starts like a month is no schedule",
        ),
        pytest.param(
            {
                "personnel_low": "1000",
                "personnel_high": "1500",
                "number_wording": "1,000 to 1,500 approved by decree",
            },
            id="'by' before a word that starts like a month is no schedule",
        ),
        pytest.param(
            {"source_outlet": "Global Trend Daily", "source_kind": "media"},
            id="an agency's short name inside another outlet's",
        ),
        pytest.param(
            {"source_outlet": "The Canadian Press via CJME", "source_kind": "wire"},
            id="an agency named with The",
        ),
    ],
)
def test_near_misses_of_the_encoding_rules_are_valid(tmp_path, changes):
    frame = read_commitments(one_row(tmp_path, **changes), today=TODAY)
    assert frame["id"].tolist() == ["idn-troops-20260219"]


@pytest.mark.parametrize(
    ("outlet", "agency"),
    [
        ("Reuters via The Straits Times", "Reuters"),
        ("AP", "AP"),
        ("Associated Press", "Associated Press"),  # the longest name, not AP inside it
        ("Anadolu Agency", "Anadolu"),
        ("AFP via LBC", "AFP"),
        ("The Straits Times", None),
        ("MENAFN", None),
        ("The National via Reuters Connect", None),  # the origin is before " via "
        ("The Canadian Press via CJME", "Canadian Press"),
        ("Global Trend Daily", None),  # a short agency name inside another outlet's name
    ],
)
def test_wire_agency_reads_the_origin_of_a_credit(outlet, agency):
    assert wire_agency(outlet) == agency


def test_an_unknown_language_code_gets_one_message(tmp_path):
    # The code is unknown, so whether a translation is needed cannot be judged: one message.
    problems = problems_of(one_row(tmp_path, quote="Indonesia siap", quote_language="eng"))
    assert [(p.column, p.wrong) for p in problems] == [
        ("quote_language", "'eng' is not an ISO 639-1 language code")
    ], listing(problems)


# --- what is not a readable text file: pipes, devices, huge files, huge cells, other encodings --


def within(seconds: float, call: Callable[[], object]) -> BaseException | None:
    """Run `call` in a thread; fail if it is still running after `seconds`, else what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as err:
            raised.append(err)

    # A daemon thread: a loader stuck on a pipe must fail this test, not hang the whole run.
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return raised[0] if raised else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_unreadable_at_once(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    raised = within(20, lambda: read_commitments(pipe, today=TODAY))
    assert isinstance(raised, UnreadableFile)
    assert str(raised) == (
        f"{pipe}: is a named pipe, not a regular file; give the path of a CSV file"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("reader", [read_targets, read_places])
def test_every_data_file_refuses_a_named_pipe(tmp_path, reader):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    raised = within(20, lambda: reader(pipe))
    assert isinstance(raised, UnreadableFile)
    assert "is a named pipe" in str(raised)


def test_directory_says_what_to_give_instead(tmp_path):
    with pytest.raises(UnreadableFile) as caught:
        read_commitments(tmp_path, today=TODAY)
    assert str(caught.value) == (
        f"{tmp_path}: is a directory, not a regular file; give the path of a CSV file"
    )


def test_symlink_to_a_regular_file_is_read(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(VALID_DIR / "non_ascii.csv")
    assert read_commitments(link, today=TODAY)["id"].tolist() == VALID["non_ascii.csv"]


def test_file_over_the_size_limit_is_unreadable(monkeypatch):
    path = VALID_DIR / "non_ascii.csv"
    size = path.stat().st_size
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(UnreadableFile) as caught:
        read_commitments(path, today=TODAY)
    assert str(caught.value) == f"{path}: is {size:,} bytes; the limit is {size - 1:,} bytes"


def test_file_at_the_size_limit_is_read(monkeypatch):
    path = VALID_DIR / "non_ascii.csv"
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", path.stat().st_size)
    assert read_commitments(path, today=TODAY)["id"].tolist() == VALID["non_ascii.csv"]


def test_default_size_limit_leaves_room_for_the_planned_data():
    # The dataset is planned to grow to some 100,000 statements: the limit must leave twice that
    # room at today's row size (the bundled rows are well under 1 KB each).
    rows = BUNDLED_COMMITMENTS.read_bytes().count(b"\n")
    per_row = BUNDLED_COMMITMENTS.stat().st_size / rows
    assert 100_000 * per_row * 2 < loading.MAX_FILE_BYTES


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_that_understates_its_size_is_read_only_up_to_the_limit(monkeypatch):
    # /proc files say they are empty; the read itself must stop at the limit.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableFile) as caught:
        read_commitments(status, today=TODAY)
    assert str(caught.value) == f"{status}: is over 100 bytes, the limit"


def test_megabytes_are_said_in_megabytes():
    assert loading._size(256_000_000) == "256 MB"
    assert loading._size(300_500_000) == "300.5 MB"
    assert loading._size(999) == "999 bytes"


def test_a_one_megabyte_cell_is_too_long_not_a_quoting_problem(tmp_path):
    length = 1_048_576
    path = one_row(tmp_path, number_wording="8,000", note="x" * length)
    problems = problems_of(path)
    assert len(problems) == 1, listing(problems)
    (problem,) = problems
    assert (problem.line, problem.column) == (2, "note")
    assert problem.wrong == (
        f"the cell is too long: 1,048,576 characters; the limit is {loading.MAX_CELL_CHARS:,}"
    )
    assert "quote" not in str(problem).replace("quote_", "")
    assert len(str(problem)) < 300


def test_a_cell_at_the_length_limit_is_valid(tmp_path):
    path = one_row(tmp_path, number_wording="8,000", note="x" * loading.MAX_CELL_CHARS)
    assert len(read_commitments(path, today=TODAY)) == 1


def test_every_long_cell_is_reported_and_the_other_rows_still_checked(tmp_path):
    long = "y" * (loading.MAX_CELL_CHARS + 1)
    good = next(iter(__import__("csv").reader([GOOD])))
    rows = [
        [long if c == "id" else v for c, v in zip(COLUMNS, good, strict=True)],
        [long if c in ("speaker", "note") else v for c, v in zip(COLUMNS, good, strict=True)],
        [v.replace("IDN", "IDX") for v in good],
    ]
    path = tmp_path / "long.csv"
    quoted = (",".join('"' + v.replace('"', '""') + '"' for v in row) for row in rows)
    path.write_text(HEADER + "\n" + "\n".join(quoted) + "\n", encoding="utf-8")
    problems = problems_of(path)
    assert [(p.line, p.column) for p in problems] == [
        (2, "id"),
        (3, "speaker"),
        (3, "note"),
        (4, "country"),
    ], listing(problems)
    assert all(long not in str(p) for p in problems)


def test_a_long_header_cell_is_the_only_problem(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text(HEADER + "," + "z" * 200_000 + "\n" + GOOD + ",\n", encoding="utf-8")
    problems = problems_of(path)
    assert [(p.line, p.column) for p in problems] == [(1, f"field {len(COLUMNS) + 1}")]
    assert "200,000 characters" in problems[0].wrong


def test_every_line_with_bytes_that_are_not_utf8_is_reported(tmp_path):
    # A file edited in two programs: UTF-8 lines, and lines saved as Windows-1252.
    rows = [
        GOOD.replace("idn-troops-20260219", f"idn-troops-2026021{day}").encode()
        for day in range(1, 6)
    ]
    rows[0] = rows[0].replace(b"Straits", "Str\u00e9its".encode())  # UTF-8: fine
    rows[1] = rows[1].replace(b"Straits", "Str\u00e9its".encode("cp1252"))
    rows[2] = rows[2].replace(b"Times", "T\u00eemes".encode("cp1252"))
    rows[4] = rows[4].replace(b"Times", "Times \u20ac".encode("cp1252"))
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"\n".join(rows) + b"\n")
    problems = problems_of(path)
    raw = path.read_bytes()
    assert [(p.line, p.column) for p in problems] == [(3, "(file)"), (4, "(file)"), (6, "(file)")]
    for problem, byte, meant in zip(problems, (0xE9, 0xEE, 0x80), "éî€", strict=True):
        offset = raw.index(bytes([byte]))
        line_start = raw.rindex(b"\n", 0, offset) + 1
        column = len(raw[line_start:offset].decode()) + 1
        assert problem.wrong == (
            f"byte 0x{byte:02x} at offset {offset} is not UTF-8 "
            f"(column {column}; in Windows-1252 it is '{meant}')"
        )
        assert problem.fix == "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"


def test_only_the_first_bad_byte_of_a_line_is_reported(tmp_path):
    path = one_row(tmp_path, number_wording="8,000")
    path.write_bytes(path.read_bytes().replace(b"Straits", b"Str\xe9\xe9its \xff"))
    problems = problems_of(path)
    assert [(p.line, p.column) for p in problems] == [(2, "(file)")], listing(problems)


def test_a_file_in_another_encoding_gets_a_bounded_list(tmp_path):
    cap = loading.MAX_DECODING_PROBLEMS
    path = tmp_path / "latin1.csv"
    lines = [HEADER] + [f"caf\u00e9-{n},x" for n in range(cap + 30)]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    problems = problems_of(path)
    assert len(problems) == cap + 1, listing(problems)
    assert [p.line for p in problems[:cap]] == list(range(2, cap + 2))
    rest = problems[-1]
    assert (rest.line, rest.column) == (cap + 2, "(file)")
    assert rest.wrong == "30 more lines have bytes that are not UTF-8; the rows were not checked"


def test_a_binary_file_is_reported_in_a_few_lines(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(bytes(range(256)) * 4000)
    problems = problems_of(path)
    assert len(problems) == loading.MAX_DECODING_PROBLEMS + 1
    assert problems[-1].wrong.startswith("3,950 more lines have bytes that are not UTF-8")


def test_the_country_points_are_read_through_the_same_checks(monkeypatch, tmp_path):
    pipe_free = tmp_path / "points.csv"
    pipe_free.write_bytes(b"iso3,lon,lat,how\nIDN,1,2,caf\xe9\n")
    monkeypatch.setattr(loading, "COUNTRY_POINTS", pipe_free)
    with pytest.raises(InvalidData) as caught:
        read_country_points()
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "(file)")]


def test_the_limits_are_documented():
    readme = (loading.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert (
        f"at most {loading._size(loading.MAX_FILE_BYTES)}, and a cell holds at most "
        f"{loading.MAX_CELL_CHARS:,} characters" in readme
    )


def _first_row_with(tmp_path, **cells: str):
    """A commitments file of the bundled data's first row, with `cells` changed."""
    text = BUNDLED_COMMITMENTS.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([text[0]]))
    row = {**next(csv.DictReader(text[:2])), **cells}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    path = tmp_path / "commitments.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "hidden", ["\u202e", "\u2066", "\u200f", "\u200b", "\x07"], ids=lambda c: f"U+{ord(c):04X}"
)
def test_an_invisible_character_in_a_cell_is_a_problem_at_its_line_and_column(tmp_path, hidden):
    path = _first_row_with(tmp_path, source_outlet=f"Reuters via Some{hidden}Site")
    with pytest.raises(InvalidData) as caught:
        read_commitments(path)
    [problem] = [p for p in caught.value.problems if "invisible character" in p.wrong]
    assert problem.line == 2
    assert problem.column == "source_outlet"
    assert f"U+{ord(hidden):04X}" in problem.wrong
    assert "position 17" in problem.wrong  # after "Reuters via Some"


def test_line_breaks_and_tabs_inside_a_cell_are_not_hidden_characters(tmp_path):
    path = _first_row_with(tmp_path, note="first line\nsecond line\twith a tab")
    assert len(read_commitments(path)) == 1


# --- events.csv and missions.csv: the same located problems as statements --------------------

GOOD_EVENT = {
    "id": "unsc-resolution-2803",
    "date": "2025-11-17",
    "date_precision": "day",
    "title": "UN Security Council resolution 2803",
    "kind": "un",
    "source_outlet": "UN News",
    "source_url": "https://news.un.org/en/story/2025/11/1166380",
    "source_date": "2025-11-17",
    "source_kind": "official",
    "quote": "the resolution authorizes an International Stabilization Force",
    "quote_language": "en",
}
GOOD_MISSION = {
    "id": "unifil-deployed",
    "mission": "UNIFIL",
    "name": "United Nations Interim Force in Lebanon",
    "location": "Southern Lebanon",
    "figure": "deployed",
    "value": "7500",
    "unit": "troops",
    "date": "2026-02-10",
    "date_precision": "day",
    "source_outlet": "AFP via LBC",
    "source_url": "https://www.lbcgroup.tv/news/904737",
    "source_date": "2026-02-10",
    "source_kind": "wire",
}
SOURCED = {
    "events": (loading.read_events, loading.event_columns, GOOD_EVENT),
    "missions": (loading.read_missions, loading.mission_columns, GOOD_MISSION),
}


def sourced_file(tmp_path: Path, what: str, *rows: dict[str, str]) -> Path:
    """An events or missions file with every column: a good row changed by each of `rows`."""
    _, columns, good = SOURCED[what]
    path = tmp_path / f"{what}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c.name for c in columns(TODAY)], restval="")
        writer.writeheader()
        for i, changes in enumerate(rows):
            writer.writerow({**good, "id": f"{good['id']}-{i}", **changes})
    return path


@pytest.mark.parametrize(
    ("what", "changes", "column", "fragment"),
    [
        ("events", {"kind": "diplomcy"}, "kind", "'diplomcy' is not a known kind (did you mean"),
        ("events", {"title": ""}, "title", "a value is required"),
        ("events", {"date": "2025-11-31"}, "date", "'2025-11-31' is not a valid ISO 8601 date"),
        (
            "events",
            {"date": "2027-01-15", "source_date": ""},
            "date",
            "'2027-01-15' is in the future (today is 2026-11-28)",
        ),
        (
            "events",
            {"date": "2025-11-18"},
            "date",
            "the statement date 2025-11-18 is after the source's publication date 2025-11-17",
        ),
        ("events", {"source_kind": "newspaper"}, "source_kind", "'newspaper' is not a known"),
        ("events", {"quote_language": ""}, "quote_language", "the quote's language is not given"),
        ("missions", {"value": "7,500"}, "value", "'7,500' is not a whole number"),
        ("missions", {"value": ""}, "value", "a value is required"),
        ("missions", {"figure": "deploy"}, "figure", "'deploy' is not a known mission figure"),
        ("missions", {"mission": ""}, "mission", "a value is required"),
        (
            "missions",
            {"date": "2026-02-11"},
            "date",
            "the statement date 2026-02-11 is after the source's publication date 2026-02-10",
        ),
        (
            "missions",
            {"date_precision": "month"},
            "date",
            "'2026-02-10' has month precision but is not the first of the month",
        ),
        ("missions", {"source_url": "javascript:alert(1)"}, "source_url", "not an http(s)"),
    ],
    ids=repr,
)
def test_a_broken_events_or_missions_row_is_one_problem_at_its_line_and_column(
    tmp_path, what, changes, column, fragment
):
    # Two good rows, then the broken one: the problem is on line 4 of the file.
    reader = SOURCED[what][0]
    path = sourced_file(tmp_path, what, {}, {}, changes)
    problems = problems_of(path, reader)
    assert len(problems) == 1, listing(problems)
    assert matches(problems[0], path, 4, column, fragment), listing(problems)


@pytest.mark.parametrize(
    ("what", "changes", "suggestion"),
    [
        ("events", {"kind": "diplomcy"}, "did you mean 'diplomacy'?"),
        ("events", {"kind": "UN"}, "did you mean 'un'?"),
        ("missions", {"figure": "deploy"}, "did you mean 'deployed'?"),
    ],
)
def test_a_misspelt_term_of_events_or_missions_gets_a_suggestion(
    tmp_path, what, changes, suggestion
):
    [problem] = problems_of(sourced_file(tmp_path, what, changes), SOURCED[what][0])
    assert problem.fix.startswith(suggestion)


def test_every_broken_events_row_is_reported_in_one_pass(tmp_path):
    path = sourced_file(
        tmp_path, "events", {"kind": "diplomcy"}, {}, {"title": ""}, {"id": "Bad Id"}
    )
    problems = problems_of(path, loading.read_events)
    assert [(p.line, p.column) for p in problems] == [(2, "kind"), (4, "title"), (5, "id")]


@pytest.mark.parametrize("what", ["events", "missions"])
def test_a_duplicate_id_in_events_or_missions_is_a_problem(tmp_path, what):
    _, _, good = SOURCED[what]
    path = sourced_file(tmp_path, what, {"id": good["id"]}, {"id": good["id"]})
    problems = problems_of(path, SOURCED[what][0])
    assert problems, listing(problems)
    assert all(p.column == "id" and "used on more than one row" in p.wrong for p in problems)


@pytest.mark.parametrize("what", ["events", "missions"])
def test_an_events_or_missions_file_with_a_header_only_is_not_empty_data(tmp_path, what):
    path = sourced_file(tmp_path, what)
    [problem] = problems_of(path, SOURCED[what][0])
    assert matches(problem, path, 2, "(row)", f"the file has a header but no {what}")


@pytest.mark.parametrize("what", ["events", "missions"])
def test_an_empty_events_or_missions_file_says_which_header_to_start_with(tmp_path, what):
    path = tmp_path / f"{what}.csv"
    path.write_text("", encoding="utf-8")
    [problem] = problems_of(path, SOURCED[what][0])
    assert matches(problem, path, 1, "(file)", "the file is empty")
    assert ",".join(c.name for c in SOURCED[what][1](TODAY)) in problem.fix


@pytest.mark.parametrize(("what", "column"), [("events", "kind"), ("missions", "value")])
def test_a_required_column_missing_from_an_events_or_missions_header(tmp_path, what, column):
    _, columns, good = SOURCED[what]
    names = [c.name for c in columns(TODAY) if c.name != column]
    path = tmp_path / f"{what}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerow(good)
    problems = problems_of(path, SOURCED[what][0])
    assert any(
        matches(p, path, 1, column, "a required column is missing from the header")
        for p in problems
    ), listing(problems)


def test_good_events_and_missions_load_typed_in_date_order(tmp_path):
    events = loading.read_events(
        sourced_file(tmp_path, "events", {"date": "2025-11-17"}, {"date": "2025-10-10"}),
        today=TODAY,
    )
    assert list(events["id"]) == ["unsc-resolution-2803-1", "unsc-resolution-2803-0"]
    assert list(events["line"]) == [3, 2]
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    missions = loading.read_missions(sourced_file(tmp_path, "missions", {}), today=TODAY)
    assert missions["value"].tolist() == [7500]
    assert missions["value"].dtype == "int64"


def test_the_bundled_events_and_missions_validate():
    events = loading.read_events()
    missions = loading.read_missions()
    assert len(events) > 0
    assert len(missions) > 0
    assert events["id"].is_unique
    assert missions["id"].is_unique
    assert events["date"].is_monotonic_increasing
    assert set(missions["figure"]) <= {"authorised", "deployed"}
    # One row per mission and figure: the comparison reads one of each.
    assert not missions.duplicated(["mission", "figure"]).any()
    assert loading.BUNDLED_EVENTS.name == "events.csv"
    assert loading.BUNDLED_MISSIONS.name == "missions.csv"


# --- condition_codes: each unknown code named, and an older header without the column ---------


def test_a_misspelt_condition_code_is_named_alone_with_a_suggestion(tmp_path):
    path = _first_row_with(tmp_path, condition_codes="no_combatt;un_mandate")
    with pytest.raises(InvalidData) as caught:
        read_commitments(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, "condition_codes")
    assert problem.wrong == "'no_combatt' is not a known condition code"
    assert problem.fix.startswith("did you mean 'no_combat'? use codes from: un_mandate, ")
    assert "un_mandate'" not in problem.wrong  # the known code is not blamed


def test_each_unknown_condition_code_of_a_cell_is_its_own_problem(tmp_path):
    path = _first_row_with(tmp_path, condition_codes="un_mandat; no_combat ;xyz")
    with pytest.raises(InvalidData) as caught:
        read_commitments(path)
    problems = caught.value.problems
    assert [(p.line, p.column, p.wrong) for p in problems] == [
        (2, "condition_codes", "'un_mandat' is not a known condition code"),
        (2, "condition_codes", "'xyz' is not a known condition code"),
    ]
    assert problems[0].fix.startswith("did you mean 'un_mandate'?")
    assert "did you mean" not in problems[1].fix


@pytest.mark.parametrize("codes", ["", "un_mandate", " un_mandate ; no_combat ", "temporary;"])
def test_known_condition_codes_load_as_written(tmp_path, codes):
    frame = read_commitments(_first_row_with(tmp_path, condition_codes=codes))
    assert frame["condition_codes"].tolist() == [codes.strip()]


def test_a_commitments_file_without_the_condition_codes_column_loads_with_blank_codes(tmp_path):
    # The header of COLUMNS predates condition_codes: the column may be left out.
    assert "condition_codes" not in COLUMNS
    frame = read_commitments(one_row(tmp_path), today=TODAY)
    assert frame["condition_codes"].tolist() == [""]
    schema_order = [c.name for c in loading.commitment_columns(TODAY)]
    assert list(frame.columns) == [*schema_order, "line"]
