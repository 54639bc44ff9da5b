"""Spatial facts the map page needs, computed once in Python so the page does no geometry.

* :func:`label_points`: one point well inside each area (pole of inaccessibility,
  measured in EPSG:28992), where the page puts an area's symbol and name.
* :func:`project_cells`: each project's H3 cell, so the page can sum any
  selection per hexagon.
* :func:`interior_label_points`: a point inside each area, far from the given
  obstacles (projects, other labels), for labels that must not cover data.
"""

from __future__ import annotations

from itertools import repeat

import geopandas as gpd
import h3
import h3.api.numpy_int as h3i
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.ops import polylabel

from layers.settings import SETTINGS

__all__ = ["PLACES", "cell_ints", "cell_polygons", "interior_label_points", "label_points",
           "place_codes", "project_cells"]

try:  # the C function behind h3.latlng_to_cell, without the per-call Python wrapper
    from h3._cy import latlng_to_cell as _latlng_to_cell
except ImportError:  # pragma: no cover - another h3 layout: the public function
    _latlng_to_cell = h3i.latlng_to_cell

# how exactly a project's location is known (column ``place``; absent = all "point")
PLACES: tuple[str, ...] = ("point", "municipality", "subregion", "mra")


def place_codes(projects: gpd.GeoDataFrame) -> np.ndarray:
    """Index into :data:`PLACES` per project (0 = exact point, the default)."""
    if "place" not in projects.columns:
        return np.zeros(len(projects), dtype=np.int64)
    codes = pd.Index(PLACES).get_indexer(projects["place"].astype(object))
    return np.where(codes < 0, 0, codes).astype(np.int64)


def _largest(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def label_points(areas: gpd.GeoSeries) -> np.ndarray:
    """``[lat, lon]`` per area: the pole of inaccessibility of its largest part.

    Computed in EPSG:28992 with a tolerance of 50 m: the point inside the area
    farthest from its outline, so a symbol there belongs visibly to the area.
    """
    rd = areas.to_crs(SETTINGS.crs_metric)
    pts = [polylabel(_largest(g), tolerance=50.0) for g in rd]
    ll = gpd.GeoSeries(pts, crs=SETTINGS.crs_metric).to_crs(SETTINGS.crs_wgs84)
    return np.column_stack([ll.y.to_numpy(), ll.x.to_numpy()])


def _tree(points: np.ndarray) -> shapely.STRtree | None:
    """An STRtree of ``points`` (x, y rows); None when there are none."""
    return shapely.STRtree(shapely.points(points)) if len(points) else None


def _nearest(tree: shapely.STRtree | None, xy: np.ndarray) -> np.ndarray:
    """Distance from each of ``xy`` to the nearest point of ``tree`` (inf if none)."""
    if tree is None:
        return np.full(len(xy), np.inf)
    idx, dist = tree.query_nearest(shapely.points(xy), return_distance=True, all_matches=False)
    out = np.full(len(xy), np.inf)
    out[idx[0]] = dist
    return out


def interior_label_points(areas: gpd.GeoSeries, obstacles_lonlat: np.ndarray,
                          symbols_lonlat: np.ndarray | None = None, clearance: float = 7000.0,
                          inset: float = 800.0, grid: int = 60,
                          reach: float = 0.2) -> np.ndarray:
    """``[lat, lon]`` per area: a point at least ``inset`` m inside, far from obstacles.

    Candidates are a ``grid`` x ``grid`` lattice over the area (EPSG:28992);
    among those at least ``inset`` metres from the outline (or the deepest
    ones, for a thin area), the one farthest from every obstacle (projects),
    from every symbol (counted ``clearance`` metres nearer: a symbol and its
    name are large) and from the labels already placed wins. Obstacles more than
    ``reach`` degrees (about 14 km north-south) beyond the areas' bounds are not
    looked at: a national list's projects far away change no label.
    """
    to_rd = Transformer.from_crs(SETTINGS.crs_wgs84, SETTINGS.crs_metric, always_xy=True)

    def rd_of(lonlat: np.ndarray | None) -> np.ndarray:
        if lonlat is None or not len(lonlat):
            return np.empty((0, 2))
        return np.column_stack(to_rd.transform(lonlat[:, 0], lonlat[:, 1]))

    if obstacles_lonlat is not None and len(obstacles_lonlat):  # near the areas only
        x0, y0, x1, y1 = areas.total_bounds
        lon, lat = obstacles_lonlat[:, 0], obstacles_lonlat[:, 1]
        obstacles_lonlat = obstacles_lonlat[(lon >= x0 - reach) & (lon <= x1 + reach)
                                            & (lat >= y0 - reach) & (lat <= y1 + reach)]
    obs, sym = rd_of(obstacles_lonlat), rd_of(symbols_lonlat)
    if len(obs):  # a label needs no finer aim: one obstacle per occupied 250 m square
        ij = np.floor(obs / 250.0).astype(np.int64)
        keys = np.unique(ij[:, 0] * 10_000_000 + ij[:, 1])
        obs = (np.column_stack([keys // 10_000_000, keys % 10_000_000]) + 0.5) * 250.0
    obs_tree, sym_tree = _tree(obs), _tree(sym)  # once for all areas
    rd = areas.to_crs(SETTINGS.crs_metric)
    chosen: list[np.ndarray] = []
    for geom in rd:
        x0, y0, x1, y1 = geom.bounds
        gx, gy = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))
        xy = np.column_stack([gx.ravel(), gy.ravel()])
        inside = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
        xy = xy[inside]
        if not len(xy):
            p = geom.representative_point()
            chosen.append(np.array([p.x, p.y]))
            continue
        depth = shapely.distance(geom.boundary, shapely.points(xy))
        deep = depth >= min(inset, float(depth.max()) * 0.5)
        xy = xy[deep]
        placed = np.asarray(chosen).reshape(-1, 2)
        score = np.minimum(_nearest(obs_tree, xy), _nearest(sym_tree, xy) - clearance)
        score = np.minimum(score, _nearest(_tree(placed), xy) - clearance)
        chosen.append(xy[int(np.argmax(score))] if np.isfinite(score).any() else xy[0])
    pts = gpd.GeoSeries(shapely.points(np.asarray(chosen)), crs=SETTINGS.crs_metric)
    ll = pts.to_crs(SETTINGS.crs_wgs84)
    return np.column_stack([ll.y.to_numpy(), ll.x.to_numpy()])


def project_cells(lon: np.ndarray, lat: np.ndarray, use: np.ndarray,
                  resolution: int = SETTINGS.h3_resolution) -> tuple[np.ndarray, list[str]]:
    """Index of each project's H3 cell into a table of the distinct cells (-1 where not ``use``).

    The same cells as :func:`geo.concentration.hexagon_concentration`.
    """
    idx = np.full(len(lon), -1, dtype=np.int64)
    pick = np.flatnonzero(use)
    if not len(pick):
        return idx, []
    codes, distinct = pd.factorize(cell_ints(lat[pick], lon[pick], resolution))
    idx[pick] = codes
    return idx, [h3.int_to_str(int(c)) for c in distinct]


def cell_ints(lat: np.ndarray, lon: np.ndarray,
              resolution: int = SETTINGS.h3_resolution) -> np.ndarray:
    """The H3 cell (as ``uint64``) of each point, as :func:`h3.latlng_to_cell` gives it.

    h3 indexes one point per call (C code): this loops over plain floats,
    about twice as fast as the public function, which wraps each call in Python.
    """
    n = len(lat)
    return np.fromiter(map(_latlng_to_cell, np.asarray(lat, dtype=float).tolist(),
                           np.asarray(lon, dtype=float).tolist(), repeat(resolution, n)),
                       dtype=np.uint64, count=n)


def cell_polygons(cells: list[str]) -> gpd.GeoSeries:
    """The hexagons of ``cells`` (EPSG:4326)."""
    rings = [np.asarray(h3.cell_to_boundary(c))[:, ::-1] for c in cells]
    return gpd.GeoSeries(shapely.polygons(rings) if rings else [], crs=SETTINGS.crs_wgs84)
