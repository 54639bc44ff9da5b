"""What a person sees: the map page in Debian's chromium, offline.

Leaflet comes from ``mapbuilder/static/vendor/`` (see ``support.py``); tiles are
blocked, so the background is plain grey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
from playwright.sync_api import expect
from shapely import Point, Polygon

from geo.themes import THEMES, get_theme
from layers.region import load_region
from layers.samples import load_sample_projects
from mapbuilder import build_map
from mapbuilder.formatting import format_eur
from tests.browser.support import MAP_JS, MapPage, vendor_file

pytestmark = pytest.mark.browser

OpenMap = Callable[..., MapPage]

# Page coordinates of a [lat, lon] and whether a person pointing there would hit
# the map's vector canvas itself (no panel, cluster icon or project marker on top).
_POINT_JS = """
  const rect = map.getContainer().getBoundingClientRect();
  return arg.map(([lat, lon]) => {
    const p = map.latLngToContainerPoint([lat, lon]);
    const x = rect.left + p.x, y = rect.top + p.y;
    const el = document.elementFromPoint(x, y);
    let free = !!el && el.tagName === "CANVAS" && !!el.closest(".leaflet-overlay-pane");
    map.eachLayer(l => {
      if (l instanceof L.CircleMarker && !(l instanceof L.Circle) &&
          map.latLngToContainerPoint(l.getLatLng()).distanceTo(p) < 20) { free = false; }
    });
    // keep clear of cluster icons and labels (they may still be settling after a zoom)
    for (const el of document.querySelectorAll(".leaflet-marker-icon, .tk-label")) {
      const r = el.getBoundingClientRect();
      if (x > r.left - 25 && x < r.right + 25 && y > r.top - 25 && y < r.bottom + 25) {
        free = false;
      }
    }
    return {x, y, free};
  });
"""

# How many features of a theme a person sees: single markers plus cluster counts.
_VISIBLE_JS = """
  const [kind, colour] = arg;
  let n = 0;
  for (const layer of window.transitiekaart[kind]) {
    layer.eachLayer(l => { if (map.hasLayer(l)) { n += 1; } });
  }
  for (const el of document.querySelectorAll(".tk-cluster")) {
    if ((el.getAttribute("style") || "").includes(colour)) { n += Number(el.textContent); }
  }
  return n;
"""


@pytest.fixture(scope="module")
def nl_map() -> Any:
    """The default map: Dutch labels, built-in sample projects."""
    return build_map()


@pytest.fixture
def nl_page(open_map: OpenMap, nl_map: Any) -> MapPage:
    return open_map(nl_map)


def _candidates(poly: Polygon, n: int = 7) -> list[list[float]]:
    """[lat, lon] points inside ``poly``: its representative point, then a grid."""
    pts = [poly.representative_point()]
    x0, y0, x1, y1 = poly.bounds
    for x in np.linspace(x0, x1, n + 2)[1:-1]:
        for y in np.linspace(y0, y1, n + 2)[1:-1]:
            if poly.contains(Point(x, y)):
                pts.append(Point(x, y))
    return [[p.y, p.x] for p in pts]


def _free_spot(mp: MapPage, subregion: str) -> dict[str, float]:
    """A spot inside ``subregion`` where the mouse hits the polygon itself."""
    subs = load_region().subregions.to_crs(4326).set_index("subregion")
    spots = mp.js(_POINT_JS, _candidates(subs.geometry[subregion]))
    free = [s for s in spots if s["free"]]
    assert free, f"no free spot inside {subregion} to point at: {spots}"
    return free[0]


def test_page_loads_offline_without_errors(nl_page: MapPage) -> None:
    served = nl_page.routes.served
    assert any(u.endswith("/leaflet.js") for u in served)
    assert any(u.endswith("/leaflet.markercluster.js") for u in served)
    assert all("tile.openstreetmap.org" in u for u in nl_page.routes.blocked), \
        nl_page.routes.blocked
    assert nl_page.js("return typeof L.markerClusterGroup;") == "function"
    assert nl_page.errors == []


def test_every_cdn_file_has_a_vendored_copy(nl_map: Any) -> None:
    html = nl_map.get_root().render()
    urls = re.findall(r'(?:src|href)="(https://[^"]+)"', html)
    assert len(urls) >= 5
    missing = [u for u in urls if vendor_file(u) is None]
    assert missing == [], ("the page references CDN files with no copy in "
                           f"mapbuilder/static/vendor/: {missing}")


def test_layers_exist(nl_page: MapPage) -> None:
    counts = nl_page.js("""return Object.fromEntries(Object.entries(window.transitiekaart)
        .map(([k, ls]) => [k, ls.reduce((n, l) => n + l.getLayers().length, 0)]));""")
    assert counts["subregions"] == 7
    assert counts["municipalities"] == 30
    assert counts["novex"] == 3
    themes = {k for k in counts if k.startswith("theme:")}
    assert themes == {f"theme:{th.code}" for th in THEMES}
    assert sum(counts[k] for k in themes) == len(load_sample_projects())


def test_layer_control_lists_the_themes(nl_page: MapPage) -> None:
    control = nl_page.page.locator(".leaflet-control-layers-overlays")
    expect(control).to_be_visible()
    text = control.inner_text()
    for th in THEMES:
        assert th.label_nl in text
    assert "Deelregio's" in text


def test_sample_notice_is_visible(nl_page: MapPage) -> None:
    expect(nl_page.page.locator(".tk-title .tk-sample")).to_contain_text("VOORBEELDDATA")
    expect(nl_page.page.get_by_text("VOORBEELDDATA", exact=False).first).to_be_visible()


def test_legend_is_visible(nl_page: MapPage) -> None:
    legend = nl_page.page.locator(".tk-legend.leaflet-control")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Totale investering")
    expect(legend).to_contain_text("NOVEX")


def test_hover_subregion_shows_tooltip(nl_page: MapPage) -> None:
    spot = _free_spot(nl_page, "Amsterdam")
    nl_page.page.mouse.move(spot["x"], spot["y"])
    tooltip = nl_page.page.locator(".leaflet-tooltip.tk-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Amsterdam")
    expect(tooltip).to_contain_text("€")
    expect(tooltip).to_contain_text("Themamix")


def test_click_subregion_shows_popup(nl_page: MapPage) -> None:
    spot = _free_spot(nl_page, "Zuid-Kennemerland")
    nl_page.page.mouse.click(spot["x"], spot["y"])
    popup = nl_page.page.locator(".leaflet-popup.tk-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("Zuid-Kennemerland")
    expect(popup).to_contain_text("MRA-gemiddelde")
    assert re.search(r"€ \d{1,3}(\.\d{3})+", popup.inner_text())


def _click_project_at(mp: MapPage, lat: float, lon: float) -> None:
    """Zoom in past the clustering (zoom 13) and click the marker at ``lat, lon``."""
    mp.js("map.setView(arg, 15, {animate: false});", [lat, lon])
    mp.page.wait_for_function(f"() => {MAP_JS}.getZoom() === 15")
    spot = mp.js(_POINT_JS, [[lat, lon]])[0]
    mp.page.mouse.click(spot["x"], spot["y"])


def test_project_popup_shows_name_and_dutch_amount(nl_page: MapPage) -> None:
    samples = load_sample_projects()
    p = samples[samples["id"] == "sample-001"].iloc[0]
    assert p.geometry.geom_type == "Point"
    _click_project_at(nl_page, p.geometry.y, p.geometry.x)
    popup = nl_page.page.locator(".leaflet-popup.tk-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(p["name"])
    expect(popup).to_contain_text(format_eur(p["amount_eur"]))  # € 48.000.000
    expect(popup).to_contain_text(get_theme(p["theme"]).label_nl)
    assert re.search(r"€ \d{1,3}(\.\d{3}){2}", popup.inner_text())


def test_english_labels(open_map: OpenMap) -> None:
    mp = open_map(build_map(lang="en"))
    page = mp.page
    expect(page.locator(".tk-title")).to_contain_text("Transition accelerator")
    expect(page.get_by_text("SAMPLE DATA", exact=False).first).to_be_visible()
    control = page.locator(".leaflet-control-layers-overlays").inner_text()
    for th in THEMES:
        assert th.label_en in control
    assert "Subregions" in control
    expect(page.locator(".tk-legend.leaflet-control")).to_contain_text("Total investment")
    assert "VOORBEELDDATA" not in page.locator("body").inner_text()
    spot = _free_spot(mp, "Amsterdam")
    page.mouse.click(spot["x"], spot["y"])
    expect(page.locator(".leaflet-popup.tk-popup")).to_contain_text("MRA average")
    assert mp.errors == []


HOSTILE = ('<img src=x onerror="window.__pwned=1"> '
           '</script><script>window.__pwned=2</script> `backticks` ${1+1}')


def test_hostile_project_name_is_shown_as_text(open_map: OpenMap) -> None:
    projects = gpd.GeoDataFrame(
        {"id": ["x-1"], "name": [HOSTILE], "theme": ["ai"], "amount_eur": [1_234_567]},
        geometry=[Point(4.90, 52.37)], crs="EPSG:4326")
    mp = open_map(build_map(projects))
    _click_project_at(mp, 52.37, 4.90)
    popup = mp.page.locator(".leaflet-popup.tk-popup .leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(HOSTILE)
    expect(popup).to_contain_text("€ 1.234.567")
    assert popup.locator("img, script").count() == 0
    # hover the marker (Leaflet's canvas throttles mouse moves to one per 32 ms)
    spot = mp.js(_POINT_JS, [[52.37, 4.90]])[0]
    for dx in (3, 0):
        mp.page.wait_for_timeout(50)
        mp.page.mouse.move(spot["x"] + dx, spot["y"])
    tooltip = mp.page.locator(".leaflet-tooltip.tk-tooltip").filter(has_text="${1+1}")
    expect(tooltip).to_have_text(HOSTILE)
    assert tooltip.locator("img, script").count() == 0
    assert mp.page.evaluate("() => window.__pwned") is None
    assert mp.page.locator("body img[src='x']").count() == 0
    assert mp.errors == []


def test_toggling_a_theme_off_removes_its_markers(nl_page: MapPage) -> None:
    ai, hydrogen = get_theme("ai"), get_theme("hydrogen")

    def visible(th: Any) -> int:
        return nl_page.js(_VISIBLE_JS, [f"theme:{th.code}", th.colour])

    before_ai, before_h2 = visible(ai), visible(hydrogen)
    assert before_ai == 9 and before_h2 == 9
    checkbox = (nl_page.page.locator(".leaflet-control-layers-overlays label")
                .filter(has_text=ai.label_nl).locator("input"))
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    assert visible(ai) == 0
    assert visible(hydrogen) == before_h2
    checkbox.check()
    assert visible(ai) == before_ai
