"""Place names by naming convention.

The sides name many places differently (Shusha / Shushi, Khankendi /
Stepanakert). The default convention is neutral: both names, the
Azerbaijani-usage name first as the de jure name, then the Armenian-usage
name, joined by " / " and shown once where they agree.
"""

from __future__ import annotations

from collections.abc import Mapping

CONVENTIONS = {
    "neutral": "Both names where the sides differ",
    "az": "Azerbaijani usage",
    "hy": "Armenian usage",
    "en": "English",
}


def check_convention(convention: str) -> None:
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown naming convention {convention!r}; choose one of {', '.join(CONVENTIONS)}")


def display_name(names: Mapping[str, object], convention: str = "neutral") -> str:
    """The label for a place under ``convention``; falls back to the English name."""
    check_convention(convention)
    english = text(names.get("name_en"))
    armenian = text(names.get("name_hy_latn")) or english
    if convention == "az":
        return text(names.get("name_az")) or english
    if convention == "hy":
        return armenian
    if convention == "en":
        return english
    return english if armenian == english else f"{english} / {armenian}"


def all_names(names: Mapping[str, object]) -> dict[str, str]:
    """Every name the data has, keyed by convention, for panels and JSON."""
    keys = {"en": "name_en", "az": "name_az", "hy": "name_hy", "hy_latn": "name_hy_latn", "ru": "name_ru"}
    return {label: text(names.get(key)) for label, key in keys.items() if text(names.get(key))}


def text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
