"""Stable encodings (issue 19, items 1 and 10): colours and circles keep their meaning.

Read through the page's script view ``window.transitiekaart.drawn()`` at a phone, a laptop
and a large screen: through a filter change the same value keeps the same colour, the
classes and the reference circles stay, less money gives a smaller circle on the same scale,
and theme colours are drawn (sectors, dots) only with their key in the legend.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# the page's own figures of every subregion and the MRA, and what is drawn
_STATE_JS = """() => {
  const tk = window.transitiekaart;
  return {drawn: tk.drawn(), subs: tk.totals("subregion"), mra: tk.totals("mra").MRA,
          refs: Array.from(document.querySelectorAll("#tk-sec-legend .tk-symbols text"))
            .map(e => e.textContent),
          legend: document.querySelector("#tk-sec-legend").innerText};
}"""



def _set(pg: Page, state: dict[str, Any]) -> dict[str, Any]:
    pg.evaluate("(s) => { window.transitiekaart.setFilter(s); }", state)
    pg.wait_for_timeout(50)
    return pg.evaluate(_STATE_JS)


def _index_colour(got: dict[str, Any], name: str) -> str:
    """The colour the legend gives the subregion's rate as a whole % of the MRA rate."""
    rate, ref = got["subs"][name]["eur_per_inhabitant"], got["mra"]["eur_per_inhabitant"]
    if not rate or not ref or not rate > 0:
        return "#c8c8c8"
    pct = math.floor(100 * rate / ref + 0.5)
    for c in got["drawn"]["classes"]:
        lo = -math.inf if c["from"] is None else 100 * c["from"]
        hi = math.inf if c["to"] is None else 100 * c["to"]
        if lo <= pct < hi:
            return c["colour"]
    raise AssertionError(f"{pct}% is in no class")


def test_colours_and_circles_keep_their_meaning_through_a_filter(
        sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    before = pg.evaluate(_STATE_JS)
    after = _set(pg, {"theme": ["hydrogen"]})
    b, a = before["drawn"], after["drawn"]
    assert b["level"] == a["level"] == "sub" and b["mode"] == a["mode"] == "index"
    # the same classes, labels and colours in both states: a colour means the same % of the MRA
    assert [c["label"] for c in b["classes"]] == ["< 50%", "50–80%", "80–125%", "125–200%",
                                                  "≥ 200%"]
    assert b["classes"] == a["classes"]
    assert len({c["colour"] for c in b["classes"]}) == 5
    for got in (before, after):  # each fill is the class of its own figure, as the legend says
        assert set(got["drawn"]["fills"]) == set(got["subs"])
        for name, colour in got["drawn"]["fills"].items():
            assert colour == _index_colour(got, name), (name, got["subs"][name])
    # the MRA figure that is 100% is named in the legend, for each selection
    assert before["mra"]["eur_per_inhabitant"] != after["mra"]["eur_per_inhabitant"]
    for got in (before, after):
        assert got["drawn"]["reference"] == pytest.approx(got["mra"]["eur_per_inhabitant"])
        assert "100% = het MRA-gemiddelde van deze selectie: € " in got["legend"]
    # one circle scale: radius² / euros is one constant over both states, so less money
    # gives a smaller circle, and the reference circles do not change
    k = {c["area"]: c["radius_px"] ** 2 / c["eur"] for c in b["circles"] if c["radius_px"] > 2}
    scale = next(iter(k.values()))
    assert all(v == pytest.approx(scale) for v in k.values())
    r0 = {c["area"]: c for c in b["circles"]}
    for c in a["circles"]:
        assert c["eur"] < r0[c["area"]]["eur"] and c["radius_px"] < r0[c["area"]]["radius_px"]
        if c["radius_px"] > 2:
            assert c["radius_px"] ** 2 / c["eur"] == pytest.approx(scale)
    assert before["refs"] == after["refs"] and len(before["refs"]) >= 2
    assert "Vaste schaal" in after["legend"]
    # one colour by default: no theme sectors and no theme key
    assert not any(c["pie"] for c in b["circles"] + a["circles"])
    assert not b["themeKey"] and not a["themeKey"]
    assert not errors


def test_fixed_classes_come_from_all_projects_and_stay(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    full = _set(pg, {"classes": "fixed"})
    breaks = pg.evaluate("() => window.transitiekaart.breaks.slice()")
    # the classes of the unfiltered figures, whatever the selection
    values = [v["eur_per_inhabitant"] for v in full["subs"].values()]
    expect = pg.evaluate("(v) => window.transitiekaart.classes(v.map(window.transitiekaart.shown),"
                         " 5)", values)
    assert breaks == expect
    for state in ({"theme": ["ai"]}, {"theme": ["hydrogen", "health"], "year": [2024, 2027]}):
        got = _set(pg, state)
        assert got["drawn"]["classes"] == full["drawn"]["classes"], state
        assert got["drawn"]["classes"][0]["from"] is None  # open end classes
        assert got["drawn"]["classes"][-1]["to"] is None
        for name, colour in got["drawn"]["fills"].items():
            v = pg.evaluate("(v) => window.transitiekaart.shown(v)",
                            got["subs"][name]["eur_per_inhabitant"])
            inside = [c for c in got["drawn"]["classes"]
                      if (c["from"] is None or v >= c["from"]) and (c["to"] is None or v < c["to"])]
            want = inside[0]["colour"] if v and v > 0 else "#c8c8c8"
            assert len(inside) == 1 and colour == want, (state, name, v)
    assert not errors


def test_theme_colours_only_with_their_key(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    got = _set(pg, {"pies": True})
    circles = got["drawn"]["circles"]
    assert any(c["pie"] for c in circles)
    assert all(c["pie"] == (c["radius_px"] >= 14) for c in circles)  # sectors only where readable
    assert got["drawn"]["themeKey"]
    assert "Kleuren: thema's" in got["legend"] and "pies=1" in pg.url
    # zoomed in: projects as dots in theme colours, area by amount; both keys in the legend
    pg.evaluate("() => window.transitiekaart.setFilter({pies: false, view: [13, 52.37, 4.9]})")
    pg.wait_for_timeout(150)
    got = pg.evaluate(_STATE_JS)
    assert got["drawn"]["level"] == "dots" and got["drawn"]["themeKey"]
    assert "Stippen: oppervlak naar bedrag" in got["legend"]
    radii = pg.evaluate("""() => { const L = window.transitiekaart.layer, d = L._d, out = [];
      for (let k = 0; k < L._singles.length; k += 3) {
        const i = L._singles[k]; if (d.inm[i]) { out.push([d.eur[i], L.dotRadius(i)]); } }
      return out; }""")
    assert len(radii) >= 2
    for e1, r1 in radii:  # more money, a dot at least as large
        for e2, r2 in radii:
            if e1 < e2:
                assert r1 <= r2
    assert len({r for _, r in radii}) >= 2
    assert not errors
