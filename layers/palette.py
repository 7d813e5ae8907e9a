"""The colours and line styles every renderer shares (map, legend, exports).

Controller colours are the Okabe-Ito blue and orange: distinguishable with
the common colour-vision deficiencies and on a projector, and not the
colours of either side's flag.
"""

from __future__ import annotations

CONTROLLER_COLOURS = {
    "AZ": "#0072B2",
    "ARM": "#E69F00",
    "unknown": "#BDBDBD",
}
CONTEXT_FILL = "#EEEEEE"
CONTEXT_LINE = "#9E9E9E"
COUNTRY_FILL = "#F7F7F7"
BORDER = "#FFFFFF"
# Outline colours for statuses that matter more than the fill shows.
# District outlines by status. The peacekeepers' zone has no district outline: its own derived
# line shows where it ran, and a whole district outlined would claim more than the zone covered.
STATUS_OUTLINE = {
    "contested": "#D55E00",
    "scheduled_handover": "#CC79A7",
    "blockaded": "#000000",
}
STATUS_DASH = {
    "blockaded": "6 3",
}
# Confirmed facts are drawn solid; claims and disputed facts are faded and dashed.
FILL_OPACITY = {"confirmed": 0.78, "claimed": 0.38, "disputed": 0.38}
CLAIM_DASH = "5 4"
ZONE_LINK = "#009E73"
# Rivers and lakes, drawn quietly under the control colours; greys for black-and-white printing.
WATER_LINE = "#6A9FCB"
WATER_FILL = "#CFE2F1"
WATER_LABEL = "#2F5F8A"
WATER_PRINT = {"line": "#8C8C8C", "fill": "#E6E6E6", "label": "#3C3C3C"}
PLACE_LABEL = "#7A7A7A"  # country and region names


# Okabe-Ito colours, used in order for controllers that declare none.
DEFAULT_SEQUENCE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STYLES = ("colour", "bw")
PRINT_HATCHES = ("...", "////", "xxx", "\\\\", "---", "+++", "ooo", "|||")


def controller_colours(controllers: dict[str, dict[str, str]]) -> dict[str, str]:
    """A colour for every controller (its own if declared), plus 'unknown'."""
    colours = {}
    for index, (ident, entry) in enumerate(controllers.items()):
        colours[ident] = entry.get("colour") or DEFAULT_SEQUENCE[index % len(DEFAULT_SEQUENCE)]
    colours["unknown"] = CONTROLLER_COLOURS["unknown"]
    return colours


def print_styles(sides: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Patterns for black-and-white printing, one per controller in declared order."""
    styles = {
        side: {
            "facecolor": "#FFFFFF" if index % 2 == 0 else "#BDBDBD",
            "hatch": PRINT_HATCHES[index % len(PRINT_HATCHES)],
            "edgecolor": "#000000",
        }
        for index, side in enumerate(sides)
    }
    styles["unknown"] = {"facecolor": "#FFFFFF", "hatch": "", "edgecolor": "#000000"}
    return styles


def print_points(sides: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    points = {side: ("#FFFFFF" if i % 2 == 0 else "#000000", "#000000") for i, side in enumerate(sides)}
    points["unknown"] = ("#9E9E9E", "#000000")
    return points


def as_config(controllers: dict[str, dict[str, str]]) -> dict[str, object]:
    """The palette as plain data for the browser."""
    return {
        "controllers": controller_colours(controllers),
        "context_fill": CONTEXT_FILL,
        "context_line": CONTEXT_LINE,
        "country_fill": COUNTRY_FILL,
        "border": BORDER,
        "status_outline": STATUS_OUTLINE,
        "status_dash": STATUS_DASH,
        "fill_opacity": FILL_OPACITY,
        "claim_dash": CLAIM_DASH,
        "zone_link": ZONE_LINK,
        "water_line": WATER_LINE,
        "water_fill": WATER_FILL,
        "water_label": WATER_LABEL,
        "place_label": PLACE_LABEL,
    }
