"""Local copies of the browser assets, inlined so pages work offline."""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
LEAFLET = STATIC / "vendor" / "leaflet"


GESTURES = STATIC / "vendor" / "leaflet-gesture-handling"


@cache
def gestures_js() -> str:
    return (GESTURES / "leaflet-gesture-handling.min.js").read_text(encoding="utf-8")


@cache
def gestures_css() -> str:
    return (GESTURES / "leaflet-gesture-handling.min.css").read_text(encoding="utf-8")


@cache
def leaflet_js() -> str:
    return (LEAFLET / "leaflet.js").read_text(encoding="utf-8")


@cache
def leaflet_css() -> str:
    """Leaflet's CSS with its images turned into data URIs (no relative URLs)."""
    css = (LEAFLET / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = LEAFLET / match.group(1)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


# The map page's scripts, in load order: pure modules first, then the parts that
# draw, then the one that puts them together. Each file defines one entry of
# ``window.TCM``; the pure ones also load in Node for their unit tests.
PAGE_SCRIPTS = (
    "dates.js",
    "i18n.js",
    "states.js",
    "captions.js",
    "styles.js",
    "address.js",
    "keys.js",
    "text.js",
    "load.js",
    "dom.js",
    "tooltips.js",
    "water.js",
    "maplayers.js",
    "controls.js",
    "bar.js",
    "present.js",
    "labels.js",
    "table.js",
    "render.js",
    "playback.js",
    "embed.js",
    "layout.js",
    "main.js",
)


@cache
def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def page_script() -> str:
    """The map page's scripts as one, so the page stays a single self-contained file."""
    return "\n".join(f"/* {name} */\n" + static_text(f"js/{name}") for name in PAGE_SCRIPTS)


def json_for_script(value: object) -> str:
    """JSON to embed in a <script> element: no character of data can close the element or open a comment."""
    return escape_json_for_script(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def escape_json_for_script(text: str) -> str:
    """Compact JSON text made safe to embed in a <script> element (see ``json_for_script``)."""
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def script_safe(text: str) -> str:
    """Make text safe inside a <script> or <style> element: no closing tag."""
    return text.replace("</", "<\\/")
