"""The map page's panel as a new reader meets it: the legend's circles named for a
screen reader, a section opened by its button brought into view, the areas in
alphabetical order and the whole title on a phone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from layers.region import load_region
from tests.e2e.conftest import BuildMap
from tests.e2e.support import load_sized, shots_dir, watched_page

pytestmark = pytest.mark.browser

OUTPUT = shots_dir()  # screenshots to look at: a temporary folder, not the repository


@pytest.fixture(scope="module")
def page(chromium: BrowserContext, build_map_file: BuildMap) -> Any:
    pg, errors = watched_page(chromium)
    maps = {"nl": build_map_file("--tiles", "none"),
            "en": build_map_file("--tiles", "none", "--lang", "en")}
    yield pg, errors, maps
    pg.close()


def _load(pg: Page, path: Path, w: int, h: int) -> None:
    load_sized(pg, path, w, h, settle=100)


_WORDS = {"nl": {"total": "bedrag per deelregio", "count": "aantal projecten per deelregio",
                 "mun": "bedrag per gemeente"},
          "en": {"total": "amount per subregion", "count": "number of projects per subregion",
                 "mun": "amount per municipality"}}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_circle_legend_is_named_in_full(page: Any, lang: str) -> None:
    """The legend's circles say what they show, per which area, and their values."""
    pg, errors, maps = page
    errors.clear()
    _load(pg, maps[lang], 1366, 768)
    for metric in ("per_inhabitant", "per_km2", "total", "count"):
        pg.evaluate("(m) => window.transitiekaart.setFilter({metric: m})", metric)
        svg = pg.locator("#tk-sec-legend .tk-symbols svg")
        label = svg.get_attribute("aria-label")
        values = svg.locator("text").all_text_contents()
        want = _WORDS[lang]["count" if metric == "count" else "total"]
        assert want in label, (metric, label)
        assert "  " not in label and "{" not in label, label
        assert values and all(v in label for v in values), (label, values)
        heading = pg.locator("#tk-sec-legend h4").filter(has_text=want)
        assert heading.count() == 1, metric
    # zoomed in to the municipalities: the label says so
    pg.evaluate("() => window.transitiekaart.setFilter({metric: 'total'})")
    pg.evaluate("() => { const m = window.transitiekaart.map; "
                "m.setView(m.getCenter(), 11, {animate: false}); }")
    pg.wait_for_timeout(100)
    label = pg.locator("#tk-sec-legend .tk-symbols svg").get_attribute("aria-label")
    assert _WORDS[lang]["mun"] in label, label
    assert errors == []


_SEEN_JS = """(key) => {
  const body = document.querySelector('.tk-body').getBoundingClientRect();
  const sec = document.querySelector('#tk-sec-' + key).getBoundingClientRect();
  return {top: sec.top - body.top, bodyH: body.height, secH: sec.height,
          scroll: document.querySelector('.tk-body').scrollTop};
}"""


@pytest.mark.parametrize(("w", "h"), [(1366, 768), (1920, 1080), (390, 844)])
@pytest.mark.parametrize("key", ["list", "areas"])
def test_a_section_opened_by_its_button_comes_into_view(page: Any, w: int, h: int,
                                                        key: str) -> None:
    """With the legend open above it, an opened section scrolls to the top of the panel."""
    pg, errors, maps = page
    errors.clear()
    _load(pg, maps["nl"], w, h)
    legend = pg.locator(".tk-tab[data-key=legend]")
    if legend.get_attribute("aria-expanded") != "true":
        legend.click()
    if w >= 900:  # on a large screen the figures and filters are open too
        assert pg.locator("#tk-sec-filters").is_visible()
    before = pg.evaluate(_SEEN_JS, key) if pg.locator(f"#tk-sec-{key}").is_visible() else None
    pg.locator(f".tk-tab[data-key={key}]").click()
    # a smooth scroll: the section starts at the panel's top, or (at the end of the panel)
    # shows whole
    try:
        pg.wait_for_function(f"() => {{ const s = ({_SEEN_JS})({key!r}); "
                             "return Math.abs(s.top) <= 2 || (s.top >= 0 && "
                             "s.top + s.secH <= s.bodyH + 1); }", timeout=4000)
    finally:
        seen = pg.evaluate(_SEEN_JS, key)
    assert before is None, "the section was open before its button was pressed"
    assert seen["top"] + min(seen["secH"], 100) <= seen["bodyH"], seen  # really in view
    pg.screenshot(path=str(OUTPUT / f"map-open-{key}-{w}x{h}.png"))
    assert errors == []


def test_a_section_comes_into_view_at_once_with_reduced_motion(page: Any) -> None:
    pg, errors, maps = page
    errors.clear()
    pg.emulate_media(reduced_motion="reduce")
    try:
        _load(pg, maps["nl"], 1366, 768)
        pg.locator(".tk-tab[data-key=areas]").click()
        seen = pg.evaluate(_SEEN_JS, "areas")  # no wait: no animation
        assert abs(seen["top"]) <= 2 and seen["scroll"] > 300, seen
    finally:
        pg.emulate_media(reduced_motion="no-preference")
    assert errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_areas_are_listed_alphabetically(page: Any, lang: str) -> None:
    pg, errors, maps = page
    errors.clear()
    _load(pg, maps[lang], 1366, 768)
    pg.locator(".tk-tab[data-key=areas]").click()
    subs = pg.locator(".tk-arealist > li > button.tk-area-sub").all_inner_texts()
    assert subs == sorted(subs, key=str.casefold) and len(subs) == 7, subs
    muns_per_sub = pg.locator(".tk-arealist > li").evaluate_all(
        "lis => lis.map(li => [...li.querySelectorAll('button.tk-area-mun')]"
        ".map(b => b.textContent))")
    for muns in muns_per_sub:
        assert muns == sorted(muns, key=str.casefold), muns
    gooi = muns_per_sub[subs.index("Gooi en Vechtstreek")]
    assert gooi.index("Gooise Meren") < gooi.index("Wijdemeren")
    assert sum(len(m) for m in muns_per_sub) == len(load_region().municipalities)
    assert errors == []


_TITLE_JS = """() => {
  const h = document.querySelector('.tk-head h1'), r = h.getBoundingClientRect();
  const lh = parseFloat(getComputedStyle(h).lineHeight);
  return {clipped: h.scrollHeight > h.clientHeight + 1 || h.scrollWidth > h.clientWidth + 1,
          lines: Math.round(r.height / lh), text: h.innerText, right: r.right,
          width: window.innerWidth};
}"""


@pytest.mark.parametrize(("w", "h"), [(390, 844), (360, 640), (320, 568), (844, 390)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_whole_title_shows_on_a_small_screen(page: Any, w: int, h: int, lang: str) -> None:
    """The title wraps instead of losing "waar de investeringen landen" to an ellipsis."""
    pg, errors, maps = page
    errors.clear()
    _load(pg, maps[lang], w, h)
    out = pg.evaluate(_TITLE_JS)
    assert not out["clipped"], out
    assert 1 <= out["lines"] <= 3, out
    end = "waar de investeringen landen" if lang == "nl" else "where the investments land"
    assert out["text"].endswith(end), out
    if (w, h) == (390, 844):
        pg.screenshot(path=str(OUTPUT / f"map-title-{lang}-{w}x{h}.png"))
    assert errors == []
