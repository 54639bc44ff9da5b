"""Assign each project to its municipality, subregion and NOVEX areas (vectorised).

Points go to the municipality they lie in. Polygons and lines go to the
municipality they overlap most (area, or length for lines, measured in
EPSG:28992); one that lies mostly outside the MRA is outside it. Projects placed
in an area without coordinates (``place`` not ``"point"``, see
:mod:`geo.projects`) are counted in that area only: a municipality's projects
get its label point, subregion- and MRA-wide ones no point at all. Such a
project lies in a NOVEX area when its whole place does (see :func:`place_novex`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.projects import prepare_projects
from layers.settings import SETTINGS

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["INSIDE_SHARE", "assign_areas", "label_points", "largest_overlap",
           "novex_membership", "place_novex", "points_in_areas"]

INSIDE_SHARE = 0.995
"""Share of a place's area inside a NOVEX area from which the place counts as inside it.

Below ``1 - INSIDE_SHARE`` it counts as outside; in between it overlaps the
area only partly. The margin absorbs slivers of generalised boundaries."""


def assign_areas(projects: gpd.GeoDataFrame, region: Region) -> gpd.GeoDataFrame:
    """Add ``municipality_code``, ``municipality``, ``subregion``, ``in_mra``, ``novex``, ``place``.

    A point on a border shared by two municipalities intersects both; it is
    assigned to the one with the lowest CBS code, so the result is
    deterministic. A polygon or line is assigned to the municipality it
    overlaps most (see :func:`largest_overlap`) and gets a ``point`` inside that
    overlap. Projects outside every municipality keep their row with
    ``in_mra = False`` and empty area fields. ``novex`` is a tuple of the codes
    of every NOVEX area the point lies in (they overlap).

    ``place`` is ``"point"`` for projects with their own geometry,
    ``"municipality"`` for one placed in a municipality (``point`` is the
    municipality's label point), ``"subregion"`` (``municipality`` None,
    ``subregion`` set, ``point`` None) and ``"mra"`` (both None, ``point``
    None). Those three are ``in_mra``; their ``novex`` holds the NOVEX areas
    their whole place lies in (:func:`place_novex`), and ``novex_partial`` is
    True when their place overlaps a NOVEX area only partly (it is not counted
    there: where in the place the project lies is unknown). ``novex_partial``
    is False for projects with their own geometry.
    """
    if "point" not in projects.columns or "place" not in projects.columns:
        projects = prepare_projects(projects)
    out = projects.copy(deep=False)  # copy-on-write: the caller's frame stays as it was
    mun = region.municipalities[["code", "name", "subregion", "geometry"]].to_crs(
        projects["point"].crs)
    place = out["place"].fillna("point").to_numpy(dtype=object)
    own = place == "point"
    shaped = own & (shapely.get_type_id(out.geometry.values) != 0)  # 0: Point
    which = np.full(len(out), -1)
    pidx = np.flatnonzero(own & ~shaped)
    pt, area = points_in_areas(out["point"].values[pidx], mun.geometry.values)
    # on a shared border a point is in two municipalities: keep the lowest CBS code
    codes = mun["code"].to_numpy(dtype=object)
    code_rank = np.argsort(np.argsort(codes.astype(str), kind="stable"), kind="stable")
    order = np.lexsort((code_rank[area], pt))
    pt, area = pt[order], area[order]
    first = np.r_[True, pt[1:] != pt[:-1]] if len(pt) else np.zeros(0, dtype=bool)
    which[pidx[pt[first]]] = area[first]
    if shaped.any():  # polygons and lines: the municipality of largest overlap
        sidx = np.flatnonzero(shaped)
        best, inside_pt = largest_overlap(out.geometry.values[sidx], mun.geometry.values)
        which[sidx] = best
        points = out["point"].to_numpy(dtype=object).copy()
        got = best >= 0
        points[sidx[got]] = inside_pt[got]
        out["point"] = gpd.GeoSeries(points, crs=out["point"].crs, index=out.index)
    by_code = {c: i for i, c in enumerate(codes)}
    area_of = out["place_area"].to_numpy(dtype=object) if "place_area" in out.columns \
        else np.full(len(out), None, dtype=object)
    in_mun = np.flatnonzero(place == "municipality")
    which[in_mun] = [by_code.get(a, -1) for a in area_of[in_mun]]
    found = which >= 0
    for col, src in (("municipality_code", "code"), ("municipality", "name"),
                     ("subregion", "subregion")):
        values = np.full(len(out), None, dtype=object)
        values[found] = mun[src].to_numpy(dtype=object)[which[found]]
        out[col] = pd.Series(values, index=out.index, dtype=object)
    wide = place == "subregion"
    subs = out["subregion"].to_numpy(dtype=object).copy()
    subs[wide] = area_of[wide]
    out["subregion"] = pd.Series(subs, index=out.index, dtype=object)
    out["in_mra"] = found | wide | (place == "mra")
    if len(in_mun):
        labels = label_points(mun)
        points = out["point"].to_numpy(dtype=object).copy()
        known = in_mun[which[in_mun] >= 0]  # a code not in these boundaries: no point
        points[in_mun] = None
        points[known] = labels[which[known]]
        out["point"] = gpd.GeoSeries(points, crs=out["point"].crs, index=out.index)
    novex = np.empty(len(out), dtype=object)
    novex.fill(())
    if own.any():
        novex[own] = _novex_tuples(out["point"].values[own], out["point"].crs, region.novex)
    partial = np.zeros(len(out), dtype=bool)
    if (~own).any():
        inside, part = place_novex(region)
        keys = _place_keys(place, area_of, which, codes)
        placed = np.flatnonzero(~own)
        got = keys.map({f"{k}|{a}": v for (k, a), v in inside.items()}).to_numpy(dtype=object)
        for i in placed:  # only the few projects without their own geometry
            novex[i] = got[i] if isinstance(got[i], tuple) else ()
        partial = keys.map({f"{k}|{a}": v for (k, a), v in part.items()}).eq(True).to_numpy()
    out["novex"] = novex
    out["novex_partial"] = partial
    out["place"] = pd.Series(place, index=out.index, dtype=object)
    return out


def _place_keys(place: np.ndarray, area_of: np.ndarray, which: np.ndarray,
                codes: np.ndarray) -> pd.Series:
    """Per project the key of its place in :func:`place_novex` (None: own geometry or unknown)."""
    mun_code = pd.Series(codes, dtype=object).reindex(which).to_numpy(dtype=object)
    area = pd.Series(area_of, dtype=object).astype(str).to_numpy(dtype=object)
    keys = np.full(len(place), None, dtype=object)
    at_mun = (place == "municipality") & (which >= 0)
    keys[at_mun] = "municipality|" + mun_code[at_mun].astype(str)
    at_sub = (place == "subregion") & pd.notna(area_of)
    keys[at_sub] = "subregion|" + area[at_sub]
    keys[place == "mra"] = "mra|MRA"
    return pd.Series(keys, dtype=object)


def place_novex(region: Region) -> tuple[dict[tuple[str, str], tuple[str, ...]],
                                         dict[tuple[str, str], bool]]:
    """Which NOVEX areas each municipality, subregion and the MRA lies in.

    The share of each place's area inside each NOVEX area is measured once, in
    EPSG:28992, for all places and areas at once (30 + 7 + 1 places by 3 areas
    for the built-in region). A place with at least :data:`INSIDE_SHARE` of its
    area inside a NOVEX area lies in it; one with more than ``1 -
    INSIDE_SHARE`` but less than that overlaps it only partly.

    Parameters
    ----------
    region
        The boundary layers (municipalities, subregions, NOVEX areas).

    Returns
    -------
    inside : dict
        ``(kind, key) -> tuple of NOVEX codes`` (in the order of ``region.novex``);
        ``kind`` is ``"municipality"`` (key: CBS code), ``"subregion"`` (key:
        its name) or ``"mra"`` (key: ``"MRA"``).
    partial : dict
        ``(kind, key) -> True`` when the place overlaps some NOVEX area only partly.
    """
    metric = SETTINGS.crs_metric
    mun = region.municipalities.to_crs(metric)
    sub = region.subregions.to_crs(metric)
    keys = ([("municipality", str(c)) for c in mun["code"]]
            + [("subregion", str(s)) for s in sub["subregion"]] + [("mra", "MRA")])
    shapes = np.concatenate([np.asarray(mun.geometry.array, dtype=object),
                             np.asarray(sub.geometry.array, dtype=object),
                             [shapely.union_all(np.asarray(mun.geometry.array))]])
    areas = np.asarray(region.novex.to_crs(metric).geometry.array, dtype=object)
    codes = region.novex["code"].to_numpy(dtype=object)
    whole = shapely.area(shapes)
    overlap = shapely.area(shapely.intersection(shapes[:, None], areas[None, :]))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(whole[:, None] > 0, overlap / whole[:, None], 0.0)
    is_in = share >= INSIDE_SHARE
    is_part = (share > 1.0 - INSIDE_SHARE) & ~is_in
    inside = {k: tuple(codes[row]) for k, row in zip(keys, is_in, strict=True)}
    partial = {k: bool(row.any()) for k, row in zip(keys, is_part, strict=True)}
    return inside, partial


def label_points(municipalities: gpd.GeoDataFrame) -> np.ndarray:
    """A point inside each municipality (representative point in EPSG:28992), same CRS."""
    metric = municipalities.geometry.to_crs(SETTINGS.crs_metric)
    rep = metric.representative_point().to_crs(municipalities.crs)
    return np.asarray(rep.array, dtype=object)


def largest_overlap(shapes: np.ndarray, areas: np.ndarray,
                    crs: str = "EPSG:4326") -> tuple[np.ndarray, np.ndarray]:
    """For each polygon or line, the area it overlaps most, and a point in that overlap.

    Overlap is measured in EPSG:28992: area for polygons, length for lines
    (points: 1 when inside). A shape whose overlap with all areas together is
    less than half of it lies mostly outside them and gets -1 (and no point).
    ``shapes`` and ``areas`` are in ``crs``; the points come back in it too.
    """
    n = len(shapes)
    best = np.full(n, -1)
    pts = np.full(n, None, dtype=object)
    if n == 0:
        return best, pts
    s = gpd.GeoSeries(shapes, crs=crs).to_crs(SETTINGS.crs_metric)
    a = gpd.GeoSeries(areas, crs=crs).to_crs(SETTINGS.crs_metric)
    # a shape valid in lon/lat can cross itself once projected (a sliver thinner than the
    # projection's bending): repaired there, or GEOS's overlay stops ("side location conflict")
    for series in (s, a):
        bad = ~series.is_valid.to_numpy()
        if bad.any():
            series.iloc[np.flatnonzero(bad)] = shapely.make_valid(series.values[bad])
    tree = shapely.STRtree(a.values)
    si, ai = tree.query(s.values, predicate="intersects")
    if not len(si):
        return best, pts
    parts = shapely.intersection(s.values[si], a.values[ai])
    dim = shapely.get_dimensions(s.values[si])
    size = np.where(dim == 2, shapely.area(parts),
                    np.where(dim == 1, shapely.length(parts), 1.0))
    whole = np.where(dim == 2, shapely.area(s.values[si]),
                     np.where(dim == 1, shapely.length(s.values[si]), 1.0))
    total = np.bincount(si, weights=size, minlength=n)
    whole_n = np.zeros(n)
    whole_n[si] = whole
    order = np.lexsort((ai, -size, si))  # per shape: largest overlap first, lowest index
    si_o, ai_o, parts_o = si[order], ai[order], parts[order]
    first = np.r_[True, si_o[1:] != si_o[:-1]]
    mostly = total[si_o[first]] >= 0.5 * whole_n[si_o[first]]
    keep = si_o[first][mostly]
    best[keep] = ai_o[first][mostly]
    rep = gpd.GeoSeries(parts_o[first][mostly], crs=SETTINGS.crs_metric)
    rep = rep.representative_point().to_crs(crs)
    pts[keep] = np.asarray(rep.array, dtype=object)
    return best, pts


def _novex_tuples(points: np.ndarray, crs: Any, novex: gpd.GeoDataFrame) -> np.ndarray:
    """Per point the tuple of NOVEX codes it lies in, in the order of ``novex`` (object array).

    Vectorised: a bit per area, then one tuple per distinct combination.
    """
    codes = list(novex["code"])
    areas = novex.geometry.to_crs(crs).values
    pt, area = points_in_areas(points, areas)
    last = {c: i for i, c in enumerate(codes)}  # a code listed twice: one bit
    bit = np.array([1 << last[c] for c in codes], dtype=np.int64)
    mask = np.zeros(len(points), dtype=np.int64)
    np.bitwise_or.at(mask, pt, bit[area])
    if len(codes) <= 20:  # the distinct masks by counting, not sorting a million
        distinct = np.flatnonzero(np.bincount(mask, minlength=1))
        lookup = np.zeros(int(distinct[-1]) + 1, dtype=np.intp)
        lookup[distinct] = np.arange(len(distinct))
        inverse = lookup[mask]
    else:
        distinct, inverse = np.unique(mask, return_inverse=True)
    combos = np.empty(len(distinct), dtype=object)
    for j, m in enumerate(distinct.tolist()):
        combos[j] = tuple(c for i, c in enumerate(codes) if m >> i & 1)
    return combos[inverse.reshape(-1)]


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
