"""The open data package: the data as a Frictionless Data Package, in a folder or a .zip.

A package is the scenario format (``geo.scenario``) plus what a reader of
open data needs beside it, so that anyone can check, reuse and cite the data
without this code:

    datapackage.json          the descriptor: a schema for every file, licences, sources, data version
    events.csv, settlements.csv, facts.csv, statement.csv, handovers.csv,
    zones.csv, routes.csv, story.csv, scenario.yaml, boundaries.geojson,
    context.geojson           the data, in the scenario format (the folder or .zip opens as a scenario)
    settlements.geojson       the towns and villages that have a point
    control-areas.geojson     who held which part of each district on each key date (derived)
    contact-lines.geojson     where the two sides' areas met on each key date (derived)
    sources.csv               every source cited, and which rows cite it
    README.md, CHANGELOG.md   what is in it, how to cite it, what changed in each version

This module writes the package; ``geo.package_records`` makes its rows and
features, ``geo.package_schema`` its descriptor and README. A package
replaces an existing one only once it is complete: it is built in a
temporary folder beside the target, then renamed.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.io import Dataset
from geo.model import Model
from geo.package_records import (
    DECIMALS,
    SEPARATOR,
    SOURCE_COLUMNS,
    area_features,
    boundary_features,
    line_features,
    line_polygon_features,
    settlement_features,
    source_rows,
)
from geo.package_schema import (
    GEONAMES_LICENCE,
    NATURAL_EARTH_LICENCE,
    OWN_LICENCE,
    file_facts,
    package_descriptor,
    readme,
)
from geo.scenario import is_scenario, write_scenario
from geo.version import AUTHOR, CHANGELOG, DataVersion, content_hash, data_version

# The interface, and the names other code reads from here (licences, grid, separator, author).
__all__ = [
    "AUTHOR",
    "DECIMALS",
    "GEONAMES_LICENCE",
    "NATURAL_EARTH_LICENCE",
    "OWN_LICENCE",
    "SEPARATOR",
    "PackageError",
    "build",
    "file_facts",
    "package_bytes",
    "write_package",
    "zip_bytes",
]


class PackageError(Exception):
    """A package that cannot be written where asked; carries a one-line reason."""


# ---- writing ---------------------------------------------------------------------------------------
def write_package(model: Model, out: Path, *, version: DataVersion | None = None) -> Path:
    """Write the package to ``out``: a folder, or a .zip if the name ends in .zip.

    ``version`` defaults to the version of the data the model was loaded
    from. An existing package at ``out`` is replaced only by a complete new
    one; anything else already there is left alone and refused.
    """
    out = Path(out)
    target = out.resolve()
    check_target(target, out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise PackageError(f"cannot write {out}: {reason(exc)}") from None
    try:
        folder = staging / "package"  # made with the usual permissions, unlike the private staging folder
        build(model, folder, version)
        if is_zip(target):
            archive = staging / target.name
            archive.write_bytes(zip_bytes(folder))
            archive.replace(target)
        else:
            swap_folder(folder, target, staging / "previous")
    except OSError as exc:
        raise PackageError(f"cannot write {out}: {reason(exc)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def package_bytes(model: Model, *, version: DataVersion | None = None) -> bytes:
    """The package as a .zip in memory, for a download button."""
    with tempfile.TemporaryDirectory(prefix="package-") as tmp:
        folder = Path(tmp) / "package"
        build(model, folder, version)
        return zip_bytes(folder)


def is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def check_target(target: Path, given: Path) -> None:
    """Refuse to replace what is not a package: a typo must never delete someone's folder."""
    existing = next(p for p in target.parents if p.exists())
    if not existing.is_dir():
        raise PackageError(f"cannot write {given}: {existing} is not a folder")
    if is_zip(target):
        if target.is_dir():
            raise PackageError(f"{given} is a folder; a name ending in .zip must be a file")
        return
    if target.is_dir():
        if any(target.iterdir()) and not (target / "datapackage.json").is_file():
            raise PackageError(f"{given} is a folder that holds no datapackage.json; not replaced")
    elif target.exists():
        raise PackageError(f"{given} is a file; give a new folder name, or a name ending in .zip")


def swap_folder(new: Path, target: Path, backup: Path) -> None:
    """Put ``new`` at ``target``; the previous package stays until the new one is in place."""
    if not target.exists():
        new.rename(target)
        return
    target.rename(backup)
    try:
        new.rename(target)
    except OSError:
        backup.rename(target)
        raise


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def zip_bytes(folder: Path) -> bytes:
    """The folder's files at the top of a .zip, in a fixed order with fixed dates (same data, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# ---- building --------------------------------------------------------------------------------------
def build(model: Model, folder: Path, version: DataVersion | None = None) -> Path:
    """Write every file of the package and its descriptor into ``folder`` (created; must not exist)."""
    folder.mkdir(parents=True)
    dataset = model.dataset
    builtin = is_builtin(dataset)
    write_scenario(dataset, folder)
    if version is None:
        version = data_version(dataset.root) if dataset.root.exists() else DataVersion(None, content_hash(folder))
    write_geojson(folder / "boundaries.geojson", boundary_features(dataset.districts, builtin, "name_en"))
    if (folder / "context.geojson").exists():
        write_geojson(folder / "context.geojson", boundary_features(dataset.context, builtin, None))
    write_geojson(folder / "settlements.geojson", settlement_features(dataset))
    if dataset.lines is not None:
        write_geojson(folder / "lines.geojson", line_polygon_features(dataset.lines))
    days = model.timeline.key_dates("actual")
    areas = area_features(model, days)
    write_geojson(folder / "control-areas.geojson", areas)
    write_geojson(folder / "contact-lines.geojson", line_features(model, days, areas))
    write_csv(folder / "sources.csv", SOURCE_COLUMNS, source_rows(dataset))
    if (dataset.root / CHANGELOG).is_file():
        shutil.copyfile(dataset.root / CHANGELOG, folder / CHANGELOG)
    descriptor = package_descriptor(model, folder, version, builtin, days)
    (folder / "README.md").write_text(readme(descriptor, builtin), encoding="utf-8")
    text = json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return folder


def is_builtin(dataset: Dataset) -> bool:
    """The project's own data (the ``data/`` layout), whose licences and sources the package knows."""
    return not is_scenario(dataset.root)


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
