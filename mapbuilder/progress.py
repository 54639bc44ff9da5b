"""Progress on a terminal: which stage of a build runs, and how long the slow ones took.

Shown only when standard error is a terminal, so pipes, files and CI logs stay
clean. Stages come from :func:`geo._timing.stage`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from geo._timing import set_reporter

__all__ = ["LABELS", "show_progress"]

LABELS = {
    "layers": "loading boundaries", "read": "reading projects",
    "validate": "checking projects", "combine": "placing projects in areas",
    "aggregate": "computing figures", "render": "drawing the map",
    "write": "writing the page", "png": "taking the picture",
}
_SLOW = 1.0  # seconds: stages that took longer stay on screen with their time


class _TerminalReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, name: str, seconds: float | None) -> None:
        label = LABELS.get(name, name)
        if seconds is None:
            self.stream.write(f"\r\033[K{label} …")
        elif seconds >= _SLOW:
            self.stream.write(f"\r\033[K{label}: {seconds:.1f} s\n")
        else:
            self.stream.write("\r\033[K")
        self.stream.flush()


def show_progress(stream: TextIO | None = None, force: bool = False) -> bool:
    """Report stages on ``stream`` (default stderr) if it is a terminal; return whether on."""
    stream = stream or sys.stderr
    on = force or (hasattr(stream, "isatty") and stream.isatty())
    set_reporter(_TerminalReporter(stream) if on else None)
    return on
