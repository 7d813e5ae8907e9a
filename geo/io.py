"""Where the dataset is read: ``load_dataset`` reads and validates every file once into a ``Dataset``.

Each reader turns a file into a validated table and raises one
:class:`~geo.errors.DataError` naming the file, the row and the problem for
everything wrong in it; nothing downstream re-reads or re-checks files.
This module and the readers it draws on (``geo.io_files``: text and CSV;
``geo.io_meta``: ``scenario.yaml``; ``geo.io_features``: GeoJSON polygons;
``geo.io_context``: rivers, lakes and names) are the only code that reads
data files; the timeline's tables are read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo import schema
from geo.errors import DataError, Problem
from geo.io_context import read_place_labels, read_water
from geo.io_features import read_features, read_features_collecting
from geo.io_files import read_table
from geo.io_lines import LineData, read_area_figures, read_lines
from geo.io_meta import Meta, read_meta

# Names other modules import from here; the readers themselves live in the modules above.
__all__ = [
    "DATA_DIR",
    "Dataset",
    "Meta",
    "followed_settlements",
    "load_dataset",
    "read_cited_table",
    "read_features",
    "read_features_collecting",
    "read_meta",
    "read_routes",
    "read_story",
    "read_table",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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
    lines: LineData | None = None  # the lines of control as areas, with their corrections
    area_figures: pd.DataFrame | None = None  # published areas held by a side, beside the derived ones

    @cached_property
    def area_districts(self) -> gpd.GeoDataFrame:
        """The districts of Azerbaijan that the timeline follows."""
        return self.districts[self.districts["in_area"].astype(bool)]


def relative(path: Path, root: Path) -> str:
    """A path as the reports name it: from the data folder's parent."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_settlements(path: Path, label: str, districts: set[str]) -> gpd.GeoDataFrame:
    """Places, checked against the districts, with a point where they have coordinates."""
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
    """Every events file in ``folder`` as one table: each row checked, event ids unique across files."""
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
        lines=read_lines(root / "lines", lambda path: relative(path, root), meta.sides, settlements),
        area_figures=read_area_figures(
            timeline / "area_figures.csv", relative(timeline / "area_figures.csv", root), meta.sides
        ),
    )
