"""Control characters in text read from a file: refused where they break a project's
identity, noted where free text may carry one.

Text pasted from other programs or a broken export can hold invisible control
characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F): a NUL or ESC in a
name is almost always damage, and in a list or terminal it can hide or overwrite
text. Per field:

- ``id``: every control character is an error, a tab and a line break too (an id
  is typed in commands);
- ``name``, ``organisation``, ``status``, ``url``: an error, except a tab and a line
  break (a cell with Alt+Enter in Excel);
- ``description``: a note (text pasted from Word can hold a vertical tab); kept as
  written, and escaped wherever it is shown.

The message names the character escaped (``\\x1b``) and its position; the problem
carries the feature (row) and field (column), and its value is shown escaped.

A register written by an earlier release, which allowed them, is read within
:func:`controls_noted`: there every control character is a note and the text is
kept, so that a user's register does not become unreadable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from geo.validate.report import Problem
from layers.lang import format_number
from layers.messages import msg

__all__ = ["ANY_CONTROL", "control_problem", "controls_noted"]

ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Any control character (Unicode category Cc)."""

_NOT_TAB_OR_BREAK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NOTED = frozenset({"description"})
_REGISTER: ContextVar[bool] = ContextVar("controls_noted", default=False)


@contextmanager
def controls_noted() -> Iterator[None]:
    """Within: a control character in any field is a note that keeps the text (the
    register, written by an earlier release); outside, the rules above."""
    token = _REGISTER.set(True)
    try:
        yield
    finally:
        _REGISTER.reset(token)


def control_problem(text: str, fname: str, n: int, value: Any,
                    ident: dict[str, Any]) -> Problem | None:
    """The problem of a control character in field ``fname`` of feature ``n``, or None."""
    found = (ANY_CONTROL if fname == "id" else _NOT_TAB_OR_BREAK).search(text)
    if found is None:
        return None
    where = {"char": repr(found.group())[1:-1], "at": format_number(found.start() + 1)}
    if _REGISTER.get() and fname not in _NOTED:
        return Problem(msg("perfin.control_character_register", **where),
                       msg("perfin.control_character_register_fix"), feature=n, field=fname,
                       value=value, severity="note", code="control_character", **ident)
    if fname in _NOTED:
        return Problem(msg("bounds.control_character_kept", **where),
                       msg("bounds.control_character_kept_fix"), feature=n, field=fname,
                       value=value, severity="note", code="control_character", **ident)
    key = "bounds.control_character_in_id" if fname == "id" else "bounds.control_character"
    return Problem(msg(key, **where), msg("bounds.control_character_fix"), feature=n,
                   field=fname, value=value, code="control_character", **ident)
