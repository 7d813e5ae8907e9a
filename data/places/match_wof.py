"""Locate towns and villages through GeoNames ids in a Who's On First extract.

The extract (localities of whosonfirst-data-admin-az @ e174b861, cut to the
region: point, Who's On First id, GeoNames id, names in Azerbaijani,
English, Armenian and Russian) is an *input* given on the command line; the
project never reads it at run time or in its tests. This script:

1. matches every place of ``data/timeline/settlements.csv`` that has no point
   (or whose point came from an earlier run of this script),
   and every community listed in ``communities.csv`` (the Armenian-side
   communities that stayed with the de facto authorities after 10 November
   2020, and the Shahumyan-region communities handed over on 25 November
   2020), against the extract's names, within the place's district;
2. writes the reviewable table ``wof_matches.csv``: place, candidates, names,
   distance to the district, verdict (accepted / ambiguous / rejected) and
   the reason; verdicts checked by hand are read from ``wof_decisions.csv``
   and win over the automatic ones (a decision may keep a point up to
   5 km outside the district its source names, where the 1:10m boundaries
   are coarse, only with a ``location_note`` saying so);
3. with ``--apply``, fills the accepted points into ``settlements.csv``
   (``lat``, ``lon``, ``geonameid``, ``coord_source``) and adds the accepted
   communities as new rows, with their names from the same records.

Run from the repository root::

    python data/places/match_wof.py --wof path/to/wof-localities.geojson            # table only
    python data/places/match_wof.py --wof path/to/wof-localities.geojson --apply    # and the data
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import Point, shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SETTLEMENTS = ROOT / "data/timeline/settlements.csv"
DISTRICTS = ROOT / "data/boundaries/districts.geojson"
COMMUNITIES = HERE / "communities.csv"
DECISIONS = HERE / "wof_decisions.csv"
MATCHES = HERE / "wof_matches.csv"

UPSTREAM = "whosonfirst-data-admin-az @ e174b861"
WINDOW_KM = 5.0  # candidates are looked for this far around the stated district
INSIDE_KM = 1.0  # an accepted point lies at most this far outside its district
FUZZY = 0.86  # similarity of two name keys that makes a fuzzy (always hand-checked) match
AREA = (
    "AZ-KAL",
    "AZ-LAC",
    "AZ-QBI",
    "AZ-ZAN",
    "AZ-CAB",
    "AZ-FUZ",
    "AZ-AGM",
    "AZ-XVD",
    "AZ-XCI",
    "AZ-SUS",
    "AZ-TAR",
    "AZ-XA",
)
# Where the communities of each region of the de facto authorities lie (Azerbaijani districts).
# Aghdam district is left out on purpose: it was handed over whole on 20 November 2020,
# so a community that stayed with the de facto authorities cannot be given it.
REGION_DISTRICTS = {
    "askeran": ("AZ-XCI", "AZ-XA", "AZ-SUS", "AZ-XVD"),
    "martuni": ("AZ-XVD", "AZ-XCI"),
    "martakert": ("AZ-TAR", "AZ-KAL"),
    "shushi": ("AZ-SUS", "AZ-LAC"),
    "shahumyan": ("AZ-KAL", "AZ-TAR"),
}
MATCH_COLUMNS = (
    "place_id",
    "list",
    "names",
    "district",
    "wof_id",
    "geonameid",
    "candidate_names",
    "matched_name",
    "match",
    "candidates",
    "km_outside_district",
    "verdict",
    "reason",
)
EQUAL_AREA = pyproj.Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=40 +lon_0=46.5 +units=m", always_xy=True)


def project(geometry: shapely.Geometry) -> shapely.Geometry:
    """WGS84 to the equal-area projection the project measures in (metres)."""
    return shapely.transform(geometry, lambda xy: np.column_stack(EQUAL_AREA.transform(xy[:, 0], xy[:, 1])))


AZ_LATIN = str.maketrans(
    {"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u", "x": "kh", "q": "g", "c": "j"}
)
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# A loose key that survives the usual romanisations of one name (Azerbaijani,
# Russian, Armenian in Latin letters): digraphs to one letter, voiced/voiceless
# pairs and close vowels together, doubled letters once.
SKELETON = (
    ("shch", "s"),
    ("dzh", "j"),
    ("dz", "j"),
    ("kh", "x"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "j"),
    ("ts", "c"),
    ("tc", "c"),
    ("q", "g"),
    ("k", "g"),
    ("h", "g"),
    ("w", "v"),
    ("e", "a"),
    ("y", "i"),
    ("o", "u"),
)
GENERIC = re.compile(r"\b(village|settlement|kend|kand|qesebe|gyugh)\b")


def latin(text: str) -> str:
    """Any of the scripts in the data to plain ASCII letters (Armenian script is left alone)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("i̇", "i")
    text = text.translate(AZ_LATIN)
    text = "".join(CYRILLIC.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def skeleton(name: str) -> str:
    """The loose comparison key of one name ("" for names in Armenian script)."""
    text = GENERIC.sub(" ", latin(name))
    text = re.sub(r"[^a-z]", "", text)
    for old, new in SKELETON:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def armenian(name: str) -> str:
    """Armenian-script names compared without spaces, case or the two spellings of 'ev'."""
    text = unicodedata.normalize("NFC", name).casefold().replace("եւ", "և")
    return re.sub(r"[^\u0531-\u0587]", "", text)


def variants(cell: str) -> list[str]:
    """Every name in a cell such as 'Mets Taglar (Böyük Tağlar)' or 'Pletants / Blutan'."""
    parts = re.split(r"[/;,()]| or ", cell)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("announced as")]


@dataclass
class Record:
    """One locality of the extract."""

    wof_id: int
    geonameid: int | None
    point: Point
    projected: Point
    preferred: list[str]
    other: list[str]
    names: dict[str, list[str]]
    keys: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # kind, name, skeleton, script, plain

    def __post_init__(self) -> None:
        for kind, names in (("preferred", self.preferred), ("variant", self.other)):
            self.keys += [(kind, n, skeleton(n), armenian(n), plain(n)) for n in names]

    def label(self) -> str:
        seen = list(dict.fromkeys(self.preferred + self.other))
        return " | ".join(seen[:8])


@dataclass
class Place:
    place_id: str
    source_list: str  # "settlements" or "communities"
    names: list[str]
    districts: tuple[str, ...]
    region: str = ""
    seed: dict[str, str] = field(default_factory=dict)

    @property
    def keys(self) -> list[tuple[str, str, str]]:
        if "_keys" not in self.__dict__:
            self.__dict__["_keys"] = [(skeleton(n), armenian(n), plain(n)) for n in self.names]
        cached: list[tuple[str, str, str]] = self.__dict__["_keys"]
        return cached


@dataclass
class Match:
    place: Place
    record: Record | None = None
    matched_name: str = ""
    kind: str = ""
    candidates: int = 0
    district: str = ""
    km_outside: float | None = None
    verdict: str = "rejected"
    reason: str = ""
    location_note: str = ""  # hand-checked: why a point may lie outside the district its source names


def read_records(path: Path) -> list[Record]:
    data = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for feature in data["features"]:
        props = feature["properties"]
        names: dict[str, list[str]] = props.get("names") or {}
        preferred = [props["name"], *([props["gn_name"]] if props.get("gn_name") else [])]
        other: list[str] = []
        for key, values in names.items():
            (preferred if key.endswith("_preferred") else other).extend(values)
        lon, lat = feature["geometry"]["coordinates"]
        records.append(
            Record(
                wof_id=int(props["wof_id"]),
                geonameid=int(props["geonameid"]) if props.get("geonameid") else None,
                point=Point(lon, lat),
                projected=project(Point(lon, lat)),
                preferred=list(dict.fromkeys(preferred)),
                other=[n for n in dict.fromkeys(other) if n not in preferred],
                names=names,
            )
        )
    return records


def read_districts(path: Path) -> dict[str, shapely.Geometry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["id"]: project(shape(f["geometry"])) for f in data["features"] if f["properties"]["id"] in AREA
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def plain(name: str) -> str:
    """One spelling, compared letter for letter (case, marks, spaces, hyphens and apostrophes aside)."""
    return re.sub(r"[^a-z]", "", latin(name))


def places_to_match(settlements: list[dict[str, str]], communities: list[dict[str, str]]) -> list[Place]:
    places = []
    listed = {row["id"] for row in communities}
    for row in settlements:
        located_elsewhere = row["lat"] and UPSTREAM not in row["coord_source"]
        if located_elsewhere or row["district"] not in AREA or row["id"] in listed:
            continue
        names = [n for column in ("name_en", "name_az", "name_hy_latn", "name_ru") for n in variants(row[column])]
        names += variants(row["name_hy"])
        places.append(Place(row["id"], "settlements", list(dict.fromkeys(names)), (row["district"],)))
    for row in communities:
        names = [*variants(row["name_hy_latn"]), *variants(row["alt_name"]), *variants(row["name_hy"])]
        places.append(
            Place(row["id"], "communities", names, REGION_DISTRICTS[row["region"]], region=row["region"], seed=row)
        )
    return places


def name_hits(place: Place, record: Record) -> tuple[str, str]:
    """(matched name, kind) where kind is preferred / variant / fuzzy, or ('', '')."""
    ours = place.keys
    for kind, name, _, script, spelled in record.keys:
        for _, our_script, our_spelled in ours:
            if (spelled and spelled == our_spelled) or (script and script == our_script):
                return name, kind
    for _, name, key, _, _ in record.keys:
        for our_key, _, _ in ours:
            if key and key == our_key:
                return name, "similar"
    best, best_name = 0.0, ""
    for _, name, key, _, _ in record.keys:
        for our_key, _, _ in ours:
            if key and our_key and len(our_key) >= 4:
                matcher = difflib.SequenceMatcher(None, key, our_key)
                if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY:
                    continue
                ratio = matcher.ratio()
                if ratio > best:
                    best, best_name = ratio, name
    return (best_name, "fuzzy") if best >= FUZZY else ("", "")


def match_place(place: Place, records: list[Record], districts: dict[str, shapely.Geometry]) -> Match:
    window = shapely.union_all([districts[d] for d in place.districts])
    points = np.array([r.projected for r in records], dtype=object)
    near = np.flatnonzero(shapely.distance(window, points) <= WINDOW_KM * 1000)
    found: list[tuple[Record, str, str, float, str]] = []
    for index in near:
        record = records[index]
        point = record.projected
        name, kind = name_hits(place, record)
        if kind:
            home = min(place.districts, key=lambda d: districts[d].distance(point))
            found.append((record, name, kind, districts[home].distance(point) / 1000, home))
    # One locality can appear twice in the extract (a current and a former record of one GeoNames id).
    unique: dict[object, tuple[Record, str, str, float, str]] = {}
    for item in found:
        unique.setdefault(item[0].geonameid or item[0].wof_id, item)
    hits = list(unique.values())
    match = Match(place, candidates=len(hits))
    if not hits:
        match.reason = f"no name match within {WINDOW_KM:g} km of {'/'.join(place.districts)}"
        return match
    order = {"preferred": 0, "variant": 1, "similar": 2, "fuzzy": 3}
    hits.sort(key=lambda h: (order[h[2]], h[3]))
    record, name, kind, outside, home = hits[0]
    match.record, match.matched_name, match.kind, match.km_outside, match.district = record, name, kind, outside, home
    exact = [h for h in hits if h[2] in ("preferred", "variant")]
    if len(exact) > 1:
        match.verdict, match.reason = "ambiguous", f"{len(exact)} localities carry the name"
    elif kind == "fuzzy":
        match.verdict, match.reason = "ambiguous", "only a similar name matches"
    elif kind == "similar":
        match.verdict, match.reason = "ambiguous", "only a spelling variant matches (vowels or consonants differ)"
    elif kind == "variant":
        match.verdict, match.reason = "ambiguous", "only an alternate name matches"
    elif outside > INSIDE_KM:
        match.verdict, match.reason = "ambiguous", f"{outside:.1f} km outside {home}"
    elif record.geonameid is None:
        match.verdict, match.reason = "ambiguous", "no GeoNames id"
    else:
        match.verdict, match.reason = "accepted", "one locality, preferred name, inside the district"
    return match


def apply_decisions(matches: list[Match], decisions: list[dict[str, str]], records: list[Record]) -> None:
    """Hand-checked verdicts win: a decision names the place, the chosen record (or none) and why."""
    by_wof = {r.wof_id: r for r in records}
    by_place = {m.place.place_id: m for m in matches}
    for row in decisions:
        match = by_place.get(row["place_id"])
        if match is None:
            raise SystemExit(f"wof_decisions.csv names an unknown place {row['place_id']!r}")
        if row["wof_id"]:
            record = by_wof[int(row["wof_id"])]
            if match.record is None or match.record.wof_id != record.wof_id:
                match.record, match.matched_name, match.kind = record, row.get("matched_name", ""), "hand-checked"
        elif row["verdict"] == "accepted":
            raise SystemExit(f"wof_decisions.csv accepts {row['place_id']!r} without a wof_id")
        match.verdict, match.reason = row["verdict"], f"checked by hand: {row['reason']}"
        match.location_note = row.get("location_note", "")


def locate(matches: list[Match], districts: dict[str, shapely.Geometry]) -> None:
    """District and distance of the chosen record (after the hand-checked decisions)."""
    for match in matches:
        if match.record is None:
            continue
        point = match.record.projected
        home = min(match.place.districts, key=lambda d: districts[d].distance(point))
        match.district, match.km_outside = home, districts[home].distance(point) / 1000
        if match.verdict == "accepted" and match.km_outside > INSIDE_KM and not match.location_note:
            match.verdict = "rejected"
            match.reason = f"{match.km_outside:.1f} km outside {home}, the district its source names"


def flag_shared_records(matches: list[Match]) -> None:
    """Two places may not take one locality's point."""
    users: dict[int, list[Match]] = {}
    for match in matches:
        if match.record is not None and match.verdict == "accepted":
            users.setdefault(match.record.wof_id, []).append(match)
    for group in users.values():
        if len(group) > 1:
            for match in group:
                match.verdict = "ambiguous"
                match.reason = "the same locality matches " + ", ".join(m.place.place_id for m in group)


def table_rows(matches: Iterable[Match]) -> list[dict[str, str]]:
    rows = []
    for m in matches:
        rows.append(
            {
                "place_id": m.place.place_id,
                "list": m.place.source_list,
                "names": " | ".join(m.place.names),
                "district": m.district or "/".join(m.place.districts),
                "wof_id": str(m.record.wof_id) if m.record else "",
                "geonameid": str(m.record.geonameid or "") if m.record else "",
                "candidate_names": m.record.label() if m.record else "",
                "matched_name": m.matched_name,
                "match": m.kind,
                "candidates": str(m.candidates),
                "km_outside_district": "" if m.km_outside is None else f"{m.km_outside:.2f}",
                "verdict": m.verdict,
                "reason": m.reason,
            }
        )
    return rows


def coord_source(record: Record) -> str:
    if record.geonameid:
        return f"GeoNames {record.geonameid} via Who's On First {UPSTREAM} (CC BY 4.0)"
    return f"Who's On First {record.wof_id} via {UPSTREAM} (CC0)"


AZ_LETTERS = re.compile(r"[əışçğöüqx]", re.IGNORECASE)
APOSTROPHES = re.compile(r"['’ʼ`]")
ENGLISH_DIGRAPHS = re.compile(r"(ch|sh|kh|gh|zh|ts)", re.IGNORECASE)
ARMENIAN_LATIN = {
    "ու": "u", "և": "ev", "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh",
    "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r",
    "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f",
}  # fmt: skip


def armenian_in_latin(name: str) -> str:
    """Armenian script in Latin letters, only to compare it with a Latin spelling."""
    text = armenian(name)
    for letters, latin_letters in ARMENIAN_LATIN.items():
        text = text.replace(letters, latin_letters)
    return text


def azerbaijani_name(names: dict[str, list[str]]) -> str:
    """The record's Azerbaijani name: one written in Azerbaijani letters if there is one.

    Some records carry an Armenian or Russian name in Latin letters under
    ``aze_x_preferred`` (``Ch'ap'ar``, ``Tkhkot``); those are passed over.
    """

    def clean(values: list[str]) -> list[str]:
        values = [unicodedata.normalize("NFC", n).replace("ǝ", "ə").replace("Ǝ", "Ə") for n in values]
        return [n for n in values if n and not APOSTROPHES.search(n) and not armenian(n)]

    azerbaijani = clean(names.get("aze_x_preferred", []) + names.get("aze_x_variant", []))
    for name in azerbaijani + clean(names.get("und_x_variant", [])):
        if AZ_LETTERS.search(name):
            return name
    for name in azerbaijani:
        if not ENGLISH_DIGRAPHS.search(name):
            return name
    return ""


def first(names: dict[str, list[str]], *keys: str) -> str:
    for key in keys:
        for value in names.get(key, []):
            if value:
                return value
    return ""


def armenian_script(record: Record, latin_names: list[str]) -> str:
    """The record's Armenian-script name that best matches the community's name in Latin letters."""
    scripts = [v for key in ("hye_x_preferred", "hye_x_variant") for v in record.names.get(key, []) if armenian(v)]
    if not scripts:
        return ""
    wanted = [skeleton(n) for n in latin_names if skeleton(n)]

    def score(script: str) -> float:
        key = skeleton(armenian_in_latin(script))
        return max((difflib.SequenceMatcher(None, key, w).ratio() for w in wanted), default=0.0)

    return max(scripts, key=score)


def english(name_az: str) -> str:
    """The English form the data uses for Azerbaijani names (ISO 3166-2 style romanisation)."""
    if not AZ_LETTERS.search(name_az) and "c" not in name_az.lower():
        return APOSTROPHES.sub("", name_az)
    text = (
        unicodedata.normalize("NFC", name_az)
        .replace("İ", "I")
        .translate(
            str.maketrans(
                {"Ə": "A", "Ş": "Sh", "Ç": "Ch", "Ğ": "Gh", "Ö": "O", "Ü": "U", "X": "Kh", "Q": "G", "C": "J"}
            )
        )
    )
    return text.translate(AZ_LATIN)


def community_row(match: Match, header: list[str]) -> dict[str, str]:
    record, seed = match.record, match.place.seed
    assert record is not None
    name_az = azerbaijani_name(record.names)
    name_hy = seed["name_hy"] or armenian_script(record, match.place.names)
    row = dict.fromkeys(header, "")
    row.update(
        {
            "id": match.place.place_id,
            "name_en": english(name_az) if name_az else seed["name_hy_latn"].split(" / ")[0],
            "name_az": name_az,
            "name_hy_latn": seed["name_hy_latn"],
            "name_hy": name_hy,
            "name_ru": first(record.names, "rus_x_preferred"),
            "kind": "village",
            "district": match.district,
        }
    )
    fill_point(row, record)
    gn = f"GeoNames {record.geonameid}" if record.geonameid else f"Who's On First {record.wof_id}"
    script = "" if seed["name_hy"] else "; Armenian script"
    row["names_source"] = (
        f"{seed['source']} ; Azerbaijani and Russian names{script}: {gn} via Who's On First {UPSTREAM} (CC BY 4.0)"
    )
    row["location_note"] = outside_note(match, f"the nearest one of the {match.place.region.title()} region") or (
        f"District: the {match.district} polygon of the 1:10m Natural Earth boundaries that holds the GeoNames point."
    )
    return row


def outside_note(match: Match, which: str) -> str:
    """Why a point a little outside its district is kept ("" for a point inside it)."""
    if not match.km_outside or match.km_outside < 0.005:
        return ""
    return (
        f"The GeoNames point falls {match.km_outside:.1f} km outside {match.district} on the 1:10m Natural Earth "
        f"boundaries, which are coarse here; the district is {which}."
    )


def fill_point(row: dict[str, str], record: Record) -> None:
    row["lat"] = f"{record.point.y:.5f}"
    row["lon"] = f"{record.point.x:.5f}"
    row["geonameid"] = str(record.geonameid or "")
    row["coord_source"] = coord_source(record)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write atomically, in the same dialect as the committed files."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)


def apply(matches: list[Match], settlements: list[dict[str, str]], header: list[str]) -> tuple[int, int]:
    by_id = {row["id"]: row for row in settlements}
    located = added = 0
    for match in matches:
        if match.verdict != "accepted" or match.record is None:
            continue
        if match.place.source_list == "settlements":
            row = by_id[match.place.place_id]
            if not row["lat"]:
                fill_point(row, match.record)
                row["location_note"] = match.location_note or outside_note(match, "the one named in the source")
                located += 1
        elif match.place.place_id not in by_id:
            row = community_row(match, header)
            settlements.append(row)
            by_id[row["id"]] = row
            added += 1
    return located, added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wof", type=Path, required=True, help="the Who's On First localities extract (GeoJSON)")
    parser.add_argument("--apply", action="store_true", help="write the accepted points and communities into the data")
    args = parser.parse_args(argv)
    records = read_records(args.wof)
    districts = read_districts(DISTRICTS)
    settlements = read_csv(SETTLEMENTS)
    with SETTLEMENTS.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    places = places_to_match(settlements, read_csv(COMMUNITIES))
    matches = [match_place(place, records, districts) for place in places]
    if DECISIONS.exists():
        apply_decisions(matches, read_csv(DECISIONS), records)
    locate(matches, districts)
    flag_shared_records(matches)
    write_csv(MATCHES, list(MATCH_COLUMNS), table_rows(matches))
    counts = {v: sum(m.verdict == v for m in matches) for v in ("accepted", "ambiguous", "rejected")}
    print(f"{len(matches)} places: " + ", ".join(f"{n} {v}" for v, n in counts.items()), file=sys.stderr)
    if args.apply:
        located, added = apply(matches, settlements, header)
        write_csv(SETTLEMENTS, header, settlements)
        print(f"{located} points filled in, {added} communities added", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
