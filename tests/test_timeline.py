"""The timeline core on tiny hand-built data and on the real data."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.timeline import OutOfRangeError
from tests.conftest import make_events, make_timeline

D = dt.date


def test_event_is_in_force_on_its_own_date() -> None:
    timeline = make_timeline(
        [
            {"event_id": "a", "date": "2020-01-01", "targets": "X", "controller": "ARM"},
            {"event_id": "b", "date": "2020-02-01", "targets": "X", "controller": "AZ"},
        ]
    )
    assert timeline.status_on(D(2020, 1, 31)).loc["X", "controller"] == "ARM"
    assert timeline.status_on(D(2020, 2, 1)).loc["X", "controller"] == "AZ"
    assert timeline.status_on(D(2020, 2, 1)).loc["X", "controller_since"] == D(2020, 2, 1)


def test_before_any_event_a_feature_has_no_controller() -> None:
    timeline = make_timeline([{"event_id": "a", "date": "2020-01-10", "targets": "X", "controller": "AZ"}])
    row = timeline.status_on(D(2020, 1, 9)).loc["X"]
    assert row["controller"] is None
    assert math.isnan(row["share_az"])


def test_status_event_keeps_the_controller_and_its_since() -> None:
    timeline = make_timeline(
        [
            {"event_id": "a", "date": "2000-05-12", "targets": "X", "controller": "ARM"},
            {"event_id": "b", "date": "2020-11-10", "targets": "X", "kind": "status", "status": "contested"},
        ]
    )
    row = timeline.status_on(D(2020, 11, 11)).loc["X"]
    assert (row["controller"], row["status"]) == ("ARM", "contested")
    assert row["since"] == D(2020, 11, 10)
    assert row["controller_since"] == D(2000, 5, 12)
    assert row["control_event"] == "a"


def test_unknown_split_share_is_not_inherited() -> None:
    timeline = make_timeline(
        [
            {"event_id": "a", "date": "2001-01-01", "targets": "X", "controller": "ARM", "share_az": "0"},
            {"event_id": "b", "date": "2002-01-01", "targets": "X", "controller": "split"},
        ]
    )
    assert math.isnan(timeline.status_on(D(2002, 1, 1)).loc["X", "share_az"])


def test_scenarios_share_events_but_not_their_own() -> None:
    timeline = make_timeline(
        [
            {"event_id": "a", "date": "2020-01-01", "targets": "X", "controller": "ARM"},
            {
                "event_id": "b",
                "date": "2020-11-15",
                "targets": "X",
                "controller": "AZ",
                "scenario": "scheduled",
            },
            {"event_id": "c", "date": "2020-11-25", "targets": "X", "controller": "AZ", "scenario": "actual"},
        ]
    )
    day = D(2020, 11, 20)
    assert timeline.status_on(day, "actual").loc["X", "controller"] == "ARM"
    assert timeline.status_on(day, "scheduled").loc["X", "controller"] == "AZ"


def test_events_between_is_half_open_and_ordered() -> None:
    timeline = make_timeline(
        [
            {"event_id": "b", "date": "2020-01-03", "targets": "X", "controller": "AZ"},
            {"event_id": "a", "date": "2020-01-01", "targets": "X", "controller": "ARM"},
            {"event_id": "c", "date": "2020-01-02", "kind": "info", "targets": ""},
        ]
    )
    found = timeline.events_between(D(2020, 1, 1), D(2020, 1, 3))
    assert list(found["event_id"]) == ["c", "b"]


def test_dates_outside_the_data_are_refused() -> None:
    timeline = make_timeline([{"event_id": "a", "date": "2020-01-01", "targets": "X", "controller": "AZ"}])
    with pytest.raises(OutOfRangeError):
        timeline.status_on(D(1999, 12, 31))
    with pytest.raises(ValueError, match="unknown scenario"):
        timeline.status_on(D(2020, 1, 1), "hoped-for")


# ---- invariants ---------------------------------------------------------------------
CONTROLLERS = st.sampled_from(["AZ", "ARM"])
DAYS = st.integers(min_value=0, max_value=400)


@st.composite
def event_lists(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for index in range(count):
        day = D(2020, 1, 1) + dt.timedelta(days=draw(DAYS))
        rows.append(
            {
                "event_id": f"e{index:02d}",
                "date": day.isoformat(),
                "targets": ";".join(draw(st.sets(st.sampled_from("ABC"), min_size=1))),
                "controller": draw(CONTROLLERS),
            }
        )
    return rows


@settings(max_examples=40, deadline=None)
@given(rows=event_lists(), probe=DAYS, seed=st.randoms())
def test_row_order_does_not_matter(rows: list[dict[str, str]], probe: int, seed: object) -> None:
    shuffled = list(rows)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    targets = {"A": "district", "B": "district", "C": "district"}
    day = D(2020, 1, 1) + dt.timedelta(days=probe)
    first = make_timeline(rows, targets).status_on(day)
    second = make_timeline(shuffled, targets).status_on(day)
    assert first[["controller", "event_id"]].equals(second[["controller", "event_id"]])


@settings(max_examples=40, deadline=None)
@given(rows=event_lists(), probe=DAYS)
def test_one_controller_per_feature_and_it_is_the_latest_event(rows: list[dict[str, str]], probe: int) -> None:
    targets = {"A": "district", "B": "district", "C": "district"}
    day = D(2020, 1, 1) + dt.timedelta(days=probe)
    status = make_timeline(rows, targets).status_on(day)
    assert status.index.is_unique and set(status.index) == set(targets)
    events = make_events(rows)
    for target in targets:
        applies = pd.Series([target in cell.split(";") for cell in events["targets"]], index=events.index)
        applying = events[(events["date"] <= day) & applies]
        if applying.empty:
            assert status.loc[target, "controller"] is None
        else:
            latest = applying.sort_values(["date", "event_id"]).iloc[-1]
            assert status.loc[target, "controller"] == latest["controller"]


# ---- the real data: the statement's schedule ------------------------------------------------
HANDOVERS = [
    # district, scenario, day before (not yet AZ), day of (AZ)
    ("AZ-AGM", "actual", D(2020, 11, 19), D(2020, 11, 20)),
    ("AZ-AGM", "scheduled", D(2020, 11, 19), D(2020, 11, 20)),
    ("AZ-KAL", "actual", D(2020, 11, 24), D(2020, 11, 25)),
    ("AZ-KAL", "scheduled", D(2020, 11, 14), D(2020, 11, 15)),
]


@pytest.mark.parametrize(("district", "scenario", "before", "on"), HANDOVERS)
def test_handover_happens_on_its_day(model, district, scenario, before, on) -> None:
    timeline = model.timeline
    earlier = timeline.status_on(before, scenario).loc[district]
    later = timeline.status_on(on, scenario).loc[district]
    assert earlier["controller"] in ("ARM", "split")
    assert later["controller"] == "AZ"
    assert later["status"] == "handed_over"
    assert later["since"] == on


def test_kalbajar_differs_between_scenarios_only_in_the_grace_period(model) -> None:
    timeline = model.timeline
    for day in (D(2020, 11, 15), D(2020, 11, 20), D(2020, 11, 24)):
        assert timeline.status_on(day, "actual").loc["AZ-KAL", "controller"] == "ARM"
        assert timeline.status_on(day, "scheduled").loc["AZ-KAL", "controller"] == "AZ"
    for day in (D(2020, 11, 14), D(2020, 11, 25), D(2020, 12, 31)):
        actual = timeline.status_on(day, "actual").loc["AZ-KAL", "controller"]
        assert actual == timeline.status_on(day, "scheduled").loc["AZ-KAL", "controller"]


@pytest.mark.parametrize("scenario", ["actual", "scheduled"])
def test_lachin_handover_keeps_the_corridor_out(model, scenario) -> None:
    timeline = model.timeline
    before = timeline.status_on(D(2020, 11, 30), scenario).loc["AZ-LAC"]
    on = timeline.status_on(D(2020, 12, 1), scenario).loc["AZ-LAC"]
    assert before["status"] == "scheduled_handover"
    assert (on["controller"], on["status"]) == ("split", "handed_over")
    town = timeline.status_on(D(2020, 12, 1), scenario).loc["lachin"]
    assert (town["controller"], town["status"]) == ("ARM", "peacekeepers_zone")


def test_pre_war_state_matches_the_1994_line(model) -> None:
    status = model.timeline.status_on(D(2020, 9, 26), level="district")
    held = {"AZ-KAL", "AZ-LAC", "AZ-QBI", "AZ-ZAN", "AZ-CAB", "AZ-XCI", "AZ-SUS", "AZ-XA"}
    assert set(status.index[status["controller"] == "ARM"]) == held
    split = status[status["controller"] == "split"]
    assert set(split.index) == {"AZ-AGM", "AZ-FUZ", "AZ-TAR", "AZ-XVD"}
    assert status.loc["AZ-AGM", "share_az"] == pytest.approx(0.226)


def test_ceasefire_state(model) -> None:
    status = model.timeline.status_on(D(2020, 11, 10), level="district")
    for district in ("AZ-FUZ", "AZ-CAB", "AZ-ZAN", "AZ-QBI"):
        assert status.loc[district, "controller"] == "AZ"
    for district in ("AZ-AGM", "AZ-KAL", "AZ-LAC"):
        assert status.loc[district, "status"] == "scheduled_handover"


def test_key_dates_are_the_statements_days(model) -> None:
    days = model.timeline.key_dates("actual")
    for day in (D(2020, 11, 10), D(2020, 11, 20), D(2020, 11, 25), D(2020, 12, 1)):
        assert day in days
    assert D(2020, 11, 15) in model.timeline.key_dates("scheduled")


def test_at_least_150_settlements_have_a_dated_change_in_the_war(model) -> None:
    events = model.dataset.events
    war = events[
        (events["kind"] == "control")
        & (events["date"] >= D(2020, 9, 27))
        & (events["date"] <= D(2020, 11, 10))
        & ~events["event_id"].str.contains("ceasefire")
    ]
    places = {t for cell in war["targets"] for t in cell.split(";") if model.dataset.targets.get(t) == "settlement"}
    assert len(places) >= 150


def test_claims_stay_claims_until_confirmed(model) -> None:
    hadrut = model.timeline.status_on(D(2020, 10, 12)).loc["hadrut"]
    assert (hadrut["controller"], hadrut["confidence"]) == ("AZ", "disputed")
    later = model.timeline.status_on(D(2020, 11, 10)).loc["hadrut"]
    assert later["confidence"] == "confirmed" and later["since"] == D(2020, 10, 9)


def test_history_spans_1991_to_the_latest_event(model) -> None:
    assert model.timeline.start == D(1991, 8, 30)
    assert model.timeline.end == max(model.dataset.events["date"]) >= D(2024, 6, 12)
    for day in (D(1992, 5, 8), D(1994, 5, 12), D(2022, 8, 26), D(2023, 9, 19), D(2024, 6, 12)):
        assert not model.timeline.events_on(day).empty
