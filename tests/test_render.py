"""The rendered map: layers, legends, popups and safety, asserted on the HTML."""

from __future__ import annotations

import copy
import json
import re
import warnings
from html import unescape

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.themes import THEMES
from layers.errors import UnknownNameError
from layers.region import load_region
from mapbuilder import build_map, classify, render_analysis
from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.formatting import format_date, format_eur, format_number, format_percent
from mapbuilder.mappage.output import page_html
from mapbuilder.mappage.points import DATA_ID, decode_payload
from tests.conftest import make_projects

_DATA = re.compile(r'var data = (\{.*?\});\n\s*var target', re.S)
_KIND = re.compile(r'window\.transitiekaart\[("[^"]+")\] = window')


def layers_in(html: str) -> dict[str, list[dict]]:
    """Feature collections per layer kind, parsed back from the rendered page."""
    out: dict[str, list[dict]] = {}
    for block in html.split("var data = ")[1:]:
        data = json.loads(_DATA.match("var data = " + block).group(1))
        kind = json.loads(_KIND.search(block).group(1))
        out.setdefault(kind, []).extend(data["features"])
    return out


def panels_in(html: str) -> str:
    """The text of the map's panels (title, summary, legend), unescaped."""
    found = re.findall(r'div\.innerHTML = ("(?:[^"\\]|\\.)*");', html)
    return "\n".join(unescape(json.loads(f)) for f in found)


_BLOCK = re.compile(rf'<script type="text/plain" id="{DATA_ID}">\s*([^<]*)</script>')


def points_in(html: str) -> dict:
    """The project layer's payload, decoded from the page's data block."""
    blocks = _BLOCK.findall(html)
    assert len(blocks) == 1
    assert re.fullmatch(r"[A-Za-z0-9+/=\s]+", blocks[0])  # base64 only: inert in HTML
    return decode_payload(blocks[0])


def project(payload: dict, pid: str) -> dict:
    """One project's fields from the columnar payload."""
    i = payload["id"].index(pid)
    columns = ("x", "y", "t", "id", "name", "eur", "yr", "st", "org", "mun", "sub", "inm", "pl",
               "hx", "nvx", "smp")
    return {k: (v[i] if k in columns else v.get(str(i)) if k in ("desc", "url") else v)
            for k, v in payload.items()}


@pytest.fixture(scope="module")
def html(sample_analysis) -> str:
    return page_html(render_analysis(sample_analysis))


def test_layers_have_the_expected_features(html):
    layers = layers_in(html)
    assert len(layers["subregions"]) == 7
    assert len(layers["municipalities"]) == 30
    assert len(layers["novex"]) == 3
    assert len(layers["hexagons"]) > 10
    payload = points_in(html)
    assert payload["n"] == 74 == len(payload["x"]) == len(payload["name"])
    assert payload["codes"] == [t.code for t in THEMES]
    assert sorted(set(payload["t"])) == list(range(8))  # every theme has samples


def test_page_scripts_and_theme_colours(html):
    payload = points_in(html)
    assert payload["colours"] == [th.colour for th in THEMES]
    assert payload["codes"] == [th.code for th in THEMES]
    assert "window.transitiekaart.start(" in html
    assert "L.control.layers" not in html  # themes are listed once: as the filter
    assert "markerCluster" not in html and "leaflet.markercluster" not in html
    assert '"preferCanvas": true' in html
    assert "TK.apply = function" in html and "TK.start = function" in html


def test_areas_carry_what_the_page_needs_for_rates(html, sample_analysis):
    areas = points_in(html)["areas"]
    subs = sample_analysis.subregions
    assert areas["sub"]["name"] == list(subs["name"])
    assert areas["sub"]["pop"] == [float(v) for v in subs["population"]]
    assert np.allclose(areas["sub"]["km2"], subs["area_km2"])
    muns = sample_analysis.municipalities
    assert areas["mun"]["name"] == list(muns["name"]) and len(areas["mun"]["at"]) == 30
    assert [areas["sub"]["name"][k] for k in areas["mun"]["sub"]] == list(muns["subregion"])
    nvx = sample_analysis.novex
    assert areas["nvx"]["key"] == list(nvx["name"])
    assert [p is None for p in areas["nvx"]["pop"]] == list(nvx["population"].isna())
    assert areas["mra"]["pop"] == float(sample_analysis.mra["population"].iloc[0])


def test_label_points_lie_inside_their_areas(html, region):
    areas = points_in(html)["areas"]
    subs = region.subregions.set_index("subregion")
    for name, (lat, lon) in zip(areas["sub"]["name"], areas["sub"]["at"], strict=True):
        assert subs.loc[name, "geometry"].contains(shapely.Point(lon, lat)), name
    muns = region.municipalities.set_index("name")
    for name, (lat, lon) in zip(areas["mun"]["name"], areas["mun"]["at"], strict=True):
        assert muns.loc[name, "geometry"].contains(shapely.Point(lon, lat)), name


def test_projects_carry_their_precomputed_areas(html, sample_analysis):
    payload = points_in(html)
    a = sample_analysis.projects.reset_index(drop=True)
    subs, muns = payload["areas"]["sub"]["name"], payload["areas"]["mun"]["name"]
    assert [subs[k] if k >= 0 else None for k in payload["sub"]] == list(a["subregion"])
    assert [muns[k] if k >= 0 else None for k in payload["mun"]] == list(a["municipality"])
    assert payload["inm"] == [int(v) for v in a["in_mra"]]
    assert set(payload["pl"]) == {0}  # no "place" column: every project is a point
    codes = list(sample_analysis.region.novex["code"])
    for bits, combo in zip(payload["nvx"], a["novex"], strict=True):
        assert {c for b, c in enumerate(codes) if bits >> b & 1} == set(combo)
    # H3 cells: the same cells as geo's hexagon layer, with the same euros
    eur = np.bincount(payload["hx"], weights=np.maximum(payload["eur"], 0),
                      minlength=len(payload["cells"]))
    hexes = sample_analysis.hexagons.set_index("h3")["total_eur"]
    assert dict(zip(payload["cells"], eur, strict=True)) == hexes.to_dict()


def test_place_codes_for_projects_without_coordinates(region):
    """The contract of issue 13: municipality / subregion / MRA-wide projects."""
    from geo.combine import assign_areas
    from geo.projects import prepare_projects
    from mapbuilder.mappage.points import project_payload

    projects = make_projects([("a", "Punt", "ai", 10, 4.90, 52.37),
                              ("b", "Gemeente", "ai", 20, 4.90, 52.37),
                              ("c", "Deelregio", "ai", 30, 4.90, 52.37),
                              ("d", "Regio", "ai", 40, 4.90, 52.37)])
    assigned = assign_areas(prepare_projects(projects), region)
    assigned["place"] = ["point", "municipality", "subregion", "mra"]
    assigned.loc[assigned["id"].isin(["c", "d"]), ["municipality", "municipality_code"]] = None
    assigned.loc[assigned["id"] == "d", "subregion"] = None
    assigned["novex"] = [assigned["novex"].iloc[0], (), (), ()]
    mun = region.municipalities[["code", "name", "subregion"]]
    labels = np.array([[52.0 + i / 100, 4.0 + i / 100] for i in range(len(mun))])
    subs = sorted(region.subregions["subregion"])
    p = project_payload(assigned, list(region.novex["code"]), list(region.novex["name_nl"]),
                        mun, subregions=subs, mun_labels=labels)
    p = {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in p.items()}
    assert p["pl"] == [0, 1, 2, 3]
    ams = list(mun["name"]).index("Amsterdam")
    assert p["mun"] == [ams, ams, -1, -1]
    assert p["sub"] == [subs.index("Amsterdam")] * 3 + [-1]
    assert p["inm"] == [1, 1, 1, 1]
    assert (p["y"][1] / p["scale"], p["x"][1] / p["scale"]) == tuple(labels[ams])
    assert p["hx"][0] >= 0 and p["hx"][1:] == [-1, -1, -1]  # only exact points in hexagons
    assert p["nvx"][1:] == [0, 0, 0]


def test_population_dates_in_words(sample_analysis, html):
    payload = points_in(html)
    dates = sample_analysis.region.population["reference_date"]
    common = dates.value_counts().idxmax()
    assert payload["pop_words"] == f"meestal {format_date(common)}; zie bronnen"
    assert any("Inwoners: CBS, peildata" in s for s in payload["sources"])


def test_project_coordinates_round_to_about_a_metre(html, sample_analysis):
    payload = points_in(html)
    pts = sample_analysis.projects.set_index("id")["point"]
    for pid in ("sample-001", "sample-040"):
        p = project(payload, pid)
        assert abs(p["x"] / payload["scale"] - pts[pid].x) <= 0.5e-5
        assert abs(p["y"] / payload["scale"] - pts[pid].y) <= 0.5e-5


def test_no_jquery_bootstrap_or_font_awesome(html):
    for lib in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers",
                "leaflet-heat", "leaflet.heat"):
        assert lib not in html.lower()


def test_novex_outlines_dashed_labelled_inside(html, region):
    novex = layers_in(html)["novex"]
    areas = region.novex.set_index("code")
    for f in novex:
        p = f["properties"]
        assert p["basis"] == "indicative"
        assert p["_style"]["dashArray"]
        assert p["_label"] == p["name"]
        lat, lon = p["_label_at"]
        assert areas.loc[p["code"], "geometry"].contains(shapely.Point(lon, lat)), p["name"]
    assert points_in(html)["page"]["t_novex"] == "NOVEX-gebieden (indicatief)"


def test_project_popup_data_dutch_labels_and_places(html):
    payload = points_in(html)
    p = project(payload, "sample-001")
    labels = payload["labels"]
    assert p["name"] == "Waterstofhub IJmuiden (voorbeeld)"
    assert p["eur"] == 48_000_000 and p["yr"] == 2025
    assert labels["themes"][p["t"]] == "Waterstof"
    assert labels["status"][p["st"]] == "in uitvoering"
    areas = payload["areas"]
    assert areas["mun"]["name"][p["mun"]] == "Velsen"
    assert areas["sub"]["name"][p["sub"]] == "IJmond"
    novex = [n for b, n in enumerate(labels["novex"]) if p["nvx"] >> b & 1]
    assert "Amsterdam Noordzeekanaalgebied" in novex
    assert p["smp"] == 1 and "fictieve voorbeelddata" in labels["sample"]
    assert p["desc"].startswith("Fictief voorbeeldproject in Velsen")  # Dutch on a Dutch page
    assert payload["lang"] == "nl"


def test_page_texts_are_dutch(html):
    page = points_in(html)["page"]
    assert page["sec_legend"] == "Legenda" and page["full_view"] == "Hele MRA"
    assert page["title"].startswith("Transitieversneller Metropool Amsterdam")
    assert page["metrics"]["per_inhabitant"] == "Investering per inwoner"
    assert page["csv"]["amount_eur"] == "bedrag_eur"
    attribution = json.loads(re.search(r"addAttribution\((\".*?\")\)", html).group(1))
    assert "CBS / Kadaster (PDOK), CC BY 4.0" in attribution
    assert "indicatief" in attribution


def test_english_labels(sample_analysis):
    html = page_html(render_analysis(sample_analysis, lang="en"))
    payload = points_in(html)
    labels = payload["labels"]
    assert labels["themes"][1] == "Hydrogen" and labels["status"][1] == "planned"
    assert payload["page"]["sec_legend"] == "Legend"
    assert payload["page"]["sample"].startswith("SAMPLE DATA")
    assert payload["pop_words"].startswith("mostly ") and "see sources" in payload["pop_words"]
    assert payload["desc"] == {}  # the Dutch sample descriptions stay off the English page
    assert payload["areas"]["nvx"]["name"][0] != payload["areas"]["nvx"]["key"][0]


@pytest.mark.parametrize("metric", ["total", "per_inhabitant", "per_km2", "count"])
def test_metrics(sample_analysis, metric):
    assert points_in(page_html(render_analysis(sample_analysis, metric=metric)))["metric"] \
        == metric


def test_default_metric_is_per_inhabitant(sample_analysis):
    from mapbuilder.cli import make_parser

    assert points_in(page_html(render_analysis(sample_analysis)))["metric"] == "per_inhabitant"
    assert make_parser().parse_args(["build"]).metric == "per_inhabitant"


def test_bad_metric_and_language(sample_analysis):
    with pytest.raises(UnknownNameError, match="total, per_inhabitant, per_km2, count"):
        render_analysis(sample_analysis, metric="average")
    with pytest.raises(UnknownNameError, match="nl, en"):
        build_map(lang="fr")


HOSTILE = ('<script>alert(1)</script> "q" \'s\' `tick` ${1+1} {{ x }} {% raw %} {# c '
           '🚲 </script><img src=x onerror=alert(2)>')


def test_user_text_is_escaped(region):
    projects = make_projects([("x<y>", HOSTILE, "ai", 1_250_000, 4.90, 52.37)])
    projects["organisation"] = "<b>Org</b>"
    projects["url"] = "javascript:alert(3)"
    projects["description"] = HOSTILE
    html = page_html(build_map(projects, region=region))
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "javascript:alert" not in html
    p = project(points_in(html), "x<y>")
    assert p["name"] == HOSTILE == p["desc"]  # the text itself, shown with textContent
    assert p["orgs"][p["org"]] == "<b>Org</b>"
    assert p["eur"] == 1_250_000
    assert p["url"] is None  # a javascript: url is not even sent to the page


@pytest.mark.parametrize("value,nl,en", [
    (1_250_000, "€ 1.250.000", "€1,250,000"),
    (0, "€ 0", "€0"),
    (999.5, "€ 1.000", "€1,000"),
    (None, "–", "–"),
    (float("nan"), "–", "–"),
    (-197, "\u2212€ 197", "\u2212€197"),  # the sign before the euro sign, a real minus
    (-1_250_000.4, "\u2212€ 1.250.000", "\u2212€1,250,000"),
    (-0.4, "€ 0", "€0"),  # rounds to zero: no sign
])
def test_format_eur(value, nl, en):
    assert format_eur(value) == nl
    assert format_eur(value, "en") == en


def test_format_other():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234.5, 1, "en") == "1,234.5"
    assert format_percent(0.1234) == "12,3%"
    assert format_date("2024-01-01") == "1 januari 2024"
    assert format_date("2019-01-01 – 2024-01-01", "en") == "1 January 2019 – 1 January 2024"


def test_classify_handles_few_and_missing_values():
    import pandas as pd

    yb, bins = classify(pd.Series([0.0, 0.0, 0.0]))
    assert bins == [0.0] and list(yb) == [0, 0, 0]
    yb, bins = classify(pd.Series([1.0, float("nan"), 3.0]))
    assert list(yb) == [0, -1, 1]
    yb, bins = classify(pd.Series(range(100), dtype=float))
    assert len(bins) == 5 and bins[-1] == 99


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1e9, allow_nan=False, allow_subnormal=False), min_size=6,
                max_size=300, unique=True), st.integers(2, 5))
def test_fisher_jenks_matches_mapclassify(values, k):
    """Our numpy Fisher-Jenks finds classes as good as mapclassify's (same breaks)."""
    mapclassify = pytest.importorskip(
        "mapclassify", reason="the reference Fisher-Jenks: pip install -e '.[bench]' "
        "(make test installs it)")

    ours = fisher_jenks_bins(np.array(values), k)
    with warnings.catch_warnings():  # "Numba not installed": informational only
        warnings.filterwarnings("ignore", message="Numba not installed")
        ref = mapclassify.FisherJenks(np.array(values), k=k)
    assert len(ours) == k
    y = np.sort(values)

    def gvf_cost(bins):
        cls = np.searchsorted(np.asarray(bins), y, side="left")
        return sum(((y[cls == c] - y[cls == c].mean()) ** 2).sum() for c in np.unique(cls))

    # optimal: never worse than mapclassify; equal breaks unless there is a tie
    assert gvf_cost(ours) <= gvf_cost(list(ref.bins)) * (1 + 1e-9) + 1e-6
    assert ours[-1] == max(values)


def test_area_project_is_a_dot_at_its_representative_point_and_a_shape(region):
    """A polygon project counts (and is clicked) at its representative point; its
    outline is drawn too, in its theme's colour, switched with its theme."""
    from shapely.geometry import box

    projects = make_projects([("p-1", "Punt", "ai", 10, 4.90, 52.37),
                              ("v-1", "Vlak", "hydrogen", 20, 4.90, 52.37)])
    projects.loc[1, "geometry"] = box(4.60, 52.45, 4.64, 52.48)  # IJmuiden
    payload = points_in(page_html(build_map(projects, region=region)))
    v = project(payload, "v-1")
    assert box(4.60, 52.45, 4.64, 52.48).contains(
        shapely.Point(v["x"] / payload["scale"], v["y"] / payload["scale"]))
    shapes = payload["shapes"]["features"]
    assert [f["properties"]["i"] for f in shapes] == [payload["id"].index("v-1")]
    assert shapes[0]["geometry"]["type"] == "Polygon"
    assert payload["areas"]["mun"]["name"][v["mun"]] == "Velsen"


def test_written_page_speaks_the_maps_language(sample_analysis, tmp_path):
    from mapbuilder.mappage.output import write_html

    html = write_html(render_analysis(sample_analysis, lang="en"),
                      tmp_path / "en.html").read_text("utf-8")
    assert '<html lang="en">' in html
    assert re.search(r"<title>[^<]*where the investments land", html, re.I)


def test_outlines_for_display_keep_the_shape_with_fewer_digits(region):
    """Display outlines: 5 decimals, simplified by 1 m; the area barely changes."""
    from mapbuilder.elements import display_geometries

    mun = region.municipalities
    shown = display_geometries(mun.geometry)
    coords = shapely.get_coordinates(shown.values)
    assert np.allclose(coords, np.round(coords, 5))
    before = mun.geometry.to_crs(28992).area.to_numpy()
    after = shown.to_crs(28992).area.to_numpy()
    assert np.all(np.abs(after - before) / before < 0.001)
    assert shapely.is_valid(shown.values).all()


def test_novex_from_a_file_is_named_by_it_not_indicative(region, tmp_path):
    from layers.region import load_region

    path = tmp_path / "novex_rijk.geojson"
    region.novex[["code", "name_nl", "geometry"]].rename(columns={"name_nl": "name"}).to_file(
        path, driver="GeoJSON")
    official = load_region(novex=path)
    page = page_html(build_map(region=official, tiles="none"))
    payload = points_in(page)
    assert payload["page"]["t_novex"] == "NOVEX (novex_rijk.geojson)"
    assert "indicatief" not in json.dumps(payload["page"]["t_novex"])
    assert all(f["properties"]["basis"] != "indicative" for f in layers_in(page)["novex"])
    default = points_in(page_html(build_map(tiles="none")))
    assert default["page"]["t_novex"] == "NOVEX-gebieden (indicatief)"


def test_page_is_finished_before_its_data_is_filled_in(sample_analysis):
    """map_page finishes the page with the data block still a token: the same page."""
    from layers.messages import msg
    from mapbuilder.mappage.output import map_page, raw_render
    from mapbuilder.page import finalise
    from mapbuilder.tiles import map_tile_origins

    fmap = render_analysis(sample_analysis)
    twin = copy.deepcopy(fmap)  # the same names and tokens (folium renders a map only once)
    with raw_render():
        whole = page_html(twin)
    assert DATA_ID in whole and "tk_data_" not in whole
    want = finalise(whole, lang="nl", title=msg("labels.title", lang="nl"),
                    tile_origins=map_tile_origins(twin))
    assert map_page(fmap) == want


def test_payload_error_in_the_encoding_thread_reaches_the_caller(sample_analysis):
    from mapbuilder.mappage.output import map_page, project_layers

    fmap = render_analysis(sample_analysis)
    (layer,) = project_layers(fmap)
    layer.payload["bad"] = object()  # not JSON
    with pytest.raises(TypeError):
        map_page(fmap)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=3), st.integers(-2, 2),
                          st.sampled_from(["", " ", "\t", "\x1c", "\xa0", "a", " a", "A", "é"])),
                max_size=30),
       st.booleans())
def test_factorize_texts_equals_factorizing_the_texts(values, as_str):
    """The payload's tables test each distinct value once; the codes are those of every row."""
    import pandas as pd

    from mapbuilder.mappage.points import _factorize_texts, _texts

    s = pd.Series(values, dtype=object)
    if as_str:
        s = s.map(lambda v: v if v is None or isinstance(v, str) else str(v)).astype("str")
    codes, uniques = _factorize_texts(s)
    want_codes, want_uniques = pd.factorize(_texts(s), use_na_sentinel=True)
    assert codes.tolist() == want_codes.tolist()
    assert list(uniques) == list(want_uniques)


@pytest.mark.parametrize("split", ["columns", "empty", "all"])
def test_payload_begun_early_is_the_payload_encoded_whole(sample_analysis, split):
    """PayloadEncoder gives the text encode_payload gives, whatever was added after its start."""
    from mapbuilder.mappage.output import project_layers
    from mapbuilder.mappage.points import PayloadEncoder, decode_payload, encode_payload

    (layer,) = project_layers(render_analysis(sample_analysis))
    whole = dict(layer.payload)
    keys = list(whole)
    first = {"columns": keys[: len(keys) // 2], "empty": [], "all": keys}[split]
    begun = {k: whole[k] for k in first}
    encoder = PayloadEncoder(begun)
    begun.update(whole)  # the keys set later (the areas, labels, ...)
    text = encoder.finish(begun)
    assert text == encode_payload(whole)
    assert decode_payload(text) == json.loads(json.dumps(whole, default=_plain))


def test_payload_value_replaced_after_the_start_is_encoded_as_it_is_now(sample_analysis):
    from mapbuilder.mappage.output import project_layers
    from mapbuilder.mappage.points import PayloadEncoder, decode_payload, encode_payload

    (layer,) = project_layers(render_analysis(sample_analysis))
    payload = dict(layer.payload)
    encoder = PayloadEncoder(payload)
    payload["lang"] = "en" if payload["lang"] == "nl" else "nl"  # another object
    text = encoder.finish(payload)
    assert text == encode_payload(payload) and decode_payload(text)["lang"] == payload["lang"]


def test_page_data_block_is_the_layers_payload(sample_analysis):
    """The page built with the early encoder holds exactly the layer's final payload."""
    from mapbuilder.mappage.output import map_page, project_layers
    from mapbuilder.mappage.points import DATA_ID, decode_payload

    fmap = render_analysis(sample_analysis)
    (layer,) = project_layers(fmap)
    assert layer._encoder is not None  # begun in render_analysis
    html = map_page(fmap)
    block = re.search(f'id="{DATA_ID}">\\s*([^<]+?)\\s*</script>', html).group(1)
    assert decode_payload(block) == json.loads(json.dumps(layer.payload, default=_plain))


def _plain(value):
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(type(value))


def test_a_layer_made_without_an_encoder_encodes_in_the_background_the_same(sample_analysis):
    from mapbuilder.mappage.output import project_layers
    from mapbuilder.mappage.points import ProjectLayer, decode_payload, encode_payload

    (made,) = project_layers(render_analysis(sample_analysis))
    layer = ProjectLayer(dict(made.payload), {})
    layer.start_encoding()
    assert layer._encoder is not None
    assert layer.fill_data(layer.data_token) == encode_payload(made.payload)
    assert decode_payload(encode_payload(made.payload))["n"] == made.payload["n"]


def test_ids_derived_for_a_file_without_any_stay_out_of_the_page(tmp_path):
    """A partner's file without ids: the page carries no ids (the validator derived them,
    the partner never wrote them); a file with ids carries them all."""
    from benchmarks.synth import partner_projects
    from geo.analysis import analyse
    from geo.io import read_projects
    from layers.region import load_region

    doc = partner_projects(40, seed=3)
    region = load_region()
    path = tmp_path / "partner.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    projects = read_projects([path])
    assert projects.attrs["ids_derived"] and projects["id"].notna().all()
    assert points_in(page_html(render_analysis(analyse(projects, region))))["id"] \
        is None
    for k, f in enumerate(doc["features"]):
        f["properties"]["id"] = f"own-{k}"
    path.write_text(json.dumps(doc), encoding="utf-8")
    projects = read_projects([path])
    assert not projects.attrs["ids_derived"]
    payload = points_in(page_html(render_analysis(analyse(projects, region))))
    assert sorted(payload["id"]) == sorted(f"own-{k}" for k in range(40))


def test_land_bounds_leave_out_a_dike_but_keep_the_land() -> None:
    from shapely import box

    from mapbuilder.elements import land_bounds

    # a 10 km square in RD New with a 100 m wide, 20 km long dike to the north
    land = box(120_000, 480_000, 130_000, 490_000).union(box(124_950, 490_000, 125_050, 510_000))
    got = land_bounds(gpd.GeoSeries([land], crs=28992))
    square = gpd.GeoSeries([box(120_000, 480_000, 130_000, 490_000)], crs=28992).to_crs(4326)
    whole = gpd.GeoSeries([land], crs=28992).to_crs(4326).total_bounds
    assert got[3] < whole[3] - 0.1  # the dike (about 0.18° of latitude) does not count
    assert got == pytest.approx(square.total_bounds, abs=2e-3)  # the land does
    region = load_region()
    mra = land_bounds(region.municipalities.geometry)
    total = region.municipalities.total_bounds
    assert mra[3] < total[3] - 0.05  # the Houtribdijk
    assert mra[:3] == pytest.approx(total[:3], abs=0.01)


def test_projects_whole_number_columns_travel_as_binary(sample_analysis):
    """The projects' numeric columns go as little-endian binary in the narrowest type of
    points.BINARY_COLUMNS that holds them, the names as JSON of their own; a column no
    type holds goes as JSON with the rest; all decode to the payload's own values."""
    import base64
    import gzip
    import struct

    import numpy as np

    from mapbuilder.mappage.output import project_layers
    from mapbuilder.mappage.points import BINARY_COLUMNS, LATER_JSON, decode_payload, encode_payload

    (layer,) = project_layers(render_analysis(sample_analysis))
    payload = dict(layer.payload)
    payload["eur"] = np.asarray(payload["eur"]).copy()
    payload["eur"][0] = 2**60  # beyond a float64's whole numbers: JSON
    raw = gzip.decompress(base64.b64decode(encode_payload(payload)))
    assert raw[:4] == b"TKB1"
    (size,) = struct.unpack_from("<I", raw, 4)
    cols = {k: code for k, code, _ in json.loads(raw[8:8 + size])["cols"]}
    assert "eur" not in cols
    assert set(cols) == (set(BINARY_COLUMNS) - {"eur"}) | set(LATER_JSON)
    assert all(code in BINARY_COLUMNS[k] for k, code in cols.items() if k not in LATER_JSON)
    assert cols["x"] == "i4" and cols["pl"] == "i1" and cols["name"] == "json"
    assert decode_payload(encode_payload(payload)) == json.loads(json.dumps(payload,
                                                                            default=_plain))
