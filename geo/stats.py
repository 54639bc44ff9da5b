"""Figures per area: counts, euros, per inhabitant, per km2, shares, theme totals.

Areas are measured in EPSG:28992. NOVEX areas overlap each other (the MRA
Verstedelijkingsgebied covers the whole region), so their rows must never be
added up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.themes import THEME_CODES
from layers.errors import UnknownNameError
from layers.messages import msg
from layers.settings import SETTINGS

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["LEVELS", "all_area_stats", "area_stats", "date_span", "outside_mra"]

Level = Literal["municipality", "subregion", "novex", "mra"]
LEVELS: tuple[str, ...] = ("municipality", "subregion", "novex", "mra")


def date_span(dates: pd.Series) -> str:
    """``'2024-01-01'`` if all dates agree, else ``'2019-01-01 – 2024-01-01'``."""
    d = sorted(set(dates.dropna().astype(str)))
    if not d:
        return ""
    return d[0] if len(d) == 1 else f"{d[0]} – {d[-1]}"


def _area_km2(gdf: gpd.GeoDataFrame) -> np.ndarray:
    return gdf.geometry.to_crs(SETTINGS.crs_metric).area.to_numpy() / 1e6


def _sums(keys: np.ndarray, index: pd.Index, theme: np.ndarray,
          amount: np.ndarray) -> pd.DataFrame:
    """Counts and euros per area, in total and per theme (wide), with ``np.bincount``.

    ``keys`` is each row's position in ``index`` (-1: none), ``theme`` its
    position in :data:`THEME_CODES`, ``amount`` its euros (NaN: unknown).
    """
    ok = keys >= 0
    keys, theme, amount = keys[ok], theme[ok], amount[ok]
    k, n_themes = len(index), len(THEME_CODES)
    known = ~np.isnan(amount)
    eur = np.where(known, amount, 0.0)
    cell = keys * n_themes + theme
    eur_t = np.bincount(cell, weights=eur, minlength=k * n_themes).reshape(k, n_themes)
    cnt_t = np.bincount(cell, minlength=k * n_themes).reshape(k, n_themes)
    out = pd.DataFrame({"n_projects": np.bincount(keys, minlength=k),
                        "total_eur": np.bincount(keys, weights=eur, minlength=k),
                        "n_with_amount": np.bincount(keys, weights=known, minlength=k)
                        .astype(np.int64)}, index=index)
    wide = pd.DataFrame(np.hstack([eur_t, cnt_t]), index=index,
                        columns=[*(f"eur_{c}" for c in THEME_CODES),
                                 *(f"n_{c}" for c in THEME_CODES)])
    return out.join(wide)


def _positions(index: pd.Index, values: np.ndarray) -> np.ndarray:
    """Each value's position in ``index`` (its distinct keys); -1 for missing or unknown."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)  # each distinct key once
    return np.append(index.get_indexer(pd.Index(uniques)), -1)[codes]


@dataclass(frozen=True)
class _Inside:
    """What the figures need of the projects inside the MRA, as arrays (computed once)."""

    theme: np.ndarray  # position in THEME_CODES
    amount: np.ndarray  # euros, NaN when unknown
    municipality_code: np.ndarray
    subregion: np.ndarray
    novex: np.ndarray  # tuples of NOVEX codes
    total_eur: float  # of all of them

    @classmethod
    def of(cls, assigned: pd.DataFrame) -> _Inside:
        cols = ["theme", "amount_eur", "novex", "municipality_code", "subregion"]
        inside = pd.DataFrame(assigned.loc[assigned["in_mra"].to_numpy(), cols])
        themes = pd.Index(inside["theme"].astype(object))
        return cls(theme=pd.Index(THEME_CODES).get_indexer(themes),
                   amount=inside["amount_eur"].to_numpy(dtype=float),
                   municipality_code=inside["municipality_code"].to_numpy(dtype=object),
                   subregion=inside["subregion"].to_numpy(dtype=object),
                   novex=inside["novex"].to_numpy(dtype=object),
                   total_eur=float(inside["amount_eur"].fillna(0).sum()))


def _novex_sums(inside: _Inside, index: pd.Index) -> pd.DataFrame:
    """:func:`_sums` per NOVEX area: a project counts in every area it lies in (they overlap)."""
    which, combos = pd.factorize(pd.Series(inside.novex, dtype=object), use_na_sentinel=True)
    keys, rows = [], []
    for j, code in enumerate(index):  # per area its projects, in their order
        member = np.array([code in c for c in combos] + [False], dtype=bool)[which]
        at = np.flatnonzero(member)
        rows.append(at)
        keys.append(np.full(len(at), j, dtype=np.intp))
    at = np.concatenate(rows) if rows else np.zeros(0, dtype=np.intp)
    return _sums(np.concatenate(keys) if keys else at, index, inside.theme[at],
                 inside.amount[at])


def _population_for(region: Region) -> pd.DataFrame:
    pop = region.population[["code", "population", "reference_date"]]
    return region.municipalities[["code", "name", "subregion"]].merge(pop, on="code",
                                                                     how="left")


def _novex_population(region: Region,
                      popm: pd.DataFrame | None = None) -> tuple[list[float], list[str]]:
    """Population of NOVEX areas that consist of whole municipalities, else NaN.

    Inhabitants are only known per municipality; spreading them over part of
    a municipality would invent numbers. A NOVEX area gets a population only if
    every municipality lies either (almost) wholly inside it or (almost) wholly
    outside it (tolerance 1 % of the municipality's area).
    """
    mun = region.municipalities.to_crs(SETTINGS.crs_metric)
    mun_area = mun.area.to_numpy()
    pop = (_population_for(region) if popm is None else popm).set_index("code")
    pops, dates = [], []
    for geom in region.novex.to_crs(SETTINGS.crs_metric).geometry:
        cover = mun.geometry.intersection(geom).area.to_numpy() / mun_area
        if np.all((cover < 0.01) | (cover > 0.99)):
            codes = mun.loc[cover > 0.99, "code"]
            pops.append(float(pop.loc[codes, "population"].sum()))
            dates.append(date_span(pop.loc[codes, "reference_date"]))
        else:
            pops.append(np.nan)
            dates.append("")
    return pops, dates


def area_stats(assigned: gpd.GeoDataFrame, region: Region,
               level: Level = "subregion") -> pd.DataFrame:
    """Figures per area at ``level`` for projects from :func:`geo.combine.assign_areas`.

    Every area appears, with zeros where no project lies. Only projects inside
    the MRA are counted (see :func:`outside_mra` for the others).

    Projects placed in an area without coordinates (``place``, see
    :func:`geo.combine.assign_areas`) count exactly where they are placed and are
    never spread over smaller areas: ``"municipality"`` in that municipality, its
    subregion and the MRA; ``"subregion"`` in that subregion and the MRA only;
    ``"mra"`` in the MRA total only. None of them is in a NOVEX area. So the
    municipalities' totals may add up to less than their subregion's, and the
    subregions' to less than the MRA's.

    Returns
    -------
    DataFrame indexed by area key, with ``name``, ``n_projects``, ``total_eur``,
    ``n_with_amount``, ``population``, ``population_date``,
    ``eur_per_inhabitant``, ``area_km2``, ``eur_per_km2``, ``share_of_mra``,
    and per theme ``eur_<code>`` and ``n_<code>``.
    """
    if level not in LEVELS:
        raise UnknownNameError(msg("stats.unknown_level", level=repr(level),
                                   choices=", ".join(LEVELS)))
    return _level_stats(_Inside.of(assigned), region, level, _population_for(region))


def all_area_stats(assigned: gpd.GeoDataFrame, region: Region) -> dict[str, pd.DataFrame]:
    """:func:`area_stats` at every level of :data:`LEVELS`, sharing the work they have in common."""
    inside, popm = _Inside.of(assigned), _population_for(region)
    return {level: _level_stats(inside, region, level, popm) for level in LEVELS}


def _level_stats(inside: _Inside, region: Region, level: str,
                 popm: pd.DataFrame) -> pd.DataFrame:
    if level == "municipality":
        areas = region.municipalities.set_index("code")
        frame = pd.DataFrame({"name": areas["name"], "subregion": areas["subregion"],
                              "area_km2": _area_km2(areas)}, index=areas.index)
        p = popm.set_index("code")
        frame["population"] = p["population"]
        frame["population_date"] = p["reference_date"]
        index = frame.index.unique()
        sums = _sums(_positions(index, inside.municipality_code), index, inside.theme,
                     inside.amount)
    elif level == "subregion":
        areas = region.subregions.set_index("subregion")
        frame = pd.DataFrame({"name": areas.index, "area_km2": _area_km2(areas)},
                             index=areas.index)
        grp = popm.groupby("subregion")
        frame["population"] = grp["population"].sum()
        frame["population_date"] = grp["reference_date"].agg(date_span)
        index = frame.index.unique()
        sums = _sums(_positions(index, inside.subregion), index, inside.theme, inside.amount)
    elif level == "novex":
        areas = region.novex.set_index("code")
        frame = pd.DataFrame({"name": areas["name_nl"], "name_en": areas["name_en"],
                              "basis": areas["basis"], "area_km2": _area_km2(areas)},
                             index=areas.index)
        frame["population"], frame["population_date"] = _novex_population(region, popm)
        sums = _novex_sums(inside, frame.index.unique())
    else:
        frame = pd.DataFrame({"name": ["MRA"],
                              "area_km2": [float(_area_km2(region.subregions).sum())],
                              "population": [popm["population"].sum()],
                              "population_date": [date_span(popm["reference_date"])]},
                             index=pd.Index(["MRA"]))
        sums = _sums(np.zeros(len(inside.theme), dtype=np.intp), pd.Index(["MRA"]),
                     inside.theme, inside.amount)
    frame.index.name = "key"
    sums = sums.reindex(frame.index)
    frame = frame.join(sums)
    count_cols = ["n_projects", "n_with_amount", *[f"n_{t}" for t in THEME_CODES]]
    eur_cols = ["total_eur", *[f"eur_{t}" for t in THEME_CODES]]
    frame[count_cols] = frame[count_cols].fillna(0).astype("int64")
    frame[eur_cols] = frame[eur_cols].fillna(0.0).astype(float)
    frame["population"] = frame["population"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["eur_per_inhabitant"] = frame["total_eur"] / frame["population"].where(
            frame["population"] > 0)
        frame["eur_per_km2"] = frame["total_eur"] / frame["area_km2"]
    mra_total = inside.total_eur
    frame["share_of_mra"] = frame["total_eur"] / mra_total if mra_total > 0 else 0.0
    lead = ["name", "n_projects", "total_eur", "n_with_amount", "population",
            "population_date", "eur_per_inhabitant", "area_km2", "eur_per_km2",
            "share_of_mra"]
    rest = [c for c in frame.columns if c not in lead]
    return frame[lead + rest]


def outside_mra(assigned: gpd.GeoDataFrame) -> pd.DataFrame:
    """The projects that lie outside every MRA municipality (id, name, lon, lat)."""
    out = assigned.loc[~assigned["in_mra"], ["id", "name", "theme", "amount_eur", "point"]]
    point = gpd.GeoSeries(out["point"])
    return pd.DataFrame({"id": out["id"], "name": out["name"], "theme": out["theme"],
                         "amount_eur": out["amount_eur"], "lon": point.x, "lat": point.y})
