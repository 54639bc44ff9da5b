/* transitiekaart lib/check_groups: the page check's messages grouped as `transitiekaart
 * validate`'s text output groups them (geo/validate/report.py group_problems), pure (no DOM,
 * no Leaflet, no page state). Module pattern: see lib/classes.js.
 *
 * group(problems, limits) -> entries in the order of `problems`, each one of
 *   {kind: "one", problem}: listed as it is;
 *   {kind: "notes", problem (the first), items (all of the kind), n}: notes of one code that
 *     occur more than limits.examples + 1 times, one line with the count (the first where
 *     the first of them stood);
 *   {kind: "errors", problem (the first left out), items (those left out), n}: the errors of
 *     a kind (code, else the message's first 60 characters) beyond the first
 *     limits.errors_shown, one line after those.
 * Notes without a code are always listed one by one, as validate lists them. `limits`:
 * checkRules.groups ({examples, errors_shown}, report.py GROUP_EXAMPLES, ERRORS_SHOWN).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_groups = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function group(problems, limits) {
    var has = Object.prototype.hasOwnProperty, counts = {}, out = [], notes = {}, errors = {}, listed = {};
    function noteKey(p) { return p.code + "\u0000" + p.severity; }
    function errorKey(p) { return (p.code || String(p.message).slice(0, 60)) + "\u0000" + p.severity; }
    problems.forEach(function (p) {
      if (p.severity === "note" && p.code) { counts[noteKey(p)] = (counts[noteKey(p)] || 0) + 1; }
    });
    problems.forEach(function (p) {
      if (p.severity !== "note") {
        var ek = errorKey(p);
        listed[ek] = (listed[ek] || 0) + 1;
        if (listed[ek] <= limits.errors_shown) { out.push({kind: "one", problem: p}); return; }
        if (!has.call(errors, ek)) {
          errors[ek] = {kind: "errors", problem: p, items: [], n: 0};
          out.push(errors[ek]);
        }
        errors[ek].items.push(p);
        errors[ek].n++;
        return;
      }
      var nk = noteKey(p);
      if (!p.code || counts[nk] <= limits.examples + 1) { out.push({kind: "one", problem: p}); return; }
      if (!has.call(notes, nk)) {
        notes[nk] = {kind: "notes", problem: p, items: [], n: counts[nk]};
        out.push(notes[nk]);
      }
      notes[nk].items.push(p);
    });
    return out;
  }

  return {group: group};
}));
