"""Strict JSON reading shared by the register and the project-file validator.

:func:`json.loads` settles a key written twice in one object silently (the last
wins), turns ``true`` into an id ``"True"`` further on, and raises a bare
``ValueError`` for an integer of more than 4,300 digits. The register refuses
these at once (:func:`strict_pairs`, :func:`strict_int`, :func:`strict_float`,
:func:`strict_constant` raise :class:`Bad` with the message in both languages).
The validator reports them per feature: :func:`lenient_loads` marks a duplicate
key (:class:`DupDict`) and a number too long (:class:`LongNumber`) so that the
checks can name the feature, the field and both values.

Parsing with a hook costs a Python call per object; :func:`maybe_duplicates`
tells cheaply, from the text and the plain parse, when no object can have lost
a key, so the hooks run only for the few files that need them.
"""

from __future__ import annotations

import json
import math
from itertools import repeat
from typing import Any

from geo.validate.report import Problem, _short
from layers.lang import pick

__all__ = [
    "MAX_DIGITS",
    "Bad",
    "DupDict",
    "LenientParse",
    "LongNumber",
    "duplicate_text",
    "marked_problems",
    "maybe_duplicates",
    "short",
    "strict_constant",
    "strict_float",
    "strict_int",
    "strict_pairs",
    "too_long_text",
]

MAX_DIGITS = 400
"""Longer integers are not amounts, years or ids anyone typed."""


class Bad(Exception):
    """The text breaks a rule; carries the message in Dutch and English."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.nl, self.en = nl, en


def short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (a text keeps its closing quote)."""
    return _short(value, limit)


def too_long_text(digits: int, head: str) -> tuple[str, str]:
    """The message (nl, en) for a number of ``digits`` digits starting with ``head``."""
    return (f"een getal van {digits} cijfers ({head}...) is geen bedrag, jaar of id. "
            "Controleer de waarde.",
            f"a number of {digits} digits ({head}...) is not an amount, year or id. "
            "Check the value.")


def duplicate_text(key: str, first: Any, second: Any) -> tuple[str, str]:
    """The message (nl, en) for ``key`` written twice in one object."""
    return (f"de sleutel {short(key, 60)} staat twee keer in hetzelfde object ({short(first)} en "
            f"{short(second)}); welke bedoeld is, is niet te zeggen. Houd er een over.",
            f"the key {short(key, 60)} occurs twice in the same object ({short(first)} and "
            f"{short(second)}); which one is meant cannot be told. Keep one.")


# ------------------------------------------------------------------ refusing hooks
def strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` that raises :class:`Bad` for a key written twice."""
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise Bad(*duplicate_text(key, seen[key], value))
        seen[key] = value
    return out  # pragma: no cover - a duplicate was found above


def strict_int(text: str) -> int:
    """``parse_int`` that raises :class:`Bad` for more than :data:`MAX_DIGITS` digits."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise Bad(*too_long_text(digits, text[:12]))
    return int(text)


def strict_float(text: str) -> float:
    """``parse_float`` that raises :class:`Bad` for a number too large to store."""
    value = float(text)
    if not math.isfinite(value):
        raise Bad(f"het getal {text[:30]} is te groot om op te slaan. Controleer de waarde.",
                  f"the number {text[:30]} is too large to store. Check the value.")
    return value


def strict_constant(text: str) -> Any:
    """``parse_constant`` that raises :class:`Bad` for NaN and Infinity."""
    raise Bad(f"{text} is geen getal in JSON. Laat de waarde leeg (null) of geef een getal.",
              f"{text} is not a number in JSON. Leave the value empty (null) or give a number.")


# ------------------------------------------------------------------ marking hooks
class LongNumber:
    """An integer of more than :data:`MAX_DIGITS` digits, kept as its first digits."""

    __slots__ = ("digits", "head")

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))
        self.head = text[:12]

    def __repr__(self) -> str:
        return f"{self.head}... ({self.digits} digits)"

    def message(self) -> tuple[str, str]:
        """The message (nl, en) naming this number."""
        return too_long_text(self.digits, self.head)


class DupDict(dict):
    """A JSON object in which a key was written more than once.

    ``dups`` holds ``(key, first value, later value)`` for each repetition; the
    dict itself holds the last value, as :func:`json.loads` would.
    """

    dups: list[tuple[str, Any, Any]]


class LenientParse:
    """:func:`json.loads` that marks duplicate keys and too-long numbers instead of failing.

    After :meth:`loads`, ``dups`` holds every :class:`DupDict` made and ``longs``
    counts the :class:`LongNumber` values.
    """

    def __init__(self) -> None:
        self.dups: list[DupDict] = []
        self.longs = 0

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        marked = DupDict(out)
        seen: dict[str, Any] = {}
        marked.dups = []
        for key, value in pairs:
            if key in seen:
                marked.dups.append((key, seen[key], value))
            seen[key] = value
        self.dups.append(marked)
        return marked

    def _int(self, text: str) -> int | LongNumber:
        if len(text) - text.startswith("-") > MAX_DIGITS:
            self.longs += 1
            return LongNumber(text)
        return int(text)

    def loads(self, text: str) -> Any:
        """Parse ``text`` (raises :class:`json.JSONDecodeError` as json.loads does)."""
        return json.loads(text, object_pairs_hook=self._pairs, parse_int=self._int)


def _pairs_in(value: Any, depth: int = 0) -> int:
    """The number of key/value pairs in ``value`` and everything it holds."""
    if depth > 50:
        return 0
    if type(value) is dict:
        return len(value) + sum(_pairs_in(v, depth + 1) for v in value.values()
                                if type(v) in (dict, list))
    if type(value) is list:
        return sum(_pairs_in(v, depth + 1) for v in value if type(v) in (dict, list))
    return 0


def _colons_in(value: Any, depth: int = 0) -> int:
    """The colons in the strings (keys and values) of a parsed JSON value."""
    if type(value) is str:
        return value.count(":")
    if depth > 50:
        return 0
    if type(value) is dict:
        return sum(k.count(":") + _colons_in(v, depth + 1) for k, v in value.items())
    if type(value) is list:
        return sum(_colons_in(v, depth + 1) for v in value)
    return 0


def maybe_duplicates(text: str, doc: Any, features: list[Any]) -> bool:
    """False when no object of the JSON ``text`` can have a key written twice.

    ``doc`` is the parsed document (None for newline-delimited GeoJSON) and
    ``features`` the parsed features. The pairs the parse kept in the top
    level, the features, their properties and geometries bound the pairs
    written from below; a key written twice is one pair lost. From above they
    are bound by the colons in the text, and more tightly by the colons right
    after a quote or after white space (a quote inside a string is escaped, so
    a key is a string, optional white space and a colon). A colon in ``://``
    is inside a string (JSON has no comments), so white space before colons is
    counted only when some other colon is neither after a quote nor in a web
    address: each ``str.count`` is a pass over the text. When the bounds meet,
    no pair was lost. Nested objects, or colons in text after a space, make
    this say True, and the caller parses strictly to find out.
    """
    kept = 0
    if type(doc) is dict:
        kept = len(doc) + sum(_pairs_in(v) for k, v in doc.items() if k != "features")
    elif doc is not None:
        return True
    if set(map(type, features)) - {dict}:
        return True
    kept += sum(map(len, features))
    for member in ("properties", "geometry"):
        inner = list(map(dict.get, features, repeat(member)))
        if set(map(type, inner)) - {dict, type(None)}:
            return True
        kept += sum(map(len, filter(None, inner)))
    colons = text.count(":")
    if colons == kept:  # every colon a pair the parse kept: none lost, none in text
        return False
    if type(doc) is dict and colons == kept + sum(
            _colons_in(v) + k.count(":") for k, v in doc.items() if k != "features") \
            and "\\" not in text:
        # the other colons are all in the top level's strings (a ``crs`` name such as
        # "urn:ogc:def:crs:OGC:1.3:CRS84"); with no escape in the text each of those
        # is written as a colon, so none is left for a lost pair
        return False
    written = text.count('":')
    rest = colons - written  # colons not right after a quote
    if rest and rest != text.count("://"):  # not all in web addresses (inside strings)
        written += text.count(" :") + text.count("\t:") + text.count("\n:") + \
            text.count("\r:")
    return written != kept


# ------------------------------------------------------------------ the validator's report
def _count_longs(value: Any, depth: int = 0) -> int:
    if isinstance(value, LongNumber):
        return 1
    if depth > 50:
        return 0
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return sum(_count_longs(v, depth + 1) for v in value)
    return 0


def _key_twice(n: int | None, part: str, key: str, first: Any, later: Any) -> Problem:
    where_nl = {"properties": "de eigenschap", "geometry": "het geometrielid",
                "feature": "het lid", "file": "de sleutel"}[part]
    where_en = {"properties": "the property", "geometry": "the geometry member",
                "feature": "the member", "file": "the key"}[part]
    if type(first) is type(later) and first == later:
        why_nl, why_en = (f"beide keren {short(first)}; een bestand hoort elke sleutel één keer "
                          "te hebben en andere programma's kunnen er anders mee omgaan",
                          f"both times {short(first)}; a file should hold each key once, and "
                          "other tools may read it differently")
    else:
        why_nl, why_en = (f"{short(first)} en {short(later)}; welke bedoeld is, is niet te "
                          "zeggen", f"{short(first)} and {short(later)}; which one is meant "
                          "cannot be told")
    shown = short(key, 60)  # a key may be megabytes long
    return Problem(
        pick(f"{where_nl} {shown} staat twee keer in hetzelfde object ({why_nl}).",
             f"{where_en} {shown} occurs twice in the same object ({why_en})."),
        pick(f"Houd één {shown} met de waarde die u bedoelt en verwijder de andere (in een "
             "teksteditor of op geojson.io), en exporteer opnieuw.",
             f"Keep one {shown} with the value you mean and remove the other (in a text "
             "editor or on geojson.io), then export again."),
        feature=n, field=key if part == "properties" else None, code="key_twice")


def _too_long(n: int | None, field: str | None, value: LongNumber) -> Problem:
    nl, en = value.message()
    return Problem(pick(nl, en),
                   pick("Geef een bedrag in euro's als gewoon getal (2500000 of \"2,5 mln\"), "
                        "een jaar als 2026 en een id als tekst.",
                        "Give an amount in euros as a plain number (2500000 or \"2.5 mln\"), "
                        "a year as 2026 and an id as text."),
                   feature=n, field=field, code="number_too_long")


def marked_problems(marks: LenientParse, features: list[Any]) -> list[Problem]:
    """Errors for the duplicate keys and too-long numbers :class:`LenientParse` marked.

    Each is named by feature and field where it is in a feature (a too-long
    property value is set to None after it is reported, so that the checks do
    not report it again; a too-long coordinate is reported by the geometry
    checks); any other is an error for the file, so none is settled silently.
    """
    problems: list[Problem] = []
    named: set[int] = set()
    longs = 0
    for n, feat in enumerate(features, 1):
        if not isinstance(feat, dict):
            continue
        props, geom = feat.get("properties"), feat.get("geometry")
        for obj, part in ((feat, "feature"), (props, "properties"), (geom, "geometry")):
            if isinstance(obj, DupDict):
                named.add(id(obj))
                problems += [_key_twice(n, part, *d) for d in obj.dups]
        if not marks.longs:
            continue
        if isinstance(feat.get("id"), LongNumber):
            problems.append(_too_long(n, "id", feat["id"]))
            feat["id"], longs = None, longs + 1
        if isinstance(props, dict):
            for key, value in list(props.items()):
                if isinstance(value, LongNumber):
                    problems.append(_too_long(n, key, value))
                    props[key], longs = None, longs + 1
        if isinstance(geom, dict):
            longs += _count_longs(geom.get("coordinates"))
    for obj in marks.dups:
        if id(obj) not in named:
            problems += [_key_twice(None, "file", *d) for d in obj.dups]
    if longs < marks.longs:
        problems.append(Problem(
            pick(f"het bestand bevat {marks.longs - longs} getal(len) van meer dan "
                 f"{MAX_DIGITS} cijfers buiten de eigenschappen en coördinaten.",
                 f"the file holds {marks.longs - longs} number(s) of more than {MAX_DIGITS} "
                 "digits outside the properties and coordinates."),
            pick("Zoek het lange getal op in een teksteditor en verwijder of verbeter het.",
                 "Find the long number in a text editor and remove or correct it."),
            code="number_too_long"))
    return problems
