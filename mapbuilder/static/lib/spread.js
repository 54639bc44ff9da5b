/* transitiekaart lib/spread: marks that share one spot, spread so that each can be seen and
 * clicked (pure: no DOM, no page state).
 *
 * Projects known only by their municipality are all drawn at its label point; on top of each
 * other only the uppermost would show. offset(k, step) gives the k-th of them (k = 0, 1, ...)
 * a place on a sunflower (Vogel) spiral around that spot: the first on the spot itself, the
 * k-th step * sqrt(k) px out at k times the golden angle, so that neighbours are at least
 * about `step` apart however many there are. step(radius) is that distance for marks of at
 * most `radius` px: their diameter and a gap. See lib/classes.js for the module pattern.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).spread = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var GOLDEN = Math.PI * (3 - Math.sqrt(5));  // radians, about 137.5 degrees

  function offset(k, step) {
    if (!(k > 0)) { return [0, 0]; }
    var r = step * Math.sqrt(k), a = k * GOLDEN;
    return [r * Math.cos(a), r * Math.sin(a)];
  }

  function step(radius) { return 2 * radius + 4; }

  return {offset: offset, step: step};
}));
