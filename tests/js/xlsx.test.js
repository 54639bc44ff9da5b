// Unit tests of mapbuilder/static/lib/xlsx.js (run: node --test tests/js/)
// A sheet's cells as openpyxl reads them; held to validate on whole workbooks in
// tests/test_check_places_parity.py, tests/test_check_parity.py and tests/test_check_read.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const X = require("../../mapbuilder/static/lib/xlsx.js");

function book(rowsXml) {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  return {
    "xl/workbook.xml": `<workbook xmlns="${ns}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${ns}"><sheetData>${rowsXml}</sheetData></worksheet>`,
  };
}

test("a cell not written, or written without a value, before a written one is null (openpyxl's None), not ''", () => {
  const why = [];
  const rows = X.sheetRows(book(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c><c r="C1" t="inlineStr"><is><t>lon</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Park</t></is></c><c r="B2" t="inlineStr"/><c r="C2" t="n"><v>4.89</v></c></row>' +
    '<row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c><c r="C3" t="n"><v>4.9</v></c></row>'),
  (r) => why.push(r), null, {});
  assert.deepEqual(why, []);
  assert.deepEqual(rows.map((r) => r.cells), [["naam", null, "lon"], ["Park", null, 4.89], ["", null, 4.9]]);
});

test("line ends written into a text are read as an XML parser reads them; &#13; stays a CR", () => {
  const rows = X.sheetRows(book(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc&#13;d</t></is></c></row>'), () => {}, null, {});
  assert.deepEqual(rows[0].cells, ["a\nb\nc\rd"]);
});
