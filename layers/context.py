"""Rivers, lakes and country names: where their labels go, for the exports and the map page alike.

A river's name is written along the river where it runs outside the districts
the map follows, so that it never sits on the control colours; a lake's name
at a point inside the lake. Both renderers take these positions, so a river
is named in the same place in a PNG and on the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import shapely
from shapely.geometry import box

from geo import names as naming
from geo.i18n import Catalogue, catalogue

# Rivers drawn wider: the two the region's borders and plains are read by.
MAJOR_RIVERS = ("Aras", "Kura")
# Along-river distance (degrees) used to measure the direction a label follows.
DIRECTION_SPAN = 0.06
# Shortest stretch of river (degrees) worth a label.
MIN_LABEL_RUN = 0.12


@dataclass(frozen=True)
class ContextLabel:
    """A name to write on the map: position, angle (degrees, counter-clockwise on screen) and kind."""

    id: str
    kind: str  # "river", "lake", "country" or "region"
    x: float  # longitude
    y: float  # latitude
    angle: float
    names: dict[str, str]  # name fields as in the data (name_en, name_az, name_hy_latn ...)


def water_name(names: dict[str, str], convention: str) -> str:
    """A river's or lake's name under a naming convention.

    Rivers and lakes are named in English where the convention is neutral or
    English (the name international media use), and in each side's usage
    under the Azerbaijani and Armenian conventions.
    """
    if convention in ("az", "hy"):
        return naming.display_name(names, convention)
    return naming.text(names.get("name_en"))


def screen_angle(dx: float, dy: float, latitude: float) -> float:
    """The angle on the map of a step (dx, dy) in degrees, kept readable (between -90 and 90)."""
    angle = math.degrees(math.atan2(dy, dx * math.cos(math.radians(latitude))))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return round(angle, 1)


def river_anchor(
    line: shapely.Geometry, avoid: shapely.Geometry | None, extent: tuple[float, float, float, float] | None
) -> tuple[float, float, float] | None:
    """Middle of the longest stretch of ``line`` outside ``avoid`` and inside ``extent``: (x, y, angle)."""
    shown = line
    if extent is not None:
        minx, miny, maxx, maxy = extent
        margin_x, margin_y = (maxx - minx) * 0.06, (maxy - miny) * 0.06
        shown = shown.intersection(box(minx + margin_x, miny + margin_y, maxx - margin_x, maxy - margin_y))
    if avoid is not None and not shown.is_empty:
        shown = shown.difference(avoid)
    runs = [part for part in shapely.get_parts(shapely.line_merge(shown)) if part.geom_type == "LineString"]
    if not runs:
        return None
    run = max(runs, key=lambda part: part.length)
    if run.length < MIN_LABEL_RUN:
        return None
    middle = run.length / 2
    point = run.interpolate(middle)
    before = run.interpolate(max(0.0, middle - DIRECTION_SPAN))
    after = run.interpolate(min(run.length, middle + DIRECTION_SPAN))
    return point.x, point.y, screen_angle(after.x - before.x, after.y - before.y, point.y)


def name_fields(row: object) -> dict[str, str]:
    fields = ("name_en", "name_az", "name_hy", "name_hy_latn", "name_ru")
    return {field: naming.text(getattr(row, field, "")) for field in fields if naming.text(getattr(row, field, ""))}


def water_labels(
    water: gpd.GeoDataFrame | None,
    avoid: shapely.Geometry | None,
    extent: tuple[float, float, float, float] | None = None,
) -> list[ContextLabel]:
    """Labels of the named rivers and lakes (inside ``extent`` if given), lakes first."""
    if water is None or water.empty:
        return []
    labels = []
    for row in water.itertuples():
        names = name_fields(row)
        if not names.get("name_en"):
            continue
        if row.kind == "lake":
            geometry = row.geometry if extent is None else row.geometry.intersection(box(*extent))
            if geometry.is_empty or (extent is not None and geometry.area < 0.2 * row.geometry.area):
                continue
            point = geometry.representative_point()
            labels.append(ContextLabel(row.id, "lake", point.x, point.y, 0.0, names))
            continue
        anchor = river_anchor(row.geometry, avoid, extent)
        if anchor is not None:
            labels.append(ContextLabel(row.id, "river", *anchor, names))
    return sorted(labels, key=lambda label: label.kind != "lake")


def place_labels(
    places: gpd.GeoDataFrame | None, extent: tuple[float, float, float, float] | None = None
) -> list[ContextLabel]:
    """Country and region names (inside ``extent`` if given)."""
    if places is None or places.empty:
        return []
    labels = []
    for row in places.itertuples():
        x, y = row.geometry.x, row.geometry.y
        if extent is not None and not (extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]):
            continue
        labels.append(ContextLabel(row.id, row.kind, x, y, 0.0, {"name_en": row.name_en}))
    return labels


def place_text(label: ContextLabel, book: Catalogue | None = None) -> str:
    """A country's name in capitals; a region's as written; in the catalogue's language."""
    name = (book or catalogue("en")).text(f"label:{label.id}", label.names["name_en"])
    return name.upper() if label.kind == "country" else name
