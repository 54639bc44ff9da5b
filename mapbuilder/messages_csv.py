"""The messages of a file check as CSV for Excel: one definition for the page and the CLI.

The map page's "Bestand controleren" offers its messages as a CSV download
(``static/check.js``, written by ``static/lib/csv.js`` ``text``), and
``transitiekaart validate FILE --format csv`` prints the same file for the same messages:
the columns of :data:`MESSAGE_COLUMNS` under headers in the run's language, the severity in
words (``fout``/``opmerking``), ``code`` values as they are (identifiers), a UTF-8
byte-order mark, ``;`` and a decimal comma in Dutch (``,`` and a point in English), CRLF,
text that Excel would run as a formula prefixed with an apostrophe, and RFC 4180 quoting.
The headers and severity words are the catalogue's (domain ``pagefix``) and reach the page
as ``checkRules.messages_csv`` (:func:`messages_csv_spec`); ``tests/test_messages_csv.py``
holds the two writers together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from layers.lang import LANGS
from layers.messages import msg

__all__ = ["MESSAGE_COLUMNS", "messages_csv", "messages_csv_spec"]

MESSAGE_COLUMNS = ("severity", "code", "row", "feature", "column", "field", "value", "message",
                   "hint")
_FORMULA = re.compile(r"^[=+\-@\t\r]")


def messages_csv_spec() -> dict[str, Any]:
    """The CSV's columns, headers and severity words in both languages, for the page."""
    return {"columns": list(MESSAGE_COLUMNS),
            "headers": {lang: [msg(f"pagefix.csv_{c}", lang=lang) for c in MESSAGE_COLUMNS]
                        for lang in LANGS},
            "file": {lang: msg("pagefix.csv_file", lang=lang) for lang in LANGS},
            "severity": {lang: {s: msg(f"pagefix.severity_{s}", lang=lang)
                                for s in ("error", "note")} for lang in LANGS}}


def _cell(value: Any, sep: str, lang: str) -> str:
    """One cell as lib/csv.js ``text`` writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float):
        text = json.dumps(value)  # as JavaScript's String(number) for these values
        return text.replace(".", ",", 1) if lang != "en" else text
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           separators=(",", ":"))
    if _FORMULA.match(text):
        text = "'" + text
    if sep in text or re.search(r'["\n\r]', text):
        text = '"' + text.replace('"', '""') + '"'
    return text


def messages_csv(problems: Iterable[Mapping[str, Any]], lang: str,
                 files: Iterable[str] | None = None) -> str:
    """The messages (dictionaries as in ``validate --format json``) as CSV text in ``lang``.

    ``files``: the file each message belongs to, one per message, for a check of several
    files; it becomes a first column.
    """
    spec = messages_csv_spec()
    sep = ";" if lang != "en" else ","
    severity = spec["severity"][lang]
    header = list(spec["headers"][lang])
    names = list(files) if files is not None else None
    if names is not None:
        header.insert(0, spec["file"][lang])
    lines = [sep.join(_cell(h, sep, lang) for h in header)]
    for k, p in enumerate(problems):
        row = [severity.get(p.get("severity"), p.get("severity")) if c == "severity" else p.get(c)
               for c in MESSAGE_COLUMNS]
        if names is not None:
            row.insert(0, names[k])
        lines.append(sep.join(_cell(v, sep, lang) for v in row))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"
