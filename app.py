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
import textwrap
from pathlib import Path

import streamlit as st

from geo import names as naming
from geo.errors import DataError
from geo.i18n import LANGUAGES, N_, Catalogue, catalogue, long_date
from geo.vocab import SCENARIOS
from layers import prebuilt
from layers.credits import attribution
from layers.embed import embed_snippet
from ui import bridge, text, uploads, view
from ui.cached import (
    area_layer,
    changes,
    day_caption,
    district_table,
    export_file,
    figures_layer,
    first_screen,
    highlight_choices,
    load_model,
)

# Tall enough for the districts, short enough that the map's own timeline bar is on the first screen.
MAP_HEIGHT = "max(420px, min(720px, calc(100vh - 228px)))"
PRESENT_HEIGHT = "calc(100vh - 2.5rem)"
# Presentation mode: the map fills the window; Streamlit's chrome steps aside.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.5rem 0.5rem 0 0.5rem; max-width: 100%; }
</style>
"""
APP_CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stSidebar"] [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] { color: #4a4a4a; }
@media (max-width: 640px) {
  .st-key-tcm-controls { display: none; }
  .block-container, [data-testid="stMainBlockContainer"] { padding-left: 0.5rem; padding-right: 0.5rem; }
}
</style>
"""


# The slider writes dates with moment.js in English whatever the page's language:
# other languages get the day, month and year as numbers, as they write them.
SLIDER_FORMAT = {"en": "D MMM YYYY"}
SCENARIO_LABELS = {"actual": N_("Actual"), "scheduled": N_("As scheduled by the statement")}
SPANS = {
    "all": N_("Whole history"),
    "first-war": N_("First war, 1991–1994"),
    "war": N_("War, Sep–Dec 2020"),
    "after": N_("Since 2021"),
}


def tr() -> Catalogue:
    """This session's language (the picker, else the address), as a translator: ``_ = tr(); _("Date")``."""
    return catalogue(view.current_language())


def about_data(shell: dict[str, object]) -> None:
    """The data version, how to cite it and a link to the open data package."""
    _ = tr()
    st.caption(text.md_escape(_("Data version {version}", version=str(shell.get("version", "")))))
    if shell.get("citation"):
        st.caption(text.md_escape(_("How to cite: {citation}", citation=str(shell["citation"]))))
    if shell.get("data_url"):
        st.markdown(f"[{text.md_escape(_('Get the data (open data package, .zip)'))}]({shell['data_url']})")


def data_root(argv: list[str]) -> Path:
    """``streamlit run app.py -- --data PATH`` picks another data folder."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", "--scenario", dest="data", type=Path, default=prebuilt.ROOT / "data")
    known, _ = parser.parse_known_args(argv)
    return known.data


def span_bounds(span: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The slider's range for a time span, inside the data's range."""
    wanted = {
        "first-war": (dt.date(1991, 1, 1), dt.date(1994, 5, 12)),
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


JUMP_KEY = "jump"


def quick_label(item: dict[str, str], lang: str) -> str:
    """'20 November 2020 · Aghdam handed over…': the day and the start of what happened, on one line."""
    day = long_date(dt.date.fromisoformat(item["day"]), lang)
    help_text = item.get("help") or ""
    return f"{day} · {textwrap.shorten(help_text, 60, placeholder='…')}" if help_text else day


def jump_to_key_date(start: dt.date, end: dt.date) -> None:
    """The key-date menu moves the date, then clears itself so the same date can be chosen again."""
    chosen = st.session_state.get(JUMP_KEY)
    if chosen:
        jump(dt.date.fromisoformat(chosen), start, end)
    st.session_state[JUMP_KEY] = None


def follow_map(start: dt.date, end: dt.date) -> None:
    view.take_map_view()
    widen_span(start, end)


def area_chart(root: str, scenario: str, day: dt.date, bounds: tuple[dt.date, dt.date], lang: str) -> None:
    _ = tr()
    rule = {
        "data": {"values": [{"date": day.isoformat()}]},
        "mark": {"type": "rule", "color": "#222222", "strokeDash": [4, 3]},
        "encoding": {"x": {"field": "date", "type": "temporal"}},
    }
    figures = figures_layer(root, bounds, lang)
    layers = [area_layer(root, scenario, bounds, lang), *([figures] if figures else []), rule]
    st.vega_lite_chart({"layer": layers}, width="stretch")
    if figures:
        st.caption(_("Dashed: areas published by others, with their sources in data/timeline/area_figures.csv."))


def changes_panel(root: str, day: dt.date, scenario: str, lang: str) -> None:
    _ = tr()
    today, previous, since = changes(root, day, scenario, lang)
    st.subheader(_("What changed on this date"))
    headline = day_caption(root, day, scenario, lang)
    if headline:
        st.markdown(f"**{text.md_escape(headline)}**")  # the map's caption: the day's leading event
    if not today:
        st.caption(_("No recorded event on this date."))
    lines = list(today)
    if previous is not None and since:
        lines += [f"**{text.md_escape(_('Since {date}', date=long_date(previous, lang)))}**", *since]
    if lines:
        st.markdown("\n\n".join(lines))  # one element, not one per event: a busy server sends less


EXPORT_KINDS = {
    "png": (N_("PNG image"), "image/png"),
    "svg": (N_("SVG (text stays text)"), "image/svg+xml"),
    "pdf": (N_("PDF"), "application/pdf"),
    "html": (N_("Interactive page (one file, works offline)"), "text/html"),
    "gif": (N_("Animation (GIF) of the time span"), "image/gif"),
}
PRESET_LABELS = {"social": N_("Social (1200 × 675)"), "square": N_("Square (1080 × 1080)"), "a4": N_("A4, 300 dpi")}


def export_panel(root: str, current: view.View, bounds: tuple[dt.date, dt.date]) -> None:
    """Files of the view on screen: made when asked, then offered as a download.

    Two steps rather than a download that draws on click: the file is then
    held for this session until the view changes, so a busy server never
    drops it between drawing and downloading. A title, subtitle, note and
    highlighted places of the journalist's own go on the PNG, SVG and PDF
    as plain text, as ``python -m geo export --title ...`` draws them.
    """
    _ = tr()
    with st.expander(_("Export this view")):
        left, right = st.columns(2)
        kind = left.selectbox(
            _("File"), list(EXPORT_KINDS), format_func=lambda k: _(EXPORT_KINDS[k][0]), key="export_kind"
        )
        preset = right.selectbox(
            _("Size"),
            list(PRESET_LABELS),
            format_func=lambda k: _(PRESET_LABELS[k]),
            key="export_preset",
            disabled=kind == "html",
        )
        request = (root, current.date, current.scenario, current.names, preset, kind, bounds)
        text_options: dict[str, object] = {}
        if kind in ("png", "svg", "pdf"):
            choices = highlight_choices(root, current.names)
            st.caption(_("Your own words (optional): by default the title comes from the date's leading event."))
            text_options = {
                "title": st.text_input(_("Title"), key="export_title", max_chars=200),
                "subtitle": st.text_input(_("Subtitle"), key="export_subtitle", max_chars=300),
                "note": st.text_input(_("Note"), key="export_note", max_chars=400),
                "highlight": tuple(
                    st.multiselect(
                        _("Highlight districts or places"),
                        list(choices),
                        format_func=choices.get,
                        key="export_highlight",
                    )
                ),
            }
        custom = tuple(sorted((key, value) for key, value in text_options.items() if value))
        request = (*request, custom, current.lang)
        if kind == "gif":
            st.caption(_("One frame per change within the time span chosen above; long spans take a while."))
        if st.button(_("Make the file"), key="export_make"):
            st.session_state["export_ready"] = request
        if st.session_state.get("export_ready") == request:
            data, name = export_file(*request)
            st.download_button(
                _("Download {name}", name=name),
                data=data,
                file_name=name,
                mime=EXPORT_KINDS[kind][1],
                key="export_download",
                on_click="ignore",
                type="primary",
            )
        host = st.text_input(
            _("Where the published map lives (python -m geo publish DIR)"), "https://example.org/karabakh-map"
        )
        st.code(
            embed_snippet(host, day=current.date, scenario=current.scenario, convention=current.names),
            language="html",
        )


def show_map(page: str, src: str | None, current: view.View, height: str, start: dt.date, end: dt.date) -> None:
    bridge.map_view(
        page,
        src=src,
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
    _ = tr()
    lang = view.current_language()
    st.set_page_config(page_title=_("Who controlled what, and when"), layout="wide")
    root = str(data_root(sys.argv[1:]))
    uploaded = uploads.upload_panel(lang)
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
        page, shell = first_screen(root, lang)
    except DataError as exc:
        lines = "\n".join(f"- {text.md_escape(str(p))}" for p in exc.problems)
        st.error(_("The data could not be loaded:") + "\n\n" + lines)
        st.stop()
    start, end = dt.date.fromisoformat(shell["start"]), dt.date.fromisoformat(shell["end"])
    for template, values in view.init_state(start, end, dt.date.fromisoformat(shell["default_date"])):
        st.warning(text.md_escape(_(template, **values)))

    present = st.session_state.get(view.MODE_KEY, False)
    if present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # fixed style, no data in it
    with st.sidebar:
        st.selectbox(
            _("Language"),
            list(LANGUAGES),
            key=view.LANG_KEY,
            format_func=LANGUAGES.get,
            on_change=view.language_changed,
        )
        st.toggle(
            _("Presentation mode"),
            key=view.MODE_KEY,
            help=_("The map fills the screen with the key dates step by step; arrows or a clicker move on."),
        )
        st.radio(
            _("Scenario"),
            SCENARIOS,
            key=view.SCENARIO_KEY,
            format_func=lambda key: _(SCENARIO_LABELS[key]),
            help=_("As scheduled: the statement's deadlines (Kalbajar on 15 November instead of 25)."),
        )
        st.selectbox(
            _("Place names"),
            list(naming.CONVENTIONS),
            key=view.NAMES_KEY,
            format_func=lambda key: _(naming.CONVENTIONS[key]),
        )
        for ident, entry in shell["controllers"].items():
            description = _.text(f"controller:{ident}:description", entry["description"])
            st.caption(f"{text.md_escape(ident)}: {text.md_escape(description)}")
        st.caption(_("Dates are local calendar days."))
        st.caption(attribution(_))
        about_data(shell)

    if present:
        current = view.current()
        view.sync_address(current)
        show_map(page, shell.get("page_url"), current, PRESENT_HEIGHT, start, end)
        return
    st.markdown(APP_CSS, unsafe_allow_html=True)  # fixed style, no data in it
    st.markdown(f"#### {text.md_escape(_.text('meta:title', shell['title']))}")
    # The map carries its own timeline bar: on a phone these duplicates step aside so the map is on the first screen.
    with st.container(key="tcm-controls"):
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            span = st.segmented_control(
                _("Time span"),
                list(SPANS),
                key="span",
                format_func=lambda key: _(SPANS[key]),
                default="all",
                label_visibility="collapsed",
            )
        quick = {item["day"]: item for item in shell["quick"]}
        right.selectbox(
            _("Key date"),
            list(quick),
            index=None,
            key=JUMP_KEY,
            format_func=lambda day: quick_label(quick[day], lang),
            placeholder=_("Jump to a key date…"),
            on_change=jump_to_key_date,
            args=(start, end),
            label_visibility="collapsed",
        )
        bounds = span_bounds(span or "all", start, end)
        current_day = st.session_state[view.DATE_KEY]
        if not bounds[0] <= current_day <= bounds[1]:
            st.session_state[view.DATE_KEY] = min(max(current_day, bounds[0]), bounds[1])
            view.bump_rev()
        st.slider(
            _("Date"),
            min_value=bounds[0],
            max_value=bounds[1],
            key=view.DATE_KEY,
            format=SLIDER_FORMAT.get(lang, "DD.MM.YYYY"),
            on_change=view.bump_rev,
            label_visibility="collapsed",
        )

    current = view.current()
    view.sync_address(current)
    show_map(page, shell.get("page_url"), current, MAP_HEIGHT, start, end)

    if st.session_state.get(view.PANELS_KEY) != root and not os.environ.get("TCM_EAGER"):
        # Show the map first, in every session: the model behind the panels needs the heavy
        # libraries, and a session that waited for them (or for another session loading them)
        # would hold back its first screen. The map reports "loaded" as soon as it is mounted,
        # which starts the next run.
        st.session_state[view.PANELS_KEY] = root
        st.caption(_("Loading the chart and the panels…"))
        st.stop()
    load_model(root)
    area_chart(root, current.scenario, current.date, bounds, lang)
    left, right = st.columns([3, 2])
    with left:
        st.subheader(_("Districts on {date}", date=long_date(current.date, lang)))
        source = _("Source")
        st.dataframe(
            district_table(root, current.date, current.scenario, current.names, lang),
            hide_index=True,
            column_config={source: st.column_config.LinkColumn(source, display_text=_("open"))},
        )
    with right:
        changes_panel(root, current.date, current.scenario, lang)
    export_panel(root, current, bounds)


if __name__ == "__main__":
    main()
