"""Reading one data file, safely: the size limit, UTF-8, and a CSV as a table of strings.

Every reader of ``geo.io`` and the scenario reader start here, so a file
that is missing, too large, not UTF-8 or not a CSV is reported the same way
everywhere: one :class:`~geo.errors.DataError` naming the file, the row and
the problem.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from geo import schema
from geo.errors import DataError, Problem
from geo.limits import MAX_FILE_BYTES


def read_text(path: Path, label: str) -> str:
    """A file's text: refused if it is missing, over the size limit or not UTF-8."""
    if not path.is_file():
        raise DataError.single(label, "", "file not found")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError.single(label, "", f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError.single(label, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_table(path: Path, label: str) -> pd.DataFrame:
    """Read a CSV as strings: no type guessing, empty cells stay empty strings.

    Parsed with the csv module rather than pandas so that a row with more
    cells than the header is reported by its row number instead of silently
    turning the first columns into an index.
    """
    text = read_text(path, label).removeprefix("\ufeff")
    try:
        records = [record for record in csv.reader(io.StringIO(text)) if record]
    except csv.Error as exc:
        raise DataError.single(label, "", f"unreadable CSV: {exc}") from None
    if not records:
        raise DataError.single(label, "", "unreadable CSV: no header row")
    header = [cell.strip() for cell in records[0]]
    problems = [Problem(label, "row 1", f"column {n} has no name") for n, name in enumerate(header, 1) if not name]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    problems += [Problem(label, "row 1", f"column {name!r} appears more than once") for name in repeated]
    rows = []
    for index, record in enumerate(records[1:]):
        if len(record) > len(header):
            problems.append(
                Problem(label, schema.row_label(index), f"{len(record)} cells, but the header names {len(header)}")
            )
            continue
        rows.append([cell.strip() for cell in record] + [""] * (len(header) - len(record)))
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=header, dtype=object)
