"""Read the data files, report every problem in one pass, and return typed, trusted frames."""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard.core.schema import (
    ColumnSpec,
    commitment_columns,
    correction_columns,
    event_columns,
    is_iso_date,
    is_language,
    mission_columns,
    pandera_schema,
    place_columns,
    target_columns,
)
from dashboard.core.vocabulary import MONEY_ROLES, wire_agency

_PACKAGE = Path(__file__).resolve().parents[1]
# In a checkout the data is the repository's own data/ folder; an installed package carries a
# copy of that folder as dashboard/bundled_data (pyproject.toml maps one onto the other).
DATA_DIR = (
    _PACKAGE.parent / "data"
    if (_PACKAGE.parent / "pyproject.toml").is_file()
    else _PACKAGE / "bundled_data"
)
BUNDLED_COMMITMENTS = DATA_DIR / "commitments.csv"
BUNDLED_EVENTS = DATA_DIR / "events.csv"
BUNDLED_MISSIONS = DATA_DIR / "missions.csv"
BUNDLED_TARGETS = DATA_DIR / "targets.csv"
BUNDLED_PLACES = DATA_DIR / "places.csv"
# These two sit beside the commitments file they describe (see `dashboard.core.dataset`).
REVIEW_NAME = "review.toml"
CORRECTIONS_NAME = "corrections.csv"
COUNTRY_POINTS = Path(__file__).resolve().parents[1] / "static" / "country_points.csv"

ROW = "(row)"
FILE = "(file)"
# The bundled data is about 100 KB, some 670 bytes a statement; the 100,000 statements planned
# in issue #14 would be about 70 MB. 256 MB leaves room for that and more, and still keeps a
# wrong path (a disk image, a log) from filling the memory of the page's server.
MAX_FILE_BYTES = 256_000_000
# The longest cell of the bundled data is a note of some 700 characters. A cell longer than
# this is a pasted document or a runaway field, and would swamp the page and every message.
MAX_CELL_CHARS = 10_000
# A file in another encoding has a bad byte on every line with an accent, and a binary file on
# nearly every line: the first ones say what to do, and the rest are counted.
MAX_DECODING_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located and explained."""

    path: str
    line: int
    column: str
    wrong: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.column}: {self.wrong} ({self.fix})"


class UnreadableFile(Exception):
    """The file cannot be read at all: missing, not a regular file, too large, no permission."""


class InvalidData(Exception):
    """The file was read but breaks the schema; `problems` lists every problem found."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)")


def read_text(path: Path, what: str = "a CSV file") -> tuple[str, list[Problem]]:
    """Read a data file as UTF-8 text; report every line that has a byte that is not UTF-8.

    Only a regular file of at most `MAX_FILE_BYTES` is read: a named pipe would wait for a
    writer for ever, and a device like /dev/zero would never end.

    Args:
        path: the file to read.
        what: what the file should be, for the message when it is something else.

    Returns:
        The text, without a byte order mark and with undecodable bytes replaced so that the
        other checks still run, and one problem per line that has undecodable bytes.

    Raises:
        UnreadableFile: the file is missing, not a regular file, too large or unreadable.
        InvalidData: more than `MAX_DECODING_PROBLEMS` lines have undecodable bytes; the file
            is likely in another encoding or not text at all, and its rows are not checked.
    """
    raw = _read_bytes(path, what)
    name = str(path)
    # A byte order mark is accepted: spreadsheet programs like to add one.
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems: list[Problem] = []
    more, first_unreported = 0, 0
    for line, column, offset in _undecodable(raw, bom):
        if len(problems) < MAX_DECODING_PROBLEMS:
            problems.append(_decoding_problem(name, raw, line, column, offset))
        else:
            more += 1
            first_unreported = first_unreported or line
    if more:
        problems.append(
            Problem(
                name,
                first_unreported,
                FILE,
                f"{more:,} more line{' has' if more == 1 else 's have'} bytes that are not "
                "UTF-8; the rows were not checked",
                f"save the file as UTF-8, or give the path of {what} if this is another file",
            )
        )
        raise InvalidData(name, problems)
    # Keep checking the rest: decode with replacement so other problems still show up.
    return raw[bom:].decode("utf-8", errors="replace"), problems


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        # Judge the path before opening it: opening a named pipe waits for a writer.
        _check_regular(path, os.stat(path).st_mode, what)
        # Not blocking, and judged again once open, in case the path changed since the stat.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(path, flags), "rb") as file:
            opened = os.fstat(file.fileno())
            _check_regular(path, opened.st_mode, what)
            _check_size(path, opened.st_size)
            # The size a file reports is not trusted (/proc files say 0): read one byte past
            # the limit at most, enough to know it is over.
            chunks: list[bytes] = []
            total = 0
            while total <= MAX_FILE_BYTES:
                chunk = file.read(min(_CHUNK_BYTES, MAX_FILE_BYTES + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except FileNotFoundError as err:
        raise UnreadableFile(f"{path}: no such file") from err
    except OSError as err:
        raise UnreadableFile(f"{path}: cannot be read ({err.strerror})") from err
    if total > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path}: is over {_size(MAX_FILE_BYTES)}, the limit")
    return b"".join(chunks)


_CHUNK_BYTES = 1 << 20
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(path: Path, mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((kind for is_kind, kind in _FILE_KINDS if is_kind(mode)), "a special file")
    raise UnreadableFile(f"{path}: is {kind}, not a regular file; give the path of {what}")


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path}: is {_size(size)}; the limit is {_size(MAX_FILE_BYTES)}")


def _size(count: int) -> str:
    if count < 1_000_000:
        return f"{count:,} bytes"
    return f"{count / 1_000_000:,.1f} MB".replace(".0 MB", " MB")


def _undecodable(raw: bytes, start: int) -> Iterator[tuple[int, int, int]]:
    """Yield (line, column, offset) of the first byte that is not UTF-8 on each line with one."""
    # Line by line, so that a file with a bad byte on every line is still crossed only once.
    view = memoryview(raw)
    line, position = 1, start
    while position < len(raw):
        end = raw.find(b"\n", position)
        end = len(raw) if end < 0 else end
        try:
            str(view[position:end], "utf-8")
        except UnicodeDecodeError as err:
            column = len(str(view[position : position + err.start], "utf-8")) + 1
            yield line, column, position + err.start
        line, position = line + 1, end + 1


def _decoding_problem(name: str, raw: bytes, line: int, column: int, offset: int) -> Problem:
    byte = raw[offset : offset + 1]
    # The usual cause is a file saved as Windows-1252 (Excel's "CSV"): name the letter it meant.
    meant = byte.decode("cp1252", errors="replace")
    known = meant.isprintable() and meant != "\ufffd"
    guess = f"; in Windows-1252 it is '{meant}'" if known else ""
    return Problem(
        name,
        line,
        FILE,
        f"byte 0x{byte[0]:02x} at offset {offset} is not UTF-8 (column {column}{guess})",
        "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
    )


def _records(path: str, text: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Split CSV text into (first line number, fields) records, skipping blank lines."""
    records: list[tuple[int, list[str]]] = []
    # A long cell must be parsed to be reported as too long, not as a broken quote. The limit
    # is process-wide, so it is only ever raised; no cell is longer than a readable file.
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next_line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            return records, [
                Problem(
                    path,
                    next_line,
                    ROW,
                    f"the CSV cannot be parsed from this line on: {err}",
                    "check the quotes on this line: a field that contains a quote is wrapped "
                    'in quotes and the quote is doubled (""); rows after it were not checked',
                )
            ]
        start, next_line = next_line, reader.line_num + 1
        if fields and any(f.strip() for f in fields):
            records.append((start, fields))
    return records, []


def _check_header(path: str, header: list[str], columns: tuple[ColumnSpec, ...]) -> list[Problem]:
    known = [c.name for c in columns]
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    name or "(blank)",
                    "the column appears twice",
                    "keep one column of that name",
                )
            )
        seen.add(name)
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Problem(
                    path,
                    1,
                    name or "(blank)",
                    f"unknown column '{name}'",
                    f"{hint}remove it or rename it; the columns are: {', '.join(known)}",
                )
            )
    for spec in columns:
        if spec.name not in header and not spec.may_be_absent:
            need = "a required column" if spec.required else "an expected column"
            problems.append(
                Problem(
                    path,
                    1,
                    spec.name,
                    f"{need} is missing from the header",
                    f"add a column named '{spec.name}' ({spec.description})",
                )
            )
    return problems


def _check_cells(
    path: str, frame: pd.DataFrame, lines: list[int], columns: tuple[ColumnSpec, ...]
) -> list[Problem]:
    present = tuple(c for c in columns if c.name in frame.columns)
    by_name = {c.name: c for c in present}
    problems: list[Problem] = []
    try:
        pandera_schema(present).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        for case in errors.failure_cases.itertuples(index=False):
            column, check, value, row = case.column, case.check, case.failure_case, case.index
            line = lines[int(row)]
            if check == "required":
                problems.append(
                    Problem(
                        path,
                        line,
                        column,
                        "a value is required",
                        f"fill in {column}: {by_name[column].description}",
                    )
                )
            elif check == "field_uniqueness":
                if value != "":
                    problems.append(
                        Problem(
                            path,
                            line,
                            column,
                            f"'{value}' is used on more than one row",
                            "give every row its own id",
                        )
                    )
            else:
                rule = next(c for c in by_name[column].checks if c.name == check)
                # A listed cell is judged value by value, so each unknown one is named.
                wrong = [p.strip() for p in str(value).split(";")] if rule.listed else [value]
                for part in wrong:
                    if rule.listed and (not part or part in rule.choices):
                        continue
                    fix = rule.fix
                    close = difflib.get_close_matches(str(part).lower(), rule.choices, n=1)
                    if close:
                        fix = f"did you mean '{close[0]}'? {fix}"
                    problems.append(Problem(path, line, column, rule.wrong.format(value=part), fix))
    return problems


def _check_commitment_rows(path: str, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """Checks that span several cells of one row."""
    problems = []
    # Without them the header check has said so; one message per row would drown it.
    has_language_columns = {"quote_language", "quote_translation"} <= set(frame.columns)
    for i, record in enumerate(frame.to_dict("records")):
        line = lines[i]
        row = {str(k): str(v) for k, v in record.items()}

        def get(name: str, row: dict[str, str] = row) -> str:
            return row.get(name, "")

        low, high = get("personnel_low"), get("personnel_high")
        if _DIGITS.match(low) and _DIGITS.match(high) and int(low) > int(high):
            problems.append(
                Problem(
                    path,
                    line,
                    "personnel_low",
                    f"the lower bound {low} is above the upper bound {high}",
                    "swap them, or fix the one that is wrong",
                )
            )
        is_money = get("role") in MONEY_ROLES
        if is_money and (low or high):
            problems.append(
                Problem(
                    path,
                    line,
                    "personnel_low" if low else "personnel_high",
                    "a funding row has a personnel number",
                    "put money in amount and currency; personnel belong to another role's row",
                )
            )
        if get("amount") and get("role") not in (*MONEY_ROLES, ""):
            problems.append(
                Problem(
                    path,
                    line,
                    "amount",
                    f"an amount is given for the role '{get('role')}'",
                    "amounts belong to funding rows; record people in "
                    "personnel_low and personnel_high",
                )
            )
        if get("amount") and not get("currency"):
            problems.append(
                Problem(
                    path,
                    line,
                    "currency",
                    "an amount has no currency",
                    "add the ISO 4217 code, e.g. USD",
                )
            )
        if get("currency") and not get("amount"):
            problems.append(
                Problem(
                    path,
                    line,
                    "amount",
                    "a currency is given with no amount",
                    "add the amount, or leave both blank when undisclosed",
                )
            )
        when, published = get("date"), get("source_date")
        if _iso(when) and _iso(published) and when > published:
            problems.append(
                Problem(
                    path,
                    line,
                    "date",
                    f"the statement date {when} is after the source's publication date {published}",
                    "a source cannot report a statement made after it was "
                    "published; check both dates",
                )
            )
        if get("date_precision") == "month" and _iso(when) and not when.endswith("-01"):
            problems.append(
                Problem(
                    path,
                    line,
                    "date",
                    f"'{when}' has month precision but is not the first of the month",
                    "date a month-precision statement on the first of its month",
                )
            )
        if has_language_columns:
            problems += [Problem(path, line, *found) for found in encoding_problems(get)]
    return problems


# Wordings that leave the upper end open ("20,000 or even more", "at least 500", "500+").
_OPEN_ENDED = re.compile(
    r"\bor (?:even )?more\b|\bat least [0-9]|\bmore than [0-9]|[0-9]\+", re.IGNORECASE
)
_UP_TO = re.compile(r"\bup to\b", re.IGNORECASE)
_NUMBER_IN_TEXT = re.compile(r"[0-9][0-9,.]*")
# A number tied to a time ("by early April", "in June", "by 2027"): the mark of a schedule.
_TIMED = re.compile(
    r"\b(?:by|until|in|before|from)\s+(?:early |mid-?|late |the end of )?"
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[0-9]{4})\b",
    re.IGNORECASE,
)
_ANONYMOUS = re.compile(r"\b(?:anonymous|unnamed)\b", re.IGNORECASE)
# Languages written in a script of their own: a quote tagged with one must contain it.
_SCRIPTS = {
    "Cyrillic": (re.compile(r"[\u0400-\u04ff]"), ("ru", "uk", "kk", "be", "bg", "mk", "ky", "tg")),
    "Arabic": (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), ("ar", "fa", "ur", "ps")),
    "Hebrew": (re.compile(r"[\u0590-\u05ff]"), ("he", "yi")),
    "Greek": (re.compile(r"[\u0370-\u03ff]"), ("el",)),
}


def encoding_problems(get: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """The encoding rules of data/README.md that one row can break: (column, wrong, fix).

    Each rule is one way the same fact could be written two ways; the validator keeps one.
    """
    found: list[tuple[str, str, str]] = []
    low, high, wording = get("personnel_low"), get("personnel_high"), get("number_wording")
    status, kind = get("status"), get("source_kind")
    zeros = [bool(_DIGITS.match(v)) and int(v) == 0 for v in (low, high)]
    if (any(zeros) and not all(zeros)) or (all(zeros) and not wording):
        found.append(
            (
                "personnel_low" if zeros[0] else "personnel_high",
                "0 is recorded, but only a source that says none may give 0",
                "when the source says none, set both bounds to 0 and put its words (e.g. 'no "
                "troops') in number_wording; when it gives no number, leave both blank",
            )
        )
    if _OPEN_ENDED.search(wording) and high:
        found.append(
            (
                "personnel_high",
                f"'{wording}' is open-ended, but an upper bound {high} is recorded",
                "leave personnel_high blank and put the stated figure in personnel_low",
            )
        )
    if _UP_TO.search(wording) and _DIGITS.match(low) and not _OPEN_ENDED.search(wording):
        found.append(
            (
                "personnel_low",
                f"'{wording}' states no lower bound, but {low} is recorded",
                "leave personnel_low blank: 'up to 8,000' has only an upper bound",
            )
        )
    if (
        low
        and high
        and low != high
        and len(_NUMBER_IN_TEXT.findall(wording)) >= 2
        and _TIMED.search(wording)
    ):
        found.append(
            (
                "personnel_high",
                f"'{wording}' is a phased schedule, not a range {low} to {high}",
                "give each step its own dated row, or record the figure that stands now and "
                "put the schedule in the note",
            )
        )
    if kind == "secondary" and status not in ("reported", ""):
        found.append(
            (
                "status",
                f"a claim from a secondary source is recorded as '{status}'",
                "a claim only a weak outlet makes is 'reported'; cite a stronger source to "
                "record it as anything else",
            )
        )
    if _ANONYMOUS.search(get("speaker")) and status not in ("reported", ""):
        found.append(
            (
                "status",
                f"a claim by an anonymous speaker is recorded as '{status}'",
                "a claim only anonymous sources make is 'reported'; cite a named speaker to "
                "record it as anything else",
            )
        )
    found += _quote_problems(get)
    found += _wire_problems(get)
    for column in ("source_date", "date"):
        checked, other = get("checked"), get(column)
        if is_iso_date(checked) and is_iso_date(other) and checked < other:
            found.append(
                (
                    "checked",
                    f"checked {checked} is before the {column.replace('_', ' ')} {other}",
                    "a quote is confirmed after it was said and published; check both dates",
                )
            )
            break
    return found


def _quote_problems(get: Callable[[str], str]) -> list[tuple[str, str, str]]:
    quote, language, translation = get("quote"), get("quote_language"), get("quote_translation")
    if not quote:
        if language or translation:
            column = "quote_language" if language else "quote_translation"
            return [(column, f"{column} is given with no quote", "add the quote or clear it")]
        return []
    if not language:
        return [
            (
                "quote_language",
                "the quote's language is not given",
                "add its ISO 639-1 code, e.g. en, id, ru; the quote stays in that language",
            )
        ]
    if not is_language(language):
        return []  # the cell check reports the unknown code; the rules below need a real one
    found = []
    if language == "en" and translation:
        found.append(
            (
                "quote_translation",
                "an English quote has a translation",
                "clear quote_translation; it holds an English translation of a quote in "
                "another language",
            )
        )
    if language != "en" and not translation:
        found.append(
            (
                "quote_translation",
                f"the quote is in '{language}' and has no translation",
                "add an English translation in quote_translation; the quote keeps the "
                "original words",
            )
        )
    for script, (letters, languages) in _SCRIPTS.items():
        if language in languages and not letters.search(quote):
            found.append(
                (
                    "quote",
                    f"the quote is tagged '{language}' but has no {script} letters: it looks "
                    "like a translation",
                    "put the source's own words in quote and the translation in quote_translation",
                )
            )
        if language == "en" and letters.search(quote):
            found.append(
                (
                    "quote_language",
                    f"the quote is tagged 'en' but is written in {script} letters",
                    "set quote_language to the quote's language and add an English translation",
                )
            )
    return found


def _wire_problems(get: Callable[[str], str]) -> list[tuple[str, str, str]]:
    outlet, kind = get("source_outlet"), get("source_kind")
    agency = wire_agency(outlet)
    if agency and kind in ("media", "secondary", "official"):
        return [
            (
                "source_kind",
                f"'{outlet}' credits {agency}, a wire agency, but the kind is '{kind}'",
                "set source_kind to wire: a wire story is credited to the agency wherever "
                "it was read",
            )
        ]
    if kind == "wire" and not agency:
        return [
            (
                "source_outlet",
                f"the kind is 'wire' but '{outlet}' names no wire agency",
                "credit the agency first, e.g. 'Reuters via The Straits Times', or choose "
                "another source kind",
            )
        ]
    return []


_DIGITS = re.compile(r"^[0-9]+$")


def _iso(value: str) -> bool:
    return is_iso_date(value)


def _read_frame(
    path: Path, columns: tuple[ColumnSpec, ...]
) -> tuple[pd.DataFrame, list[int], list[Problem]]:
    """Parse one CSV into a frame of stripped text cells, with structural problems."""
    text, problems = read_text(path)
    name = str(path)
    records, parse_problems = _records(name, text)
    problems += parse_problems
    if not records:
        if not parse_problems:
            problems.append(
                Problem(
                    name,
                    1,
                    FILE,
                    "the file is empty",
                    "start with the header line: " + ",".join(c.name for c in columns),
                )
            )
        return pd.DataFrame(), [], problems
    _, header = records[0]
    header = [h.strip() for h in header]
    too_long = _long_cells(name, 1, header, [])
    if too_long:
        # Without its names no row can be checked, and each message would repeat the cell.
        return pd.DataFrame(), [], problems + too_long
    problems += _check_header(name, header, columns)
    rows, lines = [], []
    for line, fields in records[1:]:
        too_long = _long_cells(name, line, fields, header)
        if too_long:
            # The cell checks would quote the whole cell in their message; this one is enough.
            problems += too_long
            continue
        if len(fields) != len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    ROW,
                    f"the row has {len(fields)} fields but the header has {len(header)}",
                    "check for an unquoted comma or a missing field; wrap text containing "
                    "commas in double quotes",
                )
            )
            continue
        problems += _hidden_characters(name, line, fields, header)
        rows.append([f.strip() for f in fields])
        lines.append(line)
    frame = (
        pd.DataFrame(rows, columns=header, dtype=str)
        if rows
        else pd.DataFrame(columns=header, dtype=str)
    )
    # A duplicated column name would make cell checks ambiguous; the header check reports it.
    frame = frame.loc[:, ~frame.columns.duplicated()].reset_index(drop=True)
    for spec in columns:
        if spec.may_be_absent and spec.name not in frame.columns:
            frame[spec.name] = ""
    return frame, lines, problems


def _long_cells(name: str, line: int, fields: list[str], header: list[str]) -> list[Problem]:
    return [
        Problem(
            name,
            line,
            header[index] if index < len(header) else f"field {index + 1}",
            f"the cell is too long: {len(cell):,} characters; the limit is {MAX_CELL_CHARS:,}",
            "shorten it: a cell holds a short text; keep long documents at the source",
        )
        for index, cell in enumerate(fields)
        if len(cell) > MAX_CELL_CHARS
    ]


def _hidden_characters(name: str, line: int, fields: list[str], header: list[str]) -> list[Problem]:
    """Cells holding an invisible control or format character, such as a right-to-left override.

    Such a character shows nothing itself but can reverse or hide the text around it wherever
    the cell is shown (a notice, the sources line, a tooltip), so the text a reader sees would
    not be the text in the file. Line breaks and tabs inside a quoted cell are ordinary text.
    """
    found = []
    for index, cell in enumerate(fields):
        hidden = next(
            (c for c in cell if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\n\r"),
            None,
        )
        if hidden is not None:
            column = header[index] if index < len(header) else f"field {index + 1}"
            found.append(
                Problem(
                    name,
                    line,
                    column,
                    f"the cell holds the invisible character U+{ord(hidden):04X} "
                    f"({unicodedata.name(hidden, 'a control character')}) at position "
                    f"{cell.index(hidden) + 1}",
                    "delete it (it changes how the text around it is shown); retype the text "
                    "if it was pasted from a web page",
                )
            )
    return found


def read_commitments(path: Path | None = None, today: date | None = None) -> pd.DataFrame:
    """Read and validate a commitments file; return one typed row per statement.

    Args:
        path: the CSV to read; defaults to the bundled data/commitments.csv.
        today: the date after which statements count as future; defaults to today.

    Returns:
        A frame with the file's columns, `date` and `source_date` as timestamps, personnel as
        nullable integers, `amount` as nullable floats, blanks as "" in text columns, and `line`,
        the line of the file each row came from.

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    path = path or BUNDLED_COMMITMENTS
    today = today or date.today()
    columns = commitment_columns(today)
    frame, lines, problems = _read_frame(path, columns)
    if not frame.empty:
        problems += _check_cells(str(path), frame, lines, columns)
        problems += _check_commitment_rows(str(path), frame, lines)
    elif not problems:
        # A truncated export must not pass as "no commitments": the page would show nothing.
        problems.append(
            Problem(
                str(path),
                2,
                ROW,
                "the file has a header but no statements",
                "add at least one statement row below the header",
            )
        )
    if problems:
        raise InvalidData(str(path), sorted(problems, key=lambda p: p.line))
    return _typed(frame, lines, columns)


def _read_checked(path: Path, columns: tuple[ColumnSpec, ...]) -> tuple[pd.DataFrame, list[int]]:
    """Read a file whose rows need only their cells checked; raise with every problem found."""
    frame, lines, problems = _read_frame(path, columns)
    if not frame.empty:
        problems += _check_cells(str(path), frame, lines, columns)
    if problems:
        raise InvalidData(str(path), sorted(problems, key=lambda p: p.line))
    return frame, lines


def read_targets(path: Path | None = None, today: date | None = None) -> pd.DataFrame:
    """Read and validate the planned figures; return one typed row per figure.

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    path = path or BUNDLED_TARGETS
    today = today or date.today()
    columns = target_columns(today)
    frame, lines = _read_checked(path, columns)
    typed = _typed(frame, lines, columns)
    typed["value"] = typed["value"].astype("int64")
    return typed


def _read_sourced(
    path: Path, columns: tuple[ColumnSpec, ...], what: str
) -> tuple[pd.DataFrame, list[int]]:
    """Read a sourced file (events, missions): cells, and the row rules statements share."""
    frame, lines, problems = _read_frame(path, columns)
    if not frame.empty:
        problems += _check_cells(str(path), frame, lines, columns)
        problems += _check_commitment_rows(str(path), frame, lines)
    elif not problems:
        problems.append(
            Problem(
                str(path),
                2,
                ROW,
                f"the file has a header but no {what}",
                f"add at least one row of {what} below the header",
            )
        )
    if problems:
        raise InvalidData(str(path), sorted(problems, key=lambda p: p.line))
    return frame, lines


def read_events(path: Path | None = None, today: date | None = None) -> pd.DataFrame:
    """Read and validate the dated milestones marked on the charts over time.

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    path = path or BUNDLED_EVENTS
    columns = event_columns(today or date.today())
    frame, lines = _read_sourced(path, columns, "events")
    return _typed(frame, lines, columns).sort_values(["date", "line"]).reset_index(drop=True)


def read_missions(path: Path | None = None, today: date | None = None) -> pd.DataFrame:
    """Read and validate the strengths of comparable peace operations.

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    path = path or BUNDLED_MISSIONS
    columns = mission_columns(today or date.today())
    frame, lines = _read_sourced(path, columns, "missions")
    typed = _typed(frame, lines, columns)
    typed["value"] = typed["value"].astype("int64")
    return typed


def read_places(path: Path | None = None) -> pd.DataFrame:
    """Read and validate the places the map marks (Gaza, Rafah, the CMCC).

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    path = path or BUNDLED_PLACES
    columns = place_columns()
    frame, _ = _read_checked(path, columns)
    return frame.astype({"lat": "float64", "lon": "float64"})


def read_corrections(path: Path, today: date | None = None) -> pd.DataFrame:
    """Read and validate a corrections log; return its text cells and each row's `line`.

    Whether each statement id exists is checked against the commitments, in
    `dashboard.core.dataset`.

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks the schema; every problem is listed.
    """
    today = today or date.today()
    columns = correction_columns(today)
    frame, lines = _read_checked(path, columns)
    out = _in_column_order(frame, columns)
    out["line"] = lines
    return out


def read_country_points() -> pd.DataFrame:
    """Read the marker point of every country (built with the outlines by a script).

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file is not UTF-8.
    """
    text, problems = read_text(COUNTRY_POINTS)
    if problems:
        raise InvalidData(str(COUNTRY_POINTS), problems)
    points = pd.read_csv(io.StringIO(text), dtype={"iso3": str}, keep_default_na=False)
    return points[points["iso3"] != ""].drop_duplicates("iso3").set_index("iso3")


def _in_column_order(frame: pd.DataFrame, columns: tuple[ColumnSpec, ...]) -> pd.DataFrame:
    """The file's cells in the schema's column order; an absent optional column is blank."""
    out = frame.copy()
    for spec in columns:
        if spec.name not in out.columns:
            out[spec.name] = ""
    return out[[c.name for c in columns]]


def _typed(frame: pd.DataFrame, lines: list[int], columns: tuple[ColumnSpec, ...]) -> pd.DataFrame:
    out = _in_column_order(frame, columns)
    for name in ("date", "source_date", "checked"):
        if name in out.columns:
            out[name] = pd.to_datetime(out[name].replace("", None), format="%Y-%m-%d")
    for name in ("personnel_low", "personnel_high"):
        if name in out.columns:
            out[name] = pd.to_numeric(out[name].replace("", None)).astype("Int64")
    if "amount" in out.columns:
        out["amount"] = pd.to_numeric(out["amount"].replace("", None)).astype("Float64")
    out["line"] = lines
    return out
