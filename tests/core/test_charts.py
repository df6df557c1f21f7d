"""Unit tests of the figures: bars as long as the data, words beside them, markup escaped.

tests/ui/test_page.py checks that the page shows these figures and that no raw markup reaches
them from the bundled data; here each builder is called on a few statements written for the
case, and its traces are read back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.charts import (
    SHORT_ROLE,
    STATUS_DASH,
    STATUS_SYMBOLS,
    apart_note,
    count_note,
    country_timeline_chart,
    planned_vs_announced_chart,
    role_breakdown_chart,
    role_counts_chart,
)
from dashboard.core.countries import country_name
from dashboard.core.palette import ANNOUNCED_COLOR, STATUS_COLORS, STATUS_INK
from dashboard.core.picture import as_of, planned_vs_announced
from dashboard.core.vocabulary import ROLES, STATUSES

SECURITY = {"figure": "security_personnel", "label": "Security personnel", "value": "20000"}
LABEL_STATUS = {s.label: s.id for s in STATUSES.values()}


def trace(fig: go.Figure, name: str) -> Any:
    [found] = [t for t in fig.data if t.name == name]
    return found


def announced(fig: go.Figure) -> Any:
    return trace(fig, "Announced (counted)")


def status_of(trace_: Any) -> str:
    """The status a scatter or bar trace draws, read back from its legend name."""
    return LABEL_STATUS[trace_.name]


def points(fig: go.Figure) -> list[tuple[Any, Any, str]]:
    """Every marker of a scatter figure as (x, y, status)."""
    return [(x, y, status_of(t)) for t in fig.data for x, y in zip(t.x, t.y, strict=True)]


@pytest.fixture
def figures_of(make_commitments, make_targets) -> Callable[..., pd.DataFrame]:
    """Planned versus announced for some statements, against one or more planned figures."""

    def make(rows: list[dict[str, str]], targets: list[dict[str, str]] | None = None):
        # No rows: the picture on a day before any statement, read from a real file all the same.
        current = as_of(make_commitments(rows)) if rows else as_of(make_commitments([{}]), "2000")
        return planned_vs_announced(current, make_targets(targets or [SECURITY]))

    return make


@pytest.fixture
def figure_row(figures_of) -> Callable[..., dict[str, Any]]:
    """The one planned-versus-announced row of some statements, as the notes receive it."""

    def make(rows: list[dict[str, str]], counts_roles: str = "troops") -> dict[str, Any]:
        [row] = figures_of(rows, [{**SECURITY, "counts_roles": counts_roles}]).to_dict("records")
        return row

    return make


# --- count_note and apart_note ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "note"),
    [
        ([], "announced: nothing yet"),
        (
            [{"country": "IDN"}],
            "announced: none disclosed · 0 of 1 contributors gave a number",
        ),
        (
            [{"country": "IDN", "personnel_high": "8000"}, {"country": "KAZ"}],
            "announced: up to 8,000 · 1 of 2 contributors gave a number",
        ),
        (
            [
                {"country": "IDN", "personnel_low": "5000", "personnel_high": "8000"},
                {"country": "KAZ", "personnel_low": "100", "personnel_high": "100"},
            ],
            "announced: 5,100–8,100 · 2 of 2 contributors gave a number",
        ),
        (
            [{"country": "IDN", "personnel_low": "8000", "number_wording": "8,000 or more"}],
            "announced: 8,000+ · 1 of 1 contributors gave a number",
        ),
        # Statements that are not counted leave the announced total as it was.
        (
            [
                {"country": "GRC", "status": "reported", "personnel_high": "150"},
                {"country": "KAZ", "status": "withdrawn", "personnel_high": "300"},
                {"country": "MAR", "status": "declined"},
            ],
            "announced: nothing yet",
        ),
    ],
    ids=["no statement", "no number", "up to", "ranges add up", "open-ended", "not counted"],
)
def test_count_note_says_the_counted_range_and_who_gave_a_number(figure_row, rows, note):
    assert count_note(figure_row(rows)) == note


def test_count_note_of_a_plan_no_role_counts_toward(figure_row):
    # Even with troops announced, a plan with no counted roles gets nothing set against it.
    row = figure_row([{"personnel_high": "8000"}], counts_roles="")
    assert count_note(row) == "a plan, not a contribution: no country's role counts toward it"


@pytest.mark.parametrize(
    ("rows", "unconfirmed", "stopped"),
    [
        ([{"country": "IDN", "personnel_high": "8000"}], "", ""),
        (
            [
                {
                    "country": "GRC",
                    "status": "reported",
                    "personnel_low": "100",
                    "personnel_high": "150",
                }
            ],
            "reported or interest only: 100–150",
            "",
        ),
        (
            [{"country": "GRC", "status": "interest"}],
            "reported or interest only: none disclosed",
            "",
        ),
        (
            [
                {"country": "KAZ", "status": "suspended", "personnel_high": "300"},
                {"country": "ALB", "status": "withdrawn"},
            ],
            "",
            "suspended or withdrawn: up to 300",
        ),
        (
            [
                {"country": "KAZ", "status": "withdrawn", "personnel_low": "300"},
                {"country": "MAR", "status": "declined"},
                {"country": "ALB", "status": "declined"},
            ],
            "",
            "suspended or withdrawn: 300+ · 2 declined",  # a lower bound alone is open-ended
        ),
        ([{"country": "MAR", "status": "declined"}], "", "1 declined"),
    ],
    ids=["all counted", "reported", "interest", "stopped", "stopped and declined", "declined"],
)
def test_apart_note_says_what_is_kept_out_of_the_total(figure_row, rows, unconfirmed, stopped):
    row = figure_row(rows)
    assert apart_note(row, "unconfirmed") == unconfirmed
    assert apart_note(row, "stopped") == stopped


# --- planned_vs_announced_chart --------------------------------------------------------------


def test_bars_are_as_long_as_the_plan_and_the_tops_of_the_ranges(figures_of):
    figures = figures_of(
        [
            {"country": "IDN", "personnel_low": "5000", "personnel_high": "8000"},
            {"country": "GRC", "status": "reported", "personnel_high": "150"},
            {"country": "KAZ", "status": "suspended", "personnel_high": "300"},
            {"country": "ALB", "status": "withdrawn", "personnel_high": "200"},
            {"country": "MAR", "status": "declined"},
        ]
    )
    fig = planned_vs_announced_chart(figures, "Planned versus announced")
    assert [t.name for t in fig.data] == [
        "Planned",
        "Announced (counted)",
        "Reported or interest only (not counted)",
        "Suspended or withdrawn (not counted)",
    ]
    assert trace(fig, "Planned").x == (20000,)
    assert trace(fig, "Planned").text == ("plan 20,000",)
    assert announced(fig).x == (8000,)  # the top of 5,000-8,000; nothing else added
    assert trace(fig, "Reported or interest only (not counted)").x == (150,)
    assert trace(fig, "Suspended or withdrawn (not counted)").x == (500,)
    # Each note on its own line, so the words fit beside the bar on a phone.
    assert trace(fig, "Suspended or withdrawn (not counted)").text == (
        "suspended or withdrawn: up to 500<br>1 declined",
    )
    assert all(t.orientation == "h" for t in fig.data)


def test_an_undisclosed_number_says_none_disclosed_beside_the_bar(figures_of):
    # Two countries committed troops without a number: the bar has nothing to show, so its
    # words must say so; a bare 0 would read as "no troops".
    fig = planned_vs_announced_chart(figures_of([{"country": "IDN"}, {"country": "KAZ"}]), "t")
    bar = announced(fig)
    assert bar.x == (0,)
    assert bar.text == ("announced: none disclosed<br>0 of 2 contributors gave a number",)
    assert bar.textposition == "outside"  # a zero-length bar cannot hold its words inside


@pytest.mark.parametrize(
    ("cells", "hatched"),
    [
        ({"personnel_low": "8000", "personnel_high": "8000"}, False),
        ({"personnel_low": "5000", "personnel_high": "8000"}, True),
        ({"personnel_high": "8000"}, True),  # "up to 8,000": no lower bound
    ],
    ids=["exact", "range", "up to"],
)
def test_a_range_is_hatched_and_an_exact_number_is_solid(figures_of, cells, hatched):
    marker = announced(planned_vs_announced_chart(figures_of([cells]), "t")).marker
    assert marker.line.color == ANNOUNCED_COLOR
    if hatched:
        assert (marker.color, marker.pattern.shape) == (("white",), ("/",))
    else:
        assert (marker.color, marker.pattern.shape) == ((ANNOUNCED_COLOR,), ("",))


def test_one_group_of_bars_per_planned_figure_in_file_order(figures_of):
    targets = [
        SECURITY,
        {"figure": "police_to_train", "label": "Police to train", "value": "12000"},
        {"figure": "observers", "label": "Observers", "value": "50", "counts_roles": "observers"},
    ]
    rows = [
        {"country": "IDN", "personnel_high": "8000"},
        {"country": "EGY", "role": "observers", "personnel_high": "12"},
    ]
    fig = planned_vs_announced_chart(figures_of(rows, targets), "t")
    for bar in fig.data:
        assert bar.y == ("Security personnel", "Police to train", "Observers")
    assert trace(fig, "Planned").x == (20000, 12000, 50)
    assert announced(fig).x == (8000, 8000, 12)
    assert fig.layout.yaxis.autorange == "reversed"  # the first figure on top, as in the file
    assert fig.layout.barmode == "group"


def test_figure_labels_and_the_title_are_escaped(figures_of):
    targets = [{**SECURITY, "label": "<b>Security</b> <script>alert(1)</script>"}]
    fig = planned_vs_announced_chart(figures_of([{}], targets), "Plan <img src=x>")
    escaped = "&lt;b&gt;Security&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"
    assert all(bar.y == (escaped,) for bar in fig.data)
    assert fig.layout.title.text == "Plan &lt;img src=x&gt;"


def test_no_statements_give_empty_bars_not_an_error(figures_of):
    fig = planned_vs_announced_chart(figures_of([]), "t")
    assert trace(fig, "Planned").x == (20000,)
    assert announced(fig).x == (0,)
    assert announced(fig).text == ("announced: nothing yet",)


def test_no_planned_figures_give_an_empty_chart_not_an_error(figures_of):
    figures = figures_of([{}]).iloc[0:0]
    fig = planned_vs_announced_chart(figures, "t")
    assert all(len(bar.x) == 0 for bar in fig.data)


@pytest.mark.parametrize(
    "rows",
    [
        [{"country": "IDN", "personnel_high": "90000"}],
        [{"country": "KAZ", "status": "suspended", "personnel_high": "90000"}],
        [{"country": "GRC", "status": "reported", "personnel_high": "90000"}],
    ],
    ids=["counted", "stopped", "unconfirmed"],
)
def test_every_bar_fits_on_the_axis(figures_of, rows):
    fig = planned_vs_announced_chart(figures_of(rows), "t")
    low, high = fig.layout.xaxis.range
    assert low == 0
    assert all(x <= high for bar in fig.data for x in bar.x)


# --- role_breakdown_chart --------------------------------------------------------------------

BREAKDOWN = [
    {"country": "IDN", "role": "troops", "date": "2026-02-10", "status": "offered"},
    {"country": "IDN", "role": "troops", "date": "2026-02-19", "status": "committed"},
    {"country": "IDN", "role": "medical", "status": "conditional"},
    {"country": "KAZ", "role": "troops", "date": "2026-02-19"},
    {"country": "KAZ", "role": "troops", "date": "2026-03-04", "status": "withdrawn"},
    {"country": "XKX", "role": "troops", "status": "deployed"},
    {"country": "GRC", "role": "troops", "status": "reported"},
    {"country": "MAR", "role": "police_training", "status": "interest"},
    {"country": "MAR", "role": "funding", "amount": "5", "currency": "USD"},
    {"country": "ALB", "role": "observers", "status": "suspended"},
    {"country": "ITA", "role": "command", "status": "declined"},
    {"country": "PAK", "role": "troops", "status": "offered"},
    {"country": "AZE", "role": "troops"},  # a second country at one status in one role
]


def test_the_role_matrix_has_one_marker_per_country_and_role(make_commitments):
    current = as_of(make_commitments(BREAKDOWN), "2026-03-31")
    fig = role_breakdown_chart(current, "Current status by country and role")
    expected = [
        (SHORT_ROLE[r["role"]], country_name(r["country"]), r["status"])
        for r in current.to_dict("records")
    ]
    assert sorted(points(fig)) == sorted(expected)
    assert len(expected) == 11  # the superseded IDN and KAZ troops statements are not drawn


def test_each_status_is_drawn_in_its_colour_and_shape(make_commitments):
    fig = role_breakdown_chart(as_of(make_commitments(BREAKDOWN), "2026-03-31"), "t")
    assert {status_of(t) for t in fig.data} == set(STATUSES)  # the rows cover every status
    for scatter in fig.data:
        status = status_of(scatter)
        assert scatter.marker.color == STATUS_COLORS[status]
        # Outlined in the status's ink, so a yellow marker still stands 3:1 on white.
        assert scatter.marker.line.color == STATUS_INK[status]
        assert scatter.marker.symbol == STATUS_SYMBOLS[status]


def test_the_role_matrix_lists_countries_by_name_and_every_role_in_order(make_commitments):
    fig = role_breakdown_chart(as_of(make_commitments(BREAKDOWN), "2026-03-31"), "t")
    # Plotly draws the first category at the bottom: reversed, the names read A to Z downward.
    names = [
        "Albania",
        "Azerbaijan",
        "Greece",
        "Indonesia",
        "Italy",
        "Kazakhstan",
        "Kosovo",
        "Morocco",
        "Pakistan",
    ]
    assert list(fig.layout.yaxis.categoryarray) == names[::-1]
    # Every role keeps its column even when no country holds it, so charts line up over time.
    assert list(fig.layout.xaxis.categoryarray) == [SHORT_ROLE[r] for r in ROLES]


def test_the_role_matrix_of_no_statements_is_an_empty_figure(make_commitments):
    empty = as_of(make_commitments([{}]), "2000-01-01")
    fig = role_breakdown_chart(empty, "t")
    assert isinstance(fig, go.Figure)
    assert fig.data == ()


# --- role_counts_chart -----------------------------------------------------------------------


def test_role_counts_stack_the_countries_at_each_status(make_commitments):
    current = as_of(make_commitments(BREAKDOWN), "2026-03-31")
    fig = role_counts_chart(current, "Countries per role, by status")
    counted = {
        (role, status_of(bar)): y for bar in fig.data for role, y in zip(bar.x, bar.y, strict=True)
    }
    troops = {s: n for (r, s), n in counted.items() if r == "Troops" and n}
    assert troops == {"committed": 2, "withdrawn": 1, "deployed": 1, "reported": 1, "offered": 1}
    totals = {r: sum(n for (role, _), n in counted.items() if role == r) for r, _ in counted}
    assert totals == {SHORT_ROLE[r]: n for r, n in current["role"].value_counts().items()}
    assert fig.layout.barmode == "stack"


def test_role_counts_colour_each_status_and_follow_the_role_order(make_commitments):
    fig = role_counts_chart(as_of(make_commitments(BREAKDOWN), "2026-03-31"), "t")
    present = ["troops", "medical", "police_training", "funding", "observers", "command"]
    order = [r for r in ROLES if r in present]
    for bar in fig.data:
        assert bar.marker.color == STATUS_COLORS[status_of(bar)]
        assert list(bar.x) == [SHORT_ROLE[r] for r in order]
        assert any(bar.y), "a status no country is at has no place in the legend"


@pytest.mark.parametrize(("countries", "dtick"), [(1, 1), (10, 1), (11, None)])
def test_a_short_count_axis_ticks_whole_countries(make_commitments, countries, dtick):
    # No axis reading "2.5 countries"; past ten, plotly's own ticks are whole numbers anyway.
    codes = ["ALB", "AZE", "EGY", "GRC", "IDN", "ITA", "KAZ", "MAR", "PAK", "TUR", "XKX"]
    current = as_of(make_commitments([{"country": c} for c in codes[:countries]]))
    assert role_counts_chart(current, "t").layout.yaxis.dtick == dtick


def test_role_counts_of_no_statements_is_an_empty_figure(make_commitments):
    fig = role_counts_chart(as_of(make_commitments([{}]), "2000-01-01"), "t")
    assert isinstance(fig, go.Figure)
    assert fig.data == ()


# --- country_timeline_chart ------------------------------------------------------------------

TIMELINE = [
    {"date": "2025-10-01", "status": "interest"},
    {"date": "2026-02-10", "status": "offered"},
    {"date": "2026-02-19", "status": "committed", "personnel_high": "8000"},
    {"date": "2026-02-25", "status": "committed", "personnel_high": "8000"},  # said again
    {"date": "2026-02-19", "role": "medical", "status": "offered"},
    {
        "date": "2026-03-01",
        "role": "funding",
        "status": "committed",
        "amount": "1000000",
        "currency": "USD",
    },
    {"date": "2026-03-17", "status": "suspended"},
]


def test_the_timeline_has_one_marker_per_statement(make_commitments):
    statements = make_commitments(TIMELINE)
    fig = country_timeline_chart(statements, "Indonesia: statements")
    expected = [
        (pd.Timestamp(r["date"]), ROLES[r.get("role", "troops")].label, r["status"])
        for r in TIMELINE
    ]
    assert sorted(points(fig)) == sorted(expected)


def test_the_timeline_lists_roles_in_vocabulary_order_from_the_top(make_commitments):
    fig = country_timeline_chart(make_commitments(TIMELINE), "t")
    # Only the roles the country spoke about, troops first: reversed, as plotly counts upward.
    assert list(fig.layout.yaxis.categoryarray) == ["Funding", "Medical", "Troops"]


def test_the_timeline_of_no_statements_is_an_empty_figure(make_commitments):
    statements = make_commitments([{}]).iloc[0:0]
    fig = country_timeline_chart(statements, "t")
    assert isinstance(fig, go.Figure)
    assert fig.data == ()


# --- hover texts, titles and the symbol tables -----------------------------------------------

MARKUP = {
    "source_outlet": "<b>Daily</b> <script>alert(1)</script>",
    "conditions": "only if <i>mandate</i> & consent",
    "number_wording": "up to <u>8,000</u>",
    "personnel_high": "8000",
}


def _breakdown(statements: pd.DataFrame) -> go.Figure:
    return role_breakdown_chart(as_of(statements), "t")


def _timeline(statements: pd.DataFrame) -> go.Figure:
    return country_timeline_chart(statements, "t")


@pytest.mark.parametrize("build", [_breakdown, _timeline], ids=["breakdown", "timeline"])
def test_hover_texts_escape_the_data_and_keep_their_own_markup(make_commitments, build):
    [[hover]] = [t.hovertext for t in build(make_commitments([MARKUP])).data]
    assert hover == (
        "<b>Indonesia</b><br>Troops: Committed<br>Number: up to &lt;u&gt;8,000&lt;/u&gt;<br>"
        "Conditions: only if &lt;i&gt;mandate&lt;/i&gt; &amp; consent<br>"
        "Source: &lt;b&gt;Daily&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;, 2026-02-19"
    )


def test_long_conditions_are_cut_before_they_are_escaped(make_commitments):
    # Cut after escaping, "<" could end as a broken "&l…" that plotly draws as is.
    conditions = "x" * 88 + "<b>" + "y" * 20
    [[hover]] = [
        t.hovertext for t in _breakdown(make_commitments([{"conditions": conditions}])).data
    ]
    assert "Conditions: " + "x" * 88 + "&lt;…<br>" in hover


def test_a_hover_without_conditions_has_no_conditions_line(make_commitments):
    [[hover]] = [t.hovertext for t in _breakdown(make_commitments([{}])).data]
    assert "Conditions" not in hover
    assert "Number: not disclosed" in hover


@pytest.mark.parametrize("build", [role_breakdown_chart, role_counts_chart, country_timeline_chart])
def test_titles_are_escaped(make_commitments, build):
    fig = build(make_commitments([{}]), "Roles <script>alert(1)</script>")
    assert fig.layout.title.text == "Roles &lt;script&gt;alert(1)&lt;/script&gt;"


def test_every_role_has_a_short_axis_label():
    assert list(SHORT_ROLE) == list(ROLES)


def test_every_status_has_its_own_symbol():
    # Shapes tell statuses apart in grayscale and for colour-blind readers, as colours cannot.
    assert set(STATUS_SYMBOLS) == set(STATUSES)
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUS_SYMBOLS)


# --- the charts of conditions and of the force over time ---------------------------------------
# Imported here, with the tests that use them, so the tests above stay as they were.

import csv  # noqa: E402
import struct  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from dashboard.core.charts import (  # noqa: E402
    announced_over_time_chart,
    conditions_chart,
    event_key,
    status_over_time_chart,
)
from dashboard.core.conditions import condition_matrix  # noqa: E402
from dashboard.core.exports import figure_image  # noqa: E402
from dashboard.core.loading import read_events  # noqa: E402
from dashboard.core.over_time import over_time  # noqa: E402
from dashboard.core.schema import event_columns  # noqa: E402
from dashboard.core.selection import Selection  # noqa: E402
from dashboard.core.vocabulary import CONDITIONS  # noqa: E402
from tests.factories import dataset_of  # noqa: E402

EVENTS_TODAY = date(2026, 11, 28)
SYSTEM_CHROMIUM = "/usr/bin/chromium"


def write_events(path: Path, rows: list[dict[str, str]]) -> Path:
    """An events file with every column; each row gives only its interesting cells."""
    columns = [c.name for c in event_columns(EVENTS_TODAY)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for i, row in enumerate(rows):
            cells = {
                "id": f"event-{i}",
                "date": "2026-02-19",
                "date_precision": "day",
                "title": f"Event {i}",
                "kind": "diplomacy",
                "source_outlet": "Test outlet",
                "source_url": f"https://example.org/event/{i}",
                "source_kind": "media",
                **row,
            }
            if cells.get("quote") and not cells.get("quote_language"):
                cells["quote_language"] = "en"
            writer.writerow(cells)
    return path


@pytest.fixture
def events(tmp_path) -> pd.DataFrame:
    # Written out of date order: the key numbers them by date.
    rows = [
        {"id": "summit", "date": "2026-02-25", "title": "Summit <b>bold</b> & <script>x</script>"},
        {"id": "ceasefire", "date": "2026-01-01", "kind": "ceasefire", "title": "Ceasefire"},
    ]
    return read_events(write_events(tmp_path / "events.csv", rows), today=EVENTS_TODAY)


@pytest.fixture
def no_events(events) -> pd.DataFrame:
    return events.iloc[0:0]


CONDITION_ROWS = [
    {
        "id": "pak-1",
        "country": "PAK",
        "status": "conditional",
        "condition_codes": "defined_mandate;no_combat",
        "source_outlet": "<b>Daily</b> <script>alert(1)</script>",
    },
    {"id": "tur-1", "country": "TUR", "condition_codes": "palestinian_consent"},
    {
        "id": "idn-1",
        "country": "IDN",
        "role": "medical",
        "date": "2026-02-14",
        "condition_codes": "un_mandate;no_combat",
    },
]


@pytest.fixture
def matrix(make_commitments) -> pd.DataFrame:
    statements = make_commitments(CONDITION_ROWS)
    return condition_matrix(as_of(statements), statements)


def test_the_conditions_chart_has_one_marker_per_matrix_cell(matrix):
    fig = conditions_chart(matrix, "Stated conditions")
    [markers] = fig.data
    assert len(markers.x) == len(matrix) == 5
    drawn = sorted(zip(markers.x, markers.y, strict=True))
    expected = sorted(
        (CONDITIONS[k].label, country_name(c))
        for c, k in zip(matrix["country"], matrix["condition"], strict=True)
    )
    assert drawn == expected
    assert markers.marker.symbol == "square"


def test_the_conditions_chart_orders_conditions_by_vocabulary_and_countries_by_name(matrix):
    fig = conditions_chart(matrix, "t")
    assert list(fig.layout.xaxis.categoryarray) == [
        "UN mandate",
        "Clear mandate",
        "No combat",
        "Palestinian consent",
    ]
    # Reversed, as plotly counts upward: Indonesia at the top.
    assert list(fig.layout.yaxis.categoryarray) == ["Turkey", "Pakistan", "Indonesia"]


def test_the_conditions_chart_hover_names_the_statement_and_escapes_the_data(matrix):
    fig = conditions_chart(matrix, "Conditions <i>now</i>")
    [markers] = fig.data
    places = zip(markers.x, markers.y, strict=True)
    hovers = dict(zip(places, markers.hovertext, strict=True))
    assert hovers[("No combat", "Pakistan")] == (
        "Pakistan: No combat, stated 19 Feb 2026 (troops), "
        "&lt;b&gt;Daily&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert hovers[("UN mandate", "Indonesia")] == (
        "Indonesia: UN mandate, stated 14 Feb 2026 (medical), Test outlet"
    )
    assert all("<" not in h for h in fig.data[0].hovertext)
    assert fig.layout.title.text == "Conditions &lt;i&gt;now&lt;/i&gt;"


def test_the_conditions_chart_of_no_cell_is_an_empty_grid(matrix):
    fig = conditions_chart(matrix.iloc[0:0], "t")
    assert list(fig.data[0].x) == []
    assert list(fig.layout.xaxis.categoryarray) == []


# The counts of four dates, as over_time gives them (a date with no row counts none).
COUNTS = pd.DataFrame.from_records(
    [
        {"date": date(2026, 2, 14), "role": "troops", "status": "conditional", "countries": 1},
        {"date": date(2026, 2, 19), "role": "troops", "status": "conditional", "countries": 2},
        {"date": date(2026, 2, 19), "role": "troops", "status": "committed", "countries": 1},
        {"date": date(2026, 2, 19), "role": "medical", "status": "offered", "countries": 1},
        {"date": date(2026, 3, 17), "role": "troops", "status": "suspended", "countries": 1},
        {"date": date(2026, 3, 17), "role": "troops", "status": "conditional", "countries": 1},
        {"date": date(2026, 3, 17), "role": "medical", "status": "offered", "countries": 1},
    ],
    columns=["date", "role", "status", "countries"],
)
COUNT_DATES = [date(2026, 2, 14), date(2026, 2, 19), date(2026, 3, 17)]


def lines_of(fig: go.Figure) -> dict[tuple[str, str], list[int]]:
    """Each status line of a chart over time as {(y axis, status): values}."""
    return {(t.yaxis, status_of(t)): list(t.y) for t in fig.data}


def test_status_over_time_has_one_panel_per_role_present_in_role_order(events):
    fig = status_over_time_chart(COUNTS, events, "The force over time")
    titles = [a.text for a in fig.layout.annotations if a.text in {"Troops", "Medical"}]
    assert titles == ["Troops", "Medical"]
    assert {t.yaxis for t in fig.data} == {"y", "y2"}
    assert "yaxis3" not in fig.layout.to_plotly_json()


def test_status_over_time_draws_each_status_from_its_first_date_on(no_events):
    fig = status_over_time_chart(COUNTS, no_events, "t")
    # Before a status first appears it is not drawn (None); a fall back to zero is drawn.
    assert lines_of(fig) == {
        ("y", "conditional"): [1, 2, 1],
        ("y", "committed"): [None, 1, 0],
        ("y", "suspended"): [None, None, 1],
        ("y2", "offered"): [None, 1, 1],
    }
    for trace in fig.data:
        assert list(trace.x) == COUNT_DATES
        assert trace.line.shape == "hv"  # a count holds until the next date
        # A line has no outline: it is drawn in the ink, which stands 3:1 on white.
        assert trace.line.color == STATUS_INK[status_of(trace)]
    # A status is named once in the legend, whichever panels draw it.
    shown = [t.name for t in fig.data if t.showlegend]
    assert sorted(shown) == sorted({t.name for t in fig.data})


def test_status_over_time_marks_events_on_every_panel_with_a_numbered_key(events):
    fig = status_over_time_chart(COUNTS, events, "t")
    assert event_key(events) == [
        (1, pd.Timestamp("2026-01-01"), "Ceasefire"),
        (2, pd.Timestamp("2026-02-25"), "Summit <b>bold</b> & <script>x</script>"),
    ]
    lines = [(s.x0, s.xref) for s in fig.layout.shapes]
    assert sorted(lines) == sorted(
        (pd.Timestamp(day), axis) for day in ("2026-01-01", "2026-02-25") for axis in ("x", "x2")
    )
    numbers = [a for a in fig.layout.annotations if a.text in {"1", "2"}]
    assert [(a.text, a.xref, a.yref) for a in numbers] == [
        ("1", "x", "y domain"),
        ("2", "x", "y domain"),
    ]
    assert numbers[1].hovertext == (
        "25 Feb 2026: Summit &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"
    )
    [key] = [a for a in fig.layout.annotations if a.text.startswith("1 ")]
    assert key.text == (
        "1 01 Jan 2026: Ceasefire   ·   "
        "2 25 Feb 2026: Summit &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"
    )


def test_the_event_key_makes_room_under_the_chart(events, no_events):
    with_key = status_over_time_chart(COUNTS, events, "t")
    without = status_over_time_chart(COUNTS, no_events, "t")
    assert without.layout.shapes == ()
    assert with_key.layout.height > without.layout.height
    assert with_key.layout.margin.b > without.layout.margin.b


def test_status_over_time_of_no_counts_is_one_empty_panel(no_events):
    fig = status_over_time_chart(COUNTS.iloc[0:0], no_events, "t <b>x</b>")
    assert fig.data == ()
    assert "yaxis2" not in fig.layout.to_plotly_json()
    assert fig.layout.title.text == "t &lt;b&gt;x&lt;/b&gt;"


# The band as over_time documents it: None where no bound is stated.
ANNOUNCED = pd.DataFrame(
    {
        "date": COUNT_DATES,
        "low": pd.Series([None, 1000, 1100], dtype=object),
        "high": pd.Series([8000, 11000, 3100], dtype=object),
        "contributors": [1, 3, 2],
        "undisclosed": [0, 1, 0],
        "planned": [20000, 20000, 20000],
    }
)
LABEL = "Security <b>personnel</b>"


def band_values(fig: go.Figure) -> set[int]:
    """Every personnel value the band draws (its lines, whatever their shape), gaps left out."""
    lines = [t for t in fig.data if t.mode == "lines" and not (t.name or "").startswith("Plan")]
    assert lines, "no band drawn"
    return {int(v) for t in lines for v in t.y if v is not None}


def day_markers(fig: go.Figure) -> Any:
    """The trace with one marker per date, whose hover says everything about that day."""
    [found] = [t for t in fig.data if t.mode == "markers"]
    return found


def test_announced_over_time_draws_the_band_from_lower_to_upper_bounds(no_events):
    fig = announced_over_time_chart(ANNOUNCED, no_events, "t", LABEL)
    # "Up to 8,000" states no lower bound: on that date the band starts at zero.
    assert band_values(fig) == {0, 8000, 1000, 11000, 1100, 3100}
    markers = day_markers(fig)
    assert list(markers.x) == COUNT_DATES
    assert list(markers.y) == [8000, 11000, 3100]
    assert list(markers.text) == ["up to 8,000", "1,000–11,000", "1,100–3,100"]
    assert [list(c) for c in markers.customdata] == [[1, 0], [3, 1], [2, 0]]


def test_announced_over_time_draws_the_plan_line_at_the_planned_value(no_events):
    fig = announced_over_time_chart(ANNOUNCED, no_events, "t", LABEL)
    plan = trace(fig, "Plan: 20,000")
    assert list(plan.y) == [20000, 20000]
    assert list(plan.x) == [COUNT_DATES[0], COUNT_DATES[-1]]
    assert plan.hovertemplate == "Security &lt;b&gt;personnel&lt;/b&gt;: plan 20,000<extra></extra>"
    assert fig.layout.yaxis.title.text == "Security &lt;b&gt;personnel&lt;/b&gt; (people)"


def test_announced_over_time_marks_the_events(events):
    fig = announced_over_time_chart(ANNOUNCED, events, "t", LABEL)
    assert [s.x0 for s in fig.layout.shapes] == [
        pd.Timestamp("2026-01-01"),
        pd.Timestamp("2026-02-25"),
    ]
    assert [a.text for a in fig.layout.annotations if a.text in {"1", "2"}] == ["1", "2"]
    assert any("Summit &lt;b&gt;bold&lt;/b&gt;" in a.text for a in fig.layout.annotations)
    texts = [(a.text or "") + (a.hovertext or "") for a in fig.layout.annotations]
    assert all("<script" not in text for text in texts)


def test_announced_over_time_of_no_dates_has_no_plan_line(no_events):
    fig = announced_over_time_chart(ANNOUNCED.iloc[0:0], no_events, "t", LABEL)
    assert not [t for t in fig.data if (t.name or "").startswith("Plan")]
    assert all(list(t.x) == [] for t in fig.data)


def test_the_band_drawn_from_over_time_stops_where_no_number_is_disclosed(
    make_commitments, make_targets, no_events
):
    # KAZ commits without a number; IDN gives 1,000 to 8,000, then suspends: from then on no
    # counted contributor gives a number, and the band stops rather than falling to zero.
    statements = make_commitments(
        [
            {"id": "kaz-1", "country": "KAZ", "date": "2026-02-01"},
            {"id": "idn-1", "personnel_low": "1000", "personnel_high": "8000"},
            {
                "id": "idn-2",
                "date": "2026-03-01",
                "status": "suspended",
                "personnel_low": "1000",
                "personnel_high": "8000",
            },
        ]
    )
    targets = make_targets([{"figure": "security_personnel", "value": "20000"}])
    drawn = over_time(dataset_of(statements, targets), Selection())
    fig = announced_over_time_chart(drawn.announced, no_events, "t", drawn.figure_label)
    # Only the disclosed 1,000 to 8,000 is drawn: never a zero for what is unknown.
    assert band_values(fig) == {1000, 8000}
    assert list(day_markers(fig).y) == [None, 8000, None]
    assert list(day_markers(fig).text) == ["none disclosed", "1,000–8,000", "none disclosed"]
    [note] = [a.text for a in fig.layout.annotations if a.text.startswith("From ")]
    assert note.startswith("From 01 Mar 2026: no number disclosed")
    assert "1 contributor(s) without one" in note


# --- the new charts export as images (kaleido in the system Chromium) ------------------------


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:16]
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@pytest.fixture
def new_charts(matrix, events) -> dict[str, go.Figure]:
    return {
        "conditions": conditions_chart(matrix, "Stated conditions"),
        "status_over_time": status_over_time_chart(COUNTS, events, "The force over time"),
        "announced_over_time": announced_over_time_chart(ANNOUNCED, events, "Announced", LABEL),
    }


@pytest.mark.browser
@pytest.mark.parametrize("name", ["conditions", "status_over_time", "announced_over_time"])
def test_each_new_chart_exports_as_a_png(new_charts, name):
    fig = new_charts[name]
    png = figure_image(fig, "png", SYSTEM_CHROMIUM, width=700)
    assert _png_size(png) == (1400, 2 * int(fig.layout.height))
    assert len(png) > 5_000


def test_drawing_the_new_charts_leaves_their_frames_alone(matrix, events):
    # Drawing is reading: the matrix and the events are the same afterwards.
    before_matrix, before_events = matrix.copy(), events.copy()
    conditions_chart(matrix, "t")
    status_over_time_chart(COUNTS, events, "t")
    announced_over_time_chart(ANNOUNCED, events, "t", LABEL)
    pd.testing.assert_frame_equal(matrix, before_matrix)
    pd.testing.assert_frame_equal(events, before_events)


def test_status_lines_that_share_a_hue_are_dashed_apart(no_events):
    # Ink-darkened sky blue and yellow come close to blue and orange: the dash tells them apart.
    for near in (("offered", "committed"), ("interest", "conditional")):
        assert STATUS_DASH[near[0]] != STATUS_DASH[near[1]], near
    fig = status_over_time_chart(COUNTS, no_events, "t")
    lines = [t for t in fig.data if t.mode == "lines"]
    assert lines
    assert all(t.line.dash == STATUS_DASH[status_of(t)] for t in lines)
