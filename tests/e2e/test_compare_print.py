"""The comparison page on paper: A4 landscape, printed by chromium to PDF and read back.

A new user's trial printed the page with the "Tabel" heading alone at the bottom of page 3.
The page holds two maps, a small map per theme, the clustering section, the bars, several
tables, the definitions and the sources: more than one sheet. So the print keeps every
heading with what follows it, never cuts a table in two, and puts both maps on page 1;
docs/vergelijken.md and docs/comparison.md say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from mapbuilder.cli import main as cli_main
from tests.e2e.support import shots_dir, watched_page

REGISTER = Path(__file__).resolve().parents[1] / "data" / "trial_register.geojson"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("pdftotext") is None,
                                 reason="pdftotext (poppler-utils) is not installed")]

# the headings and table captions that print, and the first row name of every printed table
_HEADS_JS = """() => {
  const shown = e => getComputedStyle(e).display !== "none" && e.getClientRects().length > 0;
  const heads = [...document.querySelectorAll("h1, h2, h3, caption")].filter(shown)
    .map(e => e.textContent.trim());
  const tables = [...document.querySelectorAll("table.tk-print-table")].map(t => ({
    caption: t.caption.textContent.trim(),
    last: t.rows[t.rows.length - 1].cells[0].textContent.trim()}));
  return {heads, tables};
}"""


@pytest.mark.parametrize("data", ["register", "sample"])
def test_print_keeps_headings_with_their_content(chromium: BrowserContext, tmp_path: Path,
                                                 data: str) -> None:
    page = tmp_path / "compare.html"
    args = ["--projects", str(REGISTER)] if data == "register" else []
    assert cli_main(["compare", "--format", "html", "--tiles", "none", "--out", str(page),
                     *args]) == 0
    pg, errors = watched_page(chromium)
    try:
        pg.set_viewport_size({"width": 1366, "height": 768})
        pg.goto(page.as_uri(), wait_until="load")
        pg.wait_for_function("() => !!(window.transitiekaart && window.transitiekaart.maps)")
        pdf = tmp_path / "compare.pdf"
        pdf.write_bytes(pg.pdf(format="A4", landscape=True, print_background=True))
        pg.emulate_media(media="print")
        dom = pg.evaluate(_HEADS_JS)
        pg.emulate_media(media=None)
    finally:
        pg.close()
    shutil.copy(pdf, shots_dir() / f"compare-print-{data}.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [[ln.strip() for ln in p.splitlines() if ln.strip()] for p in text.split("\f")]
    pages = [p for p in pages if p]
    assert 2 <= len(pages) <= 6, len(pages)
    heads = dom["heads"]
    assert "Tabel" in heads and len(dom["tables"]) >= 3, dom
    # no heading or caption is the last thing on its page
    orphans = [(k + 1, p[-1]) for k, p in enumerate(pages) if p[-1] in heads]
    assert orphans == [], orphans
    # both maps on the first page, under their headings
    first = "\n".join(pages[0])
    assert "Twee kaarten, één schaal" in first and first.count("Leaflet") >= 2, pages[0][:5]
    # every printed table whole: its caption and its last row on the same page
    for t in dom["tables"]:
        at = [k for k, p in enumerate(pages) if any(ln.startswith(t["caption"]) for ln in p)]
        assert at, t
        rest = pages[at[0]][[ln.startswith(t["caption"]) for ln in pages[at[0]]].index(True):]
        assert any(ln.startswith(t["last"]) for ln in rest[1:]), (t, at[0] + 1)
    assert errors == []
