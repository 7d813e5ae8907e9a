"""The map page's configuration as two compact parts: the geometry, and the rest.

A page that is served (the app) or published (the static site) loads its
data as files rather than inline, so that a browser downloads the geometry
once and keeps it: the geometry changes far less often than the timeline
table, and is most of the bytes. The split knows nothing of the config's
keys: every GeoJSON object anywhere in it goes to the geometry part and is
replaced by a reference, whatever the page carries now or later.

Each part is made smaller the same generic way, undone by
``layers/static/js/load.js``:

* a string that occurs more than once (a source cited by an event, its
  caption and the story) is written once, in a table, and referred to;
* coordinates are quantised to 1e-5 degree (about a metre) and written as
  integer steps from the previous point, which compress several times better
  than repeated decimals.

References are objects with a single ``$``-key (``{"$geo": 3}``, ``{"$s": 12}``);
a config whose own keys start with ``$`` is refused rather than misread.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

GEOJSON_TYPES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
        "Feature",
        "FeatureCollection",
    }
)
GEOMETRY_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})
SCALE = 100_000  # coordinates in units of 1e-5 degree
SHORTEST_SHARED = 16  # shorter strings cost less written out than as a reference


def is_geojson(value: object) -> bool:
    return isinstance(value, dict) and value.get("type") in GEOJSON_TYPES


def split_geometry(config: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the config with every GeoJSON object replaced by ``{"$geo": i}``, the objects in order)."""
    found: list[dict[str, Any]] = []

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            if is_geojson(value):
                found.append(value)
                return {"$geo": len(found) - 1}
            if any(isinstance(key, str) and key.startswith("$") for key in value):
                raise ValueError("the page's config uses a key starting with '$', which packing reserves")
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(item) for item in value]
        return value

    return walk(config), found


def delta_coordinates(coordinates: Any) -> Any:
    """Nested coordinate arrays with each innermost list of positions as flat integer steps."""
    if not coordinates or isinstance(coordinates[0], (int, float)):
        return [round(c * SCALE) for c in coordinates]  # a single position
    if isinstance(coordinates[0][0], (int, float)):
        flat: list[int] = []
        previous = [0, 0]
        for position in coordinates:
            x, y = round(position[0] * SCALE), round(position[1] * SCALE)
            flat += [x - previous[0], y - previous[1]]
            previous = [x, y]
        return flat
    return [delta_coordinates(part) for part in coordinates]


def encode_geometry(value: Any) -> Any:
    """GeoJSON with every ``coordinates`` array as integer steps under ``d`` (see load.js ``decodeGeometry``)."""
    if isinstance(value, dict):
        if "coordinates" in value and value.get("type") in GEOMETRY_TYPES:
            rest = {key: encode_geometry(item) for key, item in value.items() if key != "coordinates"}
            return {**rest, "d": delta_coordinates(value["coordinates"])}
        return {key: encode_geometry(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode_geometry(item) for item in value]
    return value


def share_strings(value: Any) -> dict[str, Any]:
    """``{"strings": [...], "data": value}`` with every repeated long string replaced by ``{"$s": i}``.

    A ``type`` stays written out: the page reads it to know a geometry.
    """
    counts: Counter[str] = Counter()

    def count(item: Any) -> None:
        if isinstance(item, dict):
            for key, child in item.items():
                if key != "type":
                    count(child)
        elif isinstance(item, (list, tuple)):
            for child in item:
                count(child)
        elif isinstance(item, str) and len(item) >= SHORTEST_SHARED:
            counts[item] += 1

    count(value)
    strings = [text for text, times in counts.items() if times > 1]
    index = {text: i for i, text in enumerate(strings)}

    def replace(item: Any) -> Any:
        if isinstance(item, dict):
            return {key: child if key == "type" else replace(child) for key, child in item.items()}
        if isinstance(item, (list, tuple)):
            return [replace(child) for child in item]
        if isinstance(item, str) and item in index:
            return {"$s": index[item]}
        return item

    return {"strings": strings, "data": replace(value)}


def pack(config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the geometry part, the timeline part): plain JSON-able data, undone by ``TCM.load.unpack``."""
    timeline, geometries = split_geometry(config)
    return share_strings(encode_geometry(geometries)), share_strings(timeline)
