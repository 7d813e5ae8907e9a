"""Which towns and villages lay inside the former autonomous oblast (NKAO, 1923-1991).

The state of every place at the start of the timeline (30 August 1991) depends
first on this: the seven districts around the oblast were held by Azerbaijan,
while inside the oblast each community's holder depended on who lived there
(see ``docs/method.md``, "The first war"). The outline is the Natural Earth
4.0.0 10m line "Former USSR oblast in 1991" (public domain), given on the
command line from an extract of ``martynafford/natural-earth-geojson`` @
``0b9a6ce`` (``10m/cultural/ne_10m_admin_0_boundary_lines_disputed_areas.json``);
the project never reads it at run time or in its tests. The line's pieces do
not quite meet, so they are closed by buffering them 0.002 degrees (about
200 m), taking the enclosed hole and growing it back by the same distance.

The script writes ``oblast_1991.csv``: every place of
``data/timeline/settlements.csv``, its district, whether its point lies inside
the outline, and how far (km) the point lies from the outline, so that a place
near the line can be checked by hand (the 1:10m line is coarse: a village
within about 2 km of it may lie on either side).

Run from the repository root::

    python data/places/oblast_1991.py --lines path/to/ne4-disputed-lines.geojson
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import Point, Polygon, shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SETTLEMENTS = ROOT / "data/timeline/settlements.csv"
OUT = HERE / "oblast_1991.csv"
UPSTREAM = "Natural Earth 4.0.0 10m, 'Former USSR oblast in 1991' (martynafford/natural-earth-geojson @ 0b9a6ce)"
CLOSE_DEG = 0.002
NEAR_KM = 2.0


def oblast_outline(path: Path) -> Polygon:
    """The oblast as one polygon: its outline's pieces, closed."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    lines = [
        shape(feature["geometry"])
        for feature in raw["features"]
        if str(feature["properties"].get("name", "")).startswith("Former USSR oblast")
    ]
    if not lines:
        raise SystemExit(f"{path}: no 'Former USSR oblast in 1991' lines")
    band = shapely.union_all(lines).buffer(CLOSE_DEG)
    holes = [Polygon(ring) for part in getattr(band, "geoms", [band]) for ring in part.interiors]
    if not holes:
        raise SystemExit(f"{path}: the oblast lines do not enclose an area")
    return max(holes, key=lambda hole: hole.area).buffer(CLOSE_DEG)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=Path, required=True, help="Natural Earth disputed-area lines (GeoJSON)")
    args = parser.parse_args(argv)
    oblast = oblast_outline(args.lines)
    to_metres = pyproj.Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=40 +lon_0=46.5", always_xy=True)
    outline_m = shapely.transform(oblast.boundary, lambda xy: _project(to_metres, xy))
    area_km2 = shapely.transform(oblast, lambda xy: _project(to_metres, xy)).area / 1e6
    rows = []
    with SETTLEMENTS.open(encoding="utf-8", newline="") as handle:
        for place in csv.DictReader(handle):
            if not place["lat"] or not place["lon"]:
                rows.append([place["id"], place["district"], "no point", "", ""])
                continue
            point = Point(float(place["lon"]), float(place["lat"]))
            x, y = to_metres.transform(point.x, point.y)
            km = outline_m.distance(Point(x, y)) / 1000
            inside = "yes" if oblast.contains(point) else "no"
            note = f"within {NEAR_KM:g} km of the 1:10m outline: check by hand" if km < NEAR_KM else ""
            rows.append([place["id"], place["district"], inside, f"{km:.1f}", note])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["place_id", "district", "in_oblast", "km_to_outline", "note"])
        writer.writerows(rows)
    inside = sum(row[2] == "yes" for row in rows)
    print(f"{OUT.name}: {len(rows)} places, {inside} inside the outline ({area_km2:,.0f} km2; source: {UPSTREAM})")
    return 0


def _project(transformer: pyproj.Transformer, xy: np.ndarray) -> np.ndarray:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


if __name__ == "__main__":
    sys.exit(main())
