"""Spatial autocorrelation of the rates per municipality: global Moran's I and LISA.

Do municipalities with many euros per inhabitant lie next to each other? Defined
so that anyone can reproduce it with PySAL:

* Values: euros per inhabitant of each of the 30 municipalities (the selection's
  projects in the MRA; unknown amounts as 0), and each theme's euros per
  inhabitant.
* Weights: queen contiguity of the municipality polygons
  (``libpysal.weights.Queen``: a shared border or corner), row-standardised; a
  municipality without neighbours gets its nearest one (polygon distance in
  EPSG:28992, both ways). See :func:`municipality_weights`.
* Global: ``esda.Moran(y, w, permutations=999)`` with the random seed
  :data:`SEED`: I, E[I], the permutation z-score and pseudo p-value (``p_sim``),
  and a reading: ``clustered`` (p_sim <= 0.05 and I > E[I]), ``dispersed``
  (p_sim <= 0.05 and I < E[I]) or ``no_pattern``.
* Local: ``esda.Moran_Local(y, w, permutations=999, seed=SEED)`` cluster labels
  per municipality: ``high-high``, ``low-low``, ``high-low``, ``low-high`` at
  p_sim <= 0.05, otherwise ``ns``.
* Too little data: with fewer than :data:`MIN_AREAS` municipalities with
  projects (for a theme: with that theme's projects) there is no figure, only
  the reading ``too_little_data``.

esda and libpysal are imported inside the functions (the map page needs neither).
References: Moran (1950); Anselin (1995), "Local indicators of spatial association - LISA".
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from geo.themes import THEME_CODES
from layers.settings import SETTINGS

if TYPE_CHECKING:
    from geo.analysis import Analysis
    from layers.region import Region

__all__ = ["LISA_LABELS", "MIN_AREAS", "PERMUTATIONS", "SEED", "lisa_labels",
           "municipality_weights", "rates", "spatial_autocorrelation"]

SEED = 20_240_101
PERMUTATIONS = 999
MIN_AREAS = 8
P_LEVEL = 0.05
# esda's quadrants: 1 high-high, 2 low-high, 3 low-low, 4 high-low
LISA_LABELS: dict[int, str] = {1: "high-high", 2: "low-high", 3: "low-low", 4: "high-low"}


def municipality_weights(region: Region) -> Any:
    """Queen contiguity of ``region.municipalities`` (ids: their codes), islands linked to
    their nearest municipality, row-standardised (a ``libpysal.weights.W``)."""
    from libpysal.weights import W

    mun = region.municipalities.to_crs(SETTINGS.crs_metric)
    geoms = mun.geometry.to_numpy()
    codes = [str(c) for c in mun["code"]]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")  # queen: any shared point
    neighbours: dict[str, set[str]] = {c: set() for c in codes}
    for i, j in zip(left, right, strict=True):
        if i != j:
            neighbours[codes[i]].add(codes[j])
    for i, c in enumerate(codes):
        if not neighbours[c]:
            dist = shapely.distance(geoms[i], geoms)
            dist[i] = np.inf
            j = int(np.argmin(dist))
            neighbours[c].add(codes[j])
            neighbours[codes[j]].add(c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = W({c: sorted(neighbours[c]) for c in codes}, id_order=codes, silence_warnings=True)
    w.transform = "r"
    return w


def rates(analysis: Analysis, codes: list[str]) -> dict[str, np.ndarray]:
    """Euros per inhabitant (``"per_inhabitant"``) and per theme (theme code) per municipality
    in the order of ``codes``; NaN for a municipality without population."""
    mun = analysis.municipalities.reindex(codes)
    pop = mun["population"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pop = np.where(pop > 0, pop, np.nan)
        out = {"per_inhabitant": mun["total_eur"].fillna(0).to_numpy(dtype=float) / pop}
        for t in THEME_CODES:
            out[t] = mun[f"eur_{t}"].fillna(0).to_numpy(dtype=float) / pop
    return out


def _counts(analysis: Analysis, codes: list[str]) -> dict[str, np.ndarray]:
    mun = analysis.municipalities.reindex(codes)
    out = {"per_inhabitant": mun["n_projects"].fillna(0).to_numpy()}
    for t in THEME_CODES:
        out[t] = mun[f"n_{t}"].fillna(0).to_numpy()
    return out


def _reading(i: float, ei: float, p: float) -> str:
    if p <= P_LEVEL and i > ei:
        return "clustered"
    if p <= P_LEVEL and i < ei:
        return "dispersed"
    return "no_pattern"


def _moran(y: np.ndarray, w: Any, seed: int, permutations: int) -> dict[str, Any]:
    from esda import Moran

    state = np.random.get_state()  # esda.Moran draws from numpy's global generator
    try:
        np.random.seed(seed)
        m = Moran(y, w, transformation="r", permutations=permutations)
    finally:
        np.random.set_state(state)
    out: dict[str, Any] = {"I": float(m.I), "EI": float(m.EI), "z": float(m.z_sim),
                           "p_sim": float(m.p_sim)}
    out["reading"] = _reading(out["I"], out["EI"], out["p_sim"])
    return out


_NONE = {"I": None, "EI": None, "z": None, "p_sim": None, "reading": "too_little_data"}


def spatial_autocorrelation(analysis: Analysis, seed: int = SEED,
                            permutations: int = PERMUTATIONS) -> dict[str, Any]:
    """Global Moran's I of the municipalities' euros per inhabitant, overall and per theme.

    Returns
    -------
    dict
        ``{"per_inhabitant": {"I", "EI", "z", "p_sim", "reading"}, "themes": {code:
        {...}}, "n_municipalities_with_projects", "permutations", "seed", "weights"}``;
        a test with too little data has ``None`` figures and reading ``too_little_data``.
    """
    w = municipality_weights(analysis.region)
    codes = list(w.id_order)
    values, counts = rates(analysis, codes), _counts(analysis, codes)

    def one(key: str) -> dict[str, Any]:
        y = values[key]
        if int((counts[key] > 0).sum()) < MIN_AREAS or not np.isfinite(y).all() \
                or float(np.nanstd(y)) == 0.0:
            return dict(_NONE)
        return _moran(y, w, seed, permutations)

    return {"per_inhabitant": one("per_inhabitant"),
            "themes": {t: one(t) for t in THEME_CODES},
            "n_municipalities_with_projects": int((counts["per_inhabitant"] > 0).sum()),
            "min_municipalities": MIN_AREAS, "permutations": permutations, "seed": seed,
            "weights": "queen, row-standardised; islands linked to their nearest"}


def lisa_labels(analysis: Analysis, seed: int = SEED,
                permutations: int = PERMUTATIONS) -> pd.Series:
    """Local Moran cluster label of each municipality's euros per inhabitant (index: code).

    ``high-high``, ``low-low``, ``high-low``, ``low-high`` (p_sim <= 0.05) or
    ``ns``; all None with too little data (see the module docstring).
    """
    w = municipality_weights(analysis.region)
    codes = list(w.id_order)
    y = rates(analysis, codes)["per_inhabitant"]
    n_with = int((_counts(analysis, codes)["per_inhabitant"] > 0).sum())
    if n_with < MIN_AREAS or not np.isfinite(y).all() or float(np.std(y)) == 0.0:
        return pd.Series([None] * len(codes), index=codes, dtype=object, name="lisa")
    from esda import Moran_Local

    with warnings.catch_warnings():  # esda's notice of a future default (we keep GeoDa's)
        warnings.simplefilter("ignore", DeprecationWarning)
        lm = Moran_Local(y, w, transformation="r", permutations=permutations, seed=seed,
                         n_jobs=1)
    labels = [LISA_LABELS[int(q)] if p <= P_LEVEL else "ns"
              for q, p in zip(lm.q, lm.p_sim, strict=True)]
    return pd.Series(labels, index=codes, dtype=object, name="lisa")
