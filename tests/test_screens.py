"""The map on every screen: a phone, a tablet, a laptop, a large screen and an article's iframe.

Each size is opened as a reader would (touch on the phone and the tablet),
and the page is held to what the layout promises: the followed districts are
fitted in view, the overlays cover little of the map, no control covers
another, every control is big enough to tap, the keyboard reaches the
timeline without passing every shape, and axe-core finds no serious or
critical accessibility violation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layers import export
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"
# name: (width, height, touch, largest share of the map the overlays may cover)
SCREENS = {
    "phone": (390, 844, True, 0.30),
    "tablet": (820, 1180, True, 0.25),
    "laptop": (1366, 768, False, 0.20),
    "large": (1920, 1080, False, 0.20),
}
OVERLAYS = (".tcm-title", ".tcm-bar", ".tcm-legend", ".leaflet-control-zoom", ".leaflet-control-scale")


@pytest.fixture(scope="module")
def site(model, tmp_path_factory) -> Path:
    folder = export.publish(model, tmp_path_factory.mktemp("screens") / "site", languages=("en", "ru"))
    (folder / "article.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>An article</title></head><body style='margin:0'>"
        "<p>Text of the article.</p>"
        "<iframe id='wide' src='index.html#date=2020-11-21' title='Map' style='border:0;width:100%;height:480px'>"
        "</iframe><iframe id='narrow' src='index.html#date=2020-11-21' title='Map' "
        "style='border:0;width:320px;height:480px'></iframe></body></html>",
        encoding="utf-8",
    )
    return folder


def open_page(browser, url: str, screen: str) -> object:
    width, height, touch, _ = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.tcm && tcm.day() === '2020-11-21'")
    return page


def boxes(frame) -> dict[str, dict[str, float]]:
    return frame.evaluate(
        """sels => Object.fromEntries(sels.map(s => {
             const n = document.querySelector(s);
             if (!n || getComputedStyle(n).display === 'none') { return [s, null]; }
             const r = n.getBoundingClientRect();
             return [s, r.width && r.height ? {left: r.left, right: r.right, top: r.top, bottom: r.bottom} : null];
           }))""",
        list(OVERLAYS),
    )


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    across = a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1
    return across and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def check_layout(frame, limit: float, least: float = 0.12) -> None:
    """Fitted, lightly covered, nothing over anything else."""
    fit = frame.evaluate("tcm.fitted()")
    assert fit["left"] >= -2 and fit["right"] <= fit["width"] + 2, fit
    assert fit["top"] >= -2 and fit["bottom"] <= fit["height"] + 2, fit
    share = (fit["right"] - fit["left"]) * (fit["bottom"] - fit["top"]) / (fit["width"] * fit["height"])
    assert share >= least, f"the followed districts take only {share:.0%} of the map"
    covered = frame.evaluate("tcm.coverage()")
    assert covered <= limit, f"the overlays cover {covered:.0%} of the map"
    found = {k: v for k, v in boxes(frame).items() if v}
    for first in found:
        for second in found:
            if first < second:
                assert not overlap(found[first], found[second]), (first, second)


def check_tap_targets(frame) -> None:
    small = frame.evaluate(
        """() => Array.from(document.querySelectorAll(['button', 'select', 'input', 'summary']
             .map(s => '.leaflet-control ' + s).concat(['.leaflet-bar a']).join(', ')))
           .filter(n => n.checkVisibility({checkVisibilityCSS: true}))
           .map(n => n.type === 'checkbox' ? n.closest('label') : n)
           .map(n => { const r = n.getBoundingClientRect();
                       return [n.getAttribute('aria-label') || n.textContent.trim() || n.type, r.width, r.height]; })
           .filter(([, w, h]) => w < 44 || h < 44)"""
    )
    assert small == [], small


def axe_problems(frame) -> list[str]:
    """Serious and critical violations of WCAG 2.1 A and AA that axe-core finds."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci) to install it")
    frame.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = frame.evaluate(
        "async () => { const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});"
        " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')); }"
    )
    return list(result)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_published_map_fits_every_screen(browser, site: Path, screen: str) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", screen)
    check_layout(page, SCREENS[screen][3])
    if SCREENS[screen][2]:
        check_tap_targets(page)
    assert axe_problems(page) == []
    page.context.close()


def test_the_view_is_fitted_again_after_a_rotation(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", "phone")
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_function("tcm.coverage() > 0")
    check_layout(page, 0.40, least=0.08)  # a phone on its side: the bar takes a larger part of a short map
    page.context.close()


def test_on_a_phone_the_legend_opens_as_a_sheet_above_the_bar(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", "phone")
    legend = page.locator(".tcm-legend")
    assert not legend.is_visible()
    page.get_by_role("button", name="Legend").click()
    assert legend.is_visible()
    sheet, bar = legend.bounding_box(), page.locator(".tcm-bar").bounding_box()
    assert sheet["y"] + sheet["height"] <= bar["y"] + 1, (sheet, bar)
    assert page.get_by_role("button", name="Legend").get_attribute("aria-expanded") == "true"
    page.get_by_role("checkbox", name="Towns and villages").uncheck()
    assert "places" not in page.evaluate("tcm.layers()")
    page.get_by_role("button", name="Next event").click()  # the bar stays usable with the sheet open
    assert page.evaluate("tcm.day()") == "2020-11-25"
    page.context.close()


def test_an_exact_day_can_be_typed(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", "phone")
    page.get_by_label("Exact date").fill("2022-08-26")
    page.wait_for_function("tcm.day() === '2022-08-26'")
    page.context.close()


@pytest.mark.parametrize("frame_id", ["wide", "narrow"])
def test_the_map_works_in_an_article(browser, site: Path, frame_id: str) -> None:
    context = browser.new_context(viewport={"width": 760, "height": 1000})
    page = context.new_page()
    page.goto((site / "article.html").as_uri())
    frame = page.frame_locator(f"#{frame_id}")
    frame.locator("[data-testid=map-date]").wait_for()
    inner = page.locator(f"#{frame_id}").element_handle().content_frame()
    inner.wait_for_function("window.tcm && tcm.day() === '2020-11-21'")
    # A 480 px frame is a short map: the bar and the title take more of it than on a screen.
    check_layout(inner, 0.35 if frame_id == "wide" else 0.50, least=0.10)
    frame.get_by_role("button", name="Next event").click()
    inner.wait_for_function("tcm.day() === '2020-11-25'")
    assert inner.evaluate("tcm.gestures()"), "one finger must scroll the article"
    context.close()


def test_keyboard_reaches_the_timeline_without_passing_every_shape(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", "laptop")
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if stops[-1] == "tcm-date":
            break
    assert "tcm-date" in stops, stops
    assert "path" not in [s.lower() for s in stops], stops
    page.locator(".leaflet-container").focus()
    page.keyboard.press("ArrowRight")  # on the map the arrows pan it; they do not move the date
    assert page.evaluate("tcm.day()") == "2020-11-21"
    page.locator("#tcm-date").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("tcm.day()") == "2020-11-22"
    page.context.close()


def test_the_skip_link_leads_to_the_timeline(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21", "laptop")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the timeline"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "tcm-date"
    page.context.close()


def test_presentation_mode_passes_axe(browser, site: Path) -> None:
    page = open_page(browser, (site / "index.html").as_uri() + "#date=2020-11-21&mode=present", "laptop")
    page.wait_for_function("tcm.mode() === 'present'")
    assert axe_problems(page) == []
    page.context.close()


def test_page_language_title_and_zoom(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Nagorno-Karabakh: who controlled what, and when</title>" in html
    assert "user-scalable=no" not in html and "maximum-scale" not in html


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_app_shows_the_map_on_the_first_screen(browser, app_url: str, screen: str) -> None:
    width, height, touch, limit = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(f"{app_url}/?date=2020-11-21")
    page.frame_locator("iframe.tcm-frame").locator("[data-testid=map-date]").wait_for(timeout=60_000)
    frame = page.locator("iframe.tcm-frame").bounding_box()
    assert frame["y"] < height * 0.4, frame  # the map starts on the first screen
    inner = page.locator("iframe.tcm-frame").element_handle().content_frame()
    bar = inner.locator(".tcm-bar").bounding_box()  # in the page's coordinates
    assert bar["y"] + bar["height"] <= height + 1, "the map's timeline bar is below the fold"
    check_layout(inner, limit)
    assert inner.evaluate("tcm.gestures()")
    problems = axe_problems(page.main_frame)
    assert problems == [], json.dumps(problems)
    context.close()
