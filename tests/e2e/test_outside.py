"""Many projects outside the MRA (not counted) do not hide the map's message.

50,000 generated projects, a fifth of them outside the MRA (in lon/lat range,
around it: the Markermeer, the IJsselmeer, the neighbours). Their hollow grey
dots are context: drawn beneath the subregions' circles and names, so every
pixel that the circles and names paint is the same with or without them, and
zoomed out they are smaller and lighter than zoomed in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from playwright.sync_api import BrowserContext

from benchmarks.synth import synthetic_projects
from layers.region import load_region
from mapbuilder.cli import main as cli_main
from tests.e2e.support import load_sized, shots_dir, watched_page

pytestmark = pytest.mark.browser

N, OUTSIDE = 50_000, 10_000
OUTPUT = shots_dir()  # screenshots to look at: a temporary folder, not the repository


def _outside_points(n: int, seed: int) -> np.ndarray:
    """``n`` lon/lat points in the MRA's box (widened a little) but outside the MRA."""
    mra = load_region().municipalities.to_crs(4326).union_all()
    shapely.prepare(mra)
    x0, y0, x1, y1 = mra.bounds
    rng, out = np.random.default_rng(seed), np.empty((0, 2))
    while len(out) < n:
        xy = np.column_stack([rng.uniform(x0 - 0.05, x1 + 0.05, 4 * n),
                              rng.uniform(y0 - 0.03, y1 + 0.03, 4 * n)])
        out = np.vstack([out, xy[~shapely.contains_xy(mra, xy[:, 0], xy[:, 1])]])
    return np.round(out[:n], 6)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fc = synthetic_projects(N, seed=11)
    for f, (lon, lat) in zip(fc["features"][:OUTSIDE], _outside_points(OUTSIDE, 11),
                             strict=True):
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        f["geometry"]["coordinates"] = [float(lon), float(lat)]
    tmp = tmp_path_factory.mktemp("outside")
    (tmp / "projects.geojson").write_text(json.dumps(fc), encoding="utf-8")
    out = tmp / "map.html"
    assert cli_main(["build", "--projects", str(tmp / "projects.geojson"), "--tiles", "none",
                     "--out", str(out)]) == 0
    return out


# the canvas's pixels in the circles and name boxes, with the outside projects drawn and
# without them (deselected for one drawing): every opaque pixel of the second must be the
# same in the first
_COVER_JS = """() => {
  const tk = window.transitiekaart, layer = tk.layer, d = tk.data;
  const canvas = document.querySelector("canvas.tk-points"), ctx = canvas.getContext("2d");
  const k = canvas.width / canvas.getBoundingClientRect().width;
  const grab = () => ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const withOut = grab(), sel = tk.sel.slice();
  for (let i = 0; i < d.n; i++) { if (!d.inm[i]) { tk.sel[i] = 0; } }
  layer.redraw();
  const without = grab(), names = layer.nameBoxes(), circles = layer._symbols;
  tk.sel.set(sel);
  layer.redraw();
  let compared = 0, covered = 0, changed = 0;
  for (let p = 3; p < withOut.length; p += 4) { if (withOut[p] !== without[p]) { changed++; } }
  const boxes = names.concat(circles.map(c => [c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r]));
  for (const b of boxes) {
    for (let y = Math.max(0, Math.floor(b[1] * k)); y < Math.min(canvas.height, b[3] * k); y++) {
      for (let x = Math.max(0, Math.floor(b[0] * k)); x < Math.min(canvas.width, b[2] * k); x++) {
        const p = 4 * (y * canvas.width + x);
        if (without[p + 3] !== 255) { continue; }
        compared++;
        if (withOut[p] !== without[p] || withOut[p + 1] !== without[p + 1] ||
            withOut[p + 2] !== without[p + 2]) { covered++; }
      }
    }
  }
  return {compared, covered, changed, names: layer.namedAreas(), level: layer.level()};
}"""

# one outside dot drawn alone at the current zoom: how far it reaches from its centre (px)
# and how dark its ring is (0 black, 255 white)
_DOT_JS = """() => {
  const tk = window.transitiekaart, layer = tk.layer, d = tk.data, map = tk.map;
  const canvas = document.querySelector("canvas.tk-points"), ctx = canvas.getContext("2d");
  const k = canvas.width / canvas.getBoundingClientRect().width, size = map.getSize();
  const sel = tk.sel.slice();
  let one = -1;
  for (let i = 0; i < d.n && one < 0; i++) {
    if (d.inm[i] || !sel[i]) { continue; }
    const p = map.latLngToContainerPoint(layer.latLng(i));
    if (p.x > 30 && p.y > 30 && p.x < size.x - 30 && p.y < size.y - 30) { one = i; }
  }
  if (one < 0) { return null; }
  tk.sel.fill(0);
  tk.sel[one] = 1;
  layer.redraw();
  const x = layer._singles[1], y = layer._singles[2];
  let darkest = 255, reach = 0;
  for (let dy = -10; dy <= 10; dy++) {
    for (let dx = -10; dx <= 10; dx++) {
      const px = ctx.getImageData(Math.round((x + dx) * k), Math.round((y + dy) * k), 1, 1).data;
      if (px[3] > 0) {
        reach = Math.max(reach, Math.hypot(dx, dy));
        darkest = Math.min(darkest, 255 - px[3] * (255 - px[0]) / 255);
      }
    }
  }
  tk.sel.set(sel);
  layer.redraw();
  return {reach, darkest};
}"""


def _real(errors: list[str]) -> list[str]:
    """The page's errors and warnings, less chromium's advice on this test's own readbacks."""
    return [e for e in errors if "willReadFrequently" not in e]


@pytest.fixture(scope="module")
def page(chromium: BrowserContext, built: Path) -> Any:
    pg, errors = watched_page(chromium)
    yield pg, errors
    pg.close()


@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768), (1920, 1080)])
def test_outside_dots_stay_beneath_circles_and_names(page: Any, built: Path, w: int,
                                                     h: int) -> None:
    pg, errors = page
    errors.clear()
    load_sized(pg, built, w, h)
    for zoom in (None, 0.25):  # the opening view (subregions) and municipalities
        if zoom:  # (the municipal level's zoom depends on the screen: the page says it)
            pg.evaluate("(z) => { const m = window.transitiekaart.map; "
                        "m.setView([52.37, 4.85], window.transitiekaart.ZOOM.mun + z, "
                        "{animate: false}); }", zoom)
            pg.wait_for_timeout(100)
        out = pg.evaluate(_COVER_JS)
        assert out["level"] == ("mun" if zoom else "sub")
        assert out["changed"] > 1000, out  # the outside projects are drawn
        assert out["compared"] > 2000 and out["names"], out
        assert out["covered"] == 0, out  # nothing drawn over a circle or a name
        if not zoom:
            pg.screenshot(path=str(OUTPUT / f"map-outside-{w}x{h}.png"))
    assert _real(errors) == []


def test_outside_dots_are_lighter_and_smaller_zoomed_out(page: Any, built: Path) -> None:
    pg, errors = page
    errors.clear()
    load_sized(pg, built, 1366, 768)
    far = pg.evaluate(_DOT_JS)
    pg.evaluate("() => { window.transitiekaart.map.setView([52.52, 5.25], 13.5, "
                "{animate: false}); }")
    pg.wait_for_timeout(100)
    assert pg.evaluate("() => window.transitiekaart.layer.level()") == "dots"
    near = pg.evaluate(_DOT_JS)
    assert far and near, (far, near)
    assert far["reach"] < near["reach"] and far["darkest"] > near["darkest"] + 40, (far, near)
    assert _real(errors) == []
