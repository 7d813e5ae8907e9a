"""The running app in Debian's Chromium: the map follows the date, and the date follows the map."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AZ_BLUE = "#0072B2"
ARM_ORANGE = "#E69F00"


def open_app(page, url: str, query: str = "") -> object:
    outside: list[str] = []

    def watch(request) -> None:
        if not re.match(r"^(https?://127\.0\.0\.1[:/]|data:|about:|blob:)", request.url):
            outside.append(request.url)

    page.on("request", watch)
    page.goto(f"{url}/{query}")
    frame = page.frame_locator("iframe.tcm-frame")
    frame.locator("[data-testid=map-date]").wait_for(timeout=60_000)
    page.outside_requests = outside  # type: ignore[attr-defined]
    return frame


def open_legend(frame) -> None:
    """The legend starts folded unless the map has room for it beside the districts; open it to reach the layers."""
    fold = frame.locator(".tcm-legend details")
    if not fold.evaluate("d => d.open"):
        frame.get_by_text("Who controlled the area").click()


def map_frame(page) -> object:
    """The map's frame, whichever way it came: by its address, or inline for an uploaded scenario."""
    return page.locator("iframe.tcm-frame").element_handle().content_frame()


def test_district_changes_colour_when_the_date_moves(page, app_url: str) -> None:
    open_app(page, app_url, "?date=2020-11-19")
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.day() === '2020-11-19'")
    # The day before the handover most of Aghdam district is held by the Armenian side, the rest by Azerbaijan.
    assert frame.evaluate("tcm.fillOf('AZ-AGM')") == ARM_ORANGE
    assert set(frame.evaluate("Object.keys(tcm.fillsOf('AZ-AGM'))")) == {ARM_ORANGE, AZ_BLUE}
    frame.evaluate("window.__sameDocument = true")

    page.get_by_role("combobox", name="Key date").click()
    page.get_by_role("option", name=re.compile(r"^20 Nov(ember)? 2020")).click()
    frame.wait_for_function("tcm.day() === '2020-11-20'", timeout=30_000)
    assert frame.evaluate("tcm.fillOf('AZ-AGM')") == AZ_BLUE
    assert frame.evaluate("window.__sameDocument === true"), "the map page was reloaded"
    expect(page.get_by_text("What changed on this date")).to_be_visible(timeout=60_000)
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_moving_the_date_on_the_map_moves_streamlit(page, app_url: str) -> None:
    frame_locator = open_app(page, app_url, "?date=2020-11-20")
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.day() === '2020-11-20'")
    frame_locator.locator("#tcm-date").focus()
    page.keyboard.press("PageDown")  # next event: Kalbajar on 25 November
    frame.wait_for_function("tcm.day() === '2020-11-25'")
    slider = page.get_by_role("slider", name="Date")
    expect(slider).to_have_attribute("aria-valuetext", "25 Nov 2020", timeout=30_000)
    page.wait_for_url(re.compile(r"date=2020-11-25"), timeout=30_000)
    assert frame.evaluate("tcm.fillOf('AZ-KAL')") == AZ_BLUE


def test_keyboard_steps_days_and_events(page, app_url: str, model) -> None:
    start, end = model.dataset.meta.start, model.dataset.meta.end
    frame_locator = open_app(page, app_url, "?date=2020-11-10")
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.day() === '2020-11-10'")
    frame_locator.locator("#tcm-date").focus()
    page.keyboard.press("ArrowRight")
    frame.wait_for_function("tcm.day() === '2020-11-11'")
    page.keyboard.press("Shift+ArrowRight")  # next event: the Kalbajar extension on 15 November
    frame.wait_for_function("tcm.day() === '2020-11-15'")
    page.keyboard.press("PageUp")
    frame.wait_for_function("tcm.day() === '2020-11-10'")
    page.keyboard.press("End")
    frame.wait_for_function(f"tcm.day() === '{end.isoformat()}'")
    page.keyboard.press("Home")
    frame.wait_for_function(f"tcm.day() === '{start.isoformat()}'")
    live = frame_locator.locator("[aria-live=polite]")
    expect(live).to_contain_text(f"{start.day} {start:%B %Y}", timeout=10_000)
    page.keyboard.press(" ")  # play
    frame.wait_for_function(f"tcm.day() > '{(start + dt.timedelta(days=1)).isoformat()}'")
    page.keyboard.press(" ")  # pause
    paused = frame.evaluate("tcm.day()")
    expect(frame_locator.get_by_role("button", name="Play")).to_be_visible()
    assert frame.evaluate("tcm.day()") == paused


def test_link_round_trip_restores_the_view(page, app_url: str) -> None:
    query = "?date=2020-11-20&scenario=scheduled&names=hy&layers=places,corridor&view=39.7000,46.6000,10"
    frame_locator = open_app(page, app_url, query)
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.day() === '2020-11-20'")
    assert frame.evaluate("tcm.fillOf('AZ-KAL')") == AZ_BLUE  # as scheduled: Kalbajar on 15 November
    open_legend(frame_locator)
    expect(frame_locator.locator("[data-layer=line]")).not_to_be_checked()
    expect(frame_locator.locator("[data-layer=corridor]")).to_be_checked()
    frame.wait_for_function("tcm.zoom() === 10")
    assert page.get_by_role("radio", name="As scheduled by the statement").is_checked()
    open_legend(frame_locator)
    frame_locator.locator("[data-layer=places]").uncheck()
    page.wait_for_url(re.compile(r"layers=corridor(&|$)"), timeout=30_000)
    assert "names=hy" in page.url and "scenario=scheduled" in page.url


def test_map_renders_with_every_outside_request_blocked(page, app_url: str) -> None:
    blocked: list[str] = []

    def refuse(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), refuse)
    open_app(page, app_url, "?date=2020-12-02")
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && document.querySelectorAll('path.leaflet-interactive').length > 50")
    assert blocked == []


def test_presentation_mode_walks_the_story(page, app_url: str, model) -> None:
    days = [step.date for step in model.dataset.story.itertuples()]
    frame_locator = open_app(page, app_url, "?mode=present&date=2020-11-10")
    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.mode() === 'present'")
    story = frame_locator.locator(".tcm-story")
    expect(story).to_contain_text("The trilateral statement")
    expect(story).to_contain_text(f"Step {days.index(dt.date(2020, 11, 10)) + 1} of {len(days)}")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    frame_locator.locator(".tcm-story").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")  # a presentation clicker's "next"
    frame.wait_for_function("tcm.day() === '2020-11-20'")
    expect(story).to_contain_text("Aghdam handed over")
    page.keyboard.press("ArrowLeft")
    frame.wait_for_function("tcm.day() === '2020-11-10'")
    page.wait_for_url(re.compile(r"mode=present"), timeout=30_000)
    frame_locator.get_by_role("button", name="Leave presentation").click()
    frame.wait_for_function("tcm.mode() === 'explore'")
    expect(page.get_by_text("What changed on this date")).to_be_visible(timeout=60_000)


@pytest.mark.parametrize("zoom", [8, 9, 10])
def test_names_on_the_map_do_not_overlap(page, app_url: str, zoom: int) -> None:
    open_app(page, app_url, f"?date=2020-11-10&view=39.7500,46.8000,{zoom}")
    frame = map_frame(page)
    frame.wait_for_function(f"window.tcm && tcm.zoom() === {zoom}")
    boxes = frame.evaluate("tcm.visibleLabels()")
    assert len(boxes) >= 8
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)


def zip_folder(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return out


def test_upload_a_scenario_and_see_every_problem_of_a_bad_one(page, app_url: str, tmp_path: Path) -> None:
    example = ROOT / "docs/example-scenario"
    good = zip_folder(example, tmp_path / "good.zip")
    broken = tmp_path / "broken"
    shutil.copytree(example, broken)
    events = (broken / "events.csv").read_text(encoding="utf-8").replace("2020-11-20", "2020-11-31")
    (broken / "events.csv").write_text(events.replace(",AZ-KAL,", ",AZ-XYZ,", 1), encoding="utf-8")
    bad = zip_folder(broken, tmp_path / "bad.zip")

    open_app(page, app_url, "?date=2020-11-10")
    page.get_by_text("Your own data").click()
    page.locator("input[type=file]").set_input_files(str(bad))
    alert = page.get_by_text("This scenario has 3 problem(s)")
    expect(alert).to_be_visible(timeout=60_000)
    expect(page.get_by_text("events.csv, row 5: '2020-11-31' is not a real calendar date")).to_be_visible()
    expect(page.get_by_text("unknown target 'AZ-XYZ'")).to_be_visible()

    page.locator("input[type=file]").set_input_files(str(good))
    expect(page.get_by_text("Scenario loaded.")).to_be_visible(timeout=60_000)
    frame = page.frame_locator("iframe.tcm-frame")
    expect(frame.locator(".tcm-title-text")).to_have_text(
        "The 2020 handovers (Aghdam, Kalbajar, Lachin)", timeout=60_000
    )


COLLECT_EVERY_TOOLTIP_AND_POPUP = """() => {
  const seen = [];
  for (const node of document.querySelectorAll('.leaflet-interactive')) {
    for (const type of ['mouseover', 'click']) {
      node.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: 5, clientY: 5}));
      for (const box of document.querySelectorAll('.leaflet-tooltip, .leaflet-popup-content')) {
        seen.push(box.textContent);
      }
    }
    node.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
  }
  return seen;
}"""


def test_text_from_an_uploaded_scenario_never_runs_as_script(page, app_url: str, tmp_path: Path) -> None:
    from tests import hostile

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    evil = zip_folder(hostile.write_hostile_scenario(tmp_path / "evil"), tmp_path / "evil.zip")

    open_app(page, app_url, "?date=2020-11-10")
    page.get_by_text("Your own data").click()
    page.locator("input[type=file]").set_input_files(str(evil))
    expect(page.get_by_text("Scenario loaded.")).to_be_visible(timeout=60_000)
    frame_locator = page.frame_locator("iframe.tcm-frame")
    expect(frame_locator.locator(".tcm-title-text")).to_have_text(hostile.TITLE, timeout=60_000)
    # the panels show the event's summary as the text it is
    panel = page.locator("[data-testid=stMarkdownContainer]").filter(has_text=hostile.SUMMARY)
    expect(panel.first).to_be_visible(timeout=60_000)
    expect(page.get_by_text(hostile.TITLE).first).to_be_visible()

    frame = map_frame(page)
    frame.wait_for_function("window.tcm && tcm.day() === '1994-05-12'")
    shown = " | ".join(frame.evaluate(COLLECT_EVERY_TOOLTIP_AND_POPUP))
    for payload in (hostile.PLACE, hostile.DISTRICT, hostile.NOTE, hostile.SUMMARY):
        assert payload in shown, payload
    assert "Source: " + hostile.SOURCE[:20] in shown
    for where in (page, frame):
        assert where.evaluate("document.querySelectorAll('img[src=\"x\"], svg[onload], b[onmouseover]').length") == 0
        assert where.evaluate("[...document.querySelectorAll('a')].every(a => !a.href.startsWith('javascript:'))")
    assert dialogs == []


def test_a_journalist_downloads_a_png_of_the_view_on_screen(page, app_url: str) -> None:
    from PIL import Image

    open_app(page, app_url, "?date=2020-11-25")
    page.get_by_text("Export this view").click()
    page.get_by_role("button", name="Make the file").click()
    button = page.get_by_role("button", name="Download karabakh-control-2020-11-25-actual-social.png")
    expect(button).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = info.value.path()
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 675))


def test_a_stale_message_from_the_server_does_not_undo_what_the_user_just_did_on_the_map(page) -> None:
    """A server run that started before the user left presentation mode, or hid a layer, must not bring it back."""
    from layers import prebuilt

    _, document, _ = prebuilt.load(ROOT / "data")
    page.set_content("<iframe id='map' style='width:1200px;height:800px'></iframe>")
    page.evaluate("html => { document.getElementById('map').srcdoc = html; }", document)
    frame = page.frame_locator("#map")
    frame.locator("[data-testid=map-date]").wait_for(timeout=60_000)
    inner = page.locator("#map").element_handle().content_frame()
    inner.wait_for_function("window.tcm && tcm.mode()")

    def from_server(mode: str, layers: str, rev: int, date: str) -> None:
        message = {"type": "tcm:set", "date": date, "rev": rev, "scenario": "actual", "names": "neutral"}
        page.evaluate(
            "m => document.getElementById('map').contentWindow.postMessage(m, '*')",
            {**message, "mode": mode, "layers": layers},
        )
        inner.wait_for_function(f"tcm.day() === '{date}'")  # messages arrive in order: this one was handled

    every_layer = inner.evaluate("tcm.layers()")
    from_server("present", every_layer, 1, "2020-11-10")
    assert inner.evaluate("tcm.mode()") == "present"
    frame.get_by_role("button", name="Leave presentation").click()
    inner.wait_for_function("tcm.mode() === 'explore'")
    open_legend(frame)
    frame.locator("input[data-layer=labels]").uncheck()
    assert "labels" not in inner.evaluate("tcm.layers()")

    from_server("present", every_layer, 2, "2020-11-20")  # sent before the server heard of either change
    assert inner.evaluate("tcm.mode()") == "explore"
    assert "labels" not in inner.evaluate("tcm.layers()")

    from_server("explore", "places", 3, "2020-11-25")  # the server caught up, then a widget changed the layers
    from_server("present", "places", 4, "2020-11-26")  # and the presentation toggle was switched on
    assert inner.evaluate("tcm.layers()") == "places"
    assert inner.evaluate("tcm.mode()") == "present"


def map_in_frame(page, width: int, height: int) -> object:
    from layers import prebuilt

    _, document, _ = prebuilt.load(ROOT / "data")
    page.set_content(f"<iframe id='map' style='width:{width}px;height:{height}px;border:0'></iframe>")
    page.evaluate("html => { document.getElementById('map').srcdoc = html; }", document)
    page.frame_locator("#map").locator("[data-testid=map-date]").wait_for(timeout=60_000)
    return page.locator("#map").element_handle().content_frame()


def test_the_map_controls_do_not_cover_each_other_on_the_app_s_map(page) -> None:
    """At the app's map size the date, the legend and the timeline bar are all fully in view."""
    inner = map_in_frame(page, 980, 640)
    open_legend(inner)
    boxes = inner.evaluate(
        """() => Object.fromEntries(
             ['.tcm-title', '.tcm-legend', '.tcm-bar', '.leaflet-container'].map(s => {
               const r = document.querySelector(s).getBoundingClientRect();
               return [s, {left: r.left, right: r.right, top: r.top, bottom: r.bottom}];
             }))"""
    )
    title, legend, bar, whole = (boxes[k] for k in (".tcm-title", ".tcm-legend", ".tcm-bar", ".leaflet-container"))
    assert legend["top"] >= title["bottom"], (legend, title)
    assert bar["right"] <= legend["left"], (bar, legend)
    for box in (title, legend, bar):
        assert whole["left"] <= box["left"] and box["right"] <= whole["right"], box
        assert whole["top"] <= box["top"] and box["bottom"] <= whole["bottom"], box
    for name in ("Table", "Present", "Next event"):
        button = inner.get_by_role("button", name=name).bounding_box()
        assert button["x"] + button["width"] <= bar["right"], name


def test_on_a_short_map_the_legend_starts_folded_and_opens_on_request(page) -> None:
    inner = map_in_frame(page, 900, 380)
    fold = inner.locator(".tcm-legend details")
    assert fold.evaluate("d => d.open") is False
    inner.get_by_role("button", name="Legend").click()  # on a short map the legend opens from the timeline bar
    assert fold.evaluate("d => d.open") is True
    expect(inner.locator(".tcm-legend").get_by_text("Scheduled for handover")).to_be_visible()
