"""The contributor map as a pydeck Deck: offline outlines, a marker per country, key places."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pydeck as pdk

from dashboard.core.countries import country_name
from dashboard.core.palette import PLACE_COLOR, STATUS_COLORS, rgb
from dashboard.core.picture import bucket_of, strongest_status
from dashboard.core.text import html_text, number_text
from dashboard.core.vocabulary import ROLES, STATUSES

# Served by Streamlit's static serving from dashboard/static/: fetched once, cached by the
# browser, never re-sent with a rerun, and never from another host.
OUTLINES_URL = "/app/static/countries.geojson"
MAP_STYLE_URL = "/app/static/map_style.json"

VIEWS = {
    "world": pdk.ViewState(latitude=30, longitude=12, zoom=0.9, min_zoom=0.3),
    "gaza": pdk.ViewState(latitude=31.45, longitude=34.55, zoom=7.3, min_zoom=0.3),
}


def fitted_view(markers: pd.DataFrame) -> pdk.ViewState:
    """Frame a few markers closely; many markers, or none, get the world view."""
    if markers.empty or len(markers) > 6:
        return VIEWS["world"]
    span = max(
        float(markers["lat"].max() - markers["lat"].min()),
        float(markers["lon"].max() - markers["lon"].min()) / 2,
        20.0,
    )
    # Each zoom step halves the degrees shown; about 180 degrees fit at zoom 0.9.
    zoom = max(0.9, min(3.0, 0.9 + math.log2(120 / span)))
    return pdk.ViewState(
        latitude=float(markers["lat"].mean()),
        longitude=float(markers["lon"].mean()),
        zoom=round(zoom, 2),
        min_zoom=0.3,
    )


TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#1a1a1a",
    "fontSize": "13px",
    "maxWidth": "420px",
    "whiteSpace": "normal",
    "border": "1px solid #999",
}


def _role_line(row: dict[Any, Any]) -> str:
    status = STATUSES[row["status"]].label
    source = row["source_outlet"]
    when = row["date"].date().isoformat()
    return (
        f"<b>{html_text(ROLES[row['role']].label)}</b>: {html_text(status)}, "
        f"{html_text(number_text(row))}<br/>"
        f"<span style='color:#555'>{html_text(source)}, {html_text(when)}</span>"
    )


def country_markers(current: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """One row per country in `current`: position, strongest status, colour, size, tooltip.

    Args:
        current: the picture as of a date (one row per country and role), possibly filtered.
        points: marker positions indexed by ISO3 (see `read_country_points`).
    """
    rows = []
    positions: dict[Any, dict[Any, Any]] = points[["lat", "lon"]].to_dict("index")
    for iso3, statements in current.groupby("country", sort=True):
        code = str(iso3)
        if code not in positions:
            continue
        records = statements.to_dict("records")
        strongest = strongest_status(r["status"] for r in records)
        active = int((~bucket_of(statements).isin(["stopped", "declined"])).sum())
        name = country_name(code)
        tooltip = (
            f"<b style='font-size:15px'>{html_text(name)}</b> "
            f"<span>({html_text(STATUSES[strongest].label)} at most)</span><br/>"
            + "<br/>".join(_role_line(r) for r in records)
        )
        point = positions[code]
        rows.append(
            {
                "iso3": code,
                "name": name,
                "lat": float(point["lat"]),
                "lon": float(point["lon"]),
                "status": strongest,
                "color": rgb(STATUS_COLORS[strongest], 235),
                "radius": 5 + 1.5 * active,
                "tooltip": tooltip,
            }
        )
    return pd.DataFrame.from_records(
        rows, columns=["iso3", "name", "lat", "lon", "status", "color", "radius", "tooltip"]
    )


def place_markers(places: pd.DataFrame) -> pd.DataFrame:
    """The marked places (Gaza, Rafah, the CMCC) with their tooltip."""
    out = places.copy()
    out["tooltip"] = [
        f"<b>{html_text(p['name'])}</b><br/>{html_text(p['note'])}"
        for p in places.to_dict("records")
    ]
    return out


def contributor_map(
    current: pd.DataFrame, points: pd.DataFrame, places: pd.DataFrame, view: str = "world"
) -> pdk.Deck:
    """Build the map: grey outlines, a marker per country coloured by its strongest status.

    `view` is "world" or "gaza" (a close-up of Gaza, Rafah and the CMCC at Kiryat Gat).

    A marker's size grows with the number of roles the country currently holds (suspended,
    withdrawn and declined roles aside). Every tooltip text is HTML-escaped here, since deck.gl
    puts the tooltip into the page as HTML.
    """
    markers = country_markers(current, points)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id="outlines",
            data=OUTLINES_URL,
            stroked=True,
            filled=True,
            get_fill_color=[246, 246, 242, 255],
            get_line_color=[160, 160, 160, 255],
            line_width_min_pixels=0.5,
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="contributors",
            data=markers,
            get_position=["lon", "lat"],
            get_fill_color="color",
            get_radius="radius",
            radius_units="'pixels'",
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="places",
            data=place_markers(places),
            get_position=["lon", "lat"],
            get_fill_color=[255, 255, 255, 255],
            get_line_color=rgb(PLACE_COLOR),
            get_radius=4,
            radius_units="'pixels'",
            stroked=True,
            line_width_min_pixels=2,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="place-labels",
            data=place_markers(places)[["name", "lat", "lon"]],
            get_position=["lon", "lat"],
            get_text="name",
            get_size=13,
            get_color=[20, 20, 20, 255],
            get_text_anchor="'start'",
            get_pixel_offset=[9, 0],
            font_family="sans-serif",
            visible=view == "gaza",
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=fitted_view(markers) if view == "world" else VIEWS[view],
        map_provider=None,
        map_style=MAP_STYLE_URL,
        tooltip={"html": "{tooltip}", "style": TOOLTIP_STYLE},
    )
