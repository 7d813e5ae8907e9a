"""The only module that reads files.

Each reader turns a file into a validated table and raises one
:class:`~geo.errors.DataError` naming the file, the row and the problem for
everything wrong in it; nothing downstream re-reads or re-checks files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import yaml
from shapely.geometry import Point, shape

from geo import schema
from geo.errors import DataError, Problem
from geo.limits import MAX_FILE_BYTES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Meta:
    """What scenario.yaml declares: title, date range, controllers."""

    title: str
    start: dt.date
    end: dt.date
    default_date: dt.date
    controllers: dict[str, dict[str, str]]  # id -> label, description, colour; in declared order
    conventions: dict[str, str]

    @property
    def sides(self) -> tuple[str, ...]:
        """Controller ids in declared order; the first is the reference for ``share_az``."""
        return tuple(self.controllers)


@dataclass(frozen=True)
class Dataset:
    """Everything the app and the command line need, validated once."""

    root: Path
    meta: Meta
    districts: gpd.GeoDataFrame
    context: gpd.GeoDataFrame
    settlements: gpd.GeoDataFrame
    events: pd.DataFrame
    statement: pd.DataFrame
    handovers: pd.DataFrame
    facts: pd.DataFrame
    zones: pd.DataFrame
    routes: pd.DataFrame
    story: pd.DataFrame
    targets: dict[str, str] = field(default_factory=dict)  # id -> level
    # Context drawn under the control colours, where the built-in layout has it (a scenario may not).
    water: gpd.GeoDataFrame | None = None  # rivers and lakes: kind, names, source; attrs["bbox"] the window
    place_labels: gpd.GeoDataFrame | None = None  # country and region names: kind, name_en, point

    @cached_property
    def area_districts(self) -> gpd.GeoDataFrame:
        """The districts of Azerbaijan that the timeline follows."""
        return self.districts[self.districts["in_area"].astype(bool)]


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_text(path: Path, label: str) -> str:
    if not path.is_file():
        raise DataError.single(label, "", "file not found")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError.single(label, "", f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError.single(label, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_table(path: Path, label: str) -> pd.DataFrame:
    """Read a CSV as strings: no type guessing, empty cells stay empty strings.

    Parsed with the csv module rather than pandas so that a row with more
    cells than the header is reported by its row number instead of silently
    turning the first columns into an index.
    """
    text = read_text(path, label).removeprefix("\ufeff")
    try:
        records = [record for record in csv.reader(io.StringIO(text)) if record]
    except csv.Error as exc:
        raise DataError.single(label, "", f"unreadable CSV: {exc}") from None
    if not records:
        raise DataError.single(label, "", "unreadable CSV: no header row")
    header = [cell.strip() for cell in records[0]]
    problems = [Problem(label, "row 1", f"column {n} has no name") for n, name in enumerate(header, 1) if not name]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    problems += [Problem(label, "row 1", f"column {name!r} appears more than once") for name in repeated]
    rows = []
    for index, record in enumerate(records[1:]):
        if len(record) > len(header):
            problems.append(
                Problem(label, schema.row_label(index), f"{len(record)} cells, but the header names {len(header)}")
            )
            continue
        rows.append([cell.strip() for cell in record] + [""] * (len(header) - len(record)))
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=header, dtype=object)


def read_meta(path: Path, label: str) -> Meta:
    try:
        raw = yaml.safe_load(read_text(path, label))
    except yaml.YAMLError as exc:
        raise DataError.single(label, "", f"unreadable YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise DataError.single(label, "", "expected a mapping at the top level")
    problems: list[Problem] = []
    dates: dict[str, dt.date] = {}
    span = raw.get("date_range")
    if not isinstance(span, dict):
        problems.append(Problem(label, "date_range", "expected start and end dates under date_range"))
        span = {}
    for key, value in (
        ("start", span.get("start")),
        ("end", span.get("end")),
        ("default_date", raw.get("default_date")),
    ):
        if isinstance(value, dt.datetime):
            problems.append(Problem(label, key, f"{value} has a time; write a date, YYYY-MM-DD"))
        elif isinstance(value, dt.date):
            dates[key] = value
        elif value is None and key == "default_date":
            continue
        else:
            try:
                dates[key] = schema.parse_date(str(value))
            except ValueError as exc:
                problems.append(Problem(label, key, str(exc)))
    if "default_date" not in dates and "start" in dates:
        dates["default_date"] = dates["start"]
    if not problems and not dates["start"] <= dates["end"]:
        problems.append(Problem(label, "date_range", "the end is before the start"))
    elif not problems and not dates["start"] <= dates["default_date"] <= dates["end"]:
        problems.append(Problem(label, "default_date", "outside date_range"))
    conventions = raw.get("conventions") or {}
    if not isinstance(conventions, dict):
        problems.append(Problem(label, "conventions", "expected a mapping of name: description"))
        conventions = {}
    controllers, controller_problems = schema.check_controllers(raw.get("controllers"), label)
    problems += controller_problems
    title = raw.get("title", "")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(label, "title", "a title is required"))
    if problems:
        raise DataError(problems)
    return Meta(
        title=str(title).strip(),
        start=dates["start"],
        end=dates["end"],
        default_date=dates["default_date"],
        controllers=controllers,
        conventions={str(k): str(v) for k, v in conventions.items()},
    )


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


def read_settlements(path: Path, label: str, districts: set[str]) -> gpd.GeoDataFrame:
    table = read_table(path, label)
    problems = schema.check_settlements(table, label, districts)
    if problems:
        raise DataError(problems)
    points = [Point(float(row.lon), float(row.lat)) if row.lat and row.lon else None for row in table.itertuples()]
    return gpd.GeoDataFrame(table, geometry=points, crs="EPSG:4326").set_index("id", drop=False)


def followed_settlements(settlements: pd.DataFrame, districts: pd.DataFrame) -> list[str]:
    """The places the timeline follows: those of the followed districts, and those of other districts
    of the same country (the Gazakh villages on Armenia's border). Places of a neighbouring country,
    drawn for orientation only, are not followed."""
    area = districts.index[districts["in_area"].astype(bool)]
    countries = set(districts.loc[area, "country"]) - {""} if "country" in districts else set()
    country = settlements["district"].map(districts["country"]) if "country" in districts else None
    followed = settlements["district"].isin(set(area))
    if country is not None and countries:
        followed |= country.isin(countries)
    return list(settlements.index[followed])


def read_events(
    folder: Path, root: Path, targets: dict[str, str], span: tuple[dt.date, dt.date], sides: tuple[str, ...]
) -> pd.DataFrame:
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise DataError.single(relative(folder, root), "", "no events files (*.csv)")
    problems: list[Problem] = []
    tables = []
    for path in files:
        label = relative(path, root)
        table = read_table(path, label)
        problems += schema.check_events(table, label, targets, span, sides)
        tables.append(table.assign(file=label))
    events = pd.concat(tables, ignore_index=True).fillna("")
    for column in schema.OPTIONAL_EVENT_COLUMNS:
        if column not in events:
            events[column] = ""
    if not problems and "event_id" in events:
        dupes = events[events.duplicated("event_id", keep=False)]
        problems += [
            Problem(row.file, "", f"event_id {row.event_id!r} is used in more than one file")
            for row in dupes.drop_duplicates("event_id").itertuples()
        ]
    if problems:
        raise DataError(problems)
    events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d").dt.date
    return events


def read_cited_table(path: Path, label: str, required: tuple[str, ...]) -> pd.DataFrame:
    """A small table of facts; each row must cite at least one source."""
    table = read_table(path, label)
    problems = schema.missing_columns(table, (*required, "sources"), label)
    if not problems:
        for index, row in table.iterrows():
            where = schema.row_label(int(index))
            problems += schema.check_sources(row["sources"], label, where)
            problems += [Problem(label, where, f"{column} is empty") for column in required if not row[column]]
    if problems:
        raise DataError(problems)
    return table


def read_routes(path: Path, label: str, zone_ids: set[str]) -> pd.DataFrame:
    """Points that schematic lines and corridors are drawn through, each cited."""
    table = read_table(path, label)
    problems = schema.missing_columns(table, ("zone", "seq", "place", "lat", "lon", "coord_source"), label)
    if not problems:
        for index, row in table.iterrows():
            where = schema.row_label(int(index))
            if row["zone"] not in zone_ids:
                problems.append(Problem(label, where, f"unknown zone {row['zone']!r}"))
            if not row["seq"].isdigit():
                problems.append(Problem(label, where, f"seq {row['seq']!r} is not a whole number"))
            if not row["lat"] or not row["lon"]:
                problems.append(Problem(label, where, "a route point needs lat and lon"))
            problems += schema.check_point(row["lat"], row["lon"], row["coord_source"], label, where)
    if problems:
        raise DataError(problems)
    table["seq"] = table["seq"].astype(int)
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    return table.sort_values(["zone", "seq"], kind="stable").reset_index(drop=True)


def read_story(path: Path, root: Path, events: pd.DataFrame, span: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """The classroom sequence, with each step's sources resolved from its events."""
    label = relative(path, root)
    if not path.exists():
        return pd.DataFrame(columns=[*schema.STORY_COLUMNS, "source_list"])
    table = read_table(path, label)
    problems = schema.check_story(table, label, set(events["event_id"]), span)
    if problems:
        raise DataError(problems)
    cited = dict(zip(events["event_id"], events["sources"], strict=True))
    table["source_list"] = [
        list(
            dict.fromkeys(
                [s for e in schema.split_list(row.events) for s in schema.split_list(cited[e])]
                + schema.split_list(row.sources)
            )
        )
        for row in table.itertuples()
    ]
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d").dt.date
    if "handout" not in table:
        table["handout"] = ""
    return table


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


def load_dataset(root: Path = DATA_DIR) -> Dataset:
    """Read and validate the whole dataset under ``root``."""
    boundaries = root / "boundaries"
    timeline = root / "timeline"
    meta = read_meta(timeline / "scenario.yaml", relative(timeline / "scenario.yaml", root))
    districts = read_features(
        boundaries / "districts.geojson",
        relative(boundaries / "districts.geojson", root),
        ("id", "country", "name_en"),
    )
    context = read_features(boundaries / "context.geojson", relative(boundaries / "context.geojson", root), ("id",))
    settlements = read_settlements(
        timeline / "settlements.csv",
        relative(timeline / "settlements.csv", root),
        set(districts.index),
    )
    targets = {i: "district" for i in districts.index[districts["in_area"]]}
    targets.update({i: "settlement" for i in followed_settlements(settlements, districts)})
    zones_dir = root / "zones"
    zones = read_cited_table(
        zones_dir / "zones.csv", relative(zones_dir / "zones.csv", root), ("id", "name_en", "kind", "schematic")
    )
    routes = read_routes(zones_dir / "routes.csv", relative(zones_dir / "routes.csv", root), set(zones["id"]))
    targets.update({i: "zone" for i in zones["id"]})
    events = read_events(timeline / "events", root, targets, (meta.start, meta.end), meta.sides)
    water, labels = root / "context" / "water.geojson", root / "context" / "labels.csv"
    return Dataset(
        root=root,
        meta=meta,
        districts=districts,
        context=context,
        settlements=settlements,
        events=events,
        statement=read_cited_table(
            timeline / "statement.csv", relative(timeline / "statement.csv", root), ("point", "summary")
        ),
        handovers=read_cited_table(
            timeline / "handovers.csv",
            relative(timeline / "handovers.csv", root),
            ("district", "deadline", "actual"),
        ),
        facts=read_cited_table(timeline / "facts.csv", relative(timeline / "facts.csv", root), ("key", "value")),
        zones=zones.set_index("id", drop=False),
        routes=routes,
        story=read_story(root / "story" / "classroom.csv", root, events, (meta.start, meta.end)),
        targets=targets,
        water=read_water(water, relative(water, root)) if water.is_file() else None,
        place_labels=read_place_labels(labels, relative(labels, root)) if labels.is_file() else None,
    )
