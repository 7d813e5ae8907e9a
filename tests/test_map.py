"""The map page: what it carries, that it is self-contained, and that data text stays text."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from geo.model import Model
from layers.timeline_map import map_html, timeline_config
from tests.conftest import ROOT

DAY = dt.date(2020, 11, 10)


@pytest.fixture(scope="module")
def page_html(model: Model) -> str:
    return map_html(model, day=DAY)


def config_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="tcm-config">(.*?)</script>', html, re.S)
    assert match, "the page has no configuration block"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network(page_html: str) -> None:
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page_html)
    assert "cdn." not in page_html and "unpkg" not in page_html


def test_config_carries_every_state_change(model: Model) -> None:
    config = timeline_config(model, day=DAY)
    assert {f["properties"]["id"] for f in config["districts"]["features"]} == set(model.dataset.area_districts.index)
    aghdam = config["states"]["actual"]["AZ-AGM"]
    fields = config["stateFields"]
    days = [row[fields.index("day")] for row in aghdam]
    assert days == sorted(days)
    last = dict(zip(fields, aghdam[-1], strict=True))
    assert last["controller"] == "AZ" and config["events"][last["event"]]["id"] == "2020-11-20-aghdam-handover"
    kalbajar_actual = config["states"]["actual"]["AZ-KAL"]
    kalbajar_scheduled = config["states"]["scheduled"]["AZ-KAL"]
    assert kalbajar_actual != kalbajar_scheduled


def test_labels_follow_every_convention(model: Model) -> None:
    config = timeline_config(model, day=DAY)
    shusha = next(s for s in config["settlements"] if s["id"] == "shusha")
    assert shusha["label"] == {"neutral": "Shusha / Shushi", "az": "Şuşa", "hy": "Shushi", "en": "Shusha"}
    tartar = next(s for s in config["settlements"] if s["id"] == "tartar")
    assert tartar["label"]["neutral"] == "Tartar"


def test_page_is_reproducible(model: Model, page_html: str) -> None:
    assert map_html(model, day=DAY) == page_html


def test_markup_in_place_names_cannot_escape(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settlements = data / "timeline/settlements.csv"
    hostile = '"<img src=x onerror=alert(1)></script><script>alert(2)</script>"'
    text = settlements.read_text(encoding="utf-8").replace("\nhadrut,Hadrut,", f"\nhadrut,{hostile},", 1)
    settlements.write_text(text, encoding="utf-8")
    html = map_html(Model.load(data), day=DAY)
    assert "<script>alert(2)</script>" not in html
    config = config_of(html)
    hadrut = next(s for s in config["settlements"] if s["id"] == "hadrut")
    assert hadrut["label"]["en"] == "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
