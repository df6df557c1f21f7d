"""The page as a reader meets it: links, notices, empty states, bad data files, escaping.

Each test opens the real app (dashboard/app.py) in AppTest, with the query string a shared link
would carry, and checks what the page shows: widget values, the table, the charts' JSON, the
map's deck JSON and the markdown.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dashboard.__main__ import main
from dashboard.core.countries import country_name
from dashboard.core.filters import SECTIONS
from dashboard.core.geo import TOOLTIP_HTML, VIEW_STATES
from dashboard.core.language import LANGUAGES
from dashboard.core.picture import as_of, planned_vs_announced
from dashboard.core.statements import headline
from dashboard.core.text import long_date, range_text, short_date
from dashboard.core.vocabulary import ROLES, STATUSES
from dashboard.ui.filters import OPEN_SECTION
from dashboard.ui.page import document_language_html
from tests.ui.conftest import bundled, bundled_default

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "commitments.csv"

TITLE = "International Stabilization Force for Gaza: who has committed what"
# The bundled data's default as-of date (its review date): derived, so a data review that
# moves it does not break the tests.
DEFAULT = bundled_default()
EARLIER = date(2026, 2, 20)  # a day soon after the first troop pledges of February 2026
NAMES = {"KAZ": "Kazakhstan", "XKX": "Kosovo", "IDN": "Indonesia"}
FILTER_WIDGETS = ("country", "role", "status")
FILTER_PARAMS = ("country", "role", "status", "as_of")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RAW = ("<script", "<img")


# --- reading the page ------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain(markdown: str) -> str:
    """The text a reader sees for a markdown body: backslash escapes of punctuation removed."""
    return _MD_ESCAPE.sub(r"\1", markdown)


def markdown_texts(at) -> list[str]:
    return [plain(m.value) for m in at.markdown]


def header_text(at) -> str:
    """The "As of ... · Showing: ..." line under the title."""
    lines = [t for t in markdown_texts(at) if t.startswith("**As of ")]
    assert len(lines) == 1, markdown_texts(at)
    return lines[0]


def headline_text(at) -> str:
    """The one-sentence summary (a level-4 heading)."""
    lines = [t for t in markdown_texts(at) if t.startswith("#### ")]
    assert len(lines) == 1, markdown_texts(at)
    return lines[0]


def notices(at) -> list[str]:
    return [plain(w.value) for w in at.warning]


def errors(at) -> list[str]:
    return [plain(e.value) for e in at.error]


def metric_value(at, label_start: str) -> str:
    found = [m.value for m in at.metric if m.label.startswith(label_start)]
    assert len(found) == 1, [m.label for m in at.metric]
    return found[0]


def figures(at) -> list[dict[str, Any]]:
    """The plotly figures on the page, as JSON, in page order."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def figure_title(fig: dict[str, Any]) -> str:
    return str(fig.get("layout", {}).get("title", {}).get("text", ""))


def figure(at, title_start: str) -> dict[str, Any]:
    """The one plotly figure whose title starts with `title_start`."""
    found = [f for f in figures(at) if figure_title(f).startswith(title_start)]
    assert len(found) == 1, [figure_title(f) for f in figures(at)]
    return found[0]


def decks(at) -> list[dict[str, Any]]:
    """The maps on the page, as deck JSON (layers with their data)."""
    return [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]


def layer(deck: dict[str, Any], layer_id: str) -> dict[str, Any]:
    found = [item for item in deck["layers"] if item.get("id") == layer_id]
    assert len(found) == 1, [item.get("id") for item in deck["layers"]]
    return found[0]


def contributors(at) -> list[dict[str, Any]]:
    """The rows of the map's contributor markers."""
    maps = decks(at)
    assert len(maps) == 1
    return list(layer(maps[0], "contributors")["data"])


def strings(value: Any) -> Iterator[str]:
    """Every string value inside a JSON document, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def table(at):
    """The statements table, as the pandas frame the page passed to st.dataframe."""
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


def opened(at, section: str):
    """Open one section of the page in the same session, as clicking its tab does.

    AppTest cannot click a tab; the tab's callback stores the open section under OPEN_SECTION,
    which is what this sets. The browser tests click the tabs themselves.
    """
    at.session_state[OPEN_SECTION] = section
    return at.run()


def tab_labels(at) -> list[str]:
    return [t.label for t in at.tabs]


def html_markdown(at) -> list[str]:
    """The bodies of every element that reaches the page as HTML (unsafe_allow_html, st.html)."""
    return [m.value for m in at.markdown if m.proto.allow_html] + [h.value for h in at.html]


def assert_rendered(at) -> None:
    """The run finished: no exception reached the page and no error box is shown."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, errors(at)


# --- the bundled data ------------------------------------------------------------------------


def bundled_rows() -> list[dict[str, str]]:
    with BUNDLED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def current_pairs() -> set[tuple[str, str]]:
    """Each (country, role) with a statement: one table row each in the latest picture."""
    return {(r["country"], r["role"]) for r in bundled_rows()}


# --- 1 and 2: the plain page -----------------------------------------------------------------


def test_the_page_renders_on_the_bundled_data(open_page):
    at = open_page()
    assert_rendered(at)
    assert [t.value for t in at.title] == [TITLE]
    header = header_text(at)
    assert header.startswith(f"**As of {long_date(DEFAULT)}**")
    assert "Showing: all countries, roles and statuses" in header
    assert f"Based on {len(bundled_rows())} dated public statements" in header
    assert not at.warning
    assert tab_labels(at) == list(SECTIONS.values())
    # The overview is open; the other sections are not built until they are opened.
    assert [figure_title(f) for f in figures(at)] == [
        f"Planned versus announced, as of {short_date(DEFAULT)}"
    ]
    assert len(at.get("deck_gl_json_chart")) == 1
    assert not at.dataframe
    assert at.date_input(key="as_of").value == DEFAULT
    assert all(at.multiselect(key=key).value == [] for key in FILTER_WIDGETS)
    assert at.query_params == {}  # a plain visit adds nothing to the address

    opened(at, "roles")
    assert_rendered(at)
    assert sorted(figure_title(f) for f in figures(at)) == [
        "Countries per role, by status",
        "Current status by country and role",
    ]
    assert not at.get("deck_gl_json_chart")
    assert at.query_params == {"section": "roles"}

    opened(at, "statements")
    assert_rendered(at)
    assert len(table(at)) == len(current_pairs())
    assert not at.get("plotly_chart")
    assert at.query_params == {"section": "statements"}

    opened(at, "overview")
    assert len(figures(at)) == 1
    assert at.query_params == {}


@pytest.mark.parametrize(
    ("query", "section"),
    [
        ({"section": "statements"}, "statements"),
        ({"section": "Who contributes what"}, "roles"),
        ({"section": "TIMELINE"}, "timeline"),
        ({"focus": "KAZ"}, "timeline"),
        ({"focus": "KAZ", "section": "overview"}, "overview"),
    ],
    ids=["code", "label", "any-case", "focus-opens-the-timeline", "section-over-focus"],
)
def test_a_section_link_opens_that_section(open_page, query, section):
    at = open_page(query)
    assert_rendered(at)
    assert not at.warning
    assert at.session_state[OPEN_SECTION] == section
    assert at.session_state["section"] == SECTIONS[section]  # the tab shown as open
    drawn = {
        "overview": lambda: figure_title(figures(at)[0]).startswith("Planned"),
        "roles": lambda: len(figures(at)) == 2,
        "statements": lambda: len(at.dataframe) == 1,
        "timeline": lambda: at.selectbox(key="focus") is not None,
    }
    assert drawn[section]()
    # The address says the section in its code, and only when it is not the link's default.
    expected = {k: v for k, v in query.items() if k != "section"}
    if section != ("timeline" if "focus" in query else "overview"):
        expected["section"] = section
    assert at.query_params == expected


def test_the_headline_and_key_figures_on_the_latest_date(bundled_page):
    sentence = headline_text(bundled_page).casefold()
    assert "troops" in sentence
    assert "20,000" in sentence
    # Every suspended or withdrawn commitment is named ("Indonesia troops suspended").
    now = as_of(bundled().commitments, DEFAULT)
    stopped = now[now["status"].isin(["suspended", "withdrawn"])].to_dict("records")
    assert stopped, "the bundled data has no stopped commitment to name"
    for r in stopped:
        said = (
            f"{country_name(r['country'])} {ROLES[r['role']].label} {STATUSES[r['status']].label}"
        )
        assert said.casefold() in sentence
    [security] = [
        r
        for r in planned_vs_announced(now, bundled().targets).to_dict("records")
        if r["figure"] == "security_personnel"
    ]
    announced = metric_value(bundled_page, "Security personnel")
    assert announced == range_text(security)
    assert announced != "0"  # an undisclosed number is unknown, never zero
    assert metric_value(bundled_page, "Planned base") == "plan only"


def test_the_headline_and_key_figures_on_an_earlier_date(open_page, bundled_page):
    at = open_page({"as_of": EARLIER.isoformat()})
    assert_rendered(at)
    sentence = headline_text(at)
    assert "troops" in sentence
    assert "20,000" in sentence
    # The picture of that day, not of the default date: troop numbers were announced then.
    then = as_of(bundled().commitments, EARLIER)
    figures_then = planned_vs_announced(then, bundled().targets)
    assert sentence == f"#### {headline(then, figures_then)}"
    [security] = [r for r in figures_then.to_dict("records") if r["figure"] == "security_personnel"]
    announced = metric_value(at, "Security personnel")
    assert announced == range_text(security)
    assert re.search(r"\d", announced), announced
    assert announced != metric_value(bundled_page, "Security personnel")
    assert sentence != headline_text(bundled_page)


# --- 3: deep links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        (["KAZ"], ["KAZ"]),
        ("kazakhstan", ["KAZ"]),
        ("Kosovo,kaz", ["XKX", "KAZ"]),
        (["KAZ", "IDN"], ["KAZ", "IDN"]),
    ],
    ids=["code", "name-lowercase", "comma-list", "repeated-key"],
)
def test_a_country_link_filters_the_whole_page(open_page, value, codes):
    at = open_page({"country": value})
    assert_rendered(at)
    assert not at.warning
    assert at.multiselect(key="country").value == codes
    names = [NAMES[c] for c in codes]
    assert f"Showing: countries: {', '.join(names)} ·" in header_text(at)

    assert sorted(row["iso3"] for row in contributors(at)) == sorted(codes)
    # The address is rewritten with the codes, so the link keeps working when shared.
    assert at.query_params["country"] == (codes if len(codes) > 1 else codes[0])

    opened(at, "statements")
    rows = table(at)
    assert len(rows) > 0
    assert set(rows["Country"]) == set(names)

    opened(at, "roles")
    roles = figure(at, "Current status by country and role")
    assert {y for trace in roles["data"] for y in trace["y"]} == set(names)
    assert at.multiselect(key="country").value == codes  # the filter holds across sections


def test_a_role_link_filters_the_table(open_page):
    at = open_page({"role": "police_training", "section": "statements"})
    assert_rendered(at)
    assert not at.warning
    assert at.multiselect(key="role").value == ["police_training"]
    rows = table(at)
    assert set(rows["Role"]) == {"Police training"}
    trainers = {
        country_name(r["country"]) for r in bundled_rows() if r["role"] == "police_training"
    }
    assert len(trainers) >= 2
    assert set(rows["Country"]) == trainers
    opened(at, "roles")
    roles = figure(at, "Current status by country and role")
    assert {x for trace in roles["data"] for x in trace["x"]} == {"Police training"}


def latest_dates(upto: date) -> dict[tuple[str, str], date]:
    """For each (country, role) with a statement on or before `upto`, the date of the latest.

    Read from the file itself, not through the app's code: the as-of rule in its plainest form.
    """
    latest: dict[tuple[str, str], date] = {}
    for r in bundled_rows():
        when = date.fromisoformat(r["date"])
        key = (country_name(r["country"]), ROLES[r["role"]].label)
        if when <= upto and when > latest.get(key, date.min):
            latest[key] = when
    return latest


def test_an_as_of_link_shows_the_picture_on_that_date(open_page):
    at = open_page({"as_of": "2026-02-20"})
    assert_rendered(at)
    assert not at.warning
    assert at.date_input(key="as_of").value == date(2026, 2, 20)
    assert header_text(at).startswith("**As of 20 February 2026**")
    assert figure_title(figure(at, "Planned versus announced")).endswith("as of 20 Feb 2026")
    assert at.query_params == {"as_of": "2026-02-20"}
    opened(at, "statements")
    rows = table(at)
    assert max(rows["Date"]) <= date(2026, 2, 20)
    # One row per country and role, from its latest statement on or before that date; later
    # statements (Indonesia's suspension in March, say) are not in it.
    shown = {(r["Country"], r["Role"]): r["Date"] for r in rows.to_dict("records")}
    assert len(shown) == len(rows)
    assert shown == latest_dates(date(2026, 2, 20))
    assert shown != latest_dates(DEFAULT)


def test_a_status_link_on_the_last_date_shows_the_suspension(open_page):
    at = open_page({"status": "suspended", "as_of": DEFAULT.isoformat()})
    assert_rendered(at)
    assert not at.warning  # the last date (the review date) itself is a valid as-of date
    assert at.multiselect(key="status").value == ["suspended"]
    assert at.date_input(key="as_of").value == DEFAULT
    now = as_of(bundled().commitments, DEFAULT)
    suspended = now[now["status"] == "suspended"]
    assert len(suspended), "the bundled data holds no suspension to show"
    assert sorted(row["iso3"] for row in contributors(at)) == sorted(set(suspended["country"]))
    # The last date is the default, so it is left out of the address.
    assert at.query_params == {"status": "suspended"}
    opened(at, "statements")
    rows = table(at)
    assert set(rows["Status"]) == {"Suspended"}
    assert sorted(rows["ID"]) == sorted(suspended["id"])
    assert sorted(zip(rows["Country"], rows["Role"], strict=True)) == sorted(
        (country_name(c), ROLES[r].label)
        for c, r in zip(suspended["country"], suspended["role"], strict=True)
    )


# --- 4: bad values in a link -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"country": "XYZ", "role": "pilots", "as_of": "2026-13-45"},
            [
                ("'XYZ'", "is not a known country code or name"),
                ("'pilots'", "is not one of"),
                ("'2026-13-45'", "is not a date"),
            ],
        ),
        ({"country": "FIN"}, [("'FIN' (Finland)", "has no statement in the data")]),
        ({"as_of": "2030-01-01"}, [("'2030-01-01'", "showing the latest picture instead")]),
        (
            {"section": "charts", "map": "satellite"},
            [("'charts'", "is not one of: overview, roles"), ("'satellite'", "is not one of")],
        ),
    ],
    ids=["unknown-values", "country-without-data", "date-after-the-data", "section-and-map"],
)
def test_bad_link_values_are_named_and_ignored(open_page, query, expected):
    at = open_page(query)
    assert_rendered(at)
    shown = notices(at)
    assert len(shown) == len(expected), shown
    for notice, (value, why) in zip(shown, expected, strict=True):
        assert notice.startswith("From the link:")
        assert value in notice
        assert why in notice
    # Every filter falls back to "all", on the default date; the address drops the bad values.
    assert all(at.multiselect(key=key).value == [] for key in FILTER_WIDGETS)
    assert at.date_input(key="as_of").value == DEFAULT
    header = header_text(at)
    assert header.startswith(f"**As of {long_date(DEFAULT)}**")
    assert "Showing: all countries, roles and statuses" in header
    assert len(at.get("plotly_chart")) == 1  # the overview, as without those values
    assert at.query_params == {}
    opened(at, "statements")
    assert len(table(at)) == len(current_pairs())


# --- 5: nothing matches ----------------------------------------------------------------------


def test_filters_that_match_nothing_say_so(open_page):
    at = open_page({"country": "KAZ", "role": "funding", "status": "declined"})
    assert_rendered(at)
    infos = [plain(i.value) for i in at.info]
    assert len(infos) == 1
    assert infos[0].startswith("No statement matches these filters on this date")
    assert "Kazakhstan" in infos[0]
    assert not at.get("plotly_chart")
    assert not at.get("deck_gl_json_chart")
    assert not at.metric
    assert not at.dataframe
    # The filters stay as linked, so the reader can see and undo them.
    assert at.multiselect(key="country").value == ["KAZ"]
    assert at.multiselect(key="role").value == ["funding"]
    assert at.multiselect(key="status").value == ["declined"]


# --- 6: widgets write the address ------------------------------------------------------------


def test_changing_the_filters_rewrites_the_address(open_page):
    at = open_page()
    at.multiselect(key="role").set_value(["medical"]).run()
    assert_rendered(at)
    assert at.query_params == {"role": "medical"}
    opened(at, "statements")
    assert set(table(at)["Role"]) == {"Medical"}

    at.date_input(key="as_of").set_value(date(2026, 2, 20)).run()
    assert at.query_params == {"role": "medical", "as_of": "2026-02-20", "section": "statements"}

    opened(at, "timeline")
    at.selectbox(key="focus").set_value("MAR").run()
    # A focused country opens the timeline by default, so the section is left out.
    assert at.query_params == {"role": "medical", "as_of": "2026-02-20", "focus": "MAR"}
    opened(at, "overview")
    assert at.query_params["focus"] == "MAR"  # kept while another section is open
    assert at.query_params["section"] == "overview"
    opened(at, "timeline")
    assert at.selectbox(key="focus").value == "MAR"

    [clear] = [b for b in at.button if b.label == "Clear filters"]
    clear.click().run()
    assert_rendered(at)
    assert not set(FILTER_PARAMS) & set(at.query_params)
    assert all(at.multiselect(key=key).value == [] for key in FILTER_WIDGETS)
    assert at.date_input(key="as_of").value == DEFAULT


def layer_ids(deck: dict[str, Any]) -> list[str]:
    return [item.get("id") for item in deck["layers"]]


def test_the_map_keeps_the_world_view_until_asked_to_zoom(open_page):
    at = open_page({"country": "IDN"})
    [deck] = decks(at)
    world = VIEW_STATES["world"]
    assert deck["initialViewState"]["latitude"] == pytest.approx(world.latitude)
    assert deck["initialViewState"]["zoom"] == pytest.approx(world.zoom)
    switch = at.segmented_control(key="map_view")
    assert switch.options == [
        "Contributors worldwide",
        "Zoom to the countries shown",
        "Gaza, Rafah and the CMCC",
    ]
    assert switch.value == "world"
    switch.set_value("fit").run()
    assert_rendered(at)
    [deck] = decks(at)
    # Indonesia alone: the map is framed on it, closer than the world view.
    assert deck["initialViewState"]["zoom"] > world.zoom
    assert deck["initialViewState"]["latitude"] == pytest.approx(contributors(at)[0]["lat"], abs=1)
    assert at.query_params == {"country": "IDN", "map": "fit"}
    # The framing holds while another section is open, and comes back with the map.
    opened(at, "statements")
    assert at.query_params["map"] == "fit"
    opened(at, "overview")
    assert at.segmented_control(key="map_view").value == "fit"


def test_the_map_switches_to_the_gaza_close_up(open_page):
    at = open_page({"country": "IDN"})
    assert "place-labels" not in layer_ids(decks(at)[0])
    at.segmented_control(key="map_view").set_value("gaza").run()
    assert_rendered(at)
    deck = decks(at)[0]
    assert deck["initialViewState"]["latitude"] == pytest.approx(31.45)
    assert "place-labels" in layer_ids(deck)
    assert [row["iso3"] for row in layer(deck, "contributors")["data"]] == ["IDN"]
    assert at.query_params == {"country": "IDN", "map": "gaza"}


def test_a_map_link_opens_that_framing(open_page):
    at = open_page({"country": "KAZ", "map": "Zoom to the countries shown"})
    assert_rendered(at)
    assert not at.warning
    assert at.segmented_control(key="map_view").value == "fit"
    assert decks(at)[0]["initialViewState"]["zoom"] > VIEW_STATES["world"].zoom
    assert at.query_params == {"country": "KAZ", "map": "fit"}


def test_the_history_toggle_adds_superseded_statements(open_page):
    at = open_page({"country": "KAZ", "section": "statements"})
    kazakhstan = [r for r in bundled_rows() if r["country"] == "KAZ"]
    assert len(table(at)) == len({r["role"] for r in kazakhstan})
    at.toggle(key="history").set_value(True).run()
    assert_rendered(at)
    rows = table(at)
    assert sorted(rows["ID"]) == sorted(r["id"] for r in kazakhstan)
    assert list(rows["Date"]) == sorted(rows["Date"], reverse=True)


# --- 7: a broken or missing data file --------------------------------------------------------


def _broken_copy(tmp_path: Path) -> Path:
    """The bundled file with line 3's date set to 2026-02-31 and line 5's country to ZZZ."""
    lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))

    def edit(line: int, column: str, value: str) -> None:
        fields = next(csv.reader([lines[line - 1]]))
        assert len(fields) == len(header), f"line {line} is not a one-line record"
        fields[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(fields)
        lines[line - 1] = out.getvalue()

    edit(3, "date", "2026-02-31")
    edit(5, "country", "ZZZ")
    path = tmp_path / "broken commitments.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_an_invalid_data_file_lists_every_problem(open_page, use_commitments, tmp_path):
    path = use_commitments(_broken_copy(tmp_path))
    at = open_page()
    assert not at.exception
    [message] = errors(at)
    assert str(path) in message
    assert "2 problem(s)" in message
    [code] = [c.value for c in at.code]
    problems = code.splitlines()
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{path}:3: date:")
    assert "2026-02-31" in problems[0]
    assert problems[1].startswith(f"{path}:5: country:")
    assert "ZZZ" in problems[1]
    assert not at.get("plotly_chart")
    assert not at.get("deck_gl_json_chart")
    assert not at.dataframe
    assert not at.metric


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_an_unreadable_data_file_says_so(open_page, use_commitments, tmp_path, kind):
    path = tmp_path / "commitments.csv"
    if kind == "directory":
        path.mkdir()
    use_commitments(path)
    at = open_page()
    assert not at.exception
    [message] = errors(at)
    assert message.startswith("The data file cannot be read:")
    assert str(path) in message
    assert "COMMITMENTS_CSV" in message
    assert "Traceback" not in message
    assert not at.get("plotly_chart")
    assert not at.dataframe


# --- 8: text from the data cannot become markup ----------------------------------------------


def _payload_file(tmp_path: Path) -> Path:
    """A valid file whose free-text cells hold markup: Indonesia commits, then suspends."""
    with BUNDLED.open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    rows = [
        {
            "id": "idn-troops-20260219",
            "date": "2026-02-19",
            "date_precision": "day",
            "country": "IDN",
            "role": "troops",
            "status": "committed",
            "personnel_high": "8000",
            "number_wording": IMG,
            "conditions": f"{SCRIPT} {IMG}",
            "speaker": SCRIPT,
            "note": f"{IMG} {SCRIPT}",
            "source_outlet": f"{SCRIPT} {IMG}",
            "source_url": "https://example.org/statement/1",
            "source_kind": "media",
            "quote": f"{SCRIPT} {IMG}",
            "quote_language": "id",
            "quote_translation": f"{IMG} {SCRIPT}",
        },
        {
            "id": "kaz-troops-20260219",
            "date": "2026-02-19",
            "date_precision": "day",
            "country": "KAZ",
            "role": "troops",
            "status": "offered",
            "conditions": IMG,
            "speaker": IMG,
            "note": SCRIPT,
            "source_outlet": f"Reuters via {IMG}",  # a wire story names its agency
            "source_url": "https://example.org/statement/2",
            "source_kind": "wire",
            "quote": IMG,
            "quote_language": "en",
        },
        {
            "id": "idn-troops-20260317",
            "date": "2026-03-17",
            "date_precision": "day",
            "country": "IDN",
            "role": "troops",
            "status": "suspended",
            "personnel_high": "8000",
            "number_wording": SCRIPT,
            "note": IMG,
            "source_outlet": SCRIPT,
            "source_url": "https://example.org/statement/3",
            "source_kind": "media",
            "quote": IMG,
            "quote_language": "en",
        },
    ]
    path = tmp_path / "payloads.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _assert_no_raw_markup(texts: list[str]) -> None:
    own = {document_language_html(lang) for lang in LANGUAGES}  # the page's one script
    for text in texts:
        if text in own:
            continue
        for raw in RAW:
            assert raw not in text, text


def test_text_from_the_data_is_escaped_everywhere(open_page, use_commitments, tmp_path):
    use_commitments(_payload_file(tmp_path))
    at = open_page({"focus": "IDN", "since": "2026-02-19"})
    assert_rendered(at)
    assert at.selectbox(key="focus").value == "IDN"

    # One country over time: the path of statuses and the timeline, as HTML; the chart.
    bodies = html_markdown(at)
    _assert_no_raw_markup(bodies)
    [timeline] = [b for b in bodies if "Statements, newest first" in b]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "&lt;img src=x onerror=alert(1)&gt;" in timeline
    charts = figures(at)
    assert any(figure_title(f).startswith("Indonesia") for f in charts)

    # The overview: the map, the legend and the changes since a date.
    opened(at, "overview")
    assert_rendered(at)
    # The map: the tooltip's markup is a fixed template; the fields hold plain text, which
    # Streamlit's map component escapes as it fills them in (the browser tests check that).
    [deck] = decks(at)
    [element] = at.get("deck_gl_json_chart")
    assert json.loads(element.proto.tooltip)["html"] == TOOLTIP_HTML
    rows = layer(deck, "contributors")["data"]
    assert len(rows) == 2
    details = " ".join(row["details"] for row in rows)
    assert "<script>alert(1)</script>" in details
    bodies = html_markdown(at)
    _assert_no_raw_markup(bodies)
    assert any("&lt;script&gt;" in b and "→" in b for b in bodies)  # the changes
    charts += figures(at)

    opened(at, "roles")
    assert_rendered(at)
    charts += figures(at)

    # Plotly reads a subset of HTML in hover texts, names, titles and annotations.
    assert len(charts) == 6  # timeline; planned now, before and after; the two role charts
    _assert_no_raw_markup([s for f in charts for s in strings(f)])
    hovers = [h for f in charts for trace in f["data"] for h in trace.get("hovertext") or []]
    assert sum("&lt;script&gt;" in h for h in hovers) >= 2  # the timeline and the roles


def test_the_briefing_layout_escapes_text_from_the_data(open_page, use_commitments, tmp_path):
    use_commitments(_payload_file(tmp_path))
    at = open_page({"view": "briefing", "since": "2026-02-19"})
    assert_rendered(at)
    bodies = html_markdown(at)
    _assert_no_raw_markup(bodies)
    assert sum("&lt;script&gt;" in b for b in bodies) >= 2  # the changes and the footer
    _assert_no_raw_markup([s for deck in decks(at) for s in strings(deck)])
    _assert_no_raw_markup([s for f in figures(at) for s in strings(f)])


# Plotly.js (the build Streamlit 1.67 bundles) decodes numeric entities and only these named
# ones; any other named entity, such as &quot;, is drawn literally.
PLOTLY_NAMED_ENTITIES = {"mu", "amp", "lt", "gt", "nbsp", "times", "plusmn", "deg"}
_ENTITY = re.compile(r"&([a-zA-Z][a-zA-Z0-9]*);")


def test_chart_texts_use_only_entities_plotly_can_draw(open_page):
    # Indonesia's Sep 2025 statement has conditions with double quotes: Only "if and when ...".
    # html.escape(quote=True) turns them into &quot;, which the timeline's hover then shows
    # literally. This test fails until chart texts are escaped without &quot;.
    at = open_page({"focus": "IDN"})
    assert_rendered(at)
    figure(at, "Indonesia")
    undrawable = sorted(
        {
            match.group(0)
            for fig in figures(at)
            for text in strings(fig)
            for match in _ENTITY.finditer(text)
            if match.group(1) not in PLOTLY_NAMED_ENTITIES
        }
    )
    assert undrawable == []


# --- 9: the CSV download ---------------------------------------------------------------------


def test_the_csv_download_holds_the_rows_shown(open_page, media_files):
    at = open_page({"country": "KAZ", "section": "statements"})
    assert_rendered(at)
    [button] = [b for b in at.get("download_button") if b.label == "Download these rows as CSV"]
    stored = media_files.get(button.proto.url)
    assert stored.mimetype == "text/csv"
    assert stored.filename == f"isf-commitments-{DEFAULT.isoformat()}.csv"
    # A byte order mark first, so spreadsheet programs read the file as UTF-8.
    assert stored.content.startswith(b"\xef\xbb\xbf")
    text = stored.content.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    comments = [line.rstrip("\r\n") for line in lines if line.startswith("# ")]
    assert comments[0] == (
        f"# ISF commitments as of {DEFAULT.isoformat()}; filters: countries: Kazakhstan."
    )
    # How fresh the data is, as the page header says it.
    data = bundled()
    assert data.review.reviewed_through is not None
    assert comments[1] == (
        f"# Sources reviewed through {short_date(data.review.reviewed_through)} · "
        f"latest statement {short_date(data.latest)}."
    )
    body = "".join(lines[len(comments) :])
    exported = list(csv.DictReader(io.StringIO(body)))
    shown = table(at)
    assert [row["ID"] for row in exported] == list(shown["ID"])
    assert {row["Country"] for row in exported} == {"Kazakhstan"}
    assert [row["Number"] for row in exported] == list(shown["Number"])


def test_the_csv_download_cites_the_file_that_was_loaded(
    open_page, media_files, use_commitments, tmp_path
):
    path = tmp_path / "mine.csv"
    path.write_bytes(BUNDLED.read_bytes())
    use_commitments(path)
    at = open_page({"section": "statements"})
    assert not at.exception
    [button] = [b for b in at.get("download_button") if b.label == "Download these rows as CSV"]
    text = media_files.get(button.proto.url).content.decode("utf-8-sig")
    [cite] = [line for line in text.splitlines() if "Cite as:" in line]
    assert cite.endswith("(mine.csv).")
    assert "data/commitments.csv" not in text
    assert "Data: ISF commitments tracker, mine.csv" in header_text(at)


# --- 10: one country over time ---------------------------------------------------------------


def test_a_focus_link_opens_the_country_view(open_page):
    at = open_page({"focus": "KAZ"})
    assert_rendered(at)
    assert at.selectbox(key="focus").value == "KAZ"
    assert at.session_state[OPEN_SECTION] == "timeline"
    timeline = figure(at, "Kazakhstan")
    assert figure_title(timeline) == f"Kazakhstan: statements up to {short_date(DEFAULT)}"
    assert len(figures(at)) == 1
    [changes] = [m.value for m in at.markdown if "How its position changed" in m.value]
    assert "withdrawn" in changes
    # Troops went from offered to withdrawn: the path ends there.
    assert re.search(r"<b>Troops</b>: offered [^<]*→ withdrawn \([^)]*Mar 2026\)</li>", changes)
    assert at.query_params == {"focus": "KAZ"}


def test_a_focus_outside_the_view_is_dropped_from_the_page_and_the_address(open_page):
    at = open_page({"country": "KAZ", "focus": "IDN"})
    assert_rendered(at)
    assert at.selectbox(key="focus").value is None
    [said] = [plain(c.value) for c in at.caption if "not in the current view" in c.value]
    assert said.startswith("Indonesia is not in the current view")
    # The timeline stays open; with no country in focus the address has to say so.
    assert at.query_params == {"country": "KAZ", "section": "timeline"}
    at.run()
    assert not [c for c in at.caption if "not in the current view" in c.value]


def test_a_filter_that_leaves_out_the_focused_country_drops_it(open_page):
    at = open_page({"focus": "IDN"})
    assert at.query_params == {"focus": "IDN"}
    at.multiselect(key="country").set_value(["KAZ"]).run()
    assert_rendered(at)
    assert at.selectbox(key="focus").value is None
    assert any("Indonesia is not in the current view" in plain(c.value) for c in at.caption)
    assert at.query_params == {"country": "KAZ", "section": "timeline"}


def test_one_picker_offers_every_chart_of_the_open_section_as_an_image(open_page):
    at = open_page({"focus": "KAZ"})
    assert_rendered(at)
    assert at.selectbox(key="image").options == [
        f"Kazakhstan: statements up to {short_date(DEFAULT)}"
    ]
    opened(at, "roles")
    assert at.selectbox(key="image").options == [
        "Current status by country and role",
        "Countries per role, by status",
    ]
    opened(at, "statements")  # no chart there, so no picker
    assert not [s for s in at.selectbox if s.key == "image"]
    opened(at, "overview")
    picker = at.selectbox(key="image")
    assert picker.options == ["Planned versus announced"]
    assert [b.label for b in at.get("download_button")].count("Download PNG") == 1
    at.segmented_control(key="image_format").set_value("svg").run()
    labels = [b.label for b in at.get("download_button")]
    assert "Download SVG" in labels
    assert "Download PNG" not in labels


# --- the page and the command line agree ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "arguments"),
    [
        ({}, []),
        ({"country": "KAZ"}, ["--country", "KAZ"]),
        ({"country": "KAZ,IDN", "role": "troops"}, ["--country", "KAZ", "IDN", "--role", "troops"]),
        ({"status": "committed"}, ["--status", "committed"]),
        (
            {"as_of": "2026-02-20", "role": "medical,troops"},
            ["--as-of", "2026-02-20", "--role", "medical", "troops"],
        ),
    ],
    ids=repr,
)
def test_the_page_and_summary_count_the_same_statements(open_page, capsys, query, arguments):
    at = open_page(query)
    assert_rendered(at)
    said = re.search(r"Based on (\d+) dated public statements?;", header_text(at))
    assert said is not None
    capsys.readouterr()
    assert main(["summary", "--json", *arguments]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["filters"]["country"] == [c for c in query.get("country", "").split(",") if c]
    assert int(said.group(1)) == printed["statements_considered"]


# --- conditions, the force over time, scale (#12) -----------------------------------------------


def _stated(code: str) -> set[str]:
    """Countries whose bundled statements carry `code` (before any date or status rule)."""
    return {r["country"] for r in bundled_rows() if code in r["condition_codes"].split(";")}


def test_the_conditions_section_ticks_each_stated_condition_with_a_link_to_its_source(open_page):
    at = open_page({"section": "conditions"})
    assert_rendered(at)
    [matrix] = [h for h in html_markdown(at) if "<table" in h]
    # Each Indonesian tick links to an Indonesian statement that states a condition: one tick
    # per code its statements carry (suspended since March, the caveats stay).
    stating = [r for r in bundled_rows() if r["country"] == "IDN" and r["condition_codes"]]
    codes = {code for r in stating for code in r["condition_codes"].split(";")}
    row = re.search(r">Indonesia</th>(.*?)</tr>", matrix)
    assert row is not None
    links = re.findall(r"href='([^']+)'", row.group(1))
    assert len(links) == len(codes) == 4
    assert set(links) <= {html.escape(r["source_url"], quote=True) for r in stating}
    assert "No combat" in matrix
    # A country that serves under no stated condition is said to, below the table.
    assert "No condition stated in the current position of:" in matrix
    assert figure_title(figure(at, "Stated conditions")) == "Stated conditions by country"


def test_a_condition_link_keeps_the_countries_that_carry_it(open_page, capsys):
    at = open_page({"condition": "no_combat"})
    assert_rendered(at)
    assert at.multiselect(key="condition").value == ["no_combat"]
    assert "Showing: stated conditions: No combat" in header_text(at)
    shown = {r["iso3"] for r in contributors(at)}
    assert shown
    assert shown <= _stated("no_combat")
    said = re.search(r"Based on (\d+) dated public statements?;", header_text(at))
    assert said is not None
    capsys.readouterr()
    assert main(["summary", "--json", "--condition", "no_combat"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {c["iso3"] for c in printed["countries"]} == shown
    assert printed["statements_considered"] == int(said.group(1))


def test_an_unknown_condition_in_a_link_is_ignored_with_a_notice(open_page):
    at = open_page({"condition": "no_combatt"})
    assert_rendered(at)
    assert at.multiselect(key="condition").value == []
    assert any("condition 'no_combatt' is not one of:" in n for n in notices(at))


def test_the_force_over_time_section_draws_both_charts_with_the_events(open_page):
    at = open_page({"section": "over_time", "as_of": "2026-03-01"})
    assert_rendered(at)
    status = figure(at, "Countries at each status, per role, up to 1 Mar 2026")
    band = figure(at, "Security personnel")
    # Events up to the as-of date are numbered on the charts, later ones left out.
    texts = list(strings(band["layout"].get("annotations", [])))
    assert any("19 Feb 2026: First Board of Peace meeting" in t for t in texts)
    assert not any("Indonesia suspends" in t for t in texts)
    assert any("Troops" in t for t in strings(status["layout"].get("annotations", [])))
    picker = at.selectbox(key="image")
    assert len(picker.options) == 2


def test_the_scale_section_sets_the_plan_beside_the_missions_with_their_sources(open_page):
    at = open_page({"section": "scale"})
    assert_rendered(at)
    fig = figure(at, "The ISF beside other peace operations")
    labels = set(strings([trace.get("y") for trace in fig["data"]]))
    assert {
        "ISF (Gaza)",
        "UNIFIL",
        "KFOR",
        "MINUSCA",
        "MONUSCO",
        "UNMISS",
        "MFO",
        "AUSSOM",
    } <= labels
    texts = list(strings([trace.get("text") for trace in fig["data"]]))
    assert "plan 20,000" in texts
    assert "authorised: 15,000<br>troops (Nov 2006)" in texts
    [sources] = [h for h in html_markdown(at) if "The figures and their sources" in h]
    assert sources.count("<li>") == 11
    assert "href='https://www.lbcgroup.tv/" in sources


# --- text alternatives (#13) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "starts"),
    [
        ({}, ["Bars of each planned figure", "A world map marking"]),
        ({"section": "roles"}, ["A grid of", "Stacked bars of countries per role"]),
        ({"section": "conditions"}, ["Stated conditions by country."]),
        ({"section": "over_time"}, ["Countries at each status per role", "Security personnel"]),
        ({"section": "scale"}, ["The ISF (plan 20,000"]),
        ({"focus": "KAZ"}, ["Kazakhstan: "]),
    ],
    ids=["overview", "roles", "conditions", "over_time", "scale", "timeline"],
)
def test_every_chart_and_the_map_say_what_they_show(open_page, query, starts):
    at = open_page(query)
    assert_rendered(at)
    captions = [plain(c.value) for c in at.caption]
    for start in starts:
        assert any(c.startswith(start) for c in captions), (start, captions)


def test_the_numbers_behind_a_chart_are_a_table_a_screen_reader_reaches(open_page):
    at = open_page()
    tables = [h for h in html_markdown(at) if "<caption" in h]
    [planned] = [t for t in tables if "Planned versus announced</caption>" in t]
    assert "<th scope='col' style='border:1px solid #ddd;padding:3px 5px'>Planned</th>" in planned
    assert "<th scope='row'" in planned
    assert "20,000" in planned
    # The map's table lists every country it marks.
    [where] = [t for t in tables if "Where the contributors are</caption>" in t]
    assert where.count("<th scope='row'") == len({r["iso3"] for r in contributors(at)})
