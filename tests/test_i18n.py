"""The reader's language: complete catalogues, text and dates in the language, no English left over."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.i18n import LANGUAGES, catalogue, date_format, long_date
from geo.view import date_view
from layers import export
from layers.export_text import caption_text
from layers.static_map import Snapshot
from tests.conftest import ROOT

OTHER = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def table(lang: str) -> list[dict[str, str]]:
    with (ROOT / "locale" / f"{lang}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_text_has_every_language() -> None:
    """The tables hold every text the code and the data show, each translated and none waiting for review."""
    result = subprocess.run(
        [sys.executable, "locale/extract.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize("lang", OTHER)
def test_translations_keep_placeholders_and_stay_short(lang: str) -> None:
    for row in table(lang):
        assert set(PLACEHOLDER.findall(row["english"])) == set(PLACEHOLDER.findall(row["text"])), row["key"]
        if row["key"].endswith(":headline"):
            assert len(row["text"]) <= 100 and "\n" not in row["text"], row["key"]


@pytest.mark.parametrize("lang", OTHER)
def test_translations_use_the_neutral_words(lang: str) -> None:
    """The loaded words the glossary sets aside never appear in the map's own voice."""
    avoided = {
        "az": ("azad edil", "işğal", "separatçı"),
        "hy": ("ազատագր", "օկուպաց", "անջատողական"),
        "ru": ("освобожд", "оккупир", "сепаратист"),
    }[lang]
    for row in table(lang):
        if row["key"].startswith(("event:", "story:")) and any(w in row["english"].lower() for w in ("said", "called")):
            continue  # a side's own words, attributed to it
        for word in avoided:
            assert word not in row["text"].lower(), (row["key"], word)


def test_dates_and_numbers_are_written_for_the_language() -> None:
    day = dt.date(2020, 11, 10)
    assert long_date(day, "en") == "10 November 2020"
    assert long_date(day, "az") == "10 noyabr 2020"
    assert long_date(day, "ru").startswith("10 ноября 2020")
    assert "նոյեմբերի" in long_date(day, "hy")
    assert date_format("ru")["months"][10] == "ноября"


def test_unknown_language_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--date", "2020-11-25", "--lang", "xx", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "xx" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    with pytest.raises(ValueError, match="unknown language"):
        catalogue("xx")


@pytest.mark.parametrize("lang", OTHER)
def test_an_export_speaks_the_language(model, lang: str) -> None:
    svg = export.snapshot_bytes(model, Snapshot(dt.date(2020, 11, 25), lang=lang), "svg").decode("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    book = catalogue(lang)
    assert long_date(dt.date(2020, 11, 25), lang) in texts
    assert book("Claimed, not confirmed") in texts or book("Areas below district level are approximate.") in texts
    for english in ("Sources of this date's events", "Areas below district level are approximate", "Data version"):
        assert english not in texts, english


@pytest.mark.parametrize("lang", OTHER)
def test_captions_agree_between_the_page_and_the_exports(model, lang: str) -> None:
    """The page's captions are written from the same catalogue and date pattern as the exports."""
    from layers.timeline_map import timeline_config

    config = timeline_config(model, day=dt.date(2020, 11, 10), lang=lang)
    view = date_view(model, dt.date(2020, 11, 10))
    row = next(c for c in config["captions"]["actual"] if c[0] == (view.caption.day - dt.date(1970, 1, 1)).days)
    expected = caption_text(view.caption, catalogue(lang))
    assert expected.split(": ", 1)[1].startswith(row[1])
    assert config["lang"] == lang and config["dateFormat"] == date_format(lang)


def test_publish_writes_a_page_per_language(model, tmp_path: Path) -> None:
    site = export.publish(model, tmp_path / "site", languages=tuple(LANGUAGES))
    for lang, page in (("en", "index.html"), ("az", "az.html"), ("hy", "hy.html"), ("ru", "ru.html")):
        html = (site / page).read_text(encoding="utf-8")
        assert html.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
        title = catalogue(lang).text("meta:title", model.dataset.meta.title)
        assert f"<title>{title}</title>" in html
    assert (site / "snapshots" / "ru").is_dir()
