"""Save a picture of the default map for the README: ``docs/map.png``.

Run from the repository root, after ``make browser``::

    .venv/bin/python -m tests.e2e.screenshot [--out docs/map.png] [--lang nl]
    .venv/bin/python -m tests.e2e.screenshot --phone --out docs/map_phone.png

The map is built without tiles and opened offline, as ``build --png`` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run by path: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mapbuilder import build_map
from mapbuilder.mappage.output import write_html
from mapbuilder.snapshot import snapshot


def take_screenshot(out: Path, lang: str = "nl", phone: bool = False) -> Path:
    """Build the default map (no tiles), open it in chromium offline, save a PNG.

    ``phone``: at 390 x 844 CSS pixels (a phone held upright) instead of 1400 x 900.
    """
    with tempfile.TemporaryDirectory(prefix="transitiekaart-shot-") as tmp:
        page = write_html(build_map(lang=lang, tiles="none"), Path(tmp) / "map.html",
                          lang=lang)
        if phone:  # the page as it is on a phone, buttons and all
            return snapshot(page, out, width=390, height=844, controls=True)
        return snapshot(page, out)  # as build --png draws it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/map.png"))
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--phone", action="store_true", help="390 x 844 instead of 1400 x 900")
    args = parser.parse_args(argv)
    print(take_screenshot(args.out, args.lang, args.phone))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
