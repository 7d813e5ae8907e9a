"""Derived control areas, zones and km2, held against independent figures."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import geopandas as gpd
import pytest
import shapely

from geo.control import EQUAL_AREA
from tests.conftest import FIXTURES, ROOT

D = dt.date
PRE_WAR = D(2020, 9, 26)


@pytest.fixture(scope="module")
def prewar_armenian(model) -> shapely.Geometry:
    parts = model.control_parts(PRE_WAR)
    held = shapely.union_all(list(parts[parts["controller"] == "ARM"].geometry))
    return gpd.GeoSeries([held], crs="EPSG:4326").to_crs(EQUAL_AREA).iloc[0]


def test_parts_tile_every_district_without_overlap(model) -> None:
    for day in (PRE_WAR, D(2020, 10, 20), D(2020, 11, 10), D(2020, 12, 2), D(2022, 9, 1)):
        areas = model.areas(day)
        for record in areas["districts"]:
            district = model.dataset.districts.loc[record["id"]].geometry
            whole = gpd.GeoSeries([district], crs="EPSG:4326").to_crs(EQUAL_AREA).area.iloc[0] / 1e6
            assert sum(record["km2"].values()) == pytest.approx(whole, rel=0.005), (day, record["id"])


def test_prewar_armenian_held_area_is_about_11500_km2(model, prewar_armenian) -> None:
    facts = dict(zip(model.dataset.facts["key"], model.dataset.facts["value"], strict=True))
    assert prewar_armenian.area / 1e6 == pytest.approx(float(facts["prewar_held_km2_armenian_side"]), rel=0.10)


def test_prewar_area_matches_the_independent_reference(prewar_armenian) -> None:
    path = FIXTURES / "reference/organicmaps-nagorno-karabakh-region.geojson"
    reference = gpd.read_file(path).to_crs(EQUAL_AREA).geometry.iloc[0]
    assert prewar_armenian.area == pytest.approx(reference.area, rel=0.10)
    overlap = prewar_armenian.intersection(reference).area / reference.area
    assert overlap >= 0.85


def official_area(model, district: str) -> float:
    """Official areas are cited facts in data/timeline/facts.csv."""
    facts = dict(zip(model.dataset.facts["key"], model.dataset.facts["value"], strict=True))
    return float(facts[f"district_area_{district}"])


@pytest.mark.parametrize("district", ["AZ-KAL", "AZ-LAC", "AZ-QBI", "AZ-ZAN", "AZ-FUZ", "AZ-AGM"])
def test_district_areas_within_ten_percent_of_official(model, district) -> None:
    record = next(r for r in model.areas(PRE_WAR)["districts"] if r["id"] == district)
    assert sum(record["km2"].values()) == pytest.approx(official_area(model, district), rel=0.10)


def test_jabrayil_known_shortfall_of_the_boundary_source(model) -> None:
    """Natural Earth draws Jabrayil about a fifth smaller than its official 1,050 km2 (documented)."""
    record = next(r for r in model.areas(PRE_WAR)["districts"] if r["id"] == "AZ-CAB")
    ratio = sum(record["km2"].values()) / official_area(model, "AZ-CAB")
    assert 0.75 < ratio < 0.90


def test_handovers_move_area_to_azerbaijan(model) -> None:
    before = model.areas(D(2020, 11, 19))["total_km2"]
    after = model.areas(D(2020, 11, 20))["total_km2"]
    assert after["AZ"] > before["AZ"] + 500
    assert after["AZ"] + after["ARM"] == pytest.approx(before["AZ"] + before["ARM"], rel=1e-3)


def test_lachin_after_handover_is_azerbaijani_except_the_corridor(model) -> None:
    record = next(r for r in model.areas(D(2020, 12, 1))["districts"] if r["id"] == "AZ-LAC")
    corridor = model.zone_shapes["lachin-corridor-2020"].geometry
    assert 0 < record["km2"]["ARM"] < 200
    assert record["km2"]["AZ"] > 1500
    assert not corridor.intersects(model.dataset.settlements.loc["shusha"].geometry.buffer(0.01))


def test_corridor_is_five_km_wide_and_reroutes_in_2022(model) -> None:
    shapes = model.zone_shapes
    band = gpd.GeoSeries([shapes["lachin-corridor-2020"].geometry], crs="EPSG:4326").to_crs(EQUAL_AREA).iloc[0]
    route = model.dataset.routes[model.dataset.routes["zone"] == "lachin-corridor-2020"]
    assert band.area > 0
    lachin = gpd.GeoSeries([model.dataset.settlements.loc["lachin"].geometry], crs="EPSG:4326").to_crs(EQUAL_AREA)
    assert band.distance(lachin.iloc[0]) == 0 and len(route) >= 4
    status_2021 = model.timeline.status_on(D(2021, 6, 1))
    status_2022 = model.timeline.status_on(D(2022, 9, 1))
    assert status_2021.loc["lachin-corridor-2020", "status"] == "peacekeepers_zone"
    assert status_2022.loc["lachin-corridor-2020", "status"] == "closed"
    assert status_2022.loc["lachin-corridor-2022", "status"] == "peacekeepers_zone"
    assert model.timeline.status_on(D(2023, 1, 1)).loc["lachin-corridor-2022", "status"] == "blockaded"


def test_peacekeepers_area_exists_only_while_deployed(model) -> None:
    assert model.peacekeepers_area(D(2020, 11, 9)) is None
    assert model.peacekeepers_area(D(2021, 6, 1)) is not None
    assert model.peacekeepers_area(D(2024, 6, 12)) is None


def test_region_is_azerbaijani_after_october_2023(model) -> None:
    totals = model.areas(D(2023, 10, 16))["total_km2"]
    assert totals["ARM"] == 0


def test_areas_command_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "areas", "--date", "2020-11-21", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2020-11-21"
    assert set(data["total_km2"]) == {"AZ", "ARM"}
    ids = {r["id"] for r in data["districts"]}
    assert {"AZ-KAL", "AZ-LAC", "AZ-AGM"} <= ids
    for record in data["districts"]:
        assert {"AZ", "ARM"} <= set(record["km2"])


GOLDEN = ROOT / "tests/golden/key_dates.json"


def snapshot(model) -> dict:
    days = ["2020-09-26", "2020-11-10", "2020-11-21", "2020-12-02", "2022-09-01", "2023-10-16"]
    result = {}
    for day in days:
        date = D.fromisoformat(day)
        areas = model.areas(date)
        result[day] = {
            "total_km2": {k: round(v) for k, v in areas["total_km2"].items()},
            "districts": {
                r["id"]: [r["controller"], r["status"], None if r["share_az"] is None else round(r["share_az"], 2)]
                for r in model.district_records(date)
            },
        }
    return result


def test_golden_statuses_and_areas(model) -> None:
    """Key dates against a committed snapshot; regenerate with UPDATE_GOLDEN=1 after a reviewed data change."""
    import os

    current = snapshot(model)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert current == expected
