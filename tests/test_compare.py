"""Comparing areas: hand-computed figures, head to head, output formats, the CLI."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo.analysis import Analysis, analyse
from geo.comparison import Comparison, compare, compare_areas, compare_two, head_to_head
from geo.themes import THEME_CODES
from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import use_lang
from layers.region import Region
from mapbuilder.cli import main
from mapbuilder.compare.formats import (
    column_label,
    format_comparison,
    format_head_to_head,
    format_value,
    parse_value,
    round_shown,
    sections,
)
from tests.conftest import make_projects

AMSTERDAM_POP = 931_298
ALMERE_LELYSTAD_POP = 226_630 + 84_091  # Almere + Lelystad, CBS 1 January 2024

# (id, name, theme, amount_eur, lon, lat)
FIXTURE = [
    ("p1", "Westpoort H2", "hydrogen", 6e6, 4.79, 52.415),  # Amsterdam, in NZKG
    ("p2", "Zuidas AI", "ai", 2e6, 4.90, 52.34),  # Amsterdam
    ("p7", "Zuidas mobiliteit", "smart_mobility", 2e6, 4.87, 52.34),  # Amsterdam
    ("p3", "Almere H2", "hydrogen", 1e6, 5.22, 52.37),  # Almere
    ("p4", "Almere bouw", "circular_construction", 3e6, 5.20, 52.38),  # Almere
    ("p6", "Almere AI, bedrag onbekend", "ai", None, 5.21, 52.375),  # Almere, no amount
    ("p5", "Utrecht AI", "ai", 5e6, 5.12, 52.09),  # outside the MRA
]


@pytest.fixture(scope="module")
def fixture_analysis(region: Region) -> Analysis:
    return analyse(make_projects(FIXTURE), region)


@pytest.fixture(scope="module")
def result(fixture_analysis: Analysis) -> Comparison:
    return compare_areas(fixture_analysis)


@pytest.fixture(scope="module")
def table(result: Comparison) -> pd.DataFrame:
    return result.table


def _km2(region: Region, name: str) -> float:
    geom = region.subregions.set_index("subregion").loc[[name]].geometry
    return float(geom.to_crs("EPSG:28992").area.iloc[0]) / 1e6


def test_hand_computed_figures(table: pd.DataFrame, region: Region) -> None:
    ams, alm = table.loc["Amsterdam"], table.loc["Almere-Lelystad"]
    # MRA: 14 M (6 + 2 + 2 + 1 + 3); Utrecht's 5 M lies outside and is not counted
    assert table["total_eur"].sum() == pytest.approx(14e6)
    assert (ams["n_projects"], ams["total_eur"]) == (3, 10e6)
    assert (alm["n_projects"], alm["n_with_amount"], alm["total_eur"]) == (3, 2, 4e6)
    assert ams["eur_per_inhabitant"] == pytest.approx(10e6 / AMSTERDAM_POP)  # 10.74
    assert alm["eur_per_inhabitant"] == pytest.approx(4e6 / ALMERE_LELYSTAD_POP)  # 12.87
    assert ams["eur_per_km2"] == pytest.approx(10e6 / _km2(region, "Amsterdam"))
    assert alm["eur_per_km2"] == pytest.approx(4e6 / _km2(region, "Almere-Lelystad"))
    assert ams["share_of_mra"] == pytest.approx(10 / 14)
    assert alm["share_of_mra"] == pytest.approx(4 / 14)
    assert (ams["rank"], alm["rank"]) == (1, 2)
    # theme shares of the area's euros
    assert ams["share_hydrogen"] == pytest.approx(0.6)
    assert ams["share_ai"] == pytest.approx(0.2)
    assert alm["share_circular_construction"] == pytest.approx(0.75)
    # LQ = (share in area) / (share in MRA): hydrogen 7/14, ai 2/14, circular 3/14
    assert ams["lq_hydrogen"] == pytest.approx(0.6 / 0.5)  # 1.2
    assert ams["lq_ai"] == pytest.approx(0.2 / (2 / 14))  # 1.4
    assert ams["lq_smart_mobility"] == pytest.approx(1.4)
    assert ams["lq_circular_construction"] == 0.0
    assert alm["lq_hydrogen"] == pytest.approx(0.25 / 0.5)  # 0.5
    assert alm["lq_circular_construction"] == pytest.approx(0.75 / (3 / 14))  # 3.5
    assert alm["lq_ai"] == 0.0  # the AI project without an amount counts 0 euros
    # diversity = -sum(p ln p) / ln 8
    h_ams = -(0.6 * math.log(0.6) + 2 * 0.2 * math.log(0.2)) / math.log(8)
    h_alm = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / math.log(8)
    assert ams["diversity"] == pytest.approx(h_ams)  # 0.457
    assert alm["diversity"] == pytest.approx(h_alm)  # 0.270
    # NOVEX: only the Westpoort project (6 of Amsterdam's 10 M) lies in the NZKG
    assert ams["novex_share_nzkg"] == pytest.approx(0.6)
    assert ams["novex_share_mra_verstedelijking"] == pytest.approx(1.0)
    assert alm["novex_share_nzkg"] == 0.0
    assert ams["population_date"] == "2024-01-01"


def test_empty_areas_and_undefined_ratios(table: pd.DataFrame) -> None:
    assert len(table) == 7  # every subregion, also those without projects
    empty = table.loc["IJmond"]
    assert (empty["n_projects"], empty["total_eur"], empty["share_of_mra"]) == (0, 0.0, 0.0)
    assert empty["eur_per_inhabitant"] == 0.0 and empty["eur_per_km2"] == 0.0
    assert all(empty[f"share_{t}"] == 0.0 for t in THEME_CODES)
    assert all(np.isnan(empty[f"lq_{t}"]) for t in THEME_CODES)  # no euros: undefined
    assert np.isnan(empty["diversity"])
    assert empty["rank"] == 3  # the five empty subregions share rank 3
    # a theme without euros anywhere in the MRA has no LQ, even where the area has euros
    assert np.isnan(table.loc["Amsterdam", "lq_health"])
    assert table.loc["Amsterdam", "share_health"] == 0.0


def test_outside_counted_separately(result: Comparison) -> None:
    assert result.outside.n_projects == 1
    assert result.outside.total_eur == 5e6
    assert result.mra["total_eur"] == 14e6
    assert "outside" in result.definitions
    text = format_comparison(result, "table")
    assert "Buiten de MRA: 1 project(en), € 5.000.000; niet meegeteld" in text


def test_definitions_travel_with_the_table(result: Comparison) -> None:
    defs = result.definitions
    assert "ln 8" in defs["diversity"] and "MRA euros" in defs["location_quotient"]
    assert result.level == "subregion"
    assert result.themes == tuple(THEME_CODES)


def test_municipality_and_novex_levels(fixture_analysis: Analysis) -> None:
    mun = compare(fixture_analysis, by="municipality")
    assert len(mun) == 30 and mun.loc["GM0034", "total_eur"] == 4e6  # Almere
    assert mun.loc["GM0995", "n_projects"] == 0  # Lelystad: a zero row, not missing
    assert mun["total_eur"].sum() == pytest.approx(14e6)
    nvx = compare(fixture_analysis, by="novex")
    assert list(nvx.index) == ["mra_verstedelijking", "nzkg", "schiphol"]
    assert nvx.loc["nzkg", "total_eur"] == 6e6
    assert nvx.loc["nzkg", "novex_share_nzkg"] == 1.0
    assert nvx.loc["mra_verstedelijking", "novex_share_nzkg"] == pytest.approx(6 / 14)


def test_theme_selection(fixture_analysis: Analysis) -> None:
    sel_result = compare_areas(fixture_analysis, themes=["Waterstof", "ai"])
    assert sel_result.themes == ("hydrogen", "ai")
    sel = sel_result.table
    assert "lq_hydrogen" in sel.columns and "lq_smart_mobility" not in sel.columns
    # shares, LQ and diversity still use all eight themes
    assert sel.loc["Amsterdam", "share_hydrogen"] == pytest.approx(0.6)
    assert sel.loc["Amsterdam", "diversity"] == pytest.approx(
        compare(fixture_analysis).loc["Amsterdam", "diversity"])


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"themes": ["kernfusie"]}, "Kies uit: health, hydrogen"),
    ({"by": "province"}, "Kies uit: subregion, municipality, novex"),
])
def test_bad_names_list_the_valid_ones(fixture_analysis: Analysis, kwargs: dict,
                                       fragment: str) -> None:
    with pytest.raises(UnknownNameError, match=fragment):
        compare(fixture_analysis, **kwargs)


def test_compare_accepts_projects_and_region(region: Region) -> None:
    table = compare(make_projects(FIXTURE), region)
    assert table.loc["Amsterdam", "total_eur"] == 10e6


def test_head_to_head(fixture_analysis: Analysis) -> None:
    pair = compare_two(fixture_analysis, "amsterdam", "Almere-Lelystad")
    h2h = pair.table
    assert list(h2h.columns) == ["Amsterdam", "Almere-Lelystad", "difference"]
    assert pair.level == "subregion" and (pair.a, pair.b) == ("Amsterdam", "Almere-Lelystad")
    assert h2h.loc["total_eur", "difference"] == 6e6
    assert h2h.loc["lq_hydrogen", "difference"] == pytest.approx(1.2 - 0.5)
    assert h2h.loc["eur_per_inhabitant", "difference"] == pytest.approx(
        10e6 / AMSTERDAM_POP - 4e6 / ALMERE_LELYSTAD_POP)
    assert pair.population_date["Almere-Lelystad"] == "2024-01-01"


def test_head_to_head_municipalities(fixture_analysis: Analysis) -> None:
    pair = compare_two(fixture_analysis, "Almere", "Lelystad")
    assert pair.level == "municipality" and (pair.a, pair.b) == ("GM0034", "GM0995")
    assert pair.table.loc["total_eur"].tolist() == [4e6, 0.0, 4e6]


@pytest.mark.parametrize(("a", "b", "lang", "fragment"), [
    ("Amsterdm", "IJmond", "nl", "Onbekend gebied 'Amsterdm'"),
    ("Amsterdam", "nzkg", "nl", "zijn geen gebieden van één soort"),
    ("Amsterdm", "IJmond", "en", "Unknown area 'Amsterdm'"),
    ("Amsterdam", "nzkg", "en", "not areas of one kind"),
])
def test_head_to_head_unknown(fixture_analysis: Analysis, a: str, b: str, lang: str,
                              fragment: str) -> None:
    with use_lang(lang), pytest.raises(UnknownNameError, match=fragment) as info:
        head_to_head(fixture_analysis, a, b)
    assert "Zuid-Kennemerland" in str(info.value) and "\n" not in str(info.value)


def test_head_to_head_same_area(fixture_analysis: Analysis) -> None:
    with pytest.raises(TransitiekaartError, match="twee verschillende gebieden"):
        head_to_head(fixture_analysis, "IJmond", "ijmond")
    with use_lang("en"), pytest.raises(TransitiekaartError, match="two different areas"):
        head_to_head(fixture_analysis, "IJmond", "ijmond")


# ---------------------------------------------------------------- formats parse back

def _parse_text_table(text: str) -> dict[str, list[list[str]]]:
    """Sections of the terminal table: {title: [header, *rows]}, split on the dash line."""
    out = {}
    for block in text.split("\n\n")[1:]:
        lines = block.split("\n")
        if len(lines) < 3 or not set(lines[2]) <= {"-", " "}:
            continue
        spans, pos = [], 0
        for dashes in lines[2].split("  "):
            spans.append((pos, pos + len(dashes)))
            pos += len(dashes) + 2
        out[lines[0]] = [[ln[a:b].strip() for a, b in spans] for ln in lines[1:2] + lines[3:]]
    return out


def _parse_md(text: str) -> dict[str, list[list[str]]]:
    out = {}
    for block in text.split("### ")[1:]:
        title, _, rest = block.partition("\n")
        rows = [ln.strip("| ").split(" | ") for ln in rest.split("\n") if ln.startswith("| ")]
        out[title] = rows
    return out


def _check_grids(result: Comparison, grids: dict[str, list[list[str]]], lang: str) -> int:
    checked = 0
    table = result.table
    by_name = table.reset_index().set_index("name")
    for title, cols, _ in sections(result, lang):
        rows = grids[title]
        assert len(rows) == len(table) + 2  # header, areas, MRA
        for row in rows[1:-1]:
            for col, cell in zip(cols, row[1:], strict=True):
                if col == "lisa":  # a cluster label in words
                    assert cell == format_value(col, by_name.loc[row[0], col], lang)
                    assert cell, (title, row[0])
                    checked += 1
                    continue
                want = float(by_name.loc[row[0], col])
                got = parse_value(cell, lang)
                if np.isnan(want):
                    assert np.isnan(got), (title, row[0], col)
                else:
                    assert got == pytest.approx(round_shown(col, want), abs=1e-9), (
                        title, row[0], col, cell)
                checked += 1
    return checked


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("by", ["subregion", "municipality", "novex"])
def test_table_and_markdown_parse_back(sample_analysis: Analysis, by: str, lang: str) -> None:
    result = compare_areas(sample_analysis, by=by)
    assert _check_grids(result, _parse_text_table(format_comparison(result, "table", lang)),
                        lang) > 100
    assert _check_grids(result, _parse_md(format_comparison(result, "md", lang)), lang) > 100


@pytest.mark.parametrize("by", ["subregion", "municipality", "novex"])
def test_csv_and_json_parse_back_exactly(sample_analysis: Analysis, by: str) -> None:
    result = compare_areas(sample_analysis, by=by)
    table = result.table
    csv = format_comparison(result, "csv-plain")
    assert csv.startswith("# Locatiequotiënt (LQ) = ")
    back = pd.read_csv(io.StringIO(csv), comment="#", index_col="key",
                       dtype={"population_date": str})
    back.index = back.index.astype(str)
    back["population_date"] = back["population_date"].fillna("")  # CSV: empty = missing
    pd.testing.assert_frame_equal(back, table, check_dtype=False, check_exact=False,
                                  rtol=1e-12, check_index_type=False)
    doc = json.loads(format_comparison(result, "json"))
    assert doc["level"] == by and "ln 8" in doc["definitions"]["diversity"]
    assert doc["outside"] == {"n_projects": 0, "total_eur": 0.0} and doc["has_samples"]
    back = pd.DataFrame(doc["areas"]).set_index("key")
    back.index.name = "key"
    pd.testing.assert_frame_equal(back.astype(table.dtypes.to_dict()), table,
                                  check_exact=False, rtol=1e-12)
    assert doc["mra"]["total_eur"] == result.mra["total_eur"]


@pytest.mark.parametrize("fmt", ["table", "md", "csv-plain", "json"])
def test_head_to_head_formats_parse_back(sample_analysis: Analysis, fmt: str) -> None:
    pair = compare_two(sample_analysis, "Amsterdam", "Almere-Lelystad")
    h2h = pair.table
    text = format_head_to_head(pair, fmt)
    if fmt == "json":
        doc = json.loads(text)
        got = pd.DataFrame(doc["figures"]).set_index("figure")[["a", "b", "difference"]]
        np.testing.assert_allclose(got.to_numpy(dtype=float), h2h.to_numpy(), rtol=1e-12)
        assert doc["a"]["population_date"] == "2024-01-01"
        return
    if fmt == "csv-plain":
        got = pd.read_csv(io.StringIO(text), comment="#", index_col="figure")
        np.testing.assert_allclose(got.to_numpy(), h2h.to_numpy(), rtol=1e-12)
        return
    rows = (_parse_md("### x\n" + text.split("\n\n", 1)[1])["x"] if fmt == "md"
            else next(iter(_parse_text_table("\n\nx\n" + text.split("\n\n")[1]).values())))
    assert rows[0] == ["Kengetal", "Amsterdam", "Almere-Lelystad", "Verschil"]
    assert len(rows) == len(h2h) + 1
    for row, (fig, values) in zip(rows[1:], h2h.iterrows(), strict=True):
        for cell, v in zip(row[1:], values, strict=True):
            assert parse_value(cell) == pytest.approx(round_shown(str(fig), v), abs=1e-9)


def test_empty_project_set_formats(region: Region) -> None:
    empty = gpd.GeoDataFrame({"id": [], "name": [], "theme": [], "amount_eur": []},
                             geometry=[], crs="EPSG:4326")
    result = compare_areas(analyse(empty, region))
    for fmt in ("table", "md", "csv-plain", "json"):
        assert "Alle projecten liggen in de MRA." in format_comparison(result, fmt)


# ---------------------------------------------------------------- CLI


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty directory with no register, so the samples are used."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSITIEKAART_REGISTER", raising=False)
    return tmp_path


def test_cli_default_table(in_tmp, capsys) -> None:
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DEELREGIO'S VERGELEKEN")
    assert "Almere-Lelystad                      16           € 127.900.000          € 412" in out
    assert "VOORBEELDDATA" in out
    assert ("CBS-bevolking, meestal op 1 januari 2024; voor 6 van de 30 gemeenten geldt een "
            "andere peildatum") in out


def test_cli_head_to_head(in_tmp, capsys) -> None:
    assert main(["compare", "--a", "Amsterdam", "--b", "Almere-Lelystad", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AMSTERDAM NEXT TO ALMERE-LELYSTAD")
    assert "Total investment (€)" in out and "€72,400,000" in out


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--a", "Amsterdm", "--b", "IJmond"], "Onbekend gebied 'Amsterdm' voor --a/--b. Kies "
                                           "twee deelregio's: Almere-Lelystad, "),
    (["--a", "Amsterdm", "--b", "IJmond", "--lang", "en"],
     "Unknown area 'Amsterdm' for --a/--b. Use two subregions: Almere-Lelystad, "),
    (["--theme", "kernfusie"], "'kernfusie'"),
    (["--a", "IJmond"], "Geef zowel --a als --b"),
    (["--a", "IJmond", "--lang", "en"], "Give both --a and --b"),
    (["--format", "html", "--maps", "total", "per_km2"], "verschillende eenheden"),
    (["--format", "html", "--maps", "hydrogen", "kernfusie"], "Onbekende kaart 'kernfusie'"),
    (["--format", "html", "--maps", "hydrogen", "kernfusie", "--lang", "en"],
     "Unknown map 'kernfusie'"),
    (["--format", "html", "--tiles", "OpenStreetMapp.Mapnikk"], "OpenStreetMapp.Mapnikk"),
])
def test_cli_errors_are_one_line(in_tmp, capsys, argv: list[str], fragment: str) -> None:
    assert main(["compare", *argv]) == 1
    err = capsys.readouterr().err
    prefix = "transitiekaart: error: " if "en" in argv else "transitiekaart: fout: "
    assert err.startswith(prefix) and fragment in err  # Dutch by default
    assert err.count("\n") == 1


def test_cli_csv_to_file(in_tmp, capsys) -> None:
    assert main(["compare", "--by", "municipality", "--theme", "hydrogen", "--format",
                 "csv-plain", "--out", "cmp.csv"]) == 0
    back = pd.read_csv(in_tmp / "cmp.csv", comment="#", index_col="key")
    assert len(back) == 30 and "lq_hydrogen" in back.columns and "lq_ai" not in back.columns
    assert "cmp.csv" in capsys.readouterr().out


def test_cli_html_default_path(in_tmp, capsys) -> None:
    assert main(["compare", "--format", "html"]) == 0
    page = (in_tmp / "output" / "compare.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "tk-map-right" in page
    out = capsys.readouterr().out
    assert out.startswith("Vergelijkingspagina geschreven naar ") and "compare.html" in out
    assert "7 deelregio's; 74 projecten in de MRA, samen € 543.480.000." in out
    assert "Gebied" not in out and len(out.splitlines()) <= 6  # a summary, not the tables


def test_cli_summary_counts_real_areas_and_area_wide_projects_apart(in_tmp, capsys) -> None:
    partner = Path(__file__).parent / "data" / "partner" / "excel_brochure_names.xlsx"
    for lang, areas, wide in (
            ("nl", "7 deelregio's;",
             "Daarnaast regiobreed (niet over deze gebieden verdeeld): 1 project(en), samen "
             "€ 2.500.000."),
            ("en", "7 subregions;",
             "Besides, area-wide (not spread over these areas): 1 project(s), €2,500,000 in all.")):
        assert main(["compare", "--format", "xlsx", "--projects", str(partner),
                     "--out", f"c_{lang}.xlsx", "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert areas in out and "8 " + areas[2:] not in out, out  # MRA-wide: no subregion
        assert wide in out, out


def test_cli_projects_file(in_tmp, capsys) -> None:
    path = in_tmp / "one-off.geojson"
    path.write_text(make_projects(FIXTURE).to_json(), encoding="utf-8")
    assert main(["compare", "--projects", str(path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["mra"]["total_eur"] == 14e6 and doc["outside"]["n_projects"] == 1
    assert not doc["has_samples"]


def test_cli_head_to_head_page(in_tmp, capsys) -> None:
    assert main(["compare", "--a", "Haarlem", "--b", "Zaanstad", "--format", "html",
                 "--out", "h2h.html", "--maps", "lq:hydrogen", "lq:ai"]) == 0
    page = (in_tmp / "h2h.html").read_text(encoding="utf-8")
    assert "<h2>Haarlem naast Zaanstad</h2>" in page and "Gemeenten vergeleken" in page
    assert "projecten: fictieve voorbeelddata" in page
    out = capsys.readouterr().out
    assert out.startswith("Vergelijkingspagina geschreven naar ")
    assert "Naast elkaar: Haarlem en Zaanstad." in out
    assert "Kengetal" not in out  # the page holds the tables, not the terminal


def test_head_to_head_novex(sample_analysis: Analysis) -> None:
    h2h = head_to_head(sample_analysis, "nzkg", "Regio Schiphol", by="novex")
    assert h2h.loc["total_eur", "difference"] == pytest.approx(206.45e6 - 65.93e6)


def test_cli_help_tells_the_truth(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "compare", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "one-off map" not in text
    assert "--a AREA head to head: first area, a subregion, municipality or NOVEX area" in text
    for option in ("--tiles", "--format {table,csv,csv-plain,md,json,html,xlsx}", "--assets"):
        assert option in text


def test_cli_follows_the_environment_language(in_tmp, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    assert main(["compare", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("## Subregions compared")
    assert main(["compare", "--a", "IJmond"]) == 1
    assert "Give both --a and --b" in capsys.readouterr().err
    assert main(["compare", "--lang", "nl", "--format", "md"]) == 0  # the option wins
    assert capsys.readouterr().out.startswith("## Deelregio's vergeleken")


def test_population_note_names_the_date_column_only_where_it_is_shown(in_tmp, capsys) -> None:
    assert main(["compare"]) == 0
    table = capsys.readouterr().out
    assert "Peildatum" not in table.split("Per inwoner: CBS-bevolking")[1]
    assert "geldt een andere peildatum." in table  # the sample's dates differ
    assert "De peildatum per gebied staat in --format csv, xlsx en html." in table
    assert main(["compare", "--format", "md", "--lang", "en"]) == 0
    md = capsys.readouterr().out
    assert "see the column" not in md.lower()
    assert "Each area's reference date is in --format csv, xlsx and html." in md
    assert main(["compare", "--format", "csv-plain"]) == 0
    csv_text = capsys.readouterr().out
    assert "Zie de kolom population_date." in csv_text
    assert "population_date" in csv_text.split("\n# ")[-1].splitlines()[1]  # the header
    assert main(["compare", "--format", "html", "--tiles", "none"]) == 0
    page = (in_tmp / "output" / "compare.html").read_text(encoding="utf-8")
    assert "Zie de kolom Peildatum." in page and ">Peildatum</th>" in page


@pytest.mark.parametrize(("lang", "prefix"), [("nl", "\u2212€ "), ("en", "\u2212€")])
def test_negative_differences_read_and_parse_back(sample_analysis: Analysis, lang: str,
                                                  prefix: str) -> None:
    pair = compare_two(sample_analysis, "Almere-Lelystad", "Amsterdam")
    diff = pair.table.iloc[:, 2]
    assert diff["total_eur"] < 0  # Amsterdam has more: a negative difference to show
    text = format_head_to_head(pair, "table", lang)
    label = column_label("total_eur", lang, pair.comparison)
    line = next(x for x in text.splitlines() if x.startswith(label))
    cell = line.rstrip().rsplit("  ", 1)[-1].strip()
    assert cell.startswith(prefix) and "-" not in cell, cell
    assert parse_value(cell, lang) == pytest.approx(round(diff["total_eur"]), abs=1e-9)
