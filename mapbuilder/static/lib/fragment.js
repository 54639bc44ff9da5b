/* transitiekaart lib/fragment: the filter state in the URL fragment, pure (no DOM, no page state).
 *
 * parse("#theme=ai,health&year=2024-2026") -> {theme: "ai,health", year: "2024-2026"} (raw text);
 * normalise(input, base, ctx) -> a valid state from any object with the fragment's keys (the
 * fragment's text or the script interface's values), bad values ignored and reported to
 * ctx.warn; format(state, defaultMetric) -> the fragment again. The page (filter.js) passes what
 * it knows in ctx: {codes, sts, metrics, empty, warn}. See lib/classes.js for the module pattern.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).fragment = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function noWarn() { /* the caller did not ask to hear about ignored values */ }

  // a number from a number or its text; null for nothing, undefined for not a number
  function cleanNumber(v) {
    if (v === null || v === undefined || v === "") { return null; }
    var x = typeof v === "number" ? v : Number(String(v).trim());
    return isFinite(x) ? x : undefined;
  }

  // the fragment's keys and their raw (decoded) text; a part that does not decode is ignored
  function parse(hash, warn) {
    var say = warn || noWarn;
    // no prototype: "__proto__" is a key like any other (and is warned about)
    var text = String(hash || "").replace(/^#/, ""), input = Object.create(null);
    if (!text) { return input; }
    text.split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("="), key = eq < 0 ? part : part.slice(0, eq);
      var raw = eq < 0 ? "" : part.slice(eq + 1), value, name;
      try {  // a malformed key ("%", "%E0%A4%A") is ignored like a malformed value
        value = decodeURIComponent(raw.replace(/\+/g, " "));
        name = decodeURIComponent(key);
      } catch (err) { say(key, raw); return; }
      input[name] = value;
    });
    return input;
  }

  // a valid state from any object with the fragment's keys; bad values are ignored
  // ctx: {codes: theme codes, sts: status codes, metrics: metric names, classModes: the
  // fills' class modes, empty: the state with nothing chosen, warn(key, value): told of
  // every ignored value}
  function normalise(input, base, ctx) {
    var warn = ctx.warn || noWarn, out = Object.assign({}, ctx.empty, base || {});
    if (!input || typeof input !== "object") { return out; }
    Object.keys(input).forEach(function (key) {
      var v = input[key];
      if (key === "theme") {
        if (v === null) { out.theme = null; return; }
        var list = Array.isArray(v) ? v : String(v).split(",").filter(Boolean);
        var ok = list.filter(function (c) { return ctx.codes.indexOf(String(c)) >= 0; });
        if (ok.length !== list.length) { warn(key, v); }
        out.theme = ok.length === ctx.codes.length ? null : ok.map(String);
        if (list.length && !ok.length) { out.theme = null; }
      } else if (key === "status") {
        if (v === null) { out.status = null; return; }
        var sl = Array.isArray(v) ? v : String(v).split(",").filter(Boolean);
        var sok = sl.filter(function (c) { return ctx.sts.indexOf(String(c)) >= 0; });
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
        if ((ctx.classModes || []).indexOf(String(v)) < 0) { warn(key, v); return; }
        out.classes = String(v);
      } else if (key === "pies") {
        var pv = String(v);
        if (v === true || pv === "1" || pv === "true") { out.pies = true; }
        else if (v === false || v === null || pv === "0" || pv === "false") { out.pies = false; }
        else { warn(key, v); }
      } else if (key === "metric") {
        if (ctx.metrics.indexOf(String(v)) < 0) { warn(key, v); return; }
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
  }

  // the fragment of a state (without "#"); the metric only when it is not the page's default
  function format(s, defaultMetric) {
    var parts = [];
    function put(k, v) {  // readable: commas and slashes stay as they are
      parts.push(k + "=" + encodeURIComponent(v).replace(/%2C/g, ",").replace(/%2F/g, "/"));
    }
    if (s.theme) { put("theme", s.theme.join(",")); }
    if (s.year) { put("year", s.year[0] + "-" + s.year[1]); }
    if (s.status) { put("status", s.status.join(",")); }
    if (s.min !== null) { put("min", s.min); }
    if (s.max !== null) { put("max", s.max); }
    if (s.q) { put("q", s.q); }
    if (s.metric !== defaultMetric) { put("metric", s.metric); }
    if (s.classes && s.classes !== "index") { put("classes", s.classes); }
    if (s.pies) { put("pies", "1"); }
    if (s.view) {
      put("view", [s.view[0].toFixed(2), s.view[1].toFixed(5), s.view[2].toFixed(5)].join("/"));
    }
    return parts.join("&");
  }

  return {cleanNumber: cleanNumber, parse: parse, normalise: normalise, format: format};
}));
