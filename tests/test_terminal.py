"""Safe terminal output: a name, key or value from a file cannot spoof or flood the terminal.

Control characters (ESC, BEL, CR, NUL), bidi overrides (U+202E) and line
separators are shown escaped, long values are cut with "…", and a report of
thousands of errors is grouped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.register import add_to_register
from layers.errors import InputFileError
from layers.lang import terminal_text
from mapbuilder.cli import main

ROOT = Path(__file__).parents[1]
GOOD = Path(__file__).parent / "data" / "good"
SPOOF = "evil\x1b[2J\x07\rFAKE: OK\u202eabc\x00\u2028end"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202e\u2028]")  # what may never reach a terminal


@pytest.mark.parametrize("text,shown", [
    ("Zaanstad é ë €", "Zaanstad é ë €"),
    ("a\x1b[31mb", "a\\x1b[31mb"), ("bel\x07", "bel\\x07"), ("cr\rlf\n", "cr\\rlf\\n"),
    ("nul\x00", "nul\\x00"), ("rtl\u202eabc", "rtl\\u202eabc"), ("ls\u2028", "ls\\u2028"),
    ("zero\u200bwidth", "zero\\u200bwidth"), ("c1\x9b", "c1\\x9b"),
])
def test_terminal_text_escapes_what_a_terminal_would_run(text: str, shown: str) -> None:
    assert terminal_text(text) == shown


def test_terminal_text_cuts_long_values() -> None:
    assert terminal_text("x" * 10_000_000, 80) == "x" * 79 + "…"
    assert len(terminal_text("\x1b" * 1000, 40)) == 40
    assert terminal_text("x" * 80, 80) == "x" * 80
    assert terminal_text(12345) == "12345"


def _fc(props: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]})


def test_list_shows_names_escaped_and_cut(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "projects.geojson"
    src = tmp_path / "names.geojson"

    def names(*shown: str) -> str:
        return json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": f"p{i}", "name": name, "theme": "ai"},
             "geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}
            for i, name in enumerate(shown)]})

    # control characters (ESC, BEL, CR, NUL) never reach the register: refused on input
    src.write_text(names(SPOOF, "y" * 10_000_000))
    with pytest.raises(InputFileError, match=r"stuurteken|control character"):
        add_to_register(reg, [src])
    assert not reg.exists()
    # what may stay in a name (a right-to-left override, a line separator) is escaped
    src.write_text(names("evil FAKE: OK\u202eabc\u2028end", "y" * 10_000_000))
    add_to_register(reg, [src])
    capsys.readouterr()
    assert main(["list", "--register", str(reg)]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out)
    assert "evil FAKE: OK\\u202eabc\\u2028end" in out
    assert max(map(len, out.splitlines())) < 300 and "y" * 49 + "…" in out


def test_validate_messages_escape_and_cut_keys_and_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "keys.geojson"
    path.write_text(_fc({"id": "k", "name": "n", "theme": SPOOF, "K" * 10_000_000: 1,
                         "\x1b[31mkey": 2, **{f"extra{i}": i for i in range(500)}}))
    capsys.readouterr()
    assert main(["--lang", "en", "validate", str(path), "--verbose"]) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out)
    assert "\\x1b[31mkey, " + "K" * 39 + "…, extra0, " in out and "… and 482 more" in out
    assert "(received: 'evil\\x1b[2J\\x07\\rFAKE: OK\\u202eabc" in out
    assert len(out) < 3000


def test_a_huge_crs_gives_a_short_message(capsys: pytest.CaptureFixture[str]) -> None:
    crs = "EPSG:" + "9" * 100_000
    assert main(["--lang", "en", "validate", str(GOOD / "projects_rd.csv"), "--crs", crs]) == 2
    out = capsys.readouterr().out
    assert "is not a coordinate reference system I know" in out and len(out) < 600


def test_thousands_of_errors_are_grouped(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": f"p{i}", "name": "x", "theme": "nope"},
         "geometry": {"type": "Point", "coordinates": [4.9, 52.37]}} for i in range(3000)]}))
    capsys.readouterr()
    assert main(["--lang", "en", "validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 20 + 1
    assert "… and 2,980 more errors of this kind (is not a known theme" in lines[-1]
    assert "--verbose lists them all" in lines[-1]
    assert main(["--lang", "en", "validate", str(path), "--verbose"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 3001


def test_output_to_a_full_device_names_the_output(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "mapbuilder", "list", "--register",
                               str(reg)], stdout=full, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT),
                                   "TRANSITIEKAART_LANG": "en"}, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("transitiekaart: error: the output (standard output, e.g. "
                                   "a file after >): No space left on device")


def test_terminal_tables_show_area_names_safely() -> None:
    from mapbuilder.formatting import text_table

    text = text_table([["area", "eur"], [SPOOF, "1"], ["z" * 500, "2"]])
    assert not RAW.search(text) and "evil\\x1b[2J" in text
    assert "z" * 119 + "…" in text and max(map(len, text.splitlines())) < 140


def test_a_huge_key_written_twice_gives_a_short_message(tmp_path: Path) -> None:
    from geo.validate import validate_file
    from layers.lang import use_lang

    key = "K" * 1_000_000
    path = tmp_path / "twice.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    f'"properties": {{"id": "a", "name": "n", "theme": "ai", "{key}": 1, '
                    f'"{key}": 2}}, "geometry": {{"type": "Point", "coordinates": [4.9, 52.37]}}'
                    "}]}")
    with use_lang("en"):
        text = validate_file(path).to_text()
    assert "occurs twice in the same object (1 and 2;" in text
    assert len(text) < 1500
