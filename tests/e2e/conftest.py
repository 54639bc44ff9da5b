"""Fixtures for the end-to-end tests: one offline chromium, a fresh page per map.

Maps are built with the command line (``transitiekaart build``), written where
a person would find them, and opened from ``file://`` with the network blocked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, sync_playwright

from mapbuilder.cli import main as cli_main
from mapbuilder.snapshot import READY_JS
from mapbuilder.snapshot import check_available as chromium_available
from tests.e2e.support import BlockedRoutes, MapPage, launch_chromium, load_sized, watched_page

BuildMap = Callable[..., Path]
OpenMap = Callable[..., MapPage]


@pytest.fixture(scope="session")
def chromium_ok() -> None:
    """Skip unless playwright and Debian's chromium are installed; fail instead when the
    environment variable CI is set, so that a CI run cannot go green without these tests."""
    try:
        chromium_available()
    except ValueError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc}: the end-to-end tests need it, and CI is set "
                        f"(install it with `make browser`)", pytrace=False)
        pytest.skip(f"{exc}: the end-to-end tests need it")


@pytest.fixture(scope="module")
def chromium(chromium_ok: None,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Debian's chromium with a fresh profile, per module: playwright's sync API runs
    an event loop, and later tests (other modules) may start playwright themselves."""
    with sync_playwright() as pw:
        context = launch_chromium(pw, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def build_map_file(tmp_path_factory: pytest.TempPathFactory) -> BuildMap:
    """Run ``transitiekaart build`` with ``args``; the same arguments build once."""
    built: dict[tuple[str, ...], Path] = {}

    def _build(*args: str) -> Path:
        if args not in built:
            out = tmp_path_factory.mktemp("map") / "map.html"
            code = cli_main(["build", "--out", str(out), *args])
            assert code == 0, f"transitiekaart build {' '.join(args)} failed"
            built[args] = out
        return built[args]

    return _build


@pytest.fixture
def open_map(chromium: BrowserContext, tmp_path: Path) -> Iterator[OpenMap]:
    """Open a built map (a path, or a folium map to write) via file:// and wait until drawn."""
    pages: list[Page] = []

    def _open(what: Any, ready: str = READY_JS) -> MapPage:
        if isinstance(what, Path):
            path = what
        else:
            from mapbuilder.mappage.output import write_html

            path = write_html(what, tmp_path / f"map{len(pages)}.html")
        routes = BlockedRoutes()
        page = chromium.new_page()
        pages.append(page)
        routes.install(page)
        mp = MapPage(page, routes)
        page.on("pageerror", lambda exc: mp.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: mp.failed.append(req.url))

        def _console(msg: ConsoleMessage) -> None:
            # an aborted tile shows as "Failed to load resource"; that is intended
            if msg.type == "error" and msg.location.get("url") not in routes.blocked:
                mp.errors.append(f"console.error: {msg.text} ({msg.location})")

        page.on("console", _console)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(ready, timeout=20_000)
        return mp

    yield _open
    for page in pages:
        page.close()


# a phone, a laptop and a large screen: the sizes the map page is tested at (issue 19)
SIZES = [(390, 844), (1366, 768), (1920, 1080)]


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def sized(request: pytest.FixtureRequest, chromium: BrowserContext,
          build_map_file: BuildMap) -> Iterator[tuple[Page, list[str]]]:
    """The default map (no tiles) open at each of :data:`SIZES`, with its errors."""
    pg, errors = watched_page(chromium)
    w, h = request.param
    load_sized(pg, build_map_file("--tiles", "none"), w, h)
    yield pg, errors
    pg.close()
