"""Names and empty states (issue 19, item 2).

Every subregion is named whether or not it has projects in the selection, and a
selection without projects says so on the map and in the project list, with a button
that clears the filters.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser



def _drawn(pg: Page, state: dict) -> dict:
    pg.evaluate("(s) => { window.transitiekaart.setFilter(s); }", state)
    pg.wait_for_timeout(50)
    return pg.evaluate("() => ({drawn: window.transitiekaart.drawn(),"
                       " subs: window.transitiekaart.totals('subregion')})")


def test_areas_are_named_whatever_the_money(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    for theme in (["ai"], ["hydrogen"], ["data_sharing"]):
        got = _drawn(pg, {"theme": theme})
        without = {k for k, v in got["subs"].items() if v["n"] == 0}
        circles = {c["area"] for c in got["drawn"]["circles"]}
        assert not (without & circles)
        # the areas without projects are named too (none is left out for lack of room here)
        assert without <= set(got["drawn"]["names"]), (theme, without, got["drawn"]["names"])
    got = _drawn(pg, {"theme": None, "q": "zzz-nothing"})
    assert got["drawn"]["circles"] == []
    assert set(got["drawn"]["names"]) == set(got["subs"])  # no circle, every name
    assert not errors


def test_an_empty_selection_says_so_with_clear_filters(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    _drawn(pg, {"q": "zzz-nothing", "theme": ["ai"]})
    box = pg.locator(".tk-empty")
    expect(box).to_be_visible()
    expect(box).to_have_text("Geen projecten voldoen aan deze filters.Alle filters wissen")
    assert box.get_attribute("role") == "status"
    # nothing covers it (the panel, a control)
    assert pg.evaluate("""() => { const b = document.querySelector('.tk-empty button'),
        r = b.getBoundingClientRect();
        return b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }""")
    pg.locator(".tk-tab[data-key=list]").click()
    listed = pg.locator("#tk-sec-list .tk-empty-list")
    expect(listed).to_be_visible()
    listed.get_by_role("button", name="Alle filters wissen").click()
    f = pg.evaluate("() => window.transitiekaart.getFilter()")
    assert f["q"] == "" and f["theme"] is None
    expect(box).to_have_count(0)
    expect(pg.locator(".tk-empty-list")).to_have_count(0)
    assert pg.evaluate("() => window.transitiekaart.agg.total") > 0
    assert not errors
