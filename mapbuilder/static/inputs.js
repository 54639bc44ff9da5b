/* transitiekaart: filter fields people can type in (namespace TK.inputs).
 *
 * Reads: TK.state, TK.setFilter, TK.labels, TK.fmt, TK.el, TK.ui (panels.js),
 * TK.lib.amounts (the CLI's amount parser, ported).
 * The amount fields take what the CLI takes ("1.000.000", "2,5 mln", "€ 750.000", "300k"),
 * show the amount read next to the field, and mark a field that cannot be read, or a
 * minimum above the maximum (and a start year after the end year), in the field itself:
 * such a bound is not applied, and the field says so. The status boxes read as "show only
 * these": from "all", a click shows only that status; "all" and "none" buttons as for the
 * themes. Texts reach the page with textContent.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var uid = 0;

  // a field with its note below (the amount read, or what is wrong), tied by aria-describedby
  function field(label, input) {
    var box = TK.ui.labelled(label, input), note = el("span", "tk-parsed");
    note.id = "tk-note-" + (++uid);
    note.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", note.id);
    box.appendChild(note);
    return {box: box, input: input, note: note};
  }

  function mark(f, text, bad) {
    f.note.textContent = text || "";
    f.note.classList.toggle("tk-bad", !!bad);
    f.input.classList.toggle("tk-invalid", !!bad);
    if (bad) { f.input.setAttribute("aria-invalid", "true"); }
    else { f.input.removeAttribute("aria-invalid"); }
  }

  // what a refused amount is told: the reason and how to write it
  function why(got) {
    var P = TK.labels;
    if (got.error === "ambiguous") {
      return P.amount_ambiguous.replace("{a}", TK.fmt.eur(got.grouped))
        .replace("{b}", TK.fmt.n(got.decimal, 2));
    }
    return P["amount_" + got.error] || P.amount_unreadable;
  }

  function amountInput(value, name) {
    var i = el("input");
    i.type = "text";
    i.inputMode = "decimal";
    i.autocomplete = "off";
    i.setAttribute("aria-label", name);
    i.value = value === null || value === undefined ? "" : TK.fmt.num(value);
    return i;
  }

  // the amount fieldset's row: minimum and maximum
  function amounts(parent) {
    var P = TK.labels, s = TK.state, A = TK.lib.amounts;
    var row = el("div", "tk-row");
    var lo = field(P.amount_min, amountInput(s.min, P.amount + " " + P.amount_min));
    var hi = field(P.amount_max, amountInput(s.max, P.amount + " " + P.amount_max));
    function read(f) {
      var got = A.read(f.input.value);
      if (got.error) { mark(f, why(got), true); return {bad: true, v: null}; }
      mark(f, got.amount === null ? "" : "= " + TK.fmt.eur(got.amount), false);
      return {bad: false, v: got.amount};
    }
    function preview() { read(lo); read(hi); }
    function apply() {
      var a = read(lo), b = read(hi);
      if (!a.bad && !b.bad && a.v !== null && b.v !== null && a.v > b.v) {
        mark(lo, P.amount_range, true);
        mark(hi, P.amount_range, true);
        TK.setFilter({min: null, max: null});
        return;
      }
      TK.setFilter({min: a.v, max: b.v});
    }
    [lo, hi].forEach(function (f) {
      f.input.addEventListener("input", preview);
      f.input.addEventListener("change", apply);
      f.input.addEventListener("keydown", function (e) { if (e.key === "Enter") { apply(); } });
      row.appendChild(f.box);
    });
    preview();
    parent.appendChild(row);
    return {lo: lo, hi: hi};
  }

  function yearInput(value, name) {
    var i = el("input");
    i.type = "number";
    i.step = "1";
    i.min = "0";
    i.inputMode = "numeric";
    i.setAttribute("aria-label", name);
    i.value = value === null ? "" : String(value);
    return i;
  }

  // the start year row: from and to; a start after the end is marked and not applied
  function years(parent) {
    var P = TK.labels, s = TK.state, row = el("div", "tk-row");
    var y0 = field(P.from, yearInput(s.year ? s.year[0] : null, P.year + " " + P.from));
    var y1 = field(P.to, yearInput(s.year ? s.year[1] : null, P.year + " " + P.to));
    function apply() {
      var a = y0.input.value === "" ? null : Number(y0.input.value);
      var b = y1.input.value === "" ? null : Number(y1.input.value);
      mark(y0, "", false);
      mark(y1, "", false);
      if (a === null && b === null) { TK.setFilter({year: null}); return; }
      if (a !== null && b !== null && a > b) {
        mark(y0, P.year_range, true);
        mark(y1, P.year_range, true);
        TK.setFilter({year: null});
        return;
      }
      TK.setFilter({year: [a === null ? 0 : a, b === null ? 9999 : b]});
    }
    [y0, y1].forEach(function (f) {
      f.input.addEventListener("change", apply);
      row.appendChild(f.box);
    });
    parent.appendChild(row);
    return {y0: y0, y1: y1};
  }

  // a status box changed: from "all" (no status filter) a click means "only this one"
  function statusChanged(box, boxes) {
    if (!TK.state.status) { TK.setFilter({status: [box.dataset.status]}); return; }
    var on = boxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.dataset.status; });
    TK.setFilter({status: on.length === boxes.length ? null : on});
  }

  // "Status: alle" and "Status: geen", as for the themes
  function statusButtons(parent) {
    var P = TK.labels;
    TK.ui.allNone(parent, P.status, "status");  // panels.js
    parent.appendChild(el("div", "tk-note", P.status_hint));
  }

  TK.inputs = {amounts: amounts, years: years, statusChanged: statusChanged,
               statusButtons: statusButtons};
})();
