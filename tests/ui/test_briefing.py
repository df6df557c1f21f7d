"""The briefing layout (?view=briefing) and the changes view (?since=) in AppTest.

Each test opens the real app (dashboard/app.py) with the query string a shared link would
carry, and reads what the page passed to Streamlit: markdown bodies, charts and widgets.
"""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dashboard.core.changes import NO_STATEMENT, changes_since
from dashboard.core.countries import country_name
from dashboard.core.text import long_date, range_text, short_date
from dashboard.core.vocabulary import ROLES
from dashboard.ui.filters import OPEN_SECTION
from tests.ui.conftest import bundled, bundled_default

TITLE = "International Stabilization Force for Gaza: who has committed what"
# The default as-of date (the bundled data's review date), derived so a data review that moves
# it does not break the tests; SINCE is the day the first five troop contributors were named.
DEFAULT = bundled_default()
SINCE = date(2026, 2, 19)
TROOPS = "security_personnel"  # the planned figure the troop statements count toward
CHANGES = f"What changed between {short_date(SINCE)} and {short_date(DEFAULT)}"
SIDEBAR_RULE = re.compile(r'\[data-testid="stSidebar"\][^{]*\{\s*display:\s*none !important;')

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


# --- reading the page ------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """The text a reader sees for a markdown body: backslash escapes of punctuation removed."""
    return _MD_ESCAPE.sub(r"\1", markdown)


def assert_rendered(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def html_bodies(at) -> list[str]:
    return [m.value for m in at.markdown if m.proto.allow_html]


def footer(at) -> str:
    found = [b for b in html_bodies(at) if "class='brief-footer'" in b]
    assert len(found) == 1, html_bodies(at)
    return found[0]


def is_briefing(at) -> bool:
    return any("class='brief-footer'" in b for b in html_bodies(at))


def footer_text(at) -> str:
    """The footer as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", footer(at)))


def reopen_link(at) -> str:
    """The href of the footer's "Reopen this view" link, decoded."""
    match = re.search(r"Reopen this view: <a href='([^']*)'>([^<]*)</a>", footer(at))
    assert match, footer(at)
    href, text = (html.unescape(g) for g in match.groups())
    assert href == text
    return href


def link_params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def plotly_titles(at) -> list[str]:
    figures: list[dict[str, Any]] = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [str(f.get("layout", {}).get("title", {}).get("text", "")) for f in figures]


def decks(at) -> int:
    return len(at.get("deck_gl_json_chart"))


def items(body: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in re.findall(r"<li>(.*?)</li>", body)]


def back_button(at):
    found = [b for b in at.button if b.key == "leave-briefing"]
    assert len(found) == 1, [b.label for b in at.button]
    return found[0]


# --- the briefing layout ---------------------------------------------------------------------


def test_the_briefing_renders_without_error(open_page):
    at = open_page({"view": "briefing"})
    assert_rendered(at)
    assert is_briefing(at)
    assert not at.title  # the dashboard's h1 is replaced by the slide's own header
    assert not at.toggle  # no "Briefing layout" toggle on the slide
    assert back_button(at).label == "Back to the full dashboard"
    # No "What changed": the map (with its legend) and the planned-versus-announced chart.
    assert decks(at) == 1
    assert plotly_titles(at) == ["Planned versus announced"]
    assert any("Marker colour:" in b for b in html_bodies(at))
    assert at.query_params == {"view": "briefing"}


def test_the_briefing_hides_the_sidebar(open_page):
    at = open_page({"view": "briefing"})
    # The page's accessibility rules come first; the slide's own rules hide the chrome.
    [css] = [b for b in html_bodies(at) if b.lstrip().startswith("<style>") and "stSidebar" in b]
    assert SIDEBAR_RULE.search(css), css
    assert '[data-testid="stToolbar"]' in css
    # The normal dashboard has no such rule.
    dashboard = open_page()
    assert not [b for b in html_bodies(dashboard) if SIDEBAR_RULE.search(b)]


def test_the_briefing_header_says_title_date_and_filters(open_page):
    at = open_page({"view": "briefing"})
    [header] = [b for b in html_bodies(at) if "font-size:27px" in b]
    assert f">{TITLE}</div>" in header
    assert f">As of {long_date(DEFAULT)} · all countries, roles and statuses</div>" in header
    assert "Indonesia troops suspended" in header  # the headline sentence


def test_the_briefing_footer_says_what_the_picture_is(open_page):
    at = open_page({"view": "briefing"})
    text = footer_text(at)
    assert TITLE in text
    assert f"as of {long_date(DEFAULT)}" in text
    assert "Filters: all countries, roles and statuses" in text
    assert re.search(r"Sources: \S", text), text
    assert "Unknown numbers are shown as unknown, never as zero." in text
    assert "Reopen this view:" in text
    link = reopen_link(at)
    assert link_params(link) == {"view": ["briefing"]}
    assert "view=briefing" in link


def test_a_filtered_briefing_link_says_and_reopens_its_filters(open_page):
    at = open_page({"view": "briefing", "country": "KAZ", "as_of": "2026-03-01"})
    assert_rendered(at)
    text = footer_text(at)
    assert "Filters: countries: Kazakhstan" in text
    assert "as of 1 March 2026" in text
    assert f"as of {long_date(DEFAULT)}" not in text
    link = reopen_link(at)
    assert link_params(link) == {
        "country": ["KAZ"],
        "as_of": ["2026-03-01"],
        "view": ["briefing"],
    }
    assert "country=KAZ" in link
    assert "as_of=2026-03-01" in link


def test_dashboard_url_names_the_address_of_the_link(open_page, monkeypatch):
    monkeypatch.setenv("DASHBOARD_URL", "https://example.org/isf/")
    at = open_page({"view": "briefing", "country": "KAZ"})
    assert_rendered(at)
    link = reopen_link(at)
    assert link.startswith("https://example.org/isf/?")
    assert link_params(link) == {"country": ["KAZ"], "view": ["briefing"]}


def test_the_briefing_since_a_date_shows_the_changes_instead_of_the_map(open_page):
    at = open_page({"view": "briefing", "since": "2026-02-19"})
    assert_rendered(at)
    [changes] = [b for b in html_bodies(at) if CHANGES in b]
    moves = items(changes)
    assert any(re.match(r"Indonesia Troops: committed → suspended\b", m) for m in moves), moves
    assert any(re.match(r"Kazakhstan Troops: committed → withdrawn\b", m) for m in moves), moves
    assert "The figures" in changes
    assert decks(at) == 0
    assert plotly_titles(at) == ["Planned versus announced"]
    assert link_params(reopen_link(at)) == {"since": ["2026-02-19"], "view": ["briefing"]}


# --- switching between the layouts -----------------------------------------------------------


def test_the_toggle_switches_the_dashboard_to_the_briefing(open_page):
    at = open_page()
    toggle = at.toggle(key="view")
    assert toggle.label == "Briefing layout"
    assert toggle.value is False
    assert not is_briefing(at)
    assert at.title[0].value == TITLE

    at.toggle(key="view").set_value(True).run()
    assert_rendered(at)
    assert is_briefing(at)
    assert not at.title
    assert at.query_params == {"view": "briefing"}
    assert link_params(reopen_link(at)) == {"view": ["briefing"]}


def test_the_back_button_returns_to_the_dashboard(open_page):
    at = open_page({"view": "briefing", "country": "KAZ"})
    assert is_briefing(at)
    back_button(at).click().run()
    assert_rendered(at)
    assert not is_briefing(at)
    assert [t.value for t in at.title] == [TITLE]
    assert at.toggle(key="view").value is False
    assert at.query_params == {"country": "KAZ"}  # the filters stay, the view goes
    assert at.multiselect(key="country").value == ["KAZ"]


def test_toggle_on_then_back_then_on_again(open_page):
    at = open_page()
    at.toggle(key="view").set_value(True).run()
    back_button(at).click().run()
    assert not is_briefing(at)
    assert at.query_params == {}
    at.toggle(key="view").set_value(True).run()
    assert is_briefing(at)


def test_a_briefing_opened_with_the_toggle_survives_a_rerun(open_page):
    # The toggle's key "view" is also the state the page reads. The briefing does not draw the
    # toggle, so Streamlit drops that widget's state at the end of the run; the next rerun
    # (a reconnect, the "R" shortcut) finds no "view" and falls back to the dashboard, while
    # a briefing opened from the link (?view=briefing) stays.
    at = open_page()
    at.toggle(key="view").set_value(True).run()
    assert is_briefing(at)
    at.run()
    assert_rendered(at)
    assert is_briefing(at), "a plain rerun left the briefing"
    assert at.query_params == {"view": "briefing"}


def test_a_briefing_opened_from_the_link_survives_a_rerun(open_page):
    at = open_page({"view": "briefing"})
    at.run()
    assert is_briefing(at)
    assert at.query_params == {"view": "briefing"}


# --- the changes view in the dashboard -------------------------------------------------------


def test_the_dashboard_since_a_date_shows_what_changed(open_page):
    at = open_page({"since": "2026-02-19"})
    assert_rendered(at)
    assert not is_briefing(at)
    subheaders = [s.value for s in at.subheader]
    assert CHANGES in subheaders
    assert subheaders.index(CHANGES) < subheaders.index("Where the contributors are")
    [transitions] = [b for b in html_bodies(at) if "Indonesia" in b and "→" in b]
    moves = items(transitions)
    report = changes_since(bundled().commitments, bundled().targets, SINCE, DEFAULT)
    assert len(moves) == len(report.transitions), moves  # every change, none cut off
    assert any(re.match(r"Indonesia Troops: committed → suspended\b", m) for m in moves), moves
    assert any(re.match(r"Kazakhstan Troops: committed → withdrawn\b", m) for m in moves), moves
    # A country and role with no statement yet on the first date says so.
    firsts = [
        f"{country_name(r['country'])} {ROLES[r['role']].label}: no statement → "
        for r in report.transitions.to_dict("records")
        if r["from_status"] == NO_STATEMENT
    ]
    assert firsts, "the bundled data has no first statement after the since date"
    assert all(any(m.startswith(first) for m in moves) for first in firsts), (firsts, moves)
    assert "**How the figures moved**" in [m.value for m in at.markdown]
    [deltas] = [b for b in html_bodies(at) if "Security personnel (ISF troops)</b>:" in b]
    [before] = [r for r in report.figures_before.to_dict("records") if r["figure"] == TROOPS]
    [after] = [r for r in report.figures_after.to_dict("records") if r["figure"] == TROOPS]
    was, now = range_text(before), range_text(after)
    assert was != now, "the troop figure did not move: pick another since date"
    assert f"announced: {html.escape(was)} → <b>{html.escape(now)}</b>" in deltas
    titles = plotly_titles(at)
    assert len(titles) == 3  # the overview's chart, then before and after
    assert f"Planned versus announced, {short_date(SINCE)}" in titles
    assert f"Planned versus announced, {short_date(DEFAULT)}" in titles
    assert decks(at) == 1
    assert at.query_params == {"since": "2026-02-19"}
    assert at.date_input(key="since").value.isoformat() == "2026-02-19"


def test_the_changes_caption_names_the_history_toggle_as_labelled(open_page):
    at = open_page({"since": "2026-02-19"})
    [caption] = [plain(c.value) for c in at.caption if "dated after 19 Feb 2026" in c.value]
    # Counted from the file itself: the statements dated after the since date, up to the
    # as-of date.
    with bundled().path.open(encoding="utf-8", newline="") as handle:
        dates = [date.fromisoformat(r["date"]) for r in csv.DictReader(handle)]
    later = sum(SINCE < d <= DEFAULT for d in dates)
    assert caption.startswith(f"{later} statement(s) dated after 19 Feb 2026")
    assert "Statements section" in caption
    at.session_state[OPEN_SECTION] = "statements"  # as clicking the Statements tab does
    label = at.run().toggle(key="history").label
    # The caption says "'Include earlier statements' on"; the toggle reads
    # "Include earlier, superseded statements".
    assert f"'{label}'" in caption, (caption, label)


def test_since_equal_to_the_as_of_date_says_to_pick_an_earlier_one(open_page):
    at = open_page({"since": DEFAULT.isoformat()})
    assert_rendered(at)
    [notice] = [plain(w.value) for w in at.warning]
    assert "must be before the as-of date" in notice
    assert DEFAULT.isoformat() in notice
    assert not [s.value for s in at.subheader if s.value.startswith("What changed")]
    assert "**How the figures moved**" not in [m.value for m in at.markdown]
    assert len(plotly_titles(at)) == 1  # no before and after


def test_the_briefing_since_the_as_of_date_shows_the_map(open_page):
    at = open_page({"view": "briefing", "since": DEFAULT.isoformat()})
    assert_rendered(at)
    assert not [b for b in html_bodies(at) if "What changed between" in b]
    assert decks(at) == 1
    # The slide says why it shows no changes, and its link does not carry the unused date.
    [notices] = [b for b in html_bodies(at) if "class='brief-notices'" in b]
    assert "must be before the as-of date" in notices
    assert "since=" not in footer(at)


# --- a slide opened on the conditions, over-time or scale section shows that answer -----------


def test_a_slide_shows_the_chart_of_the_section_it_was_opened_on(open_page):
    expected = {
        "overview": "Planned versus announced",
        "roles": "Planned versus announced",
        "conditions": "Stated conditions by country",
        "over_time": "Security personnel (ISF troops) over time",
        "scale": "The ISF beside other peace operations",
    }
    for section, title in expected.items():
        at = open_page({"view": "briefing", "section": section})
        assert_rendered(at)
        assert plotly_titles(at) == [title], section
        # The link on the slide reopens the same section.
        wanted = [] if section == "overview" else [section]
        assert link_params(reopen_link(at)).get("section", []) == wanted


def test_a_conditions_slide_with_no_stated_condition_falls_back_to_planned_versus_announced(
    open_page,
):
    # Albania states no condition: the slide still says something true, not an empty grid.
    at = open_page({"view": "briefing", "section": "conditions", "country": "ALB"})
    assert_rendered(at)
    assert plotly_titles(at) == ["Planned versus announced"]
