"""The command-line reference, generated from the parser: ``docs/cli.md``.

Run from the repository root::

    python -m mapbuilder.docs_cli > docs/cli.md
    python -m mapbuilder.docs_cli --lang nl > docs/cli.nl.md

The text is each command's ``--help`` as the command prints it, in a fixed
width, with the register shown as ``./projects.geojson`` (the help names the
register of the folder it runs in). ``tests/test_docs_cli.py`` checks that the
files equal this output, so the reference cannot drift from the parser.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence

from layers.lang import LANGS, use_lang
from mapbuilder._sources import REGISTER_ENV
from mapbuilder.cli import PROG, make_parser

__all__ = ["cli_reference", "main"]

WIDTH = 80  # the terminal width the help is formatted for

_INTRO = {
    "en": ("# Command reference\n\n"
           "Generated from the command line's own help by `python -m mapbuilder.docs_cli "
           "> docs/cli.md`; do not edit by hand. The same text in Dutch: [cli.nl.md](cli.nl.md). "
           "`{prog} COMMAND --help` prints it in the run's language "
           "(`--lang nl|en`, default Dutch). Explanations and examples: "
           "[reference.md](reference.md).\n"),
    "nl": ("# Opdrachten\n\n"
           "Gemaakt uit de eigen hulp van de opdrachtregel met `python -m mapbuilder.docs_cli "
           "--lang nl > docs/cli.nl.md`; niet met de hand wijzigen. In het Engels: "
           "[cli.md](cli.md). `{prog} OPDRACHT --help` toont deze tekst in de taal van de "
           "opdracht (`--lang nl|en`, standaard Nederlands). Uitleg en voorbeelden: "
           "[reference.md](reference.md).\n"),
}


@contextlib.contextmanager
def _stable_environment() -> Iterator[None]:
    """A fixed width and the default register (``./projects.geojson``) while the help is made."""
    saved = {k: os.environ.get(k) for k in ("COLUMNS", REGISTER_ENV)}
    cwd = os.getcwd()
    os.environ["COLUMNS"] = str(WIDTH + 2)  # argparse wraps at COLUMNS - 2
    os.environ.pop(REGISTER_ENV, None)
    os.chdir("/")  # the register is then /projects.geojson, shown as ./projects.geojson
    try:
        yield
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def cli_reference(lang: str = "en") -> str:
    """The Markdown reference of every command's ``--help`` in ``lang``."""
    with _stable_environment(), use_lang(lang):
        parser = make_parser()
        parts = [_INTRO[lang].format(prog=PROG),
                 f"## `{PROG}`\n\n```text\n{parser.format_help()}```\n"]
        for name, command in _commands(parser).items():
            parts.append(f"## `{PROG} {name}`\n\n```text\n{command.format_help()}```\n")
    text = "\n".join(parts)
    return re.sub(r"(?<![.\w])/projects\.geojson", "./projects.geojson", text)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the reference: ``--lang en`` (default) or ``--lang nl``."""
    parser = argparse.ArgumentParser(prog="python -m mapbuilder.docs_cli",
                                     description="Print the command reference as Markdown.")
    parser.add_argument("--lang", choices=LANGS, default="en")
    args = parser.parse_args(argv)
    sys.stdout.write(cli_reference(args.lang))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
