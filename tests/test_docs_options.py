"""The docs (README, CONTRIBUTING and docs/*.md) and the command line agree, option by option.

- Every ``transitiekaart COMMAND ... --option`` line in a code block of any of the
  docs uses options that COMMAND accepts.
- The command reference ``docs/cli.md`` (and ``docs/cli.nl.md``) is the parser's
  own help, as ``python -m mapbuilder.cli.docs`` generates it, and documents every
  option of every command under that command's heading.
- Every other ``--option`` in the docs (prose, tables) exists somewhere.
- Help texts: ``validate --help`` does not send people to ``--register``; the
  top-level help names the register for add, list and remove alike.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from mapbuilder.cli import main, make_parser
from mapbuilder.cli.docs import api_reference, cli_reference

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
CLI_DOCS = {"en": ROOT / "docs" / "cli.md", "nl": ROOT / "docs" / "cli.nl.md"}
API_DOC = ROOT / "docs" / "api.md"
GLOBAL = {"--lang", "--verbose", "--help", "-h"}
_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")


def _commands() -> dict[str, set[str]]:
    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {s for a in p._actions for s in a.option_strings}
            for name, p in sub.choices.items()}


def _top_options() -> set[str]:
    return {s for a in make_parser()._actions for s in a.option_strings}


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)


def _cli_sections(text: str) -> dict[str, str]:
    """The text of each ``## `transitiekaart COMMAND` `` section of docs/cli.md."""
    return {m.group(1): m.group(2) for m in re.finditer(
        r"^## `transitiekaart (\w+)`\n(.*?)(?=^## |\Z)", text, re.S | re.M)}


def test_code_block_commands_use_real_options() -> None:
    commands, top = _commands(), _top_options()
    seen = 0
    lines = [(doc, line) for doc in DOCS for block in _code_blocks(doc.read_text("utf-8"))
             for line in block.splitlines()]
    for doc, line in lines:
        m = re.match(r"^(?:\S+=\S+\s+)?(?:transitiekaart|python -m mapbuilder)((?:\s+--\S+)*)"
                     r"\s+(\w+)(.*)$", line.split("#", 1)[0].strip())
        if not m or m.group(2) not in commands:
            continue
        seen += 1
        used = set(_OPTION.findall(m.group(1) + " " + m.group(3)))
        unknown = used - commands[m.group(2)] - top
        assert not unknown, f"{doc.name}: `{line.strip()}` uses {sorted(unknown)}"
    assert seen >= 25


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_cli_reference_is_the_generated_help(lang: str) -> None:
    """docs/cli*.md equal ``python -m mapbuilder.cli.docs`` (regenerate them if this fails)."""
    want = cli_reference(lang)
    assert CLI_DOCS[lang].read_text("utf-8") == want, (
        f"{CLI_DOCS[lang].name} is out of date: run "
        f"`python -m mapbuilder.cli.docs --lang {lang} > docs/{CLI_DOCS[lang].name}`")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_cli_reference_documents_every_option_of_every_command(lang: str) -> None:
    sections = _cli_sections(CLI_DOCS[lang].read_text("utf-8"))
    for command, accepted in _commands().items():
        assert command in sections, f"{CLI_DOCS[lang].name} has no section for {command}"
        documented = {s for s in accepted
                      if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", sections[command])}
        assert accepted - documented == set(), f"{command}: options missing from the reference"


def test_api_index_is_generated_and_names_every_public_name() -> None:
    """docs/api.md equals ``python -m mapbuilder.cli.docs --api`` and lists every ``__all__``."""
    import geo
    import layers
    import mapbuilder

    text = API_DOC.read_text("utf-8")
    assert text == api_reference(), (
        "docs/api.md is out of date: run `python -m mapbuilder.cli.docs --api > docs/api.md`")
    for package in (layers, geo, mapbuilder):
        section = text.split(f"## `{package.__name__}`", 1)[1].split("\n## ", 1)[0]
        for name in package.__all__:
            if not name.startswith("__"):
                assert re.search(rf"`{re.escape(name)}[`(]", section), (package.__name__, name)


def test_cli_reference_names_no_machine_path() -> None:
    for path in CLI_DOCS.values():
        text = path.read_text("utf-8")
        assert str(ROOT) not in text and "./projects.geojson" in text


# docs/cli*.md are the parser's own help (checked above); Dutch help has "--projects-bestanden"
@pytest.mark.parametrize("doc", [d for d in DOCS if d not in CLI_DOCS.values() and d != API_DOC],
                         ids=lambda p: p.name)
def test_every_option_in_the_docs_exists(doc: Path) -> None:
    known = set().union(*_commands().values()) | _top_options()
    text = doc.read_text("utf-8")
    # options of the repository's own scripts (python -m tests... / benchmarks...) are theirs
    ours = "\n".join(line for line in text.splitlines()
                     if "-m tests." not in line and "-m benchmarks" not in line
                     and "-m mapbuilder.cli.docs" not in line)
    mentioned = set(_OPTION.findall(ours))
    # pip's, node's and pytest's options (install and test instructions) are not ours
    unknown = mentioned - known - {"--upgrade", "--no-deps", "--test", "--benchmark-only"}
    assert unknown == set(), f"{doc.name} mentions options no command has: {sorted(unknown)}"


def test_validate_help_does_not_offer_register(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--register" not in _commands()["validate"]
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "--register" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["validate", "x.geojson", "--register", "r.geojson"])
    assert "--register" in capsys.readouterr().err  # refused, as the help says


def test_top_level_help_names_the_register_for_each_register_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "mijn.geojson"
    monkeypatch.setenv("TRANSITIEKAART_REGISTER", str(reg))
    with pytest.raises(SystemExit):
        main(["--help"])
    # "    add           text" with its wrapped lines indented further
    entries = {m.group(1): re.sub(r"\s+", "", m.group(2)) for m in re.finditer(
        r"^    (\w+) +(.*(?:\n {10,}\S.*)*)", capsys.readouterr().out, re.M)}
    for command in ("add", "list", "remove"):
        assert str(reg).replace(" ", "") in entries[command], command


def test_projects_help_does_not_promise_a_map_in_compare(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert "one-off map" not in capsys.readouterr().out


_ARGPARSE_ENGLISH = ("usage:", "options:", "show this help message and exit",
                     "positional arguments", "optional arguments")


def test_dutch_cli_reference_has_no_argparse_english() -> None:
    """The Dutch reference shows what ``transitiekaart COMMAND --help`` prints in Dutch,
    argparse's own words included ("gebruik:", "opties:", "deze hulp tonen en stoppen")."""
    for text in (cli_reference("nl"), CLI_DOCS["nl"].read_text("utf-8")):
        found = [w for w in _ARGPARSE_ENGLISH if w in text]
        assert not found, f"argparse's English in the Dutch reference: {found}"
        assert text.count("gebruik: transitiekaart") == len(_commands()) + 1
        assert "deze hulp tonen en stoppen" in text
    assert "usage: transitiekaart" in cli_reference("en")
