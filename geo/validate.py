"""Validating a user's project file, reporting every problem at once.

:func:`validate_file` reads GeoJSON (FeatureCollection, single Feature or
newline-delimited), GeoPackage, Shapefile or CSV, checks every feature and
returns a :class:`ValidationReport`: the valid projects (EPSG:4326, the fields of
:data:`geo.projects.PROJECT_FIELDS`) and a list of :class:`Problem` objects, each
naming the feature, the field, the value received and how to fix it.

Nothing here raises for a bad file: a file that cannot be read at all gives a
report with ``readable = False`` and one problem saying why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from geo._readers import (
    _FIX_GEOM,
    Problem,
    _gc_paused,
    _geojson_features,
    _is_wgs84,
    _parse_crs,
    _parse_geojson,
    _Parsed,
    _Raw,
    _read_csv,
    _read_ogr,
    _Unreadable,
)
from geo._timing import stage
from geo.projects import PROJECT_FIELDS
from geo.settings import SETTINGS
from geo.themes import THEME_CODES, normalise_theme

__all__ = [
    "MAX_AMOUNT_EUR",
    "Problem",
    "ValidationReport",
    "parse_amount",
    "validate_file",
]

log = logging.getLogger(__name__)

MAX_AMOUNT_EUR = 1e12
"""Amounts above this (one trillion euro, far above the whole investment agenda)
are refused as a typo (extra digits, cents instead of euros)."""

YEAR_RANGE = (1950, 2100)
COORD_DECIMALS = 7  # ~1 cm; used for derived ids and the register

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "project_id", "projectid", "fid_project"),
    "name": ("name", "naam", "projectnaam", "project_name", "title", "titel"),
    "theme": ("theme", "thema", "theme_code"),
    "amount_eur": ("amount_eur", "amount", "bedrag", "bedrag_eur", "investment_eur",
                   "investering", "budget"),
    "status": ("status",),
    "start_year": ("start_year", "startjaar", "start", "year", "jaar"),
    "organisation": ("organisation", "organization", "organisatie", "organisati",
                     "organizati", "partner"),
    "url": ("url", "website", "link"),
    "description": ("description", "beschrijving", "omschrijving", "descriptio",
                    "toelichting"),
    "sample": ("sample",),
}
_FIELD_OF = {alias: f for f, aliases in _ALIASES.items() for alias in aliases}
_TEXT_FIELDS = ("id", "name", "theme", "status", "organisation", "url", "description")
@dataclass
class ValidationReport:
    """Result of :func:`validate_file`.

    Attributes
    ----------
    path
        The file checked.
    projects
        The valid projects, EPSG:4326, columns :data:`PROJECT_FIELDS` + geometry.
    problems
        Every error and note, in feature order (file-level ones first).
    readable
        False when the file could not be read at all (missing, not JSON, ...).
    n_features
        Number of features (rows) found in the file.
    """

    path: Path
    projects: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    n_features: int = 0

    @property
    def errors(self) -> list[Problem]:
        """The problems that refuse the file."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def notes(self) -> list[Problem]:
        """Accepted, but worth a look (outside the MRA, Z dropped, repaired, ...)."""
        return [p for p in self.problems if p.severity == "note"]

    @property
    def ok(self) -> bool:
        """True when the file can be used as it is (notes allowed)."""
        return self.readable and not self.errors

    @property
    def exit_code(self) -> int:
        """0 fine, 1 problems, 2 could not read."""
        return 2 if not self.readable else (1 if self.errors else 0)

    def to_text(self, notes: bool = True) -> str:
        """A readable report, one problem per line."""
        if not self.readable:  # one line: the file and why it could not be read
            return " ".join(f"{self.path}: {p.message}" + (f" Fix: {p.hint}" if p.hint
                                                           else "") for p in self.problems)
        if self.errors:
            head = (f"{self.path}: {len(self.errors)} problem(s) in {self.n_features} "
                    f"feature(s); nothing from this file can be used until they are fixed.")
        else:
            head = f"{self.path}: OK, {len(self.projects)} project(s)."
        shown = self.problems if notes else self.errors
        return "\n".join([head, *(f"  {p.to_text()}" for p in shown)])

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary (what ``validate --format json`` prints)."""
        return {"path": str(self.path), "ok": self.ok, "readable": self.readable,
                "exit_code": self.exit_code, "n_features": self.n_features,
                "n_valid": len(self.projects), "n_errors": len(self.errors),
                "n_notes": len(self.notes),
                "problems": [p.to_dict() for p in self.problems]}

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _empty_projects() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({f: pd.Series(dtype=object) for f in PROJECT_FIELDS},
                            geometry=gpd.GeoSeries([], crs=SETTINGS.crs_wgs84),
                            crs=SETTINGS.crs_wgs84)


# ------------------------------------------------------------------------ amounts
_NL_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^(\d+)([.,])(\d+)$")
_SCI = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")


def parse_amount(value: Any) -> tuple[float | None, str | None]:
    """Read an amount in euro; return ``(amount, None)`` or ``(None, why_not)``.

    Numbers are taken as they are; text in Dutch or English notation is
    converted only when it can mean one thing: ``"1.250.000"`` and
    ``"€ 2.000.000"`` are 1,250,000 and 2,000,000; ``"1,25"`` is 1.25;
    ``"1.250"`` and ``"1,250"`` are ambiguous (1250 or 1.25) and refused.
    Missing values (None, empty text) give ``(None, None)``.

    Examples
    --------
    >>> parse_amount("1.250.000"), parse_amount("1,25")[0], parse_amount("1.250")[0]
    ((1250000.0, None), 1.25, None)
    """
    if value is None:
        return None, None
    if isinstance(value, bool | np.bool_):
        return None, "is true/false, not an amount. Give the amount in euro as a number."
    if isinstance(value, int | np.integer):
        amount = float(value) if abs(int(value)) < 10**300 else math.inf
    elif isinstance(value, float | np.floating):
        amount = float(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0\u202f']|€|(?i:eur(o)?)", "", value).strip()
        if text == "":
            if value.strip() == "":
                return None, None
            return None, "holds no digits. Give the amount in euro as a number."
        if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            return None, "is not a finite number. Give the amount in euro, or leave it empty."
        sign = -1.0 if text.startswith("-") else 1.0
        body = text.lstrip("+-")
        if _PLAIN.match(body):
            amount = float(body)
        elif _SCI.match(body):
            amount = float(body)
        elif (m := _DECIMAL.match(body)) and (len(m.group(3)) != 3 or m.group(1) == "0"):
            amount = float(f"{m.group(1)}.{m.group(3)}")
        elif _DECIMAL.match(body):
            alt = float(body.replace(",", "").replace(".", ""))
            dec = float(body.replace(",", "."))
            return None, (f"is ambiguous: it reads as {alt:,.0f} with '{body[-4]}' as "
                          f"thousands separator, or as {dec:g} with it as decimal mark. "
                          f"Write the amount without separators, e.g. {alt:.0f}.")
        elif _NL_THOUSANDS.match(body):
            amount = float(body.replace(".", "").replace(",", "."))
        elif _EN_THOUSANDS.match(body):
            amount = float(body.replace(",", ""))
        else:
            return None, ("could not be read as an amount. Write the amount in euro as "
                          "a plain number, e.g. 1250000 (Dutch '1.250.000' and "
                          "'€ 1.250.000,50' are accepted too).")
        amount *= sign
    else:
        return None, "is not a number. Give the amount in euro as a number."
    if not math.isfinite(amount):
        return None, ("is not a finite number (NaN or infinite). Give the amount in "
                      "euro, or leave it empty.")
    if amount < 0:
        return None, "is negative. Amounts are investments in euro, 0 or more."
    if amount > MAX_AMOUNT_EUR:
        return None, (f"is more than {MAX_AMOUNT_EUR:,.0f} euro (one trillion), far "
                      "above the whole investment agenda; probably extra digits or "
                      "cents instead of euros. Give the amount in whole euros.")
    return amount, None


# ------------------------------------------------------------------------ checks
def _parse_year(year: Any) -> tuple[int | None, bool]:
    """A start year: ``(year, True)``, ``(None, True)`` when empty, ``(None, False)`` if bad."""
    if year is None or (isinstance(year, str) and not year.strip()):
        return None, True
    y: float | None = None
    if isinstance(year, int | float | np.integer | np.floating) and \
            not isinstance(year, bool):
        y = float(year)
    elif isinstance(year, str) and re.fullmatch(r"\s*\d{1,6}\s*", year):
        y = float(year)
    if y is None or not math.isfinite(y) or not y.is_integer() or \
            not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
        return None, False
    return int(y), True


# http(s)://, then a plain ASCII host: such a URL passes urlparse's test below, fast
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#][^\t\r\n]*)?")


def _url_ok(url: str) -> bool:
    """True for a web address with scheme http or https and a host (``url`` stripped)."""
    if _PLAIN_URL.fullmatch(url):
        return True
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _to_text(value: Any, fname: str, n: int, problems: list[Problem],
             ident: dict[str, Any]) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        problems.append(Problem("must be text, not a list or object.",
                                "Give plain text.", feature=n, field=fname, value=value,
                                **ident))
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(Problem("contains an invalid character (an unpaired UTF-16 "
                                "surrogate) that cannot be stored as UTF-8.",
                                "Retype the text or remove the broken character.",
                                feature=n, field=fname, value=value, **ident))
        return None
    return text


def _check_properties(n: int, raw: dict[str, Any], tabular: bool,
                      problems: list[Problem]) -> dict[str, Any] | None:
    """Check one feature's properties; return the schema row or None when refused."""
    before = len(problems)
    vals: dict[str, Any] = {}
    for key, value in raw.items():
        f = _FIELD_OF.get(str(key).strip().lower())
        if f and f not in vals:
            if tabular and isinstance(value, float) and math.isnan(value):
                value = None
            vals[f] = value
    ident_id = vals.get("id")
    ident_name = vals.get("name")
    ident = {"id": str(ident_id) if ident_id is not None else None,
             "name": ident_name if isinstance(ident_name, str) else None}
    row: dict[str, Any] = {}
    # id
    vid = vals.get("id")
    if isinstance(vid, float) and vid.is_integer():
        vid = int(vid)
    row["id"] = _to_text(vid, "id", n, problems, ident)
    if isinstance(row["id"], str):
        row["id"] = row["id"].strip() or None
    # name (kept exactly as given)
    name = _to_text(vals.get("name"), "name", n, problems, ident)
    if name is None or not name.strip():
        if "name" not in [p.field for p in problems[before:]]:
            problems.append(Problem("is missing or empty; every project needs a name.",
                                    "Add a 'name' property.", feature=n, field="name",
                                    value=vals.get("name"), **ident))
    row["name"] = name
    # theme
    theme = vals.get("theme")
    code = normalise_theme(theme)
    if code is None:
        msg = ("is missing; every project needs a theme." if theme in (None, "")
               else "Unknown theme.")
        problems.append(Problem(msg, f"Use one of: {', '.join(THEME_CODES)} (Dutch or "
                                "English names such as 'Waterstof' or 'AI' work too).",
                                feature=n, field="theme", value=theme, **ident))
    row["theme"] = code
    # amount
    amount, why = parse_amount(vals.get("amount_eur"))
    if why:
        problems.append(Problem(f"the amount {why}", "", feature=n, field="amount_eur",
                                value=vals.get("amount_eur"), **ident))
    row["amount_eur"] = amount
    # start_year
    year, year_ok = _parse_year(vals.get("start_year"))
    if not year_ok:
        problems.append(Problem(
            f"start year must be a whole year between {YEAR_RANGE[0]} and "
            f"{YEAR_RANGE[1]}.", "Give a year like 2026, or leave it empty.",
            feature=n, field="start_year", value=vals.get("start_year"), **ident))
    row["start_year"] = year
    # url
    url = _to_text(vals.get("url"), "url", n, problems, ident)
    if url is not None and url.strip():
        if not _url_ok(url.strip()):
            problems.append(Problem("is not a web address starting with http:// or "
                                    "https://.", "Give the full address, e.g. "
                                    "https://www.example.nl/project, or leave it empty.",
                                    feature=n, field="url", value=url, **ident))
        url = url.strip()
    else:
        url = None
    row["url"] = url
    for f in ("status", "organisation", "description"):
        row[f] = _to_text(vals.get(f), f, n, problems, ident)
    sample = vals.get("sample")
    row["sample"] = bool(sample) if isinstance(sample, bool | np.bool_) else False
    return row if len([p for p in problems[before:] if p.severity == "error"]) == 0 \
        else None


@cache
def _mra_union() -> shapely.Geometry:
    from layers.boundaries import load_municipalities

    union = shapely.union_all(load_municipalities().geometry.make_valid().array)
    shapely.prepare(union)
    return union


def _fix_invalid(geom: shapely.Geometry) -> shapely.Geometry:
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection":  # keep the parts of highest dimension
        parts = shapely.get_parts(fixed)
        dims = shapely.get_dimensions(parts)
        fixed = shapely.union_all(parts[dims == dims.max()])
    return fixed


def _check_geometries(raw: _Raw, problems: list[Problem]) -> np.ndarray:
    """Vectorised geometry checks; returns geometries in EPSG:4326 (None when refused)."""
    geoms = np.array(raw.geoms, dtype=object)
    n = len(geoms)
    present = np.array([g is not None for g in geoms], dtype=bool)
    out = np.full(n, None, dtype=object)
    if not present.any():
        return out
    g = geoms.copy()
    g[~present] = None
    g = g.astype(object)

    def report(mask: np.ndarray, message: str, hint: str, field: str = "geometry",
               severity: str = "error", values: np.ndarray | None = None) -> None:
        for i in np.flatnonzero(mask):
            problems.append(Problem(message, hint, feature=int(i) + 1, field=field,
                                    value=None if values is None else values[i],
                                    severity=severity))

    ok = present.copy()
    kinds = np.array(shapely.get_type_id(g))
    gc = ok & (kinds == 7)
    report(gc, "is a GeometryCollection; a project needs one point, line or polygon.",
           "Split it into separate features, or keep only the point of the project.")
    ok &= ~gc
    empty = ok & shapely.is_empty(g)
    report(empty, "has an empty geometry, so it cannot be placed on the map.",
           "Give the project a location.")
    ok &= ~empty
    coords, idx = shapely.get_coordinates(np.where(ok, g, None), include_z=True,
                                          return_index=True)
    finite = np.isfinite(coords[:, :2]).all(axis=1) if len(coords) else np.ones(0, bool)
    nonfinite = np.zeros(n, bool)
    nonfinite[idx[~finite]] = True
    nonfinite &= ok
    report(nonfinite, "coordinates are not finite numbers (NaN or Infinity); the "
           "location is unknown.", "Give the project real coordinates.")
    ok &= ~nonfinite
    has_z = ok & shapely.has_z(g)
    report(has_z, "has 3D coordinates; the height (Z) was dropped.", "", severity="note")
    g = np.where(has_z, shapely.force_2d(g), g)
    invalid = ok & ~shapely.is_valid(np.where(ok, g, None))
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(g[i])
        g[i] = _fix_invalid(g[i])
        problems.append(Problem(f"the shape was invalid ({reason}) and was repaired with "
                                "make_valid; check it on the map.", _FIX_GEOM,
                                feature=int(i) + 1, field="geometry", severity="note"))
    bounds = shapely.bounds(np.where(ok, g, None))
    minx, miny, maxx, maxy = bounds.T
    with np.errstate(invalid="ignore"):
        lonlat = ok & (minx >= -180) & (maxx <= 180) & (miny >= -90) & (maxy <= 90)
        rd_like = ok & (minx >= 0) & (maxx <= 300_000) & (miny >= 300_000) & \
            (maxy <= 625_000)
        swapped = ok & (minx >= 50) & (maxx <= 54) & (miny >= 2.5) & (maxy <= 8)
    first = [shapely.get_coordinates(x)[0].tolist() if x is not None else None
             for x in np.where(ok, g, None)]
    if _is_wgs84(raw.crs):
        report(rd_like, "coordinates look like RD New metres (EPSG:28992), but the file "
               "does not say so; without a CRS, coordinates are read as lon/lat degrees.",
               "Export again as WGS84 (EPSG:4326), or run again with --crs EPSG:28992 "
               "(or add the crs member \"urn:ogc:def:crs:EPSG::28992\").", values=first)
        report(swapped, "latitude and longitude seem swapped (about 52 as x and 5 as y).",
               "Write coordinates as [lon, lat], e.g. [4.89, 52.37] for Amsterdam.",
               values=first)
        wrong = ok & ~lonlat & ~rd_like
        report(wrong, "coordinates are outside the valid lon/lat range (-180..180, "
               "-90..90).", "Give WGS84 lon/lat degrees, e.g. [4.89, 52.37].",
               values=first)
        ok &= lonlat & ~swapped
        out[ok] = g[ok]
        return out
    crs_name = raw.crs.to_string() if raw.crs is not None else "?"
    looks_degrees = ok & lonlat & raw.crs.is_projected if raw.crs is not None else ok & False
    report(looks_degrees, f"{raw.crs_from} {crs_name} (metres), but the coordinates "
           "look like lon/lat degrees.", "Leave out --crs for lon/lat files, remove the "
           "crs member or fix the layer CRS, or export again with the right CRS.",
           values=first)
    ok &= ~looks_degrees
    if ok.any():
        moved = gpd.GeoSeries(g[ok], crs=raw.crs).to_crs(SETTINGS.crs_wgs84).array
        moved_arr = np.asarray(moved, dtype=object)
        b = shapely.bounds(moved_arr)
        finite_ok = np.isfinite(b).all(axis=1) & (b[:, 0] >= -180) & (b[:, 2] <= 180)
        idx_ok = np.flatnonzero(ok)
        report(np.isin(np.arange(n), idx_ok[~finite_ok]),
               f"could not be converted from {crs_name} to lon/lat.",
               "Check the CRS of the file.", values=first)
        out[idx_ok[finite_ok]] = moved_arr[finite_ok]
    return out


def _given_id(props: dict[str, Any] | None) -> str | None:
    for key, value in (props or {}).items():
        if _FIELD_OF.get(str(key).strip().lower()) == "id" and value is not None:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value).strip() or None
            return None
    return None


def _derived_id(theme: str, name: str, geom: shapely.Geometry) -> str:
    pt = geom if geom.geom_type == "Point" else geom.representative_point()
    return _derived_id_xy(theme, name, pt.x, pt.y)


def _derived_id_xy(theme: str, name: str, x: float, y: float) -> str:
    key = f"{theme}|{name.strip()}|{round(x, 5):.5f}|{round(y, 5):.5f}"
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _derived_id_note(feature: int, pid: str, name: str) -> Problem:
    return Problem(f"has no id; it was given the id {pid!r}, derived from its theme, "
                   "name and location.", "Add an 'id' property to choose your own.",
                   feature=feature, name=name, field="id", severity="note")


def _likely_duplicates(gdf: gpd.GeoDataFrame) -> list[tuple[int, int, float]]:
    """Pairs (row i, row j, metres) with the same name within the duplicate distance.

    Distances are measured in RD New (EPSG:28992) between representative points,
    with an STRtree query (vectorised).
    """
    if len(gdf) < 2:
        return []
    names = gdf["name"].str.strip().to_numpy(dtype=object)
    key = np.fromiter(map(str.casefold, names), dtype=object, count=len(names))
    if len(set(key)) == len(key):
        return []
    rows = np.flatnonzero(pd.Series(key, dtype=object).duplicated(keep=False).to_numpy())
    if len(rows) < 2:  # only names that occur more than once can pair up
        return []
    key = key[rows]
    rep = np.asarray(gdf.geometry.iloc[rows].to_crs(SETTINGS.crs_metric)
                     .representative_point().array, dtype=object)
    tree = shapely.STRtree(rep)
    a, b = tree.query(rep, predicate="dwithin", distance=SETTINGS.duplicate_distance_m)
    keep = (a < b) & (key[a] == key[b])
    a, b = a[keep], b[keep]
    dist = shapely.distance(rep[a], rep[b])
    a, b = rows[a], rows[b]
    order = np.lexsort((a, b))
    return [(int(a[k]), int(b[k]), float(dist[k])) for k in order]


def _check(path: Path, raw: _Raw, region_union: shapely.Geometry | None) -> ValidationReport:
    problems = list(raw.problems)
    n = len(raw.props)
    geoms = _check_geometries(raw, problems)
    rows: list[dict[str, Any] | None] = []
    unknown_cols: set[str] = set()
    for i, p in enumerate(raw.props):
        if p is None:
            rows.append(None)
            continue
        unknown_cols |= {str(k) for k in p if str(k).strip().lower() not in _FIELD_OF}
        rows.append(_check_properties(i + 1, p, raw.tabular, problems))
    if unknown_cols:
        problems.append(_unknown_columns_note(unknown_cols))
    # ids: unique within the file (checked on every feature), else derived from content
    seen: dict[str, int] = {}
    for i, props in enumerate(raw.props):
        given = _given_id(props)
        if given is None:
            continue
        if given in seen:
            problems.append(Problem(f"has the same id as feature {seen[given]}; ids "
                                    "must be unique within a file.",
                                    "Give each project its own id.", feature=i + 1,
                                    id=given, field="id", value=given))
            rows[i] = None
        else:
            seen[given] = i + 1
    for i, row in enumerate(rows):
        if row is None or geoms[i] is None:
            continue
        if row["id"] is None:
            row["id"] = _derived_id(row["theme"], row["name"], geoms[i])
            problems.append(_derived_id_note(i + 1, row["id"], row["name"]))
            if row["id"] in seen:
                problems.append(Problem(f"has the same content as feature "
                                        f"{seen[row['id']]} (same theme, name and place).",
                                        "Remove the copy, or give both an id.",
                                        feature=i + 1, name=row["name"], field="id"))
                rows[i] = None
            else:
                seen[row["id"]] = i + 1
    # name the feature in geometry problems too
    for k, p in enumerate(problems):
        if p.feature is not None and p.id is None and p.name is None and \
                p.feature - 1 < n and raw.props[p.feature - 1]:
            r = rows[p.feature - 1] or {}
            props = raw.props[p.feature - 1] or {}
            pid = r.get("id") or props.get("id")
            pname = r.get("name") or props.get("name")
            problems[k] = Problem(**{**p.__dict__,
                                     "id": str(pid) if pid is not None else None,
                                     "name": pname if isinstance(pname, str) else None})
    keep = [i for i in range(n) if rows[i] is not None and geoms[i] is not None]
    if keep:
        data = {f: [rows[i][f] for i in keep] for f in PROJECT_FIELDS}  # type: ignore[index]
        gdf = _projects_frame(data, list(geoms[keep]), [i + 1 for i in keep])
        _place_notes(gdf, region_union, problems)
    else:
        gdf = _empty_projects()
    return _report(path, gdf, problems, n)


def _unknown_columns_note(columns: set[str]) -> Problem:
    return Problem(f"column(s) not in the project schema were ignored: "
                   f"{', '.join(sorted(columns))}.",
                   f"Known fields: {', '.join(PROJECT_FIELDS)}.", severity="note")


@cache
def _text_dtype() -> Any:
    """The dtype pandas infers for a list of text (``str``, Arrow-backed in pandas 3)."""
    return pd.Series(["text"]).dtype


def _text_array(values: list[Any]) -> Any:
    """What pandas makes of a list of text and None, built through Arrow (faster)."""
    dtype = _text_dtype()
    if getattr(dtype, "storage", None) != "pyarrow" or values.count(None) == len(values):
        return values  # all None stays an object column, as pandas infers it
    try:
        return pd.array(pa.array(values, type=pa.large_string()), dtype=dtype)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: let pandas infer
        return values


def _projects_frame(data: dict[str, Any], geometry: Any,
                    features: Any) -> gpd.GeoDataFrame:
    """The valid projects as a GeoDataFrame indexed by feature number."""
    data = {f: _text_array(v) if f in _TEXT_FIELDS and isinstance(v, list) else v
            for f, v in data.items()}
    gdf = gpd.GeoDataFrame(data, geometry=geometry, crs=SETTINGS.crs_wgs84)
    gdf["amount_eur"] = pd.to_numeric(gdf["amount_eur"]).astype(float)
    gdf["start_year"] = gdf["start_year"].astype("Int64")
    gdf.index = pd.Index(features, name="feature")
    return gdf


def _place_notes(gdf: gpd.GeoDataFrame, region_union: shapely.Geometry | None,
                 problems: list[Problem]) -> None:
    """Notes on projects outside the region and on likely duplicates."""
    union = region_union if region_union is not None else _mra_union()
    inside = shapely.intersects(union, gdf.geometry.array)
    for feat, row, pt in zip(gdf.index[~inside], gdf.loc[~inside].itertuples(),
                             gdf.geometry[~inside].representative_point(), strict=True):
        problems.append(Problem(
            f"lies outside the MRA (at lon {pt.x:.5f}, lat {pt.y:.5f}); it is kept "
            "and listed, but not counted in any subregion.",
            "Check the coordinates if the project should be inside the MRA.",
            feature=int(feat), id=row.id, name=row.name, field="geometry",
            severity="note"))
    for a, b, dist in _likely_duplicates(gdf):
        fa, fb = int(gdf.index[a]), int(gdf.index[b])
        problems.append(Problem(
            f"has the same name as feature {fa} and lies {dist:.0f} m from it; "
            "probably the same project twice.",
            "Remove one of them if they are the same project.", feature=fb,
            id=gdf["id"].iloc[b], name=gdf["name"].iloc[b], field="name",
            severity="note"))


def _report(path: Path, gdf: gpd.GeoDataFrame, problems: list[Problem],
            n: int) -> ValidationReport:
    problems.sort(key=lambda p: (p.feature or 0))
    projects = gdf.reset_index(drop=True)
    report = ValidationReport(path, projects, problems, True, n)
    if not report.ok:
        report.projects = projects.iloc[0:0]
    return report


# ------------------------------------------------------------- fast path (columns)
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


def _fast_theme(value: Any) -> str:
    code = normalise_theme(value)
    if code is None:
        raise _Decline
    return code


def _fast_year(value: Any) -> int | None:
    year, ok = _parse_year(value)
    if not ok:
        raise _Decline
    return year


def _fast_amount(value: Any) -> float:
    amount, why = parse_amount(value)
    if why is not None:
        raise _Decline
    return math.nan if amount is None else amount


def _fast_url(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _Decline
    if value is None or not value.strip():
        return None
    if not _url_ok(value.strip()):
        raise _Decline
    return value.strip()


def _fast_amounts(col: Any) -> np.ndarray:
    if _types(col) <= {int, float, _NONE}:
        arr = np.array(col, dtype=float)  # None -> NaN
        nan = np.isnan(arr)
        if int(nan.sum()) != col.count(None):  # a NaN in the file itself
            raise _Decline
        given = arr[~nan]
        if not (np.isfinite(given).all() and (given >= 0).all() and
                (given <= MAX_AMOUNT_EUR).all()):
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
    x, y = xy[:, 0], xy[:, 1]
    lonlat = (x >= -180) & (x <= 180) & (y >= -90) & (y <= 90)  # False for NaN
    swapped = (x >= 50) & (x <= 54) & (y >= 2.5) & (y <= 8)
    if not lonlat.all() or swapped.any():
        raise _Decline
    props = list(map(itemgetter("properties"), feats))
    if _types(props) != {dict}:
        raise _Decline
    return xy, props


def _fast_check(path: Path, parsed: _Parsed,
                region_union: shapely.Geometry | None) -> ValidationReport | None:
    """Check a GeoJSON file of lon/lat points column by column; None to decline.

    The common case of a large file, every feature a Feature with a 2D Point and
    properties from the schema, is checked per column (each distinct theme,
    year, amount text or URL once) instead of per feature. Anything it does not
    handle, and anything wrong, makes it decline, so the per-feature checks of
    :func:`_check` report it; whenever it returns a report, that report is the
    one :func:`_check` would give.
    """
    if not parsed.features:
        return None
    try:
        return _fast_columns(path, parsed, region_union)
    except _Decline:
        return None
    except Exception as exc:  # a shape not foreseen (TypeError, KeyError, ...): decline
        log.debug("fast path declined %s: %r", path, exc)
        return None


def _fast_properties(props: list[Any], feats: list[Any]) -> tuple[dict[str, Any], set[str]]:
    """Each schema field as a column (None where absent); and every property name."""
    n = len(props)
    keys: set[str] = set().union(*props)
    fields: dict[str, str] = {}
    for k in keys:
        f = _FIELD_OF.get(k.strip().lower())
        if f is not None:
            if f in fields:  # two names for one field: which one wins varies
                raise _Decline
            fields[f] = k
    used = [f for f in PROJECT_FIELDS if f in fields]
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
    return cols, keys


def _fast_columns(path: Path, parsed: _Parsed,
                  region_union: shapely.Geometry | None) -> ValidationReport:
    if not _is_wgs84(parsed.crs):
        raise _Decline
    feats = parsed.features
    n = len(feats)
    xy, props = _fast_points(feats)
    cols, keys = _fast_properties(props, feats)
    surrogates = parsed.surrogates
    idcol = cols["id"]
    if not _types(idcol) <= {str, int, _NONE}:
        raise _Decline
    if surrogates:
        _utf8_ok(idcol)
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
    if surrogates:
        _utf8_ok(names)
    # each distinct value once: the checks decline non-text themes and URLs, and a
    # start year's check gives the same for equal values (2026 and 2026.0)
    codes = _per_distinct(cols["theme"], _fast_theme)
    urls = _per_distinct(cols["url"], _fast_url)
    if surrogates:
        _utf8_ok(cols["url"])
    data = {"id": ids, "name": list(names), "theme": codes,
            "amount_eur": _fast_amounts(cols["amount_eur"]),
            "status": list(_fast_text(cols["status"], surrogates)),
            "start_year": _per_distinct(cols["start_year"], _fast_year),
            "organisation": list(_fast_text(cols["organisation"], surrogates)),
            "url": urls,
            "description": list(_fast_text(cols["description"], surrogates)),
            "sample": [v is True for v in cols["sample"]]}
    problems = list(parsed.problems)
    unknown = {k for k in keys if k.strip().lower() not in _FIELD_OF}
    if unknown:
        problems.append(_unknown_columns_note(unknown))
    if len(given) < n:  # ids derived from theme, name and place, as _check does
        seen = set(given)
        for i in [i for i, v in enumerate(ids) if v is None]:
            pid = _derived_id_xy(codes[i], names[i], float(xy[i, 0]), float(xy[i, 1]))
            if pid in seen:
                raise _Decline
            seen.add(pid)
            ids[i] = pid
            problems.append(_derived_id_note(i + 1, pid, names[i]))
    gdf = _projects_frame(data, shapely.points(xy), pd.RangeIndex(1, n + 1))
    _place_notes(gdf, region_union, problems)
    return _report(path, gdf, problems, n)


def _read_and_check(p: Path, crs_opt: Any,
                    region_union: shapely.Geometry | None) -> ValidationReport:
    suffix = p.suffix.lower()
    if suffix in (".gpkg", ".shp", ".fgb", ".gml", ".kml", ".csv", ".txt", ".tsv"):
        with stage("read"):
            tabular = suffix in (".csv", ".txt", ".tsv")
            raw = _read_csv(p, crs_opt) if tabular else _read_ogr(p, crs_opt)
    else:
        with stage("read"):
            parsed = _parse_geojson(p, crs_opt)
        with stage("validate"):
            report = _fast_check(p, parsed, region_union)
        if report is not None:
            return report
        with stage("read"):
            raw = _geojson_features(parsed)
        del parsed
    with stage("validate"):
        return _check(p, raw, region_union)


def validate_file(path: str | Path, crs: str | None = None,
                  region_union: shapely.Geometry | None = None) -> ValidationReport:
    """Read and check one project file; never raises for a bad file.

    Parameters
    ----------
    path
        GeoJSON (``.geojson``/``.json``, FeatureCollection, Feature or
        newline-delimited ``.geojsonl``/``.ndjson``), GeoPackage (``.gpkg``),
        Shapefile (``.shp``) or CSV (``.csv``, columns ``lon``/``lat`` or
        ``x``/``y``).
    crs
        CRS of the coordinates when the file does not say (e.g. ``"EPSG:28992"``
        for RD New); a CRS declared in the file wins.
    region_union
        Area outside which projects are flagged; default the 30 MRA municipalities.

    Returns
    -------
    ValidationReport
        The valid projects (only when the whole file is fine) and every problem.
    """
    p = Path(path)

    def fail(message: str, hint: str = "") -> ValidationReport:
        return ValidationReport(p, _empty_projects(), [Problem(message, hint)],
                                readable=False)

    try:
        crs_opt = _parse_crs(crs, "--crs") if crs else None
        if not p.exists():
            return fail("file not found.",
                        "Check the path and the file name (and the current directory).")
        if p.is_dir():
            return fail("is a directory, not a file.", "Give the path of the project "
                        "file itself, e.g. projects/mijn_projecten.geojson.")
        if p.stat().st_size == 0:
            return fail("is empty (0 bytes).", "The export or download probably failed; "
                        "export the projects again.")
        with _gc_paused():  # millions of new containers; see _gc_paused
            return _read_and_check(p, crs_opt, region_union)
    except _Unreadable as exc:
        return fail(exc.message, exc.hint)
    except PermissionError:
        return fail("cannot be opened: permission denied.",
                    "Check that you may read the file (or copy it somewhere you can).")
    except OSError as exc:
        return fail(f"cannot be read ({exc.strerror or exc}).",
                    "Check the path, or copy the file to a local folder.")
    except RecursionError:
        return fail("is nested too deeply to be a project file.",
                    "Export the projects again as GeoJSON from QGIS or geojson.io.")
    except Exception as exc:  # no traceback for any input file, but never hidden
        log.debug("unexpected error while validating %s", p, exc_info=True)
        return fail(f"could not be checked because of an unexpected error "
                    f"({type(exc).__name__}: {exc}).",
                    "This is a bug in transitiekaart; please report it together with "
                    "the file. Meanwhile, re-export the file as GeoJSON and try again.")
