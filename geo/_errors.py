"""The exception family of transitiekaart (defined in :mod:`layers.errors`).

Kept here so ``geo`` code and user code that imported it from ``geo`` keep working;
``layers`` imports :mod:`layers.errors` directly, without importing ``geo``.
"""

from __future__ import annotations

from layers.errors import InputFileError, TransitiekaartError, UnknownNameError

__all__ = ["InputFileError", "TransitiekaartError", "UnknownNameError"]
