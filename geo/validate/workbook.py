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

from geo.validate.reading import Unreadable
from layers import settings as _settings
from layers.lang import format_number, pick, terminal_text

__all__ = ["check_sheets", "check_workbook", "hidden_state", "sheet_rows"]

_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384  # Excel's own sheet size
_MAX_PARTS = 10_000  # a workbook with many sheets and pictures has a few hundred
_RATIO_FLOOR = 1 << 20  # parts smaller than 1 MB may pack as well as they like
_WHOLE_PARTS = re.compile(r"^xl/(sharedStrings|workbook|styles)\.xml$|\.rels$|^\[Content_Types\]")
"""Parts openpyxl reads whole (not streamed): they get an eighth of the part limit."""
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)")
_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")


def _resave() -> str:
    return pick("Open het bestand in Excel en sla het opnieuw op als .xlsx, of als 'CSV UTF-8'.",
                "Open the file in Excel and save it again as .xlsx, or as 'CSV UTF-8'.")


def is_encrypted(data: bytes) -> bool:
    """True for a password-protected Office file (an OLE container with an EncryptedPackage)."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED_OLE in data


def encrypted() -> Unreadable:
    return Unreadable(
        pick("is met een wachtwoord beveiligd (versleuteld); zo'n werkmap kan niet worden "
             "gelezen.",
             "is protected with a password (encrypted); such a workbook cannot be read."),
        pick("Open het in Excel met het wachtwoord, haal de beveiliging weg (Bestand > Info > "
             "Werkmap beveiligen > Versleutelen met wachtwoord: leeg) en sla het op.",
             "Open it in Excel with the password, remove the protection (File > Info > Protect "
             "Workbook > Encrypt with Password: empty) and save it."))


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
            raise Unreadable(
                pick(f"de werkmap bestaat uit {format_number(len(infos))} onderdelen, meer dan "
                     f"de grens van {format_number(_MAX_PARTS)} (een echte werkmap heeft er "
                     "enkele tientallen).",
                     f"the workbook has {format_number(len(infos))} parts, more than the "
                     f"limit of {format_number(_MAX_PARTS)} (a real workbook has a few "
                     "dozen)."),
                _resave())
        names = {i.filename for i in infos}
        for info in infos:
            part = info.filename
            if info.flag_bits & 0x1:
                raise encrypted()
            whole = bool(_WHOLE_PARTS.search(part))
            limit = limits.max_part_bytes // 8 if whole else limits.max_part_bytes
            if info.file_size > limit:
                raise Unreadable(
                    pick(f"het onderdeel {terminal_text(part)} van de werkmap is uitgepakt "
                         f"{format_number(info.file_size)} bytes, meer dan de grens van "
                         f"{format_number(limit)}.",
                         f"the workbook's part {terminal_text(part)} is "
                         f"{format_number(info.file_size)} bytes unpacked, more than the "
                         f"limit of {format_number(limit)}."),
                    pick("Is het een echte werkmap, splits hem dan of zet "
                         "TRANSITIEKAART_MAX_PART_BYTES hoger; of sla het blad op als "
                         "'CSV UTF-8'.",
                         "If it is a real workbook, split it or raise "
                         "TRANSITIEKAART_MAX_PART_BYTES; or save the sheet as 'CSV UTF-8'."))
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
                raise Unreadable(
                    pick(f"het onderdeel {terminal_text(part)} van de werkmap pakt uit tot "
                         f"{format_number(info.file_size)} bytes uit "
                         f"{format_number(info.compress_size)}: {format_number(ratio)} keer "
                         f"zo groot, meer dan de grens van {limits.max_zip_ratio} (een "
                         "zip-bom?).",
                         f"the workbook's part {terminal_text(part)} unpacks to "
                         f"{format_number(info.file_size)} bytes from "
                         f"{format_number(info.compress_size)}: {format_number(ratio)} times "
                         f"as large, more than the limit of {limits.max_zip_ratio} (a zip "
                         "bomb?)."),
                    pick("Is het een echte werkmap, zet dan TRANSITIEKAART_MAX_ZIP_RATIO hoger, "
                         "of sla het blad op als 'CSV UTF-8'.",
                         "If it is a real workbook, raise TRANSITIEKAART_MAX_ZIP_RATIO, or "
                         "save the sheet as 'CSV UTF-8'."))
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
        raise Unreadable(
            pick(f"het onderdeel {terminal_text(info.filename)} van de werkmap bevat een "
                 "DTD (<!DOCTYPE of <!ENTITY), wat Excel nooit schrijft; zo beginnen aanvallen "
                 "die het geheugen vullen of bestanden van deze computer lezen. Het is niet "
                 "gelezen.",
                 f"the workbook's part {terminal_text(info.filename)} holds a DTD (<!DOCTYPE "
                 "or <!ENTITY), which Excel never writes; it is how attacks that fill the "
                 "memory or read files from this computer begin. It was not read."),
            pick("Vraag de afzender om het bestand opnieuw op te slaan in Excel, of om een "
                 "'CSV UTF-8'.",
                 "Ask the sender to save the file again in Excel, or for a 'CSV UTF-8'."))


def missing_part(part: str) -> Unreadable:
    return Unreadable(
        pick(f"is beschadigd: het onderdeel {terminal_text(part)} ontbreekt in de werkmap.",
             f"is damaged: the part {terminal_text(part)} is missing from the workbook."),
        _resave())


def broken_part(part: str, exc: BaseException) -> Unreadable:
    why = terminal_text(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return Unreadable(
        pick(f"is beschadigd: het onderdeel {terminal_text(part)} van de werkmap kan niet "
             f"worden gelezen ({why}).",
             f"is damaged: the workbook's part {terminal_text(part)} cannot be read ({why})."),
        _resave())


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
        raise Unreadable(
            pick(f"is beschadigd: het blad {terminal_text(name)!r} staat in de werkmap, "
                 f"maar zijn onderdeel {terminal_text(part)} ontbreekt.",
                 f"is damaged: the sheet {terminal_text(name)!r} is named in the workbook, "
                 f"but its part {terminal_text(part)} is missing."),
            _resave())


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
    where = pick(f"cel {cell} op blad {sheet!r}", f"cell {cell} on sheet {sheet!r}")
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.utils.exceptions import CellCoordinatesException

    try:
        col, row = coordinate_from_string(fault.cell)
        ok = 1 <= row <= _MAX_ROW and len(col) <= 3 and fault.kind != "ref"
    except (ValueError, TypeError, CellCoordinatesException):
        ok = False
    if fault.cell and not ok:
        nl = f"de celverwijzing {cell!r} op blad {sheet!r} bestaat niet in Excel"
        en = f"the cell reference {cell!r} on sheet {sheet!r} does not exist in Excel"
    elif fault.kind == "s":
        nl = (f"{where} verwijst naar gedeelde tekst nummer {value}, die niet in de werkmap "
              "staat")
        en = f"{where} refers to shared text number {value}, which is not in the workbook"
    elif fault.kind == "d":
        nl = f"{where} is een datum, maar {value!r} is geen datum"
        en = f"{where} is a date, but {value!r} is not a date"
    else:
        nl = f"{where} is een getal of datum, maar {value!r} is dat niet"
        en = f"{where} is a number or date, but {value!r} is not one"
    return Unreadable(pick(f"is beschadigd: {nl}.", f"is damaged: {en}."), _resave())


def _too_wide(sheet: str, cell: str, column: int, limit: int) -> Unreadable:
    return Unreadable(
        pick(f"blad {sheet} heeft een cel in kolom {format_number(column)} ({cell}), meer "
             f"dan de grens van {format_number(limit)} kolommen.",
             f"sheet {sheet} has a cell in column {format_number(column)} ({cell}), more "
             f"than the limit of {format_number(limit)} columns."),
        pick("Verwijder de kolommen rechts van de tabel (selecteer ze, rechtsklik > "
             "Verwijderen), of zet TRANSITIEKAART_MAX_COLUMNS hoger.",
             "Delete the columns right of the table (select them, right-click > Delete), or "
             "raise TRANSITIEKAART_MAX_COLUMNS."))


def _too_many(sheet: str, row: int, limit: int) -> Unreadable:
    return Unreadable(
        pick(f"blad {sheet} heeft meer dan {format_number(limit)} gevulde cellen (de grens), "
             f"bij rij {format_number(row)}.",
             f"sheet {sheet} has more than {format_number(limit)} filled cells (the limit), "
             f"at row {format_number(row)}."),
        pick("Splits de werkmap, of zet TRANSITIEKAART_MAX_CELLS hoger.",
             "Split the workbook, or raise TRANSITIEKAART_MAX_CELLS."))


def _too_long(sheet: str, cell: str, chars: int, limit: int) -> Unreadable:
    return Unreadable(
        pick(f"cel {cell} op blad {sheet} heeft {format_number(chars)} tekens, meer dan de "
             f"{format_number(limit)} die Excel in een cel toelaat.",
             f"cell {cell} on sheet {sheet} has {format_number(chars)} characters, more than "
             f"the {format_number(limit)} Excel allows in a cell."),
        pick("Kort de tekst in, of zet hem in een apart document en geef een link.",
             "Shorten the text, or put it in a document of its own and give a link."))


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
