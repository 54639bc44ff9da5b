"""A partner checks their own file in the map: button (keyboard), drop, both languages,
CSV and GeoJSON, the messages download, the script interface, and screenshots.

The page's answer is held to ``transitiekaart validate --format json`` (in-process here;
the whole corpus is compared in tests/test_check_parity.py).
"""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import pytest

from geo.validate import validate_file
from layers.lang import use_lang
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import shots_dir
from tests.e2e.test_screenshot import run_cli

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent.parent / "data"
GOOD_CSV = DATA / "good" / "projects_semicolon.csv"
BOM_JSON = DATA / "partner" / "bom_notepad.geojson"  # a partner file the page checks fully
# a file the page leaves to validate by design: a sample project (the exchange file's "sample"
# column is not written by the page; tests/test_check_gaps_parity.py)
GAP_TEXT = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"name": "Voorbeeld", "theme": "hydrogen", "sample": true, "place": "mra", '
            '"place_area": "MRA"}, "geometry": null}]}')
KEYS = ("severity", "code", "feature", "row", "column", "field", "value", "message", "hint")

CHECK_JS = ("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
            "return window.transitiekaart.checkFile(arg.name, bytes.buffer);")


def _b64(path: Path) -> dict[str, str]:
    return {"name": path.name, "b64": base64.b64encode(path.read_bytes()).decode()}


def _want(path: Path, lang: str) -> dict:
    with use_lang(lang):
        return validate_file(path).to_dict()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_check_file_returns_what_validate_says(open_map: OpenMap, build_map_file: BuildMap,
                                               lang: str) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    got = mp.js(CHECK_JS, _b64(GOOD_CSV))
    want = _want(GOOD_CSV, lang)
    assert got["complete"] is True
    for key in ("ok", "n_features", "n_valid", "n_errors", "n_notes"):
        assert got[key] == want[key], key
    assert [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    # a file the page cannot check completely is never "ok"
    gap = mp.js(CHECK_JS, {"name": "voorbeeld.geojson",
                           "b64": base64.b64encode(GAP_TEXT.encode()).decode()})
    assert gap["complete"] is False and gap["ok"] is None
    assert gap["problems"][-1]["code"] == "check_incomplete"
    assert "transitiekaart validate" in gap["problems"][-1]["hint"]
    # the page's own data is untouched
    assert mp.js("return window.transitiekaart.points.total;") == \
        mp.js("return window.transitiekaart.data.n;")
    assert mp.errors == []


def _open_check(mp) -> None:  # type: ignore[no-untyped-def]
    """Open the check section with the keyboard: focus its button, press Enter."""
    tab = mp.page.locator('.tk-tab[data-key="check"]')
    tab.focus()
    mp.page.keyboard.press("Enter")
    assert mp.page.locator("#tk-sec-check").is_visible()


def test_keyboard_button_and_messages_download(open_map: OpenMap, build_map_file: BuildMap,
                                               tmp_path: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    for _ in range(60):  # Tab on until the file input inside the labelled button
        mp.page.keyboard.press("Tab")
        if mp.page.evaluate("document.activeElement.className") == "tk-checkfile-input":
            break
    assert mp.page.evaluate("document.activeElement.type") == "file"
    mp.page.locator(".tk-checkfile-input").set_input_files(str(BOM_JSON))
    verdict = mp.page.locator(".tk-checkfile-verdict")
    verdict.wait_for()
    ready = "0 fouten, 2 opmerkingen: klaar om in te sturen."
    assert verdict.inner_text() == f"{BOM_JSON.name}: {ready}"
    want = _want(BOM_JSON, "nl")["problems"]
    shown = mp.page.locator(".tk-checkfile-list li").all_inner_texts()
    assert [w["message"] in t and w["hint"] in t for w, t in zip(want, shown, strict=True)] == \
        [True, True]
    with mp.page.expect_download() as info:
        mp.page.locator("#tk-sec-check button.tk-btn").first.click()
    path = tmp_path / "messages.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    # the Dutch page's CSV speaks Dutch (layers/messages/pagefix.toml); codes stay codes
    assert [(r["soort"], r["code"], r["melding"], r["oplossing"]) for r in rows] == \
        [({"error": "fout", "note": "opmerking"}[w["severity"]], w["code"], w["message"],
          w["hint"]) for w in want]
    assert mp.errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_drop_a_csv_on_the_map(open_map: OpenMap, build_map_file: BuildMap, lang: str) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    mp.js("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
          "const dt = new DataTransfer();"
          "dt.items.add(new File([bytes], arg.name, {type: 'text/csv'}));"
          "map.getContainer().dispatchEvent(new DragEvent('drop', {dataTransfer: dt,"
          " bubbles: true, cancelable: true}));", _b64(GOOD_CSV))
    verdict = mp.page.locator(".tk-checkfile-verdict")
    verdict.wait_for()
    ready = {"nl": "0 fouten, 0 opmerkingen: klaar om in te sturen.",
             "en": "0 errors, 0 notes: ready to send in."}[lang]
    assert verdict.inner_text() == f"{GOOD_CSV.name}: {ready}"
    # the file's two projects drawn in a layer of their own
    n = mp.js("let k = 0; map.eachLayer((l) => { if (l instanceof L.CircleMarker &&"
              " l.options.fillColor === '#f59e0b') { k++; } }); return k;")
    assert n == _want(GOOD_CSV, lang)["n_valid"] == 2
    assert mp.errors == []


def test_unsupported_format_names_the_command(open_map: OpenMap,
                                              build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    got = mp.js(CHECK_JS, {"name": "projecten.gpkg", "b64": base64.b64encode(b"SQLite").decode()})
    # not an error in the file: the page's check is incomplete (ok unknown)
    assert got["ok"] is None and got["n_errors"] == 0
    first = got["problems"][0]
    assert (first["severity"], first["code"]) == ("note", "check_unsupported")
    assert got["problems"][-1]["code"] == "check_incomplete"
    assert "transitiekaart validate" in got["problems"][0]["hint"]


@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768), (1920, 1080)])
def test_screenshots_of_the_messages(open_map: OpenMap, build_map_file: BuildMap,
                                     w: int, h: int) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": w, "height": h})
    mp.page.wait_for_timeout(200)
    _open_check(mp)
    sheet = DATA / "partner" / "cp1252_excel.csv"
    mp.page.locator(".tk-checkfile-input").set_input_files(str(sheet))
    mp.page.locator(".tk-checkfile-verdict").wait_for()
    shot = shots_dir() / f"check-{w}x{h}.png"
    mp.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    box = mp.page.locator(".tk-checkfile-verdict").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w


def test_two_thousand_rows_checked_as_validate(open_map: OpenMap, build_map_file: BuildMap,
                                               tmp_path: Path) -> None:
    """A 2,000-row sheet gets validate's answer (its time, under 1 s by issue 21, is measured
    by ``make bench``: benchmarks/check.py, not asserted here)."""
    themes = ["Waterstof", "Slimme mobiliteit", "Gezondheid", "AI", "Circulair bouwen"]
    lines = ["id;naam;thema;bedrag;lon;lat"]
    for i in range(2000):
        lon = f"{4.75 + (i % 40) * 0.004:.4f}".replace(".", ",")
        lat = f"{52.30 + (i % 50) * 0.002:.4f}".replace(".", ",")
        lines.append(f"p{i};Project {i};{themes[i % 5]};{1_000_000 + i * 1000};{lon};{lat}")
    path = tmp_path / "rows2000.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mp = open_map(build_map_file("--tiles", "none"))
    got = mp.js("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
                "const t0 = performance.now();"
                "return window.transitiekaart.checkFile(arg.name, bytes.buffer)"
                ".then((r) => ({r: r, ms: performance.now() - t0}));", _b64(path))
    want = _want(path, "nl")
    assert got["r"]["complete"] is True
    assert (got["r"]["n_valid"], got["r"]["problems"]) == (want["n_valid"], want["problems"]) \
        == (2000, [])
    print(f"2,000 rows checked in the page in {got['ms']:.0f} ms")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_checked_file_download_is_the_registers_exchange_format(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path, lang: str) -> None:
    """The page's "checked file" equals ``list --format csv`` of a register the file was
    added to, and ``validate`` reads it back without any problem (errors or notes)."""
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _open_check(mp)
    mp.page.locator(".tk-checkfile-input").set_input_files(str(GOOD_CSV))
    mp.page.locator(".tk-checkfile-verdict").wait_for()
    button = mp.page.locator("#tk-sec-check button.tk-btn")
    assert button.count() == 1  # no messages: only the checked file
    with mp.page.expect_download() as info:
        button.click()
    got = tmp_path / "checked.csv"
    info.value.save_as(got)
    register = tmp_path / "register.geojson"
    added = run_cli("add", str(GOOD_CSV), "--register", str(register))
    assert added.returncode == 0, added.stderr
    listed = run_cli("list", "--register", str(register), "--format", "csv", "--lang", lang)
    assert listed.returncode == 0, listed.stderr
    assert got.read_bytes().decode("utf-8") == listed.stdout.replace("\n", "\r\n").replace(
        "\r\r\n", "\r\n")
    back = _want(got, lang)
    assert (back["ok"], back["n_valid"], back["problems"]) == (True, 2, [])
    readd = run_cli("add", str(got), "--register", str(tmp_path / "second.geojson"))
    assert readd.returncode == 0, readd.stderr
    assert mp.errors == []


def test_an_excel_sheet_is_unzipped_by_the_browser(open_map: OpenMap, build_map_file: BuildMap,
                                                   tmp_path: Path) -> None:
    """An .xlsx read with the browser's own DecompressionStream gives validate's answer; the
    corpus's brochure workbook too."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["naam", "thema", "Bedrag (x € 1.000)", "lon", "lat"])
    sheet.append(["Waterstofhub Zaandam", "Waterstof (H2)", 2500, 4.83, 52.44])
    sheet.append(["Slimme laadpleinen", "slimme mobiliteit", "1,5", 4.9, 52.37])
    path = tmp_path / "projecten.xlsx"
    book.save(path)
    mp = open_map(build_map_file("--tiles", "none"))
    got = mp.js(CHECK_JS, _b64(path))
    want = _want(path, "nl")
    assert got["complete"] is True and got["ok"] is True
    assert [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    assert [p["code"] for p in got["problems"]] == ["derived_id"]
    # the corpus's brochure workbook (status synonyms) is checked completely in the browser too
    brochure_path = DATA / "partner" / "excel_brochure_names.xlsx"
    brochure = mp.js(CHECK_JS, _b64(brochure_path))
    assert brochure["complete"] is True
    assert [[p[k] for k in KEYS] for p in brochure["problems"]] == \
        [[p[k] for k in KEYS] for p in _want(brochure_path, "nl")["problems"]]
    assert mp.errors == []


@pytest.mark.parametrize("name", ["common_entries.csv", "zaanstad_dutch_excel.csv",
                                  "locatie_mixed.csv", "border_points.csv",
                                  "polygons_border.geojson"])
def test_partner_file_download_is_read_by_add_without_new_problems(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path, name: str) -> None:
    """A partner file the page checks completely (places by municipality, former names,
    'n.t.b.', start years, Windows-1252, Locatie pairs and RD x/y, points the border rule moves
    just inside the municipality their row names, a polygon and a line: their representative
    points): the checked file the page
    gives equals ``list --format csv`` after ``add``, and ``add`` reads it back with no error
    and no note that the partner's own file did not already have."""
    source = DATA / "partner" / name
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    mp.page.locator(".tk-checkfile-input").set_input_files(str(source))
    mp.page.locator(".tk-checkfile-verdict").wait_for()
    button = mp.page.locator("#tk-sec-check button.tk-btn").last
    with mp.page.expect_download() as info:
        button.click()
    got = tmp_path / "checked.csv"
    info.value.save_as(got)
    register = tmp_path / "register.geojson"
    added = run_cli("add", str(source), "--register", str(register))
    assert added.returncode == 0, added.stderr
    listed = run_cli("list", "--register", str(register), "--format", "csv")
    assert got.read_bytes().decode("utf-8") == listed.stdout.replace("\n", "\r\n").replace(
        "\r\r\n", "\r\n")
    before = {(p["code"], p["row"]) for p in _want(source, "nl")["problems"]}
    back = _want(got, "nl")
    assert back["ok"] is True and back["n_valid"] == _want(source, "nl")["n_valid"]
    new = [p["code"] for p in back["problems"] if p["code"] not in {c for c, _ in before}]
    assert new == [], new
    readd = run_cli("add", str(got), "--register", str(tmp_path / "second.geojson"))
    assert readd.returncode == 0, readd.stderr
    assert mp.errors == []


def test_a_workbook_of_several_sheets_gets_a_sheet_chooser(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path) -> None:
    """The chooser lists the sheets; the sheet chosen is checked as ``validate --sheet``, the
    chooser keeps the focus, and the layer 'Uw bestand' is named in the legend."""
    import csv

    import openpyxl

    from geo.validate import validate_file
    from layers.lang import use_lang

    book = openpyxl.Workbook()
    book.active.title = "Uitleg"
    book.active.append(["Dit blad legt uit hoe u de lijst invult."])
    sheet = book.create_sheet("Projecten")
    with (DATA / "partner" / "border_points.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";"):
            sheet.append(row)
    path = tmp_path / "twee_bladen.xlsx"
    book.save(path)
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    chooser = mp.page.locator(".tk-checkfile-sheet")
    chooser.wait_for()
    assert chooser.locator("option").all_inner_texts() == ["Uitleg", "Projecten"]
    chooser.focus()
    mp.page.keyboard.press("ArrowDown")  # the keyboard chooses the second sheet
    mp.page.locator(".tk-checkfile-verdict", has_text="klaar om in te sturen").wait_for()
    assert mp.js("return document.activeElement.className;") == "tk-checkfile-sheet"
    got = mp.js("return window.transitiekaart.check.last();")
    with use_lang("nl"):
        want = validate_file(path, sheet="Projecten").to_dict()
    assert [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    assert "Uw bestand: 3 project(en)" in mp.page.locator("#tk-sec-legend").inner_text()
    assert mp.errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_workbook_whose_first_sheet_is_empty_is_dropped(
        open_map: OpenMap, build_map_file: BuildMap, lang: str) -> None:
    """Dropped on the map, a workbook whose first sheet is empty is read from the sheet with
    the projects, with validate's note (its fix pointing to the chooser, not --sheet); the
    chooser shows that sheet, and choosing the empty one gives validate's error for it."""
    from layers.messages import msg

    path = DATA / "partner" / "empty_first_sheet.xlsx"
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    mp.js("const bytes = Uint8Array.from(atob(arg.b64), (c) => c.charCodeAt(0));"
          "const dt = new DataTransfer();"
          "dt.items.add(new File([bytes], arg.name));"
          "map.getContainer().dispatchEvent(new DragEvent('drop', {dataTransfer: dt,"
          " bubbles: true, cancelable: true}));", _b64(path))
    chooser = mp.page.locator(".tk-checkfile-sheet")
    chooser.wait_for()
    assert chooser.locator("option").all_inner_texts() == ["Blad1", "Toelichting",
                                                           "Projecten 2026"]
    assert chooser.input_value() == "Projecten 2026"
    got = mp.js("return window.transitiekaart.check.last();")
    want = _want(path, lang)
    assert got["complete"] and got["sheet"] == "Projecten 2026"
    assert got["n_valid"] == want["n_valid"] == 4
    assert [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    shown = mp.page.locator(".tk-checkfile-list").inner_text()
    note = next(p for p in want["problems"] if p["code"] == "sheets")
    assert note["message"] in shown and "--sheet" in note["hint"]
    assert msg("pagefix.sheet_in_list", lang=lang) in shown and "--sheet" not in shown
    chooser.focus()
    mp.page.keyboard.press("Home")  # the keyboard chooses the empty first sheet
    mp.page.locator(".tk-checkfile-verdict", has_text=path.name).wait_for()
    mp.page.wait_for_function("window.transitiekaart.check.last().sheet === 'Blad1'")
    got = mp.js("return window.transitiekaart.check.last();")
    with use_lang(lang):
        want = validate_file(path, sheet="Blad1").to_dict()
    assert not got["readable"] and [[p[k] for k in KEYS] for p in got["problems"]] == \
        [[p[k] for k in KEYS] for p in want["problems"]]
    assert mp.errors == []
