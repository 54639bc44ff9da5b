"""The canvas project layer as a person uses it: one proportional symbol per area
when zoomed out (summing exactly the area's projects), dots when zoomed in, a
click on a symbol zooms in, projects on one spot are all reachable."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from shapely import Point

from benchmarks.synth import write_geojson
from geo.themes import get_theme
from layers.region import load_region
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


def _symbols(mp: MapPage) -> list[dict]:
    """The symbols drawn now, with whether a panel covers their centre."""
    return mp.js("""
      const b = map.getContainer().getBoundingClientRect();
      return window.transitiekaart.layer._symbols.map(c => {
        const el = document.elementFromPoint(c.x + b.left, c.y + b.top);
        const ll = map.containerPointToLatLng([c.x, c.y]);
        return {x: c.x, y: c.y, n: c.n, eur: c.eur, name: c.name, level: c.level,
                lat: ll.lat, lon: ll.lng,
                free: !!el && !el.closest(".leaflet-control-container")};
      });""")


@pytest.fixture(scope="module")
def many_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 fictitious projects spread over the MRA (the benchmark's generator)."""
    return write_geojson(5000, tmp_path_factory.mktemp("many") / "many.geojson", seed=7)


def test_symbols_sum_exactly_the_projects_of_their_area(open_map: OpenMap,
                                                        build_map_file: BuildMap,
                                                        many_file: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(many_file)))
    region = load_region()
    for level, zoom, areas, key in (
            ("sub", None, region.subregions.set_index("subregion"), "subregion"),
            ("mun", 11.25, region.municipalities.set_index("name"), "municipality")):
        if zoom is not None:
            mp.js("map.setZoom(arg, {animate: false}); return true;", zoom)
            mp.page.wait_for_timeout(200)
        symbols = _symbols(mp)
        totals = mp.js("return window.transitiekaart.totals(arg);", key)
        assert {s["level"] for s in symbols} == {level}
        assert {s["name"] for s in symbols} == {k for k, v in totals.items() if v["eur"] > 0}
        for s in symbols:  # one symbol per area, at a point inside it, with its figures
            assert s["eur"] == totals[s["name"]]["eur"] and s["n"] == totals[s["name"]]["n"]
            assert areas.loc[s["name"], "geometry"].contains(Point(s["lon"], s["lat"]))
        if level == "sub":
            # circle area proportional to euros: radius ~ sqrt(euros)
            r = {x["name"]: x["r"] for x in mp.js(
                "return window.transitiekaart.layer._symbols.map(s => ({name: s.name, r: s.r}));")}
            big = max(symbols, key=lambda s: s["eur"])
            for s in symbols:
                expected = r[big["name"]] * (s["eur"] / big["eur"]) ** 0.5
                assert abs(r[s["name"]] - max(expected, 2)) < 1e-6
    assert mp.errors == []


def test_click_on_a_symbol_zooms_in_until_single_projects_show(
        open_map: OpenMap, build_map_file: BuildMap, many_file: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(many_file)))
    for _ in range(4):
        symbols = [s for s in _symbols(mp) if s["free"]]
        if not symbols:
            break
        ring = max(symbols, key=lambda c: c["n"])
        zoom = mp.js("return map.getZoom();")
        box = mp.page.locator(".folium-map").bounding_box()
        mp.page.mouse.click(box["x"] + ring["x"], box["y"] + ring["y"])
        mp.page.wait_for_function("(z) => window.transitiekaart.map.getZoom() > z", arg=zoom,
                                  timeout=5000)
        mp.page.wait_for_timeout(400)  # the zoom animation ends, the layer redraws
    assert mp.js("return window.transitiekaart.layer.level();") == "dots"
    assert mp.js("return window.transitiekaart.layer._singles.length;") > 0
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
    label = mp.page.locator("#tk-sec-filters label.tk-theme").filter(has_text=th.label_nl)
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
    tip = mp.page.locator(".tk-tip.tk-point-tip")  # the project's tip, not an area's
    tip.wait_for()
    assert tip.inner_text().splitlines()[0] == p["name"]
    mp.page.mouse.move(point[0] + 60, point[1] + 60)  # off the project: its tip goes
    tip.wait_for(state="detached")
    assert mp.errors == []


def test_projects_without_exact_place_are_counted_and_marked(open_map: OpenMap) -> None:
    """Issue 13's contract: place = municipality / subregion / mra (no coordinates)."""
    import dataclasses

    from geo.analysis import analyse
    from mapbuilder.mappage.render import render_analysis

    region = load_region()
    samples = load_sample_projects()
    analysis = analyse(samples, region)
    projects = analysis.projects.copy()
    ids = ["sample-001", "sample-002", "sample-003"]  # Velsen, Amsterdam, Haarlemmermeer
    rows = projects["id"].isin(ids).to_numpy()
    projects.loc[rows, "place"] = ["municipality", "subregion", "mra"]
    projects["place"] = projects["place"].fillna("point")
    sub_row = (projects["id"] == "sample-002").to_numpy()
    mra_row = (projects["id"] == "sample-003").to_numpy()
    projects.loc[sub_row | mra_row, ["municipality", "municipality_code"]] = None
    projects.loc[mra_row, "subregion"] = None
    for i in np.flatnonzero(rows):
        projects.at[projects.index[i], "novex"] = ()
    mp = open_map(render_analysis(dataclasses.replace(analysis, projects=projects),
                                  tiles="none"))
    tk = "window.transitiekaart"
    assert mp.js(f"return {tk}.totals('mra').MRA.n;") == len(samples)
    amounts = samples.set_index("id")["amount_eur"]
    subs = mp.js(f"return {tk}.totals('subregion');")
    expected_ams = analysis.subregions.loc["Amsterdam", "total_eur"]
    assert subs["Amsterdam"]["eur"] == expected_ams  # the subregion-wide project counts there
    muns = mp.js(f"return {tk}.totals('municipality');")
    assert muns["Amsterdam"]["eur"] == (analysis.municipalities.set_index("name")
                                        .loc["Amsterdam", "total_eur"] - amounts["sample-002"])
    assert sum(v["eur"] for v in subs.values()) == analysis.mra["total_eur"].iloc[0] \
        - amounts["sample-003"]
    text = mp.page.locator("#tk-sec-summary").inner_text()
    assert "waarvan 3 zonder exacte plek" in text
    # close in: the municipality project is a dot at Velsen's label point, the others none
    velsen = mp.js(f"const a = {tk}.data.areas.mun; return a.at[a.name.indexOf('Velsen')];")
    _zoom_to(mp, velsen[0], velsen[1], 14)
    drawn = mp.js(f"return {tk}.layer._singles.filter((v, k) => k % 3 === 0)"
                  f".map(i => {tk}.data.id[i]);")
    assert "sample-001" in drawn
    assert mp.js(f"return {tk}.points.locate('sample-002');") is None  # no place of its own
    assert mp.js(f"return {tk}.points.locate('sample-001');") == velsen
    ids_listed = mp.js(f"return {tk}.listIds();")
    assert set(ids) <= set(ids_listed)
    assert mp.errors == []
