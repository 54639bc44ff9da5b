"""The project register: one RFC 7946 GeoJSON file that never loses data.

The register is a plain GeoJSON FeatureCollection (lon/lat, no ``crs`` member,
coordinates rounded to 7 decimals, about 1 cm) that QGIS and geojson.io open.
Every change takes a lock (``<register>.lock``, created with the register's
permissions), re-reads the register under it, writes a temporary file in the
same directory (flushed and fsynced), keeps the previous version as
``<register>.bak`` (same permissions and group) and swaps the new file in with
``os.replace``. A crash at any moment leaves either the old or the new version.

What the tool does not manage is kept: properties and members someone added
(e.g. in QGIS), Z values, a declared ``crs`` and the order of the features. Only
the features an ``add``, ``--update`` or ``remove`` touches change. A register
that is a symlink is followed (the file it points to is replaced, the link
stays); a read-only register, a directory, FIFO or device is refused.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from filelock import FileLock, Timeout

from geo._register_doc import (
    RegisterDoc,
    _clean,
    merge_feature,
    parse_register,
    project_features,
    serialise,
    update_bbox,
)
from geo._register_ids import migrate, resolve
from geo.projects import PROJECT_FIELDS
from geo.validate import COORD_DECIMALS, ValidationReport, validate_file
from geo.validate.controls import controls_noted
from geo.validate.report import group_problems
from layers.atomic import atomic_write_bytes, check_target, file_mode, write_temp
from layers.errors import InputFileError
from layers.files import read_bytes_bounded, system_reason
from layers.lang import format_number
from layers.messages import msg
from layers.settings import SETTINGS

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
        out = [msg("register.summary", register=self.register,
                   added=format_number(len(self.added)), replaced=format_number(len(self.replaced)),
                   unchanged=format_number(len(self.unchanged)), total=format_number(self.total))]
        if self.replaced:
            out.append(msg("register.summary_replaced", ids=", ".join(self.replaced)))
        out += [msg("register.summary_note", text=d) for d in self.likely_duplicates]
        return "\n".join(out)


def _ids(ids: Sequence[str], limit: int = 10) -> str:
    """Quoted ids for a message; past ``limit``, the first ones and a count of the rest."""
    shown = ", ".join(map(repr, ids[:limit]))
    if len(ids) <= limit:
        return shown
    return shown + msg("register.and_more", n=format_number(len(ids) - limit))


# ---------------------------------------------------------------- serialising
def projects_to_geojson(projects: gpd.GeoDataFrame) -> str:
    """Projects as RFC 7946 GeoJSON text (lon/lat, 7 decimals, no crs member).

    Text properties are written unchanged (UTF-8, not escaped).
    """
    return serialise(RegisterDoc(features=project_features(projects)))


# ---------------------------------------------------------------- reading
def _what() -> str:
    return msg("register.what")


def _load(p: Path) -> tuple[RegisterDoc, gpd.GeoDataFrame]:
    """The register's document and its projects (one row per feature, in order)."""
    from geo.validate import _empty_projects

    data = read_bytes_bounded(p, _what())
    if not data.strip():
        key = "register.blank" if data else "register.empty"
        raise InputFileError(msg(key, path=p, backup=f"{p.name}.bak",
                                 size=format_number(len(data))))
    doc = parse_register(p, data)
    if not doc.features:
        return doc, _empty_projects()
    with controls_noted():  # an earlier release wrote them: noted, not refused
        report = validate_file(p)
    _show_control_notes(report)
    if not report.ok:
        bak = p.with_name(p.name + ".bak")
        exists = msg("register.backup_exists") if bak.exists() else "."
        raise InputFileError(msg("register.unusable", path=p, problems=report.to_text(notes=False),
                                 backup=bak, exists=exists))
    if len(report.projects) != len(doc.features):  # never drop a project silently
        raise InputFileError(msg("register.features_lost", path=p,
                                 features=format_number(len(doc.features)),
                                 projects=format_number(len(report.projects))))
    return doc, report.projects


def _show_control_notes(report: ValidationReport) -> None:
    """The notes on control characters kept in the register, as a warning (they show
    on the terminal; the value escaped, frequent ones grouped)."""
    notes = [p for p in report.problems if p.code == "control_character" and
             p.severity == "note"]
    if notes:
        head = msg("perfin.register_notes", path=report.path, n=format_number(len(notes)))
        log.warning("%s", "\n".join([head, *("  " + line for line in group_problems(notes))]))


def read_register(path: str | Path) -> gpd.GeoDataFrame:
    """The projects in the register (EPSG:4326); empty when the file does not exist yet.

    The register is read only when it is a regular file within the size limit
    (a FIFO, device or directory is refused at once, see :mod:`layers.files`),
    and strictly (see :func:`geo._register_doc.parse_register`).

    Raises
    ------
    InputFileError
        If the register exists but is damaged; the message names the backup.
    """
    from geo.validate import _empty_projects

    p = Path(path)
    if not p.exists() and not p.is_symlink():
        return _empty_projects()
    doc, current = _load(p)
    migrate(doc, current)  # in memory: ids derived by earlier releases read as now
    return current


def list_register(path: str | Path) -> pd.DataFrame:
    """The register as a table: id, theme, name, amount_eur, status, lon, lat, place.

    A project placed in a municipality or area-wide has no geometry: its lon and
    lat are missing (NaN) and ``place`` says where it is, in the run's language
    (``"gemeente Zaanstad"``, ``"regiobreed: IJmond"``); for a point it is "".
    """
    from geo.validate.places import place_text

    gdf = read_register(path)
    pts = gdf.geometry.representative_point() if len(gdf) else gdf.geometry
    return pd.DataFrame({"id": gdf["id"], "theme": gdf["theme"], "name": gdf["name"],
                         "amount_eur": gdf["amount_eur"], "status": gdf["status"],
                         "lon": pts.x if len(gdf) else [], "lat": pts.y if len(gdf) else [],
                         "place": [place_text(p, a) for p, a in
                                   zip(gdf["place"], gdf["place_area"], strict=True)]
                         if len(gdf) else []})


# ---------------------------------------------------------------- writing
def _write_register(real: Path, text: str) -> None:
    """Atomic write of the real file with a backup; the caller holds the lock.

    The current register is copied to a temporary file and swapped in as
    ``.bak`` just before the new register is: a crash between the two swaps
    leaves the register unchanged and its ``.bak`` equal to it, never a
    ``.bak`` two versions old. The old ``.bak`` is kept (hard-linked) until the
    register is written, so a write that fails puts it back: the register and
    its ``.bak`` are then both unchanged.
    """
    bak = real.with_name(real.name + ".bak")
    temps: list[str] = []
    kept: list[str] = []  # the old .bak, linked to a temporary name
    made: list[bool] = []  # a .bak was made where there was none

    def swap_backup() -> None:
        pause = os.environ.get(_SLOW_WRITE_ENV)
        if pause:  # tests only: widen the window in which a writer can be killed
            time.sleep(float(pause))
        if not real.exists():
            return
        st = real.stat()
        temps.append(write_temp(real.parent, f".{real.name}.bak.", real.read_bytes(),
                                stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)))
        if bak.exists():
            old = tempfile.mktemp(prefix=f".{real.name}.bak.", suffix=".tmp", dir=real.parent)
            with suppress(OSError):  # no hard links here: the old .bak cannot be restored
                os.link(bak, old)
                kept.append(old)
        else:
            made.append(True)
        os.replace(temps.pop(), bak)

    try:
        atomic_write_bytes(real, text.encode("utf-8"), before_replace=swap_backup,
                           what=_what(), make_parents=False)
    except BaseException:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
        for old in kept:  # the register is unchanged: so is its .bak
            with suppress(OSError):
                os.replace(old, bak)
        if made:
            bak.unlink(missing_ok=True)
        raise
    for old in kept:
        Path(old).unlink(missing_ok=True)


_TOOL_TEMP = r"\.(bak\.)?[a-z0-9_]{8}\.tmp"
"""The names :func:`tempfile.mkstemp` gives the tool's own temporary files, after the
register's name: ``.projects.geojson.k3j_x9a2.tmp``; a user's file is never one."""


def _stale_temps(real: Path) -> list[Path]:
    """Temporary files a killed writer of ``real`` left; only lock holders create them."""
    pattern = re.compile(re.escape(f".{real.name}") + _TOOL_TEMP)
    return [p for p in real.parent.glob(f".{glob.escape(real.name)}.*.tmp")
            if pattern.fullmatch(p.name)]


def _lock_error(lock: Path, exc: OSError) -> InputFileError:
    return InputFileError(msg("register.lock_file", lock=lock, reason=system_reason(exc)))


@contextmanager
def _locked(real: Path) -> Iterator[None]:
    """Hold ``<register>.lock``, created with the register's permissions (minus execute)."""
    lock_path = real.with_name(real.name + ".lock")
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_S, mode=file_mode(real) & 0o666)
    try:
        lock.acquire()
    except Timeout as exc:
        raise InputFileError(msg("register.locked", path=real, lock=lock_path,
                                 seconds=format_number(LOCK_TIMEOUT_S))) from exc
    except OSError as exc:
        raise _lock_error(lock_path, exc) from exc
    try:
        if real.exists():  # colleagues sharing the folder share the group
            with suppress(OSError):
                os.chown(lock_path, -1, real.stat().st_gid)
        yield
    finally:
        lock.release()


def _target(path: str | Path, create: bool) -> Path:
    """The real register file to change (symlinks followed), or a message why not."""
    real = check_target(path, _what(), make_parents=False)
    if not create and not real.exists():
        raise InputFileError(msg("register.nothing_to_remove", path=path))
    return real


def _update(path: str | Path,
            change: Callable[[RegisterDoc, gpd.GeoDataFrame], RegisterDoc | None],
            create: bool = True) -> None:
    """Lock, re-read, apply ``change`` and write when it returns a document."""
    from geo.validate import _empty_projects

    real = _target(path, create)
    with _locked(real):
        for stale in _stale_temps(real):  # of a writer that was killed
            stale.unlink(missing_ok=True)
        if real.exists():
            doc, current = _load(real)
            migrate(doc, current)  # ids derived by earlier releases (geo._register_ids)
        else:
            doc, current = RegisterDoc(), _empty_projects()
        new = change(doc, current)
        if new is not None:
            _write_register(real, serialise(new))


def _same(a: pd.Series, b: pd.Series) -> bool:
    for f in PROJECT_FIELDS:
        x, y = _clean(a.get(f)), _clean(b.get(f))
        if (x is None) != (y is None) or (x is not None and x != y):
            return False
    if a["geometry"] is None or b["geometry"] is None:  # placed by municipality or area
        return a["geometry"] is None and b["geometry"] is None
    ga = shapely.set_precision(a["geometry"], 10 ** -COORD_DECIMALS)
    gb = shapely.set_precision(b["geometry"], 10 ** -COORD_DECIMALS)
    # a register kept in another CRS comes back through a transformation: allow ~2 cm
    return bool(shapely.equals(ga, gb)) or bool(shapely.equals_exact(
        shapely.normalize(ga), shapely.normalize(gb), tolerance=2 * 10 ** -COORD_DECIMALS))


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
        raise InputFileError("\n".join([msg("register.nothing_added"),
                                        *(r.to_text(notes=False) for r in bad)]))
    _refuse_dropped(reports)
    frames = [r.projects if isinstance(r, ValidationReport) else r for r in reports]
    frames = [f.to_crs(SETTINGS.crs_wgs84) for f in frames if len(f)]
    if not frames:
        raise InputFileError(msg("register.no_projects"))
    incoming = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=SETTINGS.crs_wgs84)
    dup = incoming["id"][incoming["id"].duplicated()].unique().tolist()
    if dup:
        raise InputFileError(msg("register.ids_in_several_files", ids=_ids(dup)))
    summary = AddSummary(Path(path))

    def change(doc: RegisterDoc, current: gpd.GeoDataFrame) -> RegisterDoc | None:
        by_id = {pid: i for i, pid in enumerate(current["id"])}
        incoming["id"] = resolve(incoming["id"], doc, set(by_id))  # a migrated old id
        conflicts = []
        for _, row in incoming.iterrows():
            j = by_id.get(row["id"])
            if j is None:
                summary.added.append(row["id"])
            elif _same(current.iloc[j], row):
                summary.unchanged.append(row["id"])
            else:
                conflicts.append(row["id"])
        if conflicts and not update:
            raise InputFileError(msg("register.ids_conflict", n=format_number(len(conflicts), 0),
                                     path=path, ids=_ids(conflicts)))
        summary.replaced.extend(conflicts)
        summary.likely_duplicates.extend(_near_namesakes(current, incoming))
        if not summary.added and not summary.replaced:
            summary.total = len(current)
            return None
        replace = set(conflicts)
        rows = incoming[incoming["id"].isin([*summary.added, *replace])]
        new = {f["id"]: f for f in project_features(rows, doc.crs)}
        features = [merge_feature(raw, new[pid]) if pid in replace else raw
                    for raw, pid in zip(doc.features, current["id"], strict=True)]
        features += [new[pid] for pid in summary.added]
        doc.features = features
        update_bbox(doc)
        summary.total = len(features)
        return doc

    _update(path, change)
    return summary


def _refuse_dropped(reports: Sequence[ValidationReport | gpd.GeoDataFrame]) -> None:
    """Every feature of an accepted file must be a project: none is left out silently."""
    def skipped(r: ValidationReport) -> int:  # the template's example row, with a note
        return sum(1 for p in r.problems if p.code == "template_example")

    short = [r for r in reports if isinstance(r, ValidationReport)
             and r.n_features and len(r.projects) + skipped(r) != r.n_features]
    if not short:
        return
    lines = [msg("register.features_dropped", path=r.path, features=format_number(r.n_features),
                 projects=format_number(len(r.projects))) for r in short]
    raise InputFileError("\n".join([msg("register.nothing_added"), *lines]))


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
    return [msg("register.namesake", name=repr(n), id=i, other=repr(c), metres=format_number(d))
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

    def change(doc: RegisterDoc, current: gpd.GeoDataFrame) -> RegisterDoc:
        present = set(current["id"])
        wanted = resolve(ids, doc, present)  # an id migrated from an earlier release
        missing = [i for i, w in zip(ids, wanted, strict=True) if w not in present]
        if missing:
            raise InputFileError(msg("register.ids_not_in_register", ids=_ids(missing), path=p))
        gone = set(wanted)
        doc.features = [raw for raw, pid in zip(doc.features, current["id"], strict=True)
                        if pid not in gone]
        update_bbox(doc)
        return doc

    _update(p, change, create=False)
    return list(dict.fromkeys(ids))

