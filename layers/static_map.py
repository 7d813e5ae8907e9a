"""Static maps for articles and handouts, drawn with matplotlib in the app's palette.

A snapshot carries what a reader needs without the app: title, date, a
caption of what changed, a legend, the sources and the data attribution, a
scale bar, a north arrow and a small locator map. Text stays text in SVG and
PDF. Nothing here reads files or asks the model: everything drawn comes from
the core's description of the date (``geo.view``), as on the interactive page.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from shapely.geometry import Point

from geo import names as naming
from geo.model import Model
from geo.view import Caption, DateView, MapBase, date_view, map_base
from layers import palette
from layers.credits import credit_line

matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text
matplotlib.rcParams["pdf.fonttype"] = 42  # embed TrueType so PDF text stays selectable
matplotlib.rcParams["font.family"] = "DejaVu Sans"  # covers Latin, Azerbaijani, Armenian and Cyrillic
matplotlib.rcParams["text.parse_math"] = False  # text from data is drawn as written: "$" never starts mathtext

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


class QuietCanvas(FigureCanvasAgg):
    """An Agg canvas that draws once, when saved: GeoPandas asks for a redraw after every layer."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass(frozen=True)
class Snapshot:
    """What to draw: a date, a scenario, a naming convention and a preset."""

    day: dt.date
    scenario: str = "actual"
    convention: str = "neutral"
    preset: str = "social"
    style: str = "colour"  # or "bw": patterns for black-and-white printing


def check_snapshot(model: Model, snapshot: Snapshot) -> None:
    """Refuse a bad request before any drawing starts."""
    if snapshot.preset not in PRESETS:
        raise ValueError(f"unknown preset {snapshot.preset!r}; choose one of {', '.join(PRESETS)}")
    naming.check_convention(snapshot.convention)
    if snapshot.style not in palette.STYLES:
        raise ValueError(f"unknown style {snapshot.style!r}; choose one of {', '.join(palette.STYLES)}")
    model.timeline.check_date(snapshot.day)
    model.timeline.states(snapshot.scenario)  # raises on an unknown scenario


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def caption_text(caption: Caption | None) -> str:
    """The caption line, worded as the interactive page words it."""
    if caption is None:
        return ""
    more = f" (and {caption.more} more)" if caption.more else ""
    return f"{long_date(caption.day)}: {caption.headline}{more}"


def wrap_lines(text: str, width: int, most: int) -> str:
    """Wrap to at most ``most`` lines, ending on a whole word with an ellipsis when cut."""
    lines = textwrap.wrap(text, width=width)
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


def map_extent(base: MapBase) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = base.districts.total_bounds
    pad_x, pad_y = (maxx - minx) * 0.08, (maxy - miny) * 0.08
    return minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y


def plot_if_any(frame: gpd.GeoDataFrame, **style: Any) -> None:
    """Plot a layer a scenario may leave empty (no context countries, no districts outside the area)."""
    if len(frame):
        frame.plot(**style)


def draw_map(ax: Axes, base: MapBase, view: DateView, snapshot: Snapshot, *, scale: float) -> dict[str, bool]:
    """The map of one date; returns which legend entries it used."""
    minx, miny, maxx, maxy = map_extent(base)
    ax.set_facecolor("#FFFFFF" if snapshot.style == "bw" else WATER)
    plot_if_any(base.countries, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.4 * scale)
    plot_if_any(
        base.others,
        ax=ax,
        color=[palette.CONTEXT_FILL if c == "AZ" else palette.COUNTRY_FILL for c in base.others["country"]],
        edgecolor=CONTEXT_EDGE,
        linewidth=0.3 * scale,
    )
    used = {
        **dict.fromkeys(base.sides, False),
        "unknown": False,
        "corridor": False,
        "peacekeepers": False,
        "line": False,
    }
    bw = snapshot.style == "bw"
    colours = palette.controller_colours(base.controllers)
    prints = palette.print_styles(base.sides)
    for side in (*base.sides, "unknown"):
        mine = view.parts[view.parts["controller"] == side]
        if mine.empty:
            continue
        if bw:
            mine.plot(ax=ax, linewidth=0, **prints[side])
        else:
            mine.plot(ax=ax, color=colours[side], alpha=0.85, linewidth=0)
        used[side] = True
    base.districts.boundary.plot(ax=ax, color="#000000" if bw else "#FFFFFF", linewidth=(0.8 if bw else 1.0) * scale)
    for zone in view.zones:
        if zone.kind == "corridor":
            gpd.GeoSeries([zone.geometry]).plot(
                ax=ax, facecolor="none", edgecolor="#000000", hatch="////", linewidth=0.8 * scale
            )
            used["corridor"] = True
    if view.peacekeepers is not None:
        gpd.GeoSeries([view.peacekeepers.boundary]).plot(
            ax=ax, color="#000000", linewidth=1.4 * scale, linestyle=(0, (1, 2))
        )
        used["peacekeepers"] = True
    if view.contact_line is not None:
        gpd.GeoSeries([view.contact_line]).plot(
            ax=ax, color="#000000" if bw else "#D55E00", linewidth=1.8 * scale, linestyle=(0, (5, 2))
        )
        used["line"] = True
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    draw_places(ax, base, view, snapshot.style, scale)
    draw_labels(ax, base, snapshot.convention, scale)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#666666")
    draw_scale_bar(ax, scale)
    draw_north_arrow(ax, scale)
    return used


def draw_places(ax: Axes, base: MapBase, view: DateView, style: str, scale: float) -> None:
    """All located places in one scatter call: filled if confirmed, hollow if only claimed."""
    xs, ys, sizes, faces, edges, widths = [], [], [], [], [], []
    colours = palette.controller_colours(base.controllers)
    points = palette.print_points(base.sides)
    for settlement_id, row in base.settlements.iterrows():
        state = view.states.get(settlement_id)
        if not isinstance(row.geometry, Point) or state is None:
            continue
        side = state["controller"] if state["controller"] in base.sides else "unknown"
        claimed = state["confidence"] in ("claimed", "disputed")
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


def draw_labels(ax: Axes, base: MapBase, convention: str, scale: float) -> None:
    """District names, then towns, skipping any label that would overlap one already placed."""
    ax.apply_aspect()  # positions must be final before label boxes are measured
    renderer = ax.figure.canvas.get_renderer()
    placed: list[Any] = []

    def place(x: float, y: float, label: str, **style: Any) -> None:
        text = ax.text(x, y, label, zorder=6, **style)
        box = text.get_window_extent(renderer=renderer).expanded(1.05, 1.15)
        if any(box.overlaps(other) for other in placed):
            text.remove()
            return
        placed.append(box)

    halo = {"path_effects": [patheffects.withStroke(linewidth=2.2 * scale, foreground="#FFFFFF")]}
    for _, district in base.districts.iterrows():
        point = district.geometry.representative_point()
        label = naming.display_name(district.to_dict(), convention)
        place(
            point.x,
            point.y,
            label,
            fontsize=7.5 * scale,
            ha="center",
            va="center",
            color="#222222",
            fontweight="bold",
            **halo,
        )
    towns = base.settlements
    towns = towns[towns["kind"].isin(["city", "town"])]
    for _, town in towns.iterrows():
        if not isinstance(town.geometry, Point):
            continue
        label = naming.display_name(town.to_dict(), convention)
        place(
            town.geometry.x + 0.015,
            town.geometry.y + 0.012,
            label,
            fontsize=6.2 * scale,
            ha="left",
            va="bottom",
            color="#111111",
            **halo,
        )


def draw_scale_bar(ax: Axes, scale: float) -> None:
    minx, maxx = ax.get_xlim()
    miny, maxy = ax.get_ylim()
    lat = (miny + maxy) / 2
    km_per_degree = 111.32 * math.cos(math.radians(lat))
    length_km = 20 if (maxx - minx) * km_per_degree < 300 else 50
    length = length_km / km_per_degree
    x0 = minx + (maxx - minx) * 0.04
    y0 = miny + (maxy - miny) * 0.04
    ax.add_patch(Rectangle((x0, y0), length, (maxy - miny) * 0.006, color="#222222", zorder=7))
    ax.text(
        x0 + length / 2,
        y0 + (maxy - miny) * 0.014,
        f"{length_km} km",
        ha="center",
        va="bottom",
        fontsize=7 * scale,
        zorder=7,
    )


def draw_north_arrow(ax: Axes, scale: float) -> None:
    minx, maxx = ax.get_xlim()
    miny, maxy = ax.get_ylim()
    x = minx + (maxx - minx) * 0.95
    y = miny + (maxy - miny) * 0.86
    height = (maxy - miny) * 0.07
    ax.add_patch(
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
    ax.text(x, y - (maxy - miny) * 0.01, "N", ha="center", va="top", fontsize=8 * scale, fontweight="bold", zorder=7)


def draw_locator(ax: Axes, base: MapBase) -> None:
    """A small map of the region with the main map's extent marked."""
    ax.set_facecolor(WATER)
    plot_if_any(base.countries, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.3)
    countries = base.all_districts.dissolve(by="country")
    fills = [palette.CONTEXT_FILL if code == "AZ" else palette.COUNTRY_FILL for code in countries.index]
    countries.plot(ax=ax, color=fills, edgecolor="#777777", linewidth=0.4)
    minx, miny, maxx, maxy = map_extent(base)
    ax.add_patch(Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, edgecolor="#D55E00", linewidth=1.2))
    bounds = shapely.union_all(list(base.all_districts.geometry)).bounds
    ax.set_xlim(bounds[0] - 0.3, bounds[2] + 0.3)
    ax.set_ylim(bounds[1] - 0.3, bounds[3] + 0.3)
    ax.set_aspect(1 / math.cos(math.radians(40)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for code, country, x, y in (("AZ", "Azerbaijan", 48.2, 40.9), ("AM", "Armenia", 44.6, 40.6)):
        if code in countries.index:
            ax.text(x, y, country, fontsize=5.5, ha="center", color="#444444")


def side_patch(base: MapBase, side: str, style: str, label: str) -> Patch:
    if style == "bw":
        return Patch(label=label, **palette.print_styles(base.sides)[side])
    return Patch(facecolor=palette.controller_colours(base.controllers)[side], label=label)


def legend_handles(base: MapBase, used: dict[str, bool], style: str = "colour") -> list[Any]:
    handles: list[Any] = [
        side_patch(base, side, style, textwrap.fill(base.controllers[side]["description"], 34)) for side in base.sides
    ]
    if used["unknown"]:
        handles.append(side_patch(base, "unknown", style, "No data"))
    if used["corridor"]:
        handles.append(Patch(facecolor="none", edgecolor="#000000", hatch="////", label="Lachin corridor (schematic)"))
    if used["peacekeepers"]:
        handles.append(Line2D([], [], color="#000000", linestyle=(0, (1, 2)), label="Peacekeepers' area (approx.)"))
    if used["line"]:
        line_colour = "#000000" if style == "bw" else "#D55E00"
        handles.append(Line2D([], [], color=line_colour, linestyle=(0, (5, 2)), label="Line of contact (approx.)"))
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
    return handles


def figure(model: Model, snapshot: Snapshot) -> Figure:
    """The whole snapshot as a matplotlib figure (no pyplot: safe in a server)."""
    check_snapshot(model, snapshot)
    return render(map_base(model), date_view(model, snapshot.day, snapshot.scenario), snapshot)


def render(base: MapBase, view: DateView, snapshot: Snapshot) -> Figure:
    """Draw a snapshot from the core's description of its date."""
    width, height, dpi = PRESETS[snapshot.preset]
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="#FFFFFF")
    QuietCanvas(fig)
    scale = (
        {"social": 1.0, "square": 1.15, "a4": 1.0}[snapshot.preset]
        * (100 / dpi if dpi != 100 else 1.0)
        * (2.4 if snapshot.preset == "a4" else 1.0)
    )
    landscape = width > height
    if landscape:
        map_ax = fig.add_axes((0.01, 0.09, 0.60, 0.89))
        text_left, text_width, top = 0.63, 0.36, 0.95
    else:
        map_ax = fig.add_axes((0.03, 0.225, 0.94, 0.6))
        text_left, text_width, top = 0.04, 0.92, 0.975
    used = draw_map(map_ax, base, view, snapshot, scale=scale)
    inset = fig.add_axes((0.845, 0.07, 0.145, 0.22) if landscape else (0.76, 0.035, 0.21, 0.15))
    draw_locator(inset, base)
    chars = int(text_width * width / (7.2 * scale * dpi / 100)) if dpi else 60
    fig.text(text_left, top, base.title, fontsize=10 * scale, color="#444444", va="top")
    date_line = long_date(snapshot.day)
    if SCENARIO_LABELS.get(snapshot.scenario):
        date_line += f" ({SCENARIO_LABELS[snapshot.scenario]})"
    fig.text(
        text_left,
        top - 0.035 * (1 if landscape else 0.6),
        date_line,
        fontsize=20 * scale,
        fontweight="bold",
        va="top",
        color="#111111",
    )
    sources = list(view.caption.sources) if view.caption else []
    wrapped = wrap_lines(caption_text(view.caption), max(40, chars), 9 if landscape else 3)
    caption_top = top - (0.14 if landscape else 0.065)
    fig.text(text_left, caption_top, wrapped, fontsize=8.5 * scale, va="top", color="#222222", linespacing=1.35)
    legend_anchor = (text_left, 0.36 if landscape else 0.235)
    fig.legend(
        handles=legend_handles(base, used, snapshot.style),
        loc="upper left",
        bbox_to_anchor=legend_anchor,
        frameon=False,
        fontsize=7.5 * scale,
        handlelength=1.6,
        borderaxespad=0,
    )
    source_line = "Sources: " + (source_names(sources) if sources else "see the events data") + ". "
    note = "Areas below district level are approximate. "
    footer = textwrap.fill(source_line + note + credit_line(base.version), width=int(width / (5.2 * scale * dpi / 100)))
    fig.text(0.01 if landscape else 0.04, 0.012, footer, fontsize=6.3 * scale, color="#444444", va="bottom")
    return fig
