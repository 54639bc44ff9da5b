"""A new user's files: corrected coordinates, contradicting columns, Google-style
coordinates, a Word file named .xlsx, and the wording of the notes.

The files are written here with openpyxl (as a partner's Excel would be) and
read by the real validator, register and command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from geo.register import add_to_register, read_register
from geo.validate import likely_register_duplicates, validate_file
from layers.lang import use_lang
from mapbuilder.cli import main

HEADER = ("Projectnaam", "Thema", "Bedrag", "Gemeente", "Status", "Organisatie", "Lat", "Lon")


def _xlsx(path: Path, rows: list[tuple[Any, ...]], header: tuple[str, ...] = HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


# ------------------------------------------------------------------ 1. corrected location
ELEKTROLYSER = ("Elektrolyser IJmuiden", "Waterstof (H2)", "1,2 mld", "Velsen", "gepland",
                "Tata Steel / HyNetwork")
OTHER = ("Netcongestie Haarlem", "Slimme energiesystemen", "€ 650.000", "Haarlem",
         "lopend", "Liander", 52.38, 4.64)


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    """The partner's file, then the same file with one point moved ~2 km."""
    v1 = _xlsx(tmp_path / "v1.xlsx", [(*ELEKTROLYSER, 52.462, 4.615), OTHER])
    v2 = _xlsx(tmp_path / "v2.xlsx", [(*ELEKTROLYSER, 52.455, 4.640), OTHER])
    return v1, v2


def test_a_moved_project_without_id_keeps_its_id(tmp_path: Path) -> None:
    v1, v2 = _versions(tmp_path)
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [v1])
    old = read_register(reg)
    report = validate_file(v2)  # the id is made from theme, name and organisation (issue 20)
    assert sorted(report.projects["id"]) == sorted(old["id"])
    assert likely_register_duplicates(report.projects, report.derived_ids, old) == []


def test_add_update_replaces_a_moved_project(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "nl")
    v1, v2 = _versions(tmp_path)
    reg = tmp_path / "projects.geojson"
    assert main(["add", str(v1), "--register", str(reg)]) == 0
    capsys.readouterr()
    assert main(["add", str(v2), "--register", str(reg), "--update"]) == 0
    out = capsys.readouterr().out
    assert "0 toegevoegd, 1 vervangen" in out
    left = read_register(reg)
    assert list(left["name"]).count(ELEKTROLYSER[0]) == 1
    assert left.loc[left["name"] == ELEKTROLYSER[0]].geometry.iloc[0].x == pytest.approx(4.64)


def test_same_name_needs_the_same_amount_or_organisation(tmp_path: Path) -> None:
    v1 = _xlsx(tmp_path / "v1.xlsx", [(*ELEKTROLYSER, 52.462, 4.615)])
    moved = list(ELEKTROLYSER)
    moved[2], moved[5] = "€ 3 mln", "Iemand anders"
    v2 = _xlsx(tmp_path / "v2.xlsx", [(*moved, 52.455, 4.640)])
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [v1])
    report = validate_file(v2)
    assert likely_register_duplicates(report.projects, report.derived_ids,
                                      read_register(reg)) == []
    moved[5] = " tata steel /  hynetwork "  # the same organisation (case, spaces aside):
    moved[0] = "ELEKTROLYSER  ijmuiden"  # the same project, the same derived id
    v3 = _xlsx(tmp_path / "v3.xlsx", [(*moved, 52.455, 4.640)])
    report = validate_file(v3)
    assert report.projects["id"].tolist() == read_register(reg)["id"].tolist()
    moved[1] = "Slimme energiesystemen"  # another theme: another id; the organisation is
    v4 = _xlsx(tmp_path / "v4.xlsx", [(*moved, 52.455, 4.640)])  # enough to say "likely"
    report = validate_file(v4)
    with use_lang("en"):
        notes = likely_register_duplicates(report.projects, report.derived_ids,
                                           read_register(reg))
    assert len(notes) == 1 and "the same organisation" in notes[0].message


def test_the_25_m_rule_still_holds_for_another_name(tmp_path: Path) -> None:
    v1 = _xlsx(tmp_path / "v1.xlsx", [(*ELEKTROLYSER, 52.462, 4.615)])
    renamed = ("Elektrolyser Velsen-Noord", *ELEKTROLYSER[1:])
    v2 = _xlsx(tmp_path / "v2.xlsx", [(*renamed, 52.46205, 4.61505)])
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [v1])
    report = validate_file(v2)
    with use_lang("nl"):
        [note] = likely_register_duplicates(report.projects, report.derived_ids,
                                            read_register(reg))
    assert "hernoemd" in note.message and " m van project" in note.message


# ------------------------------------------------------------------ 2. point vs municipality
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_point_in_another_municipality_than_its_column_says(tmp_path: Path,
                                                                lang: str) -> None:
    path = _xlsx(tmp_path / "mismatch.xlsx", [
        ("Project D", "Waterstof", "€ 1 mln", "Haarlem", "gepland", "X", 52.3702, 4.8952),
        ("Project E", "Waterstof", "€ 1 mln", "Amsterdam", "gepland", "X", 52.3702, 4.8952),
        ("Project F", "Waterstof", "€ 1 mln", "GM0363", "gepland", "X", 52.3702, 4.8962)])
    with use_lang(lang):
        report = validate_file(path)
    assert report.ok
    [note] = [p for p in report.notes if p.code == "municipality_mismatch"]
    assert note.name == "Project D" and note.row == 2 and note.column == "Gemeente"
    if lang == "nl":
        assert "ligt in Amsterdam" in note.message
        assert "maar de kolom 'Gemeente' zegt Haarlem" in note.message
        assert "telt mee waar het punt ligt: bij Amsterdam" in note.message
        assert "laat ze leeg om het in de gemeente Haarlem te plaatsen" in note.hint
    else:
        assert "lies in Amsterdam" in note.message
        assert "but the column 'Gemeente' says Haarlem" in note.message
        assert "leave them empty to place it in the municipality Haarlem" in note.hint


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_point_just_outside_the_municipality_it_names(tmp_path: Path, lang: str,
                                                        region: Any) -> None:
    from geo import analyse

    path = _xlsx(tmp_path / "velsen.xlsx", [(*ELEKTROLYSER, 52.47, 4.59), OTHER,
                                            ("Ver weg", "Waterstof", "€ 1 mln", "Haarlem",
                                             "gepland", "X", 50.9, 5.9)])
    with use_lang(lang):
        report = validate_file(path)
    notes = {p.name: p for p in report.notes if p.code == "outside_mra"}
    near, far = notes[ELEKTROLYSER[0]], notes["Ver weg"]
    assert near.row == 2 and far.row == 4
    if lang == "nl":
        assert "251 m buiten Velsen, dat de kolom 'Gemeente' noemt" in near.message
        assert "telt niet mee in de totalen (niet bij Velsen" in near.message
        assert "vereenvoudigd" in near.hint and "schuif het punt" in near.hint
        assert "vereenvoudigd" not in far.hint and "km buiten Haarlem" in far.message
        assert "lon/lat verwisseld" in far.hint
    else:
        assert "251 m outside Velsen, which the column 'Gemeente' names" in near.message
        assert "not counted in the totals (not in Velsen" in near.message
        assert "generalised" in near.hint and "generalised" not in far.hint
    # what the note says: left out of every total
    a = analyse(report.projects, region)
    assert set(a.outside["name"]) == {ELEKTROLYSER[0], "Ver weg"}
    assert a.mra["total_eur"].iloc[0] == pytest.approx(650_000)
    assert "Velsen" not in set(a.projects.loc[a.projects["in_mra"], "municipality"])


@pytest.fixture(scope="module")
def region() -> Any:
    from layers import load_region

    return load_region()


# ------------------------------------------------------------------ 3. swapped columns
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_swapped_columns_in_a_sheet_are_named(tmp_path: Path, lang: str) -> None:
    path = _xlsx(tmp_path / "verwisseld.xlsx", [
        ("Project A", "Waterstof", "€ 1 mln", "Amsterdam", "gepland", "X", 4.90, 52.37)])
    csv = tmp_path / "verwisseld.csv"
    csv.write_text("naam;thema;Breedtegraad;Lengtegraad\nB;ai;4,64;52,38\n", encoding="utf-8")
    with use_lang(lang):
        [xlsx_err] = validate_file(path).errors
        [csv_err] = validate_file(csv).errors
    assert xlsx_err.code == csv_err.code == "latlon_swapped"
    assert xlsx_err.column == "Lat/Lon" and csv_err.column == "Breedtegraad/Lengtegraad"
    assert "[lon, lat]" not in xlsx_err.hint + csv_err.hint  # not GeoJSON's fix
    if lang == "nl":
        assert "Wissel de kolommen Lat en Lon om" in xlsx_err.hint
        assert "Wissel de kolommen Breedtegraad en Lengtegraad om" in csv_err.hint
        assert xlsx_err.value == "Lat 4,9; Lon 52,37"
    else:
        assert "Swap the columns Lat and Lon" in xlsx_err.hint
        assert xlsx_err.value == "Lat 4.9; Lon 52.37"
    assert "veld 'Lat/Lon'" in xlsx_err.to_text() or "field 'Lat/Lon'" in xlsx_err.to_text()


def test_swapped_coordinates_in_geojson_keep_the_geojson_fix(tmp_path: Path) -> None:
    path = tmp_path / "p.geojson"
    path.write_text('{"type": "Feature", "properties": {"name": "A", "theme": "ai"}, '
                    '"geometry": {"type": "Point", "coordinates": [52.37, 4.89]}}')
    with use_lang("en"):
        [err] = validate_file(path).errors
    assert err.code == "latlon_swapped" and "[lon, lat]" in err.hint and err.column is None


# ------------------------------------------------------------------ 4. one coordinate column
GOOGLE_HEADER = ("Projectnaam", "Thema", "Bedrag", "Gemeente", "Status", "Organisatie",
                 "Coördinaten")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_google_maps_coordinate_column_is_read(tmp_path: Path, lang: str) -> None:
    path = _xlsx(tmp_path / "google.xlsx", [
        ("Project C", "Waterstof", "€ 1 mln", "", "gepland", "X", "52.3702, 4.8952"),
        ("Project D", "Waterstof", "€ 1 mln", "", "gepland", "X", "4.6400,52.3800"),
        ("Project E", "Waterstof", "€ 1 mln", "Zaanstad", "gepland", "X", None)],
        header=GOOGLE_HEADER)
    with use_lang(lang):
        report = validate_file(path)
    assert report.ok and not report.errors, report.to_text()
    got = report.projects.set_index("name")
    assert got.geometry["Project C"].x == pytest.approx(4.8952)
    assert got.geometry["Project C"].y == pytest.approx(52.3702)
    assert got.geometry["Project D"].x == pytest.approx(4.64)  # lon first: by size
    assert got.loc["Project E", "place"] == "municipality"
    assert not [p for p in report.notes if p.code == "unknown_columns"]
    [note] = [p for p in report.notes if p.code == "coordinate_pair"]
    assert note.column == "Coördinaten"
    assert ("breedtegraad, lengtegraad" if lang == "nl" else "latitude, longitude") \
        in note.message


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_coordinate_column_that_cannot_be_read_says_to_split_it(tmp_path: Path,
                                                                   lang: str) -> None:
    path = _xlsx(tmp_path / "google.xlsx", [
        ("Project C", "Waterstof", "€ 1 mln", "", "gepland", "X", "52°22'N 4°53'E"),
        ("Project D", "Waterstof", "€ 1 mln", "", "gepland", "X", "52.3702")],
        header=GOOGLE_HEADER)  # (RD x, y such as "121000, 487000" is read: issue 20)
    with use_lang(lang):
        report = validate_file(path)
    errors = [p for p in report.errors if p.code == "coordinate_pair"]
    assert [p.row for p in errors] == [2, 3]
    assert all(p.column == "Coördinaten" for p in errors)
    split = "splits de kolom Coördinaten" if lang == "nl" else \
        "split the column Coördinaten"
    assert all(split in p.hint and "'lat'" in p.hint and "'lon'" in p.hint for p in errors)
    assert not [p for p in report.errors if p.code == "no_location"]


def test_a_semicolon_csv_with_dutch_decimal_commas_in_one_column(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;GPS-coördinaten\nA;ai;52,3702 4,8952\nB;ai;\"(52.38; 4.64)\"\n",
                    encoding="utf-8")
    report = validate_file(path)
    assert report.ok, report.to_text()
    xs = sorted(round(g.x, 4) for g in report.projects.geometry)
    assert xs == [4.64, 4.8952]


def test_a_location_column_of_addresses_stays_an_address(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;locatie\nA;ai;Damrak 1\nB;ai;Stationsplein 1\n",
                    encoding="utf-8")
    with use_lang("nl"):
        report = validate_file(path)
    # no value is a pair: the column holds addresses, as before
    assert [p.code for p in report.errors] == ["address_only", "address_only"]
    # one pair makes it a location column: the pair is read, the address is an error
    path.write_text("naam;thema;locatie\nA;ai;Damrak 1\nB;ai;52.38, 4.64\n", encoding="utf-8")
    with use_lang("nl"):
        report = validate_file(path)
    [err] = report.errors
    assert (err.code, err.feature, err.value) == ("location_unreadable", 1, "Damrak 1")
    path.write_text("naam;thema;locatie\nA;ai;52.37, 4.89\nB;ai;52.38, 4.64\n",
                    encoding="utf-8")
    report = validate_file(path)
    assert report.ok and len(report.projects) == 2


# ------------------------------------------------------------------ 6. wording
def test_status_notes_give_each_status_once_in_english(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "s.xlsx", [(*OTHER[:4], "lopend", *OTHER[5:])])
    with use_lang("en"):
        [note] = [p for p in validate_file(path).notes if p.code == "status_read"]
    assert "'lopend' was read as the status 'ongoing'." in note.message
    assert "(ongoing)" not in note.message + note.hint
    assert note.hint.endswith("one of: idea, planned, ongoing, completed, stopped.")
    with use_lang("nl"):  # Dutch names the code the register stores
        [note] = [p for p in validate_file(path).notes if p.code == "status_read"]
    assert "'in uitvoering' (ongoing)" in note.message and "gepland (planned)" in note.hint


def test_the_known_columns_list_names_lon_and_lat_in_both_languages(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "s.xlsx", [OTHER], header=(*HEADER, "Opmerkingen"))
    for lang in ("nl", "en"):
        with use_lang(lang):
            [note] = [p for p in validate_file(path).notes if p.code == "unknown_columns"]
        assert "lon, lat" in note.hint, note.hint


def test_a_long_name_is_cut_with_its_closing_quote(tmp_path: Path) -> None:
    long = "Een heel erg lange projectnaam " * 5 + "(beleidsmedewerker)"
    path = _xlsx(tmp_path / "s.xlsx", [(long, "Slimme mobiliteit", "€ 1 mln", "Amsterdam",
                                        "lopend", "X", 50.9, 5.9)])
    with use_lang("nl"):
        report = validate_file(path)
    [outside] = [p for p in report.notes if p.code == "outside_mra"]
    where = outside.where()
    assert "naam 'Een heel erg lange" in where and "...')" in where
    assert where.count("'") % 2 == 0  # every quote closed


def test_many_contradicted_points_make_one_line_naming_the_sheet_column(tmp_path: Path) -> None:
    rows = [(f"P{i}", "Waterstof", "€ 1 mln", "Haarlem", "gepland", "X", 52.3702,
             4.8952 + i / 1000) for i in range(8)]
    path = _xlsx(tmp_path / "many.xlsx", rows)
    with use_lang("nl"):
        text = validate_file(path).to_text()
    [line] = [t for t in text.splitlines() if "8×" in t]
    assert "veld 'Gemeente'" in line and "andere gemeente dan de kolom 'Gemeente'" in line
