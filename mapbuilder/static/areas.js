/* transitiekaart: the areas on the map and their figures.
 *
 * The area fills follow the circles: zoomed out every subregion is filled with its own
 * figure for the selection, from the zoom at which the circles are per municipality every
 * municipality with its own (own classes; the legend and key line name the level), and
 * the subregions are then outlines only, so no municipality is painted with its
 * subregion's rate. The short area tooltip and the full area popup are here too (the
 * hot-spot cells: hotspots.js). Every text reaches the page with textContent.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var swatch = function (c, cls) { return TK.ui.swatch(c, cls); };
  var FILL_OPACITY = TK.FILL_OPACITY;  // panels.js: the legend draws its swatches alike

  // ---- area figures: tooltip (short) and popup (full) -------------------------
  function themeMix(level, k, withRows) {
    var d = TK.data, nt = d.codes.length, agg = TK.agg, te = [], tot = 0, t;
    for (t = 0; t < nt; t++) {
      te[t] = level === "mra" ? agg.mra.te[t] : agg[level].te[k * nt + t];
      tot += te[t];
    }
    var box = el("div", "tk-mixbox");
    if (!(tot > 0)) { box.appendChild(el("div", "tk-small", TK.labels.no_projects)); return box; }
    var bar = el("div", "tk-mix");
    bar.setAttribute("aria-hidden", "true");
    var order = te.map(function (v, i) { return i; }).sort(function (a, b) { return te[b] - te[a]; });
    order.forEach(function (i) {
      if (!(te[i] > 0)) { return; }
      var s = el("span");
      s.style.width = (100 * te[i] / tot).toFixed(2) + "%";
      s.style.background = d.colours[i];
      bar.appendChild(s);
    });
    box.appendChild(bar);
    if (withRows) {
      var table = el("table", "tk-mixrows");
      order.forEach(function (i) {
        if (!(te[i] > 0)) { return; }
        var tr = el("tr"), td = el("td");
        td.appendChild(swatch(d.colours[i], "tk-dot"));
        td.appendChild(document.createTextNode(d.labels.themes[i]));
        tr.appendChild(td);
        tr.appendChild(el("td", "tk-num", TK.fmt.eurShort(te[i])));
        tr.appendChild(el("td", "tk-num", TK.fmt.pct(te[i] / tot)));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    return box;
  }

  function areaName(level, k) {
    return level === "mra" ? "MRA" : TK.data.areas[level].name[k];
  }

  function areaTip(level, k) {
    var P = TK.labels, f = TK.figures(level, k), m = TK.state.metric, box = el("div");
    box.appendChild(el("b", "", areaName(level, k)));
    box.appendChild(el("div", "", P.metrics[m] + ": " + TK.fmt.metric(m, TK.metricValue(m, f))));
    var enc = TK.encoding;
    if (enc && enc.mode === "index" && enc.level === level && enc.pct && enc.pct[k] !== null) {
      box.appendChild(el("div", "", P.pct_of_mra.replace("{pct}", TK.fmt.num(enc.pct[k]))));
    }
    box.appendChild(el("div", "", TK.fmt.count(f.n) + " \u00b7 " + TK.fmt.eurShort(f.eur)));
    box.appendChild(themeMix(level, k, false));
    box.appendChild(el("div", "tk-small", P.click_more));
    return box;
  }

  TK.areaPopupContent = function (level, k) {
    var P = TK.labels, A = TK.data.areas, f = TK.figures(level, k), mra = TK.figures("mra");
    var nAreas = A[level].name.length, box = el("div", "tk-area");
    box.appendChild(el("b", "tk-name", areaName(level, k)));
    var table = el("table"), head = el("tr");
    [P.figure, areaName(level, k), P.mra_average].forEach(function (h, i) {
      head.appendChild(el("th", i ? "tk-num" : "", h));
    });
    table.appendChild(head);
    var share = mra.eur > 0 ? f.eur / mra.eur : null;
    [[P.n_projects, TK.fmt.num(f.n), TK.fmt.n(mra.n / nAreas, 1)],
     [P.metrics.total, TK.fmt.eur(f.eur), TK.fmt.eur(mra.eur / nAreas)],
     [P.metrics.per_inhabitant, TK.fmt.metric("per_inhabitant", f.eur_per_inhabitant),
      TK.fmt.metric("per_inhabitant", mra.eur_per_inhabitant)],
     [P.metrics.per_km2, TK.fmt.metric("per_km2", f.eur_per_km2),
      TK.fmt.metric("per_km2", mra.eur_per_km2)],
     [P.share, share === null ? "\u2013" : TK.fmt.pct(share), TK.fmt.pct(1 / nAreas)]
    ].forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", "", r[0]));
      tr.appendChild(el("td", "tk-num", r[1]));
      tr.appendChild(el("td", "tk-num", r[2]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el("div", "tk-small", P.avg_note.replace("{n}", nAreas)));
    box.appendChild(el("b", "", P.theme_mix));
    box.appendChild(themeMix(level, k, true));
    box.appendChild(el("div", "tk-small", P.pop_note.replace("{date}", TK.data.pop_words)));
    return box;
  };

  TK.openArea = function (level, k, latlng) {
    var at = TK.data.areas[level].at[k];
    TK.hideTip();
    // as wide as the map leaves room for on a phone (the content's margins, the edges: 70 px)
    // and as tall as fits between the panel and the legend strip (then its content scrolls)
    var size = TK.map.getSize(), room = Math.min(340, size.x - 70), pad = TK.ui.popupPadding();
    var high = size.y - pad.autoPanPaddingTopLeft[1] - pad.autoPanPaddingBottomRight[1] - 60;
    var popup = L.popup(Object.assign({maxWidth: room, minWidth: Math.min(50, room), className: "tk-popup",
                                       maxHeight: Math.max(160, high)}, pad))
      .setLatLng(latlng || at).setContent(TK.areaPopupContent(level, k));
    popup._tkArea = [level, k];
    popup.openOn(TK.map);
    // content that scrolls (a phone) is reached by the keyboard too (WCAG 2.1.1)
    var inner = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-content");
    if (inner) { inner.tabIndex = 0; }
    return popup;
  };

  // ---- the area fills ----------------------------------------------------------
  function fillLevel() {
    return TK.map.getZoom() < TK.ZOOM.mun ? "sub" : "mun";
  }

  // the rate (or total) of every area of a level in the selection agg (default: TK.agg),
  // rounded as the page writes it
  function fillValues(level, agg) {
    var m = TK.state.metric, n = TK.data.areas[level].name.length, out = [];
    for (var k = 0; k < n; k++) { out.push(TK.shown(TK.metricValue(m, TK.figures(level, k, agg)))); }
    return out;
  }

  function isRate(m) { return m === "per_inhabitant" || m === "per_km2"; }

  // fixed classes of a level and rate metric: from the unfiltered data, once per session
  var fixedBreaks = {};
  function fixedFor(level, m) {
    var key = level + "/" + m;
    if (!fixedBreaks[key]) {
      fixedBreaks[key] = TK.classes(fillValues(level, TK.baseAgg()), TK.data.choropleth.length);
    }
    return fixedBreaks[key];
  }

  // what the fills of a level mean now: the class of every area, its colour and the legend's
  // classes. mode "index": % of the MRA rate of the same selection in fixed classes;
  // "fixed": amounts in classes set once from the unfiltered data (open end classes)
  function encoding(level) {
    var m = TK.state.metric, mode = TK.state.classes || "index", E = TK.lib.encode;
    var values = fillValues(level), d = TK.data, out = {level: level, metric: m, mode: mode,
      rate: isRate(m), values: values, cls: [], pct: null, ref: null, classes: []};
    if (!out.rate) { return out; }
    var colours = mode === "index" ? d.index_colours : d.choropleth, labels, limits;
    if (mode === "index") {
      out.ref = TK.metricValue(m, TK.figures("mra"));
      out.pct = values.map(function (v, k) {  // from the exact rate, not the rounded one
        return E.indexPct(TK.metricValue(m, TK.figures(level, k)), out.ref);
      });
      out.cls = out.pct.map(E.indexClass);
      labels = E.indexLabels();
      limits = E.INDEX_BREAKS.map(function (b) { return b / 100; });
    } else {
      limits = fixedFor(level, m);
      out.cls = values.map(function (v) { return TK.classOf(v, limits); });
      labels = E.rangeLabels(limits, function (v) { return TK.fmt.metric(m, v); });
    }
    out.breaks = limits;
    out.classes = labels.map(function (label, c) {
      return {label: label, from: c === 0 ? null : limits[c - 1],
              to: c === limits.length ? null : limits[c], colour: colours[c]};
    });
    out.noData = out.cls.some(function (c) { return c < 0; });
    return out;
  }

  var NO_DATA = "#c8c8c8";  // no projects in the selection: its own swatch

  function fillOf(enc, k) {
    if (!enc.rate) { return {fillColor: "#ffffff", fillOpacity: 0.35}; }
    var c = enc.cls[k];
    return {fillColor: c < 0 ? NO_DATA : enc.classes[c].colour, fillOpacity: FILL_OPACITY};
  }

  function restyleAreas() {
    var level = fillLevel(), enc = encoding(level);
    TK.encoding = enc;
    TK.breaks = enc.breaks || [];
    TK.fillLevel = level;
    // the layer of the level shown is filled and answers the mouse; the other is an outline
    // (subregions, thicker, on top) or nothing (municipalities). The canvas renderer reads
    // options.interactive at every event.
    [["sub", TK.subregions], ["mun", TK.munfill]].forEach(function (kind) {
      var own = kind[0] === level;
      (kind[1] || []).forEach(function (layer) {
        layer.eachLayer(function (l) {
          var st = own ? fillOf(enc, l.feature.properties.i)
            : {fillColor: "#ffffff", fillOpacity: 0};
          st.opacity = own || kind[0] === "sub" ? 1 : 0;
          if (kind[0] === "sub") { st.weight = own ? 1.5 : 2.2; }
          Object.assign(l.feature.properties._style, st);
          l.options.interactive = own;
          l.setStyle(st);
        });
      });
    });
    // draw order: zoomed in the subregion outlines go over the municipalities' fills (but
    // under the NOVEX and IJmeerlijn lines); zoomed out their fills go back beneath all
    (TK.subregions || []).forEach(function (layer) {
      if (level === "sub") { layer.bringToBack(); } else { layer.bringToFront(); }
    });
    if (level === "sub") {
      (TK.context || []).forEach(function (layer) { layer.bringToBack(); });
    } else {
      ["novex", "ijmeerlijn"].forEach(function (key) {
        var g = TK.groups[key];
        if (g && TK.map.hasLayer(g)) { g.bringToFront(); }
      });
    }
  }

  function bindAreas() {
    if (TK.hotspots) { TK.hotspots.bind(); }  // the hot-spot cells: hotspots.js
    [["sub", TK.subregions, 1.5], ["mun", TK.munfill, 0.7]].forEach(function (kind) {
      (kind[1] || []).forEach(function (layer) {
        layer.eachLayer(function (l) {
          var k = l.feature.properties.i;
          l.on("mousemove", function (e) {
            if (TK.overProject) { return; }
            l.setStyle({weight: 3.5});
            TK.showTip(e.containerPoint, areaTip(kind[0], k), "tk-area-tip");
          });
          l.on("mouseout", function () { l.setStyle({weight: kind[2]}); TK.hideTip(); });
          l.on("click", function (e) { TK.openArea(kind[0], k, e.latlng); });
        });
      });
    });
  }

  TK.fills = {level: fillLevel, values: fillValues, isRate: isRate, restyle: restyleAreas,
              NO_DATA: NO_DATA, themeMix: themeMix,
              restyleHexagons: function () { if (TK.hotspots) { TK.hotspots.restyle(); } },
              bind: bindAreas};
})();
