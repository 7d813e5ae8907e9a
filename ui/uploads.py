"""A scenario uploaded in the app: size-limited, unpacked only into a temporary folder, checked in full."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from geo.errors import DataError
from geo.i18n import catalogue, number
from geo.limits import MAX_ARCHIVE_BYTES
from ui import text

MAX_UPLOAD_MB = MAX_ARCHIVE_BYTES // (1024 * 1024)
UPLOADS = Path(tempfile.gettempdir()) / "tcm-uploads"


def upload_panel(lang: str = "en") -> Path | None:
    """The sidebar uploader; returns the path of a valid uploaded scenario, or None."""
    _ = catalogue(lang)
    with st.sidebar.expander(_("Your own data")):
        st.caption(
            _(
                "A .zip in the scenario format: scenario.yaml, boundaries.geojson, and optionally "
                "settlements.csv and events.csv. See docs/scenario-format.md."
            )
        )
        upload = st.file_uploader(_("Scenario (.zip)"), type=["zip"], key="upload", max_upload_size=MAX_UPLOAD_MB)
        if upload is None:
            return None
        data = upload.getvalue()
        if len(data) > MAX_ARCHIVE_BYTES:
            st.error(
                _(
                    "The file is {size} bytes, over the {limit} byte limit.",
                    size=number(len(data), lang),
                    limit=number(MAX_ARCHIVE_BYTES, lang),
                )
            )
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
            heading = _("This scenario has {n} problem(s); nothing from it is shown:", n=len(exc.problems))
            st.error(f"{heading}\n\n{lines}")
            return None
        st.success(_("Scenario loaded. Remove the file to return to the built-in data."))
        return archive
