"""The legend on every screen (issue 19, item 4).

Below 900 x 560 px every panel section starts folded; a compact strip with the classes
and a reference circle stays in view and opens the full legend. On larger screens the
legend itself is open and the strip is not shown.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_small_screens_keep_a_legend_strip_in_view(sized: tuple[Page, list[str]]) -> None:
    pg, errors = sized
    small = pg.viewport_size["width"] < 900
    strip = pg.locator(".tk-strip")
    if not small:
        expect(strip).to_be_hidden()
        expect(pg.locator("#tk-sec-legend")).to_be_visible()
        return
    expect(strip).to_be_visible()
    drawn = pg.evaluate("() => window.transitiekaart.drawn()")
    labels = strip.locator(".tk-strip-class").all_inner_texts()
    assert labels == [c["label"] for c in drawn["classes"]]
    assert "% van het MRA-gemiddelde" in strip.inner_text()
    assert "vaste schaal" in strip.inner_text()  # a reference circle on the session's scale
    box = strip.bounding_box()
    w, h = pg.viewport_size["width"], pg.viewport_size["height"]
    assert box["y"] + box["height"] <= h and box["x"] >= 0 and box["x"] + box["width"] <= w
    assert box["height"] >= 24 and box["width"] >= 24  # a target a thumb can hit
    # the classes follow a filter and a switch to fixed classes
    pg.evaluate("() => window.transitiekaart.setFilter({classes: 'fixed'})")
    drawn = pg.evaluate("() => window.transitiekaart.drawn()")
    assert strip.locator(".tk-strip-class").all_inner_texts() == [
        c["label"] for c in drawn["classes"]]
    pg.evaluate("() => window.transitiekaart.setFilter({classes: 'index'})")
    # pressed: the full legend opens and has the focus's button
    strip.click()
    expect(pg.locator("#tk-sec-legend")).to_be_visible()
    assert pg.locator(".tk-tab[data-key=legend]").get_attribute("aria-expanded") == "true"
    assert not errors
