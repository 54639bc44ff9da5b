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
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.validate import rules
from geo.validate.report import Problem
from layers.lang import format_eur, format_number, get_lang
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["EVIDENCE", "MAX_AMOUNT_EUR", "SMALL_AMOUNT_EUR", "AmountReading", "column_notation",
           "header_unit", "implausible_notes", "parse_amount", "read_amount", "settle_notation",
           "small_amount_note", "small_amount_summary"]

MAX_AMOUNT_EUR = rules.AMOUNT.high
"""Amounts above this (one trillion euro, far above the whole investment agenda)
are refused as a typo (extra digits, cents instead of euros); the rule is
:data:`geo.validate.rules.AMOUNT`."""

SMALL_AMOUNT_EUR = rules.SMALL_AMOUNT_EUR
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


@dataclass(frozen=True)
class AmountReading:
    """What :func:`read_amount` made of a value.

    ``amount`` in euro (None when empty or refused); ``message`` and ``fix``
    when it is refused; ``note`` (message, fix) when it was read but the
    reading is worth saying (a notation taken from the rest of the column).
    """

    amount: float | None
    message: str | None = None
    fix: str = ""
    note: tuple[str, str, str] | None = None  # message, fix, message of a grouped line
    code: str = "amount_notation"  # the note's kind ("amount_unknown": "n.t.b.")


UNKNOWN_AMOUNTS = frozenset({"ntb", "nog te bepalen", "onbekend", "nnb", "nog niet bekend",
                             "nvt", "niet van toepassing", "pm", "pro memorie", "tbd", "tba",
                             "unknown", "n/a", "na", "?", "??", "???", "-", "--", "---", "x",
                             "nader te bepalen", "volgt", "nader in te vullen"})
"""What people write for "no amount (yet)": read as empty, with a grouped note."""


def _unknown_amount(value: str) -> AmountReading | None:
    """An empty reading with a note for "n.t.b.", "onbekend", "-", "?"; else None."""
    key = re.sub(r"[.\s]+", " ", value.strip().lower()).strip()
    if key not in UNKNOWN_AMOUNTS and key.replace(" ", "") not in UNKNOWN_AMOUNTS:
        return None
    note = (msg("amounts.amount_unknown", value=value.strip()),
            msg("amounts.amount_unknown_fix"),
            msg("amounts.amount_unknown_summary"))
    return AmountReading(None, note=note, code="amount_unknown")


_NL_EVIDENCE = re.compile(r"\d{1,3}(\.\d{3})+,\d|\d,\d{1,2}(?!\d)|\d{1,3}(\.\d{3}){2,}")
_EN_EVIDENCE = re.compile(r"\d{1,3}(,\d{3})+\.\d|\d\.\d{1,2}(?!\d)|\d{1,3}(,\d{3}){2,}")
_NL_HEADER = re.compile(r"(?i)bedrag|investering|duizend|miljoen|mln|mld|miljard|\d\.000")
_EN_HEADER = re.compile(r"(?i)amount|investment|thousand|million|billion|\d,000")


def column_notation(header: str, values: Any) -> str | None:
    """``"nl"`` or ``"en"``: the number notation of an amount column, or None if unclear.

    The column's own amounts decide when they show one notation only
    (``"1,5"``, ``"2.500.000"`` are Dutch; ``"1.5"``, ``"2,500,000"`` English);
    otherwise the header's language (``"Bedrag (x € 1.000)"`` is Dutch).
    """
    texts = [v for v in values if isinstance(v, str)]
    nl = any(_NL_EVIDENCE.search(t) for t in texts)
    en = any(_EN_EVIDENCE.search(t) for t in texts)
    if nl != en:
        return "nl" if nl else "en"
    hnl, hen = bool(_NL_HEADER.search(header)), bool(_EN_HEADER.search(header))
    if hnl != hen:
        return "nl" if hnl else "en"
    return None


_NL_WORDS = frozenset({"naam", "projectnaam", "thema", "bedrag", "investering", "startjaar",
                       "jaar", "fase", "organisatie", "omschrijving", "beschrijving",
                       "toelichting", "gemeente", "gemeentenaam", "deelregio", "adres",
                       "locatie", "plaats", "straat", "titel", "beginjaar", "kenmerk",
                       "projectnummer", "trekker", "penvoerder", "reikwijdte"})
_EN_WORDS = frozenset({"name", "project_name", "theme", "amount", "amount_eur", "investment",
                       "start_year", "year", "stage", "organisation", "organization",
                       "description", "summary", "municipality", "subregion", "address",
                       "location", "city", "street", "title", "region"})

EVIDENCE = ("column", "header", "file", "headers", "lang")
"""What settles an amount column's notation, strongest first: its own unambiguous
values, its header's language, the file (``;``-separated or Windows-1252: Dutch
Excel), the language of the other headers, the run's language."""


def settle_notation(header: str, values: Any, file_hint: str | None = None,
                    headers: Any = (), lang: str | None = None
                    ) -> tuple[str | None, str | None]:
    """The notation (``"nl"``/``"en"``) of an amount column and what settled it.

    The first of :data:`EVIDENCE` that points one way decides. A column whose own
    values show both notations (``"2,5"`` and ``"2.5"``) is not settled: its
    ambiguous values keep the "two readings" error. Returns ``(None, None)`` then.
    """
    texts = [v for v in values if isinstance(v, str)]
    nl = any(_NL_EVIDENCE.search(t) for t in texts)
    en = any(_EN_EVIDENCE.search(t) for t in texts)
    if nl and en:
        return None, None
    if nl != en:
        return ("nl" if nl else "en"), "column"
    from geo.projects import PROJECT_FIELDS
    from geo.validate.fields import _header_key

    # the schema's own keys (amount_eur, name, theme ...) are no one's language
    hnl, hen = bool(_NL_HEADER.search(header)), bool(_EN_HEADER.search(header))
    if hnl != hen and _header_key(header) not in PROJECT_FIELDS:
        return ("nl" if hnl else "en"), "header"
    if file_hint in ("nl", "en"):
        return file_hint, "file"
    keys = [k for k in map(_header_key, headers) if k not in PROJECT_FIELDS]
    n_nl, n_en = sum(k in _NL_WORDS for k in keys), sum(k in _EN_WORDS for k in keys)
    if n_nl != n_en:
        return ("nl" if n_nl > n_en else "en"), "headers"
    if lang in ("nl", "en"):
        return lang, "lang"
    return None, None


def _because(notation: str, evidence: str) -> str:
    """Why the notation was taken, for the note ("Dutch notation, as in the column")."""
    dutch = notation == "nl"
    why = msg({"column": "amounts.because_column", "header": "amounts.because_header",
               "file": "amounts.because_file", "lang": "amounts.because_lang",
               "headers": "amounts.because_headers_nl" if dutch else
               "amounts.because_headers_en"}[evidence])
    return msg("amounts.notation_nl" if dutch else "amounts.notation_en", why=why)


def _decimal_text(body: str) -> str:
    dec = f"{float(body.replace(',', '.')):g}"
    return dec.replace(".", ",") if get_lang() == "nl" else dec


def _ambiguous(body: str, sep: str, unit: float) -> AmountReading:
    alt = float(body.replace(",", "").replace(".", ""))
    dec = _decimal_text(body)
    text = msg("amounts.amount_ambiguous", amount=format_number(alt), sep=sep, dec=dec)
    if unit == 1.0:
        fix = msg("amounts.amount_ambiguous_fix", plain=f"{alt:.0f}", amount=format_number(alt))
    elif alt * unit <= rules.AMOUNT.high:  # either reading is an amount
        fix = msg("amounts.amount_ambiguous_unit_fix", plain=f"{alt:.0f}",
                  amount=format_number(alt), dec=dec, unit=format_eur(unit))
    else:  # read with thousands, it would be more than any amount
        fix = msg("amounts.amount_ambiguous_decimal_fix", dec=dec, unit=format_eur(unit))
    return AmountReading(None, text, f"{fix} {msg('amounts.amount_ambiguous_settles')}")


def _grouped_note(body: str, sep: str, unit: float, notation: str,
                  evidence: str = "column") -> tuple[str, str, str]:
    alt = float(body.replace(",", "").replace(".", ""))
    u, dec = format_eur(unit), _decimal_text(body)
    because = _because(notation, evidence)
    times = f"{format_number(alt)} × {u} = " if unit != 1.0 else ""
    each = msg("amounts.each_times_unit", unit=u) if unit != 1.0 else ""
    other = f"{dec} × {u}" if unit != 1.0 else format_eur(float(body.replace(",", ".")),
                                                              decimals=2)
    return (msg("amounts.amount_notation",
                body=body, times=times, amount=format_eur(alt * unit), because=because, sep=sep),
            msg("amounts.amount_notation_fix", dec=dec, other=other),
            msg("amounts.amount_notation_summary",
                sep=sep, because=because, each=each, body=body, amount=format_eur(alt * unit)))


def _write_amount(unit: float) -> str:
    """The fix "write the amount like this", with examples that are read in a ``unit`` column."""
    if unit == 1.0:
        return msg("amounts.write_amount_euro")
    u = format_eur(unit)
    return msg("amounts.write_amount_unit", unit=u)


def _number(body: str, currency: bool, unit: float, notation: str | None,
            evidence: str = "column") -> tuple[float | None, AmountReading | None]:
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
        sep = m.group(2)
        if (notation, sep) in (("nl", "."), ("en", ",")):
            # a column in one notation: "750.000" beside "1.250.000", "2.500" in
            # "Bedrag (x € 1.000)"; said in a note unless the column's own amounts
            # settled it for amounts in euro
            if unit == 1.0 and evidence == "column":
                return float(m.group(1) + m.group(3)), None
            note = _grouped_note(body, sep, unit, notation, evidence)  # type: ignore[arg-type]
            return float(m.group(1) + m.group(3)), AmountReading(None, note=note)
        if notation in ("nl", "en") and unit != 1.0:  # the decimal mark: "2,500" in Dutch
            return float(f"{m.group(1)}.{m.group(3)}"), None
        # in euro, three decimals ("750.000" as € 750,000) are no reading to take silently
        return None, _ambiguous(body, sep, unit)
    if _NL_THOUSANDS.match(body):
        return float(body.replace(".", "").replace(",", ".")), None
    if _EN_THOUSANDS.match(body):
        return float(body.replace(",", "")), None
    return None, AmountReading(None, msg("amounts.amount_unreadable"),
                               _write_amount(unit))


def _text_amount(value: str, unit: float, notation: str | None,
                 evidence: str = "column") -> AmountReading:
    unknown = _unknown_amount(value)
    if unknown is not None:
        return unknown
    text = re.sub(r"[\s\u00a0\u202f']", "", value)
    currency = bool(_CURRENCY.search(text))
    text = _CURRENCY.sub("", text)
    text = re.sub(r"[,.]-+$", "", text)  # "2.500.000,-"
    own_unit, column_unit = False, unit
    for pattern, factor in _UNITS:
        m = pattern.search(text)
        if m and m.start() > 0 and text[m.start() - 1].isdigit():
            text, unit, own_unit = text[: m.start()], factor, True
            break
    text = text.strip()
    if text == "":
        if value.strip() == "":
            return AmountReading(None)
        return AmountReading(None, msg("amounts.amount_no_digits"),
                             msg("amounts.give_number_or_empty"))
    if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return AmountReading(None, msg("amounts.amount_not_finite"),
                             msg("amounts.give_amount_or_empty"))
    sign = -1.0 if text.startswith("-") else 1.0
    number, why = _number(text.lstrip("+-"), currency, unit, notation, evidence)
    if number is None:
        if why is not None and own_unit and why.message is not None:  # "ca. 1 mln": the
            # fix speaks of how to write it, not of a column unit the cell brought itself
            why = AmountReading(None, why.message, _write_amount(column_unit))
        return why or AmountReading(None)
    return AmountReading(sign * number * unit, note=why.note if why else None)


def read_amount(value: Any, unit: float = 1.0, notation: str | None = None,
                evidence: str = "column") -> AmountReading:
    """Read an amount in euro, with the message and fix when it is refused.

    ``unit`` is the multiplier of the column header; ``notation`` (``"nl"``,
    ``"en"`` or None, see :func:`column_notation`) settles ``"2.500"`` in a
    unit column, with a note. See :func:`parse_amount` for the forms read.
    ``evidence`` (one of :data:`EVIDENCE`) is what settled the notation.
    """
    if value is None:
        return AmountReading(None)
    if isinstance(value, bool | np.bool_):
        return AmountReading(None, msg("amounts.amount_boolean"),
                             msg("amounts.give_number"))
    note = None
    if isinstance(value, int | np.integer):
        amount = float(value) * unit if abs(int(value)) < 10**300 else math.inf
    elif isinstance(value, float | np.floating):
        amount = float(value) * unit
    elif isinstance(value, str):
        got = _text_amount(value, unit, notation, evidence)
        if got.amount is None:
            return got
        amount, note = got.amount, got.note
    else:
        return AmountReading(None, msg("amounts.amount_not_number"),
                             msg("amounts.give_number"))
    if not math.isfinite(amount):
        return AmountReading(None, msg("amounts.amount_not_finite_nan"),
                             msg("amounts.give_amount_or_empty"))
    if amount < rules.AMOUNT.low:
        return AmountReading(None, msg("amounts.amount_negative"),
                             msg("amounts.amount_negative_fix"))
    if amount > rules.AMOUNT.high:
        return AmountReading(None, msg("amounts.amount_too_large",
                                       max=format_eur(rules.AMOUNT.high)),
            f"{msg('amounts.amount_too_large_fix')} {_write_amount(unit)}")
    return AmountReading(amount, note=note)


def parse_amount(value: Any, unit: float = 1.0, notation: str | None = None
                 ) -> tuple[float | None, str | None]:
    """Read an amount in euro; return ``(amount, None)`` or ``(None, why_not)``.

    Numbers are taken as they are (times ``unit``, the multiplier of the
    column header). Text in Dutch or English notation is converted when it can
    mean one thing: ``"1.250.000"``, ``"€ 750.000"``, ``"€ 2.500.000,-"``,
    ``"2,5 mln"``, ``"2,5 miljoen"``, ``"1,2 mld"``, ``"2.5M"``; ``"1,25"`` is
    1.25 (times ``unit``). ``"1.250"`` and ``"1,250"`` without a € sign are
    ambiguous (1250 or 1.25) and refused with both readings, unless a unit
    column's ``notation`` settles them. Missing values (None, empty text) give
    ``(None, None)``. ``why_not`` is the message and its fix, in the run's
    language (:func:`read_amount` gives them apart).

    Examples
    --------
    >>> parse_amount("€ 2,5 mln"), parse_amount("€ 750.000")[0], parse_amount("1.250")[0]
    ((2500000.0, None), 750000.0, None)
    """
    got = read_amount(value, unit, notation)
    if got.message is None:
        return got.amount, None
    return None, f"{got.message} {got.fix}".strip()


def implausible_notes(amounts: Any, features: Any, ids: Any, names: Any,
                      column: str | None = None) -> list[Problem]:
    """Notes for amounts that are implausible for one project in this file.

    An amount more than ``SETTINGS.implausible_median_factor`` times the median of
    the file's amounts (with at least three amounts), or above
    ``SETTINGS.implausible_amount_eur``, gets a note naming the share of the file's
    total it makes up. Vectorised; only flagged rows are visited.
    """
    a = np.asarray(amounts, dtype=float)
    given = a[np.isfinite(a) & (a > 0)]
    if not len(given):
        return []
    total = float(given.sum())
    median = float(np.median(given)) if len(given) >= 3 else math.nan
    factor, cap = SETTINGS.implausible_median_factor, SETTINGS.implausible_amount_eur
    with np.errstate(invalid="ignore"):
        high = (a > cap) | ((a > factor * median) if math.isfinite(median) else False)
    out = []
    feats, pids, pnames = list(features), list(ids), list(names)
    for i in np.flatnonzero(high).tolist():
        amount, share = float(a[i]), 100 * float(a[i]) / total
        above_median = math.isfinite(median) and amount > factor * median
        why = msg("amounts.implausible_median_and_cap" if above_median and amount > cap else
                  "amounts.implausible_median" if above_median else "amounts.implausible_cap",
                  times=format_number(amount / median, 0) if above_median else "",
                  median=format_eur(median), cap=format_eur(cap))
        out.append(Problem(
            msg("amounts.implausible_amount", amount=format_eur(amount), why=why,
                pct=format_number(share, 1)),
            msg("amounts.implausible_amount_fix"),
            feature=int(feats[i]), id=pids[i], name=pnames[i], field="amount_eur",
            severity="note", code="implausible_amount", column=column,
            summary=msg("amounts.implausible_amount_summary", cap=format_eur(cap))))
    return out


def small_amount_summary(amount: float) -> str:
    """The message of a grouped line of small amounts (several projects, each its own)."""
    return msg("amounts.small_amount_summary",
               small=format_eur(SMALL_AMOUNT_EUR), amount=format_eur(amount, decimals=2))


def small_amount_note(amount: float, unit: float = 1.0) -> tuple[str, str]:
    """Message and fix for an amount above 0 and below :data:`SMALL_AMOUNT_EUR`.

    The examples in the fix are read as intended in a column of ``unit``.
    """
    example = msg("amounts.small_example_euro" if unit == 1.0 else "amounts.small_example_unit")
    return (msg("amounts.small_amount", amount=format_eur(amount, decimals=2)),
            msg("amounts.small_amount_fix", example=example))
