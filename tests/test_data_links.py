"""Get the data where people look: the app's sidebar, the map page, the published site; the version on each."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from geo.version import data_version
from geo.view import map_base
from layers import export

pytestmark = pytest.mark.browser


def test_the_app_links_to_the_package_it_serves(page, app_url: str) -> None:
    page.goto(app_url)
    link = page.get_by_role("link", name="Get the data")
    link.wait_for(timeout=60_000)
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"app/static/data/karabakh-control-map-data-[\w.-]+\.zip", href)
    response = page.request.get(f"{app_url}/{href}")
    assert response.status == 200
    with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["version"] == data_version().label
    assert page.get_by_text(f"Data version {data_version().label}").first.is_visible()


def test_the_published_site_offers_the_package_and_the_version(model, page, tmp_path: Path) -> None:
    site = export.publish(model, tmp_path / "site", languages=("en",))
    assert (site / "data.zip").is_file() and (site / "data/datapackage.json").is_file()
    page.goto((site / "index.html").as_uri())
    page.wait_for_function("window.tcm !== undefined")
    page.locator(".tcm-legend-fold").evaluate("d => { d.open = true; }")
    link = page.get_by_role("link", name=re.compile("Get the data"))
    assert link.get_attribute("href") == "data.zip"
    version = map_base(model).version  # the data the site was built from
    assert page.get_by_text(f"Data version {version}", exact=True).is_visible()
    assert version in page.locator(".leaflet-control-attribution").inner_text()
    assert page.get_by_text(re.compile(r"How to cite: .*" + re.escape(version))).is_visible()
