"""Streamlit shell: widgets, caching and layout. The logic lives in geo/ and layers/.

The first screen (slider, quick dates, map) comes from the prebuilt page in
the disk cache and needs none of the heavy libraries; the model behind the
chart and panels is loaded after the map is on screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from geo import names as naming
from geo.errors import DataError
from geo.vocab import SCENARIOS
from layers import prebuilt
from layers.credits import ATTRIBUTION
from layers.palette import controller_colours
from ui import bridge, text, uploads, view

if TYPE_CHECKING:
    import pandas as pd

    from geo.model import Model

MAP_HEIGHT = "640px"
PRESENT_HEIGHT = "calc(100vh - 2.5rem)"
# Presentation mode: the map fills the window; Streamlit's chrome steps aside.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.5rem 0.5rem 0 0.5rem; max-width: 100%; }
</style>
"""
SCENARIO_LABELS = {"actual": "Actual", "scheduled": "As scheduled by the statement"}
SPANS = {
    "all": "Whole history",
    "war": "War and handovers, Sep–Dec 2020",
    "after": "After the war, 2021–2024",
}


def data_root(argv: list[str]) -> Path:
    """``streamlit run app.py -- --data PATH`` picks another data folder."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", "--scenario", dest="data", type=Path, default=prebuilt.ROOT / "data")
    known, _ = parser.parse_known_args(argv)
    return known.data


@st.cache_resource(show_spinner="Drawing the map…")
def first_screen(root: str) -> tuple[str, dict[str, Any]]:
    """The map page and the facts the first screen needs (from the disk cache when current).

    An uploaded scenario keeps its cache in its own temporary folder.
    """
    path = Path(root)
    folder = path.parent if path.is_relative_to(uploads.UPLOADS) else None
    _, page, shell = prebuilt.load(path, folder)
    return page, shell


@st.cache_resource(show_spinner="Loading the data…")
def load_model(root: str) -> Model:
    from geo.model import Model

    return Model.load(Path(root))


def span_bounds(span: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The slider's range for a time span, inside the data's range."""
    wanted = {
        "war": (dt.date(2020, 9, 20), dt.date(2020, 12, 31)),
        "after": (dt.date(2021, 1, 1), end),
    }.get(span, (start, end))
    low, high = max(start, wanted[0]), min(end, wanted[1])
    return (low, high) if low < high else (start, end)


def widen_span(start: dt.date, end: dt.date) -> None:
    """If the date left the chosen span (a quick button, the map), show the whole history."""
    bounds = span_bounds(st.session_state.get("span") or "all", start, end)
    if not bounds[0] <= st.session_state[view.DATE_KEY] <= bounds[1]:
        st.session_state["span"] = "all"


def jump(day: dt.date, start: dt.date, end: dt.date) -> None:
    view.jump_to(day)
    widen_span(start, end)


def follow_map(start: dt.date, end: dt.date) -> None:
    view.take_map_view()
    widen_span(start, end)


@st.cache_data(show_spinner="Measuring areas…")
def area_series(root: str, scenario: str) -> pd.DataFrame:
    """km2 held by each side after every change, for the chart."""
    import pandas as pd

    model = load_model(root)
    labels = {side: entry["label"] for side, entry in model.dataset.meta.controllers.items()}
    days = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
    rows = []
    for day in days:
        totals = model.areas(day, scenario)["total_km2"]
        rows.append({"date": day, **{labels[side]: km for side, km in totals.items()}})
    rows.append({**rows[-1], "date": model.dataset.meta.end})
    return pd.DataFrame(rows)


def area_chart(root: str, scenario: str, day: dt.date, bounds: tuple[dt.date, dt.date]) -> None:
    import altair as alt
    import pandas as pd

    series = area_series(root, scenario).melt("date", var_name="Held by", value_name="km²")
    series = series[(series["date"] >= bounds[0] - dt.timedelta(days=1)) & (series["date"] <= bounds[1])]
    controllers = load_model(root).dataset.meta.controllers
    palette_by_side = controller_colours(controllers)
    colours = alt.Scale(
        domain=[entry["label"] for entry in controllers.values()], range=[palette_by_side[s] for s in controllers]
    )
    lines = (
        alt.Chart(series)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=alt.X("date:T", title=None, scale=alt.Scale(domain=[bounds[0].isoformat(), bounds[1].isoformat()])),
            y=alt.Y("km²:Q", title="km² in the districts followed (approximate)"),
            color=alt.Color("Held by:N", scale=colours, legend=alt.Legend(orient="bottom")),
        )
    )
    rule = alt.Chart(pd.DataFrame({"date": [day]})).mark_rule(color="#222", strokeDash=[4, 3]).encode(x="date:T")
    st.altair_chart(lines + rule, width="stretch")


def district_table(model: Model, day: dt.date, scenario: str, convention: str) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for record in model.district_records(day, scenario):
        names = model.feature_names(record["id"])
        rows.append(
            {
                "District": naming.display_name(names, convention),
                "Controlled by": controller_text(model, record["controller"], record["share_az"]),
                "Status": record["status_label"],
                "Since": record["since"],
                "Confidence": record["confidence"],
                "Source": next(filter(None, map(text.source_url, record["sources"])), None),
            }
        )
    return pd.DataFrame(rows)


def controller_text(model: Model, controller: str | None, share: float | None) -> str:
    labels = model.dataset.meta.controllers
    if controller in labels:
        return labels[controller]["label"]
    if controller == "split":
        first = next(iter(labels.values()))["label"]
        return "Split" if share is None else f"Split: about {share:.0%} {first}"
    return "No data"


def changes_panel(model: Model, day: dt.date, scenario: str) -> None:
    timeline = model.timeline
    previous = timeline.previous_key_date(day, scenario)
    today = timeline.events_on(day, scenario)
    st.subheader("What changed on this date")
    if today.empty:
        st.caption("No recorded event on this date.")
    for event in today.itertuples():
        st.markdown(text.event_markdown(event))
    if previous is not None:
        since = timeline.events_between(previous, day - dt.timedelta(days=1), scenario)
        if not since.empty:
            st.markdown(f"**Since {text.long_date(previous)}**")
            for event in since.itertuples():
                st.markdown(text.event_markdown(event))


EXPORT_FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def export_panel(root: str, current: view.View) -> None:
    """Downloads of the view on screen, made only when a button is pressed."""
    from layers import export
    from layers.static_map import PRESETS, Snapshot

    with st.expander("Export this view"):
        preset = st.selectbox(
            "Size",
            list(PRESETS),
            format_func=lambda p: {
                "social": "Social (1200 × 675)",
                "square": "Square (1080 × 1080)",
                "a4": "A4, 300 dpi",
            }[p],
            key="export_preset",
        )
        snapshot = Snapshot(current.date, current.scenario, current.names, preset)
        stem = f"karabakh-control-{current.date.isoformat()}-{current.scenario}-{preset}"
        columns = st.columns(len(EXPORT_FORMATS) + 2)
        for column, (fmt, mime) in zip(columns, EXPORT_FORMATS.items(), strict=False):
            column.download_button(
                fmt.upper(),
                data=lambda fmt=fmt: export.snapshot_bytes(load_model(root), snapshot, fmt),
                file_name=f"{stem}.{fmt}",
                mime=mime,
                key=f"download-{fmt}",
                on_click="ignore",
            )
        columns[-2].download_button(
            "Interactive HTML",
            data=lambda: export.interactive_html(
                load_model(root), day=current.date, scenario=current.scenario, convention=current.names
            ),
            file_name=f"karabakh-control-{current.date.isoformat()}.html",
            mime="text/html",
            key="download-html",
            on_click="ignore",
        )
        bounds = span_bounds(st.session_state.get("span") or "all", *first_span(root))
        columns[-1].download_button(
            "Animation (GIF)",
            data=lambda: animation_bytes(root, bounds, current),
            file_name=f"karabakh-control-{bounds[0].isoformat()}-{bounds[1].isoformat()}.gif",
            mime="image/gif",
            key="download-gif",
            on_click="ignore",
            help="One frame per change within the time span chosen above; takes a while for long spans.",
        )
        host = st.text_input(
            "Where the published map lives (python -m geo publish DIR)", "https://example.org/karabakh-map"
        )
        st.code(
            export.embed_snippet(host, day=current.date, scenario=current.scenario, convention=current.names),
            language="html",
        )


def first_span(root: str) -> tuple[dt.date, dt.date]:
    _, shell = first_screen(root)
    return dt.date.fromisoformat(shell["start"]), dt.date.fromisoformat(shell["end"])


def animation_bytes(root: str, bounds: tuple[dt.date, dt.date], current: view.View) -> bytes:
    import tempfile

    from layers import export

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "animation.gif"
        export.write_animation(
            load_model(root),
            out,
            start=bounds[0],
            end=bounds[1],
            step="event",
            scenario=current.scenario,
            convention=current.names,
        )
        return out.read_bytes()


def show_map(page: str, current: view.View, height: str, start: dt.date, end: dt.date) -> None:
    bridge.map_view(
        page,
        date=current.date.isoformat(),
        rev=st.session_state[view.REV_KEY],
        scenario=current.scenario,
        names=current.names,
        layers=current.layers,
        map_view=current.mapview,
        mode=current.mode,
        height=height,
        key=view.MAP_KEY,
        on_view_change=lambda: follow_map(start, end),
    )


def main() -> None:
    st.set_page_config(page_title="Who controlled what, and when", layout="wide")
    root = str(data_root(sys.argv[1:]))
    uploaded = uploads.upload_panel()
    if uploaded is not None:
        root = str(uploaded)
    previous = st.session_state.get("scenario_root")
    if previous is not None and previous != root:
        # another scenario: start from its own default view
        for key in (view.DATE_KEY, view.REV_KEY, "span"):
            st.session_state.pop(key, None)
        st.query_params.clear()
    st.session_state["scenario_root"] = root
    try:
        page, shell = first_screen(root)
    except DataError as exc:
        lines = "\n".join(f"- {text.md_escape(str(p))}" for p in exc.problems)
        st.error("The data could not be loaded:\n\n" + lines)
        st.stop()
    start, end = dt.date.fromisoformat(shell["start"]), dt.date.fromisoformat(shell["end"])
    for note in view.init_state(start, end, dt.date.fromisoformat(shell["default_date"])):
        st.warning(text.md_escape(note))

    present = st.session_state.get(view.MODE_KEY, False)
    if present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # fixed style, no data in it
    with st.sidebar:
        st.toggle(
            "Presentation mode",
            key=view.MODE_KEY,
            help="The map fills the screen with the key dates step by step; arrows or a clicker move on.",
        )
        st.radio(
            "Scenario",
            SCENARIOS,
            key=view.SCENARIO_KEY,
            format_func=SCENARIO_LABELS.get,
            help="As scheduled: the statement's deadlines (Kalbajar on 15 November instead of 25).",
        )
        st.selectbox("Place names", list(naming.CONVENTIONS), key=view.NAMES_KEY, format_func=naming.CONVENTIONS.get)
        for ident, entry in shell["controllers"].items():
            st.caption(f"{text.md_escape(ident)}: {text.md_escape(entry['description'])}")
        st.caption("Dates are local calendar days.")
        st.caption(ATTRIBUTION)

    if present:
        current = view.current()
        view.sync_address(current)
        show_map(page, current, PRESENT_HEIGHT, start, end)
        return
    st.markdown(f"#### {text.md_escape(shell['title'])}")
    span = st.segmented_control(
        "Time span", list(SPANS), key="span", format_func=SPANS.get, default="all", label_visibility="collapsed"
    )
    bounds = span_bounds(span or "all", start, end)
    current_day = st.session_state[view.DATE_KEY]
    if not bounds[0] <= current_day <= bounds[1]:
        st.session_state[view.DATE_KEY] = min(max(current_day, bounds[0]), bounds[1])
        view.bump_rev()
    st.slider(
        "Date",
        min_value=bounds[0],
        max_value=bounds[1],
        key=view.DATE_KEY,
        format="D MMM YYYY",
        on_change=view.bump_rev,
    )
    quick = shell["quick"]
    for column, item in zip(st.columns(len(quick)), quick, strict=True):
        day = dt.date.fromisoformat(item["day"])
        column.button(
            day.strftime("%-d %b %Y"),
            key=f"jump-{item['day']}",
            help=item["help"] or None,
            on_click=jump,
            args=(day, start, end),
            width="stretch",
        )

    current = view.current()
    view.sync_address(current)
    show_map(page, current, MAP_HEIGHT, start, end)

    if root not in view.MODELS_READY and not os.environ.get("TCM_EAGER"):
        # Show the map first: the model behind the panels needs the heavy libraries,
        # and loading them now would hold back the first screen. The map reports
        # "loaded" as soon as it is mounted, which starts the next run.
        view.MODELS_READY.add(root)
        st.caption("Loading the chart and the panels…")
        st.stop()
    model = load_model(root)
    area_chart(root, current.scenario, current.date, bounds)
    left, right = st.columns([3, 2])
    with left:
        st.subheader(f"Districts on {text.long_date(current.date)}")
        st.dataframe(
            district_table(model, current.date, current.scenario, current.names),
            hide_index=True,
            column_config={"Source": st.column_config.LinkColumn("Source", display_text="open")},
        )
    with right:
        changes_panel(model, current.date, current.scenario)
    export_panel(root, current)


if __name__ == "__main__":
    main()
