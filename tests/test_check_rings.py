"""The municipalities' shapes the page's check places and measures with (check_rules.step_rings,
decoded by lib/places.js decodeRings) are validate's own, to the last bit; the shapes validate
moves a point into (places.inside_shapes) lie 2 m inside.

Node decodes what the page gets; shapely gives what validate measures with.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.validate import places
from mapbuilder.mappage.check_rules import check_rules, step_rings

PLACES_JS = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "places.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _decode(encoded: list[dict]) -> list:
    script = (f"const P = require({json.dumps(str(PLACES_JS))});"
              "const e = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(e.map((x) => P.decodeRings(x))));")
    out = subprocess.run([NODE, "-e", script], input=json.dumps(encoded),  # type: ignore[list-item]
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _rings(geom: shapely.Geometry) -> list[list[list[float]]]:
    return [[list(xy) for xy in ring.coords] for poly in shapely.get_parts(geom)
            for ring in (poly.exterior, *poly.interiors)]


def test_page_decodes_validates_shapes_exactly() -> None:
    """Every coordinate the page decodes is the double validate uses: lon/lat (is a point in
    a municipality), RD New (its distance) and RD New shrunk by 2 m (its move inside)."""
    mun = check_rules()["municipalities"]
    _, shapes, metric, _ = places._municipality_shapes()
    lonlat, rd, inside = _decode([mun["lonlat"], mun["rd"], mun["inside"]])
    assert mun["lonlat"]["scale"] == 1000 and mun["rd"]["scale"] == 1000  # compact, not lists
    assert lonlat == [_rings(g) for g in shapes]
    assert rd == [_rings(g) for g in metric]
    assert inside == [_rings(g) for g in places.inside_shapes()]
    assert sum(len(r) for shape in rd for r in shape) > 900  # not vacuous: all 30 shapes
    assert len(lonlat) == len(rd) == len(inside) == len(mun["codes"]) == 30


WHOLE = st.integers(-(2**35), 2**35)


def _shape(rings: list[list[tuple[float, float]]]) -> shapely.Geometry:
    return shapely.multipolygons([shapely.polygons(shapely.linearrings(r + r[:1])) for r in rings])


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.tuples(WHOLE, WHOLE), min_size=3, max_size=12), min_size=1,
                max_size=4), st.sampled_from([1, 1000, 10**7]))
def test_any_whole_units_round_trip(rings: list[list[tuple[int, int]]], scale: int) -> None:
    """step_rings and decodeRings on any whole numbers of units (steps past 2^31 too): what
    goes in comes out, to the bit."""
    want = [[[[x / scale, y / scale] for x, y in r + r[:1]] for r in rings]]
    enc = step_rings([_shape([[(x / scale, y / scale) for x, y in r] for r in rings])], scale)
    assert enc["scale"] == scale
    assert _decode([enc])[0] == want


@settings(max_examples=10, deadline=None)
@given(st.lists(st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)), min_size=3,
                         max_size=8), min_size=1, max_size=3))
def test_any_coordinates_round_trip(rings: list[list[tuple[float, float]]]) -> None:
    """Without a scale: the fewest decimals that are exact, or (none up to 9) lists; either
    way the page gets the very doubles."""
    want = [[[list(xy) for xy in r + r[:1]] for r in rings]]
    enc = step_rings([_shape(rings)])
    assert isinstance(enc, list) or enc["scale"] in [10**d for d in range(10)]
    assert _decode([enc])[0] == want


def test_validate_measures_in_whole_millimetres() -> None:
    """to_mm: the RD New shapes validate measures with are n / 1000 for whole n."""
    _, _, metric, _ = places._municipality_shapes()
    for geoms in (metric, places.inside_shapes()):
        xy = shapely.get_coordinates(geoms)
        assert np.array_equal(np.rint(xy * 1000.0) / 1000.0, xy)


def test_shrunk_shapes_lie_two_metres_inside() -> None:
    """Each shrunk shape (mitred joins, to the millimetre) is within its municipality and
    every vertex of it at least 2 m (less a millimetre's rounding) from the border; it has
    no more vertices than the municipality (GEOS's round joins gave 2,206 for 927)."""
    _, _, metric, _ = places._municipality_shapes()
    inside = places.inside_shapes()
    for shape, small in zip(metric, inside, strict=True):
        assert not small.is_empty and small.is_valid
        corners = shapely.points(shapely.get_coordinates(small))
        assert shapely.within(corners, shape).all()
        assert shapely.distance(corners, shape.boundary).min() >= places._INSIDE_M - 1e-3
        assert shapely.get_num_coordinates(small) <= shapely.get_num_coordinates(shape) + 2
