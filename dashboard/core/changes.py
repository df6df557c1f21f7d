"""What changed between two dates: new statements, status changes, and the figures' movement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.core.picture import as_of, filter_statements, planned_vs_announced, to_timestamp
from dashboard.core.text import number_text

# The `from_status` of a position nobody had stated before: a code beside the status ids, not
# words; `markup` says it in the reader's language.
NO_STATEMENT = "no statement"


@dataclass(frozen=True)
class ChangeReport:
    """Everything a weekly update needs, between `since` (excluded) and `until` (included)."""

    since: date
    until: date
    statements: pd.DataFrame  # every statement dated after `since`, up to `until`
    transitions: pd.DataFrame  # one row per country and role whose status or number moved
    figures_before: pd.DataFrame  # planned versus announced as of `since`
    figures_after: pd.DataFrame  # planned versus announced as of `until`


def _keyed(current: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """Index a picture by (country, role), with each statement's number said in words.

    The words are the reader's language ("not disclosed", "не раскрыто"): both pictures are
    said in the same one, so comparing them still finds only real moves.
    """
    keyed = {}
    for record in current.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        row["number"] = number_text(row)
        keyed[(row["country"], row["role"])] = row
    return keyed


def changes_since(
    commitments: pd.DataFrame,
    targets: pd.DataFrame,
    since: date,
    until: date,
    countries: Iterable[str] = (),
    roles: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> ChangeReport:
    """Compare the picture on `since` with the picture on `until`.

    Args:
        commitments: validated statements.
        targets: validated planned figures.
        since: the earlier date; statements made on it count as already known.
        until: the later date (usually the as-of date of the view).
        countries: ISO3 codes to keep (empty keeps all).
        roles: role ids to keep (empty keeps all).
        statuses: keep transitions whose old or new status is one of these (empty keeps all).

    Returns:
        A `ChangeReport`; `transitions` has `country`, `role`, `from_status` (or "no statement"),
        `to_status`, `from_number`, `to_number`, `date`, `source_outlet`, `source_url`.
    """
    countries, roles, statuses = list(countries), list(roles), list(statuses)
    start, end = to_timestamp(since), to_timestamp(until)
    before = filter_statements(as_of(commitments, start), countries, roles)
    after = filter_statements(as_of(commitments, end), countries, roles)
    dated = commitments[(commitments["date"] > start) & (commitments["date"] <= end)]
    new = filter_statements(dated, countries, roles).sort_values(["date", "line"])

    old, now = _keyed(before), _keyed(after)
    rows = []
    for (country, role), row in now.items():
        previous = old.get((country, role))
        from_status = NO_STATEMENT if previous is None else previous["status"]
        from_number = "" if previous is None else previous["number"]
        if from_status == row["status"] and from_number == row["number"]:
            continue
        rows.append(
            {
                "country": country,
                "role": role,
                "from_status": from_status,
                "to_status": row["status"],
                "from_number": from_number,
                "to_number": row["number"],
                "date": row["date"],
                "source_outlet": row["source_outlet"],
                "source_url": row["source_url"],
            }
        )
    transitions = pd.DataFrame.from_records(
        rows,
        columns=[
            "country",
            "role",
            "from_status",
            "to_status",
            "from_number",
            "to_number",
            "date",
            "source_outlet",
            "source_url",
        ],
    )
    if statuses:
        keep = transitions["from_status"].isin(statuses) | transitions["to_status"].isin(statuses)
        transitions = transitions[keep]
        new = new[new["status"].isin(statuses)]
        before = before[before["status"].isin(statuses)]
        after = after[after["status"].isin(statuses)]
    return ChangeReport(
        since=start.date(),
        until=end.date(),
        statements=new,
        transitions=transitions.sort_values(["date", "country"]).reset_index(drop=True),
        figures_before=planned_vs_announced(before, targets),
        figures_after=planned_vs_announced(after, targets),
    )
