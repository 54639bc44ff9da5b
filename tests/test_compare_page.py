"""The comparison page: rendered HTML fragments, shared scales, escaping, and a browser check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo._errors import TransitiekaartError, UnknownNameError
from geo.analysis import Analysis, analyse
from geo.comparison import compare, head_to_head
from layers.region import Region
from mapbuilder.compare_page import (
    LQ_BREAKS,
    LQ_COLOURS,
    NO_DATA,
    comparison_html,
    write_comparison_page,
)
from mapbuilder.render import CHOROPLETH_COLOURS
from tests.conftest import make_projects


@pytest.fixture(scope="module")
def table(sample_analysis: Analysis) -> pd.DataFrame:
    return compare(sample_analysis)


@pytest.fixture(scope="module")
def page(table: pd.DataFrame, region: Region) -> str:
    return comparison_html(table, region, maps=("hydrogen", "digital_infra"))


def _data(page: str) -> dict:
    """The JSON the two maps are drawn from."""
    m = re.search(r"var D = (\{.*?\});\n", page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_self_contained_with_only_leaflet(page: str, table: pd.DataFrame,
                                         region: Region) -> None:
    from mapbuilder.page import external_assets

    assert external_assets(page) == []  # Leaflet inlined from xstatic-leaflet
    assert "Leaflet 1.9.3" in page
    assert 'http-equiv="Content-Security-Policy"' in page
    assert "img-src data: https://tile.openstreetmap.org;" in page
    assert re.search(r'<html lang="nl">', page) and page.count("<title>") >= 1
    for banned in ("jquery", "bootstrap.min", "font-awesome", "awesome-markers"):
        assert banned not in page.lower()
    cdn = comparison_html(table, region, maps=("hydrogen", "digital_infra"), assets="cdn")
    assert [url for _, url in external_assets(cdn)] == [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"]


def test_two_maps_share_breaks_and_colours(page: str, table: pd.DataFrame) -> None:
    data = _data(page)
    assert data["columns"] == ["eur_hydrogen", "eur_digital_infra"]
    bins = np.asarray(data["bins"], dtype=float)
    assert len(bins) == 5
    feats = data["areas"]["features"]
    assert len(feats) == 7
    for f in feats:
        for side, col in enumerate(data["columns"]):
            value = table.at[f["properties"]["key"], col]
            assert f["properties"]["value"][side] == value
            want = CHOROPLETH_COLOURS[int(np.searchsorted(bins, value, side="left"))]
            assert f["properties"]["fill"][side] == want
    # one legend under both maps, with the shared class bounds in Dutch notation
    assert "€ 38.000.000 – € 50.100.000" in page
    assert 'id="tk-map-left"' in page and 'id="tk-map-right"' in page
    assert "follow(a, b); follow(b, a);" in page  # pan and zoom are synchronised


def test_small_multiples_one_scale(page: str, table: pd.DataFrame) -> None:
    figures = re.findall(r"<figure class='tk-multiple' data-theme='(\w+)'>(.*?)</figure>",
                         page, re.S)
    assert [code for code, _ in figures] == list(table.attrs["themes"])
    for code, body in figures:
        fills = re.findall(r"<path d='M[^']+' fill='(#\w+)'>", body)
        assert len(fills) == 7
        lq = table[f"lq_{code}"].to_numpy()
        want = [NO_DATA if np.isnan(v) else LQ_COLOURS[int(np.searchsorted(LQ_BREAKS, v))]
                for v in lq]
        assert fills == want
    assert "&gt; 2,00" in page and "≤ 0,50" in page


def test_sortable_table_holds_the_numbers(page: str, table: pd.DataFrame) -> None:
    body = page[page.index("<table class='tk-sortable' id='tk-table'>"):]
    body = body[:body.index("</table>")]
    heads = re.findall(r"data-col='(\w+)'", body)
    assert "eur_per_inhabitant" in heads and "lq_ai" in heads and len(heads) >= 30
    rows = re.findall(r"<tr data-key='([^']+)'>(.*?)</tr>", body, re.S)
    assert [k for k, _ in rows] == list(table.index)
    for key, cells in rows:
        values = re.findall(r"<td[^>]*data-v='([^']*)'", cells)
        for col, raw in zip(heads, values, strict=True):
            want = table.at[key, col]
            if isinstance(want, str):
                assert raw == want
            elif pd.isna(want):
                assert raw == ""
            else:
                assert float(raw) == pytest.approx(float(want), rel=1e-15)
    assert "<tfoot><tr><td data-v='MRA totaal'>MRA totaal</td>" in body
    assert "table.tk-sortable" in page and "aria-sort" in page


def test_bar_chart_of_euros_per_inhabitant(page: str, table: pd.DataFrame) -> None:
    svg = page[page.index("<svg class='tk-bars'"):]
    svg = svg[:svg.index("</svg>")]
    widths = [float(w) for w in re.findall(r"<rect [^>]*width='([\d.]+)'", svg)]
    values = table["eur_per_inhabitant"].sort_values(ascending=False).to_numpy()
    assert len(widths) == 7
    np.testing.assert_allclose(np.asarray(widths) / widths[0], values / values[0], atol=2e-3)
    assert "€ 419,66" in svg and "MRA-gemiddelde: € 208,80" in svg


def test_labels_dates_and_sample_notice(page: str, table: pd.DataFrame, region: Region) -> None:
    assert '<html lang="nl">' in page and "Deelregio&#x27;s vergeleken" in page
    assert "VOORBEELDDATA" in page
    assert "peildatum 1 januari 2019 – 1 januari 2025" in page
    assert "1 januari 2019 – 1 januari 2024" in page  # Gooi en Vechtstreek's dates
    assert "Shannon-entropie" in page and "ln 8" in page and "Locatiequotiënt" in page
    en = comparison_html(table, region, lang="en")
    assert '<html lang="en">' in en and "Subregions compared" in en and "€419.66" in en
    assert "SAMPLE DATA" in en and "reference date 1 January 2019" in en


def test_no_sample_notice_for_real_projects(region: Region) -> None:
    projects = make_projects([("a", "A", "ai", 1e6, 4.9, 52.34),
                              ("b", "B", "hydrogen", 2e6, 5.2, 52.38),
                              ("c", "C", "ai", 1e6, 5.12, 52.09)])
    html = comparison_html(compare(analyse(projects, region)), region)
    assert "VOORBEELDDATA" not in html
    assert "Buiten de MRA: 1 project(en), € 1.000.000" in html


def test_every_name_is_escaped(table: pd.DataFrame, region: Region) -> None:
    evil = table.copy()
    evil.attrs = table.attrs
    evil.loc["IJmond", "name"] = "<img src=x onerror=alert(1)>'\"</script>"
    html = comparison_html(evil, region)
    assert "<img src=x" not in html and "</script>'" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_municipalities_and_novex_pages(sample_analysis: Analysis, region: Region) -> None:
    mun = comparison_html(compare(sample_analysis, by="municipality"), region,
                          maps=("lq:hydrogen", "lq:ai"), multiples="eur")
    assert len(_data(mun)["areas"]["features"]) == 30 and "Gemeenten vergeleken" in mun
    nvx = comparison_html(compare(sample_analysis, by="novex"), region)
    assert "NOVEX-gebieden overlappen" in nvx and "n.v.t." in nvx  # no population


def test_head_to_head_section(sample_analysis: Analysis, table: pd.DataFrame,
                              region: Region) -> None:
    h2h = head_to_head(sample_analysis, "Amsterdam", "Almere-Lelystad")
    html = comparison_html(table, region, head=h2h)
    assert "<h2>Amsterdam naast Almere-Lelystad</h2>" in html
    assert "Verschil (Amsterdam − Almere-Lelystad)" in html and "€ 72.400.000" in html


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"maps": ("total", "per_inhabitant")}, TransitiekaartError, "different units"),
    ({"maps": ("hydrogen", "kernfusie")}, UnknownNameError, "Use a metric"),
    ({"multiples": "taart"}, UnknownNameError, "Use one of: lq, eur, share"),
])
def test_bad_page_options(table: pd.DataFrame, region: Region, kwargs: dict,
                          error: type, fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        comparison_html(table, region, **kwargs)


def test_written_atomically(table: pd.DataFrame, region: Region, tmp_path: Path) -> None:
    out = write_comparison_page(tmp_path / "deep" / "compare.html", table, region)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out.parent.iterdir()) == ["compare.html"]


# Runs in its own process: the browser tests may hold a Playwright session already.
_BROWSER_SCRIPT = """
import json, sys
from pathlib import Path
from playwright.sync_api import sync_playwright
from mapbuilder.snapshot import block_network, launch_chromium
page_path, profile = Path(sys.argv[1]), Path(sys.argv[2])
with sync_playwright() as pw:
    ctx = launch_chromium(pw, profile)
    try:
        tab = ctx.new_page()
        block_network(tab)
        errors = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda m: m.type == "error" and "BLOCKED_BY_CLIENT" not in m.text
               and errors.append(m.text))  # blocked tiles are expected
        tab.goto(page_path.as_uri(), wait_until="load")
        tab.wait_for_function("() => !!(window.transitiekaart && window.transitiekaart.maps)",
                              timeout=15000)
        view = tab.evaluate(\"\"\"() => { const [a, b] = window.transitiekaart.maps;
            a.setView([52.37, 4.9], 12, {animate: false});
            const c = b.getCenter(); return [b.getZoom(), c.lat, c.lng]; }\"\"\")
        tab.click("#tk-table th[data-col='eur_per_inhabitant']")
        tab.click("#tk-table th[data-col='eur_per_inhabitant']")
        order = tab.eval_on_selector_all("#tk-table tbody tr", "rs => rs.map(r => r.dataset.key)")
        print(json.dumps({"view": view, "order": order, "errors": errors}))
    finally:
        ctx.close()
"""


@pytest.mark.browser
def test_maps_follow_each_other_and_table_sorts(page: str, tmp_path: Path) -> None:
    from mapbuilder.snapshot import check_available

    try:
        check_available()
    except TransitiekaartError as exc:
        pytest.skip(str(exc))
    path = tmp_path / "compare.html"
    path.write_text(page, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-c", _BROWSER_SCRIPT, str(path),
                          str(tmp_path / "profile")], capture_output=True, text=True,
                         timeout=120, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                         check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["view"] == [12, pytest.approx(52.37), pytest.approx(4.9)]  # b follows a
    order = result["order"]  # sorted by euros per inhabitant, largest first
    assert order[:2] == ["IJmond", "Almere-Lelystad"] and order[-1] == "Zuid-Kennemerland"
    assert result["errors"] == []
