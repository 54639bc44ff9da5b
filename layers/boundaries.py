"""Municipality and subregion boundaries of the Metropoolregio Amsterdam.

The built-in layer is CBS / Kadaster (PDOK) "gemeente_gegeneraliseerd" 2025
(CC BY 4.0), generalised to ~100 m; see ``layers/data/SOURCES.md``. A user may
supply precise boundaries (e.g. PDOK's full-resolution layer) instead.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import geopandas as gpd

from layers._read import read_vector
from layers.errors import InputFileError

__all__ = [
    "SUBREGIONS",
    "load_context",
    "load_municipalities",
    "subregions_from",
]

SUBREGIONS: tuple[str, ...] = (
    "Almere-Lelystad",
    "Amstelland-Meerlanden",
    "Amsterdam",
    "Gooi en Vechtstreek",
    "IJmond",
    "Zaanstreek-Waterland",
    "Zuid-Kennemerland",
)

_CODE_ALIASES = ("code", "statcode", "gemeentecode", "gm_code", "cbs_code")
_NAME_ALIASES = ("name", "statnaam", "gemeentenaam", "naam", "gm_naam")


def _data(name: str) -> Path:
    return Path(str(resources.files("layers") / "data" / name))


@cache
def _builtin() -> gpd.GeoDataFrame:
    return gpd.read_file(_data("mra_municipalities.geojson"), engine="pyogrio")


def _pick(gdf: gpd.GeoDataFrame, aliases: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in gdf.columns}
    return next((lower[a] for a in aliases if a in lower), None)


def load_municipalities(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """The 30 MRA municipalities with ``code``, ``name``, ``subregion`` (EPSG:4326).

    Parameters
    ----------
    path
        Optional user file with municipality boundaries (GeoJSON, GeoPackage,
        Shapefile). It needs a CBS code column (``code`` or ``statcode``); names
        and subregions missing from it are taken from the built-in layer, and
        municipalities outside the MRA (e.g. in a national file) are left out.
    """
    builtin = _builtin()
    if path is None:
        return builtin.copy()
    gdf = read_vector(path, "municipality boundaries")
    code_col = _pick(gdf, _CODE_ALIASES)
    if code_col is None:
        msg = (f"{path}: no municipality code column. Add a column 'code' with the "
               "CBS code (e.g. GM0363), or use PDOK's 'statcode'. Columns found: "
               f"{', '.join(map(str, gdf.columns.drop('geometry')))}.")
        raise InputFileError(msg)
    gdf = gdf.rename(columns={code_col: "code"})
    gdf["code"] = gdf["code"].astype(str).str.strip().str.upper()
    ref = builtin.drop(columns="geometry").set_index("code")
    gdf = gdf[gdf["code"].isin(ref.index)].copy()
    if gdf.empty:
        msg = (f"{path}: none of the codes are MRA municipalities. Codes must be CBS "
               "codes such as GM0363 (Amsterdam).")
        raise InputFileError(msg)
    gdf = gdf.dissolve(by="code", as_index=False)  # one row per municipality
    gdf["name"] = gdf["code"].map(ref["name"])
    if "subregion" not in gdf.columns:
        gdf["subregion"] = gdf["code"].map(ref["subregion"])
    gdf["subregion"] = gdf["subregion"].fillna(gdf["code"].map(ref["subregion"]))
    gdf["geometry"] = gdf.geometry.make_valid()
    return gdf[["code", "name", "subregion", "geometry"]].sort_values("code",
                                                                     ignore_index=True)


def subregions_from(municipalities: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve municipalities into the deelregio's (EPSG:4326).

    Returns one row per subregion with ``subregion``, ``municipalities`` (the
    names, comma-separated) and ``n_municipalities``.
    """
    names = (municipalities.sort_values("name").groupby("subregion")["name"]
             .agg(lambda s: ", ".join(s)))
    out = municipalities[["subregion", "geometry"]].dissolve(by="subregion")
    out["municipalities"] = names
    out["n_municipalities"] = municipalities.groupby("subregion").size()
    out = out.reset_index()
    out["geometry"] = out.geometry.make_valid()
    return out[["subregion", "municipalities", "n_municipalities", "geometry"]]


@cache
def _context() -> gpd.GeoDataFrame:
    return gpd.read_file(_data("nl_neighbours_context.geojson"), engine="pyogrio")


def load_context() -> gpd.GeoDataFrame:
    """The 17 municipalities around the MRA, for a grey context ring."""
    return _context().copy()


