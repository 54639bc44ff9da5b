"""Where a project is: its geometry, or a municipality, subregion or the whole MRA.

A project without coordinates is placed by a ``gemeente``/``municipality``
column (a name in any case or spelling, or a CBS code such as ``GM1942``), or
made area-wide by a subregion name or ``MRA``/``MRA-breed``/``regio`` in that
column or in a ``deelregio``/``subregion``/``scope`` column. An address
without coordinates gets a message (there is no geocoding: no network).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.combine import largest_overlap
from geo.validate.report import DeferredNotes, Problem
from layers.lang import format_number, get_lang
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["AREA_WIDE_WORDS", "area_of", "likely_register_duplicates", "named_municipality",
           "place_notes", "place_text", "resolve_place"]

AREA_WIDE_WORDS = ("mra", "mra breed", "mrabreed", "mra wide", "regio", "regiobreed",
                   "regio breed", "region", "region wide", "regionwide", "hele mra",
                   "heel de mra", "de hele mra", "hele regio", "metropoolregio amsterdam",
                   "metropool amsterdam", "metropoolregio", "alle gemeenten",
                   "all municipalities", "whole region")
"""Texts (normalised) that make a project MRA-wide."""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^(gemeente|gem\.|municipality of|deelregio|regio|subregion)\s+", "",
                  text.strip()) if len(text.split()) > 1 else text
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@cache
def _areas() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Lookup tables: name/code -> CBS code; code -> name; subregion names; code -> subregion."""
    from layers.boundaries import SUBREGIONS, load_municipalities

    mun = load_municipalities()
    by_key: dict[str, str] = {}
    names: dict[str, str] = {}
    sub_of: dict[str, str] = {}
    for code, name, sub in zip(mun["code"], mun["name"], mun["subregion"], strict=True):
        by_key[_norm(name)] = code
        by_key[_norm(code)] = code
        by_key[_norm(code[2:]).lstrip("0")] = code  # "1942"
        names[code] = name
        sub_of[code] = sub
    subs = {_norm(s): s for s in SUBREGIONS}
    return by_key, names, subs, sub_of


@cache
def _former() -> dict[str, tuple[str, Any]]:
    """Former municipalities (name, CBS code) -> (current CBS code, the merger)."""
    from layers.mergers import former_municipalities

    by_key = _areas()[0]
    out: dict[str, tuple[str, Any]] = {}
    for m in former_municipalities():
        code = by_key.get(_norm(m.municipality))
        if code is None:  # boundaries without that municipality (--municipalities)
            continue
        for key in (_norm(m.former_name), _norm(m.former_code) if m.former_code else "",
                    _norm(m.former_code[2:]).lstrip("0") if m.former_code else ""):
            if key and key not in by_key:
                out[key] = (code, m)
    return out


def former_of(value: str | None) -> Any:
    """The merger (:class:`layers.mergers.Merger`) when ``value`` names a former
    municipality ("Weesp", "GM0457"); else None."""
    if not value:
        return None
    found = _former().get(_norm(value))
    return found[1] if found is not None else None


def place_text(place: Any, area: Any) -> str:
    """Where a project without its own geometry is, in the run's language; "" for a point.

    ``("municipality", "GM0479")`` -> ``"gemeente Zaanstad"``; ``("subregion",
    "IJmond")`` -> ``"regiobreed: IJmond"``; ``("mra", "MRA")`` -> ``"MRA-breed"``.
    """
    if not isinstance(place, str) or place == "point":
        return ""
    return _place_text(place, area if isinstance(area, str) else "", get_lang())


@lru_cache(maxsize=1024)
def _place_text(place: str, area: str, lang: str) -> str:
    """:func:`place_text`, cached: a register lists every project's place, of a few areas."""
    if place == "municipality":
        return msg("places.place_municipality", name=_areas()[1].get(area, area), lang=lang)
    if place == "subregion":
        return msg("places.place_subregion", area=area, lang=lang)
    if place == "mra":
        return msg("places.place_mra", lang=lang)
    return f"{place}: {area}" if area else place


def municipality_name(code: str) -> str:
    """The name of an MRA municipality's CBS code (``"GM0479"`` -> ``"Zaanstad"``); the code
    itself when it is not one of the 30."""
    return _areas()[1].get(code, code)


def municipality_names() -> list[str]:
    """The 30 MRA municipalities' names, sorted."""
    return sorted(_areas()[1].values())


def _unknown_area(text: str) -> str:
    """The message for a place that is no MRA area, with "did you mean" for a near name."""
    _, names, subs, _ = _areas()
    options = {**{_norm(n): n for n in names.values()}, **{k: v for k, v in subs.items()}}
    near = [f"'{options[k]}'" for k in
            difflib.get_close_matches(_norm(text), list(options), n=2, cutoff=0.7)]
    if len(near) == 2:
        return msg("places.unknown_area_guess_two", guess=near[0], other=near[1])
    if near:
        return msg("places.unknown_area_guess", guess=near[0])
    return msg("places.unknown_area")


def _area_of(value: str, subregion_first: bool = False) -> tuple[str, str] | None:
    """``("municipality", code)``, ``("subregion", name)``, ``("mra", "MRA")`` or None.

    ``subregion_first``: a name that is both (Amsterdam) is read as the subregion,
    as a ``deelregio`` column means it.
    """
    by_key, _, subs, _ = _areas()
    whole = re.sub(r"[^a-z0-9]+", " ", unicodedata.normalize("NFKD", value).encode(
        "ascii", "ignore").decode().lower()).strip()
    if whole in AREA_WIDE_WORDS or whole.replace(" ", "") in AREA_WIDE_WORDS:
        return "mra", "MRA"
    key = _norm(value)
    if subregion_first and key in subs:
        return "subregion", subs[key]
    if key in by_key:
        return "municipality", by_key[key]
    if key in subs:
        return "subregion", subs[key]
    if key in _former():  # "Weesp": Amsterdam since 2022 (resolve_place notes it)
        return "municipality", _former()[key][0]
    if key in AREA_WIDE_WORDS or key.replace(" ", "") in AREA_WIDE_WORDS:
        return "mra", "MRA"
    return None


def area_of(value: str) -> tuple[str, str] | None:
    """``("municipality", code)``, ``("subregion", name)`` or ``("mra", "MRA")`` for a text
    naming an MRA area (any case or spelling, a CBS code, ``MRA-breed``); else None."""
    return _area_of(value)


def named_municipality(value: str | None) -> str | None:
    """The CBS code of the MRA municipality a place column names; else None."""
    found = _area_of(value) if value else None
    return found[1] if found is not None and found[0] == "municipality" else None


def resolve_place(row: dict[str, Any], n: int, has_geometry: bool,
                  problems: list[Problem], ident: dict[str, Any]) -> bool:
    """Set ``row["place"]``/``row["place_area"]``; False (with an error) when it has no place.

    ``has_geometry``: the feature has its own valid geometry (then it is a
    ``"point"`` project whatever the place columns say, with a note when a
    scope column calls it area-wide).
    """
    mun, scope, address = row.pop("municipality"), row.pop("subregion"), row.pop("address")
    place, place_area = row.get("place"), row.get("place_area")
    if place is not None and place not in ("point", "municipality", "subregion", "mra"):
        mun = mun or place  # an English "place" column naming the town
    if has_geometry:
        row["place"], row["place_area"] = "point", None
        row["named_municipality"] = named_municipality(mun)
        # the tool's own exports say "point" and name where the point lies (the page's
        # GeoJSON: its municipality and subregion): a description, not a scope to note
        if scope and place != "point" and (found := _area_of(scope, True)) and \
                found[0] != "municipality":
            problems.append(Problem(
                msg("places.scope_with_coordinates", scope=scope),
                msg("places.scope_with_coordinates_fix"),
                feature=n, field="subregion", value=scope, severity="note",
                code="scope_with_coordinates",
                summary=msg("trialfix.scope_with_coordinates_summary"), **ident))
        return True
    if place in ("municipality", "subregion", "mra") and place_area:  # the register's form
        found = _area_of(place_area)
        if found is not None and found[0] == place:
            row["place"], row["place_area"] = found
            return True
    wide = _area_of(scope, subregion_first=True) if scope else None
    at = _area_of(mun) if mun else None
    if wide is not None and wide[0] == "mra":
        row["place"], row["place_area"] = wide
    elif at is not None and at[0] == "municipality":
        row["place"], row["place_area"] = at
    elif at is not None:
        row["place"], row["place_area"] = at
    elif wide is not None:
        row["place"], row["place_area"] = wide
    elif address and (a := _area_of(address)) is not None:
        row["place"], row["place_area"] = a
    else:
        if mun or scope:
            given = mun or scope
            problems.append(Problem(
                _unknown_area(given),
                msg("places.unknown_area_fix"),
                feature=n, field="municipality" if mun else "subregion", value=given,
                code="unknown_area", **ident))
        elif address:
            problems.append(Problem(
                msg("places.address_only"),
                msg("places.address_only_fix"),
                feature=n, field="address", value=address, code="address_only", **ident))
        else:
            problems.append(no_location(n, ident))
        return False
    merged = former_of(mun) if mun and row["place"] == "municipality" else None
    if merged is not None:
        problems.append(merger_note(n, mun, merged, ident))
    if address and _area_of(address) is None:  # placed by its area; the address is not read
        where = place_text(row["place"], row["place_area"])
        problems.append(Problem(
            msg("places.address_unused", address=address, where=where),
            msg("places.address_unused_fix"),
            feature=n, field="address", value=address, severity="note", code="address_unused",
            summary=msg("places.address_unused_summary"),
            **ident))
    return True


def merger_note(n: int, given: str, merged: Any, ident: dict[str, Any]) -> Problem:
    """The note for a former municipality read as the one it merged into."""
    now, year = merged.municipality, merged.year
    return Problem(
        msg("places.former_municipality", given=given, year=year, now=now),
        msg("places.former_municipality_fix", now=now),
        feature=n, field="municipality", value=given, severity="note", code="former_municipality",
        summary=msg("places.former_municipality_summary"),
        **ident)


def no_location(n: int, ident: dict[str, Any] | None = None) -> Problem:
    """The one message, in every format, for a feature with neither geometry nor place."""
    return Problem(
        msg("places.no_location"),
        msg("places.no_location_fix"),
        feature=n, field="geometry", code="no_location", **(ident or {}))


@cache
def mra_union() -> shapely.Geometry:
    """The union of the 30 built-in MRA municipalities (EPSG:4326), prepared."""
    from layers.boundaries import load_municipalities

    union = shapely.union_all(load_municipalities().geometry.make_valid().array)
    shapely.prepare(union)
    return union


_DENSIFY_DEG = 0.02
"""The longest edge (degrees) of the municipalities' shapes in RD New (about 1.5-2 km)."""


@cache
def _municipality_shapes() -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The built-in municipalities: code -> position, prepared shapes (EPSG:4326),
    the shapes in EPSG:28992, and their names."""
    from layers.boundaries import load_municipalities

    mun = load_municipalities()
    shapes = np.asarray(mun.geometry.array, dtype=object)
    shapely.prepare(shapes)
    # an edge straight in lon/lat bows in RD New (10 km of coast: 2.8 m), so the shapes are
    # cut to short edges before they are projected: a point moved _INSIDE_M inside in metres
    # is then inside the lon/lat shape the map counts it in (0.1 m at most off)
    dense = gpd.GeoSeries(shapely.segmentize(mun.geometry.array, _DENSIFY_DEG), crs=mun.crs)
    metric = to_mm(np.asarray(dense.to_crs(SETTINGS.crs_metric).array, dtype=object))
    return ({c: k for k, c in enumerate(mun["code"])}, shapes, metric,
            mun["name"].to_numpy(dtype=object))


def to_mm(geoms: Any) -> Any:
    """Shapes in RD New with every coordinate rounded to the millimetre (``n / 1000`` for an
    integer ``n``, the double the page's check gets from the same integer), far below the
    boundaries' generalisation (~100 m), so the page can be given them as whole millimetres
    (mapbuilder/mappage/check_rules.py) and still measure exactly as validate does."""
    return shapely.transform(geoms, lambda xy: np.rint(xy * 1000.0) / 1000.0)


NEAR_BOUNDARY_M = 1000.0
"""A point this close to the municipality its row names may be off only by the
generalised boundaries (~100 m; a coast or harbour mouth more), so the note says so."""


def _named_places(points: np.ndarray, pts: np.ndarray, named: Any
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For points whose municipality column names an MRA municipality but that lie
    outside it: (rows, the named municipality, metres from it), by position.

    Each point is tested once, against the municipality its row names (prepared,
    grouped by municipality); only the few that miss are measured.
    """
    index, shapes, metric, _ = _municipality_shapes()
    want = np.fromiter((index.get(c, -1) if isinstance(c, str) else -1 for c in named),
                       dtype=np.intp, count=len(named))
    rows = np.flatnonzero(pts & (want >= 0))
    none = np.zeros(0, dtype=np.intp)
    if not len(rows):
        return none, none, np.zeros(0)
    xy = shapely.get_coordinates(points[rows])
    hit = np.zeros(len(rows), dtype=bool)
    for k in np.unique(want[rows]).tolist():
        sel = np.flatnonzero(want[rows] == k)
        hit[sel] = shapely.intersects_xy(shapes[k], xy[sel, 0], xy[sel, 1])
    rows = rows[~hit]
    if not len(rows):
        return none, none, np.zeros(0)
    at = _metric_points(gpd.GeoSeries(points[rows], crs=SETTINGS.crs_wgs84))
    return rows, want[rows], shapely.distance(at, metric[want[rows]])


def _outside_note(pt: shapely.Point, mostly: bool, named: str | None, col: str,
                  dist: float) -> tuple[str, str]:
    where = (f"lon {format_number(pt.x, 5)}, lat {format_number(pt.y, 5)}")
    if named is None:
        return (msg("places.outside_mra_mostly" if mostly else "places.outside_mra",
                    where=where), msg("places.outside_mra_fix"))
    far = _distance_text(dist)
    text = msg("places.outside_named", where=where, far=far, named=named, column=col)
    if dist <= NEAR_BOUNDARY_M:
        fix = msg("places.outside_named_near_fix", named=named)
    else:
        fix = msg("places.outside_named_fix", named=named)
    return text, fix


@cache
def _mismatch_note(actual: str, named: str, col: str, far: str, near: bool, lang: str
                   ) -> tuple[str, str, str]:
    """The note's text; cached, as a file may hold many such rows."""
    text = msg("places.mismatch", actual=actual, far=far, named=named, column=col, lang=lang)
    fix = msg("places.mismatch_fix", named=named, lang=lang)
    if near:
        fix = f"{fix} {msg('places.mismatch_near_border', lang=lang)}"
    summary = msg("places.mismatch_summary", column=col, example=text, lang=lang)
    return text, fix, summary


_INSIDE_M = 2.0
"""How far inside the named municipality's boundary a point near it is moved (m)."""


@cache
def inside_shapes() -> np.ndarray:
    """The municipalities in RD New shrunk by :data:`_INSIDE_M`, as :func:`_snap_to_named`
    moves a point into them: GEOS's buffer with mitred joins (a corner stays a corner, so a
    shape keeps its number of vertices; every point of it is at least ``_INSIDE_M`` inside),
    to the millimetre (:func:`to_mm`)."""
    _, _, metric, _ = _municipality_shapes()
    shrunk = shapely.buffer(metric, -_INSIDE_M, join_style="mitre")
    return np.asarray(to_mm(shrunk), dtype=object)


def _snap_to_named(gdf: gpd.GeoDataFrame, points: np.ndarray, rows: np.ndarray,
                   want: np.ndarray, dist: np.ndarray, col: str,
                   named_rows: dict[int, dict[str, Any]]) -> list[Problem]:
    """Move points within the boundaries' precision of the municipality their row names
    just inside it (EPSG:28992), so they count there; a note per point.

    ``gdf``'s geometry and ``points`` are updated in place (the rows are few).
    """
    from shapely.ops import nearest_points

    _, _, _, mun_names = _municipality_shapes()
    at = _metric_points(gpd.GeoSeries(points[rows], crs=SETTINGS.crs_wgs84))
    inside = inside_shapes()
    moved = [nearest_points(inside[w], p)[0] for w, p in zip(want.tolist(), at, strict=True)]
    back = gpd.GeoSeries(moved, crs=SETTINGS.crs_metric).to_crs(SETTINGS.crs_wgs84).array
    new = np.asarray(back, dtype=object)
    points[rows] = new
    geom = gdf.geometry.name
    gdf.loc[gdf.index[rows], geom] = gpd.GeoSeries(new, index=gdf.index[rows],
                                                   crs=SETTINGS.crs_wgs84)
    out = []
    tol = _distance_text(SETTINGS.border_tolerance_m)
    for r, w, d in zip(rows.tolist(), want.tolist(), dist.tolist(), strict=True):
        name, far = str(mun_names[w]), _distance_text(d)
        out.append(Problem(
            msg("places.border_named", far=far, name=name, column=col, tolerance=tol),
            msg("places.border_named_fix", name=name),
            **named_rows[r], field="municipality", value=name, severity="note",
            code="border_named", column=col if col not in ("municipality",) else None,
            summary=msg("places.border_named_summary", tolerance=tol, column=col)))
    return out


def place_notes(gdf: gpd.GeoDataFrame, region_union: shapely.Geometry | None,
                problems: list[Problem], named: Any = None,
                named_col: str | None = None,
                deferred: list[DeferredNotes] | None = None) -> None:
    """Notes on projects (mostly) outside the region, on points that lie outside the
    municipality their own column names, and on likely duplicates in the file.

    A polygon or line is outside when less than half of it (area, length in
    EPSG:28992) lies inside, the rule :func:`geo.combine.assign_areas` uses.
    ``named``: per row, the CBS code its municipality column names (or None);
    ``named_col`` that column's header. A point within ``SETTINGS.border_tolerance_m``
    of the municipality its row names is moved just inside it (it counts there), with
    a note; ``gdf`` is updated in place.
    With a ``deferred`` list the notes on
    projects outside the region go there as one :class:`DeferredNotes`, made
    only when they are listed.
    """
    union = region_union if region_union is not None else mra_union()
    geoms = gdf.geometry.array
    has = ~(gdf.geometry.isna().to_numpy())
    inside = np.ones(len(gdf), dtype=bool)
    points = np.asarray(geoms, dtype=object)
    kinds = np.asarray(shapely.get_type_id(points))
    pts = has & (kinds == 0)
    inside[pts] = shapely.intersects(union, points[pts])
    shaped = np.flatnonzero(has & (kinds != 0))
    if len(shaped):
        best, _ = largest_overlap(points[shaped], np.array([union], dtype=object))
        inside[shaped] = best >= 0
    off_named: dict[int, tuple[int, float]] = {}
    col = named_col or msg("places.municipality_column")

    def who(rows: np.ndarray) -> dict[int, dict[str, Any]]:  # only the rows with a note
        return {int(i): {"feature": int(f), "id": d, "name": m} for i, f, d, m in zip(
            rows, gdf.index[rows], gdf["id"].iloc[rows], gdf["name"].iloc[rows],
            strict=True)}

    if named is not None:
        rows, want, dist = _named_places(points, pts, named)
        near = dist <= SETTINGS.border_tolerance_m  # the sheet's municipality wins
        if near.any():
            problems += _snap_to_named(gdf, points, rows[near], want[near], dist[near], col,
                                       who(rows[near]))
            inside[rows[near]] = True
            rows, want, dist = rows[~near], want[~near], dist[~near]
        off_named = {int(r): (int(w), float(d))
                     for r, w, d in zip(rows, want, dist, strict=True)}
        _, shapes, _, mun_names = _municipality_shapes()
        moved = np.array([r for r in off_named if inside[r]], dtype=np.intp)
        if len(moved):
            from geo.combine import points_in_areas

            pt, area = points_in_areas(points[moved], shapes)
            first = np.r_[True, pt[1:] != pt[:-1]] if len(pt) else np.zeros(0, bool)
            lang = get_lang()
            named_rows = who(moved)
            for p_, a_ in zip(pt[first].tolist(), area[first].tolist(), strict=True):
                i = int(moved[p_])
                w, d = off_named[i]
                text, fix, summary = _mismatch_note(
                    str(mun_names[a_]), str(mun_names[w]), col, _distance_text(d, lang),
                    d <= NEAR_BOUNDARY_M, lang)
                problems.append(Problem(
                    text, fix, **named_rows[i], summary=summary,
                    field="municipality", value=str(mun_names[w]),
                    severity="note", code="municipality_mismatch",
                    column=col if named_col not in (None, "municipality") else None))
    out = np.flatnonzero(~inside)
    if len(out):
        mun_names = _municipality_shapes()[3]

        def outside_notes(sel: np.ndarray) -> list[Problem]:
            rows = out[sel]
            rep = gdf.geometry.iloc[rows].representative_point()
            out_rows = who(rows)
            notes = []
            for i, pt in zip(rows.tolist(), rep, strict=True):
                w, d = off_named.get(i, (-1, math.nan))
                text, fix = _outside_note(pt, bool(kinds[i] != 0),
                                         str(mun_names[w]) if w >= 0 else None, col, d)
                notes.append(Problem(text, fix, **out_rows[i], field="geometry",
                                     severity="note", code="outside_mra"))
            return notes

        if deferred is None:
            problems.extend(outside_notes(np.arange(len(out))))
        else:  # made only when listed: a national list has a note per project
            deferred.append(DeferredNotes("outside_mra", gdf.index.to_numpy()[out],
                                          outside_notes, at=len(problems)))
    for a, b, metres in likely_duplicates(gdf):
        fa, fb = int(gdf.index[a]), int(gdf.index[b])
        problems.append(Problem(
            msg("places.duplicate_in_file", first=fa, distance=format_number(metres)),
            msg("places.duplicate_in_file_fix"), feature=fb,
            id=gdf["id"].iloc[b], name=gdf["name"].iloc[b], field="name",
            severity="note", code="duplicate_in_file"))


def _metric_points(geoms: gpd.GeoSeries) -> np.ndarray:
    return np.asarray(geoms.to_crs(SETTINGS.crs_metric).representative_point().array,
                      dtype=object)


def likely_duplicates(gdf: gpd.GeoDataFrame) -> list[tuple[int, int, float]]:
    """Pairs (row i, row j, metres) with the same name within the duplicate distance.

    Distances are measured in RD New (EPSG:28992) between representative points,
    with an STRtree query (vectorised). Projects without geometry are skipped.
    """
    if len(gdf) < 2:
        return []
    key = _folded_names(gdf["name"])
    if key is None:  # every name once: no pair
        return []
    dup = pd.Series(key, dtype=object).duplicated(keep=False).to_numpy()
    rows = np.flatnonzero(dup & ~gdf.geometry.isna().to_numpy())
    if len(rows) < 2:  # only names that occur more than once can pair up
        return []
    key = key[rows]
    rep = _metric_points(gdf.geometry.iloc[rows])
    tree = shapely.STRtree(rep)
    a, b = tree.query(rep, predicate="dwithin", distance=SETTINGS.duplicate_distance_m)
    keep = (a < b) & (key[a] == key[b])
    a, b = a[keep], b[keep]
    dist = shapely.distance(rep[a], rep[b])
    a, b = rows[a], rows[b]
    order = np.lexsort((a, b))
    return [(int(a[k]), int(b[k]), float(dist[k])) for k in order]


def _folded_names(names: pd.Series) -> np.ndarray | None:
    """Each name stripped and case-folded (``str.casefold``); None when no two are equal.

    Arrow does it for names in ASCII (where ``casefold`` is ``lower``), Python for
    the others; at a million names that are all different (a partner's list) the
    answer comes without a Python string per name.
    """
    stripped = names.str.strip()
    if getattr(stripped.dtype, "storage", None) != "pyarrow" or stripped.isna().any():
        key = np.fromiter(map(str.casefold, stripped.to_numpy(dtype=object)), dtype=object,
                          count=len(stripped))
        return None if len(set(key)) == len(key) else key
    import pyarrow as pa
    import pyarrow.compute as pc

    got = pa.array(stripped)
    arr = got.combine_chunks() if isinstance(got, pa.ChunkedArray) else got
    folded = pc.ascii_lower(arr)
    other = pc.invert(pc.string_is_ascii(arr))
    if pc.any(other).as_py():  # "Café", "Straße": as str.casefold folds them
        rest = pc.filter(arr, other).to_pylist()
        folded = pc.replace_with_mask(folded, other,
                                      pa.array(list(map(str.casefold, rest)), type=arr.type))
    ranked = folded.take(pc.sort_indices(folded))  # a sort: Arrow's hash count is slower
    if not pc.any(pc.equal(ranked[1:], ranked[:-1])).as_py():
        return None
    return folded.to_numpy(zero_copy_only=False).astype(object)


def _distance_text(metres: float, lang: str | None = None) -> str:
    """``180 -> '180 m'``, ``2140 -> '2,1 km'`` (in the run's notation)."""
    if metres < 1000:
        return f"{format_number(metres, 0, lang)} m"
    return f"{format_number(metres / 1000, 1, lang)} km"


def _name_keys(names: Any) -> np.ndarray:
    """Names compared without case and with runs of white space as one space ("" for
    a value that is not text)."""
    return np.array([" ".join(v.split()).casefold() if isinstance(v, str) else ""
                     for v in names], dtype=object)


_GENERIC_NAME = 10
"""A name held by more projects than this (in the file or the register) is too
common to point at one register project ("Laadpaal"); it is not joined on."""


def _register_pairs(cand: gpd.GeoDataFrame, reg: gpd.GeoDataFrame
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (row in ``cand``, row in ``reg``, same name) of both rules.

    Same name (any distance): a join on the name key. Within the duplicate
    distance (any name): an STRtree query on points in RD New.
    """
    kc = _name_keys(cand["name"].to_numpy(dtype=object))
    kr = _name_keys(reg["name"].to_numpy(dtype=object))
    left = pd.DataFrame({"i": np.arange(len(cand)), "k": kc})
    right = pd.DataFrame({"j": np.arange(len(reg)), "k": kr})
    common = pd.Index(kc).value_counts()
    common = set(common.index[common > _GENERIC_NAME]) | \
        {k for k, v in pd.Index(kr).value_counts().items() if v > _GENERIC_NAME}
    if common:
        left = left[~left["k"].isin(common)]
    named = left.merge(right, on="k")
    ia, ib = named["i"].to_numpy(dtype=np.intp), named["j"].to_numpy(dtype=np.intp)
    has_a = np.flatnonzero(~cand.geometry.isna().to_numpy())
    has_b = np.flatnonzero(~reg.geometry.isna().to_numpy())
    na = nb = np.zeros(0, dtype=np.intp)
    if len(has_a) and len(has_b):
        tree = shapely.STRtree(_metric_points(reg.geometry.iloc[has_b]))
        qa, qb = tree.query(_metric_points(cand.geometry.iloc[has_a]), predicate="dwithin",
                            distance=SETTINGS.duplicate_distance_m)
        na, nb = has_a[qa], has_b[qb]
    a, b = np.r_[ia, na], np.r_[ib, nb]
    same = np.r_[np.ones(len(ia), bool), kc[na] == kr[nb]] if len(a) else np.zeros(0, bool)
    first = ~pd.DataFrame({"a": a, "b": b}).duplicated().to_numpy()
    return a[first], b[first], same[first]


def likely_register_duplicates(new: gpd.GeoDataFrame, derived: list[str],
                               register: gpd.GeoDataFrame,
                               refuse: bool = False) -> list[Problem]:
    """Notes for projects without id that look like a register project with another id.

    Looks like: the same name (case and spaces aside) at any distance, or any
    name within 25 m (``SETTINGS.duplicate_distance_m``); and in both cases the
    same amount or the same organisation, and another id (a derived id is made from
    theme, name and organisation, so another theme or organisation gives another
    id, and ``add`` would add it a second time). One note per project, naming the
    nearest such register project; with ``refuse`` they are errors (``add`` refuses
    them unless ``--update`` or ``--allow-duplicates`` is given).

    ``derived`` are the ids the validator made for projects without an id; only
    those are compared (a project with its own id is replaced with ``--update``).
    The work is a join on the name and one tree query (vectorised).
    """
    if not len(register) or not derived:
        return []
    made = set(derived)
    cand = new[np.fromiter(map(made.__contains__, new["id"].to_numpy(dtype=object)),
                           dtype=bool, count=len(new))]
    if not len(cand):
        return []
    a, b, same_name = _register_pairs(cand, register)
    if not len(a):
        return []
    ids_a = cand["id"].to_numpy(dtype=object)[a]
    ids_b = register["id"].to_numpy(dtype=object)[b]
    amt_a = pd.to_numeric(cand["amount_eur"], errors="coerce").to_numpy(dtype=float)[a]
    amt_b = pd.to_numeric(register["amount_eur"], errors="coerce").to_numpy(dtype=float)[b]
    same_amount = amt_a == amt_b  # False for NaN
    org_a, org_b = _org_keys(cand, a), _org_keys(register, b)
    same_org = (org_a == org_b) & (org_a != "")
    keep = (ids_a != ids_b) & (same_amount | same_org)
    a, b, same_name = a[keep], b[keep], same_name[keep]
    same_amount, ids_a, ids_b = same_amount[keep], ids_a[keep], ids_b[keep]
    if not len(a):
        return []
    dist = np.full(len(a), np.nan)
    geo_a, geo_b = cand.geometry.array, register.geometry.array
    both = np.flatnonzero(~pd.isna(np.asarray(geo_a, dtype=object)[a]) &
                          ~pd.isna(np.asarray(geo_b, dtype=object)[b]))
    if len(both):
        pa = _metric_points(gpd.GeoSeries(np.asarray(geo_a, dtype=object)[a[both]],
                                          crs=cand.crs))
        pb = _metric_points(gpd.GeoSeries(np.asarray(geo_b, dtype=object)[b[both]],
                                          crs=register.crs))
        dist[both] = shapely.distance(pa, pb)
    # per project the nearest (a same-name pair first; unknown distances last)
    order = np.lexsort((np.nan_to_num(dist, nan=np.inf), ~same_name, a))
    best = order[np.r_[True, a[order][1:] != a[order][:-1]]]
    names_a = cand["name"].to_numpy(dtype=object)
    names_b = register["name"].to_numpy(dtype=object)
    out: list[Problem] = []
    for k in best.tolist():
        mine, theirs, name = str(ids_a[k]), str(ids_b[k]), str(names_b[b[k]])
        what = msg("places.same_amount" if same_amount[k] else "places.same_organisation")
        far = _distance_text(float(dist[k])) if np.isfinite(dist[k]) else None
        if same_name[k]:
            text = msg("places.register_same_name" if far else
                       "places.register_same_name_elsewhere",
                       their_id=theirs, name=name, far=far, what=what, own_id=mine)
        else:
            text = msg("places.register_near", far=far, their_id=theirs, name=name, what=what)
        out.append(Problem(
            text,
            msg("places.register_duplicate_fix", their_id=theirs) if not refuse else
            msg("places.register_duplicate_refuse_fix", their_id=theirs),
            feature=None, id=mine, name=str(names_a[a[k]]), field="id",
            severity="error" if refuse else "note", code="register_duplicate"))
    return out


def _org_keys(frame: gpd.GeoDataFrame, rows: np.ndarray) -> np.ndarray:
    """The organisations of ``rows``, compared as names are ("" when missing)."""
    if "organisation" not in frame.columns:
        return np.full(len(rows), "", dtype=object)
    return _name_keys(frame["organisation"].to_numpy(dtype=object)[rows])
