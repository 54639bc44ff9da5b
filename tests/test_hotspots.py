"""Hot spots (Gi*) and Moran's I / LISA against PySAL called directly.

geo.getisord and geo.autocorrelation wrap esda; these tests build the weights
themselves (from h3 and from libpysal's Queen), call esda, and require the same
numbers. The page's JavaScript port is held to the same in
tests/test_hotspots_parity.py and tests/e2e/test_hotspots.py.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import esda
import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import pytest
import shapely
from libpysal.weights import Queen, W
from scipy.stats import norm
from shapely.geometry import box

from geo.analysis import Analysis, analyse
from geo.autocorrelation import (
    MIN_AREAS,
    PERMUTATIONS,
    SEED,
    lisa_labels,
    municipality_weights,
    rates,
)
from geo.comparison import compare, compare_areas
from geo.getisord import MIN_PROJECTS, hotspots, study_area
from layers.errors import TransitiekaartError
from layers.region import Region
from layers.settings import SETTINGS
from mapbuilder.compare.formats import format_comparison
from tests.conftest import make_projects

ROOT = Path(__file__).resolve().parents[1]
CENTRE_RD = (121_400, 487_400)  # the Dam, Amsterdam (RD New): the planted cluster


@pytest.fixture(scope="module")
def area(region: Region):
    return study_area(region)


@pytest.fixture(scope="module")
def planted(region: Region) -> Analysis:
    """120 uniform small projects over the MRA and 60 large ones around one point."""
    rng = np.random.default_rng(5)
    mra = region.municipalities.to_crs(SETTINGS.crs_metric).union_all()
    x0, y0, x1, y1 = mra.bounds
    xy = np.column_stack([rng.uniform(x0, x1, 2000), rng.uniform(y0, y1, 2000)])
    xy = xy[shapely.contains_xy(mra, xy[:, 0], xy[:, 1])][:120]
    cx, cy = CENTRE_RD
    r, a = 2500 * np.sqrt(rng.uniform(0, 1, 60)), rng.uniform(0, 2 * np.pi, 60)
    xy = np.vstack([xy, np.column_stack([cx + r * np.cos(a), cy + r * np.sin(a)])])
    ll = gpd.GeoSeries(shapely.points(xy), crs=SETTINGS.crs_metric).to_crs(SETTINGS.crs_wgs84)
    amounts = np.r_[rng.integers(1, 20, 120) * 10_000, rng.integers(10, 50, 60) * 1e6]
    rows = [(f"p{i}", f"Project {i}", "hydrogen", float(amounts[i]), p.x, p.y)
            for i, p in enumerate(ll)]
    return analyse(make_projects(rows), region)


def test_study_area_is_every_cell_whose_centre_lies_in_the_mra(region: Region, area) -> None:
    mra = region.municipalities.to_crs(SETTINGS.crs_wgs84).union_all()
    centres = np.array([h3.cell_to_latlng(c)[::-1] for c in area.cells])
    assert shapely.contains_xy(mra, centres[:, 0], centres[:, 1]).all()
    ring = {n for c in area.cells for n in h3.grid_disk(c, 1)} - set(area.cells)
    outside = np.array([h3.cell_to_latlng(c)[::-1] for c in ring])
    assert not shapely.contains_xy(mra, outside[:, 0], outside[:, 1]).any()
    assert all(h3.get_resolution(c) == SETTINGS.h3_resolution for c in area.cells)
    where = {c: i for i, c in enumerate(area.cells)}
    for c, nb in zip(area.cells, area.neighbours, strict=True):
        assert sorted(where[n] for n in h3.grid_ring(c, 1) if n in where) == nb


def test_each_cell_knows_the_municipality_of_its_centre(region: Region, area) -> None:
    from mapbuilder.mappage.hotspot_layer import cell_municipalities

    codes = list(region.municipalities["code"])[::-1]  # any order the page uses
    mun = cell_municipalities(area, region, codes)
    assert (mun >= 0).all()  # every centre lies in the MRA, so in one municipality
    shapes = region.municipalities.set_index("code").geometry
    for cell, k in zip(area.cells[::37], mun[::37], strict=True):
        lat, lon = h3.cell_to_latlng(cell)
        assert shapes[codes[k]].contains(shapely.Point(lon, lat))


def _esda_hotspots(y: np.ndarray, cells: list[str]) -> tuple[np.ndarray, np.ndarray,
                                                             np.ndarray]:
    """esda directly: binary contiguity from h3, Gi*, two-sided p, esda.fdr."""
    where = {c: i for i, c in enumerate(cells)}
    nb = {i: [where[n] for n in h3.grid_ring(c, 1) if n in where] for i, c in enumerate(cells)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = W(nb, silence_warnings=True)
        g = esda.G_Local(y, w, transform="B", star=True, permutations=0)
    p = 2 * norm.sf(np.abs(g.Zs))
    sig = p <= esda.fdr(p, 0.05)
    cls = np.where(sig & (g.Zs > 0), "hot", np.where(sig & (g.Zs < 0), "cold", "ns"))
    return g.Zs, p, cls


def test_hotspots_equal_esda_called_directly(planted: Analysis, area) -> None:
    table = hotspots(planted, area=area)
    assert table.crs == SETTINGS.crs_wgs84 and len(table) == len(area.cells)
    # the values: each project's euros in its cell
    pts = planted.projects["point"]
    cells = [h3.latlng_to_cell(p.y, p.x, area.resolution) for p in pts]
    y = (pd.Series(planted.projects["amount_eur"].to_numpy(), index=cells).groupby(level=0)
         .sum().reindex(area.cells).fillna(0.0).to_numpy())
    assert np.allclose(table["eur"], y)
    z, p, cls = _esda_hotspots(y, area.cells)
    assert np.allclose(table["z"], z, rtol=1e-12)
    assert np.allclose(table["p"], p, rtol=1e-12)
    assert list(table["class"]) == list(cls)
    c = gpd.GeoSeries(shapely.points([CENTRE_RD]), crs=SETTINGS.crs_metric).to_crs(
        SETTINGS.crs_wgs84).iloc[0]
    centre = h3.latlng_to_cell(c.y, c.x, area.resolution)
    assert table.set_index("h3").at[centre, "class"] == "hot"
    assert (table["class"] == "hot").sum() >= 3
    # bins: nested, signed, and hot/cold exactly where 95 % is reached
    assert set(table["bin"]) <= {-99, -95, -90, 0, 90, 95, 99}
    assert ((table["class"] != "ns") == (table["bin"].abs() >= 95)).all()
    assert (np.sign(table["bin"]) * np.sign(table["z"]) >= 0).all()


def test_hotspots_of_a_selection_and_too_little_data(planted: Analysis, area) -> None:
    big = (planted.projects["amount_eur"] >= 1e6).to_numpy()
    table = hotspots(planted, big, area=area)
    assert table.attrs["located"] == int(big.sum())
    assert table["n"].sum() == int(big.sum())
    few = np.zeros(len(big), dtype=bool)
    few[np.flatnonzero(big)[: MIN_PROJECTS - 1]] = True
    small = hotspots(planted, few, area=area)
    assert small.attrs["too_little_data"] == "projects"
    assert small["z"].isna().all() and (small["class"] == "ns").all()
    with pytest.raises(TransitiekaartError, match=rf"{len(big) - 1} waarden.*{len(big)} projecten"):
        hotspots(planted, big[:-1], area=area)


def test_projects_placed_by_municipality_are_left_out_and_counted(
        sample_analysis: Analysis, area) -> None:
    a = sample_analysis
    table = hotspots(a, area=area)
    located = int(table["n"].sum())
    in_mra = int(a.projects["in_mra"].sum())
    assert table.attrs["located"] == located
    assert table.attrs["left_out"] == in_mra - located


# ---------------------------------------------------------------- Moran's I and LISA


def test_weights_are_libpysal_queen_of_the_municipalities(region: Region) -> None:
    mine = municipality_weights(region)
    mun = region.municipalities.to_crs(SETTINGS.crs_metric)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        queen = Queen.from_dataframe(mun, ids=list(mun["code"]), silence_warnings=True)
    assert not queen.islands  # the MRA's municipalities all touch another
    assert {k: sorted(v) for k, v in mine.neighbors.items()} == \
           {k: sorted(v) for k, v in queen.neighbors.items()}
    assert mine.transform == "R"


def test_an_area_without_neighbours_gets_its_nearest() -> None:
    squares = [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(5000, 0, 6000, 1000),
               box(9500, 0, 10_500, 1000)]
    region = SimpleNamespace(municipalities=gpd.GeoDataFrame(
        {"code": ["A", "B", "C", "D"]}, geometry=squares, crs=SETTINGS.crs_metric))
    w = municipality_weights(region)
    assert w.neighbors["C"] == ["B", "D"]  # C: B at 3 km; D: C at 3.5 km
    assert w.neighbors["D"] == ["C"]
    assert sorted(w.neighbors["B"]) == ["A", "C"]
    assert not w.islands


def test_morans_i_equals_esda_moran_on_the_same_weights(sample_analysis: Analysis,
                                                        region: Region) -> None:
    sa = sample_analysis.spatial_autocorrelation
    mun = region.municipalities.to_crs(SETTINGS.crs_metric)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        queen = Queen.from_dataframe(mun, ids=list(mun["code"]), silence_warnings=True)
    queen.transform = "r"
    y = rates(sample_analysis, list(mun["code"]))["per_inhabitant"]
    np.random.seed(SEED)
    ref = esda.Moran(y, queen, permutations=PERMUTATIONS)
    got = sa["per_inhabitant"]
    assert got["I"] == pytest.approx(ref.I, rel=1e-12)
    assert got["EI"] == pytest.approx(ref.EI, rel=1e-12)
    assert got["p_sim"] == pytest.approx(ref.p_sim)
    assert got["z"] == pytest.approx(ref.z_sim, rel=1e-9)
    assert got["reading"] in ("clustered", "dispersed", "no_pattern")
    hyd = rates(sample_analysis, list(mun["code"]))["hydrogen"]
    np.random.seed(SEED)
    assert sa["themes"]["hydrogen"]["I"] == pytest.approx(esda.Moran(hyd, queen).I, rel=1e-12)


def test_lisa_equals_esda_moran_local(sample_analysis: Analysis, region: Region) -> None:
    labels = lisa_labels(sample_analysis)
    w = municipality_weights(region)
    y = rates(sample_analysis, list(w.id_order))["per_inhabitant"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        lm = esda.Moran_Local(y, w, permutations=PERMUTATIONS, seed=SEED, n_jobs=1)
    names = {1: "high-high", 2: "low-high", 3: "low-low", 4: "high-low"}
    want = [names[q] if p <= 0.05 else "ns" for q, p in zip(lm.q, lm.p_sim, strict=True)]
    assert list(labels) == want
    assert list(labels.index) == list(w.id_order)
    table = compare(sample_analysis, by="municipality")
    assert table.loc[labels.index, "lisa"].tolist() == want


def test_compare_json_has_spatial_autocorrelation_and_lisa(sample_analysis: Analysis) -> None:
    doc = json.loads(format_comparison(compare_areas(sample_analysis, by="municipality"),
                                       "json", "en"))
    sa = doc["spatial_autocorrelation"]
    assert set(sa["per_inhabitant"]) >= {"I", "EI", "z", "p_sim"}
    assert sa["per_inhabitant"]["I"] == pytest.approx(
        sample_analysis.spatial_autocorrelation["per_inhabitant"]["I"])
    assert set(sa["themes"]) == set(sample_analysis.spatial_autocorrelation["themes"])
    lisa = {a["key"]: a["lisa"] for a in doc["areas"]}
    assert set(lisa.values()) <= {"high-high", "low-low", "high-low", "low-high", "ns"}
    by_sub = json.loads(format_comparison(compare_areas(sample_analysis), "json", "en"))
    assert "lisa" not in by_sub["areas"][0]
    assert by_sub["spatial_autocorrelation"]["per_inhabitant"] == sa["per_inhabitant"]


def test_too_few_municipalities_say_so_instead_of_a_figure(region: Region) -> None:
    rows = [(f"p{i}", f"P {i}", "health", 1e6 * (i + 1), 4.90 + 0.001 * i, 52.37)
            for i in range(40)]  # all in Amsterdam
    a = analyse(make_projects(rows), region)
    sa = a.spatial_autocorrelation
    assert sa["n_municipalities_with_projects"] < MIN_AREAS
    assert sa["per_inhabitant"]["I"] is None
    assert sa["per_inhabitant"]["reading"] == "too_little_data"
    text = format_comparison(compare_areas(a, by="municipality"), "table", "en")
    assert "too little data" in text and "Moran's I): I =" not in text
    nl = format_comparison(compare_areas(a, by="municipality"), "md", "nl")
    assert "te weinig gegevens" in nl
    assert compare(a, by="municipality")["lisa"].isna().all()


def test_build_does_not_import_esda_or_libpysal(tmp_path: Path) -> None:
    """The map page computes Gi* itself: `transitiekaart build` never loads PySAL."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['transitiekaart', 'build', '--tiles', 'none', '--out', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('mapbuilder', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('esda', 'libpysal'))\n"
        "print('PYSAL', loaded, 'getisord' if 'geo.getisord' in sys.modules else '')\n"
    )
    out = tmp_path / "map.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", probe, str(out)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=300, check=True)
    assert out.stat().st_size > 100_000
    assert "PYSAL [] getisord" in res.stdout, res.stdout[-500:]  # the layer was built


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_lisa_and_morans_i_in_every_format(sample_analysis: Analysis, lang: str,
                                           tmp_path: Path) -> None:
    import openpyxl

    from mapbuilder.compare.xlsx import write_workbook

    result = compare_areas(sample_analysis, by="municipality")
    table = result.table
    flagged = table.loc[table["lisa"].notna() & (table["lisa"] != "ns")]
    assert len(flagged)  # the sample has at least one LISA cluster
    name, label = str(flagged["name"].iloc[0]), str(flagged["lisa"].iloc[0])
    word = {"nl": {"high-high": "hoog-hoog", "low-low": "laag-laag", "high-low": "hoog-laag",
                   "low-high": "laag-hoog"}, "en": {}}[lang].get(label, label)
    reading = {"no_pattern": {"nl": "geen patroon", "en": "no pattern"},
               "clustered": {"nl": "geclusterd", "en": "clustered"},
               "dispersed": {"nl": "gespreid", "en": "dispersed"}}[
        sample_analysis.spatial_autocorrelation["per_inhabitant"]["reading"]][lang]
    for fmt in ("table", "md"):
        text = format_comparison(result, fmt, lang)
        row = next(ln for ln in text.splitlines() if ln.lstrip("| ").startswith(name)
                   and word in ln)
        assert word in row and "Moran's I" in text and reading in text
    plain = format_comparison(result, "csv-plain", lang)  # for scripts: keys and codes
    back = pd.read_csv(io.StringIO(plain), comment="#", index_col=0)
    assert back.loc[flagged.index[0], "lisa"] == label
    assert "Moran's I" in plain
    excel = format_comparison(result, "csv", lang)  # for Excel: the label in words
    sep = "," if lang == "en" else ";"
    row = next(ln for ln in excel.splitlines() if f"{sep}{name}{sep}" in ln)
    assert word in row
    path = write_workbook(tmp_path / "c.xlsx", {"municipality": result}, lang=lang)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    values = [[c.value for c in r] for r in ws.iter_rows()]
    row = next(r for r in values if r[0] == name)
    assert word in row
    notes = " ".join(str(c.value) for c in wb.worksheets[-1]["A"] if c.value)
    assert "Moran's I" in notes and reading in notes
