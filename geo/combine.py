"""Assign each project to its municipality, subregion and NOVEX areas (vectorised)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.projects import prepare_projects

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["assign_areas", "novex_membership", "points_in_areas"]


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
    mun = region.municipalities[["code", "name", "subregion", "geometry"]].to_crs(
        projects["point"].crs)
    pt, area = points_in_areas(out["point"].values, mun.geometry.values)
    # on a shared border a point is in two municipalities: keep the lowest CBS code
    codes = mun["code"].to_numpy(dtype=object)
    order = np.lexsort((codes[area].astype(str), pt))
    pt, area = pt[order], area[order]
    first = np.r_[True, pt[1:] != pt[:-1]] if len(pt) else np.zeros(0, dtype=bool)
    which = np.full(len(out), -1)
    which[pt[first]] = area[first]
    found = which >= 0
    for col, src in (("municipality_code", "code"), ("municipality", "name"),
                     ("subregion", "subregion")):
        values = np.full(len(out), None, dtype=object)
        values[found] = mun[src].to_numpy(dtype=object)[which[found]]
        out[col] = pd.Series(values, index=out.index, dtype=object)
    out["in_mra"] = found
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


def points_in_areas(points: np.ndarray, areas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (point index, area index) for every point that intersects an area.

    Same result as a spatial join with ``predicate="intersects"`` (a point on an
    outline counts), but each area is prepared once and tested against the
    coordinates inside its bounding box, which is several times faster than
    querying a tree of complex polygons with a million points. Sorted by point,
    then area.
    """
    xy = shapely.get_coordinates(points)
    if len(xy) != len(points):  # empty geometries: fall back to one point at a time
        xy = np.array([[p.x, p.y] if p is not None and not p.is_empty else [np.nan, np.nan]
                       for p in points])
    pts_out, areas_out = [], []
    for j, geom in enumerate(areas):
        if geom is None or geom.is_empty:
            continue
        x0, y0, x1, y1 = geom.bounds
        cand = np.flatnonzero((xy[:, 0] >= x0) & (xy[:, 0] <= x1)
                              & (xy[:, 1] >= y0) & (xy[:, 1] <= y1))
        if not len(cand):
            continue
        shapely.prepare(geom)
        hit = cand[shapely.intersects_xy(geom, xy[cand, 0], xy[cand, 1])]
        pts_out.append(hit)
        areas_out.append(np.full(len(hit), j))
    if not pts_out:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    pt, area = np.concatenate(pts_out), np.concatenate(areas_out)
    order = np.lexsort((area, pt))
    return pt[order], area[order]


def novex_membership(projects: gpd.GeoDataFrame, novex: gpd.GeoDataFrame) -> pd.DataFrame:
    """Long table (``_pid``, ``novex``): one row per project and NOVEX area it lies in."""
    areas = novex.geometry.to_crs(projects["point"].crs).values
    pt, area = points_in_areas(projects["point"].values, areas)
    return pd.DataFrame({"_pid": projects.index.to_numpy()[pt],
                         "novex": novex["code"].to_numpy(dtype=object)[area]})
