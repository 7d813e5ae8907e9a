"""The optional context drawn under the control colours: rivers and lakes, country and region names.

Not part of what the timeline follows, and a scenario may leave them out:
``geo.io`` reads them only where the files are there. Each feature still
names its source.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point, shape

from geo import schema
from geo.errors import DataError, Problem
from geo.io_files import read_table, read_text

WATER_KINDS = {"river": ("LineString", "MultiLineString"), "lake": ("Polygon", "MultiPolygon")}
LABEL_KINDS = ("country", "region")


def read_water(path: Path, label: str) -> gpd.GeoDataFrame:
    """Rivers and lakes (``data/context/water.geojson``): each with a kind, its names and its source."""
    try:
        raw = json.loads(read_text(path, label))
    except json.JSONDecodeError as exc:
        raise DataError.single(label, f"line {exc.lineno}", f"broken JSON: {exc.msg}") from None
    features = raw.get("features") if isinstance(raw, dict) else None
    window = raw.get("bbox") if isinstance(raw, dict) else None
    if not isinstance(features, list) or not features:
        raise DataError.single(label, "", "not a GeoJSON FeatureCollection with features")
    if not (isinstance(window, list) and len(window) == 4 and all(isinstance(v, int | float) for v in window)):
        raise DataError.single(label, "bbox", "the map window [west, south, east, north] is required")
    problems: list[Problem] = []
    rows, geoms = [], []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or not isinstance(geometry, dict):
            problems.append(Problem(label, f"feature #{number}", "no properties or no geometry"))
            continue
        where = f"feature {props.get('id') or '#' + str(number)}"
        allowed = WATER_KINDS.get(props.get("kind"))
        if allowed is None:
            problems.append(Problem(label, where, f"kind {props.get('kind')!r} is not river or lake"))
        elif geometry.get("type") not in allowed:
            problems.append(Problem(label, where, f"a {props['kind']} cannot be a {geometry.get('type')}"))
        elif not props.get("source"):
            problems.append(Problem(label, where, "no source"))
        else:
            rows.append({key: value if isinstance(value, str) else "" for key, value in props.items()})
            geoms.append(shape(geometry))
    if problems:
        raise DataError(problems)
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326").set_index("id", drop=False)
    frame.attrs["bbox"] = tuple(float(v) for v in window)
    return frame


def read_place_labels(path: Path, label: str) -> gpd.GeoDataFrame:
    """Country and region names and where they go on the map (``data/context/labels.csv``)."""
    table = read_table(path, label)
    problems = schema.missing_columns(table, ("id", "kind", "name_en", "lat", "lon", "source"), label)
    if not problems:
        for index, row in table.iterrows():
            where = schema.row_label(int(index))
            if row["kind"] not in LABEL_KINDS:
                problems.append(Problem(label, where, f"kind {row['kind']!r} is not country or region"))
            if not row["name_en"] or not row["source"]:
                problems.append(Problem(label, where, "a name and a source are required"))
            if not row["lat"] or not row["lon"]:
                problems.append(Problem(label, where, "a label needs lat and lon"))
            problems += schema.check_point(row["lat"], row["lon"], row["source"], label, where)
    if problems:
        raise DataError(problems)
    points = [Point(float(row.lon), float(row.lat)) for row in table.itertuples()]
    return gpd.GeoDataFrame(table, geometry=points, crs="EPSG:4326").set_index("id", drop=False)
