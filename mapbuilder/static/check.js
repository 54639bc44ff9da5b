/* transitiekaart: a partner checks their own file in the map ("Bestand controleren").
 *
 * An .xlsx, CSV or GeoJSON file dropped on the map, or chosen with the section's button (a real
 * <input type=file>, so the keyboard reaches it), is read in the browser and checked by
 * TK.lib.check_core with the rules generated from Python (TK.checkRules, see
 * mapbuilder/mappage/check_rules.py). Nothing is sent anywhere and the page's own data is never
 * changed: the projects of the file are drawn in a layer of their own ("Uw bestand"),
 * gone on reload. Where the page's check does not cover a case, it says so and names
 * `transitiekaart validate` (never a false "OK"). Every text reaches the page with
 * textContent.
 *
 * Reads: TK.checkRules, TK.lib.check_core, TK.lib.check_groups, TK.lib.csv, TK.el, TK.map, TK.data (lang), TK.bodies.check
 * (made by panels.js when TK.check exists), TK.data.areas (where an area's projects are
 * drawn), TK.apply (redraws the legend, which calls TK.check.legend). Owns: TK.check, and the
 * script interface window.transitiekaart.checkFile(name, arrayBuffer[, sheet]) -> Promise of
 * the validate JSON.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var state = {layer: null, result: null, body: null, file: null, shown: true, drawn: 0};

  function lang() { return TK.data && TK.data.lang === "en" ? "en" : "nl"; }
  function texts() { return TK.checkRules.texts[lang()]; }

  // an .xlsx entry unzipped by the browser itself (no library): DecompressionStream
  function inflateRaw(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function check(name, buffer, sheet) {  // a Promise of the check's result
    return TK.lib.check_core.checkAsync(name, new Uint8Array(buffer), TK.checkRules, lang(), inflateRaw,
      sheet === undefined ? null : sheet);
  }

  // the script interface: the same JSON as `transitiekaart validate FILE --format json`
  // (with `sheet`: `validate FILE --sheet NAME`), plus `complete` and `reasons`; the page is
  // not changed
  TK.checkFile = function (name, buffer, sheet) {
    return check(name, buffer, sheet).then(function (r) { delete r.projects; return r; });
  };

  function fmtText(tpl, vals) {
    return tpl.replace(/\{(\w+)\}/g, function (m, k) { return k in vals ? String(vals[k]) : m; });
  }

  function counted(T, key, n) {  // "1 fout", "3 fouten" (as the CLI's msg_n)
    return n === 1 ? T[key + "_1"] : fmtText(T[key], {n: TK.fmt ? TK.fmt.num(n) : n});
  }

  function verdict(r) {
    var T = texts(), first = r.problems.length ? r.problems[0].code : null;
    // a file the page does not read: not an error in it, the check is incomplete (lib/check_core.js unread)
    if (!r.readable && !r.n_errors && T["verdict_" + first]) { return T["verdict_" + first]; }
    var key = r.n_errors ? "counted_bad" : (r.complete ? "counted_ok" : "counted_open");
    return fmtText(T[key], {errors: counted(T, "n_errors", r.n_errors), notes: counted(T, "n_notes", r.n_notes)});
  }

  // the messages as CSV (lib/csv.js: the page's CSV, formulas neutralised) in the page's
  // language: the headers and severity words of checkRules.messages_csv, the same file as
  // `transitiekaart validate --format csv` (mapbuilder/messages_csv.py)
  function messagesCsv(r) {
    var S = TK.checkRules.messages_csv, L = lang(), keys = S.columns, header = {};
    keys.forEach(function (k, i) { header[k] = S.headers[L][i]; });
    return TK.lib.csv.text(header, r.problems.map(function (p) {
      var row = {};
      keys.forEach(function (k) {
        var v = k === "severity" ? S.severity[L][p[k]] || p[k] : p[k];
        row[k] = v === null || v === undefined || typeof v === "string" || typeof v === "number" ? v : JSON.stringify(v);
      });
      return row;
    }), L);
  }

  // validate's fixes that name a command-line option, as the page shows them (the list and
  // the messages CSV; checkFile keeps validate's own, so the parity tests compare those): where
  // the page lists the workbook's sheets, choose in that list, not with --sheet; RD New
  // coordinates the file does not declare: rename the columns or export again, not --crs
  function forPage(r) {
    var T = texts(), several = r.sheets && r.sheets.length > 1;
    var rd = (TK.checkRules.messages[lang()] || {}).rd_undeclared || [];
    return Object.assign({}, r, {problems: r.problems.map(function (p) {
      if (several && p.hint && p.hint.indexOf("--sheet") >= 0) { return Object.assign({}, p, {hint: T.sheet_in_list}); }
      if (p.code === "rd_undeclared" && p.hint === rd[1]) { return Object.assign({}, p, {hint: T.rd_fix_sheet}); }
      if (p.code === "rd_undeclared" && p.hint === rd[2]) { return Object.assign({}, p, {hint: T.rd_fix_geojson}); }
      return p;
    })});
  }

  function stem(name) { return name.replace(/\.[^.]*$/, ""); }  // the file's name without its extension

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
    var a = el("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // one message as a list item: where (row, column, value), the message, the fix
  function item(p, T) {
    var li = el("li", "tk-checkfile-" + p.severity);
    var where = [];
    if (p.row !== null) { where.push(T.row + " " + p.row); }
    if (p.column !== null) { where.push(T.column + " '" + p.column + "'"); }
    if (p.value !== null) { where.push(T.value + " " + JSON.stringify(p.value)); }
    li.appendChild(el("span", "tk-checkfile-where", (where.length ? where.join(", ") + ": " : "") + p.message));
    if (p.hint) { li.appendChild(el("span", "tk-checkfile-fix", " " + T.fix + ": " + p.hint)); }
    return li;
  }

  function show(name, r) {
    r = forPage(r);
    var T = texts(), body = state.body, out = body.querySelector(".tk-checkfile-out");
    out.textContent = "";
    var head = el("p", "tk-checkfile-verdict " + (r.n_errors ? "tk-checkfile-bad" : (r.complete ? "tk-checkfile-ok" : "tk-checkfile-open")),
      name + ": " + verdict(r));
    head.setAttribute("role", "status");
    out.appendChild(head);
    if (r.sheets && r.sheets.length > 1) {  // a workbook of several sheets: choose one
      var pick = el("select", "tk-checkfile-sheet");
      r.sheets.forEach(function (n) { var o = el("option", "", n); o.value = n; pick.appendChild(o); });
      pick.value = r.sheet;
      pick.setAttribute("aria-label", T.sheet);
      pick.addEventListener("change", function () {
        var f = state.file;
        check(f.name, f.buffer, pick.value).then(function (again) {
          state.result = again;
          show(f.name, again);
          var p2 = state.body.querySelector(".tk-checkfile-sheet");
          if (p2) { p2.focus(); }  // the chooser keeps the focus after the new verdict
        });
      });
      var lab = el("label", "tk-checkfile-sheetlabel", T.sheet + " ");
      lab.appendChild(pick);
      out.appendChild(lab);
    }
    var list = el("ul", "tk-checkfile-list");
    var order = r.problems.slice().sort(function (a, b) {
      return (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1);
    });
    // grouped as validate's text output groups them; a group's rows made when it is opened
    TK.lib.check_groups.group(order, TK.checkRules.groups).forEach(function (g) {
      if (g.kind === "one") { list.appendChild(item(g.problem, T)); return; }
      var p = g.problem, n = TK.fmt ? TK.fmt.num(g.n) : String(g.n);
      var li = el("li", "tk-checkfile-" + p.severity + " tk-checkfile-group"), box = el("details");
      // the first one's message stands for all; where their values differ, it names its row
      var same = g.items.every(function (q) { return JSON.stringify(q.value) === JSON.stringify(p.value); });
      var first = same || p.row === null ? p.message : T.row + " " + p.row + ": " + p.message;
      var line = g.kind === "notes"
        ? fmtText(T.group_notes, {n: n, message: first,
          where: p.column !== null ? T.column + " '" + p.column + "': " : ""})
        : fmtText(T.more_errors, {n: n, message: p.message.slice(0, 80)});
      var sum = el("summary", "tk-checkfile-where", line);
      if (g.kind === "notes" && p.hint) { sum.appendChild(el("span", "tk-checkfile-fix", " " + T.fix + ": " + p.hint)); }
      box.appendChild(sum);
      box.addEventListener("toggle", function () {
        if (!box.open || box.querySelector("ul")) { return; }
        var rows = el("ul", "tk-checkfile-rows");
        g.items.forEach(function (q) { rows.appendChild(item(q, T)); });
        box.appendChild(rows);
      });
      li.appendChild(box);
      list.appendChild(li);
    });
    out.appendChild(list);
    if (r.problems.length) {
      var btn = el("button", "tk-btn", T.download);
      btn.type = "button";
      btn.addEventListener("click", function () {
        download(messagesCsv(r), fmtText(T.download_name_messages, {name: stem(name)}));
      });
      out.appendChild(btn);
    }
    // only a file the command line would take; points the border rule moved just inside the
    // municipality their row names (lib/check_places.js) are written where validate puts them
    if (r.complete && r.ok && r.projects.length) {
      var reg = el("button", "tk-btn", T.download_register);
      reg.type = "button";
      reg.addEventListener("click", function () {
        download(TK.lib.check_core.exchangeCsv(r.projects, TK.checkRules, lang()),
                 fmtText(T.download_name_checked, {name: stem(name)}));
      });
      out.appendChild(reg);
    }
    if (TK.withfile) { TK.withfile.set(r, out); }  // withfile.js: the switch "met uw bestand"
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
    var group = L.featureGroup(), A = TK.data && TK.data.areas, n = 0;
    projects.forEach(function (p, k) {
      // a line or polygon: where geo draws it, in the municipality it counts in (p.drawAt)
      var at = p.drawAt ? [p.drawAt[1], p.drawAt[0]] : p.lat !== null && p.lon !== null ? [p.lat, p.lon] :
        areaPoint(p, A), where = null;
      if (!at) { return; }  // MRA-wide: no one place on the map (listed in the messages)
      if (p.place !== "point") {
        var R = TK.checkRules, name = p.place === "municipality" ? R.areas.names[p.place_area] : p.place_area;
        where = fmtText(texts().in_area, {area: name});
      }
      var m = L.circleMarker(at, {radius: 7, color: "#000", weight: 2,
        fillColor: "#f59e0b", fillOpacity: 0.9, dashArray: p.place === "point" ? "3 2" : "1 3",
        pane: "tkYours", renderer: state.renderer, tkProject: k});  // k: withfile.js's index
      m.bindPopup(function () {
        var box = el("div");
        box.appendChild(el("strong", "", p.name));
        box.appendChild(el("div", "tk-small", texts().layer + " · " + p.id));
        if (where) { box.appendChild(el("div", "tk-small", where)); }
        return box;
      });
      group.addLayer(m);
      n++;
    });
    state.layer = group;
    state.markers = group.getLayers();
    state.drawn = n;
    if (state.shown) { group.addTo(TK.map); }
    if (TK.apply) { TK.apply(); }  // the legend names the layer (TK.check.legend)
  }

  // where the page draws an area (TK.data.areas, as its own projects placed there)
  function areaPoint(p, A) {
    if (!A || (p.place !== "municipality" && p.place !== "subregion")) { return null; }
    var level = p.place === "municipality" ? "mun" : "sub";
    var name = p.place === "municipality" ? TK.checkRules.areas.names[p.place_area] : p.place_area;
    var k = A[level] ? A[level].name.indexOf(name) : -1;
    return k >= 0 ? A[level].at[k] : null;
  }

  // the legend's row for the file's layer (panels.js calls it), with its switch
  function legend(body) {
    if (!state.layer || !state.drawn) { return; }
    var lab = el("label", "tk-check tk-checkfile-key"), box = el("input");
    box.type = "checkbox";
    box.checked = state.shown;
    box.setAttribute("data-focus", "layer-yours");
    box.addEventListener("change", function () {
      state.shown = box.checked;
      if (box.checked) { state.layer.addTo(TK.map); } else { TK.map.removeLayer(state.layer); }
      if (TK.apply) { TK.apply(); }
    });
    lab.appendChild(box);
    lab.appendChild(el("span", "tk-checkfile-swatch"));
    // withfile.js: counted in the figures, and then drawn as they are counted: only the
    // projects the filters select (the figures' filters, not all the file's)
    var counted = TK.withfile && TK.withfile.active(), n = state.drawn;
    if (counted) {
      var sel = TK.withfile.sel();
      n = state.markers.filter(function (m) { return sel[m.options.tkProject] === 1; }).length;
    }
    lab.appendChild(document.createTextNode(fmtText(counted ? TK.labels.withfile.legend_counted
      : texts().legend_yours, {n: TK.fmt ? TK.fmt.num(n) : n})));
    body.appendChild(lab);
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
      state.file = {name: file.name, buffer: reader.result};
      check(file.name, reader.result).then(function (r) { state.result = r; show(file.name, r); });
    };
    reader.onerror = function () { state.body.querySelector(".tk-checkfile-out").textContent = T.unsupported_hint; };
    reader.readAsArrayBuffer(file);
  }

  function tooBig(file) {  // refused before reading: checkBytes's result (it reads only the size then)
    return TK.lib.check_core.checkBytes(file.name, {length: file.size}, TK.checkRules, lang());
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
      // opened from the keyboard (its tab's click without a pointer: detail 0), the focus goes
      // to the button, not through the open legend and filters that come before it
      var tab = document.querySelector('.tk-tab[aria-controls="' + body.id + '"]');
      if (tab) {
        tab.addEventListener("click", function (e) {
          if (e.detail === 0 && !body.hidden) { setTimeout(function () { input.focus(); }, 0); }
        });
      }
      // Enter opens the file chooser too (a file input opens with Space only)
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); input.click(); }
      });
      input.addEventListener("change", function () {
        if (input.files[0]) { readFile(input.files[0]); }
        input.value = "";  // the same file chosen again (after a fix) is read again
      });
      var box = TK.map.getContainer();
      var over = function (e) { e.preventDefault(); box.classList.add("tk-drop"); };
      box.addEventListener("dragenter", over);
      box.addEventListener("dragover", over);
      box.addEventListener("dragleave", function (e) {  // not when it moves onto a child of the map
        if (!e.relatedTarget || !box.contains(e.relatedTarget)) { box.classList.remove("tk-drop"); }
      });
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
    legend: legend,
    sig: function () { return state.layer ? state.drawn + (state.shown ? "+" : "-") : ""; },
    layer: function () { return state.layer; },  // withfile.js shows the selected ones
    last: function () { return state.result; }
  };
})();
