"""The page's data as files: packed generically, unpacked by the page to the same configuration."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import subprocess

import pytest

from geo.model import Model
from layers import pack, page_files
from layers.timeline_map import map_html, timeline_config
from tests.conftest import ROOT

DAY = dt.date(2020, 11, 10)
UNPACK = """
const load = require(process.argv[1]);
const parts = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(load.unpack(parts[0], parts[1])));
"""


def rounded(value: object) -> object:
    """Every coordinate at 1e-5 degree, as the packed geometry carries it."""
    if isinstance(value, dict):
        out = {key: rounded(item) for key, item in value.items() if key != "coordinates"}
        if "coordinates" in value:
            out["coordinates"] = json.loads(json.dumps(value["coordinates"]), parse_float=lambda s: round(float(s), 5))
        return out
    if isinstance(value, list):
        return [rounded(item) for item in value]
    return value


def test_every_geojson_object_goes_to_the_geometry_part_whatever_its_key() -> None:
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    config = {"cells": {"type": "FeatureCollection", "features": []}, "new": [{"id": 1, "shape": square}], "n": 3}
    timeline, geometries = pack.split_geometry(config)
    assert timeline == {"cells": {"$geo": 0}, "new": [{"id": 1, "shape": {"$geo": 1}}], "n": 3}
    assert geometries == [config["cells"], square]
    with pytest.raises(ValueError, match=r"\$"):
        pack.split_geometry({"$geo": 1})


def test_repeated_long_strings_are_written_once() -> None:
    source = "https://example.org/a source cited by an event and its caption"
    packed = pack.share_strings({"events": [{"sources": [source]}], "captions": [[1, "short", [source]]]})
    assert packed["strings"] == [source]
    assert json.dumps(packed).count(source) == 1


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the page's unit tests: `make node`")
def test_the_page_unpacks_the_real_configuration_to_the_same_data(model: Model) -> None:
    config = timeline_config(model, day=DAY)
    parts = pack.pack(config)
    result = subprocess.run(
        ["node", "-e", UNPACK, str(ROOT / "layers/static/js/load.js")],
        input=json.dumps(parts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == rounded(json.loads(json.dumps(config)))


def test_the_split_page_names_its_files_by_their_content(model: Model) -> None:
    files = page_files.split_page(map_html(model, day=DAY), "assets/")
    assert 'id="tcm-config">{"parts":' in files.html
    assert len(files.html) < 5_000  # the page is a few links; the data and code are files
    for name in files.files:
        assert re.search(r"-[0-9a-f]{12}\.", name), name
    geometry = next(name for name in files.files if name.startswith("geometry-") and name.endswith(".json.gz"))
    raw = gzip.decompress(files.files[geometry])
    assert geometry == page_files.content_name("geometry", raw, ".json.gz")
    for name in files.files:
        if not name.endswith(".gz"):
            assert f'"assets/{name}"' in files.html or f'"assets/{name.rsplit(".", 1)[0]}"' in files.html, name


def test_the_split_is_reproducible_and_shares_the_geometry_between_languages(model: Model) -> None:
    english = page_files.split_page(map_html(model, day=DAY))
    again = page_files.split_page(map_html(model, day=DAY))
    russian = page_files.split_page(map_html(model, day=DAY, lang="ru"))
    assert english.files == again.files and english.html == again.html
    geometry = {name for name in english.files if name.startswith("geometry-")}
    assert geometry and geometry <= set(russian.files)
