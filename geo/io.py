"""Reading project files. (Full validation with every problem listed: geo.validate.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.settings import SETTINGS

__all__ = ["read_projects"]


def read_projects(paths: Sequence[str | Path]) -> gpd.GeoDataFrame:
    """Read and validate one or more project files into one GeoDataFrame (EPSG:4326).

    Raises
    ------
    InputFileError
        With every problem of the files (file, feature, field, value, fix).
    """
    from layers._read import read_vector

    frames = [read_vector(p, "projects") for p in paths]
    if not frames:
        return gpd.GeoDataFrame({"id": [], "name": [], "theme": []}, geometry=[],
                                crs=SETTINGS.crs_wgs84)
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=SETTINGS.crs_wgs84)
