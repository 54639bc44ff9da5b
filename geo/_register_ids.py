"""Stable ids in the register: ids derived by earlier releases are migrated.

Releases before issue 20 derived an id for a project without one from its
theme, name and location (:func:`geo.validate.fields.legacy_derived_id`), so a
corrected location gave a new id and ``add --update`` added the project a second
time. Ids are now derived from theme, name and organisation
(:func:`geo.validate.fields.derived_id`). A register written by an earlier release
is migrated when it is next changed: every project whose id is the legacy id of
its own content gets the new id, and the old id is kept in the register's member
``transitiekaart_id_aliases`` (old -> new), so that ``remove OLD`` and a file that
still names the old id keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import geopandas as gpd

from geo._register_doc import RegisterDoc

__all__ = ["ALIASES_MEMBER", "aliases", "legacy_ids", "migrate", "resolve"]

ALIASES_MEMBER = "transitiekaart_id_aliases"
"""The register's top-level member mapping migrated (old) ids to their new ids."""


def legacy_ids(current: gpd.GeoDataFrame) -> dict[int, tuple[str, str]]:
    """Rows whose id is the id an earlier release derived from their content:
    row -> (that id, the id derived now)."""
    from geo.validate.fields import derived_id, legacy_derived_id

    out: dict[int, tuple[str, str]] = {}
    cols = {c: current[c].tolist() if c in current.columns else [None] * len(current)
            for c in ("id", "theme", "name", "organisation", "place", "place_area")}
    geoms = current.geometry.tolist()
    for j, pid in enumerate(cols["id"]):
        theme, name = cols["theme"][j], cols["name"][j]
        if not (isinstance(pid, str) and pid.startswith("p-") and isinstance(theme, str)
                and isinstance(name, str)):
            continue
        g = geoms[j]
        if g is not None and not g.is_empty:
            pt = g if g.geom_type == "Point" else g.representative_point()
            old = legacy_derived_id(theme, name, pt.x, pt.y)
        else:
            old = legacy_derived_id(theme, name, None, None,
                                    f"{cols['place'][j]}:{cols['place_area'][j]}")
        if old == pid:
            org = cols["organisation"][j]
            out[j] = (pid, derived_id(theme, name, org if isinstance(org, str) else None))
    return out


def aliases(doc: RegisterDoc) -> dict[str, str]:
    """The register's old -> new ids (empty when none were migrated)."""
    found = doc.members.get(ALIASES_MEMBER)
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items() if isinstance(v, str)}


def migrate(doc: RegisterDoc, current: gpd.GeoDataFrame) -> bool:
    """Give every project with a legacy derived id its new id (in ``doc`` and ``current``).

    A new id that another project already has, or that two projects would get,
    is not given (those keep their old ids). Returns whether anything changed.
    """
    legacy = legacy_ids(current)
    if not legacy:
        return False
    taken = set(current["id"])
    wanted: dict[str, list[int]] = {}
    for j, (_, new) in legacy.items():
        wanted.setdefault(new, []).append(j)
    table = aliases(doc)
    ids = current["id"].tolist()
    changed = False
    for new, rows in wanted.items():
        if len(rows) > 1 or new in taken:
            continue
        j = rows[0]
        old = ids[j]
        _rename(doc.features[j], new)
        ids[j] = new
        table[old] = new
        changed = True
    if changed:
        current["id"] = ids
        doc.members[ALIASES_MEMBER] = table
    return changed


def _rename(feature: Any, new: str) -> None:
    if not isinstance(feature, dict):
        return
    if "id" in feature:
        feature["id"] = new
    props = feature.get("properties")
    if isinstance(props, dict):
        key = next((k for k in props if str(k).lower() == "id"), "id")
        props[key] = new


def resolve(ids: Iterable[str], doc: RegisterDoc, present: set[str]) -> list[str]:
    """``ids`` with migrated (old) ids replaced by their new ids, when those are present."""
    table = aliases(doc)
    return [table[i] if i not in present and table.get(i) in present else i for i in ids]
