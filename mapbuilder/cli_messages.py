"""What the command line says, in the run's language (Dutch by default, English with --lang en).

One catalog for the messages of ``build``, ``add``, ``validate``, ``list`` and
``remove`` and of the CLI itself (its errors, and argparse's own words in Dutch). Each
message is a pair (Dutch, English) with ``str.format`` fields; numbers are
formatted by the caller in the run's notation (:func:`layers.lang.format_number`).
Codes, ids, paths and file formats are never translated.
"""

from __future__ import annotations

from collections.abc import Sequence

from layers.lang import format_number, get_lang

__all__ = ["ARGPARSE_NL", "MESSAGES", "listing", "say", "say_n"]

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


# argparse's own words in Dutch, keyed by the message ids argparse passes to gettext
# (Lib/argparse.py; the same ids in Python 3.11 to 3.13). mapbuilder/cli_locale.py compiles
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
