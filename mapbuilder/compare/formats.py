"""Text outputs of ``transitiekaart compare``: terminal table, CSV, Markdown and JSON.

Every format carries the same numbers as :func:`geo.comparison.compare`: CSV and
JSON at full precision (machine-readable, dot decimals), the terminal table and
Markdown in Dutch (or English) notation rounded as the map page rounds (euros
and euros per inhabitant whole, shares to 0.1 %, LQ and diversity to two
decimals). Each output also states the definitions, the population reference
dates, the projects outside the MRA and, for samples, that the data are
fictitious.

Area names can come from a user's boundary or NOVEX file. In CSV and Markdown
(and the Excel workbook of :mod:`mapbuilder.compare.xlsx`) every text cell that
a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe (:func:`excel_safe`);
numbers are written as numbers and never changed.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geo.themes import THEME_CODES
from layers.errors import UnknownNameError
from layers.lang import MINUS
from layers.messages import msg
from mapbuilder.formatting import (
    COMPARE_FORMATS,
    format_date,
    format_eur,
    format_number,
    format_percent,
    text_table,
)
from mapbuilder.i18n import check_lang, metric_label, metric_unit

if TYPE_CHECKING:
    from geo.comparison import Comparison, HeadToHead

__all__ = [
    "FORMATS",
    "column_label",
    "definitions",
    "excel_safe",
    "facts",
    "format_comparison",
    "format_head_to_head",
    "format_value",
    "head_to_head_notes",
    "json_value",
    "level_label",
    "md_cell",
    "moran_notes",
    "mra_row",
    "notes",
    "novex_note",
    "parse_value",
    "population_note",
    "round_shown",
    "sections",
    "theme_of",
    "title_of",
    "value_kind",
]

FORMATS: tuple[str, ...] = COMPARE_FORMATS

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would run it as a formula.

    >>> excel_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> excel_safe("Amsterdam")
    'Amsterdam'
    """
    return f"'{text}" if text.startswith(_FORMULA_START) else text


# ---------------------------------------------------------------- labels, values


def theme_of(col: str) -> tuple[str, str] | None:
    """``("lq", "ai")`` for ``"lq_ai"``; None for a column that is not per theme."""
    for prefix in ("eur_", "n_", "share_", "lq_"):
        if col.startswith(prefix) and col[len(prefix):] in THEME_CODES:
            return prefix[:-1], col[len(prefix):]
    return None


def column_label(col: str, lang: str = "nl", result: Comparison | None = None,
                 short: bool = False) -> str:
    """The reader's label of a :func:`geo.comparison.compare` column.

    ``result`` names the NOVEX areas (else their codes); ``short`` gives the bare
    short theme name (for tables with one theme block).
    """
    fixed = {
        "name": msg("compare.area", lang=lang), "subregion": msg("labels.subregion", lang=lang),
        "n_projects": msg("labels.n_projects", lang=lang),
        "total_eur": f"{metric_label('total', lang)} (€)",
        "n_with_amount": msg("compare.n_with_amount", lang=lang),
        "population": msg("compare.population", lang=lang),
        "population_date": msg("labels.population_date", lang=lang).capitalize(),
        "eur_per_inhabitant": f"{metric_unit('per_inhabitant', lang)}",
        "area_km2": msg("compare.area_km2", lang=lang),
        "eur_per_km2": f"{metric_unit('per_km2', lang)}",
        "share_of_mra": msg("labels.share", lang=lang), "rank": msg("compare.rank", lang=lang),
        "diversity": msg("compare.diversity", lang=lang),
    }
    if col in fixed:
        return fixed[col]
    if col == "lisa":
        return msg("compare.lisa_col", lang=lang)
    th = theme_of(col)
    if th:
        kind, code = th
        name = msg(f"compare.theme_short_{code}", lang=lang)
        if short:
            return name
        suffix = {"eur": "€", "n": msg("labels.projects", lang=lang).lower(),
                  "share": msg("compare.share_area", lang=lang),
                  "lq": msg("compare.lq", lang=lang)}[kind]
        return f"{name}: {suffix}"
    if col.startswith("novex_share_"):
        code = col[len("novex_share_"):]
        name = result.novex_name(code, lang) if result is not None else code
        return name if short else f"NOVEX {name}: {msg('compare.share_area', lang=lang)}"
    return col


def value_kind(col: str) -> tuple[str, int]:
    """(style, decimals) of a column's display: style is num, eur, pct or text.

    Euros, and euros per inhabitant and per km², are whole euros, as on the map.
    """
    if col in ("n_projects", "n_with_amount", "rank") or col.startswith("n_"):
        return "num", 0
    if col in ("total_eur", "eur_per_inhabitant", "eur_per_km2") or col.startswith("eur_"):
        return "eur", 0
    if col == "population":
        return "num", 0
    if col == "area_km2":
        return "num", 1
    if col == "share_of_mra" or col.startswith(("share_", "novex_share_")):
        return "pct", 1
    if col == "diversity" or col.startswith("lq_"):
        return "num", 2
    return "text", 0


def format_value(col: str, value: Any, lang: str = "nl") -> str:
    """A value of column ``col`` as the table and Markdown show it ('–' if missing)."""
    style, dec = value_kind(col)
    if col == "lisa":  # a cluster label in words ("" for the area-wide row)
        return msg(f"compare.lisa_{value}", lang=lang) if isinstance(value, str) and value else ""
    if style == "text":
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) \
            else str(value)
    v = None if value is None or pd.isna(value) else float(value)
    if style == "eur":
        return format_eur(v, lang, decimals=dec)
    text = format_percent(v, lang, dec) if style == "pct" else format_number(v, dec, lang)
    if text.startswith("-"):  # the minus of print, as the amounts have (MINUS); none for -0
        return MINUS + text[1:] if text.strip("-0,.%") else text[1:]
    return text


def parse_value(text: str, lang: str = "nl") -> float:
    """Inverse of :func:`format_value` for numbers: ``'€ 1.234,5'`` -> 1234.5, '–' -> NaN.

    A minus sign (U+2212, or '-') may stand before or after the euro sign:
    ``'−€ 197'`` -> -197.
    """
    s = (text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
         .replace("\u2212", "-"))
    if s in ("–", "", "-"):
        return float("nan")
    pct = s.endswith("%")
    s = s.rstrip("%")
    s = s.replace(",", "") if lang == "en" else s.replace(".", "").replace(",", ".")
    v = float(s)
    return v / 100 if pct else v


def round_shown(col: str, value: float) -> float:
    """``value`` rounded as :func:`format_value` shows it (for parse-back tests)."""
    style, dec = value_kind(col)
    return round(value * 100, dec) / 100 if style == "pct" else round(value, dec)


# ---------------------------------------------------------------- notes


def level_label(level: str, lang: str) -> str:
    """"Deelregio's", "Gemeenten" or "NOVEX-gebieden" (en: Subregions, ...)."""
    return msg(f"compare.level_{level}", lang=lang)


def definitions(lang: str) -> list[tuple[str, str]]:
    """(term, definition) of every derived figure."""
    return [(msg("compare.theme_lq", lang=lang), msg("compare.def_lq", lang=lang)),
            (msg("compare.diversity", lang=lang), msg("compare.def_diversity", lang=lang)),
            (msg("compare.novex_share", lang=lang), msg("compare.def_novex", lang=lang)),
            (msg("compare.rank", lang=lang), msg("compare.def_rank", lang=lang)),
            (msg("compare.area_km2", lang=lang), msg("compare.def_km2", lang=lang)),
            (msg("compare.moran_term", lang=lang), msg("compare.moran_def", lang=lang))]


def _figure(v: float | None, lang: str, dec: int) -> str:
    text = format_number(v, dec, lang)
    return MINUS + text[1:] if text.startswith("-") else text


def moran_notes(result: Comparison, lang: str) -> list[str]:
    """The global Moran's I lines: € per inhabitant, then the themes; [] if not computed."""
    sa = result.spatial_autocorrelation
    if not sa:
        return []
    main = sa["per_inhabitant"]
    if main["I"] is None:
        return [msg("compare.moran_few", lang=lang, n=sa.get("n_municipalities_with_projects", 0),
                   min=sa.get("min_municipalities", 8))]

    def fig(d: dict[str, Any]) -> dict[str, str]:
        return {"I": _figure(d["I"], lang, 3), "p": _figure(d["p_sim"], lang, 3),
                "reading": msg(f"compare.reading_{d['reading']}", lang=lang)}

    lines = [msg("compare.moran_line", lang=lang, EI=_figure(main["EI"], lang, 3),
                z=_figure(main["z"], lang, 2), perm=sa.get("permutations", 999), **fig(main))]
    items = [msg("compare.moran_item", lang=lang,
                 theme=msg(f"compare.theme_short_{code}", lang=lang),
                **fig(d)) if d["I"] is not None else
             f"{msg(f'compare.theme_short_{code}', lang=lang)}: "
             f"{msg('compare.reading_too_little_data', lang=lang)}"
             for code, d in sa.get("themes", {}).items()]
    if items:
        lines.append(msg("compare.moran_themes", lang=lang, items="; ".join(items)))
    return lines


def population_note(result: Comparison, lang: str,
                    date_column: str | tuple[str, str] | None = None) -> str:
    """The population's reference date in words: "mostly 1 January 2024; ...".

    ``date_column`` is the label of the column that shows each area's date in
    this output (or the labels of two columns, earliest and latest date); the
    note points to it only when given (a table without that column must not
    send the reader looking for it).
    """
    main = result.population.main
    if not main:  # no municipality with a date: the MRA's span
        return msg("labels.per_inh_note", lang=lang,
                 dates=format_date(result.population.span, lang))
    n_other = result.population.other_n
    if not n_other:
        return msg("compare.pop_one", lang=lang, main=format_date(main, lang))
    note = msg("compare.pop_mostly", lang=lang, main=format_date(main, lang), n=n_other,
              total=result.population.municipalities_n)
    if not date_column:
        return note
    see = (msg("compare.pop_column", lang=lang, col=date_column) if isinstance(date_column, str)
           else msg("compare.pop_columns", lang=lang, a=date_column[0], b=date_column[1]))
    return f"{note} {see}"


def _dates_differ(result: Comparison) -> bool:
    return bool(result.population.main) and result.population.other_n > 0


def novex_note(result: Comparison, lang: str) -> str:
    """Where the NOVEX boundaries come from: indicative, or the user's file."""
    files = result.novex_files
    if files:
        return msg("compare.novex_file", lang=lang, names=", ".join(map(str, files)))
    return msg("labels.novex_notice", lang=lang)


def facts(result: Comparison, lang: str,
          date_column: str | tuple[str, str] | None = None, per_level: bool = True) -> list[str]:
    """Population dates, NOVEX overlap, projects outside the MRA, NOVEX status, samples.

    ``date_column``: see :func:`population_note`. ``per_level=False`` leaves out
    what holds for one level only (that NOVEX areas overlap).
    """
    out = [population_note(result, lang, date_column)]
    if per_level and result.level == "novex":
        out.append(msg("compare.novex_overlap", lang=lang))
    n_out = result.outside.n_projects
    out.append(msg("compare.outside", lang=lang, n=n_out,
                 eur=format_eur(result.outside.total_eur, lang)) if n_out
               else msg("compare.no_outside", lang=lang))
    out.append(novex_note(result, lang))
    out.extend(moran_notes(result, lang))
    if result.has_samples:
        out.append(msg("labels.sample_notice", lang=lang))
    return out


def notes(result: Comparison, lang: str, date_column: str | None = None) -> list[str]:
    """Every note a text output ends with: definitions, then :func:`facts`."""
    return [d for _, d in definitions(lang)] + facts(result, lang, date_column)


# ---------------------------------------------------------------- sections


def mra_row(result: Comparison) -> dict[str, Any]:
    """The MRA as a row of ``result.table``: its figures, LQ 1 where defined."""
    mra = dict(result.mra)
    row: dict[str, Any] = {c: mra.get(c, np.nan) for c in result.table.columns}
    row["share_of_mra"] = 1.0 if mra.get("total_eur", 0) > 0 else 0.0
    row["rank"] = np.nan
    for code in result.themes:
        share = mra.get(f"share_{code}", 0.0)
        row[f"lq_{code}"] = 1.0 if share and share > 0 else np.nan
        row[f"n_{code}"] = np.nan
    return row


def sections(result: Comparison, lang: str) -> list[tuple[str, list[str], bool]]:
    """(title, columns, short labels) of each block of the table/Markdown output."""
    table = result.table
    themes = list(result.themes)
    key = ["n_projects", "total_eur", "eur_per_inhabitant", "eur_per_km2", "share_of_mra",
           "rank", "diversity", "population", "area_km2"]
    nvx = [c for c in table.columns if c.startswith("novex_share_")]
    lisa = ([(msg("compare.lisa_section", lang=lang), ["lisa"], False)]
            if "lisa" in table.columns else [])
    return [
        (msg("compare.key_figures", lang=lang), key, False),
        (msg("compare.theme_eur", lang=lang), [f"eur_{c}" for c in themes], True),
        (msg("compare.theme_share", lang=lang), [f"share_{c}" for c in themes], True),
        (msg("compare.theme_lq", lang=lang), [f"lq_{c}" for c in themes], True),
        (msg("compare.novex_share", lang=lang), nvx, True),
        *lisa,
    ]


def _grid(result: Comparison, cols: list[str], short: bool, lang: str) -> list[list[str]]:
    """Header and rows of one block; names and labels made Excel-safe, numbers as shown."""
    head = [msg("compare.area", lang=lang), *(excel_safe(column_label(c, lang, result, short))
                                   for c in cols)]
    rows = [[excel_safe(str(r["name"])), *(format_value(c, r[c], lang) for c in cols)]
            for _, r in result.table.iterrows()]
    if result.mra:
        mra = mra_row(result)
        rows.append([msg("labels.mra_total", lang=lang),
                     *(format_value(c, mra[c], lang) for c in cols)])
    return [head, *rows]


def md_cell(text: str) -> str:
    """``text`` as one Markdown table cell: pipes and backslashes escaped, one line; ``&``,
    ``<`` and ``>`` as HTML entities, so that an area name cannot be raw HTML (a
    Markdown viewer renders HTML: ``<img onerror=...>`` would run)."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
            .replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _md_grid(grid: list[list[str]]) -> str:
    head = "| " + " | ".join(md_cell(c) for c in grid[0]) + " |"
    align = "|" + "|".join([":---", *("---:" for _ in grid[0][1:])]) + "|"
    body = ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in grid[1:]]
    return "\n".join([head, align, *body])


def title_of(result: Comparison, lang: str) -> str:
    """"Deelregio's vergeleken" (or the level's equivalent)."""
    return msg("compare.title", lang=lang, level=level_label(result.level, lang))


def json_value(v: Any) -> Any:
    """A JSON-safe Python value: numpy scalars unwrapped, NaN/inf as None."""
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(float(v)) else None
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _json_moran(sa: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``{"per_inhabitant": {I, EI, z, p_sim, reading}, "themes": {code: {...}}, ...}``."""
    if not sa:
        return None
    keys = ("I", "EI", "z", "p_sim", "reading")
    return {"per_inhabitant": {k: json_value(sa["per_inhabitant"][k]) for k in keys},
            "themes": {c: {k: json_value(d[k]) for k in keys}
                       for c, d in sa.get("themes", {}).items()},
            "n_municipalities_with_projects": sa.get("n_municipalities_with_projects"),
            "min_municipalities": sa.get("min_municipalities"),
            "permutations": sa.get("permutations"), "seed": sa.get("seed"),
            "weights": sa.get("weights")}


def _csv_notes(lines: list[str]) -> str:
    return "".join(f"# {n}\n" for n in lines)


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells, index and column names are :func:`excel_safe`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: excel_safe(v) if isinstance(v, str) else v)
    out.index = out.index.map(lambda v: excel_safe(v) if isinstance(v, str) else v)
    out.columns = [excel_safe(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _to_csv(frame: pd.DataFrame) -> str:
    """CSV of ``frame``: text quoted (a tab or CR inside a name cannot split a row)."""
    return _safe_frame(frame).to_csv(index=True, lineterminator="\n",
                                     quoting=csv.QUOTE_NONNUMERIC)


def local_csv(frame: pd.DataFrame, lang: str, result: Comparison | None = None,
              label_rows: bool = False) -> str:
    """A CSV for Excel in ``lang``: in Dutch ``;`` between cells and a decimal comma, in
    English ``,`` and a point; the columns under their labels (:func:`column_label`), the
    key first; numbers unformatted (no thousands separator), empty when unknown; labels
    (the LISA cluster) in words; text :func:`excel_safe`; no note lines (see
    :func:`comparison_notes`). ``result`` names the NOVEX areas in the labels."""
    sep, decimal = (",", ".") if lang == "en" else (";", ",")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    cols = list(frame.columns)
    writer.writerow([msg("compare.csv_key", lang=lang),
                     *(excel_safe(column_label(str(c), lang, result))
                       for c in cols)])
    for key, rec in zip(frame.index, frame.astype(object).itertuples(index=False),
                        strict=True):
        row = [excel_safe(column_label(str(key), lang, result)
                          if label_rows else str(key))]
        for col, value in zip(cols, rec, strict=True):
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                row.append("")
            elif col == "lisa":  # a cluster label: in words, as the other formats say it
                row.append(excel_safe(format_value("lisa", value, lang)))
            elif isinstance(value, bool | np.bool_):
                row.append(str(bool(value)).lower())
            elif isinstance(value, int | float | np.integer | np.floating):
                number = float(value)
                text = str(int(number)) if number.is_integer() and abs(number) < 2**53 \
                    else repr(number)
                row.append(text.replace(".", decimal))
            else:
                row.append(excel_safe(str(value)))
        writer.writerow(row)
    return buf.getvalue()


def comparison_notes(result: Comparison, lang: str) -> list[str]:
    """The notes that belong with a comparison CSV (written beside it, not in it)."""
    return notes(result, lang, "population_date")


def format_comparison(result: Comparison, fmt: str = "table", lang: str = "nl") -> str:
    """Render a :func:`geo.comparison.compare_areas` result as ``table``, ``csv``, ``md`` or
    ``json``.

    ``csv`` is for Excel in the run's language (:func:`local_csv`; its notes are
    :func:`comparison_notes`, written beside it). ``csv-plain`` is for scripts: ``,``,
    decimal points, the column keys, ``#`` note lines first; read it back with
    ``pd.read_csv(path, comment="#", index_col="key")``. Text cells are
    :func:`excel_safe`. The Excel workbook is :func:`mapbuilder.compare.xlsx.write_workbook`.
    """
    from geo.comparison import Comparison, require_result

    require_result(result, Comparison, "format_comparison")
    check_lang(lang)
    table = result.table
    if fmt == "csv":
        return local_csv(table, lang, result)
    if fmt in ("csv-plain", "json"):  # every column, under its own name
        lines = notes(result, lang, "population_date")
    else:  # the table and Markdown blocks have no date column: say where it is
        lines = notes(result, lang)
        if _dates_differ(result):
            lines.append(msg("compare.pop_elsewhere", lang=lang))
    if fmt == "csv-plain":
        return _csv_notes(lines) + _to_csv(table)
    if fmt == "json":
        doc = {
            "title": title_of(result, lang), "level": result.level, "lang": lang,
            "themes": list(result.themes),
            "definitions": {"location_quotient": msg("compare.def_lq", lang=lang),
                            "diversity": msg("compare.def_diversity", lang=lang),
                            "novex_share": msg("compare.def_novex", lang=lang),
                            "rank": msg("compare.def_rank", lang=lang),
                            "area_km2": msg("compare.def_km2", lang=lang),
                            "spatial_autocorrelation": msg("compare.moran_def", lang=lang)},
            "population_dates": result.population.span,
            "outside": {"n_projects": result.outside.n_projects,
                        "total_eur": result.outside.total_eur},
            "has_samples": result.has_samples,
            "notes": lines,
            "mra": {k: json_value(v) for k, v in result.mra.items()},
            "spatial_autocorrelation": _json_moran(result.spatial_autocorrelation),
            "areas": [{"key": str(k), **{c: json_value(v) for c, v in r.items()}}
                      for k, r in table.iterrows()],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    if fmt not in ("table", "md"):
        raise UnknownNameError(msg("compare.err_unknown_format", lang=lang, fmt=fmt,
                                   choices="table, csv, csv-plain, md, json"))
    blocks = [(title, _grid(result, cols, short, lang))
              for title, cols, short in sections(result, lang) if cols]
    if fmt == "md":
        parts = [f"## {md_cell(title_of(result, lang))}"]
        parts += [f"### {md_cell(title)}\n\n{_md_grid(grid)}" for title, grid in blocks]
        parts.append("\n".join(f"- {md_cell(n)}" for n in lines))
        return "\n\n".join(parts) + "\n"
    parts = [title_of(result, lang).upper()]
    parts += [f"{title}\n{text_table(grid)}" for title, grid in blocks]
    parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def head_to_head_notes(h2h: HeadToHead, lang: str) -> list[str]:
    """Both areas' reference dates, what the difference is, then :func:`notes`."""
    name_a, name_b = h2h.names
    dates = h2h.population_date
    return [f"{msg('labels.population_date', lang=lang).capitalize()}: {name_a} "
            f"{format_date(dates.get(name_a, ''), lang)}; {name_b} "
            f"{format_date(dates.get(name_b, ''), lang)}.",
            f"{msg('compare.difference', lang=lang)} = {name_a} − {name_b}; "
            f"{msg('compare.pp', lang=lang)}",
            *notes(h2h.comparison, lang)]


def format_head_to_head(h2h: HeadToHead, fmt: str = "table", lang: str = "nl") -> str:
    """Render :func:`geo.comparison.compare_two` as ``table``, ``csv``, ``md`` or ``json``."""
    from geo.comparison import HeadToHead, require_result

    require_result(h2h, HeadToHead, "format_head_to_head")
    check_lang(lang)
    result = h2h.comparison
    name_a, name_b = h2h.names
    dates = h2h.population_date
    lines = head_to_head_notes(h2h, lang)
    title = msg("compare.head_to_head", lang=lang, a=name_a, b=name_b)
    if fmt == "csv":
        return local_csv(h2h.table, lang, result, label_rows=True)
    if fmt == "csv-plain":
        return _csv_notes(lines) + _to_csv(h2h.table)
    if fmt == "json":
        doc = {"title": title, "level": h2h.level, "lang": lang,
               "a": {"key": h2h.a, "name": name_a,
                     "population_date": dates.get(name_a)},
               "b": {"key": h2h.b, "name": name_b,
                     "population_date": dates.get(name_b)},
               "notes": lines,
               "figures": [{"figure": str(k), "label": column_label(str(k), lang, result),
                            "a": json_value(r.iloc[0]), "b": json_value(r.iloc[1]),
                            "difference": json_value(r.iloc[2])}
                           for k, r in h2h.table.iterrows()]}
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    if fmt not in ("table", "md"):
        raise UnknownNameError(msg("compare.err_unknown_format", lang=lang, fmt=fmt,
                                   choices="table, csv, md, json"))
    grid = [[msg("compare.figure", lang=lang), excel_safe(name_a), excel_safe(name_b),
             msg("compare.difference", lang=lang)]]
    for fig, r in h2h.table.iterrows():
        grid.append([excel_safe(column_label(str(fig), lang, result)),
                     *(format_value(str(fig), v, lang) for v in r.iloc[:3])])
    if fmt == "md":
        return (f"## {md_cell(title)}\n\n{_md_grid(grid)}\n\n"
                + "\n".join(f"- {md_cell(n)}" for n in lines) + "\n")
    return f"{title.upper()}\n\n{text_table(grid)}\n\n" + "\n".join(lines) + "\n"
