"""The comparison page in Debian's chromium, offline, at phone, tablet, laptop and HD sizes.

The page is built with ``transitiekaart compare --format html --tiles none`` and
opened from ``file://`` with every network request blocked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from mapbuilder.cli import main as cli_main
from tests.e2e.support import BlockedRoutes, shots_dir

SIZES = [(360, 640), (390, 844), (768, 1024), (1366, 768), (1920, 1080)]
SHOTS = {(390, 844), (1366, 768), (1920, 1080)}
READY = "() => !!(window.transitiekaart && window.transitiekaart.maps)"
OUTPUT = shots_dir()  # screenshots to look at: a temporary folder, not the repository

# boxes of the visible controls and area labels of each map, in viewport pixels
_BOXES_JS = """() => window.transitiekaart.maps.map(m => {
  const el = m.getContainer();
  const pick = ".leaflet-control-zoom a, .leaflet-control-fullview, " +
               ".leaflet-control-attribution, .tk-area-label";
  return Array.from(el.querySelectorAll(pick)).filter(e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0;
  }).map(e => { const r = e.getBoundingClientRect();
    return {what: e.className + " " + e.textContent, l: r.left, t: r.top, r: r.right,
            b: r.bottom}; });
})"""

# the circles of each map, in viewport pixels, with what the page says they show
_CIRCLES_JS = """() => window.transitiekaart.maps.map(m => {
  const box = m.getContainer().getBoundingClientRect();
  return m._tkCircles.map(c => { const p = m.latLngToContainerPoint(c.layer.getLatLng());
    return {key: c.key, value: c.value, r: c.layer.getRadius(), x: box.left + p.x,
            y: box.top + p.y, inside: p.x >= 0 && p.y >= 0 && p.x <= box.width &&
            p.y <= box.height}; });
})"""

# the colour the canvas painted at each circle's centre (is it drawn?)
_PAINTED_JS = """() => window.transitiekaart.maps.map(m => {
  const canvas = m.getPanes().overlayPane.querySelector("canvas");
  const rc = canvas.getBoundingClientRect(), ctx = canvas.getContext("2d");
  const box = m.getContainer().getBoundingClientRect();
  return m._tkCircles.map(c => { const p = m.latLngToContainerPoint(c.layer.getLatLng());
    const x = Math.round((box.left + p.x - rc.left) * canvas.width / rc.width),
          y = Math.round((box.top + p.y - rc.top) * canvas.height / rc.height);
    return Array.from(ctx.getImageData(x, y, 1, 1).data); });
})"""

# the legend's reference circles as drawn: value and rendered radius (px)
_LEGEND_JS = """(sel) => Array.from(document.querySelectorAll(sel)).map(e => {
  const r = e.getBoundingClientRect();
  return {value: parseFloat(e.dataset.value), w: r.width, h: r.height}; })"""

# the MRA's box (the areas' bounds) against each map's box, in container pixels
_EXTENT_JS = """() => window.transitiekaart.maps.map(m => {
  const b = m._tkHome, size = m.getSize();
  const nw = m.latLngToContainerPoint(b.getNorthWest()),
        se = m.latLngToContainerPoint(b.getSouthEast());
  return {w: se.x - nw.x, h: se.y - nw.y, x0: nw.x, y0: nw.y, x1: se.x, y1: se.y,
          W: size.x, H: size.y};
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The comparison page and the head-to-head page, built by the command line."""
    out = tmp_path_factory.mktemp("compare")
    built = {"compare": out / "compare.html", "h2h": out / "h2h.html", "en": out / "en.html",
             "eur": out / "eur.html", "mun": out / "mun.html"}
    assert cli_main(["compare", "--format", "html", "--tiles", "none",
                     "--out", str(built["compare"])]) == 0
    assert cli_main(["compare", "--a", "Amsterdam", "--b", "Almere-Lelystad", "--format",
                     "html", "--tiles", "none", "--out", str(built["h2h"])]) == 0
    assert cli_main(["compare", "--a", "Haarlem", "--b", "Zaanstad", "--format", "html",
                     "--tiles", "none", "--lang", "en", "--out", str(built["en"])]) == 0
    assert cli_main(["compare", "--format", "html", "--tiles", "none", "--multiples", "eur",
                     "--out", str(built["eur"])]) == 0
    assert cli_main(["compare", "--by", "municipality", "--maps", "ai", "hydrogen",
                     "--format", "html", "--tiles", "none", "--out", str(built["mun"])]) == 0
    return built


class Opened:
    """A page open in chromium with the errors and requests it caused."""

    def __init__(self, page: Page, routes: BlockedRoutes) -> None:
        self.page, self.routes, self.errors = page, routes, []


@pytest.fixture
def open_page(chromium: BrowserContext) -> Iterator[Callable[..., Opened]]:
    opened: list[Page] = []

    def _open(path: Path, width: int = 1366, height: int = 768) -> Opened:
        page = chromium.new_page()
        opened.append(page)
        page.set_viewport_size({"width": width, "height": height})
        routes = BlockedRoutes()
        routes.install(page)
        op = Opened(page, routes)
        page.on("pageerror", lambda exc: op.errors.append(f"pageerror: {exc}"))

        def _console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                op.errors.append(f"console.error: {msg.text}")

        page.on("console", _console)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(READY, timeout=20_000)
        page.wait_for_timeout(150)
        return op

    yield _open
    for page in opened:
        page.close()


def _touches(box: dict[str, Any], c: dict[str, Any]) -> bool:
    """Does the box overlap circle ``c`` (more than a hair)?"""
    nx, ny = max(box["l"], min(c["x"], box["r"])), max(box["t"], min(c["y"], box["b"]))
    return (c["x"] - nx) ** 2 + (c["y"] - ny) ** 2 < (c["r"] - 0.5) ** 2


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a["r"], b["r"]) - max(a["l"], b["l"])
            h = min(a["b"], b["b"]) - max(a["t"], b["t"])
            if w > 0.5 and h > 0.5:
                out.append((a["what"], b["what"]))
    return out


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_page_at_every_size(open_page: Callable[..., Opened], pages: dict[str, Path],
                            width: int, height: int) -> None:
    op = open_page(pages["compare"], width, height)
    page = op.page
    assert op.errors == []
    assert op.routes.blocked == []  # --tiles none: not a single request
    # nothing wider than the screen but the table's own scroll box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # the two maps: full width and stacked on a phone, side by side from tablet on
    maps = page.evaluate("""() => ['tk-map-left', 'tk-map-right'].map(id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return {l: r.left, t: r.top, w: r.width, h: r.height}; })""")
    if width < 700:
        assert maps[0]["w"] >= width - 40 and maps[1]["t"] > maps[0]["t"] + maps[0]["h"]
        assert abs(maps[0]["l"] - maps[1]["l"]) < 1 and abs(maps[0]["w"] - maps[1]["w"]) < 1
    else:
        assert abs(maps[0]["t"] - maps[1]["t"]) < 1 and abs(maps[0]["h"] - maps[1]["h"]) < 1
    # controls, labels and circles never overlap (circles may overlap each other)
    circles = page.evaluate(_CIRCLES_JS)
    for boxes, drawn in zip(page.evaluate(_BOXES_JS), circles, strict=True):
        assert _overlaps(boxes) == []
        assert sum("tk-area-label" in b["what"] for b in boxes) >= 4  # most areas are named
        assert [(b["what"], c["key"]) for b in boxes for c in drawn if _touches(b, c)] == []
        assert drawn and all(c["inside"] for c in drawn)  # at open, every circle in view
    # at open, the MRA fills the map
    for e in page.evaluate(_EXTENT_JS):
        assert e["w"] >= 0.6 * e["W"] or e["h"] >= 0.6 * e["H"], e
        inside_w = min(e["x1"], e["W"]) - max(e["x0"], 0)
        inside_h = min(e["y1"], e["H"]) - max(e["y0"], 0)
        assert inside_w * inside_h >= 0.9 * e["w"] * e["h"], e
    # the bar chart fits: every bar and value inside the viewport's width
    right = page.evaluate("""() => Math.max(...Array.from(
        document.querySelectorAll('.tk-bar-value')).map(e => e.getBoundingClientRect().right))""")
    assert right <= width
    # a hover tooltip stays inside the viewport
    page.locator("#tk-map-right").scroll_into_view_if_needed()
    box = page.locator("#tk-map-right").bounding_box()
    assert box is not None
    point = page.evaluate("""() => { const m = window.transitiekaart.maps[1];
        const f = window.transitiekaart.data.areas.features[0];
        const p = m.latLngToContainerPoint(f.properties.label); return [p.x, p.y]; }""")
    page.mouse.move(box["x"] + point[0] + 3, box["y"] + point[1] + 3)
    tip = page.locator(".leaflet-tooltip.tk-tip")
    tip.wait_for(state="visible", timeout=5000)
    r = tip.bounding_box()
    assert r is not None and r["width"] <= 320
    assert r["x"] >= 0 and r["y"] >= 0
    assert r["x"] + r["width"] <= width and r["y"] + r["height"] <= height
    if (width, height) in SHOTS:
        page.mouse.move(0, 0)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(OUTPUT / f"compare_{width}x{height}.png"))
        page.screenshot(path=str(OUTPUT / f"compare_{width}x{height}_full.png"), full_page=True)
    assert op.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), sorted(SHOTS))
def test_circles_drawn_at_the_legend_scale(open_page: Callable[..., Opened],
                                           pages: dict[str, Path], width: int,
                                           height: int) -> None:
    op = open_page(pages["compare"], width, height)
    page = op.page
    data = page.evaluate("() => window.transitiekaart.data")
    sym, cols = data["symbols"], data["columns"]
    assert sym is not None  # the default maps show euros: totals, so circles

    def radius(value: float) -> float:
        return max(sym["rMax"] * math.sqrt(value / sym["vMax"]), sym["rMin"])

    feats = {f["properties"]["key"]: f["properties"] for f in data["areas"]["features"]}
    for side, drawn in enumerate(page.evaluate(_CIRCLES_JS)):
        # one circle per area with a positive value, none for zero, radius ∝ √value
        want = {k for k, p in feats.items() if p["value"][side] and p["value"][side] > 0}
        assert {c["key"] for c in drawn} == want, cols[side]
        for c in drawn:
            assert c["r"] == pytest.approx(radius(c["value"]), abs=1e-6)
            assert c["value"] == feats[c["key"]]["value"][side]
    # the circles are painted: the canvas at each centre has the circle's blue
    for painted in page.evaluate(_PAINTED_JS):
        assert painted
        for r, g, b, a in painted:
            assert b > r + 40 and a > 200, (r, g, b, a)  # not the white area beneath
    # the legend's circles, as rendered, are at the same scale as the map's
    page.locator(".tk-circle-legend").scroll_into_view_if_needed()
    legend = page.evaluate(_LEGEND_JS, "#tk-dual .tk-ref")
    assert 2 <= len(legend) <= 3
    for ref in legend:
        assert ref["w"] / 2 == pytest.approx(radius(ref["value"]), abs=0.5)
        assert ref["h"] == pytest.approx(ref["w"], abs=0.5)
    assert "0: geen cirkel" in page.locator("#tk-dual .tk-circle-legend").inner_text()
    # zooming in keeps the pixel radii, so the legend stays true at every zoom
    page.evaluate("() => window.transitiekaart.maps[0].setZoom("
                  "window.transitiekaart.maps[0].getZoom() + 1, {animate: false})")
    page.wait_for_timeout(200)
    for drawn in page.evaluate(_CIRCLES_JS):
        for c in drawn:
            assert c["r"] == pytest.approx(radius(c["value"]), abs=1e-6)
    # the legend's parts do not overlap each other
    parts = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#tk-dual .tk-circles text, #tk-dual .tk-circle-key li')).map(e => {
        const r = e.getBoundingClientRect();
        return {what: e.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })""")
    assert len(parts) >= 3 and _overlaps(parts) == []
    assert max(p["r"] for p in parts) <= width
    assert op.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), sorted(SHOTS))
def test_thirty_municipalities_circles_and_labels_apart(open_page: Callable[..., Opened],
                                                        pages: dict[str, Path], width: int,
                                                        height: int) -> None:
    op = open_page(pages["mun"], width, height)
    page = op.page
    feats = page.evaluate("() => window.transitiekaart.data.areas.features")
    assert len(feats) == 30
    circles = page.evaluate(_CIRCLES_JS)
    for side, (boxes, drawn) in enumerate(zip(page.evaluate(_BOXES_JS), circles, strict=True)):
        # every municipality with projects of the theme has a circle (or dot), the rest none
        assert len(drawn) == sum(f["properties"]["value"][side] > 0 for f in feats) > 0
        assert _overlaps(boxes) == []
        assert [(b["what"], c["key"]) for b in boxes for c in drawn if _touches(b, c)] == []
        assert sum("tk-area-label" in b["what"] for b in boxes) >= 6
    assert op.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), sorted(SHOTS))
def test_euro_multiples_legend_matches_their_circles(open_page: Callable[..., Opened],
                                                     pages: dict[str, Path], width: int,
                                                     height: int) -> None:
    op = open_page(pages["eur"], width, height)
    page = op.page
    page.locator("#tk-multiples").scroll_into_view_if_needed()
    # pixels per view-box unit of the small multiples, as laid out now
    unit = page.evaluate("""() => { const s = document.querySelector('.tk-multiple svg');
        return s.getBoundingClientRect().width / s.viewBox.baseVal.width; }""")
    circles = page.evaluate("""() => Array.from(document.querySelectorAll('.tk-mcircle'))
        .map(c => ({r: c.r.baseVal.value, w: c.getBoundingClientRect().width}))""")
    assert len(circles) >= 8
    for c in circles:  # the circles are drawn at their radius
        assert c["w"] == pytest.approx(2 * c["r"] * unit, abs=0.5)
    refs = page.evaluate("""() => Array.from(document.querySelectorAll('#tk-multiples .tk-ref'))
        .map(e => ({r: parseFloat(e.dataset.r), w: e.getBoundingClientRect().width}))""")
    assert refs
    for ref in refs:  # the legend's circles: the same scale at this screen width
        assert ref["w"] == pytest.approx(2 * ref["r"] * unit, abs=1.0)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # no circle reaches out of its small map
    out = page.evaluate("""() => Array.from(document.querySelectorAll('.tk-mcircle'))
        .filter(c => { const r = c.getBoundingClientRect(),
                             s = c.ownerSVGElement.getBoundingClientRect();
          return r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 ||
                 r.bottom > s.bottom + 0.5; }).length""")
    assert out == 0
    if (width, height) in SHOTS:
        page.locator("#tk-multiples").screenshot(
            path=str(OUTPUT / f"compare_multiples_eur_{width}x{height}.png"))
    assert op.errors == []


@pytest.mark.browser
def test_wheel_scrolls_the_page_until_the_map_is_clicked(open_page: Callable[..., Opened],
                                                         pages: dict[str, Path]) -> None:
    op = open_page(pages["compare"], 1366, 768)
    page = op.page
    page.evaluate("() => window.scrollTo(0, 200)")
    box = page.locator("#tk-map-left").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200)
    zoom = "() => window.transitiekaart.maps[0].getZoom()"
    before, scroll = page.evaluate(zoom), page.evaluate("() => window.scrollY")
    page.mouse.move(x, y)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(400)
    assert page.evaluate(zoom) == before  # the map did not zoom
    assert page.evaluate("() => window.scrollY") > scroll  # the page scrolled
    box = page.locator("#tk-map-left").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(600)
    assert page.evaluate(zoom) > before  # after a click the wheel zooms
    assert op.errors == []


@pytest.mark.browser
def test_ctrl_wheel_zooms_without_a_click(open_page: Callable[..., Opened],
                                          pages: dict[str, Path]) -> None:
    op = open_page(pages["compare"], 1366, 768)
    page = op.page
    page.locator("#tk-map-left").scroll_into_view_if_needed()
    box = page.locator("#tk-map-left").bounding_box()
    assert box is not None
    zoom = "() => window.transitiekaart.maps[0].getZoom()"
    before = page.evaluate(zoom)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_timeout(400)
    assert page.evaluate(zoom) == before + 0.5
    assert page.evaluate("() => window.transitiekaart.maps[1].getZoom()") == before + 0.5
    assert op.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("which", "mouse_word", "touch_word"),
                         [("compare", "muiswiel", "twee vingers"), ("en", "mouse wheel", "Pinch")])
def test_the_zoom_hint_fits_the_screen(chromium: BrowserContext, pages: dict[str, Path],
                                       which: str, mouse_word: str, touch_word: str) -> None:
    """A mouse gets the wheel hint; a touch screen (pointer: coarse) the pinch hint, and one
    finger scrolls the page until a map is tapped, as that hint says."""
    for touch in (False, True):
        page = chromium.new_page()
        try:
            page.set_viewport_size({"width": 390, "height": 844} if touch
                                   else {"width": 1366, "height": 768})
            BlockedRoutes().install(page)
            if touch:
                cdp = chromium.new_cdp_session(page)
                cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True,
                                                                "maxTouchPoints": 5})
            page.goto(pages[which].as_uri(), wait_until="load")
            page.wait_for_function(READY, timeout=20_000)
            hint = page.locator(".tk-hint").inner_text()
            shown, hidden = (touch_word, mouse_word) if touch else (mouse_word, touch_word)
            assert shown in hint and hidden not in hint, (touch, hint)
            dragging = page.evaluate(
                "() => window.transitiekaart.maps.map(m => m.dragging.enabled())")
            assert dragging == [not touch, not touch]
            if touch:
                page.screenshot(path=str(OUTPUT / f"compare_touch_hint_{which}_390x844.png"))
        finally:
            page.close()


@pytest.mark.browser
def test_numbers_sort_high_to_low_first(open_page: Callable[..., Opened],
                                        pages: dict[str, Path]) -> None:
    op = open_page(pages["compare"])
    page = op.page
    th = page.locator("#tk-table th[data-col='eur_per_inhabitant']")
    values = ("() => Array.from(document.querySelectorAll('#tk-table tbody tr'))"
              ".map(r => parseFloat(r.cells[%d].dataset.v))")
    col = page.evaluate("() => Array.from(document.querySelectorAll('#tk-table th'))"
                        ".findIndex(h => h.dataset.col === 'eur_per_inhabitant')")
    th.click()
    first = page.evaluate(values % col)
    assert first == sorted(first, reverse=True) and th.get_attribute("aria-sort") == "descending"
    th.click()
    assert page.evaluate(values % col) == sorted(first)
    name = page.locator("#tk-table th[data-col='name']")
    name.click()  # text: A to Z first
    names = page.evaluate("() => Array.from(document.querySelectorAll('#tk-table tbody tr'))"
                          ".map(r => r.cells[0].textContent)")
    assert names[0] == "Almere-Lelystad" and names[-1] == "Zuid-Kennemerland"
    # the first column stays in view when the table scrolls sideways
    page.locator("#tk-table").scroll_into_view_if_needed()
    page.evaluate("() => document.querySelector('.tk-scroll').scrollLeft = 900")
    left = page.evaluate("""() => [document.querySelector('.tk-scroll').getBoundingClientRect()
        .left, document.querySelector('#tk-table tbody td').getBoundingClientRect().left]""")
    assert abs(left[0] - left[1]) < 1
    assert op.errors == []


@pytest.mark.browser
def test_head_to_head_sorts_by_kengetal(open_page: Callable[..., Opened],
                                        pages: dict[str, Path]) -> None:
    op = open_page(pages["h2h"])
    page = op.page
    head = page.locator("#tk-head th").first
    assert head.text_content() == "Kengetal"
    labels = ("() => Array.from(document.querySelectorAll('#tk-head tbody tr'))"
              ".map(r => r.cells[0].textContent)")
    original = page.evaluate(labels)
    head.click()
    once = page.evaluate(labels)
    assert op.errors == []
    assert sorted(once) == sorted(original) and once != original
    assert once == page.evaluate("a => a.slice().sort((x, y) => x.localeCompare(y, 'nl'))",
                                 once)  # A to Z, as a Dutch reader sorts
    head.click()
    assert page.evaluate(labels) == once[::-1]
    page.locator("#tk-head th").nth(3).click()  # the difference: largest first
    diffs = page.evaluate("() => Array.from(document.querySelectorAll('#tk-head tbody tr'))"
                          ".map(r => r.cells[3].dataset.v).filter(v => v !== '')"
                          ".map(parseFloat)")
    assert diffs == sorted(diffs, reverse=True)
    assert op.errors == []


@pytest.mark.browser
def test_maps_follow_each_other(open_page: Callable[..., Opened],
                                pages: dict[str, Path]) -> None:
    op = open_page(pages["compare"])
    view = op.page.evaluate("""() => { const [a, b] = window.transitiekaart.maps;
        a.setView([52.37, 4.9], 12, {animate: false});
        const c = b.getCenter(); return [b.getZoom(), c.lat, c.lng]; }""")
    assert view == [12, pytest.approx(52.37), pytest.approx(4.9)]
    op.page.locator(".leaflet-control-fullview").first.click()  # back to the whole MRA
    extent = op.page.evaluate(_EXTENT_JS)[1]
    assert extent["w"] >= 0.6 * extent["W"] or extent["h"] >= 0.6 * extent["H"]
    assert op.errors == []


_TEXT_JS = """() => [document.body.innerText,
  ...Array.from(document.querySelectorAll('[title], [aria-label]'))
     .map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || ''))
].join(' ')"""


@pytest.mark.browser
@pytest.mark.parametrize(("which", "own", "foreign"), [
    ("en", ["Zoom in", "Full view", "Figure", "no data", "Sources"],
     ["inwoner", "Gebied", "Verschil", "geen gegevens", "Inzoomen", "Heel het gebied",
      "peildatum", "Bronnen", "VOORBEELDDATA", "klasse"]),
    ("h2h", ["Inzoomen", "Heel het gebied", "Kengetal", "Bronnen"],
     ["Zoom in", "Full view", "Figure", "no data", "Sources", "inhabitant", "SAMPLE",
      "contributors"]),
])
def test_one_language_as_drawn(open_page: Callable[..., Opened], pages: dict[str, Path],
                               which: str, own: list[str], foreign: list[str]) -> None:
    op = open_page(pages[which], 1366, 768)
    text = op.page.evaluate(_TEXT_JS)
    for word in own:
        assert word in text, word
    for word in foreign:
        assert word not in text, word
    assert op.errors == []
