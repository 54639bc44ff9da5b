"""Nothing an export, a round trip or an ``--out`` does can hurt the register.

- what ``list --format csv|xlsx`` protects with an apostrophe comes back unchanged
  through ``add --update`` (no duplicate ids, no text with a new leading ``'``);
- ``--out`` naming the register, its ``.bak`` or its lock is refused by every command;
- the tool deletes only its own temporary files; a writer killed between the
  ``.bak`` swap and the register swap leaves a ``.bak`` equal to the register,
  never one two versions old;
- a register with a UTF-8 byte-order mark is read like a project file with one;
- bad values of the tool's environment variables are warned about.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.register import add_to_register, read_register
from mapbuilder.cli import main

ROOT = Path(__file__).parents[1]
GOOD = Path(__file__).parent / "data" / "good"
HOSTILE_TEXTS = {  # id -> name, organisation: each would be a formula in a spreadsheet
    "=1+1": ("=SUM(A1:A9)", "@evil"),
    "+31": ("+31 20 555", "-minus"),
    "-5": ("-1+1", "=HYPERLINK(\"http://x\")"),
    "@x": ("@user", "+plus"),
    "ok-1": ("Gewoon project", "Gemeente"),
}


@pytest.fixture
def register(tmp_path: Path) -> Path:
    reg = tmp_path / "projects.geojson"
    src = tmp_path / "hostile.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": pid, "name": name, "organisation": org,
                                           "theme": "ai", "amount_eur": 1000 * (i + 1)},
         "geometry": {"type": "Point", "coordinates": [4.88 + i / 100, 52.37]}}
        for i, (pid, (name, org)) in enumerate(HOSTILE_TEXTS.items())]}), encoding="utf-8")
    add_to_register(reg, [src])
    return reg


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_and_add_update_round_trip_is_the_identity(
        register: Path, tmp_path: Path, fmt: str, lang: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = read_register(register)
    out = tmp_path / f"export.{fmt}"
    assert main(["--lang", lang, "list", "--register", str(register), "--format", fmt,
                 "--out", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "csv":  # protected in the file ...
        assert b"'=SUM(A1:A9)" in data and b"'=1+1" in data
    capsys.readouterr()
    assert main(["--lang", "en", "add", str(out), "--update", "--register",
                 str(register)]) == 0
    said = capsys.readouterr().out
    assert "0 added, 0 replaced, 5 already present and unchanged" in said, said
    after = read_register(register)  # ... and restored on the way back in
    assert list(after["id"]) == list(before["id"]) == list(HOSTILE_TEXTS)
    assert list(after["name"]) == [n for n, _ in HOSTILE_TEXTS.values()]
    assert list(after["organisation"]) == [o for _, o in HOSTILE_TEXTS.values()]
    assert after["amount_eur"].sum() == before["amount_eur"].sum() == 15_000


def test_xlsx_text_cells_are_text_without_an_apostrophe(register: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "export.xlsx"
    assert main(["list", "--register", str(register), "--format", "xlsx", "--out",
                 str(out)]) == 0
    ws = load_workbook(out).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert {c.value for c in cells} >= {"=1+1", "=SUM(A1:A9)", "@evil", "-1+1"}
    assert all(c.data_type == "s" and not c.value.startswith("'") for c in cells)


def test_a_real_apostrophe_before_other_text_is_kept(tmp_path: Path) -> None:
    from geo.validate.tables import restore_neutralised

    assert restore_neutralised("'s-Graveland") == "'s-Graveland"
    assert restore_neutralised("'t Veer") == "'t Veer"
    assert restore_neutralised("'=1+1") == "=1+1" and restore_neutralised("'@a") == "@a"
    assert restore_neutralised("=1+1") == "=1+1"


# ------------------------------------------------------------------ --out
def _state(reg: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(reg.parent.iterdir()) if p.is_file()}


@pytest.mark.parametrize("argv", [
    ["compare", "--format", "csv", "--out", "{reg}"],
    ["build", "--tiles", "none", "--out", "{reg}"],
    ["template", "--format", "geojson", "--out", "{reg}", "--force"],
    ["list", "--format", "geojson", "--out", "{reg}"],
    ["list", "--format", "csv", "--out", "{reg}.bak"],
    ["compare", "--format", "json", "--out", "{reg}.lock"],
    ["build", "--tiles", "none", "--out", "{link}"],
])
def test_out_that_is_the_register_is_refused(register: Path, tmp_path: Path, argv: list[str],
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    monkeypatch.chdir(tmp_path)  # template and list find the register by default here
    add_to_register(register, [GOOD / "projects.geojson"])  # now it has a .bak
    (tmp_path / "link.geojson").symlink_to(register)
    (tmp_path / f"{register.name}.lock").touch()
    before = _state(register)
    args = [a.format(reg=register, link=tmp_path / "link.geojson") for a in argv]
    if args[0] != "template":
        args += ["--register", str(register)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "it is not overwritten" in err and "Give another file name" in err
    assert "the project register" in err
    assert _state(register) == before


def test_out_beside_the_register_is_fine(register: Path, tmp_path: Path) -> None:
    out = tmp_path / "projects.csv"
    assert main(["list", "--register", str(register), "--format", "csv", "--out",
                 str(out)]) == 0
    assert out.exists()


# ------------------------------------------------------------------ temporary files, .bak
def test_add_deletes_only_its_own_temporary_files(register: Path, tmp_path: Path) -> None:
    mine = [tmp_path / f".{register.name}.my notes.tmp", tmp_path / f".{register.name}.x.tmp",
            tmp_path / f".{register.name}.bak.2024-draft-version.tmp"]
    for p in mine:
        p.write_text("my own notes")
    stale = tmp_path / f".{register.name}.k3j_x9a2.tmp"  # as mkstemp names the tool's own
    stale.write_text("{}")
    add_to_register(register, [GOOD / "projects.geojson"])
    assert all(p.read_text() == "my own notes" for p in mine)
    assert not stale.exists()


_KILL_BETWEEN = r"""
import os, sys
import layers.atomic
from geo.register import add_to_register
reg = os.path.realpath(sys.argv[1])
real_replace = os.replace
def replace(src, dst):
    if os.fspath(dst) == reg:  # the .bak is in place; die before the register is
        os._exit(9)
    return real_replace(src, dst)
layers.atomic.os.replace = replace
add_to_register(sys.argv[1], [sys.argv[2]])
"""


def test_kill_between_bak_and_register_swap_leaves_bak_equal_to_register(
        register: Path, tmp_path: Path) -> None:
    add_to_register(register, [GOOD / "projects.geojson"])  # version 2; .bak is version 1
    version2 = register.read_bytes()
    proc = subprocess.run([sys.executable, "-c", _KILL_BETWEEN, str(register),
                           str(GOOD / "projects.geojsonl")], cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.returncode == 9
    assert register.read_bytes() == version2  # the change did not happen
    bak = register.with_name(register.name + ".bak")
    assert bak.read_bytes() == version2  # not version 1, two versions old
    summary = add_to_register(register, [GOOD / "projects.geojsonl"])  # the next one works
    assert summary.total == 10
    assert bak.read_bytes() == version2
    assert not list(tmp_path.glob(f".{register.name}.*.tmp"))


def test_failed_register_swap_puts_the_old_bak_back(register: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import layers.atomic
    from layers.errors import TransitiekaartError

    add_to_register(register, [GOOD / "projects.geojson"])
    bak = register.with_name(register.name + ".bak")
    before = register.read_bytes(), bak.read_bytes()
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst) == register.resolve():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(layers.atomic.os, "replace", replace)
    with pytest.raises(TransitiekaartError, match=r"disk is full|schijf is vol"):
        add_to_register(register, [GOOD / "projects.geojsonl"])
    assert (register.read_bytes(), bak.read_bytes()) == before
    assert not list(tmp_path.glob(f".{register.name}.*.tmp"))


def test_register_with_a_byte_order_mark_is_read(register: Path, tmp_path: Path) -> None:
    register.write_bytes(b"\xef\xbb\xbf" + register.read_bytes())
    assert list(read_register(register)["id"]) == list(HOSTILE_TEXTS)
    assert main(["list", "--register", str(register)]) == 0
    add_to_register(register, [GOOD / "projects.geojson"])
    assert len(read_register(register)) == 8


# ------------------------------------------------------------------ environment
@pytest.mark.parametrize("value", ["lots", "-1", "0", "1e9", "\u00b2"])
def test_bad_environment_values_are_warned_about(tmp_path: Path, value: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSITIEKAART_LANG": "en",
           "TRANSITIEKAART_MAX_FILE_BYTES": value, "TRANSITIEKAART_MAX_CELLS": "10_000"}
    proc = subprocess.run([sys.executable, "-m", "mapbuilder", "validate",
                           str(GOOD / "projects.geojson")], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120, check=False)
    assert proc.returncode == 0
    assert (f"warning: $TRANSITIEKAART_MAX_FILE_BYTES={value!r} is not a positive whole "
            "number; the default 2,000,000,000 is used.") in proc.stderr
    assert "MAX_CELLS" not in proc.stderr  # 10_000 is a good value
