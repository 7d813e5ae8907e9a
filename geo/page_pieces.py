"""The fixed shapes the interactive page restyles by date, and each one's state rows.

The page cannot cut polygons on every step of the slider, so every piece any
day can need (a whole district, a district's part inside or outside a line,
a place's part of the ground that changed hands) is sent once, and each gets
state rows like a feature's: on the days its holder changes, and a hidden row
(controller ``None``) on days another cut of its district is drawn instead.
The rows come from ``Model.assignment`` evaluated on every day anything
changes, so the page and the exports share one set of rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import geopandas as gpd

from geo.control import WGS84
from geo.model import Model
from geo.timeline import day_number, from_day_number


def change_days(model: Model, scenario: str) -> list[int]:
    """Every day on which a state or the rule in force (a line, a gap) changes."""
    days = {int(d) for d in model.timeline.states(scenario)["day"]}
    days.add(day_number(model.dataset.meta.start))
    for period in model.line_periods or []:
        days.add(day_number(period.start))
    end = day_number(model.dataset.meta.end)
    return sorted(d for d in days if d <= end)


def style_row(day: int, side: str, source: str, status: Any, events_index: dict[str, int]) -> list[Any]:
    """A piece's row in the page's STATE_FIELDS layout, styled by the feature that decides it."""
    row = status.loc[source]
    since = row["since"]
    controller_since = row["controller_since"]
    return [
        day,
        side,
        None,
        row["status"] if isinstance(row["status"], str) else None,
        row["confidence"] if isinstance(row["confidence"], str) else None,
        day_number(controller_since) if isinstance(controller_since, dt.date) else None,
        events_index.get(row["event_id"]) if isinstance(row["event_id"], str) else None,
        day_number(since) if isinstance(since, dt.date) else day,
        None,
        False,
    ]


def hidden_row(day: int) -> list[Any]:
    return [day, None, None, None, None, None, None, day, None, False]


def piece_states(
    model: Model, scenario: str, events_index: dict[str, int], shapes: dict[str, tuple[str, str, str, Any]]
) -> dict[str, list[list[Any]]]:
    """Rows per piece for one scenario; ``shapes`` collects every piece seen (key -> district, source, kind, shape)."""
    rows: dict[str, list[list[Any]]] = {}
    for day in change_days(model, scenario):
        date = from_day_number(day)
        status = model.timeline.status_on(date, scenario)
        shown = set()
        for district, side, piece in model.assignment(date, scenario, carve=False):
            shapes.setdefault(piece.key, (district, piece.source, piece.kind, piece.geometry))
            own = piece.kind == "cell" and status.loc[piece.source, "controller"] == side
            source = piece.source if own else district
            row = style_row(day, side, source, status, events_index)
            shown.add(piece.key)
            history = rows.setdefault(piece.key, [])
            if not history or history[-1][1:] != row[1:]:
                history.append(row)
        for key, history in rows.items():
            if key not in shown and history[-1][1] is not None:
                history.append(hidden_row(day))
    return rows


def page_pieces(model: Model, events_index: dict[str, int]) -> tuple[gpd.GeoDataFrame, dict[str, dict[str, list]]]:
    """Every piece (key, district, source, kind, geometry) and its rows per scenario.

    The second scenario carries only the pieces whose rows differ from the actual ones,
    as the features' rows do.
    """
    shapes: dict[str, tuple[str, str, str, Any]] = {}
    actual = piece_states(model, "actual", events_index, shapes)
    scheduled = piece_states(model, "scheduled", events_index, shapes)
    frame = gpd.GeoDataFrame(
        [(key, *values[:3]) for key, values in shapes.items()],
        columns=["key", "district", "source", "kind"],
        geometry=[values[3] for values in shapes.values()],
        crs=WGS84,
    )
    return frame, {
        "actual": actual,
        "scheduled": {key: value for key, value in scheduled.items() if actual.get(key) != value},
    }
