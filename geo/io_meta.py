"""What a scenario declares about itself (``scenario.yaml``): title, date range, controllers, conventions.

Read first, because everything else is checked against it: event dates
against the date range, controllers against the declared sides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from geo import schema
from geo.errors import DataError, Problem
from geo.io_files import read_text


@dataclass(frozen=True)
class Meta:
    """What scenario.yaml declares: title, date range, controllers."""

    title: str
    start: dt.date
    end: dt.date
    default_date: dt.date
    controllers: dict[str, dict[str, str]]  # id -> label, description, colour; in declared order
    conventions: dict[str, str]

    @property
    def sides(self) -> tuple[str, ...]:
        """Controller ids in declared order; the first is the reference for ``share_az``."""
        return tuple(self.controllers)


def read_meta(path: Path, label: str) -> Meta:
    """Read and check ``scenario.yaml``, reporting every problem in it at once."""
    try:
        raw = yaml.safe_load(read_text(path, label))
    except yaml.YAMLError as exc:
        raise DataError.single(label, "", f"unreadable YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise DataError.single(label, "", "expected a mapping at the top level")
    problems: list[Problem] = []
    dates: dict[str, dt.date] = {}
    span = raw.get("date_range")
    if not isinstance(span, dict):
        problems.append(Problem(label, "date_range", "expected start and end dates under date_range"))
        span = {}
    for key, value in (
        ("start", span.get("start")),
        ("end", span.get("end")),
        ("default_date", raw.get("default_date")),
    ):
        if isinstance(value, dt.datetime):
            problems.append(Problem(label, key, f"{value} has a time; write a date, YYYY-MM-DD"))
        elif isinstance(value, dt.date):
            dates[key] = value
        elif value is None and key == "default_date":
            continue
        else:
            try:
                dates[key] = schema.parse_date(str(value))
            except ValueError as exc:
                problems.append(Problem(label, key, str(exc)))
    if "default_date" not in dates and "start" in dates:
        dates["default_date"] = dates["start"]
    if not problems and not dates["start"] <= dates["end"]:
        problems.append(Problem(label, "date_range", "the end is before the start"))
    elif not problems and not dates["start"] <= dates["default_date"] <= dates["end"]:
        problems.append(Problem(label, "default_date", "outside date_range"))
    conventions = raw.get("conventions") or {}
    if not isinstance(conventions, dict):
        problems.append(Problem(label, "conventions", "expected a mapping of name: description"))
        conventions = {}
    controllers, controller_problems = schema.check_controllers(raw.get("controllers"), label)
    problems += controller_problems
    title = raw.get("title", "")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(label, "title", "a title is required"))
    if problems:
        raise DataError(problems)
    return Meta(
        title=str(title).strip(),
        start=dates["start"],
        end=dates["end"],
        default_date=dates["default_date"],
        controllers=controllers,
        conventions={str(k): str(v) for k, v in conventions.items()},
    )
