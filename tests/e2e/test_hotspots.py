"""The page's hot spots equal esda's: full selection and random filter states.

A generated file: a uniform background of small projects over the MRA and a
planted cluster (300 large projects within 3 km of one point). The page
computes Gi* itself (static/lib/hotspots.js) for every filter change; here its
``window.transitiekaart.hotspots()`` is held to :func:`geo.getisord.hotspots`
(esda) on exactly the projects the page selected.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import h3
import numpy as np
import pytest
from playwright.sync_api import BrowserContext
from pyproj import Transformer

from benchmarks.synth import synthetic_projects
from geo.analysis import analyse
from geo.getisord import hotspots, study_area
from geo.io import read_projects
from geo.themes import THEME_CODES
from layers.region import load_region
from layers.settings import SETTINGS
from mapbuilder.cli import main as cli_main
from mapbuilder.snapshot import READY_JS
from tests.e2e.support import BlockedRoutes

pytestmark = pytest.mark.browser

CENTRE = (4.78, 52.40)  # lon, lat: Amsterdam-West / Halfweg, inside the MRA
N_BACKGROUND, N_CLUSTER = 1500, 300


@pytest.fixture(scope="module")
def project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fc = synthetic_projects(N_BACKGROUND, seed=22)
    for f in fc["features"]:  # a background of small amounts
        f["properties"]["amount_eur"] = round(f["properties"]["amount_eur"] / 20, -2)
    rng = np.random.default_rng(22)
    to_rd = Transformer.from_crs(SETTINGS.crs_wgs84, SETTINGS.crs_metric, always_xy=True)
    to_ll = Transformer.from_crs(SETTINGS.crs_metric, SETTINGS.crs_wgs84, always_xy=True)
    cx, cy = to_rd.transform(*CENTRE)
    r = 3000 * np.sqrt(rng.uniform(0, 1, N_CLUSTER))  # uniform in a 3 km disc (RD New)
    a = rng.uniform(0, 2 * np.pi, N_CLUSTER)
    lon, lat = to_ll.transform(cx + r * np.cos(a), cy + r * np.sin(a))
    for i in range(N_CLUSTER):
        fc["features"].append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(lon[i]), 6),
                                                          round(float(lat[i]), 6)]},
            "properties": {"id": f"cluster-{i:04d}", "name": f"Cluster project {i}",
                           "theme": THEME_CODES[i % len(THEME_CODES)],
                           "amount_eur": float(rng.integers(20, 60) * 1_000_000),
                           "status": "ongoing", "start_year": int(2020 + i % 11),
                           "organisation": "Cluster", "sample": True}})
    path = tmp_path_factory.mktemp("hot") / "projects.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def truth(project_file: Path) -> dict[str, Any]:
    region = load_region()
    analysis = analyse(read_projects([project_file]), region)
    return {"analysis": analysis, "area": study_area(region)}


@pytest.fixture(scope="module")
def page(chromium: BrowserContext, project_file: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("hotmap") / "map.html"
    assert cli_main(["build", "--projects", str(project_file), "--tiles", "none",
                     "--out", str(out)]) == 0
    pg = chromium.new_page()
    BlockedRoutes().install(pg)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(out.as_uri(), wait_until="load")
    pg.wait_for_function(READY_JS, timeout=30_000)
    yield pg, errors
    pg.close()


_HOT_JS = """(state) => {
  const tk = window.transitiekaart;
  tk.setFilter(Object.assign({theme: null, year: null, status: null, min: null, max: null,
                              q: ""}, state));
  const ids = tk.selected().map((i) => tk.data.id[i]);
  return {ids: ids, rows: tk.hotspots(), summary: tk.hotspots.summary()};
}"""


def _states() -> list[dict[str, Any]]:
    rng = random.Random(22)
    states: list[dict[str, Any]] = [{}]
    while len(states) < 14:
        s: dict[str, Any] = {}
        if rng.random() < 0.7:
            s["theme"] = rng.sample(THEME_CODES, rng.randint(1, 7))
        if rng.random() < 0.5:
            a = rng.randint(2019, 2030)
            s["year"] = [a, rng.randint(a, 2031)]
        if rng.random() < 0.3:
            s["min"] = float(rng.choice([10_000, 50_000, 30_000_000]))
        states.append(s)
    states.append({"theme": ["ai"], "year": [2030, 2030]})  # too little data
    return states


def _compare(rows: list[dict[str, Any]], table: Any, label: str) -> None:
    assert [r["h3"] for r in rows] == list(table["h3"]), label
    assert np.allclose([r["eur"] for r in rows], table["eur"], rtol=0, atol=0.5), label
    assert [r["n"] for r in rows] == list(table["n"]), label
    assert [r["class"] for r in rows] == list(table["class"]), label
    assert [r["bin"] for r in rows] == list(table["bin"]), label
    if table.attrs["too_little_data"]:
        assert all(r["z"] is None and r["p"] is None for r in rows), label
        return
    z = np.array([r["z"] for r in rows], dtype=float)
    p = np.array([r["p"] for r in rows], dtype=float)
    assert np.allclose(z, table["z"], rtol=1e-9, atol=1e-12), label
    assert np.allclose(p, table["p"], rtol=1e-9, atol=1e-15), label


def test_page_hotspots_equal_esda_for_random_filters(page: Any, truth: dict[str, Any]) -> None:
    pg, errors = page
    analysis, area = truth["analysis"], truth["area"]
    ids_all = analysis.projects["id"].astype(str)
    seen = {"ok": 0, "too_little": 0, "hot": 0}
    for k, state in enumerate(_states()):
        res = pg.evaluate(_HOT_JS, state)
        label = f"state {k}: {state}"
        mask = ids_all.isin(set(res["ids"])).to_numpy()
        assert int(mask.sum()) == len(res["ids"]), label
        table = hotspots(analysis, mask, area=area)
        _compare(res["rows"], table, label)
        summary = res["summary"]
        assert summary["located"] == table.attrs["located"], label
        assert summary["leftOut"] == table.attrs["left_out"], label
        assert summary["tooLittle"] == table.attrs["too_little_data"], label
        seen["too_little" if table.attrs["too_little_data"] else "ok"] += 1
        seen["hot"] += int((table["class"] == "hot").any())
        if k == 0:  # the full selection: the planted cluster's cell is hot
            centre = h3.latlng_to_cell(CENTRE[1], CENTRE[0], area.resolution)
            row = next(r for r in res["rows"] if r["h3"] == centre)
            assert row["class"] == "hot" and row["bin"] == 99, row
            # every cell whose centre lies within 2.5 km of the planted point is hot
            to_rd = Transformer.from_crs(SETTINGS.crs_wgs84, SETTINGS.crs_metric,
                                         always_xy=True)
            cx, cy = to_rd.transform(*CENTRE)
            near = [r for r in res["rows"] if np.hypot(
                *np.subtract(to_rd.transform(*h3.cell_to_latlng(r["h3"])[::-1]), (cx, cy)))
                < 2500]
            assert len(near) >= 4 and all(r["class"] == "hot" for r in near), near
            assert not (table["class"] == "cold").all()
    assert seen["ok"] >= 10 and seen["too_little"] >= 1 and seen["hot"] >= 10, seen
    assert not errors


def test_layer_colours_follow_the_classes_and_the_legend_says_what_a_hot_spot_is(
        page: Any) -> None:
    pg, errors = page
    pg.evaluate(_HOT_JS, {})
    res = pg.evaluate("""() => {
      const tk = window.transitiekaart, map = tk.map || Object.values(window).find(
        (v) => v instanceof L.Map);
      tk.groups.hexagons.addTo(map);
      tk.fills.restyleHexagons();
      tk.setFilter({theme: null});
      const rows = tk.hotspots(), fills = {};
      tk.hexagons.forEach((layer) => layer.eachLayer((l) => {
        fills[l.feature.properties.i] = [l.options.fillColor, l.options.fillOpacity];
      }));
      const legend = document.querySelector(".tk-hs-legend");
      return {rows: rows, fills: fills, colours: tk.data.hs.colours,
              legend: legend ? legend.textContent : ""};
    }""")
    c = res["colours"]
    for i, r in enumerate(res["rows"]):
        colour, opacity = res["fills"][str(i)]
        if r["class"] == "ns":
            assert opacity == 0, r
        else:
            strong = abs(r["bin"]) >= 99
            want = c[("hot" if r["class"] == "hot" else "cold") + ("99" if strong else "95")]
            assert colour == want and opacity > 0, r
    assert "Hotspots (Getis-Ord Gi*)" in res["legend"]
    assert "toeval" in res["legend"]  # the one line of what a hot spot means
    n_hot = sum(r["class"] == "hot" for r in res["rows"])
    assert n_hot >= 3
    # where they are, in words (the canvas layer's content as text): counts add up
    line = res["legend"].split("Hotspots: ")[1].split(")")[0]
    assert line.startswith(f"{n_hot} cellen (")
    assert sum(int(part.rsplit(" ", 1)[1]) for part in line.split("(")[1].split(", ")) == n_hot
    # too little data: nothing drawn, and the layer says so in words
    few = pg.evaluate("""() => {
      const tk = window.transitiekaart;
      tk.setFilter({theme: ["ai"], year: [2030, 2030]});
      let drawn = 0;
      tk.hexagons.forEach((layer) => layer.eachLayer((l) => {
        if (l.options.fillOpacity > 0) { drawn++; }
      }));
      return {drawn: drawn, legend: document.querySelector(".tk-hs-legend").textContent,
              summary: tk.hotspots.summary()};
    }""")
    assert few["summary"]["tooLittle"] == "projects"
    assert few["drawn"] == 0
    assert "Te weinig gegevens" in few["legend"]
    assert str(few["summary"]["located"]) in few["legend"]
    assert not errors
