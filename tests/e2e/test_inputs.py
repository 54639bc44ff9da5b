"""Inputs people can type (issue 19, item 7): amounts as the CLI reads them, ranges checked.

The amount fields take "1.000.000", "2,5 mln", "€ 750.000" and "300k" (the CLI's parser,
ported to the page and held to it by tests/test_js_parity.py), show the amount read,
and mark an amount that cannot be read, a minimum above the maximum and a start year after
the end year in the field, with the filter off rather than silently dropped. The status
boxes read as "show only these", with "all" and "none" buttons.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from geo.validate.amounts import parse_amount

pytestmark = pytest.mark.browser


@pytest.fixture
def filters(sized: tuple[Page, list[str]]) -> tuple[Page, list[str]]:
    """The map at each size with its filters open."""
    pg, errors = sized
    tab = pg.locator(".tk-tab[data-key=filters]")
    if tab.get_attribute("aria-expanded") != "true":
        tab.click()
    return pg, errors


def _amount(pg: Page, which: str) -> tuple[object, object]:
    field = pg.get_by_label(f"Bedrag (€) {which}", exact=True)
    return field, field.locator("xpath=following-sibling::span[contains(@class,'tk-parsed')]")


@pytest.mark.parametrize("typed", ["1.000.000", "2,5 mln", "€ 750.000", "300k"])
def test_amounts_are_read_as_the_cli_reads_them(filters: tuple[Page, list[str]],
                                               typed: str) -> None:
    pg, errors = filters
    want, why = parse_amount(typed)
    assert why is None and want
    field, note = _amount(pg, "minimaal")
    field.fill(typed)
    field.press("Enter")
    got = pg.evaluate("() => window.transitiekaart.getFilter().min")
    assert got == want
    expect(note).to_have_text("= € " + f"{want:,.0f}".replace(",", "."))
    assert field.get_attribute("aria-invalid") is None
    # the selection is the projects of at least that amount
    n = pg.evaluate("""(lo) => { const d = window.transitiekaart.data; let k = 0;
        for (let i = 0; i < d.n; i++) { if (d.eur[i] >= lo) { k++; } } return k; }""", want)
    assert pg.evaluate("() => window.transitiekaart.agg.total") == n
    assert not errors


def test_unreadable_and_contradictory_ranges_are_marked_in_the_field(
        filters: tuple[Page, list[str]]) -> None:
    pg, errors = filters
    lo, lo_note = _amount(pg, "minimaal")
    hi, hi_note = _amount(pg, "maximaal")
    lo.fill("1.250")  # ambiguous, as the CLI says
    lo.press("Enter")
    assert lo.get_attribute("aria-invalid") == "true"
    expect(lo_note).to_contain_text("Dubbelzinnig")
    assert pg.evaluate("() => window.transitiekaart.getFilter().min") is None
    lo.fill("5 mln")
    hi.fill("1 mln")
    hi.press("Enter")
    for field, note in ((lo, lo_note), (hi, hi_note)):
        assert field.get_attribute("aria-invalid") == "true"
        expect(note).to_contain_text("Minimum boven maximum")
    f = pg.evaluate("() => window.transitiekaart.getFilter()")
    assert f["min"] is None and f["max"] is None
    hi.fill("10 mln")
    hi.press("Enter")
    f = pg.evaluate("() => window.transitiekaart.getFilter()")
    assert (f["min"], f["max"]) == (5e6, 1e7)
    assert lo.get_attribute("aria-invalid") is None and hi.get_attribute("aria-invalid") is None
    # years: a start after the end is marked too, and not applied
    y0, y1 = pg.get_by_label("Startjaar van", exact=True), pg.get_by_label(
        "Startjaar tot en met", exact=True)
    y0.fill("2030")
    y1.fill("2020")
    y1.press("Tab")
    assert y0.get_attribute("aria-invalid") == "true" and y1.get_attribute("aria-invalid") == "true"
    assert pg.evaluate("() => window.transitiekaart.getFilter().year") is None
    assert not errors


def test_status_reads_as_show_only_these(filters: tuple[Page, list[str]]) -> None:
    pg, errors = filters
    boxes = pg.locator(".tk-status input[type=checkbox]")
    assert boxes.count() >= 2
    code = boxes.first.get_attribute("data-status")
    boxes.first.click()  # from "all": only this status
    assert pg.evaluate("() => window.transitiekaart.getFilter().status") == [code]
    checked = boxes.evaluate_all("bs => bs.map(b => b.checked)")
    assert checked[0] and not any(checked[1:])
    pg.get_by_role("button", name="Status: geen").click()
    assert pg.evaluate("() => window.transitiekaart.getFilter().status") == []
    assert pg.evaluate("() => window.transitiekaart.agg.total") == 0
    pg.get_by_role("button", name="Status: alle").click()
    assert pg.evaluate("() => window.transitiekaart.getFilter().status") is None
    assert all(boxes.evaluate_all("bs => bs.map(b => b.checked)"))
    assert not errors
