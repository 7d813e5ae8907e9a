"""Export benchmark: one social PNG, ours against the naive way of drawing it, in one run.

The naive way is the same drawing on a plain Agg canvas, which GeoPandas
redraws in full after every layer it plots; ours draws once, when saving.

    python bench/export.py [--repeat 5]

The last line printed is one JSON object: {"png_s", "naive_png_s", "ratio", "cold_cli_s", ...}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from geo.model import Model  # noqa: E402
from layers import static_map  # noqa: E402
from layers.static_map import Snapshot, figure  # noqa: E402

DAY = dt.date(2020, 11, 25)


def timed_png(model: Model, snapshot: Snapshot) -> float:
    started = time.perf_counter()
    buffer = io.BytesIO()
    figure(model, snapshot).savefig(buffer, format="png")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    model = Model.load()
    snapshot = Snapshot(DAY, preset="social")
    timed_png(model, snapshot)  # warm the derived geometry and font caches once
    ours = [timed_png(model, snapshot) for _ in range(args.repeat)]
    with mock.patch.object(static_map, "QuietCanvas", FigureCanvasAgg):
        naive = [timed_png(model, snapshot) for _ in range(args.repeat)]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "geo",
                "export",
                "--date",
                DAY.isoformat(),
                "--preset",
                "social",
                "--out",
                str(Path(folder) / "map.png"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cold = time.perf_counter() - started
    result = {
        "repeat": args.repeat,
        "png_s": round(statistics.median(ours), 3),
        "naive_png_s": round(statistics.median(naive), 3),
        "ratio": round(statistics.median(naive) / statistics.median(ours), 2),
        "cold_cli_s": round(cold, 2),
    }
    print(f"one social PNG (warm): {result['png_s']} s; redrawing after every layer: {result['naive_png_s']} s")
    print(f"whole command, cold start (python -m geo export ...): {result['cold_cli_s']} s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
