// Unit tests of mapbuilder/static/lib/check_geometry.js (run: node --test tests/js/)
// Held to reading.py's geometry check by tests/test_check_read.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const R = require("../../mapbuilder/static/lib/check_read.js");
const G = require("../../mapbuilder/static/lib/check_geometry.js");

const CLI = {"reading.fix_geometry": "FIX", "reading.position_not_pair": "pair {value}",
  "reading.ring": "ring {ring}", "reading.ring_not_closed": "{part}: {first} .. {last}",
  "reading.coordinates_text": "text {value}", "reading.empty_geometry": "empty",
  "reading.empty_geometry_fix": "EFIX", "reading.ring_too_short": "{part} {count}"};
const rules = {reading: {cli: {nl: CLI}}};
const read = (text) => { const r = R.parseJson(text, 100); return G.readGeometry(r.value, r.meta, rules, "nl"); };

test("a point is read; no geometry may be placed by a place column", () => {
  assert.deepEqual(read('{"type": "Point", "coordinates": [4.9, 52.3]}'), {kind: "Point", coordinates: [4.9, 52.3]});
  assert.deepEqual(read("null"), {none: true});
});

test("broken geometries get reading.py's message, as Python shows the values", () => {
  assert.equal(read('{"type": "Point", "coordinates": [4.0]}').problem.message, "pair [4.0]");
  assert.equal(read('{"type": "Point", "coordinates": ["4.89", 52]}').problem.message, "text '4.89'");
  assert.deepEqual(read('{"type": "Point", "coordinates": []}').problem,
    {message: "empty", hint: "EFIX", code: null, value: []});
  assert.equal(read('{"type": "Polygon", "coordinates": [[[1, 2], [3, 4.5], [5, 6], [1, 2.5]]]}').problem.message,
    "ring 1: [1, 2] .. [1, 2.5]");
  assert.equal(read('{"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [1, 2]]]}').problem.message, "ring 1 3");
});
