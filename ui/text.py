"""Text from data, made safe for Streamlit markdown."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from geo.vocab import split_list

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_URL = re.compile(r"^https?://[^\s()<>]+$")


def md_escape(value: str) -> str:
    """Escape markdown and HTML syntax so data shows as the text it is."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def source_url(source: str) -> str | None:
    """The http(s) address a source starts with, if any: never another scheme."""
    url = source.partition(" ")[0]
    return url if _URL.match(url) else None


def source_markdown(source: str) -> str:
    """A source as a link when it starts with a plain URL, else as text."""
    url, _, rest = source.partition(" ")
    if _URL.match(url):
        label = md_escape(rest.strip(" ()") or url)
        return f"[{label}](<{url}>)"
    return md_escape(source)


def event_markdown(event: Any) -> str:
    confidence = "" if event.confidence == "confirmed" else f" *({md_escape(event.confidence)})*"
    sources = "; ".join(source_markdown(s) for s in split_list(event.sources))
    return f"- **{long_date(event.date)}**{confidence}: {md_escape(event.summary)}  \n  Sources: {sources}"
