// Unit tests of mapbuilder/static/lib/encode.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../mapbuilder/static/lib/encode.js");

test("index percentages are whole and need a value and a reference", () => {
  assert.equal(E.indexPct(12, 10), 120);
  assert.equal(E.indexPct(7.96, 10), 80);   // rounded as written: "80%"
  assert.equal(E.indexPct(0, 10), null);    // no projects
  assert.equal(E.indexPct(null, 10), null);
  assert.equal(E.indexPct(5, 0), null);     // no reference
});

test("every index percentage is in exactly one of five fixed classes", () => {
  const edges = [-Infinity, ...E.INDEX_BREAKS, Infinity];
  for (let pct = 0; pct <= 400; pct++) {
    const c = E.indexClass(pct);
    assert.ok(c >= 0 && c <= 4);
    assert.ok(pct >= edges[c] && pct < edges[c + 1], `${pct}% in class ${c}`);
  }
  assert.equal(E.indexClass(49), 0);
  assert.equal(E.indexClass(50), 1);
  assert.equal(E.indexClass(125), 3);
  assert.equal(E.indexClass(200), 4);
  assert.equal(E.indexClass(null), -1);
});

test("the class meaning does not depend on the selection", () => {
  // two selections with different MRA rates: an area at twice the MRA rate is in the same class
  assert.equal(E.indexClass(E.indexPct(24, 12)), E.indexClass(E.indexPct(2000, 1000)));
  assert.notEqual(E.indexClass(E.indexPct(24, 12)), E.indexClass(E.indexPct(12, 12)));
});

test("labels: open end classes, one per class", () => {
  assert.deepEqual(E.indexLabels(), ["< 50%", "50\u201380%", "80\u2013125%", "125\u2013200%",
                                     "\u2265 200%"]);
  const lab = E.rangeLabels([8, 15], (v) => "\u20ac " + v);
  assert.deepEqual(lab, ["< \u20ac 8", "\u20ac 8 \u2013 \u20ac 15", "\u2265 \u20ac 15"]);
  assert.deepEqual(E.rangeLabels([], String), []);
});

test("circle area is proportional to the value on one fixed scale", () => {
  const vmax = 200e6, rmax = 38;
  assert.equal(E.circleRadius(vmax, vmax, rmax), rmax);
  const a = E.circleRadius(50e6, vmax, rmax), b = E.circleRadius(12.5e6, vmax, rmax);
  assert.ok(Math.abs((a * a) / (b * b) - 4) < 1e-9);  // 4x the money: 4x the area
  assert.ok(E.circleRadius(5e6, vmax, rmax) < a);     // less money: a smaller circle
  assert.equal(E.circleRadius(0, vmax, rmax), 0);
  assert.equal(E.circleRadius(1, vmax, rmax), 2);     // anything is visible
});

test("dots grow with the amount up to the cap", () => {
  assert.equal(E.dotRadius(-1, 1e6, 3, 9), 3);       // unknown amount: smallest
  assert.equal(E.dotRadius(48e6, 1e6, 3, 9), 9);     // beyond the cap: largest
  assert.equal(E.dotRadius(1e6, 1e6, 3, 9), 9);
  // the area above the smallest dot grows in proportion to the amount
  const area = (e) => E.dotRadius(e, 1e6, 3, 9) ** 2 - 9;
  assert.ok(Math.abs(area(0.25e6) / area(1e6) - 0.25) < 1e-9);
  assert.ok(Math.abs(area(0.5e6) / area(0.25e6) - 2) < 1e-9);
  assert.ok(E.dotRadius(50e3, 1e6, 3, 9) < E.dotRadius(48e6, 1e6, 3, 9));
});

test("round numbers for caps and references", () => {
  assert.equal(E.roundUp(3.2e6), 5e6);
  assert.equal(E.roundUp(1e6), 1e6);
  assert.equal(E.roundUp(1.01e6), 2e6);
  assert.equal(E.dotCap([1, 2, 3, -1, 0]), 5);
  assert.equal(E.dotCap([]), 0);
  assert.deepEqual(E.refValues(230e6), [200e6, 50e6, 10e6]);
  assert.deepEqual(E.refValues(7, true), [5]);
  assert.deepEqual(E.refValues(0), []);
});
