"""Static maps for articles and handouts, drawn with matplotlib in the app's palette.

A snapshot carries what a reader needs without the app: title, date, a
caption of what changed, a legend, the sources and the data attribution, a
scale bar, a north arrow and a small locator map. Text stays text in SVG and
PDF. Nothing here reads files; everything comes from the model.
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
from geo.vocab import split_list
from layers import palette
from layers.credits import ATTRIBUTION

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


def caption_for(model: Model, snapshot: Snapshot) -> tuple[str, list[str]]:
    """What changed on the date (or the latest change before it), and its sources."""
    timeline = model.timeline
    events = timeline.events_on(snapshot.day, snapshot.scenario)
    lead = f"On {long_date(snapshot.day)}: "
    if events.empty:
        earlier = timeline.events_between(timeline.start - dt.timedelta(days=1), snapshot.day, snapshot.scenario)
        if earlier.empty:
            return "", []
        events = earlier.tail(1)
        lead = f"Latest change, {long_date(events.iloc[0]['date'])}: "
    text = lead + " ".join(str(s) for s in events["summary"])
    sources = [s for cell in events["sources"] for s in split_list(cell)]
    return text, sources


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


def map_extent(model: Model) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = model.dataset.area_districts.total_bounds
    pad_x, pad_y = (maxx - minx) * 0.08, (maxy - miny) * 0.08
    return minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y


def plot_if_any(frame: gpd.GeoDataFrame, **style: Any) -> None:
    """Plot a layer a scenario may leave empty (no context countries, no districts outside the area)."""
    if len(frame):
        frame.plot(**style)


def draw_map(ax: Axes, model: Model, snapshot: Snapshot, *, scale: float) -> dict[str, bool]:
    """The map itself; returns which legend entries it used."""
    ds = model.dataset
    minx, miny, maxx, maxy = map_extent(model)
    ax.set_facecolor("#FFFFFF" if snapshot.style == "bw" else WATER)
    plot_if_any(ds.context, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.4 * scale)
    others = ds.districts[~ds.districts["in_area"].astype(bool)]
    plot_if_any(
        others,
        ax=ax,
        color=[palette.CONTEXT_FILL if c == "AZ" else palette.COUNTRY_FILL for c in others["country"]],
        edgecolor=CONTEXT_EDGE,
        linewidth=0.3 * scale,
    )
    used = {
        **dict.fromkeys(model.sides, False),
        "unknown": False,
        "corridor": False,
        "peacekeepers": False,
        "line": False,
    }
    parts = model.control_parts(snapshot.day, snapshot.scenario)
    bw = snapshot.style == "bw"
    colours = palette.controller_colours(model.dataset.meta.controllers)
    prints = palette.print_styles(model.sides)
    for side in (*model.sides, "unknown"):
        mine = parts[parts["controller"] == side]
        if mine.empty:
            continue
        if bw:
            mine.plot(ax=ax, linewidth=0, **prints[side])
        else:
            mine.plot(ax=ax, color=colours[side], alpha=0.85, linewidth=0)
        used[side] = True
    ds.area_districts.boundary.plot(ax=ax, color="#000000" if bw else "#FFFFFF", linewidth=(0.8 if bw else 1.0) * scale)
    status = model.timeline.status_on(snapshot.day, snapshot.scenario)
    for zone_id, shape in model.zone_shapes.items():
        state = status.loc[zone_id, "status"]
        if shape.kind == "corridor" and state in ("peacekeepers_zone", "blockaded", "active"):
            gpd.GeoSeries([shape.geometry]).plot(
                ax=ax, facecolor="none", edgecolor="#000000", hatch="////", linewidth=0.8 * scale
            )
            used["corridor"] = True
    peace = model.peacekeepers_area(snapshot.day, snapshot.scenario)
    if peace is not None and not peace.is_empty:
        gpd.GeoSeries([peace.boundary]).plot(ax=ax, color="#000000", linewidth=1.4 * scale, linestyle=(0, (1, 2)))
        used["peacekeepers"] = True
    if snapshot.day <= dt.date(2020, 9, 26):
        line = model.contact_line(dt.date(2020, 9, 26))
        if not line.is_empty:
            gpd.GeoSeries([line]).plot(
                ax=ax, color="#000000" if bw else "#D55E00", linewidth=1.8 * scale, linestyle=(0, (5, 2))
            )
            used["line"] = True
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    draw_places(ax, model, snapshot, status, scale)
    draw_labels(ax, model, snapshot, scale)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#666666")
    draw_scale_bar(ax, scale)
    draw_north_arrow(ax, scale)
    return used


def draw_places(ax: Axes, model: Model, snapshot: Snapshot, status: Any, scale: float) -> None:
    """All located places in one scatter call: filled if confirmed, hollow if only claimed."""
    xs, ys, sizes, faces, edges, widths = [], [], [], [], [], []
    controllers = dict(zip(status.index, status["controller"], strict=True))
    confidences = dict(zip(status.index, status["confidence"], strict=True))
    colours = palette.controller_colours(model.dataset.meta.controllers)
    points = palette.print_points(model.sides)
    for settlement_id, row in model.dataset.settlements.iterrows():
        if not isinstance(row.geometry, Point) or settlement_id not in controllers:
            continue
        side = controllers[settlement_id] if controllers[settlement_id] in model.sides else "unknown"
        claimed = confidences[settlement_id] in ("claimed", "disputed")
        xs.append(row.geometry.x)
        ys.append(row.geometry.y)
        sizes.append((22 if row["kind"] in ("town", "city") else 9) * scale)
        widths.append((1.2 if claimed else 0.6) * scale)
        if snapshot.style == "bw":
            face, edge = points[side]
            faces.append("#FFFFFF" if claimed else face)
            edges.append(edge)
            continue
        colour = colours[side]
        faces.append("#FFFFFF" if claimed else colour)
        edges.append(colour if claimed else "#FFFFFF")
    ax.scatter(xs, ys, s=sizes, facecolor=faces, edgecolor=edges, linewidths=widths, zorder=5)


def draw_labels(ax: Axes, model: Model, snapshot: Snapshot, scale: float) -> None:
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
    for _, district in model.dataset.area_districts.iterrows():
        point = district.geometry.representative_point()
        label = naming.display_name(district.to_dict(), snapshot.convention)
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
    towns = model.dataset.settlements
    towns = towns[towns["kind"].isin(["city", "town"])]
    for _, town in towns.iterrows():
        if not isinstance(town.geometry, Point):
            continue
        label = naming.display_name(town.to_dict(), snapshot.convention)
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


def draw_locator(ax: Axes, model: Model) -> None:
    """A small map of the region with the main map's extent marked."""
    ds = model.dataset
    ax.set_facecolor(WATER)
    plot_if_any(ds.context, ax=ax, color=palette.COUNTRY_FILL, edgecolor=CONTEXT_EDGE, linewidth=0.3)
    countries = ds.districts.dissolve(by="country")
    fills = [palette.CONTEXT_FILL if code == "AZ" else palette.COUNTRY_FILL for code in countries.index]
    countries.plot(ax=ax, color=fills, edgecolor="#777777", linewidth=0.4)
    minx, miny, maxx, maxy = map_extent(model)
    ax.add_patch(Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, edgecolor="#D55E00", linewidth=1.2))
    bounds = shapely.union_all(list(ds.districts.geometry)).bounds
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


def side_patch(model: Model, side: str, style: str, label: str) -> Patch:
    if style == "bw":
        return Patch(label=label, **palette.print_styles(model.sides)[side])
    return Patch(facecolor=palette.controller_colours(model.dataset.meta.controllers)[side], label=label)


def legend_handles(model: Model, used: dict[str, bool], style: str = "colour") -> list[Any]:
    controllers = model.dataset.meta.controllers
    handles: list[Any] = [
        side_patch(model, side, style, textwrap.fill(controllers[side]["description"], 34)) for side in model.sides
    ]
    if used["unknown"]:
        handles.append(side_patch(model, "unknown", style, "No data"))
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
    used = draw_map(map_ax, model, snapshot, scale=scale)
    inset = fig.add_axes((0.845, 0.07, 0.145, 0.22) if landscape else (0.76, 0.035, 0.21, 0.15))
    draw_locator(inset, model)
    meta = model.dataset.meta
    chars = int(text_width * width / (7.2 * scale * dpi / 100)) if dpi else 60
    fig.text(text_left, top, meta.title, fontsize=10 * scale, color="#444444", va="top")
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
    caption, sources = caption_for(model, snapshot)
    wrapped = textwrap.fill(caption, width=max(40, chars))
    lines = wrapped.splitlines()
    most = 9 if landscape else 3
    if len(lines) > most:
        wrapped = "\n".join(lines[:most])[:-1] + "…"
    caption_top = top - (0.14 if landscape else 0.065)
    fig.text(text_left, caption_top, wrapped, fontsize=8.5 * scale, va="top", color="#222222", linespacing=1.35)
    legend_anchor = (text_left, 0.36 if landscape else 0.235)
    fig.legend(
        handles=legend_handles(model, used, snapshot.style),
        loc="upper left",
        bbox_to_anchor=legend_anchor,
        frameon=False,
        fontsize=7.5 * scale,
        handlelength=1.6,
        borderaxespad=0,
    )
    source_line = "Sources: " + (source_names(sources) if sources else "see the events data") + ". "
    note = "Areas below district level are approximate. "
    footer = textwrap.fill(source_line + note + ATTRIBUTION, width=int(width / (5.2 * scale * dpi / 100)))
    fig.text(0.01 if landscape else 0.04, 0.012, footer, fontsize=6.3 * scale, color="#444444", va="bottom")
    return fig
