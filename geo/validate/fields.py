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
from typing import Any
from urllib.parse import urlparse

import numpy as np

from geo.projects import PROJECT_FIELDS
from geo.themes import match_theme
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
from layers.lang import format_number, pick, terminal_text

__all__ = ["ALIASES", "ColumnMap", "check_properties", "derived_id", "field_of", "map_columns",
           "normalise_status"]

YEAR_RANGE = (1950, 2100)

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
    "amount_eur": re.compile(r"bedrag|amount|eur|€|budget|invest|kosten|cost|subsid|geld|"
                             r"mln|miljoen|bijdrage"),
    "theme": re.compile(r"them|sector|transitie|categor|topic|domein|opgave"),
    "name": re.compile(r"naam|name|titel|title|project"),
    "id": re.compile(r"^(nr|no|num|nummer|volgnr|ref|referentie|kenmerk|code)(_|$)|"
                     r"(nummer|_nr|_no|_id|code)$"),
    "start_year": re.compile(r"(?<!eind)(?<!end_)(?<!end)(jaar|year)|^start|^begin|aanvang"),
}
_FIELD_WORD = {"amount_eur": ("een bedrag", "an amount"), "theme": ("een thema", "a theme"),
               "name": ("een naam", "a name"), "id": ("een projectnummer (id)", "an id"),
               "start_year": ("een startjaar", "a start year")}
_RENAME = {"amount_eur": "'bedrag' (of 'Bedrag (€)', 'Bedrag (mln)')",
           "theme": "'thema'", "name": "'naam'", "id": "'id' (of 'Nr.')",
           "start_year": "'startjaar'"}
_RENAME_EN = {"amount_eur": "'amount_eur' (or 'Bedrag (€)', 'Bedrag (mln)')",
              "theme": "'theme'", "name": "'name'", "id": "'id'", "start_year": "'start_year'"}
_NOT_MEANT = {"id": ("; is het geen projectnummer, hernoem de kolom dan zo dat dit niet "
                     "verwarrend is (bijvoorbeeld 'opmerking ...')",
                     "; if it is not a project number, rename the column so that this is not "
                     "confusing (e.g. 'note ...')"),
              "start_year": ("; is het niet het startjaar (bijvoorbeeld een eindjaar), "
                             "hernoem de kolom dan naar 'eindjaar'",
                             "; if it is not the start year (e.g. an end year), rename the "
                             "column to 'end_year'")}


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
                pick(f"de kolommen {', '.join(map(repr, cols))} betekenen allebei '{f}'; "
                     f"{cols[0]!r} is gebruikt (waar die leeg is de volgende); een object "
                     "waarin ze verschillen, is geweigerd.",
                     f"the columns {', '.join(map(repr, cols))} all mean '{f}'; {cols[0]!r} "
                     "is used (the next one where it is empty); a feature in which they "
                     "differ is refused."),
                pick("Verwijder of hernoem de kolommen die u niet bedoelt.",
                     "Remove or rename the columns you do not mean."),
                field=f, severity="note", code="columns_twice"))
    for col in cmap.unknown:
        key = _header_key(col)
        for f, pattern in _LOOKS_LIKE.items():
            if f in cmap.keys or f in cmap.lookalike or not pattern.search(key):
                continue
            nl_word, en_word = _FIELD_WORD[f]
            cmap.problems.append(Problem(
                pick(f"de kolom {col!r} lijkt {nl_word} te bevatten, maar wordt niet "
                     f"herkend, en er is geen kolom voor '{f}'.",
                     f"the column {col!r} looks like it holds {en_word}, but it is not "
                     f"recognised, and there is no column for '{f}'."),
                pick(f"Hernoem de kolom {col!r} naar {_RENAME[f]}{_NOT_MEANT.get(f, ('', ''))[0]}.",
                     f"Rename the column {col!r} to {_RENAME_EN[f]}"
                     f"{_NOT_MEANT.get(f, ('', ''))[1]}."),
                field=f, value=str(col), code="column_lookalike"))
            cmap.lookalike.add(f)
            break
    known_nl = "naam, thema, bedrag, status, startjaar, organisatie, website, omschrijving, id"
    if tabular:
        for f, nl_word, en_word in (("name", "naam", "name"), ("theme", "thema", "theme")):
            if f in cmap.keys or f in cmap.lookalike:
                continue
            cmap.problems.append(Problem(
                pick(f"er is geen kolom voor de {nl_word} van de projecten.",
                     f"there is no column for the projects' {en_word}."),
                pick(f"Voeg een kolom '{nl_word}' toe (of hernoem de kolom die de {nl_word} "
                     "bevat).",
                     f"Add a column '{nl_word}' or '{en_word}' (or rename the column that "
                     f"holds the {en_word})."),
                field=f, code="column_lookalike"))
            cmap.lookalike.add(f)
    rest = [c for c in cmap.unknown
            if not any(p.value == c for p in cmap.problems if p.code == "column_lookalike")]
    if rest:
        known = ", ".join(f for f in PROJECT_FIELDS if f not in ("sample", "place",
                                                                  "place_area"))
        names = ", ".join(terminal_text(c, 40) for c in sorted(rest)[:20]) + (
            pick(f" … en nog {format_number(len(rest) - 20)}",
                 f" … and {format_number(len(rest) - 20)} more") if len(rest) > 20 else "")
        cmap.problems.append(Problem(
            pick(f"kolom(men) die niet bij het projectschema horen zijn genegeerd: {names}.",
                 f"column(s) not in the project schema were ignored: {names}."),
            pick(f"Bekende kolommen: {known_nl}, gemeente, deelregio, lon, lat (ook de "
                 "Engelse namen en eenheden zoals 'Bedrag (mln)').",
                 f"Known fields: {known}, municipality, subregion, lon, lat (Dutch names "
                 "such as naam, thema, bedrag, and units such as 'Bedrag (mln)' work too)."),
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
            not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
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
    if not YEAR_RANGE[0] <= first <= YEAR_RANGE[1]:
        return None, False, False
    return first, True, True


def year_note(value: Any, year: int) -> tuple[str, str, str]:
    """Message, fix and grouped message for a start year read from "2025/2026" or "Q3 2025"."""
    return (pick(f"het startjaar {value!r} is gelezen als {year}, het eerste jaar.",
                 f"the start year {value!r} was read as {year}, the first year."),
            pick("Niets te doen als dat klopt; de kaart kent alleen het startjaar.",
                 "Nothing to do if that is right; the map knows only the start year."),
            pick("startjaren als '2025/2026', 'Q3 2025' of 'najaar 2025' zijn gelezen als "
                 "het eerste jaar dat erin staat.",
                 "start years such as '2025/2026', 'Q3 2025' or 'autumn 2025' were read as "
                 "the first year in them."))


# http(s)://, then a plain ASCII host: such a URL passes urlparse's test below, fast
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#][^\t\r\n]*)?")


def url_ok(url: str) -> bool:
    """True for a web address with scheme http or https and a host (``url`` stripped)."""
    if _PLAIN_URL.fullmatch(url):
        return True
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def to_text(value: Any, fname: str, n: int, problems: list[Problem],
            ident: dict[str, Any]) -> str | None:
    """Text of a field, or None with a problem for a list/object or a broken character."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        problems.append(Problem(pick("moet tekst zijn, geen lijst of object.",
                                     "must be text, not a list or object."),
                                pick("Geef gewone tekst.", "Give plain text."), feature=n,
                                field=fname, value=value, code="not_text", **ident))
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(Problem(
            pick("bevat een ongeldig teken (een los UTF-16-surrogaat) dat niet als UTF-8 kan "
                 "worden opgeslagen.",
                 "contains an invalid character (an unpaired UTF-16 surrogate) that cannot "
                 "be stored as UTF-8."),
            pick("Typ de tekst opnieuw of verwijder het kapotte teken.",
                 "Retype the text or remove the broken character."),
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
        what = pick(f"{str(bool(value)).lower()} (ja/nee)", f"{str(bool(value)).lower()} "
                    "(yes/no)")
    else:
        what = pick(f"{value} (geen getal)", f"{value} (not a number)")
    return Problem(pick(f"het id is {what}, geen id: het zou de tekst {str(value)!r} worden "
                        "en bij elk bestand met dezelfde fout hetzelfde zijn.",
                        f"the id is {what}, not an id: it would become the text "
                        f"{str(value)!r}, the same in every file with the same mistake."),
                   pick(f"Geef in '{col}' een id als tekst of heel getal, bijvoorbeeld "
                        "\"p-12\", of laat het leeg (dan wordt er een gemaakt uit thema, naam "
                        "en organisatie).",
                        f"Give '{col}' an id as text or a whole number, e.g. \"p-12\", or "
                        "leave it empty (one is then made from theme, name and organisation)."),
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
        drop = " en ".join(repr(str(c)) for c, _ in given if c != keep)
        drop_en = " and ".join(repr(str(c)) for c, _ in given if c != keep)
        shown = [f"{str(c)!r} ({_short(v)})" for c, v in given]
        both_nl = ", ".join(shown[:-1]) + " als " + shown[-1]
        both_en = ", ".join(shown[:-1]) + " and " + shown[-1]
        problems.append(Problem(
            pick(f"heeft zowel {both_nl}; ze betekenen allebei '{f}', en welke geldt is niet "
                 "te zeggen.",
                 f"has both {both_en}; they all mean '{f}', and which one counts cannot be "
                 "told."),
            pick(f"Houd {str(keep)!r}: zet daar de juiste waarde in en verwijder {drop}.",
                 f"Keep {str(keep)!r}: put the right value there and remove {drop_en}."),
            feature=n, field=f, code="field_twice", **ident))


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
    ident: dict[str, Any] = {"id": str(ident_id) if ident_id is not None else None,
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
        problems.append(Problem(pick("ontbreekt of is leeg; elk project heeft een naam nodig.",
                                     "is missing or empty; every project needs a name."),
                                pick("Vul de kolom 'naam' (name) in.",
                                     "Add a 'name' property."),
                                feature=n, field="name", value=vals.get("name"),
                                code="name_missing", **ident))
    row["name"] = name
    theme = vals.get("theme")
    m = match_theme(theme)
    if m.code is None and "theme" not in cmap.lookalike and \
            not (theme is None and _formula_error(problems, n, "theme")):
        msg, fix = theme_problem(theme)
        problems.append(Problem(msg, fix, feature=n, field="theme", value=theme,
                                code="theme", **ident))
    row["theme"] = m.code
    got = read_amount(vals.get("amount_eur"), cmap.unit, cmap.notation,
                      cmap.evidence or "column")
    amount = got.amount
    if got.message:
        what = pick("het bedrag", "the amount")
        problems.append(Problem(f"{what} {got.message}", got.fix, feature=n,
                                field="amount_eur", value=vals.get("amount_eur"),
                                code="amount", **ident))
    elif got.note is not None:
        problems.append(Problem(got.note[0], got.note[1], summary=got.note[2], feature=n,
                                field="amount_eur",
                                value=vals.get("amount_eur"), severity="note",
                                code=got.code, **ident))
    elif amount is not None and 0 < amount < SMALL_AMOUNT_EUR:
        msg, fix = small_amount_note(amount, cmap.unit)
        problems.append(Problem(pick("het bedrag ", "the amount ") + msg, fix, feature=n,
                                field="amount_eur", value=vals.get("amount_eur"),
                                severity="note", code="small_amount",
                                summary=small_amount_summary(amount), **ident))
    row["amount_eur"] = amount
    year, year_ok, year_noted = read_year(vals.get("start_year"))
    if year_noted:
        msg, fix, summary = year_note(vals.get("start_year"), year)  # type: ignore[arg-type]
        problems.append(Problem(msg, fix, feature=n, field="start_year",
                                value=vals.get("start_year"), severity="note",
                                code="year_range", summary=summary, **ident))
    if not year_ok:
        problems.append(Problem(
            pick(f"het startjaar moet een heel jaar tussen {YEAR_RANGE[0]} en "
                 f"{YEAR_RANGE[1]} zijn.",
                 f"start year must be a whole year between {YEAR_RANGE[0]} and "
                 f"{YEAR_RANGE[1]}."),
            pick("Geef een jaar zoals 2026, of laat het leeg.",
                 "Give a year like 2026, or leave it empty."),
            feature=n, field="start_year", value=vals.get("start_year"), code="year",
            **ident))
    row["start_year"] = year
    url = to_text(vals.get("url"), "url", n, problems, ident)
    if url is not None and url.strip():
        if not url_ok(url.strip()):
            problems.append(Problem(
                pick("is geen webadres dat begint met http:// of https://.",
                     "is not a web address starting with http:// or https://."),
                pick("Geef het volledige adres, bijvoorbeeld https://www.voorbeeld.nl/project, "
                     "of laat het leeg.",
                     "Give the full address, e.g. https://www.example.nl/project, or leave "
                     "it empty."),
                feature=n, field="url", value=url, code="url", **ident))
        url = url.strip()
    else:
        url = None
    row["url"] = url
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
"""The example row of ``transitiekaart template`` (mapbuilder.cli_template writes it)."""
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
    fix = pick("Voeg een kolom 'id' toe om zelf ids te kiezen.",
               "Add an 'id' property to choose your own.")
    if n_features is not None and n_features >= 2 and len(features) == n_features:
        count = format_number(n_features)
        msg = pick(f"geen enkel project heeft een id; elk van de {count} projecten krijgt een "
                   "eigen id, gemaakt uit zijn thema, naam en organisatie, bijv. {!r}.",
                   f"no project has an id; each of the {count} projects is given its own id, "
                   "derived from its theme, name and organisation, e.g. {!r}.")
        return [Problem(msg.format(ids[0]), fix, field="id", severity="note",
                        code="derived_id")]
    msg = pick("heeft geen id; het kreeg het id {!r}, gemaakt uit thema, naam en "
               "organisatie.",
               "has no id; it was given the id {!r}, derived from its theme, name and "
               "organisation.")
    summary = pick("heeft geen id; elk project krijgt een eigen id, gemaakt uit zijn thema, naam "
                   "en organisatie, bijv. {!r}.",
                   "has no id; each project is given its own id, derived from its theme, name "
                   "and organisation, e.g. {!r}.")
    return [Problem(msg.format(pid), fix, feature=n, name=name, field="id", severity="note",
                    code="derived_id", summary=summary.format(pid))
            for n, pid, name in zip(features, ids, names, strict=True)]
