"""Minimal Excel workbooks written part by part, so that any part can be broken or hostile.

Used by tests/test_hostile.py and by tests/data/bad/_make_corpus.py (the fault corpus).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MB = 1 << 20

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
       'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
       'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
HEADER = ("name", "theme", "lon", "lat")
ROW = ("Zonnepark", "energy", 4.9, 52.37)


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _rows(*rows: tuple[object, ...], start: int = 1) -> str:
    out = []
    for i, row in enumerate(rows, start):
        cells = "".join(_cell(f"{'ABCDEFGHIJ'[j]}{i}", v) for j, v in enumerate(row))
        out.append(f'<row r="{i}">{cells}</row>')
    return "".join(out)


def sheet_xml(data: str = "", dimension: str = "A1:D2", prolog: str = "") -> str:
    """A worksheet with the header and one project row, then ``data`` inside sheetData."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {_NS}>'
            f'<dimension ref="{dimension}"/><sheetData>{_rows(HEADER, ROW)}{data}'
            '</sheetData></worksheet>')


def make_xlsx(path: Path, sheet: str | bytes | None = None, shared: str | bytes | None = None,
              workbook: str | None = None, second: bool = False, state: str = "",
              level: int = 6, drop: tuple[str, ...] = ()) -> Path:
    """A minimal workbook written part by part (so that any part can be hostile)."""
    sheets = (f'<sheet name="Projecten" sheetId="1" r:id="rId1"{state}/>'
              + ('<sheet name="Tweede" sheetId="2" r:id="rId2"/>' if second else ""))
    parts = {
        "[Content_Types].xml": _CT, "_rels/.rels": _RELS,
        "xl/workbook.xml": workbook or (f'<?xml version="1.0" encoding="UTF-8"?><workbook '
                                        f'{_NS}><sheets>{sheets}</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": _WB_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
        "xl/sharedStrings.xml": shared if shared is not None else (
            f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="0" uniqueCount="0"/>'),
    }
    if second:
        parts["xl/worksheets/sheet2.xml"] = sheet_xml()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, text in parts.items():
            if name not in drop:  # a fixed date: the corpus is the same on every run
                z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text,
                           compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return path


def _padded(n: int) -> bytes:
    """A worksheet with ``n`` bytes of white space in its sheetData (valid XML, packs 1000:1)."""
    head, tail = sheet_xml().encode().split(b"</sheetData>")
    return head + b" " * n + b"</sheetData>" + tail
