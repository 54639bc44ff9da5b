"""The Python face keeps folium's promises: save, get_root().render() and _repr_html_
give the finished page, and geo/layers work without folium."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mapbuilder import build_map
from mapbuilder.mappage.output import InvestmentMap, PageFigure, map_page, raw_render
from mapbuilder.mappage.points import decode_payload

_DATA = re.compile(r'<script type="text/plain" id="[^"]+">\s*(\S+?)\s*</script>')


def _check_finished(page: str, lang: str = "nl", n_projects: int | None = None) -> None:
    """A finished page: CSP first, Leaflet inline, no placeholder left, the payload in."""
    assert page.count('http-equiv="Content-Security-Policy"') == 1
    assert f'<html lang="{lang}">' in page
    assert "tk_js_" not in page and "tk_data_" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)  # self-contained
    assert not re.search(r"<link[^>]*stylesheet", page)
    assert "window.transitiekaart" in page  # the project layer's script is in
    m = _DATA.search(page)
    assert m, "no project payload"
    if n_projects is not None:
        assert len(decode_payload(m.group(1))["id"]) == n_projects


def _normalised(page: str) -> list[str]:
    """Lines of a page without its CSP and folium's repeated ``a.addTo(b);`` lines.

    folium adds one such (harmless) line per layer each time a map is rendered again.
    """
    return [line for line in page.splitlines()
            if line.strip() and "Content-Security-Policy" not in line
            and not re.fullmatch(r"\s*\w+\.addTo\(\w+\);\s*", line)]


@pytest.fixture(scope="module")
def fmap() -> InvestmentMap:
    return build_map(tiles="none")


def test_build_map_is_a_folium_map_in_a_page_figure(fmap: InvestmentMap) -> None:
    import folium

    assert isinstance(fmap, folium.Map)
    assert isinstance(fmap.get_root(), PageFigure)


def test_save_writes_the_finished_page(fmap: InvestmentMap, tmp_path: Path) -> None:
    from layers import load_sample_projects

    out = tmp_path / "map.html"
    assert fmap.save(out) is None  # as folium's
    page = out.read_text("utf-8")
    _check_finished(page, n_projects=len(load_sample_projects()))
    # the page the command line writes for this map (mapbuilder.mappage.output.map_page)
    assert _normalised(page) == _normalised(map_page(fmap))


def test_save_to_a_file_object(fmap: InvestmentMap) -> None:
    buf = io.BytesIO()
    fmap.save(buf, close_file=False)
    _check_finished(buf.getvalue().decode("utf-8"))


def test_save_cdn_links_leaflet(fmap: InvestmentMap, tmp_path: Path) -> None:
    fmap.save(tmp_path / "cdn.html", assets="cdn")
    page = (tmp_path / "cdn.html").read_text("utf-8")
    assert re.search(r'<script[^>]*src="https://[^"]*leaflet[^"]*"[^>]*integrity=', page)


def test_get_root_render_is_the_page(fmap: InvestmentMap) -> None:
    _check_finished(fmap.get_root().render())


def test_raw_render_is_folium_s_own(fmap: InvestmentMap) -> None:
    with raw_render():
        raw = fmap.get_root().render()
    assert "Content-Security-Policy" not in raw
    assert "tk_js_" in raw  # placeholders, filled when the page is finished


def test_repr_html_is_an_iframe_with_the_page(fmap: InvestmentMap) -> None:
    out = fmap._repr_html_()
    m = re.search(r'<iframe srcdoc="([^"]*)"', out)
    assert m, out[:300]
    _check_finished(html.unescape(m.group(1)))


def test_english_map_page_is_english() -> None:
    m = build_map(tiles="none", lang="en")
    _check_finished(m.get_root().render(), lang="en")


def test_geo_and_layers_import_without_folium(tmp_path: Path) -> None:
    """Block folium and branca; geo and layers still import and analyse."""
    code = (
        "import sys\n"
        "for name in ('folium', 'branca', 'mapbuilder'):\n"
        "    sys.modules[name] = None\n"
        "import geo, layers\n"
        "from geo import analyse, compare\n"
        "from layers import load_region, load_sample_projects\n"
        "a = analyse(load_sample_projects(), load_region())\n"
        "t = compare(a, by='novex')\n"
        "print(len(a.subregions), len(t))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["7", "3"]
