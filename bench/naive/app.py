"""Naive baseline for bench/scrub.py: st_folium rebuilding the whole map on every slider change.

Same data and colours as the app; Leaflet is served from this folder (static
serving) so the baseline also runs with no network.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import folium
import streamlit as st
from shapely.geometry import Point
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from geo.model import Model
from layers.palette import CONTROLLER_COLOURS


class LocalMap(folium.Map):
    default_js = [("leaflet", "/app/static/leaflet.js")]  # noqa: RUF012
    default_css = [("leaflet_css", "/app/static/leaflet.css")]  # noqa: RUF012


@st.cache_resource
def model() -> Model:
    return Model.load()


def colour(controller: object) -> str:
    """Same colours as the app; a split district is drawn mid-grey (no stripes in the baseline)."""
    return CONTROLLER_COLOURS.get(controller, "#8C8C8C") if isinstance(controller, str) else "#BDBDBD"


m = model()
day = st.slider("Date", min_value=dt.date(2020, 9, 1), max_value=dt.date(2020, 12, 31), value=dt.date(2020, 10, 1))
status = m.timeline.status_on(day)
fmap = LocalMap(location=[39.8, 46.8], zoom_start=8, tiles=None)
districts = m.dataset.area_districts
for district_id, row in districts.iterrows():
    fill = colour(status.loc[district_id, "controller"])
    folium.GeoJson(
        row.geometry.__geo_interface__,
        style_function=lambda _f, fill=fill, cls=district_id: {
            "fillColor": fill,
            "color": "#ffffff",
            "weight": 1,
            "fillOpacity": 0.78,
            "className": f"d-{cls}",
        },
        tooltip=row["name_en"],
    ).add_to(fmap)
for settlement_id, row in m.dataset.settlements.iterrows():
    if not isinstance(row.geometry, Point) or settlement_id not in status.index:
        continue
    folium.CircleMarker(
        [row.geometry.y, row.geometry.x],
        radius=4,
        fill=True,
        fill_opacity=1,
        color=colour(status.loc[settlement_id, "controller"]),
    ).add_to(fmap)
# a marker whose class carries the date, so the benchmark can see which map is on screen
folium.CircleMarker([39.0, 46.0], radius=1, opacity=0, fill_opacity=0, class_name=f"day-{day.isoformat()}").add_to(fmap)
st_folium(fmap, height=640, use_container_width=True, returned_objects=[], key="naive")
