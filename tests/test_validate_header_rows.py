"""A data row that repeats the header (a second header row, a header repeated per printed
page) is skipped with one note naming the row, in CSV and Excel; a project whose name
happens to be a header word ("Naam") is a project (the trial's vijandig.xlsx)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.validate import validate_file
from geo.validate.tables import is_repeated_header
from layers.lang import use_lang

HEADER = ["Projectnaam", "Thema", "Bedrag", "Gemeente", "Status"]
PROJECTS = [["Warmtenet Oost", "Waterstof", "1.000.000", "Amsterdam", "gepland"],
            ["Laadpleinen", "Slimme mobiliteit", "€ 2,5 mln", "Haarlem", "idee"]]
SECOND = ["Naam", "Thema", "Bedrag (€)", "Gemeente", "Status"]


def _write(path: Path, rows: list[list[Any]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    return path


def _notes(report: Any, code: str) -> list[Any]:
    return [p for p in report.problems if p.code == code]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_second_header_row_is_skipped_with_a_note(tmp_path: Path, suffix: str) -> None:
    rows = [["Investeringsagenda 2025", None, None, None, None], HEADER, SECOND, *PROJECTS]
    report = validate_file(_write(tmp_path / f"p{suffix}", rows))
    assert report.n_features == 2
    assert not [p for p in report.problems if p.severity == "error"]
    (note,) = _notes(report, "header_repeated")
    assert note.severity == "note" and note.feature is None
    assert note.message.startswith("rij 3 herhaalt de kopregel")
    assert sorted(report.projects["name"]) == sorted(p[0] for p in PROJECTS)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_header_repeated_per_page_is_one_note_naming_the_rows(tmp_path: Path,
                                                             suffix: str) -> None:
    rows = [HEADER, PROJECTS[0], HEADER, PROJECTS[1], [h.upper() for h in HEADER]]
    with use_lang("en"):
        report = validate_file(_write(tmp_path / f"p{suffix}", rows))
    assert report.n_features == 2
    (note,) = _notes(report, "header_repeated")
    assert note.message.startswith("rows 3, 5 repeat the header row")
    # the rows after a skipped one keep their own row numbers in the sheet
    assert list(report.projects["name"]) == [PROJECTS[0][0], PROJECTS[1][0]]


_REAL = {"Projectnaam": st.sampled_from(["Warmtenet Oost", "Laadpleinen", "Naam"]),
         "Thema": st.sampled_from(["Waterstof", "Slimme mobiliteit", "Thema"]),
         "Bedrag": st.sampled_from(["1.000.000", "750000", "Bedrag"]),
         "Gemeente": st.sampled_from(["Amsterdam", "Zaanstad", "Gemeente"]),
         "Status": st.sampled_from(["gepland", "idee", "Status", None])}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=st.fixed_dictionaries(_REAL))
def test_a_row_is_a_repeated_header_only_when_mostly_headers(row: dict[str, Any]) -> None:
    cells = [row[h] for h in HEADER]
    filled = [c for c in cells if c is not None]
    same = sum(1 for h, h2, c in zip(HEADER, SECOND, cells, strict=True) if c in (h, h2))
    if same <= 1:  # one header word in a row of values: a project (named "Naam", say)
        assert not is_repeated_header(HEADER, cells)
    assert is_repeated_header(HEADER, cells) == (same >= 2 and 2 * same > len(filled))


@pytest.mark.parametrize("column", range(len(HEADER)))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_project_with_one_header_word_is_read(tmp_path: Path, column: int,
                                                suffix: str) -> None:
    project = list(PROJECTS[0])
    project[column] = SECOND[column]  # e.g. a project named "Naam"
    report = validate_file(_write(tmp_path / f"p{suffix}", [HEADER, project, PROJECTS[1]]))
    assert report.n_features == 2
    assert not _notes(report, "header_repeated")
