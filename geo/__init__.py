"""The spatial core of transitiekaart: combining and measuring (no folium here)."""

from typing import Any

from geo._errors import InputFileError, TransitiekaartError, UnknownNameError
from geo.analysis import Analysis, analyse
from geo.autocorrelation import lisa_labels, spatial_autocorrelation
from geo.combine import assign_areas, novex_membership
from geo.comparison import compare, head_to_head
from geo.concentration import hexagon_concentration
from geo.getisord import hotspots, study_area
from geo.projects import PROJECT_FIELDS, prepare_projects
from geo.settings import SETTINGS
from geo.stats import LEVELS, area_stats, outside_mra
from geo.themes import THEME_CODES, THEMES, get_theme, normalise_theme


def __getattr__(name: str) -> Any:
    """``__version__`` on first use: importlib.metadata and the lookup cost ~0.05 s,
    which every command would pay at start-up for a number it rarely shows."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("transitiekaart")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        value = "0+unknown"
    globals()["__version__"] = value
    return value

__all__ = [
    "LEVELS",
    "PROJECT_FIELDS",
    "SETTINGS",
    "THEMES",
    "THEME_CODES",
    "Analysis",
    "InputFileError",
    "TransitiekaartError",
    "UnknownNameError",
    "__version__",
    "analyse",
    "area_stats",
    "assign_areas",
    "compare",
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
