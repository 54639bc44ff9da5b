"""The one message catalogue: every text the tool prints or puts on a page, in Dutch and English.

The catalogue is data, not code. Each ``*.toml`` file in this folder is one
*domain* (``cli``, ``page``, ``reading``, ...) and holds entries such as::

    [rd_coordinates]
    nl = "de coördinaten van {count} object(en) zijn RD-coördinaten"
    en = "the coordinates of {count} feature(s) are RD coordinates"

An entry is looked up everywhere the same way, by ``"<domain>.<key>"``::

    from layers.messages import msg
    msg("reading.rd_coordinates", count=format_number(n))

in the run's language (:func:`layers.lang.get_lang`) or an explicit ``lang=``.
Fields are ``str.format`` fields; a literal brace is written ``{{``. Numbers
and amounts are formatted by the caller in the run's notation
(:func:`layers.lang.format_number`, :func:`layers.lang.format_eur`), because
only the caller knows the decimals. Codes, ids, paths and file formats are
never translated.

``tests/test_messages_catalogue.py`` checks that every entry has both
languages with the same fields. A domain file is read on its first lookup.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from importlib import resources

from layers.lang import LANGS, format_number, get_lang

__all__ = ["MessageKeyError", "domains", "entries", "fields", "has", "msg", "msg_n", "template"]


class MessageKeyError(KeyError):
    """A key that is not in the catalogue (a programming error, never a user's)."""


def domains() -> tuple[str, ...]:
    """The catalogue's domains: the names of the ``*.toml`` files in this folder."""
    here = resources.files(__name__)
    return tuple(sorted(p.name[:-5] for p in here.iterdir() if p.name.endswith(".toml")))


@cache
def entries(domain: str) -> dict[str, dict[str, str]]:
    """All entries of one domain: ``{key: {"nl": text, "en": text}}``."""
    path = resources.files(__name__).joinpath(f"{domain}.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MessageKeyError(
            f"no message domain {domain!r} (layers/messages/{domain}.toml)") from None
    data = tomllib.loads(text)
    return {key: {lang: str(value[lang]) for lang in LANGS if lang in value}
            for key, value in data.items()}


def _text(key: str, lang: str) -> str:
    domain, _, name = key.partition(".")
    try:
        return entries(domain)[name][lang]
    except KeyError:
        raise MessageKeyError(f"no message {key!r} in language {lang!r}") from None


def has(key: str) -> bool:
    """Whether ``"<domain>.<key>"`` is in the catalogue."""
    domain, _, name = key.partition(".")
    try:
        return name in entries(domain)
    except MessageKeyError:
        return False


def msg(key: str, lang: str | None = None, **values: object) -> str:
    """The text of ``"<domain>.<key>"`` in ``lang`` (default: the run's language), filled in."""
    return _text(key, lang or get_lang()).format(**values)


def msg_n(key: str, n: int, lang: str | None = None, **values: object) -> str:
    """Like :func:`msg` for a count: ``"<key>_1"`` when ``n`` is 1 and that entry exists, else
    ``key`` with ``{n}`` filled in as a number in the language's notation."""
    if n == 1 and has(f"{key}_1"):
        return msg(f"{key}_1", lang, **values)
    return msg(key, lang, n=format_number(n, 0, lang), **values)


def template(key: str, lang: str | None = None) -> str:
    """The text of ``"<domain>.<key>"`` with its ``{fields}`` left open, for a page's script
    that fills them in itself (``"{n} projecten"``)."""
    return _text(key, lang or get_lang())


def fields(text: str) -> set[str]:
    """The ``str.format`` field names of ``text``: ``"{n} of {total}"`` -> ``{n, total}``."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(text) if name is not None}
