/* transitiekaart: the hot-spot layer ("Concentratie"), its legend and tooltip.
 *
 * For every selection it sums the selected projects' euros per study-area cell (the H3
 * cells whose centre lies inside the MRA; data.hs from Python: cells, CSR neighbours, and
 * where each occupied cell of agg.hex lies) and computes Getis-Ord Gi* with
 * TK.lib.hotspots. Hot cells are drawn in warm colours, cold cells in cool ones, the rest
 * not at all. Every text reaches the page with textContent.
 *
 * Reads: TK.data (hs, labels via TK.labels), TK.agg (hex, mra), TK.version, TK.map,
 * TK.groups.hexagons, TK.hexagons (the layer's GeoJSON), TK.el, TK.ui.swatch, TK.fmt,
 * TK.showTip, TK.hideTip, TK.overProject. Owns: TK.hotspots (also the script interface
 * window.transitiekaart.hotspots()).
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var FILL_OPACITY = 0.9;  // nearly opaque: the class colour must not mix with the area fill
  var cache = {version: -1, result: null};

  // the selection's euros and projects per study-area cell, and the statistic
  function compute() {
    if (cache.version === TK.version && cache.result) { return cache.result; }
    var hs = TK.data.hs, nc = hs.cells.length, of = hs.of, hex = TK.agg.hex;
    var y = new Float64Array(nc), n = new Float64Array(nc), located = 0, j;
    for (var k = 0; k < of.length; k++) {
      if ((j = of[k]) >= 0 && hex.n[k] > 0) { y[j] += hex.eur[k]; n[j] += hex.n[k]; located += hex.n[k]; }
    }
    var r = TK.lib.hotspots.analyse(y, located, hs.start, hs.nb,
                                    {alpha: hs.alpha, minProjects: hs.min_projects,
                                     minCells: hs.min_cells});
    r.eur = y;
    r.count = n;
    r.leftOut = TK.agg.mra.n - located;
    cache = {version: TK.version, result: r};
    return r;
  }

  function colourOf(r, i) {
    if (!r.cls || r.cls[i] === "ns") { return null; }
    var c = TK.data.hs.colours, strong = Math.abs(r.bin[i]) >= 99;
    return r.cls[i] === "hot" ? (strong ? c.hot99 : c.hot95) : (strong ? c.cold99 : c.cold95);
  }

  function visible() {
    return !!(TK.groups.hexagons && TK.map.hasLayer(TK.groups.hexagons));
  }

  function restyle() {
    if (!visible()) { return; }
    var r = compute();
    (TK.hexagons || []).forEach(function (layer) {
      layer.eachLayer(function (l) {
        var c = colourOf(r, l.feature.properties.i);
        l.setStyle(c ? {opacity: 1, weight: 1, color: "#222222", fillOpacity: FILL_OPACITY,
                        fillColor: c}
                     : {opacity: 0, fillOpacity: 0});
      });
    });
  }

  function classWord(r, i) {
    var P = TK.labels;
    if (!r.cls) { return P.hs_c_none; }
    var word = {hot: P.hs_c_hot, cold: P.hs_c_cold, ns: P.hs_c_ns}[r.cls[i]];
    return r.bin[i] ? word + " (" + P.hs_conf.replace("{c}", Math.abs(r.bin[i])) + ")" : word;
  }

  function tip(i) {
    var P = TK.labels, r = compute(), box = el("div");
    box.appendChild(el("b", "", classWord(r, i)));
    box.appendChild(el("div", "", P.hs_cell + ": " + TK.fmt.eurShort(r.eur[i]) + " \u00b7 " +
                       TK.fmt.count(r.count[i])));
    var hs = TK.data.hs, around = r.eur[i];
    for (var j = hs.start[i]; j < hs.start[i + 1]; j++) { around += r.eur[hs.nb[j]]; }
    box.appendChild(el("div", "", P.hs_around + ": " + TK.fmt.eurShort(around)));
    if (r.z) {
      box.appendChild(el("div", "", "z = " + TK.fmt.n(r.z[i], 2) + " \u00b7 " +
                         (r.p[i] < 0.001 ? "p < " + TK.fmt.n(0.001, 3) : "p = " + TK.fmt.n(r.p[i], 3))));
    }
    box.appendChild(el("div", "tk-small", P.hs_tip_note));
    return box;
  }

  function bind() {
    (TK.hexagons || []).forEach(function (layer) {
      layer.eachLayer(function (l) {
        var i = l.feature.properties.i;
        l.on("mousemove", function (e) {
          if (TK.overProject) { TK.hideTip(); return; }
          TK.showTip(e.containerPoint, tip(i), "tk-hex-tip");
        });
        l.on("mouseout", TK.hideTip);
      });
    });
  }

  // where the hot (or cold) cells are, in words: "12 cellen: Velsen 5, Haarlemmermeer 4, ..."
  // (the canvas layer's content for a reader who cannot see it)
  function where(r, cls) {
    var P = TK.labels, mun = TK.data.hs.mun, names = TK.data.areas.mun.name, per = {}, n = 0;
    for (var i = 0; i < r.n; i++) {
      if (r.cls[i] !== cls) { continue; }
      n++;
      var name = mun[i] >= 0 ? names[mun[i]] : "MRA";
      per[name] = (per[name] || 0) + 1;
    }
    if (!n) { return ""; }
    var list = Object.keys(per).sort(function (a, b) { return per[b] - per[a] || (a < b ? -1 : 1); })
      .map(function (k) { return k + " " + per[k]; });
    return P.hs_cells.replace("{n}", TK.fmt.num(n)) + " (" + list.join(", ") + ")";
  }

  // the legend's block: what a hot spot is in one line, the four colours, what was left out
  function legend(body) {
    if (!visible()) { return; }
    var P = TK.labels, r = compute(), c = TK.data.hs.colours;
    var box = el("div", "tk-hs-legend");
    box.appendChild(el("h4", "", P.hs_title));
    box.appendChild(el("div", "tk-small", P.hs_meaning));
    if (r.tooLittle) {
      box.appendChild(el("div", "tk-hs-none", r.tooLittle === "projects"
        ? P.hs_few_projects.replace("{n}", TK.fmt.num(r.located)).replace("{min}", TK.data.hs.min_projects)
        : P.hs_few_cells.replace("{n}", TK.fmt.num(r.withValue)).replace("{min}", TK.data.hs.min_cells)));
    } else {
      [["hot99", P.hs_hot99], ["hot95", P.hs_hot95], ["cold95", P.hs_cold95],
       ["cold99", P.hs_cold99]].forEach(function (row) {
        var k = el("div", "tk-key");
        k.appendChild(TK.ui.swatch(c[row[0]], "tk-sw", FILL_OPACITY));
        k.appendChild(el("span", "", row[1]));
        box.appendChild(k);
      });
      box.appendChild(el("div", "tk-small", P.hs_ns));
      [["hot", P.hs_where_hot], ["cold", P.hs_where_cold]].forEach(function (kind) {
        var text = where(r, kind[0]);
        if (text) { box.appendChild(el("div", "tk-small tk-hs-where", kind[1] + ": " + text)); }
      });
    }
    if (r.leftOut > 0) {
      box.appendChild(el("div", "tk-small", P.hs_left_out.replace("{n}", TK.fmt.num(r.leftOut))));
    }
    var more = el("details", "tk-hs-def"), sum = el("summary", "", P.hs_def_title);
    more.appendChild(sum);
    P.hs_def.split("\n").forEach(function (par) { more.appendChild(el("p", "tk-small", par)); });
    box.appendChild(more);
    body.appendChild(box);
  }

  // the script interface: one row per study-area cell for the current selection
  TK.hotspots = function () {
    var r = compute(), hs = TK.data.hs, out = [];
    for (var i = 0; i < hs.cells.length; i++) {
      out.push({h3: hs.cells[i], eur: r.eur[i], n: r.count[i],
                z: r.z ? r.z[i] : null, p: r.p ? r.p[i] : null,
                "class": r.cls ? r.cls[i] : "ns", bin: r.bin ? r.bin[i] : 0});
    }
    return out;
  };
  TK.hotspots.summary = function () {
    var r = compute();
    return {located: r.located, leftOut: r.leftOut, withValue: r.withValue,
            tooLittle: r.tooLittle, cut: r.cut === undefined ? null : r.cut};
  };
  TK.hotspots.compute = compute;
  TK.hotspots.restyle = restyle;
  TK.hotspots.bind = bind;
  TK.hotspots.legend = legend;
})();
