"""The lines of control, where the dataset has them (``data/lines/``): polygons, their dates, corrections.

Optional: a scenario without a ``lines`` folder is drawn from its places
alone. Every problem is reported with the file and the row.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely.geometry

from geo import schema
from geo.errors import DataError, Problem
from geo.io_features import read_features
from geo.io_files import read_table

LINE_COLUMNS = ("id", "side", "valid_from", "valid_to", "name_en", "sources")
CORRECTION_COLUMNS = ("id", "line", "kind", "places", "valid_from", "valid_to", "reason", "sources", "confidence")
# radius_km (optional): only the part of each place's cell within this distance of its point.
CORRECTION_KINDS = {
    "cut": "the places' parts of their district are taken out of the line's area",
    "add": "the places' parts of their district are added to the line's area while the row is in force",
    "note": "a known defect that needs no change of the polygon (the reason says why)",
}


@dataclass(frozen=True)
class LineData:
    """Polygons of the area one side held, each valid over a span of days, and the corrections to them."""

    lines: pd.DataFrame  # id (index), side, valid_from, valid_to (dates), name_en, sources, note
    shapes: gpd.GeoDataFrame  # id (index) -> polygon, WGS84
    corrections: pd.DataFrame  # CORRECTION_COLUMNS; places as tuples; dates as dates


def read_lines(
    folder: Path,
    label_of: Callable[[Path], str],
    sides: tuple[str, ...],
    settlements: gpd.GeoDataFrame,
    corrections_file: str = "corrections.csv",
) -> LineData | None:
    """Read ``lines.csv``, ``lines.geojson`` and the corrections from ``folder`` (None if it has no lines)."""
    table_path = folder / "lines.csv"
    if not table_path.is_file():
        return None
    label = label_of(table_path)
    lines = read_table(table_path, label)
    problems = schema.missing_columns(lines, LINE_COLUMNS, label)
    if problems:
        raise DataError(problems)
    shapes = read_features(folder / "lines.geojson", label_of(folder / "lines.geojson"), ("id",))
    for index, row in lines.iterrows():
        where = schema.row_label(int(index))
        problems += schema.check_sources(row["sources"], label, where)
        if row["side"] not in sides:
            problems.append(Problem(label, where, f"side {row['side']!r} is not one of {', '.join(sides)}"))
        if row["id"] not in shapes.index:
            problems.append(Problem(label, where, f"no polygon {row['id']!r} in lines.geojson"))
        problems += check_span(row, label, where)
    if problems:
        raise DataError(problems)
    lines = with_dates(lines).set_index("id", drop=False)
    corrections = read_corrections(folder / corrections_file, label_of, lines, settlements)
    return LineData(lines=lines, shapes=shapes, corrections=corrections)


def read_corrections(
    path: Path, label_of: Callable[[Path], str], lines: pd.DataFrame, settlements: gpd.GeoDataFrame
) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame(columns=list(CORRECTION_COLUMNS))
    label = label_of(path)
    table, problems = cited_rows(path, label, CORRECTION_COLUMNS)
    for index, row in table.iterrows():
        where = schema.row_label(int(index))
        if row["line"] not in lines.index:
            problems.append(Problem(label, where, f"unknown line {row['line']!r}"))
        if row["kind"] not in CORRECTION_KINDS:
            problems.append(Problem(label, where, f"kind {row['kind']!r} is not one of {', '.join(CORRECTION_KINDS)}"))
        if row["confidence"] not in schema.CONFIDENCE:
            problems.append(Problem(label, where, f"confidence {row['confidence']!r} is unknown"))
        if not row["reason"]:
            problems.append(Problem(label, where, "a correction needs its reason"))
        for place in schema.split_list(row["places"]):
            if place not in settlements.index:
                problems.append(Problem(label, where, f"unknown place {place!r}"))
            elif row["kind"] != "note" and settlements.loc[place].geometry is None:
                problems.append(Problem(label, where, f"place {place!r} has no point, so it cannot move the line"))
        radius = row.get("radius_km", "")
        if radius and not is_positive(radius):
            problems.append(Problem(label, where, f"radius_km {radius!r} is not a positive number"))
        row_problems = check_span(row, label, where)
        problems += row_problems
        if not row_problems and row["line"] in lines.index:
            line = lines.loc[row["line"]]
            start, end = schema.parse_date(row["valid_from"]), schema.parse_date(row["valid_to"])
            if start < line["valid_from"] or end > line["valid_to"]:
                problems.append(Problem(label, where, f"dates fall outside the span of line {row['line']!r}"))
    if problems:
        raise DataError(problems)
    table = with_dates(table)
    table["radius_km"] = [float(v) if v else None for v in table.get("radius_km", [""] * len(table))]
    table["places"] = [tuple(schema.split_list(cell)) for cell in table["places"]]
    return table


def cited_rows(path: Path, label: str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, list[Problem]]:
    """A table with its required columns (raised at once if missing) and the problems of its sources."""
    table = read_table(path, label)
    missing = schema.missing_columns(table, columns, label)
    if missing:
        raise DataError(missing)
    problems = []
    for index, row in table.iterrows():
        problems += schema.check_sources(row["sources"], label, schema.row_label(int(index)))
    return table, problems


def is_positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


def check_span(row: pd.Series, label: str, where: str) -> list[Problem]:
    dates = []
    for column in ("valid_from", "valid_to"):
        try:
            dates.append(schema.parse_date(row[column]))
        except ValueError:
            return [Problem(label, where, f"{column} {row[column]!r} is not a date (YYYY-MM-DD)")]
    if dates[0] > dates[1]:
        return [Problem(label, where, "valid_from is after valid_to")]
    return []


def with_dates(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in ("valid_from", "valid_to"):
        table[column] = [schema.parse_date(value) for value in table[column]]
    return table


def write_lines(data: LineData, folder: Path, corrections_file: str) -> None:
    """Write the lines back as files ``read_lines`` reads (dates as YYYY-MM-DD, lists with ``;``)."""
    lines = data.lines.copy()
    for column in ("valid_from", "valid_to"):
        lines[column] = [d.isoformat() for d in lines[column]]
    lines.to_csv(folder / "lines.csv", index=False)
    features = [
        {"type": "Feature", "properties": {"id": line_id}, "geometry": shapely.geometry.mapping(row.geometry)}
        for line_id, row in data.shapes.iterrows()
    ]
    (folder / "lines.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    corrections = data.corrections.copy()
    for column in ("valid_from", "valid_to"):
        corrections[column] = [d.isoformat() for d in corrections[column]]
    corrections["places"] = [";".join(places) for places in corrections["places"]]
    corrections["radius_km"] = ["" if r is None or r != r else f"{r:g}" for r in corrections["radius_km"]]
    corrections.to_csv(folder / corrections_file, index=False)


def write_area_figures(figures: pd.DataFrame, path: Path) -> None:
    table = figures.copy()
    for column in ("date_from", "date_to"):
        table[column] = [d.isoformat() for d in table[column]]
    table["km2"] = [f"{v:g}" for v in table["km2"]]
    table["tolerance"] = ["" if v is None or v != v else f"{v:g}" for v in table["tolerance"]]
    table.to_csv(path, index=False)


FIGURE_COLUMNS = ("id", "side", "date_from", "date_to", "km2", "who", "sources")


def read_area_figures(path: Path, label: str, sides: tuple[str, ...]) -> pd.DataFrame | None:
    """Published areas held by a side over a span of days (``area_figures.csv``), to set beside the derived ones.

    ``tolerance`` (optional) is how close the derived area must come for the figure to serve as a check.
    """
    if not path.is_file():
        return None
    table, problems = cited_rows(path, label, FIGURE_COLUMNS)
    for index, row in table.iterrows():
        where = schema.row_label(int(index))
        if row["side"] not in sides:
            problems.append(Problem(label, where, f"side {row['side']!r} is not one of {', '.join(sides)}"))
        if not is_positive(row["km2"]):
            problems.append(Problem(label, where, f"km2 {row['km2']!r} is not a positive number"))
        if row.get("tolerance", "") and not is_positive(row["tolerance"]):
            problems.append(Problem(label, where, f"tolerance {row['tolerance']!r} is not a positive number"))
        problems += check_span(row.rename({"date_from": "valid_from", "date_to": "valid_to"}), label, where)
    if problems:
        raise DataError(problems)
    table = table.copy()
    table["date_from"] = [schema.parse_date(v) for v in table["date_from"]]
    table["date_to"] = [schema.parse_date(v) for v in table["date_to"]]
    table["km2"] = table["km2"].astype(float)
    table["tolerance"] = [float(v) if v else None for v in table.get("tolerance", [""] * len(table))]
    return table.set_index("id", drop=False)
