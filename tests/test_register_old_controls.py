"""A register written by an earlier release with control characters stays readable
(issue 23, item 5, input side).

Earlier releases accepted a NUL or ESC in a name; now a new file with one is
refused (tests/test_validate_controls.py). The user's register is read with a
note per value (shown escaped) instead, and new files keep the error.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

import geo.validate as gv
from geo.register import add_to_register, read_register
from layers.errors import InputFileError

_NAME, _ORG, _ID = "Zon\x1bpark", "Gem\x00eente", "a\x1b1"


def _register(tmp_path: Path) -> Path:
    """A register as an earlier release wrote it: an ESC in a name and an id, a NUL in
    an organisation."""
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.9, 52.37]},
              "properties": {"id": _ID, "name": _NAME, "theme": "energy",
                             "amount_eur": 1_000_000.0, "organisation": _ORG}},
             {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.8, 52.3]},
              "properties": {"id": "a2", "name": "Warmte", "theme": "energy",
                             "amount_eur": 2_000_000.0}}]
    reg = tmp_path / "register.geojson"
    reg.write_text(json.dumps({"type": "FeatureCollection", "features": feats}),
                   encoding="utf-8")
    return reg


def test_read_with_a_note_and_the_text_kept(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    reg = _register(tmp_path)
    with caplog.at_level(logging.WARNING, logger="geo.register"):
        got = read_register(reg)
    assert got["id"].tolist() == [_ID, "a2"]
    assert got["name"].tolist() == [_NAME, "Warmte"]
    assert got["organisation"].tolist()[0] == _ORG
    text = "\n".join(r.getMessage() for r in caplog.records)
    for field, shown in (("name", r"'Zon\x1bpark'"), ("organisation", r"'Gem\x00eente'"),
                         ("id", r"'a\x1b1'")):
        assert f"'{field}'" in text and shown in text
    assert "\x1b" not in text and "\x00" not in text  # shown escaped, never raw
    assert "(3)" in text  # three values noted


def test_a_new_file_with_the_same_values_is_still_refused(tmp_path: Path) -> None:
    reg = _register(tmp_path)
    report = gv.validate_file(reg)
    assert not report.ok
    assert {(p.field, p.severity) for p in report.problems if p.code == "control_character"} \
        == {("id", "error"), ("name", "error"), ("organisation", "error")}
    before = reg.read_bytes()
    new = tmp_path / "new.geojson"
    new.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.7, 52.4]},
         "properties": {"naam": "Nieuw\x1b[2J", "thema": "energy"}}]}), encoding="utf-8")
    with pytest.raises(InputFileError, match="stuurteken"):
        add_to_register(reg, [new])
    assert reg.read_bytes() == before  # nothing written


@pytest.mark.parametrize(("lang", "words"), [("nl", "stuurtekens bewaard in het register"),
                                             ("en", "control characters kept in the register")])
def test_list_reads_it_and_says_so_in_the_runs_language(tmp_path: Path, lang: str,
                                                       words: str) -> None:
    """In a process of its own, as a user runs it: the note reaches the terminal."""
    reg = _register(tmp_path)
    run = subprocess.run([sys.executable, "-m", "mapbuilder", "--lang", lang, "list",
                          "--register", str(reg)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "Warmte" in run.stdout
    assert words in run.stderr and r"\x1b" in run.stderr and "\x1b" not in run.stderr
    assert "Traceback" not in run.stderr
