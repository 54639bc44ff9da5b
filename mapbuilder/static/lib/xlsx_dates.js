/* transitiekaart lib/xlsx_dates: an .xlsx's date cells as openpyxl reads them, pure (no DOM).
 *
 * openpyxl (geo/validate/workbook.py sheet_rows) reads a cell of type "d" from its ISO 8601
 * text (utils/datetime.py from_ISO8601) and a number cell whose style has a date format as
 * days since the workbook's epoch (from_excel; the styles' formats: styles/stylesheet.py
 * _normalise_numbers, styles/numbers.py is_date_format); tables.py read_xlsx then writes the
 * value with isoformat(). A value openpyxl refuses is the cell's fault (workbook.py names the
 * cell). The format rules (builtin formats, openpyxl's patterns) come from Python
 * (rules.reading.xlsx_dates, mapbuilder/mappage/check_rules.py). Held to openpyxl by
 * tests/test_check_gaps_parity.py (generated workbooks).
 * In node `module.exports`; in the page `window.transitiekaart.lib.xlsx_dates`.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else {
    var TK = root.transitiekaart = root.transitiekaart || {};
    (TK.lib = TK.lib || {}).xlsx_dates = api;
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DAY_MS = 86400000;
  var MIN_MS = -62135596800000, END_MS = 253402300800000;  // datetime.min, datetime.max + 1 ms
  var WINDOWS_MS = -2209161600000, MAC_MS = -2082844800000;  // 1899-12-30, 1904-01-01 (UTC)

  function attr(tag, name) {
    var m = new RegExp("\\s" + name + '="([^"]*)"').exec(tag);
    return m ? m[1].replace(/&(amp|lt|gt|quot|apos);/g, function (x, e) {
      return {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'"}[e];
    }) : null;
  }

  /* The workbook's date styles, as openpyxl indexes them: {date: {xf index: true}, timedelta:
   * {...}, mac: the 1904 epoch}; null where the page cannot tell (the caller declines). */
  function styles(files, D) {
    var book = files["xl/workbook.xml"] || "", pr = /<workbookPr\b[^>]*>/.exec(book);
    var d1904 = pr ? attr(pr[0], "date1904") : null;
    if (d1904 !== null && ["0", "1", "true", "false"].indexOf(d1904) < 0) { return null; }
    var out = {date: {}, timedelta: {}, mac: d1904 === "1" || d1904 === "true"};
    var xml = files["xl/styles.xml"];
    if (xml === undefined) { return out; }  // no stylesheet: no date formats
    if (/<[A-Za-z_][\w.-]*:(numFmt|xf|cellXfs)\b|&#/.test(xml)) { return null; }  // prefixed, char references: not ported
    var custom = {}, m, re = /<numFmt\b[^>]*>/g;
    while ((m = re.exec(xml)) !== null) {
      var id = attr(m[0], "numFmtId"), code = attr(m[0], "formatCode");
      if (id === null || !/^[0-9]{1,9}$/.test(id) || code === null) { return null; }
      custom[Number(id)] = code;
    }
    var xfs = /<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/.exec(xml), x, k = 0;
    var strip = new RegExp(D.strip, "g"), letter = new RegExp(D.date_letter), delta = new RegExp(D.timedelta, "i");
    var xre = /<xf\b[^>]*>/g;
    while (xfs && xfs[1] && (x = xre.exec(xfs[1])) !== null) {
      var n = attr(x[0], "numFmtId");
      if (n !== null && !/^[0-9]{1,9}$/.test(n)) { return null; }
      var fid = n === null ? 0 : Number(n);
      var fmt = Object.prototype.hasOwnProperty.call(custom, fid) ? custom[fid] :
        Object.prototype.hasOwnProperty.call(D.builtin, fid) ? D.builtin[fid] : null;
      if (fmt !== null) {
        var first = fmt.split(";")[0];
        if (letter.test(first.replace(strip, ""))) { out.date[k] = true; }
        if (delta.test(first)) { out.timedelta[k] = true; }
      }
      k++;
    }
    return out;
  }

  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }

  function leap(y) { return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0); }

  function timeText(h, mi, s, us) {
    return pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2) + (us ? "." + pad(us, 6) : "");
  }

  // Python's isoformat() of the datetime ms milliseconds from 1970 (UTC, proleptic Gregorian)
  function datetimeText(ms) {
    var d = new Date(ms), rest = ((ms % 1000) + 1000) % 1000;
    return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2) + "T" +
      timeText(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), rest * 1000);
  }

  var ISO = /^(?:((\d{4})-(\d{2})-(\d{2})))?T?(?:((\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?))?Z?/;
  var DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?/;

  /* from_ISO8601, then isoformat(): {value} (null for no text), {fault: true} (openpyxl raises
   * ValueError), or null (a duration, digits of other scripts: left to validate) */
  function fromIso(text) {
    if (!text) { return {value: null}; }
    if (/(?![0-9])\p{Nd}/u.test(text)) { return null; }  // Python's \d reads them too
    var m = ISO.exec(text);
    if (m && m.slice(1).some(function (g) { return g !== undefined; })) {
      var y = +m[2] || 0, mo = +m[3] || 0, d = +m[4] || 0, h = +m[6] || 0, mi = +m[7] || 0, s = +m[8] || 0;
      var us = m[9] ? Math.trunc(Number(m[9]) * 1000000) : 0;
      var timeOk = h < 24 && mi < 60 && s < 60;
      var dateOk = y >= 1 && mo >= 1 && mo <= 12 && d >= 1 &&
        d <= [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
      if (!m[1]) { return timeOk ? {value: timeText(h, mi, s, us)} : {fault: true}; }
      var date = pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2);
      if (!m[5]) { return dateOk ? {value: date} : {fault: true}; }
      return dateOk && timeOk ? {value: date + "T" + timeText(h, mi, s, us)} : {fault: true};
    }
    var dm = DURATION.exec(text);
    if (dm && dm.slice(1).some(function (g) { return g !== undefined; })) { return null; }  // a timedelta
    return {fault: true};
  }

  function roundHalfEven(x) {
    var r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  /* from_excel(value, epoch) (not a timedelta), then isoformat(): text, the cell's number as
   * written ("45658", "45658.5"); {value} or {fault: true} (openpyxl's "outside the limits for
   * dates", a warning workbook.py raises) */
  function fromExcel(text, mac) {
    var v = Number(text), isInt = !/[.eE]/.test(text);  // openpyxl _cast_number: int or float
    if (!isFinite(v)) { return {fault: true}; }
    var day, fraction;
    if (isInt) { day = v; fraction = 0; }
    else {  // Python's float divmod(v, 1)
      var mod = v % 1, div = v - mod;
      if (mod !== 0 && mod < 0) { mod += 1; div -= 1; }
      day = div ? Math.floor(div) + (div - Math.floor(div) > 0.5 ? 1 : 0) : 0;
      fraction = mod;
    }
    var diff = roundHalfEven(fraction * 86400 * 1000);  // timedelta(milliseconds=round(...))
    if (v >= 0 && v < 1 && diff < DAY_MS) {  // days_to_time
      var sec = Math.floor(diff / 1000);
      return {value: timeText(Math.floor(sec / 3600), Math.floor(sec / 60) % 60, sec % 60, (diff % 1000) * 1000)};
    }
    if (v > 0 && v < 60 && !mac) { day += 1; }
    if (Math.abs(day) > 4e6) { return {fault: true}; }  // past datetime's range (or timedelta's)
    var base = (mac ? MAC_MS : WINDOWS_MS) + day * DAY_MS, ms = base + diff;
    if (base < MIN_MS || base >= END_MS || ms < MIN_MS || ms >= END_MS) { return {fault: true}; }
    return {value: datetimeText(ms)};
  }

  return {styles: styles, fromIso: fromIso, fromExcel: fromExcel};
}));
