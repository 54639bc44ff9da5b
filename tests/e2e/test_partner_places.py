"""A map from partners' files: Excel with municipality-only and area-wide rows, polygons.

The page must draw without errors; projects placed in a municipality are drawn
(at its label point), area-wide ones have no spot on the map but are counted
in the totals the page shows, which match what ``geo`` computes.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from geo import analyse, compare
from geo.comparison import AREA_WIDE_KEY
from geo.io import read_projects
from layers import load_region
from layers.lang import format_eur
from tests.e2e.conftest import BuildMap, OpenMap

pytestmark = pytest.mark.browser

PARTNER = Path(__file__).parent.parent / "data" / "partner"
FILES = (PARTNER / "excel_brochure_names.xlsx", PARTNER / "polygons_border.geojson")


def test_partner_map_draws_and_counts_area_wide_projects(open_map: OpenMap,
                                                         build_map_file: BuildMap) -> None:
    html = build_map_file("--tiles", "none", "--projects", *map(str, FILES))
    projects = read_projects(FILES)
    analysis = analyse(projects, load_region())
    with_spot = int(analysis.projects["point"].notna().sum())
    assert with_spot == len(projects) - 2  # the MRA-wide and the IJmond-wide project
    mp = open_map(html)
    assert mp.errors == []
    # every project travels to the page; the area-wide ones have no spot of their own
    assert mp.js("return window.transitiekaart.points.total;") == len(projects)
    assert mp.js("return window.transitiekaart.listIds().length;") == len(projects)
    # the page's figures are geo's, area-wide projects included, at every level
    page = mp.js("const tk = window.transitiekaart; const out = {};"
                 "for (const lv of ['mra', 'subregion', 'municipality', 'novex']) {"
                 "  out[lv] = tk.totals(lv); } return out;")
    mra = analysis.mra.iloc[0]
    assert page["mra"]["MRA"]["n"] == int(mra["n_projects"])
    assert abs(page["mra"]["MRA"]["eur"] - float(mra["total_eur"])) < 0.5
    for level in ("subregion", "municipality", "novex"):
        table = compare(analysis, by=level).drop(index=AREA_WIDE_KEY, errors="ignore")
        assert set(page[level]) == set(table["name"]), level
        for _, row in table.iterrows():
            got = page[level][str(row["name"])]
            assert got["n"] == int(row["n_projects"]), (level, row["name"])
            assert abs(got["eur"] - float(row["total_eur"])) < 0.5, (level, row["name"])
            want = row["eur_per_inhabitant"]
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert got["eur_per_inhabitant"] is None, (level, row["name"])
            else:
                assert math.isclose(got["eur_per_inhabitant"], want, rel_tol=1e-9)
    total = format_eur(float(analysis.mra["total_eur"].iloc[0]), "nl")
    assert total == "€ 14.850.000"  # hand-computed: 9.850.000 (Excel) + 5.000.000 (Velsen)
    assert total in mp.page.inner_text("body")
    # a negative amount reads as format_eur writes it: the minus before the euro sign
    for v in (-197, -0.4, -12_345_678):
        assert mp.js(f"return window.transitiekaart.fmt.eur({v});") == format_eur(v, "nl")
    assert mp.js("return window.transitiekaart.fmt.eurShort(-2500000);") == "\u2212€ 2,5 mln"
