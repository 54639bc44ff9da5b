"""What validation hands back: :class:`Problem` and :class:`ValidationReport`.

Texts follow the run's language (:func:`layers.lang.get_lang`; Dutch by
default). Notes of one kind are summarised in one line with a count and the
first examples; ``verbose=True`` lists them all.
"""

from __future__ import annotations

import json
import math
import reprlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa

from geo.projects import PROJECT_FIELDS
from layers.lang import format_number, terminal_text
from layers.messages import msg
from layers.settings import SETTINGS

__all__ = ["GROUP_EXAMPLES", "DeferredNotes", "Problem", "ValidationReport", "empty_projects"]

GROUP_EXAMPLES = 3
"""How many examples a summarised group of notes shows (``verbose`` shows all)."""
ERRORS_SHOWN = 20
"""Errors of one kind listed one by one; the rest are counted in one line (--verbose: all)."""


_DEEPEST = 64
"""Levels of a nested value (a list or object in a property) that a report shows; a
deeper part is shown as its cut ``repr`` (a hostile file nests a value hundreds of
levels deep, which recursion cannot follow)."""

_LONGEST = 1000
"""Items of a list or object (a property's value) that a report shows; a longer one is
shown as its cut ``repr``, so that a property of a million items gives a short message."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 8, 80, 80


def _short(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters; a cut text keeps its closing quote."""
    try:
        text = repr(value)
    except RecursionError:  # nested too deeply for repr: its first levels
        text = _REPR.repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, str):
        return text[: limit - 4] + "..." + text[0]
    return text[: limit - 3] + "..."


def _json_safe(value: Any, depth: int = 0) -> Any:
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic):
        return _json_safe(value.item(), depth)
    if isinstance(value, list | tuple | dict) and (depth >= _DEEPEST or len(value) > _LONGEST):
        return _short(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v, depth + 1) for k, v in value.items()}
    return repr(value)


@dataclass(frozen=True, init=False)
class Problem:
    """One thing wrong with (or worth knowing about) a file or a feature.

    ``feature`` is the 1-based feature number (line number of the data row for
    CSV and Excel), ``None`` for the file as a whole. ``severity`` is
    ``"error"`` (the feature or file is refused) or ``"note"`` (accepted, but
    look at it). ``code`` names the kind of problem (e.g. ``"derived_id"``);
    problems of one kind are summarised together, with ``summary`` as the
    message when set (a message that names one feature's value, such as its
    derived id, is worded for all of them there).
    """

    message: str
    hint: str = ""
    feature: int | None = None
    id: str | None = None
    name: str | None = None
    field: str | None = None
    value: Any = None
    severity: str = "error"
    code: str = ""
    row: int | None = None  # CSV/Excel: the row number in the sheet
    column: str | None = None  # the file's own name of ``field``, when it differs
    summary: str = ""  # the message for a grouped line of this kind, when it differs

    def __init__(self, message: str, hint: str = "", feature: int | None = None,
                 id: str | None = None, name: str | None = None, field: str | None = None,
                 value: Any = None, severity: str = "error", code: str = "",
                 row: int | None = None, column: str | None = None, summary: str = "") -> None:
        # the fields in their declared order; set through __dict__, as a frozen
        # dataclass's own __init__ does one object.__setattr__ per field (a large
        # file has a note per project: this makes them 1.6x faster)
        self.__dict__.update(message=message, hint=hint, feature=feature, id=id, name=name,
                             field=field, value=value, severity=severity, code=code, row=row,
                             column=column, summary=summary)

    def where(self, field: bool = True) -> str:
        """``feature 3 (id 'P-1', name 'X'), field 'theme'`` in the run's language
        (without the field when ``field`` is False)."""
        parts = []
        who = ", ".join(text for text in (
            msg("report.where_id", id=_short(self.id)) if self.id else "",
            msg("report.where_name", name=_short(self.name)) if self.name else "") if text)
        if self.row is not None:
            who = msg("report.where_row_who", row=self.row, who=who) if who else \
                msg("report.where_row", row=self.row)
        if self.feature is not None:
            parts.append(msg("report.where_feature_who", feature=self.feature, who=who) if who
                         else msg("report.where_feature", feature=self.feature))
        elif who:
            parts.append(msg("report.where_project", who=who))
        if self.field and field:
            parts.append(msg("report.where_field", field=terminal_text(self.column_name(), 60)))
        return ", ".join(parts) or msg("report.where_file")

    def column_name(self) -> str | None:
        """The field as the file calls it (its column), else the field."""
        return self.column if self.column and self.column != self.field else self.field

    def label(self) -> str:
        """``NOTE``/``ERROR`` (``OPMERKING``/``FOUT`` in Dutch)."""
        return msg("report.label_note" if self.severity == "note" else "report.label_error")

    def to_text(self) -> str:
        """One line: where, what, the value received and the fix."""
        text = f"{self.label()} {self.where()}: {self.message}"
        if self.value is not None:
            text += " " + msg("report.received", value=_short(self.value))
        if self.hint:
            text += " " + msg("report.fix", hint=self.hint)
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        return {"severity": self.severity, "code": self.code or None,
                "feature": self.feature, "row": self.row, "column": self.column,
                "id": self.id, "name": self.name,
                "field": self.field, "value": _json_safe(self.value),
                "message": self.message, "hint": self.hint}


class DeferredNotes:
    """Notes of one kind on many features, made into :class:`Problem` only when listed.

    A national list exported by a partner has hundreds of thousands of projects
    outside the MRA; the build prints one grouped line with a count and the first
    few examples, so only those are made (:meth:`head`); :meth:`all` makes the
    rest, when a report is listed in full (``--verbose``, ``--format json``).

    ``features`` are the 1-based feature numbers, ascending; ``make(rows)`` gives
    the problems of the positions ``rows`` into ``features``, in that order. ``at``
    is where in the list of problems they would have been appended: of the problems
    of one feature, those made before come before them, those made after after.
    """

    def __init__(self, code: str, features: np.ndarray,
                 make: Callable[[np.ndarray], list[Problem]], at: int = 0) -> None:
        self.code = code
        self.at = at
        self.severity = "note"
        self.features = features
        self._make = make
        self._all: list[Problem] | None = None

    def __len__(self) -> int:
        return len(self.features)

    def head(self, k: int) -> list[Problem]:
        """The first ``k`` notes (by feature)."""
        if self._all is not None:
            return self._all[:k]
        return self._make(np.arange(min(k, len(self.features))))

    def all(self) -> list[Problem]:
        """Every note, made once."""
        if self._all is None:
            self._all = self._make(np.arange(len(self.features)))
        return self._all


def _merged(problems: list[Problem], deferred: Iterable[DeferredNotes],
            limit: int | None = None, seq: dict[int, int] | None = None) -> list[Problem]:
    """``problems`` with the deferred notes (all, or the first ``limit`` of each) in
    feature order, and within a feature in the order they were made, as
    :func:`make_report` orders problems (``seq``: each problem's place as made)."""
    extra = [(q.feature or 0, d.at - 0.5, q) for d in deferred
             for q in (d.all() if limit is None else d.head(limit))]
    if not extra:
        return problems
    seq = seq or {}
    keyed = [(p.feature or 0, seq.get(id(p), j), p) for j, p in enumerate(problems)]
    return [p for _, _, p in sorted([*keyed, *extra], key=lambda k: k[:2])]


def group_problems(problems: Iterable[Problem], verbose: bool = False,
                   deferred: Sequence[DeferredNotes] = (),
                   seq: dict[int, int] | None = None) -> list[str]:
    """Text lines for ``problems``: one per problem, or per kind when a kind is frequent.

    Notes with the same ``code`` that occur more than :data:`GROUP_EXAMPLES`
    + 1 times become one line with the count, the first message, the first
    examples and how to see them all; errors, and notes without a code, are
    always listed one by one. ``verbose`` lists everything. ``deferred`` notes
    are counted, and only their first examples made, unless ``verbose`` (``seq``:
    see :func:`_merged`).
    """
    problems = list(problems)
    if verbose:
        return [p.to_text() for p in _merged(problems, deferred, seq=seq)]
    counts: dict[tuple[str, str], int] = {}
    for d in deferred:
        counts[(d.code, d.severity)] = counts.get((d.code, d.severity), 0) + len(d)
    problems = _merged(problems, deferred, GROUP_EXAMPLES + 1, seq)
    for p in problems:
        if p.code:
            counts[(p.code, p.severity)] = counts.get((p.code, p.severity), 0) + 1
    for d in deferred:  # the examples made were counted twice
        counts[(d.code, d.severity)] -= min(len(d), GROUP_EXAMPLES + 1)
    lines: list[str] = []
    done: set[tuple[str, str]] = set()
    listed: dict[tuple[str, str], int] = {}  # errors of a kind listed so far
    for p in problems:
        key = (p.code, p.severity)
        if p.severity != "note":
            kind = (p.code or p.message[:60], p.severity)
            listed[kind] = listed.get(kind, 0) + 1
            if listed[kind] <= ERRORS_SHOWN:
                lines.append(p.to_text())
            elif listed[kind] == ERRORS_SHOWN + 1:
                lines.append(_more_errors(p, problems, kind))
            continue
        if not p.code or counts[key] <= GROUP_EXAMPLES + 1:
            lines.append(p.to_text())
            continue
        if key in done:
            continue
        done.add(key)
        same = [q for q in problems if (q.code, q.severity) == key]
        name = p.column_name()
        field = msg("report.where_field", field=terminal_text(name, 60)) + ": " if name else ""
        where = "; ".join(q.where(field=False) for q in same[:GROUP_EXAMPLES])
        more = counts[key] - GROUP_EXAMPLES
        # the value only when every listed one has it: one feature's value beside other
        # features' names would say something of them that is not true
        value = " " + msg("report.received", value=_short(p.value, 40)) \
            if p.value is not None and all(q.value == p.value for q in same) else ""
        tail = msg("report.group_examples", where=where, more=format_number(more))
        fix = " " + msg("report.fix", hint=p.hint) if p.hint else ""
        lines.append(f"{p.label()} {format_number(counts[key])}× {field}"
                     f"{p.summary or p.message}{value} [{tail}].{fix}")
    return lines


def _more_errors(p: Problem, problems: list[Problem], kind: tuple[str, str]) -> str:
    """One line for the errors of ``p``'s kind beyond the first :data:`ERRORS_SHOWN`."""
    same = sum(1 for q in problems if q.severity != "note"
               and (q.code or q.message[:60], q.severity) == kind)
    more = format_number(same - ERRORS_SHOWN)
    return msg("report.more_errors", label=p.label(), more=more, message=p.message[:80])


class ValidationReport:
    """Result of :func:`geo.validate.validate_file`.

    Attributes
    ----------
    path
        The file checked.
    projects
        The valid projects, EPSG:4326, columns :data:`PROJECT_FIELDS` + geometry.
        Projects placed in a municipality or area without coordinates have no
        geometry (None) and their ``place``/``place_area`` set.
    problems
        Every error and note, in feature order (file-level ones first). Notes
        kept in :attr:`deferred` are made when this is first read.
    readable
        False when the file could not be read at all (missing, not JSON, ...).
    n_features
        Number of features (rows) found in the file.
    derived_ids
        The ids made from theme, name and place for projects without an id.
    deferred
        Notes of one kind on many features (outside the MRA), counted without
        being made; :meth:`to_text` makes only the examples it shows.
    """

    def __init__(self, path: Path, projects: gpd.GeoDataFrame,
                 problems: list[Problem] | None = None, readable: bool = True,
                 n_features: int = 0, derived_ids: list[str] | None = None,
                 deferred: list[DeferredNotes] | None = None) -> None:
        self.path = path
        self.projects = projects
        self._problems = [] if problems is None else problems
        self.readable = readable
        self.n_features = n_features
        self.derived_ids = [] if derived_ids is None else derived_ids
        self.deferred = [] if deferred is None else deferred
        self._seq: dict[int, int] | None = None  # each problem's place as made (make_report)

    def __repr__(self) -> str:
        return (f"ValidationReport(path={self.path!r}, projects={len(self.projects)}, "
                f"problems={len(self._problems) + sum(map(len, self.deferred))}, "
                f"readable={self.readable}, n_features={self.n_features})")

    @property
    def problems(self) -> list[Problem]:
        """Every problem, the deferred notes made and merged in (once)."""
        if self.deferred:
            self._problems = _merged(self._problems, self.deferred, seq=self._seq)
            self.deferred, self._seq = [], None
        return self._problems

    @problems.setter
    def problems(self, value: list[Problem]) -> None:
        self._problems, self.deferred = value, []

    @property
    def errors(self) -> list[Problem]:
        """The problems that refuse the file (deferred notes are never errors)."""
        return [p for p in self._problems if p.severity == "error"]

    @property
    def notes(self) -> list[Problem]:
        """Accepted, but worth a look (outside the MRA, Z dropped, repaired, ...)."""
        return [p for p in self.problems if p.severity == "note"]

    @property
    def n_notes(self) -> int:
        """How many notes, without making the deferred ones."""
        return sum(p.severity == "note" for p in self._problems) + sum(map(len, self.deferred))

    def note_lines(self, verbose: bool = False) -> list[str]:
        """The notes as :func:`group_problems` lines (deferred ones made only if shown)."""
        notes = [p for p in self._problems if p.severity == "note"]
        return group_problems(notes, verbose, self.deferred, self._seq)

    @property
    def ok(self) -> bool:
        """True when the file can be used as it is (notes allowed)."""
        return self.readable and not self.errors

    @property
    def exit_code(self) -> int:
        """0 fine, 1 problems, 2 could not read."""
        return 2 if not self.readable else (1 if self.errors else 0)

    def to_text(self, notes: bool = True, verbose: bool = False) -> str:
        """A readable report: a head line, then the problems (frequent kinds summarised)."""
        if not self.readable:  # one line: the file and why it could not be read
            return " ".join(f"{self.path}: {p.message}" + (" " + msg("report.fix", hint=p.hint)
                                                           if p.hint else "")
                            for p in self.problems)
        n_err, n_feat = format_number(len(self.errors)), format_number(self.n_features)
        if self.errors:
            head = msg("report.head_errors", path=self.path, errors=n_err, features=n_feat)
        else:
            head = msg("report.head_ok", path=self.path, projects=format_number(len(self.projects)),
                       features=n_feat)
        lines = group_problems(self._problems, verbose, self.deferred, self._seq) if notes \
            else group_problems(self.errors, verbose)
        return "\n".join([head, *(f"  {line}" for line in lines)])

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary (what ``validate --format json`` prints)."""
        return {"path": str(self.path), "ok": self.ok, "readable": self.readable,
                "exit_code": self.exit_code, "n_features": self.n_features,
                "n_valid": len(self.projects), "n_errors": len(self.errors),
                "n_notes": self.n_notes,
                "problems": [p.to_dict() for p in self.problems]}

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def empty_projects() -> gpd.GeoDataFrame:
    """An empty project frame with every field of :data:`PROJECT_FIELDS` (EPSG:4326)."""
    return gpd.GeoDataFrame({f: pd.Series(dtype=object) for f in PROJECT_FIELDS},
                            geometry=gpd.GeoSeries([], crs=SETTINGS.crs_wgs84),
                            crs=SETTINGS.crs_wgs84)


_TEXT_FIELDS = ("id", "name", "theme", "status", "organisation", "url", "description",
                "place", "place_area")


@cache
def _text_dtype() -> Any:
    """The dtype pandas infers for a list of text (``str``, Arrow-backed in pandas 3)."""
    return pd.Series(["text"]).dtype


def _text_array(values: list[Any]) -> Any:
    """What pandas makes of a list of text and None, built through Arrow (faster)."""
    dtype = _text_dtype()
    all_none = (not values or values[0] is None) and values.count(None) == len(values)
    if getattr(dtype, "storage", None) != "pyarrow" or all_none:
        return values  # all None stays an object column, as pandas infers it
    try:
        return pd.array(pa.array(values, type=pa.large_string()), dtype=dtype)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: let pandas infer
        return values


def projects_frame(data: dict[str, Any], geometry: Any, features: Any) -> gpd.GeoDataFrame:
    """The valid projects as a GeoDataFrame indexed by feature number."""
    data = {f: _text_array(v) if f in _TEXT_FIELDS and isinstance(v, list) else v
            for f, v in data.items()}
    gdf = gpd.GeoDataFrame(data, geometry=geometry, crs=SETTINGS.crs_wgs84)
    gdf["amount_eur"] = pd.to_numeric(gdf["amount_eur"]).astype(float)
    gdf["start_year"] = gdf["start_year"].astype("Int64")
    gdf.index = pd.Index(features, name="feature")
    return gdf


def make_report(path: Path, gdf: gpd.GeoDataFrame, problems: list[Problem],
                n: int, deferred: list[DeferredNotes] | None = None) -> ValidationReport:
    """The report: problems in feature order; no projects unless the file is fine."""
    seq = {id(p): j for j, p in enumerate(problems)} if deferred else None
    problems.sort(key=lambda p: (p.feature or 0))
    projects = gdf.reset_index(drop=True)
    report = ValidationReport(path, projects, problems, True, n, deferred=deferred)
    report._seq = seq
    if not report.ok:
        report.projects = projects.iloc[0:0]
    return report
