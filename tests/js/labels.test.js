"use strict";
// lib/labels.js: whether a name's box reads as its own symbol's name
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../../mapbuilder/static/lib/labels.js");

test("gap is the empty space between a box and a circle's edge", () => {
  assert.equal(L.gap([20, -5, 40, 5], {x: 0, y: 0, r: 10}), 10);
  assert.equal(L.gap([3, 4, 10, 10], {x: 0, y: 0, r: 0}), 5);
  assert.equal(L.gap([-1, -1, 1, 1], {x: 0, y: 0, r: 10}), 0);
});

test("covers: a box over part of a circle; a point without a circle is never covered", () => {
  assert.equal(L.covers([5, -5, 40, 5], {x: 0, y: 0, r: 10}), true);
  assert.equal(L.covers([10, -5, 40, 5], {x: 0, y: 0, r: 10}), false);
  assert.equal(L.covers([-5, -5, 5, 5], {x: 0, y: 0, r: 0}), false);
});

test("belongs: a name under its circle, clear of the others", () => {
  const own = {x: 0, y: 0, r: 10}, far = {x: 200, y: 0, r: 10};
  const box = [-20, 13, 20, 25];  // 3 px under its own circle
  assert.equal(L.belongs(box, own, [own, far], 4), true);
});

test("belongs: not when the name is as near to another symbol (the trial's Amstelland)", () => {
  const own = {x: 0, y: 60, r: 14}, other = {x: 0, y: 0, r: 12};
  const box = [-40, 17, 40, 43];  // above its own circle (gap 3), 5 px under the other
  assert.equal(L.belongs(box, own, [own, other], 0), true);
  assert.equal(L.belongs(box, own, [own, other], 4), false);
  const closer = [-40, 13, 40, 43];  // 1 px under the other: nearer to it than to its own
  assert.equal(L.belongs(closer, own, [own, other], 0), false);
});

test("belongs: never over another circle, however near its own", () => {
  const own = {x: 0, y: 0, r: 0}, big = {x: 30, y: 0, r: 25};
  assert.equal(L.belongs([-10, -5, 10, 5], own, [own, big], 0), false);
  assert.equal(L.belongs([-10, -5, 10, 5], own, [own, {x: 80, y: 0, r: 25}], 4), true);
});
