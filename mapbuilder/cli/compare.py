"""``transitiekaart compare``: areas side by side, as a table, file, workbook or page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from layers.messages import msg
from mapbuilder.cli import common_options, page_options

if TYPE_CHECKING:
    from geo.analysis import Analysis
    from geo.comparison import Comparison, HeadToHead

__all__ = ["FORMATS", "add_commands"]

DEFAULT_OUT = {"html": Path("output/compare.html"), "xlsx": Path("output/compare.xlsx")}
FORMATS: tuple[str, ...] = ("table", "csv", "csv-plain", "md", "json", "html", "xlsx")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the ``compare`` subcommand."""
    from geo.comparison import COMPARE_LEVELS

    p = sub.add_parser(
        "compare", help=msg("compare.help_compare"),
        description=msg("compare.description"))
    common_options(p)
    for action in p._actions:
        if action.dest == "projects":
            action.help = msg("compare.help_projects")
        if action.dest == "lang":  # None: the run's language ($TRANSITIEKAART_LANG, else nl)
            action.default = None
            action.help = msg("compare.help_lang")
    p.add_argument("--by", choices=COMPARE_LEVELS, default=None,
                   help=msg("compare.help_by"))
    p.add_argument("--theme", nargs="+", metavar="CODE", default=None,
                   help=msg("compare.help_theme"))
    p.add_argument("--format", choices=FORMATS, default="table", dest="fmt",
                   help=msg("compare.help_format"))
    p.add_argument("--out", type=Path, default=None,
                   help=msg("compare.help_out"))
    p.add_argument("--a", metavar="AREA", default=None,
                   help=msg("compare.help_a"))
    p.add_argument("--b", metavar="AREA", default=None,
                   help=msg("compare.help_b"))
    p.add_argument("--maps", nargs=2, metavar=("LEFT", "RIGHT"), default=None,
                   help=msg("compare.help_maps"))
    p.add_argument("--multiples", choices=("lq", "eur", "share"), default="lq",
                   help=msg("compare.help_multiples"))
    page_options(p, prefix="html: ")
    p.set_defaults(func=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    from layers.lang import get_lang, use_lang

    with use_lang(getattr(args, "lang", None) or get_lang()) as lang:
        return _compare(args, lang)


def _summary(result: Comparison, analysis: Analysis, lang: str,
             head: HeadToHead | None = None) -> str:
    """A few lines about what the page or workbook holds."""
    from geo.comparison import AREA_WIDE_KEY
    from mapbuilder.compare.formats import format_value, level_label
    from mapbuilder.formatting import format_eur, format_number

    table = result.table
    level = level_label(result.level, lang)
    level = level if level.startswith("NOVEX") else level[0].lower() + level[1:]
    mra = result.mra
    areas = table.drop(index=AREA_WIDE_KEY, errors="ignore")  # the row is no area
    lines = [msg("compare.summary", lang=lang, n=len(areas), level=level,
                projects=format_number(mra.get("n_projects", 0), 0, lang),
                eur=format_eur(mra.get("total_eur", 0.0), lang))]
    if AREA_WIDE_KEY in table.index:
        key = "summary_novex_partial" if result.level == "novex" else \
            "summary_area_wide"
        lines.append(msg(f"compare.{key}", lang=lang,
                        n=format_number(result.area_wide.n_projects, 0, lang),
                        eur=format_eur(result.area_wide.total_eur, lang)))
    per_inh = table["eur_per_inhabitant"].dropna()
    if len(per_inh) and per_inh.max() > 0:
        top = per_inh.idxmax()
        lines.append(msg("compare.summary_top", lang=lang, name=table.at[top, "name"],
                        value=format_value("eur_per_inhabitant", per_inh[top], lang)))
    if head is not None:
        lines.append(msg("compare.summary_head", lang=lang, a=head.names[0], b=head.names[1]))
    if analysis.outside is not None and len(analysis.outside):
        lines.append(msg("compare.summary_outside", lang=lang, n=len(analysis.outside)))
    if result.has_samples:
        lines.append(msg("labels.sample_notice", lang=lang))
    return "\n".join(lines)


def _compare(args: argparse.Namespace, lang: str) -> int:
    from geo.analysis import analyse
    from geo.comparison import COMPARE_LEVELS, compare_areas, compare_two, resolve_themes
    from layers.atomic import atomic_write_text, check_target
    from layers.errors import TransitiekaartError
    from layers.region import load_region
    from mapbuilder.compare.formats import (
        comparison_notes,
        format_comparison,
        format_head_to_head,
        head_to_head_notes,
    )
    from mapbuilder.compare.page import map_themes, write_comparison_page
    from mapbuilder.sources import resolve_projects

    if (args.a is None) != (args.b is None):
        message = msg("compare.err_both", lang=lang)
        raise TransitiekaartError(message)
    if args.out is not None:  # a directory, device or read-only file fails before the work
        check_target(args.out)
    themes = resolve_themes(args.theme)
    maps = tuple(args.maps) if args.maps else None
    extra = map_themes(maps, lang) if maps else []  # validates --maps before the analysis
    if args.fmt == "html" and args.tiles.strip().lower() != "none":
        from mapbuilder.tiles import provider

        provider(args.tiles)  # an unknown name fails before the slow part
    region = load_region(args.municipalities, args.population, args.novex)
    src = resolve_projects(args.projects, args.register, getattr(args, "crs", None),
                           sheet=getattr(args, "sheet", None))
    analysis = analyse(src.projects, region)
    h2h = None
    if args.a is not None:
        h2h = compare_two(analysis, args.a, args.b, by=args.by, themes=themes)
    by = h2h.level if h2h is not None else (args.by or "subregion")
    if args.fmt == "html":
        page_themes = themes + [c for c in extra if c not in themes]
        result = compare_areas(analysis, by=by, themes=page_themes)
        out = write_comparison_page(args.out or DEFAULT_OUT["html"], result, region, maps=maps,
                                    multiples=args.multiples, lang=lang, source=src.label,
                                    head=h2h, tiles=args.tiles, assets=args.assets)
        print(msg("compare.page_written", lang=lang, path=out.resolve()))
        print(_summary(result, analysis, lang, h2h))
        return 0
    if args.fmt == "xlsx":
        from mapbuilder.compare.xlsx import write_workbook

        tables = {lv: compare_areas(analysis, by=lv, themes=themes) for lv in COMPARE_LEVELS}
        out = write_workbook(args.out or DEFAULT_OUT["xlsx"], tables, lang=lang,
                             source=src.label, head=h2h, active=by)
        print(msg("compare.book_written", lang=lang, path=out.resolve()))
        print(_summary(tables[by], analysis, lang, h2h))
        return 0
    if h2h is not None:
        text = format_head_to_head(h2h, args.fmt, lang)
        lines = head_to_head_notes(h2h, lang)
    else:
        result = compare_areas(analysis, by=by, themes=themes)
        text = format_comparison(result, args.fmt, lang)
        lines = comparison_notes(result, lang)
    if args.fmt == "csv":  # for Excel: the notes beside it, in a text file (or on stderr)
        text = "\ufeff" + text if args.out else text
    if args.out:
        out = atomic_write_text(args.out, text)
        print(msg("compare.file_written", lang=lang, path=out.resolve()))
        if args.fmt == "csv":
            notes_out = atomic_write_text(out.with_name(out.stem + ".notes.txt"),
                                          "\n".join(lines) + "\n")
            print(msg("compare.notes_written", lang=lang, path=notes_out.resolve()))
    else:
        print(text, end="")
        if args.fmt == "csv":
            print("\n".join(lines), file=sys.stderr)
    return 0
