// Unit tests of mapbuilder/static/lib/csv.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const CSV = require("../../mapbuilder/static/lib/csv.js");

test("cells that Excel would run as a formula get an apostrophe, numbers do not", () => {
  assert.equal(CSV.cell("=HYPERLINK(\"x\")", ";"), "\"'=HYPERLINK(\"\"x\"\")\"");
  assert.equal(CSV.cell("@evil", ";"), "'@evil");
  assert.equal(CSV.cell("-1+1", ","), "'-1+1");
  assert.equal(CSV.cell("\tTab", ","), "'\tTab");
  assert.equal(CSV.cell(-5, ","), "-5");
  assert.equal(CSV.cell(null, ","), "");
});

test("the separator, quotes and line breaks are quoted", () => {
  assert.equal(CSV.cell("a;b", ";"), "\"a;b\"");
  assert.equal(CSV.cell("a;b", ","), "a;b");
  assert.equal(CSV.cell("say \"hi\"", ","), "\"say \"\"hi\"\"\"");
  assert.equal(CSV.cell("two\nlines", ","), "\"two\nlines\"");
});

test("Dutch: semicolons and decimal commas; English: commas and points; BOM and CRLF", () => {
  const header = {id: "id", amount_eur: "bedrag_eur", in_mra: "in_mra"};
  const rows = [{id: "a-1", amount_eur: 1250.5, in_mra: true},
                {id: "a;2", amount_eur: null, in_mra: false}];
  assert.equal(CSV.text(header, rows, "nl"),
               "\ufeffid;bedrag_eur;in_mra\r\na-1;1250,5;1\r\n\"a;2\";;0\r\n");
  assert.equal(CSV.text(header, rows, "en"),
               "\ufeffid,bedrag_eur,in_mra\r\na-1,1250.5,1\r\na;2,,0\r\n");
});
