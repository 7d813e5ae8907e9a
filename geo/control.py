"""Derived geometry: who held which part of a district, the zones, areas in km2.

Method (documented in docs/method.md):

* A district whose controller is AZ or ARM is held whole by that side.
* A split district is divided into *settlement cells*: the Voronoi cells of
  its towns and villages that have a point, clipped to the district. Each
  cell takes its settlement's controller on the date. Where a split event
  names a ``remainder`` controller (e.g. Lachin after the handover: all of it
  Azerbaijani except the corridor), the district takes that controller and
  only the active zones are carved out of it.
* Zones (the Lachin corridor, its 2022 route) are buffers of a road drawn
  through cited points; while active they override the cells beneath them.
* The pre-war line of contact is not drawn by hand: it is the border between
  the two sides' areas on 26 September 2020.

All of this is approximate below district level and is marked so on the map.
Areas are measured in a Lambert azimuthal equal-area projection centred on
the region.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPoint, Point

EQUAL_AREA = "+proj=laea +lat_0=40 +lon_0=46.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
WGS84 = "EPSG:4326"
ACTIVE_ZONE_STATUSES = ("peacekeepers_zone", "blockaded", "active")


def settlement_cells(districts: gpd.GeoDataFrame, settlements: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Voronoi cells of the settlements inside each district, clipped to it.

    A settlement belongs to the district its point lies in on these
    boundaries (not the one its source names), so cells always tile the
    district they are drawn in. Where several places have the same point,
    their one cell goes to the first of them in the data.
    """
    projected = districts.to_crs(EQUAL_AREA)
    points = settlements[settlements.geometry.notna()].to_crs(EQUAL_AREA)
    rows = []
    for district_id, district in projected.iterrows():
        inside = points[points.within(district.geometry)]
        if inside.empty:
            continue
        if len(inside) == 1:
            rows.append((district_id, inside.index[0], district.geometry))
            continue
        regions = shapely.voronoi_polygons(MultiPoint(list(inside.geometry)), extend_to=district.geometry)
        for region in shapely.get_parts(regions):
            # Places that share a point share a region: it goes to the first of them in the data,
            # rather than to nobody (an area of no one's, drawn as "no data").
            owner = inside.index[inside.within(region)]
            if len(owner) == 0:
                continue
            cell = region.intersection(district.geometry)
            if not cell.is_empty:
                rows.append((district_id, owner[0], cell))
    cells = gpd.GeoDataFrame(rows, columns=["district", "settlement", "geometry"], crs=EQUAL_AREA)
    cells["geometry"] = cells.geometry.make_valid()
    return cells.to_crs(WGS84)


@dataclass(frozen=True)
class ZoneShape:
    id: str
    kind: str
    geometry: shapely.Geometry  # WGS84
    schematic: bool


def corridor_polygon(
    route: list[Point], width_km: float, exclude: list[tuple[Point, float]], clip: shapely.Geometry
) -> shapely.Geometry:
    """A band ``width_km`` wide along the route, minus excluded discs, inside ``clip``."""
    to_ea = gpd.GeoSeries([LineString(route)], crs=WGS84).to_crs(EQUAL_AREA)
    band = to_ea.iloc[0].buffer(width_km * 500.0, cap_style="flat", join_style="round")
    for centre, radius_km in exclude:
        disc = gpd.GeoSeries([centre], crs=WGS84).to_crs(EQUAL_AREA).iloc[0].buffer(radius_km * 1000.0)
        band = band.difference(disc)
    area = gpd.GeoSeries([band], crs=EQUAL_AREA).to_crs(WGS84).iloc[0]
    return shapely.make_valid(area.intersection(clip))


@cache
def _to_equal_area() -> Transformer:
    return Transformer.from_crs(WGS84, EQUAL_AREA, always_xy=True)


def km2(geometry: shapely.Geometry) -> float:
    """Area in km2, measured in the equal-area projection."""
    if geometry is None or geometry.is_empty:
        return 0.0
    projected = shapely.transform(geometry, lambda xy: np.column_stack(_to_equal_area().transform(xy[:, 0], xy[:, 1])))
    return float(projected.area) / 1e6


@dataclass(frozen=True)
class Piece:
    """A fixed part of a district: a whole district, a corridor's share of it, or a cell."""

    kind: str  # "district", "zone", "cell", "rest", or by a line: "held", "other"
    key: str  # unique among all pieces: the page draws each piece once and restyles it by date
    geometry: shapely.Geometry  # WGS84
    km2: float
    source: str = ""  # the feature whose state colours the piece: a settlement, a zone or the district


def cut_district(
    district_id: str, district: shapely.Geometry, cells: gpd.GeoDataFrame, zones: list[tuple[str, shapely.Geometry]]
) -> list[Piece]:
    """Cut a district into the active zones' parts, then cells of what is left.

    Whatever no cell covers (a district with no located place) is one "rest" piece.
    """
    pieces = []
    taken = []
    for zone_id, geometry in zones:
        part = shapely.make_valid(geometry.intersection(district))
        if not part.is_empty:
            pieces.append(Piece("zone", f"{district_id}|zone|{zone_id}", part, km2(part), zone_id))
            taken.append(part)
    rest = district.difference(shapely.union_all(taken)) if taken else district
    covered = []
    for cell in cells.itertuples():
        part = shapely.make_valid(cell.geometry.intersection(rest))
        if not part.is_empty:
            pieces.append(Piece("cell", f"{district_id}|cell|{cell.settlement}", part, km2(part), cell.settlement))
            covered.append(part)
    leftover = rest.difference(shapely.union_all(covered)) if covered else rest
    if not leftover.is_empty and km2(leftover) > 0.01:
        pieces.append(Piece("rest", f"{district_id}|rest", leftover, km2(leftover), district_id))
    elif not leftover.is_empty:
        pieces = absorb_slivers(pieces, leftover)
    return pieces


def absorb_slivers(pieces: list[Piece], slivers: shapely.Geometry) -> list[Piece]:
    """Give each sliver between the cells and the district's edge to the cell it borders most.

    Cells are cut in the equal-area projection and brought back to WGS84, so
    along the district's edge they miss it by a hair; left out, those slivers
    become holes between neighbouring districts that can turn into
    self-intersections when the union is projected again.
    """
    cells = [i for i, piece in enumerate(pieces) if piece.kind == "cell"]
    if not cells:
        return pieces
    grown: dict[int, list[shapely.Geometry]] = {}
    for sliver in shapely.get_parts(slivers):
        if sliver.area <= 0:
            continue
        halo = sliver.buffer(1e-7)
        best = max(cells, key=lambda i: pieces[i].geometry.intersection(halo).area)
        grown.setdefault(best, []).append(sliver)
    result = list(pieces)
    for index, extra in grown.items():
        piece = pieces[index]
        geometry = shapely.make_valid(shapely.union_all([piece.geometry, *extra]))
        result[index] = Piece(piece.kind, piece.key, geometry, km2(geometry), piece.source)
    return result


def dissolve_parts(parts: list[tuple[str, str, shapely.Geometry]]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(parts, columns=["district", "controller", "geometry"], crs=WGS84)
    if frame.empty:
        return frame
    dissolved = frame.dissolve(by=["district", "controller"], as_index=False)
    dissolved["geometry"] = dissolved.geometry.make_valid()
    return dissolved


def share_from_areas(record: dict[str, object], sides: tuple[str, ...] = ("AZ", "ARM")) -> float | None:
    """Share of the first side in a district's known area; None if much of it is unknown."""
    sizes = record["km2"]
    assert isinstance(sizes, dict)
    known = sum(sizes.get(side, 0.0) for side in sides)
    if known <= 0 or sizes.get("unknown", 0.0) > 0.05 * known:
        return None
    return round(sizes[sides[0]] / known, 3)


def is_active(status: object) -> bool:
    return isinstance(status, str) and status in ACTIVE_ZONE_STATUSES


def nan_to_none(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


def iso(day: dt.date) -> str:
    return day.isoformat()
