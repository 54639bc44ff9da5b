/* transitiekaart lib/check_geometry: a GeoJSON feature's geometry as `transitiekaart
 * validate` reads it (geo/validate/reading.py _geojson_geometry, _check_coords,
 * _check_position), pure (no DOM): the same error, with the command line's own text
 * (rules.reading.cli), for a geometry that is not an object, a GeometryCollection, an
 * unknown type, empty coordinates, a position that is not [lon, lat] (text, one number,
 * NaN/Infinity, four numbers), wrongly nested coordinates, a ring too short or not closed
 * and a line of one position. Parity with Python: tests/test_check_read.py.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_geometry = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  var GEOM_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];
  var DEPTH = {Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3};

  function Declined() {}  // a value the page cannot show as Python does

  /* reading.py _check_position: null, or [message, fix key or null, code] */
  function checkPosition(pos, meta, rules, lang) {
    var R = lib("check_read"), t = function (k, v) { return R.cli(rules, lang, k, v); };
    var short = function (v, limit, f) {
      var s = R.pyShort(v, limit, meta, f);
      if (s === null) { throw new Declined(); }
      return s;
    };
    if (!Array.isArray(pos) || pos.length < 2) {
      return [t("reading.position_not_pair", {value: short(pos, 40, false)}), null, ""];
    }
    if (pos.length > 3) {
      return [t("reading.position_4d", {count: R.formatInt(pos.length, lang), value: short(pos, 40, false)}),
        "reading.position_4d_fix", "position_4d"];
    }
    for (var i = 0; i < pos.length; i++) {
      var c = pos[i];
      if (typeof c === "string") { return [t("reading.coordinates_text", {value: short(c, 30)}), null, ""]; }
      if (typeof c !== "number") {
        return [t("reading.coordinate_not_number", {value: short(c, 30, R.floatAt(meta, pos, i))}), null, ""];
      }
      if (!isFinite(c)) { return [t("reading.coordinates_not_finite"), null, ""]; }
    }
    return null;
  }

  /* reading.py _check_coords: "EMPTY", null, or [message, fix key or null, code] */
  function checkCoords(kind, coords, meta, rules, lang) {
    var R = lib("check_read"), t = function (k, v) { return R.cli(rules, lang, k, v); };
    if (coords === null || coords === undefined || (Array.isArray(coords) && !coords.length)) { return "EMPTY"; }
    function walk(c, d) {
      if (d === 0) { return checkPosition(c, meta, rules, lang); }
      if (!Array.isArray(c) || !c.length) { return [t("reading.nested_wrongly"), null, ""]; }
      for (var i = 0; i < c.length; i++) {
        var err = walk(c[i], d - 1);
        if (err) { return err; }
      }
      return null;
    }
    var err = walk(coords, DEPTH[kind]);
    if (err) { return err; }
    var polys = kind === "Polygon" ? [coords] : kind === "MultiPolygon" ? coords : [];
    for (var pi = 0; pi < polys.length; pi++) {
      for (var ri = 0; ri < polys[pi].length; ri++) {
        var ring = polys[pi][ri];
        var part = kind === "MultiPolygon" ? t("reading.ring_of_polygon", {ring: ri + 1, polygon: pi + 1}) :
          t("reading.ring", {ring: ri + 1});
        if (ring.length < 4) {
          return [t("reading.ring_too_short", {part: part, count: R.formatInt(ring.length, lang)}), null, ""];
        }
        var a = ring[0], b = ring[ring.length - 1];
        if (a[0] !== b[0] || a[1] !== b[1]) {
          var first = R.pyRepr(a, meta), last = R.pyRepr(b, meta);
          if (first === null || last === null) { throw new Declined(); }
          return [t("reading.ring_not_closed", {part: part, first: first, last: last}), null, ""];
        }
      }
    }
    if (kind === "LineString" || kind === "MultiLineString") {
      var lines = kind === "LineString" ? [coords] : coords;
      if (lines.some(function (l) { return l.length < 2; })) { return [t("reading.line_too_short"), null, ""]; }
    }
    return null;
  }

  /* A feature's geometry: {kind, coordinates} (read), {none: true} (no geometry: a place
   * column may place it), {problem: {message, hint, code, value}} (refused as validate
   * refuses it) or {declined: true} (the page cannot tell the message). */
  function readGeometry(g, meta, rules, lang) {
    if (g === null || g === undefined) { return {none: true}; }
    // the common case first: a point of two or three finite numbers
    var c = g.coordinates;
    if (g.type === "Point" && Array.isArray(c) && (c.length === 2 || c.length === 3) &&
        typeof c[0] === "number" && isFinite(c[0]) && typeof c[1] === "number" && isFinite(c[1]) &&
        (c.length === 2 || (typeof c[2] === "number" && isFinite(c[2])))) {
      return {kind: "Point", coordinates: c};
    }
    var R = lib("check_read"), t = function (k, v) { return R.cli(rules, lang, k, v); };
    var fix = t("reading.fix_geometry");
    if (typeof g !== "object" || Array.isArray(g)) {
      return {problem: {message: t("reading.geometry_not_object"), hint: fix, code: null, value: g}};
    }
    var kind = g.type;
    if (kind === "GeometryCollection") {
      return {problem: {message: t("reading.geometry_collection"), hint: t("reading.geometry_collection_fix"),
        code: null, value: kind}};
    }
    if (GEOM_TYPES.indexOf(kind) < 0) {
      if (kind !== null && kind !== undefined && typeof kind !== "string") { return {declined: true}; }
      return {problem: {message: t("reading.unknown_geometry_type"),
        hint: t("reading.unknown_geometry_type_fix", {types: GEOM_TYPES.join(", ")}), code: null,
        value: kind === undefined ? null : kind}};
    }
    var err;
    try { err = checkCoords(kind, g.coordinates, meta, rules, lang); }
    catch (e) { if (e instanceof Declined) { return {declined: true}; } throw e; }
    if (err === "EMPTY") {
      return {problem: {message: t("reading.empty_geometry"), hint: t("reading.empty_geometry_fix"), code: null,
        value: g.coordinates === undefined ? null : g.coordinates}};
    }
    if (err) { return {problem: {message: err[0], hint: err[1] ? t(err[1]) : fix, code: err[2] || null, value: null}}; }
    // positions with and without a height in one geometry: validate reads it as 3-D and drops
    // the height (reading.py _with_z); the page leaves that file to it
    var sizes = {};
    (function walk(c, d) {
      if (d === 0) { sizes[c.length] = 1; } else { c.forEach(function (x) { walk(x, d - 1); }); }
    }(g.coordinates, DEPTH[kind]));
    if (Object.keys(sizes).length > 1) { return {declined: true}; }
    return {kind: kind, coordinates: g.coordinates};
  }

  return {readGeometry: readGeometry, checkCoords: checkCoords, checkPosition: checkPosition,
    GEOM_TYPES: GEOM_TYPES};
}));
