"""Municipalities and subregions alphabetically in every table and message (issue 20, item 9).

The CBS codes put Almere (GM0034) before Aalsmeer (GM0358), and IJmond (its first
municipality GM0375) before Gooi en Vechtstreek (GM0376); a reader looks them up by name.
A file with projects in all four goes through every output that lists places, in Dutch and
English, and each must name Aalsmeer before Almere and Gooi en Vechtstreek before IJmond.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from mapbuilder.cli import main

SHEET = """\
id;naam;thema;bedrag_eur;gemeente;deelregio
A-1;Almere project;Waterstof;1000000;Almere;
A-2;Aalsmeer project;Waterstof;2000000;Aalsmeer;
A-3;Velsen project;Slimme mobiliteit;500000;Velsen;
A-4;Hilversum project;Waterstof;800000;Hilversum;
A-5;Regio IJmond;Waterstof;300000;;IJmond
A-6;Regio Gooi;Waterstof;300000;;Gooi en Vechtstreek
"""
MUNICIPALITIES = re.compile(r"Aalsmeer|Almere(?![-\w])")
SUBREGIONS = re.compile(r"Gooi en Vechtstreek|IJmond")


def _in_order(text: str, pattern: re.Pattern[str], first: str) -> list[int]:
    """Offsets where the other place comes before ``first``: each table, list or message
    names both in turn (a name written twice in a row, as key and name, counts once), so
    the names must go ``first``, other, ``first``, other, ...; empty when alphabetical."""
    found = list(pattern.finditer(text))
    assert len({m.group() for m in found}) == 2, "both places must be named"
    runs = [m for k, m in enumerate(found) if k == 0 or found[k - 1].group() != m.group()]
    return [m.start() for k, m in enumerate(runs) if (m.group() == first) != (k % 2 == 0)]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("order") / "plaatsen.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("by", ["municipality", "subregion"])
@pytest.mark.parametrize("fmt", ["table", "csv", "csv-plain", "md", "json", "html"])
def test_compare_outputs_are_alphabetical(sheet: Path, tmp_path: Path, fmt: str, by: str,
                                          lang: str) -> None:
    out = tmp_path / f"cmp.{fmt}"
    assert main(["--lang", lang, "compare", "--projects", str(sheet), "--by", by,
                 "--format", fmt, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    if by == "municipality":
        assert _in_order(text, MUNICIPALITIES, "Aalsmeer") == []
    else:
        assert _in_order(text, SUBREGIONS, "Gooi en Vechtstreek") == []


@pytest.mark.parametrize("by", ["municipality", "subregion"])
def test_compare_workbook_is_alphabetical(sheet: Path, tmp_path: Path, by: str) -> None:
    out = tmp_path / "cmp.xlsx"
    assert main(["compare", "--projects", str(sheet), "--by", by, "--format", "xlsx",
                 "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    for ws, pattern, first in ((book["Gemeenten"], MUNICIPALITIES, "Aalsmeer"),
                               (book["Deelregio's"], SUBREGIONS, "Gooi en Vechtstreek")):
        cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c]
        assert _in_order("\n".join(cells), pattern, first) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_build_summary_and_area_messages_are_alphabetical(sheet: Path, tmp_path: Path, capsys,
                                                          lang: str) -> None:
    assert main(["--lang", lang, "build", "--projects", str(sheet), "--tiles", "none",
                 "--out", str(tmp_path / "map.html")]) == 0
    summary = capsys.readouterr().out
    assert _in_order(summary, SUBREGIONS, "Gooi en Vechtstreek") == []
    # an unknown area for --a/--b lists the names to choose from
    assert main(["--lang", lang, "compare", "--projects", str(sheet), "--a", "Nergens",
                 "--b", "Almere"]) != 0
    err = capsys.readouterr().err
    assert "Nergens" in err
    assert _in_order(err, MUNICIPALITIES, "Aalsmeer") == []
    assert _in_order(err, SUBREGIONS, "Gooi en Vechtstreek") == []
