"""Where a project is: its geometry, or a municipality, subregion or the whole MRA.

A project without coordinates is placed by a ``gemeente``/``municipality``
column (a name in any case or spelling, or a CBS code such as ``GM1942``), or
made area-wide by a subregion name or ``MRA``/``MRA-breed``/``regio`` in that
column or in a ``deelregio``/``subregion``/``scope`` column. An address
without coordinates gets a message (there is no geocoding: no network).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.combine import largest_overlap
from geo.settings import SETTINGS
from geo.validate.report import Problem
from layers.lang import format_number, pick

__all__ = ["AREA_WIDE_WORDS", "likely_register_duplicates", "place_notes", "place_text",
           "resolve_place"]

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


def place_text(place: Any, area: Any) -> str:
    """Where a project without its own geometry is, in the run's language; "" for a point.

    ``("municipality", "GM0479")`` -> ``"gemeente Zaanstad"``; ``("subregion",
    "IJmond")`` -> ``"regiobreed: IJmond"``; ``("mra", "MRA")`` -> ``"MRA-breed"``.
    """
    if not isinstance(place, str) or place == "point":
        return ""
    area = area if isinstance(area, str) else ""
    if place == "municipality":
        name = _areas()[1].get(area, area)
        return pick(f"gemeente {name}", f"municipality {name}")
    if place == "subregion":
        return pick(f"regiobreed: {area}", f"area-wide: {area}")
    if place == "mra":
        return pick("MRA-breed", "MRA-wide")
    return f"{place}: {area}" if area else place


def municipality_names() -> list[str]:
    """The 30 MRA municipalities' names, sorted."""
    return sorted(_areas()[1].values())


def _suggest(text: str) -> str:
    _, names, subs, _ = _areas()
    options = {**{_norm(n): n for n in names.values()}, **{k: v for k, v in subs.items()}}
    near = difflib.get_close_matches(_norm(text), list(options), n=2, cutoff=0.7)
    if not near:
        return ""
    return pick(" Bedoelde u ", " Did you mean ") + pick(" of ", " or ").join(
        f"'{options[k]}'" for k in near) + "?"


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
    if key in AREA_WIDE_WORDS or key.replace(" ", "") in AREA_WIDE_WORDS:
        return "mra", "MRA"
    return None


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
        if scope and (found := _area_of(scope, True)) and found[0] != "municipality":
            problems.append(Problem(
                pick(f"heeft coördinaten en ook reikwijdte {scope!r}; het project staat op "
                     "zijn coördinaten en telt alleen mee waar die liggen.",
                     f"has coordinates and also the scope {scope!r}; it is placed at its "
                     "coordinates and counts only where they lie."),
                pick("Laat de coördinaten leeg om het project regiobreed te maken.",
                     "Leave the coordinates empty to make the project area-wide."),
                feature=n, field="subregion", value=scope, severity="note",
                code="scope_with_coordinates", **ident))
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
                pick("is geen gemeente of deelregio van de MRA, en het project heeft geen "
                     "coördinaten." + _suggest(given),
                     "is not a municipality or subregion of the MRA, and the project has no "
                     "coordinates." + _suggest(given)),
                pick("Schrijf de gemeente zoals CBS haar noemt (bijvoorbeeld 'Gooise Meren' "
                     "of 'GM1942'), een deelregio, of 'MRA-breed'; of geef lon/lat.",
                     "Write the municipality as CBS names it (e.g. 'Gooise Meren' or "
                     "'GM1942'), a subregion, or 'MRA-breed'; or give lon/lat."),
                feature=n, field="municipality" if mun else "subregion", value=given,
                code="unknown_area", **ident))
        elif address:
            problems.append(Problem(
                pick("heeft een adres maar geen coördinaten; transitiekaart zoekt geen "
                     "adressen op (geen internet).",
                     "has an address but no coordinates; transitiekaart does not look up "
                     "addresses (no internet)."),
                pick("Voeg lon en lat toe (bijvoorbeeld uit QGIS of een kaart), of een kolom "
                     "'gemeente' met de gemeente van het project.",
                     "Add lon and lat (e.g. from QGIS or a map), or a 'gemeente' "
                     "(municipality) column with the project's municipality."),
                feature=n, field="address", value=address, code="address_only", **ident))
        else:
            problems.append(no_location(n, ident))
        return False
    return True


def no_location(n: int, ident: dict[str, Any] | None = None) -> Problem:
    """The one message, in every format, for a feature with neither geometry nor place."""
    return Problem(
        pick("heeft geen locatie: geen geometrie of coördinaten, en geen gemeente of "
             "deelregio.",
             "has no location: no geometry or coordinates, and no municipality or area."),
        pick("Geef lon/lat (of teken het project in QGIS of geojson.io), of vul een kolom "
             "'gemeente' in, of 'MRA-breed' in een kolom 'deelregio'.",
             "Give lon/lat (or draw the project in QGIS or geojson.io), or fill in a "
             "'gemeente' (municipality) column, or 'MRA-breed' in a 'deelregio' column."),
        feature=n, field="geometry", code="no_location", **(ident or {}))


@cache
def mra_union() -> shapely.Geometry:
    """The union of the 30 built-in MRA municipalities (EPSG:4326), prepared."""
    from layers.boundaries import load_municipalities

    union = shapely.union_all(load_municipalities().geometry.make_valid().array)
    shapely.prepare(union)
    return union


def place_notes(gdf: gpd.GeoDataFrame, region_union: shapely.Geometry | None,
                problems: list[Problem]) -> None:
    """Notes on projects (mostly) outside the region and on likely duplicates in the file.

    A polygon or line is outside when less than half of it (area, length in
    EPSG:28992) lies inside, the rule :func:`geo.combine.assign_areas` uses.
    """
    union = region_union if region_union is not None else mra_union()
    geoms = gdf.geometry.array
    has = ~(gdf.geometry.isna().to_numpy())
    inside = np.ones(len(gdf), dtype=bool)
    kinds = np.asarray(shapely.get_type_id(np.asarray(geoms, dtype=object)))
    pts = has & (kinds == 0)
    inside[pts] = shapely.intersects(union, np.asarray(geoms, dtype=object)[pts])
    shaped = np.flatnonzero(has & (kinds != 0))
    if len(shaped):
        best, _ = largest_overlap(np.asarray(geoms, dtype=object)[shaped],
                                  np.array([union], dtype=object))
        inside[shaped] = best >= 0
    out = np.flatnonzero(~inside)
    if len(out):
        rep = gdf.geometry.iloc[out].representative_point()
        for i, pt in zip(out, rep, strict=True):
            row = gdf.iloc[i]
            mostly = not (kinds[i] == 0)
            problems.append(Problem(
                pick(f"ligt {'grotendeels ' if mostly else ''}buiten de MRA (bij lon "
                     f"{format_number(pt.x, 5)}, lat {format_number(pt.y, 5)}); het wordt "
                     "bewaard en vermeld, maar telt in geen enkele deelregio mee.",
                     f"lies {'mostly ' if mostly else ''}outside the MRA (at lon "
                     f"{format_number(pt.x, 5)}, lat {format_number(pt.y, 5)}); it is kept "
                     "and listed, but not counted in any subregion."),
                pick("Controleer de coördinaten als het project in de MRA hoort te liggen.",
                     "Check the coordinates if the project should be inside the MRA."),
                feature=int(gdf.index[i]), id=row["id"], name=row["name"], field="geometry",
                severity="note", code="outside_mra"))
    for a, b, dist in likely_duplicates(gdf):
        fa, fb = int(gdf.index[a]), int(gdf.index[b])
        problems.append(Problem(
            pick(f"heeft dezelfde naam als object {fa} en ligt {format_number(dist)} m "
                 "daarvandaan; waarschijnlijk twee keer hetzelfde project.",
                 f"has the same name as feature {fa} and lies {format_number(dist)} m "
                 "from it; probably the same project twice."),
            pick("Verwijder er een als het hetzelfde project is.",
                 "Remove one of them if they are the same project."), feature=fb,
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
    names = gdf["name"].str.strip().to_numpy(dtype=object)
    key = np.fromiter(map(str.casefold, names), dtype=object, count=len(names))
    if len(set(key)) == len(key):
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


def _distance_text(metres: float) -> str:
    """``180 -> '180 m'``, ``2140 -> '2,1 km'`` (in the run's notation)."""
    if metres < 1000:
        return f"{format_number(metres)} m"
    return f"{format_number(metres / 1000, 1)} km"


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
                               register: gpd.GeoDataFrame) -> list[Problem]:
    """Notes for projects without id that look like a register project with another id.

    Looks like: the same name (case and spaces aside) at any distance, or any
    name within 25 m (``SETTINGS.duplicate_distance_m``); and in both cases the
    same amount or the same organisation. A derived id is made from the
    location, so a project whose coordinates were corrected gets a new id and
    ``add --update`` would add it a second time. One note per project, naming
    the nearest such register project.

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
        what = pick("hetzelfde bedrag", "the same amount") if same_amount[k] else \
            pick("dezelfde organisatie", "the same organisation")
        far = _distance_text(float(dist[k])) if np.isfinite(dist[k]) else None
        if same_name[k]:
            where = pick(f", {far} van deze locatie", f", {far} from this location") \
                if far else pick(", op een andere plaats", ", at another place")
            msg = pick(f"heeft geen id en heet net als project {theirs!r} ({name!r}) in het "
                       f"register{where}, met {what}; waarschijnlijk hetzelfde project met "
                       "verbeterde locatie. Omdat het id uit de locatie wordt gemaakt "
                       f"(hier {mine!r}), komt het er met 'add' een tweede keer in.",
                       f"has no id and has the same name as project {theirs!r} ({name!r}) "
                       f"in the register{where}, with {what}; probably the same project "
                       "with a corrected location. As the id is made from the location "
                       f"(here {mine!r}), 'add' puts it in a second time.")
        else:
            msg = pick(f"heeft geen id en ligt {far} van project {theirs!r} ({name!r}) in "
                       f"het register, met {what}; waarschijnlijk hetzelfde project "
                       "(hernoemd?).",
                       f"has no id and lies {far} from project {theirs!r} ({name!r}) in "
                       f"the register, with {what}; probably the same project (renamed?).")
        out.append(Problem(
            msg,
            pick(f"Is het hetzelfde project, verwijder dan het oude met 'transitiekaart "
                 f"remove {theirs}'; of geef deze rij het id {theirs!r}, voer "
                 "'transitiekaart add BESTAND --update' uit (dat vervangt het) en verwijder "
                 f"een al toegevoegde kopie met 'transitiekaart remove {mine}'. Anders: laat "
                 "het zo.",
                 f"If it is the same project, remove the old one with 'transitiekaart "
                 f"remove {theirs}'; or give this row the id {theirs!r}, run 'transitiekaart "
                 "add FILE --update' (that replaces it) and remove a copy added already "
                 f"with 'transitiekaart remove {mine}'. Otherwise: leave it."),
            feature=None, id=mine, name=str(names_a[a[k]]), field="id",
            severity="note", code="register_duplicate"))
    return out


def _org_keys(frame: gpd.GeoDataFrame, rows: np.ndarray) -> np.ndarray:
    """The organisations of ``rows``, compared as names are ("" when missing)."""
    if "organisation" not in frame.columns:
        return np.full(len(rows), "", dtype=object)
    return _name_keys(frame["organisation"].to_numpy(dtype=object)[rows])
