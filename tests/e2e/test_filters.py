"""Issue 10's truth test: every figure the page computes for a filter equals geo's.

One map of 2,000+ generated projects (some outside the MRA, some without an
amount, year or status), opened once in chromium. For 25 random filter states,
the empty and the full selection, the page's ``totals(level)`` at every level
must equal :func:`geo.compare` run in Python on the same filtered projects, to
the euro; the project list must hold exactly the filtered projects; a page
opened with the state in its URL fragment must show the same totals; the
exported CSV and GeoJSON must read back to exactly the selection.
"""

from __future__ import annotations

import io
import json
import math
import random
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import BrowserContext, Page

from benchmarks.synth import synthetic_projects
from geo.analysis import analyse
from geo.comparison import compare_areas
from geo.io import read_projects
from geo.themes import THEME_CODES
from layers.region import load_region
from mapbuilder.cli import main as cli_main
from mapbuilder.snapshot import READY_JS
from tests.e2e.support import BlockedRoutes

pytestmark = pytest.mark.browser

N = 2400
LEVELS = ("mra", "subregion", "municipality", "novex")


@pytest.fixture(scope="module")
def project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated projects with the awkward cases a real file has."""
    fc = synthetic_projects(N, seed=7)
    rng = np.random.default_rng(7)
    feats = fc["features"]
    for k, f in enumerate(feats):
        p = f["properties"]
        if k % 16 == 0:  # outside the MRA (east of it)
            lon, lat = f["geometry"]["coordinates"]
            f["geometry"]["coordinates"] = [round(lon + 1.2, 6), lat]
        if k % 41 == 0:
            p["amount_eur"] = None
        if k % 37 == 0:
            p["start_year"] = None
        if k % 53 == 0:
            p["status"] = None
        if k % 97 == 0:
            p["status"] = "On hold"
        if k % 5 == 0:
            p["name"] = f"Waterstof pilot {int(rng.integers(0, 50))}"
    path = tmp_path_factory.mktemp("truth") / "projects.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(project_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("truthmap") / "map.html"
    assert cli_main(["build", "--projects", str(project_file), "--tiles", "none",
                     "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def truth(project_file: Path) -> dict[str, Any]:
    region = load_region()
    raw = read_projects([project_file])
    assigned = analyse(raw, region).projects
    return {"region": region, "raw": raw, "assigned": assigned}


def _open(chromium: BrowserContext, path: Path, fragment: str = "") -> tuple[Page, list[str]]:
    page = chromium.new_page()
    BlockedRoutes().install(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri() + (f"#{fragment}" if fragment else ""), wait_until="load")
    page.wait_for_function(READY_JS, timeout=30_000)
    return page, errors


@pytest.fixture(scope="module")
def page(chromium: BrowserContext, built: Path) -> Any:
    pg, errors = _open(chromium, built)
    yield pg, errors
    pg.close()


def _states(statuses: list[str]) -> list[dict[str, Any]]:
    rng = random.Random(10)
    queries = ["waterstof", "organisation 3", "syn-00001", "almere", "  Haarlem ", "ject 12",
               "zzz-nothing"]
    states: list[dict[str, Any]] = [{}, {"theme": []}]  # full and empty selection
    while len(states) < 27:
        s: dict[str, Any] = {}
        if rng.random() < 0.6:
            s["theme"] = rng.sample(THEME_CODES, rng.randint(1, 7))
        if rng.random() < 0.4:
            a = rng.randint(2019, 2030)
            s["year"] = [a, rng.randint(a, 2031)]
        if rng.random() < 0.35:
            s["status"] = rng.sample(statuses, rng.randint(1, len(statuses)))
        if rng.random() < 0.35:
            s["min"] = float(rng.choice([0, 100_000, 500_000, 1_000_000]))
        if rng.random() < 0.3:
            s["max"] = float(rng.choice([700_000, 2_000_000, 5_000_000]))
        if rng.random() < 0.3:
            s["q"] = rng.choice(queries)
        states.append(s)
    return states


def _select(assigned: gpd.GeoDataFrame, s: dict[str, Any]) -> pd.Series:
    """The filter in Python, as the page defines it (docs/handleiding.en.md: filters)."""
    keep = pd.Series(True, index=assigned.index)
    if "theme" in s and s["theme"] is not None:
        keep &= assigned["theme"].isin(s["theme"])
    if s.get("year"):
        yr = pd.to_numeric(assigned["start_year"], errors="coerce")
        keep &= yr.between(s["year"][0], s["year"][1]) & yr.gt(0)
    if s.get("status") is not None and "status" in s:
        st = assigned["status"].map(lambda v: v.strip().lower() if isinstance(v, str) else None)
        keep &= st.isin(s["status"])
    amount = np.rint(pd.to_numeric(assigned["amount_eur"], errors="coerce"))
    if s.get("min") is not None or s.get("max") is not None:
        keep &= amount.notna()
        if s.get("min") is not None:
            keep &= amount >= s["min"]
        if s.get("max") is not None:
            keep &= amount <= s["max"]
    q = (s.get("q") or "").strip().lower()
    if q:
        fields = [assigned["name"], assigned["organisation"], assigned["id"],
                  assigned["municipality"]]
        hit = pd.Series(False, index=assigned.index)
        for f in fields:
            hit |= f.fillna("").astype(str).str.lower().str.contains(q, regex=False)
        keep &= hit
    return keep


def _expected(truth: dict[str, Any], ids: set[str]) -> dict[str, dict[str, Any]]:
    raw = truth["raw"]
    subset = raw.loc[raw["id"].astype(str).isin(ids)]
    out: dict[str, dict[str, Any]] = {}
    analysis = analyse(subset, truth["region"])
    out["hex"] = {h: [int(n), float(e)] for h, n, e in zip(
        analysis.hexagons["h3"], analysis.hexagons["n_projects"], analysis.hexagons["total_eur"],
        strict=True)}
    for level in ("subregion", "municipality", "novex"):
        result = compare_areas(analysis, by=level)
        table = result.table
        out[level] = {str(r["name"]): {"n": int(r["n_projects"]), "eur": float(r["total_eur"]),
                                       "eur_per_inhabitant": r["eur_per_inhabitant"],
                                       "eur_per_km2": r["eur_per_km2"]}
                      for _, r in table.iterrows()}
        mra = result.mra
    out["mra"] = {"MRA": {"n": mra["n_projects"], "eur": mra["total_eur"],
                          "eur_per_inhabitant": mra["eur_per_inhabitant"],
                          "eur_per_km2": mra["eur_per_km2"]}}
    return out


def _same_rate(a: Any, b: Any) -> bool:
    na = a is None or (isinstance(a, float) and math.isnan(a))
    nb = b is None or (isinstance(b, float) and math.isnan(b))
    if na or nb:
        return na and nb
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _check_totals(page_totals: dict[str, Any], expected: dict[str, Any], label: str) -> None:
    for level in LEVELS:
        got, want = page_totals[level], expected[level]
        assert set(got) == set(want), (label, level)
        for name, w in want.items():
            g = got[name]
            assert g["n"] == w["n"], (label, level, name, g, w)
            assert abs(g["eur"] - w["eur"]) < 0.5, (label, level, name, g, w)
            for key in ("eur_per_inhabitant", "eur_per_km2"):
                assert _same_rate(g[key], w[key]), (label, level, name, key, g, w)


_TOTALS_JS = """(state) => {
  const tk = window.transitiekaart;
  tk.setFilter(Object.assign({theme: null, year: null, status: null, min: null, max: null,
                              q: ""}, state));
  const out = {};
  for (const lv of ["mra", "subregion", "municipality", "novex"]) { out[lv] = tk.totals(lv); }
  const hex = {};
  tk.data.cells.forEach((c, i) => {
    if (tk.agg.hex.n[i] > 0) { hex[c] = [tk.agg.hex.n[i], tk.agg.hex.eur[i]]; }
  });
  return {totals: out, hex: hex, list: tk.listIds(), fragment: tk.fragment(),
          csv: tk.csv(), geojson: tk.geojson(), filter: tk.getFilter()};
}"""


def test_page_totals_equal_geo_for_random_filters(page: Any, truth: dict[str, Any],
                                                  chromium: BrowserContext, built: Path) -> None:
    pg, errors = page
    statuses = ["planned", "ongoing", "completed", "on hold"]
    assigned = truth["assigned"]
    fragments = []
    for k, state in enumerate(_states(statuses)):
        res = pg.evaluate(_TOTALS_JS, state)
        keep = _select(assigned, state)
        ids = set(assigned.loc[keep, "id"].astype(str))
        label = f"state {k}: {state}"
        if k == 1:
            assert not ids  # the empty selection
        if k == 0:
            assert len(ids) == N
        expected = _expected(truth, ids)
        _check_totals(res["totals"], expected, label)
        # the hexagons: the same cells with the same counts and euros as geo's
        assert res["hex"].keys() == expected["hex"].keys(), label
        for cell, (n, eur) in expected["hex"].items():
            assert res["hex"][cell][0] == n and abs(res["hex"][cell][1] - eur) < 0.5, label
        # the project list: exactly the selection, no row twice
        assert len(res["list"]) == len(ids) and set(res["list"]) == ids, label
        # the exports read back to exactly the selection
        csv = pd.read_csv(io.StringIO(res["csv"].lstrip("\ufeff")), sep=";", decimal=",",
                          dtype={"id": str})
        assert set(csv["id"]) == ids and len(csv) == len(ids), label
        if len(ids):
            amounts = pd.to_numeric(assigned.set_index("id").loc[csv["id"], "amount_eur"])
            assert np.allclose(csv["bedrag_eur"].fillna(-1), np.rint(amounts).fillna(-1)), label
        gj = gpd.read_file(io.StringIO(res["geojson"])) if ids else None
        if gj is not None:
            assert set(gj["id"]) == ids and len(gj) == len(ids), label
            assert gj.crs is None or gj.crs.to_epsg() == 4326
        if k in (2, 5, 9):
            fragments.append((res["fragment"], res["totals"], res["filter"]))
    assert not errors
    # a page opened with the state in its URL gives the same figures
    for fragment, totals, state in fragments:
        assert fragment
        other, errs = _open(chromium, built, fragment)
        try:
            got = other.evaluate("""() => { const tk = window.transitiekaart, out = {};
              for (const lv of ["mra", "subregion", "municipality", "novex"]) {
                out[lv] = tk.totals(lv); }
              return {totals: out, filter: tk.getFilter()}; }""")
            assert got["totals"] == totals
            for key in ("theme", "year", "status", "min", "max", "q"):
                assert got["filter"][key] == state[key], key
            assert not errs
        finally:
            other.close()


def test_outside_projects_are_never_counted_and_the_summary_adds_up(
        page: Any, truth: dict[str, Any]) -> None:
    pg, _ = page
    pg.evaluate("() => window.transitiekaart.setFilter({theme: null, year: null, status: null, "
                "min: null, max: null, q: ''})")
    assigned = truth["assigned"]
    inside, outside = int(assigned["in_mra"].sum()), int((~assigned["in_mra"]).sum())
    assert outside > 100
    text = pg.locator("#tk-sec-summary .tk-split").inner_text()
    fmt = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731
    assert text.startswith(f"{fmt(inside)} in de MRA + {fmt(outside)} erbuiten = {fmt(N)}")
    tot = pg.evaluate("() => window.transitiekaart.totals('mra').MRA.n")
    assert tot == inside


def _open_watched(chromium: BrowserContext, built: Path,
                  fragment: str) -> tuple[Page, list[str], list[str]]:
    """The page opened at ``#fragment``, with its console warnings and page errors."""
    page = chromium.new_page()
    BlockedRoutes().install(page)
    warnings: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(built.as_uri() + "#" + fragment, wait_until="load")
    page.wait_for_function(READY_JS, timeout=30_000)
    return page, warnings, errors


def test_malformed_fragment_is_ignored_with_a_warning(chromium: BrowserContext,
                                                      built: Path) -> None:
    page, warnings, errors = _open_watched(
        chromium, built, "theme=nope,hydrogen&year=2030-2020&min=abc&metric=x&view=99/1/2"
        "&bogus=1&q=%E0%A4%A")
    try:
        f = page.evaluate("() => window.transitiekaart.getFilter()")
        assert f["theme"] == ["hydrogen"]
        assert f["year"] is None and f["min"] is None and f["metric"] == "per_inhabitant"
        assert f["view"] is None
        assert len(warnings) >= 6
        assert not errors
    finally:
        page.close()


def test_export_buttons_download_under_the_pages_csp(page: Any, truth: dict[str, Any],
                                                    tmp_path: Path) -> None:
    pg, errors = page
    pg.evaluate("() => window.transitiekaart.setFilter({theme: ['hydrogen'], year: null, "
                "status: null, min: null, max: null, q: ''})")
    pg.locator(".tk-tab[data-key=list]").click()
    ids = set(truth["assigned"].loc[truth["assigned"]["theme"] == "hydrogen", "id"])
    with pg.expect_download() as dl:
        pg.locator("button[data-export=csv]").click()
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    csv = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", dtype={"id": str},
                      encoding="utf-8-sig")
    assert set(csv["id"]) == ids
    assert set(csv["thema"]) == {"Waterstof"}  # the theme as the page names it, for people
    # the CSV goes back in as it came out: a partner can edit it in Excel and add it again
    from geo.validate import validate_file

    (tmp_path / "selectie.csv").write_bytes(data)
    report = validate_file(tmp_path / "selectie.csv")
    assert report.ok, report.to_text()
    back = report.projects.set_index("id")
    assert set(back.index) == ids and set(back["theme"]) == {"hydrogen"}
    with pg.expect_download() as dl:
        pg.locator("button[data-export=geojson]").click()
    gj = gpd.read_file(dl.value.path())
    assert set(gj["id"]) == ids
    assert not errors


def test_project_list_is_virtual_sortable_and_works_by_keyboard(page: Any,
                                                                truth: dict[str, Any]) -> None:
    pg, errors = page
    pg.evaluate("() => window.transitiekaart.setFilter({theme: null, year: null, status: null, "
                "min: null, max: null, q: ''})")
    tab = pg.locator(".tk-tab[data-key=list]")
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()
    box = pg.locator(".tk-vlist")
    assert box.get_attribute("role") == "listbox" and box.get_attribute("aria-label")
    assert 0 < pg.locator(".tk-vrow").count() < 20  # only the visible rows exist
    assigned = truth["assigned"]
    amounts = pd.to_numeric(assigned["amount_eur"], errors="coerce").fillna(-1)
    ids = pg.evaluate("() => window.transitiekaart.listIds()")
    by_id = amounts.set_axis(assigned["id"])
    assert list(by_id.loc[ids].to_numpy()) == sorted(by_id.to_numpy(), reverse=True)
    pg.locator(".tk-field select").filter(has_text="startjaar").select_option("year")
    ids = pg.evaluate("() => window.transitiekaart.listIds()")
    years = pd.to_numeric(assigned.set_index("id").loc[ids, "start_year"], errors="coerce")
    known = years.dropna().to_numpy()
    assert (np.diff(known) >= 0).all() and years.isna().sum() > 0
    assert years.isna().to_numpy()[len(known):].all()  # unknown years last
    # keyboard: Tab reaches the list, arrows move, Enter zooms and opens the popup
    pg.locator(".tk-field select").filter(has_text="startjaar").focus()
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.classList.contains('tk-vlist')")
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == "tk-row-2"
    row = pg.locator(f"#{active}")
    assert row.get_attribute("role") == "option" and row.get_attribute("aria-selected") == "true"
    name = row.locator(".tk-vname").inner_text().strip()  # the option's name starts with it
    pg.keyboard.press("Enter")
    popup = pg.locator(".leaflet-popup.tk-popup")
    popup.wait_for()
    assert name in popup.inner_text()
    assert pg.evaluate("() => window.transitiekaart.layer.level()") == "dots"
    pg.keyboard.press("End")
    assert box.get_attribute("aria-activedescendant") == f"tk-row-{len(ids) - 1}"
    assert pg.locator(".tk-vrow").count() < 20
    assert not errors


def test_areas_are_reachable_by_keyboard(page: Any) -> None:
    pg, errors = page
    tab = pg.locator(".tk-tab[data-key=areas]")
    if tab.get_attribute("aria-expanded") != "true":
        tab.focus()
        pg.keyboard.press("Enter")
    assert tab.get_attribute("aria-expanded") == "true"
    assert tab.get_attribute("aria-controls") == "tk-sec-areas"
    button = pg.locator("button.tk-area-mun", has_text="Haarlemmermeer")
    button.focus()
    pg.keyboard.press("Enter")
    popup = pg.locator(".leaflet-popup.tk-popup").filter(has_text="MRA-gemiddelde")
    popup.wait_for()
    text = popup.inner_text()
    assert "Haarlemmermeer" in text and "MRA-gemiddelde" in text
    n = pg.evaluate("() => window.transitiekaart.totals('municipality').Haarlemmermeer.n")
    assert f"Aantal projecten\t{n:,}".replace(",", ".") in text
    assert not errors


_FILLS_JS = """([state, level]) => {
  const tk = window.transitiekaart, map = tk.map;
  tk.setFilter(Object.assign({theme: null, year: null, status: null, min: null, max: null,
                              q: ""}, state));
  if (level === "sub") { tk.fullView(); }
  else { map.setView([52.35, 4.9], 11.5, {animate: false}); }
  const fills = {};
  for (const [kind, layers] of [["sub", tk.subregions], ["mun", tk.munfill]]) {
    fills[kind] = [];
    layers.forEach(layer => layer.eachLayer(l => fills[kind].push({
      name: l.feature.properties.name, fill: l.options.fillColor,
      fillOpacity: l.options.fillOpacity, opacity: l.options.opacity,
      interactive: l.options.interactive})));
  }
  return {level: tk.fillLevel, circles: tk.layer.level(), breaks: tk.breaks,
          colours: tk.data.choropleth, index_colours: tk.data.index_colours,
          mode: tk.drawn().mode, fills: fills,
          legend: document.querySelector("#tk-sec-legend h4").textContent,
          keyline: document.querySelector(".tk-keyline").textContent};
}"""


def _shown(v: Any) -> float | None:
    """The page's TK.shown: a rate rounded as the page writes it (JS Math.round)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    a = abs(v)
    for limit, unit in ((1e9, 1e8), (1e8, 1e6), (1e6, 1e5)):
        if a >= limit:
            return math.floor(v / unit + 0.5) * unit
    return float(math.floor(v + 0.5))


def _class_of(v: float | None, breaks: list[float]) -> int:
    if v is None or not v > 0:
        return -1
    return sum(1 for b in breaks if v >= b)


def _index_class(v: Any, ref: Any) -> int:
    """The page's index class: v as a whole % of ref (JS Math.round) in 50|80|125|200."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or not v > 0 or not ref > 0:
        return -1
    return _class_of(float(math.floor(100 * v / ref + 0.5)), [50, 80, 125, 200])


def test_every_drawn_fill_is_its_own_areas_figure(page: Any, truth: dict[str, Any]) -> None:
    """Zoomed out the subregions, zoomed in (circles per municipality) the municipalities
    are filled, each in the class of geo's own figure for it: by default as a % of geo's MRA
    figure for the same selection, or (classes=fixed) in classes computed once from that
    level's figures of all projects, unfiltered; the other level is never filled (no
    subregion's rate on a municipality), and the legend and key line name the level."""
    pg, errors = page
    assigned = truth["assigned"]
    everything = _expected(truth, set(assigned["id"].astype(str)))
    states = _states(["planned", "ongoing", "completed", "on hold"])
    for k, state in enumerate(states[:1] + states[2:10]):
        metric = ("per_inhabitant", "per_km2")[k % 2]
        mode = ("index", "index", "fixed", "fixed")[k % 4]
        state = {**state, "metric": metric, "classes": mode}
        ids = set(assigned.loc[_select(assigned, state), "id"].astype(str))
        expected = _expected(truth, ids)
        key = {"per_inhabitant": "eur_per_inhabitant", "per_km2": "eur_per_km2"}[metric]
        ref = expected["mra"]["MRA"][key]
        for level, table in (("sub", "subregion"), ("mun", "municipality")):
            got = pg.evaluate(_FILLS_JS, [state, level])
            label = (k, state, level)
            assert got["level"] == level and got["circles"] == level, label
            assert got["mode"] == mode, label
            values = {name: _shown(f[key]) for name, f in expected[table].items()}
            exact = {name: f[key] for name, f in expected[table].items()}
            if mode == "fixed":  # the classes of this level's figures of all projects
                page_breaks = pg.evaluate(
                    "(v) => window.transitiekaart.classes(v, 5)",
                    [_shown(f[key]) for f in everything[table].values()])
                assert got["breaks"] == page_breaks, label
            for f in got["fills"][level]:
                if mode == "fixed":
                    c = _class_of(values[f["name"]], got["breaks"])
                    want = got["colours"][c] if c >= 0 else "#c8c8c8"
                else:
                    c = _index_class(exact[f["name"]], ref)
                    want = got["index_colours"][c] if c >= 0 else "#c8c8c8"
                assert f["fill"] == want and f["fillOpacity"] > 0.5, (label, f, values[f["name"]])
                assert f["interactive"], (label, f)
            assert len(got["fills"][level]) == len(values), label
            other = "mun" if level == "sub" else "sub"
            assert all(f["fillOpacity"] == 0 and not f["interactive"]
                       for f in got["fills"][other]), (label, other)
            word = "Deelregio's" if level == "sub" else "Gemeenten"
            assert got["legend"].startswith(word), (label, got["legend"])
            assert ("per deelregio" if level == "sub" else "per gemeente") in \
                got["keyline"].split("\u00b7")[0], (label, got["keyline"])
    assert not errors


@pytest.mark.parametrize("fragment,warned", [
    ("%", "%"), ("%E0%A4%A=1", "%E0%A4%A"), ("__proto__=x", "__proto__"),
    ("theme=hydrogen&%=1&" + "%ZZ" * 33_000, "%ZZ%ZZ"),  # a 100 kB fragment of junk
])
def test_malformed_fragment_key_is_ignored_with_a_warning(chromium: BrowserContext,
                                                          built: Path, fragment: str,
                                                          warned: str) -> None:
    """A key that is not valid percent-encoding (or ``__proto__``) is one warning, not a
    page without data, list or filters."""
    page, warnings, errors = _open_watched(chromium, built, fragment)
    try:
        f = page.evaluate("() => window.transitiekaart.getFilter()")
        assert f["theme"] == (["hydrogen"] if fragment.startswith("theme") else None)
        assert page.evaluate("() => window.transitiekaart.listIds().length") > 0
        assert not errors
        assert any(w.startswith("transitiekaart: ignored " + warned) for w in warnings), \
            warnings
        assert all(len(w) < 200 for w in warnings)  # a 100 kB key is cut, not echoed
    finally:
        page.close()
