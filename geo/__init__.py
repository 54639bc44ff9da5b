"""The spatial core of transitiekaart: combining and measuring (no folium here).

Two rooms: *intake* reads, checks and keeps what partners send (:mod:`geo.validate`,
:mod:`geo.io`, :mod:`geo.register`); *analysis* combines and measures frames
(:mod:`geo.analysis`, :mod:`geo.combine`, :mod:`geo.stats`, :mod:`geo.comparison`,
:mod:`geo.getisord`, ...) and never reads a file (``tests/test_architecture.py``).

The names below are imported on first use (PEP 562), so that importing one
module of this package (``layers.errors``) does not load geopandas and every
other module: ``transitiekaart --help`` and usage errors start without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layers.lazy import lazy_names

if TYPE_CHECKING:  # the names as type checkers and editors see them
    from geo.analysis import Analysis, analyse
    from geo.autocorrelation import lisa_labels, spatial_autocorrelation
    from geo.combine import assign_areas, novex_membership
    from geo.comparison import (
        Comparison,
        HeadToHead,
        compare,
        compare_areas,
        compare_two,
        head_to_head,
    )
    from geo.concentration import hexagon_concentration
    from geo.getisord import hotspots, study_area
    from geo.projects import PROJECT_FIELDS, prepare_projects
    from geo.stats import LEVELS, area_stats, outside_mra
    from geo.themes import THEME_CODES, THEMES, get_theme, normalise_theme
    from layers.errors import InputFileError, TransitiekaartError, UnknownNameError
    from layers.settings import SETTINGS

__all__ = [
    "LEVELS",
    "PROJECT_FIELDS",
    "SETTINGS",
    "THEMES",
    "THEME_CODES",
    "Analysis",
    "Comparison",
    "HeadToHead",
    "InputFileError",
    "TransitiekaartError",
    "UnknownNameError",
    "__version__",
    "analyse",
    "area_stats",
    "assign_areas",
    "compare",
    "compare_areas",
    "compare_two",
    "get_theme",
    "head_to_head",
    "hexagon_concentration",
    "hotspots",
    "lisa_labels",
    "normalise_theme",
    "novex_membership",
    "outside_mra",
    "prepare_projects",
    "spatial_autocorrelation",
    "study_area",
]

_HOME = {
    "InputFileError": "layers.errors",
    "TransitiekaartError": "layers.errors",
    "UnknownNameError": "layers.errors",
    "Analysis": "geo.analysis",
    "analyse": "geo.analysis",
    "assign_areas": "geo.combine",
    "novex_membership": "geo.combine",
    "compare": "geo.comparison",
    "compare_areas": "geo.comparison",
    "compare_two": "geo.comparison",
    "Comparison": "geo.comparison",
    "HeadToHead": "geo.comparison",
    "head_to_head": "geo.comparison",
    "hexagon_concentration": "geo.concentration",
    "hotspots": "geo.getisord",
    "study_area": "geo.getisord",
    "lisa_labels": "geo.autocorrelation",
    "spatial_autocorrelation": "geo.autocorrelation",
    "PROJECT_FIELDS": "geo.projects",
    "prepare_projects": "geo.projects",
    "SETTINGS": "layers.settings",
    "LEVELS": "geo.stats",
    "area_stats": "geo.stats",
    "outside_mra": "geo.stats",
    "THEME_CODES": "geo.themes",
    "THEMES": "geo.themes",
    "get_theme": "geo.themes",
    "normalise_theme": "geo.themes",
}


def _version() -> str:
    """``__version__`` on first use: importlib.metadata and the lookup cost ~0.05 s,
    which every command would pay at start-up for a number it rarely shows."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("transitiekaart")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOME, {"__version__": _version})
