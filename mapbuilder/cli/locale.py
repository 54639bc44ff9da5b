"""argparse in Dutch through gettext, the localisation hook argparse documents.

argparse passes every text of its own (``usage:``, the headings, ``-h``'s help, its
usage errors) through :func:`gettext.gettext` and :func:`gettext.ngettext`. In a Dutch
run, :func:`argparse_language` points gettext's current domain at this package's
catalogue (``locale/nl/LC_MESSAGES/transitiekaart-argparse.mo``, compiled from
:data:`mapbuilder.cli.messages.ARGPARSE_NL`) and asks for Dutch, then puts everything
back. Only public gettext functions are used (``textdomain``, ``bindtextdomain``); the
language is chosen the way gettext reads it, from ``$LANGUAGE``, which is set for the
duration of the block and restored after.

Regenerate the catalogue after editing ``ARGPARSE_NL``::

    python -m mapbuilder.cli.locale
"""

from __future__ import annotations

import gettext
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from mapbuilder.cli.messages import ARGPARSE_NL

__all__ = ["DOMAIN", "argparse_language", "compile_catalogue", "mo_path"]

DOMAIN = "transitiekaart-argparse"
_HEADER = ("Content-Type: text/plain; charset=UTF-8\n"
           "Plural-Forms: nplurals=2; plural=(n != 1);\n")


def mo_path(lang: str = "nl") -> Path:
    """Where the compiled catalogue of ``lang`` lives in the package."""
    return Path(str(resources.files("mapbuilder").joinpath(
        "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")))


def compile_catalogue(entries: dict[str | tuple[str, str], str | tuple[str, str]]) -> bytes:
    """The GNU ``.mo`` file of ``entries`` (msgid -> msgstr; a plural is a pair -> pair)."""
    pairs: dict[bytes, bytes] = {b"": _HEADER.encode("utf-8")}
    for msgid, msgstr in entries.items():
        key = "\0".join(msgid) if isinstance(msgid, tuple) else msgid
        value = "\0".join(msgstr) if isinstance(msgstr, tuple) else msgstr
        pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    n = len(keys)
    ids_at, strs_at = 7 * 4, 7 * 4 + n * 8
    data_at = strs_at + n * 8
    ids, strs, offsets = b"", b"", []
    for k in keys:  # the strings follow the tables, each NUL-terminated
        offsets.append((len(k), data_at + len(ids)))
        ids += k + b"\0"
    for k in keys:
        offsets.append((len(pairs[k]), data_at + len(ids) + len(strs)))
        strs += pairs[k] + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, n, ids_at, strs_at, 0, 0)
    table = b"".join(struct.pack("<2I", length, at) for length, at in offsets)
    return head + table + ids + strs


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's own words in ``lang`` inside the block (Dutch from the catalogue;
    English, argparse's own, needs nothing)."""
    if lang != "nl":
        yield
        return
    before_domain = gettext.textdomain()
    before_dir = gettext.bindtextdomain(DOMAIN)
    before_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(mo_path("nl").parents[2]))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "nl"
    try:
        yield
    finally:
        gettext.textdomain(before_domain)
        gettext.bindtextdomain(DOMAIN, before_dir)
        if before_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before_language


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    path = mo_path("nl")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(compile_catalogue(ARGPARSE_NL))
    print(path)
