/* transitiekaart lib/aggregate: the selection and its sums in one pass, pure (no DOM, no
 * Leaflet, no page state).
 *
 * aggregate(cols, spec, sel) walks the projects' columns once: each project that passes
 * every filter of `spec` gets sel[i] = 1 (else 0) and is summed per subregion,
 * municipality, NOVEX area, H3 cell and theme (inside the MRA), or counted outside it.
 * filter.js's TK.apply calls it with the page's payload; TK.figures and the panels read
 * the sums. Every array is read into a local before the loop: at a million projects the
 * loop is the page's hot path on each filter change (issue 23: <= 300 ms at p90 for the
 * whole change, drawing included).
 *
 * cols: n, t, eur, yr, st, sub, mun, inm, pl, nvx, hx (typed arrays or arrays), and the
 *   table sizes nt (themes), ns (subregions), nm (municipalities), nv (NOVEX), nh (cells).
 * spec: themeOn (per theme 1/0), stOn (per status 1/0, or null for all), y0/y1 (year
 *   range or null), lo/hi (amount bounds or null), hit (per project 1/0 or null).
 * Module pattern: see lib/classes.js.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).aggregate = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function zeros(k) { return new Float64Array(k); }

  function aggregate(c, spec, sel) {
    var n = c.n, nt = c.nt, nv = c.nv;
    var agg = {
      sub: {n: zeros(c.ns), eur: zeros(c.ns), te: zeros(c.ns * nt), tn: zeros(c.ns * nt)},
      mun: {n: zeros(c.nm), eur: zeros(c.nm), te: zeros(c.nm * nt), tn: zeros(c.nm * nt)},
      nvx: {n: zeros(nv), eur: zeros(nv)},
      mra: {n: 0, eur: 0, te: zeros(nt), tn: zeros(nt), unknown: 0, areawide: 0},
      out: {n: 0, eur: 0},
      hex: {n: zeros(c.nh), eur: zeros(c.nh)},
      themeCount: zeros(nt), total: 0
    };
    var T = c.t, E = c.eur, Y = c.yr, ST = c.st, SUB = c.sub, MUN = c.mun, INM = c.inm;
    var NVX = c.nvx, HX = c.hx, PL = c.pl;
    var themeOn = spec.themeOn, stOn = spec.stOn, hit = spec.hit;
    var byYear = spec.y0 !== null && spec.y0 !== undefined, y0 = spec.y0, y1 = spec.y1;
    var lo = spec.lo === undefined ? null : spec.lo, hi = spec.hi === undefined ? null : spec.hi;
    var byAmount = lo !== null || hi !== null;
    var subN = agg.sub.n, subE = agg.sub.eur, subTE = agg.sub.te, subTN = agg.sub.tn;
    var munN = agg.mun.n, munE = agg.mun.eur, munTE = agg.mun.te, munTN = agg.mun.tn;
    var nvxN = agg.nvx.n, nvxE = agg.nvx.eur, hexN = agg.hex.n, hexE = agg.hex.eur;
    var mTE = agg.mra.te, mTN = agg.mra.tn, themeCount = agg.themeCount;
    var total = 0, outN = 0, outE = 0, mN = 0, mE = 0, unknown = 0, areawide = 0;
    var i, k, b, e, t, eu, y;
    for (i = 0; i < n; i++) {
      e = E[i];
      if (byYear) {
        y = Y[i];
        if (y <= 0 || y < y0 || y > y1) { sel[i] = 0; continue; }
      }
      if (stOn !== null && (ST[i] < 0 || !stOn[ST[i]])) { sel[i] = 0; continue; }
      if (byAmount && (e < 0 || (lo !== null && e < lo) || (hi !== null && e > hi))) {
        sel[i] = 0; continue;
      }
      if (hit !== null && !hit[i]) { sel[i] = 0; continue; }
      t = T[i];
      themeCount[t]++;
      if (!themeOn[t]) { sel[i] = 0; continue; }
      sel[i] = 1;
      total++;
      eu = e > 0 ? e : 0;
      if (!INM[i]) { outN++; outE += eu; continue; }
      mN++; mE += eu; mTE[t] += eu; mTN[t]++;
      if (e < 0) { unknown++; }
      if (PL[i] > 0) { areawide++; }
      if ((k = SUB[i]) >= 0) { subN[k]++; subE[k] += eu; subTE[k * nt + t] += eu; subTN[k * nt + t]++; }
      if ((k = MUN[i]) >= 0) { munN[k]++; munE[k] += eu; munTE[k * nt + t] += eu; munTN[k * nt + t]++; }
      if ((k = NVX[i])) {
        for (b = 0; b < nv; b++) {
          if (k & (1 << b)) { nvxN[b]++; nvxE[b] += eu; }
        }
      }
      if ((k = HX[i]) >= 0) { hexN[k]++; hexE[k] += eu; }
    }
    agg.total = total;
    agg.out.n = outN; agg.out.eur = outE;
    agg.mra.n = mN; agg.mra.eur = mE; agg.mra.unknown = unknown; agg.mra.areawide = areawide;
    return agg;
  }

  return {aggregate: aggregate};
}));
