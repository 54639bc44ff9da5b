// Unit tests of mapbuilder/static/lib/withfile.js (run: node --test tests/js/)
// The figures with a real partner file are held to geo in tests/e2e/test_withfile.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const W = require("../../mapbuilder/static/lib/withfile.js");
const A = require("../../mapbuilder/static/lib/aggregate.js");

// two square municipalities side by side (sharing the edge x = 1) and a third apart
const square = (x0, y0) => [[[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]];
const RULES = {
  municipalities: {codes: ["GM0002", "GM0001", "GM0003"],
                   lonlat: [square(1, 0), square(0, 0), square(5, 5)]},
  areas: {names: {GM0001: "Eerste", GM0002: "Tweede", GM0003: "Derde"}},
};
const D = {codes: ["a", "b", "c"], sts: ["planned", "underway"],
           areas: {mun: {name: ["Tweede", "Eerste", "Derde"], sub: [0, 0, 1]},
                   sub: {name: ["Noord", "Zuid"]}}};
const P = (o) => Object.assign({theme: "a", name: "x", amount_eur: null, status: null,
  start_year: null, organisation: null, id: "id-" + Math.random(), place: "point",
  place_area: null, lon: null, lat: null}, o);

test("each project placed as add and build place it", () => {
  const f = W.columns([
    P({lon: 0.5, lat: 0.5}),                       // in Eerste
    P({lon: 1, lat: 0.5}),                         // on the shared edge: the lowest code
    P({lon: 1.02, lat: 0.5, snapped: true, named: "GM0001"}),  // moved into the named one
    P({lon: 3, lat: 3}),                           // outside every municipality
    P({place: "municipality", place_area: "GM0003"}),
    P({place: "subregion", place_area: "Zuid"}),
    P({place: "mra", place_area: "MRA"}),
  ], RULES, D);
  assert.deepEqual(Array.from(f.mun), [1, 1, 1, -1, 2, -1, -1]);
  assert.deepEqual(Array.from(f.sub), [0, 0, 0, -1, 1, 1, -1]);
  assert.deepEqual(Array.from(f.inm), [1, 1, 1, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(f.pl), [0, 0, 0, 0, 1, 2, 3]);
  assert.deepEqual(Array.from(f.hx), [-1, -1, -1, -1, -1, -1, -1]);  // in no H3 cell
  assert.deepEqual(Array.from(f.nvx), [0, 0, 0, 0, 0, 0, 0]);        // nor a NOVEX area
  assert.deepEqual([f.x[0], f.y[0]], [5000000, 5000000]);             // 7 decimals
});

test("amounts, years, statuses, organisations as the payload has them", () => {
  const f = W.columns([
    P({amount_eur: 1500000, start_year: 2025, status: "underway", organisation: "Gemeente"}),
    P({amount_eur: 2.5, organisation: "Gemeente"}),  // half to even: 2, the cents kept
    P({amount_eur: 3.5, organisation: "Provincie"}),
    P({theme: "c"}),
  ], RULES, D);
  assert.deepEqual(Array.from(f.eur), [1500000, 2, 4, -1]);
  assert.deepEqual(f.eurx, {1: 2.5, 2: 3.5});
  assert.deepEqual(Array.from(f.yr), [2025, 0, 0, 0]);
  assert.deepEqual(Array.from(f.st), [1, -1, -1, -1]);
  assert.deepEqual(Array.from(f.org), [0, 0, 1, -1]);
  assert.deepEqual(f.orgs, ["Gemeente", "Provincie"]);
  assert.deepEqual(Array.from(f.t), [0, 0, 0, 2]);
});

test("search: name, organisation, id or municipality", () => {
  const f = W.columns([P({name: "Warmtenet", id: "W-1"}), P({organisation: "Havenbedrijf"}),
    P({place: "municipality", place_area: "GM0003", id: "X"})], RULES, D);
  const names = D.areas.mun.name;
  assert.deepEqual(Array.from(W.search(f, "warmte", names)), [1, 0, 0]);
  assert.deepEqual(Array.from(W.search(f, "haven", names)), [0, 1, 0]);
  assert.deepEqual(Array.from(W.search(f, "w-1", names)), [1, 0, 0]);
  assert.deepEqual(Array.from(W.search(f, "derde", names)), [0, 0, 1]);
});

// random columns of the payload's meaning
function columns(rand, n) {
  const pick = (k) => Math.floor(rand() * k);
  const c = {n, t: [], eur: [], yr: [], st: [], sub: [], mun: [], inm: [], pl: [], nvx: [], hx: []};
  for (let i = 0; i < n; i++) {
    c.t.push(pick(3)); c.eur.push(rand() < 0.2 ? -1 : pick(5000) * 1000);
    c.yr.push(rand() < 0.2 ? 0 : 2020 + pick(8)); c.st.push(pick(3) - 1);
    c.inm.push(rand() < 0.9 ? 1 : 0); c.pl.push(pick(4)); c.mun.push(pick(4) - 1);
    c.sub.push(pick(3) - 1); c.nvx.push(pick(4)); c.hx.push(pick(6) - 1);
  }
  return c;
}

function seeded(seed) {  // mulberry32
  return function () {
    seed |= 0; seed = seed + 0x6D2B79F5 | 0;
    let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

test("merge: the page's sums plus the file's are one pass over both", () => {
  const sizes = {nt: 3, ns: 2, nm: 3, nv: 2, nh: 5};
  for (let seed = 1; seed <= 50; seed++) {
    const rand = seeded(seed);
    const a = columns(rand, 1 + Math.floor(rand() * 60)), b = columns(rand, Math.floor(rand() * 20));
    const both = {n: a.n + b.n};
    Object.keys(a).forEach((k) => { if (k !== "n") { both[k] = a[k].concat(b[k]); } });
    const spec = {themeOn: [1, rand() < 0.5 ? 1 : 0, 1], stOn: rand() < 0.5 ? null : [1, 0],
                  y0: rand() < 0.5 ? null : 2022, y1: 2025, lo: rand() < 0.5 ? null : 100000,
                  hi: null, hit: null};
    const selA = new Uint8Array(a.n), selB = new Uint8Array(b.n), sel = new Uint8Array(both.n);
    const got = W.merge(A.aggregate(Object.assign({}, a, sizes), spec, selA),
                        A.aggregate(Object.assign({}, b, sizes), spec, selB));
    const want = A.aggregate(Object.assign({}, both, sizes), spec, sel);
    const plain = (x) => JSON.parse(JSON.stringify(x, (k, v) =>
      ArrayBuffer.isView(v) ? Array.from(v) : v));
    assert.deepEqual(plain(got), plain(want), "seed " + seed);
    assert.deepEqual(Array.from(selA).concat(Array.from(selB)), Array.from(sel));
  }
});

test("merge leaves both inputs as they were", () => {
  const sizes = {nt: 3, ns: 2, nm: 3, nv: 2, nh: 5}, rand = seeded(7);
  const spec = {themeOn: [1, 1, 1], stOn: null, y0: null, y1: null, lo: null, hi: null, hit: null};
  const a = A.aggregate(Object.assign(columns(rand, 30), sizes), spec, new Uint8Array(30));
  const b = A.aggregate(Object.assign(columns(rand, 5), sizes), spec, new Uint8Array(5));
  const before = JSON.stringify([a, b], (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v);
  W.merge(a, b);
  assert.equal(JSON.stringify([a, b], (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v), before);
});

test("order: two sorted lists merged, the file's rows numbered from the offset", () => {
  const eur = [50, 40, 10, 5, 45, 10, 1];  // 0-3: the page's, 4-6: the file's (offset 4)
  const before = (i, j) => eur[j] - eur[i] < 0 || (eur[i] === eur[j] && i < j);
  assert.deepEqual(Array.from(W.order([0, 1, 2, 3], [0, 1, 2], 4, before)), [0, 4, 1, 2, 5, 3, 6]);
  assert.deepEqual(Array.from(W.order([], [1, 0], 4, before)), [5, 4]);
  assert.deepEqual(Array.from(W.order([2, 3], [], 4, before)), [2, 3]);
});

test("websites and descriptions go along, keyed as the payload's, for lib/csv.js register", () => {
  const C = require("../../mapbuilder/static/lib/csv.js");
  const f = W.columns([
    P({url: "https://www.haarlem.nl", description: "Gewone tekst", place: "municipality",
       place_area: "GM0001"}),
    P({place: "municipality", place_area: "GM0002"}),
  ], RULES, D);
  assert.deepEqual(f.url, {0: "https://www.haarlem.nl"});
  assert.deepEqual(f.desc, {0: "Gewone tekst"});
  const spec = {columns: ["name", "url", "description"], headers: {nl: ["Naam", "Website", "Omschrijving"]},
                numeric: [], themes: {nl: {}}, status: {nl: {}}, mra_wide: {nl: "MRA-breed"}};
  const d = Object.assign({}, D, f, {scale: f.scale});
  const text = C.register(d, [0, 1], spec, "nl");
  assert.equal(text, "\ufeffNaam;Website;Omschrijving\r\nx;https://www.haarlem.nl;Gewone tekst\r\nx;;\r\n");
});
