"""Reading a user's vector file (GeoJSON, GeoPackage, Shapefile) with clear errors."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio.errors

from layers.errors import InputFileError
from layers.settings import SETTINGS

__all__ = ["read_vector"]


def read_vector(path: str | Path, what: str) -> gpd.GeoDataFrame:
    """Read a vector file and return it in EPSG:4326.

    Parameters
    ----------
    path
        GeoJSON, GeoPackage or Shapefile (anything GDAL reads).
    what
        What the file should hold, for messages ("municipality boundaries").

    Raises
    ------
    InputFileError
        If the file is missing, unreadable, empty or has no CRS.
    """
    p = Path(path)
    if not p.exists():
        msg = f"{p}: file not found. Check the path of the {what} file."
        raise InputFileError(msg)
    if p.is_dir() and p.suffix.lower() != ".gdb":
        msg = f"{p}: is a directory, not a file. Give the path of the {what} file itself."
        raise InputFileError(msg)
    try:
        gdf = gpd.read_file(p, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
            UnicodeDecodeError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        msg = (f"{p}: could not be read as {what} ({first}). "
               "Save it as GeoJSON, GeoPackage or Shapefile and try again.")
        raise InputFileError(msg) from exc
    if len(gdf) == 0:
        msg = f"{p}: holds no features. Export the {what} layer with its features."
        raise InputFileError(msg)
    if gdf.crs is None:
        msg = (f"{p}: has no coordinate reference system. Save it with a CRS "
               "(e.g. EPSG:28992 or EPSG:4326; for a Shapefile, include the .prj file).")
        raise InputFileError(msg)
    return gdf.to_crs(SETTINGS.crs_wgs84)
