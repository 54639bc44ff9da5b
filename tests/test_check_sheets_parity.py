"""The page's reading of a workbook (static/lib/xlsx.js) against validate's (openpyxl, through
geo/validate/workbook.py sheet_rows and tables.py read_xlsx).

Hypothesis writes the same workbooks for both:

- cells of every type the page reads, written by openpyxl (texts, numbers, true/false, empty
  texts, number formats, dates) and as hand-written sheet XML (``t="s"``, ``"inlineStr"``,
  ``"n"``, ``"b"``, ``"str"``, ``"e"``, ``"d"``; with and without ``<v>``, rich text runs,
  entities, a style that makes a number a date): each row the page reads equals openpyxl's,
  a refusal is validate's refusal, and what the page cannot read exactly it declines (the
  check says it is incomplete, never a wrong value);
- workbooks of several sheets whose first sheet is empty (others empty, with a note, with
  projects): the page reads the sheet validate reads, with its note, or refuses as validate
  does, and the sheet chooser's choice is ``validate --sheet``.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.validate import validate_file
from geo.validate.reading import Unreadable
from layers.lang import use_lang
from layers.messages import msg
from tests.test_check_parity import CHECK_FILES, KEYS, LIB, run_js

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

READ_ROWS = (  # lib/xlsx.js sheetRows on the first sheet, as checkAsync unzips a workbook
    "const fs = require('fs'); const zlib = require('zlib');"
    f"const W = require({json.dumps(str(LIB.parent / 'check_workbook.js'))});"
    f"const X = require({json.dumps(str(LIB.parent / 'xlsx.js'))});"
    f"const R = require({json.dumps(str(LIB.parent / 'check_read.js'))});"
    "const inflate = (b) => Promise.resolve(new Uint8Array(zlib.inflateRawSync(b)));"
    "Promise.all(input.data.map((p) => W.unzip(new Uint8Array(fs.readFileSync(p)), rules, 'nl',"
    " inflate).then((got) => { const reasons = [];"
    " if (!got.files) { return {reasons: [got.reason || 'fatal']}; }"
    " const info = {names: [], check: W.cellNamer(got.parts, rules, 'nl')};"
    " const rows = X.sheetRows(got.files, (r) => reasons.push(r), null, info);"
    " const fault = info.fault ? R.refuse(rules, 'nl', info.fault.key, info.fault.fix,"
    " info.fault.vals, info.fault.fixVals).fatal[0] : null;"
    " return {rows: rows, reasons: reasons, fault: fault}; })))"
    ".then((r) => process.stdout.write(JSON.stringify(r)));"
)


def python_rows(path: Path) -> tuple[str, Any]:
    """validate's reading of the first sheet: ("rows", [(row, values)]) or ("error", message)."""
    from geo.validate import workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        with use_lang("nl"):
            rows = workbook.sheet_rows(book, book.worksheets[0])
    except Unreadable as exc:
        return "error", exc.message
    finally:
        book.close()
    if not rows:  # tables.py read_xlsx: a workbook of one sheet, empty
        with use_lang("nl"):
            return "error", msg("tables.empty_sheet")
    return "rows", [(n, [v.isoformat() if hasattr(v, "isoformat") else v for v in r])
                    for n, r in rows]


def _same(values: list[Any]) -> list[Any]:
    """A row's values with a blank cell as None ('' and a cell not written alike) and no
    blank cells at its end."""
    out = [None if v is None or v == "" else
           float(v) if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 else v
           for v in values]  # JSON writes a large double as digits: the same double
    while out and out[-1] is None:
        out.pop()
    return out


def compare(paths: list[Path]) -> list[str]:
    """Per workbook: 'read' (the page's rows are openpyxl's), 'refused' (the same refusal) or
    'declined' (the page says it cannot read it exactly); a difference fails."""
    got = run_js(READ_ROWS, [str(p) for p in paths])
    out = []
    for path, g in zip(paths, got, strict=True):  # type: ignore[arg-type]
        kind, want = python_rows(path)
        if g.get("fault"):
            assert kind == "error" and g["fault"] == want, (path.name, g, want)
            out.append("refused")
        elif g["reasons"] or g["rows"] is None:
            out.append("declined")
        else:
            assert kind == "rows", (path.name, g, want)
            assert [(r["line"], _same(r["cells"])) for r in g["rows"]] == \
                [(n, _same(v)) for n, v in want], path.name
            out.append("read")
    return out


TEXTS = st.one_of(st.sampled_from(["Park", " Park ", "", " ", "a\nb", "a\r\nb", "&<>\"'",
                                   "Café", "_x0041_", "Straße", "1000", "=1+1", "'=1"]),
                  st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                          max_size=6))
VALUES = st.one_of(TEXTS, st.integers(-10**12, 10**12), st.floats(allow_nan=False,
                                                                   allow_infinity=False),
                   st.booleans(), st.none())
FORMATS = st.sampled_from(["General", "General", "0.00", "#,##0", '"€" #,##0', "@",
                           "dd-mm-yyyy", "[h]:mm", "0%", '[$-413]d mmm yyyy', '"dag" 0'])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.tuples(VALUES, FORMATS), max_size=5), min_size=1, max_size=5))
@example(rows=[[(1.7976931348623155e+308, "General")]])  # written so it reads as inf
def test_cells_written_by_openpyxl_read_as_openpyxl_reads_them(rows: list[list[tuple]]) -> None:
    book = openpyxl.Workbook()
    for r, cells in enumerate(rows, 1):
        for c, (value, fmt) in enumerate(cells, 1):
            cell = book.active.cell(row=r, column=c, value=value)
            cell.number_format = fmt
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cellen.xlsx"
        book.save(path)
        compare([path])


_XML_CELLS = st.one_of(
    st.tuples(st.sampled_from(["n", None]), st.sampled_from(
        ["<v>12</v>", "<v>-3.5</v>", "<v>1e5</v>", "<v>1E5</v>", "<v>00012</v>", "<v>+5</v>",
         "<v>.5</v>", "<v>5.</v>", "<v> 7 </v>", "<v>1_000</v>", "<v></v>", "<v/>", "",
         "<v>12345678901234567890</v>", "<v>45000</v>"])),
    st.tuples(st.just("b"), st.sampled_from(["<v>1</v>", "<v>0</v>", "<v>2</v>", "<v></v>",
                                             "", "<v>true</v>", "<v>-1</v>"])),
    st.tuples(st.just("str"), st.sampled_from(["<v>Park</v>", "<v> a </v>", "<v></v>", "",
                                               "<v>a&amp;b</v>", "<v>12</v>"])),
    st.tuples(st.just("e"), st.sampled_from(["<v>#N/A</v>", "<v>#DIV/0!</v>", "<v></v>", ""])),
    st.tuples(st.just("s"), st.sampled_from(["<v>0</v>", "<v>1</v>", "<v>2</v>", "<v></v>", "",
                                             "<v> 1</v>"])),
    st.tuples(st.just("inlineStr"), st.sampled_from(
        ["<is><t>Park</t></is>", '<is><t xml:space="preserve"> a </t></is>',
         "<is><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></is>", "<is/>", "<is><t/></is>",
         "<is><t>a&#10;b</t></is>", "", "<is><t>a\r\nb</t></is>"])),
    st.tuples(st.just("d"), st.sampled_from(["<v>2026-03-01</v>", "<v>2026-03-01T10:00:00</v>"])),
)
_SHARED = ["Naam", " Thema ", ""]


def _hand_written(cells: list[list[tuple]], date_style: bool) -> bytes:
    """A workbook whose first sheet's XML is written by hand: the cells as given (s="1": a
    style with a date format, when `date_style`), shared texts _SHARED."""
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.active.append([1, "x"])  # style 1: a date format (openpyxl's own styles part)
    book.active["A1"].number_format = "dd/mm/yyyy"
    buf = io.BytesIO()
    book.save(buf)
    body = []
    for r, row in enumerate(cells, 1):
        xml = []
        for c, (kind, inner, styled) in enumerate(row, 1):
            t = f' t="{kind}"' if kind else ""
            s = ' s="1"' if styled and date_style else ""
            xml.append(f'<c r="{get_column_letter(c)}{r}"{t}{s}>{inner}</c>')
        body.append(f'<row r="{r}">{"".join(xml)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
             '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(body) + "</sheetData></worksheet>")
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
              'schemas.openxmlformats.org/spreadsheetml/2006/main">'
              + "".join(f"<si><t xml:space=\"preserve\">{t}</t></si>" for t in _SHARED)
              + "</sst>")
    src, out = zipfile.ZipFile(buf), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename).decode()
            if info.filename == "[Content_Types].xml":  # openpyxl writes texts inline
                data = data.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" '
                                    'ContentType="application/vnd.openxmlformats-officedocument'
                                    '.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rIdS" Type="http://'
                                    'schemas.openxmlformats.org/officeDocument/2006/'
                                    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    "</Relationships>")
            dst.writestr(info.filename, sheet if info.filename.endswith("sheet1.xml") else data)
        dst.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(_XML_CELLS, st.booleans()).map(lambda t: (*t[0], t[1])),
                         min_size=1, max_size=4), min_size=1, max_size=4), st.booleans())
@example(cells=[[("b", "<v>1</v>", False), ("str", "<v>Park</v>", False),
                 ("e", "<v>#N/A</v>", False)]], date_style=False)
def test_hand_written_cells_read_as_openpyxl_reads_them(cells: list[list[tuple]],
                                                        date_style: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cellen.xlsx"
        path.write_bytes(_hand_written(cells, date_style))
        compare([path])


def test_the_cell_types_the_page_reads_are_read() -> None:
    """The comparison can fail: text, numbers, true/false, a formula's text and an error
    value are read (not declined), and equal openpyxl's."""
    cells = [[("s", "<v>0</v>", False), ("n", "<v>12</v>", False), ("b", "<v>1</v>", False),
              ("b", "<v>0</v>", False), ("str", "<v>Park</v>", False),
              ("e", "<v>#N/A</v>", False), ("inlineStr", "<is><t>a</t></is>", False)]]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cellen.xlsx"
        path.write_bytes(_hand_written(cells, False))
        assert compare([path]) == ["read"]
        assert python_rows(path)[1] == [(1, ["Naam", 12, True, False, "Park", "#N/A", "a"])]
        path.write_bytes(_hand_written([[("n", "<v>45000</v>", True)]], True))
        assert python_rows(path)[1] == [(1, ["2023-03-15T00:00:00"])]  # a date to openpyxl
        assert compare([path]) == ["read"]  # a date, as openpyxl reads it (lib/xlsx_dates.js)


# ---------------------------------------------------------------- an empty first sheet
HEADER = ["Projectnaam", "Thema", "Bedrag", "Gemeente"]
SHEET_KINDS = {
    "empty": [],
    "note": [["Zie het volgende blad"]],
    "projects": [HEADER, ["Warmtenet Oost", "Waterstof", "1.000.000", "Amsterdam"]],
    "titled": [["Projecten 2026"], [], HEADER, ["Laadpleinen", "Slimme mobiliteit", "750.000",
                                                "Haarlem"]],
}


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Blad1", "Leeg", "Projecten 2026", "Toelichting",
                                           "2025", "Oud's"]),
                          st.sampled_from(sorted(SHEET_KINDS))),
                min_size=1, max_size=4, unique_by=lambda t: t[0]),
       st.booleans(), st.one_of(st.none(), st.integers(0, 3)), st.sampled_from(["nl", "en"]))
@example(sheets=[("Blad1", "empty"), ("Toelichting", "note"), ("Projecten 2026", "projects")],
         first_empty=True, choose=None, lang="nl")
@example(sheets=[("Blad1", "empty"), ("2025", "projects"), ("Projecten 2026", "titled")],
         first_empty=True, choose=None, lang="en")
@example(sheets=[("Blad1", "empty"), ("Leeg", "empty")], first_empty=True, choose=None,
         lang="nl")
def test_an_empty_first_sheet_equals_validate(sheets: list[tuple[str, str]], first_empty: bool,
                                              choose: int | None, lang: str) -> None:
    """The first sheet empty (or not), the others empty, with a note or with projects; no
    sheet chosen, or one chosen in the page's sheet chooser: the page reads the sheet validate
    reads (``--sheet`` when chosen) with the same note, or gives validate's one error."""
    if first_empty:
        sheets = [(sheets[0][0], "empty"), *sheets[1:]]
    chosen = sheets[choose % len(sheets)][0] if choose is not None else None
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, kind in sheets:
        ws = book.create_sheet(name)
        for row in SHEET_KINDS[kind]:
            ws.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "werkmap.xlsx"
        book.save(path)
        script = CHECK_FILES.replace("inflate)", "inflate, input.data.sheet)")
        got = run_js(script, {"files": [{"name": path.name, "path": str(path)}], "lang": lang,
                              "sheet": chosen})[0]  # type: ignore[index]
        with use_lang(lang):
            want = validate_file(path, sheet=chosen).to_dict()
    assert got["complete"], got["reasons"]
    assert [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    assert (got["ok"], got["n_features"], got["n_valid"]) == \
        (want["ok"], want["n_features"], want["n_valid"])
    if got["readable"]:  # the chooser shows the sheet that was read
        headed = [n for n, k in sheets[1:] if k in ("projects", "titled")]
        read = chosen or (headed[0] if sheets[0][1] == "empty" and len(sheets) > 1
                          else sheets[0][0])
        assert got["sheet"] == read and got["sheets"] == [n for n, _ in sheets]
