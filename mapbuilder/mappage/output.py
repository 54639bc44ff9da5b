"""The finished map page, and the folium map that keeps folium's promises.

:func:`mapbuilder.build_map` returns an :class:`InvestmentMap`: a
:class:`folium.Map` whose root :class:`PageFigure` renders the finished page,
the same self-contained, CSP-protected HTML that ``transitiekaart build``
writes (:func:`map_page`). So folium's own ways work:

- ``m.save("map.html")`` writes that page (atomically, for a path);
- ``m.get_root().render()`` returns it;
- in a notebook, ``m`` shows inline (``_repr_html_``): as folium does, an
  ``<iframe srcdoc>`` holding the whole page. The page's own
  Content-Security-Policy travels with it and allows its inline scripts by
  hash, so all layers (the canvas project layer too) draw inside the frame.

The project layer keeps its script and payload out of branca's templates
(:class:`mapbuilder.mappage.points.ProjectLayer`); the tokens it leaves are filled when
the page is finished. Code that needs folium's plain rendering (the step before
the page is finished) renders inside :func:`raw_render`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

import folium
from branca.element import Figure

from layers.atomic import atomic_write_text
from layers.messages import msg
from mapbuilder.mappage.points import ProjectLayer
from mapbuilder.page import finalise
from mapbuilder.tiles import map_tile_origins

__all__ = ["InvestmentMap", "PageFigure", "map_page", "page_html", "project_layers", "raw_render",
           "write_html"]

_RAW: ContextVar[bool] = ContextVar("transitiekaart_raw_render", default=False)


@contextmanager
def raw_render() -> Iterator[None]:
    """Within the block, :meth:`PageFigure.render` gives folium's plain rendering.

    :func:`mapbuilder.mappage.output.map_page` finishes that rendering (assets inline,
    ``lang``, title, CSP); without this, rendering a :class:`PageFigure` would
    finish the page twice.
    """
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)


class PageFigure(Figure):
    """A branca Figure whose :meth:`render` returns the map's finished page.

    Parameters
    ----------
    assets
        ``"inline"`` (default): one self-contained file; ``"cdn"``: Leaflet from
        its CDN, pinned with Subresource Integrity.
    **kwargs
        Passed to :class:`branca.element.Figure` (width, height, ratio, ...).
    """

    def __init__(self, assets: str = "inline", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assets = assets

    def _map(self) -> folium.Map | None:
        maps = [c for c in self._children.values() if isinstance(c, folium.Map)]
        return maps[0] if len(maps) == 1 else None

    def render(self, **kwargs: Any) -> str:
        """The finished page (see :func:`mapbuilder.mappage.output.map_page`).

        Inside :func:`raw_render`, or for a figure that does not hold exactly
        one map, branca's plain rendering.
        """
        fmap = self._map()
        if _RAW.get() or fmap is None:
            return super().render(**kwargs)
        return map_page(fmap, assets=kwargs.get("assets", self.assets))


class InvestmentMap(folium.Map):
    """A :class:`folium.Map` that renders, saves and displays the finished page.

    Takes :class:`folium.Map`'s arguments. :func:`mapbuilder.build_map` and
    :func:`mapbuilder.mappage.render.render_analysis` return one.

    Examples
    --------
    >>> from mapbuilder import build_map
    >>> m = build_map(tiles="none")  # doctest: +SKIP
    >>> m.save("map.html")  # doctest: +SKIP
    >>> html = m.get_root().render()  # doctest: +SKIP
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # folium puts every Map in a plain Figure; ours finishes the page
        PageFigure().add_child(self)

    def page(self, assets: str = "inline") -> str:
        """The finished page as text; ``assets="cdn"`` links Leaflet from its CDN."""
        return map_page(self, assets=assets)

    def save(self, outfile: str | Path | IO[bytes], close_file: bool = True,
             assets: str = "inline", **kwargs: Any) -> None:
        """Write the finished page to ``outfile`` (a path, or a binary file object).

        A path is written atomically: a reader never sees half a page, and a
        failed write leaves the old file as it was.

        Parameters
        ----------
        outfile
            Where to write, e.g. ``"map.html"``.
        close_file
            Close a file object after writing (as :meth:`folium.Map.save`).
        assets
            ``"inline"`` (default) or ``"cdn"``; see :class:`PageFigure`.
        **kwargs
            Accepted for compatibility with :meth:`folium.Map.save`; unused.
        """
        if isinstance(outfile, (str, Path)):
            atomic_write_text(outfile, self.page(assets))
            return
        outfile.write(self.page(assets).encode("utf-8"))
        if close_file:
            outfile.close()

    def _repr_html_(self, **kwargs: Any) -> str:
        """The map inline in a notebook: an iframe whose ``srcdoc`` is the finished page."""
        root = self.get_root()
        if not isinstance(root, PageFigure):  # added to some other figure: be ours again
            PageFigure().add_child(self)
            root = self.get_root()
        return root._repr_html_(**kwargs)


def project_layers(fmap: folium.Map) -> list[ProjectLayer]:
    """The map's project layers (:class:`mapbuilder.mappage.points.ProjectLayer`)."""
    return [c for c in fmap._children.values() if isinstance(c, ProjectLayer)]


def page_html(fmap: folium.Map, data: bool = True) -> str:
    """The map's whole HTML page as folium renders it, with large data blocks filled in.

    Large payloads are kept out of branca's template rendering and put in here;
    with ``data=False`` the project data stays a token, for
    :meth:`mapbuilder.mappage.points.ProjectLayer.fill_data` to fill in later.
    """
    html = fmap.get_root().render()
    for layer in project_layers(fmap):
        html = layer.fill(html, data=data)
    return html


def map_page(fmap: Any, assets: str = "inline", lang: str | None = None,
             title: str | None = None, tile_origins: Iterable[str] | None = None) -> str:
    """The map as one finished HTML page; see :func:`mapbuilder.page.finalise`.

    ``lang`` defaults to the language the map was rendered in (``fmap._tk_lang``,
    else Dutch), ``title`` to the map's title in that language and
    ``tile_origins`` to the hosts of the map's tile layers.
    """
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
