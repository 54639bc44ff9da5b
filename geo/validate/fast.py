"""The validator's fast path: a large file of lon/lat points checked column by column.

The common case of a large GeoJSON file, every feature a Feature with a 2D
Point and properties from the schema, is checked per column (each distinct
theme, year, amount text or URL once) instead of per feature: with or without
ids (derived ids are made per column), Dutch or English theme names, a ``crs``
member naming WGS84, integer or text years. Anything it does not handle, and
anything wrong, makes it decline, so the per-feature checks report it; whenever
it returns a report, that report is the one the per-feature checks would give.
"""

from __future__ import annotations

import logging
import math
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from geo.projects import PROJECT_FIELDS
from geo.themes import match_theme
from geo.validate import rules
from geo.validate.amounts import (
    SMALL_AMOUNT_EUR,
    implausible_notes,
    read_amount,
)
from geo.validate.columnar import Columns, read_columns
from geo.validate.fields import (
    TEMPLATE_EXAMPLE,
    ColumnMap,
    derived_id_notes,
    derived_ids,
    map_columns,
    parse_year,
    place_value,
    read_url,
    small_amount_problem,
)
from geo.validate.places import named_municipality, place_notes
from geo.validate.reading import Parsed, is_wgs84
from geo.validate.report import (
    DeferredNotes,
    Problem,
    ValidationReport,
    make_report,
    projects_frame,
)
from geo.validate.status import read_status
from layers.timing import stage

__all__ = ["fast_check", "fast_check_file"]

log = logging.getLogger(__name__)


class _Decline(Exception):
    """Internal: the fast path leaves this file to the per-feature checks."""


_NONE = type(None)
_DISTINCT_OK = frozenset({str, int, _NONE})  # equal values give equal results


def _types(values: Any) -> set[type]:
    return set(map(type, values))


def _per_distinct(col: Any, fn: Any) -> list[Any]:
    """``fn`` of every value, computed once per distinct value.

    Only for an ``fn`` that gives equal values (``True == 1 == 1.0``) the same
    result, or declines all but one of them.
    """
    cache = {v: fn(v) for v in set(col)}
    return list(map(cache.__getitem__, col))


def _utf8_ok(col: Any) -> None:
    """Decline when any text holds an unpaired surrogate (not storable as UTF-8)."""
    try:
        "".join([v for v in col if type(v) is str]).encode("utf-8")
    except UnicodeEncodeError:
        raise _Decline from None


def _no_controls(*cols: Any) -> None:
    """Decline when any text holds a control character (U+0000-U+001F, U+007F-U+009F):
    the per-feature checks name each one (:mod:`geo.validate.controls`)."""
    for col in cols:
        texts = [v for v in col if type(v) is str]
        if _has_controls(np.frombuffer("".join(texts).encode("utf-8", "surrogatepass"),
                                       dtype=np.uint8)):
            raise _Decline


def _has_controls(raw: np.ndarray) -> bool:
    """Whether UTF-8 bytes hold a C0 or C1 control character (or DEL)."""
    return bool(((raw < 0x20) | (raw == 0x7F)).any() or
                ((raw[:-1] == 0xC2) & (raw[1:] >= 0x80) & (raw[1:] <= 0x9F)).any())  # C1


def _arrow_controls(arr: Any) -> bool:
    """:func:`_has_controls` of an Arrow text column's bytes, read in place (no Python
    string per value). The bytes of a null are none or ignored, at worst a decline."""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset:arr.offset + len(arr) + 1]
    data = arr.buffers()[2]
    if data is None or len(offsets) < 2:
        return False
    return _has_controls(np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]])


def _fast_theme(value: Any) -> str:
    m = match_theme(value)
    if m.code is None or m.broader:  # a broader name gets a note: the per-feature checks
        raise _Decline
    return m.code


def _fast_year(value: Any) -> int | None:
    year, ok = parse_year(value)
    if not ok:
        raise _Decline
    return year


def _fast_amount(value: Any) -> float:
    got = read_amount(value)
    if got.message is not None or got.note is not None:  # "n.t.b.": a note, the slow path
        raise _Decline
    return math.nan if got.amount is None else got.amount


def _fast_url(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _Decline
    url, ok = read_url(value)
    if not ok:
        raise _Decline
    return url


def _fast_amounts(col: Any) -> np.ndarray:
    if _types(col) <= {int, float, _NONE}:
        arr = np.array(col, dtype=float)  # None -> NaN
        nan = np.isnan(arr)
        if int(nan.sum()) != col.count(None):  # a NaN in the file itself
            raise _Decline
        if not rules.AMOUNT.holds(arr[~nan]).all():  # NaN and infinity are outside
            raise _Decline
        return arr
    if _types(col) <= _DISTINCT_OK:  # no True == 1 == 1.0 or -0.0 == 0.0 mix-ups
        return np.array(_per_distinct(col, _fast_amount), dtype=float)
    return np.array([_fast_amount(v) for v in col], dtype=float)


def _fast_text(col: Any, surrogates: bool) -> Any:
    types = _types(col)
    if not types <= {str, _NONE, int, float, bool}:
        raise _Decline
    if not types <= {str, _NONE}:
        col = [v if v is None or type(v) is str else str(v) for v in col]
    if surrogates:
        _utf8_ok(col)
    return col


def _check_lonlat(xy: np.ndarray) -> None:
    """Decline unless every point is lon/lat in range and none looks swapped."""
    x, y = xy[:, 0], xy[:, 1]
    lonlat = rules.LONLAT.holds(x, y)  # False for NaN
    swapped = rules.SWAPPED.holds(x, y)
    if not lonlat.all() or swapped.any():
        raise _Decline


def _fast_points(feats: list[Any]) -> tuple[np.ndarray, list[Any]]:
    """Lon/lat of features that are all 2D Points, and their properties; else decline.

    A feature that is not an object, or lacks a member, raises TypeError or
    KeyError here, which declines as well.
    """
    n = len(feats)
    if list(map(itemgetter("type"), feats)).count("Feature") != n:
        raise _Decline
    geoms = list(map(itemgetter("geometry"), feats))
    if list(map(itemgetter("type"), geoms)).count("Point") != n:
        raise _Decline
    coords = list(map(itemgetter("coordinates"), geoms))
    del geoms
    if set(map(len, coords)) != {2}:
        raise _Decline
    flat = list(chain.from_iterable(coords))
    if not _types(flat) <= {float, int}:  # text, a list, a dict, true/false, null
        raise _Decline
    xy = np.array(flat, dtype=float).reshape(n, 2)
    _check_lonlat(xy)
    props = list(map(itemgetter("properties"), feats))
    if _types(props) != {dict}:
        raise _Decline
    return xy, props


def fast_check(path: Path, parsed: Parsed,
                region_union: shapely.Geometry | None) -> ValidationReport | None:
    """Check a GeoJSON file of lon/lat points column by column; None to decline.

    Once the properties are read into columns, ``parsed.features`` is emptied (and
    ``parsed.consumed`` set), so that the features' dicts are freed before the
    projects' frame is made; a caller that gets None then must parse again.
    """
    if not parsed.features or parsed.marks is not None:  # a key twice, a number too long
        return None
    try:
        return _fast_columns(path, parsed, region_union)
    except _Decline:
        return None
    except Exception as exc:  # a shape not foreseen (TypeError, KeyError, ...): decline
        log.debug("fast path declined %s: %r", path, exc)
        return None


def fast_check_file(path: Path, crs_opt: CRS | None,
                    region_union: shapely.Geometry | None) -> ValidationReport | None:
    """Check a GeoJSON file read straight into columns (:mod:`geo.validate.columnar`);
    None when the file is not read that way or the checks decline (then the caller
    parses it and tries :func:`fast_check`)."""
    with stage("read"):
        got = read_columns(path, crs_opt)
    if got is None:
        return None
    with stage("validate"):
        try:
            if not is_wgs84(got.top.crs):
                raise _Decline
            _check_lonlat(got.xy)
            cols, cmap = _arrow_properties(got)
            top, xy = got.top, got.xy
            del got  # the Arrow columns: the lists hold what the checks need
            return _check_columns(path, top, False, xy, cols, cmap, region_union,
                                  controls_checked=True)
        except _Decline:
            return None
        except Exception as exc:  # a shape not foreseen: decline
            log.debug("fast path declined %s: %r", path, exc)
            return None


def _column_map(keys: list[str]) -> tuple[ColumnMap, dict[str, str], list[str]]:
    """The column map of the properties' keys (declining what the fast path does not
    handle), each field's key, and the fields the file has."""
    cmap = map_columns(keys)
    if any(p.code in ("column_lookalike", "columns_twice") for p in cmap.problems) or \
            cmap.unit != 1.0 or any(len(v) > 1 for v in cmap.keys.values()) or \
            "subregion" in cmap.keys:
        raise _Decline
    fields = {f: cols[0] for f, cols in cmap.keys.items()}
    used = [f for f in (*PROJECT_FIELDS, "municipality", "address") if f in fields]
    return cmap, fields, used


def _check_place(cols: dict[str, Any]) -> None:
    if not set(cols["place"]) <= {"point", None} or set(cols["place_area"]) != {None}:
        raise _Decline


def _fast_properties(props: list[Any], feats: list[Any]
                     ) -> tuple[dict[str, Any], ColumnMap]:
    """Each schema field as a column (None where absent); and the column map."""
    n = len(props)
    keys: list[str] = list(dict.fromkeys(chain.from_iterable(props)))
    cmap, fields, used = _column_map(keys)
    cols: dict[str, Any] = dict.fromkeys(PROJECT_FIELDS, [None] * n)
    if set(map(len, props)) == {len(keys)} and len(used) > 1:  # all have every key
        cols |= dict(zip(used, zip(*map(itemgetter(*[fields[f] for f in used]), props),
                                    strict=True), strict=True))
    else:
        cols |= {f: [p.get(fields[f]) for p in props] for f in used}
    if set(map(len, feats)) != {3} and "id" in set().union(*feats):
        fids = [f.get("id") for f in feats]  # RFC 7946 feature id: when properties lack one
        if fids.count(None) != n:
            k = fields.get("id")
            if k is not None and k.lower() != "id":
                raise _Decline
            cols["id"] = fids if k is None else \
                [p[k] if k in p else fid for p, fid in zip(props, fids, strict=True)]
    _check_place(cols)
    return cols, cmap


_FEW_VALUES = frozenset({"theme", "status", "organisation", "place", "sample"})
"""Fields that hold few distinct texts in a large file (a partner's themes, statuses)."""


def _as_list(arr: Any, few: bool) -> list[Any]:
    """``arr.to_pylist()``, made without a Python object per value where it can: the
    distinct texts once (``few``), whole numbers through numpy."""
    import pyarrow.types as pat

    if few and pat.is_string(arr.type):
        enc = arr.dictionary_encode()  # a null stays null in the indices
        values = np.empty(len(enc.dictionary) + 1, dtype=object)
        values[:-1] = enc.dictionary.to_pylist()  # values[-1]: None, for a null
        return values[enc.indices.fill_null(len(enc.dictionary)).to_numpy()].tolist()
    if pat.is_int64(arr.type) and not arr.null_count:
        return arr.to_numpy().tolist()
    return arr.to_pylist()


_CONTROLS_CHECKED = ("id", "name", "organisation", "status", "url", "description")
"""The text fields in which a control character declines (:func:`_no_controls`)."""


def _arrow_properties(got: Columns) -> tuple[dict[str, Any], ColumnMap]:
    """:func:`_fast_properties` of properties read into Arrow columns (the same lists)."""
    import pyarrow.types as pat

    n = len(got.xy)
    cmap, fields, used = _column_map(got.keys)
    cols: dict[str, Any] = dict.fromkeys(PROJECT_FIELDS, [None] * n)
    for f in used:
        arr = got.props.field(fields[f])
        if f in _CONTROLS_CHECKED and pat.is_string(arr.type) and _arrow_controls(arr):
            raise _Decline  # the per-feature checks name each control character
        if pat.is_floating(arr.type):  # ints among fractions are floats in Arrow, ints
            # for json.loads: taken only where an int and the equal float answer the same
            values = arr.to_numpy(zero_copy_only=False)
            whole = np.isfinite(values) & (values == np.round(values))
            if f == "amount_eur":  # a small amount's note shows the value as written
                whole &= (values > 0) & (values < SMALL_AMOUNT_EUR)
            if f != "start_year" and whole.any():
                raise _Decline
        cols[f] = _as_list(arr, f in _FEW_VALUES)
    if got.feature_ids is not None:  # RFC 7946 feature id: when properties lack one
        if "id" in fields:  # present or null cannot be told apart in Arrow: plain path
            raise _Decline
        cols["id"] = got.feature_ids
    _check_place(cols)
    return cols, cmap


def _status_notes(gdf: Any, rows: np.ndarray, had_id: list[bool], raw: Any,
                  read: list[Any], column: str | None, at: int) -> list[DeferredNotes]:
    """The status notes of ``rows`` (positions), one :class:`DeferredNotes` per kind;
    id and name read from the frame when listed (an id only if the file gave it)."""

    def maker(these: np.ndarray) -> Any:
        def make(sel: np.ndarray) -> list[Problem]:
            picked = these[sel]
            ids = gdf["id"].iloc[picked].tolist()
            names = gdf["name"].iloc[picked].tolist()
            out = []
            for i, pid, name in zip(picked.tolist(), ids, names, strict=True):
                note = read[i][1]
                out.append(Problem(note.message, note.fix, feature=i + 1,
                                   id=pid if had_id[i] else None, name=name, field="status",
                                   value=raw[i], severity="note", code=note.code,
                                   summary=note.summary, column=column))
            return out
        return make

    kinds = np.array([read[i][1].code for i in rows.tolist()], dtype=object)
    return [DeferredNotes(code, rows[kinds == code] + 1, maker(rows[kinds == code]), at)
            for code in dict.fromkeys(kinds.tolist())]


def _fast_columns(path: Path, parsed: Parsed,
                  region_union: shapely.Geometry | None) -> ValidationReport:
    if not is_wgs84(parsed.crs):
        raise _Decline
    feats = parsed.features
    xy, props = _fast_points(feats)
    cols, cmap = _fast_properties(props, feats)
    # the columns hold every value now: let the features' dicts go (a million features
    # are about a gigabyte); declining from here on, the caller parses the file again
    del feats, props
    parsed.features, parsed.consumed = [], True
    return _check_columns(path, parsed, parsed.surrogates, xy, cols, cmap, region_union)


def _check_columns(path: Path, parsed: Parsed, surrogates: bool, xy: np.ndarray,
                   cols: dict[str, Any], cmap: ColumnMap,
                   region_union: shapely.Geometry | None,
                   controls_checked: bool = False) -> ValidationReport:
    """The checks of the fast path on the columns of a file's ``n`` points.

    ``surrogates``: False when no text can hold an unpaired surrogate.
    ``controls_checked``: the texts read from Arrow were looked at for control
    characters in their buffers (:func:`_arrow_controls`); a value that is not
    text there is a number or true/false, whose text holds none.
    """
    n = len(xy)
    file_problems = cmap.problems
    amount_col = str(cmap.keys.get("amount_eur", ["amount_eur"])[0])
    idcol = cols["id"]
    if not _types(idcol) <= {str, int, _NONE}:
        raise _Decline
    if surrogates:
        _utf8_ok(idcol)
    ids: list[str | None]
    if _types(idcol) == {str}:
        ids = list(map(str.strip, idcol))
        ids = [v or None for v in ids] if "" in ids else ids
    else:
        ids = [v if v is None else str(v).strip() or None for v in idcol]
    given = [v for v in ids if v is not None] if None in ids else ids
    if len(set(given)) != len(given):
        raise _Decline
    names = cols["name"]
    if _types(names) != {str} or not all(map(str.strip, names)):
        raise _Decline
    if TEMPLATE_EXAMPLE["name"] in names:  # the template's example row: skipped, with a note
        raise _Decline
    if controls_checked:  # the feature ids (RFC 7946) are not among the Arrow columns
        _no_controls(idcol)
    else:
        _no_controls(*(idcol if f == "id" else cols[f] for f in _CONTROLS_CHECKED))
    if surrogates:
        _utf8_ok(names)
    # each distinct value once: the checks decline non-text themes and URLs, and a
    # start year's check gives the same for equal values (2026 and 2026.0)
    codes = _per_distinct(cols["theme"], _fast_theme)
    urls = _per_distinct(cols["url"], _fast_url)
    if surrogates:
        _utf8_ok(cols["url"])
    status_raw = _fast_text(cols["status"], surrogates)
    status_read = _per_distinct(status_raw, read_status)
    data: dict[str, Any] = {"id": ids, "name": list(names), "theme": codes,
            "amount_eur": _fast_amounts(cols["amount_eur"]),
            "status": [code for code, _ in status_read],
            "start_year": pd.array(_per_distinct(cols["start_year"], _fast_year),
                                   dtype="Int64"),  # the frame's type, made at once
            "organisation": list(_fast_text(cols["organisation"], surrogates)),
            "url": urls,
            "description": list(_fast_text(cols["description"], surrogates)),
            "sample": np.array([v is True for v in cols["sample"]], dtype=bool)
            if "sample" in cmap.keys else np.zeros(n, dtype=bool)}
    amounts = data["amount_eur"]
    small = np.flatnonzero((amounts > 0) & (amounts < SMALL_AMOUNT_EUR))
    data["place"] = ["point"] * n
    data["place_area"] = [None] * n
    problems = [*parsed.problems, *file_problems]
    for i in small.tolist():  # "1,25": thousands or millions meant?
        problems.append(small_amount_problem(
            i + 1, float(amounts[i]), cols["amount_eur"][i], {"id": ids[i], "name": names[i]},
            column=amount_col if amount_col != "amount_eur" else None))
    status_name = str(cmap.keys.get("status", ["status"])[0])
    status_col = status_name if status_name != "status" else None
    # a synonym or an unknown status: counted now, made when listed (a partner's
    # "lopend" is a note on a third of the projects)
    noted = [i for i, (_, note) in enumerate(status_read) if note is not None]
    status_at, had_id = len(problems), [v is not None for v in ids]
    derived: list[str] = []
    if len(given) < n:  # ids derived from theme, name and place, as the slow checks do
        if given:
            missing = [i for i, v in enumerate(ids) if v is None]
            orgs = data["organisation"]
            made = derived_ids([codes[i] for i in missing], [names[i] for i in missing],
                               [orgs[i] for i in missing])
            if len(set(made) | set(given)) != len(made) + len(given):
                raise _Decline
            for i, pid in zip(missing, made, strict=True):
                ids[i] = pid
            problems.extend(derived_id_notes([i + 1 for i in missing], made,
                                             [names[i] for i in missing], n_features=n))
        else:  # none has an id (as partners write files): one note for the file
            made = derived_ids(codes, names, data["organisation"])
            if len(set(made)) != n:
                raise _Decline
            ids[:] = made
            problems.extend(derived_id_notes(range(1, n + 1), made, names, n_features=n))
        derived = made
    cols_status = cols["status"]
    named = None
    if "municipality" in cmap.keys:  # a point that its own municipality column contradicts
        seen: dict[tuple[type, Any], str | None] = {}
        named = [seen[k] if (k := (type(v), v)) in seen else
                 seen.setdefault(k, named_municipality(place_value(v)))
                 for v in cols["municipality"]]
        named = named if any(named) else None
    gdf = projects_frame(data, shapely.points(xy), range(1, n + 1))
    problems += implausible_notes(amounts, range(1, n + 1), ids, names,
                                  amount_col if amount_col != "amount_eur" else None)
    # the frame holds its own copy of every text (Arrow): let the lists and their strings
    # go before the notes are made (at a million projects the peak of this stage fell ~60 MB)
    del data, cols, names, ids, idcol, given, codes, urls, status_raw
    deferred = _status_notes(gdf, np.array(noted, dtype=np.intp), had_id, cols_status,
                             status_read, status_col, status_at)
    place_notes(gdf, region_union, problems, named,
                str(cmap.keys["municipality"][0]) if "municipality" in cmap.keys else None,
                deferred)
    report = make_report(path, gdf, problems, n, deferred)
    report.derived_ids = derived
    return report

