"""The page's JavaScript classes (static/lib/classes.js) against the Python original.

Fisher-Jenks is written twice: in numpy (mapbuilder.classes, for the comparison and the
picture) and in the page's JavaScript (for every filter change). Hypothesis generates value
sets; node runs the page's module on all of them at once, and both must give the same
optimal classes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.mappage.check_rules import check_rules

LIB = Path(__file__).resolve().parents[1] / "mapbuilder" / "static" / "lib" / "classes.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def run_js(cases: list[dict]) -> list:
    script = (
        f"const C = require({json.dumps(str(LIB))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map((c) => {"
        "  const j = C.jenks(c.values, c.k);"
        "  return {uppers: j.starts.map((s) => j.x[s - 1]), nice: C.classes(c.values, c.k)};"
        "})));"
    )
    out = subprocess.run([NODE, "-e", script], input=json.dumps(cases), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def _cost(x: np.ndarray, uppers: list[float]) -> float:
    """Within-class sum of squares of sorted ``x`` split after each upper bound."""
    edges = np.searchsorted(x, uppers, side="right")
    return sum(float(((p - p.mean()) ** 2).sum()) for p in np.split(x, edges))


value_sets = st.lists(
    st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False),
    min_size=6, max_size=120, unique=True,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(value_sets, st.integers(2, 5)), min_size=1, max_size=8))
def test_js_jenks_equals_python(cases):
    js = run_js([{"values": v, "k": k} for v, k in cases])
    for (values, k), got in zip(cases, js, strict=True):
        x = np.sort(np.asarray(values))
        py = fisher_jenks_bins(x, k)[:-1]  # upper bounds of all classes but the last
        # equal optimal cost; where two splits tie, either may be chosen
        assert _cost(x, got["uppers"]) == pytest.approx(_cost(x, py), rel=1e-9, abs=1e-6)
        assert len(got["nice"]) == k - 1
        # each nice limit lies in its class gap: above the class's top, at most the next start
        for limit, upper in zip(got["nice"], got["uppers"], strict=True):
            nxt = x[np.searchsorted(x, upper, side="right")]
            assert upper < limit <= nxt


# ---------------------------------------------------------------- nice limits
# Two rules, on purpose not one: both put a class limit a reader can say aloud in the gap
# (lo, hi] between two classes, so no value changes class. The map page (lib/classes.js
# `nice`) rounds to the 1-2-5 series from just above lo ("€ 15" between 12,3 and 17,9): its
# limits are recomputed at every filter change and read best as a series. The comparison
# (compare_charts.nice_limit) takes the fewest significant digits, as high as the gap allows
# ("€ 17"), because its limits stand as the class labels of one printed table. The tests below
# hold them to that shared contract and to their one ordering: the comparison's limit never has
# more significant digits than the page's.
def run_nice(pairs: list[tuple[float, float]]) -> list[float]:
    script = (
        f"const C = require({json.dumps(str(LIB))});"
        "const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(pairs.map((p) => C.nice(p[0], p[1]))));"
    )
    out = subprocess.run([NODE, "-e", script], input=json.dumps(pairs), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def _sig_digits(x: float) -> int:
    mantissa = f"{x:.11e}".split("e")[0].replace(".", "").replace("-", "")
    return len(mantissa.rstrip("0")) or 1


gaps = st.tuples(st.floats(0, 1e10, allow_nan=False, allow_subnormal=False),
                 st.floats(1e-3, 1e10, allow_nan=False)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=60, deadline=None)
@given(st.lists(gaps.filter(lambda p: p[1] > p[0]), min_size=1, max_size=40))
# a gap of 0.34 near 8.6e9: a tolerance relative to hi (not to the step) skipped 8592795360.6
@example([(8592795360.355469, 8592795360.691406)])
@example([(0.0, 4999999999.0)])  # and a tolerance as wide as the step bumped 4e9 to 5e9
def test_js_nice_and_python_nice_limit_keep_the_same_contract(pairs):
    from mapbuilder.compare.charts import nice_limit

    js = run_nice(pairs)
    for (lo, hi), page in zip(pairs, js, strict=True):
        table = nice_limit(lo, hi)
        assert lo < page <= hi, (lo, hi, page)
        assert lo < table <= hi, (lo, hi, table)
        assert _sig_digits(table) <= _sig_digits(page), (lo, hi, table, page)


def test_nice_rules_differ_as_documented():
    from mapbuilder.compare.charts import nice_limit

    assert run_nice([(12.3, 17.9), (101, 480)]) == [15, 200]
    assert [nice_limit(12.3, 17.9), nice_limit(101, 480)] == [17, 400]


# ---------------------------------------------------------------- the payload
PAYLOAD_JS = LIB.parent / "payload.js"

payloads = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.lists(st.one_of(st.none(), st.integers(-10**12, 10**12), st.text(max_size=30),
                       # within 2**53: JSON.stringify writes larger floats as integers
                       st.floats(-1e15, 1e15, allow_nan=False)), max_size=20),
    max_size=6)


@settings(max_examples=25, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=5))
def test_js_decodes_what_python_encodes(objs):
    """points.encode_payload (gzip + base64 of orjson) read back by lib/payload.js."""
    from mapbuilder.mappage.points import encode_payload

    script = (
        f"const P = require({json.dumps(str(PAYLOAD_JS))});"
        "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "Promise.all(texts.map(P.decode)).then((objs) =>"
        "  process.stdout.write(JSON.stringify(objs)));"
    )
    texts = [encode_payload(o) for o in objs]
    out = subprocess.run([NODE, "-e", script], input=json.dumps(texts), capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout) == objs


_COLUMN_LIMITS = {"i1": 2**7, "i2": 2**15, "i4": 2**31, "f8": 2**53}
binary_payloads = st.fixed_dictionaries(
    {}, optional={
        **{key: st.lists(st.integers(-_COLUMN_LIMITS[code], _COLUMN_LIMITS[code]), max_size=12)
           for key, code in (("x", "i4"), ("t", "i1"), ("eur", "f8"), ("yr", "i2"),
                             ("hx", "i4"), ("smp", "i1"))},
        "name": st.lists(st.text(max_size=10), max_size=4), "n": st.integers(0, 10**6)})


@settings(max_examples=25, deadline=None)
@given(binary_payloads)
def test_js_decodes_binary_columns_as_python_does(obj):
    """Whole-number numpy columns (binary where their type holds them, else JSON): the page's
    decoder and decode_payload give the same values, which are the columns' own."""
    import numpy as np

    from mapbuilder.mappage.points import decode_payload, encode_payload

    payload = {k: np.asarray(v, dtype=np.int64) if isinstance(v, list) and k != "name" else v
               for k, v in obj.items()}
    script = (
        f"const P = require({json.dumps(str(PAYLOAD_JS))});"
        "P.decode(require('fs').readFileSync(0, 'utf8')).then((o) => {"
        "  const out = {}; Object.keys(o).forEach((k) => {"
        "    out[k] = ArrayBuffer.isView(o[k]) ? Array.from(o[k]) : o[k]; });"
        "  process.stdout.write(JSON.stringify(out)); });"
    )
    text = encode_payload(payload)
    out = subprocess.run([NODE, "-e", script], input=text, capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == decode_payload(text) == obj


# ---- amounts: the page's amount field reads what the CLI reads (static/lib/amounts.js) ----

AMOUNTS = LIB.parent / "amounts.js"


def run_amounts(texts: list[str]) -> list[dict]:
    script = (
        f"const A = require({json.dumps(str(AMOUNTS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "A.configure({unknown: input.unknown});"
        "process.stdout.write(JSON.stringify(input.texts.map((t) => A.read(t))));"
    )
    payload = {"texts": texts, "unknown": check_rules()["unknown_amounts"]}
    out = subprocess.run([NODE, "-e", script], input=json.dumps(payload), capture_output=True,
                         text=True, check=True, encoding="utf-8")
    return json.loads(out.stdout)


def _python_reading(text: str) -> tuple[float | None, bool]:
    from geo.validate.amounts import read_amount

    got = read_amount(text)
    return got.amount, got.message is not None


# what people type: digits, separators, signs, euro signs, unit words and spaces
_PIECES = st.sampled_from(
    ["0", "1", "2", "3", "5", "7", "9", "00", "000", "250", "1.000", "1,000", ".", ",", "-",
     "+", ",-", "€", "€ ", "EUR", "euro", " ", "\u00a0", "\u202f", "'", "k", "K", "m", "M",
     "mln", "miljoen", "mld", "bn", "b", "duizend", "thousand", "million", "e", "E3", "e-2",
     "nan", "inf", "x", "a"])
typed = st.lists(_PIECES, min_size=0, max_size=7).map("".join)

def test_the_words_for_no_amount_come_from_python_only():
    """The page's no-amount words are generated from Python, never typed in the page's JS."""
    from geo.validate.amounts import UNKNOWN_AMOUNTS

    assert check_rules()["unknown_amounts"] == sorted(UNKNOWN_AMOUNTS)
    static = LIB.parent.parent
    for js in [*static.glob("*.js"), *static.glob("lib/*.js")]:
        text = js.read_text(encoding="utf-8")
        # the list itself (its long words), not a mention of a word or two in a comment
        assert '"nog te bepalen"' not in text and '"nader in te vullen"' not in text, js.name


KNOWN = ["n.t.b.", "N.T.B", "onbekend", "?", "- ", "p.m.",
         "1.000.000", "2,5 mln", "€ 750.000", "300k", "€ 2.500.000,-", "1,2 mld", "2.5M",
         "€1,250,000.50", "1.250", "1,250", "1,25", "0.750", "-5", "abc", "", "  ", "'",
         "1e12", "2e12", "€", "nan", "1.5e3", "2,5 miljoen", "eur 300", "300 euro"]


@settings(max_examples=40, deadline=None)
@given(st.lists(typed, min_size=1, max_size=60))
def test_js_amounts_read_as_the_cli_reads_them(texts):
    texts = KNOWN + texts
    js = run_amounts(texts)
    for text, got in zip(texts, js, strict=True):
        amount, refused = _python_reading(text)
        assert (got.get("error") is not None) == refused, (text, got, amount)
        if amount is None:
            assert got["amount"] is None, (text, got)
        else:
            assert got["amount"] == pytest.approx(amount, rel=0, abs=0), (text, got, amount)
