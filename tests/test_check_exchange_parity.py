"""The page's checked file ("Gecontroleerd bestand downloaden", lib/check_core.js
``exchangeCsv``) carries every field ``transitiekaart add`` reads from the original file.

For each file the page fully approves, the original is put into an empty register with
``transitiekaart add`` and listed with ``transitiekaart list --format csv``; the page's
exchange CSV must equal that listing field by field and row by row (the rows in ``list``'s
order), in Dutch and English. The files: every corpus file the page approves, sheets with a
website and a description as partners write them (``Website``, ``website``, ``URL``;
xlsx and CSV: the new-user trial's H7-H9), and generated sheets (hypothesis).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.validate.fields import legacy_derived_id
from mapbuilder.cli import main as cli_main
from tests.test_check_parity import DATA, NODE, check_js, corpus, run_js

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

EXCHANGE = ("process.stdout.write(JSON.stringify(C.exchangeCsv(input.data.p, rules,"
            " input.data.lang)));")


def _table(text: str, lang: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")),
                               delimiter=";" if lang == "nl" else ","))


def _listed(path: Path, folder: Path, lang: str) -> str:
    """``add`` of ``path`` into an empty register, then ``list --format csv``."""
    reg, out = folder / f"reg-{lang}.geojson", folder / f"list-{lang}.csv"
    for stale in (reg, out):
        stale.unlink(missing_ok=True)
    assert cli_main(["--lang", lang, "add", str(path), "--register", str(reg)]) == 0, path
    assert cli_main(["--lang", lang, "list", "--format", "csv", "--out", str(out),
                     "--register", str(reg)]) == 0
    return out.read_bytes().decode("utf-8")


def assert_exchange_is_listed(path: Path, folder: Path) -> bool:
    """The page's exchange CSV of ``path`` is what ``list --format csv`` writes after ``add``,
    field by field, in both languages; False where the page does not approve the file."""
    got = check_js([path], "nl")[0]
    if not (got["complete"] and got["ok"] and got["projects"]):
        return False
    for lang in ("nl", "en"):
        page = run_js(EXCHANGE, {"p": got["projects"], "lang": lang})
        want = _table(_listed(path, folder, lang), lang)
        have = _table(page, lang)  # type: ignore[arg-type]
        assert len(have) == len(want), path
        for k, (h, w) in enumerate(zip(have, want, strict=True)):
            for field in w:
                assert h.get(field) == w[field], (path.name, lang, k, field)
    return True


@pytest.mark.parametrize("name", corpus())
def test_checked_file_of_the_corpus_is_what_add_and_list_give(name: str, tmp_path: Path) -> None:
    assert_exchange_is_listed(DATA / name, tmp_path)


WEBSITE_ROWS = [
    ["Gewoon project", "Waterstof", "€ 2,5 mln", "Haarlem", "Gemeente Haarlem",
     "https://www.haarlem.nl", "Gewone tekst"],
    ["Tweede project", "Slimme mobiliteit", "750.000", "Zaanstad", None,
     " http://example.org/pad?x=1 ", "Met; puntkomma en \"aanhalingstekens\""],
    ["Derde project", "Circulair bouwen", None, "Almere", "Provincie", None, None],
]


@pytest.mark.parametrize("header", ["Website", "website", "URL"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_website_and_description_are_kept(header: str, fmt: str, tmp_path: Path) -> None:
    """The trial's H7 (Website, xlsx), H8 (website, xlsx) and H9 (CSV): the page's checked file
    kept no website; ``add`` keeps it."""
    head = ["Naam", "Thema", "Bedrag", "Gemeente", "Organisatie", header, "Omschrijving"]
    path = tmp_path / f"projecten.{fmt}"
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        for row in [head, *WEBSITE_ROWS]:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";").writerows([head, *WEBSITE_ROWS])
    assert assert_exchange_is_listed(path, tmp_path)
    page = check_js([path], "nl")[0]
    assert [p["url"] for p in page["projects"]] == ["https://www.haarlem.nl",
                                                    "http://example.org/pad?x=1", None]


TEXT = st.from_regex(r"[A-Za-zé][A-Za-zé0-9 ;,'\"=+-]{0,15}", fullmatch=True)


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[list[str], list[list[object]]]:
    head = ["naam", "thema", "bedrag", "gemeente",
            draw(st.sampled_from(["website", "Website", "link", "URL", "webpagina"])),
            draw(st.sampled_from(["omschrijving", "Beschrijving", "toelichting", "description"])),
            "organisatie", "status", "startjaar"]
    rows = []
    for k in range(draw(st.integers(1, 5))):
        rows.append([
            f"Project {k} " + draw(st.from_regex(r"[a-z]{0,6}", fullmatch=True)),
            draw(st.sampled_from(["Waterstof", "Slimme mobiliteit", "AI", "Circulair bouwen"])),
            draw(st.sampled_from(["", "2,5 mln", "750.000", "1500000", "€ 1.000,50"])),
            draw(st.sampled_from(["Haarlem", "Zaanstad", "Almere", "Weesp"])),
            draw(st.one_of(st.just(""), st.sampled_from(
                ["https://www.haarlem.nl", "http://a.b/c?d=e;f", "https://x.nl/=a"]))),
            draw(st.one_of(st.just(""), TEXT)), draw(st.one_of(st.just(""), TEXT)),
            draw(st.sampled_from(["", "gepland", "lopend", "Afgerond"])),
            draw(st.sampled_from(["", "2025", "2027"]))])
    return head, rows


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sheets(), st.sampled_from(["xlsx", "csv"]))
def test_generated_sheets_keep_every_field(sheet: tuple[list[str], list[list[object]]],
                                           fmt: str) -> None:
    head, rows = sheet
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"blad.{fmt}"
        if fmt == "xlsx":
            book = openpyxl.Workbook()
            for row in [head, *rows]:
                book.active.append([c if c != "" else None for c in row])
            book.save(path)
        else:
            with path.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, delimiter=";").writerows([head, *rows])
        assert_exchange_is_listed(path, folder)



@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.integers(40_000_000, 60_000_000).map(lambda k: (k + 0.5) / 1e7),
                          st.floats(4, 6)), min_size=1, max_size=20))
@example([4.72433575])  # a triangle's point: numpy 4.7243358, toFixed 4.7243357
def test_lon_lat_are_rounded_as_numpy_rounds_them(values: list[float]) -> None:
    """The register's export rounds lon/lat with numpy's round (x * 10^7, half to even); the
    page's checked file the same, not by toFixed's decimal rounding."""
    base = check_js([DATA / "good" / "with_notes.geojson"], "nl")[0]["projects"][0]
    projects = [{**base, "lon": v, "lat": 52.0 + (v - 4)} for v in values]
    page = _table(run_js(EXCHANGE, {"p": projects, "lang": "en"}), "en")  # type: ignore[arg-type]
    want = np.round(np.array(values), 7).tolist()
    assert [float(r["lon"]) for r in page] == want
    assert [float(r["lat"]) for r in page] == np.round(np.array([52.0 + (v - 4) for v in values]),
                                                        7).tolist()


IDS_JS = json.dumps(str(Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib"
                        / "check_ids.js"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["hydrogen", "health", "ai"]), TEXT,
                          st.one_of(st.none(), st.tuples(
                              st.one_of(st.floats(4, 6), st.integers(400_000, 600_000).map(
                                  lambda k: (k + 0.5) / 1e5)),  # ties at the fifth decimal
                              st.floats(52, 53))),
                          st.sampled_from(["municipality:GM0453", "mra:MRA", "None:None"])),
                min_size=1, max_size=10))
@example([("hydrogen", "Waterstofhub Velsen", (4.890625, 52.3), "None:None")])  # a tie
def test_legacy_ids_are_pythons(rows: list) -> None:
    """fields.legacy_derived_id (f"{x:.5f}", ties to even; the area's text) and the page's."""
    got = run_js(f"const I = require({IDS_JS});"
                 "process.stdout.write(JSON.stringify(input.data.map((r) =>"
                 " I.legacyId(r[0], r[1], r[2], r[3]))));", rows)
    want = [legacy_derived_id(t, n, *(at if at else (None, None)), area=None if at else a[5:]
                              if a.startswith("area:") else a)
            for t, n, at, a in rows]
    assert got == want


def test_a_register_of_an_earlier_release_gets_the_ids_list_gives() -> None:
    """register_v0's ids were derived by an earlier release: `list` migrates them, and so
    does the page's checked file (found by the exchange parity test)."""
    projects = check_js([DATA / "partner" / "register_v0.geojson"], "nl")[0]["projects"]
    page = _table(run_js(EXCHANGE, {"p": projects, "lang": "nl"}), "nl")  # type: ignore[arg-type]
    assert {p["id"] for p in projects} != {r["id"] for r in page}  # migrated, not as given
