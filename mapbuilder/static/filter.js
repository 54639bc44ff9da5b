/* transitiekaart: one filter state, and every figure of the page computed from it.
 *
 * The state: {theme: [codes] | null (all), year: [from, to] | null,
 * status: [codes] | null, min: euros | null, max: euros | null, q: text,
 * metric: total | per_inhabitant | per_km2 | count, view: [zoom, lat, lon] | null}.
 * TK.apply() filters the payload's columns (no geometry: each project's
 * municipality, subregion, NOVEX areas and H3 cell come precomputed from
 * Python) into TK.sel and sums per area into TK.agg. Everything else on the
 * page (fills, classes, legend, summary, tooltips, symbols, hexagons, list)
 * reads TK.agg. The state lives in the URL fragment (#theme=..&year=..).
 * The one pass over the projects is TK.lib.aggregate (static/lib/aggregate.js); a change
 * of only the metric or the view keeps TK.sel, TK.agg and TK.version and redraws.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var METRICS = ["total", "per_inhabitant", "per_km2", "count"];
  var listeners = [];

  TK.emptyState = function () {
    return {theme: null, year: null, status: null, min: null, max: null, q: "",
            metric: TK.data ? TK.data.metric : "per_inhabitant", view: null,
            classes: "index", pies: false};
  };
  var CLASS_MODES = ["index", "fixed"];  // fills: % of the MRA rate, or fixed amounts

  // ---- number formats -------------------------------------------------------
  TK.makeFormats = function (d) {
    var P = d.page, loc = d.lang === "en" ? "en-GB" : "nl-NL", nl = d.lang !== "en";
    var num = new Intl.NumberFormat(loc);
    function n(v, digits) {
      return new Intl.NumberFormat(loc, {minimumFractionDigits: digits || 0,
                                         maximumFractionDigits: digits || 0}).format(v);
    }
    // a negative amount: a real minus before the euro sign, as layers.lang.format_eur
    function signed(v, text) { return v < 0 && /[1-9]/.test(text) ? "\u2212" + text : text; }
    function eurShort(v) {  // "€ 12,1 mln" / "€12.1m"; small amounts in full
      var a = Math.abs(v), s;
      var dec = function (x) { return n(x, x >= 100 || Math.round(x * 10) % 10 === 0 ? 0 : 1); };
      if (a >= 1e9) { s = dec(a / 1e9) + " " + P.mld; }
      else if (a >= 1e6) { s = dec(a / 1e6) + " " + P.mln; }
      else { s = num.format(Math.round(a)); }
      return signed(v, nl ? "\u20ac " + s
        : "\u20ac" + s.replace(" " + P.mln, P.mln).replace(" " + P.mld, P.mld));
    }
    function eur(v) {
      return signed(v, (nl ? "\u20ac " : "\u20ac") + num.format(Math.round(Math.abs(v))));
    }
    return {
      num: function (v) { return num.format(v); },
      n: n, eur: eur, eurShort: eurShort,
      pct: function (v) { return n(100 * v, 1) + "%"; },
      count: function (k) { return num.format(k) + " " + (k === 1 ? P.project_1 : P.projects); },
      metric: function (m, v) {
        if (v === null || v === undefined || !isFinite(v)) { return "\u2013"; }
        if (m === "count") { return num.format(v); }
        if (m === "total") { return eurShort(v); }
        return v >= 1e6 ? eurShort(v) : eur(v);
      }
    };
  };

  // ---- the filter -----------------------------------------------------------
  // which projects match the search text: name, organisation, id or municipality,
  // case-insensitive. Organisations and municipalities are short tables, tested
  // once; names and ids are lowered one by one (no lasting copy of a million
  // strings). The result is kept for the last text.
  function searchMask(q) {
    if (TK._search && TK._search.q === q) { return TK._search.mask; }
    var d = TK.data, n = d.n, mask = new Uint8Array(n), i, ids = d.id || null;  // null: derived
    var orgHit = d.orgs.map(function (o) { return o.toLowerCase().indexOf(q) >= 0; });
    var munHit = d.areas.mun.name.map(function (m) { return m.toLowerCase().indexOf(q) >= 0; });
    for (i = 0; i < n; i++) {
      mask[i] = (d.org[i] >= 0 && orgHit[d.org[i]]) || (d.mun[i] >= 0 && munHit[d.mun[i]]) ||
        d.name[i].toLowerCase().indexOf(q) >= 0 ||
        (ids !== null && ids[i].toLowerCase().indexOf(q) >= 0) ? 1 : 0;
    }
    TK._search = {q: q, mask: mask};
    return mask;
  }

  // numeric columns as typed arrays: a quarter of the memory of JSON's arrays
  TK.compact = function (d) {
    var types = {x: Int32Array, y: Int32Array, t: Int8Array, eur: Float64Array, yr: Int16Array,
                 st: Int16Array, org: Int32Array, mun: Int16Array, sub: Int16Array,
                 inm: Int8Array, pl: Int8Array, hx: Int32Array, nvx: Int32Array, smp: Int8Array};
    Object.keys(types).forEach(function (k) {
      if (Array.isArray(d[k])) { d[k] = types[k].from(d[k]); }
    });
    return d;
  };

  // the filters that decide the selection (not the metric or the view): a change of only
  // those others redraws from the sums already made
  function selectionKey(s) {
    return JSON.stringify([s.theme, s.status, s.year, s.min, s.max, (s.q || "").trim(),
                           TK.withfile ? TK.withfile.key() : ""]);
  }

  // select the projects of state s into sel (0/1 per project) and sum them per area, in
  // one pass (lib/aggregate.js). `c`: other columns of the same meaning (a partner's file,
  // withfile.js) and their search, instead of the page's own
  function aggregate(s, sel, c, search) {
    var d = TK.data, nt = d.codes.length, i, A = d.areas;
    c = c || d;
    var themeOn = new Uint8Array(nt);
    for (i = 0; i < nt; i++) { themeOn[i] = !s.theme || s.theme.indexOf(d.codes[i]) >= 0; }
    var stOn = null;
    if (s.status) {
      stOn = new Uint8Array(d.sts.length);
      d.sts.forEach(function (code, k) { stOn[k] = s.status.indexOf(code) >= 0 ? 1 : 0; });
    }
    var q = (s.q || "").trim().toLowerCase();
    return TK.lib.aggregate.aggregate({
      n: c.n, t: c.t, eur: c.eur, yr: c.yr, st: c.st, sub: c.sub, mun: c.mun, inm: c.inm,
      pl: c.pl, nvx: c.nvx, hx: c.hx, nt: nt, ns: A.sub.name.length, nm: A.mun.name.length,
      nv: A.nvx.name.length, nh: d.cells.length
    }, {themeOn: themeOn, stOn: stOn, y0: s.year ? s.year[0] : null,
        y1: s.year ? s.year[1] : null, lo: s.min, hi: s.max,
        hit: q ? (search || searchMask)(q) : null},
    sel);
  }

  // the page's sums, plus those of a partner's file when its switch is on (withfile.js):
  // the file's projects filtered alike in their own columns, the two sums added
  function aggregateAll(s, sel) {
    var own = aggregate(s, sel), W = TK.withfile;
    if (!W || !W.active()) { return own; }
    var f = W.cols(), names = TK.data.areas.mun.name;
    var mine = aggregate(s, W.sel(), f, function (q) { return TK.lib.withfile.search(f, q, names); });
    return TK.lib.withfile.merge(own, mine);
  }

  TK.apply = function (force) {
    var n = TK.data.n, key = selectionKey(TK.state);
    if (!force && TK.agg && TK._applied === key && TK.sel && TK.sel.length === n) {
      listeners.forEach(function (fn) { fn(); });  // same selection: TK.version unchanged
      return;
    }
    var sel = TK.sel && TK.sel.length === n ? TK.sel : new Uint8Array(n);
    TK.agg = aggregateAll(TK.state, sel);
    TK.sel = sel;
    TK._applied = key;
    TK.version = (TK.version || 0) + 1;
    listeners.forEach(function (fn) { fn(); });
  };

  // the figures of the unfiltered data, once: fixed classes and the circle scale come from
  // them, so that they keep their meaning through every filter
  TK.baseAgg = function () {
    if (!TK._base) {  // the unfiltered selection applied now (a page just opened): its sums
      TK._base = TK.agg && TK._applied === selectionKey(TK.emptyState()) ? TK.agg
        : aggregate(TK.emptyState(), new Uint8Array(TK.data.n));
    }
    return TK._base;
  };

  TK.onChange = function (fn) { listeners.push(fn); };

  // figures of one area (level sub | mun | nvx | mra, index k) in the selection (default TK.agg)
  TK.figures = function (level, k, from) {
    var A = TK.data.areas, agg = from || TK.agg;
    var src = level === "mra" ? {n: agg.mra.n, eur: agg.mra.eur, pop: A.mra.pop, km2: A.mra.km2}
      : {n: agg[level].n[k], eur: agg[level].eur[k], pop: A[level].pop[k], km2: A[level].km2[k]};
    return {n: src.n, eur: src.eur,
            eur_per_inhabitant: src.pop > 0 ? src.eur / src.pop : null,
            eur_per_km2: src.km2 > 0 ? src.eur / src.km2 : null};
  };

  TK.metricValue = function (metric, f) {
    return {total: f.eur, count: f.n, per_inhabitant: f.eur_per_inhabitant,
            per_km2: f.eur_per_km2}[metric];
  };

  var LEVELS = {mra: "mra", subregion: "sub", municipality: "mun", novex: "nvx"};

  TK.totals = function (level) {
    var lv = LEVELS[level];
    if (!lv) { throw new Error("level must be one of: " + Object.keys(LEVELS).join(", ")); }
    if (lv === "mra") { return {MRA: TK.figures("mra")}; }
    var names = lv === "nvx" ? TK.data.areas.nvx.key : TK.data.areas[lv].name, out = {};
    names.forEach(function (name, k) { out[name] = TK.figures(lv, k); });
    return out;
  };

  // the selected project indexes
  TK.selected = function () {
    var out = [], sel = TK.sel;
    for (var i = 0; i < sel.length; i++) { if (sel[i]) { out.push(i); } }
    return out;
  };

  // ---- classes: rounded, half-open, each value in exactly one class (lib/classes.js) ----
  var C = TK.lib.classes;
  TK.classes = C.classes;
  TK.shown = C.shown;
  TK.classOf = C.classOf;

  // ---- state, fragment and the script interface -------------------------------
  function warn(key, value) {  // cut: a fragment may be 100 kB of anything
    var cut = function (s) { s = String(s); return s.length > 80 ? s.slice(0, 79) + "…" : s; };
    console.warn("transitiekaart: ignored " + cut(key) + "=" + cut(JSON.stringify(value)));
  }

  // the fragment and the script interface's values (lib/fragment.js)
  var F = TK.lib.fragment;

  // a valid state from any object with the fragment's keys; bad values are ignored
  TK.normalise = function (input, base) {
    var d = TK.data;
    return F.normalise(input, base, {codes: d.codes, sts: d.sts, metrics: METRICS,
                                     classModes: CLASS_MODES, empty: TK.emptyState(), warn: warn});
  };

  TK.fragment = function (state) { return F.format(state || TK.state, TK.data.metric); };

  TK.parseFragment = function (hash) { return F.parse(hash, warn); };

  TK.writeFragment = function () {
    var f = TK.fragment();
    var url = location.href.split("#")[0] + (f ? "#" + f : "");
    try { history.replaceState(null, "", url); } catch (err) { /* file:// in a sandbox */ }
  };

  TK.setFilter = function (state) {
    var keep = Object.assign({}, TK.state);
    TK.state = TK.normalise(state, keep);
    var v = TK.state.view;
    if (state && state.view && v && TK.map) {  // a view asked for: go there
      TK.map.setView([v[1], v[2]], v[0], {animate: false});
    }
    TK.apply();
    TK.writeFragment();
    return TK.getFilter();
  };

  TK.getFilter = function () {
    var s = TK.state;
    return {theme: s.theme ? s.theme.slice() : null, year: s.year ? s.year.slice() : null,
            status: s.status ? s.status.slice() : null, min: s.min, max: s.max, q: s.q,
            metric: s.metric, view: s.view ? s.view.slice() : null,
            classes: s.classes, pies: !!s.pies};
  };

  // ---- export ---------------------------------------------------------------
  // the GeoJSON export, for other tools: codes, not words (the CSV: TK.csv). Only a project
  // with a place of its own has a geometry: one known by municipality only is drawn at the
  // municipality's label point, but exported without it, so `add` reads it back by its
  // municipality and never as an exact point
  TK.exportRows = function () {
    var d = TK.data, rows = [], s = d.scale;
    var places = ["point", "municipality", "subregion", "mra"];
    var mraWide = TK.checkRules.export.mra_wide[d.lang === "en" ? "en" : "nl"];
    TK.selected().forEach(function (i) {
      var drawn = d.pl[i] === 0, key = String(i), st = d.st[i];
      rows.push({id: d.id ? d.id[i] : null, name: d.name[i],
                 theme: d.codes[d.t[i]],
                 amount_eur: d.eurx && key in d.eurx ? d.eurx[key] : d.eur[i] >= 0 ? d.eur[i] : null,
                 status: st < 0 ? null : d.stw && key in d.stw ? d.stw[key] : d.sts[st],
                 start_year: d.yr[i] > 0 ? d.yr[i] : null,
                 organisation: d.org[i] >= 0 ? d.orgs[d.org[i]] : null,
                 municipality: d.mun[i] >= 0 ? d.areas.mun.name[d.mun[i]] : null,
                 // an MRA-wide project says so, as the template's column does ("MRA-breed")
                 subregion: d.sub[i] >= 0 ? d.areas.sub.name[d.sub[i]] : d.pl[i] === 3 ? mraWide : null,
                 in_mra: !!d.inm[i], place: places[d.pl[i]],
                 lon: drawn ? d.x[i] / s : null, lat: drawn ? d.y[i] / s : null});
    });
    return {rows: rows};
  };

  // the CSV for Excel: the register's exchange format (lib/csv.js register: what
  // `transitiekaart list --format csv` writes for the same projects, in the project list's
  // order), so `transitiekaart add FILE --update` reads it back into the same register. When
  // a filter leaves projects out, one more column ("selectie") says on its first row which
  // filters made the selection and when (print.js: the words on paper); `add` notes it as
  // an ignored column. The whole data set exports exactly as `list --format csv`.
  // With a partner's file counted (withfile.js), its selected projects are in the list and
  // so here, marked in one more column ("herkomst": "uit uw bestand"); the page's own rows
  // are written as without the file.
  TK.csv = function () {
    var d = TK.data, rows = TK.listRows(), extra = [], W = TK.withfile;
    var mine = W && W.active(), all = d.n + (mine ? W.cols().n : 0);
    var words = rows.length < all && TK.print ? TK.print.words() : null;
    if (rows.length && words) {
      var values = new Array(rows.length);
      values[0] = words.filter + " \u00b7 " + words.date;
      extra.push({header: d.page.csv.selection, values: values});
    }
    if (mine) {
      var marks = new Array(rows.length), T = d.page.withfile;
      for (var k = 0; k < rows.length; k++) { marks[k] = rows[k] >= d.n ? T.mark : null; }
      extra.push({header: T.csv_header, values: marks});
    }
    return TK.lib.csv.register(mine ? W.view() : d, rows, TK.checkRules.export, d.lang,
                               extra.length ? extra : null);
  };

  TK.geojson = function () {
    var ex = TK.exportRows();
    return JSON.stringify({type: "FeatureCollection", features: ex.rows.map(function (r) {
      var props = Object.assign({}, r);
      delete props.lon; delete props.lat;
      return {type: "Feature", properties: props,
              geometry: r.lon === null ? null : {type: "Point", coordinates: [r.lon, r.lat]}};
    })});
  };

  TK.download = function (kind) {
    var text = kind === "csv" ? TK.csv() : TK.geojson();
    var type = kind === "csv" ? "text/csv;charset=utf-8" : "application/geo+json";
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var a = document.createElement("a");
    a.href = url;
    a.download = "transitiekaart-selectie." + (kind === "csv" ? "csv" : "geojson");
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  };
})();
