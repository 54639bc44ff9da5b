/* transitiekaart lib/withfile: a partner's checked file as columns beside the page's own, pure
 * (no DOM, no Leaflet, no page state).
 *
 * columns(projects, rules, d) turns the projects of the page's check (lib/check_core.js,
 * each {theme, name, amount_eur, status, start_year, organisation, description, url, id,
 * place, place_area, lon, lat, snapped}) into columns with the payload's names and meanings (mapbuilder/
 * mappage/points.py project_payload): t, eur (whole euros, -1 unknown), yr (0 unknown), st,
 * org/orgs, mun, sub, inm, pl, nvx (0: not counted in a NOVEX area), hx (-1: no cell), x/y
 * (7-decimal integers), id, name, url and desc (sparse, keyed by index as the payload's). Each is placed as `transitiekaart add` and `build` place it
 * (geo/combine.py assign_areas): a point in the municipality whose shape holds it (on a
 * shared border the lowest CBS code), or in the municipality its row names when validate
 * moves it just inside (`snapped`, issue 20's border rule); a line or polygon in the one it
 * overlaps most (`municipality`, set by lib/check_shapes.js); outside every municipality it
 * is outside the MRA. Municipality-placed: in that municipality and its subregion; subregion-
 * wide: in the subregion only; MRA-wide: in the MRA only. The shapes are validate's own
 * (rules.municipalities), tested as lib/places.js tests points against them.
 *
 * search(f, q, munNames) is filter.js's search over these columns; merge(a, b) adds two
 * results of lib/aggregate.js (the page's and the file's, made with the same filters), so
 * the page's own columns are never changed. order(...) merges two sorted row lists.
 * Module pattern: see lib/classes.js.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).withfile = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var PLACES = ["point", "municipality", "subregion", "mra"];  // geo/precompute.py PLACES
  var SCALE = 1e7;  // the payload's coordinate scale (7 decimals)

  // a sibling lib module: required in node, TK.lib in the page (as lib/check_core.js)
  function lib(name) {
    if (typeof module === "object" && module.exports) { return require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    return self.transitiekaart.lib[name];
  }

  // the CBS code of the municipality whose shape holds (lon, lat): on a border two do, and
  // the lowest code wins (geo/combine.py assign_areas)
  function municipalityAt(mun, lon, lat) {
    var best = null, P = lib("places"), lonlat = P.decodeRings(mun.lonlat);
    for (var k = 0; k < mun.codes.length; k++) {
      if ((best === null || mun.codes[k] < best) &&
          P.inRings(lonlat[k], lon, lat)) {
        best = mun.codes[k];
      }
    }
    return best;
  }

  // numpy's rint: half to even
  function rint(v) {
    var r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  /* The file's projects as columns. rules: the page's checkRules (areas.names,
   * municipalities); d: the page's payload (codes, sts, areas.mun/sub names). */
  function columns(projects, rules, d) {
    var n = projects.length, A = d.areas;
    var f = {n: n, t: new Int8Array(n), eur: new Float64Array(n), yr: new Int16Array(n),
      st: new Int16Array(n), org: new Int32Array(n), orgs: [], mun: new Int16Array(n),
      sub: new Int16Array(n), inm: new Int8Array(n), pl: new Int8Array(n),
      nvx: new Int32Array(n), hx: new Int32Array(n), x: new Int32Array(n), y: new Int32Array(n),
      smp: new Int8Array(n), id: [], name: [], eurx: {}, scale: SCALE, row: [], place: [],
      url: {}, desc: {}};
    var orgIndex = {};
    projects.forEach(function (p, i) {
      f.t[i] = d.codes.indexOf(p.theme);
      var a = p.amount_eur;
      f.eur[i] = typeof a === "number" && isFinite(a) ? rint(a) : -1;
      if (f.eur[i] >= 0 && f.eur[i] !== a) { f.eurx[String(i)] = a; }  // cents: as written
      f.yr[i] = p.start_year > 0 ? p.start_year : 0;
      f.st[i] = p.status ? d.sts.indexOf(p.status) : -1;
      if (p.organisation) {
        if (!Object.prototype.hasOwnProperty.call(orgIndex, p.organisation)) {
          orgIndex[p.organisation] = f.orgs.length;
          f.orgs.push(p.organisation);
        }
        f.org[i] = orgIndex[p.organisation];
      } else { f.org[i] = -1; }
      var code = null, sub = null;
      f.pl[i] = Math.max(0, PLACES.indexOf(p.place));
      if (p.place === "point") {
        // a line or polygon: the municipality it overlaps most, set by the check
        // (lib/check_shapes.js overlap, assign_areas' largest_overlap)
        code = p.shape ? p.municipality || null : p.snapped && p.named ? p.named
          : municipalityAt(rules.municipalities, p.lon, p.lat);
        var xy = p.drawAt || [p.lon, p.lat];  // a shape: geo's point in its largest overlap
        f.x[i] = Math.round(xy[0] * SCALE);
        f.y[i] = Math.round(xy[1] * SCALE);
      } else if (p.place === "municipality") {
        code = p.place_area;
      } else if (p.place === "subregion") {
        sub = p.place_area;
      }
      var m = code === null ? -1 : A.mun.name.indexOf(rules.areas.names[code]);
      f.mun[i] = m;
      f.sub[i] = m >= 0 ? A.mun.sub[m] : sub === null ? -1 : A.sub.name.indexOf(sub);
      f.inm[i] = m >= 0 || p.place === "subregion" || p.place === "mra" ? 1 : 0;
      if (!f.inm[i]) { f.sub[i] = -1; }
      f.hx[i] = -1;
      f.nvx[i] = 0;
      f.id.push(p.id);
      f.name.push(p.name);
      // the website and description, keyed as the payload's (lib/csv.js register reads them)
      if (p.url) { f.url[String(i)] = p.url; }
      if (p.description) { f.desc[String(i)] = p.description; }
      f.row.push(p.row === undefined ? null : p.row);
      f.place.push(code === null ? null : rules.areas.names[code] || null);
    });
    return f;
  }

  /* which of the file's projects match the search text (lower case): name, organisation, id
   * or municipality, as filter.js searches the page's own */
  function search(f, q, munNames) {
    var hit = new Uint8Array(f.n);
    for (var i = 0; i < f.n; i++) {
      var org = f.org[i] >= 0 ? f.orgs[f.org[i]] : "", mun = f.mun[i] >= 0 ? munNames[f.mun[i]] : "";
      hit[i] = org.toLowerCase().indexOf(q) >= 0 || mun.toLowerCase().indexOf(q) >= 0 ||
        f.name[i].toLowerCase().indexOf(q) >= 0 ||
        (f.id[i] !== null && f.id[i].toLowerCase().indexOf(q) >= 0) ? 1 : 0;
    }
    return hit;
  }

  function addInto(to, from) {
    for (var k = 0; k < to.length; k++) { to[k] += from[k]; }
  }

  /* the sums of two aggregate() results with the same table sizes, as a new result: what
   * one pass over both sets of projects would give (the same additions, in another order:
   * whole euros, so exactly) */
  function merge(a, b) {
    var out = {total: a.total + b.total, themeCount: Float64Array.from(a.themeCount)};
    addInto(out.themeCount, b.themeCount);
    ["sub", "mun", "nvx", "hex"].forEach(function (lv) {
      out[lv] = {};
      Object.keys(a[lv]).forEach(function (k) {
        out[lv][k] = Float64Array.from(a[lv][k]);
        addInto(out[lv][k], b[lv][k]);
      });
    });
    out.mra = {n: a.mra.n + b.mra.n, eur: a.mra.eur + b.mra.eur, te: Float64Array.from(a.mra.te),
      tn: Float64Array.from(a.mra.tn), unknown: a.mra.unknown + b.mra.unknown,
      areawide: a.mra.areawide + b.mra.areawide};
    addInto(out.mra.te, b.mra.te);
    addInto(out.mra.tn, b.mra.tn);
    out.out = {n: a.out.n + b.out.n, eur: a.out.eur + b.out.eur};
    return out;
  }

  /* two lists of rows, each sorted by `before(i, j)` (true when row i comes first), merged
   * into one; the file's rows are numbered from `offset` (the page's n) on. On a tie the
   * page's row comes first. */
  function order(own, file, offset, before) {
    var out = new Uint32Array(own.length + file.length), a = 0, b = 0, k = 0;
    while (a < own.length || b < file.length) {
      if (b >= file.length || (a < own.length && !before(offset + file[b], own[a]))) {
        out[k++] = own[a++];
      } else { out[k++] = offset + file[b++]; }
    }
    return out;
  }

  return {columns: columns, search: search, merge: merge, order: order,
    municipalityAt: municipalityAt, PLACES: PLACES};
}));
