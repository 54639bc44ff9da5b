"""The exception family of transitiekaart.

Every error a user can cause derives from :class:`TransitiekaartError`, so the
CLI can turn it into a one-line message instead of a traceback.
"""

from __future__ import annotations

__all__ = ["InputFileError", "TransitiekaartError", "UnknownNameError"]


class TransitiekaartError(ValueError):
    """Base class for problems a user can fix (bad option, bad file, ...)."""


class InputFileError(TransitiekaartError):
    """A file could not be read or does not hold what it should.

    The message names the file, what was wrong and how to fix it.
    """


class UnknownNameError(TransitiekaartError):
    """A theme, area or metric name that is not known; the message lists valid names."""
