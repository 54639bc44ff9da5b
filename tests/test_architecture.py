"""The import contract: data flows one way, layers -> geo -> mapbuilder, and no
package uses another package's private modules.

Read with :mod:`ast` from the source files (nothing is imported), so an import
inside a function or under ``TYPE_CHECKING`` counts as much as one at the top:
each is a dependency that someone reading or moving the module must know of.

* ``layers`` (what the region is) imports neither ``geo`` nor ``mapbuilder``;
  ``geo`` (what the numbers are) does not import ``mapbuilder``.
* A module imports from another top-level package only its public modules: no
  name in the imported path starts with ``_`` (``geo._errors`` from
  ``mapbuilder`` is private to ``geo``). Inside one package, private modules are
  its own business.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("layers", "geo", "mapbuilder")
# what each package may import of the others (the one-way flow)
ALLOWED = {"layers": set(), "geo": {"layers"}, "mapbuilder": {"layers", "geo"}}


@dataclass(frozen=True)
class Import:
    """One imported module path, where it is written."""

    file: str  # relative to the repository
    line: int
    module: str  # the full dotted path imported ("geo._errors", "geo.comparison.compare")

    @property
    def package(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.module}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module of ``from ... import`` (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(path: Path) -> list[Import]:
    """Every module path ``path`` imports; for ``from m import a, b``, ``m.a`` and ``m.b``
    (``a`` may be a submodule, such as ``from geo import _errors``)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    here = _module_name(path)
    rel = path.relative_to(ROOT).as_posix()
    out: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [Import(rel, node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, here, path.name == "__init__.py")
            out += [Import(rel, node.lineno, f"{base}.{a.name}" if a.name != "*" else base)
                    for a in node.names]
    return out


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _all_imports() -> dict[str, list[Import]]:
    return {pkg: [i for p in _sources(pkg) for i in imports_of(p)] for pkg in PACKAGES}


def _private_path(module: str) -> bool:
    """True when a part of the path after the package names a private module or name."""
    return any(part.startswith("_") and not part.startswith("__")
               for part in module.split(".")[1:])


def test_the_source_tree_is_read() -> None:
    """The contract tests below see the real tree: each package has modules and imports."""
    found = _all_imports()
    for pkg in PACKAGES:
        assert len(_sources(pkg)) > 5, pkg
        assert found[pkg], pkg
    assert any(i.package == "geo" for i in found["mapbuilder"])
    assert any(i.package == "layers" for i in found["geo"])


@pytest.mark.parametrize("package", PACKAGES)
def test_data_flows_one_way(package: str) -> None:
    """layers imports neither geo nor mapbuilder; geo does not import mapbuilder."""
    others = set(PACKAGES) - {package}
    wrong = [str(i) for i in _all_imports()[package]
             if i.package in others and i.package not in ALLOWED[package]]
    assert not wrong, (f"{package} must not import " + ", ".join(sorted(others - ALLOWED[package]))
                       + ":\n" + "\n".join(wrong))


def test_no_package_imports_another_packages_private_modules() -> None:
    """A module such as ``geo._register_ids`` is geo's own; other packages use public ones."""
    wrong = [str(i) for pkg, found in _all_imports().items() for i in found
             if i.package in PACKAGES and i.package != pkg and _private_path(i.module)]
    assert not wrong, ("private modules imported across packages (give them a public "
                       "home):\n" + "\n".join(wrong))


# ---------------------------------------------------------------- the checker itself


def _write(tmp: Path, rel: str, text: str) -> Path:
    path = tmp / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_imports_are_found_wherever_they_are_written(tmp_path: Path, monkeypatch) -> None:
    """Top-level, in a function, under TYPE_CHECKING, relative, and ``from pkg import _mod``."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = _write(tmp_path, "geo/sub/mod.py", (
        "import layers.lang\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from mapbuilder.page import finalise\n"
        "def f():\n"
        "    from mapbuilder import _sources\n"
        "    from .. import _atomic\n"
        "    from .sibling import x\n"))
    found = {i.module for i in imports_of(path)}
    assert found == {"layers.lang", "typing.TYPE_CHECKING", "mapbuilder.page.finalise",
                     "mapbuilder._sources", "geo._atomic", "geo.sub.sibling.x"}
    assert _private_path("mapbuilder._sources") and _private_path("geo.x._y")
    assert not _private_path("geo.comparison.compare")
    assert not _private_path("geo.__version__")


# geo has two rooms: intake (reading, checking and keeping what partners send) and
# analysis (combining and measuring). Analysis works on frames and never reads a file.
INTAKE = ("geo.validate", "geo.register", "geo.io", "geo._register_doc", "geo._register_ids")
ANALYSIS = ("analysis", "autocorrelation", "combine", "comparison", "concentration", "getisord",
            "precompute", "projects", "stats", "themes")


def test_geo_analysis_does_not_reach_into_intake() -> None:
    """The analysis modules of geo import nothing of intake (validate, register, io)."""
    root = ROOT / "geo"
    assert {p.stem for p in root.glob("*.py")} >= set(ANALYSIS)  # the list is still true
    wrong = [str(i) for name in ANALYSIS for i in imports_of(root / f"{name}.py")
             if any(i.module == m or i.module.startswith(m + ".") for m in INTAKE)]
    assert not wrong, "analysis imports intake:\n" + "\n".join(wrong)
