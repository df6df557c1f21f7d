"""The page in Russian and Arabic: every section draws, in the catalogs' words; the picker works.

Each test opens the real app (dashboard/app.py) in AppTest with `lang=` in the link, or switches
the language picker, and compares what the page shows with `_()` of the English inside
`speaking()`: a message the catalogs lack would come out in English and fail the script check.
"""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.filters import SECTIONS
from dashboard.core.language import _, speaking
from dashboard.core.picture import as_of, planned_vs_announced
from dashboard.core.statements import headline
from dashboard.core.text import html_text, markdown_text, short_date
from dashboard.ui.filters import OPEN_SECTION
from dashboard.ui.page import RIGHT_TO_LEFT_CSS, TITLE, document_language_html
from tests.ui.conftest import bundled, bundled_default
from tests.ui.test_briefing import footer, html_bodies
from tests.ui.test_page import (
    assert_rendered,
    figure_title,
    figures,
    headline_text,
    notices,
    opened,
    plain,
    tab_labels,
)

DEFAULT = bundled_default()
# A letter of each language's own script: a message left in English has none.
LETTERS = {"ru": re.compile("[а-яё]", re.IGNORECASE), "ar": re.compile("[\u0621-\u064a]")}
TRANSLATED = ("ru", "ar")
# The sidebar's filters: widget kind, key and English label.
SIDEBAR = (
    ("multiselect", "country", "Country"),
    ("multiselect", "role", "Role"),
    ("multiselect", "status", "Current status"),
    ("multiselect", "condition", "Stated condition"),
    ("date_input", "as_of", "As of"),
    ("date_input", "since", "Show what changed since"),
)


# The direction marks charts put around right-to-left text for plotly; a reader sees none.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def chart_titles(at) -> list[str]:
    return [BIDI_MARKS.sub("", figure_title(f)) for f in figures(at)]


def said_in(lang: str, text: str) -> bool:
    """Whether `text` holds a letter of `lang`'s script."""
    return bool(LETTERS[lang].search(text))


def right_to_left(at) -> bool:
    """Whether the page laid itself out right to left (AppTest trims each body's ends)."""
    styles = (m.value for m in at.markdown if m.proto.allow_html and "<style>" in m.value)
    return any(RIGHT_TO_LEFT_CSS.strip() in style for style in styles)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_section_draws_in_the_language_of_the_link(open_page, lang):
    at = open_page({"lang": lang, "focus": "IDN"})  # the country view opens first, with its chart
    assert_rendered(at)
    with speaking(lang):
        title = _("{country}: statements up to {date}").format(country="", date=short_date(DEFAULT))
    [timeline] = chart_titles(at)
    assert timeline.endswith(title), timeline
    # AppTest formats a picker's choice (a country's name) again in the test's own thread,
    # where the page's language is not spoken unless the test speaks it too.
    with speaking(lang):
        for section in SECTIONS:
            opened(at, section)
            assert_rendered(at)
            assert at.session_state[OPEN_SECTION] == section
            assert at.get("plotly_chart") or at.dataframe or section == "conditions", section
        opened(at, "overview")
    with speaking(lang):
        dated = _("Planned versus announced, as of {date}").format(date=short_date(DEFAULT))
        behind = _("The numbers behind this chart, as a table")
    assert chart_titles(at) == [dated]
    assert behind in [e.label for e in at.expander]
    assert said_in(lang, behind)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_title_tabs_filters_and_headline_are_in_that_language(open_page, lang):
    at = open_page({"lang": lang})
    assert_rendered(at)
    with speaking(lang):
        title = _(TITLE)
        tabs = [_(label) for label in SECTIONS.values()]
        labels = {key: _(english) for _kind, key, english in SIDEBAR}
        filters = _("Filters")
        now = as_of(bundled().commitments, DEFAULT)
        sentence = headline(now, planned_vs_announced(now, bundled().targets))
    assert [t.value for t in at.title] == [title]
    assert said_in(lang, title)
    assert tab_labels(at) == tabs
    assert all(said_in(lang, label) for label in tabs), tabs
    assert [h.value for h in at.sidebar.header] == [filters]
    for kind, key, _english in SIDEBAR:
        label = getattr(at, kind)(key=key).label
        assert label == labels[key]
        assert said_in(lang, label), label
    assert headline_text(at) == f"#### {plain(markdown_text(sentence))}"
    assert said_in(lang, sentence)
    # The language picker keeps its label in all three languages, so anyone can find it.
    assert at.selectbox(key="lang").label == "Language · Язык · اللغة"


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_the_document_says_its_language_and_arabic_reads_right_to_left(open_page, lang):
    at = open_page({"lang": lang} if lang != "en" else {})
    assert_rendered(at)
    assert document_language_html(lang) in [h.value for h in at.html]
    assert right_to_left(at) == (lang == "ar")


def test_the_language_picker_changes_the_language_and_the_address(open_page):
    at = open_page({"section": "roles"})
    assert [t.value for t in at.title] == [TITLE]
    at.selectbox(key="lang").set_value("ar").run()
    assert_rendered(at)
    with speaking("ar"):
        assert [t.value for t in at.title] == [_(TITLE)]
        assert tab_labels(at) == [_(label) for label in SECTIONS.values()]
    assert at.query_params == {"section": "roles", "lang": "ar"}
    assert right_to_left(at)
    # The open section stays open in the new language.
    assert at.session_state[OPEN_SECTION] == "roles"

    at.selectbox(key="lang").set_value("en").run()
    assert_rendered(at)
    assert [t.value for t in at.title] == [TITLE]
    assert tab_labels(at) == list(SECTIONS.values())
    assert at.query_params == {"section": "roles"}  # English is the default: not in the address
    assert not right_to_left(at)


def test_an_unknown_language_in_a_link_is_said_and_the_page_is_english(open_page):
    at = open_page({"lang": "xx"})
    assert_rendered(at)
    assert [t.value for t in at.title] == [TITLE]
    [notice] = notices(at)
    assert notice.startswith("From the link: lang 'xx'"), notice
    assert at.query_params == {}


def test_the_notices_of_a_link_follow_the_reader_into_another_language(open_page):
    at = open_page({"lang": "ru", "country": "Atlantis"})
    assert_rendered(at)
    [notice] = notices(at)
    with speaking("ru"):
        prefix = _("From the link: {notice}").format(notice="")
    assert notice.startswith(prefix), notice
    assert said_in("ru", prefix)
    assert "Atlantis" in notice
    at.selectbox(key="lang").set_value("en").run()
    [notice] = notices(at)
    assert notice.startswith("From the link: country 'Atlantis'"), notice


def _pick_a_tab(lang: str, label: str) -> None:
    """A script that does what a click on a tab does: the tab's callback, before any page."""
    import streamlit as st

    from dashboard.ui.filters import LANGUAGE, OPEN_SECTION, SECTION, _section_picked

    st.session_state[LANGUAGE] = lang
    st.session_state[SECTION] = label
    _section_picked()
    st.text(st.session_state[OPEN_SECTION])


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_tab_clicked_in_another_language_opens_its_section(lang):
    # Streamlit runs a widget's callback before the script, outside the page's `speaking`: the
    # callback must read the label in the session's language, or a click on a tab fails.
    with speaking(lang):
        label = _(SECTIONS["timeline"])
    at = AppTest.from_function(_pick_a_tab, args=(lang, label), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.text] == ["timeline"]


def test_the_briefing_draws_in_arabic(open_page):
    at = open_page({"lang": "ar", "view": "briefing"})
    assert_rendered(at)
    assert right_to_left(at)
    with speaking("ar"):
        title = _(TITLE)
        unknown = _("Unknown numbers are shown as unknown, never as zero.")
        reopen = _("Reopen this view: {link}").format(link="")
        back = _("Back to the full dashboard")
    header = [b for b in html_bodies(at) if "font-size:27px" in b]
    assert len(header) == 1
    assert f">{html_text(title)}</div>" in header[0]
    text = html.unescape(footer(at))
    for words in (title, unknown, reopen):
        assert words in text
    assert all(said_in("ar", words) for words in (title, unknown, reopen))
    assert at.button(key="leave-briefing").label == back
    assert at.get("plotly_chart")
    assert at.get("deck_gl_json_chart")
