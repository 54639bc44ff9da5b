// Unit tests of mapbuilder/static/lib/check_read.js (run: node --test tests/js/)
// Held to Python's json.loads, repr and validate by tests/test_check_read.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const R = require("../../mapbuilder/static/lib/check_read.js");

test("json.loads's errors, at its line and column", () => {
  const cases = [
    ['{"a": 1,}', "Expecting property name enclosed in double quotes", 1, 9],
    ['[1, 2', "Expecting ',' delimiter", 1, 6],
    ['{"a" 1}', "Expecting ':' delimiter", 1, 6],
    ['{"a": "x', "Unterminated string starting at", 1, 7],
    ['["\\q"]', "Invalid \\escape", 1, 3],
    ['["\\u12"]', "Invalid \\uXXXX escape", 1, 4],
    ['{}\n x', "Extra data", 2, 2],
    ['[1,\n ]', "Expecting value", 2, 2],
    ['"a\tb"', "Invalid control character at", 1, 3],
    ['["😀", x]', "Expecting value", 1, 7],  // columns count code points, as Python's
  ];
  for (const [text, message, line, column] of cases) {
    const got = R.parseJson(text, 100);
    assert.equal(got.error, message, text);
    assert.deepEqual(R.lineColumn(text, got.pos), {line, column}, text);
  }
});

test("what json.loads reads: NaN and Infinity, the last of a key written twice", () => {
  const got = R.parseJson('{"b": NaN, "a": [1.0, -Infinity, 2], "b": 3}', 100);
  assert.equal(got.error, undefined);
  assert.equal(got.value.b, 3);
  assert.equal(got.dups.length, 1);
  assert.equal(R.pyRepr(got.value, got.meta), "{'b': 3, 'a': [1.0, -inf, 2]}");
  assert.equal(R.parseJson("[".repeat(20) + "]".repeat(20), 10).deep, true);
});

test("a long whole number: its text kept as an object's member, elsewhere not read", () => {
  const text = '{"a": 123456789012345678901234567890, "b": -10000000000000000, "c": 12}';
  const got = R.parseJson(text, 100);
  assert.equal(got.long, false);
  assert.deepEqual([...got.meta.get(got.value).longs], [["a", "123456789012345678901234567890"],
    ["b", "-10000000000000000"]]);
  assert.deepEqual(got.longs.map((l) => [l.object === got.value, l.key]), [[true, "a"], [true, "b"]]);
  assert.equal(R.pyRepr(got.value, got.meta), "{'a': 123456789012345678901234567890, 'b': -10000000000000000, 'c': 12}");
  for (const t of ["[123456789012345678901234567890]", "123456789012345678901234567890",
    '{"a": 1, "a": 123456789012345678901234567890}', '{"a": 1.2345678901234567891}',
    '{"a": ' + "9".repeat(4301) + "}"]) {
    assert.equal(R.parseJson(t, 100).long, true, t.slice(0, 40));
  }
});

test("Python's repr of floats and texts", () => {
  assert.deepEqual([1e16, 1e-5, 0.0001, 123.0, -0, 1.5e300].map(R.pyFloat),
    ["1e+16", "1e-05", "0.0001", "123.0", "-0.0", "1.5e+300"]);
  assert.equal(R.pyStr("it's"), '"it\'s"');
  assert.equal(R.pyStr("a\nb\\"), "'a\\nb\\\\'");
  assert.equal(R.pyStr("\u00a0"), "'\\xa0'");
  assert.equal(R.pyStr("\u4e00"), null);  // not shown by the page: the caller declines
});

test("the bounds of a text file: NUL bytes, columns", () => {
  const rules = {reading: {magic: [], max_line_chars: 100, max_columns: 3, max_cells: 100,
    piece_bytes: 1000, cli: {nl: {"reading.nul_bytes": "NUL op {byte}", "reading.nul_bytes_fix_sheet": "f",
      "tables.too_many_columns": "{columns} > {limit}", "tables.too_many_columns_fix": "g"}}}};
  const enc = (s) => new TextEncoder().encode(s);
  assert.deepEqual(R.textBounds(enc("a;b\n\u0000"), rules, "nl", true, () => {}).fatal, ["NUL op 4", "f"]);
  assert.deepEqual(R.textBounds(enc("a;b;c;d\n1"), rules, "nl", true, () => {}).fatal, ["4 > 3", "g"]);
  assert.equal(R.textBounds(enc("a;b;c\n1"), rules, "nl", true, () => {}), null);
});

test("a password-protected workbook and Python's rounding of a ratio", () => {
  const W = require("../../mapbuilder/static/lib/check_workbook.js");
  const word = Array.from("EncryptedPackage").flatMap((c) => [c.charCodeAt(0), 0]);
  assert.equal(W.isEncrypted(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, ...word])), true);
  assert.equal(W.isEncrypted(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2])), false);
  assert.deepEqual([0.5, 1.5, 2.5, 1009.4].map(W.roundEven), [0, 2, 2, 1009]);
});
