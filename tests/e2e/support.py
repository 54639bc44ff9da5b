"""Drive Debian's chromium with every network request blocked.

The built page is self-contained (Leaflet is inside it), so nothing needs to be
served: every http(s) request the page makes is aborted and recorded. With
``--tiles none`` there must be none at all; with tiles, only tile requests.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route

from mapbuilder.snapshot import CHROMIUM, READY_JS, launch_chromium

__all__ = ["CHROMIUM", "MAP_JS", "BlockedRoutes", "MapPage", "launch_chromium",
           "load_sized", "shots_dir", "watched_page"]

SHOTS_ENV = "TRANSITIEKAART_SHOTS"


def shots_dir() -> Path:
    """Where the end-to-end tests leave screenshots for a person to look at.

    ``$TRANSITIEKAART_SHOTS`` if set, else ``transitiekaart-shots`` in the system's
    temporary folder: never the repository (parallel runs and clones stay clean).
    """
    path = Path(os.environ.get(SHOTS_ENV) or
                Path(tempfile.gettempdir()) / "transitiekaart-shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


# the page's L.Map: published by the page, else found by type
MAP_JS = ("(window.transitiekaart.map || "
          "Object.values(window).find(v => v instanceof L.Map))")


@dataclass
class BlockedRoutes:
    """Playwright route handler: abort every network request and remember it."""

    blocked: list[str] = field(default_factory=list)

    def __call__(self, route: Route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def install(self, target: BrowserContext | Page) -> None:
        """Route every http(s)/ws(s) request of ``target`` through this handler."""
        target.route(re.compile(r"^(https?|wss?)://"), self)


@dataclass
class MapPage:
    """A built map open in chromium, with what went wrong and what it asked for."""

    page: Page
    routes: BlockedRoutes
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that failed, any scheme

    def js(self, body: str, arg: Any = None) -> Any:
        """Evaluate ``body`` (a function of ``map`` and ``arg``) in the page."""
        return self.page.evaluate(f"(arg) => {{ const map = {MAP_JS}; {body} }}", arg)


def watched_page(context: BrowserContext) -> tuple[Page, list[str]]:
    """A new offline page of ``context`` and the list its script errors and warnings go to."""
    pg = context.new_page()
    BlockedRoutes().install(pg)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda m: errors.append(f"{m.type}: {m.text}")
          if m.type in ("error", "warning") else None)
    return pg, errors


def load_sized(pg: Page, path: Path, w: int, h: int, settle: int = 150) -> None:
    """Open the map at ``path`` in a ``w`` x ``h`` viewport and wait until it is drawn."""
    pg.set_viewport_size({"width": w, "height": h})
    pg.goto(path.as_uri(), wait_until="load")
    pg.wait_for_function(READY_JS, timeout=20_000)
    pg.wait_for_timeout(settle)


def printed_fit(pg: Page) -> dict[str, float]:
    """Lay the page out for paper (print media, ``print.before()``), measure where the printed
    panel, its last source and the map end (px), and lay it out for the screen again."""
    pg.emulate_media(media="print")
    fit = pg.evaluate("""() => { window.transitiekaart.print.before();
      const p = document.querySelector('.tk-side').getBoundingClientRect(),
        m = window.transitiekaart.map.getContainer().getBoundingClientRect(),
        li = [...document.querySelectorAll('.tk-sources li')].pop().getBoundingClientRect();
      return {panel: p.bottom, sources: li.bottom, map: m.bottom}; }""")
    pg.emulate_media(media=None)  # (not "screen": page.pdf() would print the screen style)
    pg.evaluate("() => window.transitiekaart.print.after()")
    return fit
