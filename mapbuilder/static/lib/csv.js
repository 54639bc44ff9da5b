/* transitiekaart lib/csv: the selection as CSV text for Excel, pure (no DOM, no page state).
 *
 * text(header, rows, lang): a UTF-8 byte-order mark, the header's words, one line per row, CRLF.
 * Dutch: ";" between cells and a decimal comma; English: "," and a decimal point. Text that
 * Excel would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe; a cell with
 * the separator, a quote or a line break is quoted (RFC 4180). See lib/classes.js for the
 * module pattern.
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

  return {cell: cell, text: text};
}));
