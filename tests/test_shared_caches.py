"""What the server computes once and shares: once whatever the threads, and the same as computed directly."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from geo.memo import remember
from geo.model import Model
from geo.vocab import SCENARIOS
from tests.conftest import ROOT


class Owner:
    """Anything with a __dict__ can hold a cache (the model, the timeline)."""


def test_remember_computes_once_per_key_and_returns_the_value() -> None:
    owner, calls = Owner(), []

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    assert remember(owner, "_c", "a", lambda: compute("a")) == "A"
    assert remember(owner, "_c", "a", lambda: compute("a")) == "A"
    assert remember(owner, "_c", "b", lambda: compute("b")) == "B"
    assert calls == ["a", "b"]


def test_remember_computes_once_when_threads_ask_together() -> None:
    """Thirty sessions opening at once asked for the same captions: each used to compute them."""
    owner, calls, lock = Owner(), [], threading.Lock()
    start = threading.Barrier(16)
    results: list[int] = []

    def compute() -> int:
        with lock:
            calls.append(1)
        return sum(range(200_000))  # long enough for the others to arrive while it runs

    def ask() -> None:
        start.wait()
        results.append(remember(owner, "_c", "key", compute))

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert results == [sum(range(200_000))] * 16


def test_a_failed_computation_is_not_remembered() -> None:
    owner = Owner()

    def broken() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        remember(owner, "_c", "key", broken)
    assert remember(owner, "_c", "key", lambda: 3) == 3


def test_the_changes_panel_matches_the_timeline_on_every_day_of_the_war(model: Model) -> None:
    """The panel's events come from one index per scenario; they must be the timeline's own answers."""
    from geo.i18n import catalogue
    from ui import cached, text

    timeline = model.timeline
    for scenario in SCENARIOS:
        for lang in ("en", "hy"):
            book = catalogue(lang)
            day = dt.date(2020, 9, 20)
            while day <= dt.date(2021, 1, 5):
                previous = timeline.previous_key_date(day, scenario)
                today = [text.event_markdown(e, book) for e in timeline.events_on(day, scenario).itertuples()]
                since = []
                if previous is not None:
                    earlier = timeline.events_between(previous, day - dt.timedelta(days=1), scenario)
                    since = [text.event_markdown(e, book) for e in earlier.itertuples()]
                assert cached.changes(str(ROOT / "data"), day, scenario, lang) == (today, previous, since), day
                day += dt.timedelta(days=1)


def test_the_area_series_is_measured_once_and_read_back(model: Model, tmp_path: Path) -> None:
    from layers.area_series import cached_series, dated, series_rows

    asked: list[int] = []

    def model_of() -> Model:
        asked.append(1)
        return model

    first = cached_series(ROOT / "data", model_of, tmp_path)
    again = cached_series(ROOT / "data", model_of, tmp_path)
    assert asked == [1]
    assert first == again
    assert set(first) == set(SCENARIOS)
    rows = dated(first["actual"])
    assert rows[0]["date"] == model.timeline.key_dates("actual", levels=("district", "settlement", "zone"))[0]
    assert rows[-1]["date"] == model.dataset.meta.end
    assert first["scheduled"] == series_rows(model, "scheduled")


def test_a_damaged_area_file_is_measured_again(model: Model, tmp_path: Path) -> None:
    from layers.area_series import cached_series
    from layers.prebuilt import fingerprint

    (tmp_path / f"areas-{fingerprint(ROOT / 'data')}.json").write_text('{"actual": [', encoding="utf-8")
    series = cached_series(ROOT / "data", lambda: model, tmp_path)
    stored = json.loads((tmp_path / f"areas-{fingerprint(ROOT / 'data')}.json").read_text(encoding="utf-8"))
    assert stored == series
    assert len(series["actual"]) > 10
