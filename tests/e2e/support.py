"""Drive Debian's chromium offline: Leaflet from the vendored copies, nothing else.

The map page loads Leaflet and leaflet.markercluster from CDNs and tiles from
OpenStreetMap. Here every request the page makes to the network is intercepted:
the CDN files are answered from ``mapbuilder/static/vendor/`` and everything else
(tiles) is aborted and recorded, so the browser tests and the README screenshot
need no internet.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, Route

from mapbuilder.snapshot import CHROMIUM, CHROMIUM_ARGS

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "MAP_JS",
    "MapPage",
    "OfflineRoutes",
    "launch_chromium",
    "vendor_file",
]

VENDOR = Path(str(resources.files("mapbuilder") / "static" / "vendor"))

# CDN address -> vendored folder: <VENDOR>/<package>-<version>/<path inside dist>
_CDN = (
    re.compile(r"^https://cdn\.jsdelivr\.net/npm/(?P<pkg>[\w.-]+)@(?P<ver>[\w.-]+)/dist/"
               r"(?P<path>[\w./-]+)$"),
    re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/(?P<pkg>[\w.-]+)/(?P<ver>[\w.-]+)/"
               r"(?P<path>[\w./-]+)$"),
)


def vendor_file(url: str) -> Path | None:
    """The vendored copy of a CDN ``url``, or None if the URL is not a known CDN file."""
    for pattern in _CDN:
        m = pattern.match(url.split("?", 1)[0])
        if m:
            path = (VENDOR / f"{m['pkg']}-{m['ver']}" / m["path"]).resolve()
            if VENDOR.resolve() in path.parents and path.is_file():
                return path
    return None


# The folium map object, found by type rather than by its generated variable name.
MAP_JS = "Object.values(window).find(v => v instanceof L.Map)"


@dataclass
class MapPage:
    """A rendered map open in chromium, with the errors and requests it caused."""

    page: Page
    routes: OfflineRoutes
    errors: list[str] = field(default_factory=list)

    def js(self, body: str, arg: Any = None) -> Any:
        """Evaluate ``body`` (a function of ``map`` and ``arg``) in the page."""
        return self.page.evaluate(f"(arg) => {{ const map = {MAP_JS}; {body} }}", arg)


@dataclass
class OfflineRoutes:
    """Playwright route handler: CDN files from the vendor folder, all else aborted."""

    served: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def __call__(self, route: Route) -> None:
        url = route.request.url
        local = vendor_file(url)
        if local is None:
            self.blocked.append(url)
            route.abort("blockedbyclient")
            return
        self.served.append(url)
        ctype = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=local.read_bytes(), content_type=ctype,
                      headers={"Access-Control-Allow-Origin": "*"})

    def install(self, target: BrowserContext | Page) -> None:
        """Route every http(s) request of ``target`` through this handler."""
        target.route(re.compile(r"^(https?|wss?)://"), self)


def launch_chromium(pw: Playwright, user_data_dir: Path, width: int = 1400,
                    height: int = 900) -> BrowserContext:
    """Debian's chromium, headless, with a fresh profile in ``user_data_dir``."""
    if not CHROMIUM.exists():
        msg = (f"{CHROMIUM} not found. Install Debian's chromium with `make browser` "
               "(apt-get install chromium).")
        raise FileNotFoundError(msg)
    return pw.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
        headless=False,  # --headless=new is in CHROMIUM_ARGS
        viewport={"width": width, "height": height}, locale="nl-NL",
        service_workers="block")
