"""Class breaks for choropleths: Fisher-Jenks natural breaks, in numpy.

The same optimal classes as ``mapclassify.FisherJenks`` (the tests check it),
without importing scipy.stats, scikit-learn and matplotlib, which mapclassify
pulls in and which cost about a second at every start of the command line.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fisher_jenks_bins"]

_MAX_EXACT = 2000  # above this many values, classify evenly spaced order statistics


def fisher_jenks_bins(values: np.ndarray, k: int) -> list[float]:
    """Upper bounds of the ``k`` classes that minimise the within-class sum of squares.

    Dynamic programming over the sorted values (Fisher 1958): for every class
    count ``c`` and last value ``j``, the best split point ``i`` is found for
    all ``j`` at once with an ``n`` x ``n`` matrix of segment costs. With more
    than 2,000 values the breaks are computed on 2,000 evenly spaced order
    statistics (as mapclassify's FisherJenksSampled does with a random sample).

    Parameters
    ----------
    values
        Finite numbers; at least ``k`` distinct ones.
    k
        Number of classes.
    """
    x = np.sort(np.asarray(values, dtype=float))
    if len(x) > _MAX_EXACT:
        x = x[np.linspace(0, len(x) - 1, _MAX_EXACT).round().astype(int)]
    n = len(x)
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])
    i = np.arange(n)[:, None]  # first value of the last class
    j = np.arange(n)[None, :]  # last value of the last class
    size = (j - i + 1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ssd = s2[j + 1] - s2[i] - (s1[j + 1] - s1[i]) ** 2 / size
    ssd = np.where(j >= i, np.maximum(ssd, 0.0), np.inf)
    cost = ssd[0].copy()  # one class for x[0..j]
    split = np.zeros((k, n), dtype=int)
    for c in range(1, k):
        prev = np.concatenate([[np.inf], cost[:-1]])  # best cost of x[0..i-1], c classes
        total = prev[:, None] + ssd
        split[c] = np.argmin(total, axis=0)
        cost = total[split[c], np.arange(n)]
    bins, end = [], n - 1
    for c in range(k - 1, -1, -1):
        bins.append(float(x[end]))
        end = split[c][end] - 1
    return bins[::-1]
