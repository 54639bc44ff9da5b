"""The theme of a project: the message for a theme that is missing, unknown or ambiguous.

Matching itself is :func:`geo.themes.match_theme` (on words, so the agenda's
own names all work); here the validator says what is wrong in the run's
language: both themes for a name that fits two, "did you mean" for a near miss,
and the eight themes' labels to choose from.
"""

from __future__ import annotations

from typing import Any

from geo.themes import THEME_CODES, THEMES, get_theme, match_theme
from layers.lang import get_lang, pick

__all__ = ["theme_problem"]


def theme_problem(theme: Any) -> tuple[str, str]:
    """Message and fix for a theme that is missing or does not fit exactly one theme."""
    codes = ", ".join(THEME_CODES)
    if theme is None or (isinstance(theme, str) and not theme.strip()):
        return (pick("ontbreekt; elk project heeft een thema nodig.",
                     "is missing; every project needs a theme."),
                pick(f"Gebruik een van: {codes} (of de namen uit de agenda, zoals "
                     "'Waterstof' of 'Slimme mobiliteit').",
                     f"Use one of: {codes} (or the agenda's names, such as 'Waterstof' or "
                     "'Smart mobility')."))
    m = match_theme(theme)
    lang = get_lang()
    labels = "; ".join(f"{t.label(lang)} ({t.code})" for t in THEMES)

    def label(c: str) -> str:
        return f"'{get_theme(c).label(lang)}' ({c})"

    if m.candidates:
        both = pick(" en ", " and ").join(label(c) for c in m.candidates)
        return (pick(f"past bij meer dan één thema: {both}.",
                     f"fits more than one theme: {both}."),
                pick("Kies één thema per project (splits het project zo nodig in twee).",
                     "Choose one theme per project (split the project in two if needed)."))
    msg = pick("is geen bekend thema.", "is not a known theme.")
    if m.suggestions:
        guess = pick(" of ", " or ").join(label(c) for c in m.suggestions)
        msg += pick(f" Bedoelde u {guess}?", f" Did you mean {guess}?")
    return msg, pick(f"Gebruik een van de acht thema's: {labels}. De namen uit de agenda "
                     "werken ook.",
                     f"Use one of the eight themes: {labels}. The agenda's names work too.")
