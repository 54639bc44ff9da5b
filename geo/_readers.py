"""Reading project files into raw features, and the :class:`Problem` they report.

Each reader (GeoJSON incl. newline-delimited, GeoPackage/Shapefile via pyogrio,
CSV) returns a :class:`_Raw`: the properties and shapely geometries of every
feature, the CRS the file declares, and the problems met while reading.
A file that cannot be read at all raises :class:`_Unreadable` with the message
for the user; :func:`geo.validate.validate_file` turns it into a report.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

__all__ = ["Problem"]

_GEOM_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
               "MultiPolygon")
_LON = ("lon", "lng", "long", "longitude", "lengtegraad")
_LAT = ("lat", "latitude", "breedtegraad")
_FIX_GEOM = ("Fix it in QGIS (Vector > Geometry Tools > Fix Geometries) or redraw "
             "the feature on geojson.io, then export again.")



@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a file or a feature.

    ``feature`` is the 1-based feature number (line number of the data row for
    CSV), ``None`` for the file as a whole. ``severity`` is ``"error"`` (the
    feature or file is refused) or ``"note"`` (accepted, but look at it).
    """

    message: str
    hint: str = ""
    feature: int | None = None
    id: str | None = None
    name: str | None = None
    field: str | None = None
    value: Any = None
    severity: str = "error"

    def to_text(self) -> str:
        """One line: where, what, the value received and the fix."""
        where = []
        if self.feature is not None:
            who = ", ".join(f"{k} {_short(v)}" for k, v in
                            (("id", self.id), ("name", self.name)) if v)
            where.append(f"feature {self.feature}" + (f" ({who})" if who else ""))
        if self.field:
            where.append(f"field '{self.field}'")
        head = ", ".join(where) or "file"
        text = f"{head}: {self.message}"
        if self.value is not None:
            text += f" (received: {_short(self.value)})"
        if self.hint:
            text += f" Fix: {self.hint}"
        return ("NOTE " if self.severity == "note" else "ERROR ") + text

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        return {"severity": self.severity, "feature": self.feature, "id": self.id,
                "name": self.name, "field": self.field, "value": _json_safe(self.value),
                "message": self.message, "hint": self.hint}



class _Unreadable(Exception):
    """Internal: the file cannot be read at all (carries the user message)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class _Raw:
    """What a reader hands to the checks: properties, geometries, declared CRS."""

    props: list[dict[str, Any] | None]
    geoms: list[Any]  # shapely geometry, or None (problem already reported)
    crs: CRS | None
    problems: list[Problem]
    tabular: bool = False  # NaN means "empty" (GeoPackage, Shapefile, CSV)
    crs_from: str = "the file declares"  # or "--crs gives"


@dataclass
class _Parsed:
    """A parsed GeoJSON file before its features are checked one by one."""

    features: list[Any]  # as json.loads gave them
    crs: CRS | None
    problems: list[Problem]  # file-level problems met while parsing
    crs_from: str
    surrogates: bool = True  # False: no text can hold an unpaired surrogate


# --------------------------------------------------------------------------- helpers
@contextmanager
def _gc_paused() -> Iterator[None]:
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


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return repr(value)



def _parse_crs(value: Any, where: str) -> CRS:
    try:
        return CRS.from_user_input(value)
    except (CRSError, TypeError, ValueError) as exc:
        msg = f"{where} {value!r} is not a coordinate reference system I know ({exc})."
        raise _Unreadable(msg, "Use e.g. EPSG:28992 (RD New) or EPSG:4326 (lon/lat).") \
            from exc


def _is_wgs84(crs: CRS | None) -> bool:
    return crs is None or crs.equals(CRS.from_epsg(4326), ignore_axis_order=True) or \
        crs.equals(CRS.from_user_input("OGC:CRS84"))



# ------------------------------------------------------------------------ readers
def _decode(path: Path, data: bytes, bom_ok: bool) -> str:
    if data.startswith(b"\xef\xbb\xbf") and not bom_ok:
        raise _Unreadable(
            "starts with a UTF-8 byte-order mark (BOM), which GeoJSON (RFC 7946) "
            "does not allow.",
            "Save the file as 'UTF-8' without BOM (in Notepad: 'UTF-8', not "
            "'UTF-8 with BOM'; in VS Code: 'Save with Encoding > UTF-8').")
    try:
        return data.decode("utf-8-sig" if bom_ok else "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Unreadable(
            f"is not UTF-8 text: byte 0x{data[exc.start]:02x} on line {line} cannot be "
            "read (the file was probably saved as Latin-1/Windows-1252).",
            "Save it again with encoding UTF-8 (QGIS: Export > Save Features As, "
            "Encoding UTF-8; Excel: 'CSV UTF-8').") from exc


def _not_geojson(what: str) -> _Unreadable:
    return _Unreadable(
        f"is JSON but not GeoJSON: {what}.",
        'A project file is a GeoJSON FeatureCollection: {"type": "FeatureCollection", '
        '"features": [...]}. Export it from QGIS or geojson.io as GeoJSON.')


def _read_geojson(path: Path, crs_opt: CRS | None) -> _Raw:
    return _geojson_features(_parse_geojson(path, crs_opt))


def _parse_geojson(path: Path, crs_opt: CRS | None) -> _Parsed:
    """Parse a GeoJSON file (FeatureCollection, Feature or newline-delimited)."""
    with _gc_paused():
        return _parse_geojson_text(_decode(path, path.read_bytes(), bom_ok=False),
                                   crs_opt)


def _parse_geojson_text(text: str, crs_opt: CRS | None) -> _Parsed:
    if not text.strip():
        raise _Unreadable("holds only white space, no GeoJSON.",
                          "Export the projects again as GeoJSON.")
    problems: list[Problem] = []
    try:
        doc: Any = json.loads(text)
        features_in: list[Any]
    except json.JSONDecodeError as exc:
        lines = [ln.strip().lstrip("\x1e") for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        if exc.msg != "Extra data" or len(lines) < 2:
            first = text.lstrip()[:1]
            if first not in "{[":
                raise _Unreadable(
                    f"is not JSON (it starts with {text.lstrip()[:30]!r}), so it is not "
                    "GeoJSON.", "Export the projects as GeoJSON from QGIS or geojson.io; "
                    "for a spreadsheet save it as CSV with lon and lat columns.") from exc
            raise _Unreadable(
                f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} "
                "(the file may be cut off or hand-edited).",
                "Open it in a JSON validator or export it again.") from exc
        doc, features_in = None, []
        for i, line in enumerate(lines, 1):  # newline-delimited GeoJSON
            try:
                features_in.append(json.loads(line))
            except json.JSONDecodeError as exc2:
                raise _Unreadable(
                    f"looks like newline-delimited GeoJSON, but line {i} is not valid "
                    f"JSON ({exc2.msg}).",
                    "Put exactly one complete Feature on each line.") from exc2
    crs, crs_from = crs_opt, "--crs gives"
    if doc is not None:
        if not isinstance(doc, dict):
            raise _not_geojson(f"the top level is a {type(doc).__name__}, not an object")
        kind = doc.get("type")
        if kind == "FeatureCollection":
            features_in = doc.get("features")
            if not isinstance(features_in, list):
                raise _not_geojson("its 'features' member is missing or not a list")
        elif kind == "Feature":
            features_in = [doc]
        elif kind in (*_GEOM_TYPES, "GeometryCollection"):
            raise _Unreadable(
                f"holds a bare {kind} geometry without properties, so there is no "
                "id, name or theme.",
                "Wrap it in a Feature with properties id, name and theme (geojson.io "
                "does this when you draw a point and fill in its properties).")
        else:
            raise _not_geojson(f"its 'type' is {kind!r}, not 'FeatureCollection'")
        if "crs" in doc and doc["crs"] is not None:
            member = doc["crs"]
            name = member.get("properties", {}).get("name") if isinstance(member, dict) \
                and isinstance(member.get("properties"), dict) else None
            if name is None:
                raise _Unreadable(
                    f"has a 'crs' member I cannot read: {_short(member)}.",
                    'Use {"type": "name", "properties": {"name": '
                    '"urn:ogc:def:crs:EPSG::28992"}}, or save the file as WGS84 '
                    "(EPSG:4326) without a crs member.")
            declared = _parse_crs(name, "The file's 'crs' member")
            if crs_opt is not None and not crs_opt.equals(declared):
                problems.append(Problem(
                    f"the file declares {name}; --crs {crs_opt.to_string()} is ignored.",
                    severity="note"))
            crs, crs_from = declared, "the file declares"
    if not features_in:
        raise _Unreadable("holds no features (an empty collection).",
                          "Export the layer with its features, or draw at least one "
                          "project.")
    # UTF-8 text holds no surrogates; json.loads makes one only from a \\uD8xx-\\uDFxx
    # escape, so without any "\\ud"/"\\uD" in the text no string needs that check
    surrogates = "\\ud" in text or "\\uD" in text
    return _Parsed(features_in, crs, problems, crs_from, surrogates)


def _geojson_features(parsed: _Parsed) -> _Raw:
    """Properties and shapely geometry of every feature, checked one by one."""
    problems = list(parsed.problems)
    props: list[dict[str, Any] | None] = []
    geoms: list[Any] = []
    for n, feat in enumerate(parsed.features, 1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
            problems.append(Problem("is not a GeoJSON Feature.",
                                    'Each entry needs "type": "Feature", "properties" '
                                    'and "geometry".', feature=n, field="type", value=got))
            props.append(None)
            geoms.append(None)
            continue
        p = feat.get("properties")
        if p is None:
            p = {}
        if not isinstance(p, dict):
            problems.append(Problem("'properties' must be an object with id, name, theme.",
                                    "Give the feature properties as key/value pairs.",
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
    return _Raw(props, geoms, parsed.crs, problems, crs_from=parsed.crs_from)


def _check_position(pos: Any) -> str | None:
    if not isinstance(pos, list) or len(pos) < 2:
        return f"a position must be [lon, lat]; found {_short(pos, 40)}."
    for c in pos:
        if isinstance(c, str):
            return (f"coordinates are text ({_short(c, 30)}), not numbers. Remove the "
                    "quotes around the coordinates.")
        if isinstance(c, bool) or not isinstance(c, int | float):
            return f"coordinate {_short(c, 30)} is not a number."
        if not math.isfinite(c):
            return ("coordinates are not finite numbers (NaN or Infinity); the "
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
            return "coordinates are nested wrongly or a part is empty."
        for x in c:
            if (err := walk(x, d - 1)) is not None:
                return err
        return None

    if (err := walk(coords, depth)) is not None:
        return err
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for pi, poly in enumerate(polys, 1):
        for ri, ring in enumerate(poly, 1):
            part = f"ring {ri}" + (f" of polygon {pi}" if kind == "MultiPolygon" else "")
            if len(ring) < 4:
                return (f"{part} has {len(ring)} position(s); a polygon ring needs at "
                        "least 4 (3 corners and the first repeated at the end).")
            if list(ring[0][:2]) != list(ring[-1][:2]):
                return (f"{part} is not closed: it starts at {ring[0]} but ends at "
                        f"{ring[-1]}. Repeat the first position at the end.")
    if kind in ("LineString", "MultiLineString"):
        lines = [coords] if kind == "LineString" else coords
        if any(len(line) < 2 for line in lines):
            return "a line needs at least 2 positions."
    return None


def _geojson_geometry(g: Any, n: int) -> tuple[Any, Problem | None]:
    if g is None:
        return None, Problem("has no geometry (null), so it cannot be placed on the map.",
                             "Give the project a location: draw it in QGIS or geojson.io.",
                             feature=n, field="geometry")
    if not isinstance(g, dict):
        return None, Problem("geometry is not a GeoJSON geometry object.", _FIX_GEOM,
                             feature=n, field="geometry", value=g)
    kind = g.get("type")
    if kind == "GeometryCollection":
        return None, Problem("is a GeometryCollection; a project needs one point, line "
                             "or polygon.", "Split it into separate features, or keep "
                             "only the point of the project.", feature=n,
                             field="geometry", value=kind)
    if kind not in _GEOM_TYPES:
        return None, Problem("has an unknown geometry type.",
                             f"Use one of: {', '.join(_GEOM_TYPES)}.", feature=n,
                             field="geometry", value=kind)
    err = _check_coords(kind, g.get("coordinates"))
    if err == "EMPTY":
        return None, Problem("has an empty geometry (no coordinates), so it cannot be "
                             "placed on the map.", "Give the project a location.",
                             feature=n, field="geometry", value=g.get("coordinates"))
    if err:
        return None, Problem(err, _FIX_GEOM, feature=n, field="geometry")
    return shapely.geometry.shape(g), None


def _read_ogr(path: Path, crs_opt: CRS | None) -> _Raw:
    import pyogrio
    import pyogrio.errors

    problems: list[Problem] = []
    try:
        layers = pyogrio.list_layers(path)
        layer = str(layers[0][0]) if len(layers) else None
        if len(layers) > 1:
            problems.append(Problem(
                f"has {len(layers)} layers; only the first, {layer!r}, was read.",
                "Save each layer as its own file to add the others.", severity="note"))
        gdf = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
            UnicodeDecodeError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _Unreadable(f"could not be read as GeoPackage/Shapefile ({first}).",
                          "Save it again from QGIS (Export > Save Features As) as "
                          "GeoPackage or GeoJSON.") from exc
    if len(gdf) == 0:
        raise _Unreadable("holds no features (the layer is empty).",
                          "Export the layer with its features.")
    crs, crs_from = gdf.crs, "the layer has"
    if crs is None:
        if crs_opt is None:
            raise _Unreadable(
                "has no coordinate reference system (for a Shapefile: the .prj file "
                "is missing).",
                "Keep the .prj next to the .shp, or say what the coordinates are with "
                "--crs EPSG:28992 (RD New) or --crs EPSG:4326 (lon/lat).")
        crs, crs_from = crs_opt, "--crs gives"
    elif crs_opt is not None and not crs_opt.equals(crs):
        problems.append(Problem(f"the layer has CRS {crs.to_string()}; --crs "
                                f"{crs_opt.to_string()} is ignored.", severity="note"))
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    return _Raw(records, list(gdf.geometry.array), CRS.from_user_input(crs), problems,
                tabular=True, crs_from=crs_from)


def _parse_coord(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    t = text.strip().replace("\u00a0", "")
    if "," in t and "." not in t and t.count(",") == 1:
        t = t.replace(",", ".")  # Dutch decimal comma
    try:
        return float(t)
    except ValueError:
        return None


def _read_csv(path: Path, crs_opt: CRS | None) -> _Raw:
    text = _decode(path, path.read_bytes(), bom_ok=True)
    if not text.strip():
        raise _Unreadable("holds only white space, no rows.",
                          "Save the sheet as CSV with a header row (id, name, theme, "
                          "lon, lat).")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = {(h or "").strip().lower(): h for h in (reader.fieldnames or [])}
    xcol = next((header[c] for c in _LON if c in header), header.get("x"))
    ycol = next((header[c] for c in _LAT if c in header), header.get("y"))
    if xcol is None or ycol is None:
        raise _Unreadable(
            f"has no coordinate columns (found: {', '.join(map(repr, header)) or 'none'}).",
            "Add columns 'lon' and 'lat' (WGS84 degrees), or 'x' and 'y' in RD New "
            "with --crs EPSG:28992.")
    props: list[dict[str, Any] | None] = []
    geoms: list[Any] = []
    problems: list[Problem] = []
    rows = list(reader)
    if not rows:
        raise _Unreadable("has a header but no rows.", "Add one row per project.")
    for n, row in enumerate(rows, 1):
        clean = {(k or "").strip(): (v.strip() if isinstance(v, str) and v.strip() else None)
                 for k, v in row.items() if k not in (xcol, ycol)}
        props.append(clean)
        x, y = _parse_coord(row.get(xcol)), _parse_coord(row.get(ycol))
        bad = [(c, row.get(c)) for c, v in ((xcol, x), (ycol, y)) if v is None]
        if bad:
            col, val = bad[0]
            problems.append(Problem(
                f"column '{col}' does not hold a number, so the project cannot be placed.",
                "Give both coordinates as numbers, e.g. 4.8952 and 52.3702.",
                feature=n, id=clean.get("id"), name=clean.get("name"), field=col,
                value=val))
            geoms.append(None)
        else:
            geoms.append(shapely.Point(x, y))
    return _Raw(props, geoms, crs_opt, problems, tabular=True, crs_from="--crs gives")
