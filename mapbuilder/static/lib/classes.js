/* transitiekaart lib/classes: choropleth classes, pure (no DOM, no Leaflet, no page state).
 *
 * Module pattern of the page (see CONTRIBUTING.md, "JavaScript in the page"): every file in
 * static/lib/ is a pure module. In node (`node --test tests/js`) it is `module.exports`; in the
 * page it registers itself as `window.transitiekaart.lib.<name>` and the page's DOM modules
 * read it from there. A lib module never reads `window.transitiekaart` for anything else.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).classes = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_EXACT = 300;  // more values are reduced to this many evenly spaced order statistics

  // optimal breaks of sorted distinct values (Fisher's dynamic programming with prefix sums)
  function jenks(values, k) {
    var x = values.slice().sort(function (a, b) { return a - b; }), n = x.length;
    if (n > MAX_EXACT) {
      var pick = [];
      for (var q = 0; q < MAX_EXACT; q++) { pick.push(x[Math.round(q * (n - 1) / (MAX_EXACT - 1))]); }
      x = pick.filter(function (v, i) { return i === 0 || v !== pick[i - 1]; });
      n = x.length;
    }
    if (n <= k) { return {x: x, starts: x.map(function (v, i) { return i; }).slice(1)}; }
    var s1 = new Float64Array(n + 1), s2 = new Float64Array(n + 1);
    for (var i = 0; i < n; i++) { s1[i + 1] = s1[i] + x[i]; s2[i + 1] = s2[i] + x[i] * x[i]; }
    function ssd(a, b) {
      var m = b - a + 1, s = s1[b + 1] - s1[a];
      return Math.max(s2[b + 1] - s2[a] - s * s / m, 0);
    }
    var cost = new Float64Array(n), split = [], j;
    for (j = 0; j < n; j++) { cost[j] = ssd(0, j); }
    for (var c = 1; c < k; c++) {
      var next = new Float64Array(n), sp = new Int32Array(n);
      for (j = 0; j < n; j++) {
        var best = Infinity, bi = -1;
        for (i = c; i <= j; i++) {
          var v = cost[i - 1] + ssd(i, j);
          if (v < best) { best = v; bi = i; }
        }
        next[j] = best; sp[j] = bi;
      }
      cost = next; split[c] = sp;
    }
    var starts = [], end = n - 1;
    for (c = k - 1; c >= 1; c--) { starts.unshift(split[c][end]); end = split[c][end] - 1; }
    return {x: x, starts: starts};
  }

  // the roundest number r with lo < r <= hi
  function nice(lo, hi) {
    if (!(hi > lo)) { return hi; }
    var p = Math.pow(10, Math.ceil(Math.log10(Math.max(Math.abs(hi), 1e-9))) + 1);
    for (var step = p; step >= 1e-6; step /= 10) {
      for (var mult of [1, 2, 5]) {
        var u = step / mult, r = Math.ceil((lo + u * 1e-9) / u) * u;
        r = parseFloat(r.toPrecision(12));  // checked after rounding: it may round onto lo
        if (r > lo && r <= hi) {
          return r;
        }
      }
    }
    return hi;
  }

  // breaks [b1 .. b_{k-1}]: class 0 is v < b1, class j is b_j <= v < b_{j+1}
  function classes(values, k) {
    var pos = values.filter(function (v) { return v !== null && isFinite(v) && v > 0; });
    if (!pos.length) { return []; }
    var x = pos.slice().sort(function (a, b) { return a - b; });
    var distinct = x.filter(function (v, i) { return i === 0 || v !== x[i - 1]; });
    var j = jenks(distinct, Math.min(k, distinct.length));
    return j.starts.map(function (s) { return nice(j.x[s - 1], j.x[s]); });
  }

  // a rate rounded as the page writes it (whole euros; "€ 1,2 mln" above a million), so a
  // value and the class it is coloured by never contradict each other ("€ 8" is not "< € 8")
  function shown(v) {
    if (v === null || v === undefined || !isFinite(v)) { return v; }
    var a = Math.abs(v);
    if (a >= 1e9) { return Math.round(v / 1e8) * 1e8; }
    if (a >= 1e8) { return Math.round(v / 1e6) * 1e6; }
    if (a >= 1e6) { return Math.round(v / 1e5) * 1e5; }
    return Math.round(v);
  }

  function classOf(v, breaks) {  // -1: zero or no data
    if (v === null || !isFinite(v) || !(v > 0)) { return -1; }
    var c = 0;
    while (c < breaks.length && v >= breaks[c]) { c++; }
    return c;
  }

  return {jenks: jenks, nice: nice, classes: classes, shown: shown, classOf: classOf};
}));
