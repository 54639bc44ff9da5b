"""The region bundle: every boundary layer and table the analysis needs, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from layers.boundaries import load_municipalities, subregions_from
from layers.novex import load_novex
from layers.population import load_population

__all__ = ["Region", "load_region"]


@dataclass(frozen=True)
class Region:
    """Boundary layers (EPSG:4326) and population of the Metropool Amsterdam."""

    municipalities: gpd.GeoDataFrame
    subregions: gpd.GeoDataFrame
    novex: gpd.GeoDataFrame
    population: pd.DataFrame


def load_region(municipalities: str | Path | None = None,
                population: str | Path | None = None,
                novex: str | Path | None = None) -> Region:
    """Load the built-in layers, each optionally replaced by a user's file.

    Parameters
    ----------
    municipalities, population, novex
        Paths of user files replacing the built-in layer (see the loaders in
        :mod:`layers`). ``None`` uses the embedded default.
    """
    mun = load_municipalities(municipalities)
    return Region(
        municipalities=mun,
        subregions=subregions_from(mun),
        novex=load_novex(novex, municipalities=mun),
        population=load_population(population),
    )
