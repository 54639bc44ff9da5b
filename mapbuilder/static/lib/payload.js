/* transitiekaart lib/payload: the page's project payload, decoded (no DOM, no page state).
 *
 * decode(text) -> Promise of the payload object: base64 of gzip of JSON, as
 * mapbuilder/mappage/points.py encode_payload writes it (whitespace in the base64 is ignored). Uses
 * the platform's atob, Blob, DecompressionStream and Response, which browsers and node >= 18
 * both have. See lib/classes.js for the module pattern.
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

  function decode(text) {
    var bin = atob(text.replace(/\s+/g, ""));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  return {decode: decode};
}));
