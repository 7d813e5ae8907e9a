"""The command line: ``python -m geo status|validate|dates|package|version ...``.

Every failure a person can cause (a bad date, an unknown scenario, a broken
data file) ends as a message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo.errors import DataError, UsageError
from geo.i18n import DEFAULT_CONVENTION, LANGUAGES
from geo.io import DATA_DIR
from geo.model import Model
from geo.package import PackageError, write_package
from geo.schema import SCENARIOS, parse_date
from geo.timeline import OutOfRangeError
from geo.version import DataVersion, changelog_heading, data_version

EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def date_argument(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> Parser:
    parser = Parser(prog="python -m geo", description="Who controlled what, and when.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: built-in)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    status = commands.add_parser("status", help="status of every district or settlement on a date")
    status.add_argument("--date", type=date_argument, required=True, help="YYYY-MM-DD")
    status.add_argument("--scenario", choices=SCENARIOS, default="actual")
    status.add_argument("--level", choices=("district", "settlement"), default="district")
    status.add_argument("--json", action="store_true", help="print JSON")

    areas = commands.add_parser("areas", help="km2 held by each side on a date (equal-area projection)")
    areas.add_argument("--date", type=date_argument, required=True, help="YYYY-MM-DD")
    areas.add_argument("--scenario", choices=SCENARIOS, default="actual")
    areas.add_argument("--json", action="store_true", help="print JSON")

    dates = commands.add_parser("dates", help="the key dates of the timeline")
    dates.add_argument("--scenario", choices=SCENARIOS, default="actual")
    dates.add_argument("--json", action="store_true")

    validate = commands.add_parser("validate", help="check a scenario (folder or .zip) or the data; list every problem")
    validate.add_argument("path", nargs="?", type=Path, help="scenario folder or .zip (default: the built-in data)")

    export = commands.add_parser("export", help="a map snapshot (png, svg, pdf) or the interactive page (html)")
    export.add_argument("--date", type=date_argument, help="YYYY-MM-DD (not with --all-events)")
    export.add_argument("--all-events", action="store_true", help="one file per key date, into --out-dir")
    export.add_argument("--format", default=None, help="png, svg, pdf or html (default: from --out)")
    export.add_argument("--preset", default="social", help="social (1200x675), square (1080x1080) or a4")
    export.add_argument("--out", type=Path, help="output file")
    export.add_argument("--out-dir", type=Path, help="output folder for --all-events")
    export.add_argument("--names", default=None, help="neutral, az, hy or en (default: from --lang)")
    export.add_argument("--scenario", choices=SCENARIOS, default="actual")
    export.add_argument("--style", default="colour", help="colour or bw (patterns for black-and-white printing)")
    add_language(export)
    add_text_options(export)

    animate = commands.add_parser("animate", help="a GIF or MP4 of a date range")
    animate.add_argument("--from", dest="start", type=date_argument, required=True, help="YYYY-MM-DD")
    animate.add_argument("--to", dest="end", type=date_argument, required=True, help="YYYY-MM-DD")
    animate.add_argument("--out", type=Path, required=True, help="FILE.gif or FILE.mp4")
    animate.add_argument("--step", default="event", help="event (each change) or day")
    animate.add_argument("--preset", default="social")
    animate.add_argument("--seconds-per-frame", type=float, default=1.0)
    animate.add_argument("--names", default=None, help="neutral, az, hy or en (default: from --lang)")
    animate.add_argument("--scenario", choices=SCENARIOS, default="actual")
    animate.add_argument("--style", default="colour", help="colour or bw")
    add_language(animate)
    add_text_options(animate)

    publish = commands.add_parser("publish", help="a static site (a page per language, assets, snapshots) in DIR")
    publish.add_argument("dir", type=Path)
    publish.add_argument("--lang", choices=tuple(LANGUAGES), default=None, help="only this language (default: all)")

    gallery = commands.add_parser("gallery", help="the exports of the story's key dates in every preset, with index.md")
    gallery.add_argument("dir", type=Path, help="output folder (the repository's is docs/gallery)")

    handout = commands.add_parser("handout", help="a one-page PDF for class: six maps and a timeline")
    handout.add_argument("--out", type=Path, required=True, help="FILE.pdf")
    handout.add_argument("--paper", default="a4", help="a4 or letter")
    handout.add_argument("--style", default="colour", help="colour or bw (patterns for black-and-white printing)")
    handout.add_argument("--names", default=None, help="neutral, az, hy or en (default: from --lang)")
    handout.add_argument("--scenario", choices=SCENARIOS, default="actual")
    add_language(handout)

    package = commands.add_parser("package", help="the open data package (Frictionless) in OUT: a folder or FILE.zip")
    package.add_argument("out", type=Path, help="a new or previous package folder, or a name ending in .zip")

    version = commands.add_parser("version", help="the data version: release date + hash of the data files")
    version.add_argument("--json", action="store_true", help="print JSON")
    version.add_argument("--check", action="store_true", help="exit 2 unless data/CHANGELOG.md names this version")
    return parser


def add_language(command: argparse.ArgumentParser) -> None:
    """The language of every word drawn; it also chooses the naming convention unless --names does."""
    command.add_argument("--lang", choices=tuple(LANGUAGES), default="en", help="en, az, hy or ru (default: en)")


def resolve_names(args: argparse.Namespace) -> None:
    """--names left out: the language's own naming convention (neutral for English and Russian)."""
    if getattr(args, "names", "") is None:
        args.names = DEFAULT_CONVENTION[getattr(args, "lang", None) or "en"]


def add_text_options(command: argparse.ArgumentParser) -> None:
    """A journalist's own words on a snapshot: drawn as plain text, never as markup."""
    command.add_argument("--title", default="", help="title (default: from the date's leading event)")
    command.add_argument("--subtitle", default="", help="subtitle under the title")
    command.add_argument("--note", default="", help="a note under the title block")
    command.add_argument(
        "--highlight",
        action="append",
        default=[],
        metavar="NAME",
        help="outline a district or place (id or name; repeat or separate with commas)",
    )


def text_options(args: argparse.Namespace, snapshot: Any) -> dict[str, Any]:
    """The text options given, as Snapshot fields."""
    return {
        "title": args.title,
        "subtitle": args.subtitle,
        "note": args.note,
        "highlight": snapshot.split_highlights(args.highlight),
    }


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutOfRangeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except (ExportFailedError, PackageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, as command-line tools do
        sys.stderr.close()
        return 0


class ExportFailedError(Exception):
    """An export request that cannot be met; carries the exporter's one-line reason."""


def progress(number: int, total: int, label: str) -> None:
    print(f"[{number}/{total}] {label}", file=sys.stderr, flush=True)


def run_export(args: argparse.Namespace, model: Model) -> int:
    """Export commands live in the renderers (layers.export); imported only when asked for."""
    exporter = importlib.import_module("layers.export")
    snapshot = importlib.import_module("layers.static_map")
    resolve_names(args)
    try:
        if args.command == "handout":
            exporter.write_handout(
                model,
                args.out,
                paper=args.paper,
                style=args.style,
                scenario=args.scenario,
                convention=args.names,
                lang=args.lang,
            )
            print(f"wrote {args.out}")
            return 0
        if args.command == "gallery":
            written = importlib.import_module("layers.gallery").write_gallery(model, args.dir, progress=progress)
            print(f"wrote {len(written)} pictures and index.md to {args.dir}")
            return 0
        if args.command == "publish":
            languages = (args.lang,) if args.lang else tuple(LANGUAGES)
            out = exporter.publish(model, args.dir, progress=progress, languages=languages)
            print(f"wrote {out}")
            return 0
        if args.command == "animate":
            exporter.write_animation(
                model,
                args.out,
                start=args.start,
                end=args.end,
                step=args.step,
                preset=args.preset,
                scenario=args.scenario,
                convention=args.names,
                seconds_per_frame=args.seconds_per_frame,
                style=args.style,
                progress=progress,
                lang=args.lang,
                **text_options(args, snapshot),
            )
            print(f"wrote {args.out}")
            return 0
        if args.all_events:
            if args.out_dir is None:
                raise UsageError("--all-events needs --out-dir")
            written = exporter.write_all_events(
                model,
                args.out_dir,
                fmt=(args.format or "png").lower(),
                preset=args.preset,
                scenario=args.scenario,
                convention=args.names,
                style=args.style,
                progress=progress,
                lang=args.lang,
                **text_options(args, snapshot),
            )
            print(f"wrote {len(written)} files to {args.out_dir}")
            return 0
        if args.date is None or args.out is None:
            raise UsageError("export needs --date and --out (or --all-events and --out-dir)")
        fmt = (args.format or args.out.suffix.lstrip(".")).lower()
        if fmt == "html":
            if any(text_options(args, snapshot).values()):
                raise UsageError("--title, --subtitle, --note and --highlight apply to png, svg and pdf, not html")
            exporter.write_interactive(
                model, args.out, day=args.date, scenario=args.scenario, convention=args.names, lang=args.lang
            )
        else:
            view = snapshot.Snapshot(
                args.date,
                args.scenario,
                args.names,
                args.preset,
                args.style,
                lang=args.lang,
                **text_options(args, snapshot),
            )
            exporter.write_snapshot(model, view, args.out, fmt)
        print(f"wrote {args.out}")
        return 0
    except exporter.ExportError as exc:
        raise ExportFailedError(str(exc)) from None


def run_version(args: argparse.Namespace) -> int:
    """Print the data version; say which changelog heading to add when the data moved on since the newest entry."""
    if not args.data.exists():
        raise UsageError(f"{args.data} does not exist")
    version = data_version(args.data)
    print(json.dumps(version.as_dict()) if args.json else version.label)
    if version.release is not None and not version.in_changelog:
        hint = f"the data differ from the newest entry of {changelog_name(args.data)}; add an entry headed"
        if args.check:
            raise UsageError(f"{hint} {changelog_heading(version)}")
        print(f"note: {hint} {changelog_heading(version)}", file=sys.stderr)
    elif args.check and version.release is None:
        raise UsageError(f"{changelog_name(args.data)} has no entry; add one headed {changelog_heading(version)}")
    return 0


def changelog_name(root: Path) -> str:
    return f"{root.name}/CHANGELOG.md"


def with_version(records: list[dict[str, Any]], version: DataVersion) -> list[dict[str, Any]]:
    """Each record names the data version it comes from (the list stays a list for existing readers)."""
    return [{**record, "data_version": version.label} for record in records]


def run(args: argparse.Namespace) -> int:
    if args.command == "version":
        return run_version(args)
    if args.command == "validate" and args.path is not None:
        args.data = args.path
        if not args.path.exists():
            raise UsageError(f"{args.path} does not exist")
    model = Model.load(args.data)
    if args.command in ("export", "animate", "publish", "handout", "gallery"):
        return run_export(args, model)
    if args.command == "package":
        version = data_version(args.data)
        write_package(model, args.out, version=version)
        print(f"wrote {args.out} (data version {version.label})")
        return 0
    if args.command == "validate":
        ds = model.dataset
        print(f"ok: {len(ds.districts)} boundaries, {len(ds.settlements)} settlements, {len(ds.events)} events")
        return 0
    if args.command == "dates":
        days = [d.isoformat() for d in model.timeline.key_dates(args.scenario)]
        print(json.dumps(days) if args.json else "\n".join(days))
        return 0
    model.timeline.check_date(args.date)
    if args.command == "areas":
        result = model.areas(args.date, args.scenario)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            totals = result["total_km2"]
            held = ", ".join(f"{side} {km:,.0f} km2" for side, km in totals.items())
            print(f"{result['date']} ({result['scenario']}): {held}")
            for record in result["districts"]:
                sizes = ", ".join(f"{k} {v:,.0f}" for k, v in record["km2"].items())
                print(f"  {record['id']:<8} {sizes}")
        return 0
    if args.level == "district":
        records = model.district_records(args.date, args.scenario)
    else:
        records = model.settlement_records(args.date, args.scenario)
    if args.json:
        print(json.dumps(with_version(records, data_version(args.data)), ensure_ascii=False, indent=1))
    else:
        print_table(records)
    return 0


def print_table(records: list[dict[str, Any]]) -> None:
    for record in records:
        share = "" if record["share_az"] is None else f"{record['share_az']:.0%} AZ"
        print(
            f"{record['id']:<12} {record['name']:<14} {record['controller'] or '-':<6} "
            f"{share:<8} {record['status_label']:<34} since {record['since'] or '-'}"
        )
