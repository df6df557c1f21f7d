"""`python -m dashboard validate PATH`: exit codes and what goes to stdout and stderr.

The command judges dates against the real today, so the fixtures used here are dated early
2026 and stay valid (or broken for reasons other than dates) from then on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.core.loading import InvalidData, read_commitments

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COMMITMENTS_CSV"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
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
    assert result.stdout == f"valid: {summary} in {path}\n"
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
    assert result.stderr == f"error: {tmp_path}: is a directory, not a CSV file\n"
