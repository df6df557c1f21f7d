"""How fresh the data is and what was corrected, as the page says it.

The review date (review.toml) and the corrections log (corrections.csv) sit beside the
commitments file. The page header, the briefing footer, chart images and the CSV say how fresh
the data is; the Statements section lists the corrections. Expected values come from the
bundled data through `read_dataset`, or from small data folders written here.
"""

from __future__ import annotations

import csv
import html
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from dashboard.core.countries import country_name
from dashboard.core.loading import CORRECTIONS_NAME, REVIEW_NAME
from dashboard.core.statements import corrections_in_view, corrections_table
from dashboard.core.text import long_date, short_date
from dashboard.ui.filters import OPEN_SECTION
from tests.ui.conftest import bundled, statement, write_data_folder

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RAW = ("<script", "<img")
CORRECTIONS_HEADING = re.compile(r"^Corrections to published statements \((\d+)\)$")

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


# --- reading the page ------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """The text a reader sees for a markdown body: backslash escapes of punctuation removed."""
    return _MD_ESCAPE.sub(r"\1", markdown)


def assert_rendered(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [plain(e.value) for e in at.error]


def header_lines(at) -> list[str]:
    """The lines of the header under the title: "As of ... · Showing: ...", then freshness."""
    found = [plain(m.value) for m in at.markdown if m.value.startswith("**As of ")]
    assert len(found) == 1, [m.value for m in at.markdown]
    return found[0].split("  \n")


def freshness_line(at) -> str:
    lines = header_lines(at)
    assert len(lines) == 2, lines
    return lines[1]


def footer_first_line(at) -> str:
    """The briefing footer's first line, as a reader sees it: tags dropped, entities decoded."""
    bodies = [m.value for m in at.markdown if "class='brief-footer'" in m.value]
    assert len(bodies) == 1, [m.value for m in at.markdown]
    first = bodies[0].split("<br/>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", first))


def notices(at) -> list[str]:
    return [plain(w.value) for w in at.warning]


def opened(at, section: str):
    """Open one section in the same session, as clicking its tab does (see test_page.py)."""
    at.session_state[OPEN_SECTION] = section
    return at.run()


def corrections_count(at) -> int:
    """The number the "Corrections to published statements (N)" heading gives."""
    found = [CORRECTIONS_HEADING.match(s.value) for s in at.subheader]
    counts = [int(m.group(1)) for m in found if m]
    assert len(counts) == 1, [s.value for s in at.subheader]
    return counts[0]


def corrections_expander(at):
    found = [e for e in at.expander if e.label.startswith("Show the ")]
    assert len(found) == 1, [e.label for e in at.expander]
    return found[0]


def corrections_items(at) -> list[str]:
    """The corrections listed in the expander, one HTML <li> body each."""
    [body] = [m.value for m in corrections_expander(at).markdown if m.proto.allow_html]
    return re.findall(r"<li[^>]*>(.*?)</li>", body, flags=re.DOTALL)


def expected_freshness(reviewed: date | None, latest: date) -> str:
    said = f"latest statement {short_date(latest)}"
    if reviewed is None:
        return f"Review date not recorded · {said}"
    return f"Sources reviewed through {short_date(reviewed)} · {said}"


def bundled_freshness() -> str:
    data = bundled()
    assert data.review.reviewed_through is not None, "the bundled data has no review date"
    return expected_freshness(data.review.reviewed_through, data.latest)


# --- a small data folder of our own ----------------------------------------------------------

NEWEST = date(2026, 3, 17)  # the newest statement of the folder below
REVIEWED = date(2026, 4, 1)  # its review date, later than that statement
ROWS = [
    statement(id="idn-troops-20260219", date="2026-02-19", country="IDN", role="troops"),
    statement(id="kaz-troops-20260219", date="2026-02-19", country="KAZ", role="troops"),
    statement(id="mar-medical-20260219", date="2026-02-19", country="MAR", role="medical"),
    statement(
        id="idn-troops-20260317",
        date=NEWEST.isoformat(),
        country="IDN",
        role="troops",
        status="suspended",
    ),
]
CORRECTIONS = [
    {
        "date": "2026-03-20",
        "statement_id": "idn-troops-20260219",
        "action": "corrected",
        "what_changed": f"speaker: '{SCRIPT}' → 'the minister'",
        "why": f"the page names him {IMG}",
    },
    {
        "date": "2026-03-25",
        "statement_id": "kaz-troops-20260219",
        "action": "corrected",
        "what_changed": f"note rewritten {IMG}",
        "why": SCRIPT,
    },
    {
        "date": "2026-03-30",
        "statement_id": "idn-troops-20260218",
        "action": "removed",
        "what_changed": "row removed (a duplicate)",
        "why": "the same statement as another row",
        "replaced_by": "idn-troops-20260219",
    },
]


def data_folder(tmp_path: Path, review: str | None = None, corrections=None) -> Path:
    return write_data_folder(tmp_path / "data", ROWS, review, corrections)


def reviewed_folder(tmp_path: Path) -> Path:
    return data_folder(tmp_path, f"reviewed_through = {REVIEWED.isoformat()}\n", CORRECTIONS)


# --- how fresh the data is -------------------------------------------------------------------


def test_the_header_says_how_fresh_the_bundled_data_is(bundled_page):
    data = bundled()
    line = freshness_line(bundled_page)
    assert line.startswith(f"**{bundled_freshness()}** · ")
    assert data.review.reviewed_through is not None
    assert f"Sources reviewed through {short_date(data.review.reviewed_through)}" in line
    assert f"latest statement {short_date(data.latest)}" in line


def test_the_header_of_a_reviewed_data_folder(open_page, use_commitments, tmp_path):
    use_commitments(reviewed_folder(tmp_path))
    at = open_page()
    assert_rendered(at)
    assert freshness_line(at).startswith(
        "**Sources reviewed through 1 Apr 2026 · latest statement 17 Mar 2026** · "
    )


def test_a_data_file_without_a_review_date_says_so(open_page, use_commitments, tmp_path):
    path = use_commitments(data_folder(tmp_path))
    assert not (path.parent / REVIEW_NAME).exists()
    at = open_page()
    assert_rendered(at)
    assert freshness_line(at).startswith(
        "**Review date not recorded · latest statement 17 Mar 2026**"
    )
    # Without a review date the view opens on the newest statement, the last date it allows.
    as_of = at.date_input(key="as_of")
    assert as_of.value == NEWEST
    assert as_of.max == NEWEST
    assert header_lines(at)[0].startswith(f"**As of {long_date(NEWEST)}**")


# --- the default as-of date is the review date -----------------------------------------------


def test_the_default_as_of_date_is_the_bundled_review_date(bundled_page):
    reviewed = bundled().review.reviewed_through
    assert reviewed is not None
    as_of = bundled_page.date_input(key="as_of")
    assert as_of.value == reviewed
    assert as_of.max == reviewed
    assert bundled_page.date_input(key="since").max == reviewed
    assert header_lines(bundled_page)[0].startswith(f"**As of {long_date(reviewed)}**")
    assert bundled_page.query_params == {}  # the default date stays out of the address


def test_the_review_date_is_the_default_even_after_the_newest_statement(
    open_page, use_commitments, tmp_path
):
    use_commitments(reviewed_folder(tmp_path))
    at = open_page()
    assert_rendered(at)
    as_of = at.date_input(key="as_of")
    assert as_of.value == REVIEWED
    assert as_of.max == REVIEWED
    assert header_lines(at)[0].startswith("**As of 1 April 2026**")
    assert at.query_params == {}
    # The newest statement's date is a date like any other: the address keeps it.
    at = open_page({"as_of": NEWEST.isoformat()})
    assert_rendered(at)
    assert not at.warning
    assert at.date_input(key="as_of").value == NEWEST
    assert at.query_params == {"as_of": NEWEST.isoformat()}


@pytest.mark.parametrize("bundled_data", [True, False], ids=["bundled", "folder"])
def test_an_as_of_link_after_the_review_date_is_clamped_with_a_notice(
    open_page, use_commitments, tmp_path, bundled_data
):
    if bundled_data:
        reviewed = bundled().review.reviewed_through
        assert reviewed is not None
    else:
        use_commitments(reviewed_folder(tmp_path))
        reviewed = REVIEWED
    after = (reviewed + timedelta(days=1)).isoformat()
    at = open_page({"as_of": after})
    assert_rendered(at)
    [notice] = notices(at)
    assert notice.startswith(f"From the link: as_of '{after}' is after the last date")
    assert f"({reviewed.isoformat()})" in notice
    assert "showing the latest picture instead" in notice
    assert at.date_input(key="as_of").value == reviewed
    assert header_lines(at)[0].startswith(f"**As of {long_date(reviewed)}**")
    assert at.query_params == {}


# --- the briefing footer, the chart images ---------------------------------------------------


def test_the_briefing_footer_leads_with_how_fresh_the_data_is(open_page):
    at = open_page({"view": "briefing"})
    assert_rendered(at)
    first = footer_first_line(at)
    assert first.endswith(f" · {bundled_freshness()}"), first


def test_a_briefing_of_data_without_a_review_date_says_so(open_page, use_commitments, tmp_path):
    use_commitments(data_folder(tmp_path))
    at = open_page({"view": "briefing"})
    assert_rendered(at)
    assert footer_first_line(at).endswith(
        " · Review date not recorded · latest statement 17 Mar 2026"
    )


def test_a_chart_image_carries_how_fresh_the_data_is(open_page, media_files):
    at = open_page()
    assert_rendered(at)
    at.segmented_control(key="image_format").set_value("svg").run()
    assert_rendered(at)
    [button] = [b for b in at.get("download_button") if b.label == "Download SVG"]
    image = media_files.deferred(button.proto.deferred_file_id)
    assert image.mimetype == "image/svg+xml"
    assert image.filename == f"planned-{bundled().review.reviewed_through}.svg"
    svg = html.unescape(image.content.decode("utf-8"))
    assert svg.lstrip().startswith("<svg")
    assert bundled_freshness() in svg
    assert "Planned versus announced" in svg  # the chart's own title, baked in too


# --- the corrections log ---------------------------------------------------------------------


def bundled_log_rows() -> list[dict[str, str]]:
    with (bundled().path.parent / CORRECTIONS_NAME).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_statements_section_lists_every_correction(open_page):
    at = open_page({"section": "statements"})
    assert_rendered(at)
    data = bundled()
    shown = corrections_count(at)
    assert shown == len(bundled_log_rows())  # every line of the log, no country filter
    assert shown == len(corrections_in_view(data.corrections, data.commitments))
    expander = corrections_expander(at)
    assert expander.label == f"Show the {shown} correction(s)"
    assert expander.proto.expanded is (shown <= 6)  # a long log waits behind a click
    assert len(corrections_items(at)) == shown


def test_a_country_link_narrows_the_corrections(open_page):
    data = bundled()
    everything = len(corrections_in_view(data.corrections, data.commitments))
    # The country with the most corrections among those with statements: the test then holds
    # whatever the next review corrects.
    counts = {
        code: len(corrections_in_view(data.corrections, data.commitments, (code,)))
        for code in set(data.commitments["country"])
    }
    code = max(sorted(counts), key=counts.__getitem__)
    assert 0 < counts[code] < everything
    at = open_page({"country": code, "section": "statements"})
    assert_rendered(at)
    assert corrections_count(at) == counts[code]
    expander = corrections_expander(at)
    assert expander.label == f"Show the {counts[code]} correction(s) for the statements in view"
    assert expander.proto.expanded is (counts[code] <= 6)
    name = at.dataframe[0].value["Country"].iloc[0]
    items = corrections_items(at)
    assert len(items) == counts[code]
    assert all(f"({html.escape(name)})" in item for item in items), items


def test_a_status_link_narrows_the_corrections_to_the_statements_in_view(open_page):
    # The log follows the table: a status filter leaves some countries in view, and only their
    # corrections are listed.
    data = bundled()
    at = open_page({"status": "suspended", "section": "statements"})
    assert_rendered(at)
    shown = set(at.dataframe[0].value["Country"])
    codes = tuple(sorted(c for c in set(data.commitments["country"]) if country_name(c) in shown))
    expected = len(corrections_in_view(data.corrections, data.commitments, codes))
    assert expected < len(corrections_in_view(data.corrections, data.commitments))
    assert corrections_count(at) == expected
    assert all(any(f"({html.escape(n)})" in item for n in shown) for item in corrections_items(at))


def test_a_role_link_narrows_the_corrections_to_that_role(open_page):
    data = bundled()
    at = open_page({"role": "funding", "section": "statements"})
    assert_rendered(at)
    funding = data.commitments[data.commitments["role"] == "funding"]
    codes = tuple(sorted(set(funding["country"])))
    expected = corrections_table(
        corrections_in_view(data.corrections, data.commitments, codes, ("funding",))
    )
    assert 0 < len(expected) < len(corrections_in_view(data.corrections, data.commitments))
    assert corrections_count(at) == len(expected)
    assert all("-funding-" in sid for sid in expected["Statement"])


def test_corrections_of_a_data_folder_by_country(open_page, use_commitments, tmp_path):
    use_commitments(reviewed_folder(tmp_path))
    at = open_page({"section": "statements"})
    assert_rendered(at)
    assert corrections_count(at) == 3
    expander = corrections_expander(at)
    assert expander.label == "Show the 3 correction(s)"
    assert expander.proto.expanded is True  # a short log is shown open
    items = corrections_items(at)
    # Newest first; a removed row is listed under the country of the row that replaced it.
    assert [re.search(r"<code>([^<]*)</code>", item).group(1) for item in items] == [
        "idn-troops-20260218",
        "kaz-troops-20260219",
        "idn-troops-20260219",
    ]
    assert "(replaced by idn-troops-20260219)" in items[0]

    at.multiselect(key="country").set_value(["IDN"]).run()
    assert_rendered(at)
    assert corrections_count(at) == 2
    assert corrections_expander(at).label == "Show the 2 correction(s) for the statements in view"

    at = open_page({"country": "MAR", "section": "statements"})
    assert_rendered(at)
    assert corrections_count(at) == 0
    assert not [e for e in at.expander if e.label.startswith("Show the ")]
    assert any(
        "No published statement has been corrected or removed for the statements in view" in c.value
        for c in at.caption
    )


def test_text_in_the_corrections_log_is_escaped(open_page, use_commitments, tmp_path):
    use_commitments(reviewed_folder(tmp_path))
    at = open_page({"section": "statements"})
    assert_rendered(at)
    items = corrections_items(at)
    for item in items:
        for raw in RAW:
            assert raw not in item, item
    text = " ".join(items)
    assert html.escape(SCRIPT, quote=False) in text
    assert html.escape(IMG, quote=False) in text


def test_a_data_folder_without_a_corrections_log_has_none(open_page, use_commitments, tmp_path):
    path = use_commitments(data_folder(tmp_path, f"reviewed_through = {REVIEWED}\n"))
    assert not (path.parent / CORRECTIONS_NAME).exists()
    at = open_page({"section": "statements"})
    assert_rendered(at)
    assert corrections_count(at) == 0
    assert any(
        "No published statement has been corrected or removed." in c.value for c in at.caption
    )


# --- a broken review file or corrections log -------------------------------------------------

BROKEN = {
    "review-not-toml": (
        "reviewed_through = 2026-13-01\n",
        CORRECTIONS,
        [(REVIEW_NAME, 1, "(file)", "not valid TOML")],
    ),
    "review-before-the-newest-statement": (
        "reviewed_through = 2026-03-01\n",
        CORRECTIONS,
        [(REVIEW_NAME, 1, "reviewed_through", "before the newest statement (2026-03-17)")],
    ),
    "review-key-misspelt": (
        "stale_after_days = 60\nreviewd_through = 2026-04-01\n",
        CORRECTIONS,
        [
            (REVIEW_NAME, 1, "reviewed_through", "the review date is missing"),
            (REVIEW_NAME, 2, "reviewd_through", "did you mean 'reviewed_through'?"),
        ],
    ),
    "correction-of-an-unknown-statement": (
        "reviewed_through = 2026-04-01\n",
        [*CORRECTIONS[:2], {**CORRECTIONS[0], "statement_id": "idn-troops-20990101"}],
        [(CORRECTIONS_NAME, 4, "statement_id", "'idn-troops-20990101' is not a statement")],
    ),
    "correction-with-an-unknown-action": (
        "reviewed_through = 2026-04-01\n",
        [{**CORRECTIONS[0], "action": "fixed"}],
        [(CORRECTIONS_NAME, 2, "action", "'fixed' is not a known correction action")],
    ),
}


@pytest.mark.parametrize(("review", "corrections", "expected"), BROKEN.values(), ids=BROKEN)
def test_a_broken_review_file_or_log_lists_every_problem(
    open_page, use_commitments, tmp_path, review, corrections, expected
):
    path = use_commitments(data_folder(tmp_path, review, corrections))
    at = open_page()
    assert not at.exception, [e.value for e in at.exception]
    [message] = [plain(e.value) for e in at.error]
    assert f"{len(expected)} problem(s)" in message
    assert "Traceback" not in message
    [code] = [c.value for c in at.code]
    problems = code.splitlines()
    assert len(problems) == len(expected), problems
    for problem, (name, line, column, wrong) in zip(problems, expected, strict=True):
        assert problem.startswith(f"{path.parent / name}:{line}: {column}: "), problem
        assert wrong in problem, problem
    assert "Traceback" not in code
    assert not at.get("plotly_chart")
    assert not at.get("deck_gl_json_chart")
    assert not at.dataframe
    assert not at.metric
