"""Assign each project to its municipality, subregion and NOVEX areas (vectorised)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.projects import prepare_projects

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["assign_areas", "novex_membership"]


def _points(projects: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"_pid": projects.index}, geometry=projects["point"].values,
                            crs=projects["point"].crs)


def assign_areas(projects: gpd.GeoDataFrame, region: Region) -> gpd.GeoDataFrame:
    """Add ``municipality_code``, ``municipality``, ``subregion``, ``in_mra`` and ``novex``.

    A point on a border shared by two municipalities intersects both; it is
    assigned to the one with the lowest CBS code, so the result is
    deterministic. Projects outside every municipality keep their row with
    ``in_mra = False`` and empty area fields. ``novex`` is a tuple of the codes
    of every NOVEX area the point lies in (they overlap).
    """
    if "point" not in projects.columns:
        projects = prepare_projects(projects)
    out = projects.copy()
    pts = _points(out)
    mun = region.municipalities[["code", "name", "subregion", "geometry"]].to_crs(pts.crs)
    hits = gpd.sjoin(pts, mun, how="left", predicate="intersects")
    hits = (hits.sort_values(["_pid", "code"], na_position="last")
            .drop_duplicates("_pid").set_index("_pid"))
    out["municipality_code"] = hits["code"].reindex(out.index).astype(object)
    out["municipality"] = hits["name"].reindex(out.index).astype(object)
    out["subregion"] = hits["subregion"].reindex(out.index).astype(object)
    out["in_mra"] = out["municipality_code"].notna()
    out["novex"] = _novex_tuples(out, region.novex)
    return out


def _novex_tuples(projects: gpd.GeoDataFrame, novex: gpd.GeoDataFrame) -> list[tuple[str, ...]]:
    """Per project the tuple of NOVEX codes it lies in, in the order of ``novex``.

    Vectorised: a bit per area, then one tuple per distinct combination.
    """
    members = novex_membership(projects, novex)
    codes = list(novex["code"])
    bit = members["novex"].map({c: 1 << i for i, c in enumerate(codes)}).to_numpy(np.int64)
    pos = projects.index.get_indexer(members["_pid"].to_numpy())
    mask = np.zeros(len(projects), dtype=np.int64)
    np.bitwise_or.at(mask, pos, bit)
    combos = {m: tuple(c for i, c in enumerate(codes) if m >> i & 1) for m in np.unique(mask)}
    return [combos[m] for m in mask.tolist()]


def novex_membership(projects: gpd.GeoDataFrame, novex: gpd.GeoDataFrame) -> pd.DataFrame:
    """Long table (``_pid``, ``novex``): one row per project and NOVEX area it lies in."""
    pts = _points(projects)
    hits = gpd.sjoin(pts, novex[["code", "geometry"]].to_crs(pts.crs),
                     how="inner", predicate="intersects")
    order = {c: i for i, c in enumerate(novex["code"])}
    hits = hits.assign(_o=hits["code"].map(order)).sort_values(["_pid", "_o"])
    return pd.DataFrame({"_pid": hits["_pid"].to_numpy(), "novex": hits["code"].to_numpy()})
