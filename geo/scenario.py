"""The scenario format: a folder or .zip anyone can make for their own dispute.

    scenario.yaml        title, date_range {start, end}, controllers {ID: {label, colour}}, conventions
    boundaries.geojson   polygons with string properties "id" and "name" (WGS84)
    settlements.csv      optional: id,name,lat,lon,district_id
    events.csv           optional: date,target,controller,confidence,source,note

Extra columns and properties are kept (names in other conventions, an
``event_id`` grouping rows into one event, ``kind``, ``status``, ``summary``...),
and so are the optional extra files of the built-in data (``context.geojson``,
``zones.csv``, ``routes.csv``, ``statement.csv``, ``handovers.csv``,
``facts.csv``, ``story.csv``, and the lines of control: ``lines.csv``,
``lines.geojson``, ``line_corrections.csv``, ``area_figures.csv``): the built-in data converts to this format and
back without loss (see :func:`write_scenario`).

Reading is defensive: size limits on every file and on archives, no path
from an archive is trusted, YAML is parsed with ``safe_load``, nothing is
executed, nothing is written outside a temporary folder, and every problem
is collected and reported at once, with the file and the row.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from geo import schema
from geo.errors import DataError, Problem
from geo.io import (
    Dataset,
    followed_settlements,
    read_cited_table,
    read_features,
    read_features_collecting,
    read_meta,
    read_routes,
    read_story,
    read_table,
)
from geo.io_lines import read_area_figures, read_lines, write_area_figures, write_lines
from geo.limits import MAX_ARCHIVE_BYTES, MAX_FILE_BYTES, MAX_MEMBERS, MAX_RATIO

REQUIRED = ("scenario.yaml", "boundaries.geojson")
OPTIONAL = ("settlements.csv", "events.csv")
EXTRAS = (
    "context.geojson",
    "zones.csv",
    "routes.csv",
    "statement.csv",
    "handovers.csv",
    "facts.csv",
    "story.csv",
    "lines.csv",
    "lines.geojson",
    "line_corrections.csv",
    "area_figures.csv",
)
LINE_CORRECTIONS = "line_corrections.csv"  # data/lines/corrections.csv, under a name that says what it corrects
# The rest of an open data package (geo.package): kept in an archive, not read, so a package opens as a scenario.
PACKAGE_FILES = (
    "datapackage.json",
    "settlements.geojson",
    "control-areas.geojson",
    "contact-lines.geojson",
    "sources.csv",
    "CHANGELOG.md",
)
KNOWN = (*REQUIRED, *OPTIONAL, *EXTRAS, *PACKAGE_FILES, "README.md", "README.txt")
# What a damaged or unusual archive raises from zipfile and zlib.
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)

FLAT_EVENT_COLUMNS = ("date", "target", "controller", "confidence", "source", "note")
FLAT_SETTLEMENT_COLUMNS = ("id", "name", "lat", "lon", "district_id")
EVENT_EXTRAS = (
    "event_id",
    "scenario",
    "kind",
    "share_az",
    "status",
    "announced_by",
    "response",
    "summary",
    "headline",
    "rank",
)


def is_scenario(path: Path) -> bool:
    """A .zip or a folder in this format; the built-in layout is recognised by its ``timeline/`` folder."""
    return path.suffix.lower() == ".zip" or (path / "scenario.yaml").is_file() or not (path / "timeline").is_dir()


# ---- getting the files into a folder we own ---------------------------------------------------
@contextmanager
def scenario_folder(path: Path) -> Iterator[Path]:
    """Yield a folder holding the scenario's files; a .zip is unpacked, safely, into a temporary one."""
    if path.suffix.lower() == ".zip":
        data = read_bounded(path, MAX_ARCHIVE_BYTES, path.name)
        with tempfile.TemporaryDirectory(prefix="scenario-") as tmp:
            unpack(data, Path(tmp), path.name)
            yield Path(tmp)
        return
    if not path.is_dir():
        raise DataError.single(str(path), "", "not a folder or a .zip file")
    yield path


def read_bounded(path: Path, limit: int, label: str) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError.single(label, "", f"cannot read: {exc.strerror}") from None
    if size > limit:
        raise DataError.single(label, "", f"file is {size} bytes, over the {limit} limit")
    return path.read_bytes()


def unpack(data: bytes, target: Path, label: str) -> None:
    """Extract the known files of an archive by name only, with size and ratio limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ARCHIVE_ERRORS:
        raise DataError.single(label, "", "not a readable .zip archive") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        problems: list[Problem] = []
        if len(members) > MAX_MEMBERS:
            raise DataError.single(label, "", f"{len(members)} files in the archive; at most {MAX_MEMBERS}")
        total = sum(m.file_size for m in members)
        if total > MAX_ARCHIVE_BYTES:
            raise DataError.single(label, "", f"unpacks to {total} bytes, over the {MAX_ARCHIVE_BYTES} limit")
        chosen: dict[str, zipfile.ZipInfo] = {}
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                problems.append(Problem(label, member.filename, "unsafe path in the archive; not read"))
                continue
            if name.name.startswith(".") or name.parts[0] == "__MACOSX":
                continue
            if len(name.parts) > 2:
                problems.append(Problem(label, member.filename, "nested too deep; put the files at the top"))
                continue
            if name.name not in KNOWN:
                problems.append(Problem(label, member.filename, "not a file of the scenario format"))
                continue
            if member.file_size > MAX_FILE_BYTES:
                problems.append(Problem(label, member.filename, f"{member.file_size} bytes, over the limit"))
                continue
            if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
                problems.append(Problem(label, member.filename, "compressed suspiciously well (zip bomb?); refused"))
                continue
            if name.name in chosen:
                problems.append(Problem(label, member.filename, f"{name.name} appears twice"))
                continue
            chosen[name.name] = member
        if problems:
            raise DataError(problems)
        for name, member in chosen.items():
            try:
                with archive.open(member) as source:
                    content = source.read(MAX_FILE_BYTES + 1)
            except ARCHIVE_ERRORS as exc:
                reason = "encrypted" if "encrypted" in str(exc) else "damaged"
                raise DataError.single(label, member.filename, f"cannot be unpacked ({reason})") from None
            if len(content) > MAX_FILE_BYTES:
                raise DataError.single(label, member.filename, "larger than it said; refused")
            (target / name).write_bytes(content)


# ---- reading -------------------------------------------------------------------------------------
def read_scenario(path: Path) -> Dataset:
    """Read and validate a scenario folder or .zip; raise one DataError listing every problem."""
    with scenario_folder(path) as folder:
        return read_folder(folder, path.name if path.suffix.lower() == ".zip" else "")


def read_folder(folder: Path, prefix: str) -> Dataset:
    def label(name: str) -> str:
        return f"{prefix}/{name}" if prefix else name

    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if missing:
        raise DataError([Problem(label(name), "", "file missing") for name in missing])
    problems: list[Problem] = []
    meta = boundaries = context = None
    for attempt in ("meta", "boundaries", "context"):
        try:
            if attempt == "meta":
                meta = read_meta(folder / "scenario.yaml", label("scenario.yaml"))
            elif attempt == "boundaries":
                boundaries, bad = read_features_collecting(
                    folder / "boundaries.geojson", label("boundaries.geojson"), ("id", "name")
                )
                problems += bad
            elif (folder / "context.geojson").is_file():
                context = read_features(folder / "context.geojson", label("context.geojson"), ("id",))
        except DataError as exc:
            problems += exc.problems
    if meta is None or boundaries is None or boundaries.empty:
        if boundaries is not None and boundaries.empty and not problems:
            problems.append(Problem(label("boundaries.geojson"), "", "no usable features"))
        raise DataError(problems)
    districts = districts_from(boundaries)
    if context is None:
        context = gpd.GeoDataFrame({"id": [], "name_en": []}, geometry=[], crs="EPSG:4326").set_index("id", drop=False)
    targets = {i: "district" for i in districts.index[districts["in_area"]]}

    settlements = empty_settlements()
    if (folder / "settlements.csv").is_file():
        try:
            settlements = read_flat_settlements(
                folder / "settlements.csv", label("settlements.csv"), set(districts.index)
            )
        except DataError as exc:
            problems += exc.problems
            settlements = settlement_ids_only(folder / "settlements.csv", label("settlements.csv"))
    targets.update({i: "settlement" for i in followed_settlements(settlements, districts)})

    zones = pd.DataFrame(
        columns=[
            "id",
            "name_en",
            "kind",
            "schematic",
            "sources",
            "note",
            "width_km",
            "exclude",
            "exclude_radius_km",
            "name_hy_latn",
        ]
    ).set_index("id", drop=False)
    routes = pd.DataFrame(columns=["zone", "seq", "place", "lat", "lon", "coord_source"])
    if (folder / "zones.csv").is_file():
        try:
            zones = read_cited_table(folder / "zones.csv", label("zones.csv"), ("id", "name_en", "kind", "schematic"))
            zones = zones.set_index("id", drop=False)
            if (folder / "routes.csv").is_file():
                routes = read_routes(folder / "routes.csv", label("routes.csv"), set(zones.index))
        except DataError as exc:
            problems += exc.problems
    targets.update({i: "zone" for i in zones.index})

    events = pd.DataFrame(columns=[*schema.EVENT_COLUMNS, *schema.OPTIONAL_EVENT_COLUMNS, "file"])
    if (folder / "events.csv").is_file():
        try:
            events = read_flat_events(folder / "events.csv", label("events.csv"), targets, meta)
        except DataError as exc:
            problems += exc.problems

    tables = {}
    for name, required in (
        ("statement", ("point", "summary")),
        ("handovers", ("district", "deadline", "actual")),
        ("facts", ("key", "value")),
    ):
        path = folder / f"{name}.csv"
        if path.is_file():
            try:
                tables[name] = read_cited_table(path, label(path.name), required)
            except DataError as exc:
                problems += exc.problems
        else:
            tables[name] = pd.DataFrame(columns=[*required, "sources"])
    story = pd.DataFrame(columns=[*schema.STORY_COLUMNS, "source_list", "handout"])
    if (folder / "story.csv").is_file() and not problems:
        try:
            story = read_story(folder / "story.csv", folder, events, (meta.start, meta.end))
        except DataError as exc:
            problems += [Problem(label("story.csv"), p.where, p.message) for p in exc.problems]
    lines = figures = None
    if not problems:
        try:
            lines = read_lines(folder, lambda path: label(path.name), meta.sides, settlements, LINE_CORRECTIONS)
            figures = read_area_figures(folder / "area_figures.csv", label("area_figures.csv"), meta.sides)
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return Dataset(
        root=folder,
        meta=meta,
        districts=districts,
        context=context,
        settlements=settlements,
        events=events,
        statement=tables["statement"],
        handovers=tables["handovers"],
        facts=tables["facts"],
        zones=zones,
        routes=routes,
        story=story,
        targets=targets,
        lines=lines,
        area_figures=figures,
    )


def districts_from(boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Boundaries as districts: every feature followed unless it says ``in_area: false``."""
    frame = boundaries.copy()
    if "name_en" not in frame or frame["name_en"].isna().all():
        frame["name_en"] = frame["name"]
    frame["name_en"] = frame["name_en"].fillna(frame["name"])
    for column in ("name_az", "name_hy", "name_hy_latn", "name_ru", "country"):
        frame[column] = frame[column].fillna("") if column in frame else ""
    frame["kind"] = frame["kind"].fillna("district") if "kind" in frame else "district"
    frame["in_area"] = frame["in_area"].map(lambda v: v is not False) if "in_area" in frame else True
    return frame


def empty_settlements() -> gpd.GeoDataFrame:
    columns = [*schema.SETTLEMENT_COLUMNS, "location_note"]
    return gpd.GeoDataFrame(pd.DataFrame(columns=columns), geometry=[], crs="EPSG:4326").set_index("id", drop=False)


def settlement_ids_only(path: Path, label: str) -> pd.DataFrame:
    """Ids and districts of a settlements file that has problems, so events naming them are not flagged too."""
    try:
        table = read_table(path, label)
    except DataError:
        return empty_settlements()
    if not {"id", "district_id"} <= set(table.columns):
        return empty_settlements()
    table = table.rename(columns={"district_id": "district"}).drop_duplicates("id")
    return table[["id", "district"]].set_index("id", drop=False)


def read_flat_settlements(path: Path, label: str, districts: set[str]) -> gpd.GeoDataFrame:
    table = read_table(path, label)
    problems = schema.missing_columns(table, FLAT_SETTLEMENT_COLUMNS, label)
    if problems:
        raise DataError(problems)
    rich = table.rename(columns={"district_id": "district"})
    if "name_en" not in rich:
        rich["name_en"] = rich["name"]
    rich.loc[rich["name_en"] == "", "name_en"] = rich["name"]
    defaults = {"kind": "village", "names_source": label, "coord_source": label}
    for column in schema.SETTLEMENT_COLUMNS:
        if column not in rich:
            rich[column] = defaults.get(column, "")
    rich.loc[rich["kind"] == "", "kind"] = "village"
    rich.loc[rich["names_source"] == "", "names_source"] = label
    rich.loc[(rich["coord_source"] == "") & (rich["lat"] != ""), "coord_source"] = label
    if "location_note" not in rich:
        rich["location_note"] = ""
    problems = schema.check_settlements(rich, label, districts)
    if problems:
        raise DataError(problems)
    from shapely.geometry import Point

    points = [Point(float(r.lon), float(r.lat)) if r.lat and r.lon else None for r in rich.itertuples()]
    return gpd.GeoDataFrame(rich, geometry=points, crs="EPSG:4326").set_index("id", drop=False)


def read_flat_events(path: Path, label: str, targets: dict[str, str], meta: object) -> pd.DataFrame:
    """One row a (date, target) in the file; rows sharing an ``event_id`` become one event."""
    table = read_table(path, label)
    problems = schema.missing_columns(table, FLAT_EVENT_COLUMNS, label)
    if problems:
        raise DataError(problems)
    sides = meta.sides  # type: ignore[attr-defined]
    span = (meta.start, meta.end)  # type: ignore[attr-defined]
    for column in EVENT_EXTRAS:
        if column not in table:
            table[column] = ""
    if "remainder" not in table:
        table["remainder"] = ""
    for index, row in table.iterrows():
        where = schema.row_label(int(index))
        problems += flat_row_problems(row, label, where, targets, sides, span)
    if problems:
        raise DataError(problems)
    table["event_id"] = [row.event_id or f"row-{i + 2}" for i, row in enumerate(table.itertuples())]
    labels = meta.controllers  # type: ignore[attr-defined]
    grouped = []
    for event_id, rows in table.groupby("event_id", sort=False):
        first = rows.iloc[0]
        kind = first["kind"] or ("info" if not first["target"] else "control")
        controller = first["controller"] if kind == "control" else ""
        names = ", ".join(t for t in rows["target"] if t)
        summary = first["summary"] or default_summary(names, controller, labels)
        grouped.append(
            {
                "event_id": event_id,
                "date": first["date"],
                "scenario": first["scenario"] or "both",
                "targets": ";".join(t for t in rows["target"] if t),
                "kind": kind,
                "controller": controller,
                "share_az": first["share_az"],
                "status": first["status"] or ("held" if kind == "control" else first["status"]),
                "announced_by": first["announced_by"],
                "response": first["response"],
                "confidence": first["confidence"] or "confirmed",
                "summary": summary,
                "sources": first["source"],
                "note": first["note"],
                "remainder": first["remainder"],
                "headline": first["headline"],
                "rank": first["rank"],
                "file": label,
            }
        )
    events = pd.DataFrame(grouped, columns=[*schema.EVENT_COLUMNS, *schema.OPTIONAL_EVENT_COLUMNS, "file"])
    problems = schema.check_events(events, label, targets, span, sides)
    if problems:
        raise DataError(problems)
    events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d").dt.date
    return events


def default_summary(names: str, controller: str, labels: dict[str, dict[str, str]]) -> str:
    if controller == "split":
        return f"{names}: control divided between the sides."
    label = labels.get(controller, {}).get("label", controller)
    return f"{names} came under the control of {label}."


def flat_row_problems(
    row: pd.Series, label: str, where: str, targets: dict[str, str], sides: tuple[str, ...], span: tuple
) -> list[Problem]:
    """What the documented columns must satisfy, row by row."""
    problems: list[Problem] = []
    try:
        day = schema.parse_date(row["date"])
        if not span[0] <= day <= span[1]:
            problems.append(Problem(label, where, f"date {day} is outside the date range {span[0]} to {span[1]}"))
    except ValueError as exc:
        problems.append(Problem(label, where, str(exc)))
    kind = row["kind"] or ("info" if not row["target"] else "control")
    if row["target"] and row["target"] not in targets:
        problems.append(Problem(label, where, f"unknown target {row['target']!r}"))
    if kind == "control" and row["controller"] not in (*sides, "split"):
        problems.append(Problem(label, where, f"controller {row['controller']!r} is not declared in scenario.yaml"))
    if row["confidence"] and row["confidence"] not in schema.CONFIDENCE:
        problems.append(Problem(label, where, f"confidence {row['confidence']!r} is not one of {schema.CONFIDENCE}"))
    if not row["source"].strip():
        problems.append(Problem(label, where, "no source given (every row must cite one)"))
    return problems


# ---- writing (the built-in data, or any dataset, to the format) ------------------------------------
def write_scenario(dataset: Dataset, folder: Path) -> Path:
    """Write ``dataset`` in the scenario format, keeping every field as extra columns."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = dataset.meta
    yaml_text = {
        "title": meta.title,
        "date_range": {"start": meta.start.isoformat(), "end": meta.end.isoformat()},
        "default_date": meta.default_date.isoformat(),
        "controllers": meta.controllers,
        "conventions": meta.conventions,
    }
    import yaml

    (folder / "scenario.yaml").write_text(yaml.safe_dump(yaml_text, allow_unicode=True, sort_keys=False), "utf-8")
    write_features(dataset.districts, folder / "boundaries.geojson", name_column="name_en")
    if len(dataset.context):
        write_features(dataset.context, folder / "context.geojson", name_column=None)
    settlements = dataset.settlements.drop(columns="geometry").rename(columns={"district": "district_id"})
    if "name" not in settlements:  # a scenario read back already has it
        settlements.insert(1, "name", settlements["name_en"])
    settlements.to_csv(folder / "settlements.csv", index=False)
    rows = []
    for event in dataset.events.itertuples():
        for target in schema.split_list(event.targets) or [""]:
            rows.append(
                {
                    "date": event.date.isoformat(),
                    "target": target,
                    "controller": event.controller,
                    "confidence": event.confidence,
                    "source": event.sources,
                    "note": event.note,
                    "event_id": event.event_id,
                    "scenario": event.scenario,
                    "kind": event.kind,
                    "share_az": event.share_az,
                    "status": event.status,
                    "announced_by": event.announced_by,
                    "response": event.response,
                    "summary": event.summary,
                    "headline": event.headline,
                    "rank": event.rank,
                    "remainder": event.remainder,
                }
            )
    with (folder / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*FLAT_EVENT_COLUMNS, *EVENT_EXTRAS, "remainder"])
        writer.writeheader()
        writer.writerows(rows)
    if len(dataset.zones):
        dataset.zones.to_csv(folder / "zones.csv", index=False)
        dataset.routes.to_csv(folder / "routes.csv", index=False)
    for name in ("statement", "handovers", "facts"):
        table = getattr(dataset, name)
        if len(table):
            table.to_csv(folder / f"{name}.csv", index=False)
    if dataset.lines is not None:
        write_lines(dataset.lines, folder, LINE_CORRECTIONS)
    if dataset.area_figures is not None:
        write_area_figures(dataset.area_figures, folder / "area_figures.csv")
    if len(dataset.story):
        story = dataset.story.drop(columns=["source_list"]).copy()
        story["date"] = story["date"].map(lambda d: d.isoformat())
        story.to_csv(folder / "story.csv", index=False)
    return folder


def write_features(frame: gpd.GeoDataFrame, path: Path, name_column: str | None) -> None:
    features = []
    for _, row in frame.iterrows():
        props = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.drop("geometry").items()}
        if name_column:
            props["name"] = row[name_column]
        features.append({"type": "Feature", "properties": props, "geometry": mapping(row.geometry)})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
