/* transitiekaart: the switch "met uw bestand" (namespace TK.withfile).
 *
 * After the page's check of a dropped file (check.js calls TK.withfile.set(result, where)),
 * a switch below the verdict and in the legend (kept in step) lets the partner count the
 * file's projects in every figure: the area fills, circles, totals, area pop-ups, the
 * panel's summary, the project list (list.js, rows marked) and its CSV export (filter.js,
 * a column "herkomst"); the file's layer then shows the projects the filters select. Only a file the check fully approves counts (result.ok: no errors, checked
 * completely), as `transitiekaart add` would then take all of it. The file's projects are
 * kept in columns of their own (TK.lib.withfile.columns), filtered and summed with the same
 * filters as the page's (filter.js) and added to the page's sums (TK.lib.withfile.merge):
 * the page's own columns never change, and off gives back exactly the page's figures.
 * Fixed classes and the circle scale stay those of the page without the file (filter.js
 * TK.baseAgg). Reload and the file is gone; the switch is in no fragment.
 *
 * Reads: TK.data, TK.labels (page.withfile texts), TK.checkRules, TK.lib.withfile, TK.el,
 * TK.fmt, TK.map, TK.apply, TK.onChange, TK.check.layer (check.js), TK.ui.popupPadding,
 * TK.ZOOM. Owns: TK.withfile (the script interface window.transitiekaart.withfile.toggle).
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var state = {result: null, cols: null, on: false, serial: 0, sel: null, view: null,
               here: null};

  function texts() { return TK.labels.withfile; }

  function fill(tpl, vals) {
    return tpl.replace(/\{(\w+)\}/g, function (m, k) { return k in vals ? String(vals[k]) : m; });
  }

  function active() { return state.on && state.cols !== null && state.cols.n > 0; }

  // how many of the file's projects the filters select now, and their euros (unknown
  // amounts count as nothing, as the page's own): what the figures count of the file
  function selected() {
    var f = state.cols, sel = state.sel, n = 0, eur = 0;
    for (var i = 0; i < f.n; i++) {
      if (sel[i]) { n++; if (f.eur[i] > 0) { eur += f.eur[i]; } }
    }
    return {n: n, eur: eur};
  }

  // the page's payload and the file's columns as one payload-like object (indexes of the
  // file's projects from TK.data.n on), for the list and the CSV: made once per file
  function view() {
    if (!active()) { return TK.data; }
    if (state.view) { return state.view; }
    var d = TK.data, f = state.cols, n = d.n, m = n + f.n;
    var cat = function (a, b, T) { var o = new T(m); o.set(a); o.set(b, n); return o; };
    var v = Object.assign({}, d, {n: m, x: cat(d.x, f.x, Int32Array), y: cat(d.y, f.y, Int32Array),
      t: cat(d.t, f.t, Int8Array), eur: cat(d.eur, f.eur, Float64Array),
      yr: cat(d.yr, f.yr, Int16Array), st: cat(d.st, f.st, Int16Array),
      mun: cat(d.mun, f.mun, Int16Array), sub: cat(d.sub, f.sub, Int16Array),
      inm: cat(d.inm, f.inm, Int8Array), pl: cat(d.pl, f.pl, Int8Array),
      smp: cat(d.smp || new Int8Array(n), f.smp, Int8Array),
      name: d.name.concat(f.name), orgs: d.orgs.concat(f.orgs),
      id: (d.id || new Array(n).fill(null)).concat(f.id), eurx: Object.assign({}, d.eurx || {})});
    var off = d.orgs.length, org = new Int32Array(m);
    org.set(d.org);
    for (var i = 0; i < f.n; i++) { org[n + i] = f.org[i] >= 0 ? f.org[i] + off : -1; }
    v.org = org;
    Object.keys(f.eurx).forEach(function (k) { v.eurx[String(n + Number(k))] = f.eurx[k]; });
    // websites and descriptions (sparse, keyed by index): the file's after the page's
    v.url = Object.assign({}, d.url || {});
    v.desc = Object.assign({}, d.desc || {});
    Object.keys(f.url).forEach(function (k) { v.url[String(n + Number(k))] = f.url[k]; });
    Object.keys(f.desc).forEach(function (k) { v.desc[String(n + Number(k))] = f.desc[k]; });
    state.view = v;
    return v;
  }

  function switchChanged(on) {
    state.on = on;
    if (TK.apply) { TK.apply(true); }  // the legend's switch is rebuilt with the legend
    if (state.here) { fillBox(state.here, "withfile-check"); }
  }

  // the switch (a real checkbox, role switch, reached by Tab, toggled with Space) and what
  // it means now, into `box`; `focus`: its key for panels.js's focus keeping
  function fillBox(box, focus) {
    var T = texts(), had = document.activeElement && box.contains(document.activeElement);
    box.textContent = "";
    // not on paper: there the legend's row "Uw bestand ..., meegeteld" and the summary's
    // line say it, and the printed panel must still fit the page with the sources
    box.className = "tk-withfile tk-noprint";
    box.appendChild(el("h4", "", T.title));
    if (!state.cols) {
      box.appendChild(el("p", "tk-small tk-withfile-note", T.not_ready));
      return;
    }
    var lab = el("label", "tk-check tk-withfile-switch"), input = el("input");
    input.type = "checkbox";
    input.setAttribute("role", "switch");
    input.checked = state.on;
    input.setAttribute("data-focus", focus);
    input.addEventListener("change", function () { switchChanged(input.checked); });
    lab.appendChild(input);
    lab.appendChild(el("span", "tk-withfile-label", T.switch));
    box.appendChild(lab);
    var now = selected();
    box.appendChild(el("p", "tk-small tk-withfile-note", state.on
      ? fill(T.on_note, {n: TK.fmt.num(now.n), eur: TK.fmt.eur(now.eur)})
      : fill(T.off_note, {n: TK.fmt.num(state.cols.n)})));
    if (state.on && focus === "withfile") {  // the legend's: what stays, what is left out
      box.appendChild(el("p", "tk-small tk-withfile-note", T.scale_note));
      box.appendChild(el("p", "tk-small tk-noprint", T.csv_note));
    }
    if (had) { input.focus(); }
  }

  // the legend's part (panels.js calls it when the legend is rebuilt)
  function legend(body) {
    var r = state.result;
    if (!r || !r.projects || !r.projects.length) { return; }
    var box = el("div");
    fillBox(box, "withfile");
    body.appendChild(box);
  }

  // the summary's line: how many of the selection's projects are the file's
  function summary(body) {
    if (!active() || !state.sel) { return; }
    var now = selected();
    body.appendChild(el("p", "tk-withfile-summary", fill(texts().summary,
      {n: TK.fmt.num(now.n), eur: TK.fmt.eur(now.eur)})));
  }

  // the file's layer ("Uw bestand", check.js) with the switch on: only the projects the
  // filters select, as they are counted; off: all of them, as before. And the switch's
  // note in the check's results, which says what the figures count of the file now
  function restyleLayer() {
    if (active() && state.here && state.shownFor !== TK.version) {  // the check's note: now
      state.shownFor = TK.version;
      fillBox(state.here, "withfile-check");
    }
    var layer = TK.check && TK.check.layer ? TK.check.layer() : null;
    if (!layer) { return; }
    if (state.layer !== layer) {  // a new file drawn: all its markers are in it now
      state.layer = layer;
      state.markers = layer.getLayers();
    }
    var on = active(), sel = state.sel;
    state.markers.forEach(function (m) {
      var keep = !on || !sel || sel[m.options.tkProject] === 1;
      if (keep && !layer.hasLayer(m)) { layer.addLayer(m); }
      if (!keep && layer.hasLayer(m)) { layer.removeLayer(m); }
    });
  }

  // a project of the file from the list: its place on the map and a short pop-up
  function show(j) {
    var f = state.cols, d = TK.data, at = null;
    if (f.pl[j] === 0) { at = [f.y[j] / f.scale, f.x[j] / f.scale]; }
    else if (f.pl[j] === 1 && f.mun[j] >= 0) { at = d.areas.mun.at[f.mun[j]]; }
    else if (f.pl[j] === 2 && f.sub[j] >= 0) { at = d.areas.sub.at[f.sub[j]]; }
    var box = el("div");
    box.appendChild(el("strong", "", f.name[j]));
    box.appendChild(el("div", "tk-small", texts().mark + " \u00b7 " + f.id[j]));
    var where = f.mun[j] >= 0 ? d.areas.mun.name[f.mun[j]]
      : f.sub[j] >= 0 ? d.areas.sub.name[f.sub[j]] : f.pl[j] === 3 ? texts().mra_wide : d.labels.outside;
    box.appendChild(el("div", "tk-small", [f.eur[j] >= 0 ? TK.fmt.eur(f.eur[j]) : d.labels.amount_unknown,
      f.yr[j] > 0 ? String(f.yr[j]) : "", where].filter(Boolean).join(" \u00b7 ")));
    var ll = at ? L.latLng(at[0], at[1]) : TK.map.getCenter();
    if (at && f.pl[j] === 0) {
      TK.map.setView(ll, Math.max(TK.map.getZoom(), TK.ZOOM.dots + 1), {animate: false});
    }
    L.popup(Object.assign({maxWidth: 340, className: "tk-popup"}, TK.ui.popupPadding()))
      .setLatLng(ll).setContent(box).openOn(TK.map);
  }

  TK.withfile = {
    // check.js, after every check: the result (its projects count only when result.ok)
    // (and `where`: the check's results, which get the switch too, below the verdict)
    set: function (result, where) {
      state.result = result;
      state.here = null;
      state.cols = result && result.ok === true && result.projects && result.projects.length
        ? TK.lib.withfile.columns(result.projects, TK.checkRules, TK.data) : null;
      state.sel = state.cols ? new Uint8Array(state.cols.n) : null;
      state.view = null;
      state.serial++;
      if (!state.listening && TK.onChange) { TK.onChange(restyleLayer); state.listening = true; }
      if (where && result && result.projects && result.projects.length) {
        state.here = el("div");
        fillBox(state.here, "withfile-check");
        where.insertBefore(state.here, where.children[1] || null);  // after the verdict
      }
      if (TK.apply) { TK.apply(true); }
    },
    active: active,
    cols: function () { return state.cols; },
    sel: function () { return state.sel; },
    // how many of the file's projects the filters select now
    count: function () {
      var k = 0;
      for (var i = 0; state.sel && i < state.sel.length; i++) { k += state.sel[i]; }
      return k;
    },
    view: view,
    // part of filter.js's selection key and of the legend's signature
    key: function () { return active() ? "f" + state.serial : ""; },
    sig: function () {  // on: the legend's row and note follow the selection (TK.version)
      return state.serial + (state.on ? "+" + TK.version : "-") + (state.cols ? "c" : "");
    },
    legend: legend,
    summary: summary,
    show: show,
    mark: function () { return texts().mark; },
    // the script interface: switch on or off (for tests and embedding); the state now
    toggle: function (on) { if (state.cols) { switchChanged(!!on); } return active(); },
    isOn: function () { return state.on; }
  };
})();
