"""The build summary's line on projects outside the MRA formats only what it shows."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mapbuilder.cli.summary import _largest, _largest_first, _outside_line

_AMOUNTS = st.lists(st.sampled_from([math.nan, 0.0, 5.0, 5.0, 1e6, 2.5e6, 1e9]) |
                    st.floats(0, 1e9), min_size=1, max_size=40)


def _outside(amounts: list[float]) -> pd.DataFrame:
    n = len(amounts)
    return pd.DataFrame({"id": [f"p-{i}" for i in range(n)],
                         "name": [f"Project {i}" for i in range(n)],
                         "amount_eur": amounts, "lon": [5.9] * n, "lat": [50.9] * n})


@given(_AMOUNTS, st.integers(1, 6))
@settings(max_examples=200, deadline=None)
def test_largest_is_the_head_of_the_full_sort(amounts: list[float], k: int) -> None:
    frame = _outside(amounts)
    k = min(k, len(frame))
    assert _largest(frame, k)["id"].tolist() == _largest_first(frame)["id"].head(k).tolist()


@given(_AMOUNTS)
@settings(max_examples=100, deadline=None)
def test_outside_line_shows_the_largest_and_counts_the_rest(amounts: list[float]) -> None:
    frame = _outside(amounts)
    short, full = _outside_line(frame, "nl", False), _outside_line(frame, "nl", True)
    shown = _largest_first(frame)["id"].head(5).tolist()
    assert all(f"({i}," in short for i in shown)
    assert short.count("(p-") == len(shown) and full.count("(p-") == len(frame)
    rest = len(frame) - len(shown)
    assert (f"en nog {rest}" in short) == (rest > 0)
    assert short.split(" — ")[0] == full.split(" — ")[0]  # the same count and total


def test_area_wide_lines_show_the_largest_and_count_the_rest():
    """The area-wide projects of the summary: the largest few, then how many more."""
    from types import SimpleNamespace

    from mapbuilder.cli.summary import _placed_lines

    n = 9
    projects = pd.DataFrame({"id": [f"a-{i}" for i in range(n)],
                             "name": [f"Breed {i}" for i in range(n)],
                             "place": ["subregion"] * 5 + ["mra"] * 4,
                             "subregion": ["IJmond"] * 5 + [None] * 4,
                             "amount_eur": [float(10 ** (i % 5) + i) for i in range(n)]})
    analysis = SimpleNamespace(projects=projects)
    short, full = _placed_lines(analysis, "nl"), _placed_lines(analysis, "nl", verbose=True)
    shown = _largest_first(projects)["id"].head(5).tolist()
    assert [line.split()[0] for line in short[1:6]] == shown
    assert "en nog 4" in short[-1] and len(full) == 1 + n
    assert [line.split()[0] for line in full[1:]] == _largest_first(projects)["id"].tolist()
