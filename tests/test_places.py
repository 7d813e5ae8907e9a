"""Towns and villages: located, in their districts, named by both sides, and the checked facts held."""

from __future__ import annotations

import csv
import datetime as dt
import math
import re

import geopandas as gpd
import pytest

from geo.control import EQUAL_AREA
from geo.schema import split_list
from tests.conftest import ROOT

D = dt.date
PLACES = ROOT / "data/places"
WOF = "Who's On First whosonfirst-data-admin-az @ e174b861"
# Measured on the built-in data: 397 of 421 places have a cited point (94.3%); Kheyrimli and Gizilhajili
# (Gazakh district, 2024) have none that could be cited.
MIN_PLACES = 400
MIN_LOCATED_SHARE = 0.94
# Points more than 1 km outside the district their source names, each with a
# location_note: the 1:10m boundaries are coarse in the south (SOURCES.md).
OUTSIDE_BY_MORE_THAN_1_KM = {
    "ashaghi-veysalli",
    "balyand",
    "bartaz-settlement",
    "divanalilar",
    "dolanlar",
    "doshulu",
    "dudukchu",
    "farrukh",
    "garadaghli",
    "garajalli",
    "gazanzami",
    "gishlag",
    "gushchular",
    "jojug-marjanli",
    "khalafli",
    "khramort",
    "khudafarin",
    "kurdlar-jabrayil",
    "mahmudlu",
    "mehdili",
    "nuzgar",
    "shukurbayli",
    "sirik",
    "soyudlu",
    "tiri",
    "yenikand-zangilan",
    "yukhari-maralyan",
    "yukhari-veysalli",
    "zardanashen",
}


def read(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def km_between(a, b) -> float:
    points = gpd.GeoSeries([a, b], crs="EPSG:4326").to_crs(EQUAL_AREA)
    return points.iloc[0].distance(points.iloc[1]) / 1000


@pytest.fixture(scope="module")
def outside_km(model) -> dict[str, float]:
    """How far each located place lies outside the district its row names (0 inside)."""
    ds = model.dataset
    districts = ds.districts.to_crs(EQUAL_AREA)
    points = ds.settlements[ds.settlements.geometry.notna()].to_crs(EQUAL_AREA)
    return {
        sid: districts.loc[row["district"]].geometry.distance(row.geometry) / 1000 for sid, row in points.iterrows()
    }


def state(model, place: str, day: dt.date, scenario: str = "actual"):
    return model.timeline.status_on(day, scenario).loc[place]


def event(model, event_id: str):
    events = model.dataset.events
    return events[events["event_id"] == event_id].iloc[0]


# ---- located -----------------------------------------------------------------------------
def test_at_least_400_places_and_most_have_a_cited_point(model) -> None:
    settlements = model.dataset.settlements
    located = settlements[settlements.geometry.notna()]
    assert len(settlements) >= MIN_PLACES
    assert len(located) / len(settlements) >= MIN_LOCATED_SHARE
    assert all(located["coord_source"].str.strip().str.len() > 0)


def test_every_point_lies_in_its_district_within_1_km_or_is_documented(model, outside_km) -> None:
    settlements = model.dataset.settlements
    far = {sid for sid, km in outside_km.items() if km > 1.0}
    assert far == OUTSIDE_BY_MORE_THAN_1_KM
    for sid in far:
        assert "coarse" in settlements.loc[sid, "location_note"], sid
        assert outside_km[sid] < 7.0, sid


def test_points_found_through_geonames_lie_in_their_district(model, outside_km) -> None:
    """A point taken from the extract is inside its district (1 km), unless a hand check says why not."""
    decisions = {row["place_id"]: row for row in read(PLACES / "wof_decisions.csv")}
    settlements = model.dataset.settlements
    from_wof = settlements[
        settlements["coord_source"].str.startswith("GeoNames") & settlements["coord_source"].str.contains(WOF)
    ]
    assert len(from_wof) >= 230
    for sid, row in from_wof.iterrows():
        assert row["geonameid"], sid
        assert "CC BY 4.0" in row["coord_source"], sid
        if outside_km[sid] > 1.0:
            assert decisions[sid]["location_note"], sid


def test_the_matching_table_is_complete_and_agrees_with_the_data(model) -> None:
    rows = read(PLACES / "wof_matches.csv")
    assert {r["verdict"] for r in rows} <= {"accepted", "rejected"}, "an ambiguous match was not checked by hand"
    assert all(r["reason"] for r in rows)
    settlements = model.dataset.settlements
    for row in rows:
        if row["verdict"] != "accepted" or row["place_id"] not in settlements.index:
            continue
        place = settlements.loc[row["place_id"]]
        if WOF in place["coord_source"]:
            assert place["geonameid"] == row["geonameid"], row["place_id"]


def test_no_two_places_share_a_point(model) -> None:
    located = model.dataset.settlements[model.dataset.settlements.geometry.notna()]
    pairs = located["lat"] + "," + located["lon"]
    assert not pairs.duplicated().any(), sorted(located.index[pairs.duplicated(keep=False)])


def test_the_build_script_takes_the_extract_only_from_its_command_line() -> None:
    text = (PLACES / "match_wof.py").read_text(encoding="utf-8")
    assert not re.search(r"\.\./shared|/shared/", text), "the extract's path must come from the command line"
    assert '"--wof", type=Path, required=True' in text


# ---- names -------------------------------------------------------------------------------
def test_communities_carry_both_names(model) -> None:
    settlements = model.dataset.settlements
    communities = read(PLACES / "communities.csv")
    present = [c["id"] for c in communities if c["id"] in settlements.index]
    assert len(present) >= 95
    no_azerbaijani_name = set()
    for ident in present:
        row = settlements.loc[ident]
        assert row["name_hy_latn"] and row["name_hy"], ident
        if not row["name_az"]:
            no_azerbaijani_name.add(ident)
    # GeoNames gives these only Armenian names.
    assert no_azerbaijani_name <= {"hovsepavan", "nerkin-taghavard", "knaravan"}


@pytest.mark.parametrize(
    ("place", "name_az", "name_hy_latn"),
    [
        ("shusha", "Şuşa", "Shushi"),
        ("khankendi", "Xankəndi", "Stepanakert"),
        ("shushakand", "Şuşakənd", "Shosh"),
        ("mukhtar", "Muxtar", "Mkhitarishen"),
        ("karmir-shuka", "Qırmızı Bazar", "Karmir Shuka"),
        ("tagavard", "Tağaverd", "Verin Taghavard"),
        ("aghbulag", "Ağbulaq", "Aknaghbyur"),
    ],
)
def test_both_names_where_the_sides_differ(model, place, name_az, name_hy_latn) -> None:
    row = model.dataset.settlements.loc[place]
    assert (row["name_az"], row["name_hy_latn"]) == (name_az, name_hy_latn)


def test_checked_names(model) -> None:
    settlements = model.dataset.settlements
    assert settlements.loc["nuzgar", "name_az"] == "Nüzgər"
    assert settlements.loc["garghabazar", "name_hy_latn"] == "Ijevanatun"
    assert settlements.loc["garghabazar", "name_hy"] == "Իջևանատուն"


# ---- the fact-check, held ----------------------------------------------------------------
def test_togh_was_conceded_by_armenias_defence_ministry(model) -> None:
    statement = event(model, "2020-12-28-tugh-armenian-mod")
    assert statement["announced_by"] == "ARM_MoD"
    assert "tugh" in split_list(statement["targets"])
    assert "mil.am/en/news/8774" in statement["sources"] and "armenpress.am/eng/news/1039095" in statement["sources"]
    claim = event(model, "2020-11-09-tugh")
    assert "Ministry of Defence" in claim["summary"] and "foreign ministry" not in claim["summary"]
    assert state(model, "tugh", D(2021, 6, 1))["controller"] == "AZ"


def test_tagavard_was_split_until_2023(model) -> None:
    assert state(model, "tagavard", D(2020, 11, 9))["controller"] == "AZ"
    for day in (D(2020, 11, 10), D(2021, 6, 1), D(2023, 9, 18)):
        west, east = state(model, "tagavard", day), state(model, "nerkin-taghavard", day)
        assert west["controller"] == "AZ"
        assert (east["controller"], east["status"], east["confidence"]) == ("ARM", "peacekeepers_zone", "confirmed")
    assert state(model, "nerkin-taghavard", D(2023, 10, 16))["controller"] == "AZ"
    assert "tagavard" not in split_list(event(model, "2023-10-15-flags")["targets"])
    east = model.dataset.settlements.loc["nerkin-taghavard"].geometry
    west = model.dataset.settlements.loc["tagavard"].geometry
    assert 1.0 < km_between(east, west) < 4.0


@pytest.mark.parametrize("place", ["shushakand", "mukhtar"])
def test_shosh_and_mkhitarashen_stayed_armenian_held_until_2023(model, place) -> None:
    claim_day = state(model, place, D(2020, 11, 9))
    assert (claim_day["controller"], claim_day["confidence"]) == ("AZ", "disputed")
    for day in (D(2020, 11, 10), D(2021, 6, 1), D(2023, 9, 18)):
        row = state(model, place, day)
        assert (row["controller"], row["status"]) == ("ARM", "peacekeepers_zone")
    assert state(model, place, D(2023, 10, 16))["controller"] == "AZ"


def test_the_1994_held_row_says_who_stayed_until_2023(model) -> None:
    held = event(model, "1994-05-12-settlements-held-arm")
    assert "each was later taken" not in held["summary"]
    assert "September 2023" in held["summary"]
    for place in ("khankendi", "askeran", "khojaly", "khojavend", "aghdara"):
        assert place in held["summary"].lower() or place in held["targets"]
        assert state(model, place, D(2023, 9, 18))["controller"] == "ARM", place
    assert "chayli" not in split_list(held["targets"])


def test_chayli_on_the_line_is_marked_disputed(model) -> None:
    for day in (D(1994, 5, 12), D(2020, 9, 26)):
        row = state(model, "chayli", day)
        assert (row["controller"], row["confidence"]) == ("ARM", "disputed")
        assert row["control_event"] == "1994-05-12-chayli-on-the-line"


def test_birinci_guzanli_has_no_point_it_cannot_cite(model) -> None:
    row = model.dataset.settlements.loc["birinci-guzanli"]
    assert row.geometry is None or (isinstance(row.geometry, float) and math.isnan(row.geometry))
    assert "quarter" in row["location_note"]


def test_fuzuli_1994_share_is_not_the_august_1993_figure(model) -> None:
    fuzuli = event(model, "1994-ceasefire-AZ-FUZ")
    assert "23 August 1993" in fuzuli["note"] and "January 1994" in fuzuli["note"]
    assert "Horadiz" in fuzuli["sources"]
    assert state(model, "AZ-FUZ", D(2020, 9, 26))["confidence"] == "disputed"


def test_recheck_fixes(model) -> None:
    settlements = model.dataset.settlements
    assert settlements.loc["dashalti", "district"] == "AZ-SUS"  # Karintak: Shushi region on both sides' lists
    assert km_between(settlements.loc["khalafli"].geometry, settlements.loc["minbashili"].geometry) > 10
    for place in ("aghbulag", "akhullu", "aragul", "atagut", "susanlig"):  # on the Armenian list of Hadrut losses
        row = state(model, place, D(2020, 11, 10))
        assert (row["controller"], row["confidence"]) == ("AZ", "confirmed"), place


# ---- the Armenian-side communities -------------------------------------------------------
def armenian_side(model) -> list[str]:
    held = event(model, "1994-05-12-communities-held-until-2023")
    return split_list(held["targets"])


def test_armenian_side_communities_are_held_from_1994_to_september_2023(model) -> None:
    places = armenian_side(model)
    assert len(places) >= 80
    for day, expected in (
        (D(1994, 5, 12), ("ARM", "held")),
        (D(2020, 9, 26), ("ARM", "held")),
        (D(2021, 6, 1), ("ARM", "peacekeepers_zone")),
        (D(2023, 9, 18), ("ARM", "peacekeepers_zone")),
        (D(2023, 10, 16), ("AZ", "taken")),
    ):
        status = model.timeline.status_on(day)
        for place in places:
            assert (status.loc[place, "controller"], status.loc[place, "status"]) == expected, (place, day)


def test_shahumyan_communities_were_handed_over_with_kalbajar(model) -> None:
    places = split_list(event(model, "2020-11-25-kalbajar-communities")["targets"])
    assert len(places) >= 10
    for place in places:
        assert state(model, place, D(2020, 11, 24))["controller"] == "ARM"
        assert state(model, place, D(2020, 11, 25))["controller"] == "AZ"
        assert state(model, place, D(2020, 11, 14), "scheduled")["controller"] == "ARM"
        assert state(model, place, D(2020, 11, 15), "scheduled")["controller"] == "AZ"


def test_every_place_of_the_area_has_a_controller_on_every_date(model) -> None:
    for scenario in ("actual", "scheduled"):
        for day in (D(1994, 5, 12), D(2020, 9, 26), D(2020, 11, 10), D(2020, 12, 2), D(2022, 9, 1), D(2024, 6, 12)):
            status = model.timeline.status_on(day, scenario, level="settlement")
            assert status["controller"].notna().all(), (scenario, day, list(status.index[status["controller"].isna()]))
