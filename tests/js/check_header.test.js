// Unit tests of mapbuilder/static/lib/check_header.js (run: node --test tests/js/).
// With small hand-made rules; the parity with tables.py _find_header, with the generated
// rules, is held by tests/test_check_parity.py (corpus and generated sheets).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const H = require("../../mapbuilder/static/lib/check_header.js");

const cli = {
  "tables.header_row": "header on row {row}", "tables.totals_row": "row {row} ({label}) totals",
  "trialfix.header_repeated": "row {row} repeats", "trialfix.header_repeated_rows": "rows {rows} repeat",
  "trialfix.header_repeated_fix": "fix", "trialfix.rows_more": "{rows} and {count} more",
};
const rules = {
  field_of: {naam: "name", projectnaam: "name", thema: "theme", gemeente: "municipality"},
  unit_tokens: [], lon: ["lon"], lat: ["lat"], x: ["x"], y: ["y"],
  alias_starts: {name: ["naa", "pro"], theme: ["the"], municipality: ["gem"]},
  reading: {cli: {nl: cli, en: cli}},
};
const rows = (...lists) => lists.map((cells, i) => ({line: i + 1, cells}));

test("the header below title and blank rows, the rows keeping their numbers", () => {
  const reasons = [];
  const got = H.findHeader(rows(["Projecten MRA 2026", ""], ["", ""], ["Naam", "Thema", "Gemeente"],
    ["A", "ai", "Zaanstad"]), rules, "nl", (r) => reasons.push(r));
  assert.deepEqual(got.header, ["Naam", "Thema", "Gemeente"]);
  assert.deepEqual(got.rows.map((r) => r.line), [4]);
  assert.deepEqual(got.notes.map((n) => n.message), ["header on row 3"]);
  assert.deepEqual(reasons, []);
});

test("rows that repeat the header are skipped; one header word is a project's name", () => {
  const got = H.findHeader(rows(["Projectnaam", "Thema", "Gemeente"], ["A", "ai", "Zaanstad"],
    ["Naam", "THEMA", "Gemeente"], ["Naam", "ai", "Haarlem"], ["Totaal", "", ""]), rules, "nl", () => {});
  assert.deepEqual(got.rows.map((r) => r.line), [2, 4]);
  assert.deepEqual(got.notes.map((n) => n.message), ["row 3 repeats", "row 5 ('Totaal') totals"]);
});

test("Python's casefold and word boundary where the page knows them, else declined", () => {
  assert.equal(H.casefold("STRASSE"), H.casefold("Straße"));
  assert.equal(H.casefold("ﬁ"), null);
  const why = [];
  assert.equal(H.isTotal("Totaal 2026", (r) => why.push(r)), true);
  assert.equal(H.isTotal("Totaalbedrag", (r) => why.push(r)), false);
  assert.equal(H.isTotal("Sumé", (r) => why.push(r)), false);
  assert.deepEqual(why, ["totals_row"]);
});
