"""The small multiples of the comparison page: one small map per theme, all on one scale.

Location quotients and shares are rates, drawn as choropleths with one set of
classes; euros are totals, drawn as proportional circles (one circle scale for
every theme, see :mod:`mapbuilder.compare.symbols`) over neutral areas. The
maps are SVG in a 200-unit-wide view box that fills its card, so the circle
legend sizes its reference circles from the card's width (CSS container units),
and stays true from phone to print.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.themes import get_theme
from layers.messages import msg
from mapbuilder.compare.charts import (
    NO_DATA,
    grid_columns,
    legend_html,
    lq_classes,
    nice_classes,
    svg_paths,
)
from mapbuilder.compare.formats import format_value
from mapbuilder.compare.symbols import (
    CIRCLE_FILL,
    CIRCLE_OPACITY,
    CIRCLE_STROKE,
    NEUTRAL_FILL,
    CircleScale,
    circle_legend_html,
    inner_points,
)

if TYPE_CHECKING:
    from geo.comparison import Comparison

__all__ = ["MULTIPLE_R_MAX", "MULTIPLE_R_MIN", "SVG_WIDTH", "multiples_html"]

SVG_WIDTH = 200.0  # view box width of a small multiple
# largest circle radius in view box units, per level (fewer areas: larger circles)
MULTIPLE_R_MAX = {"subregion": 14.0, "novex": 14.0, "municipality": 9.0}
MULTIPLE_R_MIN = 1.5  # a positive value is at least a dot this big (view box units)


def _circles(points: gpd.GeoSeries, frame: tuple[float, float, float], radii: np.ndarray,
             tips: list[str]) -> str:
    """SVG circles at ``points`` (EPSG:28992), largest first so smaller ones lie on top."""
    minx, maxy, scale = frame
    x = (points.x.to_numpy() - minx) * scale
    y = (maxy - points.y.to_numpy()) * scale
    order = np.argsort(-radii, kind="stable")
    return "".join(
        f"<circle class='tk-mcircle' cx='{x[i]:.2f}' cy='{y[i]:.2f}' r='{radii[i]:.4f}' "
        f"fill='{CIRCLE_FILL}' fill-opacity='{CIRCLE_OPACITY}' stroke='{CIRCLE_STROKE}' "
        f"stroke-width='0.6'><title>{tips[i]}</title></circle>"
        for i in order if radii[i] > 0 and np.isfinite(x[i]) and np.isfinite(y[i]))


def multiples_html(result: Comparison, geoms: gpd.GeoSeries, kind: str, lang: str) -> str:
    """One small map per theme on one scale (``kind`` lq, eur or share), with its legend."""
    table = result.table
    themes = list(result.themes)
    cols = [f"{kind}_{c}" for c in themes]
    pooled = pd.concat([table[c] for c in cols], ignore_index=True)
    paths, height, frame = svg_paths(geoms, SVG_WIDTH)
    scale = classes = None
    pad = 0.0
    if kind == "eur":  # totals: circles on one scale for all themes
        level = result.level
        scale = CircleScale.of(pooled, MULTIPLE_R_MAX.get(level, MULTIPLE_R_MAX["subregion"]),
                               MULTIPLE_R_MIN)
        points = inner_points(geoms)
        pad = scale.r_max  # the view box leaves room for a circle at the region's edge
        legend = circle_legend_html(scale, cols[0], lang, msg("compare.eur_legend", lang=lang),
                                    no_data=bool(pooled.isna().any()),
                                    box_width=SVG_WIDTH + 2 * pad,
                                    dots=bool(scale.dots(pooled).any()))
    elif kind == "lq":
        classes = lq_classes(pooled, lang)
        legend = legend_html(classes, lang, msg("compare.lq_legend", lang=lang))
    else:
        classes = nice_classes(pooled, cols[0], lang)
        legend = legend_html(
            classes, lang,
            f"{msg('compare.theme_share', lang=lang)} ({msg('compare.share_area', lang=lang)})")
    cards = []
    for code, col in zip(themes, cols, strict=True):
        tips = [f"{escape(str(name))}: {escape(format_value(col, v, lang))}"
                for name, v in zip(table["name"], table[col], strict=True)]
        if classes is not None:
            fills = classes.fills(table[col])
        else:
            fills = [NEUTRAL_FILL if pd.notna(v) else NO_DATA for v in table[col]]
        shapes = "".join(f"<path d='{d}' fill='{f}'><title>{tip}</title></path>"
                         for d, f, tip in zip(paths, fills, tips, strict=True))
        if scale is not None:
            shapes += _circles(points, frame, scale.radius(table[col]), tips)
        label = get_theme(code).label(lang)
        cards.append(f"<figure class='tk-multiple' data-theme='{escape(code, quote=True)}'>"
                     f"<figcaption>{escape(label)}</figcaption>"
                     f"<svg viewBox='{-pad:g} {-pad:g} {SVG_WIDTH + 2 * pad:g} "
                     f"{height + 2 * pad:.0f}' "
                     f"preserveAspectRatio='xMidYMid meet' role='img' "
                     f"aria-label='{escape(label, quote=True)}'>{shapes}</svg></figure>")
    return (f"<div class='tk-mwrap' style='--tk-n:{grid_columns(len(cards))}'>{legend}"
            f"<div class='tk-multiples'>{''.join(cards)}</div></div>")
