"""Built-in layers of the Metropool Amsterdam: what the region is.

Municipalities and subregions (CBS/PDOK 2025, CC BY 4.0), population (CBS),
indicative NOVEX areas, and sample projects. Each can be replaced by a user's
file of the same kind.
"""

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
