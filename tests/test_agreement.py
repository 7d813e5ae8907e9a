"""The interactive page and an export of the same date say the same thing.

Both render the core's description of a date (``geo.view``); this holds that
neither derives its own: the caption, every feature's holder and status, the
zones and lines drawn, and the story step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.timeline_view import STATE_FIELDS
from geo.view import date_view
from layers.export import interactive_html
from layers.static_map import Snapshot, caption_text, figure, headline_parts

pytestmark = pytest.mark.browser

DATES = [
    ("2020-09-26", "actual"),
    ("2020-10-20", "actual"),
    ("2020-11-10", "actual"),
    ("2020-11-15", "scheduled"),
    ("2020-11-21", "actual"),
    ("2022-12-20", "actual"),
    ("2023-09-21", "actual"),
]


@pytest.fixture(scope="module")
def page_file(model, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("agreement") / "map.html"
    path.write_text(interactive_html(model, day=dt.date(2020, 11, 10)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("iso", "scenario"), DATES)
def test_page_and_export_agree(model, page, page_file: Path, iso: str, scenario: str) -> None:
    day = dt.date.fromisoformat(iso)
    view = date_view(model, day, scenario)
    page.goto(f"{page_file.as_uri()}#date={iso}&scenario={scenario}")
    page.wait_for_function(f"window.tcm && tcm.day() === '{iso}'")

    expected = caption_text(view.caption)
    assert page.evaluate("tcm.caption()") == expected
    drawn = " ".join(t.get_text().replace("\n", " ") for t in figure(model, Snapshot(day, scenario)).texts)
    # the export titles the picture with the same leading event (its first clause, then the rest as the deck)
    assert view.caption is not None
    assert headline_parts(view.caption.headline)[0][:60] in drawn

    ids = sorted(view.states)
    columns = [STATE_FIELDS.index("controller"), STATE_FIELDS.index("status")]
    on_page = page.evaluate(
        "([ids, cols]) => ids.map(id => { const r = tcm.stateOf(id); return r ? cols.map(c => r[c]) : null; })",
        [ids, columns],
    )
    for feature_id, state in zip(ids, on_page, strict=True):
        wanted = [view.states[feature_id]["controller"], view.states[feature_id]["status"]]
        assert (state or [None, None]) == wanted, feature_id

    assert page.evaluate("tcm.zonesShown()") == sorted(z.id for z in view.zones)
    lines = page.evaluate("tcm.linesShown()")
    assert lines == {"contact": view.contact_line is not None, "peacekeepers": view.peacekeepers is not None}
    # Before the story starts the page offers its first step.
    assert page.evaluate("tcm.storyStep()") == (0 if view.step is None else view.step)
