/* transitiekaart lib/check_shapes: a dropped file's lines, polygons and multipoints as
 * `transitiekaart validate` checks and places them, pure (no DOM, no Leaflet, no page state).
 *
 * Ports of geo/validate/checks.py _check_geometries (shapely's is_valid and is_valid_reason,
 * GEOS IsValidOp, and the repair by make_valid, note `repaired`), of geo/combine.py
 * largest_overlap (a polygon or line is in the MRA when at least half of it, area or length in
 * RD New, lies in the municipalities; it counts in the one it overlaps most, ties: the first)
 * and of shapely's representative_point (GEOS InteriorPointArea, InteriorPointLine,
 * InteriorPointPoint: the point the outside note names and the register's lon/lat).
 *
 * Validity, as GEOS decides it (exact orientation, lib/places.js orient; segment crossings as
 * GEOS's LineIntersector, the earlier segment first): a polygon is valid when no two of its
 * segments meet except neighbours at their shared corner, every ring has four distinct
 * points, every hole lies in its shell and in no other hole, and no shell lies in another
 * polygon. The one invalid shape the page repairs is the common one, a ring that crosses
 * itself once (a bow-tie): its reason is GEOS's "Self-intersection[x y]" (15 significant
 * digits) and make_valid's result is its two loops (two polygons, or one with a hole when one
 * loop lies in the other). Every other invalid shape (touching rings, several crossings,
 * overlapping edges, a hole outside its shell, too few points), an overlap too close to half
 * or a shape lying along a municipality's border is declined: the page's check then says it
 * is incomplete and names the command. Held to Python by tests/test_check_shapes_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.check_shapes`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).check_shapes = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var got = {};  // the sibling modules, looked up once (orient runs for every pair of segments)
  function lib(name) {
    if (got[name]) { return got[name]; }
    if (typeof module === "object" && module.exports) { got[name] = require("./" + name + ".js"); }  // eslint-disable-line no-undef -- node only
    else { got[name] = self.transitiekaart.lib[name]; }
    return got[name];
  }

  var NEAR_HALF = 1e-9;  // |inside - whole / 2| within this share of the whole: declined

  function same(a, b) { return a[0] === b[0] && a[1] === b[1]; }
  function orient(a, b, c) {  // exact; a corner of the segment itself is on it (neighbours share one)
    if (same(c, a) || same(c, b)) { return 0; }
    return lib("places").orient(a[0], a[1], b[0], b[1], c[0], c[1]);
  }
  function within(a, b, p) {  // p in the envelope of a-b
    return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) &&
      p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
  }
  function envelopesMeet(p1, p2, q1, q2) {
    return Math.max(p1[0], p2[0]) >= Math.min(q1[0], q2[0]) && Math.max(q1[0], q2[0]) >= Math.min(p1[0], p2[0]) &&
      Math.max(p1[1], p2[1]) >= Math.min(q1[1], q2[1]) && Math.max(q1[1], q2[1]) >= Math.min(p1[1], p2[1]);
  }

  /* GEOS Intersection::intersection: the crossing of two lines, conditioned on the middle of
   * the segments' common envelope; null when it falls outside it (GEOS then takes an end) */
  function crossing(p1, p2, q1, q2) {
    var ix0 = Math.max(Math.min(p1[0], p2[0]), Math.min(q1[0], q2[0]));
    var ix1 = Math.min(Math.max(p1[0], p2[0]), Math.max(q1[0], q2[0]));
    var iy0 = Math.max(Math.min(p1[1], p2[1]), Math.min(q1[1], q2[1]));
    var iy1 = Math.min(Math.max(p1[1], p2[1]), Math.max(q1[1], q2[1]));
    var mx = (ix0 + ix1) / 2, my = (iy0 + iy1) / 2;
    var p1x = p1[0] - mx, p1y = p1[1] - my, p2x = p2[0] - mx, p2y = p2[1] - my;
    var q1x = q1[0] - mx, q1y = q1[1] - my, q2x = q2[0] - mx, q2y = q2[1] - my;
    var px = p1y - p2y, py = p2x - p1x, pw = p1x * p2y - p2x * p1y;
    var qx = q1y - q2y, qy = q2x - q1x, qw = q1x * q2y - q2x * q1y;
    var x = py * qw - qy * pw, y = qx * pw - px * qw, w = px * qy - qx * py;
    var pt = [x / w + mx, y / w + my];
    if (!isFinite(pt[0]) || !isFinite(pt[1]) || !within(p1, p2, pt) || !within(q1, q2, pt)) { return null; }
    return pt;
  }

  /* GEOS LineIntersector::computeIntersect: {n: 0}, {n: 1, proper, pt} or {n: 2} (collinear) */
  function meet(p1, p2, q1, q2) {
    if (!envelopesMeet(p1, p2, q1, q2)) { return {n: 0}; }
    var Pq1 = orient(p1, p2, q1), Pq2 = orient(p1, p2, q2);
    if ((Pq1 > 0 && Pq2 > 0) || (Pq1 < 0 && Pq2 < 0)) { return {n: 0}; }
    var Qp1 = orient(q1, q2, p1), Qp2 = orient(q1, q2, p2);
    if ((Qp1 > 0 && Qp2 > 0) || (Qp1 < 0 && Qp2 < 0)) { return {n: 0}; }
    if (Pq1 === 0 && Pq2 === 0 && Qp1 === 0 && Qp2 === 0) {  // computeCollinearIntersection
      var q1p = within(p1, p2, q1), q2p = within(p1, p2, q2), p1q = within(q1, q2, p1), p2q = within(q1, q2, p2);
      if ((q1p && q2p) || (p1q && p2q)) { return {n: 2}; }
      var pairs = [[q1p && p1q, q1, p1, q2p || p2q], [q1p && p2q, q1, p2, q2p || p1q],
        [q2p && p1q, q2, p1, q1p || p2q], [q2p && p2q, q2, p2, q1p || p1q]];
      for (var k = 0; k < pairs.length; k++) {
        var c = pairs[k];
        if (c[0]) { return same(c[1], c[2]) && !c[3] ? {n: 1, proper: false, pt: c[1]} : {n: 2}; }
      }
      return {n: 0};
    }
    if (Pq1 === 0 || Pq2 === 0 || Qp1 === 0 || Qp2 === 0) {
      var at = same(p1, q1) || same(p1, q2) ? p1 : same(p2, q1) || same(p2, q2) ? p2 :
        Pq1 === 0 ? q1 : Pq2 === 0 ? q2 : Qp1 === 0 ? p1 : p2;
      return {n: 1, proper: false, pt: at};
    }
    return {n: 1, proper: true, pt: crossing(p1, p2, q1, q2)};
  }

  // a double as C++'s ostream with precision 15 writes it (GEOS's reason text)
  function g15(v) {
    if (v === 0) { return "0"; }
    var e = Math.floor(Math.log10(Math.abs(v)));
    if (e < -5 || e >= 15) { return null; }  // scientific notation: not ported
    var s = v.toPrecision(15);
    return s.indexOf(".") >= 0 ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  }

  function dedupe(ring) {
    var out = [ring[0]];
    for (var i = 1; i < ring.length; i++) { if (!same(ring[i], out[out.length - 1])) { out.push(ring[i]); } }
    return out;
  }

  function inRing(ring, p) { return lib("places").inRings([ring], p[0], p[1]); }

  // a point strictly inside a ring (exactly); null when it lies on it
  function strictlyIn(ring, p) {
    for (var i = 1; i < ring.length; i++) {
      if (orient(ring[i - 1], ring[i], p) === 0 && within(ring[i - 1], ring[i], p)) { return null; }
    }
    return inRing(ring, p);
  }

  function signedArea(ring) {  // shoelace about the first corner
    var s = 0, ox = ring[0][0], oy = ring[0][1];
    for (var i = 1; i < ring.length; i++) {
      s += (ring[i - 1][0] - ox) * (ring[i][1] - oy) - (ring[i][0] - ox) * (ring[i - 1][1] - oy);
    }
    return s / 2;
  }

  /* Every pair of segments of `rings` (lists of corners, closed) whose envelopes meet, the
   * earlier segment first: fn(ringA, segA, ringB, segB) */
  function eachPair(rings, fn) {
    var segs = [];
    rings.forEach(function (r, ri) {
      for (var i = 0; i + 1 < r.length; i++) {
        segs.push({r: ri, i: i, x0: Math.min(r[i][0], r[i + 1][0]), x1: Math.max(r[i][0], r[i + 1][0]),
          y0: Math.min(r[i][1], r[i + 1][1]), y1: Math.max(r[i][1], r[i + 1][1]), k: segs.length});
      }
    });
    var byX = segs.slice().sort(function (a, b) { return a.x0 - b.x0 || a.k - b.k; });
    for (var a = 0; a < byX.length; a++) {
      for (var b = a + 1; b < byX.length && byX[b].x0 <= byX[a].x1; b++) {
        var s = byX[a], t = byX[b];
        if (s.y1 < t.y0 || t.y1 < s.y0) { continue; }
        if (fn.apply(null, s.k < t.k ? [s.r, s.i, t.r, t.i] : [t.r, t.i, s.r, s.i]) === false) { return; }
      }
    }
  }

  /* shapely's is_valid on a Polygon or MultiPolygon (lists of rings, 2-D, closed):
   * {valid: true}, {reason, polygons (make_valid's result)} for a ring crossing itself once,
   * or {declined: true} */
  function validity(polygons) {
    var rings = [], owner = [];
    for (var pi = 0; pi < polygons.length; pi++) {
      for (var ri = 0; ri < polygons[pi].length; ri++) {
        var r = dedupe(polygons[pi][ri]);
        if (r.length < 4) { return {declined: true}; }  // "Too few points": make_valid collapses it
        rings.push(r); owner.push([pi, ri]);
      }
    }
    var events = [];
    eachPair(rings, function (ra, i, rb, j) {
      var A = rings[ra], B = rings[rb];
      if (ra === rb && i === j) { return true; }
      var got = meet(A[i], A[i + 1], B[j], B[j + 1]);
      if (got.n === 0) { return true; }
      if (got.n === 1 && !got.proper && ra === rb && (j - i === 1 || j - i === A.length - 2)) { return true; }  // neighbours
      events.push({ra: ra, i: i, rb: rb, j: j, got: got});
      return events.length < 2;
    });
    if (events.length > 1) { return {declined: true}; }
    if (events.length === 1) { return bowtie(polygons, rings, events[0]); }
    // IsValidOp checkHolesInShell, checkHolesNotNested, checkShellsNotNested: rings that do
    // not meet lie wholly in or out of each other, so their first corner tells
    for (var p = 0; p < polygons.length; p++) {
      var shell = dedupe(polygons[p][0]), holes = polygons[p].slice(1).map(dedupe);
      for (var h = 0; h < holes.length; h++) {
        if (!strictlyIn(shell, holes[h][0])) { return {declined: true}; }  // "Hole lies outside shell"
        for (var h2 = 0; h2 < holes.length; h2++) {
          if (h2 !== h && strictlyIn(holes[h2], holes[h][0])) { return {declined: true}; }  // "Holes are nested"
        }
      }
      for (var q = 0; q < polygons.length; q++) {
        if (q === p) { continue; }
        var other = dedupe(polygons[q][0]);
        if (strictlyIn(other, shell[0]) && !polygons[q].slice(1).some(function (hr) {
          return strictlyIn(dedupe(hr), shell[0]);
        })) { return {declined: true}; }  // "Nested shells"
      }
    }
    return {valid: true};
  }

  // the one invalid shape repaired here: one polygon of one ring that crosses itself once
  function bowtie(polygons, rings, ev) {
    if (polygons.length !== 1 || polygons[0].length !== 1 || !ev.got.proper || !ev.got.pt) { return {declined: true}; }
    var R = rings[0], i = ev.i, j = ev.j, X = ev.got.pt, n = R.length - 1;
    // the other order of the two segments must give the same text (GEOS's order is the chains')
    var back = crossing(R[j], R[j + 1], R[i], R[i + 1]);
    var x = g15(X[0]), y = g15(X[1]);
    if (!back || x === null || y === null || g15(back[0]) !== x || g15(back[1]) !== y) { return {declined: true}; }
    // a crossing a hair from a corner: make_valid may collapse a loop to a line there
    if (R.some(function (c) { return Math.abs(c[0] - X[0]) <= 1e-9 && Math.abs(c[1] - X[1]) <= 1e-9; })) {
      return {declined: true};
    }
    var a = [X].concat(R.slice(i + 1, j + 1), [X]);
    var b = [X].concat(R.slice(j + 1, n), R.slice(0, i + 1), [X]);
    var loops = [a, b];
    for (var k = 0; k < 2; k++) {
      var L = loops[k];
      if (dedupe(L).length < 4 || signedArea(L) === 0 || L.slice(1, -1).some(function (c) { return same(c, X); })) {
        return {declined: true};
      }
    }
    var aInB = strictlyIn(b, a[1]), bInA = strictlyIn(a, b[1]);
    if (aInB === null || bInA === null) { return {declined: true}; }
    var out = aInB ? [[b, a]] : bInA ? [[a, b]] : [[a], [b]].sort(function (p, q) {
      // make_valid gives the two loops by their envelope's centre, y then x (held to shapely
      // by tests/test_check_shapes_parity.py): on a tie of widths the first is the register's point
      var e = box([p[0]]), f = box([q[0]]);
      return ((e[1] + e[3]) / 2 - (f[1] + f[3]) / 2) || ((e[0] + e[2]) / 2 - (f[0] + f[2]) / 2);
    });
    // the crossing as a double: exact (on both segments, by exact orientation) only then is
    // it make_valid's too (its noder rounds otherwise, an ulp away from the checker's point)
    var O = lib("places").orient;
    var exact = O(R[i][0], R[i][1], R[i + 1][0], R[i + 1][1], X[0], X[1]) === 0 &&
      O(R[j][0], R[j][1], R[j + 1][0], R[j + 1][1], X[0], X[1]) === 0;
    return {reason: "Self-intersection[" + x + " " + y + "]", polygons: out, exact: exact};
  }

  /* The representative points below are GEOS's arithmetic, so on the file's own lon/lat they
   * are bit for bit shapely's (`slack` 0: ties go to the first, as in GEOS). On corners moved
   * by lib/rd.js (within 1e-8 m of pyproj, not bit for bit) a choice closer than `slack`
   * (relative to the coordinates' size) could go either way: then null (declined). */
  function close(a, b, slack, mag) { return slack > 0 && Math.abs(a - b) <= slack * mag; }

  /* GEOS InteriorPointArea over polygons (lists of rings, shell first): [x, y] or null */
  function interiorPointArea(polygons, slack) {
    var best = null, bestWidth = -1, widths = [], unsure = false;
    polygons.forEach(function (poly) {
      var shell = poly[0], lo = Infinity, hi = -Infinity;
      shell.forEach(function (c) { lo = Math.min(lo, c[1]); hi = Math.max(hi, c[1]); });
      var centre = (lo + hi) / 2, loY = lo, hiY = hi, mag = Math.abs(shell[0][0]) + Math.abs(shell[0][1]);
      poly.forEach(function (ring) {
        ring.forEach(function (c) {
          var yv = c[1];
          if (close(yv, centre, slack, mag) && yv !== lo && yv !== hi) { unsure = true; }
          if (yv <= centre) { if (yv > loY) { loY = yv; } } else if (yv < hiY) { hiY = yv; }
        });
      });
      var Y = (hiY + loY) / 2, xs = [];
      poly.forEach(function (ring) {
        var rlo = Infinity, rhi = -Infinity;
        ring.forEach(function (c) { rlo = Math.min(rlo, c[1]); rhi = Math.max(rhi, c[1]); });
        if (Y < rlo || Y > rhi) { return; }
        for (var i = 1; i < ring.length; i++) {
          var p0 = ring[i - 1], p1 = ring[i], y0 = p0[1], y1 = p1[1];
          if ((y0 > Y && y1 > Y) || (y0 < Y && y1 < Y) || y0 === y1) { continue; }
          if ((y0 === Y && y1 < Y) || (y1 === Y && y0 < Y)) { continue; }
          if (p0[0] === p1[0]) { xs.push(p0[0]); continue; }
          var m = (y1 - y0) / (p1[0] - p0[0]);
          xs.push(p0[0] + (Y - y0) / m);
        }
      });
      xs.sort(function (u, v) { return u - v; });
      var width = 0, pt = shell[0];
      for (var k = 0; k + 1 < xs.length; k += 2) {
        widths.push([xs[k + 1] - xs[k], mag]);
        if (xs[k + 1] - xs[k] > width) { width = xs[k + 1] - xs[k]; pt = [(xs[k] + xs[k + 1]) / 2, Y]; }
      }
      if (width > bestWidth) { bestWidth = width; best = pt; }
    });
    // two pieces of the scan line about as wide: which one GEOS takes is not sure
    var near = widths.filter(function (w) { return close(w[0], bestWidth, slack, w[1]); }).length;
    return unsure || near > 1 ? null : best;
  }

  function dist(a, b) { var dx = a[0] - b[0], dy = a[1] - b[1]; return Math.sqrt(dx * dx + dy * dy); }

  // the nearest of `cands` to `c`, the first on a tie (the same doubles as GEOS computes)
  function nearest(cands, c, slack) {
    var best = null, d0 = Infinity, mag = Math.abs(c[0]) + Math.abs(c[1]);
    cands.forEach(function (p) {
      var d = dist(p, c);
      if (best === null || d < d0) { d0 = d; best = p; }
    });
    var ties = cands.filter(function (p) { return close(dist(p, c), d0, slack, mag); }).length;
    return ties > 1 ? null : best;
  }

  /* GEOS InteriorPointLine: the inner corner nearest the lines' centroid (else the nearest end) */
  function interiorPointLine(lines, slack) {
    var sx = 0, sy = 0, total = 0;
    lines.forEach(function (l) {
      for (var i = 0; i + 1 < l.length; i++) {
        var len = dist(l[i], l[i + 1]);
        if (len === 0) { continue; }
        total += len; sx += len * ((l[i][0] + l[i + 1][0]) / 2); sy += len * ((l[i][1] + l[i + 1][1]) / 2);
      }
    });
    var c = [sx / total, sy / total], inner = [];
    lines.forEach(function (l) { inner = inner.concat(l.slice(1, -1)); });
    if (inner.length) { return nearest(inner, c, slack); }
    var ends = [];
    lines.forEach(function (l) { ends.push(l[0], l[l.length - 1]); });
    return nearest(ends, c, slack);
  }

  /* GEOS InteriorPointPoint: the point nearest the points' mean */
  function interiorPointPoint(points, slack) {
    var sx = 0, sy = 0;
    points.forEach(function (p) { sx += p[0]; sy += p[1]; });
    return nearest(points, [sx / points.length, sy / points.length], slack);
  }

  function representativePoint(shape, slack) {
    var e = slack || 0;
    return shape.kind === "polygon" ? interiorPointArea(shape.parts, e) :
      shape.kind === "line" ? interiorPointLine(shape.parts, e) : interiorPointPoint(shape.parts, e);
  }

  var SLACK = 1e-12;  // for corners moved by lib/rd.js

  // ---- overlap with the municipalities, in RD New -------------------------------------------

  var prepared = {key: null, shapes: null};

  // the municipalities' rings in RD New (each corner projected, as geopandas' to_crs does),
  // each turned with its inside on the left (a hole: inside an odd number of the others)
  function municipalities(mun, rd) {
    if (prepared.key === mun) { return prepared.shapes; }
    var R = lib("rd");
    prepared.shapes = lib("places").decodeRings(mun.lonlat).map(function (rings) {
      var xy = rings.map(function (r) { return r.map(function (c) { return R.toRd(c[0], c[1], rd); }); });
      var turned = xy.map(function (r, k) {
        var depth = xy.filter(function (o, m) { return m !== k && inRing(o, r[0]); }).length;
        return (signedArea(r) > 0) === (depth % 2 === 0) ? r : r.slice().reverse();
      });
      return {rings: turned, box: box(turned)};
    });
    prepared.key = mun;
    return prepared.shapes;
  }

  function box(rings) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    rings.forEach(function (r) {
      r.forEach(function (c) {
        b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
      });
    });
    return b;
  }

  function boxesMeet(a, b) { return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]; }

  // even-odd over rings, in floating point (pieces' middles are far from the edges)
  function inside(rings, x, y) {
    var odd = false;
    rings.forEach(function (r) {
      for (var i = 1; i < r.length; i++) {
        var a = r[i - 1], b = r[i];
        if ((a[1] > y) !== (b[1] > y) && x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1])) { odd = !odd; }
      }
    });
    return odd;
  }

  /* The pieces of segment a-b inside `rings` (cut where it crosses their edges): [[t0, t1]],
   * or null when it runs along one of their edges */
  function piecesIn(a, b, rings, rbox) {
    var lo = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
    if (!boxesMeet(lo, rbox)) { return []; }
    var dx = b[0] - a[0], dy = b[1] - a[1], ts = [0, 1];
    if (dx === 0 && dy === 0) { return []; }  // a corner written twice
    for (var q = 0; q < rings.length; q++) {
      var r = rings[q];
      for (var i = 1; i < r.length; i++) {
        var c = r[i - 1], d = r[i];
        if (Math.max(c[0], d[0]) < lo[0] || Math.min(c[0], d[0]) > lo[2] ||
            Math.max(c[1], d[1]) < lo[1] || Math.min(c[1], d[1]) > lo[3]) { continue; }
        var ex = d[0] - c[0], ey = d[1] - c[1], den = dx * ey - dy * ex;
        var s1 = (c[0] - a[0]) * dy - (c[1] - a[1]) * dx, s2 = (d[0] - a[0]) * dy - (d[1] - a[1]) * dx;
        if (den === 0) {
          if (s1 === 0 && s2 === 0) { return null; }  // along the edge: left to validate
          continue;
        }
        var t = ((c[0] - a[0]) * ey - (c[1] - a[1]) * ex) / den, u = s1 / den;
        if (t > 0 && t < 1 && u >= 0 && u <= 1) { ts.push(t); }
      }
    }
    ts.sort(function (u, v) { return u - v; });
    var out = [];
    for (var k = 1; k < ts.length; k++) {
      var t0 = ts[k - 1], t1 = ts[k];
      if (t1 <= t0) { continue; }
      var tm = (t0 + t1) / 2;
      if (inside(rings, a[0] + tm * dx, a[1] + tm * dy)) { out.push([t0, t1]); }
    }
    return out;
  }

  // twice the area swept from `o` along the pieces of a-b (Green's theorem)
  function swept(a, b, pieces, o) {
    var s = 0, dx = b[0] - a[0], dy = b[1] - a[1];
    pieces.forEach(function (p) {
      var x0 = a[0] + p[0] * dx - o[0], y0 = a[1] + p[0] * dy - o[1];
      var x1 = a[0] + p[1] * dx - o[0], y1 = a[1] + p[1] * dy - o[1];
      s += x0 * y1 - x1 * y0;
    });
    return s;
  }

  /* The area of (rings A) within (rings B), both turned inside-left: the pieces of A's edges
   * inside B and of B's edges inside A, about the origin o; null when edges run along each other */
  function overlapArea(A, abox, B, bbox, o) {
    var s = 0;
    for (var pass = 0; pass < 2; pass++) {
      var from = pass ? B : A, to = pass ? A : B, tbox = pass ? abox : bbox;
      for (var q = 0; q < from.length; q++) {
        var r = from[q];
        for (var i = 1; i < r.length; i++) {
          var pieces = piecesIn(r[i - 1], r[i], to, tbox);
          if (pieces === null) { return null; }
          s += swept(r[i - 1], r[i], pieces, o);
        }
      }
    }
    return s / 2;
  }

  function overlapLength(lines, B, bbox) {
    var s = 0;
    for (var q = 0; q < lines.length; q++) {
      var l = lines[q];
      for (var i = 1; i < l.length; i++) {
        var pieces = piecesIn(l[i - 1], l[i], B, bbox);
        if (pieces === null) { return null; }
        var len = dist(l[i - 1], l[i]);
        pieces.forEach(function (p) { s += (p[1] - p[0]) * len; });
      }
    }
    return s;
  }

  // lines whose segments overlap each other (shapely's intersection dissolves them): declined
  function selfOverlapping(lines) {
    var found = false;
    eachPair(lines, function (la, i, lb, j) {
      if (la === lb && i === j) { return true; }
      var A = lines[la], B = lines[lb];
      if (meet(A[i], A[i + 1], B[j], B[j + 1]).n === 2) { found = true; return false; }
      return true;
    });
    return found;
  }

  /* largest_overlap of a shape ({kind, parts} in lon/lat) with the municipalities
   * (rules.municipalities, lib/rd.js): {best (index, -1 when mostly outside), inside (true when
   * at least half lies in them), sizes (per municipality the area or length in it, m² or m),
 * whole}, or null when the page cannot tell as geo would */
  function overlap(shape, mun, rd) {
    var R = lib("rd"), shapes = municipalities(mun, rd), sizes = [], whole;
    var toRd = function (c) { return R.toRd(c[0], c[1], rd); };
    if (shape.kind === "point") {
      var pts = shape.parts.map(toRd);
      shapes.forEach(function (m) {
        sizes.push(pts.some(function (p) { return lib("places").inRings(m.rings, p[0], p[1]); }) ? 1 : 0);
      });
      var near = pts.some(function (p) {
        return shapes.some(function (m) { return lib("places").ringDistance(m.rings, p[0], p[1]) < 1e-6; });
      });
      if (near) { return null; }  // on a border, within the projection's difference
      whole = 1;
    } else if (shape.kind === "line") {
      var lines = shape.parts.map(function (l) { return l.map(toRd); });
      if (selfOverlapping(lines)) { return null; }
      whole = 0;
      lines.forEach(function (l) { for (var i = 1; i < l.length; i++) { whole += dist(l[i - 1], l[i]); } });
      for (var k = 0; k < shapes.length; k++) {
        var got = overlapLength(lines, shapes[k].rings, shapes[k].box);
        if (got === null) { return null; }
        sizes.push(got);
      }
    } else {
      var rings = [], inRd = mapParts("polygon", shape.parts, toRd);
      // a shape valid in lon/lat but not in RD New (a corner on a long thin edge): geo's
      // overlay may fail on it (validate then stops with an unexpected error); left to it
      // (a repaired bow-tie's loops touch at their crossing: each loop is checked alone)
      var alone = shape.repaired ? [].concat.apply([], inRd).map(function (r) { return [[r]]; }) : [inRd];
      if (!alone.every(function (q) { return validity(q).valid; })) { return null; }
      inRd.forEach(function (poly) {
        poly.forEach(function (xy, h) {
          rings.push((signedArea(xy) > 0) === (h === 0) ? xy : xy.slice().reverse());
        });
      });
      var o = rings[0][0], pbox = box(rings);
      whole = 0;
      rings.forEach(function (r) { whole += signedArea(r); });
      for (var m = 0; m < shapes.length; m++) {
        if (!boxesMeet(pbox, shapes[m].box)) { sizes.push(0); continue; }
        var a = overlapArea(rings, pbox, shapes[m].rings, shapes[m].box, o);
        if (a === null) { return null; }
        sizes.push(Math.max(a, 0));
      }
    }
    if (!(whole > 0)) { return null; }
    var total = 0, best = -1, second = -1;
    sizes.forEach(function (s, k) {
      total += s;
      if (best < 0 || s > sizes[best]) { second = best; best = k; } else if (second < 0 || s > sizes[second]) { second = k; }
    });
    var scale = shape.kind === "point" ? 0 : NEAR_HALF * whole;
    if (Math.abs(total - 0.5 * whole) <= scale) { return null; }
    var mostly = total >= 0.5 * whole;
    if (mostly && second >= 0 && sizes[best] - sizes[second] <= scale && sizes[second] > 0 &&
        shape.kind !== "point") { return null; }
    return {best: mostly ? best : -1, inside: mostly, sizes: sizes, whole: whole};
  }

  /* The point geo draws a line or polygon at once it counts in municipality `k`
   * (combine.py largest_overlap: the representative point, in RD New, of its part in `k`,
   * back in WGS84): [lon, lat], or null (then the page keeps the shape's own representative
   * point). For the map only; the figures do not depend on it. */
  function overlapPoint(shape, k, mun, rd) {
    var R = lib("rd"), M = municipalities(mun, rd)[k], toRd = function (c) { return R.toRd(c[0], c[1], rd); };
    var at = null;
    if (shape.kind === "line") {
      var chains = [];
      shape.parts.forEach(function (l) {
        var xy = l.map(toRd), open = null;
        for (var i = 1; i < xy.length; i++) {
          var a = xy[i - 1], b = xy[i], pieces = piecesIn(a, b, M.rings, M.box);
          if (pieces === null) { return; }
          var dx = b[0] - a[0], dy = b[1] - a[1];
          pieces.forEach(function (q) {
            var p0 = q[0] === 0 ? a : [a[0] + q[0] * dx, a[1] + q[0] * dy];
            var p1 = q[1] === 1 ? b : [a[0] + q[1] * dx, a[1] + q[1] * dy];
            if (open && q[0] === 0 && open[open.length - 1] === a) { open.push(p1); }
            else { open = [p0, p1]; chains.push(open); }
          });
          if (!pieces.length || pieces[pieces.length - 1][1] !== 1) { open = null; }
        }
      });
      at = chains.length ? interiorPointLine(chains, SLACK) : null;
    } else if (shape.kind === "polygon") {
      var got = areaParts(shape, M, toRd), area = 0, whole = 0;
      got.polys.forEach(function (poly) { poly.forEach(function (r) { area += signedArea(r); }); });
      got.rings.forEach(function (r) { whole += signedArea(r); });
      // the rings joined must hold the area measured (a sliver's pieces may not join well)
      var want = overlapArea(got.rings, got.box, M.rings, M.box, got.rings[0][0]);
      at = want !== null && Math.abs(area - want) <= 1e-9 * whole ? interiorPointArea(got.polys, SLACK) : null;
    }
    return at === null ? null : R.toWgs84(at[0], at[1], rd);
  }

  /* The polygons of (shape) within municipality M in RD New: the pieces of both boundaries
   * joined into rings, holes put in the shell that holds them ([] when they cannot be joined);
   * {polys, rings (the shape's, in RD New, turned inside-left), box} */
  function areaParts(shape, M, toRd) {
    var rings = [];
    shape.parts.forEach(function (poly) {
      poly.forEach(function (ring, h) {
        var xy = ring.map(toRd);
        rings.push((signedArea(xy) > 0) === (h === 0) ? xy : xy.slice().reverse());
      });
    });
    var pbox = box(rings), segs = [];
    [[rings, M.rings, M.box], [M.rings, rings, pbox]].forEach(function (job) {
      job[0].forEach(function (r) {
        for (var i = 1; i < r.length; i++) {
          var a = r[i - 1], b = r[i], pieces = piecesIn(a, b, job[1], job[2]);
          if (pieces === null) { segs = null; return; }
          var dx = b[0] - a[0], dy = b[1] - a[1];
          (pieces || []).forEach(function (q) {
            segs && segs.push([q[0] === 0 ? a : [a[0] + q[0] * dx, a[1] + q[0] * dy],
              q[1] === 1 ? b : [a[0] + q[1] * dx, a[1] + q[1] * dy]]);
          });
        }
      });
    });
    var none = {polys: [], rings: rings, box: pbox};
    if (!segs || !segs.length) { return none; }
    var tol = 1e-6, used = segs.map(function () { return false; }), out = [];
    for (var s0 = 0; s0 < segs.length; s0++) {  // follow each piece to the one starting at its end
      if (used[s0]) { continue; }
      var ring = [segs[s0][0]], cur = s0;
      for (var guard = 0; guard <= segs.length; guard++) {
        used[cur] = true;
        var end = segs[cur][1];
        ring.push(end);
        if (dist(end, ring[0]) <= tol && ring.length > 3) { ring[ring.length - 1] = ring[0]; break; }
        var next = -1;
        for (var j = 0; j < segs.length; j++) {
          if (!used[j] && dist(segs[j][0], end) <= tol) { next = j; break; }
        }
        if (next < 0) { return none; }
        cur = next;
      }
      if (ring[ring.length - 1] !== ring[0]) { return none; }
      out.push(ring);
    }
    var shells = out.filter(function (r) { return signedArea(r) > 0; });
    var polys = shells.map(function (r) { return [r]; });
    out.forEach(function (r) {
      if (signedArea(r) > 0) { return; }
      var home = shells.findIndex(function (sh) { return inside([sh], r[0][0], r[0][1]) || inside([sh], (r[0][0] + r[1][0]) / 2, (r[0][1] + r[1][1]) / 2); });
      if (home >= 0) { polys[home].push(r); }
    });
    return {polys: polys, rings: rings, box: pbox};
  }

  // ---- a feature's geometry as validate reads it ----------------------------------------------

  function flat(kind, coords) {  // the parts, 2-D
    var two = function (c) { return [c[0], c[1]]; };
    if (kind === "Polygon") { return [coords.map(function (r) { return r.map(two); })]; }
    if (kind === "MultiPolygon") { return coords.map(function (p) { return p.map(function (r) { return r.map(two); }); }); }
    if (kind === "LineString") { return [coords.map(two)]; }
    if (kind === "MultiLineString") { return coords.map(function (l) { return l.map(two); }); }
    return coords.map(two);  // MultiPoint
  }

  // each corner of the parts through fn (the parts' nesting kept)
  function mapParts(k, parts, fn) {
    var ring = function (r) { return r.map(fn); };
    return k === "polygon" ? parts.map(function (poly) { return poly.map(ring); }) :
      k === "line" ? parts.map(ring) : parts.map(fn);
  }

  /* checks.py _check_geometries on a line, polygon or multipoint read by lib/check_geometry.js:
   * {shape: {kind, parts (lon/lat), at: [lon, lat]}, notes: [{code, reason}]},
   * {shape, notes, degrees: [x, y]} (declared RD New but in degrees: validate's crs_degrees
   * error, at the first corner), or {declined: true}. `boxes`: rules.boxes
   * (geo/validate/rules.py); `rd`: rules.rd when the file declares RD New (EPSG:28992), then
   * the shape is checked in metres and moved to WGS84 corner by corner (lib/rd.js, as
   * geopandas' to_crs). */
  function readShape(kind, coords, boxes, rd) {
    var parts = flat(kind, coords), notes = [], all = [];
    var z = false, inexact = false;
    (function walk(c, d) {
      if (d === 0) { all.push(c); if (c.length === 3) { z = true; } } else { c.forEach(function (x) { walk(x, d - 1); }); }
    }(coords, {MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3}[kind]));
    if (z) { notes.push({code: "z_dropped"}); }
    var k = kind === "Polygon" || kind === "MultiPolygon" ? "polygon" : kind === "MultiPoint" ? "point" : "line";
    if (k === "polygon") {
      var v = validity(parts);
      if (v.declined) { return {declined: true}; }
      if (v.reason) { notes.push({code: "repaired", reason: v.reason}); parts = v.polygons; inexact = !v.exact; }
    } else if (k === "line" && parts.some(function (l) { return dedupe(l).length < 2; })) {
      return {declined: true};  // "Too few points": make_valid makes it a point
    }
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    all.forEach(function (c) {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    });
    var holds = function (B) { return b[0] >= B[0] && b[2] <= B[1] && b[1] >= B[2] && b[3] <= B[3]; };
    var shape = {kind: k, parts: parts, repaired: notes.some(function (n) { return n.code === "repaired"; })};
    if (rd) {  // declared RD New: degrees are an error; metres are moved to WGS84
      if (holds(boxes.lonlat)) {
        if (notes.some(function (n) { return n.code === "repaired"; })) { return {declined: true}; }  // make_valid's first corner
        return {shape: null, notes: notes, degrees: [all[0][0], all[0][1]]};
      }
      var R = lib("rd"), fine = true;
      shape.parts = mapParts(k, parts, function (c) {
        var w = R.toWgs84(c[0], c[1], rd);
        if (!(isFinite(w[0]) && isFinite(w[1]) && w[0] >= boxes.lonlat[0] && w[0] <= boxes.lonlat[1])) { fine = false; }
        return w;
      });
      if (!fine) { return {declined: true}; }  // crs_transform: not ported
    } else if (!holds(boxes.lonlat) || holds(boxes.rd) || holds(boxes.swapped)) {
      return {declined: true};  // out of range, swapped, RD New without a crs: left to validate
    }
    // a repaired shape whose crossing is not a double: make_valid's corners differ by an ulp,
    // so a near tie of its loops is not decided here
    shape.at = representativePoint(shape, rd || inexact ? SLACK : 0);
    if (shape.at === null) { return {declined: true}; }
    return {shape: shape, notes: notes};
  }

  /* The representative point in RD New of the shape projected there (places.py _metric_points,
   * for likely duplicates), or null when too close to call */
  function rdPoint(shape, rd) {
    var R = lib("rd");
    return representativePoint({kind: shape.kind, parts: mapParts(shape.kind, shape.parts, function (c) {
      return R.toRd(c[0], c[1], rd);
    })}, SLACK);
  }

  return {meet: meet, crossing: crossing, g15: g15, validity: validity, interiorPointArea: interiorPointArea,
    interiorPointLine: interiorPointLine, interiorPointPoint: interiorPointPoint,
    representativePoint: representativePoint, overlap: overlap, overlapPoint: overlapPoint, readShape: readShape,
    rdPoint: rdPoint};
}));
