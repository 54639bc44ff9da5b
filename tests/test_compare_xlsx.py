"""`compare --format xlsx`: one workbook, a sheet per level, numbers as numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.analysis import Analysis
from geo.comparison import COMPARE_LEVELS, Comparison, compare_areas
from mapbuilder.cli import main
from mapbuilder.compare.formats import column_label
from mapbuilder.compare.xlsx import number_format, write_workbook


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSITIEKAART_REGISTER", raising=False)
    monkeypatch.delenv("TRANSITIEKAART_LANG", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def tables(sample_analysis: Analysis) -> dict[str, Comparison]:
    return {lv: compare_areas(sample_analysis, by=lv) for lv in COMPARE_LEVELS}


def test_cli_writes_one_workbook(in_tmp: Path, tables: dict[str, Comparison],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--format", "xlsx"]) == 0
    out = capsys.readouterr().out
    path = in_tmp / "output" / "compare.xlsx"
    assert out.startswith(f"Werkmap (Excel) geschreven naar {path}")
    assert "7 deelregio's; 74 projecten in de MRA" in out and "Gebied" not in out
    wb = load_workbook(path)
    assert wb.sheetnames == ["Deelregio's", "Gemeenten", "NOVEX-gebieden",
                             "Toelichting en bronnen"]
    for sheet, level in zip(wb.sheetnames, COMPARE_LEVELS, strict=False):
        ws, result = wb[sheet], tables[level]
        table = result.table
        header = [c.value for c in ws[1]]
        assert header[0] == "Gebied"
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}" \
                                     f"{len(table) + 1}"
        names = [ws.cell(r, 1).value for r in range(2, len(table) + 2)]
        assert names == list(table["name"])
        # every reference date is an Excel date: an area's earliest and latest
        first = header.index("Peildatum (vroegste)") + 1
        assert header[first] == "Peildatum (laatste)" and "Peildatum" not in header
        for r, (_, row) in enumerate(table.iterrows(), start=2):
            want = [d.strip() for d in row["population_date"].split(" – ")] \
                if row["population_date"] else [None]
            got = [ws.cell(r, first + i).value for i in (0, 1)]
            assert [g.date() if g is not None else None for g in got] == \
                [dt.date.fromisoformat(w) if w else None for w in (want[0], want[-1])]
            assert all(g is None or ws.cell(r, first).number_format == "d-m-yyyy"
                       for g in got)
        for col in ("total_eur", "eur_per_inhabitant", "share_of_mra", "n_projects",
                    "lq_ai"):
            j = header.index(column_label(col, "nl", result)) + 1
            for r, (_, row) in enumerate(table.iterrows(), start=2):
                cell, want = ws.cell(r, j), row[col]
                if pd.isna(want):
                    assert cell.value is None
                    continue
                assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                assert cell.value == pytest.approx(float(want), rel=1e-12)
                assert cell.number_format == number_format(col)
        # the MRA total below the filtered range, bold
        total = ws.cell(len(table) + 3, 1)
        assert total.value == "MRA totaal" and total.font.b
    notes = "\n".join(str(c.value) for c in wb["Toelichting en bronnen"]["A"] if c.value)
    assert "Status: VOORBEELDDATA" in notes
    assert "meestal op 1 januari 2024" in notes and "NOVEX-grenzen zijn indicatief" in notes
    assert "Locatiequotiënt (LQ) =" in notes and "CBS / Kadaster (PDOK)" in notes


@pytest.mark.parametrize(("col", "fmt"), [
    ("total_eur", '"€" #,##0'), ("eur_per_inhabitant", '"€" #,##0'), ("eur_ai", '"€" #,##0'),
    ("share_of_mra", "0.0%"), ("novex_share_nzkg", "0.0%"), ("lq_ai", "0.00"),
    ("diversity", "0.00"), ("n_projects", "#,##0"), ("population", "#,##0"),
    ("area_km2", "#,##0.0"), ("rank", "0")])
def test_number_formats(col: str, fmt: str) -> None:
    assert number_format(col) == fmt


def test_english_head_to_head_workbook(in_tmp: Path) -> None:
    assert main(["compare", "--a", "Amsterdam", "--b", "IJmond", "--format", "xlsx",
                 "--lang", "en", "--out", "h2h.xlsx"]) == 0
    wb = load_workbook(in_tmp / "h2h.xlsx")
    assert wb.sheetnames == ["Head to head", "Subregions", "Municipalities", "NOVEX areas",
                             "Notes and sources"]
    assert wb.active.title == "Head to head"
    ws = wb["Head to head"]
    assert [c.value for c in ws[1]][:3] == ["Figure", "Amsterdam", "IJmond"]
    labels = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    row = labels["Total investment (€)"]
    a, b, diff = (ws.cell(row, c).value for c in (2, 3, 4))
    assert diff == pytest.approx(a - b) and ws.cell(row, 2).number_format == '"€" #,##0'
    notes = "\n".join(str(c.value) for c in wb["Notes and sources"]["A"] if c.value)
    assert "Status: SAMPLE DATA" in notes and "mostly on 1 January 2024" in notes


def test_characters_a_workbook_cannot_hold(tables: dict[str, Comparison],
                                           tmp_path: Path) -> None:
    result = replace(tables["subregion"], table=tables["subregion"].table.copy())
    result.table.loc["IJmond", "name"] = "IJ\x07mond\x00"
    wb = load_workbook(write_workbook(tmp_path / "b.xlsx", {"subregion": result}))
    names = [c.value for c in wb["Deelregio's"]["A"]]
    assert "IJ\ufffdmond\ufffd" in names


def test_workbook_replaces_atomically(tables: dict[str, Comparison], tmp_path: Path) -> None:
    path = tmp_path / "deep" / "b.xlsx"
    write_workbook(path, tables, lang="en", active="municipality")
    write_workbook(path, tables, lang="en", active="municipality")
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.xlsx"]
    assert load_workbook(path).active.title == "Municipalities"


def test_code_column_and_status_line_alike_in_both_languages(region) -> None:
    from geo.analysis import analyse
    from geo.io import read_projects
    from layers.lang import use_lang
    from mapbuilder.compare.xlsx import workbook

    partner = Path(__file__).parent / "data" / "partner" / "excel_brochure_names.xlsx"
    analysis = analyse(read_projects([partner]), region)  # one MRA-wide, one IJmond-wide
    headers, statuses = {}, {}
    for lang in ("nl", "en"):
        with use_lang(lang):
            tables = {lv: compare_areas(analysis, by=lv) for lv in COMPARE_LEVELS}
        wb = workbook(tables, lang=lang, source="register:projects.geojson")
        sheets = wb.sheetnames
        headers[lang] = [[c.value for c in wb[s][1]][:2] for s in sheets[:3]]
        for s, lv in zip(sheets[:3], COMPARE_LEVELS, strict=True):
            ws, table = wb[s], tables[lv].table
            wide = [r for r in range(2, len(table) + 2)
                    if ws.cell(r, 1).value == ("regiobreed" if lang == "nl" else "area-wide")]
            # the area-wide row is there (not for NOVEX areas: both places lie wholly in
            # the urbanisation area and count there, issue 20) ...
            assert len(wide) == (0 if lv == "novex" else 1), (lang, lv)
            if wide and ws.cell(1, 2).value == "Code":  # ... with no code of its own
                assert ws.cell(wide[0], 2).value is None
        statuses[lang] = [c.value for c in wb[sheets[-1]]["A"]][1]
    # subregions have no code apart from their name; municipalities and NOVEX areas do
    assert [h[1] == "Code" for h in headers["nl"]] == [False, True, True]
    assert [h[1] == "Code" for h in headers["en"]] == [False, True, True]
    assert statuses == {"nl": "Status: projecten uit het projectregister projects.geojson.",
                        "en": "Status: projects from the project register projects.geojson."}
