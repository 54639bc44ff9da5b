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

  function xmlText(s) {  // an XML parser's text: line ends normalised, then references read
    return s.replace(/\r\n?/g, "\n").replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, function (m, e) {
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

  /* The sheet `chosen` (a name; else the first), as tables.py read_xlsx reads it: its rows
   * ({line: the row's number in Excel, cells}), or null (a reason given to `why`, or
   * `info.fault`: the workbook refused as validate refuses it). `info` gets the workbook's
   * sheet names, the name of the sheet read, `several` (the note when several sheets and none
   * chosen) and `other` (the first sheet was empty: the one other sheet with a header was
   * read; `info.headerAt` finds a header as tables.py _header_at does). */
  function sheetRows(files, why, chosen, info) {
    var book = files["xl/workbook.xml"], rels = files["xl/_rels/workbook.xml.rels"] || "";
    if (book === undefined) { why("xlsx"); return null; }
    var sheets = book.match(/<sheet\b[^>]*>/g) || [];
    if (!sheets.length) { why("sheets"); return null; }
    info.names = sheets.map(function (t) { return attr(t, "name"); });
    var at = chosen === undefined || chosen === null ? 0 : info.names.indexOf(chosen);
    if (at < 0) { why("sheets"); return null; }
    info.name = info.names[at];
    var relations = rels.match(/<Relationship\b[^>]*>/g) || [];
    function partOf(k) {  // the part of sheet k, as the workbook's relations name it
      var kid = attr(sheets[k], "r:id"), kt = null;
      relations.forEach(function (r) { if (attr(r, "Id") === kid) { kt = attr(r, "Target"); } });
      return kt === null ? null : kt[0] === "/" ? kt.slice(1) : "xl/" + kt;
    }
    var check = info.check;
    if (partOf(at) === null) { why("xlsx"); return null; }
    if (check && check.parts) {  // workbook.py check_sheets: a sheet named without its part
      for (var k = 0; k < sheets.length; k++) {
        var kp = partOf(k);
        if (kp !== null && check.parts.indexOf(kp) < 0) {
          var shown = check.sheet(info.names[k]);
          if (shown === null || !/^[\x20-\x7e]{1,80}$/.test(kp)) { why("xlsx"); return null; }
          info.fault = {key: "workbook.missing_sheet_part", fix: "workbook.resave", vals: {sheet: shown, part: kp}};
          return null;
        }
      }
    }
    // the shared texts: the part [Content_Types].xml names (openpyxl reads no other; none
    // named: no shared texts); a part the page does not read is left to validate
    var types = files["[Content_Types].xml"], m, re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
    var named = types === undefined ? null : /<Override\b[^>]*sharedStrings\+xml[^>]*>/.exec(types);
    var sst = named === null ? "" : files["xl/sharedStrings.xml"], shared = [];
    if (types === undefined || (named !== null && (attr(named[0], "PartName") !== "/xl/sharedStrings.xml" ||
        sst === undefined))) { sst = ""; shared.missing = true; }
    if (/<rPh\b/.test(sst)) { why("xlsx"); }
    while ((m = re.exec(sst)) !== null) { shared.push(m[1] ? runs(m[1]) : ""); }
    // openpyxl's read_string_table drops every "x005F_" from a shared text: not ported
    if (shared.some(function (t) { return t.indexOf("x005F_") >= 0; })) { why("xlsx"); }
    function read(k) {  // sheet k's rows, or null
      var xml = files[partOf(k)];
      if (xml === undefined) { why("xlsx"); return null; }
      return readSheet(xml, shared, info.names[k], why, info, check, files, partOf(k));
    }
    var rows = read(at);
    if (rows === null) { return null; }
    info.several = at === 0 && (chosen === undefined || chosen === null) && info.names.length > 1 &&
      info.names.slice(1).join("\n") !== "Lijsten\nUitleg";
    if (!rows.length && (chosen === undefined || chosen === null) && info.names.length > 1) {
      info.several = false;  // tables.py _other_sheet: the first sheet is empty
      var filled = [];
      for (var j = 1; j < sheets.length; j++) {
        var got = read(j);
        if (got === null) { return null; }
        if (got.length) { filled.push({at: j, rows: got, headed: info.headerAt(got) !== null}); }
      }
      var headed = filled.filter(function (f) { return f.headed; });
      var names = function (list) { return list.map(function (f) { return info.names[f.at]; }); };
      var shownAll = (check ? info.names : []).map(function (n) { return check.sheet(n); });
      if (!check || shownAll.indexOf(null) >= 0) { why("sheets"); return null; }
      if (headed.length === 1) {
        at = headed[0].at; rows = headed[0].rows; info.name = info.names[at];
        info.other = {first: shownAll[0], sheet: shownAll[at], sheets: shownAll.join(", ")};
      } else if (!filled.length) {
        info.fault = {key: "trialfix.all_sheets_empty", fix: "tables.empty_sheet_fix",
          vals: {count: check.number(info.names.length)}};
        return null;
      } else {
        var shown0 = names(headed.length ? headed : filled), plain = check.plain;
        if (plain(info.file) === null) { why("sheets"); return null; }
        info.fault = {key: "trialfix.first_sheet_empty", fix: "trialfix.first_sheet_empty_fix",
          vals: {first: shownAll[0], sheets: shown0.map(check.sheet).join(", ")},
          fixVals: {example: "transitiekaart validate \"" + plain(info.file) + "\" --sheet \"" + shown0[0] + "\""}};
        return null;
      }
    }
    if (attr(sheets[at], "state") !== null && attr(sheets[at], "state") !== "visible") { why("sheets"); }
    if (!rows.length) {  // tables.py read_xlsx: nothing on the sheet read
      if (!check) { why("rows"); return null; }
      info.fault = {key: "tables.empty_sheet", fix: "tables.empty_sheet_fix", vals: {}};
      return null;
    }
    return rows;
  }

  /* One sheet's XML: its non-blank rows as workbook.py sheet_rows gives them, or null. */
  function readSheet(xml, shared, name, why, info, check, files, path) {
    var m;
    // the page reads the XML without parsing it: a part cut off (the common damage) is left
    // to validate, which names it (workbook.py broken_part)
    var cutOff = null;  // a part cut off: its complete rows are read first, as openpyxl does
    if (!/<\/worksheet>\s*$/.test(xml) || (xml.match(/<row\b/g) || []).length !==
        (xml.match(/<\/row>|<row\b[^>]*\/>/g) || []).length) {
      // openpyxl opens a sheet by reading it up to its <dimension/> (read_only's _get_size): cut
      // before that, the workbook is not opened at all (tables.py's message: not ported)
      cutOff = check && check.cut && /^[\x20-\x7e]{1,80}$/.test(path) ? check.cut(xml, "dimension") : null;
      if (cutOff === null) { why("xlsx"); return null; }
    }
    var cellCount = 0;  // workbook.py sheet_rows: its refusals, by cell
    var dates = check && check.dates ? check.dates(files) : null;  // date cells (lib/xlsx_dates.js)
    if (check && check.dates && dates === null) { why("xlsx"); return null; }
    var sheetShown = check ? check.sheet(name) : null;
    function fault(key, fix, vals) {
      if (!check || sheetShown === null) { why("xlsx"); } else { info.fault = {key: key, fix: fix, vals: vals}; }
      return null;
    }
    var rows = [], rr = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g, cr = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    while ((m = rr.exec(xml)) !== null) {
      var line = Number(attr(m[0], "r")), cells = [], c, any = false, last = 0, n = 0, unreadRow = false;
      while (m[2] && (c = cr.exec(m[2])) !== null) {
        var t = attr(c[0], "t") || "n", ref = attr(c[0], "r"), body = c[2] || "", v, num;
        var raw = /<v>([\s\S]*?)<\/v>/.exec(body), text = raw ? xmlText(raw[1]) : "";
        if (raw && raw[1] === "") { raw = null; }  // openpyxl: findtext(...) or None
        if (ref !== null && !/^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(ref)) {  // openpyxl cannot place it
          if (!/^[\x21-\x7e]{1,20}$/.test(ref) || /^[A-Za-z]{1,3}\$?\d+$/.test(ref.replace(/^\$/, ""))) { why("xlsx"); return null; }
          return fault("workbook.bad_cell_reference", "workbook.resave", {cell: "'" + ref + "'", sheet: sheetShown});
        }
        var where = ref !== null && check ? check.where(ref, name) : null;
        // past Excel's sheet: refused after the value is read (openpyxl reads it first)
        var outside = ref !== null && check && (colIndex(ref) >= check.max_column ||
          Number(ref.replace(/^[A-Z]+/, "")) > check.max_row);
        if (t === "s") {
          v = raw && /^[0-9]{1,9}$/.test(raw[1]) ? shared[Number(raw[1])] : undefined;
          if (v === undefined && raw) {  // openpyxl: an index past the shared texts
            // (no xl/sharedStrings.xml: the texts may be in a part the page does not read)
            if (!/^[0-9]{1,9}$/.test(raw[1]) || where === null || shared.missing) { why("xlsx"); return null; }
            return fault("workbook.bad_shared_text", "workbook.resave", {where: where, value: raw[1]});
          }
          // no <v>: openpyxl reads None, as for a cell not written (left undefined)
        }
        else if (t === "inlineStr") {
          if (/<rPh\b/.test(body)) { why("xlsx"); }  // phonetic runs: openpyxl leaves them out
          v = /<is\b/.test(body) ? runs(body) : undefined;
        }
        // a formula's text, an error value (#N/A): openpyxl reads the text of <v>
        else if (t === "str" || t === "e") { v = raw ? text : undefined; }
        else if (t === "b") {  // openpyxl: bool(int(value))
          if (!raw) { v = undefined; }
          else if (/^-?[0-9]{1,15}$/.test(text)) { v = Number(text) !== 0; }
          else if (/^[\x20-\x7e]{1,40}$/.test(text) && !/[0-9]/.test(text) && where !== null) {
            return fault("workbook.bad_number", "workbook.resave", {where: where, value: check.repr(text)});
          } else { why("xlsx"); return null; }
        }
        else if (t === "n") {
          var style = attr(c[0], "s");
          if (!raw) { v = undefined; }
          else if ((num = NUMBER.exec(text)) !== null && (num[2] || (num[3] || "").length > 1)) {
            // openpyxl's int() or float(); a whole number of more than 15 digits: Python's
            // int is exact, JS's number is not
            if (!num[3] && !num[4] && num[2].replace(/^0+/, "").length > 15) { why("xlsx"); return null; }
            v = Number(text);
            if (!isFinite(v)) { why("xlsx"); return null; }  // past a double: Python's inf (not ported)
            if (style !== null && !dates) { why("date_cell"); return null; }  // no rules: a date?
            if (dates && style !== null && !/^[0-9]{1,9}$/.test(style)) { why("xlsx"); return null; }
            if (dates && style !== null && dates.style.date[Number(style)]) {  // a date style: openpyxl's from_excel
              if (dates.style.timedelta[Number(style)]) { why("xlsx"); return null; }  // a duration: not ported
              var day = dates.fromExcel(text, dates.style.mac);
              if (day.fault) {
                if (!/^[\x20-\x7e]{1,40}$/.test(text) || where === null) { why("xlsx"); return null; }
                return fault("workbook.bad_number", "workbook.resave", {where: where, value: check.repr(text)});
              }
              v = day.value;
            }
          }
          else if (/^[\x20-\x7e]{1,40}$/.test(text) && !/[0-9]|nan|inf/i.test(text) && where !== null) {
            // openpyxl's int()/float() refuse it (Python reads digits, "nan", "inf" otherwise)
            return fault("workbook.bad_number", "workbook.resave", {where: where, value: check.repr(text)});
          } else { why("xlsx"); return null; }
        }
        else if (t === "d" && dates) {  // ISO 8601 text (openpyxl's from_ISO8601)
          var iso = raw ? dates.fromIso(text) : {value: null};
          if (iso === null) { why("xlsx"); return null; }
          if (iso.fault) {
            if (!/^[\x20-\x7e]{1,40}$/.test(text) || where === null) { why("xlsx"); return null; }
            return fault("workbook.bad_date", "workbook.resave", {where: where, value: check.repr(text)});
          }
          v = iso.value === null ? undefined : iso.value;
        }
        else { why("xlsx"); v = raw ? xmlText(raw[1]) : undefined; }
        // a formula: validate notes one with a stored result (not ported), and refuses one
        // without (an error at that cell): the page does not check that row (check_core.js)
        var fm = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
        if (fm && (v === undefined || v === "")) {
          why("formula_no_value", (ref || "") + (fm[1] ? ": =" + xmlText(fm[1]) : ""));
          unreadRow = true;
        } else if (fm) { why("formula"); }
        if (outside) { return fault("workbook.bad_cell_reference", "workbook.resave", {cell: "'" + ref + "'", sheet: sheetShown}); }
        n++;
        last = Math.max(last, ref ? colIndex(ref) + 1 : cells.length + 1);
        if (typeof v === "string" && /_x[0-9A-Fa-f]{4}_/.test(v)) { why("xlsx"); }
        // workbook.py sheet_rows: a row with a value that is not blank text
        if (v !== undefined && v !== null && (typeof v !== "string" || PY_STRIP_ALL.test(v) === false)) { any = true; }
        var col = ref ? colIndex(ref) : cells.length;
        if (v !== undefined) { cells[col] = v; } else if (!ref) { cells.length = col + 1; }  // None
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
      // a cell not written or without a value: openpyxl's None
      for (var j = 0; j < cells.length; j++) { if (cells[j] === undefined) { cells[j] = null; } }
      if (any || unreadRow) { rows.push(unreadRow ? {line: line, cells: cells, unread: true} : {line: line, cells: cells}); }
    }
    if (cutOff !== null) { return fault("workbook.broken_part", "workbook.resave", {part: path, why: cutOff}); }
    return rows;
  }

  // a number as Python's int() and float() read it (with the white space they allow)
  var NUMBER = /^[ \t\n\r\f\v]*([+-]?)([0-9]*)(\.[0-9]*)?([eE][+-]?[0-9]+)?[ \t\n\r\f\v]*$/;

  // a text of only Python white space (str.strip() leaves nothing)
  var PY_STRIP_ALL = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;  // eslint-disable-line no-control-regex -- Python's white space

  return {zipEntries: zipEntries, sheetRows: sheetRows};
}));
