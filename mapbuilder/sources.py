"""Where the projects for a command come from: files, the register, or the samples.

A register named with ``--register`` or ``$TRANSITIEKAART_REGISTER`` must exist
(for ``build``, ``compare``, ``list`` and ``remove``) and be a regular file: a
mistyped path or a directory is an error, never a silent fallback to the
samples. Only the default ``./projects.geojson`` may be absent. ``add`` may
create a new register, but not in a folder that does not exist.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from layers.errors import InputFileError
from layers.files import check_regular_file
from layers.messages import msg

if TYPE_CHECKING:  # geopandas is imported by the functions that read (not by --help)
    import geopandas as gpd

__all__ = [
    "ProjectSource",
    "existing_register",
    "refuse_register_as_out",
    "register_for_add",
    "register_path",
    "resolve_projects",
]

REGISTER_ENV = "TRANSITIEKAART_REGISTER"
REGISTER_DEFAULT = "projects.geojson"


def register_path(cli_value: str | Path | None = None) -> Path:
    """The register: ``--register``, else $TRANSITIEKAART_REGISTER, else ./projects.geojson."""
    if cli_value is not None:
        return Path(cli_value)
    env = os.environ.get(REGISTER_ENV)
    return Path(env) if env else Path.cwd() / REGISTER_DEFAULT


def _named(cli_value: str | Path | None) -> tuple[Path, str | None]:
    """The register path and where it was named (None: the default), refusing an empty name."""
    if cli_value is not None:
        origin: str | None = "--register"
    elif os.environ.get(REGISTER_ENV):
        origin = f"${REGISTER_ENV}"
    else:
        origin = None
    raw = str(cli_value) if cli_value is not None else os.environ.get(REGISTER_ENV, "")
    if origin is not None and raw.strip() in ("", "."):
        message = msg("cli.register_empty_name", origin=origin)
        raise InputFileError(message)
    return register_path(cli_value), origin


def _refuse_directory(reg: Path) -> None:
    if os.path.isdir(reg):
        message = msg("cli.register_is_directory", reg=reg, example=reg / REGISTER_DEFAULT)
        raise InputFileError(message)


def existing_register(cli_value: str | Path | None = None) -> Path | None:
    """The register to read, checked; None only when the default ./projects.geojson is absent.

    Raises
    ------
    InputFileError
        If a register named with ``--register`` or ``$TRANSITIEKAART_REGISTER``
        does not exist, or any register is a directory, FIFO or device.
    """
    reg, origin = _named(cli_value)
    if origin is None and not os.path.lexists(reg):
        return None
    if origin is not None and not os.path.exists(reg):
        message = msg("cli.register_missing", reg=reg, origin=origin)
        raise InputFileError(message)
    _refuse_directory(reg)
    return check_regular_file(reg, msg("cli.register_word"))


def register_for_add(cli_value: str | Path | None = None) -> Path:
    """The register ``add`` writes: it may be new, but its folder must exist.

    Raises
    ------
    layers.errors.TransitiekaartError
        For an empty name, a directory, FIFO or device, a read-only register or a
        folder that does not exist.
    """
    from layers.atomic import check_target

    reg, _ = _named(cli_value)
    _refuse_directory(reg)
    check_target(reg, msg("cli.register_word"), make_parents=False)
    return reg


@dataclass(frozen=True)
class ProjectSource:
    """Projects and a short description of where they came from."""

    projects: gpd.GeoDataFrame
    label: str


def resolve_projects(paths: Sequence[str | Path] | None,
                     register: str | Path | None = None,
                     crs: str | None = None, sheet: str | None = None) -> ProjectSource:
    """Projects for ``build``/``compare``: ``--projects`` files, else the register, else samples.

    The samples are used only when no register is named and the default
    ./projects.geojson does not exist (see :func:`existing_register`).
    """
    if paths:
        from geo.io import read_projects

        return ProjectSource(read_projects(paths, crs=crs, sheet=sheet),
                             ", ".join(Path(p).name for p in paths))
    reg = existing_register(register)
    if reg is not None:
        from geo.register import read_register

        return ProjectSource(read_register(reg), f"register:{reg.name}")
    from layers.samples import load_sample_projects

    return ProjectSource(load_sample_projects(), "samples")


def _register_files(reg: Path) -> dict[str, str]:
    """The real paths of the register, its ``.bak`` and its lock -> what each is."""
    out: dict[str, str] = {}
    for base in (Path(os.path.abspath(reg)), Path(os.path.realpath(reg))):
        out[str(base)] = msg("cli.register_the")
        for suffix, what in ((".bak", msg("cli.register_backup")),
                             (".lock", msg("cli.register_lock"))):
            out[os.path.realpath(base.with_name(base.name + suffix))] = what
    return out


def refuse_register_as_out(outputs: list[str | Path], cli_value: str | Path | None) -> None:
    """Refuse an output file that is (or points to) the register, its ``.bak`` or its lock.

    ``build --out``, ``compare --out``, ``list --out`` and ``template --out`` write a
    page, a table or a template: written over the register they would replace it
    (and the ``.bak`` would not be refreshed). Only ``add`` and ``remove`` change it.

    Raises
    ------
    InputFileError
        Naming the output, what it is, and the fix.
    """
    reg = register_path(cli_value)
    if not str(reg).strip():
        return
    files = _register_files(reg)
    for out in outputs:
        if out is None or not str(out).strip():
            continue
        what = files.get(os.path.realpath(out))
        if what is None:
            continue
        message = msg("cli.out_is_register", out=out, what=what, reg=reg)
        raise InputFileError(message)
