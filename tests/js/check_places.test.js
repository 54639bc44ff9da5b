// Unit tests of mapbuilder/static/lib/check_places.js (run: node --test tests/js/)
// With small stand-ins for the generated rules; held to Python with the real rules in
// tests/test_check_places_parity.py and tests/test_check_parity.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const CP = require("../../mapbuilder/static/lib/check_places.js");

const RULES = {  // stand-ins for check_rules(): tables.py's names, geo/validate/rules.py's boxes
  lon: ["lon", "lng", "longitude"], lat: ["lat", "latitude"], x: ["x", "x_rd"], y: ["y", "y_rd"],
  rd_named: ["x_rd", "rd_x", "y_rd", "rd_y"],
  boxes: {lonlat: [-180, 180, -90, 90], rd: [0, 300000, 300000, 625000], swapped: [50, 54, 2.5, 8]}
};

test("coordinate columns: lon/lat by the names' order, else x/y; x_rd/y_rd are RD New", () => {
  const both = CP.sheetColumns(["naam", " LAT ", "x", "Longitude", "lon", "y"], RULES);
  assert.deepEqual([both.x, both.y, both.xcol, both.ycol, both.rdNamed], [4, 1, "lon", "LAT", false]);
  const xy = CP.sheetColumns(["naam", "x_rd", "y_rd"], RULES);
  assert.deepEqual([xy.x, xy.y, xy.rdNamed], [1, 2, true]);
  const none = CP.sheetColumns(["naam", "lon"], RULES);  // lon without lat: no x/y either
  assert.deepEqual([none.x, none.y], [-1, -1]);
});

test("coordinate cells: numbers, a Dutch comma, not a number, and what only Python decides", () => {
  assert.deepEqual(CP.coordCell(" 4,9470 "), {value: 4.947});
  assert.deepEqual(CP.coordCell("1_000.5"), {value: 1000.5});  // Python's float() reads it
  assert.deepEqual(CP.coordCell(52.37), {value: 52.37});
  assert.deepEqual(CP.coordCell("  "), {empty: true});
  assert.deepEqual(CP.coordCell(null), {empty: true});
  for (const bad of ["noord", "4,9,1", "1,234.5", true, "0x10"]) { assert.deepEqual(CP.coordCell(bad), {bad: true}, bad); }
  for (const open of ["nan", "-Infinity", "1e999", "\u0663", NaN]) { assert.deepEqual(CP.coordCell(open), {unsure: true}, open); }
});

test("a row's cells: both empty, one not a number (the first named), or declined", () => {
  const cols = {xcol: "lon", ycol: "lat"};
  assert.deepEqual(CP.sheetPoint("", " ", cols), {});
  assert.deepEqual(CP.sheetPoint("4,9", "52.37", cols), {lon: 4.9, lat: 52.37});
  assert.deepEqual(CP.sheetPoint("4.9", "noord", cols), {error: {field: "lat", value: "noord"}});
  assert.deepEqual(CP.sheetPoint("", "52.37", cols), {error: {field: "lon", value: ""}});
  assert.equal(CP.sheetPoint("nan", "52.37", cols), null);
});

test("points: swapped and out of range refuse the row; RD New metres refuse the file once", () => {
  const msgs = {latlon_swapped_geojson: ["swapped", "fix s"], coordinates_range: ["range", "fix r"],
    rd_undeclared: ["§K§ rd, e.g. §AT§: x §RX§, y §RY§", "sheet fix", "geojson fix"],
    at_row: ["row §R§"], at_feature: ["feature §R§"]};
  const recs = [{feature: 1, row: null, lon: 52.37, lat: 4.89}, {feature: 2, row: null, lon: 500, lat: 100},
    {feature: 3, row: null, lon: 121500.5, lat: 487300}, {feature: 4, row: null, lon: 4.89, lat: 52.37},
    {feature: 5, row: null, lon: 122500, lat: 487000}];
  const problem = (severity, code, message, hint, extra) => ({severity, code, message, hint, ...extra});
  const got = CP.checkPoints(recs, null, {rules: RULES, msgs, lang: "nl", why: assert.fail, problem,
    repr: (v) => "'" + v + "'"});
  assert.deepEqual(recs[0].errors.map((e) => [e.code, e.value]), [["latlon_swapped", [52.37, 4.89]]]);
  assert.deepEqual(recs[1].errors.map((e) => e.code), ["coordinates_range"]);
  assert.equal(recs[3].refused, undefined);
  assert.equal(got.refusedAll, true);
  // rounded half to even as Python's f"{x:.0f}"; the count in the language's notation
  assert.deepEqual(got.problems.map((p) => [p.code, p.message, p.hint, p.column]),
    [["rd_undeclared", "2 rd, e.g. feature 3: x 121500, y 487300", "geojson fix", null]]);
});

test("a sheet's swapped columns are named, their values written as the language writes them", () => {
  const msgs = {latlon_swapped_sheet: ["'§LAT§' and '§LON§' swapped", "swap §LAT§ and §LON§"]};
  const recs = [{feature: 1, row: 2, lon: 52.3702, lat: 4.9}];
  CP.checkPoints(recs, {xcol: "lon", ycol: "lat", rdNamed: false}, {rules: RULES, msgs, lang: "nl",
    why: assert.fail, problem: assert.fail, repr: (v) => "'" + v + "'"});
  assert.deepEqual(recs[0].errors[0], {severity: "error", code: "latlon_swapped", message: "'lat' and 'lon' swapped",
    hint: "swap lat and lon", field: "geometry", value: "lat 4,9; lon 52,3702", column: "lat/lon"});
});

test("the nearest point of polygon rings: on an edge, or the nearer end", () => {
  const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]];
  assert.deepEqual(CP.nearestOnRings(square, 13, 4), [10, 4]);
  assert.deepEqual(CP.nearestOnRings(square, 12, 12), [10, 10]);
  assert.deepEqual(CP.nearestOnRings(square, 5, -3), [5, 0]);
});
