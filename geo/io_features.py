"""Polygons from GeoJSON (districts, the countries around, a scenario's boundaries), every feature checked.

Each feature needs its text properties and a valid polygon in longitude,
latitude order; a bad feature is reported by its id (or its number) and, where the caller
wants to go on checking, left out rather than stopping the read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.errors import DataError, Problem
from geo.io_files import read_text


def read_features(path: Path, label: str, required: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Read a GeoJSON FeatureCollection of polygons, checking every feature."""
    frame, problems = read_features_collecting(path, label, required)
    if problems:
        raise DataError(problems)
    return frame


def read_features_collecting(
    path: Path, label: str, required: tuple[str, ...]
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The usable features and the problems of the others, so checks can go on after a bad feature."""
    try:
        raw = json.loads(read_text(path, label))
    except json.JSONDecodeError as exc:
        raise DataError.single(label, f"line {exc.lineno}", f"broken JSON: {exc.msg}") from None
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        raise DataError.single(label, "", "not a GeoJSON FeatureCollection")
    features = raw.get("features")
    if not isinstance(features, list) or not features:
        raise DataError.single(label, "", "no features")
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    geoms = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        fid = props.get("id") if isinstance(props, dict) else None
        where = f"feature {fid}" if isinstance(fid, str) and fid else f"feature #{number}"
        if not isinstance(props, dict):
            problems.append(Problem(label, where, "no properties"))
            continue
        missing = [key for key in required if not isinstance(props.get(key), str) or not props[key]]
        if missing:
            problems.append(Problem(label, where, f"missing text properties: {', '.join(missing)}"))
        geom, geom_problem = parse_polygon(feature.get("geometry"))
        if geom_problem:
            problems.append(Problem(label, where, geom_problem))
            continue
        if missing:
            continue
        rows.append(props)
        geoms.append(geom)
    ids = [r.get("id") for r in rows]
    problems += [Problem(label, f"feature {i}", "duplicate id") for i in sorted({i for i in ids if ids.count(i) > 1})]
    seen: set[object] = set()
    keep = []
    for row, geom in zip(rows, geoms, strict=True):
        if row.get("id") in seen:
            continue
        seen.add(row.get("id"))
        keep.append((row, geom))
    frame = gpd.GeoDataFrame([r for r, _ in keep], geometry=[g for _, g in keep], crs="EPSG:4326")
    if "id" not in frame:
        frame["id"] = pd.Series(dtype=object)
    return frame.set_index("id", drop=False), problems


def parse_polygon(geometry: Any) -> tuple[shapely.Geometry | None, str]:
    """A GeoJSON geometry as a valid polygon, or None and why not."""
    if not isinstance(geometry, dict):
        return None, "no geometry"
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None, f"geometry type {geometry.get('type')!r} is not a polygon"
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        return None, f"unreadable geometry ({exc})"
    if geom.is_empty:
        return None, "empty geometry"
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return None, "coordinates outside WGS84 ranges (longitude, latitude order expected)"
    if not geom.is_valid:
        return None, f"invalid geometry: {shapely.is_valid_reason(geom)}"
    return geom, ""
