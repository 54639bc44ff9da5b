"""Columns and properties: which column is which field, and each field's check.

Headers are recognised in any case and spacing, with units in brackets
(``"Bedrag (€)"``, ``"Bedrag (x € 1.000)"``) or as a suffix (``bedrag_eur``,
``amount_meur``), in Dutch and English, and as the 10-character names a
Shapefile cuts them to (``omschrijvi``). A column that is not recognised but
looks like an amount, theme or name while that field is missing is an error
naming the column and the fix.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any
from urllib.parse import urlparse

import numpy as np

from geo.themes import match_theme
from geo.validate import rules
from geo.validate.amounts import (
    SMALL_AMOUNT_EUR,
    header_unit,
    read_amount,
    small_amount_note,
    small_amount_summary,
)
from geo.validate.controls import control_problem
from geo.validate.report import Problem, _short
from geo.validate.status import normalise_status, read_status
from geo.validate.themes import theme_problem
from layers.lang import format_number, get_lang, terminal_text
from layers.messages import entries, msg

__all__ = ["ALIASES", "ColumnMap", "check_properties", "derived_id", "field_of", "map_columns",
           "normalise_status"]

YEAR_RANGE = (int(rules.YEAR.low), int(rules.YEAR.high))
"""The start year's range (:data:`geo.validate.rules.YEAR`) as two whole years."""

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "project_id", "projectid", "fid_project", "projectnummer", "nummer",
           "kenmerk", "nr", "no", "projectnr", "project_nr", "volgnummer", "volgnr",
           "referentie", "dossiernummer", "zaaknummer", "projectcode"),
    "name": ("name", "naam", "projectnaam", "project_name", "projectname", "title",
             "titel", "project"),
    "theme": ("theme", "thema", "theme_code", "themacode", "transitiethema"),
    "amount_eur": ("amount_eur", "amount", "bedrag", "bedrag_eur", "investment_eur",
                   "investment", "investering", "investeringsbedrag", "budget",
                   "budget_eur", "totaalbedrag"),
    "status": ("status", "fase", "stage", "projectstatus"),
    "start_year": ("start_year", "startjaar", "start", "year", "jaar", "beginjaar",
                   "jaar_start", "startdatum", "start_datum", "begindatum", "start_date",
                   "startdate", "aanvang", "jaar_van_start", "start_jaar"),
    "organisation": ("organisation", "organization", "organisatie", "partner",
                     "trekker", "penvoerder", "lead_partner", "initiatiefnemer"),
    "url": ("url", "website", "link", "webpagina", "webpage"),
    "description": ("description", "beschrijving", "omschrijving", "toelichting",
                    "samenvatting", "summary"),
    "sample": ("sample",),
    "municipality": ("municipality", "gemeente", "gemeentenaam", "gemeentecode",
                     "gemeente_code", "code_gemeente", "cbs_code", "cbscode", "gm_code", "gmcode",
                     "municipality_name",
                     "municipality_code", "statcode", "statnaam"),
    "subregion": ("subregion", "deelregio", "regio", "scope", "schaal", "reikwijdte",
                  "sub_region", "region", "werkgebied"),
    "address": ("address", "adres", "straat", "street", "postcode", "locatie",
                "location", "projectlocatie", "project_locatie", "ligging", "plaats",
                "woonplaats", "city"),
    "place": ("place",),
    "place_area": ("place_area",),
}
"""Every column name accepted per field (after :func:`_header_key`)."""

EXTRA_FIELDS = ("municipality", "subregion", "address")
"""Fields read to place a project without coordinates; not kept as columns."""

_UNIT_TOKENS = frozenset({"eur", "euro", "euros", "meur", "keur", "mln", "mio", "k", "m",
                          "x1000", "x1000000", "miljoen", "duizend", "mld", "beur"})


def _header_key(header: object) -> str:
    """``"  Bedrag (x € 1.000) "`` -> ``"bedrag"``; ``"Start Year"`` -> ``"start_year"``."""
    text = str(header).strip().lower()
    text = re.sub(r"[(\[][^)\]]*[)\]]", " ", text)
    text = re.sub(r"[^0-9a-z€]+", "_", text).strip("_")
    return text.replace("€", "eur")


def _build_field_of() -> dict[str, str]:
    out = {alias: f for f, aliases in ALIASES.items() for alias in aliases}
    cut: dict[str, set[str]] = {}
    for alias, f in list(out.items()):
        if len(alias) > 10:  # a Shapefile (dBase) keeps 10 characters of a field name
            cut.setdefault(alias[:10], set()).add(f)
    for short, fields in cut.items():
        if len(fields) == 1 and short not in out:
            out[short] = fields.pop()
    return out


_FIELD_OF = _build_field_of()


def field_of(header: object) -> str | None:
    """The project field a column header names, or None."""
    key = _header_key(header)
    f = _FIELD_OF.get(key)
    if f is None and "_" in key:
        head, _, tail = key.rpartition("_")
        if tail in _UNIT_TOKENS and _FIELD_OF.get(head) == "amount_eur":
            f = "amount_eur"
    if f is None and len(key) == 10:  # a Shapefile's cut of a name with a unit suffix
        matches = {fl for alias, fl in _FIELD_OF.items() if alias.startswith(key)}
        f = matches.pop() if len(matches) == 1 else None
    return f


# words that make an unknown column look like a field that is missing
_LOOKS_LIKE: dict[str, re.Pattern[str]] = {
    # "eur" and "geld" as words only: "Kleur", "Keuring", "Beurs" and "Geldig tot" are not amounts
    "amount_eur": re.compile(r"bedrag|amount|(^|_)euros?(_|$)|(^|_)eur(_|$)|budget|invest|"
                             r"kosten|cost|subsid|geld(?!ig)|mln|miljoen|bijdrage"),
    "theme": re.compile(r"them|sector|transitie|categor|topic|domein|opgave"),
    "name": re.compile(r"naam|name|titel|title|project"),
    "id": re.compile(r"^(nr|no|num|nummer|volgnr|ref|referentie|kenmerk|code)(_|$)|"
                     r"(nummer|_nr|_no|_id|code)$"),
    "start_year": re.compile(r"(?<!eind)(?<!end_)(?<!end)(jaar|year)|^start|^begin|aanvang"),
}
_LOOKALIKE = {"amount_eur": ("fields.lookalike_amount", "fields.lookalike_amount_fix"),
              "theme": ("fields.lookalike_theme", "fields.lookalike_theme_fix"),
              "name": ("fields.lookalike_name", "fields.lookalike_name_fix"),
              "id": ("fields.lookalike_id", "fields.lookalike_id_fix"),
              "start_year": ("fields.lookalike_start_year", "fields.lookalike_start_year_fix")}
"""Per field a column may look like: the message and fix keys (the column as ``column``)."""


@dataclass
class ColumnMap:
    """Which column of a file is which field, and the amount column's unit."""

    keys: dict[str, list[str]] = field(default_factory=dict)  # field -> columns, in order
    unit: float = 1.0
    unit_text: str = ""
    notation: str | None = None  # "nl"/"en": the amount column's notation
    evidence: str | None = None  # what settled it (geo.validate.amounts.EVIDENCE)
    keys_all: list[str] = field(default_factory=list)  # every column, in order
    unknown: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lookalike: set[str] = field(default_factory=set)  # fields reported missing already

    def values(self, props: dict[str, Any]) -> dict[str, Any]:
        """The field values of one feature (per field the first column that holds a value)."""
        out: dict[str, Any] = {}
        for f, cols in self.keys.items():
            for c in cols:
                if c in props:
                    out[f] = props[c]
                    if out[f] is not None:
                        break
        return out


EXPORT_DERIVED = ("in_mra",)
"""Columns the tool's own exports write that are not read but worked out again from the
project's place (the page's GeoJSON export: ``in_mra``); read back without a note."""


def map_columns(columns: Iterable[Any], tabular: bool = False) -> ColumnMap:
    """Map a file's columns (property names) to project fields, with file-level problems.

    ``tabular``: the file has one header for all rows (CSV, Excel, GeoPackage,
    Shapefile); then a missing name or theme column is one error for the file,
    not one per row.
    """
    cmap = ColumnMap()
    given = list(dict.fromkeys(columns))
    cmap.keys_all = [str(c) for c in given]
    for col in given:
        f = field_of(col)
        if f is None and _header_key(col) in EXPORT_DERIVED:
            continue  # the tool's own export's column, worked out again from the place
        if f is None:
            cmap.unknown.append(str(col))
            continue
        cmap.keys.setdefault(f, []).append(col)
        if f == "amount_eur" and len(cmap.keys[f]) == 1:
            unit = header_unit(str(col))
            if unit is not None:
                cmap.unit, cmap.unit_text = unit
    for f, cols in cmap.keys.items():
        if len(cols) > 1 and len({str(c).strip().lower() for c in cols}) > 1:
            cmap.problems.append(Problem(
                msg("fields.columns_twice",
                    columns=', '.join(map(repr, cols)), field=f, first=cols[0]),
                msg("fields.columns_twice_fix"),
                field=f, severity="note", code="columns_twice"))
    for col in cmap.unknown:
        key = _header_key(col)
        for f, pattern in _LOOKS_LIKE.items():
            if f in cmap.keys or f in cmap.lookalike or not pattern.search(key):
                continue
            text, fix = _LOOKALIKE[f]
            cmap.problems.append(Problem(
                msg(text, column=col), msg(fix, column=col),
                field=f, value=str(col), code="column_lookalike"))
            cmap.lookalike.add(f)
            break
    if tabular:
        for f, text, fix in (("name", "fields.no_name_column", "fields.no_name_column_fix"),
                             ("theme", "fields.no_theme_column", "fields.no_theme_column_fix")):
            if f in cmap.keys or f in cmap.lookalike:
                continue
            cmap.problems.append(Problem(msg(text), msg(fix), field=f, code="column_lookalike"))
            cmap.lookalike.add(f)
    rest = [c for c in cmap.unknown
            if not any(p.value == c for p in cmap.problems if p.code == "column_lookalike")]
    if rest:
        names = ", ".join(terminal_text(c, 40) for c in sorted(rest)[:20])
        cmap.problems.append(Problem(
            msg("fields.unknown_columns_more", names=names,
                more=format_number(len(rest) - 20)) if len(rest) > 20 else
            msg("fields.unknown_columns", names=names),
            msg("fields.unknown_columns_fix"),
            severity="note", code="unknown_columns"))
    return cmap


# ------------------------------------------------------------------------ checks
def parse_year(year: Any) -> tuple[int | None, bool]:
    """A start year: ``(year, True)``, ``(None, True)`` when empty, ``(None, False)`` if bad."""
    if year is None or (isinstance(year, str) and not year.strip()):
        return None, True
    y: float | None = None
    if isinstance(year, int | float | np.integer | np.floating) and \
            not isinstance(year, bool):
        y = float(year)
    elif isinstance(year, str) and re.fullmatch(r"\s*\d{1,6}\s*", year):
        y = float(year)
    if y is None or not math.isfinite(y) or not y.is_integer() or \
            not rules.YEAR.holds(y):
        return None, False
    return int(y), True


# "2025/2026", "2025-2026", "Q3 2025", "najaar 2025", "2025-03-01" (a date, also Excel's
# "2025-03-01T00:00:00"), "eind 2025", "2025 Q3": the first year that is written
_YEAR_IN = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_YEAR_WORDS = re.compile(
    r"(?i)^\s*(q[1-4]|kw(artaal)?\s*[1-4]|[1-4]e\s*kwartaal|h[12]|begin|medio|midden|eind|"
    r"einde|voorjaar|zomer|najaar|winter|lente|herfst|spring|summer|autumn|fall|"
    r"early|mid|late|end|start|vanaf|from|jan\w*|feb\w*|m[aä]r\w*|apr\w*|mei|may|jun\w*|"
    r"jul\w*|aug\w*|sep\w*|o[kc]t\w*|nov\w*|dec\w*|\d{1,2}[-/.]\d{1,2}[-/.])?[\s.,:-]*"
    r"(\d{4})(\s*[-/–]\s*(\d{2}|\d{4}))?([-/.]\d{1,2}([-/.]\d{1,2}(t[\d:.]+)?)?)?"
    r"(\s*(q[1-4]|h[12]))?\s*$")


def read_year(year: Any) -> tuple[int | None, bool, bool]:
    """A start year as people write it: ``(year, ok, noted)``.

    Plain years as :func:`parse_year`; ``"2025/2026"``, ``"2025-2026"``, ``"Q3 2025"``,
    ``"najaar 2025"`` and dates give their first year with ``noted`` True.
    """
    y, ok = parse_year(year)
    if ok or not isinstance(year, str):
        return y, ok, False
    m = _YEAR_WORDS.match(year)
    if m is None:
        return None, False, False
    first = int(m.group(3))
    if not rules.YEAR.holds(first):
        return None, False, False
    return first, True, True


def year_note(value: Any, year: int) -> tuple[str, str, str]:
    """Message, fix and grouped message for a start year read from "2025/2026" or "Q3 2025"."""
    return (msg("fields.year_read", value=value, year=year),
            msg("fields.year_read_fix"),
            msg("fields.year_read_summary"))


# http(s)://, then a plain ASCII host: such a URL passes urlparse's test below, fast
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#][^\t\r\n]*)?")


def url_ok(url: str) -> bool:
    """True for a web address with scheme http or https and a host (``url`` stripped)."""
    if _PLAIN_URL.fullmatch(url):
        return True
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def read_url(text: str | None) -> tuple[str | None, bool]:
    """A website as written: ``(url, ok)``, the text stripped (None when empty) and
    whether it is a web address (:func:`url_ok`); the rule of both paths."""
    if text is None or not text.strip():
        return None, True
    url = text.strip()
    return url, url_ok(url)


def small_amount_problem(n: int, amount: float, value: Any, ident: dict[str, Any],
                         unit: float = 1.0, column: str | None = None) -> Problem:
    """The note on feature ``n``'s amount above 0 and below
    :data:`geo.validate.rules.SMALL_AMOUNT_EUR` ("thousands or millions meant?")."""
    text, fix = small_amount_note(amount, unit)
    return Problem(msg("fields.the_amount", problem=text), fix, feature=n, field="amount_eur",
                   value=value, severity="note", code="small_amount",
                   summary=small_amount_summary(amount), column=column, **ident)


def rule_problem(fname: str, n: int, value: Any, ident: dict[str, Any],
                 **values: Any) -> Problem:
    """The error of feature ``n`` whose ``fname`` breaks its rule
    (:data:`geo.validate.rules.FIELD_RULES`), with the message's ``values``."""
    rule = rules.FIELD_RULES[fname]
    return Problem(msg(rule.error, **values), msg(rule.fix), feature=n, field=fname,
                   value=value, code=rule.code, **ident)


def to_text(value: Any, fname: str, n: int, problems: list[Problem],
            ident: dict[str, Any]) -> str | None:
    """Text of a field, or None with a problem for a list/object or a broken character."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        problems.append(Problem(msg("fields.not_text"),
                                msg("fields.not_text_fix"), feature=n,
                                field=fname, value=value, code="not_text", **ident))
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(Problem(
            msg("fields.bad_character"),
            msg("fields.bad_character_fix"),
            feature=n, field=fname, value=value, code="bad_character", **ident))
        return None
    control = control_problem(text, fname, n, value, ident)
    if control is not None:  # an error refuses the project; a note keeps the text
        problems.append(control)
    return text


def _bad_id(n: int, value: Any, cmap: ColumnMap, ident: dict[str, Any]) -> Problem:
    """An id of ``true``/``false``, NaN or Infinity: refused, never the text "True"/"nan"."""
    col = str(cmap.keys.get("id", ["id"])[0])
    if isinstance(value, bool | np.bool_):
        what = msg("fields.id_yes_no", value=str(bool(value)).lower())
    else:
        what = msg("fields.id_not_a_number", value=value)
    return Problem(msg("fields.id_not_text", what=what, text=str(value)),
                   msg("fields.id_not_text_fix", column=col),
                   feature=n, field="id", value=value, code="id_not_text", **ident)


def _blank(value: Any, tabular: bool) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or \
        (tabular and isinstance(value, float) and math.isnan(value))


def _same_field_twice(n: int, raw: dict[str, Any], cmap: ColumnMap, tabular: bool,
                      problems: list[Problem], ident: dict[str, Any]) -> None:
    """An error when two columns of one field (``name`` and ``naam``) hold different values.

    Which one is meant cannot be told, so nothing is settled silently: the
    message names both keys and values and which key to keep (the field's own
    name when it is one of them). One filled and one empty is fine: the filled
    one is used, as the file-level note says.
    """
    for f, cols in cmap.keys.items():
        if len(cols) < 2:
            continue
        given = [(c, raw[c]) for c in cols if c in raw and not _blank(raw[c], tabular)]
        if len({str(v).strip() for _, v in given}) < 2:
            continue
        keep = next((c for c, _ in given if str(c) == f), given[0][0])
        drop = reduce(lambda a, b: msg("fields.and", a=a, b=b),
                      [repr(str(c)) for c, _ in given if c != keep])
        shown = [f"{str(c)!r} ({_short(v)})" for c, v in given]
        both = msg("fields.both_and", first=", ".join(shown[:-1]), last=shown[-1])
        problems.append(Problem(
            msg("fields.field_twice", both=both, field=f),
            msg("fields.field_twice_fix", keep=str(keep), drop=drop),
            feature=n, field=f, code="field_twice", **ident))


def _theme_broader_note(value: str, code: str, n: int, ident: dict[str, Any]) -> Problem:
    """The note for a theme name that says more than the theme it is read as
    (:data:`geo.themes.BROADER_NAMES`): the match, and what the theme covers."""
    from geo.themes import get_theme
    from layers.lang import get_lang
    from layers.messages import msg

    shown = terminal_text(value.strip(), 60)
    label = get_theme(code).label(get_lang())
    return Problem(msg("intake.theme_broader", value=shown, label=label, code=code,
                       scope=msg(f"intake.scope_{code}")),
                   msg("intake.theme_broader_fix"), feature=n, field="theme", value=value,
                   severity="note", code="theme_broader",
                   summary=msg("intake.theme_broader_summary", value=shown, label=label,
                               code=code), **ident)


def _formula_error(problems: list[Problem], n: int, fname: str) -> bool:
    """True when the reader reported feature ``n``'s ``fname`` cell as an unread formula."""
    return any(p.code == "formula" and p.severity == "error" and p.feature == n and
               p.field == fname for p in problems)


def check_properties(n: int, raw: dict[str, Any], cmap: ColumnMap, tabular: bool,
                     problems: list[Problem]) -> tuple[dict[str, Any], bool]:
    """Check one feature's properties; return the schema row and whether it is accepted.

    The row also holds the place fields (``municipality``, ``subregion``,
    ``address``, ``place``, ``place_area``) as given, for :mod:`geo.validate.places`.
    """
    before = len(problems)
    vals = cmap.values(raw)
    if tabular:
        vals = {k: (None if isinstance(v, float) and math.isnan(v) else v)
                for k, v in vals.items()}
    ident_id, ident_name = vals.get("id"), vals.get("name")
    vid = vals.get("id")
    if isinstance(vid, bool | np.bool_) or (isinstance(vid, float) and not math.isfinite(vid)):
        ident_id = vid = None  # never the id "True" or "nan"
    # a blank id is no id (it is derived): reported as none, as the fast path and the page do
    ident: dict[str, Any] = {"id": str(ident_id) if ident_id is not None
                             and str(ident_id).strip() else None,
                             "name": ident_name if isinstance(ident_name, str) else None}
    if vid is None and vals.get("id") is not None:
        problems.append(_bad_id(n, vals["id"], cmap, ident))
    _same_field_twice(n, raw, cmap, tabular, problems, ident)
    row: dict[str, Any] = {}
    if isinstance(vid, float) and vid.is_integer():
        vid = int(vid)
    row["id"] = to_text(vid, "id", n, problems, ident)
    if isinstance(row["id"], str):
        row["id"] = row["id"].strip() or None
    name = to_text(vals.get("name"), "name", n, problems, ident)
    if (name is None or not name.strip()) and "name" not in cmap.lookalike and \
            "name" not in [p.field for p in problems[before:]] and \
            not _formula_error(problems, n, "name"):
        problems.append(rule_problem("name", n, vals.get("name"), ident))
    row["name"] = name
    theme = vals.get("theme")
    m = match_theme(theme)
    if m.code is None and "theme" not in cmap.lookalike and \
            not (theme is None and _formula_error(problems, n, "theme")):
        text, fix = theme_problem(theme)
        problems.append(Problem(text, fix, feature=n, field="theme", value=theme,
                                code="theme", **ident))
    row["theme"] = m.code
    if m.broader and m.code is not None:
        problems.append(_theme_broader_note(str(theme), m.code, n, ident))
    got = read_amount(vals.get("amount_eur"), cmap.unit, cmap.notation,
                      cmap.evidence or "column")
    amount = got.amount
    if got.message:
        problems.append(Problem(msg("fields.the_amount", problem=got.message), got.fix, feature=n,
                                field="amount_eur", value=vals.get("amount_eur"),
                                code="amount", **ident))
    elif got.note is not None:
        problems.append(Problem(got.note[0], got.note[1], summary=got.note[2], feature=n,
                                field="amount_eur",
                                value=vals.get("amount_eur"), severity="note",
                                code=got.code, **ident))
    elif amount is not None and 0 < amount < SMALL_AMOUNT_EUR:
        problems.append(small_amount_problem(n, amount, vals.get("amount_eur"), ident,
                                             cmap.unit))
    row["amount_eur"] = amount
    year, year_ok, year_noted = read_year(vals.get("start_year"))
    if year_noted:
        text, fix, summary = year_note(vals.get("start_year"), year)  # type: ignore[arg-type]
        problems.append(Problem(text, fix, feature=n, field="start_year",
                                value=vals.get("start_year"), severity="note",
                                code="year_range", summary=summary, **ident))
    if not year_ok:
        problems.append(rule_problem("start_year", n, vals.get("start_year"), ident,
                                     first=int(rules.YEAR.low), last=int(rules.YEAR.high)))
    row["start_year"] = year
    url_text = to_text(vals.get("url"), "url", n, problems, ident)
    row["url"], ok = read_url(url_text)
    if not ok:
        problems.append(rule_problem("url", n, url_text, ident))
    for f in ("status", "organisation", "description"):
        row[f] = to_text(vals.get(f), f, n, problems, ident)
    row["status"], status_note = read_status(row["status"])
    if status_note is not None:
        problems.append(Problem(status_note.message, status_note.fix, feature=n,
                                field="status", value=vals.get("status"), severity="note",
                                code=status_note.code, summary=status_note.summary, **ident))
    sample = vals.get("sample")
    row["sample"] = bool(sample) if isinstance(sample, bool | np.bool_) else False
    for f in (*EXTRA_FIELDS, "place", "place_area"):  # read by geo.validate.places
        row[f] = place_value(vals.get(f))
    return row, not [p for p in problems[before:] if p.severity == "error"]


TEMPLATE_EXAMPLE = {"id": "VB-001", "name": "Voorbeeld: waterstoftankstation Haarlem"}
"""The example row of ``transitiekaart template`` (mapbuilder.cli.template writes it)."""
TEMPLATE_ID_PREFIX = "VB-"


def is_template_example(pid: Any, name: Any) -> bool:
    """True for the template's example row: its text as the template writes it, and its
    id (``VB-...``) or no id. A row whose name was changed is a project."""
    if name != TEMPLATE_EXAMPLE["name"]:  # exact (a sheet's cells are stripped already)
        return False
    if pid is None or (isinstance(pid, float) and math.isnan(pid)):
        return True
    return isinstance(pid, str) and pid.strip().upper().startswith(TEMPLATE_ID_PREFIX)


def place_value(v: Any) -> str | None:
    """A place column's value as text (a CBS code typed as a number, 363, too); else None."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if v is None or isinstance(v, dict | list | float):
        return None
    return str(v).strip() or None


def _key_text(text: Any) -> str:
    """Text compared as a person reads it: case and runs of white space aside."""
    return " ".join(text.split()).casefold() if isinstance(text, str) else ""


def derived_id(theme: str, name: str, organisation: str | None = None) -> str:
    """A stable id from theme, name and organisation (not the location or the amount).

    A project whose location or amount is corrected keeps its id, so ``add --update``
    replaces it. Case and runs of white space in the name and organisation do not
    count. Ids made by earlier versions from the location are recognised by
    :func:`legacy_derived_id` (the register migrates them).
    """
    key = f"v2|{theme}|{_key_text(name)}|{_key_text(organisation)}"
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def derived_ids(themes: Iterable[str], names: Iterable[str],
                organisations: Iterable[str | None]) -> list[str]:
    """:func:`derived_id` of many projects at once (the same ids)."""
    sha1, key = hashlib.sha1, _key_text
    orgs = list(organisations)
    org_key = {o: key(o) for o in set(orgs)}  # a partner's file has few organisations
    return ["p-" + sha1(f"v2|{t}|{key(nm)}|{org_key[o]}".encode()).hexdigest()[:12]
            for t, nm, o in zip(themes, names, orgs, strict=True)]


def legacy_derived_id(theme: str, name: str, x: float | None, y: float | None,
                      area: str | None = None) -> str:
    """The id releases before issue 20 derived from theme, name and location (or area).

    Kept to recognise such ids in a register: they are migrated to :func:`derived_id`
    and still resolve (see :mod:`geo.register`).
    """
    where = f"{x:.5f}|{y:.5f}" if x is not None and y is not None else f"area:{area}"
    key = f"{theme}|{name.strip()}|{where}"
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def derived_id_notes(features: Sequence[int], ids: Sequence[str], names: Sequence[str],
                     n_features: int | None = None) -> list[Problem]:
    """The notes for projects that got a derived id (texts made once, not per project).

    When every one of a file's ``n_features`` (two or more) got one, that is a fact
    about the file, so it is one file-level note with the count and an example
    instead of a note per project (the ids themselves are in the projects).
    """
    fix = msg("fields.derived_id_fix")
    if n_features is not None and n_features >= 2 and len(features) == n_features:
        return [Problem(msg("fields.derived_id_all", count=format_number(n_features), id=ids[0]),
                        fix, field="id", severity="note", code="derived_id")]
    text, summary = _unfilled("fields.derived_id"), _unfilled("fields.derived_id_summary")
    return [Problem(text.format(id=pid), fix, feature=n, name=name, field="id", severity="note",
                    code="derived_id", summary=summary.format(id=pid))
            for n, pid, name in zip(features, ids, names, strict=True)]


def _unfilled(key: str) -> str:
    """The catalogue's text of ``key`` in the run's language, its fields still open: filled
    per project with ``str.format`` (one lookup for a file of projects, not one per project)."""
    domain, _, name = key.partition(".")
    return entries(domain)[name][get_lang()]
