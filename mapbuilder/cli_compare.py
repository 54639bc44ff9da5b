"""``transitiekaart compare``: areas side by side, as a table, file or comparison page."""

from __future__ import annotations

import argparse
from pathlib import Path

from mapbuilder.cli import common_options

__all__ = ["add_commands"]

DEFAULT_HTML = Path("output/compare.html")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the ``compare`` subcommand."""
    from geo.comparison import COMPARE_LEVELS
    from mapbuilder.formatting import COMPARE_FORMATS as FORMATS

    p = sub.add_parser(
        "compare", help="compare subregions, municipalities or NOVEX areas",
        description="Compare areas side by side: euros per inhabitant and per km2, "
                    "themes (share and location quotient), theme diversity and the "
                    "share inside each NOVEX area. --a/--b puts two areas head to head.")
    common_options(p)
    p.add_argument("--by", choices=COMPARE_LEVELS, default=None,
                   help="areas to compare (default: subregion)")
    p.add_argument("--theme", nargs="+", metavar="CODE", default=None,
                   help="only these themes' columns (codes or names; default: all eight)")
    p.add_argument("--format", choices=FORMATS, default="table", dest="fmt",
                   help="table (terminal, default), csv, md, json or html (comparison page)")
    p.add_argument("--out", type=Path, default=None,
                   help="write to this file (default: print; html: output/compare.html)")
    p.add_argument("--a", metavar="AREA", default=None,
                   help="head to head: first subregion or municipality (with --b)")
    p.add_argument("--b", metavar="AREA", default=None,
                   help="head to head: second subregion or municipality (with --a)")
    p.add_argument("--maps", nargs=2, metavar=("LEFT", "RIGHT"), default=None,
                   help="html: what the two maps show, each a metric (total, "
                        "per_inhabitant, per_km2, count, diversity) or a theme (its "
                        "euros; lq:THEME or share:THEME for its LQ or share); both must "
                        "share a unit. Default: the two largest themes")
    p.add_argument("--multiples", choices=("lq", "eur", "share"), default="lq",
                   help="html: what the small multiples per theme show (default: lq)")
    p.set_defaults(func=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    from geo._atomic import check_target
    from geo._errors import TransitiekaartError
    from geo.analysis import analyse
    from geo.comparison import compare, head_to_head, resolve_themes
    from layers.region import load_region
    from mapbuilder._sources import resolve_projects
    from mapbuilder.compare_page import (
        format_comparison,
        format_head_to_head,
        map_themes,
        write_comparison_page,
    )
    from mapbuilder.i18n import t
    from mapbuilder.output import atomic_write_text

    if (args.a is None) != (args.b is None):
        msg = "Give both --a and --b to put two areas head to head (or neither)."
        raise TransitiekaartError(msg)
    if args.out is not None:  # a directory, device or read-only file fails before the work
        check_target(args.out)
    themes = resolve_themes(args.theme)
    maps = tuple(args.maps) if args.maps else None
    extra = map_themes(maps) if maps else []  # validates --maps before the analysis
    region = load_region(args.municipalities, args.population, args.novex)
    src = resolve_projects(args.projects, args.register, getattr(args, "crs", None))
    analysis = analyse(src.projects, region)
    h2h = None
    if args.a is not None:
        h2h = head_to_head(analysis, args.a, args.b, by=args.by, themes=themes)
    by = h2h.attrs["level"] if h2h is not None else (args.by or "subregion")
    if args.fmt == "html":
        page_themes = themes + [c for c in extra if c not in themes]
        table = compare(analysis, by=by, themes=page_themes)
        out = write_comparison_page(args.out or DEFAULT_HTML, table, region, maps=maps,
                                    multiples=args.multiples, lang=args.lang,
                                    source=src.label, head=h2h)
        print(format_head_to_head(h2h, "table", args.lang) if h2h is not None
              else format_comparison(table, "table", args.lang))
        print(t("cmp_written", args.lang, path=out.resolve()))
        return 0
    if h2h is not None:
        text = format_head_to_head(h2h, args.fmt, args.lang)
    else:
        text = format_comparison(compare(analysis, by=by, themes=themes), args.fmt, args.lang)
    if args.out:
        out = atomic_write_text(args.out, text)
        print(t("cmp_written", args.lang, path=out.resolve()))
    else:
        print(text, end="")
    return 0
