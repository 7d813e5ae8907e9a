"""The app's logic through Streamlit's AppTest: slider, quick buttons, address, panels."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def eager_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest has no browser to report the map as mounted, so build the panels at once."""
    monkeypatch.setenv("TCM_EAGER", "1")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest) -> dict[str, dict[str, object]]:
    frame = at.dataframe[0].value
    return {row["District"]: row for row in frame.to_dict("records")}


def test_opens_on_the_ceasefire_with_the_default_view(app: AppTest) -> None:
    assert app.slider(key="date").value == dt.date(2020, 11, 10)
    assert app.radio(key="scenario").value == "actual"
    assert app.selectbox(key="names").value == "neutral"
    assert "Kalbajar / Karvachar" in table(app)


def test_moving_the_slider_changes_the_status_and_the_address(app: AppTest) -> None:
    before = table(app)["Aghdam / Akna"]["Controlled by"]
    app.slider(key="date").set_value(dt.date(2020, 11, 21)).run()
    after = table(app)["Aghdam / Akna"]
    assert before.startswith("Split") and after["Controlled by"] == "Azerbaijan"
    assert after["Since"] == "2020-11-20"
    assert app.query_params["date"] == "2020-11-21"
    assert app.session_state["date_rev"] == 1  # the map is told to follow the slider


def test_key_date_menu_jumps_and_panel_lists_the_day(app: AppTest) -> None:
    app.selectbox(key="jump").select("2020-11-25").run()
    assert app.selectbox(key="jump").value is None  # ready to jump again
    assert app.slider(key="date").value == dt.date(2020, 11, 25)
    assert table(app)["Kalbajar / Karvachar"]["Controlled by"] == "Azerbaijan"
    panel = " ".join(m.value for m in app.markdown)
    assert "Kalbajar district" in panel and "trend.az" in panel


def test_scenario_switch(app: AppTest) -> None:
    app.slider(key="date").set_value(dt.date(2020, 11, 16)).run()
    assert table(app)["Kalbajar / Karvachar"]["Controlled by"] == "Armenian forces"
    app.radio(key="scenario").set_value("scheduled").run()
    assert table(app)["Kalbajar / Karvachar"]["Controlled by"] == "Azerbaijan"


def test_address_opens_the_same_view() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2020-11-25"
    at.query_params["scenario"] = "scheduled"
    at.query_params["names"] = "hy"
    at.run()
    assert at.slider(key="date").value == dt.date(2020, 11, 25)
    assert at.radio(key="scenario").value == "scheduled"
    assert "Karvachar" in table(at)


def test_bad_address_falls_back_with_a_note() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2020-13-40"
    at.run()
    assert at.slider(key="date").value == dt.date(2020, 11, 10)
    assert any("not a real calendar date" in w.value for w in at.warning)


def test_export_makes_the_file_of_the_view_on_screen_then_offers_it(app: AppTest) -> None:
    app.slider(key="date").set_value(dt.date(2020, 11, 25)).run()
    assert not app.get("download_button"), "no file before it is asked for"
    app.selectbox(key="export_kind").set_value("svg").run()
    app.button(key="export_make").click().run()
    (button,) = app.get("download_button")
    assert button.proto.label == "Download karabakh-control-2020-11-25-actual-social.svg"
    # the file is the one the command line makes for the same view
    from geo.model import Model
    from layers import export
    from layers.static_map import Snapshot
    from ui.cached import export_file

    data, _ = export_file(*app.session_state["export_ready"])
    cli = export.snapshot_bytes(Model.load(), Snapshot(dt.date(2020, 11, 25)), "svg")
    assert svg_texts(data) == svg_texts(cli)
    assert "25 November 2020" in svg_texts(data)
    # moving the date withdraws the file: it no longer matches the view
    app.slider(key="date").set_value(dt.date(2020, 11, 26)).run()
    assert not app.get("download_button")


def svg_texts(svg: bytes) -> str:
    return " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"), flags=re.S))


def test_a_scenario_named_on_the_command_line_is_the_one_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["app.py", "--scenario", str(ROOT / "docs/example-scenario")])
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert not at.error
    assert set(table(at)) == {"Aghdam", "Kalbajar", "Lachin"}


def test_a_broken_scenario_on_the_command_line_lists_its_problems(monkeypatch, tmp_path) -> None:
    (tmp_path / "scenario.yaml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "boundaries.geojson").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["app.py", "--scenario", str(tmp_path)])
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    message = at.error[0].value.replace("\\", "")  # markdown escapes
    assert message.startswith("The data could not be loaded")
    assert "boundaries.geojson, line 1: broken JSON" in message
    assert "scenario.yaml, date_range: expected start and end dates" in message


def test_export_workers_run_behind_the_server() -> None:
    """A file being drawn must not take the cores from the sessions' date changes."""
    from layers import worker
    from ui.cached import export_pool

    pool = export_pool()
    if pool is None:
        pytest.skip("exports are drawn in the server's own process (TCM_EXPORT_WORKERS=0)")
    server = worker.current_niceness()
    assert pool.submit(worker.current_niceness).result(timeout=120) >= min(19, server + worker.NICENESS)
