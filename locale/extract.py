"""Gather every text a reader sees into the translators' tables, and check that none is missing.

    python locale/extract.py            # add new texts to locale/az.csv, hy.csv, ru.csv (translations kept)
    python locale/extract.py --check    # exit 1, naming them, if a text has no translation or changed

Interface texts are found in the code: ``t("...")`` and ``N_("...")`` in the
map page's scripts, ``_("...")`` in the Python that draws the app, the
exports and the handout, and the vocabulary of statuses and confidence.
Texts from the data are keyed by where they come from: each event's
headline, each story step's title and caption, the controllers' labels, the
title of the map. A row whose English changed keeps its old translation and
is flagged for review.
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.i18n import COLUMNS, LANGUAGES, LOCALE_DIR  # noqa: E402

JS_CALL = re.compile(r"""\b(?:t|N_)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")
PY_FILES = ("app.py", "ui", "layers", "geo")


def js_texts() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "layers/static/js").glob("*.js")):
        for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
            english = bytes(match.group(1), "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            found[english] = f"page: {path.name}"
    return found


def py_texts() -> dict[str, str]:
    """``_("...")`` with a literal argument, anywhere in the Python that renders for a reader."""
    found: dict[str, str] = {}
    paths = [ROOT / "app.py"] + [p for d in PY_FILES[1:] for p in sorted((ROOT / d).rglob("*.py"))]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = f"code: {path.relative_to(ROOT)}"
    return found


def vocabulary_texts() -> dict[str, str]:
    """Texts the code shows from its vocabularies: statuses, confidence, naming conventions, the slider's spans."""
    from geo.model import Model
    from geo.names import CONVENTIONS
    from geo.schema import CONFIDENCE, STATUSES
    from geo.timeline_view import slider_spans

    found = {label: "vocabulary: status" for label in STATUSES.values() if label}
    found.update({word: "vocabulary: confidence" for word in CONFIDENCE})
    found.update({label: "naming convention" for label in CONVENTIONS.values()})
    meta = Model.load().dataset.meta
    found.update({span["label"]: "time span of the slider" for span in slider_spans(meta.start, meta.end)})
    return found


def data_texts() -> dict[str, tuple[str, str]]:
    """key -> (English, note) for the built-in data's texts."""
    from geo.model import Model

    ds = Model.load().dataset
    found: dict[str, tuple[str, str]] = {"meta:title": (ds.meta.title, "the map's title")}
    for side, entry in ds.meta.controllers.items():
        found[f"controller:{side}:label"] = (entry["label"], "a side, short")
        found[f"controller:{side}:description"] = (entry["description"], "a side, in the legend")
    for row in ds.events.itertuples():
        if row.headline:
            found[f"event:{row.event_id}:headline"] = (row.headline, f"headline of the event of {row.date}")
    for row in ds.story.itertuples():
        found[f"story:{row.date}:title"] = (row.title, "classroom story: step title")
        found[f"story:{row.date}:caption"] = (row.caption, "classroom story: step text")
    if ds.place_labels is not None:
        for row in ds.place_labels.itertuples():
            found[f"label:{row.id}"] = (row.name_en, "a country or region named on the map")
    for zone_id, zone in ds.zones.iterrows():
        if zone.get("note"):
            found[f"zone:{zone_id}:note"] = (zone["note"], "note on a schematic zone")
    return found


def wanted() -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for english, note in {**vocabulary_texts(), **py_texts(), **js_texts()}.items():
        texts[english] = (english, note)
    texts.update(data_texts())
    return texts


def read(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def merged(lang: str, texts: dict[str, tuple[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """The table for ``lang`` with every wanted text, and the problems a translator must fix."""
    old = read(LOCALE_DIR / f"{lang}.csv")
    rows, problems = [], []
    for key, (english, note) in texts.items():
        previous = old.get(key, {})
        text = previous.get("text", "")
        # Flagged until a translator has looked again and cleared the note.
        changed = previous.get("english") != english or previous.get("note", "").startswith("REVIEW")
        review = bool(previous) and changed
        flag = "REVIEW: English changed" if review else note
        rows.append({"key": key, "english": english, "text": text, "note": flag})
        if not text:
            problems.append(f"locale/{lang}.csv: no translation for {key!r}")
        elif review:
            problems.append(f"locale/{lang}.csv: the English of {key!r} changed; review it, then clear the note")
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a text is missing")
    args = parser.parse_args(argv)
    texts = wanted()
    problems: list[str] = []
    for lang in LANGUAGES:
        if lang == "en":
            continue
        rows, missing = merged(lang, texts)
        problems += missing
        if not args.check:
            write(LOCALE_DIR / f"{lang}.csv", rows)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(texts)} texts; {len(problems)} to translate or review")
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
