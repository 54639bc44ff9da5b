"""The command line: a thin face over the Python API.

Subcommands live in their own modules and register themselves in
:data:`COMMANDS`; each gets the parsed arguments and returns an exit code.
Every :class:`~layers.errors.TransitiekaartError` becomes a one-line message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, NoReturn

from layers.errors import TransitiekaartError
from layers.lang import ENV_LANG, LANGS, format_number, terminal_text, use_lang
from layers.messages import msg
from layers.settings import env_problems
from mapbuilder.cli.locale import argparse_language
from mapbuilder.i18n import DEFAULT_METRIC, METRICS
from mapbuilder.page import ASSETS

__all__ = ["COMMANDS", "common_options", "global_options", "main", "run"]

PROG = "transitiekaart"


class _Parser(argparse.ArgumentParser):
    """argparse in the run's language; a wrong option is reported in one line.

    argparse's own words (usage, the headings, ``-h``, its usage errors) come in the run's
    language through gettext (:func:`mapbuilder.cli.locale.argparse_language`).
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {msg('cli.error')}: {message} "
                     f"({msg('cli.see_help', prog=PROG)})\n")


def global_options(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """``--lang`` and ``--verbose``: before the command (``top``) or after it.

    After the command they default to "not given", so that
    ``transitiekaart --lang en list`` keeps the language given before it.
    """
    default = {} if top else {"default": argparse.SUPPRESS}
    with suppress(argparse.ArgumentError):  # a command may declare --lang itself
        parser.add_argument("--lang", choices=LANGS, **({"default": None} if top else default),
                            help=msg("cli.help_lang", env=ENV_LANG))
    with suppress(argparse.ArgumentError):  # and --verbose
        parser.add_argument("--verbose", action="store_true", **default,
                            help=msg("cli.help_verbose"))


def _run_lang(argv: Sequence[str]) -> str:
    """The run's language: the last ``--lang X`` (before or after the command), else
    $TRANSITIEKAART_LANG, else nl. Known before parsing, so usage errors follow it too."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = (argv[i + 1] if arg == "--lang" and i + 1 < len(argv)
                 else arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value in LANGS:
            found = value
    if found:
        return found
    env = os.environ.get(ENV_LANG, "").strip().lower()
    return env if env in LANGS else "nl"


def common_options(parser: argparse.ArgumentParser, projects: bool = True) -> None:
    """Options shared by commands that read projects and layers."""
    if projects:
        parser.add_argument("--projects", nargs="+", metavar="FILE", type=Path,
                            help=msg("cli.help_projects"))
        parser.add_argument("--crs", metavar="CRS",
                            help=msg("cli.help_crs_projects"))
        parser.add_argument("--sheet", metavar="NAME",
                            help=msg("cli.help_sheet_projects"))
    parser.add_argument("--register", metavar="PATH", type=Path,
                        help=msg("cli.help_register"))
    parser.add_argument("--municipalities", metavar="FILE", type=Path,
                        help=msg("cli.help_municipalities"))
    parser.add_argument("--population", metavar="FILE", type=Path,
                        help=msg("cli.help_population"))
    parser.add_argument("--novex", metavar="FILE", type=Path,
                        help=msg("cli.help_novex"))


def page_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """``--tiles`` and ``--assets`` of a command that writes a page (``prefix``: e.g. "html: ")."""
    parser.add_argument("--tiles", default="osm", metavar="TILES",
                        help=prefix + msg("cli.help_tiles"))
    parser.add_argument("--assets", choices=ASSETS, default="inline",
                        help=prefix + msg("cli.help_assets"))


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help=msg("cli.help_build"),
                       description=msg("cli.description_build"))
    common_options(p)
    p.add_argument("--metric", choices=list(METRICS), default=DEFAULT_METRIC,
                   help=msg("cli.help_metric", default=DEFAULT_METRIC))
    p.add_argument("--out", type=Path, default=Path("output/map.html"), metavar="FILE",
                   help=msg("cli.help_out_map"))
    p.add_argument("--no-ijmeerlijn", action="store_true",
                   help=msg("cli.help_no_ijmeerlijn"))
    page_options(p)
    p.add_argument("--png", action="store_true",
                   help=msg("cli.help_png"))
    p.add_argument("--timings", type=Path, metavar="FILE",
                   help=msg("cli.help_timings"))
    p.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import json

    from geo.analysis import analyse
    from layers.atomic import check_target
    from layers.region import load_region
    from layers.timing import stage, timings
    from mapbuilder.cli.progress import show_progress
    from mapbuilder.cli.summary import summary_table
    from mapbuilder.mappage.output import write_html
    from mapbuilder.mappage.render import render_analysis
    from mapbuilder.sources import resolve_projects
    from mapbuilder.tiles import provider

    show_progress()  # on a terminal only
    check_target(args.out)  # a directory, device or read-only file fails before the slow part
    if args.tiles.strip().lower() != "none":
        provider(args.tiles)  # an unknown name fails before the slow part
    if args.png:
        from mapbuilder.snapshot import check_available

        check_available()
    with stage("layers"):
        region = load_region(args.municipalities, args.population, args.novex)
    src = resolve_projects(args.projects, args.register, getattr(args, "crs", None),
                           getattr(args, "sheet", None))
    analysis = analyse(src.projects, region)
    with stage("render"):
        fmap = render_analysis(analysis, args.metric, args.lang, src.label,
                               show_ijmeerlijn=not args.no_ijmeerlijn, tiles=args.tiles)
    with stage("write"):
        out = write_html(fmap, args.out, assets=args.assets, lang=args.lang)
    png = None
    if args.png:
        from mapbuilder.snapshot import snapshot

        with stage("png"):
            png = snapshot(out)
    if args.timings:
        from layers.atomic import atomic_write_text

        atomic_write_text(args.timings, json.dumps(
            {"stages": timings(), "projects": len(analysis.projects)}, indent=2))
    print(summary_table(analysis, args.lang, verbose=args.verbose))
    print("\n" + msg("cli.map_written", path=out.resolve()))
    if png is not None:
        print(msg("cli.picture_written", path=png.resolve()))
    return 0


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_build]


def _load_plugins() -> None:
    """Import the modules that add further subcommands to :data:`COMMANDS`."""
    import importlib

    for name in ("mapbuilder.cli.register", "mapbuilder.cli.compare",
                 "mapbuilder.cli.template"):
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        adder = mod.add_commands
        if adder not in COMMANDS:
            COMMANDS.append(adder)


class _Version(argparse.Action):
    """``--version``: looked up only when asked (the lookup costs every run ~0.05 s)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, nargs: int = 0, help: str | None = None
                 ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        from geo import __version__

        print(f"{PROG} {__version__}")
        parser.exit()


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    _load_plugins()
    parser = _Parser(prog=PROG, description=msg("cli.description"))
    parser.add_argument("--version", action=_Version, nargs=0,
                        help=msg("cli.help_version"))
    global_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                title=msg("cli.commands"))
    for add in COMMANDS:
        add(sub)
    for command in sub.choices.values():  # every command takes them after its name too
        global_options(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI in one language (``--lang``, else $TRANSITIEKAART_LANG, else nl).

    Returns the exit code.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _run_lang(argv)
    with use_lang(lang):
        env = os.environ.get(ENV_LANG, "").strip()
        if env and env.lower() not in LANGS:
            print(f"{PROG}: {msg('cli.bad_env_lang', env=ENV_LANG, value=env)}", file=sys.stderr)
        for name, value, default in env_problems():
            text = msg("cli.bad_env_int", env=name, value=terminal_text(value, 60),
                       default=format_number(default, 0))
            print(f"{PROG}: {text}", file=sys.stderr)
        with argparse_language(lang):
            parser = make_parser()
            args = parser.parse_args(argv)
        args.lang = lang  # one language for the whole run, whichever parser took --lang
        return _dispatch(parser, args)


def _refuse_register_outputs(args: argparse.Namespace) -> None:
    """No command's ``--out`` (nor the picture or timings beside it) may be the register."""
    from mapbuilder.sources import refuse_register_as_out

    out = getattr(args, "out", None)
    if out is None or getattr(args, "command", None) in ("add", "remove"):
        return
    outputs = [out, getattr(args, "timings", None)]
    if getattr(args, "png", False):
        outputs.append(Path(out).with_suffix(".png"))
    refuse_register_as_out(outputs, getattr(args, "register", None))


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        _refuse_register_outputs(args)
        return int(args.func(args))
    except TransitiekaartError as exc:
        print(f"{PROG}: {msg('cli.error')}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `transitiekaart compare | head`: the reader left
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: {msg('cli.interrupted')}", file=sys.stderr)
        return 130
    except MemoryError:  # also pyarrow's ArrowMemoryError: a message, not a traceback
        print(f"{PROG}: {msg('cli.error')}: {msg('cli.out_of_memory')}", file=sys.stderr)
        return 1
    except OSError as exc:  # no file named: writing the output (`list > /dev/full`)
        where = exc.filename or msg("cli.stdout")
        print(f"{PROG}: {msg('cli.error')}: {terminal_text(where, 200)}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1


def run() -> None:  # pragma: no cover - exits the process
    """Console entry point: :func:`main`, and its code as the exit status.

    A normal interpreter exit: every library's atexit handlers and finalisers run.
    """
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
