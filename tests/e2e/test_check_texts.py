"""The page check's words (a new user's trial): counts, the sheet advice, the messages CSV.

- "1 fout, 1 opmerking", not "1 fouten, 1 opmerkingen" (as the CLI's msg_n does);
- on a workbook whose first sheet is empty, the page's own "Blad" list is the advice, not
  "--sheet NAAM", and no note points "hieronder" at a verdict that stands above it;
- the messages CSV of a Dutch page has Dutch headers and severity words: the very bytes that
  ``transitiekaart validate FILE --format csv`` prints for the same file (and so in English).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.conftest import BuildMap, OpenMap

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ONE_NOTE = ("id;naam;thema;bedrag;lon;lat\n"
            "t-1;Zorgcampus Hilversum;Gezondheid;1.500.000;5,1760;52,2230\n"
            ";Buurtbatterij;Waterstof;750.000;4,90;52,38\n")  # a note: no id

ONE_ERROR = ("id;naam;thema;bedrag;lon;lat\n"
             "t-1;Zorgcampus Hilversum;Gezondheid;1.500.000;5,1760;52,2230\n"
             "t-2;Sporthal;Sport;1.500.000;5,1760;52,2230\n"  # an error: no such theme
             ";Buurtbatterij;Waterstof;750.000;4,90;52,38\n")  # a note: no id

# (a file the page cannot read is no error but "check incomplete":
# tests/e2e/test_check_page_fixes.py)
VERDICT = {"nl": ("0 fouten, 1 opmerking: klaar om in te sturen.",
                  "1 fout, 1 opmerking: nog niet klaar om in te sturen."),
           "en": ("0 errors, 1 note: ready to send in.",
                  "1 error, 1 note: not ready to send in yet.")}


def _open_check(mp) -> None:  # type: ignore[no-untyped-def]
    mp.page.locator('.tk-tab[data-key="check"]').click()
    assert mp.page.locator("#tk-sec-check").is_visible()


def _validate_csv(path: Path, lang: str) -> bytes:
    run = subprocess.run([sys.executable, "-m", "mapbuilder", "validate", str(path), "--format",
                          "csv", "--lang", lang], capture_output=True, cwd=ROOT, timeout=300,
                         check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_counts_in_the_singular_and_the_csv_as_validate_writes_it(
        open_map: OpenMap, build_map_file: BuildMap, tmp_path: Path, lang: str) -> None:
    path = tmp_path / "een_opmerking.csv"
    path.write_text(ONE_NOTE, encoding="utf-8")
    other = tmp_path / "een_fout.csv"
    other.write_text(ONE_ERROR, encoding="utf-8")
    mp = open_map(build_map_file("--tiles", "none", "--lang", lang))
    _open_check(mp)
    verdict = mp.page.locator(".tk-checkfile-verdict")
    mp.page.locator(".tk-checkfile-input").set_input_files(str(other))
    verdict.wait_for()
    assert verdict.inner_text() == f"{other.name}: {VERDICT[lang][1]}"
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    mp.page.locator(".tk-checkfile-verdict", has_text=path.name).wait_for()
    assert verdict.inner_text() == f"{path.name}: {VERDICT[lang][0]}"
    with mp.page.expect_download() as info:
        mp.page.locator("#tk-sec-check button.tk-btn").first.click()
    got = tmp_path / "meldingen.csv"
    info.value.save_as(got)
    want = _validate_csv(path, lang)
    assert got.read_bytes() == want
    head, first = want.decode("utf-8-sig").splitlines()
    sep = ";" if lang == "nl" else ","
    assert head.split(sep)[:3] == {"nl": ["soort", "code", "rij"],
                                   "en": ["severity", "code", "row"]}[lang]
    assert first.split(sep)[:3] == [{"nl": "opmerking", "en": "note"}[lang], "derived_id", "3"]
    assert mp.errors == []


def test_empty_first_sheet_points_to_the_sheet_list(open_map: OpenMap, build_map_file: BuildMap,
                                                    tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Leeg"
    sheet = book.create_sheet("Projecten")
    for row in ONE_NOTE.splitlines():
        sheet.append(row.split(";"))
    path = tmp_path / "leeg_eerst.xlsx"
    book.save(path)
    mp = open_map(build_map_file("--tiles", "none"))
    _open_check(mp)
    mp.page.locator(".tk-checkfile-input").set_input_files(str(path))
    mp.page.locator(".tk-checkfile-sheet").wait_for()
    items = mp.page.locator(".tk-checkfile-list li").all_inner_texts()
    assert any("Kies een ander blad in de lijst 'Blad' hierboven." in t for t in items), items
    assert not any("--sheet" in t or "hieronder" in t for t in items), items
    verdict = mp.page.locator(".tk-checkfile-verdict").inner_text()
    assert "fouten" in verdict or "fout," in verdict  # counted in words, the verdict first
    assert mp.errors == []
