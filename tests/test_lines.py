"""The lines of control: rebuilt from Natural Earth, valid, tiling the districts, matching published areas."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import shapely

from geo import control
from geo.errors import DataError
from geo.io_lines import read_lines
from geo.timeline_view import timeline_view
from tests.conftest import FIXTURES, ROOT

D = dt.date
KEY_DATES = [D(2020, 9, 26), D(2020, 11, 10), D(2020, 12, 2), D(2022, 9, 1), D(2023, 8, 31)]
LINE_DATES = [D(2000, 1, 1), D(2020, 9, 26), D(2020, 12, 2), D(2022, 9, 1)]


def test_the_committed_polygons_are_what_the_script_builds_from_natural_earth(tmp_path) -> None:
    out = tmp_path / "lines.geojson"
    subprocess.run(
        [sys.executable, "data/lines/build.py", "--sources", str(FIXTURES / "lines"), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "lines" / "lines.geojson").read_text(encoding="utf-8")


def test_the_build_refuses_a_source_without_the_2020_lines(tmp_path) -> None:
    (tmp_path / "ne4-disputed-area-B38.geojson").write_text(
        (FIXTURES / "lines" / "ne4-disputed-area-B38.geojson").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "ne5-nk-lines-transcribed.geojson").write_text('{"type":"FeatureCollection","features":[]}')
    result = subprocess.run(
        [sys.executable, "data/lines/build.py", "--sources", str(tmp_path), "--out", str(tmp_path / "out.geojson")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "expected 12 'Ceasefire Line 2020' features, found 0" in result.stderr
    assert not (tmp_path / "out.geojson").exists()


def test_every_version_is_a_valid_polygon(model) -> None:
    versions = [p.held for p in model.line_periods if p.kind == "line"]
    assert [v.key for v in versions] == ["held-1994", "held-2020+hadrut-pocket", "held-2020"]
    for version in versions:
        assert version.area.is_valid and not version.area.is_empty
        assert version.area.geom_type in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize("day", [D(1993, 1, 1), *KEY_DATES, D(2020, 10, 20), D(2023, 9, 21)])
def test_the_pieces_of_each_district_cover_it_exactly(model, day) -> None:
    """No gap and no overlap, whatever rule is in force (before the lines, a line, a gap)."""
    pieces: dict[str, list[control.Piece]] = {}
    for district, _side, piece in model.assignment(day):
        pieces.setdefault(district, []).append(piece)
    for district, parts in pieces.items():
        outline = model.dataset.area_districts.loc[district].geometry
        union = shapely.union_all([p.geometry for p in parts])
        assert control.km2(union.symmetric_difference(outline)) < 0.05, district
        assert sum(p.km2 for p in parts) == pytest.approx(control.km2(outline), abs=0.5), district


def held(model, day: dt.date) -> float:
    return model.areas(day)["total_km2"]["ARM"]


def test_areas_match_the_published_figures_within_their_tolerance(model) -> None:
    figures = model.dataset.area_figures
    checked = figures[figures["tolerance"].notna()]
    assert len(checked) >= 2
    for row in checked.itertuples():
        middle = row.date_from + (row.date_to - row.date_from) / 2
        for day in (row.date_from, middle, row.date_to):
            assert held(model, day) == pytest.approx(row.km2, rel=row.tolerance), (row.id, day)


@pytest.mark.parametrize("day", LINE_DATES)
def test_on_a_line_date_each_side_holds_the_line_polygon(model, day) -> None:
    """The held area is the line's polygon, plus the active corridors; in Lachin district after its
    handover only the corridor (the statement's, not Natural Earth's schematic band)."""
    period = next(p for p in model.line_periods if p.start <= day <= p.end)
    assert period.kind == "line"
    districts = model.dataset.area_districts
    lachin = districts.loc["AZ-LAC"].geometry
    followed = shapely.union_all(list(districts.geometry))
    ground = followed.difference(lachin) if day >= D(2020, 12, 1) else followed
    corridors = list(model.day_state(day).zones.values())
    expected = shapely.union_all([period.held.area.intersection(ground), *corridors]).intersection(followed)
    assert held(model, day) == pytest.approx(control.km2(expected), abs=1.0)


def test_kalbajar_was_handed_over_but_its_part_of_the_former_oblast_was_not(model) -> None:
    day = D(2020, 12, 2)
    status = model.timeline.status_on(day)
    assert status.loc["AZ-KAL", "controller"] == "AZ"
    kalbajar = next(r for r in model.areas(day)["districts"] if r["id"] == "AZ-KAL")
    assert 600 < kalbajar["km2"]["ARM"] < 800
    for village in ("vank", "haterk", "drmbon"):
        assert status.loc[village, "controller"] == "ARM"


def test_shusha_is_cut_out_of_the_2020_line(model) -> None:
    data = model.dataset.lines
    raw = data.shapes.loc["held-2020"].geometry
    town = model.dataset.settlements.loc["shusha"].geometry
    assert raw.contains(town)  # the defect in Natural Earth
    version = next(p.held for p in model.line_periods if p.kind == "line" and p.held.key == "held-2020")
    assert not version.area.contains(town)
    sides = {side for district, side, piece in model.assignment(D(2020, 12, 2)) if piece.geometry.contains(town)}
    assert sides == {"AZ"}


def test_the_hadrut_pocket_is_held_until_the_day_before_it_was_taken(model) -> None:
    row = model.dataset.lines.corrections.set_index("id").loc["hadrut-pocket"]
    events = model.dataset.events.set_index("event_id")
    taken = events.loc["2020-12-12-hadrut-pocket", "date"]
    assert row["valid_to"] == taken - dt.timedelta(days=1)
    village = model.dataset.settlements.loc["kohna-taglar"].geometry

    def side_at(day: dt.date) -> set[str]:
        return {side for _d, side, piece in model.assignment(day) if piece.geometry.contains(village)}

    assert side_at(D(2020, 12, 2)) == {"ARM"}
    assert side_at(taken) == {"AZ"}


def test_every_correction_names_real_places_and_the_cut_places_changed_hands(model) -> None:
    corrections = model.dataset.lines.corrections
    assert set(corrections["kind"]) == {"cut", "add", "note"}
    for row in corrections[corrections["kind"] == "cut"].itertuples():
        status = model.timeline.status_on(row.valid_from)
        assert all(status.loc[p, "controller"] == "AZ" for p in row.places), row.id


def test_a_correction_with_an_unknown_place_is_refused_with_its_row(tmp_path, model) -> None:
    folder = tmp_path / "lines"
    folder.mkdir()
    source = ROOT / "data" / "lines"
    for name in ("lines.csv", "lines.geojson"):
        (folder / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (source / "corrections.csv").read_text(encoding="utf-8").replace("shusha;dashalti", "shusha;atlantis")
    (folder / "corrections.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_lines(folder, lambda p: f"data/lines/{p.name}", ("AZ", "ARM"), model.dataset.settlements)
    assert "data/lines/corrections.csv" in str(caught.value)
    assert "unknown place 'atlantis'" in str(caught.value)


@pytest.mark.parametrize("day", [D(2020, 9, 26), D(2020, 12, 2), D(2022, 9, 1)])
def test_on_a_line_date_the_page_draws_each_district_as_at_most_two_shapes(model, day) -> None:
    """No patchwork: while a line is in force a district is its part inside and its part outside."""
    view = timeline_view(model)
    from geo.timeline import day_number

    number = day_number(day)
    shown: dict[str, int] = {}
    for row in view.cells.itertuples():
        rows = view.states["actual"].get(row.key, [])
        current = [r for r in rows if r[0] <= number]
        if current and current[-1][1] is not None:
            shown[row.district] = shown.get(row.district, 0) + 1
    assert shown and max(shown.values()) <= 2, shown
    assert set(shown) == set(model.dataset.area_districts.index)
