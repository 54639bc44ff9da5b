"""Projects placed in areas, and figures per area, against hand-computed numbers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import Point, Polygon

from geo import analyse, area_stats, assign_areas, hexagon_concentration, prepare_projects
from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import use_lang
from tests.conftest import make_projects

# Each point lies at least 1.2 km from any municipal border and 380 m from any
# NOVEX border (measured in EPSG:28992), so its areas are known by construction.
FIXTURE = [
    ("A1", "Amsterdam centrum", "hydrogen", 1_000_000, 4.90, 52.37),   # Amsterdam, NZKG
    ("A2", "Amsterdam oost", "ai", 3_000_000, 4.93, 52.35),            # Amsterdam
    ("L1", "Almere", "circular_construction", 2_000_000, 5.22, 52.37),
    ("L2", "Lelystad", "circular_construction", 500_000, 5.47, 52.51),
    ("H1", "Schiphol", "hydrogen", 4_000_000, 4.764, 52.310),          # Haarlemmermeer, Schiphol
    ("V1", "IJmuiden", "hydrogen", 1_500_000, 4.62, 52.46),            # Velsen, NZKG
    ("O1", "Utrecht (outside)", "health", 9_999, 5.12, 52.09),         # outside the MRA
    ("N1", "Haarlem, no amount", "Gezondheid", None, 4.64, 52.38),     # Haarlem
]


@pytest.fixture(scope="module")
def fixture_analysis(region):
    return analyse(make_projects(FIXTURE), region)


def test_each_project_lands_in_its_municipality(fixture_analysis):
    p = fixture_analysis.projects.set_index("id")
    assert p["municipality"].drop("O1").to_dict() == {
        "A1": "Amsterdam", "A2": "Amsterdam", "L1": "Almere", "L2": "Lelystad",
        "H1": "Haarlemmermeer", "V1": "Velsen", "N1": "Haarlem"}
    assert p[["municipality", "subregion"]].loc["O1"].isna().all()
    assert p.loc["H1", "subregion"] == "Amstelland-Meerlanden"
    assert p["in_mra"].to_dict() == {k: k != "O1" for k in p.index}
    assert p.loc["N1", "theme"] == "health"  # Dutch synonym normalised
    assert p.loc["A1", "novex"] == ("mra_verstedelijking", "nzkg")
    assert p.loc["H1", "novex"] == ("mra_verstedelijking", "schiphol")
    assert p.loc["A2", "novex"] == ("mra_verstedelijking",)
    assert p.loc["O1", "novex"] == ()


def test_outside_projects_are_kept_and_reported(fixture_analysis):
    assert len(fixture_analysis.projects) == len(FIXTURE)
    assert fixture_analysis.outside["id"].tolist() == ["O1"]


def test_subregion_counts_and_sums(fixture_analysis):
    s = fixture_analysis.subregions
    assert s["n_projects"].to_dict() == {
        "Almere-Lelystad": 2, "Amstelland-Meerlanden": 1, "Amsterdam": 2,
        "Gooi en Vechtstreek": 0, "IJmond": 1, "Zaanstreek-Waterland": 0,
        "Zuid-Kennemerland": 1}
    assert s["total_eur"].to_dict() == {
        "Almere-Lelystad": 2_500_000, "Amstelland-Meerlanden": 4_000_000,
        "Amsterdam": 4_000_000, "Gooi en Vechtstreek": 0, "IJmond": 1_500_000,
        "Zaanstreek-Waterland": 0, "Zuid-Kennemerland": 0}
    assert s.loc["Zuid-Kennemerland", "n_with_amount"] == 0
    assert s.loc["Amsterdam", "eur_hydrogen"] == 1_000_000
    assert s.loc["Amsterdam", "eur_ai"] == 3_000_000
    assert s.loc["Amsterdam", "n_ai"] == 1


def test_municipality_counts_and_sums(fixture_analysis):
    m = fixture_analysis.municipalities.set_index("name")
    assert m.loc["Amsterdam", "total_eur"] == 4_000_000
    assert m.loc["Lelystad", "total_eur"] == 500_000
    assert m.loc["Haarlem", "n_projects"] == 1
    assert m["n_projects"].sum() == 7
    assert len(m) == 30


def test_novex_counts_and_sums_never_added(fixture_analysis):
    n = fixture_analysis.novex
    assert n.loc["nzkg", "n_projects"] == 2
    assert n.loc["nzkg", "total_eur"] == 2_500_000
    assert n.loc["schiphol", "total_eur"] == 4_000_000
    assert n.loc["mra_verstedelijking", "total_eur"] == 12_000_000
    # overlapping areas: their sum exceeds the MRA total, which is why we never add them
    assert n["total_eur"].sum() > fixture_analysis.mra["total_eur"].iloc[0]


def test_subregions_add_up_to_mra(fixture_analysis):
    mra = fixture_analysis.mra.iloc[0]
    s = fixture_analysis.subregions
    assert mra["total_eur"] == 12_000_000
    assert s["total_eur"].sum() == mra["total_eur"]
    assert s["n_projects"].sum() == mra["n_projects"] == 7
    assert s["share_of_mra"].sum() == pytest.approx(1.0)
    assert s.loc["Amsterdam", "share_of_mra"] == pytest.approx(4 / 12)


def test_per_inhabitant_uses_shipped_population(fixture_analysis, region):
    pop = region.population.set_index("name")["population"]
    s = fixture_analysis.subregions
    assert s.loc["Amsterdam", "eur_per_inhabitant"] == pytest.approx(4_000_000 / 931_298)
    al = pop["Almere"] + pop["Lelystad"]
    assert s.loc["Almere-Lelystad", "eur_per_inhabitant"] == pytest.approx(2_500_000 / al)
    assert s.loc["Almere-Lelystad", "population_date"] == "2024-01-01"
    assert s.loc["Gooi en Vechtstreek", "population_date"] == "2019-01-01 – 2024-01-01"
    mra = fixture_analysis.mra.iloc[0]
    assert mra["eur_per_inhabitant"] == pytest.approx(12_000_000 / 2_602_832)
    # NOVEX areas that cut through municipalities get no invented population
    n = fixture_analysis.novex
    assert np.isnan(n.loc["nzkg", "eur_per_inhabitant"])
    assert n.loc["mra_verstedelijking", "population"] == 2_602_832


def test_per_km2_measured_in_rd_new(fixture_analysis, region):
    area = region.subregions.set_index("subregion").to_crs("EPSG:28992").area / 1e6
    s = fixture_analysis.subregions
    assert s.loc["Amsterdam", "area_km2"] == pytest.approx(area["Amsterdam"])
    assert s.loc["Amsterdam", "eur_per_km2"] == pytest.approx(4_000_000 / area["Amsterdam"])


def test_point_on_shared_border_is_assigned_once_deterministically(region):
    # (4.824, 52.29) is a vertex of both Aalsmeer (GM0358) and Amstelveen (GM0362)
    mun = region.municipalities.set_index("name")
    p = Point(4.824, 52.29)
    assert mun.loc["Aalsmeer"].geometry.intersects(p)
    assert mun.loc["Amstelveen"].geometry.intersects(p)
    projects = make_projects([("B", "border", "ai", 100.0, 4.824, 52.29)])
    for _ in range(3):
        out = assign_areas(prepare_projects(projects), region)
        assert len(out) == 1
        assert out["municipality_code"].item() == "GM0358"  # lowest code wins
    stats = area_stats(out, region, "municipality")
    assert stats["n_projects"].sum() == 1


def test_polygon_project_counted_at_representative_point(region):
    square = Polygon([(5.20, 52.36), (5.24, 52.36), (5.24, 52.38), (5.20, 52.38)])
    gdf = gpd.GeoDataFrame({"id": ["P"], "name": ["area"], "theme": ["hydrogen"],
                            "amount_eur": [10.0]}, geometry=[square], crs="EPSG:4326")
    a = analyse(gdf, region)
    assert a.projects["municipality"].item() == "Almere"
    assert a.projects.geometry.iloc[0].geom_type == "Polygon"  # drawn as its shape
    assert square.contains(a.projects["point"].iloc[0])


def test_projects_in_rd_new_are_reprojected(region):
    gdf = make_projects([("A", "x", "ai", 1.0, 4.90, 52.37)]).to_crs("EPSG:28992")
    a = analyse(gdf, region)
    assert a.projects["municipality"].item() == "Amsterdam"


def test_empty_project_set_gives_zeros(region):
    a = analyse(make_projects([]), region)
    assert (a.subregions["total_eur"] == 0).all()
    assert (a.subregions["n_projects"] == 0).all()
    assert (a.subregions["share_of_mra"] == 0).all()
    assert len(a.hexagons) == 0


def test_unknown_level_lists_levels(fixture_analysis, region):
    with pytest.raises(UnknownNameError, match="municipality, subregion, novex, mra"):
        area_stats(fixture_analysis.projects, region, "province")


def test_hexagons_sum_to_mra_total(fixture_analysis):
    inside = fixture_analysis.projects[fixture_analysis.projects["in_mra"]]
    hexes = hexagon_concentration(inside)
    assert hexes["total_eur"].sum() == 12_000_000
    assert hexes["n_projects"].sum() == 7
    assert hexes.crs.to_epsg() == 4326
    # resolution 7 cells are about 5 km2
    area = hexes.to_crs("EPSG:28992").area / 1e6
    assert area.between(3, 7).all()
    # Velsen's 1.5 M and Schiphol's 4 M lie in different cells; the biggest cell is Schiphol
    assert hexes.sort_values("total_eur")["total_eur"].iloc[-1] == 4_000_000


def test_projects_without_geometry_are_refused(region):
    gdf = make_projects([("A", "x", "ai", 1.0, 4.90, 52.37), ("B", "y", "ai", 1.0, 4.9, 52.3)])
    gdf.loc[1, "geometry"] = None
    with use_lang("en"), pytest.raises(TransitiekaartError,
                                       match=r"1 project\(s\) have no geometry \(id: B\)"):
        analyse(gdf, region)
    with use_lang("nl"), pytest.raises(TransitiekaartError,
                                       match=r"1 project\(en\) hebben geen geometrie \(id: B\)"):
        analyse(gdf, region)


def test_cell_ints_match_h3s_public_function():
    """The fast H3 loop gives exactly h3.latlng_to_cell's cells, here and worldwide."""
    import h3

    from geo.precompute import cell_ints

    rng = np.random.default_rng(7)
    lat = np.r_[rng.uniform(52.0, 52.8, 5000), rng.uniform(-89.9, 89.9, 5000)]
    lon = np.r_[rng.uniform(4.3, 5.5, 5000), rng.uniform(-179.9, 179.9, 5000)]
    for res in (0, 7, 15):
        got = cell_ints(lat, lon, res)
        assert got.dtype == np.uint64
        want = [h3.str_to_int(h3.latlng_to_cell(a, b, res)) for a, b in zip(lat, lon, strict=True)]
        assert got.tolist() == want
    assert len(cell_ints(np.zeros(0), np.zeros(0))) == 0


def test_hexagons_are_computed_on_first_use_only(region):
    a = analyse(make_projects(FIXTURE), region)
    assert "hexagons" not in vars(a)  # the build's page does not need them
    first = a.hexagons
    assert a.hexagons is first
    inside = a.projects[a.projects["in_mra"]]
    assert first.drop(columns="geometry").equals(
        hexagon_concentration(inside).drop(columns="geometry"))


def test_all_levels_at_once_equal_each_level_alone(region):
    """all_area_stats shares work between the levels; the figures are area_stats' own."""
    from geo.stats import LEVELS, all_area_stats

    rows = [*FIXTURE, ("P1", "Polygon", "ai", 7_000, 4.90, 52.37)]
    projects = make_projects(rows)
    projects.loc[projects["id"] == "P1", "geometry"] = Polygon(
        [(4.85, 52.35), (4.95, 52.35), (4.95, 52.40), (4.85, 52.40)])
    assigned = assign_areas(prepare_projects(projects), region)
    both = all_area_stats(assigned, region)
    assert list(both) == list(LEVELS)
    for level in LEVELS:
        alone = area_stats(assigned, region, level)
        pd.testing.assert_frame_equal(both[level], alone, check_exact=True)
    # a project in two NOVEX areas counts in both
    nvx = both["novex"]
    in_two = assigned.loc[assigned["novex"].map(len) >= 2]
    assert len(in_two) and nvx["n_projects"].sum() > both["mra"]["n_projects"].iloc[0]
