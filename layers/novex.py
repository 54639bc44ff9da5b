"""The three NOVEX areas of the Metropool Amsterdam, as INDICATIVE geometries.

No official boundary files exist for these areas, so they are derived in code
from the recipe in ``layers/data/NOVEX.md`` (buffers measured in EPSG:28992).
Every feature carries ``basis = "indicative"`` and a one-line ``method``. A
user's file with official geometries replaces them: ``basis`` then names where
they came from (the file's ``source``/``bron`` column, else the file's name),
never "indicative", and pages label them with it instead of "indicatief".
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from shapely import LineString, Point

from layers.boundaries import _pick
from layers.errors import InputFileError
from layers.messages import msg
from layers.settings import SETTINGS
from layers.vectors import read_vector

__all__ = ["NOVEX_CODES", "derive_novex", "ijmeerlijn", "load_novex"]

NOVEX_CODES = ("mra_verstedelijking", "nzkg", "schiphol")

NZKG_CENTRELINE = [
    (4.575, 52.468), (4.660, 52.462), (4.718, 52.437), (4.770, 52.420),
    (4.857, 52.405), (4.900, 52.381), (4.956, 52.380),
]
NZKG_MUNICIPALITIES = ("Amsterdam", "Beverwijk", "Haarlemmermeer", "Velsen", "Zaanstad")
NZKG_BUFFER_M = 3_000.0
SCHIPHOL_CENTRE = (4.764, 52.310)
SCHIPHOL_BUFFER_M = 7_000.0
IJMEERLIJN = [(4.900, 52.378), (4.995, 52.356), (5.130, 52.375), (5.218, 52.375)]

_NAMES = {
    "mra_verstedelijking": ("MRA Verstedelijkingsgebied", "MRA urbanisation area"),
    "nzkg": ("Amsterdam Noordzeekanaalgebied", "Amsterdam North Sea Canal Area"),
    "schiphol": ("Regio Schiphol", "Schiphol region"),
}


def _rd(geoms: list) -> gpd.GeoSeries:
    return gpd.GeoSeries(geoms, crs=SETTINGS.crs_wgs84).to_crs(SETTINGS.crs_metric)


def derive_novex(municipalities: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Derive the indicative NOVEX geometries from municipality boundaries.

    Returns
    -------
    GeoDataFrame
        Columns ``code``, ``name_nl``, ``name_en``, ``basis``, ``method`` and
        geometry, in EPSG:4326.
    """
    mun = municipalities.to_crs(SETTINGS.crs_metric)
    mra = mun.union_all()
    nzkg_munis = mun[mun["name"].isin(NZKG_MUNICIPALITIES)].union_all()
    canal = _rd([LineString(NZKG_CENTRELINE)]).buffer(NZKG_BUFFER_M).iloc[0]
    airport = _rd([Point(SCHIPHOL_CENTRE)]).buffer(SCHIPHOL_BUFFER_M).iloc[0]
    geoms = [mra, canal.intersection(nzkg_munis), airport.intersection(mra)]
    methods = [
        "Union of the 30 MRA municipalities.",
        "3 km buffer (EPSG:28992) around an approximate North Sea Canal centreline "
        "IJmuiden-Oranjesluizen, clipped to Amsterdam, Beverwijk, Haarlemmermeer, "
        "Velsen and Zaanstad.",
        "7 km buffer (EPSG:28992) around the centre of Schiphol's runway system, "
        "clipped to the MRA.",
    ]
    out = gpd.GeoDataFrame(
        {
            "code": list(NOVEX_CODES),
            "name_nl": [_NAMES[c][0] for c in NOVEX_CODES],
            "name_en": [_NAMES[c][1] for c in NOVEX_CODES],
            "basis": "indicative",
            "method": methods,
        },
        geometry=geoms,
        crs=SETTINGS.crs_metric,
    )
    return out.to_crs(SETTINGS.crs_wgs84)


_SOURCE_COLS = ("source", "bron", "basis")


def _source_of(gdf: gpd.GeoDataFrame, cols: dict[str, str], path: Path) -> list[str]:
    """Per area, the source the file names (a ``source``/``bron`` column), else its file name."""
    col = next((cols[c] for c in _SOURCE_COLS if c in cols), None)
    name = path.name
    if col is None:
        return [name] * len(gdf)
    text = gdf[col].astype(object).where(gdf[col].notna(), None)
    return [str(v).strip() if v is not None and str(v).strip() else name for v in text]


def load_novex(path: str | Path | None = None,
               municipalities: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """NOVEX areas: derived (indicative) or from a user's file of official geometries.

    A user file needs a ``name`` (or ``name_nl``, ``naam``) column; ``code``,
    ``name_en`` and ``source`` (or ``bron``) are optional. Its areas are not
    indicative: ``basis`` is the source the file names per area, else the
    file's name, so a page labels them with where they came from.
    """
    if path is None:
        if municipalities is None:
            from layers.boundaries import load_municipalities

            municipalities = load_municipalities()
        return derive_novex(municipalities)
    p = Path(path)
    gdf = read_vector(p, msg("novex.what"))
    cols = {str(c).strip().lower(): c for c in gdf.columns}
    name_col = _pick(gdf, ("name_nl", "name", "naam"), p)
    if name_col is None:
        raise InputFileError(msg("novex.no_name_column", path=p))
    names = gdf[name_col].astype(object).where(gdf[name_col].notna(), None)
    empty = [i + 1 for i, v in enumerate(names) if v is None or not str(v).strip()]
    if empty:
        raise InputFileError(msg("novex.no_name", path=p, nums=", ".join(map(str, empty[:5]))))
    names = names.astype(str).str.strip()
    code_col = cols.get("code")
    codes = (gdf[code_col].astype(str) if code_col
             else names.str.lower().str.replace(r"\W+", "_", regex=True))
    en = gdf[cols["name_en"]].astype(str) if "name_en" in cols else names
    out = gpd.GeoDataFrame(
        {"code": codes.to_numpy(), "name_nl": names.to_numpy(), "name_en": en.to_numpy(),
         "basis": _source_of(gdf, cols, p), "method": f"Read from {p.name}."},
        geometry=gdf.geometry.make_valid().to_numpy(), crs=gdf.crs,
    )
    return out.dissolve(by="code", as_index=False, sort=False)[
        ["code", "name_nl", "name_en", "basis", "method", "geometry"]]


def ijmeerlijn() -> gpd.GeoDataFrame:
    """The planned IJmeerlijn (Amsterdam - IJburg - Almere) as an indicative line."""
    return gpd.GeoDataFrame(
        {"name_nl": ["IJmeerlijn (gepland)"], "name_en": ["IJmeerlijn (planned)"],
         "basis": ["indicative"],
         "method": ["Straight segments Amsterdam Centraal - IJburg - Almere Pampus - "
                    "Almere Centrum, read off a map."]},
        geometry=[LineString(IJMEERLIJN)], crs=SETTINGS.crs_wgs84,
    )
