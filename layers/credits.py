"""The attribution line shown on the map, in the app and on every export."""

ATTRIBUTION = (
    "Boundaries: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0) · Events: cited sources in the data"
)
