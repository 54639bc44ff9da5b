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

from layers.errors import InputFileError
from layers.messages import msg
from layers.vectors import read_vector

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


def _pick(gdf: gpd.GeoDataFrame, aliases: tuple[str, ...], path: str | Path | None = None
          ) -> str | None:
    """The one column named by ``aliases``; two that disagree are refused, not settled silently."""
    lower: dict[str, list[str]] = {}
    for c in gdf.columns:
        lower.setdefault(str(c).strip().lower(), []).append(c)
    found = [c for a in aliases for c in lower.get(a, [])]
    if not found:
        return None
    texts = gdf[found].astype(str).apply(lambda s: s.str.strip().str.casefold())
    differ = [c for c in found[1:] if not texts[c].equals(texts[found[0]])]
    if differ and path is not None:
        both = " / ".join(repr(str(c)) for c in [found[0], *differ])
        raise InputFileError(msg("boundaries.columns_differ", path=path, columns=both))
    return found[0]


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
    gdf = read_vector(path, msg("boundaries.what"))
    code_col = _pick(gdf, _CODE_ALIASES, path)
    if code_col is None:
        cols = ", ".join(map(str, gdf.columns.drop(gdf.geometry.name)))
        raise InputFileError(msg("boundaries.no_code_column", path=path, columns=cols))
    gdf = gdf[[code_col, *(c for c in gdf.columns if c == "subregion"), gdf.geometry.name]]
    gdf = gdf.rename(columns={code_col: "code"})
    gdf["code"] = gdf["code"].astype(str).str.strip().str.upper()
    ref = builtin.drop(columns="geometry").set_index("code")
    gdf = gdf[gdf["code"].isin(ref.index)].copy()
    if gdf.empty:
        raise InputFileError(msg("boundaries.no_mra_codes", path=path))
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


