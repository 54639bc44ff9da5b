// Unit tests of mapbuilder/static/lib/xlsx_dates.js (run: node --test tests/js/)
// Held to openpyxl by tests/test_check_gaps_parity.py (generated texts, numbers, workbooks).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const X = require("../../mapbuilder/static/lib/xlsx_dates.js");

test("ISO 8601 cells: dates, times, date-times as isoformat writes them; a bad one is a fault", () => {
  assert.deepEqual(X.fromIso("2025-03-01"), {value: "2025-03-01"});
  assert.deepEqual(X.fromIso("2025-03-01T12:30:00.5Z"), {value: "2025-03-01T12:30:00.500000"});
  assert.deepEqual(X.fromIso("12:30"), {value: "12:30:00"});
  assert.deepEqual(X.fromIso("2025-03-01 trailing"), {value: "2025-03-01"});  // re.match: a prefix
  assert.deepEqual(X.fromIso(""), {value: null});
  for (const bad of ["gisteren", "2025-02-29", "24:00", "0000-01-01", "PT"]) {
    assert.deepEqual(X.fromIso(bad), {fault: true}, bad);
  }
  assert.equal(X.fromIso("PT1H"), null);  // a duration: left to validate
});

test("date numbers: days since 1899-12-30 (Excel's 1900 leap day kept) or 1904", () => {
  assert.deepEqual(X.fromExcel("45658", false), {value: "2025-01-01T00:00:00"});
  assert.deepEqual(X.fromExcel("45658.5", false), {value: "2025-01-01T12:00:00"});
  assert.deepEqual(X.fromExcel("1", false), {value: "1900-01-01T00:00:00"});
  assert.deepEqual(X.fromExcel("0.25", false), {value: "06:00:00"});
  assert.deepEqual(X.fromExcel("0", true), {value: "00:00:00"});
  assert.deepEqual(X.fromExcel("1", true), {value: "1904-01-02T00:00:00"});
  assert.deepEqual(X.fromExcel("3000000", false), {fault: true});
  assert.deepEqual(X.fromExcel("1e400", false), {fault: true});
});

test("date styles: the cell formats (xf index) with a date or a duration format", () => {
  const D = {builtin: {14: "mm-dd-yy", 46: "[h]:mm:ss"}, strip: '".*?"|\\[(?!hh?\\]|mm?\\]|ss?\\])[^\\]]*\\]',
    date_letter: "(?<![_\\\\])[dmhysDMHYS]", timedelta: "\\[hh?\\](:mm(:ss(\\.0*)?)?)?|\\[mm?\\](:ss(\\.0*)?)?|\\[ss?\\](\\.0*)?"};
  const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="d-m-yyyy"/>' +
    '<numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/></numFmts><cellXfs count="5"><xf numFmtId="0"/>' +
    '<xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="46"/></cellXfs></styleSheet>';
  const got = X.styles({"xl/workbook.xml": '<workbook><workbookPr date1904="1"/></workbook>', "xl/styles.xml": styles}, D);
  assert.deepEqual(got, {date: {1: true, 2: true, 4: true}, timedelta: {4: true}, mac: true});
  assert.deepEqual(X.styles({"xl/workbook.xml": "<workbook/>"}, D), {date: {}, timedelta: {}, mac: false});
});
