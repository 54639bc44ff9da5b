"""The page's file check after the new-user trial (issue 21): files the page cannot read say
"check incomplete" (no error), the RD hint fits a page, many notes of one kind are one line
with their rows on demand, the area pop-up fits a phone, Enter opens the file chooser, the
drag-over outline shows, and the English page names its downloads in English. Screenshots go
to $TRANSITIEKAART_SHOTS (see tests/e2e/support.py).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from geo.validate import validate_file
from layers.lang import use_lang
from layers.messages import template
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import shots_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
RD_CSV = ROOT / "docs" / "voorbeelden" / "rd_punten.csv"
SIZES = [(390, 844), (1366, 768), (1920, 1080)]

DROP_JS = """
const bytes = arg.big ? new Uint8Array(arg.big) : new TextEncoder().encode(arg.text);
const f = new File([bytes], arg.name);
const dt = new DataTransfer(); dt.items.add(f);
const map = window.transitiekaart.map.getContainer();
map.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
"""


def _open_check(mp: Any) -> None:
    tab = mp.page.locator('.tk-tab[data-key="check"]')
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()


def _drop_text(mp: Any, name: str, text: str = "x", big: int = 0) -> str:
    mp.page.evaluate("(arg) => {" + DROP_JS + "}", {"name": name, "text": text, "big": big})
    verdict = mp.page.locator(".tk-checkfile-verdict")
    verdict.wait_for()
    mp.page.wait_for_function(
        "(n) => document.querySelector('.tk-checkfile-verdict').textContent.startsWith(n + ':')",
        arg=name)
    return verdict.inner_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_files_the_page_cannot_read_are_check_incomplete(open_map: OpenMap,
                                                         build_map_file: BuildMap,
                                                         lang: str) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _open_check(mp)
    limit = mp.js("return window.transitiekaart.checkRules.max_bytes;")
    cases = [("projecten.gpkg", 0, "check_unsupported", "unsupported_validate"),
             ("kopie.xlsm", 0, "check_unsupported", "unsupported_sheet"),
             ("oud.xls", 0, "check_unknown_kind", "unsupported_neither"),
             ("groot.csv", limit + 1, "check_too_big", "too_big_validate")]
    for name, big, code, hint in cases:
        shown = _drop_text(mp, name, big=big)
        assert shown == f"{name}: " + template(f"pagecheck.verdict_{code}", lang)
        assert mp.page.locator(".tk-checkfile-error").count() == 0  # no error in the file
        assert "transitiekaart validate" in shown
        fix = mp.page.locator(".tk-checkfile-list li").first.inner_text()
        want = template(f"pagecheck.{hint}", lang).replace("{ext}", "." + name.split(".")[-1])
        assert want in fix
        if name.endswith(".csv"):  # a CSV is not told to be saved as CSV
            assert "CSV" not in fix
    mp.page.set_viewport_size({"width": 390, "height": 844})
    mp.page.wait_for_timeout(200)
    mp.page.evaluate("document.querySelector('.tk-checkfile-verdict').scrollIntoView()")
    mp.page.screenshot(path=str(_shots() / f"unread-{lang}-390x844.png"))
    assert mp.errors == []


def _shots() -> Path:
    path = shots_dir() / "pagefix2"
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_rd_fix_fits_the_page_and_check_file_keeps_validates(open_map: OpenMap,
                                                             build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    _drop_text(mp, RD_CSV.name, RD_CSV.read_text("utf-8"))
    with use_lang("nl"):
        want = validate_file(RD_CSV).to_dict()["problems"]
    rd = next(p for p in want if p["code"] == "rd_undeclared")
    assert "--crs" in rd["hint"]
    shown = mp.page.locator(".tk-checkfile-list li").first.inner_text()
    assert rd["message"] in shown and template("pagecheck.rd_fix_sheet", "nl") in shown
    assert "Voer de opdracht opnieuw uit" not in shown
    got = mp.js("return window.transitiekaart.checkFile(arg.name, new TextEncoder().encode(arg.t)"
                ".buffer);", {"name": RD_CSV.name, "t": RD_CSV.read_text("utf-8")})
    assert [p["hint"] for p in got["problems"]] == [p["hint"] for p in want]
    assert mp.errors == []


def test_many_notes_of_one_kind_are_one_line_with_rows_on_demand(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path) -> None:
    lines = ["id;naam;thema;bedrag;gemeente;startjaar"]
    lines += [f"p{i};Project {i};Waterstof;750000;Haarlem;Q3 2025" for i in range(5000)]
    text = "\n".join(lines) + "\n"
    path = tmp_path / "rijen5000.csv"
    path.write_text(text, encoding="utf-8")
    with use_lang("nl"):
        want = validate_file(path).to_dict()["problems"]
    assert len(want) == 5000
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": 1366, "height": 768})
    _open_check(mp)
    _drop_text(mp, path.name, text)
    items = mp.page.locator(".tk-checkfile-list > li")
    assert items.count() == 1
    summary = mp.page.locator(".tk-checkfile-group summary")
    assert summary.inner_text().startswith("5.000× kolom 'startjaar': ")
    assert mp.page.locator(".tk-checkfile-rows li").count() == 0  # made when opened
    height = mp.page.evaluate("document.querySelector('.tk-checkfile-out').scrollHeight")
    assert height < 600, height
    mp.page.screenshot(path=str(_shots() / "grouped-1366x768.png"))
    summary.focus()
    mp.page.keyboard.press("Enter")  # a summary opens by keyboard
    mp.page.locator(".tk-checkfile-rows li").first.wait_for()
    rows = mp.page.locator(".tk-checkfile-rows li")
    assert rows.count() == 5000
    assert rows.nth(4999).inner_text().startswith("rij 5001")
    # the messages CSV stays complete: every one of the 5,000
    with mp.page.expect_download() as info:
        mp.page.locator("#tk-sec-check button.tk-btn").first.click()
    assert info.value.suggested_filename == "rijen5000-meldingen.csv"
    saved = tmp_path / "m.csv"
    info.value.save_as(saved)
    got = list(csv.DictReader(io.StringIO(saved.read_text("utf-8-sig")), delimiter=";"))
    assert [(r["code"], r["rij"]) for r in got] == [(p["code"], str(p["row"])) for p in want]
    assert mp.errors == []


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_area_popup_content_fits_the_popup(open_map: OpenMap, build_map_file: BuildMap,
                                           w: int, h: int) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": w, "height": h})
    mp.page.wait_for_timeout(200)
    for level in ("sub", "mun"):
        names = mp.js(f"return window.transitiekaart.data.areas.{level}.name;")
        k = max(range(len(names)), key=lambda i: len(names[i]))  # the longest name
        mp.js(f"window.transitiekaart.openArea('{level}', {k});")
        mp.page.locator(".leaflet-popup-content table").first.wait_for()
        mp.page.wait_for_timeout(600)  # the map's pan that brings the pop-up into view
        wide = mp.page.evaluate("""() => {
          const box = document.querySelector('.leaflet-popup-content-wrapper')
            .getBoundingClientRect();
          const out = [];
          for (const e of document.querySelectorAll('.leaflet-popup-content *')) {
            const r = e.getBoundingClientRect();
            const cut = e.scrollWidth > e.clientWidth + 1 &&
              getComputedStyle(e).overflowX !== 'visible';
            if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5 || cut)) {
              out.push(e.tagName + ' ' + e.textContent.slice(0, 30) + ' ' + r.right);
            }
          }
          const page = document.documentElement.clientWidth;
          if (box.right > page || box.left < 0) { out.push('popup ' + box.left + '-' + box.right); }
          const strip = document.querySelector('.tk-strip-box');  // the phone's legend strip
          const s = strip && strip.getBoundingClientRect();
          if (s && s.height && box.bottom > s.top + 0.5 && box.right > s.left) {
            out.push('under the legend strip ' + box.bottom + '>' + s.top);
          }
          return out;
        }""")
        assert wide == [], (level, names[k], wide)
        mp.page.screenshot(path=str(_shots() / f"popup-{level}-{w}x{h}.png"))
        mp.js("window.transitiekaart.map.closePopup();")
    assert mp.errors == []


def test_enter_opens_the_file_chooser_and_tab_reaches_it(open_map: OpenMap,
                                                          build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    tab = mp.page.locator('.tk-tab[data-key="check"]')
    tab.focus()
    mp.page.keyboard.press("Enter")  # opened from the keyboard: the focus goes to the button
    mp.page.wait_for_function("document.activeElement.className === 'tk-checkfile-input'")
    # the input's own click (what opens a file input's chooser) counted; chromium's chooser
    # event itself came late once in a clean-clone run (5 s), so the click is what is held
    mp.page.evaluate("""() => { window.__clicks = 0; document.querySelector('.tk-checkfile-input')
      .addEventListener('click', (e) => { window.__clicks += 1; e.preventDefault(); }); }""")
    mp.page.keyboard.press("Enter")
    mp.page.wait_for_function("window.__clicks === 1")
    mp.page.keyboard.press("a")  # another key opens nothing
    mp.page.wait_for_timeout(100)
    assert mp.page.evaluate("window.__clicks") == 1
    assert mp.errors == []


def test_drag_over_shows_the_outline(open_map: OpenMap, build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": 1366, "height": 768})
    mp.page.evaluate("""() => { const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'a.csv'));
      const pane = document.querySelector('.leaflet-overlay-pane') ||
        window.transitiekaart.map.getContainer();
      for (const t of ['dragenter', 'dragover']) {
        pane.dispatchEvent(new DragEvent(t, {dataTransfer: dt, bubbles: true, cancelable: true}));
      } }""")
    style = mp.page.evaluate("""() => { const s = getComputedStyle(
      window.transitiekaart.map.getContainer(), '::after');
      return [s.outlineStyle, s.outlineColor, s.outlineWidth, s.zIndex, s.position]; }""")
    assert style[:3] == ["dashed", "rgb(245, 158, 11)", "4px"] and style[4] == "absolute"
    shot = _shots() / "dragover-1366x768.png"
    mp.page.screenshot(path=str(shot))
    orange = _orange_pixels(shot)
    assert orange > 1000, orange
    mp.page.evaluate("""() => window.transitiekaart.map.getContainer().dispatchEvent(
      new DragEvent('dragleave', {bubbles: true}))""")
    assert mp.page.evaluate("getComputedStyle(window.transitiekaart.map.getContainer(),"
                            " '::after').outlineStyle") == "none"
    assert mp.errors == []


def _orange_pixels(path: Path) -> int:
    from PIL import Image

    img = Image.open(path).convert("RGB")
    raw = img.tobytes()
    return sum(1 for k in range(0, len(raw), 3) if abs(raw[k] - 245) < 12
               and abs(raw[k + 1] - 158) < 12 and raw[k + 2] < 31)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_download_names_are_in_the_pages_language(open_map: OpenMap, build_map_file: BuildMap,
                                                  lang: str) -> None:
    good = ROOT / "tests" / "data" / "good" / "projects_semicolon.csv"
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _open_check(mp)
    _drop_text(mp, good.name, good.read_text("utf-8"))
    with mp.page.expect_download() as info:
        mp.page.locator("#tk-sec-check button.tk-btn").last.click()
    assert info.value.suggested_filename == template(
        "pagecheck.download_name_checked", lang).replace("{name}", good.stem)
    assert info.value.suggested_filename == {"nl": "projects_semicolon-gecontroleerd.csv",
                                             "en": "projects_semicolon-checked.csv"}[lang]
    assert mp.errors == []


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_screenshots_of_the_grouped_messages(open_map: OpenMap, build_map_file: BuildMap,
                                             w: int, h: int) -> None:
    lines = ["naam;thema;bedrag;gemeente;startjaar"]
    lines += [f"Project {i};Waterstof;750.000;Haarlem;Q3 2025" for i in range(40)]
    lines += ["Fout;Sport;1;Haarlem;2025", "Hoofddorp plek;Waterstof;5;Nergensdorp;2025"]
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": w, "height": h})
    _open_check(mp)
    _drop_text(mp, "blad.csv", "\n".join(lines) + "\n")
    mp.page.locator(".tk-checkfile-group summary").first.click()
    shot = _shots() / f"messages-{w}x{h}.png"
    mp.page.screenshot(path=str(shot))
    out = mp.page.locator(".tk-checkfile-out").bounding_box()
    assert out is not None and out["x"] >= 0 and out["x"] + out["width"] <= w
    assert mp.errors == []


def test_selection_csv_with_the_file_keeps_website_and_description(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path) -> None:
    """Projecten -> Selectie downloaden (CSV) with "met uw bestand" on (the trial's H9)."""
    from layers.messages import msg

    text = ("naam;thema;bedrag;gemeente;organisatie;website;omschrijving\n"
            "Gewoon project;Waterstof;€ 2,5 mln;Haarlem;Gemeente Haarlem;https://www.haarlem.nl;"
            "Gewone tekst\n")
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    _drop_text(mp, "H9_website.csv", text)
    assert mp.js("return window.transitiekaart.withfile.toggle(true);") is True
    tab = mp.page.locator('.tk-tab[data-key="list"]')
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()
    with mp.page.expect_download() as info:
        mp.page.locator("button[data-export=csv]").click()
    saved = tmp_path / "sel.csv"
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text("utf-8-sig")), delimiter=";"))
    mine = [r for r in rows if r[msg("withfile.csv_header", lang="nl")] ==
            msg("withfile.mark", lang="nl")]
    assert len(mine) == 1
    assert (mine[0]["website"], mine[0]["omschrijving"]) == ("https://www.haarlem.nl",
                                                             "Gewone tekst")
    assert mp.errors == []
