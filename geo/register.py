"""The project register: one RFC 7946 GeoJSON file that never loses data.

The register is a plain GeoJSON FeatureCollection (lon/lat, no ``crs`` member,
coordinates rounded to 7 decimals, about 1 cm) that QGIS and geojson.io open.
Every change takes a lock (``<register>.lock``), re-reads the register under
it, writes a temporary file in the same directory (flushed and fsynced), keeps
the previous version as ``<register>.bak`` and swaps the new file in with
``os.replace``. A crash at any moment leaves either the old or the new version.
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from filelock import FileLock, Timeout

from geo._atomic import atomic_write_bytes, write_temp
from geo._errors import InputFileError
from geo.projects import PROJECT_FIELDS
from geo.settings import SETTINGS
from geo.validate import COORD_DECIMALS, ValidationReport, validate_file

__all__ = [
    "LOCK_TIMEOUT_S",
    "AddSummary",
    "add_to_register",
    "list_register",
    "projects_to_geojson",
    "read_register",
    "remove_from_register",
]

log = logging.getLogger(__name__)

LOCK_TIMEOUT_S = 60.0
_SLOW_WRITE_ENV = "TRANSITIEKAART_TEST_SLOW_WRITE"  # tests only: seconds to pause mid-write


@dataclass
class AddSummary:
    """What :func:`add_to_register` did."""

    register: Path
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    likely_duplicates: list[str] = field(default_factory=list)
    total: int = 0

    def to_text(self) -> str:
        """A few lines for the terminal."""
        out = [f"Register {self.register}: {len(self.added)} added, "
               f"{len(self.replaced)} replaced, {len(self.unchanged)} already present "
               f"and unchanged; {self.total} project(s) in total."]
        if self.replaced:
            out.append("  Replaced: " + ", ".join(self.replaced))
        out += [f"  NOTE {d}" for d in self.likely_duplicates]
        return "\n".join(out)


# ---------------------------------------------------------------- serialising
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


def projects_to_geojson(projects: gpd.GeoDataFrame) -> str:
    """Projects as RFC 7946 GeoJSON text (lon/lat, 7 decimals, no crs member).

    Text properties are written unchanged (UTF-8, not escaped).
    """
    gdf = projects.to_crs(SETTINGS.crs_wgs84) if projects.crs else projects
    geoms = shapely.transform(np.asarray(gdf.geometry.array, dtype=object),
                              lambda c: np.round(c, COORD_DECIMALS))
    table = pd.DataFrame({f: gdf[f] if f in gdf.columns else None for f in PROJECT_FIELDS})
    records = table.astype(object).to_dict("records")
    geojson = shapely.to_geojson(geoms)
    features = []
    for rec, geom in zip(records, geojson, strict=True):
        props = {f: _clean(rec[f]) for f in PROJECT_FIELDS}
        props["sample"] = bool(props["sample"]) if props["sample"] is not None else False
        features.append({"type": "Feature", "id": props["id"], "properties": props,
                         # null: placed in a municipality or area-wide (props["place"])
                         "geometry": json.loads(geom) if geom is not None else None})
    doc = {"type": "FeatureCollection", "features": features}
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, allow_nan=False)
                       for f in features)
    if not features:
        return json.dumps(doc) + "\n"
    return '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"


# ---------------------------------------------------------------- reading
def read_register(path: str | Path) -> gpd.GeoDataFrame:
    """The projects in the register (EPSG:4326); empty when the file does not exist yet.

    Raises
    ------
    InputFileError
        If the register exists but is damaged; the message names the backup.
    """
    p = Path(path)
    if not p.exists():
        from geo.validate import _empty_projects

        return _empty_projects()
    if _is_empty_collection(p):
        from geo.validate import _empty_projects

        return _empty_projects()
    report = validate_file(p)
    if not report.ok:
        bak = p.with_name(p.name + ".bak")
        msg = (f"The project register {p} cannot be used:\n{report.to_text(notes=False)}\n"
               f"Fix it, or restore the previous version from {bak}"
               + (" (it exists)." if bak.exists() else "."))
        raise InputFileError(msg)
    return report.projects


def _is_empty_collection(p: Path) -> bool:
    """True for a register emptied by ``remove`` (valid GeoJSON, zero features)."""
    if p.is_dir() or p.stat().st_size > 200:
        return False
    try:
        doc = json.loads(p.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and \
        doc.get("features") == []


def list_register(path: str | Path) -> pd.DataFrame:
    """The register as a table: id, theme, name, amount_eur, lon, lat."""
    gdf = read_register(path)
    pts = gdf.geometry.representative_point() if len(gdf) else gdf.geometry
    return pd.DataFrame({"id": gdf["id"], "theme": gdf["theme"], "name": gdf["name"],
                         "amount_eur": gdf["amount_eur"],
                         "lon": pts.x if len(gdf) else [], "lat": pts.y if len(gdf) else []})


# ---------------------------------------------------------------- writing
def _write_register(path: Path, text: str) -> None:
    """Atomic write with backup; the caller holds the lock."""

    def keep_backup() -> None:
        pause = os.environ.get(_SLOW_WRITE_ENV)
        if pause:  # tests only: widen the window in which a writer can be killed
            time.sleep(float(pause))
        if path.exists():
            bak = path.with_name(path.name + ".bak")
            bak_tmp = write_temp(path.parent, f".{path.name}.bak.", path.read_bytes())
            os.replace(bak_tmp, bak)

    atomic_write_bytes(path, text.encode("utf-8"), before_replace=keep_backup)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            yield
    except Timeout as exc:
        msg = (f"The register {path} is locked by another transitiekaart command "
               f"(waited {LOCK_TIMEOUT_S:.0f} s). Try again when it has finished.")
        raise InputFileError(msg) from exc


def _update(path: str | Path, change: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame | None]
            ) -> None:
    """Lock, re-read, apply ``change`` and write when it returns a frame."""
    p = Path(path)
    with _locked(p):
        # temporary files of a writer that was killed; only lock holders create them
        for stale in p.parent.glob(f".{p.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        current = read_register(p)
        new = change(current)
        if new is not None:
            _write_register(p, projects_to_geojson(new))


def _same(a: pd.Series, b: pd.Series) -> bool:
    for f in PROJECT_FIELDS:
        x, y = _clean(a.get(f)), _clean(b.get(f))
        if (x is None) != (y is None) or (x is not None and x != y):
            return False
    if a["geometry"] is None or b["geometry"] is None:  # placed in an area: no geometry
        return a["geometry"] is None and b["geometry"] is None
    ga = shapely.set_precision(a["geometry"], 10 ** -COORD_DECIMALS)
    gb = shapely.set_precision(b["geometry"], 10 ** -COORD_DECIMALS)
    return bool(shapely.equals(ga, gb))


def add_to_register(path: str | Path,
                    sources: Iterable[ValidationReport | gpd.GeoDataFrame | str | Path],
                    update: bool = False) -> AddSummary:
    """Validate and merge projects into the register: all or nothing.

    Parameters
    ----------
    path
        The register (created when it does not exist).
    sources
        Validation reports, project GeoDataFrames, or file paths (validated here).
    update
        Replace projects whose id is already in the register with different
        content. Without it such ids are refused and nothing is written.

    Raises
    ------
    InputFileError
        If any source has a problem, an id occurs twice across the sources, or an
        id is already in the register with other content (without ``update``).
        The register is then untouched.
    """
    reports = [validate_file(s) if isinstance(s, str | Path) else s for s in sources]
    bad = [r for r in reports if isinstance(r, ValidationReport) and not r.ok]
    if bad:
        msg = ("Nothing was added; the register is unchanged.\n"
               + "\n".join(r.to_text(notes=False) for r in bad))
        raise InputFileError(msg)
    frames = [r.projects if isinstance(r, ValidationReport) else r for r in reports]
    frames = [f.to_crs(SETTINGS.crs_wgs84) for f in frames if len(f)]
    if not frames:
        msg = "Nothing to add: the files hold no projects."
        raise InputFileError(msg)
    incoming = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=SETTINGS.crs_wgs84)
    dup = incoming["id"][incoming["id"].duplicated()].unique().tolist()
    if dup:
        msg = (f"Nothing was added: id(s) {', '.join(map(repr, dup))} occur in more than "
               "one of the files. Give each project its own id.")
        raise InputFileError(msg)
    summary = AddSummary(Path(path))

    def change(current: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
        by_id = {pid: i for i, pid in enumerate(current["id"])}
        conflicts, keep_rows = [], []
        for _, row in incoming.iterrows():
            j = by_id.get(row["id"])
            if j is None:
                summary.added.append(row["id"])
                keep_rows.append(row)
            elif _same(current.iloc[j], row):
                summary.unchanged.append(row["id"])
            else:
                conflicts.append(row["id"])
        if conflicts and not update:
            msg = (f"Nothing was added: {len(conflicts)} id(s) are already in the register "
                   f"{path} with other content: {', '.join(map(repr, conflicts))}. Run "
                   "again with --update to replace them, or give the new projects "
                   "other ids.")
            raise InputFileError(msg)
        summary.replaced.extend(conflicts)
        summary.likely_duplicates.extend(_near_namesakes(current, incoming))
        if not summary.added and not summary.replaced:
            summary.total = len(current)
            return None
        replace = set(conflicts)
        rows = incoming[incoming["id"].isin([*summary.added, *replace])]
        kept = current[~current["id"].isin(replace)]
        out = gpd.GeoDataFrame(pd.concat([kept, rows[kept.columns]], ignore_index=True),
                               crs=SETTINGS.crs_wgs84)
        summary.total = len(out)
        return out

    _update(path, change)
    return summary


def _near_namesakes(current: gpd.GeoDataFrame, incoming: gpd.GeoDataFrame) -> list[str]:
    """New projects with the name of a register project (other id) within 25 m."""
    if not len(current):
        return []
    cur = current.assign(_k=current["name"].str.strip().str.casefold())
    new = incoming.assign(_k=incoming["name"].str.strip().str.casefold())
    pairs = new.reset_index().merge(cur.reset_index(), on="_k", suffixes=("_n", "_c"))
    pairs = pairs[pairs["id_n"] != pairs["id_c"]]
    if pairs.empty:
        return []
    a = gpd.GeoSeries(pairs["geometry_n"].values, crs=SETTINGS.crs_wgs84)
    b = gpd.GeoSeries(pairs["geometry_c"].values, crs=SETTINGS.crs_wgs84)
    dist = a.to_crs(SETTINGS.crs_metric).distance(b.to_crs(SETTINGS.crs_metric)).to_numpy()
    near = dist <= SETTINGS.duplicate_distance_m
    return [f"{n!r} ({i}) has the same name as {c!r} in the register and lies {d:.0f} m "
            "from it; probably the same project twice."
            for n, i, c, d in zip(pairs["name_n"][near], pairs["id_n"][near],
                                  pairs["id_c"][near], dist[near], strict=True)]


def remove_from_register(path: str | Path, ids: Sequence[str]) -> list[str]:
    """Remove projects by id (all or nothing); return the ids removed.

    Raises
    ------
    InputFileError
        If the register does not exist or an id is not in it.
    """
    p = Path(path)
    if not p.exists():
        msg = (f"The register {p} does not exist yet, so there is nothing to remove. "
               "Add projects with: transitiekaart add FILE")
        raise InputFileError(msg)

    def change(current: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        missing = [i for i in ids if i not in set(current["id"])]
        if missing:
            msg = (f"Nothing was removed: id(s) {', '.join(map(repr, missing))} are not in "
                   f"the register {p}. See the ids with: transitiekaart list")
            raise InputFileError(msg)
        return current[~current["id"].isin(ids)]

    _update(p, change)
    return list(dict.fromkeys(ids))

