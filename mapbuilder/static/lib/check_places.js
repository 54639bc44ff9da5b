/* transitiekaart lib/check_places: the place and coordinate rules of the page's check, pure
 * (no DOM, no Leaflet, no page state).
 *
 * Ports of `transitiekaart validate`: a sheet's coordinate columns and cells
 * (geo/validate/tables.py _coordinate_columns, _parse_coord, coordinate_not_number), the
 * point checks of geo/validate/checks.py _check_geometries (out of range, lat/lon swapped,
 * RD New metres without a declared system, 'x_rd'/'y_rd' read as RD New), a Locatie column's
 * cells (geo/validate/locations.py, with lib/locations.js), a row's place (places.py
 * resolve_place: municipality, subregion, former names, "did you mean"; places.no_location
 * for a row with neither coordinates nor a place) and the notes of
 * geo/validate/places.py place_notes on points (the border rule, another municipality,
 * outside the MRA), with the border rule's move of a point just inside the municipality its
 * row names (places._snap_to_named), so that the page's register download places it as
 * `transitiekaart add` does. Bounds, column names, the shapes points are moved into and
 * every message come from `rules` (mapbuilder/mappage/check_rules.py); lib/check_core.js
 * orchestrates. Held to Python by tests/test_check_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.check_places`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_places = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // another pure module of static/lib (in node required; in the page loaded before this one)
  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function fill(text, marks) {
    Object.keys(marks).forEach(function (m) { text = text.split(m).join(marks[m]); });
    return text;
  }

  // ---- a sheet's coordinate columns and cells (tables.py) ---------------------------------

  function columnKey(h) { return lib("locations").strip(String(h)).toLowerCase().replace(/ /g, "_"); }

  /* tables.py _coordinate_columns: {x, y (indexes, -1 when none), xcol, ycol (the headers),
   * rdNamed ('x_rd'/'y_rd': RD New by name)}; lon/lat columns first, else x/y */
  function sheetColumns(header, rules) {
    var stripped = header.map(function (h) {
      return h === null || h === undefined ? "" : lib("locations").strip(String(h));
    });
    var keys = {};
    stripped.forEach(function (h) { keys[columnKey(h)] = h; });  // the last of a key wins
    function pick(names) {
      for (var i = 0; i < names.length; i++) { if (has(keys, names[i])) { return keys[names[i]]; } }
      return null;
    }
    var xcol = pick(rules.lon), ycol = pick(rules.lat);
    if (xcol === null || ycol === null) { xcol = pick(rules.x); ycol = pick(rules.y); }
    var rd = xcol !== null && ycol !== null && rules.rd_named.indexOf(columnKey(xcol)) >= 0 &&
      rules.rd_named.indexOf(columnKey(ycol)) >= 0;
    return {x: xcol === null ? -1 : stripped.indexOf(xcol), y: ycol === null ? -1 : stripped.indexOf(ycol),
      xcol: xcol, ycol: ycol, rdNamed: rd};
  }

  /* tables.py _parse_coord on a cell: {value}, {empty} (none given), {bad} (validate: not a
   * number) or {unsure} (text Python's float() may read otherwise: nan, inf, an overflow,
   * digits of another script, a number cell without a number; left to the command line) */
  function coordCell(v) {
    var LOC = lib("locations");
    if (v === null || v === undefined) { return {empty: true}; }
    if (typeof v === "boolean") { return {bad: true}; }
    // a number that is not finite: a sheet's number cell that holds none (the reader's NaN)
    if (typeof v === "number") { return isFinite(v) ? {value: v} : {unsure: true}; }
    if (typeof v !== "string") { return {unsure: true}; }
    var t = LOC.strip(v);
    if (!t) { return {empty: true}; }
    t = t.split("\u00a0").join("");
    if (t.indexOf(",") >= 0 && t.indexOf(".") < 0 && t.split(",").length === 2) { t = t.replace(",", "."); }
    t = LOC.strip(t);
    if (/[^\x20-\x7e]/.test(t) || /^[+-]?(nan|inf|infinity)$/i.test(t)) { return {unsure: true}; }  // printable ASCII only
    var x = LOC.pyFloat(t);
    if (x === null) { return {bad: true}; }
    return isFinite(x) ? {value: x} : {unsure: true};
  }

  /* A sheet row's x and y cells as tables._tabular reads them: {lon, lat}, {} when both are
   * empty, {error: {field, value}} (coordinate_not_number: the first column that is not a
   * number) or null (left to the command line) */
  function sheetPoint(xv, yv, cols) {
    var cx = coordCell(xv), cy = coordCell(yv);
    if (cx.empty && cy.empty) { return {}; }
    if (cx.unsure || cy.unsure) { return null; }
    if (cx.value === undefined) { return {error: {field: cols.xcol, value: xv === undefined ? null : xv}}; }
    if (cy.value === undefined) { return {error: {field: cols.ycol, value: yv === undefined ? null : yv}}; }
    return {lon: cx.value, lat: cy.value};
  }

  /* The coordinate_not_number error of a row (feeds the record's notes) */
  function notNumber(error, msgs) {
    var t = msgs.coordinate_not_number;
    return {severity: "error", code: "coordinate_not_number", message: t[0].split("§C§").join(error.field),
      hint: t[1], field: error.field, value: error.value, column: null};
  }

  // ---- one column for the location (locations.py read_place_cell, note_for) ---------------

  /* A Locatie/coördinaten cell into the record: rec.lon/lat (a pair, or RD New metres, then
   * rec.rdPair for its note), rec.address (an area named there), or a reason */
  function pairCell(v, pair, rec, rules, why) {
    var LOC = lib("locations"), strip = LOC.strip;
    if (typeof v === "string" && /(?![0-9])\p{Nd}/u.test(v)) { why("location_cell"); return; }
    if (v === null || v === "" || (typeof v === "string" && !strip(v))) { return; }
    var two = LOC.parsePair(v), rd = two ? null : LOC.parseRd(v, rules.locations);
    if (two) { var ll = LOC.lonLatOf(two, pair.lonFirst, rules.locations); rec.lon = ll[0]; rec.lat = ll[1]; }
    else if (rd) {
      var w = lib("rd").toWgs84(rd[0], rd[1], rules.rd);
      rec.lon = w[0]; rec.lat = w[1];
      rec.rdPair = {x: rd[0], y: rd[1], value: v, column: strip(pair.header)};
    } else if (typeof v === "string" && lib("places").areaOf(v, rules.areas, false)) {
      rec.address = strip(v);  // an area named in the column: the place
    } else {  // read_place_cell: an error at the cell, the row refused (check_core.js writes it)
      rec.refused = true;
      rec.pairUnread = {value: v, column: strip(pair.header), mixed: !!pair.mixed};
    }
  }

  // the note on a cell read as RD New metres (its id is set once the ids are known)
  function rdPairNote(rec, name, ctx) {
    var P = lib("places"), M = ctx.msgs, pair = rec.rdPair, col = ctx.repr(pair.column);
    var whole = function (v) { return P.formatNumber(v, 0, "en").split(",").join(""); };
    if (col === null) { ctx.why("location_cell"); }
    return ctx.problem("note", "rd_pair", fill(M.rd_pair[0], {"'§C§'": col, "§RX§": whole(pair.x), "§RY§": whole(pair.y)}),
      M.rd_pair[1], {feature: rec.feature, row: rec.row, name: name, field: "geometry", column: pair.column,
        value: pair.value});
  }

  // the file's note on how its location column was read ({code, key, column}), or null
  function pairColumnNote(n, ctx) {
    var c = ctx.repr(n.column), t = ctx.msgs[n.key];
    if (c === null) { ctx.why("location_cell"); return null; }
    return ctx.problem("note", n.code, t[0].split("'§C§'").join(c), t[1], {field: "geometry", column: n.column});
  }

  // ---- a row's place (places.py resolve_place) ----------------------------------------------

  // geo/validate/fields.py place_value: a place column's value as text, or null
  var REGISTER_PLACES = ["point", "municipality", "subregion", "mra"];  // places.py resolve_place

  function placeValue(v) {
    if (typeof v === "number") { return Number.isSafeInteger(v) ? String(v) : null; }
    if (typeof v !== "string") { return null; }
    return lib("locations").strip(v) || null;
  }

  function filled(v) { return v !== undefined && v !== null && String(v).trim() !== ""; }

  /* Where a row's project is, as resolve_place decides (its notes pushed on `notes`):
   * {point, named (the CBS code its municipality column names), place ({place, area} without
   * coordinates)}, {refused: true, notes} (an error, or a point validate refused), or null
   * with a reason given to ctx.why (left to the command line) */
  function placeOf(rec, notes, ctx) {
    var R = ctx.rules, M = ctx.msgs, P = lib("places"), why = ctx.why;
    var mun = placeValue(rec.municipality), scope = placeValue(rec.subregion);
    if ((filled(rec.municipality) && mun === null) || (filled(rec.subregion) && scope === null)) {
      why("municipality"); return null;
    }
    // the register's own columns (an earlier release wrote them): place and place_area
    var regPlace = placeValue(rec.place), placeArea = placeValue(rec.place_area);
    if ((filled(rec.place) && regPlace === null) || (filled(rec.place_area) && placeArea === null)) {
      why("place"); return null;
    }
    var registerForm = REGISTER_PLACES.indexOf(regPlace) >= 0;
    if (regPlace !== null && !registerForm) { mun = mun || regPlace; }  // an English "place" naming the town
    if (rec.refused) { return {refused: true, notes: notes}; }  // its place is not resolved
    if (typeof rec.lon === "number" && typeof rec.lat === "number") {
      if (scope && regPlace !== "point") {  // a point also called area-wide: a note (not in the register's form)
        var wide = P.areaOf(scope, R.areas, true), shown = ctx.repr(scope);
        if (wide && wide.place !== "municipality") {
          if (shown === null) { why("subregion"); return null; }
          var sw = M.scope_with_coordinates;
          notes.push({code: "scope_with_coordinates", message: sw[0].split("'§S§'").join(shown),
            hint: sw[1], field: "subregion", value: scope});
        }
      }
      var nm = mun ? P.areaOf(mun, R.areas, false) : null;  // places.named_municipality
      return {point: true, named: nm && nm.place === "municipality" ? nm.area : null, place: null};
    }
    if (rec.lon !== null && rec.lon !== undefined || rec.lat !== null && rec.lat !== undefined) {
      why("coordinates"); return null;
    }
    if (registerForm && regPlace !== "point" && placeArea) {  // the register's form, as it wrote it
      var found = P.areaOf(placeArea, R.areas, false);
      if (found && found.place === regPlace) {
        return {point: false, named: null, place: {place: found.place, area: found.area}};
      }
    }
    var address = placeValue(rec.address);
    if (!mun && !scope && !address) {  // places.py no_location: one error, in every format
      notes.push({code: "no_location", severity: "error", field: "geometry", value: null,
        message: M.no_location[0], hint: M.no_location[1]});
      return {refused: true, notes: notes};
    }
    var place = P.resolve(mun, scope, R.areas, address);
    if (!place) {
      if (!mun && !scope) {  // places.py: an address alone is not looked up (no internet)
        notes.push({code: "address_only", severity: "error", field: "address", value: address,
          message: M.address.only[0], hint: M.address.only[1]});
        return {refused: true, notes: notes};
      }
      // an error naming the value, with validate's "did you mean"
      var near = P.suggest(mun || scope, R.areas), S = M.suggest;
      if (near === null) { why("unknown_area"); return null; }
      notes.push({code: "unknown_area", severity: "error", field: mun ? "municipality" : "subregion",
        value: mun || scope, hint: M.unknown_area[1], message: M.unknown_area[0] +
        (near.length ? S[0] + near.map(function (n) { return "'" + n + "'"; }).join(S[1]) + S[2] : "")});
      return {refused: true, notes: notes};
    }
    var unused = address && !P.areaOf(address, R.areas, false) ? lib("check_read").pyStr(address) : null;
    if (address && !P.areaOf(address, R.areas, false) && unused === null) { why("address"); return null; }
    if (place.former) {  // places.py merger_note
      var given = ctx.repr(mun);
      if (given === null) { why("municipality"); return null; }
      var t = M.former.map(function (text) {
        return text.split("'" + R.v_sentinel + "'").join(given).split(R.id_sentinel).join(place.former[1])
          .split(String(R.y_sentinel)).join(String(place.former[2]));
      });
      notes.push({code: "former_municipality", message: t[0], hint: t[1], field: "municipality", value: mun});
    }
    if (unused !== null) {  // placed by its area; the address is not read (places.py address_unused)
      var W = M.address.where, where = place.place === "municipality" ?
        W.municipality.split("§N§").join(R.areas.names[place.area] || place.area) :
        place.place === "subregion" ? W.subregion.split("§N§").join(place.area) : W.mra;
      notes.push({code: "address_unused", severity: "note", field: "address", value: address,
        message: M.address.unused[0].split("'§V§'").join(unused).split("§W§").join(where),
        hint: M.address.unused[1]});
    }
    return {point: false, named: null, place: place};
  }

  // ---- the points (checks.py _check_geometries) -------------------------------------------

  function inBox(b, x, y) { return x >= b[0] && x <= b[1] && y >= b[2] && y <= b[3]; }

  // checks.py _coord: a coordinate as a person wrote it ("4,9", "52,3702" in Dutch)
  function coordText(v, lang) {
    return lib("places").formatNumber(v, 7, lang).replace(/0+$/, "").replace(/[.,]+$/, "");
  }

  /* Each record with a point (rec.lon, rec.lat) is checked as validate checks it: an error
   * lat/lon swapped or out of range goes into rec.errors and refuses the record
   * (rec.refused); RD New metres refuse the whole file with one error (returned, with
   * `refusedAll`); 'x_rd'/'y_rd' (sheet.rdNamed) are RD New: degrees there are an error,
   * metres are moved to WGS84 (lib/rd.js). `sheet`: sheetColumns of a sheet with x/y
   * columns, else null (a GeoJSON or a Locatie column: validate's GeoJSON wording). */
  function checkPoints(recs, sheet, ctx) {
    var R = ctx.rules, B = R.boxes, M = ctx.msgs, L = ctx.lang, rd = [], out = {problems: [], refusedAll: false};
    recs.forEach(function (rec) {
      if (typeof rec.lon !== "number" || typeof rec.lat !== "number") { return; }
      var x = rec.lon, y = rec.lat, err = null;
      if (sheet && sheet.rdNamed) {
        if (inBox(B.lonlat, x, y)) {
          var cx = ctx.repr(sheet.xcol), cy = ctx.repr(sheet.ycol);
          if (cx === null || cy === null) { ctx.why("location_columns"); return; }
          err = {code: "crs_degrees", t: M.crs_degrees_rd_named.map(function (t) {
            return fill(t, {"'§X§'": cx, "'§Y§'": cy});
          }), value: [x, y]};
        } else {
          var w = lib("rd").toWgs84(x, y, R.rd);
          if (!isFinite(w[0]) || !isFinite(w[1]) || Math.abs(w[0]) > 180 ||
              !inBox(B.rd, x, y)) { ctx.why("rd_named"); return; }  // crs_transform: not ported
          rec.lon = w[0]; rec.lat = w[1];
          return;
        }
      } else if (inBox(B.rd, x, y)) { rd.push(rec); return; }
      else if (inBox(B.swapped, x, y)) {
        if (sheet) {
          var lat = ctx.repr(sheet.ycol), lon = ctx.repr(sheet.xcol);
          if (lat === null || lon === null) { ctx.why("location_columns"); return; }
          var marks = {"'§LAT§'": lat, "'§LON§'": lon, "§LAT§": sheet.ycol, "§LON§": sheet.xcol};
          err = {code: "latlon_swapped", t: M.latlon_swapped_sheet.map(function (t) { return fill(t, marks); }),
            value: sheet.ycol + " " + coordText(y, L) + "; " + sheet.xcol + " " + coordText(x, L),
            column: sheet.ycol + "/" + sheet.xcol};
        } else { err = {code: "latlon_swapped", t: M.latlon_swapped_geojson, value: [x, y]}; }
      } else if (!inBox(B.lonlat, x, y)) { err = {code: "coordinates_range", t: M.coordinates_range, value: [x, y]}; }
      if (err) {
        rec.refused = true;
        (rec.errors = rec.errors || []).push({severity: "error", code: err.code, message: err.t[0], hint: err.t[1],
          field: "geometry", value: err.value, column: err.column || null});
      }
    });
    if (rd.length) {  // one error for the file: every such row has the same cause
      var first = rd[0], P = lib("places");
      var at = first.row !== null && first.row !== undefined ? M.at_row[0].split("§R§").join(String(first.row)) :
        M.at_feature[0].split("§R§").join(String(first.feature));
      var whole = function (v) { return P.formatNumber(v, 0, "en").split(",").join(""); };
      var text = fill(M.rd_undeclared[0], {"§K§": P.formatNumber(rd.length, 0, L), "§AT§": at,
        "§RX§": whole(first.lon), "§RY§": whole(first.lat)});
      out.problems.push(ctx.problem("error", "rd_undeclared", text, M.rd_undeclared[sheet ? 1 : 2],
        {field: "geometry", column: sheet ? sheet.xcol + "/" + sheet.ycol : null}));
      rd.forEach(function (rec) { rec.refused = true; });
      out.refusedAll = true;
    }
    return out;
  }

  // ---- the border rule's move (places._snap_to_named) -------------------------------------

  // per municipality its rings shrunk by places._INSIDE_M, in RD New (rules.municipalities)
  function insideRings(mun) { return lib("places").decodeRings(mun.inside); }

  // GEOS DistanceOp on a point outside polygon rings: the nearest point of their edges
  // (Distance::pointToSegment picks the edge, LineSegment::closestPoint the point on it)
  function nearestOnRings(rings, x, y) {
    var best = Infinity, at = null;
    rings.forEach(function (r) {
      for (var i = 1; i < r.length; i++) {
        var ax = r[i - 1][0], ay = r[i - 1][1], bx = r[i][0], by = r[i][1], dx = bx - ax, dy = by - ay;
        var len2 = dx * dx + dy * dy, d, f = null;
        if (len2 === 0) { d = Math.hypot(x - ax, y - ay); }
        else {
          f = ((x - ax) * dx + (y - ay) * dy) / len2;
          if (f <= 0) { d = Math.hypot(x - ax, y - ay); }
          else if (f >= 1) { d = Math.hypot(x - bx, y - by); }
          else { d = Math.abs(((ay - y) * dx - (ax - x) * dy) / len2) * Math.sqrt(len2); }
        }
        if (d < best) {
          best = d;
          if (f !== null && f > 0 && f < 1) { at = [ax + f * dx, ay + f * dy]; }
          else { at = Math.hypot(x - ax, y - ay) < Math.hypot(x - bx, y - by) ? [ax, ay] : [bx, by]; }
        }
      }
    });
    return at;
  }

  /* A point (lon, lat) just outside municipality `w` moved as validate moves it: onto the
   * nearest point of the shape shrunk by 2 m, in RD New, back in WGS84: [lon, lat] */
  function snapInside(lon, lat, w, mun, rd) {
    var R = lib("rd"), xy = R.toRd(lon, lat, rd);
    var got = nearestOnRings(insideRings(mun)[w], xy[0], xy[1]);
    return R.toWgs84(got[0], got[1], rd);
  }

  // ---- the notes on points (places.py place_notes) ------------------------------------------

  /* The border rule, another municipality, outside the MRA: per point project a note in
   * `out`, and a point within the boundaries' precision of the municipality its row names
   * moved just inside it (p.lon, p.lat; p.snapped), as validate does */
  function placeNotes(projects, recs, out, ctx) {
    var P = lib("places"), R = ctx.rules, mun = R.municipalities, L = ctx.lang, msgs = ctx.msgs;
    var points = projects.filter(function (p) { return p.place === "point" && !p.shape; });
    var anyNamed = points.some(function (p) { return p.named; });
    var byFeature = {}, munCol = null, placeCol = null;
    recs.forEach(function (r) {  // checks.py: the file's municipality column, else its place column
      byFeature[r.feature] = r;
      if (munCol === null && r.cols && r.cols.municipality) { munCol = r.cols.municipality; }
      if (placeCol === null && r.cols && r.cols.place) { placeCol = r.cols.place; }
    });
    var col = munCol || placeCol;
    var shown = ctx.repr(col || (L === "en" ? "municipality" : "gemeente"));
    var got = P.pointPlaces(points.map(function (p) {
      return {lon: p.lon, lat: p.lat, named: anyNamed ? p.named : null};
    }), mun, mun.tolerance_m, function (lon, lat) { return lib("rd").toRd(lon, lat, R.rd); });
    points.forEach(function (p, i) {
      var g = got[i];
      if (!g) { return; }
      var rec = byFeature[p.feature];
      if (shown === null) { ctx.why("municipality"); return; }
      var N = g.named >= 0 ? mun.names[g.named] : null, F = g.dist === null ? null : P.distanceText(g.dist, L);
      var key = g.kind === "border_named" ? "border_named" : g.kind === "mismatch" ?
        (g.dist <= mun.near_m ? "mismatch_near" : "mismatch_far") :
        (N === null ? "outside" : g.dist <= mun.near_m ? "outside_named_near" : "outside_named_far");
      var t = msgs[key].map(function (text) {
        return fill(text, {"'§C§'": shown, "§N§": N, "§A§": g.at >= 0 ? mun.names[g.at] : "", "§F§": F,
          "§X§": P.formatNumber(p.lon, 5, L), "§Y§": P.formatNumber(p.lat, 5, L)});
      });
      var extra = {feature: p.feature, row: rec.row, id: p.id, name: p.name};
      if (g.kind === "outside") {
        extra.field = "geometry";
      } else {
        extra.field = "municipality"; extra.value = N;
        extra.column = col !== null && col !== "municipality" ? col : null;
      }
      if (g.kind === "border_named") {
        var moved = snapInside(p.lon, p.lat, g.named, mun, R.rd);
        p.lon = moved[0]; p.lat = moved[1]; p.snapped = true;
      }
      out.push(ctx.problem("note", g.kind === "outside" ? "outside_mra" : g.kind === "mismatch" ?
        "municipality_mismatch" : "border_named", t[0], t[1], extra));
    });
    // lines, polygons, multipoints (lib/check_shapes.js): outside when less than half lies in
    // the municipalities (combine.py largest_overlap), named at their representative point
    projects.forEach(function (p) {
      if (p.place !== "point" || !p.shape) { return; }
      var got = lib("check_shapes").overlap(p.shape, mun, R.rd);
      if (got === null) { ctx.why("geometry_shape"); return; }
      p.municipality = got.best >= 0 ? mun.codes[got.best] : null;  // assign_areas: largest overlap
      if (got.best >= 0) { p.drawAt = lib("check_shapes").overlapPoint(p.shape, got.best, mun, R.rd); }  // the map's point
      if (got.inside) { return; }
      var t = msgs.outside_mostly.map(function (text) {
        return fill(text, {"§X§": P.formatNumber(p.lon, 5, L), "§Y§": P.formatNumber(p.lat, 5, L)});
      });
      out.push(ctx.problem("note", "outside_mra", t[0], t[1], {feature: p.feature, row: byFeature[p.feature].row,
        id: p.id, name: p.name, field: "geometry"}));
    });
  }

  return {pairCell: pairCell, rdPairNote: rdPairNote, pairColumnNote: pairColumnNote, placeValue: placeValue,
    placeOf: placeOf, sheetColumns: sheetColumns, coordCell: coordCell, sheetPoint: sheetPoint, notNumber: notNumber,
    checkPoints: checkPoints, coordText: coordText, nearestOnRings: nearestOnRings, snapInside: snapInside,
    placeNotes: placeNotes};
}));
