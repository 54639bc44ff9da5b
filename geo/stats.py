"""Figures per area: counts, euros, per inhabitant, per km2, shares, theme totals.

Areas are measured in EPSG:28992. NOVEX areas overlap each other (the MRA
Verstedelijkingsgebied covers the whole region), so their rows must never be
added up.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo._errors import UnknownNameError
from geo.settings import SETTINGS
from geo.themes import THEME_CODES

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["LEVELS", "area_stats", "date_span", "outside_mra"]

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


def _sums(projects: pd.DataFrame, key: str) -> pd.DataFrame:
    """Counts and euros per ``key``, in total and per theme (wide), with ``np.bincount``."""
    keys, uniques = pd.factorize(projects[key].astype(object), use_na_sentinel=True)
    ok = keys >= 0
    keys = keys[ok]
    k, n_themes = len(uniques), len(THEME_CODES)
    theme = pd.Index(THEME_CODES).get_indexer(projects["theme"].astype(object))[ok]
    amount = projects["amount_eur"].to_numpy(dtype=float)[ok]
    known = ~np.isnan(amount)
    eur = np.where(known, amount, 0.0)
    cell = keys * n_themes + theme
    eur_t = np.bincount(cell, weights=eur, minlength=k * n_themes).reshape(k, n_themes)
    cnt_t = np.bincount(cell, minlength=k * n_themes).reshape(k, n_themes)
    index = pd.Index(uniques, name=key)
    out = pd.DataFrame({"n_projects": np.bincount(keys, minlength=k),
                        "total_eur": np.bincount(keys, weights=eur, minlength=k),
                        "n_with_amount": np.bincount(keys, weights=known, minlength=k)
                        .astype(np.int64)}, index=index)
    wide = pd.DataFrame(np.hstack([eur_t, cnt_t]), index=index,
                        columns=[*(f"eur_{c}" for c in THEME_CODES),
                                 *(f"n_{c}" for c in THEME_CODES)])
    return out.join(wide)


def _population_for(region: Region) -> pd.DataFrame:
    pop = region.population[["code", "population", "reference_date"]]
    return region.municipalities[["code", "name", "subregion"]].merge(pop, on="code",
                                                                     how="left")


def _novex_population(region: Region) -> tuple[list[float], list[str]]:
    """Population of NOVEX areas that consist of whole municipalities, else NaN.

    Inhabitants are only known per municipality; spreading them over part of
    a municipality would invent numbers. A NOVEX area gets a population only if
    every municipality lies either (almost) wholly inside it or (almost) wholly
    outside it (tolerance 1 % of the municipality's area).
    """
    mun = region.municipalities.to_crs(SETTINGS.crs_metric)
    mun_area = mun.area.to_numpy()
    pop = _population_for(region).set_index("code")
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
        msg = f"Unknown level {level!r}. Use one of: {', '.join(LEVELS)}."
        raise UnknownNameError(msg)
    cols = ["id", "theme", "amount_eur", "novex", "municipality_code", "subregion"]
    inside = pd.DataFrame(assigned.loc[assigned["in_mra"].to_numpy(), cols])
    popm = _population_for(region)
    if level == "municipality":
        areas = region.municipalities.set_index("code")
        frame = pd.DataFrame({"name": areas["name"], "subregion": areas["subregion"],
                              "area_km2": _area_km2(areas)}, index=areas.index)
        p = popm.set_index("code")
        frame["population"] = p["population"]
        frame["population_date"] = p["reference_date"]
        sums = _sums(inside, "municipality_code")
    elif level == "subregion":
        areas = region.subregions.set_index("subregion")
        frame = pd.DataFrame({"name": areas.index, "area_km2": _area_km2(areas)},
                             index=areas.index)
        grp = popm.groupby("subregion")
        frame["population"] = grp["population"].sum()
        frame["population_date"] = grp["reference_date"].agg(date_span)
        sums = _sums(inside, "subregion")
    elif level == "novex":
        areas = region.novex.set_index("code")
        frame = pd.DataFrame({"name": areas["name_nl"], "name_en": areas["name_en"],
                              "basis": areas["basis"], "area_km2": _area_km2(areas)},
                             index=areas.index)
        frame["population"], frame["population_date"] = _novex_population(region)
        # one row per project and NOVEX area it lies in (areas overlap)
        combos = inside["novex"].tolist()
        rows = np.repeat(np.arange(len(combos)), [len(c) for c in combos])
        exploded = pd.DataFrame({
            "id": inside["id"].to_numpy()[rows], "theme": inside["theme"].to_numpy()[rows],
            "amount_eur": inside["amount_eur"].to_numpy(dtype=float)[rows],
            "novex": np.array(list(chain.from_iterable(combos)), dtype=object)})
        sums = _sums(exploded, "novex")
    else:
        frame = pd.DataFrame({"name": ["MRA"],
                              "area_km2": [float(_area_km2(region.subregions).sum())],
                              "population": [popm["population"].sum()],
                              "population_date": [date_span(popm["reference_date"])]},
                             index=pd.Index(["MRA"]))
        sums = _sums(inside.assign(_all="MRA"), "_all")
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
    mra_total = float(inside["amount_eur"].fillna(0).sum())
    frame["share_of_mra"] = frame["total_eur"] / mra_total if mra_total > 0 else 0.0
    lead = ["name", "n_projects", "total_eur", "n_with_amount", "population",
            "population_date", "eur_per_inhabitant", "area_km2", "eur_per_km2",
            "share_of_mra"]
    rest = [c for c in frame.columns if c not in lead]
    return frame[lead + rest]


def outside_mra(assigned: gpd.GeoDataFrame) -> pd.DataFrame:
    """The projects that lie outside every MRA municipality (id, name, lon, lat)."""
    out = assigned.loc[~assigned["in_mra"]]
    return pd.DataFrame({"id": out["id"], "name": out["name"], "theme": out["theme"],
                         "amount_eur": out["amount_eur"],
                         "lon": out["point"].x, "lat": out["point"].y})
