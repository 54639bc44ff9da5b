// Unit tests of mapbuilder/static/lib/amounts.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../mapbuilder/static/lib/amounts.js");

test("what people type is read as the CLI reads it", () => {
  assert.equal(A.read("1.000.000").amount, 1e6);
  assert.equal(A.read("2,5 mln").amount, 2.5e6);
  assert.equal(A.read("€ 750.000").amount, 750000);
  assert.equal(A.read("300k").amount, 300000);
  assert.equal(A.read("€ 2.500.000,-").amount, 2.5e6);
  assert.equal(A.read("1,2 mld").amount, 1.2e9);
  assert.equal(A.read("€1,250,000.50").amount, 1250000.5);
  assert.equal(A.read("1,5").amount, 1.5);
});

test("empty is no amount; the rest is refused with a reason", () => {
  assert.deepEqual(A.read(""), {amount: null});
  assert.deepEqual(A.read("   "), {amount: null});
  const amb = A.read("1.250");
  assert.equal(amb.error, "ambiguous");
  assert.equal(amb.grouped, 1250);
  assert.equal(amb.decimal, 1.25);
  assert.equal(A.read("abc").error, "unreadable");
  assert.equal(A.read("€").error, "no_digits");
  assert.equal(A.read("-5").error, "negative");
  assert.equal(A.read("2e12").error, "too_large");
  assert.equal(A.read("nan").error, "not_finite");
});

test("the no-amount words are given (generated from Python), not typed in the module", () => {
  assert.equal(A.read("n.t.b.").unknown, undefined);  // no words configured: not a word
  const got = A.read(" n.t.b. ", {unknown: ["ntb"]});
  assert.deepEqual(got, {amount: null, unknown: true, shown: "n.t.b."});
});

test("a column's notation settles three digits after a separator", () => {
  assert.equal(A.read("750.000").error, "ambiguous");
  assert.deepEqual(A.read("750.000", {notation: "nl", evidence: "column"}), {amount: 750000});
  const noted = A.read("2.500", {unit: 1000, notation: "nl", evidence: "header"});
  assert.equal(noted.amount, 2.5e6);
  assert.deepEqual(noted.grouped, {body: "2.500", sep: "."});
  assert.equal(A.read("2,500", {unit: 1000, notation: "nl", evidence: "header"}).amount, 2500);
  assert.equal(A.read("١٠٠").error, "digits");  // other scripts' digits: left to the CLI
});
