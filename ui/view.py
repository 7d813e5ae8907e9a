"""The view a person sees (date, scenario, names) and how the address carries it.

Parsing is pure so it can be tested without Streamlit; the callbacks below
are the only places that change the view in ``st.session_state``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from geo.names import CONVENTIONS
from geo.schema import SCENARIOS, parse_date

DATE_KEY = "date"
REV_KEY = "date_rev"
SCENARIO_KEY = "scenario"
NAMES_KEY = "names"
MAP_KEY = "map"


@dataclass(frozen=True)
class View:
    date: dt.date
    scenario: str
    names: str


def view_from_params(
    params: Mapping[str, str], start: dt.date, end: dt.date, default: dt.date
) -> tuple[View, list[str]]:
    """Read ``?date=&scenario=&names=``; bad values fall back, with a note why."""
    notes: list[str] = []
    date = default
    if "date" in params:
        try:
            date = parse_date(params["date"])
            if not start <= date <= end:
                notes.append(f"The date {date} is outside the data ({start} to {end}); showing {default}.")
                date = default
        except ValueError as exc:
            notes.append(f"Ignored the date in the address: {exc}.")
    scenario = params.get("scenario", "actual")
    if scenario not in SCENARIOS:
        notes.append(f"Ignored the unknown scenario {scenario!r} in the address.")
        scenario = "actual"
    names = params.get("names", "neutral")
    if names not in CONVENTIONS:
        notes.append(f"Ignored the unknown naming convention {names!r} in the address.")
        names = "neutral"
    return View(date, scenario, names), notes


def params_of(view: View) -> dict[str, str]:
    return {"date": view.date.isoformat(), "scenario": view.scenario, "names": view.names}


def init_state(start: dt.date, end: dt.date, default: dt.date) -> list[str]:
    """On a session's first run, take the view from the address."""
    if DATE_KEY in st.session_state:
        return []
    view, notes = view_from_params(dict(st.query_params), start, end, default)
    st.session_state[DATE_KEY] = view.date
    st.session_state[SCENARIO_KEY] = view.scenario
    st.session_state[NAMES_KEY] = view.names
    st.session_state[REV_KEY] = 0
    return notes


def current() -> View:
    return View(st.session_state[DATE_KEY], st.session_state[SCENARIO_KEY], st.session_state[NAMES_KEY])


def bump_rev() -> None:
    """A Streamlit widget moved the date: the map must follow it."""
    st.session_state[REV_KEY] = st.session_state.get(REV_KEY, 0) + 1


def jump_to(day: dt.date) -> None:
    st.session_state[DATE_KEY] = day
    bump_rev()


def take_map_date() -> None:
    """The map moved the date: Streamlit follows, the map is not told back."""
    result = st.session_state.get(MAP_KEY)
    text = getattr(result, "date", None) if result is not None else None
    if not isinstance(text, str):
        return
    try:
        day = parse_date(text)
    except ValueError:
        return
    st.session_state[DATE_KEY] = day


def sync_address(view: View) -> None:
    wanted = params_of(view)
    if {k: st.query_params.get(k) for k in wanted} != wanted:
        st.query_params.update(wanted)
