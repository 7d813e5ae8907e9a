"""The area chart's series, computed ahead with the map page and kept beside it.

Measuring the held area after every change takes about a second per
scenario (a union of every district's pieces on each key date). Done in the
server, it held back the first panels of every session that opened while it
ran; done by ``python -m layers.prebuilt`` (``make run``), the app reads a
small file. The file is keyed like the page: by the data and the code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.vocab import SCENARIOS
from layers.prebuilt import cache_dir, fingerprint, write_atomically

Rows = list[dict[str, Any]]


def series_rows(model: Any, scenario: str) -> Rows:
    """km2 held by each side (by its label) after every change, then on the last day of the data."""
    labels = {side: entry["label"] for side, entry in model.dataset.meta.controllers.items()}
    days = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
    rows: Rows = []
    for day in days:
        totals = model.areas(day, scenario)["total_km2"]
        rows.append({"date": day.isoformat(), **{labels[side]: float(km) for side, km in totals.items()}})
    if rows:
        rows.append({**rows[-1], "date": model.dataset.meta.end.isoformat()})
    return rows


def cached_series(
    data_root: Path, model_of: Callable[[], Any], folder: Path | None = None, key: str | None = None
) -> dict[str, Rows]:
    """Every scenario's rows, from ``areas-<key>.json`` when current, else measured (``model_of()``) and stored.

    ``key``: the data's fingerprint, when the caller has just computed it.
    """
    path = (folder or cache_dir()) / f"areas-{key or fingerprint(data_root)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and set(stored) == set(SCENARIOS):
            return stored
    except (OSError, ValueError):
        pass
    model = model_of()
    series = {scenario: series_rows(model, scenario) for scenario in SCENARIOS}
    write_atomically(path, json.dumps(series, ensure_ascii=False))
    return series


def dated(rows: Rows) -> Rows:
    """The rows with their dates as dates again (the chart's scale and filters compare dates)."""
    return [{**row, "date": dt.date.fromisoformat(row["date"])} for row in rows]
