"""The charts and the map in Russian and Arabic: translated words, and Arabic drawn right to left.

Each builder is called inside `speaking(lang)` and its words are read back: every one must be
the catalog's translation of the English message (compared with `_()` in the same language),
differ from the English and be written in the language's letters. Arabic figures are mirrored
(bars grow from the right, time runs right to left, the axes and the title on the right) and
their texts embedded right to left; English and Russian figures are neither.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.charts import (
    SHORT_ROLE,
    announced_over_time_chart,
    apart_note,
    conditions_chart,
    count_note,
    country_timeline_chart,
    planned_vs_announced_chart,
    role_breakdown_chart,
    role_counts_chart,
    short_role,
    status_over_time_chart,
)
from dashboard.core.conditions import condition_matrix
from dashboard.core.geo import TOOLTIP_HTML, contributor_map, country_markers, place_markers
from dashboard.core.language import _, ngettext, number, speaking
from dashboard.core.picture import as_of, planned_vs_announced
from dashboard.core.scale import scale_chart
from dashboard.core.text import range_text
from dashboard.core.vocabulary import STATUSES

LANGUAGES = ("ru", "ar")
LETTERS = {"ru": re.compile("[А-Яа-яЁё]"), "ar": re.compile("[\u0600-\u06ff]")}
# The marks that embed Arabic texts right to left and isolate data inside them.
BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")
SECURITY = {"figure": "security_personnel", "label": "Security personnel", "value": "20000"}


def plain(text: str) -> str:
    """A text without the direction marks of right-to-left figures."""
    return BIDI_MARKS.sub("", text)


def said(text: str, english: str, lang: str) -> None:
    """Check that `text` is `english` translated into `lang` (already the `_()` of a message)."""
    assert plain(text) != english, f"{english!r} is not translated into {lang}"
    assert LETTERS[lang].search(text), f"{text!r} is not written in {lang}'s letters"


def translated_short_role(role: str, lang: str) -> str:
    """A role's column name (inside speaking(lang)), checked to be translated."""
    text = short_role(role)
    said(text, SHORT_ROLE[role], lang)
    return text


def translated(msgid: str, lang: str) -> str:
    """The translation of a message (inside speaking(lang)), checked to be one."""
    text = _(msgid)
    said(text, msgid, lang)
    return text


def every_text(fig: go.Figure) -> str:
    """Every string of a figure, as its JSON holds them."""
    return json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)


def x_reversed(axis: Any) -> bool:
    """Whether an axis runs from right to left (reversed, or an explicit range high to low)."""
    if axis.range is not None:
        return bool(axis.range[0] > axis.range[1])
    return bool(axis.autorange == "reversed")


@pytest.fixture
def in_language(request) -> Iterator[str]:
    with speaking(request.param):
        yield request.param


each_language = pytest.mark.parametrize("in_language", LANGUAGES, indirect=True)


# --- data: a few statements of each kind -----------------------------------------------------

ROWS = [
    {"country": "IDN", "personnel_low": "5000", "personnel_high": "8000"},
    {"country": "KAZ"},
    {"country": "GRC", "status": "reported", "personnel_high": "150"},
    {"country": "ALB", "status": "suspended", "personnel_high": "300"},
    {"country": "MAR", "status": "declined"},
    {"country": "EGY", "role": "medical", "status": "offered", "conditions": "UN mandate"},
]
CONDITION_ROWS = [
    {
        "id": "pak-1",
        "country": "PAK",
        "status": "conditional",
        "condition_codes": "defined_mandate;no_combat",
    },
    {"id": "idn-1", "country": "IDN", "date": "2026-02-14", "condition_codes": "un_mandate"},
]
COUNTS = pd.DataFrame.from_records(
    [
        {"date": date(2026, 2, 14), "role": "troops", "status": "conditional", "countries": 1},
        {"date": date(2026, 2, 19), "role": "troops", "status": "committed", "countries": 2},
        {"date": date(2026, 3, 17), "role": "medical", "status": "offered", "countries": 1},
    ],
    columns=["date", "role", "status", "countries"],
)
DATES = [date(2026, 2, 14), date(2026, 2, 19), date(2026, 3, 17)]
# No number disclosed from 17 March on: the chart says so in a note.
ANNOUNCED = pd.DataFrame(
    {
        "date": DATES,
        "low": pd.Series([None, 1000, None], dtype=object),
        "high": pd.Series([8000, 11000, None], dtype=object),
        "contributors": [1, 3, 2],
        "undisclosed": [0, 1, 2],
        "planned": [20000, 20000, 20000],
    }
)
EVENTS = pd.DataFrame(
    {
        "date": [pd.Timestamp("2026-02-25"), pd.Timestamp("2026-01-01")],
        "line": [2, 3],
        "title": ["Summit in Davos", "Ceasefire"],
    }
)
SCALE = {
    "isf": {
        "planned": 20000,
        "announced": {
            "low": None,
            "high": 8000,
            "contributors": 2,
            "with_number": 1,
            "undisclosed": 1,
            "open_ended": 0,
        },
        "on_the_ground": {
            "low": 300,
            "high": 300,
            "contributors": 3,
            "with_number": 2,
            "undisclosed": 1,
            "open_ended": 0,
            "roles": ["observers", "troops"],
        },
    },
    "missions": [
        {
            "mission": "UNIFIL",
            "name": "United Nations Interim Force in Lebanon",
            "location": "Southern Lebanon",
            "authorised": {
                "value": 15000,
                "unit": "troops",
                "date": "2006-11-01",
                "date_precision": "month",
                "source": {},
            },
            "deployed": None,
        }
    ],
}


@pytest.fixture
def figures(make_commitments, make_targets) -> pd.DataFrame:
    return planned_vs_announced(as_of(make_commitments(ROWS)), make_targets([SECURITY]))


@pytest.fixture
def current(make_commitments) -> pd.DataFrame:
    return as_of(make_commitments(ROWS))


@pytest.fixture
def statements(make_commitments) -> pd.DataFrame:
    return make_commitments(ROWS)


@pytest.fixture
def matrix(make_commitments) -> pd.DataFrame:
    rows = make_commitments(CONDITION_ROWS)
    return condition_matrix(as_of(rows), rows)


# --- words: each builder in Russian and Arabic -----------------------------------------------


@each_language
def test_planned_versus_announced_speaks_the_language(in_language, figures):
    lang = in_language
    fig = planned_vs_announced_chart(figures, "t")
    names = [plain(t.name) for t in fig.data]
    assert names == [
        translated(m, lang)
        for m in (
            "Planned",
            "Announced (counted)",
            "Reported or interest only (not counted)",
            "Suspended or withdrawn (not counted)",
        )
    ]
    assert plain(fig.layout.xaxis.title.text) == translated("personnel", lang)
    [planned, counted, unconfirmed, stopped] = fig.data
    plan = translated("plan {number}", lang).format(number=number(20000))
    assert [plain(t) for t in planned.text] == [plan]
    assert plain(planned.hovertemplate) == (
        "%{y}<br>" + translated("Planned: {number}", lang).format(number="%{x:,}")
        + "<extra></extra>"
    )  # fmt: skip
    # The words beside the bars: the counted range and who gave a number, on their own lines.
    [row] = figures.to_dict("records")
    words = plain(counted.text[0]).replace("<br>", " ")
    announced = translated("announced: {range}", lang).format(range=range_text(row))
    assert words.startswith(announced)
    gave = translated("{given} of {count} contributors gave a number", lang)
    assert gave.format(given=number(1), count=number(2)) in words
    assert plain(unconfirmed.text[0]).replace("<br>", " ") == translated(
        "reported or interest only: {range}", lang
    ).format(range=range_text(row, "unconfirmed_"))
    declined = ngettext("{count} declined", "{count} declined", 1).format(count=number(1))
    said(declined, "1 declined", lang)
    assert declined in plain(stopped.text[0]).replace("<br>", " ")


@each_language
def test_the_notes_beside_the_bars_speak_the_language(in_language, figures):
    lang = in_language
    [row] = figures.to_dict("records")
    said(count_note(row), "announced: 5,000–8,000 · 1 of 2 contributors gave a number", lang)
    said(apart_note(row, "stopped"), "suspended or withdrawn: up to 300 · 1 declined", lang)
    assert count_note({**row, "contributors": 0}) == translated("announced: nothing yet", lang)
    assert count_note({**row, "roles": ""}) == translated(
        "a plan, not a contribution: no country's role counts toward it", lang
    )


@each_language
def test_the_role_matrix_speaks_the_language(in_language, current):
    lang = in_language
    fig = role_breakdown_chart(current, "t")
    columns = [translated_short_role(r, lang) for r in SHORT_ROLE]
    assert list(fig.layout.xaxis.categoryarray) == columns
    assert {x for t in fig.data for x in t.x} <= set(columns)
    assert {plain(t.name) for t in fig.data} == {
        translated(STATUSES[s].english_label, lang) for s in set(current["status"])
    }
    hovers = [plain(h) for t in fig.data for h in t.hovertext]
    number_line = translated("Number: {number}", lang).split("{number}")[0]
    source_line = translated("Source: {source}, {date}", lang).split("{source}")[0]
    assert all(number_line in h and source_line in h for h in hovers)
    conditions = translated("Conditions: {conditions}", lang).format(conditions="UN mandate")
    assert any(conditions in h for h in hovers)  # the data's own words stay as they are


@each_language
def test_the_role_counts_speak_the_language(in_language, current):
    lang = in_language
    fig = role_counts_chart(current, "t")
    assert plain(fig.layout.yaxis.title.text) == translated("countries", lang)
    assert set(fig.data[0].x) == {short_role("troops"), short_role("medical")}
    for bar in fig.data:
        status = next(s for s in STATUSES.values() if s.label == plain(bar.name))
        assert plain(bar.hovertemplate) == (
            translated("{role}: {count} countries {status}", lang).format(
                role="%{x}", count="%{y}", status=status.in_sentence
            )
            + "<extra></extra>"
        )


@each_language
def test_the_timeline_speaks_the_language(in_language, statements):
    lang = in_language
    fig = country_timeline_chart(statements[statements["country"] == "IDN"], "t")
    [scatter] = fig.data
    said(plain(scatter.name), "Committed", lang)
    [hover] = scatter.hovertext
    said(plain(hover), "Troops: Committed", lang)
    # Plotly names months in English only: the ticks are numeric, in the language's order.
    formats = [stop.value for stop in fig.layout.xaxis.tickformatstops]
    assert formats[1] == {"ru": "%m.%Y", "ar": "%-m/%Y"}[lang]


@each_language
def test_the_conditions_chart_speaks_the_language(in_language, matrix):
    lang = in_language
    fig = conditions_chart(matrix, "t")
    [markers] = fig.data
    hover = dict(zip(map(plain, markers.y), map(plain, markers.hovertext), strict=False))
    message = translated("{country}: {condition}, stated {date} ({role}), {source}", lang)
    from dashboard.core.countries import country_name
    from dashboard.core.vocabulary import CONDITIONS, ROLES

    # The date in the language's words: "14 февр. 2026", "14 فبراير 2026".
    day = {"ru": "14 февр. 2026", "ar": "14 فبراير 2026"}[lang]
    assert hover[country_name("IDN")] == message.format(
        country=country_name("IDN"),
        condition=CONDITIONS["un_mandate"].label,
        date=day,
        role=ROLES["troops"].in_sentence,
        source="Test outlet",
    )


@each_language
def test_status_over_time_speaks_the_language(in_language):
    lang = in_language
    fig = status_over_time_chart(COUNTS, EVENTS, "t")
    troops = next(t for t in fig.data if plain(t.name) == _(STATUSES["committed"].english_label))
    assert (
        plain(troops.hovertemplate)
        == translated("{date}: {count} {role} {status}", lang).format(
            date="%{customdata}",
            count="%{y}",
            role=_("Troops").lower(),
            status=STATUSES["committed"].in_sentence,
        )
        + "<extra></extra>"
    )
    # The dates of the hover, said by the chart in the language: "19 февр. 2026".
    said(troops.customdata[1], "19 Feb 2026", lang)
    key = next(a for a in fig.layout.annotations if "Ceasefire" in a.text)
    said(plain(key.text), "1 01 Jan 2026: Ceasefire   ·   2 25 Feb 2026: Summit in Davos", lang)


@each_language
def test_announced_over_time_speaks_the_language(in_language):
    lang = in_language
    fig = announced_over_time_chart(ANNOUNCED, EVENTS, "t", "Security personnel")
    names = [plain(t.name) for t in fig.data if t.showlegend is not False and t.name]
    assert names == [
        translated("Announced (stated range)", lang),
        translated("Plan: {number}", lang).format(number=number(20000)),
    ]
    plan = next(t for t in fig.data if t.mode == "lines" and t.line.dash == "dash")
    assert (
        plain(plan.hovertemplate)
        == translated("{label}: plan {number}", lang).format(
            label="Security personnel", number=number(20000)
        )
        + "<extra></extra>"
    )
    assert plain(fig.layout.yaxis.title.text) == translated("{label} (people)", lang).format(
        label="Security personnel"
    )
    markers = next(t for t in fig.data if t.mode == "markers")
    hover = translated(
        "{date}: announced {range} from {count} contributor(s), {undisclosed} without a number",
        lang,
    )
    assert plain(markers.hovertext[1]).endswith(hover.split("{undisclosed}")[-1]), (
        markers.hovertext[1]
    )
    note = next(
        a.text for a in fig.layout.annotations if "<br>" in a.text and "Summit" not in a.text
    )
    first, second = plain(note).split("<br>")
    assert first == translated("From {date}: no number disclosed", lang).format(
        date={"ru": "17 мар. 2026", "ar": "17 مارس 2026"}[lang]
    )
    assert second == translated("({count} contributor(s) without one)", lang).format(
        count=number(2)
    )


@each_language
def test_the_scale_chart_speaks_the_language(in_language):
    lang = in_language
    fig = scale_chart(SCALE, "t")
    assert [plain(t.name) for t in fig.data] == [
        translated("Deployed", lang),
        translated("Announced (ISF only)", lang),
        translated("Authorised (ISF: planned)", lang),
    ]
    assert plain(fig.layout.xaxis.title.text) == translated("people", lang)
    assert {plain(y) for y in fig.data[0].y} == {"UNIFIL", translated("ISF (Gaza)", lang)}
    authorised = {plain(y): plain(t) for y, t in zip(fig.data[2].y, fig.data[2].text, strict=True)}
    said(authorised["UNIFIL"], "authorised: 15,000<br>troops (Nov 2006)", lang)
    # The number on the first line, the unit (translated) and the date after it, wrapped.
    first, *rest = authorised["UNIFIL"].split("<br>")
    second = " ".join(rest)
    assert all(len(line) <= 28 for line in rest)
    assert first.endswith(number(15000))
    assert translated("troops", lang) in second
    assert {"ru": "нояб. 2006", "ar": "نوفمبر 2006"}[lang] in second
    deployed = {plain(y): plain(t) for y, t in zip(fig.data[0].y, fig.data[0].text, strict=True)}
    assert deployed["UNIFIL"] == translated("deployed: no sourced figure", lang)
    said(
        deployed[_("ISF (Gaza)")],
        "deployed: 300<br>(3 countries; Observers / CMCC liaison, Troops)",
        lang,
    )


@each_language
def test_the_map_tooltips_speak_the_language(in_language, current):
    lang = in_language
    points = pd.DataFrame({"lat": [0.0] * 6, "lon": [0.0] * 6},
                          index=["IDN", "KAZ", "GRC", "ALB", "MAR", "EGY"])  # fmt: skip
    markers = country_markers(current, points)
    idn = markers[markers["iso3"] == "IDN"].iloc[0]
    assert idn["subtitle"] == translated("(strongest status: {status})", lang).format(
        status=STATUSES["committed"].in_sentence
    )
    source = translated("source: {source}, {date}", lang).split("{source}")[0]
    assert source in idn["details"]
    places = pd.DataFrame(
        {"name": ["Rafah", "Kiryat Gat"], "lat": [31.3, 31.6], "lon": [34.2, 34.8],
         "in_gaza": ["yes", "no"], "note": ["A crossing.", ""], "source_outlet": ["Reuters", ""]}
    )  # fmt: skip
    marked = place_markers(places)
    assert list(marked["subtitle"]) == [
        translated("Inside Gaza", lang),
        translated("Outside Gaza", lang),
    ]
    assert translated("Source: {source}", lang).split("{source}")[0] in marked["details"][0]


# --- direction: Arabic mirrored, English and Russian as they were ----------------------------


def build_all(make_commitments, make_targets) -> dict[str, go.Figure]:
    """One figure of every builder, in the language spoken now."""
    rows = make_commitments(ROWS)
    current = as_of(rows)
    conditions = make_commitments(CONDITION_ROWS)
    return {
        "planned": planned_vs_announced_chart(
            planned_vs_announced(current, make_targets([SECURITY])), "t"
        ),
        "roles": role_breakdown_chart(current, "t"),
        "counts": role_counts_chart(current, "t"),
        "timeline": country_timeline_chart(rows, "t"),
        "conditions": conditions_chart(condition_matrix(as_of(conditions), conditions), "t"),
        "status": status_over_time_chart(COUNTS, EVENTS, "t"),
        "announced": announced_over_time_chart(ANNOUNCED, EVENTS, "t", "Security personnel"),
        "scale": scale_chart(SCALE, "t"),
    }


BARS = ("planned", "scale")  # horizontal bars: their length runs along the x axis


@pytest.fixture
def charts_in(make_commitments, make_targets) -> Callable[[str], dict[str, go.Figure]]:
    def build(lang: str) -> dict[str, go.Figure]:
        with speaking(lang):
            return build_all(make_commitments, make_targets)

    return build


def test_arabic_bar_charts_grow_from_the_right_with_their_labels_on_the_right(charts_in):
    arabic, english = charts_in("ar"), charts_in("en")
    for name in BARS:
        ar, en = arabic[name], english[name]
        assert x_reversed(ar.layout.xaxis), name
        assert ar.layout.yaxis.side == "right", name
        assert tuple(ar.layout.xaxis.range) == tuple(en.layout.xaxis.range)[::-1], name
        # The words beside a bar stay outside its end, which is now on its left.
        assert all(t.textposition == "outside" for t in ar.data)
        assert not x_reversed(en.layout.xaxis), name
        assert en.layout.xaxis.range[0] == 0
        assert en.layout.yaxis.side in (None, "left"), name


def test_arabic_charts_over_time_run_right_to_left(charts_in):
    arabic, english = charts_in("ar"), charts_in("en")
    for name in ("status", "announced", "timeline"):
        ar, en = arabic[name], english[name]
        xaxes, yaxes = list(ar.select_xaxes()), list(ar.select_yaxes())
        assert xaxes, name
        assert all(x_reversed(axis) for axis in xaxes), name
        assert all(axis.side == "right" for axis in yaxes), name
        assert not any(x_reversed(axis) for axis in en.select_xaxes()), name
        assert not any(axis.side == "right" for axis in en.select_yaxes()), name
    # The legend beside the plot moves to its left; the key of events is anchored on the right.
    status = arabic["status"].layout
    assert status.legend.x < 0
    assert status.legend.xanchor == "right"
    [key] = [a for a in status.annotations if "Ceasefire" in a.text]
    assert (key.x, key.xanchor, key.align) == (1, "right", "right")
    # The note on a date keeps its date and grows toward the later dates, leftward.
    [note] = [a for a in arabic["announced"].layout.annotations if a.xref is None and a.text != "1"
              and a.text != "2"]  # fmt: skip
    assert note.xanchor == "right"


def test_arabic_titles_and_legends_are_anchored_on_the_right(charts_in):
    for name, fig in charts_in("ar").items():
        assert (fig.layout.title.x, fig.layout.title.xanchor) == (1, "right"), name
        if fig.layout.legend.orientation == "h":
            assert (fig.layout.legend.x, fig.layout.legend.xanchor) == (1, "right"), name
        assert fig.layout.hoverlabel.align == "right", name
    for name, fig in charts_in("en").items():
        assert (fig.layout.title.x, fig.layout.title.xanchor) == (0, "left"), name


def test_slanted_labels_lean_the_other_way_in_arabic(charts_in):
    arabic, english = charts_in("ar"), charts_in("en")
    for name in ("counts", "conditions"):
        assert arabic[name].layout.xaxis.tickangle == -english[name].layout.xaxis.tickangle


def test_arabic_texts_read_right_to_left_and_data_keeps_its_direction(charts_in):
    arabic = charts_in("ar")
    planned = arabic["planned"]
    assert all(t.name.startswith("\u202b") and t.name.endswith("\u202c") for t in planned.data)
    # Each line of the words beside a bar is embedded on its own; <extra> stays outside.
    for line in planned.data[1].text[0].split("<br>"):
        assert line.startswith("\u202b")
        assert line.endswith("\u202c")
    assert planned.data[0].hovertemplate.endswith("\u202c<extra></extra>")
    # Category names become tick texts: the values the traces hold are unchanged.
    roles = arabic["roles"].layout.yaxis
    assert list(roles.tickvals) == list(roles.categoryarray)
    assert all(t.startswith("\u202b") for t in roles.ticktext)
    # An English event title inside Arabic text is isolated, so it keeps its own direction.
    [key] = [a for a in arabic["status"].layout.annotations if "Ceasefire" in a.text]
    assert "\u2068Ceasefire\u2069" in key.text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_english_and_russian_charts_are_not_mirrored(charts_in, lang):
    for name, fig in charts_in(lang).items():
        assert not BIDI_MARKS.search(every_text(fig)), name
        assert not any(x_reversed(axis) for axis in fig.select_xaxes()), name
        assert not any(axis.side == "right" for axis in fig.select_yaxes()), name
        assert fig.layout.title.xanchor == "left", name


def test_russian_numbers_use_its_separators_and_english_keeps_plotlys(charts_in):
    assert {fig.layout.separators for fig in charts_in("ru").values()} == {",\u00a0"}
    assert {fig.layout.separators for fig in charts_in("en").values()} == {None}


def test_the_map_tooltip_reads_right_to_left_only_in_arabic(current):
    points = pd.DataFrame({"lat": [0.0], "lon": [0.0]}, index=["IDN"])
    places = pd.DataFrame(columns=["name", "lat", "lon", "in_gaza", "note", "source_outlet"])
    for lang, rtl in (("en", False), ("ru", False), ("ar", True)):
        with speaking(lang):
            deck = contributor_map(current, points, places)
        # Where Streamlit's pydeck_chart reads the tooltip from (the deck's JSON leaves it out).
        html = deck._tooltip["html"]
        assert TOOLTIP_HTML in html
        assert ("dir='rtl'" in html) is rtl, lang
        assert (html == TOOLTIP_HTML) is not rtl, lang


def test_arabic_labels_on_the_right_get_a_margin_as_wide_as_they_are(current):
    # Plotly's automatic margin measured labels embedded right to left as a few pixels wide,
    # and cut them at the chart's edge.
    with speaking("ar"):
        fig = role_breakdown_chart(current, "t")
        names = [plain(y) for trace in fig.data for y in trace.y]
    assert fig.layout.margin.r >= 7 * max(len(name) for name in names)
    assert role_breakdown_chart(current, "t").layout.margin.r == 10  # English: plotly's own
