"""Defaults shared by every room of transitiekaart, in one typed place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["SETTINGS", "Settings", "env_problems"]


@dataclass(frozen=True)
class Settings:
    """Project-wide constants.

    Attributes
    ----------
    crs_metric
        Projected CRS for every area, distance and buffer (RD New).
    crs_wgs84
        Geographic CRS handed to folium and written to GeoJSON (RFC 7946).
    h3_resolution
        H3 resolution of the concentration layer. Resolution 7 cells are
        about 5 km2 (edge about 1.2 km): a few hundred cells cover the
        1,781 km2 region, fine enough to see clusters, coarse enough to
        aggregate dozens of projects.
    duplicate_distance_m
        Two projects with the same name closer than this are reported as
        likely duplicates.
    classes
        Number of classes of a choropleth.
    max_file_bytes
        Largest file the tool reads (register, project, boundary, population
        and NOVEX files): 2 GB, or ``$TRANSITIEKAART_MAX_FILE_BYTES``.
    max_columns
        Most columns a CSV or Excel sheet may have: 2,000 (a partner's widest
        export has a few hundred), or ``$TRANSITIEKAART_MAX_COLUMNS``.
    max_cells
        Most filled cells (rows x columns) of a CSV or sheet: 30 million (a
        million rows of 30 columns), or ``$TRANSITIEKAART_MAX_CELLS``.
    max_cell_chars
        Longest text of one Excel cell: 32,767 characters, Excel's own limit.
    max_line_chars
        Longest line of a CSV file: 1,000,000 characters (1 MB), or
        ``$TRANSITIEKAART_MAX_LINE_CHARS``.
    max_part_bytes
        Largest part of an Excel workbook (a zip) once unpacked: 1 GiB, or
        ``$TRANSITIEKAART_MAX_PART_BYTES``. Worksheets are read streaming; the
        shared strings, read whole, may have an eighth of it.
    max_zip_ratio
        Largest ratio of unpacked to packed size of a workbook part over 1 MB:
        200 (real sheets pack 5 to 50 times; a zip bomb 1,000 times and more),
        or ``$TRANSITIEKAART_MAX_ZIP_RATIO``.
    implausible_median_factor
        An amount more than this many times the median of its file's amounts gets a
        note (with the share of the file's total it makes up): a typo such as
        "1,2 mld" for "1,2 mln" would otherwise dominate every total.
    implausible_amount_eur
        An amount above this for one project gets such a note too (€ 500 mln).
    border_tolerance_m
        A point this close (in EPSG:28992) to the municipality its row names counts
        in that municipality: the built-in boundaries are accurate to about 100 m.
    """

    crs_metric: str = "EPSG:28992"
    crs_wgs84: str = "EPSG:4326"
    h3_resolution: int = 7
    duplicate_distance_m: float = 25.0
    classes: int = 5
    max_file_bytes: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_FILE_BYTES", 2_000_000_000))
    max_columns: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_COLUMNS", 2_000))
    max_cells: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_CELLS", 30_000_000))
    max_cell_chars: int = 32_767
    max_line_chars: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_LINE_CHARS", 1_000_000))
    max_part_bytes: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_PART_BYTES", 1 << 30))
    max_zip_ratio: int = field(default_factory=lambda: _env_int(
        "TRANSITIEKAART_MAX_ZIP_RATIO", 200))
    implausible_median_factor: float = 100.0
    implausible_amount_eur: float = 500_000_000.0
    border_tolerance_m: float = 100.0


_ENV_INTS: dict[str, int] = {}
"""The integer environment variables read, with their defaults (see :func:`env_problems`)."""


def _env_int(name: str, default: int) -> int:
    """An integer from the environment, or ``default`` when unset or not a positive integer.

    A bad value (``lots``, ``-1``) falls back to the default; :func:`env_problems`
    names it so that the command line can warn.
    """
    _ENV_INTS[name] = default
    value = _positive(os.environ.get(name, ""))
    return default if value is None else value


def _positive(raw: str) -> int | None:
    """``raw`` as a positive whole number (``2_000`` allowed), else None."""
    text = raw.strip().replace("_", "")
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def env_problems() -> list[tuple[str, str, int]]:
    """``(variable, its value, the default used)`` for every bad integer variable set now."""
    out = []
    for name, default in _ENV_INTS.items():
        raw = os.environ.get(name)
        if raw is not None and _positive(raw) is None:
            out.append((name, raw, default))
    return out


SETTINGS = Settings()
