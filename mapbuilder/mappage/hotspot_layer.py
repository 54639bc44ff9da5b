"""The map page's hot-spot layer ("Concentratie"): the study area's cells and neighbours.

Python draws the H3 cells of the study area once (:func:`geo.getisord.study_area`)
and ships their neighbour lists in the page payload (key ``hs``); the page
(``static/lib/hotspots.js`` and ``static/hotspots.js``) sums the selection per
cell and computes Getis-Ord Gi* for every filter change, with no geometry in
the browser. esda is not needed here: the page is the implementation that
runs, held to esda by the tests.
"""

from __future__ import annotations

from typing import Any

import folium
import h3
import numpy as np
import pandas as pd
import shapely

from geo.getisord import ALPHA, MIN_CELLS, MIN_PROJECTS, StudyArea, study_area
from geo.precompute import cell_polygons
from layers.messages import msg
from layers.region import Region
from layers.settings import SETTINGS
from mapbuilder.elements import SafeGeoJson

__all__ = ["HOTSPOT_COLOURS", "add_hotspot_layer", "cell_municipalities", "hotspot_payload"]

# ColorBrewer RdBu ends: hot 99 %, hot 95 %, cold 95 %, cold 99 % (colour-blind safe)
HOTSPOT_COLOURS: dict[str, str] = {"hot99": "#b2182b", "hot95": "#ef8a62",
                                   "cold95": "#67a9cf", "cold99": "#2166ac"}


def cell_municipalities(area: StudyArea, region: Region, codes: list[str]) -> np.ndarray:
    """Index into ``codes`` of the municipality holding each cell's centre (-1: none)."""
    mun = region.municipalities.to_crs(SETTINGS.crs_wgs84)
    centres = shapely.points([h3.cell_to_latlng(c)[::-1] for c in area.cells])
    cell_i, mun_i = shapely.STRtree(mun.geometry.to_numpy()).query(
        centres, predicate="within")
    out = np.full(len(area.cells), -1, dtype=np.int64)
    out[cell_i] = pd.Index(codes).get_indexer(mun["code"].to_numpy()[mun_i])
    return out


def hotspot_payload(area: StudyArea, occupied: list[str],
                    mun: np.ndarray | None = None) -> dict[str, Any]:
    """The page's ``hs``: study-area cells, CSR neighbours and where each occupied cell is.

    ``of[k]`` is the study-area index of the payload's occupied cell ``k``
    (``payload["cells"]``), -1 when its centre lies outside the MRA (its
    projects are then left out, as in :func:`geo.getisord.hotspots`); ``mun``
    the page's municipality index of each cell (its centre), for the legend's
    list of where the hot and cold spots are.
    """
    start, nb = area.csr()
    of = pd.Index(area.cells).get_indexer(occupied) if occupied else []
    return {"cells": list(area.cells), "start": start, "nb": nb, "of": of,
            "mun": mun if mun is not None else np.full(len(area.cells), -1),
            "alpha": ALPHA, "min_projects": MIN_PROJECTS, "min_cells": MIN_CELLS,
            "colours": HOTSPOT_COLOURS}


def add_hotspot_layer(fmap: folium.Map, region: Region, occupied: list[str],
                      lang: str, mun_codes: list[str] | None = None,
                      ) -> tuple[folium.FeatureGroup, dict[str, Any]]:
    """Add the (hidden) hot-spot layer to ``fmap``; return it and the payload's ``hs``.

    ``mun_codes``: the municipality codes in the order of the page's areas.
    """
    area = study_area(region)
    group = folium.FeatureGroup(name=msg("labels.hexagons", lang=lang), show=False).add_to(fmap)
    style = {"color": "#555", "weight": 0.4, "opacity": 0, "fillColor": "#ffffff",
             "fillOpacity": 0}
    feats = [{"type": "Feature", "geometry": g.__geo_interface__,
              "properties": {"i": i, "_style": dict(style)}}
             for i, g in enumerate(cell_polygons(area.cells))]
    SafeGeoJson({"type": "FeatureCollection", "features": feats}, "hexagons").add_to(group)
    mun = cell_municipalities(area, region, mun_codes) if mun_codes else None
    return group, hotspot_payload(area, occupied, mun)
