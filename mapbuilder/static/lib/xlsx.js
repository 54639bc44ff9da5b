/* transitiekaart lib/xlsx: the sheets of an .xlsx workbook, pure (no DOM).
 *
 * The zip's central directory (stored or deflated entries; the inflating is the caller's:
 * DecompressionStream in the page, zlib in node) and a sheet's cells from its XML, as
 * geo/validate/tables.py read_xlsx reads them (openpyxl). Used by lib/check_core.js; held to
 * Python by tests/test_check_parity.py (workbooks checked by both).
 * In node `module.exports`; in the page `window.transitiekaart.lib.xlsx`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).xlsx = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function u16(b, o) { return b[o] | (b[o + 1] << 8); }
  function u32(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 16777216; }

  // name -> {method, data (still compressed)}; null when this is no zip the page can read
  function zipEntries(bytes) {
    var e = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) { e = i; break; }
    }
    if (e < 0) { return null; }
    var n = u16(bytes, e + 10), at = u32(bytes, e + 16), out = {};
    for (var k = 0; k < n; k++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) { return null; }
      var method = u16(bytes, at + 10), size = u32(bytes, at + 20), nl = u16(bytes, at + 28);
      var flags = u16(bytes, at + 8), full = u32(bytes, at + 24);
      var xl = u16(bytes, at + 30), cl = u16(bytes, at + 32), local = u32(bytes, at + 42);
      var name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nl));
      if (size === 0xffffffff || local === 0xffffffff) { return null; }  // ZIP64
      var start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      out[name] = {method: method, data: bytes.subarray(start, start + size), size: full, flags: flags};
      at += 46 + nl + xl + cl;
    }
    return out;
  }

  function xmlText(s) {
    return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, function (m, e) {
      if (e[0] === "#") { return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)); }
      return {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'"}[e];
    });
  }

  function attr(tag, name) {
    var m = new RegExp("\\s" + name + '="([^"]*)"').exec(tag);
    return m ? xmlText(m[1]) : null;
  }

  function runs(xml) {  // the text of an <si> or <is>: its <t> runs
    var out = "", m, re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
    while ((m = re.exec(xml)) !== null) { out += m[1] ? xmlText(m[1]) : ""; }
    return out;
  }

  function colIndex(ref) {
    var letters = /^[A-Z]+/.exec(ref)[0], n = 0;
    for (var i = 0; i < letters.length; i++) { n = n * 26 + letters.charCodeAt(i) - 64; }
    return n - 1;
  }

  // the first sheet's rows ({line: Excel row, cells}), or null (a reason is given)
  /* the sheet `chosen` (a name; else the first), as tables.py read_xlsx reads it: its rows,
   * the workbook's sheet names, and the note when several sheets and none chosen */
  function sheetRows(files, why, chosen, info) {
    var book = files["xl/workbook.xml"], rels = files["xl/_rels/workbook.xml.rels"] || "";
    if (book === undefined) { why("xlsx"); return null; }
    var sheets = book.match(/<sheet\b[^>]*>/g) || [];
    if (!sheets.length) { why("sheets"); return null; }
    info.names = sheets.map(function (t) { return attr(t, "name"); });
    var at = chosen === undefined || chosen === null ? 0 : info.names.indexOf(chosen);
    if (at < 0) { why("sheets"); return null; }
    info.name = info.names[at];
    if (attr(sheets[at], "state") !== null && attr(sheets[at], "state") !== "visible") { why("sheets"); }
    info.several = at === 0 && (chosen === undefined || chosen === null) && info.names.length > 1 &&
      info.names.slice(1).join("\n") !== "Lijsten\nUitleg";
    var rid = attr(sheets[at], "r:id"), target = null;
    (rels.match(/<Relationship\b[^>]*>/g) || []).forEach(function (r) {
      if (attr(r, "Id") === rid) { target = attr(r, "Target"); }
    });
    if (!target) { why("xlsx"); return null; }
    var path = target[0] === "/" ? target.slice(1) : "xl/" + target;
    var xml = files[path];
    if (xml === undefined) { why("xlsx"); return null; }
    var shared = [], m, re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
    if (/<rPh\b/.test(files["xl/sharedStrings.xml"] || "")) { why("xlsx"); }
    while ((m = re.exec(files["xl/sharedStrings.xml"] || "")) !== null) { shared.push(m[1] ? runs(m[1]) : ""); }
    if (/<f[\s>]/.test(xml)) { why("formula"); }
    var rows = [], rr = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g, cr = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    while ((m = rr.exec(xml)) !== null) {
      var line = Number(attr(m[0], "r")), cells = [], c, any = false;
      while (m[2] && (c = cr.exec(m[2])) !== null) {
        var t = attr(c[0], "t") || "n", ref = attr(c[0], "r"), body = c[2] || "", v;
        var raw = /<v>([\s\S]*?)<\/v>/.exec(body);
        if (t === "s") {  // a shared text that is not in the workbook: validate refuses the file
          v = raw ? shared[Number(raw[1])] : "";
          if (v === undefined) { why("xlsx"); v = ""; }
        }
        else if (t === "inlineStr") { v = runs(body); }
        else if (t === "n") { v = raw ? Number(raw[1]) : ""; }
        else { why("xlsx"); v = raw ? xmlText(raw[1]) : ""; }
        if (typeof v === "string" && /_x[0-9A-Fa-f]{4}_/.test(v)) { why("xlsx"); }
        if (v !== "" && v !== undefined) { any = true; }
        cells[ref ? colIndex(ref) : cells.length] = v === undefined ? "" : v;
      }
      cr.lastIndex = 0;
      for (var j = 0; j < cells.length; j++) { if (cells[j] === undefined) { cells[j] = ""; } }
      if (any || !rows.length) { rows.push({line: line, cells: cells}); }
    }
    if (rows.length && rows[0].line !== 1) { why("header_row"); }
    return rows;
  }

  return {zipEntries: zipEntries, sheetRows: sheetRows};
}));
