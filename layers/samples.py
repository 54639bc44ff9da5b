"""The built-in SAMPLE projects: fictitious names and amounts at plausible places.

See ``layers/_make_samples.py`` for how they are made. Every feature has
``sample: true``; the map and README say these are not real investments.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import geopandas as gpd

__all__ = ["load_sample_projects", "sample_projects_path"]


def sample_projects_path() -> Path:
    """Path of the shipped sample GeoJSON."""
    return Path(str(resources.files("layers") / "data" / "sample_projects.geojson"))


@cache
def _samples() -> gpd.GeoDataFrame:
    return gpd.read_file(sample_projects_path(), engine="pyogrio")


def load_sample_projects() -> gpd.GeoDataFrame:
    """The 74 sample projects (EPSG:4326), each with ``sample = True``."""
    return _samples().copy()
