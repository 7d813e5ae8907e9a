"""Exports drawn in a separate process, so a busy server keeps answering while files are drawn.

Drawing a map with matplotlib holds Python's interpreter lock for most of a
second; in the server's own process that stalls every other session. The
app hands each export to a small pool of worker processes that load the
data once and keep it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.model import Model

# How much lower than the server an export worker runs: a file can wait a little, a session's
# date change should not wait for a file being drawn on the same cores.
NICENESS = 10


def lower_priority() -> None:
    """Run this worker process behind the server (process initializer; where the OS allows it)."""
    # No nice() on this system, or not allowed: draw at normal priority.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICENESS)


def current_niceness() -> int:
    """This process's niceness (a check that the pool's workers run behind the server)."""
    return os.nice(0)


@lru_cache(maxsize=4)
def model_for(root: str) -> Model:
    return Model.load(Path(root))


def make_file(
    root: str,
    day: dt.date,
    scenario: str,
    names: str,
    preset: str,
    kind: str,
    bounds: tuple[dt.date, dt.date],
    text: dict[str, Any] | None = None,
    lang: str = "en",
) -> tuple[bytes, str]:
    """In a worker process: the export of the view, from the worker's own copy of the data."""
    return draw_file(model_for(root), day, scenario, names, preset, kind, bounds, text=text, lang=lang)


def draw_file(
    model: Model,
    day: dt.date,
    scenario: str,
    names: str,
    preset: str,
    kind: str,
    bounds: tuple[dt.date, dt.date],
    text: dict[str, Any] | None = None,
    lang: str = "en",
) -> tuple[bytes, str]:
    """The bytes and file name of one export of the view (``kind``: png, svg, pdf, html or gif), in ``lang``.

    ``text``: a title, subtitle, note or highlight of the user's, for a PNG, SVG or PDF (see Snapshot).
    """
    from layers import export
    from layers.static_map import Snapshot

    if kind == "html":
        page = export.interactive_html(model, day=day, scenario=scenario, convention=names, lang=lang)
        return page.encode("utf-8"), f"karabakh-control-{day.isoformat()}-{lang}.html"
    if kind == "gif":
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "animation.gif"
            export.write_animation(
                model, out, start=bounds[0], end=bounds[1], step="event", scenario=scenario, convention=names, lang=lang
            )
            name = f"karabakh-control-{bounds[0].isoformat()}-{bounds[1].isoformat()}.gif"
            return out.read_bytes(), name
    data = export.snapshot_bytes(model, Snapshot(day, scenario, names, preset, lang=lang, **(text or {})), kind)
    suffix = "" if lang == "en" else f"-{lang}"  # English keeps the names it always had
    return data, f"karabakh-control-{day.isoformat()}-{scenario}-{preset}{suffix}.{kind}"
