"""A phone on a slow network: the published site, from navigation to every district painted.

Writes the site's English page as ``python -m geo publish`` does (the page
and its assets; the snapshots, which the page does not load, are left out),
serves it as a sound static host does (``layers.site_server``: hashed files
cached for good, precompressed text sent compressed), and opens it in
Debian's Chromium with DevTools protocol emulation: the CPU slowed 4 times,
1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, an empty cache (a first
visit). Time runs from the navigation's start to the animation frame after
every district of the map has its colour. Bytes on the wire are what the
network layer received for every request of the page, headers included.

Baseline in the same run: the self-contained page (everything inline, as
before the split), from the same host, compressed as a whole.

    python bench/phone.py            # 5 visits of each
    python bench/phone.py --quick    # 2 visits of each, under a minute

The last line printed is one JSON object:
{"first_map_s", "wire_kb", "cpu_throttle": 4, "down_kbps": 1600, "rtt_ms": 150, ...}
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scrub import ARGS, CHROMIUM, ROOT

sys.path.insert(0, str(ROOT))

CPU_THROTTLE = 4
DOWN_KBPS, UP_KBPS, RTT_MS = 1600, 750, 150
DAY = "2020-11-21"
PAINTED = """
ids => {
  function check() {
    if (window.tcm && ids.every(id => tcm.fillOf(id))) {
      requestAnimationFrame(() => { window.__painted = performance.now(); });
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
}
"""


def write_pages(folder: Path) -> list[str]:
    """The published page (split) and the self-contained page; the district ids to wait for."""
    from geo.model import Model
    from layers.export import interactive_html, write_site_pages
    from layers.page_files import gzip_bytes

    model = Model.load()
    write_site_pages(model, folder, ("en",))
    single = interactive_html(model, day=model.dataset.meta.default_date, data_url="data.zip").encode("utf-8")
    (folder / "single.html").write_bytes(single)
    (folder / "single.html.gz").write_bytes(gzip_bytes(single))  # the host compresses it as a whole
    return list(model.dataset.area_districts.index)


def visit(browser, url: str, districts: list[str]) -> tuple[float, float]:
    """(seconds from navigation to every district painted, kB on the wire) on a throttled first visit."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": RTT_MS,
            "downloadThroughput": DOWN_KBPS * 1000 / 8,
            "uploadThroughput": UP_KBPS * 1000 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLE})
    received: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.add_init_script(f"({PAINTED})({json.dumps(districts)})")
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__painted !== undefined", timeout=120_000, polling=100)
    painted_ms = page.evaluate("window.__painted")
    page.wait_for_load_state("load")
    context.close()
    return painted_ms / 1000, sum(received.values()) / 1024


def serve(folder: Path):
    from layers.site_server import make_server

    server = make_server(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 visits of each (under a minute)")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args()
    runs = args.runs or (2 if args.quick else 5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        districts = write_pages(folder)
        server = serve(folder)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        split, single = [], []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for _ in range(runs):  # interleaved, so a slow spell of the machine hits both
                    split.append(visit(browser, f"{base}/index.html#date={DAY}", districts))
                    single.append(visit(browser, f"{base}/single.html#date={DAY}", districts))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    result = {
        "first_map_s": round(statistics.median(t for t, _ in split), 2),
        "wire_kb": round(statistics.median(kb for _, kb in split), 1),
        "cpu_throttle": CPU_THROTTLE,
        "down_kbps": DOWN_KBPS,
        "rtt_ms": RTT_MS,
        "runs": runs,
        "single_page_first_map_s": round(statistics.median(t for t, _ in single), 2),
        "single_page_wire_kb": round(statistics.median(kb for _, kb in single), 1),
    }
    print(f"published page: every district painted after {result['first_map_s']} s, {result['wire_kb']} kB")
    print(
        f"self-contained page, compressed whole: {result['single_page_first_map_s']} s, "
        f"{result['single_page_wire_kb']} kB"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
