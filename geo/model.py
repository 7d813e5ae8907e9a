"""The dataset and its timeline together, and the records both front ends show."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from geo import names as naming
from geo.io import DATA_DIR, Dataset, load_dataset
from geo.schema import STATUSES
from geo.timeline import Timeline


@dataclass(frozen=True)
class Model:
    """Validated data plus the timeline built from it; cheap to query, built once."""

    dataset: Dataset

    @classmethod
    def load(cls, root: Path = DATA_DIR) -> Model:
        return cls(load_dataset(root))

    @cached_property
    def timeline(self) -> Timeline:
        meta = self.dataset.meta
        return Timeline(self.dataset.events, self.dataset.targets, meta.start, meta.end)

    def feature_names(self, feature_id: str) -> dict[str, Any]:
        ds = self.dataset
        table = ds.districts if feature_id in ds.districts.index else ds.settlements
        return table.loc[feature_id].to_dict()

    def district_records(self, day: dt.date, scenario: str = "actual") -> list[dict[str, Any]]:
        """One record per district the timeline follows, as the CLI prints them."""
        status = self.timeline.status_on(day, scenario, level="district")
        districts = self.dataset.area_districts
        records = []
        for district_id in sorted(districts.index):
            row = status.loc[district_id]
            names = districts.loc[district_id].to_dict()
            records.append(
                {
                    "id": district_id,
                    "name": names["name_en"],
                    "names": naming.all_names(names),
                    **state_fields(row),
                }
            )
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
