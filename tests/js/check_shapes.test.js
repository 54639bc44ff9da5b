// Unit tests of mapbuilder/static/lib/check_shapes.js (run: node --test tests/js/)
// Held to shapely/GEOS with the real rules in tests/test_check_shapes_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../mapbuilder/static/lib/check_shapes.js");

const BOXES = {lonlat: [-180, 180, -90, 90], rd: [0, 300000, 300000, 625000], swapped: [50, 54, 2.5, 8]};
const square = (x, y, s) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

test("segments: a proper crossing, a shared corner, a corner on an edge, an overlap, apart", () => {
  const c = S.meet([0, 0], [2, 2], [0, 2], [2, 0]);
  assert.deepEqual([c.n, c.proper, c.pt], [1, true, [1, 1]]);
  assert.deepEqual(S.meet([0, 0], [1, 1], [1, 1], [2, 0]), {n: 1, proper: false, pt: [1, 1]});
  assert.deepEqual(S.meet([0, 0], [2, 0], [1, 0], [1, 5]), {n: 1, proper: false, pt: [1, 0]});
  assert.equal(S.meet([0, 0], [2, 0], [1, 0], [3, 0]).n, 2);
  assert.equal(S.meet([0, 0], [1, 0], [0, 1], [1, 1]).n, 0);
});

test("GEOS's reason text: 15 significant digits, no trailing zeros", () => {
  assert.equal(S.g15(4.805), "4.805");
  assert.equal(S.g15(52), "52");
  assert.equal(S.g15(4.804712426402232), "4.80471242640223");
  assert.equal(S.g15(-0.5), "-0.5");
});

test("validity: valid shapes, a bow-tie repaired into its two loops, the rest declined", () => {
  assert.deepEqual(S.validity([[square(0, 0, 2)]]), {valid: true});
  assert.deepEqual(S.validity([[square(0, 0, 4), square(1, 1, 1).reverse()]]), {valid: true});
  const bow = S.validity([[[[4.8, 52.3], [4.8137, 52.3171], [4.8111, 52.3003], [4.8, 52.31], [4.8, 52.3]]]]);
  assert.equal(bow.reason, "Self-intersection[4.80471242640223 52.3058819336845]");  // shapely's own text
  assert.equal(bow.polygons.length, 2);
  // a loop inside the other: one polygon with a hole
  const curl = S.validity([[[[0, 0], [10, 0], [10, 10], [2, 10], [2, 2], [6, 2], [6, 6], [1, 6], [0, 0]]]]);
  assert.equal(curl.reason, "Self-intersection[2 6]");  // shapely: a polygon with a hole, 73 m²
  assert.deepEqual(curl.polygons, [[[[2, 6], [1, 6], [0, 0], [10, 0], [10, 10], [2, 10], [2, 6]],
    [[2, 6], [2, 2], [6, 2], [6, 6], [2, 6]]]]);
  for (const bad of [
    [[[[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]]],  // touches itself at a corner
    [[[[0, 0], [1, 1], [0, 0], [0, 0]]]],  // too few points
    [[square(0, 0, 2), square(3, 3, 1)]],  // a hole outside its shell
    [[square(0, 0, 4)], [square(1, 1, 1)]],  // a shell inside another
    [[[[0, 0], [4, 0], [0, 2], [4, 2], [0, 4], [4, 4], [0, 0]]]],  // crosses itself more than once
  ]) { assert.deepEqual(S.validity(bad), {declined: true}, JSON.stringify(bad)); }
});

test("representative points: InteriorPointArea, InteriorPointLine, InteriorPointPoint", () => {
  assert.deepEqual(S.interiorPointArea([[square(0, 0, 2)]]), [1, 1]);
  // with a hole in the middle: the widest piece of the scan line
  assert.deepEqual(S.interiorPointArea([[square(0, 0, 10), [[1, 4], [3, 4], [3, 6], [1, 6], [1, 4]]]]), [6.5, 5]);
  assert.deepEqual(S.interiorPointLine([[[0, 0], [1, 0], [5, 0]]]), [1, 0]);
  assert.deepEqual(S.interiorPointLine([[[0, 0], [4, 0]]]), [0, 0]);  // no inner corner: the first end
  assert.deepEqual(S.interiorPointPoint([[0, 0], [3, 0], [10, 0]]), [3, 0]);
  // an exact tie goes to the first, as GEOS's strict "<" (shapely: POINT (4.9 52.37)); with
  // slack (corners moved by lib/rd.js, not bit for bit pyproj's) it is not called
  assert.deepEqual(S.interiorPointPoint([[4.9, 52.37], [6, 52]], 0), [4.9, 52.37]);
  assert.equal(S.interiorPointPoint([[4.9, 52.37], [6, 52]], 1e-12), null);
});

test("readShape: the height dropped with a note, repairs noted, other coordinates declined", () => {
  const z = S.readShape("Polygon", [square(4.9, 52.3, 0.01).map((c) => [c[0], c[1], 2])], BOXES);
  assert.deepEqual(z.notes, [{code: "z_dropped"}]);
  assert.equal(z.shape.kind, "polygon");
  const line = S.readShape("LineString", [[4.8, 52.3], [4.9, 52.4]], BOXES);
  assert.deepEqual([line.shape.kind, line.shape.at, line.notes], ["line", [4.8, 52.3], []]);
  assert.deepEqual(S.readShape("LineString", [[4.8, 52.3], [4.8, 52.3]], BOXES), {declined: true});
  assert.deepEqual(S.readShape("Polygon", [square(120000, 480000, 10)], BOXES), {declined: true});  // RD New
  assert.deepEqual(S.readShape("Polygon", [square(52.3, 4.9, 0.01)], BOXES), {declined: true});  // swapped
});
