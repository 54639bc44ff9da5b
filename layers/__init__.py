"""Built-in layers of the Metropool Amsterdam: what the region is.

Municipalities and subregions (CBS/PDOK 2025, CC BY 4.0), population (CBS),
indicative NOVEX areas, and sample projects. Each can be replaced by a user's
file of the same kind.

The names below are imported on first use (PEP 562), so that importing a small
module of this package (``layers.errors``, ``layers.lang``) does not load
geopandas: ``transitiekaart --help`` and usage errors start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layers.lazy import lazy_names

if TYPE_CHECKING:  # the names as type checkers and editors see them
    from layers.boundaries import SUBREGIONS, load_context, load_municipalities, subregions_from
    from layers.novex import NOVEX_CODES, derive_novex, ijmeerlijn, load_novex
    from layers.population import load_population
    from layers.region import Region, load_region
    from layers.samples import load_sample_projects, sample_projects_path

__all__ = [
    "NOVEX_CODES",
    "SUBREGIONS",
    "Region",
    "derive_novex",
    "ijmeerlijn",
    "load_context",
    "load_municipalities",
    "load_novex",
    "load_population",
    "load_region",
    "load_sample_projects",
    "sample_projects_path",
    "subregions_from",
]

_HOME = {
    "SUBREGIONS": "layers.boundaries",
    "load_context": "layers.boundaries",
    "load_municipalities": "layers.boundaries",
    "subregions_from": "layers.boundaries",
    "NOVEX_CODES": "layers.novex",
    "derive_novex": "layers.novex",
    "ijmeerlijn": "layers.novex",
    "load_novex": "layers.novex",
    "load_population": "layers.population",
    "Region": "layers.region",
    "load_region": "layers.region",
    "load_sample_projects": "layers.samples",
    "sample_projects_path": "layers.samples",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOME)
