"""Issue 11: the map page reads well on every screen, from phone to HD, and in print.

One chromium page, resized and reloaded per screen size. At each size: no
script error, no two visible controls overlap, the MRA fills the map at open,
a hover tooltip stays inside the viewport, the theme mix carries the theme
colours. A screenshot per size is written to a temporary folder (``support.shots_dir``)
for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from geo.themes import THEMES
from layers.region import load_region
from mapbuilder.elements import land_bounds
from tests.e2e.conftest import BuildMap
from tests.e2e.support import load_sized, shots_dir, watched_page

pytestmark = pytest.mark.browser

SIZES = [(360, 640), (390, 844), (768, 1024), (1366, 768), (1920, 1080), (320, 568),
         (844, 390), (2560, 1440)]
OUTPUT = shots_dir()  # screenshots to look at: a temporary folder, not the repository
RGB = {"rgb({}, {}, {})".format(*(int(th.colour[i:i + 2], 16) for i in (1, 3, 5)))
       for th in THEMES}

_CONTROLS_JS = """() => {
  const out = [];
  for (const e of document.querySelectorAll(".leaflet-control")) {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (r.width > 0 && r.height > 0 && s.display !== "none" && s.visibility !== "hidden") {
      out.push({cls: e.className, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
    }
  }
  return out;
}"""

_MRA_JS = """(b) => {
  const map = window.transitiekaart.map, size = map.getSize();
  const p0 = map.latLngToContainerPoint([b[1], b[0]]);
  const p1 = map.latLngToContainerPoint([b[3], b[2]]);
  const x0 = Math.min(p0.x, p1.x), x1 = Math.max(p0.x, p1.x);
  const y0 = Math.min(p0.y, p1.y), y1 = Math.max(p0.y, p1.y);
  const ix = Math.max(0, Math.min(x1, size.x) - Math.max(x0, 0));
  const iy = Math.max(0, Math.min(y1, size.y) - Math.max(y0, 0));
  return {w: (x1 - x0) / size.x, h: (y1 - y0) / size.y,
          inside: ix * iy / ((x1 - x0) * (y1 - y0))};
}"""

# free spots inside an area: on the fill itself, not on a symbol, label or panel
_SPOTS_JS = """(pts) => {
  const tk = window.transitiekaart, map = tk.map, rect = map.getContainer().getBoundingClientRect();
  return pts.map(([lat, lon]) => {
    const p = map.latLngToContainerPoint([lat, lon]);
    const x = rect.left + p.x, y = rect.top + p.y;
    const el = document.elementFromPoint(x, y);
    let free = !!el && el.tagName !== "DIV" && !!el.closest(".leaflet-map-pane") &&
               !tk.layer.hit(p) && !tk.layer.hit({x: p.x, y: p.y + 16});
    for (const e of document.querySelectorAll(".tk-label, .leaflet-control")) {
      const r = e.getBoundingClientRect();
      if (x > r.left - 20 && x < r.right + 20 && y > r.top - 20 && y < r.bottom + 20) {
        free = false; }
    }
    return {x, y, free};
  });
}"""


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and \
                    a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5:
                out.append((a["cls"], b["cls"]))
    return out


def _candidates(geom: Any, n: int = 9) -> list[list[float]]:
    x0, y0, x1, y1 = geom.bounds
    from shapely import Point

    pts = []
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            p = Point(x0 + (x1 - x0) * i / (n + 1), y0 + (y1 - y0) * j / (n + 1))
            if geom.contains(p):
                pts.append([p.y, p.x])
    return pts


@pytest.fixture(scope="module")
def page(chromium: BrowserContext, build_map_file: BuildMap) -> Any:
    pg, errors = watched_page(chromium)
    yield pg, errors, build_map_file("--tiles", "none")
    pg.close()


def _load(pg: Page, path: Path, w: int, h: int) -> None:
    load_sized(pg, path, w, h)


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_page_reads_well_at_every_size(page: Any, w: int, h: int) -> None:
    pg, errors, path = page
    errors.clear()
    _load(pg, path, w, h)
    small = w < 900 or h < 560
    # panels: collapsed behind labelled buttons on a small screen, open on a large one
    tabs = pg.locator(".tk-tab")
    assert tabs.count() == 6  # legend, figures, filters, list, areas, "Bestand controleren"
    assert all(t.inner_text().strip() for t in tabs.all())
    expanded = [t.get_attribute("aria-expanded") for t in tabs.all()]
    assert expanded == (["false"] * 6 if small else
                        ["true", "true", "true", "false", "false", "false"])
    # no two controls overlap, also with a section open
    assert _overlaps(pg.evaluate(_CONTROLS_JS)) == []
    # the MRA's land (not the Houtribdijk) fills the map at open, on the subregion level at
    # every size: the same map for everyone
    bounds = land_bounds(load_region().municipalities.geometry).tolist()
    mra = pg.evaluate(_MRA_JS, bounds)
    assert max(mra["w"], mra["h"]) >= 0.6, mra
    assert mra["inside"] >= 0.9, mra
    drawn = pg.evaluate("() => window.transitiekaart.drawn()")
    assert drawn["level"] == "sub" and drawn["fillLevel"] == "sub", (w, h)
    OUTPUT.mkdir(exist_ok=True)
    pg.screenshot(path=str(OUTPUT / f"map-{w}x{h}.png"))
    # a hover tooltip stays inside the viewport and carries the theme colours
    subs = load_region().subregions.to_crs(4326).set_index("subregion")
    spots = []
    for name in ("Almere-Lelystad", "Gooi en Vechtstreek", "Zaanstreek-Waterland"):
        spots += [s for s in pg.evaluate(_SPOTS_JS, _candidates(subs.geometry[name]))
                  if s["free"]]
    assert spots, "no free spot to hover"
    mixed = 0
    for spot in (min(spots, key=lambda s: s["x"]), max(spots, key=lambda s: s["x"]),
                 max(spots, key=lambda s: s["y"])):
        pg.mouse.move(spot["x"], spot["y"])
        tip = pg.locator(".tk-tip")
        tip.wait_for(state="visible")
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, box
        assert box["x"] + box["width"] <= w and box["y"] + box["height"] <= h, box
        assert box["width"] <= 320
        colours = tip.locator(".tk-mix span").evaluate_all(
            "s => s.map(e => getComputedStyle(e).backgroundColor)")
        # a tip of an area without projects in the selection says so and has no mix
        if "Geen projecten in de selectie" in tip.inner_text():
            assert not colours
            continue
        assert colours and set(colours) <= RGB
        mixed += 1
    assert mixed >= 1
    pg.mouse.move(1, h - 1)
    # open a section: it fits and still overlaps nothing
    tabs.nth(3).click()
    pg.wait_for_timeout(50)
    assert pg.locator("#tk-sec-list").is_visible()
    assert _overlaps(pg.evaluate(_CONTROLS_JS)) == []
    if small:  # one section at a time on a small screen
        tabs.nth(2).click()
        assert not pg.locator("#tk-sec-list").is_visible()
        assert pg.locator("#tk-sec-filters").is_visible()
        assert _overlaps(pg.evaluate(_CONTROLS_JS)) == []
        tabs.nth(2).click()  # closed again: the map is free
    else:
        tabs.nth(3).click()
    assert expanded == [t.get_attribute("aria-expanded") for t in tabs.all()]
    # "full view" brings the MRA back after zooming away
    pg.evaluate("() => { window.transitiekaart.map.setView([52.0, 4.0], 13, {animate: false}); }")
    pg.locator(".tk-fullview button").click()
    mra = pg.evaluate(_MRA_JS, bounds)
    assert max(mra["w"], mra["h"]) >= 0.6 and mra["inside"] >= 0.9, mra
    assert errors == []


def test_theme_mix_rows_carry_theme_colours(page: Any) -> None:
    pg, errors, path = page
    _load(pg, path, 1366, 768)
    pg.locator(".tk-tab[data-key=areas]").click()
    pg.locator("button.tk-area-sub", has_text="Amsterdam").first.click()
    popup = pg.locator(".leaflet-popup.tk-popup")
    popup.wait_for()
    dots = popup.locator(".tk-mixrows .tk-dot")
    assert dots.count() >= 2
    styles = dots.evaluate_all(
        "s => s.map(e => [getComputedStyle(e).backgroundColor, "
        "e.getBoundingClientRect().width, getComputedStyle(e).borderTopStyle])")
    for colour, width, border in styles:
        assert colour in RGB and width >= 8 and border != "dashed"
    assert errors == []


def test_print_shows_map_legend_summary_and_sources_without_controls(page: Any) -> None:
    pg, errors, path = page
    errors.clear()
    _load(pg, path, 1366, 768)
    pg.emulate_media(media="print")
    try:
        for hidden in (".leaflet-control-zoom", ".tk-fullview", ".tk-tabs", "#tk-sec-filters"):
            assert not pg.locator(hidden).is_visible(), hidden
        for shown in ("#tk-sec-legend", "#tk-sec-summary", ".tk-sources li"):
            assert pg.locator(shown).first.is_visible(), shown
        pdf = pg.pdf(format="A4", landscape=True, print_background=True)
        assert pdf.startswith(b"%PDF")
        assert errors == []
    finally:
        pg.emulate_media(media="screen")


@pytest.mark.parametrize("section", ["filters", "legend"])
def test_an_open_section_on_a_phone_leaves_the_map_in_view(page: Any, section: str) -> None:
    pg, errors, path = page
    errors.clear()
    _load(pg, path, 390, 844)
    pg.locator(f".tk-tab[data-key={section}]").click()
    pg.wait_for_timeout(200)
    panel = pg.locator(".tk-side").bounding_box()
    assert panel["y"] + panel["height"] <= 0.62 * 844, panel  # the upper part of the screen
    bounds = load_region().municipalities.total_bounds.tolist()
    b = pg.evaluate("""(b) => {
      const map = window.transitiekaart.map;
      const p0 = map.latLngToContainerPoint([b[1], b[0]]);
      const p1 = map.latLngToContainerPoint([b[3], b[2]]);
      return {top: Math.min(p0.y, p1.y), bottom: Math.max(p0.y, p1.y),
              left: Math.min(p0.x, p1.x), right: Math.max(p0.x, p1.x)};
    }""", bounds)
    below = panel["y"] + panel["height"]
    # the MRA is fitted into the free part below the panel, across the width of the phone
    assert b["top"] >= below - 5 and b["bottom"] <= 844, (b, below)
    assert b["right"] - b["left"] >= 0.6 * 390, b
    pg.screenshot(path=str(OUTPUT / f"map-390x844-{section}.png"))
    assert errors == []


_CLIPPED_JS = """() => {
  const sec = document.querySelector('#tk-sec-summary');
  const box = sec.getBoundingClientRect();
  const cells = [...sec.querySelectorAll('table td')];
  return {n: cells.length, text: cells.map(c => c.textContent),
          clipped: cells.filter(c => { const r = c.getBoundingClientRect();
            return r.right > box.right + 0.5 || r.left < box.left - 0.5; })
            .map(c => c.textContent),
          wide: sec.scrollWidth > sec.clientWidth + 1};
}"""


@pytest.mark.parametrize(("w", "h"), [(1920, 1080), (1366, 768), (390, 844)])
def test_figures_with_long_names_stay_inside_the_panel(page: Any, w: int, h: int) -> None:
    """The longest theme name, as the top theme, wraps; no figure is cut off."""
    pg, errors, path = page
    errors.clear()
    _load(pg, path, w, h)
    pg.evaluate("() => window.transitiekaart.setFilter({theme: ['health']})")
    if pg.locator(".tk-tab").nth(1).get_attribute("aria-expanded") == "false":
        pg.locator(".tk-tab").nth(1).click()
    pg.wait_for_timeout(50)
    out = pg.evaluate(_CLIPPED_JS)
    assert out["n"] >= 4 and any("Gezondheidsbevordering en preventie" in t for t in out["text"])
    assert out["clipped"] == [] and not out["wide"], out
    amounts = pg.locator("#tk-sec-summary .tk-nw").evaluate_all(
        "s => s.map(e => e.getClientRects().length)")
    assert amounts and all(k == 1 for k in amounts)  # each amount on one line
    assert errors == []


@pytest.mark.parametrize(("w", "h"), [(390, 844), (768, 1024), (1366, 768), (1920, 1080)])
def test_every_subregion_is_named_beside_its_circle(page: Any, w: int, h: int) -> None:
    """All seven names drawn, without overlapping each other or any circle (a name
    that does not fit is made smaller or put on two lines before it is left out)."""
    pg, errors, path = page
    errors.clear()
    _load(pg, path, w, h)
    named = pg.evaluate("() => window.transitiekaart.layer.namedAreas()")
    subs = load_region().subregions["subregion"].tolist()
    assert sorted(named) == sorted(subs), (w, h, named)
    assert errors == []


_LABELS_JS = """() => {
  const tk = window.transitiekaart, at = tk.map.getContainer().getBoundingClientRect();
  const novex = [...document.querySelectorAll(".leaflet-tooltip.tk-label")].map(e => {
    const r = e.getBoundingClientRect();
    return {text: e.textContent, x0: r.left - at.left, y0: r.top - at.top,
            x1: r.right - at.left, y1: r.bottom - at.top};
  }).filter(b => b.x1 > b.x0 && b.y1 > b.y0);
  const names = tk.layer.namedAreas(), boxes = tk.layer.nameBoxes();
  return {novex, names: names.map((n, k) => ({text: n, x0: boxes[k][0], y0: boxes[k][1],
                                              x1: boxes[k][2], y1: boxes[k][3]}))};
}"""


@pytest.mark.parametrize(("w", "h"), [(1366, 768), (1920, 1080), (1280, 800), (1024, 768),
                                      (2560, 1440)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_area_names_and_novex_labels_do_not_overlap(page: Any, build_map_file: BuildMap,
                                                    lang: str, w: int, h: int) -> None:
    """The canvas's area names keep clear of the NOVEX labels ("Amstelland-Meerla[Schiphol
    region]" at 1366 x 768 in English), and every subregion is still named."""
    pg, errors, path = page
    errors.clear()
    if lang == "en":
        path = build_map_file("--tiles", "none", "--lang", "en")
    _load(pg, path, w, h)
    for step in ("open", "zoomed"):
        if step == "zoomed":  # the municipalities' names, with the labels where they are now
            pg.evaluate("() => { window.transitiekaart.map.setView([52.33, 4.8], 11, "
                        "{animate: false}); }")
            pg.wait_for_timeout(100)
        out = pg.evaluate(_LABELS_JS)
        assert out["novex"] and out["names"], out
        clashes = [(a["text"], b["text"]) for a in out["names"] for b in out["novex"]
                   if _overlaps([a | {"cls": a["text"]}, b | {"cls": b["text"]}])]
        assert clashes == [], (step, clashes)
        if step == "open" and pg.evaluate("() => window.transitiekaart.layer.level()") == "sub":
            subs = load_region().subregions["subregion"].tolist()
            assert sorted(n["text"] for n in out["names"]) == sorted(subs), out["names"]
        if step == "open":
            pg.screenshot(path=str(OUTPUT / f"map-labels-{lang}-{w}x{h}.png"))
    assert errors == []
