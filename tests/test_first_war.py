"""The whole conflict: the first war (1991-1994) leads up to the 1994 line, and the data reaches 2024-2026."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from geo.schema import split_list
from geo.timeline_view import slider_spans
from tests.conftest import ROOT

D = dt.date
EVENTS = ROOT / "data/timeline/events"
FIRST_WAR = "1991_1994.csv"
LATER = "2024_2025.csv"
HEADLINE_MAX = 90
CEASEFIRE = D(1994, 5, 12)
PRE_WAR = D(2020, 9, 26)

# Each capture: (target, day it changed hands, controller the day before, controller on the day).
CAPTURES = [
    ("khojaly", D(1992, 2, 26), "AZ", "ARM"),
    ("shikharkh", D(1992, 4, 10), "ARM", "AZ"),  # Maragha
    ("shusha", D(1992, 5, 8), "AZ", "ARM"),
    ("lachin", D(1992, 5, 18), "AZ", "ARM"),
    ("AZ-LAC", D(1992, 5, 18), "AZ", "ARM"),
    ("chayli", D(1992, 6, 16), "ARM", "AZ"),
    ("aghdara", D(1992, 7, 4), "ARM", "AZ"),
    ("kalbajar", D(1993, 4, 2), "AZ", "ARM"),
    ("AZ-KAL", D(1993, 4, 2), "AZ", "ARM"),
    ("aghdara", D(1993, 6, 27), "AZ", "ARM"),
    ("aghdam", D(1993, 7, 23), "AZ", "ARM"),
    ("AZ-AGM", D(1993, 7, 23), "AZ", "split"),
    ("fuzuli", D(1993, 8, 23), "AZ", "ARM"),
    ("AZ-FUZ", D(1993, 8, 23), "AZ", "split"),
    ("jabrayil", D(1993, 8, 23), "AZ", "ARM"),
    ("AZ-CAB", D(1993, 8, 23), "AZ", "ARM"),
    ("gubadli", D(1993, 8, 31), "AZ", "ARM"),
    ("AZ-QBI", D(1993, 8, 31), "AZ", "ARM"),
    ("horadiz", D(1993, 9, 4), "AZ", "ARM"),  # claimed by Azerbaijan, denied
    ("zangilan", D(1993, 10, 29), "AZ", "ARM"),
    ("AZ-ZAN", D(1993, 10, 29), "AZ", "ARM"),
    ("horadiz", D(1994, 1, 6), "ARM", "AZ"),
    ("jojug-marjanli", D(1994, 1, 6), "ARM", "AZ"),
    ("sugovushan", D(1994, 4, 10), "AZ", "ARM"),  # Mataghis / Madagiz
    ("talish", D(1994, 4, 10), "AZ", "ARM"),
]

# Changes of control between the 1994 ceasefire and the eve of the 2020 war, each documented by a dated
# event. The fighting of April 2016 (2016-04-april-fighting) is an info event: the heights it changed
# are too small to change any district's or place's holder, so no change is listed for it.
DOCUMENTED_CHANGES_1994_2020: dict[str, str] = {}

GAZAKH = ("baghanis-ayrum", "ashaghi-askipara", "kheyrimli", "gizilhajili")


def rows(name: str) -> list[dict[str, str]]:
    with (EVENTS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def status(model, day: dt.date):  # type: ignore[no-untyped-def]
    return model.timeline.status_on(day)


def test_the_data_start_in_1991_and_reach_the_latest_event(model) -> None:
    assert model.dataset.meta.start <= D(1991, 12, 31)
    latest = max(model.dataset.events["date"])
    assert model.dataset.meta.end == latest >= D(2025, 8, 8)


def test_every_district_and_place_has_a_state_from_the_start(model) -> None:
    start = status(model, model.dataset.meta.start)
    followed = start[start["level"].isin(("district", "settlement"))]
    assert followed["controller"].notna().all(), list(followed.index[followed["controller"].isna()])


def test_start_state_is_sourced_and_as_the_sources_say(model) -> None:
    start = status(model, model.dataset.meta.start)
    for district in ("AZ-KAL", "AZ-LAC", "AZ-QBI", "AZ-ZAN", "AZ-CAB", "AZ-FUZ", "AZ-AGM"):
        assert start.loc[district, "controller"] == "AZ"
    assert start.loc["AZ-XA", "controller"] == "ARM"
    for district in ("AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-TAR"):
        assert start.loc[district, "controller"] == "split"
    assert start.loc["shusha", "controller"] == start.loc["khojaly", "controller"] == "AZ"
    assert start.loc["khankendi", "controller"] == start.loc["askeran", "controller"] == "ARM"
    assert all(start["sources"].map(len)[start["controller"].notna()] > 0)


@pytest.mark.parametrize(("target", "day", "before", "after"), CAPTURES)
def test_capture_changes_hands_on_its_day(model, target: str, day: dt.date, before: str, after: str) -> None:
    assert status(model, day - dt.timedelta(days=1)).loc[target, "controller"] == before
    assert status(model, day).loc[target, "controller"] == after


def test_nothing_jumps_back_at_the_ceasefire(model) -> None:
    """The 1994 ceasefire rows restate the line the first war's events lead up to."""
    eve, day = status(model, CEASEFIRE - dt.timedelta(days=1)), status(model, CEASEFIRE)
    places = day.index[day["level"] == "settlement"]
    changed = [p for p in places if eve.loc[p, "controller"] != day.loc[p, "controller"]]
    assert changed == []


def test_the_ceasefire_line_is_the_pre_war_line(model) -> None:
    after, pre_war = status(model, CEASEFIRE + dt.timedelta(days=1)), status(model, PRE_WAR)
    followed = after.index[after["level"].isin(("district", "settlement"))]
    changed = {
        t: f"{after.loc[t, 'controller']} -> {pre_war.loc[t, 'controller']}"
        for t in followed
        if after.loc[t, "controller"] != pre_war.loc[t, "controller"]
    }
    assert set(changed) == set(DOCUMENTED_CHANGES_1994_2020), changed
    april_2016 = model.dataset.events.set_index("event_id").loc["2016-04-april-fighting"]
    assert april_2016["kind"] == "info"


def test_every_row_names_its_sources_and_headlines_are_short() -> None:
    for name in (FIRST_WAR, LATER, "1994_2016.csv"):
        for row in rows(name):
            assert split_list(row["sources"]), (name, row["event_id"])
            headline = row.get("headline", "")
            assert headline and len(headline) <= HEADLINE_MAX and "\n" not in headline, (name, row["event_id"])
            assert row.get("rank", "") in ("1", "2", "3", "4", "5"), (name, row["event_id"])


def test_every_day_has_one_leading_event() -> None:
    """On a day with several events exactly one has the best rank, so the caption's lead is never a tie."""
    by_day: dict[str, list[int]] = {}
    for row in rows(FIRST_WAR) + rows(LATER):
        by_day.setdefault(row["date"], []).append(int(row["rank"]))
    ties = {day: ranks for day, ranks in by_day.items() if ranks.count(min(ranks)) > 1}
    assert ties == {}


def test_disputed_framings_name_each_side_and_figures() -> None:
    events = {row["event_id"]: row for row in rows(FIRST_WAR)}
    khojaly = events["1992-02-26-khojaly-civilians"]
    assert khojaly["kind"] == "info" and khojaly["confidence"] == "disputed"
    for figure in ("613", "200", "161"):
        assert figure in khojaly["summary"] + khojaly["note"]
    assert "AZ:" in khojaly["sources"] and "ARM:" in khojaly["sources"]
    maragha = events["1992-04-10-maragha-civilians"]
    assert maragha["confidence"] == "disputed" and "AZ:" in maragha["sources"] and "ARM:" in maragha["sources"]
    for figure in ("43", "45", "100"):
        assert figure in maragha["summary"]


def test_date_ranges_are_noted(model) -> None:
    """Where sources give different days, the note says so (the earliest well-sourced day is used)."""
    events = model.dataset.events.set_index("event_id")
    for event_id in ("1992-05-08-shusha", "1993-04-02-kalbajar", "1993-08-23-jabrayil", "1993-10-29-zangilan"):
        assert "Dates" in events.loc[event_id, "note"], event_id


def test_gazakh_villages_change_hands(model) -> None:
    assert model.dataset.settlements.loc[list(GAZAKH), "district"].eq("AZ-QAZ").all()
    assert set(GAZAKH) <= set(model.timeline.targets)
    before, after = status(model, D(2024, 5, 23)), status(model, D(2024, 5, 24))
    for village in GAZAKH:
        assert before.loc[village, "controller"] == "ARM", village
        assert after.loc[village, "controller"] == "AZ", village
    assert status(model, D(1992, 3, 7)).loc["kheyrimli", "controller"] == "AZ"
    assert status(model, D(1992, 3, 8)).loc["kheyrimli", "controller"] == "ARM"


def test_the_route_to_nakhchivan_is_planned_and_schematic(model) -> None:
    zone = model.dataset.zones.loc["tripp-2025"]
    assert zone["schematic"] == "yes" and zone["kind"] == "link"
    assert status(model, D(2025, 8, 7)).loc["tripp-2025", "status"] is None
    assert status(model, D(2025, 8, 8)).loc["tripp-2025", "status"] == "planned"
    points = model.dataset.routes[model.dataset.routes["zone"] == "tripp-2025"]
    assert len(points) >= 2 and points["coord_source"].str.len().gt(0).all()


def test_peace_treaty_status_is_recorded_as_not_signed(model) -> None:
    treaty = model.dataset.events.set_index("event_id").loc["2025-08-08-peace-treaty-initialled"]
    assert treaty["kind"] == "info" and "not signed" in treaty["summary"]


def test_classroom_story_covers_the_first_war_and_six_handout_steps(model) -> None:
    story = model.dataset.story
    assert [int(s) for s in story["step"]] == list(range(1, len(story) + 1))
    days = set(story["date"])
    for day in (D(1992, 2, 26), D(1992, 5, 8), D(1992, 5, 18), D(1993, 4, 2), CEASEFIRE):
        assert day in days
    handout = story[story["handout"] == "yes"]
    assert len(handout) == 6
    assert min(handout["date"]) < CEASEFIRE < max(handout["date"])


def test_slider_opens_on_the_whole_history_then_the_first_war(model) -> None:
    spans = slider_spans(model.dataset.meta.start, model.dataset.meta.end)
    assert [s["id"] for s in spans[:2]] == ["all", "first-war"]
    assert spans[1]["label"] == "First war, 1991–1994"
    assert [s["id"] for s in slider_spans(CEASEFIRE, D(2024, 6, 12))] == ["all", "war", "after"]
