"""Streamlit shell: widgets, caching and layout. The logic lives in geo/ and layers/."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import names as naming
from geo.errors import DataError
from geo.io import DATA_DIR
from geo.model import Model
from geo.schema import SCENARIOS
from layers.palette import CONTROLLER_COLOURS
from layers.timeline_map import ATTRIBUTION, map_html
from ui import bridge, text, view

MAP_HEIGHT = 640
SCENARIO_LABELS = {"actual": "Actual", "scheduled": "As scheduled by the statement"}


def data_root(argv: list[str]) -> Path:
    """``streamlit run app.py -- --data PATH`` picks another data folder."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    known, _ = parser.parse_known_args(argv)
    return known.data


@st.cache_resource(show_spinner="Loading the data…")
def load_model(root: str) -> Model:
    return Model.load(Path(root))


@st.cache_resource(show_spinner="Drawing the map…")
def map_document(root: str) -> str:
    model = load_model(root)
    return map_html(model, day=model.dataset.meta.default_date)


SPANS = {
    "all": "Whole history",
    "war": "War and handovers, Sep–Dec 2020",
    "after": "After the war, 2021–2024",
}


def span_bounds(span: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The slider's range for a time span, inside the data's range."""
    wanted = {
        "war": (dt.date(2020, 9, 20), dt.date(2020, 12, 31)),
        "after": (dt.date(2021, 1, 1), end),
    }.get(span, (start, end))
    low, high = max(start, wanted[0]), min(end, wanted[1])
    return (low, high) if low < high else (start, end)


@st.cache_data(show_spinner="Measuring areas…")
def area_series(root: str, scenario: str) -> pd.DataFrame:
    """km2 held by each side after every change, for the chart."""
    model = load_model(root)
    days = model.timeline.key_dates(scenario, levels=("district", "settlement", "zone"))
    rows = []
    for day in days:
        totals = model.areas(day, scenario)["total_km2"]
        rows.append({"date": day, "Azerbaijan": totals["AZ"], "Armenian forces": totals["ARM"]})
    rows.append({**rows[-1], "date": model.dataset.meta.end})
    return pd.DataFrame(rows)


def area_chart(root: str, scenario: str, day: dt.date, bounds: tuple[dt.date, dt.date]) -> None:
    import altair as alt

    series = area_series(root, scenario).melt("date", var_name="Held by", value_name="km²")
    series = series[(series["date"] >= bounds[0] - dt.timedelta(days=1)) & (series["date"] <= bounds[1])]
    colours = alt.Scale(
        domain=["Azerbaijan", "Armenian forces"], range=[CONTROLLER_COLOURS["AZ"], CONTROLLER_COLOURS["ARM"]]
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
    st.altair_chart(lines + rule, use_container_width=True)


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


def quick_dates(model: Model) -> list[tuple[dt.date, str]]:
    """Buttons for the statement's dates, with the first event of each day as help."""
    timeline = model.timeline
    days = [d for d in timeline.key_dates("actual") if d.year >= 2020]
    days += [d for d in timeline.key_dates("scheduled") if d.year >= 2020 and d not in days]
    before_war = dt.date(2020, 9, 26)
    found = [(before_war, "The line of contact before the war")]
    for day in sorted(days):
        events = timeline.events_on(day, "actual")
        if events.empty:
            events = timeline.events_on(day, "scheduled")
        found.append((day, str(events.iloc[0]["summary"]) if not events.empty else ""))
    return found


def district_table(model: Model, day: dt.date, scenario: str, convention: str) -> pd.DataFrame:
    records = model.district_records(day, scenario)
    rows = []
    for record in records:
        names = model.feature_names(record["id"])
        share = record["share_az"]
        rows.append(
            {
                "District": naming.display_name(names, convention),
                "Controlled by": controller_text(model, record["controller"], share),
                "Status": record["status_label"],
                "Since": record["since"],
                "Confidence": record["confidence"],
                "Source": next((s for s in record["sources"] if s.startswith("http")), None),
            }
        )
    return pd.DataFrame(rows)


def controller_text(model: Model, controller: str | None, share: float | None) -> str:
    labels = model.dataset.meta.controllers
    if controller in labels:
        return labels[controller]["label"]
    if controller == "split":
        return "Split" if share is None else f"Split: about {share:.0%} Azerbaijan"
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


def main() -> None:
    st.set_page_config(page_title="Who controlled what, and when", layout="wide")
    root = str(data_root(sys.argv[1:]))
    try:
        model = load_model(root)
    except DataError as exc:
        st.error("The data could not be loaded:\n\n" + "\n".join(f"- {text.md_escape(str(p))}" for p in exc.problems))
        st.stop()
    meta = model.dataset.meta
    notes = view.init_state(meta.start, meta.end, meta.default_date)
    for note in notes:
        st.warning(note)

    with st.sidebar:
        st.radio(
            "Scenario",
            SCENARIOS,
            key=view.SCENARIO_KEY,
            format_func=SCENARIO_LABELS.get,
            help="As scheduled: the statement's deadlines (Kalbajar on 15 November instead of 25).",
        )
        st.selectbox("Place names", list(naming.CONVENTIONS), key=view.NAMES_KEY, format_func=naming.CONVENTIONS.get)
        st.caption("ARM: " + meta.controllers["ARM"]["description"] + ". Dates are local calendar days (UTC+4).")
        st.caption(ATTRIBUTION)

    st.markdown(f"#### {text.md_escape(meta.title)}")
    span = st.segmented_control(
        "Time span", list(SPANS), key="span", format_func=SPANS.get, default="all", label_visibility="collapsed"
    )
    bounds = span_bounds(span or "all", meta.start, meta.end)
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
    buttons = quick_dates(model)
    columns = st.columns(len(buttons))
    for column, (day, help_text) in zip(columns, buttons, strict=True):
        column.button(
            day.strftime("%-d %b %Y"),
            key=f"jump-{day.isoformat()}",
            help=help_text or None,
            on_click=jump,
            args=(day, meta.start, meta.end),
            use_container_width=True,
        )

    current = view.current()
    view.sync_address(current)
    bridge.map_view(
        map_document(root),
        date=current.date.isoformat(),
        rev=st.session_state[view.REV_KEY],
        scenario=current.scenario,
        names=current.names,
        layers=current.layers,
        map_view=current.mapview,
        height=MAP_HEIGHT,
        key=view.MAP_KEY,
        on_view_change=lambda: follow_map(meta.start, meta.end),
    )

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


if __name__ == "__main__":
    main()
