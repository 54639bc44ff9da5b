"""The add/validate/list/remove commands: messages, exit codes, nothing lost."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mapbuilder.cli import main
from mapbuilder.points import decode_payload

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
EXPECTED: dict[str, dict] = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording; tests/test_cli_lang.py checks the Dutch."""
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")


def test_corpus_is_big_enough() -> None:
    assert len(EXPECTED) >= 40
    on_disk = {p.name for p in BAD.iterdir()
               if p.suffix not in (".py", ".dbf", ".shx") and p.name != "EXPECTED.json"}
    assert on_disk == set(EXPECTED)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages; Dutch is the default (tests of geo.validate)."""
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")


@pytest.fixture
def register(tmp_path: Path) -> Path:
    reg = tmp_path / "projects.geojson"
    assert main(["add", str(GOOD / "projects.geojson"), "--register", str(reg)]) == 0
    return reg


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_and_register_unchanged(
        name: str, register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = register.read_bytes()
    backup = Path(str(register) + ".bak")
    backup_before = backup.read_bytes() if backup.exists() else None
    capsys.readouterr()
    code = main(["add", str(BAD / name), str(GOOD / "projects.geojsonl"),
                 "--register", str(register)])
    out = capsys.readouterr()
    message = out.out + out.err
    assert code == EXPECTED[name]["exit"]
    assert name in message  # names the file
    for fragment in EXPECTED[name]["fragments"]:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert "Traceback" not in message
    assert "Nothing was added" in message
    assert register.read_bytes() == before
    assert (backup.read_bytes() if backup.exists() else None) == backup_before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_exit_codes_of_the_corpus(name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BAD / name)]) == EXPECTED[name]["exit"]
    assert "Traceback" not in capsys.readouterr().out


def test_validate_good_file_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "projects.geojson")]) == 0
    assert "OK, 3 project(s)" in capsys.readouterr().out
    assert main(["validate", str(BAD / "amount_negative.geojson"), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False and doc["problems"][0]["field"] == "amount_eur"
    assert main(["validate", str(DATA / "missing.geojson"), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["readable"] is False


def test_missing_file_is_refused(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = register.read_bytes()
    assert main(["add", str(register.parent / "nope.geojson"), "--register",
                 str(register)]) == 2
    assert "not found" in capsys.readouterr().err
    assert register.read_bytes() == before


def test_help_says_where_the_register_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRANSITIEKAART_REGISTER", str(tmp_path / "mijn_register.geojson"))
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    out = re.sub(r"\s+", "", capsys.readouterr().out)  # argparse wraps long paths
    assert str(tmp_path / "mijn_register.geojson").replace(" ", "") in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "mijn_register.geojson" in re.sub(r"\s+", "", capsys.readouterr().out)


def test_env_var_and_list_and_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "env_register.geojson"
    monkeypatch.setenv("TRANSITIEKAART_REGISTER", str(reg))
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    assert main(["list"]) == 1  # a named register that is missing is an error
    assert "(from $TRANSITIEKAART_REGISTER) does not exist" in capsys.readouterr().err
    assert main(["add", str(GOOD / "with_notes.geojson")]) == 0
    out = capsys.readouterr().out
    assert "6 added" in out and "outside the MRA" in out
    assert main(["list"]) == 0
    listing = capsys.readouterr().out
    assert "6 projects in" in listing and "Utrechts project" in listing
    assert main(["remove", "n-1", "nope"]) == 1
    assert "'nope'" in capsys.readouterr().err
    assert main(["remove", "n-1"]) == 0
    assert "Removed 1 project from" in capsys.readouterr().out
    assert main(["list", "--format", "json"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert len(ids) == 5 and "n-1" not in ids


def test_update_flag(register: Path, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    changed = tmp_path / "changed.geojson"
    doc = json.loads((GOOD / "projects.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["amount_eur"] = 999
    changed.write_text(json.dumps(doc), encoding="utf-8")
    before = register.read_bytes()
    assert main(["add", str(changed), "--register", str(register)]) == 1
    assert "--update" in capsys.readouterr().err
    assert register.read_bytes() == before
    assert main(["add", str(changed), "--register", str(register), "--update"]) == 0
    assert "1 replaced" in capsys.readouterr().out


def test_build_uses_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "projects.geojson"
    shutil.copy(GOOD / "projects_rd.csv", tmp_path / "rd.csv")
    assert main(["add", str(GOOD / "projects.geojson"), str(GOOD / "hostile_names.geojson"),
                 str(tmp_path / "rd.csv"), "--crs", "EPSG:28992", "--register",
                 str(reg)]) == 1  # --crs holds for every file: the lon/lat ones are refused
    assert "--crs gives EPSG:28992 (metres)" in capsys.readouterr().err
    assert not reg.exists()
    assert main(["add", str(GOOD / "projects.geojson"), str(GOOD / "hostile_names.geojson"),
                 "--register", str(reg)]) == 0
    assert main(["add", str(tmp_path / "rd.csv"), "--crs", "EPSG:28992", "--register",
                 str(reg)]) == 0
    capsys.readouterr()
    out_html = tmp_path / "map.html"
    assert main(["build", "--register", str(reg), "--out", str(out_html)]) == 0
    summary = capsys.readouterr().out
    rows = {line.split("  ")[0].strip(): line.split() for line in summary.splitlines()}
    assert rows["Almere-Lelystad"][1] == "2"  # gj-2 and the RD csv project
    assert rows["Zuid-Kennemerland"][1] == "1"
    html = out_html.read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" not in html  # never as markup in the page
    block = re.search(r'id="tk-points-data">\s*([A-Za-z0-9+/=]+)\s*</script>', html)
    names = decode_payload(block.group(1))["name"]  # the text, shown with textContent
    assert any("Emoji" in n for n in names)
    assert any("<script>alert('x')</script>" in n for n in names)
