// Unit tests of mapbuilder/static/lib/check_core.js (run: node --test tests/js/)
// The parts that need the rule data are held to Python in tests/test_check_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../mapbuilder/static/lib/check_core.js");

test("SHA-1 of the FIPS 180 examples", () => {
  assert.equal(C.sha1hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(C.sha1hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  assert.equal(C.sha1hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  assert.equal(C.sha1hex("é").length, 40);  // UTF-8 bytes, not UTF-16 units
  assert.notEqual(C.sha1hex("é"), C.sha1hex("e"));
});

test("UTF-8 with and without BOM; Windows-1252 when not UTF-8", () => {
  const bom = C.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
  assert.deepEqual([bom.text, bom.bom, bom.utf8], ["a", true, true]);
  const cp = C.decode(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]));
  // where UTF-8 fails, as Python's UnicodeDecodeError.start: the byte and its line
  const at = C.decode(new Uint8Array([0x61, 0x0a, 0xc3, 0xa9, 0x0a, 0x62, 0xe9, 0x41]));
  assert.deepEqual([at.utf8, at.byte, at.line, at.cp1252], [false, "e9", 3, true]);
  // bytes Windows-1252 leaves undefined: Python cannot read the file either
  assert.equal(C.decode(new Uint8Array([0x61, 0x81])).cp1252, false);
  assert.deepEqual([cp.text, cp.bom, cp.utf8], ["Café €", false, false]);
});

test("CSV: quotes, doubled quotes, CRLF, line numbers of multi-line cells", () => {
  const got = C.parseCsv('a;b\r\n"x;1";"say ""hi"""\r\n"two\nlines";z\n', ";");
  assert.equal(got.open, false);
  assert.deepEqual(got.rows.map((r) => r.cells), [["a", "b"], ["x;1", 'say "hi"'], ["two\nlines", "z"]]);
  assert.deepEqual(got.rows.map((r) => r.line), [1, 2, 4]);
  assert.equal(C.parseCsv('a;"open\n', ";").open, true);
});

test("amounts: whole numbers, decimals that are not groups of three, Dutch thousands", () => {
  assert.equal(C.readAmount("1500000", 1), 1500000);
  assert.equal(C.readAmount("1.500.000", 1), 1500000);
  assert.equal(C.readAmount("0,6", 1e6), 600000);
  assert.equal(C.readAmount(3.5, 1e6), 3500000);
  assert.equal(C.readAmount("1.500", 1), null);  // 1500 or 1.5? left to the command line
  assert.equal(C.readAmount("€ 2,5 mln", 1), 2.5e6);  // lib/amounts.js, the page's one parser
  assert.equal(C.readAmount("n.t.b.", 1, {unknown_amounts: ["ntb"]}), null);  // a note: not read
  assert.equal(C.readAmount(true, 1), null);
});

test("a derived id is made from theme, name and organisation; case and white space aside", () => {
  assert.equal(C.derivedId("ai", " A  b ", null), C.derivedId("ai", "a b", ""));
  assert.equal(C.derivedId("ai", "A", "Gemeente  X"), C.derivedId("ai", "a", "gemeente x"));
  assert.notEqual(C.derivedId("ai", "A", "X"), C.derivedId("ai", "A", "Y"));
  assert.notEqual(C.derivedId("ai", "A", null), C.derivedId("energy", "A", null));
  assert.match(C.derivedId("ai", "A", null), /^p-[0-9a-f]{12}$/);
  // text the page cannot casefold as Python does: no id (the check is then incomplete)
  assert.equal(C.derivedId("ai", "Straße", null), null);
  assert.equal(C.derivedId("ai", "A", "Ωmega"), null);
});

test("a file over the limit, or of a kind the page cannot read: check incomplete, no error, a fix that fits", () => {
  const texts = {too_big: "over {mb} MB", unsupported: "kind {ext}", too_big_validate: "validate has no limit",
    unsupported_validate: "validate reads {ext}", unsupported_sheet: "validate reads {ext}, or save as .xlsx",
    unsupported_neither: "validate neither reads {ext}: save as .xlsx or CSV",
    incomplete: "incomplete ({reasons})", incomplete_hint: "run validate"};
  const rules = {max_bytes: 4, texts: {nl: texts, en: texts}, messages: {nl: {}, en: {}},
    validate_reads: [".csv", ".xlsx", ".xlsm", ".gpkg"]};
  const seen = (name, n) => {
    const r = C.checkBytes(name, new Uint8Array(n), rules, "nl");
    return [r.ok, r.readable, r.complete, r.n_errors, r.problems.map((p) => [p.severity, p.code, p.message, p.hint])];
  };
  const last = ["note", "check_incomplete"];
  const big = seen("a.csv", 5);
  assert.deepEqual(big.slice(0, 4), [null, false, false, 0]);
  assert.deepEqual(big[4][0], ["note", "check_too_big", "over 0.000003814697265625 MB", "validate has no limit"]);
  assert.deepEqual(big[4][1].slice(0, 2), last);
  assert.deepEqual(seen("a.gpkg", 1)[4][0], ["note", "check_unsupported", "kind .gpkg", "validate reads .gpkg"]);
  assert.deepEqual(seen("a.xlsm", 1)[4][0], ["note", "check_unsupported", "kind .xlsm",
    "validate reads .xlsm, or save as .xlsx"]);
  const xls = seen("oud.xls", 1);
  assert.deepEqual(xls.slice(0, 4), [null, false, false, 0]);
  assert.deepEqual(xls[4][0], ["note", "check_unknown_kind", "kind .xls", "validate neither reads .xls: save as .xlsx or CSV"]);
  // a big file is judged by its size alone (check.js gives only the size, never the bytes)
  assert.deepEqual(C.checkBytes("b.xlsx", {length: 9}, rules, "nl").problems[0].code, "check_too_big");
});
