"""The picture: map.png from the built map, and ``build --png``."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.support import shots_dir

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``transitiekaart ARGS`` in its own process (the tests' playwright session is busy)."""
    return subprocess.run([sys.executable, "-m", "mapbuilder", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=ROOT,
                          timeout=300, check=False)


@pytest.mark.browser
def test_screenshot_writes_output_map_png(chromium_ok: None, tmp_path: Path) -> None:
    """``map.png`` next to the map: what ``build --png`` draws (the README shows such a picture)."""
    run = run_cli("build", "--tiles", "none", "--png", "--out", str(tmp_path / "map.html"))
    assert run.returncode == 0, run.stderr
    png = tmp_path / "map.png"
    assert f"Afbeelding geschreven naar {png}" in run.stdout  # next to the HTML (Dutch: default)
    assert png_size(png) == (1400, 900)
    assert png.stat().st_size > 50_000  # a drawn map, not an empty page
    shutil.copyfile(png, shots_dir() / "map.png")  # to look at; never into the repository


def test_png_without_chromium_is_one_clear_line(tmp_path: Path) -> None:
    run = run_cli("build", "--png", "--out", str(tmp_path / "m.html"),
                  env={"TRANSITIEKAART_CHROMIUM": str(tmp_path / "no-chromium")})
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "chromium" in run.stderr and "apt-get install chromium" in run.stderr
    assert not (tmp_path / "m.html").exists()  # refused before building


@pytest.mark.browser
def test_png_for_slides_has_no_controls(chromium_ok: None, tmp_path: Path) -> None:
    """build --png pictures the page as it prints: the white zoom buttons (top right) and
    the section buttons are gone; controls=True keeps them (the page as on screen)."""
    from PIL import Image

    from mapbuilder import build_map
    from mapbuilder.mappage.output import write_html
    from mapbuilder.snapshot import snapshot

    page = write_html(build_map(tiles="none"), tmp_path / "m.html")
    slide = snapshot(page, tmp_path / "slide.png")
    screen = snapshot(page, tmp_path / "screen.png", controls=True)

    def white(path: Path, box: tuple[int, int, int, int]) -> int:
        crop = Image.open(path).convert("RGB").crop(box)
        return sum(1 for x in range(crop.width) for y in range(crop.height)
                   if min(crop.getpixel((x, y))) >= 250)

    zoom = (1400 - 40, 12, 1400 - 14, 62)  # Leaflet's zoom buttons
    assert white(screen, zoom) > 400 and white(slide, zoom) < 100
    assert png_size(slide) == (1400, 900)
