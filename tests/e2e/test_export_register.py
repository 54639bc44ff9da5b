"""The page's CSV export is the register's exchange format (issue 20, item 5).

A register with point, polygon, municipality-placed and area-wide (subregion and MRA-wide)
projects is built into a page in Dutch and in English; the CSV the page downloads is compared
byte for byte with ``transitiekaart list --format csv`` of the same register in the same
language, and both are added back with ``add --update`` to copies of the register, which must
come out identical to each other and, without the polygon (a CSV row holds only a point inside
it), to the register itself.
"""

# ruff: noqa: E501  (the sheet below is one CSV line per project, as a partner writes it)

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from geo.register import read_register
from mapbuilder.cli import main as cli_main
from mapbuilder.snapshot import READY_JS
from tests.e2e.support import BlockedRoutes

pytestmark = pytest.mark.browser

# every kind of place, an amount in cents, a status kept as written ("Verkenning"), a
# formula-like name and organisation, a separator and quotes in a description, more than 7
# decimals, two projects with the same amount (register order decides), one without amount
SHEET = """\
id;naam;thema;bedrag_eur;status;startjaar;organisatie;gemeente;deelregio;lon;lat;website;omschrijving
RT-1;Warmtenet Almere Poort;Waterstof;2500000;gepland;2025;Gemeente Almere;;;5,1543217;52,3701234;https://example.nl/a;"Eerste fase; met ""citaat"" erin"
RT-2;Zonnedak Aalsmeer;Slimme energie;750000,5;Verkenning;2026;;;;4,7612345;52,2634567;http://example.nl/b;
RT-3;=Formule project;Waterstof;;in uitvoering;;-Org;Zaanstad;;;;;Op gemeenteniveau
RT-4;Regionaal fietsplan;Slimme mobiliteit;1200000;idee;2027;Provincie;;IJmond;;;;
RT-5;MRA-breed programma;Circulair bouwen;3000000;;2024;MRA;;MRA-breed;;;;
RT-6;Tweede Zaanstad project;Veilig data delen;2500000;afgerond;2023;;Zaanstad;;;;;
RT-7;Almere punt met veel decimalen;Waterstof;1000;;;;;;5,21234567891;52,38765432109;;
"""
POLYGON = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
           '{"id":"RT-8","name":"Haven vlak","theme":"hydrogen","amount_eur":4000000},'
           '"geometry":{"type":"Polygon","coordinates":[[[4.80,52.40],[4.83,52.40],'
           '[4.83,52.42],[4.80,52.42],[4.80,52.40]]]}}]}')


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    (folder / "sheet.csv").write_text(SHEET, encoding="utf-8")
    (folder / "poly.geojson").write_text(POLYGON, encoding="utf-8")
    reg, points = folder / "reg.geojson", folder / "points.geojson"
    assert cli_main(["add", str(folder / "sheet.csv"), "--register", str(points)]) == 0
    shutil.copy(points, reg)
    assert cli_main(["add", str(folder / "poly.geojson"), "--register", str(reg)]) == 0
    return {"folder": folder, "reg": reg, "points": points}


def _page_csv(chromium: BrowserContext, reg: Path, lang: str, folder: Path,
              state: str | None = None) -> tuple[bytes, list[str]]:
    """The CSV the page downloads (button click), built from ``reg`` in ``lang``."""
    out = folder / f"map-{reg.stem}-{lang}.html"
    if not out.exists():
        assert cli_main(["build", "--register", str(reg), "--tiles", "none", "--lang", lang,
                         "--out", str(out)]) == 0
    page = chromium.new_page()
    BlockedRoutes().install(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(out.as_uri(), wait_until="load")
        page.wait_for_function(READY_JS, timeout=30_000)
        if state:
            page.evaluate(f"() => window.transitiekaart.setFilter({state})")
        page.locator(".tk-tab[data-key=list]").click()
        with page.expect_download() as dl:
            page.locator("button[data-export=csv]").click()
        return Path(dl.value.path()).read_bytes(), errors
    finally:
        page.close()


def _list_csv(reg: Path, lang: str, out: Path) -> bytes:
    assert cli_main(["list", "--register", str(reg), "--format", "csv", "--lang", lang,
                     "--out", str(out)]) == 0
    return out.read_bytes()


def _fields(reg: Path) -> Any:
    projects = read_register(reg).set_index("id").sort_index()
    geometry = projects.geometry.to_wkt()
    return projects.drop(columns="geometry").astype(object).where(projects.notna(), None), geometry


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_export_is_list_csv_byte_for_byte(chromium: BrowserContext,
                                               register: dict[str, Path], lang: str) -> None:
    folder, reg = register["folder"], register["reg"]
    page, errors = _page_csv(chromium, reg, lang, folder)
    listed = _list_csv(reg, lang, folder / f"list-{lang}.csv")
    assert page == listed
    assert not errors
    text = listed.decode("utf-8-sig").splitlines()
    sep = ";" if lang == "nl" else ","
    # rows as the page's list: by amount, largest first, equal amounts in register order,
    # no amount last; places written as the template has them, lon/lat only for own points
    ids = [line.split(sep, 1)[0] for line in text[1:]]
    assert ids == ["RT-8", "RT-5", "RT-1", "RT-6", "RT-4", "RT-2", "RT-7", "RT-3"]
    row = {line.split(sep, 1)[0]: line for line in text[1:]}
    mra = "MRA-breed" if lang == "nl" else "MRA-wide"
    assert f"{sep}{sep}{mra}{sep}{sep}{sep}{sep}" in row["RT-5"]
    assert f"{sep}Zaanstad{sep}{sep}{sep}{sep}{sep}" in row["RT-6"]
    assert f"{sep}IJmond{sep}" in row["RT-4"]
    assert "52,3876543" in row["RT-7"] if lang == "nl" else "52.3876543" in row["RT-7"]
    assert f"{sep}Verkenning{sep}" in row["RT-2"]  # as written, not lower-cased


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_both_exports_add_back_into_the_same_register(chromium: BrowserContext,
                                                      register: dict[str, Path],
                                                      lang: str) -> None:
    folder, points = register["folder"], register["points"]
    page, errors = _page_csv(chromium, points, lang, folder)
    listed = _list_csv(points, lang, folder / f"list-points-{lang}.csv")
    assert page == listed and not errors
    regs = []
    for name, data in (("page", page), ("list", listed)):
        export = folder / f"{name}-{lang}.csv"
        export.write_bytes(data)
        copy = folder / f"copy-{name}-{lang}.geojson"
        shutil.copy(points, copy)
        assert cli_main(["add", str(export), "--update", "--register", str(copy),
                         "--lang", lang]) == 0
        regs.append(copy)
    assert regs[0].read_bytes() == regs[1].read_bytes()
    want, want_geom = _fields(points)
    got, got_geom = _fields(regs[0])
    assert got.to_dict("index") == want.to_dict("index")
    assert got_geom.to_dict() == want_geom.to_dict()


def test_a_filtered_export_is_those_rows_of_list_csv_and_names_the_filter(
        chromium: BrowserContext, register: dict[str, Path]) -> None:
    """Field for field, not byte for byte: a selection adds one column, 'selectie', that
    says on its first row which filters made it (add notes it as an ignored column)."""
    folder, reg = register["folder"], register["reg"]
    page, errors = _page_csv(chromium, reg, "nl", folder, "{theme: ['hydrogen']}")
    listed = _list_csv(reg, "nl", folder / "list-nl.csv").decode("utf-8-sig").split("\r\n")
    lines = page.decode("utf-8-sig").split("\r\n")
    assert lines[0] == listed[0] + ";selectie"
    assert lines[1].startswith("RT-8;") and "Selectie: Thema's: Waterstof" in lines[1]
    want = [line + ";" for line in listed[1:-1] if ";Waterstof;" in line]
    assert [lines[1].rsplit(";", 1)[0] + ";", *lines[2:-1]] == want
    assert not errors


def test_geojson_export_keeps_where_each_project_is(chromium: BrowserContext,
                                                    register: dict[str, Path]) -> None:
    """The GeoJSON export (codes, for other tools) read back by the validator: a project known
    by municipality only stays in its municipality (no geometry, not the label point the page
    draws it at), an area-wide one in its area, a point where it was (to the page's 7 decimals)."""
    from geo.validate import validate_file

    folder, reg = register["folder"], register["points"]
    out = folder / "map-points-nl.html"
    if not out.exists():
        _page_csv(chromium, reg, "nl", folder)
    page = chromium.new_page()
    BlockedRoutes().install(page)
    try:
        page.goto(out.as_uri(), wait_until="load")
        page.wait_for_function(READY_JS, timeout=30_000)
        page.locator(".tk-tab[data-key=list]").click()
        with page.expect_download() as dl:
            page.locator("button[data-export=geojson]").click()
        path = folder / "selectie.geojson"
        path.write_bytes(Path(dl.value.path()).read_bytes())
    finally:
        page.close()
    report = validate_file(path)
    assert report.ok, report.to_text()
    back = report.projects.set_index("id").sort_index()
    want = read_register(reg).set_index("id").sort_index()
    assert back["place"].fillna("point").to_dict() == want["place"].fillna("point").to_dict()
    assert back["place_area"].dropna().to_dict() == want["place_area"].dropna().to_dict()
    assert back.loc["RT-3", "place"] == "municipality" and back.loc["RT-3"].geometry is None
    assert back.loc["RT-7"].geometry.equals_exact(want.loc["RT-7"].geometry, 1e-9)
