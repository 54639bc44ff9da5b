// Unit tests of mapbuilder/static/lib/words.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const W = require("../../mapbuilder/static/lib/words.js");

const w = {all: "alle projecten", none: "geen", themes: "Thema's", year: "Startjaar",
           status: "Status", amount: "Bedrag", search: "Zoeken",
           themeNames: {hydrogen: "Waterstof", ai: "AI"}, statusNames: {planned: "gepland"},
           eur: (v) => "\u20ac " + v};

test("no filter reads as all projects", () => {
  assert.equal(W.describe({theme: null, year: null, status: null, min: null, max: null, q: ""}, w),
               "alle projecten");
});

test("every filter is named with its values", () => {
  const s = {theme: ["hydrogen", "ai"], year: [2024, 2026], status: ["planned"], min: 5,
             max: null, q: " haven "};
  assert.equal(W.describe(s, w), "Thema's: Waterstof, AI; Startjaar: 2024\u20132026; " +
               "Status: gepland; Bedrag: \u2265 \u20ac 5; Zoeken: \u201chaven\u201d");
  assert.equal(W.describe({theme: [], max: 7}, w), "Thema's: geen; Bedrag: \u2264 \u20ac 7");
  assert.equal(W.describe({min: 1, max: 2}, w), "Bedrag: \u20ac 1 \u2013 \u20ac 2");
});
