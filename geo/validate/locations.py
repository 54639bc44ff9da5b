"""One column for the location: coordinate pairs, RD x/y, municipality names.

A sheet often keeps the location in one column: ``"52.3702, 4.8952"`` copied
from Google Maps, ``"121500; 487000"`` (RD New metres), or a municipality. A
column named as coordinates (``coördinaten``, ``gps``, ``latlon`` ...) is read
as such; a ``Locatie``/``Location`` column is read as such as soon as one of its
values is a coordinate pair, and then every value is read for what it is: a pair
(lat/lon in either order, told by size in the Netherlands), an RD x/y pair
(converted to lon/lat), or the name of an MRA municipality, subregion or
``MRA-breed`` (kept as the place). Any other value (an address) is an error
with the value: transitiekaart does not look up addresses.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import shapely

from geo.validate import rules
from geo.validate.report import Problem
from layers.messages import msg

__all__ = ["PlaceColumn", "parse_pair", "place_column", "read_place_cell"]

_PAIR_HEADERS = ("coordinaten", "coordinates", "coordinate", "coordinaat", "coords", "coord",
                 "latlon", "lat_lon", "latlng", "lat_lng", "lat_long", "latlong", "gps",
                 "gps_coordinaten", "gps_coordinates", "positie", "position", "geolocatie",
                 "geo", "punt", "point", "lonlat", "lon_lat", "lnglat", "lng_lat")
"""Headers of one column holding both coordinates, "52.3702, 4.8952" (Google Maps)."""
_MIXED_HEADERS = ("locatie", "location", "projectlocatie", "project_locatie", "ligging")
"""Headers read as a location column when at least one value is a coordinate pair
(else the column is an address or place column, see :mod:`geo.validate.fields`)."""
_LON_FIRST = ("lonlat", "lon_lat", "lnglat", "lng_lat")


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[(\[][^)\]]*[)\]]", " ", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _number(text: str) -> float | None:
    t = text.strip().rstrip(",").replace("\u00a0", "")
    if "," in t and "." not in t and t.count(",") == 1:
        t = t.replace(",", ".")  # Dutch decimal comma
    try:
        value = float(t)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _two_numbers(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, str):
        return None
    t = value.strip().strip("()[]").strip()
    for sep in (";", ", ", None, ","):
        parts = t.split(sep)
        if len(parts) == 2:
            a, b = (_number(x) for x in parts)
            return (a, b) if a is not None and b is not None else None
    return None


def parse_pair(value: Any) -> tuple[float, float] | None:
    """``"52.3702, 4.8952"``, ``"52,3702; 4,8952"``, ``"(52.37 4.89)"`` -> two numbers."""
    got = _two_numbers(value)
    if got is not None and abs(got[0]) <= 180 and abs(got[1]) <= 180:
        return got
    return None


def parse_rd(value: Any) -> tuple[float, float] | None:
    """``"121500; 487000"`` (RD New x, y in metres, either order) -> (x, y); else None."""
    got = _two_numbers(value)
    if got is None:
        return None
    for x, y in (got, got[::-1]):
        if rules.RD_NEW.x.low < x < rules.RD_NEW.x.high and rules.RD_NEW.y.holds(y):
            return x, y
    return None


@dataclass(frozen=True)
class PlaceColumn:
    """The column holding the location: its header, whether it lists lon first, and
    whether it is a ``Locatie`` column that may also hold municipality names."""

    header: str
    lon_first: bool
    mixed: bool


def place_column(header: list[str], rows: list[list[Any]]) -> PlaceColumn | None:
    """The column holding both coordinates, or None."""
    for i, h in enumerate(header):
        key = _key(h)
        if key not in _PAIR_HEADERS and key not in _MIXED_HEADERS:
            continue
        given = [r[i] for r in rows if i < len(r) and r[i] is not None and str(r[i]).strip()]
        if not given:
            continue
        pairs = [parse_pair(v) is not None or parse_rd(v) is not None for v in given]
        if key in _MIXED_HEADERS:
            if any(pairs):
                return PlaceColumn(h, False, True)
            continue
        if not any(pairs) and not any(re.search(r"\d.*[,; ].*\d", str(v)) for v in given):
            continue  # not numbers at all: some other use of the word
        return PlaceColumn(h, key in _LON_FIRST, False)
    return None


def _lonlat_of(pair: tuple[float, float], lon_first: bool) -> tuple[float, float]:
    """Lon and lat of a pair: by size in the Netherlands (latitude ~52, longitude ~5),
    else in the header's order (latitude first, as Google Maps gives them)."""
    a, b = pair
    a_lat = rules.SWAPPED.holds(a, b)  # latitude first: (about 52, about 5)
    b_lat = rules.SWAPPED.holds(b, a)
    if a_lat != b_lat:
        return (b, a) if a_lat else (a, b)
    return (a, b) if lon_first else (b, a)


@cache
def _rd_to_wgs84() -> Any:
    from pyproj import Transformer

    from layers.settings import SETTINGS

    return Transformer.from_crs(SETTINGS.crs_metric, SETTINGS.crs_wgs84, always_xy=True)


def note_for(col: PlaceColumn) -> Problem:
    """The file-level note saying how the column was read."""
    h = col.header
    order = msg("locations.order_lon_lat" if col.lon_first else "locations.order_lat_lon")
    extra = msg("locations.pair_read_mixed") if col.mixed else ""
    return Problem(
        msg("locations.pair_read", column=h, order=order, extra=extra),
        msg("locations.pair_read_fix"),
        field="geometry", column=h, severity="note", code="coordinate_pair")


def read_place_cell(value: Any, n: int, col: PlaceColumn, problems: list[Problem]
                    ) -> tuple[shapely.Point | None, str | None]:
    """The point of a location cell (lon/lat), or the area it names; an error otherwise.

    Returns ``(point, None)`` for a coordinate pair or RD x/y, ``(None, text)`` for
    the name of an MRA municipality, subregion or ``MRA-breed`` (read as the
    place), ``(None, None)`` for an empty cell or one refused with an error.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None  # no coordinates: a municipality column may place it
    got = parse_pair(value)
    if got is not None:
        return shapely.Point(*_lonlat_of(got, col.lon_first)), None
    rd = parse_rd(value)
    if rd is not None:
        lon, lat = _rd_to_wgs84().transform(*rd)
        problems.append(Problem(
            msg("locations.rd_pair", column=col.header, x=f"{rd[0]:.0f}", y=f"{rd[1]:.0f}"),
            msg("locations.rd_pair_fix"),
            feature=n, field="geometry", column=col.header, value=value, severity="note",
            code="rd_pair",
            summary=msg("locations.rd_pair_summary", column=col.header)))
        return shapely.Point(lon, lat), None
    from geo.validate.places import area_of

    if isinstance(value, str) and area_of(value) is not None:
        return None, value.strip()
    h = col.header
    if col.mixed:
        problems.append(Problem(
            msg("locations.location_unreadable", column=h),
            msg("locations.location_unreadable_fix"),
            feature=n, field="geometry", column=h, value=value, code="location_unreadable"))
        return None, None
    problems.append(Problem(
        msg("locations.pair_unreadable", column=h),
        msg("locations.pair_unreadable_fix", column=h),
        feature=n, field="geometry", column=h, value=value, code="coordinate_pair"))
    return None, None
