/* transitiekaart lib/check_header: where a sheet's header row is and which rows are data, as
 * `transitiekaart validate` finds them (geo/validate/tables.py _find_header), pure (no DOM).
 *
 * Title rows above the header ("Projecten MRA 2026", a note, blank rows): the header is the
 * first of the first ten non-blank rows with two cells that name a field or a coordinate
 * column, with a note naming its row. Rows that repeat the header (a sheet pasted twice, a
 * header per printed page): skipped, with one note naming them. A totals row at the bottom:
 * skipped with a note. Rows keep their numbers in the sheet (as Excel numbers them). The
 * texts are the catalogue's (rules.reading.cli, from mapbuilder/mappage/check_rules.py).
 * Where the page cannot tell what Python would decide (casefold beyond Latin, a label Python's
 * repr would escape), it calls why(reason): the check is then incomplete.
 * Held to Python by tests/test_check_header_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.check_header`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_header = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  function blank(c) {
    return c === undefined || c === null || c === "" || (typeof c === "string" && !lib("check_fields").pyStrip(c));
  }

  // Python's str(c) for a cell the page reads (text, a number, true/false)
  function pyText(c) { return c === true ? "True" : c === false ? "False" : String(c); }

  // tables.py _known_headers: how many cells of a row name a field (or a coordinate column)
  function knownHeaders(cells, rules) {
    var F = lib("check_fields"), coords = [].concat(rules.lon, rules.lat, rules.x, rules.y);
    return cells.filter(function (c) {
      if (c === undefined || c === null) { return false; }
      var t = F.pyStrip(pyText(c));
      return t !== "" && (F.fieldOf(pyText(c), rules) !== null || coords.indexOf(t.toLowerCase()) >= 0);
    }).length;
  }

  // tables.py _header_at: the index of the header among the first ten rows, or null
  function headerAt(rows, rules) {
    for (var i = 0; i < Math.min(rows.length, 10); i++) {
      if (knownHeaders(rows[i].cells, rules) >= 2) { return i; }
    }
    return null;
  }

  // Python's str.casefold() where the page knows it (Latin and Greek final sigma); null else
  var FOLD = {"\u00df": "ss", "\u1e9e": "ss", "\u00b5": "\u03bc", "\u03c2": "\u03c3", "\u017f": "s"};
  function casefold(s) {
    if (/[\u0130\u1f80-\u1fff\ufb00-\ufb17]|\u0345/.test(s)) { return null; }
    return s.toLowerCase().replace(/[\u00df\u1e9e\u00b5\u03c2\u017f]/g, function (c) { return FOLD[c]; });
  }

  /* tables.py _header_matcher: a function of a row's cells, whether it repeats `header`: at
   * least two of its filled cells, and more than half of them, are the headers of their own
   * columns (the same text, or a name of the same field). */
  function headerMatcher(header, rules, why) {
    var F = lib("check_fields"), starts = rules.alias_starts;
    var cols = header.map(function (h) {
      if (h === undefined || h === null) { return {text: null, field: null, first: []}; }
      var f = F.fieldOf(pyText(h), rules);
      return {text: casefold(F.pyStrip(pyText(h))), field: f, first: f !== null ? starts[f] : []};
    });
    function same(j, cell) {
      var c = cols[j], key = casefold(F.pyStrip(cell));
      if (key === null || (c.text === null && header[j] !== undefined && header[j] !== null)) {
        why("header_repeated"); return false;
      }
      if (key === c.text) { return true; }
      return c.field !== null && c.first.indexOf(key.slice(0, 3)) >= 0 && F.fieldOf(cell, rules) === c.field;
    }
    return function (cells) {
      var filled = 0, matched = 0;
      for (var j = 0; j < cells.length; j++) {
        var c = cells[j];
        if (blank(c)) { continue; }
        filled++;
        if (j < cols.length && typeof c === "string" && same(j, c)) { matched++; }
      }
      return matched >= 2 && 2 * matched > filled;
    };
  }

  // tables.py _TOTAL, with Python's \s, \b and (?i) where the page can tell them
  var PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var TOTAL = new RegExp("^" + PY_SPACE + "*(sub)?(totaal|totalen|totals|total|som|sum)(?![A-Za-z0-9_])", "i");
  function isTotal(label, why) {
    if (/[\u017f\u212a]/.test(label)) { why("totals_row"); return false; }  // (?i) beyond ASCII
    var m = TOTAL.exec(label);
    if (m === null) { return false; }
    var next = label.charAt(m[0].length);
    // a letter or digit outside ASCII: Python's \b is not there (its \w is Unicode's)
    if (next !== "" && next > "\x7f" && !new RegExp(PY_SPACE).test(next)) { why("totals_row"); return false; }
    return true;
  }

  /* tables.py _find_header: {header (cells), rows (data rows, numbered as in the sheet),
   * notes ([{code, message, hint}], in validate's order)}. `rows`: the non-blank rows of the
   * sheet ({line, cells}), the first one kept even when blank (a CSV). */
  function findHeader(rows, rules, lang, why) {
    var R = lib("check_read"), F = lib("check_fields");
    var t = function (k, v) { return R.cli(rules, lang, k, v); };
    var notes = [], at = headerAt(rows, rules) || 0;
    if (at > 0) {
      notes.push({code: "header_row", message: t("tables.header_row", {row: rows[at].line}), hint: ""});
    }
    var header = rows[at].cells, data = rows.slice(at + 1);
    var repeats = headerMatcher(header, rules, why);
    var repeated = data.filter(function (r) { return repeats(r.cells); }).map(function (r) { return r.line; });
    if (repeated.length) {  // a second header row, a header repeated per page: skipped
      data = data.filter(function (r) { return repeated.indexOf(r.line) < 0; });
      var text;
      if (repeated.length === 1) { text = t("trialfix.header_repeated", {row: repeated[0]}); }
      else {
        var shown = repeated.slice(0, 10).join(", ");
        if (repeated.length > 10) {
          shown = t("trialfix.rows_more", {rows: shown, count: R.formatInt(repeated.length - 10, lang)});
        }
        text = t("trialfix.header_repeated_rows", {rows: shown});
      }
      notes.push({code: "header_repeated", message: text, hint: t("trialfix.header_repeated_fix")});
    }
    var fields = header.map(function (h) { return h === undefined || h === null ? null : F.fieldOf(pyText(h), rules); });
    var names = [], themes = [];
    fields.forEach(function (f, i) { if (f === "name") { names.push(i); } if (f === "theme") { themes.push(i); } });
    if (names.length && data.length) {
      var last = data[data.length - 1].cells, label = last[names[0]];
      if (typeof label === "string" && isTotal(label, why) &&
          themes.every(function (i) { return blank(last[i]); })) {
        var shownLabel = R.pyStr(label);
        if (shownLabel === null) { why("totals_row"); }
        data = data.slice(0, -1);
        notes.push({code: "totals_row", message: t("tables.totals_row", {row: rows[rows.length - 1].line,
          label: shownLabel === null ? label : shownLabel}), hint: ""});
      }
    }
    return {header: header, rows: data, notes: notes};
  }

  return {findHeader: findHeader, headerAt: headerAt, knownHeaders: knownHeaders, headerMatcher: headerMatcher,
    casefold: casefold, isTotal: isTotal};
}));
