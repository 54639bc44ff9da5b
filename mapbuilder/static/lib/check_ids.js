/* transitiekaart lib/check_ids: a file's ids and names as `transitiekaart validate` checks them, pure.
 *
 * Ports geo/validate/checks.py _check's id part (a given id twice in the file is an error;
 * a project without id gets one derived from theme, name and organisation, SHA-1 as
 * geo/validate/fields.py derived_id; the same content at the same place is an error, at
 * another place a numbered id with a note) and geo/validate/places.py likely_duplicates (the
 * same name within SETTINGS.duplicate_distance_m, measured in RD New). Texts are the
 * catalogue's own (rules.fields.texts). Held to Python by tests/test_check_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.check_ids`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_ids = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
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

  var PY_WS = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  var PY_WS_RUN = new RegExp(PY_WS, "g");

  // Python's casefold where it equals toLowerCase (Latin-1 but \u00b5 and \u00df); else null
  function casefold(s) {
    if (/[^\u0000-\u00ff]|[\u00b5\u00df]/.test(s)) { return null; }  // eslint-disable-line no-control-regex -- the Latin-1 range, intended
    return s.toLowerCase();
  }

  // fields.py _key_text: runs of Python white space as one space, casefold; null: not known
  function keyText(s) {
    if (typeof s !== "string") { return ""; }
    var folded = casefold(s);
    return folded === null ? null : folded.replace(PY_WS_RUN, " ").replace(/^ | $/g, "");
  }

  // derived_id(theme, name, organisation); null when the page cannot casefold the text
  function derivedId(theme, name, organisation) {
    var n = keyText(name), o = keyText(organisation);
    if (n === null || o === null) { return null; }
    return "p-" + sha1hex("v2|" + theme + "|" + n + "|" + o).slice(0, 12);
  }

  // checks.py _given_id: an id as the file gives it (text stripped, a whole number), or null
  function givenId(v) {
    if (typeof v === "number") { return Number.isInteger(v) && isFinite(v) ? String(v) : null; }
    if (typeof v !== "string") { return null; }
    return lib("check_fields").pyStrip(v) || null;
  }

  /* checks.py _check: `rows` (one per feature, in order: {feature, id (as read), project (the
   * accepted row: theme, name, organisation, id, lon/lat or place/place_area) or null}) ->
   * {problems (with feature, in validate's order), derived [{feature, id, name}]}; the
   * projects refused here get `refused`, the others their id. `fill` gives the catalogue's
   * texts; `why` where the page cannot tell (a number beyond 2^53, a text it cannot casefold). */
  function fileIds(rows, fill, why) {
    var seen = {}, problems = [], derived = [], at = {};
    var has = Object.prototype.hasOwnProperty;
    rows.forEach(function (r) {
      at[r.feature] = r;
      if (typeof r.id === "number" && !Number.isSafeInteger(r.id) && Number.isInteger(r.id)) { why("id"); }
      var given = givenId(r.id);
      if (given === null) { return; }
      if (has.call(seen, given)) {
        problems.push({feature: r.feature, severity: "error", code: "id_twice", field: "id", value: given,
          message: fill("checks.id_twice", {first: seen[given]}), hint: fill("checks.id_twice_fix"), id: given});
        if (r.project) { r.project.refused = true; }
      } else { seen[given] = r.feature; }
    });
    function samePlace(a, b) {  // checks.py _same_place
      if (!a || a.refused) { return false; }
      if (a.shape || b.shape) {  // shapely's equals on shapes: the same coordinates, else not ported
        if (!a.shape || !b.shape) { return false; }
        if (JSON.stringify(a.shape.parts) === JSON.stringify(b.shape.parts)) { return true; }
        why("geometry_shape");
        return false;
      }
      if (a.lon !== null || b.lon !== null) { return a.lon === b.lon && a.lat === b.lat; }
      return a.place === b.place && a.place_area === b.place_area;
    }
    rows.forEach(function (r) {
      var p = r.project;
      if (!p || p.refused || p.id !== null) { return; }
      var base = derivedId(p.theme, p.name, p.organisation);
      if (base === null) { why("id_text"); return; }
      var rid = base, k = 1;
      while (has.call(seen, rid) && !samePlace(at[seen[rid]].project, p)) { k += 1; rid = base + "-" + k; }
      p.id = rid;
      if (has.call(seen, rid)) {
        problems.push({feature: r.feature, severity: "error", code: "same_content", field: "id", value: null,
          message: fill("checks.same_content", {first: seen[rid]}), hint: fill("checks.same_content_fix")});
        p.refused = true;
        derived.push({feature: r.feature, id: rid, name: p.name});
        return;
      }
      if (k > 1) {
        problems.push({feature: r.feature, severity: "note", code: "derived_id_number", field: "id", value: null,
          message: fill("checks.derived_id_number", {first: seen[base], id: rid, base: base}),
          hint: fill("checks.derived_id_number_fix")});
      }
      seen[rid] = r.feature;
      derived.push({feature: r.feature, id: rid, name: p.name});
    });
    return {problems: problems, derived: derived};
  }

  /* places.py likely_duplicates: [a, b, metres] (indexes into `projects`) for two points with
   * the same name (stripped, casefold) within `distance` metres in RD New (`toRd(lon, lat)`),
   * ordered as Python orders them (by b, then a); null where a name cannot be casefolded. */
  function likelyDuplicates(projects, distance, toRd) {
    var S = lib("check_fields").pyStrip, keys = [], loose = {}, unknown = false;
    projects.forEach(function (p) {
      var k = casefold(S(p.name));
      keys.push(k);
      if (k === null) { unknown = true; }
      var l = S(p.name).toUpperCase().toLowerCase();
      loose[l] = (loose[l] || 0) + 1;
    });
    if (unknown && Object.keys(loose).some(function (l) { return loose[l] > 1; })) { return null; }
    var pairs = [], xy = {};
    function at(k) {  // in RD New, made when a name is met twice (a shape's may be declined)
      if (!(k in xy)) { xy[k] = projects[k].lon === null ? null : toRd(projects[k].lon, projects[k].lat, projects[k]); }
      return xy[k];
    }
    for (var b = 0; b < projects.length; b++) {
      for (var a = 0; a < b; a++) {
        if (keys[a] === null || keys[a] !== keys[b] || !at(a) || !at(b)) { continue; }
        var d = Math.hypot(xy[a][0] - xy[b][0], xy[a][1] - xy[b][1]);
        if (d <= distance) { pairs.push([a, b, d]); }
      }
    }
    return pairs;
  }

  // Python's f"{v:.5f}": the exact value rounded, a tie to the even digit (toFixed takes the
  // larger magnitude on a tie; its 60 digits are exact for a coordinate)
  function fixed5(v) {
    var s = v.toFixed(5), e = Math.abs(v).toFixed(60), dot = e.indexOf(".");
    if (/^50*$/.test(e.slice(dot + 6)) && Number(e.charAt(dot + 5)) % 2 === 0) {
      s = (v < 0 ? "-" : "") + e.slice(0, dot + 6);
    }
    return s;
  }

  // fields.py legacy_derived_id: the id releases before issue 20 derived from theme, name and
  // the location (a point, [lon, lat]) or the area ("municipality:GM0453")
  function legacyId(theme, name, at, area) {
    var where = at ? fixed5(at[0]) + "|" + fixed5(at[1]) : "area:" + area;
    return "p-" + sha1hex(theme + "|" + lib("check_fields").pyStrip(name) + "|" + where).slice(0, 12);
  }

  /* geo/_register_ids.py migrate, as `list` reads a register: a project whose id is the
   * legacy id of its own content gets its derived id, unless another project has that id
   * or two would get it. The projects, with ids migrated (copies where changed). */
  function migrateIds(projects) {
    var taken = {}, wanted = {}, legacy = {};
    projects.forEach(function (p) { taken[p.id] = true; });
    projects.forEach(function (p, j) {
      if (typeof p.id !== "string" || p.id.indexOf("p-") !== 0 || typeof p.theme !== "string" ||
          typeof p.name !== "string") { return; }
      var point = p.lon !== null && p.lon !== undefined && p.lat !== null && p.lat !== undefined;
      var py = function (v) { return v === null || v === undefined ? "None" : String(v); };  // str()
      var old = legacyId(p.theme, p.name, point ? [p.lon, p.lat] : null, py(p.place) + ":" + py(p.place_area));
      if (old !== p.id) { return; }
      var now = derivedId(p.theme, p.name, typeof p.organisation === "string" ? p.organisation : null);
      if (now === null) { return; }
      legacy[j] = now;
      (wanted[now] = wanted[now] || []).push(j);
    });
    return projects.map(function (p, j) {
      var now = legacy[j];
      if (now === undefined || wanted[now].length > 1 || taken[now]) { return p; }
      var q = {};
      Object.keys(p).forEach(function (k) { q[k] = p[k]; });
      q.id = now;
      return q;
    });
  }

  return {sha1hex: sha1hex, keyText: keyText, derivedId: derivedId, givenId: givenId,
    fileIds: fileIds, likelyDuplicates: likelyDuplicates, legacyId: legacyId, migrateIds: migrateIds,
    fixed5: fixed5};
}));
