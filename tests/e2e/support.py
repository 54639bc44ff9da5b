"""Drive Debian's chromium with every network request blocked.

The built page is self-contained (Leaflet is inside it), so nothing needs to be
served: every http(s) request the page makes is aborted and recorded. With
``--tiles none`` there must be none at all; with tiles, only tile requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route

from mapbuilder.snapshot import CHROMIUM, launch_chromium

__all__ = ["CHROMIUM", "MAP_JS", "BlockedRoutes", "MapPage", "launch_chromium"]

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
