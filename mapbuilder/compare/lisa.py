"""The comparison page's section on spatial clustering: Moran's I and a small LISA map.

The global Moran's I lines (:func:`mapbuilder.compare.formats.moran_notes`), a
small SVG map of the municipalities coloured by their LISA cluster (when the
table is by municipality: it has the ``lisa`` column of
:func:`geo.comparison.compare`), its legend, and the definitions of Gi*,
Moran's I and the FDR correction with their references.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.comparison import AREA_WIDE_KEY
from layers.messages import msg
from mapbuilder.compare.charts import svg_paths
from mapbuilder.compare.formats import format_value, moran_notes
from mapbuilder.i18n import spatial_definitions

if TYPE_CHECKING:
    from geo.comparison import Comparison

__all__ = ["LISA_COLOURS", "LISA_CSS", "lisa_section"]

# GeoDa's LISA cluster colours
LISA_COLOURS: dict[str, str] = {"high-high": "#d7191c", "low-low": "#2c7bb6",
                                "high-low": "#fdae61", "low-high": "#abd9e9",
                                "ns": "#f0f0f0"}
_WIDTH = 200.0

LISA_CSS = """
#tk-lisa .tk-lisa-wrap{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
#tk-lisa figure{margin:0;flex:0 1 360px;min-width:0}
#tk-lisa svg{display:block;width:100%;height:auto}
#tk-lisa path{stroke:#333;stroke-width:.6;fill-rule:evenodd}
#tk-lisa .tk-lisa-key{list-style:none;padding:0;margin:0;font-size:13px}
#tk-lisa .tk-lisa-key li{display:flex;gap:6px;align-items:center;margin:2px 0}
#tk-lisa .tk-lisa-key span{display:inline-block;width:14px;height:14px;border:1px solid #555}
#tk-lisa .tk-lisa-defs p{max-width:70ch}
"""


def _map(table: pd.DataFrame, geoms: gpd.GeoSeries, lang: str) -> str:
    rows = table.drop(index=AREA_WIDE_KEY, errors="ignore")
    paths, height, _ = svg_paths(geoms.reindex(rows.index), _WIDTH)
    shapes = []
    for d, name, label in zip(paths, rows["name"], rows["lisa"], strict=True):
        fill = LISA_COLOURS.get(label, "#ffffff") if isinstance(label, str) else "#ffffff"
        tip = f"{escape(str(name))}: {escape(format_value('lisa', label, lang))}"
        shapes.append(f"<path d='{d}' fill='{fill}' data-lisa='{escape(str(label))}'>"
                      f"<title>{tip}</title></path>")
    key = "".join(f"<li><span style='background:{c}'></span>"
                  f"{escape(msg(f'compare.lisa_{k}', lang=lang))}</li>"
                  for k, c in LISA_COLOURS.items())
    title = msg("compare.lisa_col", lang=lang)
    return (f"<figure><svg viewBox='0 0 {_WIDTH:g} {height:.0f}' role='img' "
            f"aria-label='{escape(title, quote=True)}'>{''.join(shapes)}</svg>"
            f"<figcaption class='tk-small'>{escape(title)}</figcaption></figure>"
            f"<ul class='tk-lisa-key'>{key}</ul>")


def lisa_section(result: Comparison, geoms: gpd.GeoSeries, lang: str) -> str:
    """The ``<section id="tk-lisa">`` of the comparison page."""
    table = result.table
    lines = "".join(f"<p>{escape(n)}</p>" for n in moran_notes(result, lang))
    has_map = "lisa" in table.columns and table["lisa"].notna().any()
    body = _map(table, geoms, lang) if has_map else ""
    if "lisa" not in table.columns:
        body = f"<p class='tk-small'>{escape(msg('compare.lisa_only_mun', lang=lang))}</p>"
    defs = "".join(f"<p class='tk-small'>{escape(p)}</p>" for p in spatial_definitions(lang))
    section = escape(msg("compare.lisa_section", lang=lang))
    return (f"<section id='tk-lisa'><h2>{section}</h2>{lines}"
            f"<div class='tk-lisa-wrap'>{body}</div>"
            f"<div class='tk-lisa-defs'>{defs}</div></section>")
