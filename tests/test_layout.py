"""The core stays a plain library: the front ends depend on it, never the other way round."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CORE = (
    "geo.errors",
    "geo.vocab",
    "geo.schema",
    "geo.io",
    "geo.timeline",
    "geo.control",
    "geo.model",
    "geo.names",
    "geo.scenario",
    "geo.cli",
)
FRONT_ENDS = ("streamlit", "folium", "branca", "matplotlib", "altair", "playwright")


def test_the_core_imports_no_front_end() -> None:
    script = (
        f"import sys\nimport {', '.join(CORE)}\nfrom geo.model import Model\nm = Model.load()\n"
        "import datetime as dt\nm.areas(dt.date(2020, 11, 25))\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({FRONT_ENDS!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
