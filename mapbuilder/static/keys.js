/* transitiekaart: the legend's keys of what is drawn (namespace TK.keys).
 *
 * Reads: TK.encoding (areas.js: the fills' classes now), TK.layer (points.js: the session's
 * circle scale, the dot scale, whether theme colours are drawn), TK.state, TK.data,
 * TK.labels, TK.fmt, TK.ui, TK.lib.encode, TK.setFilter.
 * Every key says what it stands for and stays the same through filters: the fills as a
 * percentage of the MRA rate of the same selection (or in fixed classes from the unfiltered
 * data), the circles on one scale for the whole session, the dots by amount up to a cap, and
 * the theme colours whenever they are drawn (also on paper and in --png pictures).
 * Texts reach the page with textContent.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };

  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function row(parent, mark, text) { return TK.ui.row(parent, mark, text); }  // panels.js

  function levelWord(level) {
    var P = TK.labels;
    return level === "mun" ? P.legend_fill_mun : P.legend_fill;
  }

  // the fills: heading, the classes as drawn, the no-data swatch where an area lacks
  // projects, and the choice between index and fixed classes
  function fills(body) {
    var P = TK.labels, enc = TK.encoding, m = TK.state.metric;
    var box = el("div", "tk-fillkey");
    box.appendChild(el("h4", "", levelWord(enc.level).replace("{metric}", P.metrics[m]) + " (" +
      (enc.mode === "index" ? P.class_index : P.units[m]) + ")"));
    if (enc.mode === "index" && enc.ref > 0) {  // (an empty selection has no MRA rate)
      box.appendChild(el("div", "tk-note", P.index_ref.replace("{value}",
        TK.fmt.metric(m, enc.ref))));
    }
    enc.classes.forEach(function (c) {
      row(box, TK.ui.swatch(c.colour, "tk-sw", TK.FILL_OPACITY), c.label);
    });
    if (enc.noData) {
      row(box, TK.ui.swatch(TK.fills.NO_DATA, "tk-sw", TK.FILL_OPACITY), P.no_data);
    }
    box.appendChild(el("div", "tk-note tk-noprint",
                       enc.mode === "index" ? P.index_note : P.fixed_note));
    var sel = el("select");
    [["index", P.class_index], ["fixed", P.class_fixed]].forEach(function (o) {
      var opt = el("option", "", o[1]);
      opt.value = o[0];
      sel.appendChild(opt);
    });
    sel.value = enc.mode;
    sel.setAttribute("data-focus", "classes");
    sel.addEventListener("change", function () { TK.setFilter({classes: sel.value}); });
    box.appendChild(TK.ui.labelled(P.class_mode, sel));
    body.appendChild(box);
  }

  // the circles: reference circles on the session's fixed scale, and the theme switch
  function circles(body, title) {
    var P = TK.labels, m = TK.state.metric, byCount = m === "count", layer = TK.layer;
    var lv = layer.level(), sc = layer.scaleOf(lv, byCount);
    var box = el("div", "tk-symbols");
    box.appendChild(el("h4", "", title));
    var refs = TK.lib.encode.refValues(sc.vmax, byCount);
    if (refs.length) {
      var R = TK.lib.encode.circleRadius(refs[0], sc.vmax, sc.rmax), W = 2 * R + 110;
      var H = 2 * R + 14, g = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H,
                                         role: "img"});
      var fmt = function (v) { return byCount ? TK.fmt.num(v) : TK.fmt.eurShort(v); };
      g.setAttribute("aria-label", title + " (" + P.symbols_refs + ": " +
                     refs.map(fmt).join(", ") + ")");
      refs.forEach(function (v) {
        var r = TK.lib.encode.circleRadius(v, sc.vmax, sc.rmax), cy = H - 3 - r;
        g.appendChild(svg("circle", {cx: R + 2, cy: cy, r: r, fill: TK.data.circle_colour,
                                     "fill-opacity": 0.4, stroke: "#333", "stroke-width": 1}));
        g.appendChild(svg("line", {x1: R + 2, y1: cy - r, x2: 2 * R + 10, y2: cy - r,
                                   stroke: "#777", "stroke-width": 0.6}));
        var tx = svg("text", {x: 2 * R + 13, y: cy - r + 4, "font-size": 11});
        tx.textContent = fmt(v);
        g.appendChild(tx);
      });
      box.appendChild(g);
    }
    box.appendChild(el("div", "tk-note tk-noprint", P.symbols_fixed));  // paper: one state
    var lab = el("label", "tk-check"), pie = el("input");
    pie.type = "checkbox";
    pie.checked = !!TK.state.pies;
    pie.setAttribute("data-focus", "pies");
    pie.addEventListener("change", function () { TK.setFilter({pies: pie.checked}); });
    lab.appendChild(pie);
    lab.appendChild(document.createTextNode(P.pies));
    box.appendChild(lab);
    body.appendChild(box);
  }

  // the dots zoomed in: reference dots, area proportional to the amount up to the cap
  function dots(body) {
    var P = TK.labels, layer = TK.layer, sc = layer.dotScale(), E = TK.lib.encode;
    var box = el("div", "tk-dotkey");
    if (!(sc.cap > 0)) { return; }
    box.appendChild(el("h4", "", P.dots_scale.replace("{cap}", TK.fmt.eurShort(sc.cap))));
    var refs = [sc.cap, sc.cap / 4, 0], H = 2 * sc.rmax + 8, x = 4;
    var W = 4 + refs.reduce(function (w, v) {
      return w + 2 * E.dotRadius(v, sc.cap, sc.rmin, sc.rmax) + 15 +
        7 * (v ? TK.fmt.eurShort(v) : P.dot_unknown).length;
    }, 0);
    var g = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img"});
    var word = function (v) { return v ? TK.fmt.eurShort(v) : P.dot_unknown; };
    g.setAttribute("aria-label", P.dots_scale.replace("{cap}", TK.fmt.eurShort(sc.cap)) + ": " +
                   refs.map(word).join(", "));
    refs.forEach(function (v) {
      var r = E.dotRadius(v, sc.cap, sc.rmin, sc.rmax);
      g.appendChild(svg("circle", {cx: x + r, cy: H / 2, r: r, fill: "#9a9a9a", stroke: "#222",
                                   "stroke-width": 0.8}));
      var tx = svg("text", {x: x + 2 * r + 3, y: H / 2 + 4, "font-size": 11});
      tx.textContent = word(v);
      g.appendChild(tx);
      x += 2 * r + 15 + 7 * word(v).length;
    });
    box.appendChild(g);
    box.appendChild(el("div", "tk-note", P.dots_note));  // the smallest: no amount
    body.appendChild(box);
  }

  // the theme colours, whenever they are drawn (sectors or dots): the selected themes
  function themes(body) {
    var P = TK.labels, d = TK.data, s = TK.state;
    var box = el("div", "tk-themekey");
    box.appendChild(el("h4", "", P.theme_key));
    d.codes.forEach(function (code, t) {
      if (s.theme && s.theme.indexOf(code) < 0) { return; }
      row(box, TK.ui.swatch(d.colours[t], "tk-dot"), d.labels.themes[t]);
    });
    body.appendChild(box);
  }

  TK.keys = {fills: fills, circles: circles, dots: dots, themes: themes};
})();
