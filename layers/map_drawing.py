"""The map of one date on matplotlib axes: countries, water, control areas, zones, lines, places, highlights.

Everything drawn comes from the core's description of the date
(``geo.view``); the map reports which legend entries it used, so the legend
shows what is on the map that day and nothing else. The snapshot
(``layers.static_map``) and the handout's small maps both draw with
``draw_map``. The districts and places a request asks to highlight are
found here too, so a request naming one the data lacks is refused before
any drawing starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
from matplotlib.axes import Axes
from shapely.geometry import Point

from geo import names as naming
from geo.view import DateView, MapBase
from layers import context, palette
from layers.map_frame import CONTEXT_EDGE, HIGHLIGHT, WATER, aspect_factor, box_aspect, fitted_extent, plot_if_any
from layers.map_furniture import draw_north_arrow, draw_scale_bar
from layers.map_labels import draw_labels

if TYPE_CHECKING:
    from layers.static_map import Snapshot


# A holder's area below this (km2) cannot be seen on any preset and is left out of the legend.
VISIBLE_KM2 = 0.5


class UnknownHighlightError(ValueError):
    """A district or place to highlight that the data does not have."""


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
