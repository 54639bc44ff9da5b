"""The comparison page of ``transitiekaart compare --format html``.

Two synchronised Leaflet maps share one classification (rounded limits, zero
in a class of its own), with area labels, a "full view" button, and a mouse
wheel that scrolls the page until a map is clicked (or Ctrl is held); small
multiples per theme in a balanced grid (:mod:`mapbuilder.compare_charts`); a
sortable table whose first column stays in view and whose numeric columns sort
high to low first; and a bar chart of euros per inhabitant. The layout reflows
from phone to HD, and prints on A4 landscape without controls.

Like the map it is one self-contained file (Leaflet inlined by
:func:`mapbuilder.page.finalise`, with a Content-Security-Policy that admits
only the chosen tile server, or none with ``tiles="none"``); every text is
escaped with :func:`html.escape` and data reach scripts through
:func:`mapbuilder.elements.js_json`.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from geo._errors import TransitiekaartError, UnknownNameError
from geo.settings import SETTINGS
from geo.themes import THEME_CODES, get_theme, normalise_theme
from mapbuilder.compare_charts import (
    LQ_BREAKS,
    LQ_COLOURS,
    NO_DATA,
    bar_chart,
    legend_html,
    nice_classes,
)
from mapbuilder.compare_formats import (
    FORMATS,
    column_label,
    definitions,
    facts,
    format_comparison,
    format_head_to_head,
    format_value,
    json_value,
    level_label,
    mra_row,
    novex_note,
    population_note,
    sections,
    theme_of,
    value_kind,
)
from mapbuilder.compare_multiples import multiples_html
from mapbuilder.compare_symbols import (
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
from mapbuilder.compare_text import ct
from mapbuilder.elements import js_json
from mapbuilder.formatting import format_date
from mapbuilder.i18n import METRICS, check_lang, metric_label, metric_unit, t
from mapbuilder.output import atomic_write_text
from mapbuilder.render import source_text
from mapbuilder.tiles import BACKGROUND, DEFAULT_TILES, NO_TILES

if TYPE_CHECKING:
    from layers.region import Region

__all__ = [
    "FORMATS",
    "LQ_BREAKS",
    "LQ_COLOURS",
    "NO_DATA",
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
        col = "diversity" if text == "diversity" else METRICS[text][4]
        return col, _UNITS[text]
    kind, _, name = text.rpartition(":")
    code = normalise_theme(name)
    if code is not None and kind in ("", "eur", "lq", "share"):
        kind = kind or "eur"
        return f"{kind}_{code}", {"eur": "eur", "lq": "lq", "share": "share"}[kind]
    msg = ct("err_map", lang, spec=spec, metrics=", ".join(_MAP_METRICS),
             themes=", ".join(THEME_CODES))
    raise UnknownNameError(msg)


def map_themes(maps: tuple[str, str], lang: str = "nl") -> list[str]:
    """Validate two map choices (same unit) and return the theme codes they use."""
    specs = [_map_spec(m, lang) for m in maps]
    if specs[0][1] != specs[1][1]:
        msg = ct("err_units", lang, a=maps[0], b=maps[1])
        raise TransitiekaartError(msg)
    return [th[1] for col, _ in specs if (th := theme_of(col))]


def _map_label(col: str, lang: str) -> str:
    for metric, spec in METRICS.items():
        if spec[4] == col:
            return f"{metric_label(metric, lang)} ({metric_unit(metric, lang)})"
    if col == "diversity":
        return t("cmp_diversity", lang)
    th = theme_of(col)
    if th:
        label = get_theme(th[1]).label(lang)
        return {"eur": f"{label} (€)", "lq": f"{label}: {t('cmp_lq', lang)}",
                "share": f"{label}: {t('cmp_share_area', lang)}"}[th[0]]
    return col


def _default_maps(table: pd.DataFrame) -> tuple[str, str]:
    """The two largest themes, in euros.

    A cartographer's choice: the page's first question is where the money of
    the agenda's largest themes lands, and a total answers it. The euros are
    drawn as proportional circles over neutral areas (never as a choropleth, which
    would make large areas look important because they are large); the rates
    (euros per inhabitant in the bar chart, location quotients in the small
    multiples) follow below, so the default maps do not repeat them.
    """
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


def _sortable_table(table: pd.DataFrame, lang: str) -> str:
    cols = _table_columns(table)
    attrs = table.attrs
    head = "".join(_head_cell(column_label(c, lang, attrs), value_kind(c)[0] != "text", c)
                   for c in cols)
    body = "".join(f"<tr data-key='{escape(str(k), quote=True)}'>"
                   + "".join(_cell(c, r[c], lang) for c in cols) + "</tr>"
                   for k, r in table.iterrows())
    foot = ""
    if attrs.get("mra"):
        mra = mra_row(table)
        mra["name"] = t("mra_total", lang)
        mra["population_date"] = attrs["mra"].get("population_date", "")
        mra["subregion"] = ""
        foot = ("<tfoot><tr>" + "".join(_cell(c, mra.get(c), lang) for c in cols)
                + "</tr></tfoot>")
    return (f"<div class='tk-scroll tk-screen'><table class='tk-sortable' id='tk-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>")


def _print_tables(table: pd.DataFrame, lang: str) -> str:
    """The table in blocks narrow enough for A4 landscape (shown only in print)."""
    out = []
    rows = [(str(r["name"]), r) for _, r in table.iterrows()]
    mra = mra_row(table) if table.attrs.get("mra") else None
    for title, cols, short in sections(table, lang):
        if not cols:
            continue
        head = "".join(f"<th>{escape(column_label(c, lang, table.attrs, short))}</th>"
                       for c in cols)
        body = "".join(f"<tr><td>{escape(name)}</td>"
                       + "".join(f"<td class='tk-num'>{escape(format_value(c, r[c], lang))}</td>"
                                 for c in cols) + "</tr>" for name, r in rows)
        if mra is not None:
            body += (f"<tr class='tk-total'><td>{escape(t('mra_total', lang))}</td>"
                     + "".join(f"<td class='tk-num'>{escape(format_value(c, mra[c], lang))}"
                               f"</td>" for c in cols) + "</tr>")
        out.append(f"<table class='tk-print-table'><caption>{escape(title)}</caption>"
                   f"<thead><tr><th>{escape(t('cmp_area', lang))}</th>{head}</tr></thead>"
                   f"<tbody>{body}</tbody></table>")
    return f"<div class='tk-print'>{''.join(out)}</div>"


def _head_table(h2h: pd.DataFrame, lang: str) -> str:
    name_a, name_b = str(h2h.columns[0]), str(h2h.columns[1])
    rows = []
    for k, r in h2h.iterrows():
        label = column_label(str(k), lang, h2h.attrs)
        cells = "".join(
            f"<td class='tk-num' data-v='{'' if pd.isna(v) else repr(float(v))}'>"
            f"{escape(format_value(str(k), v, lang))}</td>" for v in r.iloc[:3])
        rows.append(f"<tr><td data-v='{escape(label, quote=True)}'>{escape(label)}</td>"
                    f"{cells}</tr>")
    head = "".join([
        _head_cell(t("cmp_figure", lang), False), _head_cell(name_a, True),
        _head_cell(name_b, True),
        _head_cell(f"{t('cmp_difference', lang)} ({name_a} − {name_b})", True)])
    return (f"<section id='tk-head-section'>"
            f"<h2>{escape(t('cmp_head_to_head', lang, a=name_a, b=name_b))}</h2>"
            f"<div class='tk-scroll'><table class='tk-sortable' id='tk-head'><thead><tr>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>")


# ---------------------------------------------------------------- style and scripts

_PAGE_CSS = """
*,*::before,*::after{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
margin:0 auto;padding:16px 24px;max-width:1500px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:24px 0 6px}
h3{font-size:14px;margin:4px 0}
.tk-sample{color:#a50026;font-weight:700}
.tk-small{color:#555;font-size:12px;margin:4px 0}
ul.tk-small{padding-left:18px}
.tk-hint-touch{display:none}
@media (pointer:coarse){.tk-hint-touch{display:inline}.tk-hint-mouse{display:none}}
.tk-maps{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px}
.tk-map{height:clamp(320px,58vh,600px);width:100%;border:1px solid #999;
background:__BACKGROUND__}
.tk-map .leaflet-container,.leaflet-container{background:__BACKGROUND__}
.tk-area-label{background:rgba(255,255,255,.82);border:0;box-shadow:none;padding:0 3px;
font:600 11px/1.25 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
white-space:nowrap;pointer-events:none}
.tk-area-label::before{display:none}
.tk-tip{max-width:300px;white-space:normal;font-size:12px;line-height:1.3}
.tk-fullview{background:#fff;border:2px solid rgba(0,0,0,.2);border-radius:4px;
padding:3px 8px;font:12px system-ui,sans-serif;cursor:pointer}
.tk-fullview:focus-visible,.tk-sortable th:focus-visible{outline:2px solid #0b57a4}
.tk-legend{margin:6px 0;font-size:12px}
.tk-legend ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0;padding:0}
.tk-legend li{white-space:nowrap}
.tk-legend i{display:inline-block;width:16px;height:12px;border:1px solid #555;
margin-right:5px;vertical-align:-1px}
.tk-legend-title{font-weight:600;margin:0 0 3px}
.tk-dual-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;
gap:0 24px;margin-bottom:4px}
.tk-dual-head>div:first-child{flex:1 1 24em}
.tk-circle-key{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px}
.tk-circle-notes{flex:1 1 14em;max-width:26em}
.tk-circle-notes p{margin:4px 0 0}
.tk-circles{display:block;overflow:visible;margin-right:12px}
.tk-circles text{font-size:12px;fill:#222}
.tk-dot{display:inline-block;width:5px;height:5px;border-radius:50%;margin:0 6px 1px 0;
background:__FILL__;border:1px solid __STROKE__}
.tk-mwrap{container-type:inline-size;--tk-cols:var(--tk-n,4)}
.tk-multiples{display:grid;grid-template-columns:repeat(var(--tk-cols),minmax(0,1fr));gap:10px}
.tk-ref-list{align-items:center}
.tk-ref-list li{display:flex;align-items:center;gap:6px}
.tk-ref-list .tk-ref{--tk-card:calc((100cqw - (var(--tk-cols) - 1) * 10px) / var(--tk-cols) - 10px);
display:inline-block;width:calc(var(--tk-card) * var(--d));height:calc(var(--tk-card) * var(--d));
border-radius:50%;border:1px solid __STROKE__;background:__FILL__}
.tk-multiple{margin:0;border:1px solid #ddd;padding:4px;min-width:0}
.tk-multiple figcaption{font-size:12px;font-weight:600;min-height:2.6em}
.tk-multiple svg{display:block;width:100%;height:auto}
.tk-multiple path{stroke:#333;stroke-width:.6;fill-rule:evenodd}
.tk-scroll{overflow-x:auto;max-width:100%}
table.tk-sortable{border-collapse:separate;border-spacing:0;font-size:12.5px}
.tk-sortable th,.tk-sortable td{border-bottom:1px solid #ddd;padding:3px 7px;
text-align:left;white-space:nowrap;background:#fff}
.tk-sortable th{cursor:pointer;background:#f3f3f3;vertical-align:bottom}
.tk-sortable th:first-child,.tk-sortable td:first-child{position:sticky;left:0;z-index:1;
box-shadow:inset -1px 0 0 #bbb}
.tk-sortable thead th:first-child{z-index:2;background:#f3f3f3}
.tk-sortable th[aria-sort=ascending]::after{content:" ▲"}
.tk-sortable th[aria-sort=descending]::after{content:" ▼"}
.tk-sortable tfoot td{font-weight:700;border-top:2px solid #555}
.tk-num{text-align:right!important;font-variant-numeric:tabular-nums}
.tk-bars{list-style:none;margin:0;padding:0;max-width:820px}
.tk-bar{display:grid;grid-template-columns:minmax(8em,14em) minmax(0,1fr) 5.5em;gap:8px;
align-items:center;margin:3px 0;font-size:13px}
.tk-bar-name{text-align:right;overflow-wrap:anywhere}
.tk-bar-track{position:relative;height:16px;background:#f4f4f4}
.tk-bar-fill{display:block;height:100%;background:#2c7fb8}
.tk-bar-avg{position:absolute;top:-3px;bottom:-3px;border-left:2px dashed #a50026}
.tk-bar-value{font-variant-numeric:tabular-nums;white-space:nowrap}
.tk-bar-key-line{display:inline-block;height:12px;border-left:2px dashed #a50026;
margin:0 6px -2px 2px}
.tk-print{display:none}
dl dt{font-weight:600}dl dd{margin:0 0 6px 0}
@media (max-width:700px){
body{padding:10px 12px}
h1{font-size:19px}
.tk-maps{grid-template-columns:minmax(0,1fr)}
.tk-map{height:min(62vh,420px)}
.tk-mwrap{--tk-cols:2}
.tk-bar{grid-template-columns:minmax(0,1fr) 4.8em;gap:2px 8px}
.tk-bar-name{grid-column:1/-1;text-align:left}
}
@page{size:A4 landscape;margin:10mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:9pt;padding:0;max-width:none}
h2{font-size:12pt;margin:8px 0 4px}
.leaflet-control-zoom,.leaflet-control-fullview,.tk-hint,.tk-screen{display:none!important}
.tk-maps{grid-template-columns:1fr 1fr}
.tk-map{height:105mm;break-inside:avoid}
#tk-dual,#tk-multiples,#tk-bars,.tk-print-table{break-inside:avoid}
.tk-mwrap{--tk-cols:var(--tk-n,4)}
.tk-print{display:block}
.tk-print-table{border-collapse:collapse;font-size:7.5pt;margin:0 0 6px}
.tk-print-table caption{text-align:left;font-weight:600}
.tk-print-table th,.tk-print-table td{border-bottom:1px solid #ccc;padding:1px 4px;
text-align:left}
.tk-print-table .tk-total td{font-weight:700}
.tk-bar{grid-template-columns:14em minmax(0,1fr) 5.5em}
.tk-bar-name{grid-column:auto;text-align:right}
}
""".replace("__BACKGROUND__", BACKGROUND).replace("__STROKE__", CIRCLE_STROKE).replace(
    "__FILL__", CIRCLE_FILL + "4d")  # the legend's fill: 30 % opaque, as in the maps' legend

_MAPS_JS = """
(function () {
  var D = %s, T = D.text;
  var FullView = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var b = L.DomUtil.create("button", "tk-fullview leaflet-control leaflet-control-fullview");
      b.type = "button"; b.textContent = T.fullView; b.title = T.fullView;
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function () { map.fitBounds(map._tkHome, {animate: false}); });
      return b;
    }
  });
  function hits(b, c) {  // does box b touch circle c?
    var nx = Math.max(b.left, Math.min(c.x, b.right)),
        ny = Math.max(b.top, Math.min(c.y, b.bottom));
    return (c.x - nx) * (c.x - nx) + (c.y - ny) * (c.y - ny) < c.r * c.r;
  }
  function placeLabels(map) {  // largest areas first; a label that would overlap is hidden
    var controls = map.getContainer().querySelectorAll(".leaflet-control");
    var seen = Array.prototype.map.call(controls, function (c) {
      return c.getBoundingClientRect();
    });
    var box = map.getContainer().getBoundingClientRect(), pad = 4;
    var circles = map._tkCircles.map(function (c) {
      var p = map.latLngToContainerPoint(c.layer.getLatLng());
      return {x: box.left + p.x, y: box.top + p.y, r: c.layer.getRadius() + 1.5};
    });
    map._tkLabels.forEach(function (tip) {
      var el = tip.getElement();
      if (!el) { return; }
      el.style.visibility = ""; el.style.marginLeft = "0px"; el.style.marginTop = "0px";
      var r0 = el.getBoundingClientRect();
      // a label with a circle goes below it, else above, right or left of it;
      // without one, on its point
      var R = tip._tkR, gy = R + r0.height / 2 + 3, gx = R + r0.width / 2 + 3;
      var tries = R > 0 ? [[0, gy], [0, -gy], [gx, 0], [-gx, 0]] : [[0, 0]];
      var placed = tries.some(function (off) {
        var r = {left: r0.left + off[0], right: r0.right + off[0], top: r0.top + off[1],
                 bottom: r0.bottom + off[1]};
        var dx = 0, dy = 0;
        // a label that sticks out of the map moves inwards, by at most half its size
        if (r.left < box.left + pad) { dx = box.left + pad - r.left; }
        if (r.right > box.right - pad) { dx = box.right - pad - r.right; }
        if (r.top < box.top + pad) { dy = box.top + pad - r.top; }
        if (r.bottom > box.bottom - pad) { dy = box.bottom - pad - r.bottom; }
        var moved = {left: r.left + dx, right: r.right + dx, top: r.top + dy,
                     bottom: r.bottom + dy};
        var clash = Math.abs(dx) > r0.width / 2 || Math.abs(dy) > r0.height / 2 ||
          seen.some(function (s) {
            return moved.left < s.right && moved.right > s.left && moved.top < s.bottom &&
              moved.bottom > s.top;
          }) || circles.some(function (c) { return hits(moved, c); });
        if (clash) { return false; }
        el.style.marginLeft = (off[0] + dx) + "px"; el.style.marginTop = (off[1] + dy) + "px";
        seen.push(moved);
        return true;
      });
      if (!placed) { el.style.visibility = "hidden"; }
    });
  }
  function cooperative(map) {  // the wheel scrolls the page until the map is clicked (or Ctrl)
    var el = map.getContainer();
    map.on("click", function () { map.scrollWheelZoom.enable(); map.dragging.enable(); });
    el.addEventListener("focus", function () { map.scrollWheelZoom.enable(); });
    el.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    el.addEventListener("wheel", function (e) {
      if (!e.ctrlKey || map.scrollWheelZoom.enabled()) { return; }
      e.preventDefault();
      var at = map.mouseEventToContainerPoint(e);
      map.setZoomAround(at, map.getZoom() + (e.deltaY < 0 ? 0.5 : -0.5), {animate: false});
    }, {passive: false});
  }
  // a touch screen (as the hint says): one finger scrolls the page until a map is tapped;
  // two fingers zoom
  var touch = L.Browser.mobile ||
    !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  function make(id, side) {
    var m = L.map(id, {preferCanvas: true, zoomSnap: 0.25, zoomControl: false,
                       scrollWheelZoom: false, dragging: !touch});
    L.control.zoom({zoomInTitle: T.zoomIn, zoomOutTitle: T.zoomOut}).addTo(m);
    new FullView().addTo(m);
    if (D.tiles) {
      L.tileLayer(D.tiles.url, {attribution: D.tiles.attribution, opacity: D.tiles.opacity,
        maxZoom: D.tiles.maxZoom, subdomains: D.tiles.subdomains || "abc"}).addTo(m);
    }
    var layer = L.geoJSON(D.areas, {
      style: function (f) { return {color: "#333", weight: 1.2, fillOpacity: D.opacity,
                                    fillColor: f.properties.fill[side]}; },
      onEachFeature: function (f, l) {
        l.bindTooltip(f.properties.tip[side], {sticky: true, className: "tk-tip"});
      }
    }).addTo(m);
    m._tkLabels = D.areas.features.map(function (f) {
      var span = document.createElement("span");
      span.textContent = f.properties.name;
      var tip = L.tooltip({permanent: true, direction: "center", className: "tk-area-label",
                           interactive: false, opacity: 1})
        .setLatLng(f.properties.label).setContent(span).addTo(m);
      tip._tkR = f.properties.radius[side];
      return tip;
    });
    m._tkCircles = [];
    m._tkHome = layer.getBounds();
    m.fitBounds(m._tkHome, {animate: false});
    // totals: a circle per area (area proportional to the value, radius in pixels, so it
    // keeps its size at every zoom and the legend stays true); largest first, so a
    // smaller circle is drawn on top of a larger one; zero draws no circle
    var S = D.symbols;
    m._tkCircles = !S ? [] : D.areas.features.filter(function (f) {
      return f.properties.radius[side] > 0;
    }).sort(function (f, g) {
      return g.properties.radius[side] - f.properties.radius[side];
    }).map(function (f) {
      return {key: f.properties.key, value: f.properties.value[side],
              layer: L.circleMarker(f.properties.label, {
                radius: f.properties.radius[side], color: S.stroke, weight: 1,
                fillColor: S.fill, fillOpacity: S.opacity, interactive: false}).addTo(m)};
    });
    m.on("zoomend moveend resize", function () { placeLabels(m); });
    cooperative(m);
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
  function refit() {
    [a, b].forEach(function (m) { m.invalidateSize({animate: false}); });
    a.fitBounds(a._tkHome, {animate: false});
    [a, b].forEach(placeLabels);
  }
  // on paper (A4 landscape, 10 mm margins: 277 mm; two maps 12 px apart, 105 mm high, as
  // the print style says) both maps are sized to their printed box before they are fitted,
  // and each canvas is drawn now and printed as a picture of itself: Chromium prints a
  // canvas drawn during beforeprint as a white sheet, and the screen's size cut the east off
  var PRINT_W = Math.floor((277 * 96 / 25.4 - 12) / 2) - 2;
  var PRINT_H = Math.floor(105 * 96 / 25.4) - 2;
  function forPaper() {
    [a, b].forEach(function (m) {
      var c = m.getContainer();
      c.style.width = PRINT_W + "px"; c.style.height = PRINT_H + "px";
    });
    refit();
    [a, b].forEach(function (m) {
      m.eachLayer(function (l) {
        if (l instanceof L.Canvas && l._map) { l._update(); l._redraw(); }
      });
      m.getPane("mapPane").querySelectorAll("canvas").forEach(function (cv) {
        var img = new Image();
        img.src = cv.toDataURL("image/png");
        img.className = "tk-print-img";
        img.alt = "";
        img.style.cssText = cv.style.cssText + ";position:absolute;left:0;top:0;z-index:100";
        cv.parentNode.insertBefore(img, cv);
        cv.style.display = "none";
      });
    });
  }
  function forScreen() {
    [a, b].forEach(function (m) {
      var c = m.getContainer();
      c.querySelectorAll("img.tk-print-img").forEach(function (i) { i.remove(); });
      c.querySelectorAll(".leaflet-map-pane canvas").forEach(function (cv) {
        cv.style.display = "";
      });
      c.style.width = ""; c.style.height = "";
    });
    refit();
  }
  window.addEventListener("load", refit);
  window.addEventListener("beforeprint", forPaper);
  window.addEventListener("afterprint", forScreen);
  placeLabels(a); placeLabels(b);
  window.transitiekaart = {maps: [a, b], data: D};
})();
"""

_SORT_JS = """
document.querySelectorAll("table.tk-sortable").forEach(function (tbl) {
  var heads = tbl.tHead.rows[0].cells;
  function value(row, i) {
    var c = row.cells[i];
    if (!c) { return ""; }
    return c.dataset.v !== undefined ? c.dataset.v : c.textContent;
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var numeric = th.dataset.type === "n";
    function sort() {
      var now = th.getAttribute("aria-sort"), desc;
      if (now === "ascending") { desc = true; }
      else if (now === "descending") { desc = false; }
      else { desc = numeric; }  // numbers: high to low first; text: A to Z first
      var body = tbl.tBodies[0];
      Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", desc ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (r1, r2) {
        var a = value(r1, i), b = value(r2, i);
        if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
        var c = numeric ? parseFloat(a) - parseFloat(b) : String(a).localeCompare(String(b),
          document.documentElement.lang);
        return desc ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
    });
  });
});
"""


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


def comparison_html(table: pd.DataFrame, region: Region, maps: tuple[str, str] | None = None,
                    multiples: str = "lq", lang: str = "nl", source: str = "",
                    head: pd.DataFrame | None = None, assets: str = "inline",
                    tiles: str = DEFAULT_TILES) -> str:
    """The comparison page (a complete HTML document) for a :func:`geo.comparison.compare` table.

    Parameters
    ----------
    table
        From :func:`geo.comparison.compare` (any level); ``region`` gives the shapes.
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
        Optional :func:`geo.comparison.head_to_head` table shown first.
    assets
        ``"inline"`` (one self-contained file) or ``"cdn"`` (Leaflet from its CDN).
    tiles
        Base map as for ``transitiekaart build``: ``"osm"`` (default), ``"none"``
        (no tiles, no network request) or an xyzservices provider name.
    """
    check_lang(lang)
    if multiples not in ("lq", "eur", "share"):
        msg = ct("err_multiples", lang, kind=multiples)
        raise UnknownNameError(msg)
    maps = maps or _default_maps(table)
    map_themes(maps, lang)
    cols = [_map_spec(m, lang)[0] for m in maps]
    missing = [c for c in cols if c not in table.columns]
    if missing:
        msg = ct("err_column", lang, cols=", ".join(missing))
        raise TransitiekaartError(msg)
    basemap, origins = _basemap(tiles, lang)
    level = str(table.attrs.get("level", "subregion"))
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
            "text": {"fullView": ct("full_view", lang), "zoomIn": ct("zoom_in", lang),
                     "zoomOut": ct("zoom_out", lang)}}
    maps_note = ct("maps_note_circles", lang) if symbols else t("cmp_maps_note", lang)
    attrs = table.attrs
    title = t("cmp_title", lang, level=level_label(level, lang))
    sample = (f"<p class='tk-sample'>{escape(t('sample_notice', lang))}</p>"
              if attrs.get("has_samples") else "")
    defs = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in definitions(lang))
    date_col = column_label("population_date", lang)  # the sortable table shows it
    fact_items = "".join(f"<li>{escape(n)}</li>" for n in facts(attrs, lang, date_col)
                         if n != t("sample_notice", lang))
    src = source_text(source, bool(attrs.get("has_samples")), lang)
    credits = "; ".join(x for x in (src, t("source_cbs", lang)) if x)
    head_html = _head_table(head, lang) if head is not None else ""
    sources = "".join(f"<li>{escape(x)}</li>" for x in (
        credits, population_note(attrs, lang, date_col), novex_note(attrs, lang)))
    body = f"""<header><h1>{escape(title)}</h1>{sample}
<p class='tk-small'>{escape(credits)}</p>
<ul class='tk-small'>{fact_items}</ul>
</header>
{head_html}
<section id="tk-dual"><h2>{escape(t('cmp_maps', lang))}</h2>
<div class="tk-dual-head"><div><p class="tk-small">{escape(maps_note)}</p>
<p class="tk-small tk-hint"><span class="tk-hint-mouse">{escape(ct('wheel_hint', lang))}</span>\
<span class="tk-hint-touch">{escape(ct('touch_hint', lang))}</span></p></div>
{legend}</div>
<div class="tk-maps"><div><h3>{escape(labels[0])}</h3>
<div id="tk-map-left" class="tk-map" tabindex="0"></div></div>
<div><h3>{escape(labels[1])}</h3><div id="tk-map-right" class="tk-map" tabindex="0"></div></div>
</div></section>
<section id="tk-multiples"><h2>{escape(t('cmp_multiples', lang))}</h2>
{multiples_html(table, geoms, multiples, lang)}</section>
<section id="tk-bars">
<h2>{escape(t('cmp_bars', lang))} ({escape(metric_unit('per_inhabitant', lang))})</h2>
{bar_chart(table, lang)}
<p class="tk-small">{escape(population_note(attrs, lang, date_col))}</p></section>
<section id="tk-table-section"><h2>{escape(ct('table', lang))}</h2>
<p class="tk-small tk-screen">{escape(ct('sort_hint', lang))}</p>
{_sortable_table(table, lang)}{_print_tables(table, lang)}</section>
<section id="tk-definitions"><h2>{escape(t('cmp_definitions', lang))}</h2>
<dl>{defs}</dl></section>
<footer id="tk-sources"><h2>{escape(ct('sources', lang))}</h2>
<ul class="tk-small">{sources}</ul></footer>"""
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

    return finalise(page, assets=assets, lang=lang, title=f"{title} · transitiekaart",
                    tile_origins=origins)


def write_comparison_page(path: str | Path, table: pd.DataFrame, region: Region,
                          **kwargs: Any) -> Path:
    """Write :func:`comparison_html` to ``path`` atomically; return the path."""
    return atomic_write_text(path, comparison_html(table, region, **kwargs))
