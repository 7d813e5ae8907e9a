"""What every static map stands on: matplotlib set up for pictures, the pictures' own colours, the map's extent.

matplotlib draws off screen and keeps text as text in SVG and PDF, in one
font that covers every script the names are written in; text from the data
or the user is drawn as written, never as mathematics. Every module that
draws a static map imports this one, so these settings hold however the
drawing is reached (a snapshot, the handout, a test). The extent is the
followed districts widened to fill the box the map is given, inside the
window the context layers cover, at the aspect that keeps shapes true at
that latitude. The control colours are ``layers.palette``'s.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd
from matplotlib.axes import Axes

from geo.view import MapBase

matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text
matplotlib.rcParams["pdf.fonttype"] = 42  # embed TrueType so PDF text stays selectable
matplotlib.rcParams["font.family"] = "DejaVu Sans"  # covers Latin, Azerbaijani, Armenian and Cyrillic
matplotlib.rcParams["text.parse_math"] = False  # text from data is drawn as written: "$" never starts mathtext
# Unhinted glyphs: a name drawn as text lines up with its white outline drawn as a path (see layers.map_labels).
matplotlib.rcParams["text.hinting"] = "no_hinting"

# The pictures' own colours: the sea and the edges of the countries around, text, highlights.
CONTEXT_EDGE = "#9E9E9E"
WATER = "#DFE9F2"
INK = "#111111"
GREY = "#555555"
HIGHLIGHT = "#000000"


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
    """Width over height of the box the axes fill on the figure."""
    position = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return (position.width * width) / (position.height * height)
