"""The switch "met uw bestand" (issue 21, item 3): a partner's checked file counted in the figures.

The truth test: a partner file is dropped on the sample page and the switch turned on; every
figure per area the page shows (count, total, per inhabitant, per km², and the area pop-up's
total as written) must equal what ``geo`` computes after ``transitiekaart add`` put the same
file into a copy of the sample register, to the euro, in Dutch and English, also with a theme
filter. With the switch off the page's figures are those of the page without a file. Then the
switch by keyboard, the project list's marked rows and the CSV export with the file's rows marked.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from geo import analyse
from geo.register import read_register
from layers.lang import format_eur
from layers.messages import msg, template
from layers.region import load_region
from mapbuilder.cli import main as cli_main
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import load_sized, printed_fit, shots_dir, watched_page
from tests.e2e.test_axe import _axe_source, _serious

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent.parent / "data"
SAMPLES = Path(__file__).parent.parent.parent / "layers" / "data" / "sample_projects.geojson"
# municipality-placed (former municipalities, unknown amounts) and Windows-1252 with euros
FILES = [DATA / "partner" / "common_entries.csv", DATA / "partner" / "zaanstad_dutch_excel.csv",
         DATA / "partner" / "border_points.csv"]  # points: two just outside their municipality
# every file of the partner corpus that the page's check fully approves (in Dutch; the three
# above in English too)
CORPUS = [*FILES, *(DATA / "partner" / name for name in (
    "cp1252_excel.csv", "implausible_amount.csv", "locatie_mixed.csv", "moved_v1.csv",
    "moved_v2.csv", "template_example_kept.csv", "bom_notepad.geojson",
    "excel_brochure_names.xlsx",
    "polygons_border.geojson"))]  # a polygon and a line: counted by their largest overlap
CASES = [(p, "nl") for p in CORPUS] + [(p, "en") for p in FILES]
LEVELS = {"mra": "mra", "subregion": "subregions", "municipality": "municipalities"}
SWITCH = "#tk-sec-legend .tk-withfile-switch input"
YOURS_JS = ("let k = 0; map.eachLayer((l) => { if (l instanceof L.CircleMarker &&"
            " l.options.fillColor === '#f59e0b') { k++; } }); return k;")  # check.js's layer

FIGURES_JS = """
const T = window.transitiekaart, out = {};
for (const lv of ["mra", "subregion", "municipality"]) { out[lv] = T.totals(lv); }
out.total = T.agg.total;
out.outside = [T.agg.out.n, T.agg.out.eur];
return out;
"""


@pytest.fixture(scope="module")
def registers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample register, and a copy of it per partner file with that file added."""
    folder = tmp_path_factory.mktemp("withfile")
    base = folder / "samples.geojson"
    assert cli_main(["add", str(SAMPLES), "--register", str(base)]) == 0
    out = {"": base}
    for path in CORPUS:
        reg = folder / f"with-{path.stem}.geojson"
        shutil.copy(base, reg)
        assert cli_main(["add", str(path), "--register", str(reg)]) == 0, path
        out[path.name] = reg
    return out


def _geo_figures(register: Path, theme: str | None = None) -> dict[str, dict[str, dict]]:
    """What geo computes for the register: per level, per area name, the page's four figures."""
    a = analyse(read_register(register), load_region())
    out: dict[str, dict[str, dict]] = {}
    for level, attr in LEVELS.items():
        frame = getattr(a, attr)
        eur = frame["total_eur"] if theme is None else frame[f"eur_{theme}"]
        n = frame["n_projects"] if theme is None else frame[f"n_{theme}"]
        out[level] = {str(name): {"n": int(k), "eur": float(e),
                                  "per_inhabitant": float(e) / p if p > 0 else None,
                                  "per_km2": float(e) / km if km > 0 else None}
                      for name, k, e, p, km in zip(frame["name"], n, eur, frame["population"],
                                                   frame["area_km2"], strict=True)}
    return out


def _assert_equal(page: dict[str, Any], want: dict[str, dict[str, dict]], what: str) -> None:
    """Every area's figures of the page equal geo's: counts exactly, euros to the euro."""
    for level, areas in want.items():
        assert set(page[level]) == set(areas), (what, level)
        for name, w in areas.items():
            got = page[level][name]
            assert got["n"] == w["n"], (what, level, name, got, w)
            assert round(got["eur"]) == round(w["eur"]), (what, level, name, got, w)
            for key, page_key in (("per_inhabitant", "eur_per_inhabitant"),
                                  ("per_km2", "eur_per_km2")):
                if w[key] is None:
                    assert got[page_key] is None, (what, level, name, key)
                else:
                    assert got[page_key] == pytest.approx(w[key], rel=1e-12, abs=1e-9), \
                        (what, level, name, key, got, w)


def _drop(mp: Any, path: Path) -> None:
    """Choose the file with the check section's button, as a partner does; wait for its verdict."""
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    mp.page.wait_for_selector(".tk-checkfile-verdict", state="attached")


@pytest.mark.parametrize(("path", "lang"), CASES, ids=[f"{p.name}-{lang}" for p, lang in CASES])
def test_figures_with_the_file_are_geos_after_add(open_map: OpenMap, build_map_file: BuildMap,
                                                  registers: dict[str, Path], path: Path,
                                                  lang: str) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    own = mp.js(FIGURES_JS)
    _assert_equal(own, _geo_figures(registers[""]), "the page without a file")
    _drop(mp, path)
    assert mp.js(FIGURES_JS) == own  # dropped, the switch off: the page's own figures
    switch = mp.page.locator(SWITCH)
    assert not switch.is_checked()
    switch.check()
    want = _geo_figures(registers[path.name])
    with_file = mp.js(FIGURES_JS)
    _assert_equal(with_file, want, f"{path.name} counted")
    added = read_register(registers[path.name])
    added = added[~added["id"].isin(read_register(registers[""])["id"])]
    assert len(added) > 0
    assert with_file["total"] == own["total"] + len(added)
    # the area pop-up writes geo's total for every subregion, in the page's language
    for k, name in enumerate(mp.js("return window.transitiekaart.data.areas.sub.name;")):
        text = mp.js("return window.transitiekaart.areaPopupContent('sub', arg).textContent;", k)
        assert format_eur(want["subregion"][name]["eur"], lang) in text, (name, text)
    # one filter (a theme) applies to the file's projects too
    theme = "smart_energy"
    mp.js("window.transitiekaart.setFilter({theme: [arg]});", theme)
    _assert_equal(mp.js(FIGURES_JS), _geo_figures(registers[path.name], theme), "a theme")
    # and to the file's layer: only its projects of the theme are drawn now
    assert mp.js(YOURS_JS) == int(((added["theme"] == theme) & (added["place"] != "mra")).sum())
    switch.uncheck()
    _assert_equal(mp.js(FIGURES_JS), _geo_figures(registers[""], theme), "a theme, off")
    mp.js("window.transitiekaart.setFilter({theme: null});")
    assert mp.js(FIGURES_JS) == own  # off again: exactly the page's own figures
    assert mp.js(YOURS_JS) == int((added["place"] != "mra").sum())
    assert mp.errors == []


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _open(mp: Any, key: str) -> None:
    """Open a panel section (its button toggles it: only when closed)."""
    tab = mp.page.locator(f'.tk-tab[data-key="{key}"]')
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()


def _csv(mp: Any, tmp_path: Path, name: str) -> bytes:
    """The CSV the page's export button downloads now."""
    with mp.page.expect_download() as info:
        mp.page.locator("button[data-export=csv]").click()
    path = tmp_path / name
    info.value.save_as(path)
    return path.read_bytes()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_switch_by_keyboard_list_and_export(open_map: OpenMap, build_map_file: BuildMap,
                                            tmp_path: Path, lang: str) -> None:
    path = FILES[0]
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _open(mp, "list")
    before = _csv(mp, tmp_path, "before.csv")
    own_total = mp.js("return window.transitiekaart.agg.total;")
    _open(mp, "check")
    mp.page.locator(".tk-checkfile-input").focus()
    _drop(mp, path)
    n_file = len(_rows(path))
    # below the verdict, the switch: labelled in the page's language, reached by Tab
    mine = mp.page.locator('#tk-sec-check .tk-withfile-switch')
    assert mine.inner_text().strip() == msg("withfile.switch", lang=lang)
    box = mine.bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24  # WCAG 2.5.8
    for _ in range(20):
        mp.page.keyboard.press("Tab")
        if mp.page.evaluate("document.activeElement.getAttribute('role')") == "switch":
            break
    assert mp.page.evaluate("document.activeElement.dataset.focus") == "withfile-check"
    mp.page.keyboard.press("Space")
    assert mp.js("return window.transitiekaart.agg.total;") == own_total + n_file
    # the focus stays on the switch; the legend's switch says the same
    assert mp.page.evaluate("document.activeElement.dataset.focus") == "withfile-check"
    assert mp.page.locator('#tk-sec-legend input[data-focus="withfile"]').is_checked()
    assert template("withfile.summary", lang).split("{")[0] in \
        mp.page.locator("#tk-sec-summary").inner_text()
    # the list carries the file's projects, marked; Enter on one opens its pop-up
    _open(mp, "list")
    mark = msg("withfile.mark", lang=lang)
    vlist = mp.page.locator(".tk-vlist")
    vlist.focus()
    mp.page.keyboard.press("Home")
    for _ in range(own_total + n_file):
        active = mp.page.evaluate("document.getElementById(document.querySelector('.tk-vlist')"
                                  ".getAttribute('aria-activedescendant')).className")
        if "tk-vrow-yours" in active:
            break
        mp.page.keyboard.press("ArrowDown")
    row = mp.page.locator(".tk-vrow[aria-selected=true]")
    assert row.locator(".tk-small").inner_text().startswith(f"{mark} · ")
    name = row.locator(".tk-vname").inner_text().strip()
    assert name in {r["Naam"] for r in _rows(path)}
    mp.page.keyboard.press("Enter")
    popup = mp.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert name in popup.inner_text() and mark in popup.inner_text()
    # the search finds the file's projects too, by name and by municipality
    mp.js("window.transitiekaart.setFilter({q: 'bouwhub beem'});")
    assert mp.js("return window.transitiekaart.agg.total;") == 1
    assert mp.js("return window.transitiekaart.listRows()[0];") == mp.js(
        "return window.transitiekaart.data.n;") + 4  # the file's fifth row: 'Bouwhub Beemster'
    mp.js("window.transitiekaart.setFilter({q: ''});")
    # the CSV: the page's rows as before, the file's rows marked in one more column
    with_file = _csv(mp, tmp_path, "with.csv").decode("utf-8-sig")
    sep = ";" if lang == "nl" else ","
    table = list(csv.reader(io.StringIO(with_file), delimiter=sep))
    head = msg("withfile.csv_header", lang=lang)
    assert table[0][-1] == head
    marked = [r for r in table[1:] if r[-1] == mark]
    assert sorted(r[1] for r in marked) == sorted(r["Naam"] for r in _rows(path))
    assert all(r[-1] == "" for r in table[1:] if r not in marked)
    # every line of the page's own projects is the line it was, with an empty cell added
    lines = with_file.split("\r\n")[:-1]
    own_lines = [line[:-1] for line in lines[1:] if not line.endswith(sep + mark)]
    old_lines = before.decode("utf-8-sig").split("\r\n")[:-1]
    assert lines[0] == old_lines[0] + sep + head
    assert own_lines == old_lines[1:]
    assert len(lines) == len(old_lines) + len(marked)
    # off again: the page's own CSV, byte for byte
    mp.page.locator('#tk-sec-legend input[data-focus="withfile"]').uncheck()
    assert mp.js("return window.transitiekaart.agg.total;") == own_total
    assert _csv(mp, tmp_path, "after.csv") == before
    assert mp.errors == []


def test_classes_and_circle_scale_keep_their_meaning(open_map: OpenMap,
                                                     build_map_file: BuildMap) -> None:
    """Issue 19: fixed classes and one circle scale per session; the file is not re-classed."""
    mp = open_map(build_map_file("--tiles", "none"))
    mp.js("window.transitiekaart.setFilter({classes: 'fixed'});")
    scale_js = "return window.transitiekaart.layer.symbolScale();"
    before, scale = mp.js("return window.transitiekaart.drawn();"), mp.js(scale_js)
    _drop(mp, FILES[1])  # Zaanstad: 6 projects, € 16.952.500 in Zaanstreek-Waterland
    assert mp.js("return window.transitiekaart.withfile.toggle(true);") is True
    after = mp.js("return window.transitiekaart.drawn();")
    assert after["classes"] == before["classes"]
    assert mp.js(scale_js) == scale
    # every fill is the class of its area's value on the same limits
    got = mp.js("""const T = window.transitiekaart, enc = T.encoding;
      return T.data.areas.sub.name.map((name, k) => [name,
        T.drawn().fills[name], enc.classes[T.classOf(enc.values[k], enc.breaks)].colour]);""")
    assert all(fill == want for _, fill, want in got)
    circles = {c["area"]: c for c in after["circles"]}
    old = {c["area"]: c for c in before["circles"]}
    zw = "Zaanstreek-Waterland"
    assert circles[zw]["eur"] == old[zw]["eur"] + 16_952_500
    assert circles[zw]["radius_px"] == pytest.approx(
        mp.js("return window.transitiekaart.lib.encode.circleRadius(arg[0], arg[1], arg[2]);",
              [circles[zw]["eur"], scale["vmax"], scale["rmax"]]))
    assert circles[zw]["radius_px"] > old[zw]["radius_px"]
    assert all(circles[a] == old[a] for a in old if a != zw)  # the other areas as they were
    assert mp.js("return window.transitiekaart.withfile.toggle(false);") is False
    assert mp.js("return window.transitiekaart.drawn();") == before
    assert mp.errors == []


@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768), (1920, 1080)],
                         ids=["390x844", "1366x768", "1920x1080"])
def test_switch_in_sight_and_axe_at_each_size(chromium: BrowserContext, build_map_file: BuildMap,
                                              w: int, h: int) -> None:
    """The switch below the verdict is in sight in the panel, a 24 px target, and axe-core
    finds no serious WCAG problem with the switch on and the legend open."""
    source = _axe_source()
    pg, errors = watched_page(chromium)
    try:
        load_sized(pg, build_map_file("--tiles", "none"), w, h)
        pg.locator('.tk-tab[data-key="check"]').click()
        pg.locator(".tk-checkfile-input").set_input_files(str(FILES[0]))
        switch = pg.locator("#tk-sec-check .tk-withfile-switch")
        switch.wait_for()
        panel = pg.locator(".tk-panel").bounding_box()
        box = switch.bounding_box()
        assert panel is not None and box is not None
        assert box["height"] >= 24 and box["y"] >= panel["y"] and \
            box["y"] + box["height"] <= panel["y"] + panel["height"]  # in the panel's view
        assert box["x"] + box["width"] <= min(w, panel["x"] + panel["width"])
        switch.locator("input").check()
        pg.screenshot(path=str(shots_dir() / f"withfile-{w}x{h}.png"))
        assert _serious(pg, source) == []
        legend = pg.locator('.tk-tab[data-key="legend"]')
        if legend.get_attribute("aria-expanded") != "true":
            legend.click()
        pg.locator("#tk-sec-legend .tk-withfile").scroll_into_view_if_needed()
        assert pg.locator('#tk-sec-legend input[data-focus="withfile"]').is_checked()
        assert _serious(pg, source) == []
        assert errors == []
    finally:
        pg.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768), (1920, 1080)],
                         ids=["390x844", "1366x768", "1920x1080"])
def test_printed_with_the_file(chromium: BrowserContext, build_map_file: BuildMap,
                               tmp_path: Path, w: int, h: int) -> None:
    """On paper the panel says the file is counted and what stays, and still fits the page."""
    pg, errors = watched_page(chromium)
    try:
        load_sized(pg, build_map_file("--tiles", "none"), w, h)
        pg.locator('.tk-tab[data-key="check"]').click()
        pg.locator(".tk-checkfile-input").set_input_files(str(FILES[1]))
        pg.locator("#tk-sec-check .tk-withfile-switch input").check()
        fit = printed_fit(pg)
        # the sources, last of the figures, are on the page (the check's own messages, open
        # below them, may run past it: that section is check.js's)
        assert fit["sources"] <= min(fit["panel"], fit["map"]), fit
        pdf = tmp_path / "page.pdf"
        pdf.write_bytes(pg.pdf(format="A4", landscape=True, print_background=True))
        raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                             capture_output=True, text=True).stdout
        assert raw.rstrip("\f").count("\f") == 0  # one page
        text = " ".join(raw.split())
        # the legend's row and the summary's line say the file is counted, and how much
        assert "Uw bestand: 6 project(en) op de kaart, meegeteld in de cijfers" in text
        assert "Inclusief 6 project(en) uit uw bestand (€ 16.952.500)." in text
        shutil.copy(pdf, shots_dir() / f"withfile-print-{w}x{h}.pdf")
        assert errors == []
    finally:
        pg.close()


def _chosen(added: Any, f: dict[str, Any]) -> Any:
    """The file's projects that the page's filters ``f`` select (lib/aggregate.js's rules,
    in geo's columns): a theme; start years (known, within); amounts (known, at least)."""
    keep = added["theme"].notna()
    if "theme" in f:
        keep &= added["theme"].isin(f["theme"])
    if "year" in f:
        keep &= added["start_year"].between(*f["year"])
    if "min" in f:
        keep &= added["amount_eur"].notna() & (added["amount_eur"] >= f["min"])
    return added[keep]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_files_legend_row_and_note_follow_the_filters(
        open_map: OpenMap, build_map_file: BuildMap, registers: dict[str, Path], lang: str) -> None:
    """With the file counted, the legend's row "Uw bestand: n project(en) op de kaart" and
    the switch's notes (legend and check results) count what the figures count: the file's
    projects the filters select, with their euros, as geo has them after ``add`` (the row
    counted every project of the file, whatever the filters)."""
    from layers.lang import format_number

    path = FILES[0]
    added = read_register(registers[path.name])
    added = added[~added["id"].isin(read_register(registers[""])["id"])]
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _drop(mp, path)
    mp.page.locator(SWITCH).check()
    theme = added["theme"].value_counts().index[0]
    filters = [{}, {"theme": [theme]}, {"year": [2025, 2025]}, {"min": 1_000_000},
               {"theme": [theme], "min": 500_000}]
    seen = set()
    for f in filters:
        mp.js("window.transitiekaart.setFilter(Object.assign("
              "{theme: null, year: null, min: null}, arg));", f)
        mp.page.wait_for_timeout(50)
        chosen = _chosen(added, f)
        on_map = int((chosen["place"] != "mra").sum())
        eur = float(chosen["amount_eur"].fillna(0).sum())
        assert mp.js(YOURS_JS) == on_map, f
        row = mp.page.locator("#tk-sec-legend .tk-checkfile-key").inner_text()
        assert row.strip() == msg("withfile.legend_counted", lang=lang,
                                  n=format_number(on_map, 0, lang)), (f, row)
        note = msg("withfile.on_note", lang=lang, n=format_number(len(chosen), 0, lang),
                   eur=format_eur(eur, lang))
        for where in ("#tk-sec-legend", "#tk-sec-check"):
            notes = mp.page.locator(f"{where} .tk-withfile-note").all_inner_texts()
            assert note in notes, (f, where, notes)
        seen.add((len(chosen), on_map))
    assert len(seen) >= 3  # the filters chose differently: the test can tell
    assert mp.errors == []
