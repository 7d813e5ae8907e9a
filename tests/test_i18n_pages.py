"""The map page and the app in Azerbaijani, Armenian and Russian: no interface English left on the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import DEFAULT_CONVENTION, LANGUAGES, catalogue, date_format
from layers.export import interactive_html
from tests.conftest import ROOT
from ui.text import md_escape

OTHER = [lang for lang in LANGUAGES if lang != "en"]
DATA_KEYS = ("event:", "story:", "controller:", "label:", "zone:", "meta:")


def english_interface_texts(lang: str) -> list[str]:
    """Interface texts whose translation differs from the English, long enough not to be a name or a number."""
    book = catalogue(lang)
    found = []
    for key, text in book.texts.items():
        if key.startswith(DATA_KEYS) or text == key:
            continue
        plain = key.split("{")[0].strip(" :(")
        if len(plain) >= 8 and any(c.isalpha() for c in plain):
            found.append(plain)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("lang", OTHER)
def test_no_english_is_left_on_the_page(model, page, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"{lang}.html"
    path.write_text(interactive_html(model, day=dt.date(2020, 11, 10), lang=lang), encoding="utf-8")
    page.goto(path.as_uri() + "#date=2020-11-21")
    page.wait_for_function("window.tcm && tcm.day() === '2020-11-21'")
    page.locator(".tcm-legend details").evaluate("d => { d.open = true; }")
    page.locator(".tcm-table").evaluate("t => { t.hidden = false; }")
    page.evaluate("document.querySelector('.tcm-bar').classList.add('tcm-more-open')")
    shown = page.evaluate(
        """() => [document.body.innerText]
             .concat([...document.querySelectorAll('[aria-label], [title]')]
             .map(n => (n.getAttribute('aria-label') || '') + ' ' + (n.getAttribute('title') || '')))
             .join(' \\n ')"""
    )
    left = [text for text in english_interface_texts(lang) if text in shown]
    assert left == [], left
    assert page.evaluate("document.documentElement.lang") == lang
    november = date_format(lang)["months"][10]
    assert november in page.locator("[data-testid=map-caption]").inner_text()  # 20 Nov 2020, written for the language
    assert november in page.locator("[data-testid=map-date]").inner_text()


@pytest.mark.parametrize("lang", OTHER)
def test_the_app_speaks_the_language_of_the_address(lang: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    book = catalogue(lang)
    assert at.radio(key="scenario").label == book("Scenario")
    assert at.selectbox(key="lang").value == lang
    assert at.selectbox(key="names").value == DEFAULT_CONVENTION[lang]  # the language's naming convention
    # the data's own texts too: the title above the map and the sides described in the sidebar
    shown = [element.value for element in at.markdown] + [element.value for element in at.sidebar.caption]
    assert at.slider(key="date").proto.format == "DD.MM.YYYY"  # no English month names in the slider
    for key in ("meta:title", "controller:ARM:description"):
        assert any(md_escape(book.texts[key]) in text for text in shown), (key, shown[:4])


def test_choosing_a_language_sets_its_naming_convention() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert at.selectbox(key="names").value == "neutral"
    at.selectbox(key="lang").set_value("hy").run()
    assert at.selectbox(key="names").value == "hy"
    assert at.query_params["lang"] == ["hy"] or at.query_params["lang"] == "hy"
