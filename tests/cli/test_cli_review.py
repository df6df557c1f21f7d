"""`python -m dashboard review`: the curator's list, run as a user runs it, in a subprocess.

The command counts the review's age from the real today; the lists count back from the review
date, so they do not move with the calendar.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.settings import ENV_COMMITMENTS
from tests.cli.conftest import FIXTURES, REPO

DATASET = FIXTURES / "dataset"
REVIEWED = date(2026, 6, 30)


def review(*args: str, commitments: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_COMMITMENTS}
    env[ENV_COMMITMENTS] = str(commitments)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "review", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def ids(rows: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in rows]


def test_review_json_lists_what_needs_another_look():
    before = (date.today() - REVIEWED).days
    result = review("--json", commitments=DATASET / "commitments.csv")
    after = (date.today() - REVIEWED).days
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert set(report) == {
        "today",
        "reviewed_through",
        "review_age_days",
        "stale_after_days",
        "statements",
        "never_checked",
        "checked_long_ago",
        "quiet_positions",
        "republished",
    }
    assert report["reviewed_through"] == "2026-06-30"
    assert report["review_age_days"] in (before, after)
    assert (report["stale_after_days"], report["statements"]) == (90, 6)
    assert ids(report["never_checked"]) == ["grc-troops-20260215", "kaz-medical-20260331"]
    assert ids(report["checked_long_ago"]) == ["idn-troops-20260219"]
    assert ids(report["quiet_positions"]) == ["kaz-medical-20260331", "xkx-troops-20260220"]
    assert ids(report["republished"]) == ["xkx-troops-20260220"]


def test_review_prints_the_same_list_as_text():
    result = review(commitments=DATASET / "commitments.csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Review date: 2026-06-30 (")
    assert lines[1] == "Statements: 6"
    for section in (
        "Never checked at their source: 2",
        "Checked more than 90 days before the review date: 1",
        "Open positions with no newer statement in 90 days: 2",
        "Read on a site that republishes others' reporting: cite the original: 1",
    ):
        assert section in lines
    assert "  xkx-troops-20260220  Reuters via MENAFN (menafn.com)" in lines
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_review_of_invalid_data_exits_1_and_says_to_validate(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATASET, folder)
    (folder / "review.toml").write_text("reviewed_through = 2026-13-01\n", encoding="utf-8")
    result = review("--json", commitments=folder / "commitments.csv")
    assert result.returncode == 1
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"{folder / 'review.toml'}:1: (file): the file is not valid TOML")
    assert errors[-1] == "Fix these first: python -m dashboard validate"


def test_review_of_a_missing_file_exits_2(tmp_path):
    missing = tmp_path / "commitments.csv"
    result = review(commitments=missing)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {missing}: no such file\n"
