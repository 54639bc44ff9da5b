"""The page's Gi* (static/lib/hotspots.js) against esda on the real study area.

Hypothesis generates euros per cell (many zeros, a few large values, ties);
node runs the page's module on all of them at once, and z, p, the
Benjamini-Hochberg cut-off, the classes and the bins must equal esda's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import esda
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from libpysal.weights import W
from scipy.stats import norm

from geo.getisord import classify, study_area
from layers.region import load_region

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "hotspots.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

AREA = study_area(load_region())
START, NB = AREA.csr()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    WEIGHTS = W(dict(enumerate(AREA.neighbours)), silence_warnings=True)


def run_js(cases: list[list[float]]) -> list[dict]:
    script = (
        f"const H = require({json.dumps(str(LIB))});"
        "const inp = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(inp.cases.map((y) => {"
        "  const r = H.analyse(y, 1000, inp.start, inp.nb, "
        "                      {alpha: 0.05, minProjects: 30, minCells: 5});"
        "  return {z: Array.from(r.z), p: Array.from(r.p), cls: r.cls, bin: Array.from(r.bin),"
        "          cut: r.cut};"
        "})));"
    )
    data = {"cases": cases, "start": START.tolist(), "nb": NB.tolist()}
    out = subprocess.run([NODE, "-e", script], input=json.dumps(data), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


amounts = st.one_of(st.just(0.0), st.just(0.0), st.just(0.0),
                    st.integers(1, 10**9).map(float), st.sampled_from([5e5, 1e6, 2.5e7]))


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(AREA.cells) - 1), amounts), min_size=5,
                max_size=400),
       st.lists(st.integers(0, len(AREA.cells) - 1), min_size=0, max_size=6))
def test_js_gi_star_equals_esda(cells_amounts: list, cluster: list[int]) -> None:
    cases = []
    for bump in (0.0, 5e7):  # as drawn, and with a planted cluster around a few cells
        y = np.zeros(len(AREA.cells))
        for i, v in cells_amounts:
            y[i] += v
        for c in cluster:
            for j in [c, *AREA.neighbours[c]]:
                y[j] += bump
        if (y > 0).sum() >= 5:
            cases.append(y)
    if not cases:
        return
    got = run_js([y.tolist() for y in cases])
    for y, js in zip(cases, got, strict=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = esda.G_Local(y, WEIGHTS, transform="B", star=True, permutations=0)
        p = 2 * norm.sf(np.abs(g.Zs))
        cls, bins = classify(g.Zs, p)
        assert np.allclose(js["z"], g.Zs, rtol=1e-10, atol=1e-12)
        assert np.allclose(js["p"], p, rtol=1e-10, atol=1e-300)
        assert js["cut"] == pytest.approx(esda.fdr(p, 0.05), rel=1e-12)
        assert js["cls"] == list(cls)
        assert js["bin"] == list(bins)
