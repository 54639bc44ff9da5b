"""Where investments concentrate: H3 hexagons of summed euros and counts."""

from __future__ import annotations

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import shapely
from shapely import polygons

from geo.precompute import cell_ints
from layers.settings import SETTINGS

__all__ = ["hexagon_concentration"]


def hexagon_concentration(assigned: gpd.GeoDataFrame,
                          resolution: int = SETTINGS.h3_resolution) -> gpd.GeoDataFrame:
    """Sum euros and count projects per H3 cell (EPSG:4326 hexagons).

    Parameters
    ----------
    assigned
        Projects with a ``point`` column (see :func:`geo.combine.assign_areas`).
    resolution
        H3 resolution (default 7: cells of about 5 km2).

    Returns
    -------
    GeoDataFrame with ``h3``, ``n_projects``, ``total_eur`` and ``top_theme`` (the
    theme with most euros in the cell), one row per occupied cell.
    """
    if "place" in assigned.columns:  # projects placed in a whole area have no spot of their own
        assigned = assigned.loc[assigned["place"].eq("point").to_numpy()]
    pts = assigned["point"]
    if len(pts) == 0:
        return gpd.GeoDataFrame({"h3": [], "n_projects": [], "total_eur": [],
                                 "top_theme": []}, geometry=[], crs=SETTINGS.crs_wgs84)
    # name each distinct cell once
    xy = shapely.get_coordinates(pts.values)
    codes, distinct = pd.factorize(cell_ints(xy[:, 1], xy[:, 0], resolution))
    cells = np.array([h3.int_to_str(int(c)) for c in distinct], dtype=object)[codes]
    frame = pd.DataFrame({"h3": cells, "theme": assigned["theme"].to_numpy(),
                          "eur": assigned["amount_eur"].fillna(0.0).to_numpy()})
    agg = frame.groupby("h3").agg(n_projects=("eur", "size"), total_eur=("eur", "sum"))
    by_theme = frame.groupby(["h3", "theme"])["eur"].sum().reset_index()
    top = (by_theme.sort_values(["h3", "eur", "theme"], ascending=[True, False, True])
           .drop_duplicates("h3").set_index("h3")["theme"])
    agg["top_theme"] = top
    rings = [np.asarray(h3.cell_to_boundary(c))[:, ::-1] for c in agg.index]
    geoms = polygons(rings)
    return gpd.GeoDataFrame(agg.reset_index(), geometry=geoms, crs=SETTINGS.crs_wgs84)
