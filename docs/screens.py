"""Regenerate docs/screens/: the published map and the app on a phone, a tablet, a laptop and a large screen.

Also the map in an article's iframe (100% by 480 px, and 320 px wide),
presentation mode, four dates of the first war and the Gazakh villages after
the delimitation of May 2024, and the lines of control on four key dates
(``--lines`` makes only those). Run from the repository root with the app's dependencies
installed and Debian's Chromium present: ``python docs/screens.py``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screens"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SCREENS = {
    "phone": (390, 844, True),
    "tablet": (820, 1180, True),
    "laptop": (1366, 768, False),
    "large": (1920, 1080, False),
}
DATE = "2020-11-21"
# The first war, and the border delimitation of 2024 (zoomed on the Gazakh villages).
HISTORY = {
    "1992-02-27": "",
    "1992-05-19": "",
    "1993-04-04": "",
    "1993-09-01": "",
    "2024-05-24": "&view=41.0800,45.1500,11",
}
# The lines of control on the key dates: before the 2020 war, the ceasefire, after the handovers,
# and after the corridor's new route (August 2022); on a phone and a laptop.
LINES = ("2020-09-26", "2020-11-10", "2020-12-02", "2022-09-01")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def publish(folder: Path) -> Path:
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "geo", "publish", str(site)], cwd=ROOT, check=True, capture_output=True)
    (site / "article.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>An article</title></head>"
        "<body style='margin:0 auto;max-width:760px;font-family:serif'><h1>An article</h1><p>Text before the map.</p>"
        f"<iframe src='index.html#date={DATE}' title='Map' style='border:0;width:100%;height:480px'></iframe>"
        "<p>Text after the map, and the same map in a 320 px column:</p>"
        f"<iframe src='index.html#date={DATE}' title='Map' style='border:0;width:320px;height:480px'></iframe>"
        "</body></html>",
        encoding="utf-8",
    )
    return site


def shoot(browser: Browser, url: str, name: str, screen: str, wait: str) -> None:
    width, height, touch = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(url)
    if wait == "app":
        page.frame_locator("iframe.tcm-frame").locator("[data-testid=map-date]").wait_for(timeout=60_000)
    elif wait == "article":
        for frame in page.frames[1:]:
            frame.wait_for_function("window.tcm !== undefined", timeout=60_000)
    else:
        page.wait_for_function(wait, timeout=60_000)
    page.wait_for_timeout(800)  # let the labels settle before the picture
    page.screenshot(path=str(OUT / f"{name}-{screen}.png"))
    context.close()


def shoot_lines(browser: Browser, site: Path) -> None:
    for day in LINES:
        for screen in ("phone", "laptop"):
            url = (site / "index.html").as_uri() + f"#date={day}"
            shoot(browser, url, f"lines-{day}", screen, f"window.tcm && tcm.day() === '{day}'")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["--lines"]:  # only the key dates of the lines of control
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            shoot_lines(browser, publish(Path(tmp)))
            browser.close()
        print(f"wrote {OUT}")
        return 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            site = publish(Path(tmp))
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            ready = f"window.tcm && tcm.day() === '{DATE}'"
            for screen in SCREENS:
                shoot(browser, (site / "index.html").as_uri() + f"#date={DATE}", "site", screen, ready)
            shoot(browser, (site / "index.html").as_uri() + f"#date={DATE}&mode=present", "present", "laptop", ready)
            shoot(browser, (site / "article.html").as_uri(), "article", "laptop", "article")
            shoot_lines(browser, site)
            for day, view in HISTORY.items():
                url = (site / "index.html").as_uri() + f"#date={day}{view}"
                shoot(browser, url, f"history-{day}", "laptop", f"window.tcm && tcm.day() === '{day}'")
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.3)
            for screen in SCREENS:
                shoot(browser, f"http://127.0.0.1:{port}/?date={DATE}", "app", screen, "app")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
