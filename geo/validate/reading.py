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
from dataclasses import dataclass
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
from layers._read import earth_crs
from layers.files import check_regular_file, read_bytes_bounded, sniff_container
from layers.lang import format_number, pick, terminal_text

__all__ = ["SUPPORTED", "Raw", "Unreadable", "check_earth", "parse_geojson", "read_ogr"]

SUPPORTED: tuple[str, ...] = (".geojson", ".json", ".geojsonl", ".ndjson", ".jsonl", ".csv",
                              ".txt", ".tsv", ".xlsx", ".xlsm", ".gpkg", ".shp", ".fgb",
                              ".gml", ".kml")
"""The file extensions transitiekaart reads."""

_GEOM_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
               "MultiPolygon")


def FIX_GEOM() -> str:
    """The fix for a broken shape."""
    return pick("Herstel het in QGIS (Vector > Geometrie > Geometrieën repareren) of teken "
                "het object opnieuw op geojson.io, en exporteer opnieuw.",
                "Fix it in QGIS (Vector > Geometry Tools > Fix Geometries) or redraw "
                "the feature on geojson.io, then export again.")


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
    crs_from: str = "the file declares"  # or "--crs gives"
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


def parse_crs(value: Any, where: str) -> CRS:
    try:
        crs = CRS.from_user_input(value)
    except (CRSError, TypeError, ValueError) as exc:
        shown, why = terminal_text(repr(value), 80), terminal_text(exc, 160)
        msg = pick(f"{where} {shown} is geen bekend coördinatenstelsel ({why}).",
                   f"{where} {shown} is not a coordinate reference system I know ({why}).")
        raise Unreadable(msg, pick("Gebruik bijvoorbeeld EPSG:28992 (RD New) of EPSG:4326 "
                                   "(lon/lat).",
                                   "Use e.g. EPSG:28992 (RD New) or EPSG:4326 (lon/lat).")) \
            from exc
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
        why = pick("een geocentrisch stelsel (x, y, z in meters vanuit het middelpunt van de "
                   "aarde), geen kaart", "a geocentric system (x, y, z in metres from the "
                   "Earth's centre), not a map")
    elif crs.is_geographic or crs.is_projected:
        why = pick("een stelsel van een ander hemellichaam dan de aarde",
                   "a system of another body than the Earth")
    else:
        why = pick("geen geografisch (lon/lat) of geprojecteerd (x/y) stelsel",
                   "not a geographic (lon/lat) or projected (x/y) system")
    raise Unreadable(
        pick(f"{what} is {why}; de coördinaten zouden op de verkeerde plek "
             "landen (bij EPSG:4978 allemaal op breedtegraad 0).",
             f"{what} is {why}; the coordinates would land in the wrong place "
             "(with EPSG:4978 all at latitude 0)."),
        pick("Exporteer het bestand opnieuw in WGS84 (EPSG:4326) of RD New (EPSG:28992) "
             "(QGIS: Exporteren > Objecten opslaan als, CRS), of geef de juiste CRS met --crs.",
             "Export the file again in WGS84 (EPSG:4326) or RD New (EPSG:28992) (QGIS: "
             "Export > Save Features As, CRS), or give the right CRS with --crs."))


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
        raise Unreadable(pick(f"is {what}, geen tekstbestand met projecten.",
                              f"is {what}, not a text file of projects."), fix)
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
                    pick(f"bevat NUL-bytes (de eerste op byte {format_number(at + nul)}): het "
                         "is geen tekst maar een binair of leeg gemaakt bestand.",
                         f"holds NUL bytes (the first at byte {format_number(at + nul)}): it "
                         "is not text but a binary or blanked-out file."),
                    pick("Sla het blad opnieuw op als 'CSV UTF-8' en geef dat bestand.",
                         "Save the sheet again as 'CSV UTF-8' and give that file.")
                    if lines_too else
                    pick("Exporteer de projecten opnieuw als GeoJSON (het bestand is "
                         "misschien beschadigd bij het kopiëren).",
                         "Export the projects again as GeoJSON (the file may have been "
                         "damaged while copying)."))
            if not lines_too:
                at += size
                continue
            ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
            longest = max(line + (int(ends[0]) if len(ends) else len(chunk)),
                          int(np.diff(ends).max()) if len(ends) > 1 else 0)
            line = size - 1 - int(ends[-1]) if len(ends) else line + size
            if longest > max_line:
                raise Unreadable(
                    pick(f"heeft een regel van meer dan {format_number(max_line)} bytes (de "
                         f"grens), bij regel {format_number(lines + 1)} of later.",
                         f"has a line of more than {format_number(max_line)} bytes (the "
                         f"limit), at line {format_number(lines + 1)} or later."),
                    pick("Is het een echt CSV-bestand, controleer dan of er regeleinden in "
                         "staan, of zet TRANSITIEKAART_MAX_LINE_CHARS hoger.",
                         "If it is a real CSV file, check that it has line breaks, or raise "
                         "TRANSITIEKAART_MAX_LINE_CHARS."))
            lines += len(ends)
            at += size
    finally:
        os.close(fd)
    return 1 + max(seps.values()), lines + (line > 0)


def bom_note() -> Problem:
    """The note for a GeoJSON file that starts with a UTF-8 BOM (the page's check uses it too)."""
    return Problem(
        pick("begint met een UTF-8 byte-order mark (BOM), die GeoJSON (RFC 7946) niet "
             "toestaat; hij is genegeerd.",
             "starts with a UTF-8 byte-order mark (BOM), which GeoJSON (RFC 7946) "
             "does not allow; it was ignored."),
        pick("Andere programma's kunnen erover vallen: sla het op als 'UTF-8' zonder "
             "BOM (Kladblok: 'UTF-8', niet 'UTF-8 met BOM').",
             "Other tools may trip over it: save the file as 'UTF-8' without BOM "
             "(Notepad: 'UTF-8', not 'UTF-8 with BOM')."),
        severity="note", code="bom")


def _decode(path: Path, data: bytes, geojson: bool, problems: list[Problem]) -> str:
    """UTF-8 text; a BOM is dropped with a note (GeoJSON), Windows-1252 read with a note (CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        if geojson:
            problems.append(bom_note())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if not geojson:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                problems.append(Problem(
                    pick(f"is geen UTF-8 (byte 0x{data[exc.start]:02x} op regel {line}); het "
                         "is gelezen als Windows-1252, de standaard van Nederlandse Excel. "
                         "Controleer letters als é, ë en €.",
                         f"is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); it "
                         "was read as Windows-1252, the default of Dutch Excel. Check "
                         "letters such as é, ë and €."),
                    pick("Sla het in Excel op als 'CSV UTF-8' om dit te vermijden.",
                         "Save it in Excel as 'CSV UTF-8' to avoid this."),
                    severity="note", code="encoding"))
                return text
        raise Unreadable(
            pick(f"is geen UTF-8-tekst: byte 0x{data[exc.start]:02x} op regel {line} kan niet "
                 "worden gelezen (het bestand is waarschijnlijk opgeslagen als "
                 "Latin-1/Windows-1252).",
                 f"is not UTF-8 text: byte 0x{data[exc.start]:02x} on line {line} cannot be "
                 "read (the file was probably saved as Latin-1/Windows-1252)."),
            pick("Sla het opnieuw op met codering UTF-8 (QGIS: Exporteren > Objecten opslaan "
                 "als, codering UTF-8).",
                 "Save it again with encoding UTF-8 (QGIS: Export > Save Features As, "
                 "Encoding UTF-8; Excel: 'CSV UTF-8').")) from exc


def _not_geojson(what: str) -> Unreadable:
    return Unreadable(
        pick(f"is JSON maar geen GeoJSON: {what}.", f"is JSON but not GeoJSON: {what}."),
        pick('Een projectbestand is een GeoJSON FeatureCollection: {"type": '
             '"FeatureCollection", "features": [...]}. Exporteer het als GeoJSON uit QGIS of '
             'geojson.io, of gebruik Excel of CSV.',
             'A project file is a GeoJSON FeatureCollection: {"type": "FeatureCollection", '
             '"features": [...]}. Export it from QGIS or geojson.io as GeoJSON.'))


def parse_geojson(path: Path, crs_opt: CRS | None) -> Parsed:
    """Parse a GeoJSON file (FeatureCollection, Feature or newline-delimited)."""
    problems: list[Problem] = []
    check_text_bounds(path, lines_too=False)  # GeoJSON is often one long line
    with gc_paused():
        parsed = _parse_geojson_text(_decode(path, _read(path), True, problems), crs_opt)
    parsed.problems[:0] = problems
    return parsed


def _top_level_twice(doc: DupDict) -> Unreadable:
    """A member of the top level written twice: which one is meant cannot be told."""
    def what(v: Any) -> str:
        if isinstance(v, list):
            return pick(f"een lijst van {len(v)}", f"a list of {len(v)}")
        return _short(v, 40)

    key, first, second = doc.dups[0]
    return Unreadable(
        pick(f"het lid {terminal_text(key, 40)!r} staat twee keer bovenaan het bestand "
             f"({what(first)} en {what(second)}); welke bedoeld is, is niet te zeggen.",
             f"the member {terminal_text(key, 40)!r} occurs twice at the top of the file "
             f"({what(first)} and {what(second)}); which one is meant cannot be told."),
        pick("Houd er één over (voeg de objecten samen in één lijst 'features'), of "
             "exporteer het bestand opnieuw.",
             "Keep one (merge the features into one 'features' list), or export the file "
             "again."))


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
        raise Unreadable(pick("bevat alleen witruimte, geen GeoJSON.",
                              "holds only white space, no GeoJSON."),
                         pick("Exporteer de projecten opnieuw als GeoJSON.",
                              "Export the projects again as GeoJSON."))
    problems: list[Problem] = []
    try:
        doc: Any = loads(text)
        features_in: list[Any]
    except json.JSONDecodeError as exc:
        lines = [ln.strip().lstrip("\x1e") for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        if exc.msg != "Extra data" or len(lines) < 2:
            first = text.lstrip()[:1]
            if first not in "{[":
                start = text.lstrip()[:30]
                raise Unreadable(
                    pick(f"is geen JSON (het begint met {start!r}), dus geen GeoJSON.",
                         f"is not JSON (it starts with {start!r}), so it is not GeoJSON."),
                    pick("Exporteer de projecten als GeoJSON uit QGIS of geojson.io; een "
                         "spreadsheet kan als .xlsx of CSV.",
                         "Export the projects as GeoJSON from QGIS or geojson.io; for a "
                         "spreadsheet use .xlsx or CSV with lon and lat columns.")) from exc
            raise Unreadable(
                pick(f"is geen geldige JSON: {exc.msg} op regel {exc.lineno}, kolom "
                     f"{exc.colno} (het bestand is misschien afgebroken of met de hand "
                     "bewerkt).",
                     f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} "
                     "(the file may be cut off or hand-edited)."),
                pick("Open het in een JSON-validator of exporteer het opnieuw.",
                     "Open it in a JSON validator or export it again.")) from exc
        doc, features_in = None, []
        for i, line in enumerate(lines, 1):  # newline-delimited GeoJSON
            try:
                features_in.append(loads(line))
            except json.JSONDecodeError as exc2:
                raise Unreadable(
                    pick(f"lijkt GeoJSON met één object per regel, maar regel {i} is geen "
                         f"geldige JSON ({exc2.msg}).",
                         f"looks like newline-delimited GeoJSON, but line {i} is not valid "
                         f"JSON ({exc2.msg})."),
                    pick("Zet precies één volledig Feature op elke regel.",
                         "Put exactly one complete Feature on each line.")) from exc2
    crs, crs_from = crs_opt, pick("--crs geeft", "--crs gives")
    if marks is None and isinstance(doc, dict) and text.count('"features"') > 1:
        raise _Strict  # perhaps the member is written twice: the last one would win
    if isinstance(doc, DupDict):
        raise _top_level_twice(doc)
    if doc is not None:
        if not isinstance(doc, dict):
            raise _not_geojson(pick(f"het hoogste niveau is een {type(doc).__name__}, geen "
                                    "object",
                                    f"the top level is a {type(doc).__name__}, not an object"))
        kind = doc.get("type")
        if kind == "FeatureCollection":
            member = doc.get("features")
            if not isinstance(member, list):
                raise _not_geojson(pick("het lid 'features' ontbreekt of is geen lijst",
                                        "its 'features' member is missing or not a list"))
            features_in = member
        elif kind == "Feature":
            features_in = [doc]
        elif kind in (*_GEOM_TYPES, "GeometryCollection"):
            raise Unreadable(
                pick(f"bevat een losse {kind}-geometrie zonder eigenschappen, dus geen id, "
                     "naam of thema.",
                     f"holds a bare {kind} geometry without properties, so there is no "
                     "id, name or theme."),
                pick("Zet het in een Feature met de eigenschappen naam en thema (geojson.io "
                     "doet dat als u een punt tekent en de eigenschappen invult).",
                     "Wrap it in a Feature with properties id, name and theme (geojson.io "
                     "does this when you draw a point and fill in its properties)."))
        else:
            raise _not_geojson(pick(f"het 'type' is {kind!r}, niet 'FeatureCollection'",
                                    f"its 'type' is {kind!r}, not 'FeatureCollection'"))
        if "crs" in doc and doc["crs"] is not None:
            member = doc["crs"]
            name = member.get("properties", {}).get("name") if isinstance(member, dict) \
                and isinstance(member.get("properties"), dict) else None
            if name is None:
                raise Unreadable(
                    pick(f"heeft een 'crs'-lid dat niet te lezen is: {_short(member)}.",
                         f"has a 'crs' member I cannot read: {_short(member)}."),
                    pick('Gebruik {"type": "name", "properties": {"name": '
                         '"urn:ogc:def:crs:EPSG::28992"}}, of sla het bestand op als WGS84 '
                         "(EPSG:4326) zonder crs-lid.",
                         'Use {"type": "name", "properties": {"name": '
                         '"urn:ogc:def:crs:EPSG::28992"}}, or save the file as WGS84 '
                         "(EPSG:4326) without a crs member."))
            declared = parse_crs(name, pick("Het 'crs'-lid van het bestand",
                                            "The file's 'crs' member"))
            if crs_opt is not None and not crs_opt.equals(declared):
                problems.append(Problem(
                    pick(f"het bestand geeft {name}; --crs {crs_opt.to_string()} is genegeerd.",
                         f"the file declares {name}; --crs {crs_opt.to_string()} is ignored."),
                    severity="note", code="crs_ignored"))
            crs, crs_from = declared, pick("het bestand geeft", "the file declares")
    if not features_in:
        raise Unreadable(pick("bevat geen objecten (een lege collectie).",
                              "holds no features (an empty collection)."),
                         pick("Exporteer de laag met haar objecten, of teken ten minste één "
                              "project.",
                              "Export the layer with its features, or draw at least one "
                              "project."))
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
            problems.append(Problem(pick("is geen GeoJSON-Feature.", "is not a GeoJSON Feature."),
                                    pick('Elk element heeft "type": "Feature", "properties" '
                                         'en "geometry" nodig.',
                                         'Each entry needs "type": "Feature", "properties" '
                                         'and "geometry".'),
                                    feature=n, field="type", value=got, code="not_feature"))
            props.append(None)
            geoms.append(None)
            continue
        p = feat.get("properties")
        if p is None:
            p = {}
        if not isinstance(p, dict):
            problems.append(Problem(pick("'properties' moet een object zijn met naam en thema.",
                                         "'properties' must be an object with id, name, theme."),
                                    pick("Geef de eigenschappen als sleutel/waarde-paren.",
                                         "Give the feature properties as key/value pairs."),
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
        return pick(f"een positie moet [lon, lat] zijn; gevonden: {_short(pos, 40)}.",
                    f"a position must be [lon, lat]; found {_short(pos, 40)}.")
    if len(pos) > 3:
        return _WithHint(
            pick(f"een positie heeft {len(pos)} getallen ({_short(pos, 40)}); GeoJSON kent er "
                 "2 (lon, lat) of 3 (met hoogte), dus wat het vierde getal is (een M-waarde, "
                 "een tijd) is niet te zeggen.",
                 f"a position has {len(pos)} numbers ({_short(pos, 40)}); GeoJSON has 2 (lon, "
                 "lat) or 3 (with height), so what the fourth is (an M value, a time) cannot "
                 "be told."),
            pick("Exporteer opnieuw zonder M-waarden (QGIS: Exporteren > Objecten opslaan als, "
                 "Geometrie: 'M-waarden opnemen' uit), of met alleen lon en lat.",
                 "Export again without M values (QGIS: Export > Save Features As, Geometry: "
                 "'Include m-values' off), or with only lon and lat."))
    for c in pos:
        if isinstance(c, LongNumber):
            return pick(f"coördinaat {c!r} is geen bruikbaar getal.",
                        f"coordinate {c!r} is not a usable number.")
        if isinstance(c, str):
            return pick(f"coördinaten zijn tekst ({_short(c, 30)}), geen getallen. Haal de "
                        "aanhalingstekens rond de coördinaten weg.",
                        f"coordinates are text ({_short(c, 30)}), not numbers. Remove the "
                        "quotes around the coordinates.")
        if isinstance(c, bool) or not isinstance(c, int | float):
            return pick(f"coördinaat {_short(c, 30)} is geen getal.",
                        f"coordinate {_short(c, 30)} is not a number.")
        if not math.isfinite(c):
            return pick("coördinaten zijn geen eindige getallen (NaN of Infinity); de "
                        "locatie is onbekend.",
                        "coordinates are not finite numbers (NaN or Infinity); the "
                        "location is unknown.")
    return None


def _check_coords(kind: str, coords: Any) -> str | None:
    """Structure of GeoJSON coordinates; unclosed rings caught before shapely sees them."""
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
             "Polygon": 2, "MultiPolygon": 3}[kind]
    if coords is None or coords == []:
        return "EMPTY"

    def walk(c: Any, d: int) -> str | None:
        if d == 0:
            return _check_position(c)
        if not isinstance(c, list) or not c:
            return pick("de coördinaten zijn verkeerd genest of een deel is leeg.",
                        "coordinates are nested wrongly or a part is empty.")
        for x in c:
            if (err := walk(x, d - 1)) is not None:
                return err
        return None

    if (err := walk(coords, depth)) is not None:
        return err
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for pi, poly in enumerate(polys, 1):
        for ri, ring in enumerate(poly, 1):
            part = pick(f"ring {ri}" + (f" van vlak {pi}" if kind == "MultiPolygon" else ""),
                        f"ring {ri}" + (f" of polygon {pi}" if kind == "MultiPolygon" else ""))
            if len(ring) < 4:
                return pick(f"{part} heeft {len(ring)} positie(s); een ring van een vlak heeft "
                            "er ten minste 4 nodig (3 hoeken en de eerste herhaald aan het "
                            "eind).",
                            f"{part} has {len(ring)} position(s); a polygon ring needs at "
                            "least 4 (3 corners and the first repeated at the end).")
            if list(ring[0][:2]) != list(ring[-1][:2]):
                return pick(f"{part} is niet gesloten: hij begint bij {ring[0]} maar eindigt "
                            f"bij {ring[-1]}. Herhaal de eerste positie aan het eind.",
                            f"{part} is not closed: it starts at {ring[0]} but ends at "
                            f"{ring[-1]}. Repeat the first position at the end.")
    if kind in ("LineString", "MultiLineString"):
        lines = [coords] if kind == "LineString" else coords
        if any(len(line) < 2 for line in lines):
            return pick("een lijn heeft ten minste 2 posities nodig.",
                        "a line needs at least 2 positions.")
    return None


def _geojson_geometry(g: Any, n: int) -> tuple[Any, Problem | None]:
    if g is None:  # no location of its own: a municipality column may place it
        return None, None
    if not isinstance(g, dict):
        return None, Problem(pick("de geometrie is geen GeoJSON-geometrieobject.",
                                  "geometry is not a GeoJSON geometry object."), FIX_GEOM(),
                             feature=n, field="geometry", value=g)
    kind = g.get("type")
    if kind == "GeometryCollection":
        return None, Problem(pick("is een GeometryCollection; een project heeft één punt, "
                                  "lijn of vlak.",
                                  "is a GeometryCollection; a project needs one point, line "
                                  "or polygon."),
                             pick("Splits het in losse objecten, of houd alleen het punt van "
                                  "het project.",
                                  "Split it into separate features, or keep only the point "
                                  "of the project."), feature=n,
                             field="geometry", value=kind)
    if kind not in _GEOM_TYPES:
        return None, Problem(pick("heeft een onbekend geometrietype.",
                                  "has an unknown geometry type."),
                             pick(f"Gebruik een van: {', '.join(_GEOM_TYPES)}.",
                                  f"Use one of: {', '.join(_GEOM_TYPES)}."), feature=n,
                             field="geometry", value=kind)
    err = _check_coords(kind, g.get("coordinates"))
    if err == "EMPTY":
        return None, Problem(pick("heeft een lege geometrie (geen coördinaten) en kan niet "
                                  "op de kaart.",
                                  "has an empty geometry (no coordinates), so it cannot be "
                                  "placed on the map."),
                             pick("Geef het project een locatie.",
                                  "Give the project a location."),
                             feature=n, field="geometry", value=g.get("coordinates"))
    if err:
        return None, Problem(str(err), getattr(err, "hint", None) or FIX_GEOM(), feature=n,
                             field="geometry", code="position_4d" if
                             isinstance(err, _WithHint) else "")
    return shapely.geometry.shape(g), None


_OGR_FORMATS = {".gpkg": "GeoPackage", ".shp": "Shapefile", ".fgb": "FlatGeobuf",
                ".kml": "KML", ".gml": "GML"}


def _ogr_unreadable(path: Path, why: str) -> Unreadable:
    """The file is not a readable file of its kind (by extension): say which kind, and why."""
    kind = _OGR_FORMATS.get(path.suffix.lower(), "GeoPackage/Shapefile")
    why = why.split("; It might help")[0].replace(f"'{path}' ", "").replace(str(path), "")
    why = terminal_text(why.strip(" .:"), 160)
    return Unreadable(pick(f"kon niet als {kind}-bestand worden gelezen ({why}).",
                           f"could not be read as a {kind} file ({why})."),
                      pick("Sla het opnieuw op vanuit QGIS (Exporteren > Objecten opslaan "
                           "als) als GeoPackage of GeoJSON.",
                           "Save it again from QGIS (Export > Save Features As) as "
                           "GeoPackage or GeoJSON."))


def _xml_error(path: Path) -> str | None:
    """Why a KML or GML file is not well-formed XML (parsed without entities), or None."""
    from xml.etree.ElementTree import ParseError

    from defusedxml.ElementTree import iterparse

    try:
        for _, element in iterparse(path):  # streamed: memory stays small
            element.clear()
    except ParseError as exc:
        line, col = exc.position
        return pick(f"geen geldige XML: {str(exc).split(':')[0]} op regel {line}, kolom {col}",
                    f"not well-formed XML: {str(exc).split(':')[0]} at line {line}, column "
                    f"{col}")
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
        raise _ogr_unreadable(path, why)
    try:
        with warnings.catch_warnings():  # GDAL's warnings ("bad application_id"): the
            warnings.simplefilter("ignore", RuntimeWarning)  # error below says it all
            layers = pyogrio.list_layers(path)
        if not len(layers):
            raise _ogr_unreadable(path, pick("er staat geen laag in", "it holds no layer"))
        layer = str(layers[0][0])
        if len(layers) > 1:
            problems.append(Problem(
                pick(f"heeft {len(layers)} lagen; alleen de eerste, {layer!r}, is gelezen.",
                     f"has {len(layers)} layers; only the first, {layer!r}, was read."),
                pick("Sla elke laag als eigen bestand op om de andere toe te voegen.",
                     "Save each layer as its own file to add the others."),
                severity="note", code="layers"))
        gdf = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
            UnicodeDecodeError, OSError, ValueError, IndexError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _ogr_unreadable(path, first) from exc
    if len(gdf) == 0:
        raise Unreadable(pick("bevat geen objecten (de laag is leeg).",
                              "holds no features (the layer is empty)."),
                         pick("Exporteer de laag met haar objecten.",
                              "Export the layer with its features."))
    crs, crs_from = gdf.crs, pick("de laag heeft", "the layer has")
    if crs is None:
        if crs_opt is None:
            raise Unreadable(
                pick("heeft geen coördinatenstelsel (bij een Shapefile: het .prj-bestand "
                     "ontbreekt).",
                     "has no coordinate reference system (for a Shapefile: the .prj file "
                     "is missing)."),
                pick("Houd het .prj-bestand naast het .shp-bestand, of zeg wat de coördinaten "
                     "zijn met --crs EPSG:28992 (RD New) of --crs EPSG:4326 (lon/lat).",
                     "Keep the .prj next to the .shp, or say what the coordinates are with "
                     "--crs EPSG:28992 (RD New) or --crs EPSG:4326 (lon/lat)."))
        crs, crs_from = crs_opt, pick("--crs geeft", "--crs gives")
    else:
        check_earth(CRS.from_user_input(crs), pick("de laag heeft CRS", "the layer has CRS")
                    + f" {CRS.from_user_input(crs).to_string()}")
    if gdf.crs is not None and crs_opt is not None and not crs_opt.equals(crs):
        problems.append(Problem(pick(f"de laag heeft CRS {crs.to_string()}; --crs "
                                     f"{crs_opt.to_string()} is genegeerd.",
                                     f"the layer has CRS {crs.to_string()}; --crs "
                                     f"{crs_opt.to_string()} is ignored."),
                                severity="note", code="crs_ignored"))
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    # the layer's column names are text: the records are dict[str, Any] (pandas says Hashable)
    records = cast(list[dict[str, Any] | None],
                   table.astype(object).where(table.notna(), None).to_dict("records"))
    return Raw(records, list(gdf.geometry.array), CRS.from_user_input(crs), problems,
                tabular=True, crs_from=crs_from)
