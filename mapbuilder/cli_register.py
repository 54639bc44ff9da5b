"""The register commands: ``add``, ``validate``, ``list`` and ``remove``.

A thin face over :mod:`geo.validate` and :mod:`geo.register`; what they print
follows the run's language (:mod:`mapbuilder.cli_messages`). Exit codes:
0 fine, 1 problems in a file (nothing changed), 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from layers.lang import format_number, pick, terminal_text
from mapbuilder._sources import (
    REGISTER_ENV,
    existing_register,
    register_for_add,
    register_path,
)
from mapbuilder.cli_messages import listing, say, say_n

__all__ = ["LIST_FORMATS", "add_commands", "report_text"]

LIST_FORMATS = ("text", "json", "csv", "xlsx", "geojson")
NOTES_SHOWN = 10  # notes of one file printed without --verbose


def _where() -> str:
    """Where the register is now, for --help."""
    try:
        resolved = register_path(None).resolve()
    except OSError:  # pragma: no cover - cwd removed
        resolved = Path(register_path(None))
    return pick(f"Het projectregister is {resolved} (een ander: --register PATH of de "
                f"omgevingsvariabele {REGISTER_ENV}).",
                f"The project register is {resolved} (change it with --register PATH or the "
                f"{REGISTER_ENV} environment variable).")


def _paragraphs(*texts: str) -> str:
    """Paragraphs wrapped for the terminal (the register commands keep their line breaks)."""
    return "\n\n".join(textwrap.fill(t, 79) for t in texts)


def _command(sub: argparse._SubParsersAction, name: str, short: tuple[str, str],
             long: tuple[str, str], *more: str) -> argparse.ArgumentParser:
    """A subcommand with its one-line help and description, (Dutch, English) each."""
    return sub.add_parser(name, formatter_class=argparse.RawDescriptionHelpFormatter,
                          help=pick(*short), description=_paragraphs(pick(*long), *more))


def _register_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--register", metavar="PATH", type=Path,
                   help=pick(f"projectregister (nu: {register_path(None)}; standaard: "
                             f"${REGISTER_ENV}, anders ./projects.geojson)",
                             f"project register (now: {register_path(None)}; default: "
                             f"${REGISTER_ENV}, else ./projects.geojson)"))


def _crs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--crs", metavar="CRS",
                   help=pick("CRS van de coördinaten als het bestand die niet noemt, bijv. "
                             "EPSG:28992 voor x/y in RD New (standaard: lon/lat, EPSG:4326)",
                             "CRS of the coordinates when the file does not say, e.g. "
                             "EPSG:28992 for RD New x/y (default: lon/lat, EPSG:4326)"))


def _partner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sheet", metavar="NAME",
                   help=pick("Excel (.xlsx): het blad om te lezen (standaard: het eerste)",
                             "Excel (.xlsx): the sheet to read (default: the first)"))
    if not any("--verbose" in a.option_strings for a in p._actions):
        # SUPPRESS: no default here, so a global --verbose before the command is kept
        p.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                       help=pick("elke opmerking tonen, niet een aantal met de eerste "
                                 "voorbeelden",
                                 "list every note, not a count with the first examples"))


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``add``, ``validate``, ``list`` and ``remove`` subcommands."""
    where = _where()
    reg = register_path(None)
    p = _command(
        sub, "add",
        (f"projectbestanden controleren en aan het register toevoegen ({reg})",
         f"validate project files and add them to the register ({reg})"),
        ("Controleer projectbestanden (Excel, CSV, GeoJSON, GeoPackage, Shapefile) en voeg hun "
            "projecten toe aan het register. Heeft één bestand een probleem, dan wordt er "
            "niets toegevoegd. Ids die al in het register staan worden alleen met --update "
            "vervangen.",
            "Validate project files (Excel, CSV, GeoJSON, GeoPackage, Shapefile) and add their "
            "projects to the register. If any file has a problem nothing is added. Ids "
            "already in the register are only replaced with --update."), where)
    p.add_argument("files", nargs="+", metavar="FILE", type=Path,
                   help=pick("projectbestanden", "project files"))
    p.add_argument("--update", action="store_true",
                   help=pick("projecten vervangen waarvan het id al in het register staat",
                             "replace projects whose id is already in the register"))
    p.add_argument("--allow-duplicates", action="store_true",
                   help=pick("ook projecten toevoegen die op een project in het register "
                             "lijken (zelfde naam, bedrag of organisatie, ander id)",
                             "also add projects that look like a register project (same "
                             "name, amount or organisation, another id)"))
    _crs_option(p)
    _partner_options(p)
    _register_option(p)
    p.set_defaults(func=run_add)

    p = _command(
        sub, "validate",
        ("projectbestanden controleren zonder iets te veranderen",
         "check project files without changing anything"),
        ("Controleer projectbestanden en noem elk probleem (feature, id/naam, veld, "
            "ontvangen waarde, hoe op te lossen). Afsluitcode 0: in orde, 1: problemen, "
            "2: een bestand is onleesbaar. Alleen de bestanden worden gecontroleerd; het "
            "register wordt niet gelezen en niet veranderd (`add` controleert de bestanden "
            "opnieuw en vergelijkt hun ids met het register).",
            "Check project files and list every problem (feature, id/name, field, value "
            "received, how to fix it). Exit code 0: fine, 1: problems, 2: a file could not "
            "be read. Only the files are checked; the register is neither read nor changed "
            "(`add` checks the files again and compares their ids with the register)."))
    p.add_argument("files", nargs="+", metavar="FILE", type=Path,
                   help=pick("projectbestanden", "project files"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=pick("vorm van het verslag (standaard: text)",
                             "report format (default: text)"))
    _crs_option(p)
    _partner_options(p)
    p.set_defaults(func=run_validate)

    p = _command(
        sub, "list",
        (f"de projecten in het register tonen of exporteren ({reg})",
         f"list or export the projects in the register ({reg})"),
        ("Toon de projecten in het register, of exporteer ze: xlsx (een Excel-werkmap), "
            "csv (voor Excel: UTF-8, in het Nederlands met ';' en decimale komma's), "
            "geojson (RFC 7946) of json.",
            "List the projects in the register, or export them: xlsx (an Excel workbook), "
            "csv (for Excel: UTF-8, with ';' and decimal commas in Dutch), geojson "
            "(RFC 7946) or json."), where)
    p.add_argument("--format", choices=LIST_FORMATS, default="text",
                   help=pick("text (standaard, een tabel), json, csv, xlsx of geojson",
                             "text (default, a table), json, csv, xlsx or geojson"))
    p.add_argument("--out", metavar="PATH", type=Path,
                   help=pick("naar dit bestand schrijven (nodig voor xlsx; standaard: tonen)",
                             "write to this file (needed for xlsx; default: print)"))
    _register_option(p)
    p.set_defaults(func=run_list)

    p = _command(
        sub, "remove",
        (f"projecten op id uit het register verwijderen ({reg})",
         f"remove projects from the register by id ({reg})"),
        ("Verwijder projecten op id uit het register (alles of niets; de vorige versie "
         "blijft bewaard als .bak).",
         "Remove projects from the register by id (all or nothing; the previous version "
         "is kept as .bak)."), where)
    p.add_argument("ids", nargs="+", metavar="ID",
                   help=pick("ids van de projecten", "ids of the projects"))
    _register_option(p)
    p.set_defaults(func=run_remove)


def report_text(report: Any, verbose: bool = False, notes: bool = True) -> str:
    """A validation report for the terminal, in the run's language.

    Every error is listed; notes of one kind that occur often are summarised in
    one line with a count and the first examples (``verbose``: all of them).
    See :meth:`geo.validate.ValidationReport.to_text`.
    """
    return report.to_text(notes=notes, verbose=verbose)


def run_validate(args: argparse.Namespace) -> int:
    """``transitiekaart validate``: print every problem; exit 0/1/2."""
    from geo.validate import validate_file

    reports = [validate_file(f, crs=args.crs, sheet=args.sheet) for f in args.files]
    if args.format == "json":
        doc = reports[0].to_dict() if len(reports) == 1 else \
            {"files": [r.to_dict() for r in reports]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report_text(r, args.verbose) for r in reports))
    return max(r.exit_code for r in reports)


def run_add(args: argparse.Namespace) -> int:
    """``transitiekaart add``: validate every file, then merge all or nothing."""
    from geo.register import add_to_register
    from geo.validate import validate_file

    reg = register_for_add(args.register)
    reports = [validate_file(f, crs=args.crs, sheet=args.sheet) for f in args.files]
    bad = [r for r in reports if not r.ok]
    if not bad:  # projects without id like a register project: probably renamed copies,
        # refused unless --update or --allow-duplicates says to go on
        _register_duplicates(reg, reports, refuse=not (args.update or args.allow_duplicates))
        bad = [r for r in reports if not r.ok]
    for r in reports:
        if r.problems or not r.ok:
            print(report_text(r, args.verbose), file=sys.stderr if not r.ok else sys.stdout)
    if bad:
        print(say("nothing_added", reg=reg), file=sys.stderr)
        return max(r.exit_code for r in bad)
    summary = add_to_register(reg, reports, update=args.update)
    n = {k: format_number(len(getattr(summary, k)), 0)
         for k in ("added", "replaced", "unchanged")}
    out = [say("added", reg=summary.register, total=say_n("projects", summary.total), **n)]
    if summary.replaced:
        out.append(say("replaced", ids=listing([terminal_text(i, 40) for i in summary.replaced],
                                               args.verbose)))
    notes = summary.likely_duplicates
    shown = notes if args.verbose else notes[:NOTES_SHOWN]
    out += [say("note", text=d) for d in shown]
    if len(notes) > len(shown):
        out.append(say("notes_more", n=format_number(len(notes) - len(shown), 0)))
    print("\n".join(out))
    return 0


def _register_duplicates(reg: Path, reports: list, refuse: bool = False) -> None:
    """Add a problem to each report for a project without id that looks like a register
    one: an error when ``refuse`` (nothing is then added), else a note."""
    from geo.register import read_register
    from geo.validate import likely_register_duplicates

    if not reg.exists() or not any(r.derived_ids for r in reports):
        return
    current = read_register(reg)
    for r in reports:
        r.problems.extend(likely_register_duplicates(r.projects, r.derived_ids, current,
                                                     refuse))


def run_list(args: argparse.Namespace) -> int:
    """``transitiekaart list``: the projects in the register, as a table or an export."""
    from geo.register import list_register, read_register

    if args.format == "xlsx" and args.out is None:
        from geo._errors import TransitiekaartError

        raise TransitiekaartError(say("xlsx_needs_out"))
    reg = existing_register(args.register)
    if reg is None:
        reg = register_path(args.register)
        print(say("no_register", reg=reg), file=sys.stderr if args.out is None
              and args.format != "text" else sys.stdout)
        return 0
    if args.format in ("csv", "xlsx", "geojson"):
        from mapbuilder.register_export import export_register

        projects = read_register(reg)
        text = export_register(projects, args.format, args.out)
        if args.out is None:
            sys.stdout.write(text)
        else:
            print(say("list_written", projects=say_n("projects", len(projects)), reg=reg,
                      path=args.out.resolve()))
        return 0
    table = list_register(reg)
    if args.format == "json":
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        text = say("list_count", projects=say_n("projects", len(table)), reg=reg) + "\n"
        if len(table):
            text += _list_text(table) + "\n"
    if args.out is not None:
        from mapbuilder.output import atomic_write_text

        atomic_write_text(args.out, text)
        print(say("list_written", projects=say_n("projects", len(table)), reg=reg,
                  path=args.out.resolve()))
    else:
        sys.stdout.write(text)
    return 0


def _list_text(table: Any) -> str:
    """The register table for the terminal: headers, themes and statuses in the run's
    language (codes only in ``--format json``)."""
    from geo.themes import THEMES
    from layers.lang import get_lang
    from mapbuilder.i18n import status_label

    lang = get_lang()
    label = {th.code: th.label(lang) for th in THEMES}
    def safe(col: str, n: int) -> Any:  # names from a file: control characters shown, cut
        return table[col].map(lambda v: "" if v is None or v != v else terminal_text(v, n))

    shown = table.assign(
        id=safe("id", 30), name=safe("name", 50), place=safe("place", 40),
        theme=table["theme"].map(lambda v: terminal_text(label.get(v, v), 60)
                                 if isinstance(v, str) else ""),
        amount_eur=table["amount_eur"].map(lambda v: "" if v != v else format_number(v)),
        status=table["status"].map(lambda v: status_label(v, lang) or ""),
        lon=table["lon"].map(lambda v: "" if v != v else format_number(v, 5)),
        lat=table["lat"].map(lambda v: "" if v != v else format_number(v, 5)))
    if not shown["place"].astype(bool).any():  # only points: no place column
        shown = shown.drop(columns="place")
    if not shown["status"].astype(bool).any():  # no statuses: no status column
        shown = shown.drop(columns="status")
    headers = {"id": "id", "theme": pick("thema", "theme"), "name": pick("naam", "name"),
               "amount_eur": pick("bedrag_eur", "amount_eur"), "status": "status",
               "lon": "lon", "lat": "lat", "place": pick("plaats", "place")}
    return shown.rename(columns=headers).to_string(index=False)


def run_remove(args: argparse.Namespace) -> int:
    """``transitiekaart remove``: remove projects by id."""
    from geo.register import remove_from_register

    reg = existing_register(args.register) or register_path(args.register)
    removed = remove_from_register(reg, args.ids)
    print(say("removed", projects=say_n("projects", len(removed)), reg=reg,
              ids=listing(removed, args.verbose), bak=f"{reg.name}.bak"))
    return 0
