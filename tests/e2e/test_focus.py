"""Accessibility of the map page (issue 19, item 8): focus kept, a named map, targets, motion.

A control that changes the legend keeps the keyboard focus (the legend is rebuilt only
when what it says changed, and the control used gets the focus back); the map is a named
landmark; buttons and links are targets of at least 24 x 24 px; a reader who asked for
less motion gets no zoom, fade or inertia animation.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import BrowserContext, Page

from geo.validate import validate_file
from tests.e2e.conftest import BuildMap
from tests.e2e.support import load_sized, watched_page

pytestmark = pytest.mark.browser

_FOCUS_JS = "() => document.activeElement && document.activeElement.getAttribute('data-focus')"


def _open_legend(pg: Page) -> None:
    tab = pg.locator(".tk-tab[data-key=legend]")
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()


def test_focus_stays_on_the_control_that_changed(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    _open_legend(pg)
    metric = pg.locator("#tk-sec-legend select[data-focus=metric]")
    metric.focus()
    before = pg.evaluate("() => window.transitiekaart.getFilter().metric")
    pg.keyboard.press("ArrowDown")  # a closed select changes with the arrow keys
    pg.wait_for_function("(m) => window.transitiekaart.getFilter().metric !== m", arg=before)
    assert pg.evaluate(_FOCUS_JS) == "metric"
    pg.keyboard.press("ArrowUp")
    pg.wait_for_function("(m) => window.transitiekaart.getFilter().metric === m", arg=before)
    assert pg.evaluate(_FOCUS_JS) == "metric"
    box = pg.locator("#tk-sec-legend input[data-focus=layer-novex]")
    box.focus()
    pg.keyboard.press("Space")
    assert not pg.locator("#tk-sec-legend input[data-focus=layer-novex]").is_checked()
    assert pg.evaluate(_FOCUS_JS) == "layer-novex"
    pg.keyboard.press("Space")
    assert pg.evaluate(_FOCUS_JS) == "layer-novex"
    # a map move that changes nothing in the legend does not rebuild it
    pg.evaluate("() => { window._tkFirst = document.querySelector('#tk-sec-legend').firstChild;"
                " const m = window.transitiekaart.map; m.panBy([12, 8], {animate: false}); }")
    pg.wait_for_timeout(50)
    assert pg.evaluate("() => document.querySelector('#tk-sec-legend').firstChild "
                       "=== window._tkFirst")
    assert not errors


def test_the_map_is_a_named_landmark_with_targets_big_enough(
        sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    got = pg.evaluate("() => { const c = window.transitiekaart.map.getContainer();"
                      " return [c.getAttribute('role'), c.getAttribute('aria-label')]; }")
    assert got[0] == "main" and "Gebieden" in got[1]
    assert pg.locator("[role=complementary]").count() == 1  # the panel
    for key in ("legend", "areas"):
        tab = pg.locator(f".tk-tab[data-key={key}]")
        if tab.get_attribute("aria-expanded") != "true":
            tab.click()
    small = pg.evaluate("""() => [...document.querySelectorAll(
        '.tk-tab, .tk-btn, .tk-link, .leaflet-control-zoom a, .tk-fullview button, .tk-strip')]
      .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
      .map(e => { const r = e.getBoundingClientRect();
                  return {t: (e.textContent || e.title).trim().slice(0, 30), w: r.width,
                          h: r.height}; })
      .filter(b => b.w < 24 || b.h < 24)""")
    assert small == []
    assert not errors


def test_reduced_motion_turns_off_the_animations(chromium: BrowserContext,
                                                 build_map_file: BuildMap) -> None:
    path: Path = build_map_file("--tiles", "none")
    pg, errors = watched_page(chromium)
    try:
        pg.emulate_media(reduced_motion="reduce")
        load_sized(pg, path, 1366, 768)
        got = pg.evaluate("() => { const m = window.transitiekaart.map; return ["
                          "m.options.zoomAnimation, m.options.fadeAnimation, m.options.inertia,"
                          " m._zoomAnimated]; }")
        assert got == [False, False, False, False]
    finally:
        pg.close()
    pg, errors = watched_page(chromium)  # and without the wish, Leaflet's defaults
    try:
        load_sized(pg, path, 1366, 768)
        got = pg.evaluate("() => window.transitiekaart.map.options.zoomAnimation")
        assert got is True
        assert not errors
    finally:
        pg.close()


def test_an_export_shows_it_is_busy(sized: tuple[Page, list[str]], tmp_path: Path) -> None:
    """And the CSV says which filters made it and when, in a column `add` reads back."""
    pg, errors = sized
    pg.evaluate("() => window.transitiekaart.setFilter({theme: ['hydrogen'], year: [2024, 2030]})")
    pg.locator(".tk-tab[data-key=list]").click()
    with pg.expect_download() as dl:
        busy = pg.evaluate("""() => { const b = document.querySelector('button[data-export=csv]');
          b.click();
          return [b.getAttribute('aria-busy'), b.textContent,
                  document.documentElement.classList.contains('tk-busy')]; }""")
    assert busy == ["true", "Bezig met schrijven…", True]
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    note = table["selectie"].tolist()
    assert note[0].startswith("Selectie: Thema's: Waterstof; Startjaar: 2024–2030 · Stand van ")
    assert all(v == "" for v in note[1:])
    (tmp_path / "selectie.csv").write_bytes(data)  # read back as a partner's file
    report = validate_file(tmp_path / "selectie.csv")
    assert report.ok, report.to_text()
    assert len(report.projects) == len(table)
    button = pg.locator("button[data-export=csv]")
    assert button.get_attribute("aria-busy") is None and button.inner_text() == "CSV (Excel)"
    assert not errors
