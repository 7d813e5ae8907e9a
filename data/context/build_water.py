"""Build ``water.geojson``: the rivers and lakes drawn under the control colours.

Input: extracts of Natural Earth 4.0.0 10m physical layers (public domain),
given on the command line; nothing is downloaded and nothing outside the
paths given is read. The script

1. keeps rivers (``featurecla`` River) and lakes and reservoirs, and leaves
   out the lake centre lines (they run inside the lakes drawn anyway);
2. clips them to the map's window (the extracts' window: 45.3-47.8 E,
   38.7-40.8 N; the window is written as the collection's ``bbox``, and the
   exports never show more than it);
3. joins the pieces of one named river into one feature, simplifies (rivers
   0.003 degrees, about 300 m; lakes 0.002) and rounds to 5 decimals;
4. adds the names of ``water_names.csv`` (each row cites where its names
   come from) and, on every feature, the upstream record it comes from.

Run from the repository root::

    python data/context/build_water.py RIVERS.geojson LAKES.geojson [--out data/context/water.geojson]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

HERE = Path(__file__).resolve().parent
WINDOW = (45.3, 38.7, 47.8, 40.8)  # lon/lat: the window of the extracts, and of the map
UPSTREAM = "via martynafford/natural-earth-geojson @ 0b9a6ce"
RIVER_TOLERANCE = 0.003
LAKE_TOLERANCE = 0.002
PRECISION = 1e-5
NAME_FIELDS = ("name_en", "name_az", "name_hy", "name_hy_latn", "name_ru")


def read_features(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise SystemExit(f"{path}: not a GeoJSON FeatureCollection")
    return list(data["features"])


def read_names(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ne_name"]: row for row in csv.DictReader(handle)}


def upstream_record(props: dict[str, Any], kind: str) -> str:
    """Which Natural Earth file and record a feature comes from (the supplements carry an objectid)."""
    if kind == "river":
        if props.get("objectid") is not None:
            layer = "10m/physical/ne_10m_rivers_europe.json"
            key = f"objectid {props['objectid']}, rivernum {props.get('rivernum')}"
        else:
            layer = "10m/physical/ne_10m_rivers_lake_centerlines.json"
            key = f"rivernum {props.get('rivernum')}"
    elif props.get("objectid") is not None:
        layer = "10m/physical/ne_10m_lakes_europe.json"
        key = f"objectid {props['objectid']}"
    else:
        layer = "10m/physical/ne_10m_lakes.json"
        key = f"name {props.get('name')!r}, scalerank {props.get('scalerank')}"
    return f"Natural Earth 4.0.0 10m, {layer} ({key}), {UPSTREAM}"


def build(rivers: Path, lakes: Path, names_path: Path, window: tuple[float, float, float, float]) -> dict[str, Any]:
    names = read_names(names_path)
    clip = box(*window)
    groups: dict[str, dict[str, Any]] = {}
    inputs = [(f, "river") for f in read_features(rivers)] + [(f, "lake") for f in read_features(lakes)]
    for feature, kind in inputs:
        props = feature["properties"]
        if kind == "river" and props.get("featurecla") != "River":
            continue  # lake centre lines: inside the lakes
        geometry = shape(feature["geometry"]).intersection(clip)
        if geometry.is_empty:
            continue
        name = props.get("name") or ""
        row = names.get(name)
        key = row["id"] if row is not None else f"{kind}-{props.get('objectid') or props.get('rivernum')}"
        group = groups.setdefault(key, {"kind": kind, "row": row, "geoms": [], "sources": []})
        group["geoms"].append(geometry)
        record = upstream_record(props, kind)
        if record not in group["sources"]:
            group["sources"].append(record)
    features = []
    for key in sorted(groups):
        group = groups[key]
        kind = group["kind"]
        merged = shapely.union_all(group["geoms"])
        if kind == "river":
            merged = shapely.line_merge(merged)
            merged = shapely.simplify(merged, RIVER_TOLERANCE, preserve_topology=True)
        else:
            merged = shapely.make_valid(shapely.simplify(merged, LAKE_TOLERANCE, preserve_topology=True))
        merged = shapely.set_precision(merged, PRECISION)
        if merged.is_empty:
            continue
        row = group["row"] or {}
        props = {"id": key, "kind": kind}
        props.update({field: row.get(field, "") for field in NAME_FIELDS})
        props["names_source"] = row.get("names_source", "")
        window_text = f"{window[0]}-{window[2]} E, {window[1]}-{window[3]} N"
        props["source"] = "; ".join(group["sources"]) + f"; clipped to {window_text} and simplified"
        features.append({"type": "Feature", "properties": props, "geometry": mapping(merged)})
    return {"type": "FeatureCollection", "bbox": list(window), "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rivers", type=Path, help="Natural Earth rivers extract (GeoJSON)")
    parser.add_argument("lakes", type=Path, help="Natural Earth lakes extract (GeoJSON)")
    parser.add_argument("--names", type=Path, default=HERE / "water_names.csv")
    parser.add_argument("--out", type=Path, default=HERE / "water.geojson")
    args = parser.parse_args(argv)
    collection = build(args.rivers, args.lakes, args.names, WINDOW)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    temporary = args.out.with_suffix(".tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(args.out)
    print(f"wrote {args.out}: {len(collection['features'])} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
