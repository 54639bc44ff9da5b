"""The messages CSV: one file for the page's download and ``validate --format csv``.

mapbuilder/messages_csv.py writes it in Python; the page writes it with lib/csv.js ``text``
and the headers and severity words of ``checkRules.messages_csv``. Hypothesis feeds both the
same messages (formulas, quotes, separators, line breaks, numbers, lists) and both must give
the same bytes; the CLI prints the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.validate import validate_file
from layers.lang import use_lang
from mapbuilder.cli import main as cli_main
from mapbuilder.mappage.check_rules import check_rules
from mapbuilder.messages_csv import MESSAGE_COLUMNS, messages_csv, messages_csv_spec

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "csv.js"
NODE = shutil.which("node")
DATA = Path(__file__).parent / "data"


def _page_csv(cases: list[dict]) -> list[str]:
    """What the page's messagesCsv (static/check.js) writes, run in node."""
    script = (
        f"const C = require({json.dumps(str(LIB))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map((c) => {"
        "  const S = c.spec, L = c.lang, header = {};"
        "  S.columns.forEach((k, i) => { header[k] = S.headers[L][i]; });"
        "  return C.text(header, c.problems.map((p) => { const row = {};"
        "    S.columns.forEach((k) => {"
        "      const v = k === 'severity' ? S.severity[L][p[k]] || p[k] : p[k];"
        "      row[k] = v === null || v === undefined || typeof v === 'string' ||"
        "        typeof v === 'number' ? v : JSON.stringify(v); });"
        "    return row; }), L);"
        "})));"
    )
    out = subprocess.run([NODE, "-e", script], input=json.dumps(cases), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


texts = st.text(st.sampled_from(list("ab ;,\"'\n\r\t=+-@é€0.5")), max_size=12)
values = st.one_of(st.none(), texts, st.integers(-10**6, 10**6),
                   st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)),
                   st.lists(st.integers(0, 9), max_size=3))
problems = st.lists(st.fixed_dictionaries(
    {"severity": st.sampled_from(["error", "note"]), "code": st.sampled_from(["amount", "id"]),
     "row": st.one_of(st.none(), st.integers(1, 5000)),
     "feature": st.one_of(st.none(), st.integers(0, 5000)), "column": st.one_of(st.none(), texts),
     "field": st.one_of(st.none(), texts), "value": values, "message": texts,
     "hint": st.one_of(st.none(), texts)}), max_size=6)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(problems, st.sampled_from(["nl", "en"])), min_size=1, max_size=6))
def test_page_and_python_write_the_same_bytes(cases: list) -> None:
    spec = messages_csv_spec()
    js = _page_csv([{"spec": spec, "lang": lang, "problems": ps} for ps, lang in cases])
    for (ps, lang), got in zip(cases, js, strict=True):
        assert got == messages_csv(ps, lang), (ps, lang)


def test_the_page_gets_the_spec_and_speaks_its_language() -> None:
    spec = check_rules()["messages_csv"]
    assert spec == messages_csv_spec() and spec["columns"] == list(MESSAGE_COLUMNS)
    assert spec["headers"]["nl"][0] != spec["headers"]["en"][0]
    assert spec["severity"]["nl"]["note"] != "note"  # words, not the JSON's identifiers
    text = messages_csv([{"severity": "note", "code": "derived_id", "row": 2, "value": 2.5,
                          "message": "=1+1"}], "nl")
    head, line = text.removeprefix("\ufeff").split("\r\n")[:2]
    assert head.split(";")[1] == "code"  # code values stay identifiers, under their header
    assert line.split(";") == [spec["severity"]["nl"]["note"], "derived_id", "2", "", "", "",
                               "2,5", "'=1+1", ""]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_validate_prints_the_csv(capfdbinary: pytest.CaptureFixture[bytes], lang: str) -> None:
    one, two = DATA / "bad" / "duplicate_id.geojson", DATA / "partner" / "bom_notepad.geojson"
    with use_lang(lang):
        want_one = messages_csv(validate_file(one).to_dict()["problems"], lang)
        reports = [validate_file(p).to_dict() for p in (one, two)]
    code = cli_main(["validate", str(one), "--format", "csv", "--lang", lang])
    assert code == 1
    assert capfdbinary.readouterr().out == want_one.encode("utf-8")
    # several files: the file is the first column
    code = cli_main(["validate", str(one), str(two), "--format", "csv", "--lang", lang])
    out = capfdbinary.readouterr().out.decode("utf-8")
    lines = out.removeprefix("\ufeff").split("\r\n")[:-1]
    assert len(lines) == 1 + sum(len(r["problems"]) for r in reports) and code == 1
    assert lines[0].startswith(messages_csv_spec()["file"][lang])
    assert lines[-1].startswith(str(two))
