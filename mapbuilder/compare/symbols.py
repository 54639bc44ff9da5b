"""Proportional circles for totals on the comparison page.

A choropleth of a total (euros, a number of projects) makes a large area look
important because it is large. Totals are therefore drawn as circles whose
*area* is proportional to the value (radius ∝ √value, "absolute scaling"),
over neutral area fills; rates (per inhabitant, per km², shares, location
quotients, the diversity index) stay choropleths.

Radii are in screen pixels (Leaflet ``circleMarker``; in the small multiples,
units of the SVG's 200-wide view box), one scale for every map that is
compared, so the legend's reference circles, drawn at that same scale, are
true at every zoom level. The scale is pure square-root scaling, without
Flannery's apparent-magnitude correction: the page promises "area ∝ value",
and the legend lets a reader check it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.ops import polylabel

from layers.messages import msg
from layers.settings import SETTINGS
from mapbuilder.compare.charts import NO_DATA, format_limit
from mapbuilder.compare.formats import theme_of

__all__ = [
    "CIRCLE_FILL",
    "CIRCLE_OPACITY",
    "CIRCLE_STROKE",
    "NEUTRAL_FILL",
    "R_MAX",
    "R_MIN",
    "CircleScale",
    "circle_legend_html",
    "inner_points",
    "is_total",
    "nice_floor",
    "reference_values",
]

NEUTRAL_FILL = "#ffffff"  # areas under circles: light, so only the circles carry the value
CIRCLE_FILL = "#2b8cbe"
CIRCLE_STROKE = "#084081"
CIRCLE_OPACITY = 0.6  # overlapping circles and the outlines beneath stay visible
# largest radius (px) per level: fewer, larger areas take larger circles
R_MAX = {"subregion": 28.0, "novex": 28.0, "municipality": 18.0}
R_MIN = 2.0  # px: a positive value is at least a dot, never mistaken for zero
_NICE_STEPS = (1.0, 2.0, 3.0, 5.0)
_TOTAL_COLUMNS = ("total_eur", "n_projects")


def is_total(col: str) -> bool:
    """True if column ``col`` holds a total (euros or a count), drawn as circles."""
    if col in _TOTAL_COLUMNS:
        return True
    th = theme_of(col)
    return th is not None and th[0] in ("eur", "n")


@dataclass(frozen=True)
class CircleScale:
    """Radius ``r_max * sqrt(value / v_max)``: circle area proportional to the value.

    A positive value whose circle would be smaller than ``r_min`` is drawn as a
    dot of radius ``r_min`` (the legend says so), so that it never looks like zero.
    """

    v_max: float
    r_max: float
    r_min: float = 0.0

    @classmethod
    def of(cls, values: pd.Series | Sequence[float], r_max: float,
           r_min: float = 0.0) -> CircleScale:
        """The scale whose largest circle (radius ``r_max``) is the largest of ``values``."""
        v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
        finite = v[np.isfinite(v) & (v > 0)]
        return cls(float(finite.max()) if len(finite) else 0.0, float(r_max), float(r_min))

    @property
    def v_dot(self) -> float:
        """The value below which a circle is drawn as a dot of radius ``r_min``."""
        return self.v_max * (self.r_min / self.r_max) ** 2 if self.r_max > 0 else 0.0

    def _values(self, values: pd.Series | Sequence[float] | float) -> np.ndarray:
        return pd.to_numeric(pd.Series(np.atleast_1d(values)), errors="coerce").to_numpy(float)

    def dots(self, values: pd.Series | Sequence[float] | float) -> np.ndarray:
        """Which values are positive but drawn as a dot (their circle would be too small)."""
        v = self._values(values)
        return np.isfinite(v) & (v > 0) & (v < self.v_dot)

    def radius(self, values: pd.Series | Sequence[float] | float) -> np.ndarray:
        """Radius of each value; 0 (no circle) for zero, a negative or a missing value."""
        v = self._values(values)
        if self.v_max <= 0:
            return np.zeros(len(v))
        ok = np.isfinite(v) & (v > 0)
        true = self.r_max * np.sqrt(np.where(ok, v, 0.0) / self.v_max)
        return np.where(ok, np.maximum(true, self.r_min), 0.0)


def nice_floor(x: float) -> float:
    """The largest of 1, 2, 3, 5 × 10ⁿ not above ``x`` (``x > 0``)."""
    exp = math.floor(math.log10(x))
    for step in reversed(_NICE_STEPS):
        cand = step * 10.0 ** exp
        if cand <= x * (1 + 1e-12):
            return float(round(cand, max(0, -exp)))
    return float(10.0 ** exp)  # pragma: no cover - 1 × 10ⁿ is never above x


def _round_up(x: float) -> float:
    """``x`` rounded up to two significant digits (74 074 -> 75 000)."""
    if x <= 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(x)) - 1)
    return float(round(math.ceil(x / step - 1e-9) * step, max(0, -int(math.log10(step)))))


def reference_values(scale: CircleScale, n: int = 3, min_radius: float = 4.0) -> list[float]:
    """Up to ``n`` round values for the legend, largest first, none above the largest value.

    The largest is the roundest number not above the largest value; each next
    one is the roundest number not above a quarter of the one before, while its
    circle is at least ``min_radius`` across.
    """
    if scale.v_max <= 0:
        return []
    out = [nice_floor(scale.v_max)]
    while len(out) < n:
        nxt = nice_floor(out[-1] / 4)
        if float(scale.radius(nxt)[0]) < min_radius:
            break
        out.append(nxt)
    return out


def circle_legend_html(scale: CircleScale, col: str, lang: str, title: str = "",
                       no_data: bool = False, box_width: float | None = None,
                       dots: bool = False) -> str:
    """Nested reference circles at the maps' own scale, with rounded values and notes.

    Without ``box_width`` the circles are drawn in screen pixels, as the Leaflet
    maps draw theirs. With it, radii are in units of an SVG view box that wide,
    filling a small multiple's card: the reference circles take their size from
    the card's width (CSS ``--tk-card``), so they match the circles drawn inside
    the multiples at any screen width. With ``dots``, the legend says which
    values are drawn as the smallest dot instead of at scale.
    """
    values = reference_values(scale)
    head = f"<p class='tk-legend-title'>{escape(title)}</p>" if title else ""
    items = [f"<li><i style='background:{NEUTRAL_FILL}'></i>"
             f"{escape(msg('compare.circle_zero', lang=lang))}</li>"]
    if dots:
        limit = _round_up(scale.v_dot)
        dot = msg("compare.circle_dot", lang=lang, value=format_limit(limit, col, lang))
        items.append(f"<li><span class='tk-dot'></span>{escape(dot)}</li>")
    if no_data:
        items.append(f"<li><i style='background:{NO_DATA}'></i>"
                     f"{escape(msg('compare.no_data', lang=lang))}</li>")
    note = f"<p class='tk-small'>{escape(msg('compare.circle_note', lang=lang))}</p>"
    if not values:
        return f"<div class='tk-legend'>{head}<ul>{''.join(items)}</ul>{note}</div>"
    radii = [float(r) for r in scale.radius(values)]
    spoken = f"{msg('compare.circle_note', lang=lang)} " + ", ".join(format_limit(v, col, lang)
                                                       for v in values)
    big = radii[0]
    if box_width:  # sizes as fractions of a multiple's view box width (CSS var)
        rows = "".join(
            f"<li><span class='tk-ref' data-value='{v!r}' data-r='{r:.4f}' "
            f"style='--d:{2 * r / box_width:.6f}'></span>{escape(format_limit(v, col, lang))}</li>"
            for v, r in zip(values, radii, strict=True))
        circles = f"<ul class='tk-ref-list'>{rows}</ul>"
    else:
        height, label_x = 2 * big + 2, 2 * big + 16
        parts, label_y = [], -math.inf
        for v, r in zip(values, radii, strict=True):
            cy, top = height - 1 - r, height - 1 - 2 * r
            label_y = max(top, label_y + 14)  # a line of 12 px text apart at least
            parts.append(
                f"<circle class='tk-ref' data-value='{v!r}' cx='{big + 1:.2f}' cy='{cy:.2f}' "
                f"r='{r:.3f}' fill='{CIRCLE_FILL}' fill-opacity='{CIRCLE_OPACITY / 2}' "
                f"stroke='{CIRCLE_STROKE}' stroke-width='1'/>"
                f"<polyline points='{big + 1:.2f},{top:.2f} {2 * big + 3:.2f},{top:.2f} "
                f"{label_x - 3:.2f},{label_y:.2f}' fill='none' stroke='#555' "
                f"stroke-width='0.8' stroke-dasharray='2 2'/>"
                f"<text x='{label_x:.2f}' y='{label_y:.2f}' dominant-baseline='middle'>"
                f"{escape(format_limit(v, col, lang))}</text>")
        # the text can be wider than its estimate: overflow stays visible, the box is
        # reserved with a right margin in CSS
        circles = (f"<svg class='tk-circles' width='{label_x + 80:.0f}' "
                   f"height='{max(height, label_y + 7) + 8:.0f}' role='img' "
                   f"aria-label='{escape(spoken, quote=True)}'>"
                   f"<g transform='translate(0 7)'>{''.join(parts)}</g></svg>")
    return (f"<div class='tk-legend tk-circle-legend'>{head}<div class='tk-circle-key'>"
            f"{circles}<div class='tk-circle-notes'><ul>{''.join(items)}</ul>{note}</div>"
            f"</div></div>")


def inner_points(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """A point well inside each area (EPSG:28992), where no other area lies if possible.

    Labels and circles go there.

    NOVEX areas overlap, and smaller areas are drawn on top of larger ones: the
    label of an area goes on the part of it that no smaller area covers.
    """
    rd = geoms.to_crs(SETTINGS.crs_metric)
    own = rd.copy()
    area = rd.area.fillna(0.0).to_numpy()
    for i, geom in enumerate(rd):
        if geom is None or geom.is_empty:
            continue
        others = rd[area < area[i]].dropna()  # drawn on top of this one (smaller first)
        if len(others) and others.intersects(geom).any():
            alone = geom.difference(others.union_all()).buffer(-250)
            if not alone.is_empty and alone.area > 0.05 * geom.area:
                own.iloc[i] = alone
    # the pole of inaccessibility of the largest part: the point farthest from its edges
    points = [None if g is None or g.is_empty else polylabel(
        max(getattr(g, "geoms", [g]), key=lambda p: p.area), tolerance=100) for g in own]
    return gpd.GeoSeries(points, index=geoms.index, crs=SETTINGS.crs_metric)
