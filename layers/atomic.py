"""Atomic file writes to real targets: a reader (or a crash) sees the old file or the new one.

The target is resolved through symlinks first, so a link to a shared file
updates that file (the link stays a link). A directory, FIFO, device or socket
is refused with a message instead of being replaced, and so is a read-only
file. The new file keeps the mode, owner and group of the file it replaces. A
failure while writing (full disk, no permission, read-only disk) leaves the
target unchanged and is reported naming the target, never the temporary file.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from layers.errors import TransitiekaartError
from layers.files import file_kind, system_reason
from layers.messages import msg

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "check_target",
    "file_mode",
    "fsync_dir",
    "write_error",
    "write_temp",
]

log = logging.getLogger(__name__)


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (the rename) to disk where the OS allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def file_mode(path: Path) -> int:
    """The existing file's permissions, or the usual ones for a new file (0666 & ~umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return _default_mode()


def _named(path: Path, real: Path) -> str:
    """``path``, and where it really points when it is a link."""
    if Path(os.path.abspath(path)) == real:
        return str(path)
    return msg("atomic.points_to", path=path, real=real)


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # pragma: no cover - no statvfs
        return False


def _not_writable(real: Path, named: str, label: str, mode: int) -> TransitiekaartError:
    """Why an existing file may not be replaced: a read-only disk, file, or no permission."""
    values: dict[str, Any] = {"label": label, "named": named, "real": real, "mode": f"{mode:04o}"}
    if _read_only_disk(real):
        return TransitiekaartError(msg("atomic.read_only_disk", **values))
    if not mode & 0o222:
        return TransitiekaartError(msg("atomic.read_only_file", **values))
    return TransitiekaartError(msg("atomic.no_write_permission", **values))


def check_target(path: str | Path, what: str | None = None, make_parents: bool = True) -> Path:
    """The real file that writing ``path`` should replace (symlinks followed).

    Parameters
    ----------
    path
        Where the user asked to write.
    what
        What the file is, for messages ("the map", "the register").
    make_parents
        Create a missing folder (else refuse it with a message).

    Raises
    ------
    TransitiekaartError
        For an empty name, a directory, FIFO, device or socket, a read-only
        file, or (without ``make_parents``) a folder that does not exist.
    """
    label = f"{what} " if what else ""
    if str(path).strip() in ("", "."):
        raise TransitiekaartError(msg("atomic.no_name", label=label or msg("atomic.the_file")))
    p = Path(path)
    real = Path(os.path.realpath(p))
    named = _named(p, real)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            if make_parents and not real.parent.exists():
                return real
            raise TransitiekaartError(msg("atomic.no_folder", label=label, named=named,
                                          folder=real.parent)) from None
        return real
    except OSError as exc:
        raise TransitiekaartError(msg("atomic.cannot_open", label=label, named=named,
                                      reason=system_reason(exc))) from None
    if not stat.S_ISREG(st.st_mode):
        fix = (msg("atomic.fix_in_folder", path=p, sep=os.sep) if stat.S_ISDIR(st.st_mode)
               else msg("atomic.fix_regular"))
        raise TransitiekaartError(msg("atomic.not_regular", label=label, named=named,
                                      kind=file_kind(st.st_mode), fix=fix))
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise _not_writable(real, named, label, stat.S_IMODE(st.st_mode))
    return real


_REASONS = {  # errno: (why, the fix), keys of atomic.toml
    errno.ENOSPC: ("disk_full", "fix_space"),
    errno.EDQUOT: ("quota", "fix_space"),
    errno.EROFS: ("read_only", "fix_writable_disk"),
    errno.EACCES: ("no_folder_permission", "fix_folder_permission"),
    errno.EPERM: ("no_folder_permission", "fix_folder_permission"),
}


def write_error(path: str | Path, exc: OSError, what: str | None = None) -> TransitiekaartError:
    """A one-line message for a failed write of ``path``: the file, the reason, the fix.

    It never names the temporary file the write went through; the target is unchanged.
    The system's reason is given as :func:`layers.files.system_reason` gives it (in a
    Dutch run its code, ``ENOSPC``, after the reason in Dutch).
    """
    label = f"{what} " if what else ""
    known = _REASONS.get(exc.errno or 0)
    why = msg(f"atomic.{known[0] if known else 'os_error'}")
    fix = msg(f"atomic.{known[1] if known else 'fix_check_folder'}")
    return TransitiekaartError(msg("atomic.write_failed", label=label, path=path, why=why,
                                   reason=system_reason(exc), fix=fix))


def _keep_owner(fd: int, owner: tuple[int, int] | None) -> None:
    """Give the new file the owner and group of the file it replaces, as far as allowed."""
    if owner is None or not hasattr(os, "fchown"):
        return
    uid, gid = owner
    for want in ((uid, gid), (-1, gid)):
        try:
            os.fchown(fd, *want)
            return
        except PermissionError:
            continue
    log.warning("%s", msg("atomic.group_not_kept", group=gid))


def write_temp(directory: Path, prefix: str, data: bytes, mode: int | None = None,
               owner: tuple[int, int] | None = None) -> str:
    """Write ``data`` to a new temporary file in ``directory``, flushed and fsynced.

    ``mode`` and ``owner`` (uid, gid) are applied to it when given.
    """
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
            _keep_owner(fh.fileno(), owner)
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _owner(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_uid, st.st_gid


def atomic_write_bytes(path: str | Path, data: bytes,
                       before_replace: Callable[[], None] | None = None,
                       what: str | None = None, make_parents: bool = True) -> Path:
    """Replace ``path`` with ``data`` atomically (temp file beside it + ``os.replace``).

    ``path`` is resolved through symlinks and checked with :func:`check_target`.
    The new file keeps the permissions, owner and group of the file it replaces
    (a new file gets the usual ``0666 & ~umask``, not ``mkstemp``'s private
    ``0600``). ``before_replace`` runs after the temporary file is complete and
    just before the swap (e.g. to keep a backup of the old version).

    Returns
    -------
    Path
        ``path`` as given (a link stays a link; the file it points to changed).

    Raises
    ------
    TransitiekaartError
        If the target cannot be written (see :func:`check_target`), or the write
        failed (full disk, no permission, read-only disk); the file is then unchanged.
    """
    real = check_target(path, what, make_parents=make_parents)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        tmp = write_temp(real.parent, f".{real.name}.", data, file_mode(real), _owner(real))
        try:
            if before_replace is not None:
                before_replace()
            os.replace(tmp, real)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise write_error(path, exc, what) from exc
    fsync_dir(real.parent)
    return Path(path)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"))
