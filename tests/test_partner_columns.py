"""Issue 20: nothing a partner's sheet says is silently lost.

Every column of a sheet is read as a field, named in the note of ignored
columns, or an error naming the column; a ``Locatie`` column with mixed content
reads pairs, RD x/y and municipality names and gives every other row an error
with its value. Checked on the partner corpus (hand-computed totals) and on
generated sheets (hypothesis).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import analyse
from geo.validate import validate_file
from geo.validate.fields import field_of
from geo.validate.locations import place_column
from layers.lang import use_lang
from tests.data.partner import _make_partner as corpus

DATA = Path(__file__).parent / "data"
PARTNER = DATA / "partner"
_COORDS = {"lon", "lat", "x", "y", "lng", "long", "longitude", "latitude", "x_rd", "y_rd",
           "rd_x", "rd_y", "lengtegraad", "breedtegraad"}


def _known(row: list) -> int:
    return sum(1 for c in row if c is not None and (
        field_of(c) is not None or str(c).strip().lower() in _COORDS))


def _header(path: Path) -> list[str]:
    """The header row of a sheet as the file has it: on the first sheet, or on the sheet
    with a header when the first is empty; below the title rows, if any (the first of the
    first ten rows with two column names validate knows)."""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            sheets = [[list(r) for r in ws.iter_rows(values_only=True)
                       if any(c is not None and str(c).strip() for c in r)]
                      for ws in book.worksheets]
        finally:
            book.close()
        rows = sheets[0] or next((s for s in sheets if any(_known(r) >= 2 for r in s[:10])),
                                 [])
    else:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else \
            raw.decode("utf-8", errors="replace")
        if "\ufffd" in text:
            text = raw.decode("cp1252")
        first = text.splitlines()[0]
        sep = max(";,\t", key=first.count)
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=sep)
                if any(c.strip() for c in r)]
    first_row = next((r for r in rows[:10] if _known(r) >= 2), rows[0] if rows else [])
    return [str(h).strip() for h in first_row if h is not None and str(h).strip()]


def unaccounted(report, header: list[str], rows: list[list[str]] | None = None) -> list[str]:
    """The columns of ``header`` that are neither read as a field (a schema field, a
    coordinate column, the location column) nor named in a note or error."""
    said = " ".join(f"{p.message} {p.column or ''} {p.value!r}" for p in report.problems)
    pair = place_column(header, rows) if rows is not None else None
    out = []
    for h in header:
        read = field_of(h) is not None or h.strip().lower().replace(" ", "_") in _COORDS or \
            (pair is not None and pair.header == h)
        if not read and not re.search(re.escape(repr(h)) + "|" + re.escape(h), said):
            out.append(h)
    return out


_SHEETS = sorted(p for d in ("good", "bad", "partner") for p in (DATA / d).iterdir()
                 if p.suffix in (".csv", ".xlsx"))


@pytest.mark.parametrize("path", _SHEETS, ids=lambda p: p.name)
def test_every_column_of_the_corpus_sheets_is_accounted_for(path: Path) -> None:
    with use_lang("nl"):
        report = validate_file(path)
    if not report.readable:
        pytest.skip("unreadable file: one message for the whole file")
    assert unaccounted(report, _header(path)) == []


def test_an_ignored_column_is_named_in_the_note(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;lon;lat;Opmerking intern\nX;ai;4.9;52.37;bellen\n",
                    encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    assert report.ok
    [note] = [p for p in report.notes if p.code == "unknown_columns"]
    assert "Opmerking intern" in note.message
    # the same sheet without that column has no such note: the check can fail
    path.write_text("naam;thema;lon;lat\nX;ai;4.9;52.37\n", encoding="utf-8")
    assert [p for p in validate_file(path).notes if p.code == "unknown_columns"] == []


# ------------------------------------------------------------ the Locatie column
def test_mixed_location_column_gives_the_hand_computed_totals(region) -> None:
    with use_lang("en"):
        report = validate_file(PARTNER / "locatie_mixed.csv")
    assert report.ok, report.to_text()
    assert len(report.projects) == report.n_features == 5
    by_name = report.projects.set_index("name")
    assert by_name.loc["Datahub Schiphol", "place"] == "municipality"
    assert by_name.loc["Warmtenet Hoofddorp-Noord", "place"] == "point"
    pt = by_name.loc["Laadplein Nieuw-Vennep", "geometry"]  # written lon first: by size
    assert (round(pt.x, 4), round(pt.y, 4)) == (4.63, 52.264)
    rd = by_name.loc["Zonneweide Badhoevedorp", "geometry"]  # RD x/y, converted
    assert rd.x == pytest.approx(4.775, abs=1e-4) and rd.y == pytest.approx(52.335, abs=1e-4)
    codes = {p.code for p in report.notes}
    assert {"coordinate_pair", "rd_pair", "outside_mra"} <= codes
    a = analyse(report.projects, region)
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.LOCATIE_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.LOCATIE_TOTALS["MRA"]


@pytest.mark.parametrize(("lang", "words"), [("nl", "zoekt geen adressen op"),
                                             ("en", "does not look up addresses")])
def test_an_address_in_the_location_column_is_an_error_with_its_value(
        lang: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "haarlemmermeer.csv"
    path.write_text(corpus.LOCATIE_CSV + corpus.LOCATIE_ADDRESS, encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    [err] = report.errors
    assert err.code == "location_unreadable" and err.value == "Kruisweg 100"
    assert err.row == 7 and err.column == "Locatie" and words in err.message
    assert "Kruisweg 100" in err.to_text()


def test_an_address_column_beside_a_municipality_gets_a_note(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;gemeente;adres\nX;ai;Zaanstad;Stationsplein 1\n",
                    encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    assert report.ok
    [note] = [p for p in report.notes if p.code == "address_unused"]
    assert note.value == "Stationsplein 1" and "Zaanstad" in note.message


def test_cells_past_the_header_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;lon;lat\nX;ai;4.9;52.37;extra; meer\n", encoding="utf-8")
    with use_lang("nl"):
        report = validate_file(path)
    [err] = report.errors
    assert err.code == "cells_past_header" and err.value == "extra"
    assert "'meer'" in err.message


@pytest.mark.parametrize(("header", "field"), [
    ("Nr.", None), ("Projectnummer", None), ("Jaar oplevering", "start_year"),
    ("Dossiercode", "id"), ("Totale kosten", "amount_eur")])
def test_a_lookalike_column_is_read_or_an_error_naming_it(header: str, field: str | None,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f"naam;thema;lon;lat;{header}\nX;ai;4.9;52.37;7\n", encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    if field is None:  # an id column by another name: read as the id
        assert report.ok and report.projects["id"].tolist() == ["7"]
        return
    [err] = report.errors
    assert err.code == "column_lookalike" and err.field == field and err.value == header
    assert header in err.hint


@pytest.mark.parametrize("header", ["Kleur", "Keuring", "Beurs", "Geldig tot", "Leurs"])
def test_a_word_that_only_contains_eur_or_geld_is_kept_as_an_extra_column(
        header: str, tmp_path: Path) -> None:
    """"eur" and "geld" count as words only: a file without an amount column whose other
    column is "Kleur" is read (the column kept with a note), not refused as a lookalike."""
    path = tmp_path / "p.csv"
    path.write_text(f"naam;thema;lon;lat;{header}\nX;ai;4.9;52.37;rood\n", encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    assert report.ok, report.to_text()
    assert not [p for p in report.problems if p.code == "column_lookalike"]


@pytest.mark.parametrize("header", ["EUR", "Bedrag in euros", "Euro", "Geld", "Totaal €"])
def test_eur_as_a_word_still_looks_like_an_amount(header: str, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f"naam;thema;lon;lat;Opmerking;{header}\nX;ai;4.9;52.37;a;7\n",
                    encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    found = [p for p in report.problems if p.field == "amount_eur"]
    assert found, report.to_text()


# ------------------------------------------------------------ generated sheets
_KNOWN = ["naam", "thema", "Bedrag", "gemeente", "status", "startjaar", "Nr.", "organisatie",
          "website", "omschrijving", "deelregio"]
_OTHER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=12).map(
    str.strip).filter(lambda h: len(h) >= 3 and field_of(h) is None and
                      h.replace(" ", "_") not in _COORDS)
_CELL = {
    "naam": st.sampled_from(["Laadplein", "Warmtenet Noord", "AI-lab"]),
    "thema": st.sampled_from(["Slimme mobiliteit", "waterstof", "ai"]),
    "Bedrag": st.sampled_from(["€ 2,5 mln", "400000", "", "€ 750.000"]),
    "gemeente": st.sampled_from(["Zaanstad", "Haarlem", "Almere", ""]),
    "status": st.sampled_from(["gepland", "lopend", ""]),
    "startjaar": st.sampled_from(["2025", "2026", ""]),
    "organisatie": st.sampled_from(["Gemeente Zaanstad", ""]),
    "website": st.sampled_from(["https://example.nl", ""]),
    "omschrijving": st.sampled_from(["Iets", ""]),
    "deelregio": st.sampled_from(["", "IJmond"]),
}
_LOCATION = st.sampled_from(["52.4400, 4.8200", "4.6368, 52.3808", "113274, 483184",
                             "Zaanstad", "MRA-breed", "", "Stationsstraat 5"])


@given(data=st.data(), known=st.lists(st.sampled_from(_KNOWN), unique=True, max_size=6),
       other=st.lists(_OTHER, unique=True, max_size=3), locatie=st.booleans(),
       rows=st.integers(1, 5))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
def test_every_column_of_a_generated_sheet_is_accounted_for(
        data: st.DataObject, known: list[str], other: list[str], locatie: bool, rows: int,
        tmp_path: Path) -> None:
    header = ["naam", "thema", *[k for k in known if k not in ("naam", "thema")],
              *[o for o in other if o not in known]]
    if locatie:
        header.append("Locatie")
    elif "gemeente" not in header:
        header += ["lon", "lat"]
    body = []
    for _ in range(rows):
        row = []
        for h in header:
            if h == "Locatie":
                row.append(data.draw(_LOCATION))
            elif h in ("lon", "lat"):
                row.append("4,9" if h == "lon" else "52,37")
            elif h in _CELL:
                row.append(data.draw(_CELL[h]))
            else:
                row.append(data.draw(st.sampled_from(["x", "", "iets anders"])))
        body.append(row)
    path = tmp_path / "gen.csv"
    path.write_text("\n".join(";".join(r) for r in [header, *body]) + "\n", encoding="utf-8")
    with use_lang("nl"):
        report = validate_file(path)
    assert report.readable, report.to_text()
    assert unaccounted(report, header, body) == [], report.to_text()
    if locatie and any(parse in ("52.4400, 4.8200", "4.6368, 52.3808", "113274, 483184")
                       for parse in (r[-1] for r in body)):
        # a row whose location is an address gets an error with that value
        for n, r in enumerate(body, 1):
            if r[-1] == "Stationsstraat 5":
                assert any(p.feature == n and p.value == "Stationsstraat 5" and
                           p.severity == "error" for p in report.problems), report.to_text()


# ------------------------------------------------------------ notation per column
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dutch_excel_csv_reads_dutch_thousands_with_the_hand_totals(lang: str, region) -> None:
    with use_lang(lang):
        report = validate_file(PARTNER / "zaanstad_dutch_excel.csv")
    assert report.ok, report.to_text()
    assert report.projects["amount_eur"].tolist() == [750_000, 1_250_000, 450_000, 2_500,
                                                      12_000_000, 2_500_000]
    # the column's own "1.250.000" and "€ 2,5 mln" settle it: no error and no note
    assert not [p for p in report.problems if p.field == "amount_eur"]
    a = analyse(report.projects, region)
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.ZAANSTAD_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.ZAANSTAD_TOTALS["MRA"]


@pytest.mark.parametrize(("text", "sep", "lang", "want", "why"), [
    # the separator of Dutch Excel's CSV
    ("project;themacode;budget;lon;lat\nA;ai;750.000;4.9;52.37\n", ";", "en", 750_000,
     "Dutch Excel"),
    # Dutch column names
    ("naam,thema,budget,lon,lat\nA,ai,\"750.000\",4.9,52.37\n", ",", "en", 750_000,
     "column names are Dutch"),
    # nothing in the file: the run's language
    ("project,themacode,budget,lon,lat\nA,ai,\"750.000\",4.9,52.37\n", ",", "nl", 750_000,
     "taal van deze run"),
    ("project,themacode,budget,lon,lat\nA,ai,\"1,250\",4.9,52.37\n", ",", "en", 1_250,
     "language of this run"),
])
def test_weaker_evidence_settles_the_notation_with_a_note(text: str, sep: str, lang: str,
                                                          want: float, why: str,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    assert report.ok, report.to_text()
    assert report.projects["amount_eur"].tolist() == [want]
    [note] = [p for p in report.notes if p.code == "amount_notation"]
    assert why in note.message


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_column_with_both_notations_keeps_the_two_readings_error(lang: str,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;bedrag;lon;lat\nA;ai;750.000;4.9;52.37\nB;ai;2.5M;4.9;52.38\n"
                    "C;ai;2,5 mln;4.9;52.39\n", encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    [err] = report.errors
    assert err.value == "750.000" and err.feature == 1
    assert ("'2,5 mln'" in err.hint and "'2.5 mln'" in err.hint)
    # without the English "2.5M" the column is Dutch and reads it
    path.write_text("naam;thema;bedrag;lon;lat\nA;ai;750.000;4.9;52.37\n"
                    "C;ai;2,5 mln;4.9;52.39\n", encoding="utf-8")
    with use_lang(lang):
        assert validate_file(path).projects["amount_eur"].tolist() == [750_000, 2_500_000]


def test_an_english_column_never_reads_three_decimals_in_euro(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,theme,amount,lon,lat\nA,ai,\"750.000\",4.9,52.37\n",
                    encoding="utf-8")
    with use_lang("en"):
        [err] = validate_file(path).errors
    assert err.field == "amount_eur" and "750,000" in err.message and "750" in err.message


# ------------------------------------------------------------ the template's example
@pytest.mark.parametrize(("lang", "words"), [("nl", "voorbeeldrij"), ("en", "example row")])
def test_a_kept_example_row_is_skipped_with_a_note(lang: str, words: str, region) -> None:
    with use_lang(lang):
        report = validate_file(PARTNER / "template_example_kept.csv")
    assert report.ok, report.to_text()
    assert report.projects["id"].tolist() == ["HLM-01", "HLM-02"]
    [note] = [p for p in report.notes if p.code == "template_example"]
    assert note.row == 2 and note.id == "VB-001" and words in note.message
    a = analyse(report.projects, region)
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.TEMPLATE_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.TEMPLATE_TOTALS["MRA"]


def test_a_real_project_with_a_vb_id_is_not_an_example(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("id;naam;thema;gemeente\nVB-001;Voorbeeld: waterstofbus Velsen;Waterstof;"
                    "Velsen\n", encoding="utf-8")
    report = validate_file(path)
    assert report.ok and report.projects["id"].tolist() == ["VB-001"]
    assert not [p for p in report.notes if p.code == "template_example"]


# ------------------------------------------------------------ common entries
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_common_entries_are_read_with_notes_and_hand_totals(lang: str, region) -> None:
    from geo.validate.places import municipality_name

    with use_lang(lang):
        report = validate_file(PARTNER / "common_entries.csv")
    assert report.ok, report.to_text()
    p = report.projects
    assert [municipality_name(c) for c in p["place_area"]] == corpus.COMMON_MUNICIPALITIES
    years = [None if pd.isna(y) else int(y) for y in p["start_year"]]
    assert years == corpus.COMMON_YEARS
    amounts = p["amount_eur"].tolist()
    assert [not pd.isna(a) for a in amounts] == [True, False, True, False, True, False]
    codes = [q.code for q in report.notes]
    assert codes.count("amount_unknown") == 3 and codes.count("year_range") == 4
    assert codes.count("former_municipality") == 6
    a = analyse(p, region)
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.COMMON_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.COMMON_TOTALS["MRA"]
    weesp = next(q for q in report.notes if q.code == "former_municipality")
    assert "2022" in weesp.message and "Amsterdam" in weesp.message


@pytest.mark.parametrize(("lang", "village"), [("nl", "woonplaats of dorp is geen gemeente"),
                                               ("en", "village is not a municipality")])
def test_a_town_gets_a_did_you_mean_or_the_village_rule(lang: str, village: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;gemeente\nA;ai;Hoofddorp\nB;ai;Haarlemermeer\n",
                    encoding="utf-8")
    with use_lang(lang):
        a, b = validate_file(path).errors
    assert a.value == "Hoofddorp" and village in a.hint
    assert "'Haarlemmermeer'" in b.message


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rd_without_a_crs_is_one_message_and_x_rd_is_read(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    rows = "".join(f"P{i};ai;{121500 + i * 100};487300\n" for i in range(6))
    path.write_text("naam;thema;x;y\n" + rows, encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    [err] = report.errors  # one for the file, not one per row
    assert err.code == "rd_undeclared" and err.feature is None
    assert "--crs EPSG:28992" in err.hint and "'x_rd'" in err.hint and "6" in err.message
    assert "crs-lid" not in err.hint and "crs member" not in err.hint
    path.write_text("naam;thema;x_rd;y_rd\n" + rows, encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    assert report.ok and len(report.projects) == 6
    assert report.projects.geometry.iloc[0].x == pytest.approx(4.8945, abs=1e-3)


# ------------------------------------------------------------ implausible amounts
@pytest.mark.parametrize(("lang", "words"), [("nl", ["480× de mediaan", "97,2%"]),
                                             ("en", ["480× the file's median", "97.2%"])])
def test_an_implausible_amount_gets_a_note_with_its_share(lang: str, words: list[str],
                                                          region) -> None:
    with use_lang(lang):
        report = validate_file(PARTNER / "implausible_amount.csv")
    assert report.ok
    [note] = [p for p in report.notes if p.code == "implausible_amount"]
    assert note.row == 2 and note.name == "Warmtenet Lokaal"
    assert all(w in note.message for w in words), note.message
    a = analyse(report.projects, region)  # kept: it may be right
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.IMPLAUSIBLE_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.IMPLAUSIBLE_TOTALS["MRA"]


def test_implausible_amounts_follow_the_settings_in_both_paths(tmp_path: Path,
                                                               monkeypatch) -> None:
    import dataclasses
    import json

    import geo.validate.amounts as amounts

    feats = [{"type": "Feature", "properties": {"id": f"p{i}", "name": f"P{i}", "theme": "ai",
                                                "amount_eur": v},
              "geometry": {"type": "Point", "coordinates": [4.9, 52.37 + i / 1000]}}
             for i, v in enumerate([1e6, 2e6, 3e6, 150e6])]
    path = tmp_path / "p.geojson"  # plain GeoJSON: the fast path
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    csv_path = tmp_path / "p.csv"  # the same projects in a sheet: the slow path
    csv_path.write_text("id;name;theme;amount_eur;lon;lat\n" + "".join(
        f"p{i};P{i};ai;{v:.0f};4.9;{52.37 + i / 1000}\n"
        for i, v in enumerate([1e6, 2e6, 3e6, 150e6])), encoding="utf-8")
    for p in (path, csv_path):  # 150 mln is 60x the median (2.5 mln): no note at 100x
        assert not [q for q in validate_file(p).notes if q.code == "implausible_amount"]
    monkeypatch.setattr(amounts, "SETTINGS", dataclasses.replace(
        amounts.SETTINGS, implausible_median_factor=50.0))
    for p in (path, csv_path):
        [note] = [q for q in validate_file(p).notes if q.code == "implausible_amount"]
        assert note.id == "p3" and note.feature == 4
    monkeypatch.setattr(amounts, "SETTINGS", dataclasses.replace(
        amounts.SETTINGS, implausible_median_factor=1000.0, implausible_amount_eur=100e6))
    for p in (path, csv_path):
        [note] = [q for q in validate_file(p).notes if q.code == "implausible_amount"]
        assert note.id == "p3"


# ------------------------------------------------------------ the sheet's municipality
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_near_a_border_the_sheets_municipality_wins(lang: str, region) -> None:
    with use_lang(lang):
        report = validate_file(PARTNER / "border_points.csv")
    assert report.ok, report.to_text()
    notes = {p.name: p.code for p in report.notes if p.code in ("border_named",
                                                                "municipality_mismatch")}
    assert notes == {"Hembrug laadhub": "border_named", "Kassen warmtenet": "border_named",
                     "N201 warmteleiding": "municipality_mismatch"}
    a = analyse(report.projects, region)
    by_mun = a.municipalities.set_index("name")["total_eur"]
    assert {k: v for k, v in by_mun.items() if v} == corpus.BORDER_MUNICIPALITIES
    got = {k: v for k, v in a.subregions["total_eur"].items() if v}
    assert got == {k: v for k, v in corpus.BORDER_TOTALS.items() if k != "MRA"}
    assert a.mra["total_eur"].iloc[0] == corpus.BORDER_TOTALS["MRA"]
    moved = report.projects.set_index("name").geometry["Hembrug laadhub"]
    # moved just inside Zaanstad: about 15 m, well under 1e-3 degrees
    assert 0 < moved.distance(__import__("shapely").Point(4.82996, 52.42001)) < 1e-3


def test_the_border_tolerance_is_a_setting(monkeypatch, region) -> None:
    import dataclasses

    import geo.validate.places as places

    monkeypatch.setattr(places, "SETTINGS", dataclasses.replace(places.SETTINGS,
                                                                border_tolerance_m=10.0))
    report = validate_file(PARTNER / "border_points.csv")
    codes = sorted(p.code for p in report.notes if p.code in ("border_named",
                                                              "municipality_mismatch"))
    assert codes == ["municipality_mismatch"] * 3  # 12.7 m, 40 m, 155 m: all beyond 10 m
    by_mun = analyse(report.projects, region).municipalities.set_index("name")["total_eur"]
    assert by_mun["Amsterdam"] == 1_000_000 and by_mun["Zaanstad"] == 0


# ------------------------------------------------------------ stable identity
def test_a_derived_id_does_not_depend_on_location_or_amount(tmp_path: Path) -> None:
    v1 = validate_file(PARTNER / "moved_v1.csv")
    v2 = validate_file(PARTNER / "moved_v2.csv")
    assert v1.projects["id"].tolist() == v2.projects["id"].tolist()
    path = tmp_path / "p.csv"  # another amount, other case and spaces in the name
    path.write_text(corpus.MOVED_V1.replace("€ 8 mln", "€ 9 mln").replace(
        "Warmtenet Kudelstaart", "warmtenet  KUDELSTAART"), encoding="utf-8")
    assert validate_file(path).projects["id"].tolist() == v1.projects["id"].tolist()


def test_the_same_name_at_two_places_gets_two_ids_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("naam;thema;gemeente\nLaadplein;ai;Zaanstad\nLaadplein;ai;Haarlem\n"
                    "Laadplein;ai;Zaanstad\n", encoding="utf-8")
    report = validate_file(path)
    [copy] = report.errors  # the same place too: a copy, refused as before
    assert copy.code == "same_content" and copy.feature == 3
    path.write_text("naam;thema;gemeente\nLaadplein;ai;Zaanstad\nLaadplein;ai;Haarlem\n",
                    encoding="utf-8")
    report = validate_file(path)
    first, second = report.projects["id"]
    assert second == f"{first}-2"
    [note] = [p for p in report.notes if p.code == "derived_id_number"]
    assert note.feature == 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_register_of_the_previous_release_is_migrated(lang: str, tmp_path: Path,
                                                        region) -> None:
    import json
    import shutil

    from geo._register_ids import ALIASES_MEMBER
    from geo.register import add_to_register, read_register, remove_from_register

    reg = tmp_path / "projects.geojson"
    shutil.copy(PARTNER / "register_v0.geojson", reg)
    old = {f["properties"]["name"]: f["id"] for f in json.loads(reg.read_text())["features"]}
    with use_lang(lang):
        summary = add_to_register(reg, [PARTNER / "moved_v2.csv"], update=True)
    # the corrected location replaces the project: nothing is added, nothing counted twice
    assert (len(summary.added), len(summary.replaced), len(summary.unchanged)) == (0, 1, 1)
    now = read_register(reg)
    assert len(now) == 8 and list(now["name"]).count("Warmtenet Kudelstaart") == 1
    a = analyse(now, region)
    by_mun = a.municipalities.set_index("name")["total_eur"]
    assert {k: by_mun[k] for k in corpus.MOVED_MUNICIPALITIES} == corpus.MOVED_MUNICIPALITIES
    doc = json.loads(reg.read_text())
    table = doc[ALIASES_MEMBER]  # every derived id migrated, the old ones kept as aliases
    assert set(table) == set(old.values()) and not set(table) & set(now["id"])
    # an old id still resolves
    gone = remove_from_register(reg, [old["Laadplein Oosteinde"]])
    assert gone == [old["Laadplein Oosteinde"]]
    assert "Laadplein Oosteinde" not in set(read_register(reg)["name"])


def test_an_unmigrated_register_reads_with_the_new_ids(tmp_path: Path) -> None:
    from geo.register import read_register

    v1 = validate_file(PARTNER / "moved_v1.csv")
    reg = read_register(PARTNER / "register_v0.geojson")  # read only: the file is untouched
    assert set(v1.projects["id"]) <= set(reg["id"])


# ------------------------------------------------------------ Dutch words in Dutch output
@pytest.mark.parametrize(("lang", "words", "codes"), [
    ("nl", ["thema", "naam", "Slimme elektriciteit", "gepland"], ["smart_energy", "planned"]),
    ("en", ["theme", "name", "Smart electricity", "planned"], ["smart_energy", "gepland"])])
def test_list_speaks_the_run_language(lang: str, words: list[str], codes: list[str],
                                      tmp_path: Path, capsys) -> None:
    from mapbuilder.cli import main

    src = tmp_path / "p.csv"
    src.write_text("naam;thema;status;gemeente\nWarmtenet;Slimme energiesystemen;gepland;"
                   "Zaanstad\n", encoding="utf-8")
    reg = tmp_path / "projects.geojson"
    assert main(["add", str(src), "--register", str(reg)]) == 0
    capsys.readouterr()
    assert main(["--lang", lang, "list", "--register", str(reg)]) == 0
    out = capsys.readouterr().out
    assert all(w in out for w in words), out
    assert not any(c in out for c in codes), out


@pytest.mark.parametrize("by", ["municipality", "subregion"])
def test_compare_tables_are_alphabetical(by: str, sample_analysis) -> None:
    from geo import compare
    from geo.comparison import AREA_WIDE_KEY

    for lang in ("nl", "en"):
        with use_lang(lang):
            table = compare(sample_analysis, by=by)
        names = list(table.drop(index=AREA_WIDE_KEY, errors="ignore")["name"])
        assert names == sorted(names, key=str.casefold)
        if by == "municipality":  # not by CBS code (Almere GM0034 before Aalsmeer GM0358)
            assert names[:2] == ["Aalsmeer", "Almere"]


# ------------------------------------------------------------ compare --format csv
@pytest.mark.parametrize(("lang", "sep", "header", "amsterdam"), [
    ("nl", ";", "Totale investering (€)", "Amsterdam"),
    ("en", ",", "Total investment (€)", "Amsterdam")])
def test_compare_csv_follows_the_run_language(lang: str, sep: str, header: str, amsterdam: str,
                                              tmp_path: Path, monkeypatch, capsys,
                                              sample_analysis) -> None:
    from geo import compare
    from mapbuilder.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSITIEKAART_REGISTER", raising=False)
    assert main(["--lang", lang, "compare", "--by", "municipality", "--format", "csv",
                 "--out", "cmp.csv"]) == 0
    raw = (tmp_path / "cmp.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel shows € and é right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))
    assert header in rows[0] and not any(r[0].startswith("#") for r in rows)
    at = rows[0].index(header)
    with use_lang(lang):
        table = compare(sample_analysis, by="municipality")
    by_name = {r[1]: r for r in rows[1:]}
    want = table.set_index("name").loc[amsterdam, "total_eur"]
    assert float(by_name[amsterdam][at].replace(",", ".")) == want
    share = rows[0].index("Aandeel MRA" if lang == "nl" else "Share of MRA")
    decimal = "," if lang == "nl" else "."
    assert decimal in by_name[amsterdam][share] and ("." not in by_name[amsterdam][share]
                                                     if lang == "nl" else True)
    notes = (tmp_path / "cmp.notes.txt").read_text(encoding="utf-8")
    assert ("Locatiequotiënt" if lang == "nl" else "Location quotient") in notes
    # the plain machine CSV stays available
    capsys.readouterr()
    assert main(["--lang", lang, "compare", "--by", "municipality", "--format", "csv-plain"]) == 0
    plain = capsys.readouterr().out
    assert plain.startswith("# ") and "total_eur" in plain


def test_add_skips_the_example_row_and_adds_the_rest(tmp_path: Path) -> None:
    from geo.register import add_to_register, read_register

    reg = tmp_path / "projects.geojson"
    summary = add_to_register(reg, [PARTNER / "template_example_kept.csv"])
    assert summary.added == ["HLM-01", "HLM-02"]
    assert sorted(read_register(reg)["id"]) == ["HLM-01", "HLM-02"]
