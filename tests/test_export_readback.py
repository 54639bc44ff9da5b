"""Every export the tool makes reads back into the same register: ``list --format
csv|xlsx|geojson`` and the page's CSV and GeoJSON exports (the page's own code, lib/csv.js
and filter.js, run by node on the payload the page gets), in both languages, give
``add --update`` "already present and unchanged" for every project and no note at all
(the trial found the page's GeoJSON noted ``in_mra`` as ignored and a misleading
"scope 'Amsterdam'" on points in other subregions)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from geo.analysis import analyse
from geo.register import read_register
from layers import Region
from mapbuilder.cli import main as cli_main
from mapbuilder.mappage.check_rules import check_rules
from mapbuilder.mappage.points import decode_payload, encode_payload, project_payload
from mapbuilder.register_export import list_order
from tests.test_check_parity import NODE

STATIC = Path(__file__).resolve().parents[1] / "mapbuilder" / "static"


def _feature(pid: str, name: str, lonlat: tuple[float, float] | None = None,
             **place: str) -> dict:
    props = {"id": pid, "name": name, "theme": "Waterstof", "amount_eur": 1_250_000,
             "status": "gepland", "start_year": 2026, "organisation": "Gemeente", **place}
    geometry = {"type": "Point", "coordinates": list(lonlat)} if lonlat else None
    return {"type": "Feature", "properties": props, "geometry": geometry}


FEATURES = [
    _feature("RB-1", "Waterstofhub Westpoort", (4.82, 52.41)),  # Amsterdam
    _feature("RB-2", "Preventieakkoord Kennemerland", (4.6368, 52.3874)),  # Haarlem
    _feature("RB-3", "Laadplein Zaandam", (4.8302, 52.4386)),  # Zaanstad
    _feature("RB-4", "Houtbouw Almere", gemeente="Almere"),
    _feature("RB-5", "Warmte IJmond", deelregio="IJmond"),
    _feature("RB-6", "Regionale datadeling", deelregio="MRA-breed"),
]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readback")
    src = folder / "projecten.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": FEATURES}), "utf-8")
    reg = folder / "projects.geojson"
    assert cli_main(["add", str(src), "--register", str(reg)]) == 0
    return reg


def _node(script: str, data: dict) -> str:
    assert NODE is not None
    out = subprocess.run([NODE, "-e", script], input=json.dumps(data), capture_output=True,
                         text=True, check=True, encoding="utf-8")
    return out.stdout


def _payload(reg: Path, region: Region, lang: str) -> dict:
    analysis = analyse(read_register(reg), region)
    mun = region.municipalities
    subs = [str(s) for s in analysis.subregions.index]
    payload = project_payload(analysis.projects, [], [], mun[["code", "name", "subregion"]],
                              lang, subregions=subs, mun_labels=None)
    payload["areas"] = {"mun": {"name": [str(v) for v in mun["name"]]},
                        "sub": {"name": subs}}
    payload = decode_payload(encode_payload(payload))  # as the page receives it
    payload["lang"] = lang
    payload["_rows"] = [int(i) for i in list_order(analysis.projects["amount_eur"])]
    return payload


def _page_csv(payload: dict, lang: str) -> bytes:
    script = (f"const C = require({json.dumps(str(STATIC / 'lib' / 'csv.js'))});"
              "const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(C.register(i.d, i.d._rows, i.spec, i.lang)));")
    text = json.loads(_node(script, {"d": payload, "spec": check_rules()["export"],
                                     "lang": lang}))
    return text.encode("utf-8")


def _page_geojson(payload: dict) -> bytes:
    """TK.geojson of the page's filter.js, every project selected."""
    lib = STATIC / "lib"
    script = (
        "global.window = {transitiekaart: {lib: {"
        f"classes: require({json.dumps(str(lib / 'classes.js'))}),"
        f"fragment: require({json.dumps(str(lib / 'fragment.js'))})}}}}}};"
        f"require({json.dumps(str(STATIC / 'filter.js'))});"
        "const TK = window.transitiekaart;"
        "const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "TK.data = i.d; TK.checkRules = {export: i.spec};"
        "TK.selected = function () { return i.d.name.map(function (_, k) { return k; }); };"
        "process.stdout.write(TK.geojson());")
    return _node(script, {"d": payload, "spec": check_rules()["export"]}).encode("utf-8")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["csv", "xlsx", "geojson", "page-csv", "page-geojson"])
def test_every_export_reads_back_unchanged_with_no_note(
        register: Path, region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        kind: str, lang: str) -> None:
    suffix = kind.removeprefix("page-")
    export = tmp_path / f"export.{suffix}"
    if kind.startswith("page-"):
        payload = _payload(register, region, lang)
        export.write_bytes(_page_csv(payload, lang) if suffix == "csv"
                           else _page_geojson(payload))
    else:
        assert cli_main(["list", "--format", kind, "--out", str(export), "--register",
                         str(register), "--lang", lang]) == 0
    copy = tmp_path / "copy.geojson"
    shutil.copy(register, copy)
    capsys.readouterr()
    assert cli_main(["add", str(export), "--update", "--register", str(copy),
                     "--lang", lang]) == 0
    out = capsys.readouterr()
    n = len(FEATURES)
    unchanged = (f"0 toegevoegd, 0 vervangen, {n} al aanwezig en ongewijzigd" if lang == "nl"
                 else f"0 added, 0 replaced, {n} already present and unchanged")
    assert unchanged in out.out, out.out
    assert out.out.strip().count("\n") == 0, f"more than the register's line:\n{out.out}"
    assert not out.err.strip(), out.err
    assert copy.read_bytes() == register.read_bytes()


_POINTS = [(4.82, 52.41), (4.6368, 52.3874), (4.8302, 52.4386), (4.90, 52.37), (4.63, 52.38)]


@pytest.mark.parametrize("same", [True, False])
def test_a_grouped_note_shows_a_value_only_when_all_have_it(tmp_path: Path,
                                                            same: bool) -> None:
    """A partner's points with a subregion column (no place column saying "point"): one
    grouped note, whose wording names no one feature's scope; "(ontvangen: ...)" only when
    every project wrote the same."""
    from geo.validate import validate_file

    subs = ["IJmond"] * 5 if same else ["Amsterdam", "Zuid-Kennemerland", "IJmond",
                                        "Amsterdam", "MRA-breed"]
    features = [_feature(f"G-{k}", f"Project {k}", lonlat, deelregio=sub)
                for k, (lonlat, sub) in enumerate(zip(_POINTS, subs, strict=True))]
    path = tmp_path / "partner.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    report = validate_file(path)
    assert len([p for p in report.problems if p.code == "scope_with_coordinates"]) == 5
    (line,) = [x for x in report.to_text().splitlines() if "5×" in x]
    assert "als reikwijdte" in line and "reikwijdte 'Amsterdam'" not in line
    assert ("ontvangen" in line) == same
    assert ("(ontvangen: 'IJmond')" in line) == same
