"""The command line refuses in one line, never a traceback: `snapshot`'s --out and size first.

A bad --out or size is refused before the server or the browser is looked for, so these run
with CHROMIUM_PATH pointing at nothing: a check that came too late would say "no Chromium".
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import dashboard.__main__ as cli
from dashboard.snapshot import (
    MAX_HEIGHT,
    MAX_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    UnusableOutput,
    check_output,
    write_output,
)
from tests.cli.conftest import REPO

NO_BROWSER = "/nonexistent/chromium"


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", NO_BROWSER)


def dashboard(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run `python -m dashboard ARGS` on the bundled data, with no browser to be found."""
    env = {k: v for k, v in os.environ.items() if k != "COMMITMENTS_CSV"}
    env.update(CHROMIUM_PATH=NO_BROWSER, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=REPO,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a refused command writes to stderr (exit 2, no traceback)."""
    assert "Traceback" not in result.stderr + (result.stdout or ""), result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


# ---------------------------------------------------------------------------------------------
# --out
# ---------------------------------------------------------------------------------------------


def a_folder(tmp: Path) -> Path:
    return tmp


def a_folder_named_like_an_image(tmp: Path) -> Path:
    (tmp / "slides.png").mkdir()
    return tmp / "slides.png"


def a_path_under_a_file(tmp: Path) -> Path:
    (tmp / "notes.txt").write_text("not a folder")
    return tmp / "notes.txt" / "deeper" / "kaz.png"


def a_missing_folder(tmp: Path) -> Path:
    return tmp / "missing" / "kaz.png"


def a_read_only_place(_tmp: Path) -> Path:
    # /proc takes no new files, even from root (whom chmod would not stop).
    return Path("/proc/kaz.png")


def a_fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.png")
    return tmp / "pipe.png"


def a_gif(tmp: Path) -> Path:
    return tmp / "kaz.gif"


BAD_OUTS = [
    (a_folder, "is a folder; give a file name ending in .png or .pdf"),
    (a_folder_named_like_an_image, "is a folder; give a file name ending in .png or .pdf"),
    (a_path_under_a_file, "notes.txt is a file, not a folder"),
    (a_missing_folder, "missing does not exist; create it first (mkdir -p "),
    (a_read_only_place, "cannot create a file in /proc ("),
    (a_fifo, "exists and is not a regular file; give a new name"),
    (a_gif, "the output must end in .png or .pdf"),
]


@pytest.mark.parametrize(("make_out", "says"), BAD_OUTS, ids=[m.__name__ for m, _ in BAD_OUTS])
def test_a_bad_out_is_refused_in_one_line_before_any_work(tmp_path, make_out, says):
    out = make_out(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = dashboard("snapshot", "--out", str(out), "--country", "KAZ")
    line = one_error_line(result)
    assert line.startswith(f"error: --out {out}"), line
    assert says in line
    # Refused before the browser was looked for (it would say so) or the server started.
    assert "Chromium" not in result.stderr
    assert "Starting the dashboard" not in result.stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing created, not even a probe file


def test_a_writable_out_passes_the_check_and_leaves_nothing_behind(tmp_path):
    check_output(tmp_path / "kaz.png")
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"%PDF-")
    check_output(existing)
    assert sorted(tmp_path.iterdir()) == [existing]
    assert existing.read_bytes() == b"%PDF-"


@pytest.mark.usefixtures("no_browser")
def test_a_good_out_gets_as_far_as_looking_for_the_browser(tmp_path, capsys):
    assert cli.main(["snapshot", "--out", str(tmp_path / "kaz.PNG")]) == 2
    assert capsys.readouterr().err.startswith("error: no Chromium browser found")


def test_a_failed_write_is_one_error_not_a_traceback():
    # /dev/full fails every write with "No space left on device", as a full disk does.
    with pytest.raises(UnusableOutput, match=r"^/dev/full could not be written \(No space left"):
        write_output(Path("/dev/full"), b"\x89PNG")
    assert Path("/dev/full").exists()  # and it was not "cleaned up"


def test_the_command_says_a_failed_write_in_one_line(tmp_path, monkeypatch, capsys):
    out = tmp_path / "kaz.png"

    def disk_full(*_args, **_kwargs):
        raise UnusableOutput(f"{out} could not be written (No space left on device); ...")

    monkeypatch.setattr(cli, "snapshot", disk_full)
    assert cli.main(["snapshot", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: --out {out} could not be written (No space left on device); ..."
    ]


# ---------------------------------------------------------------------------------------------
# --width and --height
# ---------------------------------------------------------------------------------------------


WIDTHS = f"is not between {MIN_WIDTH} and {MAX_WIDTH} pixels"
HEIGHTS = f"is not between {MIN_HEIGHT} and {MAX_HEIGHT} pixels"


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--width", "100000", f"100000 {WIDTHS}"),
        ("--width", str(MAX_WIDTH + 1), f"{MAX_WIDTH + 1} {WIDTHS}"),
        ("--width", str(MIN_WIDTH - 1), f"{MIN_WIDTH - 1} {WIDTHS}"),
        ("--width", "-1920", f"-1920 {WIDTHS}"),
        ("--height", str(MAX_HEIGHT + 1), f"{MAX_HEIGHT + 1} {HEIGHTS}"),
        ("--height", str(MIN_HEIGHT - 1), f"{MIN_HEIGHT - 1} {HEIGHTS}"),
        ("--width", "12.5", "'12.5' is not a whole number of pixels"),
        ("--height", "tall", "'tall' is not a whole number of pixels"),
    ],
)
def test_a_size_out_of_bounds_is_refused_by_argparse(tmp_path, capsys, option, value, says):
    out = tmp_path / "kaz.png"
    with pytest.raises(SystemExit) as stop:
        cli.main(["snapshot", "--out", str(out), option, value])
    assert stop.value.code == 2
    # argparse's usual refusal: the usage, then one line naming the option and the bounds.
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"python -m dashboard snapshot: error: argument {option}: {says}"
    assert not out.exists()


@pytest.mark.parametrize(("width", "height"), [(MAX_WIDTH, MIN_HEIGHT), (MIN_WIDTH, MAX_HEIGHT)])
@pytest.mark.usefixtures("no_browser")
def test_the_size_bounds_are_inclusive(tmp_path, capsys, width, height):
    out = tmp_path / "kaz.png"
    assert (
        cli.main(["snapshot", "--out", str(out), "--width", str(width), "--height", str(height)])
        == 2
    )
    assert "no Chromium browser found" in capsys.readouterr().err  # past argparse and the checks


def test_help_states_the_size_bounds(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["snapshot", "--help"])
    assert stop.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"image width in pixels, {MIN_WIDTH} to {MAX_WIDTH} (default: 1920)" in help_text
    assert f"image height in pixels, {MIN_HEIGHT} to {MAX_HEIGHT} (default: 1080)" in help_text


# ---------------------------------------------------------------------------------------------
# Any command: a failure of the system is one line, a bug is one line and a saved traceback
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["summary"], ["review", "--json"], ["validate"]])
def test_a_full_disk_on_stdout_is_one_line(command):
    with open("/dev/full", "w") as full:
        result = dashboard(*command, stdout=full.fileno())
    assert one_error_line(result) == "error: cannot write the output (No space left on device)"


UNDECODABLE = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")


@pytest.mark.parametrize(
    ("failure", "code", "says"),
    [
        (
            PermissionError(13, "Permission denied", "/d/x.csv"),
            2,
            "error: /d/x.csv: Permission denied",
        ),
        (UNDECODABLE, 2, f"error: {UNDECODABLE}"),
        (MemoryError(), 2, "error: out of memory; is an input file far larger than it should be?"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
    ids=["os-error", "unicode-error", "memory-error", "ctrl-c"],
)
def test_an_expected_failure_is_one_line(monkeypatch, capsys, failure, code, says):
    def fail(_argv=None):
        raise failure

    monkeypatch.setattr(cli, "main", fail)
    assert cli.run() == code
    assert capsys.readouterr().err.splitlines() == [says]


def test_a_bug_is_one_line_that_says_so_and_where_its_traceback_is(monkeypatch, capsys, tmp_path):
    def broken(_argv=None):
        raise KeyError("as_of\nsecond line")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cli.run() == 70
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: internal error (KeyError: ")
    assert "this is a bug, please report it with the details saved in " in lines[0]
    (log,) = tmp_path.glob("dashboard-error-*.log")
    assert lines[0].endswith(str(log))
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in broken" in text


def test_the_condition_filter_reaches_the_slide_link(tmp_path, monkeypatch):
    seen = {}

    def record(_out, params, *_args, **_kwargs):
        seen.update(params)

    monkeypatch.setattr(cli, "snapshot", record)
    out = tmp_path / "slide.png"
    assert cli.main(["snapshot", "--out", str(out), "--condition", "no_combat"]) == 0
    assert seen == {"condition": ["no_combat"]}
