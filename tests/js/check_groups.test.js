// Unit tests of mapbuilder/static/lib/check_groups.js (run: node --test tests/js/)
// Its parity with geo/validate/report.py group_problems: tests/test_check_page_messages.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const G = require("../../mapbuilder/static/lib/check_groups.js");

const LIMITS = {examples: 3, errors_shown: 20};
const note = (code, row) => ({severity: "note", code: code, row: row, message: "m " + code, column: "Investering"});
const error = (code, row) => ({severity: "error", code: code, row: row, message: "e " + code, column: null});

test("5,000 notes of one code are one line with all their rows", () => {
  const ps = [note("derived_id", null)];
  for (let r = 2; r <= 5001; r++) { ps.push(note("amount_notation", r)); }
  const got = G.group(ps, LIMITS);
  assert.equal(got.length, 2);
  assert.deepEqual([got[0].kind, got[1].kind, got[1].n, got[1].items.length], ["one", "notes", 5000, 5000]);
  assert.equal(got[1].items[4999].row, 5001);
});

test("up to examples + 1 notes of a code, and notes without a code, stay one by one", () => {
  const four = [2, 3, 4, 5].map((r) => note("year_range", r));
  assert.deepEqual(G.group(four, LIMITS).map((g) => g.kind), ["one", "one", "one", "one"]);
  const five = [2, 3, 4, 5, 6].map((r) => note("year_range", r));
  assert.deepEqual(G.group(five, LIMITS).map((g) => [g.kind, g.n]), [["notes", 5]]);
  const bare = [2, 3, 4, 5, 6].map((r) => note(null, r));
  assert.equal(G.group(bare, LIMITS).length, 5);
});

test("errors of a kind: the first errors_shown listed, the rest in one line after them", () => {
  const ps = [];
  for (let r = 2; r < 32; r++) { ps.push(error("name_missing", r)); }
  ps.push(error("theme", 40));
  const got = G.group(ps, LIMITS);
  assert.equal(got.length, 22);
  assert.deepEqual(got.slice(0, 20).map((g) => g.kind), Array(20).fill("one"));
  assert.deepEqual([got[20].kind, got[20].n, got[20].items[0].row], ["errors", 10, 22]);
  assert.deepEqual([got[21].kind, got[21].problem.code], ["one", "theme"]);
});
