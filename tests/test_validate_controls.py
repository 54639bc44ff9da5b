"""Control characters in text read from a file (issue 23, item 5, the input side).

A NUL or ESC in a name is almost always a broken export: per field it is an error
(id, name, organisation, status, url; a tab or line break only in an id) or a note
that keeps the text (description). The message names the feature or row, the column
as the file calls it and the value escaped; the fast paths give the same answer, the
register is never written with one, and the page's check never says OK for them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import geo.validate as gv
from geo.register import add_to_register
from layers.errors import InputFileError
from layers.lang import use_lang
from tests.test_check_parity import NODE, check_js
from tests.test_validate_fast import _assert_same, _slow

AMSTERDAM = (4.8952, 52.3702)


def _geojson(tmp_path: Path, rows: list[dict[str, Any]], name: str = "ctl.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [AMSTERDAM[0] + i / 1000, AMSTERDAM[1]]},
         "properties": {"naam": f"Project {i}", "thema": "Waterstof", **row}}
        for i, row in enumerate(rows)]}), encoding="utf-8")
    return path


def _controls(report: gv.ValidationReport) -> list[Any]:
    return [p for p in report.problems if p.code == "control_character"]


@pytest.mark.parametrize(("column", "value", "severity"), [
    ("naam", "Kapot\x00project", "error"),
    ("naam", "Kapot\x1b[2Jproject", "error"),
    ("naam", "Kapot\x9bproject", "error"),  # C1: a CSI in some terminals
    ("naam", "Regel\x7f", "error"),
    ("id", "p-1\t", "error"),  # an id is typed in commands: not even a tab
    ("id", "p\n1", "error"),
    ("organisatie", "Gemeente\x07", "error"),
    ("status", "lopend\x0b", "error"),
    ("url", "https://example.nl/\x1b", "error"),
    ("omschrijving", "Regel\x0bregel", "note"),  # pasted from Word: kept, noted
])
def test_each_field_gets_an_error_or_a_note(tmp_path: Path, column: str, value: str,
                                            severity: str) -> None:
    path = _geojson(tmp_path, [{column: value}, {}, {}])
    report = gv.validate_file(path)
    _assert_same(report, _slow(path))  # the fast paths decline, the slow checks name it
    (problem,) = _controls(report)
    assert (problem.severity, problem.feature, problem.column or problem.field) == \
        (severity, 1, column)
    assert problem.value == value
    text = problem.to_text()
    assert repr(value) in text  # the value escaped, as received
    bad = next(c for c in value if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
    assert repr(bad)[1:-1] in problem.message
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)
    assert report.ok is (severity == "note")
    if severity == "note":
        assert report.projects["description"].iloc[0] == value  # kept as written


@pytest.mark.parametrize("value", ["Regel\neen", "Tab\tnaam", "Windows\r\nregel"])
def test_a_tab_or_line_break_in_a_name_is_accepted(tmp_path: Path, value: str) -> None:
    path = _geojson(tmp_path, [{"naam": value}, {}])
    report = gv.validate_file(path)
    _assert_same(report, _slow(path))
    assert report.ok and not _controls(report)
    assert report.projects["name"].iloc[0] == value


def test_both_languages_name_position_and_column(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [{}, {"naam": "ab\x1bc"}])
    with use_lang("en"):
        (en,) = _controls(gv.validate_file(path))
        line = en.to_text()
    assert "control character (\\x1b at position 3)" in en.message
    assert "feature 2" in line and "'naam'" in line and "'ab\\x1bc'" in line
    with use_lang("nl"):
        (nl,) = _controls(gv.validate_file(path))
    assert "stuurteken (\\x1b op positie 3)" in nl.message


def test_a_nul_byte_in_a_csv_refuses_the_whole_file(tmp_path: Path) -> None:
    """A raw NUL byte is not text: the file is refused before its cells are read."""
    path = tmp_path / "ctl.csv"
    path.write_text("naam,thema,lon,lat\nGoed,Waterstof,4.9,52.37\n"
                    "Kapot\x00,Waterstof,4.91,52.37\n", encoding="utf-8")
    with use_lang("en"):
        report = gv.validate_file(path)
    assert not report.readable and not len(report.projects)
    assert "NUL bytes (the first at byte 49)" in report.to_text()


def test_a_csv_with_an_escape_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "ctl.csv"
    path.write_text("naam;thema;lon;lat\nGoed;Waterstof;4,9;52,37\n"
                    "Kapot\x1b[2J;Waterstof;4,91;52,37\n", encoding="utf-8")
    report = gv.validate_file(path)
    (problem,) = _controls(report)
    assert (problem.row, problem.column, problem.severity) == (3, "naam", "error")
    assert "'Kapot\\x1b[2J'" in problem.to_text()


def test_a_large_file_with_one_bad_name_gives_the_slow_answer(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [{} for _ in range(400)]
    rows[250] = {"naam": "Project\x00250"}
    path = _geojson(tmp_path, rows)
    report = gv.validate_file(path)
    _assert_same(report, _slow(path))
    assert [p.feature for p in _controls(report)] == [251]


def test_the_register_is_never_written_with_one(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [_geojson(tmp_path, [{}], "good.geojson")])
    before = reg.read_bytes()
    with pytest.raises(InputFileError) as err:
        add_to_register(reg, [_geojson(tmp_path, [{"naam": "Kapot\x1b]0;x\x07"}])])
    assert "\\x1b" in str(err.value) and "\x1b" not in str(err.value)
    assert reg.read_bytes() == before


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("row", [{"organisatie": "Org\x00"}, {"omschrijving": "a\x0bb"},
                                 {"status": "lopend\x0b"}, {"naam": "a\x1bb"}])
def test_the_page_check_says_what_validate_says(tmp_path: Path, row: dict[str, str]) -> None:
    """The page's check (lib/check_fields.js) gives validate's control-character problem:
    an error in an organisation, status or name, a note in a description."""
    path = _geojson(tmp_path, [row, {}])
    got = check_js([path], "nl")[0]
    with use_lang("nl"):
        want = gv.validate_file(path)
    assert _controls(want)
    assert got["complete"], got["reasons"]
    assert [(p["severity"], p["code"], p["feature"], p["field"], p["message"], p["hint"])
            for p in got["problems"]] == \
        [(p.severity, p.code, p.feature, p.field, p.message, p.hint) for p in want.problems]
    assert got["ok"] is want.ok
