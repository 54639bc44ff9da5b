"""Wall-clock time per stage of a build, for the benchmark (``build --timings``).

Stages nest freely; each ``with stage("name"):`` adds its seconds to ``name``.
Recording costs two ``perf_counter`` calls per stage, so it is always on. A
reporter (see :func:`set_reporter`) hears when a stage starts and ends: the
command line uses it to show progress on a terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["reset", "set_reporter", "stage", "timings"]

_TIMES: dict[str, float] = {}
_REPORTER: list[Callable[[str, float | None], None]] = []


def set_reporter(reporter: Callable[[str, float | None], None] | None) -> None:
    """Call ``reporter(name, None)`` when a stage starts and ``(name, seconds)`` at its end."""
    _REPORTER[:] = [reporter] if reporter is not None else []


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the wall time of the ``with`` block to stage ``name``."""
    for report in _REPORTER:
        report(name, None)
    t0 = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - t0
        _TIMES[name] = _TIMES.get(name, 0.0) + seconds
        for report in _REPORTER:
            report(name, seconds)


def timings() -> dict[str, float]:
    """Seconds per stage recorded since the last :func:`reset`, in order of first use."""
    return dict(_TIMES)


def reset() -> None:
    """Forget the recorded stages."""
    _TIMES.clear()
