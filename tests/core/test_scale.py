"""The ISF beside comparable missions: figures from the files, and bars that say what they show."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.dataset import Dataset
from dashboard.core.loading import read_missions
from dashboard.core.picture import Totals
from dashboard.core.scale import comparisons, on_the_ground, scale_chart
from dashboard.core.schema import mission_columns
from dashboard.core.selection import Selection, picture_of
from dashboard.core.text import number_or_none
from tests.factories import dataset_of

TODAY = date(2026, 11, 28)
HOSTILE = "<b>Bold</b><script>alert(1)</script>"


def _mission_defaults(i: int) -> dict[str, str]:
    return {
        "id": f"mission-{i}",
        "mission": "UNIFIL",
        "name": "United Nations Interim Force in Lebanon",
        "location": "Southern Lebanon",
        "figure": "deployed",
        "value": "7500",
        "unit": "troops",
        "date": "2026-02-10",
        "date_precision": "day",
        "source_outlet": "Test outlet",
        "source_url": f"https://example.org/mission/{i}",
        "source_kind": "media",
    }


def write_missions(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a missions file with every column; each row gives only its interesting cells."""
    columns = [c.name for c in mission_columns(TODAY)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for i, row in enumerate(rows):
            cells = {**_mission_defaults(i), **row}
            if cells.get("quote") and not cells.get("quote_language"):
                cells["quote_language"] = "en"
            writer.writerow(cells)
    return path


MISSIONS = [
    {
        "id": "unifil-authorised",
        "figure": "authorised",
        "value": "15000",
        "date": "2006-11-01",
        "date_precision": "month",
        "source_outlet": "UN News",
        "source_url": "https://news.un.org/en/story/2006/11/201252",
        "source_kind": "official",
        "quote": "a maximum of 15,000 troops",
    },
    {
        "id": "unifil-deployed",
        "source_outlet": "AFP via LBC",
        "source_url": "https://www.lbcgroup.tv/news/904737",
        "source_kind": "wire",
    },
    # KFOR has no authorised figure: no source gives one.
    {
        "id": "kfor-deployed",
        "mission": "KFOR",
        "name": "NATO Kosovo Force",
        "location": "Kosovo",
        "value": "4500",
        "date": "2025-04-01",
        "date_precision": "approximate",
    },
    {
        "id": "hostile-authorised",
        "mission": HOSTILE,
        "name": "<i>Hostile</i> name",
        "location": "<img src=x onerror=alert(1)>",
        "figure": "authorised",
        "value": "30000",
        "unit": "<u>troops</u>",
        "date": "2025-11-13",
    },
]

# IDN pledges up to 8,000 troops; AZE's troops are deployed with no number; MAR's police and
# the USA's observers are deployed; the USA's money is paid in (deployed, but not people); KAZ
# deployed 50 troops and withdrew them.
ROWS = [
    {
        "id": "idn-1",
        "country": "IDN",
        "personnel_high": "8000",
        "number_wording": "up to 8,000",
    },
    {"id": "aze-1", "country": "AZE", "status": "deployed"},
    {
        "id": "mar-1",
        "country": "MAR",
        "role": "police_deployed",
        "status": "deployed",
        "personnel_low": "100",
        "personnel_high": "100",
    },
    {
        "id": "usa-1",
        "country": "USA",
        "role": "observers",
        "status": "deployed",
        "personnel_low": "200",
        "personnel_high": "200",
    },
    {
        "id": "usa-2",
        "country": "USA",
        "role": "funding_paid",
        "status": "deployed",
        "amount": "1000000",
        "currency": "USD",
    },
    {
        "id": "kaz-1",
        "country": "KAZ",
        "date": "2026-02-01",
        "status": "deployed",
        "personnel_low": "50",
        "personnel_high": "50",
    },
    {"id": "kaz-2", "country": "KAZ", "date": "2026-02-15", "status": "withdrawn"},
]


@pytest.fixture
def missions(tmp_path) -> pd.DataFrame:
    return read_missions(write_missions(tmp_path / "missions.csv", MISSIONS), today=TODAY)


@pytest.fixture
def dataset(make_commitments, make_targets, missions) -> Dataset:
    targets = make_targets(
        [
            {"figure": "security_personnel", "value": "20000", "counts_roles": "troops"},
            {"figure": "police_to_train", "value": "12000", "counts_roles": "police_training"},
        ]
    )
    return replace(dataset_of(make_commitments(ROWS), targets), missions=missions)


@pytest.fixture
def data(dataset) -> dict[str, Any]:
    return comparisons(picture_of(dataset, Selection()))


def mission(data: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [m for m in data["missions"] if m["mission"] == name]
    return found


# --- comparisons ---------------------------------------------------------------------------------


def test_the_missions_are_listed_once_each_in_file_order(data):
    assert [m["mission"] for m in data["missions"]] == ["UNIFIL", "KFOR", HOSTILE]


def test_a_mission_with_only_a_deployed_row_has_no_authorised_figure(data):
    kfor = mission(data, "KFOR")
    assert kfor["authorised"] is None
    assert kfor["deployed"] is not None
    assert kfor["deployed"]["value"] == 4500
    assert mission(data, HOSTILE)["deployed"] is None


def test_values_units_dates_and_sources_come_from_the_file(data):
    unifil = mission(data, "UNIFIL")
    assert unifil["name"] == "United Nations Interim Force in Lebanon"
    assert unifil["location"] == "Southern Lebanon"
    assert unifil["authorised"] == {
        "value": 15000,
        "unit": "troops",
        "date": "2006-11-01",
        "date_precision": "month",
        "source": {"outlet": "UN News", "url": "https://news.un.org/en/story/2006/11/201252"},
    }
    assert unifil["deployed"] == {
        "value": 7500,
        "unit": "troops",
        "date": "2026-02-10",
        "date_precision": "day",
        "source": {"outlet": "AFP via LBC", "url": "https://www.lbcgroup.tv/news/904737"},
    }
    hostile = mission(data, HOSTILE)
    # The data keeps its words; escaping is the renderer's job.
    assert hostile["name"] == "<i>Hostile</i> name"
    assert hostile["authorised"]["unit"] == "<u>troops</u>"


def test_the_isf_plan_and_announced_are_the_security_personnel_figure(dataset, data):
    figures = picture_of(dataset, Selection()).figures
    [figure] = figures[figures["figure"] == "security_personnel"].to_dict("records")
    assert data["isf"]["planned"] == figure["planned"] == 20000
    fields = Totals.__annotations__
    assert data["isf"]["announced"] == {k: number_or_none(figure[k]) for k in fields}
    # IDN's "up to 8,000" and AZE's troops with no number.
    assert data["isf"]["announced"] == {
        "low": None,
        "high": 8000,
        "contributors": 2,
        "with_number": 1,
        "undisclosed": 1,
        "open_ended": 0,
    }


def test_on_the_ground_counts_deployed_people_in_every_role_but_money(data):
    # AZE (no number), MAR's police and the USA's observers; not the USA's money, not IDN's
    # pledge, not KAZ's troops, which were withdrawn.
    assert data["isf"]["on_the_ground"] == {
        "low": 300,
        "high": 300,
        "contributors": 3,
        "with_number": 2,
        "undisclosed": 1,
        "open_ended": 0,
        "roles": ["observers", "police_deployed", "troops"],
    }


def test_on_the_ground_of_a_picture_before_the_withdrawal(dataset):
    current = picture_of(dataset, Selection(as_of=date(2026, 2, 1))).current
    assert asdict(on_the_ground(current)) == {
        "low": 50,
        "high": 50,
        "contributors": 1,
        "with_number": 1,
        "undisclosed": 0,
        "open_ended": 0,
    }


def test_on_the_ground_follows_the_filters(dataset):
    data = comparisons(picture_of(dataset, Selection(countries=("IDN",))))
    assert data["isf"]["on_the_ground"]["contributors"] == 0
    assert data["isf"]["on_the_ground"]["high"] is None
    assert data["isf"]["on_the_ground"]["roles"] == []
    # The missions do not follow the filters: they are not the ISF.
    assert len(data["missions"]) == 3


def test_comparisons_are_json_ready(data):
    # A round trip through JSON changes nothing: no timestamps, numpy numbers or tuples.
    assert json.loads(json.dumps(data)) == data


# --- scale_chart ---------------------------------------------------------------------------------


def bar(fig: go.Figure, name: str) -> Any:
    [found] = [t for t in fig.data if t.name == name]
    return found


AUTHORISED = "Authorised (ISF: planned)"
ANNOUNCED = "Announced (ISF only)"
DEPLOYED = "Deployed"
ESCAPED = "&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def chart(data) -> go.Figure:
    return scale_chart(data, "Is 20,000 a lot? <i>Scale</i>")


def test_three_bars_per_operation_largest_at_the_top(chart):
    assert sorted(t.name for t in chart.data) == sorted([AUTHORISED, ANNOUNCED, DEPLOYED])
    # Plotly draws the first category at the bottom: the largest comes last. The ISF's row is
    # the one that is not a mission's.
    labels = list(chart.data[0].y)
    assert labels[0:2] == ["KFOR", "UNIFIL"]
    assert labels[3] == ESCAPED
    assert labels[2].startswith("ISF")
    for trace in chart.data:
        assert list(trace.y) == labels
        assert trace.orientation == "h"


def test_each_bar_is_as_long_as_its_figure(chart):
    # KFOR has no authorised figure: its bar is empty and its words say why.
    assert list(bar(chart, AUTHORISED).x) == [0, 15000, 20000, 30000]
    assert list(bar(chart, ANNOUNCED).x) == [0, 0, 8000, 0]
    assert list(bar(chart, DEPLOYED).x) == [4500, 7500, 300, 0]


def test_each_bar_says_its_number_unit_and_date(chart):
    assert list(bar(chart, AUTHORISED).text) == [
        "authorised: no sourced figure",
        "authorised: 15,000<br>troops (Nov 2006)",
        "plan 20,000",
        "authorised: 30,000<br>&lt;u&gt;troops&lt;/u&gt; (Nov 2025)",
    ]
    assert list(bar(chart, ANNOUNCED).text) == ["", "", "announced: up to 8,000", ""]
    assert list(bar(chart, DEPLOYED).text) == [
        "deployed: 4,500<br>troops (2025)",  # an approximate date says only the year
        "deployed: 7,500<br>troops (Feb 2026)",
        "deployed: 300<br>(3 countries; Observers / CMCC liaison, Police deployed, Troops)",
        "deployed: no sourced figure",
    ]


def test_hostile_text_from_the_data_is_escaped_in_labels_and_hovers(chart):
    for trace in chart.data:
        for text in [*trace.y, *trace.text, *trace.hovertext]:
            # The only markup is the line break the chart puts in its own words.
            assert "<" not in text.replace("<br>", " "), text
    assert bar(chart, AUTHORISED).hovertext[-1] == (
        f"{ESCAPED}: authorised: 30,000 &lt;u&gt;troops&lt;/u&gt; (Nov 2025)"
    )
    assert bar(chart, DEPLOYED).hovertext[-1] == f"{ESCAPED}: deployed: no sourced figure"
    assert chart.layout.title.text == "Is 20,000 a lot? &lt;i&gt;Scale&lt;/i&gt;"


def test_the_axis_fits_every_bar_and_its_words(chart):
    reach = max(x for trace in chart.data for x in trace.x)
    assert chart.layout.xaxis.range[0] == 0
    assert chart.layout.xaxis.range[1] >= reach * 1.5


def test_the_chart_grows_with_the_number_of_operations(data):
    fewer = {**data, "missions": data["missions"][:1]}
    assert scale_chart(fewer, "t").layout.height < scale_chart(data, "t").layout.height


def test_no_planned_figure_and_no_missions_give_nulls_not_errors(make_commitments, make_targets):
    targets = make_targets([{"figure": "police_to_train", "counts_roles": "police_training"}])
    dataset = dataset_of(make_commitments(ROWS), targets)
    data = comparisons(picture_of(dataset, Selection()))
    assert data["isf"]["planned"] is None
    assert data["isf"]["announced"] is None
    assert data["missions"] == []
    fig = scale_chart(data, "Scale")
    assert list(bar(fig, AUTHORISED).text) == ["no plan figure"]
    assert list(bar(fig, ANNOUNCED).text) == [""]
