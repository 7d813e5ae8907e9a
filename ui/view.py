"""The view a person sees (date, scenario, names) and how the address carries it.

Parsing is pure so it can be tested without Streamlit; the callbacks below
are the only places that change the view in ``st.session_state``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from geo.i18n import DEFAULT_CONVENTION, LANGUAGES, N_
from geo.names import CONVENTIONS
from geo.vocab import SCENARIOS, parse_date

DATE_KEY = "date"
REV_KEY = "date_rev"
SCENARIO_KEY = "scenario"
NAMES_KEY = "names"
LAYERS_KEY = "layers"
MODE_KEY = "mode"
LANG_KEY = "lang"
MODES = ("explore", "present")
MAPVIEW_KEY = "mapview"
MAP_KEY = "map"
# The data root whose first screen this session has shown: its panels follow on the next run.
PANELS_KEY = "panels_for"
ALL_LAYERS = ("places", "corridor", "peacekeepers", "line", "link", "labels")
DEFAULT_LAYERS = ",".join(ALL_LAYERS)
MAPVIEW = re.compile(r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,\d{1,2}(\.\d+)?$")


@dataclass(frozen=True)
class View:
    date: dt.date
    scenario: str
    names: str
    layers: str = DEFAULT_LAYERS
    mapview: str = ""
    mode: str = "explore"
    lang: str = "en"


Note = tuple[str, dict[str, str]]  # an English text with {names}, and its values: translated where shown


def view_from_params(
    params: Mapping[str, str], start: dt.date, end: dt.date, default: dt.date
) -> tuple[View, list[Note]]:
    """Read ``?date=&scenario=&names=&lang=``; bad values fall back, with a note why.

    The language sets the naming convention unless the address names one.
    """
    notes: list[Note] = []
    lang = params.get("lang", "en")
    if lang not in LANGUAGES:
        notes.append((N_("Ignored the unknown language {value} in the address."), {"value": repr(lang)}))
        lang = "en"
    date = default
    if "date" in params:
        try:
            date = parse_date(params["date"])
            if not start <= date <= end:
                values = {"date": str(date), "start": str(start), "end": str(end), "default": str(default)}
                notes.append((N_("The date {date} is outside the data ({start} to {end}); showing {default}."), values))
                date = default
        except ValueError as exc:
            notes.append((N_("Ignored the date in the address: {reason}."), {"reason": str(exc)}))
    scenario = params.get("scenario", "actual")
    if scenario not in SCENARIOS:
        notes.append((N_("Ignored the unknown scenario {value} in the address."), {"value": repr(scenario)}))
        scenario = "actual"
    names = params.get("names", DEFAULT_CONVENTION[lang])
    if names not in CONVENTIONS:
        notes.append((N_("Ignored the unknown naming convention {value} in the address."), {"value": repr(names)}))
        names = DEFAULT_CONVENTION[lang]
    layers = clean_layers(params.get("layers", DEFAULT_LAYERS))
    mapview = params.get("view", "")
    if mapview and not MAPVIEW.match(mapview):
        notes.append((N_("Ignored the map view in the address (expected lat,lon,zoom)."), {}))
        mapview = ""
    mode = params.get("mode", "explore")
    if mode not in MODES:
        notes.append((N_("Ignored the unknown mode {value} in the address."), {"value": repr(mode)}))
        mode = "explore"
    return View(date, scenario, names, layers, mapview, mode, lang), notes


def clean_layers(text: str) -> str:
    """Keep only known layer names, in a fixed order."""
    wanted = set(text.split(","))
    return ",".join(layer for layer in ALL_LAYERS if layer in wanted)


def params_of(view: View) -> dict[str, str]:
    params = {"date": view.date.isoformat(), "scenario": view.scenario, "names": view.names}
    if view.layers != DEFAULT_LAYERS:
        params["layers"] = view.layers
    if view.mapview:
        params["view"] = view.mapview
    if view.mode != "explore":
        params["mode"] = view.mode
    if view.lang != "en":
        params["lang"] = view.lang
    return params


def init_state(start: dt.date, end: dt.date, default: dt.date) -> list[Note]:
    """On a session's first run, take the view from the address."""
    if DATE_KEY in st.session_state:
        return []
    view, notes = view_from_params(dict(st.query_params), start, end, default)
    st.session_state[DATE_KEY] = view.date
    st.session_state[SCENARIO_KEY] = view.scenario
    st.session_state[NAMES_KEY] = view.names
    st.session_state[LAYERS_KEY] = view.layers
    st.session_state[MAPVIEW_KEY] = view.mapview
    st.session_state[MODE_KEY] = view.mode == "present"
    st.session_state[LANG_KEY] = view.lang
    st.session_state[REV_KEY] = 0
    return notes


def current() -> View:
    return View(
        st.session_state[DATE_KEY],
        st.session_state[SCENARIO_KEY],
        st.session_state[NAMES_KEY],
        st.session_state.get(LAYERS_KEY, DEFAULT_LAYERS),
        st.session_state.get(MAPVIEW_KEY, ""),
        "present" if st.session_state.get(MODE_KEY) else "explore",
        st.session_state.get(LANG_KEY, "en"),
    )


def bump_rev() -> None:
    """A Streamlit widget moved the date: the map must follow it."""
    st.session_state[REV_KEY] = st.session_state.get(REV_KEY, 0) + 1


def jump_to(day: dt.date) -> None:
    st.session_state[DATE_KEY] = day
    bump_rev()


def take_map_view() -> None:
    """The map moved (date, layers, view): Streamlit follows, the map is not told back."""
    result = st.session_state.get(MAP_KEY)
    state = getattr(result, "view", None) if result is not None else None
    if not isinstance(state, dict):
        return
    try:
        st.session_state[DATE_KEY] = parse_date(str(state.get("date")))
    except ValueError:
        return
    if isinstance(state.get("layers"), str):
        st.session_state[LAYERS_KEY] = clean_layers(state["layers"])
    if isinstance(state.get("view"), str) and MAPVIEW.match(state["view"]):
        st.session_state[MAPVIEW_KEY] = state["view"]
    if state.get("mode") in MODES:
        st.session_state[MODE_KEY] = state["mode"] == "present"


def current_language() -> str:
    """The session's language: the picker's, else the address's (before the first run has read it), else English."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    asked = st.query_params.get("lang")
    return asked if asked in LANGUAGES else "en"


def language_changed() -> None:
    """A new language brings its own naming convention (the reader can still change it afterwards)."""
    st.session_state[NAMES_KEY] = DEFAULT_CONVENTION[st.session_state.get(LANG_KEY, "en")]


def sync_address(view: View) -> None:
    wanted = params_of(view)
    current = {k: st.query_params.get(k) for k in ("date", "scenario", "names", "layers", "view", "mode", "lang")}
    if {k: v for k, v in current.items() if v is not None} != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)
