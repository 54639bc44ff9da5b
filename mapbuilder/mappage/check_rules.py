"""The rule data of the page's own file check, generated from ``geo`` (never typed twice).

The page's "Bestand controleren" (static/check.js, static/lib/check_core.js) reads a
partner's CSV or GeoJSON in the browser. Everything that is data rather than an
algorithm comes from here: the column names (with their Shapefile cuts), the
coordinate headers, the theme vocabulary, the status words, the MRA outline and
the texts of the messages the page reproduces, made by the very functions
``transitiekaart validate`` uses, in both languages. Where the page meets a case
these rules do not cover, it says the check is incomplete and names the command
(never a false "OK").
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from functools import cache
from typing import Any

import shapely

from geo import themes
from geo.validate import amounts, fields, locations, rules, status, tables
from geo.validate.fields import derived_id_notes
from geo.validate.reading import SUPPORTED, bom_note
from geo.validate.report import ERRORS_SHOWN, GROUP_EXAMPLES
from layers.lang import format_number, get_lang, use_lang
from layers.messages import has
from layers.settings import SETTINGS
from mapbuilder.messages_csv import messages_csv_spec

__all__ = ["ID_SENTINEL", "LANGUAGE_KEYS", "N_SENTINEL", "check_rules", "check_rules_js",
           "coordinate_notes", "coordinate_rules", "step_rings"]

ID_SENTINEL = "§ID§"
"""Stands for the derived id in a generated message (the page puts the real one in)."""
N_SENTINEL = 987654
"""Stands for the count in a generated message (formatted as the language formats it)."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest file the page checks (bigger: the command line)."""

def _messages(lang: str) -> dict[str, Any]:
    with use_lang(lang):
        bom = bom_note()
        ids = [ID_SENTINEL] * N_SENTINEL
        whole = derived_id_notes(list(range(1, N_SENTINEL + 1)), ids, [""] * N_SENTINEL,
                                 N_SENTINEL)[0]
        return {"bom": [bom.message, bom.hint], "status_read": _status_read(), **_notes(),
                **_place_notes(), "implausible": _implausible(),
                "derived_id_one": _derived_one(), **_location_notes(),
                "sheets": _sheets_note(), **_unknown_area(), **coordinate_notes(),
                "derived_id": [whole.message, whole.hint], "no_location": _no_location(),
                "address": _address_notes(), "n_sentinel": format_number(N_SENTINEL)}


V = "§V§"
"""Stands for a value as written in a generated message (the page puts it in)."""
Y = 987653
"""Stands for a year in a generated message."""


def _notes() -> dict[str, list[str]]:
    """Per note the page reproduces: [message, fix] made by geo's own functions, with
    sentinels (:data:`ID_SENTINEL` for a value as shown, :data:`V`, :data:`Y`) for the page
    to fill in."""
    from types import SimpleNamespace

    from geo.validate.checks import template_examples
    from geo.validate.fields import ColumnMap, year_note
    from geo.validate.places import merger_note
    from geo.validate.reading import Raw

    year = year_note(V, Y)
    merged = merger_note(1, V, SimpleNamespace(municipality=ID_SENTINEL, year=Y), {})
    found: list[Any] = []
    raw = Raw(props=[{"name": fields.TEMPLATE_EXAMPLE["name"]}], geoms=[None], crs=None,
              problems=[])
    cmap = ColumnMap(keys={"name": ["name"]})
    template_examples(raw, cmap, found)
    return {"year_range": [year[0], year[1]], "former": [merged.message, merged.hint],
            "template_example": [found[0].message, found[0].hint], "encoding": _encoding()}


def _encoding() -> list[str]:
    """The note for a CSV read as Windows-1252, with ``{byte}`` (two hex digits) and ``{line}``."""
    import tempfile
    from pathlib import Path

    from geo.validate.reading import decode_text

    found: list[Any] = []
    with tempfile.TemporaryDirectory() as tmp:
        decode_text(Path(tmp) / "x.csv", b"\n" * 4320 + b"\xe9", False, found)
    note = found[0]
    assert note.message.count("0xe9") == 1 and note.message.count("4321") == 1
    return [note.message.replace("0xe9", "0x{byte}").replace("4321", "{line}"), note.hint]


def _place_notes() -> dict[str, Any]:
    """The notes on points and the municipality their row names, and on points outside the
    MRA (geo.validate.places), with sentinels: ``§N§`` the named municipality, ``§A§`` the
    one the point lies in, ``§C§`` the column, ``§F§`` the distance, ``§X§``/``§Y§`` lon/lat."""
    from types import SimpleNamespace

    import geopandas as gpd
    import numpy as np

    from geo.validate import places

    def sub(text: str, real: dict[str, str]) -> str:
        for value, mark in real.items():
            assert value in text, (value, text)
            text = text.replace(value, mark)
        return text

    out: dict[str, Any] = {}
    for near in (True, False):
        msg, fix, _ = places._mismatch_note("§A§", "§N§", "§C§", "§F§", near, get_lang())
        out[f"mismatch_{'near' if near else 'far'}"] = [msg, fix]
    at = SimpleNamespace(x=11.11111, y=22.22222)
    xy = {format_number(11.11111, 5): "§X§", format_number(22.22222, 5): "§Y§"}
    for dist, kind in ((500.0, "near"), (12345.0, "far")):
        msg, fix = places._outside_note(at, False, "§N§", "§C§", dist)
        out[f"outside_named_{kind}"] = [sub(msg, {**xy, places._distance_text(dist): "§F§"}),
                                        fix]
    msg, fix = places._outside_note(at, False, None, "§C§", math.nan)
    out["outside"] = [sub(msg, xy), fix]
    msg, fix = places._outside_note(at, True, None, "§C§", math.nan)  # a line or polygon
    out["outside_mostly"] = [sub(msg, xy), fix]
    index, _, _, names = places._municipality_shapes()
    k = index["GM0479"]  # Zaanstad: a name no fixed text holds
    pt = shapely.Point(4.8, 52.45)
    gdf = gpd.GeoDataFrame({"id": ["a"], "name": ["b"]}, geometry=[pt], crs=4326)
    notes = places._snap_to_named(gdf, np.array([pt], dtype=object), np.array([0]),
                                  np.array([k]), np.array([37.0]), "§C§",
                                  {0: {"feature": 1, "id": "a", "name": "b"}})
    real = {str(names[k]): "§N§", places._distance_text(37.0): "§F§"}
    out["border_named"] = [sub(notes[0].message, real),
                           sub(notes[0].hint, {str(names[k]): "§N§"})]
    return out


def _implausible() -> dict[str, list[str]]:
    """amounts.implausible_notes for "far above the median", "above the cap" and both, with
    ``§E§`` the amount, ``§T§`` how many times the median, ``§M§`` the median, ``§P§`` its
    share of the file's total (the page formats them as Python does)."""
    from layers.lang import format_eur

    cases = {"both": [1000.0, 1000.0, 1000.0, 9e11], "median": [1000.0, 1000.0, 1000.0, 2e6],
             "cap": [6e8]}
    out = {}
    for key, amounts_ in cases.items():
        note = amounts.implausible_notes(amounts_, range(1, len(amounts_) + 1),
                                         [None] * len(amounts_), ["x"] * len(amounts_))[-1]
        a, total = amounts_[-1], sum(amounts_)
        text = note.message
        for value, mark in ((format_eur(a), "§E§"), (format_number(a / 1000.0, 0), "§T§"),
                            (format_eur(1000.0), "§M§"),
                            (format_number(100 * a / total, 1) + "%", "§P§%")):
            if key == "cap" and mark in ("§T§", "§M§"):
                continue
            assert text.count(value) == 1, (value, text)
            text = text.replace(value, mark)
        out[key] = [text, note.hint]
    return out


def _address_notes() -> dict[str, Any]:
    """places.resolve_place on an address that names no area: alone, its error
    (``address_only``); beside a municipality, subregion or "MRA-breed", the note that it
    is not looked up (``address_unused``, ``'§V§'`` the address as Python shows it, ``§W§``
    where the project is placed), and where it is placed per kind of area (``§N§`` the
    municipality's name or the subregion)."""
    from geo.validate import places

    def resolve(**given: Any) -> Any:
        found: list[Any] = []
        row = {"municipality": None, "subregion": None, "address": V, "place": None,
               "place_area": None, **given}
        places.resolve_place(row, 1, False, found, {})
        return row, found

    _, alone = resolve()
    assert [p.code for p in alone] == ["address_only"], alone
    row, used = resolve(municipality="Zaanstad")
    where = places.place_text(row["place"], row["place_area"])
    note = used[-1]
    assert note.code == "address_unused" and note.message.count(where) == 1, note.message
    return {"only": [alone[0].message, alone[0].hint],
            "unused": [note.message.replace(where, "§W§"), note.hint],
            "where": {kind: places.place_text(kind, area).replace(area, "§N§") if area else
                      places.place_text(kind, "MRA")
                      for kind, area in (("municipality", "§N§"), ("subregion", "§N§"),
                                         ("mra", ""))}}


def _no_location() -> list[str]:
    """places.no_location: the one error for a feature with neither geometry nor place."""
    from geo.validate.places import no_location

    problem = no_location(1)
    return [problem.message, problem.hint]


def _derived_one() -> list[str]:
    """The per-project note of a derived id (``§ID§`` the id)."""
    note = derived_id_notes([1], [ID_SENTINEL], ["x"])[0]
    return [note.message, note.hint]


def _location_notes() -> dict[str, Any]:
    """geo.validate.locations: the note on how a one-column location was read (per
    ``lon_first``/``mixed``), and the note on an RD pair (``§RX§``, ``§RY§`` its x and y);
    ``§C§`` the column."""
    out: dict[str, Any] = {}
    for lon_first in (False, True):
        for mixed in (False, True):
            note = locations.note_for(locations.PlaceColumn("§C§", lon_first, mixed))
            out[f"pair_{int(lon_first)}{int(mixed)}"] = [note.message, note.hint]
    found: list[Any] = []
    locations.read_place_cell("113274, 483184", 1, locations.PlaceColumn("§C§", False, True),
                              found)
    text = found[0].message
    assert text.count("113274") == 1 and text.count("483184") == 1, text
    out["rd_pair"] = [text.replace("113274", "§RX§").replace("483184", "§RY§"), found[0].hint]
    for mixed, key in ((True, "location_unreadable"), (False, "pair_unreadable")):
        got: list[Any] = []  # a cell that is neither coordinates nor an area: an error
        locations.read_place_cell("§V§", 1, locations.PlaceColumn("§C§", False, mixed), got)
        out[key] = [got[0].message, got[0].hint]
    return out


def _sheets_note() -> list[str]:
    """tables.read_xlsx's note for a workbook of several sheets read without a choice
    (``§K§`` how many, ``§S§`` the first's name): the catalogue's entry with read_xlsx's
    fields (tests/test_check_parity.py holds it to a real workbook's note)."""
    from layers.messages import msg

    return [msg("tables.several_sheets", count="§K§", sheet=repr("§S§")),
            msg("tables.several_sheets_fix")]


def _unknown_area() -> dict[str, list[str]]:
    """places.resolve_place's error for a place column naming no MRA area, and the pieces of
    its "did you mean" (before, between and after the names), made by geo itself."""
    from geo.validate import places

    found: list[Any] = []
    row = {"municipality": V, "subregion": None, "address": None, "place": None,
           "place_area": None}
    places.resolve_place(row, 1, False, found, {})
    base = places._unknown_area(V)  # no name near: no "did you mean"
    assert found[0].code == "unknown_area" and found[0].message == base, found[0].message
    one, two = places._unknown_area("Zaanstadd"), places._unknown_area("Almer")
    assert one.startswith(base) and two.startswith(base), (one, two)
    one, two = one[len(base):], two[len(base):]
    before, after = one.split("'Zaanstad'")
    joiner = two[len(before) + len("'Almere'"):two.index("'Aalsmeer'")]
    assert two == f"{before}'Almere'{joiner}'Aalsmeer'{after}", two
    return {"unknown_area": [found[0].message, found[0].hint],
            "suggest": [before, joiner, after]}


def _status_read() -> dict[str, list[str]]:
    """Per status code the note for a synonym read as it (``'§V§'`` for the value as written)."""
    out = {}
    for code, words in status.STATUSES.items():
        word = next(w for w in words if status.status_key(w) not in status._PLAIN)
        note = status.read_status(word)[1]
        assert note is not None and note.message.count(f"'{word}'") == 1, word
        out[code] = [note.message.replace(f"'{word}'", f"'{ID_SENTINEL}'"), note.fix]
    return out


def _municipalities() -> dict[str, Any]:
    """The 30 municipalities as validate places points in them (geo.validate.places
    _municipality_shapes): codes, names, and their shapes (as :func:`step_rings` gives them)
    in lon/lat (for "is the point in it"), in RD New (for "how far outside") and in RD New
    shrunk by ``places._INSIDE_M`` (where a point near the border is moved; GEOS's buffer,
    so not re-done in the page), each exact."""
    from geo.validate import places

    index, shapes, metric, names = places._municipality_shapes()
    codes = sorted(index, key=index.get)  # type: ignore[arg-type]
    return {"codes": codes, "names": [str(n) for n in names],
            "lonlat": step_rings(shapes), "rd": step_rings(metric, 1000),
            "tolerance_m": SETTINGS.border_tolerance_m, "near_m": places.NEAR_BOUNDARY_M,
            "inside": step_rings(places.inside_shapes(), 1000)}


def _js_pattern(pattern: str) -> str:
    """A Python pattern with a leading ``(?i)`` as JavaScript source (used with flag "i")."""
    if not pattern.startswith("(?i)") or "(?" in pattern[4:]:  # pragma: no cover - guard
        msg = f"pattern {pattern!r} cannot be given to the page as it is"
        raise ValueError(msg)
    return pattern[4:]


def _export() -> dict[str, Any]:
    """The register's exchange format (``list --format csv``): columns, headers, labels."""
    from mapbuilder.register_export import exchange_spec

    return exchange_spec()


def _areas() -> dict[str, Any]:
    """The names a place column may give (geo.validate.places): municipalities by name and CBS
    code, subregions, former municipalities and the words for MRA-wide."""
    from geo.validate import places

    by_key, names, subs, _ = places._areas()
    former = {k: [code, m.municipality, m.year] for k, (code, m) in places._former().items()}
    return {"by_key": by_key, "names": names, "subs": subs, "former": former,
            "wide": list(places.AREA_WIDE_WORDS)}


def _rd() -> dict[str, Any]:
    """RD New -> WGS84 as pyproj does it without grids (lib/rd.js), read from pyproj's own
    definition of the operation: the sterea parameters, the ellipsoids, the Helmert."""
    from pyproj import CRS
    from pyproj.transformer import TransformerGroup

    op = TransformerGroup(SETTINGS.crs_metric, SETTINGS.crs_wgs84, always_xy=True)
    steps = [dict(kv.split("=", 1) for kv in step.split() if "=" in kv)
             for step in op.transformers[0].definition.split(" step ")]
    sterea = next(s for s in steps if s.get("proj") == "sterea")
    helmert = next(s for s in steps if s.get("proj") == "helmert")
    if helmert.get("convention") != "coordinate_frame":  # pragma: no cover - guard
        msg = f"unexpected Helmert convention in {op.transformers[0].definition!r}"
        raise ValueError(msg)
    rd, wgs = CRS(SETTINGS.crs_metric).ellipsoid, CRS(SETTINGS.crs_wgs84).ellipsoid
    assert rd is not None and wgs is not None
    return {**{k: float(sterea[k]) for k in ("lat_0", "lon_0", "k", "x_0", "y_0")},
            "a": rd.semi_major_metre, "rf": rd.inverse_flattening,
            "wgs84_a": wgs.semi_major_metre, "wgs84_rf": wgs.inverse_flattening,
            "helmert": {k: float(helmert[k]) for k in ("x", "y", "z", "rx", "ry", "rz", "s")}}


def _workbook() -> dict[str, Any]:
    """The limits geo.validate.workbook.check_workbook refuses a workbook by (the date styles
    are in ``XLSX_DATES``, held to openpyxl by a test)."""
    from geo.validate import workbook

    return {"max_parts": workbook._MAX_PARTS, "ratio_floor": workbook._RATIO_FLOOR,
            "max_zip_ratio": SETTINGS.max_zip_ratio, "max_part_bytes": SETTINGS.max_part_bytes}


def _notation() -> dict[str, Any]:
    """What settles an amount column's notation (geo.validate.amounts.settle_notation)."""
    from geo.projects import PROJECT_FIELDS
    from geo.validate.checks import GROUP_OF_3

    return {"three": GROUP_OF_3.pattern,
            "nl_evidence": amounts._NL_EVIDENCE.pattern,
            "en_evidence": amounts._EN_EVIDENCE.pattern,
            "nl_header": _js_pattern(amounts._NL_HEADER.pattern),
            "en_header": _js_pattern(amounts._EN_HEADER.pattern),
            "nl_words": sorted(amounts._NL_WORDS), "en_words": sorted(amounts._EN_WORDS),
            "project_fields": list(PROJECT_FIELDS)}


LANGUAGE_KEYS = (("messages",), ("texts",), ("reading", "cli"), ("fields", "texts"),
                 ("fields", "labels"))
"""Where the rules hold texts per language (``{"nl": ..., "en": ...}``): a page gets only
its own language's (the check speaks the page's language)."""


@cache
def check_rules(lang: str | None = None) -> dict[str, Any]:
    """Every rule datum the page's check uses (JSON-safe); with ``lang`` the texts of that
    language only (:data:`LANGUAGE_KEYS`), as a page built in it gets them."""
    rules = _all_rules()
    if lang is None:
        return rules
    out = dict(rules)
    for path in LANGUAGE_KEYS:
        *outer, last = path
        holder = out
        for key in outer:
            holder[key] = holder = dict(holder[key])
        holder[last] = {lang: holder[last][lang]}
    return out


@cache
def _all_rules() -> dict[str, Any]:
    return {
        "field_of": dict(fields._FIELD_OF),
        "alias_starts": {f: sorted(first) for f, first in tables.alias_starts().items()},
        "unit_tokens": sorted(fields._UNIT_TOKENS),
        "lon": list(tables._LON), "lat": list(tables._LAT),
        "x": list(tables._X), "y": list(tables._Y), **coordinate_rules(),
        "pair_headers": list(locations._PAIR_HEADERS + locations._MIXED_HEADERS),
        "locations": {"pair": list(locations._PAIR_HEADERS),
                      "mixed": list(locations._MIXED_HEADERS),
                      "lon_first": list(locations._LON_FIRST),
                      # geo/validate/rules.py: (latitude, longitude) over the Netherlands and
                      # RD New's x and y, as locations.py reads a pair
                      "nl_lat": [rules.SWAPPED.x.low, rules.SWAPPED.x.high],
                      "nl_lon": [rules.SWAPPED.y.low, rules.SWAPPED.y.high],
                      "rd_x": [rules.RD_NEW.x.low, rules.RD_NEW.x.high],
                      "rd_y": [rules.RD_NEW.y.low, rules.RD_NEW.y.high]},
        "themes": {"codes": list(themes.THEME_CODES), "stop": sorted(themes._STOP),
                   "variants": dict(themes._VARIANTS), "lookup": dict(themes._LOOKUP),
                   "vocab": {c: sorted(w) for c, w in themes._VOCAB.items()},
                   "synonym_words": {c: [sorted(w) for w in ws]
                                     for c, ws in themes._SYNONYM_WORDS.items()},
                   "broader": sorted(themes._BROADER_KEYS)},
        "status_plain": dict(sorted(status._PLAIN.items())),
        "status_of": dict(sorted(status._STATUS_OF.items())),
        "small_amount_eur": amounts.SMALL_AMOUNT_EUR,
        "unknown_amounts": sorted(amounts.UNKNOWN_AMOUNTS),
        "notation": _notation(),
        "areas": _areas(),
        "rd": _rd(),
        "municipalities": _municipalities(),
        "header_units": [[_js_pattern(p.pattern), f] for p, f in amounts._HEADER_UNITS],
        "max_amount_eur": amounts.MAX_AMOUNT_EUR,
        "year_range": list(fields.YEAR_RANGE),
        "template_name": fields.TEMPLATE_EXAMPLE["name"],
        "template_id_prefix": fields.TEMPLATE_ID_PREFIX,
        "year_words": _js_pattern(fields._YEAR_WORDS.pattern),
        "implausible_amount_eur": SETTINGS.implausible_amount_eur,
        "implausible_median_factor": SETTINGS.implausible_median_factor,
        "messages": {"nl": _messages("nl"), "en": _messages("en")},
        "id_sentinel": ID_SENTINEL, "v_sentinel": V, "y_sentinel": Y,
        "export": _export(),
        "texts": check_texts(),
        "max_bytes": MAX_BYTES,
        "validate_reads": list(SUPPORTED),  # what the page names validate for (lib/check_core.js)
        "csv_cell_chars": csv.field_size_limit(),  # tables.py read_csv: a longer cell is an error
        "groups": {"examples": GROUP_EXAMPLES, "errors_shown": ERRORS_SHOWN},  # lib/check_groups.js
        "workbook": _workbook(),
        "reading": reading_rules(),
        "fields": _field_rules(),
        "messages_csv": messages_csv_spec(),
    }


READING_KEYS = (
    "checks.empty_file", "checks.empty_file_fix", "checks.too_deep", "checks.too_deep_fix",
    "checks.z_dropped", "checks.repaired", "checks.crs_degrees", "checks.crs_degrees_fix",
    *(f"reading.{k}" for k in (
        "nul_bytes", "nul_bytes_fix_sheet", "nul_bytes_fix_geojson", "line_too_long",
        "line_too_long_fix", "not_utf8", "not_utf8_fix", "only_white_space",
        "export_again_geojson", "not_json", "not_json_fix", "invalid_json", "invalid_json_fix",
        "not_geojson", "not_geojson_fix", "top_level_not_object", "features_missing",
        "type_not_collection", "bare_geometry", "bare_geometry_fix", "list_of",
        "top_level_twice", "top_level_twice_fix", "empty_collection", "empty_collection_fix",
        "crs_member_unreadable", "crs_member_unreadable_fix", "crs_from_file", "crs_member",
        "unknown_crs", "unknown_crs_fix", "not_feature",
        "not_feature_fix", "properties_not_object", "properties_not_object_fix",
        "fix_geometry", "geometry_not_object", "geometry_collection",
        "geometry_collection_fix", "unknown_geometry_type", "unknown_geometry_type_fix",
        "empty_geometry", "empty_geometry_fix", "position_not_pair", "position_4d",
        "position_4d_fix", "coordinates_text", "coordinate_not_number",
        "coordinates_not_finite", "nested_wrongly", "ring", "ring_of_polygon",
        "ring_too_short", "ring_not_closed", "line_too_short", "json_expecting_value",
        "json_expecting_property_name", "json_expecting_colon", "json_expecting_comma",
        "json_unterminated_string", "json_invalid_control_character", "json_invalid_escape",
        "json_invalid_unicode_escape", "json_extra_data", "xml_not_well_formed",
        "xml_no_element_found", "xml_unclosed_token")),
    *(f"tables.{k}" for k in (
        "no_location_columns", "no_location_columns_fix", "found_none", "found_more",
        "header_only", "header_only_fix", "csv_only_white_space", "csv_only_white_space_fix",
        "too_many_columns", "too_many_columns_fix", "too_many_cells", "too_many_cells_fix",
        "header_row", "totals_row", "empty_sheet", "empty_sheet_fix", "on_first_sheet",
        "projects_on_other_sheet")),
    *(f"trialfix.{k}" for k in (
        "header_repeated", "header_repeated_rows", "header_repeated_fix", "rows_more",
        "first_sheet_empty_read", "first_sheet_empty_read_fix", "first_sheet_empty",
        "first_sheet_empty_fix", "all_sheets_empty")),
    *(f"workbook.{k}" for k in (
        "resave", "encrypted", "encrypted_fix", "too_many_parts", "part_too_large",
        "part_too_large_fix", "part_packed_too_well", "part_packed_too_well_fix", "dtd",
        "dtd_fix", "missing_part", "cell_on_sheet", "bad_cell_reference", "bad_shared_text",
        "bad_date", "bad_number", "broken_part", "too_wide", "too_wide_fix", "too_many_cells",
        "too_many_cells_fix", "missing_sheet_part")),
)
"""The command line's messages on reading a file that the page's check gives (lib/check_read.js,
lib/check_geometry.js), as the catalogue holds them (fields left open)."""

CRS_NAMES = ("EPSG:4326", "epsg:4326", "urn:ogc:def:crs:OGC:1.3:CRS84",
             "urn:ogc:def:crs:OGC::CRS84", "OGC:CRS84", "urn:ogc:def:crs:EPSG::4326",
             "EPSG:28992", "epsg:28992", "urn:ogc:def:crs:EPSG::28992")
"""The names of a GeoJSON crs member the page knows (any other: the check is incomplete, or
refused as validate refuses it when :func:`unknown_epsg` says pyproj has no such code)."""

_SENTINEL_CODE = "987654321"


@cache
def unknown_epsg() -> dict[str, Any] | None:
    """What the page needs to refuse an EPSG code pyproj's database does not hold, as
    ``reading.parse_crs`` does: the highest EPSG code of any object in the database (every
    code above it is "not found"; codes below are left to validate) and pyproj's error text
    with the name and the code left open (``§NAME§``, ``§CODE§``), taken from pyproj for a
    code above that. None when pyproj's text for the two forms the page reads (``EPSG:n``,
    ``urn:ogc:def:crs:EPSG::n``) is not one template."""
    from pyproj import CRS, database
    from pyproj.enums import PJType
    from pyproj.exceptions import CRSError

    from geo.validate.reading import CRS_SHOWN

    codes = [int(c) for t in PJType for c in database.get_codes("EPSG", t, True) if c.isdigit()]
    highest = max(codes)
    texts = set()
    for name in (f"EPSG:{_SENTINEL_CODE}", f"urn:ogc:def:crs:EPSG::{_SENTINEL_CODE}"):
        try:
            CRS.from_user_input(name)
        except CRSError as exc:
            texts.add(str(exc).replace(name, "§NAME§", 1).replace(_SENTINEL_CODE, "§CODE§"))
        else:  # the sentinel is a code now
            return None
    if len(texts) != 1 or int(_SENTINEL_CODE) <= highest:
        return None
    return {"highest": str(highest), "why": texts.pop(), "shown": list(CRS_SHOWN)}


XLSX_DATES = {
    "builtin": {"14": "mm-dd-yy", "15": "d-mmm-yy", "16": "d-mmm", "17": "mmm-yy",
                "18": "h:mm AM/PM", "19": "h:mm:ss AM/PM", "20": "h:mm", "21": "h:mm:ss",
                "22": "m/d/yy h:mm", "45": "mm:ss", "46": "[h]:mm:ss", "47": "mmss.0"},
    "strip": r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]',
    "date_letter": r"(?<![_\\])[dmhysDMHYS]",
    "timedelta": r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?",
}
"""What lib/xlsx_dates.js needs to tell openpyxl's date styles (styles/numbers.py): its
builtin formats that are dates or durations (by id), STRIP_RE, is_date_format's letters and
TIMEDELTA_RE. Kept here, not read from openpyxl on every build (importing it costs a build
a quarter of a second); held to openpyxl by tests/test_check_gaps_parity.py."""


def reading_rules() -> dict[str, Any]:
    """What the page's reading of a file needs (lib/check_read.js, lib/check_geometry.js):
    the command line's texts, its bounds (geo's settings), the container magic numbers,
    the nesting Python can read, the crs names the page knows (with what geo makes of them)."""
    from pyproj import CRS

    from geo.validate import workbook
    from geo.validate.reading import is_wgs84
    from layers.files import container_prefixes
    from layers.messages import template

    def crs(name: str) -> dict[str, Any]:
        value = CRS.from_user_input(name)
        return {"wgs84": is_wgs84(value), "name": value.to_string(),
                "rd": value.equals(CRS.from_epsg(28992))}

    limits = SETTINGS
    return {"cli": {lang: {key: template(key, lang) for key in READING_KEYS}
                    for lang in ("nl", "en")},
            "max_columns": limits.max_columns, "max_cells": limits.max_cells,
            "max_line_chars": limits.max_line_chars, "piece_bytes": 8 << 20,
            "max_cell_chars": limits.max_cell_chars,
            "max_row": workbook._MAX_ROW, "max_column": workbook._MAX_COLUMN,
            "magic": [list(m) for m in container_prefixes()],
            "whole_parts": workbook._WHOLE_PARTS.pattern,
            "too_deep": 1100, "deep_ok": 64, "any_point": [4.9, 52.37],
            "lonlat": [rules.LONLAT.x.low, rules.LONLAT.x.high, rules.LONLAT.y.low,
                       rules.LONLAT.y.high],
            "crs_names": {name: crs(name) for name in CRS_NAMES}, "crs_unknown": unknown_epsg(),
            "xlsx_dates": XLSX_DATES}


FIELD_TEXTS = {
    "fields": ("the_amount", "not_text", "not_text_fix", "bad_character", "bad_character_fix",
               "id_not_text", "id_not_text_fix", "id_yes_no", "id_not_a_number",
               "name_missing", "name_missing_fix", "year", "year_fix", "url", "url_fix",
               "no_name_column", "no_name_column_fix", "no_theme_column", "no_theme_column_fix"),
    "amounts": ("amount_unknown", "amount_unknown_fix", "amount_boolean", "give_number",
                "amount_not_number", "amount_not_finite",
                "amount_not_finite_nan", "give_amount_or_empty", "amount_negative",
                "amount_negative_fix", "amount_too_large", "amount_too_large_fix",
                "amount_unreadable", "amount_no_digits", "give_number_or_empty",
                "write_amount_euro", "write_amount_unit", "amount_ambiguous",
                "amount_ambiguous_fix", "amount_ambiguous_unit_fix",
                "amount_ambiguous_decimal_fix", "amount_ambiguous_settles", "amount_notation",
                "amount_notation_fix", "each_times_unit", "notation_nl", "notation_en",
                "because_column", "because_header", "because_file", "because_headers_nl",
                "because_headers_en", "because_lang", "small_amount", "small_amount_fix",
                "small_example_euro", "small_example_unit"),
    "themes": ("theme_missing", "theme_missing_fix", "theme_ambiguous", "theme_ambiguous_fix",
               "theme_unknown", "theme_unknown_guess", "theme_unknown_fix", "and", "or"),
    "intake": ("theme_broader", "theme_broader_fix",
               *(f"scope_{code}" for code in themes.THEME_CODES
                 if has(f"intake.scope_{code}"))),
    "bounds": ("control_character", "control_character_in_id", "control_character_fix",
               "control_character_kept", "control_character_kept_fix"),
    "checks": ("id_twice", "id_twice_fix", "same_content", "same_content_fix",
               "derived_id_number", "derived_id_number_fix"),
    "places": ("duplicate_in_file", "duplicate_in_file_fix"),
    "reading": ("not_utf8", "not_utf8_fix"),
    "tables": ("same_header", "same_header_fix"),
}
"""The catalogue's texts the page's field rules fill in (lib/check_fields.js and its
neighbours), by domain: the command line's own messages, fields left open."""


def _field_rules() -> dict[str, Any]:
    """What the page's field rules (lib/check_fields.js, lib/check_themes.js,
    lib/check_ids.js) need beside the shared rules: the catalogue's texts of the messages
    they reproduce, per language (``"domain.key"``, fields open), the themes' labels, and
    the limits of geo.validate."""
    from layers.messages import template

    texts = {lang: {f"{domain}.{key}": template(f"{domain}.{key}", lang)
                    for domain, keys in FIELD_TEXTS.items() for key in keys}
             for lang in ("nl", "en")}
    labels = {lang: [themes.get_theme(code).label(lang) for code in themes.THEME_CODES]
              for lang in ("nl", "en")}
    return {"texts": texts, "labels": labels,
            "amount_low": rules.AMOUNT.low, "amount_high": rules.AMOUNT.high,
            "duplicate_distance_m": SETTINGS.duplicate_distance_m}


def check_rules_js(lang: str | None = None) -> str:
    """The rules as a script line for the page (``transitiekaart.checkRules``), with
    ``lang`` in that language only."""
    text = json.dumps(check_rules(lang), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    return ("(self.transitiekaart = self.transitiekaart || {}).checkRules = " + text + ";")


def check_texts() -> dict[str, dict[str, str]]:
    """The page's own texts of the check, both languages: the ``check``, ``pagecheck``,
    ``checkplaces``, ``checkread``, ``checkfields``, ``pagefix`` and ``pageread`` domains of
    the message catalogue (layers/messages/), fields left open."""
    from layers.messages import entries, template

    return {lang: {**{key: template(f"check.{key}", lang) for key in entries("check")},
                   **{key: template(f"pagecheck.{key}", lang) for key in entries("pagecheck")},
                   **{key: template(f"checkplaces.{key}", lang) for key in entries("checkplaces")},
                   **{key: template(f"checkread.{key}", lang) for key in entries("checkread")},
                   **{key: template(f"checkfields.{key}", lang) for key in entries("checkfields")},
                   **{key: template(f"pagefix.{key}", lang) for key in entries("pagefix")},
                   **{key: template(f"pageread.{key}", lang) for key in entries("pageread")}}
            for lang in ("nl", "en")}


def coordinate_notes() -> dict[str, list[str]]:
    """validate's messages on coordinates (geo.validate.checks, geo.validate.tables), for
    lib/check_places.js, in the run's language, with sentinels: ``§C§`` a coordinate
    column, ``§LAT§``/``§LON§`` the latitude and longitude columns (``'§LAT§'`` where the
    message shows the header as Python's repr), ``§K§`` a count, ``§AT§`` the row or feature
    (``§R§`` in ``at_row``/``at_feature``), ``§RX§``/``§RY§`` RD metres, ``'§X§'``/``'§Y§'``
    the columns that name RD New, ``'§S§'`` a scope beside coordinates (places.py)."""
    from pyproj import CRS

    from layers.messages import msg

    sheet = {"lat_column": "§LAT§", "lon_column": "§LON§"}
    crs_from = msg("tables.crs_from_column_names", x=repr("§X§"), y=repr("§Y§"))
    return {
        "coordinate_not_number": [msg("tables.coordinate_not_number", column="§C§"),
                                  msg("tables.coordinate_not_number_fix")],
        "coordinates_range": [msg("checks.coordinates_range"), msg("checks.coordinates_range_fix")],
        "latlon_swapped_geojson": [msg("checks.latlon_swapped_geojson"),
                                   msg("checks.latlon_swapped_geojson_fix")],
        "latlon_swapped_sheet": [msg("checks.latlon_swapped", **sheet),
                                 msg("checks.latlon_swapped_fix", **sheet)],
        "rd_undeclared": [msg("checks.rd_undeclared", count="§K§", at="§AT§", x="§RX§", y="§RY§"),
                          msg("checks.rd_undeclared_sheet_fix"),
                          msg("checks.rd_undeclared_geojson_fix")],
        "scope_with_coordinates": [msg("places.scope_with_coordinates", scope="§S§"),
                                   msg("places.scope_with_coordinates_fix")],
        "at_row": [msg("checks.at_row", row="§R§")],
        "at_feature": [msg("checks.at_feature", feature="§R§")],
        "crs_degrees_rd_named": [msg("checks.crs_degrees", crs_from=crs_from,
                                     crs_name=CRS.from_epsg(28992).to_string()),
                                 msg("checks.crs_degrees_fix")],
    }


def coordinate_rules() -> dict[str, Any]:
    """The bounds checks._check_geometries reads points by (geo/validate/rules.py) and the
    column names that make a sheet's x/y RD New (tables._RD_NAMED)."""
    def box(b: rules.Box) -> list[float]:
        return [b.x.low, b.x.high, b.y.low, b.y.high]

    return {"rd_named": list(tables._RD_NAMED),
            "boxes": {"lonlat": box(rules.LONLAT), "rd": box(rules.RD_NEW),
                      "swapped": box(rules.SWAPPED)}}


def step_rings(geoms: Any, scale: int | None = None) -> Any:
    """Shapes as the page gets them (lib/places.js decodeRings), exact and compact: per shape
    its rings' numbers of vertices, the ``scale`` (a power of ten) and the x and y of every
    vertex times it, whole numbers, each the difference from the vertex before (the first
    from 0), as zigzag varints (7 bits a byte, LEB128) in base64. ``n / scale`` in the page
    is the very double geo measures with: RD New to the millimetre (geo.validate.places.to_mm,
    ``scale`` 1000; 8.2 kB for the 927 vertices, where the numbers written out take 36 kB),
    lon/lat at the fewest decimals that are exact (3 for the built-in shapes). Shapes that
    no power of ten up to 10^9 makes whole are given as lists of ``[x, y]`` per ring."""
    import base64

    import numpy as np

    lengths: list[list[int]] = []
    xy: list[Any] = []
    for geom in geoms:
        rings = [ring for poly in getattr(geom, "geoms", [geom])
                 if poly.geom_type == "Polygon" and not poly.is_empty
                 for ring in (poly.exterior, *poly.interiors)]
        lengths.append([len(ring.coords) for ring in rings])
        xy += [np.asarray(ring.coords, dtype=float)[:, :2] for ring in rings]
    values = np.concatenate(xy) if xy else np.zeros((0, 2))
    for k in ([scale] if scale else [10**d for d in range(10)]):
        whole = np.rint(values * k)
        if np.all(whole / k == values) and np.all(np.abs(whole) < 2**50):
            break
    else:
        if scale:  # pragma: no cover - guard: geo.validate.places.to_mm gives millimetres
            msg = f"the shapes are not in whole units of 1/{scale} (geo.validate.places.to_mm)"
            raise ValueError(msg)
        at = np.cumsum([0, *(n for shape in lengths for n in shape)])
        flat = iter([values[i:j].tolist() for i, j in itertools.pairwise(at)])
        return [[next(flat) for _ in shape] for shape in lengths]
    steps = np.diff(whole.astype(np.int64), axis=0, prepend=np.zeros((1, 2), np.int64))
    out = bytearray()
    for v in np.where(steps >= 0, 2 * steps, -2 * steps - 1).ravel().tolist():
        while v >= 0x80:
            out.append(v & 0x7F | 0x80)
            v >>= 7
        out.append(v)
    return {"rings": lengths, "scale": k, "steps": base64.b64encode(bytes(out)).decode("ascii")}
