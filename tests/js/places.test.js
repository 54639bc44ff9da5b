// Unit tests of mapbuilder/static/lib/places.js (run: node --test tests/js/)
// Held to geo/validate/places.py with the generated names in tests/test_check_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../mapbuilder/static/lib/places.js");

const AREAS = {  // a small stand-in for the generated rules.areas
  by_key: {"zaanstad": "GM0479", "gm0479": "GM0479", "479": "GM0479", "amsterdam": "GM0363"},
  names: {"GM0479": "Zaanstad", "GM0363": "Amsterdam"},
  subs: {"zaanstreek waterland": "Zaanstreek-Waterland", "amsterdam": "Amsterdam"},
  former: {"weesp": ["GM0363", "Amsterdam", 2022]},
  wide: ["mra", "mra breed", "mrabreed", "regio"]
};

test("names are normalised as Python's _norm does", () => {
  assert.equal(P.norm("  Gemeente Zaanstad "), "zaanstad");
  assert.equal(P.norm("Gemeente"), "gemeente");  // one word: no prefix taken off
  assert.equal(P.norm("Zaanstreek-Waterland"), "zaanstreek waterland");
  assert.equal(P.norm("Café"), "cafe");
});

test("a municipality, a subregion, a former municipality, the whole MRA", () => {
  assert.deepEqual(P.areaOf("GM0479", AREAS), {place: "municipality", area: "GM0479"});
  assert.deepEqual(P.areaOf("Amsterdam", AREAS, true), {place: "subregion", area: "Amsterdam"});
  assert.equal(P.areaOf("MRA-breed", AREAS).place, "mra");
  assert.equal(P.resolve("Weesp", null, AREAS).former[1], "Amsterdam");
  // a former name in the scope column places it too, but the note is the municipality column's
  assert.deepEqual(P.resolve(null, "Weesp", AREAS), {place: "municipality", area: "GM0363", former: null});
  assert.equal(P.resolve("Haarlem", null, AREAS), null);
  assert.equal(P.resolve("Zaanstad", "MRA", AREAS).place, "mra");  // MRA-wide wins
});

test("decodeRings: zigzag varint steps in base64, over 2^31 too, and lists as they are", () => {
  // a ring (1.5, -2), (0, 0), (-0.001, 8589934.592), closed, in millimetres (scale 1000):
  // steps 1500, -2000, -1500, 2000, -1, 2^33, ... written as zigzag LEB128 varints
  const enc = {rings: [[4]], scale: 1000, steps: "uBefH7cXoB8BgICAgEC6F5+fgIBA"};
  const got = P.decodeRings(enc);
  assert.deepEqual(got, [[[[1.5, -2], [0, 0], [-0.001, 8589934.592], [1.5, -2]]]]);
  assert.equal(P.decodeRings(enc), got);  // decoded once
  const lists = [[[[0.30000000000000004, 0], [1, 0], [1, 1], [0.30000000000000004, 0]]]];
  assert.equal(P.decodeRings(lists), lists);
});
