"""A one-page handout for class: six small maps of key dates and a timeline with sources."""

from __future__ import annotations

import io
import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from geo.i18n import Catalogue, catalogue, check_language
from geo.model import Model
from geo.view import MapBase, Step, date_view, map_base
from layers import palette
from layers.credits import credit_line
from layers.static_map import QuietCanvas, Snapshot, draw_map, long_date, source_names

PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}


class HandoutError(ValueError):
    """A handout that cannot be made (unknown paper, style or too few marked steps)."""


def handout_steps(base: MapBase) -> list[Step]:
    chosen = [step for step in base.steps if step.handout]
    return chosen[:6] if len(chosen) >= 6 else list(base.steps[:6])


def figure(
    model: Model,
    *,
    paper: str = "a4",
    scenario: str = "actual",
    convention: str = "neutral",
    style: str = "colour",
    lang: str = "en",
) -> Figure:
    if paper not in PAPERS:
        raise HandoutError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    if style not in palette.STYLES:
        raise HandoutError(f"unknown style {style!r}; choose one of {', '.join(palette.STYLES)}")
    check_language(lang)
    _ = catalogue(lang)
    base = map_base(model)
    steps = handout_steps(base)
    if len(steps) < 6:
        raise HandoutError("the classroom sequence needs at least six steps for a handout")
    width, height = PAPERS[paper]
    fig = Figure(figsize=(width, height), dpi=150, facecolor="#FFFFFF")
    QuietCanvas(fig)
    fig.text(0.06, 0.972, _.text("meta:title", base.title), fontsize=14, fontweight="bold", va="top")
    fig.text(
        0.06,
        0.950,
        _("Six key dates. Colours show who held the ground; areas below district level are approximate."),
        fontsize=7.5,
        va="top",
        color="#333333",
    )
    for index, step in enumerate(steps):
        column, row = index % 3, index // 3
        ax = fig.add_axes((0.04 + column * 0.315, 0.655 - row * 0.28, 0.29, 0.25))
        snapshot = Snapshot(step.day, scenario, convention, "social", style, lang=lang)
        draw_map(ax, base, date_view(model, step.day, scenario), snapshot, scale=0.45)
        title = _.text(f"story:{step.day}:title", step.title)
        ax.set_title(f"{long_date(step.day, lang)}\n{title}", fontsize=7.5, loc="left", pad=3)
    legend = [
        Patch(
            label=_.text(f"controller:{side}:description", base.controllers[side]["description"]),
            **side_style(base, side, style),
        )
        for side in base.sides
    ]
    fig.legend(handles=legend, loc="upper left", bbox_to_anchor=(0.06, 0.362), ncols=1, frameon=False, fontsize=6.5)
    draw_timeline(fig, base, top=0.325, book=_)
    fig.text(0.06, 0.012, textwrap.fill(credit_line(base.version, _), 140), fontsize=5.5, color="#444444")
    return fig


def side_style(base: MapBase, side: str, style: str) -> dict[str, str]:
    if style == "bw":
        return dict(palette.print_styles(base.sides)[side])
    return {"facecolor": palette.controller_colours(base.controllers)[side]}


def draw_timeline(fig: Figure, base: MapBase, *, top: float, book: Catalogue) -> None:
    """Every step of the classroom sequence in one line each, with its sources, set closer as the story grows."""
    _ = book
    fig.text(0.06, top, _("Timeline"), fontsize=9.5, fontweight="bold", va="top")
    y = top - 0.02
    bottom = 0.045  # above the attribution
    step_gap = min(0.0168, (y - bottom) / max(1, len(base.steps)))
    size = 6.6 * min(1.0, step_gap / 0.0168 * 1.1)
    for step in base.steps:
        fig.text(0.06, y, long_date(step.day, _.lang), fontsize=size, va="top", fontweight="bold")
        fig.text(0.19, y, _.text(f"story:{step.day}:title", step.title), fontsize=size, va="top")
        fig.text(
            0.47,
            y,
            textwrap.shorten(_("Sources:") + " " + source_names(list(step.sources), limit=3, book=_), 95),
            fontsize=size * 0.9,
            va="top",
            color="#444444",
        )
        y -= step_gap


def handout_bytes(model: Model, **options: Any) -> bytes:
    buffer = io.BytesIO()
    figure(model, **options).savefig(buffer, format="pdf", metadata={"Title": model.dataset.meta.title})
    return buffer.getvalue()
