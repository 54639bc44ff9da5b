"""Numbers, euros and dates the way Dutch (or English) readers write them."""

from __future__ import annotations

import math

import pandas as pd

from layers.lang import format_eur, format_number, terminal_text
from layers.messages import msg

# the output formats of `transitiekaart compare` (kept here: the CLI lists them
# without importing the comparison page)
COMPARE_FORMATS: tuple[str, ...] = ("table", "csv", "csv-plain", "md", "json", "html")

__all__ = ["COMPARE_FORMATS", "format_date", "format_eur", "format_number", "format_percent",
           "population_date_words", "text_table"]

_MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
              "augustus", "september", "oktober", "november", "december")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def format_percent(share: float | None, lang: str = "nl", decimals: int = 1) -> str:
    """``0.1234 -> '12,3%'`` (nl) or ``'12.3%'`` (en)."""
    if _missing(share):
        return "–"
    return f"{format_number(100 * float(share), decimals, lang)}%"


def format_date(iso: str, lang: str = "nl") -> str:
    """``'2024-01-01' -> '1 januari 2024'``; spans 'a – b' are formatted piecewise."""
    if not iso:
        return ""
    if " – " in iso:
        a, b = iso.split(" – ", 1)
        return f"{format_date(a, lang)} – {format_date(b, lang)}"
    try:
        y, m, d = (int(p) for p in iso.split("-"))
        months = _MONTHS_EN if lang == "en" else _MONTHS_NL
        return f"{d} {months[m - 1]} {y}"
    except (ValueError, IndexError):
        return iso


def text_table(grid: list[list[str]], footer: int = 0) -> str:
    """A plain-text table for the terminal: first column left, others right-aligned.

    ``grid[0]`` is the header; a rule follows it, and another precedes the last
    ``footer`` rows (e.g. a total). Cells are shown safely (:func:`terminal_text`): an
    area or project name cannot write control characters to the terminal, and is cut
    at 120 characters.
    """
    grid = [[terminal_text(c, 120) for c in r] for r in grid]
    widths = [max(len(r[i]) for r in grid) for i in range(len(grid[0]))]
    rule = "  ".join("-" * w for w in widths)

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()

    body = [line(r) for r in grid[1:]]
    if footer:
        body.insert(len(body) - footer, rule)
    return "\n".join([line(grid[0]), rule, *body])


def population_date_words(dates: pd.Series, lang: str = "nl", span: bool = False) -> str:
    """The population's reference date in words: one date, or the usual one.

    "1 januari 2024" when all municipalities' figures share a date, else
    "meestal 1 januari 2024; zie bronnen" (with ``span``: the range in
    brackets instead of the pointer to the sources).
    """
    d = dates.dropna().astype(str)
    if d.empty:
        return ""
    counts = d.value_counts()
    common = sorted(counts[counts == counts.max()].index)[-1]
    if d.nunique() == 1:
        return format_date(common, lang)
    if span:
        first, last = sorted(d.unique())[0], sorted(d.unique())[-1]
        return (f"{msg('labels.pop_mostly_short', lang=lang, date=format_date(common, lang))} "
                f"({format_date(first, lang)} – {format_date(last, lang)})")
    return msg("labels.pop_mostly", lang=lang, date=format_date(common, lang))
