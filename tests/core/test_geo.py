"""The map: the offline basemap style and how the deck frames the countries shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.core.geo import MAP_STYLE_URL, OUTLINES_URL, VIEW_STATES, contributor_map
from dashboard.core.loading import read_commitments, read_country_points, read_places
from dashboard.core.palette import STATUS_INK, rgb
from dashboard.core.picture import as_of, filter_statements

STATIC = Path(__file__).resolve().parents[2] / "dashboard" / "static"


def served(url: str) -> Path:
    """The file behind an /app/static/ URL (Streamlit serves dashboard/static/ there)."""
    assert url.startswith("/app/static/"), url
    return STATIC / url.removeprefix("/app/static/")


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def test_the_basemap_style_draws_the_outlines_from_the_app_itself():
    style = json.loads(served(MAP_STYLE_URL).read_text(encoding="utf-8"))
    sources = style["sources"]
    assert [s["data"] for s in sources.values()] == [OUTLINES_URL]
    assert served(OUTLINES_URL).is_file()
    kinds = {layer["id"]: layer["type"] for layer in style["layers"]}
    assert kinds == {"sea": "background", "land": "fill", "borders": "line"}
    # Nothing that would be fetched from elsewhere: no fonts, no sprites, no remote sources.
    assert "glyphs" not in style
    assert "sprite" not in style
    assert not [s for s in strings(style) if "://" in s]


@pytest.fixture(scope="module")
def latest():
    commitments = read_commitments()
    return as_of(commitments, commitments["date"].max().date())


def deck_of(current, framing: str) -> dict:
    return json.loads(
        contributor_map(current, read_country_points(), read_places(), framing).to_json()
    )


def layer_ids(deck: dict) -> list[str]:
    return [layer["id"] for layer in deck["layers"]]


def test_the_world_view_stays_put_whatever_the_filter(latest):
    one = filter_statements(latest, ("KAZ",), (), ())
    for current in (latest, one):
        view = deck_of(current, "world")["initialViewState"]
        assert view["latitude"] == VIEW_STATES["world"].latitude
        assert view["zoom"] == VIEW_STATES["world"].zoom
    # Outlines are the basemap's; the deck holds only what changes with the filters.
    assert layer_ids(deck_of(one, "world")) == ["contributors", "places"]


def test_fit_frames_a_few_countries_and_keeps_the_world_for_many(latest):
    kazakhstan = deck_of(filter_statements(latest, ("KAZ",), (), ()), "fit")["initialViewState"]
    assert kazakhstan["zoom"] > VIEW_STATES["world"].zoom
    points = read_country_points()
    assert kazakhstan["latitude"] == pytest.approx(float(points.at["KAZ", "lat"]))
    assert kazakhstan["longitude"] == pytest.approx(float(points.at["KAZ", "lon"]))
    everyone = deck_of(latest, "fit")["initialViewState"]
    assert everyone["zoom"] == VIEW_STATES["world"].zoom


def test_the_gaza_close_up_adds_the_place_names(latest):
    deck = deck_of(latest, "gaza")
    assert deck["initialViewState"]["latitude"] == VIEW_STATES["gaza"].latitude
    assert layer_ids(deck) == ["contributors", "places", "place-labels"]
    [labels] = [layer for layer in deck["layers"] if layer["id"] == "place-labels"]
    assert {row["name"] for row in labels["data"]} == set(read_places()["name"])


def test_every_marker_is_edged_in_its_status_ink(latest):
    # A yellow or sky-blue marker alone is under 3:1 on the map's light land; its edge is not.
    deck = deck_of(latest, "world")
    [markers] = [layer for layer in deck["layers"] if layer["id"] == "contributors"]
    assert markers["getLineColor"] == "@@=line_color"
    assert markers["data"]
    for row in markers["data"]:
        assert row["line_color"] == rgb(STATUS_INK[row["status"]])
