"""A scenario whose every text field tries to inject markup, script or mathtext."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from tests.conftest import ROOT

EXAMPLE = ROOT / "docs/example-scenario"
PLACE = "<img src=x onerror=alert('place')>"
DISTRICT = "<svg onload=alert('district')>Aghdam"
TITLE = "</script><script>alert('title')</script> $\\undefined{$ <b>Title</b>"
CONTROLLER = "<b onmouseover=alert('side')>Side A</b>"
SUMMARY = "<img src=x onerror=alert('summary')> [click](javascript:alert('link')) $x^2$"
NOTE = "<script>alert('note')</script> & <!-- <script>"
SOURCE = "javascript:alert('source') <img src=x onerror=alert('src')>, 2020-11-20"
PAYLOADS = (PLACE, DISTRICT, TITLE, CONTROLLER, SUMMARY, NOTE, SOURCE)


def write_hostile_scenario(folder: Path) -> Path:
    """The example scenario with hostile text in the title, a side, a district, a place and an event."""
    shutil.copytree(EXAMPLE, folder)
    yaml_text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    yaml_text = yaml_text.replace("The 2020 handovers (Aghdam, Kalbajar, Lachin)", json.dumps(TITLE)[1:-1], 1)
    yaml_text = yaml_text.replace("label: Azerbaijan", f"label: {json.dumps(CONTROLLER)}", 1)
    yaml_text = yaml_text.replace("title: ", 'title: "', 1).replace("\ndate_range", '"\ndate_range', 1)
    (folder / "scenario.yaml").write_text(yaml_text, encoding="utf-8")

    boundaries = json.loads((folder / "boundaries.geojson").read_text(encoding="utf-8"))
    for feature in boundaries["features"]:
        if feature["properties"]["id"] == "AZ-AGM":
            feature["properties"]["name"] = DISTRICT
    (folder / "boundaries.geojson").write_text(json.dumps(boundaries), encoding="utf-8")

    settlements = (folder / "settlements.csv").read_text(encoding="utf-8")
    (folder / "settlements.csv").write_text(settlements.replace(",Aghdam,", f',"{PLACE}",', 1), encoding="utf-8")

    path = folder / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = [*rows[0].keys(), "summary"]
    for row in rows:
        row["summary"] = ""
    rows[0].update({"summary": SUMMARY, "note": NOTE, "source": SOURCE})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return folder
