"""axe-core (the accessibility engine of Deque, from npm) finds no serious or critical
WCAG problem on the map page at a phone's, a laptop's and a desktop's size, with every panel
section open and then with an area's pop-up open (issue 19, item 8).

axe-core comes from ``node_modules`` (``npm ci``, which ``make test`` runs); without it the
test skips, or fails when the environment variable CI is set, as the browser tests do.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.e2e.conftest import BuildMap
from tests.e2e.support import load_sized, watched_page

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SIZES = [(390, 844), (1366, 768), (1920, 1080)]

_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"],
                                     runOnly: {type: "tag", values: ["wcag2a", "wcag2aa",
                                               "wcag21a", "wcag21aa", "wcag22aa"]}});
  return r.violations.map(v => ({id: v.id, impact: v.impact,
                                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def _axe_source() -> str:
    if not AXE.exists():
        msg = f"{AXE} is missing (run `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return AXE.read_text("utf-8")


def _serious(pg: Page, source: str) -> list[dict]:
    # evaluated through the DevTools protocol, which the page's Content-Security-Policy
    # does not govern: the page itself stays as strict as it is
    pg.evaluate(source + "\n;void 0")
    return [v for v in pg.evaluate(_RUN) if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("w", "h"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_axe_finds_no_serious_problem(chromium: BrowserContext, build_map_file: BuildMap,
                                      w: int, h: int) -> None:
    source = _axe_source()
    path = build_map_file("--tiles", "none")
    pg, errors = watched_page(chromium)
    try:
        load_sized(pg, path, w, h)
        tabs = pg.locator(".tk-tab")
        for i in range(tabs.count()):  # every section open, as a reader opens them
            if tabs.nth(i).get_attribute("aria-expanded") != "true":
                tabs.nth(i).click()
        assert tabs.count() >= 5
        assert all(tabs.nth(i).get_attribute("aria-expanded") == "true"
                   for i in range(tabs.count())) or w < 900  # small: one section at a time
        assert _serious(pg, source) == []
        # and with an area's pop-up open (the largest subregion)
        pg.evaluate("""() => { const TK = window.transitiekaart;
          TK.openArea("sub", 0); }""")
        pg.wait_for_selector(".tk-popup")
        pg.wait_for_timeout(600)  # the map has panned the pop-up clear of the panel
        assert _serious(pg, source) == []
        assert not [e for e in errors if "error" in e.lower()]
    finally:
        pg.close()
