"""Lines of control as areas: which polygon is in force on a day, and how a district is cut by it.

A line is the area one side held over a span of days (``data/lines/``).
Corrections cut the cells of named places out of that area or add them to it
while they are in force, so one line becomes several *versions*, each a
polygon valid on consecutive days. Between two versions that are not
consecutive (the 2020 war, the 2023 offensive) lies a *gap*: inside both
polygons the holder keeps the ground, outside both the other side does, and
the ground in between (the ground that changed hands) is decided by the
places on it. Before the first version (the first war) there is no line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import geopandas as gpd
import shapely

from geo.control import EQUAL_AREA, WGS84
from geo.io_lines import LineData

ONE_DAY = dt.timedelta(days=1)
MIN_PIECE_DEG2 = 1e-9  # about 0.01 km2: smaller bits of an overlay are rounding, not ground


@dataclass(frozen=True)
class Version:
    """One polygon of a line, in force from ``start`` to ``end`` (inclusive)."""

    key: str
    side: str
    start: dt.date
    end: dt.date
    area: shapely.Geometry  # WGS84


@dataclass(frozen=True)
class Period:
    """A span of days and the rule on it: ``before`` (no line yet), ``line`` or ``gap``."""

    kind: str
    start: dt.date
    end: dt.date
    held: Version | None = None  # the version in force (kind "line")
    earlier: Version | None = None  # the versions either side of a gap; later is None after the last
    later: Version | None = None


def cells_of(
    cells: gpd.GeoDataFrame, places: tuple[str, ...], points: gpd.GeoSeries, radius_km: float | None
) -> shapely.Geometry:
    """The union of the named places' cells (each place's part of its district), within a radius if given."""
    chosen = cells[cells["settlement"].isin(places)]
    parts = []
    for row in chosen.itertuples():
        shape = row.geometry
        if radius_km is not None and radius_km > 0:  # NaN (no radius) compares False
            disc = gpd.GeoSeries([points[row.settlement]], crs=WGS84).to_crs(EQUAL_AREA).buffer(radius_km * 1000.0)
            shape = shape.intersection(disc.to_crs(WGS84).iloc[0])
        parts.append(shape)
    return shapely.union_all(parts) if parts else shapely.GeometryCollection()


def versions(data: LineData, cells: gpd.GeoDataFrame, points: gpd.GeoSeries) -> list[Version]:
    """Every line split at the days its corrections start and end, in date order."""
    result = []
    for line_id, line in data.lines.sort_values("valid_from").iterrows():
        base = shapely.make_valid(data.shapes.loc[line_id].geometry)
        rows = data.corrections[(data.corrections["line"] == line_id) & (data.corrections["kind"] != "note")]
        cuts = {line["valid_from"], line["valid_to"] + ONE_DAY}
        for row in rows.itertuples():
            cuts |= {row.valid_from, row.valid_to + ONE_DAY}
        bounds = sorted(cuts)
        for start, after in itertools.pairwise(bounds):
            end = after - ONE_DAY
            active = rows[(rows["valid_from"] <= start) & (rows["valid_to"] >= end)]
            area = base
            for row in active.itertuples():
                part = cells_of(cells, row.places, points, row.radius_km)
                area = area.difference(part) if row.kind == "cut" else area.union(part)
            adds = sorted(row.id for row in active.itertuples() if row.kind == "add")
            key = "+".join([line_id, *adds])
            result.append(Version(key, line["side"], start, end, shapely.make_valid(area)))
    return result


def periods(all_versions: list[Version], start: dt.date, end: dt.date) -> list[Period]:
    """The whole span cut into periods: before the first line, each version, and the gaps between."""
    if not all_versions:
        return [Period("before", start, end)]
    result = [Period("before", start, all_versions[0].start - ONE_DAY)] if start < all_versions[0].start else []
    for index, version in enumerate(all_versions):
        result.append(Period("line", version.start, version.end, held=version))
        later = all_versions[index + 1] if index + 1 < len(all_versions) else None
        gap_end = later.start - ONE_DAY if later else end
        if gap_end > version.end:
            result.append(Period("gap", version.end + ONE_DAY, gap_end, earlier=version, later=later))
    return result


def period_at(all_periods: list[Period], day: dt.date) -> Period:
    for period in all_periods:
        if period.start <= day <= period.end:
            return period
    return all_periods[0] if day < all_periods[0].start else all_periods[-1]


def overlay(district: shapely.Geometry, area: shapely.Geometry) -> tuple[shapely.Geometry, shapely.Geometry]:
    """The district's parts inside and outside ``area``."""
    return clean(district.intersection(area)), clean(district.difference(area))


def gap_ground(district: shapely.Geometry, period: Period) -> dict[str, shapely.Geometry]:
    """A district in a gap: ground held on both sides of it, ground held on neither, ground that changed."""
    earlier = period.earlier.area if period.earlier else shapely.GeometryCollection()
    later = period.later.area if period.later else shapely.GeometryCollection()
    both = earlier.intersection(later) if not later.is_empty else later
    either = earlier.union(later) if not later.is_empty else earlier
    return {
        "kept": clean(district.intersection(both)),
        "neither": clean(district.difference(either)),
        "changed": clean(district.intersection(either).difference(both)),
    }


def clean(geometry: shapely.Geometry) -> shapely.Geometry:
    """Only the polygonal parts of an overlay, without the specks rounding leaves."""
    parts = [p for p in shapely.get_parts(shapely.make_valid(geometry)) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [p for p in parts if p.area > MIN_PIECE_DEG2]
    if not parts:
        return shapely.GeometryCollection()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon([q for p in parts for q in shapely.get_parts(p)])
