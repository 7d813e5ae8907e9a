"""Property-based tests of the scenario format.

Random valid scenarios must satisfy the timeline's invariants, and random
corruptions of valid files must end in a DataError (or a still-valid
scenario), never in any other exception.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.errors import DataError
from geo.model import Model
from geo.scenario import read_scenario
from tests.conftest import ROOT

EXAMPLE = ROOT / "docs/example-scenario"
START, END = dt.date(2000, 1, 1), dt.date(2000, 12, 31)
SPAN = (END - START).days
PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


# ---- random valid scenarios ------------------------------------------------------------------------
@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    """A small scenario: 1-4 square districts, 0-2 settlements in each, up to 25 events."""
    sides = draw(st.sampled_from([("AZ", "ARM"), ("A", "B", "C"), ("NORTH", "SOUTH")]))
    n_districts = draw(st.integers(1, 4))
    districts = [f"D{i}" for i in range(n_districts)]
    settlements = []
    for i, district in enumerate(districts):
        for j in range(draw(st.integers(0, 2))):
            settlements.append(
                {
                    "id": f"s{i}-{j}",
                    "name": f"Place {i}.{j}",
                    "lat": f"{40.02 + 0.03 * j:.5f}",
                    "lon": f"{46.02 + 0.1 * i + 0.03 * j:.5f}",
                    "district_id": district,
                }
            )
    targets = districts + [s["id"] for s in settlements]
    keys = draw(
        st.lists(
            st.tuples(st.integers(0, SPAN), st.sampled_from(targets)), max_size=25, unique=True
        )  # one row per (date, target): the order of rows can then never matter
    )
    events = [
        {
            "date": (START + dt.timedelta(days=day)).isoformat(),
            "target": target,
            "controller": draw(st.sampled_from([*sides, "split"])),
            "confidence": draw(st.sampled_from(["confirmed", "claimed", "disputed", ""])),
            "source": f"https://example.org/{n}",
            "note": draw(st.sampled_from(["", "a note", "<b>bold</b>", "comma, inside"])),
            "scenario": draw(st.sampled_from(["", "both", "actual", "scheduled"])),
        }
        for n, (day, target) in enumerate(keys)
    ]
    return {"sides": sides, "districts": districts, "settlements": settlements, "events": events}


def square(i: int) -> dict:
    x0, y0 = 46.0 + 0.1 * i, 40.0
    ring = [[x0, y0], [x0 + 0.1, y0], [x0 + 0.1, y0 + 0.1], [x0, y0 + 0.1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write(spec: dict, folder: Path, events: list[dict] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    controllers = "\n".join(f"  {side}:\n    label: Side {side}" for side in spec["sides"])
    (folder / "scenario.yaml").write_text(
        f"title: Random\ndate_range:\n  start: {START}\n  end: {END}\ncontrollers:\n{controllers}\n", "utf-8"
    )
    features = [
        {"type": "Feature", "properties": {"id": d, "name": f"District {d}"}, "geometry": square(i)}
        for i, d in enumerate(spec["districts"])
    ]
    (folder / "boundaries.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    write_csv(folder / "settlements.csv", spec["settlements"], ["id", "name", "lat", "lon", "district_id"])
    columns = ["date", "target", "controller", "confidence", "source", "note", "scenario"]
    write_csv(folder / "events.csv", spec["events"] if events is None else events, columns)
    return folder


def expected_controller(events: list[dict], target: str, day: dt.date, scenario: str) -> tuple[str | None, str | None]:
    """The oracle, written independently: the latest row's controller, held since the first of its run."""
    rows = sorted(
        (
            e
            for e in events
            if e["target"] == target and e["date"] <= day.isoformat() and e["scenario"] in ("", "both", scenario)
        ),
        key=lambda e: e["date"],
    )
    if not rows:
        return None, None
    controller, since = rows[-1]["controller"], rows[-1]["date"]
    for row in reversed(rows):
        if row["controller"] != controller:
            break
        since = row["date"]  # a row that repeats the controller confirms it; it does not reset "since"
    return controller, since


@PROPERTY_SETTINGS
@given(spec=scenarios(), probe=st.lists(st.integers(0, SPAN), min_size=1, max_size=6), seed=st.integers(0, 2**16))
def test_random_valid_scenarios_satisfy_the_timeline_invariants(spec: dict, probe: list[int], seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        model = Model.load(write(spec, Path(tmp) / "a"))
        shuffled = spec["events"][:]
        random.Random(seed).shuffle(shuffled)
        reordered = Model.load(write(spec, Path(tmp) / "b", shuffled))
        targets = set(spec["districts"]) | {s["id"] for s in spec["settlements"]}
        for scenario in ("actual", "scheduled"):
            for day in [START, END, *(START + dt.timedelta(days=d) for d in probe)] + [
                dt.date.fromisoformat(e["date"]) for e in spec["events"]
            ]:
                status = model.timeline.status_on(day, scenario)
                # exactly one row, hence one controller, per feature
                assert status.index.is_unique and set(status.index) == targets
                for target in targets:
                    controller, since = expected_controller(spec["events"], target, day, scenario)
                    assert status.loc[target, "controller"] == controller, (target, day, scenario)
                    got_since = status.loc[target, "since"]
                    assert (got_since.isoformat() if got_since else None) == since
                    assert controller is None or controller in (*spec["sides"], "split")
                # the order of rows in the file does not matter
                other = reordered.timeline.status_on(day, scenario)
                columns = ["controller", "share_az", "status", "since", "controller_since", "confidence"]
                pd.testing.assert_frame_equal(status[columns], other.loc[status.index, columns], check_dtype=False)


@PROPERTY_SETTINGS
@given(spec=scenarios())
def test_areas_of_random_scenarios_never_exceed_the_districts(spec: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        model = Model.load(write(spec, Path(tmp) / "a"))
        for day in (START, END, dt.date(2000, 6, 30)):
            areas = model.areas(day)
            assert [d["id"] for d in areas["districts"]] == spec["districts"]
            for district in areas["districts"]:
                assert all(value >= 0 for value in district["km2"].values())
                # each square of 0.1 x 0.1 degrees at 40 N is about 94.7 km2, whoever holds it
                assert sum(district["km2"].values()) == pytest.approx(94.7, abs=0.3)
            for side in spec["sides"]:
                by_district = sum(d["km2"].get(side, 0.0) for d in areas["districts"])
                assert areas["total_km2"][side] == pytest.approx(by_district, abs=0.05 * len(spec["districts"]))


# ---- random corruptions --------------------------------------------------------------------------
FILES = ("scenario.yaml", "boundaries.geojson", "settlements.csv", "events.csv")


@st.composite
def corruptions(draw: st.DrawFn) -> tuple[str, str, int, bytes]:
    name = draw(st.sampled_from(FILES))
    how = draw(st.sampled_from(["truncate", "insert", "replace", "drop_line", "repeat_line", "garbage", "empty"]))
    position = draw(st.integers(0, 10_000))
    payload = draw(
        st.one_of(
            st.binary(min_size=1, max_size=8),
            st.sampled_from([b",", b'"', b"\n", b"{", b"]", b":", b"\xff\xfe", b"-", b"9999", b"\x00", b"NaN", b"!!"]),
        )
    )
    return name, how, position, payload


def corrupt(content: bytes, how: str, position: int, payload: bytes) -> bytes:
    at = position % (len(content) + 1)
    if how == "truncate":
        return content[:at]
    if how == "insert":
        return content[:at] + payload + content[at:]
    if how == "replace":
        return content[:at] + payload + content[at + len(payload) :]
    lines = content.split(b"\n")
    line = position % len(lines)
    if how == "drop_line":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if how == "repeat_line":
        return b"\n".join(lines[: line + 1] + lines[line:])
    if how == "garbage":
        return payload * 50
    return b""


def outcome_of(path: Path) -> str:
    """'valid' or 'invalid'; any other exception escapes and fails the test."""
    try:
        read_scenario(path)
    except DataError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return "invalid"
    return "valid"


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(change=corruptions())
def test_a_corrupted_file_gives_a_validation_error_never_an_exception(change: tuple[str, str, int, bytes]) -> None:
    name, how, position, payload = change
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        shutil.copytree(EXAMPLE, folder)
        original = (folder / name).read_bytes()
        (folder / name).write_bytes(corrupt(original, how, position, payload))
        result = outcome_of(folder)
        if how in ("garbage", "empty") and name in ("scenario.yaml", "boundaries.geojson"):
            assert result == "invalid"


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(0, 100_000), payload=st.binary(min_size=1, max_size=4))
def test_a_corrupted_zip_gives_a_validation_error_never_an_exception(position: int, payload: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(EXAMPLE.iterdir()):
            archive.write(path, path.name)
    data = buffer.getvalue()
    at = position % len(data)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.zip"
        out.write_bytes(data[:at] + payload + data[at + len(payload) :])
        outcome_of(out)


WRONG_VALUES = [
    ("date", "2000-02-30"),
    ("date", "tomorrow"),
    ("date", "1999-12-31"),
    ("date", "2001-01-01"),
    ("date", ""),
    ("target", "NOPE"),
    ("target", "<script>"),
    ("controller", "NOPE"),
    ("controller", ""),
    ("confidence", "sure"),
    ("source", ""),
]


@PROPERTY_SETTINGS
@given(spec=scenarios(), wrong=st.sampled_from(WRONG_VALUES), row=st.integers(0, 100))
def test_a_wrong_value_in_a_required_column_is_always_caught(spec: dict, wrong: tuple[str, str], row: int) -> None:
    assume(spec["events"])
    field, value = wrong
    events = [dict(e) for e in spec["events"]]
    row %= len(events)
    events[row][field] = value
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(DataError) as caught:
        read_scenario(write(spec, Path(tmp) / "a", events))
    assert any(f"events.csv, row {row + 2}" in str(p) for p in caught.value.problems)
