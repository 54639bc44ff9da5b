"""One call from projects and region to every figure the map and tables show."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.combine import assign_areas
from geo.concentration import hexagon_concentration
from geo.projects import prepare_projects
from geo.stats import all_area_stats, outside_mra
from layers.timing import stage

if TYPE_CHECKING:
    from layers.region import Region

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """Projects placed in the region and the figures per area.

    Attributes
    ----------
    projects
        Projects with their municipality, subregion, NOVEX areas and ``in_mra``.
    municipalities, subregions, novex, mra
        :func:`geo.stats.area_stats` at each level (``mra`` has one row).
    hexagons
        :func:`geo.concentration.hexagon_concentration` of the projects in the MRA,
        computed on first use (the map page places projects in H3 cells itself,
        see :func:`mapbuilder.mappage.points.project_payload`).
    outside
        Projects outside the MRA (kept, reported, not counted in the areas).
    """

    region: Region
    projects: gpd.GeoDataFrame
    municipalities: pd.DataFrame
    subregions: pd.DataFrame
    novex: pd.DataFrame
    mra: pd.DataFrame
    outside: pd.DataFrame

    @cached_property
    def hexagons(self) -> gpd.GeoDataFrame:
        """Euros and projects per H3 cell of the projects in the MRA (see above)."""
        return hexagon_concentration(self.projects.loc[self.projects["in_mra"]])

    @cached_property
    def spatial_autocorrelation(self) -> dict:
        """Global Moran's I of the municipalities' euros per inhabitant, overall and per
        theme (:func:`geo.autocorrelation.spatial_autocorrelation`), on first use."""
        from geo.autocorrelation import spatial_autocorrelation

        return spatial_autocorrelation(self)

    @cached_property
    def lisa(self) -> pd.Series:
        """LISA cluster label per municipality code (:func:`geo.autocorrelation.lisa_labels`),
        on first use."""
        from geo.autocorrelation import lisa_labels

        return lisa_labels(self)

    @property
    def has_samples(self) -> bool:
        """True if any project is a built-in sample (fictitious)."""
        return bool(self.projects["sample"].any()) if len(self.projects) else False


def analyse(projects: gpd.GeoDataFrame, region: Region) -> Analysis:
    """Place ``projects`` in ``region`` and compute every figure."""
    with stage("combine"):
        assigned = assign_areas(prepare_projects(projects), region)
    with stage("aggregate"):
        stats = all_area_stats(assigned, region)
        return Analysis(
            region=region,
            projects=assigned,
            municipalities=stats["municipality"],
            subregions=stats["subregion"],
            novex=stats["novex"],
            mra=stats["mra"],
            outside=outside_mra(assigned),
        )
