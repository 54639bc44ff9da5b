// Unit tests of mapbuilder/static/lib/aggregate.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {aggregate} = require("../../mapbuilder/static/lib/aggregate.js");

// a small deterministic generator (mulberry32), so every run sees the same projects
function rng(seed) {
  return function () {
    seed |= 0; seed = seed + 0x6D2B79F5 | 0;
    let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

function projects(n, seed) {
  const r = rng(seed), pick = (k) => Math.floor(r() * k);
  const c = {n, nt: 8, ns: 7, nm: 30, nv: 5, nh: 40, t: [], eur: [], yr: [], st: [], sub: [],
             mun: [], inm: [], pl: [], nvx: [], hx: []};
  for (let i = 0; i < n; i++) {
    const inside = r() < 0.54;
    c.t.push(pick(8));
    c.eur.push(r() < 0.1 ? -1 : (r() < 0.05 ? 0 : Math.round(r() * 1e7)));
    c.yr.push(r() < 0.1 ? 0 : 2018 + pick(14));
    c.st.push(r() < 0.1 ? -1 : pick(4));
    c.sub.push(inside ? pick(7) : -1);
    c.mun.push(inside && r() < 0.9 ? pick(30) : -1);
    c.inm.push(inside ? 1 : 0);
    c.pl.push(inside ? pick(4) : 0);
    c.nvx.push(inside ? pick(32) : 0);
    c.hx.push(inside && r() < 0.8 ? pick(40) : -1);
  }
  return c;
}

// what each project contributes, summed project by project: the rule written plainly
function reference(c, s) {
  const sel = new Uint8Array(c.n), z = (k) => new Array(k).fill(0);
  const a = {sub: {n: z(c.ns), eur: z(c.ns), te: z(c.ns * c.nt), tn: z(c.ns * c.nt)},
             mun: {n: z(c.nm), eur: z(c.nm), te: z(c.nm * c.nt), tn: z(c.nm * c.nt)},
             nvx: {n: z(c.nv), eur: z(c.nv)},
             mra: {n: 0, eur: 0, te: z(c.nt), tn: z(c.nt), unknown: 0, areawide: 0},
             out: {n: 0, eur: 0}, hex: {n: z(c.nh), eur: z(c.nh)}, themeCount: z(c.nt),
             total: 0};
  for (let i = 0; i < c.n; i++) {
    const e = c.eur[i], y = c.yr[i], t = c.t[i];
    const passYear = s.y0 === null || (y > 0 && y >= s.y0 && y <= s.y1);
    const passStatus = s.stOn === null || (c.st[i] >= 0 && s.stOn[c.st[i]] === 1);
    const passAmount = (s.lo === null && s.hi === null) ||
      (e >= 0 && (s.lo === null || e >= s.lo) && (s.hi === null || e <= s.hi));
    const passText = s.hit === null || s.hit[i] === 1;
    if (!(passYear && passStatus && passAmount && passText)) { continue; }
    a.themeCount[t] += 1;  // counted before the theme filter: the theme buttons show it
    if (!s.themeOn[t]) { continue; }
    sel[i] = 1;
    a.total += 1;
    const eu = Math.max(e, 0);
    if (!c.inm[i]) { a.out.n += 1; a.out.eur += eu; continue; }
    a.mra.n += 1; a.mra.eur += eu; a.mra.te[t] += eu; a.mra.tn[t] += 1;
    if (e < 0) { a.mra.unknown += 1; }
    if (c.pl[i] > 0) { a.mra.areawide += 1; }
    for (const [lv, k] of [["sub", c.sub[i]], ["mun", c.mun[i]]]) {
      if (k < 0) { continue; }
      a[lv].n[k] += 1; a[lv].eur[k] += eu; a[lv].te[k * c.nt + t] += eu; a[lv].tn[k * c.nt + t] += 1;
    }
    for (let b = 0; b < c.nv; b++) {
      if (c.nvx[i] & (1 << b)) { a.nvx.n[b] += 1; a.nvx.eur[b] += eu; }
    }
    if (c.hx[i] >= 0) { a.hex.n[c.hx[i]] += 1; a.hex.eur[c.hx[i]] += eu; }
  }
  return {sel, agg: a};
}

function plain(agg) {  // typed arrays as arrays, for deepEqual
  return JSON.parse(JSON.stringify(agg, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
}

const ALL = {themeOn: new Uint8Array(8).fill(1), stOn: null, y0: null, y1: null, lo: null,
             hi: null, hit: null};

function specs(c) {
  const r = rng(7), hit = Uint8Array.from({length: c.n}, () => (r() < 0.3 ? 1 : 0));
  const some = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 0]);
  return [ALL,
          {...ALL, themeOn: some},
          {...ALL, y0: 2020, y1: 2025},
          {...ALL, stOn: Uint8Array.from([0, 1, 1, 0])},
          {...ALL, lo: 1e6, hi: null}, {...ALL, lo: null, hi: 2e6}, {...ALL, lo: 0, hi: 0},
          {...ALL, hit},
          {themeOn: some, stOn: Uint8Array.from([1, 0, 1, 1]), y0: 2019, y1: 2030, lo: 5e5,
           hi: 8e6, hit}];
}

test("one pass gives the selection and every sum of the plain rule", () => {
  for (const seed of [1, 2, 3]) {
    const c = projects(3000, seed);
    for (const s of specs(c)) {
      const sel = new Uint8Array(c.n).fill(1);  // a previous selection is overwritten
      const got = aggregate(c, s, sel), want = reference(c, s);
      assert.deepEqual(Array.from(sel), Array.from(want.sel));
      assert.deepEqual(plain(got), plain(want.agg));
    }
  }
});

test("typed columns (as the page compacts them) give the same sums as arrays", () => {
  const c = projects(2000, 9);
  const typed = {...c, t: Int8Array.from(c.t), eur: Float64Array.from(c.eur),
                 yr: Int16Array.from(c.yr), st: Int16Array.from(c.st), sub: Int16Array.from(c.sub),
                 mun: Int16Array.from(c.mun), inm: Int8Array.from(c.inm), pl: Int8Array.from(c.pl),
                 nvx: Int32Array.from(c.nvx), hx: Int32Array.from(c.hx)};
  const s = specs(c)[8];
  const a = new Uint8Array(c.n), b = new Uint8Array(c.n);
  assert.deepEqual(plain(aggregate(typed, s, a)), plain(aggregate(c, s, b)));
  assert.deepEqual(Array.from(a), Array.from(b));
  assert.ok(a.some((v) => v === 1) && a.some((v) => v === 0));  // the spec selects some, not all
});

test("nothing selected: zero sums, and the theme counts still made", () => {
  const c = projects(500, 4);
  const got = aggregate(c, {...ALL, themeOn: new Uint8Array(8)}, new Uint8Array(c.n));
  assert.equal(got.total, 0);
  assert.equal(got.mra.n + got.out.n, 0);
  assert.equal(got.themeCount.reduce((x, y) => x + y, 0), c.n);
});
