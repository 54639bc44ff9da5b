"""Reading an Excel workbook within bounds: a hostile ``.xlsx`` is refused by name, never run.

An ``.xlsx`` is a zip of XML parts. Before anything is inflated or parsed,
:func:`check_workbook` checks every part's declared unpacked size and its
ratio of unpacked to packed size (Python's zipfile never inflates more than
the declared size: a part that lies fails its checksum, which is caught), an
encrypted part or workbook, a missing part, and a DTD in a part (Excel never
writes one; a DTD is how a billion-laughs or an external-entity attack
starts; openpyxl parses with defusedxml as well). :func:`sheet_rows` then
streams the sheet cell by cell, without trusting its declared dimension,
capping columns, cells and one cell's length, and names the cell of a bad
number, date, shared-string index or cell reference.

Every refusal is an :class:`~geo.validate.reading.Unreadable` naming the part
or cell and the limit, in the run's language.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Any

from geo.validate.reading import Unreadable, xml_error_text
from layers import settings as _settings
from layers.lang import format_number, terminal_text
from layers.messages import msg

__all__ = ["check_sheets", "check_workbook", "hidden_state", "sheet_rows"]

_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384  # Excel's own sheet size
_MAX_PARTS = 10_000  # a workbook with many sheets and pictures has a few hundred
_RATIO_FLOOR = 1 << 20  # parts smaller than 1 MB may pack as well as they like
_WHOLE_PARTS = re.compile(r"^xl/(sharedStrings|workbook|styles)\.xml$|\.rels$|^\[Content_Types\]")
"""Parts openpyxl reads whole (not streamed): they get an eighth of the part limit."""
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)")
_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")


def _resave() -> str:
    return msg("workbook.resave")


def is_encrypted(data: bytes) -> bool:
    """True for a password-protected Office file (an OLE container with an EncryptedPackage)."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED_OLE in data


def encrypted() -> Unreadable:
    return Unreadable(msg("workbook.encrypted"), msg("workbook.encrypted_fix"))


def check_workbook(data: bytes) -> None:
    """Refuse a workbook whose parts are too large, packed too well, encrypted, missing
    or carry a DTD, before openpyxl inflates or parses any of them."""
    limits = _settings.SETTINGS
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: read_xlsx names what it is
    with zf:
        infos = zf.infolist()
        if len(infos) > _MAX_PARTS:
            raise Unreadable(msg("workbook.too_many_parts", parts=format_number(len(infos)),
                                 limit=format_number(_MAX_PARTS)), _resave())
        names = {i.filename for i in infos}
        for info in infos:
            part = info.filename
            if info.flag_bits & 0x1:
                raise encrypted()
            whole = bool(_WHOLE_PARTS.search(part))
            limit = limits.max_part_bytes // 8 if whole else limits.max_part_bytes
            if info.file_size > limit:
                raise Unreadable(
                    msg("workbook.part_too_large", part=terminal_text(part),
                        size=format_number(info.file_size), limit=format_number(limit)),
                    msg("workbook.part_too_large_fix"))
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
                raise Unreadable(
                    msg("workbook.part_packed_too_well", part=terminal_text(part),
                        size=format_number(info.file_size),
                        packed=format_number(info.compress_size), ratio=format_number(ratio),
                        limit=limits.max_zip_ratio),
                    msg("workbook.part_packed_too_well_fix"))
        if "xl/workbook.xml" not in names and any(n.startswith("xl/") for n in names):
            raise missing_part("xl/workbook.xml")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_prolog(zf, info)


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DTD (``<!DOCTYPE``, ``<!ENTITY``) can only stand before the first element: read
    the part's first 64 kB and refuse one."""
    try:
        with zf.open(info) as fh:
            head = fh.read(1 << 16)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError) as exc:
        raise broken_part(info.filename, exc) from exc
    if _DTD.search(head):
        raise Unreadable(msg("workbook.dtd", part=terminal_text(info.filename)),
                         msg("workbook.dtd_fix"))


def missing_part(part: str) -> Unreadable:
    return Unreadable(msg("workbook.missing_part", part=terminal_text(part)), _resave())


def broken_part(part: str, exc: BaseException) -> Unreadable:
    if isinstance(exc, SyntaxError) and getattr(exc, "position", None):  # XML ParseError
        why = xml_error_text(exc)
    else:
        why = terminal_text(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return Unreadable(msg("workbook.broken_part", part=terminal_text(part), why=why), _resave())


def check_sheets(data: bytes, found: list[str]) -> None:
    """Refuse a workbook that names a sheet whose part is missing (openpyxl skips it
    silently, so that the second sheet would be read as the first)."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            root = fromstring(zf.read("xl/workbook.xml"))
            rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ValueError, SyntaxError):
            return  # openpyxl has read it, or said why not
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    lost = [(s.get("name") or "", targets.get(s.get(rid), "?"))
            for s in root.iter(f"{ns}sheet") if (s.get("name") or "") not in found]
    if lost:
        name, target = lost[0]
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        raise Unreadable(msg("workbook.missing_sheet_part", sheet=repr(terminal_text(name)),
                             part=terminal_text(part)), _resave())


def hidden_state(book: Any, name: str) -> str:
    """``"hidden"``, ``"veryHidden"`` or ``"visible"``: the sheet's state in the workbook."""
    return str(getattr(book[name], "sheet_state", "visible") or "visible")


class _CellFault(Exception):
    def __init__(self, cell: str, kind: str, value: str) -> None:
        super().__init__(cell)
        self.cell, self.kind, self.value = cell, kind, value


def _parser_class() -> type:
    from openpyxl.utils.exceptions import CellCoordinatesException
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):
        """openpyxl's sheet parser, naming the cell of a value it cannot read."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = element.get("r") or ""
            kind = element.get("t", "n")
            try:  # a date out of range is a warning, raised here (see sheet_rows)
                out = super().parse_cell(element)
            except (ValueError, IndexError, KeyError, TypeError, OverflowError,
                    UserWarning, CellCoordinatesException) as exc:
                raise _CellFault(cell, kind, element.findtext(VALUE_TAG) or "") from exc
            if not (1 <= out["row"] <= _MAX_ROW and 1 <= out["column"] <= _MAX_COLUMN):
                raise _CellFault(cell, "ref", "")
            return out

    return _Parser


def _cell_fault(title: str, fault: _CellFault) -> Unreadable:
    cell, value = terminal_text(fault.cell or "?", 20), terminal_text(fault.value, 40)
    sheet = terminal_text(title, 60)
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.utils.exceptions import CellCoordinatesException

    try:
        col, row = coordinate_from_string(fault.cell)
        ok = 1 <= row <= _MAX_ROW and len(col) <= 3 and fault.kind != "ref"
    except (ValueError, TypeError, CellCoordinatesException):
        ok = False
    if fault.cell and not ok:
        return Unreadable(msg("workbook.bad_cell_reference", cell=repr(cell), sheet=repr(sheet)),
                          _resave())
    where = msg("workbook.cell_on_sheet", cell=cell, sheet=repr(sheet))
    key = {"s": "workbook.bad_shared_text", "d": "workbook.bad_date"}.get(
        fault.kind, "workbook.bad_number")
    return Unreadable(msg(key, where=where, value=value if fault.kind == "s" else repr(value)),
                      _resave())


def _too_wide(sheet: str, cell: str, column: int, limit: int) -> Unreadable:
    return Unreadable(msg("workbook.too_wide", sheet=sheet, column=format_number(column),
                          cell=cell, limit=format_number(limit)),
                      msg("workbook.too_wide_fix"))


def _too_many(sheet: str, row: int, limit: int) -> Unreadable:
    return Unreadable(msg("workbook.too_many_cells", sheet=sheet, limit=format_number(limit),
                          row=format_number(row)),
                      msg("workbook.too_many_cells_fix"))


def _too_long(sheet: str, cell: str, chars: int, limit: int) -> Unreadable:
    return Unreadable(msg("workbook.cell_too_long", cell=cell, sheet=sheet,
                          chars=format_number(chars), limit=format_number(limit)),
                      msg("workbook.cell_too_long_fix"))


def _row_values(sheet: str, idx: int, row: list[dict[str, Any]]) -> list[Any]:
    """One parsed row (its filled cells) as a list of values up to its last filled cell."""
    from openpyxl.utils import get_column_letter

    limits = _settings.SETTINGS
    last = max(c["column"] for c in row)
    if last > limits.max_columns:
        cell = f"{get_column_letter(min(last, _MAX_COLUMN))}{idx}"
        raise _too_wide(sheet, cell, last, limits.max_columns)
    values: list[Any] = [None] * last
    for c in row:
        v = c["value"]
        if isinstance(v, str) and len(v) > limits.max_cell_chars:
            cell = f"{get_column_letter(c['column'])}{idx}"
            raise _too_long(sheet, cell, len(v), limits.max_cell_chars)
        values[c["column"] - 1] = v
    return values


def sheet_rows(book: Any, ws: Any) -> list[tuple[int, list[Any]]]:
    """The sheet's non-blank rows, ``(row number, values)``, streamed and bounded.

    The sheet's declared dimension (``<dimension ref="A1:XFD1048576">``) is not
    trusted: each row is as long as its last filled cell. Refused (naming the
    cell and the limit): a cell beyond :attr:`Settings.max_columns`, more than
    :attr:`Settings.max_cells` filled cells, a text longer than Excel's 32,767
    characters, and a value openpyxl cannot read.
    """
    max_cells = _settings.SETTINGS.max_cells
    sheet = repr(terminal_text(ws.title, 60))
    table: list[tuple[int, list[Any]]] = []
    cells = 0
    try:
        src = ws._get_source()
    except KeyError as exc:
        raise missing_part(str(getattr(ws, "_worksheet_path", ws.title))) from exc
    with src, warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # openpyxl warns of a bad date
        parser = _parser_class()(src, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        try:
            for idx, row in parser.parse():
                if not row:
                    continue
                cells += len(row)
                if cells > max_cells:
                    raise _too_many(sheet, idx, max_cells)
                values = _row_values(sheet, idx, row)
                if any(v is not None and str(v).strip() for v in values):
                    table.append((idx, values))
        except _CellFault as fault:
            raise _cell_fault(ws.title, fault) from fault
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, ValueError,
                SyntaxError) as exc:  # a checksum, a broken or forbidden XML construct
            raise broken_part(str(ws._worksheet_path), exc) from exc
    return table
