"""The built-in data: geometry, ids, names, sources, and places inside their districts."""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from geo.schema import split_list
from tests.conftest import FIXTURES, ROOT

AREA = {
    "AZ-KAL",
    "AZ-LAC",
    "AZ-QBI",
    "AZ-ZAN",
    "AZ-CAB",
    "AZ-FUZ",
    "AZ-AGM",
    "AZ-XVD",
    "AZ-XCI",
    "AZ-SUS",
    "AZ-TAR",
    "AZ-XA",
}
SEATS = {
    "AZ-KAL": "kalbajar",
    "AZ-LAC": "lachin",
    "AZ-QBI": "gubadli",
    "AZ-ZAN": "zangilan",
    "AZ-CAB": "jabrayil",
    "AZ-FUZ": "fuzuli",
    "AZ-AGM": "aghdam",
    "AZ-XVD": "khojavend",
    "AZ-XCI": "khojaly",
    "AZ-SUS": "shusha",
    "AZ-TAR": "tartar",
    "AZ-XA": "khankendi",
}


def has_point(geometry: object) -> bool:
    return isinstance(geometry, BaseGeometry) and not geometry.is_empty


def test_area_districts_are_the_twelve(model) -> None:
    assert set(model.dataset.area_districts.index) == AREA


def test_every_district_and_city_of_azerbaijan_has_an_iso_id(model) -> None:
    pycountry = pytest.importorskip("pycountry")
    districts = model.dataset.districts
    azerbaijan = districts[districts["country"] == "AZ"]
    iso = {s.code for s in pycountry.subdivisions.get(country_code="AZ")}
    assert set(azerbaijan.index) <= iso
    # every ISO code but the Nakhchivan Autonomous Republic (a parent of districts) is drawn
    assert iso - set(azerbaijan.index) == {"AZ-NX"}
    assert len(districts[districts["country"] == "AM"]) == 11


def test_geometry_is_valid_and_a_coverage(model) -> None:
    geoms = model.dataset.districts.geometry.values
    assert all(g.is_valid and not g.is_empty for g in geoms)
    assert shapely.coverage_is_valid(geoms), "neighbouring districts overlap"
    union = shapely.coverage_union_all(geoms)
    holes = sum(len(p.interiors) for p in shapely.get_parts(union))
    assert holes == 0, "there are gaps between neighbouring districts"


def test_page_stays_light(model) -> None:
    vertices = int(shapely.get_num_coordinates(model.dataset.districts.geometry.values).sum())
    assert vertices < 6000


def test_names_present_in_all_conventions_for_the_area(model) -> None:
    for district_id, row in model.dataset.area_districts.iterrows():
        for column in ("name_en", "name_az", "name_hy", "name_hy_latn", "name_ru"):
            assert row[column], f"{district_id} has no {column}"


@pytest.mark.parametrize(("district", "seat"), sorted(SEATS.items()))
def test_each_seat_lies_inside_its_district(model, district, seat) -> None:
    point = model.dataset.settlements.loc[seat].geometry
    assert model.dataset.districts.loc[district].geometry.contains(point)


def test_ids_unique_and_targets_known(model) -> None:
    ds = model.dataset
    assert ds.districts.index.is_unique and ds.settlements.index.is_unique
    assert ds.events["event_id"].is_unique
    for cell in ds.events["targets"]:
        assert set(split_list(cell)) <= set(ds.targets)


def test_every_row_cites_a_source(model) -> None:
    ds = model.dataset
    for table in (ds.events, ds.statement, ds.handovers, ds.facts):
        assert all(split_list(s) for s in table["sources"])
    assert all(ds.settlements["names_source"].str.len() > 0)
    with_point = ds.settlements[ds.settlements["lat"] != ""]
    assert all(with_point["coord_source"].str.len() > 0)


def test_settlements_lie_in_their_district_or_say_why(model) -> None:
    ds = model.dataset
    undocumented = []
    for settlement_id, row in ds.settlements.iterrows():
        if not has_point(row.geometry):
            continue
        district = ds.districts.loc[row["district"]].geometry
        if district.contains(row.geometry):
            continue
        if not row.get("location_note"):
            undocumented.append(settlement_id)
        # a documented exception is still close: the boundaries are coarse, not wrong by a district
        assert district.distance(row.geometry) < 0.12, settlement_id
    assert undocumented == []


def test_statement_numbers(model) -> None:
    facts = dict(zip(model.dataset.facts["key"], model.dataset.facts["value"], strict=True))
    assert facts["peacekeepers_servicemen"] == "1960"
    assert facts["peacekeepers_apc"] == "90"
    assert facts["peacekeepers_vehicles"] == "380"
    assert facts["peacekeepers_term"] == "5"
    assert facts["lachin_corridor_width"] == "5"
    assert len(model.dataset.statement) == 9


def test_corrections_table_is_applied(model) -> None:
    with (ROOT / "data/boundaries/corrections.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["reason"] and row["source"] for row in rows)
    districts = model.dataset.districts
    assert districts.loc["AZ-LAC", "name_en"] == "Lachin"
    assert districts.loc["AZ-LAN", "name_en"] == "Lankaran"
    assert "AZ-X01~" not in districts.index


def test_district_centroids_agree_with_geoboundaries(model) -> None:
    """Cross-check against an independent dataset (tests only; never shipped)."""
    path = FIXTURES / "reference/geoboundaries-aze-adm2-subset.geojson"
    reference = gpd.read_file(path)
    names = {
        "AZ-KAL": "Kalbajar District",
        "AZ-LAC": "Lachin District",
        "AZ-QBI": "Qubadli District",
        "AZ-ZAN": "Zangilan District",
        "AZ-AGM": "Agdam District",
        "AZ-XCI": "Khojaly District",
        "AZ-TAR": "Tartar District",
    }
    for district_id, name in names.items():
        ours = model.dataset.districts.loc[district_id].geometry.centroid
        theirs = reference[reference["shapeName"] == name].geometry.iloc[0].centroid
        assert ours.distance(theirs) < 0.1, district_id


def test_boundary_build_script_is_committed_with_sources() -> None:
    folder = ROOT / "data/boundaries"
    for name in ("build.py", "corrections.csv", "district_names.csv", "SOURCES.md"):
        assert (folder / name).exists(), name
    assert Path(folder / "SOURCES.md").read_text(encoding="utf-8").count("Natural Earth") >= 1
