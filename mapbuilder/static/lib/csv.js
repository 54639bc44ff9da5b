/* transitiekaart lib/csv: the selection as CSV text for Excel, pure (no DOM, no page state).
 *
 * text(header, rows, lang): a UTF-8 byte-order mark, the header's words, one line per row, CRLF.
 * Dutch: ";" between cells and a decimal comma; English: "," and a decimal point. Text that
 * Excel would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe; a cell with
 * the separator, a quote or a line break is quoted (RFC 4180). See lib/classes.js for the
 * module pattern.
 *
 * register(d, rows, spec, lang, extra): the projects at payload indexes `rows` (in that order)
 * in the register's exchange format, byte for byte what `transitiekaart list --format csv`
 * writes for them (mapbuilder/register_export.py; `spec` is its exchange_spec(), shipped as
 * checkRules.export): the template's columns and headers, themes and statuses in words, a
 * municipality-placed project by its municipality and an area-wide one by its subregion (or
 * MRA-wide) with lon/lat empty, coordinates with spec.coord_decimals decimals, "sample" last
 * when a project is one. `extra` ({header, values}, or a list of them) adds a column per
 * entry after those.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).csv = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function cell(v, sep) {
    var s = v === null || v === undefined ? "" : String(v);
    if (typeof v !== "number" && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    if (s.indexOf(sep) >= 0 || /["\n\r]/.test(s)) { s = "\"" + s.replace(/"/g, "\"\"") + "\""; }
    return s;
  }

  // header: {key: word shown}; rows: [{key: value}] (booleans become 1/0)
  function text(header, rows, lang) {
    var nl = lang !== "en", sep = nl ? ";" : ",", keys = Object.keys(header);
    var lines = [keys.map(function (k) { return cell(header[k], sep); }).join(sep)];
    rows.forEach(function (r) {
      lines.push(keys.map(function (k) {
        var v = r[k];
        if (typeof v === "boolean") { v = v ? 1 : 0; }
        if (typeof v === "number" && nl) { return String(v).replace(".", ","); }
        return cell(v, sep);
      }).join(sep));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function register(d, rows, spec, lang, extra) {
    var L = lang === "en" ? "en" : "nl", sep = L === "en" ? "," : ";", s = d.scale, k, i;
    var cols = spec.columns.slice(), header = spec.headers[L].slice(), sample = false;
    for (k = 0; k < rows.length && !sample; k++) { sample = !!(d.smp && d.smp[rows[k]]); }
    if (sample) { cols.push("sample"); header.push(spec.sample); }
    var extras = !extra ? [] : Array.isArray(extra) ? extra : [extra];
    extras.forEach(function (e, j) { cols.push("extra" + j); header.push(e.header); });
    var numeric = {};
    spec.numeric.forEach(function (c) { numeric[c] = true; });
    function out(col, v) {
      if (v === null || v === undefined) { return ""; }
      if (numeric[col]) { return L === "en" ? String(v) : String(v).replace(".", ","); }
      return cell(String(v), sep);
    }
    var lines = [header.map(function (h) { return cell(h, sep); }).join(sep)];
    for (k = 0; k < rows.length; k++) {
      i = rows[k];
      var key = String(i), pl = d.pl[i], xp = d.xp && d.xp[key], st = d.st[i];
      var row = {
        id: d.id ? d.id[i] : null, name: d.name[i], theme: spec.themes[L][d.codes[d.t[i]]],
        amount_eur: d.eurx && key in d.eurx ? d.eurx[key] : d.eur[i] >= 0 ? d.eur[i] : null,
        status: st < 0 ? null : d.stw && key in d.stw ? d.stw[key]
          : spec.status[L][d.sts[st]] || d.sts[st],
        start_year: d.yr[i] > 0 ? d.yr[i] : null,
        organisation: d.org[i] >= 0 ? d.orgs[d.org[i]] : null,
        municipality: pl === 1 && d.mun[i] >= 0 ? d.areas.mun.name[d.mun[i]] : null,
        subregion: pl === 2 && d.sub[i] >= 0 ? d.areas.sub.name[d.sub[i]]
          : pl === 3 ? spec.mra_wide[L] : null,
        lon: pl !== 0 ? null : xp ? xp[0] : d.x[i] / s,
        lat: pl !== 0 ? null : xp ? xp[1] : d.y[i] / s,
        url: d.url ? d.url[key] : null, description: d.desc ? d.desc[key] : null,
        sample: d.smp && d.smp[i] ? "true" : "false"};
      extras.forEach(function (e, j) { row["extra" + j] = e.values[k]; });
      lines.push(cols.map(function (c) { return out(c, row[c]); }).join(sep));
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  return {cell: cell, text: text, register: register};
}));
