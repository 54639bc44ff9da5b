"""geo.register: RFC 7946 file, all-or-nothing adds, backups, locks, crash safety."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import Point

from geo._register_doc import merge_feature, parse_register, project_features, serialise
from geo.analysis import analyse
from geo.io import read_projects
from geo.register import add_to_register, list_register, read_register, remove_from_register
from geo.validate import validate_file
from geo.validate.fields import _FIELD_OF, _LOOKS_LIKE, _header_key
from layers.errors import InputFileError
from layers.lang import use_lang
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


def kill_add_mid_write(reg: Path, src: Path, cwd: Path) -> int:
    """Run ``add src`` on ``reg`` slowed down, SIGKILL it while it writes; its return code."""
    proc = subprocess.Popen(_add_cmd(reg, src), cwd=cwd,
                            env=_env(TRANSITIEKAART_TEST_SLOW_WRITE="30"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for_temp(cwd, reg.name, proc, 60), "add never started writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    return proc.returncode


@pytest.mark.slow
def test_sigkill_mid_write_leaves_old_version(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    add_to_register(reg, [GOOD / "projects.geojson"])
    old = reg.read_bytes()
    assert kill_add_mid_write(reg, GOOD / "projects.geojsonl", tmp_path) == -signal.SIGKILL
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


# ------------------------------------------------------------- round-trip fidelity
def _hand_edited(path: Path) -> dict:
    """A register as QGIS saves it after someone added fields by hand."""
    doc = {
        "type": "FeatureCollection",
        "name": "projecten_mra",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "bbox": [4.8, 52.3, 5.0, 52.4],
        "x_team": {"owner": "Team Economie", "reviewed": [2025, 2026]},
        "features": [
            {"type": "Feature", "id": "h-1", "x_source": "QGIS",
             "properties": {"id": "h-1", "name": "Warmtenet Zaandam", "theme": "smart_energy",
                            "amount_eur": 2500000, "notes": "Check with gemeente",
                            "contact": {"email": "a@example.org", "phone": None},
                            "weight": 0.1},
             "geometry": {"type": "Point", "coordinates": [4.8262, 52.4381, 1.25]}},
            {"type": "Feature", "id": "h-2",
             "properties": {"id": "h-2", "naam": "Datacentrum Almere", "thema": "ai",
                            "review": True, "score": 12345678901234567890},
             "geometry": {"type": "Polygon", "coordinates": [[
                 [5.2, 52.37, 0], [5.21, 52.37, 0], [5.21, 52.38, 3.5], [5.2, 52.37, 0]]]}},
        ],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return doc


def _strip_bbox(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "bbox"}


def test_add_remove_update_keep_what_the_tool_does_not_manage(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    original = _hand_edited(reg)
    new = tmp_path / "new.geojson"
    new.write_text(_fc(("n-1", "Hub Hoofddorp", "ai", 4.69, 52.30)))
    add_to_register(reg, [new])
    doc = json.loads(reg.read_text(encoding="utf-8"))
    assert _strip_bbox(doc)["features"][:2] == original["features"]  # byte-for-byte in meaning
    assert {k: doc[k] for k in ("name", "crs", "x_team")} == \
        {k: original[k] for k in ("name", "crs", "x_team")}
    assert [f["id"] for f in doc["features"]] == ["h-1", "h-2", "n-1"]  # order kept, new last
    assert doc["bbox"] == pytest.approx([4.69, 52.30, 5.21, 52.4381])  # still the extent
    assert json.loads((tmp_path / "projects.geojson.bak").read_text()) == original
    # a second change: the .bak now holds the first result, still with everything
    remove_from_register(reg, ["n-1"])
    bak = json.loads((tmp_path / "projects.geojson.bak").read_text())
    assert bak["features"][:2] == original["features"] and bak["x_team"] == original["x_team"]
    after = json.loads(reg.read_text(encoding="utf-8"))
    assert after["features"] == original["features"]
    assert after["bbox"] == pytest.approx([4.8262, 52.37, 5.21, 52.4381])
    # --update replaces the project fields and the geometry, keeps notes and contact
    changed = tmp_path / "changed.geojson"
    changed.write_text(_fc(("h-1", "Warmtenet Zaandam-Oost", "smart_energy", 4.83, 52.44)))
    add_to_register(reg, [changed], update=True)
    got = json.loads(reg.read_text(encoding="utf-8"))["features"]
    assert [f["id"] for f in got] == ["h-1", "h-2"]  # replaced in its place
    assert got[0]["properties"]["name"] == "Warmtenet Zaandam-Oost"
    assert got[0]["properties"]["notes"] == "Check with gemeente"
    assert got[0]["properties"]["contact"] == {"email": "a@example.org", "phone": None}
    assert got[0]["x_source"] == "QGIS"
    assert got[0]["geometry"] == {"type": "Point", "coordinates": [4.83, 52.44]}
    assert got[1] == original["features"][1]
    assert read_register(reg).set_index("id").loc["h-2", "name"] == "Datacentrum Almere"


def test_update_of_a_dutch_named_feature_leaves_no_second_name(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    _hand_edited(reg)
    changed = tmp_path / "changed.geojson"
    changed.write_text(_fc(("h-2", "Datacentrum Almere Poort", "ai", 5.2, 52.37)))
    add_to_register(reg, [changed], update=True)
    props = json.loads(reg.read_text(encoding="utf-8"))["features"][1]["properties"]
    assert "naam" not in props and "thema" not in props  # no 'name' and 'naam' both
    assert props["name"] == "Datacentrum Almere Poort" and props["review"] is True
    assert props["score"] == 12345678901234567890


def test_register_in_rd_new_gets_new_features_in_rd_new(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    reg.write_text(json.dumps({
        "type": "FeatureCollection", "name": "rd",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [{"type": "Feature", "properties": {"id": "r-1", "name": "A",
                                                        "theme": "ai"},
                      "geometry": {"type": "Point", "coordinates": [121000.0, 487000.0]}}]}))
    new = tmp_path / "new.geojson"
    new.write_text(_fc(("n-1", "B", "ai", 4.9, 52.37)))
    add_to_register(reg, [new])
    doc = json.loads(reg.read_text(encoding="utf-8"))
    x, y = doc["features"][1]["geometry"]["coordinates"]
    assert 100_000 < x < 140_000 and 470_000 < y < 500_000  # metres, like the rest
    got = read_register(reg).set_index("id")
    assert got.loc["n-1"].geometry.x == pytest.approx(4.9, abs=1e-6)
    before = reg.read_bytes()
    assert add_to_register(reg, [new]).unchanged == ["n-1"]  # the same project, not a conflict
    assert reg.read_bytes() == before


def test_empty_collection_as_qgis_writes_it_is_a_register(tmp_path: Path) -> None:
    reg = tmp_path / "projects.geojson"
    qgis = {"type": "FeatureCollection", "name": "projects",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            "features": []}
    reg.write_text(json.dumps(qgis, indent=2))
    assert len(read_register(reg)) == 0 and len(list_register(reg)) == 0
    assert len(read_projects([reg])) == 0
    add_to_register(reg, [GOOD / "projects.geojson"])
    doc = json.loads(reg.read_text(encoding="utf-8"))
    assert doc["name"] == "projects" and doc["crs"] == qgis["crs"]
    remove_from_register(reg, ["gj-1", "gj-2", "gj-3"])
    assert json.loads(reg.read_text(encoding="utf-8")) == qgis


@pytest.mark.parametrize("text,fragment", [
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "name": "Y", "theme": "ai"}, "geometry": null}]}',
     "key 'name' occurs twice"),
    ('{"type": "FeatureCollection", "features": [], "features": []}', "occurs twice"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "theme": "ai", "note": ' + "9" * 5000 + '}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]}',
     "a number of 5000 digits"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "theme": "ai", "note": 1e400}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]}',
     "1e400 is too large"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": NaN, "name": "X", "theme": "ai"}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]}', "NaN is not a number"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": true, "name": "X", "theme": "ai"}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]}', "True (true/false)"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "naam": "Y", "theme": "ai"}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37]}}]}',
     "both 'name' and 'naam'"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "theme": "ai"}, '
     '"geometry": {"type": "Point", "coordinates": [4.9, 52.37, 0, 7]}}]}',
     "more than 3 numbers"),
    ('{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": '
     '"EPSG:4978"}}, "features": [{"type": "Feature", "properties": '
     '{"id": "a", "name": "X", "theme": "ai"}, '
     '"geometry": {"type": "Point", "coordinates": [3875000, 330000, 5030000]}}]}',
     "not a map of the Earth"),
    ("", "is empty"),
])
def test_register_with_unclear_content_is_refused_not_settled(tmp_path: Path, text: str,
                                                              fragment: str) -> None:
    reg = tmp_path / "projects.geojson"
    reg.write_text(text, encoding="utf-8")
    with use_lang("en"):
        for action in (lambda: read_register(reg), lambda: list_register(reg),
                       lambda: add_to_register(reg, [GOOD / "projects.geojson"]),
                       lambda: remove_from_register(reg, ["a"])):
            with pytest.raises(InputFileError, match=re.escape(fragment)) as err:
                action()
            assert str(reg) in str(err.value)
    assert reg.read_text(encoding="utf-8") == text
    assert not (tmp_path / "projects.geojson.bak").exists()


# ------------------------------------------------------------- property test
_KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=3, max_size=8).filter(
    lambda k: k.lower() not in _FIELD_OF and k not in ("type", "features", "geometry",
                                                       "properties", "crs", "bbox", "id")
    # a key that looks like a missing field ("eur" with no amount column) is an error by
    # design: the register then refuses to be read, which is not what this test is about
    and not any(p.search(_header_key(k)) for p in _LOOKS_LIKE.values()))
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(_KEYS, kids, max_size=3),
    max_leaves=6)


@st.composite
def _registers(draw: st.DrawFn) -> tuple[dict, list[tuple[str, Any]]]:
    n = draw(st.integers(0, 5))
    features = []
    for i in range(n):
        extra = draw(st.dictionaries(_KEYS, _VALUES, max_size=3))
        z = draw(st.none() | st.floats(-10, 300, allow_nan=False))
        pos = [round(4.7 + 0.05 * i, 7), 52.35] + ([z] if z is not None else [])
        feat = {"type": "Feature", "id": f"r-{i}",
                "properties": {"id": f"r-{i}", "name": f"Project {i}", "theme": "ai", **extra},
                "geometry": {"type": "Point", "coordinates": pos}}
        feat.update(draw(st.dictionaries(_KEYS, _VALUES, max_size=2)))
        features.append(feat)
    top = draw(st.dictionaries(_KEYS, _VALUES, max_size=3))
    doc = {"type": "FeatureCollection", **top, "features": features}
    ops = draw(st.lists(st.tuples(st.sampled_from(["add", "remove", "update"]),
                                  st.integers(0, 1000)), min_size=1, max_size=4))
    return doc, ops


def _project_frame(pid: str, name: str, y: float) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": [pid], "name": [name], "theme": ["hydrogen"]},
                            geometry=[Point(4.9, y)], crs="EPSG:4326")


@settings(max_examples=25, deadline=None)
@given(_registers())
def test_property_add_remove_update_change_nothing_else(case: tuple[dict, list]) -> None:
    doc, ops = case
    with tempfile.TemporaryDirectory() as tmp:
        reg = Path(tmp) / "projects.geojson"
        reg.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        kept = {f["id"]: f for f in doc["features"]}  # what the register must still hold
        updated: dict[str, str] = {}
        order = [f["id"] for f in doc["features"]]
        for k, (op, pick_) in enumerate(ops):
            if op == "add":
                pid = f"new-{k}"
                add_to_register(reg, [_project_frame(pid, f"Nieuw {k}", 52.3 + 0.01 * k)])
                order.append(pid)
            elif order and op == "remove":
                pid = order.pop(pick_ % len(order))
                remove_from_register(reg, [pid])
                kept.pop(pid, None)
            elif order:
                pid = order[pick_ % len(order)]
                updated[pid] = f"Bijgewerkt {k}"
                add_to_register(reg, [_project_frame(pid, updated[pid], 52.32)], update=True)
        after = json.loads(reg.read_text(encoding="utf-8"))
        assert [f["id"] for f in after["features"]] == order
        for f in after["features"]:
            if f["id"] in updated:
                assert f["properties"]["name"] == updated[f["id"]]
                assert f["geometry"] == {"type": "Point", "coordinates": [4.9, 52.32]}
            if f["id"] in kept:
                old = kept[f["id"]]
                if f["id"] in updated:  # project fields and place new, all else as it was
                    extra = {k: v for k, v in old["properties"].items()
                             if k.lower() not in _FIELD_OF}
                    assert {k: f["properties"][k] for k in extra} == extra
                    assert {k: v for k, v in f.items() if k not in ("properties", "geometry")} \
                        == {k: v for k, v in old.items() if k not in ("properties", "geometry")}
                else:
                    assert f == old  # untouched features are kept as they were
        assert {k: v for k, v in after.items() if k != "features"} == \
            {k: v for k, v in doc.items() if k != "features"}


@pytest.mark.parametrize("encode,fragment", [
    (lambda t: t.encode("utf-16"), "it is UTF-16 text, not GeoJSON text. Save the file as UTF-8"),
    (lambda t: gzip.compress(t.encode()), "it is gzip-compressed, not GeoJSON text. Unzip it"),
    (lambda t: t.encode("latin-1"), "it is not UTF-8 text (byte 0xe9 on line 1)"),
])
def test_register_in_another_encoding_is_named_for_what_it_is(tmp_path: Path, encode: Any,
                                                               fragment: str) -> None:
    reg = tmp_path / "projects.geojson"
    reg.write_bytes(encode(_fc(("a", "Café", "ai", 4.9, 52.37)).replace("\\u00e9", "é")))
    before = reg.read_bytes()
    with use_lang("en"), pytest.raises(InputFileError, match=re.escape(fragment)):
        add_to_register(reg, [GOOD / "projects.geojson"])
    with use_lang("en"), pytest.raises(InputFileError, match=re.escape(fragment)):
        list_register(reg)
    assert reg.read_bytes() == before


def test_a_project_placed_by_municipality_round_trips_as_null_geometry(tmp_path: Path) -> None:
    """The partner-files work lets a project carry a place instead of a geometry."""
    reg = tmp_path / "projects.geojson"
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "m-1", '
            '"properties": {"id": "m-1", "name": "Regiobreed", "theme": "ai", '
            '"municipality": "Zaanstad", "contact": "Team Z"}, "geometry": null}]}')
    doc = parse_register(reg, text.encode())  # not refused while reading
    assert doc.features[0]["geometry"] is None
    placed = gpd.GeoDataFrame({"id": ["m-2"], "name": ["Ook regiobreed"], "theme": ["ai"]},
                              geometry=[None], crs="EPSG:4326")
    (new,) = project_features(placed)
    assert new["geometry"] is None and new["id"] == "m-2"
    merged = merge_feature({**doc.features[0], "bbox": [1, 2, 3, 4]}, new)
    assert merged["geometry"] is None and "bbox" not in merged
    assert merged["properties"]["contact"] == "Team Z"  # not a field the tool manages
    doc.features.append(new)
    assert json.loads(serialise(doc))["features"] == [json.loads(text)["features"][0], new]
