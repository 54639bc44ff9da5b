// Unit tests of mapbuilder/static/lib/hotspots.js (run: node --test tests/js/)
// The same functions are held to esda/scipy on random inputs by tests/test_hotspots_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const H = require("../../mapbuilder/static/lib/hotspots.js");

function close(a, b, rel) {
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} vs ${b}`);
}

test("erfc matches known values (series below 1.5, continued fraction above)", () => {
  // values from scipy.special.erfc
  close(H.erfc(0), 1, 1e-15);
  close(H.erfc(0.5), 0.4795001221869535, 1e-14);
  close(H.erfc(1), 0.15729920705028516, 1e-13);
  close(H.erfc(1.4999), 0.033906748337704726, 1e-13);
  close(H.erfc(2.4999), 0.0004071699003334512, 1e-13);
  close(H.erfc(3), 2.2090496998585445e-05, 1e-13);
  close(H.erfc(5), 1.5374597944280347e-12, 1e-13);
  close(H.erfc(-1), 1.8427007929497148, 1e-15);
});

test("two-sided p of z = 1.959964 is 0.05", () => {
  close(H.pTwoSided(1.959963984540054), 0.05, 1e-12);
  close(H.pTwoSided(-1.959963984540054), 0.05, 1e-12);
});

test("fdr is esda's Benjamini-Hochberg cut-off, alpha/n when nothing passes", () => {
  // sorted p: 0.001 < 1*0.05/4? yes (0.0125); 0.02 < 2*0.05/4 = 0.025 yes; 0.04 < 0.0375 no
  assert.equal(H.fdr([0.04, 0.001, 0.9, 0.02], 0.05), 2 * 0.05 / 4);
  assert.equal(H.fdr([0.5, 0.6, 0.7], 0.05), 0.05 / 3);
  assert.equal(H.fdr([0.01, 0.02, 0.03], 0.05), 3 * 0.05 / 3);
});

test("Gi* z of a hand-made line of five cells", () => {
  // cells 0-1-2-3-4 in a row; y = [0, 0, 10, 0, 0]
  const start = [0, 1, 3, 5, 7, 8], nb = [1, 0, 2, 1, 3, 2, 4, 3];
  const y = [0, 0, 10, 0, 0];
  const z = H.giStar(y, start, nb);
  // by hand: n=5, mean=2, var=E[y^2]-mean^2=20-4=16; cell 2: card 3, G=1, EG=0.6,
  // VG=3*2/4/25*16/4=0.24 -> z=0.4/sqrt(0.24)
  close(z[2], 0.4 / Math.sqrt(0.24), 1e-14);
  // cell 0: card 2, G=0, EG=0.4, VG=2*3/4/25*4=0.24 -> z=-0.4/sqrt(0.24)
  close(z[0], -0.4 / Math.sqrt(0.24), 1e-14);
  assert.ok(z[1] > 0 && z[3] > 0);
});

test("classify: hot and cold need the corrected cut-off; bins are signed and nested", () => {
  const z = [4, -4, 2.2, 0.1], p = z.map(H.pTwoSided);
  const c = H.classify(z, p, 0.05);
  assert.deepEqual(c.cls, ["hot", "cold", "hot", "ns"]);
  assert.equal(c.bin[0], 99);
  assert.equal(c.bin[1], -99);
  assert.ok([90, 95].includes(c.bin[2]));
  assert.equal(c.bin[3], 0);
  for (let i = 0; i < z.length; i++) {  // hot/cold exactly where the 95 % bin is reached
    assert.equal(c.cls[i] !== "ns", Math.abs(c.bin[i]) >= 95);
  }
});

test("too little data: fewer than minProjects located or minCells with a value", () => {
  const start = [0, 0, 0, 0, 0, 0, 0], nb = [], opts = {alpha: 0.05, minProjects: 30, minCells: 5};
  const y = [1, 2, 3, 4, 5, 0];
  assert.equal(H.analyse(y, 29, start, nb, opts).tooLittle, "projects");
  assert.equal(H.analyse([1, 2, 3, 4, 0, 0], 40, start, nb, opts).tooLittle, "cells");
  const ok = H.analyse(y, 40, start, nb, opts);
  assert.equal(ok.tooLittle, null);
  assert.equal(ok.z.length, 6);
  assert.equal(ok.cls.length, 6);
});
