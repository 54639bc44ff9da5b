"""geo.validate's column-wise fast path: it declines, or it gives exactly the slow answer.

Every report is compared with the one of the per-feature checks (the fast path
switched off): the same projects (values, dtypes, index, CRS, column order) and
the same problems in the same order.
"""

from __future__ import annotations

import copy
import gc
import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.validate as gv
import geo.validate.checks as gvc
import geo.validate.fast as gvf
import geo.validate.fields as gvfields
import geo.validate.report as gvreport
from benchmarks.synth import synthetic_projects, write_geojson
from geo.io import read_projects
from geo.validate.reading import Unreadable, geojson_features, parse_crs, parse_geojson
from layers import timing as _timing
from layers.errors import InputFileError

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
FILES = sorted(p for p in [*(DATA / "bad").iterdir(), *(DATA / "good").iterdir()]
               if p.suffix not in (".json", ".py") or p.name == "json_array.json")
FILES.append(ROOT / "layers" / "data" / "sample_projects.geojson")


def _slow(path: Path, **kwargs: Any) -> gv.ValidationReport:
    """The per-feature checks alone: both fast paths (columns read by Arrow, or made
    from the parsed features) switched off."""
    originals = gvf.fast_check, gvf.fast_check_file
    gvf.fast_check = lambda *a, **k: None  # type: ignore[assignment]
    gvf.fast_check_file = lambda *a, **k: None  # type: ignore[assignment]
    try:
        return gv.validate_file(path, **kwargs)
    finally:
        gvf.fast_check, gvf.fast_check_file = originals  # type: ignore[assignment]


def _dicts_only(path: Path, **kwargs: Any) -> gv.ValidationReport:
    """validate_file with the columnar reading switched off (the fast path on dicts)."""
    original = gvf.fast_check_file
    gvf.fast_check_file = lambda *a, **k: None  # type: ignore[assignment]
    try:
        return gv.validate_file(path, **kwargs)
    finally:
        gvf.fast_check_file = original  # type: ignore[assignment]


def _problems(report: gv.ValidationReport) -> list[Any]:
    # to_dict() makes NaN comparable; the type keeps 1 and 1.0 apart
    return [(p.to_dict(), type(p.value).__name__) for p in report.problems]


def _assert_same(fast: gv.ValidationReport, slow: gv.ValidationReport) -> None:
    assert_geodataframe_equal(fast.projects, slow.projects, check_dtype=True,
                              check_index_type=True, check_column_type=True,
                              check_frame_type=True, check_crs=True)
    assert list(fast.projects.columns) == list(slow.projects.columns)
    assert _problems(fast) == _problems(slow)
    assert (fast.readable, fast.n_features, fast.path) == \
        (slow.readable, slow.n_features, slow.path)


def _fast_taken(path: Path, crs: str | None = None,
                region_union: shapely.Geometry | None = None) -> bool:
    """Run the fast path alone; when it answers, check it against the slow checks."""
    try:
        parsed = parse_geojson(path, parse_crs(crs, "--crs") if crs else None)
    except (Unreadable, RecursionError, InputFileError):  # validate_file reports these itself
        return False
    fast = gvf.fast_check(path, copy.deepcopy(parsed), region_union)
    if fast is not None:
        _assert_same(fast, gvc._check(path, geojson_features(parsed), region_union))
    return fast is not None


def _same_both_ways(path: Path, **kwargs: Any) -> bool:
    """validate_file with and without the fast paths agree; True if the fast path on
    dicts was taken."""
    slow = _slow(path, **kwargs)
    _assert_same(gv.validate_file(path, **kwargs), slow)
    _assert_same(_dicts_only(path, **kwargs), slow)
    if path.suffix in (".csv", ".shp", ".dbf", ".shx", ".gpkg") or not path.is_file():
        return False
    return _fast_taken(path, **kwargs)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_file_gives_the_slow_answer(path: Path) -> None:
    _same_both_ways(path)


def test_clean_files_take_the_fast_path() -> None:
    assert _same_both_ways(DATA / "good" / "projects.geojson")
    assert _same_both_ways(DATA / "good" / "projects.geojsonl")
    assert _same_both_ways(DATA / "good" / "hostile_names.geojson")
    assert _same_both_ways(ROOT / "layers" / "data" / "sample_projects.geojson")


@pytest.mark.parametrize("seed", [1, 20261127])
def test_synthetic_file_takes_the_fast_path(tmp_path: Path, seed: int) -> None:
    path = write_geojson(2000, tmp_path / "synth.geojson", seed)
    assert _same_both_ways(path)
    report = gv.validate_file(path)
    assert report.ok and len(report.projects) == 2000


def test_read_projects_and_register_use_the_fast_path(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = []
    original, columnar = gvf.fast_check, gvf.fast_check_file

    def spy(*args: Any) -> gv.ValidationReport | None:
        report = original(*args)
        answers.append(report is not None)
        return report

    def spy_columnar(*args: Any) -> gv.ValidationReport | None:
        report = columnar(*args)
        answers.append(report is not None)
        return report

    monkeypatch.setattr(gvf, "fast_check", spy)
    monkeypatch.setattr(gvf, "fast_check_file", spy_columnar)
    path = write_geojson(300, tmp_path / "synth.geojson")
    assert len(read_projects([path])) == 300
    assert answers == [True]
    from geo.register import add_to_register, read_register

    add_to_register(tmp_path / "register.geojson", [path])
    answers.clear()
    assert len(read_register(tmp_path / "register.geojson")) == 300
    assert answers == [False, True]  # the register (feature id and property id) too:
    # Arrow cannot tell an id that is null from one that is absent, so the dicts' path


def test_gc_is_restored_and_stages_are_timed(tmp_path: Path) -> None:
    path = write_geojson(50, tmp_path / "synth.geojson")
    _timing.reset()
    assert gc.isenabled()
    gv.validate_file(path)
    assert gc.isenabled()
    assert {"read", "validate"} <= set(_timing.timings())
    gv.validate_file(DATA / "bad" / "truncated.geojson")
    assert gc.isenabled()
    gc.disable()
    try:
        gv.validate_file(path)
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


# ------------------------------------------------------------------ hand-made edge cases
AMSTERDAM = [4.8952, 52.3702]


def _feature(i: int, coords: Any = None, **props: Any) -> dict[str, Any]:
    base = {"id": f"e-{i}", "name": f"Project {i}", "theme": "ai",
            "amount_eur": 1000 * (i + 1), "status": "planned", "start_year": 2026}
    base.update(props)
    base = {k: v for k, v in base.items() if v is not _DROP}
    xy = coords if coords is not None else [AMSTERDAM[0] + i * 0.001, AMSTERDAM[1]]
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": xy},
            "properties": base}


_DROP = object()


def _write(tmp_path: Path, features: list[Any], **doc: Any) -> Path:
    path = tmp_path / "edge.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", **doc, "features": features},
                               allow_nan=True), encoding="utf-8")
    return path


def _variants() -> dict[str, tuple[list[Any], dict[str, Any], bool]]:
    """name -> (features, extra document members, fast path expected)."""
    f = _feature
    far_away = [5.9, 50.9]  # Limburg: outside the MRA
    ten_m_east = [AMSTERDAM[0] + 10 / 67_800, AMSTERDAM[1]]
    return {
        "plain": ([f(0), f(1)], {}, True),
        "mixed_int_float_amounts": ([f(0, amount_eur=1000), f(1, amount_eur=2500.5),
                                     f(2, amount_eur=None), f(3, amount_eur=0),
                                     f(4, amount_eur=-0.0), f(5, amount_eur=1e12)], {}, True),
        "amount_texts": ([f(0, amount_eur="1.250.000"), f(1, amount_eur="€ 2.000.000"),
                          f(2, amount_eur="1,25"), f(3, amount_eur=""),
                          f(4, amount_eur=1500)], {}, True),
        "amount_ambiguous": ([f(0, amount_eur="1.250"), f(1)], {}, False),
        "amount_too_big": ([f(0, amount_eur=1e12 + 1), f(1)], {}, False),
        "amount_true": ([f(0, amount_eur=True), f(1, amount_eur=1)], {}, False),
        "amount_nan": ([f(0, amount_eur=math.nan), f(1)], {}, False),
        "amount_negative_text": ([f(0, amount_eur="-5"), f(1)], {}, False),
        "none_values": ([f(0, amount_eur=None, status=None, start_year=None, url=None,
                           organisation=None, description=None, sample=None),
                         f(1, status=_DROP, start_year=_DROP, amount_eur=_DROP)], {}, True),
        "unknown_theme": ([f(0, theme="quantum"), f(1)], {}, False),
        "theme_names": ([f(0, theme="Waterstof"), f(1, theme="H2"), f(2, theme="AI")],
                        {}, True),
        "theme_number": ([f(0, theme=1), f(1, theme=True)], {}, False),
        "duplicate_ids": ([f(0), f(1, id="e-0")], {}, False),
        "duplicate_ids_int_and_text": ([f(0, id=7), f(1, id="7")], {}, False),
        "int_ids_and_padded_ids": ([f(0, id=7), f(1, id="  x  "), f(2, id="")], {}, True),
        "float_id": ([f(0, id=1.0), f(1)], {}, False),
        "outside_mra": ([f(0), f(1, coords=far_away)], {}, True),
        "same_name_10_m_apart": ([f(0), f(1, coords=ten_m_east, name=" project 0 ")],
                                 {}, True),
        "same_name_far_apart": ([f(0), f(1, name="Project 0")], {}, True),
        "polygon": ([f(0), {"type": "Feature", "properties": {"id": "poly", "name": "P",
                                                                "theme": "ai"},
                            "geometry": {"type": "Polygon", "coordinates": [[
                                [4.89, 52.37], [4.90, 52.37], [4.90, 52.38],
                                [4.89, 52.37]]]}}], {}, False),
        "crs_wgs84": ([f(0), f(1)], {"crs": {"type": "name", "properties": {
            "name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}, True),
        "crs_rd": ([f(0, coords=[121_000.0, 487_000.0])], {"crs": {"type": "name",
                   "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}}, False),
        "no_ids": ([f(0, id=_DROP), f(1, id=None), f(2)], {}, True),
        "no_ids_same_content": ([f(0, id=_DROP), f(0, id=_DROP)], {}, False),
        "int_coordinates": ([f(0, coords=[5, 52]), f(1)], {}, True),
        "coordinates_3d": ([f(0, coords=[*AMSTERDAM, 3.0])], {}, False),
        "coordinates_bool": ([f(0, coords=[True, 52.0])], {}, False),
        "coordinates_text": ([f(0, coords=["4.89", "52.37"])], {}, False),
        "coordinates_nan": ([f(0, coords=[math.nan, 52.0])], {}, False),
        "coordinates_swapped": ([f(0, coords=AMSTERDAM[::-1])], {}, False),
        "coordinates_nested": ([f(0, coords=[AMSTERDAM])], {}, False),
        "start_years": ([f(0, start_year="2026"), f(1, start_year=2027.0),
                         f(2, start_year=" "), f(3, start_year=2030)], {}, True),
        "start_year_true": ([f(0, start_year=True)], {}, False),
        "start_year_text": ([f(0, start_year="soon")], {}, False),
        "name_blank": ([f(0, name="  "), f(1)], {}, False),
        "name_number": ([f(0, name=42)], {}, False),
        "name_surrogate": ([f(0, name="bad \ud800 name"), f(1)], {}, False),
        "statuses": ([f(0, status="lopend"), f(1, status="idee"), f(2, status="Gepland"),
                      f(3, status="wacht op subsidie"), f(4, status="stopgezet"),
                      f(5, id=_DROP, status="lopend")], {}, True),
        "status_surrogate": ([f(0, status="\udfff")], {}, False),
        "emoji_pair": ([f(0, name="Zon \U0001f31e", organisation="\u00e9\U0001f600")],
                       {}, True),
        "urls": ([f(0, url="https://example.nl/p?q=1#x"), f(1, url=" HTTP://Example.NL "),
                  f(2, url=""), f(3, url=None)], {}, True),
        "url_without_scheme": ([f(0, url="www.example.nl")], {}, False),
        "url_javascript": ([f(0, url="javascript:alert(1)")], {}, False),
        "url_broken_ipv6": ([f(0, url="https://[::1/x")], {}, False),
        "url_number": ([f(0, url=5)], {}, False),
        "aliases": ([f(0, name=_DROP, naam="Naam 0", theme=_DROP, thema="Waterstof",
                       amount_eur=_DROP, bedrag="1.000.000")], {}, True),
        "two_aliases_for_name": ([f(0, naam="Other")], {}, False),
        "unknown_columns": ([f(0, colour="red", Extra=1), f(1)], {}, True),
        "samples": ([f(0, sample=True), f(1, sample=False), f(2, sample="yes"),
                     f(3, sample=1)], {}, True),
        "numbers_as_text_fields": ([f(0, status=3, organisation=2.5, description=False)],
                                   {}, True),
        "text_field_list": ([f(0, organisation=["a"])], {}, False),
        "properties_null": ([{**f(0), "properties": None}], {}, False),
        "not_a_feature": ([f(0), {"type": "Point", "coordinates": AMSTERDAM}], {}, False),
        "feature_list": ([f(0), [1, 2]], {}, False),
        "geometry_null": ([f(0), {**f(1), "geometry": None}], {}, False),
        # a point its own municipality column contradicts: in Amsterdam, "Haarlem";
        # just outside Velsen at sea, "Velsen"; numbers and odd values as the slow path
        "municipality_column": ([f(0, gemeente="Haarlem"), f(1, gemeente="Amsterdam"),
                                 f(2, coords=[4.59, 52.47], gemeente="velsen"),
                                 f(3, gemeente=363), f(4, gemeente=None),
                                 f(5, gemeente="MRA-breed"), f(6, gemeente=True),
                                 f(7, coords=far_away, gemeente="Haarlem")], {}, True),
    }


VARIANTS = _variants()


@pytest.mark.parametrize("name", list(VARIANTS))
def test_edge_cases(tmp_path: Path, name: str) -> None:
    features, doc, expect_fast = VARIANTS[name]
    path = _write(tmp_path, features, **doc)
    assert _same_both_ways(path) is expect_fast


def test_feature_ids(tmp_path: Path) -> None:
    f0, f1, f2 = _feature(0), _feature(1, id=_DROP), _feature(2, id=None)
    f0["id"], f1["id"], f2["id"] = "member-0", "member-1", "member-2"  # RFC 7946 ids
    assert _same_both_ways(_write(tmp_path, [f0, f1, f2]))
    for feat in (f0, f1, f2):
        feat["properties"].pop("id", None)
    f2["id"] = None
    assert _same_both_ways(_write(tmp_path, [f0, f1, f2]))
    f0["properties"]["project_id"] = "p-0"  # another name for the id: left to the slow path
    assert not _same_both_ways(_write(tmp_path, [f0, f1, f2]))


def test_single_feature_and_newline_delimited(tmp_path: Path) -> None:
    one = tmp_path / "one.geojson"
    one.write_text(json.dumps(_feature(0)), encoding="utf-8")
    assert _same_both_ways(one)
    lines = tmp_path / "many.geojsonl"
    lines.write_text("\n".join(json.dumps(_feature(i)) for i in range(5)), encoding="utf-8")
    assert _same_both_ways(lines)


def test_crs_option_and_region(tmp_path: Path) -> None:
    path = _write(tmp_path, [_feature(0), _feature(1, coords=[5.9, 50.9])])
    assert not _same_both_ways(path, crs="EPSG:28992")  # refused as degrees, slow path
    assert _same_both_ways(path, crs="EPSG:4326")
    region = shapely.box(5.8, 50.8, 6.0, 51.0)
    assert _same_both_ways(path, region_union=region)


def test_synthetic_with_problems_mixed_in(tmp_path: Path) -> None:
    doc = synthetic_projects(500, seed=7)
    feats = doc["features"]
    feats[10]["properties"]["name"] = feats[20]["properties"]["name"]
    feats[10]["geometry"]["coordinates"] = feats[20]["geometry"]["coordinates"]
    feats[30]["properties"].pop("id")
    feats[40]["geometry"]["coordinates"] = [5.9, 50.9]
    path = tmp_path / "mixed.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _same_both_ways(path)
    report = gv.validate_file(path)
    assert report.ok and [p.feature for p in report.notes] == [21, 31, 41]
    feats[50]["properties"]["theme"] = "nope"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert not _same_both_ways(path)
    assert isinstance(gv.validate_file(path).projects, gpd.GeoDataFrame)


def test_plain_url_pattern_only_accepts_what_urlparse_accepts() -> None:
    import random
    from urllib.parse import urlparse

    rng = random.Random(5)
    alphabet = list("hHtTpPsS:/?#[]@%!$&'()*+,;=._~-aZ09 \t\n\x00\x0b\u00e9\uff0f")
    for _ in range(20_000):
        text = (rng.choice(["http://", "https://", "HTTP://", "https:/", ""]) +
                "".join(rng.choices(alphabet, k=rng.randint(0, 10)))).strip()
        if gvfields._PLAIN_URL.fullmatch(text):
            parsed = urlparse(text)
            assert parsed.scheme in ("http", "https") and parsed.netloc, text


@pytest.mark.parametrize("values", [["a", None, "b"], ["a", "b"], [None, None], ["", "x"],
                                    ["\u00e9\U0001f600", None]])
def test_text_columns_are_built_as_pandas_would_infer_them(values: list[Any]) -> None:
    import pandas as pd

    pd.testing.assert_series_equal(pd.Series(gvreport._text_array(values)), pd.Series(values))


# ------------------------------------------- what json.dumps cannot write: raw GeoJSON text
_PT = '"geometry": {"type": "Point", "coordinates": [4.8952, 52.3702]}'


def _raw_fc(*props: str, geometry: str = _PT, head: str = "") -> str:
    feats = ", ".join('{"type": "Feature", "properties": {' + p + "}, " + geometry + "}"
                      for p in props)
    return '{"type": "FeatureCollection", ' + head + '"features": [' + feats + "]}"


_CRS84 = '"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, '
_OK = '"id": "b", "name": "B", "theme": "ai", "url": "https://example.nl/b"'
RAW_CASES: dict[str, tuple[str, bool]] = {
    "key_twice": (_raw_fc('"id": "a", "name": "X", "name": "Y", "theme": "ai"', _OK), False),
    "key_twice_spaced": (_raw_fc('"id" : "a", "name" : "X", "name" : "Y", "theme" : "ai"',
                                 _OK), False),
    "key_twice_same_value": (_raw_fc('"id": "a", "name": "X", "name": "X", "theme": "ai"'),
                             False),
    "name_and_naam": (_raw_fc('"id": "a", "name": "X", "naam": "Y", "theme": "ai"', _OK),
                      False),
    "id_true": (_raw_fc('"id": true, "name": "N", "theme": "ai"', _OK), False),
    "id_nan": (_raw_fc('"id": NaN, "name": "N", "theme": "ai"', _OK), False),
    "id_infinity": (_raw_fc('"id": -Infinity, "name": "N", "theme": "ai"'), False),
    "position_4d": (_raw_fc('"id": "a", "name": "N", "theme": "ai"', geometry=(
        '"geometry": {"type": "Point", "coordinates": [4.9, 52.37, 0, 1]}')), False),
    "amount_5000_digits": (_raw_fc('"id": "a", "name": "N", "theme": "ai", "amount_eur": '
                                   + "9" * 5000, _OK), False),
    "coordinate_5000_digits": (_raw_fc('"id": "a", "name": "N", "theme": "ai"', geometry=(
        '"geometry": {"type": "Point", "coordinates": [' + "4" * 5000 + ", 52.37]}")), False),
    "geocentric_crs": (_raw_fc('"id": "a", "name": "N", "theme": "ai"', head=(
        '"crs": {"type": "name", "properties": {"name": "EPSG:4978"}}, ')), False),
    "feature_key_twice": (_raw_fc(_OK).replace('{"type": "Feature", ',
                                               '{"type": "Feature", "id": 1, "id": 2, '),
                          False),
    # clean, but with colons in text: the duplicate check must not send them the slow way
    "colons_in_text": (_raw_fc('"id": "a", "name": "Om 12:30 : start", "theme": "ai"', _OK),
                       True),
    "spaced_keys": (_raw_fc('"id" : "a", "name" :"N", "theme"\n: "ai"', _OK), True),
    "key_twice_with_crs": (_raw_fc('"id": "a", "name": "X", "name": "Y", "theme": "ai"', _OK,
                                   head=_CRS84), False),
    "key_twice_with_escaped_crs": (_raw_fc('"id": "a", "name": "X", "name": "Y", "theme": '
                                           '"ai"', _OK, head=_CRS84.replace(
                                               "CRS84", "CRS\\u003a84")), False),
}


@pytest.mark.parametrize("name", list(RAW_CASES))
def test_raw_text_cases(tmp_path: Path, name: str) -> None:
    text, expect_fast = RAW_CASES[name]
    path = tmp_path / "raw.geojson"
    path.write_text(text, encoding="utf-8")
    assert _same_both_ways(path) is expect_fast
    assert gv.validate_file(path).ok is expect_fast
    lines = tmp_path / "raw.geojsonl"  # newline-delimited: the same answer
    if "digits" not in name and "crs" not in name and "feature_key" not in name and \
            "\n" not in text:
        start = text.index("[") + 1
        lines.write_text(text[start:-2].replace("}}, {", "}}\n{"), encoding="utf-8")
        assert _same_both_ways(lines) is expect_fast


@pytest.mark.parametrize(("props", "head", "maybe"), [
    ('"name": "X", "theme": "ai"', _CRS84, False),  # a crs name's colons: counted, one pass
    ('"name": "X", "name": "Y", "theme": "ai"', _CRS84, True),
    ('"name": "X", "name": "Y", "theme": "ai"', _CRS84.replace("CRS84", "CRS\\u003a84"), True),
    ('"name": "X", "theme": "ai"', _CRS84.replace('"type": "name"', '"type": "a:b", "type": '
                                                  '"name"'), True),  # the crs's key twice
    ('"name": "X", "naam": "Y", "theme": "ai"', _CRS84.replace("CRS84", "CRS:84"), False),
])
def test_duplicate_key_bound_with_a_crs_member(props: str, head: str, maybe: bool) -> None:
    """The cheap bound rules a key written twice in or out, never wrongly out."""
    from geo.validate.strict import maybe_duplicates

    text = _raw_fc(props, head=head)
    doc = json.loads(text)
    assert maybe_duplicates(text, doc, doc["features"]) is maybe


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["hydrogen", "ai", "mobility"]),
                          st.text(min_size=1, max_size=12),
                          st.one_of(st.none(), st.text(max_size=12))), max_size=20))
def test_derived_ids_in_bulk_equal_one_by_one(rows: list[tuple[str, str, str | None]]) -> None:
    from geo.validate.fields import derived_id, derived_ids

    themes, names, orgs = (list(c) for c in zip(*rows, strict=True)) if rows else \
        ([], [], [])
    assert derived_ids(themes, names, orgs) == \
        [derived_id(t, nm, o) for t, nm, o in rows]


# ------------------------------------------------------- notes made only when listed
def test_outside_notes_are_counted_and_made_only_when_listed(tmp_path: Path) -> None:
    """Many projects outside the MRA: the fast path counts their notes and makes only
    the examples its grouped line shows; listed in full they are the slow path's notes,
    and the text (grouped or --verbose) is the slow path's text."""
    feats = [_feature(i) for i in range(3)] + [
        _feature(i, coords=[5.5 + i * 0.01, 51.0 + (i % 7) * 0.01], name=f"Ver {i}")
        for i in range(3, 40)]
    feats.insert(20, _feature(99, coords=[5.0, 52.0], id="e-99", name="Ver 0"))  # a pair
    path = _write(tmp_path, feats)
    slow = _slow(path)
    fast = gv.validate_file(path)
    [group] = fast.deferred
    assert group.code == "outside_mra" and len(group) == 38
    made: list[int] = []
    original = group._make
    group._make = lambda rows: made.extend(rows.tolist()) or original(rows)  # type: ignore
    assert fast.n_notes == len(slow.notes)
    text = fast.to_text()
    assert len(made) <= gvreport.GROUP_EXAMPLES + 1  # only the examples were made
    assert text == slow.to_text() and "38×" in text  # "38× ... en nog 35"
    assert fast.to_text(verbose=True) == slow.to_text(verbose=True)
    assert fast.to_dict() == slow.to_dict()
    assert _problems(fast) == _problems(slow) and not fast.deferred


def test_few_deferred_notes_are_listed_one_by_one(tmp_path: Path) -> None:
    path = _write(tmp_path, [_feature(0), _feature(1, coords=[5.9, 50.9]),
                             _feature(2, coords=[6.0, 51.0])])
    fast, slow = gv.validate_file(path), _slow(path)
    assert fast.deferred and fast.to_text() == slow.to_text()
    assert fast.to_text().count("buiten de MRA") == 2


# ------------------------------------------------------------- orjson, where it is the same
_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-(10**25), max_value=10**25) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=4),
    max_leaves=20)


@given(_JSON)
@settings(max_examples=300, deadline=None)
def test_plain_loads_gives_what_json_loads_gives(value: Any) -> None:
    from geo.validate.reading import _plain_loads

    text = json.dumps(value)
    got, want = _plain_loads(text), json.loads(text)
    assert got == want and json.dumps(got) == text  # ints stay ints, exactly


@pytest.mark.parametrize("text", ["[NaN]", '["\\ud800"]', "{} {}", "[1e400]", "[",
                                  '{"a": 1, "a": 2}', "[" + "9" * 30 + "]"])
def test_plain_loads_falls_back_to_json_loads(text: str) -> None:
    from geo.validate.reading import _plain_loads

    try:
        want: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as got:
            _plain_loads(text)
        assert (got.value.msg, got.value.lineno, got.value.colno) == \
            (exc.msg, exc.lineno, exc.colno)
        return
    assert repr(_plain_loads(text)) == repr(want)


@pytest.mark.parametrize("run", [18, 19, 20])
def test_digit_run_found_across_pieces(monkeypatch: pytest.MonkeyPatch, run: int) -> None:
    import geo.validate.reading as rd

    monkeypatch.setattr(rd, "_CHUNK", 16)
    for start in range(0, 40, 3):
        text = "é" * start + "1" * run + "x" * 5
        assert rd._has_digit_run(text) == (run >= 19), (start, run)


def test_long_integer_id_stays_exact(tmp_path: Path) -> None:
    big = 12345678901234567890123
    path = _write(tmp_path, [_feature(0, id=big), _feature(1)])
    report = gv.validate_file(path)
    assert report.ok and str(big) in set(report.projects["id"])


def test_declined_after_the_columns_were_taken_reads_the_file_again(tmp_path: Path) -> None:
    """The fast path frees the features once it holds their columns; declining after that
    (two projects with one id), the slow checks get the file read again: the same answer."""
    path = _write(tmp_path, [_feature(0), _feature(1, id="e-0"), _feature(2)])
    parsed = parse_geojson(path, None)
    assert gvf.fast_check(path, parsed, None) is None
    assert parsed.consumed and parsed.features == []
    report = gv.validate_file(path)
    _assert_same(report, _slow(path))
    assert not report.ok and any("e-0" in p.to_text() for p in report.errors)


def test_deferred_notes_keep_their_place_among_a_features_notes(tmp_path: Path) -> None:
    """A project outside the MRA that is also a likely duplicate: its notes come in the
    order the slow checks make them (outside, then duplicate), whether listed in full
    or grouped, with few or many outside projects."""
    far = [5.9, 50.9]
    near_far = [far[0] + 10 / 70_000, far[1]]
    twins = [_feature(0, coords=far, name="Tweeling"), _feature(1, coords=near_far,
                                                                name="Tweeling")]
    for extra in (0, 10):
        feats = twins + [_feature(2 + i, coords=[6.0 + i * 0.01, 51.2]) for i in range(extra)]
        path = _write(tmp_path, feats)
        slow, fast = _slow(path), gv.validate_file(path)
        assert fast.to_text() == slow.to_text()
        assert fast.to_text(verbose=True) == slow.to_text(verbose=True)
        codes = [p.code for p in fast.problems if p.feature == 2]
        assert codes == ["outside_mra", "duplicate_in_file"]
        assert _problems(fast) == _problems(slow)


def test_status_notes_are_counted_and_made_only_when_listed(tmp_path: Path) -> None:
    """'lopend' on many projects (as partners write it): one deferred group per kind of
    status note; the text and the full list are the slow path's."""
    feats = [_feature(i, status=("lopend" if i % 3 else "wacht op subsidie"),
                      **({"id": _DROP} if i % 4 == 0 else {})) for i in range(30)]
    path = _write(tmp_path, feats)
    slow, fast = _slow(path), gv.validate_file(path)
    assert {d.code for d in fast.deferred} == {p.code for p in slow.problems
                                               if p.field == "status"}
    assert sum(map(len, fast.deferred)) == sum(p.field == "status" for p in slow.problems)
    assert fast.to_text() == slow.to_text()
    assert fast.to_text(verbose=True) == slow.to_text(verbose=True)
    assert _problems(fast) == _problems(slow)
