"""The picture over time: the as-of picture drawn on every date a statement changed it.

Each date's figures come from `selection.picture_of`, the function behind every other view, so
the line on any date equals what the dashboard shows when set to that date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from dashboard.core.dataset import Dataset
from dashboard.core.selection import Selection, picture_of
from dashboard.core.text import number_or_none

# The planned figure the band of announced personnel is set against.
FIGURE = "security_personnel"


@dataclass(frozen=True, eq=False)
class OverTime:
    """The force on each date: status counts per role, and announced personnel against the plan.

    `counts` has one row per (date, role, status) with `countries`, the number of countries at
    that status in that role on that date (dates with none are absent). `announced` has one row
    per date with `low`, `high` (the counted range, None when nothing is disclosed),
    `contributors`, `undisclosed` and `planned`.
    """

    dates: list[date]
    counts: pd.DataFrame
    announced: pd.DataFrame
    figure_label: str


def change_dates(dataset: Dataset, until: date, events: pd.DataFrame | None = None) -> list[date]:
    """Every date on which the picture can change, up to `until`: statement and event dates."""
    days = {d.date() for d in dataset.commitments["date"] if d.date() <= until}
    if events is not None:
        days |= {d.date() for d in events["date"] if d.date() <= until}
    days.add(until)
    return sorted(days)


def over_time(
    dataset: Dataset,
    selection: Selection,
    positions_on: Callable[[date], pd.DataFrame] | None = None,
) -> OverTime:
    """Draw the selection's picture on every date up to its as-of date.

    The as-of date and the filters are the selection's; its `since` is not used (every date is
    shown).
    """
    last = picture_of(dataset, selection, positions_on)
    dates = change_dates(dataset, last.when, dataset.events)
    counts: list[dict[str, object]] = []
    announced: list[dict[str, object]] = []
    label = FIGURE
    for day in dates:
        picture = picture_of(dataset, replace(selection, as_of=day, since=None), positions_on)
        current = picture.current
        for (role, status), countries in Counter(
            zip(current["role"], current["status"], strict=True)
        ).items():
            counts.append({"date": day, "role": role, "status": status, "countries": countries})
        figure = picture.figures[picture.figures["figure"] == FIGURE]
        if figure.empty:
            continue
        row = figure.iloc[0]
        label = str(row["label"])
        announced.append(
            {
                "date": day,
                "low": number_or_none(row["low"]),
                "high": number_or_none(row["high"]),
                "contributors": int(row["contributors"]),
                "undisclosed": int(row["undisclosed"]),
                "planned": int(row["planned"]),
            }
        )
    return OverTime(
        dates=dates,
        counts=pd.DataFrame.from_records(
            counts, columns=["date", "role", "status", "countries"]
        ).astype({"countries": "int64"}),
        # Nullable integers: an unknown total stays <NA>, never a float or a zero.
        announced=pd.DataFrame.from_records(
            announced,
            columns=["date", "low", "high", "contributors", "undisclosed", "planned"],
        ).astype({"low": "Int64", "high": "Int64"}),
        figure_label=label,
    )
