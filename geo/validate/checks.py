"""Checking a file's features one by one, and :func:`validate_file`, the entry point.

Nothing here raises for a bad file: a file that cannot be read at all gives a
report with ``readable = False`` and one problem saying why.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from geo.projects import PROJECT_FIELDS
from geo.validate import fast, rules
from geo.validate.amounts import implausible_notes, settle_notation
from geo.validate.fields import (
    check_properties,
    derived_id,
    derived_id_notes,
    is_template_example,
    map_columns,
)
from geo.validate.places import place_notes, resolve_place
from geo.validate.reading import (
    FIX_GEOM,
    SUPPORTED,
    Raw,
    Unreadable,
    gc_paused,
    geojson_features,
    is_wgs84,
    parse_crs,
    parse_geojson,
    read_ogr,
)
from geo.validate.report import (
    Problem,
    ValidationReport,
    empty_projects,
    make_report,
    projects_frame,
)
from geo.validate.tables import read_csv, read_xlsx
from layers.errors import InputFileError
from layers.files import check_regular_file
from layers.lang import format_number, get_lang, terminal_text
from layers.messages import msg
from layers.settings import SETTINGS
from layers.timing import stage

__all__ = ["COORD_DECIMALS", "validate_file"]

log = logging.getLogger(__name__)

COORD_DECIMALS = 7  # ~1 cm; the register rounds coordinates to it

GROUP_OF_3 = re.compile(r"\d[.,]\d{3}(?!\d)")  # "1.250", "1,250": the notation matters


def _fix_invalid(geom: shapely.Geometry) -> shapely.Geometry:
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection":  # keep the parts of highest dimension
        parts = shapely.get_parts(fixed)
        dims = shapely.get_dimensions(parts)
        fixed = shapely.union_all(parts[dims == dims.max()])
    return fixed


def _coord(value: float) -> str:
    """A coordinate as a person wrote it: ``4.9``, ``52.3702`` (``4,9`` in Dutch)."""
    return format_number(value, 7).rstrip("0").rstrip(".,")


def _where(ok: np.ndarray, g: np.ndarray) -> np.ndarray:
    """The geometries where ``ok``, None elsewhere (numpy's stubs do not allow None here)."""
    return np.where(ok, g, None)  # type: ignore[call-overload]


def _rd_undeclared(raw: Raw, rows: np.ndarray, first: list[Any]) -> Problem:
    """One error for all features whose coordinates are RD New metres without a CRS."""
    k = int(rows[0])
    at = msg("checks.at_row", row=raw.rows[k]) if raw.rows is not None else \
        msg("checks.at_feature", feature=k + 1)
    x, y = first[k][:2]
    text = msg("checks.rd_undeclared", count=format_number(len(rows)), at=at, x=f"{x:.0f}",
               y=f"{y:.0f}")
    if raw.columns is not None:  # a sheet
        fix = msg("checks.rd_undeclared_sheet_fix")
    else:
        fix = msg("checks.rd_undeclared_geojson_fix")
    return Problem(text, fix, field="geometry", code="rd_undeclared",
                   column=f"{raw.columns[0]}/{raw.columns[1]}" if raw.columns else None)


def _check_geometries(raw: Raw, problems: list[Problem],
                      refused: set[int] | None = None) -> np.ndarray:
    """Vectorised geometry checks; returns geometries in EPSG:4326 (None when refused).

    ``refused`` gets the features refused by a file-level problem (RD without a CRS).
    """
    geoms = np.array(raw.geoms, dtype=object)
    n = len(geoms)
    present = np.array([g is not None for g in geoms], dtype=bool)
    out = np.full(n, None, dtype=object)
    if not present.any():
        return out
    g = geoms.copy()
    g[~present] = None
    g = g.astype(object)

    def report(mask: np.ndarray, message: str, hint: str, code: str,
               severity: str = "error", values: np.ndarray | list[Any] | None = None,
               column: str | None = None) -> None:
        for i in np.flatnonzero(mask):
            problems.append(Problem(message, hint, feature=int(i) + 1, field="geometry",
                                    value=None if values is None else values[i],
                                    severity=severity, code=code, column=column))

    ok = present.copy()
    kinds = np.array(shapely.get_type_id(g))
    gc = ok & (kinds == 7)
    report(gc, msg("checks.geometrycollection"),
           msg("checks.geometrycollection_fix"),
           "geometrycollection")
    ok &= ~gc
    empty = ok & shapely.is_empty(g)
    report(empty, msg("checks.empty_geometry"),
           msg("checks.empty_geometry_fix"),
           "empty_geometry")
    ok &= ~empty
    coords, idx = shapely.get_coordinates(_where(ok, g), include_z=True,
                                          return_index=True)
    finite = np.isfinite(coords[:, :2]).all(axis=1) if len(coords) else np.ones(0, bool)
    nonfinite = np.zeros(n, bool)
    nonfinite[idx[~finite]] = True
    nonfinite &= ok
    report(nonfinite, msg("checks.coordinates_nonfinite"),
           msg("checks.coordinates_nonfinite_fix"),
           "coordinates_nonfinite")
    ok &= ~nonfinite
    has_z = ok & shapely.has_z(g)
    report(has_z, msg("checks.z_dropped"), "", "z_dropped",
           severity="note")
    g = np.where(has_z, shapely.force_2d(g), g)
    invalid = ok & ~shapely.is_valid(_where(ok, g))
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(g[i])
        g[i] = _fix_invalid(g[i])
        problems.append(Problem(
            msg("checks.repaired", reason=reason), FIX_GEOM(),
            feature=int(i) + 1, field="geometry", severity="note", code="repaired"))
    bounds = shapely.bounds(_where(ok, g))
    minx, miny, maxx, maxy = bounds.T
    with np.errstate(invalid="ignore"):
        lonlat = ok & rules.LONLAT.holds(minx, miny, maxx, maxy)
        rd_like = ok & rules.RD_NEW.holds(minx, miny, maxx, maxy)
        swapped = ok & rules.SWAPPED.holds(minx, miny, maxx, maxy)
    first = [shapely.get_coordinates(x)[0].tolist() if x is not None else None
             for x in _where(ok, g)]
    if is_wgs84(raw.crs):
        if rd_like.any():  # one message for the file: every such row has the same cause
            problems.append(_rd_undeclared(raw, np.flatnonzero(rd_like), first))
            if refused is not None:
                refused.update(int(i) + 1 for i in np.flatnonzero(rd_like))
        if raw.columns is not None:  # a sheet: name its own columns
            xc, yc = raw.columns
            report(swapped,
                   msg("checks.latlon_swapped", lat_column=yc, lon_column=xc),
                   msg("checks.latlon_swapped_fix", lat_column=yc, lon_column=xc),
                   "latlon_swapped", column=f"{yc}/{xc}",
                   values=[None if v is None else f"{yc} {_coord(v[1])}; {xc} {_coord(v[0])}"
                           for v in first])
        else:
            report(swapped, msg("checks.latlon_swapped_geojson"),
                   msg("checks.latlon_swapped_geojson_fix"),
                   "latlon_swapped", values=first)
        wrong = ok & ~lonlat & ~rd_like
        report(wrong, msg("checks.coordinates_range"),
               msg("checks.coordinates_range_fix"),
               "coordinates_range", values=first)
        ok &= lonlat & ~swapped
        out[ok] = g[ok]
        return out
    crs_name = raw.crs.to_string() if raw.crs is not None else "?"
    looks_degrees = ok & lonlat & raw.crs.is_projected if raw.crs is not None else ok & False
    report(looks_degrees, msg("checks.crs_degrees", crs_from=raw.crs_from, crs_name=crs_name),
        msg("checks.crs_degrees_fix"), "crs_degrees", values=first)
    ok &= ~looks_degrees
    if ok.any():
        moved = gpd.GeoSeries(g[ok], crs=raw.crs).to_crs(SETTINGS.crs_wgs84).array
        moved_arr = np.asarray(moved, dtype=object)
        b = shapely.bounds(moved_arr)
        finite_ok = np.isfinite(b).all(axis=1) & rules.LONLAT.x.holds(b[:, 0]) & \
            rules.LONLAT.x.holds(b[:, 2])
        idx_ok = np.flatnonzero(ok)
        report(np.isin(np.arange(n), idx_ok[~finite_ok]),
               msg("checks.crs_transform", crs_name=crs_name),
               msg("checks.crs_transform_fix"),
               "crs_transform", values=first)
        out[idx_ok[finite_ok]] = moved_arr[finite_ok]
    return out


def _given_id(vals: dict[str, Any]) -> str | None:
    value = vals.get("id")
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _ident(row: dict[str, Any] | None, vals: dict[str, Any]) -> dict[str, Any]:
    r = row or {}
    pid = r.get("id") or vals.get("id")
    pname = r.get("name") or vals.get("name")
    # a blank id is no id (it is derived), as the fast path and the page report it
    return {"id": str(pid) if pid is not None and str(pid).strip() else None,
            "name": pname if isinstance(pname, str) else None}


def _same_place(a: dict[str, Any] | None, b: dict[str, Any], ga: Any, gb: Any) -> bool:
    """Whether two rows without id are at the same place (then one is a copy)."""
    if a is None:
        return False
    if ga is not None or gb is not None:
        return ga is not None and gb is not None and bool(shapely.equals(ga, gb))
    return (a.get("place"), a.get("place_area")) == (b.get("place"), b.get("place_area"))


def _suffix_note(n: int, row: dict[str, Any], base: str, first: int) -> Problem:
    """The note for a derived id that got a number: the same theme, name and organisation
    as an earlier row at another place."""
    return Problem(
        msg("checks.derived_id_number", first=first, id=row['id'], base=base),
        msg("checks.derived_id_number_fix"),
        feature=n, name=row["name"], id=row["id"], field="id", severity="note",
        code="derived_id_number")


def template_examples(raw: Raw, cmap: Any, problems: list[Problem]) -> set[int]:
    """The features that are the template's example row: skipped, with one note.

    Problems met on them before (a geometry, a formula) are dropped: the row is not read.
    """
    found: dict[int, tuple[Any, Any]] = {}
    if "name" in cmap.keys:
        for i, p in enumerate(raw.props):
            if p:
                vals = cmap.values(p)
                if is_template_example(vals.get("id"), vals.get("name")):
                    found[i + 1] = (vals.get("id"), vals.get("name"))
    if not found:
        return set()
    problems[:] = [p for p in problems if p.feature not in found]
    for n, (pid, name) in found.items():
        problems.append(Problem(
            msg("checks.template_example"),
            msg("checks.template_example_fix"),
            feature=n, id=None if pid is None else str(pid), name=str(name),
            row=raw.rows[n - 1] if raw.rows is not None else None,
            severity="note", code="template_example"))
    return set(found)


def _check(path: Path, raw: Raw, region_union: shapely.Geometry | None) -> ValidationReport:
    problems = list(raw.problems)
    refused = {p.feature for p in raw.problems if p.severity == "error" and p.feature}
    n = len(raw.props)
    geoms = _check_geometries(raw, problems, refused)
    refused |= {p.feature for p in problems if p.severity == "error" and p.feature}
    cmap = map_columns((k for p in raw.props if p for k in p), raw.tabular)
    problems.extend(cmap.problems)
    if "amount_eur" in cmap.keys:  # "750.000", "2.500" in "Bedrag (x € 1.000)": settled
        amount_key = cmap.keys["amount_eur"][0]  # per column from evidence (settle_notation)
        values = [p.get(amount_key) for p in raw.props if p]
        if cmap.unit != 1.0 or any(isinstance(v, str) and GROUP_OF_3.search(v) for v in values):
            cmap.notation, cmap.evidence = settle_notation(
                str(amount_key), values, raw.notation, list(cmap.keys_all), get_lang())
    examples = template_examples(raw, cmap, problems)
    rows: list[dict[str, Any] | None] = []
    vals_all: list[dict[str, Any]] = []
    row: dict[str, Any] | None
    for i, props in enumerate(raw.props):
        if props is None or i + 1 in examples:
            rows.append(None)
            vals_all.append({})
            continue
        vals = cmap.values(props)
        vals_all.append(vals)
        row, ok = check_properties(i + 1, props, cmap, raw.tabular, problems)
        if (i + 1) not in refused:  # its place is checked even when a field is wrong
            ok &= resolve_place(row, i + 1, geoms[i] is not None, problems,
                                _ident(row, vals))
        rows.append(row if ok and (i + 1) not in refused else None)
    if any(p.code == "column_lookalike" for p in cmap.problems) or \
            any(p.code == "rd_undeclared" for p in problems):  # a file-level error
        rows = [None] * n
    # ids: unique within the file (checked on every feature), else derived from content
    seen: dict[str, int] = {}
    for i, vals in enumerate(vals_all):
        given = _given_id(vals)
        if given is None:
            continue
        if given in seen:
            problems.append(Problem(msg("checks.id_twice", first=seen[given]),
                                    msg("checks.id_twice_fix"), feature=i + 1,
                                    id=given, field="id", value=given, code="id_twice"))
            rows[i] = None
        else:
            seen[given] = i + 1
    derived: list[str] = []
    lacking: list[tuple[int, str, str]] = []  # feature, derived id, name
    for i, row in enumerate(rows):
        if row is None:
            continue
        if row["id"] is None:
            base = derived_id(row["theme"], row["name"], row["organisation"])
            rid, k = base, 1
            while rid in seen and not _same_place(rows[seen[rid] - 1], row,
                                                  geoms[seen[rid] - 1], geoms[i]):
                k += 1  # the same theme, name and organisation elsewhere: another project
                rid = f"{base}-{k}"
            row["id"] = rid
            lacking.append((i + 1, rid, row["name"]))
            if rid in seen:
                problems.append(Problem(
                    msg("checks.same_content", first=seen[rid]),
                    msg("checks.same_content_fix"),
                    feature=i + 1, name=row["name"], field="id", code="same_content"))
                rows[i] = None
            else:
                if k > 1:
                    problems.append(_suffix_note(i + 1, row, base, seen[base]))
                seen[rid] = i + 1
                derived.append(rid)
    if lacking:
        problems.extend(derived_id_notes([f for f, _, _ in lacking], [d for _, d, _ in lacking],
                                         [m for _, _, m in lacking], n_features=n))
    # name the feature in geometry problems too, and its row in a sheet
    for k, p in enumerate(problems):
        if p.feature is not None and p.id is None and p.name is None and \
                p.feature - 1 < n and raw.props[p.feature - 1]:
            ident = _ident(rows[p.feature - 1], vals_all[p.feature - 1])
            p = problems[k] = Problem(**{**p.__dict__, **ident})
        if raw.rows is not None and p.feature is not None and p.feature - 1 < n:
            p = problems[k] = Problem(**{**p.__dict__, "row": raw.rows[p.feature - 1]})
        if p.field in cmap.keys and p.column is None and str(cmap.keys[p.field][0]) != p.field:
            problems[k] = Problem(**{**p.__dict__, "column": str(cmap.keys[p.field][0])})
    keep = [i for i in range(n) if rows[i] is not None]
    if keep:
        data = {f: [rows[i][f] for i in keep] for f in PROJECT_FIELDS}  # type: ignore[index]
        gdf = projects_frame(data, list(geoms[keep]), [i + 1 for i in keep])
        named = [rows[i].get("named_municipality") for i in keep]  # type: ignore[union-attr]
        col = cmap.keys.get("municipality") or cmap.keys.get("place")
        before = len(problems)
        amount_col = str(cmap.keys.get("amount_eur", ["amount_eur"])[0])
        problems += implausible_notes(gdf["amount_eur"].to_numpy(dtype=float), gdf.index,
                                      gdf["id"], gdf["name"],
                                      amount_col if amount_col != "amount_eur" else None)
        place_notes(gdf, region_union, problems, named if any(named) else None,
                    str(col[0]) if col else None)
        for k in range(before, len(problems)):  # the row in the sheet
            p = problems[k]
            extra = {"row": raw.rows[p.feature - 1]} if raw.rows is not None and \
                p.feature is not None else {}
            if extra:
                problems[k] = Problem(**{**p.__dict__, **extra})
    else:
        gdf = empty_projects()
    report = make_report(path, gdf, problems, n)
    kept = set(report.projects["id"])
    report.derived_ids = [d for d in derived if d in kept]
    return report


def _looks_like_json(p: Path) -> bool:
    with p.open("rb") as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _read_and_check(p: Path, crs_opt: Any, region_union: shapely.Geometry | None,
                    sheet: str | None) -> ValidationReport:
    check_regular_file(p)  # a FIFO, device or socket: named, never opened
    suffix = p.suffix.lower()
    if suffix == "" and _looks_like_json(p):  # e.g. a register named without extension
        suffix = ".geojson"
    if suffix not in SUPPORTED:
        raise Unreadable(
            msg("checks.unknown_extension", extension=suffix) if suffix else
            msg("checks.no_extension"),
            msg("checks.unknown_extension_fix", formats=', '.join(SUPPORTED)))
    if suffix in (".xlsx", ".xlsm"):
        with stage("read"):
            raw = read_xlsx(p, crs_opt, sheet)
    elif suffix in (".gpkg", ".shp", ".fgb", ".gml", ".kml", ".csv", ".txt", ".tsv"):
        with stage("read"):
            tabular = suffix in (".csv", ".txt", ".tsv")
            raw = read_csv(p, crs_opt) if tabular else read_ogr(p, crs_opt)
    else:
        report = fast.fast_check_file(p, crs_opt, region_union)  # straight into columns
        if report is not None:
            return report
        with stage("read"):
            parsed = parse_geojson(p, crs_opt)
        with stage("validate"):
            report = fast.fast_check(p, parsed, region_union)
        if report is not None:
            return report
        with stage("read"):
            if parsed.consumed:  # declined after taking the features: read them again
                parsed = parse_geojson(p, crs_opt)
            raw = geojson_features(parsed)
        del parsed
    with stage("validate"):
        return _check(p, raw, region_union)


def validate_file(path: str | Path, crs: str | None = None,
                  region_union: shapely.Geometry | None = None,
                  sheet: str | None = None) -> ValidationReport:
    """Read and check one project file; never raises for a bad file.

    Parameters
    ----------
    path
        GeoJSON (``.geojson``/``.json``, FeatureCollection, Feature or
        newline-delimited ``.geojsonl``/``.ndjson``), GeoPackage (``.gpkg``),
        Shapefile (``.shp``), CSV (``.csv``, columns ``lon``/``lat`` or
        ``x``/``y``, or a ``gemeente`` column) or Excel (``.xlsx``).
    crs
        CRS of the coordinates when the file does not say (e.g. ``"EPSG:28992"``
        for RD New); a CRS declared in the file wins.
    region_union
        Area outside which projects are flagged; default the 30 MRA municipalities.
    sheet
        Excel only: the sheet to read (default: the first).

    Returns
    -------
    ValidationReport
        The valid projects (only when the whole file is fine) and every problem,
        with messages in the run's language (:func:`layers.lang.get_lang`).
    """
    p = Path(path)

    def fail(message: str, hint: str = "") -> ValidationReport:
        return ValidationReport(p, empty_projects(), [Problem(message, hint)],
                                readable=False)

    try:
        crs_opt = parse_crs(crs, "--crs") if crs else None
        if not p.exists():
            return fail(msg("checks.not_found"),
                        msg("checks.not_found_fix"))
        if p.is_dir():
            return fail(msg("checks.is_directory"),
                        msg("checks.is_directory_fix"))
        if p.is_file() and p.stat().st_size == 0:
            return fail(msg("checks.empty_file"),
                        msg("checks.empty_file_fix"))
        with gc_paused():  # millions of new containers; see gc_paused
            return _read_and_check(p, crs_opt, region_union, sheet)
    except Unreadable as exc:
        return fail(exc.message, exc.hint)
    except InputFileError as exc:  # layers.files: not a regular file, too large
        text = str(exc)
        prefix = f"{p}: "
        return fail(text[len(prefix):] if text.startswith(prefix) else text)
    except PermissionError:
        return fail(msg("checks.permission_denied"),
                    msg("checks.permission_denied_fix"))
    except OSError as exc:
        return fail(msg("checks.unreadable", reason=exc.strerror or exc),
                    msg("checks.unreadable_fix"))
    except RecursionError:
        return fail(msg("checks.too_deep"),
                    msg("checks.too_deep_fix"))
    except MemoryError:  # also pyarrow's ArrowMemoryError
        return fail(msg("checks.out_of_memory"),
                    msg("checks.out_of_memory_fix"))
    except Exception as exc:  # no traceback for any input file, but never hidden
        log.debug("unexpected error while validating %s", p, exc_info=True)
        why = f"{type(exc).__name__}: {terminal_text(exc, 200)}"
        return fail(msg("checks.unexpected", why=why),
                    msg("checks.unexpected_fix"))
