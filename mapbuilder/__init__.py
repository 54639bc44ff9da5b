"""What a person sees: the folium map, the comparison page and the CLI."""

from mapbuilder.compare_page import (
    comparison_html,
    format_comparison,
    format_head_to_head,
    write_comparison_page,
)
from mapbuilder.render import build_map, classify, render_analysis

__all__ = [
    "build_map",
    "classify",
    "comparison_html",
    "format_comparison",
    "format_head_to_head",
    "render_analysis",
    "write_comparison_page",
]
