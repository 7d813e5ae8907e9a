"""The interactive map: one self-contained Folium page that carries its timeline.

Geometry is sent once, with the compact state table of every feature; the
page restyles features in the browser when the date moves, so scrubbing
never waits for a server. The same page is what the app embeds, what the
HTML export writes, and what the browser tests open.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, ClassVar

import folium
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import Point, mapping

from geo import control
from geo import names as naming
from geo.model import Model
from geo.schema import SCENARIOS, STATUSES, split_list
from geo.timeline import day_number, from_day_number
from layers import assets, palette
from layers.credits import ATTRIBUTION

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


class InlineMap(folium.Map):
    """A folium Map whose Leaflet is inlined from the local copy, not a CDN."""

    default_js: ClassVar[list[tuple[str, str]]] = []
    default_css: ClassVar[list[tuple[str, str]]] = []


class TimelineControl(MacroElement):
    """Hands the page's configuration and the timeline script to the map."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <script type="application/json" id="tcm-config">{{ this.config }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.js }}
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "TimelineControl"
        self.config = assets.json_for_script(config)
        self.css = assets.script_safe(assets.static_text("timeline.css"))
        self.js = assets.script_safe(assets.static_text("timeline.js"))


def feature_labels(names: dict[str, Any]) -> dict[str, Any]:
    """Labels under every convention, plus every raw name, for tooltips."""
    return {
        "label": {c: naming.display_name(names, c) for c in naming.CONVENTIONS},
        "names": naming.all_names(names),
    }


def label_point(geometry: shapely.Geometry) -> list[float]:
    """Where a district's name goes: a point inside it, as [lat, lon]."""
    point = geometry.representative_point()
    return [round(point.y, 4), round(point.x, 4)]


def district_features(model: Model) -> list[dict[str, Any]]:
    features = []
    for district_id, row in model.dataset.area_districts.iterrows():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": district_id,
                    "kind": "district",
                    "labelAt": label_point(row.geometry),
                    **feature_labels(row.to_dict()),
                },
                "geometry": mapping(row.geometry),
            }
        )
    return features


def context_features(model: Model) -> list[dict[str, Any]]:
    """Neighbouring districts and countries, drawn plain for orientation."""
    ds = model.dataset
    features = []
    for feature_id, row in ds.districts[~ds.districts["in_area"]].iterrows():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": feature_id,
                    "country": row["country"],
                    "label": naming.display_name(row.to_dict(), "en"),
                },
                "geometry": mapping(shapely.set_precision(row.geometry, 1e-4)),
            }
        )
    for feature_id, row in ds.context.iterrows():
        features.append(
            {
                "type": "Feature",
                "properties": {"id": feature_id, "country": feature_id, "label": row["name_en"]},
                "geometry": mapping(shapely.set_precision(row.geometry, 1e-4)),
            }
        )
    return features


def settlement_points(model: Model) -> list[dict[str, Any]]:
    points = []
    for settlement_id, row in model.dataset.settlements.iterrows():
        if not isinstance(row.geometry, Point):
            continue
        points.append(
            {
                "id": settlement_id,
                "kind": row["kind"],
                "lat": round(row.geometry.y, 5),
                "lon": round(row.geometry.x, 5),
                "district": row["district"],
                "tracked": settlement_id in model.dataset.targets,
                **feature_labels(row.to_dict()),
            }
        )
    return points


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


def cell_features(model: Model) -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "properties": {"id": row.settlement, "district": row.district},
            "geometry": mapping(shapely.set_precision(row.geometry, 1e-5)),
        }
        for row in model.cells.itertuples()
    ]


def zone_records(model: Model) -> list[dict[str, Any]]:
    zones = model.dataset.zones
    return [
        {
            "id": zone_id,
            "kind": shape.kind,
            "schematic": shape.schematic,
            "label": {c: naming.display_name(zones.loc[zone_id].to_dict(), c) for c in naming.CONVENTIONS},
            "note": zones.loc[zone_id, "note"],
            "sources": split_list(zones.loc[zone_id, "sources"]),
            "geometry": mapping(shapely.set_precision(shape.geometry, 1e-5)),
        }
        for zone_id, shape in model.zone_shapes.items()
    ]


def scenario_peacekeepers(model: Model) -> dict[str, list[list[Any]] | None]:
    """Peacekeepers' area steps; ``None`` for a scenario whose steps equal the actual ones."""
    actual = peacekeepers_steps(model, "actual")
    scheduled = peacekeepers_steps(model, "scheduled")
    return {"actual": actual, "scheduled": None if scheduled == actual else scheduled}


def peacekeepers_steps(model: Model, scenario: str) -> list[list[Any]]:
    """[day, geometry or None] for every day the derived peacekeepers' area changes."""
    table = model.timeline.states(scenario)
    zone = table[table["target"] == "peacekeepers-area"]
    if zone.empty:
        return []
    start = int(zone["day"].min())
    days = sorted({int(d) for d in table["day"] if d >= start})
    steps: list[list[Any]] = []
    previous = None
    for day in days:
        area = model.peacekeepers_area(from_day_number(day), scenario)
        if area is not None:
            area = shapely.simplify(area, 0.002)
            area = shapely.set_precision(area, 1e-4)
        unchanged = area is None and previous is None
        unchanged = unchanged or (area is not None and previous is not None and area.equals(previous))
        if unchanged:
            continue
        steps.append([day, mapping(area) if area is not None else None])
        previous = area
    return steps


PRE_WAR_DAY = dt.date(2020, 9, 26)


def contact_line_config(model: Model) -> dict[str, Any] | None:
    """The 1994-2020 line, derived from the control areas on the eve of the war."""
    if not model.timeline.start <= PRE_WAR_DAY <= model.timeline.end:
        return None
    line = model.contact_line(PRE_WAR_DAY)
    if line.is_empty:
        return None
    line = shapely.set_precision(shapely.simplify(line, 0.001), 1e-5)
    return {"until": day_number(PRE_WAR_DAY), "geometry": mapping(line)}


def event_records(model: Model) -> list[dict[str, Any]]:
    events = model.dataset.events.sort_values(["date", "event_id"], kind="stable")
    return [
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
    ]


def story_steps(model: Model) -> list[dict[str, Any]]:
    return [
        {
            "day": day_number(row.date),
            "title": row.title,
            "caption": row.caption,
            "sources": list(row.source_list),
        }
        for row in model.dataset.story.itertuples()
    ]


def slider_spans(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The whole history first, then zooms that fall inside the data's range."""
    spans = [{"id": "all", "label": f"{start.year}–{end.year}", "start": day_number(start), "end": day_number(end)}]
    for span_id, label, low, high in (
        ("war", "Sep–Dec 2020", dt.date(2020, 9, 20), dt.date(2020, 12, 31)),
        ("after", "2021–2024", dt.date(2021, 1, 1), end),
    ):
        low, high = max(low, start), min(high, end)
        if low < high:
            spans.append({"id": span_id, "label": label, "start": day_number(low), "end": day_number(high)})
    return spans


def timeline_config(
    model: Model,
    *,
    day: dt.date,
    scenario: str = "actual",
    convention: str = "neutral",
    embedded: bool = True,
) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able data (tested on its own)."""
    meta = model.dataset.meta
    events = event_records(model)
    index = {event["id"]: i for i, event in enumerate(events)}
    key_days = {s: sorted({e["day"] for e in events if e["scenario"] in ("both", s)}) for s in SCENARIOS}
    return {
        "title": meta.title,
        "start": day_number(meta.start),
        "end": day_number(meta.end),
        "day": day_number(day),
        "scenario": scenario,
        "convention": convention,
        "embedded": embedded,
        "controllers": meta.controllers,
        "conventions": naming.CONVENTIONS,
        "scenarios": {"actual": "Actual", "scheduled": "As scheduled by the statement"},
        "statuses": STATUSES,
        "palette": palette.as_config(meta.controllers),
        "sides": list(meta.sides),
        "districts": {"type": "FeatureCollection", "features": district_features(model)},
        "context": {"type": "FeatureCollection", "features": context_features(model)},
        "settlements": settlement_points(model),
        "cells": {"type": "FeatureCollection", "features": cell_features(model)},
        "zones": zone_records(model),
        "peacekeepers": scenario_peacekeepers(model),
        "contactLine": contact_line_config(model),
        "events": events,
        "keyDays": key_days,
        "spans": slider_spans(meta.start, meta.end),
        "story": story_steps(model),
        "states": scenario_states(model, index),
        "stateFields": STATE_FIELDS,
        "attribution": ATTRIBUTION,
    }


def build_map(
    model: Model,
    *,
    day: dt.date,
    scenario: str = "actual",
    convention: str = "neutral",
    embedded: bool = True,
) -> folium.Map:
    """The Folium map with Leaflet inlined and the timeline control attached."""
    naming.check_convention(convention)
    model.timeline.check_date(day)
    bounds = model.dataset.area_districts.total_bounds
    fmap = InlineMap(
        location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
        zoom_start=8,
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
        attribution_control=True,
    )
    fmap._id = "tcm"  # a stable name keeps pages reproducible byte for byte
    root = fmap.get_root()
    root.header.add_child(Element(f"<style>{assets.script_safe(assets.leaflet_css())}</style>"), name="leaflet_css")
    root.header.add_child(Element(f"<script>{assets.script_safe(assets.leaflet_js())}</script>"), name="leaflet_js")
    root.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="referrer")
    config = timeline_config(model, day=day, scenario=scenario, convention=convention, embedded=embedded)
    config["map"] = fmap.get_name()
    config["bounds"] = [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]
    fmap.add_child(TimelineControl(config))
    return fmap


def map_html(model: Model, **view: Any) -> str:
    """The complete page as a string."""
    return build_map(model, **view).get_root().render()
