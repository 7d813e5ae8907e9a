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


def style_row(day: int, side: str, confidence: object, by_line: bool = False) -> list[Any]:
    """A piece's row in the page's STATE_FIELDS layout: only what its fill needs (holder, confidence).

    A piece is drawn without an edge and its tooltip is its place's or district's, so the
    status, the event and the dates stay on the features' own rows: the page stays small.
    A piece a line of control decides is drawn as the line's, not faded by the district's
    confidence (which is about its share, and the line settles that).
    """
    confidence = "confirmed" if by_line else confidence
    return [day, side, None, None, confidence if isinstance(confidence, str) else None, None, None, None, None, False]


def piece_states(
    model: Model, scenario: str, shapes: dict[str, tuple[str, str, str, Any]]
) -> dict[str, list[list[Any]]]:
    """Rows per piece for one scenario; ``shapes`` collects every piece seen (key -> district, source, kind, shape)."""
    rows: dict[str, list[list[Any]]] = {}
    for day in change_days(model, scenario):
        date = from_day_number(day)
        state = model.day_state(date, scenario)
        shown = set()
        for district, side, piece in model.assignment(date, scenario, carve=False, state=state):
            shapes.setdefault(piece.key, (district, piece.source, piece.kind, piece.geometry))
            own = piece.kind == "cell" and state.controllers.get(piece.source) == side
            confidence = state.confidences.get(piece.source if own else district)
            row = style_row(day, side, confidence, piece.kind in ("held", "other"))
            shown.add(piece.key)
            history = rows.setdefault(piece.key, [])
            if not history or history[-1][1:] != row[1:]:
                history.append(row)
        for key, history in rows.items():
            if key not in shown and history[-1][1] is not None:
                history.append(style_row(day, None, None))
    return rows


def page_pieces(model: Model) -> tuple[gpd.GeoDataFrame, dict[str, dict[str, list]]]:
    """Every piece (key, district, source, kind, geometry) and its rows per scenario.

    The second scenario carries only the pieces whose rows differ from the actual ones,
    as the features' rows do.
    """
    shapes: dict[str, tuple[str, str, str, Any]] = {}
    actual = piece_states(model, "actual", shapes)
    scheduled = piece_states(model, "scheduled", shapes)
    # Short ids on the page ("p" and a number): the model's keys are long and the page only matches them.
    short = {key: f"p{number:x}" for number, key in enumerate(sorted(shapes))}
    frame = gpd.GeoDataFrame(
        [(short[key], *values[:3]) for key, values in sorted(shapes.items())],
        columns=["key", "district", "source", "kind"],
        geometry=[values[3] for _, values in sorted(shapes.items())],
        crs=WGS84,
    )
    return frame, {
        "actual": {short[key]: rows for key, rows in actual.items()},
        "scheduled": {short[key]: rows for key, rows in scheduled.items() if actual.get(key) != rows},
    }
