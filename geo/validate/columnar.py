"""The fast path's reader: a GeoJSON FeatureCollection parsed straight into Arrow columns.

A large file of projects is one ``features`` array of objects. Parsing it with
``orjson`` makes a million dicts, lists and strings (2.5 GB at a million
projects, and seconds to make, walk and free them). Here the array is cut out of
the text, its features put one per line (the ``},{`` between them becomes a line
break) and read by Arrow's JSON reader, in threads, into columns; the rest of the
document (``type``, ``crs`` ...) is parsed as the plain path does, with ``[{}]``
in place of the features.

It answers only when it is sure to have read what ``json.loads`` reads, else it
returns None and the plain path reads the file:

- a cut inside a string or a nested value leaves a piece that is not one whole
  JSON object, which Arrow refuses; every piece must give one row;
- Arrow refuses a key written twice, a lone surrogate, a value whose type
  changes between features (a number here, a text there) and a number too big
  for a float; the plain path names all of these;
- Arrow makes a float of an integer beyond 64 bits and of every integer in a
  column that also holds fractions, where ``json.loads`` keeps ints; such a
  column is taken only where int and float give the same answer (a start year,
  an amount that is not noted as small), and never for text or ids;
- no NUL byte (looked for in pieces before the file is read whole), no
  byte-order mark, one ``"features"`` in the text, no feature member but
  ``type``, ``geometry``, ``properties`` (and an empty ``id``), no nested
  property values.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from pyproj import CRS

from geo.validate.reading import (
    Parsed,
    _parse_geojson_text,
    _read,
    check_text_bounds,
    gc_paused,
)

__all__ = ["Columns", "read_columns"]

log = logging.getLogger(__name__)

_MEMBER = re.compile(rb'"features"[ \t\n\r]*:[ \t\n\r]*\[')
_ENDS_TRIED = 8  # the features' closing ']' is among the last few of the text


@dataclass
class Columns:
    """A GeoJSON file read into columns: the document's top level, points, properties."""

    top: Parsed  # crs, file-level problems (its features are [{}], a stand-in)
    xy: np.ndarray  # (n, 2) lon/lat as written
    keys: list[str]  # the properties' keys, in the order they first appear
    props: Any  # pyarrow.StructArray of the properties
    feature_ids: list[Any] | None  # RFC 7946 feature ids, when any feature has one


def _top_level(data: bytes, start: int, crs_opt: CRS | None) -> tuple[Parsed, int] | None:
    """The document without its features (parsed as the plain path parses), and where
    the features' array ends (its ``]``); None when no ``]`` gives a document whose
    only ``features`` member is the stand-in."""
    end = len(data)
    for _ in range(_ENDS_TRIED):
        end = data.rfind(b"]", start, end)
        if end < 0:
            return None
        last = end - 1
        while last > start and data[last] in b" \t\n\r":
            last -= 1
        if data[last] != ord("}"):
            continue  # a ']' of a later member: the last feature ends with '}'
        stub = data[:start] + b"{}" + data[end:]
        try:
            doc = orjson.loads(stub)
        except orjson.JSONDecodeError:
            continue
        if type(doc) is dict and doc.get("features") == [{}]:
            top = _parse_geojson_text(stub.decode("utf-8"), crs_opt)
            if top.marks is not None or top.features != [{}]:
                return None
            return top, end
    return None


def _one_per_line(body: bytes) -> tuple[bytes, int] | None:
    """The features one per line, and how many; None when some feature spans lines.

    Written compactly (``},{`` between features) or one per line as GDAL and QGIS
    write them (``},`` and a line break); the comma is replaced by a byte of white
    space or a line break, so that the text keeps its length.
    """
    body = body.strip(b" \t\n\r")
    if not (body.startswith(b"{") and body.endswith(b"}")):
        return None
    breaks = body.count(b"\n")
    if breaks:  # one feature per line: every line break must be between two features
        cuts = body.count(b"},\n{") + body.count(b"},\r\n{")
        if cuts != breaks:
            return None
        return body.replace(b"},\n{", b"} \n{").replace(b"},\r\n{", b"} \r\n{"), cuts + 1
    cuts = body.count(b"},{")
    return body.replace(b"},{", b"}\n{"), cuts + 1


def read_columns(path: Path, crs_opt: CRS | None) -> Columns | None:
    """The file's points and property columns, or None to leave it to the plain path."""
    try:
        with gc_paused():
            return _read_columns(path, crs_opt)
    except Exception as exc:  # the plain path reads it again and names what is wrong
        log.debug("columnar reading declined %s: %r", path, exc)
        return None


def _read_columns(path: Path, crs_opt: CRS | None) -> Columns | None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.json as pj

    check_text_bounds(path, lines_too=False)  # NUL bytes (a sparse file): before reading it
    data = _read(path)
    if data.startswith(b"\xef\xbb\xbf"):  # noted by the plain path
        return None
    member = _MEMBER.search(data)
    if member is None or data.find(b'"features"', member.end()) >= 0 or \
            data.rfind(b'"features"', 0, member.start()) >= 0:
        return None
    found = _top_level(data, member.end(), crs_opt)
    if found is None:
        return None
    top, end = found
    cut = _one_per_line(data[member.end():end])
    del data
    if cut is None:
        return None
    lines, n = cut
    table = pj.read_json(pa.py_buffer(lines),
                         read_options=pj.ReadOptions(use_threads=True, block_size=16 << 20))
    del lines, cut
    if table.num_rows != n or not set(table.column_names) <= {"type", "geometry",
                                                                "properties", "id"}:
        return None
    kind = table.column("type")
    if kind.null_count or not pc.all(pc.equal(kind, "Feature")).as_py():
        return None
    fids = None
    if "id" in table.column_names:
        got = table.column("id")
        if got.null_count != n:
            if not pa.types.is_string(got.type) and not pa.types.is_int64(got.type):
                return None
            fids = got.to_pylist()
    geom = table.column("geometry").combine_chunks()
    if geom.null_count or not pa.types.is_struct(geom.type) or \
            sorted(f.name for f in geom.type) != ["coordinates", "type"]:
        return None
    gkind, coords = geom.field("type"), geom.field("coordinates")
    if gkind.null_count or not pc.all(pc.equal(gkind, "Point")).as_py():
        return None
    if not pa.types.is_list(coords.type) or coords.null_count or \
            not (pa.types.is_floating(coords.type.value_type) or
                 pa.types.is_int64(coords.type.value_type)):
        return None
    if not pc.all(pc.equal(pc.list_value_length(coords), 2)).as_py():
        return None
    flat = coords.flatten()
    if flat.null_count:
        return None
    xy = flat.to_numpy(zero_copy_only=False).astype(float).reshape(n, 2)
    props = table.column("properties").combine_chunks()
    del table, geom, coords, flat
    if props.null_count or not pa.types.is_struct(props.type):
        return None
    for f in props.type:
        t = f.type
        if not (pa.types.is_string(t) or pa.types.is_int64(t) or pa.types.is_float64(t) or
                pa.types.is_boolean(t) or pa.types.is_null(t)):
            return None  # a nested value or a type the plain path reads otherwise
    return Columns(top, xy, [f.name for f in props.type], props, fids)
