"""Progress lines: only on a terminal, slow stages stay with their time."""

from __future__ import annotations

import io
import time

from layers.timing import set_reporter, stage
from mapbuilder.cli.progress import show_progress


def test_progress_only_on_a_terminal():
    assert show_progress(io.StringIO()) is False  # a pipe or file: nothing is written
    set_reporter(None)


def test_slow_stage_keeps_its_line_fast_stage_is_cleared(monkeypatch):
    monkeypatch.setenv("TRANSITIEKAART_LANG", "en")
    out = io.StringIO()
    assert show_progress(out, force=True)
    try:
        with stage("validate"):
            pass
        fast = out.getvalue()
        monkeypatch.setattr("mapbuilder.cli.progress._SLOW", 0.0)
        with stage("write"):
            time.sleep(0.01)
    finally:
        set_reporter(None)
    assert "checking projects …" in fast and fast.endswith("\r\033[K")
    assert out.getvalue().rstrip().endswith("s")
    assert "writing the page: " in out.getvalue()


def test_progress_follows_the_language(monkeypatch):
    from layers.lang import use_lang

    out = io.StringIO()
    monkeypatch.setattr("mapbuilder.cli.progress._SLOW", 0.0)
    show_progress(out, force=True)
    try:
        with use_lang("nl"), stage("write"):
            time.sleep(0.01)
    finally:
        set_reporter(None)
    assert "pagina schrijven: 0," in out.getvalue()  # decimal comma
