"""``transitiekaart compare --format xlsx``: one Excel workbook with every level.

A sheet per level (subregions, municipalities, NOVEX areas), optionally a
head-to-head sheet first, and a notes-and-sources sheet. Numbers are stored as
numbers at full precision and shown with number formats that Excel renders in
the reader's own notation (``#,##0`` is "1.234" in Dutch Excel): euros whole,
shares as percentages, LQ and diversity with two decimals. Reference dates are
dates, in two columns: an area's earliest and latest (a subregion's municipalities
may differ). Each level sheet has a frozen header row and first column and an
autofilter over the areas; the MRA total sits below the filtered range, so
sorting never moves it. Every text cell is :func:`~mapbuilder.compare.formats.excel_safe`
and stored as text, so an area name such as ``=HYPERLINK(...)`` is never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.comparison import AREA_WIDE_KEY
from layers.messages import msg
from mapbuilder.compare.formats import (
    column_label,
    definitions,
    excel_safe,
    facts,
    format_value,
    head_to_head_notes,
    level_label,
    mra_row,
    title_of,
    value_kind,
)
from mapbuilder.i18n import check_lang
from mapbuilder.mappage.render import source_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from geo.comparison import Comparison, HeadToHead

__all__ = ["NUMBER_FORMATS", "number_format", "workbook", "write_workbook"]

# Excel number format codes (stored locale-neutral; Excel shows its own separators)
NUMBER_FORMATS: dict[tuple[str, int], str] = {
    ("eur", 0): '"€" #,##0',
    ("num", 0): "#,##0",
    ("num", 1): "#,##0.0",
    ("num", 2): "0.00",
    ("pct", 1): "0.0%",
}
DATE_FORMAT = "d-m-yyyy"
_NAME_WIDTH, _WIDTH = 28, 15


def number_format(col: str) -> str:
    """The Excel number format of a :func:`geo.comparison.compare` column."""
    if col == "rank":
        return "0"
    return NUMBER_FORMATS.get(value_kind(col), "General")


def _text(value: object) -> str:
    """Text for a cell: without characters a workbook cannot hold, and Excel-safe."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return excel_safe(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))


DATE_COLUMNS = ("population_date_first", "population_date_last")
"""The workbook's two date columns in place of ``population_date`` (a date or a span)."""


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return _text(text)


def _date_bounds(value: object) -> tuple[object, object]:
    """``'2024-01-01'`` -> (that, that); ``'2019-01-01 – 2024-01-01'`` -> (first, last)."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    parts = [p.strip() for p in value.split(" – ")]
    return parts[0], parts[-1]


def _columns(table: pd.DataFrame) -> list[str]:
    """The table's columns as the sheet shows them: the reference date as two date columns."""
    out: list[str] = []
    for c in table.columns:
        if c == "name":
            continue
        out.extend(DATE_COLUMNS if c == "population_date" else (c,))
    return out


def _label(col: str, lang: str, result: Comparison) -> str:
    if col in DATE_COLUMNS:
        key = "compare.date_first" if col == DATE_COLUMNS[0] else "compare.date_last"
        return msg(key, lang=lang)
    return column_label(col, lang, result)


def _value(row: Mapping[str, Any], col: str, lang: str = "nl") -> object:
    if col in DATE_COLUMNS:
        return _date_bounds(row.get("population_date"))[DATE_COLUMNS.index(col)]
    if col == "lisa":  # the cluster label in words
        return format_value(col, row.get(col), lang) or None
    return row.get(col)


def _put(ws: Worksheet, row: int, col: int, value: Any, column: str) -> None:
    """Write one value: numbers as numbers with their format, dates as dates, text as text."""
    cell = ws.cell(row=row, column=col)
    if column in ("population_date", *DATE_COLUMNS):
        v = _date(str(value)) if isinstance(value, str) and value else None
        cell.value = v
        if isinstance(v, dt.date):
            cell.number_format = DATE_FORMAT
        return
    if value_kind(column)[0] == "text":
        cell.value = None if value is None or (isinstance(value, float) and pd.isna(value)) \
            else _text(value)
        return
    if value is None or pd.isna(value):
        return
    v = float(value)
    cell.value = int(v) if value_kind(column) == ("num", 0) and v.is_integer() else v
    cell.number_format = number_format(column)


def _header(ws: Worksheet, labels: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=1, column=i, value=_text(label))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _level_sheet(wb: Workbook, result: Comparison, lang: str) -> Worksheet:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    table, level = result.table, result.level
    ws = wb.create_sheet(level_label(level, lang)[:31])
    cols = _columns(table)
    # a code column only where areas have codes apart from their names (municipalities,
    # NOVEX areas), in both languages; the area-wide row is no area and has no code
    areas = table.drop(index=AREA_WIDE_KEY, errors="ignore")
    with_key = any(str(k) != str(n) for k, n in zip(areas.index, areas["name"], strict=True))
    labels = [column_label("name", lang),
              *([msg("compare.code_col", lang=lang)] if with_key else []),
              *(_label(c, lang, result) for c in cols)]
    _header(ws, labels)
    first = 3 if with_key else 2
    for r, (key, row) in enumerate(table.iterrows(), start=2):
        ws.cell(row=r, column=1, value=_text(row["name"]))
        if with_key and key != AREA_WIDE_KEY:
            ws.cell(row=r, column=2, value=_text(key))
        for c, col in enumerate(cols, start=first):
            _put(ws, r, c, _value(row, col, lang), col)
    last_row = len(table) + 1
    last_col = get_column_letter(len(labels))
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.freeze_panes = "B2"
    if result.mra:
        total_row = last_row + 2  # one empty row: outside the filter, never sorted
        mra = mra_row(result)
        mra["population_date"] = result.mra.get("population_date", "")
        total_cell = ws.cell(row=total_row, column=1, value=msg("labels.mra_total", lang=lang))
        total_cell.font = Font(bold=True)
        for c, col in enumerate(cols, start=first):
            if col != "subregion":
                _put(ws, total_row, c, _value(mra, col, lang), col)
                ws.cell(row=total_row, column=c).font = Font(bold=True)
    ws.column_dimensions["A"].width = _NAME_WIDTH
    for i in range(2, len(labels) + 1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTH
    ws.row_dimensions[1].height = 45
    return ws


def _head_sheet(wb: Workbook, h2h: HeadToHead, lang: str) -> Worksheet:
    ws = wb.create_sheet(msg("compare.sheet_head", lang=lang))
    name_a, name_b = h2h.names
    _header(ws, [msg("compare.figure", lang=lang), name_a, name_b,
                 f"{msg('compare.difference', lang=lang)} ({name_a} − {name_b})"])
    for r, (fig, values) in enumerate(h2h.table.iterrows(), start=2):
        ws.cell(row=r, column=1, value=_text(column_label(str(fig), lang, h2h.comparison)))
        for c, v in enumerate(values.iloc[:3], start=2):
            _put(ws, r, c, v, str(fig))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:D{len(h2h.table) + 1}"
    ws.column_dimensions["A"].width = 44
    for letter in "BCD":
        ws.column_dimensions[letter].width = 20
    return ws


def _status(source: str, sample: bool, lang: str) -> str:
    """"Status: projecten uit het projectregister projects.geojson." (or the files, or samples)."""
    if sample:
        return msg("compare.status_sample", lang=lang)
    if source.startswith("register:"):
        return msg("compare.status_register", lang=lang, name=source.split(":", 1)[1])
    return msg("compare.status_real", lang=lang, source=source or "–")


def _notes_sheet(wb: Workbook, tables: Mapping[str, Comparison], lang: str, source: str,
                 head: HeadToHead | None) -> Worksheet:
    from openpyxl.styles import Alignment, Font

    first = next(iter(tables.values()))
    ws = wb.create_sheet(msg("compare.sheet_notes", lang=lang))
    sample = first.has_samples
    src = source_text(source, sample, lang)
    lines: list[tuple[str, bool]] = [(msg("compare.notes_title", lang=lang), True)]
    lines.append((_status(source, sample, lang), False))
    dates = (msg("compare.date_first", lang=lang), msg("compare.date_last", lang=lang))
    for fact in facts(first, lang, dates, per_level=False):
        lines.append((fact, False))
    if any(tb.level == "novex" for tb in tables.values()):
        lines.append((msg("compare.novex_overlap", lang=lang), False))
    if head is not None:
        lines += [(n, False) for n in head_to_head_notes(head, lang)[:2]]
    lines.append(("", False))
    lines.append((msg("compare.definitions", lang=lang), True))
    lines += [(f"{term}: {text}", False) for term, text in definitions(lang)]
    lines.append(("", False))
    lines.append((msg("compare.sources", lang=lang), True))
    lines += [(x, False) for x in (src, msg("labels.source_cbs", lang=lang),
                                   msg("compare.generated_by", lang=lang)) if x]
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=_text(text) if text else None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 120
    return ws


def workbook(tables: Mapping[str, Comparison], lang: str = "nl", source: str = "",
             head: HeadToHead | None = None, active: str | None = None) -> Workbook:
    """An openpyxl workbook: ``head`` (optional), one sheet per table, notes and sources.

    Parameters
    ----------
    tables
        :func:`geo.comparison.compare_areas` results by level, e.g. ``{"subregion": ...,
        "municipality": ..., "novex": ...}``; one sheet each, in this order.
    lang
        Language of the sheet names, headers and notes.
    source
        Where the projects came from (as for the comparison page).
    head
        Optional :func:`geo.comparison.compare_two` result, as the first sheet.
    active
        The level whose sheet opens first (default: the first).
    """
    from openpyxl import Workbook

    from geo.comparison import Comparison, HeadToHead, require_result

    for result in tables.values():
        require_result(result, Comparison, "workbook")
    if head is not None:
        require_result(head, HeadToHead, "workbook")
    check_lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {}
    if head is not None:
        sheets["head"] = _head_sheet(wb, head, lang)
    for level, table in tables.items():
        sheets[level] = _level_sheet(wb, table, lang)
    _notes_sheet(wb, tables, lang, source, head)
    first = "head" if head is not None else (active or next(iter(tables)))
    wb.active = wb.worksheets.index(sheets[first])
    wb.properties.title = _text(title_of(next(iter(tables.values())), lang))
    wb.properties.creator = "transitiekaart"
    return wb


def write_workbook(path: str | Path, tables: Mapping[str, Comparison], **kwargs: Any) -> Path:
    """Write :func:`workbook` to ``path`` atomically (``.xlsx``); return the path."""
    from layers.atomic import atomic_write_bytes

    buf = io.BytesIO()
    workbook(tables, **kwargs).save(buf)
    return atomic_write_bytes(path, buf.getvalue())
