"""The file readers speak through the catalogue: reading, tables, workbook, report, json.

Guards for ``geo/validate/{reading,tables,workbook,report,strict}.py``: no second way to
say something in two languages is left, every key they name is in the catalogue, the
parsers' own (English) messages reach a Dutch run in Dutch, and a Dutch run over the
bad-file corpus prints no English text of these domains (nor an English run Dutch).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.validate import validate_file
from geo.validate.reading import SUPPORTED, parser_error
from geo.validate.strict import Bad, strict_constant, strict_int, strict_pairs
from layers.lang import use_lang
from layers.messages import entries, has

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "geo" / "validate" / f"{name}.py"
         for name in ("reading", "tables", "workbook", "report", "strict")]
DOMAINS = ("reading", "tables", "workbook", "report", "json")
BAD = ROOT / "tests" / "data" / "bad"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_second_way_of_saying_it(path: Path) -> None:
    code = path.read_text("utf-8")
    assert not re.search(r"\bpick\(", code), f"{path.name} still calls pick()"
    # Bad("json.key", ...) takes a key; Bad("een zin ...", "a sentence ...") is the old way
    assert not re.search(r"\bBad\(\s*f?[\"'][^\"']*\s", code), f"{path.name} gives Bad texts"


def _named(path: Path) -> set[str]:
    """The keys of these domains that ``path`` names (literally, or made from a name)."""
    from geo.validate import reading

    alt = "|".join(DOMAINS)
    keys = set(re.findall(rf"[\"']((?:{alt})\.[a-z0-9_]+)[\"']", path.read_text("utf-8")))
    if path.name == "strict.py":  # f"json.where_{part}"
        keys |= {f"json.where_{part}" for part in ("properties", "geometry", "feature", "file")}
    if path.name == "reading.py":  # f"reading.{key}" of the parser tables
        keys |= {f"reading.{k}" for k in (*reading._JSON_ERRORS.values(),
                                          *reading._XML_ERRORS.values())}
    return keys


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_key_named_is_in_the_catalogue(path: Path) -> None:
    keys = _named(path)
    assert len(keys) >= 5, f"{path.name}: the scan found only {sorted(keys)}"
    missing = sorted(k for k in keys if not has(k))
    assert not missing, f"{path.name} names keys the catalogue lacks: {missing}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_named_by_the_code(domain: str) -> None:
    named = set().union(*map(_named, FILES))
    unused = sorted(f"{domain}.{k}" for k in entries(domain) if f"{domain}.{k}" not in named)
    assert not unused, f"entries no code names (remove them, or name them): {unused}"


BROKEN_JSON = ['{"a" 1}', '{"a":1 "b":2}', "[1,]", '{"a":1,}', '"abc', '"a\x01"', '"\\q"',
               '"\\u12"', "{} {}", "", '{"a":}']


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_json_decoder_messages_reach_a_dutch_run_in_dutch(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    said = caught.value.msg
    with use_lang("nl"):
        dutch = parser_error(said)
    with use_lang("en"):
        english = parser_error(said)
    assert dutch != said, f"json's {said!r} reaches a Dutch run in English"
    assert english.split()[0] == said.split()[0], (said, english)


def test_an_unknown_parser_message_is_shown_as_given() -> None:
    with use_lang("nl"):
        assert parser_error("something new in Python 3.99") == "something new in Python 3.99"


@pytest.mark.parametrize(("call", "nl", "en"), [
    (lambda: strict_int("9" * 500), "een getal van 500 cijfers (999999999999...)",
     "a number of 500 digits (999999999999...)"),
    (lambda: strict_constant("NaN"), "NaN is geen getal in JSON", "NaN is not a number in JSON"),
    (lambda: strict_pairs([("id", 1), ("id", 2)]), "de sleutel 'id' staat twee keer",
     "the key 'id' occurs twice"),
])
def test_a_refusal_speaks_the_runs_language(call, nl: str, en: str) -> None:
    for lang, expected, other in (("nl", nl, en), ("en", en, nl)):
        with use_lang(lang):
            with pytest.raises(Bad) as caught:
                call()
            assert expected in str(caught.value) and other not in str(caught.value)
        assert expected in caught.value.text(lang)
    assert nl in caught.value.nl and en in caught.value.en


def _pieces(lang: str) -> dict[str, str]:
    """Each entry's literal text in ``lang`` between its fields, where it has three words
    or more and is not the same in the other language: ``piece -> domain.key``."""
    other = "en" if lang == "nl" else "nl"
    out = {}
    for domain in DOMAINS:
        for key, entry in entries(domain).items():
            for piece in re.split(r"\{[^}]*\}", entry[lang].replace("{{", "").replace("}}", "")):
                piece = piece.strip(" .,;:()")
                if len(piece.split()) >= 3 and piece not in entry[other]:
                    out[piece] = f"{domain}.{key}"
    return out


# English words that no Dutch text of these domains should hold, and the other way round
# (quoted text, such as a column name 'gemeente' or a QGIS menu, is left out)
_ENGLISH = {"the", "and", "with", "cannot", "was", "which", "its", "from", "file", "holds",
            "has", "not", "should", "must", "give", "save"}
_DUTCH = {"de", "het", "een", "niet", "van", "en", "zijn", "geen", "met", "kan", "bestand",
          "heeft", "staat", "bij", "uit", "wordt", "blad", "kolom", "rij"}


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_english_words_in_dutch_texts_nor_dutch_in_english(domain: str) -> None:
    def words(text: str) -> set[str]:
        text = re.sub(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}", " ", text)
        return set(re.findall(r"[a-zëéïö]+", text.lower()))

    for key, entry in entries(domain).items():
        assert not words(entry["nl"]) & _ENGLISH, (f"{domain}.{key} nl", entry["nl"])
        assert not words(entry["en"]) & _DUTCH, (f"{domain}.{key} en", entry["en"])


CORPUS = sorted(p for p in BAD.iterdir() if p.suffix.lower() in SUPPORTED
                and not p.name.startswith(("_", "EXPECTED")))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_bad_corpus_prints_one_language(lang: str) -> None:
    """Every message of these domains that the bad-file corpus reaches is in the run's
    language: no piece of the other language's text is printed."""
    other = _pieces("en" if lang == "nl" else "nl")
    seen = []
    with use_lang(lang):
        for path in CORPUS:
            text = validate_file(path).to_text(verbose=True)
            seen.append(text)
            leaked = {piece: key for piece, key in other.items() if piece in text}
            assert not leaked, f"{path.name} ({lang}): {leaked}\n{text}"
    # the corpus reaches these domains at all (else the test would say nothing)
    mine = _pieces(lang)
    reached = {key for piece, key in mine.items() if any(piece in t for t in seen)}
    assert {k.split(".")[0] for k in reached} >= {"reading", "tables", "workbook", "report"}
    assert len(reached) >= 30, sorted(reached)
