"""User text reaches the page as text: hostile names, descriptions, organisations, URLs."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from playwright.sync_api import expect
from shapely import Point

from mapbuilder import build_map
from mapbuilder.mappage.output import write_html
from tests.e2e.conftest import OpenMap
from tests.e2e.test_map_page import click_project

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__pwned=1">'
EVIL = ('<img src=x onerror="window.__pwned=2"> </script><script>window.__pwned=3</script>'
        " `backticks` ${1+1} {{ 7*7 }}")

PROJECTS = gpd.GeoDataFrame({
    "id": ["x-1", "x-2", "x-3"],
    "name": [HOSTILE, "Veilige link", "Geen link"],
    "theme": ["ai", "hydrogen", "health"],
    "amount_eur": [1_234_567, 10, 20],
    "organisation": [EVIL, "Org", "Org"],
    "description": [EVIL, "", ""],
    "url": ["https://example.org/?a=1&b=<x>", "https://example.org/ok",
            "javascript:window.__pwned=4"],
}, geometry=[Point(4.90, 52.37), Point(4.95, 52.30), Point(4.70, 52.45)], crs="EPSG:4326")


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return write_html(build_map(PROJECTS, tiles="none"),
                      folder / "map.html", title='<b>kaart</b> "titel"')


def test_hostile_text_is_shown_literally(open_map: OpenMap, hostile_file: Path) -> None:
    mp = open_map(hostile_file)
    click_project(mp, "x-1")
    popup = mp.page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(HOSTILE)  # the name, as text
    text = popup.inner_text()
    assert text.count(EVIL) == 2  # organisation and description
    expect(popup).to_contain_text("€ 1.234.567")
    assert popup.locator("img, script, b:not(.tk-name)").count() == 0  # only our heading
    link = popup.locator("a")
    expect(link).to_have_count(1)
    assert link.get_attribute("href") == "https://example.org/?a=1&b=<x>"
    assert set((link.get_attribute("rel") or "").split()) >= {"noopener", "noreferrer"}
    assert mp.page.title() == '<b>kaart</b> "titel"'
    assert mp.page.evaluate("() => window.__pwned") is None
    assert mp.page.locator("img[src='x']").count() == 0
    assert mp.errors == []


def test_javascript_url_is_not_linked(open_map: OpenMap, hostile_file: Path) -> None:
    mp = open_map(hostile_file)
    click_project(mp, "x-3")
    popup = mp.page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Geen link")
    assert popup.locator("a").count() == 0
    assert mp.page.locator("a[href^='javascript' i]").count() == 0
    click_project(mp, "x-2")
    expect(mp.page.locator(".leaflet-popup-content a")).to_have_attribute(
        "href", "https://example.org/ok")
    assert mp.page.evaluate("() => window.__pwned") is None


def test_csp_blocks_injected_markup(open_map: OpenMap, hostile_file: Path) -> None:
    """Defence in depth: even markup that got in could not run an inline handler."""
    mp = open_map(hostile_file)
    mp.page.evaluate("""() => {
        document.body.insertAdjacentHTML("beforeend",
            '<img src="data:," onload="window.__pwned=5"><div onclick="window.__pwned=6">');
        const s = document.createElement("script");
        s.textContent = "window.__pwned = 7"; document.body.appendChild(s);
        document.querySelector("div[onclick]").click(); }""")
    mp.page.wait_for_timeout(200)
    assert mp.page.evaluate("() => window.__pwned") is None
    assert any("Content Security Policy" in e for e in mp.errors)


def test_exported_csv_neutralises_formulas(open_map: OpenMap, tmp_path: Path) -> None:
    import io

    import pandas as pd

    projects = PROJECTS.copy()
    projects["name"] = ['=HYPERLINK("http://x","klik")', "+31 20 123", "Gewoon; met ;"]
    projects["organisation"] = ["@SUM(A1)", "-2+3", "\tTab"]
    mp = open_map(write_html(build_map(projects, tiles="none"), tmp_path / "csv.html"))
    csv = mp.js("return window.transitiekaart.csv();")
    assert csv.startswith("\ufeff")
    table = pd.read_csv(io.StringIO(csv[1:]), sep=";", decimal=",", dtype=str,
                        keep_default_na=False).set_index("id")
    assert table.loc["x-1", "naam"] == "'" + projects["name"][0]
    assert table.loc["x-2", "naam"] == "'+31 20 123"
    assert table.loc["x-3", "naam"] == "Gewoon; met ;"  # quoted, not split
    assert table.loc["x-1", "organisatie"] == "'@SUM(A1)"
    assert table.loc["x-2", "organisatie"] == "'-2+3"
    assert table.loc["x-3", "organisatie"] == "'\tTab"
    assert table.loc["x-1", "bedrag_eur"] == "1234567"  # numbers unaffected
    assert mp.errors == []
