"""Hot spots of the investments: Getis-Ord Gi* on the H3 cells of the MRA.

Defined so that anyone can reproduce it (the page computes the same in the
browser, see ``mapbuilder/static/lib/hotspots.js``):

* Study area: every H3 cell at :attr:`~layers.settings.Settings.h3_resolution`
  (7) whose centre lies inside the MRA (the union of the municipalities),
  including cells without projects (value 0); see :func:`study_area`.
* Value: the summed euros (unknown amounts as 0) of the selected projects with
  an exact location (``place`` "point": points, and polygons/lines by their
  placement point) in the MRA whose cell is in the study area. Projects placed
  only by municipality, area-wide ones and those without a location are left
  out and counted.
* Weights: binary contiguity of H3 cells (the up to six cells of
  ``grid_disk(cell, 1)`` in the study area), the cell itself included (Gi*).
* Statistic: the analytic z-score ``esda.G_Local(y, w, transform="B",
  star=True).Zs``; two-sided normal p-values ``2 * norm.sf(|z|)``; significant
  when ``p <= esda.fdr(p, 0.05)`` (Benjamini-Hochberg). ``hot`` = significant
  with z > 0, ``cold`` = significant with z < 0, otherwise ``ns``. The
  confidence bin (ArcGIS's Gi_Bin, as a signed level: 99, 95, 90, 0, -90, ...)
  uses the same correction at alpha 0.01, 0.05 and 0.10.
* Too little data: with fewer than :data:`MIN_PROJECTS` located projects, or
  fewer than :data:`MIN_CELLS` cells with a value, there is no result.

esda and libpysal are imported only inside :func:`hotspots` (the map page does
not need them: the browser computes the statistic itself).

References: Getis & Ord (1992), Ord & Getis (1995), Benjamini & Hochberg (1995).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import shapely

from geo.precompute import cell_ints, cell_polygons, place_codes
from layers.errors import TransitiekaartError
from layers.lang import format_number
from layers.messages import msg
from layers.settings import SETTINGS

if TYPE_CHECKING:
    from geo.analysis import Analysis
    from layers.region import Region

__all__ = ["ALPHA", "BIN_LEVELS", "MIN_CELLS", "MIN_PROJECTS", "StudyArea",
           "classify", "hotspots", "located_cells", "study_area"]

ALPHA = 0.05
"""Significance level of the hot/cold classes (after the Benjamini-Hochberg correction)."""
BIN_LEVELS: tuple[tuple[int, float], ...] = ((99, 0.01), (95, 0.05), (90, 0.10))
"""Confidence bins (ArcGIS's Gi_Bin) and their alpha, each FDR-corrected."""
MIN_PROJECTS = 30
MIN_CELLS = 5


@dataclass(frozen=True)
class StudyArea:
    """The H3 cells of the MRA and their neighbours (indexes into ``cells``, self excluded)."""

    cells: list[str]
    neighbours: list[list[int]]
    resolution: int

    def csr(self) -> tuple[np.ndarray, np.ndarray]:
        """``(start, index)``: cell i's neighbours are ``index[start[i]:start[i + 1]]``."""
        counts = np.array([len(n) for n in self.neighbours], dtype=np.int64)
        start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        flat = np.fromiter((j for n in self.neighbours for j in n), dtype=np.int64,
                           count=int(counts.sum()))
        return start, flat


def study_area(region: Region, resolution: int = SETTINGS.h3_resolution) -> StudyArea:
    """Every H3 cell whose centre lies inside the MRA, with its contiguous neighbours.

    The cells are H3's own ``polygon_to_cells`` of the union of the
    municipalities (a cell belongs when its centre is inside), sorted by their
    index; neighbours are the cells of ``grid_disk(cell, 1)`` in the study area.
    """
    mra = shapely.union_all(region.municipalities.to_crs(SETTINGS.crs_wgs84).geometry.values)
    shape = h3.geo_to_h3shape(shapely.geometry.mapping(mra))
    cells = sorted(h3.h3shape_to_cells(shape, resolution))
    where = {c: i for i, c in enumerate(cells)}
    neighbours = [sorted(where[n] for n in h3.grid_disk(c, 1) if n != c and n in where)
                  for c in cells]
    return StudyArea(cells, neighbours, resolution)


def located_cells(projects: gpd.GeoDataFrame, area: StudyArea) -> np.ndarray:
    """Index into ``area.cells`` of each project's cell; -1 when left out of the analysis.

    Left out: outside the MRA, placed only by municipality or area-wide, without
    a location, or in a cell whose centre lies outside the MRA.
    """
    out = np.full(len(projects), -1, dtype=np.int64)
    if not len(projects):
        return out
    pts = projects["point"].to_numpy(dtype=object)
    ok = (place_codes(projects) == 0) & projects["in_mra"].to_numpy(dtype=bool)
    ok &= ~(shapely.is_missing(pts) | shapely.is_empty(pts))
    pick = np.flatnonzero(ok)
    if not len(pick):
        return out
    xy = shapely.get_coordinates(pts[pick])
    ints = cell_ints(xy[:, 1], xy[:, 0], area.resolution)
    table = pd.Index(np.array([h3.str_to_int(c) for c in area.cells], dtype=np.uint64))
    out[pick] = table.get_indexer(pd.Index(ints))
    return out


def _fdr(p: np.ndarray, alpha: float) -> float:
    from esda import fdr

    return float(fdr(p, alpha))


def classify(z: np.ndarray, p: np.ndarray, alpha: float = ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """``(class, bin)`` per cell from z and two-sided p (Benjamini-Hochberg via ``esda.fdr``).

    ``class`` is ``hot``, ``cold`` or ``ns`` at ``alpha``; ``bin`` the signed
    confidence level (99, 95, 90 or 0; negative for z < 0), each level FDR-corrected.
    """
    sign = np.where(z > 0, 1, -1)
    level = np.zeros(len(p), dtype=np.int64)
    for conf, a in sorted(BIN_LEVELS, key=lambda b: -b[1]):  # 90, then 95, then 99
        level[p <= _fdr(p, a)] = conf
    sig = p <= _fdr(p, alpha)
    cls = np.where(sig & (z > 0), "hot", np.where(sig & (z < 0), "cold", "ns"))
    return cls.astype(object), level * sign


def hotspots(analysis: Analysis, selection: Any = None, area: StudyArea | None = None,
             alpha: float = ALPHA) -> gpd.GeoDataFrame:
    """Getis-Ord Gi* hot spots of the selected projects (see the module docstring).

    Parameters
    ----------
    analysis
        From :func:`geo.analysis.analyse`.
    selection
        Boolean mask over ``analysis.projects`` (default: every project).
    area
        The study area (default: :func:`study_area` of the analysis' region).
    alpha
        Significance level of the hot/cold classes (default 0.05).

    Returns
    -------
    GeoDataFrame
        One row per study-area cell (EPSG:4326) with ``h3``, ``eur``, ``n``,
        ``z``, ``p``, ``class`` and ``bin``, as the page's
        ``window.transitiekaart.hotspots()``. ``attrs`` holds ``located`` (projects
        in the analysis), ``left_out`` (selected projects in the MRA without an
        exact location in a study-area cell), ``cells_with_value`` and
        ``too_little_data``: None, or ``"projects"`` (fewer than
        :data:`MIN_PROJECTS` located projects) or ``"cells"`` (fewer than
        :data:`MIN_CELLS` cells with a value); then z and p are NaN and every
        class is ``ns``.
    """
    area = area or study_area(analysis.region)
    projects = analysis.projects
    sel = (np.ones(len(projects), dtype=bool) if selection is None
           else np.asarray(selection, dtype=bool).reshape(-1))
    if len(sel) != len(projects):
        raise TransitiekaartError(msg("stats.selection_length", n=format_number(len(sel)),
                                      projects=format_number(len(projects))))
    in_mra = projects["in_mra"].to_numpy(dtype=bool) if len(projects) else sel[:0]
    idx = located_cells(projects, area)
    use = sel & (idx >= 0)
    nc = len(area.cells)
    amount = pd.to_numeric(projects["amount_eur"], errors="coerce").to_numpy(dtype=float)
    eur = np.where(np.isfinite(amount) & (amount > 0), np.rint(amount), 0.0)
    y = np.bincount(idx[use], weights=eur[use], minlength=nc)
    n = np.bincount(idx[use], minlength=nc).astype(np.int64)
    located = int(use.sum())
    with_value = int((y > 0).sum())
    reason = "projects" if located < MIN_PROJECTS else "cells" if with_value < MIN_CELLS else None
    z = np.full(nc, np.nan)
    p = np.full(nc, np.nan)
    cls = np.full(nc, "ns", dtype=object)
    bins = np.zeros(nc, dtype=np.int64)
    if reason is None:
        from esda import G_Local
        from libpysal.weights import W
        from scipy.stats import norm

        with warnings.catch_warnings():  # islands (cells at the coast) are expected
            warnings.simplefilter("ignore")
            w = W(dict(enumerate(area.neighbours)), silence_warnings=True)
            g = G_Local(y, w, transform="B", star=True, permutations=0)
        z = np.asarray(g.Zs, dtype=float)
        p = 2.0 * norm.sf(np.abs(z))
        cls, bins = classify(z, p, alpha)
    table = gpd.GeoDataFrame({"h3": area.cells, "eur": y, "n": n, "z": z, "p": p,
                              "class": cls, "bin": bins},
                             geometry=cell_polygons(area.cells).values, crs=SETTINGS.crs_wgs84)
    table.attrs = {"located": located, "left_out": int((sel & in_mra).sum()) - located,
                   "cells_with_value": with_value, "too_little_data": reason, "alpha": alpha}
    return table
