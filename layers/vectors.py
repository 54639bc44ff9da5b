"""Reading a user's vector file (GeoJSON, GeoPackage, Shapefile) with clear errors.

The file must be a regular file within the size limit (a FIFO, device or
directory is refused at once, see :mod:`layers.files`), hold one layer of
areas with a coordinate reference system on Earth, and every feature must have
a geometry. Anything else gets a one-line message naming the file and the fix,
in the run's language.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import pyogrio.errors
from pyproj import CRS

from layers.errors import InputFileError
from layers.files import check_regular_file, sniff_container, system_reason
from layers.lang import format_number
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["earth_crs", "read_vector"]

_POLYGONS = {"Polygon", "MultiPolygon"}
_EARTH_SEMI_MAJOR_M = 6_378_137.0


def earth_crs(crs: CRS) -> bool:
    """True for a geographic or projected CRS on an Earth ellipsoid.

    A geocentric CRS (EPSG:4978: x, y, z in metres from the Earth's centre), an
    engineering or local CRS, or one on another body (Mars, the Moon) is not a map
    of the Earth: converting it to lon/lat puts everything at latitude 0 or nowhere.
    """
    if crs.is_geocentric or not (crs.is_geographic or crs.is_projected):
        return False
    ellipsoid = crs.ellipsoid
    return ellipsoid is None or abs(ellipsoid.semi_major_metre - _EARTH_SEMI_MAJOR_M) < 50_000


def _fail(p: Path, key: str, **values: Any) -> InputFileError:
    return InputFileError(msg(f"files.vector_{key}", path=p, **values))


def _check_file(p: Path, what: str) -> None:
    """A regular file (or a FileGDB folder) within the size limit, not a compressed or text blob."""
    if p.is_dir() and p.suffix.lower() == ".gdb":
        return
    check_regular_file(p, what)
    size = p.stat().st_size
    if size > SETTINGS.max_file_bytes:
        raise _fail(p, "too_large", size=format_number(size),
                    limit=format_number(SETTINGS.max_file_bytes))
    if size == 0:
        raise _fail(p, "empty", what=what)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(p, "cannot_open", reason=system_reason(exc)) from None
    try:
        head = os.read(fd, 4096)
    finally:
        os.close(fd)
    sniffed = sniff_container(head, p.name)
    suffix = p.suffix.lower()
    if sniffed is not None and not (head.startswith(b"PK") and suffix == ".zip") and \
            not (head.startswith(b"SQLite") and suffix in (".gpkg", ".sqlite")):
        kind, fix = sniffed
        raise _fail(p, "not_map", kind=kind, fix=fix)


def _one_layer(p: Path, what: str) -> str | None:
    """The name of the file's one layer with geometries (tables such as QGIS's
    ``layer_styles`` do not count); several such layers are refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's notes on odd files
            layers = pyogrio.list_layers(p)
    except (pyogrio.errors.DataSourceError, OSError, ValueError):
        return None  # read_file reports it
    spatial = [str(name) for name, kind in layers if kind is not None]
    if len(spatial) > 1:
        names = ", ".join(repr(n) for n in spatial[:6])
        raise _fail(p, "layers", n=len(spatial), names=names, what=what)
    return spatial[0] if spatial else None


def read_vector(path: str | Path, what: str, polygons: bool = True) -> gpd.GeoDataFrame:
    """Read a vector file and return it in EPSG:4326.

    Parameters
    ----------
    path
        GeoJSON, GeoPackage or Shapefile (anything GDAL reads), one layer.
    what
        What the file should hold, for messages ("municipality boundaries").
    polygons
        Require every feature to be a (multi)polygon.

    Raises
    ------
    InputFileError
        If the file is missing, not a regular file, too large, compressed or
        text in another encoding, has several layers, cannot be read, is empty,
        has features without a geometry or (with ``polygons``) of another type,
        has no CRS or one that is not on Earth.
    """
    p = Path(path)
    _check_file(p, what)
    layer = _one_layer(p, what)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's notes on odd files
            gdf = gpd.read_file(p, engine="pyogrio", layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
            UnicodeDecodeError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _fail(p, "unreadable", what=what, reason=first) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise _fail(p, "no_geometries", what=what)
    if len(gdf) == 0:
        raise _fail(p, "no_features", what=what)
    missing = np.flatnonzero(np.asarray(gdf.geometry.isna() | gdf.geometry.is_empty))
    if len(missing):
        nums = ", ".join(str(i + 1) for i in missing[:5])
        raise _fail(p, "no_geometry", nums=nums)
    kinds = set(gdf.geom_type)
    if polygons and not kinds <= _POLYGONS:
        other = ", ".join(sorted(kinds - _POLYGONS))
        raise _fail(p, "not_polygons", kinds=other, what=what)
    if gdf.crs is None:
        raise _fail(p, "no_crs")
    crs = CRS.from_user_input(gdf.crs)
    if not earth_crs(crs):
        raise _fail(p, "crs_not_earth", crs=crs.to_string())
    out = gdf.to_crs(SETTINGS.crs_wgs84)
    bounds = out.geometry.bounds.to_numpy()
    bad = ~(np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= -180) & (bounds[:, 2] <= 180)
            & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90))
    if bad.any():
        nums = ", ".join(str(i + 1) for i in np.flatnonzero(bad)[:5])
        raise _fail(p, "outside_lonlat", nums=nums, crs=crs.to_string())
    return out
