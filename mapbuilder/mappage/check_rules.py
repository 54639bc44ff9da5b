"""The rule data of the page's own file check, generated from ``geo`` (never typed twice).

The page's "Bestand controleren" (static/check.js, static/lib/check_core.js) reads a
partner's CSV or GeoJSON in the browser. Everything that is data rather than an
algorithm comes from here: the column names (with their Shapefile cuts), the
coordinate headers, the theme vocabulary, the status words, the MRA outline and
the texts of the messages the page reproduces, made by the very functions
``transitiekaart validate`` uses, in both languages. Where the page meets a case
these rules do not cover, it says the check is incomplete and names the command
(never a false "OK").
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import shapely

from geo import themes
from geo.validate import amounts, fields, locations, status, tables
from geo.validate.fields import derived_id_notes
from geo.validate.places import mra_union
from geo.validate.reading import bom_note
from layers.lang import use_lang
from layers.settings import SETTINGS

__all__ = ["ID_SENTINEL", "N_SENTINEL", "check_rules", "check_rules_js"]

ID_SENTINEL = "§ID§"
"""Stands for the derived id in a generated message (the page puts the real one in)."""
N_SENTINEL = 987654
"""Stands for the count in a generated message (formatted as the language formats it)."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest file the page checks (bigger: the command line)."""

MARGIN_M = 250.0
"""Points closer than this to the MRA's edge are left to the command line."""


def _messages(lang: str) -> dict[str, Any]:
    with use_lang(lang):
        bom = bom_note()
        ids = [ID_SENTINEL] * N_SENTINEL
        whole = derived_id_notes(list(range(1, N_SENTINEL + 1)), ids, [""] * N_SENTINEL,
                                 N_SENTINEL)[0]
        from layers.lang import format_number

        return {"bom": [bom.message, bom.hint], "status_read": _status_read(),
                "derived_id": [whole.message, whole.hint],
                "n_sentinel": format_number(N_SENTINEL)}


def _status_read() -> dict[str, list[str]]:
    """Per status code the note for a synonym read as it (``'§V§'`` for the value as written)."""
    out = {}
    for code, words in status.STATUSES.items():
        word = next(w for w in words if status.status_key(w) not in status._PLAIN)
        note = status.read_status(word)[1]
        assert note is not None and note.message.count(f"'{word}'") == 1, word
        out[code] = [note.message.replace(f"'{word}'", f"'{ID_SENTINEL}'"), note.fix]
    return out


def _ring_coords(geom: shapely.Geometry) -> list[list[list[float]]]:
    """The exterior and interior rings of every polygon, lon/lat with 5 decimals."""
    parts = getattr(geom, "geoms", [geom])
    rings = []
    for poly in parts:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            rings.append([[round(x, 5), round(y, 5)] for x, y in ring.coords])
    return rings


def _mra_bands() -> dict[str, Any]:
    """The MRA shrunk and grown by :data:`MARGIN_M` (measured in RD New), in lon/lat."""
    import geopandas as gpd

    union = gpd.GeoSeries([mra_union()], crs=4326).to_crs(28992)
    inner = union.buffer(-MARGIN_M).simplify(MARGIN_M / 5).to_crs(4326).iloc[0]
    outer = union.buffer(MARGIN_M).simplify(MARGIN_M / 5).to_crs(4326).iloc[0]
    return {"inner": _ring_coords(inner), "outer": _ring_coords(outer), "margin_m": MARGIN_M}


def _js_pattern(pattern: str) -> str:
    """A Python pattern with a leading ``(?i)`` as JavaScript source (used with flag "i")."""
    if not pattern.startswith("(?i)") or "(?" in pattern[4:]:  # pragma: no cover - guard
        msg = f"pattern {pattern!r} cannot be given to the page as it is"
        raise ValueError(msg)
    return pattern[4:]


def _export() -> dict[str, Any]:
    """The register's exchange format (``list --format csv``): columns, headers, labels."""
    from mapbuilder.register_export import exchange_spec

    return exchange_spec()


@cache
def check_rules() -> dict[str, Any]:
    """Every rule datum the page's check uses (JSON-safe)."""
    return {
        "field_of": dict(fields._FIELD_OF),
        "unit_tokens": sorted(fields._UNIT_TOKENS),
        "lon": list(tables._LON), "lat": list(tables._LAT),
        "x": list(tables._X), "y": list(tables._Y),
        "pair_headers": list(locations._PAIR_HEADERS + locations._MIXED_HEADERS),
        "themes": {"codes": list(themes.THEME_CODES), "stop": sorted(themes._STOP),
                   "variants": dict(themes._VARIANTS), "lookup": dict(themes._LOOKUP),
                   "vocab": {c: sorted(w) for c, w in themes._VOCAB.items()},
                   "synonym_words": {c: [sorted(w) for w in ws]
                                     for c, ws in themes._SYNONYM_WORDS.items()},
                   "broader": sorted(themes._BROADER_KEYS)},
        "status_plain": dict(sorted(status._PLAIN.items())),
        "status_of": dict(sorted(status._STATUS_OF.items())),
        "small_amount_eur": amounts.SMALL_AMOUNT_EUR,
        "header_units": [[_js_pattern(p.pattern), f] for p, f in amounts._HEADER_UNITS],
        "max_amount_eur": amounts.MAX_AMOUNT_EUR,
        "year_range": list(fields.YEAR_RANGE),
        "template_name": fields.TEMPLATE_EXAMPLE["name"],
        "implausible_amount_eur": SETTINGS.implausible_amount_eur,
        "implausible_median_factor": SETTINGS.implausible_median_factor,
        "mra": _mra_bands(),
        "messages": {"nl": _messages("nl"), "en": _messages("en")},
        "id_sentinel": ID_SENTINEL,
        "export": _export(),
        "texts": check_texts(),
        "max_bytes": MAX_BYTES,
    }


def check_rules_js() -> str:
    """The rules as a script line for the page (``transitiekaart.checkRules``)."""
    text = json.dumps(check_rules(), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    return ("(self.transitiekaart = self.transitiekaart || {}).checkRules = " + text + ";")


def check_texts() -> dict[str, dict[str, str]]:
    """The page's own texts of the check (messages ``check.*``), both languages."""
    from layers.messages import entries, template

    return {lang: {key: template(f"check.{key}", lang) for key in entries("check")}
            for lang in ("nl", "en")}
