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
  function hits(b, c) {  // does box b touch circle c?
    var nx = Math.max(b.left, Math.min(c.x, b.right)),
        ny = Math.max(b.top, Math.min(c.y, b.bottom));
    return (c.x - nx) * (c.x - nx) + (c.y - ny) * (c.y - ny) < c.r * c.r;
  }
  function placeLabels(map) {  // largest areas first; a label that would overlap is hidden
    var controls = map.getContainer().querySelectorAll(".leaflet-control");
    var seen = Array.prototype.map.call(controls, function (c) {
      return c.getBoundingClientRect();
    });
    var box = map.getContainer().getBoundingClientRect(), pad = 4;
    var circles = map._tkCircles.map(function (c) {
      var p = map.latLngToContainerPoint(c.layer.getLatLng());
      return {x: box.left + p.x, y: box.top + p.y, r: c.layer.getRadius() + 1.5};
    });
    map._tkLabels.forEach(function (tip) {
      var el = tip.getElement();
      if (!el) { return; }
      el.style.visibility = ""; el.style.marginLeft = "0px"; el.style.marginTop = "0px";
      var r0 = el.getBoundingClientRect();
      // a label with a circle goes below it, else above, right or left of it;
      // without one, on its point
      var R = tip._tkR, gy = R + r0.height / 2 + 3, gx = R + r0.width / 2 + 3;
      var tries = R > 0 ? [[0, gy], [0, -gy], [gx, 0], [-gx, 0]] : [[0, 0]];
      var placed = tries.some(function (off) {
        var r = {left: r0.left + off[0], right: r0.right + off[0], top: r0.top + off[1],
                 bottom: r0.bottom + off[1]};
        var dx = 0, dy = 0;
        // a label that sticks out of the map moves inwards, by at most half its size
        if (r.left < box.left + pad) { dx = box.left + pad - r.left; }
        if (r.right > box.right - pad) { dx = box.right - pad - r.right; }
        if (r.top < box.top + pad) { dy = box.top + pad - r.top; }
        if (r.bottom > box.bottom - pad) { dy = box.bottom - pad - r.bottom; }
        var moved = {left: r.left + dx, right: r.right + dx, top: r.top + dy,
                     bottom: r.bottom + dy};
        var clash = Math.abs(dx) > r0.width / 2 || Math.abs(dy) > r0.height / 2 ||
          seen.some(function (s) {
            return moved.left < s.right && moved.right > s.left && moved.top < s.bottom &&
              moved.bottom > s.top;
          }) || circles.some(function (c) { return hits(moved, c); });
        if (clash) { return false; }
        el.style.marginLeft = (off[0] + dx) + "px"; el.style.marginTop = (off[1] + dy) + "px";
        seen.push(moved);
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
  window.transitiekaart = {maps: [a, b], data: D};
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
