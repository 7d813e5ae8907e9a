"""Build the lines of control as polygons from Natural Earth's public-domain lines.

Natural Earth draws the Armenian-held area before the 2020 war as a polygon
(BRK_A3 ``B38`` in ``ne_10m_admin_0_disputed_areas``, version 4.0.0) and the
line after the statement of 10 November 2020 as open lines ("Ceasefire Line
2020" in ``ne_10m_admin_0_boundary_lines_disputed_areas``, version 5.x). This
script takes the polygon as it is and closes the 2020 lines into a polygon:
it chains the twelve lines end to end (their ends miss each other by tens of
metres, so each gap is bridged by a straight segment, reported below) and
closes the corridor band along the B38 outline, which follows the Armenian
border there.

It never edits a vertex. Known defects of the lines (Shusha inside the 2020
line, the Hadrut pocket, the corridor band) are corrected when the data is
loaded, from ``corrections.csv``, each with its cited reason.

Run from the repository root with the folder holding the two extracts::

    python data/lines/build.py --sources path/to/extracts

The folder must contain ``ne4-disputed-area-B38.geojson`` and
``ne5-nk-lines-transcribed.geojson`` (Natural Earth features, unchanged).
Output: ``data/lines/lines.geojson``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point, Polygon, mapping, shape
from shapely.ops import substring

HERE = Path(__file__).resolve().parent
B38_FILE = "ne4-disputed-area-B38.geojson"
LINES_FILE = "ne5-nk-lines-transcribed.geojson"
LINE_2020 = "Ceasefire Line 2020"
MAX_GAP_M = 200.0  # ends further apart than this are a defect, not a rounding gap
PRECISION = 1e-6  # degrees: Natural Earth's own precision


def read_features(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"{path}: cannot read the GeoJSON features ({error})")


def metres(a: Point, b: Point) -> float:
    """Rough distance in metres at this latitude (only used to report gaps)."""
    return (((a.x - b.x) * 85_300.0) ** 2 + ((a.y - b.y) * 111_000.0) ** 2) ** 0.5


def chain(lines: list[LineString]) -> tuple[list[tuple[float, float]], list[float]]:
    """Join the lines end to end into one path, reversing where needed.

    Starts from the line whose start no other line ends near, so the path is
    open at the corridor (both its ends lie on the Armenian border). Returns
    the path and the gaps bridged, in metres.
    """
    remaining = list(lines)
    ends = [Point(line.coords[-1]) for line in remaining] + [Point(line.coords[0]) for line in remaining]

    def loose(point: Point) -> bool:
        return sum(1 for end in ends if metres(point, end) < MAX_GAP_M) == 1

    first = next(line for line in remaining if loose(Point(line.coords[0])))
    remaining.remove(first)
    path = list(first.coords)
    gaps: list[float] = []
    while remaining:
        tail = Point(path[-1])
        best = min(
            ((line, reverse) for line in remaining for reverse in (False, True)),
            key=lambda item: metres(tail, Point(item[0].coords[-1 if item[1] else 0])),
        )
        line, reverse = best
        coords = list(line.coords)[::-1] if reverse else list(line.coords)
        gap = metres(tail, Point(coords[0]))
        if gap >= MAX_GAP_M:
            break  # the open end at the corridor: closed along the border below
        gaps.append(round(gap, 1))
        path.extend(coords if gap > 0 else coords[1:])
        remaining.remove(line)
    if remaining:
        sys.exit(f"{LINES_FILE}: {len(remaining)} 2020 lines do not join the chain (gap over {MAX_GAP_M} m)")
    return path, gaps


def close_along(path: list[tuple[float, float]], outline: shapely.Geometry) -> Polygon:
    """Close the open path along the outline between its two ends (the shorter way)."""
    ring = outline.exterior if isinstance(outline, Polygon) else max(outline.geoms, key=lambda g: g.area).exterior
    start, end = Point(path[-1]), Point(path[0])
    a, b = ring.project(start), ring.project(end)
    length = ring.length
    forward = (b - a) % length
    closing = substring(ring, a, a + forward) if forward <= length / 2 and a + forward <= length else None
    if closing is None:
        # walk the other way round (or across the ring's seam): reverse the ring
        reverse = LineString(list(ring.coords)[::-1])
        a2, b2 = reverse.project(start), reverse.project(end)
        closing = substring(reverse, a2, b2) if a2 <= b2 else substring(reverse, a2, reverse.length)
    # The bridged gaps can leave a self-touching point: keep the polygonal part, which must be one piece.
    repaired = shapely.make_valid(Polygon(path + list(closing.coords) + [path[0]]))
    parts = [part for part in shapely.get_parts(repaired) if part.geom_type == "Polygon" and part.area > 0]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def build(sources: Path) -> dict:
    b38 = [f for f in read_features(sources / B38_FILE) if f["properties"].get("BRK_A3") == "B38"]
    if len(b38) != 1:
        sys.exit(f"{sources / B38_FILE}: expected one B38 feature, found {len(b38)}")
    held_1994 = shape(b38[0]["geometry"])
    lines = [f for f in read_features(sources / LINES_FILE) if f["properties"].get("NAME") == LINE_2020]
    if len(lines) != 12:
        sys.exit(f"{sources / LINES_FILE}: expected 12 '{LINE_2020}' features, found {len(lines)}")
    path, gaps = chain([shape(f["geometry"]) for f in lines])
    held_2020 = close_along(path, held_1994)
    if not held_2020.is_valid or held_2020.geom_type != "Polygon":
        sys.exit(f"{LINES_FILE}: the closed 2020 line is not one valid polygon ({held_2020.geom_type})")
    ids = sorted(str(f["properties"]["ne_id"]) for f in lines)
    features = [
        {
            "type": "Feature",
            "properties": {
                "id": "held-1994",
                "ne_ids": "B38",
                "built": "Natural Earth polygon B38, unchanged",
            },
            "geometry": mapping(shapely.set_precision(held_1994, PRECISION)),
        },
        {
            "type": "Feature",
            "properties": {
                "id": "held-2020",
                "ne_ids": ";".join(ids),
                "built": (
                    f"the {len(lines)} lines '{LINE_2020}' chained end to end "
                    f"(gaps bridged: {', '.join(f'{g:g} m' for g in gaps if g > 0) or 'none'}), "
                    "closed along the B38 outline at the Armenian border"
                ),
            },
            "geometry": mapping(shapely.set_precision(held_2020, PRECISION)),
        },
    ]
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, required=True, help="folder with the two Natural Earth extracts")
    parser.add_argument("--out", type=Path, default=HERE / "lines.geojson")
    args = parser.parse_args()
    collection = build(args.sources)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    partial = args.out.with_suffix(".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(args.out)
    for feature in collection["features"]:
        print(feature["properties"]["id"], feature["properties"]["built"])


if __name__ == "__main__":
    main()
