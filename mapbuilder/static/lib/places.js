/* transitiekaart lib/places: which MRA area a place column names, pure (no DOM).
 *
 * A port of geo/validate/places.py _norm and _area_of: a municipality by its name in any
 * case or spelling or its CBS code ("GM1942", "1942"), a former municipality ("Weesp":
 * Amsterdam since 2022), a subregion, or the whole MRA ("MRA-breed", "regio"). The names
 * themselves are data generated from Python (rules.areas, mapbuilder/check_rules.py).
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
   * columns (texts as place_value gives them, or null): {place, area, former?} or null. */
  function resolve(mun, scope, areas) {
    var w = scope ? areaOf(scope, areas, true) : null;
    var at = mun ? areaOf(mun, areas, false) : null;
    var got = null;
    if (w && w.place === "mra") { got = w; }
    else if (at) { got = at; }
    else if (w) { got = w; }
    if (!got) { return null; }
    // the merger note is made from the municipality column only (places.py former_of(mun))
    return {place: got.place, area: got.area, former: got === at && got.former ? got.former : null};
  }

  return {norm: norm, areaOf: areaOf, resolve: resolve};
}));
