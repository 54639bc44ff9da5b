"""The run's language and its number notation, shared by every room.

Everything a run prints (summaries, progress, validation messages,
confirmations) follows one language: Dutch by default, English with
``--lang en`` or ``$TRANSITIEKAART_LANG=en``. Library code that writes a
message for a person asks :func:`get_lang` (or takes an explicit ``lang``) and
writes numbers with :func:`format_number` / :func:`format_eur`, so a Dutch run
says "€ 2.500.000" and an English one "€2,500,000".

This module sits in ``layers`` (the bottom of the house) so that ``layers``,
``geo`` and ``mapbuilder`` can all use it without importing upwards.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from layers.errors import UnknownNameError

__all__ = ["LANGS", "MINUS", "TERMINAL_CHARS", "check_lang", "format_eur", "format_number",
           "get_lang", "set_lang", "terminal_text", "use_lang"]

LANGS: tuple[str, ...] = ("nl", "en")
ENV_LANG = "TRANSITIEKAART_LANG"

_current: ContextVar[str | None] = ContextVar("transitiekaart_lang", default=None)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is "nl" or "en", else raise with the valid choices."""
    if lang not in LANGS:
        from layers.messages import msg  # the catalogue reads the language from here

        text = msg("lang.unknown_language", value=repr(lang), choices=", ".join(LANGS),
                   env=ENV_LANG)
        raise UnknownNameError(text)
    return lang


def get_lang() -> str:
    """The language of this run: set by :func:`set_lang`, else ``$TRANSITIEKAART_LANG``, else nl.

    An unknown value in the environment falls back to Dutch (the CLI reports it).
    """
    lang = _current.get()
    if lang is not None:
        return lang
    env = os.environ.get(ENV_LANG, "").strip().lower()
    return env if env in LANGS else "nl"


def set_lang(lang: str) -> None:
    """Make ``lang`` the language of everything this run prints."""
    _current.set(check_lang(lang))


@contextmanager
def use_lang(lang: str | None) -> Iterator[str]:
    """Within the block, :func:`get_lang` returns ``lang`` (None: leave it as it is)."""
    if lang is None:
        yield get_lang()
        return
    token = _current.set(check_lang(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return True


def format_number(value: float | int | None, decimals: int = 0, lang: str | None = None) -> str:
    """``1250000.5 -> '1.250.000,5'`` (nl) or ``'1,250,000.5'`` (en); '–' if missing.

    ``lang`` defaults to the run's language (:func:`get_lang`).
    """
    if _missing(value):
        return "–"
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    if (lang or get_lang()) == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


MINUS = "\u2212"
"""The minus sign of negative amounts (U+2212, as in print; never a formula's '-')."""


def format_eur(value: float | int | None, lang: str | None = None, decimals: int = 0) -> str:
    """``1250000 -> '€ 1.250.000'`` (nl) or ``'€1,250,000'`` (en); '–' if missing.

    A negative amount has its minus sign before the euro sign in both
    languages: ``-197 -> '−€ 197'`` (nl), ``'−€197'`` (en), with :data:`MINUS`.
    An amount that rounds to zero has no sign.
    """
    if _missing(value):
        return "–"
    lang = lang or get_lang()
    v = float(value)  # type: ignore[arg-type]
    num = format_number(abs(v), decimals, lang)
    sign = MINUS if v < 0 and num.strip("0,.") else ""
    return f"{sign}€ {num}" if lang != "en" else f"{sign}€{num}"


TERMINAL_CHARS = 80
"""Longest value (a name, an id, a key) a message shows; the rest is cut with "…"."""

_SHOWN = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(c: str) -> str:
    """A control or invisible format character as its escape, else itself."""
    if c in _SHOWN:
        return _SHOWN[c]
    code = ord(c)
    if code < 0x20 or 0x7f <= code < 0xa0:
        return f"\\x{code:02x}"
    if code > 0xa0 and unicodedata.category(c) in ("Cf", "Cs", "Zl", "Zp"):
        return f"\\u{code:04x}"
    return c


def terminal_text(value: object, limit: int = TERMINAL_CHARS) -> str:
    """``value`` as text that is safe to print: control, bidi and other invisible
    format characters shown escaped (``\\x1b``, ``\\u202e``), cut to ``limit``
    characters with "…".

    A name or key from a user's file can hold ESC sequences, a carriage return
    or a right-to-left override that would rewrite or spoof what a terminal
    shows, or be megabytes long; printed through this it is one short line.
    """
    whole = value if isinstance(value, str) else str(value)
    text = "".join(map(_escaped, whole[: limit + 1]))  # escaping only lengthens it
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text
