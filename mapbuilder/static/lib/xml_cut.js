/* transitiekaart lib/xml_cut: where expat stops in an XML part that was cut off, pure (no DOM).
 *
 * A workbook part cut off (the common damage: a download or a copy that stopped) is refused
 * by validate with the XML parser's own error and position (geo/validate/workbook.py
 * broken_part, xml_error_text): "no element found" at the end of the text when it stops
 * between tokens or in text, "unclosed token" at the start of a tag, comment, instruction or
 * entity reference it stops in. The page can say the same only when everything before the
 * cut is well-formed, so it checks that here, strictly: ASCII text, known entities, bound
 * namespace prefixes, no duplicate attributes, matching end tags; anything else is left to
 * validate (null). Held to Python's parser by tests/test_check_gaps_parity.py.
 * In node `module.exports`; in the page `window.transitiekaart.lib.xml_cut`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).xml_cut = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var NAME = "[A-Za-z_][A-Za-z0-9_.-]*", QNAME = NAME + "(?::" + NAME + ")?";
  var VALUE = "(?:\"[^\"<&]*\"|'[^'<&]*')";
  var START = new RegExp("^<(" + QNAME + ")((?:\\s+" + QNAME + "\\s*=\\s*" + VALUE + ")*)\\s*(/?)>");
  var ATTR = new RegExp("(" + QNAME + ")\\s*=\\s*(" + VALUE + ")", "g");
  var START_PART = new RegExp("^<(?:" + QNAME + "(?:\\s+" + QNAME + "\\s*=\\s*" + VALUE + ")*\\s*(?:" + QNAME +
    "(?:\\s*=\\s*(?:\"[^\"<&]*|'[^'<&]*)?)?|/)?)?$");
  var END = new RegExp("^</(" + QNAME + ")\\s*>"), END_PART = new RegExp("^</(?:" + QNAME + "\\s*)?$");

  function prefix(name) { var k = name.indexOf(":"); return k < 0 ? null : name.slice(0, k); }

  /* The text's cut: {error: "no_element_found" | "unclosed_token", line, column} (as
   * ElementTree's ParseError.position gives them), or null: not a cut the page can vouch for,
   * or the element need (a name) was not closed before it. */
  function cut(text, need) {
    if (!/^[\t\n\x20-\x7e]*$/.test(text)) { return null; }
    var at = 0, n = text.length, stack = [], rooted = false, closed = {};
    function where(k, error) {
      var before = text.slice(0, k), nl = before.lastIndexOf("\n");
      return {error: error, line: before.split("\n").length, column: k - nl - 1};
    }
    function done(k) {  // cut off in the token at k; null when need did not close before it
      return need && !closed[need] ? null : where(k, "unclosed_token");
    }
    function bound(p) {
      if (p === null || p === "xml") { return true; }
      return stack.some(function (e) { return e.ns[p]; });
    }
    while (at < n) {
      var lt = text.indexOf("<", at), upto = lt < 0 ? n : lt, chunk = text.slice(at, upto);
      if (chunk) {  // text: outside the root only white space; entities known; no "]]>"
        if (!stack.length && /\S/.test(chunk)) { return null; }
        if (chunk.indexOf("]]>") >= 0) { return null; }
        var amp = /&(?:(amp|lt|gt|quot|apos);)?/g, a;
        while ((a = amp.exec(chunk)) !== null) {
          if (a[1]) { continue; }
          var rest = chunk.slice(a.index);
          // a reference cut off at the end of the text: unclosed at its "&"
          if (upto === n && /^&(?:[A-Za-z]*|#[0-9]*|#x[0-9a-fA-F]*)$/.test(rest)) { return done(at + a.index); }
          return null;
        }
      }
      if (lt < 0) { break; }
      var tail = text.slice(lt), m;
      if (tail.startsWith("<!--")) {
        var close = tail.indexOf("-->");
        if (close < 0) { return tail.slice(4).indexOf("--") < 0 ? done(lt) : null; }
        if (tail.slice(4, close).indexOf("--") >= 0 || tail[close - 1] === "-") { return null; }
        at = lt + close + 3; continue;
      }
      if (tail.startsWith("<?")) {
        var q = tail.indexOf("?>");
        var pi = /^<\?([A-Za-z_][A-Za-z0-9_.:-]*)(\s|\?>|$)/.exec(tail);
        if (!pi || (pi[1].toLowerCase() === "xml" && lt !== 0)) { return null; }
        if (q < 0) { return done(lt); }
        at = lt + q + 2; continue;
      }
      if (tail.startsWith("<!")) { return null; }  // CDATA, DOCTYPE: not ported
      if (tail.startsWith("</")) {
        if ((m = END.exec(tail)) !== null) {
          if (!stack.length || stack[stack.length - 1].name !== m[1]) { return null; }
          closed[stack.pop().name] = true;
          if (!stack.length) { return null; }  // the root closed: not cut off
          at = lt + m[0].length; continue;
        }
        return END_PART.test(tail) && stack.length ? done(lt) : null;
      }
      if ((m = START.exec(tail)) !== null) {
        if (rooted && !stack.length) { return null; }  // a second root
        var ns = {}, seen = {}, names = [], x;
        ATTR.lastIndex = 0;
        while ((x = ATTR.exec(m[2])) !== null) {
          if (seen[x[1]]) { return null; }
          seen[x[1]] = true; names.push(x[1]);
          if (x[1].indexOf("xmlns:") === 0) {
            if (x[2].length === 2) { return null; }  // an empty namespace for a prefix
            ns[x[1].slice(6)] = true;
          }
        }
        stack.push({name: m[1], ns: ns});
        if (!bound(prefix(m[1])) || names.some(function (nm) { return nm.indexOf("xmlns:") !== 0 && !bound(prefix(nm)); })) { return null; }
        if (names.some(function (nm) { return prefix(nm) !== null && prefix(nm) !== "xmlns"; })) {
          // two attributes of one namespace and name under other prefixes: not ported
          var local = names.map(function (nm) { return nm.replace(/^[^:]*:/, ""); });
          if (local.some(function (l, i) { return local.indexOf(l) !== i; })) { return null; }
        }
        rooted = true;
        if (m[3]) { stack.pop(); closed[m[1]] = true; if (!stack.length) { return null; } }
        at = lt + m[0].length; continue;
      }
      if (START_PART.test(tail) && tail.indexOf(">") < 0) {
        if (rooted && !stack.length) { return null; }
        return done(lt);
      }
      return null;
    }
    if (!rooted || (need && !closed[need])) { return null; }
    return where(n, "no_element_found");
  }

  return {cut: cut};
}));
