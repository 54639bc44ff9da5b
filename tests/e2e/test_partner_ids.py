"""A page built from a partner's file without ids: the derived ids stay out of the page,
and search, the list and the exports work without them (in chromium)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import BrowserContext

from benchmarks.synth import partner_projects
from geo.analysis import analyse
from geo.io import read_projects
from layers.region import load_region
from mapbuilder.cli import main as cli_main
from mapbuilder.snapshot import READY_JS
from tests.e2e.support import BlockedRoutes

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def partner_page(chromium: BrowserContext, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("partner")
    src, out = folder / "partner.geojson", folder / "map.html"
    src.write_text(json.dumps(partner_projects(400, seed=11)), encoding="utf-8")
    assert cli_main(["build", "--projects", str(src), "--tiles", "none", "--out", str(out)]) == 0
    page = chromium.new_page()
    BlockedRoutes().install(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(out.as_uri(), wait_until="load")
    page.wait_for_function(READY_JS, timeout=30_000)
    assigned = analyse(read_projects([src]), load_region()).projects
    yield page, errors, assigned
    page.close()


def test_search_and_list_work_without_ids(partner_page: Any) -> None:
    page, errors, assigned = partner_page
    assert page.evaluate("() => window.transitiekaart.data.id") is None  # not shipped
    got = page.evaluate("""() => { const tk = window.transitiekaart;
      tk.setFilter({q: 'project 1'}); return tk.listIds().length; }""")
    want = assigned["name"].str.lower().str.contains("project 1", regex=False).sum()
    assert got == want > 0
    # an id the validator derived finds nothing: the page does not know it
    derived = str(assigned["id"].iloc[0])
    assert page.evaluate(f"() => window.transitiekaart.setFilter({{q: '{derived}'}}) && "
                         "window.transitiekaart.listIds().length") == 0
    assert page.evaluate("() => window.transitiekaart.points.locate('x')") is None
    assert not errors


def test_export_leaves_the_id_empty_and_reads_back(partner_page: Any, tmp_path: Path) -> None:
    page, errors, assigned = partner_page
    page.evaluate("() => window.transitiekaart.setFilter({q: '', theme: ['hydrogen']})")
    text = page.evaluate("() => window.transitiekaart.csv()")
    csv = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",", dtype=str)
    assert len(csv) == (assigned["theme"] == "hydrogen").sum() > 0
    assert csv["id"].isna().all()
    from geo.validate import validate_file

    (tmp_path / "selectie.csv").write_text(text, encoding="utf-8")
    report = validate_file(tmp_path / "selectie.csv")
    assert report.ok, report.to_text()
    assert len(report.projects) == len(csv) and report.projects["id"].notna().all()
    assert not errors
