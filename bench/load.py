"""Classroom-size load: 30 sessions scrubbing and exporting against one app, for a minute.

A classroom is 30 machines and one server, so the sessions here are light
clients that speak Streamlit's own protocol (HTTP for the page and its
assets, then protobuf messages over the websocket), exactly as the browser
does, without 30 browsers competing with the server for this machine's two
cores. Each session fetches over its own keep-alive connections, at most
six at once, as a browser tab does (``http_tab.py``). Each session opens the app (page, scripts, styles, the map page),
reports the map as loaded as the browser component does, then for the given
time moves the date through the map's bridge (as a viewer scrubs) and, every
few steps, presses "Make the file" for a PNG of the view and downloads it
(as a journalist exports). One real Chromium page
scrubs at the same time and measures, as a person sees it, the time from a
key press on the map until Streamlit's panels show the new date.

The same light clients then open a one-line Streamlit page with the app's
config and rerun it at the same pace: what any Streamlit app costs this
machine before it does anything (the floor under "opening" and "date
change"). Then they scrub the naive baseline (an st_folium page that
rebuilds the whole map on every slider step, same data) for comparison.

Figures: errors (any failed request, an exception shown by the app, a
timeout, a PNG that is not a PNG), p50 and p95 response times, and the
server's resident memory (peak = the kernel's high-water mark, VmHWM).

    python bench/load.py                 # 30 sessions for 60 s, then the naive baseline
    python bench/load.py --quick         # 5 sessions for 15 s
    python bench/load.py --warm          # one session opens the app first, as the teacher's screen does

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gzip
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets
from playwright.async_api import async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import DoubleArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_tab import Tab
from scrub import ARGS, CHROMIUM, ROOT, percentile, prepare_naive, streamlit, write_bare_page

TIMEOUT_S = 120.0
FIRST_DAY = dt.date(2020, 9, 27)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXPORT_EVERY = 6  # every sixth action of a session is a PNG export (0: none)


@dataclass
class Tally:
    """What the sessions saw."""

    opened_s: list[float] = field(default_factory=list)
    scrub_ms: list[float] = field(default_factory=list)
    export_ms: list[float] = field(default_factory=list)
    browser_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class MemoryWatch:
    """Samples a process's resident memory; the peak is the kernel's own high-water mark."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def field_kb(self, name: str) -> int:
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(name + ":"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def children(self) -> list[int]:
        """The server's child processes (the export workers)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.pid:
                    found.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return found

    def children_peak_kb(self) -> int:
        return sum(MemoryWatch(child).field_kb("VmHWM") for child in self.children())

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.samples.append(self.field_kb("VmRSS"))

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def fetch(url: str) -> bytes:
    """A GET as a browser makes it, compression accepted (the bytes returned are as sent)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        return response.read()


def unpacked(sent: bytes) -> str:
    """A text response as the browser reads it (gzip undone)."""
    return (gzip.decompress(sent) if sent[:2] == b"\x1f\x8b" else sent).decode("utf-8")


async def fetch_page_and_assets(tab: Tab) -> int:
    """What a browser downloads before the websocket opens: the page, its scripts and styles."""
    sent = await tab.get(tab.base)
    assets = re.findall(r'(?:src|href)="\.?/?(static/[^"]+)"', unpacked(sent))
    sizes = await tab.get_all([tab.base + asset for asset in assets])
    return len(sent) + sum(len(s) for s in sizes)


@dataclass
class Run:
    """The elements one script run sent, as far as the load test needs them."""

    headings: list[str] = field(default_factory=list)
    widgets: dict[str, Any] = field(default_factory=dict)  # kind -> element proto
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id
    downloads: dict[str, str] = field(default_factory=dict)  # label -> file address
    exceptions: list[str] = field(default_factory=list)
    status: int | None = None


class ProtocolSession:
    """One user's tab, as Streamlit's frontend speaks to the server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.ws: Any = None
        self.states: dict[str, WidgetState] = {}
        self.bridge_id = ""
        self.map_doc = ""
        self.map_src: str | None = None  # the map page's address, when the app sends it by address
        self.tab = Tab(base)  # this tab's HTTP connections
        self.fragment_of: dict[str, str] = {}  # widget id -> the fragment it is in ("" for none)

    async def connect(self) -> None:
        url = self.base.replace("http://", "ws://") + "_stcore/stream"
        self.ws = await websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, origin=self.base.rstrip("/"), open_timeout=TIMEOUT_S
        )

    async def close(self) -> None:
        self.tab.close()
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, query: str = "", fragment: str = "") -> Run:
        """A run of the script, or of one fragment of it (as the browser asks when a widget in it changes)."""
        message = BackMsg(
            rerun_script=ClientState(
                query_string=query, widget_states=WidgetStates(widgets=self.states.values()), fragment_id=fragment
            )
        )
        await self.ws.send(message.SerializeToString())
        return await self.read_run()

    async def read_run(self) -> Run:
        run = Run()
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT_S)
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.note_element(message.delta.new_element, run, message.delta.fragment_id)
            elif kind == "script_finished":
                run.status = message.script_finished
                if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return run

    def note_element(self, element: Any, run: Run, fragment: str = "") -> None:
        kind = element.WhichOneof("type")
        if kind == "heading":
            run.headings.append(element.heading.body)
        elif kind == "exception":
            run.exceptions.append(element.exception.message)
        elif kind == "download_button":
            run.downloads[element.download_button.label] = element.download_button.url
        elif kind == "button":
            run.buttons[element.button.label] = element.button.id
            self.fragment_of[element.button.id] = fragment
        elif kind == "bidi_component" and element.bidi_component.component_name.endswith("tcm_map_bridge"):
            self.bridge_id = element.bidi_component.id
            self.fragment_of[self.bridge_id] = fragment
            data = json.loads(element.bidi_component.json or "{}")
            self.map_doc = data.get("doc", self.map_doc)
            if "src" in data and self.map_src is None:
                self.map_src = data["src"]  # fetched with its files by fetch_map, as the iframe does
            if "html" in data or "src" in data:
                # the browser component mounts the page, then reports it loaded
                self.set_bridge({"loaded": self.map_doc})
        elif kind is not None:
            run.widgets[kind] = element

    def set_bridge(self, state: dict[str, Any]) -> None:
        previous = self.states.get(self.bridge_id)
        merged = {**(json.loads(previous.json_value) if previous else {}), **state}
        self.states[self.bridge_id] = WidgetState(id=self.bridge_id, json_value=json.dumps(merged))

    async def move_map_to(self, day: dt.date) -> Run:
        """What the map's bridge sends when the user moves the date on the map."""
        self.set_bridge({"view": {"date": day.isoformat(), "layers": None, "view": None, "mode": None}})
        return await self.rerun(fragment=self.fragment_of.get(self.bridge_id, ""))

    async def slide_to(self, slider_id: str, day: dt.date) -> Run:
        """What Streamlit's own date slider sends (the naive page has only that)."""
        micros = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) * 1_000_000
        self.states[slider_id] = WidgetState(id=slider_id, double_array_value=DoubleArray(data=[micros]))
        return await self.rerun()

    async def press(self, button_id: str) -> Run:
        """A button click: a trigger sent with one rerun, then gone."""
        self.states[button_id] = WidgetState(id=button_id, trigger_value=True)
        try:
            return await self.rerun(fragment=self.fragment_of.get(button_id, ""))
        finally:
            del self.states[button_id]

    async def fetch_map(self) -> int:
        """What the map's iframe downloads: its page, the code and styles it links, its two data parts."""
        if self.map_src is None:
            return 0
        page_url = urllib.parse.urljoin(self.base, self.map_src)
        sent = await self.tab.get(page_url)
        page = unpacked(sent)  # compressed on the wire
        files = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
        parts = re.search(r'"parts":(\{[^}]*\})', page)
        if parts:
            files += [f"{name}.json.gz" for name in json.loads(parts.group(1)).values()]
        sizes = await self.tab.get_all([urllib.parse.urljoin(page_url, f) for f in files])
        return len(sent) + sum(len(size) for size in sizes)

    async def fetch(self, address: str) -> bytes:
        return await self.tab.get(address)


async def open_tab(base: str) -> tuple[ProtocolSession, float]:
    """A new tab: the page and its assets fetched, the websocket open; and when it started."""
    session = ProtocolSession(base)
    started = time.perf_counter()
    await fetch_page_and_assets(session.tab)
    await session.connect()
    return session, started


async def app_session(base: str, number: int, seconds: float, tally: Tally, export_every: int) -> None:
    rng = random.Random(number)
    day = FIRST_DAY + dt.timedelta(days=number % 40)
    session, started = await open_tab(base)
    try:
        run = await session.rerun(f"date={day.isoformat()}&span=war")
        await session.fetch_map()
        if f"Districts on {long_date(day)}" not in run.headings:
            # the map reported "loaded": the deferred panels follow (in the map's fragment, if it has one)
            run = await session.rerun(fragment=session.fragment_of.get(session.bridge_id, ""))
        if f"Districts on {long_date(day)}" not in run.headings:
            tally.errors.append(f"session {number}: the panels never showed {day}")
            return
        tally.opened_s.append(time.perf_counter() - started)
        deadline = time.perf_counter() + seconds
        steps = 0
        while time.perf_counter() < deadline:
            steps += 1
            await asyncio.sleep(rng.uniform(0.3, 1.2))  # a person reads before the next step
            if export_every and steps % export_every == 0:
                t0 = time.perf_counter()
                run = await session.press(run.buttons["Make the file"])
                offered = [address for label, address in run.downloads.items() if label.endswith(".png")]
                if not offered:
                    tally.errors.append(f"session {number}: no PNG offered after 'Make the file'")
                    continue
                png = await session.fetch(offered[0])
                tally.export_ms.append((time.perf_counter() - t0) * 1000)
                if not png.startswith(PNG_MAGIC) or len(png) < 10_000:
                    tally.errors.append(f"session {number}: the PNG download was {len(png)} bytes, not an image")
                continue
            day += dt.timedelta(days=1)
            t0 = time.perf_counter()
            run = await session.move_map_to(day)
            tally.scrub_ms.append((time.perf_counter() - t0) * 1000)
            if f"Districts on {long_date(day)}" not in run.headings:
                tally.errors.append(f"session {number}: after a move to {day} the panels showed {run.headings[:3]}")
            for text in run.exceptions:
                tally.errors.append(f"session {number}: the app showed an exception: {text}")
    finally:
        await session.close()


async def naive_session(base: str, number: int, seconds: float, tally: Tally, export_every: int = 0) -> None:
    rng = random.Random(number)
    day = dt.date(2020, 10, 1)
    session, started = await open_tab(base)
    try:
        run = await session.rerun()
        slider = run.widgets.get("slider")
        if slider is None:
            tally.errors.append(f"session {number}: the naive page has no slider")
            return
        tally.opened_s.append(time.perf_counter() - started)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            await asyncio.sleep(rng.uniform(0.3, 1.2))
            day += dt.timedelta(days=1)
            t0 = time.perf_counter()
            run = await session.slide_to(slider.slider.id, day)
            tally.scrub_ms.append((time.perf_counter() - t0) * 1000)
            for text in run.exceptions:
                tally.errors.append(f"session {number}: the naive page showed an exception: {text}")
    finally:
        await session.close()


async def bare_session(base: str, number: int, seconds: float, tally: Tally, export_every: int = 0) -> None:
    """A one-line Streamlit page, opened and rerun at the same pace: the floor any Streamlit app starts from."""
    rng = random.Random(number)
    session, started = await open_tab(base)
    try:
        run = await session.rerun()
        if run.status is None or run.exceptions:
            tally.errors.append(f"session {number}: the one-line page did not run")
            return
        tally.opened_s.append(time.perf_counter() - started)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            await asyncio.sleep(rng.uniform(0.3, 1.2))
            t0 = time.perf_counter()
            await session.rerun()
            tally.scrub_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        await session.close()


async def observer(base: str, seconds: float, tally: Tally) -> None:
    """One real browser among the sessions: key press on the map to Streamlit's panels, as seen."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda exc: tally.errors.append(f"browser: script error: {exc}"))
        day = dt.date(2020, 10, 20)
        await page.goto(f"{base}?date={day.isoformat()}&span=war", timeout=TIMEOUT_S * 1000)
        await page.get_by_text(f"Districts on {long_date(day)}").wait_for(timeout=TIMEOUT_S * 1000)
        frame = page.frame_locator("iframe.tcm-frame")
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            await frame.locator("#tcm-date").focus()
            t0 = time.perf_counter()
            await page.keyboard.press("ArrowRight")
            day += dt.timedelta(days=1)
            await page.get_by_text(f"Districts on {long_date(day)}").wait_for(timeout=TIMEOUT_S * 1000)
            tally.browser_ms.append((time.perf_counter() - t0) * 1000)
            await page.wait_for_timeout(700)
        if await page.locator("[data-testid=stException]").count():
            tally.errors.append("browser: the app showed an exception")
        await browser.close()


async def run_all(
    base: str, sessions: int, seconds: float, naive: bool, with_browser: bool, export_every: int, bare: bool = False
) -> Tally:
    tally = Tally()

    async def guarded(coroutine: Any, who: str) -> None:
        try:
            await coroutine
        except Exception as exc:  # every failure of a session is a finding: counted and reported
            tally.errors.append(f"{who}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")

    session = bare_session if bare else naive_session if naive else app_session
    jobs = [guarded(session(base, n, seconds, tally, export_every), f"session {n}") for n in range(sessions)]
    if with_browser:
        jobs.append(guarded(observer(base, seconds, tally), "browser"))
    await asyncio.gather(*jobs)
    return tally


def wait_until_up(base: str) -> None:
    deadline = time.perf_counter() + 60
    while True:
        try:
            fetch(base + "_stcore/health")
            return
        except OSError:
            if time.perf_counter() > deadline:
                raise
            time.sleep(0.2)


def summary(values: list[float], digits: int = 1) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return round(statistics.median(values), digits), round(percentile(values, 0.95), digits)


async def open_once(base: str, naive: bool) -> None:
    """One session opened to the end before the others: the teacher's screen, on before the class arrives."""
    tally = Tally()
    await (naive_session if naive else app_session)(base, 0, 0.0, tally, 0)
    if tally.errors:
        raise RuntimeError(f"the first session failed: {tally.errors[0]}")


def measure(
    script: Path,
    cwd: Path,
    sessions: int,
    seconds: float,
    naive: bool,
    export_every: int = 0,
    warm: bool = False,
    bare: bool = False,
) -> dict[str, Any]:
    with streamlit(script, cwd) as (base, _, pid):
        wait_until_up(base)
        if warm and not bare:
            asyncio.run(open_once(base, naive))
        with MemoryWatch(pid) as memory:
            idle_kb = memory.field_kb("VmRSS")
            cpu_before, wall_before = memory.cpu_seconds(), time.perf_counter()
            browser = not naive and not bare
            tally = asyncio.run(run_all(base, sessions, seconds, naive, browser, export_every, bare))
            cpu = memory.cpu_seconds() - cpu_before
            wall = time.perf_counter() - wall_before
            peak_kb = memory.field_kb("VmHWM")
            workers_kb = memory.children_peak_kb()
    opened = summary(tally.opened_s, 2)
    scrub, export, seen = summary(tally.scrub_ms), summary(tally.export_ms), summary(tally.browser_ms)
    for line in tally.errors[:20]:
        print("  error:", line)
    result: dict[str, Any] = {
        "sessions": sessions,
        "seconds": seconds,
        "actions": len(tally.scrub_ms) + len(tally.export_ms),
        "errors": len(tally.errors),
        "open_p50_s": opened[0],
        "open_p95_s": opened[1],
        "date_change_p50_ms": scrub[0],
        "date_change_p95_ms": scrub[1],
        "server_idle_mb": round(idle_kb / 1024, 1),
        "server_peak_mb": round(peak_kb / 1024, 1),
        "export_workers_peak_mb": round(workers_kb / 1024, 1),
        # one Python process: past about one core, requests queue (the interpreter lock)
        "server_cores_used": round(cpu / wall, 2),
        "server_cpu_ms_per_action": round(1000 * cpu / max(1, len(tally.scrub_ms) + len(tally.export_ms)), 1),
    }
    if not naive and not bare:
        result.update(
            {
                "exports": len(tally.export_ms),
                "png_export_p50_ms": export[0],
                "png_export_p95_ms": export[1],
                "browser_steps": len(tally.browser_ms),
                "browser_key_to_panels_p50_ms": seen[0],
                "browser_key_to_panels_p95_ms": seen[1],
            }
        )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="5 sessions for 15 s")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--export-every", type=int, default=EXPORT_EVERY, help="every Nth action exports (0: none)")
    parser.add_argument(
        "--warm", action="store_true", help="one session opens the app before the others (the teacher's screen)"
    )
    args = parser.parse_args()
    sessions, seconds = (5, 15.0) if args.quick else (args.sessions, args.seconds)
    subprocess.run([sys.executable, "-m", "layers.prebuilt"], cwd=ROOT, check=True, capture_output=True)

    ours = measure(
        ROOT / "app.py", ROOT, sessions, seconds, naive=False, export_every=args.export_every, warm=args.warm
    )
    print(
        f"app: {sessions} sessions for {seconds:.0f} s: {ours['actions']} actions, {ours['errors']} errors; "
        f"open p95 {ours['open_p95_s']} s; date change p50 {ours['date_change_p50_ms']} ms, "
        f"p95 {ours['date_change_p95_ms']} ms; PNG export ({ours['exports']}) p50 {ours['png_export_p50_ms']} ms, "
        f"p95 {ours['png_export_p95_ms']} ms; in a real browser, key press to panels p50 "
        f"{ours['browser_key_to_panels_p50_ms']} ms, p95 {ours['browser_key_to_panels_p95_ms']} ms; "
        f"server memory {ours['server_idle_mb']} MB idle, {ours['server_peak_mb']} MB peak "
        f"(+ {ours['export_workers_peak_mb']} MB in export workers); "
        f"server busy {ours['server_cores_used']} cores, {ours['server_cpu_ms_per_action']} ms CPU per action"
    )
    result: dict[str, Any] = {"warm": args.warm, **ours}
    with tempfile.TemporaryDirectory() as tmp:
        bare = measure(write_bare_page(Path(tmp)), Path(tmp), sessions, seconds, naive=False, bare=True)
    print(
        f"one-line Streamlit page, same sessions (the framework's floor): open p50 {bare['open_p50_s']} s, "
        f"p95 {bare['open_p95_s']} s; rerun p50 {bare['date_change_p50_ms']} ms, p95 {bare['date_change_p95_ms']} ms"
    )
    result.update({f"bare_{key}": value for key, value in bare.items() if key not in ("sessions", "seconds")})
    if not args.no_naive:
        with tempfile.TemporaryDirectory() as tmp:
            naive = measure(prepare_naive(Path(tmp)), Path(tmp), sessions, seconds, naive=True, warm=args.warm)
        print(
            f"naive st_folium page, same sessions: {naive['actions']} steps, {naive['errors']} errors; "
            f"date change p50 {naive['date_change_p50_ms']} ms, p95 {naive['date_change_p95_ms']} ms; "
            f"server memory {naive['server_peak_mb']} MB peak; server busy {naive['server_cores_used']} cores, "
            f"{naive['server_cpu_ms_per_action']} ms CPU per step"
        )
        result.update({f"naive_{key}": value for key, value in naive.items() if key not in ("sessions", "seconds")})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
