"""The command line: validate the data, print the figures, snapshot the briefing, review."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from dashboard.core.countries import resolve_country
from dashboard.core.dataset import Dataset, read_dataset
from dashboard.core.loading import InvalidData, UnreadableFile
from dashboard.core.review import attention, attention_text
from dashboard.core.schema import is_iso_date
from dashboard.core.summary import summary, summary_text
from dashboard.core.vocabulary import ROLES, STATUSES

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _iso_date(text: str) -> date:
    if not is_iso_date(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD")
    return date.fromisoformat(text)


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
    shot = commands.add_parser(
        "snapshot", help="save the briefing view as a PNG or PDF (needs Chromium)"
    )
    shot.add_argument("--out", type=Path, required=True, help="FILE.png or FILE.pdf")
    shot.add_argument("--as-of", type=_iso_date, help="date YYYY-MM-DD (default: review date)")
    shot.add_argument("--since", type=_iso_date, help="show what changed since this date")
    _add_filters(shot)
    shot.add_argument("--width", type=int, default=1920, help="image width in pixels")
    shot.add_argument("--height", type=int, default=1080, help="image height in pixels")
    review = commands.add_parser(
        "review", help="list what the curator should check next (see data/README.md)"
    )
    review.add_argument("--json", action="store_true", help="print JSON instead of a list")
    return parser


def _validate(path: Path | None) -> int:
    try:
        data = read_dataset(path)
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
        f"{len(data.places)} places; {len(data.corrections)} corrections; "
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
    from dashboard.snapshot import NoBrowser, SnapshotError, snapshot

    codes = _countries(args.country)
    if codes is None:
        return EXIT_UNREADABLE
    params = {"country": codes, "role": args.role, "status": args.status}
    if args.as_of:
        params["as_of"] = [args.as_of.isoformat()]
    if args.since:
        params["since"] = [args.since.isoformat()]
    try:
        snapshot(
            args.out,
            {k: v for k, v in params.items() if v},
            args.width,
            args.height,
            progress=lambda line: print(line, file=sys.stderr),
        )
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
        return read_dataset()
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
    figures = summary(
        data.commitments,
        data.targets,
        args.as_of,
        codes,
        args.role,
        args.status,
        data.review,
        data.corrections,
    )
    if args.json:
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
    return _summary(args)


def run() -> int:
    """Run the command line as a program: a reader that stops early (`| head`) ends it quietly."""
    try:
        return main()
    except BrokenPipeError:
        # The reader has gone; Python would complain again while flushing stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(run())
