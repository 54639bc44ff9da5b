/* transitiekaart lib/check_core: the page's own check of a partner's file, pure (no DOM).
 *
 * Ports of the algorithms of `transitiekaart validate` that cannot be data: text decoding
 * (UTF-8, else Windows-1252), CSV splitting, a sheet of an .xlsx (zip and XML read by
 * lib/xlsx.js; the inflating is given: DecompressionStream in the page, zlib in node), header recognition, theme word matching, plain
 * amounts and derived ids (SHA-1). The place and coordinate rules (coordinate cells and
 * columns, the point checks, a row's place, the notes on points and the border rule's move)
 * are lib/check_places.js, called from here. All data (column
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

  // ---- text (lib/check_read.js) ---------------------------------------------------------
  function decode(bytes) { return lib("check_read").decode(bytes); }
  function parseCsv(text, delim) { return lib("check_read").parseCsv(text, delim); }

  // ---- headers and amounts (lib/check_fields.js, lib/check_amounts.js) -------------------
  function headerKey(h) { return lib("check_fields").headerKey(h); }
  function fieldOf(h, rules) { return lib("check_fields").fieldOf(h, rules); }
  function headerUnit(header, rules) { return lib("check_amounts").headerUnit(header, rules); }
  function settleNotation(header, values, fileHint, keys, lang, rules) {
    return lib("check_amounts").settleNotation(header, values, fileHint, keys, lang, rules);
  }

  // ---- fields (lib/check_fields.js, lib/check_themes.js, lib/check_ids.js) ----------------
  function pyStrip(s) { return lib("check_fields").pyStrip(s); }

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


  // Python's repr() of a text, for the texts where it is the text in single quotes; else null
  function pyRepr(v) {
    return typeof v === "string" && /^[\x20-\x26\x28-\x5b\x5d-\x7e\xa1-\xac\xae-\xff]*$/.test(v) ? "'" + v + "'" : null;
  }

  function filled(v) { return v !== undefined && v !== null && String(v).trim() !== ""; }

  // one row's fields -> a project (with its notes, in validate's order), or null with a
  // reason it is left to the command line
  function checkRecord(rec, rules, why, msgs, lang, tabular, fileCols) {
    // the fields (lib/check_fields.js): its problems, in validate's order, then the place's
    var F = lib("check_fields").checkFields(rec, {rules: rules, lang: lang, why: why, msgs: msgs,
      tabular: tabular, cols: fileCols || rec.cols || {}});
    if (F === null) { return null; }
    var name = F.name, notes = (rec.errors || []).concat(F.problems);  // its point's first
    if (typeof name === "string" && name.length > 200) { why("name"); return null; }  // a very long name
    // fields.py: sample is read as true/false only (anything else is no sample); a sample
    // project adds the exchange file's "sample" column, which exchangeCsv does not write
    if (rec.sample === true) { why("sample"); return null; }
    var at = lib("check_places").placeOf(rec, notes, {rules: rules, msgs: msgs, why: why, repr: pyRepr});
    if (at === null || at.refused) { return at; }  // left to the command line; or refused
    var point = at.point, place = at.place, named = at.named;
    if (!F.ok) { return {refused: true, notes: notes}; }  // a field's error refuses the project
    return {theme: F.theme, name: name, amount_eur: F.amount_eur, status: F.status, notes: notes, named: named,
      start_year: F.start_year,
      lon: point ? rec.lon : null, lat: point ? rec.lat : null,
      place: place ? place.place : "point", place_area: place ? place.area : null,
      organisation: F.organisation || null, description: F.description || null, url: F.url, id: F.id,
      shape: rec.shape || null};  // a line, polygon or multipoint (lib/check_shapes.js)
  }

  // rows ({line, cells}) of a CSV or of a sheet (then cells are typed: numbers stay numbers)
  function tableRecords(rows, rules, why, strict, lang) {
    var recsNotes = [];
    if (!rows.length) { why("rows"); return null; }
    // tables.py _find_header (lib/check_header.js): title rows above the header, rows that
    // repeat it and a totals row are skipped, with notes; then _refuse_same_header
    var found = lib("check_header").findHeader(rows, rules, lang, why);
    rows = [{line: null, cells: found.header}].concat(found.rows);
    var twice = lib("check_fields").sameHeader(rows[0].cells);
    if (twice && twice.why) { why(twice.why); return null; }
    if (twice) {
      var none = [];
      none.unreadable = twice;
      return none;
    }
    if (!rows.length) { why("rows"); return null; }
    var header = rows[0].cells.map(function (c) { return c === null ? "" : c; }), fieldAt = [], unit = null, cols = {}, keys = [];
    var T = rules.texts[lang === "en" ? "en" : "nl"];
    var LOC = lib("locations"), xy = lib("check_places").sheetColumns(header, rules);  // tables.py
    var lonAt = xy.x >= 0 && xy.y >= 0 ? xy.x : -1, latAt = xy.x >= 0 && xy.y >= 0 ? xy.y : -1;
    // locations.py: one column for both coordinates, when there are no x/y columns
    var pair = lonAt < 0 ? LOC.placeColumn(header, rows.slice(1).map(function (r) { return r.cells; }),
      rules.locations) : null;
    header.forEach(function (h, j) {
      if (typeof h !== "string") { why("column", h); fieldAt.push(null); return; }
      if (pair && j === pair.index) { fieldAt.push("pair"); return; }
      if (j === lonAt) { fieldAt.push("lon"); return; }
      if (j === latAt) { fieldAt.push("lat"); return; }
      // another column named as coordinates (lon beside x/y, 'X (RD)'): left to validate
      var k = String(h || "").trim().toLowerCase().replace(/ /g, "_");
      if (rules.x.indexOf(headerKey(h)) >= 0 || rules.y.indexOf(headerKey(h)) >= 0 ||
          rules.lon.indexOf(k) >= 0 || rules.lat.indexOf(k) >= 0) { why("location_columns"); }
      var f = fieldOf(h, rules);
      fieldAt.push(f);
      keys.push(pyStrip(h));
      if (f === null) { why("column", h); }
      if (f === "amount_eur") { unit = headerUnit(h, rules); }
      if (f && !cols[f]) { cols[f] = pyStrip(h); }
    });
    var placed = ["municipality", "subregion", "place", "address"].some(function (f) { return cols[f]; });
    var unread = lib("check_read").tableUnreadable(header, rows.length - 1, lonAt >= 0,
      placed || !!pair, rules, lang, why);
    if (unread !== undefined) { return unread; }
    if (lonAt < 0 && !placed && !pair) { why("location_columns"); return null; }
    if (pair) { recsNotes.push({code: "coordinate_pair", key: "pair_" + (pair.lonFirst ? 1 : 0) + (pair.mixed ? 1 : 0),
      column: pyStrip(pair.header)}); }
    var seen = {};
    fieldAt.forEach(function (f) { if (f) { if (seen[f]) { why("column_twice"); } seen[f] = 1; } });
    var recs = rows.slice(1).map(function (r, i) {
      var rec = {feature: i + 1, row: r.line, unit: unit, cols: cols, lon: null, lat: null};
      if (r.unread) { rec.skip = true; }  // lib/xlsx.js: a formula without a value (why formula_no_value)
      // tables.py _long_cells: a CSV cell longer than a field may be is validate's error (its
      // row's other checks not ported): the row is not checked, the reason names it
      r.cells.forEach(function (c, j) {
        if (strict && typeof c === "string" && c.length > rules.csv_cell_chars) {
          rec.skip = true;
          why("cell_too_long", T.row + " " + r.line + ", " + T.column + " '" + pyStrip(String(header[j] || j + 1)) + "'");
        }
      });
      if (strict && r.cells.length !== header.length) { why("row_length"); }
      // filled cells right of the header: validate's cells_past_header (not ported)
      if (r.cells.slice(header.length).some(function (c) { return c !== "" && c !== undefined && c !== null && String(c).trim() !== ""; })) {
        why("row_length");
      }
      fieldAt.forEach(function (f, j) {
        if (!f) { return; }
        var v = r.cells[j] === undefined || r.cells[j] === null ? "" : r.cells[j];
        if (f === "pair") { lib("check_places").pairCell(v, pair, rec, rules, why); return; }
        if (f === "lon" || f === "lat") { return; }  // read below, as a pair of cells
        if (typeof v === "string") {  // tables.py: cells stripped, empty ones are none
          v = pyStrip(v) || null;
          if (v !== null && /^'[=+\-@\t\r]/.test(v)) { why("neutralised"); }
        }
        rec[f] = v;
      });
      if (lonAt >= 0) {  // tables.py: x and y as numbers, or coordinate_not_number
        var got = lib("check_places").sheetPoint(r.cells[lonAt], r.cells[latAt], xy);
        if (got === null) { why("coordinate_cell"); }
        else if (got.error) { rec.refused = true; rec.coordError = got.error; }
        else if (got.lon !== undefined) { rec.lon = got.lon; rec.lat = got.lat; }
      }
      return rec;
    });
    recs.meta = {amountHeader: cols.amount_eur || null, keys: keys, unit: unit, notes: recsNotes,
      readNotes: found.notes,
      sheet: lonAt >= 0 ? xy : null};
    return recs;
  }

  // what the reading of a GeoJSON document (lib/check_read.js) takes from the field rules
  var FIELDS = {fieldOf: fieldOf, headerUnit: headerUnit};

  /* checkBytes for every kind, as a Promise: an .xlsx is unzipped with `inflateRaw`
   * (bytes -> Promise of bytes; in the page DecompressionStream("deflate-raw"), in node zlib). */
  function checkAsync(name, bytes, rules, lang, inflateRaw, sheetName) {
    if (extOf(name) !== "xlsx" || bytes.length > rules.max_bytes) {
      return Promise.resolve(checkBytes(name, bytes, rules, lang));
    }
    return lib("check_workbook").unzip(bytes, rules, lang, inflateRaw).then(function (got) {
      if (got.files) { got.sheet = sheetName; }
      return checkBytes(name, bytes, rules, lang, got);
    });
  }

  function extOf(name) { var m = /\.([A-Za-z0-9]+)$/.exec(name || ""); return m ? m[1].toLowerCase() : ""; }

  /* locations.py read_place_cell: a location cell that is neither coordinates nor an area
   * (an address, a place name): validate's error at that cell and column, [] where the
   * column's name cannot be shown as Python's repr (then the check is incomplete) */
  function unreadCell(u, msgs, why) {
    var t = msgs[u.mixed ? "location_unreadable" : "pair_unreadable"], col = pyRepr(u.column);
    if (col === null) { why("location_cell"); return []; }
    var put = function (s) { return s.split("'§C§'").join(col).split("§C§").join(u.column); };
    return [{severity: "error", code: u.mixed ? "location_unreadable" : "coordinate_pair",
      message: put(t[0]), hint: put(t[1]), field: "geometry", value: u.value, column: u.column}];
  }

  /* A file the page does not read, by its name and size: {why, problem}. Not an error in
   * the file but a note (the check is incomplete, check.js's verdict_<code>), whose fix fits
   * the kind: `transitiekaart validate` where it reads the kind (rules.validate_reads,
   * reading.py SUPPORTED) or has no size limit, else save it as .xlsx or CSV. Codes:
   * check_too_big, check_unsupported (validate reads it), check_unknown_kind (nor does validate). */
  function unread(name, size, rules, lang) {
    var T = rules.texts[lang === "en" ? "en" : "nl"], ext = extOf(name), dot = "." + ext;
    var mine = ext === "csv" || ext === "geojson" || ext === "json" || ext === "xlsx";
    if (mine && size > rules.max_bytes) {
      return {why: "size", problem: problem("note", "check_too_big",
        fmtText(T.too_big, {mb: rules.max_bytes / 1048576}), T.too_big_validate)};
    }
    var known = (rules.validate_reads || []).indexOf(dot) >= 0;
    var hint = !known ? T.unsupported_neither
      : ["xlsm", "txt", "tsv"].indexOf(ext) >= 0 ? T.unsupported_sheet : T.unsupported_validate;
    return {why: "format", problem: problem("note", known ? "check_unsupported" : "check_unknown_kind",
      fmtText(T.unsupported, {ext: dot}), fmtText(hint, {ext: dot}))};
  }

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
      (meta.readNotes || []).forEach(function (n) {  // tables.py _find_header: first
        problems.push(problem("note", n.code, n.message, n.hint));
      });
      var projects = [], perFeature = [], idRows = [], CP = lib("check_places");
      var ctx = {rules: rules, msgs: msgs, lang: L, why: why, problem: problem, repr: pyRepr};
      recs.forEach(function (rec) {  // tables.py: a coordinate that is not a number
        if (rec.coordError) { rec.errors = [CP.notNumber(rec.coordError, msgs)]; }
        if (rec.pairUnread) { rec.errors = unreadCell(rec.pairUnread, msgs, why); }
      });
      var points = CP.checkPoints(recs, meta.sheet || null, ctx);  // checks.py _check_geometries
      points.problems.forEach(function (q) { problems.push(q); });
      recs.forEach(function (rec) {
        rec.notation = notation; rec.evidence = evidence;
        (rec.problems || []).forEach(function (q) {  // its reading (lib/check_read.js): first
          perFeature.push(problem(q.severity, q.code, q.message, q.hint, {feature: rec.feature, row: rec.row,
            field: q.field, value: q.value, id: filled(rec.id) ? String(rec.id) : null,
            name: typeof rec.name === "string" ? rec.name : null}));
        });
        if (rec.skip) { return; }  // not a Feature: no fields to check
        // checks.py: a refused feature's fields are checked, its place is not; no project. A
        // line or polygon (not ported: the check is incomplete) has its fields checked alike
        if (rec.refused || rec.shaped) {  // (its id still counts: lib/check_ids.js fileIds)
          rec = Object.assign({}, rec, {lon: rules.reading.any_point[0], lat: rules.reading.any_point[1]});
        }
        var pid = rec.id;
        if (rec.name === rules.template_name && (pid === undefined || pid === null ||
            (typeof pid === "string" && pyStrip(pid).toUpperCase().indexOf(rules.template_id_prefix) === 0))) {
          perFeature.push(problem("note", "template_example", msgs.template_example[0], msgs.template_example[1],
            {feature: rec.feature, row: rec.row, id: pid === undefined || pid === null ? null : String(pid), name: rec.name}));
          return;
        }
        var p = checkRecord(rec, rules, why, msgs, L, rec.row !== null && rec.row !== undefined, fileCols);
        idRows.push({feature: rec.feature, id: rec.id,  // a refused row's id counts, it gets none
          project: p && !p.refused && !rec.refused && !rec.shaped && !points.refusedAll ? p : null});
        if (!p) { return; }
        if (p.refused || rec.refused || rec.shaped) {  // refused with an error: its problems, no project
          p.notes.forEach(function (n) {
            var col = fileCols[n.field];
            perFeature.push(problem(n.severity || "note", n.code, n.message, n.hint, {feature: rec.feature,
              row: rec.row, column: n.column !== undefined ? n.column : col && col !== n.field ? col : null,
              id: filled(rec.id) ? String(rec.id) : null,
              name: typeof rec.name === "string" ? rec.name : null, field: n.field, value: n.value}));
          });
          return;
        }
        p.feature = rec.feature; p.row = rec.row;
        if (!points.refusedAll) { projects.push(p); }  // checks.py: RD New refuses every row
        if (rec.rdPair) {  // locations.py read_place_cell: before the row's other notes
          p.rdNote = lib("check_places").rdPairNote(rec, p.name, ctx);
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
        var q = lib("check_places").pairColumnNote(n, ctx);
        if (q) { problems.push(q); }
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
      CP.placeNotes(projects, recs, perFeature, ctx);
      // places.py likely_duplicates: the same name within a few metres (lib/check_ids.js)
      var twins = IDS.likelyDuplicates(projects, rules.fields.duplicate_distance_m, function (lon, lat, p) {
        // a shape: the representative point of it in RD New (places.py _metric_points)
        var at = p && p.shape ? lib("check_shapes").rdPoint(p.shape, rules.rd) : null;
        if (p && p.shape && at === null) { why("geometry_shape"); }
        return at || lib("rd").toRd(lon, lat, rules.rd);
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
    var isCsv = ext === "csv", isJson = ext === "geojson" || ext === "json", R = lib("check_read");
    if (!isCsv && !isJson && ext !== "xlsx" || bytes.length > rules.max_bytes) {
      var un = unread(name, bytes.length, rules, lang);
      why(un.why);
      problems.push(un.problem);
      return result(null, []);
    }
    // a file validate refuses as a whole: its one error, nothing else (checks.py validate_file)
    function fatal(f, keep) {
      problems.length = 0; reasons.length = keep;
      problems.push(problem("error", null, f[0], f[1]));
      return result(null, []);
    }
    if ((isCsv || isJson || ext === "xlsx") && bytes.length === 0) {
      return fatal(R.refuse(rules, lang, "checks.empty_file", "checks.empty_file_fix").fatal, 0);
    }
    if (isCsv || isJson) {  // reading.py check_text_bounds, tables.py _check_table_size
      var bounds = R.textBounds(bytes, rules, lang, isCsv, why);
      if (bounds) { return fatal(bounds.fatal, 0); }
      if (R.container(bytes.subarray(0, 8192), rules)) { why("container"); return result(null, []); }
    }
    if (ext === "xlsx" && sheet && sheet.fatal) { return fatal(sheet.fatal, 0); }  // refused by checkAsync
    if (ext === "xlsx" && sheet) {  // unzipped by checkAsync
      var info = {names: [], check: lib("check_workbook").cellNamer(sheet.parts, rules, lang), file: name,
        headerAt: function (rows) { return lib("check_header").headerAt(rows, rules); }};
      var rows = sheet.files ? lib("xlsx").sheetRows(sheet.files, why, sheet.sheet, info) : null;
      // every answer names the workbook's sheets, and the one read (the page's sheet chooser)
      var named = function (res) {
        res.sheets = info.names; res.sheet = info.name === undefined ? null : info.name;
        return res;
      };
      if (info.fault) {  // workbook.py, tables.py: the workbook refused as a whole (at its cell)
        return named(fatal(R.refuse(rules, lang, info.fault.key, info.fault.fix, info.fault.vals, info.fault.fixVals).fatal, 0));
      }
      if (info.other) {  // tables.py _other_sheet: the first sheet is empty, the other one read
        problems.push(problem("note", "sheets", R.cli(rules, lang, "trialfix.first_sheet_empty_read",
          {first: info.other.first, sheet: info.other.sheet}),
        R.cli(rules, lang, "trialfix.first_sheet_empty_read_fix", {sheets: info.other.sheets})));
      }
      if (!sheet.files) { why(sheet.reason); }
      // workbook.py: a DTD in a part is refused by validate (not ported; guards the cells read)
      else if (Object.keys(sheet.files).some(function (k) { return /<!(DOCTYPE|ENTITY)/i.test(sheet.files[k]); })) { why("xlsx"); }
      var r0 = info.name !== undefined ? R.pyStr(info.name) : null;
      if (info.several && r0 === null) { why("sheets"); }
      else if (info.several) {  // tables.py read_xlsx: only the first sheet was read
        problems.push(problem("note", "sheets", msgs.sheets[0].split("§K§").join(String(info.names.length))
          .split("'§S§'").join(r0), msgs.sheets[1]));
      }
      var before = reasons.length, srecs = rows ? tableRecords(rows, rules, why, false, lang) : null;
      // tables.py read_xlsx: a sheet refused as a whole, read without a choice from a workbook
      // of several sheets, names the first sheet and the others (the projects may be there)
      var wrap = function (f) {
        if ((sheet.sheet !== undefined && sheet.sheet !== null) || info.names.length < 2) { return f; }
        var first = R.pyStr(info.names[0]), others = info.names.slice(1).map(R.pyStr);
        if (first === null || others.indexOf(null) >= 0) { return null; }
        return [R.cli(rules, lang, "tables.on_first_sheet", {sheet: first, message: f[0]}),
          f[1] + " " + R.cli(rules, lang, "tables.projects_on_other_sheet", {sheets: others.join(", ")})];
      };
      if (srecs && (srecs.fatal || srecs.unreadable) && wrap(["", ""]) === null) { why("sheets"); srecs = null; }
      // (the reasons of the table's reading are moot then: the one error is validate's)
      if (srecs && srecs.fatal) { return named(fatal(wrap(srecs.fatal), before)); }
      var res = finish(srecs);
      if (srecs && srecs.unreadable) {  // two columns with one header (tables.py _refuse_same_header)
        var same = wrap([res.problems[0].message, res.problems[0].hint]);
        res.problems[0].message = same[0]; res.problems[0].hint = same[1];
      }
      return named(res);
    }
    var dec = decode(bytes);
    if (!dec.utf8 && (isJson || !dec.cp1252)) {  // reading.py decode_text
      return fatal(R.refuse(rules, lang, "reading.not_utf8", "reading.not_utf8_fix",
        {byte: dec.byte, line: dec.line}).fatal, 0);
    } else if (!dec.utf8) {  // reading.py _decode: a CSV in Windows-1252, with a note
      problems.push(problem("note", "encoding", fmtText(msgs.encoding[0], {byte: dec.byte, line: dec.line}),
        msgs.encoding[1]));
    }
    if (dec.bom && isJson) { problems.push(problem("note", "bom", msgs.bom[0], msgs.bom[1])); }
    var keep = reasons.length;
    if (isJson) {
      var grecs = R.geojsonRecords(dec.text, rules, why, lang, FIELDS);
      return grecs && grecs.fatal ? fatal(grecs.fatal, keep) : finish(grecs);
    }
    if (!pyStrip(dec.text)) {
      return fatal(R.refuse(rules, lang, "tables.csv_only_white_space", "tables.csv_only_white_space_fix").fatal, keep);
    }
    var crecs = R.csvRecords(dec.text, rules, why, lang, tableRecords);
    if (crecs && crecs.fatal) { return fatal(crecs.fatal, keep); }
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
  // numpy's round (register_export: pts.x.round(7)): v * 10^d to the nearest integer (half to
  // even), then divided back; not the decimal rounding of toFixed (4.72433575: numpy 4.7243358)
  function npRound(v, d) {
    var f = Math.pow(10, d), y = v * f, r = Math.round(y);
    if (r - y === 0.5 && r % 2 !== 0) { r -= 1; }
    return r / f;
  }

  function exchangeCsv(projects, rules, lang) {
    var ex = rules.export, L = lang === "en" ? "en" : "nl", sep = L === "en" ? "," : ";";
    var dec = L === "en" ? "." : ",";
    function cell(col, v) {
      if (v === null || v === undefined || v === "") { return ""; }
      var s;
      if (ex.numeric.indexOf(col) >= 0) {
        var x = col === "lon" || col === "lat" ? npRound(v, ex.coord_decimals) : v;
        s = String(x).replace(".", dec);
      } else {
        s = String(v);
        if (ex.formula_start.some(function (c) { return s.indexOf(c) === 0; })) { s = "'" + s; }
      }
      return /["\r\n]/.test(s) || s.indexOf(sep) >= 0 ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    var lines = [ex.headers[L].join(sep)];
    projects = lib("check_ids").migrateIds(projects);  // ids of an earlier release, as list reads them
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
        description: p.description, url: p.url, lon: p.lon, lat: p.lat};
      lines.push(ex.columns.map(function (c) { return cell(c, row[c]); }).join(sep));
    });
    return lines.join("\r\n") + "\r\n";
  }

  return {exchangeCsv: exchangeCsv, unread: unread, decode: decode, parseCsv: parseCsv, headerKey: headerKey, fieldOf: fieldOf,
    // the field rules, for the tests of their parity with Python (lib/check_themes.js, check_ids.js, check_fields.js)
    words: later("check_themes", "words"), matchTheme: later("check_themes", "matchTheme"),
    sha1hex: later("check_ids", "sha1hex"), derivedId: later("check_ids", "derivedId"),
    checkBytes: checkBytes, checkAsync: checkAsync,
    headerUnit: headerUnit, readAmount: later("check_amounts", "readAmount"), readYear: later("check_fields", "readYear"), settleNotation: settleNotation};
}));
