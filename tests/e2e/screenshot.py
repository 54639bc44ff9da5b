"""Save a screenshot of the default map for the README: ``docs/map.png``.

Run from the repository root, after ``make browser``::

    .venv/bin/python -m tests.browser.screenshot [--out docs/map.png] [--lang nl]

Leaflet is served from the vendored copies and tiles are blocked (no network),
so the background is plain grey: what the page shows without a tile server.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run by path: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from playwright.sync_api import sync_playwright

from mapbuilder import build_map
from mapbuilder.output import write_html
from tests.browser.support import OfflineRoutes, launch_chromium

READY = "() => !!(window.transitiekaart && window.transitiekaart['theme:digital_infra'])"


def take_screenshot(out: Path, lang: str = "nl", width: int = 1400, height: int = 900) -> Path:
    """Render the default map, open it in chromium offline and save a PNG to ``out``."""
    with tempfile.TemporaryDirectory(prefix="transitiekaart-shot-") as tmp:
        page_path = write_html(build_map(lang=lang), Path(tmp) / "map.html")
        with sync_playwright() as pw:
            context = launch_chromium(pw, Path(tmp) / "profile", width, height)
            try:
                OfflineRoutes().install(context)
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(page_path.as_uri(), wait_until="load")
                page.wait_for_function(READY, timeout=15_000)
                page.wait_for_timeout(500)  # let marker clusters finish animating
                if errors:
                    msg = f"the map page raised JavaScript errors: {errors}"
                    raise RuntimeError(msg)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
            finally:
                context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/map.png"))
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    args = parser.parse_args(argv)
    print(take_screenshot(args.out, args.lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
