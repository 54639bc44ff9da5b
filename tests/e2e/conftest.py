"""Fixtures for the browser tests: one offline chromium, a fresh page per map."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, sync_playwright

from mapbuilder.output import write_html
from tests.browser.support import CHROMIUM, MapPage, OfflineRoutes, launch_chromium

# Resolves once the page has drawn every data layer (the theme layers come last).
READY = "() => !!(window.transitiekaart && window.transitiekaart['theme:digital_infra'])"

@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Debian's chromium with a fresh profile; CDN files served locally, tiles blocked."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run `make browser` (apt-get install chromium) "
                    "to run the browser tests")
    with sync_playwright() as pw:
        context = launch_chromium(pw, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def open_map(chromium: BrowserContext,
             tmp_path: Path) -> Iterator[Callable[[Any], MapPage]]:
    """Write a folium map to ``tmp_path``, open it via file:// and wait until drawn."""
    pages: list[Page] = []

    def _open(fmap: Any, name: str = "map.html") -> MapPage:
        path = write_html(fmap, tmp_path / name)
        routes = OfflineRoutes()
        page = chromium.new_page()
        pages.append(page)
        routes.install(page)
        mp = MapPage(page, routes)
        page.on("pageerror", lambda exc: mp.errors.append(f"pageerror: {exc}"))

        def _console(msg: ConsoleMessage) -> None:
            # an aborted tile shows as "Failed to load resource"; that is intended
            if msg.type == "error" and msg.location.get("url") not in routes.blocked:
                mp.errors.append(f"console.error: {msg.text} ({msg.location})")

        page.on("console", _console)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(READY, timeout=15_000)
        return mp

    yield _open
    for page in pages:
        page.close()
