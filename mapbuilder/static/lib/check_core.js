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

  // ---- text (lib/check_read.js) ---------------------------------------------------------
  function decode(bytes) { return lib("check_read").decode(bytes); }
  function parseCsv(text, delim) { return lib("check_read").parseCsv(text, delim); }

  // ---- headers (geo/validate/fields.py _header_key and field_of) -------------------------
  function headerKey(h) {
    var t = String(h).trim().toLowerCase();
    t = t.replace(/[([][^)\]]*[)\]]/g, " ");
    t = t.replace(/[^0-9a-z€]+/g, "_").replace(/^_+|_+$/g, "");
    return t.split("€").join("eur");
  }

  function fieldOf(h, rules) {
    var key = headerKey(h), fo = rules.field_of;
    var f = Object.prototype.hasOwnProperty.call(fo, key) ? fo[key] : null;
    if (f === null && key.indexOf("_") >= 0) {
      var cut = key.lastIndexOf("_"), head = key.slice(0, cut), tail = key.slice(cut + 1);
      if (rules.unit_tokens.indexOf(tail) >= 0 && fo[head] === "amount_eur") { f = "amount_eur"; }
    }
    if (f === null && key.length === 10) {
      var found = {};
      Object.keys(fo).forEach(function (a) { if (a.indexOf(key) === 0) { found[fo[a]] = 1; } });
      var ks = Object.keys(found);
      f = ks.length === 1 ? ks[0] : null;
    }
    return f;
  }

  // geo/validate/amounts.py header_unit: the multiplier a header gives its amounts, or null
  var UNIT_ONE = /^\s*(€|eur|euro|euros|x\s*€?\s*1)\s*$/i;
  function headerUnit(header, rules) {
    var text = pyStrip(String(header)), parts = [], m, re = /[([]([^)\]]*)[)\]]/g;
    while ((m = re.exec(text)) !== null) { parts.push(m[1]); }
    var rest = pyStrip(text.replace(/[([][^)\]]*[)\]]/g, "")).split(/[_\s]+/);
    var tail = rest[rest.length - 1];
    if (["bedrag", "amount"].indexOf(tail.toLowerCase()) < 0) { parts.push(tail); }
    for (var i = 0; i < parts.length; i++) {
      for (var j = 0; j < rules.header_units.length; j++) {
        if (new RegExp(rules.header_units[j][0], "i").test(parts[i])) { return rules.header_units[j][1]; }
      }
      if (UNIT_ONE.test(parts[i])) { return 1; }
    }
    return null;
  }

  // an amount as validate reads it with no column notation (lib/amounts.js, the page's one
  // amount parser), in euro; null where it is refused, a no-amount word or worth a note
  function readAmount(value, unit, rules) {
    var got = lib("amounts").read(value, {unit: unit, unknown: rules && rules.unknown_amounts});
    return got.error || got.unknown || got.grouped ? null : got.amount;
  }

  // geo/validate/amounts.py settle_notation: the amount column's notation and what settled it
  function settleNotation(header, values, fileHint, keys, lang, rules) {
    var N = rules.notation, texts = values.filter(function (v) { return typeof v === "string"; });
    var nl = texts.some(function (t) { return new RegExp(N.nl_evidence).test(t); });
    var en = texts.some(function (t) { return new RegExp(N.en_evidence).test(t); });
    if (nl && en) { return [null, null]; }
    if (nl !== en) { return [nl ? "nl" : "en", "column"]; }
    var hnl = new RegExp(N.nl_header, "i").test(header), hen = new RegExp(N.en_header, "i").test(header);
    if (hnl !== hen && N.project_fields.indexOf(headerKey(header)) < 0) { return [hnl ? "nl" : "en", "header"]; }
    if (fileHint) { return [fileHint, "file"]; }
    var own = keys.map(headerKey).filter(function (k) { return N.project_fields.indexOf(k) < 0; });
    var nNl = own.filter(function (k) { return N.nl_words.indexOf(k) >= 0; }).length;
    var nEn = own.filter(function (k) { return N.en_words.indexOf(k) >= 0; }).length;
    if (nNl !== nEn) { return [nNl > nEn ? "nl" : "en", "headers"]; }
    return [lang, "lang"];
  }

  // ---- themes (geo/themes.py _words, _stem, _match_text) ----------------------------------
  function stem(word) {
    var base = word;
    if (word.length > 4 && word.slice(-1) === "s" && word.slice(-2) !== "ss") { word = word.slice(0, -1); }
    if (word.length > 4 && word.slice(-2) === "en") { word = word.slice(0, -2); }
    if (word.length > 3 && word.slice(-1) === "e") { word = word.slice(0, -1); }
    word = word.replace(/([aeou])\1([^aeiou]*)$/, "$1$2");
    if (word !== base) { word = word.replace(/([^aeiou])\1$/, "$1"); }
    return word;
  }

  function ascii(text) {
    // NFKD, drop what is not ASCII, lower (as Python's encode("ascii", "ignore").lower())
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();  // eslint-disable-line no-control-regex -- ASCII only, as Python encode("ascii", "ignore")
  }

  function words(text, rules) {
    var th = rules.themes;
    text = ascii(text);
    var bare = text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ");
    if (bare.replace(/^[ ,.;:\-_&/]+|[ ,.;:\-_&/]+$/g, "") !== "") { text = bare; }
    text = text.replace(/([a-z0-9_])\.(?=[a-z0-9_])/g, "$1");
    var out = {};
    text.split(/[^a-z0-9]+/).forEach(function (tok) {
      if (!tok || th.stop.indexOf(tok) >= 0) { return; }
      var v = Object.prototype.hasOwnProperty.call(th.variants, tok) ? th.variants[tok] : tok;
      v.split(/\s+/).forEach(function (part) { if (part) { out[stem(part)] = 1; } });
    });
    return Object.keys(out).sort();
  }

  function subset(a, b) { return a.every(function (w) { return b.indexOf(w) >= 0; }); }

  // {code} for a theme; {candidates} when it fits several; {unknown: true} otherwise (the
  // "did you mean" suggestions of difflib are not ported: the caller reports incomplete)
  function matchTheme(value, rules) {
    var th = rules.themes, w = words(value, rules);
    if (!w.length) { return {code: null, unknown: true}; }
    var hit = th.lookup[w.join(" ")];
    // a name broader than its theme ("Circulaire economie"): validate notes the match
    if (hit) { return {code: hit, broader: th.broader.indexOf(w.join(" ")) >= 0}; }
    var fits = th.codes.filter(function (c) { return subset(w, th.vocab[c]); });
    if (fits.length === 1) { return {code: fits[0]}; }
    if (fits.length > 1) { return {code: null, candidates: fits}; }
    var named = th.codes.filter(function (c) {
      return th.synonym_words[c].some(function (s) { return subset(s, w); });
    });
    if (named.length > 1) { return {code: null, candidates: named}; }
    return {code: null, unknown: true};
  }

  // ---- SHA-1 (derived ids, geo/validate/fields.py derived_id) -----------------------------
  function sha1hex(str) {
    var b = new TextEncoder().encode(str), n = b.length, words_ = ((n + 8) >> 6) + 1;
    var m = new Uint32Array(words_ * 16), i;
    for (i = 0; i < n; i++) { m[i >> 2] |= b[i] << (24 - (i % 4) * 8); }
    m[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    m[words_ * 16 - 1] = n * 8;
    var h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
    var w = new Uint32Array(80);
    for (var blk = 0; blk < m.length; blk += 16) {
      for (i = 0; i < 16; i++) { w[i] = m[blk + i]; }
      for (i = 16; i < 80; i++) { var x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]; w[i] = (x << 1) | (x >>> 31); }
      var a = h0, bb = h1, c = h2, d = h3, e = h4, f, k, t;
      for (i = 0; i < 80; i++) {
        if (i < 20) { f = (bb & c) | (~bb & d); k = 0x5a827999; }
        else if (i < 40) { f = bb ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (bb & c) | (bb & d) | (c & d); k = 0x8f1bbcdc; }
        else { f = bb ^ c ^ d; k = 0xca62c1d6; }
        t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) >>> 0;
        e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = t;
      }
      h0 = (h0 + a) >>> 0; h1 = (h1 + bb) >>> 0; h2 = (h2 + c) >>> 0; h3 = (h3 + d) >>> 0; h4 = (h4 + e) >>> 0;
    }
    return [h0, h1, h2, h3, h4].map(function (v) { return ("00000000" + (v >>> 0).toString(16)).slice(-8); }).join("");
  }


  // Python's str.strip(): its white space differs from JS trim (\x1c-\x1f, \x85; not \ufeff)
  var PY_WS = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  var PY_STRIP = new RegExp("^" + PY_WS + "|" + PY_WS + "$", "g");
  function pyStrip(s) { return s.replace(PY_STRIP, ""); }

  // geo/validate/fields.py _key_text: runs of Python white space as one space, casefold.
  // Casefold equals toLowerCase in Latin-1 except for \u00b5 and \u00df; other text: null.
  var PY_WS_RUN = new RegExp(PY_WS, "g");
  function keyText(s) {
    if (typeof s !== "string") { return ""; }
    if (/[^\u0000-\u00ff]|[\u00b5\u00df]/.test(s)) { return null; }  // eslint-disable-line no-control-regex -- the Latin-1 range, intended
    return s.replace(PY_WS_RUN, " ").replace(/^ | $/g, "").toLowerCase();
  }

  // derived_id(theme, name, organisation); null when the page cannot casefold the text
  function derivedId(theme, name, organisation) {
    var n = keyText(name), o = keyText(organisation);
    if (n === null || o === null) { return null; }
    return "p-" + sha1hex("v2|" + theme + "|" + n + "|" + o).slice(0, 12);
  }

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

  var OPTIONAL_TEXT = ["organisation", "description"];

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

  // geo/validate/fields.py read_year: {year, ok, noted}; null where the page cannot tell
  function readYear(v, rules) {
    var lo = rules.year_range[0], hi = rules.year_range[1];
    if (v === null || v === undefined || (typeof v === "string" && !pyStrip(v))) { return {year: null, ok: true}; }
    if (typeof v === "boolean") { return null; }
    var y = null;
    if (typeof v === "number") { y = v; }
    else if (typeof v !== "string" || !/^[\x20-\x7e\u2013\u00e4]*$/.test(v)) { return null; }
    else if (/^[\t\n\v\f\r ]*[0-9]{1,6}[\t\n\v\f\r ]*$/.test(v)) { y = Number(v); }
    if (y !== null && isFinite(y) && Number.isInteger(y) && y >= lo && y <= hi) { return {year: y, ok: true}; }
    if (typeof v !== "string") { return {year: null, ok: false}; }
    var m = new RegExp(rules.year_words, "i").exec(v);
    if (!m || Number(m[3]) < lo || Number(m[3]) > hi) { return {year: null, ok: false}; }
    return {year: Number(m[3]), ok: true, noted: true};
  }

  // control characters: an error or a note in validate (geo/validate/controls.py, not ported)
  var CONTROL = /[\x00-\x1f\x7f-\x9f]/;  // eslint-disable-line no-control-regex -- control characters are what the check looks for

  function filled(v) { return v !== undefined && v !== null && String(v).trim() !== ""; }

  // one row's fields -> a project (with its notes, in validate's order), or null with a
  // reason it is left to the command line
  function checkRecord(rec, rules, why, msgs) {
    var name = rec.name, theme = rec.theme, notes = [];
    function note(code, tpl, field, value) {
      notes.push({code: code, message: tpl[0], hint: tpl[1], field: field, value: value});
    }
    if (typeof name !== "string" || !pyStrip(name) || pyStrip(name) !== name || name.length > 200 ||
        /[\x00-\x1f\x7f-\x9f]/.test(name)) { why("name"); return null; }  // eslint-disable-line no-control-regex -- control characters are what the check looks for
    if (typeof theme !== "string") { why("theme"); return null; }
    var m = matchTheme(theme, rules);
    if (!m.code) { why("theme"); return null; }
    if (m.broader) { why("theme"); }  // its note is not ported: the check is incomplete
    var amount = null, stat = null;
    if (rec.amount_eur !== undefined) {
      var got = lib("amounts").read(rec.amount_eur, {unit: rec.unit || 1, notation: rec.notation,
        evidence: rec.evidence || "column", unknown: rules.unknown_amounts});
      if (got.error) { why("amount"); return null; }
      if (got.grouped) { why("amount_notation"); return null; }
      if (got.unknown) {
        var shown = msgs.amount_unknown[0].split("'" + rules.id_sentinel + "'").join("'" + got.shown + "'");
        note("amount_unknown", [shown, msgs.amount_unknown[1]], "amount_eur", rec.amount_eur);
      }
      amount = got.amount;
      if (amount !== null && amount > 0 && amount < rules.small_amount_eur) { why("amount"); return null; }
    }
    var year = readYear(rec.start_year, rules);
    if (year === null || !year.ok) { why("start_year"); return null; }
    if (year.noted) {
      var r = pyRepr(rec.start_year);
      if (r === null) { why("start_year"); return null; }
      note("year_range", msgs.year_range.map(function (t) {
        return t.split("'" + rules.v_sentinel + "'").join(r).split(String(rules.y_sentinel)).join(String(year.year));
      }), "start_year", rec.start_year);
    }
    if (rec.status !== undefined && rec.status !== null && String(rec.status).trim() !== "") {
      if (typeof rec.status !== "string" || CONTROL.test(rec.status)) { why("status"); return null; }
      // geo/validate/status.py status_key (after NFKD and ASCII only, Python's \s is this class)
      var sk = rec.status.normalize("NFKD").replace(/[^\x00-\x7f]/g, "")  // eslint-disable-line no-control-regex -- ASCII only, as status_key
        .replace(/[\t\n\v\f\r\x1c-\x20_-]+/g, " ").replace(/^ +| +$/g, "").toLowerCase();  // eslint-disable-line no-control-regex -- Python's \s includes \x1c-\x1f
      if (Object.prototype.hasOwnProperty.call(rules.status_plain, sk)) { stat = rules.status_plain[sk]; }
      else if (Object.prototype.hasOwnProperty.call(rules.status_of, sk)) {
        stat = rules.status_of[sk];
        var t = msgs.status_read[stat];
        notes.push({code: "status_read", message: t[0].split(rules.id_sentinel).join(pyStrip(rec.status)),
          hint: t[1], field: "status", value: rec.status});
      } else { why("status"); return null; }
    }
    var keep = true;
    ["url", "place", "place_area", "sample"].forEach(function (f) {
      if (filled(rec[f])) { why(f); keep = false; }
    });
    OPTIONAL_TEXT.forEach(function (f) {
      if (rec[f] !== undefined && rec[f] !== null && typeof rec[f] !== "string") { why(f); keep = false; }
      else if (typeof rec[f] === "string" && (rec[f].length > 200 || CONTROL.test(rec[f]))) { why(f); keep = false; }
    });
    // an id of true/false is an error in validate (id_not_text, not ported); a number that is
    // not a whole one may be written otherwise by Python: both left to the command line
    if (typeof rec.id === "boolean" || (typeof rec.id === "number" && !Number.isSafeInteger(rec.id))) {
      why("id"); keep = false;
    }
    if (rec.id !== undefined && rec.id !== null && String(rec.id).trim() !== "" &&
        !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(String(rec.id))) { why("id"); keep = false; }
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
      if (!mun && !scope && !address) {  // places.py no_location: one error, in every format
        notes.push({code: "no_location", severity: "error", field: "geometry", value: null,
          message: msgs.no_location[0], hint: msgs.no_location[1]});
        return {refused: true, notes: notes};
      }
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
    return {theme: m.code, name: name, amount_eur: amount, status: stat, notes: notes, named: named,
      start_year: year.year,
      lon: point ? rec.lon : null, lat: point ? rec.lat : null,
      place: place ? place.place : "point", place_area: place ? place.area : null,
      organisation: rec.organisation || null, description: rec.description || null,
      id: rec.id !== undefined && rec.id !== null && String(rec.id).trim() !== "" ? String(rec.id) : null};
  }

  // rows ({line, cells}) of a CSV or of a sheet (then cells are typed: numbers stay numbers)
  function tableRecords(rows, rules, why, strict, lang) {
    var recsNotes = [];
    if (!rows.length) { why("rows"); return null; }
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
    var unread = lib("check_read").tableUnreadable(header, rows.length - 1, lonAt >= 0 && latAt >= 0,
      placed || !!pair, rules, lang, why);
    if (unread !== undefined) { return unread; }
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
      var P = lib("places"), L = lang === "en" ? "en" : "nl";
      var eur = function (v) { return (L === "en" ? "€" : "€ ") + P.formatNumber(v, 0, L); };
      var given = projects.map(function (p) { return p.amount_eur; })
        .filter(function (a) { return a !== null && isFinite(a) && a > 0; });
      if (!given.length) { return; }
      var total = given.reduce(function (t, a) { return t + a; }, 0);
      var sorted = given.slice().sort(function (a, b) { return a - b; }), n = sorted.length;
      var median = n >= 3 ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : NaN;
      var factor = rules.implausible_median_factor, cap = rules.implausible_amount_eur;
      projects.forEach(function (p) {
        var a = p.amount_eur;
        if (a === null || !isFinite(a)) { return; }
        var byMedian = isFinite(median) && a > factor * median, byCap = a > cap;
        if (!byMedian && !byCap) { return; }
        var t = msgs.implausible[byMedian && byCap ? "both" : byMedian ? "median" : "cap"];
        var text = t[0].split("§E§").join(eur(a)).split("§P§").join(P.formatNumber(100 * a / total, 1, L));
        if (byMedian) { text = text.split("§T§").join(P.formatNumber(a / median, 0, L)).split("§M§").join(eur(median)); }
        out.push(problem("note", "implausible_amount", text, t[1], {feature: p.feature, row: p.row,
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
      var meta = recs.meta || {}, notation = null, evidence = null, L = lang === "en" ? "en" : "nl";
      if (meta.amountHeader) {  // checks.py: the amount column's notation, from its evidence
        var values = recs.map(function (r) { return r.amount_eur === undefined ? null : r.amount_eur; });
        var three = new RegExp(rules.notation.three);
        if ((meta.unit || 1) !== 1 || values.some(function (v) { return typeof v === "string" && three.test(v); })) {
          var settled = settleNotation(meta.amountHeader, values, fileHint || null, meta.keys, L, rules);
          notation = settled[0]; evidence = settled[1];
        }
      }
      var projects = [], perFeature = [], refusedIds = [];
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
        if (rec.refused || rec.shaped) {
          if (filled(rec.id)) { refusedIds.push(String(rec.id)); }
          rec = Object.assign({}, rec, {lon: rules.reading.any_point[0], lat: rules.reading.any_point[1]});
        }
        var pid = rec.id;
        if (rec.name === rules.template_name && (pid === undefined || pid === null ||
            (typeof pid === "string" && pyStrip(pid).toUpperCase().indexOf(rules.template_id_prefix) === 0))) {
          perFeature.push(problem("note", "template_example", msgs.template_example[0], msgs.template_example[1],
            {feature: rec.feature, row: rec.row, id: pid === undefined || pid === null ? null : String(pid), name: rec.name}));
          return;
        }
        var p = checkRecord(rec, rules, why, msgs);
        if (!p) { return; }
        if (p.refused || rec.refused || rec.shaped) {  // refused with an error: its problems, no project
          p.notes.forEach(function (n) {
            var col = rec.cols && rec.cols[n.field];
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
          var col = rec.cols && rec.cols[n.field], own = filled(rec.id) ? String(rec.id) : null;
          perFeature.push(problem("note", n.code, n.message, n.hint, {feature: rec.feature, row: rec.row,
            column: col && col !== n.field ? col : null, id: own, name: p.name, field: n.field, value: n.value}));
        });
      });
      var ids = {}, names = {}, lacking = [];
      refusedIds.forEach(function (r) { if (ids[r]) { why("duplicate_id"); } ids[r] = 1; });
      projects.forEach(function (p) {
        p.ownId = p.id;
        if (p.id !== null) { if (ids[p.id]) { why("duplicate_id"); } ids[p.id] = 1; }
        else {
          p.id = derivedId(p.theme, p.name, p.organisation);
          if (p.id === null) { why("id_text"); }
          else if (ids[p.id]) { why("duplicate_name"); }  // the same theme, name, organisation
          else { ids[p.id] = 1; }
          lacking.push(p);
        }
        // places.py likely_duplicates keys names by strip().casefold(); two keys here that
        // together equate at least what casefold does (ß and SS too): a match is left to validate
        [p.name.trim().toLowerCase(), "u:" + pyStrip(p.name).toUpperCase().toLowerCase()].forEach(function (nk) {
          if (names[nk]) { why("duplicate_name"); } names[nk] = 1;
        });
      });
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
    var isCsv = ext === "csv", isJson = ext === "geojson" || ext === "json", R = lib("check_read");
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
      var info = {names: [], check: lib("check_workbook").cellNamer(sheet.parts, rules, lang)};
      var rows = sheet.files ? lib("xlsx").sheetRows(sheet.files, why, sheet.sheet, info) : null;
      if (info.fault) {  // workbook.py: the sheet refused as a whole, at its cell
        return fatal(R.refuse(rules, lang, info.fault.key, info.fault.fix, info.fault.vals).fatal, 0);
      }
      if (!sheet.files) { why(sheet.reason); }
      var r0 = info.name !== undefined ? pyRepr(info.name) : null;
      if (info.several && r0 === null) { why("sheets"); }
      else if (info.several) {  // tables.py read_xlsx: only the first sheet was read
        problems.push(problem("note", "sheets", msgs.sheets[0].split("§K§").join(String(info.names.length))
          .split("'§S§'").join(r0), msgs.sheets[1]));
      }
      var srecs = rows ? tableRecords(rows, rules, why, false, lang) : null;
      // a sheet refused as a whole: the page reads the XML without checking it is well-formed,
      // and a damaged part is what validate names first (workbook messages not ported)
      if (srecs && srecs.fatal) { why("xlsx"); srecs = null; }
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
    words: words, matchTheme: matchTheme, sha1hex: sha1hex, derivedId: derivedId,
    parseCoord: parseCoord,
    checkBytes: checkBytes, checkAsync: checkAsync,
    headerUnit: headerUnit, readAmount: readAmount, readYear: readYear, settleNotation: settleNotation};
}));
