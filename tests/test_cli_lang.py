"""One language per run: Dutch by default, English with --lang en or $TRANSITIEKAART_LANG,
numbers in that language's notation, long lists summarised unless --verbose; and the
register's exports (list --format xlsx|csv|geojson)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapbuilder.cli import main

GOOD = Path(__file__).parent / "data" / "good"


@pytest.fixture(autouse=True)
def no_env_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSITIEKAART_LANG", raising=False)


def _fc(rows: list[dict], points: list[tuple[float, float]]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": r,
         "geometry": {"type": "Point", "coordinates": list(p)}}
        for r, p in zip(rows, points, strict=True)]}, ensure_ascii=False)


@pytest.fixture
def register(tmp_path: Path) -> Path:
    """A register of three projects, one with € 2.000.000 and one with hostile text."""
    src = tmp_path / "in.geojson"
    src.write_text(_fc([
        {"id": "a-1", "name": "Waterstof Westpoort", "theme": "hydrogen",
         "amount_eur": 2_000_000, "start_year": 2026},
        {"id": "a-2", "name": "=HYPERLINK(\"http://x\")", "theme": "ai",
         "amount_eur": 1250.5, "organisation": "@evil", "description": "-1+1"},
        {"id": "a-3", "name": "Zonder bedrag", "theme": "health"},
    ], [(4.79, 52.415), (5.22, 52.37), (4.9, 52.37)]), "utf-8")
    reg = tmp_path / "reg.geojson"
    assert main(["add", str(src), "--register", str(reg)]) == 0
    return reg


def test_dutch_by_default_english_with_lang(register: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "--register", str(register)]) == 0
    nl = capsys.readouterr().out
    assert "3 projecten in" in nl and "2.000.000" in nl and "1.250" in nl
    assert "2,000,000" not in nl
    for argv in (["--lang", "en", "list"], ["list", "--lang", "en"], ["--lang=en", "list"]):
        assert main([*argv, "--register", str(register)]) == 0
        en = capsys.readouterr().out
        assert "3 projects in" in en and "2,000,000" in en, argv


def test_environment_sets_the_language(register: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    capsys.readouterr()
    assert main(["remove", "a-3", "--register", str(register)]) == 0
    assert "Removed 1 project from" in capsys.readouterr().out
    assert main(["--lang", "nl", "remove", "a-2", "--register", str(register)]) == 0
    assert "1 project verwijderd uit" in capsys.readouterr().out  # the option wins


def test_unknown_language_in_the_environment_is_reported(
        register: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "fr")
    capsys.readouterr()
    assert main(["list", "--register", str(register)]) == 0
    out = capsys.readouterr()
    assert "'fr'" in out.err and "Nederlands" in out.err
    assert "3 projecten in" in out.out


def test_usage_errors_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--metric", "avg"])
    assert "fout: argument --metric: ongeldige keuze: 'avg'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "remove"])
    assert "error: the following arguments are required: ID" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["remove"])
    assert "fout: deze argumenten ontbreken: ID" in capsys.readouterr().err


def test_validate_and_add_headers_follow_the_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "projects.geojson")]) == 0
    assert "OK, 3 project(en) uit 3 object(en)." in capsys.readouterr().out
    assert main(["validate", str(GOOD / "projects.geojson"), "--lang", "en"]) == 0
    assert "OK, 3 project(s) from 3 feature(s)." in capsys.readouterr().out
    bad = Path(__file__).parent / "data" / "bad" / "amount_negative.geojson"
    assert main(["add", str(bad), "--register", str(tmp_path / "r.geojson")]) == 1
    err = capsys.readouterr().err
    assert "1 fout(en) in 1 object(en)" in err and "Er is niets toegevoegd" in err


def _outside(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "utrecht.geojson"
    rows = [{"id": f"u-{i:02d}", "name": f"Utrecht {i}", "theme": "health",
             "amount_eur": 1000 + i} for i in range(n)]
    inside = [{"id": "in-1", "name": "Amsterdam", "theme": "ai", "amount_eur": 5}]
    path.write_text(_fc(rows + inside, [(5.12 + i / 1000, 52.09) for i in range(n)]
                        + [(4.9, 52.37)]), "utf-8")
    return path


def test_build_summarises_long_lists_and_verbose_shows_all(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _outside(tmp_path, 12)
    out = tmp_path / "m.html"
    assert main(["build", "--projects", str(src), "--tiles", "none", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert ("Buiten de MRA (niet meegeteld): 12 projecten, € 12.066 — 'Utrecht 11' (u-11, "
            "€ 1.011; 5,1310; 52,0900)") in text  # largest first: what is not counted
    assert "u-07" in text and "u-06" not in text
    assert "… en nog 7 (--verbose toont ze allemaal)" in text
    assert f"Kaart geschreven naar {out.resolve()}" in text
    assert main(["build", "--projects", str(src), "--tiles", "none", "--out", str(out),
                 "--verbose", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert all(f"u-{i:02d}" in text for i in range(12))
    assert "more" not in text and f"Map written to {out.resolve()}" in text


# ---------------------------------------------------------------- exports
def test_list_xlsx(register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    out = tmp_path / "reg.xlsx"
    assert main(["list", "--register", str(register), "--format", "xlsx", "--out",
                 str(out)]) == 0
    assert "3 projecten uit" in capsys.readouterr().out
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["id", "naam", "thema", "bedrag_eur"]  # the template's columns
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(2, values_only=True)}
    assert rows["a-1"]["bedrag_eur"] == 2_000_000  # a number, not text
    assert rows["a-2"]["bedrag_eur"] == pytest.approx(1250.5)
    assert rows["a-1"]["startjaar"] == 2026
    assert rows["a-3"]["bedrag_eur"] is None
    # text cells: Excel never runs them, so no apostrophe is added
    assert rows["a-2"]["naam"] == "=HYPERLINK(\"http://x\")"
    assert rows["a-2"]["organisatie"] == "@evil" and rows["a-2"]["omschrijving"] == "-1+1"
    name = ws.cell(3, header.index("naam") + 1)
    assert name.value.startswith("=") and name.data_type == "s"
    assert isinstance(rows["a-1"]["lon"], float)
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(header))}4"
    assert ws.cell(2, header.index("bedrag_eur") + 1).number_format == "#,##0"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_list_xlsx_needs_out(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--register", str(register), "--format", "xlsx"]) == 1
    assert "--out" in capsys.readouterr().err


@pytest.mark.parametrize("lang,sep,amount", [("nl", ";", "1250,5"), ("en", ",", "1250.5")])
def test_list_csv(register: Path, tmp_path: Path, lang: str, sep: str, amount: str) -> None:
    out = tmp_path / "reg.csv"
    assert main(["--lang", lang, "list", "--register", str(register), "--format", "csv",
                 "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))
    by_id = {r["id"]: r for r in rows}
    amount_col, name_col, org_col = (("bedrag_eur", "naam", "organisatie") if lang == "nl"
                                     else ("amount_eur", "name", "organisation"))
    assert by_id["a-1"][amount_col] == "2000000" and by_id["a-2"][amount_col] == amount
    assert by_id["a-2"][name_col].startswith("'=") and by_id["a-2"][org_col] == "'@evil"
    assert by_id["a-3"][amount_col] == ""


def test_list_geojson_is_rfc7946(register: Path, tmp_path: Path) -> None:
    import geopandas as gpd

    out = tmp_path / "export.geojson"  # not the register (reg.geojson): that is refused
    assert main(["list", "--register", str(register), "--format", "geojson", "--out",
                 str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert {f["properties"]["id"] for f in doc["features"]} == {"a-1", "a-2", "a-3"}
    back = gpd.read_file(out)
    assert back.crs.to_epsg() == 4326 and back.geometry.x.between(4, 6).all()


def test_list_csv_to_stdout_and_module_entry(register: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mapbuilder", "list", "--register",
                           str(register), "--format", "csv"], capture_output=True,
                          text=True, check=True, env={"PATH": "/usr/bin:/bin"})
    assert proc.stdout.splitlines()[0].startswith("id;naam;thema")


def test_global_lang_reaches_compare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no register: the samples
    for argv in (["--lang", "en", "compare"], ["compare", "--lang", "en"]):
        assert main([*argv, "--format", "md", "--out", "c.md"]) == 0
        text = (tmp_path / "c.md").read_text("utf-8")
        assert "Subregion" in text and "Deelregio" not in text, argv
    assert main(["compare", "--format", "md", "--out", "c.md"]) == 0
    assert "Deelregio" in (tmp_path / "c.md").read_text("utf-8")


def test_help_follows_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    nl = capsys.readouterr().out
    assert nl.startswith("gebruik: transitiekaart list") and "\nopties:\n" in nl
    assert "deze hulp tonen" in nl and "exporteer" in nl
    with pytest.raises(SystemExit):
        main(["--lang", "en", "list", "--help"])
    en = capsys.readouterr().out
    assert en.startswith("usage: transitiekaart list") and "\noptions:\n" in en
    assert "export them" in en


@pytest.mark.parametrize("command", ["build", "compare", "template", "add", "validate", "list",
                                     "remove"])
def test_every_commands_help_is_dutch_by_default_and_english_on_request(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    nl = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "en", command, "--help"])
    en = capsys.readouterr().out
    assert nl.startswith("gebruik:") and en.startswith("usage:")
    assert "standaard" in nl and "default" not in nl.replace("$TRANSITIEKAART", "")
    assert "standaard" not in en


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_list_export_goes_back_in_with_add(tmp_path: Path, fmt: str, lang: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Words, not codes (themes, statuses, the municipality's name, area-wide), and the
    file is read back by add into the same register: points, municipality-placed and
    area-wide projects alike."""
    import pandas as pd

    from geo.register import read_register

    partner = Path(__file__).parent / "data" / "partner" / "excel_brochure_names.xlsx"
    reg, again = tmp_path / "reg.geojson", tmp_path / "again.geojson"
    points = Path(__file__).parent / "data" / "good" / "projects.geojson"
    assert main(["add", str(partner), str(points), "--register", str(reg)]) == 0
    out = tmp_path / f"export.{fmt}"
    assert main(["--lang", lang, "list", "--register", str(reg), "--format", fmt,
                 "--out", str(out)]) == 0
    capsys.readouterr()
    if fmt == "csv":
        text = out.read_text("utf-8-sig")
        assert ("Waterstof" if lang == "nl" else "Hydrogen") in text
        assert "hydrogen" not in text and "GM1942" not in text and "Gooise Meren" in text
    assert main(["add", str(out), "--register", str(again)]) == 0, capsys.readouterr().err
    first, second = (read_register(p).sort_values("id").reset_index(drop=True)
                     for p in (reg, again))
    cols = ["id", "name", "theme", "amount_eur", "status", "start_year", "organisation",
            "place", "place_area"]
    pd.testing.assert_frame_equal(first[cols].astype(object), second[cols].astype(object))
    pts = first.geometry.notna()
    assert pts.any() and (second.geometry.notna() == pts).all()
    a, b = (g[pts].to_crs(28992) for g in (first.geometry, second.geometry))
    assert (a.distance(b) < 0.05).all()  # the same place, to the centimetre


# ---------------------------------------------------------------- argparse's own words
def test_argparse_catalogue_is_compiled_and_its_ids_are_argparses() -> None:
    """The shipped .mo is ARGPARSE_NL compiled; every id is a text argparse passes to gettext
    on this Python (so a changed wording shows here, not as English in a Dutch run); the
    Dutch keeps the id's placeholders."""
    import argparse
    import inspect
    import re

    from mapbuilder.cli.locale import compile_catalogue, mo_path
    from mapbuilder.cli.messages import ARGPARSE_NL

    assert mo_path("nl").read_bytes() == compile_catalogue(ARGPARSE_NL)
    source = inspect.getsource(argparse)
    fields = re.compile(r"%(?:\(\w+\))?[rsd]")
    for msgid, msgstr in ARGPARSE_NL.items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strs = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        assert len(ids) == len(strs), msgid
        for i, s in zip(ids, strs, strict=True):
            assert repr(i) in source or f'"{i}"' in source, f"argparse does not say {i!r}"
            assert sorted(fields.findall(i)) == sorted(fields.findall(s)), (i, s)


@pytest.mark.parametrize(("argv", "nl", "en"), [
    (["list", "--bogus"], "fout: onbekende argumenten: --bogus",
     "error: unrecognized arguments: --bogus"),
    (["build", "--out"], "fout: argument --out: verwacht één waarde",
     "error: argument --out: expected one argument"),
    (["bild"], "fout: argument COMMAND: ongeldige keuze: 'bild' (kies uit",
     "error: argument COMMAND: invalid choice: 'bild' (choose from"),
])
def test_argparse_errors_in_both_languages(argv: list[str], nl: str, en: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert nl in err and "(zie transitiekaart --help)" in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        main(["--lang", "en", *argv])
    err = capsys.readouterr().err
    assert en in err and "(see transitiekaart --help)" in err


def test_gettext_is_left_as_it_was(monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A Dutch run borrows gettext's domain and $LANGUAGE for argparse and gives them back."""
    import gettext
    import os

    monkeypatch.setenv("LANGUAGE", "fr")
    domain = gettext.textdomain()
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert capsys.readouterr().out.startswith("gebruik:")
    assert gettext.textdomain() == domain and os.environ["LANGUAGE"] == "fr"
    monkeypatch.delenv("LANGUAGE")
    with pytest.raises(SystemExit):
        main(["remove"])
    assert "LANGUAGE" not in os.environ


def test_cli_uses_no_private_argparse_internals() -> None:
    import inspect

    from mapbuilder import cli

    source = inspect.getsource(cli)
    for private in ("_get_formatter", "_positionals", "_optionals", "_option_string_actions",
                    "_actions", "argparse._", "re.compile"):
        assert private not in source.replace("argparse._SubParsersAction", ""), private
