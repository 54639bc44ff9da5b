"""The gaps the page's check closed, in the browser: an earlier release's register, a long
whole amount (the report's JSON has validate's digits: JSON.rawJSON), an unknown EPSG code,
a workbook's date cells (styles read from the workbook the browser unzipped), a sheet's XML
cut off.

The same files and many generated ones are compared in node by
tests/test_check_gaps_parity.py; here the browser's own JSON, zip and regular expressions run.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from geo.validate import validate_file
from layers.lang import use_lang
from tests.e2e.conftest import BuildMap, OpenMap

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent.parent / "data"
KEYS = ("severity", "code", "feature", "row", "column", "field", "value", "message", "hint")
CHECK_AS_JSON = ("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
                 "return window.transitiekaart.checkFile(arg.name, bytes.buffer)"
                 ".then((r) => JSON.stringify(r));")


def test_closed_gaps_give_validates_report_in_the_browser(open_map: OpenMap,
                                                          build_map_file: BuildMap,
                                                          tmp_path: Path) -> None:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["naam", "thema", "startdatum", "bedrag", "lon", "lat"])
    sheet.append(["Waterstofhub", "Waterstof", datetime.datetime(2026, 3, 1), 45000, 4.9, 52.37])
    sheet.cell(row=2, column=4).number_format = "d-m-yyyy"  # an amount formatted as a date
    dated = tmp_path / "datums.xlsx"
    book.save(dated)
    files = [DATA / "partner" / "register_v0.geojson", DATA / "bad" / "amount_huge_integer.geojson",
             DATA / "bad" / "crs_unknown.geojson", DATA / "bad" / "xlsx_date_cell_not_a_date.xlsx",
             DATA / "bad" / "xlsx_broken_sheet_xml.xlsx", dated]
    mp = open_map(build_map_file("--tiles", "none"))
    for path in files:
        text = mp.js(CHECK_AS_JSON, {"name": path.name,
                                     "b64": base64.b64encode(path.read_bytes()).decode()})
        got = json.loads(text)
        with use_lang("nl"):
            want = validate_file(path).to_dict()
        assert got["complete"] is True, (path.name, got["reasons"])
        for key in ("ok", "n_features", "n_valid", "n_errors", "n_notes"):
            assert got[key] == want[key], (path.name, key)
        assert [[p[k] for k in KEYS] for p in got["problems"]] == \
            [[p[k] for k in KEYS] for p in want["problems"]], path.name
    assert mp.errors == []
