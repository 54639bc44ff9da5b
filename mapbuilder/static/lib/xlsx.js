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

  function letters(col) {  // openpyxl get_column_letter
    var out = "";
    while (col > 0) { var r = (col - 1) % 26; out = String.fromCharCode(65 + r) + out; col = (col - 1 - r) / 26; }
    return out;
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
    var check = info.check;
    if (check && check.parts) {  // workbook.py check_sheets: a sheet named without its part
      for (var k = 0; k < sheets.length; k++) {
        var kid = attr(sheets[k], "r:id"), kt = null;
        (rels.match(/<Relationship\b[^>]*>/g) || []).forEach(function (r) {
          if (attr(r, "Id") === kid) { kt = attr(r, "Target"); }
        });
        var kp = kt === null ? null : kt[0] === "/" ? kt.slice(1) : "xl/" + kt;
        if (kp !== null && check.parts.indexOf(kp) < 0) {
          var shown = check.sheet(info.names[k]);
          if (shown === null || !/^[\x20-\x7e]{1,80}$/.test(kp)) { why("xlsx"); return null; }
          info.fault = {key: "workbook.missing_sheet_part", fix: "workbook.resave", vals: {sheet: shown, part: kp}};
          return null;
        }
      }
    }
    var xml = files[path];
    if (xml === undefined) { why("xlsx"); return null; }
    var shared = [], m, re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
    if (/<rPh\b/.test(files["xl/sharedStrings.xml"] || "")) { why("xlsx"); }
    while ((m = re.exec(files["xl/sharedStrings.xml"] || "")) !== null) { shared.push(m[1] ? runs(m[1]) : ""); }
    if (/<f[\s>]/.test(xml)) { why("formula"); }
    // the page reads the XML without parsing it: a part cut off (the common damage) is left
    // to validate, which names it (workbook.py broken_part)
    if (!/<\/worksheet>\s*$/.test(xml) || (xml.match(/<row\b/g) || []).length !==
        (xml.match(/<\/row>|<row\b[^>]*\/>/g) || []).length) { why("xlsx"); return null; }
    var cellCount = 0;  // workbook.py sheet_rows: its refusals, by cell
    var sheetShown = check ? check.sheet(info.name) : null;
    function fault(key, fix, vals) {
      if (!check || sheetShown === null) { why("xlsx"); } else { info.fault = {key: key, fix: fix, vals: vals}; }
      return null;
    }
    var rows = [], rr = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g, cr = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    while ((m = rr.exec(xml)) !== null) {
      var line = Number(attr(m[0], "r")), cells = [], c, any = false, last = 0, n = 0;
      while (m[2] && (c = cr.exec(m[2])) !== null) {
        var t = attr(c[0], "t") || "n", ref = attr(c[0], "r"), body = c[2] || "", v;
        var raw = /<v>([\s\S]*?)<\/v>/.exec(body), text = raw ? xmlText(raw[1]) : "";
        if (ref !== null && !/^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(ref)) {  // openpyxl cannot place it
          if (!/^[\x21-\x7e]{1,20}$/.test(ref) || /^[A-Za-z]{1,3}\$?\d+$/.test(ref.replace(/^\$/, ""))) { why("xlsx"); return null; }
          return fault("workbook.bad_cell_reference", "workbook.resave", {cell: "'" + ref + "'", sheet: sheetShown});
        }
        var where = ref !== null && check ? check.where(ref, info.name) : null;
        // past Excel's sheet: refused after the value is read (openpyxl reads it first)
        var outside = ref !== null && check && (colIndex(ref) >= check.max_column ||
          Number(ref.replace(/^[A-Z]+/, "")) > check.max_row);
        if (t === "s") {
          v = raw && /^[0-9]{1,9}$/.test(raw[1]) ? shared[Number(raw[1])] : undefined;
          if (v === undefined && raw) {  // openpyxl: an index past the shared texts
            if (!/^[0-9]{1,9}$/.test(raw[1]) || where === null) { why("xlsx"); return null; }
            return fault("workbook.bad_shared_text", "workbook.resave", {where: where, value: raw[1]});
          }
          // no <v>: openpyxl reads None, as for a cell not written (left undefined)
        }
        else if (t === "inlineStr") { v = /<is\b/.test(body) ? runs(body) : undefined; }
        else if (t === "n") {
          if (!raw) { v = undefined; }
          else if (/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) { v = Number(text); }
          else if (/^[\x20-\x7e]{1,40}$/.test(text) && !/[0-9]|nan|inf/i.test(text) && where !== null) {
            // openpyxl's int()/float() refuse it (Python reads digits, "nan", "inf" otherwise)
            return fault("workbook.bad_number", "workbook.resave", {where: where, value: check.repr(text)});
          } else { why("xlsx"); return null; }
        }
        else { why("xlsx"); v = raw ? xmlText(raw[1]) : undefined; }
        if (outside) { return fault("workbook.bad_cell_reference", "workbook.resave", {cell: "'" + ref + "'", sheet: sheetShown}); }
        n++;
        last = Math.max(last, ref ? colIndex(ref) + 1 : cells.length + 1);
        if (typeof v === "string" && /_x[0-9A-Fa-f]{4}_/.test(v)) { why("xlsx"); }
        if (v !== "" && v !== undefined) { any = true; }
        var col = ref ? colIndex(ref) : cells.length;
        if (v !== undefined) { cells[col] = v; } else if (!ref) { cells.length = col + 1; }
      }
      cr.lastIndex = 0;
      if (check && n) {  // sheet_rows: too many cells, a cell too far right, a text too long
        cellCount += n;
        if (cellCount > check.max_cells) {
          return fault("workbook.too_many_cells", "workbook.too_many_cells_fix",
            {sheet: sheetShown, limit: check.number(check.max_cells), row: check.number(line)});
        }
        if (last > check.max_columns) {
          return fault("workbook.too_wide", "workbook.too_wide_fix", {sheet: sheetShown,
            column: check.number(last), cell: letters(Math.min(last, check.max_column)) + line, limit: check.number(check.max_columns)});
        }
        for (var q = 0; q < cells.length; q++) {
          if (typeof cells[q] === "string" && cells[q].length > check.max_cell_chars) { why("xlsx"); return null; }
        }
      }
      for (var j = 0; j < cells.length; j++) { if (cells[j] === undefined) { cells[j] = ""; } }
      if (any || !rows.length) { rows.push({line: line, cells: cells}); }
    }
    if (rows.length && rows[0].line !== 1) { why("header_row"); }
    return rows;
  }

  return {zipEntries: zipEntries, sheetRows: sheetRows};
}));
