"""The map page as small, cacheable files: a light HTML page, its code, its data.

The self-contained page (``layers.timeline_map.map_html``) inlines Leaflet,
the page's scripts and styles and its whole configuration: right for a file
someone downloads, wrong for a page served to a classroom, where every
visitor would take the same megabyte again. ``split_page`` turns that page
into files that a browser caches:

* every file but the HTML page is named by a hash of its content, so a host
  can let browsers keep it for good (``Cache-Control: public, max-age=31536000,
  immutable``) and a change of data or code is a new name;
* the data are two parts (``layers.pack``): the geometry, and the timeline
  table with the texts; each is stored gzip-compressed (``.json.gz``,
  unpacked in the page) so it is small on the wire whatever the server, and
  as a script (``.js``) for a page opened from disk or a browser without
  ``DecompressionStream``;
* code and styles are plain files, with ``.gz`` beside them for hosts that
  serve precompressed files.

The page is split from its rendered HTML, so this module depends on nothing
but the inline blocks it replaces, and fails loudly if they change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layers import assets, pack

CONFIG_BLOCK = re.compile(r'(<script type="application/json" id="tcm-config">)(.*?)(</script>)', re.S)
COMPRESSED_SUFFIXES = (".js", ".css")  # the files that get a precompressed .gz sibling (and the page itself)
HASH_LENGTH = 12


# Over HTTP, with DecompressionStream, the page fetches the .json.gz parts: start those requests at once.
EARLY_FETCH = (
    "window.TCM_FETCHES={};if(/^https?:$/.test(location.protocol)&&window.DecompressionStream){"
    "PARTS.forEach(function(u){TCM_FETCHES[u]=fetch(u+'.json.gz');});}"
)


class PageShapeError(ValueError):
    """The rendered page no longer has the inline blocks the split replaces."""


@dataclass
class PageFiles:
    """A light page and the files it loads, by name (relative to the page's folder)."""

    html: str
    files: dict[str, bytes] = field(default_factory=dict)

    def write(self, folder: Path, page: Path, precompressed: bool = True) -> Path:
        """Write the files into ``folder`` (a file already there under its hash name is the same), then ``page``.

        ``precompressed``: code, styles and the page get a ``.gz`` beside them, for hosts that serve
        those (the published site); Streamlit's static route compresses as it sends, and never reads them.
        """
        for name, data in self.files.items():
            target = folder / name
            if not target.exists():
                write_bytes(target, data)
            compressed = target.with_name(target.name + ".gz")
            if precompressed and target.suffix in COMPRESSED_SUFFIXES and not compressed.exists():
                write_bytes(compressed, gzip_bytes(data))
        html = self.html.encode("utf-8")
        write_bytes(page, html)
        if precompressed:
            write_bytes(page.with_name(page.name + ".gz"), gzip_bytes(html))
        return page


def write_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        temporary.write_bytes(data)
        temporary.chmod(0o644)  # served to everyone; mkstemp makes files private
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def gzip_bytes(data: bytes) -> bytes:
    """Gzip at the highest level, with no time stamp: the same input always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def content_name(stem: str, data: bytes, suffix: str) -> str:
    """``stem-<hash>suffix``: the name changes whenever the content does."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{suffix}"


def config_of(page: str) -> dict[str, Any]:
    """The configuration a rendered page carries inline."""
    match = CONFIG_BLOCK.search(page)
    if match is None:
        raise PageShapeError("the map page has no configuration block")
    return json.loads(match.group(2))


def code_assets() -> list[tuple[str, str, str, str]]:
    """(inline block in the page, file stem, suffix, content) for every script and style the page inlines."""
    timeline_css = assets.static_text("timeline.css")
    return [
        (f"<style>{assets.script_safe(assets.leaflet_css())}</style>", "leaflet", ".css", assets.leaflet_css()),
        (f"<script>{assets.script_safe(assets.leaflet_js())}</script>", "leaflet", ".js", assets.leaflet_js()),
        (f"<style>{assets.script_safe(assets.gestures_css())}</style>", "gestures", ".css", assets.gestures_css()),
        (f"<script>{assets.script_safe(assets.gestures_js())}</script>", "gestures", ".js", assets.gestures_js()),
        (f"<style>{assets.script_safe(timeline_css)}</style>", "style", ".css", timeline_css),
    ]


def data_part(stem: str, value: dict[str, Any]) -> tuple[str, dict[str, bytes]]:
    """A packed part as ``stem-<hash>.json.gz`` and the same data as ``stem-<hash>.js``; the shared stem name."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    raw = text.encode("utf-8")
    name = content_name(stem, raw, "")
    script = f"(window.TCM_PARTS=window.TCM_PARTS||{{}})[{json.dumps(name)}]={assets.escape_json_for_script(text)};\n"
    return name, {f"{name}.json.gz": gzip_bytes(raw), f"{name}.js": script.encode("utf-8")}


def split_page(page: str, asset_dir: str = "", data_url: str | None = None) -> PageFiles:
    """The light page and its files; ``asset_dir`` (``""`` or ``"assets/"``) is where the files go, from the page.

    ``data_url``: the open data package's address from where the files are served, if not the page's own.

    The page keeps its Folium map set-up; Leaflet and the styles become linked
    files, the page's scripts one deferred file, and its inline configuration
    is replaced by the two data parts' names (``{"parts": {...}}``).
    """
    files: dict[str, bytes] = {}
    for block, stem, suffix, content in code_assets():
        if block not in page:
            raise PageShapeError(f"the map page no longer inlines {stem}{suffix}")
        data = content.encode("utf-8")
        name = content_name(stem, data, suffix)
        files[name] = data
        link = (
            f'<link rel="stylesheet" href="{asset_dir}{name}">'
            if suffix == ".css"
            else f'<script src="{asset_dir}{name}"></script>'
        )
        page = page.replace(block, link, 1)

    script = assets.script_safe(assets.page_script())
    if page.count(script) != 1:
        raise PageShapeError("the map page no longer inlines its scripts once")
    code = assets.page_script().encode("utf-8")
    code_name = content_name("page", code, ".js")
    files[code_name] = code
    page = page.replace(script, "", 1)

    config = config_of(page)
    if data_url is not None:
        config["dataUrl"] = data_url
    geometry, timeline = pack.pack(config)
    parts = {}
    for stem, value in (("geometry", geometry), ("timeline", timeline)):
        name, written = data_part(stem, value)
        files.update(written)
        parts[stem] = asset_dir + name
    boot = assets.json_for_script({"parts": parts})
    page = CONFIG_BLOCK.sub(lambda m: m.group(1) + boot + m.group(3), page, count=1)
    # The data start downloading with the code, not after it (load.js takes up these requests).
    early = f"<script>{EARLY_FETCH.replace('PARTS', assets.json_for_script(list(parts.values())))}</script>"
    page = page.replace("<head>", f"<head>\n{early}", 1)
    # Deferred: it runs once the page is parsed, after the inline map set-up it needs.
    page = page.replace("</head>", f'<script src="{asset_dir}{code_name}" defer></script>\n</head>', 1)
    return PageFiles(page, files)
