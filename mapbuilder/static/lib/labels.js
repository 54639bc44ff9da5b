/* transitiekaart lib/labels: whether a name placed beside a map symbol reads as that
 * symbol's name (pure: no DOM, no page state).
 *
 * A symbol is {x, y, r} in pixels: a circle, or (r = 0) the point where an area without a
 * circle is named. A box is [x0, y0, x1, y1] in the same pixels. gap(box, c) is the empty
 * space between the box and the circle's edge (0 when they touch or overlap); covers(box, c)
 * says whether the box lies over part of the circle. belongs(box, own, others, margin) is
 * the rule of the map page and the comparison page: a name may stand at `box` only if it
 * covers no other circle and is nearer, by at least `margin` px of gap, to its own symbol
 * than to every other one; a name that fits nowhere so is left out (its area keeps its
 * tooltip). See lib/classes.js for the module pattern.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).labels = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function centreGap(box, c) {  // distance from the circle's centre to the box
    var nx = Math.max(box[0], Math.min(c.x, box[2]));
    var ny = Math.max(box[1], Math.min(c.y, box[3]));
    return Math.sqrt((c.x - nx) * (c.x - nx) + (c.y - ny) * (c.y - ny));
  }

  function gap(box, c) { return Math.max(0, centreGap(box, c) - (c.r || 0)); }

  function covers(box, c) { return (c.r || 0) > 0 && centreGap(box, c) < c.r; }

  function belongs(box, own, others, margin) {
    var mine = gap(box, own) + (margin || 0);
    for (var k = 0; k < others.length; k++) {
      var c = others[k];
      if (c === own) { continue; }
      if (covers(box, c) || gap(box, c) < mine) { return false; }
    }
    return true;
  }

  return {gap: gap, covers: covers, belongs: belongs};
}));
