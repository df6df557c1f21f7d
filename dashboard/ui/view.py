"""What one rerun shows, computed once, and the key figures both layouts share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.filters import Filters, describe_filters
from dashboard.core.statements import sources_line
from dashboard.core.text import markdown_text, range_text


@dataclass(frozen=True)
class View:
    """Everything one rerun shows, computed once from the data and the filters."""

    filters: Filters
    when: date
    commitments: pd.DataFrame
    targets: pd.DataFrame
    places: pd.DataFrame
    points: pd.DataFrame
    current: pd.DataFrame
    figures: pd.DataFrame
    # "Sources reviewed through … · latest statement …": every rendering of the view says it.
    freshness: str
    corrections: pd.DataFrame
    # The default as-of date (the review date, or the newest statement if later).
    last: date
    # What the reader must be told about this view (unescaped sentences): every layout says it.
    notices: list[str] = field(default_factory=list)
    # The charts drawn in this run, by key: (title, figure), offered as image downloads.
    charts: dict[str, tuple[str, Any]] = field(default_factory=dict)

    @property
    def filters_text(self) -> str:
        return describe_filters(self.filters)

    @property
    def sources(self) -> str:
        return sources_line(self.current)


def key_figures(figures: pd.DataFrame) -> None:
    """One metric per planned figure: the announced range, and what is unknown or not counted."""
    columns = st.columns(len(figures))
    for column, row in zip(columns, figures.to_dict("records"), strict=True):
        with column:
            if not row["roles"]:
                value = "plan only"
                detail = (
                    "A facility in contracting documents; no country's contribution "
                    "counts toward it."
                )
            else:
                value = range_text(row) if row["contributors"] else "nothing announced"
                if not row["contributors"]:
                    detail = "No contributor in this view"
                else:
                    detail = f"{row['contributors']} contributor(s), {row['undisclosed']} without"
                    detail += " a number (unknown, not zero)" if row["undisclosed"] else " a number"
                if row["stopped_contributors"]:
                    stopped = range_text(row, "stopped_")
                    if stopped == "none disclosed":
                        stopped = f"{row['stopped_contributors']} contributor(s), no number"
                    detail += f". Suspended or withdrawn, not counted: {stopped}"
                if row["declined_contributors"]:
                    detail += f". {row['declined_contributors']} declined"
            st.metric(
                f"{row['label']}: plan {row['planned']:,}",
                value,
                help=f"Plan: {row['wording']} ({row['source_outlet']})",
            )
            st.caption(markdown_text(detail))
