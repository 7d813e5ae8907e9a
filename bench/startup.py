"""Where start-up goes: launch to first map, in phases, against a one-line Streamlit page.

Launches the app and a one-line Streamlit page in turn (same config, same
browser), several times each, and splits launch-to-first-content into

* server up: from launching ``streamlit run`` until its health check answers;
* page load: Streamlit's own page and front-end bundle (``page.goto``);
* first content: from then until the map's date is on screen (the app) or the
  page's one line is (the bare page).

It also opens the map page alone, as a file with no Streamlit around it, to
time what the map itself costs in the browser (DOMContentLoaded).

    python bench/startup.py            # 3 launches of each
    python bench/startup.py --runs 5

The last line printed is one JSON object with the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scrub import ARGS, CHROMIUM, ROOT, streamlit, write_bare_page


def wait_healthy(url: str, deadline_s: float = 60.0) -> None:
    end = time.perf_counter() + deadline_s
    while True:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=2):
                return
        except OSError:
            if time.perf_counter() > end:
                raise
            time.sleep(0.02)


def launch(browser, script: Path, cwd: Path, is_app: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        with streamlit(script, cwd) as (url, started, _):
            wait_healthy(url)
            up = time.perf_counter()
            page.goto(url)
            loaded = time.perf_counter()
            if is_app:
                page.frame_locator("iframe.tcm-frame").locator("[data-testid=map-date]").wait_for(timeout=60_000)
            else:
                page.get_by_text("ready").wait_for(timeout=60_000)
            shown = time.perf_counter()
    finally:
        page.close()
    return {
        "server_up_s": up - started,
        "page_load_s": loaded - up,
        "first_content_s": shown - loaded,
        "total_s": shown - started,
    }


def map_page_alone(browser, runs: int) -> float:
    """DOMContentLoaded of the map page opened as a file: the map's own cost in the browser."""
    from layers import prebuilt

    _, document, _ = prebuilt.load(ROOT / "data")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(document, encoding="utf-8")
        times = []
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 700})
            page.goto(path.as_uri())
            page.locator("[data-testid=map-date]").wait_for()
            times.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") / 1000)
            page.close()
    return statistics.median(times)


def median_phases(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(row[key] for row in rows), 2) for key in rows[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    subprocess.run([sys.executable, "-m", "layers.prebuilt"], cwd=ROOT, check=True, capture_output=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        bare = write_bare_page(Path(tmp))
        app_rows, bare_rows = [], []
        for _ in range(args.runs):  # interleaved, so a slow spell of the machine hits both
            app_rows.append(launch(browser, ROOT / "app.py", ROOT, is_app=True))
            bare_rows.append(launch(browser, bare, Path(tmp), is_app=False))
        alone = map_page_alone(browser, args.runs)
        browser.close()
    app, floor = median_phases(app_rows), median_phases(bare_rows)
    for label, phases in (("app", app), ("one-line Streamlit page", floor)):
        print(
            f"{label}: server up {phases['server_up_s']} s, page load {phases['page_load_s']} s, "
            f"first content {phases['first_content_s']} s, total {phases['total_s']} s"
        )
    print(f"the map page alone, opened as a file: DOMContentLoaded at {alone:.2f} s")
    result = {"runs": args.runs, "app": app, "bare_streamlit": floor, "map_page_alone_s": round(alone, 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
