"""Regenerate docs/example-scenario/: the 2020 handovers, in the minimal scenario format.

Everything in it comes from the built-in data (boundaries, seats, dated and
cited events); only the documented columns are written, to show the format
at its simplest. Run from the repository root: ``python docs/make_example.py``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shapely.geometry import mapping  # noqa: E402

from geo.model import Model  # noqa: E402
from geo.vocab import split_list  # noqa: E402

OUT = ROOT / "docs/example-scenario"
DISTRICTS = ("AZ-AGM", "AZ-KAL", "AZ-LAC")
SEATS = ("aghdam", "kalbajar", "lachin")
EVENTS = (
    "1994-ceasefire-AZ-KAL",
    "1994-ceasefire-AZ-LAC",
    "1994-ceasefire-AZ-AGM",
    "2020-11-20-aghdam-handover",
    "2020-11-25-kalbajar-handover",
    "2020-12-01-lachin-handover",
)


def main() -> int:
    model = Model.load()
    ds = model.dataset
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scenario.yaml").write_text(
        "title: The 2020 handovers (Aghdam, Kalbajar, Lachin)\n"
        "date_range:\n  start: 1994-05-12\n  end: 2020-12-31\n"
        "controllers:\n"
        '  AZ:\n    label: Azerbaijan\n    colour: "#0072B2"\n'
        '  ARM:\n    label: Armenian forces\n    colour: "#E69F00"\n'
        "conventions:\n  neutral: Both names where the sides differ\n",
        encoding="utf-8",
    )
    features = [
        {
            "type": "Feature",
            "properties": {"id": i, "name": ds.districts.loc[i, "name_en"]},
            "geometry": mapping(ds.districts.loc[i].geometry),
        }
        for i in DISTRICTS
    ]
    (OUT / "boundaries.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    with (OUT / "settlements.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "lat", "lon", "district_id"])
        for sid in SEATS:
            row = ds.settlements.loc[sid]
            writer.writerow([sid, row["name_en"], row["lat"], row["lon"], row["district"]])
    events = ds.events.set_index("event_id")
    with (OUT / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "target", "controller", "confidence", "source", "note"])
        for event_id in EVENTS:
            event = events.loc[event_id]
            for target in split_list(event["targets"]):
                if target in DISTRICTS or target in SEATS:
                    controller = event["controller"]
                    note = "the corridor stays with the Armenian side" if event_id.endswith("lachin-handover") else ""
                    writer.writerow(
                        [
                            event["date"].isoformat(),
                            target,
                            controller,
                            event["confidence"],
                            split_list(event["sources"])[0],
                            note,
                        ]
                    )
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
