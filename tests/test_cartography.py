"""Cartography that reads at a glance: water and names, exports worth publishing, no unexplained grey."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

from geo import control
from geo.io import load_dataset
from geo.model import Model
from geo.view import date_view, map_base
from layers import assets, context, export
from layers.static_map import (
    MIN_MAP_SHARE,
    PRESETS,
    Snapshot,
    check_snapshot,
    default_text,
    figure,
    headline_parts,
    legend_handles,
)
from layers.timeline_map import timeline_config
from tests.conftest import ROOT

KEY_DAY = dt.date(2020, 10, 20)
CONTEXT = ROOT / "data" / "context"


def texts_of(fig: object) -> str:
    found = [t.get_text() for t in fig.texts]  # type: ignore[attr-defined]
    for ax in fig.axes:  # type: ignore[attr-defined]
        found += [t.get_text() for t in ax.texts]
        legend = ax.get_legend()
        if legend:
            found += [t.get_text() for t in legend.get_texts()]
    for legend in fig.legends:  # type: ignore[attr-defined]
        found += [t.get_text() for t in legend.get_texts()]
    return " ".join(found).replace("\n", " ")


def svg_texts(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join("".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text"))


# ---- the context data --------------------------------------------------------------
def test_water_is_cited_named_and_inside_its_window() -> None:
    raw = json.loads((CONTEXT / "water.geojson").read_text(encoding="utf-8"))
    west, south, east, north = raw["bbox"]
    names = set()
    for feature in raw["features"]:
        props = feature["properties"]
        assert props["kind"] in ("river", "lake")
        assert props["source"].startswith("Natural Earth 4.0.0 10m"), props["id"]
        assert "martynafford/natural-earth-geojson @ 0b9a6ce" in props["source"]
        if props["name_az"] or props["name_hy"] or props["name_ru"]:
            assert props["names_source"], props["id"]
        minx, miny, maxx, maxy = shapely.geometry.shape(feature["geometry"]).bounds
        assert west <= minx <= maxx <= east and south <= miny <= maxy <= north
        names.add(props["name_en"])
    assert {"Aras", "Kura", "Terter", "Vorotan", "Lake Sevan", "Mingachevir Reservoir"} <= names


def test_the_aras_follows_the_border_with_iran() -> None:
    dataset = load_dataset()
    assert dataset.water is not None
    aras = dataset.water.loc["aras"].geometry
    iran = dataset.context.loc["IRN"].geometry.boundary
    assert max(iran.distance(Point(xy)) for xy in shapely.get_coordinates(aras)) < 0.001


def test_country_names_sit_in_the_polygon_they_cite() -> None:
    dataset = load_dataset()
    polygons = {**dict(dataset.districts.geometry.items()), **dict(dataset.context.geometry.items())}
    labels = dataset.place_labels
    assert labels is not None
    assert {"Armenia", "Azerbaijan", "Iran", "Georgia"} <= set(labels["name_en"])
    for row in labels.itertuples():
        assert polygons[row.polygon].contains(row.geometry), row.id
        assert row.polygon in row.source


def test_a_scenario_without_context_layers_still_draws(tmp_path: Path) -> None:
    example = Model.load(ROOT / "docs" / "example-scenario")
    base = map_base(example)
    assert base.water is None and base.place_labels is None
    day = example.timeline.start
    svg = export.snapshot_bytes(example, Snapshot(day), "svg")
    assert b"<svg" in svg
    config = timeline_config(example, day=day)
    assert config["water"]["features"] == [] and config["waterLabels"] == [] and config["placeLabels"] == []


def test_river_labels_stay_off_the_control_colours(model) -> None:
    base = map_base(model)
    districts = shapely.union_all(list(base.districts.geometry))
    labels = context.water_labels(base.water, districts.buffer(0.01))
    rivers = {label.names["name_en"]: label for label in labels if label.kind == "river"}
    assert {"Aras", "Kura", "Terter", "Vorotan"} <= set(rivers)
    for label in rivers.values():
        assert not districts.contains(Point(label.x, label.y)), label.id
        assert -90 < label.angle <= 90


def test_water_names_follow_the_convention() -> None:
    names = {"name_en": "Aras", "name_az": "Araz", "name_hy_latn": "Araks"}
    assert [context.water_name(names, c) for c in ("neutral", "en", "az", "hy")] == ["Aras", "Aras", "Araz", "Araks"]


# ---- exports ------------------------------------------------------------------------
@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_map_fills_most_of_the_picture(model, preset) -> None:
    fig = figure(model, Snapshot(KEY_DAY, preset=preset))
    fig.canvas.draw()
    position = fig.axes[0].get_position()  # the map: the first axes, measured once drawn
    assert position.width * position.height >= MIN_MAP_SHARE, (preset, position)
    # nothing of the title block, legend or footer lies over the map
    renderer = fig.canvas.get_renderer()
    frame = fig.axes[0].get_window_extent(renderer)
    for text in fig.texts:
        if text.get_text().strip():
            assert not text.get_window_extent(renderer).overlaps(frame), text.get_text()[:40]


def test_exports_name_rivers_lakes_and_countries(model) -> None:
    drawn = svg_texts(export.snapshot_bytes(model, Snapshot(KEY_DAY, preset="square"), "svg"))
    for name in ("Aras", "Vorotan", "Terter", "ARMENIA", "AZERBAIJAN", "IRAN"):
        assert name in drawn, name
    assert "Boundaries, rivers and lakes: Natural Earth (public domain)" in drawn
    assert "Area each side held" in drawn and "km²" in drawn
    assert "Sources of this date's events: " in drawn


def test_handout_maps_carry_water_and_names(model) -> None:
    from layers.handout import figure as handout_figure

    drawn = texts_of(handout_figure(model))
    assert "ARMENIA" in drawn and "IRAN" in drawn and "Vorotan" in drawn


def test_title_and_deck_come_from_the_headline(model) -> None:
    view = date_view(model, KEY_DAY)
    assert view.caption is not None
    title, deck = default_text(Snapshot(KEY_DAY), view.caption, "")
    assert title and title in view.caption.headline
    if view.caption.more:
        assert f"{view.caption.more} more" in deck
    assert title[:40] in texts_of(figure(model, Snapshot(KEY_DAY)))


def test_headline_is_cut_after_a_clause_that_reads_alone() -> None:
    assert headline_parts("Azerbaijani army units entered Aghdam district; the part held since 1993 changed.") == (
        "Azerbaijani army units entered Aghdam district",
        "The part held since 1993 changed.",
    )
    assert headline_parts("Short: then a long rest of the headline") == ("Short: then a long rest of the headline", "")
    assert headline_parts("The institutions were dissolved.") == ("The institutions were dissolved", "")


def test_a_later_day_says_its_news_is_older(model) -> None:
    day = dt.date(2021, 6, 1)
    view = date_view(model, day)
    assert view.caption is not None and view.caption.day < day
    _, deck = default_text(Snapshot(day), view.caption, "")
    assert deck.startswith("Latest change, on ")


def test_legend_lists_only_what_is_drawn(model) -> None:
    def legend(day: dt.date) -> str:
        fig = figure(model, Snapshot(day))
        return " ".join(t.get_text().replace("\n", " ") for lg in fig.legends for t in lg.get_texts())

    before = legend(dt.date(2020, 9, 26))
    after = legend(dt.date(2021, 6, 1))
    assert "Line of contact" in before and "Lachin corridor" not in before and "Peacekeepers" not in before
    assert "Line of contact" not in after and "Lachin corridor" in after and "Peacekeepers" in after
    assert "No data" not in before + after
    base = map_base(model)
    none = legend_handles(base, dict.fromkeys(["AZ", "ARM", "unknown", "corridor", "claimed"], False))
    assert none == []


def test_user_text_is_drawn_as_written(model) -> None:
    long = "A long note that goes on " * 30
    snapshot = Snapshot(KEY_DAY, title="$x$ <b>bold</b>", subtitle="<script>alert(1)</script> & $y$", note=long)
    svg = export.snapshot_bytes(model, snapshot, "svg")
    drawn = svg_texts(svg)
    assert "$x$ <b>bold</b>" in drawn and "<script>alert(1)</script> & $y$" in drawn
    assert not list(ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}script"))
    assert "A long note that goes on" in drawn and "…" in drawn  # cut on a word, never past its lines
    for preset in PRESETS:
        fig = figure(model, Snapshot(KEY_DAY, preset=preset, title="T " * 200, subtitle="S " * 200, note=long))
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        position = fig.axes[0].get_position()
        assert position.width * position.height >= MIN_MAP_SHARE, preset  # long words never shrink the map
        frame = fig.axes[0].get_window_extent(renderer)
        boxes = [t.get_window_extent(renderer) for t in fig.texts if t.get_text().strip()]
        for box in boxes:
            assert box.x0 >= 0 and box.y0 >= 0, preset
            assert box.x1 <= fig.bbox.width + 1 and box.y1 <= fig.bbox.height + 1, preset
            assert not box.overlaps(frame), preset
        for first, second in itertools.combinations(boxes, 2):
            assert not first.overlaps(second), preset


def test_highlight_by_name_or_id(model) -> None:
    snapshot = Snapshot(KEY_DAY, highlight=("Shusha", "AZ-KAL", "Hadrut"))
    check_snapshot(model, snapshot)
    assert "Highlighted" in texts_of(figure(model, snapshot))
    with pytest.raises(ValueError, match="unknown district or place to highlight: 'Atlantis'"):
        check_snapshot(model, Snapshot(KEY_DAY, highlight=("Shusha", "Atlantis")))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_unknown_highlight_exits_2_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run_cli("export", "--date", "2020-10-20", "--out", str(out), "--highlight", "Shusha,Atlantis")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: unknown district or place to highlight: 'Atlantis'"]
    assert list(tmp_path.iterdir()) == []
    result = run_cli("export", "--all-events", "--out-dir", str(tmp_path / "all"), "--highlight", "Atlantis")
    assert result.returncode == 2 and "'Atlantis'" in result.stderr
    assert not (tmp_path / "all").exists() or list((tmp_path / "all").iterdir()) == []


def test_cli_text_options_reach_the_picture(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    result = run_cli(
        "export", "--date", "2020-11-08", "--out", str(out), "--title", "Shusha changes hands",
        "--subtitle", "Eighth of November", "--note", "Approximate <areas>", "--highlight", "Shusha",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    drawn = svg_texts(out.read_bytes())
    for text in ("Shusha changes hands", "Eighth of November", "Approximate <areas>", "Highlighted"):
        assert text in drawn


# ---- no unexplained grey --------------------------------------------------------------
@pytest.mark.parametrize("scenario", ["actual", "scheduled"])
def test_no_followed_district_is_grey_on_any_key_date(model, scenario) -> None:
    """Every key date: no area of a followed district is left to nobody ("No data")."""
    days = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
    unknown = [
        (day.isoformat(), record["id"], record["km2"]["unknown"])
        for day in days
        for record in model.areas(day, scenario)["districts"]
        if record["km2"].get("unknown", 0.0) > 0.05
    ]
    assert unknown == []


def test_places_that_share_a_point_share_one_cell() -> None:
    """Two places at one point (a duplicate, or a village under two names) no longer leave a hole."""
    square = shapely.box(46.0, 39.5, 46.4, 39.8)
    districts = gpd.GeoDataFrame({"id": ["D"]}, geometry=[square], crs="EPSG:4326").set_index("id", drop=False)
    points = [Point(46.1, 39.6), Point(46.1, 39.6), Point(46.3, 39.7)]
    settlements = gpd.GeoDataFrame({"id": ["a", "b", "c"]}, geometry=points, crs="EPSG:4326").set_index("id")
    cells = control.settlement_cells(districts, settlements)
    assert sorted(cells["settlement"]) == ["a", "c"]
    covered = shapely.union_all(list(cells.geometry))
    assert covered.intersection(square).area > 0.999 * square.area  # before: the shared point's region was lost


def test_date_view_areas_match_the_model(model) -> None:
    view = date_view(model, KEY_DAY)
    totals = model.areas(KEY_DAY)["total_km2"]
    assert view.areas_km2 is not None
    for side, km2 in totals.items():
        assert abs(view.areas_km2.get(side, 0.0) - km2) < 1.0


# ---- the map page ---------------------------------------------------------------------
def test_page_scripts_draw_water_before_the_districts() -> None:
    scripts = list(assets.PAGE_SCRIPTS)
    assert scripts.index("water.js") < scripts.index("maplayers.js")
    main = (assets.STATIC / "js" / "main.js").read_text(encoding="utf-8")
    assert re.search(r"TCM\.water,\s*TCM\.mapLayers", main)


def test_page_config_carries_water_and_names(model) -> None:
    config = timeline_config(model, day=KEY_DAY)
    kinds = {f["properties"]["kind"] for f in config["water"]["features"]}
    assert kinds == {"river", "lake"}
    labels = {label["label"]["neutral"]: label for label in config["waterLabels"]}
    assert labels["Aras"]["label"]["az"] == "Araz" and labels["Aras"]["label"]["hy"] == "Araks"
    assert {p["text"] for p in config["placeLabels"]} >= {"Armenia", "Azerbaijan", "Iran"}


@pytest.mark.browser
def test_page_draws_water_under_the_colours_and_names_in_the_convention(model, page, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    path.write_text(export.interactive_html(model, day=KEY_DAY), encoding="utf-8")
    page.goto(f"{path.as_uri()}#date=2020-10-20&names=az")
    page.wait_for_function("window.tcm && tcm.day() === '2020-10-20'")
    panes = page.evaluate(
        """() => ['tcmBase', 'tcmWater', 'tcmContextNames', 'overlay'].map(name => {
            const node = document.querySelector('.leaflet-' + name + '-pane');
            return node ? Number(getComputedStyle(node).zIndex) : null;
        })"""
    )
    base, water, names, overlay = panes
    assert base < water < names < overlay
    assert page.evaluate("document.querySelectorAll('.leaflet-tcmWater-pane path').length") >= 8
    shown = page.evaluate("Array.from(document.querySelectorAll('.tcm-context-name span')).map(s => s.textContent)")
    assert "Araz" in shown and "Armenia" in shown and "Iran" in shown
    focusable = page.evaluate(
        "document.querySelectorAll('.leaflet-tcmContextNames-pane [tabindex], .leaflet-tcmWater-pane [tabindex]')"
        ".length"
    )
    assert focusable == 0


# ---- the app's export panel -----------------------------------------------------------
def test_export_panel_takes_a_title_and_a_highlight(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TCM_EAGER", "1")  # no browser to report the map as mounted: build the panels at once
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    app.selectbox(key="export_kind").set_value("svg").run()
    app.text_input(key="export_title").input("<b>Our own</b> $title$").run()
    app.multiselect(key="export_highlight").select("AZ-SUS").run()
    app.button(key="export_make").click().run()
    assert not app.exception, app.exception
    (button,) = app.get("download_button")
    assert button.proto.label.endswith(".svg")
    from ui.cached import export_file

    data, _ = export_file(*app.session_state["export_ready"])  # what the button offers (cached, or drawn again)
    drawn = svg_texts(data)
    assert "<b>Our own</b> $title$" in drawn and "Highlighted" in drawn
    # another title withdraws the file: it no longer matches what was asked for
    app.text_input(key="export_title").input("Another").run()
    assert not app.get("download_button")


def test_gallery_index_lists_every_picture(model) -> None:
    """docs/gallery is made by `python -m geo gallery docs/gallery`: every story date in every preset."""
    from layers.handout import handout_steps

    folder = ROOT / "docs" / "gallery"
    index = (folder / "index.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\]\(([\w.-]+\.png)\)", index))
    assert listed == {p.name for p in folder.glob("*.png")}
    days = {step.day.isoformat() for step in handout_steps(map_base(model))}
    assert listed == {f"{day}-{preset}.png" for day in days for preset in PRESETS}
    assert sum(p.stat().st_size for p in folder.iterdir()) < 6_000_000
