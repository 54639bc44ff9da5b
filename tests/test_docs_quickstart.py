"""The README's quick start works as written: its command block, line by line, in an empty
folder (``transitiekaart`` run as ``python -m mapbuilder`` of this checkout, which the README
says is the same), makes the template, accepts it, adds its example row to a new register,
and writes the Dutch and the English map."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _quick_start() -> list[str]:
    """The README's block in which every line is a ``transitiekaart`` command."""
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = [b.splitlines() for b in re.findall(r"^```\n(.*?)^```", text, re.S | re.M)]
    ours = [b for b in blocks if b and all(line.startswith("transitiekaart ") for line in b)]
    assert len(ours) == 1, "expected one block of transitiekaart commands in the README"
    return ours[0]


def test_readme_quick_start_runs_verbatim(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TRANSITIEKAART_REGISTER", "TRANSITIEKAART_LANG")}
    env["PYTHONPATH"] = str(ROOT)
    lines = _quick_start()
    assert any(" build" in line for line in lines) and any(" add " in line for line in lines)
    for line in lines:
        command = line.replace("transitiekaart", f'"{sys.executable}" -m mapbuilder', 1)
        res = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=300, check=False)
        assert res.returncode == 0, f"`{line}` failed:\n{res.stdout[-2000:]}{res.stderr[-2000:]}"
        assert "Traceback" not in res.stderr
    register = (tmp_path / "projects.geojson").read_text("utf-8")
    assert '"VB-001"' in register  # the template's example row, added
    nl = (tmp_path / "output" / "map.html").read_text("utf-8")
    en = (tmp_path / "output" / "map_en.html").read_text("utf-8")
    assert '<html lang="nl"' in nl and '<html lang="en"' in en
