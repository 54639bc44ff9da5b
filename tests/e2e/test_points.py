"""The canvas project layer as a person uses it: rings when zoomed out, dots when
zoomed in, a click on a ring zooms in, projects on one spot are all reachable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.synth import write_geojson
from geo.themes import THEMES, get_theme
from layers.samples import load_sample_projects
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import MapPage

pytestmark = pytest.mark.browser

_PIXEL_JS = """
const [lat, lon] = arg;
const p = map.latLngToContainerPoint([lat, lon]);
const canvas = document.querySelector("canvas.tk-points");
const box = canvas.getBoundingClientRect(), mbox = map.getContainer().getBoundingClientRect();
const dpr = canvas.width / box.width;
const x = Math.round((p.x + mbox.left - box.left) * dpr);
const y = Math.round((p.y + mbox.top - box.top) * dpr);
const d = canvas.getContext("2d").getImageData(x, y, 1, 1).data;
return [d[0], d[1], d[2], d[3]];
"""


def _hex(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def _zoom_to(mp: MapPage, lat: float, lon: float, zoom: float) -> None:
    mp.js("map.setView([arg[0], arg[1]], arg[2], {animate: false}); return true;",
          [lat, lon, zoom])
    mp.page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")


def _page_point(mp: MapPage, lat: float, lon: float) -> list[float]:
    """Where [lat, lon] is on the page, in CSS pixels (for the mouse)."""
    return mp.js("const p = map.latLngToContainerPoint([arg[0], arg[1]]);"
                 "const b = map.getContainer().getBoundingClientRect();"
                 "return [p.x + b.left, p.y + b.top];", [lat, lon])


def _clusters(mp: MapPage) -> list[dict]:
    """The rings drawn now, with whether a panel covers their centre."""
    return mp.js("""
      const b = map.getContainer().getBoundingClientRect();
      return window.transitiekaart.points.layer._clusters.map(c => {
        const el = document.elementFromPoint(c.x + b.left, c.y + b.top);
        return {x: c.x, y: c.y, n: c.n,
                free: !!el && !el.closest(".leaflet-control-container")};
      });""")


@pytest.fixture(scope="module")
def many_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 fictitious projects spread over the MRA (the benchmark's generator)."""
    return write_geojson(5000, tmp_path_factory.mktemp("many") / "many.geojson", seed=7)


def test_zoomed_out_rings_count_every_project(open_map: OpenMap, build_map_file: BuildMap,
                                              many_file: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(many_file)))
    clusters = _clusters(mp)
    assert clusters, "5,000 projects at the start view are drawn as rings"
    drawn = sum(mp.js("return window.transitiekaart.points.drawnCount(arg);", th.code)
                for th in THEMES)
    singles = mp.js("return window.transitiekaart.points.layer._singles.length / 3;")
    assert sum(c["n"] for c in clusters) + singles == drawn
    assert drawn == mp.js("return window.transitiekaart.points.total;") - _outside_view(mp)
    assert mp.errors == []


def _outside_view(mp: MapPage) -> int:
    """Projects outside the current view (not drawn)."""
    return mp.js("""
      const d = window.transitiekaart.points.layer._d, b = map.getBounds();
      let n = 0;
      for (let i = 0; i < d.n; i++) {
        if (!b.pad(0.05).contains([d.y[i] / d.scale, d.x[i] / d.scale])) { n++; }
      }
      return n;""")


def test_click_on_a_ring_zooms_in_until_single_projects_show(
        open_map: OpenMap, build_map_file: BuildMap, many_file: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(many_file)))
    for _ in range(8):
        clusters = _clusters(mp)
        if not clusters:
            break
        ring = max((c for c in clusters if c["free"]), key=lambda c: c["n"])
        zoom = mp.js("return map.getZoom();")
        box = mp.page.locator(".folium-map").bounding_box()
        mp.page.mouse.click(box["x"] + ring["x"], box["y"] + ring["y"])
        mp.page.wait_for_function("(z) => window.transitiekaart.map.getZoom() > z", arg=zoom,
                                  timeout=5000)
        mp.page.wait_for_timeout(400)  # the zoom animation ends, the layer redraws
    assert mp.js("return window.transitiekaart.points.layer._singles.length;") > 0
    assert mp.errors == []


def test_projects_on_one_spot_are_listed_and_each_opens(open_map: OpenMap, tmp_path: Path,
                                                        build_map_file: BuildMap) -> None:
    names = ["Warmtenet A", "Laadplein B", "Datacentrum C"]
    themes = ["smart_energy", "smart_mobility", "digital_infra"]
    feats = [{"type": "Feature",
              "geometry": {"type": "Point", "coordinates": [4.9003, 52.3701]},
              "properties": {"id": f"spot-{i}", "name": n, "theme": t,
                             "amount_eur": 1000 * (i + 1)}}
             for i, (n, t) in enumerate(zip(names, themes, strict=True))]
    src = tmp_path / "spot.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), "utf-8")
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(src)))
    _zoom_to(mp, 52.3701, 4.9003, 18)
    point = _page_point(mp, 52.3701, 4.9003)
    mp.page.mouse.click(point[0], point[1])
    popup = mp.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "3 projecten op deze plek" in text
    for name in names:
        assert name in text
    mp.page.get_by_role("button", name="Laadplein B").click()
    popup = mp.page.locator(".leaflet-popup-content")
    popup.get_by_text("Slimme mobiliteit").wait_for()
    assert popup.count() == 1  # the same popup, now with the chosen project
    assert "€ 2.000" in popup.inner_text()
    assert mp.errors == []


def test_switching_a_theme_changes_what_is_painted(open_map: OpenMap,
                                                  build_map_file: BuildMap) -> None:
    samples = load_sample_projects()
    p = samples[samples["id"] == "sample-001"].iloc[0]  # hydrogen, IJmuiden
    th = get_theme(p["theme"])
    mp = open_map(build_map_file("--tiles", "none"))
    lat, lon = p.geometry.y, p.geometry.x
    _zoom_to(mp, lat, lon, 16)
    assert mp.js(_PIXEL_JS, [lat, lon])[:3] == _hex(th.colour)
    label = mp.page.locator(".leaflet-control-layers-overlays label").filter(has_text=th.label_nl)
    label.locator("input").uncheck()
    assert mp.js(_PIXEL_JS, [lat, lon])[3] == 0  # nothing painted there any more
    label.locator("input").check()
    assert mp.js(_PIXEL_JS, [lat, lon])[:3] == _hex(th.colour)


def test_hovering_a_project_names_it(open_map: OpenMap, build_map_file: BuildMap) -> None:
    samples = load_sample_projects()
    p = samples[samples["id"] == "sample-001"].iloc[0]
    mp = open_map(build_map_file("--tiles", "none"))
    _zoom_to(mp, p.geometry.y, p.geometry.x, 16)
    point = _page_point(mp, p.geometry.y, p.geometry.x)
    mp.page.mouse.move(point[0] + 40, point[1] + 40)
    mp.page.mouse.move(point[0], point[1])
    tip = mp.page.locator(".leaflet-tooltip.tk-point-tip")
    tip.wait_for()
    assert tip.inner_text() == p["name"]
    area_tips = mp.page.locator(".leaflet-tooltip.tk-tooltip:not(.tk-point-tip)")
    assert all(not t.is_visible() for t in area_tips.all())  # no subregion tip on top
    mp.page.mouse.move(point[0] + 60, point[1] + 60)  # off the project: its tip goes
    tip.wait_for(state="detached")
    assert mp.errors == []
