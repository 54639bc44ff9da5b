"""The project schema: one investment project as a row of a GeoDataFrame.

A project is a GeoJSON feature with properties ``id``, ``name``, ``theme``
(required) and ``amount_eur`` (>= 0), ``status``, ``start_year``,
``organisation``, ``url``, ``description`` (optional). Points are the normal
case; a polygon or line project is counted in the municipality it overlaps most
(see :func:`geo.combine.assign_areas`) and drawn as its shape.

``place`` says how a project is located: ``"point"`` (its geometry; the
default), ``"municipality"`` (no geometry; ``place_area`` is the CBS code; drawn
at the municipality's label point), ``"subregion"`` (no geometry; ``place_area``
is the subregion's name; counts in that subregion and the MRA only) or ``"mra"``
(no geometry; counts in the MRA total only).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.themes import THEME_CODES, normalise_theme
from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import format_number
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["OPTIONAL_FIELDS", "PLACES", "PROJECT_FIELDS", "REQUIRED_FIELDS",
           "prepare_projects"]

REQUIRED_FIELDS = ("id", "name", "theme")
OPTIONAL_FIELDS = ("amount_eur", "status", "start_year", "organisation", "url",
                   "description", "sample", "place", "place_area")
PLACES: tuple[str, ...] = ("point", "municipality", "subregion", "mra")
"""How a project is located: its own geometry, or a whole municipality/subregion/the MRA."""
PROJECT_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS


def prepare_projects(projects: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Bring already-validated projects into the canonical shape.

    Returns a copy in EPSG:4326 with every field of :data:`PROJECT_FIELDS`
    (missing optional ones filled with nulls), ``theme`` as a theme code,
    ``amount_eur`` as float (NaN when unknown), the drawn ``geometry`` kept and a
    ``point`` column (representative point, EPSG:4326) used for counting.

    Raises
    ------
    TransitiekaartError
        If the frame has no CRS, lacks a required field, or has an unknown theme.
        (Files from users go through :mod:`geo.validate` first, which reports
        every problem with its feature number.)
    """
    if projects.crs is None:
        raise TransitiekaartError(msg("projects.no_crs"))
    missing = [f for f in REQUIRED_FIELDS if f not in projects.columns]
    if missing and len(projects):
        raise TransitiekaartError(msg("projects.missing_fields", fields=", ".join(missing)))
    geoms = projects.geometry.values
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if "place" in projects.columns:  # placed in an area: no geometry of its own
        place = projects["place"]
        empty &= (place.isna() | place.eq("point")).to_numpy(dtype=bool)
    if empty.any():
        ids = ", ".join(map(str, projects.loc[empty, "id"].head(5)))
        raise TransitiekaartError(msg("projects.no_geometry", n=format_number(int(empty.sum())),
                                      ids=ids))
    same = projects.crs == SETTINGS.crs_wgs84
    # copy-on-write: a shallow copy leaves the caller's frame as it was
    out = projects.copy(deep=False) if same else projects.to_crs(SETTINGS.crs_wgs84)
    for field in PROJECT_FIELDS:
        if field not in out.columns:
            out[field] = False if field == "sample" else "point" if field == "place" \
                else None
    # each distinct name once
    which, names = pd.factorize(out["theme"], use_na_sentinel=True)
    table = np.empty(len(names) + 1, dtype=object)  # the last entry: missing
    for i, v in enumerate(names):
        table[i] = normalise_theme(v)
    codes = table[which]
    unknown = out.loc[pd.isna(codes), "theme"]
    if len(unknown):
        raise UnknownNameError(msg("projects.unknown_theme", value=repr(unknown.iloc[0]),
                                   choices=", ".join(THEME_CODES)))
    out["theme"] = pd.Series(codes, index=out.index, dtype=object)
    out["id"] = out["id"].astype(str)
    out["name"] = out["name"].astype(str)
    out["amount_eur"] = pd.to_numeric(out["amount_eur"], errors="coerce").astype(float)
    out["sample"] = out["sample"].fillna(False).astype(bool)
    out["place"] = out["place"].fillna("point").astype(object)
    bad = ~out["place"].isin(PLACES)
    if bad.any():
        raise TransitiekaartError(msg("projects.unknown_place",
                                      value=repr(out.loc[bad, "place"].iloc[0]),
                                      choices=", ".join(PLACES)))
    out = out.reset_index(drop=True)
    geom = out.geometry
    shaped = ~(shapely.is_missing(geom.values) | shapely.is_empty(geom.values))
    is_point = (shapely.get_type_id(geom.values) == 0) | ~shaped  # 0: Point
    point = geom.values.copy()
    point[~shaped] = None  # placed in an area: assign_areas gives it a point, if any
    if not is_point.all():  # representative point measured on the projected shape
        shapes = geom[~is_point]
        rep = shapes.to_crs(SETTINGS.crs_metric).representative_point().to_crs(
            SETTINGS.crs_wgs84)
        point[~is_point] = rep.values
    out["point"] = gpd.GeoSeries(point, crs=SETTINGS.crs_wgs84, index=out.index)
    return out[[*PROJECT_FIELDS, "point", "geometry"]]
