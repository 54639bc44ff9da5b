"""The docs run as written: every code block of README.md, docs/handleiding.md and
docs/partners.md (then the English handleiding and partners guide), in that order, line by
line, in one empty folder that holds what a fresh clone has (``docs/voorbeelden/``), with
``transitiekaart`` run as ``python -m mapbuilder`` of this checkout (the README says they are
the same). Every line must succeed (exit status 0) and print no traceback; a ``python`` block
runs as a script. Only the set-up lines a test cannot run (``make``, making a virtual
environment, ``pip install``) are left out, each named in ``SETUP``; a ``text`` block is output
shown, not run. A new user's trial found the README adding the unfilled template ("Niets toe
te voegen", exit 1), partners.md's ``template`` after the README's ("bestaat al") and example
files that did not exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "docs/handleiding.md", "docs/partners.md")
DOCS_EN = ("docs/handleiding.en.md", "docs/partners.en.md")
DOCS_MORE = ("docs/register.md", "docs/vergelijken.md", "docs/comparison.md", "docs/reference.md")
"""The other guides with commands, run in their own fresh folder: the register guide's
block makes the register its ``remove`` takes ids from (a trial found it removing ids
that no fresh register has)."""
SETUP = {"make map", "make test", "python3 -m venv .venv && . .venv/bin/activate",
         "pip install ."}
"""Lines of set-up that the test's own environment stands for (no network, no new venv)."""
SHELL = {"cp"}
"""Plain shell commands a guide shows (register.md's undo: copying the ``.bak`` back), run as
written."""
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a Markdown text: ``(language, body)``."""
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(text)]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TRANSITIEKAART_REGISTER", "TRANSITIEKAART_LANG")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_blocks(text: str, cwd: Path, name: str) -> list[str]:
    """Run the blocks of one document in ``cwd``; the failures, each with its output."""
    failures = []
    for k, (lang, body) in enumerate(blocks(text)):
        if lang == "text":
            continue
        if lang == "python":
            script = cwd / f"_{Path(name).stem}_{k}.py"
            script.write_text(body, "utf-8")
            commands = [(f"python block {k}", [sys.executable, str(script)])]
        else:
            assert lang in ("", "sh", "bash"), f"{name}: a ```{lang} block is not run"
            commands = []
            for line in body.splitlines():
                line = line.strip()
                if not line or line.startswith("#") or line.split("  #")[0].strip() in SETUP:
                    continue
                command = re.sub(r"^((?:[A-Z_]+=\S+ )*)transitiekaart\b",  # VAR=value: kept
                                 rf'\1"{sys.executable}" -m mapbuilder', line)
                command = re.sub(r"^python\b", f'"{sys.executable}"', command)
                assert command != line or line.split()[0] in SHELL, \
                    f"{name}: `{line}` is neither a command nor set-up"
                commands.append((line, command))
        for shown, command in commands:
            res = subprocess.run(command, shell=isinstance(command, str), cwd=cwd, env=_env(),
                                 capture_output=True, text=True, timeout=600, check=False)
            if res.returncode != 0 or "Traceback" in res.stderr + res.stdout:
                failures.append(f"{name}: `{shown}` exit {res.returncode}:\n"
                                f"{res.stdout[-1500:]}{res.stderr[-1500:]}")
    return failures


def _fresh_clone(tmp_path: Path) -> Path:
    """An empty folder with what the docs' commands read from a clone."""
    shutil.copytree(ROOT / "docs" / "voorbeelden", tmp_path / "docs" / "voorbeelden")
    return tmp_path


def _run_in_order(docs: tuple[str, ...], tmp_path: Path) -> Path:
    """Every block of ``docs``, in order, in one fresh folder; fails naming each failure."""
    cwd = _fresh_clone(tmp_path)
    failures: list[str] = []
    for name in docs:
        failures += run_blocks((ROOT / name).read_text("utf-8"), cwd, name)
    assert not failures, "\n\n".join(failures)
    return cwd


@pytest.mark.slow
def test_every_block_of_the_dutch_docs_runs_in_order(tmp_path: Path) -> None:
    cwd = _run_in_order(DOCS, tmp_path)
    # the quick start made the template, added the example projects and built both maps
    assert (cwd / "projecten_sjabloon.xlsx").exists() and (cwd / "projects.geojson").exists()
    assert (cwd / "output" / "map.html").exists() and (cwd / "output" / "map_en.html").exists()
    register = (cwd / "projects.geojson").read_text("utf-8")
    for pid in ("QS-1", "HLM-01", "PA-1", "EX-1", "RD-1"):  # README's and partners.md's adds
        assert f'"{pid}"' in register
    assert '"VB-001"' not in register  # the template's example row never counts


@pytest.mark.slow
def test_every_block_of_the_english_guides_runs_in_order(tmp_path: Path) -> None:
    cwd = _run_in_order(DOCS_EN, tmp_path)
    assert (cwd / "my_projects.xlsx").exists() and (cwd / "projects.geojson").exists()


@pytest.mark.slow
def test_every_block_of_the_other_guides_runs_in_order(tmp_path: Path) -> None:
    cwd = _run_in_order(DOCS_MORE, tmp_path)
    register = (cwd / "projects.geojson").read_text("utf-8")
    # register.md's adds; its remove took PA-2 and EX-1 out, and its undo (the .bak copied
    # back) put them in again (the remove failed on a fresh register when it named P-017)
    for pid in ("HLM-01", "HLM-02", "PA-1", "PA-2", "EX-1"):
        assert f'"{pid}"' in register
    assert (cwd / "register.xlsx").exists() and (cwd / "compare.csv").exists()


def test_a_failing_block_is_caught(tmp_path: Path) -> None:
    """The runner reports a command that fails, and a line that is not a command."""
    text = "```\ntransitiekaart validate docs/voorbeelden/bestaat_niet.xlsx\n```\n"
    (failure,) = run_blocks(text, tmp_path, "probe.md")
    assert "exit 2" in failure and "bestaat_niet.xlsx" in failure
    with pytest.raises(AssertionError, match="neither a command"):
        run_blocks("```\nopen output/map.html\n```\n", tmp_path, "probe.md")


def test_the_docs_use_only_example_files_that_exist() -> None:
    """A path under docs/voorbeelden/ in a block names a file the repository ships."""
    named = set()
    for name in (*DOCS, *DOCS_EN, *DOCS_MORE):
        for _, body in blocks((ROOT / name).read_text("utf-8")):
            named |= set(re.findall(r"docs/voorbeelden/[\w.-]+", body))
    assert named, "the docs' blocks use no example file"
    missing = sorted(n for n in named if not (ROOT / n).is_file())
    assert not missing, missing
