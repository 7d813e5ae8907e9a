"""A link into presentation mode at any date agrees with the map, and Next and Back move in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.view import map_base
from layers.export import interactive_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_file(model, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("present") / "map.html"
    path.write_text(interactive_html(model, day=dt.date(2020, 11, 10)), encoding="utf-8")
    return path


def story_days(model) -> list[dt.date]:
    return [step.day for step in map_base(model).steps]


def test_a_link_to_a_step_s_date_opens_that_step(model, page, page_file: Path) -> None:
    days = story_days(model)
    target = next(d for d in days if d.year == 2020 and d.month == 11 and d.day > 20)
    page.goto(f"{page_file.as_uri()}#date={target.isoformat()}&mode=present")
    page.wait_for_function("window.tcm && tcm.mode() === 'present'")
    assert page.evaluate("tcm.day()") == target.isoformat()
    assert page.evaluate("tcm.step()") == days.index(target)
    assert page.locator(".tcm-story-offstep").count() == 0


def test_a_link_between_steps_keeps_its_date_and_marks_the_earlier_step(model, page, page_file: Path) -> None:
    days = story_days(model)
    earlier = next(d for d in days if d.year == 2020 and d.month == 11 and 10 < d.day < 24)
    later = next(d for d in days if d > earlier)
    between = earlier + dt.timedelta(days=1)
    assert between < later
    page.goto(f"{page_file.as_uri()}#date={between.isoformat()}&mode=present")
    page.wait_for_function("window.tcm && tcm.mode() === 'present'")
    assert page.evaluate("tcm.day()") == between.isoformat()  # the map shows the linked date
    assert page.evaluate("tcm.step()") == days.index(earlier)  # with the step in force, marked as earlier
    assert page.locator(".tcm-story-offstep").is_visible()
    page.get_by_role("button", name="Next →").click()
    page.wait_for_function(f"tcm.day() === '{later.isoformat()}'")  # forward in time, never back
    page.get_by_role("button", name="← Back").click()
    page.wait_for_function(f"tcm.day() === '{earlier.isoformat()}'")
    page.keyboard.press("PageDown")
    page.wait_for_function(f"tcm.day() === '{later.isoformat()}'")
