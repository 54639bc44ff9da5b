"""Every area name shown on a map stands by its own area's symbol (a new user's trial, 390 x 844).

With a real register of 15 projects, the map page put "Amstelland-Meerlanden" right under
the Zuid-Kennemerland circle (and left Zuid-Kennemerland unnamed) while the "Regio
Schiphol (NOVEX)" label covered the real Amstelland-Meerlanden circle. Measured here from
the drawn page, for that register and for the sample, on the map page and on both maps of
the comparison page, at a phone, a laptop and a large screen:

- each name shown is nearer (gap between its box and the circle's edge, or the naming
  point of an area without a circle) to its own area's symbol than to any other area's;
- no name box, and no NOVEX label, lies over a circle it does not belong to;
- an area whose name is left out can still be told by its tooltip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from mapbuilder.cli import main as cli_main
from tests.e2e.conftest import SIZES, BuildMap
from tests.e2e.support import load_sized, shots_dir, watched_page

REGISTER = Path(__file__).resolve().parents[1] / "data" / "trial_register.geojson"
OUTPUT = shots_dir()

pytestmark = pytest.mark.browser

# the map page: the names drawn on the canvas, every area's symbol and the NOVEX labels shown
_MAP_JS = """() => {
  const tk = window.transitiekaart, at = tk.map.getContainer().getBoundingClientRect();
  const novex = [...document.querySelectorAll(".leaflet-tooltip.tk-label")].filter(
    e => getComputedStyle(e).visibility !== "hidden").map(e => {
      const r = e.getBoundingClientRect();
      return {name: e.textContent,
              box: [r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top]};
    }).filter(b => b.box[2] > b.box[0] && b.box[3] > b.box[1]);
  const boxes = tk.layer.nameBoxes();
  const names = tk.layer.namedAreas().map((n, k) => ({name: n, box: boxes[k]}));
  // an area named nowhere keeps its tooltip: its fill answers the mouse
  const tips = {};
  (tk.subregions || []).forEach(g => g.eachLayer(l => {
    tips[tk.data.areas.sub.name[l.feature.properties.i]] =
      !!l.options.interactive && l.listens("mousemove");
  }));
  return {level: tk.layer.level(), anchors: tk.layer.anchors(), names, novex, tips};
}"""

# the comparison page: per map, the area labels (DOM), every area's symbol, and the areas
# with a tooltip
_COMPARE_JS = """() => window.transitiekaart.maps.map((m, side) => {
  const at = m.getContainer().getBoundingClientRect();
  const D = window.transitiekaart.data;
  const anchors = D.areas.features.map(f => {
    const p = m.latLngToContainerPoint(f.properties.label), r = f.properties.radius[side];
    return {name: f.properties.name, x: p.x, y: p.y, r: r > 0 ? r + 1.5 : 0};
  });
  const labels = m._tkLabels.map(t => t.getElement()).filter(e => e).map(e => {
    const r = e.getBoundingClientRect();
    return {name: e.textContent, shown: getComputedStyle(e).visibility !== "hidden",
            box: [r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top]};
  });
  const tips = {};
  m.eachLayer(l => {
    if (l.feature && l.getTooltip && l.getTooltip()) { tips[l.feature.properties.name] = true; }
  });
  return {anchors, names: labels.filter(l => l.shown), hidden: labels.filter(l => !l.shown)
            .map(l => l.name), tips};
})"""


def _gap(box: list[float], c: dict[str, Any]) -> tuple[float, bool]:
    """The gap between ``box`` and circle ``c``'s edge, and whether the box lies over it."""
    nx, ny = max(box[0], min(c["x"], box[2])), max(box[1], min(c["y"], box[3]))
    d = ((c["x"] - nx) ** 2 + (c["y"] - ny) ** 2) ** 0.5
    return max(0.0, d - c["r"]), d < c["r"] - 0.5


def _misplaced(names: list[dict[str, Any]], anchors: list[dict[str, Any]]) -> list[str]:
    """The names shown nearer to another area's symbol than to their own, or over another's
    circle."""
    by_name = {a["name"]: a for a in anchors}
    bad = []
    for n in names:
        own, _ = _gap(n["box"], by_name[n["name"]])
        for a in anchors:
            if a["name"] == n["name"]:
                continue
            g, over = _gap(n["box"], a)
            if over or g <= own:
                bad.append(f"{n['name']} (gap {own:.1f}) by {a['name']} (gap {g:.1f}"
                           f"{', over its circle' if over else ''})")
    return bad


def _covering(labels: list[dict[str, Any]], anchors: list[dict[str, Any]]) -> list[str]:
    """The NOVEX labels that lie over a circle."""
    return [f"{lab['name']} over {a['name']}" for lab in labels for a in anchors
            if a["r"] > 0 and _gap(lab["box"], a)[1]]


@pytest.fixture
def fresh(chromium: BrowserContext) -> Iterator[tuple[Page, list[str]]]:
    pg, errors = watched_page(chromium)
    yield pg, errors
    pg.close()


@pytest.fixture(scope="module")
def compare_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("compare-labels")
    pages = {"register": out / "register.html", "sample": out / "sample.html"}
    assert cli_main(["compare", "--format", "html", "--tiles", "none", "--projects",
                     str(REGISTER), "--out", str(pages["register"])]) == 0
    assert cli_main(["compare", "--format", "html", "--tiles", "none",
                     "--out", str(pages["sample"])]) == 0
    return pages


@pytest.mark.parametrize(("w", "h"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("data", ["register", "sample"])
def test_map_page_names_stand_by_their_own_circles(fresh: tuple[Page, list[str]],
                                                    build_map_file: BuildMap, data: str,
                                                    w: int, h: int) -> None:
    pg, errors = fresh
    args = ("--tiles", "none") + (("--projects", str(REGISTER)) if data == "register" else ())
    load_sized(pg, build_map_file(*args), w, h)
    out = pg.evaluate(_MAP_JS)
    pg.screenshot(path=str(OUTPUT / f"label-owners-map-{data}-{w}x{h}.png"))
    assert out["level"] == "sub" and len(out["anchors"]) == 7, out["level"]
    assert sum(a["r"] > 0 for a in out["anchors"]) >= 5  # circles to be near or far from
    assert out["names"], out
    assert _misplaced(out["names"], out["anchors"]) == []
    assert _covering(out["novex"], out["anchors"]) == []
    unnamed = {a["name"] for a in out["anchors"]} - {n["name"] for n in out["names"]}
    assert all(out["tips"].get(n) for n in unnamed), (unnamed, out["tips"])
    assert errors == []


@pytest.mark.parametrize(("w", "h"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("data", ["register", "sample"])
def test_compare_page_names_stand_by_their_own_circles(fresh: tuple[Page, list[str]],
                                                        compare_pages: dict[str, Path],
                                                        data: str, w: int, h: int) -> None:
    pg, errors = fresh
    pg.set_viewport_size({"width": w, "height": h})
    pg.goto(compare_pages[data].as_uri(), wait_until="load")
    pg.wait_for_function("() => !!(window.transitiekaart && window.transitiekaart.maps)")
    pg.wait_for_timeout(150)
    maps = pg.evaluate(_COMPARE_JS)
    pg.screenshot(path=str(OUTPUT / f"label-owners-compare-{data}-{w}x{h}.png"))
    assert len(maps) == 2
    for side, out in enumerate(maps):
        assert len(out["anchors"]) == 7 and any(a["r"] > 0 for a in out["anchors"])
        assert len(out["names"]) >= 5, (side, out["hidden"])  # most areas are named
        assert _misplaced(out["names"], out["anchors"]) == [], side
        assert all(out["tips"].get(n) for n in out["hidden"]), (side, out["hidden"])
    assert errors == []
