"""The Python face in a real browser: the docs' Python code (README and docs/*.md),
verbatim, and the notebook example (executed with nbclient) give maps that draw in
chromium without a console error, inline in a notebook's iframe too."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Frame

from mapbuilder.snapshot import READY_JS
from tests.e2e.conftest import OpenMap
from tests.e2e.support import BlockedRoutes

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"

pytestmark = pytest.mark.browser

# what a page drew: areas of each kind on the map, and projects drawn over all themes
_DRAWN_JS = """() => {
  const tk = window.transitiekaart, out = {};
  const map = tk.map || Object.values(window).find(v => v instanceof L.Map);
  for (const kind of ["subregions", "municipalities", "novex"]) {
    let n = 0;
    for (const layer of tk[kind]) {
      layer.eachLayer(l => { if (map.hasLayer(l)) { n += 1; } });
    }
    out[kind] = n;
  }
  out.projects = tk.points.themes.reduce((s, th) => s + tk.points.drawnCount(th), 0);
  return out;
}"""
_AREAS = {"subregions": 7, "municipalities": 30, "novex": 3}


def _n_samples() -> int:
    from layers import load_sample_projects

    return len(load_sample_projects())


def python_blocks(text: str) -> list[str]:
    """The ```python code blocks of a Markdown text."""
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


def _doc_blocks() -> list[tuple[str, str]]:
    """(where, code) of every ```python block in the README and docs/*.md."""
    return [(f"{doc.name} python block {i + 1}", block) for doc in DOCS
            for i, block in enumerate(python_blocks(doc.read_text("utf-8")))]


def test_docs_have_python_blocks() -> None:
    blocks = _doc_blocks()
    assert any(where.startswith("README.md") for where, _ in blocks)
    assert any(".save(" in b for _, b in blocks)


def test_docs_python_blocks_run_and_their_pages_draw(
        open_map: OpenMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every Python block of the docs verbatim in an empty folder; open each page."""
    monkeypatch.chdir(tmp_path)
    for where, block in _doc_blocks():
        exec(compile(block, where, "exec"), {})
    pages = sorted(tmp_path.glob("**/*.html"))
    assert pages, "the docs' Python code saves no page"
    for page in pages:
        mp = open_map(page)
        assert mp.errors == [], page
        assert mp.page.evaluate(_DRAWN_JS) == {**_AREAS, "projects": _n_samples()}


def _open_inline(chromium: BrowserContext, tmp_path: Path, fragment: str,
                 name: str) -> tuple[Frame, list[str], BlockedRoutes]:
    """Put a notebook's HTML output in a page, as Jupyter does; wait until the map drew."""
    host = tmp_path / f"{name}.html"
    host.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                    f"<div style='width:1000px'>{fragment}</div></body></html>", "utf-8")
    errors: list[str] = []
    routes = BlockedRoutes()
    page = chromium.new_page()
    routes.install(page)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.goto(host.as_uri(), wait_until="load")
    frames = [f for f in page.frames if f is not page.main_frame]
    assert len(frames) == 1, "expected the map in one iframe"
    frames[0].wait_for_function(READY_JS, timeout=20_000)
    return frames[0], errors, routes


def _check_inline(frame: Frame, errors: list[str], routes: BlockedRoutes,
                  n_projects: int) -> None:
    assert errors == []
    assert routes.blocked == []  # tiles="none": no request at all
    assert frame.evaluate(_DRAWN_JS) == {**_AREAS, "projects": n_projects}
    csp = frame.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]')"
                         "?.content")
    assert csp and "script-src 'sha256-" in csp


def test_repr_html_shows_every_layer_inline(chromium: BrowserContext, tmp_path: Path) -> None:
    from mapbuilder import build_map

    frame, errors, routes = _open_inline(chromium, tmp_path,
                                         build_map(tiles="none")._repr_html_(), "repr")
    _check_inline(frame, errors, routes, _n_samples())
    themes = frame.evaluate("document.querySelectorAll('.tk-themes input[type=checkbox]').length")
    layers = frame.evaluate("document.querySelectorAll('.tk-line').length")
    assert themes == 8 and layers >= 3  # a switch per theme, and the outline layers


def test_notebook_example_runs_and_its_map_draws_inline(
        chromium: BrowserContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # no migration warning from jupyter_core
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=180, startup_timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    htmls = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    maps = [h for h in htmls if "<iframe srcdoc=" in h]
    tables = [h for h in htmls if "<table" in h and "<iframe" not in h]
    assert len(maps) == 2 and len(tables) >= 4  # analyse, compare, two filters; two maps
    from layers import load_sample_projects

    samples = load_sample_projects()
    expected = [len(samples), int((samples["amount_eur"] >= 5_000_000).sum())]
    for i, (fragment, n) in enumerate(zip(maps, expected, strict=True)):
        page = html.unescape(re.search(r'srcdoc="([^"]*)"', fragment).group(1))
        assert "tk_js_" not in page and "tk_data_" not in page
        frame, errors, routes = _open_inline(chromium, tmp_path, fragment, f"nb{i}")
        _check_inline(frame, errors, routes, n)
