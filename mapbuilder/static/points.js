/* transitiekaart: the project layer.
 *
 * Decodes the page's columnar project payload (gzip + base64, see
 * mapbuilder/points.py) and draws every project on one canvas. Zoomed out,
 * projects are gathered per grid cell into a ring whose segments show the
 * theme mix and whose centre shows the count; zoomed in, each project is a
 * dot in its theme's colour. Clicking a ring zooms in; clicking a dot opens a
 * popup built with textContent only (no project text is parsed as HTML).
 *
 * window.transitiekaart.points: ready, themes, total, locate(id),
 * drawnCount(themeCode), visible(themeCode); window.transitiekaart.drawnAt.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var CELL = 72;            // px: grid cell of a cluster
  var DOT = 6;              // px: radius of one project
  var HIT = 9;              // px: click tolerance around a dot
  var MAX_LIST = 50;        // projects listed in one popup

  function decode(text) {
    var bin = atob(text.replace(/\s+/g, ""));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function isWebUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u.trim()); }

  var ProjectLayer = L.Layer.extend({
    options: {pane: "tkPoints", clusterBelowZoom: 15},

    initialize: function (data, options) {
      L.setOptions(this, options);
      var n = data.n, s = data.scale, i;
      this._d = data;
      this._n = n;
      this._mx = new Float64Array(n);   // Web Mercator, pixels at zoom 0
      this._my = new Float64Array(n);
      this._t = new Uint8Array(n);
      var k = Math.PI / 180;
      for (i = 0; i < n; i++) {
        var lat = Math.max(Math.min(data.y[i] / s, 85.05), -85.05);
        var sin = Math.sin(lat * k);
        this._mx[i] = (data.x[i] / s + 180) / 360 * 256;
        this._my[i] = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256;
        this._t[i] = data.t[i];
      }
      this._enabled = data.codes.map(function () { return true; });
      this._drawn = data.codes.map(function () { return 0; });
      this._perTheme = data.codes.map(function () { return 0; });
      for (i = 0; i < n; i++) { this._perTheme[this._t[i]]++; }
      this._singles = [];
      this._clusters = [];
      this._ids = null;
      this._fmt = new Intl.NumberFormat(data.labels.locale,
        {style: "currency", currency: "EUR", maximumFractionDigits: 0});
      this._num = new Intl.NumberFormat(data.labels.locale);
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
      map.on("movestart zoomstart mouseout", this._hideTip, this);
      this.redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize viewreset", this.redraw, this);
      map.off("zoomanim", this._onZoomAnim, this);
      map.getContainer().removeEventListener("click", this._click, true);
      map.getContainer().removeEventListener("mousemove", this._move, true);
      map.off("movestart zoomstart mouseout", this._hideTip, this);
      this._hideTip();
    },

    setTheme: function (index, on) {
      this._enabled[index] = on;
      if (this._map) { this.redraw(); }
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

    redraw: function () {
      var map = this._map;
      if (!map) { return; }
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
      var nThemes = this._enabled.length, i, t, c;
      var drawn = this._enabled.map(function () { return 0; });
      var singles = [], clusters = [];
      var mx = this._mx, my = this._my, th = this._t, on = this._enabled, n = this._n;
      var pad = CELL, w = size.x, h = size.y;
      if (this._zoom >= this.options.clusterBelowZoom) {
        for (i = 0; i < n; i++) {
          if (!on[th[i]]) { continue; }
          var x = mx[i] * scale - ox, y = my[i] * scale - oy;
          if (x < -pad || y < -pad || x > w + pad || y > h + pad) { continue; }
          singles.push(i, x, y);
          drawn[th[i]]++;
        }
      } else {
        // a grid anchored to the world, so cells do not move while panning
        var gx0 = Math.floor((ox - pad) / CELL), gy0 = Math.floor((oy - pad) / CELL);
        var cols = Math.ceil((w + 2 * pad) / CELL) + 2, rows = Math.ceil((h + 2 * pad) / CELL) + 2;
        var cells = cols * rows;
        var count = new Int32Array(cells), first = new Int32Array(cells);
        var sx = new Float64Array(cells), sy = new Float64Array(cells);
        var per = new Int32Array(cells * nThemes);
        var x0 = new Float64Array(cells).fill(Infinity), x1 = new Float64Array(cells).fill(-Infinity);
        var y0 = new Float64Array(cells).fill(Infinity), y1 = new Float64Array(cells).fill(-Infinity);
        for (i = 0; i < n; i++) {
          t = th[i];
          if (!on[t]) { continue; }
          var wx = mx[i] * scale, wy = my[i] * scale;
          var cx = Math.floor(wx / CELL) - gx0, cy = Math.floor(wy / CELL) - gy0;
          if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) { continue; }
          c = cy * cols + cx;
          if (count[c] === 0) { first[c] = i; }
          count[c]++;
          sx[c] += wx; sy[c] += wy;
          per[c * nThemes + t]++;
          if (mx[i] < x0[c]) { x0[c] = mx[i]; }
          if (mx[i] > x1[c]) { x1[c] = mx[i]; }
          if (my[i] < y0[c]) { y0[c] = my[i]; }
          if (my[i] > y1[c]) { y1[c] = my[i]; }
        }
        for (c = 0; c < cells; c++) {
          if (count[c] === 0) { continue; }
          for (t = 0; t < nThemes; t++) { drawn[t] += per[c * nThemes + t]; }
          if (count[c] === 1) {
            i = first[c];
            singles.push(i, mx[i] * scale - ox, my[i] * scale - oy);
          } else {
            clusters.push({x: sx[c] / count[c] - ox, y: sy[c] / count[c] - oy,
                           n: count[c], per: per.slice(c * nThemes, (c + 1) * nThemes),
                           r: Math.min(12 + 4 * Math.log10(count[c]), 26),
                           bounds: [x0[c], y0[c], x1[c], y1[c]]});
          }
        }
      }
      ctx.clearRect(0, 0, w, h);
      this._drawSingles(ctx, singles);
      this._drawClusters(ctx, clusters);
      this._singles = singles;
      this._clusters = clusters;
      this._drawn = drawn;
      if (!TK.drawnAt) {
        TK.drawnAt = performance.now();
        document.documentElement.setAttribute("data-tk-drawn", "1");
      }
      if (this._map) { this._map.fire("tk:drawn"); }
    },

    _drawSingles: function (ctx, s) {
      var colours = this._d.colours, th = this._t;
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#ffffff";
      for (var t = 0; t < colours.length; t++) {
        ctx.beginPath();
        var any = false;
        for (var k = 0; k < s.length; k += 3) {
          if (th[s[k]] !== t) { continue; }
          ctx.moveTo(s[k + 1] + DOT, s[k + 2]);
          ctx.arc(s[k + 1], s[k + 2], DOT, 0, 2 * Math.PI);
          any = true;
        }
        if (any) {
          ctx.fillStyle = colours[t];
          ctx.fill();
          ctx.stroke();
        }
      }
    },

    _drawClusters: function (ctx, clusters) {
      var colours = this._d.colours;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (var k = 0; k < clusters.length; k++) {
        var cl = clusters[k], a = -Math.PI / 2;
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, cl.r + 1.5, 0, 2 * Math.PI);
        ctx.fillStyle = "rgba(0,0,0,0.45)";
        ctx.fill();
        for (var t = 0; t < cl.per.length; t++) {
          if (!cl.per[t]) { continue; }
          var b = a + 2 * Math.PI * cl.per[t] / cl.n;
          ctx.beginPath();
          ctx.moveTo(cl.x, cl.y);
          ctx.arc(cl.x, cl.y, cl.r, a, b);
          ctx.closePath();
          ctx.fillStyle = colours[t];
          ctx.fill();
          a = b;
        }
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, cl.r * 0.62, 0, 2 * Math.PI);
        ctx.fillStyle = "#ffffff";
        ctx.fill();
        ctx.fillStyle = "#1a1a1a";
        ctx.font = "bold " + (cl.n >= 10000 ? 10 : 11) + "px system-ui, sans-serif";
        ctx.fillText(this._short(cl.n), cl.x, cl.y + 0.5);
      }
    },

    _short: function (n) {
      if (n < 10000) { return String(n); }
      if (n < 1000000) { return Math.round(n / 1000) + "k"; }
      return (n / 1000000).toFixed(1) + "M";
    },

    _hit: function (p) {
      var cl = this._clusters, best = null, k;
      for (k = cl.length - 1; k >= 0; k--) {
        var dx = cl[k].x - p.x, dy = cl[k].y - p.y;
        if (dx * dx + dy * dy <= cl[k].r * cl[k].r) { best = {cluster: cl[k]}; break; }
      }
      if (best) { return best; }
      var s = this._singles, found = [];
      for (k = 0; k < s.length; k += 3) {
        var ex = s[k + 1] - p.x, ey = s[k + 2] - p.y, d = ex * ex + ey * ey;
        if (d <= HIT * HIT) { found.push([d, s[k]]); }
      }
      if (!found.length) { return null; }
      found.sort(function (u, v) { return u[0] - v[0] || u[1] - v[1]; });
      return {points: found.map(function (f) { return f[1]; })};
    },

    _point: function (ev) {  // a DOM event on the map's own surface, or null
      var map = this._map;
      if (!map || (ev.target.closest && ev.target.closest(
        ".leaflet-control-container, .leaflet-popup-pane, .leaflet-tooltip-pane"))) {
        return null;
      }
      return map.mouseEventToContainerPoint(ev);
    },

    _onMove: function (ev) {
      var map = this._map, p = this._point(ev);
      var hit = p && this._hit(p);
      map.getContainer().classList.toggle("tk-over-project", !!hit);  // hides area tips
      if (!hit) { this._hideTip(); return; }
      var L_ = this._d.labels, text, at;
      if (hit.cluster) {
        text = this._num.format(hit.cluster.n) + " \u00b7 " + L_.zoom_in;
        at = map.containerPointToLatLng([hit.cluster.x, hit.cluster.y - hit.cluster.r]);
      } else {
        var k = hit.points.length;
        text = this._d.name[hit.points[0]] + (k > 1 ? " (+" + this._num.format(k - 1) + ")" : "");
        at = this._latLng(hit.points[0]);
      }
      if (!this._tip) {
        this._tip = L.tooltip({direction: "top", offset: [0, -8], opacity: 0.95,
                               className: "tk-tooltip tk-point-tip"});
      }
      this._tip.setLatLng(at).setContent(el("span", "", text));
      if (!map.hasLayer(this._tip)) { this._tip.addTo(map); }
    },

    _hideTip: function (keepOver) {
      if (this._tip && this._map && this._map.hasLayer(this._tip)) {
        this._map.removeLayer(this._tip);
      }
      if (this._map && keepOver !== true) {  // the pointer left the project: area tips may show
        this._map.getContainer().classList.remove("tk-over-project");
      }
    },

    _onClick: function (ev) {
      var map = this._map, p = this._point(ev);
      if (!p || (map.dragging && map.dragging.moved())) { return; }
      var hit = this._hit(p);
      if (!hit) { return; }
      ev.stopPropagation();
      this._hideTip(true);  // the popup replaces the tip; the pointer is still on the project
      if (hit.cluster) {
        var b = hit.cluster.bounds;
        var sw = map.unproject([b[0], b[3]], 0), ne = map.unproject([b[2], b[1]], 0);
        if (sw.equals(ne)) {
          map.setView(sw, Math.max(map.getZoom() + 2, this.options.clusterBelowZoom));
        } else {
          map.fitBounds(L.latLngBounds(sw, ne), {padding: [40, 40],
            maxZoom: Math.max(map.getZoom() + 1, this.options.clusterBelowZoom)});
        }
        return;
      }
      var pts = hit.points, first = pts[0];
      var popup = L.popup({maxWidth: 380, className: "tk-popup"}).setLatLng(this._latLng(first));
      popup.setContent(pts.length === 1 ? this._details(first) : this._list(pts, popup));
      popup.openOn(map);
    },

    _eur: function (value) {  // "€ 1.250.000" / "€1,250,000", spaces as on the panels
      return this._fmt.format(value).replace(/[\u00a0\u202f]/g, " ");
    },

    _latLng: function (i) {
      var s = this._d.scale;
      return L.latLng(this._d.y[i] / s, this._d.x[i] / s);
    },

    _dot: function (i) {
      var dot = el("span", "dot");
      dot.style.background = this._d.colours[this._t[i]];
      return dot;
    },

    _details: function (i) {
      var d = this._d, L_ = d.labels, box = el("div", "tk-project");
      var head = el("b", "tk-name");
      head.appendChild(this._dot(i));
      head.appendChild(document.createTextNode(d.name[i]));
      box.appendChild(head);
      var rows = [[L_.theme, L_.themes[this._t[i]]],
                  [L_.amount, d.eur[i] >= 0 ? this._eur(d.eur[i]) : L_.amount_unknown]];
      if (d.st[i] >= 0) { rows.push([L_.status_h, L_.status[d.st[i]]]); }
      if (d.yr[i] > 0) { rows.push([L_.start_year, String(d.yr[i])]); }
      if (d.org[i] >= 0) { rows.push([L_.organisation, d.orgs[d.org[i]]]); }
      if (d.mun[i] >= 0) {
        rows.push([L_.municipality, d.muns[d.mun[i]]], [L_.subregion, d.subs[d.mun[i]]]);
      } else {
        rows.push([L_.municipality, L_.outside]);
      }
      var nv = [];
      for (var b = 0; b < L_.novex.length; b++) {
        if (d.nvx[i] & (1 << b)) { nv.push(L_.novex[b]); }
      }
      rows.push([L_.novex_h, nv.length ? nv.join(", ") : L_.none]);
      var table = el("table", "tk-legend");
      rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", "", r[0]));
        tr.appendChild(el("td", "", r[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
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
      box.appendChild(el("b", "tk-name", L_.here.replace("{n}", this._num.format(pts.length))));
      var ul = el("ul", "tk-list");
      pts.slice(0, MAX_LIST).forEach(function (i) {
        var li = el("li"), btn = el("button", "tk-link");
        btn.type = "button";
        btn.appendChild(self._dot(i));
        btn.appendChild(document.createTextNode(self._d.name[i]));
        btn.addEventListener("click", function (ev) {
          L.DomEvent.stop(ev);
          popup.setContent(self._details(i));  // the same popup now shows this project
        });
        li.appendChild(btn);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (pts.length > MAX_LIST) {
        box.appendChild(el("p", "tk-small",
          L_.more.replace("{n}", this._num.format(pts.length - MAX_LIST))));
      }
      return box;
    },

    locate: function (id) {
      if (!this._ids) {
        this._ids = new Map();
        for (var i = 0; i < this._n; i++) { this._ids.set(this._d.id[i], i); }
      }
      var k = this._ids.get(String(id));
      if (k === undefined) { return null; }
      var ll = this._latLng(k);
      return [ll.lat, ll.lng];
    }
  });

  // one entry per theme in the layer control: switching it hides the theme's projects
  var ThemeSwitch = L.Layer.extend({
    initialize: function (layer, index, shapes) {
      this._layer = layer; this._index = index; this._shapes = shapes;
    },
    onAdd: function (map) {
      this._layer.setTheme(this._index, true);
      if (this._shapes) { this._shapes.addTo(map); }
    },
    onRemove: function (map) {
      this._layer.setTheme(this._index, false);
      if (this._shapes) { map.removeLayer(this._shapes); }
    }
  });

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[ch];
    });
  }

  TK.addPoints = function (map, control, dataId) {
    TK.map = map;
    var block = document.getElementById(dataId);
    return decode(block.textContent).then(function (data) {
      var layer = new ProjectLayer(data);
      var shapes = data.codes.map(function () { return null; });
      data.shapes.features.forEach(function (f) {
        var t = data.t[f.properties.i];
        if (!shapes[t]) { shapes[t] = L.layerGroup(); }
        L.geoJSON(f, {interactive: false, style: {color: data.colours[t], weight: 3,
          fillColor: data.colours[t], fillOpacity: 0.2}}).addTo(shapes[t]);
      });
      layer.addTo(map);
      var num = new Intl.NumberFormat(data.labels.locale);
      data.codes.forEach(function (code, t) {
        var sw = new ThemeSwitch(layer, t, shapes[t]);
        sw.addTo(map);
        control.addOverlay(sw, "<span class=\"tk-swatch tk-theme-" + t + "\"></span> " +
          escapeHtml(data.labels.themes[t]) + " (" + escapeHtml(num.format(layer._perTheme[t])) + ")");
      });
      TK.points = {
        ready: true,
        total: data.n,
        themes: data.codes.slice(),
        layer: layer,
        locate: function (id) { return layer.locate(id); },
        drawnCount: function (code) {
          var t = data.codes.indexOf(code);
          return t < 0 ? 0 : (layer._enabled[t] ? layer._drawn[t] : 0);
        },
        visible: function (code) { return !!layer._enabled[data.codes.indexOf(code)]; }
      };
      map.fire("tk:ready");
      return TK.points;
    });
  };
})();
