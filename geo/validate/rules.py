"""The validator's rules as data: each bound and each field's messages written once.

The per-feature checks (:mod:`geo.validate.checks`, :mod:`geo.validate.fields`,
:mod:`geo.validate.amounts`, :mod:`geo.validate.locations`) and the fast path
(:mod:`geo.validate.fast`, column by column) read the same :class:`Range` and
:class:`Box` objects and the same message keys from here, so a bound or a
message changes in one place and both paths follow. The checks read them as
``rules.AMOUNT`` (not copied at import), so a changed rule is seen by both.
Nothing here reads a file or formats a message: messages are keys into
``layers/messages``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AMOUNT", "FIELD_RULES", "LONLAT", "RD_NEW", "SMALL_AMOUNT_EUR", "SWAPPED", "YEAR",
           "Box", "FieldRule", "Range"]


@dataclass(frozen=True)
class Range:
    """A closed range ``low <= value <= high``; NaN is never in it."""

    low: float
    high: float

    def holds(self, value: Any) -> Any:
        """Whether ``value`` (a number or a numpy array, then element-wise) is in the range."""
        return (value >= self.low) & (value <= self.high)


@dataclass(frozen=True)
class Box:
    """A rectangle of coordinates: ``x`` and ``y`` ranges (lon/lat or metres)."""

    x: Range
    y: Range

    def holds(self, minx: Any, miny: Any, maxx: Any = None, maxy: Any = None) -> Any:
        """Whether a point (``minx, miny``) or bounds (``minx, miny, maxx, maxy``) lie
        inside, element-wise for numpy arrays; NaN is never inside."""
        maxx = minx if maxx is None else maxx
        maxy = miny if maxy is None else maxy
        return (minx >= self.x.low) & (maxx <= self.x.high) & \
            (miny >= self.y.low) & (maxy <= self.y.high)


LONLAT = Box(Range(-180.0, 180.0), Range(-90.0, 90.0))
"""Valid WGS84 longitude and latitude (EPSG:4326), in degrees."""

SWAPPED = Box(Range(50.0, 54.0), Range(2.5, 8.0))
"""Latitude as x and longitude as y in the Netherlands (with a margin): lat/lon swapped."""

RD_NEW = Box(Range(0.0, 300_000.0), Range(300_000.0, 625_000.0))
"""RD New (EPSG:28992) metres over the Netherlands: coordinates that are no degrees."""

AMOUNT = Range(0.0, 1e12)
"""An amount in euro: 0 or more, at most one trillion (far above the whole investment
agenda; more is a typo: extra digits, cents instead of euros)."""

SMALL_AMOUNT_EUR = 1000.0
"""An amount above zero but below this gets a note asking whether thousands or
millions were meant (``"1,25"`` in a column of millions)."""

YEAR = Range(1950, 2100)
"""A start year: a whole year in this range."""


@dataclass(frozen=True)
class FieldRule:
    """One field's rule: the problem's code and the catalogue keys of its message and
    fix when a value is refused (its bounds, if any, are the ranges above)."""

    code: str
    error: str
    fix: str


FIELD_RULES: dict[str, FieldRule] = {
    "name": FieldRule("name_missing", "fields.name_missing", "fields.name_missing_fix"),
    "start_year": FieldRule("year", "fields.year", "fields.year_fix"),  # within YEAR
    "url": FieldRule("url", "fields.url", "fields.url_fix"),
}
"""The fields whose one rule both paths apply, by field (amounts have many messages:
:func:`geo.validate.amounts.read_amount`, within :data:`AMOUNT`)."""
