"""The page's script is its modules without their comment lines (points.without_comments):
the code stays as written, line for line, and parses."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mapbuilder.mappage.points import _SCRIPTS, _lib_scripts, points_js, without_comments

STATIC = Path(__file__).resolve().parents[1] / "mapbuilder" / "static"
MODULES = [STATIC / "lib" / n for n in _lib_scripts()] + [STATIC / n for n in _SCRIPTS]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_code_line_stays_and_every_comment_line_goes(path: Path) -> None:
    source = path.read_text("utf-8")
    lines, kept = source.split("\n"), without_comments(source, path.name).split("\n")
    assert len(kept) == len(lines)  # line numbers as in the repository
    for before, after in zip(lines, kept, strict=True):
        assert after in (before, "")
        if after == "" and before.strip():  # only comment lines are emptied
            assert re.match(r"\s*(//|/\*|\*)", before), before
    code = [ln for ln in lines if ln.strip() and not re.match(r"\s*(//|/\*|\*)", ln)]
    assert all(ln in kept for ln in code)


def test_the_page_script_has_no_comment_lines_and_parses(tmp_path: Path) -> None:
    script = points_js("nl")
    assert not [ln for ln in script.split("\n") if re.match(r"\s*(//|/\*)", ln)]
    size = sum(len(p.read_text("utf-8")) for p in MODULES)
    assert len(script) < size  # the comments were a fifth of it
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    (tmp_path / "page.js").write_text(script, "utf-8")
    subprocess.run([node, "--check", str(tmp_path / "page.js")], check=True)


@pytest.mark.parametrize("source", [
    "var a = 1; /* a comment\n over two lines */ var b = 2;",
    "var t = `a template\n// literal`;",
    "/* a comment */ var a = 1;\n/* ends\n*/ var b = 2;",
])
def test_what_it_cannot_tell_apart_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match=r"mod\.js"):
        without_comments(source, "mod.js")


def test_comments_of_both_kinds_go() -> None:
    source = "// one\nvar a = 1;  // stays: after code\n/**\n * doc\n */\n  /* one line */\nvar b;"
    assert without_comments(source) == "\nvar a = 1;  // stays: after code\n\n\n\n\nvar b;"
