"""The page's check of lines, polygons and multipoints (static/lib/check_shapes.js) against
``transitiekaart validate`` and :func:`geo.combine.assign_areas`.

Hypothesis draws GeoJSON files of polygons (simple, bow-ties, with holes, random rings that
may cross or touch themselves, two at once), lines and multipoints, over the MRA, across
its outer border and along it (near half outside); the page's problems (the repair note with
GEOS's reason, the outside note at the representative point) and, when the file is ok, its
register download must equal validate's, or the page says its check is incomplete (the cases
lib/check_shapes.js documents as not ported). The municipality the page counts a shape in
(the "met uw bestand" switch, lib/withfile.js) must be assign_areas' largest overlap.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from layers.region import load_region
from tests.test_check_parity import KEYS, NODE, check_js, check_sheet, python_report, run_js

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

SHAPES = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "check_shapes.js"


def _outer_corners() -> list[tuple[float, float]]:
    """Corners of the MRA's outer border (where a shape lies partly outside)."""
    from geo.validate.places import mra_union

    union = mra_union()
    polys = getattr(union, "geoms", [union])
    return [tuple(c) for p in polys for c in p.exterior.coords[:-1]]


OUTER = _outer_corners()
CENTRE = st.one_of(
    st.tuples(st.floats(4.55, 5.25), st.floats(52.25, 52.55)),  # over the MRA
    st.builds(lambda k, dx, dy: (OUTER[k][0] + dx, OUTER[k][1] + dy),  # on its outer border
              st.integers(0, len(OUTER) - 1), st.floats(-0.01, 0.01), st.floats(-0.01, 0.01)))
SIZE = st.sampled_from([0.002, 0.01, 0.03, 0.08])


def _star(c: tuple[float, float], size: float, radii: list[float],
          turn: float) -> list[list[float]]:
    """A simple ring around ``c``: corners at growing angles (a star-shaped polygon)."""
    n = len(radii)
    ring = [[round(c[0] + size * r * math.cos(turn + 2 * math.pi * k / n), 6),
             round(c[1] + size * 0.6 * r * math.sin(turn + 2 * math.pi * k / n), 6)]
            for k, r in enumerate(radii)]
    return [*ring, ring[0]]


RADII = st.lists(st.floats(0.4, 1.0), min_size=3, max_size=9)
TURN = st.floats(0, 6.28)


@st.composite
def geometries(draw: st.DrawFn) -> dict:
    c, size = draw(CENTRE), draw(SIZE)
    kind = draw(st.sampled_from(["star", "bowtie", "hole", "random", "multi", "line", "points",
                                 "star3d"]))
    if kind in ("star", "star3d"):
        ring = _star(c, size, draw(RADII), draw(TURN))
        if kind == "star3d":
            ring = [[x, y, 1.5] for x, y in ring]
        return {"type": "Polygon", "coordinates": [ring]}
    if kind == "bowtie":  # corners 2 and 3 swapped: the ring crosses itself once
        ring = _star(c, size, draw(st.lists(st.floats(0.4, 1.0), min_size=4, max_size=7)),
                     draw(TURN))[:-1]
        k = draw(st.integers(0, len(ring) - 2))
        ring[k], ring[k + 1] = ring[k + 1], ring[k]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    if kind == "hole":
        shell = _star(c, size, [1.0] * 8, 0.0)
        hole = _star(c, size * draw(st.sampled_from([0.3, 0.5, 1.2])), draw(RADII), draw(TURN))
        return {"type": "Polygon", "coordinates": [shell, hole[::-1]]}
    if kind == "random":  # may cross or touch itself, or be valid
        pts = draw(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=3,
                            max_size=6))
        ring = [[round(c[0] + size * x / 4, 6), round(c[1] + size * y / 4, 6)] for x, y in pts]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    if kind == "multi":
        a = _star(c, size, draw(RADII), draw(TURN))
        b = _star((c[0] + size * draw(st.sampled_from([0.5, 2.5])), c[1]), size * 0.5,
                  draw(RADII), draw(TURN))
        return {"type": "MultiPolygon", "coordinates": [[a], [b]]}
    pts = draw(st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=2, max_size=5))
    coords = [[round(c[0] + size * x, 6), round(c[1] + size * y, 6)] for x, y in pts]
    if kind == "line":
        return {"type": "LineString", "coordinates": coords}
    return {"type": "MultiPoint", "coordinates": coords}


def _in_rd(g: dict) -> dict:
    """The geometry in RD New metres (to the millimetre), as a GIS exports it."""
    from pyproj import Transformer

    move = Transformer.from_crs(4326, 28992, always_xy=True).transform

    def walk(c: list) -> list:
        if isinstance(c[0], float | int):
            x, y = move(c[0], c[1])
            return [round(x, 3), round(y, 3), *c[2:]]
        return [walk(x) for x in c]

    return {"type": g["type"], "coordinates": walk(g["coordinates"])}


def _write(folder: Path, geoms: list[dict], names: list[str], rd: bool = False) -> Path:
    features = [{"type": "Feature", "geometry": _in_rd(g) if rd else g, "properties": {
        "id": f"s{i}", "name": n, "theme": "energie", "amount_eur": 1000000 * (i + 1)}}
        for i, (g, n) in enumerate(zip(geoms, names, strict=True))]
    doc: dict = {"type": "FeatureCollection", "features": features}
    if rd:
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    path = folder / "shapes.geojson"
    path.write_text(json.dumps(doc), "utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(geometries(), min_size=1, max_size=3), st.sampled_from(["nl", "en"]),
       st.booleans(), st.booleans())
def test_generated_shapes_agree_or_say_incomplete(geoms: list[dict], lang: str,
                                                  twins: bool, rd: bool) -> None:
    """Also in RD New metres with the crs member QGIS writes (validity in metres, then each
    corner to WGS84)."""
    names = ["Zelfde"] * len(geoms) if twins else [f"Project {i}" for i in range(len(geoms))]
    with tempfile.TemporaryDirectory() as tmp:
        check_sheet(_write(Path(tmp), geoms, names, rd), lang)


CASES = {  # each is checked completely by the page: the common shapes partners send
    "bow-tie": {"type": "Polygon", "coordinates": [[[4.8, 52.3], [4.8137, 52.3171],
                                                    [4.8111, 52.3003], [4.8, 52.31],
                                                    [4.8, 52.3]]]},
    "hole": {"type": "Polygon", "coordinates": [
        [[4.85, 52.33], [4.95, 52.33], [4.95, 52.40], [4.85, 52.40], [4.85, 52.33]],
        [[4.88, 52.35], [4.88, 52.37], [4.90, 52.37], [4.88, 52.35]]]},
    "across the border": {"type": "Polygon", "coordinates": [
        [[4.45, 52.40], [4.70, 52.40], [4.70, 52.50], [4.45, 52.50], [4.45, 52.40]]]},
    "out at sea": {"type": "LineString", "coordinates": [[4.2, 52.46], [4.45, 52.46],
                                                          [4.62, 52.46]]},
    "3-D polygon": {"type": "Polygon", "coordinates": [
        [[5.0, 52.30, 2.0], [5.05, 52.30, 2.0], [5.05, 52.33, 2.0], [5.0, 52.30, 2.0]]]},
    "multipoint": {"type": "MultiPoint", "coordinates": [[4.9, 52.37], [6.0, 52.0], [4.95, 52.36]]},
}


@pytest.mark.parametrize("rd", [False, True])
@pytest.mark.parametrize("case", sorted(CASES))
def test_common_shapes_get_the_full_verdict(case: str, rd: bool) -> None:
    """Not vacuous: each common shape, in lon/lat and in RD New metres, is checked completely
    and equals validate (the generated test allows 'incomplete'); the bow-tie gets GEOS's
    reason."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), [CASES[case]], ["Vorm"], rd)
        got = check_js([path], "nl")[0]
        assert got["complete"], got["reasons"]
        check_sheet(path, "nl")
        codes = [p["code"] for p in got["problems"]]
        if case == "bow-tie" and not rd:
            assert "repaired" in codes
            assert "Self-intersection[4.80471242640223 52.3058819336845]" in \
                got["problems"][codes.index("repaired")]["message"]


def test_near_half_outside_is_decided_or_declined() -> None:
    """A rectangle slid from the sea over the MRA's coast in small steps: its share inside
    passes one half, and the page's outside note appears exactly where validate's does (or,
    within a billionth of the area from one half, the page declines)."""
    from geo.validate.places import mra_union

    union = mra_union()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k in range(21):
            x0 = 4.30 + 0.02 * k
            ring = [[x0, 52.40], [x0 + 0.2, 52.40], [x0 + 0.2, 52.45], [x0, 52.45], [x0, 52.40]]
            folder = Path(tmp) / str(k)
            folder.mkdir()
            paths.append(_write(folder, [{"type": "Polygon", "coordinates": [ring]}], ["Rand"]))
        results = check_js(paths, "nl")
        seen = set()
        for path, got in zip(paths, results, strict=True):
            if not got["complete"]:
                continue
            want = python_report(path, "nl")
            assert [[p[k] for k in KEYS] for p in got["problems"]] == \
                [[p[k] for k in KEYS] for p in want["problems"]]
            seen.add(any(p["code"] == "outside_mra" for p in got["problems"]))
    first = shapely.area(shapely.intersection(shapely.box(4.3, 52.4, 4.5, 52.45), union))
    last = shapely.area(shapely.intersection(shapely.box(4.7, 52.4, 4.9, 52.45), union))
    assert first < 0.5 * 0.01 < last  # (in degrees: only to see the slide crosses one half)
    assert seen == {True, False}


_REGION: list = []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(geometries(), min_size=1, max_size=8))
def test_overlaps_are_shapelys_in_rd_new(geoms: list[dict]) -> None:
    """Per municipality the area (length) of the shape in it, in RD New: shapely's
    intersection of the shapes projected by pyproj, to a billionth of the whole."""
    script = (f"const S = require({json.dumps(str(SHAPES))});"
              "process.stdout.write(JSON.stringify(input.data.g.map((g) => {"
              " const r = S.readShape(g.type, g.coordinates, rules.boxes);"
              " return r.declined ? null :"
              "  S.overlap(r.shape, rules.municipalities, rules.rd); })));")
    got = run_js(script, {"g": geoms})
    if not _REGION:
        _REGION.append(load_region())
    mun = _REGION[0].municipalities.to_crs(28992).geometry.array
    for g, o in zip(geoms, got, strict=True):  # type: ignore[call-overload]
        if o is None:
            continue
        shape = gpd.GeoSeries([shapely.force_2d(shapely.make_valid(shapely.geometry.shape(g)))],
                              crs=4326).to_crs(28992).array[0]
        measure = shapely.length if shape.geom_type.endswith("LineString") else shapely.area
        if shape.geom_type.endswith("Point"):
            continue
        want = measure(shapely.intersection(shape, mun))
        assert o["whole"] == pytest.approx(measure(shape), rel=1e-9)
        assert o["sizes"] == pytest.approx(list(want), rel=0, abs=1e-9 * o["whole"])


def test_a_sliver_valid_only_in_lon_lat_is_left_to_validate() -> None:
    """A corner on a long diagonal: valid in lon/lat, invalid once projected to RD New, where
    validate's overlay stops with an unexpected error; the page declines it, never 'ok'."""
    sliver = {"type": "Polygon", "coordinates": [[[5.001, 52.501], [5.0, 52.5], [5.0, 52.5005],
                                                  [5.0005, 52.5005], [5.001, 52.501]]]}
    assert shapely.geometry.shape(sliver).is_valid
    with tempfile.TemporaryDirectory() as tmp:
        got = check_js([_write(Path(tmp), [sliver], ["Reep"])], "nl")[0]
    assert got["complete"] is False and got["ok"] is None
    assert got["problems"][-1]["code"] == "check_incomplete"


BOWTIE = st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=4, max_size=4)


@settings(max_examples=60, deadline=None)
@given(BOWTIE, st.sampled_from([1e-3, 1e-4]))
@example([(0, 0), (2, 2), (2, 0), (0, 2)], 1e-3)  # with_notes' bow-tie: two equal loops
@example([(4, 8), (6, 4), (2, 6), (8, 3)], 1e-3)  # crossing an ulp from a corner: a line
def test_a_repaired_bow_ties_point_is_the_registers(corners: list, step: float) -> None:
    """The point the register lists for a bow-tie (representative_point of make_valid's
    result): the page orders the two loops as make_valid does (by their envelope's centre),
    so on loops of equal width it takes the same one; where make_valid's crossing is not the
    page's (not a double: an ulp away) a near tie is declined and the point may differ by an
    ulp, below the register's 7 decimals. Corners on a grid, so ties happen."""
    ring = [[4.8 + x * step, 52.3 + y * step] for x, y in corners]
    geom = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    shape = shapely.geometry.shape(geom)
    script = (f"const S = require({json.dumps(str(SHAPES))});"
              "const r = S.readShape('Polygon', input.data.coordinates, rules.boxes);"
              "process.stdout.write(JSON.stringify(r.declined ? null :"
              " {at: r.shape.at, repaired: r.shape.repaired}));")
    got = run_js(script, geom)
    if got is None or not got["repaired"]:  # type: ignore[index]
        return
    want = shapely.make_valid(shape).representative_point()
    # as the register lists it (7 decimals, numpy's round): where the crossing is not a
    # double, make_valid's corner is an ulp from the page's, and so may the point be
    assert [round(v * 1e7) for v in got["at"]] == [round(want.x * 1e7), round(want.y * 1e7)], \
        (corners, shapely.make_valid(shape).wkt)  # type: ignore[index]
