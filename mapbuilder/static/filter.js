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
    var d = TK.data, n = d.n, mask = new Uint8Array(n), i;
    var orgHit = d.orgs.map(function (o) { return o.toLowerCase().indexOf(q) >= 0; });
    var munHit = d.areas.mun.name.map(function (m) { return m.toLowerCase().indexOf(q) >= 0; });
    for (i = 0; i < n; i++) {
      mask[i] = (d.org[i] >= 0 && orgHit[d.org[i]]) || (d.mun[i] >= 0 && munHit[d.mun[i]]) ||
        d.name[i].toLowerCase().indexOf(q) >= 0 || d.id[i].toLowerCase().indexOf(q) >= 0 ? 1 : 0;
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

  function zeros(k) { return new Float64Array(k); }

  TK.apply = function () {
    var sel = TK.sel && TK.sel.length === TK.data.n ? TK.sel : new Uint8Array(TK.data.n);
    TK.agg = aggregate(TK.state, sel);
    TK.sel = sel;
    TK.version = (TK.version || 0) + 1;
    listeners.forEach(function (fn) { fn(); });
  };

  // the figures of the unfiltered data, once: fixed classes and the circle scale come from
  // them, so that they keep their meaning through every filter
  TK.baseAgg = function () {
    if (!TK._base) { TK._base = aggregate(TK.emptyState(), new Uint8Array(TK.data.n)); }
    return TK._base;
  };

  // select the projects of state s into sel (0/1 per project) and sum them per area
  function aggregate(s, sel) {
    var d = TK.data, n = d.n, nt = d.codes.length, i;
    var A = d.areas, ns = A.sub.name.length, nm = A.mun.name.length, nv = A.nvx.name.length;
    var nh = d.cells.length;
    var themeOn = new Uint8Array(nt);
    for (i = 0; i < nt; i++) { themeOn[i] = !s.theme || s.theme.indexOf(d.codes[i]) >= 0; }
    var stOn = null;
    if (s.status) {
      stOn = new Uint8Array(d.sts.length);
      d.sts.forEach(function (code, k) { stOn[k] = s.status.indexOf(code) >= 0 ? 1 : 0; });
    }
    var y0 = s.year ? s.year[0] : null, y1 = s.year ? s.year[1] : null;
    var lo = s.min, hi = s.max, q = (s.q || "").trim().toLowerCase();
    var hit = q ? searchMask(q) : null;
    var agg = {
      sub: {n: zeros(ns), eur: zeros(ns), te: zeros(ns * nt), tn: zeros(ns * nt)},
      mun: {n: zeros(nm), eur: zeros(nm), te: zeros(nm * nt), tn: zeros(nm * nt)},
      nvx: {n: zeros(nv), eur: zeros(nv)},
      mra: {n: 0, eur: 0, te: zeros(nt), tn: zeros(nt), unknown: 0, areawide: 0},
      out: {n: 0, eur: 0},
      hex: {n: zeros(nh), eur: zeros(nh)},
      themeCount: zeros(nt), total: 0
    };
    var T = d.t, E = d.eur, Y = d.yr, ST = d.st, SUB = d.sub, MUN = d.mun, INM = d.inm;
    var NVX = d.nvx, HX = d.hx, PL = d.pl, m = agg.mra, k;
    for (i = 0; i < n; i++) {
      sel[i] = 0;
      var e = E[i];
      if (y0 !== null && (Y[i] <= 0 || Y[i] < y0 || Y[i] > y1)) { continue; }
      if (stOn && (ST[i] < 0 || !stOn[ST[i]])) { continue; }
      if ((lo !== null || hi !== null) &&
          (e < 0 || (lo !== null && e < lo) || (hi !== null && e > hi))) { continue; }
      if (hit && !hit[i]) { continue; }
      var t = T[i];
      agg.themeCount[t]++;
      if (!themeOn[t]) { continue; }
      sel[i] = 1;
      agg.total++;
      var eu = e > 0 ? e : 0;
      if (!INM[i]) { agg.out.n++; agg.out.eur += eu; continue; }
      m.n++; m.eur += eu; m.te[t] += eu; m.tn[t]++;
      if (e < 0) { m.unknown++; }
      if (PL[i] > 0) { m.areawide++; }
      if ((k = SUB[i]) >= 0) {
        agg.sub.n[k]++; agg.sub.eur[k] += eu; agg.sub.te[k * nt + t] += eu; agg.sub.tn[k * nt + t]++;
      }
      if ((k = MUN[i]) >= 0) {
        agg.mun.n[k]++; agg.mun.eur[k] += eu; agg.mun.te[k * nt + t] += eu; agg.mun.tn[k * nt + t]++;
      }
      if ((k = NVX[i])) {
        for (var b = 0; b < nv; b++) {
          if (k & (1 << b)) { agg.nvx.n[b]++; agg.nvx.eur[b] += eu; }
        }
      }
      if ((k = HX[i]) >= 0) { agg.hex.n[k]++; agg.hex.eur[k] += eu; }
    }
    return agg;
  }

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
  function warn(key, value) {
    console.warn("transitiekaart: ignored " + key + "=" + JSON.stringify(value));
  }

  function cleanNumber(v) {
    if (v === null || v === undefined || v === "") { return null; }
    var x = typeof v === "number" ? v : Number(String(v).trim());
    return isFinite(x) ? x : undefined;
  }

  // a valid state from any object with the fragment's keys; bad values are ignored
  TK.normalise = function (input, base) {
    var d = TK.data, out = Object.assign(TK.emptyState(), base || {});
    if (!input || typeof input !== "object") { return out; }
    Object.keys(input).forEach(function (key) {
      var v = input[key];
      if (key === "theme") {
        if (v === null) { out.theme = null; return; }
        var list = Array.isArray(v) ? v : String(v).split(",").filter(Boolean);
        var ok = list.filter(function (c) { return d.codes.indexOf(String(c)) >= 0; });
        if (ok.length !== list.length) { warn(key, v); }
        out.theme = ok.length === d.codes.length ? null : ok.map(String);
        if (list.length && !ok.length) { out.theme = null; }
      } else if (key === "status") {
        if (v === null) { out.status = null; return; }
        var sl = Array.isArray(v) ? v : String(v).split(",").filter(Boolean);
        var sok = sl.filter(function (c) { return d.sts.indexOf(String(c)) >= 0; });
        if (sok.length !== sl.length) { warn(key, v); }
        out.status = sok.length ? sok.map(String) : (sl.length ? null : []);
      } else if (key === "year") {
        if (v === null) { out.year = null; return; }
        var m = Array.isArray(v) ? v : String(v).split("-");
        var a = cleanNumber(m[0]), b = cleanNumber(m.length > 1 ? m[1] : m[0]);
        if (m.length > 2 || a === undefined || b === undefined || a === null || b === null ||
            a > b) { warn(key, v); return; }
        out.year = [Math.round(a), Math.round(b)];
      } else if (key === "min" || key === "max") {
        var x = cleanNumber(v);
        if (x === undefined || (x !== null && x < 0)) { warn(key, v); return; }
        out[key] = x;
      } else if (key === "q") {
        out.q = v === null ? "" : String(v).slice(0, 200);
      } else if (key === "classes") {
        if (CLASS_MODES.indexOf(String(v)) < 0) { warn(key, v); return; }
        out.classes = String(v);
      } else if (key === "pies") {
        var pv = String(v);
        if (v === true || pv === "1" || pv === "true") { out.pies = true; }
        else if (v === false || v === null || pv === "0" || pv === "false") { out.pies = false; }
        else { warn(key, v); }
      } else if (key === "metric") {
        if (METRICS.indexOf(String(v)) < 0) { warn(key, v); return; }
        out.metric = String(v);
      } else if (key === "view") {
        if (v === null) { out.view = null; return; }
        var p = (Array.isArray(v) ? v : String(v).split("/")).map(cleanNumber);
        if (p.length !== 3 || p.some(function (z) { return z === undefined || z === null; }) ||
            p[0] < 0 || p[0] > 20 || Math.abs(p[1]) > 85 || Math.abs(p[2]) > 180) {
          warn(key, v); return;
        }
        out.view = p;
      } else {
        warn(key, v);
      }
    });
    if (out.min !== null && out.max !== null && out.min > out.max) {
      warn("min/max", [out.min, out.max]); out.min = null; out.max = null;
    }
    return out;
  };

  TK.fragment = function (state) {
    var s = state || TK.state, parts = [];
    function put(k, v) {  // readable: commas and slashes stay as they are
      parts.push(k + "=" + encodeURIComponent(v).replace(/%2C/g, ",").replace(/%2F/g, "/"));
    }
    if (s.theme) { put("theme", s.theme.join(",")); }
    if (s.year) { put("year", s.year[0] + "-" + s.year[1]); }
    if (s.status) { put("status", s.status.join(",")); }
    if (s.min !== null) { put("min", s.min); }
    if (s.max !== null) { put("max", s.max); }
    if (s.q) { put("q", s.q); }
    if (s.metric !== TK.data.metric) { put("metric", s.metric); }
    if (s.classes && s.classes !== "index") { put("classes", s.classes); }
    if (s.pies) { put("pies", "1"); }
    if (s.view) {
      put("view", [s.view[0].toFixed(2), s.view[1].toFixed(5), s.view[2].toFixed(5)].join("/"));
    }
    return parts.join("&");
  };

  TK.parseFragment = function (hash) {
    var text = String(hash || "").replace(/^#/, ""), input = {};
    if (!text) { return input; }
    text.split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("="), key = eq < 0 ? part : part.slice(0, eq);
      var raw = eq < 0 ? "" : part.slice(eq + 1), value;
      try { value = decodeURIComponent(raw.replace(/\+/g, " ")); }
      catch (err) { warn(key, raw); return; }
      input[decodeURIComponent(key)] = value;
    });
    return input;
  };

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
  function csvCell(v, sep) {
    var s = v === null || v === undefined ? "" : String(v);
    if (typeof v !== "number" && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    if (s.indexOf(sep) >= 0 || /["\n\r]/.test(s)) { s = "\"" + s.replace(/"/g, "\"\"") + "\""; }
    return s;
  }

  // words: theme and status as the page names them (for the CSV a person opens in Excel, which
  // `transitiekaart add` reads back); otherwise their codes (GeoJSON, for other tools)
  TK.exportRows = function (words) {
    var d = TK.data, P = d.page, rows = [], s = d.scale, L_ = d.labels;
    var places = ["point", "municipality", "subregion", "mra"];
    TK.selected().forEach(function (i) {
      var drawn = d.pl[i] <= 1;
      rows.push({id: d.id[i], name: d.name[i],
                 theme: words ? L_.themes[d.t[i]] : d.codes[d.t[i]],
                 amount_eur: d.eur[i] >= 0 ? d.eur[i] : null,
                 status: d.st[i] < 0 ? null : (words ? L_.status[d.st[i]] : d.sts[d.st[i]]),
                 start_year: d.yr[i] > 0 ? d.yr[i] : null,
                 organisation: d.org[i] >= 0 ? d.orgs[d.org[i]] : null,
                 municipality: d.mun[i] >= 0 ? d.areas.mun.name[d.mun[i]] : null,
                 subregion: d.sub[i] >= 0 ? d.areas.sub.name[d.sub[i]] : null,
                 in_mra: !!d.inm[i], place: places[d.pl[i]],
                 lon: drawn ? d.x[i] / s : null, lat: drawn ? d.y[i] / s : null});
    });
    return {rows: rows, header: P.csv};
  };

  // the CSV for Excel; its last column ("selectie") says on the first row which filters made
  // the selection and when (print.js: the same words as on paper), a column that
  // `transitiekaart add` reads back as an unknown column, with a note
  TK.csv = function () {
    var nl = TK.data.lang !== "en", sep = nl ? ";" : ",", ex = TK.exportRows(true);
    var keys = Object.keys(ex.header), lines = [keys.map(function (k) {
      return csvCell(ex.header[k], sep);
    }).join(sep)];
    var words = TK.print ? TK.print.words() : null;
    var note = words ? words.filter + " \u00b7 " + words.date : "";
    ex.rows.forEach(function (r, row) {
      lines.push(keys.map(function (k) {
        var v = k === "selection" ? (row === 0 ? note : "") : r[k];
        if (typeof v === "boolean") { v = v ? 1 : 0; }
        if (typeof v === "number" && nl) { return String(v).replace(".", ","); }
        return csvCell(v, sep);
      }).join(sep));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
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
