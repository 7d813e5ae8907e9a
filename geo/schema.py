"""Records and their validation.

Every loader hands its raw table to a ``check_*`` function here, which
collects every problem (file, row, reason) before anything is raised, so a
person fixing a file sees all of it at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from geo.errors import Problem
from geo.vocab import (  # noqa: F401  (re-exported: the vocabulary is part of the schema)
    ANNOUNCERS,
    CONFIDENCE,
    CONTROL_VALUES,
    CONTROLLERS,
    EVENT_KINDS,
    EVENT_SCENARIOS,
    RESPONSES,
    SCENARIOS,
    STATUSES,
    parse_date,
    split_list,
)

EVENT_COLUMNS = (
    "event_id",
    "date",
    "scenario",
    "targets",
    "kind",
    "controller",
    "share_az",
    "status",
    "announced_by",
    "response",
    "confidence",
    "summary",
    "sources",
    "note",
)
# Columns an events file may leave out: the holder of a split district's remainder, a short headline
# for captions (the summary is used without one) and an importance rank (1 leads the day's caption).
OPTIONAL_EVENT_COLUMNS = ("remainder", "headline", "rank")
HEADLINE_MAX = 100
RANKS = ("1", "2", "3", "4", "5")
SETTLEMENT_COLUMNS = (
    "id",
    "name_en",
    "name_az",
    "name_hy_latn",
    "name_hy",
    "name_ru",
    "kind",
    "district",
    "lat",
    "lon",
    "geonameid",
    "coord_source",
    "names_source",
)
SETTLEMENT_KINDS = ("city", "town", "village")

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
URLISH = re.compile(r"^(https?://\S+|[^;]{8,})$")


def missing_columns(table: pd.DataFrame, required: Iterable[str], file: str) -> list[Problem]:
    absent = [c for c in required if c not in table.columns]
    if absent:
        return [Problem(file, "", f"missing column(s): {', '.join(absent)}")]
    return []


def row_label(index: int) -> str:
    """Rows are counted as a spreadsheet shows them: the header is row 1."""
    return f"row {index + 2}"


def check_sources(text: str, file: str, where: str) -> list[Problem]:
    sources = split_list(text)
    if not sources:
        return [Problem(file, where, "no source given (every row must cite one)")]
    problems = [
        Problem(file, where, f"source {s!r} is neither a URL nor a publication with a date")
        for s in sources
        if not URLISH.match(s)
    ]
    problems += [
        Problem(file, where, f"source {s!r} has unbalanced brackets: is there a ';' inside a source's description?")
        for s in sources
        if s.count("(") != s.count(")")
    ]
    return problems


HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
RESERVED_IDS = ("split", "unknown")


def check_controllers(raw: object, file: str) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Controllers as declared: ids, labels, optional descriptions and #RRGGBB colours."""
    if not isinstance(raw, dict) or not raw:
        return {}, [Problem(file, "controllers", "declare at least one controller, each with a label")]
    problems: list[Problem] = []
    controllers: dict[str, dict[str, str]] = {}
    if len(raw) > 8:
        problems.append(Problem(file, "controllers", f"{len(raw)} controllers; at most 8 can be told apart"))
    for key, value in raw.items():
        where = f"controllers.{key}"
        ident = str(key)
        if not ID_PATTERN.match(ident) or ident in RESERVED_IDS:
            problems.append(Problem(file, where, f"{ident!r} is not a usable controller id"))
            continue
        entry = value if isinstance(value, dict) else {}
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(Problem(file, where, "a label is required"))
            continue
        colour = entry.get("colour", entry.get("color", ""))
        if colour and not (isinstance(colour, str) and HEX_COLOUR.match(colour)):
            problems.append(Problem(file, where, f"colour {colour!r} is not written #RRGGBB"))
            colour = ""
        description = entry.get("description", label)
        controllers[ident] = {
            "label": label.strip(),
            "description": str(description).strip() if description else label.strip(),
            "colour": str(colour),
        }
    return controllers, problems


def check_events(
    table: pd.DataFrame,
    file: str,
    known_targets: Mapping[str, str],
    date_range: tuple[dt.date, dt.date] | None = None,
    sides: tuple[str, ...] = CONTROLLERS,
) -> list[Problem]:
    """Validate an events table of strings; ``known_targets`` maps id -> level."""
    problems = missing_columns(table, EVENT_COLUMNS, file)
    if problems:
        return problems
    seen: dict[str, str] = {}
    for index, row in table.iterrows():
        where = row_label(int(index))
        event_id = row["event_id"].strip()
        if not ID_PATTERN.match(event_id):
            problems.append(Problem(file, where, f"event_id {event_id!r} is not a valid id"))
        elif event_id in seen:
            problems.append(Problem(file, where, f"event_id {event_id!r} repeats {seen[event_id]}"))
        else:
            seen[event_id] = where
        try:
            day = parse_date(row["date"])
            if date_range and not date_range[0] <= day <= date_range[1]:
                problems.append(
                    Problem(
                        file,
                        where,
                        f"date {day} is outside the data's range {date_range[0]} to {date_range[1]}",
                    )
                )
        except ValueError as exc:
            problems.append(Problem(file, where, str(exc)))
        if row["scenario"] not in EVENT_SCENARIOS:
            problems.append(Problem(file, where, f"scenario {row['scenario']!r} is not one of {EVENT_SCENARIOS}"))
        kind = row["kind"]
        if kind not in EVENT_KINDS:
            problems.append(Problem(file, where, f"kind {kind!r} is not one of {EVENT_KINDS}"))
        targets = split_list(row["targets"])
        if kind != "info" and not targets:
            problems.append(Problem(file, where, "no target given"))
        problems += [Problem(file, where, f"unknown target {t!r}") for t in targets if t not in known_targets]
        problems += check_control(row, kind, file, where, sides)
        remainder = row.get("remainder", "") or ""
        if remainder and (remainder not in sides or row["controller"] != "split"):
            problems.append(Problem(file, where, f"remainder {remainder!r} needs controller split and AZ or ARM"))
        if row["status"] and row["status"] not in STATUSES:
            problems.append(Problem(file, where, f"unknown status {row['status']!r}"))
        if kind == "status" and not row["status"]:
            problems.append(Problem(file, where, "a status event needs a status"))
        if row["announced_by"] and row["announced_by"] not in ANNOUNCERS:
            problems.append(Problem(file, where, f"unknown announcer {row['announced_by']!r}"))
        if row["response"] not in RESPONSES:
            problems.append(Problem(file, where, f"unknown response {row['response']!r}"))
        if row["confidence"] not in CONFIDENCE:
            problems.append(Problem(file, where, f"confidence {row['confidence']!r} is not one of {CONFIDENCE}"))
        if not row["summary"].strip():
            problems.append(Problem(file, where, "summary is empty"))
        problems += check_headline(row, file, where)
        problems += check_sources(row["sources"], file, where)
    return problems


def check_headline(row: pd.Series, file: str, where: str) -> list[Problem]:
    """A headline is one short line; a rank is 1 (leads the day) to 5."""
    problems = []
    headline = row.get("headline", "") or ""
    if len(headline) > HEADLINE_MAX or "\n" in headline:
        problems.append(Problem(file, where, f"headline is longer than {HEADLINE_MAX} characters or not one line"))
    rank = (row.get("rank", "") or "").strip()
    if rank and rank not in RANKS:
        problems.append(Problem(file, where, f"rank {rank!r} is not one of {', '.join(RANKS)}"))
    return problems


def check_control(
    row: pd.Series, kind: str, file: str, where: str, sides: tuple[str, ...] = CONTROLLERS
) -> list[Problem]:
    controller, share = row["controller"], row["share_az"]
    problems: list[Problem] = []
    allowed = (*sides, "split")
    if kind == "control" and controller not in allowed:
        problems.append(
            Problem(file, where, f"controller {controller!r} is not declared (one of {', '.join(allowed)})")
        )
    if kind != "control" and controller:
        problems.append(Problem(file, where, f"a {kind} event must not set a controller"))
    if share:
        try:
            value = float(share)
        except ValueError:
            return [*problems, Problem(file, where, f"share_az {share!r} is not a number")]
        if math.isnan(value) or not 0.0 <= value <= 1.0:
            problems.append(Problem(file, where, f"share_az {share!r} is not between 0 and 1"))
        elif (controller == sides[0] and value != 1.0) or (controller in sides[1:] and value != 0.0):
            problems.append(Problem(file, where, f"share_az {share} contradicts controller {controller}"))
    return problems


STORY_COLUMNS = ("step", "date", "title", "caption", "events", "sources")


def check_story(
    table: pd.DataFrame, file: str, event_ids: set[str], date_range: tuple[dt.date, dt.date]
) -> list[Problem]:
    """The classroom sequence: ordered steps, real dates in range, each step cited."""
    problems = missing_columns(table, STORY_COLUMNS, file)
    if problems:
        return problems
    previous = 0
    for index, row in table.iterrows():
        where = row_label(int(index))
        if not row["step"].isdigit() or int(row["step"]) <= previous:
            problems.append(
                Problem(file, where, f"step {row['step']!r} must be a whole number larger than the one before")
            )
        else:
            previous = int(row["step"])
        try:
            day = parse_date(row["date"])
            if not date_range[0] <= day <= date_range[1]:
                problems.append(Problem(file, where, f"date {day} is outside the data's range"))
        except ValueError as exc:
            problems.append(Problem(file, where, str(exc)))
        if not row["title"].strip():
            problems.append(Problem(file, where, "title is empty"))
        if not row["caption"].strip():
            problems.append(Problem(file, where, "caption is empty"))
        events = split_list(row["events"])
        problems += [Problem(file, where, f"unknown event {e!r}") for e in events if e not in event_ids]
        if not events and not split_list(row["sources"]):
            problems.append(Problem(file, where, "no source: name an event or give a source"))
        if row["sources"]:
            problems += check_sources(row["sources"], file, where)
    return problems


def check_settlements(table: pd.DataFrame, file: str, districts: set[str]) -> list[Problem]:
    problems = missing_columns(table, SETTLEMENT_COLUMNS, file)
    if problems:
        return problems
    seen: dict[str, str] = {}
    for index, row in table.iterrows():
        where = row_label(int(index))
        sid = row["id"]
        if not ID_PATTERN.match(sid):
            problems.append(Problem(file, where, f"id {sid!r} is not a valid id"))
        elif sid in seen:
            problems.append(Problem(file, where, f"id {sid!r} repeats {seen[sid]}"))
        else:
            seen[sid] = where
        if not row["name_en"].strip():
            problems.append(Problem(file, where, "name_en is empty"))
        if row["kind"] not in SETTLEMENT_KINDS:
            problems.append(Problem(file, where, f"kind {row['kind']!r} is not one of {SETTLEMENT_KINDS}"))
        if row["district"] not in districts:
            problems.append(Problem(file, where, f"unknown district {row['district']!r}"))
        problems += check_point(row["lat"], row["lon"], row["coord_source"], file, where)
        if not row["names_source"].strip():
            problems.append(Problem(file, where, "names_source is empty"))
    return problems


def check_point(lat: str, lon: str, source: str, file: str, where: str) -> list[Problem]:
    """A point is optional, but if given it must be real and cited."""
    if not lat and not lon:
        return []
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return [Problem(file, where, f"coordinates {lat!r}, {lon!r} are not numbers")]
    problems = []
    if not (-90 <= y <= 90 and -180 <= x <= 180) or math.isnan(x) or math.isnan(y):
        problems.append(Problem(file, where, f"coordinates {lat}, {lon} are outside WGS84 ranges"))
    if not source.strip():
        problems.append(Problem(file, where, "coordinates given without coord_source"))
    return problems
