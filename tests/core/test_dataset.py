"""The whole dataset read at once: which files it needs, and the rules that span files."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from dashboard.core import dataset as dataset_module
from dashboard.core.dataset import read_dataset
from dashboard.core.loading import (
    BUNDLED_COMMITMENTS,
    BUNDLED_PLACES,
    BUNDLED_TARGETS,
    MAX_CELL_CHARS,
    InvalidData,
    Problem,
    UnreadableFile,
)
from dashboard.core.review import Review
from dashboard.core.schema import correction_columns
from tests.factories import write_corrections

FIXTURES = Path(__file__).parent / "fixtures"
DATASET = FIXTURES / "dataset"
TODAY = date(2026, 11, 28)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture dataset (commitments, review file, corrections) to break."""
    copy = tmp_path / "data"
    shutil.copytree(DATASET, copy)
    return copy


def problems_of(path: Path, **kwargs: object) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        read_dataset(path, today=TODAY, **kwargs)
    return caught.value.problems


def located(problem: Problem, path: Path, line: int, column: str) -> bool:
    """The problem reads PATH:LINE: column: what is wrong (how to fix it)."""
    form = rf"{re.escape(str(path))}:{line}: {re.escape(column)}: .+ \(.+\)"
    return re.fullmatch(form, str(problem), flags=re.DOTALL) is not None


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- what read_dataset returns ---------------------------------------------------------------


def test_a_folder_with_its_review_file_and_corrections():
    data = read_dataset(DATASET / "commitments.csv", today=TODAY)
    assert data.path == DATASET / "commitments.csv"
    assert len(data.commitments) == 6
    assert data.latest == date(2026, 4, 1)
    assert data.review == Review(date(2026, 6, 30), 90, ("menafn.com",))
    assert data.corrections["statement_id"].tolist() == [
        "idn-troops-20260219",
        "xkx-troops-20260221",
    ]
    assert data.corrections["line"].tolist() == [2, 3]
    assert data.corrections["replaced_by"].tolist() == ["", "xkx-troops-20260220"]
    assert set(data.targets["figure"]) >= {"security_personnel"}
    assert len(data.places) > 0


def test_another_file_may_go_without_review_file_and_corrections(tmp_path):
    path = tmp_path / "commitments.csv"
    shutil.copy(DATASET / "commitments.csv", path)
    data = read_dataset(path, today=TODAY)
    assert data.review == Review()
    assert data.corrections.empty
    names = [c.name for c in correction_columns(TODAY)]
    assert list(data.corrections.columns) == [*names, "line"]


@pytest.mark.parametrize("missing", ["review.toml", "corrections.csv"])
def test_the_bundled_data_needs_both_files(folder, monkeypatch, missing):
    # Stand the copy in for the bundled file: beside it, both files are required.
    path = folder / "commitments.csv"
    monkeypatch.setattr(dataset_module, "BUNDLED_COMMITMENTS", path)
    (folder / missing).unlink()
    [problem] = problems_of(path)
    assert located(problem, folder / missing, 1, "(file)"), str(problem)
    assert problem.wrong == "the file is missing"
    assert "restore the file from the repository" in problem.fix


def test_the_bundled_data_with_both_files_reads(folder, monkeypatch):
    path = folder / "commitments.csv"
    monkeypatch.setattr(dataset_module, "BUNDLED_COMMITMENTS", path)
    assert read_dataset(path, today=TODAY).review.reviewed_through == date(2026, 6, 30)


def test_the_real_bundled_data_has_a_review_date():
    data = read_dataset()
    assert data.path == BUNDLED_COMMITMENTS
    assert data.review.reviewed_through is not None
    assert data.review.reviewed_through >= data.latest
    assert list(data.corrections.columns)[-1] == "line"


def test_the_commitments_file_picks_the_folder():
    data = read_dataset(DATASET / "commitments.csv", today=TODAY)
    assert data.review.reviewed_through == date(2026, 6, 30)
    assert len(data.corrections) == 2


def test_targets_and_places_can_be_given(folder):
    targets, places = folder / "targets.csv", folder / "places.csv"
    shutil.copy(BUNDLED_TARGETS, targets)
    shutil.copy(BUNDLED_PLACES, places)
    data = read_dataset(folder / "commitments.csv", today=TODAY, targets=targets, places=places)
    assert len(data.targets) == len(read_dataset(DATASET / "commitments.csv", today=TODAY).targets)


def test_problems_of_every_file_are_reported_together(folder):
    broken_targets = FIXTURES / "broken" / "targets_unknown_role.csv"
    replace_in(folder / "review.toml", "stale_after_days = 90", "stale_after_days = 0")
    replace_in(folder / "corrections.csv", ",corrected,", ",fixed,")
    replace_in(folder / "commitments.csv", "2026-02-15,day,GRC", "2026-02-30,day,GRC")
    problems = problems_of(folder / "commitments.csv", targets=broken_targets)
    assert sorted((Path(p.path).name, p.line, p.column) for p in problems) == [
        ("commitments.csv", 7, "date"),
        ("corrections.csv", 2, "action"),
        ("review.toml", 3, "stale_after_days"),
        ("targets_unknown_role.csv", 3, "counts_roles"),
    ], listing(problems)


# --- the review date against the statements --------------------------------------------------


def test_a_review_date_before_the_newest_statement_is_a_problem(folder):
    replace_in(folder / "review.toml", "2026-06-30", "2026-03-31")
    [problem] = problems_of(folder / "commitments.csv")
    assert located(problem, folder / "review.toml", 2, "reviewed_through"), str(problem)
    assert problem.wrong == (
        "the review date 2026-03-31 is before the newest statement (2026-04-01)"
    )


def test_a_review_date_on_the_newest_statement_is_fine(folder):
    replace_in(folder / "review.toml", "2026-06-30", "2026-04-01")
    assert read_dataset(folder / "commitments.csv", today=TODAY).latest == date(2026, 4, 1)


# --- corrections.csv -------------------------------------------------------------------------

# One bad row on line 2: (cells, column, fragment of what is wrong).
BROKEN_CORRECTIONS = [
    (
        {"statement_id": "idn-troops-20260230"},
        "statement_id",
        "'idn-troops-20260230' is not a statement in commitments.csv",
    ),
    (
        {"statement_id": "kaz-troops-20260219", "action": "removed"},
        "statement_id",
        "'kaz-troops-20260219' is marked removed but is still in commitments.csv",
    ),
    (
        {
            "statement_id": "kaz-troops-20260218",
            "action": "removed",
            "replaced_by": "kaz-troops-20260217",
        },
        "replaced_by",
        "'kaz-troops-20260217' is not a statement in commitments.csv",
    ),
    (
        {"statement_id": "kaz-troops-20260219", "action": "deleted"},
        "action",
        "'deleted' is not a known correction action",
    ),
    ({"statement_id": "kaz-troops-20260219", "why": ""}, "why", "a value is required"),
    (
        {"statement_id": "kaz-troops-20260219", "what_changed": ""},
        "what_changed",
        "a value is required",
    ),
    ({"statement_id": ""}, "statement_id", "a value is required"),
    ({"statement_id": "kaz-troops-20260219", "date": ""}, "date", "a value is required"),
    (
        {"statement_id": "kaz-troops-20260219", "date": "2026-12-24"},
        "date",
        "'2026-12-24' is in the future",
    ),
    (
        {"statement_id": "KAZ troops"},
        "statement_id",
        "'KAZ troops' is not a valid id",
    ),
]


@pytest.mark.parametrize(("cells", "column", "fragment"), BROKEN_CORRECTIONS)
def test_a_broken_correction_is_reported_where_it_breaks(folder, cells, column, fragment):
    log = write_corrections(folder / "corrections.csv", [cells])
    problems = problems_of(folder / "commitments.csv")
    assert len(problems) == 1, listing(problems)
    assert located(problems[0], log, 2, column), listing(problems)
    assert fragment in problems[0].wrong


def test_an_unknown_action_suggests_the_close_one(folder):
    write_corrections(folder / "corrections.csv", [{"statement_id": "kaz-troops-20260219"}])
    replace_in(folder / "corrections.csv", ",corrected,", ",remove,")
    [problem] = problems_of(folder / "commitments.csv")
    assert problem.fix.startswith("did you mean 'removed'? use one of: corrected, removed")


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param({"statement_id": "kaz-troops-20260219"}, id="corrected, still present"),
        pytest.param(
            {"statement_id": "kaz-troops-20260218", "action": "removed"},
            id="removed, with no replacement",
        ),
        pytest.param(
            {
                "statement_id": "kaz-troops-20260218",
                "action": "removed",
                "replaced_by": "kaz-troops-20260219",
            },
            id="removed, replaced by a present row",
        ),
    ],
)
def test_a_correction_that_keeps_the_rules_reads(folder, cells):
    write_corrections(folder / "corrections.csv", [cells])
    data = read_dataset(folder / "commitments.csv", today=TODAY)
    assert data.corrections["statement_id"].tolist() == [cells["statement_id"]]


def test_a_header_only_corrections_log_is_no_corrections(folder):
    write_corrections(folder / "corrections.csv", [])
    assert read_dataset(folder / "commitments.csv", today=TODAY).corrections.empty


# --- credit for a story read on a republishing site ------------------------------------------

XKX_ROW = "Reuters via MENAFN,https://www.menafn.com/1110771289/kosovo-isf,2026-02-21,wire"


def test_a_source_on_a_republisher_credited_to_the_site_is_a_problem(folder):
    replace_in(
        folder / "commitments.csv",
        XKX_ROW,
        "MENAFN,https://www.menafn.com/1110771289/kosovo-isf,2026-02-21,media",
    )
    [problem] = problems_of(folder / "commitments.csv")
    assert located(problem, folder / "commitments.csv", 6, "source_outlet"), str(problem)
    assert problem.wrong == "menafn.com republishes others' stories, but 'MENAFN' credits the site"


@pytest.mark.parametrize(
    ("credit", "review"),
    [
        pytest.param(XKX_ROW, None, id="the original credited via the site"),
        pytest.param(
            "MENAFN,https://www.menafn.com/1110771289/kosovo-isf,2026-02-21,secondary",
            None,
            id="an unknown original as secondary",
        ),
        pytest.param(
            "MENAFN,https://www.menafn.com/1110771289/kosovo-isf,2026-02-21,media",
            'republishers = ["sunonews.tv"]',
            id="a site the review does not list",
        ),
    ],
)
def test_near_misses_of_the_republisher_rule_read(folder, credit, review):
    replace_in(folder / "commitments.csv", XKX_ROW, credit)
    if "secondary" in credit:  # a claim only a secondary source makes is reported
        replace_in(folder / "commitments.csv", "XKX,troops,committed", "XKX,troops,reported")
    if review:
        replace_in(folder / "review.toml", 'republishers = ["menafn.com"]', review)
    data = read_dataset(folder / "commitments.csv", today=TODAY)
    assert "xkx-troops-20260220" in set(data.commitments["id"])


# --- the files beside the commitments are read with the same care --------------------------


def test_a_review_file_with_bytes_that_are_not_utf8_on_two_lines_says_both(folder):
    review = folder / "review.toml"
    text = "# r\u00e9vision\nreviewed_through = 2026-06-30\n# \u00e0 revoir\n"
    review.write_bytes(text.encode("cp1252"))
    problems = problems_of(folder / "commitments.csv")
    assert [(Path(p.path).name, p.line, p.column) for p in problems] == [
        ("review.toml", 1, "(file)"),
        ("review.toml", 3, "(file)"),
    ], listing(problems)
    assert "(column 4; in Windows-1252 it is 'é')" in problems[0].wrong
    assert "(column 3; in Windows-1252 it is 'à')" in problems[1].wrong


def test_a_long_cell_in_the_corrections_log_is_too_long(folder):
    why = "w" * (MAX_CELL_CHARS + 1)
    log = write_corrections(
        folder / "corrections.csv", [{"statement_id": "kaz-troops-20260219", "why": why}]
    )
    [problem] = problems_of(folder / "commitments.csv")
    assert located(problem, log, 2, "why"), str(problem)
    assert problem.wrong == (
        f"the cell is too long: {MAX_CELL_CHARS + 1:,} characters; the limit is {MAX_CELL_CHARS:,}"
    )


def test_a_folder_in_place_of_the_review_file_is_unreadable(folder):
    review = folder / "review.toml"
    review.unlink()
    review.mkdir()
    with pytest.raises(UnreadableFile) as caught:
        read_dataset(folder / "commitments.csv", today=TODAY)
    assert str(caught.value) == (
        f"{review}: is a directory, not a regular file; give the path of a TOML file"
    )
