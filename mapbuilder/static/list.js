/* transitiekaart: the project list and the list of areas.
 *
 * The project list shows the current selection (TK.sel), sorted by amount,
 * name or start year. It is virtualised: only the rows in view exist in the
 * DOM, so it stays fast at a million projects. It is a listbox for the
 * keyboard: Tab reaches it, arrow keys, Page Up/Down, Home and End move, Enter
 * zooms to the project and opens its popup. The list of areas makes every
 * subregion and municipality reachable by keyboard; each opens the popup that a
 * click on the map opens. Texts reach the page with textContent. With a partner's file
 * counted (withfile.js, "met uw bestand"), its selected projects are in the list too, in
 * the same order, numbered from TK.data.n on and marked "uit uw bestand".
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var ROW = 44;   // px: height of one row of the project list
  function swatch(c, cls) { return TK.ui.swatch(c, cls); }
  function labelled(t, i) { return TK.ui.labelled(t, i); }

  // ---- project list: virtualised, keyboard, sortable ---------------------------
  var order = {};
  // the list's order of projects a, b of the payload d (or a payload-like view)
  function compare(key, d) {
    if (key === "amount") { return function (a, b) { return d.eur[b] - d.eur[a] || a - b; }; }
    if (key === "year") {
      return function (a, b) { return (d.yr[a] || 1e9) - (d.yr[b] || 1e9) || a - b; };
    }
    var coll = new Intl.Collator(d.lang === "en" ? "en" : "nl", {sensitivity: "base"});
    return function (a, b) { return coll.compare(d.name[a], d.name[b]) || a - b; };
  }

  function permutation(key) {
    if (order[key]) { return order[key]; }
    var d = TK.data, idx = new Uint32Array(d.n);
    for (var i = 0; i < d.n; i++) { idx[i] = i; }
    var arr = Array.prototype.slice.call(idx);
    arr.sort(compare(key, d));
    order[key] = Uint32Array.from(arr);
    return order[key];
  }

  var list = {key: "amount", rows: null, active: 0, version: -1};

  // the selected projects of a partner's file (withfile.js: counted when its switch is on),
  // in the list's order, merged with the page's own: numbered from TK.data.n on
  function withFile(own) {
    var W = TK.withfile, d = TK.data;
    if (!W || !W.active()) { return own; }
    var sel = W.sel(), v = W.view(), cmp = compare(list.key, v), mine = [];
    for (var j = 0; j < sel.length; j++) { if (sel[j]) { mine.push(j); } }
    mine.sort(function (a, b) { return cmp(d.n + a, d.n + b); });
    return TK.lib.withfile.order(own, mine, d.n, function (a, b) { return cmp(a, b) < 0; });
  }

  // the payload the list reads: with a partner's file counted, the page's and the file's
  function source() { return TK.withfile && TK.withfile.active() ? TK.withfile.view() : TK.data; }

  TK.listRows = function () {
    if (list.version !== TK.version || !list.rows) {
      var perm = permutation(list.key), sel = TK.sel, k = 0, W = TK.withfile;
      var out = new Uint32Array(TK.agg.total - (W && W.active() ? W.count() : 0));
      for (var j = 0; j < perm.length; j++) { if (sel[perm[j]]) { out[k++] = perm[j]; } }
      list.rows = withFile(out);
      list.version = TK.version;
      list.active = Math.min(list.active, Math.max(list.rows.length - 1, 0));
    }
    return list.rows;
  };

  TK.listIds = function () {
    var rows = TK.listRows(), d = source(), out = [];
    for (var k = 0; k < rows.length; k++) { out.push(d.id ? d.id[rows[k]] : null); }
    return out;
  };

  TK.listSection = function (body) {
    var P = TK.labels;
    body.textContent = "";
    var sort = el("select");
    [["amount", P.sort_amount], ["name", P.sort_name], ["year", P.sort_year]].forEach(function (o) {
      var opt = el("option", "", o[1]);
      opt.value = o[0];
      sort.appendChild(opt);
    });
    sort.value = list.key;
    sort.addEventListener("change", function () {
      list.key = sort.value; list.version = -1; list.active = 0; renderList();
    });
    body.appendChild(labelled(P.sort_by, sort));
    var count = el("div", "tk-small tk-list-count");
    count.setAttribute("aria-live", "polite");
    body.appendChild(count);
    var box = el("div", "tk-vlist");
    box.tabIndex = 0;
    box.setAttribute("role", "listbox");
    box.setAttribute("aria-label", P.list_label);
    var spacer = el("div", "tk-vspacer");
    box.appendChild(spacer);
    body.appendChild(box);
    var ex = el("div", "tk-row tk-export");
    ex.appendChild(el("span", "tk-small", P.export + ":"));
    [["csv", P.export_csv], ["geojson", P.export_geojson]].forEach(function (b) {
      var btn = el("button", "tk-btn", b[1]);
      btn.type = "button";
      btn.dataset.export = b[0];
      btn.addEventListener("click", function () {  // busy while a large selection is written
        if (btn.getAttribute("aria-busy") === "true") { return; }
        var text = btn.textContent;
        btn.setAttribute("aria-busy", "true");
        btn.textContent = P.export_busy;
        document.documentElement.classList.add("tk-busy");
        setTimeout(function () {  // the busy state is painted first
          try { TK.download(b[0]); } finally {
            btn.textContent = text;
            btn.removeAttribute("aria-busy");
            document.documentElement.classList.remove("tk-busy");
          }
        }, 30);
      });
      ex.appendChild(btn);
    });
    body.appendChild(ex);
    list.box = box; list.spacer = spacer; list.count = count;
    box.addEventListener("scroll", renderList);
    box.addEventListener("keydown", function (e) {
      var rows = TK.listRows(), n = rows.length, a = list.active, page = Math.floor(box.clientHeight / ROW);
      var to = {ArrowDown: a + 1, ArrowUp: a - 1, PageDown: a + page, PageUp: a - page,
                Home: 0, End: n - 1}[e.key];
      if (e.key === "Enter" && n) {
        e.preventDefault();
        showRow(rows[a]);
        return;
      }
      if (to === undefined || !n) { return; }
      e.preventDefault();
      list.active = Math.max(0, Math.min(n - 1, to));
      var top = list.active * ROW;
      if (top < box.scrollTop) { box.scrollTop = top; }
      if (top + ROW > box.scrollTop + box.clientHeight) { box.scrollTop = top + ROW - box.clientHeight; }
      renderList();
    });
    box.addEventListener("click", function (e) {
      var row = e.target.closest(".tk-vrow");
      if (!row) { return; }
      list.active = Number(row.dataset.pos);
      showRow(Number(row.dataset.i));
      renderList();
    });
    renderList();
  };

  // a row of the list on the map: the page's own project, or one of a partner's file
  function showRow(i) {
    if (i >= TK.data.n) { TK.withfile.show(i - TK.data.n); } else { TK.layer.show(i); }
  }

  TK.renderList = renderList;
  function renderList() {
    if (!list.box || list.box.offsetParent === null) { return; }
    var P = TK.labels, d = source(), rows = TK.listRows(), box = list.box, n = rows.length;
    var own = TK.data.n;
    list.count.textContent = P.list_count.replace("{n}", TK.fmt.num(n));
    list.spacer.style.height = (n * ROW) + "px";
    var first = Math.max(0, Math.floor(box.scrollTop / ROW) - 2);
    var last = Math.min(n, first + Math.ceil(box.clientHeight / ROW) + 4);
    Array.prototype.slice.call(box.querySelectorAll(".tk-vrow")).forEach(function (r) { r.remove(); });
    for (var k = first; k < last; k++) {
      var i = rows[k], row = el("div", "tk-vrow");
      row.id = "tk-row-" + k;
      row.setAttribute("role", "option");
      row.dataset.i = i;
      row.dataset.pos = k;
      row.style.top = (k * ROW) + "px";
      row.setAttribute("aria-selected", k === list.active ? "true" : "false");
      var name = el("div", "tk-vname");
      name.appendChild(swatch(d.colours[d.t[i]], "tk-dot"));
      name.appendChild(document.createTextNode(d.name[i]));
      row.appendChild(name);
      var where = d.mun[i] >= 0 ? d.areas.mun.name[d.mun[i]]
        : d.sub[i] >= 0 ? d.areas.sub.name[d.sub[i]] : (d.inm[i] ? "MRA" : d.labels.outside);
      var facts = el("div", "tk-small", [d.eur[i] >= 0 ? TK.fmt.eur(d.eur[i]) : d.labels.amount_unknown,
        d.yr[i] > 0 ? String(d.yr[i]) : "", where].filter(Boolean).join(" \u00b7 "));
      if (i >= own) {  // a partner's file, counted with the switch "met uw bestand": said first
        row.classList.add("tk-vrow-yours");
        facts.insertBefore(el("span", "tk-yours-mark", TK.withfile.mark() + " \u00b7 "), facts.firstChild);
      }
      row.appendChild(facts);
      // no aria-label: the option's name is what it shows (name, amount, year, place)
      box.appendChild(row);
    }
    if (n) { box.setAttribute("aria-activedescendant", "tk-row-" + list.active); }
    else { box.removeAttribute("aria-activedescendant"); }
  }

  TK.areasSection = function (body) {
    var P = TK.labels, A = TK.data.areas;
    body.textContent = "";
    body.appendChild(el("div", "tk-small", P.areas_label));
    var ul = el("ul", "tk-arealist");
    // alphabetical in the page's language ("IJmond" under I, "Gooise Meren" before "Wijdemeren")
    var lang = TK.data.lang === "en" ? "en" : "nl";
    var byName = function (names) {
      return names.map(function (n, k) { return k; }).sort(function (a, b) {
        return names[a].localeCompare(names[b], lang, {sensitivity: "base"}) || a - b;
      });
    };
    var muns = byName(A.mun.name);
    byName(A.sub.name).forEach(function (k) {
      var name = A.sub.name[k], li = el("li"), btn = el("button", "tk-link tk-area-sub", name);
      btn.type = "button";
      btn.addEventListener("click", function () { TK.openArea("sub", k); });
      li.appendChild(btn);
      var inner = el("ul");
      muns.forEach(function (j) {
        if (A.mun.sub[j] !== k) { return; }
        var mli = el("li"), mb = el("button", "tk-link tk-area-mun", A.mun.name[j]);
        mb.type = "button";
        mb.addEventListener("click", function () { TK.openArea("mun", j); });
        mli.appendChild(mb);
        inner.appendChild(mli);
      });
      li.appendChild(inner);
      ul.appendChild(li);
    });
    body.appendChild(ul);
  };

})();
