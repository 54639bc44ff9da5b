"""A map from partners' files: Excel with municipality-only and area-wide rows, polygons.

The page must draw without errors; projects placed in a municipality are drawn
(at its label point), area-wide ones have no spot on the map but are counted
in the totals the page shows, which match what ``geo`` computes.
"""

from __future__ import annotations

from pathlib import Path

from geo import analyse
from geo.io import read_projects
from layers import load_region
from layers.lang import format_eur
from tests.e2e.conftest import BuildMap, OpenMap

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
    assert mp.js("return window.transitiekaart.points.total;") == with_spot
    total = format_eur(float(analysis.mra["total_eur"].iloc[0]), "nl")
    assert total == "€ 14.850.000"  # hand-computed: 9.850.000 (Excel) + 5.000.000 (Velsen)
    assert total in mp.page.inner_text("body")
