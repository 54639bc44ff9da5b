"""The register commands: ``add``, ``validate``, ``list`` and ``remove``.

A thin face over :mod:`geo.validate` and :mod:`geo.register`; what they print
follows the run's language (:mod:`mapbuilder.cli.messages`). Exit codes:
0 fine, 1 problems in a file (nothing changed), 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from layers.lang import format_number, get_lang, terminal_text
from layers.messages import msg, msg_n
from mapbuilder.cli.messages import listing
from mapbuilder.sources import (
    REGISTER_ENV,
    existing_register,
    register_for_add,
    register_path,
)

__all__ = ["LIST_FORMATS", "add_commands", "report_text"]

LIST_FORMATS = ("text", "json", "csv", "xlsx", "geojson")
NOTES_SHOWN = 10  # notes of one file printed without --verbose


def _where() -> str:
    """Where the register is now, for --help."""
    try:
        resolved = register_path(None).resolve()
    except OSError:  # pragma: no cover - cwd removed
        resolved = Path(register_path(None))
    return msg("cli.register_where", resolved=resolved, env=REGISTER_ENV)


def _paragraphs(*texts: str) -> str:
    """Paragraphs wrapped for the terminal (the register commands keep their line breaks)."""
    return "\n\n".join(textwrap.fill(t, 79) for t in texts)


def _command(sub: argparse._SubParsersAction, name: str, short: str, long: str,
             *more: str) -> argparse.ArgumentParser:
    """A subcommand with its one-line help and description (in the run's language)."""
    return sub.add_parser(name, formatter_class=argparse.RawDescriptionHelpFormatter,
                          help=short, description=_paragraphs(long, *more))


def _register_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--register", metavar="PATH", type=Path,
                   help=msg("cli.help_register_now", now=register_path(None), env=REGISTER_ENV))


def _crs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--crs", metavar="CRS",
                   help=msg("cli.help_crs"))


def _partner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sheet", metavar="NAME",
                   help=msg("cli.help_sheet"))
    if not any("--verbose" in a.option_strings for a in p._actions):
        # SUPPRESS: no default here, so a global --verbose before the command is kept
        p.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                       help=msg("cli.help_verbose_notes"))


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``add``, ``validate``, ``list`` and ``remove`` subcommands."""
    where = _where()
    reg = register_path(None)
    p = _command(
        sub, "add",
        msg("cli.help_add", reg=reg),
        msg("cli.description_add"), where)
    p.add_argument("files", nargs="+", metavar="FILE", type=Path,
                   help=msg("cli.help_files"))
    p.add_argument("--update", action="store_true",
                   help=msg("cli.help_update"))
    p.add_argument("--allow-duplicates", action="store_true",
                   help=msg("cli.help_allow_duplicates"))
    _crs_option(p)
    _partner_options(p)
    _register_option(p)
    p.set_defaults(func=run_add)

    p = _command(
        sub, "validate",
        msg("cli.help_validate"),
        msg("cli.description_validate"))
    p.add_argument("files", nargs="+", metavar="FILE", type=Path,
                   help=msg("cli.help_files"))
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help=msg("cli.help_report_format"))
    _crs_option(p)
    _partner_options(p)
    p.set_defaults(func=run_validate)

    p = _command(
        sub, "list",
        msg("cli.help_list", reg=reg),
        msg("cli.description_list"), where)
    p.add_argument("--format", choices=LIST_FORMATS, default="text",
                   help=msg("cli.help_list_format"))
    p.add_argument("--out", metavar="PATH", type=Path,
                   help=msg("cli.help_list_out"))
    _register_option(p)
    p.set_defaults(func=run_list)

    p = _command(
        sub, "remove",
        msg("cli.help_remove", reg=reg),
        msg("cli.description_remove"), where)
    p.add_argument("ids", nargs="+", metavar="ID",
                   help=msg("cli.help_ids"))
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
    elif args.format == "csv":  # the map page's "Meldingen downloaden (CSV)", byte for byte
        from mapbuilder.messages_csv import messages_csv

        problems = [p for r in reports for p in r.to_dict()["problems"]]
        files = None if len(reports) == 1 else \
            [str(r.path) for r in reports for _ in r.to_dict()["problems"]]
        text = messages_csv(problems, get_lang(), files)
        sys.stdout.flush()
        if hasattr(sys.stdout, "buffer"):  # bytes: CRLF stays CRLF on every system
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
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
        print(msg("cli.nothing_added", reg=reg), file=sys.stderr)
        return max(r.exit_code for r in bad)
    summary = add_to_register(reg, reports, update=args.update)
    n = {k: format_number(len(getattr(summary, k)), 0)
         for k in ("added", "replaced", "unchanged")}
    out = [msg("cli.added", reg=summary.register, total=msg_n("cli.projects", summary.total), **n)]
    if summary.replaced:
        out.append(msg("cli.replaced", ids=listing([terminal_text(i, 40) for i in summary.replaced],
                                               args.verbose)))
    notes = summary.likely_duplicates
    shown = notes if args.verbose else notes[:NOTES_SHOWN]
    out += [msg("cli.note", text=d) for d in shown]
    if len(notes) > len(shown):
        out.append(msg("cli.notes_more", n=format_number(len(notes) - len(shown), 0)))
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
        from layers.errors import TransitiekaartError

        raise TransitiekaartError(msg("cli.xlsx_needs_out"))
    reg = existing_register(args.register)
    if reg is None:
        reg = register_path(args.register)
        print(msg("cli.no_register", reg=reg), file=sys.stderr if args.out is None
              and args.format != "text" else sys.stdout)
        return 0
    if args.format in ("csv", "xlsx", "geojson"):
        from mapbuilder.register_export import export_register

        projects = read_register(reg)
        text = export_register(projects, args.format, args.out)
        if args.out is None:
            sys.stdout.write(text)
        else:
            print(msg("cli.list_written", projects=msg_n("cli.projects", len(projects)), reg=reg,
                      path=args.out.resolve()))
        return 0
    table = list_register(reg)
    if args.format == "json":
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        text = msg("cli.list_count", projects=msg_n("cli.projects", len(table)), reg=reg) + "\n"
        if len(table):
            text += _list_text(table) + "\n"
    if args.out is not None:
        from layers.atomic import atomic_write_text

        atomic_write_text(args.out, text)
        print(msg("cli.list_written", projects=msg_n("cli.projects", len(table)), reg=reg,
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
    headers = {"id": "id", "status": "status", "lon": "lon", "lat": "lat",
               **{col: msg(f"csv.{col}") for col in ("theme", "name", "amount_eur", "place")}}
    return shown.rename(columns=headers).to_string(index=False)


def run_remove(args: argparse.Namespace) -> int:
    """``transitiekaart remove``: remove projects by id."""
    from geo.register import remove_from_register

    reg = existing_register(args.register) or register_path(args.register)
    removed = remove_from_register(reg, args.ids)
    print(msg("cli.removed", projects=msg_n("cli.projects", len(removed)), reg=reg,
              ids=listing(removed, args.verbose), bak=f"{reg.name}.bak"))
    return 0
