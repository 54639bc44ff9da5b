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
