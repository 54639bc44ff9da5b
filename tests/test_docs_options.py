"""The README and the command line agree, option by option.

- Every ``transitiekaart COMMAND ... --option`` line in a README code block uses
  options that COMMAND accepts.
- Every option in a table under a ``### `transitiekaart COMMAND` `` heading is
  an option of COMMAND, and every option of COMMAND is in that table (the global
  ``--lang``, ``--verbose`` and ``--help`` are documented once for all).
- Every other ``--option`` in the README (prose, other tables) exists somewhere.
- Help texts: ``validate --help`` does not send people to ``--register``; the
  top-level help names the register for add, list and remove alike.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from mapbuilder.cli import main, make_parser

README = Path(__file__).resolve().parents[1] / "README.md"
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


def _command_tables(text: str) -> dict[str, str]:
    """The text of each ``### `transitiekaart COMMAND` `` section (up to the next heading)."""
    out = {}
    for m in re.finditer(r"^### `transitiekaart (\w+)`\n(.*?)(?=^#)", text, re.S | re.M):
        out[m.group(1)] = m.group(2)
    return out


def _table_options(section: str) -> set[str]:
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {o for cell in rows for o in _OPTION.findall(cell)}


def test_code_block_commands_use_real_options() -> None:
    commands, top = _commands(), _top_options()
    text = README.read_text("utf-8")
    seen = 0
    for block in _code_blocks(text):
        for line in block.splitlines():
            m = re.match(r"^(?:\S+=\S+\s+)?(?:transitiekaart|python -m mapbuilder)((?:\s+--\S+)*)"
                         r"\s+(\w+)(.*)$", line.split("#", 1)[0].strip())
            if not m or m.group(2) not in commands:
                continue
            seen += 1
            used = set(_OPTION.findall(m.group(1) + " " + m.group(3)))
            unknown = used - commands[m.group(2)] - top
            assert not unknown, f"README: `{line.strip()}` uses {sorted(unknown)}"
    assert seen >= 15


@pytest.mark.parametrize("command", ["build", "add", "validate", "list", "remove", "compare"])
def test_reference_table_matches_the_parser(command: str) -> None:
    tables = _command_tables(README.read_text("utf-8"))
    assert command in tables, f"README has no reference table for {command}"
    documented = _table_options(tables[command])
    accepted = _commands()[command] - GLOBAL
    assert documented - accepted == set(), f"{command}: README documents unknown options"
    assert accepted - documented == set(), f"{command}: options missing from the README"


def test_every_option_in_the_readme_exists() -> None:
    known = set().union(*_commands().values()) | _top_options()
    text = README.read_text("utf-8")
    # options of the repository's own scripts (python -m tests... / benchmarks...) are theirs
    ours = "\n".join(line for line in text.splitlines()
                     if "-m tests." not in line and "-m benchmarks" not in line)
    mentioned = set(_OPTION.findall(ours))
    # pip's and make's options in the install instructions are not ours
    unknown = mentioned - known - {"--upgrade", "--no-deps"}
    assert unknown == set(), f"README mentions options no command has: {sorted(unknown)}"


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
