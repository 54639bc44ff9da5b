/* transitiekaart lib/payload: the page's project payload, decoded (no DOM, no page state).
 *
 * decode(text) -> Promise of the payload object: base64 of gzip, as
 * mapbuilder/mappage/points.py encode_payload writes it (whitespace in the base64 is ignored).
 * The gzip holds either one JSON object, or "TKB1", a head, binary columns and then the JSON
 * of the other keys; each binary column becomes the typed array of its type code (the page
 * keeps it in that array; nothing is parsed or converted), and a column of type "json" (the
 * projects' names) is parsed when it is first read, not before the first drawing. Uses the platform's atob (or
 * Uint8Array.fromBase64), Blob, DecompressionStream, Response and TextDecoder, which browsers
 * and node >= 18 both have. See lib/classes.js for the module pattern.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).payload = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TYPES = {i1: Int8Array, i2: Int16Array, i4: Int32Array, f8: Float64Array};
  var GETTERS = {i1: "getInt8", i2: "getInt16", i4: "getInt32", f8: "getFloat64"};
  var ALIGN = 8;
  var LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  // the bytes of a base64 text; ASCII whitespace is ignored (by both ways)
  function bytesOf(text) {
    if (typeof Uint8Array.fromBase64 === "function") { return Uint8Array.fromBase64(text); }
    var bin = atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes;
  }

  // n values of type `code` (little-endian) at byte `at` of `buf`, in their own typed array
  function column(buf, code, at, n) {
    var T = TYPES[code];
    if (!T) { throw new Error("payload: unknown column type " + code); }
    if (LITTLE) { return new T(buf.slice(at, at + n * T.BYTES_PER_ELEMENT)); }
    var out = new T(n), view = new DataView(buf, at), get = GETTERS[code];
    for (var i = 0; i < n; i++) { out[i] = view[get](i * T.BYTES_PER_ELEMENT, true); }
    return out;
  }

  // the payload from the inflated bytes (see the header and encode_payload)
  function unpack(buf) {
    var u8 = new Uint8Array(buf), text = new TextDecoder("utf-8");
    var binary = u8.length >= 8 && u8[0] === 84 && u8[1] === 75 && u8[2] === 66 && u8[3] === 49;
    if (!binary) { return JSON.parse(text.decode(u8)); }
    var size = new DataView(buf).getUint32(4, true), at = 8 + size, cols = {}, later = {};
    JSON.parse(text.decode(u8.subarray(8, at))).cols.forEach(function (c) {
      var bytes = c[2];
      if (c[1] === "json") { later[c[0]] = buf.slice(at, at + bytes); }
      else {
        cols[c[0]] = column(buf, c[1], at, c[2]);
        bytes = cols[c[0]].byteLength;
      }
      at += bytes + (ALIGN - bytes % ALIGN) % ALIGN;
    });
    var out = JSON.parse(text.decode(u8.subarray(at)));
    Object.keys(cols).forEach(function (k) { out[k] = cols[k]; });
    Object.keys(later).forEach(function (k) { deferred(out, k, later[k]); });
    return out;
  }

  // out[key]: the JSON in `bytes`, parsed when first read (then an ordinary property)
  function deferred(out, key, bytes) {
    function own(value) {
      Object.defineProperty(out, key, {value: value, writable: true, enumerable: true,
                                       configurable: true});
    }
    Object.defineProperty(out, key, {enumerable: true, configurable: true, set: own,
      get: function () {
        var value = JSON.parse(new TextDecoder("utf-8").decode(new Uint8Array(bytes)));
        own(value);
        return value;
      }});
  }

  function decode(text) {
    var stream = new Blob([bytesOf(text)]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(unpack);
  }

  return {decode: decode};
}));
