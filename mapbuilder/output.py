"""Writing generated files atomically (a reader never sees half a file).

Every ``--out`` goes through :func:`geo._atomic.atomic_write_bytes`: a symlink is
followed (the file it points to is replaced, the link stays), a device file, FIFO
or directory is refused with a message instead of being replaced, and a full or
read-only disk is reported naming the output file, never the temporary one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo._atomic import atomic_write_bytes
from layers.messages import msg

__all__ = ["atomic_write_text", "map_page", "write_html"]


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`geo._atomic.atomic_write_bytes`.

    Raises
    ------
    TransitiekaartError
        If ``path`` is a directory, device, FIFO or read-only file, or the write
        failed (full disk, no permission); the file is then unchanged.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))


def map_page(fmap: Any, assets: str = "inline", lang: str | None = None,
             title: str | None = None, tile_origins: Iterable[str] | None = None) -> str:
    """The map as one finished HTML page; see :func:`mapbuilder.page.finalise`.

    ``lang`` defaults to the language the map was rendered in (``fmap._tk_lang``,
    else Dutch), ``title`` to the map's title in that language and
    ``tile_origins`` to the hosts of the map's tile layers.
    """
    from mapbuilder.foliummap import raw_render
    from mapbuilder.page import finalise
    from mapbuilder.render import page_html, project_layers
    from mapbuilder.tiles import map_tile_origins

    lang = lang or getattr(fmap, "_tk_lang", None) or "nl"
    layers = project_layers(fmap)
    for layer in layers:  # compressed beside folium's rendering and finalise
        layer.start_encoding()
    with raw_render():  # folium's rendering, finished here (not by the map's own figure)
        html = page_html(fmap, data=False)
    # the project data is inert base64 text: finalise need not scan megabytes of it
    html = finalise(html, assets=assets, lang=lang,
                    title=msg("labels.title", lang=lang) if title is None else title,
                    tile_origins=map_tile_origins(fmap) if tile_origins is None
                    else tile_origins)
    for layer in layers:
        html = layer.fill_data(html)
    return html


def write_html(fmap: Any, path: str | Path, assets: str = "inline", lang: str | None = None,
               title: str | None = None, tile_origins: Iterable[str] | None = None) -> Path:
    """Render a folium map as one self-contained page and write it atomically.

    ``assets="cdn"`` links Leaflet from its CDN instead of inlining it; see
    :func:`map_page` for the other parameters.
    """
    return atomic_write_text(path, map_page(fmap, assets, lang, title, tile_origins))
