"""The one message catalogue (layers/messages/*.toml): complete, consistent, looked up one way."""

from __future__ import annotations

import pytest

from layers.lang import LANGS, use_lang
from layers.messages import MessageKeyError, domains, entries, fields, has, msg

ALL = [(d, k) for d in domains() for k in entries(d)]


def test_there_are_domains():
    assert "catalogue" in domains()


@pytest.mark.parametrize(("domain", "key"), ALL, ids=[f"{d}.{k}" for d, k in ALL])
def test_every_entry_has_both_languages_with_the_same_fields(domain, key):
    entry = entries(domain)[key]
    assert set(entry) == set(LANGS), f"{domain}.{key} lacks {set(LANGS) - set(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), f"{domain}.{key} has an empty text"
    assert fields(entry["nl"]) == fields(entry["en"]), (
        f"{domain}.{key}: nl has {sorted(fields(entry['nl']))}, en {sorted(fields(entry['en']))}")


@pytest.mark.parametrize(("domain", "key"), ALL, ids=[f"{d}.{k}" for d, k in ALL])
def test_every_entry_formats_with_its_own_fields(domain, key):
    values = {name: "X" for name in fields(entries(domain)[key]["nl"])}
    for lang in LANGS:
        assert msg(f"{domain}.{key}", lang=lang, **values)


def test_lookup_follows_the_runs_language():
    with use_lang("en"):
        assert msg("catalogue.example", n=2, file="a.csv") == "2 project(s) in a.csv"
    with use_lang("nl"):
        assert msg("catalogue.example", n=2, file="a.csv") == "2 project(en) in a.csv"
    assert msg("catalogue.example", lang="en", n=1, file="b") == "1 project(s) in b"


def test_an_unknown_key_is_a_programming_error():
    assert not has("catalogue.nope") and not has("nope.nope") and has("catalogue.example")
    with pytest.raises(MessageKeyError):
        msg("catalogue.nope")
    with pytest.raises(MessageKeyError):
        msg("nope.example")


def test_a_missing_field_is_not_silently_left_open():
    with pytest.raises(KeyError):
        msg("catalogue.example", n=1)


def test_no_second_mechanism_is_back():
    """Every package looks texts up with msg(): the old pick/t/ct/say helpers are gone."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    old = re.compile(r"(?<![\w.])(pick|t|ct|say|say_n)\(\s*[\"'f]")
    found = [f"{p.relative_to(root)}:{n}: {line.strip()}"
             for pkg in ("geo", "layers", "mapbuilder") for p in sorted((root / pkg).rglob("*.py"))
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
             if old.search(line) and not line.lstrip().startswith("#")]
    assert not found, "\n".join(found)
