"""The <iframe> snippet for a published map: kept apart from the exporters, which need matplotlib and Folium."""

from __future__ import annotations

import datetime as dt
from html import escape


def embed_snippet(url: str, *, day: dt.date, scenario: str, convention: str, height: int = 640) -> str:
    """An iframe for the published page, opening the given view."""
    source = f"{url.rstrip('/')}/index.html#date={day.isoformat()}&scenario={scenario}&names={convention}"
    return (
        f'<iframe src="{escape(source)}" width="100%" height="{int(height)}" style="border:0" '
        'title="Map: who controlled what, and when" loading="lazy"></iframe>'
    )
