"""Build the investment map with folium: where the projects land and concentrate."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from geo._errors import UnknownNameError
from geo.analysis import Analysis, analyse
from geo.settings import SETTINGS
from geo.themes import THEMES, get_theme
from layers.boundaries import load_context
from layers.novex import ijmeerlijn
from layers.region import Region, load_region
from layers.samples import load_sample_projects
from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.elements import (
    Attribution,
    FitView,
    HtmlControl,
    LegendSwitch,
    SafeGeoJson,
    add_css,
    display_geometries,
)
from mapbuilder.foliummap import InvestmentMap
from mapbuilder.formatting import format_date, format_eur, format_number, format_percent
from mapbuilder.i18n import METRICS, check_lang, metric_label, metric_unit, t
from mapbuilder.points import ProjectLayer, project_payload
from mapbuilder.tiles import add_basemap

__all__ = ["CHOROPLETH_COLOURS", "build_map", "classify", "page_html", "render_analysis"]

# ColorBrewer YlGnBu (5 classes): sequential and colour-blind safe.
CHOROPLETH_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
# ColorBrewer OrRd (5 classes) for the hexagons, distinct from the subregions.
HEX_COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")

_LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
_LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]

_CSS = """
.tk-panel{background:#fff;padding:8px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);
font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:340px}
.tk-title h1{font-size:16px;margin:0 0 4px}
.tk-title .tk-sample{color:#a50026;font-weight:600;margin:4px 0 0}
.tk-panel table{border-collapse:collapse}
.tk-panel td,.tk-panel th,.tk-tooltip td,.tk-tooltip th,.tk-popup td,.tk-popup th{padding:1px 6px 1px 0;text-align:left;vertical-align:top}
.tk-num{text-align:right!important;font-variant-numeric:tabular-nums}
.tk-legend h4{margin:6px 0 2px;font-size:13px}
.tk-legend .sw{display:inline-block;width:14px;height:12px;margin-right:6px;vertical-align:middle;border:1px solid #555}
.tk-legend .dot,.tk-legend .dash{display:inline-block;width:22px;border-top:2px dashed #000;margin-right:6px;vertical-align:middle}
.tk-label{background:rgba(255,255,255,.85);border:1px dashed #333;font-size:11px;font-weight:600;padding:1px 4px;box-shadow:none}
.tk-title{max-width:300px}
.tk-title td:last-child{white-space:nowrap}
.tk-legend{max-width:340px;max-height:calc(100vh - 420px);overflow-y:auto}
.tk-hex-legend{display:none}
.tk-hex-on .tk-hex-legend{display:block}
.leaflet-control-attribution{max-width:calc(100% - 140px)}
.tk-mix{display:flex;height:8px;width:220px;margin:3px 0}
.tk-mix span{display:block;height:8px}
.tk-small{color:#555;font-size:11px}
.tk-swatch{display:inline-block;width:11px;height:11px;border-radius:50%;border:1px solid #333;vertical-align:middle}
.tk-list{list-style:none;margin:4px 0;padding:0;max-height:220px;overflow:auto}
.tk-link{background:none;border:0;padding:2px 0;font:inherit;color:#0b57a4;cursor:pointer;text-align:left;text-decoration:underline}
.tk-themes div{margin:1px 0}
.tk-over-project,.tk-over-project .leaflet-interactive{cursor:pointer!important}
.tk-over-project .leaflet-tooltip.tk-tooltip:not(.tk-point-tip){display:none}
.tk-project,.tk-project-list{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.tk-project th{font-weight:600;color:#444}
.tk-project .tk-name,.tk-project-list .tk-name{display:block;font-size:14px;margin-bottom:4px}
""" + "".join(f".tk-theme-{i}{{background:{th.colour}}}\n" for i, th in enumerate(THEMES))


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


def _metric_text(metric: str, value: float, lang: str) -> str:
    if metric == "count":
        return format_number(value, 0, lang)
    if metric in ("total", "per_km2"):
        return format_eur(value, lang)
    return format_eur(value, lang, decimals=0)


def _theme_mix_html(row: pd.Series, lang: str) -> str:
    total = float(row["total_eur"])
    if total <= 0:
        return f"<div class='tk-small'>{escape(t('no_projects', lang))}</div>"
    bars, lines = [], []
    for th in THEMES:
        eur = float(row[f"eur_{th.code}"])
        if eur <= 0:
            continue
        share = eur / total
        bars.append(f"<span style='width:{100 * share:.2f}%;background:{th.colour}'></span>")
        lines.append(f"<tr><td><span class='dot' style='background:{th.colour}'></span>"
                     f"{escape(th.label(lang))}</td><td class='tk-num'>"
                     f"{escape(format_percent(share, lang, 0))}</td></tr>")
    return (f"<div class='tk-mix'>{''.join(bars)}</div>"
            f"<table class='tk-legend'>{''.join(lines)}</table>")


def _area_rows(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    date = format_date(str(row["population_date"]), lang)
    return [
        (t("n_projects", lang), format_number(row["n_projects"], 0, lang)),
        (metric_label("total", lang), format_eur(row["total_eur"], lang)),
        (f"{metric_label('per_inhabitant', lang)} ({t('population_date', lang)} {date})",
         format_eur(row["eur_per_inhabitant"], lang)),
        (metric_label("per_km2", lang), format_eur(row["eur_per_km2"], lang)),
        (t("share", lang), format_percent(row["share_of_mra"], lang)),
    ]


def _subregion_tooltip(row: pd.Series, lang: str) -> str:
    cells = "".join(f"<tr><td>{escape(k)}</td><td class='tk-num'>{escape(v)}</td></tr>"
                    for k, v in _area_rows(row, lang))
    return (f"<b>{escape(str(row['name']))}</b><table>{cells}</table>"
            f"<b>{escape(t('theme_mix', lang))}</b>{_theme_mix_html(row, lang)}")


def _subregion_popup(row: pd.Series, mra: pd.Series, n_sub: int, lang: str) -> str:
    """The subregion's figures next to the MRA average (per subregion for totals)."""
    avg = {
        "n_projects": mra["n_projects"] / n_sub,
        "total_eur": mra["total_eur"] / n_sub,
        "eur_per_inhabitant": mra["eur_per_inhabitant"],
        "eur_per_km2": mra["eur_per_km2"],
        "share_of_mra": 1 / n_sub,
    }
    fmt = {
        "n_projects": lambda v: format_number(v, 0 if float(v).is_integer() else 1, lang),
        "total_eur": lambda v: format_eur(v, lang),
        "eur_per_inhabitant": lambda v: format_eur(v, lang),
        "eur_per_km2": lambda v: format_eur(v, lang),
        "share_of_mra": lambda v: format_percent(v, lang),
    }
    labels = {
        "n_projects": t("n_projects", lang),
        "total_eur": metric_label("total", lang),
        "eur_per_inhabitant": metric_label("per_inhabitant", lang),
        "eur_per_km2": metric_label("per_km2", lang),
        "share_of_mra": t("share", lang),
    }
    rows = "".join(
        f"<tr><td>{escape(labels[k])}</td><td class='tk-num'>{escape(fmt[k](row[k]))}</td>"
        f"<td class='tk-num'>{escape(fmt[k](avg[k]))}</td></tr>" for k in labels)
    per_sub = "per deelregio" if lang != "en" else "per subregion"
    note = (f"{t('mra_average', lang)}: {per_sub} "
            f"({t('total', lang).lower()} / {n_sub}) "
            + ("voor aantallen en bedragen; MRA als geheel voor per inwoner en per km²."
               if lang != "en" else
               "for counts and amounts; the MRA as a whole per inhabitant and per km²."))
    date = format_date(str(row["population_date"]), lang)
    return (f"<b>{escape(str(row['name']))}</b>"
            f"<table><tr><th>{escape(t('figure', lang))}</th><th>{escape(str(row['name']))}"
            f"</th><th>{escape(t('mra_average', lang))}</th></tr>{rows}</table>"
            f"<div class='tk-small'>{escape(note)} "
            f"{escape(t('per_inh_note', lang, dates=date))}</div>"
            f"<b>{escape(t('theme_mix', lang))}</b>{_theme_mix_html(row, lang)}")


def _fc(gdf: gpd.GeoDataFrame, props: list[dict[str, Any]]) -> dict[str, Any]:
    """FeatureCollection with the geometries of ``gdf`` (for display) and ``props``."""
    geoms = display_geometries(gdf.geometry)
    feats = [{"type": "Feature", "geometry": g.__geo_interface__, "properties": pr}
             for g, pr in zip(geoms, props, strict=True) if g is not None and not g.is_empty]
    return {"type": "FeatureCollection", "features": feats}


def _legend_html(metric: str, bins: list[float], analysis: Analysis, hex_bins: list[float],
                 lang: str, novex_user: bool) -> str:
    parts = [f"<h4>{escape(t('legend_choropleth', lang, metric=metric_label(metric, lang)))}"
             f" ({escape(metric_unit(metric, lang))})</h4>"]
    lo = 0.0
    for i, hi in enumerate(bins):
        colour = CHOROPLETH_COLOURS[min(i, len(CHOROPLETH_COLOURS) - 1)]
        rng = (_metric_text(metric, hi, lang) if i == 0 and len(bins) <= 1
               else f"{_metric_text(metric, lo, lang)} – {_metric_text(metric, hi, lang)}")
        parts.append(f"<div><span class='sw' style='background:{colour}'></span>"
                     f"{escape(rng)}</div>")
        lo = hi
    counts = analysis.projects["theme"].value_counts()
    rows = "".join(f"<div><span class='tk-swatch tk-theme-{i}'></span> "
                   f"{escape(th.label(lang))} ({escape(format_number(counts.get(th.code, 0), 0, lang))})"
                   f"</div>" for i, th in enumerate(THEMES))
    parts.append(f"<h4>{escape(t('themes', lang))}</h4><div class='tk-themes'>{rows}</div>"
                 f"<div class='tk-small'>{escape(t('themes_hint', lang))}</div>")
    novex_label = t("novex", lang) if not novex_user else "NOVEX"
    names = analysis.region.novex["name_en" if lang == "en" else "name_nl"]
    parts.append(f"<h4>{escape(novex_label)}</h4><div><span class='dash'></span>"
                 f"{escape(', '.join(names))}</div>")
    if not novex_user:
        parts.append(f"<div class='tk-small'>{escape(t('novex_notice', lang))}</div>")
    if hex_bins:  # shown while the hexagon layer is on (see LegendSwitch)
        parts.append(f"<div class='tk-hex-legend'><h4>{escape(t('hexagons', lang))} (€)</h4>")
        lo = 0.0
        for i, hi in enumerate(hex_bins):
            parts.append(f"<div><span class='sw' style='background:{HEX_COLOURS[i]}'></span>"
                         f"{escape(format_eur(lo, lang))} – {escape(format_eur(hi, lang))}"
                         f"</div>")
            lo = hi
        parts.append("</div>")
    return "".join(parts)


def _summary_html(analysis: Analysis, metric: str, source: str, lang: str) -> str:
    mra = analysis.mra.iloc[0]
    subs = analysis.subregions
    col = METRICS[metric][4]
    top = subs[col].idxmax() if subs[col].fillna(0).max() > 0 else None
    theme_tot = {th.code: float(mra[f"eur_{th.code}"]) for th in THEMES}
    top_theme = max(theme_tot, key=theme_tot.get) if any(theme_tot.values()) else None
    rows = [
        (t("n_projects", lang), format_number(mra["n_projects"], 0, lang)),
        (t("mra_total", lang), format_eur(mra["total_eur"], lang)),
        (f"{metric_label('per_inhabitant', lang)}", format_eur(mra["eur_per_inhabitant"], lang)),
    ]
    if top is not None:
        rows.append((f"{t('most', lang)} ({metric_label(metric, lang).lower()})",
                     f"{subs.loc[top, 'name']}: {_metric_text(metric, subs.loc[top, col], lang)}"))
    if top_theme is not None:
        rows.append((t("top_theme", lang),
                     f"{get_theme(top_theme).label(lang)}: "
                     f"{format_eur(theme_tot[top_theme], lang)}"))
    if len(analysis.outside):
        rows.append((t("outside", lang), format_number(len(analysis.outside), 0, lang)))
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    sample = (f"<p class='tk-sample'>{escape(t('sample_notice', lang))}</p>"
              if analysis.has_samples else "")
    dates = format_date(str(mra["population_date"]), lang)
    return (f"<h1>{escape(t('title', lang))}</h1><table>{cells}</table>{sample}"
            f"<div class='tk-small'>{escape(t('per_inh_note', lang, dates=dates))} "
            f"{escape(t('click_hint', lang))}</div>"
            f"<div class='tk-small'>{escape(source_text(source, analysis.has_samples, lang))}</div>")


def _label_positions(areas: gpd.GeoDataFrame, projects: gpd.GeoDataFrame,
                     samples: int = 240, cell: float = 250.0) -> list[list[float]]:
    """Where to put each area's label: the point on its outline farthest from any project.

    Measured in EPSG:28992. Projects count by the ``cell``-metre grid square they
    lie in (a label needs no finer aim, and a million projects shrink to the
    squares they occupy); labels already placed count as obstacles too, so two
    labels do not land on each other. Returns ``[lat, lon]`` per area.
    """
    rd = areas.geometry.to_crs(SETTINGS.crs_metric)
    lonlat = shapely.get_coordinates(projects["point"].values)
    to_rd = Transformer.from_crs(SETTINGS.crs_wgs84, SETTINGS.crs_metric, always_xy=True)
    obstacles = np.column_stack(to_rd.transform(lonlat[:, 0], lonlat[:, 1]))
    if len(obstacles):  # the occupied grid squares, by one integer key each
        ij = np.floor(obstacles / cell).astype(np.int64)
        keys = np.unique(ij[:, 0] * 1_000_000 + ij[:, 1])
        obstacles = (np.column_stack([keys // 1_000_000, keys % 1_000_000]) + 0.5) * cell
    tree = shapely.STRtree(shapely.points(obstacles)) if len(obstacles) else None
    fractions = np.linspace(0, 1, samples, endpoint=False)
    chosen: list[np.ndarray] = []
    for geom in rd:
        outline = shapely.line_merge(geom.boundary)
        if outline.geom_type == "MultiLineString":  # label the longest ring
            outline = max(outline.geoms, key=lambda g: g.length)
        xy = shapely.get_coordinates(
            shapely.line_interpolate_point(outline, fractions, normalized=True))
        d = np.full(len(xy), np.inf)
        if tree is not None:  # distance to the nearest occupied square
            idx, dist = tree.query_nearest(shapely.points(xy), return_distance=True,
                                           all_matches=False)
            d[idx[0]] = dist
        for placed in chosen:  # labels already placed are obstacles too
            d = np.minimum(d, np.hypot(*(xy - placed).T))
        chosen.append(xy[int(np.argmax(d))] if np.isfinite(d).any() else xy[0])
    pts = gpd.GeoSeries(shapely.points(np.asarray(chosen)), crs=SETTINGS.crs_metric)
    ll = pts.to_crs(SETTINGS.crs_wgs84)
    return [[float(p.y), float(p.x)] for p in ll]


def source_text(source: str, has_samples: bool, lang: str) -> str:
    """'projects: <where from>' in the page's language.

    ``source`` is ``"samples"``, ``"register:<file name>"`` or file names.
    """
    if source in ("", "samples"):
        return t("source_samples", lang) if has_samples else ""
    if source.startswith("register:"):
        return t("source_register", lang, name=source.split(":", 1)[1])
    return t("source_user", lang, source=source)


def render_analysis(analysis: Analysis, metric: str = "total", lang: str = "nl",
                    source: str = "", show_ijmeerlijn: bool = True,
                    tiles: str = "osm") -> folium.Map:
    """Draw an :class:`~geo.analysis.Analysis` as a folium map.

    See :func:`build_map` for the parameters.
    """
    check_lang(lang)
    if metric not in METRICS:
        msg = f"Unknown metric {metric!r}. Use one of: {', '.join(METRICS)}."
        raise UnknownNameError(msg)
    region = analysis.region
    bounds = region.municipalities.total_bounds  # lon/lat
    fmap = InvestmentMap(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                      zoom_start=10, tiles=None, prefer_canvas=True, control_scale=True,
                      zoomSnap=0.25)
    fmap.default_js = _LEAFLET_JS  # no jQuery, Bootstrap, Font Awesome, awesome-markers
    fmap.default_css = _LEAFLET_CSS
    fmap._tk_lang = lang  # the page's lang and title follow (mapbuilder.output.map_page)
    add_basemap(fmap, tiles, lang)
    # keep the region clear of the panels: title and legend left, layer control right
    FitView([[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
            padding_top_left=(330, 10), padding_bottom_right=(400, 10)).add_to(fmap)
    add_css(fmap, _CSS)

    # context ring
    ctx = load_context()
    ctx_fg = folium.FeatureGroup(name=t("context", lang), control=False).add_to(fmap)
    SafeGeoJson(_fc(ctx, [{"_style": {"color": "#999", "weight": 0.6, "fillColor": "#ddd",
                                      "fillOpacity": 0.35}} for _ in range(len(ctx))]),
                "context", interactive=False).add_to(ctx_fg)

    # subregion choropleth
    subs = analysis.subregions
    col = METRICS[metric][4]
    yb, bins = classify(subs[col])
    mra_row = analysis.mra.iloc[0]
    props = []
    for (_, row), cls in zip(subs.iterrows(), yb, strict=True):
        colour = CHOROPLETH_COLOURS[cls] if cls >= 0 else "#cccccc"
        props.append({
            "subregion": str(row["name"]),
            "metric": None if pd.isna(row[col]) else float(row[col]),
            "class": int(cls),
            "_style": {"color": "#333", "weight": 1.5, "fillColor": colour,
                       "fillOpacity": 0.7},
            "_tooltip": _subregion_tooltip(row, lang),
            "_popup": _subregion_popup(row, mra_row, len(subs), lang),
        })
    sub_gdf = region.subregions.set_index("subregion").loc[subs.index]
    sub_fg = folium.FeatureGroup(
        name=f"{t('subregions', lang)}: {metric_label(metric, lang)}").add_to(fmap)
    SafeGeoJson(_fc(sub_gdf, props), "subregions", highlight=True).add_to(sub_fg)

    # hexagon concentration
    hexes = analysis.hexagons
    hex_yb, hex_bins = classify(hexes["total_eur"]) if len(hexes) else (np.array([]), [])
    hex_props = [{
        "h3": r.h3, "n_projects": int(r.n_projects), "total_eur": float(r.total_eur),
        "_style": {"color": "#7f0000", "weight": 0.5,
                   "fillColor": HEX_COLOURS[max(int(c), 0)], "fillOpacity": 0.75},
        "_tooltip": (f"<b>{escape(format_eur(r.total_eur, lang))}</b><br>"
                     f"{int(r.n_projects)} {escape(t('n_hex', lang))}<br>"
                     f"{escape(t('top_theme', lang))}: "
                     f"{escape(get_theme(r.top_theme).label(lang))}"),
    } for r, c in zip(hexes.itertuples(), hex_yb, strict=True)]
    hex_fg = folium.FeatureGroup(name=t("hexagons", lang), show=False).add_to(fmap)
    SafeGeoJson(_fc(hexes, hex_props), "hexagons").add_to(hex_fg)
    LegendSwitch(hex_fg, "tk-hex-on").add_to(fmap)

    # municipal outlines
    mun = region.municipalities
    mun_fg = folium.FeatureGroup(name=t("municipalities", lang)).add_to(fmap)
    SafeGeoJson(_fc(mun, [{"code": c, "name": n, "_style": {
        "color": "#555", "weight": 0.7, "fill": False}}
        for c, n in zip(mun["code"], mun["name"], strict=True)]),
        "municipalities", interactive=False).add_to(mun_fg)

    # NOVEX areas: dashed outlines with a permanent label
    nvx = region.novex
    name_col = "name_en" if lang == "en" else "name_nl"
    nvx_props = []
    label_points = _label_positions(nvx, analysis.projects)
    for i, (_, r) in enumerate(nvx.iterrows()):
        at = label_points[i]
        basis = (f" ({t('indicative', lang)})" if r["basis"] == "indicative" else "")
        nvx_props.append({
            "code": str(r["code"]), "name": str(r[name_col]), "basis": str(r["basis"]),
            "method": str(r["method"]),
            "_style": {"color": "#000", "weight": 2, "dashArray": "8 6", "fill": False},
            "_label": escape(f"{r[name_col]}{basis}"), "_label_at": at,
        })
    nvx_fg = folium.FeatureGroup(name=t("novex", lang)).add_to(fmap)
    SafeGeoJson(_fc(nvx, nvx_props), "novex", interactive=False).add_to(nvx_fg)
    if show_ijmeerlijn:
        line = ijmeerlijn()
        ij_fg = folium.FeatureGroup(name=t("ijmeerlijn", lang), show=False).add_to(fmap)
        SafeGeoJson(_fc(line, [{"name": str(line[name_col].iloc[0]),
                                "_style": {"color": "#000", "weight": 3, "dashArray": "2 6"},
                                "_tooltip": escape(t("ijmeerlijn", lang))}]),
                    "ijmeerlijn").add_to(ij_fg)

    # the projects: one canvas layer, clustered when zoomed out; a switch per theme
    control = folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    mun_table = region.municipalities[["name", "subregion"]]
    payload = project_payload(analysis.projects, list(nvx["code"]), list(nvx[name_col]),
                              mun_table, lang)
    ProjectLayer(payload, control).add_to(fmap)
    HtmlControl(_summary_html(analysis, metric, source, lang), "topleft",
                "tk-title").add_to(fmap)
    HtmlControl(_legend_html(metric, bins, analysis, hex_bins, lang,
                             novex_user=bool((nvx["basis"] != "indicative").all())),
                "bottomright", "tk-legend").add_to(fmap)
    notes = [t("source_cbs", lang)]
    if (nvx["basis"] == "indicative").any():
        notes.append(t("novex_short_notice", lang))
    if analysis.has_samples:
        notes.append(t("source_samples", lang))
    Attribution(escape(" · ".join(notes))).add_to(fmap)
    return fmap


def build_map(projects: gpd.GeoDataFrame | str | Path | None = None, metric: str = "total",
              lang: str = "nl", region: Region | None = None,
              show_ijmeerlijn: bool = True, tiles: str = "osm") -> folium.Map:
    """Build the investment map.

    Parameters
    ----------
    projects
        A GeoDataFrame of projects, a path of a project file, or ``None`` for the
        built-in (fictitious) sample projects.
    metric
        Choropleth of the subregions: ``"total"``, ``"per_inhabitant"``,
        ``"per_km2"`` or ``"count"``.
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
        msg = f"Unknown metric {metric!r}. Use one of: {', '.join(METRICS)}."
        raise UnknownNameError(msg)
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


def page_html(fmap: folium.Map) -> str:
    """The map's whole HTML page as folium renders it, with large data blocks filled in.

    Large payloads are kept out of branca's template rendering and put in here.
    """
    html = fmap.get_root().render()
    for child in list(fmap._children.values()):
        if isinstance(child, ProjectLayer):
            html = child.fill(html)
    return html
