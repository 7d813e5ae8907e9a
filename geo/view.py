"""What a map shows on a date, described once for every renderer.

The interactive page, the static exports and the handout draw from these
plain records and never ask the model for more, so they cannot disagree
about a date: its caption, which zones and lines are on the map, which
story step it belongs to. The rules that decide those (which event leads a
day, when a corridor is drawn, until when the pre-war line shows) live here
and nowhere else; the page receives their results as data.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import shapely

from geo.control import km2
from geo.io import DATA_DIR
from geo.memo import remember
from geo.model import Model, state_fields
from geo.version import cite_as, data_version
from geo.vocab import split_list

# The eve of the 2020 war: the derived 1994-2020 line of contact is drawn up to this day.
PRE_WAR_DAY = dt.date(2020, 9, 26)
# ... and from the ceasefire that drew it.
CEASEFIRE_1994 = dt.date(1994, 5, 12)
# A zone is drawn while its status is one of these (by zone kind).
ZONE_SHOWN: dict[str, tuple[str, ...]] = {
    "corridor": ("peacekeepers_zone", "blockaded", "active"),
    "link": ("planned", "active"),
}


@dataclass(frozen=True)
class Caption:
    """The news of one day: the leading event's summary, how many others, and every source."""

    day: dt.date
    headline: str
    more: int
    sources: tuple[str, ...]
    events: tuple[str, ...]  # event ids, the leading one first


@dataclass(frozen=True)
class Step:
    """One step of the classroom story."""

    day: dt.date
    title: str
    caption: str
    sources: tuple[str, ...]
    handout: bool


@dataclass(frozen=True)
class ZoneView:
    """A corridor, link or point zone with its status on the date."""

    id: str
    kind: str
    status: str | None
    geometry: shapely.Geometry
    schematic: bool


@dataclass(frozen=True)
class MapBase:
    """What does not change with the date: title, controllers, geometry, names, the story."""

    title: str
    controllers: dict[str, dict[str, str]]
    sides: tuple[str, ...]
    districts: gpd.GeoDataFrame  # the districts the timeline follows, with their names
    others: gpd.GeoDataFrame  # districts outside the followed area (context), with "country"
    countries: gpd.GeoDataFrame  # neighbouring countries (context)
    all_districts: gpd.GeoDataFrame  # every district, for the locator map
    settlements: gpd.GeoDataFrame
    steps: tuple[Step, ...]
    version: str  # the data version (release date + content hash) every map names
    citation: str  # how to cite the built-in data; empty for a scenario of someone else's
    water: gpd.GeoDataFrame | None = None  # rivers and lakes under the control colours, if the data has them
    place_labels: gpd.GeoDataFrame | None = None  # country and region names, if the data has them


@dataclass(frozen=True)
class DateView:
    """Everything shown on one date: the ground each side held, states, zones, lines, caption, step."""

    day: dt.date
    scenario: str
    parts: gpd.GeoDataFrame  # controller, geometry
    states: dict[str, dict[str, Any]]  # feature id -> controller, status, confidence, since, sources ...
    zones: tuple[ZoneView, ...]  # only the zones shown on the date
    peacekeepers: shapely.Geometry | None
    contact_line: shapely.Geometry | None
    caption: Caption | None
    step: int | None  # index of the story step in force, None before the first
    areas_km2: dict[str, float] | None = None  # km2 of the followed districts by holder ("unknown" if any)


# ---- rules every renderer shares ----------------------------------------------------
def importance(kind: str, status: str, announced_by: str, district_targets: int, targets: int) -> tuple[int, int]:
    """Sort key of an event within its day: lower leads the caption.

    An agreement itself comes first, then what it changed, then other changes
    of status, handovers, whole districts, towns and villages, and last other
    information; within a rank, the event that touches more features.
    """
    if announced_by == "statement":
        rank = 0 if kind == "info" else 1
    elif kind == "status":
        rank = 2
    elif status == "handed_over":
        rank = 3
    elif kind == "control" and district_targets:
        rank = 4
    elif kind == "control":
        rank = 5
    else:
        rank = 6
    return rank, -targets


def leading_key(event: Any, district_targets: int) -> tuple[int, int]:
    """Order of an event within its day: a rank the data gives (1-5) comes before the derived one."""
    derived = importance(event.kind, event.status, event.announced_by, district_targets, len(split_list(event.targets)))
    rank = str(getattr(event, "rank", "") or "").strip()
    return (int(rank), derived[1]) if rank else (10 + derived[0], derived[1])


def captions(model: Model, scenario: str) -> tuple[Caption, ...]:
    """One caption for every day that has events in the scenario, in date order."""
    timeline = model.timeline
    events = timeline.events_between(timeline.start - dt.timedelta(days=1), timeline.end, scenario)
    levels = timeline.targets
    result = []
    for day, group in events.groupby("date", sort=True):
        ranked = sorted(
            group.itertuples(),
            key=lambda e: leading_key(e, sum(levels.get(t) == "district" for t in split_list(e.targets))),
        )
        sources = tuple(dict.fromkeys(s for e in ranked for s in split_list(e.sources)))
        lead = ranked[0]
        headline = str(getattr(lead, "headline", "") or lead.summary)
        result.append(Caption(day, headline, len(ranked) - 1, sources, tuple(e.event_id for e in ranked)))
    return tuple(result)


def caption_at(all_captions: Sequence[Caption], day: dt.date) -> Caption | None:
    """The caption in force on ``day``: that of the latest day with events, up to ``day``."""
    position = bisect.bisect_right([c.day for c in all_captions], day) - 1
    return all_captions[position] if position >= 0 else None


def step_at(steps: Sequence[Step], day: dt.date) -> int | None:
    """Index of the latest story step on or before ``day``; None before the first."""
    position = bisect.bisect_right([s.day for s in steps], day) - 1
    return position if position >= 0 else None


def zone_shown(kind: str, status: object) -> bool:
    return isinstance(status, str) and status in ZONE_SHOWN.get(kind, ())


def contact_line_shown(day: dt.date) -> bool:
    """The 1994-2020 line is drawn from the ceasefire of 12 May 1994 to the eve of the 2020 war."""
    return CEASEFIRE_1994 <= day <= PRE_WAR_DAY


# ---- building the records -----------------------------------------------------------
def story_steps(model: Model) -> tuple[Step, ...]:
    return tuple(
        Step(row.date, row.title, row.caption, tuple(row.source_list), getattr(row, "handout", "") == "yes")
        for row in model.dataset.story.itertuples()
    )


def map_base(model: Model) -> MapBase:
    """The date-independent half of every map (cached on the model)."""
    return remember(model, "_view_cache", "base", lambda: _map_base(model))


def _map_base(model: Model) -> MapBase:
    ds = model.dataset
    version = data_version(ds.root)
    return MapBase(
        title=ds.meta.title,
        controllers=ds.meta.controllers,
        sides=model.sides,
        districts=ds.area_districts,
        others=ds.districts[~ds.districts["in_area"].astype(bool)],
        countries=ds.context,
        all_districts=ds.districts,
        settlements=ds.settlements,
        steps=story_steps(model),
        version=version.label,
        citation=cite_as(ds.meta.title, version) if ds.root.resolve() == DATA_DIR.resolve() else "",
        water=ds.water,
        place_labels=ds.place_labels,
    )


def scenario_captions(model: Model, scenario: str) -> tuple[Caption, ...]:
    """The scenario's captions, computed once per model whatever the threads asking."""
    return remember(model, "_caption_cache", scenario, lambda: captions(model, scenario))


def date_view(model: Model, day: dt.date, scenario: str = "actual") -> DateView:
    """The single description of ``day`` that the exports and the handout draw."""
    model.timeline.check_date(day)
    status = model.timeline.status_on(day, scenario)
    states = {feature_id: state_fields(row) for feature_id, row in status.iterrows()}
    zones = tuple(
        ZoneView(zone_id, shape.kind, states[zone_id]["status"], shape.geometry, shape.schematic)
        for zone_id, shape in model.zone_shapes.items()
        if zone_shown(shape.kind, states.get(zone_id, {}).get("status"))
    )
    peace = model.peacekeepers_area(day, scenario)
    line = pre_war_line(model) if contact_line_shown(day) else None
    parts = model.control_parts(day, scenario)
    return DateView(
        day=day,
        scenario=scenario,
        parts=parts,
        states=states,
        zones=zones,
        peacekeepers=None if peace is None or peace.is_empty else peace,
        contact_line=line,
        caption=caption_at(scenario_captions(model, scenario), day),
        step=step_at(map_base(model).steps, day),
        areas_km2=held_areas(parts),
    )


def held_areas(parts: gpd.GeoDataFrame) -> dict[str, float]:
    """km2 each holder had of the followed districts (equal-area projection), in the parts' order."""
    sizes: dict[str, float] = {}
    for controller, geometry in zip(parts["controller"], parts.geometry, strict=True):
        sizes[controller] = sizes.get(controller, 0.0) + km2(geometry)
    return {controller: round(size, 1) for controller, size in sizes.items() if size >= 0.05}


def pre_war_line(model: Model) -> shapely.Geometry | None:
    """The derived 1994-2020 line of contact, if the data covers the eve of the war (cached)."""
    return remember(model, "_pre_war_line", "line", lambda: _pre_war_line(model))


def _pre_war_line(model: Model) -> shapely.Geometry | None:
    line = None
    if model.timeline.start <= PRE_WAR_DAY <= model.timeline.end:
        line = model.contact_line(PRE_WAR_DAY)
    return None if line is None or line.is_empty else line
