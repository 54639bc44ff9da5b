"""Amounts in euro, in the forms people write them: Dutch and English, with units.

:func:`parse_amount` reads ``"€ 750.000"``, ``"€ 2.500.000,-"``, ``"2,5 mln"``,
``"2,5 miljoen"``, ``"1,2 mld"``, ``"2.5M"``, ``"€1,250,000.50"`` and plain
numbers. :func:`header_unit` reads the unit a column header gives
(``"Bedrag (x € 1.000)"``, ``"amount_meur"``), which multiplies every amount in
that column. Messages follow the run's language and its number notation.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from layers.lang import format_eur, format_number, pick

__all__ = ["MAX_AMOUNT_EUR", "SMALL_AMOUNT_EUR", "header_unit", "parse_amount",
           "small_amount_note"]

MAX_AMOUNT_EUR = 1e12
"""Amounts above this (one trillion euro, far above the whole investment agenda)
are refused as a typo (extra digits, cents instead of euros)."""

SMALL_AMOUNT_EUR = 1000.0
"""An amount above zero but below this gets a note asking whether thousands or
millions were meant (``"1,25"`` in a column of millions)."""

_NL_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^(\d+)([.,])(\d+)$")
_SCI = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")
_CURRENCY = re.compile(r"€|(?i:\beur(o|os)?\b)|(?i:^eur(o|os)?)|(?i:eur(o|os)?$)")
# a unit word after the number: multiplier
_UNITS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(?i)(mld|mrd|miljard|miljarden|billion|billions|bn|b)\.?$"), 1e9),
    (re.compile(r"(?i)(mln|mio|miljoen|miljoenen|million|millions|mn|m)\.?$"), 1e6),
    (re.compile(r"(?i)(k|duizend|thousand|dzd)\.?$"), 1e3),
)
# a unit in a column header: "(€)", "_eur", "(x € 1.000)", "(mln)", "_meur"
_HEADER_UNITS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(?i)(mld|mrd|miljard|billion|beur|bn)|x\s*€?\s*1[.,]?000[.,]?000[.,]?000"),
     1e9),
    (re.compile(r"(?i)(mln|miljoen|million|meur|m€|€m|mio)|x\s*€?\s*1[.,]?000[.,]?000"),
     1e6),
    (re.compile(r"(?i)(keur|k€|€k|duizend|thousand|x\s*€?\s*1[.,]?000)"), 1e3),
)


def header_unit(header: str) -> tuple[float, str] | None:
    """The multiplier a column header gives its amounts, and the unit as written.

    ``"Bedrag (€)"`` and ``"bedrag_eur"`` give 1, ``"Bedrag (x € 1.000)"`` and
    ``"amount_keur"`` 1,000, ``"Bedrag (mln)"`` and ``"amount_meur"`` 1,000,000.
    None when the header names no unit.
    """
    text = header.strip()
    bracket = re.findall(r"[(\[]([^)\]]*)[)\]]", text)
    tail = re.split(r"[_\s]+", re.sub(r"[(\[][^)\]]*[)\]]", "", text).strip())[-1:]
    for part in [*bracket, *(t for t in tail if t.lower() not in ("bedrag", "amount"))]:
        for pattern, factor in _HEADER_UNITS:
            if pattern.search(part):
                return factor, part
        if re.fullmatch(r"(?i)\s*(€|eur|euro|euros|x\s*€?\s*1)\s*", part):
            return 1.0, part
    return None


def _ambiguous(body: str, sep: str) -> str:
    alt = float(body.replace(",", "").replace(".", ""))
    dec = f"{float(body.replace(',', '.')):g}"
    dec = dec.replace(".", ",") if pick("nl", "en") == "nl" else dec
    return pick(
        f"is dubbelzinnig: het is {format_number(alt)} met '{sep}' als scheidingsteken "
        f"voor duizendtallen, of {dec} met '{sep}' als decimaalteken. "
        f"Schrijf het bedrag zonder scheidingstekens, bijvoorbeeld {alt:.0f}, of met "
        f"'€' ervoor ('€ {format_number(alt, lang='nl')}').",
        f"is ambiguous: it reads as {format_number(alt)} with '{sep}' as thousands "
        f"separator, or as {dec} with it as decimal mark. Write the "
        f"amount without separators, e.g. {alt:.0f}, or with a '€' before it.")


def _number(body: str, currency: bool, unit: float) -> tuple[float | None, str | None]:
    """A number in Dutch or English notation; ``currency``: a € sign was given."""
    if _PLAIN.match(body) or _SCI.match(body):
        return float(body), None
    m = _DECIMAL.match(body)
    if m:
        three = len(m.group(3)) == 3 and m.group(1) != "0"
        if not three:
            return float(f"{m.group(1)}.{m.group(3)}"), None
        if currency and unit == 1.0:  # "€ 750.000", "€1,250": a thousands separator
            return float(m.group(1) + m.group(3)), None
        return None, _ambiguous(body, m.group(2))
    if _NL_THOUSANDS.match(body):
        return float(body.replace(".", "").replace(",", ".")), None
    if _EN_THOUSANDS.match(body):
        return float(body.replace(",", "")), None
    return None, pick(
        "kan niet worden gelezen. Schrijf het bedrag in euro, bijvoorbeeld "
        "1250000, '€ 1.250.000', '€ 2.500.000,-' of '2,5 mln'.",
        "could not be read as an amount. Write the amount in euro, e.g. 1250000, "
        "'€1,250,000', '€ 2.500.000,-' or '2.5 mln'.")


def _text_amount(value: str, unit: float) -> tuple[float | None, str | None]:
    text = re.sub(r"[\s\u00a0\u202f']", "", value)
    currency = bool(_CURRENCY.search(text))
    text = _CURRENCY.sub("", text)
    text = re.sub(r"[,.]-+$", "", text)  # "2.500.000,-"
    for pattern, factor in _UNITS:
        m = pattern.search(text)
        if m and m.start() > 0 and text[m.start() - 1].isdigit():
            text, unit = text[: m.start()], factor
            break
    text = text.strip()
    if text == "":
        if value.strip() == "":
            return None, None
        return None, pick("bevat geen cijfers. Geef het bedrag in euro als getal.",
                          "holds no digits. Give the amount in euro as a number.")
    if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return None, pick("is geen eindig getal. Geef het bedrag in euro, of laat het leeg.",
                          "is not a finite number. Give the amount in euro, or leave it "
                          "empty.")
    sign = -1.0 if text.startswith("-") else 1.0
    number, why = _number(text.lstrip("+-"), currency, unit)
    if number is None:
        return None, why
    return sign * number * unit, None


def parse_amount(value: Any, unit: float = 1.0) -> tuple[float | None, str | None]:
    """Read an amount in euro; return ``(amount, None)`` or ``(None, why_not)``.

    Numbers are taken as they are (times ``unit``, the multiplier of the
    column header). Text in Dutch or English notation is converted when it can
    mean one thing: ``"1.250.000"``, ``"€ 750.000"``, ``"€ 2.500.000,-"``,
    ``"2,5 mln"``, ``"2,5 miljoen"``, ``"1,2 mld"``, ``"2.5M"``; ``"1,25"`` is
    1.25 (times ``unit``). ``"1.250"`` and ``"1,250"`` without a € sign are
    ambiguous (1250 or 1.25) and refused with both readings. Missing values
    (None, empty text) give ``(None, None)``. Messages follow the run's language.

    Examples
    --------
    >>> parse_amount("€ 2,5 mln"), parse_amount("€ 750.000")[0], parse_amount("1.250")[0]
    ((2500000.0, None), 750000.0, None)
    """
    if value is None:
        return None, None
    if isinstance(value, bool | np.bool_):
        return None, pick("is waar/onwaar, geen bedrag. Geef het bedrag in euro als getal.",
                          "is true/false, not an amount. Give the amount in euro as a "
                          "number.")
    if isinstance(value, int | np.integer):
        amount = float(value) * unit if abs(int(value)) < 10**300 else math.inf
    elif isinstance(value, float | np.floating):
        amount = float(value) * unit
    elif isinstance(value, str):
        got, why = _text_amount(value, unit)
        if got is None:
            return None, why
        amount = got
    else:
        return None, pick("is geen getal. Geef het bedrag in euro als getal.",
                          "is not a number. Give the amount in euro as a number.")
    if not math.isfinite(amount):
        return None, pick("is geen eindig getal (NaN of oneindig). Geef het bedrag in euro, "
                          "of laat het leeg.",
                          "is not a finite number (NaN or infinite). Give the amount in "
                          "euro, or leave it empty.")
    if amount < 0:
        return None, pick("is negatief. Bedragen zijn investeringen in euro, 0 of meer.",
                          "is negative. Amounts are investments in euro, 0 or more.")
    if amount > MAX_AMOUNT_EUR:
        return None, pick(
            f"is meer dan {format_eur(MAX_AMOUNT_EUR)} (duizend miljard), ver boven de hele "
            "investeringsagenda; waarschijnlijk extra cijfers of centen in plaats van euro. "
            "Geef het bedrag in hele euro.",
            f"is more than {format_eur(MAX_AMOUNT_EUR)} (one trillion), far above the whole "
            "investment agenda; probably extra digits or cents instead of euros. Give the "
            "amount in whole euros.")
    return amount, None


def small_amount_note(amount: float) -> tuple[str, str]:
    """Message and fix for an amount above 0 and below :data:`SMALL_AMOUNT_EUR`."""
    return (pick(f"is maar {format_eur(amount, decimals=2)}; waren duizenden of miljoenen "
                 "bedoeld?",
                 f"is only {format_eur(amount, decimals=2)}; were thousands or millions "
                 "meant?"),
            pick("Schrijf bijvoorbeeld '1,25 mln' of '€ 1.250.000', of zet de eenheid in de "
                 "kolomnaam: 'Bedrag (mln)' of 'Bedrag (x € 1.000)'.",
                 "Write e.g. '1.25 mln' or '€1,250,000', or put the unit in the column "
                 "name: 'Bedrag (mln)' or 'Bedrag (x € 1.000)'."))
