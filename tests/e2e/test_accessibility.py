"""Accessibility basics: keyboard, text beside every colour, a colour-blind-safe palette."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from playwright.sync_api import expect

from geo.themes import THEMES
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import MapPage

# Machado et al. (2009) simulation at full severity, distances in CAM02-UCS
# (colorspacious). A just-noticeable difference is about 1 unit; colours that
# must be told apart at a glance on a map need well over ten.
MIN_DISTANCE = 10.0
CVD = ("deuteranomaly", "protanomaly", "tritanomaly")


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def min_distance(colours: list[str], cvd: str | None) -> tuple[float, str, str]:
    """The closest pair of ``colours`` as seen with colour vision deficiency ``cvd``."""
    from colorspacious import cspace_convert, deltaE

    rgb = np.array([_rgb(c) for c in colours])
    if cvd is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return min((float(deltaE(rgb[i], rgb[j], input_space="sRGB1")), colours[i], colours[j])
               for i, j in itertools.combinations(range(len(colours)), 2))


@pytest.mark.parametrize("cvd", [None, *CVD])
def test_theme_colours_stay_apart_for_colour_blind_readers(cvd: str | None) -> None:
    dist, a, b = min_distance([th.colour for th in THEMES], cvd)
    assert dist >= MIN_DISTANCE, f"{a} and {b} are {dist:.1f} apart ({cvd or 'normal'})"


def test_the_check_catches_a_red_green_palette() -> None:
    """The same measure fails a palette that is not colour-blind safe."""
    red_green = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00"]  # ColorBrewer Set1
    assert min_distance(red_green, None)[0] >= MIN_DISTANCE
    assert min_distance(red_green, "deuteranomaly")[0] < MIN_DISTANCE


@pytest.fixture
def nl_page(open_map: OpenMap, build_map_file: BuildMap) -> MapPage:
    return open_map(build_map_file("--tiles", "none"))


_FOCUSED_JS = """() => { const e = document.activeElement;
  const label = e.closest("label");
  return {tag: e.tagName, cls: e.className || "", title: e.getAttribute("title") || "",
          text: (label ? label.textContent : e.textContent || "").trim()}; }"""


@pytest.mark.browser
def test_controls_are_reachable_by_keyboard(nl_page: MapPage) -> None:
    page = nl_page.page
    page.locator("body").click(position={"x": 1, "y": 1})
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(_FOCUSED_JS))
    titles = {s["title"] for s in seen}
    assert {"Zoom in", "Zoom out"} <= titles
    texts = " | ".join(s["text"] for s in seen if s["tag"] == "INPUT")
    for th in THEMES:
        assert th.label_nl in texts, f"{th.label_nl} cannot be reached with Tab"
    # a theme switched off with the keyboard alone
    label = page.locator("#tk-sec-filters label.tk-theme").filter(has_text=THEMES[1].label_nl)
    label.locator("input").focus()
    page.keyboard.press("Space")
    expect(label.locator("input")).not_to_be_checked()
    page.wait_for_function("(c) => window.transitiekaart.points.drawnCount(c) === 0",
                           arg=THEMES[1].code, timeout=5000)


@pytest.mark.browser
def test_colour_keys_carry_text(nl_page: MapPage) -> None:
    """Every swatch in the legend and the layer list stands beside a text label."""
    rows = nl_page.page.evaluate("""() => {
      const out = [];
      for (const sw of document.querySelectorAll(
          ".tk-side .tk-sw, .tk-side .tk-dot, .tk-side .tk-line, .tk-side .tk-diamond, " +
          ".tk-side .tk-hollow, .tk-side span[style*=background]")) {
        const row = sw.closest("div, tr, label, li");
        out.push(row ? row.textContent.trim() : "");
      }
      return out;
    }""")
    assert len(rows) >= 2 * len(THEMES)
    assert all(len(text) >= 3 for text in rows), rows


@pytest.mark.parametrize("cvd", [None, *CVD])
def test_index_classes_stay_apart_for_colour_blind_readers(cvd: str | None) -> None:
    """The default fill's five classes (% of the MRA rate) are told apart by every reader."""
    from mapbuilder.mappage.render import INDEX_COLOURS

    dist, a, b = min_distance(list(INDEX_COLOURS), cvd)
    assert dist >= MIN_DISTANCE, f"{a} and {b} are {dist:.1f} apart ({cvd or 'normal'})"
