"""A project's status: the five codes, the words people use for them, and the note.

A status is never changed silently. The code itself or its Dutch or English
label (``"gepland"``, ``"Planned"``) is read without a word; a synonym
(``"lopend"``, ``"in voorbereiding"``) is read as its code with a note saying
what it was read as; any other text is kept as written with a note naming it
and the known statuses (the map's status filter shows it as written).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from layers.lang import get_lang
from layers.messages import msg

__all__ = ["STATUSES", "STATUS_LABELS", "StatusNote", "normalise_status", "read_status",
           "status_key"]

class StatusNote(NamedTuple):
    """The note for a status that was read as a code, or kept as written."""

    message: str
    fix: str
    summary: str  # the message of a grouped line (several projects)
    code: str  # "status_read" or "status_unknown"


STATUS_LABELS: dict[str, tuple[str, str]] = {
    "idea": ("idee", "idea"),
    "planned": ("gepland", "planned"),
    "ongoing": ("in uitvoering", "ongoing"),
    "completed": ("afgerond", "completed"),
    "stopped": ("gestopt", "stopped"),
}
"""The status codes and their Dutch and English labels (as :data:`mapbuilder.i18n.STATUS`)."""

STATUSES: dict[str, tuple[str, ...]] = {
    "idea": ("idea", "idee", "ideefase", "idee fase", "idea stage"),
    "planned": ("planned", "gepland", "in voorbereiding", "voorbereiding", "plan",
                "in preparation", "preparation"),
    "ongoing": ("ongoing", "lopend", "in uitvoering", "uitvoering", "bezig", "gestart",
                "started", "in progress"),
    "completed": ("completed", "afgerond", "gereed", "klaar", "opgeleverd", "done",
                  "finished", "gerealiseerd"),
    "stopped": ("stopped", "gestopt", "stopgezet", "geannuleerd", "cancelled", "canceled"),
}
"""Status codes and the words people use for them, Dutch and English (others are kept)."""


def status_key(value: str) -> str:
    """Lookup key: case, accents and spacing do not matter (``" In  Uitvoering "``)."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_-]+", " ", text).strip().casefold()


_STATUS_OF = {status_key(w): code for code, words in STATUSES.items() for w in words}
_PLAIN = {status_key(w): code for code, words in STATUS_LABELS.items()
          for w in (code, *words)}


def _label(code: str) -> str:
    """``'in uitvoering' (ongoing)`` in Dutch (the code is what the register stores);
    ``'ongoing'`` in English, where the label is the code."""
    nl, en = STATUS_LABELS[code]
    if get_lang() == "en":
        return f"'{en}'" if en == code else f"'{en}' ({code})"
    return f"'{nl}' ({code})"


def _known() -> str:
    lang = get_lang()
    return ", ".join(STATUS_LABELS[c][0] + f" ({c})" if lang == "nl" else
                     STATUS_LABELS[c][1] + ("" if STATUS_LABELS[c][1] == c else f" ({c})")
                     for c in STATUS_LABELS)


def read_status(value: str | None) -> tuple[str | None, StatusNote | None]:
    """The status code for ``value`` and, when it is not the plain code or label, a note.

    Returns ``(status, note)``; ``status`` is the code for a known word,
    otherwise ``value`` as written; ``note`` is None for a plain code or label.
    Messages follow the run's language.

    Examples
    --------
    >>> read_status("Gepland"), read_status("idee")[0], read_status("lopend")[0]
    (('planned', None), 'idea', 'ongoing')
    """
    if value is None or not value.strip():
        return value, None
    key = status_key(value)
    code = _STATUS_OF.get(key)
    if code is not None and key in _PLAIN:
        return code, None
    shown, known = value.strip(), _known()
    if code is not None:
        label = _label(code)
        return code, StatusNote(
            msg("status.status_read", shown=shown, label=label),
            msg("status.status_read_fix", known=known),
            msg("status.status_read_summary", shown=shown, label=label),
            "status_read")
    return value, StatusNote(
        msg("status.status_unknown", shown=shown, known=known),
        msg("status.status_unknown_fix", known=known),
        msg("status.status_unknown_summary", shown=shown, known=known),
        "status_unknown")


def normalise_status(value: str | None) -> str | None:
    """``"Lopend"`` -> ``"ongoing"``; unknown text is kept as written."""
    return read_status(value)[0]
