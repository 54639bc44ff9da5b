/* transitiekaart: the page on paper (namespace TK.print).
 *
 * Reads: TK.map, TK.panel, TK.data (bounds, labels, codes, sts), TK.labels, TK.state,
 * TK.fmt, TK.lib.words, TK.layer.
 * Ctrl+P and page.pdf() print A4 landscape (page.css: @page). Before the print snapshot
 * the map is given the size of the printed page, fitted to the whole MRA beside the
 * printed panel, and every canvas is redrawn at once: Leaflet redraws its vector canvas
 * only on the next animation frame, which comes after the snapshot, and Chromium prints a
 * canvas drawn during `beforeprint` as an opaque white sheet (the print lost every fill and
 * boundary): so each map canvas is replaced by a picture of itself until `afterprint`. The panel's head gets the filter state in words and the date, shown
 * on paper only. After printing, the screen view comes back as it was.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  // A4 landscape less the 8 mm margins of page.css, in CSS px (96 per inch), a little
  // smaller so that rounding never spills onto a second page
  var PAGE = {w: 1054, h: 724};
  var PANEL = 270 + 10 + 12;  // px: the printed panel (page.css) with its margin and a gap
  var saved = null;

  function words() {
    var P = TK.labels, d = TK.data, themeNames = {}, statusNames = {};
    d.codes.forEach(function (c, t) { themeNames[c] = d.labels.themes[t]; });
    d.sts.forEach(function (c, k) { statusNames[c] = d.labels.status[k]; });
    var what = TK.lib.words.describe(TK.state, {
      all: P.print_all, none: P.none, themes: P.themes, year: P.year, status: P.status,
      amount: P.amount, search: P.search, themeNames: themeNames, statusNames: statusNames,
      eur: TK.fmt.eurShort});
    var date = new Intl.DateTimeFormat(d.lang === "en" ? "en-GB" : "nl-NL",
                                       {day: "numeric", month: "long", year: "numeric"})
      .format(new Date());
    return {filter: P.print_filter.replace("{what}", what),
            date: P.print_date.replace("{date}", date)};
  }

  function info() {  // the panel head's lines for paper (hidden on screen)
    var head = TK.panel.el.querySelector(".tk-head"), box = head.querySelector(".tk-printinfo");
    if (!box) {
      box = TK.el("div", "tk-printinfo");
      head.appendChild(box);
    }
    var w = words();
    box.textContent = "";
    box.appendChild(TK.el("p", "", w.filter));
    box.appendChild(TK.el("p", "", w.date));
    return box;
  }

  // draw every canvas now: Leaflet's renderers wait for the next animation frame
  function redrawNow(map) {
    map.eachLayer(function (l) {
      if (l instanceof L.Canvas && l._map) { l._update(); l._redraw(); }
    });
    if (TK.layer && TK.layer._map) { TK.layer.redraw(); }
  }

  // Chromium prints a canvas drawn during `beforeprint` as an opaque white sheet (it hid the
  // areas beneath the circles): on paper every map canvas is a picture of itself instead
  function freeze(map) {
    map.getPane("mapPane").querySelectorAll("canvas").forEach(function (c) {
      var img = new Image();
      img.src = c.toDataURL("image/png");
      img.className = "tk-print-img";
      img.setAttribute("alt", "");
      img.style.cssText = c.style.cssText + ";position:absolute;left:0;top:0;z-index:100;" +
        "width:" + c.style.width + ";height:" + c.style.height;
      c.parentNode.insertBefore(img, c);
      c.style.display = "none";
      c.setAttribute("data-tk-frozen", "1");
    });
  }

  function thaw(map) {
    var pane = map.getPane("mapPane");
    pane.querySelectorAll("img.tk-print-img").forEach(function (i) { i.remove(); });
    pane.querySelectorAll("canvas[data-tk-frozen]").forEach(function (c) {
      c.style.display = "";
      c.removeAttribute("data-tk-frozen");
    });
  }

  function before() {
    var map = TK.map, c = map.getContainer();
    if (!saved) {
      saved = {centre: map.getCenter(), zoom: map.getZoom(), w: c.style.width, h: c.style.height};
    }
    info();
    c.style.width = PAGE.w + "px";
    c.style.height = PAGE.h + "px";
    map.invalidateSize({animate: false, pan: false});
    TK.fitMRA(map, [PANEL, 12], [12, 12]);
    thaw(map);
    redrawNow(map);
    freeze(map);
  }

  function after() {
    if (!saved) { return; }
    var map = TK.map, c = map.getContainer(), s = saved;
    saved = null;
    c.style.width = s.w;
    c.style.height = s.h;
    thaw(map);
    map.invalidateSize({animate: false, pan: false});
    map.setView(s.centre, s.zoom, {animate: false});
    redrawNow(map);
  }

  function init() {  // the words at open (a --png picture) and again before each print
    info();
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
  }

  TK.print = {init: init, before: before, after: after, words: words, PAGE: PAGE};
})();
