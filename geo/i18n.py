"""The reader's language: catalogues of translated text, and dates and numbers written for the language.

One table per language (``locale/az.csv``, ``locale/hy.csv``, ``locale/ru.csv``)
holds every text a reader sees, keyed so that a translator can work in a
spreadsheet: interface text is keyed by its English wording (as gettext
does), texts from the data by where they come from (``event:ID:headline``,
``story:STEP:title``). English needs no table. A missing translation falls
back to English, and a test holds that none is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"en": "English", "az": "Azərbaycanca", "hy": "Հայերեն", "ru": "Русский"}
# Babel's locale for each language: British English writes "10 November 2020", as the data does.
BABEL_LOCALES = {"en": "en_GB", "az": "az", "hy": "hy", "ru": "ru"}
# The naming convention a language opens with (the reader can still change it).
DEFAULT_CONVENTION = {"en": "neutral", "az": "az", "hy": "hy", "ru": "neutral"}
COLUMNS = ("key", "english", "text", "note")


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")


@dataclass(frozen=True)
class Catalogue:
    """The translations of one language; ``text`` falls back to the English it is given."""

    lang: str
    texts: dict[str, str]

    def __call__(self, english: str, **values: Any) -> str:
        """An interface text (keyed by its English wording), with ``{name}`` values filled in."""
        return self.text(english, english).format(**values) if values else self.text(english, english)

    def text(self, key: str, english: str) -> str:
        if self.lang == "en":
            return english
        return self.texts.get(key) or english


def read_table(path: Path) -> dict[str, str]:
    """key -> translation from one language's table (rows without a translation are left out)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row["text"] for row in csv.DictReader(handle) if row.get("text")}


@cache
def catalogue(lang: str) -> Catalogue:
    check_language(lang)
    return Catalogue(lang, {} if lang == "en" else read_table(LOCALE_DIR / f"{lang}.csv"))


def long_date(day: dt.date, lang: str = "en") -> str:
    """'10 November 2020', '10 ноября 2020 г.', as the language writes a date in full."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=BABEL_LOCALES[lang])


def number(value: float, lang: str = "en", digits: int = 0) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round(value, digits), format=pattern, locale=BABEL_LOCALES[lang])


def date_format(lang: str) -> dict[str, Any]:
    """The long date pattern and month names (CLDR, through Babel), so the page writes dates as the exports do."""
    from babel.dates import get_date_format, get_month_names

    locale = BABEL_LOCALES[lang]
    months = get_month_names("wide", context="format", locale=locale)
    return {"pattern": get_date_format("long", locale=locale).pattern, "months": [months[m] for m in range(1, 13)]}


def page_messages(lang: str) -> dict[str, str]:
    """The translations the map page carries, by key; English pages need none."""
    return dict(catalogue(lang).texts)


def N_(english: str) -> str:  # noqa: N802  (gettext's name for "translate later")
    """Marks a text for the translators' tables (locale/extract.py); it is translated where it is shown."""
    return english


def caption_headline(book: Catalogue, caption: Any) -> str:
    """A caption's headline in the catalogue's language: that of its leading event."""
    return book.text(f"event:{caption.events[0]}:headline", caption.headline) if caption.events else caption.headline


def caption_line(caption: Any, book: Catalogue) -> str:
    """'10 November 2020: headline (and 3 more)': a day's caption as the page, the exports and the app word it."""
    if caption is None:
        return ""
    more = " " + book("(and {n} more)", n=caption.more) if caption.more else ""
    return f"{long_date(caption.day, book.lang)}: {caption_headline(book, caption)}{more}"
