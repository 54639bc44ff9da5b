"""The map page on paper (issue 19, item 6): page.pdf() at A4 landscape, rasterised.

The PDF is turned into pixels with poppler's pdftoppm and read back: one page, the area
fills there in the colours the screen draws, the whole MRA inside the page (no side cut
off), and in the text (pdftotext) the legend, the figures, the filter state in words, the
date and the sources. After printing, the screen map is as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page

from tests.e2e.conftest import BuildMap
from tests.e2e.support import load_sized, printed_fit, watched_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                 reason="pdftoppm (poppler-utils) is not installed")]

SIZES = [(390, 844), (1366, 768), (1920, 1080)]
DPI = 40


@pytest.fixture(scope="module")
def built(build_map_file: BuildMap) -> Path:
    return build_map_file("--tiles", "none")


def _print(pg: Page, tmp: Path) -> tuple[np.ndarray, str, int]:
    """page.pdf() as the page prints it: pixels, text and the number of pages."""
    pdf = tmp / "page.pdf"
    pdf.write_bytes(pg.pdf(format="A4", landscape=True, print_background=True))
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(tmp / "p")], check=True)
    pages = sorted(tmp.glob("p*.png"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return np.asarray(Image.open(pages[0]).convert("RGB")).astype(int), text, len(pages)


def _hex(c: str) -> np.ndarray:
    return np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)])


def _fill_mask(px: np.ndarray, colour: str, opacity: float) -> np.ndarray:
    """Pixels of an area fill of ``colour`` at ``opacity`` over a light background."""
    out = np.zeros(px.shape[:2], dtype=bool)
    for bg in ("#ffffff", "#f2f1ec"):
        want = opacity * _hex(colour) + (1 - opacity) * _hex(bg)
        out |= np.abs(px - want).max(axis=2) <= 6
    return out


@pytest.mark.parametrize(("w", "h"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_print_gives_the_whole_mra_with_fills_legend_and_sources(
        chromium: BrowserContext, built: Path, tmp_path: Path, w: int, h: int) -> None:
    pg, errors = watched_page(chromium)
    try:
        load_sized(pg, built, w, h)
        pg.evaluate("() => window.transitiekaart.setFilter({theme: ['hydrogen', 'ai', 'health']})")
        pg.wait_for_timeout(100)
        screen: dict[str, Any] = pg.evaluate(
            "() => { const m = window.transitiekaart.map, c = m.getCenter();"
            " return {drawn: window.transitiekaart.drawn(), zoom: m.getZoom(),"
            " centre: [c.lat, c.lng], opacity: window.transitiekaart.FILL_OPACITY}; }")
        # the printed panel fits the printed map: nothing of it (the sources last) is cut off
        fit = printed_fit(pg)
        assert fit["sources"] <= fit["panel"] <= fit["map"], fit
        px, text, pages = _print(pg, tmp_path)
        assert pages == 1
        H, W = px.shape[:2]
        # the fills are on paper: every class colour that the screen draws is there
        # (those that a pixel count can tell from the paper: not the near-white middle class)
        fills = {c for c in screen["drawn"]["fills"].values()
                 if np.abs(_hex(c) - 255).max() * screen["opacity"] > 30}
        assert len(fills) >= 2
        every = np.zeros((H, W), dtype=bool)
        panel = int(0.29 * W)  # the printed panel (270 px of 1054): its swatches are not areas
        for colour in fills:
            mask = _fill_mask(px, colour, screen["opacity"])
            mask[:, :panel] = False
            assert mask.sum() > 0.002 * H * W, colour
            every |= mask
        # the whole MRA: the fills lie inside the page, clear of its edges, and are wide
        ys, xs = np.nonzero(every)
        assert xs.min() > 0.02 * W and xs.max() < 0.98 * W, (xs.min(), xs.max(), W)
        assert ys.min() > 0.02 * H and ys.max() < 0.98 * H, (ys.min(), ys.max(), H)
        assert xs.max() - xs.min() > 0.45 * W
        # and right of the printed panel (the panel covers no area)
        assert xs.min() > panel + 0.02 * W
        flat = " ".join(text.split())
        for words in ("Selectie: Thema's:", "Waterstof", "Stand van", "Bronnen",
                      "100% = het MRA-gemiddelde van deze selectie", "< 50%", "≥ 200%",
                      "Cirkels: bedrag per deelregio", "Totaal in de MRA"):
            assert words in flat, words
        # the screen comes back as it was
        after = pg.evaluate(
            "() => { const m = window.transitiekaart.map, c = m.getCenter();"
            " return {zoom: m.getZoom(), centre: [c.lat, c.lng],"
            " frozen: document.querySelectorAll('img.tk-print-img, canvas[data-tk-frozen]')"
            ".length}; }")
        assert after["frozen"] == 0
        assert after["zoom"] == screen["zoom"]
        assert after["centre"] == pytest.approx(screen["centre"], abs=1e-6)
        assert not errors
    finally:
        pg.close()


def test_the_comparison_page_prints_both_maps_whole(chromium: BrowserContext,
                                                     tmp_path: Path) -> None:
    """Both maps of ``compare --format html`` on paper: the whole MRA (the east too), with
    their areas drawn (not a white sheet where the canvas was drawn for the print)."""
    from mapbuilder.cli import main as cli_main

    html = tmp_path / "compare.html"
    assert cli_main(["compare", "--format", "html", "--tiles", "none", "--out", str(html)]) == 0
    pg, errors = watched_page(chromium)
    try:
        pg.set_viewport_size({"width": 1366, "height": 768})
        pg.goto(html.as_uri(), wait_until="load")
        pg.wait_for_function("() => window.transitiekaart && window.transitiekaart.maps")
        pg.wait_for_timeout(300)
        px, text, _ = _print(pg, tmp_path)
        flat = " ".join(text.split())
        assert flat.count("Almere-Lelystad") >= 2  # the east in both maps
        # the map background (#f2f1ec-ish) and the areas' fill are on paper in both halves
        H, W = px.shape[:2]
        light = (np.abs(px - _hex("#f2f1ec")).max(axis=2) <= 8)
        for half in (light[:, : W // 2], light[:, W // 2:]):
            assert half.sum() > 0.01 * H * W / 2
        after = pg.evaluate("() => document.querySelectorAll('img.tk-print-img').length")
        assert after == 0
        assert not errors
    finally:
        pg.close()


@pytest.mark.parametrize(("w", "h"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_printed_names_stand_whole_on_the_map_clear_of_the_panel(
        chromium: BrowserContext, built: Path, w: int, h: int) -> None:
    """Laid out for paper, every name on the map (the NOVEX labels and the area names drawn
    beside the circles) lies inside the map and off the printed panel: on A4 the panel cut
    'Amsterdam Noordzeekanaalgebied (NOVEX)' in half."""
    pg, errors = watched_page(chromium)
    try:
        load_sized(pg, built, w, h)
        pg.emulate_media(media="print")
        got = pg.evaluate("""() => { const TK = window.transitiekaart; TK.print.before();
          const m = TK.map.getContainer().getBoundingClientRect(),
            s = document.querySelector('.tk-side').getBoundingClientRect(),
            rel = (r) => [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top];
          const labels = [...document.querySelectorAll('.leaflet-tooltip.tk-label')]
            .filter((e) => !e.classList.contains('tk-label-off'))
            .map((e) => [e.textContent, rel(e.getBoundingClientRect())]);
          const names = TK.layer.namedAreas().map((n, i) => [n, TK.layer.nameBoxes()[i]]);
          return {map: [m.width, m.height], panel: rel(s), labels: labels, names: names}; }""")
        pg.emulate_media(media=None)
        pg.evaluate("() => window.transitiekaart.print.after()")
        W, H = got["map"]
        panel = got["panel"]
        assert panel[2] > 100  # the printed panel stands on the map's left
        assert len(got["labels"]) >= 2 and len(got["names"]) >= 5, got
        for name, (x0, y0, x1, y1) in got["labels"] + got["names"]:
            assert x0 >= 0 and y0 >= 0 and x1 <= W and y1 <= H, (name, [x0, y0, x1, y1], W, H)
            off_panel = x0 >= panel[2] or x1 <= panel[0] or y0 >= panel[3] or y1 <= panel[1]
            assert off_panel, (name, [x0, y0, x1, y1], panel)
        assert not errors
    finally:
        pg.close()
