"""The dataset and its timeline together, and the records both front ends show."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, Point

from geo import assign, control
from geo import lines as linework
from geo import names as naming
from geo.io import DATA_DIR, Dataset, load_dataset
from geo.memo import remember
from geo.schema import STATUSES
from geo.timeline import Timeline


@dataclass(frozen=True)
class Model:
    """Validated data plus the timeline built from it; cheap to query, built once."""

    dataset: Dataset

    @classmethod
    def load(cls, root: Path = DATA_DIR) -> Model:
        """The built-in layout (``data/``), or a scenario folder or .zip in the documented format."""
        from geo.scenario import is_scenario, read_scenario

        return cls(read_scenario(root) if is_scenario(root) else load_dataset(root))

    @cached_property
    def timeline(self) -> Timeline:
        meta = self.dataset.meta
        return Timeline(self.dataset.events, self.dataset.targets, meta.start, meta.end, meta.sides)

    @property
    def sides(self) -> tuple[str, ...]:
        return self.dataset.meta.sides

    @cached_property
    def cells(self) -> gpd.GeoDataFrame:
        """Settlement cells of the area districts (static; coloured per date)."""
        ds = self.dataset
        return control.settlement_cells(ds.area_districts, ds.settlements)

    @cached_property
    def zone_shapes(self) -> dict[str, control.ZoneShape]:
        """Corridors as polygons and links as lines, from their cited route points."""
        ds = self.dataset
        area = shapely.union_all(ds.area_districts.geometry.values)
        shapes = {}
        for zone_id, zone in ds.zones.iterrows():
            route = ds.routes[ds.routes["zone"] == zone_id]
            points = [Point(r.lon, r.lat) for r in route.itertuples()]
            if zone["kind"] == "corridor" and len(points) >= 2:
                exclude = []
                if zone["exclude"]:
                    centre = ds.settlements.loc[zone["exclude"]].geometry
                    exclude.append((centre, float(zone["exclude_radius_km"])))
                geometry = control.corridor_polygon(points, float(zone["width_km"]), exclude, area)
            elif zone["kind"] == "link" and len(points) >= 2:
                geometry = LineString(points)
            elif zone["kind"] == "point" and points:
                geometry = points[0]
            else:
                continue  # derived zones (the peacekeepers' area) are built per date
            shapes[zone_id] = control.ZoneShape(zone_id, zone["kind"], geometry, zone["schematic"] == "yes")
        return shapes

    def _pieces(self, district_id: str, active_zones: tuple[str, ...]) -> list[control.Piece]:
        """The static pieces a split district is cut into, given the active zones (cached)."""
        cache: dict[tuple[str, tuple[str, ...]], list[control.Piece]] = self.__dict__.setdefault("_piece_cache", {})
        key = (district_id, active_zones)
        if key not in cache:
            district = self.dataset.area_districts.loc[district_id].geometry
            zones = [(z, self.zone_shapes[z].geometry) for z in active_zones]
            cells = self._cells_by_district.get(district_id, self.cells.iloc[:0])
            cache[key] = control.cut_district(district_id, district, cells, zones)
        return cache[key]

    @cached_property
    def line_periods(self) -> list[linework.Period] | None:
        """The periods of the lines of control, or None for data without lines (drawn from places alone)."""
        data = self.dataset.lines
        if data is None:
            return None
        meta = self.dataset.meta
        versions = linework.versions(data, self.cells, self.dataset.settlements.geometry)
        return linework.periods(versions, meta.start, meta.end)

    def _period_pieces(self, district_id: str, period: linework.Period) -> list[control.Piece]:
        """A district's pieces under a line or in a gap between lines (cached per period)."""

        def compute() -> list[control.Piece]:
            outline = self._whole(district_id).geometry
            if period.kind == "line":
                pieces = assign.line_pieces(district_id, outline, period)
            else:
                frame = self._cells_by_district.get(district_id, self.cells.iloc[:0])
                cells = [(row.settlement, row.geometry) for row in frame.itertuples()]
                pieces = assign.gap_pieces(district_id, outline, period, cells)
            return [self._same_piece(district_id, piece) for piece in pieces]

        return remember(self, "_period_cache", (district_id, period.start), compute)

    def _same_piece(self, district_id: str, piece: control.Piece) -> control.Piece:
        """An earlier piece of the same shape and kind, if there is one: where two versions of a line
        cut a district alike, the page sends that shape once."""
        seen: dict[tuple[str, str], list[control.Piece]] = self.__dict__.setdefault("_pieces_seen", {})
        earlier = seen.setdefault((district_id, piece.kind), [])
        for other in earlier:
            if other.source == piece.source and other.geometry.equals(piece.geometry):
                return other
        earlier.append(piece)
        return piece

    def day_state(self, day: dt.date, scenario: str = "actual") -> assign.DayState:
        status = self.timeline.status_on(day, scenario)
        events = self.dataset.events
        remainders = remember(
            self, "_remainders", None, lambda: dict(zip(events["event_id"], events["remainder"], strict=True))
        )
        statuses = dict(zip(status.index, status["status"], strict=True))
        controllers = dict(zip(status.index, status["controller"], strict=True))
        active = {
            zone_id: shape.geometry
            for zone_id, shape in sorted(self.zone_shapes.items())
            if shape.kind == "corridor" and control.is_active(statuses[zone_id])
        }
        return assign.DayState(
            controllers=controllers,
            confidences=dict(zip(status.index, status["confidence"], strict=True)),
            controller_since=dict(zip(status.index, status["controller_since"], strict=True)),
            remainders={
                target: remainders.get(event, "")
                for target, event in zip(status.index, status["control_event"], strict=True)
                if isinstance(event, str)
            },
            zones=active,
            zone_control={z: controllers[z] for z in active},
        )

    def _carved_pieces(self, district_id: str, period: linework.Period, zones: tuple[str, ...]) -> list[control.Piece]:
        """A district's pieces in a period less the given corridors (cached)."""
        pieces = self._period_pieces(district_id, period)
        if not zones:
            return pieces
        shapes = {z: self.zone_shapes[z].geometry for z in zones}
        return remember(
            self,
            "_carve_cache",
            (district_id, period.start, zones),
            lambda: assign.carve(district_id, pieces, shapes, self._whole(district_id).geometry),
        )

    def assignment(
        self, day: dt.date, scenario: str = "actual", carve: bool = True, state: assign.DayState | None = None
    ) -> list[tuple[str, str, control.Piece]]:
        """(district, controller, piece) for every piece of every area district on ``day``.

        With ``carve`` the active corridors are cut out as pieces of their own (for areas and
        exports); without, the pieces are the fixed shapes the page restyles, corridors drawn on top.
        ``state``: the day's states, when the caller has them already (``day_state``).
        """
        state = state or self.day_state(day, scenario)
        periods = self.line_periods
        period = linework.period_at(periods, day) if periods else None
        result = []
        for district_id in sorted(self.dataset.area_districts.index):
            sided = assign.district_pieces(
                district_id, period, state, self.sides, self._pieces, self._whole, self._carved_pieces, carve
            )
            result += [(district_id, side, piece) for side, piece in sided]
        return result

    @cached_property
    def _cells_by_district(self) -> dict[str, gpd.GeoDataFrame]:
        return dict(iter(self.cells.groupby("district")))

    def _whole(self, district_id: str) -> control.Piece:
        cache: dict[str, control.Piece] = self.__dict__.setdefault("_whole_cache", {})
        if district_id not in cache:
            geometry = self.dataset.area_districts.loc[district_id].geometry
            area = control.km2(geometry)
            cache[district_id] = control.Piece("district", f"{district_id}|whole", geometry, area, district_id)
        return cache[district_id]

    def control_parts(self, day: dt.date, scenario: str = "actual") -> gpd.GeoDataFrame:
        """Who held which part of each area district on ``day`` (WGS84 polygons)."""
        parts = [(d, side, piece.geometry) for d, side, piece in self.assignment(day, scenario)]
        return control.dissolve_parts(parts)

    def peacekeepers_area(self, day: dt.date, scenario: str = "actual") -> shapely.Geometry | None:
        """Derived: the Armenian-held area plus the active corridor, while the mission is deployed."""
        status = self.timeline.status_on(day, scenario)
        if "peacekeepers-area" not in status.index or not control.is_active(status.loc["peacekeepers-area", "status"]):
            return None
        # The mission watched the ground held by the second side (the built-in data: ARM).
        watched = self.sides[1] if len(self.sides) > 1 else self.sides[0]
        held = [piece for _, side, piece in self.assignment(day, scenario) if side == watched]
        if not held:
            return None
        cache: dict[tuple[int, ...], shapely.Geometry] = self.__dict__.setdefault("_union_cache", {})
        signature = tuple(sorted(id(piece) for piece in held))
        if signature not in cache:
            cache[signature] = shapely.union_all([piece.geometry for piece in held])
        return cache[signature]

    def contact_line(self, day: dt.date, scenario: str = "actual") -> shapely.Geometry:
        """Derived line of contact: where the two sides' areas touch on ``day`` (approximate)."""
        parts = self.control_parts(day, scenario)
        sides = [shapely.union_all(list(parts[parts["controller"] == s].geometry)) for s in self.sides[:2]]
        if len(sides) < 2:
            return shapely.LineString()
        if any(g.is_empty for g in sides):
            return shapely.LineString()
        line = shapely.intersection(sides[0].boundary, sides[1].boundary)
        return shapely.line_merge(shapely.union_all([g for g in shapely.get_parts(line) if g.length > 0]))

    def areas(self, day: dt.date, scenario: str = "actual") -> dict[str, Any]:
        """km2 held by each side, per district and in total (equal-area projection)."""
        sizes: dict[str, dict[str, float]] = {}
        for district_id, side, piece in self.assignment(day, scenario):
            bucket = sizes.setdefault(district_id, {**dict.fromkeys(self.sides, 0.0), "unknown": 0.0})
            bucket[side] += piece.km2
        districts = []
        total = dict.fromkeys(self.sides, 0.0)
        for district_id in sorted(sizes):
            bucket = sizes[district_id]
            record_sizes = {side: round(bucket[side], 1) for side in self.sides}
            if bucket["unknown"] > 0.05:
                record_sizes["unknown"] = round(bucket["unknown"], 1)
            districts.append({"id": district_id, "km2": record_sizes})
            for side in self.sides:
                total[side] += bucket[side]
        return {
            "date": day.isoformat(),
            "scenario": scenario,
            "total_km2": {side: round(value, 1) for side, value in total.items()},
            "districts": districts,
        }

    def feature_names(self, feature_id: str) -> dict[str, Any]:
        ds = self.dataset
        table = ds.districts if feature_id in ds.districts.index else ds.settlements
        return table.loc[feature_id].to_dict()

    def district_records(self, day: dt.date, scenario: str = "actual") -> list[dict[str, Any]]:
        """One record per district the timeline follows, as the CLI prints them."""
        status = self.timeline.status_on(day, scenario, level="district")
        districts = self.dataset.area_districts
        derived = None
        records = []
        for district_id in sorted(districts.index):
            row = status.loc[district_id]
            names = districts.loc[district_id].to_dict()
            record = {
                "id": district_id,
                "name": names["name_en"],
                "names": naming.all_names(names),
                **state_fields(row),
            }
            record["share_basis"] = "cited" if row["controller"] == "split" else "whole district"
            if record["controller"] == "split" and record["share_az"] is None:
                # No published figure: derive it from the settlement cells and zones.
                if derived is None:
                    derived = {r["id"]: r for r in self.areas(day, scenario)["districts"]}
                record["share_az"] = control.share_from_areas(derived[district_id], self.sides)
                record["share_basis"] = "derived (approximate)" if record["share_az"] is not None else "unknown"
            records.append(record)
        return records

    def settlement_records(self, day: dt.date, scenario: str = "actual") -> list[dict[str, Any]]:
        status = self.timeline.status_on(day, scenario, level="settlement")
        records = []
        for settlement_id, names in self.dataset.settlements.iterrows():
            if settlement_id not in status.index:
                continue  # context places outside the area the timeline follows
            row = status.loc[settlement_id]
            records.append(
                {
                    "id": settlement_id,
                    "name": names["name_en"],
                    "names": naming.all_names(names),
                    "district": names["district"],
                    "lat": float(names["lat"]) if names["lat"] else None,
                    "lon": float(names["lon"]) if names["lon"] else None,
                    **state_fields(row),
                }
            )
        return records


def state_fields(row: pd.Series) -> dict[str, Any]:
    share = row["share_az"]
    return {
        "controller": row["controller"] if isinstance(row["controller"], str) else None,
        "share_az": None if share is None or math.isnan(share) else round(float(share), 3),
        "status": row["status"] if isinstance(row["status"], str) else None,
        "status_label": STATUSES.get(row["status"], "") if isinstance(row["status"], str) else "",
        "since": iso(row["since"]),
        "controller_since": iso(row["controller_since"]),
        "confidence": row["confidence"] if isinstance(row["confidence"], str) else None,
        "event_id": row["event_id"] if isinstance(row["event_id"], str) else None,
        "sources": list(row["sources"]),
    }


def iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None
