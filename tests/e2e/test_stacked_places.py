"""Projects placed in the same municipality are each seen and clicked (issue 20, a new
user's finding): they share the municipality's label point, where only the top diamond
showed; now they are spread on a small spiral around it (lib/spread.js)."""

from __future__ import annotations

import math

import pytest

from tests.e2e.conftest import BuildMap, OpenMap

pytestmark = pytest.mark.browser

SHEET = """\
id;naam;thema;bedrag_eur;gemeente;lon;lat
Z-1;Warmtenet Zaandam;Waterstof;2500000;Zaanstad;;
Z-2;Laadpalen Zaanstad;Slimme mobiliteit;2500000;Zaanstad;;
Z-3;Derde Zaanstad project;Waterstof;400000;Zaanstad;;
V-1;Eén in Velsen;Waterstof;1000000;Velsen;;
"""


def test_projects_in_one_municipality_are_each_seen_and_clicked(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    src = tmp_path_factory.mktemp("stacked") / "gemeenten.csv"
    src.write_text(SHEET, encoding="utf-8")
    mp = open_map(build_map_file("--tiles", "none", "--projects", str(src)))
    tk = "window.transitiekaart"
    zaan = mp.js(f"const a = {tk}.data.areas.mun; return a.at[a.name.indexOf('Zaanstad')];")
    mp.js("map.setView([arg[0], arg[1]], 14, {animate: false}); return true;", zaan)
    mp.page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    drawn = mp.js(f"""const L = {tk}.layer, s = L._singles, d = {tk}.data, out = {{}};
      for (let k = 0; k < s.length; k += 3) {{
        out[d.id[s[k]]] = [s[k + 1], s[k + 2], L.dotRadius(s[k])]; }}
      return out;""")
    assert {"Z-1", "Z-2", "Z-3"} <= set(drawn)
    centre = mp.js("const p = map.latLngToContainerPoint([arg[0], arg[1]]); return [p.x, p.y];",
                   zaan)
    # the first stays on the label point; no diamond covers another
    assert math.dist(drawn["Z-1"][:2], centre) < 0.5
    for a, b in (("Z-1", "Z-2"), ("Z-1", "Z-3"), ("Z-2", "Z-3")):
        apart = math.dist(drawn[a][:2], drawn[b][:2])
        assert apart > drawn[a][2] + drawn[b][2] + 2, (a, b, apart)
        assert apart < 80  # still around the label point
    box = mp.js("const b = map.getContainer().getBoundingClientRect(); return [b.left, b.top];")
    names = {"Z-1": "Warmtenet Zaandam", "Z-2": "Laadpalen Zaanstad",
             "Z-3": "Derde Zaanstad project"}
    for pid, name in names.items():  # each opens its own pop-up, not a list of both
        x, y = drawn[pid][0] + box[0], drawn[pid][1] + box[1]
        mp.page.mouse.click(x, y)
        popup = mp.page.locator(".leaflet-popup.tk-popup")
        popup.wait_for()
        text = popup.inner_text()
        assert name in text, (pid, text)
        assert not any(other in text for other in names.values() if other != name)
        mp.js("map.closePopup(); return true;")
        mp.page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
    assert mp.errors == []
