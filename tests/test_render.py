"""The rendered map: layers, legends, popups and safety, asserted on the HTML."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from geo._errors import UnknownNameError
from geo.themes import THEMES
from mapbuilder import build_map, classify, render_analysis
from mapbuilder.formatting import format_date, format_eur, format_number, format_percent
from tests.conftest import make_projects

_DATA = re.compile(r'var data = (\{.*?\});\n\s*var target', re.S)
_KIND = re.compile(r'window\.transitiekaart\[("[^"]+")\] = window')


def layers_in(html: str) -> dict[str, list[dict]]:
    """Feature collections per layer kind, parsed back from the rendered page."""
    out: dict[str, list[dict]] = {}
    for block in html.split("var data = ")[1:]:
        data = json.loads(_DATA.match("var data = " + block).group(1))
        kind = json.loads(_KIND.search(block).group(1))
        out.setdefault(kind, []).extend(data["features"])
    return out


def panels_in(html: str) -> str:
    """The text of the map's panels (title, summary, legend), unescaped."""
    found = re.findall(r'div\.innerHTML = ("(?:[^"\\]|\\.)*");', html)
    return "\n".join(unescape(json.loads(f)) for f in found)


@pytest.fixture(scope="module")
def html(sample_analysis) -> str:
    return render_analysis(sample_analysis).get_root().render()


def test_layers_have_the_expected_features(html):
    layers = layers_in(html)
    assert len(layers["subregions"]) == 7
    assert len(layers["municipalities"]) == 30
    assert len(layers["novex"]) == 3
    themes = [k for k in layers if k.startswith("theme:")]
    assert sorted(themes) == sorted(f"theme:{t.code}" for t in THEMES)
    assert sum(len(layers[k]) for k in themes) == 74
    assert len(layers["hexagons"]) > 10


def test_theme_layers_are_toggleable_with_their_colour(html):
    for th in THEMES:
        assert th.colour in html
        assert f"{th.label_nl} (" in html  # layer-control entry with count
    assert "L.control.layers" in html
    assert "markerClusterGroup" in html
    assert '"preferCanvas": true' in html


def test_no_jquery_bootstrap_or_font_awesome(html):
    for lib in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers",
                "leaflet-heat", "leaflet.heat"):
        assert lib not in html.lower()


def test_choropleth_legend_has_units_and_classes(html, sample_analysis):
    _, bins = classify(sample_analysis.subregions["total_eur"])
    legend = panels_in(html)
    assert "Deelregio's: Totale investering (€)" in legend
    assert legend.count("class='sw'") >= len(bins)
    assert format_eur(bins[-1]) in legend
    assert "NOVEX-grenzen zijn indicatief" in legend


def test_novex_outlines_dashed_labelled_indicative(html):
    novex = layers_in(html)["novex"]
    for f in novex:
        p = f["properties"]
        assert p["basis"] == "indicative"
        assert p["_style"]["dashArray"]
        assert p["_label"].endswith("(indicatief)")
    assert "NOVEX-gebieden (indicatief)" in html


def test_project_popup_dutch_amounts_and_places(html):
    feats = [f for k, v in layers_in(html).items() if k.startswith("theme:") for f in v]
    popup = next(f["properties"]["_popup"] for f in feats
                 if f["properties"]["id"] == "sample-001")
    assert "Waterstofhub IJmuiden (voorbeeld)" in popup
    assert "€ 48.000.000" in popup
    for fragment in ("Waterstof", "in uitvoering", "2025", "Velsen", "IJmond",
                     "Amsterdam Noordzeekanaalgebied", "fictieve voorbeelddata"):
        assert fragment in popup


def test_subregion_hover_and_click(html):
    sub = {f["properties"]["subregion"]: f["properties"] for f in layers_in(html)["subregions"]}
    ams = sub["Amsterdam"]
    assert "<b>Amsterdam</b>" in ams["_tooltip"]
    assert "Themamix" in ams["_tooltip"]
    assert "peildatum 1 januari 2024" in ams["_tooltip"]
    assert "MRA-gemiddelde" in ams["_popup"]


def test_title_summary_attribution_and_sample_notice(html, sample_analysis):
    panels = panels_in(html)
    assert "Transitieversneller Metropool Amsterdam" in panels
    assert "VOORBEELDDATA" in panels
    assert "Aantal projecten\n" not in panels and "Aantal projecten" in panels
    assert "MRA totaal" in panels and "€ 543.480.000" in panels
    top = sample_analysis.subregions["total_eur"].idxmax()
    assert f"{top}: {format_eur(sample_analysis.subregions.loc[top, 'total_eur'])}" in panels
    attribution = json.loads(re.search(r"addAttribution\((\".*?\")\)", html).group(1))
    assert "CBS / Kadaster (PDOK), CC BY 4.0" in attribution
    assert "indicatief" in attribution


def test_english_labels(sample_analysis):
    html = render_analysis(sample_analysis, lang="en").get_root().render()
    assert "SAMPLE DATA" in panels_in(html)
    assert "Subregions: Total investment" in panels_in(html)
    assert "Hydrogen (" in html
    assert "€48,000,000" in html


@pytest.mark.parametrize("metric,unit", [("per_inhabitant", "€ per inwoner"),
                                         ("per_km2", "€ per km²"), ("count", "projecten")])
def test_metrics(sample_analysis, metric, unit):
    html = render_analysis(sample_analysis, metric=metric).get_root().render()
    assert f"({unit})" in panels_in(html)


def test_bad_metric_and_language(sample_analysis):
    with pytest.raises(UnknownNameError, match="total, per_inhabitant, per_km2, count"):
        render_analysis(sample_analysis, metric="average")
    with pytest.raises(UnknownNameError, match="nl, en"):
        build_map(lang="fr")


HOSTILE = ('<script>alert(1)</script> "q" \'s\' `tick` ${1+1} {{ x }} {% raw %} {# c '
           '🚲 </script><img src=x onerror=alert(2)>')


def test_user_text_is_escaped(region):
    projects = make_projects([("x<y>", HOSTILE, "ai", 1_250_000, 4.90, 52.37)])
    projects["organisation"] = "<b>Org</b>"
    projects["url"] = "javascript:alert(3)"
    html = build_map(projects, region=region).get_root().render()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "href='javascript" not in html
    feats = layers_in(html)["theme:ai"]
    popup = feats[0]["properties"]["_popup"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup
    assert "`tick` ${1+1} {{ x }} {% raw %} {# c 🚲" in popup  # not run as a template
    assert "&lt;b&gt;Org&lt;/b&gt;" in popup
    assert "€ 1.250.000" in popup
    assert "href=" not in popup  # a javascript: url is not linked


@pytest.mark.parametrize("value,nl,en", [
    (1_250_000, "€ 1.250.000", "€1,250,000"),
    (0, "€ 0", "€0"),
    (999.5, "€ 1.000", "€1,000"),
    (None, "–", "–"),
    (float("nan"), "–", "–"),
])
def test_format_eur(value, nl, en):
    assert format_eur(value) == nl
    assert format_eur(value, "en") == en


def test_format_other():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234.5, 1, "en") == "1,234.5"
    assert format_percent(0.1234) == "12,3%"
    assert format_date("2024-01-01") == "1 januari 2024"
    assert format_date("2019-01-01 – 2024-01-01", "en") == "1 January 2019 – 1 January 2024"


def test_classify_handles_few_and_missing_values():
    import pandas as pd

    yb, bins = classify(pd.Series([0.0, 0.0, 0.0]))
    assert bins == [0.0] and list(yb) == [0, 0, 0]
    yb, bins = classify(pd.Series([1.0, float("nan"), 3.0]))
    assert list(yb) == [0, -1, 1]
    yb, bins = classify(pd.Series(range(100), dtype=float))
    assert len(bins) == 5 and bins[-1] == 99
