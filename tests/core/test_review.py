"""The curator's review: the review file, how fresh the data is, and what needs another look."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from dashboard.core.dataset import read_dataset
from dashboard.core.loading import InvalidData, Problem, UnreadableFile
from dashboard.core.review import (
    DEFAULT_STALE_AFTER_DAYS,
    Review,
    attention,
    attention_text,
    default_as_of,
    freshness_text,
    host_of,
    read_review,
)

FIXTURES = Path(__file__).parent / "fixtures"
DATASET = FIXTURES / "dataset"
TODAY = date(2026, 11, 28)
REVIEWED = date(2026, 6, 30)  # the fixture dataset's review date; 90 days before: 2026-04-01


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "review.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        read_review(path, today=TODAY)
    assert caught.value.path == str(path)
    return caught.value.problems


def located(problem: Problem, path: Path, line: int, column: str) -> bool:
    """The problem reads PATH:LINE: column: what is wrong (how to fix it)."""
    form = rf"{re.escape(str(path))}:{line}: {re.escape(column)}: .+ \(.+\)"
    return re.fullmatch(form, str(problem), flags=re.DOTALL) is not None


# --- read_review -------------------------------------------------------------------------------


def test_the_fixture_review_file_reads_with_every_key():
    assert read_review(DATASET / "review.toml", today=TODAY) == Review(
        REVIEWED, 90, ("menafn.com",)
    )


@pytest.mark.parametrize(
    "text",
    [
        "reviewed_through = 2026-06-30\n",
        'reviewed_through = "2026-06-30"\n',  # a quoted ISO date is a date too
        "\ufeff# the review\nreviewed_through = 2026-06-30  # searched up to here\n",
    ],
    ids=["date", "quoted date", "byte order mark and comments"],
)
def test_only_the_review_date_is_needed(tmp_path, text):
    review = read_review(write(tmp_path, text), today=TODAY)
    assert review == Review(REVIEWED, DEFAULT_STALE_AFTER_DAYS, ())


def test_the_review_date_may_be_today(tmp_path):
    path = write(tmp_path, "reviewed_through = 2026-11-28\n")
    assert read_review(path, today=TODAY).reviewed_through == TODAY


@pytest.mark.parametrize("days", [1, 3650])
def test_stale_after_days_bounds_are_accepted(tmp_path, days):
    path = write(tmp_path, f"reviewed_through = 2026-06-30\nstale_after_days = {days}\n")
    assert read_review(path, today=TODAY).stale_after_days == days


# One mistake per file: (text, line, column, fragment of what is wrong).
BROKEN_REVIEWS = [
    ("stale_after_days = 90\n", 1, "reviewed_through", "the review date is missing"),
    ("", 1, "reviewed_through", "the review date is missing"),
    (
        "# when\nreviewed_through = '30/06/2026'\n",
        2,
        "reviewed_through",
        "'30/06/2026' is not a date",
    ),
    ("reviewed_through = 20260630\n", 1, "reviewed_through", "'20260630' is not a date"),
    (
        "reviewed_through = 2026-06-30T10:00:00\n",
        1,
        "reviewed_through",
        "is not a date",
    ),
    (
        "reviewed_through = 2026-12-24\n",
        1,
        "reviewed_through",
        "2026-12-24 is in the future (today is 2026-11-28)",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_day = 30\n",
        2,
        "stale_after_day",
        "unknown key 'stale_after_day'",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_days = 0\n",
        2,
        "stale_after_days",
        "'0' is not a number of days",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_days = 3651\n",
        2,
        "stale_after_days",
        "'3651' is not a number of days",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_days = '90'\n",
        2,
        "stale_after_days",
        "'90' is not a number of days",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_days = 90.5\n",
        2,
        "stale_after_days",
        "'90.5' is not a number of days",
    ),
    (
        "reviewed_through = 2026-06-30\nstale_after_days = true\n",
        2,
        "stale_after_days",
        "is not a number of days",
    ),
    (
        "reviewed_through = 2026-06-30\nrepublishers = 'menafn.com'\n",
        2,
        "republishers",
        "is not a list of host names",
    ),
    (
        "reviewed_through = 2026-06-30\nrepublishers = [1]\n",
        2,
        "republishers",
        "is not a list of host names",
    ),
    (
        "reviewed_through = 2026-06-30\n\nrepublishers = ['https://menafn.com']\n",
        3,
        "republishers",
        "'https://menafn.com' is not a host name",
    ),
    (
        "reviewed_through = 2026-06-30\nrepublishers = ['MENAFN.com']\n",
        2,
        "republishers",
        "'MENAFN.com' is not a host name",
    ),
    (
        # Addresses are compared without www., so a host written with it would never match.
        "reviewed_through = 2026-06-30\nrepublishers = ['www.menafn.com']\n",
        2,
        "republishers",
        "'www.menafn.com' starts with www.",
    ),
    (
        "reviewed_through = 2026-06-30\nrepublishers = ['menafn']\n",
        2,
        "republishers",
        "'menafn' is not a host name",
    ),
    (
        "reviewed_through = 2026-06-30\nrepublishers = ['menafn.com/news']\n",
        2,
        "republishers",
        "'menafn.com/news' is not a host name",
    ),
    (
        "# how fresh\nreviewed_through = 2026-06-30\nstale_after_days 90\n",
        3,
        "(file)",
        "the file is not valid TOML",
    ),
    ("reviewed_through = 2026-06-31\n", 1, "(file)", "the file is not valid TOML"),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), BROKEN_REVIEWS)
def test_a_broken_review_file_is_reported_where_it_breaks(tmp_path, text, line, column, fragment):
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert len(problems) == 1, problems
    assert located(problems[0], path, line, column), str(problems[0])
    assert fragment in problems[0].wrong


def test_an_unknown_key_gets_a_suggestion_only_when_close(tmp_path):
    [close] = problems_of(write(tmp_path, "reviewed_through = 2026-06-30\nrepublisher = []\n"))
    assert close.fix.startswith(
        "did you mean 'republishers'? the keys are: reviewed_through, stale_after_days, "
        "republishers"
    )
    [far] = problems_of(write(tmp_path, "reviewed_through = 2026-06-30\ncolour = 'red'\n"))
    assert far.fix.startswith("the keys are: ")


def test_every_problem_of_a_review_file_is_reported_in_line_order(tmp_path):
    path = write(
        tmp_path,
        "republishers = ['https://menafn.com']\n"
        "stale_after_days = 0\n"
        "reviewed_through = 2027-01-01\n",
    )
    problems = problems_of(path)
    assert [(p.line, p.column) for p in problems] == [
        (1, "republishers"),
        (2, "stale_after_days"),
        (3, "reviewed_through"),
    ]


def test_a_review_file_that_is_not_utf8_is_a_problem_on_line_1(tmp_path):
    path = tmp_path / "review.toml"
    path.write_bytes(b"# r\xe9vision\nreviewed_through = 2026-06-30\n")
    [problem] = problems_of(path)
    assert located(problem, path, 1, "(file)")
    assert "not UTF-8" in problem.wrong


def test_a_missing_review_file_is_unreadable(tmp_path):
    missing = tmp_path / "review.toml"
    with pytest.raises(UnreadableFile, match=re.escape(f"{missing}: no such file")):
        read_review(missing, today=TODAY)


# --- host_of, default_as_of, freshness_text ----------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.menafn.com/1110771289/x", "menafn.com"),
        ("http://MENAFN.com:443/x?y=1", "menafn.com"),
        ("https://english.sunonews.tv/world", "english.sunonews.tv"),
        ("https://wwwmenafn.com/", "wwwmenafn.com"),
        ("not an address", ""),
    ],
)
def test_host_of(url, host):
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("latest", "reviewed", "expected"),
    [
        (date(2026, 3, 17), date(2026, 12, 2), date(2026, 12, 2)),
        (date(2026, 3, 17), date(2026, 3, 17), date(2026, 3, 17)),
        (date(2026, 3, 17), date(2026, 3, 1), date(2026, 3, 17)),  # never before the data
        (date(2026, 3, 17), None, date(2026, 3, 17)),
    ],
)
def test_default_as_of_is_the_review_date_unless_the_data_is_newer(latest, reviewed, expected):
    assert default_as_of(latest, Review(reviewed)) == expected


@pytest.mark.parametrize(
    ("review", "text"),
    [
        (
            Review(date(2026, 12, 2)),
            "Sources reviewed through 2 Dec 2026 · latest statement 17 Mar 2026",
        ),
        (Review(), "Review date not recorded · latest statement 17 Mar 2026"),
    ],
)
def test_freshness_text(review, text):
    assert freshness_text(review, date(2026, 3, 17)) == text


# --- attention: the curator's routine ------------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    return read_dataset(DATASET / "commitments.csv", today=TODAY)


def ids(rows: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in rows]


def test_attention_says_when_and_how_much(dataset):
    report = attention(dataset.commitments, dataset.review, TODAY)
    assert {k: report[k] for k in list(report)[:5]} == {
        "today": "2026-11-28",
        "reviewed_through": "2026-06-30",
        "review_age_days": 151,
        "stale_after_days": 90,
        "statements": 6,
    }
    assert json.loads(json.dumps(report)) == report


def test_never_checked_lists_blank_checked_dates_oldest_first(dataset):
    report = attention(dataset.commitments, dataset.review, TODAY)
    # Greece is the last row of the file but spoke first.
    assert ids(report["never_checked"]) == ["grc-troops-20260215", "kaz-medical-20260331"]
    assert report["never_checked"][1] == {
        "id": "kaz-medical-20260331",
        "country": "KAZ",
        "role": "medical",
        "status": "committed",
        "date": "2026-03-31",
        "source_outlet": "Baq.kz",
        "source_url": "https://rus.baq.kz/isf-medical",
    }


def test_checked_long_ago_counts_back_from_the_review_date(dataset):
    report = attention(dataset.commitments, dataset.review, TODAY)
    # Checked 2026-03-31 (91 days before the review) is listed; 2026-04-01 (90 days) is not.
    assert [(r["id"], r["checked"]) for r in report["checked_long_ago"]] == [
        ("idn-troops-20260219", "2026-03-31")
    ]


def test_quiet_positions_are_open_current_positions_with_old_statements(dataset):
    report = attention(dataset.commitments, dataset.review, TODAY)
    # Indonesia's suspension is 90 days old (not listed) and replaces its older commitment;
    # Kazakhstan's withdrawn troops and Greece's report are not open positions.
    assert [(r["id"], r["status"], r["days_since"]) for r in report["quiet_positions"]] == [
        ("kaz-medical-20260331", "committed", 91),
        ("xkx-troops-20260220", "committed", 130),
    ]


def test_republished_lists_sources_on_a_republishing_host(dataset):
    report = attention(dataset.commitments, dataset.review, TODAY)
    assert [(r["id"], r["host"]) for r in report["republished"]] == [
        ("xkx-troops-20260220", "menafn.com")  # read on www.menafn.com
    ]


@pytest.mark.parametrize(
    ("days", "long_ago", "quiet"),
    [
        (
            89,
            ["idn-troops-20260219", "idn-troops-20260401"],
            ["idn-troops-20260401", "kaz-medical-20260331", "xkx-troops-20260220"],
        ),
        (91, [], ["xkx-troops-20260220"]),
        (365, [], []),
    ],
)
def test_stale_after_days_moves_both_boundaries(dataset, days, long_ago, quiet):
    review = Review(REVIEWED, days, dataset.review.republishers)
    report = attention(dataset.commitments, review, TODAY)
    assert report["stale_after_days"] == days
    assert ids(report["checked_long_ago"]) == long_ago
    assert ids(report["quiet_positions"]) == quiet


def test_without_a_review_date_attention_counts_back_from_today(dataset):
    report = attention(dataset.commitments, Review(), TODAY)
    assert (report["reviewed_through"], report["review_age_days"]) == (None, None)
    # 90 days before 2026-11-28 is 2026-08-30: every check and every open position is older.
    assert ids(report["checked_long_ago"]) == [
        "idn-troops-20260219",
        "kaz-troops-20260219",
        "xkx-troops-20260220",
        "idn-troops-20260401",
    ]
    assert ids(report["quiet_positions"]) == [
        "idn-troops-20260401",
        "kaz-medical-20260331",
        "xkx-troops-20260220",
    ]
    assert report["republished"] == []  # no republishers without a review file


# --- attention_text ------------------------------------------------------------------------


def test_attention_text_lists_each_section_with_its_count(dataset):
    text = attention_text(attention(dataset.commitments, dataset.review, TODAY))
    assert text.splitlines() == [
        "Review date: 2026-06-30 (151 days ago)",
        "Statements: 6",
        "",
        "Never checked at their source: 2",
        "  grc-troops-20260215  21st News",
        "  kaz-medical-20260331  Baq.kz",
        "",
        "Checked more than 90 days before the review date: 1",
        "  idn-troops-20260219  Reuters via The Straits Times (checked 2026-03-31)",
        "",
        "Open positions with no newer statement in 90 days: 2",
        "  kaz-medical-20260331  Baq.kz (committed, 91 days)",
        "  xkx-troops-20260220  Reuters via MENAFN (committed, 130 days)",
        "",
        "Read on a site that republishes others' reporting: cite the original: 1",
        "  xkx-troops-20260220  Reuters via MENAFN (menafn.com)",
    ]


@pytest.mark.parametrize(
    ("review", "today", "first"),
    [
        (Review(REVIEWED), date(2026, 7, 1), "Review date: 2026-06-30 (1 day ago)"),
        (Review(REVIEWED), REVIEWED, "Review date: 2026-06-30 (0 days ago)"),
        (Review(), TODAY, "Review date: not recorded (add reviewed_through to review.toml)"),
    ],
)
def test_attention_text_first_line(dataset, review, today, first):
    assert attention_text(attention(dataset.commitments, review, today)).splitlines()[0] == first


def test_attention_text_shows_an_empty_section_as_zero(dataset):
    review = Review(REVIEWED, 365)
    lines = attention_text(attention(dataset.commitments, review, TODAY)).splitlines()
    at = lines.index("Checked more than 365 days before the review date: 0")
    assert lines[at + 1] == ""
    assert lines[-1] == "Read on a site that republishes others' reporting: cite the original: 0"
