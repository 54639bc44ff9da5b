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

import geopandas as gpd
import numpy as np
import pyogrio
import pyogrio.errors
from pyproj import CRS

from layers.errors import InputFileError
from layers.files import check_regular_file, sniff_container
from layers.lang import format_number, pick
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


def _fail(p: Path, nl: str, en: str) -> InputFileError:
    return InputFileError(pick(f"{p}: {nl}", f"{p}: {en}"))


def _check_file(p: Path, what: str) -> None:
    """A regular file (or a FileGDB folder) within the size limit, not a compressed or text blob."""
    if p.is_dir() and p.suffix.lower() == ".gdb":
        return
    check_regular_file(p, what)
    size = p.stat().st_size
    if size > SETTINGS.max_file_bytes:
        raise _fail(p, f"is {format_number(size)} bytes, meer dan de grens van "
                       f"{format_number(SETTINGS.max_file_bytes)}. Knip het bestand bij, of zet "
                       "TRANSITIEKAART_MAX_FILE_BYTES hoger.",
                    f"is {format_number(size)} bytes, more than the limit of "
                    f"{format_number(SETTINGS.max_file_bytes)}. Trim the file, or raise "
                    "TRANSITIEKAART_MAX_FILE_BYTES.")
    if size == 0:
        raise _fail(p, f"is leeg (0 bytes). Exporteer de {what} opnieuw.",
                    f"is empty (0 bytes). Export the {what} again.")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(p, f"kan niet worden geopend ({exc.strerror}). Controleer of u het mag lezen.",
                    f"cannot be opened ({exc.strerror}). Check that you may read it.") from None
    try:
        head = os.read(fd, 4096)
    finally:
        os.close(fd)
    sniffed = sniff_container(head, p.name)
    suffix = p.suffix.lower()
    if sniffed is not None and not (head.startswith(b"PK") and suffix == ".zip") and \
            not (head.startswith(b"SQLite") and suffix in (".gpkg", ".sqlite")):
        kind, fix = sniffed
        raise _fail(p, f"is {kind}, geen kaartbestand dat ik kan lezen. {fix}",
                    f"is {kind}, not a map file I can read. {fix}")


def _one_layer(p: Path, what: str) -> str | None:
    """The name of the file's one layer with geometries (tables such as QGIS's
    ``layer_styles`` do not count); several such layers are refused."""
    try:
        layers = pyogrio.list_layers(p)
    except (pyogrio.errors.DataSourceError, OSError, ValueError):
        return None  # read_file reports it
    spatial = [str(name) for name, kind in layers if kind is not None]
    if len(spatial) > 1:
        names = ", ".join(repr(n) for n in spatial[:6])
        raise _fail(p, f"bevat {len(spatial)} lagen ({names}); welke de {what} zijn, is niet te "
                       "zeggen. Sla die laag op als een eigen bestand (QGIS: Exporteren > "
                       "Objecten opslaan als).",
                    f"holds {len(spatial)} layers ({names}); which one holds the {what} cannot "
                    "be told. Save that layer as a file of its own (QGIS: Export > Save "
                    "Features As).")
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
        raise _fail(p, f"kan niet worden gelezen als {what} ({first}). Sla het op als "
                       "GeoJSON, GeoPackage of Shapefile en probeer het opnieuw.",
                    f"could not be read as {what} ({first}). Save it as GeoJSON, "
                    "GeoPackage or Shapefile and try again.") from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise _fail(p, f"bevat geen geometrieën (een tabel?). De {what} moeten vlakken zijn: "
                       "geef een GeoJSON, GeoPackage of Shapefile.",
                    f"holds no geometries (a table?). The {what} must be areas: give a "
                    "GeoJSON, GeoPackage or Shapefile.")
    if len(gdf) == 0:
        raise _fail(p, f"bevat geen objecten. Exporteer de laag met de {what} met haar objecten.",
                    f"holds no features. Export the {what} layer with its features.")
    missing = np.flatnonzero(np.asarray(gdf.geometry.isna() | gdf.geometry.is_empty))
    if len(missing):
        nums = ", ".join(str(i + 1) for i in missing[:5])
        raise _fail(p, f"object {nums} heeft geen geometrie, dus geen plaats. Teken het vlak, "
                       "of verwijder het object.",
                    f"feature {nums} has no geometry, so no location. Draw its area, or "
                    "remove the feature.")
    kinds = set(gdf.geom_type)
    if polygons and not kinds <= _POLYGONS:
        other = ", ".join(sorted(kinds - _POLYGONS))
        raise _fail(p, f"bevat {other}-geometrieën; de {what} moeten vlakken (polygonen) zijn.",
                    f"holds {other} geometries; the {what} must be areas (polygons).")
    if gdf.crs is None:
        raise _fail(p, "heeft geen coördinatenstelsel. Sla het op met een CRS (bijv. EPSG:28992 "
                       "of EPSG:4326; bij een Shapefile hoort het .prj-bestand erbij).",
                    "has no coordinate reference system. Save it with a CRS (e.g. EPSG:28992 "
                    "or EPSG:4326; for a Shapefile, include the .prj file).")
    crs = CRS.from_user_input(gdf.crs)
    if not earth_crs(crs):
        raise _fail(p, f"het coördinatenstelsel {crs.to_string()} is geen kaart van de aarde "
                       "(geocentrisch of van een ander hemellichaam). Sla het op in EPSG:28992 "
                       "of EPSG:4326.",
                    f"its coordinate reference system {crs.to_string()} is not a map of the "
                    "Earth (geocentric, or of another body). Save it in EPSG:28992 or "
                    "EPSG:4326.")
    out = gdf.to_crs(SETTINGS.crs_wgs84)
    bounds = out.geometry.bounds.to_numpy()
    bad = ~(np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= -180) & (bounds[:, 2] <= 180)
            & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90))
    if bad.any():
        nums = ", ".join(str(i + 1) for i in np.flatnonzero(bad)[:5])
        raise _fail(p, f"object {nums} valt buiten lengte/breedte na omzetting uit "
                       f"{crs.to_string()}. Controleer het coördinatenstelsel van het bestand.",
                    f"feature {nums} falls outside lon/lat after conversion from "
                    f"{crs.to_string()}. Check the file's coordinate reference system.")
    return out
