"""Events -> the status of every feature on any date. Pure and vectorised.

The event list is turned once, per scenario, into a *state table*: one row
per (target, event), sorted by target and day, in which each row holds the
full state that event leaves behind (controller carried forward, status,
since when). Asking for a date is then one ``numpy.searchsorted`` over all
targets at once, and the same table is what the browser receives to restyle
the map without a server round trip.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.memo import remember
from geo.schema import SCENARIOS, split_list

EPOCH = dt.date(1970, 1, 1)
_KEY = 1_000_000  # day numbers stay far below this until the year 4700
KIND_ORDER = {"control": 0, "status": 1, "info": 2}
TEXT_COLUMNS = ("controller", "status", "since", "controller_since", "event_id", "control_event", "confidence")


class OutOfRangeError(ValueError):
    """A date the data does not cover."""


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def from_day_number(number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(number))


def check_scenario(scenario: str) -> None:
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; choose one of {', '.join(SCENARIOS)}")


def in_scenario(events: pd.DataFrame, scenario: str) -> pd.Series:
    return events["scenario"].isin(("both", scenario))


@dataclass(frozen=True)
class Timeline:
    """The events of a dataset and the features they apply to."""

    events: pd.DataFrame
    targets: Mapping[str, str]  # id -> level ("district", "settlement", ...)
    start: dt.date
    end: dt.date
    sides: tuple[str, ...] = ("AZ", "ARM")  # the first is the reference for share_az

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ids", np.array(sorted(self.targets), dtype=object))

    # -- building -----------------------------------------------------------
    def _build_states(self, scenario: str) -> pd.DataFrame:
        events = self.events[in_scenario(self.events, scenario) & (self.events["kind"] != "info")]
        rows = events.assign(target=events["targets"].map(split_list)).explode("target")
        rows = rows.assign(
            day=rows["date"].map(day_number).astype(np.int64),
            kind_order=rows["kind"].map(KIND_ORDER),
        ).sort_values(["target", "day", "kind_order", "event_id"], kind="stable")
        is_control = rows["kind"] == "control"
        share = pd.to_numeric(rows["share_az"], errors="coerce")
        share = share.fillna(rows["controller"].map({side: float(i == 0) for i, side in enumerate(self.sides)}))
        by_target = rows["target"]
        controller = rows["controller"].where(is_control).groupby(by_target).ffill()
        # An unknown share on a control row must stay unknown, not inherit the
        # previous control event's share: mark it, carry it forward, unmark.
        share_az = share.fillna(-1.0).where(is_control).groupby(by_target).ffill().replace(-1.0, np.nan)
        default_status = pd.Series(np.where(is_control, "held", None), index=rows.index)
        status = rows["status"].replace("", None).fillna(default_status).groupby(by_target).ffill()
        control_event = rows["event_id"].where(is_control).groupby(by_target).ffill()
        changed = (controller != controller.groupby(by_target).shift()) & controller.notna()
        controller_since = rows["day"].where(changed).groupby(by_target).ffill()
        confidence = rows["confidence"].where(is_control).groupby(by_target).ffill()
        # "since" is when the current controller and status began; a later event
        # that only confirms them (a concession, a ceasefire list) does not reset it.
        previous_status = status.groupby(by_target).shift()
        state_changed = changed | (status != previous_status) | previous_status.isna()
        state_since = rows["day"].where(state_changed).groupby(by_target).ffill()
        states = pd.DataFrame(
            {
                "target": by_target,
                "day": rows["day"],
                "since": state_since.astype(np.int64),
                "controller": controller,
                "share_az": share_az,
                "status": status,
                "event_id": rows["event_id"],
                "control_event": control_event,
                "controller_since": controller_since.astype("Int64"),
                "confidence": confidence,
            }
        ).reset_index(drop=True)
        order = {t: i for i, t in enumerate(sorted(self.targets))}
        states["code"] = states["target"].map(order).astype(np.int64)
        states["key"] = states["code"] * _KEY + states["day"]
        return states.sort_values("key", kind="stable").reset_index(drop=True)

    # -- queries -------------------------------------------------------------
    def check_date(self, day: dt.date) -> None:
        if not self.start <= day <= self.end:
            raise OutOfRangeError(f"{day} is outside the data ({self.start} to {self.end})")

    def states(self, scenario: str = "actual") -> pd.DataFrame:
        """The state table (one row per change), for renderers that replay it."""
        check_scenario(scenario)
        return remember(self, "_tables", scenario, lambda: self._build_states(scenario))

    def _arrays(self, scenario: str) -> dict[str, np.ndarray]:
        """The state table as plain arrays, with dates and sources ready to pick."""
        return remember(self, "_array_cache", scenario, lambda: self._build_arrays(scenario))

    def _build_arrays(self, scenario: str) -> dict[str, np.ndarray]:
        """Built once per scenario: every date look-up then picks from these arrays."""
        table = self.states(scenario)
        sources = {e: split_list(s) for e, s in zip(self.events["event_id"], self.events["sources"], strict=True)}

        def text(column: str) -> np.ndarray:
            return np.array([v if isinstance(v, str) else None for v in table[column]], dtype=object)

        def dates(column: str) -> np.ndarray:
            return np.array([None if pd.isna(d) else from_day_number(d) for d in table[column]], dtype=object)

        def cited(event_id: object, control_event: object) -> list[str]:
            found: list[str] = []
            for key in (event_id, control_event):
                for source in sources.get(key, []) if isinstance(key, str) else []:
                    if source not in found:
                        found.append(source)
            return found

        cited_rows = np.empty(len(table), dtype=object)
        cited_rows[:] = [cited(e, c) for e, c in zip(table["event_id"], table["control_event"], strict=True)]
        return {
            "key": table["key"].to_numpy(),
            "code": table["code"].to_numpy(),
            "share_az": table["share_az"].to_numpy(dtype=float),
            "controller": text("controller"),
            "status": text("status"),
            "event_id": text("event_id"),
            "control_event": text("control_event"),
            "confidence": text("confidence"),
            "since": dates("since"),
            "controller_since": dates("controller_since"),
            "sources": cited_rows,
        }

    def status_on(self, day: dt.date, scenario: str = "actual", level: str | None = None) -> pd.DataFrame:
        """Status of every target on ``day``: one row per target id, vectorised."""
        check_scenario(scenario)
        self.check_date(day)
        arrays = self._arrays(scenario)
        ids = self._ids  # type: ignore[attr-defined]
        codes = np.arange(len(ids), dtype=np.int64)
        positions = np.searchsorted(arrays["key"], codes * _KEY + day_number(day), side="right") - 1
        if len(arrays["key"]):
            safe = np.clip(positions, 0, len(arrays["key"]) - 1)
            found = (positions >= 0) & (arrays["code"][safe] == codes)
        else:
            safe = np.zeros(len(ids), dtype=np.int64)
            found = np.zeros(len(ids), dtype=bool)

        def pick(name: str, missing: object) -> np.ndarray:
            if not len(arrays["key"]):
                return np.full(len(ids), missing, dtype=object)
            return np.where(found, arrays[name][safe], missing)

        empty = np.empty(len(ids), dtype=object)
        empty[:] = [[] for _ in range(len(ids))]
        sources = np.where(found, arrays["sources"][safe], empty) if len(arrays["key"]) else empty
        columns = {
            "id": ids,
            "level": np.array([self.targets[i] for i in ids], dtype=object),
            **{name: pick(name, None) for name in TEXT_COLUMNS},
            "sources": sources,
        }
        result = pd.DataFrame(columns, index=pd.Index(ids, dtype=object), dtype=object)
        result.insert(3, "share_az", pick("share_az", np.nan).astype(float))
        if level is not None:
            result = result[result["level"] == level]
        return result

    def events_between(self, after: dt.date, until: dt.date, scenario: str = "actual") -> pd.DataFrame:
        """Events with ``after < date <= until``, in date order (what changed)."""
        check_scenario(scenario)
        events = self.events[in_scenario(self.events, scenario)]
        mask = (events["date"] > after) & (events["date"] <= until)
        return events[mask].sort_values(["date", "event_id"], kind="stable")

    def events_on(self, day: dt.date, scenario: str = "actual") -> pd.DataFrame:
        return self.events_between(day - dt.timedelta(days=1), day, scenario)

    def key_dates(self, scenario: str = "actual", levels: tuple[str, ...] = ("district",)) -> list[dt.date]:
        """Days on which a feature of the given levels changed control or status."""
        return list(self._key_dates(scenario, tuple(levels)))

    def _key_dates(self, scenario: str, levels: tuple[str, ...]) -> tuple[dt.date, ...]:
        """Computed once per scenario and levels: every session's panel asks for them on every date change."""

        def compute() -> tuple[dt.date, ...]:
            table = self.states(scenario)
            wanted = {t for t, level in self.targets.items() if level in levels}
            days = sorted(set(table.loc[table["target"].isin(wanted), "day"].tolist()))
            return tuple(from_day_number(d) for d in days if self.start <= from_day_number(d) <= self.end)

        return remember(self, "_key_date_cache", (scenario, levels), compute)

    def previous_key_date(self, day: dt.date, scenario: str = "actual") -> dt.date | None:
        days = self._key_dates(scenario, ("district",))
        position = bisect.bisect_left(days, day)
        return days[position - 1] if position else None
