"""Files for journalists: snapshots, animations, the interactive page, a static site.

Every writer builds its output in a temporary file beside the target and
moves it into place only when complete, so a failed export never leaves a
half-written file and an existing file is replaced only by a whole new one.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo.i18n import DEFAULT_CONVENTION, LANGUAGES, check_language
from geo.model import Model
from layers import assets
from layers.page_files import split_page
from layers.static_map import FORMATS, Snapshot, check_snapshot, figure
from layers.timeline_map import map_html

ANIMATION_FORMATS = ("gif", "mp4")
Progress = Callable[[int, int, str], None]


class ExportError(ValueError):
    """A request that cannot be exported (unknown format, preset or date)."""


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path; move it to ``out`` only if the block succeeds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o666 & ~current_umask())  # mkstemp makes files private; exports are for sharing
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def format_of(out: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    chosen = (fmt or out.suffix.lstrip(".")).lower()
    if chosen not in allowed:
        raise ExportError(f"unknown format {chosen!r}; choose one of {', '.join(allowed)}")
    return chosen


def snapshot_bytes(model: Model, snapshot: Snapshot, fmt: str) -> bytes:
    """One snapshot as the bytes of a PNG, SVG or PDF file."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        check_snapshot(model, snapshot)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    buffer = io.BytesIO()
    figure(model, snapshot).savefig(buffer, format=fmt, metadata=file_metadata(fmt, snapshot))
    return buffer.getvalue()


def file_metadata(fmt: str, snapshot: Snapshot) -> dict[str, str]:
    title = f"Who controlled what on {snapshot.day.isoformat()}"
    if fmt == "png":
        return {"Title": title, "Software": "karabakh-control-map"}
    if fmt == "pdf":
        return {"Title": title, "Creator": "karabakh-control-map"}
    return {"Title": title}


def write_snapshot(model: Model, snapshot: Snapshot, out: Path, fmt: str | None = None) -> Path:
    chosen = format_of(out, fmt, FORMATS)
    data = snapshot_bytes(model, snapshot, chosen)
    with atomic_output(out) as temporary:
        temporary.write_bytes(data)
    return out


def write_all_events(
    model: Model,
    out_dir: Path,
    *,
    fmt: str = "png",
    preset: str = "social",
    scenario: str = "actual",
    convention: str = "neutral",
    style: str = "colour",
    progress: Progress | None = None,
    **text: Any,
) -> list[Path]:
    """One snapshot per key date of the districts, named YYYY-MM-DD.<fmt>.

    ``text``: title, subtitle, note and highlight, as on :class:`Snapshot`.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    days = model.timeline.key_dates(scenario)
    written = []
    for number, day in enumerate(days, start=1):
        out = out_dir / f"{day.isoformat()}.{fmt}"
        write_snapshot(model, Snapshot(day, scenario, convention, preset, style, **text), out, fmt)
        written.append(out)
        if progress:
            progress(number, len(days), out.name)
    return written


def animation_days(model: Model, start: dt.date, end: dt.date, step: str, scenario: str) -> list[dt.date]:
    if start > end:
        raise ExportError(f"the range starts ({start}) after it ends ({end})")
    for day in (start, end):
        try:
            model.timeline.check_date(day)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    if step == "day":
        return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    if step == "event":
        changes = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
        return [start] + [d for d in changes if start < d <= end]
    raise ExportError(f"unknown step {step!r}; choose day or event")


def write_animation(
    model: Model,
    out: Path,
    *,
    start: dt.date,
    end: dt.date,
    step: str = "event",
    preset: str = "social",
    scenario: str = "actual",
    convention: str = "neutral",
    seconds_per_frame: float = 1.0,
    style: str = "colour",
    progress: Progress | None = None,
    **text: Any,
) -> Path:
    """A GIF or MP4 of the date range; every frame carries its date (and ``text``, as on :class:`Snapshot`)."""
    fmt = format_of(out, None, ANIMATION_FORMATS)
    try:
        check_snapshot(model, Snapshot(start, scenario, convention, preset, style, **text))
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    days = animation_days(model, start, end, step, scenario)
    frames = []
    for number, day in enumerate(days, start=1):
        fig = figure(model, Snapshot(day, scenario, convention, preset, style, **text))
        fig.canvas.draw()
        frames.append(bytes(fig.canvas.buffer_rgba()))
        size = fig.canvas.get_width_height()
        if progress:
            progress(number, len(days), day.isoformat())
    with atomic_output(out) as temporary:
        if fmt == "gif":
            write_gif(frames, size, temporary, seconds_per_frame)
        else:
            write_mp4(frames, size, temporary, seconds_per_frame)
    return out


def write_gif(frames: list[bytes], size: tuple[int, int], out: Path, seconds_per_frame: float) -> None:
    from PIL import Image

    images = [Image.frombuffer("RGBA", size, frame, "raw", "RGBA", 0, 1).convert("RGB") for frame in frames]
    palette_images = [image.quantize(colors=128, method=Image.Quantize.MEDIANCUT) for image in images]
    palette_images[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=palette_images[1:],
        duration=int(seconds_per_frame * 1000),
        loop=0,
        optimize=False,
    )


def write_mp4(frames: list[bytes], size: tuple[int, int], out: Path, seconds_per_frame: float) -> None:
    """H.264 through the ffmpeg binary that the imageio-ffmpeg package ships."""
    import imageio_ffmpeg

    width, height = size
    even = (width - width % 2, height - height % 2)
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-y",
        "-loglevel",
        "error",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgba",
        "-s",
        f"{width}x{height}",
        "-framerate",
        f"{1 / seconds_per_frame:.4f}",
        "-i",
        "-",
        "-vf",
        f"crop={even[0]}:{even[1]}:0:0,fps=25",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(out),
    ]
    result = subprocess.run(command, input=b"".join(frames), capture_output=True, check=False)
    if result.returncode != 0:
        raise ExportError("ffmpeg failed: " + result.stderr.decode(errors="replace").strip().splitlines()[-1])


def interactive_html(
    model: Model,
    *,
    day: dt.date,
    scenario: str = "actual",
    convention: str = "neutral",
    data_url: str | None = None,
    lang: str = "en",
    language_pages: dict[str, str] | None = None,
) -> str:
    """One self-contained page: every script and style inlined, the whole timeline inside."""
    return map_html(
        model,
        day=day,
        scenario=scenario,
        convention=convention,
        embedded=False,
        data_url=data_url,
        lang=lang,
        language_pages=language_pages,
    )


def write_interactive(
    model: Model, out: Path, *, day: dt.date, scenario: str = "actual", convention: str = "neutral", lang: str = "en"
) -> Path:
    try:
        model.timeline.check_date(day)
        check_language(lang)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    page = interactive_html(model, day=day, scenario=scenario, convention=convention, lang=lang)
    with atomic_output(out) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return out


SITE_README = """This folder is a static site: upload it as it is to any static host or CDN.
index.html is the interactive map in English; az.html, hy.html and ru.html are
the same map in Azerbaijani, Armenian and Russian, with a language picker on
each. Each page is a few links: assets/ holds its code, styles and data, in
files named by a hash of their content (the geometry apart from the timeline
table, so a change of events does not send the map again); snapshots/ holds a
picture of each key date (in snapshots/az, hy, ru for the other languages);
data/ and data.zip are the open data package. No server code runs, and the
pages also work opened from disk.

What the host should send (layers/site_server.py does this, to preview the site:
python -m layers.site_server SITE_FOLDER):
  - files with a hash in their name (assets/*-0123456789ab.*):
      Cache-Control: public, max-age=31536000, immutable
  - the pages (*.html) and everything else:
      Cache-Control: no-cache   (revalidated, so a new version shows at once)
  - text compressed: every .html, .js, .css and .json file has a .gz beside it
    for hosts that serve precompressed files (nginx gzip_static on; Caddy
    precompressed gzip), else let the host compress text. The data files
    (*.json.gz) are compressed already and unpacked by the page itself: send
    them as they are (Content-Type: application/gzip, no Content-Encoding).

Link to a view with the address fragment, for example
  index.html#date=2020-11-25&scenario=actual&names=neutral
and embed it with
  <iframe src="https://YOUR-HOST/index.html#date=2020-11-25" width="100%"
          style="border:0;width:100%;aspect-ratio:4 / 3;min-height:480px"
          title="Map: who controlled what, and when" loading="lazy" allow="fullscreen"></iframe>

Data: Natural Earth (public domain), GeoNames (CC BY 4.0), events with their cited sources.
Code: MIT. Leaflet: BSD-2-Clause (assets/LEAFLET-LICENSE).
"""


SITE_DATA_ZIP = "data.zip"


def site_page(lang: str) -> str:
    """The site's page in a language: index.html in English, az.html, hy.html, ru.html."""
    return "index.html" if lang == "en" else f"{lang}.html"


def write_site_pages(model: Model, folder: Path, languages: tuple[str, ...]) -> dict[str, str]:
    """The site's page in each language, and the files they load under ``assets/``; {language: page}."""
    pages = {lang: site_page(lang) for lang in languages}
    for lang in languages:
        page = interactive_html(
            model,
            day=model.dataset.meta.default_date,
            convention=DEFAULT_CONVENTION[lang],
            data_url=SITE_DATA_ZIP,
            lang=lang,
            language_pages=pages if len(pages) > 1 else None,
        )
        split_page(page, "assets/").write(folder / "assets", folder / pages[lang])
    return pages


def publish(
    model: Model, out_dir: Path, *, progress: Progress | None = None, languages: tuple[str, ...] = tuple(LANGUAGES)
) -> Path:
    """Write a static site to ``out_dir``: a page per language, assets/, and the snapshots of the key dates.

    The site is built in a temporary folder and moved into place at the end.
    """
    for lang in languages:
        check_language(lang)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    staging.chmod(0o777 & ~current_umask())
    try:
        pages = write_site_pages(model, staging, languages)
        shutil.copy(assets.LEAFLET / "LICENSE", staging / "assets/LEAFLET-LICENSE")
        (staging / "README.txt").write_text(SITE_README, encoding="utf-8")
        snapshots: dict[str, list[str]] = {}
        for lang in languages:
            folder = "snapshots" if lang == "en" else f"snapshots/{lang}"
            written = write_all_events(
                model, staging / folder, convention=DEFAULT_CONVENTION[lang], progress=progress, lang=lang
            )
            snapshots[lang] = [f"{folder}/{p.name}" for p in written]
        manifest = {"title": model.dataset.meta.title, "pages": pages, "snapshots": snapshots}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        from geo.package import write_package, zip_bytes  # the open data package, beside the site

        write_package(model, staging / "data")  # each file at its own address
        (staging / SITE_DATA_ZIP).write_bytes(zip_bytes(staging / "data"))  # what "Get the data" downloads
        if out_dir.exists():
            backup = out_dir.with_name(f".{out_dir.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            out_dir.rename(backup)
            staging.rename(out_dir)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            staging.rename(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def write_handout(model: Model, out: Path, **options: str) -> Path:
    """The classroom handout as a one-page PDF."""
    from layers.handout import HandoutError, handout_bytes

    if out.suffix.lower() != ".pdf":
        raise ExportError(f"a handout is a PDF; {out.name!r} does not end in .pdf")
    try:
        data = handout_bytes(model, **options)
    except (HandoutError, ValueError) as exc:
        raise ExportError(str(exc)) from None
    with atomic_output(out) as temporary:
        temporary.write_bytes(data)
    return out
