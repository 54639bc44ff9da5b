/* transitiekaart lib/check_amounts: an amount column as `transitiekaart validate` reads it, pure.
 *
 * Ports geo/validate/amounts.py around the page's one amount parser (lib/amounts.js): the
 * unit a header gives (header_unit), the column's notation and what settled it
 * (settle_notation), the message and fix of every refused amount, the notation note and
 * the no-amount note (read_amount), the small-amount note (fields.py small_amount_problem)
 * and the implausible-amount notes (implausible_notes). Texts are the catalogue's own
 * (rules.fields.texts) or made by geo (rules.messages), numbers formatted as layers.lang
 * formats them. Held to Python by tests/test_check_parity.py and
 * tests/test_check_fields_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.check_amounts`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_amounts = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  function pyStrip(s) { return lib("check_fields").pyStrip(s); }
  function headerKey(h) { return lib("check_fields").headerKey(h); }
  function jsonValue(v) { return lib("check_fields").jsonValue(v); }

  // geo/validate/amounts.py header_unit: the multiplier a header gives its amounts, or null
  var UNIT_ONE = /^\s*(€|eur|euro|euros|x\s*€?\s*1)\s*$/i;
  function headerUnit(header, rules) {
    var text = pyStrip(String(header)), parts = [], m, re = /[([]([^)\]]*)[)\]]/g;
    while ((m = re.exec(text)) !== null) { parts.push(m[1]); }
    var rest = pyStrip(text.replace(/[([][^)\]]*[)\]]/g, "")).split(/[_\s]+/);
    var tail = rest[rest.length - 1];
    if (["bedrag", "amount"].indexOf(tail.toLowerCase()) < 0) { parts.push(tail); }
    for (var i = 0; i < parts.length; i++) {
      for (var j = 0; j < rules.header_units.length; j++) {
        if (new RegExp(rules.header_units[j][0], "i").test(parts[i])) { return rules.header_units[j][1]; }
      }
      if (UNIT_ONE.test(parts[i])) { return 1; }
    }
    return null;
  }

  // an amount as validate reads it with no column notation (lib/amounts.js, the page's one
  // amount parser), in euro; null where it is refused, a no-amount word or worth a note
  function readAmount(value, unit, rules) {
    var got = lib("amounts").read(value, {unit: unit, unknown: rules && rules.unknown_amounts});
    return got.error || got.unknown || got.grouped ? null : got.amount;
  }

  // geo/validate/amounts.py settle_notation: the amount column's notation and what settled it
  function settleNotation(header, values, fileHint, keys, lang, rules) {
    var N = rules.notation, texts = values.filter(function (v) { return typeof v === "string"; });
    var nl = texts.some(function (t) { return new RegExp(N.nl_evidence).test(t); });
    var en = texts.some(function (t) { return new RegExp(N.en_evidence).test(t); });
    if (nl && en) { return [null, null]; }
    if (nl !== en) { return [nl ? "nl" : "en", "column"]; }
    var hnl = new RegExp(N.nl_header, "i").test(header), hen = new RegExp(N.en_header, "i").test(header);
    if (hnl !== hen && N.project_fields.indexOf(headerKey(header)) < 0) { return [hnl ? "nl" : "en", "header"]; }
    if (fileHint) { return [fileHint, "file"]; }
    var own = keys.map(headerKey).filter(function (k) { return N.project_fields.indexOf(k) < 0; });
    var nNl = own.filter(function (k) { return N.nl_words.indexOf(k) >= 0; }).length;
    var nEn = own.filter(function (k) { return N.en_words.indexOf(k) >= 0; }).length;
    if (nNl !== nEn) { return [nNl > nEn ? "nl" : "en", "headers"]; }
    return [lang, "lang"];
  }

  // ---- numbers as layers.lang writes them ------------------------------------------------
  function number(v, d, lang) { return lib("places").formatNumber(v, d || 0, lang); }

  function eur(v, lang, d) {  // layers.lang.format_eur
    var num = number(Math.abs(v), d || 0, lang);
    var sign = v < 0 && /[1-9]/.test(num) ? "\u2212" : "";
    return sign + (lang === "en" ? "€" : "€ ") + num;
  }

  // Python's f"{x:g}" (six significant digits, ties to even), for x > 0
  function pyG(x) {
    var s = x.toExponential(5), exact = x.toExponential(60);
    var tail = exact.slice(7, exact.indexOf("e"));
    if (/^50*$/.test(tail) && Number(exact[6]) % 2 === 0) { s = exact.slice(0, 7) + exact.slice(exact.indexOf("e")); }
    var mant = s.slice(0, s.indexOf("e")), exp = Number(s.slice(s.indexOf("e") + 1));
    if (exp < -4 || exp >= 6) {
      mant = mant.replace(/\.?0+$/, "");
      return mant + "e" + (exp < 0 ? "-" : "+") + ("0" + Math.abs(exp)).slice(-2);
    }
    var digits = mant.replace(".", ""), whole, frac;
    if (exp >= 0) { whole = digits.slice(0, exp + 1); frac = digits.slice(exp + 1); }
    else { whole = "0"; frac = "0".repeat(-exp - 1) + digits; }
    frac = frac.replace(/0+$/, "");
    return frac ? whole + "." + frac : whole;
  }

  // ---- amounts (amounts.py read_amount's messages, fields.py small_amount_problem) ---------
  function writeAmount(unit, lang, fill) {
    return unit === 1 ? fill("amounts.write_amount_euro") : fill("amounts.write_amount_unit", {unit: eur(unit, lang)});
  }

  function decimalText(body, lang) {
    var dec = pyG(Number(body.replace(",", ".")));
    return lang === "nl" ? dec.replace(".", ",") : dec;
  }

  function because(notation, evidence, fill) {
    var dutch = notation === "nl";
    var key = evidence === "headers" ? (dutch ? "because_headers_nl" : "because_headers_en") : "because_" + evidence;
    return fill(dutch ? "amounts.notation_nl" : "amounts.notation_en", {why: fill("amounts." + key)});
  }

  /* the problem (without feature) of an amount as lib/amounts.js read it, or null for none;
   * `unit` the column's, `small` the small-amount limit; {why} for a case not ported */
  function amountProblem(got, value, unit, notation, evidence, rules, lang, fill) {
    var L = rules.fields, base = {field: "amount_eur", value: jsonValue(value)};
    function error(problem, hint) {
      return Object.assign({severity: "error", code: "amount", message: fill("fields.the_amount", {problem: problem}),
        hint: hint}, base);
    }
    if (got.error) {
      var e = got.error;
      if (e === "boolean") { return error(fill("amounts.amount_boolean"), fill("amounts.give_number")); }
      if (e === "not_number") { return error(fill("amounts.amount_not_number"), fill("amounts.give_number")); }
      if (e === "not_finite") {
        return error(fill(got.literal ? "amounts.amount_not_finite" : "amounts.amount_not_finite_nan"),
          fill("amounts.give_amount_or_empty"));
      }
      if (e === "negative") { return error(fill("amounts.amount_negative"), fill("amounts.amount_negative_fix")); }
      if (e === "too_large") {
        return error(fill("amounts.amount_too_large", {max: eur(L.amount_high, lang)}),
          fill("amounts.amount_too_large_fix") + " " + writeAmount(unit, lang, fill));
      }
      if (e === "no_digits") { return error(fill("amounts.amount_no_digits"), fill("amounts.give_number_or_empty")); }
      if (e === "unreadable") { return error(fill("amounts.amount_unreadable"), writeAmount(unit, lang, fill)); }
      if (e === "ambiguous") {
        var alt = got.grouped, dec = decimalText(got.body, lang);
        var text = fill("amounts.amount_ambiguous", {amount: number(alt, 0, lang), sep: got.sep, dec: dec});
        if (got.own_unit) { return error(text, writeAmount(unit, lang, fill)); }
        var fix;
        if (unit === 1) { fix = fill("amounts.amount_ambiguous_fix", {plain: alt.toFixed(0), amount: number(alt, 0, lang)}); }
        else if (alt * unit <= L.amount_high) {
          fix = fill("amounts.amount_ambiguous_unit_fix", {plain: alt.toFixed(0), amount: number(alt, 0, lang),
            dec: dec, unit: eur(unit, lang)});
        } else { fix = fill("amounts.amount_ambiguous_decimal_fix", {dec: dec, unit: eur(unit, lang)}); }
        return error(text, fix + " " + fill("amounts.amount_ambiguous_settles"));
      }
      return {why: "amount_script"};  // other scripts' digits: Python reads them
    }
    if (got.grouped) {  // amounts.py _grouped_note
      var g = got.grouped, u = eur(got.unit, lang), galt = Number(g.body.replace(/[,.]/g, ""));
      var gdec = decimalText(g.body, lang), bec = because(notation, evidence, fill);
      var times = got.unit !== 1 ? number(galt, 0, lang) + " × " + u + " = " : "";
      var other = got.unit !== 1 ? gdec + " × " + u : eur(Number(g.body.replace(",", ".")), lang, 2);
      return Object.assign({severity: "note", code: "amount_notation",
        message: fill("amounts.amount_notation", {body: g.body, times: times, amount: eur(galt * got.unit, lang),
          because: bec, sep: g.sep}),
        hint: fill("amounts.amount_notation_fix", {dec: gdec, other: other})}, base);
    }
    if (got.unknown) {  // amounts.py _unknown_amount: "n.t.b.", "onbekend", "-"
      return Object.assign({severity: "note", code: "amount_unknown",
        message: fill("amounts.amount_unknown", {value: got.shown}), hint: fill("amounts.amount_unknown_fix")}, base);
    }
    var a = got.amount;
    if (a !== null && a > 0 && a < rules.small_amount_eur) {
      return Object.assign({severity: "note", code: "small_amount",
        message: fill("fields.the_amount", {problem: fill("amounts.small_amount", {amount: eur(a, lang, 2)})}),
        hint: fill("amounts.small_amount_fix", {example: fill(unit === 1 ? "amounts.small_example_euro" :
          "amounts.small_example_unit")})}, base);
    }
    return null;
  }

  /* amounts.py implausible_notes: per project far above the file's median or above the cap
   * {index (into `projects`), message, hint}; `msgs` the page's generated notes */
  function implausible(projects, rules, msgs, lang) {
    var P = lib("places"), L = lang === "en" ? "en" : "nl", out = [];
    var given = projects.map(function (p) { return p.amount_eur; })
      .filter(function (a) { return a !== null && isFinite(a) && a > 0; });
    if (!given.length) { return out; }
    var total = given.reduce(function (t, a) { return t + a; }, 0);
    var sorted = given.slice().sort(function (a, b) { return a - b; }), n = sorted.length;
    var median = n >= 3 ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : NaN;
    var factor = rules.implausible_median_factor, cap = rules.implausible_amount_eur;
    projects.forEach(function (p, k) {
      var a = p.amount_eur;
      if (a === null || !isFinite(a)) { return; }
      var byMedian = isFinite(median) && a > factor * median, byCap = a > cap;
      if (!byMedian && !byCap) { return; }
      var t = msgs.implausible[byMedian && byCap ? "both" : byMedian ? "median" : "cap"];
      var text = t[0].split("§E§").join(eur(a, L)).split("§P§").join(P.formatNumber(100 * a / total, 1, L));
      if (byMedian) { text = text.split("§T§").join(P.formatNumber(a / median, 0, L)).split("§M§").join(eur(median, L)); }
      out.push({index: k, message: text, hint: t[1]});
    });
    return out;
  }

  return {headerUnit: headerUnit, readAmount: readAmount, settleNotation: settleNotation,
    amountProblem: amountProblem, implausible: implausible, pyG: pyG, eur: eur};
}));
