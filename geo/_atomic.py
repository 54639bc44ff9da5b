"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write_bytes", "fsync_dir", "write_temp"]


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


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or the usual ones for a new file (0666 & ~umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_temp(directory: Path, prefix: str, data: bytes, mode: int | None = None) -> str:
    """Write ``data`` to a new temporary file in ``directory``, flushed and fsynced."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def atomic_write_bytes(path: str | Path, data: bytes,
                       before_replace: Callable[[], None] | None = None) -> Path:
    """Replace ``path`` with ``data`` atomically (temp file in the same directory + ``os.replace``).

    The new file keeps the permissions of the file it replaces (a new file gets
    the usual ``0666 & ~umask``, not ``mkstemp``'s private ``0600``).
    ``before_replace`` runs after the temporary file is complete and just before
    the swap (e.g. to keep a backup of the old version).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path.parent, f".{path.name}.", data, _mode_for(path))
    try:
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path
