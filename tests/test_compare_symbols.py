"""Totals as proportional circles on the comparison page; rates stay choropleths."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from geo.analysis import Analysis
from geo.comparison import Comparison, compare_areas
from layers.region import Region
from mapbuilder.compare.multiples import MULTIPLE_R_MAX, MULTIPLE_R_MIN, SVG_WIDTH
from mapbuilder.compare.page import comparison_html
from mapbuilder.compare.symbols import (
    NEUTRAL_FILL,
    R_MAX,
    R_MIN,
    CircleScale,
    is_total,
    nice_floor,
    reference_values,
)
from tests.test_compare_page import _data, page, result, table  # noqa: F401  (shared fixtures)


def _mantissa(v: float) -> float:
    return round(v / 10 ** math.floor(math.log10(v)), 9)


def test_totals_are_circles_with_radius_proportional_to_sqrt(page: str,
                                                             table: pd.DataFrame) -> None:
    data = _data(page)
    cols = data["columns"]
    assert cols == ["eur_hydrogen", "eur_digital_infra"]
    sym = data["symbols"]
    assert sym is not None and sym["rMax"] == R_MAX["subregion"]
    v_max = float(max(table[cols[0]].max(), table[cols[1]].max()))  # one scale, both maps
    assert sym["vMax"] == pytest.approx(v_max)
    feats = data["areas"]["features"]
    assert len(feats) == 7
    per_sqrt = []
    for f in feats:
        p = f["properties"]
        assert p["fill"] == [NEUTRAL_FILL, NEUTRAL_FILL]  # no choropleth of totals
        for side, col in enumerate(cols):
            value = float(table.at[p["key"], col])
            assert p["value"][side] == value
            if value == 0:
                assert p["radius"][side] == 0  # zero: no circle
            else:
                assert p["radius"][side] == pytest.approx(
                    sym["rMax"] * math.sqrt(value / v_max), rel=1e-12)
                per_sqrt.append(p["radius"][side] / math.sqrt(value))
    # one scale for every area on both maps: radius / sqrt(value) is one number
    assert len(per_sqrt) >= 12
    assert max(per_sqrt) == pytest.approx(min(per_sqrt), rel=1e-12)
    assert max(r for f in feats for r in f["properties"]["radius"]) == pytest.approx(
        sym["rMax"])
    assert data["limits"] == [] and data["colours"] == []


def test_circle_legend_at_the_maps_scale(page: str) -> None:
    sym = _data(page)["symbols"]
    legend = page[page.index("<div class='tk-legend tk-circle-legend'>"):]
    legend = legend[:legend.index("</section>")]
    circles = re.findall(r"<circle class='tk-ref' data-value='([\d.e+]+)' cx='[\d.]+' "
                         r"cy='[\d.]+' r='([\d.]+)'", legend)
    assert 2 <= len(circles) <= 3
    values = [float(v) for v, _ in circles]
    assert values == sorted(values, reverse=True) and values[0] <= sym["vMax"]
    for v, r in circles:
        assert _mantissa(float(v)) in (1, 2, 3, 5)  # a round value a reader can say
        assert float(r) == pytest.approx(sym["rMax"] * math.sqrt(float(v) / sym["vMax"]),
                                         abs=1e-3)
    assert "0: geen cirkel" in legend
    assert "€ 50 mln" in legend and "€ 10 mln" in legend  # rounded, readable
    assert "<svg class='tk-circles'" in legend and "viewBox" not in legend  # pixels, unscaled
    assert "Totalen zijn cirkels, in beide kaarten op dezelfde schaal" in page


@pytest.mark.parametrize(("maps", "circles"), [
    (("total", "total"), True),
    (("count", "count"), True),
    (("ai", "hydrogen"), True),
    (("per_inhabitant", "per_inhabitant"), False),
    (("per_km2", "per_km2"), False),
    (("lq:ai", "lq:hydrogen"), False),
    (("share:ai", "share:hydrogen"), False),
    (("diversity", "diversity"), False),
])
def test_totals_circles_rates_choropleths(result: Comparison, region: Region,
                                          maps: tuple[str, str], circles: bool) -> None:
    data = _data(comparison_html(result, region, maps=maps))
    assert (data["symbols"] is not None) == circles
    radii = [r for f in data["areas"]["features"] for r in f["properties"]["radius"]]
    fills = {c for f in data["areas"]["features"] for c in f["properties"]["fill"]}
    if circles:
        assert max(radii) == pytest.approx(data["symbols"]["rMax"])
        assert fills == {NEUTRAL_FILL}
    else:
        assert set(radii) == {0.0} and len(data["colours"]) >= 2 and len(fills) >= 2


@pytest.mark.parametrize(("col", "total"), [
    ("total_eur", True), ("n_projects", True), ("eur_ai", True), ("n_ai", True),
    ("eur_per_inhabitant", False), ("eur_per_km2", False), ("lq_ai", False),
    ("share_ai", False), ("diversity", False), ("share_of_mra", False),
])
def test_is_total(col: str, total: bool) -> None:
    assert is_total(col) is total


def test_circle_scale() -> None:
    scale = CircleScale.of([0.0, 4.0, 16.0, np.nan, -1.0], r_max=20)
    assert scale.v_max == 16.0
    np.testing.assert_allclose(scale.radius([0.0, 4.0, 16.0, np.nan, -1.0, 1.0]),
                               [0, 10, 20, 0, 0, 5])
    assert CircleScale.of([0.0, np.nan], 20).radius([0.0, 5.0]).tolist() == [0, 0]
    # a tiny positive value is a dot, never mistaken for zero
    dotted = CircleScale.of([16.0], r_max=20, r_min=2)
    assert dotted.v_dot == pytest.approx(0.16)
    np.testing.assert_allclose(dotted.radius([0.0, 0.01, 0.25, 4.0]), [0, 2, 2.5, 10])
    assert dotted.dots([0.0, 0.01, 0.25, 4.0]).tolist() == [False, True, False, False]


@pytest.mark.parametrize(("x", "want"), [(57.3e6, 50e6), (40, 30), (1.0, 1.0), (0.7, 0.5),
                                         (2.5e6, 2e6), (29.99, 20), (300, 300)])
def test_nice_floor(x: float, want: float) -> None:
    assert nice_floor(x) == want


@pytest.mark.parametrize("v_max", [57.3e6, 812_345.0, 41.0, 3.0])
def test_reference_values(v_max: float) -> None:
    scale = CircleScale(v_max, 28.0)
    values = reference_values(scale)
    assert 1 <= len(values) <= 3 and values == sorted(values, reverse=True)
    assert values[0] <= v_max < 10 * values[0]
    assert all(_mantissa(v) in (1, 2, 3, 5) for v in values)
    assert all(scale.radius(v)[0] >= 4.0 for v in values)


def test_multiples_of_euros_are_circles_on_one_scale(result: Comparison,
                                                     region: Region) -> None:
    table = result.table
    page = comparison_html(result, region, multiples="eur")
    themes = list(result.themes)
    figures = re.findall(r"<figure class='tk-multiple' data-theme='(\w+)'>(.*?)</figure>",
                         page, re.S)
    assert [code for code, _ in figures] == themes
    v_max = max(float(table[f"eur_{c}"].max()) for c in themes)
    r_max = MULTIPLE_R_MAX["subregion"]
    per_sqrt = []
    for code, body in figures:
        assert set(re.findall(r"<path d='M[^']+' fill='(#\w+)'>", body)) == {NEUTRAL_FILL}
        radii = [float(r) for r in re.findall(r"<circle class='tk-mcircle' cx='[\d.]+' "
                                              r"cy='[\d.]+' r='([\d.]+)'", body)]
        values = table[f"eur_{code}"]
        positive = sorted(float(v) for v in values if v > 0)
        assert len(radii) == len(positive)  # zero: no circle
        assert radii == sorted(radii, reverse=True)  # smaller circles on top
        for r, v in zip(sorted(radii), positive, strict=True):
            true = r_max * math.sqrt(v / v_max)
            assert r == pytest.approx(max(true, MULTIPLE_R_MIN), abs=1e-4)
            if true > MULTIPLE_R_MIN:
                per_sqrt.append(r / math.sqrt(v))
    assert max(per_sqrt) == pytest.approx(min(per_sqrt), rel=1e-3)
    # the legend's circles: the same scale, as a share of a multiple's 200-unit width
    refs = re.findall(r"<span class='tk-ref' data-value='([\d.e+]+)' data-r='([\d.]+)' "
                      r"style='--d:([\d.]+)'>", page)
    assert refs
    for v, r, d in refs:
        assert float(r) == pytest.approx(r_max * math.sqrt(float(v) / v_max), abs=1e-4)
        assert float(d) == pytest.approx(2 * float(r) / (SVG_WIDTH + 2 * r_max), abs=1e-6)
    # the view box leaves room for the largest circle at the region's edge
    assert f"viewBox='{-r_max:g} {-r_max:g} {SVG_WIDTH + 2 * r_max:g} " in page
    assert "0: geen cirkel" in page


def test_municipal_totals_smaller_circles_dots_and_english(sample_analysis: Analysis,
                                                          region: Region) -> None:
    result = compare_areas(sample_analysis, by="municipality")
    html = comparison_html(result, region, maps=("total", "total"), lang="en")
    data = _data(html)
    sym = data["symbols"]
    assert sym["rMax"] == R_MAX["municipality"] < R_MAX["subregion"]
    assert sym["rMin"] == R_MIN > 0
    assert len(data["areas"]["features"]) == 30
    v_dot = sym["vMax"] * (R_MIN / sym["rMax"]) ** 2
    n_dots = 0
    for f in data["areas"]["features"]:
        value, r = f["properties"]["value"][0], f["properties"]["radius"][0]
        if value > 0:
            true = sym["rMax"] * math.sqrt(value / sym["vMax"])
            assert r == pytest.approx(max(true, R_MIN), rel=1e-12)
            n_dots += value < v_dot
    assert n_dots >= 1  # some municipalities get only a little: a dot, said in the legend
    dot = re.search(r"<span class='tk-dot'></span>dot: under €([\d.]+)m", html)
    assert dot is not None and float(dot.group(1)) * 1e6 >= v_dot
    assert "0: no circle" in html and "geen cirkel" not in html
    assert re.search(r"€\d+m</text>", html)  # English notation in the legend
