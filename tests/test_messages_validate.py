"""The validator's messages (geo/validate/*) come from the one catalogue, and only from it.

Each converted module looks its texts up with ``msg("<domain>.<key>")`` in its own
domain file of ``layers/messages``; the old two-text mechanisms are gone from it,
every key it asks for exists, and every entry of its domain is asked for by someone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layers.messages import domains, entries, has

ROOT = Path(__file__).resolve().parents[1]

MODULES = {"status": "geo/validate/status.py", "themes": "geo/validate/themes.py",
           "locations": "geo/validate/locations.py", "amounts": "geo/validate/amounts.py",
           "fields": "geo/validate/fields.py", "places": "geo/validate/places.py",
           "checks": "geo/validate/checks.py"}
"""Domain -> the module whose texts it holds."""

_OLD = re.compile(r"(?<![\w.])(pick|say|ct|t)\(|\bBad\(")
_KEY = re.compile(r"""["']((?:""" + "|".join(domains()) + r""")\.[a-z0-9_]+)["']""")
"""A key as the code writes it: ``msg("status.status_read")``, ``_joined("themes.or", ...)``."""


def _source(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(MODULES.values()))
def test_no_old_message_mechanism(path):
    found = [m.group(0) for m in _OLD.finditer(_source(path))]
    assert not found, f"{path} still calls {found}"


@pytest.mark.parametrize("path", sorted(MODULES.values()))
def test_every_key_asked_for_is_in_the_catalogue(path):
    keys = _KEY.findall(_source(path))
    assert keys, f"{path} asks for no message"
    missing = [k for k in keys if not has(k)]
    assert not missing, f"{path} asks for {missing}, which are not in layers/messages"


@pytest.mark.parametrize("domain", sorted(MODULES))
def test_every_entry_of_the_domain_is_used(domain):
    used = set()
    for path in [*ROOT.joinpath("geo").rglob("*.py"), *ROOT.joinpath("mapbuilder").rglob("*.py")]:
        used.update(_KEY.findall(path.read_text(encoding="utf-8")))
    unused = [k for k in entries(domain) if f"{domain}.{k}" not in used]
    assert not unused, f"layers/messages/{domain}.toml has entries no code asks for: {unused}"


# words of one language that the other does not use; quoted values ('MRA-breed',
# 'Bedrag (mln)') and {fields} are examples and names, not the message's language
_ENGLISH = frozenset({"the", "and", "were", "has", "have", "this", "that", "which", "with", "would",
                      "should", "could", "from", "into", "only", "than", "been", "does", "not",
                      "it", "its", "are", "if", "or", "to", "for", "please"})
_DUTCH = frozenset({"het", "een", "van", "niet", "zijn", "wordt", "worden", "voor", "met", "bij",
                    "geen", "dat", "deze", "naar", "als", "ook", "en", "de", "te", "er", "maar",
                    "dan", "kan", "bijv", "zoals", "u"})
_ENTRIES = [(d, k) for d in sorted(MODULES) for k in entries(d)]


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}", " ", re.sub(r"'[^']*'", " ", text))
    return set(re.findall(r"[a-zà-ÿ]+", text.lower()))


@pytest.mark.parametrize(("domain", "key"), _ENTRIES, ids=[f"{d}.{k}" for d, k in _ENTRIES])
def test_each_language_is_one_language(domain, key):
    entry = entries(domain)[key]
    assert not _words(entry["nl"]) & _ENGLISH, f"{domain}.{key}: English in {entry['nl']!r}"
    assert not _words(entry["en"]) & _DUTCH, f"{domain}.{key}: Dutch in {entry['en']!r}"


def test_the_language_check_can_fail():
    assert _words("the column 'de kolom' {het}") & _ENGLISH == {"the"}
    assert not _words("the column 'de kolom' {het}") & _DUTCH
    assert _words("de kolom is not known") & _ENGLISH == {"not"}


def test_the_known_fields_message_names_every_schema_field():
    from geo.projects import PROJECT_FIELDS
    from layers.messages import msg

    text = msg("fields.unknown_columns_fix", lang="en")
    listed = text.split(": ", 1)[1].split(" (", 1)[0].split(", ")
    want = [f for f in PROJECT_FIELDS if f not in ("sample", "place", "place_area")]
    assert listed[:len(want)] == want, listed
