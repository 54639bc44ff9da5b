"""What the command line says, in the run's language (Dutch by default, English with --lang en).

One catalog for the messages of ``build``, ``add``, ``validate``, ``list`` and
``remove`` and of the CLI itself (its errors, argparse's usage errors). Each
message is a pair (Dutch, English) with ``str.format`` fields; numbers are
formatted by the caller in the run's notation (:func:`layers.lang.format_number`).
Codes, ids, paths and file formats are never translated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from layers.lang import format_number, get_lang

__all__ = ["MESSAGES", "listing", "say", "say_n", "usage_error"]

EXAMPLES = 5  # items shown of a long list without --verbose

MESSAGES: dict[str, tuple[str, str]] = {
    # the CLI itself
    "error": ("fout", "error"),
    "see_help": ("zie {prog} --help", "see {prog} --help"),
    "interrupted": ("afgebroken", "interrupted"),
    "out_of_memory": ("het geheugen van deze computer is op; er is niets veranderd. Splits "
                      "de bestanden in delen, of gebruik een computer met meer geheugen.",
                      "this computer's memory ran out; nothing was changed. Split the files "
                      "into parts, or use a computer with more memory."),
    "stdout": ("de uitvoer (standaarduitvoer, bijv. een bestand achter >)",
               "the output (standard output, e.g. a file after >)"),
    "bad_env_lang": ("${env}={value!r} is geen taal die transitiekaart kent (nl of en); "
                     "de uitvoer is in het Nederlands.",
                     "${env}={value!r} is not a language transitiekaart knows (nl or en); "
                     "the output is in Dutch."),
    "bad_env_int": ("waarschuwing: ${env}={value!r} is geen positief geheel getal; de "
                    "standaardwaarde {default} is gebruikt.",
                    "warning: ${env}={value!r} is not a positive whole number; the default "
                    "{default} is used."),
    "more": ("… en nog {n} (--verbose toont ze allemaal)",
             "… and {n} more (--verbose shows them all)"),
    # build
    "map_written": ("Kaart geschreven naar {path}", "Map written to {path}"),
    "picture_written": ("Afbeelding geschreven naar {path}", "Picture written to {path}"),
    "outside_list": ("{label}: {n}: {items}", "{label}: {n}: {items}"),
    # progress on a terminal
    "stage_layers": ("grenzen laden", "loading boundaries"),
    "stage_read": ("projecten lezen", "reading projects"),
    "stage_validate": ("projecten controleren", "checking projects"),
    "stage_combine": ("projecten in gebieden plaatsen", "placing projects in areas"),
    "stage_aggregate": ("cijfers berekenen", "computing figures"),
    "stage_render": ("kaart tekenen", "drawing the map"),
    "stage_write": ("pagina schrijven", "writing the page"),
    "stage_png": ("afbeelding maken", "taking the picture"),
    # validate
    "fix": ("Oplossing:", "Fix:"),
    "notes_more": ("  … en nog {n} opmerkingen (--verbose toont ze allemaal)",
                   "  … and {n} more notes (--verbose shows them all)"),
    "validate_register": ("{path}: {n} project(en) met een id dat al in het register {reg} "
                          "staat: {ids}. `transitiekaart add --update` vervangt ze.",
                          "{path}: {n} project(s) with an id already in the register {reg}: "
                          "{ids}. `transitiekaart add --update` replaces them."),
    # add
    "nothing_added": ("Er is niets toegevoegd; het register {reg} is ongewijzigd. Los de "
                      "problemen hierboven op en probeer het opnieuw (controleer een bestand "
                      "met: transitiekaart validate BESTAND).",
                      "Nothing was added; the register {reg} is unchanged. Fix the problems "
                      "above and run the command again (check a file with: transitiekaart "
                      "validate FILE)."),
    "added": ("Register {reg}: {added} toegevoegd, {replaced} vervangen, {unchanged} al "
              "aanwezig en ongewijzigd; {total} in totaal.",
              "Register {reg}: {added} added, {replaced} replaced, {unchanged} already "
              "present and unchanged; {total} in total."),
    "replaced": ("  Vervangen: {ids}", "  Replaced: {ids}"),
    "note": ("  LET OP: {text}", "  NOTE: {text}"),
    "projects_1": ("1 project", "1 project"),
    "projects": ("{n} projecten", "{n} projects"),
    # list
    "no_register": ("Het register {reg} bestaat nog niet. Voeg projecten toe met: "
                    "transitiekaart add BESTAND",
                    "The register {reg} does not exist yet. Add projects with: "
                    "transitiekaart add FILE"),
    "list_count": ("{projects} in {reg}", "{projects} in {reg}"),
    "list_written": ("{projects} uit {reg} geschreven naar {path}",
                     "{projects} from {reg} written to {path}"),
    "xlsx_needs_out": ("--format xlsx schrijft een werkmap: geef een bestand met --out, "
                       "bijvoorbeeld --out projecten.xlsx.",
                       "--format xlsx writes a workbook: name a file with --out, "
                       "e.g. --out projects.xlsx."),
    # remove
    "removed": ("{projects} verwijderd uit {reg}: {ids} (vorige versie bewaard als {bak}).",
                "Removed {projects} from {reg}: {ids} (previous version kept as {bak})."),
}


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in ``lang`` (default: the run's language), fields filled in."""
    nl, en = MESSAGES[key]
    return (en if (lang or get_lang()) == "en" else nl).format(**fields)


def say_n(key: str, n: int, lang: str | None = None, **fields: object) -> str:
    """Like :func:`say`, with the singular form ``key_1`` when ``n`` is 1; ``{n}`` is filled."""
    if n == 1 and f"{key}_1" in MESSAGES:
        return say(f"{key}_1", lang, **fields)
    return say(key, lang, n=format_number(n, 0, lang), **fields)


def listing(items: Sequence[str], verbose: bool = False, limit: int = EXAMPLES,
            lang: str | None = None) -> str:
    """``items`` joined by commas; beyond ``limit`` (unless ``verbose``) a count of the rest."""
    if verbose or len(items) <= limit:
        return ", ".join(items)
    rest = say("more", lang, n=format_number(len(items) - limit, 0, lang))
    return ", ".join(items[:limit]) + " " + rest


# argparse's usage errors (Python 3.11 to 3.13 wording) and their Dutch form
_USAGE_NL: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (?P<a>.+)"),
     "deze argumenten ontbreken: {a}"),
    (re.compile(r"unrecognized arguments: (?P<a>.+)"), "onbekende argumenten: {a}"),
    (re.compile(r"argument (?P<o>.+?): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)"),
     "argument {o}: ongeldige keuze: {v} (kies uit {c})"),
    (re.compile(r"argument (?P<o>.+?): expected one argument"),
     "argument {o}: verwacht één waarde"),
    (re.compile(r"argument (?P<o>.+?): expected at least one argument"),
     "argument {o}: verwacht minstens één waarde"),
    (re.compile(r"argument (?P<o>.+?): expected (?P<n>\d+) arguments"),
     "argument {o}: verwacht {n} waarden"),
    (re.compile(r"argument (?P<o>.+?): invalid (?P<t>\S+) value: (?P<v>.+)"),
     "argument {o}: ongeldige waarde ({t}): {v}"),
    (re.compile(r"argument (?P<o>.+?): ignored explicit argument (?P<v>.+)"),
     "argument {o}: neemt geen waarde, kreeg {v}"),
    (re.compile(r"ambiguous option: (?P<o>\S+) could match (?P<c>.+)"),
     "dubbelzinnige optie: {o} kan zijn: {c}"),
    (re.compile(r"argument (?P<o>.+?): not allowed with argument (?P<p>.+)"),
     "argument {o}: gaat niet samen met {p}"),
]


def usage_error(message: str, lang: str | None = None) -> str:
    """argparse's error ``message`` in ``lang``: Dutch for the known wordings."""
    if (lang or get_lang()) == "en":
        return message
    for pattern, nl in _USAGE_NL:
        m = pattern.fullmatch(message)
        if m:
            return nl.format(**m.groupdict())
    return message
