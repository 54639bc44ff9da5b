"""What a person sees: the built map in Debian's chromium, from file://, offline.

Written against the page's script interface: ``window.transitiekaart.map`` (the
L.Map), ``.subregions`` / ``.municipalities`` / ``.novex`` (L.GeoJSON layers) and
``.points`` (``ready``, ``themes``, ``locate(id)``, ``drawnCount(theme)``).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import expect
from shapely import Point, Polygon

from geo.themes import THEMES, get_theme
from layers.region import load_region
from layers.samples import load_sample_projects
from mapbuilder.formatting import format_eur
from mapbuilder.page import external_assets
from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import MAP_JS, MapPage

pytestmark = pytest.mark.browser

# Page coordinates of [lat, lon] points and whether the mouse there would hit the
# map's vector canvas itself: no panel on top and no project within 25 px.
_POINT_JS = """
  const [points, projects] = arg;
  const rect = map.getContainer().getBoundingClientRect();
  const near = projects.map(ll => map.latLngToContainerPoint(ll));
  return points.map(([lat, lon]) => {
    const p = map.latLngToContainerPoint([lat, lon]);
    const x = rect.left + p.x, y = rect.top + p.y;
    const el = document.elementFromPoint(x, y);
    let free = !!el && el.tagName === "CANVAS" && !!el.closest(".leaflet-map-pane");
    if (near.some(q => q.distanceTo(p) < 25)) { free = false; }
    if (window.transitiekaart.layer.hit({x: p.x, y: p.y}) ||
        window.transitiekaart.layer.hit({x: p.x, y: p.y + 14})) { free = false; }
    for (const e of document.querySelectorAll(".tk-label, .leaflet-control")) {
      const r = e.getBoundingClientRect();
      if (x > r.left - 25 && x < r.right + 25 && y > r.top - 25 && y < r.bottom + 25) {
        free = false;
      }
    }
    return {x, y, free};
  });
"""

_COUNTS_JS = """
  const tk = window.transitiekaart, out = {};
  for (const kind of ["subregions", "municipalities", "novex"]) {
    let n = 0;
    for (const layer of tk[kind]) {
      layer.eachLayer(l => { if (map.hasLayer(l)) { n += 1; } });
    }
    out[kind] = n;
  }
  return out;
"""


@pytest.fixture(scope="module")
def samples() -> Any:
    return load_sample_projects()


@pytest.fixture
def nl_page(open_map: OpenMap, build_map_file: BuildMap) -> MapPage:
    """The default map without tiles: Dutch labels, built-in sample projects."""
    return open_map(build_map_file("--tiles", "none"))


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
    pts = load_sample_projects().geometry.representative_point()
    projects = [[p.y, p.x] for p in pts]
    spots = mp.js(_POINT_JS, [_candidates(subs.geometry[subregion]), projects])
    free = [s for s in spots if s["free"]]
    assert free, f"no free spot inside {subregion} to point at: {spots}"
    return free[0]


def click_project(mp: MapPage, project_id: str) -> None:
    """Zoom in on a project until it is drawn on its own and click it."""
    at = mp.js("return window.transitiekaart.points.locate(arg);", project_id)
    assert at is not None, f"the page does not know project {project_id}"
    mp.js("map.setView(arg, 17, {animate: false});", at)
    mp.page.wait_for_function(f"() => {MAP_JS}.getZoom() === 17")
    mp.page.wait_for_timeout(100)  # the point layer redraws on the next frame
    xy = mp.js("""const r = map.getContainer().getBoundingClientRect();
                  const p = map.latLngToContainerPoint(arg);
                  return [r.left + p.x, r.top + p.y];""", at)
    mp.page.mouse.click(*xy)


def test_html_has_no_network_js_or_css(build_map_file: BuildMap) -> None:
    html = build_map_file("--tiles", "none").read_text(encoding="utf-8")
    assert external_assets(html) == []
    assert not re.search(r"""<(script|link)\b[^>]*(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"https?://[^\s\"'<>]+\.(js|css)\b", html)


def test_no_request_at_all_with_tiles_none(nl_page: MapPage) -> None:
    assert nl_page.routes.blocked == []
    assert nl_page.failed == []
    assert nl_page.errors == []


def test_blocked_tiles_leave_every_layer_drawn(open_map: OpenMap,
                                               build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file())  # default: OpenStreetMap tiles
    mp.page.wait_for_timeout(300)
    assert mp.routes.blocked, "the default map should ask for OpenStreetMap tiles"
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in mp.routes.blocked)
    assert mp.js(_COUNTS_JS) == {"subregions": 7, "municipalities": 30, "novex": 3}
    assert sum(mp.js("return window.transitiekaart.points.drawnCount(arg);", th.code)
               for th in THEMES) == len(load_sample_projects())
    assert mp.js("return window.transitiekaart.layer._symbols.length;") == 7
    expect(mp.page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    assert mp.errors == []


def test_layers_are_drawn(nl_page: MapPage, samples: Any) -> None:
    assert nl_page.js(_COUNTS_JS) == {"subregions": 7, "municipalities": 30, "novex": 3}
    points = nl_page.js("const p = window.transitiekaart.points; "
                        "return {ready: p.ready, themes: p.themes};")
    assert points == {"ready": True, "themes": [th.code for th in THEMES]}
    drawn = {th.code: nl_page.js("return window.transitiekaart.points.drawnCount(arg);",
                                 th.code) for th in THEMES}
    assert drawn == samples["theme"].value_counts().reindex(list(drawn), fill_value=0).to_dict()


def _theme_box(mp: MapPage, label: str) -> Any:
    row = mp.page.locator("#tk-sec-filters label.tk-theme").filter(has_text=label)
    expect(row).to_have_count(1)
    return row.locator("input")


@pytest.mark.parametrize("theme", [th.code for th in THEMES])
def test_each_theme_switches_off_and_on(nl_page: MapPage, theme: str) -> None:
    th = get_theme(theme)

    def drawn() -> int:
        return nl_page.js("return window.transitiekaart.points.drawnCount(arg);", theme)

    def mra_n() -> int:
        return nl_page.js("return window.transitiekaart.totals('mra').MRA.n;")

    before, total = drawn(), mra_n()
    assert before > 0
    checkbox = _theme_box(nl_page, th.label_nl)
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    nl_page.page.wait_for_function(
        "(c) => window.transitiekaart.points.drawnCount(c) === 0", arg=theme, timeout=5000)
    others = [t.code for t in THEMES if t.code != theme]
    assert all(nl_page.js("return window.transitiekaart.points.drawnCount(arg);", o) > 0
               for o in others)
    assert mra_n() == total - before  # the figures follow the switch, not only the dots
    assert f"theme={','.join(others)}" in nl_page.page.url
    checkbox.check()
    nl_page.page.wait_for_function(
        "([c, n]) => window.transitiekaart.points.drawnCount(c) === n", arg=[theme, before],
        timeout=5000)
    assert mra_n() == total
    assert nl_page.errors == []


def test_themes_are_listed_once_with_colour_and_count(nl_page: MapPage, samples: Any) -> None:
    lists = (nl_page.page.locator("#tk-sec-filters").inner_text()
             + nl_page.page.locator("#tk-sec-legend").inner_text())
    counts = samples["theme"].value_counts()
    for th in THEMES:  # one list of themes (the summary may name the largest one)
        assert lists.count(th.label_nl) == 1, th.label_nl
        row = nl_page.page.locator("#tk-sec-filters label.tk-theme").filter(has_text=th.label_nl)
        expect(row).to_contain_text(f"({counts[th.code]})")
        colour = row.locator(".tk-dot").evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb({}, {}, {})".format(*(int(th.colour[i:i + 2], 16)
                                                     for i in (1, 3, 5)))
    assert nl_page.page.locator(".leaflet-control-layers").count() == 0


def test_legend_shows_classes_symbols_and_novex(nl_page: MapPage) -> None:
    legend = nl_page.page.locator("#tk-sec-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Investering per inwoner")
    expect(legend).to_contain_text("NOVEX")
    expect(legend).to_contain_text("Cirkels: bedrag per deelregio")
    text = legend.inner_text()
    # by default: % of the MRA average of the selection, which is named
    for label in ("< 50%", "50–80%", "80–125%", "125–200%", "≥ 200%", "MRA-gemiddelde"):
        assert label in text, label
    assert re.search(r"100% = het MRA-gemiddelde van deze selectie: € \d+", text)
    assert legend.locator(".tk-symbols circle").count() >= 2  # reference circles
    expect(legend).to_contain_text("Vaste schaal")
    legend.locator("select").nth(1).select_option("fixed")  # fixed amounts: half-open classes
    text = legend.inner_text()
    assert re.search(r"< € \d+", text) and re.search(r"≥ € \d+", text)
    assert "classes=fixed" in nl_page.page.url
    nl_page.js("window.transitiekaart.setFilter({classes: 'index'}); return true;")


def test_sample_notice_is_visible(nl_page: MapPage) -> None:
    expect(nl_page.page.locator(".tk-head .tk-sample")).to_contain_text("VOORBEELDDATA")


def test_page_has_lang_and_title(nl_page: MapPage) -> None:
    assert nl_page.page.evaluate("() => document.documentElement.lang") == "nl"
    assert "Transitieversneller" in nl_page.page.title()


def test_hover_subregion_shows_tooltip(nl_page: MapPage) -> None:
    spot = _free_spot(nl_page, "Amsterdam")
    nl_page.page.mouse.move(spot["x"], spot["y"])
    tooltip = nl_page.page.locator(".tk-tip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Amsterdam")
    expect(tooltip).to_contain_text("Investering per inwoner: € ")
    box = tooltip.bounding_box()
    assert box["width"] <= 320


def test_click_subregion_shows_popup(nl_page: MapPage) -> None:
    spot = _free_spot(nl_page, "Zuid-Kennemerland")
    nl_page.page.mouse.click(spot["x"], spot["y"])
    popup = nl_page.page.locator(".leaflet-popup.tk-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("Zuid-Kennemerland")
    expect(popup).to_contain_text("MRA-gemiddelde")
    assert re.search(r"€ \d{1,3}(\.\d{3})+", popup.inner_text())


def test_click_marker_opens_its_popup(nl_page: MapPage, samples: Any) -> None:
    p = samples[samples["id"] == "sample-001"].iloc[0]
    click_project(nl_page, "sample-001")
    popup = nl_page.page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(p["name"])
    expect(popup).to_contain_text(format_eur(p["amount_eur"]))  # € 48.000.000
    expect(popup).to_contain_text(get_theme(p["theme"]).label_nl)
    assert nl_page.errors == []


def test_english_labels(open_map: OpenMap, build_map_file: BuildMap) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", "en"))
    page = mp.page
    assert page.evaluate("() => document.documentElement.lang") == "en"
    expect(page.locator(".tk-head")).to_contain_text("Transition accelerator")
    control = page.locator("#tk-sec-filters").inner_text()
    for th in THEMES:
        assert th.label_en in control
    expect(page.locator("#tk-sec-legend")).to_contain_text("Investment per inhabitant")
    assert "VOORBEELDDATA" not in page.locator("body").inner_text()
    spot = _free_spot(mp, "Amsterdam")
    page.mouse.click(spot["x"], spot["y"])
    expect(page.locator(".leaflet-popup.tk-popup")).to_contain_text("MRA average")
    assert mp.errors == []


def test_cdn_page_is_small_and_links_leaflet(build_map_file: BuildMap) -> None:
    inline = build_map_file("--tiles", "none").stat().st_size
    cdn = build_map_file("--tiles", "none", "--assets", "cdn")
    assert [u for _, u in external_assets(cdn.read_text(encoding="utf-8"))] == [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"]
    assert inline - cdn.stat().st_size > 100_000


def _read_eur(text: str) -> float:
    """'€ 1.234' -> 1234.0, '€ 1,2 mln' -> 1200000.0 (Dutch notation, as the page writes it)."""
    t = text.replace("€", "").replace("\u00a0", " ").strip()
    mult = 1e9 if t.endswith("mld") else 1e6 if t.endswith("mln") else 1.0
    t = t.removesuffix("mld").removesuffix("mln").strip().replace(".", "").replace(",", ".")
    return float(t) * mult


def test_a_value_just_under_a_limit_is_coloured_as_it_reads(nl_page: MapPage) -> None:
    got = nl_page.js("const tk = window.transitiekaart; return ["
                     "tk.classOf(tk.shown(7.98), [8, 15]), tk.classOf(tk.shown(7.4), [8, 15]),"
                     "tk.classOf(tk.shown(14.4), [8, 15]), tk.classOf(tk.shown(14.5), [8, 15]),"
                     "tk.shown(1249000), tk.shown(0)];")
    assert got == [1, 0, 1, 2, 1200000, 0]  # "€ 8" is in "€ 8 – € 15", "€ 7" in "< € 8"


_CLASSES_JS = """
  const tk = window.transitiekaart, b = tk.breaks, out = [];
  tk.subregions[0].eachLayer(l => {
    const k = l.feature.properties.i, f = tk.figures("sub", k);
    out.push({name: l.feature.properties.name, value: f.eur_per_inhabitant,
              text: tk.fmt.metric("per_inhabitant", f.eur_per_inhabitant),
              fill: l.options.fillColor});
  });
  return {breaks: b, areas: out, colours: tk.data.choropleth,
          rows: Array.from(document.querySelectorAll("#tk-sec-legend .tk-key"))
            .map(e => e.textContent)};
"""


@pytest.mark.parametrize("theme", [None, ["hydrogen"], ["ai", "health"]])
def test_each_value_is_in_exactly_one_rounded_class(nl_page: MapPage, theme: Any) -> None:
    nl_page.js("window.transitiekaart.setFilter({theme: arg, classes: 'fixed'}); return true;",
               theme)
    got = nl_page.js(_CLASSES_JS)
    breaks = got["breaks"]
    assert breaks == sorted(breaks) and len(set(breaks)) == len(breaks)
    for b in breaks:  # readable limits: at most three significant digits
        digits = f"{b:.10g}".replace(".", "").strip("0")
        assert len(digits) <= 3, b
    edges = [-np.inf, *breaks, np.inf]
    for area in got["areas"]:
        # the figure a reader sees ("€ 8") lies in the class whose colour is drawn, also
        # where the exact value (7,98) lies just under a class limit
        v = _read_eur(area["text"]) if area["value"] else area["value"]
        if not v:
            assert area["fill"] == "#c8c8c8"  # no projects: its own swatch
            continue
        inside = [c for c in range(len(edges) - 1) if edges[c] <= v < edges[c + 1]]
        assert len(inside) == 1
        assert area["fill"] == got["colours"][inside[0]], area
    fills = got["rows"][:len(breaks) + 1]
    assert fills[0].startswith("< ") and fills[-1].startswith("≥ ")
    nl_page.js("window.transitiekaart.setFilter({theme: null, classes: 'index'}); return true;")


def test_metric_switch_recolours_without_a_rebuild(nl_page: MapPage) -> None:
    page = nl_page.page
    select = page.locator("#tk-sec-legend select").first
    expect(select).to_have_value("per_inhabitant")
    select.select_option("per_km2")
    page.wait_for_function("() => window.transitiekaart.getFilter().metric === 'per_km2'")
    assert "metric=per_km2" in page.url
    expect(page.locator("#tk-sec-legend")).to_contain_text("Investering per km²")
    fills = nl_page.js("const out = []; window.transitiekaart.subregions[0].eachLayer("
                       "l => out.push(l.options.fillColor)); return out;")
    assert len(set(fills)) > 1
    page.locator("#tk-sec-legend select").first.select_option("total")  # totals: circles, no fill
    page.wait_for_function("() => window.transitiekaart.getFilter().metric === 'total'")
    fills = nl_page.js("const out = []; window.transitiekaart.subregions[0].eachLayer("
                       "l => out.push(l.options.fillColor)); return out;")
    assert set(fills) == {"#ffffff"}
    expect(page.locator("#tk-sec-legend")).to_contain_text("geen kleurvlak")
    expect(page.locator(".tk-keyline")).to_have_text("Cirkels: bedrag per deelregio")
    page.locator("#tk-sec-legend select").first.select_option("per_inhabitant")
    assert nl_page.errors == []


def test_editing_the_address_applies_the_new_state(nl_page: MapPage) -> None:
    page = nl_page.page
    page.evaluate("() => { location.hash = 'theme=ai&year=2024-2026'; }")
    page.wait_for_function("() => (window.transitiekaart.getFilter().theme || []).join() === 'ai'")
    f = nl_page.js("return window.transitiekaart.getFilter();")
    assert f["year"] == [2024, 2026]
    n = nl_page.js("return window.transitiekaart.totals('mra').MRA.n;")
    samples = load_sample_projects()
    assert n == int(((samples["theme"] == "ai") & samples["start_year"].between(2024, 2026)).sum())
    nl_page.js("window.transitiekaart.setFilter({theme: null, year: null}); return true;")


def test_set_filter_with_a_view_moves_the_map(nl_page: MapPage) -> None:
    got = nl_page.js("window.transitiekaart.setFilter({view: [12, 52.37, 4.9]});"
                     "const c = map.getCenter(); return [map.getZoom(), c.lat, c.lng];")
    assert got[0] == 12 and abs(got[1] - 52.37) < 1e-6 and abs(got[2] - 4.9) < 1e-6
    assert "view=12.00/52.37000/4.90000" in nl_page.page.url
    nl_page.page.locator(".tk-fullview button").click()
