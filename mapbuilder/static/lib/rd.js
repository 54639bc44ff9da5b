/* transitiekaart lib/rd: RD New (EPSG:28992) x/y in metres to WGS84 lon/lat and back, pure.
 *
 * The operation pyproj picks for EPSG:28992 -> EPSG:4326 without grids: the inverse of
 * PROJ's oblique stereographic "sterea" (Gauss conformal sphere, then stereographic) on the
 * Bessel ellipsoid, then Amersfoort -> WGS 84 as a 7-parameter Helmert transformation
 * (coordinate frame convention, small-angle rotation matrix, as PROJ's default) between
 * geocentric coordinates. Every parameter is data generated from pyproj's own definition
 * (rules.rd, mapbuilder/mappage/check_rules.py); tests/test_check_parity.py holds the result within
 * 1 m of pyproj on hypothesis-drawn points over the MRA.
 * In node `module.exports`; in the page `window.transitiekaart.lib.rd`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).rd = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var D2R = Math.PI / 180, FORTPI = Math.PI / 4, HALFPI = Math.PI / 2;

  function srat(esinp, ratexp) { return Math.pow((1 - esinp) / (1 + esinp), ratexp); }

  // PROJ pj_gauss_ini: the conformal sphere of the projection's origin
  function gauss(e, phi0) {
    var es = e * e, sphi = Math.sin(phi0), cphi = Math.cos(phi0);
    cphi *= cphi;
    var rc = Math.sqrt(1 - es) / (1 - es * sphi * sphi);
    var C = Math.sqrt(1 + es * cphi * cphi / (1 - es));
    var chi = Math.asin(sphi / C), ratexp = 0.5 * C * e;
    var K = Math.tan(0.5 * chi + FORTPI) / (Math.pow(Math.tan(0.5 * phi0 + FORTPI), C) * srat(e * sphi, ratexp));
    return {C: C, chi: chi, K: K, rc: rc, e: e};
  }

  function ellipsoid(a, rf) { var f = 1 / rf; return {a: a, es: 2 * f - f * f}; }

  // geodetic (radians, height 0) -> geocentric
  function toCart(lam, phi, el) {
    var s = Math.sin(phi), N = el.a / Math.sqrt(1 - el.es * s * s);
    return [N * Math.cos(phi) * Math.cos(lam), N * Math.cos(phi) * Math.sin(lam), N * (1 - el.es) * s];
  }

  // geocentric -> geodetic (radians), iterated to far below a millimetre
  function fromCart(X, Y, Z, el) {
    var p = Math.hypot(X, Y), phi = Math.atan2(Z, p * (1 - el.es));
    for (var i = 0; i < 10; i++) {
      var s = Math.sin(phi), N = el.a / Math.sqrt(1 - el.es * s * s);
      phi = Math.atan2(Z + el.es * N * s, p);
    }
    return [Math.atan2(Y, X), phi];
  }

  /* x, y in RD New metres -> [lon, lat] in WGS84 degrees, with `p` = rules.rd */
  function toWgs84(x, y, p) {
    var bessel = ellipsoid(p.a, p.rf), e = Math.sqrt(bessel.es);
    var g = gauss(e, p.lat_0 * D2R), sinc0 = Math.sin(g.chi), cosc0 = Math.cos(g.chi), R2 = 2 * g.rc;
    var X = (x - p.x_0) / p.a / p.k, Y = (y - p.y_0) / p.a / p.k, rho = Math.hypot(X, Y);
    var phi = g.chi, lam = 0;
    if (rho !== 0) {  // PROJ sterea inverse, onto the conformal sphere
      var c = 2 * Math.atan2(rho, R2), sinc = Math.sin(c), cosc = Math.cos(c);
      phi = Math.asin(cosc * sinc0 + Y * sinc * cosc0 / rho);
      lam = Math.atan2(X * sinc, rho * cosc0 * cosc - Y * sinc0 * sinc);
    }
    // PROJ pj_inv_gauss: back onto the ellipsoid
    var num = Math.pow(Math.tan(0.5 * phi + FORTPI) / g.K, 1 / g.C), ephi = phi;
    lam /= g.C;
    for (var i = 0; i < 20; i++) {
      ephi = 2 * Math.atan(num * srat(e * Math.sin(phi), -0.5 * e)) - HALFPI;
      if (Math.abs(ephi - phi) < 1e-14) { break; }
      phi = ephi;
    }
    lam += p.lon_0 * D2R;
    // Amersfoort -> WGS 84: Helmert, coordinate frame rotations (arc seconds), scale in ppm
    var v = toCart(lam, ephi, bessel), h = p.helmert, as = D2R / 3600;
    var rx = h.rx * as, ry = h.ry * as, rz = h.rz * as, m = 1 + h.s * 1e-6;
    var out = [h.x + m * (v[0] + rz * v[1] - ry * v[2]),
               h.y + m * (-rz * v[0] + v[1] + rx * v[2]),
               h.z + m * (ry * v[0] - rx * v[1] + v[2])];
    var geo = fromCart(out[0], out[1], out[2], ellipsoid(p.wgs84_a, p.wgs84_rf));
    return [geo[0] / D2R, geo[1] / D2R];
  }

  /* lon, lat in WGS84 degrees -> [x, y] in RD New metres (the inverse of toWgs84: the
   * Helmert reversed with its rotation matrix transposed, then PROJ's sterea forward) */
  function toRd(lon, lat, p) {
    var bessel = ellipsoid(p.a, p.rf), e = Math.sqrt(bessel.es);
    var v = toCart(lon * D2R, lat * D2R, ellipsoid(p.wgs84_a, p.wgs84_rf)), h = p.helmert;
    var as = D2R / 3600, rx = h.rx * as, ry = h.ry * as, rz = h.rz * as, m = 1 + h.s * 1e-6;
    var X = (v[0] - h.x) / m, Y = (v[1] - h.y) / m, Z = (v[2] - h.z) / m;
    var geo = fromCart(X - rz * Y + ry * Z, rz * X + Y - rx * Z, -ry * X + rx * Y + Z, bessel);
    var g = gauss(e, p.lat_0 * D2R), sinc0 = Math.sin(g.chi), cosc0 = Math.cos(g.chi);
    // PROJ pj_gauss, then the stereographic projection of the conformal sphere
    var phi = 2 * Math.atan(g.K * Math.pow(Math.tan(0.5 * geo[1] + FORTPI), g.C) *
      srat(e * Math.sin(geo[1]), 0.5 * g.C * e)) - HALFPI;
    var lam = g.C * (geo[0] - p.lon_0 * D2R);
    var sinc = Math.sin(phi), cosc = Math.cos(phi), cosl = Math.cos(lam);
    var k = p.k * 2 * g.rc / (1 + sinc0 * sinc + cosc0 * cosc * cosl);
    return [p.x_0 + p.a * k * cosc * Math.sin(lam), p.y_0 + p.a * k * (cosc0 * sinc - sinc0 * cosc * cosl)];
  }

  return {toWgs84: toWgs84, toRd: toRd};
}));
