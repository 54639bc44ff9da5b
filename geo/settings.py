"""Project-wide defaults (defined in :mod:`layers.settings`, re-exported for ``geo``)."""

from __future__ import annotations

from layers.settings import SETTINGS, Settings

__all__ = ["SETTINGS", "Settings"]
