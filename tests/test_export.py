"""Exports: sizes, text kept as text, golden images, animations, the site, bad input."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from layers import export
from layers.static_map import PRESETS, Snapshot, figure
from tests.conftest import ROOT

DAY = dt.date(2020, 11, 25)
GOLDEN = ROOT / "tests/golden"


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_png_has_the_preset_size(model, preset) -> None:
    data = export.snapshot_bytes(model, Snapshot(DAY, preset=preset), "png")
    width, height, _ = PRESETS[preset]
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (width, height)


def test_svg_keeps_date_caption_and_sources_as_text(model) -> None:
    svg = export.snapshot_bytes(model, Snapshot(DAY), "svg").decode("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    assert "25 November 2020" in texts
    assert "Natural Earth (public domain)" in texts
    assert "Sources of this date's events: " in texts and "Trend" in texts
    assert "Kalbajar" in texts


def test_pdf_is_a4_and_names_the_date(model) -> None:
    data = export.snapshot_bytes(model, Snapshot(DAY, preset="a4"), "pdf")
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
    assert box and abs(float(box.group(1)) - 595.2) < 1 and abs(float(box.group(2)) - 841.9) < 1
    assert b"2020-11-25" in data  # the document title


def test_labels_follow_the_naming_convention(model) -> None:
    def texts(convention: str) -> str:
        fig = figure(model, Snapshot(DAY, convention=convention))
        return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)

    assert "Shusha / Shushi" in texts("neutral")
    assert "Shushi" in texts("hy") and "Shusha /" not in texts("hy")


def compare(actual: bytes, golden: Path) -> float:
    """Mean absolute difference per channel, 0-255."""
    first = Image.open(io.BytesIO(actual)).convert("RGB")
    with Image.open(golden) as stored:
        second = stored.convert("RGB")
    assert first.size == second.size
    return sum(ImageStat.Stat(ImageChops.difference(first, second)).mean) / 3


@pytest.mark.parametrize(
    ("name", "snapshot"),
    [
        ("snapshot-2020-11-25-square.png", Snapshot(DAY, preset="square")),
        ("snapshot-2020-09-26-social-hy.png", Snapshot(dt.date(2020, 9, 26), convention="hy")),
        ("snapshot-2020-10-20-social.png", Snapshot(dt.date(2020, 10, 20))),
        ("snapshot-2020-12-01-square-bw.png", Snapshot(dt.date(2020, 12, 1), preset="square", style="bw")),
        ("snapshot-2020-11-10-square-az.png", Snapshot(dt.date(2020, 11, 10), "actual", "az", "square", lang="az")),
        ("snapshot-2020-11-10-square-hy.png", Snapshot(dt.date(2020, 11, 10), "actual", "hy", "square", lang="hy")),
        ("snapshot-2020-11-10-square-ru.png", Snapshot(dt.date(2020, 11, 10), preset="square", lang="ru")),
        (
            "snapshot-2020-11-08-social-own-text.png",
            Snapshot(
                dt.date(2020, 11, 8),
                title="Shusha / Shushi changes hands",
                subtitle="The town on the heights above Khankendi / Stepanakert",
                note="Areas below district level are approximate.",
                highlight=("AZ-SUS", "Lachin"),
            ),
        ),
    ],
)
def test_snapshots_match_their_golden_images(model, name, snapshot) -> None:
    """Regenerate with UPDATE_GOLDEN=1 after a reviewed change to the drawing or the data."""
    data = export.snapshot_bytes(model, snapshot, "png")
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(data)
    assert compare(data, golden) < 1.5


def test_animation_has_a_frame_per_change(model, tmp_path: Path) -> None:
    out = tmp_path / "war.gif"
    seen: list[str] = []
    export.write_animation(
        model,
        out,
        start=dt.date(2020, 11, 18),
        end=dt.date(2020, 11, 26),
        step="event",
        preset="social",
        progress=lambda n, total, label: seen.append(label),
    )
    with Image.open(out) as image:
        assert image.n_frames == len(seen) == 3  # 18 Nov, then the changes of 20 and 25 Nov
    assert seen == ["2020-11-18", "2020-11-20", "2020-11-25"]


def test_mp4_is_written_by_day(model, tmp_path: Path) -> None:
    out = tmp_path / "days.mp4"
    export.write_animation(model, out, start=dt.date(2020, 11, 19), end=dt.date(2020, 11, 20), step="day")
    head = out.read_bytes()[:12]
    assert head[4:8] == b"ftyp"


def test_interactive_page_is_self_contained(model) -> None:
    page = export.interactive_html(model, day=DAY)
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    assert 'id="tcm-config"' in page and "L.map(" in page


def test_published_site(model, tmp_path: Path) -> None:
    site = export.publish(model, tmp_path / "site", languages=("en",))  # every language: tests/test_i18n.py
    index = (site / "index.html").read_text(encoding="utf-8")
    # Code, styles and data are files named by their content, which browsers keep across visits and pages.
    leaflet = re.search(r'<script src="assets/(leaflet-[0-9a-f]{12}\.js)"></script>', index)
    assert leaflet and (site / "assets" / leaflet.group(1)).is_file()
    assert not re.search(r'(src|href)="https?://', index)
    for stem in ("leaflet", "style", "page", "geometry", "timeline"):
        assert any(p.name.startswith(f"{stem}-") for p in (site / "assets").iterdir()), stem
    assert (site / "assets" / "LEAFLET-LICENSE").is_file()
    snapshots = sorted(p.name for p in (site / "snapshots").iterdir() if p.is_file())
    assert len(snapshots) == len(model.timeline.key_dates())
    assert "2020-11-20.png" in snapshots


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2020-11-25", "--preset", "poster"), "unknown preset 'poster'"),
        (("--date", "2020-11-25", "--format", "bmp"), "unknown format 'bmp'"),
        (("--date", "2020-13-01"), "not a real calendar date"),
        (("--date", "1990-01-01"), "outside the data"),
    ],
)
def test_bad_export_requests_leave_the_old_file_alone(tmp_path: Path, args, message) -> None:
    out = tmp_path / "map.png"
    out.write_bytes(b"the previous export")
    result = run_cli("export", *args, "--out", str(out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]  # no temporary file left behind


def test_cli_export_all_events_and_animate(tmp_path: Path) -> None:
    result = run_cli("export", "--all-events", "--format", "png", "--preset", "social", "--out-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "[1/" in result.stderr  # progress on long runs
    assert (tmp_path / "2020-11-20.png").is_file() and (tmp_path / "2020-12-01.png").is_file()
    gif = tmp_path / "anim.gif"
    result = run_cli("animate", "--from", "2020-11-19", "--to", "2020-11-21", "--step", "day", "--out", str(gif))
    assert result.returncode == 0, result.stderr
    with Image.open(gif) as image:
        assert image.n_frames == 3


def test_exports_and_the_handout_name_the_data_version(model) -> None:
    from geo.view import map_base
    from layers.handout import figure as handout_figure

    version = map_base(model).version
    svg = export.snapshot_bytes(model, Snapshot(DAY), "svg").decode("utf-8")
    assert f"Data version {version}" in " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    assert any(f"Data version {version}" in t.get_text().replace("\n", " ") for t in handout_figure(model).texts)
