"""Speed of the hot paths, measured (not asserted) with pytest-benchmark.

Run with ``make bench``; the normal test run skips them (``--benchmark-skip``).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest

from geo import analyse
from geo.themes import THEME_CODES
from mapbuilder import render_analysis


def random_projects(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """``n`` projects spread over the MRA's bounding box (a few fall outside)."""
    rng = np.random.default_rng(seed)
    return gpd.GeoDataFrame(
        {"id": [f"p{i}" for i in range(n)], "name": [f"project {i}" for i in range(n)],
         "theme": rng.choice(THEME_CODES, n), "amount_eur": rng.uniform(0, 5e7, n)},
        geometry=gpd.points_from_xy(rng.uniform(4.5, 5.5, n), rng.uniform(52.2, 52.6, n)),
        crs="EPSG:4326")


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_bench_analyse(benchmark, region, n):
    projects = random_projects(n)
    result = benchmark(analyse, projects, region)
    assert len(result.projects) == n


def test_bench_render_1000(benchmark, region):
    analysis = analyse(random_projects(1_000), region)
    html = benchmark(lambda: render_analysis(analysis).get_root().render())
    assert len(html) > 100_000
