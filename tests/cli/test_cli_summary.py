"""The command line, run as a user runs it: `python -m dashboard summary` in a subprocess."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.core.dataset import read_dataset
from dashboard.core.review import default_as_of
from dashboard.core.schema import commitment_columns
from dashboard.core.selection import Selection, picture_of
from dashboard.core.summary import summary
from dashboard.settings import ENV_COMMITMENTS
from tests.cli.conftest import REPO
from tests.factories import write_corrections

TODAY = date(2026, 11, 28)


def run(*args: str, commitments: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_COMMITMENTS}
    if commitments is not None:
        env[ENV_COMMITMENTS] = str(commitments)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "summary", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_commitments(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = [c.name for c in commitment_columns(TODAY)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


GOOD_ROW = {
    "id": "idn-troops-20260219",
    "date": "2026-02-19",
    "date_precision": "day",
    "country": "IDN",
    "role": "troops",
    "status": "committed",
    "source_outlet": "Test outlet",
    "source_url": "https://example.org/a",
    "source_kind": "media",
}


def test_summary_json_of_the_bundled_data():
    result = run("--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["planned"] == {
        "security_personnel": 20000,
        "police_to_train": 12000,
        "base_capacity": 5000,
    }
    assert data["filters"] == {"country": [], "role": [], "status": [], "condition": []}


def test_summary_json_of_the_bundled_data_defaults_to_its_review_date(monkeypatch):
    monkeypatch.delenv(ENV_COMMITMENTS, raising=False)
    bundled = read_dataset()
    result = run("--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reviewed_through"] == bundled.review.reviewed_through.isoformat()
    assert data["latest_statement"] == bundled.latest.isoformat()
    assert data["as_of"] == default_as_of(bundled.latest, bundled.review).isoformat()
    assert len(data["corrections"]) == len(bundled.corrections)


def test_summary_json_of_indonesia_troops_on_20_february(monkeypatch):
    monkeypatch.delenv(ENV_COMMITMENTS, raising=False)
    result = run("--as-of", "2026-02-20", "--country", "IDN", "--role", "troops", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-02-20"
    assert data["filters"] == {
        "country": ["IDN"],
        "role": ["troops"],
        "status": [],
        "condition": [],
    }
    assert [c["iso3"] for c in data["countries"]] == ["IDN"]
    assert list(data["countries"][0]["roles"]) == ["troops"]
    assert list(data["announced"]) == ["troops"]
    # The command prints what the core computes, whatever the bundled figures are.
    bundled = read_dataset()
    selection = Selection(("IDN",), ("troops",), as_of=date(2026, 2, 20))
    assert data == summary(picture_of(bundled, selection))


@pytest.mark.parametrize("country", ["Kazakhstan", "kaz", "KAZ"])
def test_summary_accepts_a_country_name_or_code(country):
    result = run("--country", country, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filters"]["country"] == ["KAZ"]
    assert [c["iso3"] for c in data["countries"]] == ["KAZ"]
    assert data["countries"][0]["name"] == "Kazakhstan"


def test_summary_accepts_several_countries():
    result = run("--country", "Kosovo,IDN", "MAR", "--json")
    assert result.returncode == 0, result.stderr
    assert [c["iso3"] for c in json.loads(result.stdout)["countries"]] == ["IDN", "MAR", "XKX"]


def test_unknown_country_exits_2_with_a_message():
    result = run("--country", "Atlantis", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown country 'Atlantis'" in result.stderr


@pytest.mark.parametrize("bad", ["2026-02-30", "yesterday"])
def test_bad_date_exits_2_from_argparse(bad):
    result = run("--as-of", bad)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage:" in result.stderr
    assert f"'{bad}' is not a date; write YYYY-MM-DD" in result.stderr


def test_unknown_role_exits_2_from_argparse():
    result = run("--role", "pilots")
    assert result.returncode == 2
    assert "invalid choice: 'pilots'" in result.stderr


def test_table_without_json(monkeypatch):
    monkeypatch.delenv(ENV_COMMITMENTS, raising=False)
    bundled = read_dataset()
    result = run()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"ISF commitments as of {default_as_of(bundled.latest, bundled.review)}"
    assert lines[1] == (
        f"Sources reviewed through {bundled.review.reviewed_through}; "
        f"latest statement {bundled.latest}"
    )
    assert "Planned versus announced" in lines
    assert any(
        line.startswith("  Security personnel (ISF troops): plan 20,000; ") for line in lines
    )
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_table_as_of_a_date():
    result = run("--as-of", "2026-02-20", "--country", "IDN", "--role", "troops")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ISF commitments as of 2026-02-20"
    assert lines[1].startswith("Sources reviewed through ")
    assert lines[2] == "Filters: country=IDN; role=troops"
    assert "  IDN  Indonesia  troops: committed" in lines


def test_a_broken_commitments_file_exits_1_with_path_and_line(tmp_path):
    path = write_commitments(
        tmp_path / "broken.csv",
        [
            GOOD_ROW,
            {**GOOD_ROW, "id": "idn-troops-20260230", "date": "2026-02-30"},
        ],
    )
    result = run("--json", commitments=path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:3: date: '2026-02-30' is not a valid ISO 8601 date" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_good_commitments_file_from_the_environment_is_used(tmp_path):
    path = write_commitments(
        tmp_path / "good.csv",
        [
            {**GOOD_ROW, "personnel_high": "8000"},
            {**GOOD_ROW, "id": "xkx-troops-20260220", "date": "2026-02-20", "country": "XKX"},
        ],
    )
    result = run("--json", commitments=path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-02-20"
    assert [c["iso3"] for c in data["countries"]] == ["IDN", "XKX"]
    assert data["statements_considered"] == 2


def test_a_folder_with_a_review_file_defaults_to_its_review_date(tmp_path):
    path = write_commitments(tmp_path / "commitments.csv", [{**GOOD_ROW, "personnel_high": "8000"}])
    (tmp_path / "review.toml").write_text("reviewed_through = 2026-03-01\n", encoding="utf-8")
    write_corrections(tmp_path / "corrections.csv", [{"statement_id": GOOD_ROW["id"]}])
    result = run("--json", commitments=path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["as_of"], data["reviewed_through"], data["latest_statement"]) == (
        "2026-03-01",
        "2026-03-01",
        "2026-02-19",
    )
    assert [c["statement_id"] for c in data["corrections"]] == [GOOD_ROW["id"]]


def test_a_broken_review_file_exits_1_with_path_and_line(tmp_path):
    path = write_commitments(tmp_path / "commitments.csv", [GOOD_ROW])
    review = tmp_path / "review.toml"
    review.write_text("reviewed_through = 2026-03-01\nstale = 3\n", encoding="utf-8")
    result = run("--json", commitments=path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{review}:2: stale: unknown key 'stale'" in result.stderr


def test_a_missing_commitments_file_exits_2(tmp_path):
    result = run(commitments=tmp_path / "nowhere.csv")
    assert result.returncode == 2
    assert f"error: {tmp_path / 'nowhere.csv'}: no such file" in result.stderr


def test_a_commitments_file_with_no_statements_is_invalid_data(tmp_path):
    # A header with no statement is invalid (nothing to show), said as `validate` says it.
    path = write_commitments(tmp_path / "header-only.csv", [])
    result = run("--json", commitments=path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"{path}:2: (row): the file has a header but no statements" in result.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly():
    # `summary | head -1`: the reader closes the pipe after one line, before the table is out.
    env = {k: v for k, v in os.environ.items() if k != ENV_COMMITMENTS}
    with subprocess.Popen(
        [sys.executable, "-m", "dashboard", "summary"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.read(20)
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert first.startswith(b"ISF commitments")
    assert "Traceback" not in errors, errors
    assert code == 0


def test_summary_keeps_the_countries_carrying_a_stated_condition():
    result = run("--condition", "no_combat", "un_mandate", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filters"]["condition"] == ["no_combat", "un_mandate"]
    shown = {c["iso3"] for c in data["countries"]}
    carrying = set(data["conditions"].get("no_combat", [])) | set(
        data["conditions"].get("un_mandate", [])
    )
    assert shown
    assert shown == carrying


def test_unknown_condition_exits_2_from_argparse_naming_the_codes():
    result = run("--condition", "no_combatt")
    assert result.returncode == 2
    assert "invalid choice: 'no_combatt'" in result.stderr
    assert "no_combat" in result.stderr


def test_the_table_says_the_conditions_and_the_comparison():
    result = run()
    assert result.returncode == 0, result.stderr
    assert "Stated conditions (current positions)" in result.stdout
    assert "Compared with other missions" in result.stdout
    assert "  ISF: plan 20,000;" in result.stdout
