"""The <iframe> snippet for a published map: kept apart from the exporters, which need matplotlib and Folium."""

from __future__ import annotations

import datetime as dt
from html import escape


def embed_snippet(url: str, *, day: dt.date, scenario: str, convention: str, ratio: str = "4 / 3") -> str:
    """An iframe for the published page, opening the given view.

    It keeps an aspect ratio rather than a fixed height, so the map is as tall
    as the article column is wide allows, on a phone as on a desktop; a
    minimum height keeps the timeline bar usable in a narrow column.
    """
    source = f"{url.rstrip('/')}/index.html#date={day.isoformat()}&scenario={scenario}&names={convention}"
    width, _, height = ratio.partition("/")
    aspect = f"{int(width)} / {int(height)}"
    return (
        f'<iframe src="{escape(source)}" width="100%" '
        f'style="border:0;width:100%;aspect-ratio:{aspect};min-height:480px" '
        'title="Map: who controlled what, and when" loading="lazy" allow="fullscreen"></iframe>'
    )
