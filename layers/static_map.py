"""Static maps for articles and handouts, drawn with matplotlib in the app's palette.

A snapshot carries what a reader needs without the app: the date, a title and
deck from the day's leading event, a legend of what is on the map that day,
the area each side held, the sources of the day's events and the data
attribution, a scale bar, a north arrow and a small locator map. The map
itself fills most of the picture, over rivers, lakes and the names of the
countries around. Text stays text in SVG and PDF, and text from the data or
the user is drawn as written (never as markup or mathematics). Nothing here
reads files or asks the model: everything drawn comes from the core's
description of the date (``geo.view``), as on the interactive page.

This module is the entry point: the request (``Snapshot``) and its checks,
the presets and where things go in each, and the picture put together. The
parts it puts together live beside it: ``layers.map_drawing`` (the map),
``layers.map_labels`` (names on it), ``layers.map_furniture`` (scale bar,
north arrow, locator, legend, area bar), ``layers.export_text`` (the words)
and ``layers.map_frame`` (matplotlib's settings, colours, extent).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo import names as naming
from geo.i18n import catalogue, check_language
from geo.model import Model
from geo.view import DateView, MapBase, date_view, map_base
from layers import palette
from layers.credits import credit_line
from layers.export_text import Flow, caption_text, default_text, headline_parts, long_date, source_names, wrap_lines
from layers.map_drawing import UnknownHighlightError, draw_map, highlighted
from layers.map_frame import GREY, INK
from layers.map_furniture import area_line, draw_area_bar, draw_locator, legend_handles

# Names other modules import from here; the functions themselves live in the modules above.
__all__ = [
    "FORMATS",
    "MIN_MAP_SHARE",
    "PRESETS",
    "QuietCanvas",
    "Snapshot",
    "UnknownHighlightError",
    "caption_text",
    "check_snapshot",
    "default_text",
    "draw_map",
    "figure",
    "headline_parts",
    "highlighted",
    "legend_handles",
    "long_date",
    "render",
    "source_names",
    "split_highlights",
]

# width px, height px, dots per inch
PRESETS: dict[str, tuple[int, int, int]] = {
    "social": (1200, 675, 100),
    "square": (1080, 1080, 100),
    "a4": (2480, 3508, 300),
}
FORMATS = ("png", "svg", "pdf")
SCENARIO_LABELS = {"actual": "", "scheduled": "as scheduled by the statement"}  # translated where drawn
# The smallest share of the picture the map may take, in every preset (tests hold it).
MIN_MAP_SHARE = 0.6


@dataclass(frozen=True)
class Layout:
    """Where things go in a preset, as fractions of the picture (left, bottom, width, height)."""

    map: tuple[float, float, float, float]  # the box the map fills (it keeps its shape inside)
    header: tuple[float, float, float]  # left, right, top of the title block
    column: tuple[float, float, float, float]  # left, right, top, bottom of the legend block
    footer: tuple[float, float, float]  # left, right, bottom of the sources and attribution
    locator: tuple[float, float, float, float]
    area: tuple[float, float] | None  # left, right of the area bar's own column (None: under the legend)
    text: float  # type size factor
    map_scale: float  # size factor of what is drawn on the map
    title_lines: int
    deck_lines: int


LAYOUTS = {
    # The map on the left, full height; everything else in the column on the right.
    "social": Layout(
        map=(0.006, 0.012, 0.642, 0.976),
        header=(0.668, 0.988, 0.972),
        column=(0.668, 0.988, 0.0, 0.0),
        footer=(0.668, 0.988, 0.014),
        locator=(0.858, 0.125, 0.13, 0.2),
        area=None,
        text=1.05,
        map_scale=1.0,
        title_lines=5,
        deck_lines=4,
    ),
    # Title block across the top; the map below it on the left, the legend to its right.
    "square": Layout(
        map=(0.008, 0.05, 0.79, 0.82),
        header=(0.03, 0.97, 0.978),
        column=(0.812, 0.99, 0.0, 0.0),
        footer=(0.03, 0.97, 0.01),
        locator=(0.812, 0.0, 0.175, 0.15),
        area=None,
        text=1.05,
        map_scale=1.1,
        title_lines=2,
        deck_lines=2,
    ),
    # A page: title block, the map across the page, then legend, area bar and locator, then the sources.
    "a4": Layout(
        map=(0.02, 0.19, 0.96, 0.68),
        header=(0.05, 0.95, 0.978),
        column=(0.05, 0.5, 0.0, 0.0),
        footer=(0.05, 0.95, 0.012),
        locator=(0.76, 0.06, 0.19, 0.115),
        area=(0.52, 0.73),
        text=0.95,
        map_scale=0.9,
        title_lines=3,
        deck_lines=3,
    ),
}


class QuietCanvas(FigureCanvasAgg):
    """An Agg canvas that draws once, when saved: GeoPandas asks for a redraw after every layer."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        """Draw nothing now: the picture is drawn when it is saved."""
        return None


@dataclass(frozen=True)
class Snapshot:
    """What to draw: a date, a scenario, a naming convention, a preset, and a journalist's own words.

    ``title``, ``subtitle`` and ``note`` replace or add to the text taken from
    the day's events; ``highlight`` names districts or places (ids or names)
    to outline. All optional; all drawn as plain text.
    """

    day: dt.date
    scenario: str = "actual"
    convention: str = "neutral"
    preset: str = "social"
    style: str = "colour"  # or "bw": patterns for black-and-white printing
    title: str = ""
    subtitle: str = ""
    note: str = ""
    highlight: tuple[str, ...] = field(default=())
    lang: str = "en"  # the language of every word on the picture


def check_snapshot(model: Model, snapshot: Snapshot) -> None:
    """Refuse a bad request before any drawing starts."""
    if snapshot.preset not in PRESETS:
        raise ValueError(f"unknown preset {snapshot.preset!r}; choose one of {', '.join(PRESETS)}")
    naming.check_convention(snapshot.convention)
    check_language(snapshot.lang)
    if snapshot.style not in palette.STYLES:
        raise ValueError(f"unknown style {snapshot.style!r}; choose one of {', '.join(palette.STYLES)}")
    model.timeline.check_date(snapshot.day)
    model.timeline.states(snapshot.scenario)  # raises on an unknown scenario
    highlighted(map_base(model), snapshot.highlight)


def split_highlights(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``--highlight Shusha,Lachin --highlight AZ-KAL`` -> ("Shusha", "Lachin", "AZ-KAL")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def figure(model: Model, snapshot: Snapshot) -> Figure:
    """The whole snapshot as a matplotlib figure (no pyplot: safe in a server)."""
    check_snapshot(model, snapshot)
    return render(map_base(model), date_view(model, snapshot.day, snapshot.scenario), snapshot)


def render(base: MapBase, view: DateView, snapshot: Snapshot) -> Figure:
    """Draw a snapshot from the core's description of its date."""
    width, height, dpi = PRESETS[snapshot.preset]
    layout = LAYOUTS[snapshot.preset]
    landscape = width > height
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="#FFFFFF")
    QuietCanvas(fig)
    renderer = fig.canvas.get_renderer()
    size = layout.text

    # Title block: the data's title, the date, then the title and deck of the day.
    left, right, top = layout.header
    head = Flow(fig, left, right, top, renderer)
    _ = catalogue(snapshot.lang)
    head.text(_.text("meta:title", base.title), 8.5 * size, 2, color=GREY)
    date_line = long_date(snapshot.day, snapshot.lang)
    if SCENARIO_LABELS.get(snapshot.scenario):
        date_line += f" ({_(SCENARIO_LABELS[snapshot.scenario])})"
    head.text(date_line, 17 * size, 1, gap=0.006, shrink=0.7, fontweight="bold", color=INK)
    title, deck = default_text(snapshot, view.caption, _.text("meta:title", base.title), _)
    title_size = (14 if landscape else 13.5) * size
    head.text(title, title_size, layout.title_lines, gap=0.012, shrink=0.75, fontweight="bold", color=INK)
    head.text(deck, 9 * size, layout.deck_lines, gap=0.008, shrink=0.85, color="#222222", linespacing=1.3)

    # Footer: the attribution and data version always in full at the foot, the day's sources above them.
    footer_top = draw_footer(fig, renderer, layout, base, view, snapshot)

    # The map: beside the column (landscape) or between the title block and the footer.
    map_left, map_bottom, map_width, map_height = layout.map
    if not landscape:
        if snapshot.preset == "square":
            map_bottom = max(map_bottom, footer_top + 0.008)
        map_height = min(map_height, head.y - 0.012 - map_bottom)
    map_ax = fig.add_axes((map_left, map_bottom, map_width, map_height))
    used = draw_map(map_ax, base, view, snapshot, scale=layout.map_scale)
    map_ax.apply_aspect()
    (x0, x1), (y0, y1) = map_ax.get_xlim(), map_ax.get_ylim()

    # Legend block: under the title block (social), beside the map (square) or under it (a4).
    block_top = map_ax.get_position().y1 if snapshot.preset == "square" else map_ax.get_position().y0 - 0.012
    if landscape:
        block = head
    else:
        column_left, column_right, column_top = layout.column[:3]
        block = Flow(fig, column_left, column_right, column_top or block_top, renderer)
    note_gap = 0.016 if landscape else 0.0
    block.text(snapshot.note, 8.5 * size, 4, gap=note_gap, fontstyle="italic", color="#222222")
    legend = fig.legend(
        handles=legend_handles(base, used, snapshot.style, width=block.chars(7.8 * size) - 4, book=_),
        loc="upper left",
        bbox_to_anchor=(block.left, block.y - (0.02 if snapshot.note or landscape else 0.0)),
        frameon=False,
        fontsize=7.8 * size,
        handlelength=1.6,
        borderaxespad=0,
        borderpad=0,
    )
    block.advance(legend)
    # The area bar: under the legend, or in a column of its own (a4).
    area = block if layout.area is None else Flow(fig, *layout.area, block_top + 0.02, renderer)
    if view.areas_km2:
        shown = _("Area each side held in the {n} districts shown", n=len(base.districts))
        area.text(shown, 7.5 * size, 2, gap=0.02)
        bar_height = 12 * size * dpi / 100 / fig.bbox.height
        area.y -= 0.005
        bar = (area.left, area.y - bar_height, min(area.right - area.left, 0.5), bar_height)
        draw_area_bar(fig, bar, base, view, snapshot.style)
        area.y -= bar_height
        area.text(area_line(base, view.areas_km2, _), 7.2 * size, 3, gap=0.005, color="#222222")

    # The locator: above the footer (social), under the area bar (square), beside the legend (a4);
    # smaller, or left out, where long texts of the user's leave it too little room.
    loc_left, loc_bottom, loc_width, loc_height = layout.locator
    if layout.area is None:
        room = area.y - 0.02 - (footer_top + 0.015)
        loc_height = min(loc_height, room)
        loc_bottom = area.y - 0.02 - loc_height if snapshot.preset == "square" else footer_top + 0.015
    if loc_height >= 0.06:
        inset = fig.add_axes((loc_left, loc_bottom, loc_width, loc_height))
        draw_locator(inset, base, (x0, y0, x1, y1), size)
    return fig


def draw_footer(
    fig: Figure, renderer: RendererBase, layout: Layout, base: MapBase, view: DateView, snapshot: Snapshot
) -> float:
    """The sources of the day's events (at most three lines) over the attribution; returns the top."""
    foot_left, foot_right, bottom = layout.footer
    size = layout.text
    _ = catalogue(snapshot.lang)
    sources = list(view.caption.sources) if view.caption else []
    names = source_names(sources, limit=6, book=_)
    if view.caption is None:
        source_line = _("Sources: see the events data.")
    elif view.caption.day == snapshot.day:
        source_line = _("Sources of this date's events: {sources}.", sources=names)
    else:
        when = long_date(view.caption.day, snapshot.lang)
        source_line = _("Sources of the latest change ({date}): {sources}.", date=when, sources=names)
    credit = f"{_('Areas below district level are approximate.')} {credit_line(base.version, _)}"
    chars = Flow(fig, foot_left, foot_right, 0, renderer).chars(6.3 * size)
    style = {"fontsize": 6.3 * size, "color": "#444444", "va": "bottom"}
    credits = fig.text(foot_left, bottom, wrap_lines(credit, chars, 8), **style)
    above = credits.get_window_extent(renderer=renderer).y1 / fig.bbox.height + 0.002
    cited = fig.text(foot_left, above, wrap_lines(source_line, chars, 3), **style)
    return float(cited.get_window_extent(renderer=renderer).y1 / fig.bbox.height)
