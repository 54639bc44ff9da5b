"""The intake's vectorised steps give what their per-row rules give (issue 23, item 1).

Each step that replaced a per-row Python loop by Arrow or numpy is fed by
hypothesis next to the rule it replaces, written out plainly here.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Transformer

from geo.validate.places import _folded_names, likely_duplicates
from layers.settings import SETTINGS

_NAME = st.text(alphabet=st.sampled_from(list("aAbB sSß\u1e9eéÉİıΣσς\u00a0\u2003ﬁ")), max_size=5)


@given(names=st.lists(_NAME, min_size=1, max_size=12), arrow=st.booleans())
@settings(max_examples=300, deadline=None)
def test_folded_names_as_str_casefold(names: list[str], arrow: bool) -> None:
    series = pd.Series(names, dtype="str" if arrow else object)
    want = [v.strip().casefold() for v in series.str.strip()]
    got = _folded_names(series)
    if len(set(want)) == len(want):
        assert got is None
    else:
        assert got is not None and got.tolist() == want


def _pairs(names: list[str], xy: list[tuple[float, float]]) -> list[tuple[int, int, float]]:
    """Every pair (i < j) with the same stripped, case-folded name within the distance."""
    to_rd = Transformer.from_crs(4326, SETTINGS.crs_metric, always_xy=True)
    rd = [to_rd.transform(x, y) for x, y in xy]
    out = []
    for j in range(len(names)):
        for i in range(j):
            d = float(np.hypot(rd[i][0] - rd[j][0], rd[i][1] - rd[j][1]))
            if names[i].strip().casefold() == names[j].strip().casefold() and \
                    d <= SETTINGS.duplicate_distance_m:
                out.append((i, j, d))
    return out


@given(rows=st.lists(st.tuples(_NAME.filter(str.strip), st.integers(0, 3), st.integers(0, 3)),
                     min_size=2, max_size=10))
@settings(max_examples=100, deadline=None)
def test_likely_duplicates_as_every_pair(rows: list[tuple[str, int, int]]) -> None:
    names = [n for n, _, _ in rows]
    step = SETTINGS.duplicate_distance_m / 2 / 111_000  # degrees: half the distance or so
    xy = [(4.9 + a * step * 1.6, 52.37 + b * step) for _, a, b in rows]
    gdf = gpd.GeoDataFrame({"name": pd.Series(names, dtype="str")},
                           geometry=shapely.points(xy), crs=4326)
    got = likely_duplicates(gdf)
    want = _pairs(names, xy)
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in want]
    assert np.allclose([m for _, _, m in got], [m for _, _, m in want], atol=0.01)


_TEXT = st.text(alphabet=st.sampled_from(["a", "é", "\u0000", "\u001f", "\u007f", "\u0080",
                                          "\u009f", "\u00a0", "\u00c2", "\u0100", "€", " "]),
                max_size=4)


@given(texts=st.lists(st.one_of(st.none(), _TEXT), max_size=8), start=st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_control_characters_found_in_arrow_buffers_as_in_the_texts(texts: list[str | None],
                                                                   start: int) -> None:
    import pyarrow as pa

    from geo.validate.controls import ANY_CONTROL
    from geo.validate.fast import _arrow_controls

    arr = pa.array(texts, type=pa.string()).slice(min(start, len(texts)))
    shown = [t for t in texts[min(start, len(texts)):] if t is not None]
    assert _arrow_controls(arr) == any(ANY_CONTROL.search(t) for t in shown)


@given(values=st.one_of(st.lists(st.one_of(st.none(), _TEXT)),
                        st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1))),
                        st.lists(st.integers(-2**63, 2**63 - 1))),
       few=st.booleans(), start=st.integers(0, 2))
@settings(max_examples=300, deadline=None)
def test_arrow_columns_as_lists_as_to_pylist(values: list[object], few: bool, start: int) -> None:
    import pyarrow as pa

    from geo.validate.fast import _as_list

    arr = pa.array(values).slice(min(start, len(values)))
    got = _as_list(arr, few)
    assert got == arr.to_pylist()
    assert list(map(type, got)) == list(map(type, arr.to_pylist()))
