"""Classes, legends, small multiples and the bar chart of the comparison page.

Class limits are rounded to what a reader can say aloud ("€ 12 mln") without
moving any value to another class: between the largest value of one
Fisher-Jenks class and the smallest of the next, the limit is the number with
the fewest significant digits. Classes include their lower limit (the legend
says so), zero has a class of its own, and a missing value is "no data", in a
grey that differs from the map's background.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.lang import MINUS
from layers.messages import msg
from layers.settings import SETTINGS
from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.compare.formats import format_value, value_kind
from mapbuilder.formatting import format_number, format_percent
from mapbuilder.i18n import metric_unit
from mapbuilder.mappage.render import CHOROPLETH_COLOURS

if TYPE_CHECKING:
    from geo.comparison import Comparison

__all__ = [
    "LQ_BREAKS",
    "LQ_COLOURS",
    "NO_DATA",
    "ZERO",
    "Classes",
    "bar_chart",
    "format_limit",
    "legend_html",
    "lq_classes",
    "nice_classes",
    "nice_limit",
    "svg_paths",
]

# Location quotient classes, shared by every small multiple: centred on 1.
LQ_BREAKS: tuple[float, ...] = (0.5, 0.8, 1.25, 2.0)
# ColorBrewer BrBG (5 classes): diverging and colour-blind safe.
LQ_COLOURS: tuple[str, ...] = ("#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571")
# "no data": a mid grey, unlike the map's background (mapbuilder.tiles.BACKGROUND, #f2f1ec)
# and unlike every class colour
NO_DATA = "#a3a3a3"
ZERO = "#ffffff"  # zero: its own class, lighter than the palette's lightest class


@dataclass(frozen=True)
class Classes:
    """Classes of one scale.

    ``limits`` are the lower limits of the second and later non-zero classes: a
    value ``v > 0`` (or any value if there is no zero class) is in class
    ``searchsorted(limits, v, side="right")`` counted after the zero class.
    """

    limits: tuple[float, ...]
    colours: tuple[str, ...]
    labels: tuple[str, ...]
    zero: bool  # the first class is exactly 0
    no_data: bool = False  # some value is missing

    def index(self, values: Sequence[float] | pd.Series) -> np.ndarray:
        """Class number of each value (-1 for a missing value)."""
        v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
        idx = np.searchsorted(np.asarray(self.limits, dtype=float), v, side="right")
        if self.zero:
            idx = np.where(v == 0, 0, idx + 1)
        return np.where(np.isfinite(v), idx, -1)

    def fills(self, values: Sequence[float] | pd.Series) -> list[str]:
        """Fill colour of each value (:data:`NO_DATA` if missing)."""
        return [NO_DATA if i < 0 else self.colours[i] for i in self.index(values)]


def nice_limit(lo: float, hi: float) -> float:
    """The number with the fewest significant digits in ``(lo, hi]`` (``0 <= lo < hi``)."""
    if hi <= 0:
        return hi
    top = math.floor(math.log10(hi))
    for digits in range(1, 16):
        exp = top - digits + 1
        step = 10.0 ** exp
        n = math.floor(hi / step)
        if (n + 1) * step - hi <= abs(hi) * 1e-15:  # hi / step just below a whole number (ulps)
            n += 1
        cand = round(n * step, max(0, -exp))
        if lo < cand <= hi:
            return float(cand)
    return float(hi)


def _decimals(x: float) -> int:
    for d in range(5):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return 4


def format_limit(value: float, col: str, lang: str = "nl") -> str:
    """A class limit as a reader says it: "€ 12 mln", "€ 120", "12,5%", "1,25"."""
    style, _ = value_kind(col)
    if style == "eur" and value < 0:  # the sign before the euro sign, as format_eur
        return MINUS + format_limit(-value, col, lang)
    if style == "eur":
        for size, unit in ((1e9, "bln"), (1e6, "mln")):
            if abs(value) >= size:
                num = format_number(value / size, _decimals(round(value / size, 3)), lang)
                return f"€ {num} {msg(f'compare.{unit}', lang=lang)}" if lang != "en" \
                    else f"€{num}{msg(f'compare.{unit}', lang=lang)}"
        num = format_number(value, _decimals(value), lang)
        return f"€ {num}" if lang != "en" else f"€{num}"
    if style == "pct":
        return format_percent(value, lang, _decimals(round(value * 100, 6)))
    return format_number(value, _decimals(value), lang)


def _labels(limits: list[float], col: str, lang: str, first_from_zero: bool,
            lo_value: float, hi_value: float) -> list[str]:
    if not limits:
        lo, hi = format_limit(lo_value, col, lang), format_limit(hi_value, col, lang)
        return [lo if lo == hi else msg("compare.class_span", lang=lang, lo=lo, hi=hi)]
    shown = [format_limit(x, col, lang) for x in limits]
    first = (msg("compare.class_span", lang=lang, lo=format_limit(0, col, lang), hi=shown[0])
             if first_from_zero else msg("compare.class_under", lang=lang, hi=shown[0]))
    middle = [msg("compare.class_span", lang=lang, lo=a, hi=b)
              for a, b in itertools.pairwise(shown)]
    return [first, *middle, msg("compare.class_from", lang=lang, lo=shown[-1])]


def _spread(palette: Sequence[str], n: int) -> tuple[str, ...]:
    """``n`` colours of ``palette``, from its lightest to its darkest."""
    if n >= len(palette):
        return tuple(palette)
    if n == 1:
        return (palette[len(palette) // 2],)
    return tuple(palette[int(i)] for i in np.linspace(0, len(palette) - 1, n).round())


def nice_classes(values: pd.Series | Sequence[float], col: str, lang: str = "nl",
                 palette: Sequence[str] = CHOROPLETH_COLOURS,
                 k: int = SETTINGS.classes) -> Classes:
    """Rounded Fisher-Jenks classes of ``values`` (column ``col`` gives the notation).

    Zero gets a class of its own; the positive values get at most ``k`` classes
    whose limits are rounded without moving a value to another class.
    """
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    ok = v[np.isfinite(v)]
    no_data = bool(len(ok) < len(v))
    zero = bool((ok == 0).any())
    pos = np.sort(ok[ok != 0]) if zero else np.sort(ok)
    if len(pos) == 0:
        return Classes((), (ZERO,) if zero else (),
                       (msg("compare.class_zero", lang=lang),) if zero else (),
                       zero, no_data)
    distinct = np.unique(pos)
    uppers = ([float(x) for x in distinct[:-1]] if len(distinct) <= k
              else fisher_jenks_bins(pos, k)[:-1])
    limits: list[float] = []
    for hi in uppers:
        above = pos[pos > hi]
        if len(above):
            limits.append(nice_limit(float(hi), float(above[0])))
    limits = sorted(set(limits))
    labels = _labels(limits, col, lang, False, float(pos[0]), float(pos[-1]))
    colours = _spread(palette, len(labels))
    if zero:
        labels = [msg("compare.class_zero", lang=lang), *labels]
        colours = (ZERO, *colours)
    return Classes(tuple(limits), tuple(colours), tuple(labels), zero, no_data)


def lq_classes(values: pd.Series | Sequence[float], lang: str = "nl") -> Classes:
    """The fixed location-quotient classes around 1; the lowest is "0 – 0,5"."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    labels = _labels(list(LQ_BREAKS), "lq_x", lang, True, 0.0, 0.0)
    return Classes(LQ_BREAKS, LQ_COLOURS, tuple(labels), False,
                   bool((~np.isfinite(v)).any()))


def legend_html(classes: Classes, lang: str, caption: str = "") -> str:
    """Swatches and labels of ``classes``, "no data" if drawn, and how limits count."""
    items = [f"<li><i style='background:{c}'></i>{escape(label)}</li>"
             for c, label in zip(classes.colours, classes.labels, strict=True)]
    if classes.no_data:
        items.append(f"<li><i style='background:{NO_DATA}'></i>"
                     f"{escape(msg('compare.no_data', lang=lang))}</li>")
    head = f"<p class='tk-legend-title'>{escape(caption)}</p>" if caption else ""
    note = (f"<p class='tk-small'>{escape(msg('compare.class_note', lang=lang))}</p>"
            if len(classes.labels) > 1 + classes.zero else "")
    return f"<div class='tk-legend'>{head}<ul>{''.join(items)}</ul>{note}</div>"


# ---------------------------------------------------------------- small multiples


def svg_paths(geoms: gpd.GeoSeries,
              width: float) -> tuple[list[str], float, tuple[float, float, float]]:
    """SVG path data of ``geoms`` projected to EPSG:28992, scaled to ``width`` px.

    Returns the paths, the height, and ``(minx, maxy, scale)``: a point ``(x, y)``
    in EPSG:28992 is drawn at ``((x - minx) * scale, (maxy - y) * scale)``.
    """
    rd = geoms.to_crs(SETTINGS.crs_metric).simplify(150)
    minx, miny, maxx, maxy = rd.total_bounds
    scale = width / max(maxx - minx, 1.0)
    paths = []
    for geom in rd:
        parts = []
        polys = [] if geom is None or geom.is_empty else getattr(geom, "geoms", [geom])
        for poly in polys:
            for ring in [poly.exterior, *poly.interiors]:
                xy = np.asarray(ring.coords)[:, :2]
                pts = " ".join(f"{(x - minx) * scale:.1f},{(maxy - y) * scale:.1f}"
                               for x, y in xy)
                parts.append(f"M{pts}Z")
        paths.append("".join(parts))
    return paths, (maxy - miny) * scale, (minx, maxy, scale)


def grid_columns(n: int) -> int:
    """Columns of a balanced grid of ``n`` small multiples (8: 4 + 4, 6: 3 + 3)."""
    if n <= 4:
        return max(n, 1)
    return math.ceil(n / math.ceil(n / 4))


# ---------------------------------------------------------------- bar chart


def bar_chart(result: Comparison, lang: str) -> str:
    """Euros per inhabitant per area, largest first, with the MRA average: HTML bars.

    Bars are plain elements whose width is a percentage of the largest value,
    so the chart reflows to any screen width and prints as drawn.
    """
    col = "eur_per_inhabitant"
    data = result.table[["name", col]].sort_values(col, ascending=False, na_position="last")
    avg = result.mra.get(col)
    finite = [float(v) for v in data[col] if pd.notna(v)]
    top = max([*finite, float(avg or 0.0), 1e-9])
    avg_mark = ""
    if avg is not None:
        avg_mark = f"<span class='tk-bar-avg' style='left:{100 * float(avg) / top:.2f}%'></span>"
    rows = []
    for name, v in zip(data["name"], data[col], strict=True):
        width = 0.0 if pd.isna(v) else 100 * float(v) / top
        txt = format_value(col, v, lang) if pd.notna(v) else msg("labels.not_available", lang=lang)
        rows.append(
            f"<li class='tk-bar'><span class='tk-bar-name'>{escape(str(name))}</span>"
            f"<span class='tk-bar-track'><span class='tk-bar-fill' "
            f"style='width:{width:.2f}%'></span>{avg_mark}</span>"
            f"<span class='tk-bar-value'>{escape(txt)}</span></li>")
    key = ""
    if avg is not None:
        key = (f"<p class='tk-small tk-bar-key'><span class='tk-bar-key-line'></span>"
               f"{escape(msg('compare.bars_avg', lang=lang))}: "
               f"{escape(format_value(col, avg, lang))}</p>")
    unit = metric_unit("per_inhabitant", lang)
    return (f"<ul class='tk-bars' aria-label='{escape(msg('compare.bars', lang=lang), quote=True)} "
            f"({escape(unit, quote=True)})'>{''.join(rows)}</ul>{key}")
