"""The attribution line shown on the map, in the app and on every export."""

from __future__ import annotations

from geo.i18n import N_, Catalogue, catalogue

ATTRIBUTION = (
    "Boundaries, rivers and lakes: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)"
    " · Events: cited sources in the data"
)


def attribution(book: Catalogue | None = None) -> str:
    """Who made the data the map draws, in the catalogue's language."""
    return (book or catalogue("en"))(
        N_(
            "Boundaries, rivers and lakes: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)"
            " · Events: cited sources in the data"
        )
    )


def credit_line(version: str, book: Catalogue | None = None) -> str:
    """Attribution plus the data version, so a published map says which data it shows, in its language."""
    book = book or catalogue("en")
    return f"{attribution(book)} · {book(N_('Data version {version}'), version=version)}"
