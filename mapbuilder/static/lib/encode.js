/* transitiekaart lib/encode: the map's stable encodings, pure (no DOM, no Leaflet, no page state).
 *
 * - index classes: an area's rate as a percentage of the MRA rate of the same selection, in
 *   fixed classes (< 50% | 50-80% | 80-125% | 125-200% | >= 200%), so a colour means the same
 *   through every filter;
 * - one circle scale per session: radius from a maximum set once from the unfiltered data;
 * - project dots whose area grows with the amount, up to a cap;
 * - the legend's reference values and class labels.
 * In node `module.exports`; in the page `window.transitiekaart.lib.encode`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).encode = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var INDEX_BREAKS = [50, 80, 125, 200];  // % of the MRA rate: class j is b_{j-1} <= pct < b_j

  // the area's rate as a whole percentage of the reference (the MRA rate of the same
  // selection); null without projects (value not > 0) or without a reference
  function indexPct(value, ref) {
    if (value === null || value === undefined || !isFinite(value) || !(value > 0)) { return null; }
    if (ref === null || ref === undefined || !isFinite(ref) || !(ref > 0)) { return null; }
    return Math.round(100 * value / ref);
  }

  // class 0..4 of an index percentage; -1 for none (null)
  function indexClass(pct) {
    if (pct === null || pct === undefined || !isFinite(pct)) { return -1; }
    var c = 0;
    while (c < INDEX_BREAKS.length && pct >= INDEX_BREAKS[c]) { c++; }
    return c;
  }

  // "< a", "a–b", ..., "≥ z" for half-open classes with limits `breaks`, each limit
  // written by fmt; sep between two limits (" – " for amounts, "–" for percentages)
  function rangeLabels(breaks, fmt, sep) {
    var out = [], s = sep === undefined ? " \u2013 " : sep;
    if (!breaks.length) { return out; }
    out.push("< " + fmt(breaks[0]));
    for (var i = 1; i < breaks.length; i++) { out.push(fmt(breaks[i - 1]) + s + fmt(breaks[i])); }
    out.push("\u2265 " + fmt(breaks[breaks.length - 1]));
    return out;
  }

  function indexLabels() {
    return rangeLabels(INDEX_BREAKS, function (v) { return String(v); }, "\u2013")
      .map(function (t) { return t + "%"; });
  }

  // px radius of a circle of `value` on a scale whose maximum `vmax` has radius `rmax`
  // (area proportional to the value); 0 for nothing, at least 2 px for anything
  function circleRadius(value, vmax, rmax) {
    if (!(value > 0) || !(vmax > 0)) { return 0; }
    return Math.max(rmax * Math.sqrt(value / vmax), 2);
  }

  // px radius of one project's dot: its area grows in proportion to the amount, from the
  // smallest dot (rmin, for nothing or an unknown amount) to the largest (rmax) at `cap`
  // and beyond: area = pi * (rmin^2 + (rmax^2 - rmin^2) * min(eur, cap) / cap)
  function dotRadius(eur, cap, rmin, rmax) {
    if (!(eur > 0) || !(cap > 0)) { return rmin; }
    return Math.sqrt(rmin * rmin + (rmax * rmax - rmin * rmin) * Math.min(eur, cap) / cap);
  }

  // the smallest of 1, 2, 5 x 10^k that is >= v (a cap or a scale a reader can say aloud)
  function roundUp(v) {
    if (!(v > 0)) { return 0; }
    var e = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      var r = parseFloat((steps[i] * e).toPrecision(12));
      if (r >= v) { return r; }
    }
    return 10 * e;
  }

  // the dot cap: the 95th percentile of the positive amounts, rounded up
  function dotCap(amounts) {
    var pos = [];
    for (var i = 0; i < amounts.length; i++) { if (amounts[i] > 0) { pos.push(amounts[i]); } }
    if (!pos.length) { return 0; }
    pos.sort(function (a, b) { return a - b; });
    return roundUp(pos[Math.min(pos.length - 1, Math.floor(0.95 * (pos.length - 1) + 0.5))]);
  }

  // the legend's reference values: the largest 1, 2, 5 x 10^k at most vmax, a quarter and
  // a twentieth of it (whole numbers for counts)
  function refValues(vmax, whole) {
    if (!(vmax > 0)) { return []; }
    var exp = Math.pow(10, Math.floor(Math.log10(vmax)));
    var top = [1, 2, 5, 10].map(function (f) { return f * exp; })
      .filter(function (v) { return v <= vmax * (1 + 1e-12); }).pop();
    var refs = [top, top / 4, top / 20];
    if (whole) { refs = refs.filter(function (v) { return v >= 1 && Math.round(v) === v; }); }
    return refs;
  }

  return {INDEX_BREAKS: INDEX_BREAKS, indexPct: indexPct, indexClass: indexClass,
          rangeLabels: rangeLabels, indexLabels: indexLabels, circleRadius: circleRadius,
          dotRadius: dotRadius, roundUp: roundUp, dotCap: dotCap, refValues: refValues};
}));
