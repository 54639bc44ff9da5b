/* transitiekaart lib/amounts: amounts in euro as people type them, as the CLI reads them.
 *
 * A port of geo/validate/amounts.py (read_amount for a text, unit 1, no column notation),
 * held to it by tests/test_js_parity.py: "1.000.000", "€ 750.000", "€ 2.500.000,-",
 * "2,5 mln", "2,5 miljoen", "1,2 mld", "2.5M", "300k", "€1,250,000.50" and plain numbers.
 * "1.250" and "1,250" without a € sign are ambiguous (1250 or 1.25) and refused with both
 * readings. Digits are the ASCII ones (Python also reads other scripts' digits).
 * read(text) gives {amount} (null for an empty text) or {amount: null, error, ...}:
 *   error "ambiguous" (with `grouped` and `decimal`, the two readings), "unreadable",
 *   "no_digits", "not_finite", "negative", "too_large".
 * In node `module.exports`; in the page `window.transitiekaart.lib.amounts`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).amounts = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_AMOUNT_EUR = 1e12;
  // Python's \s (str.isspace) and the apostrophe: removed anywhere in the text (control
  // characters on purpose: Python's whitespace includes \x0b, \x0c and \x1c-\x1f)
  /* eslint-disable no-control-regex */
  var SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000']/g;
  var BLANK = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  /* eslint-enable no-control-regex */
  var NL_THOUSANDS = /^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$/;
  var EN_THOUSANDS = /^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/;
  var PLAIN = /^[0-9]+$/;
  var DECIMAL = /^([0-9]+)([.,])([0-9]+)$/;
  var SCI = /^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$/;
  var CURRENCY = /€|\beur(o|os)?\b|^eur(o|os)?|eur(o|os)?$/i;
  var CURRENCY_ALL = /€|\beur(o|os)?\b|^eur(o|os)?|eur(o|os)?$/gi;
  var UNITS = [
    [/(mld|mrd|miljard|miljarden|billion|billions|bn|b)\.?$/i, 1e9],
    [/(mln|mio|miljoen|miljoenen|million|millions|mn|m)\.?$/i, 1e6],
    [/(k|duizend|thousand|dzd)\.?$/i, 1e3]
  ];

  // what people write for "no amount (yet)": read as no amount (geo.validate.amounts
  // UNKNOWN_AMOUNTS; tests/test_js_parity.py holds the two lists equal)
  var UNKNOWN_AMOUNTS = ["ntb", "nog te bepalen", "onbekend", "nnb", "nog niet bekend", "nvt",
                         "niet van toepassing", "pm", "pro memorie", "tbd", "tba", "unknown",
                         "n/a", "na", "?", "??", "???", "-", "--", "---", "x",
                         "nader te bepalen", "volgt", "nader in te vullen"];

  function unknownAmount(raw) {
    var key = raw.trim().toLowerCase().replace(/[.\s]+/g, " ").trim();
    return UNKNOWN_AMOUNTS.indexOf(key) >= 0 ||
      UNKNOWN_AMOUNTS.indexOf(key.replace(/ /g, "")) >= 0;
  }

  function refused(error, extra) {
    var out = {amount: null, error: error};
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  // a number in Dutch or English notation; currency: a € sign was given
  function number(body, currency, unit) {
    if (PLAIN.test(body) || SCI.test(body)) { return {value: Number(body)}; }
    var m = DECIMAL.exec(body);
    if (m) {
      var three = m[3].length === 3 && m[1] !== "0";
      if (!three) { return {value: Number(m[1] + "." + m[3])}; }
      // "€ 750.000": thousands; with a unit word ("€ 1.000k") it stays ambiguous, as in Python
      if (currency && unit === 1) { return {value: Number(m[1] + m[3])}; }
      return {why: refused("ambiguous", {grouped: Number(m[1] + m[3]),
                                         decimal: Number(m[1] + "." + m[3]), sep: m[2]})};
    }
    if (NL_THOUSANDS.test(body)) {
      return {value: Number(body.replace(/\./g, "").replace(",", "."))};
    }
    if (EN_THOUSANDS.test(body)) { return {value: Number(body.replace(/,/g, ""))}; }
    return {why: refused("unreadable")};
  }

  function read(value) {
    if (value === null || value === undefined) { return {amount: null}; }
    var raw = String(value);
    if (unknownAmount(raw)) { return {amount: null, unknown: true}; }  // "n.t.b.", "-", "?"
    var text = raw.replace(SPACE, ""), unit = 1;
    var currency = CURRENCY.test(text);
    text = text.replace(CURRENCY_ALL, "").replace(/[,.]-+$/, "");  // "2.500.000,-"
    for (var u = 0; u < UNITS.length; u++) {
      var m = UNITS[u][0].exec(text);
      if (m && m.index > 0 && /[0-9]/.test(text[m.index - 1])) {
        text = text.slice(0, m.index);
        unit = UNITS[u][1];
        break;
      }
    }
    if (text === "") {
      return BLANK.test(raw) ? {amount: null} : refused("no_digits");
    }
    var bare = text.toLowerCase().replace(/^[+-]+/, "");
    if (bare === "nan" || bare === "inf" || bare === "infinity") { return refused("not_finite"); }
    var sign = text.charAt(0) === "-" ? -1 : 1;
    var got = number(text.replace(/^[+-]+/, ""), currency, unit);
    if (got.why) { return got.why; }
    var amount = sign * got.value * unit;
    if (!isFinite(amount)) { return refused("not_finite"); }
    if (amount < 0) { return refused("negative"); }
    if (amount > MAX_AMOUNT_EUR) { return refused("too_large"); }
    return {amount: amount};
  }

  return {read: read, MAX_AMOUNT_EUR: MAX_AMOUNT_EUR, UNKNOWN_AMOUNTS: UNKNOWN_AMOUNTS};
}));
