"""geo.register: RFC 7946 file, all-or-nothing adds, backups, locks, crash safety."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely import Point

from geo._errors import InputFileError
from geo.analysis import analyse
from geo.io import read_projects
from geo.register import add_to_register, list_register, read_register, remove_from_register
from geo.validate import validate_file
from layers.region import Region

ROOT = Path(__file__).parents[1]
GOOD = Path(__file__).parent / "data" / "good"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English wording (the default is Dutch, see test_dutch_messages)."""
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")


def test_dutch_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSITIEKAART_LANG")
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    with pytest.raises(InputFileError, match="Er is niets verwijderd: id\\('s\\) 'x'"):
        remove_from_register(reg, ["x"])


def _fc(*rows: tuple[str, str, str, float, float]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i, "name": n, "theme": t},
         "geometry": {"type": "Point", "coordinates": [x, y]}} for i, n, t, x, y in rows]})


def _ids(reg: Path) -> set[str]:
    doc = json.loads(reg.read_text(encoding="utf-8"))
    return {f["properties"]["id"] for f in doc["features"]}


def test_register_is_rfc7946_and_opens_in_gdal(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "rd_declared.geojson", GOOD / "hostile_names.geojson"])
    doc = json.loads(reg.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        x, y = f["geometry"]["coordinates"]
        assert len(str(x).split(".")[1]) <= 7 and 4 < x < 6 and 52 < y < 53
    names = {f["properties"]["name"] for f in doc["features"]}
    assert "<script>alert('x')</script>" in names and "Emoji 🚲⚡ project" in names
    via_gdal = pyogrio.read_dataframe(reg)  # what QGIS uses
    assert len(via_gdal) == 4 and via_gdal.crs.to_epsg() == 4326


def test_add_is_all_or_nothing(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    before = reg.read_bytes()
    bad = Path(__file__).parent / "data" / "bad" / "theme_unknown.geojson"
    with pytest.raises(InputFileError, match="Nothing was added"):
        add_to_register(reg, [GOOD / "projects.geojsonl", bad])
    assert reg.read_bytes() == before


def test_existing_id_needs_update(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    first = tmp_path / "a.geojson"
    first.write_text(_fc(("x1", "Hub", "ai", 4.9, 52.37)))
    add_to_register(reg, [first])
    again = add_to_register(reg, [first])
    assert again.unchanged == ["x1"] and not again.added
    changed = tmp_path / "b.geojson"
    changed.write_text(_fc(("x1", "Hub renamed", "ai", 4.9, 52.37)))
    before = reg.read_bytes()
    with pytest.raises(InputFileError, match="--update"):
        add_to_register(reg, [changed])
    assert reg.read_bytes() == before
    summary = add_to_register(reg, [changed], update=True)
    assert summary.replaced == ["x1"]
    assert list(read_register(reg)["name"]) == ["Hub renamed"]
    assert b"Hub renamed" not in Path(str(reg) + ".bak").read_bytes()


def test_same_name_nearby_in_register_is_reported(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    a.write_text(_fc(("x1", "Hub", "ai", 4.9, 52.37)))
    b.write_text(_fc(("x2", "hub", "ai", 4.90005, 52.37005)))
    add_to_register(reg, [a])
    summary = add_to_register(reg, [b])
    assert summary.added == ["x2"]
    assert any("same name" in d for d in summary.likely_duplicates)


def test_remove_and_backup(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    with pytest.raises(InputFileError, match="not in the register"):
        remove_from_register(reg, ["gj-1", "nope"])
    assert _ids(reg) == {"gj-1", "gj-2", "gj-3"}
    remove_from_register(reg, ["gj-1"])
    assert _ids(reg) == {"gj-2", "gj-3"}
    assert _ids(Path(str(reg) + ".bak")) == {"gj-1", "gj-2", "gj-3"}
    remove_from_register(reg, ["gj-2", "gj-3"])
    assert len(read_register(reg)) == 0 and len(list_register(reg)) == 0
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    assert _ids(reg) == {"nd-1", "nd-2"}


def test_damaged_register_names_the_backup(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    add_to_register(reg, [GOOD / "projects.geojsonl"])
    reg.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(InputFileError, match=r"projects\.geojson\.bak"):
        add_to_register(reg, [GOOD / "rd_declared.geojson"])
    assert reg.read_text() == '{"type": "FeatureCollection", "features": ['


def test_round_trip_all_formats(tmp_path: Path, region: Region) -> None:
    gpkg = tmp_path / "partner.gpkg"
    gpd.GeoDataFrame({"id": ["gpkg-1"], "name": ["Warmtenet Velsen"], "theme": ["energie"],
                      "amount_eur": [750_000.0]},
                     geometry=[Point(102500, 498000)], crs="EPSG:28992").to_file(gpkg)
    shp = tmp_path / "partner.shp"
    gpd.GeoDataFrame({"id": ["shp-1"], "name": ["Zorghub Hilversum"], "theme": ["Zorg"],
                      "amount_eur": [125_000.0]},
                     geometry=[Point(5.1760, 52.2230)], crs="EPSG:4326").to_file(shp)
    reg = tmp_path / "projects.geojson"
    reports = [validate_file(GOOD / "projects.geojson"), validate_file(gpkg),
               validate_file(shp), validate_file(GOOD / "projects_semicolon.csv"),
               validate_file(GOOD / "projects_rd.csv", crs="EPSG:28992")]
    assert all(r.ok for r in reports)
    add_to_register(reg, reports)
    analysis = analyse(read_projects([reg]), region)
    sub = analysis.projects.set_index("id")["subregion"]
    assert sub.to_dict() == {
        "gj-1": "Amsterdam", "gj-2": "Almere-Lelystad", "gj-3": "Zuid-Kennemerland",
        "gpkg-1": "IJmond", "shp-1": "Gooi en Vechtstreek",
        "csv-1": "Zaanstreek-Waterland", "csv-2": "Gooi en Vechtstreek",
        "rdcsv-1": "Almere-Lelystad"}
    per_sub = analysis.subregions.set_index("name")["n_projects"]
    assert per_sub["Gooi en Vechtstreek"] == 2 and per_sub["IJmond"] == 1


# ------------------------------------------------------------- real processes
def _add_cmd(reg: Path, *files: Path) -> list[str]:
    return [sys.executable, "-m", "mapbuilder", "add", *map(str, files), "--register",
            str(reg)]


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("TRANSITIEKAART_REGISTER", None)
    return env


@pytest.mark.slow
def test_two_adds_at_once_keep_both(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    a.write_text(_fc(("a1", "Project A", "ai", 4.9, 52.37)))
    b.write_text(_fc(("b1", "Project B", "hydrogen", 4.8, 52.4)))
    env = _env(TRANSITIEKAART_TEST_SLOW_WRITE="1")
    procs = [subprocess.Popen(_add_cmd(reg, f), env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for f in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _ids(reg) == {"a1", "b1"}
    assert len(read_register(reg)) == 2


def _wait_for_temp(directory: Path, name: str, proc: subprocess.Popen, limit: float) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        if [p for p in directory.glob(f".{name}.*.tmp") if ".bak." not in p.name]:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_sigkill_mid_write_leaves_old_version(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    old = reg.read_bytes()
    proc = subprocess.Popen(_add_cmd(reg, GOOD / "projects.geojsonl"), cwd=tmp_path,
                            env=_env(TRANSITIEKAART_TEST_SLOW_WRITE="30"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for_temp(tmp_path, reg.name, proc, 60), "add never started writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert reg.read_bytes() == old
    assert _ids(reg) == {"gj-1", "gj-2", "gj-3"}
    # the next add (lock released by the kernel) works and keeps everything
    assert list(tmp_path.glob(".projects.geojson.*.tmp"))  # the killed writer's temp file
    summary = add_to_register(reg, [GOOD / "projects.geojsonl"])
    assert summary.total == 5 and _ids(reg) == {"gj-1", "gj-2", "gj-3", "nd-1", "nd-2"}
    assert not list(tmp_path.glob(".projects.geojson.*.tmp"))  # cleaned up under the lock


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_project(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    old_ids, new_ids = {"gj-1", "gj-2", "gj-3"}, {"gj-1", "gj-2", "gj-3", "nd-1", "nd-2"}
    rng = random.Random(3)
    seen = set()
    for _ in range(6):
        if _ids(reg) == new_ids:
            remove_from_register(reg, ["nd-1", "nd-2"])
        proc = subprocess.Popen(_add_cmd(reg, GOOD / "projects.geojsonl"), cwd=tmp_path,
                                env=_env(TRANSITIEKAART_TEST_SLOW_WRITE="0.3"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if _wait_for_temp(tmp_path, reg.name, proc, 60):
            time.sleep(rng.uniform(0, 0.45))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        ids = _ids(reg)  # valid JSON every time
        assert ids in (old_ids, new_ids)
        assert read_register(reg)["id"].is_unique
        seen.add(frozenset(ids))
    assert frozenset(old_ids) in seen or frozenset(new_ids) in seen
