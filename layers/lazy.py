"""Package names imported on first use (PEP 562), shared by ``layers``, ``geo`` and ``mapbuilder``.

A package ``__init__`` that re-exports its modules' names would import all of them
(and geopandas) as soon as any one small module of the package is imported; the
command line's ``--help`` and usage errors would pay for that. Instead the package
says where each name lives and :func:`lazy_names` looks it up when first asked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, namespace: dict[str, Any], home: Mapping[str, str],
               computed: Mapping[str, Callable[[], Any]] | None = None,
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` (its globals are ``namespace``).

    ``home`` maps a name to the module that defines it; ``computed`` maps a name to a
    function that makes its value (e.g. ``__version__``). A value, once found, is kept
    in ``namespace``, so it is looked up only once.
    """
    extra = dict(computed or {})

    def __getattr__(name: str) -> Any:
        if name in extra:
            value = extra[name]()
        elif name in home:
            value = getattr(import_module(home[name]), name)
        else:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *home, *extra})

    return __getattr__, __dir__
