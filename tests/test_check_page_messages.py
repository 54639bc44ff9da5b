"""The page's check names a problem as ``validate`` does, or says its check is incomplete
with validate's reason, never a wrong error (issue 21, the new-user trial's H1, A10, H3).

- A location cell that is neither coordinates nor an area (an address, a place name):
  validate's error at that row, column and value (``location_unreadable`` in a column
  ``Locatie``, ``coordinate_pair`` in a column ``coördinaten``); compared in full.
- An Excel formula without a stored value: the page does not read formulas, so that row is
  not checked (no "name missing" for a cell that holds a formula) and the check is
  incomplete, naming the cells and validate's verdict.
- A CSV cell longer than a CSV field may be: that row is not checked either, and the
  reason says what validate says (a quote likely not closed).

The page's hint for RD New coordinates without a declared CRS (validate's names ``--crs``)
differs on the page only: ``checkFile`` (compared in tests/test_check_parity.py) keeps
validate's hint, the list on the page and its messages CSV show the page's
(tests/e2e/test_check_page_fixes.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.messages import template
from tests.test_check_parity import KEYS, NODE, check_js, check_sheet, python_report

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

PLACE_CELLS = ["52.3702, 4.8952", "52,3851; 4,6436", "Haarlem", "Zaanstad", "MRA-breed",
               "Hoofddorp", "Stationsplein 1, Haarlem", "Kerkstraat 12", "", "123 abc"]


def _sheet(folder: Path, head: list[str], rows: list[list[object]], fmt: str) -> Path:
    path = folder / f"blad.{fmt}"
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        book.active.title = "Projecten"
        for row in [head, *rows]:
            book.active.append([None if c == "" else c for c in row])
        book.save(path)
    else:
        path.write_text("\n".join(";".join(str(c) for c in r) for r in [head, *rows]) + "\n",
                        encoding="utf-8")
    return path


def test_a_place_name_in_the_location_column_is_validates_error(tmp_path: Path) -> None:
    """A10_plat_paar.xlsx: 'rij 3: heeft geen locatie' without column or value before."""
    head = ["Projectnaam", "Thema", "Investering", "Locatie"]
    rows = [["Warmtenet", "Waterstof", 1000000, "52.3702, 4.8952"],
            ["Slimme lichten", "Slimme mobiliteit", 2000000, "Hoofddorp"]]
    for lang in ("nl", "en"):
        path = _sheet(tmp_path, head, rows, "xlsx")
        got = check_js([path], lang)[0]
        want = python_report(path, lang)
        assert got["complete"] is True
        assert [[p[k] for k in KEYS] for p in got["problems"]] == \
            [[p[k] for k in KEYS] for p in want["problems"]]
        assert ("location_unreadable", 3, "Locatie", "Hoofddorp") in \
            [(p["code"], p["row"], p["column"], p["value"]) for p in got["problems"]]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PLACE_CELLS), min_size=1, max_size=5),
       st.sampled_from(["Locatie", "coördinaten", "Location"]), st.sampled_from(["xlsx", "csv"]))
def test_location_cells_agree_with_validate(cells: list[str], header: str, fmt: str) -> None:
    rows = [[f"Project {k}", "Waterstof", "750.000", c] for k, c in enumerate(cells)]
    with tempfile.TemporaryDirectory() as tmp:
        check_sheet(_sheet(Path(tmp), ["naam", "thema", "bedrag", header], rows, fmt))


def test_a_formula_without_a_value_is_no_wrong_error(tmp_path: Path) -> None:
    """H1_formules_html.xlsx: the page said 'ontbreekt of is leeg' for =HYPERLINK(...)."""
    head = ["Projectnaam", "Thema", "Investering", "Gemeente"]
    rows = [['=HYPERLINK("https://evil.example/x","Klik hier")', "Waterstof", 1000, "Haarlem"],
            ["Gewoon", "Waterstof", "=1000000*2", "Haarlem"],
            ["Zonder naam", "Waterstof", 5000, "Haarlem"]]
    path = _sheet(tmp_path, head, rows, "xlsx")
    want = python_report(path, "nl")
    assert [p["code"] for p in want["problems"] if p["severity"] == "error"] == \
        ["formula", "formula"]
    got = check_js([path], "nl")[0]
    assert got["complete"] is False and got["ok"] is not True
    assert "formula_no_value" in got["reasons"]
    assert [p["code"] for p in got["problems"] if p["severity"] == "error"] == []
    last = got["problems"][-1]
    assert last["code"] == "check_incomplete"
    assert template("pagecheck.why_formula_no_value", "nl") in last["message"]
    assert "A2: =HYPERLINK(" in last["message"] and "C3: =1000000*2" in last["message"]
    # the row without a formula is checked as validate checks it
    mine = [[p[k] for k in KEYS] for p in got["problems"] if p["row"] == 4]
    assert mine == [[p[k] for k in KEYS] for p in want["problems"] if p["row"] == 4]


def test_a_cell_past_the_csv_field_limit_says_validates_reason(tmp_path: Path) -> None:
    """H3_grote_cel.csv: validate names the cell's size and a likely unclosed quote."""
    path = tmp_path / "grote_cel.csv"
    path.write_text("naam;thema;bedrag;gemeente\nNormaal;Waterstof;€ 2,5 mln;Haarlem\n"
                    f"Lang;Waterstof;750.000;{'A' * 200_000}\nNa;Waterstof;750.000;Zaanstad\n",
                    encoding="utf-8")
    want = python_report(path, "nl")
    assert [p["code"] for p in want["problems"] if p["severity"] == "error"] == ["cell_too_long"]
    got = check_js([path], "nl")[0]
    assert got["complete"] is False and got["reasons"] == ["cell_too_long"]
    assert got["n_errors"] == 0
    last = got["problems"][-1]["message"]
    assert template("pagecheck.why_cell_too_long", "nl") in last
    assert "rij 3, kolom 'gemeente'" in last
    others = [[p[k] for k in KEYS] for p in want["problems"] if p["code"] != "cell_too_long"]
    assert [[p[k] for k in KEYS] for p in got["problems"][:-1]] == others


GROUPS = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "check_groups.js"


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 30), st.integers(0, 8), st.integers(0, 6))
def test_messages_are_grouped_as_validates_text_output(n_unnamed: int, n_years: int,
                                                       n_plain: int) -> None:
    """lib/check_groups.js groups what group_problems groups: the same kinds, the same counts
    (a 5,000-row file gave 5,001 separate notes on the page)."""
    import json
    import subprocess

    from geo.validate import validate_file
    from geo.validate.report import group_problems
    from layers.lang import format_number, use_lang
    from mapbuilder.mappage.check_rules import check_rules

    rows = [["", "Waterstof", "750.000", "Haarlem"]] * n_unnamed + \
        [[f"Jaar {k}", "Waterstof", "750.000", "Haarlem", "Q3 2025"] for k in range(n_years)] + \
        [[f"Plat {k}", "Waterstof", "750.000", "Haarlem", ""] for k in range(n_plain)] + \
        [["Laatste", "Waterstof", "750.000", "Zaanstad", "2026"]]
    with tempfile.TemporaryDirectory() as tmp, use_lang("nl"):
        path = _sheet(Path(tmp), ["naam", "thema", "bedrag", "gemeente", "startjaar"],
                      [r + [""] * (5 - len(r)) for r in rows], "csv")
        report = validate_file(path)
        lines = group_problems(report.problems)
        problems = report.to_dict()["problems"]
    script = (f"const G = require({json.dumps(str(GROUPS))});"
              "const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(G.group(i.p, i.limits).map((g) =>"
              " [g.kind, g.kind === 'one' ? 1 : g.n])));")
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True,
                         input=json.dumps({"p": problems, "limits": check_rules()["groups"]}))
    got = json.loads(out.stdout)
    assert len(got) == len(lines)
    grouped = sorted(n for kind, n in got if kind == "notes")
    with use_lang("nl"):
        assert grouped == sorted(n for line in lines for n in range(1, len(problems) + 1)
                                 if f" {format_number(n)}× " in line)
        more = [n for kind, n in got if kind == "errors"]
        assert more == [n for line in lines for n in range(1, len(problems) + 1)
                        if f"en nog {format_number(n)} fouten" in line]
