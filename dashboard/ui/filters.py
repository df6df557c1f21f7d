"""Sidebar filters bound to the URL: a link reopens the same view."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.core.countries import country_name
from dashboard.core.filters import (
    AS_OF,
    CONDITION,
    COUNTRY,
    FOCUS,
    LANG,
    MAP_FRAMINGS,
    PARAMETERS,
    ROLE,
    SECTION,
    SECTIONS,
    SINCE,
    STATUS,
    STREAMLIT_MOST_CHARACTERS,
    STREAMLIT_MOST_FIELDS,
    VIEW,
    PageState,
    address_too_long_notice,
    capped_notices,
    link_language,
    link_params,
    parse_link,
)
from dashboard.core.language import LANGUAGES, _, language, speaking
from dashboard.core.selection import Selection
from dashboard.core.text import markdown_text, notice_text
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES
from dashboard.ui.data import reload_data

FILTER_KEYS = PARAMETERS
# A broken link can carry thousands of mistakes; this many notices are shown, the rest counted.
NOTICES_SHOWN = 8
_READ = "_filters_read_from_url"
# The layout, the open section and the map's framing live under keys of their own: their
# widgets are not drawn on every run (no tabs in the briefing, the map only in the overview),
# and Streamlit forgets the state of a widget that a run does not draw.
BRIEFING = "_briefing_layout"
OPEN_SECTION = "_open_section"
MAP_FRAMING = "_map_framing"
FOCUSED = "_focused_country"
LANGUAGE = "_language"
MAP_WIDGET = "map_view"  # "map" is the map's own key
_DROPPED = "_focus_dropped"
_IGNORED = "_filters_ignored"
_MOVED = "_filters_moved_by_data"
# The filters as this session chose them, under keys of their own. Each run hands them to the
# widgets afresh, so every run sends the browser each filter's value: a browser that had not yet
# drawn a widget when a tab was clicked (a busy machine) would otherwise fill it with its empty
# default and send that back, wiping the filter the link set. Only a widget's own change
# (its on_change callback) changes them.
CHOSEN = {key: f"_chosen_{key}" for key in (COUNTRY, ROLE, STATUS, CONDITION, AS_OF, SINCE)}
_LAST = "_latest_date_seen"
_TOO_LONG = "_address_too_long"
# The link's parameters as given, and the language its notices were said in: a reader who
# switches language hears them again in the new one.
_LINK = "_link_as_given"
_IGNORED_IN = "_filters_ignored_language"
ADDRESS_CHECK = "address-check"
# Streamlit drops an over-long query string before the page sees it, so only the browser knows
# the address was long: it measures it once and reports back, and the page says so.
_ADDRESS_CHECK = st.components.v2.component(
    "isf_address_check",
    js="""
export default function ({ data, setTriggerValue }) {
  const query = window.location.search.replace(/^[?]/, "");
  const fields = query ? query.split("&").length : 0;
  if (!data.said && (query.length > data.characters || fields > data.fields)) {
    setTriggerValue("too_long", { characters: query.length, fields: fields });
  }
}
""",
)


def read_url_once(commitments: pd.DataFrame, last: date) -> None:
    """On a session's first run, seed the filter widgets from the URL and note what was ignored.

    `last` is the latest date a view can show: the review date, or the newest statement.
    """
    if st.session_state.get(_READ):
        return
    first = commitments["date"].min().date()
    # Every name the link carries, so that a misspelt one is answered, not silently dropped.
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_link(params, commitments["country"].unique(), first, last)
    selection, page = parsed.selection, parsed.page
    st.session_state[CHOSEN[COUNTRY]] = list(selection.countries)
    st.session_state[CHOSEN[ROLE]] = list(selection.roles)
    st.session_state[CHOSEN[STATUS]] = list(selection.statuses)
    st.session_state[CHOSEN[CONDITION]] = list(selection.conditions)
    st.session_state[CHOSEN[AS_OF]] = selection.as_of or last
    st.session_state[CHOSEN[SINCE]] = selection.since
    st.session_state[BRIEFING] = page.layout == "briefing"
    st.session_state[FOCUSED] = page.focus
    st.session_state[OPEN_SECTION] = page.section
    st.session_state[MAP_FRAMING] = page.map_framing
    st.session_state[LANGUAGE] = page.lang
    st.session_state[_IGNORED] = parsed.ignored
    st.session_state[_LINK] = params
    st.session_state[_IGNORED_IN] = language()
    st.session_state[_READ] = True


def _ignored_in_this_language(commitments: pd.DataFrame, last: date) -> None:
    """Say again, in the language now read, what the link asked for and did not get."""
    params = st.session_state.get(_LINK)
    if st.session_state.get(_IGNORED_IN) == language() or params is None:
        return
    st.session_state[_IGNORED_IN] = language()
    if st.session_state.get(_IGNORED):  # nothing to say again once the filters were cleared
        first = commitments["date"].min().date()
        parsed = parse_link(params, commitments["country"].unique(), first, last)
        st.session_state[_IGNORED] = parsed.ignored


def notices() -> list[str]:
    """What the page must tell the reader about this view, each a plain sentence (unescaped).

    What the link asked for and did not get (said from the session's first run on), and what
    a change of the data files moved in this run; at most NOTICES_SHOWN, the rest counted.
    """
    # TRANSLATORS: {notice} says what in a shared link could not be used, and why.
    from_link = _("From the link: {notice}")
    said = [from_link.format(notice=text) for text in st.session_state.get(_IGNORED, [])]
    too_long = st.session_state.get(_TOO_LONG)
    if too_long:
        said.insert(0, from_link.format(notice=address_too_long_notice(*too_long)))
    # TRANSLATORS: {notice} says what an edit of the data files changed in the reader's view.
    changed = _("The data changed: {notice}")
    said += [changed.format(notice=text) for text in st.session_state.get(_MOVED, [])]
    return capped_notices(said, NOTICES_SHOWN)


def _clear() -> None:
    for key in (COUNTRY, ROLE, STATUS, CONDITION):
        st.session_state[CHOSEN[key]] = []
    st.session_state[CHOSEN[SINCE]] = None
    st.session_state[FOCUSED] = None
    st.session_state.pop(CHOSEN[AS_OF], None)


def _address_measured() -> None:
    measured = st.session_state[ADDRESS_CHECK].get("too_long") or {}
    characters, fields = int(measured.get("characters", 0)), int(measured.get("fields", 0))
    if characters or fields:
        # The numbers, not the sentence: it is said in the language of each run.
        st.session_state[_TOO_LONG] = (characters, fields)


def _picked(key: str) -> None:
    st.session_state[CHOSEN[key]] = st.session_state.get(key)


def clear_all() -> None:
    """Forget every filter and page choice: the way back from a view that cannot be drawn."""
    _clear()
    st.session_state[OPEN_SECTION] = "overview"
    st.session_state[MAP_FRAMING] = "world"
    st.session_state[_IGNORED] = []


def _keep_in_data(codes: list[str], first: date, last: date) -> list[str]:
    """Bring the session's filters back inside the data when the files changed under it.

    The widgets refuse a date outside their range or a country not among their options, so
    a session opened before an edit of the data would fail on its next run. Returns what was
    moved, for a notice.
    """
    moved = []
    previous = st.session_state.get(_LAST)
    st.session_state[_LAST] = last
    if previous and previous != last and st.session_state.get(CHOSEN[AS_OF]) == previous:
        # The reader was looking at the latest picture; it stays the latest one.
        st.session_state[CHOSEN[AS_OF]] = last
        moved.append(
            # TRANSLATORS: follows "The data changed: ". Dates are written YYYY-MM-DD.
            _(
                "the latest date it covers is now {date} (it was {previous}); the picture "
                "shows that date"
            ).format(date=last.isoformat(), previous=previous.isoformat())
        )
    outside = {
        # TRANSLATORS: follows "The data changed: ". Dates are written YYYY-MM-DD.
        AS_OF: _(
            "the as-of date {date} is outside the dates the data now covers ({first} to "
            "{last}); it is now {kept}"
        ),
        # TRANSLATORS: follows "The data changed: ". 'What changed since' names a filter.
        SINCE: _(
            "'What changed since' {date} is outside the dates the data now covers ({first} to "
            "{last}); it is now {kept}"
        ),
    }
    for key, sentence in outside.items():
        chosen = st.session_state.get(CHOSEN[key])
        if key == SINCE and isinstance(chosen, date) and chosen > last:
            # Moved to the last date, it would compare the picture with itself: let it go.
            st.session_state[CHOSEN[key]] = None
            moved.append(
                # TRANSLATORS: follows "The data changed: ". 'What changed since' names a filter.
                _(
                    "'What changed since' {date} is after the newest date the data now covers "
                    "({last}); it is cleared"
                ).format(date=chosen.isoformat(), last=last.isoformat())
            )
        elif isinstance(chosen, date):
            kept = min(max(chosen, first), last)
            if kept != chosen:
                st.session_state[CHOSEN[key]] = kept
                moved.append(
                    sentence.format(
                        date=chosen.isoformat(),
                        first=first.isoformat(),
                        last=last.isoformat(),
                        kept=kept.isoformat(),
                    )
                )
    known = set(codes)
    chosen_countries = list(st.session_state.get(CHOSEN[COUNTRY]) or [])
    gone = [code for code in chosen_countries if code not in known]
    if gone:
        st.session_state[CHOSEN[COUNTRY]] = [code for code in chosen_countries if code in known]
        names = ", ".join(notice_text(country_name(code)) for code in gone)
        moved.append(
            # TRANSLATORS: follows "The data changed: ". {countries} is a list of countries.
            _("no statement about {countries} is left in the data; removed from the filter").format(
                countries=names
            )
        )
    focused = st.session_state.get(FOCUSED)
    if focused and focused not in known:
        st.session_state[FOCUSED] = None
        moved.append(
            # TRANSLATORS: follows "The data changed: ".
            _("no statement about {country} is left in the data; its timeline is closed").format(
                country=notice_text(country_name(focused))
            )
        )
    return moved


def sidebar_filters(commitments: pd.DataFrame, last: date) -> tuple[Selection, PageState]:
    """Draw the filters in the sidebar, keep the URL in step, return what the reader chose.

    `last` is the latest and default as-of date: the review date, or the newest statement.
    """
    read_url_once(commitments, last)
    _ignored_in_this_language(commitments, last)
    st.session_state.pop(_DROPPED, None)  # a dropped focus is said in the run that drops it
    first = commitments["date"].min().date()
    if st.session_state.get(CHOSEN[AS_OF]) is None:
        st.session_state[CHOSEN[AS_OF]] = last
    codes = sorted(commitments["country"].unique(), key=country_name)
    st.session_state[_MOVED] = _keep_in_data(codes, first, last)
    for key, chosen in CHOSEN.items():
        st.session_state[key] = st.session_state.get(chosen)
    with st.sidebar:
        language_picker()
        st.header(_("Filters"))
        countries = st.multiselect(
            _("Country"),
            codes,
            format_func=country_name,
            key=COUNTRY,
            placeholder=_("All countries"),
            on_change=_picked,
            args=(COUNTRY,),
        )
        roles = st.multiselect(
            _("Role"),
            list(ROLES),
            format_func=lambda r: ROLES[r].label,
            key=ROLE,
            placeholder=_("All roles"),
            on_change=_picked,
            args=(ROLE,),
        )
        statuses = st.multiselect(
            _("Current status"),
            list(STATUSES),
            format_func=lambda s: STATUSES[s].label,
            key=STATUS,
            placeholder=_("All statuses"),
            on_change=_picked,
            args=(STATUS,),
        )
        conditions = st.multiselect(
            _("Stated condition"),
            list(CONDITIONS),
            format_func=lambda c: CONDITIONS[c].label,
            key=CONDITION,
            placeholder=_("No condition filter"),
            on_change=_picked,
            args=(CONDITION,),
            help=_(
                "Keeps the countries whose current position states one of these conditions "
                "(no combat role, a UN mandate…). A country that states none may still have some."
            ),
        )
        as_of = st.date_input(
            _("As of"),
            min_value=first,
            max_value=last,
            key=AS_OF,
            on_change=_picked,
            args=(AS_OF,),
            format="YYYY-MM-DD",
            help=_(
                "The picture on this date: the latest statement on or before it decides each "
                "country's status in each role."
            ),
        )
        since = st.date_input(
            _("Show what changed since"),
            min_value=first,
            max_value=last,
            key=SINCE,
            on_change=_picked,
            args=(SINCE,),
            format="YYYY-MM-DD",
            help=_(
                "Lists every statement after this date, each status change from and to, and "
                "how the figures moved."
            ),
        )
        st.button(_("Clear filters"), on_click=_clear, width="stretch", key="clear-filters")
        st.caption(_("The address bar keeps these filters: copy the link to share this view."))
        _ADDRESS_CHECK(
            key=ADDRESS_CHECK,
            data={
                "characters": STREAMLIT_MOST_CHARACTERS,
                "fields": STREAMLIT_MOST_FIELDS,
                "said": bool(st.session_state.get(_TOO_LONG)),
            },
            on_too_long_change=_address_measured,
        )
    selection = Selection(
        tuple(countries),
        tuple(roles),
        tuple(statuses),
        as_of,
        since if isinstance(since, date) else None,
        tuple(conditions),
    )
    page = PageState(
        "briefing" if st.session_state.get(BRIEFING, False) else "dashboard",
        st.session_state.get(OPEN_SECTION, "overview"),
        st.session_state.get(FOCUSED),
        st.session_state.get(MAP_FRAMING, "world"),
        reader_language(),
    )
    write_url(link_params(selection, page, last), FILTER_KEYS)
    return selection, page


def reader_language() -> str:
    """The language this session reads in: the picker's choice, else the link's, else English.

    Known before anything is drawn, so that every word of the run, notices included, is in it.
    """
    chosen = st.session_state.get(LANGUAGE)
    if chosen not in LANGUAGES:
        chosen = link_language({LANG: st.query_params.get_all(LANG)})
        st.session_state[LANGUAGE] = chosen
    return str(chosen)


def language_picker() -> None:
    """The language switch; its label is in all three languages, so anyone can find it."""
    st.session_state[LANG] = reader_language()
    st.selectbox(
        " · ".join(("Language", "Язык", "اللغة")),
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANG,
        on_change=_language_picked,
    )


def _language_picked() -> None:
    st.session_state[LANGUAGE] = st.session_state[LANG]


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
        _("Briefing layout"),
        key=VIEW,
        on_change=_toggled,
        help=_(
            "A clean 16:9 layout for slides: no sidebar, larger type, a footer that says what "
            "the picture is."
        ),
    )


def _toggled() -> None:
    st.session_state[BRIEFING] = bool(st.session_state[VIEW])


def section_tabs() -> dict[str, DeltaGenerator]:
    """Draw the section tabs, the open one as the session remembers it; code -> container.

    Each tab switch reruns the page, and the page fills only the open tab: a filter change
    then redraws one section, not all of them.
    """
    labels = section_labels()
    st.session_state[SECTION] = labels[st.session_state.get(OPEN_SECTION, "overview")]
    tabs = st.tabs(list(labels.values()), key=SECTION, on_change=_section_picked)
    return dict(zip(labels, tabs, strict=True))


def section_labels() -> dict[str, str]:
    """Each section's tab label in the reader's language, by code."""
    return {code: _(label) for code, label in SECTIONS.items()}


def _section_picked() -> None:
    # The tab reports the label it shows; the same labels, read back, give its code. A callback
    # runs before the page, outside the language the page speaks: it speaks the session's.
    with speaking(reader_language()):
        codes = {label: code for code, label in section_labels().items()}
    picked = codes.get(st.session_state[SECTION])
    if picked:
        st.session_state[OPEN_SECTION] = picked


def map_framing() -> str:
    """Draw the map's framing switch; return "world", "fit" or "gaza"."""
    st.session_state[MAP_WIDGET] = st.session_state.get(MAP_FRAMING, "world")
    st.segmented_control(
        _("Map view"),
        list(MAP_FRAMINGS),
        key=MAP_WIDGET,
        format_func=lambda code: _(MAP_FRAMINGS[code]),
        on_change=_framing_picked,
    )
    return str(st.session_state.get(MAP_FRAMING, "world"))


def _framing_picked() -> None:
    # A segmented control can be clicked off; that keeps the framing the reader had.
    picked = st.session_state.get(MAP_WIDGET)
    if picked in MAP_FRAMINGS:
        st.session_state[MAP_FRAMING] = picked


def drop_focus(selection: Selection, page: PageState, default: date) -> PageState:
    """Let go of a focused country the current view does not hold, in the URL as well.

    The timeline section then says which country was dropped and why.
    """
    st.session_state[_DROPPED] = page.focus
    st.session_state[FOCUSED] = None
    kept = replace(page, focus=None)
    write_url(link_params(selection, kept, default), FILTER_KEYS)
    return kept


def focus_picker(codes: list[str]) -> str | None:
    """Draw the country picker of the timeline section; return the chosen country or None."""
    dropped = st.session_state.pop(_DROPPED, None)
    if dropped:
        st.caption(
            _(
                "{country} is not in the current view; pick a country below or change the filters."
            ).format(country=markdown_text(country_name(dropped)))
        )
    chosen = st.session_state.get(FOCUSED)
    st.session_state[FOCUS] = chosen if chosen in codes else None
    st.selectbox(
        _("Country to follow over time"),
        codes,
        format_func=country_name,
        key=FOCUS,
        index=None,
        placeholder=_("Pick a country to see its timeline"),
        on_change=_focus_picked,
    )
    return st.session_state.get(FOCUSED)


def _focus_picked() -> None:
    st.session_state[FOCUSED] = st.session_state.get(FOCUS)


def way_back() -> None:
    """The buttons out of a view that failed to draw: clear the filters, reload the data."""
    clear, reload = st.columns(2)
    with clear:
        st.button(_("Clear filters"), on_click=clear_all, key="recover-clear", width="stretch")
    with reload:
        st.button(
            _("Reload the data"),
            on_click=reload_data,
            key="recover-reload",
            width="stretch",
            help=_("Read the data files again, as they are now"),
        )


def leave_briefing() -> None:
    """Go back from the briefing layout to the full dashboard."""
    st.session_state[BRIEFING] = False
