"""The project layer's data: one compact, columnar payload for any number of projects.

Folium's markers cost a JavaScript object, a DOM node and an HTML popup each; at
100,000 projects that is a page of a hundred megabytes. Here the projects go
to the page as columns (coordinates rounded to 5 decimals, about 1 m, as
integers; theme, status, organisation and municipality as indexes into short
tables), gzip-compressed and base64-encoded into an inert
``<script type="text/plain">`` data block. ``static/points.js`` decodes it in
the browser and draws the projects on one canvas: clustered per theme mix
when zoomed out, one by one when zoomed in. Popups are built there with
``textContent``, so no project text is ever parsed as HTML.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
from importlib import resources
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.themes import THEMES
from mapbuilder.elements import display_geometries
from mapbuilder.i18n import status_label, t

__all__ = ["DATA_ID", "ProjectLayer", "decode_payload", "encode_payload", "points_js",
           "project_payload"]

DATA_ID = "tk-points-data"
_SCALE = 100_000  # 5 decimals of a degree: about 1 m
_STATUSES = ("planned", "ongoing", "completed")
_GZIP_LEVEL = 1  # 4x faster than 6 for 10 % more bytes


def _ints(values: Any) -> np.ndarray:
    """A contiguous int64 array: orjson writes it as a JSON list without Python ints."""
    return np.ascontiguousarray(np.asarray(values).astype(np.int64))


def _texts(values: pd.Series) -> pd.Series:
    """The non-empty strings of ``values`` (object dtype); anything else becomes None."""
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        ok = (values.notna() & values.str.strip().str.len().gt(0)).to_numpy(dtype=bool)
        return values.astype(object).where(ok, None)
    s = values.astype(object)
    ok = s.notna().to_numpy().copy()
    if ok.any():
        sub = s[ok]
        good = np.array([isinstance(v, str) and bool(v.strip()) for v in sub], dtype=bool)
        ok[np.flatnonzero(ok)[~good]] = False
    return s.where(ok, None)


def _codes(values: pd.Series) -> tuple[list[int], list[str]]:
    """Index per value into a table of the distinct non-empty strings (-1 for none)."""
    codes, uniques = pd.factorize(_texts(values), use_na_sentinel=True)
    return _ints(codes), [str(u) for u in uniques]


def _sparse(values: pd.Series, keep: Any = None) -> dict[str, str]:
    """``{row: text}`` for the rows that have a non-empty string (optionally filtered)."""
    s = _texts(values)
    idx = np.flatnonzero(s.notna().to_numpy())
    return {str(i): str(s.iloc[i]) for i in idx if keep is None or keep(s.iloc[i])}


def _is_web_url(url: str) -> bool:
    return url.strip().lower().startswith(("https://", "http://"))


def _labels(lang: str, novex_names: list[str]) -> dict[str, Any]:
    return {
        "themes": [th.label(lang) for th in THEMES],
        "status": [status_label(s, lang) for s in _STATUSES],
        "novex": novex_names,
        "theme": t("theme", lang), "amount": t("amount", lang), "status_h": t("status", lang),
        "start_year": t("start_year", lang), "organisation": t("organisation", lang),
        "municipality": t("municipality", lang), "subregion": t("subregion", lang),
        "novex_h": t("novex_short", lang), "none": t("none", lang),
        "outside": t("outside", lang), "website": t("website", lang),
        "amount_unknown": t("amount_unknown", lang), "sample": t("source_samples", lang),
        "zoom_in": t("points_zoom_in", lang),
        "here": t("points_here", lang), "more": t("points_more", lang),
        "locale": "en-GB" if lang == "en" else "nl-NL",
    }


def project_payload(projects: gpd.GeoDataFrame, novex_codes: list[str],
                    novex_names: list[str], municipalities: pd.DataFrame,
                    lang: str = "nl") -> dict[str, Any]:
    """Columns of the assigned projects (see :func:`geo.combine.assign_areas`) for the page.

    ``municipalities`` has ``name`` and ``subregion`` per municipality in the
    order used for the ``mun`` index. Non-point projects also carry their shape
    (see :func:`mapbuilder.elements.display_geometries`) in ``shapes``.
    """
    projects = projects.loc[projects["point"].notna().to_numpy()]  # area-wide: no spot
    n = len(projects)
    pts = shapely.get_coordinates(projects["point"].values) if n else np.empty((0, 2))
    xy = np.rint(pts * _SCALE).astype(np.int64)
    theme_index = pd.Index([th.code for th in THEMES])
    amount = pd.to_numeric(projects["amount_eur"], errors="coerce").to_numpy(dtype=float)
    eur = np.where(np.isfinite(amount), np.rint(amount), -1).astype(np.int64)
    year = pd.to_numeric(projects["start_year"], errors="coerce").fillna(0)
    status = pd.Index(_STATUSES).get_indexer(projects["status"].astype(object))
    org, org_table = _codes(projects["organisation"])
    mun_names = list(municipalities["name"])
    mun = pd.Index(mun_names).get_indexer(projects["municipality"].astype(object))
    mun = np.where(projects["in_mra"].to_numpy(dtype=bool), mun, -1)
    combos = pd.Series(projects["novex"].to_numpy())
    codes_of, distinct = pd.factorize(combos)
    bits = np.array([sum(1 << novex_codes.index(c) for c in combo if c in novex_codes)
                     for combo in distinct], dtype=np.int64)
    nvx = bits[codes_of] if len(distinct) else np.zeros(n, dtype=np.int64)
    shapes = projects.geometry.notna() & (projects.geometry.geom_type != "Point")
    shape_feats = []
    if shapes.any():
        geo = display_geometries(projects.loc[shapes, "geometry"])
        shape_feats = [{"type": "Feature", "geometry": g.__geo_interface__,
                        "properties": {"i": int(i)}}
                       for i, g in zip(np.flatnonzero(shapes.to_numpy()), geo, strict=True)]
    return {
        "n": n,
        "x": _ints(xy[:, 0]), "y": _ints(xy[:, 1]), "scale": _SCALE,
        "t": _ints(theme_index.get_indexer(projects["theme"].astype(object))),
        "id": projects["id"].astype(str).tolist(),
        "name": projects["name"].astype(str).tolist(),
        "eur": _ints(eur),
        "yr": _ints(year),
        "st": _ints(status),
        "org": org, "orgs": org_table,
        "mun": _ints(mun),
        "muns": mun_names, "subs": [str(s) for s in municipalities["subregion"]],
        "nvx": _ints(nvx),
        "smp": _ints(projects["sample"].astype(bool)),
        "desc": _sparse(projects["description"]),
        "url": _sparse(projects["url"], keep=_is_web_url),
        "shapes": {"type": "FeatureCollection", "features": shape_feats},
        "colours": [th.colour for th in THEMES],
        "codes": [th.code for th in THEMES],
        "labels": _labels(lang, novex_names),
    }


def encode_payload(payload: dict[str, Any]) -> str:
    """JSON, gzip (level 1) and base64: the text of the page's data block.

    Base64 has no ``<``, ``&`` or quote, so the block cannot end early or be
    read as markup, whatever the projects contain.
    """
    raw = orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY)
    return base64.b64encode(gzip.compress(raw, _GZIP_LEVEL, mtime=0)).decode("ascii")


def decode_payload(text: str) -> dict[str, Any]:
    """Inverse of :func:`encode_payload` (for tests and for reading a built map)."""
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


def points_js() -> str:
    """The page script that decodes the payload and draws the project layer."""
    return resources.files("mapbuilder").joinpath("static/points.js").read_text("utf-8")


class ProjectLayer(MacroElement):
    """The project layer on a folium map; see the module docstring.

    The script and the encoded payload are not passed through branca's
    templates (which would copy megabytes and compile them as Jinja); the page
    holds a random token in their place, filled in by
    :func:`mapbuilder.render.page_html` via :meth:`fill`.

    Parameters
    ----------
    payload
        From :func:`project_payload`.
    control
        The folium LayerControl that gets one entry per theme.
    """

    _template = Template("""
{% macro header(this, kwargs) %}<script>{{ this.js_token }}</script>{% endmacro %}
{% macro html(this, kwargs) %}<script type="text/plain" id="{{ this.data_id }}">
{{ this.data_token }}</script>{% endmacro %}
{% macro script(this, kwargs) %}
window.transitiekaart.addPoints({{ this._parent.get_name() }}, {{ this.control }},
                                "{{ this.data_id }}");
{% endmacro %}
""")

    def __init__(self, payload: dict[str, Any], control: MacroElement) -> None:
        super().__init__()
        self._name = "ProjectLayer"
        self.payload = payload
        self.control = control.get_name()
        self.data_id = DATA_ID
        self.js_token = f"tk_js_{secrets.token_hex(16)}"
        self.data_token = f"tk_data_{secrets.token_hex(16)}"

    def fill(self, html: str) -> str:
        """Put the script and the encoded payload in place of their tokens."""
        html = html.replace(self.js_token, points_js().replace("</script", "<\\/script"), 1)
        return html.replace(self.data_token, encode_payload(self.payload), 1)
