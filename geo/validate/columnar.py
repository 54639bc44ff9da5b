"""The fast path's reader: a GeoJSON FeatureCollection parsed straight into Arrow columns.

A large file of projects is one ``features`` array of objects. Parsing it with
``orjson`` makes a million dicts, lists and strings (2.5 GB at a million
projects, and seconds to make, walk and free them). Here the file is read into a
buffer, the comma of each ``},{`` between features becomes a line break in place
(no copy of the text), and the features, one per line, are read by Arrow's JSON
reader, in threads, into columns; the rest of the document (``type``, ``crs``
...) is parsed as the plain path does, with ``[{}]`` in place of the features.

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
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from pyproj import CRS

from geo.validate.reading import (
    Parsed,
    _parse_geojson_text,
    check_text_bounds,
    gc_paused,
)
from layers import settings as _settings
from layers.files import check_regular_file, sniff_container

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


def _top_level(data: bytes | bytearray, start: int, crs_opt: CRS | None
               ) -> tuple[Parsed, int] | None:
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


def _one_per_line(data: bytearray, lo: int, hi: int
                  ) -> tuple[int, int, int, np.ndarray] | None:
    """The features of ``data[lo:hi]`` put one per line, in place: where they start and
    end, how many, and where the breaks between them are; None when some feature spans
    lines.

    Written compactly (``},{`` between features) or one per line as GDAL and QGIS
    write them (``},`` and a line break); the comma becomes a line break or a byte
    of white space, so that the text keeps its length and is not copied (a
    quarter of a gigabyte at a million projects). The same bytes as
    ``bytes.replace`` of those patterns (they cannot overlap).
    """
    space = b" \t\n\r"
    while lo < hi and data[lo] in space:
        lo += 1
    while hi > lo and data[hi - 1] in space:
        hi -= 1
    if hi - lo < 2 or data[lo] != ord("{") or data[hi - 1] != ord("}"):
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    breaks = data.count(b"\n", lo, hi)
    if breaks:  # one feature per line: every line break must be between two features
        cuts = data.count(b"},\n{", lo, hi) + data.count(b"},\r\n{", lo, hi)
        if cuts != breaks:
            return None
        at = _commas(arr, lo, hi, (b"\n{", b"\r\n{"))
        arr[at] = ord(" ")
        return lo, hi, cuts + 1, at
    at = _commas(arr, lo, hi, (b"{",))
    arr[at] = ord("\n")
    return lo, hi, len(at) + 1, at


_DEEP = 1000
"""Nesting that Arrow's reader is never given: it recurses without a limit, and a
feature nested some 20,000 levels deep crashes the process (pyarrow 26, a segmentation
fault). The plain path refuses a file nested past Python's recursion limit (about
1,000 levels) with a message; a fast-path feature is nested 3 levels deep."""


def _maybe_deep(data: bytearray, lo: int, hi: int, breaks: np.ndarray) -> bool:
    """Whether a feature of ``data[lo:hi]`` (separated at ``breaks``) may be nested more
    than :data:`_DEEP` levels: one that opens that many lists and objects (counted with
    those inside texts, so it may say yes where it is not). Only features of at least
    ``2 * _DEEP`` bytes can, and only those are counted."""
    bounds = np.concatenate(([lo], breaks, [hi]))
    for k in np.flatnonzero(np.diff(bounds) >= 2 * _DEEP):
        a, b = int(bounds[k]), int(bounds[k + 1])
        if data.count(b"{", a, b) + data.count(b"[", a, b) > _DEEP:
            return True
    return False


_PIECE = 1 << 22  # bytes looked at per step: the temporary masks stay small


def _commas(arr: np.ndarray, lo: int, hi: int, after: tuple[bytes, ...]) -> np.ndarray:
    """Positions in ``arr[lo:hi]`` of every comma after a ``}`` and before one of
    ``after`` (each ending in ``{``), in order."""
    found = []
    for start in range(lo + 1, hi - 1, _PIECE):  # arr[lo] is '{' and arr[hi - 1] is '}'
        at = np.flatnonzero(arr[start:min(start + _PIECE, hi - 1)] == ord(","))
        at += start
        at = at[arr[at - 1] == ord("}")]
        keep = np.zeros(len(at), dtype=bool)
        for tail in after:
            ok = at[at + len(tail) < hi]
            hit = np.ones(len(ok), dtype=bool)
            for k, byte in enumerate(tail, start=1):
                hit &= arr[ok + k] == byte
            keep[: len(ok)] |= hit  # ``ok`` is a prefix of ``at`` (positions ascend)
        found.append(at[keep])
    return np.concatenate(found) if found else np.zeros(0, dtype=np.intp)


def _read_mutable(path: Path) -> bytearray | None:
    """The file's bytes in a buffer that may be changed in place; None (the plain path
    reads it and names what is wrong) for what :func:`_read` would refuse."""
    limit = _settings.SETTINGS.max_file_bytes
    fd = os.open(check_regular_file(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        os.set_blocking(fd, True)
        data = bytearray(st.st_size)
        view, got = memoryview(data), 0
        while got < st.st_size and (k := os.readv(fd, [view[got:]])):
            got += k
        if got != st.st_size or os.read(fd, 1):  # shrank or grew while being read
            return None
    finally:
        os.close(fd)
    if sniff_container(bytes(data[:8192]), path.name) is not None:
        return None
    return data


def _read_json(buf: Any, schema: Any) -> Any:
    """Arrow's reading of the features, one per line, in threads (``schema``: see
    :func:`_schema`)."""
    import pyarrow.json as pj

    return pj.read_json(buf, read_options=pj.ReadOptions(use_threads=True, block_size=16 << 20),
                        parse_options=pj.ParseOptions(explicit_schema=schema,
                                                      unexpected_field_behavior="infer"))


_SAMPLE = 1 << 20  # bytes of features whose types are the columns' types


def _schema(data: bytearray, lo: int, hi: int) -> Any:
    """The types of the columns as the first features (about :data:`_SAMPLE` bytes)
    show them, so that the reader need not infer them in every block (a fifth of its
    time); None to let it infer.

    Only where it gives the columns that inferring gives: a member that is null in
    the sample, or of another type than text, number or true/false, leaves the
    whole file to inference (its place among the properties would change). A
    later value of another type is an error, and the plain path reads the file.
    Coordinates are read as floats, as the fast path makes them.
    """
    import pyarrow as pa
    import pyarrow.json as pj

    end = data.rfind(b"\n", lo, min(hi, lo + _SAMPLE))
    if end < 0:
        return None  # the sample is the whole file
    sample = pj.read_json(pa.py_buffer(memoryview(data)[lo:end]),
                          read_options=pj.ReadOptions(use_threads=False)).schema
    if sorted(sample.names) != ["geometry", "properties", "type"] or \
            not pa.types.is_string(sample.field("type").type):
        return None
    geom, props = sample.field("geometry").type, sample.field("properties").type
    if not pa.types.is_struct(geom) or sorted(f.name for f in geom) != ["coordinates", "type"]:
        return None
    if not pa.types.is_struct(props) or not all(
            pa.types.is_string(f.type) or pa.types.is_int64(f.type) or
            pa.types.is_float64(f.type) or pa.types.is_boolean(f.type) for f in props):
        return None
    point = pa.struct([pa.field(f.name, pa.list_(pa.float64())) if f.name == "coordinates"
                       else pa.field(f.name, pa.string()) for f in geom])
    return pa.schema([sample.field("type"), pa.field("geometry", point),
                      sample.field("properties")])


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

    check_text_bounds(path, lines_too=False)  # NUL bytes (a sparse file): before reading it
    data = _read_mutable(path)
    if data is None:
        return None
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
    cut = _one_per_line(data, member.end(), end)
    if cut is None:
        return None
    lo, hi, n, breaks = cut
    if _maybe_deep(data, lo, hi, breaks):
        return None

    buf = pa.py_buffer(memoryview(data)[lo:hi])
    schema = _schema(data, lo, hi)
    try:
        table = _read_json(buf, schema)
    except pa.ArrowInvalid:
        if schema is None:
            raise
        table = _read_json(buf, None)  # a later value of another type (a fraction among
        # whole amounts): inferred, as without a sample
    del buf, data
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
