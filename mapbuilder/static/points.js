/* transitiekaart: the project layer.
 *
 * Decodes the page's columnar project payload (gzip + base64, see
 * mapbuilder/mappage/points.py) and draws the selected projects (TK.sel, set by
 * filter.js) on one canvas:
 *   - regional zoom: one proportional symbol per subregion at its label point
 *     (circle area proportional to the euros, or to the count, on one scale for
 *     the whole session, set from the unfiltered data: less money, a smaller
 *     circle), in one colour; split into theme-coloured sectors only when the
 *     reader switches "Themaverdeling" on (state.pies) and the circle is large
 *     enough. Every area is named, with or without projects in the selection;
 *   - middle zoom: the same per municipality;
 *   - close zoom: every project as a dot in its theme colour with a halo, its
 *     area proportional to the amount up to a cap; a project known by
 *     municipality only is a diamond at the municipality's label point; several of them
 *     are spread on a small spiral around it (lib/spread.js), each seen and clicked.
 *     Area-wide projects (whole subregion or MRA) have no dot.
 * A project outside the MRA is a hollow grey circle at every zoom (never in a
 * symbol), drawn beneath the symbols and names; zoomed out smaller and lighter.
 * A symbol never straddles two areas: it sums exactly the projects that the
 * area's figures count. Popups are built with textContent only.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var DOT = 5.5;            // px: radius of one project
  var HIT = 9;              // px: click tolerance around a dot
  var MAX_LIST = 50;        // projects listed in one popup
  var ZOOM_MUN = 10.75;     // from this zoom: symbols per municipality
  var ZOOM_DOTS = 12.5;     // from this zoom: single projects
  var R_MAX = {sub: 38, mun: 24};  // px: radius of the largest symbol at each level
  var PIE_MIN = 14;         // px: the smallest circle split into theme sectors
  var DOT_MAX = 11;         // px: radius of the dot of an amount at or above the cap
  var E = TK.lib.encode;
  var S = TK.lib.spread;
  var LB = TK.lib.labels;
  var NAME_MARGIN = 4;      // px: a name's gap to any other symbol exceeds its own by this

  TK.decode = TK.lib.payload.decode;  // lib/payload.js

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  TK.el = el;

  // a two-column table of [label, value] rows
  // (a value may be a node, e.g. TK.named: a name that wraps and an amount that does not)
  TK.table = function (rows, labelTag, valueCls) {
    var table = el("table");
    rows.forEach(function (r) {
      var tr = el("tr"), td = el("td", valueCls || "");
      tr.appendChild(el(labelTag || "td", "", r[0]));
      if (r[1] instanceof Node) { td.appendChild(r[1]); } else { td.textContent = String(r[1]); }
      tr.appendChild(td);
      table.appendChild(tr);
    });
    return table;
  };
  // "Almere-Lelystad: € 1,2 mld" for a table cell: the name may wrap, the amount stays whole
  TK.named = function (name, amount) {
    var box = el("span", "tk-named");
    box.appendChild(el("span", "", name + ": "));
    box.appendChild(el("span", "tk-nw", amount));
    return box;
  };

  // a name on two lines, split at the hyphen or space nearest its middle ("Zuid-" /
  // "Kennemerland"); null when it has neither
  function splitName(name) {
    var best = -1;
    for (var i = 1; i < name.length - 1; i++) {
      if ((name[i] === "-" || name[i] === " ") &&
          (best < 0 || Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2))) {
        best = i;
      }
    }
    if (best < 0) { return null; }
    return name[best] === "-" ? [name.slice(0, best + 1), name.slice(best + 1)]
      : [name.slice(0, best), name.slice(best + 1)];
  }

  var RAD = Math.PI / 180;
  // Web Mercator of (lat, lon), in pixels at zoom 0, into ox[j], oy[j]
  function merc(lat, lon, ox, oy, j) {
    lat = Math.max(Math.min(lat, 85.05), -85.05);
    var sin = Math.sin(lat * RAD);
    ox[j] = (lon + 180) / 360 * 256;
    oy[j] = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256;
  }

  function isWebUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u.trim()); }

  var ProjectLayer = L.Layer.extend({
    options: {pane: "tkPoints"},

    initialize: function (data, options) {
      L.setOptions(this, options);
      var n = data.n, s = data.scale, i;
      this._d = data;
      this._n = n;
      this._mx = new Float64Array(n);   // Web Mercator, pixels at zoom 0
      this._my = new Float64Array(n);
      // projects in the MRA are drawn one by one only when zoomed in (else in a symbol):
      // their positions are computed then (_placeInside), the first time
      this._placed = false;
      var px = data.x, py = data.y, mx = this._mx, my = this._my, inm = data.inm;
      for (i = 0; i < n; i++) { if (!inm[i]) { merc(py[i] / s, px[i] / s, mx, my, i); } }
      var A = data.areas;
      this._at = {};
      ["sub", "mun"].forEach(function (lv) {
        var at = A[lv].at, m = at.length;
        var ax = new Float64Array(m), ay = new Float64Array(m);
        for (var j = 0; j < m; j++) { merc(at[j][0], at[j][1], ax, ay, j); }
        this._at[lv] = [ax, ay];
      }, this);
      this._symbols = [];
      this._singles = [];
      this._level = "sub";
      this._ids = null;
    },

    _placeInside: function () {  // the positions of the projects in the MRA (once)
      if (this._placed) { return; }
      var d = this._d, s = d.scale, px = d.x, py = d.y, inm = d.inm;
      var mx = this._mx, my = this._my, n = this._n;
      for (var i = 0; i < n; i++) { if (inm[i]) { merc(py[i] / s, px[i] / s, mx, my, i); } }
      this._placed = true;
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        map.createPane(this.options.pane).style.zIndex = 450;
      }
      this._canvas = L.DomUtil.create("canvas", "tk-points leaflet-zoom-animated");
      this._canvas.setAttribute("aria-hidden", "true");
      this._canvas.style.pointerEvents = "none";
      map.getPane(this.options.pane).appendChild(this._canvas);
      map.on("moveend resize viewreset", this.redraw, this);
      map.on("zoomanim", this._onZoomAnim, this);
      // capture phase: a click on a project must not also reach the areas beneath it
      this._click = L.bind(this._onClick, this);
      this._move = L.bind(this._onMove, this);
      map.getContainer().addEventListener("click", this._click, true);
      map.getContainer().addEventListener("mousemove", this._move, true);
      this.redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize viewreset", this.redraw, this);
      map.off("zoomanim", this._onZoomAnim, this);
      map.getContainer().removeEventListener("click", this._click, true);
      map.getContainer().removeEventListener("mousemove", this._move, true);
    },

    _onZoomAnim: function (e) {  // as L.Renderer: scale the last drawing during the animation
      var map = this._map;
      var scale = map.getZoomScale(e.zoom, this._zoom);
      var half = map.getSize().multiplyBy(0.5);
      var centre = map.project(this._centre, e.zoom);
      var offset = half.multiplyBy(-scale).add(centre)
        .subtract(map._getNewPixelOrigin(e.center, e.zoom));
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    level: function () {
      var z = this._map ? this._map.getZoom() : 0;
      return z < TK.ZOOM.mun ? "sub" : (z < TK.ZOOM.dots ? "mun" : "dots");
    },

    redraw: function () {
      var map = this._map;
      if (!map || !TK.sel) { return; }
      var size = map.getSize(), dpr = window.devicePixelRatio || 1;
      var canvas = this._canvas, ctx = canvas.getContext("2d");
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, topLeft);
      canvas.width = Math.round(size.x * dpr);
      canvas.height = Math.round(size.y * dpr);
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this._zoom = map.getZoom();
      this._centre = map.getCenter();
      var scale = Math.pow(2, this._zoom);
      var origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;   // world px of the corner
      var w = size.x, h = size.y, pad = 40;
      var d = this._d, sel = TK.sel, pl = d.pl, inm = d.inm, n = this._n, i;
      var level = this.level();
      if (level === "dots") { this._placeInside(); }
      var mx = this._mx, my = this._my;
      var singles = [];
      for (i = 0; i < n; i++) {
        if (!sel[i] || pl[i] > 1) { continue; }
        if (level !== "dots" && inm[i]) { continue; }  // in a symbol
        var x = mx[i] * scale - ox, y = my[i] * scale - oy;
        if (x < -pad || y < -pad || x > w + pad || y > h + pad) { continue; }
        singles.push(i, x, y);
      }
      this._spread(singles);
      var all = level === "dots" ? [] : this._symbolsFor(level, scale, ox, oy);
      var symbols = all.filter(function (q) { return q.r > 0; });
      // (no clearRect: setting the width above cleared the canvas, and a clearRect prints as
      // an opaque white sheet in Chromium's PDF, which hid the areas beneath)
      // projects outside the MRA (never counted) beneath everything: the area names and
      // circles stay readable over thousands of them; then the symbols, then the projects
      this._drawOutside(ctx, singles, level);
      this._drawSymbols(ctx, symbols, all);
      this._drawSingles(ctx, singles, level);
      this._singles = singles;
      this._symbols = symbols;
      this._level = level;
      if (!TK.drawnAt) {
        TK.drawnAt = performance.now();
        document.documentElement.setAttribute("data-tk-drawn", "1");
      }
      map.fire("tk:drawn");
    },

    // the session's circle scale of a level: the largest value of the unfiltered data and the
    // radius it gets (from the map's size when first drawn), kept through every filter
    scaleOf: function (level, byCount) {
      var key = level + (byCount ? "/n" : "/eur");
      this._scales = this._scales || {};
      if (!this._scales[key]) {
        var base = TK.baseAgg()[level], values = byCount ? base.n : base.eur, vmax = 0;
        for (var k = 0; k < values.length; k++) { if (values[k] > vmax) { vmax = values[k]; } }
        var size = this._map.getSize();  // smaller symbols on a small map
        var rmax = R_MAX[level] * Math.max(0.55, Math.min(1.4, Math.min(size.x, size.y) / 760));
        this._scales[key] = {vmax: vmax, rmax: rmax};
      }
      return this._scales[key];
    },

    // one symbol per area, largest first (small ones stay on top); an area without a value
    // has radius 0: no circle, but its name
    _symbolsFor: function (level, scale, ox, oy) {
      var agg = TK.agg[level], byCount = TK.state.metric === "count";
      var values = byCount ? agg.n : agg.eur, m = values.length, k;
      var sc = this.scaleOf(level, byCount), vmax = sc.vmax, rmax = sc.rmax;
      var out = [], at = this._at[level], names = this._d.areas[level].name;
      var per = byCount ? agg.tn : agg.te, nt = this._d.codes.length;
      for (k = 0; k < m; k++) {
        out.push({x: at[0][k] * scale - ox, y: at[1][k] * scale - oy, area: k, level: level,
                  value: values[k], r: E.circleRadius(values[k], vmax, rmax),
                  per: Array.prototype.slice.call(per, k * nt, (k + 1) * nt),
                  name: names[k], n: agg.n[k], eur: agg.eur[k]});
      }
      out.sort(function (a, b) { return b.r - a.r; });
      this._rmax = rmax;
      this._vmax = vmax;
      return out;
    },

    symbolScale: function () {  // {level, vmax, rmax} of the symbols drawn now (legend)
      return {level: this._level, vmax: this._vmax || 0, rmax: this._rmax || 0};
    },

    // the dots' cap: the amount from which a project gets the largest dot (unfiltered, once)
    dotScale: function () {
      if (!this._dotScale) {
        var d = this._d, amounts = [];
        for (var i = 0; i < this._n; i++) { if (d.inm[i] && d.pl[i] <= 1) { amounts.push(d.eur[i]); } }
        this._dotScale = {cap: E.dotCap(amounts), rmin: 4, rmax: DOT_MAX};
      }
      return this._dotScale;
    },

    dotRadius: function (i) {
      var sc = this.dotScale();
      return E.dotRadius(this._d.eur[i], sc.cap, sc.rmin, sc.rmax);
    },

    // whether the last drawing shows theme colours (sectors or dots): the legend's theme key
    themesDrawn: function () { return !!this._themesDrawn; },

    // outside the MRA: hollow and grey; zoomed out smaller and lighter (context, not content)
    _drawOutside: function (ctx, s, level) {
      var inm = this._d.inm, k, close = level === "dots";
      var r = close ? DOT : Math.max(1.5, Math.min(3.5, this._zoom - 7.5));  // 1.5 px at z 9
      var passes = close ? [[4, "rgba(255,255,255,0.9)"], [2, "#6b6b6b"]]
        : [[1, "rgba(107,107,107,0.45)"]];
      passes.forEach(function (pass) {
        ctx.beginPath();  // one path: ten thousand dots in one stroke
        for (k = 0; k < s.length; k += 3) {
          if (inm[s[k]]) { continue; }
          ctx.moveTo(s[k + 1] + r, s[k + 2]);
          ctx.arc(s[k + 1], s[k + 2], r, 0, 2 * Math.PI);
        }
        ctx.lineWidth = pass[0]; ctx.strokeStyle = pass[1]; ctx.stroke();
      });
    },

    _drawSingles: function (ctx, s, level) {
      var colours = this._d.colours, th = this._d.t, inm = this._d.inm, pl = this._d.pl, k;
      var self = this, order = [];
      for (k = 0; k < s.length; k += 3) { if (inm[s[k]]) { order.push(k); } }  // others beneath
      var rad = order.map(function (q) { return self.dotRadius(s[q]); });
      var by = order.map(function (q, j) { return j; });
      by.sort(function (a, b) { return rad[b] - rad[a] || order[a] - order[b]; });  // small on top
      this._themesDrawn = this._themesDrawn || (level === "dots" && order.length > 0);
      // halo: white ring and a thin dark edge, visible on every fill
      for (var o = 0; o < by.length; o++) {
        k = order[by[o]];
        var i = s[k], x = s[k + 1], y = s[k + 2], r = rad[by[o]];
        ctx.beginPath();
        if (pl[i] === 1) {  // known by municipality only: a diamond
          ctx.moveTo(x, y - r - 1.5); ctx.lineTo(x + r + 1.5, y);
          ctx.lineTo(x, y + r + 1.5); ctx.lineTo(x - r - 1.5, y); ctx.closePath();
        } else {
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
        ctx.lineWidth = 3.5; ctx.strokeStyle = "#ffffff"; ctx.stroke();
        ctx.fillStyle = colours[th[i]]; ctx.fill();
        ctx.lineWidth = 0.8; ctx.strokeStyle = "#222222"; ctx.stroke();
      }
    },

    // projects known by municipality only share its label point: each municipality's are
    // spread on a small spiral around it (lib/spread.js), one step apart for its largest
    // diamond, so that none hides another and each is hit on its own
    _spread: function (s) {
      var d = this._d, groups = {}, k, i, g;
      for (k = 0; k < s.length; k += 3) {
        i = s[k];
        if (d.pl[i] !== 1) { continue; }
        g = groups[d.mun[i]] = groups[d.mun[i]] || {at: [], r: 0};
        g.at.push(k);
        g.r = Math.max(g.r, this.dotRadius(i) + 1.5);  // the diamond's halo
      }
      Object.keys(groups).forEach(function (m) {
        var grp = groups[m], step = S.step(grp.r);
        if (grp.at.length < 2) { return; }
        grp.at.forEach(function (q, j) {
          var o = S.offset(j, step);
          s[q + 1] += o[0];
          s[q + 2] += o[1];
        });
      });
    },

    _drawSymbols: function (ctx, symbols, all) {
      var colours = this._d.colours, k, t, pies = !!TK.state.pies;
      var one = TK.data.circle_colour || "#3a3a3a";
      this._themesDrawn = false;
      for (k = 0; k < symbols.length; k++) {
        var sy = symbols[k], a = -Math.PI / 2, tot = 0;
        for (t = 0; t < sy.per.length; t++) { tot += sy.per[t]; }
        ctx.beginPath();
        ctx.arc(sy.x, sy.y, sy.r + 1.5, 0, 2 * Math.PI);
        ctx.fillStyle = "#ffffff";
        ctx.fill();
        sy.pie = pies && tot > 0 && sy.r >= PIE_MIN;
        if (!sy.pie) {  // one colour: the circle carries the total, the fill the rate
          ctx.beginPath(); ctx.arc(sy.x, sy.y, sy.r, 0, 2 * Math.PI);
          ctx.globalAlpha = 0.78;
          ctx.fillStyle = tot > 0 ? one : "#888888"; ctx.fill();
          ctx.globalAlpha = 1;
        } else {
          this._themesDrawn = true;
          for (t = 0; t < sy.per.length; t++) {
            if (!sy.per[t]) { continue; }
            var b = a + 2 * Math.PI * sy.per[t] / tot;
            ctx.beginPath();
            ctx.moveTo(sy.x, sy.y);
            ctx.arc(sy.x, sy.y, sy.r, a, b);
            ctx.closePath();
            ctx.fillStyle = colours[t];
            ctx.fill();
            a = b;
          }
        }
        ctx.beginPath();
        ctx.arc(sy.x, sy.y, sy.r + 1.5, 0, 2 * Math.PI);
        ctx.lineWidth = 0.8; ctx.strokeStyle = "#222222"; ctx.stroke();
      }
      // names under the circles, with a white halo; largest areas first, each at the
      // first free place around its circle (below, right, above, left, then the
      // corners): in its own size, else smaller, else on two lines (split at a hyphen
      // or space); a name that fits nowhere is left out
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      var boxes = symbols.map(function (q) { return [q.x - q.r, q.y - q.r, q.x + q.r, q.y + q.r]; });
      // every area's symbol as lib/labels.js sees it: the circle with its white ring, or
      // the point where an area without one is named
      var anchors = (all || symbols).map(function (q) {
        return {x: q.x, y: q.y, r: q.r > 0 ? q.r + 1.5 : 0};
      });
      var anchorOf = function (q) { return anchors[(all || symbols).indexOf(q)]; };
      this._anchors = (all || symbols).map(function (q, j) {
        return {name: q.name, x: anchors[j].x, y: anchors[j].y, r: anchors[j].r};
      });
      // a NOVEX name never covers a circle: over one it is hidden (its area keeps its
      // tooltip); the ones shown are obstacles for the area names
      boxes = boxes.concat(this._labelBoxes(anchors.filter(function (a) { return a.r > 0; })));
      // every area is named: those with a circle first (largest first), then the others at
      // their label point
      var order = (all || symbols).slice().sort(function (a, b) {
        return (b.r > 0) - (a.r > 0) || b.value - a.value || a.area - b.area;
      });
      var W = this._map.getSize().x, H = this._map.getSize().y, small = Math.min(W, H) < 560;
      this._named = [];
      this._nameBoxes = [];
      for (k = 0; k < order.length; k++) {
        var s = order[k], fs0 = s.level === "sub" ? (small ? 11 : 13) : 11;
        var layouts = [[fs0, [s.name]], [fs0 - 2, [s.name]]], cut = splitName(s.name);
        if (cut) { layouts.push([fs0 - 2, cut]); }
        for (var li = 0; li < layouts.length; li++) {
          var fs = layouts[li][0], lines = layouts[li][1];
          ctx.font = "600 " + fs + "px system-ui, sans-serif";
          var tw = Math.max.apply(null, lines.map(function (t) { return ctx.measureText(t).width; }));
          // no circle: on the point itself first, then around it as around a small circle
          var rr = s.r > 0 ? s.r : 6, lh = fs + 2, hh = lh * lines.length, d = rr * 0.71;
          var spots = s.r > 0 ? [] : [[s.x, s.y - hh / 2]];
          spots = spots.concat([[s.x, s.y + rr + 3], [s.x + rr + 4 + tw / 2, s.y - hh / 2],
                       [s.x, s.y - rr - 3 - hh], [s.x - rr - 4 - tw / 2, s.y - hh / 2],
                       [s.x + d + 2 + tw / 2, s.y + d + 1], [s.x - d - 2 - tw / 2, s.y + d + 1],
                       [s.x + d + 2 + tw / 2, s.y - d - 1 - hh],
                       [s.x - d - 2 - tw / 2, s.y - d - 1 - hh]]);
          var at = null;
          for (var q = 0; q < spots.length && !at; q++) {
            var box = [spots[q][0] - tw / 2 - 2, spots[q][1], spots[q][0] + tw / 2 + 2,
                       spots[q][1] + hh];
            var out = box[0] < 2 || box[1] < 2 || box[2] > W - 2 || box[3] > H - 2;
            // and a name stands only where it reads as its own area's (lib/labels.js):
            // covering no other circle, clearly nearer to its own symbol than to any other
            var clash = out || boxes.some(function (b, j) {
              return symbols[j] !== s && b[0] < box[2] && b[2] > box[0] && b[1] < box[3] &&
                b[3] > box[1];
            }) || !LB.belongs(box, anchorOf(s), anchors, NAME_MARGIN);
            if (!clash) { at = spots[q]; boxes.push(box); }
          }
          if (!at) { continue; }
          for (var ln = 0; ln < lines.length; ln++) {
            ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255,255,255,0.95)";
            ctx.strokeText(lines[ln], at[0], at[1] + ln * lh);
            ctx.fillStyle = "#111111";
            ctx.fillText(lines[ln], at[0], at[1] + ln * lh);
          }
          this._named.push(s.name);
          this._nameBoxes.push(boxes[boxes.length - 1].slice());
          break;
        }
      }
    },

    // boxes [x0, y0, x1, y1] (map container pixels, 3 px margin) of the permanent labels
    // shown on the map (the NOVEX names, placed in Python), for the area names to avoid;
    // a label over one of the circles moves up or down (a line or three) and/or sideways
    // (half its width) to where it covers none and clears the labels placed before it;
    // failing that it is hidden
    // (class tk-label-off) and has no box
    _labelBoxes: function (circles) {
      var c = this._map.getContainer(), at = c.getBoundingClientRect(), out = [];
      var W = at.width, H = at.height, side = this._panelBox(at);
      var meets = function (a, b) { return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]; };
      c.querySelectorAll(".leaflet-tooltip.tk-label").forEach(function (e) {
        e.classList.remove("tk-label-off");
        e.style.marginTop = ""; e.style.marginLeft = "";
        var r = e.getBoundingClientRect();
        if (!(r.width > 0 && r.height > 0)) { return; }
        var box0 = [r.left - at.left - 3, r.top - at.top - 3, r.right - at.left + 3,
                    r.bottom - at.top + 3], step = r.height + 4;
        // sideways: half its width, or just clear of the panel over the map and of its edges
        // (on paper the panel stands on the map's left: a name there was cut in half)
        var half = r.width / 2, moves = [], shifts = [0, -half, half];
        if (side && meets(box0, side)) { shifts.push(side[2] - box0[0]); }
        if (box0[0] < 0) { shifts.push(-box0[0]); }
        if (box0[2] > W) { shifts.push(W - box0[2]); }
        [0, -step, step, -2 * step, 2 * step, -3 * step, 3 * step].forEach(function (dy) {
          shifts.forEach(function (dx) { moves.push([dx, dy]); });
        });
        var free = moves.some(function (m) {
          var dx = m[0], dy = m[1], box = [box0[0] + dx, box0[1] + dy, box0[2] + dx, box0[3] + dy];
          if ((circles || []).some(function (q) { return LB.covers(box, q); })) { return false; }
          if (box[1] < 0 || box[3] > H || box[0] < 0 || box[2] > W || (side && meets(box, side))) {
            return false;
          }
          if ((dx || dy) && out.some(function (b) { return meets(b, box); })) { return false; }
          e.style.marginTop = dy ? dy + "px" : "";
          e.style.marginLeft = dx ? dx + "px" : "";
          out.push(box);
          return true;
        });
        if (!free) { e.classList.add("tk-label-off"); }
      });
      return out;
    },

    // the panel's box [x0, y0, x1, y1] in map container pixels where it lies over the map
    // (on paper always; on a screen as laid out), or null
    _panelBox: function (at) {
      var side = document.querySelector(".tk-side");
      if (!side) { return null; }
      var p = side.getBoundingClientRect();
      if (!(p.width > 0 && p.height > 0) || p.right <= at.left || p.left >= at.right ||
          p.bottom <= at.top || p.top >= at.bottom) { return null; }
      return [p.left - at.left, p.top - at.top, p.right - at.left, p.bottom - at.top];
    },

    // every area's symbol at the last drawing, [{name, x, y, r}] in map container pixels
    // (r: the circle with its ring, 0 without a circle), for tests
    anchors: function () {
      return (this._anchors || []).map(function (a) { return Object.assign({}, a); });
    },

    // the area names drawn beside the circles at the last drawing (for tests)
    namedAreas: function () { return (this._named || []).slice(); },
    // and their boxes [x0, y0, x1, y1] in map container pixels, in the same order
    nameBoxes: function () {
      return (this._nameBoxes || []).map(function (b) { return b.slice(); });
    },

    hit: function (p) {
      var sy = this._symbols, k;
      for (k = sy.length - 1; k >= 0; k--) {
        var dx = sy[k].x - p.x, dy = sy[k].y - p.y;
        if (dx * dx + dy * dy <= (sy[k].r + 2) * (sy[k].r + 2)) { return {symbol: sy[k]}; }
      }
      var s = this._singles, found = [];
      for (k = 0; k < s.length; k += 3) {
        var ex = s[k + 1] - p.x, ey = s[k + 2] - p.y, d = ex * ex + ey * ey;
        var tol = this._level === "dots" ? Math.max(HIT, this.dotRadius(s[k]) + 3) : HIT;
        if (d <= tol * tol) { found.push([d, s[k]]); }
      }
      if (!found.length) { return null; }
      found.sort(function (u, v) { return u[0] - v[0] || u[1] - v[1]; });
      return {points: found.map(function (f) { return f[1]; })};
    },

    _point: function (ev) {  // a DOM event on the map's own surface, or null
      var map = this._map;
      if (!map || (ev.target.closest && ev.target.closest(
        ".leaflet-control-container, .leaflet-popup-pane, .tk-tip"))) {
        return null;
      }
      return map.mouseEventToContainerPoint(ev);
    },

    _onMove: function (ev) {
      var map = this._map, p = this._point(ev);
      var hit = p && this.hit(p);
      map.getContainer().classList.toggle("tk-over-project", !!hit);
      if (!hit) {
        TK.overProject = false;
        if (TK.tipKind === "tk-point-tip") { TK.hideTip(); }  // never left behind
        return;
      }
      TK.overProject = true;
      var box = el("div");
      if (hit.symbol) {
        box.appendChild(el("b", "", hit.symbol.name));
        box.appendChild(el("div", "", TK.fmt.eurShort(hit.symbol.eur) + " \u00b7 " +
          TK.fmt.count(hit.symbol.n)));
        // the theme breakdown as a labelled bar list: theme, euros and share
        box.appendChild(TK.fills.themeMix(hit.symbol.level, hit.symbol.area, true));
        box.appendChild(el("div", "tk-small", TK.labels.zoom_in));
      } else {
        var k = hit.points.length;
        box.appendChild(el("b", "", this._d.name[hit.points[0]] +
          (k > 1 ? " (+" + TK.fmt.num(k - 1) + ")" : "")));
        var i = hit.points[0];
        box.appendChild(el("div", "", this._d.eur[i] >= 0 ? TK.fmt.eurShort(this._d.eur[i])
          : this._d.labels.amount_unknown));
      }
      TK.showTip(p, box, "tk-point-tip");
      ev.stopPropagation();  // no area tooltip under a project
    },

    _onClick: function (ev) {
      var map = this._map, p = this._point(ev);
      if (!p || (map.dragging && map.dragging.moved())) { return; }
      var hit = this.hit(p);
      if (!hit) { return; }
      ev.stopPropagation();
      TK.hideTip();
      if (hit.symbol) {
        var sy = hit.symbol, at = this._d.areas[sy.level].at[sy.area];
        map.setView(at, sy.level === "sub" ? TK.ZOOM.mun + 0.5 : TK.ZOOM.dots + 0.5);
        return;
      }
      this.openPopup(hit.points);
    },

    openPopup: function (pts) {
      var first = pts[0];
      var popup = L.popup(Object.assign({maxWidth: 340, className: "tk-popup"},
                                        TK.ui.popupPadding()))
        .setLatLng(this.latLng(first));
      popup.setContent(pts.length === 1 ? this.details(first) : this._list(pts, popup));
      popup.openOn(this._map);
      return popup;
    },

    latLng: function (i) {
      var s = this._d.scale;
      return L.latLng(this._d.y[i] / s, this._d.x[i] / s);
    },

    _dot: function (i) {
      var dot = el("span", "tk-dot");
      dot.style.background = this._d.colours[this._d.t[i]];
      return dot;
    },

    details: function (i) {
      var d = this._d, L_ = d.labels, P = TK.labels, box = el("div", "tk-project");
      var head = el("b", "tk-name");
      head.appendChild(this._dot(i));
      head.appendChild(document.createTextNode(d.name[i]));
      box.appendChild(head);
      var rows = [[L_.theme, L_.themes[d.t[i]]],
                  [L_.amount, d.eur[i] >= 0 ? TK.fmt.eur(d.eur[i]) : L_.amount_unknown]];
      if (d.st[i] >= 0) { rows.push([L_.status_h, L_.status[d.st[i]]]); }
      if (d.yr[i] > 0) { rows.push([L_.start_year, String(d.yr[i])]); }
      if (d.org[i] >= 0) { rows.push([L_.organisation, d.orgs[d.org[i]]]); }
      if (d.mun[i] >= 0) { rows.push([L_.municipality, d.areas.mun.name[d.mun[i]]]); }
      if (d.sub[i] >= 0) { rows.push([L_.subregion, d.areas.sub.name[d.sub[i]]]); }
      if (!d.inm[i]) { rows.push([L_.municipality, L_.outside]); }
      if (d.pl[i] > 0) {
        rows.push(["", [null, P.located_mun, P.located_sub, P.located_mra][d.pl[i]]]);
      }
      var nv = [];
      for (var b = 0; b < L_.novex.length; b++) {
        if (d.nvx[i] & (1 << b)) { nv.push(L_.novex[b]); }
      }
      rows.push([L_.novex_h, nv.length ? nv.join(", ") : L_.none]);
      box.appendChild(TK.table(rows, "th"));
      var desc = d.desc[String(i)];
      if (desc) { box.appendChild(el("p", "tk-small", desc)); }
      var url = d.url[String(i)];
      if (isWebUrl(url)) {
        var a = el("a", "", L_.website);
        a.href = url.trim();
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.appendChild(a);
      }
      if (d.smp[i]) { box.appendChild(el("p", "tk-small", L_.sample)); }
      return box;
    },

    _list: function (pts, popup) {
      var self = this, L_ = this._d.labels, box = el("div", "tk-project-list");
      box.appendChild(el("b", "tk-name", L_.here.replace("{n}", TK.fmt.num(pts.length))));
      var ul = el("ul", "tk-list");
      pts.slice(0, MAX_LIST).forEach(function (i) {
        var li = el("li"), btn = el("button", "tk-link");
        btn.type = "button";
        btn.appendChild(self._dot(i));
        btn.appendChild(document.createTextNode(self._d.name[i]));
        btn.addEventListener("click", function (ev) {
          L.DomEvent.stop(ev);
          popup.setContent(self.details(i));  // the same popup now shows this project
        });
        li.appendChild(btn);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (pts.length > MAX_LIST) {
        box.appendChild(el("p", "tk-small",
          L_.more.replace("{n}", TK.fmt.num(pts.length - MAX_LIST))));
      }
      return box;
    },

    index: function (id) {
      if (!this._ids) {
        this._ids = new Map();
        for (var i = 0; this._d.id && i < this._n; i++) { this._ids.set(this._d.id[i], i); }
      }
      var k = this._ids.get(String(id));
      return k === undefined ? -1 : k;
    },

    locate: function (id) {
      var k = this.index(id);
      if (k < 0 || this._d.pl[k] > 1) { return null; }
      var ll = this.latLng(k);
      return [ll.lat, ll.lng];
    },

    // show project i: zoom to it (dots level) and open its popup
    show: function (i) {
      var map = this._map, d = this._d;
      if (d.pl[i] > 1) {  // area-wide: no place of its own; its popup at the area
        var lv = d.sub[i] >= 0 ? d.areas.sub.at[d.sub[i]] : null;
        var ll = lv ? L.latLng(lv[0], lv[1]) : map.getCenter();
        L.popup({maxWidth: 340, className: "tk-popup"}).setLatLng(ll)
          .setContent(this.details(i)).openOn(map);
        return;
      }
      map.setView(this.latLng(i), Math.max(map.getZoom(), TK.ZOOM.dots + 1), {animate: false});
      this.openPopup([i]);
    }
  });

  TK.ProjectLayer = ProjectLayer;
  // the levels' zooms (panels.js raises them once for a screen so large that the whole MRA
  // fits at a municipal zoom: the opening view is the subregion level at every size)
  TK.ZOOM = {mun: ZOOM_MUN, dots: ZOOM_DOTS};
})();
