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
    implausible_median_factor
        An amount more than this many times the median of its file's amounts gets a
        note (with the share of the file's total it makes up): a typo such as
        "1,2 mld" for "1,2 mln" would otherwise dominate every total.
    implausible_amount_eur
        An amount above this for one project gets such a note too (€ 500 mln).
    border_tolerance_m
        A point this close (in EPSG:28992) to the municipality its row names counts
        in that municipality: the built-in boundaries are accurate to about 100 m.
    """

    crs_metric: str = "EPSG:28992"
    crs_wgs84: str = "EPSG:4326"
    h3_resolution: int = 7
    duplicate_distance_m: float = 25.0
    classes: int = 5
    max_file_bytes: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_FILE_BYTES", 2_000_000_000))
    implausible_median_factor: float = 100.0
    implausible_amount_eur: float = 500_000_000.0
    border_tolerance_m: float = 100.0


def _env_int(name: str, default: int) -> int:
    """An integer from the environment, or ``default`` when unset or not a positive integer."""
    text = os.environ.get(name, "").strip().replace("_", "")
    return int(text) if text.isdigit() and int(text) > 0 else default


SETTINGS = Settings()
