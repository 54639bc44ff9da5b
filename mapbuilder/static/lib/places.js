/* transitiekaart lib/places: which MRA area a place column names, and where a point lies
 * against the municipality its row names, pure (no DOM).
 *
 * A port of geo/validate/places.py _norm and _area_of: a municipality by its name in any
 * case or spelling or its CBS code ("GM1942", "1942"), a former municipality ("Weesp":
 * Amsterdam since 2022), a subregion, or the whole MRA ("MRA-breed", "regio"). The names
 * themselves are data generated from Python (rules.areas, mapbuilder/mappage/check_rules.py).
 * A point is tested against the 30 municipalities' exact (generalised) shapes that validate
 * uses (rules.municipalities), distances measured in RD New (issue 20's border rule: within
 * the boundaries' precision the sheet's municipality wins, with a note).
 * Parity with Python: tests/test_check_parity.py (hypothesis feeds both the same texts).
 * In node `module.exports`; in the page `window.transitiekaart.lib.places`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).places = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  /* eslint-disable no-control-regex -- Python's ASCII white space includes \x1c-\x1f */
  var ASCII_WS = /[\t\n\x0b\x0c\r\x1c-\x20]+/;
  var ASCII_STRIP = /^[\t\n\x0b\x0c\r\x1c-\x20]+|[\t\n\x0b\x0c\r\x1c-\x20]+$/g;
  var PREFIX = /^(gemeente|gem\.|municipality of|deelregio|regio|subregion)[\t\n\x0b\x0c\r\x1c-\x20]+/;
  /* eslint-enable no-control-regex */

  // NFKD, what is not ASCII dropped, lower case (Python: .encode("ascii", "ignore").lower())
  function ascii(text) {
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();  // eslint-disable-line no-control-regex -- ASCII only
  }

  function spaced(text) { return text.replace(/[^a-z0-9]+/g, " ").replace(/^ +| +$/g, ""); }

  // places.py _norm
  function norm(text) {
    text = ascii(text);
    var parts = text.split(ASCII_WS).filter(function (w) { return w !== ""; });
    if (parts.length > 1) { text = text.replace(ASCII_STRIP, "").replace(PREFIX, ""); }
    return spaced(text);
  }

  function wide(key, areas) {
    return areas.wide.indexOf(key) >= 0 || areas.wide.indexOf(key.split(" ").join("")) >= 0;
  }

  /* places.py _area_of: {place: "municipality"|"subregion"|"mra", area, former?} or null.
   * `former` ([code, now, year]) when a former municipality was named. */
  function areaOf(value, areas, subregionFirst) {
    if (wide(spaced(ascii(value)), areas)) { return {place: "mra", area: "MRA"}; }
    var key = norm(value);
    if (subregionFirst && has(areas.subs, key)) { return {place: "subregion", area: areas.subs[key]}; }
    if (has(areas.by_key, key)) { return {place: "municipality", area: areas.by_key[key]}; }
    if (has(areas.subs, key)) { return {place: "subregion", area: areas.subs[key]}; }
    if (has(areas.former, key)) {
      return {place: "municipality", area: areas.former[key][0], former: areas.former[key]};
    }
    if (wide(key, areas)) { return {place: "mra", area: "MRA"}; }
    return null;
  }

  /* resolve_place for a row without coordinates, from its municipality and subregion
   * columns and an address that names an area (texts as place_value gives them, or null):
   * {place, area, former} or null. */
  function resolve(mun, scope, areas, address) {
    var w = scope ? areaOf(scope, areas, true) : null;
    var at = mun ? areaOf(mun, areas, false) : null;
    var got = null;
    if (w && w.place === "mra") { got = w; }
    else if (at) { got = at; }
    else if (w) { got = w; }
    else if (address) { got = areaOf(address, areas, false); }
    if (!got) { return null; }
    // the merger note is made from the municipality column only (places.py former_of(mun))
    return {place: got.place, area: got.area, former: got === at && got.former ? got.former : null};
  }

  // ---- "did you mean": difflib.get_close_matches, as places.py _suggest uses it -----------

  // SequenceMatcher(None, a, b).ratio() without junk (b shorter than 200: no autojunk)
  function ratio(a, b) {
    var b2j = {}, i, j;
    for (j = 0; j < b.length; j++) { (b2j[b[j]] = b2j[b[j]] || []).push(j); }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = {};
      for (var x = alo; x < ahi; x++) {
        var next = {}, js = b2j[a[x]] || [];
        for (var y = 0; y < js.length; y++) {
          var jj = js[y];
          if (jj < blo) { continue; }
          if (jj >= bhi) { break; }
          var k = next[jj] = (j2len[jj - 1] || 0) + 1;
          if (k > bestsize) { besti = x - k + 1; bestj = jj - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], matched = 0;
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      i = m[0]; j = m[1];
      var size = m[2];
      if (size) {
        matched += size;
        if (q[0] < i && q[2] < j) { queue.push([q[0], i, q[2], j]); }
        if (i + size < q[1] && j + size < q[3]) { queue.push([i + size, q[1], j + size, q[3]]); }
      }
    }
    var total = a.length + b.length;
    return total ? 2 * matched / total : 1;
  }

  // the n best options at or above the cutoff, best first (ties: the larger text first)
  function closeMatches(word, options, n, cutoff) {
    var scored = [];
    options.forEach(function (x) {
      var r = ratio(x, word);
      if (r >= cutoff) { scored.push([r, x]); }
    });
    scored.sort(function (p, q) { return q[0] - p[0] || (q[1] > p[1] ? 1 : q[1] < p[1] ? -1 : 0); });
    return scored.slice(0, n).map(function (t) { return t[1]; });
  }

  /* places.py _suggest: the names of the 30 municipalities and the subregions closest to a
   * text that names no area (at most two), or null when difflib's autojunk would apply */
  function suggest(text, areas) {
    var key = norm(text), options = {}, order = [];
    Object.keys(areas.names).forEach(function (c) {
      var k = norm(areas.names[c]);
      if (!has(options, k)) { order.push(k); }
      options[k] = areas.names[c];
    });
    Object.keys(areas.subs).forEach(function (k) {
      if (!has(options, k)) { order.push(k); }
      options[k] = areas.subs[k];
    });
    if (key.length >= 200) { return null; }
    return closeMatches(key, order, 2, 0.7).map(function (k) { return options[k]; });
  }

  // ---- points and the municipalities' shapes (rules.municipalities, exact) --------------

  // A double as an exact integer times a power of two: [BigInt m, e] with value m * 2^e
  var F64 = new DataView(new ArrayBuffer(8));
  function exact(v) {
    F64.setFloat64(0, v);
    var hi = F64.getUint32(0), lo = F64.getUint32(4), e = (hi >>> 20) & 0x7ff;
    var m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    if (e) { m |= 1n << 52n; } else { e = 1; }
    return [hi >>> 31 ? -m : m, e - 1075];
  }

  /* The sign of the orientation of c against the line a -> b (1 left, -1 right, 0 on it),
   * exactly, as GEOS decides it (Orientation::index): the double result where Shewchuk's
   * error bound allows, else in integers */
  var ERR = (3 + 16 * Math.pow(2, -53)) * Math.pow(2, -53);
  function orient(ax, ay, bx, by, cx, cy) {
    var l = (bx - ax) * (cy - ay), r = (by - ay) * (cx - ax), det = l - r;
    if (Math.abs(det) > ERR * Math.abs(l + r) && isFinite(det)) { return det > 0 ? 1 : -1; }
    var v = [ax, ay, bx, by, cx, cy].map(exact), low = Math.min.apply(null, v.map(function (q) { return q[1]; }));
    var n = v.map(function (q) { return q[0] << BigInt(q[1] - low); });
    var d = (n[2] - n[0]) * (n[5] - n[1]) - (n[3] - n[1]) * (n[4] - n[0]);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }

  /* Whether a (multi)polygon's rings hold (x, y), its edges included: shapely's intersects
   * (GEOS's ray crossing with exact orientation), so a point a hair beside a border is
   * placed as geo places it. Even-odd over every ring. */
  function inRings(rings, x, y) {
    var inside = false;
    for (var q = 0; q < rings.length; q++) {
      var r = rings[q];
      for (var i = 1; i < r.length; i++) {
        var ax = r[i - 1][0], ay = r[i - 1][1], bx = r[i][0], by = r[i][1];
        if ((ay > y) !== (by > y)) {  // the edge crosses the point's row: is the point left of it?
          var o = orient(ax, ay, bx, by, x, y);
          if (o === 0) { return true; }
          if ((o > 0) === (by > ay)) { inside = !inside; }
        } else if (ay === y && by === y ? x >= Math.min(ax, bx) && x <= Math.max(ax, bx) :
          (x === ax && y === ay) || (x === bx && y === by)) {
          return true;  // on a level edge or on a corner
        }
      }
    }
    return inside;
  }

  /* Shapes as check_rules.step_rings gives them ({rings: per shape its rings' numbers of
   * vertices, scale: a power of ten, steps: per vertex x and y times scale, whole, each the
   * difference from the one before, as zigzag LEB128 varints in base64}; or already as
   * lists): per shape its rings of [x, y], n / scale (the doubles geo measures with).
   * Decoded once. */
  var decoded = new WeakMap();
  function decodeRings(enc) {
    if (Array.isArray(enc)) { return enc; }
    var got = decoded.get(enc);
    if (got) { return got; }
    var bin = atob(enc.steps), at = 0, x = 0, y = 0, scale = enc.scale;
    function step() {  // arithmetic, not bit operations: a value may pass 2^31
      var v = 0, unit = 1, b;
      do { b = bin.charCodeAt(at++); v += (b & 127) * unit; unit *= 128; } while (b >= 128);
      return v % 2 ? -(v + 1) / 2 : v / 2;
    }
    got = enc.rings.map(function (lengths) {
      return lengths.map(function (n) {
        var ring = [];
        for (var k = 0; k < n; k++) {
          x += step(); y += step();
          ring.push([x / scale, y / scale]);
        }
        return ring;
      });
    });
    decoded.set(enc, got);
    return got;
  }

  // the distance from a point outside a (multi)polygon to it: the nearest of its edges
  function ringDistance(rings, x, y) {
    var best = Infinity;
    rings.forEach(function (r) {
      for (var i = 1; i < r.length; i++) {
        var ax = r[i - 1][0], ay = r[i - 1][1], dx = r[i][0] - ax, dy = r[i][1] - ay;
        var len = dx * dx + dy * dy, t = len ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
        t = Math.max(0, Math.min(1, t));
        best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
      }
    });
    return best;
  }

  /* Python's f"{v:,.{d}f}" in a language's notation (layers.lang.format_number): rounded
   * half to even on the exact binary value, as Python does (toFixed rounds a tie up) */
  function formatNumber(v, d, lang) {
    var s = Math.abs(v).toFixed(d);
    if (Math.abs(v) < 1e21) {
      var exact = Math.abs(v).toFixed(Math.min(100, d + 60)), dot = exact.indexOf(".");
      if (/^50*$/.test(exact.slice(dot + d + 1))) {  // an exact tie: to the even digit
        var low = exact.slice(0, d ? dot + d + 1 : dot);
        if (Number(low[low.length - 1]) % 2 === 0) { s = low; }
      }
    }
    var parts = s.split("."), whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var text = (v < 0 && /[1-9]/.test(s) ? "-" : "") + whole + (parts[1] ? "." + parts[1] : "");
    return lang === "en" ? text : text.replace(/[,.]/g, function (c) { return c === "," ? "." : ","; });
  }

  // places.py _distance_text: "180 m", "2,1 km"
  function distanceText(m, lang) {
    return m < 1000 ? formatNumber(m, 0, lang) + " m" : formatNumber(m / 1000, 1, lang) + " km";
  }

  /* places.py place_notes for points: per point {lon, lat, named (a CBS code or null)} the
   * note validate gives, or null: "border_named" (within the precision of the boundaries of
   * the municipality the row names: it counts there), "mismatch" (in another municipality),
   * "outside" (outside the MRA). `toRd` gives a point's RD New metres (lib/rd.js). */
  function pointPlaces(points, mun, tolerance, toRd) {
    var index = {}, lonlat = decodeRings(mun.lonlat);
    mun.codes.forEach(function (c, k) { index[c] = k; });
    return points.map(function (p) {
      var w = p.named !== null && index[p.named] !== undefined ? index[p.named] : -1, dist = null;
      if (w >= 0 && !inRings(lonlat[w], p.lon, p.lat)) {
        var xy = toRd(p.lon, p.lat);
        dist = ringDistance(decodeRings(mun.rd)[w], xy[0], xy[1]);
        if (dist <= tolerance) { return {kind: "border_named", named: w, dist: dist}; }
      } else { w = -1; }
      var at = -1;
      for (var k = 0; k < mun.codes.length && at < 0; k++) { if (inRings(lonlat[k], p.lon, p.lat)) { at = k; } }
      if (at < 0) { return {kind: "outside", named: w, dist: dist}; }
      return w >= 0 ? {kind: "mismatch", named: w, dist: dist, at: at} : null;
    });
  }

  return {norm: norm, areaOf: areaOf, resolve: resolve, suggest: suggest, ratio: ratio,
    closeMatches: closeMatches, inRings: inRings, orient: orient, ringDistance: ringDistance,
    decodeRings: decodeRings,
    formatNumber: formatNumber, distanceText: distanceText, pointPlaces: pointPlaces};
}));
