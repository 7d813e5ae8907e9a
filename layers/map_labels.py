"""Names on a static map, most important first, each left out where it would overlap one already placed.

Label placement is its own problem: every name is measured on the drawn
map and kept only if it fits inside the frame and clear of the scale bar,
the north arrow and the names before it. A name stays text in SVG and PDF
over a white outline drawn as a copy of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from shapely.geometry import Point

from geo import names as naming
from geo.i18n import catalogue
from geo.view import MapBase
from layers import context, palette
from layers.map_frame import INK

if TYPE_CHECKING:
    from layers.static_map import Snapshot


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
            context.place_text(label, catalogue(snapshot.lang)),
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
