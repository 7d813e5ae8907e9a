"""Shared fixtures: the real model, tiny hand-built timelines, a browser, the app."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.model import Model
from geo.schema import EVENT_COLUMNS
from geo.timeline import Timeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def model() -> Model:
    return Model.load()


def make_events(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Events as the loader returns them, from a few fields per row."""
    defaults = {
        "scenario": "both",
        "kind": "control",
        "controller": "",
        "share_az": "",
        "status": "",
        "announced_by": "media",
        "response": "",
        "confidence": "confirmed",
        "summary": "test event",
        "sources": "https://example.org/source",
        "note": "",
    }
    table = pd.DataFrame([{**defaults, **row} for row in rows], columns=list(EVENT_COLUMNS))
    table["date"] = pd.to_datetime(table["date"]).dt.date
    return table


def make_timeline(rows: list[dict[str, str]], targets: dict[str, str] | None = None) -> Timeline:
    events = make_events(rows)
    if targets is None:
        ids = {t for cell in events["targets"] for t in cell.split(";") if t}
        targets = dict.fromkeys(ids, "district")
    return Timeline(events, targets, dt.date(2000, 1, 1), dt.date(2030, 12, 31))


# ---- browser and app ----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app, started with the README's command on a free loopback port."""
    port = free_port()
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log_path = tmp_path_factory.mktemp("app") / "streamlit.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            streamlit,
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            pytest.fail(f"streamlit exited early:\n{log_path.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            # Waiting for a server socket to accept is polling on a real condition, not a sleep for timing.
            time.sleep(0.2)
    else:
        process.kill()
        log.close()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()
