"""Shared fixtures: the built-in region (loaded once) and small project sets."""

from __future__ import annotations

import os

import geopandas as gpd
import pytest
from hypothesis import settings
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


# --- hunting for rare examples (never used by CI) -------------------------------------
# ``HYPOTHESIS_PROFILE=hunt`` (factor from ``HYPOTHESIS_HUNT_FACTOR``, default 10) runs each
# property test with that many times its own ``max_examples``, fresh random examples
# (``derandomize=False``; ``--hypothesis-seed`` picks them) and no example database.
# Explicit ``@settings(max_examples=...)`` would override a plain profile, so the tests'
# own settings are scaled here. Without the variable nothing changes.
if os.environ.get("HYPOTHESIS_PROFILE") == "hunt":
    settings.register_profile("hunt", derandomize=False, database=None, deadline=None)
    settings.load_profile("hunt")

    def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
        factor = int(os.environ.get("HYPOTHESIS_HUNT_FACTOR", "10"))
        seen: set[int] = set()
        for item in items:
            test = getattr(item, "obj", None)
            if not getattr(test, "is_hypothesis_test", False) or id(test) in seen:
                continue
            seen.add(id(test))
            own = test._hypothesis_internal_use_settings  # type: ignore[union-attr]
            test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                own, max_examples=own.max_examples * factor, derandomize=False, database=None,
                deadline=None)
