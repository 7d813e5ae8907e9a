"""Scrubbing the map page itself: this tree's page against a baseline commit's, in one run.

Builds the standalone map page from the working tree and from a baseline git
revision (checked out in a temporary worktree), opens both in Debian's
Chromium and presses ArrowRight on the date slider, alternating between the
pages round by round so that both see the same machine. Each step is timed
in the page, from the key press to the next animation frame.

    python bench/page_scrub.py --baseline e7fa8fd          # 5 rounds of 40 steps
    python bench/page_scrub.py --baseline HEAD --quick      # 2 rounds of 20 steps

The last line printed is one JSON object:
{"steps", "rounds", "p50_ms", "p95_ms", "baseline_p50_ms", "baseline_p95_ms", "ratio", ...}
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from scrub import ARGS, CHROMIUM, MEASURE_IN_MAP, percentile  # noqa: E402

BUILD = (
    "import datetime as dt, sys\n"
    "from pathlib import Path\n"
    "from geo.model import Model\n"
    "from layers.export import interactive_html\n"
    "sys.stdout.write(interactive_html(Model.load(Path(sys.argv[1])), day=dt.date(2020, 10, 1)))\n"
)


def build_page(code: Path, data: Path, out: Path) -> Path:
    """The standalone page as the code in ``code`` renders the data in ``data``."""
    html = subprocess.run(
        [sys.executable, "-c", BUILD, str(data)],
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        capture_output=True,
        check=True,
    ).stdout
    out.write_bytes(html)
    return out


def build_pages(revision: str, folder: Path) -> tuple[Path, Path]:
    """(this tree's page, the baseline's page), both from the baseline's data so only the code differs."""
    tree = folder / "baseline"
    git = ["git", "worktree"]
    subprocess.run([*git, "add", "--detach", str(tree), revision], cwd=ROOT, check=True, capture_output=True)
    try:
        ours = build_page(ROOT, tree / "data", folder / "current.html")
        return ours, build_page(tree, tree / "data", folder / "baseline.html")
    finally:
        subprocess.run([*git, "remove", "--force", str(tree)], cwd=ROOT, check=True, capture_output=True)


def scrub(browser, page_path: Path, steps: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(page_path.as_uri() + "#date=2020-10-01")
    page.wait_for_function("window.tcm && tcm.day() === '2020-10-01'")
    page.evaluate(MEASURE_IN_MAP)
    page.locator("#tcm-date").focus()
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"window.__latencies.length >= {steps}")
    latencies = page.evaluate("window.__latencies")
    page.close()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare against (default HEAD)")
    parser.add_argument("--quick", action="store_true", help="2 rounds of 20 steps")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--steps", type=int, default=None)
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 5)
    steps = args.steps or (20 if args.quick else 40)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_page, base_page = build_pages(args.baseline, folder)
        ours: list[float] = []
        base: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            scrub(browser, ours_page, 5)  # warm the browser's caches once for both
            for number in range(rounds):
                order = [(ours_page, ours), (base_page, base)]
                for path, bucket in order if number % 2 == 0 else reversed(order):
                    bucket.extend(scrub(browser, path, steps))
            browser.close()
    result = {
        "steps": steps,
        "rounds": rounds,
        "baseline": args.baseline,
        "p50_ms": round(statistics.median(ours), 2),
        "p95_ms": round(percentile(ours, 0.95), 2),
        "baseline_p50_ms": round(statistics.median(base), 2),
        "baseline_p95_ms": round(percentile(base, 0.95), 2),
    }
    result["ratio"] = round(result["p50_ms"] / result["baseline_p50_ms"], 2)
    print(f"this tree: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms over {rounds} x {steps} steps")
    print(f"baseline {args.baseline}: p50 {result['baseline_p50_ms']} ms, p95 {result['baseline_p95_ms']} ms")
    print(f"ratio this/baseline at p50: {result['ratio']} (below 1 is faster)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
