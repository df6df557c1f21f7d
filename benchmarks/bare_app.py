"""The floor of the stack: the least a Streamlit page can do to show the same kind of view.

It reads the commitments CSV ($COMMITMENTS_CSV, else data/commitments.csv) with plain pandas
(no validation; cached with st.cache_resource keyed on path and modification time, shared by
every session and never copied, as the dashboard caches its frames), draws ONE plotly chart
(statements per role) and ONE pydeck map the plain pydeck way (a GeoJsonLayer of the offline
country outlines and a ScatterplotLayer of one point per country, over a basemap style that is
only the sea), and has one multiselect filter in the sidebar, label "Country", key "country",
so an interaction can be timed the same way as on the dashboard.

benchmarks/servers.py serves it from a temporary folder holding this file as app.py, a copy
of dashboard/static/ as static/ plus static/sea_style.json (SEA_STYLE in that module), and
a copy of .streamlit/config.toml (static serving on, the same theme and settings as the
dashboard). Run by hand:

    d=$(mktemp -d) && cp benchmarks/bare_app.py $d/app.py && cp -r dashboard/static $d/static \\
      && .venv/bin/python -c "from benchmarks.servers import SEA_STYLE; print(SEA_STYLE)" \\
      > $d/static/sea_style.json && cp -r .streamlit $d/ \\
      && (cd $d && /work/main/.venv/bin/python -m streamlit run app.py)
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

HERE = Path(__file__).resolve().parent
REPO = Path(os.environ.get("BENCH_REPO", HERE.parent))


def _static() -> Path:
    # Beside the app when served by the benchmark; the dashboard's when run from benchmarks/.
    beside = HERE / "static"
    return beside if beside.is_dir() else REPO / "dashboard" / "static"


def _csv() -> Path:
    override = os.environ.get("COMMITMENTS_CSV", "").strip()
    return Path(override) if override else REPO / "data" / "commitments.csv"


# `stamp` is unused in the body on purpose: it is part of the cache key, so an edited file is
# read again (a leading underscore would take it out of the key).
@st.cache_resource(show_spinner=False)
def _read(path: str, stamp: float) -> pd.DataFrame:  # noqa: ARG001
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@st.cache_resource(show_spinner=False)
def _points(path: str) -> pd.DataFrame:
    points = pd.read_csv(path, dtype={"iso3": str}, keep_default_na=False)
    return points[points["iso3"] != ""].drop_duplicates("iso3").set_index("iso3")


st.set_page_config(page_title="Bare page", layout="wide")
path = _csv()
frame = _read(str(path), path.stat().st_mtime)
points = _points(str(_static() / "country_points.csv"))
names = points["name"].to_dict()

codes = sorted(frame["country"].unique(), key=lambda c: names.get(c, c))
with st.sidebar:
    chosen = st.multiselect(
        "Country", codes, format_func=lambda c: names.get(c, c), key="country", placeholder="All"
    )
rows = frame[frame["country"].isin(chosen)] if chosen else frame

st.title("Bare page")
per_role = rows["role"].value_counts().sort_index()
fig = go.Figure(go.Bar(x=per_role.index.tolist(), y=per_role.tolist()))
fig.update_layout(title="Statements per role", height=420)
st.plotly_chart(fig, key="chart-roles")

markers = points.loc[points.index.intersection(rows["country"].unique()), ["lat", "lon"]]
markers = markers.reset_index().rename(columns={"index": "iso3"})
deck = pdk.Deck(
    layers=[
        pdk.Layer(
            "GeoJsonLayer",
            id="outlines",
            data="/app/static/countries.geojson",
            stroked=True,
            filled=True,
            get_fill_color=[246, 246, 242, 255],
            get_line_color=[160, 160, 160, 255],
            line_width_min_pixels=0.5,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="countries",
            data=markers,
            get_position=["lon", "lat"],
            get_fill_color=[11, 83, 148, 235],
            get_radius=6,
            radius_units="'pixels'",
            pickable=True,
        ),
    ],
    initial_view_state=pdk.ViewState(latitude=30, longitude=12, zoom=0.9),
    map_provider=None,
    map_style="/app/static/sea_style.json",
    tooltip={"text": "{iso3}"},
)
st.pydeck_chart(deck, height=480, key="map")
st.caption(f"{len(rows)} statements shown of {len(frame)}.")
