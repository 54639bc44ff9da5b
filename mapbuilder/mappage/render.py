"""Build the investment map with folium: where the projects land and concentrate.

Python places every project in its municipality, subregion, NOVEX areas and
H3 cell and puts that, with the area outlines, inhabitants and km², into the
page. The page's scripts (``mapbuilder/static``) filter the projects and compute
every figure from it: fills and classes, symbols, legend, panels, tooltips.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis import Analysis, analyse
from geo.precompute import interior_label_points, label_points
from layers.boundaries import load_context
from layers.errors import UnknownNameError
from layers.messages import msg
from layers.novex import ijmeerlijn
from layers.region import Region, load_region
from layers.samples import load_sample_projects
from layers.settings import SETTINGS
from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.elements import Attribution, SafeGeoJson, add_css, display_geometries, land_bounds
from mapbuilder.formatting import format_date, population_date_words
from mapbuilder.i18n import DEFAULT_METRIC, METRICS, check_lang, page_labels
from mapbuilder.mappage.hotspot_layer import add_hotspot_layer
from mapbuilder.mappage.output import InvestmentMap
from mapbuilder.mappage.points import PayloadEncoder, ProjectLayer, payload_points, project_payload
from mapbuilder.tiles import add_basemap

__all__ = ["CHOROPLETH_COLOURS", "build_map", "classify", "page_css", "render_analysis",
           "source_text"]

# ColorBrewer YlGnBu (5 classes): sequential and colour-blind safe.
CHOROPLETH_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
# ColorBrewer PuOr (5 classes, colour-blind safe, diverging) for the map page's default fill:
# a rate as % of the MRA rate (< 50 | 50-80 | 80-125 | 125-200 | >= 200): below the MRA
# orange, around it near white, above it purple
INDEX_COLOURS = ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99")
# the map page's circles: one colour (the fill carries the rate, the circle the total)
CIRCLE_COLOUR = "#3a3a3a"

_LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
_LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]


def page_css() -> str:
    """The page's style sheet (``static/page.css``)."""
    return resources.files("mapbuilder").joinpath("static/page.css").read_text("utf-8")


def classify(values: pd.Series, k: int = SETTINGS.classes) -> tuple[np.ndarray, list[float]]:
    """Fisher-Jenks classes of ``values`` (:func:`mapbuilder.classes.fisher_jenks_bins`).

    Returns the class index per value and the upper bounds of the classes.
    NaN values get class -1. With fewer distinct values than ``k`` there are
    fewer classes; all-equal values give one class.
    """
    y = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(y)
    yb = np.full(len(y), -1)
    distinct = np.unique(y[ok])
    if len(distinct) == 0:
        return yb, []
    if len(distinct) <= k:
        bins = [float(v) for v in distinct]
        yb[ok] = np.searchsorted(distinct, y[ok])
        return yb, bins
    bins = fisher_jenks_bins(y[ok], k)
    yb[ok] = np.searchsorted(np.asarray(bins), y[ok], side="left")
    return yb, bins


def _fc(gdf: gpd.GeoDataFrame, props: list[dict[str, Any]]) -> dict[str, Any]:
    """FeatureCollection with the geometries of ``gdf`` (for display) and ``props``."""
    geoms = display_geometries(gdf.geometry)
    feats = [{"type": "Feature", "geometry": g.__geo_interface__, "properties": pr}
             for g, pr in zip(geoms, props, strict=True) if g is not None and not g.is_empty]
    return {"type": "FeatureCollection", "features": feats}


def source_text(source: str, has_samples: bool, lang: str) -> str:
    """'projects: <where from>' in the page's language.

    ``source`` is ``"samples"``, ``"register:<file name>"`` or file names.
    """
    if source in ("", "samples"):
        return msg("labels.source_samples", lang=lang) if has_samples else ""
    if source.startswith("register:"):
        return msg("labels.source_register", lang=lang, name=source.split(":", 1)[1])
    return msg("labels.source_user", lang=lang, source=source)


def _nums(values: pd.Series) -> list[float | None]:
    return [float(v) if pd.notna(v) and np.isfinite(float(v)) else None for v in values]


def _areas(analysis: Analysis, lang: str, mun_labels: np.ndarray,
           sub_labels: np.ndarray) -> dict[str, Any]:
    """Per area what the page needs to compute rates: names, inhabitants, km², label point.

    Inhabitants and km² are those of :func:`geo.stats.area_stats`, so the page's
    rates are the same as every other output's.
    """
    subs, muns, nvx = analysis.subregions, analysis.municipalities, analysis.novex
    mra = analysis.mra.iloc[0]
    sub_index = pd.Index(subs.index)
    nvx_names = nvx["name_en"] if lang == "en" else nvx["name"]
    return {
        "sub": {"name": [str(v) for v in subs["name"]],
                "pop": _nums(subs["population"]), "km2": _nums(subs["area_km2"]),
                "at": np.round(sub_labels, 5).tolist()},
        "mun": {"name": [str(v) for v in muns["name"]],
                "sub": sub_index.get_indexer(muns["subregion"]).tolist(),
                "pop": _nums(muns["population"]), "km2": _nums(muns["area_km2"]),
                "at": np.round(mun_labels, 5).tolist()},
        "nvx": {"name": [str(v) for v in nvx_names], "key": [str(v) for v in nvx["name"]],
                "pop": _nums(nvx["population"]), "km2": _nums(nvx["area_km2"])},
        "mra": {"pop": float(mra["population"]), "km2": float(mra["area_km2"])},
    }


def _novex_label(nvx: gpd.GeoDataFrame) -> str:
    """The layer's name for NOVEX areas from a file: "NOVEX (<file name or source>)"."""
    names = list(dict.fromkeys(str(b) for b in nvx["basis"] if str(b).strip()))
    return f"NOVEX ({', '.join(names)})" if names else "NOVEX"


def _sources(analysis: Analysis, source: str, lang: str, novex_indicative: bool) -> list[str]:
    """The sources, one line each, for the page's "Bronnen" section and print."""
    dates = sorted(set(analysis.region.population["reference_date"].dropna().astype(str)))
    span = ""
    if dates:
        span = (format_date(dates[0], lang) if len(dates) == 1 else
                f"{format_date(dates[0], lang)} – {format_date(dates[-1], lang)}")
    out = [msg("labels.source_cbs", lang=lang), msg("labels.src_population", lang=lang, dates=span)]
    projects = source_text(source, analysis.has_samples, lang)
    if projects:
        out.append(projects)
    if novex_indicative:
        out.append(msg("labels.novex_notice", lang=lang))
    return out


def render_analysis(analysis: Analysis, metric: str = DEFAULT_METRIC, lang: str = "nl",
                    source: str = "", show_ijmeerlijn: bool = True,
                    tiles: str = "osm") -> folium.Map:
    """Draw an :class:`~geo.analysis.Analysis` as a folium map.

    See :func:`build_map` for the parameters.
    """
    check_lang(lang)
    if metric not in METRICS:
        message = msg("build.unknown_metric", lang=lang, metric=metric, choices=", ".join(METRICS))
        raise UnknownNameError(message)
    region = analysis.region
    bounds = region.municipalities.total_bounds  # lon/lat
    fmap = InvestmentMap(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                         zoom_start=10, tiles=None, prefer_canvas=True, control_scale=False,
                         zoomSnap=0.25)
    fmap.default_js = _LEAFLET_JS  # no jQuery, Bootstrap, Font Awesome, awesome-markers
    fmap.default_css = _LEAFLET_CSS
    fmap._tk_lang = lang  # the page's lang and title follow (mapbuilder.mappage.output.map_page)
    add_basemap(fmap, tiles, lang)
    add_css(fmap, page_css())

    # context ring
    ctx = load_context()
    ctx_fg = folium.FeatureGroup(name=msg("labels.context", lang=lang), control=False).add_to(fmap)
    SafeGeoJson(_fc(ctx, [{"_style": {"color": "#999", "weight": 0.6, "fillColor": "#ddd",
                                      "fillOpacity": 0.35}} for _ in range(len(ctx))]),
                "context", interactive=False).add_to(ctx_fg)

    # subregions: filled by the page from the current selection
    subs = analysis.subregions
    sub_gdf = region.subregions.set_index("subregion").loc[subs.index]
    sub_fg = folium.FeatureGroup(name=msg("labels.subregions", lang=lang), control=False).add_to(fmap)
    SafeGeoJson(_fc(sub_gdf, [{"i": i, "name": str(nm), "_style": {
        "color": "#333", "weight": 1.5, "fillColor": "#ffffff", "fillOpacity": 0.7}}
        for i, nm in enumerate(subs["name"])]), "subregions").add_to(sub_fg)

    # municipalities: filled by the page with their own rate when the circles are per
    # municipality (zoomed in); the subregions' fill then gives way
    mun = region.municipalities
    mun_index = pd.Index(analysis.municipalities.index).get_indexer(mun["code"])
    munfill_fg = folium.FeatureGroup(name=msg("labels.municipality", lang=lang), control=False).add_to(fmap)
    SafeGeoJson(_fc(mun, [{"i": int(i), "name": str(nm), "_style": {
        "color": "#555", "weight": 0.7, "fillColor": "#ffffff", "fillOpacity": 0}}
        for i, nm in zip(mun_index, mun["name"], strict=True)]), "munfill").add_to(munfill_fg)

    mun_labels = label_points(mun.geometry)
    sub_labels = label_points(sub_gdf.geometry)
    nvx = region.novex
    name_col = "name_en" if lang == "en" else "name_nl"
    payload = project_payload(analysis.projects, list(nvx["code"]), list(nvx[name_col]),
                              mun[["code", "name", "subregion"]], lang,
                              subregions=[str(s) for s in subs.index], mun_labels=mun_labels)
    encoder = PayloadEncoder(payload)  # compressed while the rest of the page is drawn

    # the hot-spot layer: the study area's cells, coloured by the page for the selection
    hex_fg, hotspot_data = add_hotspot_layer(fmap, region, payload["cells"], lang,
                                             [str(c) for c in analysis.municipalities.index])

    # municipal outlines
    mun_fg = folium.FeatureGroup(name=msg("labels.municipalities", lang=lang)).add_to(fmap)
    SafeGeoJson(_fc(mun, [{"code": c, "name": n, "_style": {
        "color": "#555", "weight": 0.7, "fill": False}}
        for c, n in zip(mun["code"], mun["name"], strict=True)]),
        "municipalities", interactive=False).add_to(mun_fg)

    # NOVEX areas: thin dashed outlines, labelled inside, away from projects and symbols
    label_at = interior_label_points(nvx.geometry, payload_points(payload), sub_labels[:, ::-1])
    nvx_props = []
    for i, (_, r) in enumerate(nvx.iterrows()):
        nvx_props.append({
            "code": str(r["code"]), "name": str(r[name_col]), "basis": str(r["basis"]),
            "method": str(r["method"]),
            # light: the areas overlap each other and the subregions (the MRA
            # Verstedelijkingsgebied covers them all); a heavy line would read as a border
            "_style": {"color": "#3d3d3d", "weight": 1.2, "opacity": 0.85, "dashArray": "5 4",
                       "fill": False},
            "_label": escape(str(r[name_col])),
            "_label_at": [round(float(v), 5) for v in label_at[i]],
        })
    nvx_fg = folium.FeatureGroup(name=msg("labels.novex", lang=lang) if (nvx["basis"] == "indicative").any()
                                 else _novex_label(nvx)).add_to(fmap)
    SafeGeoJson(_fc(nvx, nvx_props), "novex", interactive=False).add_to(nvx_fg)
    groups = {"hexagons": hex_fg, "municipalities": mun_fg, "novex": nvx_fg}
    if show_ijmeerlijn:
        line = ijmeerlijn()
        ij_fg = folium.FeatureGroup(name=msg("labels.ijmeerlijn", lang=lang), show=False).add_to(fmap)
        SafeGeoJson(_fc(line, [{"name": str(line[name_col].iloc[0]),
                                "_style": {"color": "#000", "weight": 3, "dashArray": "2 6"}}]),
                    "ijmeerlijn", interactive=False).add_to(ij_fg)
        groups["ijmeerlijn"] = ij_fg

    novex_indicative = bool((nvx["basis"] == "indicative").any())
    land = land_bounds(region.municipalities.geometry)  # the opening view: no Houtribdijk
    payload.update({
        "areas": _areas(analysis, lang, mun_labels, sub_labels),
        "metric": metric,
        "bounds": [[float(land[1]), float(land[0])], [float(land[3]), float(land[2])]],
        "choropleth": list(CHOROPLETH_COLOURS), "hs": hotspot_data,
        "index_colours": list(INDEX_COLOURS), "circle_colour": CIRCLE_COLOUR,
        "page": {**page_labels(lang), **({} if novex_indicative else {"t_novex": _novex_label(nvx)})},
        "pop_words": population_date_words(region.population["reference_date"], lang),
        "sources": _sources(analysis, source, lang, novex_indicative),
        "has_samples": analysis.has_samples,
        "lang": lang,
    })
    ProjectLayer(payload, groups, encoder).add_to(fmap)
    notes = [msg("labels.source_cbs", lang=lang)]
    if novex_indicative:
        notes.append(msg("labels.novex_short_notice", lang=lang))
    if analysis.has_samples:
        notes.append(msg("labels.source_samples", lang=lang))
    Attribution(escape(" · ".join(notes))).add_to(fmap)
    return fmap


def build_map(projects: gpd.GeoDataFrame | str | Path | None = None,
              metric: str = DEFAULT_METRIC,
              lang: str = "nl", region: Region | None = None,
              show_ijmeerlijn: bool = True, tiles: str = "osm") -> folium.Map:
    """Build the investment map.

    Parameters
    ----------
    projects
        A GeoDataFrame of projects, a path of a project file, or ``None`` for the
        built-in (fictitious) sample projects.
    metric
        What the page opens with (it can switch): ``"per_inhabitant"``
        (default) or ``"per_km2"`` colour the subregions (rates; zoomed in
        to municipal circles, the municipalities by their own); ``"total"``
        and ``"count"`` leave them plain and size the symbols by euros or by
        projects.
    lang
        ``"nl"`` (default) or ``"en"`` for the map labels.
    region
        Boundary layers from :func:`layers.load_region`; the built-in ones if None.
    show_ijmeerlijn
        Add the planned IJmeerlijn as an optional context line.
    tiles
        Base map: ``"osm"`` (OpenStreetMap), ``"none"`` (no tiles, no network) or
        an xyzservices provider name (see :func:`mapbuilder.tiles.add_basemap`).

    Returns
    -------
    folium.Map
        Show it in a notebook, or ``.save("map.html")``.

    Examples
    --------
    >>> from mapbuilder import build_map
    >>> m = build_map(metric="per_inhabitant", lang="en")  # doctest: +SKIP
    """
    check_lang(lang)
    if metric not in METRICS:
        message = msg("build.unknown_metric", lang=lang, metric=metric, choices=", ".join(METRICS))
        raise UnknownNameError(message)
    region = region or load_region()
    source = "samples"
    if projects is None:
        projects = load_sample_projects()
    elif isinstance(projects, (str, Path)):
        from geo.io import read_projects

        source = Path(projects).name
        projects = read_projects([projects])
    else:
        source = "GeoDataFrame"
    return render_analysis(analyse(projects, region), metric, lang, source, show_ijmeerlijn,
                           tiles)
