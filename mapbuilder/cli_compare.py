"""``transitiekaart compare``: areas side by side, as a table, file, workbook or page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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
    from layers.lang import pick

    p = sub.add_parser(
        "compare", help=pick("deelregio's, gemeenten of NOVEX-gebieden vergelijken",
                             "compare subregions, municipalities or NOVEX areas"),
        description=pick(
            "Vergelijk gebieden naast elkaar: euro's per inwoner en per km², thema's (aandeel "
            "en locatiequotiënt), themadiversiteit en het aandeel binnen elk NOVEX-gebied. "
            "--a/--b zet twee gebieden tegenover elkaar. Uitvoer: een tabel in de terminal, "
            "CSV, Markdown, JSON, een Excel-werkmap (xlsx) of een vergelijkingspagina (html).",
            "Compare areas side by side: euros per inhabitant and per km2, themes (share and "
            "location quotient), theme diversity and the share inside each NOVEX area. --a/--b "
            "puts two areas head to head. Output: a terminal table, CSV, Markdown, JSON, an "
            "Excel workbook (xlsx) or a comparison page (html)."))
    common_options(p)
    for action in p._actions:
        if action.dest == "projects":
            action.help = pick("vergelijk in plaats daarvan de projecten in deze bestanden (het "
                               "register verandert niet); standaard: het register als het "
                               "bestaat, anders de ingebouwde voorbeelden",
                               "compare the projects in these files instead (the register is "
                               "not changed); default: the register if it exists, else the "
                               "built-in samples")
        if action.dest == "lang":  # None: the run's language ($TRANSITIEKAART_LANG, else nl)
            action.default = None
            action.help = pick("taal van de uitvoer en van elk bericht (standaard: "
                               "$TRANSITIEKAART_LANG, anders nl)",
                               "language of the output and of every message (default: "
                               "$TRANSITIEKAART_LANG, else nl)")
    p.add_argument("--by", choices=COMPARE_LEVELS, default=None,
                   help=pick("welke gebieden (standaard: subregion)",
                             "areas to compare (default: subregion)"))
    p.add_argument("--theme", nargs="+", metavar="CODE", default=None,
                   help=pick("alleen de kolommen van deze thema's (codes of namen; standaard: "
                             "alle acht)",
                             "only these themes' columns (codes or names; default: all eight)"))
    p.add_argument("--format", choices=FORMATS, default="table", dest="fmt",
                   help=pick("table (terminal, standaard), csv (voor Excel: ';' en "
                             "decimale komma, toelichting in een apart .notes.txt-bestand), "
                             "csv-plain (voor scripts: ',', decimale punt, kolomcodes, "
                             "'#'-regels), md, json, xlsx (Excel-werkmap: een blad per niveau, "
                             "toelichting en bronnen) of html (vergelijkingspagina)",
                             "table (terminal, default), csv (for Excel in the run's "
                             "language; notes in a separate .notes.txt file), csv-plain (for "
                             "scripts: ',', decimal points, column keys, '#' lines), md, "
                             "json, xlsx (Excel workbook: a sheet per level, notes and "
                             "sources) or html (comparison page)"))
    p.add_argument("--out", type=Path, default=None,
                   help=pick("schrijf naar dit bestand (standaard: tonen; html: "
                             "output/compare.html; xlsx: output/compare.xlsx)",
                             "write to this file (default: print; html: output/compare.html; "
                             "xlsx: output/compare.xlsx)"))
    p.add_argument("--a", metavar="AREA", default=None,
                   help=pick("tegenover elkaar: eerste gebied, een deelregio, gemeente of "
                             "NOVEX-gebied (naam of code; met --b)",
                             "head to head: first area, a subregion, municipality or NOVEX area "
                             "(name or code; with --b)"))
    p.add_argument("--b", metavar="AREA", default=None,
                   help=pick("tegenover elkaar: tweede gebied, van dezelfde soort als --a",
                             "head to head: second area of the same kind as --a"))
    p.add_argument("--maps", nargs=2, metavar=("LEFT", "RIGHT"), default=None,
                   help=pick("html: wat de twee kaarten tonen, elk een kengetal (total, "
                             "per_inhabitant, per_km2, count, diversity) of een thema (zijn "
                             "euro's; lq:THEMA of share:THEMA voor zijn LQ of aandeel); beide "
                             "met dezelfde eenheid. Standaard: de twee grootste thema's",
                             "html: what the two maps show, each a metric (total, "
                             "per_inhabitant, per_km2, count, diversity) or a theme (its "
                             "euros; lq:THEME or share:THEME for its LQ or share); both must "
                             "share a unit. Default: the two largest themes"))
    p.add_argument("--multiples", choices=("lq", "eur", "share"), default="lq",
                   help=pick("html: wat de kleine kaartjes per thema tonen (standaard: lq)",
                             "html: what the small multiples per theme show (default: lq)"))
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
    from mapbuilder.compare_formats import format_value, level_label
    from mapbuilder.compare_text import ct
    from mapbuilder.formatting import format_eur, format_number
    from mapbuilder.i18n import t

    table = result.table
    level = level_label(result.level, lang)
    level = level if level.startswith("NOVEX") else level[0].lower() + level[1:]
    mra = result.mra
    areas = table.drop(index=AREA_WIDE_KEY, errors="ignore")  # the row is no area
    lines = [ct("summary", lang, n=len(areas), level=level,
                projects=format_number(mra.get("n_projects", 0), 0, lang),
                eur=format_eur(mra.get("total_eur", 0.0), lang))]
    if AREA_WIDE_KEY in table.index:
        key = "summary_novex_partial" if result.level == "novex" else \
            "summary_area_wide"
        lines.append(ct(key, lang,
                        n=format_number(result.area_wide.n_projects, 0, lang),
                        eur=format_eur(result.area_wide.total_eur, lang)))
    per_inh = table["eur_per_inhabitant"].dropna()
    if len(per_inh) and per_inh.max() > 0:
        top = per_inh.idxmax()
        lines.append(ct("summary_top", lang, name=table.at[top, "name"],
                        value=format_value("eur_per_inhabitant", per_inh[top], lang)))
    if head is not None:
        lines.append(ct("summary_head", lang, a=head.names[0], b=head.names[1]))
    if analysis.outside is not None and len(analysis.outside):
        lines.append(ct("summary_outside", lang, n=len(analysis.outside)))
    if result.has_samples:
        lines.append(t("sample_notice", lang))
    return "\n".join(lines)


def _compare(args: argparse.Namespace, lang: str) -> int:
    from geo._atomic import check_target
    from geo._errors import TransitiekaartError
    from geo.analysis import analyse
    from geo.comparison import COMPARE_LEVELS, compare_areas, compare_two, resolve_themes
    from layers.region import load_region
    from mapbuilder._sources import resolve_projects
    from mapbuilder.compare_formats import (
        comparison_notes,
        format_comparison,
        format_head_to_head,
        head_to_head_notes,
    )
    from mapbuilder.compare_page import map_themes, write_comparison_page
    from mapbuilder.compare_text import ct
    from mapbuilder.output import atomic_write_text

    if (args.a is None) != (args.b is None):
        msg = ct("err_both", lang)
        raise TransitiekaartError(msg)
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
        print(ct("page_written", lang, path=out.resolve()))
        print(_summary(result, analysis, lang, h2h))
        return 0
    if args.fmt == "xlsx":
        from mapbuilder.compare_xlsx import write_workbook

        tables = {lv: compare_areas(analysis, by=lv, themes=themes) for lv in COMPARE_LEVELS}
        out = write_workbook(args.out or DEFAULT_OUT["xlsx"], tables, lang=lang,
                             source=src.label, head=h2h, active=by)
        print(ct("book_written", lang, path=out.resolve()))
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
        print(ct("file_written", lang, path=out.resolve()))
        if args.fmt == "csv":
            notes_out = atomic_write_text(out.with_name(out.stem + ".notes.txt"),
                                          "\n".join(lines) + "\n")
            print(ct("notes_written", lang, path=notes_out.resolve()))
    else:
        print(text, end="")
        if args.fmt == "csv":
            print("\n".join(lines), file=sys.stderr)
    return 0
