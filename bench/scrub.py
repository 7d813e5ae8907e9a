"""Scrubbing benchmark: key press to repaint, in-page timeline vs a naive st_folium rerender.

Starts the real app and a naive baseline (st_folium rebuilding the whole map on
every slider change, same data) on 127.0.0.1, drives both in Debian's
Chromium with Playwright, and measures in the page, from the key press to the
next animation frame after the new colours are in the DOM.

    python bench/scrub.py            # 40 steps each
    python bench/scrub.py --quick    # 10 steps each, well under 60 s

The last line printed is one JSON object:
{"steps", "p50_ms", "p95_ms", "naive_p50_ms", "ratio", "startup_s", "page_kb", ...}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit(script: Path, cwd: Path):
    port = free_port()
    started = time.perf_counter()
    env_path = f"{ROOT}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": env_path},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/", started, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def goto_when_up(page, url: str, deadline_s: float = 60.0) -> None:
    end = time.perf_counter() + deadline_s
    while True:
        try:
            page.goto(url)
            return
        except Exception:
            if time.perf_counter() > end:
                raise
            page.wait_for_timeout(50)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


MEASURE_IN_MAP = """
() => {
  window.__latencies = [];
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    requestAnimationFrame(() => window.__latencies.push(performance.now() - t0));
  }, true);
}
"""


def bench_app(browser, steps: int) -> dict[str, float]:
    with streamlit(ROOT / "app.py", ROOT) as (url, started, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        received: dict[str, int] = {}
        page.on("requestfinished", lambda r: received.__setitem__(r.url, r.sizes()["responseBodySize"]))
        goto_when_up(page, url + "?date=2020-10-01&span=war")
        frame_locator = page.frame_locator("iframe.tcm-frame")
        frame_locator.locator("[data-testid=map-date]").wait_for(timeout=60_000)
        startup = time.perf_counter() - started
        frame = page.locator("iframe.tcm-frame").element_handle().content_frame()
        frame.wait_for_function("window.tcm && tcm.day() === '2020-10-01'")
        frame.evaluate(MEASURE_IN_MAP)
        frame_locator.locator("#tcm-date").focus()
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        frame.wait_for_function(f"window.__latencies.length >= {steps}")
        latencies = frame.evaluate("window.__latencies")
        last = frame.evaluate("tcm.day()")
        page.close()
    map_wire_kb = sum(size for address, size in received.items() if "/app/static/map/" in address) / 1024
    sys.path.insert(0, str(ROOT))
    from layers import prebuilt

    _, document, _ = prebuilt.load(ROOT / "data")
    page_kb = len(document.encode("utf-8")) / 1024  # the self-contained map page, Leaflet included
    return {
        "latencies": latencies,
        "startup_s": startup,
        "page_kb": page_kb,
        "map_wire_kb": map_wire_kb,
        "last_day": last,
    }


WATCH_NAIVE = """
(expected) => new Promise((resolve, reject) => {
  const t0 = window.__keyAt;
  const give_up = performance.now() + 60000;
  function look() {
    if (performance.now() > give_up) { reject(new Error('the naive map never showed ' + expected)); return; }
    const frames = document.querySelectorAll('iframe');
    for (const f of frames) {
      let doc = null;
      try { doc = f.contentDocument; } catch (e) { doc = null; }
      if (doc && doc.querySelector('.day-' + expected)) {
        requestAnimationFrame(() => resolve(performance.now() - t0));
        return;
      }
    }
    requestAnimationFrame(look);
  }
  look();
})
"""


def write_bare_page(folder: Path) -> Path:
    """A one-line Streamlit page, with the app's config, in ``folder``; returns its script."""
    script = folder / "hello.py"
    script.write_text("import streamlit as st\nst.write('ready')\n", encoding="utf-8")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
    return script


def bench_bare_startup(browser) -> float:
    """Launch to first paint of a one-line Streamlit page: the floor any Streamlit app starts from."""
    with tempfile.TemporaryDirectory() as tmp:
        script = write_bare_page(Path(tmp))
        with streamlit(script, Path(tmp)) as (url, started, _):
            page = browser.new_page()
            goto_when_up(page, url)
            page.get_by_text("ready").wait_for(timeout=60_000)
            elapsed = time.perf_counter() - started
            page.close()
    return elapsed


def prepare_naive(folder: Path) -> Path:
    """The naive baseline app in ``folder``, with Leaflet served locally; returns its script."""
    shutil.copy(ROOT / "bench/naive/app.py", folder / "app.py")
    shutil.copytree(ROOT / "bench/naive/.streamlit", folder / ".streamlit")
    (folder / "static").mkdir()
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(ROOT / "layers/static/vendor/leaflet" / name, folder / "static" / name)
    return folder / "app.py"


def bench_naive(browser, steps: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare_naive(folder)
        with streamlit(folder / "app.py", folder) as (url, _, _):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            goto_when_up(page, url)
            slider = page.get_by_role("slider", name="Date")
            slider.wait_for(timeout=60_000)
            page.evaluate("document.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true)")
            day = dt.date(2020, 10, 1)
            page.evaluate("window.__keyAt = performance.now()")
            page.evaluate(WATCH_NAIVE, day.isoformat())
            latencies = []
            slider.focus()
            for _ in range(steps):
                day += dt.timedelta(days=1)
                page.keyboard.press("ArrowRight")
                latencies.append(page.evaluate(WATCH_NAIVE, day.isoformat()))
            page.close()
    return {"latencies": latencies}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 steps each (under 60 s)")
    parser.add_argument("--steps", type=int, default=None)
    args = parser.parse_args()
    steps = args.steps or (10 if args.quick else 40)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        subprocess.run([sys.executable, "-m", "layers.prebuilt"], cwd=ROOT, check=True, capture_output=True)
        bare = bench_bare_startup(browser)
        ours = bench_app(browser, steps)
        naive = bench_naive(browser, steps)
        browser.close()
    p50 = statistics.median(ours["latencies"])
    naive_p50 = statistics.median(naive["latencies"])
    result = {
        "steps": steps,
        "p50_ms": round(p50, 2),
        "p95_ms": round(percentile(ours["latencies"], 0.95), 2),
        "naive_p50_ms": round(naive_p50, 1),
        "naive_p95_ms": round(percentile(naive["latencies"], 0.95), 1),
        "ratio": round(naive_p50 / p50, 1),
        "startup_s": round(ours["startup_s"], 2),
        "bare_streamlit_startup_s": round(bare, 2),
        "page_kb": round(ours["page_kb"], 1),
        "map_wire_kb": round(ours["map_wire_kb"], 1),  # what the map's iframe received over HTTP
    }
    print(f"in-page timeline: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms over {steps} steps")
    print(f"naive st_folium rerender: p50 {result['naive_p50_ms']} ms, p95 {result['naive_p95_ms']} ms")
    print(
        f"startup (launch to first map): {result['startup_s']} s; map page {result['page_kb']} kB "
        f"self-contained, {result['map_wire_kb']} kB on the wire as the app serves it"
    )
    print(f"a one-line Streamlit page starts in {result['bare_streamlit_startup_s']} s on this machine")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
