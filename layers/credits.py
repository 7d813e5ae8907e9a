"""The attribution line shown on the map, in the app and on every export."""

ATTRIBUTION = (
    "Boundaries, rivers and lakes: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)"
    " · Events: cited sources in the data"
)


def credit_line(version: str) -> str:
    """Attribution plus the data version, so a published map says which data it shows."""
    return f"{ATTRIBUTION} · Data version {version}"
