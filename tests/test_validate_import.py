"""Nothing changes silently on import: statuses, theme near-misses, formula cells, units.

Each reading that changes what the file says gets a note naming what was read,
or, where it is a guess, an error with a fix; in Dutch and in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import geo.validate as gv
from geo.validate.status import STATUS_LABELS, STATUSES, read_status, status_key
from layers.lang import use_lang
from layers.messages import msg
from mapbuilder.i18n import STATUS

LANGS = ("nl", "en")


def _csv(tmp_path: Path, rows: list[str], header: str = "Projectnaam;Thema;Bedrag;Gemeente;Status"
         ) -> Path:
    path = tmp_path / "p.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------------ status
def test_status_labels_are_the_pages_labels() -> None:
    assert tuple(STATUS_LABELS) == STATUS
    assert STATUS_LABELS == {code: tuple(msg(f"labels.status_{code}", lang=lang) for lang in LANGS)
                             for code in STATUS}


SYNONYMS = [(code, word) for code, words in STATUSES.items() for word in words]


@pytest.mark.parametrize(("code", "word"), SYNONYMS, ids=[w for _, w in SYNONYMS])
@pytest.mark.parametrize("lang", LANGS)
def test_every_status_word_maps_to_its_own_code(code: str, word: str, lang: str) -> None:
    plain = status_key(word) in {status_key(w) for w in (code, *STATUS_LABELS[code])}
    with use_lang(lang):
        for variant in (word, word.upper(), f"  {word.title()} "):
            got, note = read_status(variant)
            assert got == code
            if plain:
                assert note is None
            else:
                assert note is not None and note.code == "status_read"
                label = STATUS_LABELS[code][LANGS.index(lang)]
                # Dutch adds the code the register stores; English names it once
                shown = f"'{label}' ({code})" if lang == "nl" else f"'{label}'"
                assert shown in note.message and f"({code})" not in note.message[
                    note.message.index(shown) + len(shown):]
                assert variant.strip() in note.message
                assert note.fix and shown in note.summary
                assert (f"{code} ({code})" in note.fix) is False


def test_no_status_word_names_two_codes() -> None:
    keys = [status_key(w) for _, w in SYNONYMS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("lang", LANGS)
def test_user_file_statuses(tmp_path: Path, lang: str) -> None:
    path = _csv(tmp_path, ["A;Waterstof;€ 1 mln;Amsterdam;idee",
                           "B;AI;€ 1 mln;Amsterdam;gestopt",
                           "C;AI;€ 1 mln;Amsterdam;stopgezet",
                           "D;AI;€ 1 mln;Amsterdam;in voorbereiding",
                           "E;AI;€ 1 mln;Amsterdam;wacht op subsidie"])
    with use_lang(lang):
        report = gv.validate_file(path)
    assert list(report.projects["status"]) == ["idea", "stopped", "stopped", "planned",
                                               "wacht op subsidie"]
    notes = {p.name: p for p in report.problems if p.code.startswith("status_")}
    assert set(notes) == {"C", "D", "E"}  # idee and gestopt are the labels themselves
    assert notes["C"].severity == "note" and notes["C"].value == "stopgezet"
    gestopt = "'gestopt' (stopped)" if lang == "nl" else "'stopped'."
    assert gestopt in notes["C"].message and "(stopped) (stopped)" not in notes["C"].message
    unknown = notes["E"]
    assert "wacht op subsidie" in unknown.message
    for code, (nl, en) in STATUS_LABELS.items():  # each status once in English
        assert (f"{nl} ({code})" if lang == "nl" else en) in unknown.message
        assert (f"({code})" in unknown.message) is (lang == "nl")
    assert ("geen bekende status" if lang == "nl" else "not a known status") in unknown.message


# ------------------------------------------------------------------------ themes
NEAR_MISSES = ["Waterstoff", "Watrstof", "Waaterstof", "waterstoff (H2)", "Slimme mobilitiet"]


@pytest.mark.parametrize("theme", NEAR_MISSES)
@pytest.mark.parametrize("lang", LANGS)
def test_theme_near_miss_is_refused_with_did_you_mean(tmp_path: Path, theme: str,
                                                      lang: str) -> None:
    path = _csv(tmp_path, [f"A;{theme};€ 1 mln;Amsterdam;gepland",
                           "B;Waterstof;€ 1 mln;Amsterdam;gepland"])
    with use_lang(lang):
        report = gv.validate_file(path)
    assert "A" not in list(report.projects["name"])
    (err,) = [p for p in report.errors if p.field == "theme"]
    assert err.value == theme and err.hint
    assert ("Bedoelde u" if lang == "nl" else "Did you mean") in err.message
    want = "Waterstof" if "mobilit" not in theme else "Slimme mobiliteit"
    want = want if lang == "nl" else {"Waterstof": "Hydrogen"}.get(want, "Smart mobility")
    assert f"'{want}'" in err.message


@pytest.mark.parametrize(("theme", "code"), [
    ("Waterstoffen", "hydrogen"), ("waterstofs", "hydrogen"),
    ("Slimme mobiliteit", "smart_mobility"),
    ("slim mobiliteit", "smart_mobility"), ("Duurzaam digitaal infrastructuur", "digital_infra"),
    ("Duurzame digitale infrastructuren", "digital_infra"), ("smart grids", "smart_energy"),
    ("Slimme energiesysteem", "smart_energy")])
def test_theme_inflections_are_read_without_a_problem(tmp_path: Path, theme: str,
                                                      code: str) -> None:
    path = _csv(tmp_path, [f"A;{theme};€ 1 mln;Amsterdam;gepland"])
    report = gv.validate_file(path)
    assert list(report.projects["theme"]) == [code]
    assert not [p for p in report.problems if p.field == "theme"]


# ------------------------------------------------------------------------ Excel formulas
def _xlsx(tmp_path: Path, rows: list[list[object]], cached: dict[str, str] | None = None
          ) -> Path:
    """A workbook as openpyxl writes it (formulas without a stored result).

    ``cached``: cell -> result to store with that cell's formula, as Excel does on save.
    """
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Projecten"
    ws.append(["Projectnaam", "Thema", "Bedrag", "Gemeente"])
    for r in rows:
        ws.append(r)
    path = tmp_path / "p.xlsx"
    wb.save(path)
    if cached:
        with zipfile.ZipFile(path) as zf:
            files = {i.filename: zf.read(i) for i in zf.infolist()}
        sheet = files["xl/worksheets/sheet1.xml"].decode()
        for cell, value in cached.items():
            sheet, k = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)<v\s*/>',
                               rf"\1\2<v>{value}</v>", sheet)
            assert k == 1, sheet
        files["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w") as zf:
            for name, body in files.items():
                zf.writestr(name, body)
    return path


@pytest.mark.parametrize("lang", LANGS)
def test_formula_without_stored_value_is_an_error_naming_the_cell(tmp_path: Path,
                                                                 lang: str) -> None:
    path = _xlsx(tmp_path, [["Formulecel", "Waterstof", "=1000000*2", "Zaanstad"],
                            ["Gewoon", "Waterstof", 5000, "Zaanstad"]])
    with use_lang(lang):
        report = gv.validate_file(path)
    (err,) = report.errors
    assert (err.field, err.column, err.row, err.value) == ("amount_eur", "Bedrag", 2,
                                                          "=1000000*2")
    assert "C2" in err.message and "'Projecten'" in err.message
    if lang == "nl":
        assert "cel bevat een formule zonder opgeslagen waarde" in err.message
        assert "Open het bestand in Excel en sla het op, of vul het bedrag als getal in" in \
            err.hint
    else:
        assert "formula without a stored value" in err.message
        assert "fill in the amount as a number" in err.hint


@pytest.mark.parametrize("lang", LANGS)
def test_formula_with_stored_value_is_read_with_a_note(tmp_path: Path, lang: str) -> None:
    path = _xlsx(tmp_path, [["Formulecel", "Waterstof", "=1000000*2", "Zaanstad"]],
                 cached={"C2": "2000000"})
    with use_lang(lang):
        report = gv.validate_file(path)
    assert report.ok
    assert list(report.projects["amount_eur"]) == [2_000_000]
    (note,) = [p for p in report.notes if p.code == "formula"]
    assert note.value == 2_000_000 and "=1000000*2" in note.message and "C2" in note.message
    assert note.hint


@pytest.mark.parametrize("lang", LANGS)
def test_formula_in_the_name_column_is_not_called_missing(tmp_path: Path, lang: str) -> None:
    formula = '=HYPERLINK("http://example.nl","klik")'
    path = _xlsx(tmp_path, [[formula, "Waterstof", "€ 1 mln", "Zaanstad"]])
    with use_lang(lang):
        report = gv.validate_file(path)
    (err,) = report.errors
    assert (err.field, err.code, err.value, err.row) == ("name", "formula", formula, 2)
    assert "A2" in err.message
    assert ("zonder '=' aan het begin" if lang == "nl" else "without '=' at the start") in \
        err.hint
    assert not [p for p in report.problems if p.code == "name_missing"]


# ------------------------------------------------------------------------ amounts
@pytest.mark.parametrize("lang", LANGS)
def test_unit_column_reads_dutch_thousands_with_a_note(tmp_path: Path, lang: str) -> None:
    path = _csv(tmp_path, ["A;Waterstof;€ 2.500;Zaanstad", "B;Waterstof;750;Zaanstad",
                           "C;Waterstof;2.500;Haarlem", "D;Waterstof;1,5;Haarlem"],
                header="Projectnaam;Thema;Bedrag (x € 1.000);Gemeente")
    with use_lang(lang):
        report = gv.validate_file(path)
    assert report.ok
    assert list(report.projects["amount_eur"]) == [2_500_000, 750_000, 2_500_000, 1_500]
    notes = [p for p in report.notes if p.code == "amount_notation"]
    assert [p.name for p in notes] == ["A", "C"]
    want = "€ 2.500.000" if lang == "nl" else "€2,500,000"
    assert all(want in p.message and "'2.500'" in p.message and p.hint for p in notes)


@pytest.mark.parametrize(("header", "values", "notation"), [
    ("Bedrag (x € 1.000)", [], "nl"), ("amount (x €1,000)", [], "en"),
    ("Budget (k€)", [], None), ("Budget (k€)", ["1,5", "2.500"], "nl"),
    ("Budget (k€)", ["1.5", "2,500"], "en"), ("Bedrag (x € 1.000)", ["1.5"], "en"),
    ("Bedrag (x € 1.000)", ["1.5", "1,5"], "nl")])
def test_column_notation(header: str, values: list[str], notation: str | None) -> None:
    assert gv.amounts.column_notation(header, values) == notation


AMOUNTS = ["1.250", "1,250", "2.500", "€ 2.500", "€1,250", "abc", "-5", "1e400", "€",
           "99999999999999999999", "€ 999.999.999.999.999", "nan", "0,5", True, [1]]
UNITS = [1.0, 1e3, 1e6, 1e9]


def _suggestions(text: str) -> list[str]:
    """The amounts a fix tells the user to write: its quoted examples (not column names)."""
    import re

    return [s for s in re.findall(r"'([^']*)'", text) if re.search(r"\d", s) and "(" not in s]


@pytest.mark.parametrize("notation", [None, "nl", "en"])
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_amount_fix_offered_validates_itself(lang: str, unit: float,
                                                   notation: str | None) -> None:
    offered = 0
    with use_lang(lang):
        for value in AMOUNTS:
            got = gv.amounts.read_amount(value, unit, notation)
            fixes = []
            if got.message is not None:
                assert got.amount is None and got.fix, value  # every error carries a fix
                fixes.append(got.fix)
            if got.note is not None:
                fixes.append(got.note[1])
            if got.amount is not None and 0 < got.amount < gv.amounts.SMALL_AMOUNT_EUR:
                fixes.append(gv.amounts.small_amount_note(got.amount, unit)[1])
            for fix in fixes:
                for example in _suggestions(fix):
                    again = gv.amounts.read_amount(example, unit, notation)
                    assert again.message is None and again.amount is not None, \
                        (value, fix, example, again)
                    offered += 1
    assert offered >= 5  # the check above ran on fixes


@pytest.mark.parametrize("header", ["Bedrag", "Bedrag (x € 1.000)", "Budget (k€)",
                                    "Bedrag (mln)"])
@pytest.mark.parametrize("lang", LANGS)
def test_fix_fed_back_into_the_file_validates(tmp_path: Path, header: str, lang: str) -> None:
    bad = ["1.250", "2.500", "twee", "99999999999999999999", "-5"]
    rows = [f"P{i};Waterstof;{v};Zaanstad" for i, v in enumerate(bad)]
    path = _csv(tmp_path, rows, header=f"Projectnaam;Thema;{header};Gemeente")
    with use_lang(lang):
        report = gv.validate_file(path)
        errors = [p for p in report.errors if p.field == "amount_eur"]
        assert errors and all(p.hint for p in errors)
        for err in errors:
            for example in _suggestions(err.hint):
                rows[err.feature - 1] = f"P{err.feature - 1};Waterstof;{example};Zaanstad"
                again = gv.validate_file(_csv(tmp_path, rows,
                                              header=f"Projectnaam;Thema;{header};Gemeente"))
                assert not [p for p in again.errors if p.feature == err.feature], \
                    (err.hint, example, again.errors)


@pytest.mark.parametrize("lang", LANGS)
def test_too_large_amount_carries_a_fix(tmp_path: Path, lang: str) -> None:
    path = _csv(tmp_path, ["P;Waterstof;99999999999999999999;Zaanstad"],
                header="Projectnaam;Thema;Bedrag;Gemeente")
    with use_lang(lang):
        report = gv.validate_file(path)
        (err,) = report.errors
        assert err.hint and _suggestions(err.hint)
        assert ("Oplossing: " if lang == "nl" else "Fix: ") + err.hint in err.to_text()


BAD = sorted((Path(__file__).parent / "data" / "bad").iterdir())


@pytest.mark.parametrize("lang", LANGS)
def test_every_error_in_the_bad_corpus_carries_a_fix(lang: str) -> None:
    checked = 0
    with use_lang(lang):
        for path in BAD:
            for p in gv.validate_file(path).errors:
                assert p.hint.strip(), (path.name, p.to_text())
                checked += 1
    assert checked > 20


# ------------------------------------------------------------------------ grouped notes
GROUPED = {  # code -> (header, six rows' amount and status)
    "derived_id": ("Bedrag", [("€ 1 mln", "gepland")] * 6),
    "status_read": ("Bedrag", [("€ 1 mln", s) for s in ("lopend", "bezig", "gereed", "klaar",
                                                          "stopgezet", "lopend")]),
    "status_unknown": ("Bedrag", [("€ 1 mln", f"wacht {i}") for i in range(6)]),
    "small_amount": ("Bedrag", [(f"{i},5", "gepland") for i in range(1, 7)]),
    "amount_notation": ("Bedrag (x € 1.000)", [(f"{i}.500", "gepland") for i in range(1, 7)]),
}


@pytest.mark.parametrize("code", list(GROUPED))
@pytest.mark.parametrize("lang", LANGS)
def test_grouped_notes_are_worded_per_project(tmp_path: Path, code: str, lang: str) -> None:
    header, rows = GROUPED[code]
    lines = [f"P{i};Waterstof;{a};Amsterdam;{s}" for i, (a, s) in enumerate(rows)]
    head = f"Projectnaam;Thema;{header};Gemeente;Status"
    if code == "derived_id":  # one project with an id: the other six get a note each
        lines = [f"{'X-1' if i == 0 else ''};{line}" for i, line in
                 enumerate(["Met id;Waterstof;€ 1 mln;Amsterdam;gepland", *lines])]
        head = "id;" + head
    path = _csv(tmp_path, lines, header=head)
    with use_lang(lang):
        report = gv.validate_file(path)
        same = [p for p in report.problems if p.code == code]
        assert len(same) == 6
        named = same[0].column or same[0].field  # the file's own column, as one note says
        (line,) = [t for t in report.to_text().splitlines() if "6×" in t and
                   f"'{named}'" in t]
    assert same[0].summary and same[0].summary in line
    assert same[0].message not in line  # one project's message is not said of all six
    assert ("bijv." if lang == "nl" else "e.g.") in same[0].summary
    if code == "derived_id":
        assert ("elk project krijgt een eigen id" if lang == "nl" else
                "each project is given its own id") in line


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_without_any_id_gets_one_file_level_note(tmp_path: Path, lang: str) -> None:
    rows = [f"P{i};Waterstof;€ 1 mln;Amsterdam;gepland" for i in range(1200)]
    with use_lang(lang):
        report = gv.validate_file(_csv(tmp_path, rows))
        text = report.to_text(verbose=True)
    assert report.ok and len(report.projects) == 1200
    assert report.projects["id"].is_unique and report.projects["id"].str.startswith("p-").all()
    (note,) = [p for p in report.problems if p.code == "derived_id"]
    assert note.feature is None and note.severity == "note"
    assert ("1.200 projecten" if lang == "nl" else "1,200 projects") in note.message
    assert repr(report.projects["id"].iloc[0]) in note.message  # its example is a real id
    assert len(report.derived_ids) == 1200
    assert len(text.splitlines()) == 2  # --verbose too: the head and one line, not 1,200
