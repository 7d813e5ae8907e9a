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
STATUS_OUTLINE = {
    "contested": "#D55E00",
    "scheduled_handover": "#CC79A7",
    "peacekeepers_zone": "#000000",
    "blockaded": "#000000",
}
STATUS_DASH = {
    "peacekeepers_zone": "2 5",
    "blockaded": "6 3",
}
# Confirmed facts are drawn solid; claims and disputed facts are faded and dashed.
FILL_OPACITY = {"confirmed": 0.78, "claimed": 0.38, "disputed": 0.38}
CLAIM_DASH = "5 4"
ZONE_LINK = "#009E73"


# Black-and-white print style: sides told apart by pattern, not colour.
PRINT_STYLE = {
    "AZ": {"facecolor": "#FFFFFF", "hatch": "...", "edgecolor": "#000000"},
    "ARM": {"facecolor": "#BDBDBD", "hatch": "////", "edgecolor": "#000000"},
    "unknown": {"facecolor": "#FFFFFF", "hatch": "", "edgecolor": "#000000"},
}
PRINT_POINTS = {"AZ": ("#FFFFFF", "#000000"), "ARM": ("#000000", "#000000"), "unknown": ("#9E9E9E", "#000000")}
STYLES = ("colour", "bw")


def as_config() -> dict[str, object]:
    """The palette as plain data for the browser and for matplotlib."""
    return {
        "controllers": CONTROLLER_COLOURS,
        "context_fill": CONTEXT_FILL,
        "context_line": CONTEXT_LINE,
        "country_fill": COUNTRY_FILL,
        "border": BORDER,
        "status_outline": STATUS_OUTLINE,
        "status_dash": STATUS_DASH,
        "fill_opacity": FILL_OPACITY,
        "claim_dash": CLAIM_DASH,
        "zone_link": ZONE_LINK,
    }
