/* transitiekaart lib/check_core: the page's own check of a partner's file, pure (no DOM).
 *
 * Ports of the algorithms of `transitiekaart validate` that cannot be data: text decoding
 * (UTF-8, else Windows-1252), CSV splitting, a sheet of an .xlsx (zip and XML read by
 * lib/xlsx.js; the inflating is given: DecompressionStream in the page, zlib in node), header recognition, theme word matching, plain
 * amounts, derived ids (SHA-1), and "is this point well inside the MRA". All data (column
 * names, theme vocabulary, status words, the MRA outline, the message texts) comes from
 * `rules`, generated from Python by mapbuilder/mappage/check_rules.py; nothing is typed twice.
 *
 * Honesty rule: the check reproduces the command line's problems only for the cases it
 * covers. Any other case (an unknown theme, an amount with a unit, a place without
 * coordinates, a point near the MRA's edge, ...) is collected as a reason and reported as
 * one note `check_incomplete`, so the page never says "OK" where the command line might not.
 * Parity with Python: tests/test_check_parity.py.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_core = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // another pure module of static/lib (in node required; in the page loaded beside this one)
  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  // ---- text ----------------------------------------------------------------------------
  var CP1252 = {128: 8364, 130: 8218, 131: 402, 132: 8222, 133: 8230, 134: 8224, 135: 8225,
    136: 710, 137: 8240, 138: 352, 139: 8249, 140: 338, 142: 381, 145: 8216, 146: 8217,
    147: 8220, 148: 8221, 149: 8226, 150: 8211, 151: 8212, 152: 732, 153: 8482, 154: 353,
    155: 8250, 156: 339, 158: 382, 159: 376};

  // the offset of the first byte that is not valid UTF-8 (as Python's UnicodeDecodeError.start)
  function utf8Error(b) {
    for (var i = 0; i < b.length;) {
      var c = b[i], n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 :
        c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      if (n < 0) { return i; }
      var lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      var hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      for (var k = 1; k <= n; k++) {
        var d = b[i + k];
        if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) { return i; }
      }
      i += n + 1;
    }
    return -1;
  }

  function decode(bytes) {
    var bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    var body = bom ? bytes.subarray(3) : bytes;
    try {
      return {text: new TextDecoder("utf-8", {fatal: true}).decode(body), bom: bom, utf8: true};
    } catch (e) {
      var at = utf8Error(body), line = 1, undefinedByte = false;
      for (var j = 0; j < at; j++) { if (body[j] === 10) { line++; } }
      var out = "";
      for (var i = 0; i < body.length; i++) {
        if ([0x81, 0x8d, 0x8f, 0x90, 0x9d].indexOf(body[i]) >= 0) { undefinedByte = true; }
        out += String.fromCharCode(CP1252[body[i]] || body[i]);
      }
      return {text: out, bom: bom, utf8: false, cp1252: !undefinedByte,
        byte: ("0" + body[at].toString(16)).slice(-2), line: line};
    }
  }

  // RFC 4180 rows: quotes, doubled quotes, CRLF; each row with its last line number
  function parseCsv(text, delim) {
    var rows = [], row = [], cell = "", q = false, line = 1, i, c;
    for (i = 0; i < text.length; i++) {
      c = text[i];
      if (q) {
        if (c === '"') {
          if (text[i + 1] === '"') { cell += '"'; i++; } else { q = false; }
        } else { if (c === "\n") { line++; } cell += c; }
      } else if (c === '"' && cell === "") { q = true; }
      else if (c === delim) { row.push(cell); cell = ""; }
      else if (c === "\r" && text[i + 1] === "\n") { continue; }
      else if (c === "\n" || c === "\r") {
        row.push(cell); rows.push({line: line, cells: row}); row = []; cell = ""; line++;
      } else { cell += c; }
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push({line: line, cells: row}); }
    return {rows: rows, open: q};
  }

  // ---- headers and amounts (lib/check_fields.js, lib/check_amounts.js) -------------------
  function headerKey(h) { return lib("check_fields").headerKey(h); }
  function fieldOf(h, rules) { return lib("check_fields").fieldOf(h, rules); }
  function headerUnit(header, rules) { return lib("check_amounts").headerUnit(header, rules); }
  function settleNotation(header, values, fileHint, keys, lang, rules) {
    return lib("check_amounts").settleNotation(header, values, fileHint, keys, lang, rules);
  }

  // ---- fields (lib/check_fields.js, lib/check_themes.js, lib/check_ids.js) ----------------
  function pyStrip(s) { return lib("check_fields").pyStrip(s); }

  // ---- cells ------------------------------------------------------------------------------
  function parseCoord(text) {  // geo/validate/tables.py _parse_coord
    var t = String(text).trim().split("\u00a0").join("");
    if (!t) { return null; }
    if (t.indexOf(",") >= 0 && t.indexOf(".") < 0 && t.split(",").length === 2) { t = t.replace(",", "."); }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) { return null; }
    var v = Number(t);
    return isFinite(v) ? v : null;
  }

  // ---- the check --------------------------------------------------------------------------
  function problem(sev, code, msg, hint, extra) {
    var p = {severity: sev, code: code, feature: null, row: null, column: null, id: null,
      name: null, field: null, value: null, message: msg, hint: hint};
    Object.keys(extra || {}).forEach(function (k) { p[k] = extra[k]; });
    return p;
  }

  function fmtText(tpl, vals) {
    return tpl.replace(/\{(\w+)\}/g, function (m, k) { return k in vals ? String(vals[k]) : m; });
  }

  function detectDelimiter(first) {
    var found = [",", ";", "\t"].filter(function (d) { return first.indexOf(d) >= 0; });
    return found.length === 1 ? found[0] : null;
  }

  // Python's repr() of a text, for the texts where it is the text in single quotes; else null
  function pyRepr(v) {
    return typeof v === "string" && /^[\x20-\x26\x28-\x5b\x5d-\x7e\xa1-\xac\xae-\xff]*$/.test(v) ? "'" + v + "'" : null;
  }

  // geo/validate/fields.py place_value: a place column's value as text, or null
  function placeValue(v) {
    if (typeof v === "number") { return Number.isSafeInteger(v) ? String(v) : null; }
    if (typeof v !== "string") { return null; }
    return pyStrip(v) || null;
  }

  function filled(v) { return v !== undefined && v !== null && String(v).trim() !== ""; }

  // one row's fields -> a project (with its notes, in validate's order), or null with a
  // reason it is left to the command line
  function checkRecord(rec, rules, why, msgs, lang, tabular, fileCols) {
    // the fields (lib/check_fields.js): its problems, in validate's order, then the place's
    var F = lib("check_fields").checkFields(rec, {rules: rules, lang: lang, why: why, msgs: msgs,
      tabular: tabular, cols: fileCols || rec.cols || {}});
    if (F === null) { return null; }
    var name = F.name, notes = F.problems;
    function note(code, tpl, field, value) {
      notes.push({code: code, message: tpl[0], hint: tpl[1], field: field, value: value});
    }
    if (typeof name === "string" && name.length > 200) { why("name"); return null; }  // a very long name
    var keep = true;
    ["place", "place_area", "sample"].forEach(function (f) {
      if (filled(rec[f])) { why(f); keep = false; }
    });
    if (!keep) { return null; }
    var mun = placeValue(rec.municipality), scope = placeValue(rec.subregion), place = null;
    if ((filled(rec.municipality) && mun === null) || (filled(rec.subregion) && scope === null)) {
      why("municipality"); return null;
    }
    var point = typeof rec.lon === "number" && typeof rec.lat === "number", named = null;
    if (point) {
      if (scope) { why("subregion"); return null; }  // scope_with_coordinates: not ported
      // checks.py _check_geometries: out of range, lat/lon swapped (not ported)
      if (Math.abs(rec.lon) > 180 || Math.abs(rec.lat) > 90 ||
          (rec.lon >= 50 && rec.lon <= 54 && rec.lat >= 2.5 && rec.lat <= 8)) { why("location"); return null; }
      var nm = mun ? lib("places").areaOf(mun, rules.areas, false) : null;
      named = nm && nm.place === "municipality" ? nm.area : null;  // places.named_municipality
    } else {
      if (rec.lon !== null && rec.lon !== undefined || rec.lat !== null && rec.lat !== undefined) {
        why("coordinates"); return null;
      }
      var address = placeValue(rec.address);
      if (!mun && !scope && !address) { why("no_coordinates"); return null; }
      place = lib("places").resolve(mun, scope, rules.areas, address);
      if (!place) {
        if (!mun && !scope) { why("address"); return null; }
        // places.py resolve_place: an error naming the value, with validate's "did you mean"
        var near = lib("places").suggest(mun || scope, rules.areas), S = msgs.suggest;
        if (near === null) { why("unknown_area"); return null; }
        notes.push({code: "unknown_area", severity: "error", field: mun ? "municipality" : "subregion",
          value: mun || scope, hint: msgs.unknown_area[1], message: msgs.unknown_area[0] +
          (near.length ? S[0] + near.map(function (n) { return "'" + n + "'"; }).join(S[1]) + S[2] : "")});
        return {refused: true, notes: notes};
      }
      if (address && !lib("places").areaOf(address, rules.areas, false)) { why("address"); return null; }
      if (place.former) {
        var given = pyRepr(mun);
        if (given === null) { why("municipality"); return null; }
        note("former_municipality", msgs.former.map(function (t) {
          return t.split("'" + rules.v_sentinel + "'").join(given).split(rules.id_sentinel).join(place.former[1])
            .split(String(rules.y_sentinel)).join(String(place.former[2]));
        }), "municipality", mun);
      }
    }
    if (!F.ok) { return {refused: true, notes: notes}; }  // a field's error refuses the project
    return {theme: F.theme, name: name, amount_eur: F.amount_eur, status: F.status, notes: notes, named: named,
      start_year: F.start_year,
      lon: point ? rec.lon : null, lat: point ? rec.lat : null,
      place: place ? place.place : "point", place_area: place ? place.area : null,
      organisation: F.organisation || null, description: F.description || null, id: F.id};
  }

  function csvRecords(text, rules, why) {
    var first = text.split("\n", 1)[0];
    var delim = detectDelimiter(first);
    if (delim === null) { why("delimiter"); return null; }
    var parsed = parseCsv(text, delim);
    if (parsed.open) { why("quotes"); return null; }
    var rows = parsed.rows.filter(function (r, i) { return i === 0 || r.cells.some(function (c) { return c.trim(); }); });
    var recs = tableRecords(rows, rules, why, true);
    if (recs) { recs.delim = delim; }
    return recs;
  }

  // rows ({line, cells}) of a CSV or of a sheet (then cells are typed: numbers stay numbers)
  function tableRecords(rows, rules, why, strict) {
    var recsNotes = [];
    // tables.py _refuse_same_header (after _find_header: row 1 is the header when it names two
    // fields, or when none of the first ten rows does)
    var twice = rows.length ? lib("check_fields").sameHeader(rows[0].cells) : null;
    if (twice && twice.why) { why(twice.why); return null; }
    if (twice) {
      var known = function (r) {
        return r.cells.filter(function (c) {
          var t = c === null || c === undefined ? "" : pyStrip(String(c));
          return t && (fieldOf(t, rules) !== null || [rules.lon, rules.lat, rules.x, rules.y].some(function (l) {
            return l.indexOf(t.toLowerCase()) >= 0;
          }));
        }).length;
      };
      if (known(rows[0]) < 2 && rows.slice(0, 10).some(function (r) { return known(r) >= 2; })) { why("header_row"); return null; }
      var none = [];
      none.unreadable = twice;
      return none;
    }
    if (rows.length < 2) { why("rows"); return null; }
    var header = rows[0].cells, fieldAt = [], lonAt = -1, latAt = -1, unit = null, cols = {}, keys = [];
    var LOC = lib("locations");
    header.forEach(function (h, j) {
      var k = String(h || "").trim().toLowerCase().replace(/ /g, "_");
      if (rules.lon.indexOf(k) >= 0 && lonAt < 0) { lonAt = j; }
      if (rules.lat.indexOf(k) >= 0 && latAt < 0) { latAt = j; }
    });
    // locations.py: one column for both coordinates, when there are no lon/lat columns
    var pair = lonAt < 0 || latAt < 0 ? LOC.placeColumn(header, rows.slice(1).map(function (r) { return r.cells; }),
      rules.locations) : null;
    lonAt = latAt = -1;
    header.forEach(function (h, j) {
      if (typeof h !== "string") { why("column", h); fieldAt.push(null); return; }
      if (pair && j === pair.index) { fieldAt.push("pair"); return; }
      if (rules.x.indexOf(headerKey(h)) >= 0 || rules.y.indexOf(headerKey(h)) >= 0) { why("location_columns"); }
      var k = String(h || "").trim().toLowerCase().replace(/ /g, "_");
      if (rules.lon.indexOf(k) >= 0 && lonAt < 0) { lonAt = j; fieldAt.push("lon"); return; }
      if (rules.lat.indexOf(k) >= 0 && latAt < 0) { latAt = j; fieldAt.push("lat"); return; }
      var f = fieldOf(h, rules);
      fieldAt.push(f);
      keys.push(pyStrip(h));
      if (f === null) { why("column", h); }
      if (f === "amount_eur") { unit = headerUnit(h, rules); }
      if (f && !cols[f]) { cols[f] = pyStrip(h); }
    });
    var placed = ["municipality", "subregion", "place", "address"].some(function (f) { return cols[f]; });
    if ((lonAt < 0) !== (latAt < 0) || (lonAt < 0 && !placed && !pair)) { why("location_columns"); return null; }
    if (pair) { recsNotes.push({code: "coordinate_pair", key: "pair_" + (pair.lonFirst ? 1 : 0) + (pair.mixed ? 1 : 0),
      column: pyStrip(pair.header)}); }
    var seen = {};
    fieldAt.forEach(function (f) { if (f) { if (seen[f]) { why("column_twice"); } seen[f] = 1; } });
    var recs = rows.slice(1).map(function (r, i) {
      var rec = {feature: i + 1, row: r.line, unit: unit, cols: cols, lon: null, lat: null};
      if (strict && r.cells.length !== header.length) { why("row_length"); }
      // filled cells right of the header: validate's cells_past_header (not ported)
      if (r.cells.slice(header.length).some(function (c) { return c !== "" && c !== undefined && String(c).trim() !== ""; })) {
        why("row_length");
      }
      fieldAt.forEach(function (f, j) {
        if (!f) { return; }
        var v = r.cells[j] === undefined ? "" : r.cells[j];
        if (f === "pair") {  // locations.py read_place_cell
          var got = typeof v === "string" && /(?![0-9])\p{Nd}/u.test(v) ? null : v;
          if (got === null) { why("location_cell"); return; }
          if (v === null || (typeof v === "string" && !pyStrip(v)) || v === "") { return; }
          var two = LOC.parsePair(v), rd = two ? null : LOC.parseRd(v, rules.locations);
          if (two) { var ll = LOC.lonLatOf(two, pair.lonFirst, rules.locations); rec.lon = ll[0]; rec.lat = ll[1]; }
          else if (rd) {
            var w = lib("rd").toWgs84(rd[0], rd[1], rules.rd);
            rec.lon = w[0]; rec.lat = w[1];
            rec.rdPair = {x: rd[0], y: rd[1], value: v, column: pyStrip(pair.header)};
          } else if (typeof v === "string" && lib("places").areaOf(v, rules.areas, false)) {
            rec.address = pyStrip(v);  // an area named in the column: the place
          } else { why("location_cell"); }
          return;
        }
        if (f === "lon" || f === "lat") {
          var c = typeof v === "number" ? (isFinite(v) ? v : null) : parseCoord(v);
          if (c === null && String(v).trim() !== "") { why("coordinates"); }
          rec[f] = c;
          return;
        }
        if (typeof v === "string") {  // tables.py: cells stripped, empty ones are none
          v = pyStrip(v) || null;
          if (v !== null && /^'[=+\-@\t\r]/.test(v)) { why("neutralised"); }
        }
        rec[f] = v;
      });
      return rec;
    });
    recs.meta = {amountHeader: cols.amount_eur || null, keys: keys, unit: unit, notes: recsNotes};
    return recs;
  }

  function geojsonRecords(text, rules, why) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { why("json"); return null; }
    if (!doc || doc.type !== "FeatureCollection" || !Array.isArray(doc.features) ||
        Object.prototype.hasOwnProperty.call(doc, "crs")) { why("geojson"); return null; }
    if (!doc.features.length) { why("geojson"); return null; }
    var recs = doc.features.map(function (f, i) {
      var rec = {feature: i + 1, row: null, cols: {}};
      if (!f || f.type !== "Feature" || !f.properties || typeof f.properties !== "object" ||
          Array.isArray(f.properties) || !f.geometry || f.geometry.type !== "Point" ||
          !Array.isArray(f.geometry.coordinates) || f.geometry.coordinates.length !== 2 ||
          !f.geometry.coordinates.every(function (c) { return typeof c === "number" && isFinite(c); })) {
        why("geometry"); return rec;
      }
      Object.keys(f.properties).forEach(function (k) {
        var fl = fieldOf(k, rules);
        if (fl === null) { why("property", k); return; }
        if (fl === "amount_eur") { rec.unit = headerUnit(k, rules); }
        if (!rec.cols[fl]) { rec.cols[fl] = k; }
        if (rec[fl] !== undefined) { why("property_twice"); }
        rec[fl] = f.properties[k];
      });
      if (f.id !== undefined && rec.id === undefined) { why("feature_id"); }
      rec.lon = f.geometry.coordinates[0]; rec.lat = f.geometry.coordinates[1];
      return rec;
    });
    var keys = [], amountHeader = null;
    doc.features.forEach(function (f) {
      Object.keys((f && f.properties) || {}).forEach(function (k) {
        if (keys.indexOf(k) < 0) { keys.push(k); }
        if (amountHeader === null && fieldOf(k, rules) === "amount_eur") { amountHeader = k; }
      });
    });
    recs.meta = {amountHeader: amountHeader, keys: keys,
      unit: amountHeader === null ? null : headerUnit(amountHeader, rules)};
    return recs;
  }



  /* checkBytes for every kind, as a Promise: an .xlsx is unzipped with `inflateRaw`
   * (bytes -> Promise of bytes; in the page DecompressionStream("deflate-raw"), in node zlib). */
  function checkAsync(name, bytes, rules, lang, inflateRaw, sheetName) {
    if (extOf(name) !== "xlsx" || bytes.length > rules.max_bytes) {
      return Promise.resolve(checkBytes(name, bytes, rules, lang));
    }
    var entries = lib("xlsx").zipEntries(bytes), want = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml"];
    // workbook.py check_workbook: too many parts, encrypted, too large or packed too well
    // (a zip bomb) are refused by validate (its messages not ported): never inflated here
    var Z = rules.workbook, names = entries ? Object.keys(entries) : [];
    if (!entries || names.length > Z.max_parts || names.some(function (k) {
      var e = entries[k];
      return (e.flags & 1) || e.size > Z.max_part_bytes / 8 ||
        (e.size > Z.ratio_floor && e.size / Math.max(e.data.length, 1) > Z.max_zip_ratio);
    })) { return Promise.resolve(checkBytes(name, bytes, rules, lang, {rows: null, reason: "xlsx"})); }
    Object.keys(entries).forEach(function (k) { if (/^xl\/worksheets\/[^/]+\.xml$/.test(k)) { want.push(k); } });
    var files = {};
    return Promise.all(want.filter(function (k) { return entries[k]; }).map(function (k) {
      var e = entries[k];
      var got = e.method === 0 ? Promise.resolve(e.data) : (e.method === 8 ? inflateRaw(e.data) : Promise.reject(new Error("method")));
      return got.then(function (b) { files[k] = new TextDecoder().decode(b); });
    })).then(function () {
      return checkBytes(name, bytes, rules, lang, {files: files, sheet: sheetName});
    }, function () {
      return checkBytes(name, bytes, rules, lang, {rows: null, reason: "xlsx"});
    });
  }

  function extOf(name) { var m = /\.([A-Za-z0-9]+)$/.exec(name || ""); return m ? m[1].toLowerCase() : ""; }

  /* The check of one file's bytes: the object `transitiekaart validate FILE --format json`
   * prints (ok, n_features, n_valid, problems, ...), plus `complete` and `reasons`. */
  function checkBytes(name, bytes, rules, lang, sheet) {
    var texts = rules.texts[lang === "en" ? "en" : "nl"], msgs = rules.messages[lang === "en" ? "en" : "nl"];
    var problems = [], reasons = [], ext = extOf(name);
    var details = {};
    function why(r, detail) {
      if (reasons.indexOf(r) < 0) { reasons.push(r); }
      if (detail !== undefined) { (details[r] = details[r] || []).push(JSON.stringify(String(detail))); }
    }
    function said(r) {  // a reason in the page's language, with the columns it names
      var label = texts["why_" + r] || r;
      return details[r] ? label + " " + details[r].join(", ") : label;
    }
    function result(recs, projects) {
      var complete = reasons.length === 0;
      if (!complete) {
        problems.push(problem("note", "check_incomplete", fmtText(texts.incomplete, {reasons: reasons.map(said).join("; ")}),
          texts.incomplete_hint));
      }
      var nErr = problems.filter(function (p) { return p.severity === "error"; }).length;
      // ok: false with an error; true only when the check is complete; else null (not known)
      return {path: name, ok: nErr > 0 ? false : (complete && recs !== null ? true : null),
        readable: recs !== null,
        exit_code: recs === null ? 2 : (nErr ? 1 : 0),
        n_features: recs ? recs.length : 0, n_valid: nErr ? 0 : projects.length, n_errors: nErr,
        n_notes: problems.length - nErr, problems: problems, complete: complete,
        reasons: reasons, projects: projects};
    }
    // amounts.py implausible_notes: far above the file's median, or above the cap
    function implausibleNotes(projects, amountCol, out) {
      lib("check_amounts").implausible(projects, rules, msgs, lang).forEach(function (q) {
        var p = projects[q.index];
        out.push(problem("note", "implausible_amount", q.message, q.hint, {feature: p.feature, row: p.row,
          id: p.id, name: p.name, field: "amount_eur",
          column: amountCol !== null && amountCol !== "amount_eur" ? amountCol : null}));
      });
    }

    // places.py place_notes on the points: the border rule, another municipality, outside
    function placeNotes(projects, recs, out) {
      var P = lib("places"), mun = rules.municipalities, L = lang === "en" ? "en" : "nl";
      var points = projects.filter(function (p) { return p.place === "point"; });
      var anyNamed = points.some(function (p) { return p.named; });
      var byFeature = {}, col = null;
      recs.forEach(function (r) {
        byFeature[r.feature] = r;
        if (col === null && r.cols) { col = r.cols.municipality || r.cols.place || null; }
      });
      var shown = pyRepr(col || (L === "en" ? "municipality" : "gemeente"));
      var RD = lib("rd");
      var got = P.pointPlaces(points.map(function (p) {
        return {lon: p.lon, lat: p.lat, named: anyNamed ? p.named : null};
      }), mun, mun.tolerance_m, function (lon, lat) { return RD.toRd(lon, lat, rules.rd); });
      points.forEach(function (p, i) {
        var g = got[i];
        if (!g) { return; }
        var rec = byFeature[p.feature], c = col;
        if (shown === null) { why("municipality"); return; }
        var N = g.named >= 0 ? mun.names[g.named] : null, F = g.dist === null ? null : P.distanceText(g.dist, L);
        var key = g.kind === "border_named" ? "border_named" : g.kind === "mismatch" ?
          (g.dist <= mun.near_m ? "mismatch_near" : "mismatch_far") :
          (N === null ? "outside" : g.dist <= mun.near_m ? "outside_named_near" : "outside_named_far");
        var fill = function (t) {
          return t.split("'§C§'").join(shown).split("§N§").join(N).split("§A§").join(g.at >= 0 ? mun.names[g.at] : "")
            .split("§F§").join(F).split("§X§").join(P.formatNumber(p.lon, 5, L)).split("§Y§").join(P.formatNumber(p.lat, 5, L));
        };
        var t = msgs[key].map(fill);
        var extra = {feature: p.feature, row: rec.row, id: p.id, name: p.name};
        if (g.kind === "outside") {
          extra.field = "geometry";
        } else {
          extra.field = "municipality"; extra.value = N;
          extra.column = c !== null && c !== "municipality" ? c : null;
          if (g.kind === "border_named") { p.snapped = true; }
        }
        out.push(problem("note", g.kind === "outside" ? "outside_mra" : g.kind === "mismatch" ?
          "municipality_mismatch" : "border_named", t[0], t[1], extra));
      });
    }
    function finish(recs, fileHint) {
      if (recs === null) { return result(null, []); }
      if (recs.unreadable) {  // tables.py: a file validate cannot read, with one error
        var F = lib("check_fields").filler(rules, lang);
        problems.splice(0, problems.length, problem("error", null, F("tables.same_header", recs.unreadable),
          F("tables.same_header_fix")));
        return result(null, []);
      }
      var meta = recs.meta || {}, notation = null, evidence = null, L = lang === "en" ? "en" : "nl";
      // fields.py map_columns: one field in two columns of the file (columns_twice, field_twice)
      // (fileCols: per field its column in the file, as map_columns names it in every message)
      var fileCols = {};
      (meta.keys || []).forEach(function (k) {
        var f = fieldOf(k, rules);
        if (f === null) { return; }
        if (fileCols[f] !== undefined && fileCols[f] !== k) { why("column_twice"); }
        fileCols[f] = k;
      });
      if (meta.amountHeader) {  // checks.py: the amount column's notation, from its evidence
        var values = recs.map(function (r) { return r.amount_eur === undefined ? null : r.amount_eur; });
        var three = new RegExp(rules.notation.three);
        if ((meta.unit || 1) !== 1 || values.some(function (v) { return typeof v === "string" && three.test(v); })) {
          var settled = settleNotation(meta.amountHeader, values, fileHint || null, meta.keys, L, rules);
          notation = settled[0]; evidence = settled[1];
        }
      }
      var projects = [], perFeature = [], idRows = [];
      recs.forEach(function (rec) {
        rec.notation = notation; rec.evidence = evidence;
        var pid = rec.id;
        if (rec.name === rules.template_name && (pid === undefined || pid === null ||
            (typeof pid === "string" && pyStrip(pid).toUpperCase().indexOf(rules.template_id_prefix) === 0))) {
          perFeature.push(problem("note", "template_example", msgs.template_example[0], msgs.template_example[1],
            {feature: rec.feature, row: rec.row, id: pid === undefined || pid === null ? null : String(pid), name: rec.name}));
          return;
        }
        var p = checkRecord(rec, rules, why, msgs, L, rec.row !== null && rec.row !== undefined, fileCols);
        idRows.push({feature: rec.feature, id: rec.id, project: p && !p.refused ? p : null});
        if (!p) { return; }
        if (p.refused) {  // refused with an error: its problems, no project
          p.notes.forEach(function (n) {
            var col = fileCols[n.field];
            perFeature.push(problem(n.severity || "note", n.code, n.message, n.hint, {feature: rec.feature,
              row: rec.row, column: col && col !== n.field ? col : null, id: filled(rec.id) ? String(rec.id) : null,
              name: typeof rec.name === "string" ? rec.name : null, field: n.field, value: n.value}));
          });
          return;
        }
        p.feature = rec.feature; p.row = rec.row; projects.push(p);
        if (rec.rdPair) {  // locations.py read_place_cell: before the row's other notes
          var rx = lib("places").formatNumber(rec.rdPair.x, 0, "en").split(",").join("");
          var ry = lib("places").formatNumber(rec.rdPair.y, 0, "en").split(",").join("");
          var col = pyRepr(rec.rdPair.column);
          if (col === null) { why("location_cell"); }
          p.rdNote = problem("note", "rd_pair", msgs.rd_pair[0].split("'§C§'").join(col).split("§RX§").join(rx)
            .split("§RY§").join(ry), msgs.rd_pair[1], {feature: rec.feature, row: rec.row, name: p.name,
            field: "geometry", column: rec.rdPair.column, value: rec.rdPair.value});
          perFeature.push(p.rdNote);
        }
        p.notes.forEach(function (n) {
          var col = fileCols[n.field], own = filled(rec.id) ? String(rec.id) : null;
          perFeature.push(problem(n.severity || "note", n.code, n.message, n.hint, {feature: rec.feature, row: rec.row,
            column: col && col !== n.field ? col : null, id: own, name: p.name, field: n.field, value: n.value}));
        });
      });
      // fields.py map_columns: a sheet without a name or theme column is refused as a whole
      var tabular = recs.length && recs[0].row !== null && recs[0].row !== undefined;
      var missing = tabular ? lib("check_fields").missingColumns(fileCols, rules, L) : [];
      if (missing.length) {
        idRows.forEach(function (r) { r.project = null; });
        projects = [];
      }
      // checks.py: ids unique in the file, else derived (lib/check_ids.js)
      var IDS = lib("check_ids"), fill = lib("check_fields").filler(rules, L);
      projects.forEach(function (p) { p.ownId = p.id; });
      var byFeature = {};
      recs.forEach(function (r) { byFeature[r.feature] = r; });
      var idsOf = IDS.fileIds(idRows, fill, why);
      idsOf.problems.forEach(function (q) {
        var r = byFeature[q.feature], col = fileCols.id;
        perFeature.push(problem(q.severity, q.code, q.message, q.hint, {feature: q.feature, row: r.row,
          column: col && col !== "id" ? col : null, id: q.id || null,
          name: typeof r.name === "string" ? r.name : null, field: q.field, value: q.value}));
      });
      var lacking = idsOf.derived.map(function (d) { return {feature: d.feature, id: d.id, name: d.name,
        row: byFeature[d.feature].row}; });
      projects = projects.filter(function (p) { return !p.refused; });
      var idCol = null, amountCol = null;
      recs.forEach(function (r) {
        if (idCol === null && r.cols && r.cols.id) { idCol = r.cols.id; }
        if (amountCol === null && r.cols && r.cols.amount_eur) { amountCol = r.cols.amount_eur; }
      });
      (meta.notes || []).forEach(function (n) {  // tables.py: how a location column was read
        var c = pyRepr(n.column);
        if (c === null) { why("location_cell"); return; }
        problems.push(problem("note", n.code, msgs[n.key][0].split("'§C§'").join(c), msgs[n.key][1],
          {field: "geometry", column: n.column}));
      });
      missing.forEach(function (q) {
        problems.push(problem(q.severity, q.code, q.message, q.hint, {field: q.field}));
      });
      projects.forEach(function (p) { if (p.rdNote) { p.rdNote.id = p.id; } });
      // checks.py: derived ids, one file note when no feature of two or more has one
      if (lacking.length && lacking.length === recs.length && recs.length >= 2) {
        var tpl = msgs.derived_id[0].split(msgs.n_sentinel).join(formatCount(recs.length, lang));
        problems.push(problem("note", "derived_id", tpl.split(rules.id_sentinel).join(lacking[0].id),
          msgs.derived_id[1], {field: "id"}));
      } else {
        lacking.forEach(function (p) {
          perFeature.push(problem("note", "derived_id", msgs.derived_id_one[0].split(rules.id_sentinel).join(p.id),
            msgs.derived_id_one[1], {feature: p.feature, row: p.row, name: p.name, field: "id",
              column: idCol !== null && idCol !== "id" ? idCol : null}));
        });
      }
      implausibleNotes(projects, amountCol, perFeature);
      placeNotes(projects, recs, perFeature);
      // places.py likely_duplicates: the same name within a few metres (lib/check_ids.js)
      var twins = IDS.likelyDuplicates(projects, rules.fields.duplicate_distance_m, function (lon, lat) {
        return lib("rd").toRd(lon, lat, rules.rd);
      });
      if (twins === null) { why("duplicate_name"); twins = []; }
      twins.forEach(function (t) {
        var b = projects[t[1]];
        perFeature.push(problem("note", "duplicate_in_file", fill("places.duplicate_in_file",
          {first: projects[t[0]].feature, distance: lib("places").formatNumber(t[2], 0, L)}),
        fill("places.duplicate_in_file_fix"), {feature: b.feature, row: b.row, id: b.id, name: b.name, field: "name"}));
      });
      // per feature, after the file's notes (Python sorts so; stable within a feature)
      perFeature.map(function (q, i) { return [q.feature, i, q]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .forEach(function (t) { problems.push(t[2]); });
      return result(recs, projects);
    }
    if (bytes.length > rules.max_bytes) {
      why("size");
      problems.push(problem("error", "check_too_big", fmtText(texts.too_big, {mb: rules.max_bytes / 1048576}),
        texts.unsupported_hint));
      return result(null, []);
    }
    var isCsv = ext === "csv", isJson = ext === "geojson" || ext === "json";
    if (ext === "xlsx" && sheet) {  // unzipped by checkAsync
      var info = {names: []}, rows = sheet.files ? lib("xlsx").sheetRows(sheet.files, why, sheet.sheet, info) : null;
      if (!sheet.files) { why(sheet.reason); }
      var r0 = info.name !== undefined ? pyRepr(info.name) : null;
      if (info.several && r0 === null) { why("sheets"); }
      else if (info.several) {  // tables.py read_xlsx: only the first sheet was read
        problems.push(problem("note", "sheets", msgs.sheets[0].split("§K§").join(String(info.names.length))
          .split("'§S§'").join(r0), msgs.sheets[1]));
      }
      var srecs = rows ? tableRecords(rows, rules, why, false) : null;
      var res = finish(srecs);
      res.sheets = info.names; res.sheet = info.name === undefined ? null : info.name;
      return res;
    }
    if (!isCsv && !isJson) {
      why("format");
      problems.push(problem("error", "check_unsupported", fmtText(texts.unsupported, {ext: "." + ext}),
        texts.unsupported_hint));
      return result(null, []);
    }
    var dec = decode(bytes);
    if (!dec.utf8 && (isJson || !dec.cp1252)) {  // reading.py decode_text: not UTF-8, and no CSV in Windows-1252
      var F = lib("check_fields").filler(rules, lang);
      problems.splice(0, problems.length, problem("error", null, F("reading.not_utf8", {byte: dec.byte, line: dec.line}),
        F("reading.not_utf8_fix")));
      return result(null, []);
    }
    else if (!dec.utf8) {  // reading.py _decode: a CSV in Windows-1252, with a note
      problems.push(problem("note", "encoding", fmtText(msgs.encoding[0], {byte: dec.byte, line: dec.line}),
        msgs.encoding[1]));
    }
    if (dec.bom && isJson) { problems.push(problem("note", "bom", msgs.bom[0], msgs.bom[1])); }
    if (isJson) { return finish(geojsonRecords(dec.text, rules, why)); }
    var crecs = csvRecords(dec.text, rules, why);
    // tables.py read_csv: ';' between cells or Windows-1252 is Dutch Excel's CSV
    return finish(crecs, crecs && (crecs.delim === ";" || !dec.utf8) ? "nl" : null);
  }

  // a function of another lib module, looked up when called (in the page it loads after this one)
  function later(name, fn) { return function () { return lib(name)[fn].apply(null, arguments); }; }

  function formatCount(n, lang) {
    var s = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return lang === "en" ? s : s.split(",").join(".");
  }

  /* The checked projects in the register's exchange format (`transitiekaart list --format
   * csv`): the template's columns and headers, themes and statuses in words, ids included;
   * `;` and decimal comma in Dutch, `,` and point in English (mapbuilder/register_export.py). */
  function exchangeCsv(projects, rules, lang) {
    var ex = rules.export, L = lang === "en" ? "en" : "nl", sep = L === "en" ? "," : ";";
    var dec = L === "en" ? "." : ",";
    function cell(col, v) {
      if (v === null || v === undefined || v === "") { return ""; }
      var s;
      if (ex.numeric.indexOf(col) >= 0) {
        var x = col === "lon" || col === "lat" ? Number(v.toFixed(ex.coord_decimals)) : v;
        s = String(x).replace(".", dec);
      } else {
        s = String(v);
        if (ex.formula_start.some(function (c) { return s.indexOf(c) === 0; })) { s = "'" + s; }
      }
      return /["\r\n]/.test(s) || s.indexOf(sep) >= 0 ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    var lines = [ex.headers[L].join(sep)];
    // rows in the order of the page's project list (register_export.list_order): whole euros
    // (rounded half to even, as numpy's rint), largest first, no amount last, ties as read
    function euros(p) {
      var v = p.amount_eur;
      if (typeof v !== "number" || !isFinite(v)) { return -1; }
      var r = Math.round(v);
      return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
    }
    var order = projects.map(function (p, k) { return [euros(p), k]; });
    order.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    order.map(function (o) { return projects[o[1]]; }).forEach(function (p) {
      var row = {id: p.id, name: p.name, theme: ex.themes[L][p.theme], amount_eur: p.amount_eur,
        status: p.status ? ex.status[L][p.status] : null, organisation: p.organisation,
        start_year: p.start_year,
        municipality: p.place === "municipality" ? rules.areas.names[p.place_area] : null,
        subregion: p.place === "subregion" ? p.place_area : p.place === "mra" ? ex.mra_wide[L] : null,
        description: p.description, lon: p.lon, lat: p.lat};
      lines.push(ex.columns.map(function (c) { return cell(c, row[c]); }).join(sep));
    });
    return lines.join("\r\n") + "\r\n";
  }

  return {exchangeCsv: exchangeCsv, decode: decode, parseCsv: parseCsv, headerKey: headerKey, fieldOf: fieldOf,
    // the field rules, for the tests of their parity with Python (lib/check_themes.js, check_ids.js, check_fields.js)
    words: later("check_themes", "words"), matchTheme: later("check_themes", "matchTheme"),
    sha1hex: later("check_ids", "sha1hex"), derivedId: later("check_ids", "derivedId"),
    parseCoord: parseCoord,
    checkBytes: checkBytes, checkAsync: checkAsync,
    headerUnit: headerUnit, readAmount: later("check_amounts", "readAmount"), readYear: later("check_fields", "readYear"), settleNotation: settleNotation};
}));
