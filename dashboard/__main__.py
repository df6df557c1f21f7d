"""The command line: validate the data, print the figures, snapshot the briefing, review."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from dashboard.core.countries import resolve_country
from dashboard.core.dataset import Dataset, read_dataset
from dashboard.core.language import DEFAULT_LANGUAGE, LANGUAGES, speaking
from dashboard.core.loading import InvalidData, UnreadableFile
from dashboard.core.review import attention, attention_text
from dashboard.core.schema import is_iso_date
from dashboard.core.selection import Selection, picture_of
from dashboard.core.summary import summary, summary_text
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES
from dashboard.settings import commitments_path
from dashboard.snapshot import (
    MAX_HEIGHT,
    MAX_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    NoBrowser,
    SnapshotError,
    UnusableOutput,
    snapshot,
)

# 2 is also argparse's code for a bad argument: a file that cannot be used is one.
EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
# sysexits.h's EX_SOFTWARE, and the shell's code for Ctrl-C.
EXIT_BUG, EXIT_INTERRUPTED = 70, 130


def _iso_date(text: str) -> date:
    if not is_iso_date(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD")
    return date.fromisoformat(text)


def _pixels(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number of pixels from `low` to `high`."""

    def pixels(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of pixels") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high} pixels")
        return value

    return pixels


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The filters `summary` and `snapshot` share, named as in the dashboard's URL."""
    parser.add_argument("--country", nargs="+", default=[], help="ISO3 codes or names")
    parser.add_argument(
        "--role",
        nargs="+",
        default=[],
        choices=list(ROLES),
        metavar="ROLE",
        help="roles: " + ", ".join(ROLES),
    )
    parser.add_argument(
        "--status",
        nargs="+",
        default=[],
        choices=list(STATUSES),
        metavar="STATUS",
        help="statuses: " + ", ".join(STATUSES),
    )
    parser.add_argument(
        "--condition",
        nargs="+",
        default=[],
        choices=list(CONDITIONS),
        metavar="CONDITION",
        help="countries whose current position states one of these conditions: "
        + ", ".join(CONDITIONS),
    )


def _add_language(parser: argparse.ArgumentParser, what: str) -> None:
    """The --lang option: the language `what` is written in, named as in the dashboard's URL."""
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        metavar="LANG",
        help=f"the language of {what}: {', '.join(LANGUAGES)} (default: {DEFAULT_LANGUAGE})",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="ISF commitments: validate the data and print the dashboard's figures.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate",
        help="check the data: commitments, targets, places, review date and corrections",
    )
    validate.add_argument("path", nargs="?", type=Path, help="a commitments CSV to check")
    show = commands.add_parser("summary", help="print the figures the dashboard shows")
    show.add_argument("--as-of", type=_iso_date, help="date YYYY-MM-DD (default: review date)")
    _add_filters(show)
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_language(
        show,
        "the table (and of the country names and figure labels in --json, whose keys and codes "
        "stay English)",
    )
    shot = commands.add_parser(
        "snapshot", help="save the briefing view as a PNG or PDF (needs Chromium)"
    )
    shot.add_argument("--out", type=Path, required=True, help="FILE.png or FILE.pdf")
    shot.add_argument("--as-of", type=_iso_date, help="date YYYY-MM-DD (default: review date)")
    shot.add_argument("--since", type=_iso_date, help="show what changed since this date")
    _add_filters(shot)
    shot.add_argument(
        "--width",
        type=_pixels(MIN_WIDTH, MAX_WIDTH),
        default=1920,
        help=f"image width in pixels, {MIN_WIDTH} to {MAX_WIDTH} (default: 1920)",
    )
    shot.add_argument(
        "--height",
        type=_pixels(MIN_HEIGHT, MAX_HEIGHT),
        default=1080,
        help=f"image height in pixels, {MIN_HEIGHT} to {MAX_HEIGHT} (default: 1080)",
    )
    _add_language(shot, "the slide (Arabic is laid out right to left)")
    app = commands.add_parser(
        "app", help="serve the dashboard on the bundled data (or COMMITMENTS_CSV)"
    )
    app.add_argument("--port", type=int, default=8501, help="port (default: 8501)")
    app.add_argument(
        "--address",
        default="localhost",
        help="address to listen on (default: localhost; 0.0.0.0 serves a network)",
    )
    app.add_argument(
        "--browser-address",
        help="the name readers type (default: this machine's name when serving a network)",
    )
    review = commands.add_parser(
        "review", help="list what the curator should check next (see data/README.md)"
    )
    review.add_argument("--json", action="store_true", help="print JSON instead of a list")
    return parser


def _validate(path: Path | None) -> int:
    try:
        data = read_dataset(path or commitments_path())
    except UnreadableFile as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except InvalidData as err:
        for problem in err.problems:
            print(problem)
        print(f"{len(err.problems)} problem(s) found.", file=sys.stderr)
        return EXIT_INVALID
    commitments = data.commitments
    reviewed = data.review.reviewed_through
    print(
        f"valid: {len(commitments)} statements about {commitments['country'].nunique()} "
        f"countries in {data.path}; {len(data.targets)} planned figures; "
        f"{len(data.places)} places; {len(data.events)} events; "
        f"{len(data.missions)} mission figures; {len(data.corrections)} corrections; "
        + (f"sources reviewed through {reviewed.isoformat()}" if reviewed else "no review date")
    )
    return EXIT_OK


def _countries(texts: list[str]) -> list[str] | None:
    codes = []
    for text in texts:
        for part in text.split(","):
            code = resolve_country(part)
            if code is None:
                print(
                    f"error: unknown country '{part}' (give an ISO3 code or an English name)",
                    file=sys.stderr,
                )
                return None
            codes.append(code)
    return codes


def _snapshot(args: argparse.Namespace) -> int:
    codes = _countries(args.country)
    if codes is None:
        return EXIT_UNREADABLE
    params = {
        "country": codes,
        "role": args.role,
        "status": args.status,
        "condition": args.condition,
    }
    if args.as_of:
        params["as_of"] = [args.as_of.isoformat()]
    if args.since:
        params["since"] = [args.since.isoformat()]
    if args.lang and args.lang != DEFAULT_LANGUAGE:
        params["lang"] = [args.lang]  # the page reads it from the link, as a reader's would
    try:
        with speaking(args.lang or DEFAULT_LANGUAGE):
            snapshot(
                args.out,
                {k: v for k, v in params.items() if v},
                args.width,
                args.height,
                progress=lambda line: print(line, file=sys.stderr),
            )
    except UnusableOutput as err:
        print(f"error: --out {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except NoBrowser as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except SnapshotError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _read() -> Dataset | int:
    """Read the data the commands work on; on failure, say why and return the exit code."""
    try:
        return read_dataset(commitments_path())
    except UnreadableFile as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except InvalidData as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print("Fix these first: python -m dashboard validate", file=sys.stderr)
        return EXIT_INVALID


def _summary(args: argparse.Namespace) -> int:
    codes = _countries(args.country)
    if codes is None:
        return EXIT_UNREADABLE
    data = _read()
    if isinstance(data, int):
        return data
    selection = Selection(
        tuple(codes),
        tuple(args.role),
        tuple(args.status),
        args.as_of,
        conditions=tuple(args.condition),
    )
    with speaking(args.lang or DEFAULT_LANGUAGE):
        figures = summary(picture_of(data, selection))
        if args.json:
            if args.lang:
                # The language of the names and labels; keys and codes are the same in all.
                figures["lang"] = args.lang
            print(json.dumps(figures, indent=2, ensure_ascii=False))
        else:
            print(summary_text(figures))
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    data = _read()
    if isinstance(data, int):
        return data
    report = attention(data.commitments, data.review, date.today())
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(attention_text(report))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character from the data must not crash the command.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.path)
    if args.command == "snapshot":
        return _snapshot(args)
    if args.command == "review":
        return _review(args)
    if args.command == "app":
        return _app(args)
    return _summary(args)


def _app(args: argparse.Namespace) -> int:
    from dashboard.serving import STATIC, app_command, hidden_entries

    hidden = hidden_entries(STATIC)
    if hidden:
        print(
            f"error: not serving: {STATIC} holds hidden files ({', '.join(map(str, hidden))}),"
            " and Streamlit serves every file there to anyone who asks; move them out",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    wildcard = args.address in ("0.0.0.0", "::")
    browser = args.browser_address or (socket.gethostname() if wildcard else args.address)
    command = app_command(args.port, args.address, browser)
    # Streamlit takes over this process: its own Ctrl-C handling and exit code.
    os.execv(command[0], command)
    return EXIT_OK  # not reached


def run() -> int:
    """Run the command line as a program: whatever happens, at most one line of error.

    A reader that stops early (`| head`) ends it quietly; a failure of the system (a full disk,
    too little memory) is said in one line; an unexpected exception is a bug, said in one line
    with the file that holds its traceback.
    """
    try:
        code = main()
        # Flush now: a full disk would otherwise show as a traceback while Python exits.
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has gone: nothing to say, and nobody to say it to.
        _silence_stdout()
        return EXIT_OK
    except OSError as err:
        _say(f"error: {_os_problem(err)}")
        return EXIT_UNREADABLE
    except UnicodeError as err:
        _say(f"error: {_one_line(str(err))}")
        return EXIT_UNREADABLE
    except MemoryError:
        _say("error: out of memory; is an input file far larger than it should be?")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as err:  # the last resort: a bug, reported in one line, never hidden
        _say(_bug_report(err))
        return EXIT_BUG
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr)


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _os_problem(err: OSError) -> str:
    """One line for a failed system call: the file it names, or else the output."""
    reason = err.strerror or str(err)
    if err.filename:
        return _one_line(f"{err.filename}: {reason}")
    # Files are opened by name; what fails without one here is writing to stdout (`> /dev/full`).
    _silence_stdout()
    return f"cannot write the output ({_one_line(reason)})"


def _bug_report(err: Exception) -> str:
    """Save the traceback of an unexpected exception to a file; return the line that says so."""
    what = _one_line(f"{type(err).__name__}: {err}")[:300]
    try:
        handle, name = tempfile.mkstemp(prefix="dashboard-error-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"command: {' '.join(sys.argv)}\n\n{traceback.format_exc()}")
    except OSError as log_err:
        details = f"(its details could not be saved: {log_err.strerror})"
    else:
        details = f"with the details saved in {name}"
    return f"error: internal error ({what}); this is a bug, please report it {details}"


if __name__ == "__main__":
    sys.exit(run())
