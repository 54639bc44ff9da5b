"""The comparison page of ``transitiekaart compare --format html``.

Two synchronised Leaflet maps share one classification (rounded limits, zero
in a class of its own), with area labels, a "full view" button, and a mouse
wheel that scrolls the page until a map is clicked (or Ctrl is held); small
multiples per theme in a balanced grid (:mod:`mapbuilder.compare.charts`); a
sortable table whose first column stays in view and whose numeric columns sort
high to low first; and a bar chart of euros per inhabitant. The layout reflows
from phone to HD, and prints on A4 landscape without controls.

Like the map it is one self-contained file (Leaflet inlined by
:func:`mapbuilder.page.finalise`, with a Content-Security-Policy that admits
only the chosen tile server, or none with ``tiles="none"``, and each inline
script by its hash). The page is the Jinja2 template ``templates/compare.html``
with autoescape; its script and style sheet are ``static/compare.js`` and
``static/compare.css``; the maps' data reach the script as a JSON block written
with :func:`mapbuilder.elements.js_json`. The table fragments built here escape
their text with :func:`html.escape`. A further section (with its own script) is
added by appending a maker to :data:`SECTION_HOOKS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from geo.themes import THEME_CODES, get_theme, normalise_theme
from layers.atomic import atomic_write_text
from layers.errors import TransitiekaartError, UnknownNameError
from layers.messages import msg
from layers.settings import SETTINGS
from mapbuilder.compare.charts import (
    LQ_BREAKS,
    LQ_COLOURS,
    NO_DATA,
    bar_chart,
    legend_html,
    nice_classes,
)
from mapbuilder.compare.formats import (
    FORMATS,
    column_label,
    definitions,
    facts,
    format_comparison,
    format_head_to_head,
    format_value,
    json_value,
    level_label,
    moran_notes,
    mra_row,
    novex_note,
    population_note,
    sections,
    theme_of,
    value_kind,
)
from mapbuilder.compare.lisa import LISA_CSS, lisa_section
from mapbuilder.compare.multiples import multiples_html
from mapbuilder.compare.symbols import (
    CIRCLE_FILL,
    CIRCLE_OPACITY,
    CIRCLE_STROKE,
    NEUTRAL_FILL,
    R_MAX,
    R_MIN,
    CircleScale,
    circle_legend_html,
    inner_points,
    is_total,
)
from mapbuilder.elements import js_json
from mapbuilder.formatting import format_date
from mapbuilder.i18n import METRICS, check_lang, metric_label, metric_unit
from mapbuilder.mappage.render import source_text
from mapbuilder.tiles import BACKGROUND, DEFAULT_TILES, NO_TILES

if TYPE_CHECKING:
    from geo.comparison import Comparison, HeadToHead
    from layers.region import Region

__all__ = [
    "FORMATS",
    "LQ_BREAKS",
    "LQ_COLOURS",
    "NO_DATA",
    "SECTION_HOOKS",
    "PageSection",
    "column_label",
    "comparison_html",
    "format_comparison",
    "format_head_to_head",
    "format_value",
    "map_themes",
    "write_comparison_page",
]

_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_MAP_METRICS = ("total", "per_inhabitant", "per_km2", "count", "diversity")
_UNITS = {"total": "eur", "per_inhabitant": "eur_inh", "per_km2": "eur_km2",
          "count": "count", "diversity": "index"}
_TILE_OPACITY = 0.55  # as on the map page: tiles fade behind the choropleth


# ---------------------------------------------------------------- what the maps show


def _map_spec(spec: str, lang: str = "nl") -> tuple[str, str]:
    """(column, unit) of a map choice: a metric, a theme, ``lq:THEME`` or ``share:THEME``."""
    text = spec.strip()
    if text in _UNITS:
        col = "diversity" if text == "diversity" else METRICS[text]
        return col, _UNITS[text]
    kind, _, name = text.rpartition(":")
    code = normalise_theme(name)
    if code is not None and kind in ("", "eur", "lq", "share"):
        kind = kind or "eur"
        return f"{kind}_{code}", {"eur": "eur", "lq": "lq", "share": "share"}[kind]
    message = msg("compare.err_map", lang=lang, spec=spec, metrics=", ".join(_MAP_METRICS),
             themes=", ".join(THEME_CODES))
    raise UnknownNameError(message)


def map_themes(maps: tuple[str, str], lang: str = "nl") -> list[str]:
    """Validate two map choices (same unit) and return the theme codes they use."""
    specs = [_map_spec(m, lang) for m in maps]
    if specs[0][1] != specs[1][1]:
        message = msg("compare.err_units", lang=lang, a=maps[0], b=maps[1])
        raise TransitiekaartError(message)
    return [th[1] for col, _ in specs if (th := theme_of(col))]


def _map_label(col: str, lang: str) -> str:
    for metric, column in METRICS.items():
        if column == col:
            return f"{metric_label(metric, lang)} ({metric_unit(metric, lang)})"
    if col == "diversity":
        return msg("compare.diversity", lang=lang)
    th = theme_of(col)
    if th:
        label = get_theme(th[1]).label(lang)
        return {"eur": f"{label} (€)", "lq": f"{label}: {msg('compare.lq', lang=lang)}",
                "share": f"{label}: {msg('compare.share_area', lang=lang)}"}[th[0]]
    return col


def _default_maps(result: Comparison) -> tuple[str, str]:
    """The two largest themes, in euros.

    A cartographer's choice: the page's first question is where the money of
    the agenda's largest themes lands, and a total answers it. The euros are
    drawn as proportional circles over neutral areas (never as a choropleth, which
    would make large areas look important because they are large); the rates
    (euros per inhabitant in the bar chart, location quotients in the small
    multiples) follow below, so the default maps do not repeat them.
    """
    themes = list(result.themes)
    if len(themes) == 1:
        return "total", themes[0]
    mra = result.mra
    ranked = sorted(themes, key=lambda c: -float(mra.get(f"eur_{c}", 0.0)))
    return ranked[0], ranked[1]


def _level_geoms(region: Region, level: str, index: pd.Index) -> gpd.GeoSeries:
    frames = {"subregion": region.subregions.set_index("subregion"),
              "municipality": region.municipalities.set_index("code"),
              "novex": region.novex.set_index("code")}
    return frames[level].geometry.reindex(index)


def _basemap(tiles: str, lang: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The tile layer for the page's script and its origins for the CSP (none: no tiles)."""
    from mapbuilder.tiles import provider, tile_origins

    if tiles.strip().lower() == NO_TILES:
        return None, []
    tp = provider(tiles)
    subdomains = tp.get("subdomains", "abc")
    attribution = str(tp.html_attribution)
    if lang == "nl":  # OpenStreetMap's own Dutch wording
        attribution = attribution.replace("</a> contributors", "</a>-bijdragers")
    return ({"url": tp.build_url(fill_subdomain=False, scale_factor=""),
             "subdomains": subdomains, "maxZoom": int(tp.get("max_zoom", 19)),
             "attribution": attribution, "opacity": _TILE_OPACITY},
            tile_origins(tp))


# ---------------------------------------------------------------- tables


def _cell(col: str, v: Any, lang: str) -> str:
    style, _ = value_kind(col)
    if style == "text":
        raw = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
        shown = format_date(raw, lang) if col == "population_date" else raw
        return f"<td data-v='{escape(raw, quote=True)}'>{escape(shown)}</td>"
    raw = "" if v is None or pd.isna(v) else repr(float(v))
    return f"<td class='tk-num' data-v='{raw}'>{escape(format_value(col, v, lang))}</td>"


def _table_columns(table: pd.DataFrame) -> list[str]:
    skip = {f"n_{c}" for c in THEME_CODES} | {"n_with_amount"}
    return [c for c in table.columns if c not in skip]


def _head_cell(label: str, numeric: bool, col: str = "") -> str:
    data_col = f" data-col='{escape(col, quote=True)}'" if col else ""
    cls = " class='tk-num'" if numeric else ""
    return (f"<th scope='col' tabindex='0' aria-sort='none' data-type='{'n' if numeric else 's'}'"
            f"{data_col}{cls}>{escape(label)}</th>")


def _sortable_table(result: Comparison, lang: str) -> str:
    table = result.table
    cols = _table_columns(table)
    head = "".join(_head_cell(column_label(c, lang, result), value_kind(c)[0] != "text", c)
                   for c in cols)
    body = "".join(f"<tr data-key='{escape(str(k), quote=True)}'>"
                   + "".join(_cell(c, r[c], lang) for c in cols) + "</tr>"
                   for k, r in table.iterrows())
    foot = ""
    if result.mra:
        mra = mra_row(result)
        mra["name"] = msg("labels.mra_total", lang=lang)
        mra["population_date"] = result.mra.get("population_date", "")
        mra["subregion"] = ""
        foot = ("<tfoot><tr>" + "".join(_cell(c, mra.get(c), lang) for c in cols)
                + "</tr></tfoot>")
    return (f"<div class='tk-scroll tk-screen'><table class='tk-sortable' id='tk-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>")


def _print_tables(result: Comparison, lang: str) -> str:
    """The table in blocks narrow enough for A4 landscape (shown only in print)."""
    out = []
    rows = [(str(r["name"]), r) for _, r in result.table.iterrows()]
    mra = mra_row(result) if result.mra else None
    for title, cols, short in sections(result, lang):
        if not cols:
            continue
        head = "".join(f"<th>{escape(column_label(c, lang, result, short))}</th>"
                       for c in cols)
        body = "".join(f"<tr><td>{escape(name)}</td>"
                       + "".join(f"<td class='tk-num'>{escape(format_value(c, r[c], lang))}</td>"
                                 for c in cols) + "</tr>" for name, r in rows)
        if mra is not None:
            body += (f"<tr class='tk-total'><td>{escape(msg('labels.mra_total', lang=lang))}</td>"
                     + "".join(f"<td class='tk-num'>{escape(format_value(c, mra[c], lang))}"
                               f"</td>" for c in cols) + "</tr>")
        out.append(f"<table class='tk-print-table'><caption>{escape(title)}</caption>"
                   f"<thead><tr><th>{escape(msg('compare.area', lang=lang))}</th>{head}"
                   "</tr></thead>"
                   f"<tbody>{body}</tbody></table>")
    return f"<div class='tk-print'>{''.join(out)}</div>"


def _head_table(h2h: HeadToHead, lang: str) -> str:
    name_a, name_b = h2h.names
    rows = []
    for k, r in h2h.table.iterrows():
        label = column_label(str(k), lang, h2h.comparison)
        cells = "".join(
            f"<td class='tk-num' data-v='{'' if pd.isna(v) else repr(float(v))}'>"
            f"{escape(format_value(str(k), v, lang))}</td>" for v in r.iloc[:3])
        rows.append(f"<tr><td data-v='{escape(label, quote=True)}'>{escape(label)}</td>"
                    f"{cells}</tr>")
    head = "".join([
        _head_cell(msg("compare.figure", lang=lang), False), _head_cell(name_a, True),
        _head_cell(name_b, True),
        _head_cell(f"{msg('compare.difference', lang=lang)} ({name_a} − {name_b})", True)])
    return (f"<section id='tk-head-section'>"
            f"<h2>{escape(msg('compare.head_to_head', lang=lang, a=name_a, b=name_b))}</h2>"
            f"<div class='tk-scroll'><table class='tk-sortable' id='tk-head'><thead><tr>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>")


# ---------------------------------------------------------------- style and scripts

# ---------------------------------------------------------------- the template
@dataclass(frozen=True)
class PageSection:
    """A further section of the comparison page: its HTML (escaped by its maker) and an
    optional script, which runs after the page's own (``window.transitiekaart`` is set)."""

    html: Markup
    script: str = ""

    def __post_init__(self) -> None:
        # code of our own modules, not data: it goes into <script> as it is, so it must
        # not end that element early (data reach scripts through js_json)
        if "</script" in self.script.lower():
            message = "a PageSection's script must not contain '</script'"
            raise ValueError(message)


# Makers of further sections, called in order with (result, region, lang), ``result`` the
# geo.comparison.Comparison shown; each returns a PageSection or None (nothing to show).
# A module that adds a section appends its maker here.
SectionHook = Callable[["Comparison", "Region", str], "PageSection | None"]
SECTION_HOOKS: list[SectionHook] = []


@cache
def _template() -> Template:
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    text = resources.files("mapbuilder").joinpath("templates", "compare.html").read_text("utf-8")
    return env.from_string(text)


def _static(name: str) -> Markup:
    """A file of ``mapbuilder/static`` as it goes into the page (inlined, hashed by the CSP)."""
    return Markup(resources.files("mapbuilder").joinpath("static", name).read_text("utf-8"))


# ---------------------------------------------------------------- the page


def _features(table: pd.DataFrame, geoms: gpd.GeoSeries, cols: list[str],
              fills: list[list[str]], labels: list[str], lang: str,
              radii: list[Any] | None = None) -> list[dict[str, Any]]:
    """GeoJSON features (WGS84) with fills, tooltips and a label point inside each area.

    With ``radii`` (totals), each feature has the radius (px) of its circle on
    either map, drawn at the label point; 0 is no circle.
    """
    inside = inner_points(geoms).to_crs(SETTINGS.crs_wgs84)
    wgs = geoms.to_crs(SETTINGS.crs_wgs84)
    area = geoms.to_crs(SETTINGS.crs_metric).area
    feats = []
    for i, (key, geom) in enumerate(wgs.items()):
        if geom is None or geom.is_empty:
            continue
        name = str(table.at[key, "name"])
        tips = [f"<b>{escape(name)}</b><br>{escape(labels[s])}: "
                f"{escape(format_value(cols[s], table.at[key, cols[s]], lang))}"
                for s in (0, 1)]
        pt = inside.iloc[i]
        feats.append({"type": "Feature", "geometry": geom.__geo_interface__,
                      "properties": {"key": str(key), "name": name,
                                     "fill": [fills[0][i], fills[1][i]], "tip": tips,
                                     "label": [round(pt.y, 6), round(pt.x, 6)],
                                     "area": float(area.iloc[i]),
                                     "radius": ([float(radii[0][i]), float(radii[1][i])]
                                                if radii is not None else [0.0, 0.0]),
                                     "value": [json_value(table.at[key, c]) for c in cols]}})
    # the largest area's label is placed first, so it wins where labels would overlap
    return sorted(feats, key=lambda f: -f["properties"]["area"])


def comparison_html(result: Comparison, region: Region, maps: tuple[str, str] | None = None,
                    multiples: str = "lq", lang: str = "nl", source: str = "",
                    head: HeadToHead | None = None, assets: str = "inline",
                    tiles: str = DEFAULT_TILES) -> str:
    """The comparison page (a complete HTML document) of a :func:`geo.comparison.compare_areas`
    result.

    Parameters
    ----------
    result
        From :func:`geo.comparison.compare_areas` (any level); ``region`` gives the shapes.
    maps
        What the two synchronised maps show: metrics (``total``, ``per_inhabitant``,
        ``per_km2``, ``count``, ``diversity``) or themes (euros; ``lq:THEME`` or
        ``share:THEME``), both of one unit so they share class limits and colours.
        Default: the two largest themes in euros.
    multiples
        ``"lq"`` (fixed classes around 1), ``"eur"`` or ``"share"`` for the small
        multiples, one per theme, all on one scale.
    lang, source
        The page's language and a short description of where the projects came from.
    head
        Optional :func:`geo.comparison.compare_two` result shown first.
    assets
        ``"inline"`` (one self-contained file) or ``"cdn"`` (Leaflet from its CDN).
    tiles
        Base map as for ``transitiekaart build``: ``"osm"`` (default), ``"none"``
        (no tiles, no network request) or an xyzservices provider name.
    """
    from geo.comparison import Comparison, HeadToHead, require_result

    require_result(result, Comparison, "comparison_html")
    if head is not None:
        require_result(head, HeadToHead, "comparison_html")
    check_lang(lang)
    if multiples not in ("lq", "eur", "share"):
        raise UnknownNameError(msg("compare.err_multiples", lang=lang, kind=multiples))
    table = result.table
    maps = maps or _default_maps(result)
    map_themes(maps, lang)
    cols = [_map_spec(m, lang)[0] for m in maps]
    missing = [c for c in cols if c not in table.columns]
    if missing:
        message = msg("compare.err_column", lang=lang, cols=", ".join(missing))
        raise TransitiekaartError(message)
    basemap, origins = _basemap(tiles, lang)
    level = result.level
    geoms = _level_geoms(region, level, table.index)
    pooled = pd.concat([table[cols[0]], table[cols[1]]], ignore_index=True)
    labels = [_map_label(c, lang) for c in cols]
    symbols: dict[str, Any] | None = None
    radii = None
    if is_total(cols[0]):  # totals: one circle scale for both maps, neutral areas
        scale = CircleScale.of(pooled, R_MAX.get(level, R_MAX["subregion"]), R_MIN)
        radii = [scale.radius(table[c]) for c in cols]
        fills = [[NEUTRAL_FILL if pd.notna(v) else NO_DATA for v in table[c]] for c in cols]
        symbols = {"rMax": scale.r_max, "vMax": scale.v_max, "rMin": scale.r_min,
                   "fill": CIRCLE_FILL,
                   "stroke": CIRCLE_STROKE, "opacity": CIRCLE_OPACITY}
        legend = circle_legend_html(scale, cols[0], lang, no_data=bool(pooled.isna().any()),
                                    dots=bool(scale.dots(pooled).any()))
        limits, zero, colours = [], False, []
    else:  # rates: one classification for both maps
        classes = nice_classes(pooled, cols[0], lang)
        fills = [classes.fills(table[c]) for c in cols]
        legend = legend_html(classes, lang)
        limits, zero, colours = list(classes.limits), classes.zero, list(classes.colours)
    data = {"areas": {"type": "FeatureCollection",
                      "features": _features(table, geoms, cols, fills, labels, lang, radii)},
            "columns": cols, "limits": limits, "zero": zero, "colours": colours,
            "symbols": symbols, "tiles": basemap,
            # overlapping NOVEX areas are opaque, so one fill never tints another;
            # under circles the areas are light, so the background shows they are land
            "opacity": 1.0 if level == "novex" else (0.7 if symbols else 0.85),
            "text": {"fullView": msg("compare.full_view", lang=lang),
                     "zoomIn": msg("compare.zoom_in", lang=lang),
                     "zoomOut": msg("compare.zoom_out", lang=lang)}}
    maps_note = msg("compare.maps_note_circles" if symbols else "compare.maps_note", lang=lang)
    title = msg("compare.title", lang=lang, level=level_label(level, lang))
    date_col = column_label("population_date", lang)  # the sortable table shows it
    src = source_text(source, result.has_samples, lang)
    credits = "; ".join(x for x in (src, msg("labels.source_cbs", lang=lang)) if x)
    # the clustering section (Moran's I, the LISA map) comes first, then any hooked section
    extra = [PageSection(Markup(lisa_section(result, geoms, lang)))]
    extra += [section for hook in SECTION_HOOKS
              if (section := hook(result, region, lang)) is not None]
    page = _template().render(
        lang=lang, title=title, leaflet_css=_LEAFLET_CSS, leaflet_js=_LEAFLET_JS,
        colours={"background": BACKGROUND, "stroke": CIRCLE_STROKE,
                 # the legend's fill: 30 % opaque, as in the maps' legend
                 "legend_fill": CIRCLE_FILL + "4d"},
        css=_static("compare.css") + Markup(LISA_CSS),
        lib_js=_static("lib/labels.js"),  # where a map's area names may stand
        js=_static("compare.js"),
        sample=msg("labels.sample_notice", lang=lang) if result.has_samples else "",
        credits=credits,
        # Moran's I is in the clustering section (compare_lisa), not again in the header,
        # which then leaves room for both maps on the first printed page
        facts=[n for n in facts(result, lang, date_col)
               if n != msg("labels.sample_notice", lang=lang)
               and n not in moran_notes(result, lang)],
        head_table=Markup(_head_table(head, lang) if head is not None else ""),
        maps_note=maps_note, legend=Markup(legend), labels=labels,
        multiples=Markup(multiples_html(result, geoms, multiples, lang)),
        extra_sections=extra,
        bars=Markup(bar_chart(result, lang)),
        population_note=population_note(result, lang, date_col),
        sortable_table=Markup(_sortable_table(result, lang)),
        print_tables=Markup(_print_tables(result, lang)),
        definitions=definitions(lang),
        sources=[credits, population_note(result, lang, date_col), novex_note(result, lang)],
        data_json=Markup(js_json(data)),
        text={**{key: msg(f"compare.{key}", lang=lang)
                 for key in ("maps", "wheel_hint", "touch_hint", "multiples", "bars", "table",
                             "sort_hint", "definitions", "sources")},
              "bars_unit": metric_unit("per_inhabitant", lang)})
    from mapbuilder.page import finalise

    return finalise(page, assets=assets, lang=lang, title=f"{title} · transitiekaart",
                    tile_origins=origins)


def write_comparison_page(path: str | Path, result: Comparison, region: Region,
                          **kwargs: Any) -> Path:
    """Write :func:`comparison_html` to ``path`` atomically; return the path."""
    return atomic_write_text(path, comparison_html(result, region, **kwargs))
