"""Validating a user's project file, reporting every problem at once.

:func:`validate_file` reads GeoJSON (FeatureCollection, single Feature or
newline-delimited), GeoPackage, Shapefile, CSV or Excel (``.xlsx``), checks
every feature and returns a :class:`ValidationReport`: the valid projects
(EPSG:4326, the fields of :data:`geo.projects.PROJECT_FIELDS`) and a list of
:class:`Problem` objects, each naming the feature, the field, the value
received and how to fix it, in the run's language.

The modules name their jobs: :mod:`~geo.validate.reading` (GeoJSON and
GeoPackage/Shapefile files to raw features), :mod:`~geo.validate.tables` (CSV
and Excel), :mod:`~geo.validate.strict` (duplicate keys and too-long numbers in
JSON, shared with the register), :mod:`~geo.validate.fields` (columns and properties),
:mod:`~geo.validate.amounts` (euro amounts and units), :mod:`~geo.validate.places`
(geometry, municipality and area-wide places, outside-MRA and duplicate notes),
:mod:`~geo.validate.report` (problems and the report, grouped notes),
:mod:`~geo.validate.fast` (the column-wise fast path) and
:mod:`~geo.validate.checks` (the per-feature checks and :func:`validate_file`).
"""

from __future__ import annotations

from geo.validate.amounts import MAX_AMOUNT_EUR, header_unit, parse_amount
from geo.validate.checks import COORD_DECIMALS, validate_file
from geo.validate.places import likely_register_duplicates
from geo.validate.reading import SUPPORTED
from geo.validate.report import Problem, ValidationReport, empty_projects

_empty_projects = empty_projects  # the name geo.io and geo.register import

__all__ = [
    "COORD_DECIMALS",
    "MAX_AMOUNT_EUR",
    "SUPPORTED",
    "Problem",
    "ValidationReport",
    "empty_projects",
    "header_unit",
    "likely_register_duplicates",
    "parse_amount",
    "validate_file",
]
