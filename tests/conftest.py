"""Shared fixtures: the built-in region (loaded once) and small project sets."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely import Point

from geo.analysis import Analysis, analyse
from layers.region import Region, load_region
from layers.samples import load_sample_projects


@pytest.fixture(scope="session")
def region() -> Region:
    """The built-in MRA layers (CBS/PDOK 2025, indicative NOVEX)."""
    return load_region()


@pytest.fixture(scope="session")
def sample_analysis(region: Region) -> Analysis:
    """The 74 built-in sample projects placed in the region."""
    return analyse(load_sample_projects(), region)


def make_projects(rows: list[tuple]) -> gpd.GeoDataFrame:
    """Projects from ``(id, name, theme, amount_eur, lon, lat)`` tuples (EPSG:4326)."""
    return gpd.GeoDataFrame(
        {"id": [r[0] for r in rows], "name": [r[1] for r in rows],
         "theme": [r[2] for r in rows], "amount_eur": [r[3] for r in rows]},
        geometry=[Point(r[4], r[5]) for r in rows], crs="EPSG:4326")
