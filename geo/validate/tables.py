"""Reading spreadsheets: CSV and Excel rows into raw features.

The same column rules for both: the header is found among the first rows (a
title above it is skipped with a note), a totals row at the bottom is skipped,
coordinates come from ``lon``/``lat`` or ``x``/``y`` columns (a Dutch decimal
comma is read), and a row without coordinates may be placed by a municipality
column. A CSV cell longer than the csv module's field limit is read and named
as an error, never a crash.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import warnings
from pathlib import Path
from typing import Any

import shapely
from pyproj import CRS

from geo.validate.locations import note_for as location_note
from geo.validate.locations import place_column, read_place_cell
from geo.validate.reading import Raw, Unreadable, _read, check_text_bounds, decode_text
from geo.validate.report import Problem
from layers import settings as _settings
from layers.files import read_bytes_bounded, sniff_container
from layers.lang import format_number, terminal_text
from layers.messages import msg

__all__ = ["alias_starts", "read_csv", "read_xlsx"]

_LON = ("lon", "lng", "long", "longitude", "lengtegraad", "lon_wgs84", "x_wgs84")
_LAT = ("lat", "latitude", "breedtegraad", "lat_wgs84", "y_wgs84")
_X = ("x", "x_rd", "rd_x", "xcoord", "x_coord")
_Y = ("y", "y_rd", "rd_y", "ycoord", "y_coord")


def _parse_coord(text: Any) -> float | None:
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if math.isfinite(text) else None
    if text is None or not str(text).strip():
        return None
    t = str(text).strip().replace("\u00a0", "")
    if "," in t and "." not in t and t.count(",") == 1:
        t = t.replace(",", ".")  # Dutch decimal comma
    try:
        return float(t)
    except ValueError:
        return None


_RD_NAMED = ("x_rd", "rd_x", "y_rd", "rd_y")
"""Coordinate columns read as RD New (EPSG:28992) without --crs: their name says so."""


def _rd_key(header: str) -> str:
    return str(header or "").strip().lower().replace(" ", "_")


def _coordinate_columns(header: list[str]) -> tuple[str | None, str | None]:
    keys = {str(h or "").strip().lower().replace(" ", "_"): h for h in header}
    xcol = next((keys[c] for c in _LON if c in keys), None)
    ycol = next((keys[c] for c in _LAT if c in keys), None)
    if xcol is None or ycol is None:
        xcol = next((keys[c] for c in _X if c in keys), None)
        ycol = next((keys[c] for c in _Y if c in keys), None)
    return xcol, ycol


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def restore_neutralised(text: str) -> str:
    """The text a spreadsheet export protected with a leading apostrophe, restored.

    ``list --format csv`` and the page's export write ``'=1+1`` for a text
    ``=1+1`` so that a spreadsheet does not run it as a formula (see
    :func:`mapbuilder.register_export.neutralise`); read back, it is ``=1+1``
    again, so that ``add --update`` finds the same id and the same name.
    """
    if text.startswith(_NEUTRALISED):
        return text[1:].strip()
    return text


def _tabular(table: list[tuple[int, list[Any]]], crs_opt: CRS | None,
             problems: list[Problem], max_cell: int | None = None,
             formulas: dict[tuple[int, int], str] | None = None, sheet: str = "") -> Raw:
    """CSV and Excel rows to a :class:`Raw`: the same column rules for both.

    ``formulas``: Excel formula cells, ``(sheet row, column index) -> formula``;
    each one in a column that is read gets a problem (see :func:`_formula_problem`).
    """
    from geo.validate.fields import field_of

    header, numbered = _find_header(table, problems)
    rows = [r for _, r in numbered]
    header = [str(h).strip() if h is not None else "" for h in header]
    _refuse_same_header(header)
    xcol, ycol = _coordinate_columns(header)
    pair = place_column(header, rows) if xcol is None or ycol is None else None
    placed = any(field_of(h) in ("municipality", "subregion", "place", "address")
                 for h in header if pair is None or h != pair.header)
    if (xcol is None or ycol is None) and not placed and pair is None:
        named = [h for h in header if h]
        found = ", ".join(repr(terminal_text(h, 40)) for h in named[:20]) or \
            msg("tables.found_none")
        if len(named) > 20:
            found = msg("tables.found_more", found=found, count=format_number(len(named) - 20))
        raise Unreadable(msg("tables.no_location_columns", found=found),
                         msg("tables.no_location_columns_fix"))
    if not rows:
        raise Unreadable(msg("tables.header_only"), msg("tables.header_only_fix"))
    props: list[dict[str, Any] | None] = []
    geoms: list[Any] = []
    ix = header.index(xcol) if xcol is not None else None
    iy = header.index(ycol) if ycol is not None else None
    ip = header.index(pair.header) if pair is not None else None
    if pair is not None:
        ix = iy = None
        problems.append(location_note(pair))
    for n, values in enumerate(rows, 1):
        values = list(values) + [None] * (len(header) - len(values))
        if len(values) > len(header) and (spill := [v for v in values[len(header):] if
                                                    v is not None and str(v).strip()]):
            problems.append(_cells_past_header(n, len(header), spill))
        if max_cell is not None:
            problems += _long_cells(header, values, n, max_cell)
        if formulas:
            sheet_row = numbered[n - 1][0]
            for i, k in enumerate(header):
                formula = formulas.get((sheet_row, i))
                if formula is not None and k and (field_of(k) or k in (xcol, ycol)):
                    problems.append(_formula_problem(n, sheet, sheet_row, i, k,
                                                     field_of(k) or k, formula, values[i]))
        clean: dict[str, Any] = {}
        for i, (k, v) in enumerate(zip(header, values, strict=False)):
            if i in (ix, iy, ip) or (not k and v is None):
                continue
            if isinstance(v, str):
                v = restore_neutralised(v.strip()) or None
            clean[k or msg("tables.column_number", number=i + 1)] = v
        props.append(clean)
        if pair is not None and ip is not None:  # ip is None exactly when pair is
            point, area = read_place_cell(values[ip], n, pair, problems)
            if area is not None:  # a municipality or subregion named in the column: the
                # place, read as an address column's area (a Locatie column is one already)
                clean[pair.header if field_of(pair.header) == "address" else "address"] = area
            geoms.append(point)
            continue
        if ix is None or iy is None:
            geoms.append(None)
            continue
        rx, ry = values[ix], values[iy]
        x, y = _parse_coord(rx), _parse_coord(ry)
        empty = [v is None or (isinstance(v, str) and not v.strip()) for v in (rx, ry)]
        if all(empty):
            geoms.append(None)  # no coordinates: a municipality column may place it
            continue
        bad = [(c, r) for c, r, v in ((xcol, rx, x), (ycol, ry, y)) if v is None]
        if bad:
            col, val = bad[0]
            problems.append(Problem(
                msg("tables.coordinate_not_number", column=col),
                msg("tables.coordinate_not_number_fix"),
                feature=n, field=col, value=val, code="coordinate_not_number"))
            geoms.append(None)
        else:
            geoms.append(shapely.Point(x, y))
    crs, crs_from = crs_opt, msg("reading.crs_from_option")
    if crs_opt is None and xcol is not None and ycol is not None and \
            _rd_key(xcol) in _RD_NAMED and _rd_key(ycol) in _RD_NAMED:
        crs = CRS.from_epsg(28992)  # 'x_rd'/'y_rd': RD New by name
        crs_from = msg("tables.crs_from_column_names", x=repr(xcol), y=repr(ycol))
    return Raw(props, geoms, crs, problems, tabular=True, crs_from=crs_from,
               rows=[n for n, _ in numbered],
               columns=(xcol, ycol) if xcol is not None and ycol is not None else None)


def _refuse_same_header(header: list[str]) -> None:
    """Two columns with the same header: one would hide the other, so name both."""
    from openpyxl.utils import get_column_letter

    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        key = h.casefold()
        if not key:
            continue
        if key in seen:
            j = seen[key]
            cols = [f"{n + 1} ({get_column_letter(n + 1)})" for n in (j, i)]
            name = terminal_text(h, 40)
            raise Unreadable(msg("tables.same_header", name=repr(name), first=cols[0],
                                 second=cols[1]),
                             msg("tables.same_header_fix"))
        seen[key] = i


def _cells_past_header(n: int, width: int, spill: list[Any]) -> Problem:
    """An error for a row with filled cells right of the last column header."""
    shown = ", ".join(repr(str(v).strip()) for v in spill[:3])
    return Problem(msg("tables.cells_past_header", width=format_number(width), shown=shown),
                   msg("tables.cells_past_header_fix"),
                   feature=n, field=None, value=spill[0], code="cells_past_header")


def _formula_problem(n: int, sheet: str, row: int, col: int, header: str, fname: str,
                     formula: str, cached: Any) -> Problem:
    """An error for a formula cell without a stored result, a note for one with it."""
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(col + 1)}{row}"
    where = msg("workbook.cell_on_sheet", cell=cell, sheet=repr(sheet))
    if cached is None or (isinstance(cached, str) and not cached.strip()):
        fill = msg("tables.formula_fill_amount" if fname == "amount_eur"
                   else "tables.formula_fill_value")
        return Problem(msg("tables.formula_no_value", where=where, formula=formula),
                       msg("tables.formula_no_value_fix", fill=fill),
                       feature=n, field=fname, value=formula, code="formula", column=header)
    return Problem(msg("tables.formula_read", where=where, formula=formula),
                   msg("tables.formula_read_fix"),
                   feature=n, field=fname, value=cached, severity="note", code="formula",
                   column=header,
                   summary=msg("tables.formula_read_summary", where=where, formula=formula))


def _formula_cells(data: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """The formula cells of ``sheet``: ``(row, column index) -> formula``; {} if none.

    The workbook is read a second time (not ``data_only``) only when a
    worksheet holds a formula element at all.
    """
    import zipfile

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if not any(_has_formula(zf, info) for info in zf.infolist()
                   if info.filename.startswith("xl/worksheets/")):
            return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = book[sheet]
        ws.reset_dimensions()  # the sheet was read within bounds: do not pad its rows
        return {(c.row, c.column - 1): str(c.value) for r in ws.iter_rows()
                for c in r if getattr(c, "data_type", None) == "f"}
    finally:
        book.close()


def _has_formula(zf: Any, info: Any) -> bool:
    """Whether a worksheet part holds a formula element, read in 1 MB pieces."""
    formula = re.compile(rb"<(?:\w+:)?f[ >/]")
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            if formula.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _other_sheet(book: Any, names: list[str], file: str, problems: list[Problem]
                 ) -> tuple[Any, list[tuple[int, list[Any]]]]:
    """The sheet to read when the first one is empty: the one other sheet with a header
    row (read, with a note that names it and ``--sheet``); else an error naming the
    sheets that hold data and the ``--sheet`` command to use."""
    from geo.validate import workbook

    filled = []
    for name in names[1:]:
        rows = workbook.sheet_rows(book, book[name])
        if rows:
            filled.append((name, rows, _header_at(rows) is not None))
    headed = [f for f in filled if f[2]]
    first = repr(terminal_text(names[0], 60))
    if len(headed) == 1:
        name, rows, _ = headed[0]
        problems.append(Problem(
            msg("trialfix.first_sheet_empty_read", first=first,
                sheet=repr(terminal_text(name, 60))),
            msg("trialfix.first_sheet_empty_read_fix",
                sheets=", ".join(repr(terminal_text(n, 60)) for n in names)),
            severity="note", code="sheets"))
        return book[name], rows
    if not filled:
        raise Unreadable(msg("trialfix.all_sheets_empty", count=format_number(len(names))),
                         msg("tables.empty_sheet_fix"))
    shown = [terminal_text(f[0], 60) for f in (headed or filled)]
    example = f'transitiekaart validate "{terminal_text(file, 60)}" --sheet "{shown[0]}"'
    raise Unreadable(
        msg("trialfix.first_sheet_empty", first=first,
            sheets=", ".join(map(repr, shown))),
        msg("trialfix.first_sheet_empty_fix", example=example))


def _known_headers(row: list[Any]) -> int:
    """How many cells of a row name a field (or a coordinate column)."""
    from geo.validate.fields import field_of

    return sum(1 for c in row if c is not None and str(c).strip() and (
        field_of(c) is not None or str(c).strip().lower() in (*_LON, *_LAT, *_X, *_Y)))


def _header_at(table: list[tuple[int, list[Any]]]) -> int | None:
    """The index of the header among the first ten rows: the first with at least two
    cells that name a field; None if none does."""
    return next((i for i, (_, r) in enumerate(table[:10]) if _known_headers(r) >= 2), None)


_TOTAL = re.compile(r"(?i)^\s*(sub)?(totaal|total|totalen|totals|som|sum)\b")


def _find_header(table: list[tuple[int, list[Any]]], problems: list[Problem]
                 ) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header and the numbered data rows: title rows above the header and a
    totals row at the bottom are skipped (with notes).

    ``table`` holds the non-blank rows with their row numbers in the sheet. The
    header is the first of the first ten rows with at least two cells that name
    a field (or a coordinate column).
    """
    from geo.validate.fields import field_of

    at = _header_at(table) or 0
    if at > 0:
        line = table[at][0]
        problems.append(Problem(msg("tables.header_row", row=line), severity="note",
                                code="header_row"))
    header, rows = table[at][1], table[at + 1:]
    repeats = _header_matcher(header)
    repeated = [line for line, r in rows if repeats(r)]
    if repeated:  # a second header row (a unit row, a header repeated per page): skipped
        rows = [(line, r) for line, r in rows if line not in set(repeated)]
        problems.append(_repeated_header_note(repeated))
    names = [i for i, c in enumerate(header) if field_of(c) == "name"]
    themes = [i for i, c in enumerate(header) if field_of(c) == "theme"]
    if names and rows:
        last = list(rows[-1][1]) + [None] * len(header)
        label = last[names[0]]
        if isinstance(label, str) and _TOTAL.match(label) and \
                all(last[i] is None or not str(last[i]).strip() for i in themes):
            rows = rows[:-1]
            problems.append(Problem(msg("tables.totals_row", row=table[-1][0], label=repr(label)),
                                    severity="note", code="totals_row"))
    return header, rows


@functools.cache
def alias_starts() -> dict[str, frozenset[str]]:
    """Per field, the first three letters of its names: a cell that starts otherwise is
    no name of that field, and is let go without :func:`field_of` (a million rows)."""
    from geo.validate.fields import ALIASES

    return {f: frozenset(a.strip().lower()[:3] for a in names) for f, names in ALIASES.items()}


def _header_matcher(header: list[Any]) -> Any:
    """A function of a row: whether it repeats ``header`` (see :func:`is_repeated_header`)."""
    from geo.validate.fields import field_of

    starts = alias_starts()
    cols = []
    for h in header:
        f = field_of(h) if h is not None else None
        cols.append((str(h).strip().casefold() if h is not None else None, f,
                     starts.get(f, frozenset()) if f is not None else frozenset()))

    def same(j: int, cell: str) -> bool:
        """``cell`` is column ``j``'s header again: the same text, or a name of the same
        field (``Naam`` under ``Projectnaam``, ``Bedrag (€)`` under ``Bedrag``)."""
        text, f, first = cols[j]
        key = cell.strip().casefold()
        if key == text:
            return True
        return f is not None and key[:3] in first and field_of(cell) == f

    def repeats(row: list[Any]) -> bool:
        filled = matched = 0
        for j, c in enumerate(row):
            if c is None or (isinstance(c, str) and not c.strip()):
                continue
            filled += 1
            if j < len(cols) and isinstance(c, str) and same(j, c):
                matched += 1
        return matched >= 2 and 2 * matched > filled

    return repeats


def is_repeated_header(header: list[Any], row: list[Any]) -> bool:
    """Whether a data row repeats the header: at least two of its filled cells, and
    more than half of them, are the headers of their own columns (the same text, or a
    name of the same field). A project named "Naam" alone is a project."""
    return bool(_header_matcher(header)(row))


def _repeated_header_note(lines: list[int]) -> Problem:
    """One note for the rows that repeat the header, naming them."""
    if len(lines) == 1:
        text = msg("trialfix.header_repeated", row=lines[0])
    else:
        shown = ", ".join(str(n) for n in lines[:10])
        if len(lines) > 10:
            shown = msg("trialfix.rows_more", rows=shown, count=format_number(len(lines) - 10))
        text = msg("trialfix.header_repeated_rows", rows=shown)
    return Problem(text, msg("trialfix.header_repeated_fix"), severity="note",
                   code="header_repeated")


def read_csv(path: Path, crs_opt: CRS | None) -> Raw:
    """A CSV file (``,``, ``;`` or tab; UTF-8, or Windows-1252 with a note)."""
    problems: list[Problem] = []
    columns, lines = check_text_bounds(path)
    _check_table_size(columns, lines)
    text = decode_text(path, _read(path), False, problems)
    if not text.strip():
        raise Unreadable(msg("tables.csv_only_white_space"),
                         msg("tables.csv_only_white_space_fix"))
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    limit = csv.field_size_limit()
    try:
        table = _csv_table(text, delimiter)
    except csv.Error as exc:
        if "field limit" not in str(exc):
            raise Unreadable(msg("tables.csv_unreadable", error=exc),
                             msg("tables.csv_unreadable_fix")) from exc
        csv.field_size_limit(len(text) + 1)  # read it all, then name the long cell
        try:
            table = _csv_table(text, delimiter)
        finally:
            csv.field_size_limit(limit)
    raw = _tabular(table, crs_opt, problems, max_cell=limit)
    if delimiter == ";" or any(p.code == "encoding" for p in problems):
        raw.notation = "nl"  # Dutch Excel's CSV: ';' between cells, Windows-1252
    return raw


def _check_table_size(columns: int, rows: int) -> None:
    """Refuse more columns or cells (rows x columns) than the settings allow."""
    limits = _settings.SETTINGS
    if columns > limits.max_columns:
        raise Unreadable(msg("tables.too_many_columns", columns=format_number(columns),
                             limit=format_number(limits.max_columns)),
                         msg("tables.too_many_columns_fix"))
    if rows * columns > limits.max_cells:
        raise Unreadable(msg("tables.too_many_cells", rows=format_number(rows),
                             columns=format_number(columns),
                             limit=format_number(limits.max_cells)),
                         msg("tables.too_many_cells_fix"))


def _csv_table(text: str, delimiter: str) -> list[tuple[int, list[Any]]]:
    """The non-blank rows, each with the line number of its last line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: list[tuple[int, list[Any]]] = []
    for row in reader:
        if any(c.strip() for c in row) or not table:
            table.append((reader.line_num, row))
    return table


def _long_cells(header: list[str], values: list[Any], n: int, max_cell: int) -> list[Problem]:
    """Errors for cells longer than a CSV field may be (131,072 characters)."""
    out = []
    for i, v in enumerate(values):
        if isinstance(v, str) and len(v) > max_cell:
            col = (header[i] if i < len(header) else "") or \
                msg("tables.column_number", number=i + 1)
            out.append(Problem(
                msg("tables.cell_too_long", chars=format_number(len(v)),
                    limit=format_number(max_cell)),
                msg("tables.cell_too_long_fix"),
                feature=n, field=col, value=v[:30] + "...", code="cell_too_long"))
    return out


def read_xlsx(path: Path, crs_opt: CRS | None, sheet: str | None = None) -> Raw:
    """An Excel workbook: the first sheet (or ``sheet``), first row the header.

    Read within bounds (see :mod:`geo.validate.workbook`): the zip's parts are
    checked before openpyxl opens it, and the sheet is streamed cell by cell.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError

    import openpyxl

    from geo.validate import workbook

    data = read_bytes_bounded(path)
    if workbook.is_encrypted(data):
        raise workbook.encrypted()
    workbook.check_workbook(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # openpyxl: "no default style"
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KeyError as exc:  # a part the workbook names is not in the zip
        part = str(exc.args[0]) if exc.args else ""
        m = re.search(r"named '([^']+)'", part)
        raise workbook.missing_part(m.group(1) if m else part) from exc
    except (zipfile.BadZipFile, OSError, ValueError, ParseError, EOFError) as exc:
        found = sniff_container(data[:8192], path.name)
        what = found[0] if found else msg("tables.not_a_workbook")
        excel = found is None or "xlsx" in found[0] or found[0].startswith(("een zip", "a zip"))
        if not excel:  # a Word or PowerPoint file, an OpenDocument: say which
            assert found is not None  # excel is True when nothing was found
            raise Unreadable(msg("tables.other_office_file", what=what), found[1]) from exc
        raise Unreadable(msg("tables.workbook_unreadable", what=what),
                         msg("tables.workbook_unreadable_fix")) from exc
    try:
        names = book.sheetnames
        workbook.check_sheets(data, names)
        if sheet is not None and sheet not in names:
            raise Unreadable(msg("tables.no_sheet", sheet=repr(sheet)),
                             msg("tables.no_sheet_fix", sheets=", ".join(map(repr, names))))
        ws = book[sheet] if sheet is not None else book[names[0]]
        problems: list[Problem] = []
        rows = workbook.sheet_rows(book, ws)
        if not rows and sheet is None and len(names) > 1:  # an empty first sheet
            ws, rows = _other_sheet(book, names, path.name, problems)
        elif sheet is None and len(names) > 1 and names[1:] != ["Lijsten", "Uitleg"]:
            problems.append(Problem(
                msg("tables.several_sheets", count=format_number(len(names)),
                    sheet=repr(names[0])),
                msg("tables.several_sheets_fix"), severity="note", code="sheets"))
        state = workbook.hidden_state(book, ws.title)
        if state != "visible":
            how = msg("tables.sheet_hidden" if state == "hidden" else
                      "tables.sheet_very_hidden")
            problems.append(Problem(
                msg("tables.hidden_sheet", sheet=repr(ws.title), how=how),
                msg("tables.hidden_sheet_fix_sheets", sheets=", ".join(map(repr, names)))
                if len(names) > 1 else msg("tables.hidden_sheet_fix"),
                severity="note", code="hidden_sheet"))
        title = ws.title
    finally:
        book.close()
    formulas = _formula_cells(data, title)
    table = [(i, [v.isoformat() if hasattr(v, "isoformat") else v for v in r])
             for i, r in rows]
    if not table:
        raise Unreadable(msg("tables.empty_sheet"), msg("tables.empty_sheet_fix"))
    try:
        return _tabular(table, crs_opt, problems, formulas=formulas, sheet=title)
    except Unreadable as exc:
        if sheet is None and len(names) > 1:  # perhaps the projects are on another sheet
            others = ", ".join(repr(n) for n in names[1:])
            exc.message = msg("tables.on_first_sheet", sheet=repr(names[0]),
                              message=exc.message)
            exc.hint += " " + msg("tables.projects_on_other_sheet", sheets=others)
        raise
