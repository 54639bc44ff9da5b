"""geo.validate: every kind of input file, every problem with its feature and fix."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import Point

from geo.io import read_projects
from geo.themes import normalise_theme
from geo.validate import parse_amount, validate_file
from layers.errors import InputFileError

GOOD = Path(__file__).parent / "data" / "good"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (Dutch ones: tests/test_validate_partner.py)."""
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")


@pytest.mark.parametrize(("text", "expected"), [
    ("1.250.000", 1_250_000), ("€ 2.000.000", 2_000_000), ("1,25", 1.25),
    ("1.250.000,50", 1_250_000.5), ("1,250,000", 1_250_000), ("1,250,000.75", 1_250_000.75),
    ("2500000", 2_500_000), ("12.5", 12.5), ("0,250", 0.25), ("EUR 3.000.000", 3_000_000),
    ("1 250 000", 1_250_000), (1250, 1250), (12.5, 12.5), ("1e6", 1_000_000), ("", None),
    (None, None),
])
def test_amounts_that_are_read(text: object, expected: float | None) -> None:
    value, why = parse_amount(text)
    assert why is None
    assert value == expected


@pytest.mark.parametrize(("text", "fragment"), [
    ("1.250", "ambiguous"), ("1,250", "ambiguous"), ("-5", "negative"), (-1, "negative"),
    (math.nan, "not a finite"), (math.inf, "not a finite"), ("inf", "not a finite"),
    (5e15, "one trillion"), (10**400, "not a finite"), ("veel geld", "could not be read"),
    (True, "true/false"), ([1], "not a number"), ("1.2.3,4,5", "could not be read"),
])
def test_amounts_that_are_refused(text: object, fragment: str) -> None:
    value, why = parse_amount(text)
    assert value is None
    assert why is not None and fragment in why


@pytest.mark.parametrize(("name", "code"), [
    ("Waterstof", "hydrogen"), ("hydrogen", "hydrogen"), ("H2", "hydrogen"),
    ("AI", "ai"), ("kunstmatige intelligentie", "ai"), ("Datacenters", "digital_infra"),
    ("Slimme Mobiliteit", "smart_mobility"), ("circulair bouwen", "circular_construction"),
])
def test_theme_synonyms(name: str, code: str) -> None:
    assert normalise_theme(name) == code


def test_good_geojson_is_read_with_dutch_notation() -> None:
    report = validate_file(GOOD / "projects.geojson")
    assert report.ok and report.exit_code == 0
    p = report.projects.set_index("id")
    assert p.crs == "EPSG:4326"
    assert p.loc["gj-1", "theme"] == "hydrogen"
    assert p.loc["gj-1", "amount_eur"] == 2_000_000
    assert p.loc["gj-2", "theme"] == "ai"
    assert p.loc["gj-2", "amount_eur"] == 1.25
    assert p.loc["gj-1", "start_year"] == 2026
    assert p.loc["gj-1", "url"] == "https://example.nl/h2"


def test_hostile_text_is_kept_unchanged() -> None:
    report = validate_file(GOOD / "hostile_names.geojson")
    assert report.ok
    names = list(report.projects["name"])
    assert names == ["<script>alert('x')</script>", "`backticks` {{ template }} ${x}",
                     "Emoji 🚲⚡ project"]
    assert report.projects["organisation"].iloc[1] == "Zaanse <b>BV</b>"


def test_rd_geojson_with_crs_member_is_reprojected() -> None:
    report = validate_file(GOOD / "rd_declared.geojson")
    assert report.ok
    pt = report.projects.geometry.iloc[0]
    assert 4.7 < pt.x < 4.9 and 52.4 < pt.y < 52.5  # Zaandam


def test_notes_do_not_refuse_the_file() -> None:
    report = validate_file(GOOD / "with_notes.geojson")
    assert report.ok and len(report.projects) == 6
    text = report.to_text()
    assert "feature 1" in text and "3D coordinates" in text
    assert "make_valid" in text and "feature 2" in text
    assert "outside the MRA" in text and "Utrechts project" in text
    assert "derived from its theme, name and organisation" in text
    assert "same name as feature 5" in text and "9 m" in text
    assert all(p.severity == "note" for p in report.problems)
    assert not report.projects.geometry.has_z.any()
    assert report.projects.geometry.is_valid.all()


def test_derived_id_is_stable(tmp_path: Path) -> None:
    first = validate_file(GOOD / "with_notes.geojson").projects["id"].iloc[3]
    again = validate_file(GOOD / "with_notes.geojson").projects["id"].iloc[3]
    assert first == again and first.startswith("p-")


def test_ndjson_and_csv() -> None:
    nd = validate_file(GOOD / "projects.geojsonl")
    assert nd.ok and list(nd.projects["id"]) == ["nd-1", "nd-2"]
    semi = validate_file(GOOD / "projects_semicolon.csv")
    assert semi.ok
    assert semi.projects["amount_eur"].iloc[0] == 1_500_000
    assert semi.projects["theme"].tolist() == ["circular_construction", "health"]
    assert semi.projects.geometry.iloc[0].x == pytest.approx(4.947)


def test_csv_rd_needs_crs() -> None:
    refused = validate_file(GOOD / "projects_rd.csv")
    assert refused.exit_code == 1 and "--crs EPSG:28992" in refused.to_text()
    accepted = validate_file(GOOD / "projects_rd.csv", crs="EPSG:28992")
    assert accepted.ok
    assert accepted.projects.geometry.iloc[0].x == pytest.approx(5.47, abs=0.02)


def test_geopackage_layer_crs_is_respected(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"id": ["g1"], "name": ["Zaandam"], "theme": ["AI"],
                            "amount_eur": [10.0]},
                           geometry=[Point(116500, 494500)], crs="EPSG:28992")
    path = tmp_path / "p.gpkg"
    gdf.to_file(path, engine="pyogrio")
    report = validate_file(path)
    assert report.ok
    assert report.projects.geometry.iloc[0].y == pytest.approx(52.43, abs=0.02)


def test_every_problem_of_a_file_is_reported() -> None:
    bad = Path(__file__).parent / "data" / "bad" / "hostile_many_problems.geojson"
    report = validate_file(bad)
    assert {p.feature for p in report.errors} == {1, 2, 3}
    assert len(report.projects) == 0


def test_json_report_is_valid_json() -> None:
    report = validate_file(Path(__file__).parent / "data" / "bad" / "amount_text_nan.geojson")
    doc = json.loads(report.to_json())
    assert doc["exit_code"] == 1 and doc["n_errors"] == 1
    problem = doc["problems"][0]
    assert problem["feature"] == 1 and problem["field"] == "amount_eur"
    assert problem["value"] == "NaN" and problem["id"] == "p1"


def test_missing_path(tmp_path: Path) -> None:
    report = validate_file(tmp_path / "nope.geojson")
    assert report.exit_code == 2 and "not found" in report.to_text()


def test_read_projects_uses_the_validator(tmp_path: Path) -> None:
    gdf = read_projects([GOOD / "projects.geojson", GOOD / "projects.geojsonl"])
    assert len(gdf) == 5 and gdf.crs == "EPSG:4326"
    with pytest.raises(InputFileError, match="ambiguous"):
        read_projects([Path(__file__).parent / "data" / "bad" /
                       "amount_ambiguous_dot.geojson"])
    with pytest.raises(InputFileError, match="share the id"):
        read_projects([GOOD / "projects.geojson", GOOD / "projects.geojson"])


def test_same_name_far_apart_is_not_a_duplicate(tmp_path: Path) -> None:
    feats = [{"type": "Feature", "properties": {"id": i, "name": "Hub", "theme": "ai"},
              "geometry": {"type": "Point", "coordinates": [4.9, y]}}
             for i, y in (("a", 52.37), ("b", 52.3702), ("c", 52.372))]  # 22 m, 222 m
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    dups = [p for p in validate_file(path).problems if "same name" in p.message]
    assert [(p.feature, p.id) for p in dups] == [(2, "b")]


def test_problem_fields_match_its_constructor() -> None:
    """Problem's hand-written __init__ sets every dataclass field, in order, by name."""
    import dataclasses
    import inspect

    from geo.validate import Problem

    names = [f.name for f in dataclasses.fields(Problem)]
    assert list(inspect.signature(Problem).parameters) == names
    values = {n: f"v-{n}" for n in names}
    p = Problem(**values)
    assert dataclasses.asdict(p) == values and list(p.__dict__) == names
    assert Problem(**values) == p and hash(Problem(**values)) == hash(p)
    assert dataclasses.replace(p, code="x").code == "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.code = "y"  # type: ignore[misc]
    defaults = Problem("m")
    assert (defaults.severity, defaults.hint, defaults.feature) == ("error", "", None)
