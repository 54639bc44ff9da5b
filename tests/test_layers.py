"""The built-in layers: real CBS/PDOK boundaries, population, indicative NOVEX areas."""

from __future__ import annotations

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from layers import (
    SUBREGIONS,
    derive_novex,
    load_municipalities,
    load_novex,
    load_population,
    load_region,
    load_sample_projects,
)
from layers.errors import InputFileError
from layers.lang import use_lang
from layers.novex import NZKG_MUNICIPALITIES


def test_thirty_municipalities_in_seven_subregions(region):
    mun = region.municipalities
    assert len(mun) == 30
    assert mun["code"].is_unique
    assert mun.geometry.is_valid.all()
    assert sorted(mun["subregion"].unique()) == list(SUBREGIONS)
    assert mun.groupby("subregion").size().to_dict() == {
        "Almere-Lelystad": 2, "Amstelland-Meerlanden": 6, "Amsterdam": 1,
        "Gooi en Vechtstreek": 6, "IJmond": 4, "Zaanstreek-Waterland": 7,
        "Zuid-Kennemerland": 4}


def test_subregions_cover_exactly_the_municipalities(region):
    subs = region.subregions.to_crs("EPSG:28992")
    mun = region.municipalities.to_crs("EPSG:28992")
    assert len(subs) == 7
    a, b = subs.union_all(), mun.union_all()
    assert a.symmetric_difference(b).area < 1.0  # m2: same union
    assert subs.area.sum() == pytest.approx(mun.area.sum(), rel=1e-9)


def test_mra_area_close_to_1781_km2(region):
    area_km2 = region.municipalities.to_crs("EPSG:28992").union_all().area / 1e6
    assert abs(area_km2 - 1781) / 1781 < 0.02


def test_population_shipped_with_reference_dates():
    pop = load_population()
    assert len(pop) == 30
    assert pop["population"].sum() == 2_602_832
    assert pop.loc[pop["name"] == "Laren", "reference_date"].item() == "2019-01-01"
    assert pop["reference_date"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_novex_areas_are_indicative_and_follow_the_recipe(region):
    nvx = region.novex.set_index("code")
    assert list(nvx.index) == ["mra_verstedelijking", "nzkg", "schiphol"]
    assert (nvx["basis"] == "indicative").all()
    assert nvx["method"].str.len().gt(20).all()
    rd = nvx.to_crs("EPSG:28992")
    mun = region.municipalities.to_crs("EPSG:28992")
    mra = mun.union_all()
    # equal up to the round trip RD -> WGS84 -> RD (a few m2 on 1,781 km2)
    assert rd.loc["mra_verstedelijking"].geometry.symmetric_difference(mra).area < 1e-6 * mra.area
    nz_munis = mun[mun["name"].isin(NZKG_MUNICIPALITIES)].union_all()
    assert rd.loc["nzkg"].geometry.difference(nz_munis).area < 1e-6 * nz_munis.area
    # a 7 km disc clipped to the MRA: at most pi * 7^2 km2
    assert 0 < rd.loc["schiphol"].geometry.area / 1e6 <= 3.1416 * 49


def test_user_municipalities_file_replaces_builtin(tmp_path):
    """A PDOK-style file (statcode, statnaam, national extent) is accepted."""
    mun = load_municipalities().rename(columns={"code": "statcode", "name": "statnaam"})
    mun = mun.drop(columns="subregion").to_crs("EPSG:28992")
    extra = mun.iloc[[0]].assign(statcode="GM0344", statnaam="Utrecht")  # not MRA
    path = tmp_path / "gemeenten.gpkg"
    pd.concat([mun, extra]).to_file(path, driver="GPKG")
    got = load_municipalities(path)
    assert len(got) == 30
    assert got.crs.to_epsg() == 4326
    assert got.set_index("code").loc["GM0363", "subregion"] == "Amsterdam"
    region = load_region(municipalities=path)
    assert len(region.subregions) == 7


def test_user_municipalities_without_code_column_gets_a_message(tmp_path):
    path = tmp_path / "bad.geojson"
    load_municipalities().drop(columns="code").to_file(path, driver="GeoJSON")
    with use_lang("en"), pytest.raises(InputFileError,
                                       match=r"bad\.geojson.*no municipality code column"):
        load_municipalities(path)
    with pytest.raises(InputFileError, match=r"bad\.geojson.*geen kolom met de gemeentecode"):
        load_municipalities(path)


def test_user_population_replaces_figures(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("code,population,reference_date\nGM0363,1000000,2026-01-01\n")
    pop = load_population(path).set_index("code")
    assert pop.loc["GM0363", "population"] == 1_000_000
    assert pop.loc["GM0363", "reference_date"] == "2026-01-01"
    assert pop.loc["GM0034", "population"] == 226_630  # untouched rows keep built-in


@pytest.mark.parametrize("content,fragment", [
    ("code,inwoners\nGM0363,5\n", "missing column"),
    ("code,population\nGM0363,veel\n", "whole number"),
    ("code,population\nGM0363,1e400\n", r"whole number from 0 to 10,000,000 .*1e400"),
    ("code,population\nGM0363," + "9" * 5000 + "\n", "whole number"),
    ("code,population\nGM0363,1.5\n", "whole number"),
    ("code,population\nGM0363,-5\n", "whole number"),
    ("code,population\nGM0363,5\nGM0363,6\n", "more than once"),
    ("code,population,Population\nGM0363,5,6\n", "occur twice"),
    ("code,population,note\nGM0363,5," + "x" * 140_000 + "\n", None),
])
def test_bad_population_file(tmp_path, content, fragment):
    path = tmp_path / "pop.csv"
    path.write_text(content)
    if fragment is None:  # a long text field is fine: it is not the population
        assert load_population(path).set_index("code").loc["GM0363", "population"] == 5
        return
    with use_lang("en"), pytest.raises(InputFileError, match=fragment):
        load_population(path)


def test_population_in_dutch_notation_and_semicolons(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("\ufeffcode;population\nGM0363;931.298\n", encoding="utf-8")
    assert load_population(path).set_index("code").loc["GM0363", "population"] == 931_298
    path.write_text("code;population\nGM0363;1e400\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"pop\.csv: het inwonertal moet een geheel getal"):
        load_population(path)


def test_user_novex_file_replaces_indicative(tmp_path, region):
    path = tmp_path / "novex.geojson"
    gdf = region.novex[["name_nl", "geometry"]].rename(columns={"name_nl": "name"})
    gdf.to_file(path, driver="GeoJSON")
    got = load_novex(path)
    assert len(got) == 3
    assert (got["basis"] == "novex.geojson").all()  # labelled with its file, not indicative
    assert got["method"].str.contains("novex.geojson").all()


def test_user_novex_file_names_its_source(tmp_path, region):
    path = tmp_path / "novex.gpkg"
    gdf = region.novex[["name_nl", "geometry"]].rename(columns={"name_nl": "naam"})
    gdf["bron"] = ["Rijksoverheid NOVEX 2024", None, "Rijksoverheid NOVEX 2024"]
    gdf.to_file(path, driver="GPKG")
    got = load_novex(path).set_index("name_nl")["basis"]
    assert list(got) == ["Rijksoverheid NOVEX 2024", "novex.gpkg", "Rijksoverheid NOVEX 2024"]
    assert "indicative" not in set(got)


def test_user_novex_with_name_and_naam_that_differ_is_refused(tmp_path, region):
    path = tmp_path / "novex.geojson"
    gdf = region.novex[["name_nl", "geometry"]].rename(columns={"name_nl": "name"})
    gdf["naam"] = ["A", "B", "C"]
    gdf.to_file(path, driver="GeoJSON")
    with use_lang("en"), pytest.raises(InputFileError, match=r"'name' / 'naam' mean the same"):
        load_novex(path)
    gdf["naam"] = gdf["name"]  # the same names twice: nothing to settle
    gdf.to_file(path, driver="GeoJSON")
    assert len(load_novex(path)) == 3


def test_derive_novex_is_reproducible(region):
    a = derive_novex(region.municipalities)
    b = derive_novex(region.municipalities)
    assert_geodataframe_equal(a, b)


def test_sample_projects_are_marked_and_spread():
    s = load_sample_projects()
    assert len(s) >= 64
    assert s["sample"].all()
    assert s["theme"].value_counts().min() >= 8
    assert s["theme"].nunique() == 8
    assert s["name"].str.contains("voorbeeld").all()


def test_samples_cover_all_subregions(sample_analysis):
    assert sample_analysis.projects["in_mra"].all()
    assert (sample_analysis.subregions["n_projects"] > 0).all()


def test_user_boundaries_in_a_geopackage_with_qgis_styles(tmp_path):
    """A GeoPackage QGIS saved with its layer styles: the one layer of areas is read."""
    import sqlite3

    path = tmp_path / "gemeenten.gpkg"
    load_municipalities().to_file(path, driver="GPKG", layer="gemeenten")
    with sqlite3.connect(path) as con:  # what QGIS adds: a table without geometries
        con.execute("CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, styleQML TEXT)")
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                    "VALUES ('layer_styles', 'attributes', 'layer_styles')")
    assert len(load_municipalities(path)) == 30


def test_user_boundaries_with_a_feature_without_geometry_are_refused(tmp_path):
    path = tmp_path / "gemeenten.geojson"
    mun = load_municipalities()
    mun.loc[3, "geometry"] = None
    mun.to_file(path, driver="GeoJSON")
    with use_lang("en"), pytest.raises(InputFileError, match=r"feature 4 has no geometry"):
        load_municipalities(path)
