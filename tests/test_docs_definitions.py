"""The Dutch comparison guide (docs/vergelijken.md) defines the figures in the very words the
comparison page, the Excel workbook and the map's hot-spot legend use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapbuilder.compare.formats import definitions
from mapbuilder.i18n import spatial_definitions

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "vergelijken.md"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("term", "text"), definitions("nl"))
def test_every_definition_of_the_comparison_is_in_the_guide(term: str, text: str) -> None:
    assert _flat(f"**{term}**: {text}") in _flat(GUIDE.read_text("utf-8"))


@pytest.mark.parametrize("paragraph", spatial_definitions("nl"))
def test_every_paragraph_on_the_spatial_statistics_is_in_the_guide(paragraph: str) -> None:
    assert _flat(paragraph) in _flat(GUIDE.read_text("utf-8"))
