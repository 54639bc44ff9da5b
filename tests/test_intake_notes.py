"""A theme name broader than the theme it is read as gets a note naming the match (issue 20,
a new user's finding: "Circulaire economie" was read as circular construction without a
word). The per-feature checks, the fast path for large GeoJSON files and the page's check
(which has not ported the note, so it must call itself incomplete) agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.analysis import analyse
from geo.themes import BROADER_NAMES, match_theme
from geo.validate import validate_file
from layers.lang import use_lang
from tests.test_check_parity import NODE, check_js

SHEET = """\
naam;thema;bedrag_eur;gemeente
Grondstoffenhub;Circulaire economie;1.250.000;Zaanstad
Houtbouw;Circulair bouwen;750.000;Almere
Waterstofbus;Waterstof;500.000;Almere
"""


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ["'Circulaire economie' is gelezen als het thema 'Circulair, biobased en "
            "modulair bouwen' (circular_construction)", "niet om de hele circulaire economie"]),
    ("en", ["'Circulaire economie' was read as the theme 'Circular, biobased and modular "
            "construction' (circular_construction)", "not the whole circular economy"])])
def test_a_broader_theme_name_is_read_with_a_note(lang: str, words: list[str], tmp_path: Path,
                                                  region) -> None:
    path = tmp_path / "thema.csv"
    path.write_text(SHEET, encoding="utf-8")
    with use_lang(lang):
        report = validate_file(path)
    assert report.ok, report.to_text()
    notes = [p for p in report.problems if p.code == "theme_broader"]
    assert [(p.feature, p.severity, p.field) for p in notes] == [(1, "note", "theme")]
    assert all(w in notes[0].message for w in words), notes[0].message
    # read as the theme, counted as before: hand-checked, € 2.000.000 circular construction
    projects = report.projects.set_index("name")
    assert projects.loc["Grondstoffenhub", "theme"] == "circular_construction"
    mra = analyse(report.projects, region).mra.iloc[0]
    assert mra["eur_circular_construction"] == 2_000_000 and mra["total_eur"] == 2_500_000


def test_only_the_broader_names_get_the_note() -> None:
    for code, names in BROADER_NAMES.items():
        for name in names:
            m = match_theme(name.upper())
            assert (m.code, m.broader) == (code, True), name
    for name in ("Circulair bouwen", "circulaire bouw", "Biobased en modulair bouwen",
                 "Circulair, biobased en modulair bouwen", "Waterstof"):
        assert not match_theme(name).broader, name


def test_the_fast_path_gives_the_same_note(tmp_path: Path) -> None:
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.8, 52.44]},
                 "properties": {"id": f"P-{k}", "name": f"Project {k}", "amount_eur": 1000000,
                                "theme": "Circular economy" if k == 7 else "hydrogen"}}
                for k in range(400)]
    path = tmp_path / "groot.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    with use_lang("en"):
        report = validate_file(path)
    assert report.ok
    assert [p.feature for p in report.problems if p.code == "theme_broader"] == [8]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_pages_check_gives_the_broader_theme_note(tmp_path: Path) -> None:
    points = ("id;naam;thema;bedrag_eur;lon;lat\n"
              "P-1;Grondstoffenhub;{theme};1250000;4,8237;52,4410\n"
              "P-2;Waterstofbus;Waterstof;500000;5,2200;52,3700\n")
    paths = []
    for k, theme in enumerate(("Circulaire economie", "Circulair bouwen")):
        paths.append(tmp_path / f"punten{k}.csv")
        paths[-1].write_text(points.format(theme=theme), encoding="utf-8")
    broader, plain = check_js(paths, "nl")
    assert plain["complete"] and plain["ok"] is True  # the same file, a plain theme name
    # the broader name: the page gives validate's note (lib/check_themes.js broaderNote)
    with use_lang("nl"):
        want = validate_file(paths[0]).to_dict()
    assert broader["complete"] and broader["ok"] is True
    assert [(p["code"], p["row"], p["column"], p["message"], p["hint"])
            for p in broader["problems"]] == \
        [(p["code"], p["row"], p["column"], p["message"], p["hint"]) for p in want["problems"]]
    assert "theme_broader" in [p["code"] for p in broader["problems"]]
