/* transitiekaart lib/check_read: reading a partner's file as `transitiekaart validate` reads
 * it, pure (no DOM): text decoding (UTF-8, else Windows-1252), the bounds of a text file
 * (NUL bytes, too many columns or cells), CSV splitting, and a GeoJSON document parsed as
 * Python's json.loads parses it (the same errors at the same line and column), with the
 * file-level refusals of geo/validate/reading.py (empty, not JSON, not GeoJSON, a bare
 * geometry, a member written twice, an unreadable crs member, nested too deeply).
 *
 * A refusal is returned as {fatal: [message, fix]} with the command line's own texts
 * (rules.cli, generated from the message catalogue by mapbuilder/mappage/check_rules.py).
 * Where the page cannot tell what Python would say, it calls why(reason): the check is then
 * incomplete (never a false "OK"). Parity with Python: tests/test_check_read.py.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_read = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

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

  // reading.py decode_text: {text, bom, utf8}; not UTF-8: Windows-1252 (cp1252: whether
  // Python decodes it so), with the first bad byte and its line
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
        } else {  // Python's csv counts a lone CR as a line too (newline="" splits at it)
          if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) { line++; }
          cell += c;
        }
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

  function detectDelimiter(first) {
    var found = [",", ";", "\t"].filter(function (d) { return first.indexOf(d) >= 0; });
    return found.length === 1 ? found[0] : null;
  }

  // layers.lang.format_number of a whole number in the language's notation
  function formatInt(n, lang) {
    var s = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return lang === "en" ? s : s.split(",").join(".");
  }

  function fill(tpl, vals) {
    return tpl.replace(/\{\{|\}\}|\{(\w+)\}/g, function (m, k) {  // str.format: {{ and }} are braces
      return k === undefined ? m[0] : k in vals ? String(vals[k]) : m;
    });
  }

  // the command line's own text of a catalogue key ("reading.not_json"), filled in
  function cli(rules, lang, key, vals) {
    return fill(rules.reading.cli[lang === "en" ? "en" : "nl"][key], vals || {});
  }

  function refuse(rules, lang, key, fix, vals, fixVals) {
    return {fatal: [cli(rules, lang, key, vals), fix ? cli(rules, lang, fix, fixVals) : ""]};
  }

  // whether the bytes start as a file that is not text (layers/files.py sniff_container:
  // UTF-16/32, gzip, zip, PDF, ...): the command line names it, the page leaves it to it
  function container(bytes, rules) {
    var head = bytes.subarray(0, 8);
    var magic = rules.reading.magic.some(function (m) {
      return m.length <= bytes.length && m.every(function (b, i) { return bytes[i] === b; });
    });
    return magic || (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) ||
      (head.length >= 4 && head[0] === 0 && head[2] === 0 && head[1] !== 0);
  }

  /* reading.py check_text_bounds and tables.py _check_table_size: a refusal for NUL bytes,
   * a line too long, too many columns or cells, else null. `sheet`: a CSV (else GeoJSON,
   * where only NUL bytes count). */
  function textBounds(bytes, rules, lang, sheet, why) {
    var R = rules.reading;
    if (container(bytes.subarray(0, 8192), rules)) { return null; }  // named by the reader
    var nul = bytes.indexOf(0);
    if (nul >= 0) {
      return refuse(rules, lang, "reading.nul_bytes", sheet ? "reading.nul_bytes_fix_sheet" :
        "reading.nul_bytes_fix_geojson", {byte: formatInt(nul, lang)});
    }
    if (!sheet) { return null; }
    var lines = 0, start = 0, longest = 0, seps = {44: 0, 59: 0, 9: 0}, firstEnd = -1;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 10) {
        if (firstEnd < 0) { firstEnd = i; }
        longest = Math.max(longest, i - start); start = i + 1; lines++;
      }
    }
    longest = Math.max(longest, bytes.length - start);
    if (longest > R.max_line_chars) {
      // the line Python names is counted per 8 MB piece: the page knows it for one piece
      if (bytes.length > R.piece_bytes) { why("size"); return null; }
      return refuse(rules, lang, "reading.line_too_long", "reading.line_too_long_fix",
        {limit: formatInt(R.max_line_chars, lang), line: formatInt(1, lang)});
    }
    var first = bytes.subarray(0, Math.min(firstEnd < 0 ? bytes.length : firstEnd, R.max_line_chars + 1));
    for (var j = 0; j < first.length; j++) { if (first[j] in seps) { seps[first[j]]++; } }
    var columns = 1 + Math.max(seps[44], seps[59], seps[9]), rows = lines + (start < bytes.length ? 1 : 0);
    if (columns > R.max_columns) {
      return refuse(rules, lang, "tables.too_many_columns", "tables.too_many_columns_fix",
        {columns: formatInt(columns, lang), limit: formatInt(R.max_columns, lang)});
    }
    if (rows * columns > R.max_cells) {
      return refuse(rules, lang, "tables.too_many_cells", "tables.too_many_cells_fix",
        {rows: formatInt(rows, lang), columns: formatInt(columns, lang), limit: formatInt(R.max_cells, lang)});
    }
    return null;
  }

  // ---- Python's repr of what json.loads gives ----------------------------------------------
  // Python's repr of a float: the shortest digits that read back, as repr() lays them out
  function pyFloat(x) {
    if (x !== x) { return "nan"; }
    if (!isFinite(x)) { return x > 0 ? "inf" : "-inf"; }
    if (x === 0) { return 1 / x < 0 ? "-0.0" : "0.0"; }
    var m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
    var sign = m[1], digits = m[2] + (m[3] || ""), exp = Number(m[4]);
    if (exp < -4 || exp >= 16) {
      var e = Math.abs(exp);
      return sign + digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" +
        (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
    }
    if (exp < 0) { return sign + "0." + new Array(-exp).join("0") + digits; }
    while (digits.length <= exp) { digits += "0"; }
    var frac = digits.slice(exp + 1);
    return sign + digits.slice(0, exp + 1) + "." + (frac || "0");
  }

  // characters Python's repr shows as they are (str.isprintable), for the ranges the page
  // knows; other characters: null (the caller leaves the message to the command line)
  var PRINTABLE = /^[\x20-\x7e\xa1-\xac\xae-\u024f\u2010-\u2027\u2030-\u205e\u20ac]$/;
  var ESC = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"};
  function pyStr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'", out = q;
    for (var i = 0; i < s.length; i++) {
      var c = s[i], code = s.charCodeAt(i);
      if (ESC[c]) { out += ESC[c]; }
      else if (c === q) { out += "\\" + q; }
      else if (PRINTABLE.test(c)) { out += c; }
      else if (code < 0x100) { out += "\\x" + ("0" + code.toString(16)).slice(-2); }
      else { return null; }
    }
    return out + q;
  }

  // repr() of a JSON value as json.loads gives it (meta: which numbers were written as
  // floats, the keys in their order; see parseJson); null where the page cannot tell
  function pyRepr(v, meta, isFloat) {
    if (v === null) { return "None"; }
    if (v === true) { return "True"; }
    if (v === false) { return "False"; }
    if (typeof v === "number") {
      if (isFloat || !Number.isInteger(v)) { return pyFloat(v); }
      return Number.isSafeInteger(v) ? String(v) : null;
    }
    if (typeof v === "string") { return pyStr(v); }
    var m = meta && meta.get(v), parts = [], bad = false;
    if (Array.isArray(v)) {
      v.forEach(function (x, i) {
        var r = pyRepr(x, meta, floatAt(meta, v, i));
        if (r === null) { bad = true; } else { parts.push(r); }
      });
      return bad ? null : "[" + parts.join(", ") + "]";
    }
    (m && m.keys ? m.keys : Object.keys(v)).forEach(function (k) {
      var rk = pyStr(k), r = m && m.longs && m.longs.has(k) ? m.longs.get(k) : pyRepr(v[k], meta, floatAt(meta, v, k));
      if (r === null || rk === null) { bad = true; } else { parts.push(rk + ": " + r); }
    });
    return bad ? null : "{" + parts.join(", ") + "}";
  }

  // report.py _short: repr cut to `limit` characters (a cut text keeps its closing quote)
  function pyShort(v, limit, meta, isFloat) {
    var t = pyRepr(v, meta, isFloat);
    if (t === null || t.length <= limit) { return t; }
    return typeof v === "string" ? t.slice(0, limit - 4) + "..." + t[0] : t.slice(0, limit - 3) + "...";
  }

  // ---- json.loads, ported (CPython's Modules/_json.c scanner) -------------------------------
  var ESCAPES = {'"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t"};
  var WORDS = {110: [["null", null]], 116: [["true", true]], 102: [["false", false]], 78: [["NaN", NaN]],
    73: [["Infinity", Infinity]], 45: [["-Infinity", -Infinity]]};

  function JsonError(message, pos) { this.message = message; this.pos = pos; }

  // whether `m` (a container's meta) says its member `k` was written as a float
  function floatAt(meta, v, k) {
    var m = meta && meta.get(v);
    return !!(m && m.floats && m.floats.has(k));
  }

  /* Parse `text` as json.loads does: {value, isFloat, meta, dups, depth, long} or {error,
   * pos} (Python's message and offset) or {deep: true} (nested past `deep`, where Python runs
   * out of recursion). meta: a WeakMap from a list/object to {floats: the indexes/keys whose
   * whole number was written as a float ("4.0"), keys: an object's keys in their written
   * order where JS would reorder them (numeric keys), longs: a Map from a member's key to the
   * text of its whole number where the number has more digits than a double holds exactly},
   * only where there is such a thing; longs: [{object, key}] per such member; long: a number
   * the page cannot read exactly elsewhere (in a list, a long float, past Python's digits
   * limit); dups: [{object, key, first, second, count}] per key written again. */
  function parseJson(text, deep) {
    var meta = new WeakMap(), dups = [], maxDepth = 0, long = false, longs = [], n = text.length, i = 0;
    function skip(k) {
      for (var c = text.charCodeAt(k); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++k)) { /* white space */ }
      return k;
    }
    function mark(container, key, ordered) {
      var m = meta.get(container);
      if (!m) { m = {floats: null, keys: null}; meta.set(container, m); }
      if (ordered) { m.keys = ordered; } else { (m.floats = m.floats || new Set()).add(key); }
    }
    function string(k) {  // k: after the opening quote; the text, with i at its end
      var begin = k - 1, out = "", start = k;
      for (;;) {
        var c = text.charCodeAt(k);
        while (k < n && c !== 34 && c !== 92) {
          if (c <= 0x1f) { throw new JsonError("Invalid control character at", k); }
          c = text.charCodeAt(++k);
        }
        if (k >= n) { throw new JsonError("Unterminated string starting at", begin); }
        out += text.slice(start, k);
        if (c === 34) { i = k + 1; return out; }
        k++;
        if (k >= n) { throw new JsonError("Unterminated string starting at", begin); }
        var e = text[k];
        if (e !== "u") {
          if (!Object.prototype.hasOwnProperty.call(ESCAPES, e)) { throw new JsonError("Invalid \\escape", k - 1); }
          out += ESCAPES[e]; start = k = k + 1; continue;
        }
        var end = k + 5;
        if (end >= n) { throw new JsonError("Invalid \\uXXXX escape", k); }
        var hex = text.slice(k + 1, end);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) { throw new JsonError("Invalid \\uXXXX escape", k); }
        var u = parseInt(hex, 16);
        if (u >= 0xd800 && u <= 0xdbff && end + 6 < n && text[end] === "\\" && text[end + 1] === "u") {
          var hex2 = text.slice(end + 2, end + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex2)) { throw new JsonError("Invalid \\uXXXX escape", end + 1); }
          var u2 = parseInt(hex2, 16);
          if (u2 >= 0xdc00 && u2 <= 0xdfff) { out += String.fromCharCode(u, u2); start = k = end + 6; continue; }
        }
        out += String.fromCharCode(u); start = k = end;
      }
    }
    function digit(k) { var c = text.charCodeAt(k); return c >= 48 && c <= 57; }
    var isFloat = false;  // the last number read was written as a float
    var lastLong = null;  // the text of the last number read when it is a long integer
    function taken(container, key) {  // a long integer read as the value of key: kept in meta.longs
      if (lastLong === null) { return; }
      if (container === null) { long = true; }  // in a list or alone: not kept
      else {
        var m = meta.get(container);
        if (!m) { m = {floats: null, keys: null}; meta.set(container, m); }
        (m.longs = m.longs || new Map()).set(key, lastLong);
        longs.push({object: container, key: key});
      }
      lastLong = null;
    }
    function number(k) {  // the number at k (i after it), or "Expecting value" at k
      var start = k;
      isFloat = false;
      if (text.charCodeAt(k) === 45) { k++; if (k >= n) { throw new JsonError("Expecting value", start); } }
      var c = text.charCodeAt(k);
      if (c >= 49 && c <= 57) { k++; while (k < n && digit(k)) { k++; } }
      else if (c === 48) { k++; }
      else { throw new JsonError("Expecting value", start); }
      if (k < n - 1 && text.charCodeAt(k) === 46 && digit(k + 1)) {
        isFloat = true; k += 2;
        while (k < n && digit(k)) { k++; }
      }
      c = text.charCodeAt(k);
      if (k < n - 1 && (c === 101 || c === 69)) {
        var e = k; k++;
        c = text.charCodeAt(k);
        if (k < n - 1 && (c === 45 || c === 43)) { k++; }
        while (k < n && digit(k)) { k++; }
        if (digit(k - 1)) { isFloat = true; } else { k = e; }
      }
      i = k;
      var lexeme = text.slice(start, k);
      // integers past 2**53 and numbers past 18 digits: Python keeps digits the page cannot;
      // an integer's own text is kept (lastLong) for an object's member to mark it
      if (!isFloat && k - start > 15) {
        if (k - start > 4300) { long = true; } else { lastLong = lexeme; }  // Python's int digits limit
      } else if (k - start > 18) { long = true; }
      return +lexeme;
    }
    function value(k, depth) {  // the value at k, with i after it (isFloat: a float)
      if (k >= n) { throw new JsonError("Expecting value", k); }
      var c = text.charCodeAt(k);
      isFloat = false;
      if (c === 34) { return string(k + 1); }
      if (c === 123 || c === 91) {
        if (depth + 1 > maxDepth) { maxDepth = depth + 1; }
        if (depth + 1 > deep) { throw {deep: true}; }
        return c === 123 ? object(k + 1, depth + 1) : array(k + 1, depth + 1);
      }
      var w = WORDS[c];
      if (w && text.startsWith(w[0][0], k)) { i = k + w[0][0].length; isFloat = typeof w[0][1] === "number"; return w[0][1]; }
      return number(k);
    }
    function object(k, depth) {
      var obj = {}, seen = null, keys = [], numeric = false, own = Object.prototype.hasOwnProperty;
      k = skip(k);
      if (k >= n || text.charCodeAt(k) !== 125) {
        for (;;) {
          if (k >= n || text.charCodeAt(k) !== 34) { throw new JsonError("Expecting property name enclosed in double quotes", k); }
          var key = string(k + 1);
          k = skip(i);
          if (k >= n || text.charCodeAt(k) !== 58) { throw new JsonError("Expecting ':' delimiter", k); }
          var v = value(skip(k + 1), depth), f = isFloat && typeof v === "number" && Number.isInteger(v);
          if (own.call(obj, key)) {
            if (lastLong !== null) { long = true; }  // written twice: not kept
            seen = seen || new Map();
            seen.set(key, (seen.get(key) || 1) + 1);
            dups.push({object: obj, key: key, first: obj[key], second: v, count: seen.get(key)});
            var m = meta.get(obj);
            if (m && m.floats) { m.floats.delete(key); }
          } else {
            keys.push(key);
            if (!numeric && /^(0|[1-9][0-9]*)$/.test(key)) { numeric = true; }
          }
          if (key === "__proto__") {  // a plain member, as in Python (not the prototype)
            Object.defineProperty(obj, key, {value: v, writable: true, enumerable: true, configurable: true});
          } else { obj[key] = v; }
          if (f) { mark(obj, key); }
          taken(obj, key);
          k = skip(i);
          if (k < n && text.charCodeAt(k) === 125) { break; }
          if (k >= n || text.charCodeAt(k) !== 44) { throw new JsonError("Expecting ',' delimiter", k); }
          k = skip(k + 1);
        }
      }
      if (numeric) { mark(obj, null, keys); }
      i = k + 1; isFloat = false;
      return obj;
    }
    function array(k, depth) {
      var arr = [];
      k = skip(k);
      if (k >= n || text.charCodeAt(k) !== 93) {
        for (;;) {
          var v = value(k, depth);
          if (isFloat && typeof v === "number" && Number.isInteger(v)) { mark(arr, arr.length); }
          taken(null);
          arr.push(v);
          k = skip(i);
          if (k < n && text.charCodeAt(k) === 93) { break; }
          if (k >= n || text.charCodeAt(k) !== 44) { throw new JsonError("Expecting ',' delimiter", k); }
          k = skip(k + 1);
        }
      }
      i = k + 1; isFloat = false;
      return arr;
    }
    try {
      var got = value(skip(0), 0), top = isFloat, end = skip(i);
      taken(null);
      if (end !== n) { throw new JsonError("Extra data", end); }
      return {value: got, isFloat: top && typeof got === "number", meta: meta, dups: dups, depth: maxDepth, long: long,
        longs: longs};
    } catch (e) {
      if (e instanceof JsonError) { return {error: e.message, pos: e.pos, depth: maxDepth}; }
      if (e && e.deep) { return {deep: true}; }
      throw e;
    }
  }

  // Python's line and column (in code points) of a JSON error at UTF-16 offset `pos`
  function lineColumn(text, pos) {
    var before = text.slice(0, pos), nl = before.lastIndexOf("\n");
    var pairs = function (s) { return (s.match(/[\ud800-\udbff][\udc00-\udfff]/g) || []).length; };
    var line = before.split("\n").length, tail = before.slice(nl + 1);
    return {line: line, column: tail.length - pairs(tail) + 1};
  }

  // ---- a GeoJSON document (reading.py _parse_geojson_doc) -----------------------------------
  var GEOM_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];
  // Python's str.strip() white space (JS trim differs: \x1c-\x1f, \x85; not \ufeff)
  var PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var PY_WS = new RegExp("^" + PY_SPACE + "*");
  var PY_WS_ENDS = new RegExp("^" + PY_SPACE + "+|" + PY_SPACE + "+$", "g");
  function pyStripText(s) { return s.replace(PY_WS_ENDS, ""); }
  var JSON_ERRORS = {"Expecting value": "json_expecting_value",
    "Expecting property name enclosed in double quotes": "json_expecting_property_name",
    "Expecting ':' delimiter": "json_expecting_colon", "Expecting ',' delimiter": "json_expecting_comma",
    "Unterminated string starting at": "json_unterminated_string",
    "Invalid control character at": "json_invalid_control_character",
    "Invalid \\escape": "json_invalid_escape", "Invalid \\uXXXX escape": "json_invalid_unicode_escape",
    "Extra data": "json_extra_data"};

  function pyType(v, isFloat) {
    if (v === null) { return "NoneType"; }
    if (typeof v === "boolean") { return "bool"; }
    if (typeof v === "number") { return isFloat ? "float" : "int"; }
    if (typeof v === "string") { return "str"; }
    return Array.isArray(v) ? "list" : "dict";
  }

  // reading.py parse_crs on an EPSG code above every code of pyproj's database (U, from
  // check_rules.unknown_epsg), written "EPSG:n" or "urn:ogc:def:crs:EPSG:[version]:n":
  // [the name as the message shows it, pyproj's text]; null for any other name
  function unknownEpsg(name, U) {
    var m = U && /^(?:EPSG|epsg):([1-9][0-9]*)$|^urn:ogc:def:crs:EPSG:(?:[0-9]+(?:\.[0-9]+)*)?:([1-9][0-9]*)$/.exec(name);
    if (!m) { return null; }
    var code = m[1] || m[2], top = U.highest;
    if (code.length < top.length || (code.length === top.length && code <= top)) { return null; }
    function cut(t, limit) { return t.length > limit ? t.slice(0, limit - 1) + "\u2026" : t; }  // terminal_text
    return [cut("'" + name + "'", U.shown[0]),
      cut(U.why.split("§NAME§").join(name).split("§CODE§").join(code), U.shown[1])];
  }

  /* The features of a GeoJSON text, or {fatal: [message, fix]}: {features, meta, crs (null,
   * or the declared CRS as rules.reading.crs_names gives it)}. */
  function readGeojson(text, rules, lang, why) {
    var R = rules.reading;
    if (!pyStripText(text)) {
      return refuse(rules, lang, "reading.only_white_space", "reading.export_again_geojson");
    }
    var got = parseJson(text, R.too_deep);
    if (got.deep) { return refuse(rules, lang, "checks.too_deep", "checks.too_deep_fix"); }
    if (got.depth > R.deep_ok) { why("depth"); return null; }  // Python may run out of recursion
    if (got.error) {
      if (got.error === "Extra data" && text.split(new RegExp("\\r\\n|[\\n\\r\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029]"))  // eslint-disable-line no-control-regex -- Python splitlines() breaks at these
        .filter(function (l) { return pyStripText(l); }).length >= 2) {
        why("ndjson"); return null;  // newline-delimited GeoJSON: not ported
      }
      var first = text.replace(PY_WS, "").slice(0, 1);
      if ("{[".indexOf(first) < 0) {
        var start = pyStr(Array.from(text.replace(PY_WS, "")).slice(0, 30).join(""));
        if (start === null) { why("text"); return null; }
        return refuse(rules, lang, "reading.not_json", "reading.not_json_fix", {start: start});
      }
      var at = lineColumn(text, got.pos);
      return refuse(rules, lang, "reading.invalid_json", "reading.invalid_json_fix",
        {error: cli(rules, lang, "reading." + JSON_ERRORS[got.error]), line: at.line, column: at.column});
    }
    if (got.long) { why("long_number"); return null; }
    var doc = got.value, meta = got.meta, top = got.dups.filter(function (d) { return d.object === doc; });
    if (got.dups.some(function (d) { return d.count > 2; })) { why("duplicate_key"); return null; }
    function twice() {  // reading.py _top_level_twice
      var d = top[0];
      var what = function (v, f) {
        return Array.isArray(v) ? cli(rules, lang, "reading.list_of", {count: formatInt(v.length, lang)}) : pyShort(v, 40, meta, f);
      };
      var key = pyStr(d.key), a = what(d.first, false), b = what(d.second, false);
      if (key === null || a === null || b === null || d.key.length > 40 ||
          [d.first, d.second].some(function (v) { return typeof v === "number"; })) { why("duplicate_key"); return null; }
      return refuse(rules, lang, "reading.top_level_twice", "reading.top_level_twice_fix", {name: key, first: a, second: b});
    }
    var isDict = doc !== null && typeof doc === "object" && !Array.isArray(doc);
    if (top.length && text.split('"features"').length > 2) { return twice(); }
    if (!isDict) {
      return refuse(rules, lang, "reading.not_geojson", "reading.not_geojson_fix",
        {what: cli(rules, lang, "reading.top_level_not_object", {type: pyType(doc, got.isFloat)})});
    }
    var kind = doc.type, features;
    if (kind === "FeatureCollection") {
      if (!Array.isArray(doc.features)) {
        return refuse(rules, lang, "reading.not_geojson", "reading.not_geojson_fix",
          {what: cli(rules, lang, "reading.features_missing")});
      }
      features = doc.features;
    } else if (kind === "Feature") { features = [doc]; }
    else if (GEOM_TYPES.indexOf(kind) >= 0 || kind === "GeometryCollection") {
      return refuse(rules, lang, "reading.bare_geometry", "reading.bare_geometry_fix", {kind: kind});
    } else {
      var shown = pyRepr(kind === undefined ? null : kind, meta, floatAt(meta, doc, "type"));
      if (shown === null) { why("text"); return null; }
      return refuse(rules, lang, "reading.not_geojson", "reading.not_geojson_fix",
        {what: cli(rules, lang, "reading.type_not_collection", {kind: shown})});
    }
    var crs = null;
    if (doc.crs !== undefined && doc.crs !== null) {
      var member = doc.crs, props = member && typeof member === "object" && !Array.isArray(member) &&
        member.properties && typeof member.properties === "object" && !Array.isArray(member.properties) ?
        member.properties : null;
      var name = props && props.name !== undefined ? props.name : null;
      if (name === null) {
        var m = pyShort(member, 80, meta, floatAt(meta, doc, "crs"));
        if (m === null) { why("crs"); return null; }
        return refuse(rules, lang, "reading.crs_member_unreadable", "reading.crs_member_unreadable_fix", {member: m});
      }
      if (typeof name === "string" && !Object.prototype.hasOwnProperty.call(R.crs_names, name)) {
        var unknown = unknownEpsg(name, R.crs_unknown);  // a code pyproj's database does not hold
        if (unknown !== null) {
          return refuse(rules, lang, "reading.unknown_crs", "reading.unknown_crs_fix",
            {where: cli(rules, lang, "reading.crs_member"), value: unknown[0], why: unknown[1]});
        }
      }
      if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(R.crs_names, name)) {
        why("crs"); return null;  // pyproj's verdict on other names is not ported
      }
      crs = R.crs_names[name];
    }
    if (!features.length) { return refuse(rules, lang, "reading.empty_collection", "reading.empty_collection_fix"); }
    if (top.length) { return twice(); }
    if (got.dups.length) { why("duplicate_key"); return null; }  // per feature: not ported
    var atProps = new Set(features.map(function (f) {
      return f && typeof f === "object" ? f.properties : undefined;
    }));  // a long whole number is read exactly where it is a property (the amount: checkFields)
    if (got.longs.some(function (l) { return !atProps.has(l.object); })) { why("long_number"); return null; }
    return {features: features, meta: meta, crs: crs};
  }

  /* tables.py _tabular: a sheet refused as a whole, {fatal}; null (the check is incomplete);
   * undefined (read on). No location columns: no lon/lat (`lonLat`), no x/y, nothing that
   * places (`placed`: a place column or a one-column location); then no rows under the header. */
  function tableUnreadable(header, nRows, lonLat, placed, rules, lang, why) {
    if (header.some(function (h) { return h !== null && h !== undefined && typeof h !== "string"; })) { return undefined; }
    var texts = header.map(function (h) { return h === null || h === undefined ? "" : pyStripText(h); });
    var keys = texts.map(function (h) { return h.toLowerCase().replace(/ /g, "_"); }), seen = {};
    for (var i = 0; i < texts.length; i++) {  // _refuse_same_header comes first
      // where Python's casefold is not toLowerCase: not ported
      if (/[\xb5\xdf\u0130\u03c2\u1e9e\u1f80-\u1fff\ufb00-\ufb17]|\u0345/.test(texts[i])) { why("column_twice"); return null; }
      var k = texts[i].toLowerCase();
      if (k && seen[k]) { why("column_twice"); return null; }
      seen[k] = 1;
    }
    var has = function (names) { return keys.some(function (k) { return names.indexOf(k) >= 0; }); };
    var xy = has(rules.x) && has(rules.y);
    if (!lonLat && !xy && !placed) {
      var named = texts.filter(function (h) { return h; });
      var shown = named.slice(0, 20).map(function (h) {  // repr(terminal_text(h, 40))
        return h.length <= 40 && !/[\x00-\x1f\x7f-\x9f]/.test(h) ? pyStr(h) : null;  // eslint-disable-line no-control-regex -- escaped by terminal_text: not ported
      });
      if (shown.indexOf(null) >= 0) { why("column"); return null; }
      var found = shown.join(", ") || cli(rules, lang, "tables.found_none");
      if (named.length > 20) {
        found = cli(rules, lang, "tables.found_more", {found: found, count: formatInt(named.length - 20, lang)});
      }
      return refuse(rules, lang, "tables.no_location_columns", "tables.no_location_columns_fix", {found: found});
    }
    if (!nRows) { return refuse(rules, lang, "tables.header_only", "tables.header_only_fix"); }
    return undefined;
  }


  /* The records of a GeoJSON text (lib/check_read.js reads the document, lib/check_geometry.js
   * each geometry), or {fatal: [message, fix]}. A feature validate refuses for its reading
   * (not a Feature, properties not an object, a broken geometry) carries `problems` and
   * `refused`; one that is not a Feature at all is `skip` (no fields are checked). `fields`:
   * the field rules' fieldOf and headerUnit (lib/check_core.js). */
  function geojsonRecords(text, rules, why, lang, fields) {
    var R = api, G = lib("check_geometry"), fieldOf = fields.fieldOf, headerUnit = fields.headerUnit;
    var t = function (k, v) { return R.cli(rules, lang, k, v); };
    var doc = R.readGeojson(text, rules, lang, why);
    if (doc === null || doc.fatal) { return doc; }
    var crs = doc.crs && !doc.crs.wgs84 ? doc.crs : null, L = rules.reading.lonlat;
    if (crs && !crs.rd) { why("crs"); return null; }
    var recs = doc.features.map(function (f, i) {
      var rec = {feature: i + 1, row: null, cols: {}, problems: []};
      function refuse(message, hint, code, field, value, severity) {
        rec.problems.push({severity: severity || "error", code: code, message: message, hint: hint,
          field: field, value: value === undefined ? null : value});
        if (!severity) { rec.refused = true; }
      }
      var isObj = function (v) { return v !== null && typeof v === "object" && !Array.isArray(v); };
      if (!isObj(f) || f.type !== "Feature") {  // reading.py geojson_features: not a Feature
        var got = isObj(f) ? (f.type === undefined ? null : f.type) : f === null ? "NoneType" :
          Array.isArray(f) ? "list" : typeof f === "string" ? "str" : typeof f === "boolean" ? "bool" : null;
        if (got === null && !isObj(f)) { why("geometry"); }  // a number: int or float, as written
        refuse(t("reading.not_feature"), t("reading.not_feature_fix"), "not_feature", "type", got);
        rec.skip = true;
        return rec;
      }
      var props = f.properties === undefined || f.properties === null ? {} : f.properties;
      if (!isObj(props)) {
        refuse(t("reading.properties_not_object"), t("reading.properties_not_object_fix"), null, "properties", props);
        props = {};
      }
      props = Object.assign({}, props);
      if (!Object.keys(props).some(function (k) { return k.toLowerCase() === "id"; }) &&
          f.id !== undefined && f.id !== null) {
        if (Object.keys(props).some(function (k) { return /[^\x00-\x7f]/.test(k); })) { why("feature_id"); }  // eslint-disable-line no-control-regex -- ASCII only, where JS and Python lower alike
        props.id = f.id;  // RFC 7946 feature id
      }
      var g = G.readGeometry(f.geometry, doc.meta, rules, lang);
      if (g.declined) { why("geometry"); }
      else if (g.problem) { refuse(g.problem.message, g.problem.hint, g.problem.code, "geometry", g.problem.value); }
      else if (g.kind && g.kind !== "Point") {  // a line, polygon or multipoint (lib/check_shapes.js)
        var sh = lib("check_shapes").readShape(g.kind, g.coordinates, rules.boxes, crs ? rules.rd : null);
        if (sh.declined) { why("geometry_shape"); rec.shaped = true; }  // its fields are checked
        else {
          sh.notes.forEach(function (n) {  // checks.py _check_geometries: the height, then the repair
            rec.problems.push(n.code === "z_dropped" ? {severity: "note", code: "z_dropped",
              message: t("checks.z_dropped"), hint: "", field: "geometry", value: null} :
              {severity: "note", code: "repaired", message: t("checks.repaired", {reason: n.reason}),
                hint: t("reading.fix_geometry"), field: "geometry", value: null});
          });
          if (sh.degrees) {  // declared RD New, written in degrees
            refuse(t("checks.crs_degrees", {crs_from: t("reading.crs_from_file"), crs_name: crs.name}),
              t("checks.crs_degrees_fix"), "crs_degrees", "geometry", sh.degrees);
          } else {
            rec.shape = sh.shape;
            rec.lon = sh.shape.at[0]; rec.lat = sh.shape.at[1];  // the register's point (representative)
          }
        }
      }
      else if (g.kind) {
        var c = g.coordinates;
        if (c.length === 3) {  // checks.py _check_geometries: the height is dropped, with a note
          rec.problems.push({severity: "note", code: "z_dropped", message: t("checks.z_dropped"), hint: "",
            field: "geometry", value: null});
        }
        var lon = c[0], lat = c[1];
        if (crs && lon >= L[0] && lon <= L[1] && lat >= L[2] && lat <= L[3]) {
          refuse(t("checks.crs_degrees", {crs_from: t("reading.crs_from_file"), crs_name: crs.name}),
            t("checks.crs_degrees_fix"), "crs_degrees", "geometry", [lon, lat]);
        } else if (crs) {  // declared RD New: converted as pyproj does (lib/rd.js)
          var w = lib("rd").toWgs84(lon, lat, rules.rd);
          if (!(isFinite(w[0]) && w[0] >= L[0] && w[0] <= L[1])) { why("crs"); }
          rec.lon = w[0]; rec.lat = w[1];
        } else { rec.lon = lon; rec.lat = lat; }
      }
      var longs = doc.meta.get(f.properties);
      longs = longs && longs.longs;
      Object.keys(props).forEach(function (k) {
        var fl = fieldOf(k, rules);
        if (fl === null) { why("property", k); return; }
        if (longs && longs.has(k)) {  // a whole number past a double's digits: the amount only
          if (fl === "amount_eur") { rec.amountDigits = longs.get(k); } else { why("long_number"); }
        }
        if (fl === "amount_eur") { rec.unit = headerUnit(k, rules); }
        if (!rec.cols[fl]) { rec.cols[fl] = k; }
        if (rec[fl] !== undefined) { why("property_twice"); }
        rec[fl] = props[k];
      });
      if (rec.lon === undefined) { rec.lon = null; rec.lat = null; }
      rec.props = props;
      return rec;
    });
    var keys = [], amountHeader = null;
    recs.forEach(function (r) {
      Object.keys(r.props || {}).forEach(function (k) {
        if (keys.indexOf(k) < 0) { keys.push(k); }
        if (amountHeader === null && fieldOf(k, rules) === "amount_eur") { amountHeader = k; }
      });
    });
    recs.meta = {amountHeader: amountHeader, keys: keys,
      unit: amountHeader === null ? null : headerUnit(amountHeader, rules)};
    return recs;
  }

  // no lone UTF-16 surrogates (JSON "\ud800" escapes): the command line refuses them
  function wellFormed(s) {
    return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(s);
  }


  // a CSV's rows (split as tables.py reads them) to records by `tableRecords` (lib/check_core.js)
  function csvRecords(text, rules, why, lang, tableRecords) {
    var first = text.split("\n", 1)[0];
    var delim = detectDelimiter(first);
    if (delim === null) { why("delimiter"); return null; }
    var parsed = parseCsv(text, delim);
    if (parsed.open) { why("quotes"); return null; }
    // tables.py _csv_table: the non-blank rows (Python's strip), the first one kept
    var rows = parsed.rows.filter(function (r, i) { return i === 0 || r.cells.some(function (c) { return pyStripText(c); }); });
    var recs = tableRecords(rows, rules, why, true, lang);
    if (recs && !recs.fatal) { recs.delim = delim; }
    return recs;
  }

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  var api = {decode: decode, tableUnreadable: tableUnreadable, geojsonRecords: geojsonRecords, csvRecords: csvRecords,
    wellFormed: wellFormed, parseCsv: parseCsv, detectDelimiter: detectDelimiter, textBounds: textBounds,
    parseJson: parseJson, floatAt: floatAt, lineColumn: lineColumn, readGeojson: readGeojson, pyRepr: pyRepr,
    pyShort: pyShort, pyFloat: pyFloat, pyStr: pyStr, formatInt: formatInt, cli: cli, refuse: refuse,
    container: container};
  return api;
}));
