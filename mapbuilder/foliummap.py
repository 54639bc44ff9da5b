"""The investment map as a folium map that keeps folium's promises.

:func:`mapbuilder.build_map` returns an :class:`InvestmentMap`: a
:class:`folium.Map` whose root :class:`PageFigure` renders the finished page,
the same self-contained, CSP-protected HTML that ``transitiekaart build``
writes (:func:`mapbuilder.output.map_page`). So folium's own ways work:

- ``m.save("map.html")`` writes that page (atomically, for a path);
- ``m.get_root().render()`` returns it;
- in a notebook, ``m`` shows inline (``_repr_html_``): as folium does, an
  ``<iframe srcdoc>`` holding the whole page. The page's own
  Content-Security-Policy travels with it and allows its inline scripts by
  hash, so all layers (the canvas project layer too) draw inside the frame.

The project layer keeps its script and payload out of branca's templates
(:class:`mapbuilder.points.ProjectLayer`); the tokens it leaves are filled when
the page is finished. Code that needs folium's plain rendering (the step before
the page is finished) renders inside :func:`raw_render`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

import folium
from branca.element import Figure

__all__ = ["InvestmentMap", "PageFigure", "raw_render"]

_RAW: ContextVar[bool] = ContextVar("transitiekaart_raw_render", default=False)


@contextmanager
def raw_render() -> Iterator[None]:
    """Within the block, :meth:`PageFigure.render` gives folium's plain rendering.

    :func:`mapbuilder.output.map_page` finishes that rendering (assets inline,
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
        """The finished page (see :func:`mapbuilder.output.map_page`).

        Inside :func:`raw_render`, or for a figure that does not hold exactly
        one map, branca's plain rendering.
        """
        fmap = self._map()
        if _RAW.get() or fmap is None:
            return super().render(**kwargs)
        from mapbuilder.output import map_page

        return map_page(fmap, assets=kwargs.get("assets", self.assets))


class InvestmentMap(folium.Map):
    """A :class:`folium.Map` that renders, saves and displays the finished page.

    Takes :class:`folium.Map`'s arguments. :func:`mapbuilder.build_map` and
    :func:`mapbuilder.render.render_analysis` return one.

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
        from mapbuilder.output import map_page

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
            from mapbuilder.output import atomic_write_text

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
