"""What a person sees: the folium map, the comparison page and the CLI.

The names below are imported on first use, so that ``transitiekaart build``
does not pay for the comparison page (and the reverse).
"""

from __future__ import annotations

from layers.lazy import lazy_names

__all__ = [
    "InvestmentMap",
    "build_map",
    "classify",
    "comparison_html",
    "format_comparison",
    "format_head_to_head",
    "render_analysis",
    "write_comparison_page",
]

_HOME = {
    "InvestmentMap": "mapbuilder.mappage.output",
    "build_map": "mapbuilder.mappage.render",
    "classify": "mapbuilder.mappage.render",
    "render_analysis": "mapbuilder.mappage.render",
    "comparison_html": "mapbuilder.compare.page",
    "format_comparison": "mapbuilder.compare.page",
    "format_head_to_head": "mapbuilder.compare.page",
    "write_comparison_page": "mapbuilder.compare.page",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOME)
