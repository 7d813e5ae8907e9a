"""The interactive map: one self-contained Folium page that carries its timeline.

Geometry is sent once, with the compact state table of every feature; the
page restyles features in the browser when the date moves, so scrubbing
never waits for a server. The same page is what the app embeds, what the
HTML export writes, and what the browser tests open.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any, ClassVar

import folium
import shapely
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import Point, mapping

from geo import names as naming
from geo.i18n import LANGUAGES, Catalogue, caption_headline, catalogue, check_language, date_format, page_messages
from geo.model import Model
from geo.schema import STATUSES
from geo.timeline import day_number
from geo.timeline_view import STATE_FIELDS, TimelineView, timeline_view
from geo.view import Caption, MapBase
from layers import assets, context, palette
from layers.credits import credit_line


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
        self.js = assets.script_safe(assets.page_script())


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


def rounded(geometry: shapely.Geometry, grid: float) -> dict[str, Any]:
    return mapping(shapely.set_precision(geometry, grid))


def district_features(base: MapBase) -> list[dict[str, Any]]:
    return [
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
        for district_id, row in base.districts.iterrows()
    ]


def context_features(base: MapBase) -> list[dict[str, Any]]:
    """Neighbouring districts and countries, drawn plain for orientation."""
    features = [
        {
            "type": "Feature",
            "properties": {
                "id": feature_id,
                "country": row["country"],
                "label": naming.display_name(row.to_dict(), "en"),
            },
            # Orientation only: 1e-3 degrees (about 100 m) is finer than it is ever looked at.
            "geometry": rounded(row.geometry, 1e-3),
        }
        for feature_id, row in base.others.iterrows()
    ]
    features += [
        {
            "type": "Feature",
            "properties": {"id": feature_id, "country": feature_id, "label": row["name_en"]},
            "geometry": rounded(row.geometry, 1e-3),
        }
        for feature_id, row in base.countries.iterrows()
    ]
    return features


def settlement_points(view: TimelineView) -> list[dict[str, Any]]:
    return [
        {
            "id": settlement_id,
            "kind": row["kind"],
            "lat": round(row.geometry.y, 5),
            "lon": round(row.geometry.x, 5),
            "district": row["district"],
            "tracked": settlement_id in view.tracked,
            **feature_labels(row.to_dict()),
        }
        for settlement_id, row in view.base.settlements.iterrows()
        if isinstance(row.geometry, Point)
    ]


def cell_features(view: TimelineView) -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "properties": {
                "id": row.key,
                "district": row.district,
                "source": row.source,
                "kind": row.kind,
            },
            # 1e-4 degrees (about 10 m): the lines are drawn at 1:10m, finer digits would only weigh.
            "geometry": rounded(row.geometry, 1e-4),
        }
        for row in view.cells.itertuples()
    ]


def zone_configs(view: TimelineView) -> list[dict[str, Any]]:
    return [
        {
            "id": zone.id,
            "kind": zone.kind,
            "schematic": zone.schematic,
            "label": {c: naming.display_name(zone.names, c) for c in naming.CONVENTIONS},
            "note": zone.note,
            "sources": list(zone.sources),
            "geometry": rounded(zone.geometry, 1e-5),
        }
        for zone in view.zones
    ]


def peacekeepers_config(view: TimelineView) -> dict[str, list[list[Any]] | None]:
    return {
        scenario: None if steps is None else [[day, None if area is None else mapping(area)] for day, area in steps]
        for scenario, steps in view.peacekeepers.items()
    }


def contact_line_config(view: TimelineView) -> dict[str, Any] | None:
    if view.contact_line is None:
        return None
    line = shapely.set_precision(shapely.simplify(view.contact_line, 0.001), 1e-5)
    return {"from": day_number(view.contact_from), "until": day_number(view.contact_until), "geometry": mapping(line)}


def context_config(base: MapBase, book: Catalogue) -> dict[str, Any]:
    """Rivers, lakes and their names, and the names of the countries around (empty without the data)."""
    water = base.water
    features = []
    if water is not None:
        features = [
            {
                "type": "Feature",
                "properties": {"id": wid, "kind": row["kind"], "major": row["name_en"] in context.MAJOR_RIVERS},
                "geometry": rounded(row.geometry, 1e-4),
            }
            for wid, row in water.iterrows()
        ]
    avoid = shapely.union_all(list(base.districts.geometry)).buffer(0.01)
    return {
        "water": {"type": "FeatureCollection", "features": features},
        "waterLabels": [
            {
                "id": label.id,
                "kind": label.kind,
                "at": [round(label.y, 4), round(label.x, 4)],
                "angle": label.angle,
                "label": {c: context.water_name(label.names, c) for c in naming.CONVENTIONS},
            }
            for label in context.water_labels(water, avoid)
        ],
        "placeLabels": [
            {
                "id": label.id,
                "kind": label.kind,
                "at": [round(label.y, 4), round(label.x, 4)],
                "text": book.text(f"label:{label.id}", label.names["name_en"]),
            }
            for label in context.place_labels(base.place_labels)
        ],
    }


def shared_captions(by_scenario: dict[str, list[list[Any]]]) -> dict[str, list[Any]]:
    """The other scenarios' captions with each one the actual scenario also has replaced by its index there:
    the scenarios share most of their news, and the page expands them (captions.js, expandShared)."""
    actual = by_scenario.get("actual", [])
    index = {repr(row): i for i, row in enumerate(actual)}
    return {
        scenario: rows if scenario == "actual" else [index.get(repr(row), row) for row in rows]
        for scenario, rows in by_scenario.items()
    }


def caption_rows(captions: tuple[Caption, ...], book: Catalogue) -> list[list[Any]]:
    """[day, headline, number of other events, sources]: the page prints them as the exports do."""
    return [[day_number(c.day), caption_headline(book, c), c.more, list(c.sources)] for c in captions]


def story_config(base: MapBase, book: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "day": day_number(step.day),
            "title": book.text(f"story:{step.day}:title", step.title),
            "caption": book.text(f"story:{step.day}:caption", step.caption),
            "sources": list(step.sources),
        }
        for step in base.steps
    ]


def translated_controllers(base: MapBase, book: Catalogue) -> dict[str, dict[str, str]]:
    return {
        side: {
            **entry,
            "label": book.text(f"controller:{side}:label", entry["label"]),
            "description": book.text(f"controller:{side}:description", entry["description"]),
        }
        for side, entry in base.controllers.items()
    }


def timeline_config(
    model: Model,
    *,
    day: dt.date,
    scenario: str = "actual",
    convention: str = "neutral",
    embedded: bool = True,
    data_url: str | None = None,
    lang: str = "en",
    language_pages: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able data (tested on its own).

    ``data_url``: where the page's *Get the data* link points (the open data
    package beside a published site, or the app's copy); no link without it.
    ``lang``: the language of every text on the page (en, az, hy, ru).
    """
    check_language(lang)
    book = catalogue(lang)
    view = timeline_view(model)
    base = view.base
    return {
        "lang": lang,
        "languages": LANGUAGES,
        "languagePages": language_pages,
        "messages": page_messages(lang),
        "dateFormat": date_format(lang),
        "title": book.text("meta:title", base.title),
        "start": day_number(view.start),
        "end": day_number(view.end),
        "day": day_number(day),
        "scenario": scenario,
        "convention": convention,
        "embedded": embedded,
        "controllers": translated_controllers(base, book),
        "conventions": {key: book(label) for key, label in naming.CONVENTIONS.items()},
        "scenarios": {"actual": book("Actual"), "scheduled": book("As scheduled by the statement")},
        "statuses": {key: book(label) if label else label for key, label in STATUSES.items()},
        "palette": palette.as_config(base.controllers),
        "sides": list(base.sides),
        "districts": {"type": "FeatureCollection", "features": district_features(base)},
        "context": {"type": "FeatureCollection", "features": context_features(base)},
        "settlements": settlement_points(view),
        "cells": {"type": "FeatureCollection", "features": cell_features(view)},
        "zones": zone_configs(view),
        "zoneShown": view.zone_shown,
        "peacekeepers": peacekeepers_config(view),
        "contactLine": contact_line_config(view),
        "events": list(view.events),
        "keyDays": view.key_days,
        "captions": shared_captions({s: caption_rows(c, book) for s, c in view.captions.items()}),
        "spans": [{**span, "label": book(span["label"])} for span in view.spans],
        "story": story_config(base, book),
        "states": view.states,
        "stateFields": STATE_FIELDS,
        "attribution": credit_line(base.version, book),
        "version": base.version,
        "citation": base.citation,
        "dataUrl": data_url,
        **context_config(base, book),
    }


def build_map(
    model: Model,
    *,
    day: dt.date,
    scenario: str = "actual",
    convention: str = "neutral",
    embedded: bool = True,
    data_url: str | None = None,
    lang: str = "en",
    language_pages: dict[str, str] | None = None,
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
    root.header.add_child(Element(f"<style>{assets.script_safe(assets.gestures_css())}</style>"), name="gestures_css")
    root.header.add_child(Element(f"<script>{assets.script_safe(assets.gestures_js())}</script>"), name="gestures_js")
    root.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="referrer")
    config = timeline_config(
        model,
        day=day,
        scenario=scenario,
        convention=convention,
        embedded=embedded,
        data_url=data_url,
        lang=lang,
        language_pages=language_pages,
    )
    config["map"] = fmap.get_name()
    config["bounds"] = [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]
    fmap.add_child(TimelineControl(config))
    return fmap


FOLIUM_VIEWPORT = re.compile(
    r'<meta name="viewport" content="width=device-width,\s*initial-scale=1\.0, maximum-scale=1\.0, user-scalable=no" />'
)


def accessible_page(html: str, title: str, lang: str = "en") -> str:
    """The page with its language and title, and a viewport that lets the reader zoom (Folium forbids it)."""
    html, found = FOLIUM_VIEWPORT.subn('<meta name="viewport" content="width=device-width, initial-scale=1.0" />', html)
    if found != 1 or not html.startswith("<!DOCTYPE html>\n<html>"):
        raise ValueError("the map page changed shape; cannot set its language, title and viewport")
    head = f'<!DOCTYPE html>\n<html lang="{lang}">'
    return head + html[len("<!DOCTYPE html>\n<html>") :].replace("<head>", f"<head>\n<title>{escape(title)}</title>", 1)


def map_html(model: Model, **view: Any) -> str:
    """The complete page as a string."""
    lang = view.get("lang", "en")
    title = catalogue(lang).text("meta:title", model.dataset.meta.title)
    return accessible_page(build_map(model, **view).get_root().render(), title, lang)
