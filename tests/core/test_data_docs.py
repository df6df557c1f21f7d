"""The docs are complete: data/README.md documents every column and vocabulary term the code has.

The code (schema.py, vocabulary.py) is the single source; these tests make the README fail
loudly when it drifts from it, in either direction.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from dashboard.core.schema import (
    MAX_QUOTE_WORDS,
    commitment_columns,
    event_columns,
    mission_columns,
    target_columns,
)
from dashboard.core.vocabulary import (
    CONDITIONS,
    DATE_PRECISIONS,
    EVENT_KINDS,
    LADDER,
    MISSION_FIGURES,
    ROLES,
    SOURCE_KINDS,
    STATUSES,
    Term,
)

DATA = Path(__file__).resolve().parents[2] / "data"
README = DATA / "README.md"
TODAY = date.today()

COMMITMENT_COLUMNS = commitment_columns(TODAY)
TARGET_COLUMNS = target_columns(TODAY)
with (DATA / "places.csv").open(newline="", encoding="utf-8-sig") as _f:
    PLACE_COLUMNS = next(csv.reader(_f))

# Each vocabulary is documented in its own table, under its own heading.
VOCABULARIES: dict[str, Mapping[str, Term]] = {
    "Roles": ROLES,
    "Statuses": STATUSES,
    "Source kinds": SOURCE_KINDS,
    "Date precisions": DATE_PRECISIONS,
    "Conditions": CONDITIONS,
    "Event kinds": EVENT_KINDS,
    "Mission figures": MISSION_FIGURES,
}
TERMS = [(heading, term) for heading, terms in VOCABULARIES.items() for term in terms.values()]

HEADING = re.compile(r"^(#+)\s+(.*?)\s*$")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(title: str) -> str:
    """Return the text under the heading `title`, up to the next heading of its level or above."""
    lines = readme().splitlines()
    for i, line in enumerate(lines):
        found = HEADING.match(line)
        if found and found.group(2) == title:
            level = len(found.group(1))
            body = []
            for rest in lines[i + 1 :]:
                nxt = HEADING.match(rest)
                if nxt and len(nxt.group(1)) <= level:
                    break
                body.append(rest)
            return "\n".join(body)
    pytest.fail(f"data/README.md has no heading '{title}'")


def table(title: str, first_header: str) -> dict[str, list[str]]:
    """Map each row of the table under `title` headed `first_header` to the row's cells.

    Rows are keyed by their backticked first cell; a row without one fails the test.
    """
    tables: list[list[list[str]]] = [[]]
    for line in section(title).splitlines():
        if line.startswith("|"):
            tables[-1].append([c.strip() for c in line.strip().strip("|").split("|")])
        elif tables[-1]:
            tables.append([])
    found = [t for t in tables if t and t[0][0] == first_header]
    assert len(found) == 1, f"expected one table headed '{first_header}' under '{title}'"
    rows = {}
    for cells in found[0][2:]:  # skip the header and the |---| line
        key = re.fullmatch(r"`([^`]+)`", cells[0])
        assert key, f"row {cells[0]!r} under '{title}' should start with a name in backticks"
        assert key.group(1) not in rows, f"`{key.group(1)}` is documented twice under '{title}'"
        rows[key.group(1)] = cells
    return rows


def documented_row(title: str, first_header: str, name: str) -> list[str]:
    rows = table(title, first_header)
    assert name in rows, f"`{name}` has no row in the table under '{title}' in data/README.md"
    return rows[name]


@pytest.mark.parametrize("spec", COMMITMENT_COLUMNS, ids=lambda s: s.name)
def test_commitment_column_documented(spec):
    row = documented_row("`commitments.csv`", "Column", spec.name)
    expected = "required" if spec.required else "optional"
    assert row[1].startswith(expected), f"`{spec.name}` should be documented as {expected}"
    assert spec.description in row[3], f"`{spec.name}` row lacks: {spec.description!r}"


@pytest.mark.parametrize("spec", TARGET_COLUMNS, ids=lambda s: s.name)
def test_target_column_documented(spec):
    row = documented_row("`targets.csv`", "Column", spec.name)
    expected = "required" if spec.required else "optional"
    assert row[1].startswith(expected), f"`{spec.name}` should be documented as {expected}"


@pytest.mark.parametrize(
    ("title", "spec"),
    [("`events.csv`", c) for c in event_columns(TODAY)]
    + [("`missions.csv`", c) for c in mission_columns(TODAY)],
    ids=lambda value: getattr(value, "name", value),
)
def test_events_and_missions_columns_documented(title, spec):
    row = documented_row(title, "Column", spec.name)
    expected = "required" if spec.required else "optional"
    assert row[1].startswith(expected), f"`{spec.name}` should be documented as {expected}"
    assert spec.description in row[3], f"`{spec.name}` row lacks: {spec.description!r}"


@pytest.mark.parametrize("name", PLACE_COLUMNS)
def test_place_column_documented(name):
    documented_row("`places.csv`", "Column", name)


@pytest.mark.parametrize(
    ("title", "known"),
    [
        ("`commitments.csv`", [c.name for c in COMMITMENT_COLUMNS]),
        ("`targets.csv`", [c.name for c in TARGET_COLUMNS]),
        ("`places.csv`", PLACE_COLUMNS),
        ("`events.csv`", [c.name for c in event_columns(TODAY)]),
        ("`missions.csv`", [c.name for c in mission_columns(TODAY)]),
    ],
    ids=["commitments", "targets", "places", "events", "missions"],
)
def test_no_stale_columns(title, known):
    documented = list(table(title, "Column"))
    assert not set(documented) - set(known), "documented columns the file does not have"
    assert documented == list(known), "columns documented out of file order"


@pytest.mark.parametrize(("title", "term"), TERMS, ids=[t.id for _, t in TERMS])
def test_term_documented(title, term):
    row = documented_row(title, "Term", term.id)
    assert row[1] == term.label, f"`{term.id}` label should be {term.label!r}"
    assert row[2] == term.definition, f"`{term.id}` definition differs from vocabulary.py"


@pytest.mark.parametrize("status", STATUSES.values(), ids=lambda s: s.id)
def test_status_bucket_documented(status):
    row = documented_row("Statuses", "Term", status.id)
    assert row[3] == f"`{status.bucket}`", f"`{status.id}` is in the {status.bucket} bucket"


@pytest.mark.parametrize("title", VOCABULARIES)
def test_no_stale_terms(title):
    assert list(table(title, "Term")) == list(VOCABULARIES[title])


def flat(text: str) -> str:
    """Collapse line wrapping so a phrase can be found across lines."""
    return " ".join(text.split())


def test_ladder_and_map_order_documented():
    text = flat(readme())
    assert " < ".join(LADDER) in text
    strongest_first = sorted(STATUSES.values(), key=lambda s: s.strength, reverse=True)
    assert " > ".join(s.id for s in strongest_first) in text


def test_quote_limit_documented():
    assert f"at most {MAX_QUOTE_WORDS} words" in section("`commitments.csv`")
