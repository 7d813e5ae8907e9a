"""The scenario format: lossless conversion of the built-in data, validation, and hostile archives."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from geo import scenario as fmt
from geo.errors import DataError
from geo.model import Model
from tests.conftest import ROOT

EXAMPLE = ROOT / "docs/example-scenario"
COMPARED = ("controller", "share_az", "status", "since", "controller_since", "confidence", "event_id")


@pytest.fixture(scope="module")
def converted(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Model:
    folder = fmt.write_scenario(model.dataset, tmp_path_factory.mktemp("converted") / "karabakh")
    return Model.load(folder)


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def zip_of(folder: Path, out: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out


# ---- the built-in data converts without loss ----------------------------------------------------
def test_conversion_keeps_every_feature_settlement_and_event(model: Model, converted: Model) -> None:
    original, copy = model.dataset, converted.dataset
    assert list(copy.area_districts.index) == list(original.area_districts.index)
    assert set(copy.settlements.index) == set(original.settlements.index)
    assert copy.targets == original.targets
    assert len(copy.events) == len(original.events)
    assert copy.meta.controllers == original.meta.controllers
    assert (copy.meta.start, copy.meta.end, copy.meta.title) == (
        original.meta.start,
        original.meta.end,
        original.meta.title,
    )
    left = original.events.set_index("event_id").sort_index()
    right = copy.events.set_index("event_id").sort_index()
    for column in ("date", "targets", "controller", "confidence", "sources", "summary", "scenario", "kind"):
        assert left[column].tolist() == right[column].tolist(), column
    assert len(copy.story) == len(original.story)
    assert len(copy.zones) == len(original.zones)


@pytest.mark.parametrize("scenario", ["actual", "scheduled"])
def test_converted_copy_has_the_same_statuses_and_areas_on_every_key_date(
    model: Model, converted: Model, scenario: str
) -> None:
    days = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
    assert len(days) > 30
    for day in days:
        a = model.timeline.status_on(day, scenario)[list(COMPARED)]
        b = converted.timeline.status_on(day, scenario)[list(COMPARED)].loc[a.index]
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=f"status on {day}")
    for day in days[:: max(1, len(days) // 12)]:
        original, copy = model.areas(day, scenario), converted.areas(day, scenario)
        for side, km2 in original["total_km2"].items():
            assert copy["total_km2"][side] == pytest.approx(km2, rel=1e-6, abs=0.01), (day, side)


def test_the_example_scenario_is_valid_and_opens() -> None:
    result = validate(EXAMPLE)
    assert result.returncode == 0, result.stderr
    example = Model.load(EXAMPLE)
    assert example.dataset.meta.title == "The 2020 handovers (Aghdam, Kalbajar, Lachin)"
    status = example.timeline.status_on(pd.Timestamp("2020-11-25").date())
    assert status.loc["AZ-KAL", "controller"] == "AZ"


# ---- validate lists every problem, never a traceback ---------------------------------------------
@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(EXAMPLE, folder)
    return folder


def expect_problems(path: Path, *expected: str) -> list[str]:
    result = validate(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    return lines


def test_validate_lists_every_problem_of_a_folder(broken: Path) -> None:
    events = (broken / "events.csv").read_text(encoding="utf-8").splitlines()
    events[1] = events[1].replace("1994-05-12", "1994-02-30")
    events[2] = events[2].replace(",ARM,", ",RUS,")
    events[3] = events[3].replace("AZ-AGM", "AZ-NOPE")
    events[4] = events[4].split(",")[0] + ",AZ-AGM,AZ,confirmed,,"
    events[5] = events[5].replace("2020-11-20", "1900-01-01")
    (broken / "events.csv").write_text("\n".join(events) + "\n", encoding="utf-8")
    settlements = (broken / "settlements.csv").read_text(encoding="utf-8").splitlines()
    header = settlements[0].split(",")
    lat = header.index("lat")
    cells = settlements[1].split(",")
    cells[lat] = "95.0"
    settlements[1] = ",".join(cells)
    settlements.append(settlements[2])
    (broken / "settlements.csv").write_text("\n".join(settlements) + "\n", encoding="utf-8")
    lines = expect_problems(
        broken,
        "events.csv, row 2: '1994-02-30' is not a real calendar date",
        "events.csv, row 3: controller 'RUS' is not declared in scenario.yaml",
        "events.csv, row 4: unknown target 'AZ-NOPE'",
        "events.csv, row 5: no source given",
        "events.csv, row 6: date 1900-01-01 is outside the date range",
        "settlements.csv, row 2: coordinates",
        "settlements.csv, row 5: id 'kalbajar' repeats row 3",
    )
    assert all(line.startswith("error: ") for line in lines)
    assert not any("unknown target 'kalbajar'" in line for line in lines), "a duplicate must not cascade"


def test_broken_and_empty_geometry_are_named_by_feature(broken: Path) -> None:
    text = (broken / "boundaries.geojson").read_text(encoding="utf-8")
    (broken / "boundaries.geojson").write_text(text[: len(text) // 2], encoding="utf-8")
    expect_problems(broken, "boundaries.geojson, line 1: broken JSON")
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    empty = {"type": "Polygon", "coordinates": []}
    outside = {"type": "Polygon", "coordinates": [[[200, 0], [201, 0], [201, 1], [200, 0]]]}
    features = [
        {"type": "Feature", "properties": {"id": "A", "name": "A"}, "geometry": bowtie},
        {"type": "Feature", "properties": {"id": "B", "name": "B"}, "geometry": empty},
        {"type": "Feature", "properties": {"id": "C"}, "geometry": bowtie},
        {"type": "Feature", "properties": {"id": "D", "name": "D"}, "geometry": outside},
    ]
    (broken / "boundaries.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    expect_problems(
        broken,
        "feature A: invalid geometry",
        "feature B: empty geometry",
        "feature C: missing text properties: name",
        "feature D: coordinates outside WGS84",
    )


def test_unreadable_yaml_and_code_in_yaml_are_refused(broken: Path) -> None:
    (broken / "scenario.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    expect_problems(broken, "scenario.yaml")
    (broken / "scenario.yaml").write_text(
        "title: !!python/object/apply:os.system ['touch /tmp/tcm-pwned']\n", encoding="utf-8"
    )
    expect_problems(broken, "scenario.yaml")
    assert not Path("/tmp/tcm-pwned").exists()


def test_missing_required_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    expect_problems(tmp_path / "empty", "scenario.yaml: file missing", "boundaries.geojson: file missing")


def test_file_over_the_size_limit_is_refused(broken: Path) -> None:
    with (broken / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("#" * (fmt.MAX_FILE_BYTES + 10))
    expect_problems(broken, "events.csv", "limit")


# ---- hostile archives ----------------------------------------------------------------------------
def test_valid_zip_validates(tmp_path: Path) -> None:
    assert validate(zip_of(EXAMPLE, tmp_path / "ok.zip")).returncode == 0


def test_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    bomb = zip_of(EXAMPLE, tmp_path / "bomb.zip", {"README.md": b"0" * (fmt.MAX_FILE_BYTES - 1)})
    assert bomb.stat().st_size < 1_000_000
    expect_problems(bomb, "README.md: compressed suspiciously well")


def test_archive_that_unpacks_too_large_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "huge.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name in ("scenario.yaml", "boundaries.geojson", "events.csv", "settlements.csv"):
            archive.writestr(name, b"x" * (fmt.MAX_ARCHIVE_BYTES // 4 + 1))
    expect_problems(out, "over the", "limit")


def test_paths_outside_the_archive_are_never_written(tmp_path: Path) -> None:
    target = tmp_path / "escaped.txt"
    out = zip_of(EXAMPLE, tmp_path / "evil.zip", {"../escaped.txt": b"x", "/tmp/abs.txt": b"x"})
    expect_problems(out, "../escaped.txt: unsafe path", "/tmp/abs.txt: unsafe path")
    assert not target.exists()


def test_not_a_zip(tmp_path: Path) -> None:
    out = tmp_path / "fake.zip"
    out.write_bytes(b"PK\x03\x04 this is not really an archive")
    expect_problems(out, "fake.zip: not a readable .zip archive")


def test_unknown_files_in_an_archive_are_reported_not_read(tmp_path: Path) -> None:
    out = zip_of(EXAMPLE, tmp_path / "extra.zip", {"run_me.py": b"import os\nos.system('true')\n"})
    expect_problems(out, "run_me.py: not a file of the scenario format")


def test_unpacking_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    fmt.read_scenario(zip_of(EXAMPLE, tmp_path / "ok.zip"))
    with pytest.raises(DataError):
        fmt.read_scenario(zip_of(EXAMPLE, tmp_path / "bad.zip", {"evil.sh": b"rm -rf /"}))
    assert list(scratch.iterdir()) == []


def test_in_memory_archive_with_too_many_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(fmt.MAX_MEMBERS + 1):
            archive.writestr(f"f{i}.txt", b"x")
    out = tmp_path / "many.zip"
    out.write_bytes(buffer.getvalue())
    expect_problems(out, "files in the archive")
