/* transitiekaart: the comparison page's script (compare --format html).
 *
 * Reads the page's data from <script type="application/json" id="tk-compare-data"> (written
 * by mapbuilder/compare/page.py with elements.js_json) and draws the two synchronised maps;
 * then makes the tables with class tk-sortable sortable by click and by keyboard.
 * Publishes window.transitiekaart = {maps: [left, right], data}; a section added to the page
 * later (see templates/compare.html) can read it.
 */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tk-compare-data").textContent), T = D.text;
  var FullView = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var b = L.DomUtil.create("button", "tk-fullview leaflet-control leaflet-control-fullview");
      b.type = "button"; b.textContent = T.fullView; b.title = T.fullView;
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function () { map.fitBounds(map._tkHome, {animate: false}); });
      return b;
    }
  });
  var LB = window.transitiekaart && window.transitiekaart.lib && window.transitiekaart.lib.labels;
  var NAME_MARGIN = 4;  // px: a name's gap to any other symbol exceeds its own by this
  // largest areas first, each at the first free place around its circle (below, above,
  // right, left, then the corners; without a circle on its point first) where it reads as
  // its own area's name (lib/labels.js: it covers no other circle and is clearly nearer to
  // its own symbol than to any other); a name that fits nowhere is hidden, and its area
  // keeps its tooltip
  function placeLabels(map) {
    var box = map.getContainer().getBoundingClientRect(), pad = 4;
    var seen = Array.prototype.map.call(
      map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
        var r = c.getBoundingClientRect();
        return [r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top];
      });
    var anchors = map._tkLabels.map(function (tip) {
      var p = map.latLngToContainerPoint(tip.getLatLng());
      return {x: p.x, y: p.y, r: tip._tkR > 0 ? tip._tkR + 1.5 : 0};
    });
    map._tkAnchors = anchors;
    map._tkLabels.forEach(function (tip, k) {
      var el = tip.getElement();
      if (!el) { return; }
      el.style.visibility = ""; el.style.marginLeft = "0px"; el.style.marginTop = "0px";
      var r0 = el.getBoundingClientRect(), own = anchors[k];
      var w = r0.width, h = r0.height, cx = r0.left - box.left + w / 2,
          cy = r0.top - box.top + h / 2;
      var R = own.r > 0 ? own.r : 6, gy = R + h / 2 + 3, gx = R + w / 2 + 4, d = R * 0.71;
      var tries = [[0, gy], [0, -gy], [gx, 0], [-gx, 0],
                   [d + 2 + w / 2, d + 1 + h / 2], [-d - 2 - w / 2, d + 1 + h / 2],
                   [d + 2 + w / 2, -d - 1 - h / 2], [-d - 2 - w / 2, -d - 1 - h / 2]];
      if (!(own.r > 0)) { tries.unshift([0, 0]); }
      var placed = tries.some(function (off) {
        var x0 = cx + off[0] - w / 2, y0 = cy + off[1] - h / 2, dx = 0, dy = 0;
        // a label that sticks out of the map moves inwards, by at most half its size
        if (x0 < pad) { dx = pad - x0; }
        if (x0 + w > box.width - pad) { dx = box.width - pad - x0 - w; }
        if (y0 < pad) { dy = pad - y0; }
        if (y0 + h > box.height - pad) { dy = box.height - pad - y0 - h; }
        if (Math.abs(dx) > w / 2 || Math.abs(dy) > h / 2) { return false; }
        off = [off[0] + dx, off[1] + dy];
        var b = [x0 + dx, y0 + dy, x0 + dx + w, y0 + dy + h];
        var clash = seen.some(function (s) {
          return b[0] < s[2] && b[2] > s[0] && b[1] < s[3] && b[3] > s[1];
        }) || (LB && (LB.covers(b, own) || !LB.belongs(b, own, anchors, NAME_MARGIN)));
        if (clash) { return false; }
        el.style.marginLeft = off[0] + "px"; el.style.marginTop = off[1] + "px";
        seen.push(b);
        return true;
      });
      if (!placed) { el.style.visibility = "hidden"; }
    });
  }
  function cooperative(map) {  // the wheel scrolls the page until the map is clicked (or Ctrl)
    var el = map.getContainer();
    map.on("click", function () { map.scrollWheelZoom.enable(); map.dragging.enable(); });
    el.addEventListener("focus", function () { map.scrollWheelZoom.enable(); });
    el.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    el.addEventListener("wheel", function (e) {
      if (!e.ctrlKey || map.scrollWheelZoom.enabled()) { return; }
      e.preventDefault();
      var at = map.mouseEventToContainerPoint(e);
      map.setZoomAround(at, map.getZoom() + (e.deltaY < 0 ? 0.5 : -0.5), {animate: false});
    }, {passive: false});
  }
  // a touch screen (as the hint says): one finger scrolls the page until a map is tapped;
  // two fingers zoom
  var touch = L.Browser.mobile ||
    !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  function make(id, side) {
    var m = L.map(id, {preferCanvas: true, zoomSnap: 0.25, zoomControl: false,
                       scrollWheelZoom: false, dragging: !touch});
    L.control.zoom({zoomInTitle: T.zoomIn, zoomOutTitle: T.zoomOut}).addTo(m);
    new FullView().addTo(m);
    if (D.tiles) {
      L.tileLayer(D.tiles.url, {attribution: D.tiles.attribution, opacity: D.tiles.opacity,
        maxZoom: D.tiles.maxZoom, subdomains: D.tiles.subdomains || "abc"}).addTo(m);
    }
    var layer = L.geoJSON(D.areas, {
      style: function (f) { return {color: "#333", weight: 1.2, fillOpacity: D.opacity,
                                    fillColor: f.properties.fill[side]}; },
      onEachFeature: function (f, l) {
        l.bindTooltip(f.properties.tip[side], {sticky: true, className: "tk-tip"});
      }
    }).addTo(m);
    m._tkLabels = D.areas.features.map(function (f) {
      var span = document.createElement("span");
      span.textContent = f.properties.name;
      var tip = L.tooltip({permanent: true, direction: "center", className: "tk-area-label",
                           interactive: false, opacity: 1})
        .setLatLng(f.properties.label).setContent(span).addTo(m);
      tip._tkR = f.properties.radius[side];
      return tip;
    });
    m._tkCircles = [];
    m._tkHome = layer.getBounds();
    m.fitBounds(m._tkHome, {animate: false});
    // totals: a circle per area (area proportional to the value, radius in pixels, so it
    // keeps its size at every zoom and the legend stays true); largest first, so a
    // smaller circle is drawn on top of a larger one; zero draws no circle
    var S = D.symbols;
    m._tkCircles = !S ? [] : D.areas.features.filter(function (f) {
      return f.properties.radius[side] > 0;
    }).sort(function (f, g) {
      return g.properties.radius[side] - f.properties.radius[side];
    }).map(function (f) {
      return {key: f.properties.key, value: f.properties.value[side],
              layer: L.circleMarker(f.properties.label, {
                radius: f.properties.radius[side], color: S.stroke, weight: 1,
                fillColor: S.fill, fillOpacity: S.opacity, interactive: false}).addTo(m)};
    });
    m.on("zoomend moveend resize", function () { placeLabels(m); });
    cooperative(m);
    return m;
  }
  var a = make("tk-map-left", 0), b = make("tk-map-right", 1), busy = false;
  function follow(src, dst) {
    src.on("move zoom", function () {
      if (busy) { return; }
      busy = true; dst.setView(src.getCenter(), src.getZoom(), {animate: false}); busy = false;
    });
  }
  follow(a, b); follow(b, a);
  function refit() {
    [a, b].forEach(function (m) { m.invalidateSize({animate: false}); });
    a.fitBounds(a._tkHome, {animate: false});
    [a, b].forEach(placeLabels);
  }
  // on paper (A4 landscape, 10 mm margins: 277 mm; two maps 12 px apart, 105 mm high, as
  // the print style says) both maps are sized to their printed box before they are fitted,
  // and each canvas is drawn now and printed as a picture of itself: Chromium prints a
  // canvas drawn during beforeprint as a white sheet, and the screen's size cut the east off
  var PRINT_W = Math.floor((277 * 96 / 25.4 - 12) / 2) - 2;
  var PRINT_H = Math.floor(105 * 96 / 25.4) - 2;
  function forPaper() {
    [a, b].forEach(function (m) {
      var c = m.getContainer();
      c.style.width = PRINT_W + "px"; c.style.height = PRINT_H + "px";
    });
    refit();
    [a, b].forEach(function (m) {
      m.eachLayer(function (l) {
        if (l instanceof L.Canvas && l._map) { l._update(); l._redraw(); }
      });
      m.getPane("mapPane").querySelectorAll("canvas").forEach(function (cv) {
        var img = new Image();
        img.src = cv.toDataURL("image/png");
        img.className = "tk-print-img";
        img.alt = "";
        img.style.cssText = cv.style.cssText + ";position:absolute;left:0;top:0;z-index:100";
        cv.parentNode.insertBefore(img, cv);
        cv.style.display = "none";
      });
    });
  }
  function forScreen() {
    [a, b].forEach(function (m) {
      var c = m.getContainer();
      c.querySelectorAll("img.tk-print-img").forEach(function (i) { i.remove(); });
      c.querySelectorAll(".leaflet-map-pane canvas").forEach(function (cv) {
        cv.style.display = "";
      });
      c.style.width = ""; c.style.height = "";
    });
    refit();
  }
  window.addEventListener("load", refit);
  window.addEventListener("beforeprint", forPaper);
  window.addEventListener("afterprint", forScreen);
  placeLabels(a); placeLabels(b);
  window.transitiekaart = {maps: [a, b], data: D, lib: {labels: LB}};
})();

(function () {
  "use strict";
  document.querySelectorAll("table.tk-sortable").forEach(function (tbl) {
    var heads = tbl.tHead.rows[0].cells;
    function value(row, i) {
      var c = row.cells[i];
      if (!c) { return ""; }
      return c.dataset.v !== undefined ? c.dataset.v : c.textContent;
    }
    Array.prototype.forEach.call(heads, function (th, i) {
      var numeric = th.dataset.type === "n";
      function sort() {
        var now = th.getAttribute("aria-sort"), desc;
        if (now === "ascending") { desc = true; }
        else if (now === "descending") { desc = false; }
        else { desc = numeric; }  // numbers: high to low first; text: A to Z first
        var body = tbl.tBodies[0];
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", desc ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var a = value(r1, i), b = value(r2, i);
          if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
          var c = numeric ? parseFloat(a) - parseFloat(b) : String(a).localeCompare(String(b),
            document.documentElement.lang);
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });
})();
