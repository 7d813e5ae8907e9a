"""A two-way bridge between Streamlit and the map page.

The map page is an iframe loaded by its address under ``app/static/map/``
(``layers.prebuilt.serve_page``): the websocket carries that address, and
the browser fetches the page and its files over HTTP, compressed and
cached. An uploaded scenario's page, which is not served, is sent once per
session instead (``srcdoc``). Either way the page is then driven by small
messages, so moving the date never reloads the map.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

HERE = Path(__file__).resolve().parent
# On a phone the app's own controls step aside (app.py), so the map takes the screen below the title.
CSS = """
.tcm-frame { width: 100%; border: 0; display: block; }
@media (max-width: 640px) { .tcm-frame { height: max(420px, calc(100vh - 165px)) !important; } }
"""


@cache
def _component() -> Any:
    return st.components.v2.component("tcm_map_bridge", js=(HERE / "bridge.js").read_text(encoding="utf-8"), css=CSS)


@lru_cache(maxsize=16)
def document_id(html: str) -> str:
    """A short digest of the map page; cached, as the same page is sent to every session."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:16]


def map_view(
    html: str,
    *,
    src: str | None = None,
    date: str,
    rev: int,
    scenario: str,
    names: str,
    layers: str,
    map_view: str,
    mode: str,
    height: str,
    key: str,
    on_view_change: Callable[[], None],
) -> Any:
    """Mount the map from its address ``src``, or else from ``html``, which is only sent until the browser has it."""
    doc = document_id(src or html)
    previous = st.session_state.get(key)
    loaded = getattr(previous, "loaded", None) if previous is not None else None
    data = {
        "doc": doc,
        "date": date,
        "rev": rev,
        "scenario": scenario,
        "names": names,
        "layers": layers,
        "view": map_view,
        "mode": mode,
        "height": height,
    }
    if src:
        data["src"] = src
    elif loaded != doc:
        data["html"] = html
    return _component()(
        data=data,
        key=key,
        default={"view": None, "loaded": None},
        on_view_change=on_view_change,
        on_loaded_change=lambda: None,
    )
