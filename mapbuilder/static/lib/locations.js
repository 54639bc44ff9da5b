/* transitiekaart lib/locations: one column for the location, pure (no DOM).
 *
 * A port of geo/validate/locations.py: "52.3702, 4.8952" copied from Google Maps (lat/lon
 * in either order, told by size in the Netherlands), "121500; 487000" (RD New metres, either
 * order), read from a column named as coordinates ("coördinaten", "gps", "latlon") or a
 * "Locatie" column as soon as one of its values is a pair. The header words and the ranges
 * are data generated from Python (rules.locations, mapbuilder/mappage/check_rules.py); held to
 * Python by tests/test_check_parity.py (hypothesis feeds both the same cells).
 * In node `module.exports`; in the page `window.transitiekaart.lib.locations`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).locations = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WS = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var STRIP = new RegExp("^" + WS + "+|" + WS + "+$", "g"), RUNS = new RegExp(WS + "+");
  // Python's float(): digits with single underscores between them, a point, an exponent
  var D = "[0-9](?:_?[0-9])*";
  var FLOAT = new RegExp("^[+-]?(?:" + D + "(?:\\.(?:" + D + ")?)?|\\.(?:" + D + "))(?:[eE][+-]?" + D + ")?$");

  function strip(s) { return s.replace(STRIP, ""); }

  // locations.py _key: NFKD, ASCII, lower case, brackets out, runs of other signs as "_"
  function key(header) {
    var t = header.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();  // eslint-disable-line no-control-regex -- ASCII only
    t = t.replace(/[([][^)\]]*[)\]]/g, " ");
    return t.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  }

  // Python's float() of an ASCII text without white space around it: null where it fails
  // (and for "nan", "inf": never a coordinate here); Infinity where it overflows
  function pyFloat(t) {
    return FLOAT.test(t) ? Number(t.split("_").join("")) : null;
  }

  function number(text) {  // locations.py _number; null where Python's float() fails
    var t = strip(text).replace(/,+$/, "").split("\u00a0").join("");
    if (t.indexOf(",") >= 0 && t.indexOf(".") < 0 && t.split(",").length === 2) { t = t.replace(",", "."); }
    var v = pyFloat(strip(t));
    return v !== null && isFinite(v) ? v : null;
  }

  function twoNumbers(value) {
    if (typeof value !== "string") { return null; }
    var t = strip(strip(value).replace(/^[()[\]]+|[()[\]]+$/g, ""));
    var seps = [";", ", ", null, ","];
    for (var i = 0; i < seps.length; i++) {
      var parts = seps[i] === null ? t.split(RUNS).filter(function (x) { return x !== ""; }) : t.split(seps[i]);
      if (parts.length === 2) {
        var a = number(parts[0]), b = number(parts[1]);
        return a !== null && b !== null ? [a, b] : null;
      }
    }
    return null;
  }

  function parsePair(value) {
    var got = twoNumbers(value);
    return got && Math.abs(got[0]) <= 180 && Math.abs(got[1]) <= 180 ? got : null;
  }

  function parseRd(value, L) {
    var got = twoNumbers(value);
    if (!got) { return null; }
    var orders = [got, [got[1], got[0]]];
    for (var i = 0; i < 2; i++) {
      var x = orders[i][0], y = orders[i][1];
      if (L.rd_x[0] < x && x < L.rd_x[1] && L.rd_y[0] <= y && y <= L.rd_y[1]) { return [x, y]; }
    }
    return null;
  }

  /* locations.py place_column: {index, header, lonFirst, mixed} or null */
  function placeColumn(header, rows, L) {
    for (var i = 0; i < header.length; i++) {
      if (typeof header[i] !== "string") { continue; }
      var k = key(header[i]), mixed = L.mixed.indexOf(k) >= 0;
      if (L.pair.indexOf(k) < 0 && !mixed) { continue; }
      var given = rows.map(function (r) { return r[i]; }).filter(function (v) {
        return v !== undefined && v !== null && strip(String(v)) !== "";
      });
      if (!given.length) { continue; }
      var pairs = given.some(function (v) { return parsePair(v) !== null || parseRd(v, L) !== null; });
      if (mixed) {
        if (pairs) { return {index: i, header: header[i], lonFirst: false, mixed: true}; }
        continue;
      }
      if (!pairs && !given.some(function (v) { return /\d.*[,; ].*\d/.test(String(v)); })) { continue; }
      return {index: i, header: header[i], lonFirst: L.lon_first.indexOf(k) >= 0, mixed: false};
    }
    return null;
  }

  // locations.py _lonlat_of: by size in the Netherlands, else in the header's order
  function lonLatOf(pair, lonFirst, L) {
    var a = pair[0], b = pair[1];
    var aLat = L.nl_lat[0] <= a && a <= L.nl_lat[1] && L.nl_lon[0] <= b && b <= L.nl_lon[1];
    var bLat = L.nl_lat[0] <= b && b <= L.nl_lat[1] && L.nl_lon[0] <= a && a <= L.nl_lon[1];
    if (aLat !== bLat) { return aLat ? [b, a] : [a, b]; }
    return lonFirst ? [a, b] : [b, a];
  }

  return {key: key, strip: strip, pyFloat: pyFloat, number: number, parsePair: parsePair, parseRd: parseRd,
    placeColumn: placeColumn, lonLatOf: lonLatOf};
}));
