"""Everything the app computes once and shares between sessions.

Results that no caller changes are kept as resources (one object shared by
every session) rather than as data (a copy unpickled on every run): the
district table, the chart's layers and the highlight choices are read on
every date change of every session.

Kept out of ``app.py`` because Streamlit runs that script afresh on every
interaction: decorating these functions there would redo the caches' setup
on every run. Heavy libraries are imported inside the functions, so the
first screen does not wait for them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from geo import names as naming
from geo.i18n import Catalogue, caption_line, catalogue
from layers import prebuilt
from layers.palette import controller_colours
from ui import text, uploads

if TYPE_CHECKING:
    import pandas as pd

    from geo.model import Model


@st.cache_resource(show_spinner="Drawing the map…")
def first_screen(root: str, lang: str = "en") -> tuple[str, dict[str, Any]]:
    """The map page and the facts the first screen needs, in a language (from the disk cache when current).

    An uploaded scenario keeps its cache in its own temporary folder, and its page is not served
    under ``static/`` (``shell["page_url"]`` is then None).
    """
    path = Path(root)
    folder = cache_folder(path)
    _, page, shell = prebuilt.load(path, folder, lang, serve=folder is None)
    return page, shell


@st.cache_resource(show_spinner="Loading the data…")
def load_model(root: str) -> Model:
    import gc

    from geo.model import Model

    model = Model.load(Path(root))
    # The model lives as long as the server: keep its many objects out of
    # every later garbage collection's scan.
    gc.freeze()
    return model


def cache_folder(path: Path) -> Path | None:
    """Where a data folder's cached files live: beside an uploaded scenario, else the app's own cache."""
    return path.parent if path.is_relative_to(uploads.UPLOADS) else None


@st.cache_resource(show_spinner="Measuring areas…")
def area_rows(root: str) -> dict[str, list[dict[str, Any]]]:
    """km2 held by each side after every change, per scenario (measured ahead by ``make run``), read once."""
    from layers.area_series import cached_series

    return cached_series(Path(root), lambda: load_model(root), cache_folder(Path(root)))


@st.cache_resource(show_spinner=False)
def area_series(root: str, scenario: str) -> pd.DataFrame:
    """One scenario's rows as a table, for the chart."""
    import pandas as pd

    from layers.area_series import dated

    return pd.DataFrame(dated(area_rows(root)[scenario]))


@st.cache_resource(show_spinner=False, max_entries=32)
def area_layer(root: str, scenario: str, bounds: tuple[dt.date, dt.date], lang: str = "en") -> dict[str, Any]:
    """The chart's lines as a Vega-Lite layer, built once per span: a date change only moves the rule."""
    _ = catalogue(lang)
    series = area_series(root, scenario).melt("date", var_name="Held by", value_name="km2")
    series = series[(series["date"] >= bounds[0] - dt.timedelta(days=1)) & (series["date"] <= bounds[1])]
    controllers = load_model(root).dataset.meta.controllers
    palette_by_side = controller_colours(controllers)
    shown = {entry["label"]: _.text(f"controller:{side}:label", entry["label"]) for side, entry in controllers.items()}
    values = [
        {"date": day.isoformat(), "Held by": shown.get(side, side), "km2": float(km2)}
        for day, side, km2 in zip(series["date"], series["Held by"], series["km2"], strict=True)
    ]
    return {
        "data": {"values": values},
        "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2.5},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": None,
                "scale": {"domain": [bounds[0].isoformat(), bounds[1].isoformat()]},
            },
            "y": {"field": "km2", "type": "quantitative", "title": _("km² in the districts followed (approximate)")},
            "color": {
                "field": "Held by",
                "type": "nominal",
                "scale": {
                    "domain": list(shown.values()),
                    "range": [palette_by_side[side] for side in controllers],
                },
                "legend": {"orient": "bottom", "title": _("Held by")},
            },
        },
    }


@st.cache_resource(show_spinner=False, max_entries=512)
def district_table(root: str, day: dt.date, scenario: str, convention: str, lang: str = "en") -> pd.DataFrame:
    """Shared by every session: a class looking at the same dates computes each table once."""
    import pandas as pd

    _ = catalogue(lang)
    model = load_model(root)
    rows = []
    for record in model.district_records(day, scenario):
        names = model.feature_names(record["id"])
        rows.append(
            {
                _("District"): naming.display_name(names, convention),
                _("Controlled by"): controller_text(model, record["controller"], record["share_az"], _),
                _("Status"): _(record["status_label"]) if record["status_label"] else "",
                _("Since"): record["since"],  # ISO: the column sorts by date
                _("Confidence"): _(record["confidence"]) if record["confidence"] else "",
                _("Source"): next(filter(None, map(text.source_url, record["sources"])), None),
            }
        )
    return pd.DataFrame(rows)


def controller_text(model: Model, controller: str | None, share: float | None, _: Catalogue) -> str:
    labels = model.dataset.meta.controllers
    if controller in labels:
        return _.text(f"controller:{controller}:label", labels[controller]["label"])
    if controller == "split":
        first_id, first = next(iter(labels.items()))
        label = _.text(f"controller:{first_id}:label", first["label"])
        return _("Split") if share is None else _("Split: about {a}% {first}", a=round(share * 100), first=label)
    return _("No data")


@st.cache_resource(show_spinner=False, max_entries=16)
def event_lines(root: str, scenario: str, lang: str = "en") -> tuple[list[dt.date], list[str]]:
    """Every event of the scenario as safe markdown in date order, with its date.

    Built once per scenario and language and shared read-only by every session,
    so a day's panel is a bisection, not a query of the event table: a class
    opening the app at once asks for thirty different days in the same second.
    """
    book = catalogue(lang)
    timeline = load_model(root).timeline
    events = timeline.events_between(timeline.start - dt.timedelta(days=1), timeline.end, scenario)
    return list(events["date"]), [text.event_markdown(event, book) for event in events.itertuples()]


def changes(root: str, day: dt.date, scenario: str, lang: str = "en") -> tuple[list[str], dt.date | None, list[str]]:
    """The events of the day, the previous key date, and the events since then, as safe markdown."""
    days, lines = event_lines(root, scenario, lang)
    previous = load_model(root).timeline.previous_key_date(day, scenario)
    first_today, after_today = bisect.bisect_left(days, day), bisect.bisect_right(days, day)
    today = lines[first_today:after_today]
    since = lines[bisect.bisect_right(days, previous) : first_today] if previous is not None else []
    return today, previous, since


@st.cache_resource(show_spinner=False, max_entries=512)
def day_caption(root: str, day: dt.date, scenario: str, lang: str = "en") -> str:
    """The caption in force on the day: its most important event's headline, and how many more."""
    from geo.view import caption_at, scenario_captions

    model = load_model(root)
    return caption_line(caption_at(scenario_captions(model, scenario), day), catalogue(lang))


# Processes drawing exports: all cores but the server's own by default; 0 draws in the server's process.
EXPORT_WORKERS = int(os.environ.get("TCM_EXPORT_WORKERS", str(max(1, (os.cpu_count() or 2) - 1))))


@st.cache_resource(show_spinner=False)
def export_pool() -> ProcessPoolExecutor | None:
    """Worker processes for exports, started fresh ("spawn"): forking a threaded server is unsafe."""
    if EXPORT_WORKERS <= 0:
        return None
    from layers import worker

    return ProcessPoolExecutor(
        max_workers=EXPORT_WORKERS,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=worker.lower_priority,  # files are drawn behind the sessions' own work
    )


@st.cache_data(show_spinner="Drawing the file…", max_entries=16)
def export_file(
    root: str,
    day: dt.date,
    scenario: str,
    names: str,
    preset: str,
    kind: str,
    bounds: tuple[dt.date, dt.date],
    text: tuple[tuple[str, object], ...] = (),
    lang: str = "en",
) -> tuple[bytes, str]:
    """The bytes and file name of one export; shared, so a class asking for the same view draws it once.

    ``text``: the journalist's own title, subtitle, note and highlights, as (name, value) pairs.
    """
    from layers import worker

    request = (root, day, scenario, names, preset, kind, bounds)
    options = dict(text)
    pool = export_pool()
    if pool is None:  # in the server's process: draw from the model already loaded
        return worker.draw_file(load_model(root), *request[1:], text=options, lang=lang)
    try:
        return pool.submit(worker.make_file, *request, text=options, lang=lang).result()
    except BrokenProcessPool:
        export_pool.clear()  # a worker died (out of memory, killed): start a new pool and try once more
        return export_pool().submit(worker.make_file, *request, text=options, lang=lang).result()


@st.cache_resource(show_spinner=False)
def highlight_choices(root: str, names: str) -> dict[str, str]:
    """What a journalist can highlight: the districts, then the located places, labelled in the chosen names."""
    from geo.view import map_base

    base = map_base(load_model(root))
    choices = {i: naming.display_name(row.to_dict(), names) for i, row in base.districts.iterrows()}
    for ident, row in base.settlements.iterrows():
        if row.geometry is not None and ident not in choices:
            choices[ident] = f"{naming.display_name(row.to_dict(), names)} ({row['kind']})"
    return choices


@st.cache_resource(show_spinner=False, max_entries=32)
def figures_layer(root: str, bounds: tuple[dt.date, dt.date], lang: str = "en") -> dict[str, Any] | None:
    """Published areas as dashed segments over the days they describe, beside the derived lines."""
    _ = catalogue(lang)
    dataset = load_model(root).dataset
    figures = dataset.area_figures
    if figures is None or figures.empty:
        return None
    controllers = dataset.meta.controllers
    shown = {side: _.text(f"controller:{side}:label", entry["label"]) for side, entry in controllers.items()}
    values = [
        {
            "date": max(row.date_from, bounds[0]).isoformat(),
            "end": min(row.date_to, bounds[1]).isoformat(),
            "km2": float(row.km2),
            "Held by": shown.get(row.side, row.side),
            "figure": _("Published figure: {km2} km² ({who})").format(km2=f"{row.km2:,.0f}", who=row.who),
        }
        for row in figures.itertuples()
        if row.date_to >= bounds[0] and row.date_from <= bounds[1]
    ]
    if not values:
        return None
    return {
        "data": {"values": values},
        "mark": {"type": "rule", "strokeDash": [6, 3], "strokeWidth": 2, "opacity": 0.8},
        "encoding": {
            "x": {"field": "date", "type": "temporal"},
            "x2": {"field": "end"},
            "y": {"field": "km2", "type": "quantitative"},
            "color": {"field": "Held by", "type": "nominal", "legend": None},
            "tooltip": [{"field": "figure", "type": "nominal", "title": _("Published figure")}],
        },
    }
