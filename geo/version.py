"""The data version: the release date of the newest changelog entry plus a short hash of the data.

A citation, an export or a downloaded package names the data it was made
from as ``RELEASE+HASH`` (``2026-12-01+3fa9c2e1``). The hash is of the
*contents* of the data files, with line endings normalised, so it changes
whenever any row changes and never because a file was merely touched or
checked out on another system. ``data/CHANGELOG.md`` says what changed in
each version; its newest entry names the current hash.

Light on purpose (no pandas, no GeoPandas): the app calls it at start-up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import DataError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # the same folder as geo.io.DATA_DIR
CHANGELOG = "CHANGELOG.md"
DATA_SUFFIXES = (".csv", ".geojson", ".json", ".yaml", ".yml")
HASH_LENGTH = 8
# An entry starts with a heading naming its version: "## 2026-12-01+3fa9c2e1"
ENTRY = re.compile(r"^## +(\d{4}-\d{2}-\d{2})\+([0-9a-f]{8})\b", re.MULTILINE)


@dataclass(frozen=True)
class DataVersion:
    """Which data a map, a package or a citation was made from."""

    release: dt.date | None  # the newest changelog entry's date; None where there is no changelog
    hash: str  # HASH_LENGTH hex digits of the data files' contents
    in_changelog: bool = False  # the newest changelog entry names this very hash
    label: str = field(init=False)

    def __post_init__(self) -> None:
        release = self.release.isoformat() if self.release else "unreleased"
        object.__setattr__(self, "label", f"{release}+{self.hash}")

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "release": self.release.isoformat() if self.release else None,
            "hash": self.hash,
            "in_changelog": self.in_changelog,
        }


def data_files(root: Path) -> list[Path]:
    """The files whose rows make up the data, in a fixed order (scripts, notes and hidden files left out)."""
    if root.is_file():
        return [root]
    files = (p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)
    return sorted(
        (p for p in files if not any(part.startswith(".") for part in p.relative_to(root).parts)),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def normalised(content: bytes) -> bytes:
    """The same rows whether saved with Windows, old Mac or Unix line endings."""
    return content.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def content_hash(root: Path = DATA_DIR) -> str:
    """Short SHA-256 of every data file's path and normalised contents (a .zip scenario: of the archive)."""
    digest = hashlib.sha256()
    for path in data_files(root):
        name = path.name if path == root else path.relative_to(root).as_posix()
        content = normalised(path.read_bytes())
        digest.update(f"{name}\n{len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()[:HASH_LENGTH]


def changelog_entries(root: Path = DATA_DIR) -> list[tuple[dt.date, str]]:
    """(release date, hash) of every entry of ``root/CHANGELOG.md``, newest first, as written."""
    path = root / CHANGELOG
    if not path.is_file():
        return []
    entries = []
    for day, digest in ENTRY.findall(path.read_text(encoding="utf-8")):
        try:
            entries.append((dt.date.fromisoformat(day), digest))
        except ValueError:
            raise DataError.single(f"data/{CHANGELOG}", f"entry {day}+{digest}", "not a real calendar date") from None
    return entries


def data_version(root: Path = DATA_DIR) -> DataVersion:
    """The version of the data under ``root``: newest changelog date plus the current content hash."""
    digest = content_hash(root)
    entries = changelog_entries(root) if root.is_dir() else []
    if not entries:
        return DataVersion(None, digest)
    release, listed = entries[0]
    return DataVersion(release, digest, in_changelog=listed == digest)


def changelog_heading(version: DataVersion, today: dt.date | None = None) -> str:
    """The heading a new changelog entry for the current data starts with."""
    return f"## {(today or dt.date.today()).isoformat()}+{version.hash}"


AUTHOR = "Karabakh control map contributors"


def cite_as(title: str, version: DataVersion) -> str:
    """The sentence to cite the map and its data with, as the README gives it."""
    year = version.release.year if version.release else dt.date.today().year
    return f"{AUTHOR} ({year}). {title} (data version {version.label}). Data: CC BY 4.0."
