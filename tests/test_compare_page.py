"""The comparison page: rendered HTML fragments, shared scales, escaping, and a browser check."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.analysis import Analysis, analyse
from geo.comparison import Comparison, compare_areas, compare_two
from layers.errors import TransitiekaartError, UnknownNameError
from layers.region import Region
from mapbuilder.compare.charts import grid_columns
from mapbuilder.compare.page import (
    LQ_BREAKS,
    LQ_COLOURS,
    NO_DATA,
    comparison_html,
    write_comparison_page,
)
from tests.conftest import make_projects


@pytest.fixture(scope="module")
def result(sample_analysis: Analysis) -> Comparison:
    return compare_areas(sample_analysis)


@pytest.fixture(scope="module")
def table(result: Comparison) -> pd.DataFrame:
    return result.table


@pytest.fixture(scope="module")
def page(result: Comparison, region: Region) -> str:
    return comparison_html(result, region, maps=("hydrogen", "digital_infra"))


def _data(page: str) -> dict:
    """The JSON the two maps are drawn from."""
    m = re.search(r'<script type="application/json" id="tk-compare-data">(.*?)</script>',
                  page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_self_contained_with_only_leaflet(page: str, result: Comparison,
                                         region: Region) -> None:
    from mapbuilder.page import external_assets

    assert external_assets(page) == []  # Leaflet inlined from xstatic-leaflet
    assert "Leaflet 1.9.3" in page
    assert 'http-equiv="Content-Security-Policy"' in page
    assert "img-src data: https://tile.openstreetmap.org;" in page
    assert re.search(r'<html lang="nl">', page) and page.count("<title>") >= 1
    for banned in ("jquery", "bootstrap.min", "font-awesome", "awesome-markers"):
        assert banned not in page.lower()
    cdn = comparison_html(result, region, maps=("hydrogen", "digital_infra"), assets="cdn")
    assert [url for _, url in external_assets(cdn)] == [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"]


def test_two_maps_of_rates_share_classes_and_colours(result: Comparison, table: pd.DataFrame,
                                                     region: Region) -> None:
    page = comparison_html(result, region, maps=("share:hydrogen", "share:digital_infra"))
    data = _data(page)
    assert data["columns"] == ["share_hydrogen", "share_digital_infra"]
    assert data["symbols"] is None  # shares are rates: a choropleth, no circles
    limits = np.asarray(data["limits"], dtype=float)
    colours = data["colours"]
    feats = data["areas"]["features"]
    assert len(feats) == 7
    assert data["zero"] is True  # IJmond has no digital infrastructure projects
    for f in feats:
        for side, col in enumerate(data["columns"]):
            value = table.at[f["properties"]["key"], col]
            assert f["properties"]["value"][side] == value
            # lower limits count in the higher class; zero has a class of its own
            want = colours[0] if value == 0 else colours[
                1 + int(np.searchsorted(limits, value, side="right"))]
            assert f["properties"]["fill"][side] == want
    # one legend under both maps: rounded limits, zero on its own
    legend = page[page.index("<div class='tk-legend'>"):]
    legend = legend[:legend.index("</div>")]
    assert "0 (geen)" in legend and "tot 17%" in legend and "70% en meer" in legend
    assert "Een grenswaarde hoort bij de hogere klasse." in legend
    assert 'id="tk-map-left"' in page and 'id="tk-map-right"' in page
    assert "follow(a, b); follow(b, a);" in page  # pan and zoom are synchronised


def test_area_labels_inside_their_areas(page: str, region: Region) -> None:
    from shapely.geometry import Point, shape

    feats = _data(page)["areas"]["features"]
    for f in feats:
        lat, lon = f["properties"]["label"]
        assert shape(f["geometry"]).contains(Point(lon, lat)), f["properties"]["name"]
    areas = [f["properties"]["area"] for f in feats]
    assert areas == sorted(areas, reverse=True)  # the largest label wins a clash


def test_small_multiples_one_scale_balanced_grid(page: str, result: Comparison,
                                                 table: pd.DataFrame) -> None:
    figures = re.findall(r"<figure class='tk-multiple' data-theme='(\w+)'>(.*?)</figure>",
                         page, re.S)
    assert [code for code, _ in figures] == list(result.themes)
    for code, body in figures:
        fills = re.findall(r"<path d='M[^']+' fill='(#\w+)'>", body)
        assert len(fills) == 7
        lq = table[f"lq_{code}"].to_numpy()
        want = [NO_DATA if np.isnan(v) else LQ_COLOURS[int(np.searchsorted(LQ_BREAKS, v,
                                                                           side="right"))]
                for v in lq]
        assert fills == want
    assert "0 – 0,5" in page and "2 en meer" in page and "≤" not in page
    assert "--tk-n:4" in page  # eight themes: 4 + 4


@pytest.mark.parametrize(("n", "cols"), [(1, 1), (3, 3), (4, 4), (5, 3), (6, 3), (7, 4),
                                         (8, 4)])
def test_grid_columns_balance_rows(n: int, cols: int) -> None:
    assert grid_columns(n) == cols
    rows = -(-n // cols)
    assert n - (rows - 1) * cols >= cols - 1  # the last row is (nearly) full


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


def test_bar_chart_of_euros_per_inhabitant(page: str, result: Comparison,
                                           table: pd.DataFrame) -> None:
    bars = page[page.index("<ul class='tk-bars'"):]
    bars = bars[:bars.index("</ul>")]
    widths = [float(w) for w in re.findall(r"class='tk-bar-fill' style='width:([\d.]+)%'",
                                           bars)]
    values = table["eur_per_inhabitant"].sort_values(ascending=False).to_numpy()
    assert len(widths) == 7 and widths[0] == 100.0
    np.testing.assert_allclose(np.asarray(widths) / 100, values / values[0], atol=1e-4)
    avg = result.mra["eur_per_inhabitant"]
    left = float(re.search(r"class='tk-bar-avg' style='left:([\d.]+)%'", bars).group(1))
    assert left == pytest.approx(100 * avg / values[0], abs=0.01)
    assert "€ 420" in bars and "MRA-gemiddelde: € 209" in page


def test_labels_dates_and_sample_notice(page: str, result: Comparison, region: Region) -> None:
    assert '<html lang="nl">' in page and "Deelregio&#x27;s vergeleken" in page
    assert "VOORBEELDDATA" in page
    assert "meestal op 1 januari 2024; voor 6 van de 30 gemeenten" in page
    assert "1 januari 2019 – 1 januari 2024" in page  # Gooi en Vechtstreek's dates
    assert "Shannon-entropie" in page and "ln 8" in page and "Locatiequotiënt" in page
    en = comparison_html(result, region, lang="en")
    assert '<html lang="en">' in en and "Subregions compared" in en and "€420" in en
    assert "SAMPLE DATA" in en and "mostly on 1 January 2024" in en


def test_same_rounding_as_the_map(page: str, table: pd.DataFrame) -> None:
    value = table.at["Almere-Lelystad", "eur_per_inhabitant"]
    assert round(value, 2) == pytest.approx(411.62)
    assert "€ 412" in page and "411,62" not in page


def _visible_text(html: str) -> str:
    """The page's text a reader sees (no script, style or attributes), tags removed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(("lang", "foreign"), [
    ("en", ["inwoner", "geen gegevens", "Deelregio", "peildatum", "Gemeente", "Bronnen",
            "klasse", "Kengetal", "Verschil", "VOORBEELDDATA", "fictieve", "Heel het gebied",
            "Inzoomen", "Tabel"]),
    ("nl", ["inhabitant", "no data", "Subregion", "reference date", "Municipal", "Sources",
            "class", "Figure", "Difference", "SAMPLE", "fictitious", "Full view", "Zoom in",
            "Table"]),
])
def test_one_language_per_page(sample_analysis: Analysis, region: Region, lang: str,
                               foreign: list[str]) -> None:
    h2h = compare_two(sample_analysis, "Amsterdam", "IJmond")
    html = comparison_html(compare_areas(sample_analysis), region, lang=lang, head=h2h)
    text = _visible_text(html) + json.dumps(_data(html)["text"], ensure_ascii=False)
    for word in foreign:
        assert word not in text, word


def test_print_style(page: str) -> None:
    css = page[page.index("@page"):]
    assert css.startswith("@page{size:A4 landscape")
    rules = css[css.index("@media print"):]
    assert ".leaflet-control-zoom" in rules and "display:none" in rules  # no controls
    assert ".tk-print{display:block}" in rules  # the table in A4-wide blocks
    assert "<div class='tk-print'>" in page and "id=\"tk-sources\"" in page


def test_no_sample_notice_for_real_projects(region: Region) -> None:
    projects = make_projects([("a", "A", "ai", 1e6, 4.9, 52.34),
                              ("b", "B", "hydrogen", 2e6, 5.2, 52.38),
                              ("c", "C", "ai", 1e6, 5.12, 52.09)])
    html = comparison_html(compare_areas(analyse(projects, region)), region)
    assert "VOORBEELDDATA" not in html
    assert "Buiten de MRA: 1 project(en), € 1.000.000" in html


def test_every_name_is_escaped(result: Comparison, region: Region) -> None:
    evil = replace(result, table=result.table.copy())
    evil.table.loc["IJmond", "name"] = "<img src=x onerror=alert(1)>'\"</script>"
    html = comparison_html(evil, region)
    assert "<img src=x" not in html and "</script>'" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_municipalities_and_novex_pages(sample_analysis: Analysis, region: Region) -> None:
    mun = comparison_html(compare_areas(sample_analysis, by="municipality"), region,
                          maps=("lq:hydrogen", "lq:ai"), multiples="eur")
    assert len(_data(mun)["areas"]["features"]) == 30 and "Gemeenten vergeleken" in mun
    nvx = comparison_html(compare_areas(sample_analysis, by="novex"), region)
    assert "NOVEX-gebieden overlappen" in nvx and "n.v.t." in nvx  # no population


def test_head_to_head_section(sample_analysis: Analysis, result: Comparison,
                              region: Region) -> None:
    h2h = compare_two(sample_analysis, "Amsterdam", "Almere-Lelystad")
    html = comparison_html(result, region, head=h2h)
    assert "<h2>Amsterdam naast Almere-Lelystad</h2>" in html
    assert "Verschil (Amsterdam − Almere-Lelystad)" in html and "€ 72.400.000" in html


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"maps": ("total", "per_inhabitant")}, TransitiekaartError, "verschillende eenheden"),
    ({"maps": ("hydrogen", "kernfusie")}, UnknownNameError, "Kies een kengetal"),
    ({"multiples": "taart"}, UnknownNameError, "Kies uit: lq, eur, share"),
    ({"maps": ("hydrogen", "kernfusie"), "lang": "en"}, UnknownNameError, "Use a metric"),
    ({"tiles": "Nergens.Kaart"}, UnknownNameError, "Onbekende achtergrondkaart"),
])
def test_bad_page_options(result: Comparison, region: Region, kwargs: dict,
                          error: type, fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        comparison_html(result, region, **kwargs)


@pytest.mark.parametrize(("tiles", "origin"), [
    ("osm", "https://tile.openstreetmap.org"),
    ("nlmaps.grijs", "https://service.pdok.nl"),
    ("none", None),
])
def test_tiles_and_their_policy(result: Comparison, region: Region, tiles: str,
                                origin: str | None) -> None:
    html = comparison_html(result, region, tiles=tiles)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    img = next(d for d in csp.split("; ") if d.startswith("img-src"))
    basemap = _data(html)["tiles"]
    if origin is None:
        assert img == "img-src data:" and basemap is None
    else:
        assert img == f"img-src data: {origin}" and basemap["url"].startswith(origin)
        assert basemap["attribution"]
        if tiles == "osm":  # OpenStreetMap's credit in the page's language
            assert basemap["attribution"].endswith("OpenStreetMap</a>-bijdragers")


def test_no_data_differs_from_background() -> None:
    from mapbuilder.compare.charts import ZERO
    from mapbuilder.tiles import BACKGROUND

    def rgb(h: str) -> np.ndarray:
        return np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)

    for colour in (NO_DATA, ZERO):
        assert np.abs(rgb(colour) - rgb(BACKGROUND)).max() >= 12, colour
    assert np.abs(rgb(NO_DATA) - rgb(BACKGROUND)).max() >= 60  # clearly another grey
    for palette_colour in (*LQ_COLOURS,):
        assert np.abs(rgb(NO_DATA) - rgb(palette_colour)).max() >= 30


def test_head_to_head_cells_all_sortable(sample_analysis: Analysis, result: Comparison,
                                         region: Region) -> None:
    h2h = compare_two(sample_analysis, "Amsterdam", "Almere-Lelystad")
    html = comparison_html(result, region, head=h2h)
    body = html[html.index("id='tk-head'"):]
    body = body[:body.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]
    assert len(rows) == len(h2h.table)
    for row in rows:  # the Kengetal column too: every cell carries its sort value
        assert row.count("<td") == row.count("data-v=") == 4


def test_written_atomically(result: Comparison, region: Region, tmp_path: Path) -> None:
    out = write_comparison_page(tmp_path / "deep" / "compare.html", result, region)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out.parent.iterdir()) == ["compare.html"]


# ---------------------------------------------------------------- the template
def test_script_and_style_come_from_static_and_are_pinned_by_the_csp(page: str) -> None:
    """static/compare.{js,css} go into the page as the map page's assets do: inline, the
    script allowed by its hash in the Content-Security-Policy, nothing else runs."""
    from importlib import resources

    from mapbuilder.page import inline_scripts

    static = resources.files("mapbuilder").joinpath("static")
    js = static.joinpath("compare.js").read_text("utf-8")
    css = static.joinpath("compare.css").read_text("utf-8")
    assert js in inline_scripts(page)
    assert css in page and "var(--tk-background)" in css
    assert _script_src(page) == {_sha256(s) for s in inline_scripts(page)}
    assert _sha256(js) in _script_src(page)
    assert "__FILL__" not in page and "__STROKE__" not in page


def test_a_section_hook_adds_html_and_a_hashed_script(result: Comparison, region: Region,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from markupsafe import Markup

    from mapbuilder.compare import page as compare_page

    calls = []

    def hook(shown: Comparison, reg: Region, lang: str) -> compare_page.PageSection:
        calls.append((len(shown.table), lang))
        return compare_page.PageSection(
            Markup('<section id="tk-extra"><h2>{}</h2></section>').format("<b>x</b> 100%"),
            'window.tkExtra = window.transitiekaart.maps.length + "%";')

    monkeypatch.setattr(compare_page, "SECTION_HOOKS", [hook, lambda *a: None])
    html = comparison_html(result, region, maps=("hydrogen", "digital_infra"), lang="en")
    assert calls == [(len(result.table), "en")]
    assert "<h2>&lt;b&gt;x&lt;/b&gt; 100%</h2>" in html  # the maker's text, escaped
    order = [html.index(f'id="{s}"') for s in ("tk-multiples", "tk-extra", "tk-bars")]
    assert order == sorted(order)  # after the small multiples, before the bars
    script = 'window.tkExtra = window.transitiekaart.maps.length + "%";'
    assert f"<script>{script}</script>" in html  # after the page's own
    assert html.index(script) > html.index("tk-compare-data")
    assert _sha256(script) in _script_src(html)  # allowed by its hash


def _sha256(text: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _script_src(html: str) -> set[str]:
    """The sources the page's Content-Security-Policy allows scripts from."""
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    (src,) = [d for d in csp.group(1).split(";") if d.strip().startswith("script-src")]
    return set(src.split()[1:])


def test_hostile_text_reaches_the_template_escaped(region: Region) -> None:
    """Text from the projects and the options goes through the template's autoescape."""
    projects = make_projects([("x-1", "<img src=x onerror=alert(1)>", "ai", 1e6, 4.9, 52.37)])
    html = comparison_html(compare_areas(analyse(projects, region)), region,
                           source="</script><script>alert(1)</script>")
    assert "<img src=x" not in html
    assert "</script><script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
