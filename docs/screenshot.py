"""Regenerate docs/screenshot.png: the app on 21 November 2020, a tooltip open.

Run from the repository root with the app's dependencies installed and
Debian's Chromium present: ``python docs/screenshot.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            "8765",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1050})
            for _ in range(60):
                try:
                    page.goto("http://127.0.0.1:8765/?date=2020-11-21")
                    break
                except Exception:  # the server is still starting
                    page.wait_for_timeout(500)
            frame = page.frame_locator("iframe.tcm-frame")
            frame.locator("[data-testid=map-date]").wait_for(timeout=60_000)
            # the panels under the map are built after it; wait until no spinner is left
            page.get_by_text("What changed on this date").wait_for(state="attached", timeout=120_000)
            page.locator("[data-testid=stSpinner]").first.wait_for(state="detached", timeout=120_000)
            # hover Kalbajar district: its name is drawn over it and lets the pointer through to the shape
            label = frame.locator(".tcm-label-district", has_text="Kalbajar").bounding_box()
            assert label is not None
            page.mouse.move(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2 + 12)
            frame.locator(".tcm-tooltip").wait_for(timeout=10_000)
            page.screenshot(
                path=str(ROOT / "docs/screenshot.png"), clip={"x": 0, "y": 0, "width": 1440, "height": 1050}
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
