"""The page's field rules in the page itself (the lib modules as the page loads them):
``window.transitiekaart.checkFile`` on corpus files of amounts, names, themes, years,
websites and ids gives ``transitiekaart validate``'s problems in both languages, and a file
of many problems dropped on the map shows them (screenshots at a phone's and a laptop's size).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import shots_dir
from tests.e2e.test_check_file import CHECK_JS, KEYS, _b64, _open_check, _want

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent.parent / "data"
FILES = ["good/projects.geojson", "bad/amount_ambiguous_dot.geojson", "bad/amount_words.geojson",
         "bad/amount_overflow_1e400.geojson", "bad/name_is_object.geojson",
         "bad/name_lone_surrogate.geojson", "bad/theme_unknown.geojson",
         "bad/start_year_text.geojson", "bad/url_javascript.geojson", "bad/duplicate_id.geojson",
         "bad/latin1_encoding.geojson", "bad/xlsx_two_columns_same_header.xlsx"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_field_rules_in_the_page_equal_validate(open_map: OpenMap, build_map_file: BuildMap,
                                                lang: str) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    for name in FILES:
        got = mp.js(CHECK_JS, _b64(DATA / name))
        want = _want(DATA / name, lang)
        assert got["complete"] is True, (name, got["reasons"])
        assert (got["ok"], got["n_valid"]) == (want["ok"], want["n_valid"]), name
        assert [[p[k] for k in KEYS] for p in got["problems"]] == \
            [[p[k] for k in KEYS] for p in want["problems"]], name
    assert mp.errors == []


@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768)])
def test_many_problems_dropped_on_the_map(open_map: OpenMap, build_map_file: BuildMap,
                                          w: int, h: int) -> None:
    """bad/hostile_many_problems.geojson: an unknown theme written as a template, a notation
    note, a feature without geometry (still left to the command line); markup in the file
    is shown as text, never run."""
    path = DATA / "bad" / "hostile_many_problems.geojson"
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": w, "height": h})
    mp.page.wait_for_timeout(200)
    _open_check(mp)
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    verdict = mp.page.locator(".tk-checkfile-verdict")
    verdict.wait_for()
    shown = mp.page.locator(".tk-checkfile-list li").all_inner_texts()
    want = _want(path, "nl")["problems"]
    for p in want:
        if p["code"] != "no_location":  # the geometry rules: not yet in the page
            assert any(p["message"] in t and p["hint"] in t for t in shown), p["code"]
    assert mp.page.locator(".tk-checkfile-list script").count() == 0
    shot = shots_dir() / f"check-fields-{w}x{h}.png"
    mp.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    box = verdict.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w
    assert mp.errors == []
