"""A PNG picture of a written map, for slides and reports (``build --png``).

The page is opened from ``file://`` in Debian's chromium, driven by playwright,
with every network request blocked: the picture shows what the page draws by
itself (tiles, which need a network, are left out; the background stays plain).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from layers.errors import TransitiekaartError
from layers.lang import format_number
from layers.messages import msg

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "READY_JS",
    "block_network",
    "check_available",
    "chromium_path",
    "launch_chromium",
    "snapshot",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# true once the page has drawn its project layer (set by the page's point layer)
READY_JS = "() => !!(window.transitiekaart && window.transitiekaart.drawnAt)"

def chromium_path() -> Path:
    """The chromium to drive: ``$TRANSITIEKAART_CHROMIUM``, else Debian's."""
    return Path(os.environ.get("TRANSITIEKAART_CHROMIUM") or CHROMIUM)


def check_available() -> None:
    """Raise a one-line :class:`TransitiekaartError` if playwright or chromium is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = msg("build.png_needs_playwright")
        raise TransitiekaartError(message) from None
    exe = chromium_path()
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        message = msg("build.png_needs_chromium", exe=exe)
        raise TransitiekaartError(message)


def launch_chromium(pw: Any, user_data_dir: Path, width: int = 1400, height: int = 900,
                    locale: str = "nl-NL") -> Any:
    """Headless chromium (a playwright BrowserContext) with a fresh profile."""
    check_available()
    return pw.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=str(chromium_path()), args=CHROMIUM_ARGS,
        headless=False,  # --headless=new is in CHROMIUM_ARGS
        viewport={"width": width, "height": height}, locale=locale,
        service_workers="block")


def block_network(target: Any, blocked: list[str] | None = None) -> None:
    """Abort every http(s)/ws(s) request of a playwright page or context.

    The aborted URLs are appended to ``blocked`` when given.
    """

    def handler(route: Any) -> None:
        if blocked is not None:
            blocked.append(route.request.url)
        route.abort("blockedbyclient")

    target.route(re.compile(r"^(https?|wss?)://"), handler)


def snapshot(html: str | Path, png: str | Path | None = None, width: int = 1400,
             height: int = 900, timeout_s: float = 60, controls: bool = False) -> Path:
    """Save a picture of the map page ``html`` as ``png`` (default: beside it, ``.png``).

    The picture is for slides and reports: the page as it prints (no buttons,
    zoom control or scroll bars; the legend, the figures and the sources in
    full). ``controls=True`` pictures the page as it is on screen instead.

    Raises :class:`TransitiekaartError` when playwright or chromium is missing, when
    the page raises a JavaScript error, or when it has not drawn within ``timeout_s``.
    """
    check_available()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from layers.atomic import atomic_write_bytes

    html = Path(html)
    out = Path(png) if png is not None else html.with_suffix(".png")
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="transitiekaart-png-") as tmp, \
            sync_playwright() as pw:
        try:
            context = launch_chromium(pw, Path(tmp), width, height)
        except PlaywrightError as exc:
            message = msg("build.png_cannot_start", exe=chromium_path(),
                          reason=str(exc).splitlines()[0])
            raise TransitiekaartError(message) from None
        try:
            block_network(context)
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(html.resolve().as_uri(), wait_until="load")
            try:
                page.wait_for_function(READY_JS, timeout=timeout_s * 1000)
            except PlaywrightError:
                seconds = format_number(timeout_s, 0 if float(timeout_s).is_integer() else 1)
                message = msg("build.png_timeout", html=html, seconds=seconds,
                              detail=f": {errors[0]}" if errors else "")
                raise TransitiekaartError(message) from None
            if not controls:  # the print style: what a slide needs, nothing to click
                page.emulate_media(media="print")
            page.wait_for_timeout(200)  # one more frame for labels and canvas
            if errors:
                message = msg("build.png_js_error", html=html, error=errors[0])
                raise TransitiekaartError(message)
            data = page.screenshot(type="png")
        finally:
            context.close()
    return atomic_write_bytes(out, data)
