"""The core's one description of a date: captions, steps, zones and lines, as every renderer gets them."""

from __future__ import annotations

import datetime as dt

from geo.view import PRE_WAR_DAY, caption_at, date_view, importance, map_base, scenario_captions, step_at

D = dt.date


def test_the_statement_leads_the_caption_of_10_november(model) -> None:
    caption = caption_at(scenario_captions(model, "actual"), D(2020, 11, 10))
    assert caption is not None and caption.day == D(2020, 11, 10)
    assert caption.events[0] == "2020-11-10-statement"
    assert caption.headline.startswith("Trilateral statement")
    assert caption.more == len(caption.events) - 1 > 0


def test_a_day_without_events_shows_the_latest_earlier_caption(model) -> None:
    captions = scenario_captions(model, "actual")
    assert caption_at(captions, D(2020, 11, 19)).day == D(2020, 11, 15)
    assert caption_at(captions, model.timeline.start - dt.timedelta(days=1)) is None


def test_captions_cite_every_source_of_their_day(model) -> None:
    for caption in scenario_captions(model, "actual"):
        events = model.timeline.events_on(caption.day, "actual")
        assert set(caption.events) == set(events["event_id"])
        cited = {s.strip() for cell in events["sources"] for s in cell.split(" ; ") if s.strip()}
        assert set(caption.sources) == cited, caption.day


def test_scenarios_caption_their_own_deadlines(model) -> None:
    scheduled = caption_at(scenario_captions(model, "scheduled"), D(2020, 11, 15))
    actual = caption_at(scenario_captions(model, "actual"), D(2020, 11, 15))
    assert scheduled.events != actual.events


def test_importance_ranks_agreements_before_changes_before_information() -> None:
    statement = importance("info", "", "statement", 0, 0)
    status = importance("status", "blockaded", "media", 0, 1)
    handover = importance("control", "handed_over", "AZ_MoD", 1, 1)
    district = importance("control", "taken", "AZ_president", 1, 1)
    village = importance("control", "taken", "AZ_president", 0, 5)
    note = importance("info", "", "media", 0, 0)
    assert statement < status < handover < district < village < note
    assert importance("control", "taken", "media", 0, 9) < importance("control", "taken", "media", 0, 2)


def test_story_step_in_force(model) -> None:
    steps = map_base(model).steps
    assert step_at(steps, steps[0].day - dt.timedelta(days=1)) is None
    assert step_at(steps, steps[0].day) == 0
    assert step_at(steps, steps[-1].day + dt.timedelta(days=3)) == len(steps) - 1


def test_date_view_draws_the_pre_war_line_only_until_the_war(model) -> None:
    assert date_view(model, PRE_WAR_DAY).contact_line is not None
    assert date_view(model, PRE_WAR_DAY + dt.timedelta(days=1)).contact_line is None


def test_date_view_zones_follow_their_status(model) -> None:
    before = {z.id for z in date_view(model, D(2020, 11, 9)).zones}
    after = date_view(model, D(2020, 12, 15))
    assert "lachin-corridor-2020" not in before
    assert "lachin-corridor-2020" in {z.id for z in after.zones}
    assert after.peacekeepers is not None
    assert {z.id for z in date_view(model, D(2022, 9, 1)).zones} >= {"lachin-corridor-2022"}


def test_date_view_states_match_the_timeline(model) -> None:
    view = date_view(model, D(2020, 11, 21))
    status = model.timeline.status_on(D(2020, 11, 21))
    assert view.states["AZ-AGM"]["controller"] == status.loc["AZ-AGM", "controller"] == "AZ"
    assert set(view.states) == set(status.index)
    assert set(view.parts["controller"]) <= {"AZ", "ARM", "unknown"}
