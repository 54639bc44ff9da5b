// Unit tests of mapbuilder/static/lib/classes.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../mapbuilder/static/lib/classes.js");

test("nice picks the roundest number in (lo, hi]", () => {
  assert.equal(C.nice(12.3, 17.9), 15);
  assert.equal(C.nice(101, 480), 200);
  assert.equal(C.nice(0.12, 0.19), 0.15);
  assert.equal(C.nice(5, 5), 5);  // empty interval: hi
});

test("classes are half-open and every value falls in exactly one", () => {
  const values = [1, 2, 3, 10, 11, 12, 50, 52, 200, 210];
  const breaks = C.classes(values, 4);
  assert.equal(breaks.length, 3);
  for (let i = 1; i < breaks.length; i++) { assert.ok(breaks[i] > breaks[i - 1]); }
  for (const v of values) {
    const c = C.classOf(v, breaks);
    assert.ok(c >= 0 && c <= breaks.length);
    if (c > 0) { assert.ok(v >= breaks[c - 1]); }
    if (c < breaks.length) { assert.ok(v < breaks[c]); }
  }
});

test("zero and no data have no class", () => {
  assert.equal(C.classOf(0, [1, 2]), -1);
  assert.equal(C.classOf(null, [1, 2]), -1);
  assert.equal(C.classOf(NaN, [1, 2]), -1);
  assert.deepEqual(C.classes([0, null, -3], 5), []);
});

test("jenks separates obvious groups", () => {
  const j = C.jenks([1, 1.1, 1.2, 9, 9.1, 9.3, 30, 31], 3);
  assert.deepEqual(j.starts.map((s) => j.x[s]), [9, 30]);
});

test("shown rounds as the page writes", () => {
  assert.equal(C.shown(12.4), 12);
  assert.equal(C.shown(1234567), 1200000);
  assert.equal(C.shown(null), null);
});

test("nice never returns lo itself, however narrow the gap", () => {
  // 2e-6 is not exact in binary: the multiple above lo rounded back onto lo
  assert.ok(C.nice(65536, 65536.0078125) > 65536);  // it gave 65536
  for (const [lo, hi] of [[1e9, 1e9 + 0.5], [0.3, 0.30000001], [65536, 65536.0000001]]) {
    const r = C.nice(lo, hi);
    assert.ok(r > lo && r <= hi, `${lo} ${hi} -> ${r}`);
  }
});
