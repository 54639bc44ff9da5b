"""The wheel carries every data file, and building it prints no deprecation warning."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _tracked(*folders: str) -> set[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which data files are tracked")
    out = subprocess.run(["git", "ls-files", *folders], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return set(out.split())


def _copy_sources(dst: Path) -> Path:
    """What a fresh clone holds for packaging: pyproject, README and the three packages."""
    dst.mkdir(exist_ok=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dst / name)
    for pkg in ("geo", "layers", "mapbuilder"):
        shutil.copytree(ROOT / pkg, dst / pkg,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dst


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Build the wheel offline (no index, no build isolation) from a copy of the sources."""
    pytest.importorskip("setuptools", minversion="77")
    src = _copy_sources(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index",
                          "--no-build-isolation", "-v", "-w", str(out), str(src)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    wheels = list(out.glob("transitiekaart-*.whl"))
    assert len(wheels) == 1
    return wheels[0], res.stdout + res.stderr


def test_wheel_carries_every_data_file(wheel: tuple[Path, str]) -> None:
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    data = _tracked("layers/data", "mapbuilder/static", "mapbuilder/templates",
                    "mapbuilder/locale")
    assert data, "no tracked data files"
    assert data - names == set()
    # and every module of the three packages
    modules = {p.relative_to(ROOT).as_posix() for pkg in ("geo", "layers", "mapbuilder")
               for p in (ROOT / pkg).rglob("*.py")}
    assert modules - names == set()


def test_wheel_metadata_has_the_spdx_license(wheel: tuple[Path, str]) -> None:
    with zipfile.ZipFile(wheel[0]) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(meta).decode("utf-8")
    assert "License-Expression: MIT" in text


def test_building_prints_no_deprecation_warning(wheel: tuple[Path, str]) -> None:
    log = wheel[1].lower()
    assert "deprecat" not in log
    assert "setuptoolswarning" not in log
    assert "package would be ignored" not in log


def test_editable_install_prints_no_notice(tmp_path: Path) -> None:
    """What `make map` runs (`pip install -e .`) builds an editable wheel without warnings."""
    pytest.importorskip("setuptools", minversion="77")
    src = _copy_sources(tmp_path / "src")
    out = tmp_path / "wheel"
    out.mkdir()
    code = ("import sys, setuptools.build_meta as b; "
            "print(b.build_editable(sys.argv[1]))")
    res = subprocess.run([sys.executable, "-W", "always", "-c", code, str(out)], cwd=src,
                         capture_output=True, text=True, check=False, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    log = (res.stdout + res.stderr).lower()
    assert "warning" not in log.replace("byte-compiling is disabled", ""), res.stderr[-3000:]
    assert "deprecat" not in log and "editable installation." not in log
    assert list(out.glob("transitiekaart-*.whl"))
