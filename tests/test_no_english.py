"""No English sentence reaches a Dutch run (issue 18 item 1, issue 20 item 10).

The command line is run in-process in Dutch (the default language) over every
file of the test corpora (``tests/data/good``, ``tests/data/bad``: the fault
corpus, ``tests/data/partner``, a few hostile workbooks and layer files made
here) and over the bad options and targets the CLI tests use. Everything it
prints is captured and searched for English: English-only function words and
phrases (``the``, ``is not``, ``could not``, ``Use``, ``file`` ...), after what
is rightly left untranslated is taken out (quoted values from the file, paths,
option names, metavariables, codes and ids, environment variables, URLs, file
formats, CRS names and commands). A failure names the command, the file and
the English sentence.
"""

from __future__ import annotations

import errno
import gzip
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest
from filelock import FileLock
from shapely import Point, box

import geo.register
import layers.atomic
from mapbuilder.cli import main
from tests._workbooks import _rows, make_xlsx, sheet_xml
from tests.test_faults import _novex_like as _areas
from tests.test_faults import _two_point_layers as _two_layers

DATA = Path(__file__).parent / "data"
GOOD, BAD, PARTNER = DATA / "good", DATA / "bad", DATA / "partner"


def _corpus(folder: Path) -> list[Path]:
    """The files (and the one folder) of a corpus, without its generator and expectations."""
    return sorted(p for p in folder.iterdir()
                  if not p.name.startswith("_") and p.name != "EXPECTED.json"
                  and p.suffix not in (".dbf", ".shx", ".pyc"))


# ----------------------------------------------------------------- what is English
_ENGLISH = [  # English-only words and phrases (matched as whole words, any case)
    "the", "is not", "are not", "could not", "cannot", "can not", "does not", "do not",
    "must", "should", "unknown", "invalid", "use", "please", "expected", "error", "warning",
    "required", "usage", "traceback", "file", "files", "and", "or",
    "with", "from", "for", "has", "have", "this", "that", "which", "found", "missing", "not",
    "no", "to", "by", "at", "on", "it", "its", "be", "an", "are", "line", "column", "row",
    "rows", "projects", "only", "than", "too", "you", "your", "will",
    "would", "been", "into", "there", "here", "where", "when", "what", "one of", "give",
    "check", "save", "fix", "see", "more", "each", "every", "all", "some", "any", "because",
    "but", "if", "then", "already", "project(s)", "id(s)", "column(s)", "note", "value",
    "values", "expecting",
    "such as", "e.g.",
]
_LOWER = ["feature", "features"]  # English in lower case; "Feature" is GeoJSON's type


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORDS = re.compile(r"(?<!\w)((?i:" + _alternatives(_ENGLISH) + ")|" + _alternatives(_LOWER)
                    + r")(?!\w)")

_UNTRANSLATED = [  # what rightly stays as it is in a Dutch text, taken out before searching
    r"\{[^}\n]*\}", r"\[[^]\n]*\]",                    # {choices}, [options]
    r"'[^'\n]*'", r'"[^"\n]*"', r"‘[^’\n]*’", r"“[^”\n]*”", r"«[^»\n]*»", r"`[^`\n]*`",
    r"https?://\S+",                                  # addresses
    r"\S*[/\\]\S*",                                   # paths, lon/lat, "a / b"
    r"\S+\.(?:geojsonl?|json|csv|xlsx|xls|ods|gpkg|shp|dbf|prj|html|md|txt|bak|lock|png"
    r"|gml|kml|fgb|zip|py|tmp|register)\b",            # file names
    r"(?<!\w)--?[\w-]+(?:=\S+)?",                       # options
    r"\$?\b[A-Z][A-Z0-9_]*[A-Z0-9_]\b",               # metavariables, environment variables
    r"\b[A-Za-z]+:[\w.:-]+",                           # EPSG:28992, OGC:CRS84, GM codes
    r"\b\w*_\w*\b",                                    # field and theme codes (amount_eur)
    r"\b\w*\d\w*\b",                                   # ids, cells, numbers with letters
    r"\bRD New\b", r"\bWGS ?84\b",                     # CRS names
    r"\btransitiekaart (?:build|add|validate|list|remove|compare|template)\b",
]
_STRIP = re.compile("|".join(_UNTRANSLATED))
_KEEP_CAPS = ("NOTE", "ERROR", "WARNING", "FIX", "USAGE")  # English even in capitals


def english(text: str) -> list[tuple[str, str]]:
    """``(line, English word)`` for each printed line with English in it."""
    found = []
    for line in text.splitlines():
        kept = _STRIP.sub(lambda m: m.group(0) if m.group(0).lstrip("$") in _KEEP_CAPS
                          else " ", line)
        hit = _WORDS.search(kept)
        if hit:
            found.append((line.strip(), hit.group(1)))
    return found


def assert_dutch(text: str, command: list[str], path: Path | str = "") -> None:
    leaks = english(text)
    assert not leaks, (f"English in a Dutch run of `transitiekaart {' '.join(command)}` "
                       f"(file {path or '-'}):\n" + "\n".join(
                           f"  [{word}] {line[:300]}" for line, word in leaks[:8]))


# ------------------------------------------------------------ the detector itself
@pytest.mark.parametrize("line", [
    "transitiekaart: fout: Unknown tile provider 'OpenTopMap'. Use osm, none or an "
    "xyzservices name such as OpenTopoMap (937 in all).",
    "data/x.csv: could not be read as CSV (x). Save it as 'CSV UTF-8'.",
    "The project register r.geojson cannot be used: it is not valid JSON",
    "  NOTE 'a' (p-1) has the same name as 'b'",
    "Register r.geojson: 1 added, 0 replaced, 0 already present and unchanged.",
    "fout: Onbekend gebied 'X' for --a/--b.",
    "Expecting value",
    "Kaart written to out/x.html",
    "regel 3 is geen geldige JSON (Expecting property name enclosed in double quotes).",
    "Controleer projectbestanden en noem elk probleem (feature, id/naam, veld,",
])
def test_english_is_found(line: str) -> None:
    assert english(line), line


@pytest.mark.parametrize("line", [
    "transitiekaart: fout: Onbekende achtergrondkaart 'OpenTopMap'. Kies osm, none of de "
    "naam van een xyzservices-aanbieder, bijv. OpenTopoMap.",
    "data/projects.csv: kan niet als CSV worden gelezen (regel 3). Sla het op als "
    "'CSV UTF-8' met de kolommen code en population.",
    "Het projectregister /tmp/the file/r.geojson kan niet worden gebruikt: het 'crs'-lid "
    "{'type': 'name'} is onleesbaar. Schrijf het register als WGS84 (EPSG:4326) zonder 'crs'.",
    "  rij 3, kolom amount_eur: 'the amount' is geen bedrag. Oplossing: --crs EPSG:28992",
    "gebruik: transitiekaart build [-h] [--projects FILE [FILE ...]] [--tiles TILES]",
    "Zet TRANSITIEKAART_MAX_FILE_BYTES hoger; zie https://example.org/the/docs",
    "Kaart geschreven naar output/map.html",
])
def test_dutch_passes(line: str) -> None:
    assert not english(line), english(line)


# ------------------------------------------------------------------ running it
@pytest.fixture
def dutch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A Dutch run (the default) in an empty folder, with no register or language set."""
    for name in ("TRANSITIEKAART_LANG", "TRANSITIEKAART_REGISTER", "LANGUAGE", "LC_ALL",
                 "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What ``transitiekaart ARGV`` prints (stdout and stderr), exit code or usage error alike."""
    try:
        main(argv)
    except SystemExit:
        pass
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text, text[-2000:]
    return text


def _local(path: Path, tmp: Path) -> Path:
    """A copy of ``path`` in ``tmp`` (a shapefile with its parts), so that nothing writes
    beside the corpus."""
    if path.is_dir():
        return path
    for part in path.parent.glob(path.stem + ".*"):
        shutil.copy(part, tmp / part.name)
    return tmp / path.name


def _ids(paths: list[Path]) -> list[str]:
    return [p.parent.name + "/" + p.name for p in paths]


def _validate_add_list(path: Path, dutch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus file through validate, add (twice, into a new register, which is then
    listed) and, as a register, through list and remove."""
    local = _local(path, dutch)
    reg = str(dutch / "r.geojson")
    for argv in (["validate", str(local)],
                 ["validate", str(local), "--verbose"],
                 ["add", str(local), "--register", reg],
                 ["add", str(local), "--register", reg],
                 ["list", "--register", reg],
                 ["list", "--register", str(local)],
                 ["remove", "nope", "--register", str(local)]):
        assert_dutch(run(argv, capsys), argv, path)


# (classes, so that pytest-xdist's --dist loadscope spreads the corpus over its workers)
class TestFaultCorpus:
    @pytest.mark.parametrize("path", _corpus(BAD), ids=_ids(_corpus(BAD)))
    def test_validate_add_and_list_speak_dutch(self, path: Path, dutch: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
        _validate_add_list(path, dutch, capsys)


_READABLE = [*_corpus(GOOD), *_corpus(PARTNER)]


class TestReadableCorpus:
    @pytest.mark.parametrize("path", _READABLE, ids=_ids(_READABLE))
    def test_validate_add_and_list_speak_dutch(self, path: Path, dutch: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
        _validate_add_list(path, dutch, capsys)


class TestBuildAndCompare:
    @pytest.mark.parametrize("path", _READABLE, ids=_ids(_READABLE))
    def test_build_and_compare_speak_dutch(self, path: Path, dutch: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        local = _local(path, dutch)
        for argv in (["build", "--projects", str(local), "--tiles", "none", "--out",
                      str(dutch / "m.html")],
                     ["compare", "--projects", str(local), "--a", "Amsterdam", "--b", "IJmond"]):
            assert_dutch(run(argv, capsys), argv, path)


def test_a_bad_file_in_build_and_compare_speaks_dutch(dutch: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("amount_ambiguous_dot.geojson", "truncated.geojson", "csv_rd_without_crs.csv"):
        for argv in (["build", "--projects", str(BAD / name), "--tiles", "none", "--out",
                      str(dutch / "m.html")],
                     ["compare", "--projects", str(BAD / name)]):
            assert_dutch(run(argv, capsys), argv, BAD / name)


# ------------------------------------------------ hostile workbooks and layer files
_HOSTILE: dict[str, Callable[[Path], object]] = {  # a project file: how to make it
    "xfd.xlsx": lambda p: make_xlsx(p, sheet_xml(
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:XFD1048576")),
    "long_cell.xlsx": lambda p: make_xlsx(p, sheet_xml(_rows(("x" * 40_000, "energy", 4.9,
                                                              52.37)))),
    "hidden_sheet.xlsx": lambda p: make_xlsx(p, second=True, state=' state="hidden"'),
    "many_columns.csv": lambda p: p.write_text("name,theme,lon,lat" + ",x" * 3000 + "\n"
                                               "a,energy,4.9,52.3\n"),
    "utf16.csv": lambda p: p.write_bytes("name,theme\n".encode("utf-16")),
    "gzip.geojson": lambda p: p.write_bytes(gzip.compress(b'{"type": "FeatureCollection"}')),
    "fifo.geojson": lambda p: os.mkfifo(p),
    "dev_zero.csv": lambda p: p.symlink_to("/dev/zero"),
    "loop.geojson": lambda p: p.symlink_to(p),
}


@pytest.mark.parametrize("name", list(_HOSTILE))
def test_hostile_files_are_refused_in_dutch(name: str, dutch: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = dutch / name
    _HOSTILE[name](path)
    for argv in (["validate", str(path)],
                 ["add", str(path), "--register", str(dutch / "r.geojson")],
                 ["list", "--register", str(path)]):
        assert_dutch(run(argv, capsys), argv, path)


_LAYERS: list[tuple[str, str, Callable[[Path], object]]] = [
    ("--population", "pop.csv", lambda p: p.write_text("code,population\nGM0363,1e400\n")),
    ("--population", "pop_cols.csv", lambda p: p.write_text("code,inwoners\nGM0363,5\n")),
    ("--population", "pop_twice.csv", lambda p: p.write_text("code,population\nGM0363,5\n"
                                                             "GM0363,6\n")),
    ("--population", "pop_utf16.csv", lambda p: p.write_bytes("code\n".encode("utf-16"))),
    ("--population", "pop_latin1.csv", lambda p: p.write_bytes(b"code,population\n\xe9,1\n")),
    ("--novex", "two.gpkg", _two_layers),
    ("--novex", "table.csv", lambda p: p.write_text("name,x,y\nRegio Schiphol,4.7,52.3\n")),
    ("--novex", "points.geojson", lambda p: gpd.GeoDataFrame(
        {"name": ["a"]}, geometry=[Point(4.9, 52.37)], crs="EPSG:4326").to_file(p)),
    ("--novex", "geocentric.gpkg", lambda p: _areas(p, "EPSG:4978")),
    ("--novex", "no_name.gpkg", lambda p: gpd.GeoDataFrame(
        {"bron": ["x"]}, geometry=[box(4.7, 52.2, 4.8, 52.3)], crs="EPSG:4326").to_file(p)),
    ("--novex", "differ.gpkg", lambda p: _areas(p, name_nl=["Anders"])),
    ("--novex", "gzip.geojson", lambda p: p.write_bytes(gzip.compress(b"{}"))),
    ("--novex", "folder.gpkg", lambda p: p.mkdir()),
    ("--municipalities", "no_code.gpkg", lambda p: _areas(p)),
    ("--municipalities", "not_mra.gpkg", lambda p: _areas(p, code=["GM9999"])),
    ("--municipalities", "dev_zero.gpkg", lambda p: p.symlink_to("/dev/zero")),
    ("--municipalities", "empty.gpkg", lambda p: p.write_bytes(b"")),
    ("--municipalities", "missing.gpkg", lambda p: None),
    ("--population", "pop_ragged.csv", lambda p: p.write_text("code,population\nGM0363,5\n"
                                                              "GM0363,6,7,8\n")),
    ("--municipalities", "junk.gpkg", lambda p: shutil.copy(BAD / "geopackage_junk.gpkg", p)),
    ("--novex", "cut_off.geojson", lambda p: p.write_text('{"type": "FeatureCollection", '
                                                          '"features": [')),
    ("--population", "pop_no_date.csv", lambda p: p.write_text("code,population\n"
                                                               "GM0363,931298\n")),  # read
]


@pytest.mark.parametrize(("option", "name", "make"), _LAYERS,
                         ids=[f"{o}-{n}" for o, n, _ in _LAYERS])
def test_bad_layer_files_are_refused_in_dutch(option: str, name: str,
                                              make: Callable[[Path], object], dutch: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = dutch / name
    make(path)
    for argv in (["build", option, str(path), "--tiles", "none", "--out", str(dutch / "m.html")],
                 ["compare", option, str(path)]):
        assert_dutch(run(argv, capsys), argv, path)


# ------------------------------------------------------ bad options and targets
_OPTIONS = [  # what the CLI tests give wrongly (tests/test_cli_*.py, test_compare.py, faults)
    ["build", "--tiles", "OpenTopMap", "--out", "m.html"],
    ["compare", "--format", "html", "--tiles", "OpenStreetMapp.Mapnikk"],
    ["build", "--metric", "avg"],
    ["remove"],
    ["list", "--bogus"],
    ["build", "--out"],
    ["bild"],
    ["compare", "--a", "Amsterdm", "--b", "IJmond"],
    ["compare", "--a", "Amsterdam", "--b", "Amsterdam"],
    ["compare", "--a", "Amsterdam", "--b", "Zaanstad"],
    ["compare", "--a", "IJmond"],
    ["compare", "--theme", "kernfusie"],
    ["compare", "--by", "provincie"],
    ["compare", "--format", "html", "--maps", "total", "per_km2"],
    ["compare", "--format", "html", "--maps", "hydrogen", "kernfusie"],
    ["compare", "--format", "pdf"],
    ["list", "--format", "xlsx"],
    ["list"],
    ["list", "--register", "nope.geojson"],
    ["remove", "x", "--register", "nope.geojson"],
    ["add", "nope.geojson"],
    ["add", str(GOOD / "projects.geojson"), "--register", ""],
    ["add", str(GOOD / "projects.geojson"), "--register", "nope/r.geojson"],
    ["add", str(GOOD / "projects.geojson"), "--register", "."],
    ["build", "--register", "", "--tiles", "none"],
    ["build", "--tiles", "none", "--out", "."],
    ["build", "--tiles", "none", "--out", "/dev/null"],
    ["build", "--crs", "EPSG:99999", "--projects", str(GOOD / "projects_rd.csv"),
     "--tiles", "none"],
    ["validate", str(GOOD / "projects_rd.csv"), "--crs", "nonsense"],
    ["validate", str(GOOD / "projects.geojson"), "--sheet", "Blad9"],
    ["validate", "x.geojson", "--register", "r.geojson"],
    ["validate", ""],
    ["template", "--format", "docx"],
    ["--lang", "fr", "list"],
    ["build", "--timings", "/dev/full", "--tiles", "none"],
]


@pytest.mark.parametrize("argv", _OPTIONS, ids=[" ".join(a)[:60] for a in _OPTIONS])
def test_bad_options_are_refused_in_dutch(argv: list[str], dutch: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert_dutch(run(argv, capsys), argv)


def test_template_and_its_refusals_speak_dutch(dutch: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("xlsx", "csv", "geojson"):
        out = dutch / f"sjabloon.{fmt}"
        for argv in (["template", "--format", fmt, "--out", str(out)],
                     ["template", "--format", fmt, "--out", str(out)],  # exists: refused
                     ["validate", str(out)]):
            assert_dutch(run(argv, capsys), argv, out)


def test_help_speaks_dutch(dutch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["build"], ["add"], ["validate"], ["list"], ["remove"], ["compare"],
                    ["template"]):
        argv = [*command, "--help"]
        assert_dutch(run(argv, capsys), argv)


# ------------------------------------------- the detector sees English where it is
_SAMPLE = [*_OPTIONS[:12], *(["validate", str(BAD / name)] for name in (
    "amount_ambiguous_dot.geojson", "truncated.geojson", "csv_rd_without_crs.csv",
    "empty_0_bytes.geojson", "xlsx_encrypted.xlsx", "theme_unknown.geojson")),
    ["list", "--register", str(BAD / "json_array.geojson")],
    ["list", "--register", str(BAD / "latin1_encoding.geojson")]]


@pytest.mark.parametrize("argv", _SAMPLE, ids=[" ".join(a)[-60:] for a in _SAMPLE])
def test_the_same_runs_in_english_are_found(argv: list[str], dutch: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The word list is not blind to these outputs: in English, each is caught."""
    text = run(["--lang", "en", *argv], capsys)
    assert english(text), text


def test_a_register_changed_step_by_step_speaks_dutch(dutch: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A register changed as a partner does: a sheet, its corrected version (refused, then
    replaced with --update), duplicates, a removal, and a second command waiting for the lock."""
    reg = str(dutch / "r.geojson")
    v1, v2 = _local(PARTNER / "moved_v1.csv", dutch), _local(PARTNER / "moved_v2.csv", dutch)
    steps = [["add", str(v1), "--register", reg],
             ["add", str(v2), "--register", reg],
             ["add", str(v2), "--register", reg, "--update"],
             ["add", str(v2), "--register", reg, "--allow-duplicates"],
             ["add", str(GOOD / "projects.geojson"), str(GOOD / "projects.geojson"),
              "--register", reg],
             ["list", "--register", reg, "--verbose"],
             ["remove", "nope", "--register", reg]]
    for argv in steps:
        assert_dutch(run(argv, capsys), argv, argv[1])
    ids = [line.split()[0] for line in run(["list", "--register", reg], capsys).splitlines()[2:]
           if line.strip()]
    argv = ["remove", ids[0], "--register", reg]
    assert_dutch(run(argv, capsys), argv)
    monkeypatch.setattr(geo.register, "LOCK_TIMEOUT_S", 0.05)
    with FileLock(reg + ".lock"):  # another command holds the register
        argv = ["remove", ids[1], "--register", reg]
        text = run(argv, capsys)
    assert ".lock" in text  # the message that names the lock, in Dutch
    assert_dutch(text, argv)


@pytest.mark.parametrize("fault", [errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                                   errno.EIO])
def test_write_faults_are_told_in_dutch(fault: int, dutch: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk, a quota, a read-only disk, no permission or an I/O error while writing the
    map, the comparison or the register; and targets that are read-only."""
    read_only = dutch / "alleen_lezen.html"
    read_only.write_text("oud")
    read_only.chmod(0o444)
    reg = dutch / "r.geojson"
    shutil.copy(GOOD / "projects.geojson", reg)
    reg.chmod(0o444)
    for argv in (["build", "--tiles", "none", "--out", str(read_only)],
                 ["add", str(GOOD / "projects.geojsonl"), "--register", str(reg)]):
        text = run(argv, capsys)
        assert str(read_only if argv[0] == "build" else reg) in text
        assert_dutch(text, argv)

    def fail(*args: object, **kwargs: object) -> str:
        raise OSError(fault, os.strerror(fault))

    monkeypatch.setattr(layers.atomic, "write_temp", fail)
    reg.chmod(0o644)
    for argv in (["build", "--tiles", "none", "--out", str(dutch / "m.html")],
                 ["compare", "--format", "md", "--out", str(dutch / "c.md")],
                 ["add", str(GOOD / "projects.geojsonl"), "--register", str(reg)]):
        text = run(argv, capsys)
        assert errno.errorcode[fault] in text  # the write was tried and its failure told
        assert_dutch(text, argv)
