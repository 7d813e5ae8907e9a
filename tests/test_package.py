"""The open data package, the data version and the citation.

The package must be valid Frictionless offline, read back through the
scenario format to the same rows, and replace an older package only when
complete. The data version must follow the contents of the data files, and
the changelog, CITATION.cff and README must name it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import jsonschema
import pytest
import yaml
from frictionless import settings as frictionless_settings

from geo import cli
from geo import package as pkg
from geo.model import Model
from geo.version import (
    DATA_DIR,
    DataVersion,
    changelog_entries,
    changelog_heading,
    content_hash,
    data_version,
)
from tests.conftest import FIXTURES, ROOT

NOT_RESOURCES = {"datapackage.json", "README.md", "CHANGELOG.md"}
REGION = (43.0, 37.6, 51.0, 42.4)  # the map window: west, south, east, north


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def package(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pkg.write_package(model, tmp_path_factory.mktemp("package") / "karabakh-data")


@pytest.fixture(scope="module")
def archive(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pkg.write_package(model, tmp_path_factory.mktemp("package") / "karabakh-data.zip")


@pytest.fixture(scope="module")
def descriptor(package: Path) -> dict[str, Any]:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails, as on a machine without one."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def resource(descriptor: dict[str, Any], path: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["path"] == path)


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def rows(table: Any, columns: list[str]) -> list[tuple[str, ...]]:
    """A table's rows as plain text tuples, sorted: equality means the same rows, whatever the dtypes."""
    return sorted(tuple(str(record[c]) for c in columns) for record in table.to_dict("records"))


# ---- a valid Frictionless package --------------------------------------------------------------------
def test_the_package_is_valid_frictionless_offline(package: Path, offline: None) -> None:
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]


def test_a_broken_row_is_caught_by_the_schema(package: Path, tmp_path: Path, offline: None) -> None:
    """The schemas check something: a date that is not a date fails validation."""
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    described = read_json(broken / "datapackage.json")
    with (broken / "handovers.csv").open("a", encoding="utf-8") as handle:
        handle.write("AZ-XXX,2020-11-31,,,,https://example.org/a-source\n")
    entry = resource(described, "handovers.csv")
    entry.update(pkg.file_facts(broken / "handovers.csv"))
    (broken / "datapackage.json").write_text(json.dumps(described), encoding="utf-8")
    report = frictionless.validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert {"type-error"} == {error[0] for error in report.flatten(["type"])}


def test_every_file_is_described_with_a_schema(package: Path, descriptor: dict[str, Any]) -> None:
    described = {r["path"] for r in descriptor["resources"]}
    assert described == {p.name for p in package.iterdir()} - NOT_RESOURCES
    for entry in descriptor["resources"]:
        if entry["path"].endswith(".csv"):
            header = (package / entry["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
            assert [f["name"] for f in entry["schema"]["fields"]] == header, entry["path"]
            assert entry["type"] == "table"
        else:
            assert entry["jsonSchema"]["type"] == "object", entry["path"]
    for name in ("events.csv", "settlements.csv", "settlements.geojson", "facts.csv", "sources.csv"):
        assert name in described
    for name in ("control-areas.geojson", "contact-lines.geojson", "boundaries.geojson"):
        assert name in described


def test_the_licences_name_every_upstream_licence(descriptor: dict[str, Any]) -> None:
    titles = " | ".join(licence["title"] for licence in descriptor["licenses"])
    assert "Natural Earth" in titles and "GeoNames" in titles and "project's own rows" in titles
    names = {licence["name"] for licence in descriptor["licenses"]}
    assert names == {"CC-BY-4.0", "other-pd"}
    for entry in descriptor["resources"]:
        assert entry["licenses"], entry["path"]
    assert pkg.GEONAMES_LICENCE in resource(descriptor, "settlements.csv")["licenses"]
    assert pkg.NATURAL_EARTH_LICENCE in resource(descriptor, "boundaries.geojson")["licenses"]
    assert resource(descriptor, "events.csv")["licenses"] == [pkg.OWN_LICENCE]


def test_the_package_carries_the_data_version(descriptor: dict[str, Any], package: Path) -> None:
    version = data_version()
    assert descriptor["version"] == version.label
    assert descriptor["dataVersion"]["hash"] == version.hash
    assert version.label in (package / "README.md").read_text(encoding="utf-8")


# ---- GeoJSON -------------------------------------------------------------------------------------------
def decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def coordinates(geometry: dict[str, Any]) -> list[list[float]]:
    def walk(value: Any) -> list[list[float]]:
        if isinstance(value[0], (int, float)):
            return [value]
        return [point for part in value for point in walk(part)]

    return walk(geometry["coordinates"])


def test_geojson_files_follow_the_standard_their_schema_and_wgs84(package: Path, descriptor: dict[str, Any]) -> None:
    geojson = frictionless_settings.GEOJSON_PROFILE  # the GeoJSON schema frictionless ships: no download
    for entry in descriptor["resources"]:
        if entry["format"] != "geojson":
            continue
        collection = read_json(package / entry["path"])
        jsonschema.validate(collection, geojson)
        jsonschema.validate(collection, entry["jsonSchema"])
        assert "crs" not in collection  # RFC 7946: WGS84, longitude first
        ids = [f["id"] for f in collection["features"]]
        assert len(ids) == len(set(ids)) and ids, entry["path"]
        for feature in collection["features"]:
            assert feature["id"] == feature["properties"]["id"]
            points = coordinates(feature["geometry"])
            assert all(decimals(c) <= pkg.DECIMALS for point in points for c in point), feature["id"]
            if entry["path"] != "context.geojson":
                west, south, east, north = REGION
                assert all(west <= x <= east and south <= y <= north for x, y in points), feature["id"]


def test_places_csv_lists_all_and_geojson_those_with_a_point(model: Model, package: Path) -> None:
    settlements = model.dataset.settlements
    located = set(settlements.index[settlements.geometry.notna()])
    points = {f["id"]: f for f in read_json(package / "settlements.geojson")["features"]}
    assert set(points) == located
    listed = (package / "settlements.csv").read_text(encoding="utf-8").splitlines()
    assert len(listed) - 1 == len(settlements)
    shusha = points["shusha"]
    assert shusha["properties"]["name_hy_latn"] == "Shushi"
    assert shusha["properties"]["coord_source"] and shusha["properties"]["names_source"]
    lon, lat = shusha["geometry"]["coordinates"]
    assert (lat, lon) == pytest.approx(
        (float(settlements.loc["shusha", "lat"]), float(settlements.loc["shusha", "lon"]))
    )


def test_areas_and_lines_of_each_key_date_match_the_model(model: Model, package: Path) -> None:
    days = [d.isoformat() for d in model.timeline.key_dates("actual")]
    areas = read_json(package / "control-areas.geojson")["features"]
    assert sorted({f["properties"]["date"] for f in areas}) == days
    for day in (days[0], "2020-11-20", days[-1]):
        totals = model.areas(dt.date.fromisoformat(day))["total_km2"]
        for side, km2 in totals.items():
            held = sum(
                f["properties"]["km2"]
                for f in areas
                if f["properties"]["date"] == day and f["properties"]["controller"] == side
            )
            assert held == pytest.approx(km2, abs=0.5), (day, side)
    aghdam = next(f for f in areas if f["id"] == "2020-11-20/AZ-AGM/AZ")["properties"]
    assert aghdam["event_id"] and "http" in aghdam["sources"]
    assert all(f["properties"]["sources"] for f in areas)
    lines = {f["properties"]["date"]: f for f in read_json(package / "contact-lines.geojson")["features"]}
    assert "1994-05-12" in lines and lines["1994-05-12"]["properties"]["sources"]
    assert set(lines) <= set(days)


# ---- sources -------------------------------------------------------------------------------------------
def test_every_source_of_every_event_is_listed(model: Model, package: Path) -> None:
    import csv

    with (package / "sources.csv").open(encoding="utf-8", newline="") as handle:
        listed = {row["source"]: row for row in csv.DictReader(handle)}
    for event in model.dataset.events.itertuples():
        for source in pkg.SEPARATOR.split(event.sources):
            assert f"events.csv:{event.event_id}" in listed[source.strip()]["cited_by"].split(";")
    urls = [row["url"] for row in listed.values() if row["url"]]
    assert urls and all(url.startswith(("http://", "https://")) for url in urls)


# ---- the round trip through the scenario format --------------------------------------------------------
@pytest.mark.parametrize("form", ["folder", "zip"])
def test_the_package_reads_back_as_the_same_scenario(model: Model, package: Path, archive: Path, form: str) -> None:
    copy = Model.load(package if form == "folder" else archive).dataset
    original = model.dataset
    columns = [c for c in original.events.columns if c != "file"]
    assert rows(copy.events, columns) == rows(original.events, columns)
    columns = [c for c in original.settlements.columns if c != "geometry"]
    assert rows(copy.settlements, columns) == rows(original.settlements, columns)
    assert list(copy.settlements.geometry.to_wkt()) == list(original.settlements.geometry.to_wkt())
    assert rows(copy.facts, list(original.facts.columns)) == rows(original.facts, list(original.facts.columns))
    assert list(copy.districts.index) == list(original.districts.index)
    assert copy.districts.geometry.geom_equals_exact(original.districts.geometry, 0).all()
    assert copy.meta.controllers == original.meta.controllers and copy.targets == original.targets


def test_a_scenario_of_ones_own_packages_without_our_licences(tmp_path: Path, offline: None) -> None:
    own = Model.load(ROOT / "docs/example-scenario")
    out = pkg.write_package(own, tmp_path / "own")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]
    descriptor = read_json(out / "datapackage.json")
    assert "licenses" not in descriptor and not any("licenses" in r for r in descriptor["resources"])
    assert descriptor["version"].startswith("unreleased+")
    copy = Model.load(out).dataset
    columns = [c for c in own.dataset.events.columns if c != "file"]
    assert rows(copy.events, columns) == rows(own.dataset.events, columns)


def test_the_zip_holds_the_same_files_and_the_same_bytes_each_time(model: Model, package: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == sorted(p.name for p in package.iterdir())
        assert opened.read("datapackage.json") == (package / "datapackage.json").read_bytes()
        stamp = json.loads(opened.read("datapackage.json"))["dataVersion"]
    version = DataVersion(dt.date.fromisoformat(stamp["release"]), stamp["hash"], stamp["in_changelog"])
    assert pkg.package_bytes(model, version=version) == archive.read_bytes()


# ---- replacing a package, and refusing what is not one -------------------------------------------------
def fail_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pkg, "line_features", no_space)


@pytest.mark.parametrize("name", ["karabakh-data", "karabakh-data.zip"])
def test_an_existing_package_stays_until_the_new_one_is_complete(
    model: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    out = tmp_path / name
    if out.suffix == ".zip":
        out.write_bytes(b"the previous package")
    else:
        out.mkdir()
        (out / "datapackage.json").write_text("{}", encoding="utf-8")
    fail_midway(monkeypatch)
    with pytest.raises(pkg.PackageError, match="No space left on device"):
        pkg.write_package(model, out)
    if out.suffix == ".zip":
        assert out.read_bytes() == b"the previous package"
    else:
        assert [p.name for p in out.iterdir()] == ["datapackage.json"]
    assert [p.name for p in tmp_path.iterdir()] == [name]  # nothing half-written left beside it


def test_what_is_not_a_package_is_never_replaced(model: Model, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(pkg.PackageError, match=r"holds no datapackage\.json"):
        pkg.write_package(model, folder)
    assert (folder / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(pkg.PackageError, match="is a file"):
        pkg.write_package(model, tmp_path / "file")
    (tmp_path / "dir.zip").mkdir()
    with pytest.raises(pkg.PackageError, match="is a folder"):
        pkg.write_package(model, tmp_path / "dir.zip")


def test_package_command_writes_a_valid_zip(tmp_path: Path) -> None:
    out = tmp_path / "karabakh-data.zip"
    result = run("package", str(out))
    assert result.returncode == 0, result.stderr
    assert data_version().label in result.stdout
    with zipfile.ZipFile(out) as opened:
        assert "datapackage.json" in opened.namelist() and "events.csv" in opened.namelist()


@pytest.mark.parametrize("where", ["under-a-file", "not-a-package"])
def test_package_command_refuses_in_one_line_exit_2(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "keep.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "data.zip" if where == "under-a-file" else tmp_path / "folder"
    result = run("package", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(out) in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "folder" / "keep.txt").exists()


def test_the_package_module_imports_no_front_end() -> None:
    script = (
        "import sys\nimport geo.package, geo.version\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'streamlit', 'folium', 'layers', 'frictionless'}))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ---- the data version ----------------------------------------------------------------------------------
def test_the_data_version_is_cheap_to_ask_for() -> None:
    """The app asks for it at start-up: no pandas or GeoPandas behind it."""
    script = (
        "import sys\nfrom geo.version import data_version\nprint(data_version().label)\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'pandas', 'geopandas', 'shapely', 'numpy'}))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    label, heavy = result.stdout.strip().splitlines()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\+[0-9a-f]{8}", label)
    assert heavy == "[]"


def test_the_hash_follows_the_rows_not_the_line_endings_or_the_file_times(tmp_path: Path) -> None:
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    before = content_hash(data)
    assert re.fullmatch(r"[0-9a-f]{8}", before)
    facts = data / "timeline" / "facts.csv"
    original = facts.read_bytes()
    unix = original.replace(b"\r\n", b"\n")
    for endings in (unix, unix.replace(b"\n", b"\r\n"), unix.replace(b"\n", b"\r")):
        facts.write_bytes(endings)
        assert content_hash(data) == before, "line endings must not count"
    facts.touch()
    assert content_hash(data) == before, "file times must not count"
    (data / "boundaries" / "notes.md").write_text("not data", encoding="utf-8")
    assert content_hash(data) == before, "only data files count"
    facts.write_bytes(original.replace(b"1960", b"1961", 1))
    assert content_hash(data) != before, "a changed cell must change the hash"
    facts.write_bytes(original)
    assert content_hash(data) == before
    (data / "timeline" / "facts.csv").rename(data / "timeline" / "facts-renamed.csv")
    assert content_hash(data) != before, "a renamed file must change the hash"


def test_the_version_takes_its_date_from_the_newest_changelog_entry(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (root / "rows.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert data_version(root) == DataVersion(None, content_hash(root))
    digest = content_hash(root)
    (root / "CHANGELOG.md").write_text(
        f"# Changes\n\nExample: `## 2000-01-01+00000000`\n\n## 2026-12-02+{digest}\n\n- b\n\n## 2026-11-01+0a1b2c3d\n",
        encoding="utf-8",
    )
    version = data_version(root)
    assert version.label == f"2026-12-02+{digest}" and version.in_changelog
    (root / "rows.csv").write_text("a,b\n1,3\n", encoding="utf-8")
    moved = data_version(root)
    assert moved.release == dt.date(2026, 12, 2) and not moved.in_changelog
    assert changelog_heading(moved, dt.date(2026, 12, 3)) == f"## 2026-12-03+{moved.hash}"


def test_the_newest_changelog_entry_names_the_current_data() -> None:
    version = data_version()
    entries = changelog_entries()
    assert entries, "data/CHANGELOG.md has no entry headed '## YYYY-MM-DD+HASH'"
    assert [day for day, _ in entries] == sorted((day for day, _ in entries), reverse=True), "newest entry first"
    release, listed = entries[0]
    assert listed == version.hash, (
        f"The data files changed: their hash is now {version.hash} (the newest entry of data/CHANGELOG.md says "
        f"{listed}). Add an entry at the top of data/CHANGELOG.md headed '{changelog_heading(version)}' saying what "
        f"changed, or, to fold the changes into the newest entry, change its heading to "
        f"'## {release.isoformat()}+{version.hash}'; then put the new version in CITATION.cff and README.md."
    )


def test_the_changelog_header_says_how_to_add_an_entry() -> None:
    header = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## 2", 1)[0]
    assert "How to add an entry" in header and "python -m geo version" in header


def test_version_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["version"]) == 0
    assert capsys.readouterr().out.strip() == data_version().label
    assert cli.main(["version", "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert set(as_json) == {"label", "release", "hash", "in_changelog"}
    assert as_json["hash"] == content_hash()
    assert cli.main(["--data", str(ROOT / "docs/example-scenario"), "version", "--check"]) == 2
    printed = capsys.readouterr()
    assert printed.out.strip().startswith("unreleased+")
    assert len(printed.err.strip().splitlines()) == 1 and "add one headed ## " in printed.err


def test_status_json_records_carry_the_data_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status", "--date", "2020-11-21", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert isinstance(records, list) and records
    assert {record["data_version"] for record in records} == {data_version().label}


# ---- how to cite ---------------------------------------------------------------------------------------
def newest_label() -> str:
    release, digest = changelog_entries()[0]
    return f"{release.isoformat()}+{digest}"


def test_citation_cff_is_valid_cff_1_2_0_and_names_the_version() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    assert citation["cff-version"] == "1.2.0"
    schema = read_json(FIXTURES / "cff" / "schema-1.2.0.json")
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(citation)]
    assert problems == []
    assert citation["authors"] == [{"name": pkg.AUTHOR}]
    assert "CC-BY-4.0" in citation["license"]
    label = newest_label()
    assert citation["version"] == label, f'write version: "{label}" in CITATION.cff'
    assert citation["date-released"] == label.split("+")[0], f'write date-released: "{label[:10]}" in CITATION.cff'


def test_readme_says_how_to_cite_with_the_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to cite this map" in readme and "## Get the data" in readme
    section = readme.split("## How to cite this map", 1)[1]
    label = newest_label()
    assert f"data version {label}" in section, f"write 'data version {label}' in README's How to cite this map"
    assert "CC BY 4.0" in readme.split("## Get the data", 1)[1]
    assert all(command in readme for command in ("python -m geo package", "python -m geo version"))
