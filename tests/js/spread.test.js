// Unit tests of mapbuilder/static/lib/spread.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../mapbuilder/static/lib/spread.js");

test("the first mark stays on the spot; a second is one step away", () => {
  assert.deepEqual(S.offset(0, 10), [0, 0]);
  const [dx, dy] = S.offset(1, 10);
  assert.ok(Math.abs(Math.hypot(dx, dy) - 10) < 1e-9);
});

test("no two of many marks are closer than about a step: none hides another", () => {
  for (const n of [2, 3, 7, 40, 200]) {
    const pts = Array.from({length: n}, (_, k) => S.offset(k, 10));
    let closest = Infinity;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        closest = Math.min(closest, Math.hypot(pts[a][0] - pts[b][0], pts[a][1] - pts[b][1]));
      }
    }
    assert.ok(closest >= 8.5, `${n} marks: closest pair ${closest} px apart`);
  }
});

test("a step leaves a gap between two marks of the given radius", () => {
  assert.ok(S.step(11) > 22);
  assert.ok(S.step(3) > 6 && S.step(3) < S.step(11));
});
