"""Who held each piece of each followed district on a day: the rules of docs/method.md in one place.

* A split district whose event names a ``remainder`` (Lachin after the
  handover) is that side's, except the active corridors.
* Before the first line (the first war) a district held whole is drawn whole;
  a split one by the cells of its places.
* While a line is in force, its polygon decides: inside it the line's side,
  outside it the other side, whatever the district's own summary says (Kalbajar
  was handed over, but its part of the former oblast was not).
* In a gap between lines, ground inside both stays with the holder, ground
  outside both with the other side, and the ground that changed hands goes by
  its places; a district-level event during the gap (a handover, the fall of a
  district) decides that ground for the whole district instead.
* Active corridors are carved out of every piece for areas (``carve``); the
  page draws them on top instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import shapely

from geo import control
from geo import lines as linework


@dataclass(frozen=True)
class DayState:
    """What the assignment needs to know of one day: every feature's controller and the active corridors."""

    controllers: dict[str, object]
    confidences: dict[str, object]
    controller_since: dict[str, object]
    remainders: dict[str, str]
    zones: dict[str, shapely.Geometry]  # active corridors and their shapes
    zone_control: dict[str, str]


def other_side(sides: tuple[str, ...], side: str) -> str:
    rest = [s for s in sides if s != side]
    return rest[0] if rest else "unknown"


def line_pieces(district_id: str, outline: shapely.Geometry, period: linework.Period) -> list[control.Piece]:
    """A district while a line is in force: its part inside the line and its part outside."""
    version = period.held
    assert version is not None
    inside, outside = linework.overlay(outline, version.area)
    return [
        control.Piece(kind, f"{district_id}|{version.key}|{tag}", part, control.km2(part), district_id)
        for kind, tag, part in (("held", "in", inside), ("other", "out", outside))
        if not part.is_empty
    ]


def gap_pieces(
    district_id: str, outline: shapely.Geometry, period: linework.Period, cells: list[tuple[str, shapely.Geometry]]
) -> list[control.Piece]:
    """A district in a gap: the ground kept, the ground held by neither, and the changed ground by place."""
    earlier = period.earlier.key if period.earlier else "start"
    later = period.later.key if period.later else "end"
    tag = f"{earlier}>{later}"
    ground = linework.gap_ground(outline, period)
    pieces = [
        control.Piece(kind, f"{district_id}|{tag}|{name}", ground[name], control.km2(ground[name]), district_id)
        for kind, name in (("held", "kept"), ("other", "neither"))
        if not ground[name].is_empty
    ]
    changed = ground["changed"]
    covered = []
    for settlement, cell in cells:
        part = linework.clean(cell.intersection(changed))
        if not part.is_empty:
            key = f"{district_id}|{tag}|{settlement}"
            pieces.append(control.Piece("cell", key, part, control.km2(part), settlement))
            covered.append(part)
    rest = linework.clean(changed.difference(shapely.union_all(covered))) if covered else changed
    if not rest.is_empty and control.km2(rest) > 0.01:
        pieces.append(control.Piece("rest", f"{district_id}|{tag}|rest", rest, control.km2(rest), district_id))
    return pieces


def carve(
    district_id: str, pieces: list[control.Piece], inside: dict[str, shapely.Geometry], outline: shapely.Geometry
) -> list[control.Piece]:
    """The pieces less the active corridors, and each corridor's part of the district as a piece of its own."""
    if not inside:
        return pieces
    taken = shapely.union_all(list(inside.values()))
    result = []
    for piece in pieces:
        rest = linework.clean(piece.geometry.difference(taken))
        if not rest.is_empty:
            result.append(control.Piece(piece.kind, piece.key, rest, control.km2(rest), piece.source))
    for zone_id, geometry in inside.items():
        part = linework.clean(geometry.intersection(outline))
        if not part.is_empty:
            result.append(control.Piece("zone", f"{district_id}|zone|{zone_id}", part, control.km2(part), zone_id))
    return result


def side_of(
    piece: control.Piece,
    district_id: str,
    period: linework.Period | None,
    state: DayState,
    sides: tuple[str, ...],
) -> str:
    """The side a piece goes to on the day (``unknown`` when the data cannot say)."""
    controller = state.controllers.get(district_id)
    if piece.kind == "zone":
        side = state.zone_control.get(piece.source)
    elif piece.kind in ("held", "other"):
        holder = (period.held or period.earlier).side if period else "unknown"
        side = holder if piece.kind == "held" else other_side(sides, holder)
    elif piece.kind in ("district", "rest") or decided_by_district(district_id, period, state, sides):
        side = controller
    else:
        side = state.controllers.get(piece.source)
    return side if side in sides else "unknown"


def decided_by_district(
    district_id: str, period: linework.Period | None, state: DayState, sides: tuple[str, ...]
) -> bool:
    """True in a gap when a district-level event since its start (a handover, a fall) holds the district whole."""
    if period is None or period.kind != "gap" or state.controllers.get(district_id) not in sides:
        return False
    since = state.controller_since.get(district_id)
    return isinstance(since, dt.date) and since >= period.start


def district_pieces(
    district_id: str,
    period: linework.Period | None,
    state: DayState,
    sides: tuple[str, ...],
    before: Callable[[str, tuple[str, ...]], list[control.Piece]],
    whole: Callable[[str], control.Piece],
    in_period: Callable[[str, linework.Period, tuple[str, ...]], list[control.Piece]],
    carve_zones: bool,
) -> list[tuple[str, control.Piece]]:
    """(side, piece) for one district on the day, by the rules above."""
    controller = state.controllers.get(district_id)
    remainder = state.remainders.get(district_id) or None
    outline = whole(district_id).geometry
    active = tuple(sorted(z for z, g in state.zones.items() if g.intersects(outline))) if carve_zones else ()
    if controller == "split" and remainder in sides:
        if not active:  # one side's whole district; the corridors are drawn over it
            return [(remainder, whole(district_id))]
        pieces = before(district_id, active)
        return [(side_of(p, district_id, period, state, sides) if p.kind == "zone" else remainder, p) for p in pieces]
    if period is None or period.kind == "before":
        if controller != "split":
            piece = whole(district_id)
            return [(side_of(piece, district_id, period, state, sides), piece)]
        pieces = before(district_id, active)
    else:
        pieces = in_period(district_id, period, active)
    return [(side_of(p, district_id, period, state, sides), p) for p in pieces]
