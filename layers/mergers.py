"""Former municipalities merged into one of the 30 MRA municipalities since 2000.

Read from ``layers/data/former_municipalities.csv`` (source: CBS, see
``layers/data/SOURCES.md``), so that a sheet naming "Weesp" or "Bussum" is read as
Amsterdam or Gooise Meren, with a note.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Merger", "former_municipalities"]


@dataclass(frozen=True)
class Merger:
    """A former municipality, its CBS code ("" when not given), the municipality it
    merged into and the year."""

    former_name: str
    former_code: str
    municipality: str
    year: int


@cache
def former_municipalities() -> tuple[Merger, ...]:
    """Every merger in the table, in its order."""
    path = Path(str(resources.files("layers") / "data" / "former_municipalities.csv"))
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(Merger(r["former_name"], r["former_code"], r["municipality"],
                            int(r["year"])) for r in csv.DictReader(fh))
