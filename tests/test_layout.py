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


def test_the_first_screen_needs_no_geospatial_stack() -> None:
    """Launch to first map is dominated by imports: the first run must not load GeoPandas or matplotlib."""
    from layers import prebuilt

    prebuilt.load(ROOT / "data")  # the page cache is current, as after `make run`'s prebuild
    heavy = ("geopandas", "shapely", "pyogrio", "pyproj", "matplotlib", "folium")
    script = (
        "import os, sys\nos.environ.pop('TCM_EAGER', None)\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=60)\nat.run()\n"
        "assert not at.exception, at.exception\n"
        "assert at.slider(key='date').value.isoformat() == '2020-11-10'\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({heavy!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_every_session_gets_its_map_before_the_panels() -> None:
    """Not only the server's first session: a later one must not wait for the model either."""
    script = (
        "import os\nos.environ.pop('TCM_EAGER', None)\n"
        "from streamlit.testing.v1 import AppTest\n"
        "for session in range(2):\n"
        "    at = AppTest.from_file('app.py', default_timeout=60)\n"
        "    at.run()\n"
        "    first = [c.value for c in at.caption] + [h.value for h in at.subheader]\n"
        "    assert 'Loading the chart and the panels…' in first, (session, first)\n"
        "    assert not any(str(v).startswith('Districts on') for v in first), (session, first)\n"
        "    at.run()  # the map reported itself mounted\n"
        "    assert any(h.value.startswith('Districts on') for h in at.subheader), session\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ok"
