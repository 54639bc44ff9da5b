"""The theme of a project: the message for a theme that is missing, unknown or ambiguous.

Matching itself is :func:`geo.themes.match_theme` (on words, so the agenda's
own names all work); here the validator says what is wrong in the run's
language: both themes for a name that fits two, "did you mean" for a near miss,
and the eight themes' labels to choose from.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

from geo.themes import THEME_CODES, THEMES, get_theme, match_theme
from layers.lang import get_lang
from layers.messages import msg

__all__ = ["theme_problem"]


def _joined(key: str, items: list[str]) -> str:
    """``A``, ``B``, ``C`` as "A en B en C" (``themes.and``) or "A of B" (``themes.or``)."""
    return reduce(lambda a, b: msg(key, a=a, b=b), items)


def theme_problem(theme: Any) -> tuple[str, str]:
    """Message and fix for a theme that is missing or does not fit exactly one theme."""
    codes = ", ".join(THEME_CODES)
    if theme is None or (isinstance(theme, str) and not theme.strip()):
        return msg("themes.theme_missing"), msg("themes.theme_missing_fix", codes=codes)
    m = match_theme(theme)
    lang = get_lang()
    labels = "; ".join(f"{t.label(lang)} ({t.code})" for t in THEMES)

    def label(c: str) -> str:
        return f"'{get_theme(c).label(lang)}' ({c})"

    if m.candidates:
        both = _joined("themes.and", [label(c) for c in m.candidates])
        return (msg("themes.theme_ambiguous", both=both),
                msg("themes.theme_ambiguous_fix"))
    fix = msg("themes.theme_unknown_fix", labels=labels)
    if m.suggestions:
        guess = _joined("themes.or", [label(c) for c in m.suggestions])
        return msg("themes.theme_unknown_guess", guess=guess), fix
    return msg("themes.theme_unknown"), fix
