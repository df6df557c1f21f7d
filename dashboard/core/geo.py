"""The contributor map as a pydeck Deck: offline outlines, a marker per country, key places."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pydeck as pdk

from dashboard.core.charts import isolated
from dashboard.core.countries import country_name
from dashboard.core.language import _, is_right_to_left
from dashboard.core.palette import PLACE_COLOR, STATUS_COLORS, STATUS_INK, rgb
from dashboard.core.picture import strongest_status
from dashboard.core.text import number_text
from dashboard.core.vocabulary import ROLES, STATUSES, holds

# Served by Streamlit's static serving from dashboard/static/: fetched once, cached by the
# browser, never re-sent with a rerun, and never from another host. The style draws the sea
# and the country outlines (countries.geojson, which it names as its source) in the basemap,
# not as a deck.gl layer: the basemap is redrawn only when the view moves, while deck.gl
# redraws every layer whenever a marker changes, and the outlines were most of that frame.
OUTLINES_URL = "/app/static/countries.geojson"
MAP_STYLE_URL = "/app/static/map_style.json"

VIEW_STATES = {
    "world": pdk.ViewState(latitude=30, longitude=12, zoom=0.9, min_zoom=0.3),
    "gaza": pdk.ViewState(latitude=31.45, longitude=34.55, zoom=7.3, min_zoom=0.3),
}


def fitted_view(markers: pd.DataFrame) -> pdk.ViewState:
    """Frame a few markers closely; many markers, or none, get the world view."""
    if markers.empty or len(markers) > 6:
        return VIEW_STATES["world"]
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
    "whiteSpace": "pre-line",
    "border": "1px solid #999",
}


# The tooltip's markup lives in this fixed template; the fields it names hold plain text,
# which Streamlit's map component HTML-escapes as it fills them in.
TOOLTIP_HTML = "<b style='font-size:15px'>{title}</b> <i>{subtitle}</i><br/>{details}"


def tooltip_html() -> str:
    """The tooltip's template in the reader's direction: `TOOLTIP_HTML`, right to left in Arabic.

    The map itself cannot be mirrored; its tooltips can.
    """
    if is_right_to_left():
        return f"<div dir='rtl' style='text-align:right'>{TOOLTIP_HTML}</div>"
    return TOOLTIP_HTML


def _role_line(row: dict[Any, Any]) -> str:
    status = STATUSES[row["status"]].label
    when = row["date"].date().isoformat()
    # TRANSLATORS: a map tooltip's line under a country's role: the outlet that reported the
    # statement, and its date.
    source = _("source: {source}, {date}").format(source=isolated(row["source_outlet"]), date=when)
    return f"{ROLES[row['role']].label}: {status}, {number_text(row)}\n   {source}"


def country_markers(current: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """One row per country in `current`: position, strongest status, colour, size, tooltip.

    Args:
        current: the picture as of a date (one row per country and role), possibly filtered.
        points: marker positions indexed by ISO3 (see `read_country_points`).
    """
    positions: dict[Any, dict[Any, Any]] = points[["lat", "lon"]].to_dict("index")
    # One pass over the records, grouped in plain dicts: a pandas groupby per country cost
    # most of a rerun at 200 countries.
    by_country: dict[str, list[dict[Any, Any]]] = {}
    for record in current.sort_values("country", kind="stable").to_dict("records"):
        by_country.setdefault(str(record["country"]), []).append(record)
    rows = []
    for code, records in by_country.items():
        if code not in positions:
            continue
        strongest = strongest_status(r["status"] for r in records)
        active = sum(holds(r["status"]) for r in records)
        name = country_name(code)
        point = positions[code]
        rows.append(
            {
                "iso3": code,
                "name": name,
                "lat": float(point["lat"]),
                "lon": float(point["lon"]),
                "status": strongest,
                "color": rgb(STATUS_COLORS[strongest], 235),
                # Light fills (sky blue, orange, yellow) need a darker edge to stand out.
                "line_color": rgb(STATUS_INK[strongest]),
                "radius": 5 + 1.5 * active,
                "title": name,
                # TRANSLATORS: a map tooltip, after a country's name: the furthest any of
                # its roles has gone, "(strongest status: committed)".
                "subtitle": _("(strongest status: {status})").format(
                    status=STATUSES[strongest].in_sentence
                ),
                "details": "\n".join(_role_line(r) for r in records),
            }
        )
    columns = [
        "iso3",
        "name",
        "lat",
        "lon",
        "status",
        "color",
        "line_color",
        "radius",
        "title",
        "subtitle",
        "details",
    ]
    return pd.DataFrame.from_records(rows, columns=columns)


def place_markers(places: pd.DataFrame) -> pd.DataFrame:
    """The marked places (Gaza, Rafah, the CMCC, logistics and training sites) for tooltips."""
    out = places.copy()
    out["title"] = places["name"]
    # TRANSLATORS: a map tooltip, after the name of a marked place.
    inside, outside = _("Inside Gaza"), _("Outside Gaza")
    out["subtitle"] = places["in_gaza"].map({"yes": inside, "no": outside})
    # TRANSLATORS: a map tooltip: the source of what is said about a marked place.
    said = _("Source: {source}")
    source = places["source_outlet"].map(
        lambda outlet: " " + said.format(source=isolated(outlet)) if outlet else ""
    )
    out["details"] = (places["note"] + source).str.strip()
    return out


def contributor_map(
    current: pd.DataFrame, points: pd.DataFrame, places: pd.DataFrame, framing: str = "world"
) -> pdk.Deck:
    """Build the map: a marker per country coloured by its strongest status, over the outlines.

    `framing` is "world", "fit" (framed on the markers: a close-up for a few countries near
    each other, else the world) or "gaza" (a close-up of Gaza, Rafah and the CMCC at Kiryat
    Gat, with their names).

    A marker's size grows with the number of roles the country currently holds (suspended,
    withdrawn and declined roles aside). Tooltip texts are plain: the markup is only in
    `TOOLTIP_HTML`, and the map component escapes every field it fills in.
    """
    markers = country_markers(current, points)
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            id="contributors",
            data=markers,
            get_position=["lon", "lat"],
            get_fill_color="color",
            get_radius="radius",
            radius_units="'pixels'",
            stroked=True,
            get_line_color="line_color",
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
    ]
    if framing == "gaza":
        # Labels only in the close-up, where they are read: an invisible text layer still
        # costs time on every redraw.
        layers.append(
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
            )
        )
    return pdk.Deck(
        layers=layers,
        initial_view_state=fitted_view(markers) if framing == "fit" else VIEW_STATES[framing],
        map_provider=None,
        map_style=MAP_STYLE_URL,
        tooltip={"html": tooltip_html(), "style": TOOLTIP_STYLE},
    )
