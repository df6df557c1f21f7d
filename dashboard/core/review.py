"""The curator's review: how fresh the data is, and what needs another look."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from dashboard.core.language import _
from dashboard.core.loading import InvalidData, Problem, read_text
from dashboard.core.picture import as_of
from dashboard.core.schema import is_iso_date
from dashboard.core.text import short_date

DEFAULT_STALE_AFTER_DAYS = 90
# Positions that still await news: a pledge can be kept, cut or carried out, an offer taken up.
OPEN_STATUSES = ("offered", "conditional", "committed", "suspended")
REVIEW_KEYS = {
    "reviewed_through": "the date up to which public reporting was searched (YYYY-MM-DD)",
    "stale_after_days": "days after which a check or an open position needs another look",
    "republishers": "web sites that republish other outlets' stories (host names)",
}
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Review:
    """What the dataset says about its own review: when, how often, which sites republish."""

    reviewed_through: date | None = None
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    republishers: tuple[str, ...] = ()


def read_review(path: Path, today: date | None = None) -> Review:
    """Read and check a review file (data/review.toml).

    Raises:
        UnreadableFile: the file cannot be read at all.
        InvalidData: the file breaks its rules; every problem is listed with its line.
    """
    today = today or date.today()
    name = str(path)
    text, undecodable = read_text(path, "a TOML file")
    if undecodable:
        # TOML has no use for a replaced byte: the file must be saved again either way.
        raise InvalidData(name, undecodable)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = _TOML_LINE.search(str(err))
        line = int(found.group(1)) if found else 1
        raise InvalidData(
            name,
            [
                Problem(
                    name,
                    line,
                    "(file)",
                    f"the file is not valid TOML: {err}",
                    "write one 'key = value' per line, e.g. reviewed_through = 2026-12-02",
                )
            ],
        ) from err
    problems: list[Problem] = []

    def problem(key: str, wrong: str, fix: str) -> None:
        problems.append(Problem(name, line_of(text, key), key, wrong, fix))

    for key in raw:
        if key not in REVIEW_KEYS:
            close = difflib.get_close_matches(key, list(REVIEW_KEYS), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problem(key, f"unknown key '{key}'", f"{hint}the keys are: {', '.join(REVIEW_KEYS)}")
    reviewed = _review_date(raw.get("reviewed_through"), today, problem)
    stale = raw.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    if isinstance(stale, bool) or not isinstance(stale, int) or not 1 <= stale <= 3650:
        problem(
            "stale_after_days",
            f"'{stale}' is not a number of days",
            "write a whole number of days from 1 to 3650, e.g. 90",
        )
        stale = DEFAULT_STALE_AFTER_DAYS
    hosts = raw.get("republishers", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        problem(
            "republishers",
            "is not a list of host names",
            'write a list of strings, e.g. republishers = ["menafn.com"]',
        )
        hosts = []
    for host in hosts:
        if host.startswith("www."):
            problem(
                "republishers",
                f"'{host}' starts with www.",
                f"write the host without www., e.g. {host.removeprefix('www.')}: addresses are "
                "compared without it",
            )
        elif not _HOST.match(host):
            problem(
                "republishers",
                f"'{host}' is not a host name",
                "write the site's host in lowercase without https:// or www., e.g. menafn.com",
            )
    if problems:
        raise InvalidData(name, sorted(problems, key=lambda p: p.line))
    return Review(reviewed, stale, tuple(hosts))


def _review_date(value: Any, today: date, problem: Callable[[str, str, str], None]) -> date | None:
    key = "reviewed_through"
    fix = "write the date the review reached as YYYY-MM-DD, e.g. reviewed_through = 2026-12-02"
    if value is None:
        problem(key, "the review date is missing", fix)
        return None
    if isinstance(value, str) and is_iso_date(value):
        value = date.fromisoformat(value)
    if isinstance(value, datetime) or not isinstance(value, date):
        problem(key, f"'{value}' is not a date", fix)
        return None
    if value > today:
        problem(
            key,
            f"{value.isoformat()} is in the future (today is {today.isoformat()})",
            "the review can only reach today; move the date back",
        )
        return None
    return value


def line_of(text: str, key: str) -> int:
    """The line of a TOML text that sets `key`, for messages; 1 when it is not set."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def host_of(url: str) -> str:
    """The host of an address, lowercase and without "www.": what `republishers` lists."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def default_as_of(latest: date, review: Review) -> date:
    """The date a view shows unless the reader picks one: the review date, if it is later.

    The data is known to be complete up to the review date, so the picture holds on that day
    even when the newest statement is older.
    """
    reviewed = review.reviewed_through
    return max(latest, reviewed) if reviewed else latest


def freshness_text(review: Review, latest: date) -> str:
    """Say how fresh the data is: "Sources reviewed through 2 Dec 2026 · latest statement …"."""
    if review.reviewed_through is None:
        return _("Review date not recorded · latest statement {latest}").format(
            latest=short_date(latest)
        )
    # TRANSLATORS: {reviewed} is the date up to which public reporting was searched; {latest}
    # the date of the newest statement in the data.
    return _("Sources reviewed through {reviewed} · latest statement {latest}").format(
        reviewed=short_date(review.reviewed_through), latest=short_date(latest)
    )


def _row(statement: dict[Any, Any]) -> dict[str, Any]:
    return {
        "id": statement["id"],
        "country": statement["country"],
        "role": statement["role"],
        "status": statement["status"],
        "date": statement["date"].date().isoformat(),
        "source_outlet": statement["source_outlet"],
        "source_url": statement["source_url"],
    }


def attention(commitments: pd.DataFrame, review: Review, today: date) -> dict[str, Any]:
    """List what the curator should look at next, as JSON-ready data.

    Args:
        commitments: validated statements (with their `checked` dates).
        review: the dataset's review file.
        today: the date the routine runs.

    Returns:
        `reviewed_through`, `review_age_days` (None without a review date), `stale_after_days`,
        then lists of statements: `never_checked`, `checked_long_ago` (checked more than
        `stale_after_days` before the review date), `quiet_positions` (open positions whose
        latest statement is that old) and `republished` (sources read on a site that
        republishes others' reporting).
    """
    reviewed = review.reviewed_through
    anchor = reviewed or today
    limit = pd.Timestamp(anchor - timedelta(days=review.stale_after_days))
    records = commitments.sort_values(["date", "line"]).to_dict("records")
    never = [_row(r) for r in records if pd.isna(r["checked"])]
    long_ago = [
        {**_row(r), "checked": r["checked"].date().isoformat()}
        for r in records
        if not pd.isna(r["checked"]) and r["checked"] < limit
    ]
    current = as_of(commitments, anchor)
    quiet = [
        {**_row(r), "days_since": (pd.Timestamp(anchor) - r["date"]).days}
        for r in current.to_dict("records")
        if r["status"] in OPEN_STATUSES and r["date"] < limit
    ]
    hosts = set(review.republishers)
    republished = [
        {**_row(r), "host": host_of(r["source_url"])}
        for r in records
        if host_of(r["source_url"]) in hosts
    ]
    return {
        "today": today.isoformat(),
        "reviewed_through": reviewed.isoformat() if reviewed else None,
        "review_age_days": (today - reviewed).days if reviewed else None,
        "stale_after_days": review.stale_after_days,
        "statements": len(commitments),
        "never_checked": never,
        "checked_long_ago": long_ago,
        "quiet_positions": quiet,
        "republished": republished,
    }


def attention_text(report: dict[str, Any]) -> str:
    """Render the curator's list as plain text for the terminal."""
    days = report["stale_after_days"]
    if report["reviewed_through"] is None:
        lines = ["Review date: not recorded (add reviewed_through to review.toml)"]
    else:
        age = report["review_age_days"]
        lines = [
            f"Review date: {report['reviewed_through']} ({age} day{'' if age == 1 else 's'} ago)"
        ]
    lines.append(f"Statements: {report['statements']}")
    sections: tuple[tuple[str, str, Callable[[dict[str, Any]], str]], ...] = (
        ("never_checked", "Never checked at their source", lambda _row: ""),
        (
            "checked_long_ago",
            f"Checked more than {days} days before the review date",
            lambda r: f" (checked {r['checked']})",
        ),
        (
            "quiet_positions",
            f"Open positions with no newer statement in {days} days",
            lambda r: f" ({r['status']}, {r['days_since']} days)",
        ),
        (
            "republished",
            "Read on a site that republishes others' reporting: cite the original",
            lambda r: f" ({r['host']})",
        ),
    )
    for key, title, extra in sections:
        items = report[key]
        lines += ["", f"{title}: {len(items)}"]
        lines += [f"  {r['id']}  {r['source_outlet']}{extra(r)}" for r in items]
    return "\n".join(lines)
