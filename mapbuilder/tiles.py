"""The base map under the layers: OpenStreetMap, none, or any xyzservices provider.

:func:`add_basemap` adds the tile layer and returns the origins its tiles come
from, for the page's Content-Security-Policy (:func:`mapbuilder.page.finalise`).
Every data layer is drawn by the page itself, so a map whose tiles cannot load
(offline, blocked) still shows all of them on a neutral background.
"""

from __future__ import annotations

import difflib
from typing import Any
from urllib.parse import urlsplit

from branca.element import Element

from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import format_number
from layers.messages import msg

__all__ = [
    "BACKGROUND",
    "DEFAULT_TILES",
    "NO_TILES",
    "add_basemap",
    "map_tile_origins",
    "provider",
    "tile_origins",
    "url_origins",
]

DEFAULT_TILES = "osm"
NO_TILES = "none"
# the map's background colour, seen where no tile is drawn (or with --tiles none)
BACKGROUND = "#f2f1ec"
_OPACITY = 0.55  # tiles fade behind the choropleth


def _all_names() -> list[str]:
    import xyzservices.providers as xp

    return sorted(xp.flatten())


def provider(name: str) -> Any:
    """The xyzservices provider for ``name`` ("osm" is OpenStreetMap.Mapnik)."""
    import xyzservices.providers as xp

    if name.strip().lower() in (DEFAULT_TILES, "openstreetmap"):
        return xp.OpenStreetMap.Mapnik
    try:
        tp = xp.query_name(name)
    except ValueError:
        names = _all_names()
        close = difflib.get_close_matches(name, names, n=4, cutoff=0.5)
        examples = close or ["OpenStreetMap.Mapnik", "OpenTopoMap", "nlmaps.grijs",
                             "Esri.WorldGrayCanvas"]
        message = msg("build.tiles_unknown", name=name, default=DEFAULT_TILES, none=NO_TILES,
                      examples=", ".join(examples), n=format_number(len(names)))
        raise UnknownNameError(message) from None
    if tp.requires_token():
        message = msg("build.tiles_needs_key", name=tp.name, default=DEFAULT_TILES)
        raise TransitiekaartError(message)
    return tp


def url_origins(url: str, subdomains: str | list[str] = "abc", name: str = "") -> list[str]:
    """``scheme://host`` of every server a tile URL template points at."""
    parts = urlsplit(url)
    what = name or msg("build.tiles_layer")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        message = msg("build.tiles_no_address", name=what, url=url)
        raise TransitiekaartError(message)
    hosts = [parts.netloc]
    if "{s}" in parts.netloc:
        hosts = [parts.netloc.replace("{s}", s) for s in subdomains]
    if any("{" in h for h in hosts):
        message = msg("build.tiles_bad_host", name=what, host=parts.netloc)
        raise TransitiekaartError(message)
    return [f"{parts.scheme}://{h}" for h in hosts]


def tile_origins(tp: Any) -> list[str]:
    """The origins of an xyzservices provider's tiles."""
    return url_origins(tp.build_url(fill_subdomain=False, scale_factor=""),
                       tp.get("subdomains", "abc"), tp.name)


def map_tile_origins(fmap: Any) -> list[str]:
    """The origins of every tile layer on a folium map (for the page's CSP)."""
    from folium.raster_layers import TileLayer

    found = list(getattr(fmap, "_tk_tile_origins", []))

    def walk(el: Any) -> None:
        for child in el._children.values():
            if isinstance(child, TileLayer):
                found.extend(url_origins(child.tiles, child.options.get("subdomains", "abc")))
            walk(child)

    walk(fmap)
    return list(dict.fromkeys(found))


def add_basemap(fmap: Any, tiles: str = DEFAULT_TILES, lang: str = "nl") -> list[str]:
    """Add the base map ``tiles`` to ``fmap``; return the tile origins for the CSP.

    ``tiles`` is ``"osm"`` (OpenStreetMap, with its attribution), ``"none"`` (no
    tiles: a neutral background and no network request at all) or an xyzservices
    provider name such as ``"nlmaps.grijs"`` or ``"OpenTopoMap"``. The origins are
    also stored as ``fmap._tk_tile_origins``. ``lang`` is reserved for providers
    with language variants.
    """
    import folium

    del lang  # no provider used here has language variants yet
    css = (f".folium-map.leaflet-container{{background:{BACKGROUND}}}")
    fmap.get_root().header.add_child(Element(f"<style>{css}</style>"), name="tk_basemap_css")
    origins: list[str] = []
    if tiles.strip().lower() != NO_TILES:
        tp = provider(tiles)
        origins = tile_origins(tp)
        folium.TileLayer(tp, name=tp.name, opacity=_OPACITY, control=False).add_to(fmap)
    fmap._tk_tile_origins = origins
    return origins
