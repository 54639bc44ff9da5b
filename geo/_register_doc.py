"""The register as a document: what it holds, kept as it is, and changed only where asked.

:func:`parse_register` reads the register's JSON text strictly (duplicate keys,
numbers JSON cannot hold, ids that are not text are refused with a message) and
keeps every member: top-level foreign members (``name``, ``bbox``, ``crs`` as
QGIS writes them), each feature as it was written (unknown properties, Z values,
foreign members) and the order of the features. :func:`serialise` writes it
back, one feature per line. Only the features that ``add``/``remove`` touch are
built anew (:func:`project_features`, :func:`merge_feature`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.projects import PROJECT_FIELDS
from geo.validate.fields import _FIELD_OF
from geo.validate.strict import Bad as _Bad
from geo.validate.strict import short as _short
from geo.validate.strict import strict_constant, strict_float, strict_int, strict_pairs
from layers.errors import InputFileError
from layers.files import json_reason, sniff_container
from layers.lang import get_lang
from layers.messages import msg
from layers.settings import SETTINGS
from layers.vectors import earth_crs

__all__ = [
    "RegisterDoc",
    "merge_feature",
    "parse_register",
    "project_features",
    "serialise",
    "update_bbox",
]

COORD_DECIMALS = 7  # lon/lat: about 1 cm
METRE_DECIMALS = 3  # a projected register: 1 mm


@dataclass
class RegisterDoc:
    """The register's JSON document.

    Attributes
    ----------
    members
        Top-level members except ``features``, in the order they were written.
    features
        The features as parsed (dicts, key order kept).
    crs
        The CRS the register declares when it is not lon/lat (e.g. a register
        saved from QGIS in RD New); new features are written in it.
    """

    members: dict[str, Any] = field(default_factory=lambda: {"type": "FeatureCollection"})
    features: list[Any] = field(default_factory=list)
    crs: CRS | None = None


def _fail(path: Path, reason: str) -> InputFileError:
    """The register cannot be used: ``reason`` (a text in the run's language) and the backup."""
    bak = path.with_name(path.name + ".bak")
    exists = msg("register.backup_exists") if bak.exists() else "."
    return InputFileError(msg("register.unusable_because", path=path, reason=reason, backup=bak,
                              exists=exists))


def _why(key: str, **values: Any) -> str:
    return msg(f"register.doc_{key}", **values)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text; a byte-order mark (Notepad's "UTF-8 with BOM") is read past, as in a
    project file, and not written back."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        sniffed = sniff_container(data)
        if sniffed is not None:
            what, fix = sniffed
            raise _fail(path, _why("not_text", kind=what, fix=fix)) from exc
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(path, _why("not_utf8", byte=f"{data[exc.start]:02x}", line=line)) from exc


def _declared_crs(path: Path, member: Any) -> CRS | None:
    """The register's ``crs`` member: None for lon/lat, the CRS otherwise (must be on Earth)."""
    if member is None:
        return None
    name = (member.get("properties") or {}).get("name") if isinstance(member, dict) and \
        isinstance(member.get("properties"), dict) else None
    try:
        crs = CRS.from_user_input(name)
    except (CRSError, TypeError, ValueError):
        raise _fail(path, _why("crs_unreadable", member=_short(member, 80))) from None
    if crs.equals(CRS.from_epsg(4326), ignore_axis_order=True) or \
            crs.equals(CRS.from_user_input("OGC:CRS84")):
        return None
    if not earth_crs(crs):
        raise _fail(path, _why("crs_not_earth", crs=name))
    return crs


def _walk_positions(coords: Any, depth: int = 0) -> int:
    """The largest number of values in a position (4 for a 4-D one)."""
    if not isinstance(coords, list) or depth > 6:
        return 0
    if coords and not isinstance(coords[0], list):
        return len(coords)
    return max((_walk_positions(c, depth + 1) for c in coords), default=0)


def _check_feature(path: Path, n: int, feat: Any) -> None:
    if not isinstance(feat, dict):
        return  # the validator names it
    raw = feat.get("properties")
    props = raw if isinstance(raw, dict) else {}
    for where, value in (("id", feat.get("id")), ("properties.id", props.get("id"))):
        if isinstance(value, bool):
            raise _fail(path, _why("bool_id", n=n, where=where, value=repr(value)))
    seen: dict[str, str] = {}
    for key in props:
        schema = _FIELD_OF.get(str(key).strip().lower())
        if schema is None:
            continue
        if schema in seen:
            raise _fail(path, _why("field_twice", n=n, first=repr(seen[schema]), second=repr(key),
                                   field=repr(schema)))
        seen[schema] = key
    geom = feat.get("geometry")
    if isinstance(geom, dict) and _walk_positions(geom.get("coordinates")) > 3:
        raise _fail(path, _why("4d", n=n))


def parse_register(path: Path, data: bytes) -> RegisterDoc:
    """Parse the register's bytes strictly, keeping everything.

    Raises
    ------
    InputFileError
        Naming the register, what is wrong and the backup: not UTF-8 (or a zip,
        UTF-16 ...), not JSON, a key twice in one object, a number JSON cannot
        hold, ``true`` as an id, both ``name`` and ``naam``, a 4-D position, a
        CRS not on Earth, or not a FeatureCollection.
    """
    text = _decode(path, data)
    try:  # the hooks cost about a tenth of the parse
        doc = json.loads(text, object_pairs_hook=strict_pairs, parse_int=strict_int,
                         parse_float=strict_float, parse_constant=strict_constant)
    except _Bad as exc:
        # Bad carries its message in the run's language (str(exc)); while it still holds
        # both languages (.nl/.en), take the run's
        reason = getattr(exc, "en" if get_lang() == "en" else "nl", None) or str(exc)
        raise _fail(path, reason) from None
    except json.JSONDecodeError as exc:
        raise _fail(path, _why("not_json", error=json_reason(exc.msg), line=exc.lineno,
                               column=exc.colno)) from None
    except RecursionError:
        raise _fail(path, _why("too_deep")) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or \
            not isinstance(doc.get("features"), list):
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise _fail(path, _why("not_collection", type=_short(got)))
    features = doc.pop("features")
    crs = _declared_crs(path, doc.get("crs"))
    for n, feat in enumerate(features, 1):
        _check_feature(path, n, feat)
    return RegisterDoc(doc, features, crs)


# ------------------------------------------------------------------ writing
def _clean(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def _geometry_json(geoms: np.ndarray, decimals: int) -> list[Any]:
    present = np.array([g is not None for g in geoms], dtype=bool)
    out: list[Any] = [None] * len(geoms)
    if present.any():
        rounded = shapely.transform(geoms[present], lambda c: np.round(c, decimals))
        for i, text in zip(np.flatnonzero(present), shapely.to_geojson(rounded), strict=True):
            out[i] = json.loads(text)
    return out


def project_features(projects: gpd.GeoDataFrame, crs: CRS | None = None) -> list[dict[str, Any]]:
    """Projects as GeoJSON feature dicts in ``crs`` (default lon/lat, RFC 7946).

    Coordinates are rounded to 7 decimals in lon/lat (about 1 cm), to 3 in a
    projected CRS (1 mm). A project without geometry (placed by municipality
    or area) gets ``"geometry": null``.
    """
    target = crs if crs is not None else SETTINGS.crs_wgs84
    gdf = projects.to_crs(target) if projects.crs else projects
    decimals = METRE_DECIMALS if crs is not None and crs.is_projected else COORD_DECIMALS
    geoms = _geometry_json(np.asarray(gdf.geometry.array, dtype=object), decimals)
    table = pd.DataFrame({f: gdf[f] if f in gdf.columns else None for f in PROJECT_FIELDS},
                         index=gdf.index)
    out = []
    for rec, geom in zip(table.astype(object).to_dict("records"), geoms, strict=True):
        props = {f: _clean(rec[f]) for f in PROJECT_FIELDS}
        props["sample"] = bool(props["sample"]) if props["sample"] is not None else False
        out.append({"type": "Feature", "id": props["id"], "properties": props,
                    "geometry": geom})
    return out


def _managed(key: str) -> bool:
    return str(key).strip().lower() in _FIELD_OF


def merge_feature(old: Any, new: dict[str, Any]) -> dict[str, Any]:
    """``new`` (a replacing project) keeping what ``old`` held that the tool does not manage.

    The project fields (and their Dutch and other aliases) and the geometry
    come from ``new``; other properties and foreign members stay as they were.
    A ``bbox`` is recomputed for the new geometry.
    """
    if not isinstance(old, dict):
        return new
    merged = dict(old)
    merged["id"] = new["id"]
    raw = old.get("properties")
    old_props = raw if isinstance(raw, dict) else {}
    kept = {k: v for k, v in old_props.items() if not _managed(k)}
    merged["properties"] = {**new["properties"], **kept}
    merged["geometry"] = new["geometry"]
    if "bbox" in merged:
        merged["bbox"] = _bbox([new["geometry"]], len(old.get("bbox") or []) == 6)
        if merged["bbox"] is None:
            del merged["bbox"]
    return merged


def _bbox(geometries: list[Any], with_z: bool) -> list[float] | None:
    shapes = [shapely.geometry.shape(g) for g in geometries if isinstance(g, dict)]
    coords = shapely.get_coordinates(np.asarray(shapes, dtype=object), include_z=with_z) \
        if shapes else np.empty((0, 3 if with_z else 2))
    if not len(coords):
        return None
    lo, hi = np.nanmin(coords, axis=0), np.nanmax(coords, axis=0)
    if with_z and not np.isfinite(lo[2]):
        lo, hi = lo[:2], hi[:2]
        with_z = False
    if with_z:
        return [float(lo[0]), float(lo[1]), float(lo[2]), float(hi[0]), float(hi[1]),
                float(hi[2])]
    return [float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])]


def update_bbox(doc: RegisterDoc) -> None:
    """Recompute the top-level ``bbox`` (when the register has one) for its features."""
    if "bbox" not in doc.members:
        return
    old = doc.members["bbox"]
    box = _bbox([f.get("geometry") for f in doc.features if isinstance(f, dict)],
                isinstance(old, list) and len(old) == 6)
    if box is None:
        del doc.members["bbox"]
    else:
        doc.members["bbox"] = box


def serialise(doc: RegisterDoc) -> str:
    """The register's text: its members, then one feature per line."""
    members = {"type": "FeatureCollection", **doc.members}
    head = ", ".join(f"{json.dumps(k, ensure_ascii=False)}: "
                     f"{json.dumps(v, ensure_ascii=False, allow_nan=False)}"
                     for k, v in members.items())
    if not doc.features:
        return "{" + head + ', "features": []}\n'
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, allow_nan=False)
                       for f in doc.features)
    return "{" + head + ', "features": [\n' + lines + "\n]}\n"
