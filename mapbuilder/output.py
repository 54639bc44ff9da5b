"""Writing generated files atomically (a reader never sees half a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo._atomic import atomic_write_bytes

__all__ = ["atomic_write_text", "write_html"]


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`geo._atomic.atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_html(fmap: Any, path: str | Path) -> Path:
    """Render a folium map (or any branca element) and write it atomically."""
    from mapbuilder.render import page_html

    return atomic_write_text(path, page_html(fmap))
