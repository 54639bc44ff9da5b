"""The project layer's data: one compact, columnar payload for any number of projects.

Folium's markers cost a JavaScript object, a DOM node and an HTML popup each; at
100,000 projects that is a page of a hundred megabytes. Here the projects go
to the page as columns (coordinates rounded to 7 decimals, as integers: the
decimals of ``transitiekaart list --format csv``, so that the page's CSV export
writes the register's coordinates exactly; theme, status, organisation,
municipality, subregion, NOVEX areas and H3 cell as indexes into short tables,
all computed here so that the page never does geometry), gzip-compressed and
base64-encoded into an inert ``<script type="text/plain">`` data block. The
columns of whole numbers travel as little-endian binary, in the typed array the
page keeps them in (:data:`BINARY_COLUMNS`), ahead of the JSON of the rest: the
page neither parses nor converts them (:func:`encode_payload` gives the layout).
``static/points.js`` decodes it in the browser and draws the selection on one
canvas: as proportional symbols per area when zoomed out, one by one when zoomed
in. Popups are built there with ``textContent``, so no project text is ever parsed as HTML.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import struct
import threading
import zlib
from importlib import resources
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.io import IDS_DERIVED
from geo.precompute import place_codes, project_cells
from geo.themes import THEMES
from layers.messages import msg, template
from mapbuilder.elements import display_geometries
from mapbuilder.i18n import STATUS, status_label
from mapbuilder.register_export import COORD_DECIMALS

__all__ = ["BINARY_COLUMNS", "DATA_ID", "LATER_JSON", "PayloadEncoder", "ProjectLayer",
           "decode_payload", "encode_payload", "payload_points", "points_js", "project_payload"]

DATA_ID = "tk-points-data"
_SCALE = 10**COORD_DECIMALS  # 7 decimals of a degree, as the register's csv export
_SAMPLE_DESC_NL = "Fictief voorbeeldproject"
_GZIP_LEVEL = 1  # 4x faster than 6 for 10 % more bytes
BINARY_COLUMNS = {"x": ("i4",), "y": ("i4",), "t": ("i1",), "eur": ("i4", "f8"), "yr": ("i2",),
                  "st": ("i1", "i2"), "org": ("i2", "i4"), "mun": ("i1", "i2"),
                  "sub": ("i1", "i2"),
                  "inm": ("i1",), "pl": ("i1",), "hx": ("i2", "i4"), "nvx": ("i1", "i2", "i4"),
                  "smp": ("i1",)}
"""The payload's columns that travel as binary: key -> the little-endian numpy types it may
travel as, the typed arrays the page keeps it in (``TK.compact`` in static/filter.js makes
the last of them from a JSON list). A column goes as binary when it is a numpy array of
whole numbers, in the first of its types that holds each value exactly (``f8``: up to
2**53); else as JSON, as every other key."""
LATER_JSON = ("name",)
"""The payload's lists that travel as JSON of their own beside the binary columns (type
code ``json``): the page parses one when it is first read, not before the first drawing."""
_MAGIC = b"TKB1"  # a payload with binary columns (else the whole stream is JSON)
_ALIGN = 8
_EXACT_F8 = 2**53


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


def _factorize_texts(values: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """``pd.factorize(_texts(values))``, testing each distinct value once instead of each row."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    good = _texts(pd.Series(uniques, dtype=values.dtype)).notna().to_numpy(dtype=bool)
    if good.all():
        return codes, list(uniques)
    renumber = np.full(len(uniques) + 1, -1, dtype=codes.dtype)  # the last: for -1
    renumber[np.flatnonzero(good)] = np.arange(int(good.sum()), dtype=codes.dtype)
    return renumber[codes], [u for u, g in zip(uniques, good, strict=True) if g]


def _codes(values: pd.Series) -> tuple[list[int], list[str]]:
    """Index per value into a table of the distinct non-empty strings (-1 for none)."""
    codes, uniques = _factorize_texts(values)
    return _ints(codes), [str(u) for u in uniques]


def _sparse(values: pd.Series, keep: Any = None) -> dict[str, str]:
    """``{row: text}`` for the rows that have a non-empty string (optionally filtered)."""
    s = _texts(values)
    idx = np.flatnonzero(s.notna().to_numpy())
    return {str(i): str(s.iloc[i]) for i in idx if keep is None or keep(s.iloc[i])}


def _is_web_url(url: str) -> bool:
    return url.strip().lower().startswith(("https://", "http://"))


def _labels(lang: str, novex_names: list[str], statuses: list[str]) -> dict[str, Any]:
    return {
        "themes": [th.label(lang) for th in THEMES],
        "status": [status_label(s, lang) for s in statuses],
        "novex": novex_names,
        **{name: msg(f"labels.{key}", lang=lang) for name, key in _LABEL_KEYS.items()},
        # filled in by the page's script
        "here": template("labels.points_here", lang), "more": template("labels.points_more", lang),
    }


# the pop-ups' labels: name in the page -> message labels.<key>
_LABEL_KEYS = {"theme": "theme", "amount": "amount", "status_h": "status",
               "start_year": "start_year", "organisation": "organisation",
               "municipality": "municipality", "subregion": "subregion", "novex_h": "novex_short",
               "none": "none", "outside": "outside", "website": "website",
               "amount_unknown": "amount_unknown", "sample": "source_samples"}


def _lonlat(projects: gpd.GeoDataFrame) -> np.ndarray:
    """``[lon, lat]`` of each project's point; NaN where it has none (vectorised)."""
    pts = projects["point"].to_numpy(dtype=object)
    out = np.full((len(pts), 2), np.nan)
    if len(pts):
        ok = ~(shapely.is_missing(pts) | shapely.is_empty(pts))
        if ok.any():
            out[ok] = shapely.get_coordinates(pts[ok])
    return out


def project_payload(projects: gpd.GeoDataFrame, novex_codes: list[str],
                    novex_names: list[str], municipalities: pd.DataFrame,
                    lang: str = "nl", subregions: list[str] | None = None,
                    mun_labels: np.ndarray | None = None) -> dict[str, Any]:
    """Columns of the assigned projects (see :func:`geo.combine.assign_areas`) for the page.

    ``municipalities`` has ``code`` (optional), ``name`` and ``subregion`` per
    municipality in the order of the ``mun`` index; ``subregions`` the names in
    the order of the ``sub`` index (default: as they first occur in
    ``municipalities``). Each project gets, precomputed here so that the page
    only filters and sums: ``mun`` and ``sub`` (area indexes, -1 for none;
    independent of each other), ``inm`` (1 inside the MRA), ``nvx`` (a bit per
    NOVEX area), ``pl`` (index into :data:`geo.precompute.PLACES`) and ``hx``
    (index of its H3 cell into ``cells``, -1 for none). A project known only by
    municipality is drawn at ``mun_labels`` (``[lat, lon]``) of its
    municipality; area-wide ones (``pl`` 2 and 3) are not drawn. Non-point
    projects also carry their shape (see
    :func:`mapbuilder.elements.display_geometries`) in ``shapes``.
    """
    n = len(projects)
    place = place_codes(projects)
    lonlat = _lonlat(projects) if n else np.empty((0, 2))
    in_mra = projects["in_mra"].to_numpy(dtype=bool) if n else np.zeros(0, dtype=bool)
    mun_names = list(municipalities["name"])
    if "code" in municipalities.columns and "municipality_code" in projects.columns:
        mun = pd.Index(list(municipalities["code"])).get_indexer(
            projects["municipality_code"].astype(object))
    else:
        mun = pd.Index(mun_names).get_indexer(projects["municipality"].astype(object))
    mun = np.where(in_mra, mun, -1)
    sub_names = subregions if subregions is not None else list(
        dict.fromkeys(str(s) for s in municipalities["subregion"]))
    sub = pd.Index(sub_names).get_indexer(projects["subregion"].astype(object))
    sub = np.where(in_mra, sub, -1)
    if mun_labels is not None:  # known by municipality only: at its label point
        at_mun = (place == 1) & (mun >= 0)
        # rounded as the page's areas carry them (render.py "at"): drawn exactly there
        lonlat[at_mun] = np.round(np.asarray(mun_labels), 5)[mun[at_mun]][:, ::-1]
    drawn = (place <= 1) & np.isfinite(lonlat).all(axis=1)
    lonlat[~drawn] = 0.0
    xy = np.rint(lonlat * _SCALE).astype(np.int64)
    hx, cells = project_cells(lonlat[:, 0], lonlat[:, 1], drawn & in_mra & (place == 0))
    theme_index = pd.Index([th.code for th in THEMES])
    amount = pd.to_numeric(projects["amount_eur"], errors="coerce").to_numpy(dtype=float)
    eur = np.where(np.isfinite(amount), np.rint(amount), -1).astype(np.int64)
    year = pd.to_numeric(projects["start_year"], errors="coerce").fillna(0)
    # status: known codes first, then any other text as written (lower case)
    st_codes, st_uniques = _factorize_texts(projects["status"])
    st_norm = [str(u).strip().lower() for u in st_uniques]
    status_table = list(STATUS) + sorted(set(st_norm) - set(STATUS))
    st_index = pd.Index(status_table).get_indexer(st_norm) if st_norm else np.zeros(0, int)
    status = np.where(st_codes >= 0, st_index[np.maximum(st_codes, 0)] if len(st_index)
                      else -1, -1)
    org, org_table = _codes(projects["organisation"])
    combos = pd.Series(projects["novex"].to_numpy())
    codes_of, distinct = pd.factorize(combos)
    bits = np.array([sum(1 << novex_codes.index(c) for c in combo if c in novex_codes)
                     for combo in distinct], dtype=np.int64)
    nvx = bits[codes_of] if len(distinct) else np.zeros(n, dtype=np.int64)
    # a shape of its own: present, not a point (type id -1: missing, 0: point)
    shapes = (shapely.get_type_id(projects.geometry.values) > 0) & (place == 0)
    shape_feats = []
    if shapes.any():
        geo = display_geometries(projects.loc[shapes, "geometry"])
        shape_feats = [{"type": "Feature", "geometry": g.__geo_interface__,
                        "properties": {"i": int(i)}}
                       for i, g in zip(np.flatnonzero(shapes), geo, strict=True)]
    # ids the validator derived for a file without any are not shipped (a megabyte per
    # 100,000 projects): the page searches, lists and exports without them, and
    # `transitiekaart add` derives the same ones again from what the export holds
    ids = None if projects.attrs.get(IDS_DERIVED) else projects["id"].astype(str).tolist()
    sample = projects["sample"].astype(bool)
    desc = projects["description"]
    if lang == "en":  # the built-in samples describe themselves in Dutch
        desc = desc.where(~(sample & desc.astype(str).str.startswith(_SAMPLE_DESC_NL)), None)
    return {
        "n": n,
        **_export_extras(projects, shapes, amount, st_codes, st_uniques, status_table),
        "x": _ints(xy[:, 0]), "y": _ints(xy[:, 1]), "scale": _SCALE,
        "t": _ints(theme_index.get_indexer(projects["theme"].astype(object))),
        "id": ids,
        "name": projects["name"].astype(str).tolist(),
        "eur": _ints(eur),
        "yr": _ints(year),
        "st": _ints(status), "sts": status_table,
        "org": org, "orgs": org_table,
        "mun": _ints(mun), "sub": _ints(sub), "inm": _ints(in_mra), "pl": _ints(place),
        "hx": _ints(hx), "cells": cells,
        "nvx": _ints(nvx),
        "smp": _ints(sample),
        "desc": _sparse(desc),
        "url": _sparse(projects["url"], keep=_is_web_url),
        "shapes": {"type": "FeatureCollection", "features": shape_feats},
        "colours": [th.colour for th in THEMES],
        "codes": [th.code for th in THEMES],
        "labels": _labels(lang, novex_names, status_table),
    }


def _export_extras(projects: gpd.GeoDataFrame, shapes: np.ndarray, amount: np.ndarray,
                   st_codes: np.ndarray, st_uniques: Any,
                   status_table: list[str]) -> dict[str, Any]:
    """What the CSV export (``lib/csv.js`` ``register``) needs beyond the columns the page
    filters on, to write what ``transitiekaart list --format csv`` writes: sparse, by row.

    ``eurx``: amounts that are not whole euros (``eur`` holds them rounded); ``stw``: a
    status as the register writes it where that is not its label (``sts`` is lower case,
    to filter on); ``xp``: ``[lon, lat]`` of a shape's point as the list export has it
    (a point inside the shape, in lon/lat; the page draws it at another point inside it).
    """
    frac = np.isfinite(amount) & (amount != np.rint(amount))
    eurx = {str(i): float(amount[i]) for i in np.flatnonzero(frac)}
    # per distinct written status: its row in the status table (codes first, then lower case)
    raw = [str(u) for u in st_uniques]
    table_of = pd.Index(status_table).get_indexer(pd.Index([r.strip().lower() for r in raw]))
    keep = np.array([k >= len(STATUS) and r != status_table[k]
                     for r, k in zip(raw, table_of, strict=True)], dtype=bool)
    rows = np.flatnonzero(st_codes >= 0)
    rows = rows[keep[st_codes[rows]]] if keep.any() else rows[:0]
    stw = {str(i): raw[st_codes[i]] for i in rows}
    xp: dict[str, list[float]] = {}
    if shapes.any():
        from mapbuilder.register_export import register_table

        idx = np.flatnonzero(shapes)
        table = register_table(projects.iloc[idx])
        xp = {str(i): [float(x), float(y)]
              for i, x, y in zip(idx, table["lon"], table["lat"], strict=True)}
    return {"eurx": eurx, "stw": stw, "xp": xp}


def _gzip() -> Any:
    """A gzip stream (level 1, no name, mtime 0) for :func:`encode_payload`."""
    return zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)


def _dumps(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY)


def _binary(key: str, value: Any) -> str | None:
    """The type code ``value`` travels as under ``key`` (:data:`BINARY_COLUMNS`,
    :data:`LATER_JSON`), or None (in the JSON of the other keys)."""
    if key in LATER_JSON:
        return "json" if isinstance(value, list) else None
    codes = BINARY_COLUMNS.get(key)
    if codes is None or not isinstance(value, np.ndarray) or value.ndim != 1 \
            or value.dtype.kind not in "iu":
        return None
    lo, hi = (int(value.min()), int(value.max())) if len(value) else (0, 0)
    for code in codes:
        if code == "f8":
            if -_EXACT_F8 <= lo and hi <= _EXACT_F8:
                return code
            continue
        info = np.iinfo(np.dtype(code))
        if info.min <= lo and hi <= info.max:
            return code
    return None


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % _ALIGN)


def _split(payload: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """The binary part of ``payload`` (see :func:`encode_payload`; empty without binary
    columns) and the keys that go as JSON."""
    cols = [(k, code) for k, v in payload.items() if (code := _binary(k, v)) is not None]
    if not cols:
        return b"", payload
    blocks = [_dumps(payload[k]) if code == "json"
              else payload[k].astype(np.dtype(code).newbyteorder("<")).tobytes()
              for k, code in cols]
    head = json.dumps({"cols": [[k, code, len(block) if code == "json" else len(payload[k])]
                                for (k, code), block in zip(cols, blocks, strict=True)]},
                      separators=(",", ":")).encode("ascii")
    head += b" " * (-(len(_MAGIC) + 4 + len(head)) % _ALIGN)
    parts = [_MAGIC, struct.pack("<I", len(head)), head, *map(_pad, blocks)]
    binary = {k for k, _ in cols}
    return b"".join(parts), {k: v for k, v in payload.items() if k not in binary}


def encode_payload(payload: dict[str, Any]) -> str:
    """The text of the page's data block: base64 of gzip (level 1) of the payload.

    Without binary columns (:data:`BINARY_COLUMNS`) the payload is one JSON object.
    With them it is ``TKB1``, the length of a JSON head (4 bytes, little-endian), the
    head (``{"cols": [[key, type code, length], ...]}``, padded with spaces to a
    multiple of 8 bytes), each column's values (little-endian; for the type code
    ``json`` of :data:`LATER_JSON` its JSON, the length in bytes), each padded with
    zeros to a multiple of 8 bytes, and then the JSON object of the other keys. Base64 has
    no ``<``, ``&`` or quote, so the block cannot end early or be read as markup,
    whatever the projects contain.
    """
    binary, rest = _split(payload)
    gz = _gzip()
    body = gz.compress(binary) + gz.compress(_dumps(rest)) + gz.flush()
    return base64.b64encode(body).decode("ascii")


class PayloadEncoder:
    """:func:`encode_payload` begun in a background thread while the page is still drawn.

    Started on the projects' columns (the bulk of the payload) as soon as they
    are final; :meth:`finish` adds the keys set since (the page's areas,
    labels, ...) to the same JSON object and gzip stream, giving exactly the
    text :func:`encode_payload` gives for the whole payload. The values it
    started with must not change; one that was replaced since (another
    object), or a binary column added since, makes :meth:`finish` encode the
    whole payload again. zlib runs without holding the GIL, beside the rest of
    the rendering.
    """

    def __init__(self, payload: dict[str, Any]) -> None:
        self._start = dict(payload)
        self._out: list[Any] = []
        self._thread = threading.Thread(target=self._work, name="transitiekaart-payload",
                                        daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            binary, rest = _split(self._start)
            gz = _gzip()
            head = gz.compress(binary)
            raw = _dumps(rest)  # b"{...}": all but the closing brace goes in now
            self._out.append((gz, head + gz.compress(raw[:-1]), len(raw) > 2))
        except BaseException as exc:  # the whole payload is encoded again in finish
            self._out.append(exc)

    def finish(self, payload: dict[str, Any]) -> str:
        """The encoded ``payload`` (the one this encoder was started on, now complete)."""
        self._thread.join()
        done = self._out[0]
        added = {k: v for k, v in payload.items() if k not in self._start}
        if isinstance(done, BaseException) or any(
                k not in payload or payload[k] is not v for k, v in self._start.items()) \
                or any(_binary(k, v) is not None for k, v in added.items()):
            return encode_payload(payload)
        gz, head, has_keys = done
        tail = _dumps(added)[1:] if added else b"}"  # b'"k":...}'
        body = head + gz.compress(b"," + tail if added and has_keys else tail) + gz.flush()
        return base64.b64encode(body).decode("ascii")

    def __deepcopy__(self, memo: dict[int, Any]) -> None:
        """A copied map encodes its own payload when its page is made (same text)."""
        return None


def decode_payload(text: str) -> dict[str, Any]:
    """Inverse of :func:`encode_payload` (for tests and for reading a built map); binary
    columns come back as lists of ints, as their JSON would."""
    raw = gzip.decompress(base64.b64decode(text))
    if not raw.startswith(_MAGIC):
        return json.loads(raw.decode("utf-8"))
    (size,) = struct.unpack_from("<I", raw, len(_MAGIC))
    at = len(_MAGIC) + 4
    cols = json.loads(raw[at:at + size].decode("ascii"))["cols"]
    at += size
    out: dict[str, Any] = {}
    for key, code, n in cols:
        if code == "json":  # n: its bytes
            out[key], size = json.loads(raw[at:at + n].decode("utf-8")), n
        else:
            dtype = np.dtype(code).newbyteorder("<")
            out[key] = np.frombuffer(raw, dtype=dtype, count=n, offset=at).astype(
                np.int64).tolist()
            size = n * dtype.itemsize
        at += size + (-size % _ALIGN)
    return {**json.loads(raw[at:].decode("utf-8")), **out}


# The page's DOM modules, in load order. Before them come the pure modules of static/lib/
# (sorted by name; they depend on nothing), which the DOM modules read as TK.lib.<name>.
_SCRIPTS = ("points.js", "filter.js", "panels.js", "areas.js", "list.js", "hotspots.js",
            "keys.js", "drawn.js", "print.js", "inputs.js", "empty.js", "strip.js",
            "withfile.js", "check.js")


def _lib_scripts() -> list[str]:
    folder = resources.files("mapbuilder").joinpath("static", "lib")
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".js"))


def without_comments(source: str, name: str = "script") -> str:
    """A module's source with its comment lines left empty: lines that are a ``//``
    comment and block comments that start a line. The code and its line numbers stay as
    written (a page's error names the line the module has in the repository, counted from
    the module's first line); comments are a fifth of the page's script. The modules hold
    no template literals, so a line cannot start inside a string; a block comment opened
    after code and closed on a later line is refused (it could not be told apart)."""
    out, block = [], False
    for line in source.split("\n"):
        text = line.strip()
        if block:
            out.append("")
            if "*/" in text:
                if not text.endswith("*/"):
                    msg = f"{name}: code after a block comment's end: {line!r}"
                    raise ValueError(msg)
                block = False
            continue
        if text.startswith("//"):
            out.append("")
        elif text.startswith("/*"):
            out.append("" if "*/" not in text or text.endswith("*/") else line)
            block = "*/" not in text
        else:
            if "`" in line or ("/*" in line and "*/" not in line[line.index("/*"):]):
                msg = f"{name}: a template literal or an open block comment after code: {line!r}"
                raise ValueError(msg)
            out.append(line)
    return "\n".join(out)


def points_js(lang: str | None = None) -> str:
    """The page's script: the pure lib modules, the check's rules (with ``lang``: in that
    language only), then the project layer, filters and panels, each without its comment
    lines (:func:`without_comments`)."""
    folder = resources.files("mapbuilder").joinpath("static")
    lib = [without_comments(folder.joinpath("lib", name).read_text("utf-8"), name)
           for name in _lib_scripts()]
    from mapbuilder.mappage.check_rules import check_rules_js

    return "\n".join(lib + [check_rules_js(lang)]
                     + [without_comments(folder.joinpath(name).read_text("utf-8"), name)
                        for name in _SCRIPTS])


def payload_points(payload: dict[str, Any]) -> np.ndarray:
    """``[lon, lat]`` of the projects the page draws as dots (from a payload)."""
    x = np.asarray(payload["x"], dtype=float) / payload["scale"]
    y = np.asarray(payload["y"], dtype=float) / payload["scale"]
    drawn = np.asarray(payload["pl"]) <= 1
    return np.column_stack([x[drawn], y[drawn]]) if len(x) else np.empty((0, 2))


class ProjectLayer(MacroElement):
    """The page's data and scripts on a folium map; see the module docstring.

    The script and the encoded payload are not passed through branca's
    templates (which would copy megabytes and compile them as Jinja); the page
    holds a random token in their place, filled in by
    :func:`mapbuilder.mappage.render.page_html` via :meth:`fill`. The payload may be
    encoded in a background thread (:meth:`start_encoding`) while the rest of
    the page is rendered; zlib runs there without holding the GIL.

    Parameters
    ----------
    payload
        From :func:`project_payload`, with the page's areas and labels added.
    groups
        Folium feature groups the page's layer switches turn on and off, by key.
    """

    _template = Template("""
{% macro header(this, kwargs) %}<script>{{ this.js_token }}</script>{% endmacro %}
{% macro html(this, kwargs) %}<script type="text/plain" id="{{ this.data_id }}">
{{ this.data_token }}</script>{% endmacro %}
{% macro script(this, kwargs) %}
window.transitiekaart.start({{ this._parent.get_name() }}, {{ this.groups_js }},
                            "{{ this.data_id }}");
{% endmacro %}
""")

    def __init__(self, payload: dict[str, Any], groups: dict[str, MacroElement],
                 encoder: PayloadEncoder | None = None) -> None:
        super().__init__()
        self._name = "ProjectLayer"
        self.payload = payload
        self.groups_js = "{" + ", ".join(f'"{k}": {g.get_name()}' for k, g in groups.items()) + "}"
        self.data_id = DATA_ID
        self.js_token = f"tk_js_{secrets.token_hex(16)}"
        self.data_token = f"tk_data_{secrets.token_hex(16)}"
        self._encoder = encoder  # begun on this payload's columns (render_analysis)

    def start_encoding(self) -> None:
        """Encode the payload in a background thread, unless that has begun already;
        :meth:`fill_data` takes the result. The payload's values must not be replaced
        until then (see :class:`PayloadEncoder`)."""
        if self._encoder is None:
            self._encoder = PayloadEncoder(self.payload)

    def _encoded(self) -> str:
        if self._encoder is None:
            return encode_payload(self.payload)
        encoder, self._encoder = self._encoder, None
        return encoder.finish(self.payload)

    def fill(self, html: str, data: bool = True) -> str:
        """Put the script and (unless not ``data``) the encoded payload in place of their tokens."""
        script = points_js(self.payload.get("lang", "nl"))
        html = html.replace(self.js_token, script.replace("</script", "<\\/script"), 1)
        return self.fill_data(html) if data else html

    def fill_data(self, html: str) -> str:
        """Put the encoded payload in place of its token.

        The data block is inert text (base64, no ``<``), so a page may be
        finished (:func:`mapbuilder.page.finalise`) before this, with the same result.
        """
        return html.replace(self.data_token, self._encoded(), 1)
