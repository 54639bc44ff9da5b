/* transitiekaart: a script view of what the map draws now (namespace TK.drawn), for tests.
 *
 * Reads: TK.encoding (areas.js), TK.layer (points.js), TK.fillLevel, TK.subregions,
 * TK.munfill, TK.data. Nothing here draws or changes the page.
 *
 * window.transitiekaart.drawn() returns
 *   {level: "sub" | "mun" | "dots",          the circles' level (dots: single projects)
 *    fillLevel: "sub" | "mun",               the level whose areas are filled
 *    mode: "index" | "fixed" | null,         the classes (null: totals, no fill)
 *    reference: number | null,               the MRA rate = 100% (index classes)
 *    classes: [{label, from, to, colour}],   the legend's classes, as drawn (from/to: null at
 *                                            an open end; index classes as fractions, 0.5)
 *    fills: {areaName: colour},              the fill of every area of the filled level
 *    circles: [{area, eur, n, radius_px, pie}],  the circles drawn (largest first)
 *    names: [areaName, ...],                 the area names written on the map
 *    themeKey: bool}                         theme colours drawn, and their key in the legend
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};

  TK.drawn = function () {
    var enc = TK.encoding || {}, layer = TK.layer, fills = {};
    var layers = TK.fillLevel === "mun" ? TK.munfill : TK.subregions;
    (layers || []).forEach(function (g) {
      g.eachLayer(function (l) { fills[l.feature.properties.name] = l.options.fillColor; });
    });
    var level = layer.level();
    var circles = level === "dots" ? [] : (layer._symbols || []).map(function (s) {
      return {area: s.name, eur: s.eur, n: s.n, value: s.value, radius_px: s.r, pie: !!s.pie};
    });
    var key = document.querySelector("#tk-sec-legend .tk-themekey");
    return {
      level: level, fillLevel: TK.fillLevel,
      mode: enc.rate ? enc.mode : null, reference: enc.rate && enc.mode === "index" ? enc.ref : null,
      classes: (enc.classes || []).map(function (c) {
        return {label: c.label, from: c.from, to: c.to, colour: c.colour};
      }),
      fills: fills, circles: circles, names: layer.namedAreas(),
      themeKey: layer.themesDrawn() && !!key
    };
  };
})();
