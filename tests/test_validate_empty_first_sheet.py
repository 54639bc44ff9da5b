"""A workbook whose first sheet is empty: the one other sheet with a header row is read,
with a note naming it and --sheet; with several, the error names the sheets that hold
data and the --sheet command to use (the trial's vijandig.xlsx)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from geo.validate import validate_file

HEADER = ["Projectnaam", "Thema", "Bedrag", "Gemeente"]
PROJECT = ["Warmtenet Oost", "Waterstof", "1.000.000", "Amsterdam"]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_the_one_other_sheet_with_projects_is_read_with_a_note(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", {"Leeg": [], "Toelichting": [["Zie blad 2"]],
                                       "Overzicht 2025": [HEADER, PROJECT]})
    report = validate_file(path)
    assert report.readable and report.n_features == 1
    assert list(report.projects["name"]) == ["Warmtenet Oost"]
    (note,) = [p for p in report.problems if p.code == "sheets"]
    assert note.severity == "note"
    assert "'Leeg'" in note.message and "'Overzicht 2025'" in note.message
    assert "--sheet" in note.hint


def test_several_sheets_with_projects_are_named_with_the_command(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", {"Leeg": [], "2024": [HEADER, PROJECT],
                                       "Overzicht 2025": [HEADER, PROJECT]})
    report = validate_file(path)
    assert not report.readable
    (error,) = report.problems
    assert "'Leeg'" in error.message and "'2024'" in error.message
    assert "'Overzicht 2025'" in error.message
    assert 'transitiekaart validate "w.xlsx" --sheet "2024"' in error.hint


@pytest.mark.parametrize("sheets", [{"A": [], "B": []}, {"A": []}])
def test_an_empty_workbook_is_refused(tmp_path: Path,
                                      sheets: dict[str, list[list[object]]]) -> None:
    report = validate_file(_book(tmp_path / "w.xlsx", sheets))
    assert not report.readable
    (error,) = report.problems
    assert "leeg" in error.message


def test_an_empty_sheet_chosen_with_sheet_is_not_replaced(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", {"Leeg": [], "Overzicht": [HEADER, PROJECT]})
    report = validate_file(path, sheet="Leeg")
    assert not report.readable
    assert report.problems[0].message == "het blad is leeg."
