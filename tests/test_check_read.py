"""The page's reading of a file (static/lib/check_read.js, lib/check_geometry.js) against
``transitiekaart validate``'s (geo/validate/reading.py, tables.py).

Hypothesis feeds the same texts to both: JSON (valid, cut off, with a character put in or
left out) to Python's json.loads and the page's port of it (the same error at the same line
and column, the same repr of what it read); floats to Python's repr; GeoJSON geometries to
reading.py's geometry check; whole GeoJSON documents and CSV files to ``validate`` (where the
page's check says it is complete, the same problems; a refusal is never the page's alone).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.lang import use_lang
from mapbuilder.mappage.check_rules import check_rules
from tests.test_check_parity import KEYS, LIB, check_js, python_report, run_js

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

READ = json.dumps(str(LIB.parent / "check_read.js"))
GEOMETRY = json.dumps(str(LIB.parent / "check_geometry.js"))

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15),
                     st.floats(allow_nan=False, allow_infinity=False),
                     st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                             max_size=8))
JSON_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)),
    max_leaves=12)
NOISE = st.sampled_from([*'{}[],:"\\u0n-1e.+ \n\t\x01éN', "NaN", "Infinity", "\\ud800",
                         "\U0001f600", "tru", "1e5"])


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON as json.dumps writes it, then perhaps cut off, or with a piece put in or left out."""
    text = json.dumps(draw(JSON_VALUES), ensure_ascii=draw(st.booleans()),
                      indent=draw(st.sampled_from([None, 1])))
    how = draw(st.sampled_from(["as is", "cut", "insert", "drop"]))
    at = draw(st.integers(0, len(text)))
    if how == "cut":
        return text[:at]
    if how == "insert":
        return text[:at] + draw(NOISE) + text[at:]
    if how == "drop":
        return text[:at] + text[at + 1:]
    return text


@settings(max_examples=100, deadline=None)
@given(st.lists(json_texts(), min_size=5, max_size=40))
def test_json_parse_equals_json_loads(texts: list[str]) -> None:
    """parseJson against json.loads: an error with the same message, line and column; else
    the same value, shown by the page's repr exactly as Python's repr shows it."""
    got = run_js(f"const R = require({READ});"
                 "process.stdout.write(JSON.stringify(input.data.map((t) => {"
                 " const r = R.parseJson(t, 1100);"
                 " if (r.error) { return {error: r.error, at: R.lineColumn(t, r.pos)}; }"
                 " return {repr: R.pyRepr(r.value, r.meta, r.isFloat)}; })));", texts)
    for text, g in zip(texts, got, strict=True):  # type: ignore[arg-type]
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            assert g.get("error") == exc.msg, (text, g, exc.msg)
            assert (g["at"]["line"], g["at"]["column"]) == (exc.lineno, exc.colno), (text, g)
            continue
        assert "error" not in g, (text, g)
        if g["repr"] is not None:  # None: a character the page does not show as Python does
            assert g["repr"] == repr(value), text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(allow_nan=False), min_size=10, max_size=100))
def test_float_repr_equals_python(values: list[float]) -> None:
    """pyFloat against repr(float): the shortest digits, laid out as Python does."""
    got = run_js(f"const R = require({READ});"
                 "process.stdout.write(JSON.stringify(input.data.map((v) =>"
                 " R.pyFloat(v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v))));",
                 [v if abs(v) != float("inf") else ("inf" if v > 0 else "-inf") for v in values])
    assert got == [repr(v) for v in values]


_NUMBER = st.one_of(st.floats(4.0, 6.0), st.integers(-200, 200), st.just(52.37),
                    st.sampled_from([float("nan"), float("inf")]))
_POSITION = st.one_of(
    st.lists(_NUMBER, min_size=2, max_size=3),
    st.lists(st.one_of(_NUMBER, st.sampled_from(["4.89", "", None, True, [1]])), min_size=0,
             max_size=5))
_RING = st.one_of(st.lists(_POSITION, max_size=5),
                  st.lists(st.lists(st.floats(4.0, 6.0), min_size=2, max_size=2), min_size=3,
                           max_size=5).map(lambda r: [*r, r[0]]))
GEOMETRIES = st.one_of(
    st.none(), st.sampled_from([1, "Point", [4.9, 52.3]]),
    st.fixed_dictionaries({"type": st.sampled_from(["Point"]), "coordinates": _POSITION}),
    st.fixed_dictionaries({"type": st.sampled_from(["MultiPoint", "LineString"]),
                           "coordinates": st.lists(_POSITION, max_size=3)}),
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": st.lists(_RING, max_size=2)}),
    st.fixed_dictionaries({"type": st.just("MultiPolygon"),
                           "coordinates": st.lists(st.lists(_RING, max_size=2), max_size=2)}),
    st.fixed_dictionaries({"type": st.sampled_from(["GeometryCollection", "Circle", None, 7]),
                           "coordinates": st.just([1, 2])}),
    st.fixed_dictionaries({"type": st.just("Point")}))


@settings(max_examples=60, deadline=None)
@given(st.lists(GEOMETRIES, min_size=5, max_size=30), st.sampled_from(["nl", "en"]))
def test_geometry_problems_equal_python(geoms: list[object], lang: str) -> None:
    """readGeometry against reading.py _geojson_geometry: the same refusal (message, fix,
    code, value) or none; declined only where a value cannot be shown as Python shows it."""
    from geo.validate.reading import _geojson_geometry

    texts = [json.dumps(g) for g in geoms]
    got = run_js(f"const R = require({READ}); const G = require({GEOMETRY});"
                 "process.stdout.write(JSON.stringify(input.data.texts.map((t) => {"
                 " const r = R.parseJson(t, 1100);"
                 " return G.readGeometry(r.value, r.meta, rules, input.data.lang); })));",
                 {"texts": texts, "lang": lang})
    with use_lang(lang):
        for text, g in zip(texts, got, strict=True):  # type: ignore[arg-type]
            _, problem = _geojson_geometry(json.loads(text), 1)
            if g.get("declined"):  # a value the page cannot show, or 2-D with 3-D positions
                sizes = {len(p.split(",")) for p in re.findall(r"\[([^\[\]]*)\]", text)}
                assert problem is not None or len(sizes) > 1, text
                continue
            if problem is None:
                assert "problem" not in g, (text, g)
                continue
            want = problem.to_dict()
            assert [g["problem"][k] for k in ("message", "hint", "code")] == \
                [want["message"], want["hint"], want["code"]], text
            assert json.dumps(g["problem"]["value"]) == json.dumps(want["value"]) or \
                want["value"] != want["value"], text


_TOP = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries({"type": st.sampled_from(["FeatureCollection", "Feature", "Point",
                                                    "GeometryCollection", "Featurecollection",
                                                    None, 3]),
                           "features": st.one_of(st.just([]), st.just({}), st.none(),
                                                 st.just("x"))},
                          optional={"crs": st.sampled_from([
                              None, {"type": "link", "properties": {"href": "http://x/crs"}},
                              {"type": "name", "properties": {"name": "EPSG:4326"}},
                              {"type": "name"}, "EPSG:28992", [1, 2.0]])}))
_FEATURE = st.fixed_dictionaries(
    {"type": st.sampled_from(["Feature", "Feature", "Featur"]),
     "properties": st.one_of(st.fixed_dictionaries({"name": st.just("Zonnepark"),
                                                    "theme": st.just("smart_energy"),
                                                    "id": st.sampled_from(["p1", "p2"])}),
                             st.just([1, 2]), st.none()),
     "geometry": st.one_of(GEOMETRIES,
                           st.just({"type": "Point", "coordinates": [4.89, 52.37, 2.0]}))})


def _document(top: object, features: list[object], twice: bool) -> str:
    if isinstance(top, dict) and top.get("type") == "FeatureCollection" and features:
        top = {**top, "features": features}
    text = json.dumps(top)
    if twice and isinstance(top, dict) and text.endswith("}"):
        text = text[:-1] + ', "features": []}'
    return text


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(_TOP, st.lists(_FEATURE, max_size=3), st.booleans()), min_size=1,
                max_size=8), st.sampled_from(["nl", "en"]))
def test_documents_equal_validate(docs: list[tuple], lang: str) -> None:
    """Whole GeoJSON documents, as a GIS or a hand writes them: where the page's check says
    it is complete, its problems equal ``validate``'s; a refusal is never the page's alone."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, (top, features, twice) in enumerate(docs):
            path = Path(tmp) / f"doc{k}.geojson"
            path.write_text(_document(top, features, twice), encoding="utf-8")
            paths.append(path)
        for path, got in zip(paths, check_js(paths, lang), strict=True):
            want = python_report(path, lang)
            if got["complete"]:
                assert [[p[k] for k in KEYS] for p in got["problems"]] == \
                    [[p[k] for k in KEYS] for p in want["problems"]], path.read_text()
                assert got["n_features"] == want["n_features"]
            else:
                assert got["ok"] is not True and not any(
                    p["severity"] == "error" and p["feature"] is None for p in got["problems"])


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 2100), st.integers(0, 3), st.sampled_from([";", ","]),
                          st.one_of(st.none(), st.integers(0, 200))), min_size=1, max_size=4),
       st.sampled_from(["nl", "en"]))
def test_csv_bounds_equal_validate(cases: list[tuple], lang: str) -> None:
    """CSV files with many columns, few rows, a NUL byte somewhere, no location columns or
    no rows: the page refuses exactly where and as validate does."""
    limit = check_rules()["reading"]["max_columns"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, (columns, rows, sep, nul) in enumerate(cases):
            head = ["naam", "thema", "lon", "lat"] if columns % 3 else ["id", "naam", "thema"]
            head += [f"extra{i}" for i in range(max(columns, limit - 5 + columns % 10) -
                                                len(head))] if columns > 1000 else []
            lines = [sep.join(head)] + [sep.join(["Park", "ai", "4.9", "52.37"] +
                                                 [""] * (len(head) - 4)) for _ in range(rows)]
            data = ("\n".join(lines) + "\n").encode()
            if nul is not None:
                data = data[:nul] + b"\x00" + data[nul:]
            path = Path(tmp) / f"sheet{k}.csv"
            path.write_bytes(data)
            paths.append(path)
        for path, got in zip(paths, check_js(paths, lang), strict=True):
            want = python_report(path, lang)
            if got["complete"]:
                assert [[p[k] for k in KEYS] for p in got["problems"]] == \
                    [[p[k] for k in KEYS] for p in want["problems"]], path.name


@pytest.mark.parametrize("text", ["null", " null\n"])
def test_a_file_of_only_null_is_not_geojson(tmp_path: Path, text: str) -> None:
    """A GeoJSON file holding only ``null`` is named as JSON that is not GeoJSON (it was an
    unexpected error: reading.py took None for newline-delimited GeoJSON), as the page says."""
    path = tmp_path / "null.geojson"
    path.write_text(text, encoding="utf-8")
    with use_lang("en"):
        want = python_report(path, "en")
    assert [p["message"] for p in want["problems"]] == \
        ["is JSON but not GeoJSON: the top level is a NoneType, not an object."]
    got = check_js([path], "en")[0]
    assert got["complete"] and got["problems"] == [{**got["problems"][0], **{
        k: want["problems"][0][k] for k in KEYS}}]


_CELL = st.one_of(
    st.tuples(st.just("s"), st.sampled_from(["0", "1", "2", "7", "x"])),
    st.tuples(st.just("n"), st.sampled_from(["4.9", "52.37", "1000", "abc", "1.", "nan", "-3",
                                             "2e3", "één"])),
    st.tuples(st.just("inlineStr"), st.sampled_from(["Park", "ai", ""])))
_REF = st.sampled_from(["", "", "", "AAAA", "XFD", "XFE", "CZZ", "a"])


def _workbook_bytes(base: bytes, rows: list[list[tuple]], dtd: bool, pad: int) -> bytes:
    """An openpyxl workbook with its first sheet's XML written anew: the generated cells (with
    now and then a reference Excel does not have), a DTD, or a part that packs very well."""
    import io
    import zipfile

    from openpyxl.utils import get_column_letter

    body = []
    for r, cells in enumerate(rows, 1):
        out = []
        for k, (kind, value, col) in enumerate(cells, 1):
            ref = f"{col or get_column_letter(k)}{r}"
            inner = f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>"
            out.append(f'<c r="{ref}" t="{kind}">{inner}</c>')
        body.append(f'<row r="{r}">{"".join(out)}</row>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           + ('<!DOCTYPE x [<!ENTITY a "b">]>' if dtd else "")
           + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + f"<sheetData>{''.join(body)}</sheetData>" + " " * pad + "</worksheet>")
    src, out_buf = zipfile.ZipFile(io.BytesIO(base)), io.BytesIO()
    with zipfile.ZipFile(out_buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else \
                src.read(info.filename)
            dst.writestr(info.filename, data)
    return out_buf.getvalue()


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.tuples(_CELL, _REF), min_size=1, max_size=4), min_size=1,
                max_size=4), st.booleans(), st.sampled_from([0, 0, 0, 3 << 20]),
       st.sampled_from(["nl", "en"]))
def test_workbooks_equal_validate(rows: list[list[tuple]], dtd: bool, pad: int,
                                  lang: str) -> None:
    """Damaged and hostile workbooks (a shared text that is not there, a number cell holding
    text, a cell reference Excel does not have, a cell past the column limit, a DTD, a part
    packed a thousand times): the page refuses as validate does, or says it is incomplete."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Projecten"
    book.active.append(["naam", "thema", "lon", "lat"])
    book.active.append(["Park", "ai", 4.9, 52.37])
    base = io.BytesIO()
    book.save(base)
    cells = [[(kind, value, col) for (kind, value), col in row] for row in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "werkmap.xlsx"
        path.write_bytes(_workbook_bytes(base.getvalue(), cells, dtd, pad))
        got = check_js([path], lang)[0]
        want = python_report(path, lang)
    if got["complete"]:
        assert [[p[k] for k in KEYS] for p in got["problems"]] == \
            [[p[k] for k in KEYS] for p in want["problems"]], cells
    else:
        assert got["ok"] is not True
