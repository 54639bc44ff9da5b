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

// register(): the exchange format of `transitiekaart list --format csv` from a page payload
const SPEC = {
  columns: ["id", "name", "theme", "amount_eur", "status", "start_year", "organisation",
            "municipality", "subregion", "lon", "lat", "url", "description"],
  numeric: ["amount_eur", "lat", "lon", "start_year"], coord_decimals: 7,
  formula_start: ["=", "+", "-", "@", "\t", "\r"],
  headers: {nl: ["id", "naam", "thema", "bedrag_eur", "status", "startjaar", "organisatie",
                 "gemeente", "deelregio", "lon", "lat", "website", "omschrijving"],
            en: ["id", "name", "theme", "amount_eur", "status", "start_year", "organisation",
                 "municipality", "subregion", "lon", "lat", "url", "description"]},
  sample: "sample", mra_wide: {nl: "MRA-breed", en: "MRA-wide"},
  themes: {nl: {hydrogen: "Waterstof"}, en: {hydrogen: "Hydrogen"}},
  status: {nl: {planned: "gepland"}, en: {planned: "planned"}},
};
const PAYLOAD = {  // a point, a shape, a municipality-placed, a subregion and an MRA-wide one
  n: 5, scale: 1e7, x: [51543217, 48000000, 48300000, 0, 0], y: [523701234, 524000000, 524500000, 0, 0],
  pl: [0, 0, 1, 2, 3], xp: {1: [4.815, 52.41]}, t: [0, 0, 0, 0, 0], codes: ["hydrogen"],
  id: ["P-1", "P-2", "=P-3", "P-4", "P-5"], name: ["a;b", "vlak", "in gemeente", "regio", "mra"],
  eur: [2500000, 1, -1, 3, 4], eurx: {1: 0.5}, yr: [2025, 0, 0, 0, 0],
  st: [0, 1, -1, -1, -1], sts: ["planned", "verkenning"], stw: {1: "Verkenning"},
  org: [-1, -1, -1, -1, -1], orgs: [], mun: [3, 3, 3, -1, -1], sub: [0, 0, 0, 1, -1],
  areas: {mun: {name: ["", "", "", "Zaanstad"]}, sub: {name: ["Amsterdam", "IJmond"]}},
  url: {0: "https://x.nl"}, desc: {2: "say \"hi\""}, smp: [0, 0, 0, 0, 0],
};

test("register: the list's columns, words and notation, places as the template has them", () => {
  const nl = CSV.register(PAYLOAD, [0, 1, 2, 3, 4], SPEC, "nl").split("\r\n");
  assert.equal(nl[0], "\ufeffid;naam;thema;bedrag_eur;status;startjaar;organisatie;gemeente;" +
               "deelregio;lon;lat;website;omschrijving");
  assert.equal(nl[1], "P-1;\"a;b\";Waterstof;2500000;gepland;2025;;;;5,1543217;52,3701234;https://x.nl;");
  assert.equal(nl[2], "P-2;vlak;Waterstof;0,5;Verkenning;;;;;4,815;52,41;;");
  assert.equal(nl[3], "'=P-3;in gemeente;Waterstof;;;;;Zaanstad;;;;;\"say \"\"hi\"\"\"");
  assert.equal(nl[4], "P-4;regio;Waterstof;3;;;;;IJmond;;;;");
  assert.equal(nl[5], "P-5;mra;Waterstof;4;;;;;MRA-breed;;;;");
  assert.equal(nl[6], "");
  const en = CSV.register(PAYLOAD, [4, 0], SPEC, "en").split("\r\n");
  assert.equal(en[1], "P-5,mra,Hydrogen,4,,,,,MRA-wide,,,,");
  assert.equal(en[2], "P-1,a;b,Hydrogen,2500000,planned,2025,,,,5.1543217,52.3701234,https://x.nl,");
});

test("register: a sample column when one of the rows is a sample, and an extra column", () => {
  const d = Object.assign({}, PAYLOAD, {smp: [0, 1, 0, 0, 0]});
  assert.match(CSV.register(d, [0, 1], SPEC, "nl").split("\r\n")[1], /;false$/);
  assert.doesNotMatch(CSV.register(d, [0], SPEC, "nl").split("\r\n")[0], /sample/);
  const lines = CSV.register(PAYLOAD, [0, 3], SPEC, "nl", {header: "selectie", values: ["Thema's"]})
    .split("\r\n");
  assert.match(lines[0], /;omschrijving;selectie$/);
  assert.match(lines[1], /;Thema's$/);
  assert.match(lines[2], /;;$/);
});
