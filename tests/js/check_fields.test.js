// Unit tests of mapbuilder/static/lib/check_fields.js, check_amounts.js, check_ids.js, check_themes.js (run:
// node --test tests/js/). Their parity with Python, with the generated rules, is held by
// tests/test_check_fields_parity.py; here the parts that need no rule data.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../mapbuilder/static/lib/check_fields.js");
const M = require("../../mapbuilder/static/lib/check_amounts.js");
const I = require("../../mapbuilder/static/lib/check_ids.js");
const T = require("../../mapbuilder/static/lib/check_themes.js");

test("numbers as Python's f'{x:g}': six digits, ties to even, exponents of two digits", () => {
  assert.deepEqual([1.25, 100000, 123456.5, 123457.5, 1234565, 1234567.891, 0.0001234, 1e-5, 10].map(M.pyG),
    ["1.25", "100000", "123456", "123458", "1.23456e+06", "1.23457e+06", "0.0001234", "1e-05", "10"]);
});

test("a column's letter as openpyxl gives it", () => {
  assert.deepEqual([1, 2, 26, 27, 52, 703].map(F.columnLetter), ["A", "B", "Z", "AA", "AZ", "AAA"]);
});

test("two columns with one header, case and white space aside; texts it cannot casefold declined", () => {
  assert.deepEqual(F.sameHeader(["naam", "thema", " Naam ", "lon"]), {name: "'Naam'", first: "1 (A)", second: "3 (C)"});
  assert.equal(F.sameHeader(["naam", "thema", "", ""]), null);  // empty headers do not count
  assert.equal(F.sameHeader(["Straße", "STRASSE"]).why, "column_twice");  // casefold: left to validate
  assert.equal(F.sameHeader(["Bedrag (€)", "naam"]), null);
});

test("websites: http(s) and a host; what urllib would parse otherwise is declined", () => {
  assert.equal(F.urlOk("https://www.voorbeeld.nl/project?id=1"), true);
  assert.equal(F.urlOk("HTTPS://bücher.de"), true);
  assert.equal(F.urlOk("javascript:alert(1)"), false);
  assert.equal(F.urlOk("www.voorbeeld.nl"), false);
  assert.equal(F.urlOk("https:///pad"), false);
  assert.equal(F.urlOk("http://[::1"), null);
});

test("text fields: an object, a lone surrogate, control characters per field", () => {
  const texts = {"fields.not_text": "not text", "fields.not_text_fix": "fix",
    "fields.bad_character": "bad", "fields.bad_character_fix": "fix",
    "bounds.control_character": "char {char} at {at}", "bounds.control_character_in_id": "id {char} at {at}",
    "bounds.control_character_fix": "fix", "bounds.control_character_kept": "kept {char} at {at}",
    "bounds.control_character_kept_fix": "fix"};
  const rules = {fields: {texts: {nl: texts, en: texts}}};
  const places = require("../../mapbuilder/static/lib/places.js");
  assert.equal(typeof places.formatNumber, "function");
  function run(v, f) {
    const out = [];
    const got = F.toText(v, f, out, "nl", F.filler(rules, "nl"));
    return [got && got.text, out.map((p) => [p.severity, p.code, p.message])];
  }
  assert.deepEqual(run({a: 1}, "name"), [null, [["error", "not_text", "not text"]]]);
  assert.deepEqual(run("x\ud800", "name"), [null, [["error", "bad_character", "bad"]]]);
  assert.deepEqual(run("🚀\x1b", "name"), ["🚀\x1b", [["error", "control_character", "char \\x1b at 2"]]]);
  assert.deepEqual(run("a\tb", "name"), ["a\tb", []]);  // a tab is fine in a name ...
  assert.deepEqual(run("a\tb", "id"), ["a\tb", [["error", "control_character", "id \\t at 2"]]]);  // ... not in an id
  assert.deepEqual(run("a\x0bb", "description"), ["a\x0bb", [["note", "control_character", "kept \\x0b at 2"]]]);
  assert.equal(run(3, "name")[0], null);  // a number: 3 or 3.0 in the file, the page cannot tell
});

test("given ids: text stripped, whole numbers; the rest is no id", () => {
  assert.deepEqual([" p1 ", 7, 7.5, true, null, "  ", {}].map(I.givenId), ["p1", "7", null, null, null, null, null]);
});

test("ids over a file: twice is an error, the same content at one point too, elsewhere numbered", () => {
  const fill = (key, v) => key + JSON.stringify(v || {});
  const why = (r) => { throw new Error(r); };
  const p = (name, lon) => ({theme: "ai", name: name, organisation: null, id: null, lon: lon, lat: 52, place: "point", place_area: null});
  const rows = [{feature: 1, id: "a", project: Object.assign(p("X", 4), {id: "a"})},
    {feature: 2, id: "a", project: Object.assign(p("Y", 4), {id: "a"})},
    {feature: 3, id: null, project: p("Z", 4)}, {feature: 4, id: null, project: p(" z ", 4)},
    {feature: 5, id: null, project: p("Z", 5)}];
  const got = I.fileIds(rows, fill, why);
  assert.deepEqual(got.problems.map((q) => [q.feature, q.code]),
    [[2, "id_twice"], [4, "same_content"], [5, "derived_id_number"]]);
  assert.equal(rows[1].project.refused, true);
  assert.equal(rows[4].project.id, rows[2].project.id + "-2");
  assert.deepEqual(got.derived.map((d) => d.feature), [3, 4, 5]);
});

test("likely duplicates: the same name (case aside) within the distance, ordered by the second", () => {
  const at = (name, x) => ({name: name, lon: x, lat: 0});
  const got = I.likelyDuplicates([at("A", 0), at("b", 0), at(" a", 10), at("B", 100), at("a", 30)], 25,
    (x, y) => [x, y]);
  assert.deepEqual(got, [[0, 2, 10], [2, 4, 20]]);
  assert.equal(I.likelyDuplicates([at("Straße", 0), at("STRASSE", 1)], 25, (x, y) => [x, y]), null);
});

test("theme words: stems of the words, without stop words, brackets, accents", () => {
  const rules = {themes: {stop: ["en"], variants: {h2: "waterstof"}}};
  assert.deepEqual(T.words("Slimme energie (AI) en H2", rules), ["energi", "slim", "waterstof"]);
  assert.equal(T.stem("bouwen"), "bouw");
  assert.equal(T.closeMatches("x".repeat(200), ["a"], 3, 0.75), null);
});
