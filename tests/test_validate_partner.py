"""Partners' real files: Excel, the agenda's theme names, Dutch amounts, places without coordinates.

The corpus in tests/data/partner is written by its generator (_make_partner.py,
run here into a temporary folder too, so the files on disk match it); its
hand-computed totals per subregion are checked against ``geo``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import Point

from geo import analyse, compare
from geo.register import add_to_register, read_register
from geo.themes import THEME_CODES, match_theme, normalise_theme, theme_names
from geo.validate import header_unit, likely_register_duplicates, parse_amount, validate_file
from geo.validate.fields import ALIASES, field_of
from geo.validate.status import STATUS_LABELS, read_status
from layers import load_region
from layers.lang import format_eur, format_number, use_lang
from mapbuilder.cli import main
from tests.data.partner import _make_partner as corpus
from tests.test_register import _add_cmd, _env, _ids, kill_add_mid_write

PARTNER = Path(__file__).parent / "data" / "partner"
SEED = Path(__file__).parent / "data" / "agenda" / "README.md"  # copied from the seed, see there


@pytest.fixture(scope="module")
def region():  # type: ignore[no-untyped-def]
    return load_region()


# ------------------------------------------------------------------ themes
AGENDA_NAMES = [
    ("gezondheidsbevordering en preventie", "health"), ("Gezondheid en preventie", "health"),
    ("Gezondheidsbevordering & preventie", "health"), ("waterstof", "hydrogen"),
    ("Waterstof (H2)", "hydrogen"), ("slimme elektriciteit", "smart_energy"),
    ("Slimme energiesystemen", "smart_energy"), ("circulaire bouw", "circular_construction"),
    ("biobased en modulair bouwen", "circular_construction"),
    ("Biobased en modulair bouwen", "circular_construction"),
    ("slimme mobiliteit", "smart_mobility"), ("veilig data delen", "data_sharing"),
    ("Veilig datadelen", "data_sharing"), ("artificial intelligence (AI)", "ai"),
    ("Artificial intelligence", "ai"), ("Kunstmatige Intelligentie (KI)", "ai"),
    ("duurzame digitale infrastructuur", "digital_infra"),
]


@pytest.mark.parametrize(("name", "code"), AGENDA_NAMES)
def test_every_agenda_name_is_accepted(name: str, code: str) -> None:
    assert normalise_theme(name) == code


def test_the_seed_lists_only_names_we_accept() -> None:
    import re

    names = SEED.read_text(encoding="utf-8").split("The names it gives the themes", 1)[1]
    quoted = re.findall(r'"([^"]+)"', names)
    assert len(quoted) == 13  # the names listed in tests/data/agenda/README.md
    assert [q for q in quoted if normalise_theme(q) is None] == []


@pytest.mark.parametrize("code", THEME_CODES)
def test_every_label_and_synonym_maps_to_its_own_theme(code: str) -> None:
    for name in theme_names(code):
        assert normalise_theme(name) == code, name
        assert match_theme(name).candidates == ()


def test_no_name_maps_to_two_themes() -> None:
    owners: dict[str, set[str]] = {}
    for code in THEME_CODES:
        for name in theme_names(code):
            owners.setdefault(name.casefold(), set()).add(code)
    assert {n: c for n, c in owners.items() if len(c) > 1} == {}


@given(code=st.sampled_from(THEME_CODES), data=st.data(),
       case=st.sampled_from([str.lower, str.upper, str.title, str]),
       extra=st.sampled_from(["", " (x)", "  ", " & ", "-"]))
@settings(max_examples=300, deadline=None)
def test_names_survive_case_brackets_and_spacing(code: str, data: st.DataObject, case,
                                                 extra: str) -> None:
    name = data.draw(st.sampled_from(theme_names(code)))
    variant = case(name) + (extra if extra.strip() not in ("&", "-") else "")
    assert normalise_theme(variant) == code


def test_two_themes_in_one_name_are_refused_naming_both() -> None:
    assert match_theme("Waterstof en AI").candidates == ("hydrogen", "ai")
    assert normalise_theme("Waterstof en AI") is None
    assert set(match_theme("slimme").candidates) == {"smart_energy", "smart_mobility"}


def test_near_miss_gets_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;lon;lat\nX;Mobilitiet slim;4.9;52.37\n", encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    text = report.to_text()
    assert not report.ok and "Did you mean" in text and "smart_mobility" in text
    path.write_text("naam;thema;lon;lat\nX;Waterstof en AI;4.9;52.37\n", encoding="utf-8")
    with use_lang("nl"):
        text = validate_file(path).to_text()
    assert "past bij meer dan één thema" in text and "hydrogen" in text and "(ai)" in text


# ------------------------------------------------------------------ amounts
@pytest.mark.parametrize(("text", "expected"), [
    ("€ 750.000", 750_000), ("€ 2.500.000,-", 2_500_000), ("2,5 mln", 2_500_000),
    ("2,5 miljoen", 2_500_000), ("1,2 mld", 1_200_000_000), ("2.5M", 2_500_000),
    ("€ 2,5 mln", 2_500_000), ("2500000", 2_500_000), (2500000, 2_500_000),
    ("€1,250,000.50", 1_250_000.5), ("EUR 3.000.000", 3_000_000), ("300k", 300_000),
])
def test_dutch_and_english_amounts(text: object, expected: float) -> None:
    assert parse_amount(text) == (expected, None)


@pytest.mark.parametrize(("header", "factor"), [
    ("Bedrag (€)", 1), ("bedrag_eur", 1), ("Bedrag (x € 1.000)", 1_000),
    ("Bedrag (mln)", 1_000_000), ("amount_meur", 1_000_000), ("BEDRAG  (MLN)", 1_000_000),
])
def test_unit_headers(header: str, factor: float, tmp_path: Path) -> None:
    found = header_unit(header)
    assert found is not None and found[0] == factor
    assert field_of(header) == "amount_eur"
    path = tmp_path / "p.csv"
    path.write_text(f"naam;thema;{header};lon;lat\nX;ai;2,5;4.9;52.37\n", encoding="utf-8")
    report = validate_file(path)
    assert report.ok, report.to_text()
    assert report.projects["amount_eur"].iloc[0] == pytest.approx(2.5 * factor)


notation = st.sampled_from(["plain", "eur_nl", "eur_nl_dash", "eur_en", "nl_decimal",
                            "mln_nl", "mln_en", "M", "miljoen"])


@given(euros=st.integers(min_value=1_000, max_value=900_000_000_000), how=notation)
@settings(max_examples=400, deadline=None)
def test_format_then_parse_gives_the_amount_back(euros: int, how: str) -> None:
    if how in ("mln_nl", "mln_en", "M", "miljoen"):
        euros = euros // 10_000 * 10_000 or 10_000  # two decimals of a million
        mln = euros / 1e6
        text = {"mln_nl": f"{format_number(mln, 2, 'nl')} mln",
                "mln_en": f"{format_number(mln, 2, 'en')} mln",
                "M": f"{format_number(mln, 2, 'en').replace(',', '')}M",
                "miljoen": f"€ {format_number(mln, 2, 'nl')} miljoen"}[how]
    else:
        text = {"plain": str(euros), "eur_nl": format_eur(euros, "nl"),
                "eur_nl_dash": format_eur(euros, "nl") + ",-",
                "eur_en": format_eur(euros, "en"),
                "nl_decimal": format_number(euros + 0.5, 2, "nl")}[how]
        if how == "nl_decimal":
            euros += 0.5  # type: ignore[assignment]
    value, why = parse_amount(text)
    assert why is None, (text, why)
    assert value == pytest.approx(euros, rel=1e-12), text


def test_small_amount_gets_a_note_and_messages_use_the_run_notation(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;bedrag;lon;lat\nX;ai;1,25;4.9;52.37\n", encoding="utf-8")
    with use_lang("nl"):
        report = validate_file(path)
    assert report.ok
    [note] = [p for p in report.notes if p.code == "small_amount"]
    assert "€ 1,25" in note.message and "miljoenen" in note.message
    path.write_text("naam;thema;bedrag;lon;lat\nX;ai;1.250;4.9;52.37\n", encoding="utf-8")
    with use_lang("en"):  # Dutch Excel's ';' and a Dutch header settle it (issue 20)
        assert validate_file(path).projects["amount_eur"].tolist() == [1250]
    # an English header: "1.250" is 1.25 in English, but euro amounts have no third
    # decimal, so it stays an error with both readings
    path.write_text("name,theme,amount,lon,lat\nX,ai,1.250,4.9,52.37\n", encoding="utf-8")
    with use_lang("nl"):
        nl = validate_file(path).errors[0].message
    with use_lang("en"):
        en = validate_file(path).errors[0].message
    assert "1.250 met '.'" in nl and "1,25 met" in nl
    assert "1,250 with '.'" in en and "1.25 with" in en


# ------------------------------------------------------------------ columns
def test_every_field_name_survives_a_shapefile_cut() -> None:
    for f, aliases in ALIASES.items():
        for alias in aliases:
            assert field_of(alias) == f
            assert field_of(alias.upper()) == f
            cut = field_of(alias[:10])
            assert cut in (f, None), (alias, cut)
            if alias in ("omschrijving", "organisatie", "description", "organisation",
                         "startjaar", "projectnaam", "investering", "gemeentenaam"):
                assert cut == f, alias


def test_truncated_shapefile_is_read(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"projectnaa": ["Laadplein"], "thema": ["Slimme mobiliteit"],
                            "omschrijvi": ["Twaalf laadpunten"], "organisati": ["Zaanstad"],
                            "bedrag_eur": [400000]},
                           geometry=[Point(4.827, 52.438)], crs="EPSG:4326")
    gdf.to_file(tmp_path / "p.shp", engine="pyogrio")
    report = validate_file(tmp_path / "p.shp")
    assert report.ok, report.to_text()
    row = report.projects.iloc[0]
    assert (row["name"], row["description"], row["organisation"]) == \
        ("Laadplein", "Twaalf laadpunten", "Zaanstad")
    assert not [p for p in report.notes if p.code == "unknown_columns"]


def test_unrecognised_amount_column_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;Totale kosten;lon;lat\nX;ai;5000;4.9;52.37\n",
                    encoding="utf-8")
    report = validate_file(path)
    assert not report.ok
    [err] = [p for p in report.errors if p.code == "column_lookalike"]
    assert err.value == "Totale kosten" and "bedrag" in err.hint
    assert len(report.errors) == 1  # one error for the column, not one per row


# ------------------------------------------------------------------ formats
def test_the_corpus_on_disk_is_what_the_generator_writes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(corpus, "HERE", tmp_path)
    corpus.write()
    for f in tmp_path.iterdir():
        if f.suffix != ".xlsx":  # xlsx holds a timestamp: compare its cells instead
            assert f.read_bytes() == (PARTNER / f.name).read_bytes(), f.name
    cells = [list(r) for r in openpyxl.load_workbook(
        PARTNER / "excel_brochure_names.xlsx").active.iter_rows(values_only=True)]
    assert cells == corpus.EXCEL_ROWS


@pytest.mark.parametrize(("name", "totals", "note"), [
    ("excel_brochure_names.xlsx", corpus.EXCEL_TOTALS, None),
    ("cp1252_excel.csv", corpus.CP1252_TOTALS, "Windows-1252"),
    ("bom_notepad.geojson", corpus.BOM_TOTALS, "BOM"),
    ("polygons_border.geojson", {"IJmond": 5_000_000, "MRA": 5_000_000}, "outside the MRA"),
])
def test_partner_files_give_the_hand_computed_totals(name: str, totals: dict[str, float],
                                                     note: str | None, region) -> None:
    with use_lang("en"):
        report = validate_file(PARTNER / name)
    assert report.ok, report.to_text()
    assert len(report.projects) == report.n_features  # nothing dropped
    if note:
        assert note in report.to_text()
    a = analyse(report.projects, region)
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in totals.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == totals["MRA"]


def test_polygon_mostly_in_velsen_counts_in_ijmond(region) -> None:
    report = validate_file(PARTNER / "polygons_border.geojson")
    shape = report.projects.set_index("id").loc[["poly-velsen"]].geometry
    velsen = region.municipalities.set_index("name").loc["Velsen", "geometry"]
    metric = shape.to_crs(28992)
    share = metric.intersection(gpd.GeoSeries([velsen], crs=4326, index=shape.index)
                                .to_crs(28992)).area / metric.area
    assert share.iloc[0] == pytest.approx(0.79, abs=0.01)
    interior = metric.representative_point().to_crs(4326).iloc[0]
    assert not region.municipalities.union_all().contains(interior)  # one point: at sea
    a = analyse(report.projects, region).projects.set_index("id")
    assert a.loc["poly-velsen", "municipality"] == "Velsen" and a.loc["poly-velsen", "in_mra"]
    assert region.municipalities.set_index("name").loc["Velsen", "geometry"].contains(
        a.loc["poly-velsen", "point"])
    assert not a.loc["poly-sea", "in_mra"]  # a line 84 % at sea
    outside = [p.id for p in report.notes if p.code == "outside_mra"]
    assert outside == ["poly-sea"]


def test_unknown_extension_lists_supported_formats(tmp_path: Path) -> None:
    path = tmp_path / "projecten.ods"
    path.write_bytes(b"PK\x03\x04 opendocument")
    with use_lang("en"):
        report = validate_file(path)
    assert report.exit_code == 2 and ".xlsx" in report.to_text() and ".csv" in report.to_text()


def test_xlsx_named_geojson_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "projecten.geojson"
    path.write_bytes((PARTNER / "excel_brochure_names.xlsx").read_bytes())
    with use_lang("en"):
        text = validate_file(path).to_text()
    assert "Excel workbook" in text and ".xlsx" in text


def test_sheet_option(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Leeg"
    wb.active.append(["notities"])
    ws = wb.create_sheet("Projecten")
    ws.append(["naam", "thema", "gemeente"])
    ws.append(["Zonnedaken", "Slimme energie", "Purmerend"])
    wb.save(tmp_path / "p.xlsx")
    assert validate_file(tmp_path / "p.xlsx", sheet="Projecten").ok
    with use_lang("en"):
        first = validate_file(tmp_path / "p.xlsx")
    assert not first.ok and "another sheet ('Projecten')" in first.to_text()
    with use_lang("en"):
        assert "has no sheet 'Nope'" in validate_file(tmp_path / "p.xlsx", sheet="Nope").to_text()


def _no_location_files(tmp_path: Path) -> list[Path]:
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "X", "theme": "ai"}, "geometry": None}]}
    (tmp_path / "a.geojson").write_text(json.dumps(fc))
    (tmp_path / "b.csv").write_text("name,theme,lon,lat\nX,ai,,\n")
    wb = openpyxl.Workbook()
    wb.active.append(["name", "theme", "lon", "lat"])
    wb.active.append(["X", "ai", None, None])
    wb.save(tmp_path / "c.xlsx")
    gdf = gpd.GeoDataFrame({"name": ["X", "Y"], "theme": ["ai", "ai"]},
                           geometry=[None, Point(4.9, 52.37)], crs="EPSG:4326")
    gdf.to_file(tmp_path / "d.gpkg", engine="pyogrio")
    return [tmp_path / n for n in ("a.geojson", "b.csv", "c.xlsx", "d.gpkg")]


def test_feature_without_location_same_message_in_every_format(tmp_path: Path) -> None:
    messages = set()
    for path in _no_location_files(tmp_path):
        with use_lang("en"):
            report = validate_file(path)
        [err] = report.errors
        assert err.feature == 1 and err.code == "no_location", path
        messages.add(err.message)
    assert messages == {"has no location: no geometry or coordinates, and no municipality "
                        "or area."}


# ------------------------------------------------------------------ places
@pytest.mark.parametrize("written", ["Gooise Meren", "gooise meren", "GM1942",
                                     "Gemeente Gooise Meren", "  GOOISE  MEREN "])
def test_municipality_spellings(written: str, tmp_path: Path, region) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f"naam;thema;bedrag;gemeente\nX;ai;€ 1.000.000;{written}\n",
                    encoding="utf-8")
    report = validate_file(path)
    assert report.ok, report.to_text()
    a = analyse(report.projects, region)
    row = a.projects.iloc[0]
    assert (row["place"], row["municipality_code"], row["subregion"]) == \
        ("municipality", "GM1942", "Gooi en Vechtstreek")
    assert a.municipalities.loc["GM1942", "total_eur"] == 1_000_000
    assert region.municipalities.set_index("code").loc["GM1942", "geometry"].contains(
        row["point"])


def test_area_wide_projects_count_only_in_their_area(tmp_path: Path, region) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;bedrag;deelregio\nA;ai;1000000;MRA-breed\n"
                    "B;ai;2000000;IJmond\nC;ai;4000000;regio\n", encoding="utf-8")
    report = validate_file(path)
    assert report.ok, report.to_text()
    a = analyse(report.projects, region)
    assert list(a.projects["place"]) == ["mra", "subregion", "mra"]
    assert a.municipalities["total_eur"].sum() == 0  # never spread over municipalities
    assert a.subregions["total_eur"].to_dict()["IJmond"] == 2_000_000
    assert a.subregions["total_eur"].sum() == 2_000_000
    assert a.mra["total_eur"].iloc[0] == 7_000_000
    # the MRA and IJmond lie wholly in the MRA urbanisation area, partly in the canal area
    assert a.novex["total_eur"].to_dict() == {"mra_verstedelijking": 7_000_000, "nzkg": 0,
                                              "schiphol": 0}
    by_sub = compare(a, by="subregion")
    assert by_sub.loc["area-wide", "total_eur"] == 5_000_000
    assert by_sub.loc["area-wide", "n_projects"] == 2
    by_mun = compare(a, by="municipality")
    assert by_mun.loc["area-wide", "total_eur"] == 7_000_000


def test_address_without_coordinates_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;adres\nX;ai;Stationsplein 1\n", encoding="utf-8")
    with use_lang("en"):
        [err] = validate_file(path).errors
    assert err.code == "address_only" and "does not look up addresses" in err.message


def test_unknown_municipality_gets_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;gemeente\nX;ai;Haarlemermeer\n", encoding="utf-8")
    with use_lang("en"):
        [err] = validate_file(path).errors
    assert "Did you mean 'Haarlemmermeer'" in err.message


def test_area_wide_projects_survive_the_register(tmp_path: Path, region) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [PARTNER / "excel_brochure_names.xlsx"])
    doc = json.loads(reg.read_text(encoding="utf-8"))
    nulls = [f["properties"] for f in doc["features"] if f["geometry"] is None]
    assert {(p["place"], p["place_area"]) for p in nulls} >= {
        ("mra", "MRA"), ("subregion", "IJmond"), ("municipality", "GM1942")}
    again = read_register(reg)
    assert analyse(again, region).mra["total_eur"].iloc[0] == corpus.EXCEL_TOTALS["MRA"]
    summary = add_to_register(reg, [PARTNER / "excel_brochure_names.xlsx"])
    assert len(summary.unchanged) == 6 and not summary.added  # read back identically


# ------------------------------------------------------------------ notes and duplicates
def test_200_rows_without_ids_give_a_few_lines(tmp_path: Path) -> None:
    rows = "\n".join(f"Project {i};ai;4.{800000 + i};52.37" for i in range(200))
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;lon;lat\n" + rows + "\n", encoding="utf-8")
    report = validate_file(path)
    assert report.ok and len(report.notes) == 1  # a fact of the file: none has an id
    assert len(report.to_text().splitlines()) == 2
    assert len(report.to_text(verbose=True).splitlines()) == 2
    # one id given: the 199 others are listed by --verbose, one line each
    path.write_text("id;naam;thema;lon;lat\nA-1;" + rows.replace("\n", "\n;") + "\n",
                    encoding="utf-8")
    report = validate_file(path)
    assert report.ok and len(report.notes) == 199
    assert len(report.to_text().splitlines()) <= 3
    assert len(report.to_text(verbose=True).splitlines()) == 200


def test_renamed_project_without_id_is_flagged_against_the_register(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("naam;thema;bedrag;lon;lat\nLaadplein;ai;1200000;4.8270;52.4380\n")
    b.write_text("naam;thema;bedrag;lon;lat\nLaadplein Centrum;ai;1200000;4.8271;52.4381\n")
    add_to_register(reg, [a])
    [old_id] = list(read_register(reg)["id"])
    report = validate_file(b)
    notes = likely_register_duplicates(report.projects, report.derived_ids,
                                       read_register(reg))
    assert len(notes) == 1 and old_id in notes[0].message and "--update" in notes[0].hint


def test_add_prints_the_duplicate_note(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "nl")
    reg = tmp_path / "projects.geojson"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("naam;thema;organisatie;lon;lat\nHub;ai;TNO;4.8270;52.4380\n")
    b.write_text("naam;thema;organisatie;lon;lat\nHub 2;ai;tno;4.8270;52.4381\n")
    assert main(["add", str(a), "--register", str(reg)]) == 0
    capsys.readouterr()
    # a likely copy of a register project is refused (issue 20) ...
    assert main(["add", str(b), "--register", str(reg)]) == 1
    err = capsys.readouterr().err
    assert "dezelfde organisatie" in err and "--update" in err and "--allow-duplicates" in err
    assert len(read_register(reg)) == 1
    # ... unless the user says it is another project
    assert main(["add", str(b), "--register", str(reg), "--allow-duplicates"]) == 0
    out = capsys.readouterr().out
    assert "dezelfde organisatie" in out and len(read_register(reg)) == 2


# ------------------------------------------------------------------ template
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "geojson"])
def test_template_validates_without_errors(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"t.{fmt}"
    assert main(["template", "--format", fmt, "--out", str(out)]) == 0
    report = validate_file(out)
    # the example row as written is skipped with a note (issue 20): it adds nothing
    assert report.ok and not report.errors and len(report.projects) == 0, report.to_text()
    [note] = report.notes
    assert note.code == "template_example" and note.id == "VB-001"
    # filled in (the example's name replaced), the same row is a project
    text = out.read_bytes() if fmt != "xlsx" else None
    if text is not None:
        out.write_bytes(text.replace(b"Voorbeeld: waterstoftankstation",
                                     b"Waterstoftankstation"))
    else:
        book = openpyxl.load_workbook(out)
        book.active["B2"] = "Waterstoftankstation Haarlem"
        book.save(out)
    report = validate_file(out)
    assert report.ok and not report.errors and len(report.projects) == 1, report.to_text()
    assert report.projects["amount_eur"].iloc[0] == 2_500_000


def test_xlsx_template_has_lists_and_an_explanation(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Projecten", "Lijsten", "Uitleg"]
    lists = wb["Lijsten"]
    themes = [c.value for c in lists["A"] if c.value]
    assert len(themes) == 8 and all(normalise_theme(t) for t in themes)
    assert len([c.value for c in lists["C"] if c.value]) == 30
    formulas = {dv.formula1 for dv in wb["Projecten"].data_validations.dataValidation}
    statuses = [c.value for c in lists["B"] if c.value]
    assert [read_status(s) for s in statuses] == [(c, None) for c in STATUS_LABELS]
    assert formulas == {"=Lijsten!$A$1:$A$8", f"=Lijsten!$B$1:$B${len(statuses)}",
                        "=Lijsten!$C$1:$C$30"}
    explained = {r[0] for r in wb["Uitleg"].iter_rows(values_only=True) if r[0]}
    assert {c.value for c in wb["Projecten"][1]} <= explained
    assert main(["template", "--out", str(out)]) == 1  # never overwrites without --force


# ------------------------------------------------------------------ fast path
@pytest.mark.parametrize("with_ids", [0, 3])  # none; every third project has one
def test_fast_path_covers_partner_style_geojson(tmp_path: Path, with_ids: int) -> None:
    import copy

    import geo.validate.checks as gvc
    import geo.validate.fast as gvf
    from geo.validate.reading import geojson_features, parse_geojson

    feats = [{"type": "Feature", "properties": {
        "naam": f"Project {i}", "thema": ["Waterstof", "Slimme mobiliteit"][i % 2],
        "bedrag": 250_000 * (i + 1), "startjaar": 2024 + i % 3},
        "geometry": {"type": "Point", "coordinates": [4.8 + i / 1000, 52.37]}}
        for i in range(300)]
    for i in range(0, 300, with_ids) if with_ids else ():
        feats[i]["properties"]["id"] = f"P-{i}"
    doc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {
        "name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, "features": feats}
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps(doc))
    parsed = parse_geojson(path, None)
    fast = gvf.fast_check(path, copy.deepcopy(parsed), None)
    assert fast is not None
    slow = gvc._check(path, geojson_features(parsed), None)
    from geopandas.testing import assert_geodataframe_equal

    assert_geodataframe_equal(fast.projects, slow.projects)
    assert [p.to_dict() for p in fast.problems] == [p.to_dict() for p in slow.problems]
    assert fast.derived_ids == slow.derived_ids
    assert len(fast.derived_ids) == (200 if with_ids else 300)
    notes = [p for p in fast.problems if p.code == "derived_id"]
    assert len(notes) == (200 if with_ids else 1)


# ------------------------------------------------------------------ crash safety
def _xlsx(path: Path, rows: list[tuple[str, str, str, float, float]]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["id", "naam", "thema", "lon", "lat"])
    for r in rows:
        wb.active.append(list(r))
    wb.save(path)
    return path


@pytest.mark.slow
def test_xlsx_two_adds_at_once_keep_both(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    a = _xlsx(tmp_path / "a.xlsx", [("a1", "Project A", "AI", 4.9, 52.37)])
    b = _xlsx(tmp_path / "b.xlsx", [("b1", "Project B", "Waterstof (H2)", 4.8, 52.4)])
    env = _env(TRANSITIEKAART_TEST_SLOW_WRITE="1")
    procs = [subprocess.Popen(_add_cmd(reg, f), env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _ids(reg) == {"a1", "b1"}


def test_xlsx_sigkill_mid_write_leaves_old_version(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [_xlsx(tmp_path / "a.xlsx", [("a1", "A", "AI", 4.9, 52.37)])])
    old = reg.read_bytes()
    b = _xlsx(tmp_path / "b.xlsx", [("b1", "B", "Waterstof", 4.8, 52.4)])
    assert kill_add_mid_write(reg, b, tmp_path) == -signal.SIGKILL
    assert reg.read_bytes() == old and _ids(reg) == {"a1"}
    add_to_register(reg, [b])
    assert _ids(reg) == {"a1", "b1"}


# ------------------------------------------------------------------ language
_CORPUS = sorted(p for d in ("bad", "good", "partner") for p in (PARTNER.parent / d).iterdir()
                 if p.suffix not in (".py", ".json", ".dbf", ".shx") or p.name == "json_array.json")
_ENGLISH = re.compile(r"\b(the|must|Give|Fix|feature|is not|could not|cannot|received|"
                      r"ERROR|NOTE)\b")


@pytest.mark.parametrize("path", _CORPUS, ids=lambda p: p.name)
def test_every_message_is_dutch_by_default_and_english_with_en(path: Path) -> None:
    with use_lang("nl"):
        report = validate_file(path)
        nl = [p.to_text() for p in report.problems]
    with use_lang("en"):
        en = [p.to_text() for p in validate_file(path).problems]
    assert len(nl) == len(en)
    for a, b in zip(nl, en, strict=True):
        # the value received and quoted file text are the user's own words
        a_own = re.sub(r"\((ontvangen|received): .*?\)(?= Oplossing|$)|'[^']*'|\"[^\"]*\"|"
                       r"\([^)]*Error[^)]*\)|\{.*\}", "", a)
        assert not _ENGLISH.search(a_own), a
        assert _ENGLISH.search(b), b  # the pattern does catch English
        assert a != b


@pytest.mark.parametrize(("data", "what"), [
    (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip"),
    ("naam;thema\nX;ai\n".encode("utf-16"), "UTF-16"),
    (b"PK\x03\x04" + b"\x00" * 26 + b"xl/workbook.xml", "Excel"),
])
def test_containers_are_named_for_what_they_are(data: bytes, what: str, tmp_path: Path) -> None:
    for name in ("p.geojson", "p.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        with use_lang("en"):
            report = validate_file(path)
        assert report.exit_code == 2 and what in report.to_text(), report.to_text()


def test_build_summary_lists_area_wide_projects(region) -> None:
    from mapbuilder.cli.summary import summary_table

    report = validate_file(PARTNER / "excel_brochure_names.xlsx")
    a = analyse(report.projects, region)
    nl, en = summary_table(a, "nl"), summary_table(a, "en")
    assert "Regiobreed" in nl and "Datadeelplatform MRA (MRA, € 2.500.000)" in nl
    assert "AI-lab IJmond (IJmond, €2,500,000)" in en
    assert "Placed in a municipality" in en and ": 4." in en


def test_area_totals_nest_without_spreading(region) -> None:
    from geo import area_stats

    report = validate_file(PARTNER / "excel_brochure_names.xlsx")
    a = analyse(report.projects, region).projects
    mun = area_stats(a, region, "municipality")
    sub = area_stats(a, region, "subregion")
    mra = area_stats(a, region, "mra")
    # IJmond: Velsen's project (municipality) plus the IJmond-wide one
    ijmond = mun.loc[mun["subregion"] == "IJmond", "total_eur"].sum()
    assert ijmond == 2_500_000 and sub.loc["IJmond", "total_eur"] == 5_000_000
    assert mra.loc["MRA", "total_eur"] == sub["total_eur"].sum() + 2_500_000  # MRA-wide
    assert mun["n_projects"].sum() == 4 and sub["n_projects"].sum() == 5


def test_municipality_code_not_in_the_boundaries_is_not_drawn_anywhere(region) -> None:
    gdf = gpd.GeoDataFrame({"id": ["a", "b"], "name": ["A", "B"], "theme": ["ai", "ai"],
                            "place": ["municipality", "municipality"],
                            "place_area": ["GM9999", "GM0363"]},
                           geometry=[None, None], crs="EPSG:4326")
    a = analyse(gdf, region).projects.set_index("id")
    assert not a.loc["a", "in_mra"] and a.loc["a", "point"] is None
    assert a.loc["b", "in_mra"] and a.loc["b", "municipality"] == "Amsterdam"


def test_english_place_column_naming_the_town(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,theme,place\nX,ai,Zaanstad\n", encoding="utf-8")
    report = validate_file(path)
    assert report.ok and report.projects["place_area"].iloc[0] == "GM0479"


def test_file_without_extension_is_read_when_it_is_json(tmp_path: Path) -> None:
    path = tmp_path / "register"
    path.write_bytes((PARTNER / "polygons_border.geojson").read_bytes())
    assert validate_file(path).ok
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with use_lang("en"):
        text = validate_file(fifo).to_text()
    assert "named pipe" in text


def test_missing_name_column_is_one_error_not_one_per_row(tmp_path: Path) -> None:
    rows = "\n".join(f"ai;4.{800000 + i};52.37" for i in range(200))
    path = tmp_path / "p.csv"
    path.write_text("thema;lon;lat\n" + rows + "\n", encoding="utf-8")
    report = validate_file(path)
    assert [p.field for p in report.errors] == ["name"] and report.errors[0].feature is None
