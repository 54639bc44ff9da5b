"""The register commands: ``add``, ``validate``, ``list`` and ``remove``.

A thin face over :mod:`geo.validate` and :mod:`geo.register`. Exit codes:
0 fine, 1 problems in a file (nothing changed), 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mapbuilder._sources import REGISTER_ENV, register_path

__all__ = ["add_commands"]


def _where() -> str:
    """Where the register is now, for --help."""
    try:
        resolved = register_path(None).resolve()
    except OSError:  # pragma: no cover - cwd removed
        resolved = Path(register_path(None))
    return (f"The project register is {resolved} (change it with --register PATH or the "
            f"{REGISTER_ENV} environment variable).")


def _register_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--register", metavar="PATH", type=Path,
                   help=f"project register (now: {register_path(None)}; default: "
                        f"${REGISTER_ENV}, else ./projects.geojson)")


def _crs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--crs", metavar="CRS",
                   help="CRS of the coordinates when the file does not say, e.g. "
                        "EPSG:28992 for RD New x/y (default: lon/lat, EPSG:4326)")


def _partner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sheet", metavar="NAME",
                   help="Excel (.xlsx): the sheet to read (default: the first)")
    if not any("--verbose" in a.option_strings for a in p._actions):
        # SUPPRESS: no default here, so a global --verbose before the command is kept
        p.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                       help="list every note, not a count with the first examples")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``add``, ``validate``, ``list`` and ``remove`` subcommands."""
    where = _where()
    reg = register_path(None)
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "add", help=f"validate project files and add them to the register ({reg})",
        formatter_class=fmt,
        description="Validate project files (Excel, CSV, GeoJSON, GeoPackage, Shapefile) and add "
                    "their projects to the register. If any file has a problem nothing is "
                    "added. Ids already in the register are only replaced with --update.\n\n"
                    + where)
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--update", action="store_true",
                   help="replace projects whose id is already in the register")
    _crs_option(p)
    _partner_options(p)
    _register_option(p)
    p.set_defaults(func=run_add)

    p = sub.add_parser(
        "validate", help="check project files without changing anything",
        formatter_class=fmt,
        description="Check project files and list every problem (feature, id/name, field, "
                    "value received, how to fix it). Exit code 0: fine, 1: problems, "
                    "2: a file could not be read. Nothing is changed.\n\n" + where)
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="report format (default: text)")
    _crs_option(p)
    _partner_options(p)
    p.set_defaults(func=run_validate)

    p = sub.add_parser("list", help=f"list the projects in the register ({reg})",
                       formatter_class=fmt,
                       description="List the projects in the register.\n\n" + where)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")
    _register_option(p)
    p.set_defaults(func=run_list)

    p = sub.add_parser("remove", help="remove projects from the register by id",
                       formatter_class=fmt,
                       description="Remove projects from the register by id (all or "
                                   "nothing; the previous version is kept as .bak).\n\n"
                                   + where)
    p.add_argument("ids", nargs="+", metavar="ID")
    _register_option(p)
    p.set_defaults(func=run_remove)


def run_validate(args: argparse.Namespace) -> int:
    """``transitiekaart validate``: print every problem; exit 0/1/2."""
    from geo.validate import validate_file

    verbose = bool(getattr(args, "verbose", False))
    reports = [validate_file(f, crs=args.crs, sheet=args.sheet) for f in args.files]
    if args.format == "json":
        doc = reports[0].to_dict() if len(reports) == 1 else \
            {"files": [r.to_dict() for r in reports]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print("\n".join(r.to_text(verbose=verbose) for r in reports))
    return max(r.exit_code for r in reports)


def run_add(args: argparse.Namespace) -> int:
    """``transitiekaart add``: validate every file, then merge all or nothing."""
    from geo.register import add_to_register
    from geo.validate import validate_file

    reg = register_path(args.register)
    verbose = bool(getattr(args, "verbose", False))
    reports = [validate_file(f, crs=args.crs, sheet=args.sheet) for f in args.files]
    bad = [r for r in reports if not r.ok]
    if not bad:  # projects without id near a register project: probably renamed copies
        _register_duplicates(reg, reports)
    for r in reports:
        if r.problems or not r.ok:
            print(r.to_text(verbose=verbose), file=sys.stderr if not r.ok else sys.stdout)
    if bad:
        print(f"Nothing was added; the register {reg} is unchanged. Fix the problems "
              "above and run the command again (check a file with: transitiekaart "
              "validate FILE).", file=sys.stderr)
        return max(r.exit_code for r in bad)
    summary = add_to_register(reg, reports, update=args.update)
    print(summary.to_text())
    return 0


def _register_duplicates(reg: Path, reports: list) -> None:
    """Add a note to each report for a project without id that looks like a register one."""
    from geo.register import read_register
    from geo.validate import likely_register_duplicates

    if not reg.exists() or not any(r.derived_ids for r in reports):
        return
    current = read_register(reg)
    for r in reports:
        r.problems.extend(likely_register_duplicates(r.projects, r.derived_ids, current))


def run_list(args: argparse.Namespace) -> int:
    """``transitiekaart list``: the projects in the register."""
    from geo.register import list_register

    reg = register_path(args.register)
    if not reg.exists():
        print(f"The register {reg} does not exist yet. Add projects with: "
              "transitiekaart add FILE")
        return 0
    table = list_register(reg)
    if args.format == "json":
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(table)} project(s) in {reg}")
    if len(table):
        shown = table.assign(amount_eur=table["amount_eur"].map(
            lambda v: "" if v != v else f"{v:,.0f}"))
        print(shown.to_string(index=False, float_format=lambda v: f"{v:.5f}"))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """``transitiekaart remove``: remove projects by id."""
    from geo.register import remove_from_register

    reg = register_path(args.register)
    removed = remove_from_register(reg, args.ids)
    print(f"Removed {len(removed)} project(s) from {reg}: {', '.join(removed)} "
          f"(previous version kept as {reg.name}.bak).")
    return 0
