"""Projects placed in a municipality, a subregion or the whole MRA, and the NOVEX areas.

Such a project counts in a NOVEX area only when its whole place lies inside it
(>= 99.5% of the place's area, EPSG:28992); a place that overlaps a NOVEX area
partly puts the project in the "area-wide" row of ``compare(by="novex")``.
The expectations follow from the built-in indicative NOVEX recipe
(layers/data/NOVEX.md): the MRA urbanisation area is the union of the 30
municipalities, the North Sea Canal area a 3 km strip along the canal, the
Schiphol region a 7 km circle around the airport.
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pytest

from geo import analyse, compare
from geo.combine import INSIDE_SHARE, place_novex
from geo.comparison import AREA_WIDE_KEY
from layers.settings import SETTINGS

ROWS = [  # id, place, place_area, euros
    ("zaan", "municipality", "GM0479", 1_000_000),   # Zaanstad: crosses the canal strip's edge
    ("lely", "municipality", "GM0995", 2_000_000),   # Lelystad: far from canal and airport
    ("mra", "mra", None, 4_000_000),                 # the whole MRA
    ("ijm", "subregion", "IJmond", 8_000_000),       # Beverwijk, Heemskerk, Velsen
]


def _placed() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": [r[0] for r in ROWS], "name": [r[0] for r in ROWS],
                             "theme": ["hydrogen"] * len(ROWS),
                             "amount_eur": [float(r[3]) for r in ROWS],
                             "place": [r[1] for r in ROWS], "place_area": [r[2] for r in ROWS]},
                            geometry=[None] * len(ROWS), crs="EPSG:4326")


@pytest.fixture(scope="module")
def placed(region):
    return analyse(_placed(), region)


def test_a_place_inside_the_urbanisation_area_counts_there(placed) -> None:
    p = placed.projects.set_index("id")
    # every municipality, subregion and the MRA itself lies in the MRA urbanisation area
    assert p["novex"].to_dict() == {k: ("mra_verstedelijking",) for k in p.index}
    # Zaanstad, IJmond and the MRA reach into the canal strip only partly: counted nowhere there
    assert p["novex_partial"].to_dict() == {"zaan": True, "lely": False, "mra": True,
                                            "ijm": True}


def test_novex_table_counts_whole_places_and_puts_partial_ones_area_wide(placed,
                                                                        region) -> None:
    from layers.lang import use_lang

    table = compare(placed, by="novex")
    assert table.loc["mra_verstedelijking", "n_projects"] == 4
    assert table.loc["mra_verstedelijking", "total_eur"] == 15_000_000
    assert table.loc["nzkg", "n_projects"] == 0 and table.loc["schiphol", "n_projects"] == 0
    # the places that overlap the canal strip partly are counted in the urbanisation area
    # already: no second row counts them again (issue 20: shares never add up past 100%)
    assert AREA_WIDE_KEY not in table.index
    # with the canal strip alone, they are in no NOVEX row: one row names them for what
    # they are (not "regiobreed"), Lelystad (wholly outside) is in none
    mine = dataclasses.replace(region, novex=region.novex[region.novex["code"] == "nzkg"])
    with use_lang("nl"):
        table = compare(analyse(_placed(), mine), by="novex")
    assert table.loc[AREA_WIDE_KEY, "n_projects"] == 3
    assert table.loc[AREA_WIDE_KEY, "total_eur"] == 13_000_000
    assert table.loc[AREA_WIDE_KEY, "name"] == "deels in een NOVEX-gebied"
    assert (table["share_of_mra"] <= 1.0).all()
    assert table["n_projects"].sum() <= len(ROWS)
    shares = compare(placed, by="subregion")
    assert shares.loc["Almere-Lelystad", "novex_share_mra_verstedelijking"] == 1.0


def _novex_of(region, geoms: list, codes: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": codes, "name_nl": codes, "name_en": codes,
                             "basis": "test", "method": "Read from test."},
                            geometry=geoms, crs=SETTINGS.crs_metric).to_crs(region.novex.crs)


def test_ijmond_wide_project_against_a_canal_area_that_holds_all_of_ijmond(region) -> None:
    ijmond = region.subregions.to_crs(SETTINGS.crs_metric).set_index("subregion")
    whole = ijmond.loc["IJmond", "geometry"]
    velsen = region.municipalities.to_crs(SETTINGS.crs_metric).set_index("name")
    # a canal area 5 m short of IJmond's outline all round (a generalisation sliver),
    # a canal area of Velsen alone (a part of IJmond), and one far away (Lelystad)
    novex = _novex_of(region, [whole.buffer(-5.0), velsen.loc["Velsen", "geometry"],
                               velsen.loc["Lelystad", "geometry"]],
                      ["nzkg_wide", "nzkg_velsen", "far"])
    mine = dataclasses.replace(region, novex=novex)
    inside, partial = place_novex(mine)
    kept = 1.0 - whole.difference(whole.buffer(-5.0)).area / whole.area
    assert INSIDE_SHARE <= kept < 1.0  # the sliver is real but within the margin
    assert inside[("subregion", "IJmond")] == ("nzkg_wide",)
    assert partial[("subregion", "IJmond")]  # Velsen is only part of IJmond
    assert inside[("municipality", "GM0453")] == ("nzkg_wide", "nzkg_velsen")  # Velsen
    assert not partial[("municipality", "GM0453")]
    # 10 m short all round is more than the margin: IJmond then overlaps it only partly
    thinner = dataclasses.replace(region, novex=_novex_of(region, [whole.buffer(-10.0)], ["x"]))
    inside_t, partial_t = place_novex(thinner)
    assert inside_t[("subregion", "IJmond")] == () and partial_t[("subregion", "IJmond")]
    a = analyse(_placed(), mine)
    p = a.projects.set_index("id")
    assert p.loc["ijm", "novex"] == ("nzkg_wide",)
    assert p.loc["lely", "novex"] == ("far",)
    assert p.loc["zaan", "novex"] == () and not p.loc["zaan", "novex_partial"]
    table = compare(a, by="novex")
    assert table.loc["nzkg_wide", "total_eur"] == 8_000_000
    assert table.loc["nzkg_velsen", "n_projects"] == 0
    # the MRA (partly in all three, wholly in none) is in the partial row; IJmond is
    # counted in nzkg_wide already, so not again (issue 20)
    assert table.loc[AREA_WIDE_KEY, "total_eur"] == 4_000_000


def test_label_points_ignore_projects_far_from_the_areas():
    """A national list's projects far from the NOVEX areas move no label; near ones do."""
    import numpy as np

    from geo.precompute import interior_label_points
    from layers.novex import load_novex

    areas = load_novex().geometry
    rng = np.random.default_rng(5)
    x0, y0, x1, y1 = areas.total_bounds
    near = np.column_stack([rng.uniform(x0, x1, 300), rng.uniform(y0, y1, 300)])
    far = np.column_stack([rng.uniform(5.6, 6.2, 5000), rng.uniform(50.8, 51.3, 5000)])
    base = interior_label_points(areas, near)
    assert np.array_equal(interior_label_points(areas, np.vstack([near, far])), base)
    assert not np.array_equal(interior_label_points(areas, near[:30]), base)
