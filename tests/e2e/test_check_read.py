"""The page's reading of a dropped file in a real browser: a GeoJSON the command line refuses
as a whole gets its one error; polygons and lines get validate's notes; a file the page reads
only in part (a sample project, left to validate by design) says so and is never "ok";
screenshots at a laptop's and a phone's size.

The same answers as ``transitiekaart validate`` are held file by file in
tests/test_check_parity.py and tests/test_check_read.py (node); here the browser's own
TextDecoder and DecompressionStream do the reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import BuildMap, OpenMap
from tests.e2e.support import shots_dir
from tests.e2e.test_check_file import CHECK_JS, GAP_TEXT, KEYS, _b64, _open_check, _want

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent.parent / "data"
FILES = [DATA / "bad" / "truncated.geojson", DATA / "bad" / "xlsx_zip_bomb.xlsx",
         DATA / "bad" / "coordinates_as_text.geojson", DATA / "partner" / "polygons_border.geojson",
         DATA / "partner" / "register_v0.geojson"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_refused_files_get_the_command_lines_message(open_map: OpenMap, build_map_file: BuildMap,
                                                     lang: str, tmp_path: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    (tmp_path / "sample_project.geojson").write_text(GAP_TEXT, encoding="utf-8")
    for path in [*FILES, tmp_path / "sample_project.geojson"]:
        got = mp.js(CHECK_JS, _b64(path))
        if path.name == "sample_project.geojson":  # read in part: said so, never "ok"
            assert got["complete"] is False and got["ok"] is None
            assert got["problems"][-1]["code"] == "check_incomplete"
            continue
        want = _want(path, lang)
        assert got["complete"] is True, (path.name, got["reasons"])
        assert [[p[k] for k in KEYS] for p in got["problems"]] == \
            [[p[k] for k in KEYS] for p in want["problems"]], path.name
        assert (got["ok"], got["n_features"]) == (want["ok"], want["n_features"])
    assert mp.errors == []


@pytest.mark.parametrize(("w", "h"), [(390, 844), (1366, 768)])
@pytest.mark.parametrize("name", ["sample_project.geojson", "partner/register_v0.geojson",
                                  "partner/polygons_border.geojson", "bad/truncated.geojson"])
def test_screenshots_of_a_read_file(open_map: OpenMap, build_map_file: BuildMap, w: int, h: int,
                                    name: str, tmp_path: Path) -> None:
    mp = open_map(build_map_file("--tiles", "none"))
    mp.page.set_viewport_size({"width": w, "height": h})
    mp.page.wait_for_timeout(200)
    _open_check(mp)
    path = DATA / name
    if name == "sample_project.geojson":  # the page leaves a sample project to validate
        path = tmp_path / name
        path.write_text(GAP_TEXT, encoding="utf-8")
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    verdict = mp.page.locator(".tk-checkfile-verdict")
    verdict.wait_for()
    shot = shots_dir() / f"checkread-{Path(name).stem}-{w}x{h}.png"
    mp.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    box = verdict.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w
    text = mp.page.locator(".tk-checkfile").inner_text()
    assert ("transitiekaart validate" in text) == (name == "sample_project.geojson")
    assert mp.errors == []
