"""Classroom: colour-vision safety, the black-and-white style, the handout, the story file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo.errors import DataError
from geo.io import load_dataset
from layers import export, palette
from layers.handout import handout_bytes
from layers.static_map import Snapshot
from tests.conftest import ROOT

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def linear(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    rgb = np.clip(rgb_linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, matrix: np.ndarray | None) -> float:
    first, second = linear(a), linear(b)
    if matrix is not None:
        first, second = matrix @ first, matrix @ second
    return float(np.linalg.norm(lab(first) - lab(second)))


@pytest.mark.parametrize("vision", [None, *CVD])
def test_controller_colours_stay_distinct(vision) -> None:
    colours = palette.CONTROLLER_COLOURS
    matrix = CVD[vision] if vision else None
    for a, b in itertools.combinations(("AZ", "ARM", "unknown"), 2):
        assert delta_e(colours[a], colours[b], matrix) > 20, (vision, a, b)


def test_colour_check_can_fail() -> None:
    """The check tells a red-green pair apart for normal vision but not for deuteranopia."""
    assert delta_e("#D62728", "#2CA02C", None) > 20
    assert delta_e("#D62728", "#2CA02C", CVD["deuteranopia"]) < delta_e("#D62728", "#2CA02C", None) / 2


def test_black_and_white_style_uses_patterns_and_no_colour(model) -> None:
    data = export.snapshot_bytes(model, Snapshot(dt.date(2020, 10, 20), preset="square", style="bw"), "png")
    with Image.open(io.BytesIO(data)) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=int)
    map_area = pixels[250:850, 230:880]
    spread = map_area.max(axis=2) - map_area.min(axis=2)
    assert (spread > 40).mean() < 0.01  # nothing coloured inside the map
    svg = export.snapshot_bytes(model, Snapshot(dt.date(2020, 10, 20), style="bw"), "svg").decode()
    assert "<pattern" in svg or "hatch" in svg


def test_handout_is_one_page_with_six_maps(model) -> None:
    data = handout_bytes(model, paper="letter")
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") == 1
    assert re.search(rb"/MediaBox \[ ?0 0 612 792 ?\]", data)


def test_handout_command_and_bad_paper(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    run = [sys.executable, "-m", "geo", "handout", "--out", str(out)]
    assert subprocess.run(run, cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    assert out.read_bytes().startswith(b"%PDF")
    bad = subprocess.run([*run, "--paper", "a3"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "unknown paper 'a3'" in bad.stderr and "Traceback" not in bad.stderr


def test_story_file_errors_name_the_row(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "story/classroom.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[2].update(date="2020-02-31")
    rows[4].update(events="no-such-event", sources="")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    problems = [str(p) for p in caught.value.problems]
    assert "data/story/classroom.csv, row 4: '2020-02-31' is not a real calendar date" in problems
    assert "data/story/classroom.csv, row 6: unknown event 'no-such-event'" in problems
