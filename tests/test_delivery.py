"""The map page over HTTP: loaded by its address, its data compressed, fetched once and then cached.

The app's iframe and the published site load the same light page; its
geometry and timeline are files named by their hash, stored gzip-compressed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from layers import page_files, site_server
from layers.export import interactive_html

pytestmark = pytest.mark.browser

DAY = dt.date(2020, 11, 21)
DATA_FILE = re.compile(r"/(geometry|timeline)-([0-9a-f]{12})\.json\.gz$")


def named_by_content(url: str, body: bytes) -> bool:
    """The body is gzip, and the hash in the file's name is that of what it unpacks to."""
    match = DATA_FILE.search(url)
    return (
        bool(match)
        and body[:2] == b"\x1f\x8b"
        and hashlib.sha256(gzip.decompress(body)).hexdigest()[:12] == (match.group(2))
    )


def every_district_drawn(frame, model) -> None:
    districts = list(model.dataset.area_districts.index)
    frame.wait_for_function("id => window.tcm && tcm.fillOf(id) !== null", arg=districts[0], timeout=60_000)
    fills = frame.evaluate("ids => ids.map(id => tcm.fillOf(id))", districts)
    assert all(fills), dict(zip(districts, fills, strict=True))


@pytest.fixture(scope="module")
def site(model, tmp_path_factory) -> Iterator[str]:
    """The published page (as ``publish`` writes it, without the snapshots), served as README.txt asks."""
    folder = tmp_path_factory.mktemp("site")
    page = interactive_html(model, day=model.dataset.meta.default_date)
    page_files.split_page(page, "assets/").write(folder / "assets", folder / "index.html")
    server = site_server.make_server(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


def test_the_published_page_loads_its_data_once_compressed_and_then_from_the_cache(browser, site: str, model) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: list[dict] = []
    cdp.on("Network.responseReceived", lambda event: seen.append(event["response"]))
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(f"{site}/index.html#date={DAY.isoformat()}")
    every_district_drawn(page, model)
    data = [r for r in responses if DATA_FILE.search(r.url)]
    assert sorted(DATA_FILE.search(r.url).group(1) for r in data) == ["geometry", "timeline"]
    for response in data:
        assert named_by_content(response.url, response.body()), response.url
        assert "immutable" in response.headers["cache-control"]
    scripts = [r for r in responses if r.url.endswith(".js")]
    assert scripts and all(r.headers.get("content-encoding") == "gzip" for r in scripts)
    page.get_by_role("button", name="Next event").click()
    page.wait_for_function(f"tcm.day() > '{DAY.isoformat()}'")
    assert len([r for r in responses if DATA_FILE.search(r.url)]) == 2  # a date change fetches nothing

    seen.clear()
    page.goto("about:blank")
    page.goto(f"{site}/index.html#date={DAY.isoformat()}")  # a second visit
    every_district_drawn(page, model)
    again = [r for r in seen if DATA_FILE.search(r["url"])]
    assert len(again) == 2 and all(r.get("fromDiskCache") or r.get("fromMemoryCache") for r in again), again
    context.close()


def test_the_app_loads_the_map_by_its_address_not_through_the_websocket(page, app_url: str, model) -> None:
    largest = [0]

    def watch(socket) -> None:
        socket.on("framereceived", lambda payload: largest.__setitem__(0, max(largest[0], len(payload))))

    page.on("websocket", watch)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{app_url}/?date={DAY.isoformat()}")
    frame_element = page.locator("iframe.tcm-frame")
    expect(frame_element).to_have_attribute(
        "src", re.compile(r"^app/static/map/page-[0-9a-f]{12}\.html$"), timeout=60_000
    )
    frame = frame_element.element_handle().content_frame()
    every_district_drawn(frame, model)
    frame.evaluate("window.__sameDocument = true")

    data = [r for r in responses if DATA_FILE.search(r.url)]
    assert sorted(DATA_FILE.search(r.url).group(1) for r in data) == ["geometry", "timeline"]
    assert all(named_by_content(r.url, r.body()) for r in data)
    code = [r for r in responses if re.search(r"/app/static/map/.+\.(js|css|html)$", r.url)]
    assert code and all(r.headers.get("content-encoding") == "gzip" for r in code), [r.url for r in code]

    page.get_by_role("combobox", name="Key date").click()
    page.get_by_role("option", name=re.compile(r"^25 Nov(ember)? 2020")).click()
    frame.wait_for_function("tcm.day() === '2020-11-25'", timeout=30_000)
    expect(page.get_by_text("What changed on this date")).to_be_visible(timeout=60_000)
    assert frame.evaluate("window.__sameDocument === true"), "the map page was reloaded"
    assert len([r for r in responses if DATA_FILE.search(r.url)]) == 2  # nothing fetched again
    assert largest[0] < 100_000, f"a websocket message of {largest[0]} bytes: the page travels by address"


def test_the_light_page_is_small_and_every_file_it_names_is_written(model, tmp_path: Path) -> None:
    page = interactive_html(model, day=model.dataset.meta.default_date)
    written = page_files.split_page(page, "assets/").write(tmp_path / "assets", tmp_path / "index.html")
    html = written.read_text(encoding="utf-8")
    named = re.findall(r'"(assets/[^"]+)"', html)
    assert len(named) >= 8
    for address in named:
        stem = tmp_path / address
        assert stem.is_file() or (stem.with_name(stem.name + ".json.gz").is_file()), address
    assert (tmp_path / "index.html.gz").is_file() and len(html) < 5_000
