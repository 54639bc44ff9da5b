"""What a person sees: the folium map, the comparison page and the CLI."""

from mapbuilder.render import build_map, classify, render_analysis

__all__ = ["build_map", "classify", "render_analysis"]
