"""Progress on a terminal: which stage of a build runs, and how long the slow ones took.

Shown only when standard error is a terminal, so pipes, files and CI logs stay
clean. Stages come from :func:`layers.timing.stage`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from layers.lang import format_number
from layers.messages import has, msg
from layers.timing import set_reporter

__all__ = ["STAGES", "label", "show_progress"]

STAGES = ("layers", "read", "validate", "combine", "aggregate", "render", "write", "png")


def label(stage: str, lang: str | None = None) -> str:
    """What a person reads for ``stage``, in ``lang`` (default: the run's language)."""
    key = f"cli.stage_{stage}"
    return msg(key, lang) if has(key) else stage

_SLOW = 1.0  # seconds: stages that took longer stay on screen with their time


class _TerminalReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, name: str, seconds: float | None) -> None:
        text = label(name)
        if seconds is None:
            self.stream.write(f"\r\033[K{text} …")
        elif seconds >= _SLOW:
            self.stream.write(f"\r\033[K{text}: {format_number(seconds, 1)} s\n")
        else:
            self.stream.write("\r\033[K")
        self.stream.flush()


def show_progress(stream: TextIO | None = None, force: bool = False) -> bool:
    """Report stages on ``stream`` (default stderr) if it is a terminal; return whether on."""
    stream = stream or sys.stderr
    on = force or (hasattr(stream, "isatty") and stream.isatty())
    set_reporter(_TerminalReporter(stream) if on else None)
    return on
