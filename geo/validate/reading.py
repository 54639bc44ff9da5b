"""Reading project files into raw features.

Each reader (GeoJSON incl. newline-delimited, GeoPackage/Shapefile via pyogrio;
CSV and Excel in :mod:`geo.validate.tables`) returns a :class:`Raw`: the properties and shapely
geometries of every feature (None where a feature has no geometry: it may be
placed by a municipality column), the CRS the file declares, and the problems
met while reading. Every file is read with :func:`layers.files.read_bytes_bounded`
(a regular file, within the size limit) and a file that is not text is named
for what it is (:func:`layers.files.sniff_container`). A file that cannot be
read at all raises :class:`Unreadable` with the message for the user. A CRS
that is not a 2-D map of the Earth (EPSG:4978 geocentric) is refused by name
(:func:`check_earth`); GeoJSON is parsed plainly and, only when a key may be
written twice or a number is too long, again with :mod:`geo.validate.strict`.
"""

from __future__ import annotations

import gc
import json
import math
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import orjson
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.validate.report import Problem, _short
from geo.validate.strict import (
    DupDict,
    LenientParse,
    LongNumber,
    marked_problems,
    maybe_duplicates,
)
from layers import settings as _settings
from layers.files import check_regular_file, read_bytes_bounded, sniff_container
from layers.lang import format_number, terminal_text
from layers.messages import msg
from layers.vectors import earth_crs

__all__ = ["SUPPORTED", "Raw", "Unreadable", "check_earth", "parse_geojson", "read_ogr"]

SUPPORTED: tuple[str, ...] = (".geojson", ".json", ".geojsonl", ".ndjson", ".jsonl", ".csv",
                              ".txt", ".tsv", ".xlsx", ".xlsm", ".gpkg", ".shp", ".fgb",
                              ".gml", ".kml")
"""The file extensions transitiekaart reads."""

_GEOM_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
               "MultiPolygon")


def FIX_GEOM() -> str:
    """The fix for a broken shape."""
    return msg("reading.fix_geometry")


class Unreadable(Exception):
    """Internal: the file cannot be read at all (carries the user message)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class Raw:
    """What a reader hands to the checks: properties, geometries, declared CRS."""

    props: list[dict[str, Any] | None]
    geoms: list[Any]  # shapely geometry, or None (problem already reported)
    crs: CRS | None
    problems: list[Problem]
    tabular: bool = False  # NaN means "empty" (GeoPackage, Shapefile, CSV)
    crs_from: str = field(default_factory=lambda: msg("reading.crs_from_file"))  # or --crs
    rows: list[int] | None = None  # CSV/Excel: each feature's row number in the sheet
    columns: tuple[str, str] | None = None  # CSV/Excel: the x (lon) and y (lat) columns
    notation: str | None = None  # "nl": saved by Dutch Excel (';'-separated or Windows-1252)


@dataclass
class Parsed:
    """A parsed GeoJSON file before its features are checked one by one."""

    features: list[Any]  # as json.loads gave them
    crs: CRS | None
    problems: list[Problem]  # file-level problems met while parsing
    crs_from: str
    surrogates: bool = True  # False: no text can hold an unpaired surrogate
    marks: LenientParse | None = None  # parsed leniently: duplicate keys, long numbers
    consumed: bool = False  # the fast check took the features (and emptied the list)


# --------------------------------------------------------------------------- helpers
@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored on exit, also on errors).

    Parsing a large file creates millions of dicts and lists; the collector,
    triggered by every few hundred of them, would walk them all over and over
    (json.loads of a million features: 6.3 s with it, 1.8 s without). JSON
    values hold no reference cycles, so nothing is lost by pausing it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


CRS_SHOWN = (80, 160)
"""How much of a CRS name (its repr) and of pyproj's error an unknown-CRS message shows."""


def parse_crs(value: Any, where: str) -> CRS:
    try:
        crs = CRS.from_user_input(value)
    except (CRSError, TypeError, ValueError) as exc:
        shown, why = terminal_text(repr(value), CRS_SHOWN[0]), terminal_text(exc, CRS_SHOWN[1])
        raise Unreadable(msg("reading.unknown_crs", where=where, value=shown, why=why),
                         msg("reading.unknown_crs_fix")) from exc
    check_earth(crs, f"{where} {value!r}")
    return crs


def check_earth(crs: CRS, what: str) -> None:
    """Refuse a CRS that is not a 2-D map of the Earth (geocentric, vertical, Mars ...).

    Converting EPSG:4978 (x, y, z from the Earth's centre) to lon/lat does not
    fail: it puts every project at latitude 0. So it is refused by name.
    """
    if earth_crs(crs):
        return
    if crs.is_geocentric:
        why = msg("reading.crs_geocentric")
    elif crs.is_geographic or crs.is_projected:
        why = msg("reading.crs_other_body")
    else:
        why = msg("reading.crs_not_a_map")
    raise Unreadable(msg("reading.crs_not_on_earth", what=what, why=why),
                     msg("reading.crs_not_on_earth_fix"))


def is_wgs84(crs: CRS | None) -> bool:
    return crs is None or crs.equals(CRS.from_epsg(4326), ignore_axis_order=True) or \
        crs.equals(CRS.from_user_input("OGC:CRS84"))



# ------------------------------------------------------------------------ readers
def _read(path: Path) -> bytes:
    """The file's bytes (bounded, regular file only); refuse what is not text by name."""
    data = read_bytes_bounded(path)
    found = sniff_container(data[:8192], path.name)
    if found is not None and path.suffix.lower() not in (".xlsx", ".xlsm"):
        what, fix = found
        raise Unreadable(msg("reading.not_text", what=what), fix)
    return data


def check_text_bounds(path: Path, lines_too: bool = True) -> tuple[int, int]:
    """Refuse a text file with NUL bytes (and, ``lines_too``, a line too long) in one pass
    of 8 MB pieces before it is read whole: a sparse 1 GB file goes in under a second.

    Returns the columns of the first line (the most of ``,``, ``;`` or tab, plus one)
    and the number of lines. A file that is not text (UTF-16, zip, PDF ...) is left
    to the reader, which names it (0, 0).
    """
    import numpy as np

    max_line = _settings.SETTINGS.max_line_chars
    fd = os.open(check_regular_file(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(fd, True)
        head = os.pread(fd, 8192, 0)
        if sniff_container(head, path.name) is not None:
            return 0, 0
        seps = {b",": 0, b";": 0, b"\t": 0}  # in the first line: its columns
        lines, line, at = 0, 0, 0  # line: the length of the line so far
        buf = bytearray(8 << 20)  # one buffer for every piece
        while size := os.readv(fd, [buf]):
            chunk = memoryview(buf)[:size]
            if lines_too and not lines:
                first = bytes(chunk[:max_line + 1]).split(b"\n", 1)[0]
                seps = {k: n + first.count(k) for k, n in seps.items()}
            if (nul := buf.find(b"\x00", 0, size)) >= 0:
                raise Unreadable(
                    msg("reading.nul_bytes", byte=format_number(at + nul)),
                    msg("reading.nul_bytes_fix_sheet" if lines_too
                        else "reading.nul_bytes_fix_geojson"))
            if not lines_too:
                at += size
                continue
            ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
            longest = max(line + (int(ends[0]) if len(ends) else len(chunk)),
                          int(np.diff(ends).max()) if len(ends) > 1 else 0)
            line = size - 1 - int(ends[-1]) if len(ends) else line + size
            if longest > max_line:
                raise Unreadable(
                    msg("reading.line_too_long", limit=format_number(max_line),
                        line=format_number(lines + 1)),
                    msg("reading.line_too_long_fix"))
            lines += len(ends)
            at += size
    finally:
        os.close(fd)
    return 1 + max(seps.values()), lines + (line > 0)


def bom_note() -> Problem:
    """The note for a GeoJSON file that starts with a UTF-8 BOM (the page's check uses it too)."""
    return Problem(msg("reading.bom"), msg("reading.bom_fix"), severity="note", code="bom")


def decode_text(path: Path, data: bytes, geojson: bool, problems: list[Problem]) -> str:
    """UTF-8 text; a BOM is dropped with a note (GeoJSON), Windows-1252 read with a note (CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        if geojson:
            problems.append(bom_note())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = f"{data[exc.start]:02x}"
        if not geojson:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                problems.append(Problem(
                    msg("reading.read_as_windows_1252", byte=byte, line=line),
                    msg("reading.read_as_windows_1252_fix"), severity="note", code="encoding"))
                return text
        raise Unreadable(msg("reading.not_utf8", byte=byte, line=line),
                         msg("reading.not_utf8_fix")) from exc


_JSON_ERRORS = {"Expecting value": "json_expecting_value",
                "Expecting property name enclosed in double quotes":
                    "json_expecting_property_name",
                "Expecting ':' delimiter": "json_expecting_colon",
                "Expecting ',' delimiter": "json_expecting_comma",
                "Unterminated string starting at": "json_unterminated_string",
                "Invalid control character at": "json_invalid_control_character",
                "Invalid \\escape": "json_invalid_escape",
                "Invalid \\uXXXX escape": "json_invalid_unicode_escape",
                "Extra data": "json_extra_data"}
_XML_ERRORS = {"syntax error": "xml_syntax_error", "no element found": "xml_no_element_found",
               "not well-formed (invalid token)": "xml_invalid_token",
               "unclosed token": "xml_unclosed_token", "mismatched tag": "xml_mismatched_tag",
               "junk after document element": "xml_junk_after_document_element",
               "undefined entity": "xml_undefined_entity",
               "unbound prefix": "xml_unbound_prefix",
               "duplicate attribute": "xml_duplicate_attribute"}


def parser_error(text: str) -> str:
    """A JSON decoder's or XML parser's message (``exc.msg``) in the run's language.

    The English is the parser's own text; a message not in the catalogue is
    returned as the parser gave it.
    """
    key = _JSON_ERRORS.get(text) or _XML_ERRORS.get(text)
    return msg(f"reading.{key}") if key else text


def xml_error_text(exc: SyntaxError) -> str:
    """An XML parser's error (``ParseError``, with its position) in the run's language:
    ``not well-formed XML: mismatched tag at line 1, column 56``."""
    line, column = getattr(exc, "position", None) or (exc.lineno, exc.offset)
    return msg("reading.xml_not_well_formed", error=parser_error(str(exc).split(":")[0]),
               line=line, column=column)


def _not_geojson(what: str) -> Unreadable:
    return Unreadable(msg("reading.not_geojson", what=what), msg("reading.not_geojson_fix"))


def parse_geojson(path: Path, crs_opt: CRS | None) -> Parsed:
    """Parse a GeoJSON file (FeatureCollection, Feature or newline-delimited)."""
    problems: list[Problem] = []
    check_text_bounds(path, lines_too=False)  # GeoJSON is often one long line
    with gc_paused():
        parsed = _parse_geojson_text(decode_text(path, _read(path), True, problems), crs_opt)
    parsed.problems[:0] = problems
    return parsed


def _top_level_twice(doc: DupDict) -> Unreadable:
    """A member of the top level written twice: which one is meant cannot be told."""
    def what(v: Any) -> str:
        if isinstance(v, list):
            return msg("reading.list_of", count=format_number(len(v)))
        return _short(v, 40)

    key, first, second = doc.dups[0]
    return Unreadable(msg("reading.top_level_twice", name=repr(terminal_text(key, 40)),
                          first=what(first), second=what(second)),
                      msg("reading.top_level_twice_fix"))


class _Strict(Exception):
    """Internal: the text must be parsed again with :class:`LenientParse`."""


_LONG_DIGITS = 19  # orjson reads an integer beyond 64 bits (20 digits) as a float
_CHUNK = 1 << 24


def _has_digit_run(text: str, run: int = _LONG_DIGITS) -> bool:
    """Whether ``text`` holds ``run`` digits in a row (numpy over 16 MB pieces: a
    regular expression takes seconds on a 250 MB file, this a tenth of one)."""
    for start in range(0, len(text), _CHUNK):
        piece = text[start:start + _CHUNK + run - 1].encode("utf-8", "surrogatepass")
        mask = (np.frombuffer(piece, dtype=np.uint8) - np.uint8(48)) < 10
        have = 1  # mask[i]: `have` digits start at i
        while have < run and len(mask):
            step = min(have, run - have)
            mask = mask[:-step] & mask[step:]
            have += step
        if mask.any():
            return True
    return False


def _plain_loads(text: str) -> Any:
    """``json.loads(text)``, parsed by orjson (1.8x faster at 250 MB) when it is the same.

    orjson gives what json.loads gives for every document it accepts, except
    integers beyond 64 bits (made floats): a text holding a long run of digits is
    left to json.loads. NaN, lone surrogates, several documents (newline-delimited
    GeoJSON) and any error go to json.loads too, so that the error (and its
    ``msg``, line and column) is the one json.loads raises.
    """
    if not _has_digit_run(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


def _parse_geojson_text(text: str, crs_opt: CRS | None) -> Parsed:
    """Parse plainly (fast); again, marking duplicate keys and long numbers, when needed.

    Needed when an integer is too long for ``int()`` (``ValueError``) or when
    :func:`maybe_duplicates` cannot rule out a key written twice.
    """
    try:
        return _parse_geojson_doc(text, crs_opt, None)
    except _Strict:
        pass
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            raise
    return _parse_geojson_doc(text, crs_opt, LenientParse())


def _parse_geojson_doc(text: str, crs_opt: CRS | None, marks: LenientParse | None) -> Parsed:
    loads = _plain_loads if marks is None else marks.loads
    if not text.strip():
        raise Unreadable(msg("reading.only_white_space"), msg("reading.export_again_geojson"))
    problems: list[Problem] = []
    try:
        doc: Any = loads(text)
        features_in: list[Any]
        if doc is None:  # a file of only `null` (doc None below means newline-delimited)
            raise _not_geojson(msg("reading.top_level_not_object", type="NoneType"))
    except json.JSONDecodeError as exc:
        lines = [ln.strip().lstrip("\x1e") for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        if exc.msg != "Extra data" or len(lines) < 2:
            first = text.lstrip()[:1]
            if first not in "{[":
                start = text.lstrip()[:30]
                raise Unreadable(msg("reading.not_json", start=repr(start)),
                                 msg("reading.not_json_fix")) from exc
            raise Unreadable(msg("reading.invalid_json", error=parser_error(exc.msg),
                                 line=exc.lineno, column=exc.colno),
                             msg("reading.invalid_json_fix")) from exc
        doc, features_in = None, []
        for i, line in enumerate(lines, 1):  # newline-delimited GeoJSON
            try:
                features_in.append(loads(line))
            except json.JSONDecodeError as exc2:
                raise Unreadable(msg("reading.ndjson_line_invalid", line=i,
                                     error=parser_error(exc2.msg)),
                                 msg("reading.ndjson_line_invalid_fix")) from exc2
    crs, crs_from = crs_opt, msg("reading.crs_from_option")
    if marks is None and isinstance(doc, dict) and text.count('"features"') > 1:
        raise _Strict  # perhaps the member is written twice: the last one would win
    if isinstance(doc, DupDict):
        raise _top_level_twice(doc)
    if doc is not None:
        if not isinstance(doc, dict):
            raise _not_geojson(msg("reading.top_level_not_object", type=type(doc).__name__))
        kind = doc.get("type")
        if kind == "FeatureCollection":
            member = doc.get("features")
            if not isinstance(member, list):
                raise _not_geojson(msg("reading.features_missing"))
            features_in = member
        elif kind == "Feature":
            features_in = [doc]
        elif kind in (*_GEOM_TYPES, "GeometryCollection"):
            raise Unreadable(msg("reading.bare_geometry", kind=kind),
                             msg("reading.bare_geometry_fix"))
        else:
            raise _not_geojson(msg("reading.type_not_collection", kind=repr(kind)))
        if "crs" in doc and doc["crs"] is not None:
            member = doc["crs"]
            name = member.get("properties", {}).get("name") if isinstance(member, dict) \
                and isinstance(member.get("properties"), dict) else None
            if name is None:
                raise Unreadable(msg("reading.crs_member_unreadable", member=_short(member)),
                                 msg("reading.crs_member_unreadable_fix"))
            declared = parse_crs(name, msg("reading.crs_member"))
            if crs_opt is not None and not crs_opt.equals(declared):
                problems.append(Problem(
                    msg("reading.crs_ignored_file", name=name, option=crs_opt.to_string()),
                    severity="note", code="crs_ignored"))
            crs, crs_from = declared, msg("reading.crs_from_file")
    if not features_in:
        raise Unreadable(msg("reading.empty_collection"), msg("reading.empty_collection_fix"))
    # UTF-8 text holds no surrogates; json.loads makes one only from a \\uD8xx-\\uDFxx
    # escape, so without any "\\ud"/"\\uD" in the text no string needs that check
    # (a one-character search is ~20x faster than a three-character one: try it first)
    surrogates = "\\" in text and ("\\ud" in text or "\\uD" in text)
    if marks is None and maybe_duplicates(text, doc, features_in):
        raise _Strict
    if marks is not None and not (marks.dups or marks.longs):
        marks = None
    return Parsed(features_in, crs, problems, crs_from, surrogates, marks)


def geojson_features(parsed: Parsed) -> Raw:
    """Properties and shapely geometry of every feature, checked one by one."""
    problems = list(parsed.problems)
    if parsed.marks is not None:  # a key twice, a number too long: named per feature
        problems += marked_problems(parsed.marks, parsed.features)
    props: list[dict[str, Any] | None] = []
    geoms: list[Any] = []
    for n, feat in enumerate(parsed.features, 1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
            problems.append(Problem(msg("reading.not_feature"), msg("reading.not_feature_fix"),
                                    feature=n, field="type", value=got, code="not_feature"))
            props.append(None)
            geoms.append(None)
            continue
        p = feat.get("properties")
        if p is None:
            p = {}
        if not isinstance(p, dict):
            problems.append(Problem(msg("reading.properties_not_object"),
                                    msg("reading.properties_not_object_fix"),
                                    feature=n, field="properties", value=p))
            p = {}
        p = dict(p)
        if "id" not in {k.lower() for k in p} and feat.get("id") is not None:
            p["id"] = feat["id"]  # RFC 7946 feature id
        props.append(p)
        geom, problem = _geojson_geometry(feat.get("geometry"), n)
        geoms.append(geom)
        if problem:
            problems.append(problem)
    return Raw(props, geoms, parsed.crs, problems, crs_from=parsed.crs_from)


class _WithHint(str):
    """A geometry message with its own fix (instead of :func:`FIX_GEOM`)."""

    hint: str

    def __new__(cls, message: str, hint: str) -> _WithHint:
        self = super().__new__(cls, message)
        self.hint = hint
        return self


def _check_position(pos: Any) -> str | None:
    if not isinstance(pos, list) or len(pos) < 2:
        return msg("reading.position_not_pair", value=_short(pos, 40))
    if len(pos) > 3:
        return _WithHint(msg("reading.position_4d", count=format_number(len(pos)),
                             value=_short(pos, 40)),
                         msg("reading.position_4d_fix"))
    for c in pos:
        if isinstance(c, LongNumber):
            return msg("reading.coordinate_unusable", value=repr(c))
        if isinstance(c, str):
            return msg("reading.coordinates_text", value=_short(c, 30))
        if isinstance(c, bool) or not isinstance(c, int | float):
            return msg("reading.coordinate_not_number", value=_short(c, 30))
        if not math.isfinite(c):
            return msg("reading.coordinates_not_finite")
    return None


def _check_coords(kind: str, coords: Any) -> str | None:
    """Structure of GeoJSON coordinates; unclosed rings caught before shapely sees them."""
    depth = _DEPTH[kind]
    if coords is None or coords == []:
        return "EMPTY"

    def walk(c: Any, d: int) -> str | None:
        if d == 0:
            return _check_position(c)
        if not isinstance(c, list) or not c:
            return msg("reading.nested_wrongly")
        for x in c:
            if (err := walk(x, d - 1)) is not None:
                return err
        return None

    if (err := walk(coords, depth)) is not None:
        return err
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for pi, poly in enumerate(polys, 1):
        for ri, ring in enumerate(poly, 1):
            part = msg("reading.ring_of_polygon", ring=ri, polygon=pi) \
                if kind == "MultiPolygon" else msg("reading.ring", ring=ri)
            if len(ring) < 4:
                return msg("reading.ring_too_short", part=part, count=format_number(len(ring)))
            if list(ring[0][:2]) != list(ring[-1][:2]):
                return msg("reading.ring_not_closed", part=part, first=ring[0], last=ring[-1])
    if kind in ("LineString", "MultiLineString"):
        lines = [coords] if kind == "LineString" else coords
        if any(len(line) < 2 for line in lines):
            return msg("reading.line_too_short")
    return None


def _geojson_geometry(g: Any, n: int) -> tuple[Any, Problem | None]:
    if g is None:  # no location of its own: a municipality column may place it
        return None, None
    if not isinstance(g, dict):
        return None, Problem(msg("reading.geometry_not_object"), FIX_GEOM(),
                             feature=n, field="geometry", value=g)
    kind = g.get("type")
    if kind == "GeometryCollection":
        return None, Problem(msg("reading.geometry_collection"),
                             msg("reading.geometry_collection_fix"), feature=n,
                             field="geometry", value=kind)
    if kind not in _GEOM_TYPES:
        return None, Problem(msg("reading.unknown_geometry_type"),
                             msg("reading.unknown_geometry_type_fix",
                                 types=", ".join(_GEOM_TYPES)), feature=n,
                             field="geometry", value=kind)
    err = _check_coords(kind, g.get("coordinates"))
    if err == "EMPTY":
        return None, Problem(msg("reading.empty_geometry"), msg("reading.empty_geometry_fix"),
                             feature=n, field="geometry", value=g.get("coordinates"))
    if err:
        return None, Problem(str(err), getattr(err, "hint", None) or FIX_GEOM(), feature=n,
                             field="geometry", code="position_4d" if
                             isinstance(err, _WithHint) else "")
    try:
        return shapely.geometry.shape(g), None
    except ValueError:  # 2-D and 3-D positions in one sequence (a line, a ring)
        if not _mixed_z(g["coordinates"], _DEPTH[kind]):
            raise
    # read as 3-D (a missing height taken as 0), so that the height is dropped with the
    # note every 3-D geometry gets (checks.py), rather than refusing the whole file
    return shapely.geometry.shape({"type": kind,
                                   "coordinates": _with_z(g["coordinates"], _DEPTH[kind])}), None


_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
          "Polygon": 2, "MultiPolygon": 3}


def _positions(coords: Any, depth: int) -> Iterator[list[Any]]:
    if depth == 0:
        yield coords
    else:
        for c in coords:
            yield from _positions(c, depth - 1)


def _mixed_z(coords: Any, depth: int) -> bool:
    """Whether checked coordinates mix positions of two and of three numbers."""
    return len({len(p) for p in _positions(coords, depth)}) > 1


def _with_z(coords: Any, depth: int) -> Any:
    if depth == 0:
        return coords if len(coords) == 3 else [*coords, 0.0]
    return [_with_z(c, depth - 1) for c in coords]


_OGR_FORMATS = {".gpkg": "GeoPackage", ".shp": "Shapefile", ".fgb": "FlatGeobuf",
                ".kml": "KML", ".gml": "GML"}


def _ogr_unreadable(path: Path, why: str, technical: bool = True) -> Unreadable:
    """The file is not a readable file of its kind (by extension): say which kind, and why.

    ``technical``: ``why`` is a library's own (English) words, quoted as such in Dutch;
    else it is our own text in the run's language."""
    kind = _OGR_FORMATS.get(path.suffix.lower(), "GeoPackage/Shapefile")
    why = why.split("; It might help")[0].replace(f"'{path}' ", "").replace(str(path), "")
    why = terminal_text(why.strip(" .:"), 160)
    key = "reading.ogr_unreadable" if technical else "reading.ogr_unreadable_own"
    return Unreadable(msg(key, kind=kind, why=why), msg("reading.ogr_unreadable_fix"))


def _xml_error(path: Path) -> str | None:
    """Why a KML or GML file is not well-formed XML (parsed without entities), or None."""
    from xml.etree.ElementTree import ParseError

    from defusedxml.ElementTree import iterparse

    try:
        for _, element in iterparse(path):  # streamed: memory stays small
            element.clear()
    except ParseError as exc:
        return xml_error_text(exc)
    except (ValueError, OSError) as exc:  # an entity or DTD (defusedxml), unreadable
        return terminal_text(str(exc) or type(exc).__name__, 120)
    return None


def read_ogr(path: Path, crs_opt: CRS | None) -> Raw:
    import pyogrio
    import pyogrio.errors

    check_regular_file(path)
    problems: list[Problem] = []
    xml = path.suffix.lower() in (".kml", ".gml")
    if xml and (why := _xml_error(path)) is not None:
        raise _ogr_unreadable(path, why, technical=False)
    try:
        with warnings.catch_warnings():  # GDAL's warnings ("bad application_id"): the
            warnings.simplefilter("ignore", RuntimeWarning)  # error below says it all
            layers = pyogrio.list_layers(path)
        if not len(layers):
            raise _ogr_unreadable(path, msg("reading.no_layer"), technical=False)
        layer = str(layers[0][0])
        if len(layers) > 1:
            problems.append(Problem(
                msg("reading.several_layers", count=format_number(len(layers)),
                    layer=repr(layer)),
                msg("reading.several_layers_fix"), severity="note", code="layers"))
        gdf = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
            UnicodeDecodeError, OSError, ValueError, IndexError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _ogr_unreadable(path, first) from exc
    if len(gdf) == 0:
        raise Unreadable(msg("reading.empty_layer"), msg("reading.empty_layer_fix"))
    crs, crs_from = gdf.crs, msg("reading.crs_from_layer")
    if crs is None:
        if crs_opt is None:
            raise Unreadable(msg("reading.no_crs"), msg("reading.no_crs_fix"))
        crs, crs_from = crs_opt, msg("reading.crs_from_option")
    else:
        check_earth(CRS.from_user_input(crs),
                    msg("reading.layer_crs", crs=CRS.from_user_input(crs).to_string()))
    if gdf.crs is not None and crs_opt is not None and not crs_opt.equals(crs):
        problems.append(Problem(msg("reading.crs_ignored_layer", crs=crs.to_string(),
                                    option=crs_opt.to_string()),
                                severity="note", code="crs_ignored"))
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    # the layer's column names are text: the records are dict[str, Any] (pandas says Hashable)
    records = cast(list[dict[str, Any] | None],
                   table.astype(object).where(table.notna(), None).to_dict("records"))
    return Raw(records, list(gdf.geometry.array), CRS.from_user_input(crs), problems,
                tabular=True, crs_from=crs_from)
