"""Fault injection: full disks, no permission, read-only disks, odd targets and bad inputs.

Every case asserts the message a person reads (the file, the reason, the fix; no
traceback, no internal temporary file) and that the register and its ``.bak``
are byte-for-byte unchanged. Write faults are injected by patching the system
calls the atomic write makes, and on a real 64 KB tmpfs where it can be mounted.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import Point, box

import layers.atomic
from geo.register import add_to_register, remove_from_register
from geo.validate import validate_file
from layers.atomic import atomic_write_text
from layers.errors import InputFileError, TransitiekaartError
from layers.lang import use_lang
from mapbuilder.cli import main

ROOT = Path(__file__).parents[1]
GOOD = Path(__file__).parent / "data" / "good"


def _fc(*rows: tuple[str, str, str, float, float]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i, "name": n, "theme": t},
         "geometry": {"type": "Point", "coordinates": [x, y]}} for i, n, t, x, y in rows]})


class _Snapshot:
    """The bytes of the register, its .bak and the folder's file names, to compare later."""

    def __init__(self, reg: Path) -> None:
        self.reg = reg
        self.bak = reg.with_name(reg.name + ".bak")
        self.state = self._now()

    def _now(self) -> tuple[bytes | None, bytes | None, list[str]]:
        def read(p: Path) -> bytes | None:
            return p.read_bytes() if p.exists() else None

        names = sorted(p.name for p in self.reg.parent.iterdir() if not p.name.endswith(".lock"))
        return read(self.reg), read(self.bak), names

    def unchanged(self) -> bool:
        return self._now() == self.state


@pytest.fixture
def register(tmp_path: Path) -> Path:
    """A register changed twice, so that it has a .bak."""
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    return reg


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    path = tmp_path / "new.geojson"
    path.write_text(_fc(("f-1", "Nieuw project", "ai", 4.9, 52.37)))
    return path


def _patch(monkeypatch: pytest.MonkeyPatch, obj: object, name: str, exc: OSError,
           when: Callable[..., bool] = lambda *a: True) -> None:
    real = getattr(obj, name)

    def fake(*args: object, **kwargs: object) -> object:
        if when(*args):
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, fake)


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fh: object) -> None:
        self._fh = fh

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()  # type: ignore[attr-defined]

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> object:
        return getattr(self._fh, name)


# ------------------------------------------------------------ write faults (patched)
@pytest.mark.parametrize("where", ["register", "bak"])
def test_full_disk_while_writing_leaves_register_and_bak(
        register: Path, new_project: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    snap = _Snapshot(register)
    real_fdopen = os.fdopen
    prefix = f".{register.name}.bak." if where == "bak" else f".{register.name}."

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        fh = real_fdopen(fd, *args, **kwargs)
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
        if Path(name).name.startswith(prefix) and (where == "bak" or ".bak." not in name):
            return _FullDisk(fh)
        return fh

    monkeypatch.setattr(layers.atomic.os, "fdopen", fdopen)
    with use_lang("en"), pytest.raises(TransitiekaartError) as err:
        add_to_register(register, [new_project])
    msg = str(err.value)
    assert f"Could not write project register {register}: the disk is full" in msg
    assert "Free some space" in msg and ".tmp" not in msg
    assert snap.unchanged()


@pytest.mark.parametrize("code,fragment", [
    (errno.EACCES, "no permission to write in the folder"),
    (errno.EROFS, "the disk or folder is read-only"),
    (errno.ENOSPC, "the disk is full"),
])
def test_replace_fails(register: Path, new_project: Path, monkeypatch: pytest.MonkeyPatch,
                       code: int, fragment: str) -> None:
    snap = _Snapshot(register)
    _patch(monkeypatch, layers.atomic.os, "replace", OSError(code, os.strerror(code)),
           when=lambda src, dst: Path(dst) == register.resolve())
    with use_lang("en"), pytest.raises(TransitiekaartError, match=fragment) as err:
        remove_from_register(register, ["gj-1"])
    assert str(register) in str(err.value) and ".tmp" not in str(err.value)
    assert snap.unchanged()
    with pytest.raises(TransitiekaartError, match=str(register)):  # Dutch by default
        add_to_register(register, [new_project])
    assert snap.unchanged()


@pytest.mark.parametrize("code,fragment", [
    (errno.EROFS, "de schijf of map is alleen-lezen"),
    (errno.EACCES, "geen schrijfrecht in de map"),
])
def test_temp_file_cannot_be_created(register: Path, new_project: Path,
                                     monkeypatch: pytest.MonkeyPatch, code: int,
                                     fragment: str) -> None:
    snap = _Snapshot(register)
    _patch(monkeypatch, layers.atomic.tempfile, "mkstemp", OSError(code, os.strerror(code)))
    with pytest.raises(TransitiekaartError, match=fragment) as err:
        add_to_register(register, [new_project])
    assert f"Kon projectregister {register} niet schrijven" in str(err.value)
    assert snap.unchanged()


def test_lock_that_cannot_be_opened_names_the_file_and_the_fix(
        register: Path, new_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import filelock

    snap = _Snapshot(register)
    lock = register.with_name(register.name + ".lock")
    _patch(monkeypatch, filelock.FileLock, "acquire",
           PermissionError(errno.EACCES, "Permission denied", str(lock)))
    with use_lang("en"), pytest.raises(InputFileError) as err:
        add_to_register(register, [new_project])
    assert f"lock file {lock} cannot be created or opened" in str(err.value)
    assert f"chmod g+w {lock}" in str(err.value)
    assert snap.unchanged()


# ------------------------------------------------------------ a real tiny disk
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs (needs root and mount); skipped where it cannot be mounted."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if not shutil.which("mount") or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
            capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False)


def test_full_tmpfs(tiny_disk: Path, new_project: Path) -> None:
    reg = tiny_disk / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        with pytest.raises(OSError) as full:
            for size in (4096, 1) * 10_000:
                while True:
                    os.write(fd, b"x" * size)
        assert full.value.errno == errno.ENOSPC
    finally:
        os.close(fd)
    snap = _Snapshot(reg)
    with use_lang("en"), pytest.raises(TransitiekaartError) as err:
        add_to_register(reg, [new_project])
    assert f"Could not write project register {reg}: the disk is full" in str(err.value)
    assert snap.unchanged()
    with use_lang("en"), pytest.raises(TransitiekaartError, match="the disk is full") as err:
        atomic_write_text(tiny_disk / "map.html", "x" * 100_000)
    assert "map.html" in str(err.value) and ".tmp" not in str(err.value)
    assert not (tiny_disk / "map.html").exists()
    assert not list(tiny_disk.glob(".*.tmp"))  # no half-written temporary file is left


def test_read_only_tmpfs(tiny_disk: Path, new_project: Path) -> None:
    reg = tiny_disk / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    snap = _Snapshot(reg)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with use_lang("en"), pytest.raises(TransitiekaartError) as err:
        add_to_register(reg, [new_project])
    assert f"{reg}: lies on a read-only disk" in str(err.value)
    assert snap.unchanged()
    with use_lang("en"), pytest.raises(TransitiekaartError) as err:  # a new file there
        atomic_write_text(tiny_disk / "map.html", "<html></html>")
    assert "the disk or folder is read-only" in str(err.value) and "map.html" in str(err.value)


# ------------------------------------------------------------ real targets
def test_symlinked_register_updates_the_file_it_points_to(tmp_path: Path,
                                                         new_project: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "register.geojson"
    add_to_register(real, [GOOD / "projects.geojson"])
    link = tmp_path / "projects.geojson"
    link.symlink_to(real)
    assert main(["add", str(new_project), "--register", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real
    ids = [f["id"] for f in json.loads(real.read_text())["features"]]
    assert ids == ["gj-1", "gj-2", "gj-3", "f-1"]
    assert (shared / "register.geojson.bak").exists()  # beside the real file
    assert not (tmp_path / "projects.geojson.bak").exists()
    assert main(["remove", "f-1", "--register", str(link)]) == 0
    assert link.is_symlink() and "f-1" not in real.read_text()


def test_mode_and_group_are_kept_for_register_bak_and_lock(tmp_path: Path,
                                                          new_project: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    (tmp_path / "projects.geojson.lock").unlink(missing_ok=True)
    os.chmod(reg, 0o664)
    gid = 4242 if os.geteuid() == 0 else os.getgid()
    os.chown(reg, -1, gid)
    old_umask = os.umask(0o077)  # a strict umask must not make the lock private
    try:
        add_to_register(reg, [new_project])
    finally:
        os.umask(old_umask)
    for p in (reg, tmp_path / "projects.geojson.bak", tmp_path / "projects.geojson.lock"):
        st = p.stat()
        assert stat.S_IMODE(st.st_mode) == 0o664, p
        assert st.st_gid == gid, p


def test_read_only_register_is_refused(register: Path, new_project: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    os.chmod(register, 0o444)
    snap = _Snapshot(register)
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    assert main(["add", str(new_project), "--register", str(register)]) == 1
    err = capsys.readouterr().err
    assert f"{register}: is read-only (mode 0444)" in err and "chmod u+w" in err
    assert main(["remove", "gj-1", "--register", str(register)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert snap.unchanged() and stat.S_IMODE(register.stat().st_mode) == 0o444
    assert main(["list", "--register", str(register)]) == 0  # reading is fine


def _cli(tmp_path: Path, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRANSITIEKAART_LANG": "en"}
    env.pop("TRANSITIEKAART_REGISTER", None)
    return subprocess.run([sys.executable, "-m", "mapbuilder", *argv], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=timeout, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
def test_fifo_or_dev_zero_register_does_not_hang(tmp_path: Path, new_project: Path,
                                                 kind: str) -> None:
    reg = tmp_path / "projects.geojson"
    if kind == "fifo":
        os.mkfifo(reg)
        what = "a named pipe (FIFO)"
    else:
        reg.symlink_to("/dev/zero")
        what = "a device file"
    for argv in (["list"], ["add", str(new_project)], ["remove", "x"], ["build"],
                 ["compare"]):
        proc = _cli(tmp_path, *argv, "--register", str(reg))  # within the timeout
        assert proc.returncode == 1, (argv, proc.stderr)
        assert what in proc.stderr and str(reg.name) in proc.stderr, argv
        assert "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(os.lstat(reg).st_mode) if kind == "fifo" else reg.is_symlink()


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_out_refuses_devices_fifos_and_directories(tmp_path: Path, kind: str,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    target = {"device": Path("/dev/full"), "fifo": tmp_path / "out.fifo",
              "directory": tmp_path / "out"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    before = os.lstat(target)
    for argv in (["build", "--tiles", "none"], ["compare", "--format", "csv"]):
        assert main([*argv, "--out", str(target)]) == 1
        err = capsys.readouterr().err
        assert f"{target}: is {'a device file' if kind == 'device' else ''}" in err
        assert "not a regular file; it is not overwritten" in err and ".tmp" not in err
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    if kind == "directory":
        assert list(target.iterdir()) == []


def test_out_follows_symlinks_and_refuses_read_only(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    real = tmp_path / "reports" / "table.csv"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "table.csv"
    link.symlink_to(real)
    assert main(["compare", "--format", "csv", "--out", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith(
        ("#", "key", "code", "'", "\""))
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    os.chmod(real, 0o444)
    capsys.readouterr()
    assert main(["compare", "--format", "csv", "--out", str(link)]) == 1
    err = capsys.readouterr().err
    assert "is read-only (mode 0444)" in err and str(real) in err


# ------------------------------------------------------------ a mistyped register
@pytest.mark.parametrize("command", [["build", "--tiles", "none"], ["compare"], ["list"],
                                     ["remove", "gj-1"]])
@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_mistyped_register_is_an_error_not_the_samples(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: list[str], how: str, kind: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    reg = tmp_path / ("projcts.geojson" if kind == "missing" else "registers")
    if kind == "directory":
        reg.mkdir()
    argv = [*command, "--out", str(tmp_path / "o.html")] if command[0] == "build" else command
    if how == "option":
        argv = [*argv, "--register", str(reg)]
    else:
        monkeypatch.setenv("TRANSITIEKAART_REGISTER", str(reg))
    assert main(argv) == 1
    err = capsys.readouterr().err
    expected = "does not exist" if kind == "missing" else "is a directory, not a file"
    assert expected in err and str(reg) in err
    assert not (tmp_path / "o.html").exists()


def test_add_refuses_a_register_in_a_missing_folder_or_a_directory(
        tmp_path: Path, new_project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    assert main(["add", str(new_project), "--register", str(tmp_path / "nope" / "r.geojson")]) \
        == 1
    assert f"the folder {tmp_path / 'nope'} does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()
    assert main(["add", str(new_project), "--register", str(tmp_path)]) == 1
    assert "is a directory, not a file" in capsys.readouterr().err
    assert main(["add", str(new_project), "--register", str(tmp_path / "new.register")]) == 0
    assert (tmp_path / "new.register").exists()  # a new register may be created


def test_empty_register_name_is_a_message(tmp_path: Path, new_project: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["add", str(new_project)], ["list"], ["remove", "x"],
                 ["build", "--tiles", "none"]):
        assert main([*argv, "--register", ""]) == 1
        err = capsys.readouterr().err
        assert "--register geeft geen bestandsnaam (een lege naam)" in err, argv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.geojson"]


# ------------------------------------------------------------ layer files: messages
def _two_point_layers(path: Path) -> None:
    pts = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(4.9, 52.37)], crs="EPSG:4326")
    pts.to_file(path, layer="one", driver="GPKG")
    pts.to_file(path, layer="two", driver="GPKG")


def _novex_like(path: Path, crs: str = "EPSG:28992", **kw: object) -> None:
    gpd.GeoDataFrame({"name": ["Regio Schiphol"], **kw},
                     geometry=[box(100_000, 470_000, 120_000, 490_000)],
                     crs="EPSG:28992").to_crs(crs).to_file(path)


def _sparse_gigabyte(path: Path) -> None:
    """1 GiB of NUL bytes that take no disk space (refused before it is read whole)."""
    with open(path, "wb") as fh:
        fh.truncate(1 << 30)


@pytest.mark.parametrize("option,make,fragment", [
    ("--population", lambda p: p.write_text("code,population\nGM0363,1e400\n"),
     "population must be a whole number from 0 to 10,000,000 (row 2: GM0363 = '1e400')"),
    ("--novex", _two_point_layers, "holds 2 layers ('one', 'two')"),
    ("--novex", lambda p: p.write_text("name,x,y\nRegio Schiphol,4.7,52.3\n"),
     "holds no geometries (a table?)"),
    ("--novex", lambda p: gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(4.9, 52.37)],
                                           crs="EPSG:4326").to_file(p),
     "holds Point geometries; the NOVEX areas must be areas (polygons)"),
    ("--novex", lambda p: _novex_like(p, "EPSG:4978"), "EPSG:4978 is not a map of the Earth"),
    ("--municipalities", lambda p: _novex_like(p, "EPSG:4978", code=["GM0363"]),
     "EPSG:4978 is not a map of the Earth"),
    ("--novex", lambda p: p.write_bytes(gzip.compress(b'{"type": "FeatureCollection"}')),
     "is gzip-compressed, not a map file I can read. Unzip it first"),
    ("--population", lambda p: p.write_bytes("code,population\n".encode("utf-16")),
     "is UTF-16 text, not CSV text. Save the file as UTF-8"),
    ("--novex", lambda p: p.mkdir(), "is a directory, not a regular file"),
    ("--population", os.mkfifo, "is a named pipe (FIFO), not a regular file"),
    ("--population", _sparse_gigabyte, "holds NUL bytes (byte 0): it is not text"),
    ("--municipalities", lambda p: p.symlink_to("/dev/zero"), "is a device file"),
    ("--novex", lambda p: _novex_like(p, name_nl=["Anders"]),
     "the columns 'name_nl' / 'name' mean the same but differ"),
])
@pytest.mark.parametrize("command", ["build", "compare"])
def test_bad_layer_file_gets_a_one_line_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        option: str, make: Callable[[Path], object], fragment: str, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    suffix = ".csv" if option == "--population" else ".gpkg"
    path = tmp_path / f"input{suffix}"
    if fragment.startswith("holds no geometries"):
        path = tmp_path / "input.csv"
    make(path)
    out = tmp_path / "o.html"
    argv = [command, option, str(path), "--out", str(out)]
    assert main([*argv, "--tiles", "none"] if command == "build" else argv) == 1
    err = capsys.readouterr().err
    assert fragment in err and str(path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.slow
def test_bad_layer_files_in_a_real_process(tmp_path: Path) -> None:
    """The tracebacks of the issue, as a person runs them: one line, exit 1."""
    pop = tmp_path / "pop.csv"
    pop.write_text("code,population\nGM0363,1e400\n")
    gpkg = tmp_path / "novex.gpkg"
    _two_point_layers(gpkg)
    csv = tmp_path / "novex.csv"
    csv.write_text("name,x,y\nRegio Schiphol,4.7,52.3\n")
    for argv in (["build", "--population", str(pop)], ["build", "--novex", str(gpkg)],
                 ["build", "--novex", str(csv)]):
        proc = _cli(tmp_path, *argv, "--tiles", "none", "--out", str(tmp_path / "o.html"))
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    proc = _cli(tmp_path, "add", str(GOOD / "projects.geojson"), "--register", "")
    assert proc.returncode == 1 and "an empty name" in proc.stderr


def test_official_novex_file_is_not_labelled_indicative(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from layers.region import load_region
    from mapbuilder.mappage.render import build_map

    path = tmp_path / "novex_rijk.gpkg"
    _novex_like(path, bron=["Rijksoverheid 2024"])
    region = load_region(novex=path)
    assert list(region.novex["basis"]) == ["Rijksoverheid 2024"]
    html = build_map(region=region, tiles="none").get_root().render()
    assert "Regio Schiphol (indicatief)" not in html
    assert "Regio Schiphol" in html


# ------------------------------------------------------------ project files (geo/validate)
def _project(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


_POINT = '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}'


def _one(props: str, geometry: str = _POINT, crs: str = "") -> str:
    return ('{"type": "FeatureCollection", ' + crs + '"features": [{"type": "Feature", '
            '"properties": {' + props + "}, " + geometry + "}]}")


# name, text, what the Dutch message names, what the English one names
BAD_PROJECT_FILES = [
    ("big.geojson", _one('"id": "a", "name": "N", "theme": "ai", "amount_eur": ' + "9" * 5000),
     ("5000 cijfers", "'amount_eur'", "object 1"), ("5000 digits", "'amount_eur'",
                                                    "feature 1")),
    ("long.csv", "id,name,theme,lon,lat\na," + "x" * 140_000 + ",ai,4.9,52.37\n",
     ("131.072", "140.000", "'name'", "rij 2"), ("131,072", "140,000", "'name'", "row 2")),
    ("d4.geojson", _one('"id": "a", "name": "N", "theme": "ai"',
                        '"geometry": {"type": "Point", "coordinates": [4.9, 52.37, 0, 1]}'),
     ("4 getallen", "'geometry'", "M-waarden"), ("4 numbers", "'geometry'", "M values")),
    ("ecef.geojson", _one('"id": "a", "name": "N", "theme": "ai"',
                          '"geometry": {"type": "Point", "coordinates": '
                          "[3875000, 330000, 5030000]}",
                          '"crs": {"type": "name", "properties": {"name": "EPSG:4978"}}, '),
     ("EPSG:4978", "geocentrisch", "EPSG:4326"), ("EPSG:4978", "geocentric", "EPSG:4326")),
    ("idtrue.geojson", _one('"id": true, "name": "N", "theme": "ai"'),
     ("'id'", "true", "'True'"), ("'id'", "true", "'True'")),
    ("idnan.geojson", _one('"id": NaN, "name": "N", "theme": "ai"'),
     ("'id'", "nan"), ("'id'", "nan")),
    ("dup.geojson", _one('"id": "a", "name": "X", "name": "Y", "theme": "ai"'),
     ("'name'", "'X'", "'Y'", "twee keer", "Houd"),
     ("'name'", "'X'", "'Y'", "twice", "Keep")),
    ("naam.geojson", _one('"id": "a", "name": "X", "naam": "Y", "theme": "ai"'),
     ("'name'", "'naam'", "'X'", "'Y'", "Houd 'name'"),
     ("'name'", "'naam'", "'X'", "'Y'", "Keep 'name'")),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name,text,nl,en", BAD_PROJECT_FILES,
                         ids=[c[0] for c in BAD_PROJECT_FILES])
def test_project_file_refused_with_a_message_not_a_bug_report(
        tmp_path: Path, name: str, text: str, nl: tuple[str, ...], en: tuple[str, ...],
        lang: str) -> None:
    path = _project(tmp_path, name, text)
    with use_lang(lang):
        report = validate_file(path)
        message = report.to_text()
    assert not report.ok
    assert report.projects.empty
    assert str(path) in message
    for fragment in nl if lang == "nl" else en:
        assert fragment in message, (fragment, message[:600])
    for wrong in ("bug in transitiekaart", "fout in transitiekaart", "onverwachte fout",
                  "unexpected error", "Traceback"):
        assert wrong not in message


def test_project_file_with_geocentric_crs_does_not_land_at_latitude_0(tmp_path: Path) -> None:
    """EPSG:4978 x, y, z converted to lon/lat gives latitude 0: refused by name instead."""
    from geo.validate.reading import parse_crs

    for ok in ("EPSG:28992", "EPSG:7415", "EPSG:4979", "OGC:CRS84"):  # RD + NAP, 3-D lon/lat
        assert parse_crs(ok, "--crs") is not None
    for earthless in ("EPSG:4978", "EPSG:5709", "IAU_2015:49900"):  # geocentric, NAP, Mars
        report = validate_file(GOOD / "projects.geojson", crs=earthless)
        assert not report.readable and earthless in report.to_text()
    gpkg = tmp_path / "ecef.gpkg"  # a layer in EPSG:4978, as QGIS can write it
    gpd.GeoDataFrame({"id": ["a"], "name": ["N"], "theme": ["ai"]},
                     geometry=[Point(3875000, 330000)], crs="EPSG:4978").to_file(gpkg)
    with use_lang("en"):
        report = validate_file(gpkg)
        text = report.to_text()
    assert not report.ok and "EPSG:4978" in text and "geocentric" in text
    assert "latitude 0" in text and str(gpkg) in text


def test_duplicate_keys_elsewhere_are_named_too(tmp_path: Path) -> None:
    """A key twice at feature or file level, or a long number in a nested value."""
    feature_level = _project(tmp_path, "f.geojson", _one('"id": "a", "name": "N", "theme": "ai"')
                             .replace('{"type": "Feature", ', '{"type": "Feature", "id": 1, '
                                      '"id": 2, '))
    with use_lang("en"):
        text = validate_file(feature_level).to_text()
    assert "the member 'id' occurs twice" in text and "feature 1" in text
    nested = _project(tmp_path, "n.geojson", _one('"id": "a", "name": "N", "theme": "ai", '
                                                  '"extra": {"k": 1, "k": 2}'))
    report = validate_file(nested)
    assert not report.ok and "'k'" in report.to_text()
    long_nested = _project(tmp_path, "l.geojson", '{"bbox": [' + "1" * 5000 + "], "
                           + _one('"id": "a", "name": "N", "theme": "ai"')[1:])
    with use_lang("en"):
        report = validate_file(long_nested)
    assert not report.ok and "more than 400 digits" in report.to_text()


def test_name_and_naam_with_the_same_value_or_one_empty_are_fine(tmp_path: Path) -> None:
    same = _project(tmp_path, "s.geojson", _one('"id": "a", "name": "X", "naam": "X", '
                                                '"theme": "ai"'))
    assert validate_file(same).ok
    sheet = _project(tmp_path, "s.csv", "id,name,naam,theme,lon,lat\na,X,,ai,4.9,52.37\n"
                                        "b,,Y,ai,4.91,52.37\nc,Z,Q,ai,4.92,52.37\n")
    report = validate_file(sheet)
    assert [p.row for p in report.errors] == [4]
    assert "'Z'" in report.errors[0].message and "'Q'" in report.errors[0].message


def test_register_of_someone_else_names_the_owner_fix(register: Path, new_project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague's 0644 register: os.access says no (as it does for a non-owner)."""
    os.chmod(register, 0o644)
    snap = _Snapshot(register)
    real_access = os.access
    monkeypatch.setattr(layers.atomic.os, "access",
                        lambda p, m: False if Path(p) == register and m == os.W_OK
                        else real_access(p, m))
    with use_lang("en"), pytest.raises(TransitiekaartError) as err:
        add_to_register(register, [new_project])
    assert f"{register}: you may not change it (mode 0644)" in str(err.value)
    assert f"chmod g+w {register}" in str(err.value)
    assert snap.unchanged()


@pytest.mark.parametrize("suffix,driver", [(".gpkg", "GPKG"), (".shp", "ESRI Shapefile")])
def test_add_never_drops_a_feature_without_location(tmp_path: Path, register: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    suffix: str, driver: str) -> None:
    """A GeoPackage/Shapefile feature without geometry: the multi-file add adds nothing."""
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    partner = tmp_path / f"partner{suffix}"
    gpd.GeoDataFrame({"id": ["p-1", "p-2"], "name": ["Placed", "Unplaced"],
                      "theme": ["ai", "ai"]},
                     geometry=[Point(4.9, 52.37), None], crs="EPSG:4326").to_file(
        partner, driver=driver)
    other = tmp_path / "other.geojson"
    other.write_text(_fc(("o-1", "Other", "ai", 4.8, 52.4)))
    snap = _Snapshot(register)
    assert main(["add", str(other), str(partner), "--register", str(register)]) != 0
    err = capsys.readouterr().err
    assert str(partner) in err and "location" in err
    assert snap.unchanged()
    with pytest.raises(InputFileError, match="location"):
        add_to_register(register, [other, partner])
    assert snap.unchanged()


def test_build_and_compare_with_an_empty_qgis_register(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    reg = tmp_path / "projects.geojson"
    reg.write_text(json.dumps({
        "type": "FeatureCollection", "name": "projects",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": []}, indent=2))
    out = tmp_path / "map.html"
    assert main(["build", "--register", str(reg), "--tiles", "none", "--out", str(out)]) == 0
    assert out.exists()
    capsys.readouterr()
    assert main(["compare", "--register", str(reg), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["has_samples"] is False and doc["mra"]["n_projects"] == 0  # not the samples
