"""The command line: a thin face over the Python API.

Subcommands live in their own modules and register themselves in
:data:`COMMANDS`; each gets the parsed arguments and returns an exit code.
Every :class:`~geo._errors.TransitiekaartError` becomes a one-line message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from geo._errors import TransitiekaartError
from mapbuilder.i18n import DEFAULT_METRIC, LANGS, METRICS
from mapbuilder.page import ASSETS

__all__ = ["COMMANDS", "common_options", "main", "run"]

PROG = "transitiekaart"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a wrong option in one line, without the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {PROG} --help)\n")


def common_options(parser: argparse.ArgumentParser, projects: bool = True) -> None:
    """Options shared by commands that read projects and layers."""
    if projects:
        parser.add_argument("--projects", nargs="+", metavar="FILE", type=Path,
                            help="project file(s) for a one-off map; default: the "
                                 "register if it exists, else the built-in samples")
        parser.add_argument("--crs", metavar="CRS",
                            help="CRS of --projects files that do not declare one, "
                                 "e.g. EPSG:28992 for a CSV with x/y in RD New")
    parser.add_argument("--register", metavar="PATH", type=Path,
                        help="project register (default: $TRANSITIEKAART_REGISTER, "
                             "else ./projects.geojson)")
    parser.add_argument("--municipalities", metavar="FILE", type=Path,
                        help="municipality boundaries replacing the built-in CBS/PDOK layer")
    parser.add_argument("--population", metavar="FILE", type=Path,
                        help="population CSV (code, population, reference_date)")
    parser.add_argument("--novex", metavar="FILE", type=Path,
                        help="official NOVEX geometries replacing the indicative ones")
    parser.add_argument("--lang", choices=LANGS, default="nl",
                        help="label language (default: nl)")


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the investment map (HTML)",
                       description="Build the investment map and print a summary per "
                                   "subregion.")
    common_options(p)
    p.add_argument("--metric", choices=list(METRICS), default=DEFAULT_METRIC,
                   help="what the map opens with; the page can switch (default: "
                        f"{DEFAULT_METRIC}; total and count are drawn as circles)")
    p.add_argument("--out", type=Path, default=Path("output/map.html"),
                   help="where to write the map (default: output/map.html)")
    p.add_argument("--no-ijmeerlijn", action="store_true",
                   help="leave out the planned IJmeerlijn context line")
    p.add_argument("--tiles", default="osm", metavar="TILES",
                   help="base map: osm (default, OpenStreetMap), none (no tiles, no network "
                        "request) or an xyzservices provider name, e.g. nlmaps.grijs")
    p.add_argument("--assets", choices=ASSETS, default="inline",
                   help="inline (default): one self-contained HTML file; cdn: a smaller "
                        "page that loads Leaflet from a CDN")
    p.add_argument("--png", action="store_true",
                   help="also write a PNG picture of the map next to the HTML "
                        "(needs playwright and chromium)")
    p.add_argument("--timings", type=Path, metavar="FILE",
                   help="write the seconds per stage (read, validate, combine, aggregate, "
                        "render, write) as JSON, for benchmarks")
    p.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import gc

    # The build makes many short-lived containers and few reference cycles; the
    # cyclic collector would walk them again and again (about 5 % of a build).
    # Reference counting still frees everything as it goes.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(args)
    finally:
        if was_enabled:
            gc.enable()


def _build(args: argparse.Namespace) -> int:
    import json

    from geo._timing import stage, timings
    from geo.analysis import analyse
    from layers.region import load_region
    from mapbuilder._sources import resolve_projects
    from mapbuilder.output import write_html
    from mapbuilder.progress import show_progress
    from mapbuilder.render import render_analysis
    from mapbuilder.summary import summary_table
    from mapbuilder.tiles import provider

    show_progress()  # on a terminal only
    if args.tiles.strip().lower() != "none":
        provider(args.tiles)  # an unknown name fails before the slow part
    if args.png:
        from mapbuilder.snapshot import check_available

        check_available()
    with stage("layers"):
        region = load_region(args.municipalities, args.population, args.novex)
    src = resolve_projects(args.projects, args.register, getattr(args, "crs", None))
    analysis = analyse(src.projects, region)
    with stage("render"):
        fmap = render_analysis(analysis, args.metric, args.lang, src.label,
                               show_ijmeerlijn=not args.no_ijmeerlijn, tiles=args.tiles)
    with stage("write"):
        out = write_html(fmap, args.out, assets=args.assets, lang=args.lang)
    png = None
    if args.png:
        from mapbuilder.snapshot import snapshot

        with stage("png"):
            png = snapshot(out)
    if args.timings:
        from mapbuilder.output import atomic_write_text

        atomic_write_text(args.timings, json.dumps(
            {"stages": timings(), "projects": len(analysis.projects)}, indent=2))
    print(summary_table(analysis, args.lang))
    print(f"\nMap written to {out.resolve()}")
    if png is not None:
        print(f"Picture written to {png.resolve()}")
    return 0


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_build]


def _load_plugins() -> None:
    """Import the modules that add further subcommands to :data:`COMMANDS`."""
    import importlib

    for name in ("mapbuilder.cli_register", "mapbuilder.cli_compare"):
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        adder = mod.add_commands
        if adder not in COMMANDS:
            COMMANDS.append(adder)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    _load_plugins()
    parser = _Parser(prog=PROG, description="Map and compare where the Metropool "
                     "Amsterdam's transition investments land.")
    from geo import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except TransitiekaartError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `transitiekaart compare | head`: the reader left
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"{PROG}: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def run() -> None:  # pragma: no cover - exits the process
    """Console entry point: :func:`main`, then leave without tearing the interpreter down.

    Everything the command writes is done by then (files are written atomically,
    locks released, output flushed here), so the remaining work of a normal exit
    (freeing every object, stopping pyarrow's thread pool, finalising numpy,
    pandas and PROJ) only costs time: 0.15 to 0.2 s after a build of 100,000
    projects, a tenth of its run. Code that calls :func:`main` itself is unaffected.
    """
    import logging

    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # reader gone, or stream closed
            pass
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
