"""Write the corpus of bad project files and EXPECTED.json (run from the repo root).

Each entry: file name -> the fragments the error message must contain and the
exit code of ``transitiekaart validate`` (1 problems, 2 could not be read).
``python tests/data/bad/_make_corpus.py`` rewrites every file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OK_PROPS = {"id": "p1", "name": "Testproject", "theme": "hydrogen", "amount_eur": 1000}
AMS = [4.8952, 52.3702]


def feature(props: dict[str, Any] | None = None, geom: Any = "point", **extra: Any) -> dict:
    g = {"type": "Point", "coordinates": AMS} if geom == "point" else geom
    return {"type": "Feature", "properties": {**OK_PROPS, **(props or {})} if props is not
            None else dict(OK_PROPS), "geometry": g, **extra}


def fc(*features: dict, **extra: Any) -> dict:
    return {"type": "FeatureCollection", **extra, "features": list(features)}


def dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False)


_BOTH = (feature({"id": "p2", "amount_eur": "2,5 mln"}, {"type": "Point", "coordinates":
                  [4.90, 52.37]}),
         feature({"id": "p3", "amount_eur": "2.5 mln"}, {"type": "Point", "coordinates":
                  [4.91, 52.37]}))
SQUARE_OPEN = [[4.88, 52.36], [4.90, 52.36], [4.90, 52.38], [4.88, 52.38]]

# name -> (content as str or bytes, fragments, exit code)
CORPUS: dict[str, tuple[str | bytes, list[str], int]] = {
    "empty_0_bytes.geojson": (b"", ["empty (0 bytes)"], 2),
    "whitespace_only.geojson": ("  \n\n ", ["only white space"], 2),
    "not_json_text.geojson": ("Dit is geen GeoJSON maar een notitie.\n", ["is not JSON"], 2),
    "html_error_page.geojson": ("<!DOCTYPE html><html><body>404</body></html>",
                                ["is not JSON"], 2),
    "truncated.geojson": (dumps(fc(feature()))[:60], ["not valid JSON", "line 1"], 2),
    "latin1_encoding.geojson": (dumps(fc(feature({"name": "Caf\u00e9 Zaandam"})))
                                .encode("latin-1"), ["not UTF-8", "0xe9"], 2),
    "json_object_not_geojson.geojson": (dumps({"projects": [1, 2]}),
                                        ["not GeoJSON", "FeatureCollection"], 2),
    "json_array.geojson": (dumps([feature()]), ["not GeoJSON", "list"], 2),
    "json_number.geojson": ("42", ["not GeoJSON"], 2),
    "bare_geometry.geojson": (dumps({"type": "Point", "coordinates": AMS}),
                              ["bare Point geometry", "Feature"], 2),
    "empty_collection.geojson": (dumps(fc()), ["no features", "empty collection"], 2),
    "features_not_list.geojson": (dumps({"type": "FeatureCollection", "features": {}}),
                                  ["'features'", "not a list"], 2),
    "crs_unknown.geojson": (dumps(fc(feature(), crs={"type": "name", "properties": {
        "name": "urn:ogc:def:crs:EPSG::999999"}})), ["crs", "999999"], 2),
    "crs_link_member.geojson": (dumps(fc(feature(), crs={"type": "link", "properties": {
        "href": "http://example.com/crs"}})), ["'crs' member I cannot read"], 2),
    "ndjson_bad_line.geojsonl": (dumps(feature()) + "\n" + dumps(feature({"id": "p2"}))
                                 + "\n{oops\n", ["newline-delimited", "line 3"], 2),
    "not_a_feature.geojson": (dumps(fc({"type": "Featur", "properties": OK_PROPS,
                                        "geometry": None})), ["not a GeoJSON Feature",
                                                              "Featur"], 1),
    "properties_list.geojson": (dumps(fc({"type": "Feature", "properties": [1, 2],
                                          "geometry": {"type": "Point",
                                                       "coordinates": AMS}})),
                                ["'properties' must be an object"], 1),
    "geometry_null.geojson": (dumps(fc(feature(geom=None))), ["has no location"], 1),
    "geometry_empty_coords.geojson": (dumps(fc(feature(geom={"type": "Point",
                                                             "coordinates": []}))),
                                      ["empty geometry"], 1),
    "coordinates_nan.geojson": ('{"type": "FeatureCollection", "features": [{"type": '
                                '"Feature", "properties": {"id": "p1", "name": "x", '
                                '"theme": "ai"}, "geometry": {"type": "Point", '
                                '"coordinates": [NaN, 52.3]}}]}', ["not finite", "NaN"], 1),
    "coordinates_infinity.geojson": ('{"type": "FeatureCollection", "features": [{"type": '
                                     '"Feature", "properties": {"id": "p1", "name": "x", '
                                     '"theme": "ai"}, "geometry": {"type": "Point", '
                                     '"coordinates": [4.9, Infinity]}}]}',
                                     ["not finite", "Infinity"], 1),
    "coordinates_as_text.geojson": (dumps(fc(feature(geom={"type": "Point", "coordinates":
                                                           ["4.89", "52.37"]}))),
                                    ["coordinates are text"], 1),
    "coordinates_one_number.geojson": (dumps(fc(feature(geom={"type": "Point",
                                                              "coordinates": [4.89]}))),
                                       ["[lon, lat]"], 1),
    "geometrycollection.geojson": (dumps(fc(feature(geom={
        "type": "GeometryCollection", "geometries": [{"type": "Point",
                                                      "coordinates": AMS}]}))),
        ["GeometryCollection"], 1),
    "geometry_type_unknown.geojson": (dumps(fc(feature(geom={"type": "Circle",
                                                             "coordinates": AMS}))),
                                      ["unknown geometry type", "Circle"], 1),
    "polygon_unclosed_ring.geojson": (dumps(fc(feature(geom={"type": "Polygon",
                                                             "coordinates": [SQUARE_OPEN]}))),
                                      ["not closed", "Repeat the first position"], 1),
    "polygon_too_few_positions.geojson": (dumps(fc(feature(geom={
        "type": "Polygon", "coordinates": [[AMS, [4.9, 52.4], AMS]]}))),
        ["at least 4"], 1),
    "rd_coordinates_undeclared.geojson": (dumps(fc(feature(geom={"type": "Point",
                                                                 "coordinates": [121500,
                                                                                 487300]}))),
                                          ["RD New", "--crs EPSG:28992"], 1),
    "latlon_swapped.geojson": (dumps(fc(feature(geom={"type": "Point",
                                                      "coordinates": [52.3702, 4.8952]}))),
                               ["swapped", "[lon, lat]"], 1),
    "coordinates_out_of_range.geojson": (dumps(fc(feature(geom={"type": "Point",
                                                                "coordinates": [500, 100]}))),
                                         ["outside the valid lon/lat range"], 1),
    "crs_28992_but_degrees.geojson": (dumps(fc(feature(), crs={"type": "name", "properties": {
        "name": "urn:ogc:def:crs:EPSG::28992"}})), ["declares EPSG:28992",
                                                     "look like lon/lat"], 1),
    "theme_unknown.geojson": (dumps(fc(feature({"theme": "Zonne-energie"}))),
                              ["is not a known theme", "Zonne-energie", "hydrogen",
                               "digital_infra"], 1),
    "theme_missing.geojson": (dumps(fc(feature({"theme": None}))),
                              ["'theme'", "missing", "smart_mobility"], 1),
    "name_missing.geojson": (dumps(fc({"type": "Feature", "properties": {
        "id": "p1", "theme": "ai"}, "geometry": {"type": "Point", "coordinates": AMS}})),
        ["'name'", "missing or empty"], 1),
    "name_is_object.geojson": (dumps(fc(feature({"name": {"$gt": ""}}))),
                               ["'name'", "must be text"], 1),
    "name_lone_surrogate.geojson": ('{"type": "FeatureCollection", "features": [{"type": '
                                    '"Feature", "properties": {"id": "p1", "name": '
                                    '"bad \\ud800 text", "theme": "ai"}, "geometry": '
                                    '{"type": "Point", "coordinates": [4.89, 52.37]}}]}',
                                    ["invalid character", "surrogate"], 1),
    "duplicate_id.geojson": (dumps(fc(feature(), feature({"name": "Ander project"},
                                                         geom={"type": "Point",
                                                               "coordinates": [4.7, 52.3]}))),
                             ["same id as feature 1", "'p1'"], 1),
    # the column holds both notations ("2,5 mln" and "2.5 mln"), so nothing settles it
    "amount_ambiguous_dot.geojson": (dumps(fc(feature({"amount_eur": "1.250"}), *_BOTH)),
                                     ["ambiguous", "1,250", "1.25"], 1),
    "amount_ambiguous_comma.geojson": (dumps(fc(feature({"amount_eur": "1,250"}), *_BOTH)),
                                       ["ambiguous", "'1,250'"], 1),
    "amount_negative.geojson": (dumps(fc(feature({"amount_eur": -5000}))),
                                ["negative"], 1),
    "amount_text_nan.geojson": (dumps(fc(feature({"amount_eur": "NaN"}))),
                                ["not a finite number"], 1),
    "amount_overflow_1e400.geojson": ('{"type": "FeatureCollection", "features": [{"type": '
                                      '"Feature", "properties": {"id": "p1", "name": "x", '
                                      '"theme": "ai", "amount_eur": 1e400}, "geometry": '
                                      '{"type": "Point", "coordinates": [4.89, 52.37]}}]}',
                                      ["not a finite number"], 1),
    "amount_huge.geojson": (dumps(fc(feature({"amount_eur": 5e15}))),
                            ["one trillion", "extra digits"], 1),
    "amount_huge_integer.geojson": (dumps(fc(feature({"amount_eur": 10**30}))),
                                    ["one trillion"], 1),
    "amount_words.geojson": (dumps(fc(feature({"amount_eur": "twee miljoen"}))),
                             ["could not be read as an amount", "twee miljoen"], 1),
    "amount_boolean.geojson": (dumps(fc(feature({"amount_eur": True}))),
                               ["true/false"], 1),
    "start_year_text.geojson": (dumps(fc(feature({"start_year": "volgend jaar"}))),
                                ["'start_year'", "whole year", "volgend jaar"], 1),
    "start_year_absurd.geojson": (dumps(fc(feature({"start_year": 20250}))),
                                  ["'start_year'", "between 1950 and 2100"], 1),
    "url_javascript.geojson": (dumps(fc(feature({"url": "javascript:alert(1)"}))),
                               ["'url'", "http://", "javascript:alert(1)"], 1),
    "hostile_many_problems.geojson": (dumps(fc(
        feature({"id": "<script>x</script>", "theme": "{{7*7}}"}),
        feature({"id": "p2", "name": "`rm -rf`", "amount_eur": "1.250"}),
        feature({"id": "p3", "name": "emoji 🚀"}, geom=None))),
        ["feature 1", "{{7*7}}", "feature 2", "ambiguous", "feature 3", "no geometry"], 1),
    "nested_too_deep.geojson": ("[" * 3000 + "]" * 3000, ["nested too deeply"], 2),
    "csv_no_coordinates.csv": ("id,name,theme\np1,Test,ai\n", ["no columns for the location",
                                                               "lon", "lat"], 2),
    "csv_rd_without_crs.csv": ("id;name;theme;x;y\np1;Test;ai;121500;487300\n",
                               ["RD New", "--crs EPSG:28992"], 1),
    "csv_bad_number.csv": ("id,name,theme,lon,lat\np1,Test,ai,4.89,noord\n",
                           ["column 'lat'", "noord"], 1),
    "csv_header_only.csv": ("id,name,theme,lon,lat\n", ["no rows"], 2),
    "csv_two_columns_same_header.csv": ("naam,thema,naam,lon,lat\nA,ai,B,4.9,52.37\n",
                                        ["two columns headed 'naam'", "column 1 (A)",
                                         "column 3 (C)"], 2),
    "csv_nul_bytes.csv": (b"id,name,theme,lon,lat\n" + bytes(4096),
                          ["NUL bytes", "byte 22"], 2),
    "csv_too_many_columns.csv": (",".join(f"k{i}" for i in range(2500)) + "\n",
                                 ["2,500 columns", "limit of 2,000"], 2),
    "duplicate_features_member.geojson": (
        '{"type": "FeatureCollection", "features": [' + dumps(feature()) + '], '
        '"features": []}', ["member 'features' occurs twice", "a list of 1 and a list of 0"],
        2),
    "kml_not_well_formed.kml": ('<?xml version="1.0"?><kml><Document><Placemark><name>x'
                                "</Placemark></kml>",
                                ["could not be read as a KML file", "not well-formed XML",
                                 "mismatched tag"], 2),
    "gml_not_well_formed.gml": ('<?xml version="1.0"?><gml:FeatureCollection xmlns:gml='
                                '"http://www.opengis.net/gml"><gml:featureMember><oops>'
                                "</gml:featureMember>",
                                ["could not be read as a GML file", "not well-formed XML"], 2),
    "flatgeobuf_junk.fgb": (b"fgb\x03fgb\x01" + b"junk" * 64,
                            ["could not be read as a FlatGeobuf file"], 2),
    "geopackage_junk.gpkg": (b"SQLite format 3\x00" + b"junk" * 64,
                             ["could not be read as a GeoPackage file"], 2),
}


def _workbooks() -> dict[str, tuple[bytes, list[str], int]]:
    """Broken and hostile Excel workbooks, each a few kB (see tests/_workbooks.py)."""
    import sys
    import tempfile

    sys.path.insert(0, str(HERE.parents[2]))
    from tests._workbooks import MB, _padded, make_xlsx, sheet_xml

    name_cell = 't="inlineStr"><is><t>Zonnepark</t></is>'
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')
    cases = {
        "xlsx_shared_string_out_of_range.xlsx": (
            {"sheet": sheet_xml().replace(name_cell, 't="s"><v>7</v>')},
            ["cell A2 on sheet 'Projecten'", "shared text number 7"]),
        "xlsx_number_cell_text.xlsx": (
            {"sheet": sheet_xml().replace("<v>4.9</v>", "<v>abc</v>")},
            ["cell C2 on sheet 'Projecten'", "'abc'"]),
        "xlsx_date_cell_not_a_date.xlsx": (
            {"sheet": sheet_xml().replace('<c r="C2"><v>4.9</v>',
                                          '<c r="C2" t="d"><v>gisteren</v>')},
            ["cell C2", "is a date", "'gisteren'"]),
        "xlsx_impossible_cell_reference.xlsx": (
            {"sheet": sheet_xml().replace('r="C2"', 'r="AAAA2"')},
            ["cell reference 'AAAA2'", "does not exist in Excel"]),
        "xlsx_missing_sheet_part.xlsx": (
            {"second": True, "drop": ("xl/worksheets/sheet1.xml",)},
            ["sheet 'Projecten'", "xl/worksheets/sheet1.xml is missing"]),
        "xlsx_missing_workbook_part.xlsx": (
            {"drop": ("xl/workbook.xml",)}, ["the part xl/workbook.xml is missing"]),
        "xlsx_broken_sheet_xml.xlsx": (
            {"sheet": sheet_xml()[:-30]}, ["xl/worksheets/sheet1.xml cannot be read"]),
        "xlsx_dimension_bomb.xlsx": (
            {"sheet": sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                                "A1:XFD1048576")},
            ["column 16,384", "XFD1048576", "limit of 2,000 columns"]),
        "xlsx_zip_bomb.xlsx": (
            {"sheet": _padded(16 * MB), "level": 9},
            ["xl/worksheets/sheet1.xml", "unpacks to 16,777,", "limit of 200", "zip bomb"]),
        "xlsx_billion_laughs.xlsx": (
            {"sheet": sheet_xml(prolog=laughs).replace("<v>4.9</v>", "<v>&lol3;</v>")},
            ["xl/worksheets/sheet1.xml", "DTD", "was not read"]),
        "xlsx_two_columns_same_header.xlsx": (
            {"sheet": sheet_xml().replace('<c r="B1" t="inlineStr"><is><t>theme</t>',
                                          '<c r="B1" t="inlineStr"><is><t>Name</t>')},
            ["two columns headed 'Name'", "column 1 (A) and column 2 (B)"]),
    }
    out: dict[str, tuple[bytes, list[str], int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (parts, fragments) in cases.items():
            out[name] = (make_xlsx(Path(tmp) / name, **parts).read_bytes(), fragments, 2)
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")
           + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    out["xlsx_encrypted.xlsx"] = (ole, ["protected with a password", "Encrypt with Password"],
                                  2)
    return out


def main() -> None:
    expected = {}
    CORPUS.update(_workbooks())
    for name, (content, fragments, code) in CORPUS.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8",
                                                                         "surrogatepass")
        (HERE / name).write_bytes(data)
        expected[name] = {"fragments": fragments, "exit": code}
    folder = HERE / "a_directory.geojson"
    folder.mkdir(exist_ok=True)
    (folder / ".gitkeep").write_text("")
    expected[folder.name] = {"fragments": ["is a directory"], "exit": 2}
    expected["shapefile_without_prj.shp"] = {
        "fragments": ["no coordinate reference system", ".prj"], "exit": 2}
    _write_shapefile_without_prj()
    (HERE / "EXPECTED.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False)
                                        + "\n", encoding="utf-8")


def _write_shapefile_without_prj() -> None:
    import geopandas as gpd
    from shapely import Point

    gdf = gpd.GeoDataFrame({"id": ["p1"], "name": ["Test"], "theme": ["ai"]},
                           geometry=[Point(121500, 487300)], crs="EPSG:28992")
    path = HERE / "shapefile_without_prj.shp"
    gdf.to_file(path, engine="pyogrio")
    path.with_suffix(".prj").unlink()
    path.with_suffix(".cpg").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
