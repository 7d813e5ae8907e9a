"""A gallery of the exports: the story's key dates in every preset, with an index page.

``python -m geo gallery docs/gallery`` writes one PNG per date and preset
and ``index.md`` listing them with the command that makes each one. The
pictures are stored with a 256-colour palette (the maps are flat colours),
and the A4 page at half its pixel size, so the gallery stays small enough to
keep in the repository.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from geo.model import Model
from geo.view import map_base
from layers.export import atomic_output, snapshot_bytes
from layers.handout import handout_steps
from layers.static_map import PRESETS, Snapshot, long_date

Progress = Callable[[int, int, str], None]
# The A4 page is kept at this fraction of its 300 dpi size in the gallery.
A4_SCALE = 0.5


def compact_png(data: bytes, scale: float = 1.0) -> bytes:
    """The same picture in a 256-colour palette (and scaled), for a light repository."""
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGB")
    if scale != 1.0:
        size = (round(picture.width * scale), round(picture.height * scale))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def write_gallery(model: Model, out_dir: Path, progress: Progress | None = None) -> list[Path]:
    """Every preset of each handout date into ``out_dir``, with ``index.md``."""
    base = map_base(model)
    steps = handout_steps(base)
    jobs = [(step, preset) for step in steps for preset in PRESETS]
    written = []
    rows: list[str] = []
    for number, (step, preset) in enumerate(jobs, start=1):
        name = f"{step.day.isoformat()}-{preset}.png"
        data = snapshot_bytes(model, Snapshot(step.day, preset=preset), "png")
        with atomic_output(out_dir / name) as temporary:
            temporary.write_bytes(compact_png(data, A4_SCALE if preset == "a4" else 1.0))
        written.append(out_dir / name)
        if progress:
            progress(number, len(jobs), name)
    for step in steps:
        rows.append(f"## {long_date(step.day)}: {step.title}\n")
        for preset in PRESETS:
            name = f"{step.day.isoformat()}-{preset}.png"
            command = f"python -m geo export --date {step.day.isoformat()} --preset {preset} --out {name}"
            rows.append(f"**{preset}** (`{command}`)\n\n![{long_date(step.day)}, {preset}]({name})\n")
    index = "\n".join(
        [
            "# Gallery of the exports\n",
            "The exports of the classroom story's key dates in every preset, as `python -m geo export` makes them",
            "with no option beyond the date and the preset. Regenerate the whole gallery with",
            "",
            "```bash",
            "python -m geo gallery docs/gallery",
            "```",
            "",
            "The files here are stored with a 256-colour palette and the A4 page at half its size (1240 × 1754);",
            f"the command line and the app write them at full size. Data version {base.version}.\n",
            *rows,
        ]
    )
    with atomic_output(out_dir / "index.md") as temporary:
        temporary.write_text(index, encoding="utf-8")
    return written
