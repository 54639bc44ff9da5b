"""The ``build`` command: one command, a map and a summary; one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mapbuilder.cli import main


def test_build_writes_map_and_prints_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no register here: the samples are used
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--out", str(out), "--metric", "per_inhabitant"]) == 0
    text = capsys.readouterr().out
    assert out.is_file() and out.stat().st_size > 50_000
    for name in ("Almere-Lelystad", "Amsterdam", "Zuid-Kennemerland", "MRA totaal",
                 "€ 543.480.000", "VOORBEELDDATA", "peildatum"):
        assert name in text
    assert str(out.resolve()) in text
    assert not list(out.parent.glob(".*.tmp"))  # atomic write left no temp file


def test_build_english(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--lang", "en", "--out", str(tmp_path / "m.html")]) == 0
    text = capsys.readouterr().out
    assert "Investment per inhabitant" in text and "€543,480,000" in text


@pytest.mark.parametrize("argv,fragment", [
    (["build", "--metric", "avg"], "invalid choice: 'avg'"),
    (["build", "--lang", "fr"], "invalid choice: 'fr'"),
    (["build", "--projects", "missing.geojson"], "missing.geojson: file not found"),
    (["build", "--municipalities", "nope.gpkg"], "nope.gpkg: does not exist"),
    (["build", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_wrong_option_or_missing_file_one_line(tmp_path, argv, fragment):

    proc = subprocess.run([sys.executable, "-m", "mapbuilder", *argv, "--out",
                           str(tmp_path / "m.html")], capture_output=True, text=True,
                          cwd=tmp_path, check=False,
                          env={**os.environ, "TRANSITIEKAART_LANG": "en"})
    assert proc.returncode != 0
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.html").exists()


def test_console_script_and_module_agree(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mapbuilder", "--help"],
                          capture_output=True, text=True, check=True)
    assert "build" in proc.stdout


def test_written_files_are_readable_by_others_like_any_new_file(tmp_path):
    import stat

    from layers.atomic import atomic_write_text

    old = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "new.html", "x")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600
        path.chmod(0o640)
        atomic_write_text(path, "y")  # replacing keeps the owner's choice
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert path.read_text() == "y"
    finally:
        os.umask(old)


def test_build_reads_rd_csv_with_crs(tmp_path, capsys):
    csv = tmp_path / "rd.csv"
    csv.write_text("name,theme,amount_eur,x,y\nRD project,waterstof,1000000,121000,487000\n")
    assert main(["build", "--projects", str(csv), "--crs", "EPSG:28992",
                 "--out", str(tmp_path / "m.html")]) == 0
    out = capsys.readouterr().out
    ams = next(line for line in out.splitlines() if line.startswith("Amsterdam"))
    assert ams.split()[1] == "1" and "€ 1.000.000" in ams
    assert "VOORBEELDDATA" not in out
    assert main(["build", "--projects", str(csv), "--out", str(tmp_path / "n.html")]) == 1
    assert "--crs EPSG:28992" in capsys.readouterr().err


def test_version_is_the_installed_packages(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"transitiekaart {version('transitiekaart')}\n"
    import geo

    assert geo.__version__ == version("transitiekaart")
    with pytest.raises(AttributeError):
        geo.no_such_name  # noqa: B018
