"""The README's quick start works as written: its command block, line by line, in an empty
folder (``transitiekaart`` run as ``python -m mapbuilder`` of this checkout, which the README
says is the same), makes the template, fills in one project below the example row as a user
would (in Excel), validates and adds it (the example row is skipped, never counted), and
writes the Dutch and the English map."""

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


def _fill_in(path: Path) -> None:
    """Type one project into the template's first sheet, below its example row."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    example = [c.value for c in ws[2]]
    row = dict(zip(header, example, strict=True))
    for key in row:
        low = str(key).lower()
        if low.startswith("id"):
            row[key] = "QS-1"
        elif low.startswith("naam"):
            row[key] = "Warmtenet Zaandam-Oost"
    ws.append([row[h] for h in header])
    wb.save(path)


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
        if line.split()[1] == "template":  # "fill it in": one project below the example
            _fill_in(tmp_path / "projecten_sjabloon.xlsx")
    register = (tmp_path / "projects.geojson").read_text("utf-8")
    assert '"QS-1"' in register  # the project filled in, added
    assert '"VB-001"' not in register  # the template's example row: skipped, never counted
    nl = (tmp_path / "output" / "map.html").read_text("utf-8")
    en = (tmp_path / "output" / "map_en.html").read_text("utf-8")
    assert '<html lang="nl"' in nl and '<html lang="en"' in en
