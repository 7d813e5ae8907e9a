"""Text from data is shown as text: in the page's config, in exports, in the app's panels."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from geo.model import Model
from layers import export
from layers.embed import embed_snippet
from layers.static_map import Snapshot
from tests import hostile
from ui import text

FIRST_DAY = dt.date(1994, 5, 12)


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return Model.load(hostile.write_hostile_scenario(tmp_path_factory.mktemp("hostile") / "scenario"))


@pytest.fixture(scope="module")
def example() -> Model:
    return Model.load(hostile.EXAMPLE)


class Elements(html.parser.HTMLParser):
    """Every start tag of a page, as the browser's parser would see it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_config = tag == "script" and dict(attrs).get("id") == "tcm-config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_interactive_page_carries_hostile_text_only_as_data(evil: Model, example: Model) -> None:
    hostile_page = parse(export.interactive_html(evil, day=FIRST_DAY))
    clean_page = parse(export.interactive_html(example, day=FIRST_DAY))
    # the same elements as the clean page: nothing from the data became a tag
    assert [t for t, _ in hostile_page.tags] == [t for t, _ in clean_page.tags]
    assert not any(tag in ("img", "svg", "b") for tag, _ in hostile_page.tags)
    config = json.loads(hostile_page.config)
    flat = json.dumps(config, ensure_ascii=False)
    for payload in (hostile.PLACE, hostile.TITLE, hostile.CONTROLLER, hostile.NOTE):
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in flat, payload
    assert "<" not in hostile_page.config and "&" not in hostile_page.config


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_exports_draw_hostile_text_as_written(evil: Model, fmt: str) -> None:
    data = export.snapshot_bytes(evil, Snapshot(FIRST_DAY), fmt)
    assert len(data) > 10_000
    if fmt == "svg":
        root = ET.fromstring(data)
        svg_text = " ".join("".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text"))
        assert hostile.TITLE in svg_text  # "$...$" is not typeset as mathematics
        assert "<img src=x onerror=alert('summary')>" in svg_text
        assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def test_a_dollar_sign_in_a_name_does_not_break_an_animation(evil: Model, tmp_path: Path) -> None:
    out = export.write_animation(evil, tmp_path / "a.gif", start=FIRST_DAY, end=dt.date(1994, 6, 1), step="day")
    assert out.stat().st_size > 10_000


def test_panel_markdown_escapes_markup_and_refuses_other_link_schemes() -> None:
    line = text.source_markdown(hostile.SOURCE)
    assert "](" not in line and not re.search(r"(?<!\\)[<>\[\]()]", line)
    assert text.source_url("javascript:alert(1)") is None
    assert text.source_url("https://example.org/a b") == "https://example.org/a"
    escaped = text.md_escape(hostile.SUMMARY)
    assert not re.search(r"(?<!\\)[<>\[\]()$]", escaped)


def test_embed_snippet_escapes_the_address() -> None:
    snippet = embed_snippet(
        'https://x.org/"><script>alert(1)</script>', day=FIRST_DAY, scenario="actual", convention="neutral"
    )
    assert "<script>" not in snippet and snippet.count("<iframe") == 1
    assert "&quot;&gt;&lt;script&gt;" in snippet
