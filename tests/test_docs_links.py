"""The docs' links lead somewhere: every relative link in the README, CONTRIBUTING and
docs/*.md names a file of the repository, and every ``#anchor`` a heading of its target
(as GitHub makes anchors from headings). Every guide is linked from the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s]+)\)|\bsrc=\"([^\"]+)\"")
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text("utf-8"))
    return {_anchor(m.group(1)) for m in re.finditer(r"^#+ (.*)$", text, re.M)}


def _links(path: Path) -> list[str]:
    text = _FENCE.sub("", path.read_text("utf-8"))
    return [a or b for a, b in _LINK.findall(text)]


def test_anchor_rule_matches_githubs() -> None:
    assert _anchor("Where investments really concentrate: hot spots and clustering") == (
        "where-investments-really-concentrate-hot-spots-and-clustering")
    assert _anchor("## `transitiekaart build`".lstrip("# ")) == "transitiekaart-build"
    assert _anchor("URL keys") == "url-keys"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_relative_links_and_anchors_exist(doc: Path) -> None:
    links = [lk for lk in _links(doc) if not re.match(r"^[a-z]+:", lk)]  # http:, mailto:, data:
    for link in links:
        target, _, anchor = link.partition("#")
        path = (doc.parent / target).resolve() if target else doc
        assert path.exists(), f"{doc.name}: link to {link}: no such file"
        assert ROOT in path.parents or path == ROOT, f"{doc.name}: {link} leaves the repository"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{doc.name}: {link}: no such heading"


def test_readme_links_every_guide() -> None:
    linked = {(ROOT / lk.partition("#")[0]).resolve() for lk in _links(ROOT / "README.md")
              if not re.match(r"^[a-z]+:", lk)}
    guides = {*(ROOT / "docs").glob("*.md"), ROOT / "CONTRIBUTING.md"}
    assert guides - linked == set()
