"""Where the projects for a command come from: files, the register, or the samples."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from layers.samples import load_sample_projects

__all__ = ["ProjectSource", "register_path", "resolve_projects"]

REGISTER_ENV = "TRANSITIEKAART_REGISTER"
REGISTER_DEFAULT = "projects.geojson"


def register_path(cli_value: str | Path | None = None) -> Path:
    """The register: ``--register``, else $TRANSITIEKAART_REGISTER, else ./projects.geojson."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(REGISTER_ENV)
    return Path(env) if env else Path.cwd() / REGISTER_DEFAULT


@dataclass(frozen=True)
class ProjectSource:
    """Projects and a short description of where they came from."""

    projects: gpd.GeoDataFrame
    label: str


def resolve_projects(paths: Sequence[str | Path] | None,
                     register: str | Path | None = None,
                     crs: str | None = None, sheet: str | None = None) -> ProjectSource:
    """Projects for ``build``/``compare``: ``--projects`` files, else the register, else samples."""
    if paths:
        from geo.io import read_projects

        return ProjectSource(read_projects(paths, crs=crs, sheet=sheet),
                             ", ".join(Path(p).name for p in paths))
    reg = register_path(register)
    if reg.is_file():
        from geo.io import read_projects

        return ProjectSource(read_projects([reg]), f"register:{reg.name}")
    return ProjectSource(load_sample_projects(), "samples")
