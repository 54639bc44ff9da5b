"""Open a map page in Debian's chromium, offline, and measure it.

Every page is opened from ``file://`` in a fresh browser context. Requests to the
network are intercepted, the same way for our page and for explore's:

* Leaflet's JS/CSS from a CDN is answered with Leaflet 1.9.3 from the
  ``xstatic-leaflet`` package (our page has it inline; explore's page links it);
  Leaflet.markercluster's (which FastMarkerCluster's page links, version 1.1.0) with
  1.4.1 from the ``xstatic-leaflet-markercluster`` package;
* any other CDN script or style sheet (jQuery, Bootstrap, Font Awesome, ...) gets
  an empty 200 answer of its content type;
* everything else (map tiles, fonts, images) is aborted.

Measured per page view: the load event (ms since navigation start), the moment
the project layer has drawn (``window.transitiekaart.drawnAt`` if the page sets
it, else the load event plus two animation frames), and the JS heap in use after
a forced garbage collection (CDP ``Performance.getMetrics``: ``JSHeapUsedSize``).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright, Route

from mapbuilder.snapshot import CHROMIUM_ARGS, chromium_path

CHROMIUM = chromium_path()  # the chromium `build --png` and the end-to-end tests drive

__all__ = ["CHROMIUM", "PageView", "chromium_version", "launch", "view_page"]

_LEAFLET = re.compile(r"/leaflet(?:@|/)1\.9\.3/(?:dist/)?(leaflet(?:-src)?\.(?:js|css))$")
# what folium's FastMarkerCluster links (1.1.0), served from xstatic-leaflet-markercluster
_CLUSTER = re.compile(r"/leaflet\.markercluster/[\d.]+/(leaflet\.markercluster(?:-src)?\.js|"
                      r"MarkerCluster(?:\.Default)?\.css)$")
_STUB_TYPES = {".js": "application/javascript", ".css": "text/css"}

# Resolves with performance.now() after the next two animation frames.
_TWO_FRAMES = ("() => new Promise(r => requestAnimationFrame("
               "() => requestAnimationFrame(() => r(performance.now()))))")
_DRAWN_AT = "() => window.transitiekaart && window.transitiekaart.drawnAt"
_LOAD_MS = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"


def _xstatic_cluster() -> Path | None:
    try:
        import xstatic.pkg.leaflet_markercluster as xc  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(xc.BASE_DIR)


def _xstatic_leaflet() -> Path | None:
    try:
        import xstatic.pkg.leaflet as xl  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(xl.BASE_DIR) if xl.VERSION.startswith("1.9.3") else None


@dataclass
class _Routes:
    """The route handler described in the module docstring; counts what it did."""

    leaflet_dir: Path | None = field(default_factory=_xstatic_leaflet)
    cluster_dir: Path | None = field(default_factory=_xstatic_cluster)
    served: int = 0
    stubbed: int = 0
    aborted: int = 0

    def local_file(self, url: str) -> Path | None:
        bare = url.split("?", 1)[0]
        m = _LEAFLET.search(bare)
        if m and self.leaflet_dir and (self.leaflet_dir / m[1]).is_file():
            return self.leaflet_dir / m[1]
        m = _CLUSTER.search(bare)
        if m and self.cluster_dir and (self.cluster_dir / m[1]).is_file():
            return self.cluster_dir / m[1]
        return None

    def __call__(self, route: Route) -> None:
        url = route.request.url
        local = self.local_file(url)
        if local is not None:
            self.served += 1
            ctype = _STUB_TYPES.get(local.suffix, "application/octet-stream")
            route.fulfill(status=200, body=local.read_bytes(), content_type=ctype,
                          headers={"Access-Control-Allow-Origin": "*"})
            return
        suffix = Path(url.split("?", 1)[0]).suffix
        if suffix in _STUB_TYPES:
            self.stubbed += 1
            route.fulfill(status=200, body=b"", content_type=_STUB_TYPES[suffix],
                          headers={"Access-Control-Allow-Origin": "*"})
            return
        self.aborted += 1
        route.abort("blockedbyclient")


@dataclass
class PageView:
    """One page view: times in ms since navigation start, heap in bytes."""

    load_ms: float | None = None
    drawn_ms: float | None = None
    drawn_source: str = ""  # "drawnAt", "load+2rAF" or "" if not reached
    js_heap_bytes: int | None = None
    errors: list[str] = field(default_factory=list)
    served: int = 0
    stubbed: int = 0
    aborted: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def launch(pw: Playwright) -> Browser:
    """Debian's chromium, headless."""
    if not CHROMIUM.exists():
        msg = f"{CHROMIUM} not found (make browser)"
        raise FileNotFoundError(msg)
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                              headless=False)  # --headless=new is in CHROMIUM_ARGS


def chromium_version() -> str:
    """``Chromium 1xx...`` as the binary reports it, or '' if it is absent."""
    try:
        out = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except OSError:
        return ""
    return out.strip()


def view_page(browser: Browser, html: Path, timeout_s: float,
              drawn_at: bool) -> PageView:
    """Open ``html`` in a fresh context and measure it (see the module docstring).

    ``drawn_at``: the page sets ``window.transitiekaart.drawnAt``; wait for it.
    Otherwise "drawn" is the load event plus two animation frames.
    A page that does not get there within ``timeout_s`` has ``None`` times and
    the timeout in ``errors``.
    """
    view = PageView()
    routes = _Routes()
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  service_workers="block")
    try:
        context.route(re.compile(r"^(https?|wss?)://"), routes)
        page = context.new_page()
        page.on("pageerror", lambda exc: view.errors.append(f"pageerror: {exc}"))
        timeout_ms = timeout_s * 1000
        page.set_default_timeout(timeout_ms)
        try:
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            view.load_ms = page.evaluate(_LOAD_MS)
            if drawn_at:
                page.wait_for_function(_DRAWN_AT, timeout=timeout_ms)
                view.drawn_ms = page.evaluate(_DRAWN_AT)
                view.drawn_source = "drawnAt"
            else:
                view.drawn_ms = page.evaluate(_TWO_FRAMES)
                view.drawn_source = "load+2rAF"
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"]
                       for m in cdp.send("Performance.getMetrics")["metrics"]}
            view.js_heap_bytes = int(metrics["JSHeapUsedSize"])
        except Exception as exc:  # playwright's TimeoutError, a crashed page
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            view.errors.append(f"{type(exc).__name__}: {first}")
    finally:
        view.served, view.stubbed, view.aborted = routes.served, routes.stubbed, routes.aborted
        context.close()
    return view
