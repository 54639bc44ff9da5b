"""The messages of layers/ and geo/ (outside geo/validate) come from the catalogue.

Every key these modules look up exists (literal keys found in the source, and the
keys their tables build), no ``pick()`` is left in them, and the messages that
were English in Dutch runs, or are built from parts, read right in both languages.
"""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest

from geo import comparison, register
from layers import atomic as _atomic
from layers import files
from layers.errors import UnknownNameError
from layers.lang import check_lang, use_lang
from layers.messages import has, msg

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted([*(ROOT / "layers").glob("*.py"), *(ROOT / "geo").glob("*.py")])
_KEY = re.compile(r"""\bmsg\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""")


def test_no_pick_is_left() -> None:
    left = [f"{p.relative_to(ROOT)}:{i}" for p in MODULES if p.name != "lang.py"
            for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
            if re.search(r"(?<![\w.])pick\(", line)]
    assert not left, left


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_every_key_looked_up_is_in_the_catalogue(path: Path) -> None:
    keys = _KEY.findall(path.read_text("utf-8"))
    assert all(has(k) for k in keys), [k for k in keys if not has(k)]


def test_the_keys_the_tables_build_are_in_the_catalogue() -> None:
    built = [*(f"files.{what}" for _, what, _ in files._MAGIC),
             *(f"files.{fix}" for _, _, fix in files._MAGIC),
             *(f"files.{kind}" for kind in files._ODF.values()),
             *(f"atomic.{key}" for pair in _atomic._REASONS.values() for key in pair),
             *(f"files.{key}" for _, key in files._JSON_ERRORS),
             *(f"comparison.choice_{level}" for level in comparison.COMPARE_LEVELS)]
    assert built and all(has(k) for k in built), [k for k in built if not has(k)]


# ------------------------------------------------ texts that were English in Dutch runs
@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ("Onbekende taal 'fr'", "Kies uit: nl, en", "--lang", "$TRANSITIEKAART_LANG")),
    ("en", ("Unknown language 'fr'", "Use one of: nl, en", "--lang", "$TRANSITIEKAART_LANG")),
])
def test_an_unknown_language_is_named_in_the_runs_language(lang: str,
                                                           words: tuple[str, ...]) -> None:
    with use_lang(lang), pytest.raises(UnknownNameError) as exc:
        check_lang("fr")
    assert all(w in str(exc.value) for w in words), str(exc.value)


@pytest.mark.parametrize(("text", "lang", "reason"), [
    ('{"type": "FeatureCollection", "features": [{"a": "b', "nl",
     "een tekst zonder afsluitend aanhalingsteken, regel {line}, kolom {col}"),
    ('{"type": "FeatureCollection", "features": [{"a": "b', "en",
     "Unterminated string starting at at line {line}, column {col}"),
    ('{"type": "FeatureCollection"\n "features": []}', "nl",
     "een ',' verwacht, regel {line}, kolom {col}"),
    ('{"type": "FeatureCollection"\n "features": []}', "en",
     "Expecting ',' delimiter at line {line}, column {col}"),
    ("nonsense", "nl", "een waarde verwacht, regel {line}, kolom {col}"),
])
def test_a_register_that_is_not_json_says_why_in_the_runs_language(
        tmp_path: Path, text: str, lang: str, reason: str) -> None:
    path = tmp_path / "r.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as where:
        json.loads(text)
    reason = reason.format(line=where.value.lineno, col=where.value.colno)
    with use_lang(lang), pytest.raises(Exception) as exc:
        register.read_register(path)
    assert reason in str(exc.value) and str(path) in str(exc.value), str(exc.value)


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ("2 toegevoegd, 1 vervangen, 0 al aanwezig en ongewijzigd; 1.200 project(en) in "
            "totaal.", "  Vervangen: b", "  LET OP dubbel")),
    ("en", ("2 added, 1 replaced, 0 already present and unchanged; 1,200 project(s) in total.",
            "  Replaced: b", "  NOTE dubbel")),
])
def test_the_add_summary_follows_the_language(lang: str, words: tuple[str, ...]) -> None:
    summary = register.AddSummary(Path("r.geojson"), added=["a", "c"], replaced=["b"],
                                  likely_duplicates=["dubbel"], total=1200)
    with use_lang(lang):
        text = summary.to_text()
    assert all(w in text for w in words), text


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ("Kon de kaart out.html niet schrijven: de schijf is vol (ENOSPC)",
            "Het bestand is ongewijzigd. Maak ruimte vrij")),
    ("en", ("Could not write the map out.html: the disk is full (No space left on device)",
            "The file is unchanged. Free some space")),
])
def test_a_failed_write_names_file_reason_and_fix(lang: str, words: tuple[str, ...]) -> None:
    with use_lang(lang):
        what = "de kaart" if lang == "nl" else "the map"
        text = str(_atomic.write_error("out.html", OSError(errno.ENOSPC, "No space left on device"),
                                       what))
    assert all(w in text for w in words), text


def test_a_register_of_white_space_is_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "r.geojson"
    path.write_text(" \n\t")
    with use_lang("nl"), pytest.raises(Exception) as exc:
        register.read_register(path)
    assert "alleen witruimte (3 bytes)" in str(exc.value) and "0 bytes" not in str(exc.value)
    path.write_text("")
    with use_lang("en"), pytest.raises(Exception) as exc:
        register.read_register(path)
    assert "is empty (0 bytes)" in str(exc.value)


def test_a_population_file_without_dates_says_unknown_in_the_runs_language(
        tmp_path: Path) -> None:
    from layers.population import load_population

    path = tmp_path / "pop.csv"
    path.write_text("code,population\nGM0363,931298\n")
    for lang in ("nl", "en"):
        with use_lang(lang):
            table = load_population(path).set_index("code")
        assert table.at["GM0363", "reference_date"] == msg("population.date_unknown", lang=lang)
        assert table.at["GM0363", "population"] == 931298
    assert msg("population.date_unknown", lang="nl") == "onbekend"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unknown_area_pair_is_one_sentence_with_the_choices(lang: str) -> None:
    from geo import analyse, head_to_head
    from layers.region import load_region
    from layers.samples import load_sample_projects

    region = load_region()
    analysis = analyse(load_sample_projects(), region)
    with use_lang(lang), pytest.raises(UnknownNameError) as exc:
        head_to_head(analysis, "Amsterdm", "IJmond")
    text = str(exc.value)
    start = "Onbekend gebied 'Amsterdm' voor --a/--b. Kies twee deelregio's: " if lang == "nl" \
        else "Unknown area 'Amsterdm' for --a/--b. Use two subregions: "
    assert text.startswith(start) and "Zaanstad" in text and "Regio Schiphol" in text, text
    assert text.count(msg("comparison.choices_or", lang=lang)) == 2, text


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Kon x.html niet schrijven: het besturingssysteem meldt een fout (EIO). Het bestand is "
           "ongewijzigd. Controleer de map en probeer het opnieuw."),
    ("en", "Could not write x.html: the operating system reports an error (Input/output error). "
           "The file is unchanged. Check the folder and try again."),
])
def test_a_write_error_without_words_of_its_own_is_named_by_its_code(lang: str,
                                                                      text: str) -> None:
    with use_lang(lang):
        assert str(_atomic.write_error("x.html", OSError(errno.EIO, "Input/output error"))) == text


def test_a_file_that_cannot_be_opened_gives_the_systems_reason_by_its_code(
        tmp_path: Path) -> None:
    loop = tmp_path / "lus.geojson"
    loop.symlink_to(loop)  # a link to itself: ELOOP
    for lang, reason in (("nl", "(ELOOP)"), ("en", "(Too many levels of symbolic links)")):
        with use_lang(lang), pytest.raises(Exception) as exc:
            files.check_regular_file(loop)
        assert str(exc.value) == msg("files.cannot_open", lang=lang, label=loop,
                                     reason=reason[1:-1]), str(exc.value)
        assert reason in str(exc.value)
