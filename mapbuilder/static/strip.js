/* transitiekaart: the compact legend strip of small screens (namespace TK.strip).
 *
 * Reads: TK.encoding (areas.js), TK.layer (points.js), TK.panel (panels.js), TK.state,
 * TK.labels, TK.fmt, TK.lib.encode, TK.FILL_OPACITY.
 * Below 900 x 560 px every panel section starts folded; the strip keeps the classes and
 * the circle key in view (bottom right, above the attribution) and opens the full legend
 * when pressed. On larger screens and on paper it is not shown (the legend is).
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var btn = null;

  function svgCircle(r) {
    var ns = "http://www.w3.org/2000/svg", g = document.createElementNS(ns, "svg");
    var c = document.createElementNS(ns, "circle"), d = 2 * r + 2;
    g.setAttribute("width", d); g.setAttribute("height", d);
    g.setAttribute("aria-hidden", "true");
    c.setAttribute("cx", r + 1); c.setAttribute("cy", r + 1); c.setAttribute("r", r);
    c.setAttribute("fill", TK.data.circle_colour); c.setAttribute("fill-opacity", "0.78");
    c.setAttribute("stroke", "#222"); c.setAttribute("stroke-width", "0.8");
    g.appendChild(c);
    return g;
  }

  function fill() {
    var P = TK.labels, enc = TK.encoding || {}, layer = TK.layer;
    btn.textContent = "";
    if (enc.rate && enc.classes.length) {
      btn.appendChild(el("span", "tk-strip-title",
        enc.mode === "index" ? P.class_index : P.units[enc.metric]));
      var row = el("span", "tk-strip-classes");
      enc.classes.forEach(function (c) {
        var item = el("span", "tk-strip-class");
        item.appendChild(TK.ui.swatch(c.colour, "tk-sw", TK.FILL_OPACITY));
        item.appendChild(el("span", "", c.label));
        row.appendChild(item);
      });
      btn.appendChild(row);
    }
    var lv = layer._map ? layer.level() : "sub";
    if (lv !== "dots" && layer._map) {
      var byCount = TK.state.metric === "count", sc = layer.scaleOf(lv, byCount);
      // the largest reference circle that fits the strip, drawn to the map's scale
      var E = TK.lib.encode, ref = E.refValues(sc.vmax, byCount).filter(function (v) {
        return E.circleRadius(v, sc.vmax, sc.rmax) <= 14;
      })[0];
      if (ref) {
        var r = E.circleRadius(ref, sc.vmax, sc.rmax);
        var text = byCount ? TK.fmt.num(ref) + " " + P.projects : TK.fmt.eurShort(ref);
        var key = el("span", "tk-strip-circle");
        key.appendChild(svgCircle(r));
        key.appendChild(el("span", "", text + " (" + P.strip_fixed + ")"));
        btn.appendChild(key);
      }
    }
    btn.appendChild(el("span", "tk-strip-open", P.strip_open));
    // no aria-label: the button's name is the text it shows (WCAG 2.5.3, label in name)
  }

  function init(map) {
    var ctl = L.control({position: "bottomright"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-control tk-strip-box");
      btn = el("button", "tk-strip");
      btn.type = "button";
      btn.addEventListener("click", function () {
        var sec = TK.panel.sections[0];
        if (sec.body.hidden) { sec.btn.click(); }
        sec.btn.focus();
      });
      div.appendChild(btn);
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(map);
    fill();
  }

  TK.strip = {init: init, update: function () { if (btn) { fill(); } },
              element: function () { return btn; }};
})();
