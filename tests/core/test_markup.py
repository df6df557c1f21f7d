"""The page's HTML fragments: text from the data is escaped, links are http(s) only."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from dashboard.core.changes import NO_STATEMENT, ChangeReport, changes_since
from dashboard.core.countries import country_name
from dashboard.core.loading import read_commitments, read_targets
from dashboard.core.markup import (
    changes_html,
    corrections_html,
    data_table_html,
    figure_deltas_html,
    legend_html,
    link,
    timeline_html,
    transitions_html,
)
from dashboard.core.palette import STATUS_COLORS
from dashboard.core.statements import CORRECTION_COLUMNS
from dashboard.core.vocabulary import ROLES, STATUSES

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
RAW = ("<script", "<img", "onerror=alert(1)>")

SINCE = date(2026, 2, 19)
UNTIL = date(2026, 3, 17)


def _assert_no_raw_markup(html: str) -> None:
    for raw in RAW:
        assert raw not in html, html


def _items(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html)


# --- link ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1&c=2", "http://example.org/", "HTTPS://EXAMPLE.ORG/"]
)
def test_link_renders_http_and_https_as_a_link(url):
    html = link(url, "Reuters & AP")
    assert html.startswith("<a href='")
    assert html.endswith(">Reuters &amp; AP</a>")
    assert "target='_blank'" in html
    assert "rel='noopener noreferrer'" in html
    assert f"href='{url.replace('&', '&amp;')}'" in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.org/",
        "//example.org/",
        "example.org",
        "",
    ],
)
def test_link_renders_anything_else_as_escaped_text(url):
    html = link(url, SCRIPT)
    assert html == SCRIPT_ESCAPED
    assert "<a" not in html
    assert "href" not in html


def test_link_escapes_a_url_that_tries_to_leave_the_attribute():
    html = link("https://example.org/' onmouseover='alert(1)", IMG)
    assert "' onmouseover='" not in html
    assert "&#x27; onmouseover=&#x27;alert(1)" in html
    assert html.endswith(f">{IMG_ESCAPED}</a>")
    _assert_no_raw_markup(html)


# --- transitions_html ------------------------------------------------------------------------


@pytest.fixture
def targets(make_targets) -> pd.DataFrame:
    return make_targets(
        [
            {
                "figure": "security_personnel",
                "label": f"Security {SCRIPT}",
                "value": "20000",
            },
            {"figure": "base", "label": "Base", "value": "5000", "counts_roles": ""},
        ]
    )


@pytest.fixture
def hostile_report(make_commitments, targets) -> ChangeReport:
    """Indonesia suspends and Turkey speaks first, each through an outlet named with markup."""
    frame = make_commitments(
        [
            {"id": "idn-a", "date": "2026-02-19", "personnel_high": "8000"},
            {
                "id": "idn-b",
                "date": "2026-03-17",
                "status": "suspended",
                "personnel_high": "8000",
                "source_outlet": SCRIPT,
            },
            {
                "id": "tur",
                "country": "TUR",
                "date": "2026-02-20",
                "status": "conditional",
                "number_wording": IMG,
                "source_outlet": IMG,
            },
        ]
    )
    return changes_since(frame, targets, SINCE, UNTIL)


def test_transitions_html_escapes_the_data(hostile_report):
    html = transitions_html(hostile_report)
    _assert_no_raw_markup(html)
    assert SCRIPT_ESCAPED in html
    assert IMG_ESCAPED in html
    items = _items(html)
    assert len(items) == 2
    turkey, indonesia = items
    assert turkey.startswith("<b>Turkey</b> Troops: <i>no statement</i> → <b>conditional</b>")
    assert f"(no number → {IMG_ESCAPED})" in turkey
    assert indonesia.startswith("<b>Indonesia</b> Troops: committed → <b>suspended</b>")
    assert "up to 8,000" not in indonesia  # the number did not move, so it is not repeated
    assert f">{SCRIPT_ESCAPED}</a>" in indonesia


def test_transitions_html_shows_no_statement_in_italics(hostile_report):
    html = transitions_html(hostile_report)
    assert html.count(f"<i>{NO_STATEMENT}</i>") == 1
    assert NO_STATEMENT not in html.replace(f"<i>{NO_STATEMENT}</i>", "")


def _bundled_report(**filters: list[str]) -> ChangeReport:
    return changes_since(read_commitments(), read_targets(), SINCE, UNTIL, **filters)


def test_transitions_html_limit_adds_and_n_more():
    report = _bundled_report()
    total = len(report.transitions)
    assert total > 3, "the bundled data should move more than 3 positions in the window"
    html = transitions_html(report, limit=3)
    items = _items(html)
    assert len(items) == 4
    assert items[-1] == f"<i>and {total - 3} more (see the full dashboard)</i>"
    assert len(_items(transitions_html(report))) == total
    assert "more (see the full dashboard)" not in transitions_html(report)
    assert "more (see the full dashboard)" not in transitions_html(report, limit=total)


def test_transitions_html_says_when_nothing_changed(make_commitments, targets):
    frame = make_commitments([{"id": "a", "date": "2026-02-01"}])
    report = changes_since(frame, targets, SINCE, UNTIL)
    html = transitions_html(report)
    assert html == "<p>No status or number changed between 19 Feb 2026 and 17 Mar 2026.</p>"


def test_transitions_html_links_only_http_sources(hostile_report):
    rows = hostile_report.transitions.copy()
    rows["source_url"] = ["javascript:alert(1)", "https://example.org/ok"]
    report = ChangeReport(
        hostile_report.since,
        hostile_report.until,
        hostile_report.statements,
        rows,
        hostile_report.figures_before,
        hostile_report.figures_after,
    )
    html = transitions_html(report)
    assert "javascript:" not in html
    assert html.count("<a href=") == 1
    assert "<a href='https://example.org/ok'" in html


def _said(status: str) -> str:
    """A status as a transition says it: its label in lower case, or "no statement"."""
    return f"<i>{status}</i>" if status == NO_STATEMENT else STATUSES[status].in_sentence


def test_transitions_html_says_every_bundled_move():
    # Against the bundled data, whatever its moves are: one item per move, in the report's order.
    report = _bundled_report()
    items = _items(transitions_html(report))
    assert len(items) == len(report.transitions) > 0
    for item, move in zip(items, report.transitions.to_dict("records"), strict=True):
        said = (
            f"<b>{country_name(move['country'])}</b> {ROLES[move['role']].label}: "
            f"{_said(move['from_status'])} → <b>{_said(move['to_status'])}</b>"
        )
        assert item.startswith(said), item


def test_transitions_html_writes_dates_like_the_rest_of_the_page():
    # The page writes dates "4 Mar 2026" (short_date); a transition says "· 04 Mar ·"
    # ({date:%d %b}), the zero-padded form the page dropped elsewhere.
    [kazakhstan] = [
        i for i in _items(transitions_html(_bundled_report())) if "Kazakhstan</b> Troops" in i
    ]
    assert re.search(r" · 4 Mar( 2026)? · ", kazakhstan), kazakhstan


def test_transitions_html_says_a_number_that_stopped_being_disclosed(make_commitments, targets):
    # Committed "up to 8,000", then committed with no number: the number moved, and the
    # reader must see it, not just "committed → committed".
    frame = make_commitments(
        [
            {"id": "a", "date": "2026-02-19", "personnel_high": "8000"},
            {"id": "b", "date": "2026-03-01"},
        ]
    )
    report = changes_since(frame, targets, SINCE, UNTIL)
    [item] = _items(transitions_html(report))
    assert "committed → <b>committed</b>" in item
    assert "up to 8,000" in item, item


# --- figure_deltas_html ----------------------------------------------------------------------


def test_figure_deltas_html_escapes_and_says_each_move(hostile_report):
    html = figure_deltas_html(hostile_report)
    _assert_no_raw_markup(html)
    [security] = _items(html)  # the base counts no role, so it has no line
    assert security.startswith(f"<b>Security {SCRIPT_ESCAPED}</b>: ")
    assert "announced: up to 8,000 → <b>none disclosed</b>" in security
    assert "suspended or withdrawn: none disclosed → <b>up to 8,000</b>" in security
    # One contributor before (Indonesia) and one after (Turkey): an unchanged count is not said.
    assert "contributors:" not in security


def test_figure_deltas_html_counts_contributors_and_says_no_change(make_commitments, make_targets):
    # Indonesia suspends its 8,000 and Kazakhstan withdraws; Kosovo stays; Egypt's police
    # training does not move.
    frame = make_commitments(
        [
            {"id": "idn-a", "date": "2026-02-19", "personnel_high": "8000"},
            {"id": "idn-b", "date": "2026-03-17", "status": "suspended", "personnel_high": "8000"},
            {"id": "kaz-a", "country": "KAZ", "date": "2026-02-19"},
            {"id": "kaz-b", "country": "KAZ", "date": "2026-03-04", "status": "withdrawn"},
            {"id": "xkx", "country": "XKX", "date": "2026-02-19"},
            {"id": "egy", "country": "EGY", "date": "2026-02-19", "role": "police_training"},
        ]
    )
    targets = make_targets(
        [
            {"figure": "security_personnel", "label": "Security personnel", "value": "20000"},
            {
                "figure": "police_to_train",
                "label": "Police to train",
                "value": "12000",
                "counts_roles": "police_training",
            },
        ]
    )
    items = _items(figure_deltas_html(changes_since(frame, targets, SINCE, UNTIL)))
    assert items == [
        "<b>Security personnel</b>: announced: up to 8,000 → <b>none disclosed</b>; "
        "suspended or withdrawn: none disclosed → <b>up to 8,000</b>; contributors: 3 → <b>1</b>",
        "<b>Police to train</b>: no change",
    ]


# --- timeline_html and changes_html ----------------------------------------------------------


def test_timeline_html_escapes_quote_note_and_outlet(make_commitments):
    frame = make_commitments(
        [
            {
                "id": "old",
                "date": "2026-02-09",
                "status": "offered",
                "quote": SCRIPT,
                "quote_language": "en",
                "note": IMG,
                "source_outlet": SCRIPT,
            },
            {
                "id": "new",
                "date": "2026-03-17",
                "status": "suspended",
                "source_outlet": "AP",
                "source_kind": "wire",
            },
        ]
    )
    html = timeline_html(frame)
    _assert_no_raw_markup(html)
    items = _items(html)
    assert len(items) == 2
    newest, oldest = items
    assert newest.startswith("<b>17 Mar 2026</b> · Troops: Suspended.")
    assert oldest.startswith("<b>9 Feb 2026</b> · Troops: Offered.")
    assert f"“{SCRIPT_ESCAPED}”" in oldest
    assert f"<small>{IMG_ESCAPED}</small>" in oldest
    assert f">{SCRIPT_ESCAPED}</a>" in oldest
    assert "<small>" not in newest  # no note, no empty line
    assert "“" not in newest  # no quote, no empty quotation marks


def test_changes_html_shows_each_roles_path():
    html = changes_html(
        {
            "troops": [
                (date(2026, 2, 19), "offered"),
                (date(2026, 3, 4), "withdrawn"),
            ],
            "medical": [(date(2026, 2, 19), NO_STATEMENT), (date(2026, 3, 4), "committed")],
        }
    )
    assert html.startswith("<p><b>How its position changed</b></p>")
    assert _items(html) == [
        "<b>Troops</b>: offered (19 Feb 2026) → withdrawn (4 Mar 2026)",
        "<b>Medical</b>: <i>no statement</i> (19 Feb 2026) → committed (4 Mar 2026)",
    ]


# --- legend_html -----------------------------------------------------------------------------


def test_legend_html_lists_only_the_statuses_present(make_commitments):
    frame = make_commitments(
        [
            {"id": "a", "status": "suspended", "source_outlet": SCRIPT},
            {"id": "b", "country": "KAZ", "status": "offered", "note": IMG},
        ]
    )
    html = legend_html(frame, font_size="13px")
    _assert_no_raw_markup(html)
    assert "font-size:13px" in html
    assert ">Offered</span>" in html
    assert ">Suspended</span>" in html
    assert ">Committed</span>" not in html
    assert STATUS_COLORS["offered"] in html
    assert STATUS_COLORS["suspended"] in html
    assert "Places and sites" in html
    # The offered dot comes before the suspended one, as in the status ladder.
    assert html.index(">Offered<") < html.index(">Suspended<")


# --- corrections_html ------------------------------------------------------------------------


def test_corrections_html_escapes_every_cell():
    table = pd.DataFrame(
        [
            {
                "Date": "2026-03-20",
                "Statement": "idn-troops-20260219",
                "Country": "Indonesia",
                "Action": "corrected",
                "What changed": f"quote: {SCRIPT}",
                "Why": IMG,
            }
        ],
        columns=CORRECTION_COLUMNS,
    )
    html = corrections_html(table)
    _assert_no_raw_markup(html)
    [item] = re.findall(r"<li[^>]*>(.*?)</li>", html)
    assert item.startswith("<b>2026-03-20</b> · <code>idn-troops-20260219</code> (Indonesia)")
    assert f"corrected: quote: {SCRIPT_ESCAPED}" in item
    assert f"Why: {IMG_ESCAPED}" in item


def test_a_data_table_escapes_headers_cells_and_caption():
    frame = pd.DataFrame({"<b>Figure</b>": ["<script>alert(1)</script>"], "n": ["1 & 2"]})
    html_out = data_table_html(frame, "A <i>chart</i>")
    assert "<script" not in html_out
    assert "<b>Figure" not in html_out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out
    assert "1 &amp; 2" in html_out
    assert "<caption style='text-align:left'>A &lt;i&gt;chart&lt;/i&gt;</caption>" in html_out
