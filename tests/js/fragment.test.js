// Unit tests of mapbuilder/static/lib/fragment.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../mapbuilder/static/lib/fragment.js");

const EMPTY = {theme: null, year: null, status: null, min: null, max: null, q: "",
               metric: "per_inhabitant", view: null};
function ctx(warned) {
  return {codes: ["ai", "health", "hydrogen"], sts: ["plan", "running"],
          metrics: ["total", "per_inhabitant", "per_km2", "count"], empty: EMPTY,
          warn: (k, v) => warned.push([k, v])};
}

// parse returns an object without a prototype ("__proto__" is an ordinary key): compare as plain
const parse = (...a) => Object.assign({}, F.parse(...a));

test("parse decodes keys and values, '+' as a space, and ignores what does not decode", () => {
  const warned = [];
  assert.deepEqual(parse("#theme=ai,health&q=wind+park&year=2024-2026"),
                   {theme: "ai,health", q: "wind park", year: "2024-2026"});
  assert.deepEqual(parse("q=%E2%82%AC%202%2C5%20mln"), {q: "€ 2,5 mln"});
  assert.deepEqual(parse("q=%E2%82&min=5", (k, v) => warned.push([k, v])), {min: "5"});
  assert.deepEqual(warned, [["q", "%E2%82"]]);
  assert.deepEqual(parse(""), {});
  assert.deepEqual(parse(null), {});
  assert.deepEqual(parse("#&&flag"), {flag: ""});
});

test("parse: a malformed key and __proto__ are warned about, never break the state", () => {
  const warned = [];
  const got = F.parse("%=1&%E0%A4%A=2&__proto__=x&q=ok", (k, v) => warned.push([k, v]));
  assert.equal(Object.getPrototypeOf(got), null);
  assert.equal(got.q, "ok");
  assert.equal(got["__proto__"], "x");  // an own key, not the prototype
  assert.deepEqual(warned, [["%", "1"], ["%E0%A4%A", "2"]]);
  const w2 = [];
  F.normalise(got, null, ctx(w2));
  assert.ok(w2.some(([k]) => k === "__proto__"));
});

test("normalise keeps valid values and reports every ignored one", () => {
  const warned = [];
  const s = F.normalise({theme: "ai,wind", status: "plan", year: "2026-2024", min: "-5",
                         max: "1000", metric: "median", view: "11/52.37/4.9", extra: 1},
                        null, ctx(warned));
  assert.deepEqual(s.theme, ["ai"]);
  assert.deepEqual(s.status, ["plan"]);
  assert.equal(s.year, null);  // from after to: ignored
  assert.equal(s.min, null);
  assert.equal(s.max, 1000);
  assert.equal(s.metric, "per_inhabitant");
  assert.deepEqual(s.view, [11, 52.37, 4.9]);
  assert.deepEqual(warned.map((w) => w[0]).sort(),
                   ["extra", "metric", "min", "theme", "year"]);
});

test("normalise: every theme is no filter, none known is no filter, min above max is dropped", () => {
  const c = ctx([]);
  assert.equal(F.normalise({theme: ["ai", "health", "hydrogen"]}, null, c).theme, null);
  assert.equal(F.normalise({theme: "wind"}, null, c).theme, null);
  const s = F.normalise({min: 10, max: 5}, null, c);
  assert.equal(s.min, null);
  assert.equal(s.max, null);
  assert.deepEqual(F.normalise({year: "2025"}, null, c).year, [2025, 2025]);
  assert.equal(F.normalise({q: "x".repeat(300)}, null, c).q.length, 200);
  assert.deepEqual(F.normalise(null, {q: "kept"}, c).q, "kept");
});

test("normalise keeps the base for keys not given", () => {
  const s = F.normalise({q: "zon"}, Object.assign({}, EMPTY, {theme: ["ai"]}), ctx([]));
  assert.deepEqual(s.theme, ["ai"]);
  assert.equal(s.q, "zon");
});

test("format and parse go round: the state survives the address bar", () => {
  const c = ctx([]);
  const state = F.normalise({theme: "ai,health", year: "2024-2026", status: "running",
                             min: "1000", q: "Zuid & Oost", metric: "total",
                             view: "10.5/52.37/4.9"}, null, c);
  const text = F.format(state, "per_inhabitant");
  assert.ok(text.includes("theme=ai,health") && text.includes("q=Zuid%20%26%20Oost"));
  assert.deepEqual(F.normalise(F.parse("#" + text), null, c), state);
  assert.equal(F.format(EMPTY, "per_inhabitant"), "");  // nothing chosen: no fragment
});

test("cleanNumber: nothing is null, not a number is undefined", () => {
  assert.equal(F.cleanNumber(""), null);
  assert.equal(F.cleanNumber(null), null);
  assert.equal(F.cleanNumber(" 12 "), 12);
  assert.equal(F.cleanNumber("12,5"), undefined);
  assert.equal(F.cleanNumber("Infinity"), undefined);
});
