"""Hostile files are bounded: zip bombs, dimension bombs, huge cells and lines, XML attacks.

Every hostile file is made here, at test time, in a temporary folder, small on
disk (zip bombs packed by zipfile, a sparse file made with truncate). The ones
that would fill the memory if they were read unbounded are read in a child
process under an address-space limit (RLIMIT_AS), so that a failure cannot take
the machine down; the child reports its peak memory and time, and the test
asserts the message (the file, the part or cell, the limit), the peak and the
time. Each refusal leaves the register and its ``.bak`` byte-identical.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from geo.register import add_to_register
from geo.validate import validate_file
from layers.lang import use_lang
from mapbuilder.cli import main
from tests._workbooks import _NS, MB, ROW, _padded, _rows, make_xlsx, sheet_xml

ROOT = Path(__file__).parents[1]
GOOD = Path(__file__).parent / "data" / "good"

_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
from geo.validate import validate_file
from layers.lang import use_lang
t = time.perf_counter()
with use_lang("en"):
    report = validate_file(sys.argv[1])
    text = report.to_text()
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from a pytest
# worker that has grown to 1.3 GB would report the worker's size, not its own peak
with open("/proc/self/status") as status:
    hwm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - t, "readable": report.readable,
                  "ok": report.ok, "text": text, "peak_mb": hwm_kb / 1024}))
"""


def bounded(path: Path, env: dict[str, str] | None = None,
            address_space: int = 3 << 30) -> dict:
    """Validate ``path`` in a child process whose address space is capped (default 3 GiB:
    the interpreter with numpy, pandas, pyproj and GDAL maps about 1.5 GiB before reading).
    """
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(address_space)],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _refused(result: dict, *fragments: str, peak_mb: float = 1024) -> str:
    text = result["text"]
    assert not result["readable"], text
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    assert result["peak_mb"] < peak_mb, result["peak_mb"]
    assert len(text) < 1000, len(text)
    assert "Traceback" not in text and "unexpected" not in text
    return text


# --------------------------------------------------------------- zip and sheet bombs
def test_declared_dimension_is_not_trusted(tmp_path: Path) -> None:
    """A sheet declaring A1:XFD1048576 with a few real cells is read as those cells."""
    path = make_xlsx(tmp_path / "dim.xlsx", sheet_xml(dimension="A1:XFD1048576"))
    t = time.perf_counter()
    report = validate_file(path)
    assert time.perf_counter() - t < 5
    assert report.ok, report.to_text()
    assert list(report.projects["name"]) == ["Zonnepark"]


def test_a_cell_in_the_last_column_and_row_is_refused_within_bounds(tmp_path: Path) -> None:
    """The issue's 1.7 kB sheet (6 GB in 4 s before): refused, naming the cell and the limit."""
    path = make_xlsx(tmp_path / "xfd.xlsx", sheet_xml(
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:XFD1048576"))
    assert path.stat().st_size < 3000
    result = bounded(path)
    _refused(result, str(path), "column 16,384", "XFD1048576", "limit of 2,000 columns")
    assert result["seconds"] < 5


def test_sheet_that_inflates_a_thousandfold_is_refused_before_inflating(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "bomb.xlsx", _padded(256 * MB), level=9)
    assert path.stat().st_size < 2 * MB
    result = bounded(path)
    _refused(result, "xl/worksheets/sheet1.xml", "unpacks to 268,4", "limit of 200", "zip bomb",
             )
    assert result["seconds"] < 5


def test_part_larger_than_the_limit_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    """A part of real (incompressible) cells over TRANSITIEKAART_MAX_PART_BYTES."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{os.urandom(8).hex()}</v></c></row>'
                   for i in range(3, 60_000))
    path = make_xlsx(tmp_path / "big.xlsx", sheet_xml(rows))
    result = bounded(path, {"TRANSITIEKAART_MAX_PART_BYTES": str(2 * MB)})
    _refused(result, "xl/worksheets/sheet1.xml", "more than the limit of 2,097,152",
             "TRANSITIEKAART_MAX_PART_BYTES")


def test_shared_strings_are_bounded_more_tightly_as_they_are_read_whole(tmp_path: Path) -> None:
    text = os.urandom(3 * MB).hex()  # 6 MB that do not pack
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="1" uniqueCount="1">'
              f"<si><t>{text}</t></si></sst>")
    path = make_xlsx(tmp_path / "shared.xlsx", shared=shared)
    result = bounded(path, {"TRANSITIEKAART_MAX_PART_BYTES": str(16 * MB)})
    _refused(result, "xl/sharedStrings.xml", "limit of 2,097,152")


def test_a_part_that_lies_about_its_size_is_named_damaged(tmp_path: Path) -> None:
    """Declared 1 kB, really 64 MB: zipfile stops at the declared size, the checksum fails."""
    path = make_xlsx(tmp_path / "liar.xlsx", _padded(64 * MB), level=9)
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    assert data.count(real) == 2  # the local header and the central directory
    path.write_bytes(bytes(data).replace(real, fake))
    result = bounded(path)
    _refused(result, "damaged", "xl/worksheets/sheet1.xml")


def test_a_cell_longer_than_excel_allows_is_named(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "long.xlsx", sheet_xml(_rows(("x" * 40_000, "energy", 4.9,
                                                              52.3), start=3)))
    with use_lang("en"):
        text = validate_file(path).to_text()
    assert "cell A3 on sheet 'Projecten' has 40,000 characters" in text
    assert "32,767" in text and len(text) < 600


def test_too_many_cells_are_refused_while_streaming(tmp_path: Path) -> None:
    rows = _rows(*[ROW] * 300, start=3)
    path = make_xlsx(tmp_path / "cells.xlsx", sheet_xml(rows))
    result = bounded(path, {"TRANSITIEKAART_MAX_CELLS": "1000"})
    _refused(result, "more than 1,000 filled cells", "row 251", "TRANSITIEKAART_MAX_CELLS")


def test_a_workbook_of_many_parts_is_refused(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "parts.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        for i in range(10_001):
            z.writestr(f"xl/media/p{i}.bin", b"")
    with use_lang("en"):
        text = validate_file(path).to_text()
    assert "the workbook has 10,007 parts, more than the limit of 10,000" in text


# --------------------------------------------------------------- XML attacks
_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10)) + "]>")


@pytest.mark.parametrize("part", ["sheet", "shared", "workbook"])
def test_billion_laughs_is_refused_with_bounded_memory(tmp_path: Path, part: str) -> None:
    sheet = sheet_xml(prolog=_LAUGHS).replace("<v>4.9</v>", "<v>&lol9;</v>") \
        if part == "sheet" else None
    shared = (f'<?xml version="1.0"?>{_LAUGHS}<sst {_NS}><si><t>&lol9;</t></si></sst>'
              if part == "shared" else None)
    workbook = (f'<?xml version="1.0"?>{_LAUGHS}<workbook {_NS}><sheets><sheet name="&lol9;" '
                'sheetId="1" r:id="rId1"/></sheets></workbook>' if part == "workbook" else None)
    path = make_xlsx(tmp_path / "laughs.xlsx", sheet, shared, workbook)
    result = bounded(path)
    _refused(result, str(path), "DTD", "was not read")


def test_external_entity_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711")
    xxe = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    path = make_xlsx(tmp_path / "xxe.xlsx", shared=(
        f'<?xml version="1.0"?>{xxe}<sst {_NS}><si><t>&xxe;</t></si></sst>'),
        sheet=sheet_xml().replace('t="inlineStr"><is><t>Zonnepark</t></is>', 't="s"><v>0</v>'))
    result = bounded(path)
    text = _refused(result, "xl/sharedStrings.xml", "DTD")
    assert "TOPSECRET" not in text


def test_openpyxl_parses_with_defusedxml() -> None:
    """The second line of defence: openpyxl's own parser forbids entities."""
    import defusedxml.ElementTree
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse is defusedxml.ElementTree.iterparse
    with pytest.raises(defusedxml.EntitiesForbidden):
        functions.fromstring(f'<?xml version="1.0"?>{_LAUGHS}<a>&lol9;</a>')


# --------------------------------------------------------------- CSV and text
@pytest.mark.parametrize("suffix,head", [(".csv", b""), (".geojson", b""),
                                         (".geojson", b'{"type": "FeatureCollection"')])
def test_sparse_gigabyte_file_is_refused_in_seconds(tmp_path: Path, suffix: str,
                                                    head: bytes) -> None:
    path = tmp_path / f"sparse{suffix}"
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(1 << 30)
    assert path.stat().st_blocks < 100  # really sparse: nothing on disk
    result = bounded(path)
    _refused(result, str(path), "NUL bytes", f"byte {len(head)}")
    assert result["seconds"] < 5


def test_gigabyte_without_a_line_break_is_refused_at_the_first_megabyte(tmp_path: Path) -> None:
    path = tmp_path / "one_line.csv"
    path.write_bytes(b"name,theme,lon,lat\n" + b"a" * (40 * MB))
    result = bounded(path)
    _refused(result, "line of more than 1,000,000 bytes", "line 2")
    assert result["seconds"] < 5


@pytest.mark.parametrize("columns,env,fragment", [
    (100_000, {}, "100,000 columns in its first line, more than the limit of 2,000"),
    (10, {"TRANSITIEKAART_MAX_CELLS": "100"}, "more than the limit of 100 cells"),
])
def test_csv_columns_and_cells_are_bounded(tmp_path: Path, columns: int, env: dict,
                                           fragment: str) -> None:
    path = tmp_path / "wide.csv"
    head = ",".join(["name", "theme", "lon", "lat"] + [f"k{i}" for i in range(columns - 4)])
    path.write_text(head + "\n" + ("x,energy,4.9,52.3" + "," * (columns - 4) + "\n") * 20)
    _refused(bounded(path, env), str(path), fragment)


# --------------------------------------------------------------- register untouched
def test_register_and_bak_unchanged_after_each_refusal(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    bak = reg.with_name(reg.name + ".bak")
    before = reg.read_bytes(), bak.read_bytes()
    sparse = tmp_path / "sparse.csv"
    with open(sparse, "wb") as fh:
        fh.truncate(64 * MB)
    hostile = [make_xlsx(tmp_path / "xfd.xlsx", sheet_xml(
        '<row r="9"><c r="XFD9"><v>1</v></c></row>', "A1:XFD1048576")),
        make_xlsx(tmp_path / "bomb.xlsx", _padded(32 * MB), level=9),
        make_xlsx(tmp_path / "laughs.xlsx", sheet_xml(prolog=_LAUGHS)), sparse]
    for path in hostile:
        assert main(["add", str(path), "--register", str(reg)]) == 2
        err = capsys.readouterr().err
        assert path.name in err and "Nothing was added" in err and "Traceback" not in err
        assert (reg.read_bytes(), bak.read_bytes()) == before


# --------------------------------------------------------------- no silent choices
@pytest.mark.parametrize("state,word", [("hidden", "is hidden in Excel"),
                                        ("veryHidden", "is very hidden (veryHidden")])
def test_a_hidden_sheet_that_holds_the_data_gets_a_note(tmp_path: Path, state: str,
                                                        word: str) -> None:
    path = make_xlsx(tmp_path / "hidden.xlsx", second=True, state=f' state="{state}"')
    with use_lang("en"):
        report = validate_file(path)
    assert report.ok
    [note] = [p for p in report.notes if p.code == "hidden_sheet"]
    assert f"the sheet read, 'Projecten', {word}" in note.message
    assert "--sheet" in note.hint and "'Tweede'" in note.hint
    other = validate_file(path, sheet="Tweede")  # --sheet picks another: no note
    assert other.ok and not [p for p in other.notes if p.code == "hidden_sheet"]


def test_visible_first_sheet_gets_no_hidden_note(tmp_path: Path) -> None:
    report = validate_file(make_xlsx(tmp_path / "plain.xlsx"))
    assert report.ok and not [p for p in report.notes if p.code == "hidden_sheet"]


def test_duplicate_top_level_member_is_named_in_dutch_too(tmp_path: Path) -> None:
    path = tmp_path / "dup.geojson"
    feature = ('{"type": "Feature", "properties": {"id": "a", "name": "X", "theme": "ai"}, '
               '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}')
    path.write_text('{"type": "FeatureCollection", "features": [], "features": ['
                    + feature + "]}")
    report = validate_file(path)  # Dutch by default
    assert not report.readable
    assert "het lid 'features' staat twee keer" in report.to_text()
    assert "een lijst van 0 en een lijst van 1" in report.to_text()


def test_running_out_of_memory_is_a_message_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow's ArrowMemoryError (a MemoryError) outside the validator's catch-all."""
    import pyarrow as pa

    import geo.register

    def no_memory(*args: object, **kwargs: object) -> None:
        raise pa.ArrowMemoryError("malloc of size 1073741824 failed")

    monkeypatch.setattr(geo.register, "add_to_register", no_memory)
    assert main(["--lang", "en", "add", str(GOOD / "projects.geojson"), "--register",
                 str(tmp_path / "projects.geojson")]) == 1
    err = capsys.readouterr().err
    assert "this computer's memory ran out; nothing was changed" in err
    assert "Traceback" not in err and not (tmp_path / "projects.geojson").exists()
