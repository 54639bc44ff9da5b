/* transitiekaart: a partner checks their own file in the map ("Bestand controleren").
 *
 * An .xlsx, CSV or GeoJSON file dropped on the map, or chosen with the section's button (a real
 * <input type=file>, so the keyboard reaches it), is read in the browser and checked by
 * TK.lib.check_core with the rules generated from Python (TK.checkRules, see
 * mapbuilder/check_rules.py). Nothing is sent anywhere and the page's own data is never
 * changed: the projects of the file are drawn in a layer of their own ("Uw bestand"),
 * gone on reload. Where the page's check does not cover a case, it says so and names
 * `transitiekaart validate` (never a false "OK"). Every text reaches the page with
 * textContent.
 *
 * Reads: TK.checkRules, TK.lib.check_core, TK.lib.csv, TK.el, TK.map, TK.data (lang), TK.bodies.check
 * (made by panels.js when TK.check exists). Owns: TK.check, and the script interface
 * window.transitiekaart.checkFile(name, arrayBuffer) -> Promise of the validate JSON.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var state = {layer: null, result: null, body: null};

  function lang() { return TK.data && TK.data.lang === "en" ? "en" : "nl"; }
  function texts() { return TK.checkRules.texts[lang()]; }

  // an .xlsx entry unzipped by the browser itself (no library): DecompressionStream
  function inflateRaw(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function check(name, buffer) {  // a Promise of the check's result
    return TK.lib.check_core.checkAsync(name, new Uint8Array(buffer), TK.checkRules, lang(), inflateRaw);
  }

  // the script interface: the same JSON as `transitiekaart validate FILE --format json`,
  // plus `complete` and `reasons`; the page is not changed
  TK.checkFile = function (name, buffer) {
    return check(name, buffer).then(function (r) { delete r.projects; return r; });
  };

  function fmtText(tpl, vals) {
    return tpl.replace(/\{(\w+)\}/g, function (m, k) { return k in vals ? String(vals[k]) : m; });
  }

  function verdict(r) {
    var T = texts(), key = r.n_errors ? "verdict_bad" : (r.complete ? "verdict_ok" : "verdict_open");
    return fmtText(T[key], {errors: r.n_errors, notes: r.n_notes});
  }

  // the messages as CSV (lib/csv.js: the page's CSV, formulas neutralised), keys as headers
  function messagesCsv(r) {
    var keys = ["severity", "code", "row", "feature", "column", "field", "value", "message", "hint"];
    var header = {};
    keys.forEach(function (k) { header[k] = k; });
    return TK.lib.csv.text(header, r.problems.map(function (p) {
      var row = {};
      keys.forEach(function (k) {
        var v = p[k];
        row[k] = v === null || v === undefined || typeof v === "string" || typeof v === "number" ? v : JSON.stringify(v);
      });
      return row;
    }), lang());
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
    var a = el("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function show(name, r) {
    var T = texts(), body = state.body, out = body.querySelector(".tk-checkfile-out");
    out.textContent = "";
    var head = el("p", "tk-checkfile-verdict " + (r.n_errors ? "tk-checkfile-bad" : (r.complete ? "tk-checkfile-ok" : "tk-checkfile-open")),
      name + ": " + verdict(r));
    head.setAttribute("role", "status");
    out.appendChild(head);
    var list = el("ul", "tk-checkfile-list");
    var order = r.problems.slice().sort(function (a, b) {
      return (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1);
    });
    order.forEach(function (p) {
      var li = el("li", "tk-checkfile-" + p.severity);
      var where = [];
      if (p.row !== null) { where.push(T.row + " " + p.row); }
      if (p.column !== null) { where.push(T.column + " '" + p.column + "'"); }
      if (p.value !== null) { where.push(T.value + " " + JSON.stringify(p.value)); }
      li.appendChild(el("span", "tk-checkfile-where", (where.length ? where.join(", ") + ": " : "") + p.message));
      if (p.hint) { li.appendChild(el("span", "tk-checkfile-fix", " " + T.fix + ": " + p.hint)); }
      list.appendChild(li);
    });
    out.appendChild(list);
    if (r.problems.length) {
      var btn = el("button", "tk-btn", T.download);
      btn.type = "button";
      btn.addEventListener("click", function () {
        download(messagesCsv(r), name.replace(/\.[^.]*$/, "") + "-meldingen.csv");
      });
      out.appendChild(btn);
    }
    var moved = (r.projects || []).some(function (p) { return p.snapped; });
    if (r.complete && r.ok && moved) {  // validate moves them just inside: not done here
      out.appendChild(el("p", "tk-small", T.register_moved));
    } else if (r.complete && r.ok && r.projects.length) {  // only a file the command line would take
      var reg = el("button", "tk-btn", T.download_register);
      reg.type = "button";
      reg.addEventListener("click", function () {
        download(TK.lib.check_core.exchangeCsv(r.projects, TK.checkRules, lang()),
                 name.replace(/\.[^.]*$/, "") + "-gecontroleerd.csv");
      });
      out.appendChild(reg);
    }
    draw(r.projects || []);
    head.scrollIntoView({block: "start"});  // the verdict in sight, in the panel's scroll
  }

  // the file's projects as a layer of their own; reload and they are gone
  function draw(projects) {
    if (state.layer) { TK.map.removeLayer(state.layer); }
    if (!state.renderer) {  // a pane of its own above the circles of the page's projects
      TK.map.createPane("tkYours").style.zIndex = 640;
      state.renderer = L.svg({pane: "tkYours"});
    }
    var group = L.featureGroup();
    projects.forEach(function (p) {
      if (p.lat === null || p.lon === null) { return; }  // placed in an area: not drawn yet
      var m = L.circleMarker([p.lat, p.lon], {radius: 7, color: "#000", weight: 2,
        fillColor: "#f59e0b", fillOpacity: 0.9, dashArray: "3 2", pane: "tkYours",
        renderer: state.renderer});
      m.bindPopup(function () {
        var box = el("div");
        box.appendChild(el("strong", "", p.name));
        box.appendChild(el("div", "tk-small", TK.checkRules.texts[lang()].layer + " · " + p.id));
        return box;
      });
      group.addLayer(m);
    });
    group.addTo(TK.map);
    state.layer = group;
  }

  function readFile(file) {
    var T = texts();
    if (file.size > TK.checkRules.max_bytes) {
      state.result = tooBig(file);
      show(file.name, state.result);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      check(file.name, reader.result).then(function (r) { state.result = r; show(file.name, r); });
    };
    reader.onerror = function () { state.body.querySelector(".tk-checkfile-out").textContent = T.unsupported_hint; };
    reader.readAsArrayBuffer(file);
  }

  function tooBig(file) {  // refused before reading: the same result as checkBytes gives
    var T = texts();
    return {ok: false, readable: false, complete: false, n_errors: 1, n_notes: 0, projects: [],
      problems: [{severity: "error", code: "check_too_big", row: null, column: null, value: null,
        message: fmtText(T.too_big, {mb: TK.checkRules.max_bytes / 1048576}), hint: T.unsupported_hint}]};
  }

  TK.check = {
    // the panel's section (panels.js makes it): the button, the drop hint, the results
    init: function (body) {
      var T = texts();
      state.body = body;
      body.classList.add("tk-checkfile");
      var lab = el("label", "tk-btn tk-checkfile-pick");
      var input = el("input");
      input.type = "file";
      input.accept = ".csv,.xlsx,.geojson,.json,.gpkg,.shp,.zip";
      input.className = "tk-checkfile-input";
      input.setAttribute("aria-label", T.button);
      lab.appendChild(input);
      lab.appendChild(el("span", "", T.button));
      body.appendChild(lab);
      body.appendChild(el("p", "tk-small", T.drop));
      body.appendChild(el("div", "tk-checkfile-out"));
      input.addEventListener("change", function () {
        if (input.files[0]) { readFile(input.files[0]); }
        input.value = "";  // the same file chosen again (after a fix) is read again
      });
      var box = TK.map.getContainer();
      box.addEventListener("dragover", function (e) { e.preventDefault(); box.classList.add("tk-drop"); });
      box.addEventListener("dragleave", function () { box.classList.remove("tk-drop"); });
      box.addEventListener("drop", function (e) {
        e.preventDefault();
        box.classList.remove("tk-drop");
        var f = e.dataTransfer && e.dataTransfer.files[0];
        if (!f) { return; }
        var sec = TK.panel.sections.filter(function (s) { return s.key === "check"; })[0];
        if (sec && sec.body.hidden) { sec.btn.click(); }
        readFile(f);
      });
    },
    title: function () { return texts().button; },
    last: function () { return state.result; }
  };
})();
