"""What a static map carries besides the map: scale bar, north arrow, locator map, legend and area bar.

None of them draws the date's control areas: they read the map (its
limits, the districts, what was drawn). The scale bar and the north arrow
go on the map (``layers.map_drawing`` puts them there, and the names keep
clear of them); the locator, the legend and the area bar go where the page
layout of ``layers.static_map`` puts them.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle

from geo.i18n import Catalogue, catalogue, number
from geo.view import DateView, MapBase
from layers import palette
from layers.map_frame import CONTEXT_EDGE, HIGHLIGHT, WATER, aspect_factor, plot_if_any


def draw_scale_bar(ax: Axes, scale: float) -> list[Any]:
    """A 20 or 50 km bar in the lower left corner of the map; returns its artists."""
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
    """An arrow and an N in the upper right corner of the map; returns its artists."""
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


def side_patch(base: MapBase, side: str, style: str, label: str) -> Patch:
    """A legend entry for one side, in colour or in a print pattern."""
    if style == "bw":
        return Patch(label=label, **palette.print_styles(base.sides)[side])
    return Patch(facecolor=palette.controller_colours(base.controllers)[side], label=label)


def legend_handles(
    base: MapBase, used: dict[str, bool], style: str = "colour", width: int = 34, book: Catalogue | None = None
) -> list[Any]:
    """Legend entries for what is drawn on the date, and nothing else, in the catalogue's language."""
    _ = book or catalogue("en")
    handles: list[Any] = [
        side_patch(
            base,
            side,
            style,
            textwrap.fill(_.text(f"controller:{side}:description", base.controllers[side]["description"]), width),
        )
        for side in base.sides
        if used.get(side)
    ]
    if used.get("unknown"):
        label = textwrap.fill(_("No data: no event yet covers this area"), width)
        handles.append(side_patch(base, "unknown", style, label))
    if used.get("corridor"):
        corridor = _("Lachin corridor (schematic)")
        handles.append(Patch(facecolor="none", edgecolor="#000000", hatch="////", label=corridor))
    if used.get("peacekeepers"):
        area = _("Peacekeepers' area (approx.)")
        handles.append(Line2D([], [], color="#000000", linestyle=(0, (1, 2)), label=area))
    if used.get("line"):
        line_colour = "#000000" if style == "bw" else "#D55E00"
        line = _("Line of contact (approx.)")
        handles.append(Line2D([], [], color=line_colour, linestyle=(0, (5, 2)), label=line))
    if used.get("claimed"):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="#FFFFFF",
                markeredgecolor="#000000" if style == "bw" else "#0072B2",
                label=_("Claimed, not confirmed"),
            )
        )
    if used.get("highlight"):
        handles.append(Patch(facecolor="none", edgecolor=HIGHLIGHT, linewidth=2, label=_("Highlighted")))
    return handles


def area_line(base: MapBase, sizes: dict[str, float], book: Catalogue | None = None) -> str:
    """ "Azerbaijan 2,356 km² (18%) · Armenian forces 10,901 km² (82%)", numbers written for the language"""
    _ = book or catalogue("en")
    total = sum(sizes.values()) or 1.0
    parts = []
    for side in (*base.sides, "unknown"):
        if sizes.get(side):
            if side in base.controllers:
                label = _.text(f"controller:{side}:label", base.controllers[side]["label"])
            else:
                label = _("No data")
            share = round(100 * sizes[side] / total)
            parts.append(f"{label} {number(sizes[side], _.lang)} km² ({share}%)")
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
