"""Synthetic project files for the benchmark: fixed seed.

The projects are FICTITIOUS (``sample: true``): random points, eight themes,
amounts and start years. :func:`synthetic_projects` puts every point inside the
30 MRA municipalities; :func:`partner_projects` writes a file as a partner
exports a national list: no ids, Dutch names, a ``crs`` member, and
:data:`PARTNER_OUTSIDE` of the points elsewhere in the Netherlands.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import shapely

from geo.themes import THEME_CODES
from layers.boundaries import load_municipalities
from layers.settings import SETTINGS

__all__ = ["PARTNER_OUTSIDE", "cached_geojson", "cached_partner_geojson", "partner_projects",
           "synthetic_projects", "write_geojson"]

STATUSES = ("planned", "ongoing", "completed")


def _points_inside(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` lon/lat pairs uniformly inside the MRA (rejection sampling in RD New)."""
    mra = load_municipalities().to_crs(SETTINGS.crs_metric).union_all()
    shapely.prepare(mra)
    x0, y0, x1, y1 = mra.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        k = int((n - len(out)) * 1.8) + 100
        xy = np.column_stack([rng.uniform(x0, x1, k), rng.uniform(y0, y1, k)])
        inside = shapely.contains_xy(mra, xy[:, 0], xy[:, 1])
        out = np.vstack([out, xy[inside]])
    return _to_lonlat(out[:n])


# the rectangle in RD New (metres) that the Netherlands' mainland lies in
_NL_RD = (13_000.0, 306_000.0, 278_000.0, 619_000.0)


def _points_outside(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` lon/lat pairs in the Netherlands' rectangle and outside the MRA."""
    mra = load_municipalities().to_crs(SETTINGS.crs_metric).union_all()
    shapely.prepare(mra)
    x0, y0, x1, y1 = _NL_RD
    out = np.empty((0, 2))
    while len(out) < n:
        k = int((n - len(out)) * 1.2) + 100
        xy = np.column_stack([rng.uniform(x0, x1, k), rng.uniform(y0, y1, k)])
        out = np.vstack([out, xy[~shapely.contains_xy(mra, xy[:, 0], xy[:, 1])]])
    return _to_lonlat(out[:n])


def _to_lonlat(rd: np.ndarray) -> np.ndarray:
    from pyproj import Transformer

    tr = Transformer.from_crs(SETTINGS.crs_metric, SETTINGS.crs_wgs84, always_xy=True)
    lon, lat = tr.transform(rd[:, 0], rd[:, 1])
    return np.column_stack([np.round(lon, 6), np.round(lat, 6)])


def synthetic_projects(n: int, seed: int = 20261127, outside: float = 0.0) -> dict:
    """A FeatureCollection of ``n`` fictitious projects (deterministic for a seed).

    ``outside``: the share of the points placed in the Netherlands outside the MRA
    (shuffled among the others); 0 puts every point inside.
    """
    rng = np.random.default_rng(seed)
    k = round(n * outside)
    xy = _points_inside(n - k, rng)
    if k:
        xy = np.vstack([xy, _points_outside(k, rng)])[rng.permutation(n)]
    themes = rng.integers(0, len(THEME_CODES), n)
    amounts = np.round(np.exp(rng.normal(13.5, 1.4, n)), -3)
    years = rng.integers(2020, 2031, n)
    status = rng.integers(0, len(STATUSES), n)
    feats = [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [float(x), float(y)]},
         "properties": {"id": f"syn-{i:07d}", "name": f"Synthetic project {i}",
                        "theme": THEME_CODES[int(t)], "amount_eur": float(a),
                        "status": STATUSES[int(s)], "start_year": int(yr),
                        "organisation": f"Organisation {int(t) * 100 + i % 100}",
                        "sample": True}}
        for i, ((x, y), t, a, yr, s) in enumerate(zip(xy, themes, amounts, years, status,
                                                      strict=True))]
    return {"type": "FeatureCollection", "features": feats}


# what partners write: the agenda's Dutch theme names, Dutch statuses
_PARTNER_THEMES = ("Gezondheid en preventie", "Waterstof", "Slimme energiesystemen",
                   "Biobased en modulair bouwen", "Slimme mobiliteit", "Veilig datadelen",
                   "Kunstmatige intelligentie", "Duurzame digitale infrastructuur")
_PARTNER_STATUSES = ("gepland", "lopend", "afgerond")
PARTNER_OUTSIDE = 0.46
"""Share of a partner-style file's points outside the MRA (a national export)."""


def partner_projects(n: int, seed: int = 20261127) -> dict:
    """``n`` fictitious projects as partners and GDAL/QGIS write them.

    No ids (the validator derives them), Dutch column names and theme names, a
    ``crs`` member (OGC CRS84, as GDAL writes it), integer amounts and years, and
    :data:`PARTNER_OUTSIDE` of the points in the Netherlands outside the MRA, as
    when a partner exports a national list.
    """
    doc = synthetic_projects(n, seed, outside=PARTNER_OUTSIDE)
    for f in doc["features"]:
        p = f["properties"]
        f["properties"] = {"naam": p["name"],
                           "thema": _PARTNER_THEMES[THEME_CODES.index(p["theme"])],
                           "bedrag": int(p["amount_eur"]), "startjaar": p["start_year"],
                           "status": _PARTNER_STATUSES[STATUSES.index(p["status"])],
                           "organisatie": p["organisation"]}
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    return doc


def cached_partner_geojson(n: int, workdir: str | Path, seed: int = 20261127) -> Path:
    """:func:`partner_projects` for ``n`` and ``seed`` in ``workdir``, written once."""
    path = Path(workdir) / f"partner-n{n}-seed{seed}-v{PARTNER_VERSION}.geojson"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(partner_projects(n, seed), separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, path)
    return path


def write_geojson(n: int, path: str | Path, seed: int = 20261127) -> Path:
    """Write :func:`synthetic_projects` to ``path`` (RFC 7946 GeoJSON)."""
    p = Path(path)
    p.write_text(json.dumps(synthetic_projects(n, seed), separators=(",", ":")),
                 encoding="utf-8")
    return p


# Bump when the generator changes, so cached files from an older one are not reused.
SYNTH_VERSION = 1
PARTNER_VERSION = 2  # 2: PARTNER_OUTSIDE of the points outside the MRA


def cached_geojson(n: int, workdir: str | Path, seed: int = 20261127) -> Path:
    """The synthetic GeoJSON for ``n`` and ``seed`` in ``workdir``, written once.

    Generating 1M projects takes seconds; the file is reused by later runs
    (keyed by ``n``, ``seed`` and :data:`SYNTH_VERSION`) and written atomically.
    """
    path = Path(workdir) / f"projects-n{n}-seed{seed}-v{SYNTH_VERSION}.geojson"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write_geojson(n, tmp, seed)
        os.replace(tmp, path)
    return path
