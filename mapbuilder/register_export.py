"""``transitiekaart list --format xlsx|csv|geojson``: the register for Excel, QGIS and scripts.

- **xlsx** (openpyxl): one sheet, numbers stored as numbers (amounts with a
  thousands format, coordinates with 7 decimals), the header row and the id
  column frozen, an autofilter over the table.
- **csv**: UTF-8 with a byte-order mark (so Excel reads accents right); in
  Dutch ``;`` between fields and a decimal comma (what Dutch Excel expects), in
  English ``,`` and a decimal point.
- **geojson**: RFC 7946 (lon/lat, no ``crs`` member), as the register itself.

In the csv, text that a spreadsheet would run as a formula (starting with
``= + - @``, a tab or a carriage return) gets a leading apostrophe, which ``add``
removes again (:func:`geo.validate.tables.restore_neutralised`); numbers are
never changed. An xlsx text cell is stored as text, which Excel never runs, so
it needs no apostrophe. Files are written atomically.

The csv is also the map page's CSV export (``static/lib/csv.js`` ``register``, fed by
:func:`exchange_spec`): the same columns, words, notation and row order
(:func:`list_order`, the page's project list sorted by amount), so that ``add FILE
--update`` reads either back into the same register. Coordinates have
:data:`COORD_DECIMALS` decimals in both; the page ships them with that precision.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.projects import PROJECT_FIELDS
from layers.atomic import atomic_write_bytes
from layers.errors import TransitiekaartError, UnknownNameError
from layers.lang import get_lang
from layers.messages import msg

__all__ = ["COORD_DECIMALS", "EXPORT_COLUMNS", "exchange_spec", "export_headers", "export_register",
           "list_order", "neutralise", "register_table", "sheet_table"]

EXPORT_COLUMNS = ("id", "name", "theme", "amount_eur", "status", "start_year", "organisation",
                  "municipality", "subregion", "lon", "lat", "url", "description")
"""The csv and xlsx columns: the template's (``transitiekaart template``), so that the
file is read back by ``add`` as it is; "sample" follows when a project is one."""
_NUMERIC = {"amount_eur", "start_year", "lon", "lat"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COORD_DECIMALS = 7
"""Decimals of lon/lat in the csv and xlsx (about 1 cm), and in the map page's payload."""


def list_order(amounts: Any) -> np.ndarray:
    """Row positions in the order of the map page's project list: by amount in whole euros,
    largest first, projects without an amount last, equal ones in register order."""
    eur = pd.to_numeric(pd.Series(amounts, dtype=object), errors="coerce").to_numpy(dtype=float)
    key = np.where(np.isfinite(eur), np.rint(eur), -1.0)
    return np.argsort(-key, kind="stable")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def register_table(projects: gpd.GeoDataFrame) -> pd.DataFrame:
    """The register as a flat table: every project field, then lon/lat of a point on it.

    Polygons get a point inside them (``representative_point``), not the centroid.
    """
    pts = projects.geometry.representative_point() if len(projects) else projects.geometry
    table = pd.DataFrame({f: projects[f] if f in projects.columns else None
                          for f in PROJECT_FIELDS}, index=projects.index)
    table["lon"] = pts.x.round(COORD_DECIMALS) if len(projects) else []
    table["lat"] = pts.y.round(COORD_DECIMALS) if len(projects) else []
    return table.reset_index(drop=True)


def sheet_table(projects: gpd.GeoDataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The register as a person reads it in Excel, and the header in ``lang``.

    Themes and statuses in words, a project placed in a municipality by the
    municipality's name, an area-wide one by its subregion (or MRA-wide): the
    columns of ``transitiekaart template``, so ``add`` reads the file back as it is.
    Rows in :func:`list_order`, as the map page's project list and its CSV export.
    """
    from geo.themes import THEMES
    from geo.validate.places import municipality_name
    from mapbuilder.i18n import status_label

    table = register_table(projects)
    table = table.iloc[list_order(table["amount_eur"])].reset_index(drop=True)
    label = {th.code: th.label_en if lang == "en" else th.label_nl for th in THEMES}
    table["theme"] = [label.get(v, v) if isinstance(v, str) else v for v in table["theme"]]
    table["status"] = [status_label(v, lang) or None for v in table["status"]]
    place = table["place"].astype(object).where(table["place"].notna(), "point")
    area = table["place_area"].astype(object)
    table["municipality"] = [municipality_name(a) if p == "municipality" else None
                             for p, a in zip(place, area, strict=True)]
    mra_wide = msg("export.mra_wide", lang=lang)
    table["subregion"] = [a if p == "subregion" else
                          mra_wide if p == "mra" else None
                          for p, a in zip(place, area, strict=True)]
    cols = list(EXPORT_COLUMNS)
    if table["sample"].fillna(False).astype(bool).any():
        cols.append("sample")
    return table[cols], export_headers(cols, lang)


def export_headers(columns: list[str], lang: str) -> list[str]:
    """The headers of the export's ``columns`` in ``lang``, as the template and validator
    know them (messages ``export.header_<column>``)."""
    return [msg(f"export.header_{c}", lang=lang) for c in columns]


def exchange_spec() -> dict[str, Any]:
    """The csv's format as data for the map page (``lib/csv.js``, ``lib/check_core.js``):
    columns, headers, theme and status words per language, what counts as a formula."""
    from geo.themes import THEMES
    from geo.validate.status import STATUS_LABELS

    cols = list(EXPORT_COLUMNS)
    return {"columns": cols, "numeric": sorted(_NUMERIC),
            "coord_decimals": COORD_DECIMALS, "formula_start": list(_FORMULA_START),
            "headers": {lang: export_headers(cols, lang) for lang in ("nl", "en")},
            "sample": msg("export.header_sample", lang="nl"),
            "mra_wide": {lang: msg("export.mra_wide", lang=lang) for lang in ("nl", "en")},
            "themes": {lang: {t.code: t.label(lang) for t in THEMES} for lang in ("nl", "en")},
            "status": {lang: {c: labels[k] for c, labels in STATUS_LABELS.items()}
                       for k, lang in enumerate(("nl", "en"))}}


def _missing(value: Any) -> bool:
    """None, NaN, infinity, or a text of only white space (which ``add`` reads as empty,
    and the page does not ship)."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and not math.isfinite(value)


def _number(value: Any) -> int | float | None:
    if _missing(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _csv_text(table: pd.DataFrame, header: list[str], lang: str) -> str:
    sep, decimal = (";", ",") if lang != "en" else (",", ".")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    cols = list(table.columns)
    for rec in table.astype(object).itertuples(index=False):
        row = []
        for col, value in zip(cols, rec, strict=True):
            if col in _NUMERIC:
                number = _number(value)
                row.append("" if number is None else str(number).replace(".", decimal))
            elif col == "sample":
                row.append("" if _missing(value) else str(bool(value)).lower())
            else:
                row.append("" if _missing(value) else neutralise(str(value)))
        writer.writerow(row)
    return buf.getvalue()


def _xlsx_bytes(table: pd.DataFrame, header: list[str], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = msg("export.sheet", lang=lang)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    formats = {"amount_eur": "#,##0", "start_year": "0", "lon": "0.0000000", "lat": "0.0000000"}
    cols = list(table.columns)
    for r, rec in enumerate(table.astype(object).itertuples(index=False), start=2):
        for c, (col, value) in enumerate(zip(cols, rec, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            if col in _NUMERIC:
                cell.value = _number(value)
                cell.number_format = formats[col]
            elif col == "sample":
                cell.value = None if _missing(value) else bool(value)
            elif not _missing(value):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                cell.data_type = "s"  # text, never a formula: no apostrophe needed
    widths = {"id": 16, "name": 36, "theme": 30, "amount_eur": 14, "status": 14,
              "start_year": 10, "organisation": 28, "municipality": 18, "subregion": 20,
              "url": 30, "description": 48, "sample": 8, "lon": 12, "lat": 12}
    for c, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(col, 14)
    ws.freeze_panes = "B2"  # header row and id column stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(table) + 1}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_register(projects: gpd.GeoDataFrame, fmt: str, out: str | Path | None = None,
                    lang: str | None = None) -> str:
    """Write the register's ``projects`` as ``fmt`` (xlsx, csv or geojson) to ``out``.

    Parameters
    ----------
    projects
        From :func:`geo.register.read_register`.
    fmt
        ``"xlsx"``, ``"csv"`` or ``"geojson"``.
    out
        The file to write (atomically). ``None``: return the text instead
        (csv without the byte-order mark; not for xlsx).
    lang
        Notation of the CSV (default: the run's language).

    Returns
    -------
    str
        The text when ``out`` is None, else ``""``.
    """
    lang = lang or get_lang()
    if fmt == "geojson":
        from geo.register import projects_to_geojson

        text = projects_to_geojson(projects)
        data = text.encode("utf-8")
    elif fmt == "csv":
        text = _csv_text(*sheet_table(projects, lang), lang)
        data = text.encode("utf-8-sig")
    elif fmt == "xlsx":
        if out is None:
            message = msg("build.xlsx_needs_out")
            raise TransitiekaartError(message)
        text, data = "", _xlsx_bytes(*sheet_table(projects, lang), lang)
    else:
        message = msg("build.unknown_export_format", fmt=fmt)
        raise UnknownNameError(message)
    if out is None:
        return text
    atomic_write_bytes(out, data)
    return ""
