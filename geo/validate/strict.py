"""Strict JSON reading shared by the register and the project-file validator.

:func:`json.loads` settles a key written twice in one object silently (the last
wins), turns ``true`` into an id ``"True"`` further on, and raises a bare
``ValueError`` for an integer of more than 4,300 digits. The register refuses
these at once (:func:`strict_pairs`, :func:`strict_int`, :func:`strict_float`,
:func:`strict_constant` raise :class:`Bad` with a key of the message catalogue,
``layers/messages/json.toml``).
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
from layers.lang import format_number
from layers.messages import msg

__all__ = [
    "MAX_DIGITS",
    "Bad",
    "DupDict",
    "LenientParse",
    "LongNumber",
    "duplicate",
    "marked_problems",
    "maybe_duplicates",
    "short",
    "strict_constant",
    "strict_float",
    "strict_int",
    "strict_pairs",
    "too_long",
]

MAX_DIGITS = 400
"""Longer integers are not amounts, years or ids anyone typed."""


class Bad(Exception):
    """The text breaks a rule: a key of the message catalogue and its fields.

    ``str(exc)`` (or :meth:`text`) is the message in the run's language.
    """

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the run's language)."""
        return msg(self.key, lang=lang, **self.fields)

    def __str__(self) -> str:
        return self.text()

    # for callers that still build a message from both languages (the register's)
    @property
    def nl(self) -> str:
        """The Dutch message."""
        return self.text("nl")

    @property
    def en(self) -> str:
        """The English message."""
        return self.text("en")


def short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (a text keeps its closing quote)."""
    return _short(value, limit)


def too_long(digits: int, head: str) -> Bad:
    """The refusal of a number of ``digits`` digits starting with ``head``."""
    return Bad("json.number_too_long", digits=digits, head=head)


def duplicate(key: str, first: Any, second: Any) -> Bad:
    """The refusal of ``key`` written twice in one object."""
    return Bad("json.key_twice_refused", name=short(key, 60), first=short(first),
               second=short(second))


# ------------------------------------------------------------------ refusing hooks
def strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` that raises :class:`Bad` for a key written twice."""
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise duplicate(key, seen[key], value)
        seen[key] = value
    return out  # pragma: no cover - a duplicate was found above


def strict_int(text: str) -> int:
    """``parse_int`` that raises :class:`Bad` for more than :data:`MAX_DIGITS` digits."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise too_long(digits, text[:12])
    return int(text)


def strict_float(text: str) -> float:
    """``parse_float`` that raises :class:`Bad` for a number too large to store."""
    value = float(text)
    if not math.isfinite(value):
        raise Bad("json.number_too_large", number=text[:30])
    return value


def strict_constant(text: str) -> Any:
    """``parse_constant`` that raises :class:`Bad` for NaN and Infinity."""
    raise Bad("json.not_a_json_number", text=text)


# ------------------------------------------------------------------ marking hooks
class LongNumber:
    """An integer of more than :data:`MAX_DIGITS` digits, kept as its first digits."""

    __slots__ = ("digits", "head")

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))
        self.head = text[:12]

    def __repr__(self) -> str:
        return f"{self.head}... ({self.digits} digits)"

    def message(self) -> str:
        """The message naming this number (run's language)."""
        return too_long(self.digits, self.head).text()


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
    if type(first) is type(later) and first == later:
        why = msg("json.twice_same_value", value=short(first))
    else:
        why = msg("json.twice_two_values", first=short(first), second=short(later))
    shown = short(key, 60)  # a key may be megabytes long
    return Problem(
        msg("json.key_twice", where=msg(f"json.where_{part}"), name=shown, why=why),
        msg("json.key_twice_fix", name=shown),
        feature=n, field=key if part == "properties" else None, code="key_twice")


def _too_long(n: int | None, field: str | None, value: LongNumber) -> Problem:
    return Problem(value.message(), msg("json.number_too_long_fix"),
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
            msg("json.numbers_too_long_elsewhere", count=format_number(marks.longs - longs),
                limit=MAX_DIGITS),
            msg("json.numbers_too_long_elsewhere_fix"), code="number_too_long"))
    return problems
