"""What one run of the page shows, and the key figures both layouts share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.filters import PageState
from dashboard.core.language import _, ngettext, number
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


def key_figures(figures: pd.DataFrame) -> list[str]:
    """One metric per planned figure: the announced range, and what is unknown or not counted.

    Returns the words under each figure (the slide makes room for the longest).
    """
    details: list[str] = []
    columns = st.columns(len(figures))
    for column, row in zip(columns, figures.to_dict("records"), strict=True):
        with column:
            if not row["roles"]:
                # TRANSLATORS: a key figure's value: the plan names it, no country adds to it.
                value = _("plan only")
                detail = _(
                    "A facility in contracting documents; no country's contribution counts "
                    "toward it."
                )
            else:
                value = range_text(row) if row["contributors"] else _("nothing announced")
                said = [_("No contributor in this view")]
                if row["contributors"]:
                    said = [_contributors(int(row["contributors"]), int(row["undisclosed"]))]
                if row["stopped_contributors"]:
                    stopped_count = int(row["stopped_contributors"])
                    stopped = range_text(row, "stopped_")
                    if stopped == _("none disclosed"):
                        stopped = ngettext(
                            "{count} contributor(s), no number",
                            "{count} contributor(s), no number",
                            stopped_count,
                        ).format(count=number(stopped_count))
                    said.append(
                        # TRANSLATORS: {range} is a number, a range of numbers or a count.
                        _("Suspended or withdrawn, not counted: {range}").format(range=stopped)
                    )
                if row["declined_contributors"]:
                    declined = int(row["declined_contributors"])
                    said.append(
                        # TRANSLATORS: how many countries declined to contribute to this figure.
                        ngettext("{count} declined", "{count} declined", declined).format(
                            count=number(declined)
                        )
                    )
                detail = ". ".join(said)
            st.metric(
                # TRANSLATORS: a key figure's name and its planned size: "Troops: plan 20,000".
                _("{figure}: plan {number}").format(
                    figure=row["label"], number=number(row["planned"])
                ),
                value,
                # TRANSLATORS: {wording} is the plan as its source words it; {source} the outlet.
                help=_("Plan: {wording} ({source})").format(
                    wording=row["wording"], source=row["source_outlet"]
                ),
            )
            st.caption(markdown_text(detail))
            details.append(detail)
    return details


def _contributors(count: int, undisclosed: int) -> str:
    """How many contributors a figure has, and how many of them gave no number."""
    if undisclosed:
        sentence = ngettext(
            "{count} contributor(s), {undisclosed} without a number (unknown, not zero)",
            "{count} contributor(s), {undisclosed} without a number (unknown, not zero)",
            count,
        )
    else:
        sentence = ngettext(
            "{count} contributor(s), {undisclosed} without a number",
            "{count} contributor(s), {undisclosed} without a number",
            count,
        )
    return sentence.format(count=number(count), undisclosed=number(undisclosed))
