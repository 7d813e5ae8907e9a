"""A disk cache of the map page and the app's first screen.

Building the map page takes about a second and importing GeoPandas and
Folium another two; neither is needed to *show* a page that was already
built from the same data and code. The cache key is a hash of every data
file and of the code that renders them, so any change rebuilds it. This
module imports nothing heavy until a rebuild is needed.

    python -m layers.prebuilt [--data DIR]   # build ahead, e.g. before `streamlit run`
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = (ROOT / "geo", ROOT / "layers", ROOT / "locale")  # the code, and the translators' tables
STATIC = ROOT / "static"  # served by Streamlit at app/static/ (server.enableStaticServing)
STATIC_DATA = STATIC / "data"
STATIC_MAP = STATIC / "map"


def cache_dir() -> Path:
    return Path(os.environ.get("TCM_CACHE_DIR", ROOT / ".cache"))


def fingerprint(data_root: Path) -> str:
    """Hash of the data files (or the .zip) and of the code that turns them into the page."""
    digest = hashlib.sha256()
    data_root = data_root.resolve()
    if data_root.is_file():
        digest.update(data_root.read_bytes())
        data: list[Path] = []
    else:
        # CHANGELOG.md too: it dates the data version that the page and its download link name.
        kinds = (".csv", ".geojson", ".yaml", ".json")
        data = sorted(
            p for p in data_root.rglob("*") if p.is_file() and (p.suffix in kinds or p.name == "CHANGELOG.md")
        )
    code = sorted(p for d in CODE_DIRS for p in d.rglob("*") if p.suffix in (".py", ".js", ".css", ".csv"))
    for base, paths in ((data_root, data), (ROOT, code)):
        if base.is_file():
            continue
        for path in paths:
            digest.update(path.relative_to(base).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(text)
        temporary = Path(handle.name)
    temporary.replace(path)


def quick_dates(model: Any, lang: str = "en") -> list[dict[str, str]]:
    """Buttons above the map: the statement's dates when there is a handover schedule, else key dates."""
    timeline = model.timeline
    ds = model.dataset
    if len(ds.handovers):
        days = {
            dt.date.fromisoformat(d)
            for column in ("deadline", "deadline_revised", "actual")
            for d in ds.handovers[column]
            if d
        }
        days |= {row.date for row in ds.events.itertuples() if row.announced_by == "statement"}
        war = ds.events[(ds.events["status"] == "contested") & (ds.events["date"] < min(days))]
        if not war.empty:
            start = min(war["date"])
            days |= {start, start - dt.timedelta(days=1)}
    else:
        all_days = timeline.key_dates("actual")
        step = max(1, len(all_days) // 8)
        days = set(all_days[::step][:8])
    from geo.i18n import N_, caption_headline, catalogue
    from geo.view import caption_at, scenario_captions

    book = catalogue(lang)
    quick = []
    for day in sorted(days):
        caption = caption_at(scenario_captions(model, "actual"), day)
        if caption is None or caption.day != day:
            caption = caption_at(scenario_captions(model, "scheduled"), day)
        if caption is not None and caption.day == day:
            help_text = caption_headline(book, caption)  # the day's leading event, as on the map
        else:
            help_text = book(N_("The day before: the situation on the eve"))
        quick.append({"day": day.isoformat(), "help": help_text})
    return quick


def data_download(model: Any, data_root: Path) -> str | None:
    """Write the open data package where the app serves it (``static/data/``); its address, relative to the app.

    Only for a data folder: a scenario archive is already its own package.
    """
    from geo.package import write_package
    from geo.version import data_version

    if not data_root.is_dir():
        return None
    name = f"karabakh-control-map-data-{data_version(data_root).label.replace('+', '-')}.zip"
    if not (STATIC_DATA / name).exists():
        # Earlier versions stay: a page cached with their address must not lead to a missing file.
        write_package(model, STATIC_DATA / name)
    return f"app/static/data/{name}"


def serve_page(page: str, data_url: str | None) -> str:
    """Write the map page as files under ``static/map/`` (see ``layers.page_files``); its address, from the app.

    The app's iframe loads it by this address, so the websocket carries a
    link instead of the page, and the browser caches the files.
    """
    from layers.page_files import content_name, split_page

    if data_url is not None:  # the page lives in app/static/map/, the package in app/static/data/
        data_url = "../data/" + data_url.rsplit("/", 1)[-1]
    files = split_page(page, data_url=data_url)
    name = content_name("page", files.html.encode("utf-8"), ".html")
    files.write(STATIC_MAP, STATIC_MAP / name, precompressed=False)
    return f"app/static/map/{name}"


def served_file(address: str) -> Path:
    """The file behind an address under app/static/."""
    return STATIC / address.removeprefix("app/static/")


def build(
    data_root: Path, key: str, folder: Path | None = None, lang: str = "en", serve: bool = True
) -> tuple[str, dict[str, Any]]:
    """Render the page and the first-screen facts in a language (slow path; imports the stack).

    ``serve``: also write the page as files for the app to serve (``shell["page_url"]``);
    an uploaded scenario is shown from the self-contained page instead, and stays out of ``static/``.
    """
    from geo.model import Model
    from geo.view import map_base
    from layers.timeline_map import map_html

    model = Model.load(data_root)
    meta = model.dataset.meta
    data_url = data_download(model, data_root)
    page = map_html(model, day=meta.default_date, data_url=data_url, lang=lang)
    quick = quick_dates(model, lang)
    base = map_base(model)
    shell = {
        "title": meta.title,
        "start": meta.start.isoformat(),
        "end": meta.end.isoformat(),
        "default_date": meta.default_date.isoformat(),
        "controllers": meta.controllers,
        "quick": quick,
        "version": base.version,
        "citation": base.citation,
        "data_url": data_url,
        "page_url": serve_page(page, data_url) if serve else None,
    }
    folder = folder or cache_dir()
    write_atomically(folder / f"page-{key}-{lang}.html", page)
    write_atomically(folder / f"shell-{key}-{lang}.json", json.dumps(shell, ensure_ascii=False))
    return page, shell


def load(
    data_root: Path, folder: Path | None = None, lang: str = "en", serve: bool = True
) -> tuple[str, str, dict[str, Any]]:
    """(fingerprint, page, shell) in a language, from the cache (``folder``, default .cache/) when it is current.

    ``serve``: the page is also written as files under ``static/map/`` (``shell["page_url"]``).
    """
    key = fingerprint(data_root)
    folder = folder or cache_dir()
    page_path, shell_path = folder / f"page-{key}-{lang}.html", folder / f"shell-{key}-{lang}.json"
    try:
        page, shell = page_path.read_text(encoding="utf-8"), json.loads(shell_path.read_text(encoding="utf-8"))
        if serve and not (shell.get("page_url") and served_file(shell["page_url"]).is_file()):
            raise FileNotFoundError("the served page")  # not written yet, or static/ was cleared
        return key, page, shell
    except (OSError, ValueError):
        page, shell = build(data_root, key, folder, lang, serve)
        return key, page, shell


def _model(data_root: Path) -> Any:
    from geo.model import Model

    return Model.load(data_root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the map page ahead of the first visit.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    from geo.errors import DataError

    try:
        key, page, shell = load(args.data)
        from layers.area_series import cached_series

        cached_series(args.data, lambda: _model(args.data), key=key)  # the chart's series, ahead of the first session
    except DataError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    print(f"map page ready: {shell['page_url']} (self-contained: {len(page) // 1024} kB, in {cache_dir()}, key {key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
