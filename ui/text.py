"""Text from data, made safe for Streamlit markdown."""

from __future__ import annotations

import re
from typing import Any

from geo.i18n import Catalogue, catalogue, long_date
from geo.vocab import split_list

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_URL = re.compile(r"^https?://[^\s()<>]+$")


def md_escape(value: str) -> str:
    """Escape markdown and HTML syntax so data shows as the text it is."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


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


def event_markdown(event: Any, book: Catalogue | None = None) -> str:
    """One event as a list item: the day, how sure, what happened and its sources, in the catalogue's language.

    In English the full summary; in another language the event's translated
    headline (the summaries are written in English and stay one click away, on the map).
    """
    book = book or catalogue("en")
    confidence = "" if event.confidence == "confirmed" else f" *({md_escape(book(event.confidence))})*"
    sources = "; ".join(source_markdown(s) for s in split_list(event.sources))
    headline = book.text(f"event:{event.event_id}:headline", event.headline or event.summary)
    told = event.summary if book.lang == "en" else headline
    day = long_date(event.date, book.lang)
    return f"- **{md_escape(day)}**{confidence}: {md_escape(told)}  \n  {md_escape(book('Sources:'))} {sources}"
