// Unit tests of mapbuilder/static/lib/xml_cut.js (run: node --test tests/js/)
// Held to Python's XML parser by tests/test_check_gaps_parity.py (sheets cut off).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const X = require("../../mapbuilder/static/lib/xml_cut.js");

test("cut between tokens or in text: no element found, at the end", () => {
  assert.deepEqual(X.cut("<a><b>x</b>"), {error: "no_element_found", line: 1, column: 11});
  assert.deepEqual(X.cut("<a>\n<b>te"), {error: "no_element_found", line: 2, column: 5});
});

test("cut in a tag, comment, instruction or reference: unclosed token, at its start", () => {
  assert.deepEqual(X.cut('<a x="1'), {error: "unclosed_token", line: 1, column: 0});
  assert.deepEqual(X.cut("<a><b></b"), {error: "unclosed_token", line: 1, column: 6});
  assert.deepEqual(X.cut("<a><!-- co"), {error: "unclosed_token", line: 1, column: 3});
  assert.deepEqual(X.cut("<a><b>x &am"), {error: "unclosed_token", line: 1, column: 8});
});

test("anything else before the cut, or the needed element not closed: left to validate", () => {
  for (const t of ["<a><b>x</c>", '<a x="1" x="2">', "<p:a>", "<a>\u0001", "<a>]]>", "<a>&#10;",
    "<a></a>", "<a><![CDATA[x", "<a>é"]) {
    assert.equal(X.cut(t), null, t);
  }
  assert.equal(X.cut("<a><b>x</b>", "d"), null);
  assert.deepEqual(X.cut("<a><d/><b>x", "d"), {error: "no_element_found", line: 1, column: 11});
});
