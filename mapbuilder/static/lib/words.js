/* transitiekaart lib/words: the filter state in words (for paper, where no control shows it).
 * Pure: the texts come in as an argument. In node `module.exports`; in the page
 * `window.transitiekaart.lib.words`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).words = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // one line: "Thema's: Waterstof, AI; Startjaar: 2024–2026; Bedrag: ≥ € 1 mln" or `w.all`.
  // s: the page's filter state; w: {all, none, themes, year, status, amount, search,
  // themeNames: {code: name}, statusNames: {code: name}, eur: function (v) -> text}
  function describe(s, w) {
    var parts = [];
    function names(codes, table) {
      return codes.length ? codes.map(function (c) { return table[c] || c; }).join(", ") : w.none;
    }
    if (s.theme) { parts.push(w.themes + ": " + names(s.theme, w.themeNames)); }
    if (s.year) { parts.push(w.year + ": " + s.year[0] + "\u2013" + s.year[1]); }
    if (s.status) { parts.push(w.status + ": " + names(s.status, w.statusNames)); }
    var lo = s.min === null || s.min === undefined ? null : s.min;
    var hi = s.max === null || s.max === undefined ? null : s.max;
    if (lo !== null || hi !== null) {
      parts.push(w.amount + ": " + (lo !== null && hi !== null ? w.eur(lo) + " \u2013 " + w.eur(hi)
        : lo !== null ? "\u2265 " + w.eur(lo) : "\u2264 " + w.eur(hi)));
    }
    if (s.q && String(s.q).trim()) { parts.push(w.search + ": \u201c" + String(s.q).trim() + "\u201d"); }
    return parts.length ? parts.join("; ") : w.all;
  }

  return {describe: describe};
}));
