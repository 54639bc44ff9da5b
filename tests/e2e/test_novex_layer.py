"""NOVEX that informs (issue 19, item 5): light outlines, labels at every size, totals.

The NOVEX areas overlap each other and the subregions, so they are thin dashed lines (not
heavy black ones that read as the MRA border), labelled wherever the layer is shown, and
their totals for the selection are listed under "Cijfers" with a note that they overlap.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _eur(text: str) -> float:
    t = text.replace("€", "").replace("\u00a0", " ").strip()
    mult = 1e9 if t.endswith("mld") else 1e6 if t.endswith("mln") else 1.0
    return float(t.removesuffix("mld").removesuffix("mln").strip().replace(".", "")
                 .replace(",", ".")) * mult


def test_novex_is_light_labelled_and_totalled(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    styles = pg.evaluate("""() => { const out = [];
      window.transitiekaart.novex.forEach(g => g.eachLayer(l => out.push(
        {colour: l.options.color, weight: l.options.weight, dash: l.options.dashArray})));
      return out; }""")
    assert styles and all(s["weight"] <= 1.5 and s["colour"] != "#000" and s["dash"]
                          for s in styles)
    labels = pg.locator(".leaflet-tooltip.tk-label")
    assert labels.count() == len(styles)
    # shown at every size, not only on large screens; moved clear of the circles, and only
    # where no place near it is free (the sample's phone view: one) left out (tk-label-off)
    hidden = [k for k in range(labels.count()) if not labels.nth(k).is_visible()]
    assert len(hidden) <= 1, hidden
    assert all("tk-label-off" in (labels.nth(k).get_attribute("class") or "") for k in hidden)
    pg.evaluate("() => window.transitiekaart.setFilter({theme: ['hydrogen', 'ai']})")
    tab = pg.locator(".tk-tab[data-key=summary]")
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()
    section = pg.locator("#tk-sec-summary .tk-novex")
    expect(section).to_be_visible()
    expect(section).to_contain_text("overlappen")
    totals = pg.evaluate("() => { const t = window.transitiekaart.totals('novex'), "
                         "A = window.transitiekaart.data.areas.nvx;"
                         " return A.key.map((k, i) => [A.name[i], t[k]]); }")
    rows = section.locator("tr").all_inner_texts()
    assert len(rows) == len(totals)
    for row, (name, fig) in zip(rows, totals, strict=True):
        assert row.startswith(name)
        n = int(re.search(r"(\d+) project", row).group(1))
        eur = _eur(row.strip().splitlines()[-1])
        assert n == fig["n"]
        assert eur == pytest.approx(fig["eur"], rel=0.05)  # as written, rounded
    # the legend says they overlap where the layer is switched on
    expect(pg.locator("#tk-sec-legend")).to_contain_text("NOVEX-gebieden overlappen")
    assert not errors
