"""The add/validate/list/remove commands: messages, exit codes, nothing lost."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mapbuilder.cli import main
from mapbuilder.mappage.points import decode_payload

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


@pytest.fixture
def register_with_bak(register: Path, tmp_path: Path) -> Path:
    """The register changed a second time, so that it has a .bak to keep unchanged."""
    second = tmp_path / "second.geojson"
    second.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "s-1", "name": "Tweede", "theme": "ai"},
         "geometry": {"type": "Point", "coordinates": [4.8, 52.4]}}]}))
    assert main(["add", str(second), "--register", str(register)]) == 0
    return register


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_and_register_unchanged(
        name: str, register_with_bak: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = register_with_bak
    before = register.read_bytes()
    backup = Path(str(register) + ".bak")
    backup_before = backup.read_bytes()
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
    assert backup.read_bytes() == backup_before


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


# ------------------------------------ project files the readers refuse (tests/test_faults.py)
from tests.test_faults import BAD_PROJECT_FILES, _cli  # noqa: E402


def _state(reg: Path) -> tuple[bytes, bytes | None, list[str]]:
    bak = reg.with_name(reg.name + ".bak")
    return (reg.read_bytes(), bak.read_bytes() if bak.exists() else None,
            sorted(p.name for p in reg.parent.iterdir() if not p.name.endswith(".lock")))


@pytest.mark.parametrize("command", ["validate", "add"])
@pytest.mark.parametrize("name,text,nl,en", BAD_PROJECT_FILES,
                         ids=[c[0] for c in BAD_PROJECT_FILES])
def test_refused_project_file_through_the_cli(
        tmp_path: Path, register: Path, capsys: pytest.CaptureFixture[str], command: str,
        name: str, text: str, nl: tuple[str, ...], en: tuple[str, ...]) -> None:
    """validate and add print the message (no traceback), exit non-zero, register unchanged."""
    path = tmp_path / "in" / name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    before = _state(register)
    capsys.readouterr()
    argv = ["validate", str(path)] if command == "validate" else \
        ["add", str(path), "--register", str(register)]
    code = main(argv)
    out = capsys.readouterr()
    message = out.out + out.err
    assert code != 0
    assert str(path) in message
    for fragment in en:
        assert fragment in message, (fragment, message[:600])
    assert "Traceback" not in message and "bug in transitiekaart" not in message
    assert _state(register) == before
    if command == "add":
        assert f"Nothing was added; the register {register} is unchanged" in out.err


@pytest.mark.slow
def test_refused_project_files_in_a_real_process(tmp_path: Path, register: Path) -> None:
    """All eight at once, as a person runs them: Dutch by default, no traceback."""
    paths = []
    for name, text, _, _ in BAD_PROJECT_FILES:
        paths.append(tmp_path / "in" / name)
        paths[-1].parent.mkdir(exist_ok=True)
        paths[-1].write_text(text, encoding="utf-8")
    before = _state(register)
    for argv in (["validate", *map(str, paths)],
                 ["add", *map(str, paths), "--register", str(register)]):
        proc = _cli(tmp_path, "--lang", "nl", *argv)
        output = proc.stdout + proc.stderr
        assert proc.returncode != 0 and "Traceback" not in output, output[-2000:]
        for path, (_, _, nl, _) in zip(paths, BAD_PROJECT_FILES, strict=True):
            assert str(path) in output
            assert all(fragment in output for fragment in nl), (path, nl)
        assert "fout in transitiekaart" not in output
    assert _state(register) == before


# --------------------------------------------------- list: projects placed without geometry
@pytest.fixture
def placed_register(tmp_path: Path) -> Path:
    sheet = tmp_path / "placed.csv"
    sheet.write_text("id,naam,thema,gemeente,deelregio,lon,lat\n"
                     "p1,Zaans project,ai,Zaanstad,,,\n"
                     "p2,IJmond breed,ai,,IJmond,,\n"
                     "p3,Punt,ai,,,4.9,52.37\n"
                     "p4,Heel de regio,ai,,MRA-breed,,\n", encoding="utf-8")
    reg = tmp_path / "placed.geojson"
    assert main(["add", str(sheet), "--register", str(reg)]) == 0
    return reg


@pytest.mark.parametrize("lang,places", [
    ("nl", ["gemeente Zaanstad", "regiobreed: IJmond", "", "MRA-breed"]),
    ("en", ["municipality Zaanstad", "area-wide: IJmond", "", "MRA-wide"])])
def test_list_shows_the_place_instead_of_nan(placed_register: Path, lang: str,
                                             places: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--lang", lang, "list", "--register", str(placed_register)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the headers in the run's language (issue 20); the themes as words
    assert lines[1].split() == (["id", "thema", "naam", "bedrag_eur", "lon", "lat", "plaats"]
                                if lang == "nl" else
                                ["id", "theme", "name", "amount_eur", "lon", "lat", "place"])
    assert "smart_energy" not in "\n".join(lines) and "_" not in "".join(lines[2:])
    rows = {line.split()[0]: line for line in lines[2:]}
    for pid, place in zip(["p1", "p2", "p3", "p4"], places, strict=True):
        assert rows[pid].rstrip().endswith(place)
        assert "nan" not in rows[pid].lower() and "–" not in rows[pid]
    point = "4,90000 52,37000" if lang == "nl" else "4.90000 52.37000"
    assert point in rows["p3"] and "52" not in rows["p1"]
    assert main(["--lang", lang, "list", "--register", str(placed_register),
                 "--format", "json"]) == 0
    records = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["p1"]["lon"] is None and records["p1"]["lat"] is None
    assert [records[p]["place"] for p in ("p1", "p2", "p3", "p4")] == places


def test_list_of_points_only_has_no_place_column(register: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "--register", str(register)]) == 0
    assert "place" not in capsys.readouterr().out.splitlines()[1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_exports_keep_lon_lat_empty_without_geometry(placed_register: Path, tmp_path: Path,
                                                     lang: str) -> None:
    import csv

    import openpyxl

    out = tmp_path / "list.csv"
    assert main(["--lang", lang, "list", "--register", str(placed_register), "--format", "csv",
                 "--out", str(out)]) == 0
    sep = ";" if lang == "nl" else ","
    rows = {r["id"]: r for r in csv.DictReader(out.read_text(encoding="utf-8-sig")
                                               .splitlines(), delimiter=sep)}
    for pid in ("p1", "p2", "p4"):
        assert (rows[pid]["lon"], rows[pid]["lat"]) == ("", "")
    mun, sub = ("gemeente", "deelregio") if lang == "nl" else ("municipality", "subregion")
    assert (rows["p1"][mun], rows["p2"][sub]) == ("Zaanstad", "IJmond")  # names, not codes
    assert rows["p4"][sub] == ("MRA-breed" if lang == "nl" else "MRA-wide")
    assert rows["p3"][mun] == rows["p3"][sub] == ""
    assert rows["p3"]["lon"] == ("4,9" if lang == "nl" else "4.9")
    xlsx = tmp_path / "list.xlsx"
    assert main(["--lang", lang, "list", "--register", str(placed_register), "--format",
                 "xlsx", "--out", str(xlsx)]) == 0
    book = openpyxl.load_workbook(xlsx, read_only=True)
    table = [list(r) for r in book.active.iter_rows(values_only=True)]
    book.close()
    head = table[0]
    by_id = {r[head.index("id")]: r for r in table[1:]}
    for pid in ("p1", "p2", "p4"):
        assert by_id[pid][head.index("lon")] is None and by_id[pid][head.index("lat")] is None
    assert by_id["p3"][head.index("lon")] == pytest.approx(4.9)
