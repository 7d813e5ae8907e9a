"""A scenario uploaded in the app: size-limited, unpacked only into a temporary folder, checked in full."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from geo.errors import DataError
from geo.limits import MAX_ARCHIVE_BYTES
from ui import text

MAX_UPLOAD_MB = MAX_ARCHIVE_BYTES // (1024 * 1024)
UPLOADS = Path(tempfile.gettempdir()) / "tcm-uploads"


def upload_panel() -> Path | None:
    """The sidebar uploader; returns the path of a valid uploaded scenario, or None."""
    with st.sidebar.expander("Your own data"):
        st.caption(
            "A .zip in the scenario format: scenario.yaml, boundaries.geojson, and optionally "
            "settlements.csv and events.csv. See docs/scenario-format.md."
        )
        upload = st.file_uploader("Scenario (.zip)", type=["zip"], key="upload", max_upload_size=MAX_UPLOAD_MB)
        if upload is None:
            return None
        data = upload.getvalue()
        if len(data) > MAX_ARCHIVE_BYTES:
            st.error(f"The file is {len(data):,} bytes, over the {MAX_ARCHIVE_BYTES:,} byte limit.")
            return None
        digest = hashlib.sha256(data).hexdigest()[:20]
        folder = UPLOADS / digest
        folder.mkdir(parents=True, exist_ok=True)
        archive = folder / "scenario.zip"
        if not archive.exists():
            archive.write_bytes(data)
        from geo.scenario import read_scenario  # the geospatial stack, only once a file is given

        try:
            read_scenario(archive)
        except DataError as exc:
            lines = "\n".join(f"- {text.md_escape(str(p))}" for p in exc.problems)
            st.error(f"This scenario has {len(exc.problems)} problem(s); nothing from it is shown:\n\n{lines}")
            return None
        st.success("Scenario loaded. Remove the file to return to the built-in data.")
        return archive
