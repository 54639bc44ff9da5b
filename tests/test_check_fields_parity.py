"""The page's field rules (static/lib/check_fields.js, check_amounts.js, check_themes.js,
check_ids.js) against ``transitiekaart validate``'s (geo/validate/fields.py, amounts.py,
themes.py, controls.py, checks.py, places.py likely_duplicates).

Hypothesis feeds the same values to both and requires the same problem (severity, code,
message, fix) in both languages; where the page declines a value it says so (the check is
then incomplete), and only for the values the docstrings of the JS modules name. The last
test writes whole GeoJSON files of such values and compares the page's report with
``validate --format json`` (or requires the page to say its check is incomplete).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.themes import THEME_CODES, match_theme, theme_names
from geo.validate.amounts import SMALL_AMOUNT_EUR, read_amount
from geo.validate.fields import _theme_broader_note, small_amount_problem, to_text, url_ok
from geo.validate.report import Problem
from geo.validate.themes import theme_problem
from layers.lang import use_lang
from layers.messages import msg
from tests.test_check_parity import (
    NODE,
    TYPED_TEXT,
    check_js,
    check_sheet,
    run_js,
)

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib"
REQUIRE = (f"const A = require({json.dumps(str(LIB / 'amounts.js'))});"
           f"const M = require({json.dumps(str(LIB / 'check_amounts.js'))});"
           f"const F = require({json.dumps(str(LIB / 'check_fields.js'))});"
           f"const T = require({json.dumps(str(LIB / 'check_themes.js'))});")


def run(script: str, data: object) -> Any:
    return run_js(REQUIRE + script, data)


AMOUNTS = st.one_of(
    TYPED_TEXT, st.integers(-10**6, 10**15), st.floats(-1e4, 1e14, allow_nan=False),
    st.floats(0, 999), st.booleans(), st.none(), st.just([1]), st.just({"a": 1}),
    st.sampled_from(["NaN", "-inf", "Infinity", "1e999", "twee miljoen", "1.250k", "€ 1.250 mln",
                     "1,250 mln", "2.500.000,-", "-2,5 mln", "0,5", "€ 0,75", "1.234.567.891",
                     "5000000000000", "ca. 1 mln", "1,5 mld", "12,345", "0.250", "1000.000"]),
    st.tuples(st.integers(1, 9_999_999), st.sampled_from([".", ","]), st.integers(0, 999))
    .map(lambda t: f"{t[0]}{t[1]}{t[2]:03d}"))


def _amount_problem(value: object, unit: float, notation: str | None, evidence: str
                    ) -> list[object] | None:
    """What check_properties says about an amount (fields.py), without the feature."""
    got = read_amount(value, unit, notation, evidence)
    if got.message:
        return ["error", "amount", msg("fields.the_amount", problem=got.message), got.fix]
    if got.note is not None:
        return ["note", got.code, got.note[0], got.note[1]]
    if got.amount is not None and 0 < got.amount < SMALL_AMOUNT_EUR:
        p = small_amount_problem(1, got.amount, value, {}, unit)
        return [p.severity, p.code, p.message, p.hint]
    return None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(AMOUNTS, st.sampled_from([1.0, 1e3, 1e6, 1e9]),
                          st.sampled_from([None, "nl", "en"]),
                          st.sampled_from(["column", "header", "file", "headers", "lang"]),
                          st.sampled_from(["nl", "en"])), min_size=1, max_size=30))
def test_amount_problems_equal_python(cases: list[tuple]) -> None:
    """lib/amounts.js read + check_amounts.js amountProblem against read_amount and
    check_properties: every refusal's message and fix, the notation note, the no-amount
    note and the small-amount note, in both languages (numbers in each one's notation)."""
    got = run("process.stdout.write(JSON.stringify(input.data.map((c) => {"
              " const fill = F.filler(rules, c[4]);"
              " const g = A.read(c[0], {unit: c[1], notation: c[2], evidence: c[3],"
              " unknown: rules.unknown_amounts});"
              " const p = M.amountProblem(g, c[0], c[1], c[2], c[3], rules, c[4], fill);"
              " return p === null ? null : p.why ? 'why' :"
              " [p.severity, p.code, p.message, p.hint]; })));", cases)
    for (value, unit, notation, evidence, lang), g in zip(cases, got, strict=True):
        with use_lang(lang):
            want = _amount_problem(value, unit, notation, evidence)
        if g == "why":  # digits of another script: the page declines
            assert isinstance(value, str) and re.search(r"[^\x00-\x7f]", value), value
            continue
        assert g == want, (value, unit, notation, evidence, lang)


THEME_NAMES = [n for c in THEME_CODES for n in theme_names(c)]


def _typo(text: str, k: int) -> str:
    k %= max(len(text), 1)
    return text[:k] + text[k + 1:] if k % 2 else text[:k] + text[k:k + 1] + text[k:]


THEMES = st.one_of(
    st.sampled_from(THEME_NAMES),
    st.tuples(st.sampled_from(THEME_NAMES), st.integers(0, 40)).map(lambda t: _typo(*t)),
    st.lists(st.sampled_from(["slimme", "Waterstof", "(AI)", "&", "en", "data", "bouwen", "zorg",
                              "Circulaire", "economie", "energie", "mobiliteit", "Zonne"]),
             min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["Circulaire economie", "  circulaire   economie ", "Zonne-energie", "{{7*7}}",
                     "Sport", "", "   ", "Waterstoff", "Energie en AI"]),
    st.text(max_size=15), st.none(), st.integers(0, 9))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(THEMES, st.sampled_from(["nl", "en"])), min_size=1, max_size=30))
def test_theme_problems_equal_python(cases: list[tuple[object, str]]) -> None:
    """check_themes.js against match_theme, theme_problem (missing, fits two, unknown with
    difflib's "did you mean" in the same order) and the broader-theme note."""
    got = run("process.stdout.write(JSON.stringify(input.data.map((c) => {"
              " const fill = F.filler(rules, c[1]); const m = T.matchTheme(c[0], rules);"
              " if (m === null) { return 'why'; }"
              " if (m.code === null) { return [null, T.themeProblem(c[0], m, rules, c[1], fill)]; }"
              " return [m.code, m.broader ? T.broaderNote(c[0], m.code, rules, c[1], fill) : null];"
              " })));", cases)
    for (value, lang), g in zip(cases, got, strict=True):
        with use_lang(lang):
            m = match_theme(value)
            if m.code is None:
                want = [None, list(theme_problem(value))]
            elif m.broader:
                note = _theme_broader_note(str(value), m.code, 1, {})
                want = [m.code, [note.message, note.hint]]
            else:
                want = [m.code, None]
        if g == "why":  # difflib's autojunk (200 characters and more) is not ported
            assert isinstance(value, str) and len(value) >= 100, value
            continue
        assert g == want, (value, lang)


CONTROL_TEXT = st.text(st.one_of(st.characters(max_codepoint=0x9f), st.sampled_from(
    ["é", "🚀", "\t", "\n", "\r", "\x1b", "\x00", "\x85", "\x7f", "a", " "])), max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(
    st.one_of(CONTROL_TEXT, st.just({"$gt": ""}), st.just(["a"]), st.just("bad \ud800 text"),
              st.just("\udc00x"), st.just("ok 🚀"), st.none(), st.booleans()),
    st.sampled_from(["id", "name", "organisation", "status", "url", "description"]),
    st.sampled_from(["nl", "en"])), min_size=1, max_size=30))
def test_text_fields_equal_python(cases: list[tuple[object, str, str]]) -> None:
    """check_fields.js toText against fields.to_text and controls.control_problem: a list or
    object, a lone surrogate, control characters per field (an error, a note in the
    description), the character escaped and its position counted in characters."""
    got = run("process.stdout.write(JSON.stringify(input.data.map((c) => {"
              " const out = []; const t = F.toText(c[0], c[1], out, c[2], F.filler(rules, c[2]));"
              " return [t && t.text, out.map((p) => [p.severity, p.code, p.message, p.hint])];"
              " })));", cases)
    for (value, fname, lang), (text, problems) in zip(cases, got, strict=True):
        found: list[Problem] = []
        with use_lang(lang):
            want = to_text(value, fname, 1, found, {})
        assert text == want, (value, fname)
        assert problems == [[p.severity, p.code, p.message, p.hint] for p in found], (value, fname)


URLS = st.one_of(
    st.tuples(st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "javascript:",
                               "mailto:", "", "www.", "http:/", "https:///"]),
              st.sampled_from(["www.voorbeeld.nl", "bücher.de", "", "a", "xn--bcher-kva.de",
                               "host:8080", "user@host", "10.0.0.1"]),
              st.sampled_from(["", "/", "/project?id=1#x", "/pad met spatie", "?q", "#"]))
    .map("".join),
    st.text(max_size=20))


@settings(max_examples=80, deadline=None)
@given(st.lists(URLS, min_size=1, max_size=40))
def test_urls_equal_python(urls: list[str]) -> None:
    """check_fields.js urlOk against fields.url_ok (a web address: http(s) and a host); the
    page declines only texts with brackets, backslashes, spaces or control characters."""
    got = run("process.stdout.write(JSON.stringify(input.data.map((u) => F.urlOk(u))));", urls)
    for url, g in zip(urls, got, strict=True):
        if g is None:
            assert re.search(r"[\x00-\x20\x7f\[\]\\]", url), url
            continue
        assert g == url_ok(url), url


def _props(draw: st.DrawFn) -> dict[str, Any]:
    props: dict[str, Any] = {}
    fields = {
        "id": st.one_of(st.none(), st.sampled_from(["p1", "p2", " p1 ", "p\x1b3", "", True]),
                        st.integers(1, 3)),
        "name": st.one_of(st.sampled_from(["Laadplein", "laadplein", "Waterstofstation", "",
                                           "Fiets\x00pad", "Pad\tA"]),
                          st.none(), st.just({"$gt": ""}), st.just("bad \ud800 text")),
        "theme": THEMES,
        "amount_eur": AMOUNTS,
        "start_year": st.sampled_from([None, 2025, 20250, "volgend jaar", "Q3 2026", "2025",
                                       1949, 2100.0, "2025/2026", True, [2025]]),
        "url": st.sampled_from([None, "https://www.voorbeeld.nl", "javascript:alert(1)", "www.x.nl",
                                "", {"a": 1}]),
        "organisation": st.sampled_from([None, "Gemeente A", "Org\x07"]),
        "description": st.sampled_from([None, "Tekst", "Regel\x0bvan Word"]),
        "status": st.sampled_from([None, "gepland", "lopend", "Afgerond"]),
    }
    for key, strategy in fields.items():
        value = draw(strategy)
        if value is not None or draw(st.booleans()):
            props[key] = value
    return props


@st.composite
def _collections(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 5))
    features = []
    for _ in range(n):
        at = draw(st.sampled_from([(4.8952, 52.3702), (4.8953, 52.3702), (4.9, 52.37),
                                   (4.64, 52.39)]))
        features.append({"type": "Feature", "properties": _props(draw),
                         "geometry": {"type": "Point", "coordinates": list(at)}})
    return features


@settings(max_examples=40, deadline=None)
@given(_collections(), st.sampled_from(["nl", "en"]))
def test_generated_files_of_fields_equal_validate(features: list[dict], lang: str) -> None:
    """Whole files: names (missing, not text, a broken character, the same name a few
    metres apart), themes, amounts, years, websites, ids (twice, true, with a control
    character), the same content twice; the page's report is validate's, or the page says
    its check is incomplete and never 'ok'."""
    _compare_file(features, lang)


def _compare_file(features: list[dict], lang: str) -> None:
    """A FeatureCollection of ``features``: the page's report is validate's, or the page
    says its check is incomplete (and never 'ok')."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fields.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                        encoding="utf-8")
        check_sheet(path, lang)


@st.composite
def _named_projects(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Valid projects whose ids, names, themes and organisations repeat, a few metres apart
    or not: ids given twice, derived ids of the same content (at the same point: refused;
    elsewhere: numbered), names alike but for case and white space (likely duplicates)."""
    features = []
    for _ in range(draw(st.integers(2, 6))):
        props: dict[str, Any] = {
            "name": draw(st.sampled_from(["Laadplein", "laadplein", " Laadplein", "Laad  plein",
                                          "Warmtenet", "Café Noord", "CAFÉ NOORD"])),
            "theme": draw(st.sampled_from(["hydrogen", "Waterstof", "ai"])),
        }
        pid = draw(st.sampled_from([None, None, "p1", "p2", 7]))
        if pid is not None:
            props["id"] = pid
        org = draw(st.sampled_from([None, "Gemeente A", "gemeente  a"]))
        if org is not None:
            props["organisatie"] = org
        at = draw(st.sampled_from([(4.8952, 52.3702), (4.8953, 52.3702), (4.8955, 52.3703),
                                   (4.9, 52.37), (4.8952, 52.37045)]))
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": list(at)}})
    return features


@settings(max_examples=40, deadline=None)
@given(_named_projects(), st.sampled_from(["nl", "en"]))
def test_generated_ids_and_names_equal_validate(features: list[dict], lang: str) -> None:
    """Ids and names over a file (lib/check_ids.js): id_twice, same_content,
    derived_id_number, the derived-id notes and duplicate_in_file (same name within 25 m
    in RD New) as validate gives them."""
    _compare_file(features, lang)


def test_with_notes_points_equal_validate() -> None:
    """good/with_notes.geojson without its 3D point and its polygon (the geometry rules, not
    the page's yet): the derived id, a point outside the MRA and two points named alike
    9 m apart ('Dubbel', 'dubbel ') as validate says them."""
    doc = json.loads((Path(__file__).parent / "data" / "good" / "with_notes.geojson")
                     .read_text(encoding="utf-8"))
    points = [f for f in doc["features"] if f["geometry"]["type"] == "Point"
              and len(f["geometry"]["coordinates"]) == 2]
    assert [f["properties"]["name"] for f in points][-2:] == ["Dubbel", "dubbel "]
    for lang in ("nl", "en"):
        _compare_file(points, lang)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "points.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": points}),
                        encoding="utf-8")
        got = check_js([path], "nl")[0]
    assert got["complete"] is True
    assert [p["code"] for p in got["problems"]] == ["outside_mra", "derived_id",
                                                   "duplicate_in_file"]


TEXT_AMOUNTS = st.one_of(TYPED_TEXT, st.sampled_from(
    ["", "twee miljoen", "-5000", "NaN", "1e999", "5000000000000", "0,5", "1.250k", "€ 1.250",
     "1,5 mln"]))


@st.composite
def _table(draw: st.DrawFn) -> list[list[str]]:
    """A partner's sheet as text cells: the header, then rows of names, themes, amounts, years,
    websites, ids and organisations as people type them (and mistype them); now and then
    without its name or theme column."""
    head = ["id", "naam", "thema", "bedrag", "startjaar", "website", "organisatie", "lon", "lat"]
    rows = [head]
    for _ in range(draw(st.integers(1, 5))):
        theme = draw(THEMES)
        rows.append([
            draw(st.sampled_from(["", "", "p1", "p2", "P\x1b9"])),
            draw(st.sampled_from(["Laadplein", "laadplein", "", "Fiets\x07pad", "Café Noord"])),
            theme if isinstance(theme, str) else "",
            draw(TEXT_AMOUNTS),
            draw(st.sampled_from(["", "2025", "20250", "volgend jaar", "Q3 2026", "2025/2026"])),
            draw(st.sampled_from(["", "https://www.voorbeeld.nl", "javascript:alert(1)",
                                  "www.x.nl"])),
            draw(st.sampled_from(["", "Gemeente A", "Org\x1b"])),
            *draw(st.sampled_from([("4,8952", "52,3702"), ("4,8953", "52,3702"),
                                   ("4,9", "52,37")])),
        ])
    gone = draw(st.sampled_from([None, None, None, "naam", "thema"]))  # a column left out
    if gone is not None:
        at = head.index(gone)
        rows = [r[:at] + r[at + 1:] for r in rows]
    return rows


@settings(max_examples=30, deadline=None)
@given(_table(), st.sampled_from(["csv", "xlsx"]), st.sampled_from(["nl", "en"]))
@example(rows=[["id", "naam", "thema", "bedrag", "startjaar", "website", "organisatie", "lon",
                "lat"],
               ["p2", "Fiets\x07pad", "prevention", "2.5", "2025", "https://www.voorbeeld.nl",
                "Org\x1b", "4,8952", "52,3702"]],
         fmt="xlsx", lang="nl")  # a valid row with a website: the page's download had lost it
@example(rows=[["naam", "thema", "lon", "lat"],
               ["Laadplein", "Zorg\r\nen\rdata", "4,8952", "52,3702"]],
         fmt="xlsx", lang="en")  # a CR written into the sheet's XML: the XML parser reads '\n'
def test_generated_sheets_of_fields_equal_validate(rows: list[list[str]], fmt: str,
                                                  lang: str) -> None:
    """The same field rules on a CSV (';', Dutch Excel) and an Excel sheet: the page's
    report is validate's (rows as sheet rows, columns as headed), or it says incomplete."""
    import csv

    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"blad.{fmt}"
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, delimiter=";").writerows(rows)
        else:
            book = openpyxl.Workbook()
            for row in rows:  # Excel keeps no control characters but tab and line break
                book.active.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", c) or None
                                    for c in row])
            book.save(path)
        check_sheet(path, lang)


def test_a_column_is_named_as_the_file_names_it_in_every_feature() -> None:
    """A GeoJSON property named in one feature only ('naam', 'nummer', 'bedrag'): the problems
    of the other features name it too, as validate's column map does."""
    def point(props: dict[str, Any], lon: float) -> dict[str, Any]:
        return {"type": "Feature", "properties": props,
                "geometry": {"type": "Point", "coordinates": [lon, 52.37]}}

    features = [point({"nummer": "a", "naam": "A", "thema": "ai", "bedrag": 5}, 4.89),
                point({"thema": "ai", "nummer": True}, 4.90),
                point({"naam": "C", "thema": "Sport"}, 4.91),
                point({"naam": "D", "thema": "ai"}, 4.92)]
    for lang in ("nl", "en"):
        _compare_file(features, lang)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "named.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                        encoding="utf-8")
        got = check_js([path], "nl")[0]
    assert got["complete"] is True
    assert {(p["code"], p["column"]) for p in got["problems"]} >= {
        ("name_missing", "naam"), ("id_not_text", "nummer"), ("theme", "thema")}


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_a_website_reaches_the_pages_download(fmt: str, tmp_path: Path) -> None:
    """A project's website is in the page's exchange CSV as ``list --format csv`` writes it
    (the page's project had no url, so its download left the column empty)."""
    url = "https://www.voorbeeld.nl/project?id=1"
    path = tmp_path / f"site.{fmt}"
    if fmt == "csv":
        path.write_text(f"naam;thema;website;lon;lat\nLaadplein;ai;{url};4,8952;52,3702\n",
                        encoding="utf-8")
    else:
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "Laadplein", "theme": "ai", "url": url},
             "geometry": {"type": "Point", "coordinates": [4.8952, 52.3702]}}]}),
            encoding="utf-8")
    got = check_js([path], "nl")[0]
    assert got["complete"] and got["ok"], got["reasons"]
    csv_text = run_js("process.stdout.write(JSON.stringify(C.exchangeCsv(input.data, rules,"
                      " 'en')));", got["projects"])
    assert f",{url}," in csv_text  # type: ignore[operator]
    check_sheet(path, "nl")  # and the whole download is the register's
