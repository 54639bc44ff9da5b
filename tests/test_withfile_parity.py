"""The page's placing of a partner's point, line or polygon (static/lib/withfile.js)
against geo's.

With the switch "met uw bestand" on, the page counts a dropped file's point in the
municipality whose shape holds it, as ``transitiekaart add`` + ``build`` do
(:func:`geo.combine.assign_areas`: on a shared border the lowest CBS code). Hypothesis
generates points over the MRA, many of them near or on the municipalities' borders (on a
vertex, on an edge, a hair beside it); node places them with the shapes the page carries
(check_rules' ``municipalities``), geo with the region's, and both must agree. A line or
polygon counts in the municipality it overlaps most (assign_areas' largest overlap, in RD
New), as lib/check_shapes.js finds it; the shapes are tests/test_check_shapes_parity.py's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo import assign_areas, prepare_projects
from geo.validate import validate_file
from layers.region import load_region
from mapbuilder.mappage.check_rules import check_rules
from tests.test_check_parity import check_js, run_js
from tests.test_check_shapes_parity import CASES, SHAPES, _write, geometries

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "withfile.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _js_codes(points: list[tuple[float, float]]) -> list[str | None]:
    script = (
        f"const W = require({json.dumps(str(LIB))});"
        "const arg = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(arg.points.map("
        "  (p) => W.municipalityAt(arg.mun, p[0], p[1]))));"
    )
    mun = check_rules()["municipalities"]
    arg = {"mun": {"codes": mun["codes"], "lonlat": mun["lonlat"]}, "points": points}
    out = subprocess.run([NODE, "-e", script], input=json.dumps(arg), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def _geo_codes(points: list[tuple[float, float]]) -> list[str | None]:
    n = len(points)
    frame = gpd.GeoDataFrame(
        {"id": [f"p{i}" for i in range(n)], "name": [f"p{i}" for i in range(n)],
         "theme": ["hydrogen"] * n, "amount_eur": [1.0] * n},
        geometry=gpd.points_from_xy([p[0] for p in points], [p[1] for p in points]), crs=4326)
    out = assign_areas(prepare_projects(frame), _region())
    return [c if isinstance(c, str) else None for c in out["municipality_code"]]


_REGION = []


def _region():  # type: ignore[no-untyped-def]
    if not _REGION:
        _REGION.append(load_region())
    return _REGION[0]


def _page_lonlat() -> list:
    """The municipalities' lon/lat rings as the page decodes them (lib/places.js; without
    node, whose tests are skipped: geo's, which tests/test_check_rings.py holds equal)."""
    if NODE is None:
        from geo.validate.places import _municipality_shapes

        return [[[list(xy) for xy in ring.coords] for poly in getattr(g, "geoms", [g])
                 for ring in (poly.exterior, *poly.interiors)]
                for g in _municipality_shapes()[1]]
    script = (f"const P = require({json.dumps(str(LIB.parent / 'places.js'))});"
              "const e = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(P.decodeRings(e)));")
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True,
                         input=json.dumps(check_rules()["municipalities"]["lonlat"]))
    return json.loads(out.stdout)


LONLAT = _page_lonlat()


def _vertices() -> list[tuple[float, float]]:
    """The corners of the page's municipality shapes (where borders meet)."""
    return [tuple(xy) for shape in LONLAT for ring in shape for xy in ring]


VERTS = _vertices()
OVER_MRA = st.tuples(st.floats(4.4, 5.6), st.floats(52.1, 52.7))
NEAR_BORDER = st.builds(
    lambda k, t, dx, dy: (VERTS[k][0] + t * (VERTS[(k + 1) % len(VERTS)][0] - VERTS[k][0]) + dx,
                          VERTS[k][1] + t * (VERTS[(k + 1) % len(VERTS)][1] - VERTS[k][1]) + dy),
    st.integers(0, len(VERTS) - 1), st.sampled_from([0.0, 0.5, 1e-9]),
    st.sampled_from([0.0, 1e-7, -1e-7, 2e-4]), st.sampled_from([0.0, 1e-7, -1e-7, -2e-4]))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.one_of(OVER_MRA, NEAR_BORDER, st.sampled_from(VERTS)), min_size=1,
                max_size=60))
def test_page_places_points_as_geo(points: list[tuple[float, float]]) -> None:
    assert _js_codes(points) == _geo_codes(points)


def test_some_points_lie_in_no_municipality_and_some_in_each() -> None:
    """The comparison above is not vacuous: a point far away is in none, the vertices of
    the shapes reach many municipalities."""
    points = [(3.0, 51.0), *VERTS[::3]]
    got = _js_codes(points)
    assert got[0] is None
    assert len({c for c in got[1:] if c}) >= 25
    assert got == _geo_codes(points)


def test_points_a_hair_beside_every_edge_are_placed_as_geos_places_them() -> None:
    """On every edge of every shape, its middle and the doubles next to it (one ulp left,
    right, up, down) and each corner's neighbours: the page's inRings (exact orientation)
    says for every municipality what shapely's intersects says (found by hypothesis: a point
    one ulp beside the Almere-Lelystad border was counted in Lelystad by the page)."""
    import itertools
    import math

    import numpy as np
    import shapely

    mun = check_rules()["municipalities"]
    points = []
    for shape in LONLAT:
        for ring in shape:
            for (ax, ay), (bx, by) in itertools.pairwise(ring):
                mx, my = (ax + bx) / 2, (ay + by) / 2
                for x, y in ((mx, my), (ax, ay)):
                    points += [(x, y), (math.nextafter(x, 0), y), (math.nextafter(x, 9), y),
                               (x, math.nextafter(y, 0)), (x, math.nextafter(y, 99))]
    script = (
        f"const P = require({json.dumps(str(LIB.parent / 'places.js'))});"
        "const arg = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(arg.points.map("
        "  (p) => arg.lonlat.map((r) => P.inRings(r, p[0], p[1])))));"
    )
    out = subprocess.run([NODE, "-e", script],  # type: ignore[list-item]
                         input=json.dumps({"lonlat": LONLAT, "points": points}),
                         capture_output=True, text=True, check=True)
    got = np.array(json.loads(out.stdout))
    region = _region().municipalities.set_index("code").loc[mun["codes"]].geometry.array
    xy = np.array(points)
    want = np.stack([shapely.intersects_xy(g, xy[:, 0], xy[:, 1]) for g in region], axis=1)
    assert want.any(axis=1).sum() > len(points) // 2  # many of them are in a municipality
    assert want.sum(axis=1).max() >= 2  # and some on a border, in two
    bad = np.argwhere(got != want)
    assert not len(bad), [(points[i], mun["codes"][k], bool(want[i, k])) for i, k in bad[:5]]


def _assigned_shapes(geoms: list[dict]) -> gpd.GeoDataFrame:
    """GeoJSON geometries as validate keeps them (repaired, 2-D), placed by assign_areas."""
    from geo.validate.checks import _fix_invalid

    shapes = [shapely.force_2d(shapely.geometry.shape(g)) for g in geoms]
    shapes = [s if s.is_valid else _fix_invalid(s) for s in shapes]
    n = len(shapes)
    names = [f"p{i}" for i in range(n)]
    frame = gpd.GeoDataFrame({"id": names, "name": names, "theme": ["hydrogen"] * n,
                              "amount_eur": [1.0] * n}, geometry=shapes, crs=4326)
    return assign_areas(prepare_projects(frame), _region())


def _geo_shape_codes(geoms: list[dict]) -> list[str | None]:
    out = _assigned_shapes(geoms)
    return [c if isinstance(c, str) else None for c in out["municipality_code"]]


def _js_shape_codes(geoms: list[dict]) -> list[object]:
    """Per geometry the code of the municipality the page counts it in ("?" when it
    declines), with lib/check_shapes.js readShape and overlap."""
    script = (f"const S = require({json.dumps(str(SHAPES))});"
              "const out = input.data.g.map((g) => {"
              " const r = S.readShape(g.type, g.coordinates, rules.boxes);"
              " if (r.declined) { return '?'; }"
              " const o = S.overlap(r.shape, rules.municipalities, rules.rd);"
              " return o === null ? '?' :"
              "  o.best >= 0 ? rules.municipalities.codes[o.best] : null; });"
              "process.stdout.write(JSON.stringify(out));")
    return run_js(script, {"g": geoms})  # type: ignore[return-value]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(geometries(), min_size=1, max_size=6))
def test_the_switch_counts_a_shape_where_geo_does(geoms: list[dict]) -> None:
    got = _js_shape_codes(geoms)
    try:
        want = _geo_shape_codes(geoms)
    except shapely.errors.GEOSException:  # geo's overlay fails on a sliver valid only in lon/lat
        assume(False)
    for g, w in zip(got, want, strict=True):
        if g != "?":
            assert g == w


def test_the_switch_counts_the_common_shapes() -> None:
    """The shapes above are counted, none declined, in geo's municipality (the bow-tie
    repaired first), and the column of lib/withfile.js takes that municipality."""
    geoms = [CASES[k] for k in sorted(CASES)]
    got = _js_shape_codes(geoms)
    assert "?" not in got
    assert got == _geo_shape_codes(geoms)
    assert sum(c is not None for c in got) >= 3 and None in got
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), geoms, [f"V{i}" for i in range(len(geoms))])
        checked = check_js([path], "nl")[0]
        assert checked["complete"], checked["reasons"]
        projects = validate_file(path).projects
    mun = check_rules()["municipalities"]
    page = {p["id"]: p.get("municipality") for p in checked["projects"]}
    assert [page[f"s{i}"] for i in range(len(geoms))] == got
    assert len(projects) == len(geoms)
    names = dict(zip(mun["codes"], mun["names"], strict=True))
    script = ("const W = require(" + json.dumps(str(SHAPES.parent / "withfile.js")) + ");"
              "const f = W.columns(input.data.p, rules, input.data.d);"
              "process.stdout.write(JSON.stringify(Array.from(f.mun)));")
    d = {"codes": [], "sts": [], "areas": {
        "mun": {"name": mun["names"], "sub": [0] * len(mun["names"])}, "sub": {"name": ["x"]}}}
    cols = run_js(script, {"p": checked["projects"], "d": d})
    want = [mun["names"].index(names[c]) if c else -1 for c in
            (page[p["id"]] for p in checked["projects"])]
    assert cols == want


def _geo_points(geoms: list[dict]) -> list[tuple[float, float]]:
    return [(pt.x, pt.y) for pt in _assigned_shapes(geoms)["point"]]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(geometries(), min_size=1, max_size=12))
def test_the_map_draws_a_shape_where_geo_draws_it(geoms: list[dict]) -> None:
    """A line or polygon counted in a municipality is drawn where geo draws it: the
    representative point (RD New) of its part in that municipality (largest_overlap), to
    1e-7 degrees (about 1 cm); lib/check_shapes.js overlapPoint."""
    doc = json.loads((Path(__file__).parent / "data" / "partner" /
                      "polygons_border.geojson").read_text("utf-8"))
    geoms = [f["geometry"] for f in doc["features"]] + [CASES[k] for k in sorted(CASES)] + geoms
    script = (f"const S = require({json.dumps(str(SHAPES))});"
              "process.stdout.write(JSON.stringify(input.data.g.map((g) => {"
              " const r = S.readShape(g.type, g.coordinates, rules.boxes);"
              " if (r.declined || r.shape.kind === 'point') { return null; }"
              " const o = S.overlap(r.shape, rules.municipalities, rules.rd);"
              " return o === null || o.best < 0 ? null :"
              "  S.overlapPoint(r.shape, o.best, rules.municipalities, rules.rd); })));")
    got = run_js(script, {"g": geoms})
    try:
        want = _geo_points(geoms)
    except shapely.errors.GEOSException:  # geo's overlay fails on a sliver valid only in lon/lat
        assume(False)
    drawn = [(g, w) for g, w in zip(got, want, strict=True) if g is not None]  # type: ignore[call-overload]
    assert len(drawn) >= 3  # the corpus polygon and the common shapes at least
    for g, w in drawn:
        assert g == pytest.approx(list(w), abs=1e-7)
