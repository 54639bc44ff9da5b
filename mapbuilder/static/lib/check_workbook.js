/* transitiekaart lib/check_workbook: a hostile or broken .xlsx refused as `transitiekaart
 * validate` refuses it (geo/validate/workbook.py check_workbook, is_encrypted), pure (no DOM),
 * before anything is inflated: a password-protected workbook, too many parts, an encrypted
 * part, a part too large or packed too well (a zip bomb), no xl/workbook.xml; then, in the
 * first 64 kB of each XML part once inflated (each part bounded by then), a DTD (a billion
 * laughs). The limits are geo's settings (rules.workbook), the texts the command line's own
 * (rules.reading.cli). Parity with Python: tests/test_check_read.py.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_workbook = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  var OLE = [0xd0, 0xcf, 0x11, 0xe0];

  // workbook.py is_encrypted: an OLE container holding an EncryptedPackage (UTF-16-LE)
  function isEncrypted(bytes) {
    if (!OLE.every(function (b, i) { return bytes[i] === b; })) { return false; }
    var word = "EncryptedPackage", first = word.charCodeAt(0);
    for (var i = 0; i + 2 * word.length <= bytes.length; i++) {
      if (bytes[i] !== first || bytes[i + 1] !== 0) { continue; }
      var k = 1;
      while (k < word.length && bytes[i + 2 * k] === word.charCodeAt(k) && bytes[i + 2 * k + 1] === 0) { k++; }
      if (k === word.length) { return true; }
    }
    return false;
  }

  // f"{x:,.0f}": rounded half to even, as Python formats
  function roundEven(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  // a part's name as terminal_text shows it; null where the page cannot tell
  function partName(name) { return /^[\x20-\x7e]{1,80}$/.test(name) ? name : null; }

  /* check_workbook before inflating: {fatal: [message, fix]}, {why: reason} (the page cannot
   * say it as validate does) or null. `entries`: lib/xlsx.js zipEntries (central directory). */
  function refuse(entries, rules, lang) {
    var R = lib("check_read"), Z = rules.workbook, names = Object.keys(entries);
    var f = function (k, v) { return R.formatInt(v, lang); };
    var no = function (key, fix, vals) { return R.refuse(rules, lang, "workbook." + key, "workbook." + fix, vals); };
    if (names.length > Z.max_parts) {
      return no("too_many_parts", "resave", {parts: f(0, names.length), limit: f(0, Z.max_parts)});
    }
    var whole = new RegExp(rules.reading.whole_parts);
    for (var i = 0; i < names.length; i++) {
      var e = entries[names[i]], part = partName(names[i]);
      if (e.flags & 1) { return no("encrypted", "encrypted_fix"); }
      var limit = whole.test(names[i]) ? Math.floor(Z.max_part_bytes / 8) : Z.max_part_bytes;
      var ratio = e.size / Math.max(e.data.length, 1);
      var bad = e.size > limit || (e.size > Z.ratio_floor && ratio > Z.max_zip_ratio);
      if (bad && part === null) { return {why: "xlsx"}; }
      if (e.size > limit) {
        return no("part_too_large", "part_too_large_fix", {part: part, size: f(0, e.size), limit: f(0, limit)});
      }
      if (e.size > Z.ratio_floor && ratio > Z.max_zip_ratio) {
        return no("part_packed_too_well", "part_packed_too_well_fix", {part: part, size: f(0, e.size),
          packed: f(0, e.data.length), ratio: f(0, roundEven(ratio)), limit: Z.max_zip_ratio});
      }
    }
    if (names.indexOf("xl/workbook.xml") < 0 && names.some(function (n) { return n.indexOf("xl/") === 0; })) {
      return no("missing_part", "resave", {part: "xl/workbook.xml"});
    }
    return null;
  }

  // the parts whose start check_workbook reads for a DTD, in the zip's order
  function prologParts(entries) {
    return Object.keys(entries).filter(function (n) { return /\.(xml|rels)$/.test(n); });
  }

  /* _check_prolog over the inflated parts ({name: bytes or text}): the first part with a DTD
   * in its first 64 kB, refused; else null. */
  function refuseDtd(names, inflated, rules, lang) {
    for (var i = 0; i < names.length; i++) {
      var head = inflated[names[i]];
      head = typeof head === "string" ? head.slice(0, 65536) : new TextDecoder("latin1").decode(head.subarray(0, 65536));
      if (/<!(DOCTYPE|ENTITY)/.test(head)) {
        var part = partName(names[i]);
        if (part === null) { return {why: "xlsx"}; }
        return lib("check_read").refuse(rules, lang, "workbook.dtd", "workbook.dtd_fix", {part: part});
      }
    }
    return null;
  }

  /* A workbook's parts for the check, as a Promise: {files (the parts the sheet reader
   * needs, as text), parts (every part's name)}, {fatal: [message, fix]} (refused as
   * validate refuses it) or {rows: null, reason} (left to validate). Nothing is inflated
   * before check_workbook's bounds hold; `inflateRaw`: bytes -> Promise of bytes (in the
   * page DecompressionStream("deflate-raw"), in node zlib). */
  function unzip(bytes, rules, lang, inflateRaw) {
    var given = function (r) { return r.fatal ? {fatal: r.fatal} : {rows: null, reason: r.why}; };
    if (bytes.length && isEncrypted(bytes)) {
      return Promise.resolve(given(lib("check_read").refuse(rules, lang, "workbook.encrypted", "workbook.encrypted_fix")));
    }
    var entries = lib("xlsx").zipEntries(bytes), want = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml", "xl/styles.xml", "[Content_Types].xml"];
    if (!entries) { return Promise.resolve(given({why: "xlsx"})); }
    var no = refuse(entries, rules, lang);  // workbook.py check_workbook, before inflating
    if (no) { return Promise.resolve(given(no)); }
    // the page's own bound on what it inflates (a part of up to an eighth of geo's limit)
    var names = Object.keys(entries);
    if (names.some(function (k) { return entries[k].size > rules.workbook.max_part_bytes / 8; })) {
      return Promise.resolve(given({why: "size"}));
    }
    names.forEach(function (k) { if (/^xl\/worksheets\/[^/]+\.xml$/.test(k)) { want.push(k); } });
    var prolog = prologParts(entries), files = {}, heads = {};
    return Promise.all(names.filter(function (k) { return want.indexOf(k) >= 0 || prolog.indexOf(k) >= 0; }).map(function (k) {
      var e = entries[k];
      var got = e.method === 0 ? Promise.resolve(e.data) : (e.method === 8 ? inflateRaw(e.data) : Promise.reject(new Error("method")));
      return got.then(function (b) {
        heads[k] = b.subarray(0, 65536);
        if (want.indexOf(k) >= 0) { files[k] = new TextDecoder().decode(b); }
      });
    })).then(function () {
      var dtd = refuseDtd(prolog, heads, rules, lang);  // workbook.py _check_prolog
      return dtd ? given(dtd) : {files: files, parts: names};
    }, function () { return {rows: null, reason: "xlsx"}; });
  }

  /* What lib/xlsx.js needs to name a refused cell as workbook.py sheet_rows names it: the
   * sheet as repr(terminal_text(title, 60)), "cell A2 on sheet 'X'", numbers, the limits. */
  function cellNamer(parts, rules, lang) {
    var R = lib("check_read"), W = rules.reading;
    var shown = function (t) {
      return typeof t === "string" && t.length <= 60 && !/[\x00-\x1f\x7f-\x9f]/.test(t) ? R.pyStr(t) : null;  // eslint-disable-line no-control-regex -- escaped by terminal_text: not ported
    };
    var plain = function (t) { return shown(t) === null ? null : t; };  // terminal_text(t, 60)
    return {parts: parts, sheet: shown, plain: plain, repr: R.pyStr,
      max_cells: W.max_cells, max_columns: W.max_columns,
      max_cell_chars: W.max_cell_chars, max_row: W.max_row, max_column: W.max_column,
      number: function (n) { return R.formatInt(n, lang); },
      cut: function (xml, need) {  // a part cut off: the XML parser's error as workbook.py broken_part gives it
        var c = lib("xml_cut").cut(xml, need);
        return c && R.cli(rules, lang, "reading.xml_not_well_formed", {error: R.cli(rules, lang, "reading.xml_" + c.error),
          line: String(c.line), column: String(c.column)});
      },
      dates: function (files) {  // the workbook's date styles and openpyxl's date reading, or null
        var X = lib("xlsx_dates"), st = X.styles(files, W.xlsx_dates);
        return st && {style: st, fromIso: X.fromIso, fromExcel: X.fromExcel};
      },
      where: function (cell, title) {
        var s = shown(title);
        return s === null ? null : R.cli(rules, lang, "workbook.cell_on_sheet", {cell: cell, sheet: s});
      }};
  }

  return {unzip: unzip, cellNamer: cellNamer, isEncrypted: isEncrypted, refuse: refuse, prologParts: prologParts, refuseDtd: refuseDtd,
    roundEven: roundEven};
}));
