"""Every entry of the message catalogue is used by the code: Python, the page's JavaScript or a
template. A dead entry is a text a translator keeps up for nothing, and it hides which
message a user really sees (check.toml kept three verdict texts the page had replaced).

A key counts as used when the code names it whole (``msg("cli.added")``); or when the
code builds it from a prefix, in Python (``msg(f"files.{kind}")``, ``f"metrics.{m}_unit"``)
or in JavaScript (``"reading." + name``), and the rest of the key is written as a quoted
name somewhere in the code; or, for a domain handed whole to the page by key
(``{key: template(f"page.{key}") for key in entries("page")}``), when the page's script
names the bare key (``T.counted_ok``, ``"counted_ok"``, or ``"why_" + reason`` with
``"reason"`` quoted); or when it is the ``_1`` (singular) entry of a used key (``msg_n``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from layers.messages import domains, entries

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("geo", "layers", "mapbuilder")

KNOWN_UNUSED = frozenset({
    "cli.fix", "cli.outside_list", "cli.validate_register",
    "compare.table_sortable", "compare.written",
    "labels.click_hint", "labels.legend_choropleth", "labels.most", "labels.n_hex",
    "labels.points_zoom_in", "labels.themes_hint",
    "labels.mra_average", "labels.no_projects", "labels.theme_mix",  # the page reads page.*
    "page.class_note", "page.close", "page.open_panel", "page.symbols_note",
})
"""Dead entries of domains that other work owns, found by this test and left to their owners
(remove the entry, then its line here). No new key may join them."""

OWN = frozenset({"catalogue"})
"""The catalogue's own example entries, which tests/test_messages_catalogue.py looks up."""


@cache
def _code() -> tuple[str, str]:
    def read(suffixes: tuple[str, ...]) -> str:
        return "\n".join(p.read_text(encoding="utf-8") for d in SOURCES
                         for p in sorted((ROOT / d).rglob("*")) if p.suffix in suffixes)
    return read((".py",)), read((".js", ".html"))


def unused_keys(catalogue: dict[str, list[str]], py: str, js: str) -> list[str]:
    """The keys of ``catalogue`` ({domain: [key, ...]}) that the code ``py`` and ``js`` does
    not use (see the module's docstring)."""
    text = f"{py}\n{js}"
    doms = "|".join(map(re.escape, catalogue))
    built = [(m.group(1), m.group(2)) for m in re.finditer(
        r"""f["']((?:""" + doms + r""")\.[a-z0-9_]*)\{[^}]*\}([a-z0-9_]*)["']""", py)]
    built += [(p, "") for p in re.findall(r"""["']((?:""" + doms + r""")\.[a-z0-9_]*)["']\s*\+""",
                                           js)]
    whole = set(re.findall(r"""template\(f["']([a-z_]+)\.\{key\}["'][^)]*\)\s+for key in """
                           r"""entries\(["']\1["']\)""", py))
    js_built = set(re.findall(r"""["']([a-z0-9_]+_)["']\s*\+""", js))
    quoted = set(re.findall(r"""["']([a-z0-9_-]+)["']""", text))
    named_js = set(re.findall(r"""[."']([a-z0-9_]+)\b""", js))

    named = set(re.findall(r"(?<![\w.])((?:" + doms + r")\.[a-z0-9_-]+)(?![\w-])", text))

    def used(domain: str, key: str) -> bool:
        full = f"{domain}.{key}"
        if full in named:
            return True
        for prefix, tail in built:
            if full.startswith(prefix) and full.endswith(tail) and \
                    full[len(prefix):len(full) - len(tail)] in quoted:
                return True
        if domain in whole and (key in named_js or any(
                key.startswith(p) and key[len(p):] in quoted for p in js_built)):
            return True
        return key.endswith("_1") and key[:-2] in catalogue[domain] and used(domain, key[:-2])

    return [f"{d}.{k}" for d, keys in catalogue.items() for k in keys if not used(d, k)]


def test_every_catalogue_entry_is_used_somewhere() -> None:
    catalogue = {d: list(entries(d)) for d in domains() if d not in OWN}
    unused = set(unused_keys(catalogue, *_code()))
    dead = sorted(unused - KNOWN_UNUSED)
    assert not dead, f"catalogue entries no code uses (remove them, or use them): {dead}"
    revived = {k for k in KNOWN_UNUSED if k.split(".")[1] in catalogue[k.split(".")[0]]} - unused
    assert not revived, f"used again: take them off KNOWN_UNUSED: {sorted(revived)}"


def test_the_check_finds_an_unused_key_and_each_way_of_using_one() -> None:
    catalogue = {"cli": ["added", "gone", "files_1", "files"], "files": ["pdf", "zip"],
                 "metrics": ["total_unit", "mean_unit"],
                 "page": ["close", "open", "why_x", "why_y"]}
    py = ('msg("cli.added"); msg_n("cli.files", n); KINDS = ("pdf",); msg(f"files.{kind}")\n'
          'M = ("total",); msg(f"metrics.{m}_unit")\n'
          '{key: template(f"page.{key}", lang) for key in entries("page")}\n')
    js = 'T.open; T["why_" + r]; why("x");'
    assert sorted(unused_keys(catalogue, py, js)) == \
        ["cli.gone", "files.zip", "metrics.mean_unit", "page.close", "page.why_y"]
