"""The whole dataset read at once: statements, plan, places, review date and corrections.

The review file and the corrections log sit beside the commitments file they describe, so a
copy of the data folder carries its own. The bundled data must have both; another file may go
without (it then has no review date and no corrections).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import pandas as pd

from dashboard.core.loading import (
    BUNDLED_COMMITMENTS,
    BUNDLED_EVENTS,
    BUNDLED_MISSIONS,
    BUNDLED_PLACES,
    BUNDLED_TARGETS,
    CORRECTIONS_NAME,
    REVIEW_NAME,
    InvalidData,
    Problem,
    UnreadableFile,
    read_commitments,
    read_corrections,
    read_events,
    read_missions,
    read_places,
    read_targets,
    read_text,
)
from dashboard.core.picture import latest_date
from dashboard.core.review import Review, default_as_of, host_of, line_of, read_review
from dashboard.core.schema import ColumnSpec, correction_columns, event_columns, mission_columns

T = TypeVar("T")


@dataclass(frozen=True)
class Dataset:
    """Every file of the data, validated together."""

    commitments: pd.DataFrame
    targets: pd.DataFrame
    places: pd.DataFrame
    review: Review
    corrections: pd.DataFrame
    path: Path
    # Context for the charts over time and the comparison with other missions; the bundled
    # files are read whatever commitments file is loaded.
    events: pd.DataFrame = field(default_factory=lambda: _empty(event_columns))
    missions: pd.DataFrame = field(default_factory=lambda: _empty(mission_columns))

    @property
    def latest(self) -> date:
        """The date of the newest statement."""
        return latest_date(self.commitments).date()

    @property
    def default_as_of(self) -> date:
        """The date a view shows unless the reader picks one (see `review.default_as_of`)."""
        return default_as_of(self.latest, self.review)


def review_path(commitments: Path) -> Path:
    """The review file that belongs to a commitments file."""
    return commitments.parent / REVIEW_NAME


def corrections_path(commitments: Path) -> Path:
    """The corrections log that belongs to a commitments file."""
    return commitments.parent / CORRECTIONS_NAME


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve() == BUNDLED_COMMITMENTS.resolve()
    except OSError:
        return False


def _empty(columns: Callable[[date], tuple[ColumnSpec, ...]]) -> pd.DataFrame:
    """A frame with a file's columns and no rows."""
    names = [c.name for c in columns(date.today())]
    frame = pd.DataFrame({name: pd.Series(dtype=str) for name in [*names, "line"]})
    if "date" in frame.columns:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def empty_corrections() -> pd.DataFrame:
    """A corrections log with no rows, for data that keeps none."""
    names = [c.name for c in correction_columns(date.today())]
    return pd.DataFrame({name: pd.Series(dtype=str) for name in [*names, "line"]})


def newest_first(corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections log in reading order: newest first, same-day ones in file order."""
    return corrections.sort_values(["date", "line"], ascending=[False, True])


def read_dataset(
    path: Path | None = None,
    today: date | None = None,
    targets: Path | None = None,
    places: Path | None = None,
    events: Path | None = None,
    missions: Path | None = None,
) -> Dataset:
    """Read and validate every data file; report the problems of all of them together.

    Args:
        path: the commitments file; defaults to the bundled file.
        today: the date after which dates count as future; defaults to today.
        targets: the planned figures; defaults to the bundled file.
        places: the places the map marks; defaults to the bundled file.
        events: the dated milestones; defaults to the bundled file.
        missions: the comparable operations; defaults to the bundled file.

    Raises:
        UnreadableFile: a file cannot be read at all.
        InvalidData: some file breaks its rules; `problems` lists every problem of every file.
    """
    path = path or BUNDLED_COMMITMENTS
    today = today or date.today()
    required = _is_bundled(path)
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    readers: tuple[tuple[str, Callable[[], pd.DataFrame]], ...] = (
        ("commitments", lambda: read_commitments(path, today)),
        ("targets", lambda: read_targets(targets or BUNDLED_TARGETS, today)),
        ("places", lambda: read_places(places or BUNDLED_PLACES)),
        # Context files, checked against the real date: `today` stands in for the date of the
        # commitments under test, and the bundled context may be newer than that.
        ("events", lambda: read_events(events or BUNDLED_EVENTS)),
        ("missions", lambda: read_missions(missions or BUNDLED_MISSIONS)),
    )
    for key, read in readers:
        try:
            frames[key] = read()
        except InvalidData as err:
            problems += err.problems
    review = Review()
    review_file = review_path(path)
    if review_file.exists() or required:
        try:
            review = _read_required(review_file, lambda: read_review(review_file, today))
        except InvalidData as err:
            problems += err.problems
    corrections = empty_corrections()
    log = corrections_path(path)
    if log.exists() or required:
        try:
            corrections = _read_required(log, lambda: read_corrections(log, today))
        except InvalidData as err:
            problems += err.problems
    if "commitments" in frames:
        problems += cross_problems(
            frames["commitments"], review, corrections, path, review_file, log
        )
    if problems:
        raise InvalidData(str(path), problems)
    return Dataset(
        frames["commitments"],
        frames["targets"],
        frames["places"],
        review,
        corrections,
        path,
        frames["events"],
        frames["missions"],
    )


def _read_required(file: Path, read: Callable[[], T]) -> T:
    if not file.exists():
        raise InvalidData(
            str(file),
            [
                Problem(
                    str(file),
                    1,
                    "(file)",
                    "the file is missing",
                    "the bundled data keeps its review date and its corrections beside "
                    "commitments.csv; restore the file from the repository",
                )
            ],
        )
    return read()


def cross_problems(
    commitments: pd.DataFrame,
    review: Review,
    corrections: pd.DataFrame,
    path: Path,
    review_file: Path,
    log: Path,
) -> list[Problem]:
    """The rules that span files: review date, corrected ids, credit for republished stories."""
    problems: list[Problem] = []
    newest = latest_date(commitments).date()
    if review.reviewed_through and review.reviewed_through < newest:
        problems.append(
            Problem(
                str(review_file),
                _key_line(review_file, "reviewed_through"),
                "reviewed_through",
                f"the review date {review.reviewed_through.isoformat()} is before the newest "
                f"statement ({newest.isoformat()})",
                "a review reaches at least the newest statement; move reviewed_through to "
                "the date up to which you searched",
            )
        )
    ids = set(commitments["id"])
    for row in corrections.to_dict("records"):
        line, statement = int(row["line"]), row["statement_id"]
        if row["action"] == "corrected" and statement not in ids:
            problems.append(
                Problem(
                    str(log),
                    line,
                    "statement_id",
                    f"'{statement}' is not a statement in {path.name}",
                    "give the id of the corrected row, or mark the action 'removed' if the "
                    "row was taken out",
                )
            )
        if row["action"] == "removed" and statement in ids:
            problems.append(
                Problem(
                    str(log),
                    line,
                    "statement_id",
                    f"'{statement}' is marked removed but is still in {path.name}",
                    "remove the row from the data, or mark the action 'corrected'",
                )
            )
        replaced = row["replaced_by"]
        if replaced and replaced not in ids:
            problems.append(
                Problem(
                    str(log),
                    line,
                    "replaced_by",
                    f"'{replaced}' is not a statement in {path.name}",
                    "name the id of the row that took the removed one's place, or leave blank",
                )
            )
    hosts = set(review.republishers)
    for row in commitments.to_dict("records"):
        host = host_of(row["source_url"])
        credited_to_site = " via " not in row["source_outlet"]
        if host in hosts and credited_to_site and row["source_kind"] != "secondary":
            problems.append(
                Problem(
                    str(path),
                    int(row["line"]),
                    "source_outlet",
                    f"{host} republishes others' stories, but '{row['source_outlet']}' credits "
                    "the site",
                    "credit the original, e.g. 'Reuters via MENAFN'; when the original is "
                    "unknown, the source kind is secondary",
                )
            )
    return sorted(problems, key=lambda p: (p.path, p.line))


def _key_line(file: Path, key: str) -> int:
    try:
        text, _ = read_text(file, "a TOML file")
    except (UnreadableFile, InvalidData):
        return 1
    return line_of(text, key)
