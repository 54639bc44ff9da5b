"""Helpers for what the command line says, and argparse's own words in Dutch.

The messages of ``build``, ``add``, ``validate``, ``list`` and ``remove`` and of the
CLI itself are the domain ``cli`` of the message catalogue (``layers/messages/cli.toml``),
looked up with :func:`layers.messages.msg`; numbers are formatted by the caller in the
run's notation (:func:`layers.lang.format_number`).
"""

from __future__ import annotations

from collections.abc import Sequence

from layers.lang import format_number
from layers.messages import msg

__all__ = ["ARGPARSE_NL", "EXAMPLES", "listing"]

EXAMPLES = 5  # items shown of a long list without --verbose


def listing(items: Sequence[str], verbose: bool = False, limit: int = EXAMPLES,
            lang: str | None = None) -> str:
    """``items`` joined by commas; beyond ``limit`` (unless ``verbose``) a count of the rest."""
    if verbose or len(items) <= limit:
        return ", ".join(items)
    rest = msg("cli.more", lang, n=format_number(len(items) - limit, 0, lang))
    return ", ".join(items[:limit]) + " " + rest


# argparse's own words in Dutch, keyed by the message ids argparse passes to gettext
# (Lib/argparse.py; the same ids in Python 3.11 to 3.13). mapbuilder/cli/locale.py compiles
# them into the catalogue that gettext gives argparse in a Dutch run; a plural is a pair.
ARGPARSE_NL: dict[str | tuple[str, str], str | tuple[str, str]] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    ("expected %s argument", "expected %s arguments"): ("verwacht %s waarde",
                                                        "verwacht %s waarden"),
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "ignored explicit argument %r": "neemt geen waarde, kreeg %r",
    "ambiguous option: %(option)s could match %(matches)s":
        "dubbelzinnige optie: %(option)s kan zijn: %(matches)s",
    "not allowed with argument %s": "gaat niet samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
}
