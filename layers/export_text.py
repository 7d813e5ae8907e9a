"""The words of a static map: title and deck from the day's headline, dates, source names, wrapped text.

Kept apart from the drawing so the wording can be read and tested on its
own: the snapshot (``layers.static_map``) and the handout both take their
dates and source lines from here, and ``Flow`` sets a column of text blocks
on a figure, each wrapped to the column and measured once placed.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Text

from geo.i18n import Catalogue, caption_headline, caption_line, catalogue
from geo.i18n import long_date as language_date
from geo.view import Caption

if TYPE_CHECKING:
    from layers.static_map import Snapshot


def long_date(day: dt.date, lang: str = "en") -> str:
    """A date as the pictures write it in their language: 10 November 2020, 10 ноября 2020 г."""
    return language_date(day, lang)


def caption_text(caption: Caption | None, book: Catalogue | None = None) -> str:
    """The caption line, worded as the interactive page words it, in the catalogue's language."""
    return caption_line(caption, book or catalogue("en"))


def headline_parts(headline: str) -> tuple[str, str]:
    """A day's headline as a title and a deck: cut after its first clause when that reads alone."""
    match = re.search(r"(?<=[a-z0-9)])(?:; |: |\. )", headline)
    if match is None or match.start() < 25 or match.start() > 120:
        return headline.rstrip("."), ""
    rest = headline[match.end() :].strip()
    return headline[: match.start()], rest[:1].upper() + rest[1:]


def default_text(
    snapshot: Snapshot, caption: Caption | None, base_title: str, book: Catalogue | None = None
) -> tuple[str, str]:
    """Title and deck: the user's if given, else from the day's leading event (in the catalogue's language)."""
    _ = book or catalogue("en")
    if caption is None:
        title, deck = base_title, ""
    else:
        title, deck = headline_parts(caption_headline(_, caption))
        when = long_date(caption.day, _.lang)
        if caption.day != snapshot.day:
            deck = f"{_('Latest change, on {date}.', date=when)} {deck}".strip()
        if caption.more:
            deck = f"{deck} {_('Also on {date}: {n} more events.', date=when, n=caption.more)}".strip()
    if snapshot.title.strip():
        if not snapshot.subtitle.strip() and caption is not None:
            deck = caption_text(caption, _)
        title = snapshot.title
    if snapshot.subtitle.strip():
        deck = snapshot.subtitle
    return " ".join(title.split()), " ".join(deck.split())


def wrap_lines(text: str, width: int, most: int) -> str:
    """Wrap to at most ``most`` lines, ending on a whole word with an ellipsis when cut."""
    lines = textwrap.wrap(text, width=width, break_on_hyphens=False)  # dates and versions stay whole
    if len(lines) <= most:
        return "\n".join(lines)
    kept = lines[:most]
    kept[-1] = textwrap.shorten(kept[-1] + " " + lines[most], width=width - 1, placeholder="") + "…"
    return "\n".join(kept)


def source_names(sources: list[str], limit: int = 4, book: Catalogue | None = None) -> str:
    """Short names for a source line: the publication in brackets, else the web site."""
    names: list[str] = []
    for source in sources:
        url, _, rest = source.partition(" ")
        label = rest.strip(" ()").split(",")[0] if rest.strip() else urlparse(url).netloc.removeprefix("www.")
        label = label or source[:40]
        if label not in names:
            names.append(label)
    shown = ", ".join(names[:limit])
    _ = book or catalogue("en")
    return shown + (" " + _("and {n} more", n=len(names) - limit) if len(names) > limit else "")


class Flow:
    """Text blocks stacked down a column, each wrapped to the column and measured once placed."""

    def __init__(self, fig: Figure, left: float, right: float, top: float, renderer: RendererBase) -> None:
        self.fig, self.left, self.right, self.y, self.renderer = fig, left, right, top, renderer
        self.width_px = (right - left) * fig.bbox.width
        self.artists: list[Any] = []

    def text(
        self, text: str, size: float, lines: int, gap: float = 0.0, shrink: float = 1.0, **style: Any
    ) -> Text | None:
        """``text`` wrapped to the column in at most ``lines`` lines; None if empty.

        With ``shrink`` below 1, a text too long for its lines is set smaller,
        down to that fraction of ``size``, before it is cut with an ellipsis.
        """
        if not text.strip():
            return None
        self.y -= gap
        artist = self.fig.text(self.left, self.y, "", va="top", **style)
        steps = [size] if shrink >= 1 else [size * (1 - (1 - shrink) * n / 3) for n in range(4)]
        for step in steps:
            artist.set_fontsize(step)
            chars = self.chars(step)
            artist.set_text(wrap_lines(text, chars, lines))
            while artist.get_window_extent(renderer=self.renderer).width > self.width_px and chars > 12:
                chars = int(chars * 0.93)
                artist.set_text(wrap_lines(text, chars, lines))
            if not artist.get_text().endswith("…"):
                break
        self.advance(artist)
        return artist

    def advance(self, artist: Any) -> None:
        """Move the column down past an artist placed at its top."""
        box = artist.get_window_extent(renderer=self.renderer)
        self.y = box.y0 / self.fig.bbox.height
        self.artists.append(artist)

    def chars(self, size: float) -> int:
        """About how many characters of type ``size`` fit across the column."""
        return max(12, int(self.width_px / (size * self.fig.dpi / 72 * 0.56)))
