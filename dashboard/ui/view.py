"""What one run of the page shows, and the key figures both layouts share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.filters import PageState
from dashboard.core.selection import Picture
from dashboard.core.text import markdown_text, range_text


@dataclass(frozen=True, eq=False)
class View:
    """What one run of the page shows: the picture, how the page shows it, and what it says."""

    picture: Picture
    page: PageState
    places: pd.DataFrame
    points: pd.DataFrame
    # What the reader must be told about this view (unescaped sentences): every layout says it.
    notices: list[str] = field(default_factory=list)
    # The charts drawn in this run, by key: (title, figure), offered as image downloads.
    charts: dict[str, tuple[str, Any]] = field(default_factory=dict)


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
