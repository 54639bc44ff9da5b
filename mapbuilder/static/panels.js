/* transitiekaart: the page around the map.
 *
 * One panel (top left) with sections behind labelled buttons: legend,
 * figures, filters, project list and areas (the last two in list.js; the area
 * fills, tooltips and popups in areas.js). On a small screen every section
 * starts closed and one opens at a time; on a large one the figures, filters
 * and legend start open. The panel scrolls inside the map, so it never runs
 * off-screen or over another control. The opening view fits the MRA into the
 * part of the map that the panel leaves free (measured, not assumed).
 * Every text reaches the page with textContent.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var SMALL_W = 900, SMALL_H = 560;

  function small(map) {
    var s = map.getSize();
    return s.x < SMALL_W || s.y < SMALL_H;
  }

  TK.FILL_OPACITY = 0.75;  // of the area fills; their swatches alike

  function swatch(colour, cls, opacity) {
    var s = el("span", cls || "tk-sw");
    s.style.background = colour;
    if (opacity !== undefined) { s.style.opacity = String(opacity); }
    s.setAttribute("aria-hidden", "true");
    return s;
  }

  // a pop-up is panned clear of the panel and of the buttons top right: beside the panel
  // where the map leaves room to its right, below it where the panel spans the map's width
  // (a phone), else clear of the edges
  function popupPadding() {
    var map = TK.map, pad = {autoPanPaddingTopLeft: [10, 10],
                             autoPanPaddingBottomRight: [10, 10]};
    var panel = map && map.getContainer().querySelector(".tk-panel");
    if (!panel) { return pad; }
    var box = map.getContainer(), m = box.getBoundingClientRect();
    var p = panel.getBoundingClientRect();
    var corner = box.querySelector(".leaflet-top.leaflet-right");  // zoom, full view
    var top = corner ? corner.getBoundingClientRect().bottom - m.top + 10 : 10;
    var right = p.right - m.left + 10, below = p.bottom - m.top + 10;
    if (m.width - right >= 360) { pad.autoPanPaddingTopLeft = [right, top]; }
    else if (m.height - below >= 240) { pad.autoPanPaddingTopLeft = [10, Math.max(below, top)]; }
    // clear of the legend strip at the bottom (a phone), where it is shown
    var strip = box.querySelector(".tk-strip-box"), s = strip && strip.getBoundingClientRect();
    if (s && s.height > 0 && s.top < m.bottom) { pad.autoPanPaddingBottomRight = [10, m.bottom - s.top + 10]; }
    return pad;
  }

  TK.ui = {swatch: swatch, labelled: function (t, i) { return labelled(t, i); },
           allNone: function (p, w, k) { return allNone(p, w, k); },
           row: function (p, m, t) { return legendRow(p, m, t); },
           popupPadding: popupPadding};

  // ---- tooltip: one small box, inside the map, never left behind --------------
  TK.showTip = function (p, node, cls) {
    var map = TK.map, box = TK._tip;
    TK.tipKind = cls || "";
    if (!box) {
      box = TK._tip = el("div", "tk-tip");
      box.setAttribute("role", "tooltip");
      map.getContainer().appendChild(box);
    }
    box.className = "tk-tip " + (cls || "");
    box.textContent = "";
    box.appendChild(node);
    box.style.display = "block";
    var size = map.getSize(), w = box.offsetWidth, h = box.offsetHeight;
    var x = p.x + 16, y = p.y + 16;
    if (x + w > size.x - 4) { x = p.x - 16 - w; }
    if (y + h > size.y - 4) { y = p.y - 16 - h; }
    x = Math.max(4, Math.min(x, size.x - w - 4));
    y = Math.max(4, Math.min(y, size.y - h - 4));
    box.style.left = x + "px";
    box.style.top = y + "px";
  };

  TK.hideTip = function () {
    if (TK._tip) { TK._tip.style.display = "none"; }
    TK.tipKind = null;
  };

  // the area fills, tooltips and popups: areas.js
  var F = function () { return TK.fills; };
  function fillValues(level) { return F().values(level); }
  function isRate(m) { return F().isRate(m); }
  function fillLevel() { return F().level(); }
  function restyleAreas() { F().restyle(); }
  function restyleHexagons() { F().restyleHexagons(); }

  // ---- panel sections --------------------------------------------------------
  function section(panel, key, title, open) {
    var btn = el("button", "tk-tab", title), body = el("div", "tk-sec");
    btn.type = "button";
    body.id = "tk-sec-" + key;
    body.setAttribute("role", "region");
    body.setAttribute("aria-label", title);
    btn.setAttribute("aria-controls", body.id);
    btn.dataset.key = key;
    panel.tabs.appendChild(btn);
    panel.body.appendChild(body);
    var sec = {key: key, btn: btn, body: body};
    panel.sections.push(sec);
    TK.setOpen(sec, open);
    btn.addEventListener("click", function () {
      var now = body.hidden;
      if (now && small(TK.map)) {
        panel.sections.forEach(function (o) { if (o !== sec) { TK.setOpen(o, false); } });
      }
      TK.setOpen(sec, now);
      if (portrait(TK.map)) { fitPanel(TK.map); TK.fullView(); }  // the map stays in view below
      if (now) { reveal(panel, body); }
    });
    return body;
  }

  // scroll the panel so that a section just opened starts at its top (it may open far below
  // the open legend, out of sight); smoothly, unless the reader asked for less motion
  // (after the section's own onOpen has filled it: the target is clamped to its height)
  function reveal(panel, body) {
    var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var go = function () {
      var box = panel.body, top = box.scrollTop + body.getBoundingClientRect().top -
        box.getBoundingClientRect().top;
      box.scrollTo({top: Math.max(0, Math.round(top)), behavior: calm ? "auto" : "smooth"});
    };
    if (calm) { go(); }  // at once, and again once the section is filled
    setTimeout(go, 0);
  }

  TK.setOpen = function (sec, open) {
    sec.body.hidden = !open;
    sec.btn.setAttribute("aria-expanded", open ? "true" : "false");
    sec.btn.classList.toggle("tk-on", !!open);
    if (open && sec.onOpen) { sec.onOpen(); }
  };

  function summary(body) {
    var P = TK.labels, d = TK.data, a = TK.agg, m = TK.state.metric;
    body.textContent = "";
    var mra = TK.figures("mra");
    body.appendChild(el("p", "tk-split", P.n_split
      .replace("{a}", TK.fmt.num(a.mra.n)).replace("{b}", TK.fmt.num(a.out.n))
      .replace("{c}", TK.fmt.num(a.total))));
    if (a.mra.areawide) {
      body.appendChild(el("p", "tk-small", P.n_areawide.replace("{n}", TK.fmt.num(a.mra.areawide))));
    }
    if (TK.withfile) { TK.withfile.summary(body); }  // withfile.js: a partner's file counted
    var rows = [[P.mra_total, TK.fmt.eur(mra.eur)],
                [P.per_inhabitant, TK.fmt.metric("per_inhabitant", mra.eur_per_inhabitant)]];
    var vals = fillValues("sub"), best = -1;
    vals.forEach(function (v, k) { if (v > 0 && (best < 0 || v > vals[best])) { best = k; } });
    if (best >= 0) {
      rows.push([P.largest_area + " (" + P.metrics[m].toLowerCase() + ")",
                 TK.named(d.areas.sub.name[best], TK.fmt.metric(m, vals[best]))]);
    }
    var tt = -1;
    for (var t = 0; t < d.codes.length; t++) {
      if (a.mra.te[t] > 0 && (tt < 0 || a.mra.te[t] > a.mra.te[tt])) { tt = t; }
    }
    if (tt >= 0) { rows.push([P.top_theme, TK.named(d.labels.themes[tt], TK.fmt.eurShort(a.mra.te[tt]))]); }
    if (a.out.n) { rows.push([P.outside, TK.fmt.count(a.out.n) + ", " + TK.fmt.eurShort(a.out.eur)]); }
    body.appendChild(TK.table(rows, "td", "tk-num"));
    if (a.mra.unknown) {
      body.appendChild(el("p", "tk-small", P.unknown_amounts.replace("{n}", TK.fmt.num(a.mra.unknown))));
    }
    body.appendChild(el("p", "tk-small", P.pop_note.replace("{date}", d.pop_words)));
    novexTotals(body);
    var src = el("div", "tk-sources");  // with the figures, also on paper
    src.appendChild(el("h4", "", P.sec_sources));
    var ul = el("ul");
    d.sources.forEach(function (line) { ul.appendChild(el("li", "", line)); });
    src.appendChild(ul);
    body.appendChild(src);
  }

  // "<what>: alle" and "<what>: geen" buttons that set the filter `key` to all or none
  function allNone(parent, what, key) {
    var P = TK.labels, both = el("div", "tk-row");
    [[P.all, null], [P.none, []]].forEach(function (b) {
      var btn = el("button", "tk-btn", what + ": " + b[0]), change = {};
      btn.type = "button";
      change[key] = b[1];
      btn.addEventListener("click", function () { TK.setFilter(change); });
      both.appendChild(btn);
    });
    parent.appendChild(both);
  }

  // the NOVEX areas' totals for the selection (they overlap: not a breakdown of the MRA)
  function novexTotals(body) {
    var P = TK.labels, A = TK.data.areas.nvx, agg = TK.agg.nvx, rows = [];
    if (!A || !A.name.length) { return; }
    var box = el("div", "tk-novex tk-noprint");  // on paper: the legend says they overlap
    box.appendChild(el("h4", "", P.novex_totals));
    A.name.forEach(function (name, k) {  // the count over the amount: the name may wrap
      var v = el("span");
      v.appendChild(el("span", "tk-line2", TK.fmt.count(agg.n[k])));
      v.appendChild(el("span", "tk-line2", TK.fmt.eurShort(agg.eur[k])));
      rows.push([name, v]);
    });
    box.appendChild(TK.table(rows, "td", "tk-num"));
    box.appendChild(el("div", "tk-note", P.novex_overlap));
    body.appendChild(box);
  }

  function labelled(text, input) {
    var lab = el("label", "tk-field");
    lab.appendChild(el("span", "", text));
    lab.appendChild(input);
    return lab;
  }

  function filters(body) {
    var P = TK.labels, d = TK.data, s = TK.state;
    body.textContent = "";
    // themes: the one list of themes, with colour and count
    var fs = el("fieldset", "tk-themes");
    fs.appendChild(el("legend", "", P.themes));
    TK._themeBoxes = d.codes.map(function (code, t) {
      var lab = el("label", "tk-theme"), box = el("input");
      box.type = "checkbox";
      box.checked = !s.theme || s.theme.indexOf(code) >= 0;
      box.dataset.theme = code;
      box.addEventListener("change", function () {
        var on = TK._themeBoxes.filter(function (b) { return b.box.checked; })
          .map(function (b) { return b.box.dataset.theme; });
        TK.setFilter({theme: on.length === d.codes.length ? null : on});
      });
      lab.appendChild(box);
      lab.appendChild(swatch(d.colours[t], "tk-dot"));
      lab.appendChild(el("span", "tk-theme-name", d.labels.themes[t]));
      var count = el("span", "tk-count");
      lab.appendChild(count);
      fs.appendChild(lab);
      return {box: box, count: count};
    });
    allNone(fs, P.themes, "theme");
    body.appendChild(fs);
    // start year (inputs.js: a start after the end is marked in the fields)
    var yfs = el("fieldset");
    yfs.appendChild(el("legend", "", P.year));
    TK.inputs.years(yfs);
    body.appendChild(yfs);
    // status
    var sfs = el("fieldset", "tk-status");
    sfs.appendChild(el("legend", "", P.status));
    var present = new Uint8Array(d.sts.length);
    for (var i = 0; i < d.n; i++) { if (d.st[i] >= 0) { present[d.st[i]] = 1; } }
    TK._statusBoxes = [];
    d.sts.forEach(function (code, k) {
      if (!present[k]) { return; }
      var lab = el("label", "tk-check"), box = el("input");
      box.type = "checkbox";
      box.checked = !s.status || s.status.indexOf(code) >= 0;
      box.dataset.status = code;
      box.addEventListener("change", function () {  // inputs.js: "show only these"
        TK.inputs.statusChanged(box, TK._statusBoxes);
      });
      TK._statusBoxes.push(box);
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(" " + d.labels.status[k]));
      sfs.appendChild(lab);
    });
    TK.inputs.statusButtons(sfs);
    body.appendChild(sfs);
    // amount
    var afs = el("fieldset");
    afs.appendChild(el("legend", "", P.amount));
    TK.inputs.amounts(afs);  // inputs.js: typed as the CLI reads them, checked in the field
    body.appendChild(afs);
    // search
    var q = el("input");
    q.type = "search";
    q.value = s.q || "";
    q.placeholder = P.search_hint;
    q.setAttribute("aria-label", P.search + ": " + P.search_hint);
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { TK.setFilter({q: q.value}); }, 200);
    });
    body.appendChild(labelled(P.search, q));
    var reset = el("button", "tk-btn", P.reset);
    reset.type = "button";
    reset.addEventListener("click", function () { TK.resetFilters(); });
    body.appendChild(reset);
  }

  // clear every filter (not the view, the metric or the classes) and the filter fields
  TK.resetFilters = function () {
    TK.setFilter({theme: null, year: null, status: null, min: null, max: null, q: ""});
    filters(TK.bodies.filters);
    updateThemeCounts();
  };

  function syncFilterInputs() {
    var s = TK.state;
    (TK._themeBoxes || []).forEach(function (b) {
      b.box.checked = !s.theme || s.theme.indexOf(b.box.dataset.theme) >= 0;
    });
    (TK._statusBoxes || []).forEach(function (b) {
      b.checked = !s.status || s.status.indexOf(b.dataset.status) >= 0;
    });
  }

  function updateThemeCounts() {
    (TK._themeBoxes || []).forEach(function (b, t) {
      b.count.textContent = "(" + TK.fmt.num(TK.agg.themeCount[t]) + ")";
    });
  }

  function legendRow(parent, mark, text) {
    var row = el("div", "tk-key");
    row.appendChild(mark);
    row.appendChild(el("span", "", text));
    parent.appendChild(row);
    return row;
  }

  // "Cirkels: bedrag per deelregio": what the circles of the metric m sum at a level
  function symbolsTitle(m, level) {
    var P = TK.labels;
    return P.symbols.replace("{what}", m === "count" ? P.symbols_n : P.symbols_eur)
      .replace("{level}", level === "mun" ? P.level_mun : P.level_sub);
  }

  // the legend, rebuilt only when what it says changed (not at every map move), with the
  // keyboard focus kept on the control that was used (found again by its data-focus key)
  function legend(body, force) {
    var groups = Object.keys(TK.groups).map(function (k) {
      return TK.map.hasLayer(TK.groups[k]) ? 1 : 0;
    }).join("");
    var lv = TK.layer._map ? TK.layer.level() : "-";
    var sig = [TK.version, TK.state.metric, TK.state.classes, TK.state.pies, TK.fillLevel, lv,
               TK.layer.themesDrawn(), groups, TK.check ? TK.check.sig() : "",
               TK.withfile ? TK.withfile.sig() : ""].join("|");
    if (!force && sig === body._tkSig) { return; }
    body._tkSig = sig;
    var active = document.activeElement;
    var key = active && body.contains(active) ? active.getAttribute("data-focus") : null;
    buildLegend(body);
    var again = key && body.querySelector("[data-focus=\"" + key + "\"]");
    if (again) { again.focus(); }
  }

  function buildLegend(body) {
    var P = TK.labels, m = TK.state.metric, s = TK.state;
    body.textContent = "";
    // what the map shows (the metric switch)
    var sel = el("select");
    Object.keys(P.metrics).forEach(function (m) {
      var o = el("option", "", P.metrics[m]);
      o.value = m;
      sel.appendChild(o);
    });
    sel.value = s.metric;
    sel.setAttribute("data-focus", "metric");
    sel.addEventListener("change", function () { TK.setFilter({metric: sel.value}); });
    body.appendChild(labelled(P.map_shows, sel));
    // fills, circles, dots and theme colours: keys.js
    if (isRate(m)) {
      TK.keys.fills(body);
    } else {
      body.appendChild(el("h4", "", (TK.fillLevel === "mun" ? P.legend_plain_mun : P.legend_plain)
        .replace("{metric}", P.metrics[m].toLowerCase())));
    }
    if (TK.layer._map && TK.layer.level() !== "dots") {
      TK.keys.circles(body, symbolsTitle(m, TK.layer.level()));
    }
    if (TK.layer._map && TK.layer.level() === "dots") { TK.keys.dots(body); }
    if (TK.layer.themesDrawn()) { TK.keys.themes(body); }
    // the single projects' marks (on paper only where they are drawn: zoomed in)
    var marks = el("div", TK.layer.level() === "dots" ? "tk-dotrows" : "tk-dotrows tk-noprint");
    legendRow(marks, swatch("#2b6cb0", "tk-dot tk-halo"), P.dots);
    legendRow(marks, el("span", "tk-diamond"), P.dot_mun);
    legendRow(marks, el("span", "tk-hollow"), P.dot_outside);
    body.appendChild(marks);
    // layers: outlines and optional layers, switched here
    body.appendChild(el("h4", "", P.layers));
    var lines = {municipalities: "tk-line-mun", novex: "tk-line-novex", ijmeerlijn: "tk-line-ij",
                 hexagons: "tk-line-hex"};
    Object.keys(TK.groups).forEach(function (key) {
      var lab = el("label", "tk-check"), box = el("input");
      box.type = "checkbox";
      box.checked = TK.map.hasLayer(TK.groups[key]);
      box.setAttribute("data-focus", "layer-" + key);
      box.addEventListener("change", function () {
        if (box.checked) { TK.groups[key].addTo(TK.map); } else { TK.map.removeLayer(TK.groups[key]); }
        if (key === "hexagons") { restyleHexagons(); }
        if (key === "novex") { TK.layer.redraw(); }  // the area names avoid its labels
        legend(body);
      });
      lab.appendChild(box);
      lab.appendChild(el("span", "tk-line " + lines[key]));
      lab.appendChild(document.createTextNode(P["t_" + key]));
      body.appendChild(lab);
      if (key === "novex" && box.checked) { body.appendChild(el("div", "tk-note", P.novex_overlap)); }
    });
    if (TK.hotspots) { TK.hotspots.legend(body); }  // hotspots.js
    if (TK.check) { TK.check.legend(body); }  // check.js: a partner's file, "Uw bestand"
    if (TK.withfile) { TK.withfile.legend(body); }  // withfile.js: its switch "met uw bestand"
  }

  // ---- layout ---------------------------------------------------------------
  function buildPanel(map) {
    var P = TK.labels, d = TK.data, isSmall = small(map);
    var ctl = L.control({position: "topleft"});
    var panel = {sections: []};
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "tk-panel tk-side leaflet-control");
      div.setAttribute("role", "complementary");
      div.setAttribute("aria-label", P.panel_label);
      var head = el("div", "tk-head");
      head.appendChild(el("h1", "", P.title));
      if (d.has_samples) {
        var smp = el("p", "tk-sample");
        smp.appendChild(el("span", "tk-long", P.sample));
        smp.appendChild(el("span", "tk-short", P.sample_short));
        head.appendChild(smp);
      }
      TK._keyline = el("p", "tk-keyline");
      head.appendChild(TK._keyline);
      div.appendChild(head);
      panel.tabs = el("div", "tk-tabs");
      panel.body = el("div", "tk-body");
      div.appendChild(panel.tabs);
      div.appendChild(panel.body);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    ctl.addTo(map);
    panel.el = ctl.getContainer();
    TK.panel = panel;
    TK.bodies = {
      legend: section(panel, "legend", P.sec_legend, !isSmall),
      summary: section(panel, "summary", P.sec_summary, !isSmall),
      filters: section(panel, "filters", P.sec_filters, !isSmall),
      list: section(panel, "list", P.sec_list, false),
      areas: section(panel, "areas", P.sec_areas, false)
    };
    if (TK.check) { TK.bodies.check = section(panel, "check", TK.check.title(), false); }  // check.js
    panel.sections[3].onOpen = function () { setTimeout(TK.renderList, 0); };

    fitPanel(map);
    map.on("resize", function () { fitPanel(map); });
  }

  // a phone held upright: an open section takes at most the upper part of the screen, so the
  // map (fitted into the rest) shows what a filter does
  function portrait(map) {
    var s = map.getSize();
    return small(map) && s.y > 1.2 * s.x;
  }

  function fitPanel(map) {  // the panel stays inside the map, above the scale bar
    var p = TK.panel.el, size = map.getSize();
    map.getContainer().classList.toggle("tk-small-map", small(map));
    var open = TK.panel.sections.some(function (o) { return !o.body.hidden; });
    p.style.maxHeight = (portrait(map) && open ? Math.max(Math.round(size.y * 0.55), 200)
                         : Math.max(size.y - 60, 120)) + "px";
    // a phone held sideways: wider, so the title and the buttons keep to few lines and the
    // panel leaves the map its height
    var wide = small(map) ? (size.x > 1.6 * size.y ? 560 : 420) : 340;
    p.style.maxWidth = Math.max(Math.min(wide, size.x - 70), 150) + "px";
  }

  function buildFullView(map) {
    var P = TK.labels, ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-bar tk-fullview leaflet-control");
      var btn = el("button", "", "\u2922");
      btn.appendChild(el("span", "tk-fv-text", " " + P.full_view));
      btn.type = "button";
      btn.title = P.full_view_title;
      btn.setAttribute("aria-label", P.full_view_title);
      btn.addEventListener("click", function () { TK.fullView(); });
      div.appendChild(btn);
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(map);
  }

  // fit the MRA into the part of the map that the open panel leaves free
  TK.fullView = function () {
    var map = TK.map, size = map.getSize(), r = TK.panel.el.getBoundingClientRect();
    var c = map.getContainer().getBoundingClientRect();
    var pw = r.right - c.left + 8, ph = r.bottom - c.top + 8;
    var left = [pw, 10], top = [10, ph];
    // keep the side (left or top) that leaves the larger free rectangle
    var freeLeft = Math.max(size.x - pw - 10, 0) * Math.max(size.y - 40, 0);
    var freeTop = Math.max(size.x - 20, 0) * Math.max(size.y - ph - 40, 0);
    var pad = freeLeft >= freeTop ? left : top;
    if (size.x - pad[0] - 60 < 120 || size.y - pad[1] - 40 < 120) { pad = [10, 10]; }
    // with the panel above the map (a phone), the controls are beside the panel, not the map
    var right = pad === top ? 10 : 60;
    TK.fitMRA(map, pad, [right, 30]);
  };

  // fit the MRA's land into the map less the paddings, on the subregion level at every
  // size: a screen so large that the whole MRA fits at a municipal zoom moves the levels'
  // zooms up (once, at the first fit), so a large screen gets the MRA larger, not another
  // map (municipalities with their own classes); after that a fit never goes past the
  // subregion level
  TK.fitMRA = function (map, topLeft, bottomRight) {
    var b = L.latLngBounds(TK.data.bounds), Z = TK.ZOOM;
    if (!TK._levelsSet) {
      TK._levelsSet = true;
      var z = map.getBoundsZoom(b, false, L.point(topLeft).add(L.point(bottomRight)));
      if (z >= Z.mun) {
        Z.dots += z + 0.5 - Z.mun;
        Z.mun = z + 0.5;
      }
    }
    map.fitBounds(b, {paddingTopLeft: topLeft, paddingBottomRight: bottomRight,
                      maxZoom: Z.mun - map.options.zoomSnap, animate: false});
  };

  // the map as a landmark with a name (the areas list is its non-map alternative), and
  // no zoom, fade or inertia animation for a reader who asked for less motion
  function accessible(map) {
    var P = TK.labels, c = map.getContainer();
    c.setAttribute("role", "main");
    c.setAttribute("aria-label", P.map_label);
    c.setAttribute("aria-roledescription", P.map_role);
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      map.options.zoomAnimation = false;
      map.options.fadeAnimation = false;
      map.options.markerZoomAnimation = false;
      map.options.inertia = false;
      map._zoomAnimated = false;
      c.classList.remove("leaflet-zoom-anim", "leaflet-fade-anim");
      TK.calm = true;
    }
  }

  // ---- start -----------------------------------------------------------------
  function keyline() {  // one line that says what colour, circles and dots mean
    var P = TK.labels, m = TK.state.metric, sc = TK.layer.symbolScale(), fill = "";
    if (isRate(m)) {
      fill = P.key_fill.replace("{fill}", P.metrics[m].toLowerCase() + " " + P.per + " " +
        (TK.fillLevel === "mun" ? P.level_mun : P.level_sub) +
        (TK.state.classes === "fixed" ? "" : ", " + P.class_index)) + " \u00b7 ";
    }
    var marks = sc.level === "dots" ? P.key_dots
      : P.key_circles.replace("{circles}", (m === "count" ? P.symbols_n : P.symbols_eur) + " " +
                              P.per + " " + (sc.level === "mun" ? P.level_mun : P.level_sub));
    TK._keyline.textContent = fill + (fill ? marks.charAt(0).toLowerCase() + marks.slice(1)
                                           : marks);
  }

  function render() {
    restyleAreas();
    restyleHexagons();
    TK.layer.redraw();
    summary(TK.bodies.summary);
    legend(TK.bodies.legend);
    keyline();
    TK.strip.update();  // strip.js: the small screens' legend strip
    updateThemeCounts();
    syncFilterInputs();
    TK.renderList();
    var popup = TK.map._popup;
    if (popup && popup._tkArea && TK.map.hasLayer(popup)) {
      popup.setContent(TK.areaPopupContent(popup._tkArea[0], popup._tkArea[1]));
    }
  }

  TK.start = function (map, groups, dataId) {
    TK.map = map;
    TK.groups = groups;
    var block = document.getElementById(dataId);
    return TK.decode(block.textContent).then(function (data) {
      TK.data = TK.compact(data);
      TK.labels = data.page;
      TK.fmt = TK.makeFormats(data);
      var input = TK.parseFragment(location.hash);
      TK.state = TK.normalise(input);
      TK.layer = new TK.ProjectLayer(data);
      if (map.zoomControl) { map.zoomControl.setPosition("topright"); }
      accessible(map);
      L.control.scale({imperial: false, metric: true, position: "bottomleft",
                       maxWidth: small(map) ? 80 : 120}).addTo(map);
      buildFullView(map);
      buildPanel(map);
      TK.strip.init(map);
      filters(TK.bodies.filters);
      TK.listSection(TK.bodies.list);
      TK.areasSection(TK.bodies.areas);
      if (TK.check) { TK.check.init(TK.bodies.check); }
      F().bind();
      TK.apply();
      TK.onChange(render);
      TK.onChange(TK.empty.update);  // empty.js: "no projects match" on the map and list
      render();  // the panel at its real size first: the view keeps clear of it
      if (TK.state.view) {
        map.setView([TK.state.view[1], TK.state.view[2]], TK.state.view[0], {animate: false});
      } else {
        TK.fullView();
      }
      TK.layer.addTo(map);
      if (fillLevel() !== TK.fillLevel) { restyleAreas(); }  // opened zoomed in
      legend(TK.bodies.legend);
      keyline();
      TK.strip.update();
      map.on("moveend", function () {
        if (fillLevel() !== TK.fillLevel) { restyleAreas(); }  // the fills follow the circles
        var c = map.getCenter();
        TK.state.view = [map.getZoom(), c.lat, c.lng];
        TK.writeFragment();
        legend(TK.bodies.legend);
        keyline();
        TK.strip.update();
      });
      map.on("movestart zoomstart popupopen", TK.hideTip);
      TK.print.init();  // print.js: the map refitted and redrawn for paper
      map.getContainer().addEventListener("mouseleave", TK.hideTip);
      window.addEventListener("hashchange", function () {
        if (location.hash.replace(/^#/, "") === TK.fragment()) { return; }
        TK.state = TK.normalise(TK.parseFragment(location.hash));
        if (TK.state.view) {
          map.setView([TK.state.view[1], TK.state.view[2]], TK.state.view[0], {animate: false});
        }
        TK.apply();
      });
      TK.points = {
        ready: true, total: data.n, themes: data.codes.slice(), layer: TK.layer,
        locate: function (id) { return TK.layer.locate(id); },
        // selected projects of a theme that the canvas draws (as dots or in symbols)
        drawnCount: function (code) {
          var t = data.codes.indexOf(code), n = 0;
          for (var i = 0; i < data.n; i++) {
            if (TK.sel[i] && data.t[i] === t && data.pl[i] <= 1) { n++; }
          }
          return n;
        },
        visible: function (code) { return !TK.state.theme || TK.state.theme.indexOf(code) >= 0; }
      };
      TK.empty.update();
      // the projects' names are parsed when first read (lib/payload.js): in idle time after
      // the first drawing, so that the first search or list does not wait for them
      (window.requestIdleCallback || setTimeout)(function () { TK.nameCount = data.name.length; });
      map.fire("tk:ready");
      return TK.points;
    });
  };
})();
