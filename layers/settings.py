"""Defaults shared by every room of transitiekaart, in one typed place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["SETTINGS", "Settings"]


@dataclass(frozen=True)
class Settings:
    """Project-wide constants.

    Attributes
    ----------
    crs_metric
        Projected CRS for every area, distance and buffer (RD New).
    crs_wgs84
        Geographic CRS handed to folium and written to GeoJSON (RFC 7946).
    h3_resolution
        H3 resolution of the concentration layer. Resolution 7 cells are
        about 5 km2 (edge about 1.2 km): a few hundred cells cover the
        1,781 km2 region, fine enough to see clusters, coarse enough to
        aggregate dozens of projects.
    duplicate_distance_m
        Two projects with the same name closer than this are reported as
        likely duplicates.
    classes
        Number of classes of a choropleth.
    max_file_bytes
        Largest file the tool reads (register, project, boundary, population
        and NOVEX files): 2 GB, or ``$TRANSITIEKAART_MAX_FILE_BYTES``.
    """

    crs_metric: str = "EPSG:28992"
    crs_wgs84: str = "EPSG:4326"
    h3_resolution: int = 7
    duplicate_distance_m: float = 25.0
    classes: int = 5
    max_file_bytes: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_FILE_BYTES", 2_000_000_000))


def _env_int(name: str, default: int) -> int:
    """An integer from the environment, or ``default`` when unset or not a positive integer."""
    text = os.environ.get(name, "").strip().replace("_", "")
    return int(text) if text.isdigit() and int(text) > 0 else default


SETTINGS = Settings()
