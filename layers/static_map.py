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
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib.text import Text
from shapely.geometry import Point

from geo import names as naming
from geo.model import Model
from geo.view import Caption, DateView, MapBase, date_view, map_base
from layers import context, palette
from layers.credits import credit_line

matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text
matplotlib.rcParams["pdf.fonttype"] = 42  # embed TrueType so PDF text stays selectable
matplotlib.rcParams["font.family"] = "DejaVu Sans"  # covers Latin, Azerbaijani, Armenian and Cyrillic
matplotlib.rcParams["text.parse_math"] = False  # text from data is drawn as written: "$" never starts mathtext
# Unhinted glyphs: a name drawn as text lines up with its white outline drawn as a path (see draw_labels).
matplotlib.rcParams["text.hinting"] = "no_hinting"

# width px, height px, dots per inch
PRESETS: dict[str, tuple[int, int, int]] = {
    "social": (1200, 675, 100),
    "square": (1080, 1080, 100),
    "a4": (2480, 3508, 300),
}
FORMATS = ("png", "svg", "pdf")
SCENARIO_LABELS = {"actual": "", "scheduled": "as scheduled by the statement"}
CONTEXT_EDGE = "#9E9E9E"
WATER = "#DFE9F2"
INK = "#111111"
GREY = "#555555"
HIGHLIGHT = "#000000"
# The smallest share of the picture the map may take, in every preset (tests hold it).
MIN_MAP_SHARE = 0.6
# A holder's area below this (km2) cannot be seen on any preset and is left out of the legend.
VISIBLE_KM2 = 0.5


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


class UnknownHighlightError(ValueError):
    """A district or place to highlight that the data does not have."""


def check_snapshot(model: Model, snapshot: Snapshot) -> None:
    """Refuse a bad request before any drawing starts."""
    if snapshot.preset not in PRESETS:
        raise ValueError(f"unknown preset {snapshot.preset!r}; choose one of {', '.join(PRESETS)}")
    naming.check_convention(snapshot.convention)
    if snapshot.style not in palette.STYLES:
        raise ValueError(f"unknown style {snapshot.style!r}; choose one of {', '.join(palette.STYLES)}")
    model.timeline.check_date(snapshot.day)
    model.timeline.states(snapshot.scenario)  # raises on an unknown scenario
    highlighted(map_base(model), snapshot.highlight)


def split_highlights(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``--highlight Shusha,Lachin --highlight AZ-KAL`` -> ("Shusha", "Lachin", "AZ-KAL")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def highlighted(base: MapBase, wanted: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """District ids and place ids for the names or ids asked for; an unknown one is refused."""
    districts: list[str] = []
    places: list[str] = []
    name_fields = ("name_en", "name_az", "name_hy_latn", "name_hy", "name_ru")

    def matches(frame: gpd.GeoDataFrame, key: str) -> list[str]:
        if key in frame.index:
            return [key]
        folded = key.casefold()
        found = []
        for ident, row in frame.iterrows():
            names = {naming.text(row.get(f)).casefold() for f in name_fields} | {str(ident).casefold()}
            names |= {part.strip() for name in list(names) for part in name.split(" / ")}
            if folded in names:
                found.append(str(ident))
        return found

    located = base.settlements[[isinstance(g, Point) for g in base.settlements.geometry]]
    for key in wanted:
        found_districts = matches(base.districts, key)
        found_places = [] if found_districts else matches(located, key)
        if not found_districts and not found_places:
            raise UnknownHighlightError(f"unknown district or place to highlight: {key!r}")
        districts += [d for d in found_districts if d not in districts]
        places += [p for p in found_places if p not in places]
    return districts, places


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def caption_text(caption: Caption | None) -> str:
    """The caption line, worded as the interactive page words it."""
    if caption is None:
        return ""
    more = f" (and {caption.more} more)" if caption.more else ""
    return f"{long_date(caption.day)}: {caption.headline}{more}"


def headline_parts(headline: str) -> tuple[str, str]:
    """A day's headline as a title and a deck: cut after its first clause when that reads alone."""
    match = re.search(r"(?<=[a-z0-9)])(?:; |: |\. )", headline)
    if match is None or match.start() < 25 or match.start() > 120:
        return headline.rstrip("."), ""
    rest = headline[match.end() :].strip()
    return headline[: match.start()], rest[:1].upper() + rest[1:]


def default_text(snapshot: Snapshot, caption: Caption | None, base_title: str) -> tuple[str, str]:
    """Title and deck: the user's if given, else from the day's leading event."""
    if caption is None:
        title, deck = base_title, ""
    else:
        title, deck = headline_parts(caption.headline)
        if caption.day != snapshot.day:
            deck = f"Latest change, on {long_date(caption.day)}. {deck}".strip()
        if caption.more:
            noun = "event" if caption.more == 1 else "events"
            deck = f"{deck} Also on {long_date(caption.day)}: {caption.more} more {noun}.".strip()
    if snapshot.title.strip():
        if not snapshot.subtitle.strip() and caption is not None:
            deck = caption_text(caption)
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


def source_names(sources: list[str], limit: int = 4) -> str:
    """Short names for a source line: the publication in brackets, else the web site."""
    names: list[str] = []
    for source in sources:
        url, _, rest = source.partition(" ")
        label = rest.strip(" ()").split(",")[0] if rest.strip() else urlparse(url).netloc.removeprefix("www.")
        label = label or source[:40]
        if label not in names:
            names.append(label)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# ---- the map ------------------------------------------------------------------------
def map_extent(base: MapBase, pad: float = 0.08) -> tuple[float, float, float, float]:
    """The followed districts with a margin: what every map shows at least."""
    minx, miny, maxx, maxy = base.districts.total_bounds
    pad_x, pad_y = (maxx - minx) * pad, (maxy - miny) * pad
    return minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y


def aspect_factor(miny: float, maxy: float) -> float:
    """Data units of latitude per unit of longitude on the map (equirectangular at the middle latitude)."""
    return 1 / math.cos(math.radians((miny + maxy) / 2))


def fitted_extent(base: MapBase, box_aspect: float) -> tuple[float, float, float, float]:
    """The districts (with a small margin) widened to fill a box of ``box_aspect`` (width / height).

    The map shows more of the country around rather than leaving the box
    empty, but never more than the window the context layers cover (the
    rivers stop at its edge); where that window is too narrow, the box
    itself gives way.
    """
    minx, miny, maxx, maxy = map_extent(base, pad=0.03)
    window = base.water.attrs.get("bbox") if base.water is not None else None
    factor = aspect_factor(miny, maxy)
    width, height = (maxx - minx) / factor, maxy - miny
    if width / height < box_aspect:
        grow = (box_aspect * height - width) * factor / 2
        minx, maxx = minx - grow, maxx + grow
    else:
        grow = (width / box_aspect - height) / 2
        miny, maxy = miny - grow, maxy + grow
    if window is None:
        return minx, miny, maxx, maxy
    (minx, maxx), (miny, maxy) = within(minx, maxx, window[0], window[2]), within(miny, maxy, window[1], window[3])
    return minx, miny, maxx, maxy


def within(low: float, high: float, lower: float, upper: float) -> tuple[float, float]:
    """Slide [low, high] inside [lower, upper], cutting it to that window if it is wider."""
    if high - low >= upper - lower:
        return lower, upper
    if low < lower:
        return lower, lower + (high - low)
    if high > upper:
        return upper - (high - low), upper
    return low, high


def plot_if_any(frame: gpd.GeoDataFrame, **style: Any) -> None:
    """Plot a layer a scenario may leave empty (no context countries, no districts outside the area)."""
    if len(frame):
        frame.plot(**style)


def box_aspect(ax: Axes) -> float:
    position = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return (position.width * width) / (position.height * height)


def draw_water(ax: Axes, base: MapBase, style: str, scale: float) -> None:
    """Lakes and rivers, quiet, under everything else on the map."""
    water = base.water
    if water is None or water.empty:
        return
    bw = style == "bw"
    line = palette.WATER_PRINT["line"] if bw else palette.WATER_LINE
    fill = palette.WATER_PRINT["fill"] if bw else palette.WATER_FILL
    lakes = water[water["kind"] == "lake"]
    rivers = water[water["kind"] == "river"]
    if len(lakes):
        lakes.plot(ax=ax, color=fill, edgecolor=line, linewidth=0.5 * scale, zorder=1.5)
    if len(rivers):
        major = rivers["name_en"].isin(context.MAJOR_RIVERS)
        rivers[major].plot(ax=ax, color=line, linewidth=2.0 * scale, zorder=1.6)
        rivers[~major].plot(ax=ax, color=line, linewidth=0.9 * scale, zorder=1.6)


def draw_map(
    ax: Axes, base: MapBase, view: DateView, snapshot: Snapshot, *, scale: float, labels: bool = True
) -> dict[str, bool]:
    """The map of one date, filling its axes; returns which legend entries it used."""
    minx, miny, maxx, maxy = fitted_extent(base, box_aspect(ax))
    bw = snapshot.style == "bw"
    ax.set_facecolor("#FFFFFF" if bw else WATER)
    plot_if_any(base.countries, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.4 * scale)
    plot_if_any(
        base.others,
        ax=ax,
        color=[palette.CONTEXT_FILL if c == "AZ" else palette.COUNTRY_FILL for c in base.others["country"]],
        edgecolor=CONTEXT_EDGE,
        linewidth=0.3 * scale,
    )
    draw_water(ax, base, snapshot.style, scale)
    used = {
        **dict.fromkeys(base.sides, False),
        "unknown": False,
        "corridor": False,
        "peacekeepers": False,
        "line": False,
        "claimed": False,
        "highlight": False,
    }
    colours = palette.controller_colours(base.controllers)
    prints = palette.print_styles(base.sides)
    for side in (*base.sides, "unknown"):
        mine = view.parts[view.parts["controller"] == side]
        if mine.empty:
            continue
        if bw:
            mine.plot(ax=ax, linewidth=0, zorder=2, **prints[side])
        else:
            mine.plot(ax=ax, color=colours[side], alpha=0.85, linewidth=0, zorder=2)
        # In the legend only if it can be seen: slivers along district edges are not.
        used[side] = view.areas_km2 is None or view.areas_km2.get(side, 0.0) >= VISIBLE_KM2
    base.districts.boundary.plot(
        ax=ax, color="#000000" if bw else "#FFFFFF", linewidth=(0.8 if bw else 1.0) * scale, zorder=2.5
    )
    for zone in view.zones:
        if zone.kind == "corridor":
            gpd.GeoSeries([zone.geometry]).plot(
                ax=ax, facecolor="none", edgecolor="#000000", hatch="////", linewidth=0.8 * scale, zorder=3
            )
            used["corridor"] = True
    if view.peacekeepers is not None:
        gpd.GeoSeries([view.peacekeepers.boundary]).plot(
            ax=ax, color="#000000", linewidth=1.4 * scale, linestyle=(0, (1, 2)), zorder=3
        )
        used["peacekeepers"] = True
    if view.contact_line is not None:
        gpd.GeoSeries([view.contact_line]).plot(
            ax=ax, color="#000000" if bw else "#D55E00", linewidth=1.8 * scale, linestyle=(0, (5, 2)), zorder=3
        )
        used["line"] = True
    districts, places = highlighted(base, snapshot.highlight)
    if districts:
        outline = base.districts.loc[districts].boundary
        outline.plot(ax=ax, color="#FFFFFF", linewidth=4.6 * scale, zorder=3.5)
        outline.plot(ax=ax, color=HIGHLIGHT, linewidth=2.4 * scale, zorder=3.6)
        used["highlight"] = True
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(aspect_factor(miny, maxy))
    used["claimed"] = draw_places(ax, base, view, snapshot.style, scale)
    if places:
        points = base.settlements.loc[places].geometry
        ax.scatter(
            points.x, points.y, s=150 * scale, facecolor="none", edgecolor=HIGHLIGHT, linewidths=1.8 * scale, zorder=6
        )
        used["highlight"] = True
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#666666")
    furniture = [*draw_scale_bar(ax, scale), *draw_north_arrow(ax, scale)]
    if labels:
        draw_labels(ax, base, snapshot, scale, (minx, miny, maxx, maxy), set(districts), set(places), furniture)
    return used


def draw_places(ax: Axes, base: MapBase, view: DateView, style: str, scale: float) -> bool:
    """All located places in one scatter call: filled if confirmed, hollow if only claimed.

    Returns whether any place drawn was only claimed (the legend then explains the hollow dots).
    """
    xs, ys, sizes, faces, edges, widths = [], [], [], [], [], []
    any_claimed = False
    colours = palette.controller_colours(base.controllers)
    points = palette.print_points(base.sides)
    for settlement_id, row in base.settlements.iterrows():
        state = view.states.get(settlement_id)
        if not isinstance(row.geometry, Point) or state is None:
            continue
        side = state["controller"] if state["controller"] in base.sides else "unknown"
        claimed = state["confidence"] in ("claimed", "disputed")
        any_claimed = any_claimed or claimed
        xs.append(row.geometry.x)
        ys.append(row.geometry.y)
        sizes.append((22 if row["kind"] in ("town", "city") else 9) * scale)
        widths.append((1.2 if claimed else 0.6) * scale)
        if style == "bw":
            face, edge = points[side]
            faces.append("#FFFFFF" if claimed else face)
            edges.append(edge)
            continue
        colour = colours[side]
        faces.append("#FFFFFF" if claimed else colour)
        edges.append(colour if claimed else "#FFFFFF")
    ax.scatter(xs, ys, s=sizes, facecolor=faces, edgecolor=edges, linewidths=widths, zorder=5)
    return any_claimed


def draw_labels(
    ax: Axes,
    base: MapBase,
    snapshot: Snapshot,
    scale: float,
    extent: tuple[float, float, float, float],
    districts: set[str] | None = None,
    places: set[str] | None = None,
    furniture: list[Any] | None = None,
) -> None:
    """Names on the map, most important first, skipping any that would overlap one already placed.

    Highlighted places, districts, towns, then countries, lakes and rivers.
    """
    ax.apply_aspect()  # positions must be final before label boxes are measured
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer=renderer)
    placed: list[Any] = [artist.get_window_extent(renderer=renderer) for artist in furniture or ()]
    convention = snapshot.convention
    bw = snapshot.style == "bw"

    def place(x: float, y: float, label: str, halo: float = 2.2, **style: Any) -> None:
        """The name, over a white outline drawn as a copy of it: the name itself stays text in SVG and PDF."""
        if not label:
            return
        text = ax.text(x, y, label, zorder=6, **style)
        box = text.get_window_extent(renderer=renderer).expanded(1.05, 1.15)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        if not inside or any(box.overlaps(other) for other in placed):
            text.remove()
            return
        placed.append(box)
        outline = patheffects.Stroke(linewidth=halo * scale, foreground="#FFFFFF")
        ax.text(x, y, label, zorder=5.95, **{**style, "color": "#FFFFFF", "path_effects": [outline]})

    label_size = max(scale, 0.55)  # names stay legible on the handout's small maps
    for place_id in sorted(places or ()):
        town = base.settlements.loc[place_id]
        place(
            town.geometry.x + 0.02,
            town.geometry.y + 0.015,
            naming.display_name(town.to_dict(), convention),
            fontsize=8 * label_size,
            fontweight="bold",
            ha="left",
            va="bottom",
            color=INK,
            halo=2.6,
        )
    for district_id, district in base.districts.iterrows():
        point = district.geometry.representative_point()
        place(
            point.x,
            point.y,
            naming.display_name(district.to_dict(), convention),
            fontsize=(8.2 if district_id in (districts or ()) else 7.5) * label_size,
            ha="center",
            va="center",
            color="#000000" if district_id in (districts or ()) else "#222222",
            fontweight="bold",
            halo=2.2,
        )
    towns = base.settlements
    towns = towns[towns["kind"].isin(["city", "town"])]
    for _, town in towns.iterrows():
        if not isinstance(town.geometry, Point):
            continue
        place(
            town.geometry.x + 0.015,
            town.geometry.y + 0.012,
            naming.display_name(town.to_dict(), convention),
            fontsize=6.2 * label_size,
            ha="left",
            va="bottom",
            color=INK,
            halo=2.2,
        )
    for label in context.place_labels(base.place_labels, extent):
        country = label.kind == "country"
        place(
            label.x,
            label.y,
            context.place_text(label),
            fontsize=(10 if country else 7.5) * label_size,
            fontweight="bold" if country else "normal",
            fontstyle="normal" if country else "italic",
            ha="center",
            va="center",
            color=palette.PLACE_LABEL,
            halo=2.0,
        )
    avoid = shapely.union_all(list(base.districts.geometry)).buffer(0.01)
    water_colour = palette.WATER_PRINT["label"] if bw else palette.WATER_LABEL
    for label in context.water_labels(base.water, avoid, extent):
        place(
            label.x,
            label.y,
            context.water_name(label.names, convention),
            fontsize=(7.2 if label.kind == "lake" else 6.8) * label_size,
            fontstyle="italic",
            rotation=label.angle,
            rotation_mode="anchor",
            ha="center",
            va="bottom" if label.kind == "river" else "center",
            color=water_colour,
            halo=2.0,
        )


def draw_scale_bar(ax: Axes, scale: float) -> list[Any]:
    minx, maxx = ax.get_xlim()
    miny, maxy = ax.get_ylim()
    lat = (miny + maxy) / 2
    km_per_degree = 111.32 * math.cos(math.radians(lat))
    length_km = 20 if (maxx - minx) * km_per_degree < 300 else 50
    length = length_km / km_per_degree
    x0 = minx + (maxx - minx) * 0.04
    y0 = miny + (maxy - miny) * 0.04
    bar = ax.add_patch(Rectangle((x0, y0), length, (maxy - miny) * 0.006, color="#222222", zorder=7))
    text = ax.text(
        x0 + length / 2,
        y0 + (maxy - miny) * 0.014,
        f"{length_km} km",
        ha="center",
        va="bottom",
        fontsize=7 * scale,
        zorder=7,
        path_effects=[patheffects.withStroke(linewidth=2 * scale, foreground="#FFFFFF")],
    )
    return [bar, text]


def draw_north_arrow(ax: Axes, scale: float) -> list[Any]:
    minx, maxx = ax.get_xlim()
    miny, maxy = ax.get_ylim()
    x = minx + (maxx - minx) * 0.96
    y = miny + (maxy - miny) * 0.86
    height = (maxy - miny) * 0.07
    arrow = ax.add_patch(
        FancyArrow(
            x,
            y,
            0,
            height,
            width=(maxx - minx) * 0.006,
            head_width=(maxx - minx) * 0.02,
            head_length=height * 0.35,
            color="#222222",
            zorder=7,
            length_includes_head=True,
        )
    )
    letter = ax.text(
        x, y - (maxy - miny) * 0.01, "N", ha="center", va="top", fontsize=8 * scale, fontweight="bold", zorder=7
    )
    return [arrow, letter]


def draw_locator(ax: Axes, base: MapBase, extent: tuple[float, float, float, float], size: float = 1.0) -> None:
    """A small map of the region with the main map's extent marked."""
    ax.set_facecolor(WATER)
    plot_if_any(base.countries, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.3)
    countries = base.all_districts.dissolve(by="country")
    fills = [palette.CONTEXT_FILL if code == "AZ" else palette.COUNTRY_FILL for code in countries.index]
    countries.plot(ax=ax, color=fills, edgecolor="#777777", linewidth=0.4)
    minx, miny, maxx, maxy = extent
    ax.add_patch(Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, edgecolor="#D55E00", linewidth=1.2))
    bounds = shapely.union_all(list(base.all_districts.geometry)).bounds
    ax.set_xlim(bounds[0] - 0.3, bounds[2] + 0.3)
    ax.set_ylim(bounds[1] - 0.3, bounds[3] + 0.3)
    ax.set_aspect(aspect_factor(bounds[1], bounds[3]))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")
    for code, country, x, y in (("AZ", "Azerbaijan", 48.2, 40.9), ("AM", "Armenia", 44.6, 40.6)):
        if code in countries.index:
            ax.text(x, y, country, fontsize=5.5 * size, ha="center", color="#444444")


# ---- legend and area bar ------------------------------------------------------------
def side_patch(base: MapBase, side: str, style: str, label: str) -> Patch:
    if style == "bw":
        return Patch(label=label, **palette.print_styles(base.sides)[side])
    return Patch(facecolor=palette.controller_colours(base.controllers)[side], label=label)


def legend_handles(base: MapBase, used: dict[str, bool], style: str = "colour", width: int = 34) -> list[Any]:
    """Legend entries for what is drawn on the date, and nothing else."""
    handles: list[Any] = [
        side_patch(base, side, style, textwrap.fill(base.controllers[side]["description"], width))
        for side in base.sides
        if used.get(side)
    ]
    if used.get("unknown"):
        label = textwrap.fill("No data: no event yet covers this area", width)
        handles.append(side_patch(base, "unknown", style, label))
    if used.get("corridor"):
        handles.append(Patch(facecolor="none", edgecolor="#000000", hatch="////", label="Lachin corridor (schematic)"))
    if used.get("peacekeepers"):
        handles.append(Line2D([], [], color="#000000", linestyle=(0, (1, 2)), label="Peacekeepers' area (approx.)"))
    if used.get("line"):
        line_colour = "#000000" if style == "bw" else "#D55E00"
        handles.append(Line2D([], [], color=line_colour, linestyle=(0, (5, 2)), label="Line of contact (approx.)"))
    if used.get("claimed"):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="#FFFFFF",
                markeredgecolor="#000000" if style == "bw" else "#0072B2",
                label="Claimed, not confirmed",
            )
        )
    if used.get("highlight"):
        handles.append(Patch(facecolor="none", edgecolor=HIGHLIGHT, linewidth=2, label="Highlighted"))
    return handles


def area_line(base: MapBase, sizes: dict[str, float]) -> str:
    """ "Azerbaijan 2,356 km² (18%) · Armenian forces 10,901 km² (82%)" """
    total = sum(sizes.values()) or 1.0
    parts = []
    for side in (*base.sides, "unknown"):
        if sizes.get(side):
            label = base.controllers[side]["label"] if side in base.controllers else "No data"
            parts.append(f"{label} {sizes[side]:,.0f} km² ({sizes[side] / total:.0%})")
    return " · ".join(parts)


def draw_area_bar(
    fig: Figure, rect: tuple[float, float, float, float], base: MapBase, view: DateView, style: str
) -> None:
    """One bar split by the area each side held in the followed districts."""
    ax = fig.add_axes(rect)
    sizes = view.areas_km2 or {}
    colours = palette.controller_colours(base.controllers)
    prints = palette.print_styles(base.sides)
    left = 0.0
    for side in (*base.sides, "unknown"):
        size = sizes.get(side, 0.0)
        if size <= 0:
            continue
        look = dict(prints[side]) if style == "bw" else {"facecolor": colours[side], "edgecolor": "#FFFFFF"}
        ax.barh(0, size, left=left, height=1.0, linewidth=0.6, **look)
        left += size
    ax.set_xlim(0, left or 1.0)
    ax.set_ylim(-0.5, 0.5)
    ax.set_axis_off()


# ---- the picture --------------------------------------------------------------------
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
        box = artist.get_window_extent(renderer=self.renderer)
        self.y = box.y0 / self.fig.bbox.height
        self.artists.append(artist)

    def chars(self, size: float) -> int:
        return max(12, int(self.width_px / (size * self.fig.dpi / 72 * 0.56)))


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
    head.text(base.title, 8.5 * size, 2, color=GREY)
    date_line = long_date(snapshot.day)
    if SCENARIO_LABELS.get(snapshot.scenario):
        date_line += f" ({SCENARIO_LABELS[snapshot.scenario]})"
    head.text(date_line, 17 * size, 1, gap=0.006, shrink=0.7, fontweight="bold", color=INK)
    title, deck = default_text(snapshot, view.caption, base.title)
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
        column_left, column_right, column_top, _ = layout.column
        block = Flow(fig, column_left, column_right, column_top or block_top, renderer)
    note_gap = 0.016 if landscape else 0.0
    block.text(snapshot.note, 8.5 * size, 4, gap=note_gap, fontstyle="italic", color="#222222")
    legend = fig.legend(
        handles=legend_handles(base, used, snapshot.style, width=block.chars(7.8 * size) - 4),
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
        area.text(f"Area each side held in the {len(base.districts)} districts shown", 7.5 * size, 2, gap=0.02)
        bar_height = 12 * size * dpi / 100 / fig.bbox.height
        area.y -= 0.005
        bar = (area.left, area.y - bar_height, min(area.right - area.left, 0.5), bar_height)
        draw_area_bar(fig, bar, base, view, snapshot.style)
        area.y -= bar_height
        area.text(area_line(base, view.areas_km2), 7.2 * size, 3, gap=0.005, color="#222222")

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
    sources = list(view.caption.sources) if view.caption else []
    if view.caption is None:
        source_line = "Sources: see the events data."
    elif view.caption.day == snapshot.day:
        source_line = f"Sources of this date's events: {source_names(sources, limit=6)}."
    else:
        source_line = f"Sources of the latest change ({long_date(view.caption.day)}): {source_names(sources, limit=6)}."
    credit = f"Areas below district level are approximate. {credit_line(base.version)}"
    chars = Flow(fig, foot_left, foot_right, 0, renderer).chars(6.3 * size)
    style = {"fontsize": 6.3 * size, "color": "#444444", "va": "bottom"}
    credits = fig.text(foot_left, bottom, wrap_lines(credit, chars, 8), **style)
    above = credits.get_window_extent(renderer=renderer).y1 / fig.bbox.height + 0.002
    cited = fig.text(foot_left, above, wrap_lines(source_line, chars, 3), **style)
    return float(cited.get_window_extent(renderer=renderer).y1 / fig.bbox.height)
