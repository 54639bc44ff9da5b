"""Reading a user's file safely: a regular file, within a size limit, named for what it is.

Every file the tool reads (register, project files, boundary, population and
NOVEX files) goes through :func:`check_regular_file` and
:func:`read_bytes_bounded`, so a FIFO, a device, a directory or a link to
``/dev/zero`` is refused at once with a one-line message naming the path,
instead of hanging or filling memory. :func:`sniff_container` names a file
that is not text for what it is (UTF-16, gzip, zip, an Excel workbook ...).
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from layers.errors import InputFileError
from layers.lang import format_number, pick
from layers.settings import SETTINGS

__all__ = ["check_regular_file", "file_kind", "is_empty_collection", "read_bytes_bounded",
           "sniff_container"]

_EMPTY_MAX_BYTES = 1_000_000  # an empty collection with a name, crs and bbox is far smaller


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, for a message: "een map", "a FIFO" ..."""
    if stat.S_ISDIR(mode):
        return pick("een map", "a directory")
    if stat.S_ISFIFO(mode):
        return pick("een named pipe (FIFO)", "a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return pick("een apparaatbestand", "a device file")
    if stat.S_ISSOCK(mode):
        return pick("een socket", "a socket")
    return pick("geen gewoon bestand", "not a regular file")


def _open_error(label: str, exc: OSError) -> InputFileError:
    """The message for a file that exists but cannot be opened."""
    if isinstance(exc, PermissionError):
        return InputFileError(pick(
            f"{label}: geen leesrecht. Vraag de eigenaar om leesrecht, of kopieer het.",
            f"{label}: no permission to read it. Ask its owner for read access, or copy it."))
    return InputFileError(pick(f"{label}: kan niet worden geopend ({exc.strerror}).",
                               f"{label}: cannot be opened ({exc.strerror})."))


def check_regular_file(path: str | Path, what: str | None = None) -> Path:
    """Return ``path`` if it names an existing regular file (symlinks followed).

    Raises :class:`~layers.errors.InputFileError` naming the path otherwise:
    missing, a directory, a FIFO, a device or a socket. ``what`` says what the
    file is for in the message, e.g. "population file".
    """
    p = Path(path)
    label = f"{what} {p}" if what else str(p)
    if str(path).strip() == "":
        msg = pick("Geen bestandsnaam opgegeven (een lege naam). Geef het pad van het bestand.",
                   "No file name given (an empty name). Give the path of the file.")
        raise InputFileError(msg)
    try:
        st = p.stat()
    except FileNotFoundError:
        msg = pick(f"{label}: bestaat niet. Controleer de naam en de map.",
                   f"{label}: does not exist. Check the name and the folder.")
        raise InputFileError(msg) from None
    except OSError as exc:
        raise _open_error(label, exc) from None
    if not stat.S_ISREG(st.st_mode):
        msg = pick(f"{label}: is {file_kind(st.st_mode)}, geen gewoon bestand. Geef een bestand.",
                   f"{label}: is {file_kind(st.st_mode)}, not a regular file. Give a file.")
        raise InputFileError(msg)
    return p


def read_bytes_bounded(path: str | Path, what: str | None = None,
                       limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default: the settings' 2 GB).

    The check and the read use one open file descriptor, so a file swapped for
    a FIFO in between cannot hang the read.
    """
    p = check_regular_file(path, what)
    limit = SETTINGS.max_file_bytes if limit is None else limit
    label = f"{what} {p}" if what else str(p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise _open_error(label, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            msg = pick(f"{label}: is {file_kind(st.st_mode)}, geen gewoon bestand.",
                       f"{label}: is {file_kind(st.st_mode)}, not a regular file.")
            raise InputFileError(msg)
        if st.st_size > limit:
            msg = pick(
                f"{label}: is {format_number(st.st_size)} bytes, meer dan de grens van "
                f"{format_number(limit)}. Splits het bestand, of zet "
                "TRANSITIEKAART_MAX_FILE_BYTES hoger.",
                f"{label}: is {format_number(st.st_size)} bytes, more than the limit of "
                f"{format_number(limit)}. Split the file, or raise "
                "TRANSITIEKAART_MAX_FILE_BYTES.")
            raise InputFileError(msg)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # grew while being read
        msg = pick(f"{label}: is groter dan de grens van {format_number(limit)} bytes.",
                   f"{label}: is larger than the limit of {format_number(limit)} bytes.")
        raise InputFileError(msg)
    return data


_MAGIC: tuple[tuple[bytes, str, str, str], ...] = (
    # (prefix, what it is (nl), (en), the fix in both) - longest prefixes first
    (b"\x00\x00\xfe\xff", "UTF-32-tekst", "UTF-32 text", "utf"),
    (b"\xff\xfe\x00\x00", "UTF-32-tekst", "UTF-32 text", "utf"),
    (b"\xfe\xff", "UTF-16-tekst", "UTF-16 text", "utf"),
    (b"\xff\xfe", "UTF-16-tekst", "UTF-16 text", "utf"),
    (b"\x1f\x8b", "gzip-gecomprimeerd", "gzip-compressed", "unzip"),
    (b"BZh", "bzip2-gecomprimeerd", "bzip2-compressed", "unzip"),
    (b"\xfd7zXZ\x00", "xz-gecomprimeerd", "xz-compressed", "unzip"),
    (b"7z\xbc\xaf\x27\x1c", "een 7-Zip-archief", "a 7-Zip archive", "unzip"),
    (b"%PDF", "een PDF-document", "a PDF document", "pdf"),
    (b"\xd0\xcf\x11\xe0", "een oud Excel/Office-bestand (.xls)",
     "an old Excel/Office file (.xls)", "xls"),
    (b"SQLite format 3\x00", "een SQLite-database (GeoPackage?)",
     "an SQLite database (GeoPackage?)", "gpkg"),
)


def sniff_container(data: bytes, name: str = "") -> tuple[str, str] | None:
    """``(what it is, the fix)`` for bytes that are not plain text, else None.

    Recognises UTF-16/UTF-32 (by byte-order mark, or by the NUL pattern of
    ASCII text), gzip, bzip2, xz, 7-Zip, zip (and Excel ``.xlsx``/ODS inside a
    zip), PDF, old ``.xls`` and SQLite. Texts follow the run's language.
    """
    fixes = {
        "utf": pick("Sla het bestand op als UTF-8 (Kladblok: Opslaan als > Codering UTF-8; "
                    "Excel: 'CSV UTF-8').",
                    "Save the file as UTF-8 (Notepad: Save as > Encoding UTF-8; "
                    "Excel: 'CSV UTF-8')."),
        "unzip": pick("Pak het eerst uit en geef het bestand dat erin zit.",
                      "Unzip it first and give the file inside."),
        "pdf": pick("Een PDF bevat geen kaartgegevens; vraag om het bronbestand "
                    "(GeoJSON, CSV of Excel).",
                    "A PDF holds no map data; ask for the source file (GeoJSON, CSV or Excel)."),
        "xls": pick("Open het in Excel en sla het op als .xlsx of als 'CSV UTF-8'.",
                    "Open it in Excel and save it as .xlsx or as 'CSV UTF-8'."),
        "gpkg": pick("Geef het bestand de extensie .gpkg als het een GeoPackage is.",
                     "Give the file the extension .gpkg if it is a GeoPackage."),
    }
    head = data[:8]
    for magic, nl, en, fix in _MAGIC:
        if data.startswith(magic):
            return pick(nl, en), fixes[fix]
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if len(head) >= 4 and head[1:2] == b"\x00" and head[3:4] == b"\x00" and head[0:1] != b"\x00":
        return pick("UTF-16-tekst (little-endian, zonder BOM)",
                    "UTF-16 text (little-endian, no BOM)"), fixes["utf"]
    if len(head) >= 4 and head[0:1] == b"\x00" and head[2:3] == b"\x00" and head[1:2] != b"\x00":
        return pick("UTF-16-tekst (big-endian, zonder BOM)",
                    "UTF-16 text (big-endian, no BOM)"), fixes["utf"]
    return None


def _zip_names(data: bytes) -> list[str]:
    """The names in a zip's local file headers within ``data`` (its first bytes suffice:
    the central directory at the end may be cut off)."""
    names, at = [], data.find(b"PK\x03\x04")
    while 0 <= at <= len(data) - 30:
        size = int.from_bytes(data[at + 26:at + 28], "little")
        names.append(data[at + 30:at + 30 + size].decode("utf-8", "replace"))
        at = data.find(b"PK\x03\x04", at + 30 + size)
    return names


_ODF = {b"spreadsheet": ("een OpenDocument-werkblad (.ods)", "an OpenDocument spreadsheet (.ods)"),
        b"text": ("een OpenDocument-tekstdocument (.odt)", "an OpenDocument text (.odt)"),
        b"presentation": ("een OpenDocument-presentatie (.odp)",
                          "an OpenDocument presentation (.odp)")}


def _sniff_zip(data: bytes) -> tuple[str, str]:
    """What an Office or OpenDocument file (a zip) is, by its parts; else "a zip archive"."""
    names = _zip_names(data)
    sheet = pick("Sla het op als .xlsx of als 'CSV UTF-8'.", "Save it as .xlsx or as 'CSV UTF-8'.")
    table = pick("Zet de projecttabel in een Excel-blad (kopiëren en plakken) en sla dat op als "
                 ".xlsx of 'CSV UTF-8'.",
                 "Put the table of projects in an Excel sheet (copy and paste) and save that "
                 "as .xlsx or 'CSV UTF-8'.")
    window = data[:4000]
    mime = re.search(rb"application/vnd\.oasis\.opendocument\.([a-z]+)", window)

    def has(part: str) -> bool:  # by the names; else anywhere near the start
        return any(n.startswith(part) for n in names) or (
            not any(n.startswith(("xl/", "word/", "ppt/")) for n in names) and
            part.encode() in window)

    if has("xl/"):
        return (pick("een Excel-werkmap (.xlsx)", "an Excel workbook (.xlsx)"),
                pick("Geef het de extensie .xlsx, of sla het blad op als 'CSV UTF-8'.",
                     "Give it the extension .xlsx, or save the sheet as 'CSV UTF-8'."))
    if has("word/"):
        return pick("een Word-document (.docx)", "a Word document (.docx)"), table
    if has("ppt/"):
        return pick("een PowerPoint-presentatie (.pptx)", "a PowerPoint presentation (.pptx)"), \
            table
    if mime is not None or b"opendocument" in window:
        nl, en = _ODF.get(mime.group(1) if mime else b"", ("een OpenDocument-bestand",
                                                          "an OpenDocument file"))
        return pick(nl, en), sheet if mime is None or mime.group(1) == b"spreadsheet" \
            else table
    return pick("een zip-archief", "a zip archive"), pick(
        "Pak het eerst uit en geef het bestand dat erin zit.",
        "Unzip it first and give the file inside.")


def is_empty_collection(p: Path) -> bool:
    """True for a valid FeatureCollection with zero features (emptied, or saved so by QGIS).

    Never blocks: anything but a small regular file is left to the reader.
    """
    try:
        st = os.stat(p)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_size > _EMPTY_MAX_BYTES:
        return False
    try:
        doc = json.loads(read_bytes_bounded(p, limit=_EMPTY_MAX_BYTES).decode("utf-8"))
    except (InputFileError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and \
        doc.get("features") == []
