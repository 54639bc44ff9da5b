/* transitiekaart lib/amounts: amounts in euro as people type them, as the CLI reads them.
 *
 * The page's one amount parser, used by the amount filter's fields (inputs.js) and by the
 * file check (lib/check_core.js). A port of geo/validate/amounts.py read_amount, held to it
 * by tests/test_js_parity.py and tests/test_check_parity.py: "1.000.000", "€ 750.000",
 * "€ 2.500.000,-", "2,5 mln", "2,5 miljoen", "1,2 mld", "2.5M", "300k", "€1,250,000.50" and
 * plain numbers. "1.250" and "1,250" without a € sign are ambiguous (1250 or 1.25) and
 * refused with both readings, unless the column's notation settles them (opts.notation,
 * opts.evidence: geo.validate.amounts.settle_notation). Digits are the ASCII ones: a text
 * with other digits (Python reads them too) gives error "digits".
 *
 * The words for "no amount (yet)" ("n.t.b.", "onbekend", "-", "?") are not typed here: they
 * come from Python (geo.validate.amounts.UNKNOWN_AMOUNTS) in the page's generated rules,
 * TK.checkRules.unknown_amounts (mapbuilder/mappage/check_rules.py); in node, configure({unknown}).
 *
 * read(value, opts) with opts {unit (the column's multiplier, 1), notation ("nl", "en" or
 * null), evidence ("column", ...), unknown (the no-amount words; else as configured)} gives {amount} (null when empty), {amount: null, unknown:
 * true, shown} (a no-amount word, `shown` as Python's value.strip()), {amount, grouped: {body,
 * sep}} (thousands read by a notation that is worth a note), or {amount: null, error, ...}:
 *   error "ambiguous" (with `grouped`, `decimal`, `sep`), "unreadable", "no_digits",
 *   "not_finite" (with `literal` for a text "nan"/"inf": Python's message differs),
 *   "negative", "too_large", "boolean", "not_number", "digits"; `own_unit` when the text
 *   brought its own unit word ("1.250k"). The messages: lib/check_fields.js amountProblem.
 * In node `module.exports`; in the page `window.transitiekaart.lib.amounts`.
 */
(function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).amounts = api;
  }
}(typeof self !== "undefined" ? self : this, function (root) {
  "use strict";

  var MAX_AMOUNT_EUR = 1e12;  // geo/validate/rules.py AMOUNT.high, as rules.fields.amount_high
  // Python's \s (str.isspace) and the apostrophe: removed anywhere in the text (control
  // characters on purpose: Python's whitespace includes \x0b, \x0c and \x1c-\x1f)
  var WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACE = new RegExp("[" + WS + "']", "g");
  var BLANK = new RegExp("^[" + WS + "]*$");
  var STRIP = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  var DOTS_SPACES = new RegExp("[." + WS + "]+", "g");
  var NL_THOUSANDS = /^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$/;
  var EN_THOUSANDS = /^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/;
  var PLAIN = /^[0-9]+$/;
  var DECIMAL = /^([0-9]+)([.,])([0-9]+)$/;
  var SCI = /^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$/;
  var CURRENCY = /€|\beur(o|os)?\b|^eur(o|os)?|eur(o|os)?$/i;
  var CURRENCY_ALL = /€|\beur(o|os)?\b|^eur(o|os)?|eur(o|os)?$/gi;
  var OTHER_DIGIT = /(?![0-9])\p{Nd}/u;
  var UNITS = [
    [/(mld|mrd|miljard|miljarden|billion|billions|bn|b)\.?$/i, 1e9],
    [/(mln|mio|miljoen|miljoenen|million|millions|mn|m)\.?$/i, 1e6],
    [/(k|duizend|thousand|dzd)\.?$/i, 1e3]
  ];

  var configured = null;
  function configure(opts) { configured = opts.unknown || null; }

  // the no-amount words: given in node, else the page's generated rules
  function unknownWords(given) {
    if (given) { return given; }
    if (configured) { return configured; }
    var TK = root && root.transitiekaart;
    return (TK && TK.checkRules && TK.checkRules.unknown_amounts) || [];
  }

  function pyStrip(s) { return s.replace(STRIP, ""); }

  function unknownAmount(raw, given) {
    var words = unknownWords(given);
    var key = pyStrip(pyStrip(raw).toLowerCase().replace(DOTS_SPACES, " "));
    return words.indexOf(key) >= 0 || words.indexOf(key.split(" ").join("")) >= 0;
  }

  function refused(error, extra) {
    var out = {amount: null, error: error};
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  // a number in Dutch or English notation; currency: a € sign was given
  function number(body, currency, unit, notation, evidence) {
    if (PLAIN.test(body) || SCI.test(body)) { return {value: Number(body)}; }
    var m = DECIMAL.exec(body);
    if (m) {
      var three = m[3].length === 3 && m[1] !== "0";
      if (!three) { return {value: Number(m[1] + "." + m[3])}; }
      // "€ 750.000": thousands; with a unit word ("€ 1.000k") it stays ambiguous, as in Python
      if (currency && unit === 1) { return {value: Number(m[1] + m[3])}; }
      var sep = m[2];
      if ((notation === "nl" && sep === ".") || (notation === "en" && sep === ",")) {
        if (unit === 1 && evidence === "column") { return {value: Number(m[1] + m[3])}; }
        return {value: Number(m[1] + m[3]), grouped: {body: body, sep: sep}};
      }
      if ((notation === "nl" || notation === "en") && unit !== 1) {
        return {value: Number(m[1] + "." + m[3])};
      }
      return {why: refused("ambiguous", {grouped: Number(m[1] + m[3]),
                                         decimal: Number(m[1] + "." + m[3]), sep: sep,
                                         body: body})};
    }
    if (NL_THOUSANDS.test(body)) {
      return {value: Number(body.replace(/\./g, "").replace(",", "."))};
    }
    if (EN_THOUSANDS.test(body)) { return {value: Number(body.replace(/,/g, ""))}; }
    return {why: refused("unreadable")};
  }

  function checked(amount, extra) {
    if (!isFinite(amount)) { return refused("not_finite"); }
    if (amount < 0) { return refused("negative"); }
    if (amount > MAX_AMOUNT_EUR) { return refused("too_large"); }
    var out = {amount: amount};
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  function text(raw, unit, notation, evidence, words) {
    if (unknownAmount(raw, words)) { return {amount: null, unknown: true, shown: pyStrip(raw)}; }
    if (OTHER_DIGIT.test(raw)) { return refused("digits"); }
    var t = raw.replace(SPACE, "");
    var currency = CURRENCY.test(t), ownUnit = false;
    t = t.replace(CURRENCY_ALL, "").replace(/[,.]-+$/, "");  // "2.500.000,-"
    for (var u = 0; u < UNITS.length; u++) {
      var m = UNITS[u][0].exec(t);
      if (m && m.index > 0 && /[0-9]/.test(t[m.index - 1])) {
        t = t.slice(0, m.index);
        unit = UNITS[u][1];
        ownUnit = true;
        break;
      }
    }
    if (t === "") {
      return BLANK.test(raw) ? {amount: null} : refused("no_digits");
    }
    var bare = t.toLowerCase().replace(/^[+-]+/, "");
    if (bare === "nan" || bare === "inf" || bare === "infinity") { return refused("not_finite", {literal: true}); }
    var sign = t.charAt(0) === "-" ? -1 : 1;
    var got = number(t.replace(/^[+-]+/, ""), currency, unit, notation, evidence);
    if (got.why) { if (ownUnit) { got.why.own_unit = true; } return got.why; }
    return checked(sign * got.value * unit, got.grouped ? {grouped: got.grouped, unit: unit} : null);
  }

  function read(value, opts) {
    opts = opts || {};
    var unit = opts.unit || 1;
    if (value === null || value === undefined) { return {amount: null}; }
    if (typeof value === "boolean") { return refused("boolean"); }
    if (typeof value === "number") { return checked(value * unit); }
    if (typeof value !== "string") { return refused("not_number"); }
    return text(value, unit, opts.notation || null, opts.evidence || "column", opts.unknown);
  }

  return {read: read, configure: configure, MAX_AMOUNT_EUR: MAX_AMOUNT_EUR};
}));
