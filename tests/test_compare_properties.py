"""Invariants of the comparison for random project sets (hypothesis)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.analysis import analyse
from geo.comparison import compare, compare_areas
from geo.themes import THEME_CODES
from layers.region import Region
from mapbuilder.compare.formats import format_comparison
from tests.conftest import make_projects

# A box around the MRA with some room outside it, so some projects fall outside.
project = st.tuples(
    st.sampled_from(THEME_CODES),
    st.one_of(st.none(), st.integers(0, 10**9).map(float),
              st.floats(0, 1e8, allow_nan=False).map(lambda x: round(x, 2))),  # cents
    st.floats(4.45, 5.55, allow_nan=False),
    st.floats(52.05, 52.65, allow_nan=False),
)
project_sets = st.lists(project, max_size=25)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _projects(rows: list[tuple]) -> gpd.GeoDataFrame:
    return make_projects([(f"p{i}", f"project {i}", th, eur, lon, lat)
                          for i, (th, eur, lon, lat) in enumerate(rows)])


@SETTINGS
@given(rows=project_sets)
def test_area_totals_add_up_to_the_mra(region: Region, rows: list[tuple]) -> None:
    analysis = analyse(_projects(rows), region)
    mra = compare_areas(analysis).mra
    inside = analysis.projects.loc[analysis.projects["in_mra"], "amount_eur"].fillna(0).sum()
    outside = analysis.outside["amount_eur"].fillna(0).sum()
    assert mra["total_eur"] == pytest.approx(inside, rel=1e-9, abs=1e-6)
    for by in ("subregion", "municipality"):
        result = compare_areas(analysis, by=by)
        table = result.table
        assert table["total_eur"].sum() == pytest.approx(mra["total_eur"], rel=1e-9, abs=1e-6)
        assert table["n_projects"].sum() == mra["n_projects"]
        for t in THEME_CODES:
            assert table[f"eur_{t}"].sum() == pytest.approx(mra[f"eur_{t}"], rel=1e-9,
                                                            abs=1e-6)
    assert result.outside.n_projects + mra["n_projects"] == len(rows)
    assert result.outside.total_eur == pytest.approx(outside, rel=1e-9, abs=1e-6)


@SETTINGS
@given(rows=project_sets)
def test_weighted_location_quotients_average_to_one(region: Region, rows: list[tuple]) -> None:
    analysis = analyse(_projects(rows), region)
    for by in ("subregion", "municipality"):
        result = compare_areas(analysis, by=by)
        table, mra = result.table, result.mra
        weight = table["total_eur"] / mra["total_eur"] if mra["total_eur"] > 0 else None
        for t in THEME_CODES:
            lq = table[f"lq_{t}"]
            if mra[f"eur_{t}"] > 0:
                # areas without euros have weight 0 and an undefined (NaN) LQ
                assert (weight * lq.fillna(0.0)).sum() == pytest.approx(1.0, rel=1e-9)
                assert lq[table["total_eur"] > 0].notna().all()
            else:
                assert lq.isna().all()  # a theme without euros has no LQ anywhere


@SETTINGS
@given(rows=project_sets)
def test_shares_and_diversity_stay_in_range(region: Region, rows: list[tuple]) -> None:
    table = compare(analyse(_projects(rows), region))
    shares = table[[f"share_{t}" for t in THEME_CODES]].sum(axis=1)
    has = table["total_eur"] > 0
    np.testing.assert_allclose(shares[has], 1.0, rtol=1e-9)
    assert (shares[~has] == 0).all()
    div = table["diversity"]
    assert div[has].between(0, 1).all() and div[~has].isna().all()
    nvx = table[[c for c in table.columns if c.startswith("novex_share_")]]
    assert ((nvx >= 0) & (nvx <= 1 + 1e-12)).all().all()


@pytest.mark.parametrize("amounts", [[], [None, None], [0.0, 0.0, None]])
@pytest.mark.parametrize("by", ["subregion", "municipality", "novex"])
def test_no_euros_gives_zeros_without_errors(region: Region, by: str,
                                             amounts: list) -> None:
    rows = [(f"p{i}", "x", "ai", eur, 4.9, 52.34) for i, eur in enumerate(amounts)]
    projects = (make_projects(rows) if rows else gpd.GeoDataFrame(
        {"id": [], "name": [], "theme": [], "amount_eur": []}, geometry=[], crs="EPSG:4326"))
    result = compare_areas(analyse(projects, region), by=by)
    table = result.table
    zero_cols = ["total_eur", "eur_per_km2", "share_of_mra",
                 *[f"{p}_{t}" for p in ("eur", "share") for t in THEME_CODES],
                 *[c for c in table.columns if c.startswith("novex_share_")]]
    assert (table[zero_cols] == 0).all().all()
    per_inh = table["eur_per_inhabitant"]
    assert (per_inh[table["population"].notna()] == 0).all()
    if by != "novex":  # NOVEX areas overlap: their counts do not add up
        assert table["n_projects"].sum() == len(amounts)
    # the ratios that need euros are undefined, not zero, and say so in the outputs
    assert table[[f"lq_{t}" for t in THEME_CODES] + ["diversity"]].isna().all().all()
    assert (table["rank"] == 1).all()
    assert result.mra["total_eur"] == 0.0
    for fmt in ("table", "md", "csv", "json"):
        assert format_comparison(result, fmt)
