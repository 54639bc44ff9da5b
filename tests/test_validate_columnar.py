"""geo.validate.columnar: a GeoJSON file read straight into Arrow columns.

The columnar reading answers only when it read what ``json.loads`` reads; every
report it gives is compared with the per-feature checks' (both fast paths off),
and each case says whether the columnar reading must take the file or leave it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.validate as gv
import geo.validate.fast as gvf
from benchmarks.synth import partner_projects
from geo.validate.columnar import read_columns
from tests.test_validate_fast import _DROP, _assert_same, _feature, _slow


def _taken(path: Path, crs: str | None = None) -> bool:
    """validate_file equals the per-feature checks; True if the columnar reading answered."""
    slow = _slow(path, crs=crs)
    _assert_same(gv.validate_file(path, crs=crs), slow)
    from geo.validate.reading import parse_crs

    crs_opt = parse_crs(crs, "--crs") if crs else None
    # validate_file tries the columnar reading first: when it answers, that was compared
    return gvf.fast_check_file(path, crs_opt, None) is not None


def _fc(features: list[Any], **doc: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **doc, "features": features}


def _gdal(doc: dict[str, Any]) -> str:
    """Written as GDAL/QGIS write GeoJSON: spaced, members first, one feature per line."""
    head = {k: v for k, v in doc.items() if k != "features"}
    lines = ['{', *(f'"{k}": {json.dumps(v)},' for k, v in head.items()), '"features": [']
    feats = [json.dumps(f, separators=(", ", ": ")) for f in doc["features"]]
    return "\n".join([*lines, ",\n".join(feats), "]", "}"]) + "\n"


def _compact(doc: dict[str, Any]) -> str:
    return json.dumps(doc, separators=(",", ":"), allow_nan=True)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cols.geojson"
    path.write_text(text, encoding="utf-8")
    return path


def _partner(n: int) -> dict[str, Any]:
    return partner_projects(n, seed=3)


CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}


def test_partner_file_compact_and_as_gdal_writes_it(tmp_path: Path) -> None:
    doc = _partner(300)
    assert _taken(_write(tmp_path, _compact(doc)))
    assert _taken(_write(tmp_path, _gdal(doc)))
    assert _taken(_write(tmp_path, _gdal(doc).replace("\n", "\r\n")))


def test_members_after_the_features_and_an_empty_feature_id(tmp_path: Path) -> None:
    feats = [_feature(0), _feature(1)]
    for f in feats:
        f["id"] = None
    assert _taken(_write(tmp_path, _compact(_fc(feats, crs=CRS84) | {"bbox": [4, 52, 5, 53],
                                                                     "name": "x]"})))


@pytest.mark.parametrize(("name", "text", "taken"), [
    ("pretty_printed", json.dumps(_fc([_feature(0), _feature(1)]), indent=2), False),
    ("spaced_on_one_line", json.dumps(_fc([_feature(0), _feature(1)])), False),
    ("brace_comma_brace_in_a_name", _compact(_fc([_feature(0, name="a},{b"), _feature(1)])),
     False),
    ("features_member_twice", _compact(_fc([_feature(0)])).replace(
        '"type":"FeatureCollection"', '"type":"FeatureCollection","features":[]'), False),
    ("missing_comma_between_features",
     _compact(_fc([_feature(0), _feature(1)])).replace('},{"type":"Feature"',
                                                       '}{"type":"Feature"'), False),
    ("missing_comma_gdal", _gdal(_fc([_feature(0), _feature(1)])).replace("},\n", "}\n"),
     False),
    ("trailing_comma", _compact(_fc([_feature(0), _feature(1)])).replace("}]}", "},]}"),
     False),
    ("byte_order_mark", "\ufeff" + _compact(_fc([_feature(0)])), False),
    ("key_twice", _compact(_fc([_feature(0)])).replace('"name":', '"name":"X","name":'),
     False),
    ("nested_property", _compact(_fc([_feature(0, extra={"a": 1}), _feature(1)])), False),
    ("list_property", _compact(_fc([_feature(0, extra=[1, 2]), _feature(1)])), False),
    ("text_then_number", _compact(_fc([_feature(0, organisation="A"),
                                      _feature(1, organisation=5)])), False),
    ("number_organisations", _compact(_fc([_feature(0, organisation=7),
                                          _feature(1, organisation=5)])), True),
    ("fraction_organisations", _compact(_fc([_feature(0, organisation=7.5),
                                            _feature(1, organisation=5)])), False),
    ("fraction_organisations_only", _compact(_fc([_feature(0, organisation=7.5),
                                                 _feature(1, organisation=5.25)])), True),
    ("ids_int_and_fraction", _compact(_fc([_feature(0, id=7), _feature(1, id=5.5)])), False),
    ("id_beyond_64_bits", _compact(_fc([_feature(0, id=12345678901234567890123),
                                        _feature(1)])), False),
    ("amounts_int_and_fraction", _compact(_fc([_feature(0, amount_eur=1000),
                                              _feature(1, amount_eur=2500.5)])), True),
    ("small_whole_amount_among_fractions", _compact(_fc([_feature(0, amount_eur=5),
                                                        _feature(1, amount_eur=2500.5)])),
     False),
    ("small_fraction_amount", _compact(_fc([_feature(0, amount_eur=1.25),
                                           _feature(1, amount_eur=2500.5)])), True),
    ("years_as_floats", _compact(_fc([_feature(0, start_year=2026.0),
                                      _feature(1, start_year=2027)])), True),
    ("amount_nan", _compact(_fc([_feature(0, amount_eur=float("nan")), _feature(1)])),
     False),
    ("unknown_column_nan", _compact(_fc([_feature(0, extra=float("nan")), _feature(1)])),
     True),
    ("booleans_sample", _compact(_fc([_feature(0, sample=True), _feature(1, sample=False)])),
     True),
    ("null_geometry", _compact(_fc([_feature(0), {**_feature(1), "geometry": None}])),
     False),
    ("polygon", _compact(_fc([_feature(0), {**_feature(1), "geometry": {
        "type": "Polygon", "coordinates": [[[4.9, 52.3], [4.91, 52.3], [4.9, 52.31],
                                            [4.9, 52.3]]]}}])), False),
    ("three_coordinates", _compact(_fc([_feature(0, coords=[4.9, 52.37, 1.0]),
                                        _feature(1)])), False),
    ("integer_coordinates", _compact(_fc([_feature(0, coords=[5, 52]), _feature(1)])), True),
    ("null_properties", _compact(_fc([_feature(0), {**_feature(1), "properties": None}])),
     False),
    ("feature_member_bbox", _compact(_fc([{**_feature(0), "bbox": [4, 52, 5, 53]},
                                          _feature(1)])), False),
    ("feature_ids_no_property_ids", _compact(_fc([{**_feature(0, id=_DROP), "id": "m-0"},
                                                  {**_feature(1, id=_DROP), "id": "m-1"}])),
     True),
    ("feature_ids_and_property_ids", _compact(_fc([{**_feature(0), "id": "m-0"},
                                                   {**_feature(1), "id": "m-1"}])), False),
    ("control_characters_in_a_name", _compact(_fc([_feature(0, name="a\u0001b"),
                                                   _feature(1)])), False),
    ("line_break_in_a_name", _compact(_fc([_feature(0, name="a\nb"), _feature(1)])), False),
    ("escaped_surrogate_pair", _compact(_fc([_feature(0, name="a\U0001f600"),
                                             _feature(1)])).replace("\U0001f600",
                                                                    "\\ud83d\\ude00"), True),
    ("lone_surrogate", _compact(_fc([_feature(0, name="a"), _feature(1)])).replace(
        '"a"', '"\\ud800"'), False),
    ("geocentric_crs", _compact(_fc([_feature(0)], crs={"type": "name", "properties": {
        "name": "EPSG:4978"}})), False),
    ("not_a_collection", _compact({"type": "Feature", "features": [_feature(0)]}), False),
])
def test_cases(tmp_path: Path, name: str, text: str, taken: bool) -> None:
    assert _taken(_write(tmp_path, text)) is taken


def test_crs_option_is_noted_as_the_plain_path_notes_it(tmp_path: Path) -> None:
    path = _write(tmp_path, _compact(_fc([_feature(0), _feature(1)], crs=CRS84)))
    assert _taken(path, crs="EPSG:28992")
    assert any(p.code == "crs_ignored" for p in gv.validate_file(path, crs="EPSG:28992")
               .problems)


def test_reader_declines_what_it_cannot_read(tmp_path: Path) -> None:
    assert read_columns(_write(tmp_path, "{}"), None) is None
    assert read_columns(_write(tmp_path, '{"features": [1, 2]}'), None) is None
    got = read_columns(_write(tmp_path, _gdal(_partner(20))), None)
    assert got is not None and got.xy.shape == (20, 2)
    assert got.keys == ["naam", "thema", "bedrag", "startjaar", "status", "organisatie"]


_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000),
                   st.integers(2**62, 2**70), st.floats(allow_nan=True, allow_infinity=False),
                   st.sampled_from(["ai", "Waterstof", "lopend", "2026", "1.500", "€ 2,5 mln",
                                    "https://example.nl", "a},{b", "x\u0000y", "", " "]),
                   st.text(max_size=6))
_KEYS = st.sampled_from(["id", "naam", "name", "thema", "bedrag", "startjaar", "status",
                         "organisatie", "url", "sample", "extra", "gemeente"])


@given(rows=st.lists(st.dictionaries(_KEYS, _VALUE, max_size=8), min_size=1, max_size=6),
       gdal=st.booleans(), seed=st.integers(0, 3))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_properties_give_the_slow_answer(tmp_path: Path, rows: list[dict[str, Any]],
                                             gdal: bool, seed: int) -> None:
    feats = [{"type": "Feature",
              "geometry": {"type": "Point", "coordinates": [4.9 + (i + seed) * 0.001, 52.37]},
              "properties": {"naam": f"P {i}", "thema": "ai"} | row}
             for i, row in enumerate(rows)]
    doc = _fc(feats)
    text = _gdal(doc) if gdal else _compact(doc)
    _taken(_write(tmp_path, text))


def _replaced(body: bytes) -> tuple[bytes, int] | None:
    """What the features' array becomes, as ``bytes.replace`` makes it (the reference)."""
    body = body.strip(b" \t\n\r")
    if len(body) < 2 or not (body.startswith(b"{") and body.endswith(b"}")):
        return None
    breaks = body.count(b"\n")
    if breaks:
        cuts = body.count(b"},\n{") + body.count(b"},\r\n{")
        if cuts != breaks:
            return None
        return body.replace(b"},\n{", b"} \n{").replace(b"},\r\n{", b"} \r\n{"), cuts + 1
    return body.replace(b"},{", b"}\n{"), body.count(b"},{") + 1


_BYTES = st.lists(st.sampled_from([b"{", b"}", b",", b"\n", b"\r", b" ", b"a", b"},{", b"},\n{",
                                   b"},\r\n{", b'"x"']), max_size=40).map(b"".join)
_ARRAY = st.lists(st.tuples(st.sampled_from([b'{"a":1}', b'{"s":"},{"}', b"{}", b'{"b":{"c":2}}']),
                            st.sampled_from([b",", b",\n", b",\r\n", b", ", b"\n,", b",\n\n"])),
                  min_size=1, max_size=8).map(lambda fs: b"".join(f + s for f, s in fs)[:-1])


@given(head=st.binary(max_size=3), body=st.one_of(_BYTES, _ARRAY), tail=st.binary(max_size=3),
       piece=st.sampled_from([2, 3, 5, 1 << 22]))
@settings(max_examples=400, deadline=None)
def test_features_one_per_line_in_place_as_bytes_replace(head: bytes, body: bytes, tail: bytes,
                                                         piece: int) -> None:
    """The in-place cut gives the bytes and the count that ``bytes.replace`` gives, also
    where a comma falls on the border of the pieces looked at."""
    from geo.validate import columnar

    data = bytearray(head + body + tail)
    old = columnar._PIECE
    columnar._PIECE = piece
    try:
        got = columnar._one_per_line(data, len(head), len(head) + len(body))
    finally:
        columnar._PIECE = old
    want = _replaced(body)
    if want is None:
        assert got is None
    else:
        assert got is not None
        lo, hi, n, breaks = got
        assert (bytes(data[lo:hi]), n) == want and len(breaks) == n - 1
        assert data[:len(head)] == head and data[len(head) + len(body):] == tail


@given(rows=st.lists(st.dictionaries(_KEYS, _VALUE, max_size=8), min_size=2, max_size=6),
       gdal=st.booleans(), sample=st.integers(1, 400))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_types_taken_from_the_first_features_give_the_slow_answer(
        tmp_path: Path, rows: list[dict[str, Any]], gdal: bool, sample: int) -> None:
    """The reader's column types from a sample of the first features (a few bytes here):
    a later value of another type, a member first seen later or null in the sample
    still give the per-feature checks' report."""
    from geo.validate import columnar

    feats = [{"type": "Feature",
              "geometry": {"type": "Point", "coordinates": [4.9 + i * 0.001, 52.37]},
              "properties": {"naam": f"P {i}", "thema": "ai"} | row}
             for i, row in enumerate(rows)]
    text = _gdal(_fc(feats)) if gdal else _compact(_fc(feats))
    old = columnar._SAMPLE
    columnar._SAMPLE = sample
    try:
        _taken(_write(tmp_path, text))
    finally:
        columnar._SAMPLE = old


def test_types_from_the_first_features_when_they_are_plain(tmp_path: Path) -> None:
    """A partner's file: the types come from the sample; a null in it leaves them to
    inference; either way the file is taken."""
    from geo.validate import columnar

    doc = _partner(400)
    plain = bytearray(_compact(doc).encode())
    lo = plain.index(b"[{") + 1
    cut = columnar._one_per_line(plain, lo, plain.rindex(b"}]") + 1)
    assert cut is not None
    old = columnar._SAMPLE
    columnar._SAMPLE = 2000
    try:
        schema = columnar._schema(plain, cut[0], cut[1])
        assert schema is not None
        assert schema.field("properties").type.get_field_index("startjaar") >= 0
        doc["features"][1]["properties"]["url"] = None  # null in the sample: inferred
        nulled = bytearray(_compact(doc).encode())
        cut = columnar._one_per_line(nulled, lo, nulled.rindex(b"}]") + 1)
        assert cut is not None and columnar._schema(nulled, cut[0], cut[1]) is None
        doc["features"][300]["properties"]["startjaar"] = 2026.0  # a float after the sample
        assert _taken(_write(tmp_path, _compact(doc)))
    finally:
        columnar._SAMPLE = old
