"""GeoJSON that is legal but odd, or hostile, gets a message and never a traceback.

- 2-D and 3-D positions mixed in one geometry (a line or a ring, as a hand-edited or
  merged file has them): read, with the height dropped and the note every 3-D
  geometry gets; by ``validate``, ``add`` and ``build`` alike.
- A property nested hundreds or 100,000 levels deep, or a list of a million items:
  a bounded message naming the feature and column (or the file, where the JSON
  parser itself cannot follow), in text and JSON output, for ``validate`` and ``add``.
  The 100,000-level files run in a child process: before the bound, Arrow's reader
  crashed the process (a segmentation fault), which would take pytest down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mapbuilder.cli import main

ROOT = Path(__file__).parents[1]
PROPS = {"naam": "Warmtenet", "thema": "Energie", "bedrag": "€ 2,5 mln", "gemeente": "Amsterdam"}


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")


def collection(*geometries: dict, props: dict | None = None) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {**PROPS, **(props or {}), "naam": f"P{i}"},
         "geometry": g} for i, g in enumerate(geometries, 1)]})


MIXED = {
    "points": [{"type": "Point", "coordinates": [4.9, 52.37]},
               {"type": "Point", "coordinates": [4.9, 52.37, 0]}],
    "line": [{"type": "LineString", "coordinates": [[4.9, 52.37], [4.91, 52.37, 0]]}],
    "ring": [{"type": "Polygon", "coordinates": [[[4.9, 52.37], [4.91, 52.37, 0],
                                                  [4.91, 52.38], [4.9, 52.37]]]}],
    "ring_3d_first": [{"type": "Polygon", "coordinates": [[[4.9, 52.37, 2], [4.91, 52.37],
                                                           [4.91, 52.38], [4.9, 52.37, 2]]]}],
    "multipolygon": [{"type": "MultiPolygon", "coordinates": [
        [[[4.9, 52.37], [4.91, 52.37], [4.91, 52.38], [4.9, 52.37]]],
        [[[4.8, 52.37, 1], [4.81, 52.37], [4.81, 52.38, 1], [4.8, 52.37, 1]]]]}],
}


@pytest.mark.parametrize("case", sorted(MIXED))
def test_mixed_2d_and_3d_positions_are_read_with_the_height_dropped(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geo.validate import validate_file

    path = tmp_path / f"{case}.geojson"
    path.write_text(collection(*MIXED[case]), encoding="utf-8")
    report = validate_file(path)
    assert report.readable and report.ok, report.to_text()
    z_notes = [p for p in report.problems if p.code == "z_dropped"]
    assert z_notes and all(p.field == "geometry" and p.severity == "note" for p in z_notes)
    assert not report.projects.geometry.has_z.any()
    assert len(report.projects) == len(MIXED[case])

    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3D coordinates; the height (Z) was dropped" in out and "Traceback" not in out
    register = tmp_path / "register.geojson"
    assert main(["add", str(path), "--register", str(register)]) == 0
    stored = json.loads(register.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["name"] for f in stored] == \
        [f"P{i}" for i in range(1, len(MIXED[case]) + 1)]
    page = tmp_path / "map.html"
    assert main(["build", "--projects", str(path), "--out", str(page)]) == 0
    assert page.stat().st_size > 0
    assert "unexpected" not in capsys.readouterr().out


def nested(levels: int, leaf: str = "1") -> str:
    return '{"a":' * levels + leaf + "}" * levels


def with_property(column: str, value_json: str) -> str:
    """A one-feature collection whose ``column`` holds ``value_json`` as written."""
    props = ",".join(f'"{k}":{json.dumps(v)}' for k, v in PROPS.items() if k != column)
    return ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{'
            f'{props},"{column}":{value_json}}},'
            '"geometry":{"type":"Point","coordinates":[4.9,52.37]}}]}')


@pytest.mark.parametrize("levels", [70, 500])
def test_deeply_nested_value_in_a_known_column_names_feature_and_column(
        levels: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.geojson"
    path.write_text(with_property("naam", nested(levels)), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    text = capsys.readouterr().out
    assert "feature 1, field 'naam': must be text, not a list or object" in text
    assert main(["validate", str(path), "--format", "json"]) == 1
    got = json.loads(capsys.readouterr().out)
    [problem] = [p for p in got["problems"] if p["severity"] == "error"]
    assert (problem["feature"], problem["column"]) == (1, "naam")
    assert len(json.dumps(problem["value"])) < 2000  # the first levels, then a cut text
    register = tmp_path / "register.geojson"
    assert main(["add", str(path), "--register", str(register)]) == 1
    assert "field 'naam'" in capsys.readouterr().err and not register.exists()


def test_deep_value_in_an_ignored_column_is_dropped_with_a_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.geojson"
    path.write_text(with_property("extra", nested(500)), encoding="utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert any("extra" in p["message"] for p in got["problems"])


def test_a_million_items_in_a_property_give_a_short_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.geojson"
    path.write_text(with_property("naam", json.dumps(list(range(1_000_000)))), encoding="utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert len(out) < 20_000  # the value was 6.9 MB
    [problem] = [p for p in json.loads(out)["problems"] if p["severity"] == "error"]
    assert (problem["feature"], problem["column"]) == (1, "naam")
    assert problem["value"].startswith("[0, 1, 2")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mapbuilder", *args], capture_output=True,
                          text=True, timeout=300, check=False, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "TRANSITIEKAART_LANG": "en"})


@pytest.mark.parametrize("opener", ["object", "list"])
def test_100000_levels_are_refused_with_a_message_in_a_real_process(
        opener: str, tmp_path: Path) -> None:
    deep = nested(100_000) if opener == "object" else "[" * 100_000 + "1" + "]" * 100_000
    path = tmp_path / "deep.geojson"
    path.write_text(with_property("extra", deep), encoding="utf-8")
    for args in (["validate", str(path)], ["validate", str(path), "--format", "json"],
                 ["add", str(path), "--register", str(tmp_path / "register.geojson")]):
        proc = run_cli(*args)
        assert proc.returncode in (1, 2), (args, proc.returncode, proc.stderr[-500:])
        both = proc.stdout + proc.stderr
        assert "is nested too deeply to be a project file" in both, both[-1000:]
        assert "Traceback" not in both and len(both) < 5000
    assert not (tmp_path / "register.geojson").exists()


SLIVER = [[5.001, 52.501], [5, 52.5], [5, 52.5005], [5.0005, 52.5005], [5.001, 52.501]]
"""A polygon valid in lon/lat that crosses itself once projected to RD New (found by the
page's polygon parity test): GEOS's overlay stopped with "side location conflict"."""


def test_a_polygon_invalid_only_in_rd_new_is_placed_not_an_unexpected_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shapely

    from geo.combine import largest_overlap
    from layers.boundaries import load_municipalities

    assert shapely.Polygon(SLIVER).is_valid
    mun = load_municipalities()
    best, pts = largest_overlap(np.array([shapely.Polygon(SLIVER)], dtype=object),
                                np.asarray(mun.geometry.array, dtype=object))
    assert best[0] >= 0 and shapely.Polygon(SLIVER).buffer(1e-4).contains(pts[0])
    path = tmp_path / "sliver.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Sliver", "theme": "hydrogen",
                                           "amount_eur": 1000},
         "geometry": {"type": "Polygon", "coordinates": [SLIVER]}}]}), encoding="utf-8")
    reg = tmp_path / "reg.geojson"
    assert main(["validate", str(path)]) == 0
    assert main(["add", str(path), "--register", str(reg)]) == 0
    assert main(["build", "--register", str(reg), "--tiles", "none",
                 "--out", str(tmp_path / "m.html")]) == 0
    out = capsys.readouterr()
    assert "onverwachte" not in out.out + out.err and "Exception" not in out.out + out.err
