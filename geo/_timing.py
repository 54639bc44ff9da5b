"""Wall-clock time per stage of a build, for the benchmark (``build --timings``).

Stages nest freely; each ``with stage("name"):`` adds its seconds to ``name``.
Recording costs two ``perf_counter`` calls per stage, so it is always on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["reset", "stage", "timings"]

_TIMES: dict[str, float] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the wall time of the ``with`` block to stage ``name``."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        _TIMES[name] = _TIMES.get(name, 0.0) + time.perf_counter() - t0


def timings() -> dict[str, float]:
    """Seconds per stage recorded since the last :func:`reset`, in order of first use."""
    return dict(_TIMES)


def reset() -> None:
    """Forget the recorded stages."""
    _TIMES.clear()
