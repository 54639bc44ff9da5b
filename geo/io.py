"""Reading project files through the one validation path (:mod:`geo.validate`).

``build --projects FILE`` and the project register share it, so a file that
``transitiekaart validate`` accepts is read the same way everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from layers.errors import InputFileError
from layers.lang import format_number
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["IDS_DERIVED", "read_projects"]

IDS_DERIVED = "ids_derived"
"""``projects.attrs[IDS_DERIVED]``: True when every project's id was derived (the file
had none), so that the map page leaves the ids out (they are not the partner's)."""

log = logging.getLogger(__name__)


def read_projects(paths: Sequence[str | Path], crs: str | None = None,
                  sheet: str | None = None) -> gpd.GeoDataFrame:
    """Read and validate one or more project files into one GeoDataFrame (EPSG:4326).

    Parameters
    ----------
    paths
        GeoJSON (also the project register), GeoPackage, Shapefile, CSV or Excel files.
    crs
        CRS of coordinates in files that do not declare one (e.g. ``"EPSG:28992"``).
    sheet
        Excel files: the sheet to read (default: the first).

    Returns
    -------
    geopandas.GeoDataFrame
        The projects; ``attrs["ids_derived"]`` (:data:`IDS_DERIVED`) is True when no
        project had an id of its own and every id was derived.

    Raises
    ------
    InputFileError
        With every problem of the files (file, feature, field, value, fix), or
        when two files hold the same project id.
    """
    from geo.validate import _empty_projects, validate_file
    from layers.files import is_empty_collection

    reports = []
    for p in paths:
        if Path(p).is_file() and is_empty_collection(Path(p)):
            continue  # an emptied register
        reports.append(validate_file(p, crs=crs, sheet=sheet))
    bad = [r for r in reports if not r.ok]
    if bad:
        raise InputFileError("\n".join(r.to_text(notes=False) for r in bad))
    if log.isEnabledFor(logging.INFO):  # a note per project of a large file costs seconds
        for r in reports:
            for line in r.note_lines():
                log.info("%s: %s", r.path, line)
    frames = [r.projects for r in reports if len(r.projects)]
    if not frames:
        return _empty_projects()
    # no project has an id of its own (as partners write files): the page need not
    # carry the ids derived for them (a megabyte per 100,000 projects); see attrs
    derived = all(len(r.derived_ids) == len(r.projects) for r in reports if len(r.projects))
    if len(frames) == 1:  # ids are unique within a file: the validator checked that
        frames[0].attrs[IDS_DERIVED] = derived
        return frames[0]
    out = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=SETTINGS.crs_wgs84)
    out.attrs[IDS_DERIVED] = derived
    dup = out["id"][out["id"].duplicated()].unique().tolist()
    if dup:
        files, ids = ", ".join(str(p) for p in paths), ", ".join(map(repr, dup[:10]))
        more = len(dup) - 10
        if more > 0:
            ids += msg("io.and_more", n=format_number(more))
        raise InputFileError(msg("io.shared_ids", files=files, ids=ids))
    return out
