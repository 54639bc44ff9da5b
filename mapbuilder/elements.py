"""Folium elements that put data on the map without trusting any text in it.

folium's own Popup and GeoJsonTooltip paste strings into JavaScript template
literals (and Popup needs jQuery). Here every feature's tooltip and popup is
built in Python with :func:`html.escape` on each piece of user text, and the data
reaches the page as JSON in which ``<``, ``>`` and ``&`` are ``\\u`` escapes, so no
string can close the script or inject markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from layers.settings import SETTINGS

__all__ = ["Attribution", "SafeGeoJson", "add_css", "display_geometries", "js_json",
           "land_bounds"]


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def js_json(obj: Any) -> str:
    """JSON safe to place inside a ``<script>`` block of a branca template.

    Besides ``<``, ``>`` and ``&``, the Jinja openers ``{{``, ``{%`` and ``{#`` are
    escaped: branca compiles each rendered script once more as a template, so a
    project name such as ``{{ x }}`` would otherwise be evaluated (or crash).
    Structural JSON never contains these pairs, so they only occur in strings,
    where ``\u007b`` is a valid escape.
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text = _JINJA_OPEN.sub(r"\\u007b", text)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


class SafeGeoJson(MacroElement):
    """A GeoJSON FeatureCollection drawn with Leaflet's ``L.geoJSON``.

    Feature properties read by the page (all optional):
    ``_style`` (Leaflet path options; points become circle markers with them),
    ``_tooltip`` and ``_popup`` (escaped HTML), ``_label``, ``_label_at`` and
    ``_label_dir`` (a permanent label at ``[lat, lon]``, placed to the given side).

    Parameters
    ----------
    data
        FeatureCollection in EPSG:4326.
    kind
        A short name stored on the page (``window.transitiekaart[kind]``), so
        tests and other scripts can find the layer.
    cluster
        Optional folium MarkerCluster: points go into it, shapes into the parent.
    interactive
        False for outlines that must not catch the mouse.
    highlight
        Thicken the outline while the mouse is over a feature.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var data = {{ this.data_js }};
  var target = {{ this._parent.get_name() }};
  var cluster = {{ this.cluster_name }};
  var highlight = {{ this.highlight_js }};
  var layer = L.geoJSON(data, {
    interactive: {{ this.interactive_js }},
    style: function (f) { return f.properties._style || {}; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, f.properties._style || {});
    },
    onEachFeature: function (f, l) {
      var p = f.properties;
      if (p._tooltip) { l.bindTooltip(p._tooltip, {sticky: true, className: "tk-tooltip"}); }
      if (p._popup) { l.bindPopup(p._popup, {maxWidth: 380, className: "tk-popup"}); }
      if (highlight) {
        l.on("mouseover", function (e) { e.target.setStyle({weight: 4}); });
        l.on("mouseout", function (e) { layer.resetStyle(e.target); });
      }
      if (p._label) {
        target.addLayer(L.tooltip({permanent: true, direction: p._label_dir || "center",
                                   className: "tk-label", interactive: false})
          .setLatLng(p._label_at).setContent(p._label));
      }
    }
  });
  if (cluster) {
    var points = [];
    layer.eachLayer(function (l) {
      if (l instanceof L.CircleMarker) { points.push(l); } else { target.addLayer(l); }
    });
    cluster.addLayers(points);
  } else {
    target.addLayer(layer);
  }
  window.transitiekaart = window.transitiekaart || {};
  (window.transitiekaart[{{ this.kind_js }}] = window.transitiekaart[{{ this.kind_js }}] || [])
    .push(layer);
})();
{% endmacro %}
""")

    def __init__(self, data: dict, kind: str, cluster: MacroElement | None = None,
                 interactive: bool = True, highlight: bool = False) -> None:
        super().__init__()
        self._name = "SafeGeoJson"
        self.data = data
        self.kind = kind
        self.data_js = js_json(data)
        self.kind_js = js_json(kind)
        self.cluster_name = cluster.get_name() if cluster is not None else "null"
        self.interactive_js = "true" if interactive else "false"
        self.highlight_js = "true" if highlight else "false"


class Attribution(MacroElement):
    """Add escaped HTML to the map's attribution line."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html_js }});
{% endmacro %}
""")

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.html = html
        self.html_js = js_json(html)


def add_css(fmap: Any, css: str) -> None:
    """Add a ``<style>`` block to the map's page header."""
    fmap.get_root().header.add_child(Element(f"<style>{css}</style>"), name="tk_css")


_DISPLAY_TOLERANCE_M = 1.0  # outlines for display: vertices closer than this to the line go
_DISPLAY_DECIMALS = 5  # about 1 m in lon/lat


def display_geometries(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Geometries for the page (EPSG:4326): simplified by 1 m in RD New, 5 decimals.

    Invisible at any zoom of the map, but a file of precise boundaries (PDOK's
    full-detail municipalities have a vertex every few metres) shrinks several
    times, and so does the page. Figures are always computed on the originals.
    """
    rd = geoms.to_crs(SETTINGS.crs_metric).simplify(_DISPLAY_TOLERANCE_M,
                                                     preserve_topology=True)
    ll = rd.to_crs(SETTINGS.crs_wgs84)
    return gpd.GeoSeries(shapely.transform(ll.values, lambda c: np.round(c, _DISPLAY_DECIMALS)),
                         index=geoms.index, crs=SETTINGS.crs_wgs84)


_THIN_M = 250.0  # land narrower than twice this (a dike, a pier) does not set the opening view


def land_bounds(geoms: gpd.GeoSeries) -> np.ndarray:
    """``[lon0, lat0, lon1, lat1]`` of the land the page opens on.

    The areas less their thin parts (opened by :data:`_THIN_M` in RD New): the
    Houtribdijk, 27 km of Lelystad's dike into the IJsselmeer, would otherwise stretch
    the opening view and leave the MRA a fifth of a phone's screen. The dike is still
    drawn, as part of its municipality.
    """
    rd = geoms.to_crs(SETTINGS.crs_metric)
    land = shapely.union_all(rd.values).buffer(-_THIN_M).buffer(_THIN_M)
    if land.is_empty:  # all thin: the areas as they are
        land = shapely.union_all(rd.values)
    return gpd.GeoSeries([shapely.envelope(land)], crs=rd.crs).to_crs(
        SETTINGS.crs_wgs84).total_bounds
