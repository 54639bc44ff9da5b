"""The page's CSV export (lib/csv.js ``register``, fed by the page's payload) writes what
``list --format csv`` (:func:`mapbuilder.register_export.export_register`) writes, for
generated projects (hypothesis): amounts with cents, statuses kept as written, text with
separators, quotes and formula characters, coordinates with many decimals, and projects
placed in a municipality, a subregion or the whole MRA. The rows are given in
:func:`~mapbuilder.register_export.list_order`; that the page's list has that order is held
by tests/e2e/test_export_register.py, in a browser."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.analysis import analyse
from geo.validate import validate_file
from layers.lang import use_lang
from mapbuilder.mappage.check_rules import check_rules
from mapbuilder.mappage.points import decode_payload, encode_payload, project_payload
from mapbuilder.register_export import export_register, list_order
from tests.test_check_parity import NODE

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "csv.js"
THEMES = ["Waterstof", "Slimme mobiliteit", "hydrogen", "Circulair bouwen", "AI"]
STATUSES = [None, "gepland", "ongoing", "Verkenning", "in uitvoering", "Pilot fase"]
PLACES = [("gemeente", "Zaanstad"), ("gemeente", "Aalsmeer"), ("deelregio", "IJmond"),
          ("deelregio", "MRA-breed")]
TEXT = st.text(alphabet=st.sampled_from(list("ab ;,\"'=+-@éß€12")), min_size=1, max_size=12)


@st.composite
def _features(draw: st.DrawFn) -> list[dict]:
    out = []
    for k in range(draw(st.integers(1, 7))):
        props: dict = {
            "id": f"G-{k}", "name": draw(TEXT).strip() or "x",
            "theme": draw(st.sampled_from(THEMES)),
            "amount_eur": draw(st.one_of(st.none(), st.integers(1000, 10**9),
                                         st.sampled_from([2500000, 750000.5, 1234567.89]))),
            "status": draw(st.sampled_from(STATUSES)),
            "start_year": draw(st.one_of(st.none(), st.integers(2020, 2035))),
            "organisation": draw(st.one_of(st.none(), TEXT)),
            "description": draw(st.one_of(st.none(), TEXT)),
        }
        geometry = None
        if draw(st.booleans()):
            lon = draw(st.floats(4.75, 5.15)).__round__(draw(st.integers(2, 11)))
            lat = draw(st.floats(52.30, 52.45)).__round__(draw(st.integers(2, 11)))
            geometry = {"type": "Point", "coordinates": [lon, lat]}
        else:
            key, value = draw(st.sampled_from(PLACES))
            props["municipality" if key == "gemeente" else "subregion"] = value
        out.append({"type": "Feature", "properties": props, "geometry": geometry})
    return out


def _page_csv(payload: dict, rows: list[int], lang: str) -> str:
    script = (f"const C = require({json.dumps(str(LIB))});"
              "const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(C.register(i.d, i.rows, i.spec, i.lang)));")
    data = {"d": payload, "rows": rows, "spec": check_rules()["export"], "lang": lang}
    out = subprocess.run([NODE, "-e", script], input=json.dumps(data), capture_output=True,
                         text=True, check=True, encoding="utf-8")
    return json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_features(), st.sampled_from(["nl", "en"]))
def test_the_pages_csv_is_list_csv(region, features: list[dict], lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "projecten.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                   ensure_ascii=False), encoding="utf-8")
        with use_lang(lang):
            report = validate_file(path)
    assume(report.ok)
    projects = report.projects
    analysis = analyse(projects, region)
    mun = region.municipalities
    payload = project_payload(analysis.projects, [], [], mun[["code", "name", "subregion"]],
                              lang, subregions=[str(s) for s in analysis.subregions.index],
                              mun_labels=None)
    payload["areas"] = {"mun": {"name": [str(v) for v in mun["name"]]},
                        "sub": {"name": [str(s) for s in analysis.subregions.index]}}
    payload = decode_payload(encode_payload(payload))  # as the page receives it
    rows = [int(i) for i in list_order(analysis.projects["amount_eur"])]
    want = export_register(projects, "csv", lang=lang)
    assert _page_csv(payload, rows, lang) == "\ufeff" + want
