"""`python -m dashboard validate PATH`: exit codes and what goes to stdout and stderr.

The command judges dates against the real today, so the fixtures used here are dated early
2026 and stay valid (or broken for reasons other than dates) from then on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.core.loading import (
    BUNDLED_COMMITMENTS,
    InvalidData,
    read_commitments,
    read_events,
    read_missions,
    read_places,
    read_targets,
)
from dashboard.core.review import read_review
from tests.cli.conftest import FIXTURES, REPO
from tests.factories import write_corrections

DATASET = FIXTURES / "dataset"


def validate(path: Path | None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COMMITMENTS_CSV"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", *([str(path)] if path else [])],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("non_ascii.csv", "3 statements about 3 countries"),
        ("crlf.csv", "3 statements about 3 countries"),
        ("bom.csv", "2 statements about 2 countries"),
    ],
)
def test_valid_file_exits_0_with_one_summary_line(name, summary):
    path = FIXTURES / "valid" / name
    result = validate(path)
    assert result.returncode == 0, result.stderr
    # A file with no review file beside it reads with the bundled plan and places.
    assert result.stdout == (
        f"valid: {summary} in {path}; {len(read_targets())} planned figures; "
        f"{len(read_places())} places; {len(read_events())} events; "
        f"{len(read_missions())} mission figures; 0 corrections; no review date\n"
    )
    assert result.stderr == ""


@pytest.mark.parametrize(
    "name",
    ["three_problems.csv", "unknown_column.csv", "not_utf8.csv", "unterminated_quote.csv"],
)
def test_broken_file_exits_1_and_prints_every_problem(name):
    path = FIXTURES / "broken" / name
    with pytest.raises(InvalidData) as caught:
        read_commitments(path)  # the real today, as the command uses
    expected = [str(p) for p in caught.value.problems]

    result = validate(path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == expected
    for line in lines:
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+: \S[^:]*: .+ \(.+\)", line), line
    assert result.stderr == f"{len(expected)} problem(s) found.\n"


def test_three_problems_are_printed_in_line_order():
    path = FIXTURES / "broken" / "three_problems.csv"
    result = validate(path)
    assert result.returncode == 1
    located = [line.split(": ", 2)[:2] for line in result.stdout.splitlines()]
    assert located == [
        [f"{path}:2", "country"],
        [f"{path}:3", "status"],
        [f"{path}:4", "source_url"],
    ]


def test_missing_file_exits_2_with_a_message_on_stderr(tmp_path):
    missing = tmp_path / "missing.csv"
    result = validate(missing)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {missing}: no such file\n"


def test_directory_exits_2_with_a_message_on_stderr(tmp_path):
    result = validate(tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path}: is a directory, not a regular file; give the path of a CSV file\n"
    )


def test_a_folder_with_review_file_and_corrections_says_both():
    path = DATASET / "commitments.csv"
    result = validate(path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"valid: 6 statements about 4 countries in {path}; {len(read_targets())} planned "
        f"figures; {len(read_places())} places; {len(read_events())} events; "
        f"{len(read_missions())} mission figures; 2 corrections; sources reviewed through "
        "2026-06-30\n"
    )


def test_the_bundled_data_says_its_review_date():
    result = validate(None)
    assert result.returncode == 0, result.stdout + result.stderr
    reviewed = read_review(BUNDLED_COMMITMENTS.parent / "review.toml").reviewed_through
    assert reviewed is not None
    assert result.stdout.startswith(f"valid: {len(read_commitments())} statements about ")
    assert result.stdout.endswith(f"; sources reviewed through {reviewed.isoformat()}\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture dataset to break one file of."""
    copy = tmp_path / "data"
    shutil.copytree(DATASET, copy)
    return copy


def test_a_broken_review_file_exits_1_with_its_path_and_line(folder):
    review = folder / "review.toml"
    review.write_text(
        "reviewed_through = 2026-06-30\nstale_after_days = 0\nrepublisher = []\n",
        encoding="utf-8",
    )
    result = validate(folder / "commitments.csv")
    assert result.returncode == 1
    located = [line.split(": ", 2)[:2] for line in result.stdout.splitlines()]
    assert located == [[f"{review}:2", "stale_after_days"], [f"{review}:3", "republisher"]]
    assert result.stderr == "2 problem(s) found.\n"


def test_a_review_date_before_the_newest_statement_exits_1(folder):
    review = folder / "review.toml"
    review.write_text("\nreviewed_through = 2026-03-01\n", encoding="utf-8")
    result = validate(folder / "commitments.csv")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"{review}:2: reviewed_through: the review date 2026-03-01 is before the newest "
        "statement (2026-04-01) ("
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                {"statement_id": "kaz-troops-20260219"},
                {"statement_id": "kaz-troops-20260219", "action": "removed"},
                {"statement_id": "xkx-troops-20260221", "action": "removed", "replaced_by": "x"},
            ],
            [(3, "statement_id"), (4, "replaced_by")],
            id="ids against the statements",
        ),
        pytest.param(
            [{"statement_id": "kaz-troops-20260219", "why": ""}, {"action": "undone"}],
            [(2, "why"), (3, "action")],
            id="cells",
        ),
    ],
)
def test_a_broken_corrections_log_exits_1_with_its_path_and_line(folder, rows, expected):
    rows = [{"statement_id": "kaz-troops-20260219", **row} for row in rows]
    log = write_corrections(folder / "corrections.csv", rows)
    result = validate(folder / "commitments.csv")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{log}:{line}", column] for line, column in expected
    ]
    for line in lines:
        assert re.fullmatch(rf"{re.escape(str(log))}:\d+: \S[^:]*: .+ \(.+\)", line), line
    assert result.stderr == f"{len(expected)} problem(s) found.\n"


# --- what is not a CSV file: the command says so at once, in one line, without a traceback -----


def says_one_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_exits_2_at_once(tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    result = validate(pipe, timeout=20)
    says_one_error(
        result, f"{pipe}: is a named pipe, not a regular file; give the path of a CSV file"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(("name", "what"), [("review.toml", "TOML"), ("corrections.csv", "CSV")])
def test_a_named_pipe_beside_the_data_exits_2_at_once(folder, name, what):
    pipe = folder / name
    pipe.unlink()
    os.mkfifo(pipe)
    result = validate(folder / "commitments.csv", timeout=20)
    says_one_error(
        result, f"{pipe}: is a named pipe, not a regular file; give the path of a {what} file"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_exits_2_at_once():
    result = validate(Path("/dev/zero"), timeout=20)
    says_one_error(
        result, "/dev/zero: is a character device, not a regular file; give the path of a CSV file"
    )


def test_a_binary_file_exits_1_with_a_bounded_listing(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(bytes(range(256)) * 4000)
    result = validate(path, timeout=60)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    assert lines[-1].startswith(f"{path}:52: (file): 3,950 more lines have bytes that are not")
    assert result.stderr == "51 problem(s) found.\n"
