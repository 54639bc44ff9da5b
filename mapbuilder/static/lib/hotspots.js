/* transitiekaart lib/hotspots: Getis-Ord Gi* hot spots, pure (no DOM, no Leaflet, no page state).
 *
 * The page's port of geo/getisord.py (which calls esda): the analytic Gi* z-score with
 * binary contiguity weights and the cell itself included, as
 * esda.G_Local(y, w, transform="B", star=True).Zs; two-sided normal p-values; the
 * Benjamini-Hochberg threshold as esda.fdr computes it; hot/cold/ns at alpha and the
 * 90/95/99 % confidence bins (ArcGIS's Gi_Bin), each after the same correction.
 * Neighbours come as CSR arrays precomputed in Python: cell i's neighbours (self excluded)
 * are nb[start[i] .. start[i + 1] - 1]. Held to esda by tests/test_hotspots_parity.py.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).hotspots = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SQRT_PI = Math.sqrt(Math.PI);
  var BINS = [[99, 0.01], [95, 0.05], [90, 0.10]];

  // erfc(x) for x >= 0 to about 1e-15 relative: a series of positive terms below 1.5, a
  // continued fraction (evaluated backwards, fixed depth) above
  function erfc(x) {
    if (x !== x) { return NaN; }
    if (x < 0) { return 2 - erfc(-x); }
    if (x < 1.5) {
      var term = x, sum = x, x2 = x * x, k = 0;
      while (term > sum * 1e-17) { k++; term *= 2 * x2 / (2 * k + 1); sum += term; }
      return 1 - 2 / SQRT_PI * Math.exp(-x2) * sum;
    }
    var f = 0;
    for (var m = 120; m >= 1; m--) { f = (m / 2) / (x + f); }
    return Math.exp(-x * x) / SQRT_PI / (x + f);
  }

  function pTwoSided(z) {  // 2 * norm.sf(|z|)
    return erfc(Math.abs(z) / Math.SQRT2);
  }

  // the p-value cut-off of esda.fdr (Benjamini-Hochberg; alpha / n when none passes)
  function fdr(p, alpha) {
    var n = p.length, s = Array.prototype.slice.call(p).sort(function (a, b) { return a - b; });
    for (var k = n; k >= 1; k--) {
      if (s[k - 1] < k * alpha / n) { return k * alpha / n; }
    }
    return alpha / n;
  }

  // Gi* z per cell: binary weights, self included (as esda with star=True, transform="B")
  function giStar(y, start, nb) {
    var n = y.length, sum = 0, sq = 0, i, j;
    for (i = 0; i < n; i++) { sum += y[i]; sq += y[i] * y[i]; }
    var mean = sum / n, variance = sq / n - mean * mean, z = new Float64Array(n);
    for (i = 0; i < n; i++) {
      var local = y[i], card = 1 + start[i + 1] - start[i];
      for (j = start[i]; j < start[i + 1]; j++) { local += y[nb[j]]; }
      var g = local / sum, eg = card / n;
      var vg = card * (n - card) / (n - 1) * (1 / (n * n)) * (variance / (mean * mean));
      z[i] = (g - eg) / Math.sqrt(vg);
    }
    return z;
  }

  // class ("hot", "cold", "ns") at alpha and the signed confidence bin (99, 95, 90, 0, -90, ...)
  function classify(z, p, alpha) {
    var n = z.length, cut = fdr(p, alpha), cuts = BINS.map(function (b) { return fdr(p, b[1]); });
    var cls = new Array(n), bin = new Int16Array(n);
    for (var i = 0; i < n; i++) {
      var level = 0;
      for (var b = 0; b < BINS.length; b++) { if (p[i] <= cuts[b]) { level = BINS[b][0]; break; } }
      bin[i] = z[i] > 0 ? level : -level;
      cls[i] = p[i] <= cut ? (z[i] > 0 ? "hot" : z[i] < 0 ? "cold" : "ns") : "ns";
    }
    return {cls: cls, bin: bin, cut: cut};
  }

  // everything for one selection: y (euros per cell), located projects, the CSR neighbours and
  // {alpha, minProjects, minCells}; tooLittle is null, "projects" or "cells" (then no z/p)
  function analyse(y, located, start, nb, opts) {
    var withValue = 0;
    for (var i = 0; i < y.length; i++) { if (y[i] > 0) { withValue++; } }
    var out = {n: y.length, located: located, withValue: withValue, tooLittle: null,
               z: null, p: null, cls: null, bin: null};
    if (located < opts.minProjects) { out.tooLittle = "projects"; return out; }
    if (withValue < opts.minCells) { out.tooLittle = "cells"; return out; }
    out.z = giStar(y, start, nb);
    out.p = new Float64Array(y.length);
    for (i = 0; i < y.length; i++) { out.p[i] = pTwoSided(out.z[i]); }
    var c = classify(out.z, out.p, opts.alpha);
    out.cls = c.cls;
    out.bin = c.bin;
    out.cut = c.cut;
    return out;
  }

  return {erfc: erfc, pTwoSided: pTwoSided, fdr: fdr, giStar: giStar, classify: classify,
          analyse: analyse, BINS: BINS};
}));
