"""`compare --format xlsx`: one workbook, a sheet per level, numbers as numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.analysis import Analysis
from geo.comparison import COMPARE_LEVELS, compare
from mapbuilder.cli import main
from mapbuilder.compare_formats import column_label
from mapbuilder.compare_xlsx import number_format, write_workbook


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSITIEKAART_REGISTER", raising=False)
    monkeypatch.delenv("TRANSITIEKAART_LANG", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def tables(sample_analysis: Analysis) -> dict[str, pd.DataFrame]:
    return {lv: compare(sample_analysis, by=lv) for lv in COMPARE_LEVELS}


def test_cli_writes_one_workbook(in_tmp: Path, tables: dict[str, pd.DataFrame],
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
        ws, table = wb[sheet], tables[level]
        header = [c.value for c in ws[1]]
        assert header[0] == "Gebied"
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}" \
                                     f"{len(table) + 1}"
        names = [ws.cell(r, 1).value for r in range(2, len(table) + 2)]
        assert names == list(table["name"])
        for col in ("total_eur", "eur_per_inhabitant", "share_of_mra", "n_projects",
                    "population_date", "lq_ai"):
            j = header.index(column_label(col, "nl", table.attrs)) + 1
            for r, (_, row) in enumerate(table.iterrows(), start=2):
                cell, want = ws.cell(r, j), row[col]
                if col == "population_date":
                    if want:  # a single date is an Excel date; a span stays text
                        got = cell.value.date() if isinstance(cell.value, dt.datetime) \
                            else cell.value
                        assert got == dt.date.fromisoformat(want) if " – " not in want \
                            else got == want
                    continue
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


def test_characters_a_workbook_cannot_hold(tables: dict[str, pd.DataFrame],
                                           tmp_path: Path) -> None:
    table = tables["subregion"].copy()
    table.attrs = tables["subregion"].attrs
    table.loc["IJmond", "name"] = "IJ\x07mond\x00"
    wb = load_workbook(write_workbook(tmp_path / "b.xlsx", {"subregion": table}))
    names = [c.value for c in wb["Deelregio's"]["A"]]
    assert "IJ\ufffdmond\ufffd" in names


def test_workbook_replaces_atomically(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    path = tmp_path / "deep" / "b.xlsx"
    write_workbook(path, tables, lang="en", active="municipality")
    write_workbook(path, tables, lang="en", active="municipality")
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.xlsx"]
    assert load_workbook(path).active.title == "Municipalities"
