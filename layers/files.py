"""Reading a user's file safely: a regular file, within a size limit, named for what it is.

Every file the tool reads (register, project files, boundary, population and
NOVEX files) goes through :func:`check_regular_file` and
:func:`read_bytes_bounded`, so a FIFO, a device, a directory or a link to
``/dev/zero`` is refused at once with a one-line message naming the path,
instead of hanging or filling memory. :func:`sniff_container` names a file
that is not text for what it is (UTF-16, gzip, zip, an Excel workbook ...).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path

from layers.errors import InputFileError
from layers.lang import format_number, get_lang
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["check_regular_file", "container_prefixes", "file_kind", "is_empty_collection",
           "json_reason", "read_bytes_bounded", "sniff_container", "system_reason"]

_EMPTY_MAX_BYTES = 1_000_000  # an empty collection with a name, crs and bbox is far smaller


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, for a message: "een map", "a FIFO" ..."""
    if stat.S_ISDIR(mode):
        return msg("files.kind_directory")
    if stat.S_ISFIFO(mode):
        return msg("files.kind_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("files.kind_device")
    if stat.S_ISSOCK(mode):
        return msg("files.kind_socket")
    return msg("files.kind_other")


def system_reason(exc: OSError) -> str:
    """What the system says went wrong, for the brackets after a message's own reason.

    The system's words (``exc.strerror``, "No space left on device") are English
    whatever the run's language: an English run shows them, any other run the
    error's code (``ENOSPC``), which is the same in every language.
    """
    words = exc.strerror or str(exc)
    code = errno.errorcode.get(exc.errno or 0, "")
    return code if code and get_lang() != "en" else words


def _open_error(label: str, exc: OSError) -> InputFileError:
    """The message for a file that exists but cannot be opened."""
    if isinstance(exc, PermissionError):
        return InputFileError(msg("files.no_permission", label=label))
    return InputFileError(msg("files.cannot_open", label=label, reason=system_reason(exc)))


def check_regular_file(path: str | Path, what: str | None = None) -> Path:
    """Return ``path`` if it names an existing regular file (symlinks followed).

    Raises :class:`~layers.errors.InputFileError` naming the path otherwise:
    missing, a directory, a FIFO, a device or a socket. ``what`` says what the
    file is for in the message, e.g. "population file".
    """
    p = Path(path)
    label = f"{what} {p}" if what else str(p)
    if str(path).strip() == "":
        raise InputFileError(msg("files.no_name"))
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputFileError(msg("files.missing", label=label)) from None
    except OSError as exc:
        raise _open_error(label, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(msg("files.not_regular_give_file", label=label,
                                 kind=file_kind(st.st_mode)))
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
            raise InputFileError(msg("files.not_regular", label=label,
                                     kind=file_kind(st.st_mode)))
        if st.st_size > limit:
            raise InputFileError(msg("files.too_large", label=label,
                                     size=format_number(st.st_size), limit=format_number(limit)))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # grew while being read
        raise InputFileError(msg("files.grew_too_large", label=label, limit=format_number(limit)))
    return data


_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    # (prefix, what it is, the fix: keys of files.toml) - longest prefixes first
    (b"\x00\x00\xfe\xff", "utf32_text", "fix_utf"),
    (b"\xff\xfe\x00\x00", "utf32_text", "fix_utf"),
    (b"\xfe\xff", "utf16_text", "fix_utf"),
    (b"\xff\xfe", "utf16_text", "fix_utf"),
    (b"\x1f\x8b", "gzip", "fix_unzip"),
    (b"BZh", "bzip2", "fix_unzip"),
    (b"\xfd7zXZ\x00", "xz", "fix_unzip"),
    (b"7z\xbc\xaf\x27\x1c", "sevenzip", "fix_unzip"),
    (b"%PDF", "pdf", "fix_pdf"),
    (b"\xd0\xcf\x11\xe0", "xls", "fix_xls"),
    (b"SQLite format 3\x00", "sqlite", "fix_gpkg"),
)


def container_prefixes() -> tuple[bytes, ...]:
    """The first bytes by which :func:`sniff_container` knows a file that is not text
    (UTF-16/32 marks, gzip, PDF, zip ...; not the NUL pattern of UTF-16 without a mark)."""
    return (*(magic for magic, _, _ in _MAGIC), b"PK\x03\x04", b"PK\x05\x06")


def sniff_container(data: bytes, name: str = "") -> tuple[str, str] | None:
    """``(what it is, the fix)`` for bytes that are not plain text, else None.

    Recognises UTF-16/UTF-32 (by byte-order mark, or by the NUL pattern of
    ASCII text), gzip, bzip2, xz, 7-Zip, zip (and Excel ``.xlsx``/ODS inside a
    zip), PDF, old ``.xls`` and SQLite. Texts follow the run's language.
    """
    head = data[:8]
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            return msg(f"files.{what}"), msg(f"files.{fix}")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if len(head) >= 4 and head[1:2] == b"\x00" and head[3:4] == b"\x00" and head[0:1] != b"\x00":
        return msg("files.utf16_le_text"), msg("files.fix_utf")
    if len(head) >= 4 and head[0:1] == b"\x00" and head[2:3] == b"\x00" and head[1:2] != b"\x00":
        return msg("files.utf16_be_text"), msg("files.fix_utf")
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


_ODF = {b"spreadsheet": "ods", b"text": "odt", b"presentation": "odp"}


def _sniff_zip(data: bytes) -> tuple[str, str]:
    """What an Office or OpenDocument file (a zip) is, by its parts; else "a zip archive"."""
    names = _zip_names(data)
    window = data[:4000]
    mime = re.search(rb"application/vnd\.oasis\.opendocument\.([a-z]+)", window)

    def has(part: str) -> bool:  # by the names; else anywhere near the start
        return any(n.startswith(part) for n in names) or (
            not any(n.startswith(("xl/", "word/", "ppt/")) for n in names) and
            part.encode() in window)

    if has("xl/"):
        return msg("files.xlsx"), msg("files.fix_xlsx")
    if has("word/"):
        return msg("files.docx"), msg("files.fix_table")
    if has("ppt/"):
        return msg("files.pptx"), msg("files.fix_table")
    if mime is not None or b"opendocument" in window:
        kind = _ODF.get(mime.group(1) if mime else b"", "opendocument")
        fix = "fix_sheet" if mime is None or mime.group(1) == b"spreadsheet" else "fix_table"
        return msg(f"files.{kind}"), msg(f"files.{fix}")
    return msg("files.zip"), msg("files.fix_unzip")


_JSON_ERRORS = (  # the start of what json.JSONDecodeError says, and its key in files.toml
    ("Expecting value", "json_expecting_value"),
    ("Expecting property name", "json_expecting_name"),
    ("Unterminated string", "json_unterminated"),
    ("Extra data", "json_extra_data"),
    ("Invalid control character", "json_control_character"),
    ("Invalid \\escape", "json_escape"),
)


def json_reason(text: str) -> str:
    """What Python's JSON reader says is wrong (``JSONDecodeError.msg``), in the run's language.

    ``"Expecting value"`` becomes ``"een waarde verwacht"`` in a Dutch run; a text
    it does not know is returned as it is.
    """
    for start, key in _JSON_ERRORS:
        if text.startswith(start):
            return msg(f"files.{key}")
    if text.startswith("Expecting ") and text.endswith(" delimiter"):  # "Expecting ',' delimiter"
        char = text.removeprefix("Expecting ").removesuffix(" delimiter")
        return msg("files.json_expecting_delimiter", char=char)
    return text


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
