"""Classes of the comparison page: rounded limits, zero on its own, each value in one class."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapbuilder.classes import fisher_jenks_bins
from mapbuilder.compare.charts import (
    LQ_BREAKS,
    ZERO,
    format_limit,
    lq_classes,
    nice_classes,
    nice_limit,
)

values = st.lists(st.one_of(st.just(0.0), st.just(math.nan),
                            st.floats(0.01, 5e8, allow_nan=False)), min_size=1, max_size=40)


def _sig_digits(x: float) -> int:
    mantissa = f"{x:.10e}".split("e")[0].replace(".", "").replace("-", "")
    return len(mantissa.rstrip("0")) or 1


@settings(max_examples=200, deadline=None)
@given(lo=st.floats(0, 1e9, allow_nan=False), gap=st.floats(1e-6, 1e9, allow_nan=False))
def test_nice_limit_lies_between(lo: float, gap: float) -> None:
    hi = lo + gap
    if hi <= lo:
        return
    x = nice_limit(lo, hi)
    assert lo < x <= hi


@pytest.mark.parametrize(("lo", "hi", "want"), [
    (12_060_000, 14_000_000, 14_000_000), (1_500_000, 12_060_000, 10_000_000),
    (0.3, 0.55, 0.5), (3, 5, 5), (411.62, 419.66, 419), (0.81, 0.84, 0.84)])
def test_nice_limit_examples(lo: float, hi: float, want: float) -> None:
    assert nice_limit(lo, hi) == pytest.approx(want)


@settings(max_examples=150, deadline=None)
@given(vals=values)
def test_each_value_in_exactly_one_class(vals: list[float]) -> None:
    c = nice_classes(pd.Series(vals), "eur_ai")
    idx = c.index(vals)
    v = np.asarray(vals, dtype=float)
    finite = np.isfinite(v)
    assert (idx[~finite] == -1).all() and (idx[finite] >= 0).all()
    assert (idx[finite] < len(c.colours)).all()
    assert len(c.colours) == len(c.labels) <= 6
    assert list(c.limits) == sorted(set(c.limits))
    # order: a larger value never lands in a lower class; zero alone in the first
    order = np.argsort(v[finite], kind="stable")
    assert (np.diff(idx[finite][order]) >= 0).all()
    if c.zero:
        assert ((idx[finite] == 0) == (v[finite] == 0)).all() and c.colours[0] == ZERO
    assert c.no_data == bool((~finite).any())
    # membership by the explicit ranges: [limit_i, limit_i+1)
    lows = [-math.inf, *c.limits]
    highs = [*c.limits, math.inf]
    for x, i in zip(v[finite], idx[finite], strict=True):
        if c.zero and x == 0:
            continue
        k = i - c.zero
        assert lows[k] <= x < highs[k]


@settings(max_examples=100, deadline=None)
@given(vals=st.lists(st.floats(0.01, 5e8, allow_nan=False), min_size=7, max_size=40,
                     unique=True))
def test_rounding_keeps_the_natural_breaks(vals: list[float]) -> None:
    """Rounded limits give the same partition as Fisher-Jenks, with short numbers."""
    c = nice_classes(pd.Series(vals), "eur_ai")
    v = np.sort(np.asarray(vals))
    jenks = np.searchsorted(np.asarray(fisher_jenks_bins(v, 5)), v, side="left")
    ours = c.index(v)
    # same groups (ours may merge nothing, so the labels map one to one)
    assert len(set(zip(jenks, ours, strict=True))) == len(set(jenks)) == len(set(ours))
    for x in c.limits:  # no shorter number lies between the two classes
        below, above = v[v < x].max(), v[v >= x].min()
        shorter = round(x, -math.floor(math.log10(x)) + _sig_digits(x) - 2)
        assert _sig_digits(x) == 1 or not (below < shorter <= above) or shorter == x


def test_legend_labels_read_aloud() -> None:
    c = nice_classes(pd.Series([0, 0, 1.5e6, 12.06e6, 14e6, 30e6, 50.1e6, 80e6, np.nan]),
                     "eur_ai")
    assert c.labels == ("0 (geen)", "tot € 10 mln", "€ 10 mln – € 30 mln",
                        "€ 30 mln – € 50 mln", "€ 50 mln – € 80 mln", "€ 80 mln en meer")
    assert c.zero and c.no_data
    en = nice_classes(pd.Series([0, 0.12, 0.3, 0.55]), "share_ai", lang="en")
    assert en.labels == ("0 (none)", "under 30%", "30% – 50%", "50% and over")


@pytest.mark.parametrize(("value", "col", "lang", "text"), [
    (12_000_000, "total_eur", "nl", "€ 12 mln"), (12_500_000, "total_eur", "nl", "€ 12,5 mln"),
    (12_500_000, "total_eur", "en", "€12.5m"), (2e9, "total_eur", "nl", "€ 2 mld"),
    (120, "eur_per_inhabitant", "nl", "€ 120"), (0.125, "share_ai", "nl", "12,5%"),
    (1.25, "lq_ai", "nl", "1,25"), (0.5, "lq_ai", "en", "0.5")])
def test_format_limit(value: float, col: str, lang: str, text: str) -> None:
    assert format_limit(value, col, lang) == text


def test_lq_classes_start_at_zero() -> None:
    c = lq_classes([0.0, 0.5, 0.79, 0.8, 1.0, 2.0, 7.0, np.nan])
    assert c.labels == ("0 – 0,5", "0,5 – 0,8", "0,8 – 1,25", "1,25 – 2", "2 en meer")
    assert c.index([0.0, 0.5, 0.79, 0.8, 1.0, 2.0, 7.0, np.nan]).tolist() == [
        0, 1, 1, 2, 2, 4, 4, -1]
    assert c.limits == LQ_BREAKS and c.no_data
