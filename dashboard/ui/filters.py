"""Sidebar filters bound to the URL: a link reopens the same view."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.core.countries import country_name
from dashboard.core.filters import (
    AS_OF,
    COUNTRY,
    FOCUS,
    ROLE,
    SINCE,
    STATUS,
    VIEW,
    Filters,
    filters_to_params,
    parse_filters,
)
from dashboard.core.vocabulary import ROLES, STATUSES

FILTER_KEYS = (COUNTRY, ROLE, STATUS, AS_OF, SINCE, VIEW, FOCUS)
_READ = "_filters_read_from_url"
# The layout lives under a key of its own: the `view` toggle is not drawn in the briefing, and
# Streamlit forgets the state of a widget that a run does not draw.
BRIEFING = "_briefing_layout"
_IGNORED = "_filters_ignored"


def _dates(commitments: pd.DataFrame) -> tuple[date, date]:
    return commitments["date"].min().date(), commitments["date"].max().date()


def read_url_once(commitments: pd.DataFrame) -> None:
    """On a session's first run, seed the filter widgets from the URL and note what was ignored."""
    if st.session_state.get(_READ):
        return
    first, last = _dates(commitments)
    params = {key: st.query_params.get_all(key) for key in FILTER_KEYS}
    parsed = parse_filters(params, commitments["country"].unique(), first, last)
    st.session_state[COUNTRY] = list(parsed.filters.countries)
    st.session_state[ROLE] = list(parsed.filters.roles)
    st.session_state[STATUS] = list(parsed.filters.statuses)
    st.session_state[AS_OF] = parsed.filters.as_of or last
    st.session_state[SINCE] = parsed.filters.since
    st.session_state[BRIEFING] = parsed.filters.view == "briefing"
    st.session_state[FOCUS] = parsed.filters.focus
    st.session_state[_IGNORED] = parsed.ignored
    st.session_state[_READ] = True


def ignored_values() -> list[str]:
    """The URL values that were ignored on this session's first run."""
    return list(st.session_state.get(_IGNORED, []))


def _clear() -> None:
    for key in (COUNTRY, ROLE, STATUS):
        st.session_state[key] = []
    st.session_state[SINCE] = None
    st.session_state[FOCUS] = None
    st.session_state.pop(AS_OF, None)


def sidebar_filters(commitments: pd.DataFrame) -> Filters:
    """Draw the filters in the sidebar and keep the URL in step with them."""
    read_url_once(commitments)
    first, last = _dates(commitments)
    if AS_OF not in st.session_state:
        st.session_state[AS_OF] = last
    codes = sorted(commitments["country"].unique(), key=country_name)
    with st.sidebar:
        st.header("Filters")
        countries = st.multiselect(
            "Country", codes, format_func=country_name, key=COUNTRY, placeholder="All countries"
        )
        roles = st.multiselect(
            "Role",
            list(ROLES),
            format_func=lambda r: ROLES[r].label,
            key=ROLE,
            placeholder="All roles",
        )
        statuses = st.multiselect(
            "Current status",
            list(STATUSES),
            format_func=lambda s: STATUSES[s].label,
            key=STATUS,
            placeholder="All statuses",
        )
        as_of = st.date_input(
            "As of",
            min_value=first,
            max_value=last,
            key=AS_OF,
            format="YYYY-MM-DD",
            help="The picture on this date: the latest statement on or before "
            "it decides each country's status in each role.",
        )
        since = st.date_input(
            "Show what changed since",
            min_value=first,
            max_value=last,
            key=SINCE,
            format="YYYY-MM-DD",
            help="Lists every statement after this date, each status change "
            "from and to, and how the figures moved.",
        )
        st.button("Clear filters", on_click=_clear, width="stretch")
        st.caption("The address bar keeps these filters: copy the link to share this view.")
    briefing = bool(st.session_state.get(BRIEFING, False))
    filters = Filters(
        tuple(countries),
        tuple(roles),
        tuple(statuses),
        as_of,
        since if isinstance(since, date) else None,
        "briefing" if briefing else "dashboard",
        st.session_state.get(FOCUS),
    )
    write_url(filters_to_params(filters, last), FILTER_KEYS)
    return filters


def write_url(params: dict[str, list[str]], owned: tuple[str, ...]) -> None:
    """Set the owned query parameters to `params`, leaving any other parameter alone."""
    for key in owned:
        wanted = params.get(key)
        if wanted:
            if st.query_params.get_all(key) != wanted:
                st.query_params[key] = wanted
        elif key in st.query_params:
            del st.query_params[key]


def layout_toggle() -> None:
    """The switch to the briefing layout, kept in step with the layout's own state."""
    st.session_state[VIEW] = bool(st.session_state.get(BRIEFING, False))
    st.toggle(
        "Briefing layout",
        key=VIEW,
        on_change=_toggled,
        help="A clean 16:9 layout for slides: no sidebar, larger type, a footer that says "
        "what the picture is.",
    )


def _toggled() -> None:
    st.session_state[BRIEFING] = bool(st.session_state[VIEW])


def leave_briefing() -> None:
    """Go back from the briefing layout to the full dashboard."""
    st.session_state[BRIEFING] = False
