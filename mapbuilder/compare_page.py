"""Comparison outputs: a terminal table, CSV, Markdown, JSON and the HTML page.

Every format carries the same numbers as :func:`geo.comparison.compare`: CSV and
JSON at full precision (machine-readable, dot decimals), the terminal table and
Markdown in Dutch (or English) notation rounded to what a reader needs (euros
whole, euros per inhabitant to the cent, shares to 0.1 %, LQ and diversity to
two decimals). Each output also states the definitions, the population
reference dates, the projects outside the MRA and, for samples, that the data
are fictitious.

The HTML page holds two synchronised Leaflet maps sharing one classification,
small multiples per theme (inline SVG from EPSG:28992 geometries), a sortable
table and a bar chart of euros per inhabitant. Like the map it is one
self-contained file (Leaflet inlined by :func:`mapbuilder.page.finalise`, with a
Content-Security-Policy); every text is escaped with :func:`html.escape` and data
reach scripts through :func:`mapbuilder.elements.js_json`.
"""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo._errors import TransitiekaartError, UnknownNameError
from geo.settings import SETTINGS
from geo.themes import THEME_CODES, get_theme, normalise_theme
from mapbuilder.elements import js_json
from mapbuilder.formatting import (
    COMPARE_FORMATS,
    format_date,
    format_eur,
    format_number,
    format_percent,
    text_table,
)
from mapbuilder.i18n import METRICS, THEME_SHORT, check_lang, metric_label, metric_unit, t
from mapbuilder.output import atomic_write_text
from mapbuilder.render import CHOROPLETH_COLOURS, classify, source_text

if TYPE_CHECKING:
    from layers.region import Region

__all__ = [
    "FORMATS",
    "LQ_BREAKS",
    "LQ_COLOURS",
    "column_label",
    "comparison_html",
    "format_comparison",
    "format_head_to_head",
    "format_value",
    "map_themes",
    "parse_value",
    "write_comparison_page",
]

FORMATS: tuple[str, ...] = COMPARE_FORMATS

# Location quotient classes, shared by every small multiple: centred on 1.
LQ_BREAKS: tuple[float, ...] = (0.5, 0.8, 1.25, 2.0)
# ColorBrewer BrBG (5 classes): diverging and colour-blind safe.
LQ_COLOURS: tuple[str, ...] = ("#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571")
NO_DATA = "#cccccc"

# ---------------------------------------------------------------- labels, values


def _theme_of(col: str) -> tuple[str, str] | None:
    for prefix in ("eur_", "n_", "share_", "lq_"):
        if col.startswith(prefix) and col[len(prefix):] in THEME_CODES:
            return prefix[:-1], col[len(prefix):]
    return None


def _novex_name(code: str, attrs: dict[str, Any], lang: str) -> str:
    names = attrs.get("novex_names", {}).get(code)
    return names[1 if lang == "en" else 0] if names else code


def column_label(col: str, lang: str = "nl", attrs: dict[str, Any] | None = None,
                 short: bool = False) -> str:
    """The reader's label of a :func:`geo.comparison.compare` column.

    ``short`` gives the bare short theme name (for tables with one theme block).
    """
    attrs = attrs or {}
    fixed = {
        "name": t("cmp_area", lang), "subregion": t("subregion", lang),
        "n_projects": t("n_projects", lang),
        "total_eur": f"{metric_label('total', lang)} (€)",
        "n_with_amount": t("cmp_n_with_amount", lang),
        "population": t("cmp_population", lang),
        "population_date": t("population_date", lang).capitalize(),
        "eur_per_inhabitant": f"{metric_unit('per_inhabitant', lang)}",
        "area_km2": t("cmp_area_km2", lang),
        "eur_per_km2": f"{metric_unit('per_km2', lang)}",
        "share_of_mra": t("share", lang), "rank": t("cmp_rank", lang),
        "diversity": t("cmp_diversity", lang),
    }
    if col in fixed:
        return fixed[col]
    th = _theme_of(col)
    if th:
        kind, code = th
        name = THEME_SHORT[code][1 if lang == "en" else 0]
        if short:
            return name
        suffix = {"eur": "€", "n": t("projects", lang).lower(),
                  "share": t("cmp_share_area", lang), "lq": t("cmp_lq", lang)}[kind]
        return f"{name}: {suffix}"
    if col.startswith("novex_share_"):
        name = _novex_name(col[len("novex_share_"):], attrs, lang)
        return name if short else f"NOVEX {name}: {t('cmp_share_area', lang)}"
    return col


def _kind(col: str) -> tuple[str, int]:
    """(style, decimals) of a column's display."""
    if col in ("n_projects", "n_with_amount", "rank") or col.startswith("n_"):
        return "num", 0
    if col == "eur_per_inhabitant":
        return "eur", 2
    if col in ("total_eur", "eur_per_km2") or col.startswith("eur_"):
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
    style, dec = _kind(col)
    if style == "text":
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) \
            else str(value)
    v = None if value is None or pd.isna(value) else float(value)
    if style == "eur":
        return format_eur(v, lang, decimals=dec)
    if style == "pct":
        return format_percent(v, lang, dec)
    return format_number(v, dec, lang)


def parse_value(text: str, lang: str = "nl") -> float:
    """Inverse of :func:`format_value` for numbers: ``'€ 1.234,5'`` -> 1234.5, '–' -> NaN."""
    s = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if s in ("–", "", "-"):
        return float("nan")
    pct = s.endswith("%")
    s = s.rstrip("%")
    s = s.replace(",", "") if lang == "en" else s.replace(".", "").replace(",", ".")
    v = float(s)
    return v / 100 if pct else v


def _round_shown(col: str, value: float) -> float:
    """``value`` rounded as :func:`format_value` shows it (for parse-back tests)."""
    style, dec = _kind(col)
    return round(value * 100, dec) / 100 if style == "pct" else round(value, dec)


# ---------------------------------------------------------------- notes

def _level_label(level: str, lang: str) -> str:
    return t(f"cmp_level_{level}", lang)


def _notes(attrs: dict[str, Any], lang: str) -> list[str]:
    notes = [t("cmp_def_lq", lang), t("cmp_def_diversity", lang), t("cmp_def_novex", lang),
             t("cmp_def_rank", lang), t("cmp_def_km2", lang),
             t("per_inh_note", lang,
               dates=format_date(str(attrs.get("population_dates", "")), lang))]
    if attrs.get("level") == "novex":
        notes.append(t("cmp_novex_overlap", lang))
    n_out = int(attrs.get("outside_n", 0))
    notes.append(t("cmp_outside", lang, n=n_out,
                   eur=format_eur(attrs.get("outside_eur", 0.0), lang)) if n_out
                 else t("cmp_no_outside", lang))
    notes.append(t("novex_notice", lang))
    if attrs.get("has_samples"):
        notes.append(t("sample_notice", lang))
    return notes


# ---------------------------------------------------------------- sections

def _mra_row(table: pd.DataFrame) -> dict[str, Any]:
    """The MRA as a row: its figures from attrs, LQ 1 where defined."""
    mra = dict(table.attrs.get("mra", {}))
    row: dict[str, Any] = {c: mra.get(c, np.nan) for c in table.columns}
    row["share_of_mra"] = 1.0 if mra.get("total_eur", 0) > 0 else 0.0
    row["rank"] = np.nan
    for code in table.attrs.get("themes", []):
        share = mra.get(f"share_{code}", 0.0)
        row[f"lq_{code}"] = 1.0 if share and share > 0 else np.nan
        row[f"n_{code}"] = np.nan
    return row


def _sections(table: pd.DataFrame, lang: str) -> list[tuple[str, list[str], bool]]:
    """(title, columns, short labels) of each block of the table/Markdown output."""
    themes = list(table.attrs.get("themes", THEME_CODES))
    key = ["n_projects", "total_eur", "eur_per_inhabitant", "eur_per_km2", "share_of_mra",
           "rank", "diversity", "population", "area_km2"]
    nvx = [c for c in table.columns if c.startswith("novex_share_")]
    return [
        (t("cmp_key_figures", lang), key, False),
        (t("cmp_theme_eur", lang), [f"eur_{c}" for c in themes], True),
        (t("cmp_theme_share", lang), [f"share_{c}" for c in themes], True),
        (t("cmp_theme_lq", lang), [f"lq_{c}" for c in themes], True),
        (t("cmp_novex_share", lang), nvx, True),
    ]


def _grid(table: pd.DataFrame, cols: list[str], short: bool, lang: str,
          with_mra: bool = True) -> list[list[str]]:
    attrs = table.attrs
    head = [t("cmp_area", lang), *(column_label(c, lang, attrs, short) for c in cols)]
    rows = [[str(r["name"]), *(format_value(c, r[c], lang) for c in cols)]
            for _, r in table.iterrows()]
    if with_mra and attrs.get("mra"):
        mra = _mra_row(table)
        rows.append([t("mra_total", lang), *(format_value(c, mra[c], lang) for c in cols)])
    return [head, *rows]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_grid(grid: list[list[str]]) -> str:
    head = "| " + " | ".join(_md_cell(c) for c in grid[0]) + " |"
    align = "|" + "|".join([":---", *("---:" for _ in grid[0][1:])]) + "|"
    body = ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in grid[1:]]
    return "\n".join([head, align, *body])


def _title(table: pd.DataFrame, lang: str) -> str:
    return t("cmp_title", lang, level=_level_label(table.attrs.get("level", "subregion"), lang))


def _json_value(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(float(v)) else None
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _csv_notes(notes: list[str]) -> str:
    return "".join(f"# {n}\n" for n in notes)


def format_comparison(table: pd.DataFrame, fmt: str = "table", lang: str = "nl") -> str:
    """Render a :func:`geo.comparison.compare` table as ``table``, ``csv``, ``md`` or ``json``.

    CSV starts with ``#`` note lines; read it back with
    ``pd.read_csv(path, comment="#", index_col="key")``.
    """
    check_lang(lang)
    notes = _notes(table.attrs, lang)
    if fmt == "csv":
        return _csv_notes(notes) + table.to_csv(index=True, lineterminator="\n")
    if fmt == "json":
        doc = {
            "title": _title(table, lang), "level": table.attrs.get("level"), "lang": lang,
            "themes": table.attrs.get("themes"),
            "definitions": {"location_quotient": t("cmp_def_lq", lang),
                            "diversity": t("cmp_def_diversity", lang),
                            "novex_share": t("cmp_def_novex", lang),
                            "rank": t("cmp_def_rank", lang),
                            "area_km2": t("cmp_def_km2", lang)},
            "population_dates": table.attrs.get("population_dates"),
            "outside": {"n_projects": table.attrs.get("outside_n", 0),
                        "total_eur": table.attrs.get("outside_eur", 0.0)},
            "has_samples": bool(table.attrs.get("has_samples", False)),
            "notes": notes,
            "mra": {k: _json_value(v) for k, v in table.attrs.get("mra", {}).items()},
            "areas": [{"key": str(k), **{c: _json_value(v) for c, v in r.items()}}
                      for k, r in table.iterrows()],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    if fmt not in ("table", "md"):
        msg = f"Unknown format {fmt!r}. Use one of: {', '.join(FORMATS)}."
        raise UnknownNameError(msg)
    blocks = [(title, _grid(table, cols, short, lang))
              for title, cols, short in _sections(table, lang) if cols]
    if fmt == "md":
        parts = [f"## {_md_cell(_title(table, lang))}"]
        parts += [f"### {_md_cell(title)}\n\n{_md_grid(grid)}" for title, grid in blocks]
        parts.append("\n".join(f"- {_md_cell(n)}" for n in notes))
        return "\n\n".join(parts) + "\n"
    parts = [_title(table, lang).upper()]
    parts += [f"{title}\n{text_table(grid)}" for title, grid in blocks]
    parts.append("\n".join(notes))
    return "\n\n".join(parts) + "\n"


def format_head_to_head(h2h: pd.DataFrame, fmt: str = "table", lang: str = "nl") -> str:
    """Render :func:`geo.comparison.head_to_head` as ``table``, ``csv``, ``md`` or ``json``."""
    check_lang(lang)
    attrs = h2h.attrs
    name_a, name_b = str(h2h.columns[0]), str(h2h.columns[1])
    dates = attrs.get("population_date", {})
    notes = [f"{t('population_date', lang).capitalize()}: {name_a} "
             f"{format_date(dates.get(name_a, ''), lang)}; {name_b} "
             f"{format_date(dates.get(name_b, ''), lang)}.",
             f"{t('cmp_difference', lang)} = {name_a} − {name_b}; "
             f"{t('cmp_pp', lang)}",
             *_notes(attrs, lang)]
    title = t("cmp_head_to_head", lang, a=name_a, b=name_b)
    if fmt == "csv":
        return _csv_notes(notes) + h2h.to_csv(index=True, lineterminator="\n")
    if fmt == "json":
        doc = {"title": title, "level": attrs.get("level"), "lang": lang,
               "a": {"key": attrs.get("a"), "name": name_a,
                     "population_date": dates.get(name_a)},
               "b": {"key": attrs.get("b"), "name": name_b,
                     "population_date": dates.get(name_b)},
               "notes": notes,
               "figures": [{"figure": str(k), "label": column_label(str(k), lang, attrs),
                            "a": _json_value(r.iloc[0]), "b": _json_value(r.iloc[1]),
                            "difference": _json_value(r.iloc[2])}
                           for k, r in h2h.iterrows()]}
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    if fmt not in ("table", "md"):
        msg = f"Unknown format {fmt!r} for --a/--b. Use one of: table, csv, md, json, html."
        raise UnknownNameError(msg)
    grid = [[t("cmp_figure", lang), name_a, name_b, t("cmp_difference", lang)]]
    for fig, r in h2h.iterrows():
        grid.append([column_label(str(fig), lang, attrs),
                     *(format_value(str(fig), v, lang) for v in r.iloc[:3])])
    if fmt == "md":
        return (f"## {_md_cell(title)}\n\n{_md_grid(grid)}\n\n"
                + "\n".join(f"- {_md_cell(n)}" for n in notes) + "\n")
    return f"{title.upper()}\n\n{text_table(grid)}\n\n" + "\n".join(notes) + "\n"


# ---------------------------------------------------------------- the HTML page

_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_MAP_METRICS = ("total", "per_inhabitant", "per_km2", "count", "diversity")
_UNITS = {"total": "eur", "per_inhabitant": "eur_inh", "per_km2": "eur_km2",
          "count": "count", "diversity": "index"}


def _map_spec(spec: str) -> tuple[str, str]:
    """(column, unit) of a map choice: a metric, a theme, ``lq:THEME`` or ``share:THEME``."""
    text = spec.strip()
    if text in _UNITS:
        col = "diversity" if text == "diversity" else METRICS[text][4]
        return col, _UNITS[text]
    kind, _, name = text.rpartition(":")
    code = normalise_theme(name)
    if code is not None and kind in ("", "eur", "lq", "share"):
        kind = kind or "eur"
        return f"{kind}_{code}", {"eur": "eur", "lq": "lq", "share": "share"}[kind]
    msg = (f"Unknown map {spec!r} for --maps. Use a metric ({', '.join(_MAP_METRICS)}), "
           f"a theme ({', '.join(THEME_CODES)}) or lq:THEME / share:THEME.")
    raise UnknownNameError(msg)


def map_themes(maps: tuple[str, str]) -> list[str]:
    """Validate two map choices (same unit) and return the theme codes they use."""
    specs = [_map_spec(m) for m in maps]
    if specs[0][1] != specs[1][1]:
        msg = (f"The maps {maps[0]!r} and {maps[1]!r} have different units, so they cannot "
               "share one scale. Choose two of the same kind, e.g. two themes "
               "(--maps hydrogen ai) or lq:hydrogen lq:ai.")
        raise TransitiekaartError(msg)
    return [th[1] for col, _ in specs if (th := _theme_of(col))]


def _map_label(col: str, lang: str) -> str:
    for metric, spec in METRICS.items():
        if spec[4] == col:
            return f"{metric_label(metric, lang)} ({metric_unit(metric, lang)})"
    if col == "diversity":
        return t("cmp_diversity", lang)
    th = _theme_of(col)
    if th:
        label = get_theme(th[1]).label(lang)
        return {"eur": f"{label} (€)", "lq": f"{label}: {t('cmp_lq', lang)}",
                "share": f"{label}: {t('cmp_share_area', lang)}"}[th[0]]
    return col


def _default_maps(table: pd.DataFrame) -> tuple[str, str]:
    themes = list(table.attrs.get("themes", THEME_CODES))
    if len(themes) == 1:
        return "total", themes[0]
    mra = table.attrs.get("mra", {})
    ranked = sorted(themes, key=lambda c: -float(mra.get(f"eur_{c}", 0.0)))
    return ranked[0], ranked[1]


def _level_geoms(region: Region, level: str, index: pd.Index) -> gpd.GeoSeries:
    frames = {"subregion": region.subregions.set_index("subregion"),
              "municipality": region.municipalities.set_index("code"),
              "novex": region.novex.set_index("code")}
    return frames[level].geometry.reindex(index)


def _colours(values: pd.Series, bins: list[float], palette: tuple[str, ...]) -> list[str]:
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    idx = np.searchsorted(np.asarray(bins, dtype=float), v, side="left") if bins else v * 0
    return [NO_DATA if not math.isfinite(x) else palette[min(int(i), len(palette) - 1)]
            for x, i in zip(v, idx, strict=True)]


def _legend(bins: list[float], col: str, palette: tuple[str, ...], lang: str,
            open_top: bool = False) -> str:
    items, lo = [], None
    for i, hi in enumerate(bins):
        if open_top and i == len(bins) - 1 and not math.isfinite(hi):
            text = f"> {format_value(col, lo, lang)}"
        elif lo is None:
            text = f"≤ {format_value(col, hi, lang)}"
        else:
            text = f"{format_value(col, lo, lang)} – {format_value(col, hi, lang)}"
        items.append(f"<span><i style='background:{palette[min(i, len(palette) - 1)]}'></i>"
                     f"{escape(text)}</span>")
        lo = hi
    items.append(f"<span><i style='background:{NO_DATA}'></i>"
                 f"{escape(t('cmp_no_data', lang))}</span>")
    return f"<div class='tk-legend'>{''.join(items)}</div>"


def _svg_paths(geoms: gpd.GeoSeries, width: float) -> tuple[list[str], float]:
    """SVG path data of ``geoms`` projected to EPSG:28992, scaled to ``width`` px."""
    rd = geoms.to_crs(SETTINGS.crs_metric).simplify(150)
    minx, miny, maxx, maxy = rd.total_bounds
    scale = width / max(maxx - minx, 1.0)
    paths = []
    for geom in rd:
        parts = []
        polys = [] if geom is None or geom.is_empty else getattr(geom, "geoms", [geom])
        for poly in polys:
            for ring in [poly.exterior, *poly.interiors]:
                xy = np.asarray(ring.coords)[:, :2]
                pts = " ".join(f"{(x - minx) * scale:.1f},{(maxy - y) * scale:.1f}"
                               for x, y in xy)
                parts.append(f"M{pts}Z")
        paths.append("".join(parts))
    return paths, (maxy - miny) * scale


def _multiples(table: pd.DataFrame, geoms: gpd.GeoSeries, kind: str, lang: str) -> str:
    themes = list(table.attrs.get("themes", THEME_CODES))
    cols = [f"{kind}_{c}" for c in themes]
    if kind == "lq":
        bins, palette, legend_col = [*LQ_BREAKS, math.inf], LQ_COLOURS, "lq_x"
        title = t("cmp_lq_legend", lang)
    else:
        pooled = pd.concat([table[c] for c in cols], ignore_index=True)
        _, bins = classify(pooled)
        palette, legend_col = CHOROPLETH_COLOURS, cols[0]
        title = (t("cmp_eur_legend", lang) if kind == "eur"
                 else f"{t('cmp_theme_share', lang)} ({t('cmp_share_area', lang)})")
    paths, height = _svg_paths(geoms, 190)
    cards = []
    for code, col in zip(themes, cols, strict=True):
        fills = _colours(table[col], bins, palette)
        shapes = "".join(
            f"<path d='{d}' fill='{f}'><title>{escape(str(name))}: "
            f"{escape(format_value(col, v, lang))}</title></path>"
            for d, f, name, v in zip(paths, fills, table["name"], table[col], strict=True))
        label = get_theme(code).label(lang)
        cards.append(f"<figure class='tk-multiple' data-theme='{escape(code, quote=True)}'>"
                     f"<figcaption>{escape(label)}</figcaption>"
                     f"<svg viewBox='0 0 190 {height:.0f}' width='190' height='{height:.0f}' "
                     f"role='img' aria-label='{escape(label, quote=True)}'>{shapes}</svg>"
                     f"</figure>")
    return (f"<p class='tk-small'>{escape(title)}</p>"
            f"{_legend(bins, legend_col, palette, lang, open_top=kind == 'lq')}"
            f"<div class='tk-multiples'>{''.join(cards)}</div>")


def _bar_chart(table: pd.DataFrame, lang: str) -> str:
    col = "eur_per_inhabitant"
    data = table[["name", col]].sort_values(col, ascending=False, na_position="last")
    avg = table.attrs.get("mra", {}).get(col)
    finite = [float(v) for v in data[col] if pd.notna(v)]
    top = max([*finite, float(avg or 0.0), 1e-9])
    label_w, bar_w, row_h = 190, 330, 22
    height = row_h * len(data) + 30
    parts = []
    for i, (name, v) in enumerate(zip(data["name"], data[col], strict=True)):
        y = 10 + i * row_h
        w = 0.0 if pd.isna(v) else bar_w * float(v) / top
        txt = format_value(col, v, lang) if pd.notna(v) else t("not_available", lang)
        parts.append(
            f"<text x='{label_w - 6}' y='{y + 14}' text-anchor='end'>{escape(str(name))}</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{w:.1f}' height='{row_h - 6}' "
            f"fill='#2c7fb8'><title>{escape(str(name))}: {escape(txt)}</title></rect>"
            f"<text x='{label_w + w + 4:.1f}' y='{y + 14}'>{escape(txt)}</text>")
    if avg is not None:
        x = label_w + bar_w * float(avg) / top
        parts.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='4' y2='{height - 18}' "
                     f"stroke='#a50026' stroke-dasharray='4 3'/>"
                     f"<text x='{x:.1f}' y='{height - 4}' text-anchor='middle' fill='#a50026'>"
                     f"{escape(t('mra_average', lang))}: "
                     f"{escape(format_value(col, avg, lang))}</text>")
    return (f"<svg class='tk-bars' viewBox='0 0 {label_w + bar_w + 120} {height}' "
            f"width='{label_w + bar_w + 120}' height='{height}' role='img' "
            f"aria-label='{escape(t('cmp_bars', lang), quote=True)}'>{''.join(parts)}</svg>")


def _table_columns(table: pd.DataFrame) -> list[str]:
    skip = {f"n_{c}" for c in THEME_CODES} | {"n_with_amount"}
    return [c for c in table.columns if c not in skip]


def _sortable_table(table: pd.DataFrame, lang: str) -> str:
    cols = _table_columns(table)
    attrs = table.attrs

    def cell(col: str, v: Any) -> str:
        style, _ = _kind(col)
        if style == "text":
            raw = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
            shown = format_date(raw, lang) if col == "population_date" else raw
            return f"<td data-v='{escape(raw, quote=True)}'>{escape(shown)}</td>"
        raw = "" if v is None or pd.isna(v) else repr(float(v))
        return (f"<td class='tk-num' data-v='{raw}'>"
                f"{escape(format_value(col, v, lang))}</td>")

    head = "".join(
        f"<th scope='col' tabindex='0' data-type='{'s' if _kind(c)[0] == 'text' else 'n'}' "
        f"data-col='{escape(c, quote=True)}'>{escape(column_label(c, lang, attrs))}</th>"
        for c in cols)
    body = "".join(f"<tr data-key='{escape(str(k), quote=True)}'>"
                   + "".join(cell(c, r[c]) for c in cols) + "</tr>"
                   for k, r in table.iterrows())
    foot = ""
    if attrs.get("mra"):
        mra = _mra_row(table)
        mra["name"] = t("mra_total", lang)
        mra["population_date"] = attrs["mra"].get("population_date", "")
        mra["subregion"] = ""
        foot = "<tfoot><tr>" + "".join(cell(c, mra.get(c)) for c in cols) + "</tr></tfoot>"
    return (f"<div class='tk-scroll'><table class='tk-sortable' id='tk-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>")


def _head_table(h2h: pd.DataFrame, lang: str) -> str:
    name_a, name_b = str(h2h.columns[0]), str(h2h.columns[1])
    rows = "".join(
        f"<tr><td>{escape(column_label(str(k), lang, h2h.attrs))}</td>"
        + "".join(f"<td class='tk-num' data-v='{'' if pd.isna(v) else repr(float(v))}'>"
                  f"{escape(format_value(str(k), v, lang))}</td>" for v in r.iloc[:3])
        + "</tr>" for k, r in h2h.iterrows())
    return (f"<h2>{escape(t('cmp_head_to_head', lang, a=name_a, b=name_b))}</h2>"
            f"<div class='tk-scroll'><table class='tk-sortable' id='tk-head'><thead><tr>"
            f"<th data-type='s' tabindex='0'>{escape(t('cmp_figure', lang))}</th>"
            f"<th data-type='n' tabindex='0'>{escape(name_a)}</th>"
            f"<th data-type='n' tabindex='0'>{escape(name_b)}</th>"
            f"<th data-type='n' tabindex='0'>{escape(t('cmp_difference', lang))} "
            f"({escape(name_a)} − {escape(name_b)})</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


_PAGE_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
margin:16px 24px;color:#222}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:22px 0 6px}
.tk-sample{color:#a50026;font-weight:700}
.tk-small{color:#555;font-size:12px}
.tk-maps{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
.tk-maps h3{font-size:14px;margin:4px 0}
.tk-map{height:430px;width:100%;border:1px solid #999}
.tk-legend{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0;font-size:12px}
.tk-legend i{display:inline-block;width:16px;height:12px;border:1px solid #555;
margin-right:4px;vertical-align:middle}
.tk-multiples{display:flex;flex-wrap:wrap;gap:10px}
.tk-multiple{margin:0;border:1px solid #ddd;padding:4px}
.tk-multiple figcaption{font-size:12px;font-weight:600;max-width:190px}
.tk-multiple path{stroke:#333;stroke-width:.6;fill-rule:evenodd}
.tk-scroll{overflow-x:auto}
table.tk-sortable{border-collapse:collapse;font-size:12.5px}
.tk-sortable th,.tk-sortable td{border-bottom:1px solid #ddd;padding:3px 7px;
text-align:left;white-space:nowrap}
.tk-sortable th{cursor:pointer;background:#f3f3f3;position:sticky;top:0}
.tk-sortable th[aria-sort=ascending]::after{content:" ▲"}
.tk-sortable th[aria-sort=descending]::after{content:" ▼"}
.tk-sortable tfoot td{font-weight:700;border-top:2px solid #555}
.tk-num{text-align:right!important;font-variant-numeric:tabular-nums}
.tk-bars text{font-size:12px}
dl dt{font-weight:600}dl dd{margin:0 0 6px 0}
"""

_MAPS_JS = """
(function () {
  var D = %s;
  function make(id, side) {
    var m = L.map(id, {preferCanvas: true, zoomSnap: 0.25});
    L.tileLayer(D.tiles,
      {attribution: "&copy; OpenStreetMap", opacity: 0.5}).addTo(m);
    var layer = L.geoJSON(D.areas, {
      style: function (f) { return {color: "#333", weight: 1.2, fillOpacity: 0.75,
                                    fillColor: f.properties.fill[side]}; },
      onEachFeature: function (f, l) { l.bindTooltip(f.properties.tip[side], {sticky: true}); }
    }).addTo(m);
    m.fitBounds(layer.getBounds());
    return m;
  }
  var a = make("tk-map-left", 0), b = make("tk-map-right", 1), busy = false;
  function follow(src, dst) {
    src.on("move zoom", function () {
      if (busy) { return; }
      busy = true; dst.setView(src.getCenter(), src.getZoom(), {animate: false}); busy = false;
    });
  }
  follow(a, b); follow(b, a);
  window.addEventListener("load", function () {
    a.invalidateSize(); b.invalidateSize(); b.setView(a.getCenter(), a.getZoom(), {animate: false});
  });
  window.transitiekaart = {maps: [a, b], data: D};
})();
"""

_SORT_JS = """
document.querySelectorAll("table.tk-sortable").forEach(function (tbl) {
  var heads = tbl.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending", body = tbl.tBodies[0];
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (r1, r2) {
        var a = r1.cells[i].dataset.v, b = r2.cells[i].dataset.v;
        if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
        var c = th.dataset.type === "n" ? parseFloat(a) - parseFloat(b) : a.localeCompare(b, "nl");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
});
"""


def comparison_html(table: pd.DataFrame, region: Region, maps: tuple[str, str] | None = None,
                    multiples: str = "lq", lang: str = "nl", source: str = "",
                    head: pd.DataFrame | None = None, assets: str = "inline") -> str:
    """The comparison page (a complete HTML document) for a :func:`geo.comparison.compare` table.

    Parameters
    ----------
    table
        From :func:`geo.comparison.compare` (any level); ``region`` gives the shapes.
    maps
        What the two synchronised maps show: metrics (``total``, ``per_inhabitant``,
        ``per_km2``, ``count``, ``diversity``) or themes (euros; ``lq:THEME`` or
        ``share:THEME``), both of one unit so they share class breaks and colours.
        Default: the two largest themes in euros.
    multiples
        ``"lq"`` (fixed breaks around 1), ``"eur"`` or ``"share"`` for the small
        multiples, one per theme, all on one scale.
    lang, source
        Label language and a short description of where the projects came from.
    head
        Optional :func:`geo.comparison.head_to_head` table shown first.
    assets
        ``"inline"`` (one self-contained file) or ``"cdn"`` (Leaflet from its CDN).
    """
    check_lang(lang)
    if multiples not in ("lq", "eur", "share"):
        msg = f"Unknown multiples {multiples!r}. Use one of: lq, eur, share."
        raise UnknownNameError(msg)
    maps = maps or _default_maps(table)
    map_themes(maps)
    cols = [_map_spec(m)[0] for m in maps]
    missing = [c for c in cols if c not in table.columns]
    if missing:
        msg = (f"The table has no column {', '.join(missing)} for --maps; compare with "
               "these themes included (or leave out --theme).")
        raise TransitiekaartError(msg)
    level = str(table.attrs.get("level", "subregion"))
    geoms = _level_geoms(region, level, table.index)
    _, bins = classify(pd.concat([table[cols[0]], table[cols[1]]], ignore_index=True))
    fills = [_colours(table[c], bins, CHOROPLETH_COLOURS) for c in cols]
    labels = [_map_label(c, lang) for c in cols]
    feats = []
    wgs = geoms.to_crs(SETTINGS.crs_wgs84)
    for i, (key, geom) in enumerate(wgs.items()):
        if geom is None or geom.is_empty:
            continue
        name = str(table.at[key, "name"])
        tips = [f"<b>{escape(name)}</b><br>{escape(labels[s])}: "
                f"{escape(format_value(cols[s], table.at[key, cols[s]], lang))}"
                for s in (0, 1)]
        feats.append({"type": "Feature", "geometry": geom.__geo_interface__,
                      "properties": {"key": str(key), "name": name,
                                     "fill": [fills[0][i], fills[1][i]], "tip": tips,
                                     "value": [_json_value(table.at[key, c]) for c in cols]}})
    data = {"areas": {"type": "FeatureCollection", "features": feats},
            "columns": cols, "bins": [b if math.isfinite(b) else None for b in bins],
            "colours": list(CHOROPLETH_COLOURS), "tiles": _TILES}
    attrs = table.attrs
    title = t("cmp_title", lang, level=_level_label(level, lang))
    sample = (f"<p class='tk-sample'>{escape(t('sample_notice', lang))}</p>"
              if attrs.get("has_samples") else "")
    notes = _notes(attrs, lang)
    defs = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in (
        (t("cmp_theme_lq", lang), t("cmp_def_lq", lang)),
        (t("cmp_diversity", lang), t("cmp_def_diversity", lang)),
        (t("cmp_novex_share", lang), t("cmp_def_novex", lang)),
        (t("cmp_rank", lang), t("cmp_def_rank", lang)),
        (t("cmp_area_km2", lang), t("cmp_def_km2", lang))))
    facts = "".join(f"<li>{escape(n)}</li>" for n in notes[5:]
                    if n != t("sample_notice", lang))
    src = source_text(source, bool(attrs.get("has_samples")), lang)
    credits = "; ".join(x for x in (src, t("source_cbs", lang)) if x)
    source_html = f"<p class='tk-small'>{escape(credits)}</p>"
    head_html = _head_table(head, lang) if head is not None else ""
    body = f"""<header><h1>{escape(title)}</h1>{sample}{source_html}
<ul class='tk-small'>{facts}</ul>
</header>
{head_html}
<section id="tk-dual"><h2>{escape(t('cmp_maps', lang))}</h2>
<p class="tk-small">{escape(t('cmp_maps_note', lang))}</p>
<div class="tk-maps"><div><h3>{escape(labels[0])}</h3>
<div id="tk-map-left" class="tk-map"></div></div>
<div><h3>{escape(labels[1])}</h3><div id="tk-map-right" class="tk-map"></div></div></div>
{_legend(bins, cols[0], CHOROPLETH_COLOURS, lang)}</section>
<section id="tk-multiples"><h2>{escape(t('cmp_multiples', lang))}</h2>
{_multiples(table, geoms, multiples, lang)}</section>
<section id="tk-bars">
<h2>{escape(t('cmp_bars', lang))} ({escape(metric_unit('per_inhabitant', lang))})</h2>
{_bar_chart(table, lang)}
<p class="tk-small">{escape(notes[5])}</p></section>
<section id="tk-table-section"><h2>{escape(t('cmp_table', lang))}</h2>
{_sortable_table(table, lang)}</section>
<section id="tk-definitions"><h2>{escape(t('cmp_definitions', lang))}</h2>
<dl>{defs}</dl></section>"""
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{_LEAFLET_CSS}">
<script src="{_LEAFLET_JS}"></script>
<style>{_PAGE_CSS}</style>
</head>
<body>
{body}
<script>{_MAPS_JS % js_json(data)}</script>
<script>{_SORT_JS}</script>
</body>
</html>
"""
    from mapbuilder.page import finalise
    from mapbuilder.tiles import url_origins

    return finalise(page, assets=assets, lang=lang, title=f"{title} · transitiekaart",
                    tile_origins=url_origins(_TILES))


def write_comparison_page(path: str | Path, table: pd.DataFrame, region: Region,
                          **kwargs: Any) -> Path:
    """Write :func:`comparison_html` to ``path`` atomically; return the path."""
    return atomic_write_text(path, comparison_html(table, region, **kwargs))



