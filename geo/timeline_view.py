"""Every date at once: the description the interactive page restyles in the browser.

The page cannot ask a server on each step of the slider, so it receives the
whole history as compact rows: per feature its changes, per scenario the
peacekeepers' area steps and the captions, the story steps. Built here from
the model once; ``layers.timeline_map`` only turns it into JSON and markup.
The per-date rules (captions, zones shown, the pre-war line) are those of
``geo.view``, so the page and an export of the same date say the same thing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo import control
from geo.memo import remember
from geo.model import Model
from geo.page_pieces import page_pieces
from geo.schema import SCENARIOS
from geo.timeline import day_number, from_day_number
from geo.view import (
    CEASEFIRE_1994,
    PRE_WAR_DAY,
    ZONE_SHOWN,
    Caption,
    MapBase,
    map_base,
    pre_war_line,
    scenario_captions,
)
from geo.vocab import split_list

STATE_FIELDS = (
    "day",
    "controller",
    "share_az",
    "status",
    "confidence",
    "control_since",
    "event",
    "since",
    "remainder",
    "derived",
)


@dataclass(frozen=True)
class ZoneRecord:
    """A drawn zone: its shape, names, note and sources (its states are in ``states``)."""

    id: str
    kind: str
    schematic: bool
    names: dict[str, Any]
    note: str
    sources: tuple[str, ...]
    geometry: shapely.Geometry


@dataclass(frozen=True)
class TimelineView:
    """The whole history in the form the page needs, with no reference back to the model."""

    base: MapBase
    start: dt.date
    end: dt.date
    events: tuple[dict[str, Any], ...]  # in date order; state rows point into it by index
    key_days: dict[str, list[int]]
    states: dict[str, dict[str, list[list[Any]]]]  # scenario -> feature -> rows (STATE_FIELDS)
    peacekeepers: dict[str, list[tuple[int, shapely.Geometry | None]] | None]
    contact_line: shapely.Geometry | None
    contact_from: dt.date
    contact_until: dt.date
    cells: gpd.GeoDataFrame  # the pieces the page restyles: key, district, source, kind, geometry
    tracked: frozenset[str]  # the places the timeline follows
    zones: tuple[ZoneRecord, ...]
    zone_shown: dict[str, tuple[str, ...]]
    captions: dict[str, tuple[Caption, ...]]
    spans: tuple[dict[str, Any], ...]


def event_records(model: Model) -> tuple[dict[str, Any], ...]:
    events = model.dataset.events.sort_values(["date", "event_id"], kind="stable")
    return tuple(
        {
            "id": row.event_id,
            "day": day_number(row.date),
            "scenario": row.scenario,
            "kind": row.kind,
            "targets": split_list(row.targets),
            "summary": row.summary,
            "by": row.announced_by,
            "response": row.response,
            "confidence": row.confidence,
            "sources": split_list(row.sources),
            "note": row.note,
        }
        for row in events.itertuples()
    )


def state_rows(model: Model, scenario: str, events_index: dict[str, int]) -> dict[str, list[list[Any]]]:
    """Per feature, its changes as compact rows (see STATE_FIELDS).

    A split district with no published share gets the share derived from the
    settlement cells on that day, flagged as derived.
    """
    table = model.timeline.states(scenario)
    remainders = dict(zip(model.dataset.events["event_id"], model.dataset.events["remainder"], strict=True))
    derived_cache: dict[int, dict[str, Any]] = {}
    rows: dict[str, list[list[Any]]] = {}
    for record in table.itertuples():
        share = record.share_az
        share = None if share is None or math.isnan(share) else round(float(share), 3)
        derived = False
        if record.controller == "split" and share is None and model.timeline.targets[record.target] == "district":
            day = int(record.day)
            if day not in derived_cache:
                areas = model.areas(from_day_number(day), scenario)["districts"]
                derived_cache[day] = {r["id"]: r for r in areas}
            share = control.share_from_areas(derived_cache[day][record.target])
            derived = share is not None
        remainder = remainders.get(record.control_event, "") if isinstance(record.control_event, str) else ""
        rows.setdefault(record.target, []).append(
            [
                int(record.day),
                record.controller if isinstance(record.controller, str) else None,
                share,
                record.status if isinstance(record.status, str) else None,
                record.confidence if isinstance(record.confidence, str) else None,
                None if pd.isna(record.controller_since) else int(record.controller_since),
                events_index.get(record.event_id),
                int(record.since),
                remainder or None,
                derived,
            ]
        )
    return rows


def scenario_states(model: Model, index: dict[str, int]) -> dict[str, dict[str, list[list[Any]]]]:
    """Rows per scenario; the second scenario carries only the features whose rows differ."""
    actual = state_rows(model, "actual", index)
    scheduled = state_rows(model, "scheduled", index)
    return {"actual": actual, "scheduled": {k: v for k, v in scheduled.items() if actual.get(k) != v}}


def peacekeepers_steps(model: Model, scenario: str) -> list[tuple[int, shapely.Geometry | None]]:
    """(day, area or None) for every day the derived peacekeepers' area changes (simplified)."""
    table = model.timeline.states(scenario)
    zone = table[table["target"] == "peacekeepers-area"]
    if zone.empty:
        return []
    start = int(zone["day"].min())
    days = sorted({int(d) for d in table["day"] if d >= start})
    steps: list[tuple[int, shapely.Geometry | None]] = []
    previous = None
    for day in days:
        area = model.peacekeepers_area(from_day_number(day), scenario)
        if area is not None:
            area = shapely.set_precision(shapely.simplify(area, 0.002), 1e-4)
        unchanged = area is None and previous is None
        unchanged = unchanged or (area is not None and previous is not None and area.equals(previous))
        if unchanged:
            continue
        steps.append((day, area))
        previous = area
    return steps


def scenario_peacekeepers(model: Model) -> dict[str, list[tuple[int, shapely.Geometry | None]] | None]:
    """Peacekeepers' area steps; ``None`` for a scenario whose steps equal the actual ones."""
    actual = peacekeepers_steps(model, "actual")
    scheduled = peacekeepers_steps(model, "scheduled")
    same = len(actual) == len(scheduled) and all(
        a[0] == s[0] and same_shape(a[1], s[1]) for a, s in zip(actual, scheduled, strict=True)
    )
    return {"actual": actual, "scheduled": None if same else scheduled}


def same_shape(a: shapely.Geometry | None, b: shapely.Geometry | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.equals(b))


def slider_spans(start: dt.date, end: dt.date) -> tuple[dict[str, Any], ...]:
    """The whole history first (the page opens on it), then zooms that fall inside the data's range."""
    spans = [{"id": "all", "label": f"{start.year}–{end.year}", "start": day_number(start), "end": day_number(end)}]
    for span_id, label, low, high in (
        ("first-war", "First war, 1991–1994", dt.date(1991, 1, 1), dt.date(1994, 5, 12)),
        ("war", "Sep–Dec 2020", dt.date(2020, 9, 20), dt.date(2020, 12, 31)),
        ("after", f"2021–{end.year}", dt.date(2021, 1, 1), end),
    ):
        low, high = max(low, start), min(high, end)
        if low < high:
            spans.append({"id": span_id, "label": label, "start": day_number(low), "end": day_number(high)})
    return tuple(spans)


def zone_records(model: Model) -> tuple[ZoneRecord, ...]:
    zones = model.dataset.zones
    return tuple(
        ZoneRecord(
            id=zone_id,
            kind=shape.kind,
            schematic=shape.schematic,
            names=zones.loc[zone_id].to_dict(),
            note=zones.loc[zone_id, "note"],
            sources=tuple(split_list(zones.loc[zone_id, "sources"])),
            geometry=shape.geometry,
        )
        for zone_id, shape in model.zone_shapes.items()
    )


def timeline_view(model: Model) -> TimelineView:
    """The page's description of every date, built once per model."""
    return remember(model, "_timeline_view", "view", lambda: _timeline_view(model))


def _timeline_view(model: Model) -> TimelineView:
    meta = model.dataset.meta
    events = event_records(model)
    index = {event["id"]: i for i, event in enumerate(events)}
    pieces, piece_rows = page_pieces(model)
    states = scenario_states(model, index)
    for scenario, rows in piece_rows.items():
        states[scenario].update(rows)
    return TimelineView(
        base=map_base(model),
        start=meta.start,
        end=meta.end,
        events=events,
        key_days={s: sorted({e["day"] for e in events if e["scenario"] in ("both", s)}) for s in SCENARIOS},
        states=states,
        peacekeepers=scenario_peacekeepers(model),
        contact_line=pre_war_line(model),
        contact_from=CEASEFIRE_1994,
        contact_until=PRE_WAR_DAY,
        cells=pieces,
        tracked=frozenset(model.dataset.targets),
        zones=zone_records(model),
        zone_shown=ZONE_SHOWN,
        captions={s: scenario_captions(model, s) for s in SCENARIOS},
        spans=slider_spans(meta.start, meta.end),
    )
