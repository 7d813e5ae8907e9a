"""Bad input gets a clear error naming the file, the row and the problem."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo.errors import DataError
from geo.io import load_dataset
from tests.conftest import ROOT


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit_events(folder: Path, name: str, change: dict[str, str], row: int = 0) -> None:
    path = folder / "timeline/events" / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row].update(change)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return [str(p) for p in caught.value.problems]


def test_broken_geojson_names_the_file(data_copy: Path) -> None:
    (data_copy / "boundaries/districts.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', encoding="utf-8"
    )
    (problem,) = problems_of(data_copy)
    assert problem.startswith("data/boundaries/districts.geojson, line 1: broken JSON")


def test_unknown_district_and_impossible_date_are_both_reported(data_copy: Path) -> None:
    edit_events(data_copy, "2020.csv", {"targets": "AZ-NOPE"}, row=0)
    edit_events(data_copy, "2020.csv", {"date": "2020-02-30"}, row=1)
    problems = problems_of(data_copy)
    assert "data/timeline/events/2020.csv, row 2: unknown target 'AZ-NOPE'" in problems
    assert "data/timeline/events/2020.csv, row 3: '2020-02-30' is not a real calendar date" in problems


def test_missing_source_and_bad_confidence(data_copy: Path) -> None:
    edit_events(data_copy, "1994_2016.csv", {"sources": "", "confidence": "sure"}, row=2)
    problems = problems_of(data_copy)
    assert "data/timeline/events/1994_2016.csv, row 4: no source given (every row must cite one)" in problems
    assert any("row 4: confidence 'sure'" in p for p in problems)


def test_event_outside_the_data_range(data_copy: Path) -> None:
    edit_events(data_copy, "2020.csv", {"date": "1980-01-01"}, row=0)
    assert any("outside the data's range" in p for p in problems_of(data_copy))


def test_settlement_coordinates_out_of_range(data_copy: Path) -> None:
    path = data_copy / "timeline/settlements.csv"
    text = path.read_text(encoding="utf-8").replace("39.8177,46.7528", "139.8177,46.7528", 1)
    path.write_text(text, encoding="utf-8")
    assert (
        "data/timeline/settlements.csv, row 2: coordinates 139.8177, 46.7528 are outside WGS84 ranges"
        in problems_of(data_copy)
    )


def test_invalid_polygon_is_named_by_feature(data_copy: Path) -> None:
    path = data_copy / "boundaries/context.geojson"
    bowtie = '{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}'
    text = path.read_text(encoding="utf-8")
    start = text.index('"geometry":') + len('"geometry":')
    end = text.index("}}", start) + 1
    path.write_text(text[:start] + bowtie + text[end:], encoding="utf-8")
    (problem,) = problems_of(data_copy)
    assert problem.startswith("data/boundaries/context.geojson, feature GEO: invalid geometry")


def test_not_utf8(data_copy: Path) -> None:
    (data_copy / "timeline/facts.csv").write_bytes(b"key,value\n\xff\xfe,1\n")
    (problem,) = problems_of(data_copy)
    assert problem.startswith("data/timeline/facts.csv: not UTF-8 text")
