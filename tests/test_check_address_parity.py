"""The page's check on sheets with an address column (a policy officer's "Adres" or
"Locatie" with a street or a town), against validate (geo/validate/places.py
resolve_place): an address alone is an error (address_only: not looked up), an address
beside a municipality, subregion or "MRA-breed" a note naming where the project is placed
(address_unused), an address that names an area places the project there."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.test_check_parity import check_js, check_sheet

ADDRESSES = ["Raadhuisplein 1", "Hoofddorp", "Zaandam", "Stationsplein 9, 1012 AB Amsterdam",
             "Haarlemmermeer", "IJmond", "MRA-breed", "postbus 12", "", "  ", "'quoted' street",
             "Weesp", "Dorpsstraat 3\nBeemster", "GM0479"]
PLACES = [None, "Zaanstad", "Haarlemmermeer", "Weesp", "IJmond", "MRA-breed", "Atlantis"]


def _sheet(folder: Path, fmt: str, head: str, rows: list[tuple[str, str | None]],
           scope_col: bool) -> Path:
    header = ["Projectnaam", "Thema", "Investering", head] + \
        (["Gemeente" if not scope_col else "Deelregio"] if any(p for _, p in rows) else [])
    lines = [[f"Project {i}", "Waterstof", "€ 2,5 mln", a] + ([p or ""] if len(header) > 4 else [])
             for i, (a, p) in enumerate(rows)]
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        book.active.append(header)
        for line in lines:
            book.active.append(line)
        path = folder / "adressen.xlsx"
        book.save(path)
        return path
    path = folder / "adressen.csv"
    path.write_text("\n".join(";".join('"' + c.replace('"', '""') + '"' for c in line)
                              for line in [header, *lines]) + "\n", encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["xlsx", "csv"]), st.sampled_from(["Adres", "Locatie", "adres", "Straat"]),
       st.lists(st.tuples(st.sampled_from(ADDRESSES), st.sampled_from(PLACES)), min_size=1,
                max_size=6),
       st.booleans(), st.sampled_from(["nl", "en"]))
@example("xlsx", "Adres", [("Raadhuisplein 1", "Haarlemmermeer")], False, "nl")
@example("xlsx", "Locatie", [("Hoofddorp", None)], False, "nl")
@example("csv", "Adres", [("Raadhuisplein 1", "IJmond"), ("Hoofddorp", "MRA-breed")], True, "en")
def test_address_columns_equal_validate(fmt: str, head: str, rows: list, scope_col: bool,
                                        lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_sheet(_sheet(Path(tmp), fmt, head, rows, scope_col), lang)


def test_a_street_beside_a_municipality_and_a_town_alone_are_checked_completely() -> None:
    """The common cases are checked, not left to the command line: a street with a
    municipality (a note per row naming the municipality), a town alone (an error)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _sheet(Path(tmp), "xlsx", "Adres", [("Raadhuisplein 1", "Haarlemmermeer"),
                                                    ("Hoofddorp", None)], False)
        got = check_js([path], "nl")[0]
        assert got["complete"], got.get("reasons")
        codes = [(p["code"], p["row"], p["value"]) for p in got["problems"]]
        assert ("address_unused", 2, "Raadhuisplein 1") in codes
        assert ("address_only", 3, "Hoofddorp") in codes
        note = next(p for p in got["problems"] if p["code"] == "address_unused")
        assert "gemeente Haarlemmermeer" in note["message"]
        assert "'Raadhuisplein 1'" in note["message"]
        check_sheet(path, "nl")
